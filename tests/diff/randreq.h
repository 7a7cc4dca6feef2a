/* randreq.h — seeded random requests for an agreement (randreq.c). */
#ifndef PACTA_RANDREQ_H
#define PACTA_RANDREQ_H

#include "pactac.h"
#include "../runtime/module_abi.h"

typedef struct pool {
	int64_t *v;
	size_t n, cap;
} pool;

typedef struct randreq {
	const lp_schema *schema;
	uint64_t rng;               /* splitmix64 state */
	pool pools[PK__COUNT];      /* constants by kind: int, days, years, date */
	pool *members;              /* per enum: the members the agreement names */
	size_t nenums;
} randreq;

randreq *randreq_new(const lw_program *c, uint64_t seed);
/* Fills schema.nslots words with a new random request. */
void randreq_fill(randreq *r, uint64_t *req);
void randreq_free(randreq *r);

/* For a report of a difference, on stderr: the request as JSON (every
 * field) and a decision as JSON, trace included, each on a line of its
 * own after two spaces and its label. */
void randreq_show_request(const lp_schema *s, const uint64_t *req);
void randreq_show_decision(const char *who, const lp_schema *s, const lp_decision_buf *d);

/* Compiles an agreement for a test tool, the standard library from
 * $PACTA_STDLIB or ./stdlib; NULL after the diagnostics are printed. */
lw_program *randreq_compile(compilation *cm, const char *path);

/* One request decided by the reference evaluator (into `a`) and by a
 * module's two entries (into `b`, each over garbage: the fast entry must
 * write the obligations itself, the full one every word), compared over
 * what a decision means. */
typedef struct decision_pair {
	lp_decision_buf a, b;
	void *ma, *mb;
	void *mh;                   /* the fast entry's head word, mb after it */
	size_t size;
	size_t oblig_from, oblig_to;   /* bytes the fast entry writes */
	const lp_schema *s;
	lp_place *places;           /* the packed request the module reads */
	uint64_t *data;
	int fast_differs;           /* the fast entry disagreed (b: the full one) */
} decision_pair;

void decision_pair_init(decision_pair *p, const lp_schema *s);
void decision_pair_free(decision_pair *p);
/* Decides `req` both ways; 1 when the two decisions are the same. */
int decision_pair_decide(decision_pair *p, evaluator *ev, const lp_module_desc *m, const uint64_t *req);

#endif
