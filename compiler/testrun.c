/*
 * testrun.c — runs the `test` blocks of the main file.
 *
 * Each test's request (lower.c folded it: the schema defaults, then its
 * fixtures and its own values in the order written) is decided through a
 * module — a native one or the reference interpreter hosted by libpacta —
 * with pacta_decide, and the decision is compared with `expect`: the outcome, exactly the
 * grounds given with `by`, and each obligation of `with` (present, with that
 * value; others may be present too).  A failure prints what was expected,
 * what was decided, and the decision's explanation with its trace.
 */
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>

#include "pactac.h"
#include "../runtime/libpacta.h"

/* "refuse by 2.1, 3.2" / "grant by default with retain_at_most 180 days" */
static void describe_expect(const lw_program *lw, const lw_test *t, lp_strbuf *b)
{
	lp_sb_puts(b, lp_outcome_names[t->outcome]);
	if (t->by == EXPECT_LABELS) {
		lp_sb_puts(b, " by ");
		for (uint32_t i = 0; i < t->ngrounds; i++)
			lp_sb_printf(b, "%s%s", i ? ", " : "", lw->clauses[t->grounds[i]].label);
	} else if (t->by == EXPECT_DEFAULT) {
		lp_sb_puts(b, " by default");
	} else if (t->by == EXPECT_AGREEMENT) {
		lp_sb_puts(b, " by agreement");
	}
	for (uint32_t i = 0; t->has_discretionary && i < t->ndiscretionary; i++)
		lp_sb_printf(b, "%s%s", i ? ", " : " discretionary ", lw->clauses[t->discretionary[i]].label);
	for (uint32_t i = 0; i < t->nwith; i++) {
		const lw_with *w = &t->with[i];
		lp_sb_printf(b, "%s%s", i ? ", " : " with ", w->name);
		if (w->value) {
			/* quote the value as written */
			lp_sb_printf(b, " %.*s", (int)(w->value->at.end - w->value->at.start),
			                w->value->at.file->text + w->value->at.start);
		}
	}
}

static void describe_decision(const lw_program *lw, const lp_decision_buf *d,
                              lp_strbuf *b)
{
	const lp_schema *s = &lw->schema;
	lp_sb_puts(b, lp_outcome_names[d->outcome]);
	if (d->ground == PG_DEFAULT) {
		lp_sb_puts(b, " by default");
	} else if (d->ground == PG_AGREEMENT) {
		lp_sb_puts(b, " by agreement");
	} else {
		const char *sep = " by ";
		for (size_t i = 0; i < s->nclauses; i++) {
			if (lp_bit(d->grounds, i)) {
				lp_sb_printf(b, "%s%s", sep, s->clauses[i].label);
				sep = ", ";
			}
		}
		sep = " discretionary ";
		for (size_t i = 0; i < s->nclauses; i++) {
			if (lp_bit(d->discretionary, i)) {
				lp_sb_printf(b, "%s%s", sep, s->clauses[i].label);
				sep = ", ";
			}
		}
	}
	const char *sep = " with ";
	for (size_t i = 0; i < s->noblig; i++) {
		if (!lp_bit(d->oblig_set, i))
			continue;
		const lp_oblig_desc *o = &s->obligs[i];
		lp_sb_printf(b, "%s%s", sep, o->name);
		sep = ", ";
		if (o->combine == PC_FLAG)
			continue;
		lp_sb_puts(b, " ");
		lp_source_value(s, o->kind, o->enum_index, d->oblig_val + o->slot, b);
	}
}

/* An expected obligation the decision does not carry: why, when a rule
 * imposed it but its `on` leaves out the outcome (the drafter's likely
 * surprise); else the plain words.  In `buf`. */
static const char *missing_why(const lp_schema *s, uint32_t o, const lp_decision_buf *d, char *buf, size_t size)
{
	const lp_oblig_desc *od = &s->obligs[o];
	for (uint32_t r = 0; r < s->nrules; r++) {
		const lp_rule_desc *ru = &s->rules[r];
		if (ru->action != PA_OBLIGE || ru->oblig != o || !lp_bit(d->fired, r) || (od->on >> d->outcome & 1))
			continue;
		char on[64] = "";
		for (int k = 0; k < PO__COUNT; k++)
			if (od->on >> k & 1)
				snprintf(on + strlen(on), sizeof on - strlen(on), "%s%s", *on ? " or " : "", lp_outcome_names[k]);
		snprintf(buf, size, "an expected obligation is missing: clause %s imposed %s, but it goes only with %s "
		         "(its 'on'), not with %s", s->clauses[ru->clause].label, od->name, on, lp_outcome_names[d->outcome]);
		return buf;
	}
	return "an expected obligation is missing";
}

