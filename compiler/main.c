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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codegen.h"
#include "doc.h"
#include "prove.h"
#include "report.h"
#include "run.h"
#include "signing.h"
#include "usage.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2

typedef struct opts {
	load_opts load;
	int trace, verbose, native, coverage, fmt_write, fmt_check, exit_code, opt_level;
	int reciprocity;           /* check --reciprocity */
	int format;                /* diff: enum report_format */
	int to;                    /* explain --to: enum po_outcome, or -1 */
	enum emit_kind emit;
	const char *output, *triple;
	const char *sign_key;      /* build --sign */
	vec trust;                 /* --trust KEY.pub, in order */
	vec args;
} opts;

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

/* The error count, if any; the exit status it calls for. */
static int report_errors(const compilation *cm)
{
	if (cm->dg.errors)
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

static int is_module(const char *path)
{
	size_t n = strlen(path);
	return n > 3 && strcmp(path + n - 3, ".so") == 0;
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

static int cmd_check(opts *o)
{
	int rc = 0;
	for (size_t i = 0; i < o->args.len; i++) {
		compilation cm;
		if (front_end(&cm, o, o->args.items[i])) {
			prove_program(cm.lw, &cm.dg);
			if (o->reciprocity)
				check_reciprocity(&cm, o->args.items[i]);
		}
		rc |= report_errors(&cm);
		compilation_free(&cm);
	}
	return rc;
}

static int cmd_test(opts *o)
{
	int rc = 0, passed = 0, failed = 0;
	for (size_t i = 0; i < o->args.len; i++) {
		compilation cm;
		session ss = { 0 };
		pacta_module *native = NULL;
		lw_program *lw = front_end(&cm, o, o->args.items[i]);
		if (!lw || prove_program(lw, &cm.dg)) {
			rc = report_errors(&cm);
		} else if (o->native ? run_build_native(lw, o->opt_level, &native) != 0 : session_open_program(&ss, lw) != 0) {
			rc = EXIT_INPUT;
		} else {
			int ok = 0;
			failed += run_tests(lw, native ? native : ss.mod, stdout, o->verbose, &ok, o->coverage);
			passed += ok;
		}
		pacta_module_close(native);
		session_close(&ss);
		compilation_free(&cm);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return rc || failed ? EXIT_INPUT : 0;
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
			fprintf(stderr, "pacta: %s: %s\n", rpath, err.text);
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

static int cmd_build(opts *o)
{
	const char *src = o->args.items[0];
	compilation cm;
	lp_strbuf canon = { 0 };
	lw_program *lw = front_end_canonical(&cm, o, src, &canon);
	int rc = EXIT_INPUT;
	char *def = NULL;
	if (lw) {
		emit_options eo = { .kind = o->emit, .opt_level = o->opt_level, .output = o->output,
		                    .triple = o->triple };
		if (!eo.output)
			eo.output = def = emit_default_output(src, o->emit);
		rc = emit_module(lw, &eo) == 0 ? 0 : EXIT_INPUT;
		/* a module that could not be signed is removed, so that no
		 * unsigned module is left in its place */
		if (rc == 0 && o->sign_key && module_sign(eo.output, o->sign_key) != 0) {
			unlink(eo.output);
			rc = EXIT_INPUT;
		}
	} else {
		report_errors(&cm);
	}
	free(def);
	compilation_free(&cm);
	lp_sb_free(&canon);
	return rc;
}

static int cmd_inspect(opts *o)
{
	pacta_module *mod;
	if (run_open_module(o->args.items[0], &mod) != 0)
		return EXIT_INPUT;
	run_inspect(mod, o->args.items[0], stdout);
	pacta_module_close(mod);
	return 0;
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
		diff_result sr;
		smt_diff_result r;
		smt_diff_options so;
		smt_diff_options_default(&so);
		diff_structural(&ca.prog, x, &cb.prog, y, &sr);
		if (smt_diff(x, y, &so, &r) != 0) {
			fprintf(stderr, "pacta: diff: %s\n", r.error);
		} else {
			if (report_diff(stdout, o->format, a, b, &sr, &r) != 0)
				fprintf(stderr, "pacta: diff: cannot write the report\n");
			if (r.bugs)
				fprintf(stderr, "pacta: diff: %zu witness%s did not reproduce: a bug in pacta, please report it\n",
				        r.bugs, r.bugs == 1 ? "" : "es");
			rc = o->exit_code && r.nchanges ? EXIT_INPUT : 0;
		}
		smt_diff_result_free(&r);
		diff_result_free(&sr);
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

static int cmd_doc(opts *o)
{
	compilation cm;
	lw_program *lw = front_end(&cm, o, o->args.items[0]);
	FILE *out = lw && o->output ? fopen(o->output, "w") : stdout;
	int bad = !lw || !out;
	if (!lw)
		report_errors(&cm);
	else if (!out)
		perror(o->output);
	else if ((doc_render(&cm.prog, lw, out) != 0) | (o->output ? fclose(out) != 0 : fflush(out) != 0))
		bad = 1, fprintf(stderr, "pacta: doc: cannot write %s\n", o->output ? o->output : "standard output");
	compilation_free(&cm);
	return bad ? EXIT_INPUT : 0;
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
	{ "test", cmd_test, usage_test, 1, (size_t)-1 },
	{ "eval", cmd_eval, usage_eval, 1, 2 },
	{ "build", cmd_build, usage_build, 1, 1 },
	{ "explain", cmd_explain, usage_explain, 2, 2 },
	{ "fmt", cmd_fmt, usage_fmt, 1, (size_t)-1 },
	{ "diff", cmd_diff, usage_diff, 2, 2 },
	{ "doc", cmd_doc, usage_doc, 1, 1 },
	{ "inspect", cmd_inspect, usage_inspect, 1, 1 },
	{ "keygen", cmd_keygen, usage_keygen, 1, 1 },
};

enum opt_id {
	O_INCLUDE, O_TRACE, O_VERBOSE, O_NATIVE, O_COVERAGE, O_JSON, O_HTML, O_EXIT_CODE,
	O_WRITE, O_CHECK, O_OPT, O_EMIT_LLVM, O_EMIT_OBJ, O_TARGET, O_OUTPUT, O_SIGN, O_TRUST, O_TO,
	O_RECIPROCITY
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
	{ "--trace", "eval", NULL, O_TRACE },
	{ "-v", "test", NULL, O_VERBOSE },
	{ "--native", "test", NULL, O_NATIVE },
	{ "--coverage", "test", NULL, O_COVERAGE },
	{ "--json", "diff", NULL, O_JSON },
	{ "--html", "diff", NULL, O_HTML },
	{ "--exit-code", "diff", NULL, O_EXIT_CODE },
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

static void set_option(opts *o, arena *ar, enum opt_id id, const char *name, const char *arg)
{
	switch (id) {
	case O_INCLUDE: vec_push(ar, &o->load.include_dirs, (void *)arg); break;
	case O_TRACE: o->trace = 1; break;
	case O_VERBOSE: o->verbose = 1; break;
	case O_NATIVE: o->native = 1; break;
	case O_COVERAGE: o->coverage = 1; break;
	case O_JSON: o->format = REPORT_JSON; break;
	case O_HTML: o->format = REPORT_HTML; break;
	case O_EXIT_CODE: o->exit_code = 1; break;
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
		for (size_t k = 0; k < sizeof options / sizeof *options && !opt; k++)
			if (takes(options[k].cmds, cmd->name) && !strcmp(a, options[k].name))
				opt = &options[k];
		if (!opt && !strncmp(a, "-I", 2)) {   /* -IDIR */
			opt = &options[0];
			arg = a + 2;
		}
		if (!opt)
			return usage_error(cmd, "unknown option '%s'", a);
		if (opt->arg && !arg) {
			if (i + 1 >= argc) {
				char what[64];
				snprintf(what, sizeof what, "%%s needs %s", opt->arg);
				return usage_error(cmd, what, a);
			}
			arg = argv[++i];
		}
		set_option(o, ar, opt->id, a, arg);
	}
	if (o->args.len < cmd->min_args)
		return usage_error(cmd, "%s: missing FILE", cmd->name);
	if (o->args.len > cmd->max_args)
		return usage_error(cmd, "%s: too many arguments", cmd->name);
	if (o->to == -2)
		return usage_error(cmd, "--to takes grant, refer or refuse%s", "");
	if (o->to >= 0 && o->trust.len)
		return usage_error(cmd, "%s reads the module's source, not its code; it cannot go with --trust", "--to");
	if (o->sign_key && o->emit != EMIT_SO)
		return usage_error(cmd, "%s signs modules; it cannot go with --emit-llvm or --emit-obj", "--sign");
	if (o->trust.len && strcmp(cmd->name, "inspect") && !is_module(o->args.items[0]))
		return usage_error(cmd, "%s checks the signature of a module (M.so), not of a source", "--trust");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error(NULL, "%s", "no command given");
	const char *name = argv[1];
	const command *cmd = NULL;
	if (!strcmp(name, "-h") || !strcmp(name, "--help") || !strcmp(name, "help")) {
		if (argc == 2) {
			fputs(usage_main, stdout);
			return 0;
		}
		name = argv[2];
	} else if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		printf("pacta %s\n", PACTAC_VERSION_STRING);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(name, commands[i].name))
			cmd = &commands[i];
	if (!cmd)
		return usage_error(NULL, "unknown command '%s'", name);
	if (name != argv[1]) {   /* pacta help COMMAND */
		fputs(cmd->usage, stdout);
		return 0;
	}

	arena *ar = arena_new();
	opts o = { 0 };
	o.to = -1;
	o.load.stdlib_dir = default_stdlib_dir();
	o.opt_level = 2;
	o.emit = EMIT_SO;
	int rc = parse_options(cmd, &o, ar, argc, argv);
	if (rc == 0 && o.sign_key && key_file_check(o.sign_key) != 0)   /* fail before building */
		rc = EXIT_INPUT;
	if (rc == 0 && run_trust(&o.trust) != 0)
		rc = EXIT_INPUT;
	if (rc == 0)
		rc = cmd->run(&o);
	arena_free(ar);
	fflush(stdout);
	return rc < 0 ? 0 : rc;
}
