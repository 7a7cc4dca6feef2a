/*
 * declog.c — the decision log of `pacta serve`: JSON Lines, one a decision
 * (time, agreement, source hash, request id, request, decision), to a file
 * or standard output, written by a thread of its own.
 *
 * Deciding never waits for the log: each call hands its lines over in one
 * block to a queue bounded in bytes (cfg.log_queue, or one block when it
 * is larger), and when the queue is full the block is dropped and
 * counted.  The writer says so in the log
 * itself, with a line {"time": ..., "dropped": N} before the next lines it
 * writes, on stderr, and in /metrics.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"

typedef struct block {
	struct block *next;
	size_t len;
	unsigned lines;
	char *text;
} block;

static FILE *out;
static pthread_t writer;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_cond_t finished_cond = PTHREAD_COND_INITIALIZER;
static block *head, *tail;
static size_t queued;                /* bytes */
static int stopping, running, finished;
static atomic_uint_fast64_t dropped, written;
static uint64_t dropped_told;        /* writer's: dropped already said */

int declog_on(void)
{
	return out != NULL;
}

uint64_t declog_dropped(void)
{
	return atomic_load(&dropped);
}

uint64_t declog_written(void)
{
	return atomic_load(&written);
}

void declog_submit(char *text, size_t len, unsigned lines)
{
	block *b = malloc(sizeof *b);

	pthread_mutex_lock(&lock);
	/* an empty queue takes any block: a call's lines larger than the
	 * queue (a big JSON Lines body) are written when the log keeps up */
	if (!b || stopping || (queued > 0 && queued + len > cfg.log_queue)) {
		pthread_mutex_unlock(&lock);
		atomic_fetch_add(&dropped, lines);
		free(b);
		free(text);
		return;
	}
	b->next = NULL;
	b->len = len;
	b->lines = lines;
	b->text = text;
	if (tail)
		tail->next = b;
	else
		head = b;
	tail = b;
	queued += len;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
}

/* Says in the log (and on stderr) how many lines were dropped since it
 * last said so. */
static void tell_dropped(void)
{
	uint64_t d = atomic_load(&dropped);
	char t[32];

	if (d == dropped_told)
		return;
	time_text(t);
	fprintf(out, "{\"time\": \"%s\", \"dropped\": %llu}\n", t,
		(unsigned long long)(d - dropped_told));
	say("decision log: %llu lines dropped (the log's queue was full)",
	    (unsigned long long)(d - dropped_told));
	dropped_told = d;
}

static void *write_loop(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (;;) {
		block *b;

		while (!head && !stopping)
			pthread_cond_wait(&wake, &lock);
		if (!head && stopping)
			break;
		b = head;
		head = tail = NULL;
		queued = 0;
		pthread_mutex_unlock(&lock);
		tell_dropped();
		while (b) {
			block *next = b->next;

			if (fwrite(b->text, 1, b->len, out) == b->len)
				atomic_fetch_add(&written, b->lines);
			free(b->text);
			free(b);
			b = next;
		}
		fflush(out);
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	tell_dropped();
	fflush(out);
	pthread_mutex_lock(&lock);
	finished = 1;
	pthread_cond_signal(&finished_cond);
	pthread_mutex_unlock(&lock);
	return NULL;
}

int declog_start(void)
{
	if (!cfg.log_path)
		return 0;
	if (strcmp(cfg.log_path, "-") == 0) {
		out = stdout;
	} else {
		out = fopen(cfg.log_path, "a");
		if (!out) {
			say("--log %s: %s", cfg.log_path, strerror(errno));
			return -1;
		}
	}
	if (pthread_create(&writer, NULL, write_loop, NULL) != 0) {
		say("decision log: cannot start its thread");
		return -1;
	}
	running = 1;
	return 0;
}

int declog_stop(unsigned timeout)
{
	struct timespec until;
	int rc = 0;

	if (!running)
		return 0;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += (time_t)timeout;
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&wake);
	while (!finished && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&finished_cond, &lock, &until);
	pthread_mutex_unlock(&lock);
	if (!finished) {
		/* its reader has stopped reading (a full pipe): the writer
		 * waits in fwrite and will never finish; the lines it holds
		 * are lost, and said to be */
		say("decision log: not written to for %u s; the lines not yet "
		    "written are lost", timeout);
		return -1;
	}
	pthread_join(writer, NULL);
	running = 0;
	if (out != stdout)
		fclose(out);
	else
		fflush(out);
	out = NULL;
	return 0;
}
