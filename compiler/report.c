/*
 * report.c — every output of `pacta diff`: text, JSON and the HTML review
 * page, of the structural part (diff.c) and the semantic part
 * (smt_diff.c) together.
 *
 * Pipeline: diff_structural and smt_diff compute; this file only prints.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "prove.h"
#include "report.h"

static void esc(FILE *out, const char *s)
{
	if (s)
		html_escape(out, s, strlen(s));
}

/* ---- the structure ---- */

static const char *op_name(int op)
{
	return op == DIFF_ADDED ? "added" : op == DIFF_REMOVED ? "removed"
	     : op == DIFF_RENUMBERED ? "renumbered" : op == DIFF_MOVED ? "moved"
	     : op == DIFF_RENAMED ? "renamed" : "changed";
}

/* "    - TEXT": a text block's later lines (a reservation's text) indented
 * under its first, not at the margin. */
static void put_side(FILE *out, char sign, const char *text)
{
	fprintf(out, "    %c ", sign);
	for (const char *p = text; *p; p++) {
		fputc(*p, out);
		if (*p == '\n')
			fputs("      ", out);
	}
	fputc('\n', out);
}

static void structure_text(const diff_result *r, FILE *out)
{
	if (!r->n) {
		fputs("structure: no changes (layout and comments aside)\n", out);
		return;
	}
	fprintf(out, "structure: %zu change%s\n", r->n, r->n == 1 ? "" : "s");
	for (size_t i = 0; i < r->n; i++) {
		const diff_item *it = &r->items[i];
		if (it->op == DIFF_RENUMBERED)
			fprintf(out, "  %s renumbered %s -> %s%s\n", it->what, it->name, it->name2,
			        it->old ? " (its wording changed too; the same rules)" : "");
		else if (it->op == DIFF_RENAMED && it->of)
			fprintf(out, "  %s renamed %s -> %s (of enum %s, in the same place, named by the same provisions: "
			        "requests give it under its new name)\n", it->what, it->name, it->name2, it->of);
		else if (it->op == DIFF_RENAMED)
			fprintf(out, "  %s renamed %s -> %s (the same type and default, read by the same provisions: "
			        "requests give it under its new name)\n", it->what, it->name, it->name2);
		else
			fprintf(out, !strcmp(it->what, "assert") || !strcmp(it->what, "test") ? "  %s \"%s\" %s%s\n"
			             : "  %s %s %s%s\n",
			        it->what, it->name, op_name(it->op),
			        it->same_rules == 2 ? " (the same rules, reading the renamed field)"
			        : it->same_rules == 3 ? " (the same, but for the renamed member)"
			        : it->same_rules ? " (wording only: the same rules)" : "");
		if (it->old)
			put_side(out, '-', it->old);
		if (it->neu)
			put_side(out, '+', it->neu);
		for (size_t k = 0; k < it->ndoubts; k++)
			fprintf(out, "    not taken as renamed: %s\n", it->doubts[k].text);
	}
}

/* ---- the guarantees ---- */

static const char *verdict_word(int st)
{
	switch (st) {
	case PROVE_PROVEN: return "holds";
	case PROVE_FAILS: return "fails";
	case PROVE_UNKNOWN: return "unknown";
	case PROVE_BUG: return "bug";
	default: return NULL;
	}
}

/* What a reviewer is told of an assert the new version withdrew: whether
 * the new version keeps the promise all the same. */
static const char *withdrawn_news(const diff_guarantee *g)
{
	if (g->neu < 0)
		return "withdrawn, and cannot be stated in the new version";
	if (g->neu == PROVE_PROVEN && g->vacuous[1] && !g->vacuous[0])
		return "withdrawn; the new version would keep it only because no request meets its premise";
	if (g->neu == PROVE_PROVEN)
		return g->old == PROVE_FAILS ? "withdrawn; it failed in the old version, and the new version keeps it"
		                             : "withdrawn, but the new version still keeps it: no request is "
		                               "decided against it";
	if (g->neu == PROVE_FAILS)
		return g->old == PROVE_FAILS ? "withdrawn; it failed in the old version, and fails in the new too"
		                             : "withdrawn, and the new version breaks it";
	if (g->neu == PROVE_UNKNOWN)
		return "withdrawn; whether the new version keeps it could not be proven within the time limit "
		       "(PACTA_PROVE_TIMEOUT_MS)";
	return "withdrawn; it gave the prover a request it does not decide as claimed: a bug in pacta, please "
	       "report it";
}

/* What a reviewer is told of an assert: NULL when it holds as it did
 * (or holds, new), else the words after its name. */
static const char *guarantee_news(const diff_guarantee *g)
{
	if (g->withdrawn)
		return withdrawn_news(g);
	if (g->neu == PROVE_PROVEN && g->vacuous[1] && !g->vacuous[0])
		return g->old == PROVE_PROVEN ? "held, and holds now only because no request meets its premise: "
		                                "it promises nothing in the new version"
		                              : "holds only because no request meets its premise: it promises nothing";
	if (g->neu == PROVE_PROVEN)
		return g->old == PROVE_FAILS ? (g->reworded ? "failed as the old version wrote it, and holds as reworded"
		                                            : "failed in the old version, and holds in the new")
		       : g->old == PROVE_UNKNOWN || g->old == PROVE_BUG
		       ? "could not be proven in the old version, and holds in the new" : NULL;
	if (g->neu == PROVE_FAILS)
		return g->old == PROVE_PROVEN ? (g->reworded ? "held as the old version wrote it, and fails as reworded "
		                                               "(the promise changed, not only the clauses)"
		                                             : "held in the old version, and fails in the new")
		       : g->old == PROVE_FAILS ? "fails in both versions"
		       : g->old < 0 ? "(new) fails" : "fails in the new version";
	if (g->neu == PROVE_UNKNOWN)
		return "could not be proven in the new version within the time limit (PACTA_PROVE_TIMEOUT_MS)";
	return "gave the prover a request it does not decide as claimed: a bug in pacta, please report it";
}

/* The headline: how many of the new version's asserts hold (those
 * withdrawn are listed under it, not counted). */
static void guarantees_headline(const diff_result *r, char *buf, size_t sz)
{
	size_t n = 0, held = 0, fails = 0;
	for (size_t i = 0; i < r->nguar; i++)
		if (!r->guar[i].withdrawn) {
			n++;
			held += r->guar[i].neu == PROVE_PROVEN;
			fails += r->guar[i].neu == PROVE_FAILS;
		}
	if (!n)
		snprintf(buf, sz, "the new version has no assert (the old had %zu)", r->old_asserts);
	else if (held == n)
		snprintf(buf, sz, n == 1 ? "the new version's assert holds" : "all %zu asserts of the new version hold", n);
	else
		snprintf(buf, sz, "%zu of the %zu asserts of the new version %s", n - held, n,
		         fails == n - held ? (fails == 1 ? "fails" : "fail")
		         : n - held == 1 ? "could not be proven" : "fail or could not be proven");
}

/* Each line of text (none when NULL) after `indent`. */
static void put_indented(FILE *out, const char *indent, const char *text)
{
	for (const char *l = text; l && *l;) {
		size_t n = strcspn(l, "\n");
		fprintf(out, "%s%.*s\n", indent, (int)n, l);
		l += n + (l[n] == '\n');
	}
}

static void guarantees_text(const diff_result *r, FILE *out)
{
	char head[160];
	if (!r->nguar && !r->old_asserts)
		return;
	guarantees_headline(r, head, sizeof head);
	fprintf(out, "guarantees: %s (proven over every request)\n", head);
	for (size_t i = 0; i < r->nguar; i++) {
		const diff_guarantee *g = &r->guar[i];
		const char *news = guarantee_news(g);
		if (!news)
			continue;
		fprintf(out, "  assert \"%s\" %s\n", g->name, news);
		if (g->unstated)
			fprintf(out, "    %s\n", g->unstated);
		if (g->request_json) {
			fprintf(out, "    counterexample: %s\n    decided so:\n", g->request_json);
			put_indented(out, "      ", g->decision_text);
		}
		put_indented(out, "    ", g->asymmetries);
	}
}

