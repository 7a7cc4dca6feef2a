/*
 * doc.c — `pacta doc`: the agreement as a lawyer reads it, one HTML page.
 *
 * The page holds the header, each article's text beside its clauses (the
 * clause's source, verbatim, with the comment lines just above it, lightly
 * highlighted), citations as links (`exempts 2.1` links to 2.1, and 2.1
 * lists "exempted by 2.2" linking back), `from`/`sunset` windows, the
 * tests as worked examples, the fixtures, the definitions of the main file,
 * the guarantees (asserts, each proven again for the page: prove.c) and a
 * layered diagram of the exemption graph drawn as inline SVG.
 *
 * Everything is written in declaration order, with integer arithmetic
 * only, so the same checked program always gives the same bytes.  Every
 * piece of text taken from the source is HTML-escaped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "outfile.h"
#include "prove.h"
#include "parse_state.h"
#include "parser.h"

/* ---- the state of one rendering ---- */

typedef struct mark {
	uint32_t file, start;
} mark;

typedef struct edge {
	uint32_t src, dst;          /* clause indexes: src exempts dst */
} edge;

typedef struct link {
	uint32_t start;
	const char *prefix;         /* anchor prefix: "c-" clause, "d-" definition */
	const char *target;
} link;

/* The tokens of one source file, lexed once for the page. */
typedef struct toks {
	lex_token *t;
	size_t n;
	int done;
} toks;

typedef struct doc {
	FILE *out;
	program *p;                 /* to lex the sources */
	const lw_program *lw;
	toks *files;                /* per file id */
	const srcfile *main;
	mark *marks;                /* every declaration's start, sorted */
	size_t nmarks;
	edge *edges;                /* unique, in clause then rule order */
	size_t nedges;
	link *links;                /* scratch list for one source excerpt */
	size_t nlinks, caplinks;
} doc;

#define CLAUSE(D, i) (&(D)->lw->clauses[i])
#define CLAUSE_INDEX(D, cl) ((uint32_t)((cl) - (D)->lw->clauses))

/* ---- output helpers ---- */

static void put(doc *D, const char *s)
{
	fputs(s, D->out);
}

static void esc_n(doc *D, const char *s, size_t n)
{
	html_escape(D->out, s, n);
}

static void esc(doc *D, const char *s)
{
	if (s)
		esc_n(D, s, strlen(s));
}

/* Escaped, with every run of white space (newlines too) made one space. */
static void esc_flat(doc *D, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
				i++;
			if (i < n)
				fputc(' ', D->out);
			continue;
		}
		size_t j = i;
		while (j < n && !(s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
			j++;
		esc_n(D, s + i, j - i);
		i = j;
	}
}

/* An id attribute's value: a prefix and a label with everything outside
 * [A-Za-z0-9._-] written as _XX. */
static void put_id(doc *D, const char *prefix, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	put(D, prefix);
	for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '-' || *p == '_')
			fputc(*p, D->out);
		else {
			fputc('_', D->out);
			fputc(hex[*p >> 4], D->out);
			fputc(hex[*p & 15], D->out);
		}
	}
}

static void put_href(doc *D, const char *prefix, const char *name)
{
	put(D, "href=\"#");
	put_id(D, prefix, name);
	put(D, "\"");
}

static void put_date(doc *D, int64_t day)
{
	char buf[16];
	lp_date_format(day, buf);
	put(D, "<span class=\"date\">");
	put(D, buf);
	put(D, "</span>");
}

static const char *action_name(unsigned a)
{
	return a < PA__COUNT ? lp_action_names[a] : "?";
}

/* A link to a clause, its label as the text. */
static void clause_link(doc *D, const lw_clause *cl)
{
	put(D, "<a class=\"cite\" ");
	put_href(D, "c-", cl->label);
	put(D, ">");
	esc(D, cl->label);
	put(D, "</a>");
}

/* ---- source excerpts ---- */

static int blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

static uint32_t line_start(const char *t, uint32_t p)
{
	while (p > 0 && t[p - 1] != '\n')
		p--;
	return p;
}

static int only_blank(const char *t, uint32_t a, uint32_t b)
{
	for (; a < b; a++)
		if (!blank(t[a]))
			return 0;
	return 1;
}

/* Is the line starting at `a` only a comment? */
static int comment_line(const srcfile *f, uint32_t a)
{
	while (a < f->len && blank(f->text[a]))
		a++;
	return a < f->len && f->text[a] == '#';
}

static int mark_cmp(const void *x, const void *y)
{
	const mark *a = x, *b = y;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->start < b->start ? -1 : a->start > b->start;
}

/* The first declaration start after `at` in the same file (or its end),
 * and the last one before it (or 0). */
