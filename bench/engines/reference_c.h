/* reference_c.h — the reference policy written by hand in C (reference_c.c). */
#ifndef PACTA_REFERENCE_C_H
#define PACTA_REFERENCE_C_H
#include <stdint.h>

/* The request: 17 attributes and the submission date (a day number). */
typedef struct rc_request {
	int32_t requesting, requested, assistance, offence;
	int64_t max_penalty, targets, retention, submitted;
	uint64_t data;
	uint8_t specific, onward, judicial, emergency, journalist, hrd,
		dp_possible, dp_assurance, political;
} rc_request;

/* Flags of rc_decision.flags. */
enum {
	RC_NO_DEATH_PENALTY_USE = 1, RC_INDEPENDENT_REVIEW = 2, RC_SENSITIVE_SAFEGUARDS = 4,
	RC_NO_ONWARD_TRANSFER = 8, RC_PURPOSE_LIMITED = 16, RC_AUDIT_LOG = 32, RC_ENCRYPT = 64
};
#define RC_NONE INT64_MIN   /* a valued obligation not imposed */

/* Outcome 0 grant, 1 refer, 2 refuse; ground 0 clauses (bits of `grounds`
 * by clause index in source order), 1 default, 2 agreement. */
typedef struct rc_decision {
	uint8_t outcome, ground;
	uint64_t grounds;
	int64_t retain, notify, respond;
	uint32_t flags;
} rc_decision;

/* Member indexes and sets, from the agreement's schema, once. */
typedef struct rc_consts {
	int32_t XA, XB, XC;
	int32_t preservation, spontaneous, service, interception, real_time, search, content_data;
	int32_t content, traffic;
	int64_t effective, expires, from_611, sunset_611;
	uint64_t core, content_related, serious_crimes, special, real_time_measures;
	uint64_t crim[3];   /* criminalises[XA], [XB], [XC] */
} rc_consts;

extern rc_consts rc;
void rc_decide(const rc_request *r, rc_decision *d);
#endif
