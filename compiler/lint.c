/*
 * lint.c — what is legal Pacta but probably not what the drafter meant:
 * `pacta lint`, and the warnings of `pacta check` and of the language
 * server.
 *
 * Pipeline: lower -> **lint** (here), beside the other tools; it reads the
 * lowered program and, for the lints that need a proof, the Z3 encoding of
 * its decision (smt_encode.c): a rule that can never fire, a rule that
 * never decides because others always decide with it or over it, an
 * obligation imposed where it is never reported.  Every lint has a name, a
 * default level (warning), and is silenced in the source by a comment
 * `# pacta: allow(NAME, ...)` on the line it points at or on the comment
 * lines just above it (docs/lint.md).  Only the main file is linted: what
 * it imports is linted on its own.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "parser.h"
#include "smt.h"
#include "wording.h"

const lint_info lint_table[] = {
#define X(id, name, what) { name, what },
	LINTS(X)
#undef X
};

/* ---- silencing: `# pacta: allow(name, ...)` ---- */

typedef struct allow {
	uint32_t line;
	char *names;        /* the text between the parentheses */
	int comment_only;   /* the comment is alone on its line */
} allow;

typedef struct linter {
	const lw_program *lw;
	const lint_opts *o;
	diag *dg;
	const srcfile *main;
	allow *allows;
	size_t nallows;
	uint8_t *line_is_comment;   /* per line (1-based): only a comment */
	uint32_t nlines;
	int found;
	/* the proofs */
	smt_ctx *x;
	smt_enc *enc;
	const smt_decision *d;
	Z3_solver sv;
	uint8_t *quiet_clause;      /* clauses another lint explained */
} linter;

static int name_listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		const char *q = p;
		while (*q && *q != ',' && *q != ' ')
			q++;
		if ((size_t)(q - p) == n && !strncmp(p, name, n))
			return 1;
		if ((size_t)(q - p) == 3 && !strncmp(p, "all", 3))
			return 1;
		p = q;
	}
	return 0;
}

static void read_allows(linter *L, program *p)
{
	const srcfile *f = L->main;
	lex_token *t = NULL;
	diag quiet;
	diag_init(&quiet, NULL);
	diag *saved = p->dg;
	quiet.max_errors = 0;
	FILE *null = fopen("/dev/null", "w");
	quiet.out = null;
	quiet.format = DIAG_TEXT;
	quiet.sink = NULL;
	p->dg = &quiet;
	size_t n = lex_tokens(p, f, &t);
	p->dg = saved;
	if (null)
		fclose(null);
	/* lines, not columns: a column counts the characters before it on
	 * its line, and a set literal of thousands of members is one line of
	 * thousands of tokens */
	uint32_t line = src_line(f, (uint32_t)f->len);
	L->nlines = line;
	L->line_is_comment = xcalloc(line + 2, 1);
	uint32_t last_code_line = 0;
	for (size_t i = 0; i < n; i++) {
		line = src_line(f, t[i].start);
		if (t[i].kind != COMMENT) {
			last_code_line = src_line(f, t[i].end);
			continue;
		}
		int alone = last_code_line != line;
		L->line_is_comment[line] = (uint8_t)alone;
		const char *s = f->text + t[i].start, *e = f->text + t[i].end;
		const char *m = NULL;
		for (const char *q = s; q + 13 <= e && !m; q++)
			if (!strncmp(q, "pacta: allow(", 13))
				m = q + 13;
		if (!m)
			continue;
		const char *close = memchr(m, ')', (size_t)(e - m));
		if (!close)
			continue;
		L->allows = xrealloc(L->allows, (L->nallows + 1) * sizeof *L->allows);
		allow *a = &L->allows[L->nallows++];
		a->line = line;
		a->names = xmalloc((size_t)(close - m) + 1);
		memcpy(a->names, m, (size_t)(close - m));
		a->names[close - m] = 0;
		a->comment_only = alone;
	}
	free(t);
}

/* Silenced: an allow on the finding's line, or on the run of comment
 * lines just above it. */
static int allowed(const linter *L, int id, span at)
{
	if (at.file != L->main)
		return 1;   /* only the main file is linted */
	uint32_t line = src_line(at.file, at.start);
	for (size_t i = 0; i < L->nallows; i++) {
		const allow *a = &L->allows[i];
		if (!name_listed(a->names, lint_table[id].name))
			continue;
		if (a->line == line)
			return 1;
		if (a->line < line && a->comment_only) {
			uint32_t l = a->line + 1;
			while (l < line && L->line_is_comment[l])
				l++;
			if (l == line)
				return 1;
		}
	}
	return 0;
}

static int enabled(const linter *L, int id)
{
	return !L->o || !L->o->only || name_listed(L->o->only, lint_table[id].name);
}

/* Reports a finding unless silenced; returns whether it was reported. */
#define WARN(L, id, at, ...) \
	((enabled(L, id) && !allowed(L, id, at)) ? \
	 (diag_warning((L)->dg, lint_table[id].name, (at), __VA_ARGS__), (L)->found++, 1) : 0)

/* ---- lints without proofs ---- */

static const char *outcome_word(int action)
{
	switch (action) {
	case PA_REFUSE: return "a refusal";
	case PA_REFER: return "a referral";
	case PA_MAY_REFUSE: return "a discretionary refusal";
	default: return "a grant";
	}
}

/* refuse, refer or may refuse without `because`: the requesting Party
 * reads the clause's title, or nothing but its label. */
static void lint_reasons(linter *L)
{
	const lw_program *lw = L->lw;
	for (uint32_t r = 0; r < lw->schema.nrules; r++) {
		const lw_rule *ru = &lw->rules[r];
		const lw_clause *c = &lw->clauses[ru->clause];
		if (c->file != 0 || ru->reason)
			continue;
		if (ru->action != PA_REFUSE && ru->action != PA_REFER && ru->action != PA_MAY_REFUSE)
			continue;
		if (c->title)
			WARN(L, LINT_NO_REASON, ru->at, "%s without 'because': the requesting Party reads only the title \"%s\"",
			     outcome_word(ru->action), c->title);
		else
			WARN(L, LINT_NO_REASON, ru->at, "%s without 'because': the requesting Party reads no reason, only the label '%s'",
			     outcome_word(ru->action), c->label);
	}
}

