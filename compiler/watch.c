/*
 * watch.c — `pacta check --watch` and `pacta test --watch`: the command
 * again whenever a file it read is saved.
 *
 * A tool beside the others, under main.c: it knows nothing of Pacta, only
 * the files a run names.  Linux's inotify watches the directories that
 * hold them, not the files, because editors save by writing a new file and
 * renaming it over the old one, which a watch on the old file would miss.
 * A burst of events (a save is several) is one change: after the first,
 * the events of the next 150 ms are read and dropped.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "watch.h"

#define SETTLE_MS 150

/* The directory of a path (in `dir`) and its last component. */
static const char *split(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		snprintf(dir, n, ".");
		return path;
	}
	snprintf(dir, n, "%.*s", (int)(slash - path) ? (int)(slash - path) : 1, path);
	return slash + 1;
}

/* One inotify descriptor for the whole session, so that a save made while
 * the command runs is not lost: its events wait in the queue. */
typedef struct watcher {
	int fd;
	int *wd;            /* per directory watched */
	char **dirs;
	size_t n;
} watcher;

static void watch_dirs(watcher *W, const vec *files)
{
	for (size_t i = 0; i < files->len; i++) {
		char dir[PATH_MAX];
		split(files->items[i], dir, sizeof dir);
		int wd = inotify_add_watch(W->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB);
		if (wd < 0)
			continue;
		int known = 0;
		for (size_t k = 0; k < W->n && !known; k++)
			known = W->wd[k] == wd;
		if (known)
			continue;
		W->wd = xrealloc(W->wd, (W->n + 1) * sizeof *W->wd);
		W->dirs = xrealloc(W->dirs, (W->n + 1) * sizeof *W->dirs);
		W->wd[W->n] = wd;
		W->dirs[W->n++] = strdup(dir);
	}
}

/* Waits for a change to one of the files; returns it (static storage), or
 * NULL when nothing can be watched. */
static const char *wait_change(watcher *W, const vec *files)
{
	static char changed[PATH_MAX];
	const char *got = NULL;
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	while (W->n && !got) {
		ssize_t n = read(W->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (char *p = buf; p < buf + n;) {
			struct inotify_event *ev = (struct inotify_event *)p;
			const char *evdir = NULL;
			for (size_t k = 0; k < W->n; k++)
				if (W->wd[k] == ev->wd)
					evdir = W->dirs[k];
			for (size_t i = 0; i < files->len && !got && ev->len && evdir; i++) {
				char dir[PATH_MAX];
				const char *base = split(files->items[i], dir, sizeof dir);
				if (!strcmp(dir, evdir) && !strcmp(base, ev->name)) {
					snprintf(changed, sizeof changed, "%s", (const char *)files->items[i]);
					got = changed;
				}
			}
			p += sizeof *ev + ev->len;
		}
	}
	/* let the save finish: drop what follows within SETTLE_MS */
	struct pollfd pf = { W->fd, POLLIN, 0 };
	while (got && poll(&pf, 1, SETTLE_MS) > 0 && read(W->fd, buf, sizeof buf) > 0)
		;
	return got;
}

int watch_run(int (*run)(void *ctx, vec *files, arena *ar), void *ctx, FILE *out)
{
	watcher W = { 0 };
	W.fd = inotify_init1(IN_CLOEXEC);
	if (W.fd < 0) {
		fprintf(stderr, "pacta: --watch: %s\n", strerror(errno));
		return 1;
	}
	for (;;) {
		arena *ar = arena_new();
		vec files = { 0 };
		run(ctx, &files, ar);
		watch_dirs(&W, &files);
		fprintf(out, "-- watching %zu file%s; Ctrl-C stops\n", files.len, files.len == 1 ? "" : "s");
		fflush(out);
		fflush(stderr);
		const char *f = wait_change(&W, &files);
		if (!f) {
			fprintf(stderr, "pacta: --watch: cannot watch the files (inotify)\n");
			arena_free(ar);
			close(W.fd);
			return 1;
		}
		fprintf(out, "-- %s changed\n", f);
		fflush(out);
		arena_free(ar);
	}
}
