/*
 * embed.c — a host program that decides cooperation requests with a
 * compiled Pacta agreement, through libpacta (runtime/pacta.h), the way an
 * embedder would: the module is loaded once, field names are resolved to
 * indices once, and each request is filled field by field — no JSON — then
 * decided, and the decision read through the getters.
 *
 *	cc -o embed embed.c $(pkg-config --cflags --libs pacta)
 *	./embed model-agreement.so
 *	./embed model-agreement.so --to grant
 *
 * With --to OUTCOME it only asks what it would take for the "defamation"
 * example to be decided so (pacta_explain_to, which needs the prover
 * installed beside libpacta) and prints the answer's words.
 *
 * It expects the request of std.mla (the fields it sets are listed in
 * `struct fields`), as examples/model-agreement.pacta has; see README.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pacta.h>

/* The fields this host fills, as indices into the module's request. */
struct fields {
	int requesting, requested, submitted, assistance, offence, penalty;
	int data, specific, emergency;
};

/* Variations on one ordinary request (the model agreement's fixture). */
struct example {
	const char *what;
	const char *offence;
	const char *assistance;
	const char *data;
	int emergency;
};

static const struct example examples[] = {
	{ "core cybercrime, subscriber data", "illegal_access",
	  "subscriber_info", "subscriber", 0 },
	{ "defamation", "criminal_defamation", "subscriber_info",
	  "subscriber", 0 },
	{ "misuse of devices", "misuse_of_devices", "subscriber_info",
	  "subscriber", 0 },
	{ "misuse of devices, preservation only", "misuse_of_devices",
	  "preservation", "subscriber", 0 },
	{ "money laundering", "money_laundering", "subscriber_info",
	  "subscriber", 0 },
	{ "content data in an emergency", "illegal_access", "content_data",
	  "content", 1 },
};

static int field(const pacta_module *mod, const char *name)
{
	int i = pacta_field_index(mod, name);

	if (i < 0)
		fprintf(stderr, "embed: the module has no field '%s'\n", name);
	return i;
}

static int resolve(const pacta_module *mod, struct fields *f)
{
	f->requesting = field(mod, "requesting_party");
	f->requested = field(mod, "requested_party");
	f->submitted = field(mod, "submitted");
	f->assistance = field(mod, "assistance");
	f->offence = field(mod, "offence");
	f->penalty = field(mod, "max_penalty");
	f->data = field(mod, "data");
	f->specific = field(mod, "specific_investigation");
	f->emergency = field(mod, "emergency");
	return f->requesting < 0 || f->requested < 0 || f->submitted < 0
	       || f->assistance < 0 || f->offence < 0 || f->penalty < 0
	       || f->data < 0 || f->specific < 0 || f->emergency < 0 ? -1 : 0;
}

/* Fills `req` with one example; every setter checks the field's type and
 * the value, so a mismatch between host and agreement shows here. */
static int fill(pacta_request *req, const struct fields *f,
		const struct example *ex, pacta_error *err)
{
	pacta_request_reset(req);
	if (pacta_request_set_enum(req, f->requesting, "XB", err)
	    || pacta_request_set_enum(req, f->requested, "XA", err)
	    || pacta_request_set_date(req, f->submitted, 2026, 3, 1, err)
	    || pacta_request_set_enum(req, f->assistance, ex->assistance, err)
	    || pacta_request_set_enum(req, f->offence, ex->offence, err)
	    || pacta_request_set_years(req, f->penalty, 5, err)
	    || pacta_request_set_clear(req, f->data, err)
	    || pacta_request_set_add(req, f->data, ex->data, err)
	    || pacta_request_set_bool(req, f->specific, 1, err)
	    || pacta_request_set_bool(req, f->emergency, ex->emergency, err))
		return -1;
	return 0;
}

static void print_value(const pacta_module *mod, const pacta_decision *dec,
			int o)
{
	int64_t v;
	int y, m, d, first = 1;

	switch (pacta_obligation_type(mod, o)) {
	case PACTA_TYPE_SET:
		printf(" = {");
		for (int k = 0; k < pacta_obligation_member_count(mod, o); k++) {
			if (!pacta_decision_obligation_has(dec, o, k))
				continue;
			printf("%s%s", first ? "" : ", ",
			       pacta_obligation_member_name(mod, o, k));
			first = 0;
		}
		printf("}");
		return;
	case PACTA_TYPE_BOOL:           /* a flag: no value */
		return;
	}
	if (pacta_decision_obligation_value(dec, o, &v) != PACTA_OK)
		return;
	switch (pacta_obligation_type(mod, o)) {
	case PACTA_TYPE_DAYS:
		printf(" = %lld days", (long long)v);
		break;
	case PACTA_TYPE_YEARS:
		printf(" = %lld years", (long long)v);
		break;
	case PACTA_TYPE_DATE:
		pacta_date_split(v, &y, &m, &d);
		printf(" = %04d-%02d-%02d", y, m, d);
		break;
	case PACTA_TYPE_ENUM:
		printf(" = %s", pacta_obligation_member_name(mod, o, (int)v));
		break;
	default:
		printf(" = %lld", (long long)v);
	}
}

