/*
 * sign.c — signed modules, the checking half (signature.h, pacta.h): the
 * signature trailer, its verification, key files, and the set of trusted
 * keys.  runtime/module.c calls lp_sig_parse and lp_sig_verify on the bytes
 * it read from the file, before the dynamic loader sees any of them.
 *
 * Every byte of the trailer is read at a fixed offset from the end of the
 * file, after the size has been checked, so any bytes at all are safe to
 * give lp_sig_parse.  Ed25519 and SHA-512 are libsodium's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "libpacta.h"
#include "signature.h"

_Static_assert(crypto_sign_PUBLICKEYBYTES == LP_KEY_SIZE
	       && crypto_sign_SEEDBYTES == LP_KEY_SIZE
	       && crypto_sign_BYTES == LP_SIGNATURE_SIZE
	       && crypto_hash_sha512_BYTES == 64, "Ed25519 sizes");
_Static_assert(sizeof LP_SIG_MAGIC == 9 && sizeof LP_SIG_END == 9,
	       "8-byte magics");

/* Offsets in the trailer (signature.h). */
#define OFF_VERSION   8
#define OFF_RESERVED 12
#define OFF_IMAGE    16
#define OFF_KEY      24
#define OFF_SIG      56
#define OFF_SIZE    120
#define OFF_END     128

/* Key files are one short line; anything longer is not one. */
#define MAX_KEY_FILE 256

