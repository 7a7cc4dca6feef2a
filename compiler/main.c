/*
 * main.c — the `pacta` command: the pipeline, stage by stage, per command.
 *
 *   load_program -> check_program -> lower_program -> one of
 *     emit_module (build, test --native)   the native rule module
 *     the interpreter hosted as a module   eval, explain, test
 *     doc_render, diff + report_diff, fmt_source
 *
 * The rest lives in the stages' files (usage.c holds the help text).
 * Exit status: 0 success, 1 errors in the user's input (sources, tests,
 * requests, files), 2 misuse of the command line.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "codegen.h"
#include "doc.h"
#include "outfile.h"
#include "lint.h"
#include "lsp.h"
#include "watch.h"
#include "prove.h"
#include "report.h"
#include "run.h"
#include "signing.h"
#include "usage.h"
#include "../runtime/libpacta.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2

/* --exit-code: exit 1 when some request is decided differently; with
 * =labels, also when a clause was renumbered. */
enum { EXIT_ON_MEANING = 1, EXIT_ON_LABELS = 2 };

typedef struct opts {
	load_opts load;
	int no_lint, lint_list;    /* check --no-lint; lint --list */
	int watch;                 /* check, test --watch */
	int test_format;           /* test --format: enum test_format */
	unsigned threshold;        /* test --threshold N (per cent) */
	const char *lint_only;     /* lint --only NAME */
	int color;                 /* --color: -1 auto, 0 never, 1 always */
	int trace, verbose, native, coverage, fmt_write, fmt_check, exit_code, opt_level;
	int reciprocity;           /* check --reciprocity */
	int format;                /* diff: enum report_format */
	int to;                    /* explain --to: enum po_outcome, or -1 */
	enum emit_kind emit;
	const char *output, *triple;
	const char *sign_key;      /* build --sign */
	const char *baseline;      /* diff --baseline */
	vec by;                    /* diff --by FIELD, in order */
	long max_causes;           /* diff --max-causes */
	const char *replay;        /* diff --replay FILE */
	long examples;             /* diff --examples N, or -1 */
	vec trust;                 /* --trust KEY.pub, in order */
	vec args;
} opts;

enum test_format { TF_TEXT, TF_JSON, TF_JUNIT };

/* ---- the front end ---- */

/* load -> check -> lower; NULL after the errors were printed. */
static lw_program *front_end(compilation *cm, const opts *o, const char *path)
{
	compilation_init(cm, stderr);
	if (load_program(&cm->prog, &o->load, path) != 0 || cm->dg.errors)
		return NULL;
	cm->chk = check_program(&cm->prog);
	if (cm->dg.errors)
		return NULL;
	return cm->lw = lower_program(cm->chk);
}

/* The error count, if any; the exit status it calls for.  (Not when no
 * source was read: the one message said it all; nor for tools, which
 * count for themselves.) */
static int report_errors(const compilation *cm)
{
	if (cm->dg.errors && cm->prog.files.len && cm->dg.format == DIAG_TEXT)
		fprintf(stderr, "%d error%s\n", cm->dg.errors, cm->dg.errors == 1 ? "" : "s");
	return cm->dg.errors ? EXIT_INPUT : 0;
}

/* The front end on the canonical form of the agreement (pacta fmt), which
 * is what a module is built from, so that its embedded source, its hash
 * and its clauses' lines do not depend on layout or comments: the source
 * is checked as written first (diagnostics point into the file), then
 * formatted and checked again. */
static lw_program *front_end_canonical(compilation *cm, const opts *o, const char *src,
                                       lp_strbuf *canon)
{
	if (!front_end(cm, o, src))
		return NULL;
	if (fmt_source(&cm->prog, cm->lw->files[0], canon) != 0 || canon->failed) {
		fprintf(stderr, "pacta: internal error: cannot format %s\n", src);
		return NULL;
	}
	compilation_free(cm);
	opts co = *o;
	co.load.main_text = canon->data;
	co.load.main_len = canon->len;
	lw_program *lw = front_end(cm, &co, src);
	if (!lw)
		fprintf(stderr, "pacta: internal error: the canonical form of %s does not check\n", src);
	return lw;
}

/* A module by its name, or by its first bytes (an ELF file renamed
 * M.so.bak is no source to parse). */
static int is_module(const char *path)
{
	size_t n = strlen(path);
	if (n > 3 && strcmp(path + n - 3, ".so") == 0)
		return 1;
	struct stat st;
	char head[4];
	int fd = lp_open_regular(path, &st);
	if (fd < 0)
		return 0;
	ssize_t got = read(fd, head, sizeof head);
	close(fd);
	return got == (ssize_t)sizeof head && memcmp(head, "\x7f" "ELF", 4) == 0;
}

