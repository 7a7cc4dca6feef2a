/*
 * wording.h — what a treaty's words say of a refusal (wording.c): that
 * the requested Party shall refuse, or may; and where in an article's
 * text a clause's words are.  Read by the lint `refusal-wording`
 * (lint.c); docs/lint.md says what it finds.
 */
#ifndef PACTA_WORDING_H
#define PACTA_WORDING_H

#include <stddef.h>

/* What `len` bytes of text say: 1 that the requested Party shall refuse
 * ("shall refuse", "shall be refused", "is refused", "shall not be
 * granted", "will refuse"), -1 that it may ("may refuse", "may be
 * refused", "is entitled to refuse", "is not obliged to", "at its
 * discretion"), 0 neither, or both; WORDING_FORBIDS when the words
 * say neither but forbid a refusal ("shall not refuse solely because",
 * "may not be refused", "no Party shall decline", "shall not be a
 * ground for refusal"; not "shall not be refused except on the grounds
 * of paragraph 2", a limit).  Words inside quotation marks, of a person
 * rather than a Party ("the witness may refuse to testify"), of a
 * condition ("where assistance is refused, reasons are given") and the
 * month of May count for nothing.  *w gets it, and the words found. */
#define WORDING_FORBIDS 2
typedef struct wording {
	int say;            /* what wording_say returns */
	int solely;         /* WORDING_FORBIDS: a refusal on one ground
	                       alone forbidden ("solely", "the sole ground") */
	int later;          /* the words found are not in the text's first
	                       part (before a ';', ':' or full stop) */
	int opening;        /* wording_place: the words are the article's
	                       opening ones, which the paragraph comes under */
	char what[160];     /* the words found */
} wording;
int wording_say(const char *text, size_t len, wording *w);

/* Where a reason cites article `article` ("Art 27(4)(a)", "art. 27(4)",
 * "Article 27, paragraph 4, subparagraph (a)", "Art 2(b)"): the
 * paragraph (or "" for none) in `para` and the item letter (or 0) in
 * *item.  1 when it cites one place of that article, 0 when none or
 * several. */
int wording_cite(const char *text, const char *article, char *para, size_t psz, char *item);

/* What an article's text says for paragraph `para` ("" for the whole
 * text, whose paragraphs are not numbered) and item `item` (a letter, or
 * 0): the item's own words, else the words that lead into it in its
 * sentence, else those before the paragraph's first item; the whole
 * paragraph when it has no items; and where the paragraph says neither,
 * or only forbids a refusal, the article's words before its first
 * paragraph when they say one (w->opening).  As wording_say; *found is 0
 * when the paragraph is not in the text, 1 when it is but not the item,
 * 2 when both are. */
int wording_place(const char *text, const char *para, char item, wording *w, int *found);

/* Whether the text numbers its paragraphs ("1.", "(1)", "1 In", "1 –"). */
int wording_numbered(const char *text);

#endif
