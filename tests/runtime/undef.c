/* undef.c — a module whose decide() calls a function it does not define:
 * refused for its undefined symbol. */
extern int foo(int);
#define TINY_HOOK(req) ((void)foo((int)(req)[0]))
#include "tiny.h"