/* A session on a module file, or on the interpreter over a source. */
static int open_session(session *ss, compilation *cm, const opts *o, const char *path)
{
	memset(cm, 0, sizeof *cm);
	if (is_module(path))
		return session_open_module(ss, path) == 0 ? 0 : EXIT_INPUT;
	lw_program *lw = front_end(cm, o, path);
	if (!lw)
		return report_errors(cm);
	return session_open_program(ss, lw) == 0 ? 0 : EXIT_INPUT;
}

/* ---- the commands ---- */

/* `pacta check --reciprocity`: proven, with what the proof leaves aside,
 * on standard output; or an error at the header with each asymmetry. */
static void check_reciprocity(compilation *cm, const char *path)
{
	const lw_program *lw = cm->lw;
	if (!lw->scope.parties) {
		diag_plain(&cm->dg, "%s: --reciprocity swaps the requesting and the requested Party, but the "
		           "agreement lists no 'parties'", path);
		return;
	}
	prove_result r;
	prove_reciprocity(lw, &r);
	if (r.status == PROVE_PROVEN) {
		printf("%s: reciprocal%s\n%s", path, *r.aside ? ", except through:" : "", r.aside);
	} else if (r.status == PROVE_FAILS) {
		diag_error(&cm->dg, lw->scope.at, "the agreement is not reciprocal: swapping the requesting and "
		           "the requested Party changes the decision");
		fputs(r.asymmetries, cm->dg.out);
	} else if (r.status == PROVE_UNKNOWN) {
		diag_error(&cm->dg, lw->scope.at, "reciprocity could not be proven in time (PACTA_PROVE_TIMEOUT_MS)");
	} else {
		diag_error(&cm->dg, lw->scope.at, "internal error: reciprocity: %s: a bug in pacta, please report it", r.bug);
		fputs(r.asymmetries, cm->dg.out);
	}
	prove_result_free(&r);
}

/* --watch: the files a compilation read, named in `files` (in `ar`); the
 * file asked for when it read none (it does not exist yet). */
static void note_files(const compilation *cm, const char *path, vec *files, arena *ar)
{
	if (!files)
		return;
	if (!cm->prog.files.len)
		vec_push(ar, files, (void *)path);
	for (size_t i = 0; i < cm->prog.files.len; i++) {
		const srcfile *f = cm->prog.files.items[i];
		vec_push(ar, files, arena_strndup(ar, f->path, strlen(f->path)));
	}
}

/* The lints of a clean program (lint.c); warnings do not fail `check`. */
static int run_lints(compilation *cm, const opts *o)
{
	lint_opts lo = { .only = o->lint_only };
	int n = lint_program(&cm->prog, cm->lw, &lo);
	if (n && cm->dg.format == DIAG_TEXT)
		fprintf(stderr, "%d warning%s\n", n, n == 1 ? "" : "s");
	return n;
}

static int check_files(void *ctx, vec *files, arena *ar)
{
	opts *o = ctx;
	int rc = 0;
	for (size_t i = 0; i < o->args.len; i++) {
		compilation cm;
		if (front_end(&cm, o, o->args.items[i])) {
			/* the asserts are proven first: a lint is no use on an
			 * agreement that breaks its own guarantees */
			if (prove_program(cm.lw, &cm.dg) == 0 && !o->no_lint)
				run_lints(&cm, o);
			if (o->reciprocity)
				check_reciprocity(&cm, o->args.items[i]);
		}
		rc |= report_errors(&cm);
		note_files(&cm, o->args.items[i], files, ar);
		compilation_free(&cm);
	}
	if (files && !rc)
		fprintf(stderr, "pacta check: no errors\n");
	return rc;
}

static int cmd_check(opts *o)
{
	return o->watch ? watch_run(check_files, o, stdout) : check_files(o, NULL, NULL);
}

/* `pacta lint`: the lints alone, exit 1 when any finding is reported. */
static int cmd_lint(opts *o)
{
	int rc = 0;
	if (o->lint_list) {
		for (int i = 0; i < LINT__COUNT; i++)
			printf("%-24s warning  %s\n", lint_table[i].name, lint_table[i].what);
		return 0;
	}
	if (!o->args.len) {
		fputs(usage_lint, stderr);
		return EXIT_USAGE;
	}
	if (o->lint_only) {
		int known = 0;
		for (int i = 0; i < LINT__COUNT; i++)
			known |= !strcmp(o->lint_only, lint_table[i].name);
		if (!known) {
			fprintf(stderr, "pacta: lint: no lint is named '%s' (pacta lint --list)\n", o->lint_only);
			return EXIT_USAGE;
		}
	}
	for (size_t i = 0; i < o->args.len; i++) {
		compilation cm;
		if (front_end(&cm, o, o->args.items[i]) && run_lints(&cm, o))
			rc = EXIT_INPUT;
		rc |= report_errors(&cm);
		compilation_free(&cm);
	}
	return rc;
}

