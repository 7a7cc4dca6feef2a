/*
 * main.c — `pacta serve` (the pacta-serve program): an HTTP/1.1 decision
 * service for the native modules in a directory or named on the command
 * line.  It reads the options, loads the modules (serve/registry.c),
 * starts the decision log (serve/declog.c) and the HTTP workers
 * (serve/http.c), then waits on signals and on the watched directories:
 * SIGHUP or a module file written or moved in reloads, SIGTERM or SIGINT
 * drains the calls in progress and exits 0.
 *
 * Why a program of its own rather than a command inside build/pacta: the
 * service needs libpacta, libmicrohttpd and threads, and nothing of the
 * compiler (LLVM, Z3, the front end), so it is built from the runtime
 * alone and a server can run it without the compiler's dependencies.
 * `pacta serve ...` runs it (compiler/main.c finds it beside itself).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "serve.h"

serve_config cfg = {
	.address = "127.0.0.1",
	.port = 8080,
	.max_body = (size_t)16 << 20,
	.max_header = 32 * 1024,
	.max_connections = 4096,
	.timeout = 30,
	.drain_timeout = 10,
	.log_queue = (size_t)64 << 20,
	.max_questions = 64,
};

static const char usage[] =
	"usage: pacta serve [OPTIONS] DIR|M.so...\n"
	"\n"
	"Serves the native modules in each DIR (every NAME.so) and those named\n"
	"on the command line, each as the agreement NAME, over HTTP/1.1:\n"
	"  POST /v1/agreements/NAME/decide    a request object in, the decision out\n"
	"       (exactly `pacta eval`'s line; 400 with its error line for a bad\n"
	"       request); Content-Type application/x-ndjson: JSON Lines in and out,\n"
	"       in order, a bad line answered by its error line; ?trace=true\n"
	"  POST /v1/agreements/NAME/explain   the decision in words; ?to=OUTCOME:\n"
	"       what would it take, as JSON (needs libpacta-prove.so.0), solved\n"
	"       on a thread of its own while the HTTP threads go on deciding\n"
	"  GET  /v1/agreements, /v1/agreements/NAME   title, version, source hash,\n"
	"       signer, fields, obligations, clauses\n"
	"  GET  /health, /metrics (Prometheus)\n"
	"SIGHUP, or a module file written or moved into a served directory, loads\n"
	"the module again: checked (and its signature, with --trust) and swapped\n"
	"in, calls in progress finishing on the old one; a module that fails is\n"
	"refused and the old one keeps serving.  A module file removed withdraws\n"
	"its agreement (404) until it comes back.  SIGTERM drains and exits 0.\n"
	"\n"
	"options:\n"
	"  --address A          listen on A (numeric IPv4 or IPv6; default 127.0.0.1)\n"
	"  --port P             listen on port P (default 8080; 0: any free port)\n"
	"  --threads N          HTTP worker threads (default: one a processor)\n"
	"  --max-body BYTES     largest request body (default 16777216): 413 beyond\n"
	"  --max-header BYTES   memory for one connection's headers (default 32768):\n"
	"                       431 beyond\n"
	"  --max-connections N  connections at once (default 4096)\n"
	"  --max-questions N    explain?to= calls waiting for the prover at once\n"
	"                       (default 64): 503 beyond\n"
	"  --timeout S          close a connection idle for S seconds (default 30)\n"
	"  --drain-timeout S    SIGTERM waits S seconds for calls, then for the\n"
	"                       decision log (default 10)\n"
	"  --log FILE|-         the decision log, JSON Lines, appended to FILE or\n"
	"                       written to standard output\n"
	"  --log-queue BYTES    log text held for the writer (default 67108864);\n"
	"                       beyond, lines are dropped, and the log says so\n"
	"  --trust KEY.pub      serve only modules signed by this key (repeatable)\n"
	"  --quiet              do not say each reload on standard error\n"
	"  -h, --help           this help\n"
	"Standard error says when the service listens (\"listening on http://A:P\"),\n"
	"each module loaded, reloaded or refused, and log lines dropped.\n"
	"Exit status: 0 after SIGTERM or SIGINT, 1 when it cannot start, 2 for\n"
	"misuse.\n";

void say(const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fprintf(stderr, "pacta serve: %s\n", line);
}

void time_text(char buf[32])
{
	struct timespec t;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &t);
	gmtime_r(&t.tv_sec, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + 19, 13, ".%03dZ", (int)(t.tv_nsec / 1000000) % 1000);
}

/* An option's number in [lo, hi], or -1 with the usage error said. */
static long long number(const char *opt, const char *arg, long long lo,
			long long hi)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (errno || end == arg || *end || v < lo || v > hi) {
		fprintf(stderr, "pacta serve: %s needs a number from %lld to "
			"%lld, not '%s'\n", opt, lo, hi, arg);
		return -1;
	}
	return v;
}

