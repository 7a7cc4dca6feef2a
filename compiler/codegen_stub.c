/*
 * codegen_stub.c — the back end's entry points in the `pacta` command:
 * libpacta-codegen.so.0 (codegen_plugin.c) loaded on the first call, so
 * that the commands that make no code do not pay for LLVM (emit.h).
 *
 * The plugin is $PACTA_CODEGEN_LIBRARY, else beside the `pacta` program,
 * else in its ../lib, else wherever the dynamic loader finds it.
 */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit.h"

static const emit_plugin *plugin;
static char why[1024];          /* when plugin is NULL: what was tried */

/* Tries `path`; 1 when the plugin is loaded.  Each failure is added to
 * `why`. */
static int try_load(const char *path)
{
	size_t n = strlen(why);
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(why + n, sizeof why - n, "%s%s", n ? "; " : "", e ? e : path);
		return 0;
	}
	emit_plugin_fn get;
	*(void **)(void *)&get = dlsym(h, EMIT_PLUGIN_SYMBOL);
	char build[160];
	EMIT_PLUGIN_BUILD(build);
	plugin = get ? get(build) : NULL;
	if (plugin)
		return 1;
	snprintf(why + n, sizeof why - n, "%s%s: %s", n ? "; " : "", path,
	         get ? "from another build of Pacta" : "not Pacta's code generator");
	dlclose(h);
	return 0;
}

static void find(void)
{
	const char *env = secure_getenv("PACTA_CODEGEN_LIBRARY");
	if (env && *env) {
		try_load(env);
		return;
	}
	char exe[PATH_MAX], path[PATH_MAX + 64];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		static const char *const rel[] = { "/", "/../lib/" };
		for (size_t i = 0; slash && i < sizeof rel / sizeof *rel; i++) {
			snprintf(path, sizeof path, "%.*s%s%s", (int)(slash - exe), exe, rel[i], EMIT_PLUGIN_LIBRARY);
			if (access(path, F_OK) == 0 && try_load(path))
				return;
		}
	}
	try_load(EMIT_PLUGIN_LIBRARY);
}

/* 0 when the plugin is loaded (tried once, whatever the thread). */
static int load(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, find);
	return plugin ? 0 : -1;
}

static void missing(const char *output)
{
	fprintf(stderr, "pacta: build %s: the code generator, %s, could not be loaded (it is installed beside "
	        "pacta or in its ../lib; PACTA_CODEGEN_LIBRARY names another): %s\n",
	        output ? output : "", EMIT_PLUGIN_LIBRARY, why);
}

int emit_module(const lw_program *lw, const emit_options *o)
{
	if (load() != 0) {
		missing(o->output);
		return -1;
	}
	return plugin->module(lw, o);
}

int emit_target_check(const char *triple, int module, char *reason, size_t cap)
{
	if (load() != 0) {
		snprintf(reason, cap, "the code generator, %s, could not be loaded: %.600s", EMIT_PLUGIN_LIBRARY, why);
		return -1;
	}
	return plugin->target_check(triple, module, reason, cap);
}

#ifdef __SANITIZE_ADDRESS__
/* In the sanitizer build: LeakSanitizer misreads the dynamic TLS of a
 * dlopen'd LLVM (a bogus range, on which its tracer crashes at exit), so
 * it does not scan TLS in pacta.  A block held only from TLS would be
 * reported as a leak, never hidden. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "use_tls=0";
}
#endif
