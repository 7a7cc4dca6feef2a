/*
 * parse_state.h — what the lexer and the parser share for one file: the
 * program the declarations go to, the file, and the scan position.
 */
#ifndef PACTA_PARSE_STATE_H
#define PACTA_PARSE_STATE_H

#include <stdint.h>

typedef struct loc {
	uint32_t start, end;
} loc;

struct pstate {
	program *prog;
	const srcfile *file;
	/* parse_expected: the tokens expected by the first syntax error at or
	 * after probe_at (the end of what the user typed) */
	int probing;
	uint32_t probe_at;
	const char **probe_out;
	size_t probe_max, probe_n;
	int probe_done;
};

/* A token the scanner returned: the parser's error messages look at the
 * one before the token that did not fit ("6 months", "refuse X"). */
typedef struct lex_seen {
	int kind;
	uint32_t start, end;
} lex_seen;

struct lex_state {
	struct pstate *ps;
	const srcfile *file;
	uint32_t pos;
	uint32_t tb_start;
	int keep_comments;    /* the formatter wants comments as tokens */
	lex_seen prev, cur;   /* the last two tokens returned */
	uint32_t bad_end;     /* where the last run of bad bytes ended */
	/* the brackets open at this point: where, and which ('(', '{', '['),
	 * the innermost LEX_OPEN of them (nopen counts them all) */
#define LEX_OPEN 32
	uint32_t open_at[LEX_OPEN];
	char open_ch[LEX_OPEN];
	unsigned nopen;
	/* a text block not closed: said (the rest of the file is its text,
	 * and the parser's complaint at its end is no news) */
	int tb_unterminated;
	/* a text block that ran into another's opening: said, so the block
	 * its closing """ then opens, unterminated, is no news either */
	int tb_ran_on;
};

/* How a date written in another order reads as YYYY-MM-DD: 1 and *iso
 * when certain (2025/1/2, 31.12.2025), 0 when it could be either of iso
 * and alt (01.02.2025), -1 when it is not a date (lexer.l). */
int lex_date_reading(const char *s, size_t n, char *iso, char *alt);

#endif
