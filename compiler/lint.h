/*
 * lint.h — the lints (lint.c): legal Pacta that is probably not what the
 * drafter meant, each with a name, reported as warnings by `pacta lint`,
 * `pacta check` and the language server; docs/lint.md describes them.
 */
#ifndef PACTA_LINT_H
#define PACTA_LINT_H

#include "pactac.h"

/* id, name (as `# pacta: allow(name)` writes it), what it finds */
#define LINTS(X) \
	X(LINT_NO_CLAUSES, "no-clauses", "an agreement without clauses: every request is decided by its default") \
	X(LINT_NO_REASON, "no-reason", "a refusal or referral without 'because'") \
	X(LINT_NEVER_IN_FORCE, "never-in-force", "a clause whose window lies outside the agreement's dates") \
	X(LINT_UNCONDITIONAL_EXEMPTION, "unconditional-exemption", "'exempts' with no condition: the exempted clause never applies") \
	X(LINT_LABEL_OUTSIDE_ARTICLE, "label-outside-article", "a clause label not under its article's number") \
	X(LINT_AND_OR, "and-or", "'and' inside 'or' without parentheses: which is read first is not what a reader may think") \
	X(LINT_UNCONDITIONAL_OBLIGE, "unconditional-oblige", "an 'oblige' without condition beside a conditional 'grant': imposed on every request, not only those the clause grants") \
	X(LINT_UNUSED, "unused", "a define, table, request field, obligation or fixture that nothing uses") \
	X(LINT_NEVER_IMPLIES, "never-implies", "'never A implies B': never (A implies B), which fails on every request without A") \
	X(LINT_REFUSAL_WORDING, "refusal-wording", "a 'refuse' whose words say the Party may refuse, a 'may refuse' whose words say it shall, either whose words forbid it") \
	X(LINT_REFUSES_ALL, "refuses-all", "an agreement that refuses every request, though it has rules that grant or refer (Z3)") \
	X(LINT_NEVER_FIRES, "never-fires", "a rule no request can fire (proven with Z3)") \
	X(LINT_SHADOWED, "shadowed", "an outcome rule that never decides: a stronger outcome always fires with it (Z3)") \
	X(LINT_REDUNDANT, "redundant", "an outcome rule that others with the same outcome always accompany (Z3)") \
	X(LINT_UNREPORTED_OBLIGATION, "unreported-obligation", "an obligation imposed where its 'on' excludes every outcome the rule can reach (Z3)") \
	X(LINT_MAY_REFUSE_UNSCOPED, "may-refuse-unscoped", "a 'may refuse' that fires on requests no other rule decides: it makes a request outside the agreement a referral (Z3)") \
	X(LINT_VACUOUS_ASSERT, "vacuous-assert", "an 'always A implies B' no request meets A of: it promises nothing (Z3)") \
	X(LINT_RULE_LAYOUT, "rule-layout", "a rule at the start of a line, set apart from the clause above, whose rule it is") \
	X(LINT_OBLIGATION_OUTCOME, "obligation-outcome", "an obligation whose words speak of refusal but that goes only with grant or refer")

enum lint_id {
#define X(id, name, what) id,
	LINTS(X)
#undef X
	LINT__COUNT
};

typedef struct lint_info {
	const char *name;
	const char *what;
} lint_info;
extern const lint_info lint_table[LINT__COUNT];
/* `pacta lint --list`: each lint's name and what it finds, a line each. */
void lint_list(FILE *out);
/* Whether some lint is called `name`. */
int lint_named(const char *name);

typedef struct lint_opts {
	const char *only;           /* the lints named, comma-separated, or
	                               NULL: all */
	int no_proofs;              /* skip the lints that ask Z3 */
	unsigned timeout_ms;        /* per solver query; 0: 2 seconds */
} lint_opts;

/* Lints the main file of a lowered program: each finding a warning on
 * p->dg unless a `# pacta: allow(NAME)` silences it.  Returns the number
 * of findings reported.  `o` may be NULL. */
int lint_program(program *p, const lw_program *lw, const lint_opts *o);

#endif
