#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test through ctest.
# BUILD_DIR (default build) and ASYNCLINT_LLVM_VERSION (default 19) may be set.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
llvm="${ASYNCLINT_LLVM_VERSION:-19}"

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DASYNCLINT_LLVM_ROOT="/usr/lib/llvm-$llvm"
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
