#!/usr/bin/env bash
# Cost of the async-* checks inside clang-tidy, on the corpus, on a large
# generated Asio-heavy translation unit and on one with a few hundred
# lock-using classes. Builds the plugin first.
# Usage: bench/check-cost.sh [--repeat N] [--handlers N] [--lock-classes N] [--corpus-only|--heavy-only]
#                            [--checks GLOB]   (default async-*; one check alone to see its share)
#                            [--instructions]  (callgrind instruction counts: slow, not moved by load)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja >/dev/null
cmake --build "$build" --target AsyncLint
exec python3 "$root/bench/check_cost.py" --build "$build" "$@"
