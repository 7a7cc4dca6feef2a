/* badimporttext.c — an imported file whose length runs past its text's
 * end (the NUL after it is not where the length says): the module is
 * refused at open, before the prover or `pacta diff` reads it. */
#include <stdint.h>

#include "../../runtime/module_abi.h"

static const lp_source_file tiny_imports[] = {
	{ "std.a", "import std.b\n", 13, UINT32_MAX },
	{ "std.b", "# b\n", 3, UINT32_MAX },
};
#define TINY_IMPORTS tiny_imports
#define TINY_NIMPORTS 2
#include "tiny.h"
