/*
 * check_runtime.c — unit tests for libpacta, the public API of
 * runtime/pacta.h: the module loader and its file check (runtime/module.c,
 * runtime/elf.c), the request builder, pacta_decide, the decision getters
 * and texts (runtime/api.c).
 *
 * The modules are hand-written stand-ins for `pacta build` output (the C
 * files of tests/runtime, built by the Makefile into PACTA_TESTMODS):
 * good.so is a miniature of the model agreement, decided here field by
 * field and from JSON; the others each break one rule a module must
 * keep.  Damaged files are made here from good.so — truncated at many
 * lengths, with chosen fields broken, and at random — and each must be
 * refused, or at least loaded, without a crash.
 */
#include <check.h>
#include <elf.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libpacta.h"
#include "suites.h"

#ifndef PACTA_TESTMODS
#define PACTA_TESTMODS "build/testmods"
#endif

/* ---- helpers ---- */

static const char *mod_dir(void)
{
	const char *d = getenv("PACTA_TESTMODS");

	return d && *d ? d : PACTA_TESTMODS;
}

static const char *mod_path(const char *name)
{
	static char buf[4096];

	snprintf(buf, sizeof buf, "%s/%s.so", mod_dir(), name);
	return buf;
}

static pacta_module *open_ok(const char *name)
{
	pacta_module *m = NULL;
	pacta_error err;
	int rc = pacta_module_open(mod_path(name), &m, &err);

	ck_assert_msg(rc == PACTA_OK, "opening %s: %s: %s", mod_path(name),
		      pacta_status_name(rc), err.message);
	ck_assert_ptr_nonnull(m);
	return m;
}

/* Opening `path` fails with `status`, and the message contains `want`. */
static void expect_refused(const char *path, int status, const char *want)
{
	pacta_module *m = (pacta_module *)&m;  /* must be reset to NULL */
	pacta_error err;
	int rc;

	memset(&err, 0, sizeof err);
	rc = pacta_module_open(path, &m, &err);
	ck_assert_msg(rc == status, "%s: expected %s, got %s: %s", path,
		      pacta_status_name(status), pacta_status_name(rc),
		      err.message);
	ck_assert_ptr_null(m);
	ck_assert_int_eq(err.status, status);
	ck_assert_msg(strstr(err.message, want) != NULL,
		      "%s: message <%s> lacks <%s>", path, err.message, want);
}

static unsigned char *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)n);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*size = (size_t)n;
	return p;
}

/* A scratch file for damaged modules, in $TMPDIR. */
static char scratch[4096];

