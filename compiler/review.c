/*
 * review.c — `pacta diff`: two versions of an agreement read (sources,
 * modules' embedded sources, or two versions of a Party's part of one,
 * each put in the agreement that imports it), compared (diff.c for the
 * text, smt_diff.c for the decisions, replay.c for logged requests) and
 * the report written (report.c).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "options.h"
#include "outfile.h"
#include "prove.h"
#include "replay.h"
#include "report.h"
#include "review.h"
#include "run.h"
#include "smt.h"

lw_program *review_version(compilation *cm, load_opts *lo, const char *path, module_sources *ms)
{
	memset(ms, 0, sizeof *ms);
	if (!opts_is_module(path))
		return compile_file(cm, lo, path, stderr);
	compilation_init(cm, stderr);
	if (run_module_sources(path, ms) != 0)
		return NULL;
	module_sources_load(ms, lo);
	compilation_free(cm);
	lw_program *lw = compile_file(cm, lo, path, stderr);
	/* what it carries is what it was built from: a module whose files
	 * do not hash so was not made by `pacta build` */
	if (lw && !source_hash_is(lw, ms->sha256)) {
		fprintf(stderr, "pacta: %s: " SOURCES_NOT_BUILT_FROM "\n", path);
		return NULL;
	}
	return lw;
}

/* A version of a Party's part of an agreement: its text in place of the
 * file the agreement imports (load_opts.overlay). */
typedef struct part_version {
	const part_pair *pp;
	int k;
	const char *path;   /* the version's file, as the command named it */
} part_version;

static const char *part_text(void *ctx, const char *real, size_t *len)
{
	const part_version *v = ctx;
	if (strcmp(real, v->pp->real) != 0)
		return NULL;
	*len = v->pp->len[v->k];
	return v->pp->text[v->k];
}

/* Its diagnostics name the version's own file. */
static const char *part_shown(void *ctx, const char *real)
{
	const part_version *v = ctx;
	return strcmp(real, v->pp->real) ? NULL : v->path;
}

/* compile_file with its diagnostics kept in *said (to free), not
 * printed; *made when cm was made (to free), which only a failed
 * memory stream prevents. */
static const lw_program *compile_quietly(compilation *cm, const load_opts *lo, const char *path, char **said,
                                         int *made)
{
	size_t n = 0;
	FILE *dg = open_memstream(said, &n);
	*made = dg != NULL;
	if (!dg)
		return NULL;
	const lw_program *p = compile_file(cm, lo, path, dg);
	fclose(dg);
	return p;
}

/* Takes a failing assert's counterexample from r into g. */
static void take_counterexample(diff_guarantee *g, prove_result *r)
{
	g->request_json = r->request_json;
	g->decision_json = r->decision_json;
	g->decision_text = r->decision_text;
	g->asymmetries = r->asymmetries;
	r->request_json = r->decision_json = r->decision_text = r->asymmetries = NULL;
}

/* The first error's message of diagnostics as a C compiler writes them
 * ("path:line:col: error: MESSAGE"): where it stands is in a text the
 * reviewer never wrote. */
static char *first_error(const char *said)
{
	const char *e = said ? strstr(said, ": error: ") : NULL;
	if (!e)
		return strdup("it does not check");
	e += strlen(": error: ");
	return strndup(e, strcspn(e, "\n"));
}

/* An assert of the old version that the new one withdrew (g, its text
 * `stated`), proven in the new version all the same: put at the end of
 * the new main file (`lo`, read from `path`), which is compiled again and
 * proves it alone; or why it cannot be stated there.  (Compiled once for
 * all of them, the time is the same: it is the proofs'.) */
static void prove_withdrawn(diff_guarantee *g, const char *stated, const load_opts *lo, const char *path)
{
	lp_strbuf t = { 0 };
	lp_sb_put(&t, lo->main_text, lo->main_len);
	lp_sb_printf(&t, "\n%s\n", stated);
	load_opts l = *lo;
	l.main_text = t.data;
	l.main_len = t.len;
	char *said = NULL;
	compilation cm;
	int made;
	const lw_program *p = compile_quietly(&cm, &l, path, &said, &made);
	for (uint32_t k = 0; p && k < p->nasserts; k++) {
		const lw_assert *b = &p->asserts[k];
		if (b->file != 0 || b->at.start < lo->main_len)
			continue;
		lw_program one = *p;
		one.asserts = b;
		one.nasserts = 1;
		prove_result r;
		memset(&r, 0, sizeof r);
		prove_asserts(&one, &r, 1);
		g->neu = r.status;
		g->vacuous[1] = r.status == PROVE_PROVEN && r.vacuous;
		if (r.status == PROVE_FAILS || r.status == PROVE_BUG)
			take_counterexample(g, &r);
		prove_result_free(&r);
	}
	if (!p)
		g->unstated = first_error(said);
	if (made)
		compilation_free(&cm);
	free(said);
	lp_sb_free(&t);
}

