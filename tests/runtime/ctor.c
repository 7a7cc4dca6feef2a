/* ctor.c — a module with an initialiser: refused before it is loaded,
 * which the trap proves (were it run, the test would crash). */
#include "tiny.h"

__attribute__((constructor)) static void boom(void)
{
	__builtin_trap();
}
