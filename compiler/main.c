/*
 * main.c — the `pacta` command: a thin driver over the compiler library.
 *
 * Every command runs the same visible pipeline — load (parse every file,
 * resolve imports), check (names, types, lowering onto the schema), then
 * the command's own stage: nothing more for `check`, the in-language tests
 * for `test`, the reference evaluator over JSON Lines for `eval`.
 * Exit status: 0 success, 1 errors in the user's input (sources, tests,
 * requests), 2 misuse of the command line.
 */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codegen.h"
#include "report.h"
#include "doc.h"
#include "smt.h"
#include "pactac.h"
#include "signing.h"
#include "../runtime/module_abi.h"
#include "../runtime/pacta.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2

static const char usage_main[] =
	"usage: pacta COMMAND [OPTIONS] ARGS...\n"
	"\n"
	"Pacta compiles international cooperation agreements written as code and\n"
	"decides cooperation requests against them.\n"
	"\n"
	"commands:\n"
	"  check FILE.pacta...             parse and type-check; clang-style diagnostics\n"
	"  test FILE.pacta...              run the agreements' tests (--native, --coverage)\n"
	"  eval M.so|FILE.pacta [REQ]      decide JSON Lines requests (default: stdin)\n"
	"  build FILE.pacta [-o M.so]      compile to a native rule module\n"
	"  explain M.so|FILE.pacta REQ     one decision in words, with the articles' text\n"
	"  inspect M.so                    what a native module holds\n"
	"  fmt [-w|--check] FILE.pacta...  the one canonical layout\n"
	"  diff OLD NEW                    what changed, and which requests it decides differently\n"
	"  doc FILE.pacta [-o F.html]      the agreement as a lawyer reads it, in HTML\n"
	"  keygen KEY                      a key pair to sign modules (KEY, KEY.pub)\n"
	"\n"
	"options:\n"
	"  -I DIR          search DIR for `import std.x` (before PACTA_PATH and the\n"
	"                  installed standard library)\n"
	"  -h, --help      this help; `pacta COMMAND --help` for one command\n"
	"  --version       the version\n"
	"\n"
	"exit status: 0 success, 1 errors in the input, 2 command-line misuse\n";

static const char usage_check[] =
	"usage: pacta check [-I DIR]... FILE.pacta...\n"
	"\n"
	"Parses and checks each agreement with everything it imports: names, types\n"
	"and units, tables, labels, exemptions, obligations, fixtures and tests.\n"
	"Errors are printed as file:line:col with the source line and a caret.\n"
	"Exit status 1 when any file has errors.\n";

static const char usage_test[] =
	"usage: pacta test [-v] [--native] [--coverage] [-I DIR]... FILE.pacta...\n"
	"\n"
	"Runs every `test` block of each file (not those of imported files) with\n"
	"the reference evaluator.  A failure shows the expected and the actual\n"
	"decision with its trace.  The last line is `N passed, M failed`.\n"
	"  -v         also list the tests that pass\n"
	"  --native   run them through the compiled native module instead\n"
	"  --coverage list the clauses no test fired, and those no test found\n"
	"             decisive (a ground, a source of an obligation, an exemption)\n"
	"Exit status 1 when a test fails or a file has errors.\n";

static const char usage_eval[] =
	"usage: pacta eval [--trace] [--trust KEY.pub]... [-I DIR]... M.so|FILE.pacta\n"
	"                  [REQUESTS.jsonl|-]\n"
	"\n"
	"Decides with a native module (M.so, loaded through libpacta) or with the\n"
	"reference evaluator (FILE.pacta); the output is the same either way.\n"
	"Reads one JSON request object per line (from the file, or standard input\n"
	"when it is absent or -) and writes one decision per line, in order:\n"
	"  {\"id\": 7, \"outcome\": \"grant\", \"grounds\": [\"1.1\"], \"obligations\": {...}}\n"
	"A line that cannot be decoded is answered with {\"id\": ..., \"error\": \"...\"}\n"
	"naming its line, column and field; evaluation goes on with the next line.\n"
	"  --trace   add the fired rules and the exempted clauses\n"
	"  --trust KEY.pub  load M.so only if signed by this key (repeatable)\n"
	"Exit status 1 when any line was bad or the agreement has errors.\n";

static const char usage_build[] =
	"usage: pacta build [-O0|-O1|-O2|-O3] [--emit-llvm|--emit-obj] [--target T] [-o OUT]\n"
	"                   [--sign KEY] [-I DIR]... FILE.pacta\n"
	"\n"
	"Compiles the agreement to a native rule module: a self-contained shared\n"
	"object (no libc, no undefined symbols, no initialisers) that libpacta\n"
	"loads.  The same source and compiler give a byte-identical module.\n"
	"  -o OUT        the output (default: FILE with .so, .ll or .o)\n"
	"  -O0 .. -O3    optimisation (default -O2)\n"
	"  --emit-llvm   write the LLVM IR instead\n"
	"  --emit-obj    write the object file instead\n"
	"  --target T    generate code for the target triple T (default: this machine)\n"
	"  --sign KEY    sign the module with the secret key KEY (`pacta keygen`)\n"
	"The linker is `ld`, or $PACTA_LD.\n";

