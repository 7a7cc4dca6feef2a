/*
 * production.c — bench/stress/production.pacta by hand in C (stress.h):
 * five refusal grounds tested first, then the outcome, then thirty-eight
 * obligation rules folded into their values as a programmer would (a
 * running min or max per valued obligation, the set obligations as bit
 * words, the flags as bits).  Compiled at -O2 in its own translation unit.
 */
#include "stress.h"

enum { XA, XB, XC, XD, PR_PARTIES, PR_NOT_PARTY = PR_PARTIES };
static const char *const party_names[PR_PARTIES] = { "XA", "XB", "XC", "XD" };

enum safeguard {
	ENCRYPTION_AT_REST, ACCESS_LOGGING, DUAL_CONTROL, PSEUDONYMISATION, SEGREGATED_STORAGE,
	DELETION_CERTIFICATE, NEED_TO_KNOW_ACCESS, SAFEGUARDS
};
static const char *const safeguard_names[SAFEGUARDS] = {
	"encryption_at_rest", "access_logging", "dual_control", "pseudonymisation",
	"segregated_storage", "deletion_certificate", "need_to_know_access",
};
enum data_use {
	THE_INVESTIGATION, RELATED_PROSECUTIONS, OTHER_CRIMINAL_MATTERS, ADMINISTRATIVE_PROCEEDINGS,
	INTELLIGENCE_SHARING, USES
};
static const char *const use_names[USES] = {
	"the_investigation", "related_prosecutions", "other_criminal_matters",
	"administrative_proceedings", "intelligence_sharing",
};

enum {
	SPECIFIC = 1 << 0, POLITICAL = 1 << 1, JUDICIAL = 1 << 2, EMERGENCY = 1 << 3,
	JOURNALIST = 1 << 4, LAWYER = 1 << 5, AUTOMATED = 1 << 6, ONWARD = 1 << 7,
	ONWARD_SAME = 1 << 8, CONFIDENTIAL = 1 << 9,
};
static const st_flag request_flags[] = {
	{ SPECIFIC, 98, "specific_investigation" }, { POLITICAL, 1, "political_offence" },
	{ JUDICIAL, 60, "judicial_authorisation" }, { EMERGENCY, 10, "emergency" },
	{ JOURNALIST, 4, "target_is_journalist" }, { LAWYER, 3, "target_is_lawyer" },
	{ AUTOMATED, 5, "automated_decision" }, { ONWARD, 5, "onward_transfer_requested" },
	{ ONWARD_SAME, 30, "onward_same_case" }, { CONFIDENTIAL, 40, "confidentiality_requested" },
};

typedef struct pr_request {
	int32_t submitted, preservation_started;   /* day numbers; 0: no earlier preservation */
	uint16_t retention, data_window, duration;  /* days */
	uint16_t data;                              /* bits of enum st_data */
	uint16_t flags;
	uint8_t requesting, requested;              /* party, or PR_NOT_PARTY */
	uint8_t assistance, channel, purpose, offence, targets;
} pr_request;

/* The flag obligations. */
enum {
	MINIMISE = 1 << 0, NO_ONWARD = 1 << 1, SENSITIVE_SAFEGUARDS = 1 << 2, INDEPENDENT_REVIEW = 1 << 3,
	HUMAN_INTERVENTION = 1 << 4, AUDIT_LOG = 1 << 5, PRESERVE_UNTIL_DECISION = 1 << 6,
	CUSTODIAN_CONFIDENTIALITY = 1 << 7, CONFIDENTIALITY = 1 << 8, NOTIFY_AUTHORITY = 1 << 9,
};
#define NONE 0xffff   /* a valued obligation not imposed */

/* retain_at_most, periodic_review, respond_within, safeguards and
 * permitted_uses come with every grant and referral, as do purpose_limited
 * and encrypt_in_transit; the others when imposed. */
typedef struct pr_decision {
	uint16_t retain, window, notify, review, respond, interception, real_time;
	uint16_t preserve;     /* preserve_for_at_least; 0: not imposed */
	uint16_t flags;
	uint8_t safeguards, uses;
} pr_decision;