/* A clause whose window lies wholly outside the agreement's dates. */
static void lint_windows(linter *L)
{
	const lw_program *lw = L->lw;
	const lw_scope *sc = &lw->scope;
	char a[16], b[16];
	for (uint32_t i = 0; i < lw->schema.nclauses; i++) {
		const lw_clause *c = &lw->clauses[i];
		if (c->file != 0)
			continue;
		int rep = 0;
		if (c->has_from && sc->has_expires && c->from > sc->expires) {
			lp_date_format(c->from, a);
			lp_date_format(sc->expires, b);
			rep = WARN(L, LINT_NEVER_IN_FORCE, c->name_at,
			           "clause '%s' is never in force: it begins on %s, after the agreement expires on %s",
			           c->label, a, b);
		} else if (c->has_sunset && sc->has_effective && c->sunset < sc->effective) {
			lp_date_format(c->sunset, a);
			lp_date_format(sc->effective, b);
			rep = WARN(L, LINT_NEVER_IN_FORCE, c->name_at,
			           "clause '%s' is never in force: it ends on %s, before the agreement takes effect on %s",
			           c->label, a, b);
		}
		if (rep)
			L->quiet_clause[i] = 1;
	}
}

/* `exempts L` with no condition: L never applies while the exempting
 * clause is in force. */
static void lint_exemptions(linter *L)
{
	const lw_program *lw = L->lw;
	for (uint32_t r = 0; r < lw->schema.nrules; r++) {
		const lw_rule *ru = &lw->rules[r];
		const lw_clause *c = &lw->clauses[ru->clause];
		if (c->file != 0 || ru->action != PA_EXEMPTS || ru->when || ru->unless)
			continue;
		for (uint32_t m = 0; m < ru->nexempts; m++) {
			const lw_clause *t = &lw->clauses[ru->exempts[m]];
			int always = !c->has_from && !c->has_sunset && c->owner == LW_NONE;
			if (WARN(L, LINT_UNCONDITIONAL_EXEMPTION, ru->exempts_at[m],
			         always ? "'%s' exempts '%s' unconditionally: '%s' never applies (give the exemption a 'when', or delete '%s')"
			                : "'%s' exempts '%s' unconditionally: '%s' never applies while '%s' is in force",
			         c->label, t->label, t->label, always ? t->label : c->label))
				L->quiet_clause[ru->exempts[m]] = 1;
		}
	}
}

/* A clause of an article is labelled under the article's number: 3.1,
 * 3.1.a in article 3. */
static void lint_labels(linter *L)
{
	const lw_program *lw = L->lw;
	for (uint32_t i = 0; i < lw->schema.nclauses; i++) {
		const lw_clause *c = &lw->clauses[i];
		if (c->file != 0 || c->article == LW_NONE)
			continue;
		const char *a = lw->articles[c->article].label;
		size_t n = strlen(a);
		if (!strcmp(c->label, a) || (!strncmp(c->label, a, n) && c->label[n] == '.'))
			continue;
		WARN(L, LINT_LABEL_OUTSIDE_ARTICLE, c->name_at,
		     "clause '%s' is in article %s, but its label is not under '%s.'", c->label, a, a);
	}
}

/* `A or B and C` is `A or (B and C)`: 'and' binds tighter, as in most
 * languages, but a drafter (and a reader of the treaty's text) may mean
 * `(A or B) and C`.  The parentheses the reading takes are the fix: they
 * change nothing, and say it. */
static void and_or(linter *L, const expr *e)
{
	if (!e)
		return;
	if (e->kind == E_OR) {
		const expr *side[2] = { e->a, e->b };
		for (int i = 0; i < 2; i++) {
			const expr *c = side[i];
			if (!c || c->kind != E_AND || c->paren)
				continue;
			/* the part quoted, its spaces and line breaks as one space,
			 * when it is short enough to read in the message */
			char part[96];
			size_t n = 0;
			const char *t = c->at.file->text;
			for (uint32_t k = c->at.start; k < c->at.end && n < sizeof part - 1; k++) {
				int sp = t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\r';
				if (!sp || (n && part[n - 1] != ' '))
					part[n++] = sp ? ' ' : t[k];
			}
			part[n] = '\0';
			int quoted = c->at.end - c->at.start < sizeof part - 1;
			if (WARN(L, LINT_AND_OR, c->at, "'and' is read before 'or': %s%s%s is one side of the 'or', as if in "
			         "parentheses; write them where they are meant (here, or around the 'or')",
			         quoted ? "(" : "", quoted ? part : "this part", quoted ? ")" : "")) {
				/* one fix, the part in its parentheses: two insertions
				 * would be two alternatives to a tool */
				size_t len = c->at.end - c->at.start;
				char *fix = xmalloc(len + 3);
				fix[0] = '(';
				memcpy(fix + 1, t + c->at.start, len);
				memcpy(fix + 1 + len, ")", 2);
				diag_fix(L->dg, c->at, fix);
				free(fix);
			}
		}
	}
	if (e->kind == E_SET) {
		for (uint32_t i = 0; i < e->nelem; i++)
			and_or(L, e->elem[i]);
		return;
	}
	and_or(L, e->a);
	and_or(L, e->b);
	and_or(L, e->c);
}

static void lint_and_or(linter *L)
{
	const lw_program *lw = L->lw;
	for (uint32_t i = 0; i < lw->ndefines; i++)
		if (lw->defines[i].file == 0)
			and_or(L, lw->defines[i].value);
	for (uint32_t i = 0; i < lw->ntables; i++)
		for (uint32_t k = 0; lw->tables[i].file == 0 && k < lw->tables[i].nentries; k++)
			and_or(L, lw->tables[i].entries[k]);
	for (uint32_t r = 0; r < lw->schema.nrules; r++) {
		const lw_rule *ru = &lw->rules[r];
		if (lw->clauses[ru->clause].file != 0)
			continue;
		and_or(L, ru->when);
		and_or(L, ru->unless);
		and_or(L, ru->value);
	}
	for (uint32_t i = 0; i < lw->nasserts; i++)
		if (lw->asserts[i].file == 0)
			and_or(L, lw->asserts[i].prop);
}

/* `never A implies B` is never (A implies B): every request must have A
 * and not B, so it fails on the first request without A; a drafter who
 * wrote it meant that no request with A is B (`never A and B`).  Written
 * in parentheses, `never (A implies B)` is taken as meant. */
