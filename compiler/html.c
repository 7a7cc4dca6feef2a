/*
 * html.c — text into HTML, for the pages `pacta doc` and `pacta diff
 * --html` write: one escaper, so that both pages treat source text alike.
 */
#include "pactac.h"

void html_escape(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		switch (ch) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default:
			/* control characters other than tab and newline are
			 * dropped, so that stray bytes cannot break the page */
			if (ch >= 0x20 || ch == '\n' || ch == '\t')
				fputc(ch, out);
			else if (ch == 0)
				return;
		}
	}
}