int lp_sodium_init(void)
{
	/* Thread-safe, and 1 once done. */
	return sodium_init() < 0 ? -1 : 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Exactly 2 * LP_KEY_SIZE hex digits at s. */
static int unhex_key(const char *s, size_t len, uint8_t key[LP_KEY_SIZE])
{
	if (len != 2 * LP_KEY_SIZE)
		return -1;
	for (size_t i = 0; i < LP_KEY_SIZE; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		key[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
	       | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void put_le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void put_le64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* ---- the trailer ---- */

static int damaged(char *msg, size_t cap, const char *why)
{
	snprintf(msg, cap, "damaged signature trailer (%s)", why);
	return -1;
}

int lp_sig_parse(const unsigned char *data, size_t size,
		 struct lp_signature *sig, char *msg, size_t cap)
{
	const unsigned char *t;

	memset(sig, 0, sizeof *sig);
	sig->image_size = size;
	if (size < LP_SIG_SIZE
	    || memcmp(data + size - 8, LP_SIG_END, 8) != 0) {
		/*
		 * No trailer ends the file.  One cut short, or with a damaged
		 * end, still has its first magic within the last
		 * LP_SIG_SIZE bytes; the end of a module (its section
		 * headers) never holds those bytes.
		 */
		size_t from = size > LP_SIG_SIZE ? size - LP_SIG_SIZE
						    : 0;

		for (size_t i = from; i + 8 <= size; i++) {
			if (memcmp(data + i, LP_SIG_MAGIC, 8) != 0)
				continue;
			if (size - i == LP_SIG_SIZE)
				return damaged(msg, cap, "bad end magic");
			snprintf(msg, cap, "the signature trailer is truncated "
				 "(%zu of %d bytes)", size - i, LP_SIG_SIZE);
			return -1;
		}
		return 0;
	}
	t = data + size - LP_SIG_SIZE;
	if (memcmp(t, LP_SIG_MAGIC, 8) != 0)
		return damaged(msg, cap, "bad magic");
	if (le32(t + OFF_VERSION) != LP_SIG_VERSION) {
		snprintf(msg, cap, "signature format version %u is not "
			 "supported (this runtime reads version %d)",
			 le32(t + OFF_VERSION), LP_SIG_VERSION);
		return -1;
	}
	if (le32(t + OFF_RESERVED) != 0)
		return damaged(msg, cap, "reserved field");
	if (le64(t + OFF_SIZE) != LP_SIG_SIZE)
		return damaged(msg, cap, "trailer size");
	if (le64(t + OFF_IMAGE) != size - LP_SIG_SIZE)
		return damaged(msg, cap, "the signed size is not the file's");
	sig->present = 1;
	sig->image_size = size - LP_SIG_SIZE;
	memcpy(sig->key, t + OFF_KEY, LP_KEY_SIZE);
	memcpy(sig->sig, t + OFF_SIG, LP_SIGNATURE_SIZE);
	return 0;
}

/* SHA-512 of the context string, NUL included, then the image. */
static void digest(const unsigned char *image, size_t size,
		   unsigned char out[crypto_hash_sha512_BYTES])
{
	crypto_hash_sha512_state st;

	crypto_hash_sha512_init(&st);
	crypto_hash_sha512_update(&st, (const unsigned char *)LP_SIG_CONTEXT,
				  sizeof LP_SIG_CONTEXT);
	crypto_hash_sha512_update(&st, image, size);
	crypto_hash_sha512_final(&st, out);
}

int lp_sig_verify(const unsigned char *data, const struct lp_signature *sig)
{
	unsigned char h[crypto_hash_sha512_BYTES];

	if (!sig->present)
		return 0;
	digest(data, sig->image_size, h);
	return crypto_sign_verify_detached(sig->sig, h, sizeof h, sig->key)
	       == 0;
}

int lp_sig_make(const unsigned char *image, size_t size,
		const uint8_t seed[LP_KEY_SIZE],
		unsigned char trailer[LP_SIG_SIZE])
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	unsigned char h[crypto_hash_sha512_BYTES];

	if (lp_sodium_init())
		return -1;
	crypto_sign_seed_keypair(pk, sk, seed);
	digest(image, size, h);
	memset(trailer, 0, LP_SIG_SIZE);
	memcpy(trailer, LP_SIG_MAGIC, 8);
	put_le32(trailer + OFF_VERSION, LP_SIG_VERSION);
	put_le64(trailer + OFF_IMAGE, size);
	memcpy(trailer + OFF_KEY, pk, sizeof pk);
	crypto_sign_detached(trailer + OFF_SIG, NULL, h, sizeof h, sk);
	put_le64(trailer + OFF_SIZE, LP_SIG_SIZE);
	memcpy(trailer + OFF_END, LP_SIG_END, 8);
	sodium_memzero(sk, sizeof sk);
	return 0;
}

/* ---- key files ---- */

int lp_key_parse(const char *text, size_t len, const char *label,
		 uint8_t key[LP_KEY_SIZE])
{
	size_t n = strlen(label);

	if (len > 0 && text[len - 1] == '\n')
		len--;
	if (len > 0 && text[len - 1] == '\r')
		len--;
	if (len < n + 1 || memcmp(text, label, n) != 0 || text[n] != ' ')
		return -1;
	return unhex_key(text + n + 1, len - n - 1, key);
}

int lp_key_file_read(const char *path, const char *label,
		     uint8_t key[LP_KEY_SIZE], char *msg, size_t cap)
{
	char buf[MAX_KEY_FILE + 1];
	struct stat st;
	size_t got = 0;
	int fd, e, rc = PACTA_OK;
	ssize_t n;

	fd = lp_open_regular(path, &st);
	if (fd == -2) {
		snprintf(msg, cap, "'%s' is not a regular file", path);
		return PACTA_IO;
	}
	if (fd < 0) {
		e = errno;
		snprintf(msg, cap, "cannot open '%s': %s", path, strerror(e));
		return e == ENOENT ? PACTA_NOTFOUND : PACTA_IO;
	}
	while (got < sizeof buf) {
		n = read(fd, buf + got, sizeof buf - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			snprintf(msg, cap, "cannot read '%s': %s", path,
				 strerror(e));
			rc = PACTA_IO;
			break;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (rc == PACTA_OK && (got > MAX_KEY_FILE
			       || lp_key_parse(buf, got, label, key) != 0)) {
		/* A secret key given for a public one, say. */
		int want_public = strcmp(label, LP_KEY_PUBLIC_LABEL) == 0;
		const char *other = want_public ? LP_KEY_SECRET_LABEL
						: LP_KEY_PUBLIC_LABEL;

		if (got > strlen(other)
		    && memcmp(buf, other, strlen(other)) == 0)
			snprintf(msg, cap, "'%s' is a %s key file, not a %s "
				 "one", path, want_public ? "secret" : "public",
				 want_public ? "public" : "secret");
		else
			snprintf(msg, cap, "'%s' is not a key file (one line: "
				 "%s and 64 hex digits)", path, label);
		rc = PACTA_RANGE;
	}
	sodium_memzero(buf, sizeof buf);
	return rc;
}

/* ---- the trusted keys ---- */

struct pacta_trust {
	size_t n, cap;
	uint8_t (*keys)[LP_KEY_SIZE];
};

int pacta_trust_new(pacta_trust **out)
{
	if (!out)
		return PACTA_MISUSE;
	*out = NULL;
	if (lp_sodium_init())
		return PACTA_IO;
	*out = calloc(1, sizeof **out);
	return *out ? PACTA_OK : PACTA_NOMEM;
}

void pacta_trust_free(pacta_trust *trust)
{
	if (!trust)
		return;
	free(trust->keys);
	free(trust);
}

int lp_trust_has(const pacta_trust *trust, const uint8_t key[LP_KEY_SIZE])
{
	if (!trust)
		return 0;
	for (size_t i = 0; i < trust->n; i++)
		if (memcmp(trust->keys[i], key, LP_KEY_SIZE) == 0)
			return 1;
	return 0;
}

int pacta_trust_add_key(pacta_trust *trust, const uint8_t key[32],
			pacta_error *err)
{
	if (!trust || !key) {
		lp_error(err, PACTA_MISUSE, NULL, "no key set or no key");
		return PACTA_MISUSE;
	}
	if (lp_trust_has(trust, key))
		return PACTA_OK;
	if (trust->n == trust->cap) {
		size_t cap = trust->cap ? 2 * trust->cap : 4;
		void *p = realloc(trust->keys, cap * sizeof *trust->keys);

		if (!p) {
			lp_error(err, PACTA_NOMEM, NULL, "out of memory");
			return PACTA_NOMEM;
		}
		trust->keys = p;
		trust->cap = cap;
	}
	memcpy(trust->keys[trust->n++], key, LP_KEY_SIZE);
	return PACTA_OK;
}

int pacta_trust_add_key_hex(pacta_trust *trust, const char *hex,
			    pacta_error *err)
{
	uint8_t key[LP_KEY_SIZE];

	if (!trust || !hex) {
		lp_error(err, PACTA_MISUSE, NULL, "no key set or no key");
		return PACTA_MISUSE;
	}
	if (unhex_key(hex, strlen(hex), key) != 0) {
		lp_error(err, PACTA_RANGE, NULL, "not a public key: expected "
			 "64 hex digits");
		return PACTA_RANGE;
	}
	return pacta_trust_add_key(trust, key, err);
}

int pacta_trust_add_key_file(pacta_trust *trust, const char *path,
			     pacta_error *err)
{
	uint8_t key[LP_KEY_SIZE];
	char msg[sizeof err->message];
	int rc;

	if (!trust || !path) {
		lp_error(err, PACTA_MISUSE, NULL, "no key set or no path");
		return PACTA_MISUSE;
	}
	rc = lp_key_file_read(path, LP_KEY_PUBLIC_LABEL, key, msg,
			      sizeof msg);
	if (rc != PACTA_OK) {
		lp_error(err, rc, NULL, "%s", msg);
		return rc;
	}
	return pacta_trust_add_key(trust, key, err);
}

int pacta_trust_count(const pacta_trust *trust)
{
	return trust ? (int)trust->n : 0;
}