static void lint_never_implies(linter *L)
{
	const lw_program *lw = L->lw;
	for (uint32_t i = 0; i < lw->nasserts; i++) {
		const lw_assert *a = &lw->asserts[i];
		if (a->file == 0 && a->kind == ASSERT_NEVER && a->prop && a->prop->kind == E_IMPLIES && !a->prop->paren)
			WARN(L, LINT_NEVER_IMPLIES, a->prop->at,
			     "'never A implies B' reads as never (A implies B): it fails on every request without A; "
			     "to say that no request with A is B, write 'never A and B' (or 'always A implies not B')");
	}
}

/* ---- the words of a refusal against its rule ---- */

/*
 * A treaty's words say whether a ground obliges the requested Party to
 * refuse ("shall refuse", "shall be refused") or leaves it to decide ("may
 * refuse", "may be refused", "is not obliged to").  `refuse` is the first
 * and `may refuse` the second, and the difference is the decision a
 * requesting Party gets.  The words read (wording.c says how) are the
 * rule's own reason, and, for the clause's refusals together, its title, a
 * reservation's or declaration's text and the place in its article's
 * text that the clause stands for: the one its reasons cite, else the
 * one its label numbers.
 */
static int is_refusal(int action)
{
	return action == PA_REFUSE || action == PA_MAY_REFUSE;
}

static void word_finding(linter *L, const lw_rule *ru, int say, int solely, const char *what, const char *where)
{
	if (say == WORDING_FORBIDS)
		WARN(L, LINT_REFUSAL_WORDING, ru->at,
		     "%s says \"%s\", which forbids the refusal%s, but '%s' %s: what the text forbids is written "
		     "as an exemption from the grounds it overrides ('exempts'), and promised with an 'assert'; "
		     "if the rule stands for a ground the text allows, cite that one%s", where, what,
		     solely ? " on that ground alone" : "", ru->action == PA_MAY_REFUSE ? "may refuse" : "refuse",
		     ru->action == PA_MAY_REFUSE ? "lets the requested Party refuse on it (the outcome is 'refer')"
		                                 : "refuses every request the rule fires on",
		     solely ? ", or make the rule require it with the ground it forbids" : "");
	else if (say > 0)
		WARN(L, LINT_REFUSAL_WORDING, ru->at,
		     "%s says \"%s\", which obliges the requested Party to refuse, but 'may refuse' leaves it to the "
		     "requested Party to decide (the outcome is 'refer'): if the ground is mandatory, write 'refuse'; "
		     "if not, change the words", where, what);
	else
		WARN(L, LINT_REFUSAL_WORDING, ru->at,
		     "%s says \"%s\", which leaves the refusal to the requested Party, but 'refuse' refuses every "
		     "request the rule fires on: if the ground is discretionary, write 'may refuse' (the outcome is "
		     "then 'refer': the requested Party decides); if it is mandatory, or the text forbids the "
		     "refusal, change the words", where, what);
}

/* The place in its article's text that clause i stands for, and what it
 * says there: `where` names it. */
static int article_words(const linter *L, uint32_t i, wording *w, char *where, size_t hsz)
{
	const lw_program *lw = L->lw;
	const lw_clause *c = &lw->clauses[i];
	const lw_article *ar = &lw->articles[c->article];
	char para[16] = "", item = 0;
	int cited = 0, found;
	for (uint32_t r = c->rule0; r < c->rule0 + c->nrules; r++) {
		char p2[16] = "", i2 = 0;
		if (!lw->rules[r].reason || !wording_cite(lw->rules[r].reason, ar->label, p2, sizeof p2, &i2))
			continue;
		if (cited && (strcmp(p2, para) || i2 != item))
			return 0;   /* its reasons cite two places */
		memcpy(para, p2, sizeof para);
		item = i2;
		cited = 1;
	}
	if (!cited) {
		/* the label: 27.4.a is paragraph 4, item (a); 2.a item (a) of
		 * an article whose paragraphs are not numbered, and 11, 11.1
		 * or 11.fiscal the whole text of such an article */
		size_t an = strlen(ar->label);
		const char *num = c->label + an + 1;
		int numbered = wording_numbered(ar->text);
		if (strncmp(c->label, ar->label, an) || (c->label[an] && c->label[an] != '.'))
			return 0;
		size_t nn = c->label[an] ? strspn(num, "0123456789") : 0;
		if (!c->label[an]) {
			if (numbered)
				return 0;   /* the article as a whole: its paragraphs differ */
		} else if (!nn && num[0] >= 'a' && num[0] <= 'z' && !num[1]) {
			item = num[0];
		} else if (!numbered) {
			/* 11.1, 11.fiscal: the one paragraph there is; not a
			 * reservation's 11.XB, whose words are its own */
			if (c->kind != CK_CLAUSE || strchr(num, '.') || !(isdigit((unsigned char)num[0]) || islower((unsigned char)num[0])))
				return 0;
		} else if (!nn || nn >= sizeof para || (num[nn] && num[nn] != '.'))
			return 0;
		else
			item = num[nn] == '.' && num[nn + 1] >= 'a' && num[nn + 1] <= 'z' && !num[nn + 2] ? num[nn + 1] : 0;
		if (numbered)
			snprintf(para, sizeof para, "%.*s", (int)nn, num);
	}
	int say = wording_place(ar->text, para, item, w, &found);
	if (!say)
		return 0;
	if (w->opening)
		snprintf(where, hsz, "article %s's opening words, which its paragraph %s comes under", ar->label, para);
	else if (!*para && found == 2 && item)
		snprintf(where, hsz, "article %s's item (%c)", ar->label, item);
	else if (!*para)
		snprintf(where, hsz, "article %s's text", ar->label);
	else if (found == 2 && item)
		snprintf(where, hsz, "article %s's paragraph %s(%c)", ar->label, para, item);
	else
		snprintf(where, hsz, "article %s's paragraph %s", ar->label, para);
	if (!cited) {
		size_t n = strlen(where);
		snprintf(where + n, hsz - n, " (the place its label '%s' names; a reason that cites another, such as "
		         "\"Art %s(%s)\", has that place read instead)", c->label, ar->label, strcmp(para, "2") ? "2" : "1");
	}
	return say;
}

/* The grounds a rule's condition joins with 'and': its tests but those
 * negated ('and not X'), which, as its 'unless', carve exceptions out of
 * the ground rather than add one; a rule of one refuses on that ground
 * alone. */
static uint32_t conjuncts(const expr *e)
{
	return !e ? 0 : e->kind == E_AND ? conjuncts(e->a) + conjuncts(e->b) : e->kind != E_NOT;
}