static void print_decision(const pacta_module *mod,
			   const pacta_decision *dec)
{
	int n;

	printf("  outcome: %s\n", pacta_decision_outcome_name(dec));
	switch (pacta_decision_ground(dec)) {
	case PACTA_GROUND_DEFAULT:
		printf("  grounds: default (no clause decided)\n");
		break;
	case PACTA_GROUND_AGREEMENT:
		printf("  grounds: agreement (not in force for this request)\n");
		break;
	default:
		n = pacta_decision_ground_count(dec);
		for (int k = 0; k < n; k++) {
			const char *why = pacta_decision_ground_reason(dec, k);

			printf("  ground: %s", pacta_decision_ground_label(dec, k));
			if (why)
				printf(": %s", why);
			printf("\n");
		}
	}
	n = pacta_decision_obligation_count(dec);
	for (int k = 0; k < n; k++) {
		int o = pacta_decision_obligation(dec, k);

		printf("  obligation: %s", pacta_obligation_name(mod, o));
		print_value(mod, dec, o);
		printf(" (imposed by ");
		for (int s = 0; s < pacta_decision_obligation_source_count(dec, o);
		     s++)
			printf("%s%s", s ? ", " : "", pacta_clause_label(mod,
				pacta_decision_obligation_source(dec, o, s)));
		printf(")\n");
	}
}

/* The decision as `pacta eval` would print it: measure, then write. */
static int print_json(pacta_decision *dec)
{
	size_t need;
	char *buf;

	if (pacta_decision_json(dec, 0, NULL, 0, &need) != PACTA_RANGE)
		return -1;
	buf = malloc(need);
	if (!buf)
		return -1;
	if (pacta_decision_json(dec, 0, buf, need, NULL) != PACTA_OK) {
		free(buf);
		return -1;
	}
	printf("  json: %s\n", buf);
	free(buf);
	return 0;
}

/* The "defamation" example, and what it would take for it to be decided
 * `to`: the answer's "text" member, unescaped enough for a terminal. */
static int what_would_it_take(pacta_module *mod, pacta_request *req,
			      const struct fields *f, int to)
{
	pacta_error err;
	char *json = NULL;
	const char *t, *e;

	if (fill(req, f, &examples[1], &err) != 0
	    || pacta_explain_to(mod, req, to, &json, NULL, &err) != PACTA_OK) {
		fprintf(stderr, "embed: %s (%s)\n", err.message,
			pacta_status_name(err.status));
		return 1;
	}
	t = strstr(json, "\"text\": \"");
	e = t ? strrchr(json, '"') : NULL;
	printf("%s\n", examples[1].what);
	for (t = t ? t + 9 : e; t && t < e; t++) {
		if (*t == '\\' && t[1] == 'n')
			putchar('\n'), t++;
		else if (*t == '\\')
			putchar(*++t);
		else
			putchar(*t);
	}
	pacta_free(json);
	return 0;
}

int main(int argc, char **argv)
{
	pacta_module *mod = NULL;
	pacta_request *req = NULL;
	pacta_decision *dec = NULL;
	pacta_error err;
	struct fields f;
	int rc = 1;

	int to = -1;

	if (argc == 4 && !strcmp(argv[2], "--to"))
		to = !strcmp(argv[3], "grant") ? PACTA_GRANT
		   : !strcmp(argv[3], "refer") ? PACTA_REFER
		   : !strcmp(argv[3], "refuse") ? PACTA_REFUSE : -2;
	if ((argc != 2 && argc != 4) || to == -2) {
		fprintf(stderr, "usage: embed MODULE.so [--to grant|refer|refuse]\n");
		return 2;
	}
	if (pacta_module_open(argv[1], &mod, &err) != PACTA_OK) {
		fprintf(stderr, "embed: %s (%s)\n", err.message,
			pacta_status_name(err.status));
		return 1;
	}
	printf("%s, version %s\n", pacta_module_title(mod),
	       pacta_module_version(mod));
	if (resolve(mod, &f) != 0)
		goto out;
	if (pacta_request_new(mod, &req) != PACTA_OK
	    || pacta_decision_new(mod, &dec) != PACTA_OK) {
		fprintf(stderr, "embed: out of memory\n");
		goto out;
	}
	if (to >= 0) {
		rc = what_would_it_take(mod, req, &f, to);
		goto out;
	}
	for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
		printf("\n%s\n", examples[i].what);
		if (fill(req, &f, &examples[i], &err) != 0
		    || pacta_decide(mod, req, dec, &err) != PACTA_OK) {
			fprintf(stderr, "embed: %s\n", err.message);
			goto out;
		}
		print_decision(mod, dec);
		if (print_json(dec) != 0) {
			fprintf(stderr, "embed: cannot write the JSON\n");
			goto out;
		}
	}

	/* What the library says when the host gets it wrong. */
	printf("\nmistakes\n");
	pacta_request_reset(req);
	if (pacta_request_set_enum(req, f.offence, "hacking", &err) != PACTA_OK)
		printf("  %s: %s\n", pacta_status_name(err.status),
		       err.message);
	if (pacta_request_set_int(req, f.offence, 3, &err) != PACTA_OK)
		printf("  %s: %s\n", pacta_status_name(err.status),
		       err.message);
	if (pacta_decide(mod, req, dec, &err) != PACTA_OK)
		printf("  %s: %s\n", pacta_status_name(err.status),
		       err.message);
	rc = 0;
out:
	pacta_decision_free(dec);
	pacta_request_free(req);
	pacta_module_close(mod);
	return rc;
}
