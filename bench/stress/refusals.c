/*
 * refusals.c — bench/stress/refusals.pacta by hand in C (stress.h): each
 * State's row of the party-keyed tables in one struct, twenty-nine refusal
 * grounds tested in turn with an exit at the first that holds (the flags
 * that must all be set, tested at once first).  The struct holds the 38
 * fields of std.mla's request the scheme reads.  Compiled at -O2 in its own
 * translation unit.
 */
#include "stress.h"

enum { XA, XB, XC, XD, XE, XF, XG, XH, RF_STATES, RF_NOT_STATE = RF_STATES };
static const char *const state_names[RF_STATES] = { "XA", "XB", "XC", "XD", "XE", "XF", "XG", "XH" };

enum {
	PARTICULARS = 1u << 0, CASE_ID = 1u << 1, SPECIFIC = 1u << 2, POLITICAL = 1u << 3,
	FISCAL = 1u << 4, MILITARY = 1u << 5, JOURNALIST = 1u << 6, LAWYER = 1u << 7,
	OPPOSITION = 1u << 8, JUDICIAL = 1u << 9, PERSECUTION = 1u << 10,
	PERSECUTION_ALLEGED = 1u << 11, DP_POSSIBLE = 1u << 12, DP_ASSURANCE = 1u << 13,
	ESSENTIAL = 1u << 14, DOMESTIC = 1u << 15, CONFLICTS = 1u << 16, ACCEPTS = 1u << 17,
	AUTOMATED = 1u << 18, ONWARD = 1u << 19, ONWARD_SAME = 1u << 20, CONFIDENTIAL = 1u << 21,
	LESS_INTRUSIVE = 1u << 22, TESTIMONY_VOLUNTARY = 1u << 23,
};
static const st_flag request_flags[] = {
	{ PARTICULARS, 96, "particulars_complete" }, { CASE_ID, 90, "has_case_id" },
	{ SPECIFIC, 92, "specific_investigation" }, { POLITICAL, 3, "political_offence" },
	{ FISCAL, 6, "fiscal_offence" }, { MILITARY, 2, "military_offence" },
	{ JOURNALIST, 4, "target_is_journalist" }, { LAWYER, 3, "target_is_lawyer" },
	{ OPPOSITION, 4, "target_is_opposition" }, { JUDICIAL, 45, "judicial_authorisation" },
	{ PERSECUTION, 2, "persecution_risk" }, { PERSECUTION_ALLEGED, 5, "persecution_alleged" },
	{ DP_POSSIBLE, 5, "death_penalty_possible" }, { DP_ASSURANCE, 40, "death_penalty_assurance" },
	{ ESSENTIAL, 5, "essential_interests" }, { DOMESTIC, 96, "domestic_measure_available" },
	{ CONFLICTS, 5, "conflicts_with_domestic_investigation" }, { ACCEPTS, 97, "accepts_conditions" },
	{ AUTOMATED, 3, "automated_decision" }, { ONWARD, 8, "onward_transfer_requested" },
	{ ONWARD_SAME, 50, "onward_same_case" }, { CONFIDENTIAL, 30, "confidentiality_requested" },
	{ LESS_INTRUSIVE, 20, "less_intrusive_means_available" },
	{ TESTIMONY_VOLUNTARY, 50, "testimony_voluntary" },
};

typedef struct rf_request {
	int32_t submitted, offence_date;   /* day numbers; offence_date 0: not stated */
	uint32_t flags;
	uint16_t duration, retention;      /* days */
	uint16_t data;                     /* bits of enum st_data */
	uint8_t requesting, requested, nationality;   /* State, or RF_NOT_STATE */
	uint8_t assistance, channel, purpose, offence;
	uint8_t max_penalty, targets;      /* years; count */
} rf_request;

enum { CONSULT = 1, CONFIDENTIALITY = 2 };
typedef struct rf_decision {
	uint16_t retain;   /* retain_at_most; purpose_limited always comes with it */
	uint8_t flags;
} rf_decision;

/* One State's row of every table. */
typedef struct rf_state {
	uint64_t criminalises;
	uint16_t judge;              /* bits of enum st_assistance */
	uint16_t max_retention, limitation;   /* days */
	uint8_t channels;            /* bits of enum st_channel */
	uint8_t threshold;           /* years */
	uint8_t abolitionist, fiscal_exception;
} rf_state;