static int test_files(void *ctx, vec *files, arena *ar)
{
	opts *o = ctx;
	int rc = 0, passed = 0, failed = 0, below = 0;
	test_report *reps = xcalloc(o->args.len + 1, sizeof *reps);
	size_t nrep = 0;
	FILE *out = o->test_format == TF_TEXT ? stdout : NULL;
	for (size_t i = 0; i < o->args.len; i++) {
		compilation cm;
		session ss = { 0 };
		pacta_module *native = NULL;
		lw_program *lw = front_end(&cm, o, o->args.items[i]);
		if (!lw || prove_program(lw, &cm.dg)) {
			rc = report_errors(&cm);
			/* for the reports, a file that does not compile is a failure */
			test_report *rep = &reps[nrep++];
			rep->file = strdup(o->args.items[i]);
			rep->tests = xcalloc(1, sizeof *rep->tests);
			rep->ntests = 1;
			rep->failed = 1;
			rep->tests[0].name = strdup("the agreement compiles");
			rep->tests[0].why = strdup("the agreement has errors (pacta check shows them)");
		} else if (o->native ? run_build_native(lw, o->opt_level, &native) != 0 : session_open_program(&ss, lw) != 0) {
			rc = EXIT_INPUT;
		} else {
			int ok = 0;
			test_report *rep = &reps[nrep++];
			failed += run_tests_report(lw, native ? native : ss.mod, out, o->verbose, &ok,
			                           o->coverage || o->threshold, rep);
			passed += ok;
			if (o->threshold && (rep->fired_pct < o->threshold || rep->decisive_pct < o->threshold)) {
				below = 1;
				fprintf(stderr, "pacta: %s: coverage below %u%%: %u%% of the clauses fired, %u%% decisive\n",
				        rep->file, o->threshold, rep->fired_pct, rep->decisive_pct);
			}
		}
		note_files(&cm, o->args.items[i], files, ar);
		pacta_module_close(native);
		session_close(&ss);
		compilation_free(&cm);
	}
	if (o->test_format == TF_JSON)
		test_reports_json(stdout, reps, nrep, o->threshold);
	else if (o->test_format == TF_JUNIT)
		test_reports_junit(stdout, reps, nrep);
	else
		printf("%d passed, %d failed\n", passed, failed);
	for (size_t i = 0; i < nrep; i++)
		test_report_free(&reps[i]);
	free(reps);
	return rc || failed || below ? EXIT_INPUT : 0;
}

static int cmd_test(opts *o)
{
	return o->watch ? watch_run(test_files, o, stdout) : test_files(o, NULL, NULL);
}

static int cmd_eval(opts *o)
{
	const char *in_path = o->args.len > 1 ? o->args.items[1] : "-";
	FILE *in = strcmp(in_path, "-") ? fopen(in_path, "rb") : stdin;
	if (!in) {
		perror(in_path);
		return EXIT_INPUT;
	}
	compilation cm;
	session ss = { 0 };
	int rc = open_session(&ss, &cm, o, o->args.items[0]);
	if (!rc)
		rc = run_eval(&ss, in, in_path, stdout, o->trace) ? EXIT_INPUT : 0;
	session_close(&ss);
	compilation_free(&cm);
	if (in != stdin)
		fclose(in);
	return rc;
}

static lw_program *diff_side(compilation *cm, const opts *o, const char *path, char **text);

/* `pacta explain --to OUTCOME AGREEMENT REQUEST`: the nearest request
 * with that outcome (prove.c), on a source or a module's embedded source. */
static int cmd_explain_to(opts *o)
{
	compilation cm;
	char *text;
	const char *rpath = o->args.items[1];
	lw_program *lw = diff_side(&cm, o, o->args.items[0], &text);
	int rc = EXIT_INPUT;
	size_t len;
	char *json = lw ? run_read_request(rpath, &len) : NULL;
	if (!lw) {
		report_errors(&cm);
	} else if (json) {
		uint64_t *req = xcalloc(lw->schema.nslots + 1, sizeof *req);
		lp_request_id id;
		lp_json_error err;
		if (lp_json_decode_request(&lw->schema, json, len, 1, req, &id, &err) != 0) {
			run_request_error(rpath, json, len, err.line, err.column, err.text);
		} else {
			lp_strbuf b = { 0 };
			int st = prove_explain_to(lw, req, o->to, &b);
			printf("%s: %s\n%.*s", (const char *)o->args.items[0], lw->scope.title ? lw->scope.title : "",
			       (int)b.len, b.data ? b.data : "");
			rc = st == PROVE_FAILS || st == PROVE_PROVEN ? 0 : EXIT_INPUT;
			lp_sb_free(&b);
		}
		free(req);
	}
	free(json);
	free(text);
	compilation_free(&cm);
	return rc;
}

static int cmd_explain(opts *o)
{
	if (o->to >= 0)
		return cmd_explain_to(o);
	compilation cm;
	session ss = { 0 };
	int rc = open_session(&ss, &cm, o, o->args.items[0]);
	if (!rc)
		rc = run_explain(&ss, o->args.items[0], o->args.items[1], stdout) ? EXIT_INPUT : 0;
	session_close(&ss);
	compilation_free(&cm);
	return rc;
}

