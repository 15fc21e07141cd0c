#!/usr/bin/env bash
# Installs what is missing, builds asynclint and runs it on its built-in
# example, the test corpus, printing every finding.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
llvm="${ASYNCLINT_LLVM_VERSION:-19}"

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DASYNCLINT_LLVM_ROOT="/usr/lib/llvm-$llvm"
cmake --build "$build" --target asynclint asynclint_corpus_database

# The corpus as a compile database (build/test-corpus/compile_commands.json,
# written by the build). Findings are the point of the demo, so exit status 1
# (findings) is success here; 2 (bad input, a file that does not parse) is not.
# --config='{}': the corpus runs with the checks' defaults, not with whatever
# .clang-tidy the checkout has for its own code.
status=0
"$build/bin/asynclint" check -p "$build/test-corpus" --config='{}' || status=$?
if [ "$status" -gt 1 ]; then
  echo "run-example: asynclint failed (exit $status)" >&2
  exit "$status"
fi
exit 0
