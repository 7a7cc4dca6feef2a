/*
 * check_signing.c — signed modules (docs/signing.md): the trailer
 * runtime/sign.c checks and compiler/sign.c writes, and the loader's use of
 * it (runtime/module.c).
 *
 * A real module is built once from a small agreement with emit_module(),
 * as `pacta build` does, and signed with fixed keys.  It must load with the
 * right key and decide; it must be refused when unsigned, signed by
 * another key, or changed anywhere after signing — a bit of code, of
 * read-only data, of the module descriptor, of the signature, of any field
 * of the trailer, a truncated trailer, and a bit at every few bytes of the
 * whole file.  Without keys, unsigned modules still load, unless a byte
 * of them changed since they were built (runtime/image.c), and a module
 * replaced while open is refused, not taken for the new one.
 */
#include <check.h>
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "codegen.h"
#include "libpacta.h"
#include "helpers.h"
#include "pacta.h"
#include "signing.h"

static const char agreement[] =
	"agreement \"Signing\" parties XA, XB default refuse\n"
	"enum country { XA, XB, XC }\n"
	"enum crime { hacking, fraud, defamation }\n"
	"request {\n"
	"  requesting_party: country\n"
	"  requested_party: country\n"
	"  offence: crime\n"
	"  journalist: bool = false\n"
	"}\n"
	"obligation keep_for: days combine min\n"
	"article 1 \"Scope\"\n"
	"  clause 1.1 grant when offence in {hacking, fraud}\n"
	"    oblige keep_for 90 days\n"
	"  clause 1.2 \"Press freedom\" refer when journalist\n"
	"    because \"a journalist is concerned\"\n";

/* Built once for the suite (an unchecked fixture). */
static char dir[1024];
static unsigned char *plain;            /* the unsigned module */
static size_t plain_size;
static unsigned char *signed_a;         /* signed with key A */
static size_t signed_size;
static uint8_t seed_a[32], seed_b[32], pub_a[32], pub_b[32];
static char hex_a[65], hex_b[65];

/* A file in the suite's directory; four names may be in use at once. */
static const char *path_of(const char *name)
{
	static char buf[4][2048];
	static unsigned next;
	char *p = buf[next++ % 4];

	snprintf(p, sizeof buf[0], "%s/%s", dir, name);
	return p;
}