/* Returns a description of the first mismatch (static, or in a buffer of
 * its own), or NULL. */
static const char *compare(const lw_program *lw, const lw_test *t, const lp_decision_buf *d)
{
	static char why[512];
	const lp_schema *s = &lw->schema;
	if (d->outcome != t->outcome)
		return "the outcome differs";
	if (t->by == EXPECT_DEFAULT && d->ground != PG_DEFAULT)
		return "the default did not decide";
	if (t->by == EXPECT_AGREEMENT && d->ground != PG_AGREEMENT)
		return "the agreement's scope (parties, dates) did not decide";
	if (t->by == EXPECT_LABELS) {
		if (d->ground != PG_CLAUSES)
			return "the grounds differ";
		size_t n = 0;
		for (uint32_t i = 0; i < t->ngrounds; i++)
			if (!lp_bit(d->grounds, t->grounds[i]))
				return "the grounds differ";
		for (size_t i = 0; i < s->nclauses; i++)
			n += (size_t)lp_bit(d->grounds, i);
		/* duplicates in `by` are harmless: count distinct labels */
		size_t distinct = 0;
		for (uint32_t i = 0; i < t->ngrounds; i++) {
			int dup = 0;
			for (uint32_t j = 0; j < i; j++)
				dup |= t->grounds[j] == t->grounds[i];
			distinct += !dup;
		}
		if (n != distinct)
			return "the grounds differ";
	}
	if (t->has_discretionary) {
		size_t n = 0, distinct = 0;
		for (uint32_t i = 0; i < t->ndiscretionary; i++) {
			if (d->ground != PG_CLAUSES || !lp_bit(d->discretionary, t->discretionary[i]))
				return "the discretionary grounds differ";
			int dup = 0;
			for (uint32_t j = 0; j < i; j++)
				dup |= t->discretionary[j] == t->discretionary[i];
			distinct += !dup;
		}
		for (size_t i = 0; i < s->nclauses; i++)
			n += (size_t)lp_bit(d->discretionary, i);
		if (n != distinct)
			return "the discretionary grounds differ";
	}
	for (uint32_t i = 0; i < t->nwith; i++) {
		const lw_with *w = &t->with[i];
		if (w->oblig == LW_NONE)
			return "an expected obligation is missing";
		if (!lp_bit(d->oblig_set, w->oblig))
			return missing_why(s, w->oblig, d, why, sizeof why);
		const lp_oblig_desc *o = &s->obligs[w->oblig];
		if (!w->value)
			continue;
		if (memcmp(w->folded, d->oblig_val + o->slot, o->nslots * sizeof(uint64_t)) != 0)
			return "an obligation has another value";
	}
	return NULL;
}

/* What the tests exercised: per clause, whether a rule of it fired, and
 * whether it decided something — it was a ground, or a source of an
 * obligation the decision carried, or it exempted a clause. */
static void record(const lp_schema *s, const lp_decision_buf *d,
                   uint8_t *fired, uint8_t *decisive)
{
	size_t cw = LP_BITWORDS(s->nclauses);
	for (uint32_t r = 0; r < s->nrules; r++)
		if (lp_bit(d->fired, r))
			fired[s->rules[r].clause] = 1;
	for (uint32_t i = 0; i < s->nclauses; i++) {
		if (d->ground == PG_CLAUSES && lp_bit(d->grounds, i))
			decisive[i] = 1;
		if (lp_bit(d->exempted, i) && d->exempted_by[i] < s->nclauses)
			decisive[d->exempted_by[i]] = 1;
		for (uint32_t o = 0; o < s->noblig; o++)
			if (lp_bit(d->oblig_set, o) && lp_bit(d->oblig_src + o * cw, i))
				decisive[i] = 1;
	}
}

