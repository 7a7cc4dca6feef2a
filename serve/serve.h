/*
 * serve.h — what the pieces of `pacta serve` (the pacta-serve program)
 * share: serve/main.c reads the options, owns the signals and the
 * directory watch and runs the rest; serve/registry.c holds the agreements
 * and swaps their modules on reload; serve/http.c answers HTTP through
 * libmicrohttpd; serve/declog.c writes the decision log from its own
 * thread; serve/metrics.c counts and renders /metrics.
 *
 * The service is a libpacta host like any other: it opens modules, decides
 * and writes JSON through runtime/pacta.h only, and borrows the runtime's
 * string buffer and JSON string writer (runtime/model.h) for the texts it
 * builds itself.
 */
#ifndef PACTA_SERVE_H
#define PACTA_SERVE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "model.h"
#include "pacta.h"

/* ---- configuration (main.c) ---- */

typedef struct serve_config {
	const char *address;        /* numeric IPv4 or IPv6 address */
	int port;                   /* 0: any free port */
	int threads;                /* HTTP worker threads */
	size_t max_body;            /* bytes of a request body */
	size_t max_header;          /* per-connection memory: headers */
	unsigned max_connections;
	int max_questions;          /* explain?to= calls waiting for the
	                               prover (solving included) */
	unsigned timeout;           /* seconds a connection may sit idle */
	unsigned drain_timeout;     /* seconds SIGTERM waits for requests */
	const char *log_path;       /* decision log: a file, "-", or NULL */
	size_t log_queue;           /* bytes the log may hold unwritten */
	pacta_trust *trust;         /* --trust keys, or NULL */
	int quiet;                  /* no line per reload on stderr */
} serve_config;

extern serve_config cfg;

/* Says something about the service on stderr, one line, prefixed
 * "pacta serve: " (main.c). */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- agreements and their modules (registry.c) ---- */

/* A request and a decision of one module, used by one call at a time. */
typedef struct pair {
	pacta_request *req;
	pacta_decision *dec;
	struct pair *next;
} pair;

/* One loaded module of an agreement.  Calls hold a reference while they
 * decide; the agreement holds one while it is current.  The last
 * reference frees it, so a request in flight finishes on the module it
 * started with while a reload swaps in the next. */
typedef struct version {
	pacta_module *mod;
	atomic_int refs;
	pthread_mutex_t lock;       /* of pool */
	pair *pool;
	char *info;                 /* GET /v1/agreements/{name}, as JSON */
	char *summary;              /* its entry in GET /v1/agreements */
} version;

#define MAX_NAME 128

typedef struct agreement {
	char name[MAX_NAME];        /* the file name without ".so" */
	char *path;
	pthread_mutex_t lock;       /* of cur: taken to swap and to acquire */
	version *cur;               /* NULL while none loads */
	/* counters for /metrics, by the name, across reloads */
	atomic_uint_fast64_t decisions[3];   /* by outcome */
	atomic_uint_fast64_t rejected;       /* request lines refused */
	atomic_uint_fast64_t reloads, refused;
	atomic_int gone;            /* its file was removed: not served */
	char why[256];              /* of lock: why its last module was
	                               refused, "" once one loads */
} agreement;

/* Loads the modules the command line names (directories and files);
 * 0, or -1 with the reason said. */
int reg_start(char **paths, int n);
void reg_stop(void);
int reg_count(void);
agreement *reg_at(int i);
/* The agreement named by n bytes at `name`, or NULL. */
agreement *reg_find(const char *name, size_t n);
/* Whether a is configured (its file there) but has no module loaded,
 * every one it was given having been refused: 1 with the last reason in
 * why (cap bytes), else 0. */
int reg_unavailable(agreement *a, char *why, size_t cap);
/* The agreement's current module with a reference, or NULL. */
version *reg_acquire(agreement *a);
void reg_release(version *v);
/* A request and decision of v's module (PACTA_NOMEM: NULL), and back. */
pair *ver_pair_get(version *v);
void ver_pair_put(version *v, pair *p);
/* SIGHUP: every agreement loaded again, new files in the directories
 * added. */
void reg_reload_all(void);
/* A change to file `name` in directory `dir` (inotify). */
void reg_changed(const char *dir, const char *name);
/* File `name` removed from (or moved out of) directory `dir`: its
 * agreement is withdrawn (calls in flight finish on its module), until a
 * file of that name comes back. */
void reg_removed(const char *dir, const char *name);
/* The agreement served under `name` (n bytes), NULL when there is none
 * or it was withdrawn. */
agreement *reg_served(const char *name, size_t n);
/* The directories to watch: those served whole, then those of modules
 * named alone. */
int reg_watch_count(void);
const char *reg_watch(int i);

/* ---- HTTP (http.c) ---- */

int http_start(void);
/* SIGTERM: stop accepting, wait for the calls in progress (at most
 * cfg.drain_timeout seconds), close every connection. */
void http_stop(void);
int http_port(void);

/* ---- the decision log (declog.c) ---- */

/* Starts the writer thread on cfg.log_path; 0 or -1. */
int declog_start(void);
/* Whether decisions are logged at all. */
int declog_on(void);
/* Queues `len` bytes of complete lines (taken over: freed by the log);
 * `lines` is how many, counted as dropped if the queue is full.  Never
 * blocks. */
void declog_submit(char *text, size_t len, unsigned lines);
/* Writes what is queued and stops the writer, waiting at most `timeout`
 * seconds for it: -1 (said on stderr) when the log's reader is stuck, the
 * writer still waiting to write and the log's stream not to be touched. */
int declog_stop(unsigned timeout);
uint64_t declog_dropped(void);
uint64_t declog_written(void);

/* ---- metrics (metrics.c) ---- */

/* A decide or explain call's time, for the histogram. */
void metrics_observe(double seconds);
/* An HTTP answer with this status. */
void metrics_status(unsigned code);
/* The Prometheus text exposition of everything counted, into sb. */
void metrics_render(lp_strbuf *sb);
/* Frees the threads' counts, the workers stopped. */
void metrics_stop(void);

/* The current time as "2026-01-02T03:04:05.678Z" (main.c). */
void time_text(char buf[32]);

#endif
