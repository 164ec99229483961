#!/bin/sh
# Installs the Debian packages newsconv needs to build and test, when any is missing.
# Usage: scripts/install-deps.sh [build|check|bench|fuzz]   (default: build)
# Runs apt-get only when a package is absent; needs root (or sudo) in that case.
set -eu
what=${1:-build}
pkgs="gcc make pkg-config libxml2-dev libcmark-dev libjansson-dev libyaml-dev libarchive-dev libuchardet-dev libcld2-dev g++"
case "$what" in
    check) pkgs="$pkgs libxml2-utils python3 python3-jsonschema python3-yaml man-db parallel" ;;
    bench) pkgs="$pkgs libxml2-utils pandoc python3 time" ;;
    fuzz)  pkgs="$pkgs clang libclang-rt-14-dev" ;;
    valgrind) pkgs="$pkgs valgrind" ;;
esac
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
