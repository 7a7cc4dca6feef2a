/*
 * handwritten.c — the rules of examples/model-agreement.pacta written by hand in C,
 * the fastest a careful programmer would make them: the physical limit the
 * native modules are measured against.  Compiled at -O2 in its own
 * translation unit.  It decides outcome, grounds and obligations (not the
 * trace) from a plain C struct.
 */
#include "handwritten.h"

/* Member indexes come from the agreement's schema, once (hw_init). */
hw_consts hw;

static int bit(uint64_t set, int i)
{
	return (int)((set >> i) & 1);
}

uint32_t hw_decide(const hw_request *r, hw_decision *d)
{
	d->grounds = 0;
	d->retain = 0;
	d->flags = 0;
	/* 0. parties and dates */
	if ((r->requesting != hw.XA && r->requesting != hw.XB) ||
	    (r->requested != hw.XA && r->requested != hw.XB) ||
	    r->submitted < hw.effective || r->submitted > hw.expires)
		return 2u | (2u << 8);   /* refuse, by agreement */
	uint64_t crim_req = r->requesting == hw.XA ? hw.crim_xa : hw.crim_xb;
	uint64_t crim_reqd = r->requested == hw.XA ? hw.crim_xa : hw.crim_xb;
	int dual = bit(crim_req, r->offence) && bit(crim_reqd, r->offence);
	int in_force_44 = r->submitted >= hw.from_44 && r->submitted <= hw.sunset_44;

	int grant = 0, refer = 0, refuse = 0;
	uint32_t g_grant = 0, g_refer = 0, g_refuse = 0;
	if (bit(hw.core, r->offence) && r->max_penalty >= 4) {                 /* 1.1 */
		grant = 1;
		g_grant |= 1u << 0;
	}
	if (!(r->specific && r->targets <= 10)) {                               /* 1.2 */
		refuse = 1;
		g_refuse |= 1u << 1;
	}
	if (!dual && r->assistance != hw.preservation) {                       /* 2.1, 2.2 */
		refuse = 1;
		g_refuse |= 1u << 2;
	}
	if (r->political) {                                                     /* 3.1 */
		refuse = 1;
		g_refuse |= 1u << 4;
	}
	if (bit(hw.content_related, r->offence)) {                              /* 3.2 */
		refuse = 1;
		g_refuse |= 1u << 5;
	}
	if (r->journalist || r->hrd) {                                          /* 3.3 */
		refer = 1;
		g_refer |= 1u << 6;
	}
	int special = (r->data & hw.special) != 0;
	if (special) {                                                          /* 4.2 */
		refer = 1;
		g_refer |= 1u << 8;
	}
	if (in_force_44 && bit(r->data, hw.content) && !r->judicial && !r->emergency) { /* 4.4 */
		refuse = 1;
		g_refuse |= 1u << 10;
	}
	uint32_t outcome;
	if (refuse) {
		d->grounds = g_refuse;
		return 2u;
	}
	if (refer) {
		outcome = 1;
		d->grounds = g_refer;
	} else if (grant) {
		outcome = 0;
		d->grounds = g_grant;
	} else {
		return 2u | (1u << 8);   /* the default: refuse */
	}
	d->retain = in_force_44 && r->emergency ? 30 : 180;                    /* 4.1, 4.4 */
	d->flags = 1u /* no_onward_transfer, 4.3 */ | (special ? 2u : 0u);      /* independent_review, 4.2 */
	return outcome;
}
