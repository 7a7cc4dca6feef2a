/*
 * http.c — the HTTP/1.1 face of `pacta serve`, on libmicrohttpd (Debian's
 * libmicrohttpd-dev: its parser, keep-alive, chunked bodies, timeouts and
 * connection limits; nothing of HTTP is parsed here):
 *
 *   POST /v1/agreements/{name}/decide    one request object in, the line
 *        `pacta eval` writes out (400 with its error line for a bad one);
 *        with Content-Type application/x-ndjson, JSON Lines in and out, in
 *        order, a bad line answered by its error line as `pacta eval` does;
 *        ?trace=true adds the trace
 *   POST /v1/agreements/{name}/explain   the decision in words (text/plain);
 *        ?to=OUTCOME what would it take, as JSON (pacta_explain_to; 501
 *        where the prover is not installed), solved on a thread of its
 *        own while the connection waits suspended
 *   GET  /v1/agreements, /v1/agreements/{name}   what `pacta inspect` shows
 *   GET  /health, /metrics
 *
 * Each call decides on the agreement's module current when its body has
 * arrived, holding a reference to it until its answer is made (a reload
 * swaps the next one in meanwhile), with a request and decision taken from
 * that module's pool; the texts come from pacta_decide_json and
 * pacta_decision_explain, written straight into the answer's buffer.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <microhttpd.h>

#include "serve.h"

enum route { R_HEALTH, R_METRICS, R_LIST, R_INFO, R_DECIDE, R_EXPLAIN };

/* The growing answer of a decide call. */
typedef struct outbuf {
	char *data;
	size_t len, cap;
} outbuf;

/* A connection's calls, one at a time (libmicrohttpd answers a request
 * before it reads the next on a connection), from the connection's accept
 * to its close: the fields down to `cap` are the current call's, from its
 * headers to its answer; `small` and `out` stay allocated from call to
 * call, so that a single decision allocates nothing for its body or its
 * answer. */
typedef struct call {
	enum route route;
	agreement *ag;
	int ndjson, trace, too_large, answered;
	struct timespec t0;
	char *body;
	size_t len, cap;
	char small[1024];            /* a single request's body, usually */
	outbuf out;                  /* a decide call's answer */
	struct prove_job *job;       /* an explain?to= call's question, from
					its queueing to its answer */
} call;

/* The largest answer buffer a connection keeps between calls: half of
 * what libmicrohttpd keeps for it by default (--max-header); a larger one
 * (a big JSON Lines answer) is handed to libmicrohttpd to free with its
 * answer. */
#define KEEP_OUT ((size_t)16 << 10)

static struct MHD_Daemon *daemon_;
static atomic_int active;            /* calls between headers and done */
static atomic_int draining;

static double since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec)
	       + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- answers ---- */

/* Queues `len` bytes of `text` as the answer: taken over (MUST_FREE),
 * copied (MUST_COPY), or the connection's own buffer, which outlives the
 * answer (PERSISTENT). */
static enum MHD_Result answer(struct MHD_Connection *c, call *k,
			      unsigned code, const char *type, char *text,
			      size_t len, enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(len, text, mode);
	if (!r) {
		if (mode == MHD_RESPMEM_MUST_FREE)
			free(text);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	if (atomic_load(&draining))
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	if (code == MHD_HTTP_METHOD_NOT_ALLOWED && k)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW,
					k->route >= R_DECIDE ? "POST" : "GET");
	ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	metrics_status(code);
	if (k) {
		k->answered = 1;
		if (k->route >= R_DECIDE)
			metrics_observe(since(&k->t0));
	}
	return ret;
}

static enum MHD_Result text_of(struct MHD_Connection *c, call *k,
			       unsigned code, const char *type, lp_strbuf *sb)
{
	if (sb->failed) {
		lp_sb_free(sb);
		return MHD_NO;
	}
	return answer(c, k, code, type, sb->data ? sb->data : strdup(""),
		      sb->len, MHD_RESPMEM_MUST_FREE);
}

/* {"error": MESSAGE} */
static enum MHD_Result __attribute__((format(printf, 4, 5)))
fail(struct MHD_Connection *c, call *k, unsigned code, const char *fmt, ...)
{
	char msg[512];
	lp_strbuf sb = { 0 };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lp_sb_puts(&sb, "{\"error\": ");
	lp_sb_json_string(&sb, msg, strlen(msg));
	lp_sb_puts(&sb, "}\n");
	return text_of(c, k, code, "application/json", &sb);
}

