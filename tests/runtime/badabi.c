/* badabi.c — a module from a future compiler: refused with PACTA_ABI. */
#define TINY_ABI 7
#include "tiny.h"