static const char usage_explain[] =
	"usage: pacta explain [--trust KEY.pub]... [-I DIR]... M.so|FILE.pacta REQUEST.json\n"
	"\n"
	"Decides one request (a file holding one JSON object, or - for standard\n"
	"input) and explains the decision in words: the outcome, each ground with\n"
	"its article and reason, the obligations and the clauses that imposed\n"
	"them, what fired and what was exempted by what.\n"
	"  --trust KEY.pub  load M.so only if signed by this key (repeatable)\n";

static const char usage_fmt[] =
	"usage: pacta fmt [-w|--check] FILE.pacta...\n"
	"\n"
	"Prints each file in the one canonical layout (comments kept; the program\n"
	"is unchanged).  A file that does not parse is reported and left alone.\n"
	"  -w        rewrite the files in place\n"
	"  --check   change nothing; exit 1 and name each file not in the layout\n";

static const char usage_diff[] =
	"usage: pacta diff [--json|--html] [--exit-code] [-I DIR]... OLD NEW\n"
	"\n"
	"Compares two versions of an agreement, each a .pacta source or a native\n"
	"module (its embedded source is used).  Structure: articles, clauses and\n"
	"declarations added, removed or changed (layout and comments aside),\n"
	"header and request-schema changes.  Semantics: every kind of change of\n"
	"decision (e.g. grant -> refuse, retain_at_most 180 -> 30 days), each with\n"
	"a minimal witness request re-evaluated by both agreements and the clauses\n"
	"that fired on each side, and a summary per (requesting party, requested\n"
	"party, assistance): equivalent, more or less permissive, incomparable.\n"
	"  --json        for tools\n"
	"  --html        a review page\n"
	"  --exit-code   exit 1 when some request is decided differently\n";

static const char usage_doc[] =
	"usage: pacta doc [-I DIR]... FILE.pacta [-o FILE.html]\n"
	"\n"
	"Renders the agreement as a lawyer reads it, in one self-contained HTML\n"
	"page: each article's text beside its clauses, labels as links, the\n"
	"exemptions both ways and as a graph, the tests as worked examples.\n"
	"  -o FILE   write the page there (default: standard output)\n";

static const char usage_inspect[] =
	"usage: pacta inspect [--trust KEY.pub]... M.so\n"
	"\n"
	"Shows what a native module holds: the agreement's title and version, the\n"
	"SHA-256 of its embedded source, the compiler, the request's fields and\n"
	"types, the obligations and the clauses.  The module is checked before it\n"
	"is loaded, as libpacta always does.\n"
	"  --trust KEY.pub  load M.so only if signed by this key (repeatable)\n";

typedef struct opts {
	load_opts load;
	int trace, verbose, native, coverage, fmt_write, fmt_check;
	int json, html, exit_code;
	int opt_level;
	enum emit_kind emit;
	const char *output;
	const char *triple;
	vec args;
	const char *sign_key;      /* build --sign */
	vec trust_files;           /* --trust, in order */
} opts;

static lw_program *compile(compilation *cm, const opts *o, const char *path)
{
	return compile_file(cm, &o->load, path, stderr);
}

static int summarize_errors(compilation *cm)
{
	if (cm->dg.errors)
		fprintf(stderr, "%d error%s\n", cm->dg.errors, cm->dg.errors == 1 ? "" : "s");
	return cm->dg.errors ? EXIT_INPUT : 0;
}

/* compile(), and on failure the error count said and everything freed. */
static lw_program *compile_reported(compilation *cm, const opts *o, const char *path)
{
	lw_program *c = compile(cm, o, path);
	if (!c) {
		summarize_errors(cm);
		compilation_free(cm);
	}
	return c;
}

static int cmd_check(opts *o)
{
	int rc = 0;
	for (size_t i = 0; i < o->args.len; i++) {
		compilation cm;
		compile(&cm, o, o->args.items[i]);
		if (summarize_errors(&cm))
			rc = EXIT_INPUT;
		compilation_free(&cm);
	}
	return rc;
}

/* `pacta test --native`: the module is built into a private directory and
 * loaded directly; the tests then run through its decide function. */
static int build_and_load(lw_program *c, const opts *o, void **handle, native_decide_fn *fn)
{
	char dir[] = "/tmp/pacta-test-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("pacta: test --native");
		return -1;
	}
	char path[64];
	snprintf(path, sizeof path, "%s/m.so", dir);
	emit_options eo = { 0 };
	eo.kind = EMIT_SO;
	eo.opt_level = o->opt_level;
	eo.output = path;
	int rc = emit_module(c, &eo);
	if (rc == 0) {
		*handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		const lp_module_desc *m = *handle ? dlsym(*handle, LP_MODULE_SYMBOL) : NULL;
		if (!m || m->magic != LP_MODULE_MAGIC || m->abi_version != LP_ABI_VERSION) {
			fprintf(stderr, "pacta: test --native: cannot load the module: %s\n",
			        *handle ? "no descriptor" : dlerror());
			rc = -1;
		} else {
			*fn = m->decide;
		}
	}
	unlink(path);
	rmdir(dir);
	return rc;
}

