/*
 * host.c — a module whose evaluator is the host's: lp_module_host.
 *
 * The `pacta` command decides with its reference interpreter through the
 * same handle, requests, decisions, JSON and explanations as a native
 * module (compiler/run.c), so that `pacta eval FILE.pacta` and `pacta eval
 * M.so` print their lines through one path.  The descriptor is made here
 * from the schema the compiler lowered; nothing is loaded, so there is no
 * file to check.
 */
#include <stdlib.h>
#include <string.h>

#include "libpacta.h"

int lp_module_host(const lp_schema *s, const char *compiler_version,
		   const char *source, size_t len, const uint8_t sha256[32],
		   const lp_imports *imports,
		   lp_host_fn fn, void *ctx, pacta_module **out,
		   pacta_error *err)
{
	pacta_module *m = calloc(1, sizeof *m);
	lp_module_desc *d = calloc(1, sizeof *d);

	*out = NULL;
	if (!m || !d) {
		free(m);
		free(d);
		lp_error(err, PACTA_NOMEM, NULL, "out of memory");
		return PACTA_NOMEM;
	}
	d->magic = LP_MODULE_MAGIC;
	d->abi_version = LP_ABI_VERSION;
	d->compiler_version = compiler_version;
	memcpy(d->source_sha256, sha256, sizeof d->source_sha256);
	d->source = source;
	d->source_len = len;
	d->source_name = "";
	d->imports = *imports;
	d->schema = *s;
	m->desc = d;
	m->s = &d->schema;
	m->sigfd = -1;
	atomic_init(&m->holders, 1);
	m->host = fn;
	m->host_ctx = ctx;
	if (lp_module_prepare(m) != 0) {
		pacta_module_close(m);
		lp_error(err, PACTA_NOMEM, NULL, "out of memory");
		return PACTA_NOMEM;
	}
	*out = m;
	return PACTA_OK;
}
