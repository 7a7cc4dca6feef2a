/* oldabi.c — a module from the compiler before this one (ABI 3, whose
 * fast entry returned the outcome instead of writing it): refused with
 * PACTA_ABI and a message that says to rebuild it. */
#define TINY_ABI 3
#include "tiny.h"