/* ---- routes ---- */

/* ?KEY=true or 1: 1; absent, false or 0: 0; anything else -1 (a typo
 * must not quietly drop the trace asked for). */
static int arg_true(struct MHD_Connection *c, const char *key)
{
	const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
						    key);

	if (!v || strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		return 0;
	return strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ? 1 : -1;
}

/* How many times the request gives header `name` (case aside). */
static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind,
				    const char *key, const char *value)
{
	struct { const char *name; int n; } *h = cls;

	(void)kind;
	(void)value;
	h->n += strcasecmp(key, h->name) == 0;
	return MHD_YES;
}

/* Whether the body is JSON Lines: Content-Type application/x-ndjson
 * (parameters aside). */
static int is_ndjson(struct MHD_Connection *c)
{
	const char *t = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						    MHD_HTTP_HEADER_CONTENT_TYPE);
	static const char nd[] = "application/x-ndjson";

	return t && strncasecmp(t, nd, sizeof nd - 1) == 0
	       && (t[sizeof nd - 1] == '\0' || t[sizeof nd - 1] == ';'
		   || t[sizeof nd - 1] == ' ');
}

/* Finds the route of `url`; an answer already queued (404, 405) gives
 * -1 with *ret set. */
static int route(struct MHD_Connection *c, call *k, const char *url,
		 const char *method, enum MHD_Result *ret)
{
	static const char prefix[] = "/v1/agreements";
	int get = strcmp(method, MHD_HTTP_METHOD_GET) == 0
		  || strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
	const char *name, *slash;
	size_t n;

	if (strcmp(url, "/health") == 0)
		k->route = R_HEALTH;
	else if (strcmp(url, "/metrics") == 0)
		k->route = R_METRICS;
	else if (strcmp(url, prefix) == 0 || strcmp(url, "/v1/agreements/") == 0)
		k->route = R_LIST;
	else if (strncmp(url, prefix, sizeof prefix - 1) == 0
		 && url[sizeof prefix - 1] == '/') {
		name = url + sizeof prefix;
		slash = strchr(name, '/');
		n = slash ? (size_t)(slash - name) : strlen(name);
		if (!slash || strcmp(slash, "/") == 0)
			k->route = R_INFO;
		else if (strcmp(slash, "/decide") == 0)
			k->route = R_DECIDE;
		else if (strcmp(slash, "/explain") == 0)
			k->route = R_EXPLAIN;
		else
			goto unknown;
		k->ag = reg_served(name, n);
		if (!k->ag) {
			*ret = fail(c, k, MHD_HTTP_NOT_FOUND,
				    "no agreement named \"%.*s\"",
				    (int)(n > 200 ? 200 : n), name);
			return -1;
		}
	} else {
		goto unknown;
	}
	if ((k->route >= R_DECIDE) != !get
	    || (k->route >= R_DECIDE && strcmp(method, MHD_HTTP_METHOD_POST))) {
		*ret = fail(c, k, MHD_HTTP_METHOD_NOT_ALLOWED,
			    "%s is not allowed here; use %s", method,
			    k->route >= R_DECIDE ? "POST" : "GET");
		return -1;
	}
	return 0;
unknown:
	*ret = fail(c, k, MHD_HTTP_NOT_FOUND, "no such resource: %.200s",
		    url);
	return -1;
}

static enum MHD_Result list(struct MHD_Connection *c, call *k)
{
	lp_strbuf sb = { 0 };
	int first = 1;

	lp_sb_puts(&sb, "{\"agreements\": [");
	for (int i = 0; i < reg_count(); i++) {
		version *v = reg_acquire(reg_at(i));

		if (!v)
			continue;
		lp_sb_puts(&sb, first ? "" : ", ");
		lp_sb_puts(&sb, v->summary);
		first = 0;
		reg_release(v);
	}
	lp_sb_puts(&sb, "]}\n");
	return text_of(c, k, MHD_HTTP_OK, "application/json", &sb);
}

static enum MHD_Result info(struct MHD_Connection *c, call *k)
{
	version *v = reg_acquire(k->ag);
	lp_strbuf sb = { 0 };