static void neighbours(const doc *D, span at, uint32_t *prev, uint32_t *next)
{
	size_t lo = 0, hi = D->nmarks;
	mark key = { at.file->id, at.start };
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (mark_cmp(&D->marks[mid], &key) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* lo: first mark > key */
	*next = (uint32_t)at.file->len;
	if (lo < D->nmarks && D->marks[lo].file == key.file)
		*next = D->marks[lo].start;
	*prev = 0;
	size_t i = lo;
	while (i > 0 && D->marks[i - 1].file == key.file && D->marks[i - 1].start >= key.start)
		i--;
	if (i > 0 && D->marks[i - 1].file == key.file)
		*prev = D->marks[i - 1].start + 1;
}

/* The source of a declaration: from the comment lines directly above it
 * (no blank line between) to its last line that is not a comment, before
 * the next declaration. */
static void decl_range(const doc *D, span at, uint32_t *pb, uint32_t *pe)
{
	const srcfile *f = at.file;
	const char *t = f->text;
	uint32_t prev, next;
	neighbours(D, at, &prev, &next);
	uint32_t b = at.start;
	uint32_t ls = line_start(t, b);
	if (only_blank(t, ls, b)) {
		b = ls;
		while (b > 0 && b - 1 >= prev) {
			uint32_t pl = line_start(t, b - 1);
			if (pl < prev || !comment_line(f, pl))
				break;
			b = pl;
		}
	}
	uint32_t e = next;
	uint32_t nl = line_start(t, e);
	if (nl > b && only_blank(t, nl, e))
		e = nl;
	for (;;) {
		while (e > b && (blank(t[e - 1]) || t[e - 1] == '\n'))
			e--;
		uint32_t l = line_start(t, e);
		if (l > b && l >= at.start && comment_line(f, l) && l < e) {
			e = l;
			continue;
		}
		break;
	}
	if (e < at.end)
		e = at.end;
	*pb = b;
	*pe = e;
}

static void add_link(doc *D, uint32_t start, const char *prefix, const char *target)
{
	if (D->nlinks == D->caplinks) {
		D->caplinks = D->caplinks ? 2 * D->caplinks : 32;
		D->links = xrealloc(D->links, D->caplinks * sizeof *D->links);
	}
	D->links[D->nlinks].start = start;
	D->links[D->nlinks].prefix = prefix;
	D->links[D->nlinks].target = target;
	D->nlinks++;
}

static int link_cmp(const void *x, const void *y)
{
	const link *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	int r = strcmp(a->prefix, b->prefix);
	return r ? r : strcmp(a->target, b->target);
}

/* Links from the names of the main file's definitions and tables. */
static void expr_links(doc *D, const expr *e)
{
	while (e) {
		if (e->kind == E_NAME && e->ref == REF_DEFINE && D->lw->defines[e->index].file == 0)
			add_link(D, e->at.start, "d-", D->lw->defines[e->index].name);
		if (e->kind == E_LOOKUP && D->lw->tables[e->index].file == 0)
			add_link(D, e->at.start, "d-", D->lw->tables[e->index].name);
		for (uint32_t i = 0; i < e->nelem; i++)
			expr_links(D, e->elem[i]);
		if (e->b)
			expr_links(D, e->b);
		if (e->c)
			expr_links(D, e->c);
		e = e->a;
	}
}

static void rule_links(doc *D, const lw_rule *r)
{
	for (uint32_t i = 0; i < r->nexempts; i++)
		add_link(D, r->exempts_at[i].start, "c-", CLAUSE(D, r->exempts[i])->label);
	expr_links(D, r->when);
	expr_links(D, r->unless);
	expr_links(D, r->value);
}

static void sort_links(doc *D)
{
	if (D->nlinks > 1)
		qsort(D->links, D->nlinks, sizeof *D->links, link_cmp);
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static void span_open(doc *D, const char *cls)
{
	put(D, "<span class=\"");
	put(D, cls);
	put(D, "\">");
}

static const toks *file_tokens(doc *D, const srcfile *f)
{
	toks *tk = &D->files[f->id];
	if (!tk->done) {
		tk->n = lex_tokens(D->p, f, &tk->t);
		tk->done = 1;
	}
	return tk;
}

/* The class a token is highlighted with, or NULL: `may refuse` is
 * discretion, not a refusal, and is coloured apart. */
static const char *token_class(int kind, int prev)
{
	switch (kind) {
	case MAY: return "kw a-may";
	case REFUSE: return prev == MAY ? "kw a-may" : "kw a-refuse";
	case REFER: return "kw a-refer";
	case GRANT: return "kw a-grant";
	case COMMENT: return "cm";
	case STRING: case TEXTBLOCK: return "st";
	case NUMBER: case DATELIT: case LABEL: return "nu";
	default: return lex_is_keyword(kind) ? "kw" : NULL;
	}
}

/* Writes the white space [p, q) of f: with `flat`, a line break and the
 * indentation after it become one space; otherwise `indent` columns of
 * leading blanks are removed from every line. */
static void put_blank(doc *D, const char *t, uint32_t p, uint32_t q, int flat, uint32_t indent)
{
	while (p < q) {
		char ch = t[p++];
		if (ch == '\n') {
			if (flat) {
				while (p < q && (blank(t[p]) || t[p] == '\n'))
					p++;
				put(D, " ");
			} else {
				put(D, "\n");
				for (uint32_t k = 0; k < indent && p < q && blank(t[p]); k++)
					p++;
			}
		} else if (ch != '\r') {
			esc_n(D, &ch, 1);
		}
	}
}

/* Writes the source text [b, e) of f, highlighted by the lexer's tokens,
 * with the links of D->links on the tokens they start at. */
static void put_source(doc *D, const srcfile *f, uint32_t b, uint32_t e, int flat, uint32_t indent)
{
	const char *t = f->text;
	const toks *tk = file_tokens(D, f);
	size_t li = 0, i = 0;
	while (i < tk->n && tk->t[i].start < b)
		i++;
	uint32_t p = b;
	for (uint32_t k = 0; k < indent && p < e && blank(t[p]); k++)
		p++;
	for (; i < tk->n && tk->t[i].start < e; i++) {
		const lex_token *x = &tk->t[i];
		uint32_t ts = x->start > p ? x->start : p, te = x->end < e ? x->end : e;
		put_blank(D, t, p, ts, flat, indent);
		while (li < D->nlinks && D->links[li].start < ts)
			li++;
		const char *cls = token_class(x->kind, i ? tk->t[i - 1].kind : 0);
		if (li < D->nlinks && D->links[li].start == ts) {
			put(D, "<a class=\"ref\" ");
			put_href(D, D->links[li].prefix, D->links[li].target);
			put(D, ">");
			esc_n(D, t + ts, te - ts);
			put(D, "</a>");
		} else if (cls) {
			span_open(D, cls);
			esc_n(D, t + ts, te - ts);
			put(D, "</span>");
		} else {
			esc_n(D, t + ts, te - ts);
		}
		p = te;
	}
	put_blank(D, t, p, e, flat, indent);
}

/* The common indentation of the non-blank lines of [b, e). */
static uint32_t common_indent(const srcfile *f, uint32_t b, uint32_t e)
{
	uint32_t best = UINT32_MAX;
	const char *t = f->text;
	for (uint32_t p = b; p < e;) {
		uint32_t q = p, n = 0;
		while (q < e && blank(t[q]))
			q++, n++;
		if (q < e && t[q] != '\n' && n < best)
			best = n;
		while (q < e && t[q] != '\n')
			q++;
		p = q + 1;
	}
	return best == UINT32_MAX ? 0 : best;
}

/* A declaration's source as a code block, with the links gathered in
 * D->links. */
static void decl_source(doc *D, span at)
{
	uint32_t b, e;
	decl_range(D, at, &b, &e);
	sort_links(D);
	put(D, "<pre class=\"src\"><code>");
	put_source(D, at.file, b, e, 0, common_indent(at.file, b, e));
	put(D, "</code></pre>\n");
}

/* An expression's source text, flattened (for given values). */
static void expr_text(doc *D, const expr *e)
{
	if (!e) {
		return;
	}
	esc_flat(D, e->at.file->text + e->at.start, e->at.end - e->at.start);
}

static uint32_t expr_end(const expr *e, uint32_t end)
{
	if (e && e->at.end > end)
		end = e->at.end;
	return end;
}

/* Where a rule's source ends: past its conditions, closing parentheses
 * and its `because` string. */
static uint32_t rule_end(const lw_rule *r)
{
	const srcfile *f = r->at.file;
	const char *t = f->text;
	uint32_t end = r->at.end;
	end = expr_end(r->when, end);
	end = expr_end(r->unless, end);
	end = expr_end(r->value, end);
	if (r->oblig_at.file && r->oblig_at.end > end)
		end = r->oblig_at.end;
	for (uint32_t i = 0; i < r->nexempts; i++)
		if (r->exempts_at[i].end > end)
			end = r->exempts_at[i].end;
	for (;;) {
		uint32_t q = end;
		while (q < f->len && (blank(t[q]) || t[q] == '\n'))
			q++;
		if (q < f->len && t[q] == ')') {
			end = q + 1;
			continue;
		}
		if (r->reason && q + 7 <= f->len && memcmp(t + q, "because", 7) == 0) {
			q += 7;
			while (q < f->len && (blank(t[q]) || t[q] == '\n'))
				q++;
			if (q < f->len && t[q] == '"') {
				q++;
				while (q < f->len && t[q] != '"' && t[q] != '\n') {
					if (t[q] == '\\' && q + 1 < f->len)
						q++;
					q++;
				}
				if (q < f->len && t[q] == '"')
					q++;
				end = q;
			}
		}
		break;
	}
	return end;
}

/* ---- the agreement's structure ---- */

static void add_edge(doc *D, uint32_t src, uint32_t dst)
{
	for (size_t i = 0; i < D->nedges; i++)
		if (D->edges[i].src == src && D->edges[i].dst == dst)
			return;
	D->edges[D->nedges].src = src;
	D->edges[D->nedges].dst = dst;
	D->nedges++;
}

static void find_edges(doc *D)
{
	const lw_program *lw = D->lw;
	size_t cap = 0;
	for (uint32_t r = 0; r < lw->schema.nrules; r++)
		cap += lw->rules[r].nexempts;
	D->edges = xcalloc(cap ? cap : 1, sizeof *D->edges);
	for (uint32_t r = 0; r < lw->schema.nrules; r++)
		for (uint32_t k = 0; k < lw->rules[r].nexempts; k++)
			add_edge(D, lw->rules[r].clause, lw->rules[r].exempts[k]);
}

/* The strongest action of a clause: refuse, refer, grant, else oblige. */
static unsigned clause_kind(const doc *D, const lw_clause *cl)
{
	int has[PA__COUNT] = { 0 };
	for (uint32_t i = cl->rule0; i < cl->rule0 + cl->nrules; i++)
		if (D->lw->rules[i].action < PA__COUNT)
			has[D->lw->rules[i].action] = 1;
	if (has[PA_REFUSE])
		return PA_REFUSE;
	if (has[PA_MAY_REFUSE])
		return PA_MAY_REFUSE;
	if (has[PA_REFER])
		return PA_REFER;
	if (has[PA_GRANT])
		return PA_GRANT;
	return has[PA_OBLIGE] ? PA_OBLIGE : PA_EXEMPTS;
}

/* The class of a clause's kind: refuse, may, refer, grant or other. */
static const char *kind_class(unsigned k)
{
	return k == PA_MAY_REFUSE ? "may" : k == PA_REFUSE || k == PA_REFER || k == PA_GRANT ? action_name(k)
	     : "other";
}

static void window_text(doc *D, const lw_clause *cl)
{
	if (cl->has_from && cl->has_sunset) {
		put(D, "In force for requests submitted from ");
		put_date(D, cl->from);
		put(D, " to ");
		put_date(D, cl->sunset);
		put(D, " (inclusive)");
	} else if (cl->has_from) {
		put(D, "In force for requests submitted on or after ");
		put_date(D, cl->from);
	} else {
		put(D, "In force for requests submitted on or before ");
		put_date(D, cl->sunset);
		put(D, " (sunset)");
	}
}

/* ---- the page ---- */

/* The page's style sheet; the review page of `pacta diff` (report.c)
 * shares it. */
const char *const doc_css[] = {
	":root{--ink:#1d2433;--muted:#5b6577;--line:#dde2ea;--paper:#fff;--bg:#f4f5f8;",
	"--code:#f7f8fb;--refuse:#b42318;--refuse-bg:#fdecea;--refer:#a15c07;--refer-bg:#fff4dc;",
	"--grant:#067647;--grant-bg:#e5f6eb;--other:#475467;--other-bg:#eef1f5;--link:#1f4fbf;",
	"--may:#6941c6;--may-bg:#f1ecfd}\n",
	"*{box-sizing:border-box}\n",
	"html{background:var(--bg)}\n",
	"body{margin:0;color:var(--ink);font:15px/1.55 -apple-system,\"Segoe UI\",\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif}\n",
	"a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}\n",
	".page{max-width:1240px;margin:0 auto;padding:0 24px 48px}\n",
	"header.top{background:#1b2a4a;color:#fff;padding:28px 0 22px;margin-bottom:24px}\n",
	"header.top .page{padding-bottom:0}\n",
	".kicker{text-transform:uppercase;letter-spacing:.12em;font-size:12px;color:#b8c4e0;margin:0 0 6px}\n",
	"h1{font:600 28px/1.25 Georgia,\"DejaVu Serif\",\"Liberation Serif\",serif;margin:0 0 14px}\n",
	"dl.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:10px 24px;margin:0}\n",
	"dl.meta div{border-left:3px solid #5d7bc0;padding-left:10px}\n",
	"dl.meta dt{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:#b8c4e0}\n",
	"dl.meta dd{margin:0;font-weight:600}\n",
	"nav.toc{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin-bottom:28px}\n",
	"nav.toc h2{font-size:13px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0 0 6px;border:0;padding:0}\n",
	"nav.toc ol{margin:0;padding:0;list-style:none;columns:2 300px;column-gap:32px}\n",
	"nav.toc li{padding:2px 0;break-inside:avoid}\n",
	"nav.toc a{display:flex}\n",
	"nav.toc .n{flex:0 0 4.4em;margin-right:.4em;color:var(--muted);font-variant-numeric:tabular-nums}\n",
	"h2{font:600 21px/1.3 Georgia,\"DejaVu Serif\",\"Liberation Serif\",serif;margin:0 0 12px}\n",
	"section.part{margin:36px 0 0}\n",
	"section.part>h2{border-bottom:2px solid #1b2a4a;padding-bottom:6px}\n",
	"p.lead{color:var(--muted);margin:-4px 0 14px}\n",
	"section.article{background:var(--paper);border:1px solid var(--line);border-radius:10px;margin:0 0 22px;padding:18px 20px;scroll-margin-top:12px}\n",
	".article-grid{display:grid;grid-template-columns:minmax(0,4fr) minmax(0,6fr);gap:24px;align-items:start}\n",
	".prose{font:16px/1.6 Georgia,\"DejaVu Serif\",\"Liberation Serif\",serif;color:#222a38}\n",
	".prose p{margin:0 0 .7em}\n",
	".prose .pn{font-weight:700}\n",
	".prose p.sub{margin-left:1.6em}\n",
	".prose .none{color:var(--muted);font-style:italic}\n",
	".clause{border:1px solid var(--line);border-left:4px solid var(--other);border-radius:6px;margin:0 0 14px;background:#fff;scroll-margin-top:12px}\n",
	".clause:target,.example:target,.fixture:target,.def:target{box-shadow:0 0 0 3px #9db4ef}\n",
	".clause.k-refuse{border-left-color:var(--refuse)}.clause.k-refer{border-left-color:var(--refer)}.clause.k-grant{border-left-color:var(--grant)}.clause.k-may{border-left-color:var(--may)}\n",
	".ch{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 8px;padding:8px 12px 6px}\n",
	".lbl{font-weight:700;font-variant-numeric:tabular-nums;color:var(--ink)}\n",
	".ct{font-weight:600}\n",
	".badges{margin-left:auto;display:flex;gap:4px}\n",
	".badge{display:inline-block;font-size:11px;font-weight:700;letter-spacing:.04em;text-transform:uppercase;border-radius:10px;padding:1px 8px;background:var(--other-bg);color:var(--other)}\n",
	".badge.refuse{background:var(--refuse-bg);color:var(--refuse)}.badge.refer{background:var(--refer-bg);color:var(--refer)}.badge.grant{background:var(--grant-bg);color:var(--grant)}\n",
	".badge.may{background:var(--may-bg);color:var(--may)}.a-may{color:var(--may)}\n",
	".badge.proven{background:var(--grant-bg);color:var(--grant)}.badge.unproven{background:var(--refuse-bg);color:var(--refuse)}\n",
	".status{background:#fffbea;border:1px solid #f0d78c;border-radius:8px;padding:10px 16px;margin:0 0 22px}\n",
	".status p{margin:.3em 0}\n",
	".party{background:var(--paper);border:1px solid var(--line);border-radius:10px;margin:0 0 22px;padding:18px 20px}\n",
	".party .deposited{font:15px/1.55 Georgia,\"DejaVu Serif\",\"Liberation Serif\",serif;margin:0 12px 8px;color:#222a38}\n",
	"table.obl{border-collapse:collapse;width:100%;background:var(--paper);border:1px solid var(--line);font-size:14px}\n",
	"table.obl th,table.obl td{text-align:left;padding:6px 12px;border-bottom:1px solid var(--line);vertical-align:top}\n",
	"table.obl th{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}\n",
	".win{margin:0 12px 6px;font-size:13px;background:#eef3ff;border:1px dashed #7c93d3;border-radius:4px;padding:2px 8px;display:inline-block}\n",
	"pre.src{margin:0;padding:9px 12px;background:var(--code);border-top:1px solid var(--line);overflow-x:auto;font:12.5px/1.5 \"DejaVu Sans Mono\",\"Liberation Mono\",Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:break-word}\n",
	".clause pre.src{border-radius:0 0 5px 0}\n",
	".kw{color:#6b3fa0;font-weight:600}.a-refuse{color:var(--refuse)}.a-refer{color:var(--refer)}.a-grant{color:var(--grant)}\n",
	".st{color:#0b6b73}.cm{color:#7a8496;font-style:italic}.nu{color:#9a4d00}\n",
	"a.ref{border-bottom:1px dotted var(--link)}a.ref:hover{text-decoration:none;background:#e8eefc}\n",
	".rel{font-size:13px;padding:6px 12px 8px;border-top:1px solid var(--line);color:var(--muted)}\n",
	".rel span+span:before{content:\" \\00b7  \"}\n",
	".rel b{font-weight:600;color:var(--ink)}\n",
	"a.cite{font-weight:600;font-variant-numeric:tabular-nums}\n",
	".date{white-space:nowrap}\n",
	".noclause{color:var(--muted);font-style:italic}\n",
	".graph{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:14px;overflow-x:auto}\n",
	".graph svg{display:block;max-width:100%;height:auto;margin:0 auto}\n",
	".graph .node rect{stroke-width:1.5}\n",
	".graph .node:hover rect{stroke-width:3}\n",
	".graph .k-refuse rect{fill:var(--refuse-bg);stroke:var(--refuse)}.graph .k-refer rect{fill:var(--refer-bg);stroke:var(--refer)}\n",
	".graph .k-grant rect{fill:var(--grant-bg);stroke:var(--grant)}.graph .k-other rect{fill:var(--other-bg);stroke:var(--other)}\n",
	".graph .k-may rect{fill:var(--may-bg);stroke:var(--may)}\n",
	".graph .windowed rect{stroke-dasharray:5 3}\n",
	".graph text{font:12px \"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;fill:var(--ink)}\n",
	".graph text.nl{font-weight:700}\n",
	".graph text.layer{fill:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.06em}\n",
	".graph path.e{fill:none;stroke:#6b7487;stroke-width:1.4}\n",
	".legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:13px;color:var(--muted);margin:10px 4px 0}\n",
	".legend i{display:inline-block;width:14px;height:10px;border:1.5px solid;border-radius:2px;margin-right:5px;vertical-align:-1px}\n",
	"table.ex{border-collapse:collapse;width:100%;background:var(--paper);border:1px solid var(--line);border-radius:10px;margin-top:14px;font-size:14px}\n",
	"table.ex th,table.ex td{text-align:left;padding:6px 12px;border-bottom:1px solid var(--line);vertical-align:top}\n",
	"table.ex th{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);font-weight:600}\n",
	"table.ex code{font:12.5px \"DejaVu Sans Mono\",\"Liberation Mono\",Menlo,monospace}\n",
	".examples{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:14px}\n",
	".example,.fixture,.def{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:12px 14px;scroll-margin-top:12px}\n",
	".example h3,.fixture h3,.def h3{font-size:15px;margin:0 0 8px;line-height:1.35}\n",
	".exn{display:inline-block;color:var(--muted);font-weight:600;margin-right:6px;font-variant-numeric:tabular-nums}\n",
	"ul.given{list-style:none;margin:0 0 10px;padding:0;font:12.5px/1.7 \"DejaVu Sans Mono\",\"Liberation Mono\",Menlo,monospace}\n",
	"ul.given li{display:inline-block;background:var(--code);border:1px solid var(--line);border-radius:4px;padding:0 6px;margin:0 4px 4px 0}\n",
	"ul.given .f{color:#6b3fa0}\n",
	".cap{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 4px}\n",
	".decision{border-top:1px solid var(--line);padding-top:8px;font-size:14px}\n",
	".decision .badge{font-size:12px;padding:2px 10px}\n",
	".decision code{font:12.5px \"DejaVu Sans Mono\",\"Liberation Mono\",Menlo,monospace}\n",
	".defs{display:grid;grid-template-columns:minmax(0,1fr);gap:12px}\n",
	".def pre.src,.fixture pre.src{border:1px solid var(--line);border-radius:4px}\n",
	"footer{margin-top:40px;color:var(--muted);font-size:13px;border-top:1px solid var(--line);padding-top:12px}\n",
	"@media (max-width:860px){.article-grid{grid-template-columns:minmax(0,1fr)}}\n",
	"@media print{html{background:#fff}header.top{background:#fff;color:#000}.kicker,dl.meta dt{color:#444}",
	".clause,.example,.fixture{break-inside:avoid}nav.toc{display:none}}\n",
	NULL,
};

/* The article text: lines that start a paragraph (numbered, bracketed, or
 * after a sentence ended) begin a new <p>; indented lines continue one. */
/* "(a)", "(iv)", "(2)" at s, the mark of an item of a list, or, as the
 * Council of Europe's treaties and others write them, "a.", "iv.", "a)",
 * "2)" before a blank: 2 for the first of one ("(a)", "a.", "i)", "1)"),
 * 1 for another, 0 for none. */
static int list_mark(const char *s, const char *e)
{
	int paren = s < e && *s == '(';
	const char *b = s + paren, *q = b;
	while (q < e && q - b < 5 && ((*q >= 'a' && *q <= 'z') || is_digit(*q)))
		q++;
	if (q == b || q >= e)
		return 0;
	if (paren) {
		if (*q != ')')
			return 0;
	} else {
		/* letters or digits, not both; "2." is a paragraph's number */
		int digits = is_digit(*b);
		for (const char *c = b; c < q; c++)
			if (is_digit(*c) != digits)
				return 0;
		if (!((*q == '.' && !digits) || *q == ')') || q + 1 >= e || !blank(q[1]))
			return 0;
	}
	return q == b + 1 && (*b == 'a' || *b == 'i' || *b == '1') ? 2 : 1;
}

static void article_text(doc *D, const char *text)
{
	if (!text || !*text) {
		put(D, "<p class=\"none\">The article has no text in the agreement.</p>\n");
		return;
	}
	const char *p = text;
	int open = 0, in_list = 0;
	char last = 0;
	while (*p) {
		const char *eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		const char *s = p;
		while (s < eol && blank(*s))
			s++;
		size_t indent = (size_t)(s - p);
		const char *e = eol;
		while (e > s && blank(e[-1]))
			e--;
		if (s == e) {
			if (open)
				put(D, "</p>\n");
			open = 0;
		} else {
			/* an indented "(a)" after a line that ends a sentence or
			 * announces a list ("where:"), and the items after it: a
			 * sub-paragraph each, not the continuation of the line
			 * before ("... (c) ...;" wrapped before "(d)" is one) */
			int item = indent > 0 && (last == '.' || last == ':' || last == ';') ? list_mark(s, e) : 0;
			int subpara = item == 2 || (item == 1 && in_list);
			int starts = !open || subpara ||
			             (indent == 0 && (is_digit(*s) || *s == '(' || *s == '-' ||
			                              *s == '*' || last == '.' || last == ':' || last == ';'));
			if (starts) {
				if (open)
					put(D, "</p>\n");
				put(D, subpara ? "<p class=\"sub\">" : "<p>");
				in_list = subpara;
				open = 1;
				/* a paragraph number: "1.", "1 bis.", "15-16." */
				const char *q = s;
				if (is_digit(*q)) {
					while (q < e && q - s < 16 && (is_digit(*q) || (*q >= 'a' && *q <= 'z') ||
					                               *q == ' ' || *q == '-'))
						q++;
					if (q < e && *q == '.' && q + 1 < e && q[1] == ' ') {
						put(D, "<span class=\"pn\">");
						esc_n(D, s, (size_t)(q + 1 - s));
						put(D, "</span>");
						s = q + 1;
						/* "2. a. Each Party ...": a list begun on
						 * the paragraph's line; its next items are
						 * sub-paragraphs */
						const char *m = s;
						while (m < e && blank(*m))
							m++;
						if (list_mark(m, e) == 2)
							in_list = 1;
					}
				}
			} else {
				put(D, " ");
			}
			esc_n(D, s, (size_t)(e - s));
			last = e[-1];
		}
		p = *eol ? eol + 1 : eol;
	}
	if (open)
		put(D, "</p>\n");
}

static void clause_card(doc *D, const lw_clause *cl)
{
	unsigned k = clause_kind(D, cl);
	put(D, "<section class=\"clause k-");
	put(D, kind_class(k));
	put(D, "\" id=\"");
	put_id(D, "c-", cl->label);
	put(D, "\">\n<div class=\"ch\"><a class=\"lbl\" ");
	put_href(D, "c-", cl->label);
	put(D, cl->kind == CK_RESERVATION ? ">Reservation " : cl->kind == CK_DECLARATION ? ">Declaration "
	       : ">Clause ");
	esc(D, cl->label);
	put(D, "</a>");
	if (cl->title) {
		put(D, " <span class=\"ct\">");
		esc(D, cl->title);
		put(D, "</span>");
	}
	put(D, "<span class=\"badges\">");
	static const unsigned order[] = { PA_REFUSE, PA_MAY_REFUSE, PA_REFER, PA_GRANT, PA_OBLIGE, PA_EXEMPTS };
	for (size_t o = 0; o < sizeof order / sizeof *order; o++)
		for (uint32_t i = cl->rule0; i < cl->rule0 + cl->nrules; i++) {
			const lw_rule *r = &D->lw->rules[i];
			if (r->action == order[o]) {
				put(D, "<span class=\"badge ");
				put(D, kind_class(order[o]));
				put(D, "\">");
				put(D, action_name(order[o]));
				put(D, "</span>");
				break;
			}
		}
	put(D, "</span></div>\n");
	if (cl->kind != CK_CLAUSE && cl->text) {
		put(D, "<div class=\"deposited\">");
		article_text(D, cl->text);
		put(D, "</div>\n");
	}
	if (cl->has_from || cl->has_sunset) {
		put(D, "<div class=\"win\">");
		window_text(D, cl);
		put(D, "</div>\n");
	}
	D->nlinks = 0;
	for (uint32_t i = cl->rule0; i < cl->rule0 + cl->nrules; i++)
		rule_links(D, &D->lw->rules[i]);
	decl_source(D, cl->at);

	/* citations both ways, and the examples that cite the clause */
	int any = 0;
	uint32_t me = CLAUSE_INDEX(D, cl);
	for (int dir = 0; dir < 2; dir++) {
		int n = 0;
		for (size_t i = 0; i < D->nedges; i++) {
			uint32_t from = dir ? D->edges[i].dst : D->edges[i].src;
			uint32_t to = dir ? D->edges[i].src : D->edges[i].dst;
			if (from != me)
				continue;
			if (!any)
				put(D, "<div class=\"rel\">");
			any = 1;
			if (!n)
				put(D, dir ? "<span><b>Exempted by</b> " : "<span><b>Exempts</b> ");
			else
				put(D, ", ");
			clause_link(D, CLAUSE(D, to));
			n++;
		}
		if (n)
			put(D, "</span>");
	}
	int n = 0;
	for (uint32_t i = 0; i < D->lw->ntests; i++) {
		const lw_test *t = &D->lw->tests[i];
		int cites = 0;
		if (t->by == EXPECT_LABELS)
			for (uint32_t j = 0; j < t->ngrounds; j++)
				if (t->grounds[j] == me)
					cites = 1;
		if (!cites)
			continue;
		if (!any)
			put(D, "<div class=\"rel\">");
		any = 1;
		put(D, n ? ", " : "<span><b>Cited by examples</b> ");
		fprintf(D->out, "<a href=\"#t-%u\">%u</a>", i + 1, i + 1);
		n++;
	}
	if (n)
		put(D, "</span>");
	if (any)
		put(D, "</div>\n");
	put(D, "</section>\n");
}

static void article_section(doc *D, const lw_article *art)
{
	uint32_t ai = art ? (uint32_t)(art - D->lw->articles) : LW_NONE;
	put(D, "<section class=\"article\" id=\"");
	put_id(D, "a-", art ? art->label : "none");
	put(D, "\">\n<h2>");
	if (art) {
		put(D, "Article ");
		esc(D, art->label);
		if (art->title) {
			put(D, " &#8212; ");
			esc(D, art->title);
		}
	} else {
		put(D, "Clauses outside any article");
	}
	put(D, "</h2>\n<div class=\"article-grid\">\n<div class=\"prose\">\n");
	if (art)
		article_text(D, art->text);
	else
		put(D, "<p class=\"none\">These clauses stand on their own, outside the articles.</p>\n");
	put(D, "</div>\n<div class=\"clauses\">\n");
	int n = 0;
	for (uint32_t i = 0; i < D->lw->schema.nclauses; i++) {
		const lw_clause *cl = CLAUSE(D, i);
		if (cl->article != ai || cl->kind != CK_CLAUSE)
			continue;
		clause_card(D, cl);
		n++;
	}
	if (!n)
		put(D, "<p class=\"noclause\">No clause implements this article.</p>\n");
	put(D, "</div>\n</div>\n</section>\n");
}

/* ---- the exemption graph ---- */

enum { NW = 240, NH = 44, COLGAP = 96, ROWGAP = 14, PAD = 16, TOP = 28 };

/* Up to `max` characters (code points) of s, with an ellipsis if cut. */
static void esc_trunc(doc *D, const char *s, size_t max)
{
	size_t n = 0, i = 0, len = strlen(s);
	while (i < len && n < max) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		n++;
	}
	esc_n(D, s, i);
	if (i < len)
		put(D, "&#8230;");
}

static void graph_section(doc *D)
{
	size_t nc = D->lw->schema.nclauses;
	put(D, "<section class=\"part\" id=\"exemptions\">\n<h2>Exemption graph</h2>\n");
	if (!D->nedges) {
		put(D, "<p class=\"lead\">No clause exempts another: every clause in force applies.</p>\n</section>\n");
		return;
	}
	put(D, "<p class=\"lead\">An arrow runs from a clause to the clause it exempts: when its condition "
	       "holds, the exempted clause does not apply. Clauses are laid out by exemption depth; "
	       "each box links to its clause.</p>\n");
	/* the clauses in the graph, and their layer: the longest chain of
	 * exemptions leading to them */
	int *in = xcalloc(nc, sizeof *in);
	uint32_t *layer = xcalloc(nc, sizeof *layer);
	for (size_t i = 0; i < D->nedges; i++)
		in[D->edges[i].src] = in[D->edges[i].dst] = 1;
	for (int changed = 1, round = 0; changed && (size_t)round <= nc; round++) {
		changed = 0;
		for (size_t i = 0; i < D->nedges; i++) {
			const edge *g = &D->edges[i];
			if (layer[g->dst] < layer[g->src] + 1) {
				layer[g->dst] = layer[g->src] + 1;
				changed = 1;
			}
		}
	}
	uint32_t nlayers = 0;
	for (size_t i = 0; i < nc; i++)
		if (in[i] && layer[i] + 1 > nlayers)
			nlayers = layer[i] + 1;
	/* per layer, its clauses in order */
	uint32_t **rows = xcalloc(nlayers, sizeof *rows);
	uint32_t *nrows = xcalloc(nlayers, sizeof *nrows);
	for (uint32_t l = 0; l < nlayers; l++)
		rows[l] = xcalloc(nc, sizeof **rows);
	for (size_t i = 0; i < nc; i++)
		if (in[i])
			rows[layer[i]][nrows[layer[i]]++] = (uint32_t)i;
	uint32_t maxrows = 0;
	for (uint32_t l = 0; l < nlayers; l++)
		if (nrows[l] > maxrows)
			maxrows = nrows[l];
	/* vertical position in half rows, centred per layer */
	int64_t *pos = xcalloc(nc, sizeof *pos);
	int64_t *key = xcalloc(nc, sizeof *key);
#define SETPOS(l) \
	for (uint32_t r_ = 0; r_ < nrows[l]; r_++) \
		pos[rows[l][r_]] = (int64_t)(maxrows - nrows[l]) + 2 * (int64_t)r_;
	for (uint32_t l = 0; l < nlayers; l++) {
		SETPOS(l)
	}
	/* barycentre sweeps: down, up, down */
	for (int sweep = 0; sweep < 3; sweep++) {
		int down = sweep != 1;
		for (uint32_t s = 0; s < nlayers; s++) {
			uint32_t l = down ? s : nlayers - 1 - s;
			for (uint32_t r = 0; r < nrows[l]; r++) {
				uint32_t v = rows[l][r];
				int64_t sum = 0, cnt = 0;
				for (size_t i = 0; i < D->nedges; i++) {
					uint32_t other;
					if (down && D->edges[i].dst == v)
						other = D->edges[i].src;
					else if (!down && D->edges[i].src == v)
						other = D->edges[i].dst;
					else
						continue;
					sum += pos[other];
					cnt++;
				}
				key[v] = cnt ? sum * 1024 / cnt : pos[v] * 1024;
			}
			/* stable insertion sort by key, then clause order */
			for (uint32_t r = 1; r < nrows[l]; r++) {
				uint32_t v = rows[l][r];
				uint32_t j = r;
				while (j > 0 && (key[rows[l][j - 1]] > key[v] ||
				                 (key[rows[l][j - 1]] == key[v] && rows[l][j - 1] > v))) {
					rows[l][j] = rows[l][j - 1];
					j--;
				}
				rows[l][j] = v;
			}
			SETPOS(l)
		}
	}
#undef SETPOS
	int64_t width = 2 * PAD + (int64_t)nlayers * NW + (int64_t)(nlayers - 1) * COLGAP;
	int64_t height = TOP + PAD + (int64_t)maxrows * (NH + ROWGAP) - ROWGAP;
	fprintf(D->out, "<div class=\"graph\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%lld\" "
	        "height=\"%lld\" viewBox=\"0 0 %lld %lld\" role=\"img\" aria-label=\"Exemption graph\">\n",
	        (long long)width, (long long)height, (long long)width, (long long)height);
	put(D, "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
	       "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#6b7487\"/>"
	       "</marker></defs>\n");
	for (uint32_t l = 0; l < nlayers; l++)
		fprintf(D->out, "<text class=\"layer\" x=\"%lld\" y=\"16\">%s %u</text>\n",
		        (long long)(PAD + (int64_t)l * (NW + COLGAP)), "depth", l);
#define NX(v) ((int64_t)PAD + (int64_t)layer[v] * (NW + COLGAP))
#define NY(v) ((int64_t)TOP + pos[v] * (NH + ROWGAP) / 2)
	for (size_t i = 0; i < D->nedges; i++) {
		uint32_t s = D->edges[i].src, t = D->edges[i].dst;
		int64_t x1 = NX(s) + NW, y1 = NY(s) + NH / 2;
		int64_t x2 = NX(t) - 2, y2 = NY(t) + NH / 2;
		int64_t dx = (x2 - x1) / 2;
		fprintf(D->out, "<path class=\"e\" d=\"M%lld,%lld C%lld,%lld %lld,%lld %lld,%lld\" "
		        "marker-end=\"url(#arrow)\"><title>",
		        (long long)x1, (long long)y1, (long long)(x1 + dx), (long long)y1,
		        (long long)(x2 - dx), (long long)y2, (long long)x2, (long long)y2);
		esc(D, CLAUSE(D, s)->label);
		put(D, " exempts ");
		esc(D, CLAUSE(D, t)->label);
		put(D, "</title></path>\n");
	}
	for (size_t v = 0; v < nc; v++) {
		if (!in[v])
			continue;
		const lw_clause *cl = CLAUSE(D, v);
		unsigned k = clause_kind(D, cl);
		put(D, "<a class=\"node k-");
		put(D, kind_class(k));
		if (cl->has_from || cl->has_sunset)
			put(D, " windowed");
		put(D, "\" ");
		put_href(D, "c-", cl->label);
		put(D, "><title>Clause ");
		esc(D, cl->label);
		if (cl->title) {
			put(D, ": ");
			esc(D, cl->title);
		}
		put(D, "</title>");
		fprintf(D->out, "<rect x=\"%lld\" y=\"%lld\" width=\"%d\" height=\"%d\" rx=\"6\"/>",
		        (long long)NX(v), (long long)NY(v), NW, NH);
		fprintf(D->out, "<text class=\"nl\" x=\"%lld\" y=\"%lld\">",
		        (long long)NX(v) + 10, (long long)NY(v) + 18);
		esc_trunc(D, cl->label, 24);
		put(D, " &#183; ");
		put(D, action_name(k));
		put(D, "</text>");
		fprintf(D->out, "<text x=\"%lld\" y=\"%lld\">", (long long)NX(v) + 10, (long long)NY(v) + 35);
		const char *at = cl->article != LW_NONE ? D->lw->articles[cl->article].title : NULL;
		esc_trunc(D, cl->title ? cl->title : at ? at : "", 30);
		put(D, "</text></a>\n");
	}
#undef NX
#undef NY
	put(D, "</svg>\n<div class=\"legend\"><span><i style=\"background:var(--refuse-bg);border-color:var(--refuse)\"></i>refuses</span>"
	       "<span><i style=\"background:var(--may-bg);border-color:var(--may)\"></i>may refuse (discretion)</span>"
	       "<span><i style=\"background:var(--refer-bg);border-color:var(--refer)\"></i>refers</span>"
	       "<span><i style=\"background:var(--grant-bg);border-color:var(--grant)\"></i>grants</span>"
	       "<span><i style=\"background:var(--other-bg);border-color:var(--other)\"></i>obliges or exempts only</span>"
	       "<span><i style=\"border-style:dashed;border-color:var(--other)\"></i>in force for a window only</span></div>\n</div>\n");
	/* every exemption in words */
	put(D, "<table class=\"ex\"><thead><tr><th>Clause</th><th>Rule</th><th>Exempted clause</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < nc; i++) {
		const lw_clause *cl = CLAUSE(D, i);
		for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++) {
			const lw_rule *r = &D->lw->rules[j];
			if (r->action != PA_EXEMPTS)
				continue;
			put(D, "<tr><td>");
			clause_link(D, cl);
			if (cl->title) {
				put(D, " ");
				esc(D, cl->title);
			}
			put(D, "</td><td><code>");
			D->nlinks = 0;
			rule_links(D, r);
			sort_links(D);
			put_source(D, r->at.file, r->at.start, rule_end(r), 1, 0);
			put(D, "</code></td><td>");
			for (uint32_t k = 0; k < r->nexempts; k++) {
				const lw_clause *t = CLAUSE(D, r->exempts[k]);
				if (k)
					put(D, ", ");
				clause_link(D, t);
				if (t->title) {
					put(D, " ");
					esc(D, t->title);
				}
			}
			put(D, "</td></tr>\n");
		}
	}
	put(D, "</tbody></table>\n</section>\n");
	for (uint32_t l = 0; l < nlayers; l++)
		free(rows[l]);
	free(rows);
	free(nrows);
	free(pos);
	free(key);
	free(layer);
	free(in);
}

