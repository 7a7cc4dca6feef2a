/* twofaced.c — a module whose two entries disagree: the fast one grants
 * what the full one refuses.  libpacta must not put the two together into
 * one decision: the trace is refused (PACTA_ERROR). */
#include "testmod.h"

static uint32_t twofaced_trace(const uint64_t *req, uint64_t *block);
#define TINY_TRACE twofaced_trace
#include "tiny.h"

static uint32_t twofaced_trace(const uint64_t *req, uint64_t *block)
{
	uint32_t r = tiny_decide(req, block);

	return (r & 0xff) == PO_GRANT ? TM_RESULT(PO_REFUSE, PG_DEFAULT) : r;
}