	if (!v)
		return fail(c, k, MHD_HTTP_SERVICE_UNAVAILABLE, "agreement "
			    "\"%s\" has no module loaded", k->ag->name);
	lp_sb_puts(&sb, v->info);
	lp_sb_puts(&sb, "\n");
	reg_release(v);
	return text_of(c, k, MHD_HTTP_OK, "application/json", &sb);
}

static enum MHD_Result health(struct MHD_Connection *c, call *k)
{
	char t[96];
	int loaded = 0;

	for (int i = 0; i < reg_count(); i++)
		loaded += reg_at(i)->cur != NULL;
	if (atomic_load(&draining))
		return fail(c, k, MHD_HTTP_SERVICE_UNAVAILABLE, "draining");
	snprintf(t, sizeof t, "{\"status\": \"ok\", \"agreements\": %d}\n",
		 loaded);
	return answer(c, k, MHD_HTTP_OK, "application/json", t, strlen(t),
		      MHD_RESPMEM_MUST_COPY);
}

static enum MHD_Result metrics(struct MHD_Connection *c, call *k)
{
	lp_strbuf sb = { 0 };

	metrics_render(&sb);
	return text_of(c, k, MHD_HTTP_OK, "text/plain; version=0.0.4", &sb);
}

/* ---- deciding ---- */

static int grow(outbuf *o, size_t need)
{
	size_t cap = o->cap ? o->cap : 4096;
	char *p;

	while (cap - o->len < need)
		cap *= 2;
	if (cap == o->cap)
		return 0;
	p = realloc(o->data, cap);
	if (!p)
		return -1;
	o->data = p;
	o->cap = cap;
	return 0;
}

/* Decides one line into `o` (with its newline); the status of
 * pacta_decide_json, PACTA_NOMEM if the answer cannot grow. */
static int decide_line(pair *p, const char *line, size_t n, int lineno,
		       int trace, outbuf *o, pacta_error *err)
{
	size_t need = 0;
	int rc;

	if (grow(o, 512) != 0)
		return PACTA_NOMEM;
	rc = pacta_decide_json(p->req, p->dec, line, n, lineno, trace,
			       o->data + o->len, o->cap - o->len, &need, err);
	if (rc == PACTA_RANGE) {
		if (grow(o, need + 1) != 0)
			return PACTA_NOMEM;
		rc = pacta_decide_json(p->req, p->dec, line, n, lineno, trace,
				       o->data + o->len, o->cap - o->len,
				       &need, err);
	}
	if (rc != PACTA_OK && rc != PACTA_INPUT)
		return rc;
	o->len += need - 1;
	if (grow(o, 1) != 0)
		return PACTA_NOMEM;
	o->data[o->len++] = '\n';
	return rc;
}

/* The log line of one decision: `dec` (n bytes) decided `line`. */
static void log_line(lp_strbuf *log, const char *now, const agreement *a,
		     const version *v, const char *req_id, const char *line,
		     size_t len, const char *dec, size_t n)
{
	static const char pre[] = "{\"id\": ";
	const char *end;

	lp_sb_printf(log, "{\"time\": \"%s\", \"agreement\": \"%s\", "
		     "\"source_hash\": \"%s\", \"request_id\": ", now, a->name,
		     pacta_module_source_hash(v->mod));
	/* the decision's JSON opens with the request's id, if it had one */
	if (n > sizeof pre && memcmp(dec, pre, sizeof pre - 1) == 0
	    && (end = memmem(dec, n, ", \"outcome\": ", 13)))
		lp_sb_put(log, dec + sizeof pre - 1,
			  (size_t)(end - dec) - (sizeof pre - 1));
	else if (req_id)
		lp_sb_json_string(log, req_id, strlen(req_id));
	else
		lp_sb_puts(log, "null");
	lp_sb_puts(log, ", \"request\": ");
	lp_sb_put(log, line, len);
	lp_sb_puts(log, ", \"decision\": ");
	lp_sb_put(log, dec, n);
	lp_sb_puts(log, "}\n");
}

