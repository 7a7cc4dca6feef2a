/* badimportfiles.c — a table of imported files whose count is far past
 * its end: the module is refused at open, before anything reads past
 * the table. */
#define TINY_IMPORT_B "std.b"
#define TINY_NFILES 0xffffffffu
#include "tiny.h"
