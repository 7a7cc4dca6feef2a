/*
 * replay.h — `pacta diff --replay REQUESTS.jsonl OLD NEW` (replay.c):
 * every logged request decided by both versions, and what changed for
 * real traffic: how many requests, by kind of change (in the words of the
 * semantic diff) and by signature, with the ids of a few of each.
 * report.c prints the result.
 */
#ifndef PACTA_REPLAY_H
#define PACTA_REPLAY_H

#include "diff.h"

typedef struct replay_options {
	const char *path;           /* JSON Lines, or "-" for standard input */
	size_t examples;            /* ids kept of each kind (default 5) */
	const char *const *by;      /* the signature's fields besides the
	                               parties; NULL: `assistance` when both
	                               versions have it as an enum */
	size_t nby;
	const diff_match *match;    /* diff_match_clauses of the two */
	const diff_renamed_member *renamed;   /* members renamed: each
	                               version reads either name */
	size_t nrenamed;
	unsigned threads;           /* 0: as many as there are processors
	                               (at most 8) */
	size_t native_from;         /* a file of this many bytes or more is
	                               decided by native modules (0: never) */
} replay_options;

/* Requests of one sort: a kind of change, a signature, or a message of a
 * version that could not read them. */
typedef struct replay_count {
	char *what;
	size_t n;
	size_t more, less, changed; /* signatures: requests each way */
	size_t unordered;           /* ... neither way (SMT_UNORDERED) */
	char **ids;                 /* JSON of the first `examples` ids (a
	                               line number when a request has none) */
	size_t nids;
} replay_count;

typedef struct replay_result {
	const char *path;           /* replay_options.path */
	size_t requests;            /* lines read (blank lines aside) */
	size_t decided;             /* decided by both versions */
	size_t changed;             /* of those, decided differently */
	size_t more, less, neutral; /* looser, stricter, other grounds only
	                               (a request may be looser and stricter) */
	size_t unordered;           /* neither looser nor stricter, but for
	                               values of an obligation whose type or
	                               combine changed */
	size_t unreadable[2];       /* lines a version could not read */
	size_t one_side;            /* lines one version read and the other
	                               could not: answered differently */
	replay_count *kinds;        /* most requests first */
	size_t nkinds;
	replay_count *sigs;         /* signatures with a change, most first */
	size_t nsigs;
	replay_count *errors[2];    /* per version, by message */
	size_t nerrors[2];
	/* lines the new version read only through the old name of a field or
	 * member it renamed: its module, sent them as logged, answers them
	 * with an error, by message */
	size_t old_names;
	replay_count *old_name_errors;
	size_t nold_name_errors;
	char **sig_fields;          /* the `by` fields */
	size_t nsig_fields;
	int native;                 /* decided by native modules */
	double seconds;
	char error[256];            /* the file could not be read */
} replay_result;

/* Decides every line of o->path with both versions' reference evaluators
 * (the programs as compiled, not extended).  Returns 0, or -1 with
 * r->error. */
int replay_run(const lw_program *old, const lw_program *neu, const replay_options *o,
               replay_result *r);
void replay_result_free(replay_result *r);

#endif
