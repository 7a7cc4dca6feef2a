/*
 * wording.c — what a treaty's words say of a refusal, for the lint
 * `refusal-wording` (lint.c): "shall refuse" or "may refuse", and where
 * in an article's text a clause's words are (its paragraph, its item).
 *
 * The words are matched with POSIX extended regular expressions, one per
 * form a drafter uses; each match is then weighed in its clause of the
 * sentence (between ';', ':' and full stops): a person, not a Party, as
 * its subject ("the witness may refuse to testify"), a condition ("where
 * assistance is refused"), a prohibition ("no Party may refuse"), an
 * object after a passive ("may be denied a fair trial"), the month of
 * May, a modal that belongs to another verb ("where execution may
 * prejudice ..., the requested Party will decline") each set a match
 * aside.  Words in quotation marks are another text's, and are skipped.
 */
#include <ctype.h>
#include <pthread.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pactac.h"
#include "wording.h"

enum { SAYS_MAY, SAYS_SHALL, SAYS_NOT };
enum {
	F_GAP = 1,        /* "may ... refuse": the words between may and the verb */
	F_OBJECT = 2,     /* a passive followed by an object: not of the request */
	F_EXERCISE = 4,   /* "not exercise the right to refuse": forbidden */
	F_NEGATED = 8,    /* "not discretionary", "non-mandatory" */
	F_CONDITION = 16, /* "where assistance is refused, ...": a condition */
	F_MONTH = 32,     /* "May 2022", "12 May" */
	F_ASSISTANCE = 64,/* a passive whose subject must be the assistance
	                     ("extradition shall not be granted", not "the
	                     data shall not be provided to a third State") */
	F_NAME = 128,     /* "Optional Protocol": a name, not a quality */
	F_ACTIVE = 512,   /* the Party refuses: "shall not refuse to respond"
	                     is another act refused, "shall not deny the
	                     person access to a lawyer" a person's right */
	F_EXCEPT = 256,   /* "shall not be refused except on the grounds of
	                     paragraph 2": a limit, not a prohibition */
};

#define VERB "(refuse|decline|deny|reject|withhold)"
#define PAST "(refused|declined|denied|rejected|withheld)"
#define ACT "(afford|provide|grant|execute|give|render|comply|transfer|assist|cooperate|co-operate|extradite|" \
	"surrender|recognise|recognize|enforce|carry out|take action)"
#define DONE "(afforded|provided|granted|executed|given|rendered|extradited|surrendered|recognised|recognized|" \
	"enforced)"

typedef struct pattern {
	int says;
	unsigned flags;
	const char *re;
	int gap;          /* F_GAP: the group of the words between */
} pattern;

