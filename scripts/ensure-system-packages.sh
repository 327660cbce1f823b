#!/usr/bin/env bash
# Installs the Debian packages EdgeProof builds and tests with, when missing; with --build, only the libraries
# `swift build` links (the GitHub Action uses that). As root it runs apt-get; otherwise it prints the exact command
# and fails.
set -euo pipefail
build_packages=(libpcre2-dev zlib1g-dev libssl-dev libcurl4-openssl-dev libmodsecurity-dev modsecurity-crs pkg-config)
test_packages=(python3-venv redis-server redis-tools dpkg-dev openssl)
case "${1:-}" in
  --build) packages=("${build_packages[@]}") ;;
  "") packages=("${build_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 [--build]" >&2; exit 2 ;;
esac
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
