#!/usr/bin/env bash
# What one hit of a coroutine-spawn breakpoint costs (runtime/src/SpawnBreakpoints.h):
# a program calls three functions HITS times each; with the runtime's three
# execution breakpoints on them every call traps. Prints the median time per
# hit over RUNS runs, against the same program under the runtime with no
# breakpoint set (no span is reported and no budget stops the breakpoints, so
# every call traps). Also prints the system time per hit, which load on the
# machine inflates less than the wall time. Needs perf_event_open
# (kernel.perf_event_paranoid <= 2).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
llvm="${ASYNCLINT_LLVM_VERSION:-19}"
runs="${RUNS:-7}"
hits="${HITS:-5000}"
runtime="$build/lib/libasynclint-rt.so"
cxx="/usr/lib/llvm-$llvm/bin/clang++"

[ -f "$runtime" ] || cmake --build "$build" --target asynclint_rt
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$cxx" -std=c++20 -O0 -g -fno-omit-frame-pointer "$root/bench/runtime/breakpoint_hits.cpp" -o "$work/hits"
program="$(realpath "$work/hits")"
address() { printf '%d' "0x$(nm "$program" | awk -v s="$1" '$3 == s { print $1 }')"; }
sites="[{\"site\":\"bench:1\",\"task\":\"task\",\"program\":\"$program\",\"spawn\":$(address _Z9statementv),\"task_entry\":$(address _Z4taskv),\"after\":$(address _Z9next_linev)}]"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }
run() { # $1: ASYNCLINT_SPAWN_SITES ("" for none); prints seconds
  local start end
  start=$(now)
  ASYNCLINT_SPAWN_SITES="$1" ASYNCLINT_SPAWN_BUDGET=1000000000 ASYNCLINT_SPAWN_MIN_US=1000000000 ASYNCLINT_EVENTS="$work/events.jsonl" \
    LD_PRELOAD="$runtime" \
    "$program" "$hits" >/dev/null
  end=$(now)
  echo "$end - $start" | bc -l
}

ASYNCLINT_SPAWN_SITES="$sites" ASYNCLINT_EVENTS="$work/check.jsonl" LD_PRELOAD="$runtime" "$program" 1 >/dev/null
if ! grep -q '"status":"watching"' "$work/check.jsonl"; then
  echo "the breakpoints were refused here:" >&2
  grep -o '"spawn_watch":[^]]*]' "$work/check.jsonl" >&2 || true
  exit 1
fi
plain=()
trapped=()
for ((i = 0; i < runs; ++i)); do
  plain+=("$(run "")")
  trapped+=("$(run "$sites")")
done
p=$(printf '%s\n' "${plain[@]}" | median)
t=$(printf '%s\n' "${trapped[@]}" | median)
echo "runs: $runs, hits per run: $((3 * hits))"
printf 'no breakpoint: %.3f s   breakpoints: %.3f s   per hit: %.2f us (wall)\n' "$p" "$t" \
  "$(echo "($t - $p) * 1000000 / (3 * $hits)" | bc -l)"
TIMEFORMAT=%S
sys=$( { time ASYNCLINT_SPAWN_SITES="$sites" ASYNCLINT_SPAWN_BUDGET=1000000000 \
  ASYNCLINT_SPAWN_MIN_US=1000000000 ASYNCLINT_EVENTS="$work/events.jsonl" LD_PRELOAD="$runtime" \
  "$program" "$hits" >/dev/null; } 2>&1 | tail -1)
printf 'system time with breakpoints: %.3f s, %.2f us per hit\n' "$sys" \
  "$(echo "$sys * 1000000 / (3 * $hits)" | bc -l)"
