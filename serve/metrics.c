/*
 * metrics.c — what `pacta serve` counts, and GET /metrics: the Prometheus
 * text exposition (version 0.0.4) of the decisions by agreement and
 * outcome, the request lines refused, the module reloads and refusals
 * (counted on the agreements, serve/registry.c), the HTTP answers by
 * status, the decision log's lines written and dropped, and a histogram
 * of the time decide and explain calls take.
 *
 * Counters are relaxed atomics: each is exact, the set is read without
 * stopping the workers.
 */
#include <stddef.h>
#include <stdio.h>

#include "serve.h"

/* Upper bounds of the latency buckets, in seconds; +Inf after them. */
static const double bounds[] = { 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
				 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1 };
#define NB (sizeof bounds / sizeof bounds[0])

static atomic_uint_fast64_t buckets[NB + 1];     /* not cumulative */
static atomic_uint_fast64_t sum_us;
static atomic_uint_fast64_t by_status[600];

void metrics_observe(double seconds)
{
	size_t b = 0;

	while (b < NB && seconds > bounds[b])
		b++;
	atomic_fetch_add_explicit(&buckets[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&sum_us, (uint_fast64_t)(seconds * 1e6),
				  memory_order_relaxed);
}

void metrics_status(unsigned code)
{
	if (code < 600)
		atomic_fetch_add_explicit(&by_status[code], 1,
					  memory_order_relaxed);
}

static uint64_t get(atomic_uint_fast64_t *c)
{
	return (uint64_t)atomic_load_explicit(c, memory_order_relaxed);
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
	uint64_t cum = 0;

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
	for (unsigned c = 100; c < 600; c++)
		if (get(&by_status[c]))
			lp_sb_printf(sb, "pacta_http_responses_total{code=\"%u\"} "
				     "%llu\n", c,
				     (unsigned long long)get(&by_status[c]));
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
		cum += get(&buckets[b]);
		if (b < NB)
			lp_sb_printf(sb, "pacta_call_seconds_bucket{le=\"%g\"} "
				     "%llu\n", bounds[b],
				     (unsigned long long)cum);
		else
			lp_sb_printf(sb, "pacta_call_seconds_bucket{le=\"+Inf\"}"
				     " %llu\n", (unsigned long long)cum);
	}
	lp_sb_printf(sb, "pacta_call_seconds_sum %.6f\n",
		     (double)get(&sum_us) / 1e6);
	lp_sb_printf(sb, "pacta_call_seconds_count %llu\n",
		     (unsigned long long)cum);
}