typedef struct pr_party {
	uint16_t retention_cap, response_time, review_period;
	uint8_t extra_safeguards, allowed_uses;
} pr_party;

#define SB(x) (1u << (x))
static const pr_party parties[PR_PARTIES] = {
	[XA] = { 365, 30, 90, 0, SB(THE_INVESTIGATION) | SB(RELATED_PROSECUTIONS) | SB(OTHER_CRIMINAL_MATTERS) },
	[XB] = { 180, 20, 180, SB(DUAL_CONTROL), SB(THE_INVESTIGATION) | SB(RELATED_PROSECUTIONS) },
	[XC] = { 730, 45, 60, SB(PSEUDONYMISATION) | SB(ACCESS_LOGGING),
		 SB(THE_INVESTIGATION) | SB(RELATED_PROSECUTIONS) | SB(OTHER_CRIMINAL_MATTERS) |
			 SB(ADMINISTRATIVE_PROCEEDINGS) },
	[XD] = { 90, 10, 120, SB(DELETION_CERTIFICATE), SB(THE_INVESTIGATION) },
};

#define EFFECTIVE ST_DAY(2025, 7, 1)
#define EXPIRES ST_DAY(2040, 6, 30)
#define REAL_TIME (AB(REAL_TIME_TRAFFIC) | AB(INTERCEPTION))
#define PRESERVATION_MEASURES (AB(PRESERVATION) | AB(PARTIAL_TRAFFIC_DISCLOSURE))
#define STORED (PRESERVATION_MEASURES | AB(SUBSCRIBER_INFO) | AB(TRAFFIC_DATA) | AB(CONTENT_DATA) | \
		AB(DOMAIN_REGISTRATION_INFO))

