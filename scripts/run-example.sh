#!/usr/bin/env bash
# Installs what is missing, builds asynclint and runs it on its built-in
# example, the test corpus, printing every finding.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
llvm="${ASYNCLINT_LLVM_VERSION:-19}"

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DASYNCLINT_LLVM_ROOT="/usr/lib/llvm-$llvm"
cmake --build "$build" --target AsyncLint

status=0
while IFS= read -r file; do
  "/usr/lib/llvm-$llvm/bin/clang-tidy" --load="$build/lib/libAsyncLint.so" --checks='-*,async-*' \
    --config='{}' --quiet "$file" -- -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE \
    -I"$root/test-corpus/include" 2>/dev/null || status=1
done < <(find "$root/test-corpus" -name '*.cpp' -not -path '*/harness/*' -not -path '*/include/*' | sort)
exit 0