static void scratch_setup(void)
{
	const char *t = getenv("TMPDIR");
	int fd;

	snprintf(scratch, sizeof scratch, "%s/pacta-runtime-XXXXXX.so",
		 t && *t ? t : "/tmp");
	fd = mkstemps(scratch, 3);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

static void scratch_teardown(void)
{
	unlink(scratch);
}

static void write_scratch(const void *p, size_t n)
{
	FILE *f = fopen(scratch, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(p, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

/* ---- versions and statuses ---- */

START_TEST(test_versions)
{
	ck_assert_int_eq(pacta_version_number(), PACTA_VERSION_NUMBER);
	ck_assert_str_eq(pacta_version(), PACTA_VERSION);
	ck_assert_int_eq(pacta_abi_version(), 6);
	ck_assert_str_eq(pacta_status_name(PACTA_OK), "PACTA_OK");
	ck_assert_str_eq(pacta_status_name(PACTA_ERROR), "PACTA_ERROR");
	ck_assert_str_eq(pacta_status_name(PACTA_NOMEM), "PACTA_NOMEM");
	ck_assert_str_eq(pacta_status_name(PACTA_MISUSE), "PACTA_MISUSE");
	ck_assert_str_eq(pacta_status_name(PACTA_ABI), "PACTA_ABI");
	ck_assert_str_eq(pacta_status_name(PACTA_NOTFOUND), "PACTA_NOTFOUND");
	ck_assert_str_eq(pacta_status_name(PACTA_IO), "PACTA_IO");
	ck_assert_str_eq(pacta_status_name(PACTA_BADMODULE),
			 "PACTA_BADMODULE");
	ck_assert_str_eq(pacta_status_name(PACTA_RANGE), "PACTA_RANGE");
	ck_assert_str_eq(pacta_status_name(PACTA_INPUT), "PACTA_INPUT");
	ck_assert_str_eq(pacta_status_name(-1), "PACTA_?");
	ck_assert_str_eq(pacta_status_name(PACTA_SIGNATURE), "PACTA_SIGNATURE");
	ck_assert_str_eq(pacta_status_name(PACTA_UNSUPPORTED),
			 "PACTA_UNSUPPORTED");
	ck_assert_str_eq(pacta_status_name(12), "PACTA_?");
}
END_TEST

START_TEST(test_dates)
{
	int y, m, d;

	ck_assert_int_eq(pacta_date_number(1, 1, 1), 0);
	ck_assert_int_eq(pacta_date_number(2025, 1, 1), 739251);
	ck_assert_int_eq(pacta_date_number(2025, 2, 29), -1);
	ck_assert_int_eq(pacta_date_number(10000, 1, 1), -1);
	pacta_date_split(739251, &y, &m, &d);
	ck_assert_int_eq(y, 2025);
	ck_assert_int_eq(m, 1);
	ck_assert_int_eq(d, 1);
	pacta_date_split(0, NULL, NULL, NULL);
}
END_TEST

/* ---- opening: the file check ---- */

START_TEST(test_open_misuse)
{
	pacta_module *m;
	pacta_error err;

	ck_assert_int_eq(pacta_module_open(mod_path("good"), NULL, &err),
			 PACTA_MISUSE);
	ck_assert_int_eq(pacta_module_open(NULL, &m, &err), PACTA_MISUSE);
	ck_assert_ptr_null(m);
	/* err may be NULL */
	ck_assert_int_eq(pacta_module_open(NULL, &m, NULL), PACTA_MISUSE);
}
END_TEST

START_TEST(test_open_missing)
{
	expect_refused(mod_path("no-such-module"), PACTA_NOTFOUND,
		       "cannot open '");
	expect_refused(mod_path("no-such-module"), PACTA_NOTFOUND,
		       "No such file or directory");
}
END_TEST

START_TEST(test_open_not_elf)
{
	write_scratch("", 0);
	expect_refused(scratch, PACTA_BADMODULE,
		       "not an ELF file (the file is empty)");
	write_scratch("hello, world\n", 13);
	expect_refused(scratch, PACTA_BADMODULE, "not an ELF file");
	write_scratch("#!/bin/sh\necho hi\n", 18);
	expect_refused(scratch, PACTA_BADMODULE, ": not an ELF file");
	expect_refused(mod_dir(), PACTA_BADMODULE, "is not a regular file");
}
END_TEST

/* Every prefix of a good module is refused as truncated. */
START_TEST(test_open_truncated)
{
	size_t size, n;
	unsigned char *p = read_all(mod_path("good"), &size);

	for (n = 1; n < size; n += n < 1100 ? 1 : n > size - 40 ? 1 : 53) {
		char what[64];

		write_scratch(p, n);
		snprintf(what, sizeof what, "file truncated (%zu bytes", n);
		expect_refused(scratch, PACTA_BADMODULE, what);
	}
	/* ... and the whole of it is fine. */
	write_scratch(p, size);
	pacta_module_close(open_ok("good"));
	free(p);
}
END_TEST

/* ---- damaged modules: the structures of good.so, found through its
 * section headers (the test trusts them; the runtime does not) ---- */

struct image {
	unsigned char *p;
	size_t size;
	Elf64_Ehdr eh;
};

static void image_load(struct image *im)
{
	im->p = read_all(mod_path("good"), &im->size);
	memcpy(&im->eh, im->p, sizeof im->eh);
}

static Elf64_Shdr section(const struct image *im, uint32_t type)
{
	Elf64_Shdr sh;

	for (unsigned i = 0; i < im->eh.e_shnum; i++) {
		memcpy(&sh, im->p + im->eh.e_shoff + i * sizeof sh, sizeof sh);
		if (sh.sh_type == type)
			return sh;
	}
	ck_abort_msg("good.so has no section of type %u", type);
	return sh;
}

static size_t phdr_off(const struct image *im, uint32_t type)
{
	for (unsigned i = 0; i < im->eh.e_phnum; i++) {
		size_t off = im->eh.e_phoff + i * sizeof(Elf64_Phdr);
		Elf64_Phdr ph;

		memcpy(&ph, im->p + off, sizeof ph);
		if (ph.p_type == type)
			return off;
	}
	ck_abort_msg("good.so has no segment of type %u", type);
	return 0;
}

/* The file offset of the value of dynamic tag `tag`. */
static size_t dyn_val_off(const struct image *im, int64_t tag)
{
	Elf64_Shdr sh = section(im, SHT_DYNAMIC);

	for (size_t off = sh.sh_offset; off < sh.sh_offset + sh.sh_size;
	     off += sizeof(Elf64_Dyn)) {
		Elf64_Dyn d;

		memcpy(&d, im->p + off, sizeof d);
		if (d.d_tag == tag)
			return off + offsetof(Elf64_Dyn, d_un);
	}
	ck_abort_msg("good.so has no dynamic tag %lld", (long long)tag);
	return 0;
}

/* .dynstr, the section .dynsym links to */
static Elf64_Shdr dynstr(const struct image *im)
{
	Elf64_Shdr ds = section(im, SHT_DYNSYM), sh;

	memcpy(&sh, im->p + im->eh.e_shoff + ds.sh_link * sizeof sh, sizeof sh);
	return sh;
}

static uint32_t symbol_name(const struct image *im, unsigned i)
{
	Elf64_Shdr ds = section(im, SHT_DYNSYM);
	Elf64_Sym sym;

	memcpy(&sym, im->p + ds.sh_offset + i * sizeof sym, sizeof sym);
	return sym.st_name;
}

static void put16(struct image *im, size_t off, uint16_t v)
{
	memcpy(im->p + off, &v, sizeof v);
}

static void put32(struct image *im, size_t off, uint32_t v)
{
	memcpy(im->p + off, &v, sizeof v);
}

static void put64(struct image *im, size_t off, uint64_t v)
{
	memcpy(im->p + off, &v, sizeof v);
}

/* Applies `damage` to a fresh copy of good.so and expects a refusal. */
#define DAMAGED(damage, st, want) do { \
	struct image im; \
	image_load(&im); \
	damage; \
	write_scratch(im.p, im.size); \
	free(im.p); \
	expect_refused(scratch, st, want); \
} while (0)

START_TEST(test_open_damaged)
{
	Elf64_Shdr sh;

	DAMAGED(im.p[EI_CLASS] = ELFCLASS32, PACTA_BADMODULE, "a 32-bit ELF");
	DAMAGED(im.p[EI_DATA] = ELFDATA2MSB, PACTA_BADMODULE, "byte order");
	DAMAGED(put16(&im, offsetof(Elf64_Ehdr, e_machine), EM_AARCH64),
		PACTA_BADMODULE, "built for AArch64 (ELF machine 183); this "
		"runtime runs on x86-64");
	DAMAGED(put16(&im, offsetof(Elf64_Ehdr, e_type), ET_REL),
		PACTA_BADMODULE, "an object file (ET_REL), not a shared object");
	DAMAGED(put16(&im, offsetof(Elf64_Ehdr, e_type), ET_EXEC),
		PACTA_BADMODULE, "an executable (ET_EXEC)");
	DAMAGED(put64(&im, offsetof(Elf64_Ehdr, e_phoff), UINT64_MAX - 8),
		PACTA_BADMODULE, "file truncated");
	DAMAGED(put16(&im, offsetof(Elf64_Ehdr, e_phnum), 0xfffe),
		PACTA_BADMODULE, "file truncated");
	DAMAGED(put16(&im, offsetof(Elf64_Ehdr, e_phentsize), 10),
		PACTA_BADMODULE, "bad program header size 10");
	DAMAGED(put64(&im, offsetof(Elf64_Ehdr, e_shoff), im.size - 10),
		PACTA_BADMODULE, "file truncated");
	/* a segment beyond the file */
	DAMAGED(put64(&im, phdr_off(&im, PT_LOAD) + offsetof(Elf64_Phdr,
							      p_filesz),
		      UINT64_MAX),
		PACTA_BADMODULE, "file truncated");
	DAMAGED(put32(&im, phdr_off(&im, PT_GNU_STACK), PT_NULL),
		PACTA_BADMODULE, "executable stack (it has no PT_GNU_STACK");
	DAMAGED(put32(&im, phdr_off(&im, PT_GNU_STACK), PT_INTERP),
		PACTA_BADMODULE, "names a program interpreter");
	DAMAGED(put32(&im, phdr_off(&im, PT_GNU_STACK), PT_TLS),
		PACTA_BADMODULE, "thread-local storage");
	DAMAGED(put32(&im, phdr_off(&im, PT_DYNAMIC), PT_NULL),
		PACTA_BADMODULE, "no dynamic section");
	DAMAGED(put64(&im, phdr_off(&im, PT_DYNAMIC)
		      + offsetof(Elf64_Phdr, p_vaddr), 0x7fff0000),
		PACTA_BADMODULE, "segment 4 lies outside the module's memory");
	/* the RELRO range, made read-only by the loader */
	DAMAGED(put64(&im, phdr_off(&im, PT_GNU_RELRO)
		      + offsetof(Elf64_Phdr, p_memsz), 1u << 30),
		PACTA_BADMODULE, "segment 7 lies outside the module's memory");
	DAMAGED(put32(&im, phdr_off(&im, PT_LOAD) + offsetof(Elf64_Phdr,
							      p_flags), 0),
		PACTA_BADMODULE, "segment 0 is not readable");
	DAMAGED(put64(&im, dyn_val_off(&im, DT_STRSZ), 1u << 30),
		PACTA_BADMODULE, "the dynamic string table lies outside");
	DAMAGED(put64(&im, dyn_val_off(&im, DT_SYMENT), 16),
		PACTA_BADMODULE, "bad symbol size 16");
	/* an initialiser added in place of the relocation count */
	DAMAGED(put64(&im, dyn_val_off(&im, DT_RELACOUNT) - 8, DT_INIT_ARRAY),
		PACTA_BADMODULE, "module has initialisers (DT_INIT_ARRAY)");
	DAMAGED(put64(&im, dyn_val_off(&im, DT_RELACOUNT) - 8, DT_NEEDED),
		PACTA_BADMODULE, "(DT_NEEDED); modules must be self-contained");
	DAMAGED(put64(&im, dyn_val_off(&im, DT_RELACOUNT) - 8, DT_TEXTREL),
		PACTA_BADMODULE, "text relocations");
	DAMAGED(put64(&im, dyn_val_off(&im, DT_RELACOUNT) - 8, DT_VERNEED),
		PACTA_BADMODULE, "symbol versioning");
	DAMAGED(put64(&im, dyn_val_off(&im, DT_RELACOUNT) - 8, DT_FILTER),
		PACTA_BADMODULE, "a filter library");
	/* the GNU hash table */
	DAMAGED(sh = section(&im, SHT_GNU_HASH); put32(&im, sh.sh_offset, 0),
		PACTA_BADMODULE, "damaged GNU hash table");
	DAMAGED(sh = section(&im, SHT_GNU_HASH);
		put32(&im, sh.sh_offset + 8, 3),
		PACTA_BADMODULE, "damaged GNU hash table");
	DAMAGED(sh = section(&im, SHT_GNU_HASH);
		put32(&im, sh.sh_offset + 4, 0x7fffffff),
		PACTA_BADMODULE, "damaged GNU hash table");
	DAMAGED(put64(&im, dyn_val_off(&im, DT_SYMTAB), 0x7fff0000),
		PACTA_BADMODULE, "the dynamic symbol table lies outside");
	/* symbols */
	DAMAGED(sh = section(&im, SHT_DYNSYM);
		put32(&im, sh.sh_offset + sizeof(Elf64_Sym), 0x7fffffff),
		PACTA_BADMODULE, "symbol 1 has a name outside the string table");
	DAMAGED(sh = section(&im, SHT_DYNSYM);
		put16(&im, sh.sh_offset + sizeof(Elf64_Sym)
		      + offsetof(Elf64_Sym, st_shndx), SHN_UNDEF),
		PACTA_BADMODULE, "undefined symbol 'pacta_module'");
	DAMAGED(sh = section(&im, SHT_DYNSYM);
		im.p[sh.sh_offset + sizeof(Elf64_Sym)
		     + offsetof(Elf64_Sym, st_info)] =
			ELF64_ST_INFO(STB_GLOBAL, STT_GNU_IFUNC),
		PACTA_BADMODULE, "'pacta_module' is an indirect function");
	/* the loader would never unload it */
	DAMAGED(sh = section(&im, SHT_DYNSYM);
		im.p[sh.sh_offset + sizeof(Elf64_Sym)
		     + offsetof(Elf64_Sym, st_info)] =
			ELF64_ST_INFO(STB_GNU_UNIQUE, STT_OBJECT),
		PACTA_BADMODULE, "'pacta_module' is unique (STB_GNU_UNIQUE)");
	DAMAGED(size_t v = dyn_val_off(&im, DT_RELACOUNT);
		put64(&im, v - 8, DT_FLAGS_1); put64(&im, v, DF_1_NODELETE),
		PACTA_BADMODULE, "module cannot be unloaded (DF_1_NODELETE)");
	DAMAGED(sh = section(&im, SHT_DYNSYM);
		im.p[sh.sh_offset + sizeof(Elf64_Sym)
		     + offsetof(Elf64_Sym, st_info)] =
			ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
		PACTA_BADMODULE, "'pacta_module' is not a data object");
	DAMAGED(sh = section(&im, SHT_DYNSYM);
		put64(&im, sh.sh_offset + sizeof(Elf64_Sym)
		      + offsetof(Elf64_Sym, st_size), 4),
		PACTA_BADMODULE, "'pacta_module' is too small (4 bytes)");
	DAMAGED(sh = section(&im, SHT_DYNSYM);
		put64(&im, sh.sh_offset + sizeof(Elf64_Sym)
		      + offsetof(Elf64_Sym, st_value), 1u << 30),
		PACTA_BADMODULE, "'pacta_module' lies outside");
	/* renamed: "pacta_module" becomes "pacta_modulx" */
	DAMAGED(im.p[dynstr(&im).sh_offset + symbol_name(&im, 1) + 11] = 'x',
		PACTA_BADMODULE, "no symbol 'pacta_module'; not a Pacta module");
	/* relocations */
	DAMAGED(sh = section(&im, SHT_RELA);
		put64(&im, sh.sh_offset, 0x10),
		PACTA_BADMODULE, "a relocation writes outside the module's "
		"writable memory");
	/* the loader reads the dynamic section again after relocating */
	DAMAGED(sh = section(&im, SHT_RELA);
		put64(&im, sh.sh_offset, section(&im, SHT_DYNAMIC).sh_addr + 8),
		PACTA_BADMODULE, "a relocation writes outside the module's "
		"writable memory");
	DAMAGED(sh = section(&im, SHT_RELA);
		put64(&im, sh.sh_offset + 8, ELF64_R_INFO(0, R_X86_64_IRELATIVE)),
		PACTA_BADMODULE, "indirect-function relocation");
	DAMAGED(sh = section(&im, SHT_RELA);
		put64(&im, sh.sh_offset + 8, ELF64_R_INFO(0, R_X86_64_COPY)),
		PACTA_BADMODULE, "unsupported relocation type 5");
	DAMAGED(sh = section(&im, SHT_RELA);
		put64(&im, dyn_val_off(&im, DT_RELACOUNT), 0);
		put64(&im, sh.sh_offset + 8, ELF64_R_INFO(7, R_X86_64_64)),
		PACTA_BADMODULE, "a relocation refers to symbol 7 of 2");
	DAMAGED(put64(&im, dyn_val_off(&im, DT_RELASZ), 24 * 50000),
		PACTA_BADMODULE, "the relocation table (DT_RELA) lies outside");
	/* the loader asserts the first DT_RELACOUNT entries are relative */
	DAMAGED(put64(&im, dyn_val_off(&im, DT_RELACOUNT), 1u << 20),
		PACTA_BADMODULE, "damaged relocation table (DT_RELACOUNT)");
	DAMAGED(sh = section(&im, SHT_RELA);
		put64(&im, sh.sh_offset + 8, ELF64_R_INFO(1, R_X86_64_64)),
		PACTA_BADMODULE, "damaged relocation table (DT_RELACOUNT)");
	DAMAGED(put64(&im, dyn_val_off(&im, DT_RELAENT) - 8, DT_NULL),
		PACTA_BADMODULE, "damaged relocation table (DT_RELA)");
}
END_TEST

/* Random damage to the parts of the file the loader reads, and to the
 * descriptor: whatever happens, no crash. */
START_TEST(test_open_fuzzed)
{
	struct image im;
	Elf64_Phdr rw;
	uint64_t x = 0x9e3779b97f4a7c15u;
	int opened = 0, refused = 0;

	image_load(&im);
	/* the writable segment: the descriptor and the dynamic section */
	for (unsigned i = 0;; i++) {
		ck_assert_uint_lt(i, im.eh.e_phnum);
		memcpy(&rw, im.p + im.eh.e_phoff + i * sizeof rw, sizeof rw);
		if (rw.p_type == PT_LOAD && (rw.p_flags & PF_W))
			break;
	}
	for (int iter = 0; iter < 1500; iter++) {
		unsigned char *p = malloc(im.size);
		pacta_module *m;
		pacta_error err;
		int nflips;

		memcpy(p, im.p, im.size);
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		nflips = 1 + (int)(x % 4);
		for (int k = 0; k < nflips; k++) {
			size_t off;

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* the headers and the tables the loader reads, or
			 * the writable segment */
			if (x & 1)
				off = (x >> 8) % 0x400;
			else
				off = rw.p_offset + (x >> 8) % rw.p_filesz;
			p[off] = (unsigned char)(x >> 40);
		}
		write_scratch(p, im.size);
		free(p);
		if (pacta_module_open(scratch, &m, &err) == PACTA_OK) {
			opened++;
			pacta_module_close(m);
		} else {
			refused++;
		}
	}
	ck_assert_int_gt(refused, 0);
	ck_assert_int_eq(opened + refused, 1500);
	free(im.p);
}
END_TEST

/*
 * A module replaced at its path while open, as an installer replaces it (a
 * new file renamed over it): the new file opens as a new module beside the
 * old, each loaded from its private copy.  Where no private copy can be
 * made, the dynamic loader would hand back the module it has loaded from
 * the path: the runtime notices, rather than check one file and use
 * another.
 */
START_TEST(test_open_replaced_while_open)
{
	size_t gsize, tsize;
	unsigned char *g = read_all(mod_path("good"), &gsize);
	unsigned char *t = read_all(mod_path("tiny"), &tsize);
	char next[sizeof scratch + 8];
	pacta_module *a, *b;
	pacta_error err;
	FILE *f;

	for (int from_path = 0; from_path < 2; from_path++) {
		lp_private_copy_off = from_path;
		write_scratch(g, gsize);
		memset(&err, 0, sizeof err);
		ck_assert_int_eq(pacta_module_open(scratch, &a, &err), PACTA_OK);
		/* opened from the path: the copy's failure is not left in err */
		ck_assert_int_eq(err.status, PACTA_OK);
		ck_assert_str_eq(err.message, "");
		snprintf(next, sizeof next, "%s.next", scratch);
		f = fopen(next, "wb");
		ck_assert_ptr_nonnull(f);
		ck_assert_uint_eq(fwrite(t, 1, tsize, f), tsize);
		ck_assert_int_eq(fclose(f), 0);
		ck_assert_int_eq(rename(next, scratch), 0);
		if (from_path) {
			expect_refused(scratch, PACTA_BADMODULE, "an older version of "
				       "the module is still open; close it before "
				       "opening this one");
			ck_assert_str_eq(pacta_module_version(a), "2.1");
			pacta_module_close(a);
		}
		ck_assert_int_eq(pacta_module_open(scratch, &b, &err), PACTA_OK);
		ck_assert_str_eq(pacta_module_title(b), "Tiny");
		if (!from_path) {
			ck_assert_str_eq(pacta_module_version(a), "2.1");
			pacta_module_close(a);
		}
		pacta_module_close(b);
	}
	lp_private_copy_off = 0;
	free(g);
	free(t);
}
END_TEST

/* ---- opening: modules that break the rules ---- */

START_TEST(test_open_refusals)
{
	char want[4200];

	expect_refused(mod_path("undef"), PACTA_BADMODULE,
		       "undefined symbol 'foo'; modules must be self-contained");
	expect_refused(mod_path("needed"), PACTA_BADMODULE,
		       "module needs libc.so.6 (DT_NEEDED); modules must be "
		       "self-contained");
	expect_refused(mod_path("ctor"), PACTA_BADMODULE,
		       "module has initialisers (DT_INIT_ARRAY)");
	expect_refused(mod_path("ifunc"), PACTA_BADMODULE,
		       "indirect-function relocation; its resolver would run "
		       "while loading");
	expect_refused(mod_path("execstack"), PACTA_BADMODULE,
		       "module asks for an executable stack");
	expect_refused(mod_path("noexport"), PACTA_BADMODULE,
		       "no symbol 'pacta_module'; not a Pacta module");
	expect_refused(mod_path("badmagic"), PACTA_BADMODULE,
		       "not a Pacta module (symbol 'pacta_module' has magic "
		       "0x12345678)");
	expect_refused(mod_path("badabi"), PACTA_ABI,
		       "built for ABI 7 by a newer pacta; this runtime reads "
		       "ABI 6: use a libpacta as new as the compiler");
	expect_refused(mod_path("oldabi"), PACTA_ABI,
		       "built for ABI 3 by an older pacta; this runtime reads "
		       "ABI 6: rebuild the module with `pacta build`");
	expect_refused(mod_path("badlayout"), PACTA_ABI,
		       "built by a pacta that lays requests and decisions "
		       "out otherwise (layout 0123456789abcdef; this "
		       "runtime's ");
	expect_refused(mod_path("badschema"), PACTA_BADMODULE,
		       "damaged module: rule 1 refers to clause 9 of 2");
	expect_refused(mod_path("badname"), PACTA_BADMODULE,
		       "damaged module: enum 'kind' has a bad member 1");
	expect_refused(mod_path("badimport"), PACTA_BADMODULE,
		       "damaged module: import 1 (std.b) is written in no file "
		       "the module carries");
	expect_refused(mod_path("badimportto"), PACTA_BADMODULE,
		       "damaged module: import 1 (std.b) reads no file the "
		       "module carries");
	expect_refused(mod_path("badimportname"), PACTA_BADMODULE,
		       "damaged module: import 1 has a bad name");
	expect_refused(mod_path("badimportfiles"), PACTA_BADMODULE,
		       "damaged module: bad table of imported files");
	expect_refused(mod_path("badimportedges"), PACTA_BADMODULE,
		       "damaged module: bad table of imports");
	expect_refused(mod_path("badimportfile"), PACTA_BADMODULE,
		       "damaged module: imported file 0 has a bad name");
	expect_refused(mod_path("badimporttext"), PACTA_BADMODULE,
		       "damaged module: imported file 1 (std.b) has a bad "
		       "text");
	expect_refused(mod_path("nodecide"), PACTA_BADMODULE,
		       "damaged module: the decide function is not in the "
		       "module's code");
	expect_refused(mod_path("notrace"), PACTA_BADMODULE,
		       "damaged module: the trace function is not in the "
		       "module's code");
	/* Messages start with the file. */
	snprintf(want, sizeof want, "%s: built for ABI 7", mod_path("badabi"));
	expect_refused(mod_path("badabi"), PACTA_ABI, want);
	snprintf(want, sizeof want, "%s: undefined symbol", mod_path("undef"));
	expect_refused(mod_path("undef"), PACTA_BADMODULE, want);
}
END_TEST

/* ---- metadata ---- */

START_TEST(test_metadata)
{
	pacta_module *m = open_ok("good");
	const uint8_t *sha = pacta_module_source_sha256(m);
	size_t len;

	ck_assert_str_eq(pacta_module_title(m),
			 "Model Agreement on Cooperation against Cybercrime");
	ck_assert_str_eq(pacta_module_version(m), "2.1");
	ck_assert_str_eq(pacta_module_compiler_version(m), "hand-written");
	ck_assert_int_eq(pacta_module_default_outcome(m), PACTA_REFUSE);
	ck_assert_str_eq(pacta_module_source_hash(m),
			 "0123456789abcdef0123456789abcdef"
			 "0123456789abcdef0123456789abcdef");
	ck_assert_uint_eq(sha[0], 0x01);
	ck_assert_uint_eq(sha[31], 0xef);
	ck_assert_str_eq(pacta_module_source(m, &len),
			 "# a hand-written stand-in for model-agreement.pacta\n");
	ck_assert_uint_eq(len, 52);
	ck_assert_str_eq(pacta_module_source_name(m), "model.pacta");
	/* the files it imports, each once */
	ck_assert_int_eq(pacta_module_import_count(m), 2);
	ck_assert_str_eq(pacta_module_import_name(m, 1), "parts/xa.pacta");
	ck_assert_str_eq(pacta_module_import_source(m, 1, &len), "# xa\n");
	ck_assert_uint_eq(len, 5);
	ck_assert_str_eq(pacta_module_import_name(m, 0), "std.mla");
	ck_assert_str_eq(pacta_module_import_source(m, 0, &len),
			 "# std.mla\n");
	ck_assert_uint_eq(len, 10);
	ck_assert_ptr_null(pacta_module_import_name(m, 2));
	ck_assert_ptr_null(pacta_module_import_source(m, -1, &len));
	ck_assert_uint_eq(len, 0);

	/* fields */
	ck_assert_int_eq(pacta_field_count(m), 13);
	ck_assert_int_eq(pacta_field_index(m, "requesting_party"), 0);
	ck_assert_int_eq(pacta_field_index(m, "offence"), 4);
	ck_assert_int_eq(pacta_field_index(m, "political_offence"), 12);
	ck_assert_int_eq(pacta_field_index(m, "no_such_field"), -1);
	ck_assert_int_eq(pacta_field_index(m, NULL), -1);
	ck_assert_str_eq(pacta_field_name(m, 4), "offence");
	ck_assert_ptr_null(pacta_field_name(m, 13));
	ck_assert_ptr_null(pacta_field_name(m, -1));
	ck_assert_int_eq(pacta_field_type(m, 0), PACTA_TYPE_ENUM);
	ck_assert_int_eq(pacta_field_type(m, 2), PACTA_TYPE_DATE);
	ck_assert_int_eq(pacta_field_type(m, 5), PACTA_TYPE_YEARS);
	ck_assert_int_eq(pacta_field_type(m, 6), PACTA_TYPE_SET);
	ck_assert_int_eq(pacta_field_type(m, 7), PACTA_TYPE_BOOL);
	ck_assert_int_eq(pacta_field_type(m, 8), PACTA_TYPE_INT);
	ck_assert_int_eq(pacta_field_type(m, 99), -1);
	ck_assert_str_eq(pacta_field_type_name(m, 0), "country");
	ck_assert_str_eq(pacta_field_type_name(m, 2), "date");
	ck_assert_str_eq(pacta_field_type_name(m, 5), "years");
	ck_assert_str_eq(pacta_field_type_name(m, 6), "set of data_category");
	ck_assert_str_eq(pacta_field_type_name(m, 7), "bool");
	ck_assert_str_eq(pacta_field_type_name(m, 8), "int");
	ck_assert_ptr_null(pacta_field_type_name(m, 13));
	ck_assert_int_eq(pacta_field_has_default(m, 0), 0);
	ck_assert_int_eq(pacta_field_has_default(m, 6), 1);
	ck_assert_int_eq(pacta_field_member_count(m, 0), 4);
	ck_assert_int_eq(pacta_field_member_count(m, 6), 4);
	ck_assert_int_eq(pacta_field_member_count(m, 7), 0);
	ck_assert_str_eq(pacta_field_member_name(m, 4, 2),
			 "criminal_defamation");
	ck_assert_ptr_null(pacta_field_member_name(m, 4, 4));
	ck_assert_ptr_null(pacta_field_member_name(m, 7, 0));
	ck_assert_int_eq(pacta_field_member_index(m, 6, "health"), 3);
	ck_assert_int_eq(pacta_field_member_index(m, 6, "hacking"), -1);
	ck_assert_int_eq(pacta_field_member_index(m, 5, "x"), -1);

	/* clauses */
	ck_assert_int_eq(pacta_clause_count(m), 11);
	ck_assert_str_eq(pacta_clause_label(m, 0), "1.1");
	ck_assert_str_eq(pacta_clause_label(m, 10), "4.4");
	ck_assert_ptr_null(pacta_clause_label(m, 11));
	ck_assert_int_eq(pacta_clause_index(m, "2.2"), 3);
	ck_assert_int_eq(pacta_clause_index(m, "9.9"), -1);
	ck_assert_str_eq(pacta_clause_title(m, 0), "Offences covered");
	ck_assert_ptr_null(pacta_clause_title(m, 2));
	ck_assert_str_eq(pacta_clause_article(m, 2), "2");
	ck_assert_str_eq(pacta_clause_article_title(m, 2), "Dual criminality");
	ck_assert_ptr_nonnull(strstr(pacta_clause_article_text(m, 0),
				     "specific criminal investigations"));
	ck_assert_ptr_null(pacta_clause_article_text(m, 2));

	/* rules */
	ck_assert_int_eq(pacta_rule_count(m), 13);
	ck_assert_int_eq(pacta_rule_clause(m, 3), 3);
	ck_assert_int_eq(pacta_rule_action(m, 3), PACTA_ACTION_EXEMPTS);
	ck_assert_int_eq(pacta_rule_action(m, 0), PACTA_ACTION_GRANT);
	ck_assert_int_eq(pacta_rule_action(m, 6), PACTA_ACTION_REFER);
	ck_assert_int_eq(pacta_rule_action(m, 7), PACTA_ACTION_OBLIGE);
	ck_assert_int_eq(pacta_rule_obligation(m, 7), 0);
	ck_assert_int_eq(pacta_rule_obligation(m, 0), -1);
	ck_assert_ptr_nonnull(strstr(pacta_rule_reason(m, 2),
				     "law of both Parties"));
	ck_assert_ptr_null(pacta_rule_reason(m, 3));
	ck_assert_int_eq(pacta_rule_clause(m, 13), -1);

	/* obligations */
	ck_assert_int_eq(pacta_obligation_count(m), 3);
	ck_assert_str_eq(pacta_obligation_name(m, 0), "retain_at_most");
	ck_assert_int_eq(pacta_obligation_is_flag(m, 0), 0);
	ck_assert_int_eq(pacta_obligation_is_flag(m, 1), 1);
	ck_assert_int_eq(pacta_obligation_type(m, 0), PACTA_TYPE_DAYS);
	ck_assert_int_eq(pacta_obligation_type(m, 1), PACTA_TYPE_BOOL);
	ck_assert_int_eq(pacta_obligation_type(m, 3), -1);
	ck_assert_int_eq(pacta_obligation_member_count(m, 0), 0);
	ck_assert_ptr_null(pacta_obligation_member_name(m, 0, 0));

	pacta_module_close(m);
}
END_TEST

START_TEST(test_metadata_null)
{
	ck_assert_ptr_null(pacta_module_title(NULL));
	ck_assert_ptr_null(pacta_module_source_hash(NULL));
	ck_assert_ptr_null(pacta_module_source(NULL, NULL));
	ck_assert_int_eq(pacta_module_import_count(NULL), 0);
	ck_assert_ptr_null(pacta_module_import_name(NULL, 0));
	ck_assert_ptr_null(pacta_module_import_source(NULL, 0, NULL));
	ck_assert_int_eq(pacta_field_count(NULL), 0);
	ck_assert_int_eq(pacta_field_index(NULL, "x"), -1);
	ck_assert_int_eq(pacta_clause_count(NULL), 0);
	ck_assert_int_eq(pacta_rule_count(NULL), 0);
	ck_assert_int_eq(pacta_obligation_count(NULL), 0);
	ck_assert_int_eq(pacta_module_default_outcome(NULL), -1);
}
END_TEST

/* Two opens of one file are independent; a name without '/' is the file
 * in the current directory, not one on the library path. */
START_TEST(test_open_twice_and_relative)
{
	pacta_module *a = open_ok("good"), *b = open_ok("good"), *c = NULL;
	char cwd[4096];
	pacta_error err;
	int rc;

	ck_assert_ptr_ne(a, b);
	pacta_module_close(a);
	ck_assert_str_eq(pacta_module_version(b), "2.1");
	pacta_module_close(b);

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	ck_assert_int_eq(chdir(mod_dir()), 0);
	rc = pacta_module_open("tiny.so", &c, &err);
	/* back before any assertion can leave the test */
	ck_assert_int_eq(chdir(cwd), 0);
	ck_assert_msg(rc == PACTA_OK, "tiny.so: %s", err.message);
	ck_assert_str_eq(pacta_module_title(c), "Tiny");
	pacta_module_close(c);
}
END_TEST

/* ---- the request builder ---- */

static pacta_module *gm;
static pacta_request *gr;
static pacta_decision *gd;

static void good_setup(void)
{
	gm = open_ok("good");
	ck_assert_int_eq(pacta_request_new(gm, &gr), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(gm, &gd), PACTA_OK);
}

static void good_teardown(void)
{
	pacta_decision_free(gd);
	pacta_request_free(gr);
	pacta_module_close(gm);
}

static int field(const char *name)
{
	int i = pacta_field_index(gm, name);

	ck_assert_msg(i >= 0, "no field %s", name);
	return i;
}

/* `given ordinary` of the model agreement, field by field. */
static void ordinary(pacta_request *r)
{
	pacta_error err;

	pacta_request_reset(r);
	ck_assert_int_eq(pacta_request_set_enum(r, field("requesting_party"),
						"XB", &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_enum(r, field("requested_party"),
						"XA", &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_enum(r, field("assistance"),
						"subscriber_info", &err),
			 PACTA_OK);
	ck_assert_int_eq(pacta_request_set_enum(r, field("offence"),
						"illegal_access", &err),
			 PACTA_OK);
	ck_assert_int_eq(pacta_request_set_years(r, field("max_penalty"), 5,
						 &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_clear(r, field("data"), &err),
			 PACTA_OK);
	ck_assert_int_eq(pacta_request_set_add(r, field("data"), "subscriber",
					       &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_bool(r, field("specific_investigation"),
						1, &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_int(r, field("targets"), 1, &err),
			 PACTA_OK);
	ck_assert_int_eq(pacta_request_set_date(r, field("submitted"), 2026, 3,
						1, &err), PACTA_OK);
}

static void expect_json(pacta_decision *d, int trace, const char *want)
{
	char buf[4096];
	int rc = pacta_decision_json(d, trace, buf, sizeof buf, NULL);

	ck_assert_int_eq(rc, PACTA_OK);
	ck_assert_str_eq(buf, want);
}

static void decide_ok(void)
{
	pacta_error err;
	int rc = pacta_decide(gm, gr, gd, &err);

	ck_assert_msg(rc == PACTA_OK, "decide: %s", err.message);
}

/* The setter fails with `status`, naming the field, with `want` in the
 * message. */
#define SET_FAILS(call, st, fname, want) do { \
	pacta_error err_; \
	memset(&err_, 0, sizeof err_); \
	ck_assert_int_eq(call, st); \
	ck_assert_int_eq(err_.status, st); \
	ck_assert_str_eq(err_.field, fname); \
	ck_assert_str_eq(err_.message, want); \
} while (0)
#define ERR (&err_)

START_TEST(test_request_misuse)
{
	int offence = field("offence"), data = field("data");

	SET_FAILS(pacta_request_set_int(gr, offence, 3, ERR), PACTA_MISUSE,
		  "offence", "field 'offence' is of type 'offence', not int");
	SET_FAILS(pacta_request_set_bool(gr, data, 1, ERR), PACTA_MISUSE,
		  "data", "field 'data' is of type 'set of data_category', "
		  "not bool");
	SET_FAILS(pacta_request_set_days(gr, field("max_penalty"), 3, ERR),
		  PACTA_MISUSE, "max_penalty",
		  "field 'max_penalty' is of type 'years', not days");
	SET_FAILS(pacta_request_set_years(gr, field("targets"), 3, ERR),
		  PACTA_MISUSE, "targets",
		  "field 'targets' is of type 'int', not years");
	SET_FAILS(pacta_request_set_date(gr, offence, 2025, 1, 1, ERR),
		  PACTA_MISUSE, "offence",
		  "field 'offence' is of type 'offence', not date");
	SET_FAILS(pacta_request_set_enum(gr, data, "health", ERR),
		  PACTA_MISUSE, "data", "field 'data' is of type 'set of "
		  "data_category', not an enum");
	SET_FAILS(pacta_request_set_enum_index(gr, data, 0, ERR),
		  PACTA_MISUSE, "data", "field 'data' is of type 'set of "
		  "data_category', not an enum");
	SET_FAILS(pacta_request_set_add(gr, offence, "x", ERR), PACTA_MISUSE,
		  "offence", "field 'offence' is of type 'offence', not a set");
	SET_FAILS(pacta_request_set_add_index(gr, offence, 0, ERR),
		  PACTA_MISUSE, "offence",
		  "field 'offence' is of type 'offence', not a set");
	SET_FAILS(pacta_request_set_clear(gr, offence, ERR), PACTA_MISUSE,
		  "offence", "field 'offence' is of type 'offence', not a set");
	/* an unknown field: pacta_field_index said -1 */
	SET_FAILS(pacta_request_set_bool(gr, pacta_field_index(gm, "nope"), 1,
					 ERR), PACTA_MISUSE, "",
		  "no field with index -1 (the module has 13 fields)");
	SET_FAILS(pacta_request_set_bool(gr, 13, 1, ERR), PACTA_MISUSE, "",
		  "no field with index 13 (the module has 13 fields)");
	SET_FAILS(pacta_request_set_bool(NULL, 0, 1, ERR), PACTA_MISUSE, "",
		  "no request");
	/* err may be NULL */
	ck_assert_int_eq(pacta_request_set_int(gr, offence, 3, NULL),
			 PACTA_MISUSE);
}
END_TEST

START_TEST(test_request_range)
{
	int offence = field("offence"), data = field("data");
	int submitted = field("submitted");

	SET_FAILS(pacta_request_set_enum(gr, offence, "hacking", ERR),
		  PACTA_RANGE, "offence",
		  "field 'offence': unknown value 'hacking'");
	SET_FAILS(pacta_request_set_enum(gr, offence, NULL, ERR), PACTA_RANGE,
		  "offence", "field 'offence': no member name given (NULL)");
	SET_FAILS(pacta_request_set_add(gr, data, NULL, ERR), PACTA_RANGE,
		  "data", "field 'data': no member name given (NULL)");
	SET_FAILS(pacta_request_set_enum_index(gr, offence, 4, ERR),
		  PACTA_RANGE, "offence",
		  "field 'offence': no member 4 (its enum has 4)");
	SET_FAILS(pacta_request_set_enum_index(gr, offence, -1, ERR),
		  PACTA_RANGE, "offence",
		  "field 'offence': no member -1 (its enum has 4)");
	SET_FAILS(pacta_request_set_add(gr, data, "dna", ERR), PACTA_RANGE,
		  "data", "field 'data': unknown value 'dna'");
	SET_FAILS(pacta_request_set_add_index(gr, data, 9, ERR), PACTA_RANGE,
		  "data", "field 'data': no member 9 (its enum has 4)");
	SET_FAILS(pacta_request_set_date(gr, submitted, 2025, 2, 29, ERR),
		  PACTA_RANGE, "submitted",
		  "field 'submitted': invalid date 2025-02-29 (February 2025 has "
		  "28 days: 2025 is not a leap year)");
	SET_FAILS(pacta_request_set_date(gr, submitted, 0, 1, 1, ERR),
		  PACTA_RANGE, "submitted",
		  "field 'submitted': invalid date 0000-01-01 (years run from 0001)");
	SET_FAILS(pacta_request_set_date(gr, submitted, 2025, 13, 1, ERR),
		  PACTA_RANGE, "submitted",
		  "field 'submitted': invalid date 2025-13-01 (there is no month 13)");
	SET_FAILS(pacta_request_set_date(gr, submitted, -7, 1, 1, ERR),
		  PACTA_RANGE, "submitted",
		  "field 'submitted': invalid date -007-01-01");
}
END_TEST

/* A failed setter leaves the request as it was. */
START_TEST(test_request_unchanged_on_failure)
{
	pacta_error err;

	ordinary(gr);
	ck_assert_int_eq(pacta_request_set_enum(gr, field("offence"), "nope",
						&err), PACTA_RANGE);
	ck_assert_int_eq(pacta_request_set_date(gr, field("submitted"), 2026,
						2, 30, &err), PACTA_RANGE);
	ck_assert_int_eq(pacta_request_set_add(gr, field("data"), "nope",
					       &err), PACTA_RANGE);
	decide_ok();
	expect_json(gd, 0, "{\"outcome\": \"grant\", \"grounds\": [\"1.1\"], "
		    "\"obligations\": {\"retain_at_most\": 180, "
		    "\"no_onward_transfer\": true}}");
}
END_TEST

START_TEST(test_decide_missing_field)
{
	pacta_error err;

	/* nothing set: the first field without a default is named */
	ck_assert_int_eq(pacta_decide(gm, gr, gd, &err), PACTA_MISUSE);
	ck_assert_str_eq(err.field, "requesting_party");
	ck_assert_str_eq(err.message, "field 'requesting_party' has no default "
			 "and was not set (nor were 'requested_party', "
			 "'submitted', 'assistance', 'offence', 'max_penalty', "
			 "'specific_investigation')");
	ck_assert_int_eq(pacta_decision_outcome(gd), -1);
	ck_assert_ptr_null(pacta_decision_outcome_name(gd));

	/* all but one */
	pacta_request_reset(gr);
	ck_assert_int_eq(pacta_request_set_enum(gr, 0, "XA", &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_enum(gr, 1, "XB", &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_date(gr, 2, 2026, 1, 1, &err),
			 PACTA_OK);
	ck_assert_int_eq(pacta_request_set_enum(gr, 3, "preservation", &err),
			 PACTA_OK);
	ck_assert_int_eq(pacta_request_set_enum_index(gr, 4, 0, &err),
			 PACTA_OK);
	ck_assert_int_eq(pacta_request_set_years(gr, 5, 1, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decide(gm, gr, gd, &err), PACTA_MISUSE);
	ck_assert_str_eq(err.message, "field 'specific_investigation' has no "
			 "default and was not set");
	/* a failed decide leaves no decision behind */
	ck_assert_int_eq(pacta_decision_outcome(gd), -1);
	ck_assert_int_eq(pacta_decision_json(gd, 0, NULL, 0, NULL),
			 PACTA_MISUSE);
	ck_assert_int_eq(pacta_request_set_bool(gr, 7, 0, &err), PACTA_OK);
	decide_ok();
	ck_assert_str_eq(pacta_decision_outcome_name(gd), "refuse");

	ck_assert_int_eq(pacta_decide(NULL, gr, gd, &err), PACTA_MISUSE);
	ck_assert_int_eq(pacta_decide(gm, NULL, gd, &err), PACTA_MISUSE);
	ck_assert_int_eq(pacta_decide(gm, gr, NULL, NULL), PACTA_MISUSE);
}
END_TEST

START_TEST(test_decide_other_module)
{
	pacta_module *tiny = open_ok("tiny");
	pacta_request *tr;
	pacta_decision *td;
	pacta_error err;

	ck_assert_int_eq(pacta_request_new(tiny, &tr), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(tiny, &td), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_bool(tr, 0, 1, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decide(tiny, tr, gd, &err), PACTA_MISUSE);
	ck_assert_str_eq(err.message, "the request or the decision was made "
			 "for another module");
	ck_assert_int_eq(pacta_decide(gm, tr, gd, &err), PACTA_MISUSE);
	ck_assert_int_eq(pacta_decide(tiny, tr, td, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decision_outcome(td), PACTA_GRANT);
	ck_assert_str_eq(pacta_decision_ground_label(td, 0), "1");
	/* kind = b: refused by clause 2 */
	ck_assert_int_eq(pacta_request_set_enum(tr, 1, "b", &err), PACTA_OK);
	ck_assert_int_eq(pacta_decide(tiny, tr, td, &err), PACTA_OK);
	ck_assert_str_eq(pacta_decision_ground_reason(td, 0),
			 "kind b is refused");
	pacta_decision_free(td);
	pacta_request_free(tr);
	pacta_module_close(tiny);
}
END_TEST

/* pacta_decide decides the outcome; the grounds and the trace are worked
 * out from the request when first read, and only while it is unchanged. */
START_TEST(test_trace_from_request)
{
	pacta_request *other;
	pacta_error err;
	char buf[64];
	int64_t v;
	int o;

	ordinary(gr);
	decide_ok();
	/* another request changing does not matter */
	ck_assert_int_eq(pacta_request_new(gm, &other), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_bool(other, 7, 1, &err), PACTA_OK);
	pacta_request_free(other);
	ck_assert_int_eq(pacta_decision_ground_count(gd), 1);
	ck_assert_str_eq(pacta_decision_ground_label(gd, 0), "1.1");

	/* changed after deciding, before reading: the outcome and the
	 * obligations are there, the grounds, trace and texts are not */
	decide_ok();
	ck_assert_int_eq(pacta_request_set_int(gr, field("targets"), 2, &err),
			 PACTA_OK);
	ck_assert_int_eq(pacta_decision_outcome(gd), PACTA_GRANT);
	for (o = 0; o < pacta_obligation_count(gm); o++)
		if (!strcmp(pacta_obligation_name(gm, o), "retain_at_most"))
			break;
	ck_assert_int_eq(pacta_decision_obligation_value(gd, o, &v), PACTA_OK);
	ck_assert_int_eq(v, 180);
	ck_assert_int_eq(pacta_decision_ground_count(gd), -1);
	ck_assert_int_eq(pacta_decision_ground_clause(gd, 0), -1);
	ck_assert_ptr_null(pacta_decision_ground_label(gd, 0));
	ck_assert_int_eq(pacta_decision_obligation_source_count(gd, o), -1);
	ck_assert_int_eq(pacta_decision_fired_count(gd), -1);
	ck_assert_int_eq(pacta_decision_exempted_count(gd), -1);
	ck_assert_int_eq(pacta_decision_json(gd, 0, buf, sizeof buf, NULL),
			 PACTA_MISUSE);
	ck_assert_int_eq(pacta_decision_explain(gd, buf, sizeof buf, NULL),
			 PACTA_MISUSE);
	/* a reset, a line read and a setter that fails on its value all
	 * count as changes only when they change */
	decide_ok();
	ck_assert_int_eq(pacta_request_set_enum(gr, field("offence"), "nope",
						&err), PACTA_RANGE);
	ck_assert_int_eq(pacta_decision_ground_count(gd), 1);
	decide_ok();
	pacta_request_reset(gr);
	ck_assert_int_eq(pacta_decision_ground_count(gd), -1);

	/* deciding again brings them back */
	ordinary(gr);
	decide_ok();
	ck_assert_int_eq(pacta_decision_ground_count(gd), 1);
	expect_json(gd, 0, "{\"outcome\": \"grant\", \"grounds\": [\"1.1\"], "
		    "\"obligations\": {\"retain_at_most\": 180, "
		    "\"no_onward_transfer\": true}}");
}
END_TEST

/* Many requests at once: every one decided, the first failure named. */
START_TEST(test_decide_batch)
{
	pacta_request *r[3];
	pacta_decision *d[3];
	pacta_error err;

	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(pacta_request_new(gm, &r[i]), PACTA_OK);
		ck_assert_int_eq(pacta_decision_new(gm, &d[i]), PACTA_OK);
		if (i != 1)
			ordinary(r[i]);
	}
	ck_assert_int_eq(pacta_request_set_bool(r[2], field("political_offence"),
						1, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decide_batch(gm, (const pacta_request *const *)r,
					    d, 3, &err), PACTA_MISUSE);
	ck_assert_str_eq(err.message, "request 1: field 'requesting_party' has "
			 "no default and was not set (nor were "
			 "'requested_party', 'submitted', 'assistance', "
			 "'offence', 'max_penalty', 'specific_investigation')");
	ck_assert_str_eq(err.field, "requesting_party");
	ck_assert_int_eq(err.line, 2);   /* reqs[1]: counted from 1 */
	ck_assert_int_eq(pacta_decision_outcome(d[0]), PACTA_GRANT);
	ck_assert_int_eq(pacta_decision_outcome(d[1]), -1);
	ck_assert_int_eq(pacta_decision_outcome(d[2]), PACTA_REFUSE);
	ck_assert_str_eq(pacta_decision_ground_label(d[2], 0), "3.1");

	ordinary(r[1]);
	ck_assert_int_eq(pacta_decide_batch(gm, (const pacta_request *const *)r,
					    d, 3, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decision_outcome(d[1]), PACTA_GRANT);
	ck_assert_int_eq(pacta_decide_batch(gm, NULL, NULL, 0, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decide_batch(gm, NULL, d, 3, &err), PACTA_MISUSE);
	for (int i = 0; i < 3; i++) {
		pacta_decision_free(d[i]);
		pacta_request_free(r[i]);
	}
}
END_TEST

/* A request the agreement is not in force for: its explanation says
 * why, as the schema's parties and term tell it. */
START_TEST(test_explain_out_of_force)
{
	static const struct {
		const char *party;
		int y, m, d;
		const char *want;
	} cases[] = {
		{ "XC", 2026, 3, 1, "  agreement (the requested Party, XC, is not a Party to the agreement; "
				    "the Parties are XA, XB)\n" },
		{ "XA", 2024, 6, 1, "  agreement (the request was submitted on 2024-06-01, before the "
				    "agreement takes effect (2025-01-01))\n" },
		{ "XA", 2036, 1, 1, "  agreement (the request was submitted on 2036-01-01, after the "
				    "agreement expires (2035-12-31))\n" },
	};
	pacta_error err;
	char buf[4096];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		ordinary(gr);
		ck_assert_int_eq(pacta_request_set_enum(gr, field("requested_party"), cases[i].party, &err),
				 PACTA_OK);
		ck_assert_int_eq(pacta_request_set_date(gr, field("submitted"), cases[i].y, cases[i].m,
							cases[i].d, &err), PACTA_OK);
		decide_ok();
		ck_assert_int_eq(pacta_decision_ground(gd), PACTA_GROUND_AGREEMENT);
		ck_assert_int_eq(pacta_decision_explain(gd, buf, sizeof buf, NULL), PACTA_OK);
		ck_assert_msg(strstr(buf, cases[i].want), "case %zu: %s", i, buf);
		ck_assert_ptr_null(strstr(buf, "not in force for this request"));
	}
	/* explained, then changed: the words would be another request's */
	ck_assert_int_eq(pacta_request_set_date(gr, field("submitted"), 2010, 1, 1, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decision_explain(gd, buf, sizeof buf, NULL), PACTA_MISUSE);
	ck_assert_int_eq(pacta_decision_json(gd, 0, buf, sizeof buf, NULL), PACTA_MISUSE);
}
END_TEST

/* A request over several lines: its error is placed by line and column
 * in the text as given, from the first line's number. */
START_TEST(test_request_lines)
{
	static const char text[] = "{\"requesting_party\": \"XB\",\n  \"targets\": \"two\"}";
	pacta_error err;

	ck_assert_int_eq(pacta_request_from_json(gr, text, sizeof text - 1, 5, &err), PACTA_INPUT);
	ck_assert_int_eq(err.line, 6);
	ck_assert_int_eq(err.column, 14);
	ck_assert_str_eq(err.message, "line 6, column 14: field \"targets\": expected an integer");
}
END_TEST

/* A module whose fast and full entries disagree: the decision stands as
 * the fast entry gave it, but nothing is read from the full one. */
START_TEST(test_decide_twofaced)
{
	pacta_module *m = open_ok("twofaced");
	pacta_request *r;
	pacta_decision *d;
	pacta_error err;
	char buf[256];

	ck_assert_int_eq(pacta_request_new(m, &r), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &d), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_bool(r, 0, 1, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decide(m, r, d, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decision_outcome(d), PACTA_GRANT);
	ck_assert_int_eq(pacta_decision_json(d, 0, buf, sizeof buf, NULL),
			 PACTA_ERROR);
	ck_assert_int_eq(pacta_decision_ground_count(d), -1);
	ck_assert_int_eq(pacta_decision_explain(d, buf, sizeof buf, NULL),
			 PACTA_ERROR);
	pacta_decision_free(d);
	pacta_request_free(r);
	pacta_module_close(m);
}
END_TEST

/* A grant by clauses that names no clause: decided, but never explained
 * or encoded as if it were justified. */
START_TEST(test_decide_no_grounds)
{
	pacta_module *m = open_ok("nogrounds");
	pacta_request *r;
	pacta_decision *d;
	pacta_error err;
	char buf[256];

	ck_assert_int_eq(pacta_request_new(m, &r), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &d), PACTA_OK);
	/* kind b is refused by clause 2, which the module does name */
	ck_assert_int_eq(pacta_request_set_bool(r, 0, 0, &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_enum(r, 1, "b", &err), PACTA_OK);
	ck_assert_int_eq(pacta_decide(m, r, d, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decision_ground_count(d), 1);
	ck_assert_int_eq(pacta_request_set_enum(r, 1, "a", &err), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_bool(r, 0, 1, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decide(m, r, d, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decision_outcome(d), PACTA_GRANT);
	ck_assert_int_eq(pacta_decision_ground_count(d), -1);
	ck_assert_int_eq(pacta_decision_json(d, 0, buf, sizeof buf, NULL),
			 PACTA_ERROR);
	ck_assert_int_eq(pacta_decision_explain(d, buf, sizeof buf, NULL),
			 PACTA_ERROR);
	pacta_decision_free(d);
	pacta_request_free(r);
	pacta_module_close(m);
}
END_TEST

START_TEST(test_decide_bad_result)
{
	pacta_module *m = open_ok("badresult");
	pacta_request *r;
	pacta_decision *d;
	pacta_error err;
	char buf[512];

	ck_assert_int_eq(pacta_request_new(m, &r), PACTA_OK);
	ck_assert_int_eq(pacta_decision_new(m, &d), PACTA_OK);
	ck_assert_int_eq(pacta_request_set_bool(r, 0, 1, &err), PACTA_OK);
	/* the module's fast entry writes the outcome into the decision,
	 * unchecked on the way (module_abi.h); every reader checks it */
	ck_assert_int_eq(pacta_decide(m, r, d, &err), PACTA_OK);
	ck_assert_int_eq(pacta_decision_outcome(d), -1);
	ck_assert_ptr_null(pacta_decision_outcome_name(d));
	ck_assert_int_eq(pacta_decision_ground(d), -1);
	ck_assert_int_eq(pacta_decision_obligation_count(d), 0);
	ck_assert_int_eq(pacta_decision_json(d, 0, buf, sizeof buf, NULL),
			 PACTA_ERROR);
	ck_assert_int_eq(pacta_decision_explain(d, buf, sizeof buf, NULL),
			 PACTA_ERROR);
	/* the line of `pacta eval` says why */
	ck_assert_int_eq(pacta_decide_json(r, d, "{\"flag\": true}", 14, 1, 0,
					   buf, sizeof buf, NULL, &err),
			 PACTA_ERROR);
	ck_assert_str_eq(err.message,
			 "the module returned an impossible decision (0x5)");
	ck_assert_int_eq(pacta_decision_outcome(d), -1);
	pacta_decision_free(d);
	pacta_request_free(r);
	pacta_module_close(m);
}
END_TEST

/* ---- the decision getters ---- */

START_TEST(test_getters_grant)
{
	int64_t v;

	ordinary(gr);
	decide_ok();
	ck_assert_int_eq(pacta_decision_outcome(gd), PACTA_GRANT);
	ck_assert_str_eq(pacta_decision_outcome_name(gd), "grant");
	ck_assert_int_eq(pacta_decision_ground(gd), PACTA_GROUND_CLAUSES);
	ck_assert_int_eq(pacta_decision_ground_count(gd), 1);
	ck_assert_int_eq(pacta_decision_ground_clause(gd, 0), 0);
	ck_assert_int_eq(pacta_decision_ground_clause(gd, 1), -1);
	ck_assert_int_eq(pacta_decision_ground_clause(gd, -1), -1);
	ck_assert_str_eq(pacta_decision_ground_label(gd, 0), "1.1");
	ck_assert_ptr_null(pacta_decision_ground_label(gd, 1));
	ck_assert_str_eq(pacta_decision_ground_reason(gd, 0),
			 "the offence is a core cybercrime punishable by at "
			 "least four years");

	ck_assert_int_eq(pacta_decision_obligation_count(gd), 2);
	ck_assert_int_eq(pacta_decision_obligation(gd, 0), 0);
	ck_assert_int_eq(pacta_decision_obligation(gd, 1), 1);
	ck_assert_int_eq(pacta_decision_obligation(gd, 2), -1);
	ck_assert_int_eq(pacta_decision_obligation_imposed(gd, 0), 1);
	ck_assert_int_eq(pacta_decision_obligation_imposed(gd, 2), 0);
	ck_assert_int_eq(pacta_decision_obligation_imposed(gd, 3), 0);
	ck_assert_int_eq(pacta_decision_obligation_value(gd, 0, &v), PACTA_OK);
	ck_assert_int_eq(v, 180);
	/* a flag has no value; an obligation not imposed neither */
	ck_assert_int_eq(pacta_decision_obligation_value(gd, 1, &v),
			 PACTA_MISUSE);
	ck_assert_int_eq(pacta_decision_obligation_value(gd, 2, &v),
			 PACTA_MISUSE);
	ck_assert_int_eq(pacta_decision_obligation_value(gd, 0, NULL),
			 PACTA_MISUSE);
	ck_assert_int_eq(pacta_decision_obligation_has(gd, 0, 0), 0);
	ck_assert_int_eq(pacta_decision_obligation_source_count(gd, 0), 1);
	ck_assert_int_eq(pacta_decision_obligation_source(gd, 0, 0),
			 pacta_clause_index(gm, "4.1"));
	ck_assert_int_eq(pacta_decision_obligation_source(gd, 0, 1), -1);
	ck_assert_int_eq(pacta_decision_obligation_source(gd, 1, 0),
			 pacta_clause_index(gm, "4.3"));
	ck_assert_int_eq(pacta_decision_obligation_source_count(gd, 2), 0);

	/* the trace: 1.1 grant, 4.1 oblige, 4.3 oblige */
	ck_assert_int_eq(pacta_decision_fired_count(gd), 3);
	ck_assert_int_eq(pacta_decision_fired(gd, 0), 0);
	ck_assert_int_eq(pacta_decision_fired(gd, 1), 7);
	ck_assert_int_eq(pacta_decision_fired(gd, 2), 10);
	ck_assert_int_eq(pacta_decision_fired(gd, 3), -1);
	ck_assert_int_eq(pacta_decision_exempted_count(gd), 0);
	ck_assert_int_eq(pacta_decision_exempted(gd, 0), -1);
	ck_assert_int_eq(pacta_decision_exempted_by(gd, 2), -1);
}
END_TEST

START_TEST(test_getters_exempted_and_emergency)
{
	pacta_error err;
	int64_t v;

	/* preservation: 2.2 exempts 2.1, so misuse of devices is granted */
	ordinary(gr);
	pacta_request_set_enum(gr, field("offence"), "misuse_of_devices", &err);
	pacta_request_set_enum(gr, field("assistance"), "preservation", &err);
	decide_ok();
	ck_assert_int_eq(pacta_decision_outcome(gd), PACTA_GRANT);
	ck_assert_int_eq(pacta_decision_exempted_count(gd), 1);
	ck_assert_int_eq(pacta_decision_exempted(gd, 0), 2);
	ck_assert_int_eq(pacta_decision_exempted_by(gd, 2), 3);
	ck_assert_int_eq(pacta_decision_exempted_by(gd, 3), -1);
	ck_assert_int_eq(pacta_decision_exempted_by(gd, 99), -1);
	ck_assert_int_eq(pacta_rule_action(gm, pacta_decision_fired(gd, 1)),
			 PACTA_ACTION_EXEMPTS);

	/* content data in an emergency: the shorter retention, from two
	 * clauses */
	ordinary(gr);
	pacta_request_set_enum(gr, field("assistance"), "content_data", &err);
	pacta_request_set_clear(gr, field("data"), &err);
	pacta_request_set_add_index(gr, field("data"), 2, &err);
	pacta_request_set_bool(gr, field("emergency"), 1, &err);
	decide_ok();
	ck_assert_int_eq(pacta_decision_outcome(gd), PACTA_GRANT);
	ck_assert_int_eq(pacta_decision_obligation_value(gd, 0, &v), PACTA_OK);
	ck_assert_int_eq(v, 30);
	ck_assert_int_eq(pacta_decision_obligation_source_count(gd, 0), 2);
	ck_assert_str_eq(pacta_clause_label(gm,
		pacta_decision_obligation_source(gd, 0, 1)), "4.4");

	/* health data: referred, with an independent review */
	ordinary(gr);
	pacta_request_set_add(gr, field("data"), "health", &err);
	decide_ok();
	ck_assert_int_eq(pacta_decision_outcome(gd), PACTA_REFER);
	ck_assert_str_eq(pacta_decision_ground_label(gd, 0), "4.2");
	ck_assert_str_eq(pacta_decision_ground_reason(gd, 0),
			 "Special categories");
	ck_assert_int_eq(pacta_decision_obligation_count(gd), 3);
	ck_assert_int_eq(pacta_decision_obligation_imposed(gd, 2), 1);
}
END_TEST

START_TEST(test_getters_refuse_default_agreement)
{
	pacta_error err;

	/* defamation: refused by 3.2, and a refusal carries no obligations */
	ordinary(gr);
	pacta_request_set_enum(gr, field("offence"), "criminal_defamation",
			       &err);
	decide_ok();
	ck_assert_int_eq(pacta_decision_outcome(gd), PACTA_REFUSE);
	ck_assert_int_eq(pacta_decision_ground_count(gd), 1);
	ck_assert_str_eq(pacta_decision_ground_label(gd, 0), "3.2");
	ck_assert_int_eq(pacta_decision_obligation_count(gd), 0);
	ck_assert_int_eq(pacta_decision_obligation(gd, 0), -1);
	ck_assert_int_eq(pacta_decision_obligation_imposed(gd, 0), 0);
	ck_assert_int_eq(pacta_decision_fired_count(gd), 3);

	/* two grounds */
	pacta_request_set_bool(gr, field("political_offence"), 1, &err);
	decide_ok();
	ck_assert_int_eq(pacta_decision_ground_count(gd), 2);
	ck_assert_str_eq(pacta_decision_ground_label(gd, 0), "3.1");
	ck_assert_str_eq(pacta_decision_ground_label(gd, 1), "3.2");
	/* 3.1's rule has no `because`: its title is the reason */
	ck_assert_str_eq(pacta_decision_ground_reason(gd, 0),
			 "Political offences");

	/* money laundering: no clause grants it */
	ordinary(gr);
	pacta_request_set_enum(gr, field("offence"), "money_laundering", &err);
	decide_ok();
	ck_assert_int_eq(pacta_decision_outcome(gd), PACTA_REFUSE);
	ck_assert_int_eq(pacta_decision_ground(gd), PACTA_GROUND_DEFAULT);
	ck_assert_int_eq(pacta_decision_ground_count(gd), 0);
	ck_assert_int_eq(pacta_decision_ground_clause(gd, 0), -1);
	expect_json(gd, 0, "{\"outcome\": \"refuse\", \"grounds\": "
		    "[\"default\"]}");

	/* a third state */
	ordinary(gr);
	pacta_request_set_enum(gr, field("requesting_party"), "XC", &err);
	decide_ok();
	ck_assert_int_eq(pacta_decision_ground(gd), PACTA_GROUND_AGREEMENT);
	ck_assert_int_eq(pacta_decision_fired_count(gd), 0);
	expect_json(gd, 1, "{\"outcome\": \"refuse\", \"grounds\": "
		    "[\"agreement\"], \"trace\": {\"fired\": [], "
		    "\"exempted\": []}}");
}
END_TEST

START_TEST(test_getters_without_decision)
{
	int64_t v;

	ck_assert_int_eq(pacta_decision_outcome(gd), -1);
	ck_assert_int_eq(pacta_decision_ground(gd), -1);
	ck_assert_int_eq(pacta_decision_ground_count(gd), 0);
	ck_assert_int_eq(pacta_decision_ground_clause(gd, 0), -1);
	ck_assert_ptr_null(pacta_decision_ground_reason(gd, 0));
	ck_assert_int_eq(pacta_decision_obligation_count(gd), 0);
	ck_assert_int_eq(pacta_decision_obligation_value(gd, 0, &v),
			 PACTA_MISUSE);
	ck_assert_int_eq(pacta_decision_exempted_count(gd), 0);
	ck_assert_int_eq(pacta_decision_fired_count(gd), 0);
	ck_assert_int_eq(pacta_decision_fired(gd, 0), -1);
	ck_assert_int_eq(pacta_decision_explain(gd, NULL, 0, NULL),
			 PACTA_MISUSE);
	ck_assert_int_eq(pacta_decision_outcome(NULL), -1);
	ck_assert_int_eq(pacta_decision_json(NULL, 0, NULL, 0, NULL),
			 PACTA_MISUSE);
}
END_TEST

/* ---- JSON ---- */

/* pacta_decide copies the request's id into the decision 16 bytes at a
 * time: every length around the steps, up to the longest id kept. */
START_TEST(test_decide_id_lengths)
{
	static const size_t lens[] = { 1, 15, 16, 17, 31, 32, 33, 126, 127 };
	pacta_error err;

	for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
		char id[128], line[512], want[512], got[1024];

		for (size_t i = 0; i < lens[k]; i++)
			id[i] = (char)('a' + (i * 7 + k) % 26);
		id[lens[k]] = '\0';
		snprintf(line, sizeof line, "{\"id\": \"%s\", \"requesting_party\": "
			 "\"XB\", \"requested_party\": \"XA\", \"submitted\": "
			 "\"2026-03-01\", \"assistance\": \"subscriber_info\", "
			 "\"offence\": \"criminal_defamation\", \"max_penalty\": 5, "
			 "\"specific_investigation\": true}", id);
		ck_assert_int_eq(pacta_request_from_json(gr, line, strlen(line), 1,
							 &err), PACTA_OK);
		decide_ok();
		snprintf(want, sizeof want, "{\"id\": \"%s\", \"outcome\": "
			 "\"refuse\", \"grounds\": [\"3.2\"]}", id);
		ck_assert_int_eq(pacta_decision_json(gd, 0, got, sizeof got, NULL),
				 PACTA_OK);
		ck_assert_str_eq(got, want);
	}
	/* a shorter id after a longer one: nothing of the longer is left */
	ck_assert_int_eq(pacta_request_from_json(gr, "{\"id\": 7, "
		"\"requesting_party\": \"XB\", \"requested_party\": \"XA\", "
		"\"submitted\": \"2026-03-01\", \"assistance\": \"subscriber_info\", "
		"\"offence\": \"criminal_defamation\", \"max_penalty\": 5, "
		"\"specific_investigation\": true}", 204, 1, &err), PACTA_OK);
	decide_ok();
	expect_json(gd, 0, "{\"id\": 7, \"outcome\": \"refuse\", "
		    "\"grounds\": [\"3.2\"]}");
}
END_TEST

START_TEST(test_json_round_trip)
{
	static const char line[] =
		"{\"id\": 7, \"requesting_party\": \"XB\", \"requested_party\": "
		"\"XA\", \"submitted\": \"2026-03-01\", \"assistance\": "
		"\"preservation\", \"offence\": \"misuse_of_devices\", "
		"\"max_penalty\": 5, \"data\": [\"traffic\"], "
		"\"specific_investigation\": true}";
	static const char line2[] =
		"{\"id\": \"a\\\"b\", \"requesting_party\": \"XB\", "
		"\"requested_party\": \"XA\", \"submitted\": \"2026-03-01\", "
		"\"assistance\": \"subscriber_info\", \"offence\": "
		"\"criminal_defamation\", \"max_penalty\": 5, "
		"\"specific_investigation\": true}";
	pacta_error err;

	/* no NUL after the line: ASan checks the length is honoured */
	char *copy = malloc(sizeof line - 1);

	memcpy(copy, line, sizeof line - 1);
	ck_assert_int_eq(pacta_request_from_json(gr, copy, sizeof line - 1, 1,
						 &err), PACTA_OK);
	free(copy);
	decide_ok();
	expect_json(gd, 0, "{\"id\": 7, \"outcome\": \"grant\", \"grounds\": "
		    "[\"1.1\"], \"obligations\": {\"retain_at_most\": 180, "
		    "\"no_onward_transfer\": true}}");
	expect_json(gd, 1, "{\"id\": 7, \"outcome\": \"grant\", \"grounds\": "
		    "[\"1.1\"], \"obligations\": {\"retain_at_most\": 180, "
		    "\"no_onward_transfer\": true}, \"trace\": {\"fired\": "
		    "[{\"clause\": \"1.1\", \"action\": \"grant\"}, "
		    "{\"clause\": \"2.2\", \"action\": \"exempts\"}, "
		    "{\"clause\": \"4.1\", \"action\": \"oblige\", "
		    "\"obligation\": \"retain_at_most\"}, {\"clause\": \"4.3\", "
		    "\"action\": \"oblige\", \"obligation\": "
		    "\"no_onward_transfer\"}], \"exempted\": [{\"clause\": "
		    "\"2.1\", \"by\": \"2.2\"}]}}");

	/* a string id, and defaults for what the line leaves out */
	ck_assert_int_eq(pacta_request_from_json(gr, line2, sizeof line2 - 1, 2,
						 &err), PACTA_OK);
	decide_ok();
	expect_json(gd, 0, "{\"id\": \"a\\\"b\", \"outcome\": \"refuse\", "
		    "\"grounds\": [\"3.2\"]}");

	/* built field by field: no id */
	ordinary(gr);
	decide_ok();
	expect_json(gd, 0, "{\"outcome\": \"grant\", \"grounds\": [\"1.1\"], "
		    "\"obligations\": {\"retain_at_most\": 180, "
		    "\"no_onward_transfer\": true}}");
}
END_TEST

START_TEST(test_json_errors)
{
	static const char bad[] =
		"{\"id\": 9, \"requesting_party\": \"XB\", \"offence\": "
		"\"hacking\"}";
	pacta_error err;
	char buf[512];
	size_t need;

	ordinary(gr);
	ck_assert_int_eq(pacta_request_from_json(gr, bad, sizeof bad - 1, 16,
						 &err), PACTA_INPUT);
	ck_assert_int_eq(err.status, PACTA_INPUT);
	ck_assert_int_eq(err.line, 16);
	ck_assert_int_eq(err.column, 48);
	ck_assert_str_eq(err.field, "offence");
	ck_assert_str_eq(err.message, "line 16, column 48: field \"offence\": "
			 "unknown value \"hacking\"");
	ck_assert_int_eq(pacta_request_error_json(gr, &err, buf, sizeof buf,
						  &need), PACTA_OK);
	ck_assert_str_eq(buf, "{\"id\": 9, \"error\": \"line 16, column 48: "
			 "field \\\"offence\\\": unknown value "
			 "\\\"hacking\\\"\"}");
	ck_assert_uint_eq(need, strlen(buf) + 1);
	ck_assert_int_eq(pacta_request_error_json(gr, &err, buf, 10, &need),
			 PACTA_RANGE);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(pacta_request_error_json(gr, NULL, buf, 10, &need),
			 PACTA_MISUSE);

	/* the request was reset: what ordinary() set is gone */
	ck_assert_int_eq(pacta_decide(gm, gr, gd, &err), PACTA_MISUSE);
	ck_assert_str_eq(err.field, "requesting_party");

	/* a missing field, a malformed line, an empty one */
	ck_assert_int_eq(pacta_request_from_json(gr, "{\"id\": 1}", 9, 3, &err),
			 PACTA_INPUT);
	ck_assert_str_eq(err.message, "line 3, column 9: field "
			 "\"requesting_party\": missing (no default); so are "
			 "\"requested_party\", \"submitted\", \"assistance\", "
			 "\"offence\", \"max_penalty\", "
			 "\"specific_investigation\"");
	ck_assert_int_eq(pacta_request_from_json(gr, "{\"id\": 1,", 9, 4, &err),
			 PACTA_INPUT);
	ck_assert_str_eq(err.field, "");
	ck_assert_int_eq(pacta_request_from_json(gr, "", 0, 5, &err),
			 PACTA_INPUT);
	ck_assert_str_eq(err.message, "line 5, column 1: empty line");
	ck_assert_int_eq(pacta_request_from_json(gr, NULL, 0, 5, &err),
			 PACTA_INPUT);
	ck_assert_int_eq(pacta_request_from_json(gr, NULL, 3, 5, &err),
			 PACTA_MISUSE);
	ck_assert_int_eq(pacta_request_from_json(NULL, "{}", 2, 5, &err),
			 PACTA_MISUSE);
	/* without an id, the error line has none */
	ck_assert_int_eq(pacta_request_error_json(gr, &err, buf, sizeof buf,
						  NULL), PACTA_OK);
	ck_assert_str_eq(buf, "{\"error\": \"no request or no line\"}");
}
END_TEST

/* ---- the texts and their buffers ---- */

START_TEST(test_json_buffer)
{
	char buf[1024], small[8];
	size_t need = 0, need2 = 0;

	ordinary(gr);
	decide_ok();
	/* measuring */
	ck_assert_int_eq(pacta_decision_json(gd, 1, NULL, 0, &need),
			 PACTA_RANGE);
	ck_assert_uint_gt(need, 100);
	/* one byte short: nothing but an empty string */
	ck_assert_int_eq(pacta_decision_json(gd, 1, buf, need - 1, &need2),
			 PACTA_RANGE);
	ck_assert_uint_eq(need2, need);
	ck_assert_str_eq(buf, "");
	memset(small, 'x', sizeof small);
	ck_assert_int_eq(pacta_decision_json(gd, 1, small, sizeof small, NULL),
			 PACTA_RANGE);
	ck_assert_int_eq(small[0], '\0');
	ck_assert_int_eq(small[1], 'x');
	/* exactly enough */
	ck_assert_int_eq(pacta_decision_json(gd, 1, buf, need, &need2),
			 PACTA_OK);
	ck_assert_uint_eq(strlen(buf) + 1, need);
	ck_assert_ptr_nonnull(strstr(buf, "\"trace\""));
	/* without the trace it is shorter */
	ck_assert_int_eq(pacta_decision_json(gd, 0, buf, sizeof buf, &need2),
			 PACTA_OK);
	ck_assert_uint_lt(need2, need);
	ck_assert_ptr_null(strstr(buf, "\"trace\""));
}
END_TEST

START_TEST(test_explain)
{
	char buf[4096];
	size_t need;

	ordinary(gr);
	decide_ok();
	ck_assert_int_eq(pacta_decision_explain(gd, NULL, 0, &need),
			 PACTA_RANGE);
	ck_assert_int_eq(pacta_decision_explain(gd, buf, need, NULL), PACTA_OK);
	ck_assert_str_eq(buf,
		"outcome: grant\n"
		"grounds:\n"
		"  1.1 (article 1 \"Scope\"): the offence is a core cybercrime "
		"punishable by at least four years\n"
		"text:\n"
		"  article 1 \"Scope\"\n"
		"  | 1. The Parties shall afford each other assistance for the purpose of "
		"specific criminal investigations or proceedings concerning the offences "
		"listed in the Annex.\n"
		"obligations:\n"
		"  retain_at_most = 180 days   (imposed by 4.1)\n"
		"  no_onward_transfer          (imposed by 4.3)\n"
		"trace:\n"
		"  fired 1.1 grant\n"
		"  fired 4.1 oblige retain_at_most\n"
		"  fired 4.3 oblige no_onward_transfer\n");
	ck_assert_int_eq(pacta_decision_explain(gd, buf, 5, NULL), PACTA_RANGE);
	ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_free_null)
{
	pacta_request *r;
	pacta_decision *d;

	pacta_module_close(NULL);
	pacta_request_free(NULL);
	pacta_decision_free(NULL);
	pacta_request_reset(NULL);
	ck_assert_int_eq(pacta_request_new(NULL, &r), PACTA_MISUSE);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(pacta_decision_new(NULL, &d), PACTA_MISUSE);
	ck_assert_ptr_null(d);
	ck_assert_int_eq(pacta_request_new(NULL, NULL), PACTA_MISUSE);
	ck_assert_int_eq(pacta_decision_new(NULL, NULL), PACTA_MISUSE);
}
END_TEST

/* ---- threads ---- */

#define THREADS 8
#define REQUESTS 1000000

struct fields {
	int requesting, requested, submitted, assistance, offence, penalty;
	int data, specific, targets, journalist, emergency, judicial;
	int political;
};

static uint64_t splitmix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15u;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
	return x ^ (x >> 31);
}

/* Request number i, the same in every thread: drawn from a PRNG seeded
 * with i.  Optional fields are sometimes left at their defaults. */
static int random_request(const struct fields *f, pacta_request *r,
			  uint64_t i)
{
	uint64_t x = splitmix(i), y = splitmix(x), z = splitmix(y);
	int rc = 0;

	pacta_request_reset(r);
	/* mostly the two parties, sometimes a third state */
	rc |= pacta_request_set_enum_index(r, f->requesting,
					   (int)((x >> 3) % (x % 8 < 7 ? 2 : 4)),
					   NULL);
	rc |= pacta_request_set_enum_index(r, f->requested,
					   (int)((x >> 8)
						 % ((x >> 5) % 8 < 7 ? 2 : 4)),
					   NULL);
	rc |= pacta_request_set_date(r, f->submitted,
				     2024 + (int)((x >> 10) % 13),
				     1 + (int)((x >> 14) % 12),
				     1 + (int)((x >> 18) % 28), NULL);
	rc |= pacta_request_set_enum_index(r, f->assistance,
					   (int)((x >> 23) % 4), NULL);
	rc |= pacta_request_set_enum_index(r, f->offence,
					   (int)((x >> 25) % 4), NULL);
	rc |= pacta_request_set_years(r, f->penalty, (int64_t)((x >> 27) % 9),
				      NULL);
	rc |= pacta_request_set_bool(r, f->specific, (x >> 31) % 8 != 0, NULL);
	if (y & 1) {
		rc |= pacta_request_set_clear(r, f->data, NULL);
		for (int m = 0; m < 4; m++)
			if ((y >> (1 + m)) & 1)
				rc |= pacta_request_set_add_index(r, f->data, m,
								  NULL);
	}
	if ((y >> 5) & 1)
		rc |= pacta_request_set_int(r, f->targets,
					    (int64_t)((y >> 6) % 16), NULL);
	if ((z & 3) == 0)
		rc |= pacta_request_set_bool(r, f->journalist, 1, NULL);
	if (((z >> 2) & 3) == 0)
		rc |= pacta_request_set_bool(r, f->emergency, 1, NULL);
	if (((z >> 4) & 3) == 0)
		rc |= pacta_request_set_bool(r, f->judicial, 1, NULL);
	if (((z >> 6) & 7) == 0)
		rc |= pacta_request_set_bool(r, f->political, 1, NULL);
	return rc;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	return splitmix(h ^ v);
}

/* Everything a decision says, through the public getters, in 64 bits. */
static uint64_t digest(const pacta_decision *d)
{
	uint64_t h = (uint64_t)pacta_decision_outcome(d);
	int n;

	h = mix(h, (uint64_t)pacta_decision_ground(d));
	n = pacta_decision_ground_count(d);
	for (int k = 0; k < n; k++)
		h = mix(h, (uint64_t)pacta_decision_ground_clause(d, k));
	n = pacta_decision_obligation_count(d);
	for (int k = 0; k < n; k++) {
		int o = pacta_decision_obligation(d, k);
		int64_t v = 0;

		pacta_decision_obligation_value(d, o, &v);
		h = mix(h, (uint64_t)o << 32 ^ (uint64_t)v);
		for (int s = 0; s < pacta_decision_obligation_source_count(d, o);
		     s++)
			h = mix(h, (uint64_t)pacta_decision_obligation_source(d,
									    o, s));
	}
	n = pacta_decision_fired_count(d);
	for (int k = 0; k < n; k++)
		h = mix(h, (uint64_t)pacta_decision_fired(d, k));
	n = pacta_decision_exempted_count(d);
	for (int k = 0; k < n; k++) {
		int c = pacta_decision_exempted(d, k);

		h = mix(h, (uint64_t)c << 16 ^ (uint64_t)pacta_decision_exempted_by(d, c));
	}
	return h;
}

struct worker {
	const pacta_module *m;
	const struct fields *f;
	const uint64_t *expected;
	uint64_t first, count;
	uint64_t mismatches, errors;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	pacta_request *r;
	pacta_decision *d;

	if (pacta_request_new(w->m, &r) || pacta_decision_new(w->m, &d)) {
		w->errors = 1;
		return NULL;
	}
	for (uint64_t i = w->first; i < w->first + w->count; i++) {
		/* no ck_assert off the main thread */
		if (random_request(w->f, r, i) != PACTA_OK
		    || pacta_decide(w->m, r, d, NULL) != PACTA_OK)
			w->errors++;
		else if (digest(d) != w->expected[i])
			w->mismatches++;
	}
	pacta_decision_free(d);
	pacta_request_free(r);
	return NULL;
}

START_TEST(test_threads)
{
	struct fields f = {
		field("requesting_party"), field("requested_party"),
		field("submitted"), field("assistance"), field("offence"),
		field("max_penalty"), field("data"),
		field("specific_investigation"), field("targets"),
		field("target_is_journalist"), field("emergency"),
		field("judicial_authorisation"), field("political_offence"),
	};
	uint64_t *expected = malloc(REQUESTS * sizeof *expected);
	struct worker w[THREADS];
	pthread_t t[THREADS];
	int outcomes[3] = { 0 };

	ck_assert_ptr_nonnull(expected);
	/* single-threaded, the reference; ck_assert marks its place on
	 * every call, too slow for a loop this long */
	for (uint64_t i = 0; i < REQUESTS; i++) {
		if (random_request(&f, gr, i) != PACTA_OK
		    || pacta_decide(gm, gr, gd, NULL) != PACTA_OK)
			ck_abort_msg("request %llu failed", (unsigned long long)i);
		expected[i] = digest(gd);
		outcomes[pacta_decision_outcome(gd)]++;
	}
	/* the requests reach every outcome */
	ck_assert_int_gt(outcomes[PACTA_GRANT], REQUESTS / 100);
	ck_assert_int_gt(outcomes[PACTA_REFER], REQUESTS / 100);
	ck_assert_int_gt(outcomes[PACTA_REFUSE], REQUESTS / 100);

	for (int k = 0; k < THREADS; k++) {
		w[k] = (struct worker){ gm, &f, expected,
					(uint64_t)k * (REQUESTS / THREADS),
					REQUESTS / THREADS, 0, 0 };
		ck_assert_int_eq(pthread_create(&t[k], NULL, work, &w[k]), 0);
	}
	for (int k = 0; k < THREADS; k++) {
		ck_assert_int_eq(pthread_join(t[k], NULL), 0);
		ck_assert_uint_eq(w[k].errors, 0);
		ck_assert_uint_eq(w[k].mismatches, 0);
	}
	free(expected);
}
END_TEST

Suite *runtime_suite(void)
{
	Suite *s = suite_create("runtime");
	TCase *tc;

	tc = tcase_create("basics");
	tcase_add_test(tc, test_versions);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_free_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("open");
	tcase_add_checked_fixture(tc, scratch_setup, scratch_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_open_misuse);
	tcase_add_test(tc, test_open_missing);
	tcase_add_test(tc, test_open_not_elf);
	tcase_add_test(tc, test_open_truncated);
	tcase_add_test(tc, test_open_damaged);
	tcase_add_test(tc, test_open_fuzzed);
	tcase_add_test(tc, test_open_refusals);
	tcase_add_test(tc, test_open_replaced_while_open);
	tcase_add_test(tc, test_open_twice_and_relative);
	tcase_add_test(tc, test_metadata);
	tcase_add_test(tc, test_metadata_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("requests");
	tcase_add_checked_fixture(tc, good_setup, good_teardown);
	tcase_add_test(tc, test_request_misuse);
	tcase_add_test(tc, test_request_range);
	tcase_add_test(tc, test_request_unchanged_on_failure);
	tcase_add_test(tc, test_decide_missing_field);
	tcase_add_test(tc, test_decide_other_module);
	tcase_add_test(tc, test_decide_bad_result);
	tcase_add_test(tc, test_trace_from_request);
	tcase_add_test(tc, test_decide_batch);
	tcase_add_test(tc, test_explain_out_of_force);
	tcase_add_test(tc, test_request_lines);
	tcase_add_test(tc, test_decide_twofaced);
	tcase_add_test(tc, test_decide_no_grounds);
	suite_add_tcase(s, tc);

	tc = tcase_create("decisions");
	tcase_add_checked_fixture(tc, good_setup, good_teardown);
	tcase_add_test(tc, test_getters_grant);
	tcase_add_test(tc, test_getters_exempted_and_emergency);
	tcase_add_test(tc, test_getters_refuse_default_agreement);
	tcase_add_test(tc, test_getters_without_decision);
	tcase_add_test(tc, test_decide_id_lengths);
	tcase_add_test(tc, test_json_round_trip);
	tcase_add_test(tc, test_json_errors);
	tcase_add_test(tc, test_json_buffer);
	tcase_add_test(tc, test_explain);
	suite_add_tcase(s, tc);

	tc = tcase_create("threads");
	tcase_add_checked_fixture(tc, good_setup, good_teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_threads);
	suite_add_tcase(s, tc);
	return s;
}