/* Counts a decided line, and logs it. */
static void account(call *k, version *v, pair *p, int rc, lp_strbuf *log,
		    const char *now, const char *req_id, const char *line,
		    size_t len, const char *dec, size_t n, unsigned *logged)
{
	if (rc != PACTA_OK) {
		atomic_fetch_add_explicit(&k->ag->rejected, 1,
					  memory_order_relaxed);
		return;
	}
	atomic_fetch_add_explicit(&k->ag->decisions[pacta_decision_outcome(
					  p->dec) % 3], 1, memory_order_relaxed);
	if (log) {
		log_line(log, now, k->ag, v, req_id, line, len, dec, n);
		++*logged;
	}
}

/* The body as one line, as `pacta eval` would read it: without its line
 * ends; a request object may span lines, whose ends become spaces (a
 * line end is white space in JSON). */
static size_t one_line(char *b, size_t n)
{
	char *p;

	while (n > 0 && (b[n - 1] == '\n' || b[n - 1] == '\r'))
		n--;
	/* memchr: a body usually has no line end left to find */
	for (p = b; (p = memchr(p, '\n', n - (size_t)(p - b))); )
		*p = ' ';
	for (p = b; (p = memchr(p, '\r', n - (size_t)(p - b))); )
		*p = ' ';
	return n;
}

/* The agreement's current module, and a request and decision of it, for
 * this call; NULL with the answer (503, 500) queued in *ret. */
static version *take_module(struct MHD_Connection *c, call *k, pair **p,
			    enum MHD_Result *ret)
{
	version *v = reg_acquire(k->ag);

	if (!v) {
		*ret = fail(c, k, MHD_HTTP_SERVICE_UNAVAILABLE, "agreement "
			    "\"%s\" has no module loaded", k->ag->name);
		return NULL;
	}
	*p = ver_pair_get(v);
	if (!*p) {
		reg_release(v);
		*ret = fail(c, k, MHD_HTTP_INTERNAL_SERVER_ERROR,
			    "out of memory");
		return NULL;
	}
	return v;
}

static enum MHD_Result decide(struct MHD_Connection *c, call *k)
{
	outbuf *o = &k->out;
	lp_strbuf logb = { 0 }, *log = declog_on() ? &logb : NULL;
	/* for the log alone */
	const char *req_id = log ? MHD_lookup_connection_value(
		c, MHD_HEADER_KIND, "X-Request-Id") : NULL;
	char now[32];
	unsigned logged = 0, code = MHD_HTTP_OK;
	pacta_error err = { 0 };
	pair *p;
	int rc = PACTA_OK;
	enum MHD_Result ret;
	version *v = take_module(c, k, &p, &ret);

	if (!v)
		return ret;
	o->len = 0;
	if (log)
		time_text(now);
	if (k->ndjson) {
		const char *b = k->body, *end = b + k->len;
		int lineno = 0;

		/* every line, as `pacta eval` reads them; a last line
		 * without its newline too */
		if (grow(o, k->len + k->len / 2 + 64) != 0)
			rc = PACTA_NOMEM;
		while (b < end && rc != PACTA_NOMEM && rc != PACTA_ERROR
		       && rc != PACTA_MISUSE) {
			const char *nl = memchr(b, '\n', (size_t)(end - b));
			size_t n = nl ? (size_t)(nl - b) : (size_t)(end - b);
			size_t at = o->len, ln = n;

			if (ln > 0 && b[ln - 1] == '\r')
				ln--;
			rc = decide_line(p, b, ln, ++lineno, k->trace, o,
					 &err);
			if (rc == PACTA_OK || rc == PACTA_INPUT)
				account(k, v, p, rc, log, now, req_id, b, ln,
					o->data + at, o->len - at - 1, &logged);
			b += n + (nl != NULL);
		}
	} else {
		size_t n = one_line(k->body, k->len);

		rc = decide_line(p, k->body, n, 1, k->trace, o, &err);
		if (rc == PACTA_OK || rc == PACTA_INPUT)
			account(k, v, p, rc, log, now, req_id, k->body, n,
				o->data, o->len - 1, &logged);
		if (rc == PACTA_INPUT)
			code = MHD_HTTP_BAD_REQUEST;
	}
	ver_pair_put(v, p);
	reg_release(v);
	if (logged && !logb.failed)
		declog_submit(logb.data, logb.len, logged);
	else
		lp_sb_free(&logb);
	if (rc != PACTA_OK && rc != PACTA_INPUT)
		return fail(c, k, MHD_HTTP_INTERNAL_SERVER_ERROR, "%s: %s",
			    pacta_status_name(rc), rc == PACTA_NOMEM
			    ? "out of memory" : err.message);
	if (o->cap <= KEEP_OUT)
		return answer(c, k, code, k->ndjson ? "application/x-ndjson"
						    : "application/json",
			      o->data, o->len, MHD_RESPMEM_PERSISTENT);
	/* too big to keep for the connection's next call */
	{
		outbuf big = *o;

		*o = (outbuf){ 0 };
		return answer(c, k, code, k->ndjson ? "application/x-ndjson"
						    : "application/json",
			      big.data, big.len, MHD_RESPMEM_MUST_FREE);
	}
}

