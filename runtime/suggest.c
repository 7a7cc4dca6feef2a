/*
 * suggest.c — "did you mean ...?": the name nearest a misspelt one.
 *
 * Used by the parser (keywords valid where a misspelt one stands), the
 * checker (names, fields, enum members, fixtures, labels, obligations,
 * types), main.c (commands, options) and the request decoder (json.c:
 * a field or a member of a request misspelt).  A candidate is near when its
 * edit distance to the word is small for the word's length, measured
 * against the whole candidate and against each run of its `_`-separated
 * parts, because drafters shorten names: `fraud` means `computer_fraud`,
 * `politcal` means `political_offence`.  A whole-name match beats a match
 * of a part at the same distance; ties go to the first in alphabetical
 * order.  Only a suggestion beyond doubt (lp_suggest_certain) becomes a
 * fix that tools write: a neighbour by one letter changed is as often
 * another name (6.1 for 1.1) as a typo.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "model.h"

#define MAXW 64   /* longer words are compared by their first 64 bytes */

unsigned lp_edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
	/* optimal string alignment: a transposition ("becuase") costs one;
	 * the table on the stack, for the request decoder's threads */
	uint8_t d[MAXW + 1][MAXW + 1];
	if (na > MAXW)
		na = MAXW;
	if (nb > MAXW)
		nb = MAXW;
	for (size_t i = 0; i <= na; i++)
		d[i][0] = (uint8_t)i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = (uint8_t)j;
	for (size_t i = 1; i <= na; i++) {
		for (size_t j = 1; j <= nb; j++) {
			int ai = tolower((unsigned char)a[i - 1]), bj = tolower((unsigned char)b[j - 1]);
			unsigned best = d[i - 1][j - 1] + (unsigned)(ai != bj);
			if (d[i - 1][j] + 1u < best)
				best = d[i - 1][j] + 1u;
			if (d[i][j - 1] + 1u < best)
				best = d[i][j - 1] + 1u;
			if (i > 1 && j > 1 && ai == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == bj && d[i - 2][j - 2] + 1u < best)
				best = d[i - 2][j - 2] + 1u;
			d[i][j] = (uint8_t)best;
		}
	}
	return d[na][nb];
}

/* How far a word of n bytes may be from what was meant. */
static unsigned allowed(size_t n)
{
	return n <= 2 ? 0 : n <= 5 ? 1 : n <= 9 ? 2 : 3;
}

void lp_suggest_init(lp_suggest *s, const char *word)
{
	s->word = word;
	s->best = NULL;
	s->score = ~0u;
	s->ties = 0;
	s->tied[0] = s->tied[1] = s->tied[2] = NULL;
}

void lp_suggest_add(lp_suggest *s, const char *cand)
{
	if (!cand || !s->word || !strcmp(cand, s->word) || !strcmp(cand, "_"))
		return;
	size_t nw = strlen(s->word), nc = strlen(cand);
	unsigned lim = allowed(nw);
	/* scores: distance * 2, plus 1 for a part rather than the whole */
	unsigned best = lp_edit_distance(s->word, nw, cand, nc) * 2;
	if (best > lim * 2) {
		/* runs of parts: starts at 0 or after '_', ends at '_' or the end */
		for (size_t i = 0; i < nc; i++) {
			if (i && cand[i - 1] != '_')
				continue;
			for (size_t j = i + 1; j <= nc; j++) {
				if (j < nc && cand[j] != '_')
					continue;
				if (i == 0 && j == nc)
					continue;
				/* short words and parts match too much */
				if (nw < 4 || j - i < 3)
					continue;
				unsigned d = lp_edit_distance(s->word, nw, cand + i, j - i) * 2 + 1;
				if (d < best)
					best = d;
			}
		}
	}
	if (best > lim * 2 + 1 || best > s->score)
		return;
	if (best < s->score) {
		s->best = s->tied[0] = cand;
		s->score = best;
		s->ties = 1;
		return;
	}
	/* ties go to the first in alphabetical order, so that the answer
	 * does not depend on the order candidates come in; they are counted,
	 * since a tie makes the answer a guess, and the first three kept */
	unsigned n = s->ties < 3 ? s->ties : 3, i = 0;
	while (i < n && strcmp(s->tied[i], cand) < 0)
		i++;
	if (i < n && !strcmp(s->tied[i], cand))
		return;
	s->ties++;
	if (i < 3) {
		for (unsigned j = n < 3 ? n : 2; j > i; j--)
			s->tied[j] = s->tied[j - 1];
		s->tied[i] = cand;
	}
	s->best = s->tied[0];
}

/* a and b (case folded) differ by one letter added or dropped, or by two
 * neighbours swapped: a slip of the hand, where one letter for another
 * may well be another word (xa, xb). */
static int one_slip(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), i = 0;
	if (na < nb) {
		const char *t = a;
		a = b, b = t;
		size_t tn = na;
		na = nb, nb = tn;
	}
	while (i < nb && tolower((unsigned char)a[i]) == tolower((unsigned char)b[i]))
		i++;
	if (na == nb + 1)
		return !strcasecmp(a + i + 1, b + i);
	return na == nb && i + 1 < na && tolower((unsigned char)a[i]) == tolower((unsigned char)b[i + 1]) &&
	       tolower((unsigned char)a[i + 1]) == tolower((unsigned char)b[i]) &&
	       !strcasecmp(a + i + 2, b + i + 2);
}

int lp_suggest_certain(const lp_suggest *s)
{
	if (!s->best || s->ties != 1)
		return LP_GUESS;
	if (s->score == 0 && !strcasecmp(s->word, s->best))
		return LP_SURE_CASE;
	if (s->score == 2 && one_slip(s->word, s->best))
		return LP_SURE_SLIP;
	return LP_GUESS;
}
