/*
 * serve_ceiling.c — the ceiling of bench/serve.sh: libmicrohttpd alone,
 * started as serve/http.c starts it (the same threading mode, flags and
 * worker count), reading each request's body and answering every request
 * with one fixed answer made once (a decision `pacta eval` wrote).  What
 * `wrk` measures against it is what this machine's loopback, kernel and
 * libmicrohttpd allow before any deciding, routing, counting or logging;
 * bench/serve.sh puts `pacta serve`'s figure beside it.
 *
 *   serve_ceiling THREADS ANSWER-FILE
 *
 * Listens on a free port of 127.0.0.1, says "listening on
 * http://127.0.0.1:PORT" on standard error, and stops on SIGTERM.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

static struct MHD_Response *fixed;

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
			      const char *url, const char *method,
			      const char *version, const char *data,
			      size_t *size, void **con_cls)
{
	static int seen;

	(void)cls;
	(void)url;
	(void)method;
	(void)version;
	(void)data;
	if (!*con_cls) {                /* the headers: wait for the body */
		*con_cls = &seen;
		return MHD_YES;
	}
	if (*size) {
		*size = 0;
		return MHD_YES;
	}
	return MHD_queue_response(c, MHD_HTTP_OK, fixed);
}

int main(int argc, char **argv)
{
	static char answer[4096];
	struct sockaddr_in in4;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t sigs;
	FILE *f;
	size_t n;
	int threads, sig;

	if (argc != 3 || (threads = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: serve_ceiling THREADS ANSWER-FILE\n");
		return 2;
	}
	f = fopen(argv[2], "r");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	n = fread(answer, 1, sizeof answer, f);
	fclose(f);
	fixed = MHD_create_response_from_buffer(n, answer,
						MHD_RESPMEM_PERSISTENT);
	if (!fixed || MHD_add_response_header(fixed,
					      MHD_HTTP_HEADER_CONTENT_TYPE,
					      "application/json") != MHD_YES)
		return 1;
	/* before the workers start, so that they inherit the mask */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	memset(&in4, 0, sizeof in4);
	in4.sin_family = AF_INET;
	in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_TURBO, 0,
		NULL, NULL, handle, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&in4,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
		MHD_OPTION_END);
	if (!d) {
		perror("serve_ceiling: MHD_start_daemon");
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(stderr, "listening on http://127.0.0.1:%u\n",
		info ? (unsigned)info->port : 0u);
	sigwait(&sigs, &sig);
	MHD_stop_daemon(d);
	MHD_destroy_response(fixed);
	return 0;
}
