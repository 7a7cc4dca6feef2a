/* ifunc.c — decide() is an indirect function, whose resolver the loader
 * would run while loading: refused before that (the trap proves it). */
#include <stdint.h>

static void *resolve_decide(void);
static int32_t ifunc_decide(const uint64_t *req, uint64_t *head)
	__attribute__((ifunc("resolve_decide")));

#define TINY_DECIDE ifunc_decide
#include "tiny.h"

static void *resolve_decide(void)
{
	__builtin_trap();
	return (void *)tiny_fast;
}