static void write_bytes(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(p, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

static unsigned char *read_bytes(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	long len;

	ck_assert_msg(f != NULL, "cannot read %s", path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)len + 1);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(fread(p, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return p;
}

static void key_from(uint8_t seed[32], uint8_t pub[32], char hex[65],
		     unsigned char fill)
{
	unsigned char sk[crypto_sign_SECRETKEYBYTES];

	memset(seed, fill, 32);
	crypto_sign_seed_keypair(pub, sk, seed);
	lp_hex(pub, 32, hex);
}

static void write_key(const char *name, const char *label,
		      const uint8_t key[32])
{
	char hex[65], line[128];

	lp_hex(key, 32, hex);
	snprintf(line, sizeof line, "%s %s\n", label, hex);
	write_bytes(path_of(name), line, strlen(line));
	chmod(path_of(name), 0600);
}

static void suite_setup(void)
{
	const char *t = getenv("TMPDIR");
	unsigned char trailer[LP_SIG_SIZE];
	emit_options eo = { 0 };
	tc c;

	ck_assert_int_ge(sodium_init(), 0);
	snprintf(dir, sizeof dir, "%s/pacta-signing-XXXXXX",
		 t && *t ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(tc_compile(&c, agreement, 1), 0);
	ck_assert_ptr_nonnull(c.lw);
	eo.kind = EMIT_SO;
	eo.opt_level = 2;
	eo.output = path_of("plain.so");
	ck_assert_int_eq(emit_module(c.lw, &eo), 0);
	tc_free(&c);
	plain = read_bytes(path_of("plain.so"), &plain_size);

	key_from(seed_a, pub_a, hex_a, 0xa1);
	key_from(seed_b, pub_b, hex_b, 0xb2);
	write_key("a.key", LP_KEY_SECRET_LABEL, seed_a);
	write_key("a.key.pub", LP_KEY_PUBLIC_LABEL, pub_a);
	write_key("b.key", LP_KEY_SECRET_LABEL, seed_b);
	write_key("b.key.pub", LP_KEY_PUBLIC_LABEL, pub_b);

	ck_assert_int_eq(lp_sig_make(plain, plain_size, seed_a, trailer), 0);
	signed_size = plain_size + LP_SIG_SIZE;
	signed_a = malloc(signed_size);
	ck_assert_ptr_nonnull(signed_a);
	memcpy(signed_a, plain, plain_size);
	memcpy(signed_a + plain_size, trailer, LP_SIG_SIZE);
	write_bytes(path_of("a.so"), signed_a, signed_size);
}

static void suite_teardown(void)
{
	static const char *const names[] = {
		"plain.so", "a.so", "b.so", "m.so", "cli.so", "a.key",
		"a.key.pub", "b.key", "b.key.pub", "new.key", "new.key.pub",
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		unlink(path_of(names[i]));
	rmdir(dir);
	free(plain);
	free(signed_a);
}

static pacta_trust *trust_of(const uint8_t *k1, const uint8_t *k2)
{
	pacta_trust *t = NULL;

	ck_assert_int_eq(pacta_trust_new(&t), PACTA_OK);
	if (k1)
		ck_assert_int_eq(pacta_trust_add_key(t, k1, NULL), PACTA_OK);
	if (k2)
		ck_assert_int_eq(pacta_trust_add_key(t, k2, NULL), PACTA_OK);
	return t;
}

/* Opens `path` (with `trust`, or plainly when NULL): the status, the
 * module closed again. */
static int try_open(const char *path, const pacta_trust *trust,
		    pacta_error *err)
{
	pacta_module *m = (pacta_module *)&m;
	int rc;

	memset(err, 0, sizeof *err);
	rc = trust ? pacta_module_open_trusted(path, trust, &m, err)
		   : pacta_module_open(path, &m, err);
	if (rc == PACTA_OK) {
		ck_assert_ptr_nonnull(m);
		pacta_module_close(m);
	} else {
		ck_assert_ptr_null(m);
		ck_assert_int_eq(err->status, rc);
	}
	return rc;
}

static void expect(const char *path, const pacta_trust *trust, int status,
		   const char *want)
{
	pacta_error err;
	int rc = try_open(path, trust, &err);

	ck_assert_msg(rc == status, "%s: expected %s, got %s: %s", path,
		      pacta_status_name(status), pacta_status_name(rc),
		      err.message);
	if (want)
		ck_assert_msg(strstr(err.message, want) != NULL,
			      "%s: message <%s> lacks <%s>", path, err.message,
			      want);
}

/* The signed module with bit `bit` of byte `off` flipped, as m.so. */
static const char *flipped(size_t off, int bit)
{
	unsigned char *p = malloc(signed_size);

	ck_assert_ptr_nonnull(p);
	memcpy(p, signed_a, signed_size);
	ck_assert_uint_lt(off, signed_size);
	p[off] ^= (unsigned char)(1u << bit);
	write_bytes(path_of("m.so"), p, signed_size);
	free(p);
	return path_of("m.so");
}

/* The file offset of the section called `name` (or, with `prefix`, the
 * first whose name starts with it), and its size. */
static size_t section(const char *name, int prefix, size_t *size)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh, strs;

	memcpy(&eh, plain, sizeof eh);
	memcpy(&strs, plain + eh.e_shoff + (size_t)eh.e_shstrndx * sizeof sh,
	       sizeof strs);
	for (unsigned i = 0; i < eh.e_shnum; i++) {
		const char *n;

		memcpy(&sh, plain + eh.e_shoff + (size_t)i * sizeof sh,
		       sizeof sh);
		n = (const char *)plain + strs.sh_offset + sh.sh_name;
		if (prefix ? strncmp(n, name, strlen(name)) == 0
			   : strcmp(n, name) == 0) {
			*size = sh.sh_size;
			return sh.sh_offset;
		}
	}
	ck_abort_msg("no section %s in the module", name);
	return 0;
}

/* The file offset of the module descriptor (the one dynamic symbol). */
static size_t descriptor(size_t *size)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh;
	Elf64_Sym sym;

	memcpy(&eh, plain, sizeof eh);
	for (unsigned i = 0; i < eh.e_shnum; i++) {
		memcpy(&sh, plain + eh.e_shoff + (size_t)i * sizeof sh,
		       sizeof sh);
		if (sh.sh_type != SHT_DYNSYM)
			continue;
		ck_assert_uint_ge(sh.sh_size, 2 * sizeof sym);
		memcpy(&sym, plain + sh.sh_offset + sizeof sym, sizeof sym);
		/* Find the section holding the address. */
		for (unsigned j = 0; j < eh.e_shnum; j++) {
			Elf64_Shdr s2;

			memcpy(&s2, plain + eh.e_shoff + (size_t)j * sizeof s2,
			       sizeof s2);
			if (s2.sh_type == SHT_PROGBITS
			    && sym.st_value >= s2.sh_addr
			    && sym.st_value < s2.sh_addr + s2.sh_size) {
				*size = sym.st_size;
				return s2.sh_offset + (sym.st_value
						       - s2.sh_addr);
			}
		}
	}
	ck_abort_msg("no module descriptor found");
	return 0;
}

/* Decides one request on `m`: hacking from XA to XB is granted by 1.1. */
static void decides(pacta_module *m)
{
	pacta_request *req;
	pacta_decision *dec;
	pacta_error err;

	ck_assert_int_eq(pacta_request_new(m, &req), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &dec), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_enum(req, pacta_field_index(m,
			 "requesting_party"), "XA", &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_enum(req, pacta_field_index(m,
			 "requested_party"), "XB", &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_enum(req, pacta_field_index(m,
			 "offence"), "hacking", &err), PACTA_OK);
	ck_assert_int_eq(pacta_decide(m, req, dec, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decision_outcome(dec), PACTA_GRANT);
	ck_assert_str_eq(pacta_decision_ground_label(dec, 0), "1.1");
	pacta_decision_free(dec);
	pacta_request_free(req);
}

/* ---- the right key ---- */

START_TEST(test_right_key)
{
	pacta_trust *t = trust_of(pub_a, NULL), *both = trust_of(pub_b, pub_a);
	pacta_module *m;
	pacta_error err;

	ck_assert_int_eq(pacta_module_open_trusted(path_of("a.so"), t, &m,
						   &err), PACTA_OK);
	ck_assert_str_eq(pacta_module_signer(m), hex_a);
	ck_assert_mem_eq(pacta_module_signer_key(m), pub_a, 32);
	ck_assert_str_eq(pacta_module_title(m), "Signing");
	decides(m);
	pacta_module_close(m);
	/* Any of several trusted keys will do. */
	ck_assert_int_eq(pacta_module_open_trusted(path_of("a.so"), both, &m,
						   &err), PACTA_OK);
	decides(m);
	pacta_module_close(m);
	pacta_trust_free(both);
	pacta_trust_free(t);
}
END_TEST

START_TEST(test_signed_without_keys)
{
	pacta_module *m;
	pacta_error err;

	/* Without keys a signed module loads too, its signature checked. */
	ck_assert_int_eq(pacta_module_open(path_of("a.so"), &m, &err),
			 PACTA_OK);
	ck_assert_str_eq(pacta_module_signer(m), hex_a);
	decides(m);
	pacta_module_close(m);
}
END_TEST

START_TEST(test_unsigned_without_keys)
{
	pacta_module *m;
	pacta_error err;

	ck_assert_int_eq(pacta_module_open(path_of("plain.so"), &m, &err),
			 PACTA_OK);
	ck_assert_str_eq(pacta_module_signer(m), "");
	ck_assert_ptr_null(pacta_module_signer_key(m));
	decides(m);
	pacta_module_close(m);
	ck_assert_ptr_null(pacta_module_signer(NULL));
}
END_TEST

/* ---- refused ---- */

START_TEST(test_no_signature)
{
	pacta_trust *t = trust_of(pub_a, NULL);

	expect(path_of("plain.so"), t, PACTA_SIGNATURE, "is not signed");
	pacta_trust_free(t);
}
END_TEST

START_TEST(test_other_key)
{
	pacta_trust *tb = trust_of(pub_b, NULL), *ta = trust_of(pub_a, NULL);
	unsigned char trailer[LP_SIG_SIZE];
	unsigned char *p = malloc(signed_size);
	char want[128];

	snprintf(want, sizeof want, "signed by key %s, which is not trusted",
		 hex_a);
	expect(path_of("a.so"), tb, PACTA_SIGNATURE, want);
	/* Signed by B, A trusted. */
	ck_assert_int_eq(lp_sig_make(plain, plain_size, seed_b, trailer), 0);
	memcpy(p, plain, plain_size);
	memcpy(p + plain_size, trailer, sizeof trailer);
	write_bytes(path_of("b.so"), p, signed_size);
	snprintf(want, sizeof want, "signed by key %s", hex_b);
	expect(path_of("b.so"), ta, PACTA_SIGNATURE, want);
	expect(path_of("b.so"), tb, PACTA_OK, NULL);
	/* B's trailer with A's key put in: A's key, a signature that is
	 * not A's. */
	memcpy(p + plain_size + 24, pub_a, 32);
	write_bytes(path_of("b.so"), p, signed_size);
	expect(path_of("b.so"), ta, PACTA_SIGNATURE, "bad signature");
	free(p);
	pacta_trust_free(ta);
	pacta_trust_free(tb);
}
END_TEST

START_TEST(test_flip_code)
{
	pacta_trust *t = trust_of(pub_a, NULL);
	size_t n, off = section(".text", 0, &n);

	ck_assert_uint_gt(n, 0);
	expect(flipped(off + n / 2, 3), t, PACTA_SIGNATURE, "bad signature");
	expect(flipped(off, 0), t, PACTA_SIGNATURE, "bad signature");
	/* Without keys as well: a signature present is always checked. */
	expect(flipped(off + n / 3, 5), NULL, PACTA_SIGNATURE,
	       "changed after it was signed");
	pacta_trust_free(t);
}
END_TEST

START_TEST(test_flip_rodata)
{
	pacta_trust *t = trust_of(pub_a, NULL);
	size_t n, off = section(".rodata", 1, &n);

	ck_assert_uint_gt(n, 0);
	expect(flipped(off + n / 2, 1), t, PACTA_SIGNATURE, "bad signature");
	expect(flipped(off + n - 1, 7), t, PACTA_SIGNATURE, "bad signature");
	expect(flipped(off + n / 2, 1), NULL, PACTA_SIGNATURE,
	       "bad signature");
	pacta_trust_free(t);
}
END_TEST

START_TEST(test_flip_descriptor)
{
	pacta_trust *t = trust_of(pub_a, NULL);
	size_t n, off = descriptor(&n);

	ck_assert_uint_ge(n, 8);
	/* The magic, the ABI version, and each word after. */
	for (size_t i = 0; i < n; i += 8)
		expect(flipped(off + i, (int)(i / 8) % 8), t, PACTA_SIGNATURE,
		       "bad signature");
	pacta_trust_free(t);
}
END_TEST

START_TEST(test_flip_signature)
{
	pacta_trust *t = trust_of(pub_a, NULL);
	size_t sig = plain_size + 56;

	for (size_t i = 0; i < 64; i += 9)
		expect(flipped(sig + i, (int)i % 8), t, PACTA_SIGNATURE,
		       "bad signature");
	expect(flipped(sig + 63, 7), NULL, PACTA_SIGNATURE, "bad signature");
	pacta_trust_free(t);
}
END_TEST

START_TEST(test_flip_trailer)
{
	pacta_trust *t = trust_of(pub_a, NULL);
	size_t tr = plain_size;
	static const struct { size_t off; const char *want; } f[] = {
		{ 0, "bad magic" },                /* "PACTASIG" */
		{ 7, "bad magic" },
		{ 8, "version" },                  /* version */
		{ 12, "reserved" },                /* reserved */
		{ 16, "signed size" },             /* image size */
		{ 23, "signed size" },
		{ 24, "not trusted" },             /* public key */
		{ 55, "not trusted" },
		{ 120, "trailer size" },           /* trailer size */
		{ 127, "trailer size" },
		{ 128, "bad end magic" },          /* "PACTAEND" */
		{ 135, "bad end magic" },
	};

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		expect(flipped(tr + f[i].off, 2), t, PACTA_SIGNATURE,
		       f[i].want);
		/* Refused without keys too: the file is damaged. */
		expect(flipped(tr + f[i].off, 2), NULL, PACTA_SIGNATURE,
		       f[i].off == 24 || f[i].off == 55 ? "bad signature"
							 : f[i].want);
	}
	pacta_trust_free(t);
}
END_TEST

START_TEST(test_truncated_trailer)
{
	pacta_trust *t = trust_of(pub_a, NULL);
	static const size_t cut[] = { 1, 8, 9, 64, 100, 128, 129, 135, 136 };

	for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		write_bytes(path_of("m.so"), signed_a, signed_size - cut[i]);
		expect(path_of("m.so"), t, PACTA_SIGNATURE,
		       cut[i] <= 128 ? "truncated" : "not signed");
		/* Without keys: refused while the trailer's start shows;
		 * the image alone is an unsigned module, and with a few
		 * bytes after it a damaged one (its SHA-256 covers the
		 * whole file, runtime/image.c). */
		expect(path_of("m.so"), NULL,
		       cut[i] <= 128 ? PACTA_SIGNATURE
		       : cut[i] < LP_SIG_SIZE ? PACTA_BADMODULE : PACTA_OK,
		       cut[i] <= 128 ? "truncated"
		       : cut[i] < LP_SIG_SIZE ? "not those it was built with" : NULL);
	}
	/* Bytes appended after the trailer: it no longer ends the file. */
	{
		unsigned char *p = malloc(signed_size + 16);

		memcpy(p, signed_a, signed_size);
		memset(p + signed_size, 0, 16);
		write_bytes(path_of("m.so"), p, signed_size + 16);
		expect(path_of("m.so"), t, PACTA_SIGNATURE, NULL);
		free(p);
	}
	pacta_trust_free(t);
}
END_TEST

/* A bit flipped every few bytes of the whole file: never accepted. */
START_TEST(test_flip_everywhere)
{
	pacta_trust *t = trust_of(pub_a, NULL);
	unsigned char *p = malloc(signed_size);
	pacta_error err;

	memcpy(p, signed_a, signed_size);
	for (size_t off = 0; off < signed_size; off += 13) {
		int bit = (int)(off % 8);

		p[off] ^= (unsigned char)(1u << bit);
		write_bytes(path_of("m.so"), p, signed_size);
		p[off] ^= (unsigned char)(1u << bit);
		ck_assert_msg(try_open(path_of("m.so"), t, &err) != PACTA_OK,
			      "a flipped bit %d at byte %zu was accepted", bit,
			      off);
	}
	free(p);
	pacta_trust_free(t);
}
END_TEST

/* A signed image that is not a whole module: the ELF checks read only the
 * signed bytes, which must hold the whole image. */
START_TEST(test_image_within_signed_bytes)
{
	pacta_trust *t = trust_of(pub_a, NULL);
	unsigned char trailer[LP_SIG_SIZE];
	size_t n = plain_size - 64;
	unsigned char *p = malloc(n + LP_SIG_SIZE);

	ck_assert_int_eq(lp_sig_make(plain, n, seed_a, trailer), 0);
	memcpy(p, plain, n);
	memcpy(p + n, trailer, sizeof trailer);
	write_bytes(path_of("m.so"), p, n + LP_SIG_SIZE);
	expect(path_of("m.so"), t, PACTA_BADMODULE, "truncated");
	free(p);
	pacta_trust_free(t);
}
END_TEST

/* The bytes loaded are the bytes checked: changing the file after a
 * trusted open changes nothing in the open module. */
START_TEST(test_loaded_bytes_are_checked_bytes)
{
	pacta_trust *t = trust_of(pub_a, NULL);
	pacta_module *m1, *m2;
	pacta_error err;
	size_t n, off = section(".text", 0, &n);

	write_bytes(path_of("m.so"), signed_a, signed_size);
	ck_assert_int_eq(pacta_module_open_trusted(path_of("m.so"), t, &m1,
						   &err), PACTA_OK);
	/* Overwrite all the code in place with breakpoints: had the module
	 * been mapped from the file, deciding would now trap. */
	{
		int fd = open(path_of("m.so"), O_WRONLY);
		unsigned char *junk = malloc(n);

		ck_assert_int_ge(fd, 0);
		memset(junk, 0xcc, n);
		ck_assert_int_eq(pwrite(fd, junk, n, (off_t)off), (ssize_t)n);
		close(fd);
		free(junk);
	}
	decides(m1);
	expect(path_of("m.so"), t, PACTA_SIGNATURE, "bad signature");
	/* Each trusted open has its own copy: two at once, closed in any
	 * order. */
	write_bytes(path_of("m.so"), signed_a, signed_size);
	ck_assert_int_eq(pacta_module_open_trusted(path_of("m.so"), t, &m2,
						   &err), PACTA_OK);
	decides(m2);
	decides(m1);
	pacta_module_close(m1);
	decides(m2);
	pacta_module_close(m2);
	pacta_trust_free(t);
}
END_TEST

/* ---- unsigned modules: the image's own SHA-256 (runtime/image.c) ---- */

/* A bit flipped in an unsigned module: refused as damaged, in the code, in
 * read-only data, in the descriptor, and every few bytes of the file. */
START_TEST(test_unsigned_flips)
{
	static const char *const where[] = { ".text", ".rodata" };
	const char *damaged = "not those it was built with";
	unsigned char *p = malloc(plain_size);
	size_t n, off;
	pacta_error err;

	for (size_t i = 0; i < 2; i++) {
		off = section(where[i], i == 1, &n);
		ck_assert_uint_gt(n, 0);
		for (size_t k = 0; k < 4; k++) {
			memcpy(p, plain, plain_size);
			p[off + k * (n - 1) / 3] ^= 0x10;
			write_bytes(path_of("m.so"), p, plain_size);
			expect(path_of("m.so"), NULL, PACTA_BADMODULE, damaged);
		}
	}
	/* After the magic and the ABI version: every pointer, the source
	 * hash, the image hash itself. */
	off = descriptor(&n);
	for (size_t i = 8; i < n; i += 4) {
		memcpy(p, plain, plain_size);
		p[off + i] ^= 0x01;
		write_bytes(path_of("m.so"), p, plain_size);
		expect(path_of("m.so"), NULL, PACTA_BADMODULE, damaged);
	}
	memcpy(p, plain, plain_size);
	for (off = 0; off < plain_size; off += 7) {
		int bit = (int)(off % 8);

		p[off] ^= (unsigned char)(1u << bit);
		write_bytes(path_of("m.so"), p, plain_size);
		p[off] ^= (unsigned char)(1u << bit);
		ck_assert_msg(try_open(path_of("m.so"), NULL, &err) != PACTA_OK,
			      "a flipped bit %d at byte %zu was accepted", bit,
			      off);
	}
	free(p);
}
END_TEST

/*
 * A module replaced, while open, by another of exactly the same layout
 * (here: its title changed, and its hash written in again as `pacta
 * build` does): it opens as a new module beside the old.  Where no
 * private copy can be made, the dynamic loader hands back the old one for
 * the path, which must be refused, not used as the new one.
 */
START_TEST(test_replaced_same_layout)
{
	unsigned char *p = malloc(plain_size);
	pacta_module *m1, *m2;
	pacta_error err;
	char msg[200];
	size_t at = 0;

	memcpy(p, plain, plain_size);
	while (at + 8 <= plain_size && memcmp(p + at, "Signing", 8) != 0)
		at++;
	ck_assert_uint_lt(at + 8, plain_size);
	memcpy(p + at, "Singing", 8);
	ck_assert_int_eq(lp_image_stamp(p, plain_size, msg, sizeof msg), 0);

	for (int from_path = 0; from_path < 2; from_path++) {
		lp_private_copy_off = from_path;
		write_bytes(path_of("m.so"), plain, plain_size);
		ck_assert_int_eq(pacta_module_open(path_of("m.so"), &m1, &err),
				 PACTA_OK);
		write_bytes(path_of("b.so"), p, plain_size);
		ck_assert_int_eq(rename(path_of("b.so"), path_of("m.so")), 0);
		if (from_path)
			expect(path_of("m.so"), NULL, PACTA_BADMODULE, "an older "
			       "version of the module is still open; close it "
			       "before opening this one");
		ck_assert_str_eq(pacta_module_title(m1), "Signing");
		decides(m1);
		if (from_path)
			pacta_module_close(m1);
		ck_assert_int_eq(pacta_module_open(path_of("m.so"), &m2, &err),
				 PACTA_OK);
		ck_assert_str_eq(pacta_module_title(m2), "Singing");
		decides(m2);
		if (!from_path) {
			ck_assert_str_eq(pacta_module_title(m1), "Signing");
			decides(m1);
			pacta_module_close(m1);
		}
		pacta_module_close(m2);
	}
	lp_private_copy_off = 0;
	free(p);
}
END_TEST

/* ---- the signing side ---- */

/* module_sign and key_generate print their refusals: not into the test
 * log. */
static int saved_stderr = -1;

static void quiet(int on)
{
	if (on) {
		int null = open("/dev/null", O_WRONLY);

		fflush(stderr);
		saved_stderr = dup(2);
		dup2(null, 2);
		close(null);
	} else {
		fflush(stderr);
		dup2(saved_stderr, 2);
		close(saved_stderr);
	}
}

START_TEST(test_module_sign)
{
	unsigned char *p;
	size_t n;

	/* `pacta build --sign` appends exactly the trailer lp_sig_make
	 * makes: deterministic, byte for byte. */
	write_bytes(path_of("cli.so"), plain, plain_size);
	ck_assert_int_eq(module_sign(path_of("cli.so"), path_of("a.key")), 0);
	p = read_bytes(path_of("cli.so"), &n);
	ck_assert_uint_eq(n, signed_size);
	ck_assert_mem_eq(p, signed_a, n);
	free(p);
	/* Not twice. */
	quiet(1);
	ck_assert_int_eq(module_sign(path_of("cli.so"), path_of("b.key")), -1);
	quiet(0);
	p = read_bytes(path_of("cli.so"), &n);
	ck_assert_uint_eq(n, signed_size);
	free(p);
	/* A public key is not a secret one. */
	write_bytes(path_of("cli.so"), plain, plain_size);
	quiet(1);
	ck_assert_int_eq(module_sign(path_of("cli.so"),
				     path_of("a.key.pub")), -1);
	quiet(0);
	p = read_bytes(path_of("cli.so"), &n);
	ck_assert_uint_eq(n, plain_size);
	free(p);
}
END_TEST

START_TEST(test_keygen)
{
	char pub[65], text[128];
	uint8_t key[32];
	struct stat st;
	pacta_trust *t;
	pacta_error err;

	unlink(path_of("new.key"));
	unlink(path_of("new.key.pub"));
	ck_assert_int_eq(key_generate(path_of("new.key"), pub), 0);
	ck_assert_int_eq(stat(path_of("new.key"), &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(lp_key_file_read(path_of("new.key.pub"),
					  LP_KEY_PUBLIC_LABEL, key, text,
					  sizeof text), PACTA_OK);
	lp_hex(key, 32, text);
	ck_assert_str_eq(text, pub);
	/* Never over an existing key. */
	quiet(1);
	ck_assert_int_eq(key_generate(path_of("new.key"), pub), -1);
	quiet(0);
	/* The new key signs modules its public key file lets in. */
	write_bytes(path_of("cli.so"), plain, plain_size);
	ck_assert_int_eq(module_sign(path_of("cli.so"), path_of("new.key")), 0);
	ck_assert_int_eq(pacta_trust_new(&t), PACTA_OK);
	ck_assert_int_eq(pacta_trust_add_key_file(t, path_of("new.key.pub"),
						  &err), PACTA_OK);
	expect(path_of("cli.so"), t, PACTA_OK, NULL);
	pacta_trust_free(t);
}
END_TEST

START_TEST(test_trust_api)
{
	pacta_trust *t;
	pacta_module *m = (pacta_module *)&m;
	pacta_error err;
	char upper[65];

	ck_assert_int_eq(pacta_trust_new(&t), PACTA_OK);
	ck_assert_int_eq(pacta_trust_count(t), 0);
	/* An empty set trusts nothing: misuse, not a way to load anything. */
	ck_assert_int_eq(pacta_module_open_trusted(path_of("a.so"), t, &m,
						   &err), PACTA_MISUSE);
	ck_assert_ptr_null(m);
	ck_assert_int_eq(pacta_module_open_trusted(path_of("a.so"), NULL, &m,
						   &err), PACTA_MISUSE);
	ck_assert_int_eq(pacta_trust_add_key_hex(t, "12ab", &err),
			 PACTA_RANGE);
	ck_assert_int_eq(pacta_trust_add_key_hex(t, NULL, &err),
			 PACTA_MISUSE);
	for (int i = 0; i < 64; i++)
		upper[i] = (char)(hex_a[i] >= 'a' ? hex_a[i] - 32 : hex_a[i]);
	upper[64] = '\0';
	ck_assert_int_eq(pacta_trust_add_key_hex(t, upper, &err), PACTA_OK);
	ck_assert_int_eq(pacta_trust_add_key(t, pub_a, &err), PACTA_OK);
	ck_assert_int_eq(pacta_trust_add_key_file(t, path_of("a.key.pub"),
						  &err), PACTA_OK);
	ck_assert_int_eq(pacta_trust_count(t), 1);
	ck_assert_int_eq(pacta_trust_add_key_file(t, path_of("a.key"), &err),
			 PACTA_RANGE);
	ck_assert_msg(strstr(err.message, "is a secret key file") != NULL,
		      "%s", err.message);
	ck_assert_int_eq(pacta_trust_add_key_file(t, path_of("plain.so"),
						  &err), PACTA_RANGE);
	ck_assert_int_eq(pacta_trust_add_key_file(t, path_of("absent"), &err),
			 PACTA_NOTFOUND);
	ck_assert_int_eq(pacta_trust_count(t), 1);
	expect(path_of("a.so"), t, PACTA_OK, NULL);
	ck_assert_str_eq(pacta_status_name(PACTA_SIGNATURE),
			 "PACTA_SIGNATURE");
	pacta_trust_free(t);
	pacta_trust_free(NULL);
}
END_TEST

Suite *signing_suite(void)
{
	Suite *s = suite_create("signing");
	TCase *c = tcase_create("signing");

	tcase_add_unchecked_fixture(c, suite_setup, suite_teardown);
	tcase_set_timeout(c, 120);
	tcase_add_test(c, test_right_key);
	tcase_add_test(c, test_signed_without_keys);
	tcase_add_test(c, test_unsigned_without_keys);
	tcase_add_test(c, test_no_signature);
	tcase_add_test(c, test_other_key);
	tcase_add_test(c, test_flip_code);
	tcase_add_test(c, test_flip_rodata);
	tcase_add_test(c, test_flip_descriptor);
	tcase_add_test(c, test_flip_signature);
	tcase_add_test(c, test_flip_trailer);
	tcase_add_test(c, test_truncated_trailer);
	tcase_add_test(c, test_flip_everywhere);
	tcase_add_test(c, test_image_within_signed_bytes);
	tcase_add_test(c, test_loaded_bytes_are_checked_bytes);
	tcase_add_test(c, test_unsigned_flips);
	tcase_add_test(c, test_replaced_same_layout);
	tcase_add_test(c, test_module_sign);
	tcase_add_test(c, test_keygen);
	tcase_add_test(c, test_trust_api);
	suite_add_tcase(s, c);
	return s;
}