/* Whether the words w say that rule ru should not be what it is: 'may
 * refuse' under words that oblige the refusal, 'refuse' under words that
 * leave it to the requested Party, either under words that forbid it.  A
 * prohibition of refusing on one ground alone ("solely because the
 * offence is fiscal") forbids a rule of one test only; one that the
 * words of a reason come to after the ground they give ("the offence is
 * political; no Party may refuse solely because it is also fiscal")
 * says what the rule does not do. */
static int words_against(const wording *w, const lw_rule *ru, int reason)
{
	if (w->say == WORDING_FORBIDS)
		return !(reason && w->later) && (!w->solely || conjuncts(ru->when) <= 1);
	return (w->say == 1 && ru->action == PA_MAY_REFUSE) || (w->say < 0 && ru->action == PA_REFUSE);
}

static void lint_wording(linter *L)
{
	const lw_program *lw = L->lw;
	char where[256];
	wording w;
	uint8_t *said = xcalloc(lw->schema.nclauses + 1, 1);
	/* a rule's own reason */
	for (uint32_t r = 0; r < lw->schema.nrules; r++) {
		const lw_rule *ru = &lw->rules[r];
		if (lw->clauses[ru->clause].file != 0 || !is_refusal(ru->action) || !ru->reason)
			continue;
		if (wording_say(ru->reason, strlen(ru->reason), &w) && words_against(&w, ru, 1)) {
			word_finding(L, ru, w.say, w.solely, w.what, "its reason");
			said[ru->clause] = 1;
		}
	}
	/* a clause's title, own text and place in its article, for its
	 * refusals all of one kind: the first of them that says otherwise */
	for (uint32_t i = 0; i < lw->schema.nclauses; i++) {
		const lw_clause *c = &lw->clauses[i];
		if (c->file != 0 || said[i] || L->quiet_clause[i])
			continue;
		const lw_rule *first = NULL;
		int kinds = 0;
		for (uint32_t r = c->rule0; r < c->rule0 + c->nrules; r++)
			if (is_refusal(lw->rules[r].action)) {
				kinds |= lw->rules[r].action == PA_REFUSE ? 1 : 2;
				if (!first)
					first = &lw->rules[r];
			}
		if (kinds != 1 && kinds != 2)
			continue;
		if (c->title && wording_say(c->title, strlen(c->title), &w) && words_against(&w, first, 0))
			snprintf(where, sizeof where, "the title of clause '%s'", c->label);
		else if (c->text && wording_say(c->text, strlen(c->text), &w) && words_against(&w, first, 0))
			snprintf(where, sizeof where, "the text of '%s'", c->label);
		else if (c->article == LW_NONE || !article_words(L, i, &w, where, sizeof where)
			 || !words_against(&w, first, 0))
			continue;
		word_finding(L, first, w.say, w.solely, w.what, where);
	}
	free(said);
}

/* `grant when C` and, in the same clause, `oblige X` with no condition,
 * where another clause grants too: the obligation is imposed on every
 * request (reported with every grant or referral, whatever clause decides
 * it), not only on those the clause grants, which a drafter who wrote them
 * together most likely meant.  A clause that refers or refuses too (a
 * standing use limitation, and a referral for the exception to it) is
 * left alone: there the obligation stands by itself; so is the only
 * clause that grants, whose obligations are every grant's however they
 * are written. */
static void lint_clause_obligations(linter *L)
{
	const lw_program *lw = L->lw;
	/* the clauses that grant: two are enough to know */
	uint32_t granting = 0, last = LW_NONE;
	for (uint32_t r = 0; r < lw->schema.nrules && granting < 2; r++)
		if (lw->rules[r].action == PA_GRANT && lw->rules[r].clause != last) {
			last = lw->rules[r].clause;
			granting++;
		}
	if (granting < 2)
		return;
	for (uint32_t i = 0; i < lw->schema.nclauses; i++) {
		const lw_clause *c = &lw->clauses[i];
		if (c->file != 0 || L->quiet_clause[i])
			continue;
		int cond = 0, uncond = 0;
		for (uint32_t r = c->rule0; r < c->rule0 + c->nrules; r++) {
			const lw_rule *ru = &lw->rules[r];
			if (lp_action_outcome(ru->action) < 0)
				continue;
			if (ru->action != PA_GRANT)
				uncond = 1;   /* not a grant's conditions alone */
			else if (ru->when || ru->unless)
				cond = 1;
			else
				uncond = 1;
		}
		if (!cond || uncond)
			continue;
		for (uint32_t r = c->rule0; r < c->rule0 + c->nrules; r++) {
			const lw_rule *ru = &lw->rules[r];
			if (ru->action != PA_OBLIGE || ru->when || ru->unless)
				continue;
			WARN(L, LINT_UNCONDITIONAL_OBLIGE, ru->at, "'oblige %s' has no condition: it is imposed on every "
			     "request, not only on those clause '%s' grants (give it the grant's condition, or move it "
			     "to a clause of its own)", lw->schema.obligs[ru->oblig].name, c->label);
		}
	}
}

/* A rule at the start of a line below indented rules of its provision,
 * or after a blank or comment line in a reservation or declaration: a
 * rule belongs to the provision above it however it is laid out, and one
 * written there for an article of its own ("oblige no_onward_transfer"
 * under a Party's declaration) binds only when that provision does.  A
 * clause written flush left throughout is left alone. */
static void lint_rule_layout(linter *L)
{
	const lw_program *lw = L->lw;
	const srcfile *f = L->main;
	for (uint32_t i = 0; i < lw->schema.nclauses; i++) {
		const lw_clause *c = &lw->clauses[i];
		if (c->file != 0)
			continue;
		for (uint32_t r = c->rule0 + 1; r < c->rule0 + c->nrules; r++) {
			const lw_rule *ru = &lw->rules[r], *prev = &lw->rules[r - 1];
			uint32_t line, col, pline, pcol;
			span_linecol(ru->at, &line, &col);
			span_linecol(prev->at, &pline, &pcol);
			if (col != 1 || line == pline)
				continue;
			/* the line just above it blank or only a comment (not one
			 * inside the rule before, whose words go on after it) */
			int apart = pcol > 1;
			if (!apart && c->kind != CK_CLAUSE && line > 1) {
				uint32_t l = line - 1, s = src_offset(f, l - 1, 0), e = s;
				while (e < f->len && (f->text[e] == ' ' || f->text[e] == '\t' || f->text[e] == '\r'))
					e++;
				apart = e >= f->len || f->text[e] == '\n' || (l <= L->nlines && L->line_is_comment[l]);
			}
			if (!apart)
				continue;
			const char *kind = lp_clause_kind_names[c->kind];
			if (WARN(L, LINT_RULE_LAYOUT, ru->at, "this rule belongs to %s %s above it (a provision's rules run "
			         "to the next clause, article or declaration), and binds only when that %s applies: indent "
			         "it under %s %s, or give it a clause of its own ('clause LABEL' on the line before it)",
			         kind, c->label, kind, kind, c->label))
				diag_note(L->dg, c->name_at, "%s %s begins here", kind, c->label);
		}
	}
}