/* Whether `out` is one of the files the compilation read: `-o` naming
 * the source would overwrite it with the output.  Said when it is. */
static int names_source(const compilation *cm, const char *cmd, const char *out)
{
	for (size_t i = 0; i < cm->prog.files.len; i++) {
		const srcfile *f = cm->prog.files.items[i];
		if (outfile_same(out, f->path)) {
			fprintf(stderr, "pacta: %s: the output %s is the source %s; choose another -o\n", cmd,
			        out, f->path);
			return 1;
		}
	}
	return 0;
}

static int cmd_build(opts *o)
{
	const char *src = o->args.items[0];
	char why[256];
	if (o->triple && emit_target_check(o->triple, why, sizeof why) != 0) {   /* before compiling */
		fprintf(stderr, "pacta: build: %s\n", why);
		return EXIT_USAGE;
	}
	compilation cm;
	lp_strbuf canon = { 0 };
	lw_program *lw = front_end_canonical(&cm, o, src, &canon);
	int rc = EXIT_INPUT;
	char *def = NULL;
	if (lw) {
		emit_options eo = { .kind = o->emit, .opt_level = o->opt_level, .output = o->output,
		                    .triple = o->triple, .sign_key = o->sign_key };
		if (!eo.output)
			eo.output = def = emit_default_output(src, o->emit);
		if (names_source(&cm, "build", eo.output))
			rc = EXIT_USAGE;
		else
			rc = emit_module(lw, &eo) == 0 ? 0 : EXIT_INPUT;
	} else {
		report_errors(&cm);
	}
	free(def);
	compilation_free(&cm);
	lp_sb_free(&canon);
	return rc;
}

/* A module, or a source through the interpreter hosted as one: the
 * same description either way. */
static int cmd_inspect(opts *o)
{
	const char *path = o->args.items[0];
	if (is_module(path)) {
		pacta_module *mod;
		if (run_open_module(path, &mod) != 0)
			return EXIT_INPUT;
		run_inspect(mod, path, stdout);
		pacta_module_close(mod);
		return 0;
	}
	compilation cm;
	session ss = { 0 };
	int rc = open_session(&ss, &cm, o, path);
	if (!rc)
		run_inspect(ss.mod, path, stdout);
	session_close(&ss);
	compilation_free(&cm);
	return rc;
}

static int cmd_fmt(opts *o)
{
	int rc = 0;
	int mode = o->fmt_check ? FMT_CHECK : o->fmt_write ? FMT_WRITE : FMT_PRINT;
	for (size_t i = 0; i < o->args.len; i++)
		if (fmt_file(o->args.items[i], mode, stdout) != 0)
			rc = EXIT_INPUT;
	return rc;
}

/* One side of `pacta diff` (and the agreement of `explain --to`): a
 * source, or a module's embedded source (checked again here, with the
 * standard library at hand). */
static lw_program *diff_side(compilation *cm, const opts *o, const char *path, char **text)
{
	uint8_t built[32], now[32];
	*text = NULL;
	if (!is_module(path))
		return front_end(cm, o, path);
	compilation_init(cm, stderr);
	size_t len;
	if (!(*text = run_module_source(path, &len, built)))
		return NULL;
	opts co = *o;
	co.load.main_text = *text;
	co.load.main_len = len;
	compilation_free(cm);
	lw_program *lw = front_end(cm, &co, path);
	/* the module carries its agreement's text, not its imports: say so
	 * when the ones found here are not those it was built with */
	if (lw && (source_hash(lw, now), memcmp(now, built, sizeof now) != 0))
		fprintf(stderr, "pacta: warning: %s was built with other versions of the files its agreement "
		        "imports than those found here; the comparison uses these\n", path);
	return lw;
}

