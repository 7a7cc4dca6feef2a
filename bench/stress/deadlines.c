/*
 * deadlines.c — bench/stress/deadlines.pacta by hand in C (stress.h):
 * thirty-nine Parties, whatever the convention says of each in one row of
 * a struct (the day it came into force for it, its periods, the offences it
 * does not criminalise and the measures it reserved as bit words, and who
 * may order a coercive measure as three masks of authorities: always, when
 * urgent, for other than real-time measures); dates as day numbers, the
 * windows as subtractions; the grounds for refusal tested in turn with an
 * exit at the first that holds, the coercive ones under one test, then the
 * referrals, then the grants.  Compiled at -O2 in its own translation
 * unit.
 */
#include "stress.h"

enum {
	AA, QM, QN, QO, QP, QQ, QR, QS, QT, QU, QV, QW, QX, QY, QZ,
	XA, XB, XC, XD, XE, XF, XG, XH, XI, XJ, XL, XM, XN, XO, XP, XQ,
	XR, XS, XT, XU, XV, XW, XX, XY, DL_PARTIES, DL_NOT_PARTY = DL_PARTIES
};
static const char *const party_names[DL_PARTIES] = {
	"AA", "QM", "QN", "QO", "QP", "QQ", "QR", "QS", "QT", "QU", "QV", "QW", "QX", "QY", "QZ",
	"XA", "XB", "XC", "XD", "XE", "XF", "XG", "XH", "XI", "XJ", "XL", "XM", "XN", "XO", "XP", "XQ",
	"XR", "XS", "XT", "XU", "XV", "XW", "XX", "XY",
};

enum measure {
	PRESERVATION, EXPEDITED_DISCLOSURE, SUBSCRIBER_INFO, TRAFFIC_DATA, CONTENT_DATA,
	REAL_TIME_COLLECTION, INTERCEPTION, SEARCH_AND_SEIZURE, REMOTE_SEARCH, FREEZING_OF_ASSETS,
	TESTIMONY, SERVICE_OF_DOCUMENTS, MEASURES
};
static const char *const measure_names[MEASURES] = {
	"preservation", "expedited_disclosure", "subscriber_info", "traffic_data", "content_data",
	"real_time_collection", "interception", "search_and_seizure", "remote_search",
	"freezing_of_assets", "testimony", "service_of_documents",
};

enum stage { INVESTIGATION, PROSECUTION, TRIAL, ENFORCEMENT, STAGES };
static const char *const stage_names[STAGES] = { "investigation", "prosecution", "trial", "enforcement" };

enum authority { JUDGE, PROSECUTOR, POLICE, ADMINISTRATIVE, AUTHORITIES };
static const char *const authority_names[AUTHORITIES] = {
	"judge", "prosecutor", "police", "administrative_authority",
};

/* the request's booleans */
enum {
	URGENT = 1 << 0, EXTENSION = 1 << 1, MINOR_VICTIM = 1 << 2, CRITICAL = 1 << 3,
	NATIONAL = 1 << 4, POLITICAL = 1 << 5, FINAL_JUDGMENT = 1 << 6, DP_POSSIBLE = 1 << 7,
	ASSURANCE = 1 << 8, IN_ABSENTIA = 1 << 9, RETRIAL = 1 << 10, PREVIOUS_REFUSAL = 1 << 11,
};
static const st_flag request_flags[] = {
	{ URGENT, 25, "urgent" }, { EXTENSION, 40, "extension_requested" },
	{ MINOR_VICTIM, 6, "minor_victim" }, { CRITICAL, 10, "critical_infrastructure" },
	{ NATIONAL, 40, "suspect_is_national" }, { POLITICAL, 2, "political_offence" },
	{ FINAL_JUDGMENT, 1, "final_judgment" }, { DP_POSSIBLE, 3, "death_penalty_possible" },
	{ ASSURANCE, 60, "assurance_given" }, { IN_ABSENTIA, 10, "in_absentia" },
	{ RETRIAL, 50, "retrial_guaranteed" }, { PREVIOUS_REFUSAL, 4, "previous_refusal" },
};