static const pattern patterns[] = {
	/* may refuse */
	{ SAYS_MAY, F_GAP | F_MONTH, "\\b(may|can)\\b([ ,][^.;:]{0,100})? " VERB "\\b", 2 },
	{ SAYS_MAY, F_GAP | F_OBJECT | F_MONTH, "\\bmay\\b(([ ,]+[a-z]+){0,4})[ ,]+be " PAST "\\b", 1 },
	{ SAYS_MAY, F_EXERCISE, "\\b(is|are|be) (entitled|free|at liberty) to " VERB "\\b", 0 },
	{ SAYS_MAY, F_EXERCISE, "\\b(has|have|reserves|reserve|retains|retain) the right to " VERB "\\b", 0 },
	{ SAYS_MAY, 0, "\\bit is open to [^.;:]{0,60} to " VERB "\\b", 0 },
	{ SAYS_MAY, 0, "\\b(is|are|be) not (obliged|obligated|required|bound) to\\b", 0 },
	{ SAYS_MAY, 0, "\\bnot be (obliged|obligated|required|bound) to\\b", 0 },
	{ SAYS_MAY, 0, "\\bneed not " ACT "\\b", 0 },
	{ SAYS_MAY, 0, "\\b(is|are) under no obligation to\\b", 0 },
	{ SAYS_MAY, 0,
	  "\\bnothing in [^.;:]{0,120}(shall|is to|should) be (interpreted|construed) as (imposing|creating) an obligation\\b", 0 },
	{ SAYS_MAY, 0, "\\bmay decide not to\\b", 0 },
	{ SAYS_MAY, 0, "\\b(at|in) (its|their) (own )?discretion\\b", 0 },
	{ SAYS_MAY, 0, "\\b(at|in) the discretion of\\b", 0 },
	{ SAYS_MAY, 0, "\\b(has|have) (a |the )?discretion to\\b", 0 },
	{ SAYS_MAY, F_NEGATED, "\\bdiscretionary\\b", 0 },
	{ SAYS_MAY, F_NEGATED | F_NAME, "\\boptional (ground|grounds|refusal|reasons)\\b", 0 },
	/* shall refuse */
	{ SAYS_SHALL, 0, "\\b(shall|must|will) ((also|always|further|likewise|nevertheless|equally|then) )?" VERB "\\b", 0 },
	{ SAYS_SHALL, F_OBJECT, "\\b(shall|must|will) ((also|always|further|likewise|nevertheless|equally|then) )?be "
	                        PAST "\\b", 0 },
	{ SAYS_SHALL, F_OBJECT | F_CONDITION | F_ASSISTANCE, "\\b(is|are) (to be |always )?(refused|denied|declined)\\b", 0 },
	{ SAYS_SHALL, F_ASSISTANCE, "\\b(shall|must|may|will) (not|in no case|under no circumstances) be " DONE "\\b", 0 },
	{ SAYS_SHALL, F_ASSISTANCE, "\\b(shall|must|will) not " ACT "\\b", 0 },
	{ SAYS_SHALL, 0, "\\bno (assistance|extradition|cooperation|co-operation|surrender) (shall|will|may) be\\b", 0 },
	{ SAYS_SHALL, 0, "\\bthere shall be no (assistance|extradition|cooperation|co-operation|surrender)\\b", 0 },
	{ SAYS_SHALL, 0, "\\brefusal is (mandatory|obligatory|compulsory)\\b", 0 },
	{ SAYS_SHALL, F_NEGATED, "\\b(mandatory|obligatory) (ground|grounds|refusal|reason|reasons|bar|bars)\\b", 0 },
	/* shall not refuse */
	{ SAYS_NOT, F_EXCEPT | F_ACTIVE, "\\b((shall|must|may|will|can) not|cannot)( (in any case|under any circumstances))? " VERB
	                      "\\b", 0 },
	{ SAYS_NOT, F_EXCEPT | F_OBJECT | F_ASSISTANCE,
	  "\\b(shall|must|may|will|can) (not|in no case|under no circumstances) be " PAST "\\b", 0 },
	{ SAYS_NOT, F_EXCEPT | F_ACTIVE, "\\bno (party|state|member|contracting|requested)( [a-z]+)? (shall|may|will|can) "
	                                 VERB "\\b", 0 },
	{ SAYS_NOT, F_EXCEPT | F_ACTIVE, "\\bnot exercise the right( ([^.;:]|\\.[a-z0-9]){0,100})? to " VERB "\\b", 0 },
	{ SAYS_NOT, F_EXCEPT | F_ACTIVE, "\\bnot (be entitled|be free|be at liberty) to " VERB "\\b", 0 },
	{ SAYS_NOT, F_EXCEPT | F_ACTIVE, "\\b(is|are) not (entitled|free|at liberty) to " VERB "\\b", 0 },
	{ SAYS_NOT, F_EXCEPT, "\\b(shall|must|may|will) not (invoke|use|rely on|cite|treat|regard|consider)\\b[^.;:]{0,100} as "
	                      "(a |the |an? [a-z]+ )?(ground|grounds|reason|basis|justification) (for|of|to) "
	                      "(refus|declin|deny|deni|reject)[a-z]*", 0 },
	{ SAYS_NOT, F_EXCEPT, "\\b((shall|must|may|will|can|does) not|cannot) (be|constitute|form|serve as|justify)"
	                      "( (regarded|considered|treated|deemed|used) as)? (a |the |an? [a-z]+ )?(sole )?"
	                      "(ground|grounds|reason|basis|justification) (for|of|to) (refus|declin|deny|deni|reject)[a-z]*", 0 },
	{ SAYS_NOT, F_EXCEPT, "\\b(is|are) not (a |the )?(ground|grounds|reason|basis) (for|of) (refus|declin|reject)[a-z]*", 0 },
	{ SAYS_NOT, F_EXCEPT, "\\bno (request|requests|assistance|application|extradition|surrender)\\b[^.;:,]{0,60} "
	                      "(is|are|shall be|may be|will be|can be) " PAST "\\b", 0 },
	{ SAYS_NOT, F_EXCEPT, "\\b(shall|may|must|will|can) not be (invoked|relied on|used|cited) as (a |an |the )?"
	                      "(ground|grounds|reason|basis|obstacle|bar|justification)\\b", 0 },
	{ SAYS_NOT, F_EXCEPT, "\\b(shall|may|must|will) not be (required|imposed|made) as (a |the )?condition (to|for|of)\\b",
	  0 },
};
#define NPATTERNS (sizeof patterns / sizeof *patterns)

