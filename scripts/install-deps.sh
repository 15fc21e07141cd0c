#!/usr/bin/env bash
# Installs every Debian package the build, the tests, the example and the benchmarks need.
# Idempotent: packages already present are not reinstalled, and apt is not touched at all
# when nothing is missing. ASYNCLINT_LLVM_VERSION picks another LLVM (16-22); default 19.
set -euo pipefail

llvm="${ASYNCLINT_LLVM_VERSION:-19}"
packages=(
  cmake ninja-build g++ git python3 python3-jsonschema pre-commit
  "clang-${llvm}" "clang-tidy-${llvm}" "clang-format-${llvm}"
  "llvm-${llvm}-dev" "libclang-${llvm}-dev" "libclang-cpp${llvm}-dev" "libclang-rt-${llvm}-dev"
  libasio-dev libboost-dev nlohmann-json3-dev libgtest-dev libgmock-dev
  # asynclint-clangd: clangd-N brings the gRPC, protobuf and absl libraries its
  # static archives link against (and is the stock clangd the benchmark compares
  # with); lld-N links it fast; neovim is the real editor of its test.
  "clangd-${llvm}" "lld-${llvm}" neovim
)
[ "${1:-}" = "--bench" ] && packages+=(hyperfine valgrind)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
