/* check_diff.c — which clause of one version is which of the other
 * (diff_match_clauses: by label, by rules when renumbered, the cone), and
 * one request's two decisions in the words of the kinds (smt_classify). */
#include "helpers.h"
#include "diff.h"
#include "smt.h"

/* Two versions, compiled with the prelude. */
typedef struct pair {
	tc a, b;
	diff_match m;
} pair;

static void versions(pair *p, const char *old, const char *neu)
{
	ck_assert_int_eq(tc_compile_prelude(&p->a, old), 0);
	ck_assert_int_eq(tc_compile_prelude(&p->b, neu), 0);
	ck_assert_int_eq(diff_match_clauses(p->a.lw, p->b.lw, &p->m), 0);
}

static void pair_free(pair *p)
{
	diff_match_free(&p->m);
	tc_free(&p->a);
	tc_free(&p->b);
}

/* The matching's entry for the old side's clause `label` (or, with no
 * old clause of that label, the new side's). */
static const diff_clause *entry(const pair *p, const char *label)
{
	for (uint32_t i = 0; i < p->a.lw->schema.nclauses; i++)
		if (!strcmp(p->a.lw->clauses[i].label, label))
			return &p->m.clauses[p->m.at[0][i]];
	for (uint32_t i = 0; i < p->b.lw->schema.nclauses; i++)
		if (!strcmp(p->b.lw->clauses[i].label, label))
			return &p->m.clauses[p->m.at[1][i]];
	ck_abort_msg("no clause %s", label);
	return NULL;
}

START_TEST(test_same)
{
	pair p;
	const char *src = "clause 1 grant when k = alpha\nclause 2 refuse when flag\n";
	versions(&p, src, src);
	ck_assert_uint_eq(p.m.n, 2);
	ck_assert_int_eq(entry(&p, "1")->state, DC_SAME);
	ck_assert_int_eq(entry(&p, "2")->state, DC_SAME);
	ck_assert_uint_eq(p.m.ncone, 0);
	ck_assert_int_eq(p.m.global, 0);
	pair_free(&p);
}
END_TEST

/* 2 renumbered 2.bis, and 3 exempting it under its new label: the same
 * rules, so 3 has not changed. */
START_TEST(test_renumbered)
{
	pair p;
	versions(&p, "clause 1 grant when k = alpha\nclause 2 refuse when flag\nclause 3 exempts 2 when n > 3\n",
	         "clause 1 grant when k = alpha\nclause 2.bis refuse when flag\nclause 3 exempts 2.bis when n > 3\n");
	const diff_clause *c = entry(&p, "2");
	ck_assert_int_eq(c->state, DC_RENUMBERED);
	ck_assert_str_eq(p.b.lw->clauses[c->io[1]].label, "2.bis");
	ck_assert_int_eq(entry(&p, "3")->state, DC_SAME);
	ck_assert_uint_eq(p.m.nrenumbered, 1);
	ck_assert_uint_eq(p.m.ncone, 0);
	ck_assert_uint_eq(p.m.n, 3);
	pair_free(&p);
}
END_TEST

/* Other rules under the same label: changed; a removed clause and an added
 * one with other rules stay apart. */
START_TEST(test_changed_added_removed)
{
	pair p;
	versions(&p, "clause 1 grant when k = alpha\nclause 2 refuse when flag\n",
	         "clause 1 grant when k = beta\nclause 3 refuse when n > 1\n");
	ck_assert_int_eq(entry(&p, "1")->state, DC_CHANGED);
	ck_assert_int_eq(entry(&p, "2")->state, DC_REMOVED);
	ck_assert_int_eq(entry(&p, "3")->state, DC_ADDED);
	ck_assert_uint_eq(p.m.nchanged, 3);
	ck_assert_uint_eq(p.m.ncone, 3);
	pair_free(&p);
}
END_TEST

/* The cone: what changed, and what it exempts, through other clauses;
 * not what exempts it. */
START_TEST(test_cone)
{
	pair p;
	const char *tail = "clause 2 exempts 3 when flag\nclause 3 exempts 4 when n > 1\nclause 4 refuse when n > 5\n"
	                   "clause 5 exempts 1 when n = 7\nclause 6 refer when flag\n";
	char old[512], neu[512];
	snprintf(old, sizeof old, "clause 1 exempts 2 when k = alpha\n%s", tail);
	snprintf(neu, sizeof neu, "clause 1 exempts 2 when k = beta\n%s", tail);
	versions(&p, old, neu);
	ck_assert(entry(&p, "1")->cone);
	ck_assert(entry(&p, "2")->cone);
	ck_assert(entry(&p, "3")->cone);
	ck_assert(entry(&p, "4")->cone);
	ck_assert(!entry(&p, "5")->cone);
	ck_assert(!entry(&p, "6")->cone);
	ck_assert_uint_eq(p.m.ncone, 4);
	pair_free(&p);
}
END_TEST

/* A clause whose text is the same but reads a define that changed has
 * changed; a title or a reason is wording. */
