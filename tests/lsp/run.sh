#!/bin/sh
# run.sh — pacta lsp with real clients: Neovim's built-in client (headless,
# tests/lsp/nvim.lua) and a scripted session through vscode-jsonrpc
# (tests/lsp/client.js); then the TextMate grammar of editors/vscode,
# tokenised as VS Code does (tests/lsp/textmate.js).  The npm packages are
# installed from tests/lsp/package-lock.json by the Makefile's lsp-test.
#   sh tests/lsp/run.sh build/pacta
pacta=$(cd "$(dirname "${1:-build/pacta}")" && pwd)/$(basename "${1:-build/pacta}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

if command -v nvim >/dev/null 2>&1; then
	PACTA=$pacta FIXTURES=$(pwd)/tests/lsp/fixtures REPORT=$tmp/nvim.txt \
		timeout 120 nvim --headless --clean -c 'luafile tests/lsp/nvim.lua' >"$tmp/nvim.out" 2>&1
	rc=$?
	if [ -f "$tmp/nvim.txt" ]; then cat "$tmp/nvim.txt"; else echo "FAIL: nvim wrote no report"; cat "$tmp/nvim.out"; fi
	[ $rc -eq 0 ] || status=1
else
	echo "FAIL: nvim is not installed (tools/deps.sh installs it)"
	status=1
fi
timeout 120 node tests/lsp/client.js "$pacta" || status=1
# the same session with the server under valgrind: an error or a leak
# makes it exit 99, which the client reports
# (not for an ASan build: the two do not run together)
if command -v valgrind >/dev/null 2>&1 && ! nm "$pacta" 2>/dev/null | grep -q __asan_init; then
	printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite,indirect "%s" "$@"\n' \
		"$pacta" >"$tmp/vg-pacta"
	chmod +x "$tmp/vg-pacta"
	echo "(the session again, pacta lsp under valgrind)"
	LSP_WAIT_MS=300000 timeout 600 node tests/lsp/client.js "$tmp/vg-pacta" || status=1
fi
timeout 120 node tests/lsp/textmate.js || status=1
exit $status