/* ---- examples and fixtures ---- */

static void given_list(doc *D, const lw_given *given, uint32_t n)
{
	put(D, "<ul class=\"given\">");
	for (uint32_t i = 0; i < n; i++) {
		const lw_given *b = &given[i];
		put(D, "<li>");
		if (!b->value) {
			put(D, "fixture <a ");
			put_href(D, "f-", b->name);
			put(D, ">");
			esc(D, b->name);
			put(D, "</a>");
		} else {
			put(D, "<span class=\"f\">");
			esc(D, b->name);
			put(D, "</span> = ");
			expr_text(D, b->value);
		}
		put(D, "</li>");
	}
	if (!n)
		put(D, "<li>the fields' defaults</li>");
	put(D, "</ul>\n");
}

static void example_card(doc *D, const lw_test *t, size_t n)
{
	fprintf(D->out, "<div class=\"example\" id=\"t-%zu\">\n<h3><a class=\"exn\" href=\"#t-%zu\">Example %zu</a>",
	        n, n, n);
	esc(D, t->name);
	put(D, "</h3>\n<p class=\"cap\">Given</p>\n");
	given_list(D, t->given, t->ngiven);
	put(D, "<div class=\"decision\">Decision: <span class=\"badge ");
	put(D, action_name(t->outcome));
	put(D, "\">");
	put(D, action_name(t->outcome));
	put(D, "</span>");
	if (t->by == EXPECT_LABELS) {
		put(D, " by ");
		for (uint32_t i = 0; i < t->ngrounds; i++) {
			if (i)
				put(D, ", ");
			clause_link(D, CLAUSE(D, t->grounds[i]));
		}
		if (t->has_discretionary && t->ndiscretionary) {
			put(D, "; the requested Party <em>may</em> refuse under ");
			for (uint32_t i = 0; i < t->ndiscretionary; i++) {
				if (i)
					put(D, ", ");
				clause_link(D, CLAUSE(D, t->discretionary[i]));
			}
			put(D, " (its central authority decides)");
		}
	} else if (t->by == EXPECT_DEFAULT) {
		put(D, " by the default (no clause decides)");
	} else if (t->by == EXPECT_AGREEMENT) {
		put(D, " by the agreement (not in force, or not between its parties)");
	}
	if (t->nwith) {
		put(D, "<br>with ");
		for (uint32_t i = 0; i < t->nwith; i++) {
			const lw_with *b = &t->with[i];
			if (i)
				put(D, ", ");
			put(D, "<code>");
			esc(D, b->name);
			if (b->value) {
				put(D, " ");
				expr_text(D, b->value);
			}
			put(D, "</code>");
		}
	}
	put(D, "</div>\n</div>\n");
}

