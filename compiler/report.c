/*
 * report.c — every output of `pacta diff`: text, JSON and the HTML review
 * page, of the structural part (diff.c) and the semantic part
 * (smt_diff.c) together.
 *
 * Pipeline: diff_structural and smt_diff compute; this file only prints.
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

static void esc(FILE *out, const char *s)
{
	html_escape(out, s, strlen(s));
}

/* ---- the structure ---- */

static const char *op_name(int op)
{
	return op == DIFF_ADDED ? "added" : op == DIFF_REMOVED ? "removed"
	     : op == DIFF_RENUMBERED ? "renumbered" : "changed";
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
		else
			fprintf(out, "  %s %s %s%s\n", it->what, it->name, op_name(it->op),
			        it->same_rules ? " (wording only: the same rules)" : "");
		if (it->old)
			fprintf(out, "    - %s\n", it->old);
		if (it->neu)
			fprintf(out, "    + %s\n", it->neu);
	}
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
		if (it->same_rules)
			lp_sb_puts(b, ", \"same_rules\": true");
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

static void semantic_text(const smt_diff_result *r, FILE *out)
{
	if (r->error[0]) {
		fprintf(out, "semantic diff: error: %s\n", r->error);
		return;
	}
	for (size_t i = 0; i < r->nschema; i++)
		fprintf(out, "schema: %s\n", r->schema[i]);
	if (!r->ncone)
		fprintf(out, "compared: no clause changed its rules (of %zu)\n", r->nclauses[1]);
	else if (r->ncone < r->nclauses[1] || r->ncone < r->nclauses[0])
		fprintf(out, "compared: the %zu clause%s that changed and those they exempt (of %zu); "
		        "the others fire alike in both versions\n", r->ncone, r->ncone == 1 ? "" : "s", r->nclauses[1]);
	if (r->baseline)
		fprintf(out, "baseline of the witnesses: %s\n  %s\n", r->baseline, r->baseline_json);
	if (!r->nchanges)
		fprintf(out, "semantic diff: no request is decided differently%s\n",
		        r->nrenumbered ? " (renumbered clauses read as the same clauses)" : "");
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
		for (int v = 0; v < SMT_SIG__COUNT; v++)
			if (r->sig_count[v])
				fprintf(out, "  %zu %s\n", r->sig_count[v], smt_sig_verdict_names[v]);
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
	fprintf(out, ", \"clauses\": [%zu, %zu], \"compared\": %zu, \"renumbered\": %zu, \"baseline\": ",
	        r->nclauses[0], r->nclauses[1], r->ncone, r->nrenumbered);
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
			fprintf(out, "%s%s on other grounds only", sep, thousands(s->changed, b));
		fputc('\n', out);
		ids_text(out, s);
	}
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
			lp_sb_printf(b, ", \"more\": %zu, \"less\": %zu, \"other_grounds\": %zu", c[i].more, c[i].less,
			             c[i].changed);
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
	             "\"other_grounds\": %zu, \"unreadable\": {\"old\": %zu, \"new\": %zu},\n \"kinds\": ",
	             r->requests, r->decided, r->changed, r->more, r->less, r->neutral, r->unreadable[0],
	             r->unreadable[1]);
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
	lp_sb_printf(b, "}, \"native\": %s, \"seconds\": %.3f}", r->native ? "true" : "false", r->seconds);
}

/* ---- the review page ---- */

