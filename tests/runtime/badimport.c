/* badimport.c — a file of the source's imports said to be another one
 * that comes after it: a key's entry must name an earlier file of its
 * own, so the module is refused at open. */
#include <stdint.h>

#include "../../runtime/module_abi.h"

static const lp_source_file tiny_imports[] = {
	{ "std.a", 0, 0, 1 },
	{ "b.pacta", "agreement \"B\"\n", 14, UINT32_MAX },
};
#define TINY_IMPORTS tiny_imports
#define TINY_NIMPORTS 2
#include "tiny.h"