/* ---- the whole page ---- */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static void page_header(doc *D)
{
	const lw_program *lw = D->lw;
	const lw_scope *a = &lw->scope;
	const char *title = a->has_header && a->title ? a->title : base_name(D->main->path);
	put(D, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	       "<meta name=\"generator\" content=\"pacta doc\">\n<title>");
	esc(D, title);
	put(D, "</title>\n<style>\n");
	for (size_t i = 0; doc_css[i]; i++)
		put(D, doc_css[i]);
	put(D, "</style>\n</head>\n<body>\n<header class=\"top\"><div class=\"page\">\n"
	       "<p class=\"kicker\">Agreement</p>\n<h1>");
	esc(D, title);
	put(D, "</h1>\n<dl class=\"meta\">\n");
	if (a->version) {
		put(D, "<div><dt>Version</dt><dd>");
		esc(D, a->version);
		put(D, "</dd></div>\n");
	}
	put(D, "<div><dt>Parties</dt><dd>");
	if (a->nparty_names)
		for (uint32_t i = 0; i < a->nparty_names; i++) {
			if (i)
				put(D, ", ");
			esc(D, a->party_names[i]);
		}
	else
		put(D, "any");
	put(D, "</dd></div>\n<div><dt>In force</dt><dd>");
	if (a->has_effective && a->has_expires) {
		put_date(D, a->effective);
		put(D, " to ");
		put_date(D, a->expires);
	} else if (a->has_effective) {
		put(D, "from ");
		put_date(D, a->effective);
	} else if (a->has_expires) {
		put(D, "until ");
		put_date(D, a->expires);
	} else {
		put(D, "no dates set");
	}
	put(D, "</dd></div>\n<div><dt>Default</dt><dd>");
	put(D, action_name(a->has_default ? lw->schema.default_outcome : PA_REFUSE));
	put(D, " when no clause decides");
	if (a->default_reason) {
		put(D, ": ");
		esc(D, a->default_reason);
	}
	put(D, "</dd></div>\n");
	fprintf(D->out, "<div><dt>Size</dt><dd>%u article%s, %u clause%s, %u example%s</dd></div>\n",
	        lw->narticles, lw->narticles == 1 ? "" : "s", lw->schema.nclauses,
	        lw->schema.nclauses == 1 ? "" : "s", lw->ntests, lw->ntests == 1 ? "" : "s");
	put(D, "</dl>\n</div></header>\n<main class=\"page\">\n");
	if (a->text) {   /* the drafters' word on what this is: status, disclaimers */
		put(D, "<div class=\"status\">");
		article_text(D, a->text);
		put(D, "</div>\n");
	}
}