static void report_coverage(const lw_program *lw, FILE *out, const uint8_t *fired,
                            const uint8_t *decisive, test_report *rep)
{
	const lp_schema *s = &lw->schema;
	const char *path = lw->files[0]->path;
	uint32_t n = 0, nf = 0, nd = 0;
	lp_strbuf never_f = { 0 }, never_d = { 0 }, list_f = { 0 }, list_d = { 0 };
	/* every clause of the agreement, wherever it is written: a Party's
	 * reservations in a file of their own count as much as the rest */
	for (uint32_t i = 0; i < s->nclauses; i++) {
		const lw_clause *c = &lw->clauses[i];
		const char *where = NULL;
		if (c->file != 0) {
			where = lw->files[c->file]->path;
			const char *slash = strrchr(where, '/');
			where = slash ? slash + 1 : where;
		}
		n++;
		nf += fired[i];
		nd += decisive[i];
		/* each clause named with its title and line, so that the
		 * drafter finds it without the label in mind */
		lp_strbuf *b = !fired[i] ? &list_f : !decisive[i] ? &list_d : NULL;
		if (b) {
			lp_sb_printf(b, "    %s", c->label);
			if (c->title)
				lp_sb_printf(b, " \"%s\"", c->title);
			lp_sb_printf(b, " (%s%sline %u)\n", where ? where : "", where ? " " : "", c->line);
		}
		if (!fired[i])
			lp_sb_printf(&never_f, " %s", s->clauses[i].label);
		if (!decisive[i])
			lp_sb_printf(&never_d, " %s", s->clauses[i].label);
		if (rep) {
			rep->clauses = xrealloc(rep->clauses, (rep->nclauses + 1) * sizeof *rep->clauses);
			clause_cover *cc = &rep->clauses[rep->nclauses++];
			cc->label = strdup(c->label);
			cc->title = c->title ? strdup(c->title) : NULL;
			cc->line = c->line;
			cc->file = strdup(lw->files[c->file]->path);
			cc->fired = fired[i];
			cc->decisive = decisive[i];
		}
	}
	unsigned pf = n ? 100 * nf / n : 100, pd = n ? 100 * nd / n : 100;
	if (rep) {
		rep->fired_pct = pf;
		rep->decisive_pct = pd;
	}
	if (out) {
		fprintf(out, "coverage %s: %u clauses, %u fired (%u%%), %u decisive (%u%%)\n", path, n,
		        nf, pf, nd, pd);
		if (never_f.len)
			fprintf(out, "  never fired:%.*s\n%.*s", (int)never_f.len, never_f.data,
			        (int)list_f.len, list_f.data);
		/* a clause that never fired never decided either: listed once */
		if (never_d.len)
			fprintf(out, "  never decisive:%.*s\n%.*s", (int)never_d.len, never_d.data,
			        (int)list_d.len, list_d.data);
	}
	lp_sb_free(&never_f);
	lp_sb_free(&never_d);
	lp_sb_free(&list_f);
	lp_sb_free(&list_d);
}

void test_report_free(test_report *rep)
{
	for (size_t i = 0; i < rep->ntests; i++) {
		test_case_result *t = &rep->tests[i];
		free(t->name);
		free(t->why);
		free(t->expected);
		free(t->actual);
		free(t->explanation);
	}
	for (size_t i = 0; i < rep->nclauses; i++) {
		free(rep->clauses[i].label);
		free(rep->clauses[i].title);
		free(rep->clauses[i].file);
	}
	free(rep->tests);
	free(rep->clauses);
	free(rep->file);
	memset(rep, 0, sizeof *rep);
}

static test_case_result *add_result(test_report *rep, const lw_test *t, uint32_t line, int passed)
{
	if (!rep)
		return NULL;
	rep->tests = xrealloc(rep->tests, (rep->ntests + 1) * sizeof *rep->tests);
	test_case_result *r = &rep->tests[rep->ntests++];
	memset(r, 0, sizeof *r);
	r->name = strdup(t->name);
	r->line = line;
	r->passed = passed;
	return r;
}

static char *sb_dup(const lp_strbuf *b)
{
	return strndup(b->data ? b->data : "", b->len);
}

int run_tests(const lw_program *lw, pacta_module *mod, FILE *out, int verbose, int *passed,
              int coverage)
{
	return run_tests_report(lw, mod, out, verbose, passed, coverage, NULL);
}