static int cmd_diff(opts *o)
{
	const char *a = o->args.items[0], *b = o->args.items[1];
	compilation ca, cb;
	char *ta, *tb;
	lw_program *x = diff_side(&ca, o, a, &ta);
	lw_program *y = diff_side(&cb, o, b, &tb);
	int rc = EXIT_INPUT;
	if (x && y) {
		/* each version again with the enum members only the other has,
		 * from the text already read (a pipe is read once) */
		load_opts lo[2] = { o->load, o->load };
		const lw_program *side[2] = { x, y };
		for (int s = 0; s < 2; s++) {
			lo[s].main_text = side[s]->files[0]->text;
			lo[s].main_len = side[s]->files[0]->len;
		}
		const load_opts *lop[2] = { &lo[0], &lo[1] };
		const char *path[2] = { a, b };
		const lw_program *orig[2] = { x, y };
		diff_inputs in;
		diff_prepare(&in, lop, path, orig);
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
		diff_structural(&ca.prog, x, &cb.prog, y, &in.match, &sr);
		char by_error[256];
		if (!o->by.len && so.nby && diff_check_by(in.lw, so.by, so.nby, by_error, sizeof by_error) != 0) {
			/* the header asks for what this pair of versions cannot give */
			fprintf(stderr, "pacta: diff: warning: the new version's 'summary by' cannot be used (%s): "
			        "the summary is by the Parties alone\n", by_error + 5);
			so.by = NULL;
			so.nby = 0;
		}
		if (diff_check_by(in.lw, so.by, so.nby, by_error, sizeof by_error) != 0) {
			fprintf(stderr, "pacta: diff: %s\n", by_error);
			memset(&r, 0, sizeof r);
		} else if (o->replay) {
			/* the logged requests, decided by the versions as compiled */
			replay_options ro = { .path = o->replay, .examples = o->examples >= 0 ? (size_t)o->examples : 5,
			                      .by = so.by, .nby = so.nby, .match = &in.match,
			                      .native_from = (size_t)env_limit("PACTA_REPLAY_NATIVE_FROM", 16 << 20, 0,
			                                                       (long)1 << 40) };
			replay_result rr;
			if (replay_run(x, y, &ro, &rr) != 0) {
				fprintf(stderr, "pacta: diff: %s\n", rr.error);
			} else {
				if (report_diff(stdout, o->format, a, b, &ca.prog, x, &cb.prog, y, &sr, NULL, &rr) != 0)
					fprintf(stderr, "pacta: diff: cannot write the report\n");
				rc = o->exit_code && rr.changed ? EXIT_INPUT : 0;
			}
			replay_result_free(&rr);
			memset(&r, 0, sizeof r);
		} else if (smt_diff(in.lw[0], in.lw[1], &so, &r) != 0) {
			fprintf(stderr, "pacta: diff: %s\n", r.error);
		} else {
			if (report_diff(stdout, o->format, a, b, &ca.prog, x, &cb.prog, y, &sr, &r, NULL) != 0)
				fprintf(stderr, "pacta: diff: cannot write the report\n");
			if (r.bugs)
				fprintf(stderr, "pacta: diff: %zu witness%s did not reproduce: a bug in pacta, please report it\n",
				        r.bugs, r.bugs == 1 ? "" : "es");
			int changed = r.nchanges > 0;
			if (o->exit_code == EXIT_ON_LABELS)
				changed |= in.match.nrenumbered > 0;
			rc = o->exit_code && changed ? EXIT_INPUT : 0;
		}
		smt_diff_result_free(&r);
		diff_result_free(&sr);
		diff_inputs_free(&in);
	} else {
		report_errors(&ca);
		report_errors(&cb);
	}
	compilation_free(&ca);
	compilation_free(&cb);
	free(ta);
	free(tb);
	return rc;
}

/* `doc -o FILE`: the page is made in memory, then replaces FILE whole
 * (outfile.c), so that a failure leaves what was there. */
static int doc_to_file(program *p, const lw_program *lw, const char *path)
{
	char *page = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&page, &len);
	int rc = !mem || doc_render(p, lw, mem) != 0;
	if (mem && fclose(mem) != 0)
		rc = 1;
	if (rc)
		fprintf(stderr, "pacta: doc: out of memory\n");
	else if (outfile_write(path, page, len) != 0)
		rc = 1, fprintf(stderr, "pacta: doc: cannot write %s: %s\n", path, strerror(errno));
	free(page);
	return rc;
}

static int cmd_doc(opts *o)
{
	compilation cm;
	lw_program *lw = front_end(&cm, o, o->args.items[0]);
	int bad = !lw;
	if (!lw)
		report_errors(&cm);
	else if (o->output)
		bad = names_source(&cm, "doc", o->output) ? EXIT_USAGE : doc_to_file(&cm.prog, lw, o->output);
	else
		doc_render(&cm.prog, lw, stdout);   /* finish() checks stdout */
	compilation_free(&cm);
	return bad == EXIT_USAGE ? EXIT_USAGE : bad ? EXIT_INPUT : 0;
}

static int cmd_lsp(opts *o)
{
	return lsp_serve(&o->load, stdin, stdout);
}

static int cmd_keygen(opts *o)
{
	char pub[65];
	int rc = key_generate(o->args.items[0], pub);
	if (rc == 0)
		printf("public key %s (%s.pub)\n", pub, (const char *)o->args.items[0]);
	return rc ? EXIT_INPUT : 0;
}

/* ---- the command line ---- */

typedef struct command {
	const char *name;
	int (*run)(opts *);
	const char *usage;
	size_t min_args, max_args;
} command;