static int any_outside_articles(const doc *D)
{
	for (uint32_t i = 0; i < D->lw->schema.nclauses; i++)
		if (CLAUSE(D, i)->article == LW_NONE && CLAUSE(D, i)->kind == CK_CLAUSE)
			return 1;
	return 0;
}

static int any_deposited(const doc *D)
{
	for (uint32_t i = 0; i < D->lw->schema.nclauses; i++)
		if (CLAUSE(D, i)->kind != CK_CLAUSE)
			return 1;
	return 0;
}

/* Each Party's reservations and declarations, with the text it deposited:
 * in force in that Party's relations only. */
static void parties_section(doc *D)
{
	const lw_program *lw = D->lw;
	const lp_schema *s = &lw->schema;
	put(D, "<section class=\"part\" id=\"parties\">\n<h2>Reservations and declarations</h2>\n"
	       "<p class=\"lead\">What each Party reserved or declared. A reservation applies in the "
	       "Party's relations with every other Party, whichever side of a request it is on (a "
	       "reservation modifies the treaty to the same extent for the other Party, VCLT Art. 21(1)); "
	       "a declaration applies when the Party is the requested Party.</p>\n");
	for (uint32_t p = 0; p < lw->scope.nparty_names; p++) {
		const char *name = lw->scope.party_names[p];
		uint32_t m = UINT32_MAX;
		for (uint32_t j = 0; s->party_enum < s->nenums && j < s->enums[s->party_enum].nmembers; j++)
			if (!strcmp(s->enums[s->party_enum].members[j], name))
				m = j;
		put(D, "<div class=\"party\" id=\"");
		put_id(D, "p-", name);
		put(D, "\">\n<h3>");
		esc(D, name);
		put(D, "</h3>\n");
		int n = 0;
		for (uint32_t i = 0; i < s->nclauses; i++)
			if (CLAUSE(D, i)->kind != CK_CLAUSE && CLAUSE(D, i)->owner == m) {
				clause_card(D, CLAUSE(D, i));
				n++;
			}
		if (!n)
			put(D, "<p class=\"noclause\">No reservation or declaration.</p>\n");
		put(D, "</div>\n");
	}
	put(D, "</section>\n");
}

