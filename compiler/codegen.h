/*
 * codegen.h — the LLVM stages: code generation (codegen.c) and emission of
 * IR, objects and shared objects (emit.c).  Kept apart from pactac.h so
 * that only these stages see the LLVM headers.
 */
#ifndef PACTA_CODEGEN_H
#define PACTA_CODEGEN_H

#include <llvm-c/Core.h>
#include <llvm-c/TargetMachine.h>

#include "pactac.h"

typedef struct cg_options {
	const char *triple;
	LLVMTargetMachineRef tm;
	uint8_t sha256[32];
	const char *source;        /* embedded in the module */
	size_t source_len;
	const char *source_name;   /* the file's name, without directories */
} cg_options;

typedef struct cg_result {
	LLVMContextRef ctx;
	LLVMModuleRef mod;
} cg_result;

/* Builds and verifies the module; on failure returns -1 and a message the
 * caller frees. */
int cg_module(const lw_program *lw, const cg_options *o, cg_result *out, char **error);
void cg_result_free(cg_result *r);

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

/* FILE.pacta -> FILE.so, FILE.ll or FILE.o (the caller frees it). */
char *emit_default_output(const char *src, enum emit_kind kind);

#endif
