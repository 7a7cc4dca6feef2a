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

#include "emit.h"
#include "doc.h"
#include "outfile.h"
#include "lint.h"
#include "lsp.h"
#include "watch.h"
#include "prove.h"
#include "report.h"
#include "review.h"
#include "run.h"
#include "signing.h"
#include "usage.h"
#include "../runtime/libpacta.h"

#include "options.h"

/* ---- the front end ---- */

/* load -> check -> lower; NULL after the errors were printed. */
static lw_program *front_end(compilation *cm, const opts *o, const char *path)
{
	return compile_file(cm, &o->load, path, stderr);
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

/* A session on a module file, or on the interpreter over a source. */
static int open_session(session *ss, compilation *cm, const opts *o, const char *path)
{
	memset(cm, 0, sizeof *cm);
	if (opts_is_module(path))
		return session_open_module(ss, path) == 0 ? 0 : EXIT_INPUT;
	if (part_refused(o->command, path)) {
		compilation_init(cm, stderr);
		return EXIT_INPUT;
	}
	lw_program *lw = front_end(cm, o, path);
	if (!lw)
		return compilation_report(cm);
	return session_open_program(ss, lw) == 0 ? 0 : EXIT_INPUT;
}

/* ---- the commands ---- */

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

/* The lints of a clean program (lint.c), or the one named `only`;
 * warnings do not fail `check`. */
static int run_lints(compilation *cm, const char *only, int no_proofs)
{
	lint_opts lo = { .only = only, .no_proofs = no_proofs };
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
		char *whole = part_as_whole(o->args.items[i], "checked");
		const char *path = whole ? whole : o->args.items[i];
		if (front_end(&cm, o, path)) {
			/* the asserts are proven first: the proofs of the lints are
			 * no use on an agreement that breaks its own guarantees,
			 * but the lints that need none may say why it does (an
			 * 'and' read before an 'or') */
			int proven = prove_program(cm.lw, &cm.dg) == 0;
			if (!o->no_lint)
				run_lints(&cm, o->lint_only, !proven);
			if (o->reciprocity)
				prove_check_reciprocity(cm.lw, &cm.dg, path);
		}
		rc |= compilation_report(&cm);
		note_files(&cm, path, files, ar);
		compilation_free(&cm);
		free(whole);
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
		lint_list(stdout);
		return 0;
	}
	if (!o->args.len) {
		fputs(usage_lint, stderr);
		return EXIT_USAGE;
	}
	for (const char *p = o->lint_only; p;) {
		size_t n = strcspn(p, ",");
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)n, p);
		if (!lint_named(name)) {
			fprintf(stderr, "pacta: lint: no lint is named '%.*s' (pacta lint --list)\n", (int)n, p);
			return EXIT_USAGE;
		}
		p = p[n] == ',' ? p + n + 1 : NULL;
	}
	for (size_t i = 0; i < o->args.len; i++) {
		compilation cm;
		char *whole = part_as_whole(o->args.items[i], "linted");
		const char *path = whole ? whole : o->args.items[i];
		if (front_end(&cm, o, path) && run_lints(&cm, o->lint_only, 0))
			rc = EXIT_INPUT;
		rc |= compilation_report(&cm);
		compilation_free(&cm);
		free(whole);
	}
	return rc;
}

static int test_files(void *ctx, vec *files, arena *ar)
{
	opts *o = ctx;
	int rc = 0, passed = 0, failed = 0, below = 0, unrun = 0;
	test_report *reps = xcalloc(o->args.len + 1, sizeof *reps);
	size_t nrep = 0;
	FILE *out = o->test_format == TF_TEXT ? stdout : NULL;
	for (size_t i = 0; i < o->args.len; i++) {
		compilation cm;
		session ss = { 0 };
		pacta_module *native = NULL;
		char *whole = part_as_whole(o->args.items[i], "tested");
		const char *path = whole ? whole : o->args.items[i];
		lw_program *lw = front_end(&cm, o, path);
		free(whole);
		if (!lw || prove_program(lw, &cm.dg)) {
			rc = compilation_report(&cm);
			test_report_uncompiled(&reps[nrep++], o->args.items[i]);
			unrun++;
		} else if (o->native ? run_build_native(lw, o->opt_level, &native) != 0 : session_open_program(&ss, lw) != 0) {
			rc = EXIT_INPUT;
			unrun++;
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
	else if (unrun)   /* "0 failed" alone would read as good news */
		printf("%d passed, %d failed; %d file%s not tested: fix the errors above first\n", passed, failed,
		       unrun, unrun == 1 ? "" : "s");
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
		fprintf(stderr, "pacta: cannot open '%s': %s\n", in_path, strerror(errno));
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

/* `pacta explain --to OUTCOME AGREEMENT REQUEST`: the nearest request
 * with that outcome (prove.c), on a source or a module's embedded source. */
static int cmd_explain_to(opts *o)
{
	compilation cm;
	module_sources ms;
	load_opts lo = o->load;
	lw_program *lw = review_version(&cm, &lo, o->args.items[0], &ms);
	int rc = lw ? run_explain_to(lw, o->args.items[0], o->args.items[1], o->to,
	                              (const char *const *)o->keep.items, o->keep.len, o->format == REPORT_JSON, stdout)
	            : (compilation_report(&cm), EXIT_INPUT);
	compilation_free(&cm);
	module_sources_free(&ms);
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
	if (o->triple && emit_target_check(o->triple, o->emit == EMIT_SO, why, sizeof why) != 0) {   /* before compiling */
		fprintf(stderr, "pacta: build: %s\n", why);
		return EXIT_USAGE;
	}
	if (part_refused("build", src))
		return EXIT_INPUT;
	compilation cm;
	lp_strbuf canon = { 0 };
	lw_program *lw = front_end_canonical(&cm, o, src, &canon);
	int rc = EXIT_INPUT;
	char *def = NULL;
	if (lw) {
		/* the one lint about the module itself: it would decide every
		 * request by the default */
		run_lints(&cm, "no-clauses", 1);
		emit_options eo = { .kind = o->emit, .opt_level = o->opt_level, .output = o->output,
		                    .triple = o->triple, .sign_key = o->sign_key };
		if (!eo.output)
			eo.output = def = emit_default_output(src, o->emit);
		if (names_source(&cm, "build", eo.output))
			rc = EXIT_USAGE;
		else
			rc = emit_module(lw, &eo) == 0 ? 0 : EXIT_INPUT;
	} else {
		compilation_report(&cm);
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
	if (opts_is_module(path)) {
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

static int cmd_diff(opts *o)
{
	return review_run(o);
}

static int cmd_doc(opts *o)
{
	compilation cm;
	if (part_refused("doc", o->args.items[0]))
		return EXIT_INPUT;
	lw_program *lw = front_end(&cm, o, o->args.items[0]);
	int bad = !lw;
	if (!lw)
		compilation_report(&cm);
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
		return opts_usage_error(NULL, "%s", "no command given");
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
	if (!cmd)
		return opts_unknown_command(name, commands, sizeof commands / sizeof commands[0]);
	if (name != argv[1]) {   /* pacta help COMMAND */
		fputs(cmd->usage, stdout);
		return finish(0);
	}

	arena *ar = arena_new();
	opts o = { 0 };
	o.command = cmd->name;
	o.color = -1;
	o.to = -1;
	o.load.stdlib_dir = default_stdlib_dir();
	o.opt_level = 2;
	o.emit = EMIT_SO;
	o.examples = -1;
	int rc = opts_parse(cmd, &o, ar, argc, argv);
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