enum { O_ADDRESS = 256, O_PORT, O_THREADS, O_MAX_BODY, O_MAX_HEADER,
       O_MAX_CONN, O_MAX_QUESTIONS, O_TIMEOUT, O_DRAIN, O_LOG, O_LOG_QUEUE, O_TRUST, O_QUIET };

static const struct option longopts[] = {
	{ "address", required_argument, NULL, O_ADDRESS },
	{ "port", required_argument, NULL, O_PORT },
	{ "threads", required_argument, NULL, O_THREADS },
	{ "max-body", required_argument, NULL, O_MAX_BODY },
	{ "max-header", required_argument, NULL, O_MAX_HEADER },
	{ "max-connections", required_argument, NULL, O_MAX_CONN },
	{ "max-questions", required_argument, NULL, O_MAX_QUESTIONS },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "drain-timeout", required_argument, NULL, O_DRAIN },
	{ "log", required_argument, NULL, O_LOG },
	{ "log-queue", required_argument, NULL, O_LOG_QUEUE },
	{ "trust", required_argument, NULL, O_TRUST },
	{ "quiet", no_argument, NULL, O_QUIET },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int add_trust(const char *path)
{
	pacta_error err = { 0 };

	if (!cfg.trust && pacta_trust_new(&cfg.trust) != PACTA_OK) {
		fprintf(stderr, "pacta serve: --trust: cannot start libsodium\n");
		return -1;
	}
	if (pacta_trust_add_key_file(cfg.trust, path, &err) != PACTA_OK) {
		fprintf(stderr, "pacta serve: --trust %s: %s\n", path,
			err.message);
		return -1;
	}
	return 0;
}

/* 0, 1 when --help was printed, 2 for misuse (said). */
static int options(int argc, char **argv)
{
	long long v;
	int c;

	cfg.threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (cfg.threads < 1)
		cfg.threads = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		v = 0;
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return 1;
		case O_ADDRESS: cfg.address = optarg; break;
		case O_PORT: v = cfg.port = (int)number("--port", optarg, 0, 65535); break;
		case O_THREADS: v = cfg.threads = (int)number("--threads", optarg, 1, 256); break;
		case O_MAX_BODY:
			v = number("--max-body", optarg, 1, (long long)1 << 40);
			cfg.max_body = (size_t)v;
			break;
		case O_MAX_HEADER:
			v = number("--max-header", optarg, 4096, 1 << 24);
			cfg.max_header = (size_t)v;
			break;
		case O_MAX_CONN:
			v = number("--max-connections", optarg, 1, 1 << 20);
			cfg.max_connections = (unsigned)v;
			break;
		case O_MAX_QUESTIONS:
			v = number("--max-questions", optarg, 1, 1 << 20);
			cfg.max_questions = (int)v;
			break;
		case O_TIMEOUT:
			v = number("--timeout", optarg, 1, 86400);
			cfg.timeout = (unsigned)v;
			break;
		case O_DRAIN:
			v = number("--drain-timeout", optarg, 0, 86400);
			cfg.drain_timeout = (unsigned)v;
			break;
		case O_LOG: cfg.log_path = optarg; break;
		case O_LOG_QUEUE:
			v = number("--log-queue", optarg, 1024, (long long)1 << 40);
			cfg.log_queue = (size_t)v;
			break;
		case O_TRUST:
			if (add_trust(optarg) != 0)
				return 2;
			break;
		case O_QUIET: cfg.quiet = 1; break;
		default:
			fputs(usage, stderr);
			return 2;
		}
		if (v < 0)
			return 2;
	}
	if (optind >= argc) {
		fprintf(stderr, "pacta serve: no directory or module given\n%s",
			usage);
		return 2;
	}
	return 0;
}

