/* handwritten.h — the hand-written section 1 rules (handwritten.c). */
#ifndef PACTA_HANDWRITTEN_H
#define PACTA_HANDWRITTEN_H
#include <stdint.h>

typedef struct hw_request {
	int32_t requesting, requested, assistance, offence;
	int64_t max_penalty, targets, submitted;
	uint64_t data;
	uint8_t specific, political, journalist, hrd, judicial, emergency;
} hw_request;

typedef struct hw_decision {
	uint32_t grounds;
	int64_t retain;
	uint32_t flags;
} hw_decision;

typedef struct hw_consts {
	int32_t XA, XB, preservation, content;
	int64_t effective, expires, from_44, sunset_44;
	uint64_t core, content_related, crim_xa, crim_xb, special;
} hw_consts;

extern hw_consts hw;
uint32_t hw_decide(const hw_request *r, hw_decision *d);
#endif