typedef struct dl_request {
	int32_t submitted, offence_date, preservation_started;   /* day numbers; 0: none */
	uint16_t retention;       /* days */
	uint16_t targets;
	uint16_t data;            /* bits of enum st_data */
	uint16_t flags;
	uint8_t requesting, requested;   /* party, or DL_NOT_PARTY */
	uint8_t measure, offence, stage, issued_by;
	uint8_t max_penalty;      /* years */
} dl_request;

/* obligations: respond_by, retain_at_most and purpose_limited come with
 * every grant and referral */
typedef struct dl_decision {
	int32_t respond_by;       /* day number */
	uint16_t retain;
} dl_decision;

/* A Party's row: what its notifications say. */
typedef struct dl_law {
	int32_t in_force;         /* day number */
	uint16_t limitation;      /* days */
	uint8_t preservation, response;   /* days */
	uint64_t not_criminalised;        /* bits of enum st_offence */
	uint16_t reserved;                /* bits of enum measure */
	uint8_t acc, acc_urgent, acc_stored;   /* bits of enum authority */
} dl_law;

#define M(x) (1u << (x))
#define A(x) (1u << (x))

static const dl_law law[DL_PARTIES] = {
	[AA] = { ST_DAY(2025, 1, 1), 3650, 90, 45, 0, 0, A(JUDGE) | A(PROSECUTOR), 0, 0 },
	[QM] = { ST_DAY(2025, 6, 1), 1825, 90, 30, 0, 0, A(JUDGE), A(PROSECUTOR), 0 },
	[QN] = { ST_DAY(2025, 9, 15), 3650, 60, 30, 0, 0, A(JUDGE), 0, A(PROSECUTOR) },
	[QO] = { ST_DAY(2025, 1, 1), 3650, 90, 20, 0, 0, A(JUDGE) | A(PROSECUTOR), A(POLICE), 0 },
	[QP] = { ST_DAY(2025, 1, 1), 2555, 90, 30, 0, 0, A(JUDGE) | A(PROSECUTOR), 0, 0 },
	[QQ] = { ST_DAY(2025, 1, 1), 3650, 90, 30, OB(MISUSE_OF_DEVICES), 0, A(JUDGE), 0, 0 },
	[QR] = { ST_DAY(2025, 1, 1), 3650, 120, 30, 0, 0, A(JUDGE), A(PROSECUTOR), 0 },
	[QS] = { ST_DAY(2026, 1, 1), 1825, 90, 30, 0, 0, A(JUDGE), 0, 0 },
	[QT] = { ST_DAY(2025, 1, 1), 3650, 90, 60, 0, 0, A(JUDGE) | A(PROSECUTOR), 0, 0 },
	[QU] = { ST_DAY(2025, 1, 1), 3650, 90, 30, OB(NCII) | OB(CHILD_GROOMING), 0, A(JUDGE), 0, 0 },
	[QV] = { ST_DAY(2025, 1, 1), 5475, 90, 30, 0, 0, A(JUDGE) | A(PROSECUTOR) | A(POLICE), 0, 0 },
	[QW] = { ST_DAY(2026, 4, 1), 3650, 90, 30, 0, M(INTERCEPTION), A(JUDGE), 0, 0 },
	[QX] = { ST_DAY(2025, 1, 1), 3650, 90, 30, 0, 0, A(JUDGE), 0, A(PROSECUTOR) },
	[QY] = { ST_DAY(2025, 1, 1), 3650, 90, 30, OB(COUNTERFEITING), 0, A(JUDGE), 0, 0 },
	[QZ] = { ST_DAY(2027, 1, 1), 3650, 90, 30, 0, 0, A(JUDGE), 0, 0 },
	[XA] = { ST_DAY(2025, 1, 1), 2555, 90, 30, 0, M(REAL_TIME_COLLECTION) | M(INTERCEPTION), A(JUDGE), 0, 0 },
	[XB] = { ST_DAY(2025, 1, 1), 3650, 60, 30, 0, 0, A(JUDGE) | A(PROSECUTOR), 0, 0 },
	[XC] = { ST_DAY(2025, 3, 1), 3650, 90, 20, 0, 0, A(JUDGE), A(PROSECUTOR), 0 },
	[XD] = { ST_DAY(2025, 1, 1), 7300, 90, 30, 0, 0, A(JUDGE), 0, 0 },
	[XE] = { ST_DAY(2025, 1, 1), 3650, 90, 30, OB(COPYRIGHT_INFRINGEMENT), 0, A(JUDGE) | A(PROSECUTOR), A(POLICE), 0 },
	[XF] = { ST_DAY(2025, 1, 1), 3650, 180, 30, 0, 0, A(JUDGE) | A(PROSECUTOR), 0, 0 },
	[XG] = { ST_DAY(2025, 1, 1), 1825, 90, 30, 0, 0, A(JUDGE), 0, A(PROSECUTOR) },
	[XH] = { ST_DAY(2026, 7, 1), 3650, 90, 45, 0, M(REMOTE_SEARCH), A(JUDGE), 0, 0 },
	[XI] = { ST_DAY(2025, 1, 1), 3650, 90, 30, OB(MISUSE_OF_DEVICES) | OB(NCII), 0, A(JUDGE), 0, 0 },
	[XJ] = { ST_DAY(2025, 1, 1), 5475, 90, 30, 0, 0, A(JUDGE) | A(PROSECUTOR), 0, 0 },
	[XL] = { ST_DAY(2025, 11, 1), 3650, 90, 30, OB(IDENTITY_THEFT), 0, A(JUDGE), 0, 0 },
	[XM] = { ST_DAY(2025, 1, 1), 3650, 120, 30, 0, 0, A(JUDGE), A(PROSECUTOR), 0 },
	[XN] = { ST_DAY(2025, 1, 1), 2555, 90, 30, 0, 0, A(JUDGE), 0, A(PROSECUTOR) },
	[XO] = { ST_DAY(2025, 1, 1), 3650, 90, 60, 0, 0, A(JUDGE) | A(PROSECUTOR), 0, 0 },
	[XP] = { ST_DAY(2027, 7, 1), 3650, 90, 30, OB(ILLEGAL_GAMBLING) | OB(TAX_EVASION), 0, A(JUDGE), 0, 0 },
	[XQ] = { ST_DAY(2025, 1, 1), 3650, 90, 30, 0, M(FREEZING_OF_ASSETS), A(JUDGE) | A(PROSECUTOR), A(POLICE), 0 },
	[XR] = { ST_DAY(2025, 1, 1), 1825, 90, 30, 0, 0, A(JUDGE), 0, A(PROSECUTOR) },
	[XS] = { ST_DAY(2025, 1, 1), 3650, 60, 30, 0, 0, A(JUDGE) | A(PROSECUTOR), 0, 0 },
	[XT] = { ST_DAY(2026, 10, 1), 3650, 90, 20, 0, 0, A(JUDGE), A(PROSECUTOR), 0 },
	[XU] = { ST_DAY(2025, 1, 1), 7300, 90, 30, 0, 0, A(JUDGE) | A(PROSECUTOR) | A(POLICE), 0, 0 },
	[XV] = { ST_DAY(2025, 1, 1), 3650, 90, 30, OB(HARASSMENT), 0, A(JUDGE), 0, 0 },
	[XW] = { ST_DAY(2025, 1, 1), 3650, 120, 30, 0, M(INTERCEPTION) | M(REMOTE_SEARCH), A(JUDGE), 0, A(PROSECUTOR) },
	[XX] = { ST_DAY(2025, 1, 1), 2555, 90, 30, 0, 0, A(JUDGE) | A(PROSECUTOR), 0, 0 },
	[XY] = { ST_DAY(2028, 1, 1), 3650, 90, 45, 0, 0, A(JUDGE), 0, 0 },
};

