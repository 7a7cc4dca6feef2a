/*
 * exceptions.c — bench/stress/exceptions.pacta by hand in C (stress.h).
 * Each chain of exemptions (rule, exception, exception to the exception,
 * a Party's reservation or declaration) is resolved by hand into one
 * condition, as a programmer reading the convention would write it; the
 * refusals are tested in turn with an exit at the first that holds.
 * Compiled at -O2 in its own translation unit.
 */
#include "stress.h"

enum { XA, XB, XC, XD, XE, XF, EX_PARTIES, EX_NOT_PARTY = EX_PARTIES };
static const char *const party_names[EX_PARTIES] = { "XA", "XB", "XC", "XD", "XE", "XF" };

enum measure {
	PRESERVATION, PRODUCTION, SEARCH_AND_SEIZURE, REAL_TIME_COLLECTION, INTERCEPTION,
	TESTIMONY, SERVICE_OF_DOCUMENTS, SPONTANEOUS_INFORMATION, MEASURES
};
static const char *const measure_names[MEASURES] = {
	"preservation", "production", "search_and_seizure", "real_time_collection", "interception",
	"testimony", "service_of_documents", "spontaneous_information",
};

enum {
	JUDICIAL = 1 << 0, EMERGENCY = 1 << 1, POLITICAL = 1 << 2, VIOLENT = 1 << 3,
	CRITICAL = 1 << 4, PERSECUTION = 1 << 5, DP_POSSIBLE = 1 << 6, DP_ASSURANCE = 1 << 7,
	FISCAL = 1 << 8, ONWARD = 1 << 9, ONWARD_SAME = 1 << 10,
};
static const st_flag request_flags[] = {
	{ JUDICIAL, 40, "judicial_authorisation" }, { EMERGENCY, 15, "emergency" },
	{ POLITICAL, 12, "political_offence" }, { VIOLENT, 40, "violent_offence" },
	{ CRITICAL, 15, "critical_infrastructure" }, { PERSECUTION, 3, "persecution_risk" },
	{ DP_POSSIBLE, 8, "death_penalty_possible" }, { DP_ASSURANCE, 60, "death_penalty_assurance" },
	{ FISCAL, 8, "fiscal_offence" }, { ONWARD, 10, "onward_transfer_requested" },
	{ ONWARD_SAME, 50, "onward_same_case" },
};

typedef struct ex_request {
	int32_t submitted;
	uint16_t data;      /* bits of enum st_data */
	uint16_t flags;
	uint8_t requesting, requested, measure, offence;
} ex_request;

enum { INDEPENDENT_REVIEW = 1, NO_DEATH_PENALTY_USE = 2, CONFIRM = 4 };
typedef struct ex_decision {
	uint8_t retain;     /* retain_at_most, days; purpose_limited comes with it */
	uint8_t flags;      /* CONFIRM: confirm_within 3 days */
} ex_decision;

static const uint64_t criminalises[EX_PARTIES] = {
	[XA] = ST_CORE_CYBERCRIMES | ST_SERIOUS_CRIMES,
	[XB] = ST_CORE_CYBERCRIMES | ST_SERIOUS_CRIMES | OB(TAX_EVASION),
	[XC] = ST_BUDAPEST_OFFENCES | ST_SERIOUS_CRIMES,
	[XD] = (ST_CORE_CYBERCRIMES & ~OB(NCII)) | ST_SERIOUS_CRIMES | OB(TAX_EVASION) | OB(ILLEGAL_GAMBLING),
	[XE] = ST_UN_CONVENTION_OFFENCES | OB(TERRORISM) | OB(DRUG_TRAFFICKING) | OB(HOMICIDE) | OB(KIDNAPPING),
	[XF] = ST_CORE_CYBERCRIMES | ST_SERIOUS_CRIMES | OB(CRIMINAL_DEFAMATION),
};
static const uint8_t assurances_accepted[EX_PARTIES] = { 1, 1, 0, 1, 1, 0 };

#define EFFECTIVE ST_DAY(2025, 1, 1)
#define EXPIRES ST_DAY(2049, 12, 31)
#define PROTOCOL ST_DAY(2026, 1, 1)
#define M(x) (1u << (x))
#define NON_COERCIVE (M(TESTIMONY) | M(SERVICE_OF_DOCUMENTS) | M(SPONTANEOUS_INFORMATION))
#define NEEDS_JUDGE (M(SEARCH_AND_SEIZURE) | M(REAL_TIME_COLLECTION) | M(INTERCEPTION))

