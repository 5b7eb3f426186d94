#!/usr/bin/env bash
# Installs what the aarch64 check (tools/test-aarch64.sh) needs on Debian 12: the arm64 cross compiler,
# qemu-user-static to run its programs, and arm64 zlib and GoogleTest (as root, or through sudo).
set -euo pipefail
packages=(crossbuild-essential-arm64 qemu-user-static zlib1g-dev:arm64 libgtest-dev:arm64)
as_root=()
((EUID == 0)) || as_root=(sudo)
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  "${as_root[@]}" dpkg --add-architecture arm64
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
echo "cross dependencies installed: ${packages[*]}"
