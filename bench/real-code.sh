#!/usr/bin/env bash
# async-blocking-in-coroutine and async-immediate-await on real projects, as a
# user runs them: `asynclint check` over each project's compile database, once
# with the default options and once with each precision-relevant option
# flipped (IgnorePoolThreads=false shows what the pool rule keeps quiet;
# RecognizeSpawnShapes=false shows which findings the spawn shapes add). The
# findings are listed for classification by hand; nothing is fetched here.
#
# Usage: bench/real-code.sh [--asynclint PATH] [--out DIR] DIR...
#   DIR: a folder with a compile_commands.json (e.g. the examples and tests of
#   concurrencpp, libcoro or async_simple, configured outside this tree).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
asynclint="${ASYNCLINT:-$root/build/bin/asynclint}"
out="$(mktemp -d)"
dirs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --asynclint) asynclint="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) dirs+=("$1"); shift ;;
  esac
done
[ "${#dirs[@]}" -gt 0 ] || { echo "usage: $0 [--asynclint PATH] [--out DIR] DIR..." >&2; exit 2; }
mkdir -p "$out"

run() { # name dir config
  local name="$1" dir="$2" config="$3"
  "$asynclint" check -p "$dir" -j "${JOBS:-2}" --config="$config" --format=json \
    --output="$out/$name.json" --checks='-*,async-blocking-in-coroutine,async-immediate-await' \
    2>"$out/$name.err" || [ $? -eq 1 ]
}

for dir in "${dirs[@]}"; do
  name="$(basename "$dir")"
  run "$name.default" "$dir" '{}'
  run "$name.pools" "$dir" '{CheckOptions: {async-blocking-in-coroutine.IgnorePoolThreads: false}}'
  run "$name.noshapes" "$dir" '{CheckOptions: {async-immediate-await.RecognizeSpawnShapes: false}}'
  python3 - "$out" "$name" <<'PY'
import json, sys
out, name = sys.argv[1], sys.argv[2]
def load(kind):
    report = json.load(open(f"{out}/{name}.{kind}.json"))
    return {(f["file"], f["line"], f["check"]): f["message"] for f in report["findings"]}, report
default, report = load("default")
pools, _ = load("pools")
noshapes, _ = load("noshapes")
print(f"== {name}")
for check in ("async-blocking-in-coroutine", "async-immediate-await"):
    print(f"  {check}: {sum(1 for k in default if k[2] == check)} findings")
for (file, line, check), message in sorted(default.items()):
    print(f"    {file}:{line} [{check}] {message[:160]}")
extra = sorted(set(pools) - set(default))
print(f"  blocking on pool workers (IgnorePoolThreads=false adds): {len(extra)}")
for file, line, check in extra:
    print(f"    {file}:{line} {pools[(file, line, check)][:160]}")
by_shape = sorted(set(default) - set(noshapes))
print(f"  immediate-await findings that need the spawn shapes: {len(by_shape)}")
for file, line, check in by_shape:
    print(f"    {file}:{line} {default[(file, line, check)][:160]}")
PY
done
echo "reports in $out"
