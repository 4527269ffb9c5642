#!/usr/bin/env bash
# Installs the Debian packages that the tests use, if any are missing.
# Needs root for apt-get; without root it says what to install and fails.
set -euo pipefail
packages=(diod nfs-ganesha nfs-ganesha-vfs qemu-system-x86 linux-image-amd64 busybox-static attr gcc libc6-dev iproute2 util-linux)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: missing Debian packages: ${missing[*]}" >&2
  echo "  run as root, or: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "install-test-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