static const command commands[] = {
	{ "check", cmd_check, usage_check, 1, (size_t)-1 },
	{ "lint", cmd_lint, usage_lint, 0, (size_t)-1 },
	{ "test", cmd_test, usage_test, 1, (size_t)-1 },
	{ "eval", cmd_eval, usage_eval, 1, 2 },
	{ "build", cmd_build, usage_build, 1, 1 },
	{ "explain", cmd_explain, usage_explain, 2, 2 },
	{ "fmt", cmd_fmt, usage_fmt, 1, (size_t)-1 },
	{ "diff", cmd_diff, usage_diff, 2, 2 },
	{ "doc", cmd_doc, usage_doc, 1, 1 },
	{ "inspect", cmd_inspect, usage_inspect, 1, 1 },
	{ "keygen", cmd_keygen, usage_keygen, 1, 1 },
	{ "lsp", cmd_lsp, usage_lsp, 0, 0 },
};

enum opt_id {
	O_DIAGNOSTICS, O_COLOR, O_NO_LINT, O_LINT_LIST, O_LINT_ONLY, O_WATCH, O_FORMAT, O_THRESHOLD,
	O_INCLUDE, O_TRACE, O_VERBOSE, O_NATIVE, O_COVERAGE, O_JSON, O_HTML, O_EXIT_CODE,
	O_WRITE, O_CHECK, O_OPT, O_EMIT_LLVM, O_EMIT_OBJ, O_TARGET, O_OUTPUT, O_SIGN, O_TRUST, O_TO,
	O_RECIPROCITY, O_EXIT_CODE_MODE, O_BASELINE, O_BY, O_MAX_CAUSES, O_REPLAY, O_EXAMPLES
};

/* Every option: its spelling, the commands that take it (NULL: all), and
 * what its argument is (NULL: none). */
static const struct option {
	const char *name;
	const char *cmds;
	const char *arg;
	enum opt_id id;
} options[] = {
	{ "-I", NULL, "a directory", O_INCLUDE },
	{ "--diagnostics", NULL, "text, json or sarif", O_DIAGNOSTICS },
	{ "--color", NULL, "auto, always or never", O_COLOR },
	{ "--no-lint", "check", NULL, O_NO_LINT },
	{ "--watch", "check test", NULL, O_WATCH },
	{ "--format", "test", "text, json or junit", O_FORMAT },
	{ "--threshold", "test", "a percentage", O_THRESHOLD },
	{ "--list", "lint", NULL, O_LINT_LIST },
	{ "--only", "lint", "a lint's name", O_LINT_ONLY },
	{ "--trace", "eval", NULL, O_TRACE },
	{ "-v", "test", NULL, O_VERBOSE },
	{ "--native", "test", NULL, O_NATIVE },
	{ "--coverage", "test", NULL, O_COVERAGE },
	{ "--json", "diff", NULL, O_JSON },
	{ "--html", "diff", NULL, O_HTML },
	{ "--exit-code", "diff", NULL, O_EXIT_CODE },
	{ "--exit-code=meaning", "diff", NULL, O_EXIT_CODE },
	{ "--exit-code=labels", "diff", NULL, O_EXIT_CODE_MODE },
	{ "--baseline", "diff", "a fixture's name", O_BASELINE },
	{ "--by", "diff", "a field's name", O_BY },
	{ "--max-causes", "diff", "a number", O_MAX_CAUSES },
	{ "--replay", "diff", "a file of requests", O_REPLAY },
	{ "--examples", "diff", "a number", O_EXAMPLES },
	{ "-w", "fmt", NULL, O_WRITE },
	{ "--check", "fmt", NULL, O_CHECK },
	{ "-O0", "build", NULL, O_OPT }, { "-O1", "build", NULL, O_OPT },
	{ "-O2", "build", NULL, O_OPT }, { "-O3", "build", NULL, O_OPT },
	{ "--emit-llvm", "build", NULL, O_EMIT_LLVM },
	{ "--emit-obj", "build", NULL, O_EMIT_OBJ },
	{ "--target", "build", "a target triple", O_TARGET },
	{ "-o", "build doc", "a file", O_OUTPUT },
	{ "--sign", "build", "a key file", O_SIGN },
	{ "--trust", "eval explain inspect", "a key file", O_TRUST },
	{ "--to", "explain", "an outcome", O_TO },
	{ "--reciprocity", "check", NULL, O_RECIPROCITY },
};

