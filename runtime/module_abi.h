/*
 * module_abi.h — what a compiled rule module exports, and how it is called.
 *
 * A module is a self-contained shared object (no libc, no NEEDED entries,
 * no initialisers) that exports exactly one data symbol, LP_MODULE_SYMBOL,
 * a lp_module_desc.  The compiler (compiler/codegen.c) lays this struct
 * out with LLVM types that match the C layout on the target; the runtime
 * loads it (runtime/module.c) after checking the file, and checks it
 * (runtime/validate.c) before reading it.  Any change to these structs, to
 * model.h's descriptor structs, or to the decision block layout
 * (runtime/model.c) must bump LP_ABI_VERSION.
 */
#ifndef PACTA_MODULE_ABI_H
#define PACTA_MODULE_ABI_H

#include <stdint.h>

#include "model.h"

#define LP_MODULE_SYMBOL "pacta_module"
#define LP_MODULE_MAGIC 0x41544350u   /* "PCTA" little-endian */
/* 1: the first modules.  2: Language 2 — clause kinds and owners
 * (reservations, declarations), obligations' outcomes, bearer and
 * description, the header's text, the default's reason, the parties'
 * enum and the Parties, the effective and expiry dates in the schema,
 * and the discretionary grounds in the decision block; the fast entry
 * point (`decide`) beside the full one (`trace`), reading a packed
 * request.  3: the image's SHA-256 in the descriptor.  4: the fast entry
 * writes the outcome and the ground itself, into the head word before
 * the obligations, and returns 0, so that pacta_decide ends in a jump to
 * it (lp_fast_fn).  5: the layout's fingerprint (`layout`), so that a
 * module reading another request or decision layout than libpacta's is
 * refused whatever the version says.  6: the files the agreement imports
 * and its imports' edges (`imports`), so that its source compiles again
 * from the module alone. */
#define LP_ABI_VERSION 6u

/*
 * The evaluation functions.  `req` is a packed request: each field at its
 * place (model.h, lp_request_places: bools as bits, enums in the narrowest
 * integer, sets as bit words), as the JSON decoder or the request builder
 * writes it, 8-byte aligned; a hosted evaluator gets the unpacked slots
 * (schema.nslots words) instead.  `block` is a decision
 * block of lp_decision_size() bytes, 8-byte aligned.  Both return the
 * outcome in bits 0–7 and the ground (enum pg_ground) in bits 8–15, and
 * the same for the same request; except that the fast entry (`decide`,
 * lp_fast_fn) writes them into the decision itself and returns 0.
 *
 * `trace` writes every word of the block (as lp_decision_clear() would,
 * then the decision's bits and values), so the block need not be
 * cleared; of exempted_by, only the entries of the clauses exempted,
 * which are the only ones read.  `decide` writes only the outcome, the ground and the
 * obligations (the words from oblig_set up to fast_end in
 * lp_block_offsets, after its head word): it stops at the first rule that
 * settles the outcome, and the runtime calls `trace` when the grounds or
 * the trace are read.  libpacta gives `decide` room for those words alone
 * (a decision's hot line, libpacta.h).
 *
 * `req` and `block` (or `head`) must not overlap (the functions are compiled on that
 * promise: their parameters are noalias).  They call nothing, allocate
 * nothing and touch no memory but their arguments and the module's
 * constants, so any number of threads may call them at once.
 */
typedef uint32_t (*lp_decide_fn)(const uint64_t *req, uint64_t *block);

/*
 * The fast entry: `head` is one word followed by the block's obligation
 * words (from oblig_set up to fast_end).  It writes the outcome into the
 * head's byte 0 and the ground into its byte 1, leaves bytes 2–7 (they
 * are libpacta's), writes the obligation words, and returns 0 — what
 * pacta_decide returns, so that libpacta calls it last, by a jump, and
 * keeps nothing of its own across the call.
 */
typedef int32_t (*lp_fast_fn)(const uint64_t *req, uint64_t *head);

/*
 * The files the agreement imports, as the module carries them: each file
 * once, in the order the compiler read them (the order of the source
 * hash, after the agreement's own file), and each `import` of the
 * agreement and of those files as an edge from the file it is written in
 * to the file it read.  A module's source is compiled again from these
 * alone: an import is the edge of its file and its words, whatever
 * directory the file was found in when the module was built.
 */
typedef struct lp_source_file {
	const char *name;            /* the import that first read it, as
	                                written: "std.mla", or F of import "F" */
	const char *text;            /* len bytes, NUL after them */
	uint64_t len;
} lp_source_file;

typedef struct lp_source_import {
	uint32_t from;               /* the file it is written in: 0 the
	                                agreement's own, k + 1 files[k] */
	uint32_t to;                 /* the file it reads: files[to] */
	const char *name;            /* as written: "std.mla", or F */
} lp_source_import;

typedef struct lp_imports {
	const lp_source_file *files;
	uint32_t nfiles;
	uint32_t nedges;
	const lp_source_import *edges;
} lp_imports;

typedef struct lp_module_desc {
	uint32_t magic;              /* LP_MODULE_MAGIC */
	uint32_t abi_version;        /* LP_ABI_VERSION */
	const char *compiler_version;
	uint8_t source_sha256[32];   /* of `source` and every file it imports
	                                (compiler/codegen.h, source_hash) */
	uint8_t image_sha256[32];    /* of the module file itself (the bytes
	                                the loader maps, without a signature
	                                trailer), these 32 bytes counted as
	                                zero: written in after linking and
	                                checked before loading (runtime/image.c) */
	const char *source;          /* the agreement's source text */
	uint64_t source_len;
	const char *source_name;     /* file name only, no directories */
	lp_schema schema;
	lp_fast_fn decide;           /* the outcome and its obligations */
	lp_decide_fn trace;          /* the whole decision block */
	uint64_t layout;             /* lp_layout_fingerprint(&schema) as the
	                                compiler computed it; 0: not recorded
	                                (a module written by hand) */
	lp_imports imports;          /* the files the source imports */
} lp_module_desc;

#endif
