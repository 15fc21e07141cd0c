#!/usr/bin/env bash
# The project's own code must be clean under its own checks: runs the async-*
# checks (the plugin, in the real clang-tidy) over asynclint's sources that
# use threads and coroutines (runtime/, tool/) from the build's compile
# database. Exits non-zero on any finding or error.
# Usage: scripts/self-check.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${BUILD_DIR:-$root/build}}"
llvm_bin="$(sed -n 's/^ASYNCLINT_CLANG_TIDY:FILEPATH=//p' "$build/CMakeCache.txt")"
[ -x "$llvm_bin" ] || { echo "self-check: no clang-tidy recorded in $build/CMakeCache.txt" >&2; exit 2; }
[ -f "$build/compile_commands.json" ] || { echo "self-check: $build/compile_commands.json missing" >&2; exit 2; }

mapfile -t files < <(python3 - "$build/compile_commands.json" "$root" <<'PY'
import json, sys, os
root = os.path.realpath(sys.argv[2])
seen = set()
for entry in json.load(open(sys.argv[1])):
    path = os.path.realpath(os.path.join(entry["directory"], entry["file"]))
    rel = os.path.relpath(path, root)
    if rel.startswith(("runtime/", "tool/")) and not rel.startswith(("runtime/tests/", "tool/tests/")) and path not in seen:
        seen.add(path)
        print(path)
PY
)
[ "${#files[@]}" -gt 0 ] || { echo "self-check: no runtime/ or tool/ sources in the compile database" >&2; exit 2; }

status=0
out="$(printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 "$llvm_bin" --load="$build/lib/libAsyncLint.so" \
  --checks='-*,async-*' --warnings-as-errors='async-*' --quiet -p "$build" 2>&1)" || status=$?
echo "$out" | grep -E "(warning|error):" || true
echo "self-check: ${#files[@]} files, exit $status"
exit "$status"
