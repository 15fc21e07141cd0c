#!/usr/bin/env bash
# Measures what the asynclint runtime costs a program, and prints the figures:
#  1. An Asio coroutine echo server on 127.0.0.1, driven by a client process
#     (CONNECTIONS connections x REQUESTS round trips of 64 bytes), with and
#     without the runtime preloaded into the server. Target: under 5 %.
#  2. Shared-state verification: a 4-thread program whose flagged variable is
#     watched by the runtime, against the same program built with
#     -fsanitize=thread. Target: the runtime's overhead at least 5x smaller.
# Runs alternate between the variants; medians of RUNS runs are compared.
# Loopback only; every run is bounded in requests and time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
llvm="${ASYNCLINT_LLVM_VERSION:-19}"
runs="${RUNS:-7}"
connections="${CONNECTIONS:-8}"
requests="${REQUESTS:-4000}"
runtime="$build/lib/libasynclint-rt.so"
cxx="/usr/lib/llvm-$llvm/bin/clang++"

[ -f "$runtime" ] || cmake --build "$build" --target asynclint_rt
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

flags=(-std=c++20 -O2 -g -pthread -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE)
echo "building the benchmark programs (-O2 -g) ..."
"$cxx" "${flags[@]}" "$root/bench/runtime/echo_server.cpp" -o "$work/echo_server"
"$cxx" "${flags[@]}" "$root/bench/runtime/echo_client.cpp" -o "$work/echo_client"
"$cxx" "${flags[@]}" "$root/bench/runtime/shared_counter.cpp" -o "$work/shared_counter"
"$cxx" "${flags[@]}" -fsanitize=thread "$root/bench/runtime/shared_counter.cpp" -o "$work/shared_counter_tsan"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }

# One echo run; $1 is the library to preload into the server ("" for none).
echo_run() {
  rm -f "$work/port"
  LD_PRELOAD="$1" ASYNCLINT_EVENTS="$work/echo-events.jsonl" \
    timeout 90 "$work/echo_server" "$work/port" "$connections" &
  server_pid=$!
  for _ in $(seq 200); do [ -s "$work/port" ] && break; sleep 0.01; done
  "$work/echo_client" "$(cat "$work/port")" "$connections" "$requests"
  wait "$server_pid"
  server_pid=""
}

calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
timed() { local start; start=$(now); "$@" >/dev/null 2>&1; calc "$(now) - $start"; echo; }

: > "$work/base" ; : > "$work/rt"
echo "echo server: $runs runs each, $connections connections x $requests round trips"
echo_run "" >/dev/null # warm-up
for _ in $(seq "$runs"); do
  rm -f "$work/echo-events.jsonl"
  echo_run "" >> "$work/base"
  echo_run "$runtime" >> "$work/rt"
done
base=$(median < "$work/base")
rt=$(median < "$work/rt")
events=$(grep -vc '"type":"start"' "$work/echo-events.jsonl" || true)
printf '  without runtime  %.3f s (median)\n  with runtime     %.3f s (median)\n' "$base" "$rt"
printf '  overhead         %+.1f %%   (target: under 5 %%; %s events in the last run)\n' \
  "$(calc "($rt / $base - 1) * 100")" "$events"

: > "$work/plain" ; : > "$work/watch" ; : > "$work/tsan"
echo "shared-state verification: $runs runs each of a 4-thread program"
for _ in $(seq "$runs"); do
  rm -f "$work/watch-events.jsonl"
  timed "$work/shared_counter" >> "$work/plain"
  timed env LD_PRELOAD="$runtime" ASYNCLINT_EVENTS="$work/watch-events.jsonl" \
    ASYNCLINT_WATCH=items_done "$work/shared_counter" >> "$work/watch"
  timed env TSAN_OPTIONS="report_signal_unsafe=0 exitcode=0" "$work/shared_counter_tsan" >> "$work/tsan"
done
plain=$(median < "$work/plain")
watch=$(median < "$work/watch")
tsan=$(median < "$work/tsan")
races=$(grep -c '"type":"race"' "$work/watch-events.jsonl" || true)
watch_over=$(calc "$watch / $plain")
tsan_over=$(calc "$tsan / $plain")
printf '  plain            %.3f s\n  runtime, watched %.3f s  (%.2fx; race confirmed in the last run: %s)\n' \
  "$plain" "$watch" "$watch_over" "$races"
printf '  ThreadSanitizer  %.3f s  (%.2fx)\n' "$tsan" "$tsan_over"
# The runtime's added time can be within noise of zero: the ratio is then
# bounded below by assuming 1 % (stated as such).
ratio=$(awk "BEGIN { a = $watch_over - 1; if (a < 0.01) a = 0.01; printf \"%.1f\", ($tsan_over - 1) / a }")
printf '  the runtime adds %.1f %% of the run time, TSan %.1f %%: %sx cheaper%s (target: at least 5x)\n' \
  "$(calc "($watch_over - 1) * 100")" "$(calc "($tsan_over - 1) * 100")" "$ratio" \
  "$(awk "BEGIN { if ($watch_over - 1 < 0.01) print \", at least\" }")"
