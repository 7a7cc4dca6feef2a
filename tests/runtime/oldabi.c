/* oldabi.c — a module from an older compiler (ABI 1, before Language 2):
 * refused with PACTA_ABI and a message that says to rebuild it. */
#define TINY_ABI 1
#include "tiny.h"
