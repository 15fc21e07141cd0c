#!/usr/bin/env bash
# Proves the LLVM versions asynclint supports: for each version named
# (default: 16 and 22, the oldest and newest the README names), installs that
# LLVM's Debian packages, builds the whole project against it in
# build-llvm<N>/ and runs the test suite through ctest - the corpus test runs
# that LLVM's own clang-tidy with the plugin over every corpus program.
# Prints one summary line per version and exits non-zero if any failed.
#
# Not part of the default ctest / CI run (.ci/run builds LLVM 19 only; each
# extra version is a full build and test run of its own). For a CI job or a
# benchmark run:
#   scripts/test-llvm-versions.sh              # 16 and 22, every test
#   scripts/test-llvm-versions.sh 19 22        # the versions named
#   TESTS=Corpus scripts/test-llvm-versions.sh # only the tests matching a ctest -R regex
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
versions=("$@")
[ "${#versions[@]}" -eq 0 ] && versions=(16 22)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
filter=()
[ -n "${TESTS:-}" ] && filter=(-R "$TESTS")

summary=()
failed=0
for version in "${versions[@]}"; do
  build="$root/build-llvm$version"
  log="$build.log"
  start=$(date +%s)
  echo "== LLVM $version: install, build ($build), test (log: $log)"
  status=ok
  {
    ASYNCLINT_LLVM_VERSION="$version" "$root/scripts/install-deps.sh" &&
      cmake -S "$root" -B "$build" -G Ninja -DASYNCLINT_LLVM_ROOT="/usr/lib/llvm-$version" \
        "${launcher[@]}" &&
      cmake --build "$build" &&
      ctest --test-dir "$build" --output-on-failure -j "$(nproc)" "${filter[@]}"
  } >"$log" 2>&1 || status=failed
  result=$(grep -E '^[0-9]+% tests passed' "$log" | tail -1 || true)
  [ -z "$result" ] && result="$(grep -E 'error|FAILED' "$log" | head -1 || true)"
  summary+=("LLVM $version: $status in $(($(date +%s) - start)) s: ${result:-see $log}")
  [ "$status" = ok ] || failed=1
done
printf '%s\n' "${summary[@]}"
exit "$failed"
