/*
 * pactac.h — the one internal header of the Pacta compiler library.
 *
 * The pipeline, bottom to top: arena and interned names, source files and
 * diagnostics, the AST built by the parser (grammar/), the loader that
 * resolves imports, the checker that resolves names and types, the lowered
 * program (lower.c: the runtime's schema, clauses and rules as flat tables,
 * constants folded) that every backend reads, and the reference evaluator
 * that decides one request on it.  main.c runs these stages as a visible
 * list.
 */
#ifndef PACTAC_H
#define PACTAC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../runtime/model.h"
#include "../runtime/module_abi.h"

#define PACTAC_VERSION_STRING "0.1.0"

/* ---- arena (arena.c) ---- */

typedef struct arena arena;
arena *arena_new(void);
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t n);          /* zeroed */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);

/* Growable arrays of pointers, living in the arena. */
typedef struct vec {
	void **items;
	size_t len, cap;
} vec;
void vec_push(arena *a, vec *v, void *p);

/* Interned names: equal names are the same pointer. */
typedef struct interner interner;
interner *intern_new(arena *a);
void intern_free(interner *in);
const char *intern(interner *in, const char *s, size_t n);
/* intern() of a NUL-terminated string. */
const char *intern_str(interner *in, const char *s);

/* ---- sources and diagnostics (diag.c) ---- */

/* An import of a file, as the loader resolved it: its words and the
 * file it read (srcfile.id). */
typedef struct src_import {
	const char *name;
	uint32_t to;
} src_import;

typedef struct srcfile {
	const char *path;      /* as the user or the import named it */
	const char *shown;     /* the name diagnostics give it, when not its
	                          path: the file whose text stands in its place
	                          (load_opts.overlay_shown); or NULL */
	const char *text;      /* NUL-terminated copy */
	size_t len;
	uint32_t id;
	uint32_t *line_starts;   /* byte offset of each line, made on first use */
	uint32_t nlines;
	const char *real;      /* its identity for the loader: the real path, or
	                          "module:K" for a module's imported file K
	                          (load.c); NULL for a text not loaded */
	uint32_t carried;      /* a module's file K: K + 1; else 0 */
	const char *import_name;  /* the import that first read it, as
	                          written; NULL for the main file */
	vec imports;           /* src_import *: what its imports read */
} srcfile;

typedef struct span {
	const srcfile *file;
	uint32_t start, end;   /* byte offsets, end exclusive */
} span;

enum diag_severity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };
/* How diagnostics are written: as a C compiler does, one JSON object a
 * line, or one SARIF log for the whole run (diag_finish). */
enum diag_format { DIAG_TEXT, DIAG_JSON, DIAG_SARIF };

/* A diagnostic as tools receive it (--diagnostics=json|sarif, pacta lsp):
 * a place, a message, notes at related places, and fixes (the text that
 * replaces a span: a "did you mean" answered). */
typedef struct diag_note_item {
	span at;
	char *message;
} diag_note_item;

typedef struct diag_fix {
	span at;
	char *text;
} diag_fixit;

typedef struct diag_item {
	uint8_t severity;           /* enum diag_severity */
	const char *lint;           /* a lint's name, or NULL */
	span at;                    /* at.file NULL: no place in a source */
	const char *path;           /* for a whole file (at.file NULL), or NULL */
	char *message;
	diag_note_item *notes;
	size_t nnotes;
	diag_fixit *fixes;
	size_t nfixes;
} diag_item;

/* Receives each finished diagnostic instead of its being printed (the
 * language server). */
typedef void (*diag_sink)(void *ctx, const diag_item *it);

typedef struct diag {
	int errors, warnings;
	int max_errors;        /* stop printing after this many (0: no limit) */
	int max_warnings;      /* the same for warnings */
	FILE *out;
	int format;            /* enum diag_format */
	int color;             /* text: colour the output */
	diag_sink sink;
	void *sink_ctx;
	diag_item *cur;        /* the diagnostic being built (not text) */
	int shown;             /* text: the last error or warning was printed */
	uint32_t shown_start;  /* text: its span's start and file, for fixes */
	const srcfile *shown_file;
} diag;