static void guarantees_json(const diff_result *r, lp_strbuf *b)
{
	lp_sb_puts(b, "[");
	for (size_t i = 0; i < r->nguar; i++) {
		const diff_guarantee *g = &r->guar[i];
		lp_sb_puts(b, i ? ", {\"assert\": " : "{\"assert\": ");
		lp_sb_json_string(b, g->name, strlen(g->name));
		if (g->old < 0)
			lp_sb_puts(b, ", \"old\": null");
		else
			lp_sb_printf(b, ", \"old\": \"%s\"", verdict_word(g->old));
		if (g->neu < 0)
			lp_sb_puts(b, ", \"new\": null");
		else
			lp_sb_printf(b, ", \"new\": \"%s\"", verdict_word(g->neu));
		if (g->withdrawn)
			lp_sb_puts(b, ", \"withdrawn\": true");
		if (g->unstated) {
			lp_sb_puts(b, ", \"unstated\": ");
			lp_sb_json_string(b, g->unstated, strlen(g->unstated));
		}
		if (g->request_json)
			lp_sb_printf(b, ", \"counterexample\": {\"request\": %s, \"decision\": %s}", g->request_json,
			             g->decision_json);
		if (g->asymmetries) {
			lp_sb_puts(b, ", \"asymmetries\": ");
			lp_sb_json_string(b, g->asymmetries, strlen(g->asymmetries));
		}
		if (g->reworded)
			lp_sb_puts(b, ", \"reworded\": true");
		if (g->vacuous[1])
			lp_sb_puts(b, ", \"vacuous\": true");
		lp_sb_puts(b, "}");
	}
	lp_sb_puts(b, "]");
}

static void structure_json(const diff_result *r, lp_strbuf *b)
{
	lp_sb_puts(b, "[");
	for (size_t i = 0; i < r->n; i++) {
		const diff_item *it = &r->items[i];
		lp_sb_printf(b, "%s{\"kind\": \"%s\", \"name\": ", i ? ", " : "", it->what);
		lp_sb_json_string(b, it->name, strlen(it->name));
		lp_sb_printf(b, ", \"change\": \"%s\"", op_name(it->op));
		if (it->name2) {
			lp_sb_puts(b, ", \"new_name\": ");
			lp_sb_json_string(b, it->name2, strlen(it->name2));
		}
		if (it->of) {
			lp_sb_puts(b, ", \"enum\": ");
			lp_sb_json_string(b, it->of, strlen(it->of));
		}
		if (it->same_rules)
			lp_sb_puts(b, ", \"same_rules\": true");
		if (it->ndoubts) {
			lp_sb_puts(b, ", \"not_renamed\": [");
			for (size_t k = 0; k < it->ndoubts; k++) {
				lp_sb_puts(b, k ? ", " : "");
				lp_sb_json_string(b, it->doubts[k].text, strlen(it->doubts[k].text));
			}
			lp_sb_puts(b, "]");
		}
		if (it->old) {
			lp_sb_puts(b, ", \"old\": ");
			lp_sb_json_string(b, it->old, strlen(it->old));
		}
		if (it->neu) {
			lp_sb_puts(b, ", \"new\": ");
			lp_sb_json_string(b, it->neu, strlen(it->neu));
		}
		lp_sb_puts(b, "}");
	}
	lp_sb_puts(b, "]");
}

/* ---- the decisions ---- */


static void print_labels(FILE *out, char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%s", i ? ", " : "", l[i]);
}

static void print_side_text(FILE *out, const char *who, const smt_side *s)
{
	fprintf(out, "     %s: %s; fired: ", who, s->text);
	if (s->nfired)
		print_labels(out, s->fired, s->nfired);
	else
		fprintf(out, "(none)");
	if (s->nexempted) {
		fprintf(out, "; exempted: ");
		print_labels(out, s->exempted, s->nexempted);
	}
	fprintf(out, "\n");
}

/* "XB -> XA, preservation" */
static void sig_name(FILE *out, const smt_diff_result *r, const smt_signature *s)
{
	fprintf(out, "%s -> %s", s->requesting, s->requested);
	for (size_t f = 0; f < r->nsig_fields; f++)
		fprintf(out, ", %s", s->values[f]);
}

/* Which clauses were compared, in words (no full stop). */
static void compared_words(const smt_diff_result *r, char *buf, size_t sz)
{
	char all[48];
	if (r->nclauses[1] == 1)
		snprintf(all, sizeof all, "the only clause");
	else
		snprintf(all, sizeof all, "all %zu clauses", r->nclauses[1]);
	if (r->global)
		snprintf(buf, sz, "%s, since %s (it bears on every request)", all, r->why);
	else if (!r->ncone)
		snprintf(buf, sz, "no clause changed its rules (of %zu)", r->nclauses[1]);
	else if (r->ncone < r->nclauses[1] || r->ncone < r->nclauses[0])
		snprintf(buf, sz, "the %zu clause%s that changed and those they exempt (of %zu); "
		         "the others fire alike in both versions", r->ncone, r->ncone == 1 ? "" : "s", r->nclauses[1]);
	else
		snprintf(buf, sz, r->nclauses[1] == 1 ? "%s (it changed)" : "%s (each changed, or is exempted by one that did)",
		         all);
}

static void semantic_text(const smt_diff_result *r, FILE *out)
{
	if (r->error[0]) {
		fprintf(out, "semantic diff: error: %s\n", r->error);
		return;
	}
	for (size_t i = 0; i < r->nschema; i++)
		fprintf(out, "schema: %s\n", r->schema[i]);
	char what[320];
	compared_words(r, what, sizeof what);
	fprintf(out, "compared: %s\n", what);
	if (r->baseline)
		fprintf(out, "baseline of the witnesses: %s\n  %s\n", r->baseline, r->baseline_json);
	if (!r->nchanges && r->ndefaults) {
		fprintf(out, "semantic diff: no request that gives every field is decided differently%s; one that "
		        "leaves out ", r->nrenumbered ? " (renumbered clauses read as the same clauses)" : "");
		for (size_t i = 0; i < r->ndefaults; i++)
			fprintf(out, "%s%s", i ? (i + 1 == r->ndefaults ? " or " : ", ") : "", r->defaults[i]);
		fprintf(out, " may be (%s default changed)\n", r->ndefaults == 1 ? "its" : "their");
	} else if (!r->nchanges)
		fprintf(out, "semantic diff: no request %sis decided differently%s%s\n",
		        r->partial ? "among those compared " : "",
		        r->nrenumbered ? " (renumbered clauses read as the same clauses)" : "",
		        r->partial ? "; some were left out (see the schema notes above)" : "");
	else
		fprintf(out, "semantic diff: %zu kind%s of change\n", r->nchanges, r->nchanges == 1 ? "" : "s");
	for (size_t i = 0; i < r->nchanges; i++) {
		const smt_change *c = &r->changes[i];
		fprintf(out, "  %zu. %s\n", i + 1, c->kind);
		if (c->nwitness_fields)
			fprintf(out, "     witness: the baseline with %s\n", c->witness_json);
		else
			fprintf(out, "     witness: the baseline itself\n");
		print_side_text(out, "old", &c->old);
		print_side_text(out, "new", &c->neu);
		if (!c->reproduced)
			fprintf(out, "     BUG: the witness does not reproduce: %s\n", c->bug);
	}
	if (r->has_signatures) {
		fprintf(out, "signatures (requesting party, requested party");
		for (size_t f = 0; f < r->nsig_fields; f++)
			fprintf(out, ", %s", r->sig_fields[f]);
		fprintf(out, "): %s\n", r->signature_note);
		for (int v = 0; v < SMT_SIG__COUNT; v++) {
			if (!r->sig_count[v])
				continue;
			fprintf(out, "  %zu %s", r->sig_count[v], smt_sig_verdict_names[v]);
			/* what the comparison did not cover: a request that leaves
			 * out a field whose default changed */
			for (size_t i = 0; v == SMT_SIG_EQUIVALENT && i < r->ndefaults; i++)
				fprintf(out, "%s%s", i ? (i + 1 == r->ndefaults ? " or " : ", ")
				                       : " (for requests that give every field: one that leaves out ",
				        r->defaults[i]);
			if (v == SMT_SIG_EQUIVALENT && r->ndefaults)
				fprintf(out, " may be decided otherwise, %s default changed)", r->ndefaults == 1 ? "its"
				                                                                                   : "their");
			fputc('\n', out);
		}
		for (size_t i = 0; i < r->nsigs; i++) {
			const smt_signature *s = &r->sigs[i];
			if (s->verdict == SMT_SIG_EQUIVALENT)
				continue;
			fputs("    ", out);
			sig_name(out, r, s);
			fprintf(out, ": %s\n", smt_sig_verdict_names[s->verdict]);
			if (s->witness_more)
				fprintf(out, "      more permissive for the baseline with %s\n", s->witness_more);
			if (s->witness_less)
				fprintf(out, "      less permissive for the baseline with %s\n", s->witness_less);
		}
	} else if (r->signature_note) {
		fprintf(out, "signatures: %s\n", r->signature_note);
	}
	for (size_t i = 0; i < r->nnotes; i++)
		fprintf(out, "note: %s\n", r->notes[i]);
	if (r->unknown)
		fprintf(out, "note: the solver gave up on some query (timeout): the list may be incomplete\n");
	if (r->bugs)
		fprintf(out, "BUG: %zu witness%s did not reproduce\n", r->bugs, r->bugs == 1 ? "" : "es");
	fprintf(out, "(%u solver queries, %.3f s)\n", r->queries, r->seconds);
}

