/* badimportname.c — an import of no name: every import is looked up by
 * its words, so the module is refused at open. */
#define TINY_IMPORT_B ""
#include "tiny.h"