#define CB(x) (1u << CH_##x)
#define REAL_TIME (AB(REAL_TIME_TRAFFIC) | AB(INTERCEPTION))

static const rf_state states[RF_STATES] = {
	[XA] = { ST_CORE_CYBERCRIMES | ST_SERIOUS_CRIMES | OB(IDENTITY_THEFT),
		 AB(INTERCEPTION) | AB(SEARCH_AND_SEIZURE), 365, 7305,
		 CB(CENTRAL_AUTHORITY) | CB(JUDICIAL_DIRECT) | CB(NETWORK_24_7), 1, 1, 0 },
	[XB] = { (ST_CORE_CYBERCRIMES & ~OB(MISUSE_OF_DEVICES)) | ST_SERIOUS_CRIMES,
		 AB(INTERCEPTION) | AB(SEARCH_AND_SEIZURE) | AB(CONTENT_DATA), 180, 5479,
		 CB(CENTRAL_AUTHORITY), 2, 1, 1 },
	[XC] = { ST_BUDAPEST_OFFENCES | ST_SERIOUS_CRIMES | OB(HARASSMENT),
		 REAL_TIME | AB(SEARCH_AND_SEIZURE), 730, 3653,
		 CB(CENTRAL_AUTHORITY) | CB(INTERPOL), 1, 0, 0 },
	[XD] = { (ST_CORE_CYBERCRIMES & ~(OB(NCII) | OB(CHILD_GROOMING))) | OB(TERRORISM) |
			 OB(DRUG_TRAFFICKING) | OB(MONEY_LAUNDERING) | OB(CORRUPTION),
		 AB(INTERCEPTION), 365, 7305, CB(CENTRAL_AUTHORITY) | CB(JUDICIAL_DIRECT), 3, 1, 1 },
	[XE] = { ST_UN_CONVENTION_OFFENCES | ST_SERIOUS_CRIMES | OB(TAX_EVASION),
		 REAL_TIME | AB(SEARCH_AND_SEIZURE) | AB(CONTENT_DATA) | AB(TRAFFIC_DATA), 90, 5479,
		 CB(CENTRAL_AUTHORITY) | CB(NETWORK_24_7) | CB(INTERPOL), 2, 1, 0 },
	[XF] = { ST_CORE_CYBERCRIMES | OB(TERRORISM) | OB(HOMICIDE) | OB(KIDNAPPING) | OB(EXTORTION) |
			 OB(MONEY_LAUNDERING),
		 AB(INTERCEPTION) | AB(SEARCH_AND_SEIZURE), 365, 3653, CB(CENTRAL_AUTHORITY), 1, 0, 1 },
	[XG] = { (ST_BUDAPEST_OFFENCES & ~OB(COPYRIGHT_INFRINGEMENT)) | ST_SERIOUS_CRIMES |
			 OB(ILLEGAL_GAMBLING) | OB(TAX_EVASION),
		 REAL_TIME | AB(SEARCH_AND_SEIZURE) | AB(CONTENT_DATA), 180, 10958,
		 CB(CENTRAL_AUTHORITY) | CB(JUDICIAL_DIRECT) | CB(NETWORK_24_7) | CB(INTERPOL), 4, 1, 0 },
	[XH] = { ST_CORE_CYBERCRIMES | ST_SERIOUS_CRIMES | OB(CRIMINAL_DEFAMATION) | OB(INSULTING_OFFICIALS),
		 AB(INTERCEPTION) | AB(CONTENT_DATA), 540, 7305, CB(CENTRAL_AUTHORITY) | CB(NETWORK_24_7),
		 2, 1, 0 },
};

#define EFFECTIVE ST_DAY(2025, 1, 1)
#define EXPIRES ST_DAY(2044, 12, 31)
#define REQUIRED (PARTICULARS | CASE_ID | SPECIFIC | DOMESTIC | ACCEPTS)
#define DIRECT (CB(DIRECT_TO_PROVIDER) | CB(DIRECT_TO_REGISTRAR) | CB(DIRECT_ACCESS_ORDER))
#define NON_COERCIVE (AB(SERVICE_OF_DOCUMENTS) | AB(SPONTANEOUS_INFORMATION) | AB(ONWARD_TRANSFER_REQUEST))
#define JUDICIAL_PURPOSES ((1u << PU_CRIMINAL_INVESTIGATION) | (1u << PU_PROSECUTION) | (1u << PU_JUDICIAL_PROCEEDING))

