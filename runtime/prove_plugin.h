/*
 * prove_plugin.h — between libpacta and the prover it loads on demand.
 *
 * "What would it take" (pacta_explain_to, runtime/prover.c) needs Z3 and
 * the compiler's front end, which libpacta does not link: an embedder that
 * only decides requests should not carry them.  They live in a library of
 * their own, libpacta-prove.so.0 (compiler/prove_plugin.c, linked from
 * libpactac), which exports one function, LP_PROVE_SYMBOL, of type
 * lp_prove_fn.  libpacta dlopens it on the first call and passes the
 * module's embedded sources and the request as JSON, so the two need share
 * no data structure but the module's table of imported files: only this header, whose version is in the symbol's
 * name (a changed lp_prove_call gets a new name, and an old plugin is not
 * found rather than misread).
 */
#ifndef PACTA_PROVE_PLUGIN_H
#define PACTA_PROVE_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "module_abi.h"

#define LP_PROVE_LIBRARY "libpacta-prove.so.0"
#define LP_PROVE_SYMBOL "lp_prove_explain_to_v2"

typedef struct lp_prove_call {
	const char *name;            /* the agreement's file name, for messages */
	const char *source;          /* the module's embedded source */
	size_t source_len;
	const uint8_t *source_sha256; /* what the module was built from (32) */
	const lp_imports *imports;   /* the files it imports, as the module
	                                carries them (module_abi.h) */
	const char *request;         /* one JSON object, every field given */
	size_t request_len;
	int to;                      /* PACTA_GRANT, PACTA_REFER or PACTA_REFUSE */
} lp_prove_call;

/*
 * Answers `call`: PACTA_OK with *out the JSON object of `pacta explain
 * --to OUTCOME --json` (malloc'd, NUL-terminated, *out_len bytes), or a
 * status of pacta.h with the reason in msg (msgcap bytes, NUL-terminated)
 * and *out NULL: PACTA_BADMODULE when the source does not compile here or
 * its imports are not those it was built with, PACTA_INPUT when the
 * request does not fit its schema, PACTA_ERROR when the solver gave no
 * answer in time or the interpreter did not confirm the request found,
 * PACTA_NOMEM.  Calls are serialised inside the plugin.
 */
typedef int (*lp_prove_fn)(const lp_prove_call *call, char **out,
			   size_t *out_len, char *msg, size_t msgcap);
int lp_prove_explain_to_v2(const lp_prove_call *call, char **out,
			   size_t *out_len, char *msg, size_t msgcap);

#endif