/* The guarantees: every assert of the new version's main file proven in
 * it, and in the old version when its main file has an assert of that
 * name; then every assert the new version withdrew (the structure lists
 * it removed), proven in the old version and in the new one (`lo`, read
 * from `path`); into sr. */
static void prove_guarantees(const lw_program *x, const lw_program *y, const load_opts *lo, const char *path,
                             diff_result *sr)
{
	size_t ny = 0, nw = 0;
	for (uint32_t i = 0; i < y->nasserts; i++)
		ny += y->asserts[i].file == 0;
	for (uint32_t i = 0; i < x->nasserts; i++)
		sr->old_asserts += x->asserts[i].file == 0;
	for (size_t k = 0; k < sr->n; k++)
		nw += sr->items[k].op == DIFF_REMOVED && !strcmp(sr->items[k].what, "assert");
	if (!ny && !nw)
		return;
	prove_result *rx = xcalloc(x->nasserts + 1, sizeof *rx), *ry = xcalloc(y->nasserts + 1, sizeof *ry);
	prove_asserts(y, ry, 1);
	prove_asserts(x, rx, 1);
	sr->guar = xcalloc(ny + nw, sizeof *sr->guar);
	for (uint32_t i = 0; i < y->nasserts; i++) {
		const lw_assert *a = &y->asserts[i];
		if (a->file != 0)
			continue;
		diff_guarantee *g = &sr->guar[sr->nguar++];
		g->name = a->name;
		g->neu = ry[i].status;
		g->old = -1;
		g->vacuous[1] = ry[i].status == PROVE_PROVEN && ry[i].vacuous;
		for (uint32_t j = 0; j < x->nasserts; j++)
			if (x->asserts[j].file == 0 && x->asserts[j].kind == a->kind && !strcmp(x->asserts[j].name, a->name)) {
				g->old = rx[j].status;
				g->vacuous[0] = rx[j].status == PROVE_PROVEN && rx[j].vacuous;
			}
		if (g->neu == PROVE_FAILS || g->neu == PROVE_BUG)
			take_counterexample(g, &ry[i]);
		/* reworded: the structure lists it changed */
		for (size_t k = 0; k < sr->n; k++)
			if (sr->items[k].op == DIFF_CHANGED && !strcmp(sr->items[k].what, "assert")
			    && !strcmp(sr->items[k].name, a->name) && sr->items[k].same_rules != 3)
				g->reworded = 1;   /* not when only a member's name changed */
	}
	for (size_t k = 0; k < sr->n; k++) {
		const diff_item *it = &sr->items[k];
		if (it->op != DIFF_REMOVED || strcmp(it->what, "assert") || !it->old)
			continue;
		diff_guarantee *g = &sr->guar[sr->nguar++];
		g->name = it->name;
		g->withdrawn = 1;
		g->old = g->neu = -1;
		for (uint32_t j = 0; j < x->nasserts; j++)
			if (!strcmp(x->asserts[j].name, it->name)) {
				g->old = rx[j].status;
				g->vacuous[0] = rx[j].status == PROVE_PROVEN && rx[j].vacuous;
			}
		prove_withdrawn(g, it->old, lo, path);
	}
	for (uint32_t i = 0; i < y->nasserts; i++)
		prove_result_free(&ry[i]);
	for (uint32_t i = 0; i < x->nasserts; i++)
		prove_result_free(&rx[i]);
	free(rx);
	free(ry);
}

/* The old version's files written with the members' new names
 * (diff_renamed_members), by real path; the others as the load options
 * they stand in front of give them. */
typedef struct renamed_files {
	char **text, **real;
	uint32_t n;
	const char *(*prev)(void *, const char *, size_t *);
	const char *(*prev_shown)(void *, const char *);
	void *prev_ctx;
} renamed_files;

static const char *renamed_file_text(void *ctx, const char *real, size_t *len)
{
	const renamed_files *rf = ctx;
	for (uint32_t f = 1; f < rf->n; f++)
		if (rf->text[f] && rf->real[f] && !strcmp(rf->real[f], real)) {
			*len = strlen(rf->text[f]);
			return rf->text[f];
		}
	return rf->prev ? rf->prev(rf->prev_ctx, real, len) : NULL;
}