ST_NOINLINE static uint32_t rf_decide(const rf_request *r, rf_decision *d)
{
	if (r->requesting >= RF_STATES || r->requested >= RF_STATES || r->submitted < EFFECTIVE ||
	    r->submitted > EXPIRES)
		return ST_BY_AGREEMENT;
	const rf_state *st = &states[r->requested];
	uint32_t f = r->flags;
	unsigned a = 1u << r->assistance, ch = 1u << r->channel;
	/* 9.2's consultation goes with refusals too (std.mla: on refuse, refer) */
	d->flags = (f & (ESSENTIAL | CONFLICTS) ? CONSULT : 0) |                    /* 9.2 */
		   (f & CONFIDENTIAL ? CONFIDENTIALITY : 0);                        /* 9.4 */
	uint64_t off = 1ull << r->offence;

	if ((f & REQUIRED) != REQUIRED)                                             /* 2.1, 2.2, 2.5, 6.4, 7.5 */
		return ST_REFUSED;
	if (!(st->channels & ch) || (ch & DIRECT))                                  /* 2.3, 6.5 */
		return ST_REFUSED;
	if (!((1u << r->purpose) & JUDICIAL_PURPOSES) || r->targets > 10)           /* 2.4, 2.6 */
		return ST_REFUSED;
	if (!(states[r->requesting].criminalises & st->criminalises & off))         /* 3.1 */
		return ST_REFUSED;
	int coercive = !(a & NON_COERCIVE) && !(a == AB(TESTIMONY) && (f & TESTIMONY_VOLUNTARY));
	if (coercive && r->max_penalty < st->threshold)                             /* 3.2 */
		return ST_REFUSED;
	if (r->offence_date && r->submitted - r->offence_date > st->limitation)     /* 3.3 */
		return ST_REFUSED;
	if (f & (POLITICAL | MILITARY | PERSECUTION | AUTOMATED))                   /* 4.1-4.3, 7.4 */
		return ST_REFUSED;
	if (off & ST_CONTENT_RELATED)                                               /* 4.4 */
		return ST_REFUSED;
	if ((f & (DP_POSSIBLE | DP_ASSURANCE)) == DP_POSSIBLE && st->abolitionist)  /* 4.5 */
		return ST_REFUSED;
	if ((f & FISCAL) && st->fiscal_exception)                                   /* 4.6 */
		return ST_REFUSED;
	if ((f & (OPPOSITION | PERSECUTION_ALLEGED)) == (OPPOSITION | PERSECUTION_ALLEGED))  /* 4.7 */
		return ST_REFUSED;
	int judicial = (f & JUDICIAL) != 0;
	if ((st->judge & a) && !judicial)                                           /* 6.1 */
		return ST_REFUSED;
	if ((a & REAL_TIME) && (r->duration == 0 || r->duration > 90 ||             /* 6.2 */
				r->nationality == r->requested))                    /* 8.3 */
		return ST_REFUSED;
	if (a == AB(INTERCEPTION) && (f & LESS_INTRUSIVE))                          /* 6.3 */
		return ST_REFUSED;
	if (r->retention > st->max_retention)                                       /* 7.1 */
		return ST_REFUSED;
	if ((f & (ONWARD | ONWARD_SAME)) == ONWARD)                                 /* 7.2 */
		return ST_REFUSED;
	if (!judicial && ((r->data & ST_SPECIAL_CATEGORIES) || (f & JOURNALIST)))   /* 7.3, 8.1 */
		return ST_REFUSED;
	if ((f & LAWYER) && (r->data & DB(CONTENT)))                                /* 8.2 */
		return ST_REFUSED;

	uint32_t outcome;
	if (f & (ESSENTIAL | CONFLICTS))                                            /* 5.1, 5.2 */
		outcome = PACTA_REFER;
	else if (((off & ST_CORE_CYBERCRIMES) && r->max_penalty >= 3) ||           /* 1.1 */
		 ((off & ST_SERIOUS_CRIMES) && judicial))                           /* 1.2 */
		outcome = PACTA_GRANT;
	else
		return ST_DECIDED(PACTA_REFUSE, PACTA_GROUND_DEFAULT);
	d->retain = st->max_retention;                                              /* 9.3 */
	return outcome;                                                             /* 9.5 */
}

