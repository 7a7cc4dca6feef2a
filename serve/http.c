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

/* R_NONE: a path of none of them (404), or not looked at (%00) */
enum route { R_NONE, R_HEALTH, R_METRICS, R_LIST, R_INFO, R_DECIDE, R_EXPLAIN };

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
	int want;                    /* explain?to=: the outcome, or -1 */
	unsigned refused;            /* the status of an answer decided from
					the headers, given once the body has
					been read (0: none) */
	char why[320];               /* that answer's message */
	struct timespec t0;
	char *body;
	size_t len, cap;
	int nul;                     /* the request line's path or parameters
					held %00 (unescape()): set before
					the call's headers, cleared as they
					are read */
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

/*
 * `n` bytes at `s` as a JSON string that is UTF-8 whatever `s` holds: a
 * message echoes names, paths and parameters as the client sent them
 * (%ff decoded is the byte 0xff), and a JSON text must be UTF-8 (RFC
 * 8259).  Each byte that begins no well-formed sequence (lp_utf8_decode:
 * RFC 3629) is written as U+FFFD, the replacement character; the
 * escaping is the runtime's JSON string writer's.
 */
static void json_text(lp_strbuf *sb, const char *s, size_t n)
{
	lp_strbuf t = { 0 };
	size_t i = 0, run = 0, len;
	uint32_t cp;

	while (i < n) {
		len = lp_utf8_decode(s + i, n - i, &cp);
		if (len) {
			i += len;
			continue;
		}
		lp_sb_put(&t, s + run, i - run);
		lp_sb_puts(&t, "\xef\xbf\xbd");
		run = ++i;
	}
	if (run == 0) {                 /* UTF-8 already, as most are */
		lp_sb_json_string(sb, s, n);
		return;
	}
	lp_sb_put(&t, s + run, n - run);
	if (t.failed)
		sb->failed = 1;
	else
		lp_sb_json_string(sb, t.data, t.len);
	lp_sb_free(&t);
}

/* How many of the `n` bytes at `s` a message shows, at most `max`: not
 * a character cut in two, which would be shown as U+FFFD. */
