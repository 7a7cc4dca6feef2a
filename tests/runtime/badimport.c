/* badimport.c — an import written in a file the module does not carry
 * (file 3, counting the agreement's own as 0, of two imported): refused
 * at open. */
#define TINY_IMPORT_B "std.b"
#define TINY_B_FROM 3
#include "tiny.h"
