/* notrace.c — a descriptor without the full evaluation function (the
 * one the grounds and the trace come from). */
#define TINY_TRACE 0
#include "tiny.h"
