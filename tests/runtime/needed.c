/* needed.c — the tiny module linked against libc (see the Makefile):
 * refused for its DT_NEEDED entry. */
#include "tiny.h"
