/*
 * fuzz_common.h — what the fuzz targets (tests/fuzz/fuzz_*.c) share: a
 * private temporary directory, compiling a source held in memory through
 * the real pipeline (compile_file: load with imports, check), building a
 * native module with emit_module(), and a sink for diagnostics.
 *
 * Each target is built twice by the Makefile's hardening block: with
 * libFuzzer (-fsanitize=fuzzer) for `make fuzz`, and with the plain
 * compiler and a small main (replay.c) that calls LLVMFuzzerTestOneInput
 * on every file of tests/fuzz/regressions/ for `make fuzz-regressions`.
 * FUZZ_ROOT (the repository's root) comes from the Makefile.
 */
#ifndef PACTA_FUZZ_COMMON_H
#define PACTA_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pactac.h"

/* The repository's root, for the standard library and the examples. */
#ifndef FUZZ_ROOT
#define FUZZ_ROOT "."
#endif
#define FUZZ_STDLIB FUZZ_ROOT "/stdlib"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char fz_dir[256];
static FILE *fz_null;

static void fz_cleanup(void)
{
	char cmd[300];
	if (fz_dir[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", fz_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz: could not remove %s\n", fz_dir);
	}
	if (fz_null)
		fclose(fz_null);
}

/* Once per process: the temporary directory and /dev/null. */
static void fz_setup(void)
{
	if (fz_dir[0])
		return;
	const char *t = getenv("TMPDIR");
	snprintf(fz_dir, sizeof fz_dir, "%s/pacta-fuzz-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(fz_dir)) {
		perror("fuzz: mkdtemp");
		exit(2);
	}
	fz_null = fopen("/dev/null", "w");
	if (!fz_null) {
		perror("fuzz: /dev/null");
		exit(2);
	}
	atexit(fz_cleanup);
}

static int fz_write(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = fwrite(data, 1, n, f);
	return fclose(f) == 0 && w == n ? 0 : -1;
}

/* Compiles `n` bytes of source as a file of the temporary directory,
 * with the repository's standard library; diagnostics go to /dev/null
 * (they are still formatted).  NULL when it does not check; call
 * compilation_free(cm) either way. */
static lw_program *fz_compile(compilation *cm, const char *name, const void *src, size_t n)
{
	char path[512];
	fz_setup();
	snprintf(path, sizeof path, "%s/%s", fz_dir, name);
	if (fz_write(path, src, n) != 0) {
		perror("fuzz: write");
		exit(2);
	}
	load_opts o = { 0 };
	o.stdlib_dir = getenv("PACTA_STDLIB") ? getenv("PACTA_STDLIB") : FUZZ_STDLIB;
	lw_program *c = compile_file(cm, &o, path, fz_null);
	unlink(path);
	return c;
}

/* The model agreement (examples/model-agreement.pacta), checked and
 * lowered, for the targets that fuzz its requests; NULL when it does not
 * compile.  compilation_free(cm) either way. */
static const lw_program *fz_model(compilation *cm)
{
	load_opts o = { 0 };
	o.stdlib_dir = FUZZ_STDLIB;
	return compile_file(cm, &o, FUZZ_ROOT "/examples/model-agreement.pacta", stderr);
}

/* Reads a whole file (NULL on error); the caller frees it. */
static char *fz_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, r;
	char *buf = xmalloc(cap);
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

#include "codegen.h"

/* Builds a native module of `c` at `path`, as `pacta build` does. */
static int fz_build(const lw_program *c, const char *path)
{
	emit_options eo = { 0 };
	eo.kind = EMIT_SO;
	eo.opt_level = 2;
	eo.output = path;
	return emit_module(c, &eo);
}

static uint64_t fz_hash(const uint8_t *data, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;   /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ data[i]) * 0x100000001b3ull;
	return h;
}

#endif
