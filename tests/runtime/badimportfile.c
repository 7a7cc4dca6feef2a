/* badimportfile.c — an imported file of no name: the module is refused
 * at open, as `pacta inspect` and the bindings name each file. */
#define TINY_IMPORT_B "std.b"
#define TINY_A_NAME ""
#include "tiny.h"
