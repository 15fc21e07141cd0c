#!/usr/bin/env bash
# Compares the runtime's shared-state verdicts with ThreadSanitizer's on the
# corpus programs that have async-unguarded-shared-state expectations. Each
# program is built twice (-g; -g -fsanitize=thread) and run RUNS times under
# each (default 10); for every flagged variable the script prints how often
# each tool saw a race on it: its detection rate.
#
# Both tools only see the interleavings that happen, so a race TSan misses in
# a few runs is not a race that cannot happen (a pool's queue mutex hides a
# race from happens-before in most runs). A confirmation is counted false
# only when TSan never reports the race in RUNS + EXTRA runs (default 30
# more, run only for such variables): then the script exits 1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
llvm="${ASYNCLINT_LLVM_VERSION:-19}"
runs="${RUNS:-10}"
extra="${EXTRA:-30}"
runtime="$build/lib/libasynclint-rt.so"
cxx="/usr/lib/llvm-$llvm/bin/clang++"
[ -f "$runtime" ] || cmake --build "$build" --target asynclint_rt
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
flags=(-std=c++20 -O0 -g -fno-omit-frame-pointer -pthread -w -DASIO_HAS_CO_AWAIT
       -DASIO_HAS_STD_COROUTINE -I"$root/test-corpus/include")

# tsan_saw REPORT VAR: whether TSan's report of one run names VAR.
tsan_saw() {
  local report="$1" var="$2" short="${2##*::}"
  # TSan names a static local with its function's parameters: make()::calls.
  # grep -c, not -q: an early exit would fail the pipeline under pipefail.
  [ "$(sed 's/([^)]*)//g' "$report" | grep -c "Location is global '$var'")" -gt 0 ] && return 0
  # Locals and members have no global name in TSan's report.
  [ "$(grep -A12 "WARNING: ThreadSanitizer: data race" "$report" |
       grep -c "Location is .*'$short'")" -gt 0 ]
}

false_confirmations=0
both=0; only_rt=0; only_tsan=0; neither=0; unwatched=0
printf '%-44s %-24s %-12s %-12s %s\n' program variable runtime tsan verdict
while IFS= read -r file; do
  grep -q 'NO-RUN' "$file" && continue
  grep -q 'int main' "$file" || continue
  # The flagged variables: the quoted name that opens each expected message.
  mapfile -t vars < <(grep -o "expect[^:]*: async-unguarded-shared-state {{'[^']*'" "$file" |
                      sed "s/.*{{'//; s/'\$//" | sort -u)
  [ "${#vars[@]}" -eq 0 ] && continue
  name="$(basename "$file" .cpp)"
  "$cxx" "${flags[@]}" "$file" -o "$work/$name" 2>/dev/null || continue
  "$cxx" "${flags[@]}" -fsanitize=thread "$file" -o "$work/$name.tsan" 2>/dev/null || continue
  watch="$(IFS=,; echo "${vars[*]:0:4}")"
  declare -A rt_hits=() tsan_hits=() watched=()
  for var in "${vars[@]}"; do rt_hits[$var]=0; tsan_hits[$var]=0; watched[$var]=no; done
  for i in $(seq "$runs"); do
    events="$work/$name.$i.jsonl"; report="$work/$name.$i.tsan.txt"
    LD_PRELOAD="$runtime" ASYNCLINT_EVENTS="$events" ASYNCLINT_WATCH="$watch" \
      timeout 10 "$work/$name" >/dev/null 2>&1 || true
    TSAN_OPTIONS="exitcode=0 report_signal_unsafe=0" timeout 60 "$work/$name.tsan" \
      >/dev/null 2>"$report" || true
    for var in "${vars[@]}"; do
      grep -q "\"type\":\"race\",[^}]*\"variable\":\"$var\"" "$events" 2>/dev/null &&
        rt_hits[$var]=$((rt_hits[$var] + 1))
      grep -q "\"status\":\"watching\",\"variable\":\"$var\"" "$events" 2>/dev/null && watched[$var]=yes
      tsan_saw "$report" "$var" && tsan_hits[$var]=$((tsan_hits[$var] + 1))
    done
  done
  for var in "${vars[@]}"; do
    tsan_runs=$runs
    # The runtime confirmed what TSan has not seen yet: give TSan more runs
    # before calling the confirmation false.
    if [ "${rt_hits[$var]}" -gt 0 ] && [ "${tsan_hits[$var]}" -eq 0 ]; then
      for _ in $(seq "$extra"); do
        tsan_runs=$((tsan_runs + 1))
        TSAN_OPTIONS="exitcode=0 report_signal_unsafe=0" timeout 60 "$work/$name.tsan" \
          >/dev/null 2>"$work/extra.txt" || true
        if tsan_saw "$work/extra.txt" "$var"; then
          tsan_hits[$var]=$((tsan_hits[$var] + 1))
          break
        fi
      done
    fi
    rt="${rt_hits[$var]}/$runs"; tsan="${tsan_hits[$var]}/$tsan_runs"
    if [ "${watched[$var]}" = no ] && [ "${rt_hits[$var]}" -eq 0 ]; then
      verdict="runtime: not watched"; unwatched=$((unwatched + 1)); rt="-"
    elif [ "${rt_hits[$var]}" -gt 0 ] && [ "${tsan_hits[$var]}" -gt 0 ]; then
      verdict="both"; both=$((both + 1))
    elif [ "${rt_hits[$var]}" -gt 0 ]; then
      verdict="FALSE CONFIRMATION? TSan never saw it in $tsan_runs runs"
      only_rt=$((only_rt + 1)); false_confirmations=$((false_confirmations + 1))
    elif [ "${tsan_hits[$var]}" -gt 0 ]; then
      verdict="TSan only"; only_tsan=$((only_tsan + 1))
    else
      verdict="neither"; neither=$((neither + 1))
    fi
    printf '%-44s %-24s %-12s %-12s %s\n' "${file#"$root"/test-corpus/}" "$var" "$rt" "$tsan" "$verdict"
  done
  unset rt_hits tsan_hits watched
done < <(find "$root/test-corpus" -name '*.cpp' -not -path '*/harness/*' -not -path '*/include/*' | sort)
echo "both saw a race: $both; runtime only: $only_rt (false confirmations: $false_confirmations);" \
     "TSan only: $only_tsan; neither: $neither; not watchable by the runtime: $unwatched"
[ "$false_confirmations" -eq 0 ]