/* The outcomes an obligation goes with, in words. */
static void put_outcomes(doc *D, unsigned on)
{
	int first = 1;
	for (int o = 0; o < PO__COUNT; o++)
		if (on >> o & 1) {
			put(D, first ? "" : ", ");
			put(D, lp_outcome_names[o]);
			first = 0;
		}
}

/* The obligations the agreement imposes: what each asks, of whom, with
 * which outcomes, and the clauses that impose it. */
static void obligations_section(doc *D)
{
	const lw_program *lw = D->lw;
	put(D, "<section class=\"part\" id=\"obligations\">\n<h2>Obligations</h2>\n");
	int n = 0;
	for (uint32_t o = 0; o < lw->nobligs; o++) {
		const lw_oblig *ob = &lw->obligs[o];
		if (ob->schema == LW_NONE)
			continue;
		if (!n++)
			put(D, "<p class=\"lead\">The obligations a decision can carry, with the outcomes they go "
			       "with and the Party that bears them.</p>\n<table class=\"obl\"><thead><tr><th>Obligation</th>"
			       "<th>What it asks</th><th>Borne by</th><th>Goes with</th><th>Imposed by</th></tr></thead><tbody>\n");
		put(D, "<tr><td><code>");
		esc(D, ob->name);
		put(D, "</code>");
		if (ob->combine != PC_FLAG) {
			put(D, " (");
			esc(D, type_name(lw->ar, ob->ty));
			put(D, ", the ");
			put(D, ob->combine == PC_MIN ? "smallest" : ob->combine == PC_MAX ? "largest"
			       : ob->combine == PC_UNION ? "union" : "common part");
			put(D, " wins)");
		}
		put(D, "</td><td>");
		esc(D, ob->description ? ob->description : "");
		put(D, "</td><td>");
		put(D, ob->bearer == PB_REQUESTING ? "the requesting Party" : ob->bearer == PB_REQUESTED
		       ? "the requested Party" : "");
		put(D, "</td><td>");
		put_outcomes(D, ob->on);
		put(D, "</td><td>");
		int k = 0;
		for (uint32_t r = 0; r < lw->schema.nrules; r++) {
			const lw_rule *ru = &lw->rules[r];
			if (ru->action != PA_OBLIGE || ru->oblig != ob->schema)
				continue;
			int seen = 0;   /* a clause imposing it twice is named once */
			for (uint32_t q = 0; q < r && !seen; q++)
				seen = lw->rules[q].action == PA_OBLIGE && lw->rules[q].oblig == ob->schema &&
				       lw->rules[q].clause == ru->clause;
			if (seen)
				continue;
			put(D, k++ ? ", " : "");
			clause_link(D, CLAUSE(D, ru->clause));
		}
		put(D, "</td></tr>\n");
	}
	if (n)
		put(D, "</tbody></table>\n");
	else
		put(D, "<p class=\"lead\">No clause imposes an obligation.</p>\n");
	put(D, "</section>\n");
}

