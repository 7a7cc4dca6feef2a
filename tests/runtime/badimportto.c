/* badimportto.c — an import that reads a file the module does not carry
 * (file 2 of two, counted from 0): refused at open. */
#define TINY_IMPORT_B "std.b"
#define TINY_B_TO 2
#include "tiny.h"