/* An obligation whose words speak of refusing ("give reasons for any
 * refusal") and that goes with grant and refer, as one does without 'on':
 * no refusal reports it.  One given another 'on' was meant so. */
static void lint_obligation_outcomes(linter *L)
{
	const lw_program *lw = L->lw;
	for (uint32_t i = 0; i < lw->nobligs; i++) {
		const lw_oblig *ob = &lw->obligs[i];
		if (ob->name_at.file != L->main || ob->on != (1 << PO_GRANT | 1 << PO_REFER))
			continue;
		const char *words = ob->description && strcasestr(ob->description, "refus") ? ob->description
		                    : strcasestr(ob->name, "refus") ? ob->name : NULL;
		if (!words)
			continue;
		WARN(L, LINT_OBLIGATION_OUTCOME, ob->name_at, "obligation '%s' speaks of refusal (\"%s\") but goes "
		     "only with grant and refer, as an obligation without 'on' does: no refusal reports it; write "
		     "'on refuse' (or 'on refuse, refer') if it binds a Party that refuses", ob->name, words);
	}
}

/* ---- unused declarations ---- */

typedef struct uses {
	uint8_t *field, *define, *table;
} uses;

static void mark(uses *u, const expr *e)
{
	if (!e)
		return;
	switch (e->kind) {
	case E_NAME:
		if (e->ref == REF_FIELD)
			u->field[e->index] = 1;
		else if (e->ref == REF_DEFINE)
			u->define[e->index] = 1;
		return;
	case E_LOOKUP:
		u->table[e->index] = 1;
		mark(u, e->a);
		return;
	case E_SET:
		for (uint32_t i = 0; i < e->nelem; i++)
			mark(u, e->elem[i]);
		return;
	default:
		mark(u, e->a);
		mark(u, e->b);
		mark(u, e->c);
	}
}

static int in_main(const lw_program *lw, span at)
{
	return at.file == lw->files[0];
}

/* A library: a file without an agreement header or clauses that declares
 * something of its own (std.mla, a shared list of offences), for the
 * agreements that import it.  An empty file, or one of imports alone,
 * declares nothing: it is an agreement not yet written. */
static int is_library(const lw_program *lw)
{
	if (lw->scope.has_header || lw->schema.nclauses)
		return 0;
	for (uint32_t i = 0; i < lw->nitems; i++)
		if (in_main(lw, lw->items[i].at) && lw->items[i].kind != D_IMPORT)
			return 1;
	return 0;
}

static void lint_unused(linter *L)
{
	const lw_program *lw = L->lw;
	const lp_schema *s = &lw->schema;
	uses u;
	/* what a library declares is for the agreements that import it: none
	 * of it is unused for want of a rule here */
	if (is_library(lw))
		return;
	u.field = xcalloc(s->nfields + 1, 1);
	u.define = xcalloc(lw->ndefines + 1, 1);
	u.table = xcalloc(lw->ntables + 1, 1);
	for (uint32_t i = 0; i < lw->ndefines; i++)
		mark(&u, lw->defines[i].value);
	for (uint32_t i = 0; i < lw->ntables; i++)
		for (uint32_t j = 0; j < lw->tables[i].nentries; j++)
			mark(&u, lw->tables[i].entries[j]);
	for (uint32_t i = 0; i < s->nrules; i++) {
		mark(&u, lw->rules[i].when);
		mark(&u, lw->rules[i].unless);
		mark(&u, lw->rules[i].value);
	}
	for (uint32_t i = 0; i < s->nfields; i++)
		mark(&u, lw->fields[i].value);
	/* step 0 reads these */
	const lw_scope *sc = &lw->scope;
	if (sc->has_header) {
		if (sc->parties && sc->f_requesting != LW_NONE)
			u.field[sc->f_requesting] = u.field[sc->f_requested] = 1;
		if ((sc->has_effective || sc->has_expires) && sc->f_submitted != LW_NONE)
			u.field[sc->f_submitted] = 1;
	}
	for (uint32_t i = 0; i < s->nclauses; i++) {
		const lw_clause *c = &lw->clauses[i];
		if (c->owner != LW_NONE && sc->f_requesting != LW_NONE)
			u.field[sc->f_requesting] = u.field[sc->f_requested] = 1;
		if ((c->has_from || c->has_sunset) && sc->f_submitted != LW_NONE)
			u.field[sc->f_submitted] = 1;
	}
	for (uint32_t i = 0; i < lw->ndefines; i++)
		if (!u.define[i] && in_main(lw, lw->defines[i].name_at))
			WARN(L, LINT_UNUSED, lw->defines[i].name_at, "define '%s' is never used", lw->defines[i].name);
	for (uint32_t i = 0; i < lw->ntables; i++)
		if (!u.table[i] && in_main(lw, lw->tables[i].name_at))
			WARN(L, LINT_UNUSED, lw->tables[i].name_at, "table '%s' is never used", lw->tables[i].name);
	for (uint32_t i = 0; i < s->nfields; i++)
		if (!u.field[i] && in_main(lw, lw->fields[i].at))
			WARN(L, LINT_UNUSED, lw->fields[i].at, "request field '%s' is never read by a rule or a definition",
			     s->fields[i].name);
	for (uint32_t i = 0; i < lw->nobligs; i++)
		if (lw->obligs[i].schema == LW_NONE && in_main(lw, lw->obligs[i].name_at))
			WARN(L, LINT_UNUSED, lw->obligs[i].name_at, "obligation '%s' is never imposed (no rule says 'oblige %s')",
			     lw->obligs[i].name, lw->obligs[i].name);
	/* fixtures: named by a test or by another fixture that is used */
	uint8_t *fx = xcalloc(lw->nfixtures + 1, 1);
	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t t = 0; t < lw->ntests + lw->nfixtures; t++) {
			const lw_given *g;
			uint32_t ng;
			if (t < lw->ntests) {
				g = lw->tests[t].given, ng = lw->tests[t].ngiven;
			} else {
				if (!fx[t - lw->ntests])
					continue;
				g = lw->fixtures[t - lw->ntests].given, ng = lw->fixtures[t - lw->ntests].ngiven;
			}
			for (uint32_t j = 0; j < ng; j++)
				if (!g[j].value)
					for (uint32_t f = 0; f < lw->nfixtures; f++)
						if (!strcmp(lw->fixtures[f].name, g[j].name))
							fx[f] = 1;
		}
	}
	for (uint32_t f = 0; f < lw->nfixtures; f++)
		if (!fx[f] && in_main(lw, lw->fixtures[f].name_at))
			WARN(L, LINT_UNUSED, lw->fixtures[f].name_at, "fixture '%s' is never used by a test", lw->fixtures[f].name);
	free(fx);
	free(u.field);
	free(u.define);
	free(u.table);
}