/* ---- what would it take: the prover's own thread ----
 *
 * pacta_explain_to solves for tens to hundreds of milliseconds, and libpacta
 * answers its calls one at a time.  So an explain?to= call does not solve
 * on the HTTP thread that read it: its connection is suspended and the
 * question queued for one thread of its own, which resumes the connection
 * with the answer; the HTTP threads go on deciding meanwhile.  At most
 * --max-questions wait (the one being solved among them); one more is
 * answered 503 at once. */

typedef struct prove_job {
	struct MHD_Connection *c;
	version *v;                  /* held until the answer is made */
	pair *p;                     /* its request is the one asked about */
	int want;
	int rc;                      /* of pacta_explain_to; -1: not asked
					(the service stopped first) */
	pacta_error err;
	char *json;
	size_t len;
	struct prove_job *next;
} prove_job;

static pthread_mutex_t pq_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pq_wake = PTHREAD_COND_INITIALIZER;
static prove_job *pq_head, **pq_tail = &pq_head;
static int pq_count;                 /* waiting or being solved, or about to
					be queued (prove_reserve) */
static int pq_stop;
static pthread_t pq_thread;
static int pq_running;

/* The 503 of a question that came, or waited, too late to be asked. */
#define NOT_ASKED "the service is stopping; the question was not asked"

/* A place in the queue: 0, or -1 when it is full, -2 when the service
 * is stopping; given back by prove_unreserve when no question is queued
 * in it after all. */
static int prove_reserve(void)
{
	int rc;

	pthread_mutex_lock(&pq_lock);
	rc = pq_stop ? -2 : pq_count < cfg.max_questions ? 0 : -1;
	pq_count += rc == 0;
	pthread_mutex_unlock(&pq_lock);
	return rc;
}

static void prove_unreserve(void)
{
	pthread_mutex_lock(&pq_lock);
	pq_count--;
	pthread_mutex_unlock(&pq_lock);
}

static void *prover_main(void *arg)
{
	(void)arg;
	for (;;) {
		prove_job *j;

		pthread_mutex_lock(&pq_lock);
		while (!pq_head && !pq_stop)
			pthread_cond_wait(&pq_wake, &pq_lock);
		j = pq_head;
		if (j) {
			pq_head = j->next;
			if (!pq_head)
				pq_tail = &pq_head;
		}
		int stop = pq_stop;
		pthread_mutex_unlock(&pq_lock);
		if (!j)
			return NULL;
		/* once the service stops, what waits is answered unasked */
		j->rc = stop ? -1 : pacta_explain_to(j->v->mod, j->p->req, j->want,
						     &j->json, &j->len, &j->err);
		prove_unreserve();
		MHD_resume_connection(j->c);
	}
}

/* Queues `j` in its reserved place: its connection already suspended, so
 * that the prover's resume cannot come before the suspension. */
static void prove_push(prove_job *j)
{
	pthread_mutex_lock(&pq_lock);
	j->next = NULL;
	*pq_tail = j;
	pq_tail = &j->next;
	pthread_cond_signal(&pq_wake);
	pthread_mutex_unlock(&pq_lock);
}

/* The module and request a job held, and the job. */
static void prove_job_free(prove_job *j)
{
	if (!j)
		return;
	ver_pair_put(j->v, j->p);
	reg_release(j->v);
	pacta_free(j->json);
	free(j);
}

static int prover_start(void)
{
	pq_stop = 0;
	if (pthread_create(&pq_thread, NULL, prover_main, NULL) != 0)
		return -1;
	pq_running = 1;
	return 0;
}

/* The question being solved finished, those still waiting answered 503
 * (their connections resumed, so that libmicrohttpd may close them). */
