/* badresult.c — decide() writes an outcome that does not exist: every
 * reader of the decision refuses it (PACTA_ERROR, or -1) rather than
 * trust it. */
#define TINY_RESULT_EXTRA 5u
#include "tiny.h"
