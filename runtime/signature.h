/*
 * signature.h — the signature trailer of a signed rule module and the key
 * files (docs/signing.md), shared by libpacta, which checks signatures
 * (runtime/sign.c), and `pacta keygen` / `pacta build --sign`, which make
 * keys and signatures (compiler/sign.c).
 *
 * A signed module is the module's ELF image, unchanged, followed by one
 * trailer of LP_SIG_SIZE bytes (integers little-endian):
 *
 *	offset size
 *	     0    8  "PACTASIG"
 *	     8    4  format version, 1
 *	    12    4  0 (reserved)
 *	    16    8  the image's size: the bytes before the trailer
 *	    24   32  the signer's Ed25519 public key
 *	    56   64  the Ed25519 signature
 *	   120    8  the trailer's size, 136
 *	   128    8  "PACTAEND"
 *
 * The signature is a pure Ed25519 (RFC 8032) signature, by the secret key
 * of the public key at offset 24, of the 64-byte SHA-512 digest of
 * LP_SIG_CONTEXT (its NUL included) followed by the whole image.  Every
 * other field of the trailer must have exactly the value above, so a
 * change to any byte of the file is refused.
 *
 * Internal: not installed, not part of the API.
 */
#ifndef PACTA_SIGNATURE_H
#define PACTA_SIGNATURE_H

#include <stddef.h>
#include <stdint.h>

#include "pacta.h"

#define LP_SIG_MAGIC "PACTASIG"
#define LP_SIG_END "PACTAEND"
#define LP_SIG_VERSION 1
#define LP_SIG_SIZE 136
/* Hashed before the image, NUL included: a signature made for anything
 * else with the same key cannot pass for a module's. */
#define LP_SIG_CONTEXT "pacta module signature v1"

#define LP_KEY_SIZE 32          /* public keys, and secret seeds */
#define LP_SIGNATURE_SIZE 64

/* The key files: one line each, the label, a space, 64 hex digits. */
#define LP_KEY_SECRET_LABEL "pacta-ed25519-secret"
#define LP_KEY_PUBLIC_LABEL "pacta-ed25519-public"

/* What the end of a module file says about its signature. */
struct lp_signature {
	int present;                    /* a well-formed trailer was found */
	size_t image_size;              /* the signed bytes; all when unsigned */
	uint8_t key[LP_KEY_SIZE];
	uint8_t sig[LP_SIGNATURE_SIZE];
};

/*
 * Looks for a trailer at the end of the `size` bytes at `data`.  Returns 0
 * with sig->present saying whether there is one (when there is none,
 * sig->image_size is `size`), or -1 with the reason in msg (cap bytes)
 * when the end of the file is a damaged or truncated trailer.  The
 * signature itself is not checked: lp_sig_verify does that.
 */
int lp_sig_parse(const unsigned char *data, size_t size,
		 struct lp_signature *sig, char *msg, size_t cap);

/* Whether the signature of a present trailer verifies over its image.
 * libsodium must have been initialised (lp_sodium_init). */
int lp_sig_verify(const unsigned char *data, const struct lp_signature *sig);

/* The trailer for `size` bytes of image, signed with the 32-byte secret
 * seed; deterministic, as Ed25519 is.  Returns 0, or -1 when libsodium
 * cannot start. */
int lp_sig_make(const unsigned char *image, size_t size,
		const uint8_t seed[LP_KEY_SIZE],
		unsigned char trailer[LP_SIG_SIZE]);

/* Whether `key` is in the set. */
int lp_trust_has(const pacta_trust *trust, const uint8_t key[LP_KEY_SIZE]);

/* sodium_init(), once; 0 or -1. */
int lp_sodium_init(void);

/* n bytes as 2n lowercase hex digits and a NUL (runtime/util.c). */
void lp_hex(const uint8_t *p, size_t n, char *out);

/*
 * Reads a key file: one line `LABEL HEX` (label LP_KEY_*_LABEL, 64 hex
 * digits, an optional final newline).  Returns a PACTA_* status:
 * PACTA_NOTFOUND, PACTA_IO, or PACTA_RANGE when the file is not a key file
 * with that label, with the reason in msg (cap bytes).
 */
int lp_key_file_read(const char *path, const char *label,
		     uint8_t key[LP_KEY_SIZE], char *msg, size_t cap);

/* The key in `text` (len bytes), as lp_key_file_read reads it; 0 or -1. */
int lp_key_parse(const char *text, size_t len, const char *label,
		 uint8_t key[LP_KEY_SIZE]);

#endif
