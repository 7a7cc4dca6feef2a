#!/bin/sh
# signing.sh — end-to-end tests of signed modules (docs/signing.md): pacta
# keygen, build --sign, inspect showing the signer, and eval, explain and
# inspect with --trust accepting the right key and refusing others.
#   sh tests/e2e/signing.sh build/pacta
pacta=${1:-build/pacta}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/e2e/lib.sh

src=examples/model-agreement.pacta
requests=examples/model-agreement.jsonl

# ---- keys ----
expect_status 0 "keygen" "$pacta" keygen "$tmp/key"
contains "$tmp/out" "public key " "keygen prints the public key"
[ -f "$tmp/key" ] && [ -f "$tmp/key.pub" ] && ok || bad "keygen: no KEY and KEY.pub"
[ "$(stat -c %a "$tmp/key")" = 600 ] && ok || bad "keygen: the secret key is not mode 0600"
grep -qE '^pacta-ed25519-secret [0-9a-f]{64}$' "$tmp/key" && ok || bad "keygen: secret key format"
grep -qE '^pacta-ed25519-public [0-9a-f]{64}$' "$tmp/key.pub" && ok || bad "keygen: public key format"
pub=$(cut -d' ' -f2 "$tmp/key.pub")
contains "$tmp/out" "$pub" "keygen prints the key of KEY.pub"
expect_status 1 "keygen over an existing key" "$pacta" keygen "$tmp/key"
contains "$tmp/err" "not overwritten" "keygen over an existing key"
expect_status 0 "keygen, a second key" "$pacta" keygen "$tmp/other"
expect_status 2 "keygen without a file" "$pacta" keygen
expect_status 0 "keygen --help" "$pacta" keygen --help
contains "$tmp/out" "usage: pacta keygen" "keygen --help"

# ---- build --sign ----
expect_status 0 "build --sign" "$pacta" build --sign "$tmp/key" "$src" -o "$tmp/signed.so"
expect_status 0 "build --sign, again" "$pacta" build "$src" --sign "$tmp/key" -o "$tmp/again.so"
cmp -s "$tmp/signed.so" "$tmp/again.so" && ok || bad "build --sign is not byte-identical from one build to the next"
expect_status 0 "build, unsigned" "$pacta" build "$src" -o "$tmp/plain.so"
# The signed module is the unsigned one and a 136-byte trailer.
[ $(($(stat -c %s "$tmp/plain.so") + 136)) -eq "$(stat -c %s "$tmp/signed.so")" ] && ok ||
	bad "build --sign: not the unsigned module and a 136-byte trailer"
head -c "$(stat -c %s "$tmp/plain.so")" "$tmp/signed.so" | cmp -s - "$tmp/plain.so" && ok ||
	bad "build --sign changed the module's image"
expect_status 0 "build --sign with the other key" "$pacta" build --sign "$tmp/other" "$src" -o "$tmp/other.so"
expect_status 1 "build --sign with a public key" "$pacta" build --sign "$tmp/key.pub" "$src" -o "$tmp/x.so"
contains "$tmp/err" "public key file" "build --sign with a public key"
[ -e "$tmp/x.so" ] && bad "build --sign with a bad key left a module" || ok
expect_status 1 "build --sign with a missing key" "$pacta" build --sign "$tmp/absent" "$src" -o "$tmp/x.so"
expect_status 2 "build --sign without a key" "$pacta" build "$src" --sign
expect_status 2 "build --sign --emit-llvm" "$pacta" build --sign "$tmp/key" --emit-llvm "$src" -o "$tmp/x.ll"

# ---- inspect ----
expect_status 0 "inspect a signed module" "$pacta" inspect "$tmp/signed.so"
contains "$tmp/out" "signer      $pub" "inspect shows the signer"
expect_status 0 "inspect an unsigned module" "$pacta" inspect "$tmp/plain.so"
contains "$tmp/out" "signer      unsigned" "inspect of an unsigned module"
expect_status 0 "inspect --trust, the right key" "$pacta" inspect --trust "$tmp/key.pub" "$tmp/signed.so"
contains "$tmp/out" "signer      $pub" "inspect --trust"
expect_status 1 "inspect --trust, another key" "$pacta" inspect --trust "$tmp/other.pub" "$tmp/signed.so"
contains "$tmp/err" "which is not trusted" "inspect --trust, another key"

