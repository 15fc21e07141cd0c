#!/usr/bin/env python3
"""Time to diagnostics in an editor: asynclint-clangd against Debian's clangd.

Both servers open the same generated Asio-heavy translation unit
(gen_asio_heavy.py) in a project with only a .clang-tidy and a compile
database, as an editor would over LSP, and go through edit cycles: each edit
changes one expression inside a function body (the preamble stays valid, as
for most keystrokes) and waits for the diagnostics of that version. The
.clang-tidy enables the async-* checks and the same upstream checks for both;
stock clangd does not know the async-* ones and skips them, so the difference
is what the async checks (and asynclint-clangd's other changes) cost.

Figures per server:
  open   wall time from didOpen to the first diagnostics (preamble + AST + checks)
  edit   wall time from didChange to that version's diagnostics; includes
         clangd's debounce (the last rebuild time, clamped to 50-500 ms), as an
         editor sees it
  cpu    CPU time (user + system, all threads) the server spent on one edit
         cycle, measured until it is idle again: stable on a busy machine where
         wall time is not
Sessions of the two servers alternate, so drifting machine load hits both.
"""
import argparse
import json
import os
import pathlib
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
UPSTREAM_CHECKS = "bugprone-*,performance-*,modernize-use-nullptr,readability-braces-around-statements"
EDITED = "value = value * 31 + c;"
EDITS = ["value = value * 37 + c;", EDITED]


class Server:
    """A language server over pipes, with a minimal editor's LSP client."""

    def __init__(self, command, project, home):
        env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
        self.log = open(project / (pathlib.Path(command[0]).name + ".log"), "w")
        self.proc = subprocess.Popen(command, cwd=project, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log)
        self.buffer = b""
        self.next_id = 1
        self.request("initialize", {"processId": os.getpid(), "rootUri": project.as_uri(),
                                    "capabilities": {"textDocument": {"publishDiagnostics": {
                                        "relatedInformation": True}}}})
        self.notify("initialized", {})

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params, timeout=120):
        ident = self.next_id
        self.next_id += 1
        self.send({"id": ident, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == ident and "method" not in m, timeout)

    def read(self, deadline):
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                length = int([line.split(b":")[1] for line in self.buffer[:end].split(b"\r\n")
                              if line.lower().startswith(b"content-length")][0])
                if len(self.buffer) >= end + 4 + length:
                    message = json.loads(self.buffer[end + 4:end + 4 + length])
                    self.buffer = self.buffer[end + 4 + length:]
                    return message
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.proc.stdout], [], [], min(left, 1.0))
            if ready:
                data = os.read(self.proc.stdout.fileno(), 1 << 16)
                if not data:
                    return None
                self.buffer += data

    def wait(self, wanted, timeout):
        deadline = time.monotonic() + timeout
        while True:
            message = self.read(deadline)
            if message is None:
                sys.exit(f"clangd_latency: no answer from {self.proc.args[0]} "
                         f"(see {self.log.name})")
            if "method" in message and "id" in message:  # a request from the server
                self.send({"id": message["id"], "result": None})
            elif wanted(message):
                return message

    def diagnostics(self, uri, version, timeout=600):
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri
                         and m["params"].get("version") == version, timeout)["params"]["diagnostics"]

    def cpu_seconds(self):
        fields = pathlib.Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def settle(self, quiet=0.5, limit=60):
        """Waits until the server has used no CPU for `quiet` seconds."""
        end = time.monotonic() + limit
        last = self.cpu_seconds()
        while time.monotonic() < end:
            time.sleep(quiet)
            now = self.cpu_seconds()
            if now - last < 0.01:
                return
            last = now

    def close(self):
        try:
            self.request("shutdown", None, timeout=30)
            self.notify("exit", None)
            self.proc.wait(timeout=30)
        except (SystemExit, subprocess.TimeoutExpired, BrokenPipeError):
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def session(command, project, home, source, edits):
    server = Server(command, project, home)
    uri = source.as_uri()
    text = source.read_text()
    start = time.monotonic()
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
    opened = server.diagnostics(uri, 1)
    open_seconds = time.monotonic() - start
    async_count = sum(1 for d in opened if str(d.get("code", "")).startswith("async-"))
    server.settle()
    edit_walls, edit_cpus = [], []
    for n in range(edits):
        version = n + 2
        edited = text.replace(EDITED, EDITS[n % 2], 1)
        cpu_before = server.cpu_seconds()
        start = time.monotonic()
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": edited}]})
        server.diagnostics(uri, version)
        edit_walls.append(time.monotonic() - start)
        server.settle()
        edit_cpus.append(server.cpu_seconds() - cpu_before)
    server.close()
    return open_seconds, edit_walls, edit_cpus, async_count