/* the Annex: the least maximum penalty, in years, per offence */
static const uint8_t penalty_floor[OFF__COUNT] = {
	[OFF_ILLEGAL_ACCESS] = 2, [OFF_ILLEGAL_INTERCEPTION] = 2, [OFF_DATA_INTERFERENCE] = 2,
	[OFF_SYSTEM_INTERFERENCE] = 2, [OFF_MISUSE_OF_DEVICES] = 2, [OFF_COMPUTER_FORGERY] = 2,
	[OFF_COMPUTER_FRAUD] = 2, [OFF_CSAM] = 1, [OFF_COPYRIGHT_INFRINGEMENT] = 5,
	[OFF_CHILD_GROOMING] = 2, [OFF_NCII] = 2, [OFF_MONEY_LAUNDERING] = 3,
	[OFF_IDENTITY_THEFT] = 5, [OFF_HARASSMENT] = 5, [OFF_RACIST_XENOPHOBIC_MATERIAL] = 5,
	[OFF_TERRORISM] = 1, [OFF_DRUG_TRAFFICKING] = 3, [OFF_HUMAN_TRAFFICKING] = 1,
	[OFF_MIGRANT_SMUGGLING] = 3, [OFF_ARMS_TRAFFICKING] = 3, [OFF_ORGANISED_CRIME] = 3,
	[OFF_CORRUPTION] = 3, [OFF_KIDNAPPING] = 1, [OFF_HOMICIDE] = 1, [OFF_EXTORTION] = 3,
	[OFF_COUNTERFEITING] = 5, [OFF_ILLEGAL_GAMBLING] = 5, [OFF_TAX_EVASION] = 5,
	[OFF_BLASPHEMY] = 5, [OFF_APOSTASY] = 5, [OFF_LESE_MAJESTE] = 5,
	[OFF_CRIMINAL_DEFAMATION] = 5, [OFF_INSULTING_OFFICIALS] = 5, [OFF_SEDITION] = 5,
	[OFF_FALSE_INFORMATION] = 5, [OFF_EXTREMISM_UNDEFINED] = 5, [OFF_INCITEMENT_TO_UNREST] = 5,
	[OFF_DISCREDITING_ARMED_FORCES] = 5, [OFF_UNDESIRABLE_ORGANISATION] = 5,
	[OFF_LGBT_PROPAGANDA] = 5, [OFF_OTHER_OFFENCE] = 5,
};