/* An agreement without a clause (none of its own, none imported) decides
 * every request by its default.  Legal — the tutorial starts from an empty
 * file — but a module built from it answers every request alike, and
 * nothing says so.  Pointed at the header, or at the file's first line. */
static void lint_no_clauses(linter *L)
{
	const lw_program *lw = L->lw;
	if (lw->schema.nclauses || is_library(lw))
		return;
	span at = lw->scope.has_header ? lw->scope.at : (span){ L->main, 0, 0 };
	WARN(L, LINT_NO_CLAUSES, at, "the agreement has no clauses: every request is decided by its default (%s)",
	     lp_outcome_names[lw->schema.default_outcome]);
}

/* ---- lints proven with Z3 ---- */

/* A solver query's time limit (lint_opts; two seconds by default). */
static unsigned query_ms(const linter *L)
{
	return L->o && L->o->timeout_ms ? L->o->timeout_ms : 2000;
}

/* sat (1), unsat (0) or unknown (-1) of the assertions and `a`. */
static int sat(linter *L, Z3_ast a)
{
	Z3_context z = smt_z3(L->x);
	Z3_solver_push(z, L->sv);
	Z3_solver_assert(z, L->sv, a);
	Z3_lbool r = Z3_solver_check(z, L->sv);
	Z3_solver_pop(z, L->sv, 1);
	return r == Z3_L_TRUE ? 1 : r == Z3_L_FALSE ? 0 : -1;
}

/* The rules among `cand` (n of them) that together always fire when `a`
 * holds, as few as can be found: an unsat core, then each member tried
 * without.  Returns their number (0: they do not cover it, or unknown). */
static uint32_t cover(linter *L, Z3_ast a, const uint32_t *cand, uint32_t n, uint32_t *out)
{
	Z3_context z = smt_z3(L->x);
	const smt_decision *d = L->d;
	if (!n)
		return 0;
	Z3_ast *lit = xmalloc(n * sizeof *lit);
	uint8_t *in = xcalloc(n, 1);
	Z3_solver_push(z, L->sv);
	Z3_solver_assert(z, L->sv, a);
	for (uint32_t i = 0; i < n; i++) {
		char name[32];
		snprintf(name, sizeof name, "lint.p%u", i);
		lit[i] = Z3_mk_const(z, Z3_mk_string_symbol(z, name), Z3_mk_bool_sort(z));
		Z3_solver_assert(z, L->sv, Z3_mk_implies(z, lit[i], smt_mk_not(L->x, d->fired[cand[i]])));
	}
	uint32_t k = 0;
	if (Z3_solver_check_assumptions(z, L->sv, n, lit) == Z3_L_FALSE) {
		Z3_ast_vector core = Z3_solver_get_unsat_core(z, L->sv);
		Z3_ast_vector_inc_ref(z, core);
		for (unsigned c = 0; c < Z3_ast_vector_size(z, core); c++) {
			Z3_ast e = Z3_ast_vector_get(z, core, c);
			for (uint32_t i = 0; i < n; i++)
				if (Z3_is_eq_ast(z, e, lit[i]))
					in[i] = 1;
		}
		Z3_ast_vector_dec_ref(z, core);
		/* fewer where possible: drop each one whose removal keeps it unsat */
		for (uint32_t i = 0; i < n; i++) {
			if (!in[i])
				continue;
			in[i] = 0;
			Z3_ast *as = xmalloc(n * sizeof *as);
			unsigned m = 0;
			for (uint32_t j = 0; j < n; j++)
				if (in[j])
					as[m++] = lit[j];
			if (Z3_solver_check_assumptions(z, L->sv, m, as) != Z3_L_FALSE)
				in[i] = 1;
			free(as);
		}
		for (uint32_t i = 0; i < n; i++)
			if (in[i])
				out[k++] = cand[i];
	}
	Z3_solver_pop(z, L->sv, 1);
	free(lit);
	free(in);
	return k;
}

/* "'3.2' refuses", "'3.2' and '4.1' refuse or refer": the clauses of
 * some rules, each once, in source order, with what they do. */
static char *clause_list(const linter *L, const uint32_t *rules, uint32_t n, uint32_t self)
{
	const lw_program *lw = L->lw;
	lp_strbuf b = { 0 };
	uint32_t count = 0, total = 0;
	unsigned acts = 0;
	for (uint32_t c = 0; c < lw->schema.nclauses; c++) {
		int here = 0;
		for (uint32_t i = 0; i < n; i++)
			if (lw->rules[rules[i]].clause == c) {
				here = 1;
				acts |= 1u << lp_action_outcome(lw->rules[rules[i]].action);
			}
		total += here;
	}
	for (uint32_t c = 0; c < lw->schema.nclauses; c++) {
		int here = 0;
		for (uint32_t i = 0; i < n; i++)
			here |= lw->rules[rules[i]].clause == c;
		if (!here)
			continue;
		count++;
		lp_sb_puts(&b, count == 1 ? "" : count == total ? " and " : ", ");
		if (c == self)
			lp_sb_puts(&b, "another rule of this clause");
		else
			lp_sb_printf(&b, "'%s'", lw->clauses[c].label);
	}
	const char *verb = acts == 1u << PO_REFUSE ? "refuse" : acts == 1u << PO_REFER ? "refer"
	                 : acts == 1u << PO_GRANT ? "grant" : "refuse or refer";
	int one = total == 1;
	if (one && strcmp(verb, "refuse or refer"))
		lp_sb_printf(&b, " %ss", verb);
	else
		lp_sb_printf(&b, " %s", one ? "refuses or refers" : verb);
	return b.data;
}

