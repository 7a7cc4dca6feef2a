/* badschema.c — a rule refers to a clause that does not exist. */
#define TINY_RULE1_CLAUSE 9
#include "tiny.h"
