/* badresult.c — decide() returns an outcome that does not exist:
 * pacta_decide says PACTA_ERROR rather than trust it. */
#define TINY_RESULT_EXTRA 5u
#include "tiny.h"
