/*
 * emit.h — what the rest of the compiler asks of the back end: a lowered
 * program to IR, an object or a native rule module (emit.c, with
 * codegen.c).  No LLVM here: the back end is LLVM, and the `pacta`
 * command loads it only when it makes code (codegen_stub.c), from
 * libpacta-codegen.so.0 (codegen_plugin.c), because merely linking LLVM
 * costs every run about 50 ms of its static constructors — most of a
 * `pacta check` or a short `pacta eval`.  Programs that link the back end
 * (the tests, the benchmarks) call emit.c directly.
 */
#ifndef PACTA_EMIT_H
#define PACTA_EMIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pactac.h"

enum emit_kind { EMIT_SO, EMIT_OBJ, EMIT_LL };

typedef struct emit_options {
	enum emit_kind kind;
	int opt_level;             /* 0..3 */
	const char *output;
	const char *triple;        /* NULL: the host's */
	const char *linker;        /* NULL: $PACTA_LD or "ld" */
	const char *sign_key;      /* EMIT_SO: sign with this secret key file */
} emit_options;

/* The whole back end: code generation, optimisation, emission.  The output
 * is replaced whole or not at all (outfile.c).  Errors are printed to
 * stderr with the output's name; returns 0 or -1. */
int emit_module(const lw_program *lw, const emit_options *o);

/* Whether code can be generated for the target triple, and with `module`
 * a module made (only for this machine: it is linked and checked here as
 * libpacta will check it): 0, or -1 with the reason in `why` (cap bytes).
 * emit_module checks it too. */
int emit_target_check(const char *triple, int module, char *why, size_t cap);

/* FILE.pacta -> FILE.so, FILE.ll or FILE.o (the caller frees it;
 * outfile.c). */
char *emit_default_output(const char *src, enum emit_kind kind);

/* The back end as a plugin: libpacta-codegen.so.0 exports
 * EMIT_PLUGIN_SYMBOL, a function that gives its entry points to a `pacta`
 * of the same build (`build` the compiler's version and the sizes below,
 * which change with the lowered program's layout), or NULL. */
#define EMIT_PLUGIN_LIBRARY "libpacta-codegen.so.0"
#define EMIT_PLUGIN_SYMBOL "pacta_codegen_v1"
#define EMIT_PLUGIN_BUILD(b)                                                                   \
	snprintf((b), sizeof(b), "%s/%zu/%zu/%zu/%zu/%zu", PACTAC_VERSION_STRING, sizeof(lw_program), \
	         sizeof(lw_rule), sizeof(lw_clause), sizeof(emit_options), sizeof(lp_schema))

typedef struct emit_plugin {
	int (*module)(const lw_program *lw, const emit_options *o);
	int (*target_check)(const char *triple, int module, char *why, size_t cap);
} emit_plugin;

typedef const emit_plugin *(*emit_plugin_fn)(const char *build);

#endif