static void jstr(FILE *out, const char *s)
{
	lp_strbuf b = { 0 };
	if (s)
		lp_sb_json_string(&b, s, strlen(s));
	else
		lp_sb_puts(&b, "null");
	fwrite(b.data, 1, b.len, out);
	lp_sb_free(&b);
}

static void jlabels(FILE *out, char **l, size_t n)
{
	fputc('[', out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", out);
		jstr(out, l[i]);
	}
	fputc(']', out);
}

static void jside(FILE *out, const smt_side *s)
{
	static const char *g[] = { "clauses", "default", "agreement" };
	fprintf(out, "{\"outcome\": \"%s\", \"ground\": \"%s\", \"text\": ",
	        lp_outcome_names[s->outcome], g[s->ground]);
	jstr(out, s->text);
	fputs(", \"grounds\": ", out);
	jlabels(out, s->grounds, s->ngrounds);
	fputs(", \"discretionary\": ", out);
	jlabels(out, s->discretionary, s->ndiscretionary);
	fputs(", \"fired\": ", out);
	jlabels(out, s->fired, s->nfired);
	fputs(", \"exempted\": ", out);
	jlabels(out, s->exempted, s->nexempted);
	fprintf(out, ", \"request\": %s, \"decision\": %s}", s->request_json, s->decision_json);
}

static void semantic_json(const smt_diff_result *r, FILE *out)
{
	fputs("{\"error\": ", out);
	jstr(out, r->error[0] ? r->error : NULL);
	fputs(", \"schema\": ", out);
	jlabels(out, r->schema, r->nschema);
	fputs(", \"notes\": ", out);
	jlabels(out, r->notes, r->nnotes);
	fprintf(out, ", \"clauses\": [%zu, %zu], \"compared\": %zu, \"renumbered\": %zu, \"header_changed\": ",
	        r->nclauses[0], r->nclauses[1], r->ncone, r->nrenumbered);
	jstr(out, r->global ? r->why : NULL);
	fputs(", \"baseline\": ", out);
	jstr(out, r->baseline);
	fprintf(out, ", \"baseline_request\": %s", r->baseline_json ? r->baseline_json : "null");
	fprintf(out, ", \"count\": %zu, \"kinds\": [", r->nchanges);
	for (size_t i = 0; i < r->nchanges; i++) {
		const smt_change *c = &r->changes[i];
		fprintf(out, "%s\n  {\"type\": \"%s\", \"kind\": ", i ? "," : "", smt_change_type_names[c->type]);
		jstr(out, c->kind);
		fputs(", \"region\": ", out);
		jstr(out, c->region);
		fprintf(out, ", \"old_outcome\": \"%s\", \"new_outcome\": \"%s\"",
		        lp_outcome_names[c->old_outcome], lp_outcome_names[c->new_outcome]);
		if (c->clause) {
			fputs(", \"clause\": ", out);
			jstr(out, c->clause);
		}
		if (c->oblig) {
			fputs(", \"obligation\": ", out);
			jstr(out, c->oblig);
			fprintf(out, ", \"old_value\": %s, \"new_value\": %s",
			        c->old_value ? c->old_value : "null", c->new_value ? c->new_value : "null");
		}
		fputs(", \"cause\": {\"old\": ", out);
		jlabels(out, c->cause[0], c->ncause[0]);
		fputs(", \"new\": ", out);
		jlabels(out, c->cause[1], c->ncause[1]);
		fprintf(out, "}, \"witness\": %s, \"old\": ", c->witness_json);
		jside(out, &c->old);
		fputs(", \"new\": ", out);
		jside(out, &c->neu);
		fprintf(out, ", \"reproduced\": %s, \"bug\": ", c->reproduced ? "true" : "false");
		jstr(out, c->bug);
		fputc('}', out);
	}
	fputs("],\n \"signatures\": ", out);
	if (!r->has_signatures) {
		fputs("null, \"signature_note\": ", out);
		jstr(out, r->signature_note);
	} else {
		fputs("{\"note\": ", out);
		jstr(out, r->signature_note);
		fputs(", \"by\": ", out);
		jlabels(out, r->sig_fields, r->nsig_fields);
		fputs(", \"counts\": {", out);
		for (int v = 0; v < SMT_SIG__COUNT; v++)
			fprintf(out, "%s\"%s\": %zu", v ? ", " : "", smt_sig_verdict_names[v], r->sig_count[v]);
		fputs("}, \"changed\": [", out);
		int first = 1;
		for (size_t i = 0; i < r->nsigs; i++) {
			const smt_signature *s = &r->sigs[i];
			if (s->verdict == SMT_SIG_EQUIVALENT)
				continue;
			fprintf(out, "%s\n  {\"requesting_party\": ", first ? "" : ",");
			jstr(out, s->requesting);
			fputs(", \"requested_party\": ", out);
			jstr(out, s->requested);
			for (size_t f = 0; f < r->nsig_fields; f++) {
				fputs(", ", out);
				jstr(out, r->sig_fields[f]);
				fputs(": ", out);
				jstr(out, s->values[f]);
			}
			fprintf(out, ", \"verdict\": \"%s\"", smt_sig_verdict_names[s->verdict]);
			if (s->witness_more)
				fprintf(out, ", \"witness_more\": %s", s->witness_more);
			if (s->witness_less)
				fprintf(out, ", \"witness_less\": %s", s->witness_less);
			fputc('}', out);
			first = 0;
		}
		fputs("]}", out);
	}
	fprintf(out, ",\n \"bugs\": %zu, \"truncated\": %s, \"unknown\": %s, \"queries\": %u, \"seconds\": %.3f}\n",
	        r->bugs, r->truncated ? "true" : "false", r->unknown ? "true" : "false",
	        r->queries, r->seconds);
}

/* ---- the replay ---- */

/* 1234567 -> "1,234,567" */
static const char *thousands(size_t n, char buf[32])
{
	char t[32];
	int len = snprintf(t, sizeof t, "%zu", n), k = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = t[i];
	}
	buf[k] = 0;
	return buf;
}

static void ids_text(FILE *out, const replay_count *c)
{
	if (!c->nids)
		return;
	fputs("        e.g. ids ", out);
	for (size_t i = 0; i < c->nids; i++)
		fprintf(out, "%s%s", i ? ", " : "", c->ids[i]);
	fputc('\n', out);
}

