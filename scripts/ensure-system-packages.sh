#!/usr/bin/env bash
# Installs the Debian packages EdgeProof builds and tests with, when missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail
packages=(libpcre2-dev zlib1g-dev libssl-dev libcurl4-openssl-dev pkg-config python3-venv redis-server redis-tools)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "missing system packages; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