ST_NOINLINE static uint32_t pr_decide(const pr_request *r, pr_decision *d)
{
	if (r->requesting >= PR_PARTIES || r->requested >= PR_PARTIES || r->submitted < EFFECTIVE ||
	    r->submitted > EXPIRES)
		return ST_BY_AGREEMENT;
	unsigned f = r->flags, a = 1u << r->assistance, data = r->data;
	uint64_t off = 1ull << r->offence;
	if ((off & ST_CONTENT_RELATED) || (f & (POLITICAL | SPECIFIC)) != SPECIFIC)   /* 2.1-2.3 */
		return ST_REFUSED;
	if ((a & REAL_TIME) && !(f & JUDICIAL))                                     /* 2.4 */
		return ST_REFUSED;
	if (a == AB(INTERCEPTION) && r->duration > 90)                              /* 2.5 */
		return ST_REFUSED;
	const pr_party *rq = &parties[r->requested];
	int sensitive = (data & ST_SPECIAL_CATEGORIES) != 0;
	int content = (data & DB(CONTENT)) != 0, comms = (data & (DB(TRAFFIC) | DB(CONTENT))) != 0;
	uint32_t outcome;
	if (sensitive || (f & (JOURNALIST | LAWYER | ONWARD)) || r->targets > 5 ||  /* 3.1, 3.2, 3.5, 3.3 */
	    r->retention > rq->retention_cap)                                       /* 3.4 */
		outcome = PACTA_REFER;
	else if (a & (STORED | REAL_TIME))                                          /* 1.1, 1.2 (judge: 2.4) */
		outcome = PACTA_GRANT;
	else
		return ST_DECIDED(PACTA_REFUSE, PACTA_GROUND_DEFAULT);

	unsigned v = rq->retention_cap;                                             /* 4.1 */
	if (r->retention && r->retention < v)
		v = r->retention;
	if (content && v > 90)
		v = 90;
	if (sensitive && v > 30)
		v = 30;
	d->retain = (uint16_t)v;
	v = r->data_window ? r->data_window : NONE;                                 /* 4.2 */
	if (comms && v > 365)
		v = 365;
	d->window = (uint16_t)v;
	d->notify = f & (JOURNALIST | LAWYER) ? 30 : f & CONFIDENTIAL ? NONE : 90;  /* 4.5 */
	v = parties[r->requesting].review_period;                                   /* 4.7 */
	d->review = (uint16_t)(sensitive && v > 30 ? 30 : v);
	d->respond = (uint16_t)((f & EMERGENCY) && rq->response_time > 3 ? 3 : rq->response_time);  /* 7.1 */
	v = a & PRESERVATION_MEASURES ? 90 : 0;                                     /* 7.2 */
	if (r->preservation_started) {
		unsigned since = (unsigned)(r->submitted - r->preservation_started) + 60;
		if (since > v)
			v = since;
	}
	d->preserve = (uint16_t)v;
	d->interception = a == AB(INTERCEPTION) ? (r->duration < 30 ? r->duration : 30) : NONE;  /* 7.3 */
	d->real_time = a == AB(REAL_TIME_TRAFFIC) && r->duration ? r->duration : NONE;
	d->safeguards = (uint8_t)(rq->extra_safeguards | SB(ENCRYPTION_AT_REST) | SB(ACCESS_LOGGING) |  /* 5.1 */
				  (content ? SB(DUAL_CONTROL) | SB(NEED_TO_KNOW_ACCESS) : 0) |
				  (sensitive ? SB(PSEUDONYMISATION) : 0) |
				  (a == AB(INTERCEPTION) ? SB(SEGREGATED_STORAGE) | SB(DELETION_CERTIFICATE) : 0));
	unsigned uses = rq->allowed_uses;                                           /* 6.1 */
	if (r->purpose == PU_CRIMINAL_INVESTIGATION)
		uses &= SB(THE_INVESTIGATION) | SB(RELATED_PROSECUTIONS);
	if (sensitive)
		uses &= SB(THE_INVESTIGATION);
	if (f & ONWARD_SAME)
		uses &= SB(THE_INVESTIGATION) | SB(RELATED_PROSECUTIONS) | SB(OTHER_CRIMINAL_MATTERS);
	d->uses = (uint8_t)uses;
	d->flags = (uint16_t)((r->targets > 1 || r->data_window > 180 ? MINIMISE : 0) |              /* 4.2 */
			      (f & ONWARD ? 0 : NO_ONWARD) |                                         /* 4.3 */
			      (sensitive ? SENSITIVE_SAFEGUARDS : 0) |                               /* 4.4 */
			      (sensitive || (f & JOURNALIST) ? INDEPENDENT_REVIEW : 0) |
			      (f & AUTOMATED ? HUMAN_INTERVENTION : 0) |                             /* 4.6 */
			      (comms ? AUDIT_LOG : 0) |                                              /* 5.2 */
			      (a & PRESERVATION_MEASURES ? PRESERVE_UNTIL_DECISION : 0) |            /* 7.2 */
			      (f & CONFIDENTIAL ? CUSTODIAN_CONFIDENTIALITY | CONFIDENTIALITY : 0) | /* 7.4 */
			      (r->channel == CH_DIRECT_TO_PROVIDER ? NOTIFY_AUTHORITY : 0));
	return outcome;
}

static void pr_canon(const void *dv, uint32_t r, st_canon *c)
{
	const pr_decision *d = dv;
	static const char *const flags[] = {
		"minimise_data", "no_onward_transfer", "sensitive_data_safeguards", "independent_review",
		"human_intervention", "audit_log", "preserve_until_decision", "custodian_confidentiality",
		"keep_request_confidential", "notify_requested_authority",
	};
	if ((r & 0xff) == PACTA_REFUSE)
		return;
	stc_flag(c, "purpose_limited");
	stc_flag(c, "encrypt_in_transit");
	for (unsigned k = 0; k < sizeof flags / sizeof *flags; k++)
		if (d->flags & (1u << k))
			stc_flag(c, flags[k]);
	stc_int(c, "retain_at_most", d->retain);
	stc_int(c, "periodic_review", d->review);
	stc_int(c, "respond_within", d->respond);
	if (d->window != NONE)
		stc_int(c, "data_window_at_most", d->window);
	if (d->notify != NONE)
		stc_int(c, "notify_subject_within", d->notify);
	if (d->interception != NONE)
		stc_int(c, "interception_at_most", d->interception);
	if (d->real_time != NONE)
		stc_int(c, "real_time_at_most", d->real_time);
	if (d->preserve)
		stc_int(c, "preserve_for_at_least", d->preserve);
	stc_set(c, "safeguards", d->safeguards, safeguard_names, SAFEGUARDS);
	stc_set(c, "permitted_uses", d->uses, use_names, USES);
}

