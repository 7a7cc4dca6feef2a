/*
 * common.c — the stress policies' shared pieces (stress.h): JSON lines,
 * canonical obligations, the standard library's member names.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stress.h"

const char *const st_offence_names[OFF__COUNT] = {
	"illegal_access", "illegal_interception", "data_interference", "system_interference",
	"misuse_of_devices", "computer_forgery", "computer_fraud", "csam",
	"copyright_infringement", "child_grooming", "ncii", "money_laundering",
	"identity_theft", "harassment", "racist_xenophobic_material", "terrorism",
	"drug_trafficking", "human_trafficking", "migrant_smuggling", "arms_trafficking",
	"organised_crime", "corruption", "kidnapping", "homicide", "extortion",
	"counterfeiting", "illegal_gambling", "tax_evasion", "blasphemy", "apostasy",
	"lese_majeste", "criminal_defamation", "insulting_officials", "sedition",
	"false_information", "extremism_undefined", "incitement_to_unrest",
	"discrediting_armed_forces", "undesirable_organisation", "lgbt_propaganda",
	"other_offence",
};

const char *const st_data_names[DC__COUNT] = {
	"subscriber", "traffic", "content", "domain_registration", "stored_other",
	"racial_ethnic", "political_opinion", "religious_belief", "trade_union", "genetic",
	"biometric", "health", "sex_life_orientation", "criminal_record",
};

const char *const st_assistance_names[AS__COUNT] = {
	"preservation", "partial_traffic_disclosure", "subscriber_info", "traffic_data",
	"content_data", "real_time_traffic", "interception", "search_and_seizure",
	"domain_registration_info", "service_of_documents", "testimony",
	"spontaneous_information", "onward_transfer_request",
};

const char *const st_channel_names[CH__COUNT] = {
	"central_authority", "judicial_direct", "network_24_7", "interpol",
	"direct_to_provider", "direct_to_registrar", "direct_access_order",
};

const char *const st_purpose_names[PU__COUNT] = {
	"criminal_investigation", "prosecution", "judicial_proceeding", "intelligence",
	"administrative", "security_vetting",
};

/* ---- JSON lines ---- */

static void put(st_json *j, const char *s, size_t n)
{
	if (j->len + n + 1 > j->cap) {
		j->cap = (j->len + n + 1) * 2;
		j->p = realloc(j->p, j->cap);
		if (!j->p) {
			fputs("stress: out of memory\n", stderr);
			exit(2);
		}
	}
	memcpy(j->p + j->len, s, n);
	j->len += n;
	j->p[j->len] = 0;
}

static void puts_(st_json *j, const char *s)
{
	put(j, s, strlen(s));
}

static void key(st_json *j, const char *field)
{
	puts_(j, j->first ? "\"" : ", \"");
	j->first = 0;
	puts_(j, field);
	puts_(j, "\": ");
}

void stj_begin(st_json *j)
{
	j->len = 0;
	j->first = 1;
	put(j, "{", 1);
}

void stj_end(st_json *j)
{
	put(j, "}", 1);
}

void stj_str(st_json *j, const char *field, const char *value)
{
	key(j, field);
	puts_(j, "\"");
	puts_(j, value);
	puts_(j, "\"");
}

void stj_bool(st_json *j, const char *field, int value)
{
	key(j, field);
	puts_(j, value ? "true" : "false");
}

void stj_int(st_json *j, const char *field, int64_t value)
{
	char b[32];
	key(j, field);
	snprintf(b, sizeof b, "%" PRId64, value);
	puts_(j, b);
}

void stj_date(st_json *j, const char *field, int32_t day)
{
	char b[32];
	int y, m, d;
	pacta_date_split(day, &y, &m, &d);
	snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
	stj_str(j, field, b);
}

void stj_set(st_json *j, const char *field, uint64_t mask, const char *const *names, int n)
{
	int first = 1;
	key(j, field);
	puts_(j, "[");
	for (int i = 0; i < n; i++)
		if ((mask >> i) & 1) {
			puts_(j, first ? "\"" : ", \"");
			puts_(j, names[i]);
			puts_(j, "\"");
			first = 0;
		}
	puts_(j, "]");
}

void stj_flags(st_json *j, uint32_t flags, const st_flag *t, size_t n)
{
	for (size_t k = 0; k < n; k++)
		stj_bool(j, t[k].field, (flags & t[k].bit) != 0);
}

void stj_head(st_json *j, const char *requesting, const char *requested, int32_t submitted)
{
	stj_begin(j);
	stj_str(j, "requesting_party", requesting);
	stj_str(j, "requested_party", requested);
	stj_date(j, "submitted", submitted);
}

uint16_t st_draw_set(uint64_t *s, const uint8_t *pct, int n)
{
	uint16_t set = 0;
	for (int k = 0; k < n && k < 16; k++)
		if (st_pct(s, pct[k]))
			set |= (uint16_t)(1u << k);
	return set;
}

/* Countries no policy has as a Party. */
static const char *const non_parties[] = { "XK", "XZ", "US", "ZZ" };

const char *st_draw_party(uint64_t *s, unsigned pct, const char *const *names, int n, uint8_t *party)
{
	if (st_pct(s, pct)) {
		*party = (uint8_t)st_below(s, (uint32_t)n);
		return names[*party];
	}
	*party = (uint8_t)n;
	return non_parties[st_below(s, ST_N(non_parties))];
}

uint32_t st_draw_flags(uint64_t *s, const st_flag *t, size_t n)
{
	uint32_t flags = 0;
	for (size_t k = 0; k < n; k++)
		if (st_pct(s, t[k].pct))
			flags |= t[k].bit;
	return flags;
}

/* ---- canonical obligations ---- */

static char *slot(st_canon *c)
{
	if (c->n >= (int)(sizeof c->item / sizeof *c->item)) {
		fputs("stress: too many obligations in one decision\n", stderr);
		exit(2);
	}
	return c->item[c->n++];
}

void stc_flag(st_canon *c, const char *name)
{
	snprintf(slot(c), sizeof c->item[0], "%s", name);
}

void stc_int(st_canon *c, const char *name, int64_t value)
{
	snprintf(slot(c), sizeof c->item[0], "%s=%" PRId64, name, value);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void stc_set(st_canon *c, const char *name, uint64_t mask, const char *const *names, int n)
{
	const char *in[64];
	int k = 0;
	for (int i = 0; i < n && i < 64; i++)
		if ((mask >> i) & 1)
			in[k++] = names[i];
	qsort(in, (size_t)k, sizeof *in, cmp_name);
	char *s = slot(c);
	size_t cap = sizeof c->item[0], len = (size_t)snprintf(s, cap, "%s={", name);
	for (int i = 0; i < k && len < cap; i++)
		len += (size_t)snprintf(s + len, cap - len, "%s%s", i ? "," : "", in[i]);
	if (len < cap)
		snprintf(s + len, cap - len, "}");
}
