/*
 * util.c — the small helpers the rest of libpacta shares: filling a
 * caller's pacta_error (libpacta.h), bytes as hex digits (signature.h,
 * which `pacta keygen` shares too), and opening a file to read that must
 * be a regular one.
 *
 * They sit beneath every other file of the library and call none of it,
 * so that loading (module.c), signature checking (sign.c) and the request
 * API (api.c) each depend on this file and never on one another for them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int lp_open_regular(const char *path, struct stat *st)
{
	/* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
	 * writer that may never come, before fstat could say what it is */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	int e;

	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return -2;
	}
	/* a regular file never blocks; clear the flag all the same */
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}