#define EFFECTIVE ST_DAY(2025, 1, 1)
#define EXPIRES ST_DAY(2049, 12, 31)
#define TRANSITION_ENDS ST_DAY(2026, 12, 31)
#define COERCIVE (M(CONTENT_DATA) | M(REAL_TIME_COLLECTION) | M(INTERCEPTION) | M(SEARCH_AND_SEIZURE) | \
		  M(REMOTE_SEARCH) | M(FREEZING_OF_ASSETS))
#define REAL_TIME (M(REAL_TIME_COLLECTION) | M(INTERCEPTION))

ST_NOINLINE static uint32_t dl_decide(const dl_request *r, dl_decision *d)
{
	unsigned a = r->requesting, b = r->requested;
	int32_t sub = r->submitted;
	if (a >= DL_PARTIES || b >= DL_PARTIES || sub < EFFECTIVE || sub > EXPIRES)
		return ST_BY_AGREEMENT;
	const dl_law *la = &law[a], *lb = &law[b];
	if (sub < la->in_force || sub < lb->in_force)                               /* 2.1 */
		return ST_REFUSED;
	unsigned f = r->flags, m = M(r->measure), pen = r->max_penalty;
	uint64_t off = 1ull << r->offence;
	int32_t elapsed = sub - r->offence_date;
	int grave = pen >= 10, serious = pen >= 4;
	int child = (f & MINOR_VICTIM) || (off & (OB(CSAM) | OB(CHILD_GROOMING)));
	int limited = !grave && !child;
	if ((limited && elapsed > lb->limitation) || elapsed < 0)                   /* 2.2, 2.4 */
		return ST_REFUSED;
	if (r->measure == EXPEDITED_DISCLOSURE) {                                   /* 3.1, 3.2 */
		int32_t ends = r->preservation_started + lb->preservation;
		if (!r->preservation_started || (sub > ends && !((f & EXTENSION) && sub <= ends + 90)))
			return ST_REFUSED;
	}
	if (m & COERCIVE) {
		if ((la->not_criminalised | lb->not_criminalised) & off)             /* 4.1, 4.3 */
			return ST_REFUSED;
		if (!(pen >= 5 || (pen >= 3 && ((off & ST_SERIOUS_CRIMES) || (f & MINOR_VICTIM))) ||  /* 4.2 */
		      (pen >= 2 && (off & ST_CORE_CYBERCRIMES) && (f & CRITICAL)) || (pen >= 1 && child)))
			return ST_REFUSED;
		unsigned by = A(r->issued_by);                                       /* 5.1 */
		if (!((by & lb->acc) || ((f & URGENT) && (by & lb->acc_urgent)) ||
		      (!(m & REAL_TIME) && (by & lb->acc_stored))))
			return ST_REFUSED;
		if ((m & REAL_TIME) && pen < penalty_floor[r->offence])              /* 4.4 */
			return ST_REFUSED;
	}
	if ((m & lb->reserved) ||                                                   /* 5.2 */
	    ((f & POLITICAL) && !(off & ST_SERIOUS_CRIMES)) ||                      /* 6.1 */
	    (f & FINAL_JUDGMENT) ||                                                 /* 6.2 */
	    (f & (DP_POSSIBLE | ASSURANCE)) == DP_POSSIBLE ||                       /* 6.3 */
	    (off & ST_CONTENT_RELATED))                                             /* 6.4 */
		return ST_REFUSED;

	int sensitive = (r->data & ST_SPECIAL_CATEGORIES) != 0;
	int judge = r->issued_by == JUDGE;
	uint32_t outcome;
	if ((limited && elapsed > lb->limitation - 90) ||                           /* 2.3 */
	    ((m & COERCIVE) && sub <= TRANSITION_ENDS && r->offence_date < EFFECTIVE) ||  /* 2.5 */
	    (r->stage == INVESTIGATION && elapsed > 1825 && !grave) ||              /* 2.6 */
	    ((m & COERCIVE) && r->issued_by >= POLICE) ||                           /* 5.3 */
	    ((f & (IN_ABSENTIA | RETRIAL)) == IN_ABSENTIA && r->stage == ENFORCEMENT) ||  /* 6.5 */
	    (!judge && ((f & URGENT) || sensitive)) ||                              /* 7.1, 7.2 */
	    r->targets > 10 || ((m & REAL_TIME) && r->targets > 3) ||               /* 7.3 */
	    ((f & NATIONAL) && ((r->data & (DB(TRAFFIC) | DB(CONTENT))) || (m & COERCIVE))) ||  /* 7.4 */
	    r->retention > 365 || (sensitive && r->retention > 90) ||               /* 7.5 */
	    (f & PREVIOUS_REFUSAL))                                                 /* 7.6 */
		outcome = PACTA_REFER;
	else if (((off & ST_CORE_CYBERCRIMES) && serious) ||                        /* 1.1 */
		 ((off & ST_SERIOUS_CRIMES) && pen >= penalty_floor[r->offence]) ||  /* 1.2 */
		 (m & (M(PRESERVATION) | M(EXPEDITED_DISCLOSURE))) ||               /* 1.3 */
		 (r->stage >= TRIAL && serious) ||                                   /* 1.4 */
		 (child && pen >= 1))                                                /* 1.5 */
		outcome = PACTA_GRANT;
	else
		return ST_DECIDED(PACTA_REFUSE, PACTA_GROUND_DEFAULT);
	int32_t by = sub + lb->response;                                            /* 8.1 */
	if ((f & URGENT) && sub + 10 < by)                                          /* 8.2 */
		by = sub + 10;
	if (limited && r->offence_date + lb->limitation < by)                       /* 8.3 */
		by = r->offence_date + lb->limitation;
	d->respond_by = by;
	d->retain = sensitive ? 90 : 365;                                           /* 8.4 */
	return outcome;                                                             /* 8.5 */
}

