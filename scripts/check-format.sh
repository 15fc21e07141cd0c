#!/usr/bin/env bash
# asynclint's own C++ (not the corpus programs, whose annotations are aligned
# by hand, nor the benchmark programs) must match .clang-format.
# Usage: scripts/check-format.sh [clang-format binary]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
format="${1:-clang-format-19}"
cd "$root"
mapfile -t files < <(git ls-files '*.cpp' '*.h' | grep -v -e '^test-corpus/[^h]' -e '^bench/')
"$format" --dry-run --Werror "${files[@]}"
echo "check-format: ${#files[@]} files formatted"
