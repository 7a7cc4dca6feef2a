/* badimportedges.c — a table of imports whose count is far past its
 * end: the module is refused at open. */
#define TINY_IMPORT_B "std.b"
#define TINY_NEDGES 0xffffffffu
#include "tiny.h"