static int shown(const char *s, size_t n, size_t max)
{
	size_t k = max;

	if (n <= max)
		return (int)n;
	/* back to the first byte of the character the cut falls in */
	while (k > 0 && max - k < 3 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	return (int)(((unsigned char)s[k] & 0xc0) == 0xc0 ? k : max);
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
	json_text(&sb, msg, strlen(msg));
	lp_sb_puts(&sb, "}\n");
	return text_of(c, k, code, "application/json", &sb);
}

/*
 * The answer of a call refused on its headers alone (404, 405, 400), kept
 * until its body has been read, and then given by fail(): an answer
 * queued before the body is read makes libmicrohttpd close the
 * connection, which keeps it alive for no other call.  The first refusal
 * is the one given.
 */
static void __attribute__((format(printf, 3, 4)))
refuse(call *k, unsigned code, const char *fmt, ...)
{
	va_list ap;

	if (k->refused)
		return;
	k->refused = code;
	va_start(ap, fmt);
	vsnprintf(k->why, sizeof k->why, fmt, ap);
	va_end(ap);
}

/* ---- routes ---- */

/* What the URL gives of one parameter (arg_one). */
struct arg {
	const char *key;
	const char *v, *other;       /* its value, and another one */
	int bare;                    /* given without a value: ?trace */
};

static enum MHD_Result arg_each(void *cls, enum MHD_ValueKind kind,
				const char *key, const char *value)
{
	struct arg *a = cls;

	(void)kind;
	if (strcasecmp(key, a->key) != 0)
		return MHD_YES;
	if (!value)
		a->bare = 1;
	else if (!a->v)
		a->v = value;
	else if (!a->other && strcmp(a->v, value) != 0)
		a->other = value;
	return MHD_YES;
}

/*
 * Parameter `key`, one of the `n` words in `words`: its index, n when the
 * URL does not give it, or -1 with the 400 refused.  Given without a
 * value (?trace alone), given twice with two values (?trace=true&
 * trace=false), or any other word (?trace=1) is refused: which was meant
 * is not known, and a call must not quietly lose the trace or the
 * question it asked for.  `takes` says the words.
 */
static int arg_one(struct MHD_Connection *c, call *k, const char *key,
		   const char *const *words, int n, const char *takes,
		   const char *where)
{
	struct arg a = { key, NULL, NULL, 0 };
	int i;

	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, arg_each, &a);
	if (a.bare) {
		refuse(k, MHD_HTTP_BAD_REQUEST, "?%s is given without a value; "
		       "it takes %s", key, takes);
		return -1;
	}
	if (!a.v)
		return n;
	for (const char *v = a.v; v; v = v == a.v ? a.other : NULL) {
		for (i = 0; i < n && strcmp(v, words[i]) != 0; i++)
			;
		if (i == n) {
			refuse(k, MHD_HTTP_BAD_REQUEST, "%s?%s= takes %s, not "
			       "'%.*s'", where, key, takes,
			       shown(v, strlen(v), 40), v);
			return -1;
		}
	}
	if (a.other) {                  /* two of the words, both short */
		refuse(k, MHD_HTTP_BAD_REQUEST, "?%s= is given both as '%s' "
		       "and as '%s'", key, a.v, a.other);
		return -1;
	}
	for (i = 0; strcmp(a.v, words[i]) != 0; i++)
		;
	return i;
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

/* Finds the route of `url`; -1 with the answer refused (404, 405). */
static int route(call *k, const char *url, const char *method)
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
			refuse(k, MHD_HTTP_NOT_FOUND, "no agreement named "
			       "\"%.*s\"", shown(name, n, 200), name);
			return -1;
		}
	} else {
		goto unknown;
	}
	if ((k->route >= R_DECIDE) != !get
	    || (k->route >= R_DECIDE && strcmp(method, MHD_HTTP_METHOD_POST))) {
		refuse(k, MHD_HTTP_METHOD_NOT_ALLOWED, "%.40s is not allowed "
		       "here; use %s", method,
		       k->route >= R_DECIDE ? "POST" : "GET");
		return -1;
	}
	return 0;
unknown:
	refuse(k, MHD_HTTP_NOT_FOUND, "no such resource: %.*s",
	       shown(url, strlen(url), 200), url);
	return -1;
}

static enum MHD_Result list(struct MHD_Connection *c, call *k)
{
	lp_strbuf sb = { 0 };
	int first = 1;

	char why[256];

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
	/* configured, but no module of theirs loads: said, with why */
	lp_sb_puts(&sb, "], \"unavailable\": [");
	first = 1;
	for (int i = 0; i < reg_count(); i++) {
		if (!reg_unavailable(reg_at(i), why, sizeof why))
			continue;
		lp_sb_puts(&sb, first ? "{\"name\": " : ", {\"name\": ");
		json_text(&sb, reg_at(i)->name, strlen(reg_at(i)->name));
		lp_sb_puts(&sb, ", \"error\": ");
		json_text(&sb, why, strlen(why));
		lp_sb_puts(&sb, "}");
		first = 0;
	}
	lp_sb_puts(&sb, "]}\n");
	return text_of(c, k, MHD_HTTP_OK, "application/json", &sb);
}

/* The 503 of a call to an agreement with no module loaded, with the
 * reason its last one was refused. */
static enum MHD_Result no_module(struct MHD_Connection *c, call *k)
{
	char why[256] = "";

	reg_unavailable(k->ag, why, sizeof why);
	return fail(c, k, MHD_HTTP_SERVICE_UNAVAILABLE, "agreement \"%s\" has no module loaded%s%s",
		    k->ag->name, *why ? ": " : "", why);
}

static enum MHD_Result info(struct MHD_Connection *c, call *k)
{
	version *v = reg_acquire(k->ag);
	lp_strbuf sb = { 0 };

	if (!v)
		return no_module(c, k);
	lp_sb_puts(&sb, v->info);
	lp_sb_puts(&sb, "\n");
	reg_release(v);
	return text_of(c, k, MHD_HTTP_OK, "application/json", &sb);
}

