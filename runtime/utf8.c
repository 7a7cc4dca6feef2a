/*
 * utf8.c — what is well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF), for the runtime and the compiler
 * alike: runtime/validate.c checks a module's strings with it, and the
 * compiler's lexer and diagnostics the text of a source (model.h).
 */
#include "model.h"

size_t lp_utf8_decode(const char *p, size_t avail, uint32_t *cpp)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t n;
	uint32_t cp;

	if (avail == 0)
		return 0;
	if (s[0] < 0x80) {
		*cpp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
	    || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	*cpp = cp;
	return n;
}

size_t lp_utf8_len(const char *p, size_t avail)
{
	uint32_t cp;

	return lp_utf8_decode(p, avail, &cp);
}