static void dl_canon(const void *dv, uint32_t r, st_canon *c)
{
	const dl_decision *d = dv;
	if ((r & 0xff) == PACTA_REFUSE)
		return;
	stc_int(c, "respond_by", d->respond_by);
	stc_int(c, "retain_at_most", d->retain);
	stc_flag(c, "purpose_limited");
}

/* Random requests that mostly pass every ground for refusal: Parties of
 * the Convention in force for both nearly always, acts of the last few
 * years, judges and prosecutors as the issuing authority, offences half
 * the time core cybercrimes; most are then referred by one of the
 * reviews, the rest granted by the last clauses or by none. */
static void dl_gen(uint64_t *s, void *rv, st_json *j)
{
	dl_request *r = rv;
	static const uint8_t pct[DC__COUNT] = { 55, 35, 25, 5, 10, 2, 2, 2, 2, 2, 2, 3, 2, 3 };
	static const uint8_t core[] = {
		OFF_ILLEGAL_ACCESS, OFF_ILLEGAL_INTERCEPTION, OFF_DATA_INTERFERENCE,
		OFF_SYSTEM_INTERFERENCE, OFF_MISUSE_OF_DEVICES, OFF_COMPUTER_FORGERY,
		OFF_COMPUTER_FRAUD, OFF_CSAM, OFF_CHILD_GROOMING, OFF_NCII,
	};
	const char *a = st_draw_party(s, 98, party_names, DL_PARTIES, &r->requesting);
	const char *b = st_draw_party(s, 98, party_names, DL_PARTIES, &r->requested);
	if (st_pct(s, 98))
		r->submitted = st_range(s, ST_DAY(2026, 1, 1), ST_DAY(2034, 12, 31));
	else
		r->submitted = st_pct(s, 50) ? st_range(s, ST_DAY(2023, 1, 1), EFFECTIVE - 1)
					     : st_range(s, EXPIRES + 1, ST_DAY(2051, 12, 31));
	unsigned u = st_below(s, 100);
	r->offence_date = r->submitted - (u < 55 ? st_range(s, 0, 365) : u < 80 ? st_range(s, 366, 1825)
				      : u < 93 ? st_range(s, 1826, 3650) : u < 99 ? st_range(s, 3651, 7500)
						: -st_range(s, 1, 30));
	u = st_below(s, 100);
	r->measure = (uint8_t)(u < 12 ? EXPEDITED_DISCLOSURE : u < 22 ? PRESERVATION : st_below(s, MEASURES));
	r->preservation_started = st_pct(s, r->measure == EXPEDITED_DISCLOSURE ? 95 : 20)
					  ? r->submitted - st_range(s, 1, 100) : 0;
	u = st_below(s, 100);
	if (u < 55)
		r->offence = core[st_below(s, sizeof core)];
	else if (u < 92)   /* money laundering to extortion: the serious crimes and a few others */
		r->offence = (uint8_t)(OFF_MONEY_LAUNDERING + st_below(s, OFF_EXTORTION - OFF_MONEY_LAUNDERING + 1));
	else
		r->offence = (uint8_t)st_below(s, OFF__COUNT);
	r->stage = (uint8_t)st_below(s, STAGES);
	u = st_below(s, 100);
	r->issued_by = (uint8_t)(u < 75 ? JUDGE : u < 93 ? PROSECUTOR : u < 98 ? POLICE : ADMINISTRATIVE);
	u = st_below(s, 100);
	r->max_penalty = (uint8_t)(u < 88 ? st_range(s, 4, 15) : st_range(s, 0, 3));
	r->data = st_draw_set(s, pct, DC__COUNT);
	u = st_below(s, 100);
	r->targets = (uint16_t)(u < 85 ? st_range(s, 1, 3) : u < 95 ? st_range(s, 4, 10) : st_range(s, 11, 40));
	u = st_below(s, 100);
	r->retention = (uint16_t)(u < 60 ? 0 : u < 88 ? st_range(s, 1, 365) : st_range(s, 366, 1000));
	r->flags = (uint16_t)st_draw_flags(s, request_flags, ST_N(request_flags));

	stj_head(j, a, b, r->submitted);
	stj_date(j, "offence_date", r->offence_date);
	stj_str(j, "measure", measure_names[r->measure]);
	stj_str(j, "offence", st_offence_names[r->offence]);
	stj_str(j, "stage", stage_names[r->stage]);
	stj_str(j, "issued_by", authority_names[r->issued_by]);
	stj_int(j, "max_penalty", r->max_penalty);
	stj_set(j, "data", r->data, st_data_names, DC__COUNT);
	stj_int(j, "targets", r->targets);
	stj_int(j, "retention_requested", r->retention);
	if (r->preservation_started)
		stj_date(j, "preservation_started", r->preservation_started);
	stj_flags(j, r->flags, request_flags, ST_N(request_flags));
	stj_end(j);
}

ST_POLICY(st_deadlines, dl, "deadlines",
	  "39 Parties, 7 Party tables (dates, conditions), time windows, penalty bands, past every refusal",
	  dl_request, dl_decision, dl_decide);
