#!/usr/bin/env bash
# Compares the runtime's shared-state verdicts with ThreadSanitizer's on the
# corpus programs that have async-unguarded-shared-state expectations.
#
# Usage: bench/runtime-tsan-agreement.sh [--only CORPUS-FILE]... [--help]
#   --only FILE   only this corpus program (a path under test-corpus/, e.g.
#                 shared-state/pthread_trylock.cpp); may be repeated.
# Environment: RUNS (runs per program and tool, default 10), EXTRA (more TSan
# runs for a suspicious confirmation, default 30), BUILD_DIR (default build/).
#
# Each program is built twice (-g; -g -fsanitize=thread). Two kinds of
# variable are watched, four per runtime run (the CPU's watchpoints), each
# batch RUNS times:
#   expected  named by an `expect: async-unguarded-shared-state` line: the
#             corpus says the race is real (its programs are written so);
#   control   written on an `ok:` line and never expected: the corpus says
#             nothing races there, so a runtime confirmation is suspicious.
# For every variable the script prints both detection rates (runtime k/N,
# TSan k/N) and which ground truth decided the verdict:
#   - a runtime confirmation of an expected variable is never false, even
#     where TSan's slower schedule never produces the race (ground truth:
#     corpus expect:);
#   - a runtime confirmation of a control is checked with TSan over
#     RUNS + EXTRA runs: a race TSan sees is real (the corpus misses it),
#     one TSan never sees is a SUSPICIOUS confirmation (ground truth: TSan).
# Exits 1 when there is a suspicious confirmation, 0 otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only)
      [ $# -ge 2 ] || { echo "error: --only needs a corpus file" >&2; exit 2; }
      path="${2#"$root"/test-corpus/}"
      [ -f "$root/test-corpus/$path" ] || { echo "error: no corpus file test-corpus/$path" >&2; exit 2; }
      only+=("$root/test-corpus/$path"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

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
tsan_options="exitcode=0 report_signal_unsafe=0"

# tsan_saw REPORT VAR [LINE...]: whether TSan's report of one run names VAR,
# or (for members and locals, which TSan names by heap or stack block only)
# shows a racing access at one of its LINEs of the corpus file: the access's
# innermost frame, or the one below it (a library's member function, inlined
# in the header, writes for the corpus line that called it).
tsan_saw() {
  local report="$1" var="$2" short="${2##*::}"
  shift 2
  # TSan names a static local with its function's parameters: make()::calls.
  # grep -c, not -q: an early exit would fail the pipeline under pipefail.
  [ "$(sed 's/([^)]*)//g' "$report" | grep -c "Location is global '$var'")" -gt 0 ] && return 0
  [ "$(grep -A12 "WARNING: ThreadSanitizer: data race" "$report" |
       grep -c "Location is .*'$short'")" -gt 0 ] && return 0
  local line
  for line in "$@"; do
    [ "$(grep -cE "^    #[01] .*/$name\.cpp:$line(:|\b)" "$report")" -gt 0 ] && return 0
  done
  return 1
}

# lines_of FILE VAR KIND: the lines of FILE whose KIND annotation (`expect`
# naming VAR, or `ok` writing VAR) is on the line itself.
lines_of() {
  if [ "$3" = expected ]; then
    grep -n "// expect: async-unguarded-shared-state {{'$2'" "$1" | cut -d: -f1
  else
    grep -nE "^[[:space:]]*(\+\+|--)?$2[[:space:]]*(\+\+|--|[-+*/|&^]?=[^=]).*// ok: async-unguarded-shared-state" "$1" |
      cut -d: -f1
  fi
}

# expected_vars FILE: the quoted name that opens each expected message.
expected_vars() {
  grep -o "expect[^:]*: async-unguarded-shared-state {{'[^']*'" "$1" |
    sed "s/.*{{'//; s/'\$//" | sort -u
}

# written_on_ok_lines FILE: plain names an `ok:` line writes (`++n;`,
# `n = 0;`, `n += k;`): the candidates for controls.
written_on_ok_lines() {
  sed -nE 's@^[[:space:]]*(\+\+|--)?([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*(\+\+|--|[-+*/|&^]?=[^=][^;]*)?;[[:space:]]*// ok: async-unguarded-shared-state.*@\1|\2|\3@p' "$1" |
    awk -F'|' '$1 != "" || $3 != "" { print $2 }' | sort -u
}

suspicious=0
both=0; only_rt=0; only_tsan=0; neither=0; unwatched=0
controls_quiet=0; controls_racy=0; controls_unwatched=0
printf '%-40s %-22s %-8s %-8s %-8s %-s\n' program variable kind runtime tsan "verdict (ground truth)"
if [ "${#only[@]}" -gt 0 ]; then
  files=("${only[@]}")
else
  mapfile -t files < <(find "$root/test-corpus" -name '*.cpp' -not -path '*/harness/*' \
                         -not -path '*/include/*' | sort)
fi
for file in "${files[@]}"; do
  grep -q 'NO-RUN' "$file" && continue
  grep -q 'int main' "$file" || continue
  mapfile -t expected < <(expected_vars "$file")
  [ "${#expected[@]}" -eq 0 ] && continue
  mapfile -t controls < <(comm -23 <(written_on_ok_lines "$file") <(printf '%s\n' "${expected[@]}"))
  vars=("${expected[@]}" "${controls[@]}")
  name="$(basename "$file" .cpp)"
  "$cxx" "${flags[@]}" "$file" -o "$work/$name" 2>/dev/null || continue
  "$cxx" "${flags[@]}" -fsanitize=thread "$file" -o "$work/$name.tsan" 2>/dev/null || continue
  declare -A rt_hits=() tsan_hits=() tsan_runs=() watched=() kind=()
  for var in "${vars[@]}"; do
    rt_hits[$var]=0; tsan_hits[$var]=0; tsan_runs[$var]=$runs; watched[$var]=no; kind[$var]=control
  done
  for var in "${expected[@]}"; do kind[$var]=expected; done
  declare -A lines=()
  for var in "${vars[@]}"; do
    lines[$var]="$(lines_of "$file" "$var" "${kind[$var]}" | paste -sd' ' || true)"
  done

  # The runtime: RUNS runs of each batch of four variables.
  for ((first = 0; first < ${#vars[@]}; first += 4)); do
    batch=("${vars[@]:first:4}")
    watch="$(IFS=,; echo "${batch[*]}")"
    for i in $(seq "$runs"); do
      events="$work/$name.$first.$i.jsonl"
      LD_PRELOAD="$runtime" ASYNCLINT_EVENTS="$events" ASYNCLINT_WATCH="$watch" \
        timeout 10 "$work/$name" >/dev/null 2>&1 || true
      for var in "${batch[@]}"; do
        grep -q "\"type\":\"race\",[^}]*\"variable\":\"$var\"" "$events" 2>/dev/null &&
          rt_hits[$var]=$((rt_hits[$var] + 1))
        grep -q "\"status\":\"watching\",\"variable\":\"$var\"" "$events" 2>/dev/null &&
          watched[$var]=yes
      done
    done
  done
  # TSan sees every variable in one run.
  for i in $(seq "$runs"); do
    report="$work/$name.$i.tsan.txt"
    TSAN_OPTIONS="$tsan_options" timeout 60 "$work/$name.tsan" >/dev/null 2>"$report" || true
    for var in "${vars[@]}"; do
      # shellcheck disable=SC2086 # the lines are words
      tsan_saw "$report" "$var" ${lines[$var]} && tsan_hits[$var]=$((tsan_hits[$var] + 1))
    done
  done

  for var in "${vars[@]}"; do
    # A control the runtime confirmed and TSan has not seen yet: give TSan
    # more runs before calling the confirmation suspicious.
    if [ "${kind[$var]}" = control ] && [ "${rt_hits[$var]}" -gt 0 ] && [ "${tsan_hits[$var]}" -eq 0 ]; then
      for _ in $(seq "$extra"); do
        tsan_runs[$var]=$((tsan_runs[$var] + 1))
        TSAN_OPTIONS="$tsan_options" timeout 60 "$work/$name.tsan" >/dev/null 2>"$work/extra.txt" || true
        # shellcheck disable=SC2086
        if tsan_saw "$work/extra.txt" "$var" ${lines[$var]}; then
          tsan_hits[$var]=$((tsan_hits[$var] + 1))
          break
        fi
      done
    fi
    rt="${rt_hits[$var]}/$runs"; tsan="${tsan_hits[$var]}/${tsan_runs[$var]}"
    if [ "${kind[$var]}" = control ]; then
      if [ "${watched[$var]}" = no ]; then
        controls_unwatched=$((controls_unwatched + 1)); continue # a member or a local
      elif [ "${rt_hits[$var]}" -gt 0 ] && [ "${tsan_hits[$var]}" -gt 0 ]; then
        verdict="both: a race the corpus does not expect (TSan)"; controls_racy=$((controls_racy + 1))
      elif [ "${rt_hits[$var]}" -gt 0 ]; then
        verdict="SUSPICIOUS: not an expected race, TSan never saw it in ${tsan_runs[$var]} runs (TSan)"
        suspicious=$((suspicious + 1))
      elif [ "${tsan_hits[$var]}" -gt 0 ]; then
        verdict="TSan only: a race the corpus does not expect (TSan)"; controls_racy=$((controls_racy + 1))
      else
        verdict="quiet, as expected (corpus ok:)"; controls_quiet=$((controls_quiet + 1))
      fi
    elif [ "${watched[$var]}" = no ] && [ "${rt_hits[$var]}" -eq 0 ]; then
      verdict="runtime: not watched"; unwatched=$((unwatched + 1)); rt="-"
    elif [ "${rt_hits[$var]}" -gt 0 ] && [ "${tsan_hits[$var]}" -gt 0 ]; then
      verdict="both (corpus expect:)"; both=$((both + 1))
    elif [ "${rt_hits[$var]}" -gt 0 ]; then
      verdict="runtime only: a real race TSan's schedule missed (corpus expect:)"
      only_rt=$((only_rt + 1))
    elif [ "${tsan_hits[$var]}" -gt 0 ]; then
      verdict="TSan only (corpus expect:)"; only_tsan=$((only_tsan + 1))
    else
      verdict="neither (corpus expect:)"; neither=$((neither + 1))
    fi
    printf '%-40s %-22s %-8s %-8s %-8s %s\n' "${file#"$root"/test-corpus/}" "$var" "${kind[$var]}" \
      "$rt" "$tsan" "$verdict"
  done
  unset rt_hits tsan_hits tsan_runs watched kind lines
done
echo "expected races: both saw it: $both; runtime only: $only_rt; TSan only: $only_tsan;" \
     "neither: $neither; not watchable by the runtime: $unwatched"
echo "controls (ok: only): quiet: $controls_quiet; a race the corpus does not expect:" \
     "$controls_racy; suspicious confirmations: $suspicious; not watchable: $controls_unwatched"
[ "$suspicious" -eq 0 ]