/* Whether the main file states guarantees. */
static int any_assert(const doc *D)
{
	for (uint32_t i = 0; i < D->lw->nasserts; i++)
		if (D->lw->asserts[i].file == 0)
			return 1;
	return 0;
}

/* The asserts of the main file, proven for the page: each is marked
 * proven, or shows the request that breaks it (or says it could not be
 * proven in time). */
static void guarantees_section(doc *D)
{
	const lw_program *lw = D->lw;
	prove_result *rs = xcalloc(lw->nasserts + 1, sizeof *rs);
	prove_asserts(lw, rs, 1);
	put(D, "<section class=\"part\" id=\"guarantees\">\n<h2>Guarantees</h2>\n"
	       "<p class=\"lead\">What the agreement promises of every request, whatever its facts: "
	       "each property is proven over all the requests the fields allow, submitted within the "
	       "agreement's term (<code>pacta check</code> proves them too).</p>\n<div class=\"examples\">\n");
	for (uint32_t i = 0; i < lw->nasserts; i++) {
		const lw_assert *a = &lw->asserts[i];
		const prove_result *r = &rs[i];
		if (a->file != 0)
			continue;
		fprintf(D->out, "<div class=\"example\" id=\"g-%u\">\n<h3>", i + 1);
		esc(D, a->kind == ASSERT_RECIPROCAL ? "The Parties are treated alike" : a->name);
		put(D, r->status == PROVE_PROVEN && r->vacuous ? " <span class=\"badge unproven\">vacuous</span>"
		     : r->status == PROVE_PROVEN ? " <span class=\"badge proven\">proven</span>"
		                                 : " <span class=\"badge unproven\">not proven</span>");
		put(D, "</h3>\n");
		D->nlinks = 0;
		if (a->prop)
			expr_links(D, a->prop);
		decl_source(D, a->at);
		if (r->asymmetries && *r->asymmetries) {
			put(D, "<p class=\"cap\">It does not hold: each asymmetry with a request and the request "
			       "with its Parties exchanged</p>\n<pre class=\"src\"><code>");
			esc(D, r->asymmetries);
			put(D, "</code></pre>\n");
		} else if (r->status == PROVE_FAILS || r->status == PROVE_BUG) {
			put(D, "<p class=\"cap\">It does not hold: this request breaks it</p>\n<pre class=\"src\"><code>");
			esc(D, r->request_json);
			put(D, "</code></pre>\n<p class=\"cap\">Decided so</p>\n<pre class=\"src\"><code>");
			esc(D, r->decision_text ? r->decision_text : "");
			put(D, "</code></pre>\n");
		} else if (r->status == PROVE_UNKNOWN) {
			put(D, "<p class=\"cap\">The prover could not decide it in time.</p>\n");
		} else if (r->vacuous) {
			put(D, "<p class=\"cap\">It holds only because no request meets its premise: it promises "
			       "nothing.</p>\n");
		}
		if (r->status == PROVE_PROVEN && a->kind == ASSERT_RECIPROCAL) {
			put(D, "<p class=\"cap\">Swapping the requesting and the requested Party never changes a "
			       "decision");
			if (*r->aside) {
				put(D, ", except through:</p>\n<pre class=\"src\"><code>");
				esc(D, r->aside);
				put(D, "</code></pre>\n");
			} else {
				put(D, ".</p>\n");
			}
		}
		put(D, "</div>\n");
	}
	put(D, "</div>\n</section>\n");
	for (uint32_t i = 0; i < lw->nasserts; i++)
		prove_result_free(&rs[i]);
	free(rs);
}

