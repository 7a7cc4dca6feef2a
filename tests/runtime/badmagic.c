/* badmagic.c — exports pacta_module, but not a Pacta descriptor. */
#define TINY_MAGIC 0x12345678u
#include "tiny.h"
