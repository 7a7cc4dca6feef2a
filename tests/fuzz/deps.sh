#!/bin/sh
# deps.sh — makes sure clang can link libFuzzer (-fsanitize=fuzzer), and
# installs Debian's libclang-rt-NN-dev when it cannot (sudo when not root).
set -e
cc=${FUZZ_CC:-clang}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }\n' > "$tmp/t.c"
if command -v "$cc" >/dev/null 2>&1 && "$cc" -fsanitize=fuzzer,address "$tmp/t.c" -o "$tmp/t" 2>/dev/null; then
	exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
ver=$("$cc" --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -1)
pkgs="libclang-rt-${ver:-14}-dev"
command -v "$cc" >/dev/null 2>&1 || pkgs="clang $pkgs"
echo "tests/fuzz/deps.sh: installing $pkgs"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $pkgs || $SUDO apt-get install -y -qq --no-install-recommends libfuzzer-${ver:-14}-dev
"$cc" -fsanitize=fuzzer,address "$tmp/t.c" -o "$tmp/t"
