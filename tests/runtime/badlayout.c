/* badlayout.c — a module whose compiler laid the request and the decision
 * out otherwise than this libpacta (its recorded fingerprint is not the
 * one libpacta computes for its schema), though its ABI version is this
 * one: refused with PACTA_ABI, not trusted to decide from the wrong
 * bytes. */
#define TINY_LAYOUT 0x0123456789abcdefull
#include "tiny.h"
