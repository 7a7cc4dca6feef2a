/* tiny.c — the tiny module (tiny.h) as it should be. */
#include "tiny.h"
