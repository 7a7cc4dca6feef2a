/* badname.c — a member name that is not UTF-8 (a byte of Latin-1): names
 * reach JSON and the host's output as they are, so the module is refused
 * at open. */
#define TINY_KIND_B "b\xe9"
#include "tiny.h"
