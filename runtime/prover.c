/*
 * prover.c — pacta_explain_to: "what would it take", through the prover
 * libpacta loads on demand.
 *
 * The prover needs Z3 and the compiler's front end, which libpacta does
 * not link (an embedder that only decides requests should not carry
 * them); it is libpacta-prove.so.0 (compiler/prove_plugin.c), found and
 * loaded once, on the first call, and given the module's embedded source
 * and the request as JSON (runtime/prove_plugin.h).  Everything else of
 * libpacta works without it.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libpacta.h"
#include "prove_plugin.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static lp_prove_fn prove;
static char why[768];               /* when prove is NULL: what was tried */

/* Tries `path`; 1 when the plugin is loaded.  Each failure is added to
 * `why`. */
static int try_load(const char *path)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	size_t n = strlen(why);

	if (h) {
		*(void **)(void *)&prove = dlsym(h, LP_PROVE_SYMBOL);
		if (prove)
			return 1;
		snprintf(why + n, sizeof why - n, "%s%s: no %s (another version of "
			 "Pacta's)", n ? "; " : "", path, LP_PROVE_SYMBOL);
		dlclose(h);
		return 0;
	}
	const char *e = dlerror();
	snprintf(why + n, sizeof why - n, "%s%s", n ? "; " : "", e ? e : path);
	return 0;
}

/* The plugin: PACTA_PROVE_LIBRARY, else beside this library (or the
 * program that links it statically), or in its ../lib, else wherever the
 * dynamic loader finds it. */
static void load(void)
{
	const char *env = secure_getenv("PACTA_PROVE_LIBRARY");
	Dl_info self;
	char path[4096];

	if (env && *env) {
		try_load(env);
		return;
	}
	if (dladdr(&once, &self) && self.dli_fname) {
		const char *slash = strrchr(self.dli_fname, '/');
		int dir = slash ? (int)(slash - self.dli_fname) : 0;
		static const char *const rel[] = { "/", "/../lib/" };
		int absent = 0;

		for (size_t i = 0; slash && i < sizeof rel / sizeof *rel; i++) {
			if ((size_t)snprintf(path, sizeof path, "%.*s%s%s", dir,
					     self.dli_fname, rel[i],
					     LP_PROVE_LIBRARY) >= sizeof path)
				continue;
			if (access(path, F_OK) != 0)
				absent++;
			else if (try_load(path))
				return;
		}
		/* where it was looked for, for the message */
		if (absent == 2) {
			size_t n = strlen(why);

			snprintf(why + n, sizeof why - n, "%snot in %.*s/ or its ../lib/",
				 n ? "; " : "", dir > 300 ? 300 : dir, self.dli_fname);
		}
	}
	try_load(LP_PROVE_LIBRARY);
}

void pacta_free(void *p)
{
	free(p);
}

int pacta_explain_to(const pacta_module *mod, const pacta_request *req,
		     int to, char **json, size_t *len, pacta_error *err)
{
	char msg[512] = "";
	lp_strbuf rq = { 0 };
	uint64_t *slots;
	size_t n = 0, srclen = 0;
	int rc;

	if (json)
		*json = NULL;
	if (len)
		*len = 0;
	if (!mod || !req || !json || LP_MOD(req) != mod) {
		lp_error(err, PACTA_MISUSE, NULL, "%s", !json ? "no place for "
			 "the answer" : req && mod && LP_MOD(req) != mod ? "the "
			 "request was made for another module" : "no module "
			 "or request");
		return PACTA_MISUSE;
	}
	if (to != PACTA_GRANT && to != PACTA_REFER && to != PACTA_REFUSE) {
		lp_error(err, PACTA_MISUSE, NULL, "the outcome sought (%d) is "
			 "not PACTA_GRANT, PACTA_REFER or PACTA_REFUSE", to);
		return PACTA_MISUSE;
	}
	if (lp_request_check_set(req, err) != PACTA_OK)
		return PACTA_MISUSE;
	pthread_once(&once, load);
	if (!prove) {
		lp_error(err, PACTA_UNSUPPORTED, NULL, "what would it take needs "
			 "the prover, %s, which could not be loaded: %s",
			 LP_PROVE_LIBRARY, why);
		return PACTA_UNSUPPORTED;
	}
	slots = calloc(mod->s->nslots + 1, sizeof *slots);
	if (!slots) {
		lp_error(err, PACTA_NOMEM, NULL, "out of memory");
		return PACTA_NOMEM;
	}
	lp_unpack(mod->s, mod->places, LP_DATA(req), slots);
	lp_json_encode_request(mod->s, slots, &rq);
	free(slots);
	if (rq.failed) {
		lp_sb_free(&rq);
		lp_error(err, PACTA_NOMEM, NULL, "out of memory");
		return PACTA_NOMEM;
	}
	/* named by its file, as `pacta explain --to M.so` names it; its
	 * imports are the files the module carries */
	lp_prove_call call = {
		.name = mod->path ? mod->path
		      : *pacta_module_source_name(mod) ? pacta_module_source_name(mod)
		      : "agreement.pacta",
		.source = pacta_module_source(mod, &srclen),
		.source_len = srclen,
		.source_sha256 = pacta_module_source_sha256(mod),
		.imports = &mod->desc->imports,
		.request = rq.data,
		.request_len = rq.len,
		.to = to,
	};
	rc = prove(&call, json, &n, msg, sizeof msg);
	lp_sb_free(&rq);
	if (rc != PACTA_OK) {
		lp_error(err, rc, NULL, "%s", msg[0] ? msg : "the prover failed");
		return rc;
	}
	if (len)
		*len = n;
	return PACTA_OK;
}