/* ---- the watch ---- */

#define MAX_WATCH 128
static int watch_wd[MAX_WATCH];
static const char *watch_dir[MAX_WATCH];
static int nwatch;

static int watch_start(void)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

	if (fd < 0) {
		say("cannot watch the directories (%s): reload with SIGHUP",
		    strerror(errno));
		return -1;
	}
	for (int i = 0; i < reg_watch_count() && nwatch < MAX_WATCH; i++) {
		int wd = inotify_add_watch(fd, reg_watch(i),
					   IN_CLOSE_WRITE | IN_MOVED_TO
					   | IN_DELETE | IN_MOVED_FROM);

		if (wd < 0) {
			say("cannot watch %s (%s): reload with SIGHUP",
			    reg_watch(i), strerror(errno));
			continue;
		}
		watch_wd[nwatch] = wd;
		watch_dir[nwatch++] = reg_watch(i);
	}
	return fd;
}

/* Every event waiting on the watch: each module file changed reloads. */
static void watch_read(int fd)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *e = (const void *)p;

			p += sizeof *e + e->len;
			if (!e->len)
				continue;
			/* one directory may be watched for two reasons: each
			 * gets the event */
			for (int i = 0; i < nwatch; i++) {
				if (watch_wd[i] != e->wd)
					continue;
				if (e->mask & (IN_DELETE | IN_MOVED_FROM))
					reg_removed(watch_dir[i], e->name);
				else
					reg_changed(watch_dir[i], e->name);
			}
		}
	}
}

static void more_files(void)
{
	struct rlimit r;

	/* --max-connections sockets, plus the modules' and the log's */
	if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
		rlim_t want = (rlim_t)cfg.max_connections + 256;

		r.rlim_cur = want < r.rlim_max ? want : r.rlim_max;
		setrlimit(RLIMIT_NOFILE, &r);
	}
}

int main(int argc, char **argv)
{
	sigset_t sigs;
	struct pollfd pfd[2];
	int sfd, wfd, rc, log_ok;

	rc = options(argc, argv);
	if (rc)
		return rc == 1 ? 0 : 2;
	/* Before any thread starts, so that every thread inherits the mask
	 * and the signals come only through sfd. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	if (sfd < 0) {
		say("signalfd: %s", strerror(errno));
		return 1;
	}
	more_files();
	if (reg_start(argv + optind, argc - optind) != 0 || declog_start() != 0
	    || http_start() != 0) {
		declog_stop(cfg.drain_timeout);
		reg_stop();
		pacta_trust_free(cfg.trust);
		return 1;
	}
	wfd = watch_start();
	say("listening on http://%s%s%s:%d (%d agreements, %d threads)",
	    strchr(cfg.address, ':') ? "[" : "", cfg.address,
	    strchr(cfg.address, ':') ? "]" : "", http_port(), reg_count(),
	    cfg.threads);
	pfd[0].fd = sfd;
	pfd[0].events = POLLIN;
	pfd[1].fd = wfd;
	pfd[1].events = POLLIN;
	for (;;) {
		struct signalfd_siginfo si;

		if (poll(pfd, wfd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			say("poll: %s", strerror(errno));
			break;
		}
		if (wfd >= 0 && (pfd[1].revents & POLLIN))
			watch_read(wfd);
		if (!(pfd[0].revents & POLLIN))
			continue;
		if (read(sfd, &si, sizeof si) != (ssize_t)sizeof si)
			continue;
		if (si.ssi_signo == SIGHUP) {
			say("SIGHUP: loading every module again");
			reg_reload_all();
			continue;
		}
		say("%s: draining", si.ssi_signo == SIGTERM ? "SIGTERM"
							     : "SIGINT");
		break;
	}
	http_stop();
	log_ok = declog_stop(cfg.drain_timeout) == 0;
	reg_stop();
	metrics_stop();
	if (wfd >= 0)
		close(wfd);
	close(sfd);
	pacta_trust_free(cfg.trust);
	say("stopped");
	if (!log_ok)
		_exit(0);   /* not exit(): it would flush the stuck log's stream */
	return 0;
}