static const char *renamed_file_shown(void *ctx, const char *real)
{
	const renamed_files *rf = ctx;
	return rf->prev_shown ? rf->prev_shown(rf->prev_ctx, real) : NULL;
}

/* Whether the report reached standard output whole, said if not: flushed
 * here, so that a full disk is known before the exit status is chosen. */
static int report_written(int rc)
{
	return outfile_finish(stdout, "standard output") == 0 && rc == 0;
}

int review_run(const opts *o)
{
	const char *a = o->args.items[0], *b = o->args.items[1];
	compilation ca, cb;
	module_sources ta, tb;
	/* two versions of a part: the agreement that imports it, twice (a
	 * module is a whole agreement, with its parts in it) */
	part_pair pp;
	if (opts_is_module(a) || opts_is_module(b))
		memset(&pp, 0, sizeof pp);
	else
		parts_as_whole(a, b, &pp);
	const char *whole = pp.whole;
	opts ver[2] = { *o, *o };
	part_version pv[2] = { { &pp, 0, a }, { &pp, 1, b } };
	for (int s = 0; whole && s < 2; s++) {
		ver[s].load.overlay = part_text;
		ver[s].load.overlay_shown = part_shown;
		ver[s].load.overlay_ctx = &pv[s];
	}
	lw_program *x = review_version(&ca, &ver[0].load, whole ? whole : a, &ta);
	lw_program *y = review_version(&cb, &ver[1].load, whole ? whole : b, &tb);
	/* not compared: with --exit-code, 1 would say "changed" */
	const int trouble = o->exit_code ? EXIT_TROUBLE : EXIT_INPUT;
	int rc = trouble;
	if (x && y) {
		/* each version again with the enum members only the other has,
		 * from the text already read (a pipe is read once) */
		load_opts lo[2] = { ver[0].load, ver[1].load };
		const lw_program *side[2] = { x, y };
		const char *path[2] = { whole ? whole : a, whole ? whole : b };
		/* a member renamed: the old version compared as if written
		 * with its new name */
		diff_renamed_member *ren;
		diff_rename_doubt *doubts;
		char **rtext;
		compilation cr;
		size_t ndoubts, nren = diff_renamed_members(&ca.prog, x, &cb.prog, y, &ren, &rtext, &doubts, &ndoubts);
		renamed_files rf = { rtext, NULL, nren ? x->nfiles : 0, lo[0].overlay, lo[0].overlay_shown, lo[0].overlay_ctx };
		if (nren) {
			rf.real = xcalloc(x->nfiles + 1, sizeof *rf.real);
			for (uint32_t f = 1; f < x->nfiles; f++)
				rf.real[f] = rtext[f] && x->files[f]->real ? strdup(x->files[f]->real) : NULL;
			lo[0].overlay = renamed_file_text;
			lo[0].overlay_shown = renamed_file_shown;
			lo[0].overlay_ctx = &rf;
			load_opts rl = lo[0];
			rl.main_text = rtext[0] ? rtext[0] : x->files[0]->text;
			rl.main_len = strlen(rl.main_text);
			/* it checks as the old version does: nothing to say */
			char *said = NULL;
			int made;
			const lw_program *rx = compile_quietly(&cr, &rl, path[0], &said, &made);
			free(said);
			if (rx) {
				side[0] = rx;
			} else {
				if (made)
					compilation_free(&cr);
				nren = 0;
				lo[0].overlay = rf.prev;
				lo[0].overlay_shown = rf.prev_shown;
				lo[0].overlay_ctx = rf.prev_ctx;
			}
		}
		for (int s = 0; s < 2; s++) {
			lo[s].main_text = side[s]->files[0]->text;
			lo[s].main_len = side[s]->files[0]->len;
		}
		const load_opts *lop[2] = { &lo[0], &lo[1] };
		diff_inputs in;
		diff_prepare(&in, lop, path, side);
		in.match.members_renamed = ren;
		in.match.nmembers_renamed = nren;
		/* --exit-code=labels: a clause renumbered, a field or a member
		 * renamed is a change too, searched or replayed */
		int relabelled = o->exit_code == EXIT_ON_LABELS
		                 && (in.match.nrenumbered > 0 || in.match.nrenamed > 0 || nren > 0);
		diff_result sr;
		smt_diff_result r;
		smt_diff_options so;
		smt_diff_options_default(&so);
		so.match = &in.match;
		so.foreign = in.members;
		so.nforeign = in.nmembers;
		so.notes = (const char *const *)in.notes;
		so.nnotes = in.nnotes;
		so.baseline = o->baseline;
		so.by = o->by.len ? (const char *const *)o->by.items : NULL;
		so.nby = o->by.len;
		if (!o->by.len && y->scope.nsummary) {
			/* no --by: the new version's `summary by` */
			so.by = y->scope.summary;
			so.nby = y->scope.nsummary;
		}
		if (o->max_causes)
			so.max_causes = (unsigned)o->max_causes;
		/* PACTA_DIFF_PROGRESS_MS: when the progress line starts (tests) */
		so.progress = (unsigned)env_limit("PACTA_DIFF_PROGRESS_MS", 2000, 1, 86400000);
		so.progress_every = (int)env_limit("PACTA_DIFF_PROGRESS_EVERY_MS", -1, 0, 86400000);
		diff_structural(&ca.prog, x, &cb.prog, y, &in.match, ren, nren, doubts, ndoubts, &sr);
		sr.part_of = whole;
		sr.others = pp.others;
		sr.others_len = pp.others_len;
		prove_guarantees(x, y, &lo[1], path[1], &sr);
		char by_error[256];
		if (!o->by.len && so.nby && diff_check_by(in.lw, &in.match, so.by, so.nby, by_error, sizeof by_error) != 0) {
			/* the header asks for what this pair of versions cannot give */
			fprintf(stderr, "pacta: diff: warning: the new version's 'summary by' cannot be used (%s): "
			        "the summary is by the Parties alone\n", by_error + 5);
			so.by = NULL;
			so.nby = 0;
		}
		if (diff_check_by(in.lw, &in.match, so.by, so.nby, by_error, sizeof by_error) != 0) {
			fprintf(stderr, "pacta: diff: %s\n", by_error);
			memset(&r, 0, sizeof r);
		} else if (o->replay) {
			/* the logged requests, decided by the versions as compiled */
			replay_options ro = { .path = o->replay, .examples = o->examples >= 0 ? (size_t)o->examples : 5,
			                      .by = so.by, .nby = so.nby, .match = &in.match,
			                      .renamed = ren, .nrenamed = nren,
			                      .native_from = (size_t)env_limit("PACTA_REPLAY_NATIVE_FROM", 16 << 20, 0,
			                                                       (long)1 << 40) };
			replay_result rr;
			if (replay_run(x, y, &ro, &rr) != 0) {
				fprintf(stderr, "pacta: diff: %s\n", rr.error);
			} else {
				int written = report_written(report_diff(stdout, o->format, a, b, &ca.prog, x, &cb.prog,
				                                         y, &sr, NULL, &rr));
				rc = !written ? trouble
				   : o->exit_code && (rr.changed > 0 || rr.one_side > 0 || relabelled) ? EXIT_INPUT : 0;
			}
			replay_result_free(&rr);
			memset(&r, 0, sizeof r);
		} else if (smt_diff(in.lw[0], in.lw[1], &so, &r) != 0) {
			fprintf(stderr, "pacta: diff: %s\n", r.error);
		} else {
			int written = report_written(report_diff(stdout, o->format, a, b, &ca.prog, x, &cb.prog, y,
			                                         &sr, &r, NULL));
			if (r.bugs)
				fprintf(stderr, "pacta: diff: %zu witness%s did not reproduce: a bug in pacta, please report it\n",
				        r.bugs, r.bugs == 1 ? "" : "es");
			/* a default changed: a request that leaves the field out
			 * may be decided differently (not among those compared) */
			int changed = r.nchanges > 0 || r.ndefaults > 0 || relabelled;
			/* requests left out (a member a version cannot be
			 * given): not known to be decided alike, so not passed */
			changed = changed || in.nnotes > 0;
			rc = !written ? trouble : o->exit_code && changed ? EXIT_INPUT : 0;
		}
		smt_diff_result_free(&r);
		diff_result_free(&sr);
		diff_inputs_free(&in);
		if (nren)
			compilation_free(&cr);
		free(ren);
		for (size_t k = 0; k < ndoubts; k++)
			free(doubts[k].text);
		free(doubts);
		for (uint32_t f = 0; f < rf.n; f++) {
			free(rtext[f]);
			free(rf.real ? rf.real[f] : NULL);
		}
		free(rtext);
		free(rf.real);
	} else {
		compilation_report(&ca);
		compilation_report(&cb);
		if (pp.parts && !whole)
			fprintf(stderr, "pacta: diff: note: %s and %s have no agreement header, and no agreement "
			        "beside them imports either: diff the agreements that import them\n", a, b);
	}
	compilation_free(&ca);
	compilation_free(&cb);
	module_sources_free(&ta);
	module_sources_free(&tb);
	part_pair_free(&pp);
	return rc;
}