static void prover_stop(void)
{
	if (!pq_running)
		return;
	pthread_mutex_lock(&pq_lock);
	pq_stop = 1;
	pthread_cond_broadcast(&pq_wake);
	pthread_mutex_unlock(&pq_lock);
	pthread_join(pq_thread, NULL);
	pq_running = 0;
}

/* The answer of an explain?to= call, its connection resumed. */
static enum MHD_Result explain_proven(struct MHD_Connection *c, call *k)
{
	prove_job *j = k->job;
	lp_strbuf sb = { 0 };
	enum MHD_Result ret;

	k->job = NULL;
	if (j->rc == PACTA_OK) {
		lp_sb_put(&sb, j->json, j->len);
		lp_sb_puts(&sb, "\n");
		ret = text_of(c, k, MHD_HTTP_OK, "application/json", &sb);
	} else if (j->rc < 0) {
		ret = fail(c, k, MHD_HTTP_SERVICE_UNAVAILABLE, "%s", NOT_ASKED);
	} else {
		ret = fail(c, k, j->rc == PACTA_UNSUPPORTED
			   ? MHD_HTTP_NOT_IMPLEMENTED
			   : MHD_HTTP_INTERNAL_SERVER_ERROR, "%s: %s",
			   pacta_status_name(j->rc), j->rc == PACTA_NOMEM
			   ? "out of memory" : j->err.message);
	}
	prove_job_free(j);
	return ret;
}

static enum MHD_Result explain(struct MHD_Connection *c, call *k)
{
	const char *to = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
						     "to");
	const char *req_id = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							 "X-Request-Id");
	lp_strbuf sb = { 0 }, logb = { 0 }, *log = declog_on() ? &logb : NULL;
	outbuf o = { 0 }, words = { 0 };
	pacta_error err = { 0 };
	unsigned logged = 0;
	prove_job *job = NULL;
	version *v;
	pair *p;
	size_t n, need = 0;
	char now[32];
	int rc;
	enum MHD_Result ret;

	if (k->job)
		return explain_proven(c, k);

	int want = !to ? -1 : !strcmp(to, "grant") ? PACTA_GRANT
		 : !strcmp(to, "refer") ? PACTA_REFER
		 : !strcmp(to, "refuse") ? PACTA_REFUSE : -2;

	if (want == -2)
		return fail(c, k, MHD_HTTP_BAD_REQUEST, "explain?to= takes grant, "
			    "refer or refuse, not '%.20s'", to);
	int place = want >= 0 ? prove_reserve() : 0;
	if (place == -2)
		return fail(c, k, MHD_HTTP_SERVICE_UNAVAILABLE, "%s", NOT_ASKED);
	if (place != 0)
		return fail(c, k, MHD_HTTP_SERVICE_UNAVAILABLE, "%d explain?to= "
			    "calls are waiting for the prover already "
			    "(--max-questions); try again later",
			    cfg.max_questions);
	v = take_module(c, k, &p, &ret);
	if (!v) {
		if (want >= 0)
			prove_unreserve();
		return ret;
	}
	if (log)
		time_text(now);
	n = one_line(k->body, k->len);
	rc = decide_line(p, k->body, n, 1, 0, &o, &err);
	if (rc == PACTA_OK || rc == PACTA_INPUT)
		account(k, v, p, rc, log, now, req_id, k->body, n, o.data,
			o.len - 1, &logged);
	if (rc == PACTA_OK && want >= 0) {
		/* what would it take: asked of the prover's thread, which
		 * keeps the module and the request until it has answered */
		job = calloc(1, sizeof *job);
		if (job) {
			job->c = c;
			job->v = v;
			job->p = p;
			job->want = want;
		} else {
			rc = PACTA_NOMEM;
		}
	} else if (rc == PACTA_OK) {
		lp_sb_printf(&sb, "%s: %s\n", k->ag->name,
			     pacta_module_title(v->mod));
		pacta_decision_explain(p->dec, NULL, 0, &need);
		if (grow(&words, need) == 0
		    && pacta_decision_explain(p->dec, words.data, words.cap,
					      NULL) == PACTA_OK)
			lp_sb_puts(&sb, words.data);
		else
			sb.failed = 1;
		free(words.data);
	}
	if (!job) {
		ver_pair_put(v, p);
		reg_release(v);
	}
	if (logged && !logb.failed)
		declog_submit(logb.data, logb.len, logged);
	else
		lp_sb_free(&logb);
	if (job) {
		free(o.data);
		k->job = job;
		MHD_suspend_connection(c);
		prove_push(job);
		return MHD_YES;
	}
	if (want >= 0)
		prove_unreserve();
	if (rc == PACTA_INPUT)
		return answer(c, k, MHD_HTTP_BAD_REQUEST, "application/json",
			      o.data, o.len, MHD_RESPMEM_MUST_FREE);
	free(o.data);
	if (rc != PACTA_OK) {
		lp_sb_free(&sb);
		return fail(c, k, MHD_HTTP_INTERNAL_SERVER_ERROR, "%s: %s",
			    pacta_status_name(rc), rc == PACTA_NOMEM
			    ? "out of memory" : err.message);
	}
	return text_of(c, k, MHD_HTTP_OK, "text/plain; charset=utf-8", &sb);
}

