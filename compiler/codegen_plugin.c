/*
 * codegen_plugin.c — libpacta-codegen.so.0: the back end (codegen.c,
 * emit.c and LLVM) behind one exported symbol, which the `pacta` command
 * loads when it makes code (codegen_stub.c; emit.h says why).
 */
#include <stdio.h>
#include <string.h>

#include "codegen.h"

static const emit_plugin entries = { emit_module, emit_target_check };

const emit_plugin *pacta_codegen_v1(const char *build);   /* emit_plugin_fn */

__attribute__((visibility("default")))
const emit_plugin *pacta_codegen_v1(const char *build)
{
	char mine[160];

	EMIT_PLUGIN_BUILD(mine);
	return build && !strcmp(build, mine) ? &entries : NULL;
}
