/*
 * reference_c.c — the reference policy (reference.pacta) written by hand in
 * C, as a careful programmer would for speed: bit sets, one pass, no
 * allocation.  Compiled at -O2 in its own translation unit: the physical
 * limit every engine of bench/engines is measured against.  It decides
 * outcome, grounds and obligations (not the trace).
 */
#include "reference_c.h"

rc_consts rc;

#define BIT(s, i) (((s) >> (i)) & 1)
#define C(i) (1ull << (i))   /* clause i, in source order: 1.1 = 0 ... 8.1 = 37 */

static int party(int32_t c)
{
	return c == rc.XA ? 0 : c == rc.XB ? 1 : c == rc.XC ? 2 : -1;
}

void rc_decide(const rc_request *r, rc_decision *d)
{
	d->grounds = 0;
	d->retain = d->notify = d->respond = RC_NONE;
	d->flags = 0;
	int preq = party(r->requesting), preqd = party(r->requested);
	if (preq < 0 || preqd < 0 || r->submitted < rc.effective || r->submitted > rc.expires) {
		d->outcome = 2;
		d->ground = 2;
		return;
	}
	int dual = BIT(rc.crim[preq], r->offence) && BIT(rc.crim[preqd], r->offence);
	int serious = r->max_penalty >= 4;
	int sensitive = (r->data & rc.special) != 0;
	int content = BIT(r->data, rc.content);
	int a = r->assistance;
	uint64_t grant = 0, refer = 0, refuse = 0;

	if (BIT(rc.core, r->offence) && serious) grant |= C(0);                         /* 1.1 */
	if (BIT(rc.serious_crimes, r->offence) && r->max_penalty >= 3) grant |= C(1);   /* 1.2 */
	if (a == rc.preservation) grant |= C(2);                                        /* 1.3 */
	if (!r->specific) refuse |= C(3);                                               /* 2.1 */
	if (r->targets > 10 && !r->emergency) refuse |= C(4);                           /* 2.2 */
	if (r->targets > 3 && r->targets <= 10) refer |= C(5);                          /* 2.3 */
	if (!dual && a != rc.preservation && a != rc.spontaneous && a != rc.service)
		refuse |= C(6);                                                         /* 3.1-3.3 */
	if (r->political) refuse |= C(9);                                               /* 4.1 */
	if (BIT(rc.content_related, r->offence)) refuse |= C(10);                       /* 4.2 */
	if (r->dp_possible && !r->dp_assurance) refuse |= C(11);                        /* 4.3 */
	if (r->journalist || r->hrd) refer |= C(13);                                    /* 4.5 */
	if (BIT(rc.real_time_measures, a) && !serious) refuse |= C(14);                 /* 5.1 */
	if (a == rc.interception && !r->judicial) refuse |= C(15);                      /* 5.2 */
	if (a == rc.real_time && !r->judicial && !r->emergency) refer |= C(16);         /* 5.3 */
	if (a == rc.search && !r->judicial && !r->emergency) refuse |= C(17);           /* 5.4 */
	if (r->retention > 365) refuse |= C(20);                                        /* 6.3 */
	if (r->retention > 180) refer |= C(21);                                         /* 6.4 */
	if (sensitive) refer |= C(22);                                                  /* 6.5 */
	if (r->onward) refer |= C(26);                                                  /* 6.9 */
	if (r->onward && sensitive) refuse |= C(27);                                    /* 6.10 */
	if (r->submitted >= rc.from_611 && r->submitted <= rc.sunset_611 &&
	    content && !r->judicial && !r->emergency) refuse |= C(28);                  /* 6.11 */
	if (r->emergency && BIT(rc.serious_crimes, r->offence)) grant |= C(34);         /* 7.1 */
	if (r->requesting == rc.XC && a == rc.content_data) refer |= C(37);             /* 8.1 */

	if (refuse) {
		d->outcome = 2;
		d->ground = 0;
		d->grounds = refuse;
		return;
	}
	if (refer) {
		d->outcome = 1;
		d->grounds = refer;
	} else if (grant) {
		d->outcome = 0;
		d->grounds = grant;
	} else {
		d->outcome = 2;   /* default refuse */
		d->ground = 1;
		return;
	}
	d->ground = 0;
	int64_t retain = 180;                                                           /* 6.1 */
	if (r->emergency) retain = 30;                                                  /* 6.2 */
	else if (content) retain = 90;                                                  /* 6.12 */
	d->retain = retain;
	d->respond = r->emergency ? 10 : 45;                                            /* 7.2, 7.3 */
	if (r->journalist || r->hrd) d->notify = 30;                                    /* 6.15 */
	uint32_t f = RC_PURPOSE_LIMITED;                                                /* 6.13 */
	if (r->dp_possible) f |= RC_NO_DEATH_PENALTY_USE;                               /* 4.4 */
	if (sensitive) f |= RC_INDEPENDENT_REVIEW | RC_SENSITIVE_SAFEGUARDS | RC_ENCRYPT; /* 6.6, 6.7, 6.16 */
	if (!r->onward) f |= RC_NO_ONWARD_TRANSFER;                                     /* 6.8 */
	if (content || BIT(r->data, rc.traffic)) f |= RC_AUDIT_LOG;                     /* 6.14 */
	if (content) f |= RC_ENCRYPT;                                                   /* 6.16 */
	d->flags = f;
}
