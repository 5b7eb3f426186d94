#!/usr/bin/env bash
# Installs what building and testing MelodyVAE needs on Debian 12 (as root, or through sudo when run by
# another user and something is missing).
# The same list, for Homebrew, is in README.md.
set -euo pipefail
packages=(
  cmake g++ make pkg-config
  libeigen3-dev        # the network's matrices
  libcli11-dev         # the command line
  nlohmann-json3-dev   # model-file headers and --json output
  zlib1g-dev           # CRC-32 of a model file's weights
  libgtest-dev         # tests
  libbenchmark-dev     # benchmarks
  clang-format         # the style check
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  as_root=()
  ((EUID == 0)) || as_root=(sudo)
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
echo "dependencies installed: ${packages[*]}"