static void replay_text(const replay_result *r, const char *path, FILE *out)
{
	char a[32], b[32], c[32], d[32], e[32];
	if (r->error[0]) {
		fprintf(out, "replay: error: %s\n", r->error);
		return;
	}
	fprintf(out, "replay of %s: %s requests; %s decided by both versions, %s of them differently",
	        path, thousands(r->requests, a), thousands(r->decided, b), thousands(r->changed, c));
	if (r->decided)
		fprintf(out, " (%.2f%%)", 100.0 * (double)r->changed / (double)r->decided);
	if (r->changed)
		fprintf(out, ": %s more permissive, %s less permissive, %s on other grounds only",
		        thousands(r->more, d), thousands(r->less, e), thousands(r->neutral, a));
	if (r->unordered)
		fprintf(out, ", %s neither more nor less permissive (an obligation's type or combine changed)",
		        thousands(r->unordered, a));
	fputc('\n', out);
	if (r->nkinds)
		fputs("  by kind of change (a request may show several):\n", out);
	for (size_t i = 0; i < r->nkinds; i++) {
		fprintf(out, "    %11s  %s\n", thousands(r->kinds[i].n, a), r->kinds[i].what);
		ids_text(out, &r->kinds[i]);
	}
	if (r->nsigs) {
		fputs("  by signature (requesting party, requested party", out);
		for (size_t i = 0; i < r->nsig_fields; i++)
			fprintf(out, ", %s", r->sig_fields[i]);
		fputs("):\n", out);
	}
	for (size_t i = 0; i < r->nsigs; i++) {
		const replay_count *s = &r->sigs[i];
		const char *sep = ": ";
		fprintf(out, "    %11s  %s", thousands(s->n, a), s->what);
		if (s->more)
			fprintf(out, "%s%s more permissive", sep, thousands(s->more, b)), sep = ", ";
		if (s->less)
			fprintf(out, "%s%s less permissive", sep, thousands(s->less, b)), sep = ", ";
		if (s->changed)
			fprintf(out, "%s%s on other grounds only", sep, thousands(s->changed, b)), sep = ", ";
		if (s->unordered)
			fprintf(out, "%s%s neither more nor less permissive", sep, thousands(s->unordered, b));
		fputc('\n', out);
		ids_text(out, s);
	}
	if (r->one_side)
		fprintf(out, "  %s request%s read by one version and not the other (answered with an error by "
		        "one, decided by the other)\n", thousands(r->one_side, a), r->one_side == 1 ? "" : "s");
	for (int v = 0; v < 2; v++) {
		if (!r->unreadable[v])
			continue;
		fprintf(out, "  the %s version could not read %s request%s:\n", v ? "new" : "old",
		        thousands(r->unreadable[v], a), r->unreadable[v] == 1 ? "" : "s");
		for (size_t i = 0; i < r->nerrors[v]; i++) {
			fprintf(out, "    %11s  %s\n", thousands(r->errors[v][i].n, a), r->errors[v][i].what);
			ids_text(out, &r->errors[v][i]);
		}
	}
	if (r->old_names) {
		fprintf(out, "  the new version read %s request%s only by the old names of what it renamed: its "
		        "module, sent %s as logged, answers with an error:\n", thousands(r->old_names, a),
		        r->old_names == 1 ? "" : "s", r->old_names == 1 ? "it" : "them");
		for (size_t i = 0; i < r->nold_name_errors; i++) {
			fprintf(out, "    %11s  %s\n", thousands(r->old_name_errors[i].n, a), r->old_name_errors[i].what);
			ids_text(out, &r->old_name_errors[i]);
		}
	}
	fprintf(out, "(%s requests in %.2f s%s)\n", thousands(r->requests, a), r->seconds,
	        r->native ? ", decided by the two versions' native modules" : "");
}

static void jcounts(lp_strbuf *b, const replay_count *c, size_t n, int sig)
{
	lp_sb_puts(b, "[");
	for (size_t i = 0; i < n; i++) {
		lp_sb_puts(b, i ? ",\n   {\"what\": " : "\n   {\"what\": ");
		lp_sb_json_string(b, c[i].what, strlen(c[i].what));
		lp_sb_printf(b, ", \"requests\": %zu", c[i].n);
		if (sig)
			lp_sb_printf(b, ", \"more\": %zu, \"less\": %zu, \"other_grounds\": %zu, \"unordered\": %zu",
			             c[i].more, c[i].less, c[i].changed, c[i].unordered);
		lp_sb_puts(b, ", \"ids\": [");
		for (size_t k = 0; k < c[i].nids; k++)
			lp_sb_printf(b, "%s%s", k ? ", " : "", c[i].ids[k]);
		lp_sb_puts(b, "]}");
	}
	lp_sb_puts(b, "]");
}

static void replay_json(const replay_result *r, const char *path, lp_strbuf *b)
{
	lp_sb_puts(b, "{\"file\": ");
	lp_sb_json_string(b, path, strlen(path));
	lp_sb_puts(b, ", \"error\": ");
	if (r->error[0])
		lp_sb_json_string(b, r->error, strlen(r->error));
	else
		lp_sb_puts(b, "null");
	lp_sb_printf(b, ", \"requests\": %zu, \"decided\": %zu, \"changed\": %zu, \"more\": %zu, \"less\": %zu, "
	             "\"other_grounds\": %zu, \"unordered\": %zu, \"unreadable\": {\"old\": %zu, \"new\": %zu}, "
	             "\"read_by_one\": %zu,\n \"kinds\": ",
	             r->requests, r->decided, r->changed, r->more, r->less, r->neutral, r->unordered,
	             r->unreadable[0], r->unreadable[1], r->one_side);
	jcounts(b, r->kinds, r->nkinds, 0);
	lp_sb_puts(b, ",\n \"by\": [");
	for (size_t i = 0; i < r->nsig_fields; i++) {
		lp_sb_puts(b, i ? ", " : "");
		lp_sb_json_string(b, r->sig_fields[i], strlen(r->sig_fields[i]));
	}
	lp_sb_puts(b, "], \"signatures\": ");
	jcounts(b, r->sigs, r->nsigs, 1);
	lp_sb_puts(b, ",\n \"errors\": {\"old\": ");
	jcounts(b, r->errors[0], r->nerrors[0], 0);
	lp_sb_puts(b, ", \"new\": ");
	jcounts(b, r->errors[1], r->nerrors[1], 0);
	lp_sb_printf(b, "},\n \"by_old_names\": %zu, \"old_name_errors\": ", r->old_names);
	jcounts(b, r->old_name_errors, r->nold_name_errors, 0);
	lp_sb_printf(b, ", \"native\": %s, \"seconds\": %.3f}", r->native ? "true" : "false", r->seconds);
}

/* ---- the review page ----
 * pacta doc's typography (doc_css), and a few rules of its own for what
 * a diff has and a document has not: words struck out and put in, two
 * decisions side by side, a witness. */

static const char *const review_css[] = {
	".kicker b{color:#fff}\n",
	".change{background:var(--paper);border:1px solid var(--line);border-left:4px solid var(--other);border-radius:6px;margin:0 0 12px}\n",
	".change.added{border-left-color:var(--grant)}.change.removed{border-left-color:var(--refuse)}.change.renumbered,.change.renamed{border-left-color:#5d7bc0}\n",
	".change pre.src{border-radius:0 0 5px 0}\n",
	"del{background:var(--refuse-bg);color:var(--refuse);text-decoration:line-through}\n",
	"ins{background:var(--grant-bg);color:var(--grant);text-decoration:none;font-weight:600}\n",
	".badge.changed,.badge.renumbered,.badge.renamed{background:#e8eefc;color:#1f4fbf}.badge.added{background:var(--grant-bg);color:var(--grant)}\n",
	".badge.removed{background:var(--refuse-bg);color:var(--refuse)}\n",
	".badge.more{background:var(--grant-bg);color:var(--grant)}.badge.less{background:var(--refuse-bg);color:var(--refuse)}\n",
	".badge.mixed{background:var(--refer-bg);color:var(--refer)}\n",
	".kinds{display:grid;grid-template-columns:minmax(0,1fr);gap:14px}\n",
	".kind{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:12px 16px;scroll-margin-top:12px}\n",
	".kind h3{font:600 17px/1.35 Georgia,\"DejaVu Serif\",\"Liberation Serif\",serif;margin:0 0 6px}\n",
	".kind .region{font-size:13px;color:var(--refer);margin:0 0 8px}\n",
	".sides{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:12px;margin:8px 0 10px}\n",
	".side{border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:var(--code)}\n",
	".side .words{color:var(--muted);font-size:13px;margin-top:4px}\n",
	"ul.given li.hot{background:#fff4dc;border-color:#e0b56a;font-weight:600}\n",
	"details.rest summary{cursor:pointer;color:var(--muted);font-size:13px;margin:2px 0 6px}\n",
	".bug{color:#fff;background:var(--refuse);border-radius:4px;padding:1px 6px}\n",
	"ul.notes{margin:0;padding-left:20px}ul.notes li{margin:0 0 6px}\n",
	".versions{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:18px}\n",
	".versions h3{font-size:13px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0 0 8px}\n",
	"td.num{text-align:right;font-variant-numeric:tabular-nums}\n",
	"@media (max-width:860px){.sides,.versions{grid-template-columns:minmax(0,1fr)}}\n",
	NULL,
};