static regex_t compiled[NPATTERNS];
static regex_t person, party, prohibition, condition, object, modal, requesting, assistance, except, solely;
static regex_t refuse_to, act_word, no_thing, ground;
static pthread_once_t ready = PTHREAD_ONCE_INIT;

static void comp(regex_t *r, const char *re)
{
	if (regcomp(r, re, REG_EXTENDED | REG_ICASE))
		abort();   /* constant patterns: a bug here, not the input */
}

/* Compiled once in the process, and kept. */
static void prepare(void)
{
	for (size_t i = 0; i < NPATTERNS; i++)
		comp(&compiled[i], patterns[i].re);
	comp(&person, "\\b(person|persons|witness|witnesses|suspect|suspects|accused|defendant|individual|"
	              "data subject|victim|he|she)\\b");
	comp(&party, "\\b(party|parties|state|states|authority|authorities|government|country|member)\\b");
	comp(&prohibition, "(\\bno (party|state|member|contracting)\\b|\\bnor\\b)");
	comp(&no_thing, "\\bno (request|requests|assistance|application|extradition)\\b");
	comp(&condition, "\\b(where|if|when|whenever|once|unless|before|after|in case)\\b");
	comp(&object, "^ (a|an|the|access|his|her|their|its|any)\\b");
	comp(&modal, "\\b(will|shall|must|not|the requested)\\b");
	comp(&requesting, "\\brequesting (party|state)\\b");
	comp(&solely, "\\b(solely|sole|only|merely|exclusively)\\b");
	comp(&except, "\\b(except|unless|save (as|where|in|that|insofar|to the extent)|other than|apart from)\\b");
	comp(&refuse_to, "^ to ([a-z]+)");
	comp(&ground, "^(if|where|when|whenever|unless|in (the )?cases? (of|where))\\b");
	comp(&act_word, "^(" ACT "|act)\\b");
	comp(&assistance, "\\b(assistance|request|requests|extradition|execution|cooperation|co-operation|"
	                  "recognition|it|they|transfer|surrender|enforcement|order|measure|measures|action)\\b");
}

/* Whether r matches in the n bytes at s (glibc's REG_STARTEND: no copy). */
static int has(regex_t *r, const char *s, size_t n)
{
	regmatch_t m = { .rm_so = 0, .rm_eo = (regoff_t)n };
	return !regexec(r, s, 1, &m, REG_STARTEND);
}

/* Whether the full stop at t[i] ends a sentence: followed by a space or
 * the end, and not the end of "Art.", "para.", "No.", "e.g." ... */
static int full_stop(const char *t, size_t i)
{
	static const char *const abbrev[] = { "art", "arts", "para", "paras", "no", "nos", "cf", "e.g", "i.e",
	                                      "p", "pp", "v", "vs", "st", "sub", "subpara", NULL };
	if (t[i] != '.' || (t[i + 1] && t[i + 1] != ' '))
		return 0;
	size_t w = i;
	while (w > 0 && (isalpha((unsigned char)t[w - 1]) || t[w - 1] == '.'))
		w--;
	for (size_t k = 0; abbrev[k]; k++)
		if (strlen(abbrev[k]) == i - w && !strncasecmp(t + w, abbrev[k], i - w))
			return 0;
	return 1;
}

