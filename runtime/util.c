/*
 * util.c — the small helpers the rest of libpacta shares: filling a
 * caller's pacta_error (libpacta.h), and bytes as hex digits
 * (signature.h, which `pacta keygen` shares too).
 *
 * They sit beneath every other file of the library and call none of it,
 * so that loading (module.c), signature checking (sign.c) and the request
 * API (api.c) each depend on this file and never on one another for them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "libpacta.h"
#include "signature.h"

void lp_error(pacta_error *err, int status, const char *field,
	      const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (!err)
		return;
	err->status = status;
	err->line = 0;
	err->column = 0;
	err->field[0] = '\0';
	if (field) {
		n = strlen(field);
		if (n >= sizeof err->field)
			n = sizeof err->field - 1;
		memcpy(err->field, field, n);
		err->field[n] = '\0';
	}
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

void lp_hex(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}
