/*
 * sign.c — `pacta keygen` and `pacta build --sign` (signing.h): key pairs
 * from libsodium's random generator, and the signature trailer of
 * runtime/signature.h appended to a module `pacta build` wrote.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "signing.h"
#include "../runtime/signature.h"

/* No module is near this; the runtime refuses anything larger. */
#define MAX_MODULE ((size_t)1 << 30)

static int write_all(int fd, const void *p, size_t n, off_t at)
{
	const unsigned char *b = p;

	while (n > 0) {
		ssize_t w = pwrite(fd, b, n, at);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
		at += w;
	}
	return 0;
}

/* Writes one key file, which must not exist: "LABEL HEX\n". */
static int write_key_file(const char *path, const char *label,
			  const uint8_t key[LP_KEY_SIZE], mode_t mode)
{
	char line[128], hex[2 * LP_KEY_SIZE + 1];
	int fd, rc, n;

	lp_hex(key, LP_KEY_SIZE, hex);
	n = snprintf(line, sizeof line, "%s %s\n", label, hex);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		fprintf(stderr, "pacta: keygen: cannot create '%s': %s%s\n", path,
		        strerror(errno), errno == EEXIST ? " (not overwritten)" : "");
		sodium_memzero(line, sizeof line);
		return -1;
	}
	/* The umask may only take permissions away; make sure of it. */
	rc = fchmod(fd, mode) == 0 && write_all(fd, line, (size_t)n, 0) == 0 ? 0 : -1;
	if (rc == 0 && fsync(fd) != 0)
		rc = -1;
	if (close(fd) != 0)
		rc = -1;
	if (rc != 0) {
		fprintf(stderr, "pacta: keygen: cannot write '%s': %s\n", path, strerror(errno));
		unlink(path);
	}
	sodium_memzero(line, sizeof line);
	sodium_memzero(hex, sizeof hex);
	return rc;
}

int key_generate(const char *secret_path, char pub_hex[65])
{
	uint8_t seed[LP_KEY_SIZE], pk[crypto_sign_PUBLICKEYBYTES];
	uint8_t sk[crypto_sign_SECRETKEYBYTES];
	struct stat st;
	char *pub_path;
	int rc = -1;

	if (lp_sodium_init()) {
		fprintf(stderr, "pacta: keygen: cannot start libsodium\n");
		return -1;
	}
	pub_path = malloc(strlen(secret_path) + 5);
	if (!pub_path) {
		fprintf(stderr, "pacta: keygen: out of memory\n");
		return -1;
	}
	strcpy(pub_path, secret_path);
	strcat(pub_path, ".pub");
	/* Both or neither: look before making the secret one. */
	if (lstat(pub_path, &st) == 0) {
		fprintf(stderr, "pacta: keygen: '%s' exists (not overwritten)\n", pub_path);
		free(pub_path);
		return -1;
	}
	randombytes_buf(seed, sizeof seed);
	crypto_sign_seed_keypair(pk, sk, seed);
	if (write_key_file(secret_path, LP_KEY_SECRET_LABEL, seed, 0600) == 0) {
		if (write_key_file(pub_path, LP_KEY_PUBLIC_LABEL, pk, 0644) == 0) {
			lp_hex(pk, sizeof pk, pub_hex);
			rc = 0;
		} else {
			unlink(secret_path);
		}
	}
	sodium_memzero(seed, sizeof seed);
	sodium_memzero(sk, sizeof sk);
	free(pub_path);
	return rc;
}

/* The secret key of `secret_path`, with a warning when others can read
 * it; 0 or -1 with the reason printed. */
static int read_secret(const char *what, const char *secret_path, uint8_t seed[LP_KEY_SIZE])
{
	struct stat st;
	char msg[256];

	if (lp_key_file_read(secret_path, LP_KEY_SECRET_LABEL, seed, msg, sizeof msg) != 0) {
		fprintf(stderr, "pacta: build %s: --sign: %s\n", what, msg);
		return -1;
	}
	if (stat(secret_path, &st) == 0 && (st.st_mode & 077))
		fprintf(stderr, "pacta: build %s: warning: the secret key '%s' can be read by "
		        "others (chmod 600 it)\n", what, secret_path);
	return 0;
}

int module_sign_image(const char *what, const unsigned char *image, size_t size,
                      const char *secret_path, unsigned char trailer[LP_SIG_SIZE])
{
	uint8_t seed[LP_KEY_SIZE];
	struct lp_signature sig;
	char msg[256];
	int rc = -1;

	if (read_secret(what, secret_path, seed) != 0)
		return -1;
	if (lp_sig_parse(image, size, &sig, msg, sizeof msg) != 0 || sig.present)
		fprintf(stderr, "pacta: build %s: already signed\n", what);
	else if (lp_sig_make(image, size, seed, trailer) != 0)
		fprintf(stderr, "pacta: build %s: cannot start libsodium\n", what);
	else
		rc = 0;
	sodium_memzero(seed, sizeof seed);
	return rc;
}

int module_sign(const char *module_path, const char *secret_path)
{
	unsigned char trailer[LP_SIG_SIZE], *data = NULL;
	struct stat st;
	size_t got = 0;
	int fd, rc = -1;

	fd = open(module_path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st) != 0) {
		fprintf(stderr, "pacta: build %s: cannot open it to sign: %s\n", module_path,
		        strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > MAX_MODULE || st.st_size == 0) {
		fprintf(stderr, "pacta: build %s: not a module file to sign\n", module_path);
		goto out;
	}
	data = malloc((size_t)st.st_size);
	if (!data) {
		fprintf(stderr, "pacta: build %s: out of memory\n", module_path);
		goto out;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = pread(fd, data + got, (size_t)st.st_size - got, (off_t)got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "pacta: build %s: cannot read it to sign: %s\n", module_path,
			        n < 0 ? strerror(errno) : "the file shrank");
			goto out;
		}
		got += (size_t)n;
	}
	if (module_sign_image(module_path, data, got, secret_path, trailer) != 0)
		goto out;
	if (write_all(fd, trailer, sizeof trailer, (off_t)got) != 0) {
		fprintf(stderr, "pacta: build %s: cannot write the signature: %s\n", module_path,
		        strerror(errno));
		/* Leave the module as it was. */
		if (ftruncate(fd, (off_t)got) != 0)
			fprintf(stderr, "pacta: build %s: and cannot undo it\n", module_path);
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0 && close(fd) != 0 && rc == 0) {
		fprintf(stderr, "pacta: build %s: cannot write the signature: %s\n", module_path,
		        strerror(errno));
		rc = -1;
	}
	free(data);
	return rc;
}

int key_file_check(const char *secret_path)
{
	uint8_t seed[LP_KEY_SIZE];
	char msg[256];
	int rc = lp_key_file_read(secret_path, LP_KEY_SECRET_LABEL, seed, msg, sizeof msg);
	sodium_memzero(seed, sizeof seed);
	if (rc != 0)
		fprintf(stderr, "pacta: --sign: %s\n", msg);
	return rc != 0 ? -1 : 0;
}