/* Escaped, " -> " written as an arrow. */
static void arrows(FILE *out, const char *s)
{
	for (const char *p; (p = strstr(s, " -> "));) {
		html_escape(out, s, (size_t)(p - s));
		fputs(" &#8594; ", out);
		s = p + 4;
	}
	esc(out, s);
}

static void put_id(FILE *out, const char *prefix, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	fputs(prefix, out);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '-' || *p == '_')
			fputc(*p, out);
		else
			fprintf(out, "_%c%c", hex[*p >> 4], hex[*p & 15]);
	}
}

/* ---- words struck out and put in ---- */

/* A word or a punctuation mark, with the white space before it (what is
 * printed) and without (what is compared). */
typedef struct word {
	const char *ws, *s;
	size_t n;
} word;

static int wordch(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
	       c == '-' || (unsigned char)c >= 0x80;
}

static size_t words(const char *t, word **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (const char *p = t; *p;) {
		const char *ws = p;
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!*p)
			break;
		const char *q = p + 1;
		if (wordch(*p))
			while (*q && wordch(*q))
				q++;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		(*out)[n++] = (word){ ws, p, (size_t)(q - p) };
		p = q;
	}
	return n;
}

static int word_eq(const word *a, const word *b)
{
	return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* words [from, to), inside <tag> when given, the space before the first
 * outside it */
static void run(FILE *out, const char *tag, const word *w, size_t from, size_t to)
{
	if (from >= to)
		return;
	html_escape(out, w[from].ws, (size_t)(w[from].s - w[from].ws));
	if (tag)
		fprintf(out, "<%s>", tag);
	html_escape(out, w[from].s, (size_t)(w[to - 1].s + w[to - 1].n - w[from].s));
	if (tag)
		fprintf(out, "</%s>", tag);
}

/* Words struck out, then words put in (a space between the two). */
static void change(FILE *out, const word *a, size_t a0, size_t a1, const word *b, size_t b0, size_t b1)
{
	run(out, "del", a, a0, a1);
	if (a1 > a0 && b1 > b0 && b[b0].ws == b[b0].s)
		fputc(' ', out);
	run(out, "ins", b, b0, b1);
}

/* The new text with the words the old one had and it lacks struck out,
 * and those it adds put in: a longest common subsequence of words (texts
 * of more than 3,000 words: struck out and put in whole). */
static void word_diff(FILE *out, const char *old, const char *neu)
{
	word *a, *b;
	size_t n = words(old, &a), m = words(neu, &b);
	if (n > 3000 || m > 3000) {
		run(out, "del", a, 0, n);
		run(out, "ins", b, 0, m);
		free(a);
		free(b);
		return;
	}
	/* L[i][j]: the common subsequence of a[i..] and b[j..] */
	uint16_t *L = xcalloc((n + 1) * (m + 1), sizeof *L);
#define AT(i, j) L[(i) * (m + 1) + (j)]
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			AT(i, j) = word_eq(&a[i], &b[j]) ? (uint16_t)(AT(i + 1, j + 1) + 1)
			         : AT(i + 1, j) > AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1);
	/* the edit script, words struck out and put in gathered between the
	 * words kept */
	size_t i = 0, j = 0, di = 0, dj = 0;
	while (i < n || j < m) {
		if (i < n && j < m && word_eq(&a[i], &b[j])) {
			change(out, a, di, i, b, dj, j);
			size_t si = i;
			while (i < n && j < m && word_eq(&a[i], &b[j]))
				i++, j++;
			run(out, NULL, a, si, i);
			di = i;
			dj = j;
		} else if (j == m || (i < n && AT(i + 1, j) >= AT(i, j + 1))) {
			i++;
		} else {
			j++;
		}
	}
	change(out, a, di, i, b, dj, j);
#undef AT
	free(L);
	free(a);
	free(b);
}

/* ---- a request, field by field ---- */

/* The members of a flat JSON object as written by the runtime's encoder:
 * calls fn(key, klen, value, vlen) for each. */
static void json_members(const char *j, void (*fn)(void *, const char *, size_t, const char *, size_t), void *ctx)
{
	const char *p = j ? strchr(j, '{') : NULL;
	if (!p)
		return;
	p++;
	for (;;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p != '"')
			return;
		const char *k = ++p;
		while (*p && *p != '"')
			p += *p == '\\' && p[1] ? 2 : 1;
		size_t kl = (size_t)(p - k);
		if (!*p)
			return;
		p++;
		while (*p == ' ' || *p == ':')
			p++;
		const char *v = p;
		int depth = 0, str = 0;
		for (; *p; p++) {
			if (str) {
				if (*p == '\\' && p[1])
					p++;
				else if (*p == '"')
					str = 0;
			} else if (*p == '"') {
				str = 1;
			} else if (*p == '[' || *p == '{') {
				depth++;
			} else if (*p == ']' || *p == '}') {
				if (depth-- == 0)
					break;
			} else if (*p == ',' && depth == 0) {
				break;
			}
		}
		fn(ctx, k, kl, v, (size_t)(p - v));
		if (*p != ',')
			return;
	}
}

typedef struct fields_ctx {
	FILE *out;
	const smt_change *c;
	int hot;                    /* list the fields that matter, or the others */
	size_t n;
} fields_ctx;

static int matters(const smt_change *c, const char *k, size_t kl)
{
	for (size_t i = 0; i < c->nwitness_fields; i++)
		if (strlen(c->witness_fields[i]) == kl && memcmp(c->witness_fields[i], k, kl) == 0)
			return 1;
	return 0;
}

/* One field of a request as a list item; f->c NULL: every field, plain. */
static void one_field(void *ctx, const char *k, size_t kl, const char *v, size_t vl)
{
	fields_ctx *f = ctx;
	if (f->c && matters(f->c, k, kl) != f->hot)
		return;
	fputs(f->c && f->hot ? "<li class=\"hot\"><span class=\"f\">" : "<li><span class=\"f\">", f->out);
	html_escape(f->out, k, kl);
	fputs("</span> = ", f->out);
	html_escape(f->out, v, vl);
	fputs("</li>", f->out);
	f->n++;
}

/* The witness as a request: the fields that matter first, highlighted;
 * the rest, the baseline's, folded away. */
static void witness_html(FILE *out, const smt_change *c)
{
	const char *req = c->neu.request_json ? c->neu.request_json : c->old.request_json;
	fields_ctx f = { out, c, 1, 0 };
	fputs("<p class=\"cap\">Witness: the baseline with</p>\n<ul class=\"given\">", out);
	json_members(c->witness_json, one_field, &f);
	if (!f.n)
		fputs("<li>nothing changed: the baseline itself</li>", out);
	fputs("</ul>\n<details class=\"rest\"><summary>The rest of the request (as the baseline has it)</summary>"
	      "<ul class=\"given\">", out);
	f.hot = 0;
	json_members(req, one_field, &f);
	fputs("</ul></details>\n", out);
}

/* A witness's fields off the baseline, as a list. */
static void fields_list(FILE *out, const char *json)
{
	fields_ctx f = { out, NULL, 0, 0 };
	fputs("<ul class=\"given\">", out);
	json_members(json, one_field, &f);
	if (!f.n)
		fputs("<li>the baseline itself</li>", out);
	fputs("</ul>", out);
}

/* ---- decisions, with links to the clauses ---- */

static const char *outcome_badge(int o)
{
	return lp_outcome_names[o];
}

static int listed(char **l, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i], s) == 0)
			return 1;
	return 0;
}

