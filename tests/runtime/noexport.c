/* noexport.c — the descriptor is hidden, so the module exports nothing. */
#define TINY_VISIBILITY
#include "tiny.h"
