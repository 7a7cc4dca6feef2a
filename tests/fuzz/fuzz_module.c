/*
 * fuzz_module.c — module files through libpacta's loader: the input is
 * written to a file of the temporary directory and opened with
 * pacta_module_open, which must refuse it with a status and a message, or
 * load it with a schema that every getter can walk.  The seeds are real
 * modules built by `pacta build`; libFuzzer mutates them.
 *
 * A module that passes every check is native code: its decide function is
 * not called, since damaged machine code may do anything by design (the
 * loader guards against accidents in the file's structure, not against
 * what its code computes).
 */
#include "fuzz_common.h"
#include "pacta.h"

static void walk(pacta_module *mod)
{
	size_t n = 0, len;
	const char *s;
	n += strlen(pacta_module_title(mod)) + strlen(pacta_module_version(mod));
	n += strlen(pacta_module_compiler_version(mod)) + strlen(pacta_module_source_hash(mod));
	n += strlen(pacta_module_source_name(mod));
	s = pacta_module_source(mod, &len);
	for (size_t i = 0; i < len; i++)
		n += (unsigned char)s[i];
	n += (size_t)pacta_module_default_outcome(mod);
	for (int f = 0; f < pacta_field_count(mod); f++) {
		n += strlen(pacta_field_name(mod, f)) + strlen(pacta_field_type_name(mod, f));
		n += (size_t)pacta_field_type(mod, f) + (size_t)pacta_field_has_default(mod, f);
		if (pacta_field_index(mod, pacta_field_name(mod, f)) < 0)
			abort();
		for (int m = 0; m < pacta_field_member_count(mod, f); m++) {
			const char *name = pacta_field_member_name(mod, f, m);
			n += strlen(name);
			if (pacta_field_member_index(mod, f, name) < 0)
				abort();
		}
	}
	for (int c = 0; c < pacta_clause_count(mod); c++) {
		const char *t[] = {
			pacta_clause_label(mod, c), pacta_clause_title(mod, c),
			pacta_clause_article(mod, c), pacta_clause_article_title(mod, c),
			pacta_clause_article_text(mod, c),
		};
		for (size_t k = 0; k < sizeof t / sizeof *t; k++)
			n += t[k] ? strlen(t[k]) : 0;
		if (pacta_clause_index(mod, t[0]) < 0)
			abort();
	}
	for (int r = 0; r < pacta_rule_count(mod); r++) {
		s = pacta_rule_reason(mod, r);
		n += (s ? strlen(s) : 0) + (size_t)pacta_rule_clause(mod, r);
		n += (size_t)pacta_rule_action(mod, r) + (size_t)pacta_rule_obligation(mod, r);
	}
	for (int o = 0; o < pacta_obligation_count(mod); o++) {
		n += strlen(pacta_obligation_name(mod, o)) + (size_t)pacta_obligation_is_flag(mod, o);
		n += (size_t)pacta_obligation_type(mod, o);
		for (int m = 0; m < pacta_obligation_member_count(mod, o); m++)
			n += strlen(pacta_obligation_member_name(mod, o, m));
	}
	pacta_request *req = NULL;
	pacta_decision *dec = NULL;
	if (pacta_request_new(mod, &req) == PACTA_OK && pacta_decision_new(mod, &dec) == PACTA_OK) {
		static const char line[] = "{\"id\": 1, \"requesting_party\": \"XA\", \"offence\": \"x\"}";
		pacta_error err;
		if (pacta_request_from_json(req, line, sizeof line - 1, 1, &err) != PACTA_OK)
			pacta_request_error_json(req, &err, NULL, 0, &len);
	}
	pacta_decision_free(dec);
	pacta_request_free(req);
	/* keep the reads */
	__asm__ volatile("" : : "r"(n));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned long serial;
	char path[512];
	fz_setup();
	/* a new name each time: the dynamic loader keys what it loaded by path */
	snprintf(path, sizeof path, "%s/m%lu.so", fz_dir, serial++);
	if (fz_write(path, data, size) != 0) {
		perror("fuzz_module: write");
		exit(2);
	}
	pacta_module *mod = NULL;
	pacta_error err;
	memset(&err, 0, sizeof err);
	if (pacta_module_open(path, &mod, &err) == PACTA_OK) {
		walk(mod);
		pacta_module_close(mod);
	} else if (mod != NULL || err.status == PACTA_OK || !err.message[0] ||
	           !memchr(err.message, 0, sizeof err.message)) {
		fprintf(stderr, "fuzz_module: a refusal without a status or message\n");
		abort();
	}
	unlink(path);
	return 0;
}