/* Where the clause of the sentence holding t[at] starts. */
static size_t clause_start(const char *t, size_t at)
{
	while (at > 0 && t[at - 1] != ';' && t[at - 1] != ':' && !full_stop(t, at - 1))
		at--;
	return at;
}

/* Whether a match [so, eo) of pattern p in t counts. */
static int counts(const pattern *p, const char *t, size_t so, size_t eo, const regmatch_t *m)
{
	size_t cs = clause_start(t, so);
	const char *before = t + cs;
	size_t nb = so - cs;
	/* the part of the clause that holds the match: a condition put
	 * first ("where the person sought is a national, extradition may be
	 * refused") is not its subject */
	size_t ps = so;
	while (ps > cs && t[ps - 1] != ',')
		ps--;
	const char *part = t + ps;
	size_t np = so - ps;
	if (has(&person, part, np) && !has(&party, part, np))
		return 0;   /* a person's refusal, not a Party's */
	if (has(&requesting, part, np) && !has(&assistance, part, np))
		return 0;   /* the requesting Party's act */
	if ((p->flags & F_ASSISTANCE) && !has(&assistance, part, np)
	    && !has(&assistance, t + eo, strnlen(t + eo, 40)))
		return 0;   /* "the right of defence is denied", "shall not
		               provide the data to a third State" */
	if (p->says != SAYS_NOT && (has(&prohibition, before, nb) || has(&no_thing, part, np)))
		return 0;   /* "no Party may refuse", "no State Party shall
		               decline", "no request is refused": forbidden (not
		               "where no extradition treaty is in force, ...
		               may refuse", a condition) */
	if ((p->flags & F_MONTH) && t[so] == 'M'
	    && (isdigit((unsigned char)t[so + 4]) || (so >= 2 && isdigit((unsigned char)t[so - 2]))))
		return 0;   /* "May 2022", "12 May" */
	if (p->flags & F_GAP) {
		size_t gs = (size_t)m[p->gap].rm_so, ge = (size_t)m[p->gap].rm_eo;
		if (m[p->gap].rm_so >= 0 && ge > gs) {
			if (!strncasecmp(t + gs, " not", 4) || !strncasecmp(t + gs, ", not", 5))
				return 0;   /* "may not refuse": forbidden */
			if (has(&modal, t + gs, ge - gs))
				return 0;   /* the may of another verb */
		}
	}
	if ((p->flags & F_OBJECT) && !regexec(&object, t + eo, 0, NULL, 0))
		return 0;   /* "may be denied a fair trial" */
	if ((p->flags & F_EXERCISE) && ((nb >= 9 && !strncasecmp(t + so - 9, "exercise ", 9))
	                                || (nb >= 4 && !strncasecmp(t + so - 4, "not ", 4))))
		return 0;
	if ((p->flags & F_NEGATED) && ((nb >= 4 && !strncasecmp(t + so - 4, "not ", 4))
	                               || (nb >= 4 && !strncasecmp(t + so - 4, "non-", 4))
	                               || (nb >= 5 && !strncasecmp(t + so - 5, "non ", 4))))
		return 0;
	if ((p->flags & F_CONDITION) && has(&condition, part, np))
		return 0;   /* "where assistance is refused, reasons are given" */
	if ((p->flags & F_NAME) && !strncasecmp(t + eo, " protocol", 9))
		return 0;   /* "the Second Optional Protocol" */
	if (p->flags & F_EXCEPT) {
		/* the sentence part around it, within a few lines' reach (a
		 * text without stops is not scanned whole for each match) */
		size_t ce = eo, from = so - cs > 400 ? so - 400 : cs;
		while (t[ce] && t[ce] != ';' && t[ce] != ':' && !full_stop(t, ce) && ce - eo < 400)
			ce++;
		if (has(&except, t + from, ce - from))
			return 0;   /* "not be refused except on the grounds of
			               paragraph 2", "save as provided in article
			               3, ... shall not be refused": a limit */
	}
	if (p->flags & F_ACTIVE) {
		/* "shall not refuse to respond to ...": another act refused */
		regmatch_t to[2];
		if (!regexec(&refuse_to, t + eo, 2, to, 0) && to[1].rm_so >= 0
		    && regexec(&act_word, t + eo + to[1].rm_so, 0, NULL, 0))
			return 0;
		/* "shall not deny the person concerned access to a lawyer" */
		size_t after = strnlen(t + eo, 40);
		if (has(&person, t + eo, after) && !has(&assistance, t + eo, after))
			return 0;
	}
	return 1;
}

