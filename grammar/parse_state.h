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
};

struct lex_state {
	struct pstate *ps;
	const srcfile *file;
	uint32_t pos;
	uint32_t tb_start;
	int keep_comments;    /* the formatter wants comments as tokens */
};

#endif
