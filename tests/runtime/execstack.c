/* execstack.c — the tiny module linked with -z execstack (see the
 * Makefile): refused, since loading it would make the host's stacks
 * executable. */
#include "tiny.h"