void diag_init(diag *d, FILE *out);
void diag_error(diag *d, span at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A lint's finding: `name` is the lint's name (lint.c). */
void diag_warning(diag *d, const char *name, span at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_note(diag *d, span at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* What follows the last error, written under it (`text`'s lines as they
 * are) or, for tools, as its notes without a place, one a line. */
void diag_details(diag *d, const char *text);
/* A fix for the last error or warning: `text` replaces `at` (an empty
 * span inserts it). */
void diag_fix(diag *d, span at, const char *text);
/* An error with no place in a source (missing file on the command line). */
void diag_plain(diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* An error about a whole file ("not a Pacta source"). */
void diag_file(diag *d, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Finishes the diagnostic being built (JSON, SARIF, a sink). */
void diag_flush(diag *d);
/* The format and colour every later diag_init takes (main.c's
 * --diagnostics and --color). */
void diag_configure(int format, int color);
int diag_configured_format(void);
/* --diagnostics=sarif: the log of every diagnostic of the run, on `out`. */
void diag_finish(FILE *out);
/* Line and column (1-based; the column counts characters, not bytes). */
void span_linecol(span s, uint32_t *line, uint32_t *col);
/* The same at a byte offset of a file; `utf16` counts UTF-16 units (the
 * language server's columns), else characters. */
void src_linecol(const srcfile *f, uint32_t off, int utf16, uint32_t *line, uint32_t *col);
/* The line alone (1-based): no count of the characters before `off`, so
 * that locating every token of a long line is not quadratic in it. */
uint32_t src_line(const srcfile *f, uint32_t off);
/* The byte offset of a 0-based line and UTF-16 column (the language
 * server's positions), clamped to the line. */
uint32_t src_offset(const srcfile *f, uint32_t line, uint32_t col16);
/* Length of the well-formed UTF-8 sequence at s (1 for ASCII), or 0; its
 * code point in *cp (runtime/utf8.c). */
static inline uint32_t utf8_decode(const char *s, size_t avail, uint32_t *cp)
{
	return (uint32_t)lp_utf8_decode(s, avail, cp);
}
/* A limit set in the environment, else `def` (docs/language.md, Limits). */
long env_limit(const char *name, long def, long lo, long hi);
/* Frees a file's line index (the file itself lives in the arena). */
void srcfile_release(srcfile *f);
/* Frees what a program holds outside its arena. */
struct program;
void program_release(struct program *p);


/* ---- AST (ast.c) ---- */

#define EXPR_KINDS(X) \
	X(E_INT) X(E_DUR) X(E_DATE) X(E_BOOL) X(E_NAME) X(E_SET) \
	X(E_NOT) X(E_AND) X(E_OR) X(E_IF) \
	X(E_EQ) X(E_NE) X(E_LT) X(E_LE) X(E_GT) X(E_GE) \
	X(E_IN) X(E_NOTIN) X(E_OVERLAPS) X(E_WITHIN) \
	X(E_UNION) X(E_INTER) X(E_ADD) X(E_SUB) X(E_LOOKUP) \
	X(E_IMPLIES) \
	X(E_OUTCOME) X(E_GROUNDED) X(E_DISCRETIONARY) X(E_EXEMPTED) X(E_FIRED) X(E_IMPOSED)

/* The last line are the decision's facts, which only an `assert` reads:
 * E_OUTCOME holds when the outcome is one of ival (bits 1 << PO_*);
 * E_GROUNDED when the ground is ival (enum pg_ground) and, for
 * PG_CLAUSES, clause `index` is a ground; E_DISCRETIONARY, E_EXEMPTED and
 * E_FIRED name clause `index` (written `name`); E_IMPOSED obligation
 * `index` (of lw_program.obligs). */

enum expr_kind {
#define X(k) k,
	EXPR_KINDS(X)
#undef X
};

enum dur_unit { U_DAYS, U_WEEKS, U_YEARS };

struct decl;
struct enum_decl;

/* A type: the kind, and for enums and sets the enum. */
typedef struct type {
	uint8_t kind;               /* enum pk_kind; PK__COUNT: unknown (error) */
	struct decl *en;            /* the enum declaration, for PK_ENUM/PK_SET */
} type;

typedef struct expr {
	uint8_t kind;               /* enum expr_kind */
	span at;
	uint32_t depth;             /* nesting, so deep input is refused early */
	struct expr *a, *b, *c;
	int64_t ival;               /* E_INT, E_DUR (count), E_DATE (day), E_BOOL */
	uint8_t unit;               /* E_DUR */
	uint8_t paren;              /* written in parentheses (lint and-or) */
	const char *name;           /* E_NAME, E_LOOKUP (table name) */
	struct expr **elem;         /* E_SET: the members written */
	uint32_t nelem;
	/* filled by the checker */
	type ty;
	uint8_t ref;                /* what E_NAME resolved to: enum ref_kind */
	struct decl *decl;          /* field, define or table (the checker's) */
	uint32_t member;            /* enum member index for REF_MEMBER */
	uint32_t index;             /* REF_FIELD: field index; REF_DEFINE:
	                               define index; E_LOOKUP: table index —
	                               into the lowered program's arrays */
} expr;

/* REF_OBLIG: an obligation's value in the decision (in an `assert`
 * only); index is into lw_program.obligs */
enum ref_kind { REF_NONE, REF_FIELD, REF_DEFINE, REF_MEMBER, REF_OBLIG };

/* One `key: expr` of a table or `name = expr` of a given/request list. */
typedef struct binding {
	const char *name;
	span at;                    /* of the name */
	expr *value;                /* NULL: a fixture reference in `given` */
	type ty;                    /* request fields: the declared type */
	struct decl *decl;          /* filled by the checker */
} binding;

/* `oblige NAME [VALUE]` in `expect ... with` */
typedef struct rule {
	uint8_t action;             /* enum pa_action */
	span at;
	expr *when, *unless;
	const char *reason;
	const char *oblig;          /* PA_OBLIGE */
	span oblig_at;
	expr *value;                /* PA_OBLIGE value, or NULL */
	vec labels;                 /* PA_EXEMPTS: of struct label_ref */
	/* checker */
	struct decl *oblig_decl;
	uint32_t index;             /* global rule index */
} rule;

typedef struct label_ref {
	const char *label;
	span at;
	struct decl *clause;
} label_ref;

#define DECL_KINDS(X) \
	X(D_AGREEMENT) X(D_IMPORT) X(D_ENUM) X(D_DEFINE) X(D_TABLE) \
	X(D_REQUEST) X(D_FIELD) X(D_OBLIGATION) X(D_ARTICLE) X(D_CLAUSE) \
	X(D_FIXTURE) X(D_TEST) X(D_ASSERT)

enum decl_kind {
#define X(k) k,
	DECL_KINDS(X)
#undef X
};

/* Header attributes of `agreement`. */
typedef struct header {
	const char *version;
	vec parties;                /* of binding (name only) */
	int has_effective, has_expires, has_default;
	int64_t effective, expires;
	span effective_at, expires_at;
	uint8_t default_outcome;
	span default_at;
	const char *default_reason;  /* `default O because "..."`, or NULL */
	const char *text;            /* the header's text block, or NULL */
	vec summary;                 /* `summary by F, ...`: of binding (name, at) */
} header;

/* What an `assert` states: `always P`, `never P`, `reciprocal`. */
enum assert_kind { ASSERT_ALWAYS, ASSERT_NEVER, ASSERT_RECIPROCAL };

/* Whether and how a test names its grounds: `expect O`, `by L, ...`,
 * `by default`, `by agreement`. */
enum expect_by { EXPECT_ANY, EXPECT_LABELS, EXPECT_DEFAULT, EXPECT_AGREEMENT };

/* A type as written (`bool`, `days`, `offence`, `set of offence`), before
 * the checker resolves the enum it names. */
typedef struct typeref {
	uint8_t kind;               /* enum pk_kind */
	const char *name;           /* the enum's name for PK_ENUM and PK_SET */
	span at;
} typeref;

typedef struct decl {
	uint8_t kind;               /* enum decl_kind */
	span at;                    /* of the whole declaration head */
	span name_at;
	const char *name;           /* ident, label, import path, test name */
	const char *title;          /* agreement/article/clause title, or NULL */
	vec repeated;               /* D_AGREEMENT, D_CLAUSE: attributes given
	                               twice (binding, name only), reported by
	                               the checker */
	/* D_AGREEMENT */
	header hdr;
	/* D_IMPORT: name is "std.mla" or the quoted path */
	int import_is_path;
	/* D_ENUM: members of binding (name only) */
	vec members;
	/* D_DEFINE (optional), D_TABLE (the value's), D_FIELD, D_OBLIGATION
	 * (optional): the type as written, and as resolved */
	int has_type;
	typeref tref;
	type ty;
	/* D_DEFINE: the value; D_FIELD: the default, or NULL */
	expr *value;
	/* D_TABLE */
	typeref key_ref;
	type key;
	vec entries;                /* of binding: `key: expr`, `_: expr` */
	expr **table_by_key;        /* checker: per key member */
	/* D_REQUEST */
	vec fields;                 /* of decl (D_FIELD) */
	/* D_OBLIGATION */
	const char *combine_name;   /* as written, or NULL for a flag */
	span combine_at;
	uint8_t combine;            /* checker: enum pc_combine */
	vec on;                     /* `on O, ...` (binding, name only) */
	const char *bearer_name;    /* `by requesting|requested`, or NULL */
	span bearer_at;
	const char *description;    /* or NULL */
	uint8_t on_mask;            /* checker: outcomes, 1 << PO_*; 0 none */
	uint8_t bearer;             /* checker: enum pb_bearer */
	/* D_ARTICLE; D_CLAUSE: a reservation's or declaration's text */
	const char *text;
	span text_at;
	/* D_CLAUSE */
	uint8_t clause_kind;        /* enum ck_kind */
	const char *owner;          /* reservation, declaration: the Party */
	span owner_at;
	uint32_t owner_index;       /* checker: its member of the parties' enum */
	struct decl *article;       /* checker: the article it joins, or NULL */
	int has_from, has_sunset;
	int64_t from, sunset;
	span from_at, sunset_at;
	vec rules;
	/* D_FIXTURE, D_TEST */
	vec given;                  /* of binding (value NULL: a fixture) */
	/* D_TEST */
	uint8_t expect_outcome;
	span expect_at;
	uint8_t expect_by;          /* enum expect_by */
	vec by;                     /* of label_ref */
	int has_discretionary;
	vec discretionary;          /* of label_ref */
	vec with;                   /* of binding: obligation name and value */
	/* D_ASSERT: the property is `value` (NULL for reciprocal) */
	const char *assert_word;    /* `always` or `never` as written (the
	                               checker reads it), or NULL */
	span assert_word_at;
	uint8_t assert_kind;        /* enum assert_kind; checker for always/never */
	/* checker */
	uint32_t index;             /* clause, field, obligation, enum, ... index */
	int state;                  /* 0 unvisited, 1 in progress, 2 done */
	int uses_fields;            /* D_DEFINE, D_TABLE: depends on the request */
	uint32_t depth;             /* D_DEFINE, D_TABLE: how deep evaluating
	                               the value recurses (check.c) */
} decl;

typedef struct program {
	arena *ar;
	interner *names;
	diag *dg;
	vec files;                  /* srcfile*, in load order */
	vec decls;                  /* every declaration of every file, in order */
} program;

/* Types (ast.c): a value's words (one, or a set's bit words), its name as
 * messages write it, and for enums and sets the enum's index and member
 * count. */
uint32_t type_words(type t);
const char *type_name(arena *a, type t);
uint32_t type_enum(type t);
uint32_t type_members(type t);

expr *ast_expr(arena *a, int kind, span at, expr *x, expr *y, expr *z);
expr *ast_set(arena *a, span at, const vec *elems);
decl *ast_decl(arena *a, int kind, span at);
rule *ast_rule(arena *a, int action, span at);

/* ---- parser (grammar/parser.y, grammar/lexer.l) ---- */

/* Parses `f` and appends its declarations to p->decls.  Returns the number
 * of syntax errors reported. */
int parse_file(program *p, const srcfile *f);

/* What may come at byte `at` of `f` (completion, lsp.c): the names of the
 * tokens the grammar expects there ("clause", "identifier", "label", ...),
 * up to `max` in out (names live in p's arena).  `f` should end with a
 * token that cannot follow (the caller appends one at `at`); diagnostics
 * go to p->dg as usual and are the caller's to discard. */
size_t parse_expected(program *p, const srcfile *f, uint32_t at, const char **out, size_t max);

/* The tokens of a file, comments included (for the formatter); `kind` is
 * the parser's token number (grammar/parser.y), `str` a text block's
 * decoded content.  *out is the caller's to free. */
typedef struct lex_token {
	int kind;
	uint32_t start, end;
	const char *str;
} lex_token;
size_t lex_tokens(program *p, const srcfile *f, lex_token **out);
/* Whether a token kind is a keyword (`clause`, `not in`, `days`, ...). */
int lex_is_keyword(int kind);

/* Helpers the lexer and the grammar actions call. */
char *lex_text_block(arena *a, const char *s, size_t n);
char *lex_string(arena *a, const char *s, size_t n);

/* ---- HTML (html.c) ---- */

/* Writes n bytes of s HTML-escaped; control characters other than tab and
 * newline are dropped, and a NUL ends the text. */
void html_escape(FILE *out, const char *s, size_t n);

/* ---- formatter (fmt.c) ---- */

/* The canonical layout of `f` (which must parse) into *out, a new buffer
 * the caller frees.  Lexical errors go to p->dg. */
int fmt_source(program *p, const srcfile *f, lp_strbuf *out);
/* `pacta fmt` on one file: print the canonical layout on `out`, rewrite
 * the file (FMT_WRITE), or only compare (FMT_CHECK: a file not in the
 * layout is named on `out`).  A file that does not parse is reported on
 * stderr and left alone.  The path "-" is standard input (not with
 * FMT_WRITE).  Returns 0, or -1 (errors, or not canonical). */
enum fmt_mode { FMT_PRINT, FMT_WRITE, FMT_CHECK };
int fmt_file(const char *path, int mode, FILE *out);
/* Whether a token of that kind (parser.h) begins a top-level item:
 * agreement, import, enum, ..., test.  diff.c splits sources with it. */
int fmt_starts_item(int kind);

/* ---- loader (load.c) ---- */

typedef struct load_opts {
	vec include_dirs;           /* -I DIR, in order */
	const char *stdlib_dir;     /* installed stdlib, or NULL */
	const char *main_text;      /* if set: the main file's text, not read */
	size_t main_len;
	/* if set: the text of a file (by its real path) held elsewhere, an
	 * editor's unsaved buffer (lsp.c), or NULL to read it from disk */
	const char *(*overlay)(void *ctx, const char *realpath, size_t *len);
	void *overlay_ctx;
	/* if set: for a file whose text the overlay gives, the name its
	 * diagnostics give it (another file's, whose text it is), or NULL */
	const char *(*overlay_shown)(void *ctx, const char *realpath);
	/* if set: the main file is a module's source, and each of its
	 * imports reads the file the module carries for it (module_abi.h),
	 * never a file on disk */
	const lp_imports *carried;
} load_opts;

/* For a file without an agreement header (a Party's reservations, say):
 * the first agreement of its directory, by name, that imports it by name
 * (`import "FILE"`), as a path to open (malloc'd); else NULL. */
char *find_importer(const char *path);
/* The same for a file whose text is held in memory (an editor's buffer). */
char *importer_of(const char *path, const char *text);
/* For check, lint and test: the agreement `path` is a part of, with a
 * note on stderr that it is `done` ("checked") as part of it (malloc'd);
 * NULL when path is an agreement of its own. */
char *part_as_whole(const char *path, const char *done);
/* For diff: two versions of a Party's part of an agreement, `a` and `b`,
 * when neither has a header (`parts`): their texts, read once, and the
 * agreement beside `b` (else `a`) that imports it, with a note on stderr,
 * and the real path of the file it imports; each version is then that
 * agreement with the part's text in place of that file.  Free it with
 * part_pair_free. */
typedef struct part_pair {
	int parts;
	char *text[2];
	size_t len[2];
	char *whole;                /* or NULL */
	char *real;
	char *others;               /* the other agreements that import the
	                               part, each followed by a NUL, or NULL */
	size_t others_len;
} part_pair;
void parts_as_whole(const char *a, const char *b, part_pair *pp);
void part_pair_free(part_pair *pp);
/* For the commands that need an agreement itself (build, eval, ...): 1
 * when `path` is a part of one, said on stderr naming it. */
int part_refused(const char *cmd, const char *path);
/* The name standard input goes by, as an agreement (`pacta check -`). */
#define STDIN_NAME "<stdin>"
/* All of standard input, NUL-terminated (malloc'd); NULL when it cannot
 * be read. */
char *read_stdin_text(size_t *len);
/* Reads one file into the program (no parsing); NULL after an error. */
srcfile *read_source(program *p, const char *path);
/* The same for text held in memory (standard input, an editor's buffer),
 * named `name` in diagnostics. */
srcfile *source_from_text(program *p, const char *name, const char *text, size_t len);
/* Loads `path` and everything it imports.  Errors go to p->dg.  The path
 * `-` is standard input (read once a process), named STDIN_NAME. */
int load_program(program *p, const load_opts *o, const char *path);
const char *default_stdlib_dir(void);
/* The stdlib beside `file` (a binary or library), as default_stdlib_dir
 * finds it beside the running binary; in a static buffer. */
const char *stdlib_dir_beside(const char *file);

/* ---- checker (check.c) ---- */

/* The checked program: every declaration resolved and typed, the
 * exemption graph acyclic and ordered.  lower_program turns it into the
 * flat program the backends use. */
typedef struct checked {
	program *p;
	decl *agreement;            /* or NULL */
	vec enums, defines, tables, fields, obligs, clauses, fixtures, tests;
	vec asserts;
	vec articles;
	vec rules;                  /* rule*, global index order */
	uint32_t *order;            /* clause indexes in exemption order */
	/* step 0 */
	decl *f_requesting, *f_requested, *f_submitted;
	uint64_t *parties;          /* bitset over the country enum, or NULL */
	uint32_t party_words;
} checked;

checked *check_program(program *p);

/* ---- the lowered program (lower.c) ----
 *
 * One flat, backend-neutral description of a checked agreement, built once
 * by lower_program: the runtime schema; the scope of step 0; clauses with
 * their window, article and rule range; rules with their action,
 * condition, value, obligation and exempted clauses as indices; the
 * exemption order; constants folded (field defaults, constant defines and
 * table rows, fixtures and tests as requests); and which rules can be
 * decided under a switch on an enum field (rule indexing).  Expressions
 * stay typed AST: each backend (eval.c, codegen.c, smt.c) walks them its
 * own way, finding fields, defines and tables through expr.index.  Nothing
 * downstream of lower_program reads the checker's declarations.
 */

#define LW_NONE UINT32_MAX

/* A top-level declaration as written, for the tools that show or compare
 * source text (doc, diff): what it is, its name or label, where. */
typedef struct lw_item {
	uint8_t kind;               /* enum decl_kind */
	const char *name;           /* name, label, import path or test name */
	const char *title;          /* or NULL */
	span at, name_at;
	uint32_t index;             /* into the array of its kind, or LW_NONE */
} lw_item;

typedef struct lw_scope {
	int has_header;             /* an `agreement` header exists */
	const char *title, *version;
	const char *text;           /* the header's text, or NULL */
	const char *default_reason; /* or NULL */
	span at;
	uint64_t *parties;          /* bits over the party enum, or NULL */
	uint32_t party_words;
	const char *const *party_names;   /* as listed in `parties` */
	uint32_t nparty_names;
	int has_effective, has_expires, has_default;
	int64_t effective, expires;
	uint32_t f_requesting, f_requested, f_submitted;   /* fields, or LW_NONE */
	const char *const *summary; /* `summary by`: enum fields' names */
	uint32_t nsummary;
} lw_scope;

typedef struct lw_enum {
	const char *name;
	span name_at;
	uint32_t nmembers;
} lw_enum;

typedef struct lw_field {       /* beside schema.fields[i] */
	span at;
	type ty;
	const expr *value;          /* the default as written, or NULL */
} lw_field;

typedef struct lw_oblig {       /* every declared obligation */
	const char *name;
	span name_at;
	type ty;
	uint8_t combine;            /* enum pc_combine */
	uint8_t on;                 /* outcomes it goes with, 1 << PO_* */
	uint8_t bearer;             /* enum pb_bearer */
	const char *description;    /* or NULL */
	uint32_t schema;            /* index in schema.obligs, or LW_NONE
	                               when no rule imposes it */
} lw_oblig;

typedef struct lw_define {
	const char *name;
	span name_at;
	uint32_t file;
	type ty;
	const expr *value;
	int uses_fields;
	const uint64_t *folded;     /* its words when it reads no field */
} lw_define;

typedef struct lw_table {
	const char *name;
	span name_at;
	uint32_t file;
	type key, ty;
	uint32_t nkeys;
	const expr *const *by_key;  /* nkeys entries (`_` filled in) */
	const expr *const *entries; /* the entries as written, `_` too */
	uint32_t nentries;
	int uses_fields;
	const uint64_t *rows;       /* nkeys rows of type_words(ty) words,
	                               when no entry reads a field */
} lw_table;

typedef struct lw_article {
	const char *label, *title, *text;
	span at, name_at;
	uint32_t file;
} lw_article;

typedef struct lw_clause {
	const char *label, *title;
	span at, name_at;
	uint32_t file;              /* 0: the main file */
	uint32_t line;
	uint32_t article;           /* index, or LW_NONE */
	uint8_t kind;               /* enum ck_kind */
	uint32_t owner;             /* reservation, declaration: the Party's
	                               member of the parties' enum; else LW_NONE */
	const char *text;           /* a reservation's or declaration's text */
	int has_from, has_sunset;
	int64_t from, sunset;
	uint32_t rule0, nrules;     /* its rules: rules[rule0 .. rule0+nrules) */
} lw_clause;

typedef struct lw_rule {
	uint8_t action;             /* enum pa_action */
	uint32_t clause;
	span at;
	const expr *when, *unless;  /* or NULL */
	const expr *value;          /* PA_OBLIGE: the value, or NULL (a flag) */
	uint32_t oblig;             /* PA_OBLIGE: schema obligation index */
	span oblig_at;
	const uint32_t *exempts;    /* PA_EXEMPTS: clause indices */
	const span *exempts_at;     /* where each label is written */
	uint32_t nexempts;
	const char *reason;
	/* rule indexing: the rule can fire only when field `key_field` holds
	 * one of `key_members`, and it is decided under a switch on it */
	uint32_t key_field;         /* field index, or LW_NONE: decided in line */
	const uint64_t *key_members;
} lw_rule;

/* One `given`: a field's value or a fixture's name. */
typedef struct lw_given {
	const char *name;
	span at;
	const expr *value;          /* NULL: a fixture */
} lw_given;

typedef struct lw_with {
	const char *name;
	span at;
	uint32_t oblig;             /* schema obligation, or LW_NONE (never
	                               imposed: a test expecting it fails) */
	const expr *value;          /* as written, or NULL */
	const uint64_t *folded;     /* its words */
} lw_with;

typedef struct lw_fixture {
	const char *name;
	span at, name_at;
	const lw_given *given;
	uint32_t ngiven;
} lw_fixture;

typedef struct lw_test {
	const char *name;
	span at, name_at, expect_at;
	uint32_t file;
	const lw_given *given;
	uint32_t ngiven;
	const uint64_t *request;    /* schema.nslots words: defaults, fixtures,
	                               then its own values */
	uint8_t outcome;            /* enum po_outcome */
	uint8_t by;                 /* enum expect_by */
	const uint32_t *grounds;    /* EXPECT_LABELS: clause indices */
	const span *grounds_at;
	uint32_t ngrounds;
	int has_discretionary;      /* `discretionary L, ...` given: exactly
	                               these grounds are discretionary */
	const uint32_t *discretionary;
	const span *discretionary_at;
	uint32_t ndiscretionary;
	const lw_with *with;
	uint32_t nwith;
} lw_test;

/* An `assert`: a property of every request's decision, which the prover
 * (prove.c) proves; no evaluator decides with it. */
typedef struct lw_assert {
	const char *name;           /* as written; "reciprocal" when unnamed */
	span at, name_at;
	uint32_t file;              /* 0: the main file */
	uint8_t kind;               /* enum assert_kind */
	const expr *prop;           /* always/never: the property (bool) */
} lw_assert;

typedef struct lw_program {
	arena *ar;
	const srcfile *const *files;   /* load order; files[0] is the main file */
	uint32_t nfiles;
	lp_schema schema;           /* what the runtime sees */
	lw_scope scope;
	const lw_item *items;       /* every top-level declaration, in order */
	uint32_t nitems;
	const lw_enum *enums;       /* schema.nenums */
	const lw_field *fields;     /* schema.nfields */
	const lw_oblig *obligs;     /* every declared obligation */
	uint32_t nobligs;
	const lw_define *defines;
	uint32_t ndefines;
	const lw_table *tables;
	uint32_t ntables;
	const lw_article *articles;
	uint32_t narticles;
	const lw_clause *clauses;   /* schema.nclauses */
	const lw_rule *rules;       /* schema.nrules, clause by clause */
	const uint32_t *order;      /* clause indices: every clause after each
	                               clause that can exempt it */
	const lw_fixture *fixtures;
	uint32_t nfixtures;
	const lw_test *tests;
	uint32_t ntests;
	const lw_assert *asserts;
	uint32_t nasserts;
} lw_program;

/* Lowers a checked program without errors; lives in its arena. */
lw_program *lower_program(const checked *c);
/* The words of a constant expression (no request field), folded. */
void lower_fold(const lw_program *lw, const expr *e, uint64_t *out);

/* The identity of what was compiled (emit.c), as the module's source_sha256: the
 * agreement's text (its canonical form, for a module) and every file it
 * imports, in load order, each as its length (8 bytes, little-endian) then
 * its bytes; no paths, so it does not depend on where the files were. */
void source_hash(const lw_program *lw, uint8_t out[32]);
/* Whether those files hash to `want`, what a module records it was built
 * from; when they do not, the module was not made by `pacta build` from
 * the sources it carries, and this is why it is refused: */
int source_hash_is(const lw_program *lw, const uint8_t want[32]);
#define SOURCES_NOT_BUILT_FROM \
	"the sources it carries are not those it was built from (their SHA-256 is not the one it records)"
/* The files lw read after its main one and the imports between them, as
 * a module carries them (module_abi.h), in ar. */
void source_imports(const lw_program *lw, arena *ar, lp_imports *out);

/* ---- one compilation (load.c) ---- */

/* The arena, the diagnostics and the program of one compilation, and the
 * stages' results as they are reached. */
typedef struct compilation {
	arena *ar;
	diag dg;
	program prog;
	checked *chk;
	lw_program *lw;
} compilation;
void compilation_init(compilation *cm, FILE *diagnostics);
void compilation_free(compilation *cm);
/* The error count, if any, on stderr ("3 errors"); 1 when there were
 * errors (the exit status they call for), else 0.  Not when no source was
 * read (the one message said it all), nor for tools' formats, which count
 * for themselves. */
int compilation_report(const compilation *cm);
/* load_program -> check_program -> lower_program, for tools and tests
 * that want the lowered program of a file: NULL after printing errors.
 * (`pacta` itself calls the stages one by one, compiler/main.c.) */
lw_program *compile_file(compilation *cm, const load_opts *o, const char *path,
                         FILE *diagnostics);

/* ---- reference evaluator (eval.c) ---- */

typedef struct evaluator evaluator;
evaluator *eval_new(const lw_program *lw);
void eval_free(evaluator *ev);
/* Decides one request (schema.nslots words) into `d`. */
void eval_request(evaluator *ev, const uint64_t *req, lp_decision_buf *d);
/* Whether an assert's property holds of a request and the decision
 * eval_request made of it (the prover checks its counterexamples so). */
int eval_property(evaluator *ev, const expr *prop, const uint64_t *req, const lp_decision_buf *d);

/* ---- in-language tests (testrun.c) ---- */

struct pacta_module;
/* Runs every test of the main file through `mod` (a native module of the
 * program, or the interpreter hosted as one: compiler/run.h); prints
 * failures and returns their number, the passes in *passed.  With
 * `coverage`, ends with the clauses of the main file that no test fired
 * or found decisive (a ground, a source of a reported obligation, or an
 * exempting clause). */
int run_tests(const lw_program *lw, struct pacta_module *mod, FILE *out, int verbose,
              int *passed, int coverage);

/* The same, also recorded for a report (--format=json|junit): every test
 * with its outcome, and every clause of the main file with what the tests
 * did with it.  The strings are the report's own (test_report_free). */
typedef struct test_case_result {
	char *name;
	uint32_t line;
	int passed;
	char *why, *expected, *actual, *explanation;   /* a failure's; else NULL */
} test_case_result;

typedef struct clause_cover {
	char *label, *title;        /* title may be NULL */
	char *file;                 /* the file the clause is written in */
	uint32_t line;
	int fired, decisive;
} clause_cover;

typedef struct test_report {
	char *file;
	test_case_result *tests;
	size_t ntests;
	clause_cover *clauses;
	size_t nclauses;
	int passed, failed;
	unsigned fired_pct, decisive_pct;
} test_report;

int run_tests_report(const lw_program *lw, struct pacta_module *mod, FILE *out, int verbose,
                     int *passed, int coverage, test_report *rep);
void test_report_free(test_report *rep);
/* The report of a file that does not compile: one test, failed. */
void test_report_uncompiled(test_report *rep, const char *file);
/* The reports of a run as one JSON document, or as JUnit XML (one
 * testsuite per file); `threshold` (0: none) is stated in the JSON. */
void test_reports_json(FILE *out, const test_report *reps, size_t n, unsigned threshold);
void test_reports_junit(FILE *out, const test_report *reps, size_t n);

#endif
