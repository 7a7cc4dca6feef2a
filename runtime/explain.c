/*
 * explain.c — a decision in words, for people: `pacta explain`, and the
 * report of a failed `test` block in `pacta test` (model.h).
 *
 * It reads only the schema and the decision buffer, so the interpreter and
 * the native modules are explained identically.  The layout is
 *
 *	outcome: refer
 *	grounds:
 *	  40.21.b (article 40 "..."): may refuse: execution would prejudice ...
 *	discretionary: may refuse under 40.21.b; the decision is for the
 *	  requested Party's competent authority
 *	obligations:                  (those that go with the outcome)
 *	  retain_at_most = 180 days   (imposed by 4.1)
 *	    borne by the requesting Party
 *	  no_onward_transfer          (imposed by 4.3)
 *	trace:
 *	  fired 1.1 grant
 *	  exempted 2.1 by 2.2
 *
 * with every line ending in a newline.
 */
#include <inttypes.h>
#include <string.h>

#include "model.h"

/* Values as a drafter writes them in Pacta: units spelled out, sets in
 * braces (model.h). */
void lp_source_value(const lp_schema *s, int kind, uint32_t enum_index,
		     const uint64_t *w, lp_strbuf *out)
{
	int64_t v = (int64_t)w[0];
	char buf[16];
	int first = 1;

	switch (kind) {
	case PK_BOOL:
		lp_sb_puts(out, w[0] ? "true" : "false");
		return;
	case PK_INT:
		lp_sb_printf(out, "%" PRId64, v);
		return;
	case PK_DAYS:
		lp_sb_printf(out, "%" PRId64 " %s", v,
				v == 1 || v == -1 ? "day" : "days");
		return;
	case PK_YEARS:
		lp_sb_printf(out, "%" PRId64 " %s", v,
				v == 1 || v == -1 ? "year" : "years");
		return;
	case PK_DATE:
		lp_date_format(v, buf);
		lp_sb_puts(out, buf);
		return;
	case PK_ENUM:
		if (enum_index < s->nenums
		    && w[0] < s->enums[enum_index].nmembers) {
			lp_sb_puts(out, s->enums[enum_index].members[w[0]]);
			return;
		}
		break;
	case PK_SET:
		if (enum_index >= s->nenums)
			break;
		lp_sb_puts(out, "{");
		for (uint32_t i = 0; i < s->enums[enum_index].nmembers; i++) {
			if (!lp_bit(w, i))
				continue;
			lp_sb_puts(out, first ? "" : ", ");
			lp_sb_puts(out, s->enums[enum_index].members[i]);
			first = 0;
		}
		lp_sb_puts(out, "}");
		return;
	}
	/* Only a faulty evaluator gets here; say so rather than guess. */
	lp_sb_puts(out, "(invalid value)");
}

/* The Party that made a reservation or declaration. */
static const char *owner_name(const lp_schema *s, const lp_clause_desc *cd)
{
	if (s->party_enum < s->nenums
	    && cd->owner < s->enums[s->party_enum].nmembers)
		return s->enums[s->party_enum].members[cd->owner];
	return "?";
}

/*
 * Why a clause is a ground: the `because` text of its first fired rule
 * that carries the outcome, else its title, else nothing.
 */
static const char *ground_reason(const lp_schema *s,
				 const lp_decision_buf *d, uint32_t c)
{
	for (uint32_t r = 0; r < s->nrules; r++) {
		const lp_rule_desc *rd = &s->rules[r];

		if (rd->clause == c && lp_action_outcome(rd->action) == d->outcome
		    && lp_bit(d->fired, r))
			return rd->reason ? rd->reason : s->clauses[c].title;
	}
	return s->clauses[c].title;
}

static uint64_t view_get(const lp_schema *s, const lp_request_view *v, uint32_t f)
{
	return v->data ? lp_place_get(&v->places[f], v->data) : v->slots[s->fields[f].slot];
}

int lp_explain_not_party(const lp_schema *s, const lp_request_view *v, lp_strbuf *out)
{
	static const char *const side_name[2] = { "requesting_party", "requested_party" };
	for (int side = 0; side < 2 && s->party_enum != UINT32_MAX; side++) {
		int f = lp_field_named(s, side_name[side]);
		if (f < 0 || s->fields[f].kind != PK_ENUM || s->fields[f].enum_index != s->party_enum)
			continue;
		uint64_t m = view_get(s, v, f);
		uint32_t p = 0;
		while (p < s->nparties && s->parties[p] != m)
			p++;
		if (p < s->nparties)
			continue;
		const lp_enum_desc *en = &s->enums[s->party_enum];
		lp_sb_printf(out, "the %s Party, %s, is not a Party to the agreement; the Parties are ",
			     side ? "requested" : "requesting", m < en->nmembers ? en->members[m] : "?");
		for (p = 0; p < s->nparties; p++)
			lp_sb_printf(out, "%s%s", p ? ", " : "", en->members[s->parties[p]]);
		return 0;
	}
	return -1;
}

