#!/usr/bin/env bash
# Speed of `asynclint check` against run-clang-tidy with the plugin, on the same
# compile databases: the corpus, and a generated database of several dozen
# Asio-heavy translation units (bench/gen_asio_heavy.py). Reports wall times,
# asynclint -j2 against run-clang-tidy -j2, and asynclint -j1 against -j2.
# Usage: bench/tool-speed.sh [--units N] [--handlers N] [--jobs N]
#   BUILD_DIR (default build) picks the build folder; it is built first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
units=36 handlers=4 jobs=2
while [ $# -gt 0 ]; do
  case "$1" in
    --units) units="$2"; shift 2 ;;
    --handlers) handlers="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    *) echo "tool-speed: unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

"$root/scripts/install-deps.sh" >/dev/null
cmake -S "$root" -B "$build" -G Ninja >/dev/null
cmake --build "$build" --target asynclint AsyncLint asynclint_corpus_database >/dev/null

clang_tidy="$(sed -n 's/^ASYNCLINT_CLANG_TIDY:FILEPATH=//p' "$build/CMakeCache.txt")"
run_clang_tidy="$(sed -n 's/^ASYNCLINT_RUN_CLANG_TIDY:FILEPATH=//p' "$build/CMakeCache.txt")"
clangxx="$(sed -n 's/^ASYNCLINT_CLANGXX:FILEPATH=//p' "$build/CMakeCache.txt")"
[ -x "$run_clang_tidy" ] || { echo "tool-speed: run-clang-tidy not found" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The generated database: distinct files (one seed each), as a real project has.
mkdir -p "$work/heavy"
for i in $(seq 1 "$units"); do
  python3 "$root/bench/gen_asio_heavy.py" "$work/heavy/unit$i.cpp" --handlers "$handlers" --seed "$i"
done
python3 - "$work/heavy" "$clangxx" <<'PY'
import json, os, sys
folder, cxx = sys.argv[1], sys.argv[2]
commands = [{"directory": folder, "file": os.path.join(folder, f),
             "arguments": [cxx, "-std=c++20", "-DASIO_HAS_CO_AWAIT", "-DASIO_HAS_STD_COROUTINE",
                           "-c", f, "-o", "/dev/null"]}
            for f in sorted(os.listdir(folder)) if f.endswith(".cpp")]
json.dump(commands, open(os.path.join(folder, "compile_commands.json"), "w"), indent=1)
PY

# "WALL CPU MAXRSS" of a command (bench/measure.py).
measure() { python3 "$root/bench/measure.py" "$@"; }

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-10s %5s | %-13s | %-13s | %-17s | %9s %9s\n' database units "asynclint -j1" "asynclint -j$jobs" \
  "run-clang-tidy -j$jobs" "rct/al" "j1/j$jobs"
printf '%-10s %5s | %-13s | %-13s | %-17s | %9s %9s\n' "" "" "wall   cpu" "wall   cpu" "wall   cpu" "(wall)" "(wall)"
for db in "$build/test-corpus" "$work/heavy"; do
  name=$([ "$db" = "$work/heavy" ] && echo "asio-heavy" || echo "corpus")
  count=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$db/compile_commands.json")
  # --no-cache: each run analyses every unit, as run-clang-tidy does.
  read -r serial serial_cpu _ < <(measure "$build/bin/asynclint" check -p "$db" --config='{}' --no-cache -j1)
  read -r parallel parallel_cpu _ < <(measure "$build/bin/asynclint" check -p "$db" --config='{}' --no-cache -j"$jobs")
  read -r rct rct_cpu _ < <(measure "$run_clang_tidy" -clang-tidy-binary "$clang_tidy" \
    -load "$build/lib/libAsyncLint.so" -checks='-*,async-*' -config='{}' -quiet -j "$jobs" -p "$db")
  [ -n "$serial" ] && [ -n "$parallel" ] && [ -n "$rct" ] || exit 1
  printf '%-10s %5s | %5ss %5ss | %5ss %5ss | %5ss %5ss     | %9s %9s\n' "$name" "$count" \
    "$serial" "$serial_cpu" "$parallel" "$parallel_cpu" "$rct" "$rct_cpu" \
    "$(ratio "$rct" "$parallel")" "$(ratio "$serial" "$parallel")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rct/al > 1: asynclint -j$jobs is faster than run-clang-tidy -j$jobs; j1/j$jobs near $jobs: it scales"
echo "(wall-time scaling needs $jobs otherwise idle cores: compare the load average)."