int run_tests_report(const lw_program *lw, pacta_module *mod, FILE *out, int verbose, int *passed,
                     int coverage, test_report *rep)
{
	const lp_schema *s = &lw->schema;
	pacta_request *req = NULL;
	pacta_decision *dec = NULL;
	pacta_error err;
	int failed = 0, ok = 0;
	*passed = 0;
	if (rep) {
		memset(rep, 0, sizeof *rep);
		rep->file = strdup(lw->files[0]->path);
	}
	if (pacta_request_new(mod, &req) != PACTA_OK || pacta_decision_new(mod, &dec) != PACTA_OK) {
		fprintf(stderr, "pacta: out of memory\n");
		pacta_request_free(req);
		return 1;
	}
	uint8_t *fired = xcalloc(s->nclauses + 1, 1), *decisive = xcalloc(s->nclauses + 1, 1);
	for (uint32_t i = 0; i < lw->ntests; i++) {
		const lw_test *t = &lw->tests[i];
		if (t->file != 0)
			continue;   /* only the main file's tests */
		uint32_t line, col;
		span_linecol(t->at, &line, &col);
		lp_request_set_slots(req, t->request);
		if (pacta_decide(mod, req, dec, &err) != PACTA_OK) {
			if (out)
				fprintf(out, "FAIL \"%s\": %s\n", t->name, err.message);
			test_case_result *r = add_result(rep, t, line, 0);
			if (r)
				r->why = strdup(err.message);
			failed++;
			continue;
		}
		if (lp_decision_trace(dec) != PACTA_OK) {
			fprintf(out, "FAIL \"%s\": internal error: the module's fast and full "
			        "entries disagree\n", t->name);
			failed++;
			continue;
		}
		const lp_decision_buf *d = &dec->cold->buf;   /* made whole by lp_decision_trace */
		record(s, d, fired, decisive);
		const char *why = compare(lw, t, d);
		if (!why) {
			ok++;
			add_result(rep, t, line, 1);
			if (verbose && out)
				fprintf(out, "PASS %s:%u: \"%s\"\n", t->at.file->path, line, t->name);
			continue;
		}
		failed++;
		lp_strbuf e = { 0 }, a = { 0 }, x = { 0 };
		describe_expect(lw, t, &e);
		describe_decision(lw, d, &a);
		lp_explain(s, d, &(lp_request_view){ NULL, NULL, t->request }, 0, &x);
		test_case_result *r = add_result(rep, t, line, 0);
		if (r) {
			r->why = strdup(why);
			r->expected = sb_dup(&e);
			r->actual = sb_dup(&a);
			r->explanation = sb_dup(&x);
		}
		lp_strbuf b = { 0 };
		lp_sb_printf(&b, "FAIL %s:%u: \"%s\": %s\n  expected: ", t->at.file->path,
		                line, t->name, why);
		lp_sb_put(&b, e.data, e.len);
		lp_sb_puts(&b, "\n  actual:   ");
		lp_sb_put(&b, a.data, a.len);
		lp_sb_puts(&b, "\n");
		/* indent the explanation under the failure */
		for (size_t p = 0; p < x.len;) {
			size_t q = p;
			while (q < x.len && x.data[q] != '\n')
				q++;
			lp_sb_puts(&b, "    ");
			lp_sb_put(&b, x.data + p, q - p);
			lp_sb_puts(&b, "\n");
			p = q + 1;
		}
		lp_sb_free(&x);
		lp_sb_free(&e);
		lp_sb_free(&a);
		if (out)
			fwrite(b.data, 1, b.len, out);
		lp_sb_free(&b);
	}
	if (coverage || rep)
		report_coverage(lw, coverage ? out : NULL, fired, decisive, rep);
	free(fired);
	free(decisive);
	pacta_decision_free(dec);
	pacta_request_free(req);
	*passed = ok;
	if (rep) {
		rep->passed = ok;
		rep->failed = failed;
	}
	return failed;
}

/* ---- reports for CI ---- */

static void gs(yajl_gen g, const char *s)
{
	if (s)
		yajl_gen_string(g, (const unsigned char *)s, strlen(s));
	else
		yajl_gen_null(g);
}

