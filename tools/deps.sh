#!/bin/sh
# deps.sh — installs what Pacta needs to build and test, when it is missing.
# Debian packages through apt-get, with sudo when not root.
set -e
need=""
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
command -v flex >/dev/null 2>&1 || need="$need flex"
command -v bison >/dev/null 2>&1 || need="$need bison"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
command -v python3 >/dev/null 2>&1 || need="$need python3"
command -v readelf >/dev/null 2>&1 || need="$need binutils"
command -v llvm-config >/dev/null 2>&1 || need="$need llvm-dev"
[ -f /usr/include/yajl/yajl_parse.h ] || need="$need libyajl-dev"
[ -f /usr/include/check.h ] || need="$need check"
pkg-config --exists check 2>/dev/null && [ -n "$(ls /usr/lib/*/libsubunit.* 2>/dev/null)" ] || need="$need libsubunit-dev"
[ -f /usr/include/sodium.h ] || need="$need libsodium-dev"
[ -f /usr/include/z3.h ] || need="$need libz3-dev"
# pacta serve (serve/) and its tests (tests/serve) and bench (bench/serve.sh)
[ -f /usr/include/microhttpd.h ] || need="$need libmicrohttpd-dev"
command -v wrk >/dev/null 2>&1 || need="$need wrk"
command -v curl >/dev/null 2>&1 || need="$need curl"
# the Python binding's test installs it with pip (bindings/python)
python3 -m pip --version >/dev/null 2>&1 || need="$need python3-pip"
# the Go binding (bindings/go)
command -v go >/dev/null 2>&1 || need="$need golang-go"
# the language server's tests drive Neovim's client (tests/lsp); man pages
command -v nvim >/dev/null 2>&1 || need="$need neovim"
command -v man >/dev/null 2>&1 || need="$need man-db"
command -v groff >/dev/null 2>&1 || need="$need groff-base"
[ -z "$need" ] && exit 0
echo "tools/deps.sh: installing:$need"
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need