/* The length of a quotation mark at text[i] (ASCII, or the UTF-8 of
 * “ ” ‘ ’ « »), 0 for none; *open: 1 opens, 0 closes, -1 either. */
static size_t quote_mark(const unsigned char *t, size_t i, size_t len, int *open)
{
	if (t[i] == '"') {
		*open = -1;
		return 1;
	}
	if (i + 1 < len && t[i] == 0xc2 && (t[i + 1] == 0xab || t[i + 1] == 0xbb)) {
		*open = t[i + 1] == 0xab;
		return 2;
	}
	if (i + 2 < len && t[i] == 0xe2 && t[i + 1] == 0x80 && t[i + 2] >= 0x98 && t[i + 2] <= 0x9d
	    && t[i + 2] != 0x9a && t[i + 2] != 0x9b) {
		*open = t[i + 2] == 0x98 || t[i + 2] == 0x9c;
		return 3;
	}
	return 0;
}

/* The text with its white space made single spaces and what is quoted
 * left out: between "...", “...”, ‘...’ and «...» (a ’ with no ‘ open
 * before it is an apostrophe, "the Party’s"). */
static char *plain_text(const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	char *t = xmalloc(len + 1);
	size_t n = 0;
	int quoted = 0;
	for (size_t i = 0; i < len; i++) {
		int open;
		size_t q = quote_mark(u, i, len, &open);
		char ch = text[i];
		if (q && (open == 1 || open == -1 || quoted)) {
			quoted = open == -1 ? !quoted : open;
			i += q - 1;
			ch = ' ';
		} else if (quoted) {
			continue;
		}
		if (ch == '\n' || ch == '\t' || ch == '\r')
			ch = ' ';
		if (ch == ' ' && n && t[n - 1] == ' ')
			continue;
		t[n++] = ch;
	}
	t[n] = '\0';
	return t;
}

/* Whether the sentence part of t holding [so, eo) speaks of a refusal on
 * one ground alone ("solely", "on the sole ground", "only because"). */
static int of_one_ground(const char *t, size_t so, size_t eo)
{
	size_t cs = clause_start(t, so), ce = eo;
	while (t[ce] && t[ce] != ';' && t[ce] != ':' && !full_stop(t, ce))
		ce++;
	return has(&solely, t + cs, ce - cs);
}