/* Why the agreement is not in force for the request (step 0): a Party
 * that is none of the agreement's, or a date outside its term; 0 when
 * said in out. */
static int put_out_of_force(const lp_schema *s, const lp_request_view *v, lp_strbuf *out)
{
	char d1[16], d2[16];
	if (lp_explain_not_party(s, v, out) == 0)
		return 0;
	int f = lp_field_named(s, "submitted");
	if (f < 0 || s->fields[f].kind != PK_DATE)
		return -1;
	int64_t day = (int64_t)view_get(s, v, f);
	if (s->has_effective && day < s->effective) {
		lp_date_format(day, d1);
		lp_date_format(s->effective, d2);
		lp_sb_printf(out, "the request was submitted on %s, before the agreement takes effect (%s)", d1, d2);
		return 0;
	}
	if (s->has_expires && day > s->expires) {
		lp_date_format(day, d1);
		lp_date_format(s->expires, d2);
		lp_sb_printf(out, "the request was submitted on %s, after the agreement expires (%s)", d1, d2);
		return 0;
	}
	return -1;
}

static void put_grounds(const lp_schema *s, const lp_decision_buf *d,
			const lp_request_view *req, lp_strbuf *out)
{
	lp_sb_puts(out, "grounds:\n");
	if (d->ground == PG_DEFAULT) {
		lp_sb_puts(out, "  default (no clause decided; "
			      "the agreement's default applies)");
		if (s->default_reason)
			lp_sb_printf(out, ": %s", s->default_reason);
		lp_sb_puts(out, "\n");
		return;
	}
	if (d->ground == PG_AGREEMENT) {
		size_t at = out->len;

		lp_sb_puts(out, "  agreement (");
		if (!req || put_out_of_force(s, req, out) != 0) {
			out->len = at;
			lp_sb_puts(out, "  agreement (the agreement is not in force "
				      "for this request");
		}
		lp_sb_puts(out, ")\n");
		return;
	}
	for (uint32_t c = 0; c < s->nclauses; c++) {
		const lp_clause_desc *cd = &s->clauses[c];
		const char *why;

		if (!lp_bit(d->grounds, c))
			continue;
		lp_sb_printf(out, "  %s", cd->label);
		if (cd->article && cd->article_title)
			lp_sb_printf(out, " (article %s \"%s\")",
					cd->article, cd->article_title);
		else if (cd->article)
			lp_sb_printf(out, " (article %s)", cd->article);
		else if (cd->kind != CK_CLAUSE)
			lp_sb_printf(out, " (%s of %s)", lp_clause_kind_names[cd->kind],
					owner_name(s, cd));
		if (lp_bit(d->discretionary, c))
			lp_sb_puts(out, ": may refuse");
		why = ground_reason(s, d, c);
		if (why)
			lp_sb_printf(out, ": %s", why);
		lp_sb_puts(out, "\n");
	}
}

/* "discretionary: may refuse under 40.21.b, 40.21.c; ..." when the
 * referral's grounds are a Party's discretion. */
static void put_discretion(const lp_schema *s, const lp_decision_buf *d,
			   lp_strbuf *out)
{
	int first = 1;

	if (d->ground != PG_CLAUSES)
		return;
	for (uint32_t c = 0; c < s->nclauses; c++) {
		if (!lp_bit(d->discretionary, c))
			continue;
		lp_sb_puts(out, first ? "discretionary: may refuse under " : ", ");
		lp_sb_puts(out, s->clauses[c].label);
		first = 0;
	}
	if (!first)
		lp_sb_puts(out, "; the decision is for the requested Party's "
			   "competent authority\n");
}

/* "name" or "name = value", the left column of the obligations list. */
static void put_oblig_head(const lp_schema *s,
			   const lp_decision_buf *d, uint32_t j,
			   lp_strbuf *out)
{
	const lp_oblig_desc *o = &s->obligs[j];

	lp_sb_puts(out, o->name);
	if (o->combine != PC_FLAG) {
		lp_sb_puts(out, " = ");
		lp_source_value(s, o->kind, o->enum_index, d->oblig_val + o->slot,
			  out);
	}
}

/* Who bears an obligation and what it asks, when the agreement says. */
static void put_bearer(const lp_schema *s, uint32_t j, lp_strbuf *out)
{
	const lp_oblig_desc *o = &s->obligs[j];

	if (o->bearer == PB_UNSAID && !o->description)
		return;
	lp_sb_puts(out, "    ");
	if (o->bearer != PB_UNSAID)
		lp_sb_printf(out, "borne by the %s Party%s", lp_bearer_names[o->bearer],
				o->description ? ": " : "");
	if (o->description)
		lp_sb_puts(out, o->description);
	lp_sb_puts(out, "\n");
}