ST_NOINLINE static uint32_t ex_decide(const ex_request *r, ex_decision *d)
{
	unsigned a = r->requesting, b = r->requested;
	if (a >= EX_PARTIES || b >= EX_PARTIES || r->submitted < EFFECTIVE || r->submitted > EXPIRES)
		return ST_BY_AGREEMENT;
	unsigned f = r->flags, m = M(r->measure);
	uint64_t off = 1ull << r->offence;

	/* 2.1, unless a non-coercive measure (2.2) for other than an
	 * expression offence (2.3), or preservation (2.4) where XC, which
	 * reserved it (2.R1), is neither Party */
	if (!(criminalises[a] & criminalises[b] & off) &&
	    !((m & NON_COERCIVE) && !(off & ST_CONTENT_RELATED)) &&
	    !((m & M(PRESERVATION)) && a != XC && b != XC))
		return ST_REFUSED;
	/* 3.1, unless not regarded as political (3.2), unless XB's reservation
	 * (3.R1) for an offence without violence, which lapses for attacks
	 * on infrastructure by interference with a system (3.3) */
	if (f & POLITICAL) {
		int depoliticised = (off & (OB(TERRORISM) | OB(KIDNAPPING) | OB(HOMICIDE))) || (f & CRITICAL);
		int reserved = (a == XB || b == XB) && !(f & VIOLENT) &&
			       !(r->offence == OFF_SYSTEM_INTERFERENCE && (f & CRITICAL));
		if (!depoliticised || reserved)
			return ST_REFUSED;
	}
	if (f & PERSECUTION)                                                   /* 3.4 */
		return ST_REFUSED;
	/* 4.1, unless an assurance (4.2) from a Party whose assurances are
	 * accepted (4.3) */
	int assured = (f & DP_ASSURANCE) && assurances_accepted[a];
	if ((f & DP_POSSIBLE) && !assured)
		return ST_REFUSED;
	/* 5.1, unless the Protocol is in force (5.2), unless XD's reservation
	 * for searches (5.R1) */
	if ((f & FISCAL) && !(r->submitted >= PROTOCOL &&
			      !((a == XD || b == XD) && r->measure == SEARCH_AND_SEIZURE)))
		return ST_REFUSED;
	/* 6.1, unless urgent (6.2), which interception is not (6.3) unless XE
	 * is requested (6.D1) */
	int urgent = (f & EMERGENCY) && (r->measure != INTERCEPTION || b == XE);
	if ((m & NEEDS_JUDGE) && !(f & JUDICIAL) && !urgent)
		return ST_REFUSED;

	/* 7.1, unless a judge authorised it (7.2), except for genetic and
	 * biometric data (7.3) */
	int review = (r->data & ST_SPECIAL_CATEGORIES) &&
		     !((f & JUDICIAL) && !(r->data & (DB(GENETIC) | DB(BIOMETRIC))));
	uint32_t outcome;
	if (review || (f & (ONWARD | ONWARD_SAME)) == ONWARD)                 /* 7.1, 8.1, 8.2 */
		outcome = PACTA_REFER;
	else if ((off & (ST_CORE_CYBERCRIMES | ST_SERIOUS_CRIMES)) || (m & M(PRESERVATION)))  /* 1.1, 1.2 */
		outcome = PACTA_GRANT;
	else
		return ST_DECIDED(PACTA_REFUSE, PACTA_GROUND_DEFAULT);
	d->retain = review ? 60 : 180;                                         /* 1.1, 7.1 */
	d->flags = (review ? INDEPENDENT_REVIEW : 0) |                         /* 7.1 */
		   ((f & DP_POSSIBLE) && assured ? NO_DEATH_PENALTY_USE : 0) |  /* 4.2 */
		   (urgent && !(f & JUDICIAL) ? CONFIRM : 0);                   /* 6.2 */
	return outcome;
}

static void ex_canon(const void *dv, uint32_t r, st_canon *c)
{
	const ex_decision *d = dv;
	if ((r & 0xff) == PACTA_REFUSE)
		return;
	stc_flag(c, "purpose_limited");
	stc_int(c, "retain_at_most", d->retain);
	if (d->flags & INDEPENDENT_REVIEW)
		stc_flag(c, "independent_review");
	if (d->flags & NO_DEATH_PENALTY_USE)
		stc_flag(c, "no_death_penalty_use");
	if (d->flags & CONFIRM)
		stc_int(c, "confirm_within", 3);
}

/* Requests that walk the chains: political offences, fiscal offences,
 * urgency, assurances and special categories are all common. */
static void ex_gen(uint64_t *s, void *rv, st_json *j)
{
	ex_request *r = rv;
	static const uint8_t pct[DC__COUNT] = { 50, 30, 25, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
	const char *a = st_draw_party(s, 97, party_names, EX_PARTIES, &r->requesting);
	const char *b = st_draw_party(s, 97, party_names, EX_PARTIES, &r->requested);
	r->submitted = st_pct(s, 98) ? st_range(s, EFFECTIVE, ST_DAY(2030, 12, 31))
				     : st_range(s, ST_DAY(2023, 1, 1), EFFECTIVE - 1);
	r->measure = (uint8_t)st_below(s, MEASURES);
	unsigned u = st_below(s, 100);
	r->offence = (uint8_t)(u < 45 ? st_below(s, OFF_NCII + 1)
			       : u < 75 ? OFF_MONEY_LAUNDERING + st_below(s, OFF_TAX_EVASION - OFF_MONEY_LAUNDERING + 1)
					: st_below(s, OFF__COUNT));
	r->data = st_draw_set(s, pct, DC__COUNT);
	r->flags = (uint16_t)st_draw_flags(s, request_flags, ST_N(request_flags));

	stj_head(j, a, b, r->submitted);
	stj_str(j, "measure", measure_names[r->measure]);
	stj_str(j, "offence", st_offence_names[r->offence]);
	stj_set(j, "data", r->data, st_data_names, DC__COUNT);
	stj_flags(j, r->flags, request_flags, ST_N(request_flags));
	stj_end(j);
}

ST_POLICY(st_exceptions, ex, "exceptions",
	  "6 Parties, 7 exemption chains up to 4 deep, reservations and declarations",
	  ex_request, ex_decision, ex_decide);
