/*
 * outfile.c — writing what `pacta` makes (outfile.h): a file whole or not
 * at all, and standard output checked before the exit status is given.
 *
 * The tools at the top of the pipeline — build (emit.c), fmt -w (fmt.c),
 * doc -o and the driver (main.c) — write through here.  A file written in
 * place is truncated first: a full disk, a file size limit or a crash
 * midway would leave a source or a module cut short, where the user had a
 * good one.  So the bytes go to a temporary file beside the destination,
 * are synced, and replace it by rename(), which is atomic: afterwards the
 * destination holds either the old bytes or all the new ones.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit.h"
#include "outfile.h"
#include "pactac.h"

static int write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A device, a FIFO or a terminal (-o /dev/stdout) cannot be replaced:
 * those are written directly, every error checked. */
static int write_direct(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	int rc = write_all(fd, data, n);
	int e = errno;
	if (close(fd) != 0 && rc == 0)
		return -1;
	errno = e;
	return rc;
}

/* Syncs the directory holding `path`, so that the rename survives a
 * crash; a file system that cannot sync directories is not an error. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

int outfile_write(const char *path, const void *data, size_t n)
{
	struct stat st;
	char *real = NULL;
	const char *dest = path;
	mode_t mode;
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return write_direct(path, data, n);
		/* through a symbolic link, the file it names is replaced */
		real = realpath(path, NULL);
		if (real)
			dest = real;
		mode = st.st_mode & 07777;
	} else if (errno == ENOENT) {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	} else {
		return -1;
	}
	const char *slash = strrchr(dest, '/');
	size_t dlen = slash ? (size_t)(slash - dest) : 0;
	const char *base = slash ? slash + 1 : dest;
	char *dir = slash ? (dlen ? xmalloc(dlen + 1) : NULL) : NULL;
	if (dir) {
		memcpy(dir, dest, dlen);
		dir[dlen] = 0;
	}
	const char *d = slash ? (dlen ? dir : "/") : ".";
	size_t tlen = strlen(d) + strlen(base) + 16;
	char *tmp = xmalloc(tlen);
	snprintf(tmp, tlen, "%s/.%s.XXXXXX", d, base);
	int rc = -1, e = 0;
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		goto out;
	}
	if (write_all(fd, data, n) != 0 || fchmod(fd, mode) != 0 || fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) != 0) {
		e = errno;
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, dest) != 0) {
		e = errno;
		unlink(tmp);
		goto out;
	}
	sync_dir(d);
	rc = 0;
out:
	free(tmp);
	free(dir);
	free(real);
	errno = e;
	return rc;
}

int outfile_same(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int outfile_finish(FILE *f, const char *name)
{
	static const FILE *said;

	/* fflush reports a write that fails now, ferror one that failed
	 * earlier (whose errno is gone) */
	errno = 0;
	if (fflush(f) == 0 && !ferror(f))
		return 0;
	if (f == said)
		return -1;
	said = f;
	fprintf(stderr, "pacta: cannot write %s: %s\n", name, errno ? strerror(errno) : "a write failed");
	return -1;
}

char *emit_default_output(const char *src, enum emit_kind kind)
{
	const char *ext = kind == EMIT_LL ? ".ll" : kind == EMIT_OBJ ? ".o" : ".so";
	size_t n = strlen(src);
	if (n > 6 && !strcmp(src + n - 6, ".pacta"))
		n -= 6;
	char *out = xmalloc(n + 4);
	memcpy(out, src, n);
	strcpy(out + n, ext);
	return out;
}