/* Whether `cmd` is one of the space-separated names of `list`. */
static int takes(const char *list, const char *cmd)
{
	size_t n = strlen(cmd);
	for (const char *p = list; p && (p = strstr(p, cmd)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return 1;
	return !list;
}

/* Returns 0, or -1 when the option's argument is not one it takes. */
static int set_option(opts *o, arena *ar, enum opt_id id, const char *name, const char *arg)
{
	switch (id) {
	case O_DIAGNOSTICS:
		if (!strcmp(arg, "text"))
			diag_configure(DIAG_TEXT, o->color);
		else if (!strcmp(arg, "json"))
			diag_configure(DIAG_JSON, o->color);
		else if (!strcmp(arg, "sarif"))
			diag_configure(DIAG_SARIF, o->color);
		else
			return -1;
		break;
	case O_COLOR:
		if (!strcmp(arg, "auto"))
			o->color = -1;
		else if (!strcmp(arg, "always"))
			o->color = 1;
		else if (!strcmp(arg, "never"))
			o->color = 0;
		else
			return -1;
		diag_configure(diag_configured_format(), o->color);
		break;
	case O_NO_LINT: o->no_lint = 1; break;
	case O_WATCH: o->watch = 1; break;
	case O_FORMAT:
		if (!strcmp(arg, "text"))
			o->test_format = TF_TEXT;
		else if (!strcmp(arg, "json"))
			o->test_format = TF_JSON;
		else if (!strcmp(arg, "junit"))
			o->test_format = TF_JUNIT;
		else
			return -1;
		break;
	case O_THRESHOLD: {
		char *end;
		long n = strtol(arg, &end, 10);
		if (*end || end == arg || n < 0 || n > 100)
			return -1;
		o->threshold = (unsigned)n;
		o->coverage = 1;
		break;
	}
	case O_LINT_LIST: o->lint_list = 1; break;
	case O_LINT_ONLY: o->lint_only = arg; break;
	case O_INCLUDE: vec_push(ar, &o->load.include_dirs, (void *)arg); break;
	case O_TRACE: o->trace = 1; break;
	case O_VERBOSE: o->verbose = 1; break;
	case O_NATIVE: o->native = 1; break;
	case O_COVERAGE: o->coverage = 1; break;
	case O_JSON: o->format = REPORT_JSON; break;
	case O_HTML: o->format = REPORT_HTML; break;
	case O_EXIT_CODE: o->exit_code = EXIT_ON_MEANING; break;
	case O_EXIT_CODE_MODE: o->exit_code = EXIT_ON_LABELS; break;
	case O_BASELINE: o->baseline = arg; break;
	case O_BY: vec_push(ar, &o->by, (void *)arg); break;
	case O_MAX_CAUSES:
	case O_EXAMPLES: {
		char *end;
		long v = strtol(arg, &end, 10);
		if (id == O_MAX_CAUSES)
			o->max_causes = *end || v < 1 || v > 100000 ? -1 : v;
		else
			o->examples = *end || v < 0 || v > 100000 ? -2 : v;
		break;
	}
	case O_REPLAY: o->replay = arg; break;
	case O_WRITE: o->fmt_write = 1; break;
	case O_CHECK: o->fmt_check = 1; break;
	case O_OPT: o->opt_level = name[2] - '0'; break;
	case O_EMIT_LLVM: o->emit = EMIT_LL; break;
	case O_EMIT_OBJ: o->emit = EMIT_OBJ; break;
	case O_TARGET: o->triple = arg; break;
	case O_OUTPUT: o->output = arg; break;
	case O_SIGN: o->sign_key = arg; break;
	case O_TRUST: vec_push(ar, &o->trust, (void *)arg); break;
	case O_RECIPROCITY: o->reciprocity = 1; break;
	case O_TO:
		o->to = -2;   /* not an outcome: parse_options says so */
		for (int k = 0; k < PO__COUNT; k++)
			if (!strcmp(arg, lp_outcome_names[k]))
				o->to = k;
		break;
	}
	return 0;
}

static int usage_error(const command *c, const char *fmt, const char *arg)
{
	fprintf(stderr, "pacta: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(c ? c->usage : usage_main, stderr);
	return EXIT_USAGE;
}

/* The options of `cmd` in argv[2..]: 0, or an exit status (the message
 * printed); -1 when --help was asked and printed. */
static int parse_options(const command *cmd, opts *o, arena *ar, int argc, char **argv)
{
	int only_args = 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || !strcmp(a, "-")) {
			vec_push(ar, &o->args, (void *)a);
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(cmd->usage, stdout);
			return -1;
		}
		const struct option *opt = NULL;
		const char *arg = NULL;
		const char *eq = !strncmp(a, "--", 2) ? strchr(a, '=') : NULL;
		/* an option whose name holds its value (--exit-code=labels) */
		for (size_t k = 0; k < sizeof options / sizeof *options && eq; k++)
			if (takes(options[k].cmds, cmd->name) && !strcmp(a, options[k].name))
				eq = NULL;
		if (eq) {   /* --name=value */
			a = arena_strndup(ar, a, (size_t)(eq - a));
			arg = eq + 1;
		}
		for (size_t k = 0; k < sizeof options / sizeof *options && !opt; k++)
			if (takes(options[k].cmds, cmd->name) && !strcmp(a, options[k].name))
				opt = &options[k];
		if (!opt && !strncmp(a, "-I", 2)) {   /* -IDIR */
			opt = &options[0];
			arg = a + 2;
		}
		if (!opt) {
			suggest sg;
			suggest_init(&sg, a);
			for (size_t k = 0; k < sizeof options / sizeof *options; k++)
				if (takes(options[k].cmds, cmd->name))
					suggest_add(&sg, options[k].name);
			if (sg.best) {
				char what[96];
				snprintf(what, sizeof what, "unknown option '%%s'; did you mean '%s'?", sg.best);
				return usage_error(cmd, what, a);
			}
			return usage_error(cmd, "unknown option '%s'", a);
		}
		if (eq && !opt->arg)
			return usage_error(cmd, "%s takes no value", a);
		if (opt->arg && !arg) {
			if (i + 1 >= argc) {
				char what[64];
				snprintf(what, sizeof what, "%%s needs %s", opt->arg);
				return usage_error(cmd, what, a);
			}
			arg = argv[++i];
		}
		if (set_option(o, ar, opt->id, a, arg) != 0) {
			char what[96];
			snprintf(what, sizeof what, "%%s takes %s, not '%s'", opt->arg, arg);
			return usage_error(cmd, what, a);
		}
	}
	if (o->args.len < cmd->min_args)
		return usage_error(cmd, "%s: missing FILE", cmd->name);
	if (o->args.len > cmd->max_args)
		return usage_error(cmd, "%s: too many arguments", cmd->name);
	if (o->to == -2)
		return usage_error(cmd, "--to takes grant, refer or refuse%s", "");
	if (o->to >= 0 && o->trust.len)
		return usage_error(cmd, "%s reads the module's source, not its code; it cannot go with --trust", "--to");
	if (o->max_causes < 0)
		return usage_error(cmd, "%s needs a number from 1 to 100000", "--max-causes");
	if (o->examples < -1)
		return usage_error(cmd, "%s needs a number from 0 to 100000", "--examples");
	if (o->examples >= 0 && !o->replay)
		return usage_error(cmd, "%s goes with --replay", "--examples");
	if (o->sign_key && o->emit != EMIT_SO)
		return usage_error(cmd, "%s signs modules; it cannot go with --emit-llvm or --emit-obj", "--sign");
	if (!strcmp(cmd->name, "fmt") && o->fmt_write)
		for (size_t i = 0; i < o->args.len; i++)
			if (!strcmp(o->args.items[i], "-"))
				return usage_error(cmd, "%s: standard input cannot be rewritten in place", "fmt -w");
	if (o->trust.len && !is_module(o->args.items[0]))
		return usage_error(cmd, "%s checks the signature of a module (M.so), not of a source", "--trust");
	return 0;
}

/* The exit status, once standard output is known to hold all that was
 * written to it: a full disk or a closed pipe is an error, not a success
 * with output missing. */
static int finish(int rc)
{
	if (outfile_finish(stdout, "standard output") != 0 && rc == 0)
		rc = EXIT_INPUT;
	return rc;
}

int main(int argc, char **argv)
{
	/* a diagnostic is several writes: one system call a line, not a byte */
	setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
	if (argc < 2)
		return usage_error(NULL, "%s", "no command given");
	const char *name = argv[1];
	const command *cmd = NULL;
	if (!strcmp(name, "-h") || !strcmp(name, "--help") || !strcmp(name, "help")) {
		if (argc == 2) {
			fputs(usage_main, stdout);
			return finish(0);
		}
		name = argv[2];
	} else if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		printf("pacta %s\n", PACTAC_VERSION_STRING);
		return finish(0);
	}
	if (!strcmp(name, "serve"))   /* a program of its own */
		return run_serve(argv + 1, name != argv[1]);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(name, commands[i].name))
			cmd = &commands[i];
	if (!cmd) {
		suggest sg;
		suggest_init(&sg, name);
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			suggest_add(&sg, commands[i].name);
		if (sg.best) {
			fprintf(stderr, "pacta: unknown command '%s'; did you mean 'pacta %s'?\n", name, sg.best);
			fprintf(stderr, "(pacta --help lists the commands)\n");
			return EXIT_USAGE;
		}
		return usage_error(NULL, "unknown command '%s'", name);
	}
	if (name != argv[1]) {   /* pacta help COMMAND */
		fputs(cmd->usage, stdout);
		return finish(0);
	}

	arena *ar = arena_new();
	opts o = { 0 };
	o.color = -1;
	o.to = -1;
	o.load.stdlib_dir = default_stdlib_dir();
	o.opt_level = 2;
	o.emit = EMIT_SO;
	o.examples = -1;
	int rc = parse_options(cmd, &o, ar, argc, argv);
	if (rc == 0 && o.sign_key && key_file_check(o.sign_key) != 0)   /* fail before building */
		rc = EXIT_INPUT;
	if (rc == 0 && run_trust(&o.trust) != 0)
		rc = EXIT_INPUT;
	if (rc == 0)
		rc = cmd->run(&o);
	diag_finish(stderr);
	arena_free(ar);
	return finish(rc < 0 ? 0 : rc);
}