static int cmd_test(opts *o)
{
	int rc = 0, passed = 0, failed = 0;
	for (size_t i = 0; i < o->args.len; i++) {
		compilation cm;
		lw_program *c = compile(&cm, o, o->args.items[i]);
		if (!c) {
			summarize_errors(&cm);
			rc = EXIT_INPUT;
		} else {
			int ok = 0;
			native_decide_fn native = NULL;
			void *h = NULL;
			if (o->native && build_and_load(c, o, &h, &native) != 0) {
				rc = EXIT_INPUT;
				compilation_free(&cm);
				continue;
			}
			failed += run_tests(c, stdout, o->verbose, &ok, native, o->coverage);
			if (h)
				dlclose(h);
			passed += ok;
		}
		compilation_free(&cm);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return rc || failed ? EXIT_INPUT : 0;
}

/* A request line longer than PACTA_MAX_LINE_MB (default 1024) is answered
 * with an error instead of being decoded. */
static int line_too_long(size_t len, int lineno)
{
	static long max_mb = -1;
	if (max_mb < 0)
		max_mb = env_limit("PACTA_MAX_LINE_MB", 1024, 1, 1 << 20);
	if (len <= (size_t)max_mb << 20)
		return 0;
	printf("{\"error\": \"line %d, column 1: line too long (the limit is %ld MiB; see PACTA_MAX_LINE_MB)\"}\n",
	       lineno, max_mb);
	return 1;
}

/* The next request line of `in`, without its line end, in *line (*len
 * bytes): 1, or 0 when the line was too long (already answered), or -1 at
 * the end of the input. */
static int next_line(FILE *in, char **line, size_t *cap, int *lineno, size_t *len)
{
	ssize_t n = getline(line, cap, in);
	if (n < 0)
		return -1;
	++*lineno;
	if (n > 0 && (*line)[n - 1] == '\n')
		n--;
	if (n > 0 && (*line)[n - 1] == '\r')
		n--;
	*len = (size_t)n;
	return line_too_long(*len, *lineno) ? 0 : 1;
}

static int is_module(const char *path)
{
	size_t n = strlen(path);
	return n > 3 && strcmp(path + n - 3, ".so") == 0;
}

/* ==== signed modules (docs/signing.md) =====================================
 * `pacta keygen KEY`, `pacta build --sign KEY`, and `--trust KEY.pub` for
 * the commands that load modules (eval, explain, inspect).  The signing is
 * compiler/sign.c's, the checking libpacta's. */

static const char usage_keygen[] =
	"usage: pacta keygen KEY\n"
	"\n"
	"Makes an Ed25519 key pair for signing modules: the secret key in KEY\n"
	"(mode 0600, one line \"pacta-ed25519-secret HEX\") and the public key in\n"
	"KEY.pub (\"pacta-ed25519-public HEX\"), and prints the public key.  Neither\n"
	"file may exist.  `pacta build --sign KEY` signs with the secret key;\n"
	"`--trust KEY.pub` (eval, explain, inspect) loads only modules it signed.\n";

/* The keys of --trust, read once by sign_setup; NULL without --trust. */
static pacta_trust *trusted;

static void free_trusted(void)
{
	pacta_trust_free(trusted);
	trusted = NULL;
}

/* --sign and --trust in the option loop: 1 when argv[*i] was one (and its
 * argument is taken), -1 when its argument is missing, else 0. */
static int sign_option(const char *cmd, opts *o, arena *ar, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	int sign = !strcmp(cmd, "build") && !strcmp(a, "--sign");
	int trust = (!strcmp(cmd, "eval") || !strcmp(cmd, "explain") || !strcmp(cmd, "inspect")) &&
	            !strcmp(a, "--trust");
	if (!sign && !trust)
		return 0;
	if (*i + 1 >= argc)
		return -1;
	if (sign)
		o->sign_key = argv[++*i];
	else
		vec_push(ar, &o->trust_files, argv[++*i]);
	return 1;
}

/* After the options: checks what they ask for and reads the trusted keys.
 * Returns 0 or an exit status (the message printed). */
static int sign_setup(const char *cmd, const char *usage, opts *o)
{
	if (o->sign_key) {
		uint8_t seed[LP_KEY_SIZE];
		char msg[256];
		if (o->emit != EMIT_SO) {
			fprintf(stderr, "pacta: --sign signs modules; it cannot go with --emit-llvm or --emit-obj\n");
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
		/* Before the build, so that a bad key fails fast. */
		if (lp_key_file_read(o->sign_key, LP_KEY_SECRET_LABEL, seed, msg, sizeof msg) != 0) {
			fprintf(stderr, "pacta: --sign: %s\n", msg);
			return EXIT_INPUT;
		}
		memset(seed, 0, sizeof seed);
	}
	if (!o->trust_files.len)
		return 0;
	if (strcmp(cmd, "inspect") && o->args.len && !is_module(o->args.items[0])) {
		fprintf(stderr, "pacta: --trust checks the signature of a module (M.so), not of a source\n");
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	pacta_error err = { .status = PACTA_NOMEM, .message = "out of memory" };
	if (pacta_trust_new(&trusted) != PACTA_OK) {
		fprintf(stderr, "pacta: --trust: %s\n", err.message);
		return EXIT_INPUT;
	}
	atexit(free_trusted);
	for (size_t k = 0; k < o->trust_files.len; k++)
		if (pacta_trust_add_key_file(trusted, o->trust_files.items[k], &err) != PACTA_OK) {
			fprintf(stderr, "pacta: --trust: %s\n", err.message);
			return EXIT_INPUT;
		}
	return 0;
}

/* pacta_module_open, or with --trust pacta_module_open_trusted. */
static int open_module_signed(const char *path, pacta_module **mod, pacta_error *err)
{
	if (trusted)
		return pacta_module_open_trusted(path, trusted, mod, err);
	return pacta_module_open(path, mod, err);
}

/* build --sign: signs the module just written.  One that could not be
 * signed is removed, so that no unsigned module is left in its place. */
static int sign_built(const opts *o, const char *output)
{
	if (module_sign(output, o->sign_key) == 0)
		return 0;
	unlink(output);
	return EXIT_INPUT;
}

static void print_signer(const pacta_module *mod)
{
	const char *signer = pacta_module_signer(mod);
	printf("signer      %s\n", *signer ? signer : "unsigned");
}

static int cmd_keygen(opts *o)
{
	char pub[65];
	if (key_generate(o->args.items[0], pub) != 0)
		return EXIT_INPUT;
	printf("public key %s (%s.pub)\n", pub, (const char *)o->args.items[0]);
	return 0;
}

/* ==== end of signed modules ================================================ */

static int open_module(const char *path, pacta_module **mod)
{
	pacta_error err = { .status = PACTA_NOMEM, .message = "out of memory" };
	if (open_module_signed(path, mod, &err) != PACTA_OK) {
		fprintf(stderr, "pacta: %s: %s\n", path, err.message);
		return -1;
	}
	return 0;
}

/* A module opened through libpacta with one request, one decision and a
 * text buffer: what `eval` and `explain` on a module share. */
typedef struct session {
	pacta_module *mod;
	pacta_request *req;
	pacta_decision *dec;
	char *buf;
	size_t cap;
} session;

static void session_close(session *ss)
{
	free(ss->buf);
	pacta_decision_free(ss->dec);
	pacta_request_free(ss->req);
	pacta_module_close(ss->mod);
}

/* 0, or -1 with the reason on stderr. */
static int session_open(session *ss, const char *path)
{
	memset(ss, 0, sizeof *ss);
	if (open_module(path, &ss->mod) != 0)
		return -1;
	if (pacta_request_new(ss->mod, &ss->req) != PACTA_OK ||
	    pacta_decision_new(ss->mod, &ss->dec) != PACTA_OK) {
		fprintf(stderr, "pacta: %s: out of memory\n", path);
		session_close(ss);
		return -1;
	}
	ss->cap = 4096;
	ss->buf = xmalloc(ss->cap);
	return 0;
}

/* Decodes one request and decides it: PACTA_OK, or the failure in err. */
static int session_decide(session *ss, const char *json, size_t len, int lineno, pacta_error *err)
{
	int rc = pacta_request_from_json(ss->req, json, len, lineno, err);
	return rc != PACTA_OK ? rc : pacta_decide(ss->mod, ss->req, ss->dec, err);
}

enum { TEXT_DECISION, TEXT_ERROR, TEXT_EXPLAIN };

static int session_text_once(session *ss, int kind, const pacta_error *err, int trace, size_t *need)
{
	switch (kind) {
	case TEXT_DECISION: return pacta_decision_json(ss->dec, trace, ss->buf, ss->cap, need);
	case TEXT_ERROR: return pacta_request_error_json(ss->req, err, ss->buf, ss->cap, need);
	default: return pacta_decision_explain(ss->dec, ss->buf, ss->cap, need);
	}
}

/* The decision as JSON, the request's error as JSON or the explanation,
 * from libpacta's snprintf-style calls into the session's buffer, grown
 * to fit; NULL when out of memory. */
static const char *session_text(session *ss, int kind, const pacta_error *err, int trace)
{
	size_t need = 0;
	int rc = session_text_once(ss, kind, err, trace, &need);
	if (rc == PACTA_RANGE) {
		free(ss->buf);
		ss->cap = need;
		ss->buf = xmalloc(ss->cap);
		rc = session_text_once(ss, kind, err, trace, &need);
	}
	return rc == PACTA_OK ? ss->buf : NULL;
}

/* `pacta eval M.so`: the same lines as the interpreter, through libpacta. */
static int eval_module(const opts *o, const char *path, FILE *in, const char *in_path)
{
	session ss;
	if (session_open(&ss, path) != 0)
		return EXIT_INPUT;
	pacta_error err;
	size_t lcap = 0, len;
	char *line = NULL;
	int lineno = 0, bad = 0, got;
	while ((got = next_line(in, &line, &lcap, &lineno, &len)) >= 0) {
		const char *text;
		if (!got) {
			bad = 1;
			continue;
		}
		if (session_decide(&ss, line, len, lineno, &err) != PACTA_OK) {
			bad = 1;
			text = session_text(&ss, TEXT_ERROR, &err, 0);
		} else {
			text = session_text(&ss, TEXT_DECISION, &err, o->trace);
		}
		if (!text) {
			fprintf(stderr, "pacta: out of memory\n");
			exit(3);
		}
		fputs(text, stdout);
		fputc('\n', stdout);
	}
	if (ferror(in)) {
		perror(in_path);
		bad = 1;
	}
	free(line);
	session_close(&ss);
	return bad ? EXIT_INPUT : 0;
}

static int cmd_eval(opts *o)
{
	const char *src = o->args.items[0];
	const char *in_path = o->args.len > 1 ? o->args.items[1] : "-";
	FILE *in = stdin;
	if (strcmp(in_path, "-") != 0) {
		in = fopen(in_path, "rb");
		if (!in) {
			perror(in_path);
			return EXIT_INPUT;
		}
	}
	if (is_module(src)) {
		int rc = eval_module(o, src, in, in_path);
		if (in != stdin)
			fclose(in);
		return rc;
	}
	compilation cm;
	lw_program *c = compile_reported(&cm, o, src);
	if (!c) {
		if (in != stdin)
			fclose(in);
		return EXIT_INPUT;
	}
	const lp_schema *s = &c->schema;
	uint64_t *req = xcalloc(s->nslots + 1, sizeof(uint64_t));
	void *mem = xmalloc(lp_decision_size(s));
	lp_decision_buf d;
	lp_decision_layout(s, &d, mem);
	evaluator *ev = eval_new(c);
	lp_names *names = lp_names_new(s);
	lp_strbuf out = { 0 };
	char *line = NULL;
	size_t cap = 0, len;
	int lineno = 0, bad = 0, got;
	while ((got = next_line(in, &line, &cap, &lineno, &len)) >= 0) {
		lp_request_id id;
		lp_json_error err;
		out.len = 0;
		if (!got) {
			bad = 1;
			continue;
		}
		if (lp_json_decode_request_n(s, names, line, len, lineno, req, &id, &err) != 0) {
			bad = 1;
			lp_json_encode_error(&id, &err, &out);
		} else {
			eval_request(ev, req, &d);
			lp_json_encode_decision(s, &d, &id, o->trace, &out);
		}
		lp_sb_put(&out, "\n", 1);
		if (out.failed) {
			fprintf(stderr, "pacta: out of memory\n");
			exit(3);
		}
		fwrite(out.data, 1, out.len, stdout);
	}
	if (ferror(in)) {
		perror(in_path);
		bad = 1;
	}
	free(line);
	lp_sb_free(&out);
	lp_names_free(names);
	eval_free(ev);
	free(mem);
	free(req);
	compilation_free(&cm);
	if (in != stdin)
		fclose(in);
	return bad ? EXIT_INPUT : 0;
}

/* The module is built from the canonical form of the agreement (pacta
 * fmt), so that its embedded source, its hash and the line numbers of its
 * clauses do not depend on layout or comments' places: the source is
 * checked as written first (diagnostics point into the file), then
 * formatted and checked again from the formatted text. */
static lw_program *compile_canonical(compilation *cm, opts *o, const char *src, lp_strbuf *canon)
{
	lw_program *c = compile(cm, o, src);
	if (!c)
		return NULL;
	const srcfile *f = cm->prog.files.items[0];
	if (fmt_source(&cm->prog, f, canon) != 0 || canon->failed) {
		fprintf(stderr, "pacta: internal error: cannot format %s\n", src);
		return NULL;
	}
	compilation_free(cm);
	opts co = *o;
	co.load.main_text = canon->data;
	co.load.main_len = canon->len;
	c = compile(cm, &co, src);
	if (!c)
		fprintf(stderr, "pacta: internal error: the canonical form of %s does not check\n", src);
	return c;
}

static int cmd_build(opts *o)
{
	const char *src = o->args.items[0];
	compilation cm;
	lp_strbuf canon = { 0 };
	lw_program *c = compile_canonical(&cm, o, src, &canon);
	if (!c) {
		summarize_errors(&cm);
		compilation_free(&cm);
		lp_sb_free(&canon);
		return EXIT_INPUT;
	}
	emit_options eo = { 0 };
	eo.kind = o->emit;
	eo.opt_level = o->opt_level;
	eo.output = o->output;
	eo.triple = o->triple;
	char *def = NULL;
	if (!eo.output) {
		const char *ext = o->emit == EMIT_LL ? ".ll" : o->emit == EMIT_OBJ ? ".o" : ".so";
		size_t n = strlen(src);
		if (n > 6 && !strcmp(src + n - 6, ".pacta"))
			n -= 6;
		def = xmalloc(n + 4);
		memcpy(def, src, n);
		strcpy(def + n, ext);
		eo.output = def;
	}
	int rc = emit_module(c, &eo) == 0 ? 0 : EXIT_INPUT;
	if (rc == 0 && o->sign_key)
		rc = sign_built(o, eo.output);
	free(def);
	compilation_free(&cm);
	lp_sb_free(&canon);
	return rc;
}

/* The request of `pacta explain`: a whole file holding one JSON object
 * (new lines inside it are white space). */
static char *read_request(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		perror(path);
		return NULL;
	}
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (n + 1 == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	if (f != stdin)
		fclose(f);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		n--;
	for (size_t i = 0; i < n; i++)   /* one logical line, for the decoder */
		if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')
			buf[i] = ' ';
	buf[n] = 0;
	*len = n;
	return buf;
}

static int cmd_explain(opts *o)
{
	const char *src = o->args.items[0], *rpath = o->args.items[1];
	size_t len;
	char *json = read_request(rpath, &len);
	if (!json)
		return EXIT_INPUT;
	int rc = 0;
	if (is_module(src)) {
		session ss;
		if (session_open(&ss, src) != 0) {
			free(json);
			return EXIT_INPUT;
		}
		pacta_error err;
		const char *text = NULL;
		if (session_decide(&ss, json, len, 1, &err) == PACTA_OK) {
			text = session_text(&ss, TEXT_EXPLAIN, &err, 0);
			if (!text)
				snprintf(err.message, sizeof err.message, "out of memory");
		}
		if (text) {
			printf("%s: %s\n", src, pacta_module_title(ss.mod));
			fputs(text, stdout);
		} else {
			fprintf(stderr, "pacta: %s: %s\n", rpath, err.message);
			rc = EXIT_INPUT;
		}
		session_close(&ss);
		free(json);
		return rc;
	}
	compilation cm;
	lw_program *c = compile_reported(&cm, o, src);
	if (!c) {
		free(json);
		return EXIT_INPUT;
	}
	const lp_schema *s = &c->schema;
	uint64_t *req = xcalloc(s->nslots + 1, sizeof(uint64_t));
	lp_request_id id;
	lp_json_error jerr;
	if (lp_json_decode_request(s, json, len, 1, req, &id, &jerr) != 0) {
		fprintf(stderr, "pacta: %s: %s\n", rpath, jerr.text);
		rc = EXIT_INPUT;
	} else {
		void *mem = xmalloc(lp_decision_size(s));
		lp_decision_buf d;
		lp_decision_layout(s, &d, mem);
		evaluator *ev = eval_new(c);
		eval_request(ev, req, &d);
		lp_strbuf b = { 0 };
		lp_explain(s, &d, 1, &b);
		printf("%s: %s\n", src, s->title);
		fwrite(b.data, 1, b.len, stdout);
		lp_sb_free(&b);
		eval_free(ev);
		free(mem);
	}
	free(req);
	free(json);
	compilation_free(&cm);
	return rc;
}

static int cmd_inspect(opts *o)
{
	const char *path = o->args.items[0];
	pacta_module *mod;
	if (open_module(path, &mod) != 0)
		return EXIT_INPUT;
	size_t srclen = 0;
	pacta_module_source(mod, &srclen);
	printf("module      %s\n", path);
	printf("agreement   %s\n", pacta_module_title(mod));
	printf("version     %s\n", pacta_module_version(mod));
	printf("source      sha256:%s (the agreement and its imports; the agreement's %zu bytes embedded)\n",
	       pacta_module_source_hash(mod), srclen);
	printf("compiler    pacta %s, module ABI %d\n", pacta_module_compiler_version(mod), pacta_abi_version());
	print_signer(mod);
	printf("default     %s\n", pacta_module_default_outcome(mod) == PACTA_GRANT ? "grant"
	       : pacta_module_default_outcome(mod) == PACTA_REFER ? "refer" : "refuse");
	printf("fields      %d\n", pacta_field_count(mod));
	for (int i = 0; i < pacta_field_count(mod); i++)
		printf("  %-40s %s%s\n", pacta_field_name(mod, i), pacta_field_type_name(mod, i),
		       pacta_field_has_default(mod, i) ? "" : "  (required)");
	printf("obligations %d\n", pacta_obligation_count(mod));
	for (int i = 0; i < pacta_obligation_count(mod); i++)
		printf("  %s\n", pacta_obligation_name(mod, i));
	printf("clauses     %d\n", pacta_clause_count(mod));
	for (int i = 0; i < pacta_clause_count(mod); i++) {
		const char *t = pacta_clause_title(mod, i), *a = pacta_clause_article(mod, i);
		printf("  %-10s %s", pacta_clause_label(mod, i), t ? t : "");
		if (a)
			printf("%s(article %s)", t ? "  " : "", a);
		putchar('\n');
	}
	pacta_module_close(mod);
	return 0;
}

/* `pacta fmt`: parse (a file that does not parse is left alone), then
 * print, rewrite (-w) or compare (--check). */
static int cmd_fmt(opts *o)
{
	int rc = 0;
	for (size_t i = 0; i < o->args.len; i++) {
		const char *path = o->args.items[i];
		compilation cm;
		memset(&cm, 0, sizeof cm);
		cm.ar = arena_new();
		diag_init(&cm.dg, stderr);
		cm.prog.ar = cm.ar;
		cm.prog.names = intern_new(cm.ar);
		cm.prog.dg = &cm.dg;
		srcfile *f = read_source(&cm.prog, path);
		lp_strbuf out = { 0 };
		if (f)
			parse_file(&cm.prog, f);
		if (!f || cm.dg.errors || fmt_source(&cm.prog, f, &out) != 0 || cm.dg.errors) {
			summarize_errors(&cm);
			rc = EXIT_INPUT;
		} else if (o->fmt_check) {
			if (out.len != f->len || memcmp(out.data, f->text, f->len) != 0) {
				printf("%s: not in the canonical layout\n", path);
				rc = EXIT_INPUT;
			}
		} else if (o->fmt_write) {
			if (out.len != f->len || memcmp(out.data, f->text, f->len) != 0) {
				FILE *w = fopen(path, "wb");
				if (!w || fwrite(out.data, 1, out.len, w) != out.len || fclose(w) != 0) {
					perror(path);
					rc = EXIT_INPUT;
				}
			}
		} else {
			fwrite(out.data, 1, out.len, stdout);
		}
		lp_sb_free(&out);
		compilation_free(&cm);
	}
	return rc;
}

/* Prints the diff (structure, then decisions) in the chosen form; returns
 * 1 when some request is decided differently, 0 when none is, -1 on
 * error. */
static int diff_semantic(const opts *o, const char *a, const lw_program *x, const char *b,
                         const lw_program *y, diff_result *sr)
{
	smt_diff_result r;
	smt_diff_options so;
	smt_diff_options_default(&so);
	if (smt_diff(x, y, &so, &r) != 0) {
		fprintf(stderr, "pacta: diff: %s\n", r.error);
		smt_diff_result_free(&r);
		return -1;
	}
	if (report_diff(stdout, o->json ? REPORT_JSON : o->html ? REPORT_HTML : REPORT_TEXT, a, b, sr, &r) != 0)
		fprintf(stderr, "pacta: diff: cannot write the report\n");
	int differ = r.nchanges > 0;
	if (r.bugs)
		fprintf(stderr, "pacta: diff: %zu witness%s did not reproduce: a bug in pacta, please report it\n",
		        r.bugs, r.bugs == 1 ? "" : "es");
	smt_diff_result_free(&r);
	return differ;
}

/* One side of `pacta diff`: a source, or a module's embedded source
 * (checked again here, with the standard library at hand). */
static lw_program *compile_side(compilation *cm, opts *o, const char *path, char **text)
{
	*text = NULL;
	if (!is_module(path))
		return compile(cm, o, path);
	pacta_module *mod;
	if (open_module(path, &mod) != 0) {
		memset(cm, 0, sizeof *cm);
		cm->ar = arena_new();
		cm->prog.names = intern_new(cm->ar);
		cm->dg.errors = 1;
		return NULL;
	}
	size_t len = 0;
	const char *src = pacta_module_source(mod, &len);
	*text = xmalloc(len + 1);
	memcpy(*text, src, len);
	(*text)[len] = 0;
	uint8_t built[32];
	memcpy(built, pacta_module_source_sha256(mod), sizeof built);
	pacta_module_close(mod);
	opts co = *o;
	co.load.main_text = *text;
	co.load.main_len = len;
	lw_program *c = compile(cm, &co, path);
	/* the module carries its agreement's text, not its imports: say so
	 * when the ones found here are not those it was built with */
	uint8_t now[32];
	if (c && (source_hash(c, now), memcmp(now, built, sizeof now) != 0))
		fprintf(stderr, "pacta: warning: %s was built with other versions of the files its agreement "
		        "imports than those found here; the comparison uses these\n", path);
	return c;
}

static int cmd_diff(opts *o)
{
	const char *a = o->args.items[0], *b = o->args.items[1];
	compilation ca, cb;
	char *ta, *tb;
	lw_program *x = compile_side(&ca, o, a, &ta);
	lw_program *y = compile_side(&cb, o, b, &tb);
	int rc = 0;
	if (!x || !y) {
		summarize_errors(&ca);
		summarize_errors(&cb);
		rc = EXIT_INPUT;
		goto out;
	}
	diff_result sr;
	diff_structural(&ca.prog, x, &cb.prog, y, &sr);
	int differ = diff_semantic(o, a, x, b, y, &sr);
	if (differ < 0)
		rc = EXIT_INPUT;
	else if (o->exit_code && differ)
		rc = EXIT_INPUT;
	diff_result_free(&sr);
out:
	compilation_free(&ca);
	compilation_free(&cb);
	free(ta);
	free(tb);
	return rc;
}

static int cmd_doc(opts *o)
{
	const char *src = o->args.items[0];
	compilation cm;
	lw_program *c = compile_reported(&cm, o, src);
	if (!c) {
		return EXIT_INPUT;
	}
	FILE *out = o->output ? fopen(o->output, "w") : stdout;
	if (!out) {
		perror(o->output);
		compilation_free(&cm);
		return EXIT_INPUT;
	}
	int rc = doc_render(&cm.prog, c, out);
	if (o->output ? fclose(out) != 0 : fflush(out) != 0)
		rc = -1;
	if (rc)
		fprintf(stderr, "pacta: doc: cannot write %s\n", o->output ? o->output : "standard output");
	compilation_free(&cm);
	return rc ? EXIT_INPUT : 0;
}

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

static int usage_error(const command *c, const char *fmt, const char *arg)
{
	fprintf(stderr, "pacta: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	fputs(c ? c->usage : usage_main, stderr);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error(NULL, "%s", "no command given");
	const char *name = argv[1];
	if (!strcmp(name, "-h") || !strcmp(name, "--help") || !strcmp(name, "help")) {
		if (argc > 2) {
			for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
				if (!strcmp(argv[2], commands[i].name)) {
					fputs(commands[i].usage, stdout);
					return 0;
				}
			return usage_error(NULL, "unknown command '%s'", argv[2]);
		}
		fputs(usage_main, stdout);
		return 0;
	}
	if (!strcmp(name, "--version") || !strcmp(name, "version")) {
		printf("pacta %s\n", PACTAC_VERSION_STRING);
		return 0;
	}
	const command *cmd = NULL;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(name, commands[i].name))
			cmd = &commands[i];
	if (!cmd)
		return usage_error(NULL, "unknown command '%s'", name);

	arena *ar = arena_new();
	opts o = { 0 };
	o.load.stdlib_dir = default_stdlib_dir();
	o.opt_level = 2;
	o.emit = EMIT_SO;
	int rc = 0, only_args = 0, sign_rc;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || !strcmp(a, "-")) {
			vec_push(ar, &o.args, (void *)a);
		} else if ((sign_rc = sign_option(cmd->name, &o, ar, argc, argv, &i)) != 0) {
			if (sign_rc < 0) {
				rc = usage_error(cmd, "%s needs a key file", a);
				goto done;
			}
		} else if (!strcmp(a, "--")) {
			only_args = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(cmd->usage, stdout);
			goto done;
		} else if (!strcmp(a, "-I")) {
			if (i + 1 >= argc) {
				rc = usage_error(cmd, "%s needs a directory", a);
				goto done;
			}
			vec_push(ar, &o.load.include_dirs, argv[++i]);
		} else if (!strncmp(a, "-I", 2)) {
			vec_push(ar, &o.load.include_dirs, (void *)(a + 2));
		} else if (!strcmp(a, "--trace") && cmd->run == cmd_eval) {
			o.trace = 1;
		} else if (!strcmp(a, "-v") && cmd->run == cmd_test) {
			o.verbose = 1;
		} else if (!strcmp(a, "--native") && cmd->run == cmd_test) {
			o.native = 1;
		} else if (!strcmp(a, "--coverage") && cmd->run == cmd_test) {
			o.coverage = 1;
		} else if (!strcmp(a, "--json") && cmd->run == cmd_diff) {
			o.json = 1;
		} else if (!strcmp(a, "--html") && cmd->run == cmd_diff) {
			o.html = 1;
		} else if (!strcmp(a, "--exit-code") && cmd->run == cmd_diff) {
			o.exit_code = 1;
		} else if (!strcmp(a, "-w") && cmd->run == cmd_fmt) {
			o.fmt_write = 1;
		} else if (!strcmp(a, "--check") && cmd->run == cmd_fmt) {
			o.fmt_check = 1;
		} else if (cmd->run == cmd_build && a[1] == 'O' && a[2] >= '0' && a[2] <= '3' && !a[3]) {
			o.opt_level = a[2] - '0';
		} else if (cmd->run == cmd_build && !strcmp(a, "--emit-llvm")) {
			o.emit = EMIT_LL;
		} else if (cmd->run == cmd_build && !strcmp(a, "--emit-obj")) {
			o.emit = EMIT_OBJ;
		} else if (cmd->run == cmd_build && !strcmp(a, "--target")) {
			if (i + 1 >= argc) {
				rc = usage_error(cmd, "%s needs a target triple", a);
				goto done;
			}
			o.triple = argv[++i];
		} else if ((cmd->run == cmd_build || cmd->run == cmd_doc) && !strcmp(a, "-o")) {
			if (i + 1 >= argc) {
				rc = usage_error(cmd, "%s needs a file", a);
				goto done;
			}
			o.output = argv[++i];
		} else {
			rc = usage_error(cmd, "unknown option '%s'", a);
			goto done;
		}
	}
	if (o.args.len < cmd->min_args) {
		rc = usage_error(cmd, "%s: missing FILE", cmd->name);
		goto done;
	}
	if (o.args.len > cmd->max_args) {
		rc = usage_error(cmd, "%s: too many arguments", cmd->name);
		goto done;
	}
	if ((rc = sign_setup(cmd->name, cmd->usage, &o)) != 0)
		goto done;
	rc = cmd->run(&o);
done:
	arena_free(ar);
	fflush(stdout);
	return rc;
}
