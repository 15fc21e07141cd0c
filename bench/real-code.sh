#!/usr/bin/env bash
# async-blocking-in-coroutine and async-immediate-await on real projects, as a
# user runs them: `asynclint check` over each project's compile database, once
# with the default options and once with IgnorePoolThreads=false (what the
# pool rule keeps quiet). The findings are listed for classification by hand,
# with those that rest on a spawn recognised by its shape (their note says
# so); nothing is fetched here.
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
  local name="$1" dir="$2" config="$3" status=0
  "$asynclint" check -p "$dir" -j "${JOBS:-2}" --config="$config" --format=json \
    --output="$out/$name.json" --checks='-*,async-blocking-in-coroutine,async-immediate-await' \
    2>"$out/$name.err" || status=$?
  # 1: findings; 2 with a report: some unit did not compile (listed in the
  # report's errors), the others were analysed.
  if [ "$status" -gt 1 ] && ! [ -s "$out/$name.json" ]; then
    cat "$out/$name.err" >&2
    exit "$status"
  fi
}

for dir in "${dirs[@]}"; do
  name="$(basename "$dir")"
  # Headers are reported too, so a finding inside a library's own header shows.
  run "$name.default" "$dir" "{HeaderFilterRegex: '.*'}"
  run "$name.pools" "$dir" "{HeaderFilterRegex: '.*', CheckOptions: {async-blocking-in-coroutine.IgnorePoolThreads: false}}"
  python3 - "$out" "$name" <<'PY'
import json, sys
out, name = sys.argv[1], sys.argv[2]
def load(kind):
    report = json.load(open(f"{out}/{name}.{kind}.json"))
    return {(f["file"], f["line"], f["check"]): f for f in report["findings"]}
default = load("default")
pools = load("pools")
print(f"== {name}")
for error in json.load(open(f"{out}/{name}.default.json")).get("errors", []):
    print(f"  not analysed: {error['file']}: {error['message']}")
for check in ("async-blocking-in-coroutine", "async-immediate-await"):
    print(f"  {check}: {sum(1 for k in default if k[2] == check)} findings")
for (file, line, check), finding in sorted(default.items()):
    print(f"    {file}:{line} [{check}] {finding['message'][:160]}")
extra = sorted(set(pools) - set(default))
print(f"  blocking on pool workers (IgnorePoolThreads=false adds): {len(extra)}")
for key in extra:
    print(f"    {key[0]}:{key[1]} {pools[key]['message'][:160]}")
by_shape = [key for key, finding in sorted(default.items())
            if any("is taken for a spawn because" in note["message"] for note in finding["notes"])]
print(f"  findings on a spawn recognised by its shape: {len(by_shape)}")
for key in by_shape:
    shape = next(n for n in default[key]["notes"] if "is taken for a spawn" in n["message"])
    print(f"    {key[0]}:{key[1]} {shape['message'][:160]}")
PY
done
echo "reports in $out"