static void toc(doc *D)
{
	put(D, "<nav class=\"toc\"><h2>Contents</h2><ol>\n");
	for (uint32_t i = 0; i < D->lw->narticles; i++) {
		const lw_article *d = &D->lw->articles[i];
		put(D, "<li><a ");
		put_href(D, "a-", d->label);
		put(D, "><span class=\"n\">Art. ");
		esc(D, d->label);
		put(D, "</span>");
		esc(D, d->title ? d->title : "");
		put(D, "</a></li>\n");
	}
	if (any_outside_articles(D))
		put(D, "<li><a href=\"#a-none\"><span class=\"n\">&#8212;</span>Clauses outside any article</a></li>\n");
	if (any_deposited(D))
		put(D, "<li><a href=\"#parties\"><span class=\"n\">&#167;</span>Reservations and declarations</a></li>\n");
	put(D, "<li><a href=\"#obligations\"><span class=\"n\">&#167;</span>Obligations</a></li>\n");
	if (any_assert(D))
		put(D, "<li><a href=\"#guarantees\"><span class=\"n\">&#167;</span>Guarantees</a></li>\n");
	put(D, "<li><a href=\"#exemptions\"><span class=\"n\">&#167;</span>Exemption graph</a></li>\n"
	       "<li><a href=\"#examples\"><span class=\"n\">&#167;</span>Worked examples</a></li>\n");
	if (D->lw->nfixtures)
		put(D, "<li><a href=\"#fixtures\"><span class=\"n\">&#167;</span>Fixtures</a></li>\n");
	put(D, "<li><a href=\"#definitions\"><span class=\"n\">&#167;</span>Definitions</a></li>\n"
	       "</ol></nav>\n");
}

/* The links of a definition's source: a define's value, a table's
 * entries. */
static void item_links(doc *D, const lw_item *d)
{
	D->nlinks = 0;
	if (d->kind == D_DEFINE) {
		expr_links(D, D->lw->defines[d->index].value);
	} else if (d->kind == D_TABLE) {
		const lw_table *t = &D->lw->tables[d->index];
		for (uint32_t i = 0; i < t->nentries; i++)
			expr_links(D, t->entries[i]);
	}
}

int doc_render(program *p, const lw_program *lw, FILE *out)
{
	doc D0, *D = &D0;
	memset(D, 0, sizeof *D);
	D->out = out;
	D->p = p;
	D->lw = lw;
	D->files = xcalloc(lw->nfiles + 1, sizeof *D->files);
	D->main = lw->nfiles ? lw->files[0] : NULL;
	if (!D->main)
		return -1;
	D->marks = xcalloc(lw->nitems + 1, sizeof *D->marks);
	for (uint32_t i = 0; i < lw->nitems; i++) {
		const lw_item *d = &lw->items[i];
		if (!d->at.file)
			continue;
		D->marks[D->nmarks].file = d->at.file->id;
		D->marks[D->nmarks].start = d->at.start;
		D->nmarks++;
	}
	qsort(D->marks, D->nmarks, sizeof *D->marks, mark_cmp);
	find_edges(D);

	page_header(D);
	toc(D);

	put(D, "<section class=\"part\" id=\"articles\">\n<h2>Articles and clauses</h2>\n"
	       "<p class=\"lead\">Each article's text, beside the clauses that implement it, "
	       "as written in the agreement's source.</p>\n");
	for (uint32_t i = 0; i < lw->narticles; i++)
		article_section(D, &lw->articles[i]);
	if (any_outside_articles(D))
		article_section(D, NULL);
	put(D, "</section>\n");

	if (any_deposited(D))
		parties_section(D);
	obligations_section(D);
	if (any_assert(D))
		guarantees_section(D);
	graph_section(D);

	put(D, "<section class=\"part\" id=\"examples\">\n<h2>Worked examples</h2>\n");
	if (lw->ntests) {
		put(D, "<p class=\"lead\">The agreement's tests: the facts of a request and the decision "
		       "this text of the agreement reaches on them (<code>pacta test</code> checks every one).</p>\n"
		       "<div class=\"examples\">\n");
		for (uint32_t i = 0; i < lw->ntests; i++)
			example_card(D, &lw->tests[i], i + 1);
		put(D, "</div>\n");
	} else {
		put(D, "<p class=\"lead\">The agreement has no tests.</p>\n");
	}
	put(D, "</section>\n");

	if (lw->nfixtures) {
		put(D, "<section class=\"part\" id=\"fixtures\">\n<h2>Fixtures</h2>\n"
		       "<p class=\"lead\">Named sets of facts that the examples start from.</p>\n<div class=\"examples\">\n");
		for (uint32_t i = 0; i < lw->nfixtures; i++) {
			const lw_fixture *f = &lw->fixtures[i];
			put(D, "<div class=\"fixture\" id=\"");
			put_id(D, "f-", f->name);
			put(D, "\"><h3>Fixture <a ");
			put_href(D, "f-", f->name);
			put(D, ">");
			esc(D, f->name);
			put(D, "</a></h3>\n");
			given_list(D, f->given, f->ngiven);
			put(D, "</div>\n");
		}
		put(D, "</div>\n</section>\n");
	}

	put(D, "<section class=\"part\" id=\"definitions\">\n<h2>Definitions</h2>\n");
	int ndefs = 0;
	for (uint32_t i = 0; i < lw->nitems; i++) {
		const lw_item *d = &lw->items[i];
		if (!d->at.file || d->at.file->id != 0 ||
		    !(d->kind == D_DEFINE || d->kind == D_TABLE || d->kind == D_ENUM ||
		      d->kind == D_REQUEST || d->kind == D_OBLIGATION))
			continue;
		if (!ndefs)
			put(D, "<p class=\"lead\">The names, tables and request fields the agreement itself "
			       "defines (the standard library's are not repeated).</p>\n<div class=\"defs\">\n");
		ndefs++;
		put(D, "<div class=\"def\"");
		if (d->kind != D_REQUEST && d->name) {
			put(D, " id=\"");
			put_id(D, "d-", d->name);
			put(D, "\"");
		}
		put(D, ">");
		item_links(D, d);
		decl_source(D, d->at);
		put(D, "</div>\n");
	}
	if (ndefs)
		put(D, "</div>\n");
	else
		put(D, "<p class=\"lead\">The agreement defines no names of its own.</p>\n");
	put(D, "</section>\n");

	put(D, "<footer>Generated by <code>pacta doc</code> from <code>");
	esc(D, base_name(D->main->path));
	put(D, "</code>. The clause text is the agreement's source, verbatim; the article text is "
	       "the drafters' own.</footer>\n</main>\n</body>\n</html>\n");

	for (uint32_t i = 0; i < lw->nfiles; i++)
		free(D->files[i].t);
	free(D->files);
	free(D->marks);
	free(D->edges);
	free(D->links);
	return ferror(out) ? -1 : 0;
}

/* `doc -o FILE`: the page is made in memory, then replaces FILE whole
 * (outfile.c), so that a failure leaves what was there. */
int doc_to_file(program *p, const lw_program *lw, const char *path)
{
	char *page = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&page, &len);
	int rc = !mem || doc_render(p, lw, mem) != 0;
	if (mem && fclose(mem) != 0)
		rc = 1;
	if (rc)
		fprintf(stderr, "pacta: doc: out of memory\n");
	else if (outfile_write(path, page, len) != 0)
		rc = 1, fprintf(stderr, "pacta: doc: cannot write %s: %s\n", path, strerror(errno));
	free(page);
	return rc;
}