/* A `may refuse` counts as a referral: where no other rule carries an
 * outcome, it turns the default refusal (a request outside what the
 * agreement provides for) into a referral on a discretionary ground,
 * which says the opposite: that the agreement applies, and only the
 * ground is in question. */
static void may_refuse_unscoped(linter *L)
{
	const lw_program *lw = L->lw;
	const lp_schema *s = &lw->schema;
	const smt_decision *d = L->d;
	if (s->default_outcome != PO_REFUSE)
		return;
	Z3_ast others = Z3_mk_true(smt_z3(L->x));
	for (uint32_t q = 0; q < s->nrules; q++)
		if (lp_action_outcome(lw->rules[q].action) >= 0 && lw->rules[q].action != PA_MAY_REFUSE)
			others = smt_mk_and(L->x, others, smt_mk_not(L->x, d->fired[q]));
	for (uint32_t r = 0; r < s->nrules; r++) {
		const lw_rule *ru = &lw->rules[r];
		if (ru->action != PA_MAY_REFUSE || lw->clauses[ru->clause].file != 0 || L->quiet_clause[ru->clause])
			continue;
		Z3_ast alone = smt_mk_and(L->x, d->fired[r], others);
		if (sat(L, alone) != 1)
			continue;
		/* where the rules that decide all ask two Parties, the requests
		 * left are a Party's to itself (which pass step 0): said so,
		 * or the example reads as a slip */
		const lw_scope *sc = &lw->scope;
		int self_only = sc->f_requesting != LW_NONE && sc->f_requested != LW_NONE
		                && s->fields[sc->f_requesting].enum_index == s->fields[sc->f_requested].enum_index
		                && sat(L, smt_mk_and(L->x, alone, smt_mk_not(L->x, Z3_mk_eq(smt_z3(L->x),
		                       L->enc->fv[sc->f_requesting]->s, L->enc->fv[sc->f_requested]->s)))) == 0;
		if (!(self_only
		      ? WARN(L, LINT_MAY_REFUSE_UNSCOPED, ru->at,
		             "this discretionary ground fires on requests from a Party to itself that no other rule "
		             "grants, refers or refuses (the rules that do all ask two Parties): there it turns the "
		             "default refusal into a referral (a fired 'may refuse' counts as a referral), as if the "
		             "agreement applied; scope it to requests between two Parties, or decide a Party's request "
		             "to itself by a clause")
		      : WARN(L, LINT_MAY_REFUSE_UNSCOPED, ru->at,
		             "this discretionary ground fires on requests that no other rule grants, refers or refuses: "
		             "there it turns the default refusal into a referral (a fired 'may refuse' counts as a "
		             "referral), as if the agreement applied; add the condition of the agreement's scope, or "
		             "refuse such requests by a clause")))
			continue;
		char *w = prove_nearest(lw, L->x, L->enc, alone, query_ms(L));
		if (w) {
			lp_strbuf b = { 0 };
			lp_sb_printf(&b, "  for example: %s\n", w);
			lp_sb_put(&b, "", 1);
			diag_details(L->dg, b.data);
			lp_sb_free(&b);
			free(w);
		}
	}
}

/* An agreement meant to grant or refer (a rule of its own does, or its
 * default) that refuses every request: said once, plainly, at the rules
 * that refuse every request, or else at the header, before the shadowed
 * and redundant rules that follow from it. */
static int refuses_all(linter *L)
{
	const lw_program *lw = L->lw;
	const lp_schema *s = &lw->schema;
	const smt_decision *d = L->d;
	int meant = s->default_outcome != PO_REFUSE;
	for (uint32_t r = 0; r < s->nrules && !meant; r++) {
		int o = lp_action_outcome(lw->rules[r].action);
		meant = lw->clauses[lw->rules[r].clause].file == 0 && (o == PO_GRANT || o == PO_REFER);
	}
	if (!meant || sat(L, smt_mk_or(L->x, d->outcome[PO_GRANT], d->outcome[PO_REFER])) != 0)
		return 0;
	uint32_t *all = xmalloc((s->nrules + 1) * sizeof *all), n = 0;
	for (uint32_t r = 0; r < s->nrules; r++)
		if (lw->rules[r].action == PA_REFUSE   /* fires on every request within the scope */
		    && sat(L, smt_mk_and(L->x, smt_mk_not(L->x, d->out_of_scope), smt_mk_not(L->x, d->fired[r]))) == 0)
			all[n++] = r;
	/* said where the file linted can show it: the refusal when it is
	 * there, else the header, else the file's first rule */
	span at = { 0 };
	if (n && lw->rules[all[0]].at.file == L->main)
		at = lw->rules[all[0]].at;
	else if (lw->scope.at.file == L->main)
		at = lw->scope.at;
	for (uint32_t r = 0; r < s->nrules && !at.file; r++)
		if (lw->rules[r].at.file == L->main)
			at = lw->rules[r].at;
	int said = 0;
	if (at.file && n) {
		char *who = clause_list(L, all, n, UINT32_MAX);
		said = WARN(L, LINT_REFUSES_ALL, at, "the agreement refuses every request: %s whatever the request "
		            "says, so no rule that grants or refers ever decides (what follows from it, the grants and "
		            "referrals it overrides and the obligations never reported, is not listed)", who);
		free(who);
	} else if (at.file) {
		said = WARN(L, LINT_REFUSES_ALL, at, "the agreement refuses every request: no rule that grants or "
		            "refers ever decides one (what follows from it is not listed)");
	}
	free(all);
	return said;   /* what follows is left out only when this is said */
}