void test_reports_json(FILE *out, const test_report *reps, size_t n, unsigned threshold)
{
	yajl_gen g = yajl_gen_alloc(NULL);
	yajl_gen_config(g, yajl_gen_beautify, 1);
	yajl_gen_config(g, yajl_gen_indent_string, "  ");
	int passed = 0, failed = 0;
	yajl_gen_map_open(g);
	gs(g, "files");
	yajl_gen_array_open(g);
	for (size_t i = 0; i < n; i++) {
		const test_report *r = &reps[i];
		passed += r->passed;
		failed += r->failed;
		yajl_gen_map_open(g);
		gs(g, "file"), gs(g, r->file);
		gs(g, "passed"), yajl_gen_integer(g, r->passed);
		gs(g, "failed"), yajl_gen_integer(g, r->failed);
		gs(g, "tests");
		yajl_gen_array_open(g);
		for (size_t j = 0; j < r->ntests; j++) {
			const test_case_result *t = &r->tests[j];
			yajl_gen_map_open(g);
			gs(g, "name"), gs(g, t->name);
			gs(g, "line"), yajl_gen_integer(g, t->line);
			gs(g, "status"), gs(g, t->passed ? "passed" : "failed");
			if (!t->passed) {
				gs(g, "reason"), gs(g, t->why);
				gs(g, "expected"), gs(g, t->expected);
				gs(g, "actual"), gs(g, t->actual);
				gs(g, "explanation"), gs(g, t->explanation);
			}
			yajl_gen_map_close(g);
		}
		yajl_gen_array_close(g);
		gs(g, "coverage");
		yajl_gen_map_open(g);
		gs(g, "fired_percent"), yajl_gen_integer(g, r->fired_pct);
		gs(g, "decisive_percent"), yajl_gen_integer(g, r->decisive_pct);
		gs(g, "clauses");
		yajl_gen_array_open(g);
		for (size_t j = 0; j < r->nclauses; j++) {
			const clause_cover *c = &r->clauses[j];
			yajl_gen_map_open(g);
			gs(g, "label"), gs(g, c->label);
			gs(g, "title"), gs(g, c->title);
			gs(g, "file"), gs(g, c->file);
			gs(g, "line"), yajl_gen_integer(g, c->line);
			gs(g, "fired"), yajl_gen_bool(g, c->fired);
			gs(g, "decisive"), yajl_gen_bool(g, c->decisive);
			yajl_gen_map_close(g);
		}
		yajl_gen_array_close(g);
		yajl_gen_map_close(g);
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);
	gs(g, "passed"), yajl_gen_integer(g, passed);
	gs(g, "failed"), yajl_gen_integer(g, failed);
	if (threshold)
		gs(g, "threshold"), yajl_gen_integer(g, threshold);
	yajl_gen_map_close(g);
	const unsigned char *buf;
	size_t len;
	yajl_gen_get_buf(g, &buf, &len);
	fwrite(buf, 1, len, out);
	yajl_gen_free(g);
}

static void xml(FILE *out, const char *s)
{
	html_escape(out, s, strlen(s));
}

void test_reports_junit(FILE *out, const test_report *reps, size_t n)
{
	int tests = 0, failures = 0;
	for (size_t i = 0; i < n; i++)
		tests += (int)reps[i].ntests, failures += reps[i].failed;
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(out, "<testsuites name=\"pacta test\" tests=\"%d\" failures=\"%d\">\n", tests, failures);
	for (size_t i = 0; i < n; i++) {
		const test_report *r = &reps[i];
		fprintf(out, "  <testsuite name=\"");
		xml(out, r->file);
		fprintf(out, "\" tests=\"%zu\" failures=\"%d\">\n", r->ntests, r->failed);
		for (size_t j = 0; j < r->ntests; j++) {
			const test_case_result *t = &r->tests[j];
			fprintf(out, "    <testcase classname=\"");
			xml(out, r->file);
			fprintf(out, "\" name=\"");
			xml(out, t->name);
			fprintf(out, "\" file=\"");
			xml(out, r->file);
			fprintf(out, "\" line=\"%u\"", t->line);
			if (t->passed) {
				fprintf(out, "/>\n");
				continue;
			}
			fprintf(out, ">\n      <failure message=\"");
			xml(out, t->why);
			fprintf(out, "\">");
			if (t->expected) {
				fprintf(out, "expected: ");
				xml(out, t->expected);
				fprintf(out, "\nactual:   ");
				xml(out, t->actual);
				fprintf(out, "\n");
				xml(out, t->explanation);
			}
			fprintf(out, "</failure>\n    </testcase>\n");
		}
		fprintf(out, "  </testsuite>\n");
	}
	fprintf(out, "</testsuites>\n");
}

void test_report_uncompiled(test_report *rep, const char *file)
{
	rep->file = strdup(file);
	rep->tests = xcalloc(1, sizeof *rep->tests);
	rep->ntests = 1;
	rep->failed = 1;
	rep->tests[0].name = strdup("the agreement compiles");
	rep->tests[0].why = strdup("the agreement has errors (pacta check shows them)");
}
