#!/usr/bin/env bash
# Time to diagnostics after open and after edits: asynclint-clangd against
# Debian's clangd of the same LLVM, on a large generated Asio translation unit.
# Builds asynclint-clangd first.
# Usage: bench/clangd-latency.sh [--handlers N] [--sessions N] [--edits N] [--json FILE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
llvm="${ASYNCLINT_LLVM_VERSION:-19}"
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja >/dev/null
cmake --build "$build" --target asynclint-clangd
exec python3 "$root/bench/clangd_latency.py" --ours "$build/bin/asynclint-clangd" \
  --stock "/usr/lib/llvm-$llvm/bin/clangd" "$@"
