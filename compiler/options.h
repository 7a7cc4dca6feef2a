/*
 * options.h — the `pacta` command line: each command's options, parsed
 * into one `opts` for compiler/main.c, which runs the pipeline with them.
 */
#ifndef PACTA_OPTIONS_H
#define PACTA_OPTIONS_H

#include "pactac.h"
#include "emit.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2

/* --exit-code: exit 1 when some request is decided differently; with
 * =labels, also when a clause was renumbered; and EXIT_TROUBLE when the
 * versions could not be compared, as diff(1) does, so that 1 says only
 * "changed". */
#define EXIT_TROUBLE 2
enum { EXIT_ON_MEANING = 1, EXIT_ON_LABELS = 2 };

typedef struct opts {
	const char *command;       /* the command's name */
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
	int formats;               /* how many of --json, --html were given */
	int to;                    /* explain --to: enum po_outcome, or -1 */
	vec keep;                  /* explain --to --keep FIELD, in order */
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


typedef struct command {
	const char *name;
	int (*run)(opts *);
	const char *usage;
	size_t min_args, max_args;
} command;

/* A module by its name, or by its first bytes (an ELF file renamed
 * M.so.bak is no source to parse). */
int opts_is_module(const char *path);

/* "pacta: " and the message (fmt with one %s, arg), then the usage of `c`
 * (NULL: of pacta); EXIT_USAGE. */
int opts_usage_error(const command *c, const char *fmt, const char *arg);
/* `name` is none of the n commands `cmds`: said, with the nearest name
 * when one is near; EXIT_USAGE. */
int opts_unknown_command(const char *name, const command *cmds, size_t n);

/* The options of `cmd` in argv[2..] into `o`: 0, or an exit status (the
 * message printed); -1 when --help was asked and printed. */
int opts_parse(const command *cmd, opts *o, arena *ar, int argc, char **argv);

#endif