START_TEST(test_define_and_wording)
{
	pair p;
	versions(&p, "define big = n > 3\nclause 1 grant when big\nclause 2 \"Old title\" refuse when flag because \"x\"\n",
	         "define big = n > 4\nclause 1 grant when big\nclause 2 \"New title\" refuse when flag because \"y\"\n");
	ck_assert_int_eq(entry(&p, "1")->state, DC_CHANGED);
	const diff_clause *c = entry(&p, "2");
	ck_assert_int_eq(c->state, DC_SAME);
	ck_assert_int_eq(c->wording, 1);
	ck_assert(!c->cone);
	pair_free(&p);
}
END_TEST

/* A header change every request feels puts every clause in the cone. */
START_TEST(test_global)
{
	pair p;
	versions(&p, "agreement \"A\" default refuse\nclause 1 grant when flag\nclause 2 refer when n > 1\n",
	         "agreement \"A\" default grant\nclause 1 grant when flag\nclause 2 refer when n > 1\n");
	ck_assert_int_eq(p.m.global, 1);
	ck_assert_str_eq(p.m.why, "the default outcome changed");
	ck_assert_uint_eq(p.m.ncone, 2);
	pair_free(&p);
	/* every change of the header is named, not only the first */
#define PARTIES "enum state { XA, XB, XC }\nrequest { requesting_party: state\n requested_party: state\n " \
	"submitted: date\n flag: bool = false }\n"
	ck_assert_int_eq(tc_compile(&p.a, PARTIES "agreement \"A\" default refuse parties XA, XB "
	                            "effective 2026-01-01\nclause 1 grant when flag\n", 1), 0);
	ck_assert_int_eq(tc_compile(&p.b, PARTIES "agreement \"A\" default grant parties XA, XC "
	                            "effective 2026-02-01 expires 2030-01-01\nclause 1 grant when flag\n", 1), 0);
#undef PARTIES
	ck_assert_int_eq(diff_match_clauses(p.a.lw, p.b.lw, &p.m), 0);
	ck_assert_int_eq(p.m.global, 1);
	ck_assert_str_eq(p.m.why, "the default outcome, the date the agreement takes effect, the date the "
	                 "agreement expires and the parties changed");
	pair_free(&p);
}
END_TEST

/* One request decided by both versions, named as the kinds are: the
 * removed refusal is responsible, the grant that fired in both is not. */
START_TEST(test_classify)
{
	pair p;
	versions(&p, "agreement \"A\" default refuse\nclause 1 grant when k = alpha\nclause 2 refuse when flag\n"
	             "clause 3 oblige keep 30 days\nobligation keep: days combine min\n",
	         "agreement \"A\" default refuse\nclause 1 grant when k = alpha\n"
	         "clause 3 oblige keep 20 days\nobligation keep: days combine min\n");
	smt_classifier *k = smt_classifier_new(p.a.lw, p.b.lw, &p.m);
	lp_decision_buf d[2];
	void *mem[2];
	evaluator *ev[2];
	const lw_program *lw[2] = { p.a.lw, p.b.lw };
	uint64_t req[2][16];
	for (int s = 0; s < 2; s++) {
		mem[s] = xcalloc(1, lp_decision_size(&lw[s]->schema));
		lp_decision_layout(&lw[s]->schema, &d[s], mem[s]);
		ev[s] = eval_new(lw[s]);
	}
	/* flag = true: refuse by 2 (removed) -> grant */
	for (int flag = 1; flag >= 0; flag--)
		for (int s = 0; s < 2; s++) {
			const lp_schema *sc = &lw[s]->schema;
			memset(req[s], 0, sizeof req[s]);
			for (uint32_t f = 0; f < sc->nfields; f++)
				if (sc->fields[f].has_default)
					req[s][sc->fields[f].slot] = sc->fields[f].defval[0];
			for (uint32_t f = 0; f < sc->nfields; f++)
				if (!strcmp(sc->fields[f].name, "flag"))
					req[s][sc->fields[f].slot] = (uint64_t)flag;
		}
	lp_strbuf b = { 0 };
	for (int flag = 1; flag >= 0; flag--) {
		for (int s = 0; s < 2; s++) {
			for (uint32_t f = 0; f < lw[s]->schema.nfields; f++)
				if (!strcmp(lw[s]->schema.fields[f].name, "flag"))
					req[s][lw[s]->schema.fields[f].slot] = (uint64_t)flag;
			eval_request(ev[s], req[s], &d[s]);
		}
		b.len = 0;
		int dir = smt_classify(k, &d[0], &d[1], &b);
		lp_sb_put(&b, "", 1);
		if (flag) {
			ck_assert_int_eq(dir, SMT_MORE);
			ck_assert_str_eq(b.data, "refuse by 2 (removed) -> grant\n");
		} else {
			/* granted by both, a shorter retention: stricter */
			ck_assert_int_eq(dir, SMT_LESS);
			ck_assert_str_eq(b.data, "keep: 30 days -> 20 days (3)\n");
		}
	}
	lp_sb_free(&b);
	for (int s = 0; s < 2; s++) {
		eval_free(ev[s]);
		free(mem[s]);
	}
	smt_classifier_free(k);
	pair_free(&p);
}
END_TEST

Suite *diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *t = tcase_create("match");
	tcase_add_test(t, test_same);
	tcase_add_test(t, test_renumbered);
	tcase_add_test(t, test_changed_added_removed);
	tcase_add_test(t, test_cone);
	tcase_add_test(t, test_define_and_wording);
	tcase_add_test(t, test_global);
	tcase_add_test(t, test_classify);
	suite_add_tcase(s, t);
	return s;
}