static void side_html(FILE *out, const char *who, const char *prefix, const smt_side *s)
{
	fprintf(out, "<div class=\"side\"><p class=\"cap\">%s version</p><span class=\"badge %s\">%s</span>", who,
	        outcome_badge(s->outcome), outcome_badge(s->outcome));
	if (s->ground == PG_DEFAULT) {
		fputs(" by the default (no clause decides)", out);
	} else if (s->ground == PG_AGREEMENT) {
		fputs(" by the agreement (not between its parties, or not in force)", out);
	} else {
		fputs(" by ", out);
		for (size_t i = 0; i < s->ngrounds; i++) {
			fputs(i ? ", <a class=\"cite\" href=\"#" : "<a class=\"cite\" href=\"#", out);
			put_id(out, prefix, s->grounds[i]);
			fputs("\">", out);
			esc(out, s->grounds[i]);
			fputs("</a>", out);
			if (listed(s->discretionary, s->ndiscretionary, s->grounds[i]))
				fputs(" (may refuse)", out);
		}
	}
	fputs("<div class=\"words\">", out);
	esc(out, s->text ? s->text : "");
	fputs("</div></div>\n", out);
}

/* ---- the clauses concerned, as cards of both versions ---- */

/* The clause's source text: from its keyword to the next declaration. */
static void clause_source(FILE *out, const lw_program *lw, uint32_t ci)
{
	const lw_clause *c = &lw->clauses[ci];
	const srcfile *f = c->at.file;
	if (!f)
		return;
	uint32_t end = (uint32_t)f->len;
	for (uint32_t i = 0; i < lw->nitems; i++) {
		const lw_item *d = &lw->items[i];
		if (d->at.file == f && d->at.start > c->at.start && d->at.start < end)
			end = d->at.start;
	}
	/* leave out the blank and comment lines before the next one */
	uint32_t e = end;
	for (;;) {
		while (e > c->at.start && (f->text[e - 1] == ' ' || f->text[e - 1] == '\n' || f->text[e - 1] == '\t'))
			e--;
		uint32_t bol = e;
		while (bol > c->at.start && f->text[bol - 1] != '\n')
			bol--;
		uint32_t k = bol;
		while (k < e && (f->text[k] == ' ' || f->text[k] == '\t'))
			k++;
		if (bol > c->at.start && k < e && f->text[k] == '#')
			e = bol;
		else
			break;
	}
	fputs("<pre class=\"src\">", out);
	html_escape(out, f->text + c->at.start, e - c->at.start);
	fputs("</pre>\n", out);
}

/* want[i]: 0 not shown; 1 shown; 2 + enum diff_op: shown, with what the
 * text changed */
static void clause_cards(FILE *out, const lw_program *lw, const char *prefix, uint8_t *want)
{
	int any = 0;
	for (uint32_t i = 0; i < lw->schema.nclauses; i++) {
		if (!want[i])
			continue;
		const lw_clause *c = &lw->clauses[i];
		unsigned k = PA__COUNT;
		for (uint32_t j = c->rule0; j < c->rule0 + c->nrules; j++) {
			int o = lp_action_outcome(lw->rules[j].action);
			if (o >= 0 && (k == PA__COUNT || (unsigned)o > k))
				k = (unsigned)o;
		}
		fprintf(out, "<section class=\"clause k-%s\" id=\"", k < PO__COUNT ? lp_outcome_names[k] : "other");
		put_id(out, prefix, c->label);
		fputs("\"><div class=\"ch\"><span class=\"lbl\">", out);
		fputs(c->kind == CK_CLAUSE ? "Clause " : c->kind == CK_RESERVATION ? "Reservation " : "Declaration ", out);
		esc(out, c->label);
		fputs("</span>", out);
		if (c->title) {
			fputs(" <span class=\"ct\">", out);
			esc(out, c->title);
			fputs("</span>", out);
		}
		if (want[i] >= 2)
			fprintf(out, "<span class=\"badges\"><span class=\"badge %s\">%s</span></span>", op_name(want[i] - 2),
			        op_name(want[i] - 2));
		fputs("</div>\n", out);
		clause_source(out, lw, i);
		fputs("</section>\n", out);
		any = 1;
	}
	if (!any)
		fputs("<p class=\"noclause\">None.</p>\n", out);
}

static int find_clause(const lw_program *lw, const char *label)
{
	for (uint32_t i = 0; i < lw->schema.nclauses; i++)
		if (strcmp(lw->clauses[i].label, label) == 0)
			return (int)i;
	return -1;
}

static void want_labels(const lw_program *lw, uint8_t *want, char **l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int k = find_clause(lw, l[i]);
		if (k >= 0 && !want[k])
			want[k] = 1;
	}
}

static const char *verdict_class(int v)
{
	return v == SMT_SIG_MORE ? "more" : v == SMT_SIG_LESS ? "less" : v == SMT_SIG_MIXED ? "mixed" : "";
}

static void html_replay(FILE *out, const replay_result *rr)
{
	char a[32], b[32], c[32], d[32];
	fputs("<section class=\"part\" id=\"replay\">\n<h2>Logged requests, decided by both versions</h2>\n", out);
	if (rr->error[0]) {
		fputs("<p class=\"lead\">", out);
		esc(out, rr->error);
		fputs("</p>\n</section>\n", out);
		return;
	}
	fputs("<p class=\"lead\"><code>", out);
	esc(out, rr->path);
	fprintf(out, "</code>: %s requests, %s decided by both versions, <b>%s of them differently</b>: "
	        "%s more permissive, ", thousands(rr->requests, a), thousands(rr->decided, b),
	        thousands(rr->changed, c), thousands(rr->more, d));
	fprintf(out, "%s less permissive, %s on other grounds only", thousands(rr->less, a),
	        thousands(rr->neutral, b));
	if (rr->unordered)
		fprintf(out, ", %s neither more nor less permissive (an obligation's type or combine changed)",
		        thousands(rr->unordered, a));
	if (rr->one_side)
		fprintf(out, "; <b>%s read by one version and not the other</b>", thousands(rr->one_side, a));
	fputs(".</p>\n", out);
	for (int t = 0; t < 5; t++) {
		const replay_count *cs = t == 0 ? rr->kinds : t == 1 ? rr->sigs : t == 4 ? rr->old_name_errors
		                       : rr->errors[t - 2];
		size_t n = t == 0 ? rr->nkinds : t == 1 ? rr->nsigs : t == 4 ? rr->nold_name_errors : rr->nerrors[t - 2];
		if (!n)
			continue;
		fprintf(out, "<table class=\"ex\"><thead><tr><th>%s</th><th>Requests</th>%s%s<th>First ids</th></tr></thead><tbody>\n",
		        t == 0 ? "Kind of change" : t == 1 ? "Signature" : t == 2 ? "The old version could not read"
		        : t == 3 ? "The new version could not read"
		                 : "Read by the new version only by an old name: its module answers with an error",
		        t == 1 ? "<th>More permissive</th><th>Less permissive</th><th>Other grounds</th>" : "",
		        t == 1 && rr->unordered ? "<th>Neither</th>" : "");
		for (size_t i = 0; i < n; i++) {
			fputs("<tr><td>", out);
			esc(out, cs[i].what);
			fprintf(out, "</td><td class=\"num\">%s</td>", thousands(cs[i].n, a));
			if (t == 1)
				fprintf(out, "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>",
				        thousands(cs[i].more, a), thousands(cs[i].less, b), thousands(cs[i].changed, c));
			if (t == 1 && rr->unordered)
				fprintf(out, "<td class=\"num\">%s</td>", thousands(cs[i].unordered, a));
			fputs("<td><code>", out);
			for (size_t k = 0; k < cs[i].nids; k++) {
				if (k)
					fputs(", ", out);
				esc(out, cs[i].ids[k]);
			}
			fputs("</code></td></tr>\n", out);
		}
		fputs("</tbody></table>\n", out);
	}
	fputs("</section>\n", out);
}

/* Two versions of a part: the agreement they were compared in, and the
 * others that import the part, whose decisions the report does not show.
 * 0 when they are agreements. */
static int part_words(const diff_result *sr, lp_strbuf *w)
{
	if (!sr->part_of)
		return 0;
	lp_sb_printf(w, "compared as parts of %s, which imports them", sr->part_of);
	size_t n = 0;
	for (const char *p = sr->others; p && p < sr->others + sr->others_len; p += strlen(p) + 1)
		lp_sb_printf(w, "%s%s", n++ ? ", " : "; also imported by ", p);
	if (n)
		lp_sb_printf(w, ", whose decisions this report does not show: diff %s versions for %s",
		             n == 1 ? "its" : "their", n == 1 ? "it" : "each");
	return !w->failed;
}

/* The review page: the same report as the text, for reading in a browser,
 * in the typography of `pacta doc`. */