static void lint_proofs(linter *L)
{
	const lw_program *lw = L->lw;
	const lp_schema *s = &lw->schema;
	Z3_context z;
	L->x = smt_ctx_new();
	z = smt_z3(L->x);
	smt_enc *E = L->enc = smt_encode(L->x, lw, 0);
	L->d = smt_enc_decision(E);
	L->sv = Z3_mk_solver(z);
	Z3_solver_inc_ref(z, L->sv);
	Z3_params pr = Z3_mk_params(z);
	Z3_params_inc_ref(z, pr);
	Z3_params_set_uint(z, pr, Z3_mk_string_symbol(z, "timeout"), query_ms(L));
	Z3_solver_set_params(z, L->sv, pr);
	Z3_params_dec_ref(z, pr);
	Z3_solver_assert(z, L->sv, smt_ctx_domain(L->x));
	const smt_decision *d = L->d;
	/* everything refused: the outcome rules' and obligations' findings
	 * follow from it, and are left out */
	int all_refused = refuses_all(L);
	uint32_t *cand = xmalloc((s->nrules + 1) * sizeof *cand), *got = xmalloc((s->nrules + 1) * sizeof *got);
	uint8_t *redundant = xcalloc(s->nrules + 1, 1);
	for (uint32_t r = 0; r < s->nrules; r++) {
		const lw_rule *ru = &lw->rules[r];
		const lw_clause *c = &lw->clauses[ru->clause];
		if (c->file != 0 || L->quiet_clause[ru->clause])
			continue;
		int fires = sat(L, d->fired[r]);
		if (fires == 0) {
			WARN(L, LINT_NEVER_FIRES, ru->at, "this rule never fires: no request meets its condition while clause '%s' is in force and not exempted",
			     c->label);
			continue;
		}
		if (fires < 0 || all_refused)
			continue;
		int out = lp_action_outcome(ru->action);
		if (out >= 0) {
			/* shadowed: a stronger outcome always fires with it */
			uint32_t n = 0;
			for (uint32_t q = 0; q < s->nrules; q++) {
				int o2 = lp_action_outcome(lw->rules[q].action);
				if (q != r && o2 > out && !(lw->rules[q].action == PA_MAY_REFUSE && ru->action == PA_REFER))
					cand[n++] = q;
			}
			uint32_t k = cover(L, d->fired[r], cand, n, got);
			if (k) {
				char *who = clause_list(L, got, k, ru->clause);
				WARN(L, LINT_SHADOWED, ru->at, "%s that never decides: whenever it fires, %s too",
				     outcome_word(ru->action), who);
				free(who);
				continue;
			}
			/* redundant: the same outcome always fires with it.  Not by
			 * a rule found redundant already (of two rules that always
			 * fire together only the first is said: taking both away
			 * would change the outcome), nor a referral by a `may
			 * refuse` (without the referral the ground would become
			 * discretionary) */
			n = 0;
			for (uint32_t q = 0; q < s->nrules; q++)
				if (q != r && !redundant[q] && lp_action_outcome(lw->rules[q].action) == out
				    && !(lw->rules[q].action == PA_MAY_REFUSE && ru->action == PA_REFER))
					cand[n++] = q;
			k = cover(L, d->fired[r], cand, n, got);
			if (k) {
				redundant[r] = 1;
				char *who = clause_list(L, got, k, ru->clause);
				WARN(L, LINT_REDUNDANT, ru->at, "%s made redundant: whenever it fires, %s too",
				     outcome_word(ru->action), who);
				free(who);
			}
			continue;
		}
		if (ru->action == PA_OBLIGE) {
			/* imposed, but never with an outcome it is reported with */
			const lp_oblig_desc *od = &s->obligs[ru->oblig];
			Z3_ast carry = Z3_mk_false(z);
			for (int oc = 0; oc < PO__COUNT; oc++)
				if (od->on >> oc & 1)
					carry = smt_mk_or(L->x, carry, d->outcome[oc]);
			if (sat(L, smt_mk_and(L->x, d->fired[r], carry)) == 0) {
				lp_strbuf on = { 0 };
				for (int oc = 0; oc < PO__COUNT; oc++)
					if (od->on >> oc & 1)
						lp_sb_printf(&on, "%s%s", on.len ? " or " : "", lp_outcome_names[oc]);
				WARN(L, LINT_UNREPORTED_OBLIGATION, ru->oblig_at,
				     "'%s' is imposed here but never reported: it goes with %s, and no request that fires this rule is decided so",
				     od->name, on.data ? on.data : "no outcome");
				lp_sb_free(&on);
			}
		}
	}
	free(cand);
	free(got);
	free(redundant);
	may_refuse_unscoped(L);
	/* `always A implies B` where no request meets A: proven, and empty */
	for (uint32_t i = 0; i < lw->nasserts; i++) {
		const lw_assert *a = &lw->asserts[i];
		if (!all_refused && a->file == 0 && a->kind == ASSERT_ALWAYS && a->prop && a->prop->kind == E_IMPLIES &&
		    sat(L, smt_enc_prop(E, a->prop->a)) == 0)
			WARN(L, LINT_VACUOUS_ASSERT, a->prop->a->at,
			     "no request meets this premise, so assert \"%s\" holds whatever the agreement says: it "
			     "promises nothing", a->name);
	}
	Z3_solver_dec_ref(z, L->sv);
	smt_ctx_free(L->x);
}

int lint_program(program *p, const lw_program *lw, const lint_opts *o)
{
	linter L = { 0 };
	L.lw = lw;
	L.o = o;
	L.dg = p->dg;
	L.main = lw->files[0];
	L.quiet_clause = xcalloc(lw->schema.nclauses + 1, 1);
	read_allows(&L, p);
	lint_no_clauses(&L);
	lint_reasons(&L);
	lint_windows(&L);
	lint_exemptions(&L);
	lint_labels(&L);
	lint_and_or(&L);
	lint_never_implies(&L);
	lint_wording(&L);
	lint_clause_obligations(&L);
	lint_rule_layout(&L);
	lint_obligation_outcomes(&L);
	lint_unused(&L);
	/* the proofs cost a few solver queries a rule, each over the whole
	 * decision: above PACTA_LINT_MAX_RULES rules they are left out, and
	 * that is said */
	long max_rules = env_limit("PACTA_LINT_MAX_RULES", 2000, 0, 1000000);
	if ((!o || !o->no_proofs) && lw->schema.nrules <= (uint32_t)max_rules)
		lint_proofs(&L);
	else if (!o || !o->no_proofs)
		fprintf(stderr, "pacta: lint: %u rules: the proofs (refuses-all, never-fires, shadowed, redundant, unreported-obligation, "
		        "may-refuse-unscoped, vacuous-assert) "
		        "are left out above %ld rules (PACTA_LINT_MAX_RULES)\n", lw->schema.nrules, max_rules);
	diag_flush(p->dg);
	for (size_t i = 0; i < L.nallows; i++)
		free(L.allows[i].names);
	free(L.allows);
	free(L.line_is_comment);
	free(L.quiet_clause);
	return L.found;
}

void lint_list(FILE *out)
{
	for (int i = 0; i < LINT__COUNT; i++)
		fprintf(out, "%-24s warning  %s\n", lint_table[i].name, lint_table[i].what);
}

int lint_named(const char *name)
{
	for (int i = 0; i < LINT__COUNT; i++)
		if (!strcmp(name, lint_table[i].name))
			return 1;
	return 0;
}