int wording_say(const char *text, size_t len, wording *w)
{
	pthread_once(&ready, prepare);
	char *t = plain_text(text, len);
	int found[3] = { 0, 0, 0 };
	size_t at[3][2] = { { 0, 0 }, { 0, 0 }, { 0, 0 } };
	for (size_t i = 0; i < NPATTERNS; i++) {
		const pattern *p = &patterns[i];
		regmatch_t m[8];
		if (found[p->says])
			continue;
		for (size_t off = 0; !regexec(&compiled[i], t + off, 8, m, off ? REG_NOTBOL : 0); ) {
			for (int g = 0; g < 8; g++)
				if (m[g].rm_so >= 0) {
					m[g].rm_so += (regoff_t)off;
					m[g].rm_eo += (regoff_t)off;
				}
			size_t so = (size_t)m[0].rm_so, eo = (size_t)m[0].rm_eo;
			if (counts(p, t, so, eo, m)) {
				found[p->says] = 1;
				at[p->says][0] = so;
				at[p->says][1] = eo;
				break;
			}
			off = so + 1;
		}
	}
	int say = found[SAYS_MAY] == found[SAYS_SHALL] ? 0 : found[SAYS_SHALL] ? 1 : -1;
	if (!found[SAYS_MAY] && !found[SAYS_SHALL] && found[SAYS_NOT])
		say = WORDING_FORBIDS;
	w->say = say;
	w->what[0] = '\0';
	w->solely = w->later = w->opening = 0;
	if (say) {
		const size_t *m = at[say == WORDING_FORBIDS ? SAYS_NOT : say > 0 ? SAYS_SHALL : SAYS_MAY];
		snprintf(w->what, sizeof w->what, "%.*s", (int)(m[1] - m[0]), t + m[0]);
		w->later = clause_start(t, m[0]) > 0;
		w->solely = say == WORDING_FORBIDS && of_one_ground(t, m[0], m[1]);
	}
	free(t);
	return say;
}

/* ---- citations ---- */

static const char *skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t')
		p++;
	return p;
}

/* "(x)" at p, a lowercase letter: the letter, else 0. */
static char letter_item(const char *p)
{
	return p[0] == '(' && p[1] >= 'a' && p[1] <= 'z' && p[2] == ')' ? p[1] : 0;
}

static int cite_at(const char *p, const char *article, char *para, size_t psz, char *item, const char **end);

/* One citation at p, just after "Art"/"Article" and its blanks: fills
 * para/item; returns 0 when it is not of `article` of this agreement
 * ("Article 4(1) of the UN Model Treaty" is another's). */
static int one_cite(const char *p, const char *article, char *para, size_t psz, char *item)
{
	const char *end = p;
	if (!cite_at(p, article, para, psz, item, &end))
		return 0;
	end = skip_blank(*end == ',' ? end + 1 : end);
	if (strncmp(end, "of ", 3))
		return 1;
	/* "of this Convention", "of the Protocol": this instrument; "of the
	 * UN Model Treaty on Extradition": another's */
	end = skip_blank(end + 3);
	if (!strncasecmp(end, "this ", 5))
		return 1;
	if (strncasecmp(end, "the ", 4))
		return 0;
	end = skip_blank(end + 4);
	while (isalpha((unsigned char)*end))
		end++;
	return !*end || strchr(",.;:)", *end) != NULL;
}

static int cite_at(const char *p, const char *article, char *para, size_t psz, char *item, const char **end)
{
	size_t an = strlen(article), d;
	if (strncmp(p, article, an) || isdigit((unsigned char)p[an]) || isalpha((unsigned char)p[an]))
		return 0;
	p += an;
	*para = '\0';
	*item = 0;
	if (*p == '(' && (d = strspn(p + 1, "0123456789")) && p[1 + d] == ')' && d < psz) {
		snprintf(para, psz, "%.*s", (int)d, p + 1);
		p += d + 2;
		*item = letter_item(p);
		*end = p + (*item ? 3 : 0);
		return 1;
	}
	if ((*item = letter_item(p))) {
		*end = p + 3;
		return 1;
	}
	if (!strncasecmp(p, ", paragraph ", 12) && (d = strspn(p + 12, "0123456789")) && d < psz) {
		snprintf(para, psz, "%.*s", (int)d, p + 12);
		p += 12 + d;
		if (*p == '(' && letter_item(p)) {
			*item = p[1];
			p += 3;
		} else if (*p == ',') {
			p = skip_blank(p + 1);
			size_t w = strcspn(p, " ");
			if ((w == 12 && !strncasecmp(p, "subparagraph", 12)) || (w == 13 && !strncasecmp(p, "sub-paragraph", 13))
			    || (w == 6 && !strncasecmp(p, "letter", 6))) {
				p = skip_blank(p + w);
				*item = letter_item(p) ? p[1] : (*p >= 'a' && *p <= 'z' && !isalpha((unsigned char)p[1])) ? *p : 0;
				p += letter_item(p) ? 3 : *item ? 1 : 0;
			}
		}
		*end = p;
		return 1;
	}
	return 0;
}