static void page(const char *a, const char *b, const lw_program *la, const lw_program *lb,
                 const diff_result *sr, const smt_diff_result *r, const replay_result *rr, FILE *out)
{
	const char *title = lb->scope.has_header && lb->scope.title ? lb->scope.title : b;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"pacta diff\">\n<title>Amendment review: ", out);
	esc(out, title);
	fputs("</title>\n<style>\n", out);
	for (size_t i = 0; doc_css[i]; i++)
		fputs(doc_css[i], out);
	for (size_t i = 0; review_css[i]; i++)
		fputs(review_css[i], out);
	fputs("</style>\n</head>\n<body>\n<header class=\"top\"><div class=\"page\">\n"
	      "<p class=\"kicker\">Amendment review</p>\n<h1>", out);
	esc(out, title);
	fputs("</h1>\n<dl class=\"meta\">\n", out);
	const lw_program *lw[2] = { la, lb };
	const char *path[2] = { a, b };
	for (int s = 0; s < 2; s++) {
		fprintf(out, "<div><dt>%s</dt><dd>", s ? "New version" : "Old version");
		const char *base = strrchr(path[s], '/');
		esc(out, lw[s]->scope.version && *lw[s]->scope.version ? lw[s]->scope.version : "(no version)");
		fputs(" &#183; <span title=\"", out);
		esc(out, path[s]);
		fputs("\">", out);
		esc(out, base ? base + 1 : path[s]);
		fputs("</span></dd></div>\n", out);
	}
	lp_strbuf pw = { 0 };
	if (part_words(sr, &pw)) {
		fputs("<div><dt>Parts</dt><dd>", out);
		esc(out, pw.data);
		fputs("</dd></div>\n", out);
	}
	lp_sb_free(&pw);
	fprintf(out, "<div><dt>The text</dt><dd>%zu change%s</dd></div>\n", sr->n, sr->n == 1 ? "" : "s");
	if (r)
		fprintf(out, "<div><dt>The decisions</dt><dd>%zu kind%s of change</dd></div>\n", r->nchanges,
		        r->nchanges == 1 ? "" : "s");
	if (r && r->has_signatures) {
		fputs("<div><dt>Signatures</dt><dd>", out);
		int first = 1;
		for (int v = 0; v < SMT_SIG__COUNT; v++)
			if (r->sig_count[v]) {
				fprintf(out, "%s%zu %s", first ? "" : ", ", r->sig_count[v], smt_sig_verdict_names[v]);
				first = 0;
			}
		fputs("</dd></div>\n", out);
	}
	fputs("</dl>\n</div></header>\n<main class=\"page\">\n<nav class=\"toc\"><h2>Contents</h2><ol>\n"
	      "<li><a href=\"#structure\"><span class=\"n\">&#167; 1</span>What the text changes</a></li>\n", out);
	if (r)
		fputs("<li><a href=\"#decisions\"><span class=\"n\">&#167; 2</span>What the decisions change</a></li>\n"
		      "<li><a href=\"#signatures\"><span class=\"n\">&#167; 3</span>By signature</a></li>\n"
		      "<li><a href=\"#schema\"><span class=\"n\">&#167; 4</span>How requests were compared</a></li>\n", out);
	if (rr)
		fputs("<li><a href=\"#replay\"><span class=\"n\">&#167; 2</span>Logged requests</a></li>\n", out);
	fprintf(out, "<li><a href=\"#clauses\"><span class=\"n\">&#167; %d</span>The clauses concerned</a></li>\n</ol></nav>\n",
	        r ? 5 : rr ? 3 : 2);

	/* 1. the text */
	fputs("<section class=\"part\" id=\"structure\">\n<h2>What the text changes</h2>\n", out);
	if (!sr->n)
		fputs("<p class=\"lead\">Nothing, layout and comments aside.</p>\n", out);
	else
		fputs("<p class=\"lead\">Each declaration added, removed or changed, the words struck out and put in "
		      "(layout and comments aside).</p>\n", out);
	for (size_t i = 0; i < sr->n; i++) {
		const diff_item *it = &sr->items[i];
		const char *op = op_name(it->op);
		fprintf(out, "<div class=\"change %s\"><div class=\"ch\"><span class=\"lbl\">", op);
		esc(out, it->what);
		fputs(" ", out);
		esc(out, it->name);
		if (it->name2) {
			fputs(" &#8594; ", out);
			esc(out, it->name2);
		}
		if (it->of) {
			fputs(" (of enum ", out);
			esc(out, it->of);
			fputs(")", out);
		}
		fprintf(out, "</span><span class=\"badges\"><span class=\"badge %s\">%s</span></span></div>\n", op, op);
		if (it->same_rules == 3)
			fputs("<div class=\"rel\">The same, but for the member renamed.</div>\n", out);
		else if (it->same_rules)
			fputs("<div class=\"rel\">The rules are the same: no request is decided differently because of it.</div>\n",
			      out);
		if (it->of)
			fputs("<div class=\"rel\">Requests name it by its new name: a host that sends the old one gets an "
			      "unknown-value error from the new module.</div>\n", out);
		for (size_t k = 0; k < it->ndoubts; k++) {
			fputs("<div class=\"rel\">Not taken as renamed: ", out);
			esc(out, it->doubts[k].text);
			fputs(".</div>\n", out);
		}
		if (it->old || it->neu) {
			fputs("<pre class=\"src\">", out);
			word_diff(out, it->old ? it->old : "", it->neu ? it->neu : "");
			fputs("</pre>\n", out);
		}
		fputs("</div>\n", out);
	}
	if (sr->nguar || sr->old_asserts) {
		char head[160];
		guarantees_headline(sr, head, sizeof head);
		fputs("<h3 id=\"guarantees\">The guarantees, proven</h3>\n<p class=\"lead\">", out);
		esc(out, head);
		fputs(": each assert proven over every request, as <code>pacta check</code> proves it.</p>\n", out);
		for (size_t i = 0; i < sr->nguar; i++) {
			const diff_guarantee *g = &sr->guar[i];
			const char *news = guarantee_news(g);
			if (!news)
				continue;
			fprintf(out, "<div class=\"change %s\"><div class=\"ch\"><span class=\"lbl\">assert &#8220;",
			        g->neu == PROVE_PROVEN ? "added" : "removed");
			esc(out, g->name);
			fputs("&#8221;</span></div>\n<div class=\"rel\">", out);
			esc(out, news);
			if (g->unstated) {
				fputs(": ", out);
				esc(out, g->unstated);
			}
			fputs("</div>\n", out);
			if (g->request_json) {
				fputs("<pre class=\"src\">counterexample: ", out);
				esc(out, g->request_json);
				fputs("\ndecided so:\n", out);
				esc(out, g->decision_text ? g->decision_text : "");
				fputs("</pre>\n", out);
			}
			if (g->asymmetries) {
				fputs("<pre class=\"src\">", out);
				esc(out, g->asymmetries);
				fputs("</pre>\n", out);
			}
			fputs("</div>\n", out);
		}
	}
	fputs("</section>\n", out);

	/* the clauses to show as cards: the grounds of the witnesses and
	 * every clause the text changes */
	uint8_t *want[2] = { xcalloc(la->schema.nclauses + 1, 1), xcalloc(lb->schema.nclauses + 1, 1) };
	for (size_t i = 0; i < sr->n; i++) {
		const diff_item *it = &sr->items[i];
		if (strcmp(it->what, "clause") && strcmp(it->what, "reservation") && strcmp(it->what, "declaration"))
			continue;
		int k0 = it->op != DIFF_ADDED ? find_clause(la, it->name) : -1;
		int k1 = it->op != DIFF_REMOVED ? find_clause(lb, it->name2 ? it->name2 : it->name) : -1;
		if (k0 >= 0)
			want[0][k0] = (uint8_t)(2 + it->op);
		if (k1 >= 0)
			want[1][k1] = (uint8_t)(2 + it->op);
	}

	if (r) {
		fputs("<section class=\"part\" id=\"decisions\">\n<h2>What the decisions change</h2>\n<p class=\"lead\">", out);
		if (r->error[0])
			esc(out, r->error);
		else if (!r->nchanges && r->ndefaults)
			fputs("No request that gives every field is decided differently; one that leaves out a field whose "
			      "default changed may be (see how requests were compared).", out);
		else if (!r->nchanges && r->partial)
			fputs("No request among those compared is decided differently; some were left out (see how "
			      "requests were compared).", out);
		else if (!r->nchanges)
			fputs("No request is decided differently.", out);
		else
			fprintf(out, "%zu kind%s of change, each with a witness: a request both versions decided again. ",
			        r->nchanges, r->nchanges == 1 ? "" : "s");
		if (r->baseline) {
			fputs(" Witnesses are read against the baseline: ", out);
			esc(out, r->baseline);
			fputs(".", out);
		}
		fputs("</p>\n<div class=\"kinds\">\n", out);
		for (size_t i = 0; i < r->nchanges; i++) {
			const smt_change *c = &r->changes[i];
			fprintf(out, "<div class=\"kind\" id=\"k-%zu\"><h3><a class=\"exn\" href=\"#k-%zu\">%zu</a>", i + 1, i + 1,
			        i + 1);
			arrows(out, c->region ? c->kind + strlen(c->region) + 2 : c->kind);
			fputs("</h3>\n", out);
			if (c->region) {
				fputs("<p class=\"region\">Among the requests naming what one version lacks: ", out);
				esc(out, c->region);
				fputs("</p>\n", out);
			}
			if (!c->reproduced) {
				fputs("<p><span class=\"bug\">a bug: the witness does not reproduce</span> ", out);
				esc(out, c->bug ? c->bug : "");
				fputs("</p>\n", out);
			}
			fputs("<div class=\"sides\">\n", out);
			side_html(out, "Old", "old-c-", &c->old);
			side_html(out, "New", "new-c-", &c->neu);
			fputs("</div>\n", out);
			witness_html(out, c);
			fputs("</div>\n", out);
			want_labels(la, want[0], c->old.grounds, c->old.ngrounds);
			want_labels(lb, want[1], c->neu.grounds, c->neu.ngrounds);
		}
		fputs("</div>\n</section>\n", out);

		fputs("<section class=\"part\" id=\"signatures\">\n<h2>By signature</h2>\n<p class=\"lead\">", out);
		if (!r->has_signatures) {
			esc(out, r->signature_note ? r->signature_note : "");
			fputs("</p>\n", out);
		} else {
			fputs("For each pair of parties", out);
			for (size_t f = 0; f < r->nsig_fields; f++) {
				fputs(" and ", out);
				esc(out, r->sig_fields[f]);
			}
			fputs(": more permissive when some requests are decided more loosely (a better outcome, or a "
			      "looser obligation) and none more strictly; mixed when both.</p>\n"
			      "<table class=\"ex\"><thead><tr><th>Requesting</th><th>Requested</th>", out);
			for (size_t f = 0; f < r->nsig_fields; f++) {
				fputs("<th>", out);
				esc(out, r->sig_fields[f]);
				fputs("</th>", out);
			}
			fputs("<th>Verdict</th><th>Witnesses</th></tr></thead><tbody>\n", out);
			for (size_t i = 0; i < r->nsigs; i++) {
				const smt_signature *g = &r->sigs[i];
				fputs("<tr><td>", out);
				esc(out, g->requesting);
				fputs("</td><td>", out);
				esc(out, g->requested);
				fputs("</td>", out);
				for (size_t f = 0; f < r->nsig_fields; f++) {
					fputs("<td>", out);
					esc(out, g->values[f]);
					fputs("</td>", out);
				}
				fprintf(out, "<td><span class=\"badge %s\">%s</span></td><td>", verdict_class(g->verdict),
				        smt_sig_verdict_names[g->verdict]);
				if (g->witness_more) {
					fputs("<p class=\"cap\">looser for the baseline with</p>", out);
					fields_list(out, g->witness_more);
				}
				if (g->witness_less) {
					fputs("<p class=\"cap\">stricter for the baseline with</p>", out);
					fields_list(out, g->witness_less);
				}
				fputs("</td></tr>\n", out);
			}
			fputs("</tbody></table>\n", out);
		}
		fputs("</section>\n", out);

		fputs("<section class=\"part\" id=\"schema\">\n<h2>How requests were compared</h2>\n<ul class=\"notes\">\n", out);
		char what[320];
		compared_words(r, what, sizeof what);
		fputs("<li>Compared: ", out);
		esc(out, what);
		fputs(".</li>\n", out);
		if (r->baseline_json) {
			fputs("<li>The baseline: <code>", out);
			esc(out, r->baseline_json);
			fputs("</code></li>\n", out);
		}
		for (size_t i = 0; i < r->nschema; i++) {
			fputs("<li>", out);
			esc(out, r->schema[i]);
			fputs("</li>\n", out);
		}
		for (size_t i = 0; i < r->nnotes; i++) {
			fputs("<li>", out);
			esc(out, r->notes[i]);
			fputs("</li>\n", out);
		}
		if (r->unknown)
			fputs("<li>The solver gave up on some query: the list may be incomplete.</li>\n", out);
		fputs("</ul>\n</section>\n", out);
	}
	if (rr)
		html_replay(out, rr);

	fputs("<section class=\"part\" id=\"clauses\">\n<h2>The clauses concerned</h2>\n<p class=\"lead\">The clauses "
	      "the text changes and those the witnesses name, as each version writes them.</p>\n"
	      "<div class=\"versions\"><div><h3>Old version</h3>\n", out);
	clause_cards(out, la, "old-c-", want[0]);
	fputs("</div><div><h3>New version</h3>\n", out);
	clause_cards(out, lb, "new-c-", want[1]);
	fputs("</div></div>\n</section>\n<footer>Generated by <code>pacta diff --html</code>. Every witness was decided "
	      "again by both versions' reference evaluators.</footer>\n</main>\n</body>\n</html>\n", out);
	free(want[0]);
	free(want[1]);
}

