#!/usr/bin/env bash
# Fails when any C++ file differs from .clang-format's style; fix with: clang-format -i FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h')
if ((${#files[@]})); then
  clang-format --dry-run --Werror "${files[@]}"
fi
echo "format check: ${#files[@]} files in style"