int wording_cite(const char *text, const char *article, char *para, size_t psz, char *item)
{
	int n = 0;
	char p1[16] = "", i1 = 0;
	for (const char *p = text; p && *p; p++) {
		if ((p > text && isalpha((unsigned char)p[-1])) || strncasecmp(p, "art", 3))
			continue;
		const char *q = p + 3;
		if (!strncasecmp(q, "icle", 4))
			q += 4;
		if (*q == 's')
			q++;
		if (*q == '.')
			q++;
		if (*q != ' ')
			continue;
		char pp[16], it;
		if (!one_cite(skip_blank(q), article, pp, sizeof pp, &it))
			continue;
		if (n && (strcmp(pp, p1) || it != i1))
			return 0;   /* two places: neither is the clause's */
		snprintf(p1, sizeof p1, "%s", pp);
		i1 = it;
		n = 1;
	}
	if (n) {
		snprintf(para, psz, "%s", p1);
		*item = i1;
	}
	return n;
}

/* ---- paragraphs and items ---- */

/* A line that starts paragraph N: "N.", "(N)" as statutes and the
 * Commonwealth schemes number them, or, as the Council of Europe prints
 * its treaties, "N " and a capital; at most `indent` blanks in.  Its
 * number, or -1. */
static long para_number(const char *line, size_t *indent)
{
	const char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	const char *q = p + (*p == '(');
	size_t d = strspn(q, "0123456789");
	if (!d || d > 3)
		return -1;
	/* "1 – The ..." (an en or em dash, or a hyphen), as the Council of
	 * Europe's treaties number their paragraphs */
	const char *dash = q[d] == ' ' ? q + d + 1 : NULL;
	size_t dn = !dash ? 0 : !strncmp(dash, "\xe2\x80\x93", 3) || !strncmp(dash, "\xe2\x80\x94", 3) ? 3
	                      : *dash == '-' ? 1 : 0;
	if (q > p ? !(q[d] == ')' && (q[d + 1] == ' ' || q[d + 1] == '\n' || !q[d + 1]))
	          : !((q[d] == '.' && (q[d + 1] == ' ' || q[d + 1] == '\n' || !q[d + 1]))
	              || (q[d] == ' ' && isupper((unsigned char)q[d + 1])) || (dn && dash[dn] == ' ')))
		return -1;
	*indent = (size_t)(p - line);
	return strtol(q, NULL, 10);
}

/* Paragraph `para` of the text: [*start, *start + *len).  Paragraphs
 * are numbered in order from the first (an extract may start at 21),
 * each at the indentation of the first: a line that starts with a number
 * further in, or out of order ("2022." where a date was wrapped),
 * continues the paragraph before it. */
static int find_paragraph(const char *text, const char *para, const char **start, size_t *len)
{
	long want = strtol(para, NULL, 10), last = 0;
	size_t first_indent = (size_t)-1;
	const char *found = NULL;
	for (const char *line = text; line && *line; ) {
		size_t indent;
		long n = para_number(line, &indent);
		if (n > 0 && (first_indent == (size_t)-1 || (indent <= first_indent && n > last && n <= last + 20))) {
			if (first_indent == (size_t)-1)
				first_indent = indent;
			last = n;
			if (found) {
				*start = found;
				*len = (size_t)(line - found);
				return 1;
			}
			if (n == want)
				found = line;
		}
		const char *nl = strchr(line, '\n');
		line = nl ? nl + 1 : NULL;
	}
	if (!found)
		return 0;
	*start = found;
	*len = strlen(found);
	return 1;
}

/* The first line of the text that starts a numbered paragraph, or NULL. */
static const char *first_paragraph(const char *text)
{
	for (const char *line = text; line && *line; ) {
		size_t indent;
		if (para_number(line, &indent) > 0)
			return line;
		const char *nl = strchr(line, '\n');
		line = nl ? nl + 1 : NULL;
	}
	return NULL;
}

