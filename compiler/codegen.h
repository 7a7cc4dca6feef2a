/*
 * codegen.h — the LLVM stages: code generation (codegen.c) and emission of
 * IR, objects and shared objects (emit.c).  Kept apart from pactac.h so
 * that only these stages see the LLVM headers.
 */
#ifndef PACTA_CODEGEN_H
#define PACTA_CODEGEN_H

#include <llvm-c/Core.h>
#include <llvm-c/TargetMachine.h>

#include "emit.h"
#include "pactac.h"

typedef struct cg_options {
	const char *triple;
	LLVMTargetMachineRef tm;
	uint8_t sha256[32];
	const char *source;        /* embedded in the module */
	size_t source_len;
	const char *source_name;   /* the file's name, without directories */
	lp_imports imports;        /* the files it imports, embedded too */
} cg_options;

typedef struct cg_result {
	LLVMContextRef ctx;
	LLVMModuleRef mod;
	/* The trace's functions (named pacta_trace...) are left unoptimised
	 * (optnone): a large agreement's.  emit.c then gives them an object
	 * of their own, built at the back end's lowest level. */
	int trace_apart;
} cg_result;

/* Builds and verifies the module; on failure returns -1 and a message the
 * caller frees. */
int cg_module(const lw_program *lw, const cg_options *o, cg_result *out, char **error);
/* Whether v is one of the trace's functions (the entry `pacta_trace` or
 * one of its parts, all named pacta_trace...). */
int cg_is_trace(LLVMValueRef v);
void cg_result_free(cg_result *r);

#endif
