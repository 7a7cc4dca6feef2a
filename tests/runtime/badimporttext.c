/* badimporttext.c — an imported file whose length runs past its text's
 * end (the NUL after it is not where the length says): the module is
 * refused at open, before the prover or `pacta diff` reads it. */
#define TINY_IMPORT_B "std.b"
#define TINY_B_LEN 3
#include "tiny.h"