/* Ordinary orders between the Parties: nearly all for stored data in
 * cybercrimes and serious crimes, each with its own mix of conditions. */
static void pr_gen(uint64_t *s, void *rv, st_json *j)
{
	pr_request *r = rv;
	static const uint8_t pct[DC__COUNT] = { 60, 40, 30, 10, 10, 3, 3, 3, 3, 3, 3, 3, 3, 3 };
	static const uint8_t stored[] = {
		AS_PRESERVATION, AS_PARTIAL_TRAFFIC_DISCLOSURE, AS_SUBSCRIBER_INFO, AS_TRAFFIC_DATA,
		AS_CONTENT_DATA, AS_DOMAIN_REGISTRATION_INFO,
	};
	const char *a = st_draw_party(s, 99, party_names, PR_PARTIES, &r->requesting);
	const char *b = st_draw_party(s, 99, party_names, PR_PARTIES, &r->requested);
	r->submitted = st_pct(s, 99) ? st_range(s, EFFECTIVE, ST_DAY(2032, 12, 31))
				     : st_range(s, ST_DAY(2024, 1, 1), EFFECTIVE - 1);
	r->preservation_started = st_pct(s, 75) ? 0 : r->submitted - st_range(s, 1, 200);
	unsigned u = st_below(s, 100);
	r->assistance = u < 85 ? stored[st_below(s, sizeof stored)]
		      : u < 95 ? (st_pct(s, 50) ? AS_REAL_TIME_TRAFFIC : AS_INTERCEPTION)
			       : (uint8_t)st_below(s, AS__COUNT);
	r->channel = st_pct(s, 80) ? CH_CENTRAL_AUTHORITY : CH_DIRECT_TO_PROVIDER;
	r->purpose = st_pct(s, 80) ? PU_CRIMINAL_INVESTIGATION : PU_PROSECUTION;
	u = st_below(s, 100);
	r->offence = (uint8_t)(u < 60 ? st_below(s, OFF_NCII + 1)
			       : u < 90 ? OFF_MONEY_LAUNDERING + st_below(s, OFF_EXTORTION - OFF_MONEY_LAUNDERING + 1)
					: st_below(s, OFF__COUNT));
	r->data = st_draw_set(s, pct, DC__COUNT);
	r->targets = (uint8_t)(st_pct(s, 70) ? 1 : st_range(s, 2, 8));
	r->retention = (uint16_t)(st_pct(s, 50) ? 0 : st_range(s, 1, 900));
	r->data_window = (uint16_t)(st_pct(s, 50) ? 0 : st_range(s, 1, 720));
	r->duration = (uint16_t)st_range(s, 0, 120);
	r->flags = (uint16_t)st_draw_flags(s, request_flags, ST_N(request_flags));

	stj_head(j, a, b, r->submitted);
	stj_date(j, "preservation_started", r->preservation_started);
	stj_str(j, "assistance", st_assistance_names[r->assistance]);
	stj_str(j, "channel", st_channel_names[r->channel]);
	stj_str(j, "purpose", st_purpose_names[r->purpose]);
	stj_str(j, "offence", st_offence_names[r->offence]);
	stj_int(j, "max_penalty", 5);
	stj_set(j, "data", r->data, st_data_names, DC__COUNT);
	stj_int(j, "targets", r->targets);
	stj_int(j, "retention_requested", r->retention);
	stj_int(j, "data_window", r->data_window);
	stj_int(j, "duration", r->duration);
	stj_flags(j, r->flags, request_flags, ST_N(request_flags));
	stj_end(j);
}

ST_POLICY(st_production, pr, "production",
	  "4 Parties, mostly granted or referred, 38 obligation rules (min, max, union, intersect)",
	  pr_request, pr_decision, pr_decide);
