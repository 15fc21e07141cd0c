#!/usr/bin/env bash
# Cost of the whole-program analysis and of the result cache (issue 13), on
# three compile databases: the corpus, a generated multi-unit Asio service
# (bench/gen_program.py) and a real project (libcoro at a fixed commit,
# cloned and configured outside the tree). For each it reports, as CPU
# seconds (user+sys, least of RUNS runs; machine load does not inflate CPU
# time as it does wall time) and wall seconds:
#   per-unit   asynclint check --no-cache --per-unit
#   whole      asynclint check --no-cache             (facts recorded and combined)
#   cold       asynclint check with an empty cache    (results and traces written)
#   warm       asynclint check again, nothing changed (everything from the cache)
#   merge      asynclint merge of the run's facts: the combination step alone,
#              with its peak memory (max RSS) and the size of the facts
# and the ratios whole/per-unit (target <= 1.10) and warm/cold (target <= 0.05).
# Usage: bench/whole-program.sh [--units N] [--jobs N] [--runs N] [--real DIR]
#   --real DIR: a folder with compile_commands.json instead of libcoro.
#   BUILD_DIR (default build) picks the build folder; it is built first.
#   TOOL (default: BUILD_DIR/bin/asynclint) the asynclint binary measured.
#   WORK (default: a fresh temporary folder) keeps the generated inputs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
units=24 jobs=2 runs=3 real=""
while [ $# -gt 0 ]; do
  case "$1" in
    --units) units="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --real) real="$2"; shift 2 ;;
    *) echo "whole-program: unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

"$root/scripts/install-deps.sh" >/dev/null
cmake -S "$root" -B "$build" -G Ninja >/dev/null
cmake --build "$build" --target asynclint asynclint_corpus_database >/dev/null
tool="${TOOL:-$build/bin/asynclint}"
clangxx="$(sed -n 's/^ASYNCLINT_CLANGXX:FILEPATH=//p' "$build/CMakeCache.txt")"

work="${WORK:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

python3 "$root/bench/gen_program.py" "$work/generated" "$clangxx" --units "$units"

if [ -z "$real" ]; then
  # libcoro: a C++20 coroutine library with its tests and examples (40 units).
  real="$work/libcoro/build"
  if [ ! -f "$real/compile_commands.json" ]; then
    rm -rf "$work/libcoro"
    git clone -q https://github.com/jbaldwin/libcoro.git "$work/libcoro"
    git -C "$work/libcoro" checkout -q 277467f
    cmake -S "$work/libcoro" -B "$real" -G Ninja -DCMAKE_CXX_COMPILER="$clangxx" \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DLIBCORO_FEATURE_NETWORKING=OFF \
      -DLIBCORO_FEATURE_TLS=OFF >/dev/null
  fi
fi

# "WALL CPU MAXRSS_KB" of a command (bench/measure.py).
measure() { python3 "$root/bench/measure.py" "$@"; }

# Of two "WALL CPU RSS" lines (the first may be empty), the one with less CPU.
lesser() {
  if [ -z "$1" ] || python3 -c "import sys; sys.exit(0 if float('$2'.split()[1]) < float('$1'.split()[1]) else 1)"; then
    echo "$2"
  else
    echo "$1"
  fi
}

# The run with the least CPU time of RUNS runs of a command.
best() {
  local line=""
  for _ in $(seq 1 "$runs"); do
    line="$(lesser "$line" "$(measure "$@")")"
  done
  echo "$line"
}

ratio() { python3 -c "print(f'{$1 / $2:.3f}')"; }

printf '%-10s %-8s %10s %10s\n' database step "wall s" "cpu s"
for name in corpus generated real; do
  case "$name" in
    corpus) db="$build/test-corpus" ;;
    generated) db="$work/generated" ;;
    real) db="$real" ;;
  esac
  common=(check -p "$db" -j"$jobs" --config={})
  read -r pu_wall pu_cpu _ <<<"$(best "$tool" "${common[@]}" --no-cache --per-unit)"
  read -r wp_wall wp_cpu _ <<<"$(best "$tool" "${common[@]}" --no-cache)"
  cache="$work/cache-$name"
  cold_best="" warm_best=""
  for _ in $(seq 1 "$runs"); do
    rm -rf "$cache"
    cold_best="$(lesser "$cold_best" "$(measure "$tool" "${common[@]}" --cache-dir "$cache")")"
    warm_best="$(lesser "$warm_best" "$(measure "$tool" "${common[@]}" --cache-dir "$cache")")"
  done
  read -r cold_wall cold_cpu _ <<<"$cold_best"
  read -r warm_wall warm_cpu _ <<<"$warm_best"
  rm -rf "$work/facts-$name"
  "$tool" "${common[@]}" --cache-dir "$cache" --facts-out "$work/facts-$name" >/dev/null 2>&1
  read -r merge_wall merge_cpu merge_rss <<<"$(best "$tool" merge "$work/facts-$name" --format=json)"
  facts_kb=$(du -k "$work/facts-$name" | tail -1 | cut -f1)
  units_n=$(python3 -c "import json; print(len(json.load(open('$db/compile_commands.json'))))")
  printf '%-10s %-8s %10s %10s\n' "$name" per-unit "$pu_wall" "$pu_cpu"
  printf '%-10s %-8s %10s %10s\n' "" whole "$wp_wall" "$wp_cpu"
  printf '%-10s %-8s %10s %10s\n' "" cold "$cold_wall" "$cold_cpu"
  printf '%-10s %-8s %10s %10s\n' "" warm "$warm_wall" "$warm_cpu"
  printf '%-10s %-8s %10s %10s   max RSS %s MB, facts %s KB\n' "" merge "$merge_wall" "$merge_cpu" \
    "$((merge_rss / 1024))" "$facts_kb"
  echo "  $name ($units_n units): whole/per-unit cpu $(ratio "$wp_cpu" "$pu_cpu")," \
       "cold-with-cache/whole cpu $(ratio "$cold_cpu" "$wp_cpu")," \
       "warm/cold wall $(ratio "$warm_wall" "$cold_wall"), cpu $(ratio "$warm_cpu" "$cold_cpu")"
done