/* The article's words before its first numbered paragraph ("The
 * executing judicial authority may refuse to execute the warrant:"),
 * [text, text + *len); 0 when there are none, or no numbered paragraph. */
static int opening_words(const char *text, size_t *len)
{
	const char *first = first_paragraph(text);
	if (!first)
		return 0;
	*len = (size_t)(first - text);
	return strspn(text, " \t\n") < *len;
}

int wording_numbered(const char *text)
{
	return first_paragraph(text) != NULL;
}

/* Whether an item's mark, "(x)", "x)" or "x.", starts at p: "(x)" after
 * a blank or a start, not inside a reference ("paragraph 1(b)"); "x)"
 * and "x." only at a line's start. */
static int item_mark(const char *s, const char *p, char x)
{
	int line_start = p == s || p[-1] == '\n';
	const char *q = p;
	while (q > s && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	line_start = line_start || q == s || q[-1] == '\n';
	if (p[0] == '(' && (x ? p[1] == x : (p[1] >= 'a' && p[1] <= 'z')) && p[2] == ')')
		return p == s || strchr(" \n\t,;:", p[-1]) != NULL;
	if ((x ? p[0] == x : (p[0] >= 'a' && p[0] <= 'z')) && (p[1] == ')' || p[1] == '.') && p[2] == ' ')
		return line_start;
	return 0;
}

static const char *next_item(const char *s, const char *from, const char *end, char x)
{
	for (const char *p = from; p + 2 < end; p++)
		if (item_mark(s, p, x))
			return p;
	return NULL;
}

static int place_words(const char *p, size_t len, char item, wording *w, int *found);

/* Whether a numbered paragraph starts with a ground ("1. if the act ...",
 * "(2) where the person ..."), as the points under "may refuse:" do. */
static int gives_ground(const char *p)
{
	p += strspn(p, " \t(");
	p += strspn(p, "0123456789");
	p += strspn(p, ").-\xe2\x80\x93\x94 \t\n");
	return has(&ground, p, strnlen(p, 40));
}

int wording_place(const char *text, const char *para, char item, wording *w, int *found)
{
	const char *p = text;
	size_t len = text ? strlen(text) : 0, olen;
	*found = 0;
	w->say = 0;
	w->opening = 0;
	if (!text || (*para && !find_paragraph(text, para, &p, &len)))
		return 0;
	*found = 1;
	int say = place_words(p, len, item, w, found);
	/* a numbered paragraph under the article's opening words: what they
	 * say of it, where it says neither, or only forbids a refusal on
	 * some ground within it ("the executing authority may refuse: 1. if
	 * ...; however, execution shall not be refused on the ground that
	 * ...") */
	if (*para && (!say || (say == WORDING_FORBIDS && gives_ground(p))) && opening_words(text, &olen)) {
		wording o;
		if (wording_say(text, olen, &o) == 1 || o.say == -1) {
			*w = o;
			w->opening = 1;
			return w->say;
		}
	}
	return say;
}

static int place_words(const char *p, size_t len, char item, wording *w, int *found)
{
	const char *end = p + len, *first = next_item(p, p, end, 0);
	const char *at = item ? next_item(p, p, end, item) : NULL;
	if (!at)   /* no such item: the whole paragraph */
		return wording_say(p, len, w);
	*found = 2;
	/* the item's own words: to the end of its clause, or the next item */
	const char *own = at + 3, *next = next_item(p, own, end, 0);
	while (own < end && *own != ';' && !(own[0] == '.' && (own + 1 == end || own[1] == ' ' || own[1] == '\n'))
	       && own != next)
		own++;
	int say = wording_say(at, (size_t)(own - at), w);
	if (say)
		return say;
	/* the words that lead into it, from the end of the clause before */
	const char *lead = at;
	while (lead > p && lead[-1] != ';' && !(lead[-1] == '.' && (lead[0] == ' ' || lead[0] == '\n')))
		lead--;
	if ((say = wording_say(lead, (size_t)(at - lead), w)))
		return say;
	/* the paragraph's words before its first item */
	return first && first < at ? wording_say(p, (size_t)(first - p), w) : (w->say = 0);
}
