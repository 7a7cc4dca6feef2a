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
 * discretion"), 0 neither, or both.  Words inside quotation marks, of a
 * person rather than a Party ("the witness may refuse to testify"), of
 * a condition ("where assistance is refused, reasons are given"), a
 * prohibition ("shall not refuse solely because") and the month of May
 * count for neither.  `what` gets the words found. */
int wording_say(const char *text, size_t len, char *what, size_t wsz);

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
 * paragraph when it has no items.  As wording_say; *found is 0 when the
 * paragraph is not in the text, 1 when it is but not the item, 2 when
 * both are. */
int wording_place(const char *text, const char *para, char item, char *what, size_t wsz, int *found);

#endif
