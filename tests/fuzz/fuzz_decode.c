/*
 * fuzz_decode.c — the differential fuzzer of the request decoder's two
 * halves: one JSON request line against the model agreement's schema
 * (examples/model-agreement.pacta), through the fast decoder
 * (runtime/json_fast.c) and through the general one (runtime/json.c, on
 * yajl).  Whatever the fast decoder takes, the general one must take with
 * the same id and, once packed (lp_pack), the same packed request; and the
 * decoder libpacta calls (lp_json_decode_packed: fast first, then general)
 * must answer exactly as the general one alone: verdict, packed request,
 * id, and the error's line, column, field and text.  Any difference aborts.
 *
 * Each input is tried twice: as a whole line, and as the members after
 * the required fields of a valid request (FRAME), so that most of what
 * the fuzzer tries is a line that decodes or nearly does, which is where
 * the two decoders could part.
 */
#include "fuzz_common.h"
#include "names.h"

static compilation cm;
static const lw_program *model;
static lp_names *names;
static uint64_t *gs, *ns, *cs;          /* one word a slot */
static uint64_t *fp, *gp, *cp;          /* packed: names->data_size bytes */

static void teardown(void)
{
	lp_names_free(names);
	free(gs);
	free(ns);
	free(cs);
	free(fp);
	free(gp);
	free(cp);
	compilation_free(&cm);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_setup();
	model = fz_model(&cm);
	if (!model || !(names = lp_names_new(&model->schema)) || !names->fast) {
		fprintf(stderr, "fuzz_decode: cannot set up the model agreement's schema\n");
		exit(2);
	}
	size_t n = model->schema.nslots + 1;
	gs = xcalloc(n, sizeof *gs);
	ns = xcalloc(n, sizeof *ns);
	cs = xcalloc(n, sizeof *cs);
	fp = xcalloc(names->data_size / 8, sizeof *fp);
	gp = xcalloc(names->data_size / 8, sizeof *gp);
	cp = xcalloc(names->data_size / 8, sizeof *cp);
	atexit(teardown);
	return 0;
}

static void mismatch(const char *what, const uint8_t *data, size_t size)
{
	fprintf(stderr, "fuzz_decode: %s differ on <%.*s>\n", what, (int)size, (const char *)data);
	abort();
}

static int same_id(const lp_request_id *a, const lp_request_id *b)
{
	return a->kind == b->kind && a->truncated == b->truncated && a->len == b->len
	       && a->len < sizeof a->text && memcmp(a->text, b->text, a->len + 1) == 0;
}

static int same_err(const lp_json_error *a, const lp_json_error *b)
{
	return a->line == b->line && a->column == b->column && strcmp(a->field, b->field) == 0
	       && strcmp(a->text, b->text) == 0;
}

static void check(const uint8_t *data, size_t size)
{
	const lp_schema *s = &model->schema;
	const char *line = (const char *)data;
	size_t bytes = s->nslots * sizeof(uint64_t), packed = names->data_size;
	lp_request_id fid, gid, nid, cid;
	lp_json_error gerr, nerr, cerr;

	memset(gs, 0x22, bytes);
	memset(ns, 0x33, bytes);
	memset(cs, 0x44, bytes);
	memset(fp, 0x11, packed);
	memset(cp, 0x55, packed);
	int f = lp_json_decode_fast(names, line, size, (uint8_t *)fp, &fid);
	int g = lp_json_decode_general(s, names, line, size, 9, gs, &gid, &gerr);
	int n = lp_json_decode_general(s, NULL, line, size, 9, ns, &nid, &nerr);
	int c = lp_json_decode_packed(s, names, line, size, 9, (uint8_t *)cp, cs, &cid, &cerr);
	/* the general decoder's request packed as libpacta packs it, over
	 * the defaults as a new request holds them */
	memcpy(gp, names->defaults, packed);
	if (g == 0)
		lp_pack(s, names->places, gs, (uint8_t *)gp);

	/* the general decoder, with or without the name tables */
	if (g != n || !same_id(&gid, &nid) || (g != 0 && !same_err(&gerr, &nerr))
	    || (g == 0 && memcmp(gs, ns, bytes) != 0))
		mismatch("the general decoder with and without names", data, size);
	/* the fast decoder takes only what the general one decodes alike */
	if (f != 0 && f != -1)
		mismatch("the fast decoder's verdict (not 0 or -1)", data, size);
	if (f == 0 && (g != 0 || memcmp(fp, gp, packed) != 0 || !same_id(&fid, &gid)))
		mismatch("the fast and the general decoder", data, size);
	/* libpacta's decoder answers as the general one */
	if (c != g || !same_id(&cid, &gid) || (g != 0 && !same_err(&cerr, &gerr))
	    || (g == 0 && memcmp(cp, gp, packed) != 0))
		mismatch("lp_json_decode_packed and the general decoder", data, size);
}

#define FRAME "{\"requesting_party\": \"XB\", \"requested_party\": \"XA\", " \
	      "\"submitted\": \"2026-03-01\", \"assistance\": \"subscriber_info\", " \
	      "\"offence\": \"illegal_access\", \"max_penalty\": 5, " \
	      "\"specific_investigation\": true, "

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size);
	/* an exact-size copy, so that AddressSanitizer sees reads past it */
	size_t n = sizeof FRAME - 1 + size + 1;
	uint8_t *framed = xmalloc(n);
	memcpy(framed, FRAME, sizeof FRAME - 1);
	memcpy(framed + sizeof FRAME - 1, data, size);
	framed[n - 1] = '}';
	check(framed, n);
	free(framed);
	return 0;
}