/* ---- the handler libmicrohttpd calls ---- */

static int take(call *k, const char *data, size_t n)
{
	if (k->too_large || n > cfg.max_body - k->len) {
		k->too_large = 1;
		return 0;
	}
	if (n > k->cap - k->len) {
		size_t cap = k->cap * 2;
		char *b;

		while (cap - k->len < n)
			cap *= 2;
		b = k->body == k->small ? malloc(cap) : realloc(k->body, cap);
		if (!b)
			return -1;
		if (k->body == k->small)
			memcpy(b, k->small, k->len);
		k->body = b;
		k->cap = cap;
	}
	memcpy(k->body + k->len, data, n);
	k->len += n;
	return 0;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version_, const char *data,
			      size_t *size, void **con_cls)
{
	call *k = *con_cls;
	enum MHD_Result ret = MHD_YES;
	const char *cl;

	(void)cls;
	(void)version_;
	if (!k) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
			c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

		k = ci ? ci->socket_context : NULL;
		if (!k)                 /* its connection's memory failed */
			return MHD_NO;
		k->ag = NULL;
		k->ndjson = k->trace = k->too_large = k->answered = 0;
		k->body = k->small;
		k->len = 0;
		k->cap = sizeof k->small;
		clock_gettime(CLOCK_MONOTONIC, &k->t0);
		*con_cls = k;
		atomic_fetch_add(&active, 1);
		if (route(c, k, url, method, &ret) != 0)
			return ret;
		switch (k->route) {
		case R_HEALTH: return health(c, k);
		case R_METRICS: return metrics(c, k);
		case R_LIST: return list(c, k);
		case R_INFO: return info(c, k);
		default: break;
		}
		/* two lengths: which one a proxy in front took is not
		 * known, and the body could be read otherwise than it sent
		 * it (request smuggling) */
		struct { const char *name; int n; } lengths = { MHD_HTTP_HEADER_CONTENT_LENGTH, 0 };
		MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, &lengths);
		if (lengths.n > 1)
			return fail(c, k, MHD_HTTP_BAD_REQUEST, "the request gives "
				    "Content-Length %d times", lengths.n);
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						 MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > cfg.max_body)
			return fail(c, k, MHD_HTTP_CONTENT_TOO_LARGE, "the body is "
				    "larger than the limit of %zu bytes (--max-body)",
				    cfg.max_body);
		k->ndjson = k->route == R_DECIDE && is_ndjson(c);
		k->trace = arg_true(c, "trace");
		if (k->trace < 0)
			return fail(c, k, MHD_HTTP_BAD_REQUEST, "?trace= takes "
				    "true or false, not '%.40s'", MHD_lookup_connection_value(
				    c, MHD_GET_ARGUMENT_KIND, "trace"));
		return MHD_YES;
	}
	if (k->answered) {              /* a body after an early answer */
		*size = 0;
		return MHD_YES;
	}
	if (*size) {
		if (take(k, data, *size) != 0)
			return MHD_NO;
		*size = 0;
		return MHD_YES;
	}
	if (k->too_large)
		return fail(c, k, MHD_HTTP_CONTENT_TOO_LARGE, "the body is larger "
			    "than the limit of %zu bytes (--max-body)",
			    cfg.max_body);
	return k->route == R_DECIDE ? decide(c, k) : explain(c, k);
}

