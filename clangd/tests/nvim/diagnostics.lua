-- Opens a file in Neovim (0.7+), attaches asynclint-clangd through Neovim's
-- built-in LSP client, waits for the server's diagnostics and writes them, one
-- JSON object a line, to $ASYNCLINT_NVIM_OUT. Run headless by NeovimTest.cpp:
--   nvim --headless --clean -c 'luafile diagnostics.lua' FILE
local server = os.getenv('ASYNCLINT_CLANGD')
local root = os.getenv('ASYNCLINT_NVIM_ROOT')
local out_path = os.getenv('ASYNCLINT_NVIM_OUT')
local timeout_ms = tonumber(os.getenv('ASYNCLINT_NVIM_TIMEOUT_MS') or '300000')

local function finish(lines, status)
  local out = io.open(out_path, 'w')
  for _, line in ipairs(lines) do
    out:write(line, '\n')
  end
  out:close()
  vim.cmd(status == 0 and 'qall!' or 'cquit! ' .. status)
end

local bufnr = vim.api.nvim_get_current_buf()
local published = false
local client_id = vim.lsp.start_client({
  name = 'asynclint-clangd',
  cmd = { server },
  root_dir = root,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      if result.uri == vim.uri_from_bufnr(bufnr) then
        published = true
      end
    end,
  },
})
if not client_id or not vim.lsp.buf_attach_client(bufnr, client_id) then
  finish({ vim.fn.json_encode({ error = 'could not start ' .. tostring(server) }) }, 2)
  return
end

if not vim.wait(timeout_ms, function() return published end, 100) then
  finish({ vim.fn.json_encode({ error = 'no diagnostics within ' .. timeout_ms .. ' ms' }) }, 3)
  return
end

local lines = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(lines, vim.fn.json_encode({
    line = d.lnum + 1,
    severity = d.severity,
    source = d.source or vim.NIL,
    code = d.code or lsp.code or vim.NIL,
    message = d.message,
    related = lsp.relatedInformation or {},
  }))
end
finish(lines, 0)