static void put_obligations(const lp_schema *s,
			    const lp_decision_buf *d, lp_strbuf *out)
{
	size_t cw = LP_BITWORDS(s->nclauses), width = 0;
	int any = 0;

	/* Measure the left column first so the sources line up. */
	for (uint32_t j = 0; j < s->noblig; j++) {
		lp_strbuf tmp = { 0 };

		if (!lp_oblig_reported(s, d, j))
			continue;
		put_oblig_head(s, d, j, &tmp);
		if (tmp.len > width)
			width = tmp.len;
		lp_sb_free(&tmp);
		any = 1;
	}
	if (!any) {
		lp_sb_puts(out, "obligations: none\n");
		return;
	}
	lp_sb_puts(out, "obligations:\n");
	for (uint32_t j = 0; j < s->noblig; j++) {
		const uint64_t *src = d->oblig_src + (size_t)j * cw;
		size_t start;
		int first = 1;

		if (!lp_oblig_reported(s, d, j))
			continue;
		lp_sb_puts(out, "  ");
		start = out->len;
		put_oblig_head(s, d, j, out);
		for (size_t k = out->len - start; k < width + 3; k++)
			lp_sb_puts(out, " ");
		lp_sb_puts(out, "(imposed by ");
		for (uint32_t c = 0; c < s->nclauses; c++) {
			if (!lp_bit(src, c))
				continue;
			lp_sb_puts(out, first ? "" : ", ");
			lp_sb_puts(out, s->clauses[c].label);
			first = 0;
		}
		if (first)
			lp_sb_puts(out, "no clause");
		lp_sb_puts(out, ")\n");
		put_bearer(s, j, out);
	}
}

static void put_trace(const lp_schema *s, const lp_decision_buf *d,
		      lp_strbuf *out)
{
	size_t before;

	lp_sb_puts(out, "trace:\n");
	before = out->len;
	for (uint32_t r = 0; r < s->nrules; r++) {
		const lp_rule_desc *rd = &s->rules[r];

		if (!lp_bit(d->fired, r))
			continue;
		lp_sb_printf(out, "  fired %s %s",
				s->clauses[rd->clause].label,
				rd->action < PA__COUNT
				? lp_action_names[rd->action] : "?");
		if (rd->action == PA_OBLIGE && rd->oblig < s->noblig)
			lp_sb_printf(out, " %s", s->obligs[rd->oblig].name);
		lp_sb_puts(out, "\n");
	}
	for (uint32_t c = 0; c < s->nclauses; c++) {
		uint32_t by = d->exempted_by[c];

		if (!lp_bit(d->exempted, c))
			continue;
		lp_sb_printf(out, "  exempted %s", s->clauses[c].label);
		if (by < s->nclauses)
			lp_sb_printf(out, " by %s", s->clauses[by].label);
		lp_sb_puts(out, "\n");
	}
	if (out->len == before && !out->failed)
		lp_sb_puts(out, "  nothing fired\n");
}

/* The text of each article that holds a ground, once, quoted under a
 * heading: what a reader of the decision checks it against. */
static void put_texts(const lp_schema *s, const lp_decision_buf *d,
		      lp_strbuf *out)
{
	int any = 0;
	for (uint32_t c = 0; c < s->nclauses; c++) {
		const lp_clause_desc *cd = &s->clauses[c];
		if (d->ground != PG_CLAUSES || !lp_bit(d->grounds, c) || !cd->article_text)
			continue;
		int seen = 0;   /* an earlier ground of the same article */
		for (uint32_t e = 0; e < c && !seen; e++)
			seen = lp_bit(d->grounds, e) && s->clauses[e].article_text == cd->article_text;
		if (seen)
			continue;
		if (!any)
			lp_sb_puts(out, "text:\n");
		any = 1;
		if (cd->kind != CK_CLAUSE)
			lp_sb_printf(out, "  %s %s %s%s%s%s\n", lp_clause_kind_names[cd->kind],
					owner_name(s, cd), cd->label, cd->title ? " \"" : "",
					cd->title ? cd->title : "", cd->title ? "\"" : "");
		else
			lp_sb_printf(out, "  article %s%s%s%s\n", cd->article ? cd->article : "",
					cd->article_title ? " \"" : "",
					cd->article_title ? cd->article_title : "",
					cd->article_title ? "\"" : "");
		for (const char *p = cd->article_text; *p;) {
			const char *q = strchr(p, '\n');
			size_t n = q ? (size_t)(q - p) : strlen(p);
			lp_sb_puts(out, "  | ");
			lp_sb_put(out, p, n);
			lp_sb_puts(out, "\n");
			p += n + (q ? 1 : 0);
		}
	}
}

void lp_explain(const lp_schema *s, const lp_decision_buf *d,
		   const lp_request_view *req, int with_text, lp_strbuf *out)
{
	lp_sb_printf(out, "outcome: %s\n", d->outcome < PO__COUNT
			? lp_outcome_names[d->outcome] : "?");
	put_grounds(s, d, req, out);
	put_discretion(s, d, out);
	if (with_text)
		put_texts(s, d, out);
	/* as the JSON: always for grant and refer, for a refusal when it
	 * carries obligations */
	int any = 0;
	for (uint32_t j = 0; j < s->noblig; j++)
		any |= lp_oblig_reported(s, d, j);
	if (d->outcome == PO_GRANT || d->outcome == PO_REFER || any)
		put_obligations(s, d, out);
	put_trace(s, d, out);
}