# ---- eval and explain with --trust ----
"$pacta" eval "$tmp/plain.so" "$requests" >"$tmp/want" 2>/dev/null
expect_status 1 "eval --trust, the right key (the requests have bad lines)" \
	"$pacta" eval --trust "$tmp/key.pub" "$tmp/signed.so" "$requests"
cmp -s "$tmp/want" "$tmp/out" && ok || bad "eval --trust: not the decisions of the unsigned module"
head -3 "$requests" >"$tmp/three.jsonl"
expect_status 0 "eval --trust, the right key" "$pacta" eval --trust "$tmp/key.pub" "$tmp/signed.so" "$tmp/three.jsonl"
contains "$tmp/out" '"outcome": "grant"' "eval --trust, the right key"
expect_status 0 "eval, either of two trusted keys" \
	"$pacta" eval --trust "$tmp/other.pub" --trust "$tmp/key.pub" "$tmp/signed.so" "$tmp/three.jsonl"
expect_status 1 "eval --trust, another key" "$pacta" eval --trust "$tmp/other.pub" "$tmp/signed.so" "$tmp/three.jsonl"
contains "$tmp/err" "signed by key $pub, which is not trusted" "eval --trust, another key"
[ -s "$tmp/out" ] && bad "eval --trust, another key: decided anyway" || ok
expect_status 1 "eval --trust, an unsigned module" "$pacta" eval --trust "$tmp/key.pub" "$tmp/plain.so" "$tmp/three.jsonl"
contains "$tmp/err" "the module is not signed" "eval --trust, an unsigned module"
expect_status 0 "eval without --trust, an unsigned module" "$pacta" eval "$tmp/plain.so" "$tmp/three.jsonl"
expect_status 0 "eval without --trust, a signed module" "$pacta" eval "$tmp/other.so" "$tmp/three.jsonl"
sed -n 1p "$requests" >"$tmp/request.json"
expect_status 0 "explain --trust, the right key" "$pacta" explain --trust "$tmp/key.pub" "$tmp/signed.so" "$tmp/request.json"
expect_status 1 "explain --trust, another key" "$pacta" explain --trust "$tmp/other.pub" "$tmp/signed.so" "$tmp/request.json"
contains "$tmp/err" "which is not trusted" "explain --trust, another key"
expect_status 1 "--trust with a secret key" "$pacta" eval --trust "$tmp/key" "$tmp/signed.so" "$tmp/three.jsonl"
contains "$tmp/err" "is a secret key file" "--trust with a secret key"
expect_status 1 "--trust with a missing key file" "$pacta" eval --trust "$tmp/absent.pub" "$tmp/signed.so" "$tmp/three.jsonl"
expect_status 2 "--trust with a source" "$pacta" eval --trust "$tmp/key.pub" "$src" "$tmp/three.jsonl"
expect_status 2 "--trust without a key" "$pacta" eval "$tmp/signed.so" --trust

# ---- changed after signing ----
size=$(stat -c %s "$tmp/signed.so")
flip() {  # flip OFFSET OUT: the signed module with one byte changed
	cp "$tmp/signed.so" "$2"
	b=$(od -An -tu1 -j "$1" -N1 "$2" | tr -d ' ')
	printf "$(printf '\\%03o' $(((b + 1) % 256)))" |
		dd of="$2" bs=1 seek="$1" conv=notrunc 2>/dev/null
}
text=$(readelf -SW "$tmp/plain.so" | awk '{ for (i = 1; i < NF; i++) if ($i == ".text") print $(i + 3) }')
for at in $((0x$text + 16)) 4000 $((size - 100)) $((size - 1)); do
	flip "$at" "$tmp/changed.so"
	expect_status 1 "eval --trust, byte $at changed" "$pacta" eval --trust "$tmp/key.pub" "$tmp/changed.so" "$tmp/three.jsonl"
	contains "$tmp/err" "sign" "eval --trust, byte $at changed"
	expect_status 1 "eval, byte $at changed, without --trust" "$pacta" eval "$tmp/changed.so" "$tmp/three.jsonl"
done
head -c $((size - 10)) "$tmp/signed.so" >"$tmp/cut.so"
expect_status 1 "eval --trust, truncated trailer" "$pacta" eval --trust "$tmp/key.pub" "$tmp/cut.so" "$tmp/three.jsonl"
contains "$tmp/err" "truncated" "eval --trust, truncated trailer"

echo "signing: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
