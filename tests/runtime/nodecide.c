/* nodecide.c — a descriptor without an evaluation function. */
#define TINY_DECIDE 0
#include "tiny.h"
