/* nogrounds.c — a module that grants by clauses but names none of them:
 * the decision cannot be explained, and its trace is refused
 * (PACTA_ERROR), as a module at odds with itself. */
#define TINY_GRANT_GROUNDS(b) ((void)(b))
#include "tiny.h"
