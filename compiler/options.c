/*
 * options.c — the `pacta` command line: the options every command takes,
 * their spellings (a misspelt one gets "did you mean"), their arguments,
 * and the checks between them, into one `opts` (options.h); main.c runs
 * the pipeline with it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "options.h"
#include "report.h"
#include "usage.h"
#include "../runtime/libpacta.h"

/* A module by its name, or by its first bytes (an ELF file renamed
 * M.so.bak is no source to parse). */
int opts_is_module(const char *path)
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

enum opt_id {
	O_DIAGNOSTICS, O_COLOR, O_NO_LINT, O_LINT_LIST, O_LINT_ONLY, O_WATCH, O_FORMAT, O_THRESHOLD,
	O_INCLUDE, O_TRACE, O_VERBOSE, O_NATIVE, O_COVERAGE, O_JSON, O_HTML, O_EXIT_CODE,
	O_WRITE, O_CHECK, O_OPT, O_EMIT_LLVM, O_EMIT_OBJ, O_TARGET, O_OUTPUT, O_SIGN, O_TRUST, O_TO,
	O_RECIPROCITY, O_EXIT_CODE_MODE, O_BASELINE, O_BY, O_MAX_CAUSES, O_REPLAY, O_EXAMPLES, O_KEEP
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
	{ "--json", "diff explain", NULL, O_JSON },
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
	{ "--keep", "explain", "a field's name", O_KEEP },
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
	case O_LINT_ONLY:   /* repeatable: the lints named, comma-separated */
		o->lint_only = o->lint_only ? arena_printf(ar, "%s,%s", o->lint_only, arg) : arg;
		break;
	case O_INCLUDE: vec_push(ar, &o->load.include_dirs, (void *)arg); break;
	case O_TRACE: o->trace = 1; break;
	case O_VERBOSE: o->verbose = 1; break;
	case O_NATIVE: o->native = 1; break;
	case O_COVERAGE: o->coverage = 1; break;
	case O_JSON: o->formats |= 1; o->format = REPORT_JSON; break;
	case O_HTML: o->formats |= 2; o->format = REPORT_HTML; break;
	case O_EXIT_CODE: o->exit_code = EXIT_ON_MEANING; break;
	case O_EXIT_CODE_MODE: o->exit_code = EXIT_ON_LABELS; break;
	case O_BASELINE: o->baseline = arg; break;
	case O_BY: vec_push(ar, &o->by, (void *)arg); break;
	case O_KEEP: vec_push(ar, &o->keep, (void *)arg); break;
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

int opts_usage_error(const command *c, const char *fmt, const char *arg)
{
	fprintf(stderr, "pacta: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(c ? c->usage : usage_main, stderr);
	return EXIT_USAGE;
}

/* The options of `cmd` in argv[2..]: 0, or an exit status (the message
 * printed); -1 when --help was asked and printed. */
int opts_parse(const command *cmd, opts *o, arena *ar, int argc, char **argv)
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
			lp_suggest sg;
			lp_suggest_init(&sg, a);
			for (size_t k = 0; k < sizeof options / sizeof *options; k++)
				if (takes(options[k].cmds, cmd->name))
					lp_suggest_add(&sg, options[k].name);
			if (sg.best) {
				char what[96];
				snprintf(what, sizeof what, "unknown option '%%s'; did you mean '%s'?", sg.best);
				return opts_usage_error(cmd, what, a);
			}
			return opts_usage_error(cmd, "unknown option '%s'", a);
		}
		if (eq && !opt->arg) {
			/* --exit-code=bogus: the values its =forms take */
			char what[160] = "";
			size_t n = strlen(a), w = 0;
			for (size_t k = 0; k < sizeof options / sizeof *options; k++)
				if (takes(options[k].cmds, cmd->name) && !strncmp(options[k].name, a, n) &&
				    options[k].name[n] == '=' && w < sizeof what)
					w += (size_t)snprintf(what + w, sizeof what - w, "%s%s", w ? " or " : "",
					                      options[k].name + n + 1);
			if (w && w < sizeof what) {
				char msg[256];
				snprintf(msg, sizeof msg, "%%s takes %s, not '%s'", what, eq + 1);
				return opts_usage_error(cmd, msg, a);
			}
			return opts_usage_error(cmd, "%s takes no value", a);
		}
		if (opt->arg && !arg) {
			if (i + 1 >= argc) {
				char what[64];
				snprintf(what, sizeof what, "%%s needs %s", opt->arg);
				return opts_usage_error(cmd, what, a);
			}
			arg = argv[++i];
		}
		if (set_option(o, ar, opt->id, a, arg) != 0) {
			char what[96];
			snprintf(what, sizeof what, "%%s takes %s, not '%s'", opt->arg, arg);
			return opts_usage_error(cmd, what, a);
		}
	}
	if (o->args.len < cmd->min_args)
		return opts_usage_error(cmd, "%s: missing FILE", cmd->name);
	if (o->args.len > cmd->max_args)
		return opts_usage_error(cmd, "%s: too many arguments", cmd->name);
	if (o->to == -2)
		return opts_usage_error(cmd, "--to takes grant, refer or refuse%s", "");
	if (o->formats == 3)
		return opts_usage_error(cmd, "%s: one report at a time, --json or --html", cmd->name);
	if (o->to < 0 && o->format == REPORT_JSON && !strcmp(cmd->name, "explain"))
		return opts_usage_error(cmd, "%s goes with --to (a decision as JSON, with its trace: pacta eval --trace)", "--json");
	if (o->to < 0 && o->keep.len)
		return opts_usage_error(cmd, "%s goes with --to (the fields the answer must not change)", "--keep");
	if (o->to >= 0 && o->trust.len)
		return opts_usage_error(cmd, "%s reads the module's source, not its code; it cannot go with --trust", "--to");
	if (o->max_causes < 0)
		return opts_usage_error(cmd, "%s needs a number from 1 to 100000", "--max-causes");
	if (o->examples < -1)
		return opts_usage_error(cmd, "%s needs a number from 0 to 100000", "--examples");
	if (o->examples >= 0 && !o->replay)
		return opts_usage_error(cmd, "%s goes with --replay", "--examples");
	if (o->sign_key && o->emit != EMIT_SO)
		return opts_usage_error(cmd, "%s signs modules; it cannot go with --emit-llvm or --emit-obj", "--sign");
	if (!strcmp(cmd->name, "fmt") && o->fmt_write)
		for (size_t i = 0; i < o->args.len; i++)
			if (!strcmp(o->args.items[i], "-"))
				return opts_usage_error(cmd, "%s: standard input cannot be rewritten in place", "fmt -w");
	/* standard input is read once: it holds one of the command's inputs */
	size_t from_stdin = 0;
	for (size_t i = 0; i < o->args.len; i++)
		from_stdin += !strcmp(o->args.items[i], "-");
	int reads_requests = !strcmp(cmd->name, "eval") || !strcmp(cmd->name, "explain");
	if (from_stdin > 1 && !strcmp(cmd->name, "diff"))
		return opts_usage_error(cmd, "%s: the two versions cannot both come from standard input", "diff");
	if (o->args.len && !strcmp(o->args.items[0], "-") && strcmp(cmd->name, "fmt")) {
		if (from_stdin > 1 || (reads_requests && o->args.len == 1))
			return opts_usage_error(cmd, "%s: the agreement and the requests cannot both come from standard input",
			                        cmd->name);
		if (o->watch)
			return opts_usage_error(cmd, "%s watches files; standard input is not one", "--watch");
		if (!strcmp(cmd->name, "build") && !o->output)
			return opts_usage_error(cmd, "%s: an agreement from standard input needs -o FILE for its module",
			                        "build -");
	}
	if (o->trust.len && !opts_is_module(o->args.items[0]))
		return opts_usage_error(cmd, "%s checks the signature of a module (M.so), not of a source", "--trust");
	return 0;
}

int opts_unknown_command(const char *name, const command *cmds, size_t n)
{
	lp_suggest sg;
	lp_suggest_init(&sg, name);
	for (size_t i = 0; i < n; i++)
		lp_suggest_add(&sg, cmds[i].name);
	if (!sg.best)
		return opts_usage_error(NULL, "unknown command '%s'", name);
	fprintf(stderr, "pacta: unknown command '%s'; did you mean 'pacta %s'?\n", name, sg.best);
	fprintf(stderr, "(pacta --help lists the commands)\n");
	return EXIT_USAGE;
}