static void rf_canon(const void *dv, uint32_t r, st_canon *c)
{
	const rf_decision *d = dv;
	if ((r & 0xff) == PACTA_REFUSE) {
		if (((r >> 8) & 0xff) != PACTA_GROUND_AGREEMENT) {
			stc_flag(c, "state_reasons");                               /* 9.1, on refuse */
			if (d->flags & CONSULT)
				stc_flag(c, "consult_before_refusal");              /* 9.2 */
		}
		return;
	}
	stc_int(c, "retain_at_most", d->retain);
	stc_flag(c, "purpose_limited");
	if (d->flags & CONSULT)
		stc_flag(c, "consult_before_refusal");
	if (d->flags & CONFIDENTIALITY)
		stc_flag(c, "keep_request_confidential");
}

/* Requests as the States send them: mostly complete and through accepted
 * channels, but every safeguard of a long list can stop one. */
static void rf_gen(uint64_t *s, void *rv, st_json *j)
{
	rf_request *r = rv;
	static const uint8_t pct[DC__COUNT] = { 55, 30, 25, 5, 10, 2, 2, 2, 2, 2, 2, 2, 2, 2 };
	const char *a = st_draw_party(s, 97, state_names, RF_STATES, &r->requesting);
	const char *b = st_draw_party(s, 97, state_names, RF_STATES, &r->requested);
	r->submitted = st_pct(s, 98) ? st_range(s, EFFECTIVE, ST_DAY(2032, 12, 31))
				     : st_range(s, ST_DAY(2045, 1, 1), ST_DAY(2046, 12, 31));
	r->offence_date = st_pct(s, 50) ? 0 : r->submitted - st_range(s, 0, 12000);
	r->assistance = (uint8_t)st_below(s, AS__COUNT);
	r->channel = st_pct(s, 75) ? CH_CENTRAL_AUTHORITY : (uint8_t)st_below(s, CH__COUNT);
	r->purpose = (uint8_t)(st_pct(s, 88) ? st_below(s, 3) : st_below(s, PU__COUNT));
	unsigned u = st_below(s, 100);
	r->offence = (uint8_t)(u < 50 ? (st_pct(s, 80) ? st_below(s, 8) : OFF_CHILD_GROOMING + st_below(s, 2))
			       : u < 75 ? OFF_MONEY_LAUNDERING + st_below(s, OFF_EXTORTION - OFF_MONEY_LAUNDERING + 1)
					: st_below(s, OFF__COUNT));
	r->max_penalty = (uint8_t)st_below(s, 13);
	r->data = st_draw_set(s, pct, DC__COUNT);
	u = st_below(s, 100);
	r->targets = (uint8_t)(u < 85 ? st_range(s, 1, 5) : u < 95 ? st_range(s, 6, 10) : st_range(s, 11, 30));
	r->duration = (uint16_t)(st_pct(s, 60) ? 0 : st_range(s, 1, 150));
	r->retention = (uint16_t)(st_pct(s, 50) ? 0 : st_range(s, 1, 800));
	const char *nat = "ZZ";   /* not stated */
	r->nationality = RF_NOT_STATE;
	if (st_pct(s, 30))
		nat = st_draw_party(s, 83, state_names, RF_STATES, &r->nationality);
	r->flags = st_draw_flags(s, request_flags, ST_N(request_flags));

	stj_head(j, a, b, r->submitted);
	stj_date(j, "offence_date", r->offence_date);
	stj_str(j, "assistance", st_assistance_names[r->assistance]);
	stj_str(j, "channel", st_channel_names[r->channel]);
	stj_str(j, "purpose", st_purpose_names[r->purpose]);
	stj_set(j, "data", r->data, st_data_names, DC__COUNT);
	stj_str(j, "offence", st_offence_names[r->offence]);
	stj_int(j, "max_penalty", r->max_penalty);
	stj_int(j, "targets", r->targets);
	stj_str(j, "target_nationality", nat);
	stj_int(j, "duration", r->duration);
	stj_int(j, "retention_requested", r->retention);
	stj_flags(j, r->flags, request_flags, ST_N(request_flags));
	stj_end(j);
}

ST_POLICY(st_refusals, rf, "refusals",
	  "8 States, 8 party-keyed tables, 29 refusal grounds, std.mla's 60 fields, few grants",
	  rf_request, rf_decision, rf_decide);