/*
 * 200 while the service decides: "ok", or "degraded" with the names of
 * the agreements configured whose modules were all refused (their calls
 * are 503; the others are served), so that monitoring sees one down.
 */
static enum MHD_Result health(struct MHD_Connection *c, call *k)
{
	lp_strbuf sb = { 0 };
	char why[256];
	int loaded = 0, down = 0;

	if (atomic_load(&draining))
		return fail(c, k, MHD_HTTP_SERVICE_UNAVAILABLE, "draining");
	for (int i = 0; i < reg_count(); i++) {
		version *v = reg_acquire(reg_at(i));

		loaded += v != NULL;
		reg_release(v);
	}
	for (int i = 0; i < reg_count(); i++) {
		if (!reg_unavailable(reg_at(i), why, sizeof why))
			continue;
		lp_sb_puts(&sb, down++ ? ", " : "");
		json_text(&sb, reg_at(i)->name, strlen(reg_at(i)->name));
	}
	char *names = sb.data;
	lp_strbuf t = { 0 };
	if (down)
		lp_sb_printf(&t, "{\"status\": \"degraded\", \"agreements\": %d, "
			     "\"unavailable\": [%s]}\n", loaded, names);
	else
		lp_sb_printf(&t, "{\"status\": \"ok\", \"agreements\": %d}\n", loaded);
	lp_sb_free(&sb);
	return text_of(c, k, MHD_HTTP_OK, "application/json", &t);
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

/* A UTF-8 byte-order mark, as some editors save UTF-8: no part of a
 * request before the first line, as `pacta eval` and `pacta explain` skip
 * it (pacta_decide_lines). */
static size_t bom(const char *b, size_t n)
{
	return n >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/*
 * Decides the body of a single request into `o`, as `pacta explain` reads
 * a request's file: after a byte-order mark, without the line ends after
 * it, and with those inside it read as they were sent (white space between
 * tokens, an error in a string), an error placed by its line in the body.
 * The text decided in *line and *n, made one line for the decision log: a
 * request decided has line ends between its tokens only.
 */
static int decide_body(call *k, pair *p, int trace, outbuf *o,
		       pacta_error *err, char **line, size_t *n)
{
	char *t = k->body + bom(k->body, k->len), *q;
	size_t len = k->len - (size_t)(t - k->body);
	int rc;

	while (len > 0 && (t[len - 1] == '\n' || t[len - 1] == '\r'))
		len--;
	/* the decoder places an error by its line in the body */
	rc = decide_line(p, t, len, 1, trace, o, err);
	/* memchr: a body usually has no line end left to find */
	for (q = t; rc == PACTA_OK
	     && (q = memchr(q, '\n', len - (size_t)(q - t))); )
		*q = ' ';
	for (q = t; rc == PACTA_OK
	     && (q = memchr(q, '\r', len - (size_t)(q - t))); )
		*q = ' ';
	*line = t;
	*n = len;
	return rc;
}

/* The agreement's current module, and a request and decision of it, for
 * this call; NULL with the answer (503, 500) queued in *ret. */
static version *take_module(struct MHD_Connection *c, call *k, pair **p,
			    enum MHD_Result *ret)
{
	version *v = reg_acquire(k->ag);

	if (!v) {
		*ret = no_module(c, k);
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
		const char *b = k->body + bom(k->body, k->len);
		const char *end = k->body + k->len;
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
		char *line;
		size_t n;

		rc = decide_body(k, p, k->trace, o, &err, &line, &n);
		if (rc == PACTA_OK || rc == PACTA_INPUT)
			account(k, v, p, rc, log, now, req_id, line, n,
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
	char now[32], *line;
	int rc, want = k->want;
	enum MHD_Result ret;

	if (k->job)
		return explain_proven(c, k);
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
	rc = decide_body(k, p, 0, &o, &err, &line, &n);
	if (rc == PACTA_OK || rc == PACTA_INPUT)
		account(k, v, p, rc, log, now, req_id, line, n, o.data,
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

/* The most bytes a request's "id" holds (lp_request_id's text), and so
 * X-Request-Id, which stands for it in the decision log. */
#define MAX_ID (sizeof ((lp_request_id *)0)->text - 1)

/*
 * X-Request-Id is the decision log's request_id for a request without an
 * "id" of its own, so it obeys an id's rules (runtime/json.c): UTF-8
 * (RFC 3629, as an id's string is checked) and at most 127 bytes, not
 * cut to fit, since a cut id could be another request's.  A header that
 * breaks them is refused, 400, whether or not the service keeps a log and
 * whether or not the body has ids: what a call may send does not hang on
 * how the service was started.  (A NUL never gets here: libmicrohttpd
 * ends a header's value at one.)
 */
static void check_request_id(struct MHD_Connection *c, call *k)
{
	const char *v;
	size_t n, len;
	uint32_t cp;

	if (MHD_lookup_connection_value_n(c, MHD_HEADER_KIND, "X-Request-Id",
					  12, &v, &n) != MHD_YES || !v)
		return;
	if (n > MAX_ID) {
		refuse(k, MHD_HTTP_BAD_REQUEST, "X-Request-Id is longer than "
		       "%zu bytes, the most an id can hold", MAX_ID);
		return;
	}
	for (size_t i = 0; i < n; i += len) {
		len = lp_utf8_decode(v + i, n - i, &cp);
		if (!len) {
			refuse(k, MHD_HTTP_BAD_REQUEST, "X-Request-Id: invalid "
			       "UTF-8 at byte %zu (0x%02x); an id is UTF-8 "
			       "text", i + 1, (unsigned char)v[i]);
			return;
		}
	}
}

/* The first parameter of the URL that is not one of `takes` (case
 * aside, as arg_one reads them), or NULL. */
struct params {
	const char *const *takes;
	int n;
	const char *other;
};

static enum MHD_Result param_each(void *cls, enum MHD_ValueKind kind,
				  const char *key, const char *value)
{
	struct params *ps = cls;
	int i;

	(void)kind;
	(void)value;
	if (!*key)              /* ?&trace=true: a stray '&' names nothing */
		return MHD_YES;
	for (i = 0; i < ps->n && strcasecmp(key, ps->takes[i]) != 0; i++)
		;
	if (i == ps->n && !ps->other)
		ps->other = key;
	return MHD_YES;
}

/*
 * A parameter the call does not take is refused (400), with the one it
 * nearest resembles, not ignored: ?trcae=true would be answered without
 * the trace it asked for, explain?trace=true without one it never gives.
 */
static void check_params(struct MHD_Connection *c, call *k, const char *what,
			 const char *const *takes, int n)
{
	struct params ps = { takes, n, NULL };
	char hint[80] = "";
	lp_suggest sg;

	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, param_each, &ps);
	if (!ps.other)
		return;
	lp_suggest_init(&sg, ps.other);
	for (int i = 0; i < n; i++)
		lp_suggest_add(&sg, takes[i]);
	if (sg.best)
		snprintf(hint, sizeof hint, " (did you mean ?%s?)", sg.best);
	refuse(k, MHD_HTTP_BAD_REQUEST, "%s takes no parameter '%.*s'%s; it takes "
	       "?%s only", what, shown(ps.other, strlen(ps.other), 40), ps.other,
	       hint, takes[0]);
}

/*
 * A body the service cannot read as sent (Content-Encoding gzip, ...) is
 * refused (415), rather than read as malformed JSON.
 */
static void check_encoding(struct MHD_Connection *c, call *k)
{
	const char *e = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						    MHD_HTTP_HEADER_CONTENT_ENCODING);

	if (e && *e && strcasecmp(e, "identity") != 0)
		refuse(k, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '%.*s' "
		       "is not taken: send the body as it is",
		       shown(e, strlen(e), 40), e);
}

/* What the headers of a decide or explain call ask, read before its body
 * is: a refusal (400) is kept for its answer. */
static void read_call(struct MHD_Connection *c, call *k)
{
	static const char *const bools[] = { "false", "true" };
	static const char *const outcomes[] = { "grant", "refer", "refuse" };
	static const int outcome_of[] = { PACTA_GRANT, PACTA_REFER,
					  PACTA_REFUSE };
	int i;

	static const char *const decide_takes[] = { "trace" };
	static const char *const explain_takes[] = { "to" };

	k->ndjson = k->route == R_DECIDE && is_ndjson(c);
	if (k->route == R_EXPLAIN) {
		check_params(c, k, "explain", explain_takes, 1);
		i = arg_one(c, k, "to", outcomes, 3, "grant, refer or refuse",
			    "explain");
		k->want = i >= 0 && i < 3 ? outcome_of[i] : -1;
	} else {
		check_params(c, k, "decide", decide_takes, 1);
		k->trace = arg_one(c, k, "trace", bools, 2, "true or false", "") == 1;
	}
	check_encoding(c, k);
	check_request_id(c, k);
}

/* Whether the client waits for "100 Continue" before it sends its body. */
static int expects_continue(struct MHD_Connection *c)
{
	const char *e = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
						    MHD_HTTP_HEADER_EXPECT);

	return e && strcasecmp(e, "100-continue") == 0;
}

/*
 * Every answer is given once the request has been read, body and all, so
 * that the connection stays open for the next call: libmicrohttpd closes
 * it after an answer queued sooner, which it cannot tell from one cut
 * short.  Only an answer whose body must not be read is given at once, on
 * the headers, closing the connection: two Content-Lengths, a body over
 * --max-body, and a refused call whose client waits for 100 Continue
 * before it sends its body.
 */
static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version_, const char *data,
			      size_t *size, void **con_cls)
{
	call *k = *con_cls;
	const char *cl;

	(void)cls;
	(void)version_;
	if (!k) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
			c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

		k = ci ? ci->socket_context : NULL;
		if (!k)                 /* its connection's memory failed */
			return MHD_NO;
		k->route = R_NONE;
		k->ag = NULL;
		k->ndjson = k->trace = k->too_large = k->answered = 0;
		k->want = -1;
		k->refused = 0;
		k->body = k->small;
		k->len = 0;
		k->cap = sizeof k->small;
		clock_gettime(CLOCK_MONOTONIC, &k->t0);
		*con_cls = k;
		atomic_fetch_add(&active, 1);
		/* the C string of the path or a parameter ends at a NUL:
		 * read on, the rest would be lost (model-agreement%00x/decide
		 * read as the agreement's page) */
		if (k->nul)
			refuse(k, MHD_HTTP_BAD_REQUEST, "the URL holds %%00 (a "
			       "NUL byte), which no path or parameter takes");
		k->nul = 0;
		if (!k->refused && route(k, url, method) == 0
		    && k->route >= R_DECIDE)
			read_call(c, k);
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
		if (k->refused && expects_continue(c))
			return fail(c, k, k->refused, "%s", k->why);
		return MHD_YES;
	}
	if (k->answered) {              /* a body after an early answer */
		*size = 0;
		return MHD_YES;
	}
	if (*size) {
		/* read, and kept only by a call that decides with it */
		if (!k->refused && k->route >= R_DECIDE
		    && take(k, data, *size) != 0)
			return MHD_NO;
		*size = 0;
		return MHD_YES;
	}
	if (k->refused)
		return fail(c, k, k->refused, "%s", k->why);
	switch (k->route) {
	case R_HEALTH: return health(c, k);
	case R_METRICS: return metrics(c, k);
	case R_LIST: return list(c, k);
	case R_INFO: return info(c, k);
	default: break;
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

/*
 * libmicrohttpd's unescaping of the request line's path and of each of its
 * parameters (theirs: MHD_http_unescape), noting a %00 for the call's
 * handle(): what it hands on is a C string, which a NUL would end early.
 */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	const union MHD_ConnectionInfo *ci;
	size_t n = MHD_http_unescape(s);

	(void)cls;
	if (memchr(s, '\0', n)) {
		ci = MHD_get_connection_info(c,
					     MHD_CONNECTION_INFO_SOCKET_CONTEXT);
		if (ci && ci->socket_context)
			((call *)ci->socket_context)->nul = 1;
	}
	return n;
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
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
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