/* The review page: the same report, structured for reading in a browser. */
static void page(const char *a, const char *b, const diff_result *sr,
                 const smt_diff_result *r, FILE *out)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>pacta diff</title>\n"
	      "<style>body{font-family:Georgia,serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}"
	      "h1,h2,h3{font-family:Helvetica,Arial,sans-serif}pre,code{font-family:Menlo,Consolas,monospace;font-size:.85rem}"
	      "pre{background:#f6f6f3;padding:.6rem;overflow-x:auto;white-space:pre-wrap}"
	      ".del{color:#a00}.add{color:#070}.kind{border:1px solid #ccc;margin:1rem 0;padding:.5rem 1rem}"
	      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}"
	      ".bug{color:#fff;background:#a00;padding:.1rem .4rem}</style></head><body>\n", out);
	fputs("<h1>pacta diff</h1>\n<p><code>", out);
	esc(out, a);
	fputs("</code> &rarr; <code>", out);
	esc(out, b);
	fprintf(out, "</code></p>\n<h2>Structure: %zu change%s</h2>\n", sr->n, sr->n == 1 ? "" : "s");
	for (size_t i = 0; i < sr->n; i++) {
		const diff_item *it = &sr->items[i];
		fprintf(out, "<h3>%s ", it->what);
		esc(out, it->name);
		fprintf(out, " %s</h3>\n<pre>", it->op == DIFF_ADDED ? "added" : it->op == DIFF_REMOVED ? "removed" : "changed");
		if (it->old) {
			fputs("<span class=\"del\">- ", out);
			esc(out, it->old);
			fputs("</span>\n", out);
		}
		if (it->neu) {
			fputs("<span class=\"add\">+ ", out);
			esc(out, it->neu);
			fputs("</span>\n", out);
		}
		fputs("</pre>\n", out);
	}
	fprintf(out, "<h2>Decisions: %zu kind%s of change</h2>\n", r->nchanges, r->nchanges == 1 ? "" : "s");
	for (size_t i = 0; i < r->nchanges; i++) {
		const smt_change *c = &r->changes[i];
		fputs("<div class=\"kind\"><h3>", out);
		esc(out, c->kind);
		fputs("</h3>\n", out);
		if (!c->reproduced) {
			fputs("<p><span class=\"bug\">witness does not reproduce</span> ", out);
			esc(out, c->bug ? c->bug : "");
			fputs("</p>\n", out);
		}
		fputs("<p>Witness request:</p><pre>", out);
		esc(out, c->witness_json);
		fputs("</pre>\n<table><tr><th></th><th>old</th><th>new</th></tr>\n<tr><td>decision</td><td><code>", out);
		esc(out, c->old.decision_json ? c->old.decision_json : "");
		fputs("</code></td><td><code>", out);
		esc(out, c->neu.decision_json ? c->neu.decision_json : "");
		fputs("</code></td></tr>\n<tr><td>fired</td><td>", out);
		for (size_t k = 0; k < c->old.nfired; k++) {
			esc(out, c->old.fired[k]);
			fputs(" ", out);
		}
		fputs("</td><td>", out);
		for (size_t k = 0; k < c->neu.nfired; k++) {
			esc(out, c->neu.fired[k]);
			fputs(" ", out);
		}
		fputs("</td></tr></table></div>\n", out);
	}
	if (r->has_signatures) {
		fputs("<h2>By signature</h2>\n<table><tr><th>requesting</th><th>requested</th><th>assistance</th><th>verdict</th></tr>\n", out);
		for (size_t i = 0; i < r->nsigs; i++) {
			const smt_signature *s = &r->sigs[i];
			fprintf(out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", s->requesting,
			        s->requested, r->nsig_fields ? s->values[0] : "", smt_sig_verdict_names[s->verdict]);
		}
		fputs("</table>\n", out);
	}
	fputs("</body></html>\n", out);
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
	(void)pa, (void)la, (void)pb, (void)lb;
	if (format == REPORT_JSON) {
		lp_strbuf j = { 0 };
		lp_sb_puts(&j, "{\"old\": ");
		lp_sb_json_string(&j, a, strlen(a));
		lp_sb_puts(&j, ", \"new\": ");
		lp_sb_json_string(&j, b, strlen(b));
		lp_sb_puts(&j, ", \"structure\": ");
		structure_json(sr, &j);
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
		page(a, b, sr, r, out);
	} else {
		fprintf(out, "pacta diff %s %s\n", a, b);
		structure_text(sr, out);
		if (rr)
			replay_text(rr, rr->path, out);
		if (r)
			semantic_text(r, out);
	}
	return ferror(out) ? -1 : 0;
}
