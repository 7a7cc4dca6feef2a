/*
 * metrics.c — what `pacta serve` counts, and GET /metrics: the Prometheus
 * text exposition (version 0.0.4) of the decisions by agreement and
 * outcome, the request lines refused, the module reloads and refusals
 * (counted on the agreements, serve/registry.c), the HTTP answers by
 * status, the decision log's lines written and dropped, and a histogram
 * of the time decide and explain calls take.
 *
 * Counters are relaxed atomics: each is exact, the set is read without
 * stopping the workers.  Those counted on every call (answers by status,
 * the histogram) are each worker thread's own, summed when rendered, so
 * that no two cores write the same cache line a call.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "serve.h"

/* Upper bounds of the latency buckets, in seconds; +Inf after them. */
static const double bounds[] = { 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
				 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1 };
#define NB (sizeof bounds / sizeof bounds[0])

/* One thread's counts: written by that thread alone, read by
 * metrics_render on another. */
typedef struct shard {
	atomic_uint_fast64_t buckets[NB + 1];     /* not cumulative */
	atomic_uint_fast64_t sum_us;
	atomic_uint_fast64_t by_status[600];
	struct shard *next;
} shard;

static pthread_mutex_t shards_lock = PTHREAD_MUTEX_INITIALIZER;
static shard *shards;                /* every thread's, kept to the end */
static shard shared;                 /* of threads whose own failed */
static _Thread_local shard *mine;

static shard *my_shard(void)
{
	if (!mine) {
		shard *s = calloc(1, sizeof *s);

		if (!s)
			return &shared;
		pthread_mutex_lock(&shards_lock);
		s->next = shards;
		shards = s;
		pthread_mutex_unlock(&shards_lock);
		mine = s;
	}
	return mine;
}

/* Adds n to a counter of shard s: its thread is the only writer, so a
 * load and a store (no locked read-modify-write) unless s is shared. */
static void add(shard *s, atomic_uint_fast64_t *c, uint_fast64_t n)
{
	if (s == &shared)
		atomic_fetch_add_explicit(c, n, memory_order_relaxed);
	else
		atomic_store_explicit(c, atomic_load_explicit(
			c, memory_order_relaxed) + n, memory_order_relaxed);
}

void metrics_observe(double seconds)
{
	shard *s = my_shard();
	size_t b = 0;

	while (b < NB && seconds > bounds[b])
		b++;
	add(s, &s->buckets[b], 1);
	add(s, &s->sum_us, (uint_fast64_t)(seconds * 1e6));
}

void metrics_status(unsigned code)
{
	shard *s = my_shard();

	if (code < 600)
		add(s, &s->by_status[code], 1);
}

void metrics_stop(void)
{
	pthread_mutex_lock(&shards_lock);
	while (shards) {
		shard *next = shards->next;

		free(shards);
		shards = next;
	}
	pthread_mutex_unlock(&shards_lock);
}

static uint64_t get(atomic_uint_fast64_t *c)
{
	return (uint64_t)atomic_load_explicit(c, memory_order_relaxed);
}

/* The sum of the counter at `off` in every shard (shards_lock held). */
static uint64_t total(size_t off)
{
	uint64_t n = get((atomic_uint_fast64_t *)((char *)&shared + off));

	for (shard *s = shards; s; s = s->next)
		n += get((atomic_uint_fast64_t *)((char *)s + off));
	return n;
}

static void head(lp_strbuf *sb, const char *name, const char *type,
		 const char *help)
{
	lp_sb_printf(sb, "# HELP %s %s\n# TYPE %s %s\n", name, help, name,
		     type);
}

/* A counter of every agreement: the one at `off` in struct agreement. */
static void by_agreement(lp_strbuf *sb, const char *name, const char *help,
			 size_t off)
{
	head(sb, name, "counter", help);
	for (int i = 0; i < reg_count(); i++)
		lp_sb_printf(sb, "%s{agreement=\"%s\"} %llu\n", name,
			     reg_at(i)->name, (unsigned long long)get(
				     (atomic_uint_fast64_t *)((char *)reg_at(i)
							      + off)));
}

void metrics_render(lp_strbuf *sb)
{
	static const char *const outcomes[] = { "grant", "refer", "refuse" };
	int n = reg_count();
	uint64_t cum = 0, n_status;

	head(sb, "pacta_decisions_total", "counter",
	     "Decisions made, by agreement and outcome.");
	for (int i = 0; i < n; i++)
		for (int o = 0; o < 3; o++)
			lp_sb_printf(sb, "pacta_decisions_total{agreement=\"%s\","
				     "outcome=\"%s\"} %llu\n", reg_at(i)->name,
				     outcomes[o], (unsigned long long)
				     get(&reg_at(i)->decisions[o]));
	by_agreement(sb, "pacta_request_errors_total", "Request lines refused "
		     "(bad JSON, unknown field or value, ...), by agreement.",
		     offsetof(agreement, rejected));
	by_agreement(sb, "pacta_module_reloads_total", "Modules loaded again "
		     "and swapped in, by agreement.",
		     offsetof(agreement, reloads));
	by_agreement(sb, "pacta_module_refused_total", "New modules refused "
		     "(damaged, unsigned, untrusted, ...); the old one kept "
		     "serving.", offsetof(agreement, refused));
	head(sb, "pacta_http_responses_total", "counter",
	     "HTTP answers, by status.");
	pthread_mutex_lock(&shards_lock);
	for (unsigned c = 100; c < 600; c++)
		if ((n_status = total(offsetof(shard, by_status)
				      + c * sizeof(atomic_uint_fast64_t))))
			lp_sb_printf(sb, "pacta_http_responses_total{code=\"%u\"} "
				     "%llu\n", c, (unsigned long long)n_status);
	head(sb, "pacta_decision_log_lines_total", "counter",
	     "Decision log lines written.");
	lp_sb_printf(sb, "pacta_decision_log_lines_total %llu\n",
		     (unsigned long long)declog_written());
	head(sb, "pacta_decision_log_dropped_total", "counter",
	     "Decision log lines dropped because the log's queue was full.");
	lp_sb_printf(sb, "pacta_decision_log_dropped_total %llu\n",
		     (unsigned long long)declog_dropped());
	head(sb, "pacta_call_seconds", "histogram",
	     "Time from a decide or explain call's headers to its answer.");
	for (size_t b = 0; b <= NB; b++) {
		cum += total(offsetof(shard, buckets)
			     + b * sizeof(atomic_uint_fast64_t));
		if (b < NB)
			lp_sb_printf(sb, "pacta_call_seconds_bucket{le=\"%g\"} "
				     "%llu\n", bounds[b],
				     (unsigned long long)cum);
		else
			lp_sb_printf(sb, "pacta_call_seconds_bucket{le=\"+Inf\"}"
				     " %llu\n", (unsigned long long)cum);
	}
	lp_sb_printf(sb, "pacta_call_seconds_sum %.6f\n",
		     (double)total(offsetof(shard, sum_us)) / 1e6);
	pthread_mutex_unlock(&shards_lock);
	lp_sb_printf(sb, "pacta_call_seconds_count %llu\n",
		     (unsigned long long)cum);
}
