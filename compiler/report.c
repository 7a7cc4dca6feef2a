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

int report_diff(FILE *out, int format, const char *a, const char *b,
                const diff_result *sr, const smt_diff_result *r)
{
	if (format == REPORT_JSON) {
		lp_strbuf j = { 0 };
		lp_sb_puts(&j, "{\"old\": ");
		lp_sb_json_string(&j, a, strlen(a));
		lp_sb_puts(&j, ", \"new\": ");
		lp_sb_json_string(&j, b, strlen(b));
		lp_sb_puts(&j, ", \"structure\": ");
		structure_json(sr, &j);
		lp_sb_puts(&j, ", \"decisions\": ");
		fwrite(j.data, 1, j.len, out);
		lp_sb_free(&j);
		semantic_json(r, out);
		fputs("}\n", out);
	} else if (format == REPORT_HTML) {
		page(a, b, sr, r, out);
	} else {
		fprintf(out, "pacta diff %s %s\n", a, b);
		structure_text(sr, out);
		semantic_text(r, out);
	}
	return ferror(out) ? -1 : 0;
}