static void done(void *cls, struct MHD_Connection *c, void **con_cls,
		 enum MHD_RequestTerminationCode why)
{
	call *k = *con_cls;

	(void)cls;
	(void)c;
	(void)why;
	if (!k)
		return;
	/* a question answered, whose answer could not be sent (the
	 * connection closed at the resumption, or the service stopped) */
	prove_job_free(k->job);
	k->job = NULL;
	if (k->body != k->small)
		free(k->body);
	k->body = k->small;
	*con_cls = NULL;
	atomic_fetch_sub(&active, 1);
}

/* A connection accepted and closed: its call's memory, kept from call to
 * call (done() ends each call before the close). */
static void connection(void *cls, struct MHD_Connection *c, void **socket,
		       enum MHD_ConnectionNotificationCode what)
{
	call *k = *socket;

	(void)cls;
	(void)c;
	if (what == MHD_CONNECTION_NOTIFY_STARTED) {
		k = calloc(1, sizeof *k);
		if (k)
			k->body = k->small;
		*socket = k;
		return;
	}
	if (!k)
		return;
	if (k->body != k->small)
		free(k->body);
	free(k->out.data);
	free(k);
	*socket = NULL;
}

int http_start(void)
{
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	struct sockaddr *sa;
	/* epoll threads, each serving its share of the connections; turbo
	 * reads optimistically and saves a shutdown() per closing connection
	 * (fewer system calls a request, which is where the time goes) */
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_TURBO
			 | MHD_ALLOW_SUSPEND_RESUME;

	memset(&in4, 0, sizeof in4);
	memset(&in6, 0, sizeof in6);
	if (inet_pton(AF_INET, cfg.address, &in4.sin_addr) == 1) {
		in4.sin_family = AF_INET;
		in4.sin_port = htons((uint16_t)cfg.port);
		sa = (struct sockaddr *)&in4;
	} else if (inet_pton(AF_INET6, cfg.address, &in6.sin6_addr) == 1) {
		in6.sin6_family = AF_INET6;
		in6.sin6_port = htons((uint16_t)cfg.port);
		sa = (struct sockaddr *)&in6;
		flags |= MHD_USE_IPv6;
	} else {
		say("--address %s: not a numeric IPv4 or IPv6 address",
		    cfg.address);
		return -1;
	}
	daemon_ = MHD_start_daemon(
		flags, (uint16_t)cfg.port, NULL, NULL, handle, NULL,
		MHD_OPTION_SOCK_ADDR, sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg.threads,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg.timeout,
		MHD_OPTION_CONNECTION_LIMIT, cfg.max_connections,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg.max_header,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
		MHD_OPTION_STRICT_FOR_CLIENT, 1,
		MHD_OPTION_NOTIFY_COMPLETED, done, NULL,
		MHD_OPTION_NOTIFY_CONNECTION, connection, NULL,
		MHD_OPTION_END);
	if (!daemon_) {
		say("cannot listen on %s port %d: %s", cfg.address, cfg.port,
		    strerror(errno));
		return -1;
	}
	if (prover_start() != 0) {
		say("cannot start the prover's thread: %s", strerror(errno));
		MHD_stop_daemon(daemon_);
		daemon_ = NULL;
		return -1;
	}
	return 0;
}

int http_port(void)
{
	const union MHD_DaemonInfo *i =
		MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);

	return i ? i->port : cfg.port;
}

void http_stop(void)
{
	struct timespec t0, tick = { 0, 10 * 1000 * 1000 };
	MHD_socket fd;

	if (!daemon_)
		return;
	atomic_store(&draining, 1);
	fd = MHD_quiesce_daemon(daemon_);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (atomic_load(&active) > 0 && since(&t0) < cfg.drain_timeout)
		nanosleep(&tick, NULL);
	if (atomic_load(&active) > 0)
		say("%d calls still in progress after %u s: closing them",
		    atomic_load(&active), cfg.drain_timeout);
	/* libmicrohttpd must not stop with a connection suspended: the
	 * question being solved is finished, those waiting are answered
	 * unasked, and their answers given a moment to go */
	prover_stop();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (atomic_load(&active) > 0 && since(&t0) < 1.0)
		nanosleep(&tick, NULL);
	MHD_stop_daemon(daemon_);
	daemon_ = NULL;
}
