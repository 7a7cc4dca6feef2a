/*
 * run.h — requests through a module (run.c): the sessions `pacta eval`
 * and `pacta explain` decide with, on a native module or on the reference
 * interpreter hosted by libpacta behind the same interface.
 */
#ifndef PACTA_RUN_H
#define PACTA_RUN_H

#include <stdio.h>

#include "pactac.h"
#include "../runtime/pacta.h"

/* A module with one request, one decision and a text buffer. */
typedef struct session {
	pacta_module *mod;
	pacta_request *req;
	pacta_decision *dec;
	char *buf;
	size_t cap;
	const lw_program *lw;       /* the interpreted program, or NULL */
	evaluator *ev;
} session;

/* Reads the public keys of --trust (none: every module loads, signed or
 * not).  Returns 0, or -1 with the reason printed. */
int run_trust(const vec *files);
/* Opens a module file through libpacta, checked against the trusted keys
 * when there are any.  Returns 0, or -1 with the reason printed. */
int run_open_module(const char *path, pacta_module **mod);

/* Builds the program's native module (emit_module, at -O`opt_level`)
 * and opens it through libpacta; 0, or -1 with the reason printed. */
int run_build_native(const lw_program *lw, int opt_level, pacta_module **mod);

/* A session on a module file, or on the reference interpreter over a
 * lowered program (which must outlive the session).  0, or -1 with the
 * reason printed. */
int session_open_module(session *ss, const char *path);
int session_open_program(session *ss, const lw_program *lw);
void session_close(session *ss);

/* `pacta eval`: every line of `in` answered on `out`, in order; returns 0,
 * or 1 when some line was bad or `in` could not be read. */
int run_eval(session *ss, FILE *in, const char *in_path, FILE *out, int trace);
/* `pacta explain`: the request in file `rpath` (- for standard input)
 * decided and explained on `out` under the heading "NAME: TITLE".
 * Returns 0 or 1. */
int run_explain(session *ss, const char *name, const char *rpath, FILE *out);
/* `pacta explain --to`: the request in file `rpath` and the nearest one
 * lw decides `to` (prove.c), in words under "NAME: TITLE" or (as_json)
 * as one JSON object, on `out`.  Returns 0 or 1. */
int run_explain_to(const lw_program *lw, const char *name, const char *rpath, int to, const char *const *keep,
                   size_t nkeep, int as_json, FILE *out);

/* The request of `pacta explain` in file `path` (- for standard input):
 * one JSON object, at most PACTA_MAX_LINE_MB, its line ends kept (JSON's
 * white space between tokens); the caller frees it.  NULL with the
 * reason printed. */
char *run_read_request(const char *path, size_t *len);
/* A decoding error of that request (the decoder's message, "line L,
 * column C: ...", placed in the file as it is written) printed. */
void run_request_error(const char *rpath, const char *msg);

/* What a module was built from, read in place from the module, which
 * stays open until module_sources_free: its agreement's text, the files
 * that text imports (module_abi.h) and the hash of them all. */
typedef struct module_sources {
	pacta_module *mod;
	const char *text;
	size_t len;
	const lp_imports *imports;
	const uint8_t *sha256;
} module_sources;
/* 0, or -1 with the reason printed. */
int run_module_sources(const char *path, module_sources *ms);
/* Loading the module's agreement: its text, and its imports from it. */
void module_sources_load(const module_sources *ms, load_opts *lo);
void module_sources_free(module_sources *ms);
/* `pacta inspect`: what an open module holds, as text on `out`. */
void run_inspect(const pacta_module *mod, const char *path, FILE *out);

/* `pacta serve ARGS` (args[0] is "serve"; `pacta help serve` with
 * `help`): runs the program pacta-serve installed beside this one
 * (serve/main.c says why it is a program of its own) with ARGS, or with
 * --help.  Returns 1 only when it cannot be run. */
int run_serve(char **args, int help);

#endif