int report_semantic(FILE *out, int format, const smt_diff_result *r)
{
	if (format == REPORT_JSON)
		semantic_json(r, out);
	else
		semantic_text(r, out);
	return ferror(out) ? -1 : 0;
}

/* ---- all of it ---- */

int report_diff(FILE *out, int format, const char *a, const char *b, program *pa, const lw_program *la,
                program *pb, const lw_program *lb, const diff_result *sr, const smt_diff_result *r,
                const replay_result *rr)
{
	(void)pa, (void)pb;
	if (format == REPORT_JSON) {
		lp_strbuf j = { 0 };
		lp_sb_puts(&j, "{\"old\": ");
		lp_sb_json_string(&j, a, strlen(a));
		lp_sb_puts(&j, ", \"new\": ");
		lp_sb_json_string(&j, b, strlen(b));
		lp_sb_puts(&j, ", \"part_of\": ");
		if (sr->part_of)
			lp_sb_json_string(&j, sr->part_of, strlen(sr->part_of));
		else
			lp_sb_puts(&j, "null");
		lp_sb_puts(&j, ", \"also_imported_by\": [");
		for (const char *p = sr->others; p && p < sr->others + sr->others_len; p += strlen(p) + 1) {
			lp_sb_puts(&j, p == sr->others ? "" : ", ");
			lp_sb_json_string(&j, p, strlen(p));
		}
		lp_sb_puts(&j, "]");
		lp_sb_puts(&j, ", \"structure\": ");
		structure_json(sr, &j);
		lp_sb_puts(&j, ", \"guarantees\": ");
		guarantees_json(sr, &j);
		if (rr) {
			lp_sb_puts(&j, ",\n \"replay\": ");
			replay_json(rr, rr->path, &j);
		}
		if (r)
			lp_sb_puts(&j, ", \"decisions\": ");
		fwrite(j.data, 1, j.len, out);
		lp_sb_free(&j);
		if (r)
			semantic_json(r, out);
		else
			fputs("}\n", out);
		if (r)
			fputs("}\n", out);
	} else if (format == REPORT_HTML) {
		page(a, b, la, lb, sr, r, rr, out);
	} else {
		fprintf(out, "pacta diff %s %s\n", a, b);
		lp_strbuf w = { 0 };
		if (part_words(sr, &w))
			fprintf(out, "parts: %s\n", w.data);
		lp_sb_free(&w);
		structure_text(sr, out);
		guarantees_text(sr, out);
		if (rr)
			replay_text(rr, rr->path, out);
		if (r)
			semantic_text(r, out);
	}
	return ferror(out) ? -1 : 0;
}