def summary(values):
    return f"median {statistics.median(values):6.3f} s  min {min(values):6.3f} s  max {max(values):6.3f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ours", required=True, help="asynclint-clangd")
    parser.add_argument("--stock", required=True, help="Debian's clangd of the same LLVM")
    parser.add_argument("--handlers", type=int, default=120,
                        help="session handlers in the generated Asio-heavy file")
    parser.add_argument("--sessions", type=int, default=3, help="sessions per server")
    parser.add_argument("--edits", type=int, default=8, help="edit cycles per session")
    parser.add_argument("--json", help="also write the raw figures here")
    args = parser.parse_args()

    work = pathlib.Path(tempfile.mkdtemp(prefix="asynclint-clangd-bench-"))
    try:
        source = work / "heavy.cpp"
        subprocess.run([sys.executable, str(ROOT / "bench" / "gen_asio_heavy.py"), str(source),
                        "--handlers", str(args.handlers)], check=True)
        if EDITED not in source.read_text():
            sys.exit("clangd_latency: the generated file no longer holds the edited expression")
        (work / ".clang-tidy").write_text(f"Checks: '-*,async-*,{UPSTREAM_CHECKS}'\n")
        (work / "compile_commands.json").write_text(json.dumps([{
            "directory": str(work), "file": str(source),
            "arguments": ["/usr/bin/g++", "-std=c++20", "-DASIO_HAS_CO_AWAIT",
                          "-DASIO_HAS_STD_COROUTINE", "-c", str(source)]}]))
        home = work / ".home"
        home.mkdir()
        lines = source.read_text().count("\n")
        print(f"{source.name}: {lines} lines, {args.handlers} handlers; checks: "
              f"async-*,{UPSTREAM_CHECKS}; {args.sessions} sessions x {args.edits} edits "
              f"per server; load average {os.getloadavg()[0]:.1f}")

        servers = {"asynclint-clangd": [str(pathlib.Path(args.ours).resolve())],
                   "clangd": [str(pathlib.Path(args.stock).resolve())]}
        results = {name: {"open": [], "edit": [], "cpu": [], "async": 0} for name in servers}
        for _ in range(args.sessions):
            for name, command in servers.items():
                opened, walls, cpus, async_count = session(
                    command + ["--background-index=false"], work, home, source, args.edits)
                results[name]["open"].append(opened)
                results[name]["edit"] += walls
                results[name]["cpu"] += cpus
                results[name]["async"] = async_count
        for name, figures in results.items():
            print(f"\n{name} ({figures['async']} async-* diagnostics)")
            for key in ("open", "edit", "cpu"):
                print(f"  {key:5} {summary(figures[key])}")
        ours, stock = results["asynclint-clangd"], results["clangd"]
        print("\nasynclint-clangd / clangd (medians):")
        for key in ("open", "edit", "cpu"):
            ratio = statistics.median(ours[key]) / statistics.median(stock[key])
            print(f"  {key:5} {ratio:5.3f}  ({(ratio - 1) * 100:+.1f} %)")
        if args.json:
            pathlib.Path(args.json).write_text(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
