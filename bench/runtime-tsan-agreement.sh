#!/usr/bin/env bash
# Compares the runtime's shared-state verdicts with ThreadSanitizer's on the
# corpus programs that have async-unguarded-shared-state expectations: each
# program is built twice (-g; -g -fsanitize=thread), run under the runtime
# watching the flagged variables and under TSan (three runs each), and for every flagged
# variable the script prints whether each tool saw a race on it.
# A confirmation the runtime gives where TSan sees no race would be a false
# confirmation; the script exits 1 if there is one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
llvm="${ASYNCLINT_LLVM_VERSION:-19}"
runtime="$build/lib/libasynclint-rt.so"
cxx="/usr/lib/llvm-$llvm/bin/clang++"
[ -f "$runtime" ] || cmake --build "$build" --target asynclint_rt
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
flags=(-std=c++20 -O0 -g -fno-omit-frame-pointer -pthread -w -DASIO_HAS_CO_AWAIT
       -DASIO_HAS_STD_COROUTINE -I"$root/test-corpus/include")

false_confirmations=0
both=0; only_rt=0; only_tsan=0; neither=0
printf '%-48s %-28s %-10s %-10s\n' program variable runtime tsan
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
  # Both tools see only the interleavings that happen: each gets three runs,
  # and a race seen in any of them counts.
  : > "$work/$name.tsan.txt"
  for _ in 1 2 3; do
    LD_PRELOAD="$runtime" ASYNCLINT_EVENTS="$work/$name.jsonl" ASYNCLINT_WATCH="$watch" \
      timeout 10 "$work/$name" >/dev/null 2>&1 || true
    TSAN_OPTIONS="exitcode=0 report_signal_unsafe=0" timeout 60 "$work/$name.tsan" \
      >/dev/null 2>>"$work/$name.tsan.txt" || true
  done
  for var in "${vars[@]}"; do
    rt=no; tsan=no
    grep -q "\"type\":\"race\",[^}]*\"variable\":\"$var\"" "$work/$name.jsonl" 2>/dev/null && rt=race
    grep -q "\"status\":\"watching\",\"variable\":\"$var\"" "$work/$name.jsonl" 2>/dev/null ||
      { [ "$rt" = no ] && rt="unwatched"; }
    # TSan names a static local with its function's parameters: make()::calls.
    # grep -c, not -q: an early exit would fail the pipeline under pipefail.
    [ "$(sed 's/([^)]*)//g' "$work/$name.tsan.txt" | grep -c "Location is global '$var'")" -gt 0 ] &&
      tsan=race
    # Locals and members have no global name in TSan's report: a race whose
    # stack shows the flagged line counts for them.
    if [ "$tsan" = no ] && grep -q "WARNING: ThreadSanitizer: data race" "$work/$name.tsan.txt"; then
      short="${var##*::}"
      [ "$(grep -A12 "WARNING: ThreadSanitizer: data race" "$work/$name.tsan.txt" |
           grep -c "Location is .*'$short'")" -gt 0 ] && tsan=race
    fi
    case "$rt/$tsan" in
      race/race) both=$((both + 1)) ;;
      race/no) only_rt=$((only_rt + 1)); false_confirmations=$((false_confirmations + 1)) ;;
      */race) only_tsan=$((only_tsan + 1)) ;;
      *) neither=$((neither + 1)) ;;
    esac
    printf '%-48s %-28s %-10s %-10s\n' "${file#"$root"/test-corpus/}" "$var" "$rt" "$tsan"
  done
done < <(find "$root/test-corpus" -name '*.cpp' -not -path '*/harness/*' -not -path '*/include/*' | sort)
echo "both saw a race: $both; runtime only: $only_rt; TSan only: $only_tsan; neither: $neither"
[ "$false_confirmations" -eq 0 ]
