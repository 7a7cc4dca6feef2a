/*
 * diff_check.c — the semantic diff (compiler/smt.c) on two agreements.
 *
 *   diff_check OLD.pacta NEW.pacta [EXPECT] [--json] [--greedy]
 *
 * Prints the report (text, or JSON with --json; --greedy: the unsat-core
 * witnesses instead of the optimizer's).  Fails (exit 1) when a
 * witness does not reproduce on both evaluators, when the solver gave up,
 * and, with EXPECT (a file with one kind per line, e.g. "grant -> refuse"
 * or "keep_for: 90 -> 60 days"; an empty file for none), when the kinds
 * found are not exactly those.  With OLD = NEW, the agreement must have no
 * kinds of change and every signature must be equivalent.
 */
#include <stdlib.h>
#include <string.h>

#include "pactac.h"
#include "report.h"

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	const char *files[3] = { NULL, NULL, NULL };
	int nf = 0, json = 0;
	smt_diff_options o;
	smt_diff_options_default(&o);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--greedy") == 0)
			o.optimize = 0;
		else if (nf < 3)
			files[nf++] = argv[i];
	}
	if (nf < 2) {
		fprintf(stderr, "usage: diff_check OLD.pacta NEW.pacta [EXPECT] [--json] [--greedy]\n");
		return 2;
	}
	load_opts lo = { 0 };
	lo.stdlib_dir = getenv("PACTA_STDLIB") ? getenv("PACTA_STDLIB") : "stdlib";
	compilation ca, cb;
	lw_program *a = compile_file(&ca, &lo, files[0], stderr);
	lw_program *b = a ? compile_file(&cb, &lo, files[1], stderr) : NULL;
	if (!a || !b)
		return 1;
	/* as pacta diff: each version with the members only the other has */
	load_opts lside[2] = { lo, lo };
	lside[0].main_text = a->files[0]->text;
	lside[0].main_len = a->files[0]->len;
	lside[1].main_text = b->files[0]->text;
	lside[1].main_len = b->files[0]->len;
	const load_opts *lop[2] = { &lside[0], &lside[1] };
	const char *path[2] = { files[0], files[1] };
	const lw_program *orig[2] = { a, b };
	diff_inputs in;
	diff_prepare(&in, lop, path, orig);
	o.match = &in.match;
	o.foreign = in.members;
	o.nforeign = in.nmembers;
	o.notes = (const char *const *)in.notes;
	o.nnotes = in.nnotes;
	smt_diff_result r;
	if (smt_diff(in.lw[0], in.lw[1], &o, &r) != 0) {
		fprintf(stderr, "diff_check: %s\n", r.error);
		return 1;
	}
	report_semantic(stdout, json ? REPORT_JSON : REPORT_TEXT, &r);
	printf("%s vs %s: %zu kinds, %.3f s\n", files[0], files[1], r.nchanges, r.seconds);
	int bad = 0;
	if (r.bugs) {
		fprintf(stderr, "FAIL %s vs %s: %zu witnesses do not reproduce\n", files[0], files[1], r.bugs);
		bad = 1;
	}
	if (r.unknown) {
		fprintf(stderr, "FAIL %s vs %s: the solver gave up\n", files[0], files[1]);
		bad = 1;
	}
	if (strcmp(files[0], files[1]) == 0) {
		if (r.nchanges || r.nschema) {
			fprintf(stderr, "FAIL %s against itself: %zu kinds of change\n", files[0], r.nchanges);
			bad = 1;
		}
		if (r.has_signatures && r.sig_count[SMT_SIG_EQUIVALENT] != r.nsigs) {
			fprintf(stderr, "FAIL %s against itself: signatures not all equivalent\n", files[0]);
			bad = 1;
		}
	}
	if (files[2]) {
		FILE *f = fopen(files[2], "r");
		if (!f) {
			perror(files[2]);
			return 1;
		}
		char line[512];
		char **want = NULL;
		size_t nw = 0;
		while (fgets(line, sizeof line, f)) {
			line[strcspn(line, "\n")] = 0;
			if (!line[0])
				continue;
			want = xrealloc(want, (nw + 1) * sizeof *want);
			want[nw++] = strdup(line);
		}
		fclose(f);
		char **got = xcalloc(r.nchanges + 1, sizeof *got);
		for (size_t i = 0; i < r.nchanges; i++)
			got[i] = r.changes[i].kind;
		qsort(want, nw, sizeof *want, cmp);
		qsort(got, r.nchanges, sizeof *got, cmp);
		int same = nw == r.nchanges;
		for (size_t i = 0; same && i < nw; i++)
			same = strcmp(want[i], got[i]) == 0;
		if (!same) {
			fprintf(stderr, "FAIL %s vs %s: kinds differ from %s\n  expected:", files[0], files[1], files[2]);
			for (size_t i = 0; i < nw; i++)
				fprintf(stderr, " [%s]", want[i]);
			fprintf(stderr, "\n  found:   ");
			for (size_t i = 0; i < r.nchanges; i++)
				fprintf(stderr, " [%s]", got[i]);
			fprintf(stderr, "\n");
			bad = 1;
		}
		for (size_t i = 0; i < nw; i++)
			free(want[i]);
		free(want);
		free(got);
	}
	smt_diff_result_free(&r);
	diff_inputs_free(&in);
	compilation_free(&ca);
	compilation_free(&cb);
	return bad;
}
