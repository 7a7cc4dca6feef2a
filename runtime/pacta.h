/*
 * pacta.h — the entire public API of libpacta, the Pacta runtime.
 *
 * Nothing else is installed and nothing else is stable: a host program that
 * includes this header and links -lpacta (pkg-config --cflags --libs pacta)
 * can load a native rule module built by `pacta build`, fill requests field
 * by field or from JSON, decide them and read the decisions.
 *
 *	pacta_module *mod;
 *	pacta_request *req;
 *	pacta_decision *dec;
 *	pacta_error err;
 *
 *	if (pacta_module_open("agreement.so", &mod, &err) != PACTA_OK)
 *		fail(err.message);
 *	pacta_request_new(mod, &req);
 *	pacta_decision_new(mod, &dec);
 *	int offence = pacta_field_index(mod, "offence");   // once
 *	pacta_request_set_enum(req, offence, "illegal_access", &err);
 *	...
 *	if (pacta_decide(mod, req, dec, &err) == PACTA_OK)
 *		puts(pacta_decision_outcome_name(dec));
 *	pacta_decision_free(dec);
 *	pacta_request_free(req);
 *	pacta_module_close(mod);
 *
 * Conventions, which hold for every function below:
 *
 *  - Fallible functions return an int status from the closed list of
 *    PACTA_* codes below; results come back through out-parameters.  The
 *    runtime never exits, aborts or prints: it returns a status.
 *  - Details of a failure go to a caller-owned pacta_error, which every
 *    function that can fail for a reason worth a message (a file, a
 *    module, a request, a value) takes as its last argument; it may be
 *    NULL.  It is written only when the status is not PACTA_OK.  The
 *    functions whose only failures are misuse, memory or a buffer too
 *    small (the *_new constructors, pacta_decision_json,
 *    pacta_decision_explain, pacta_request_error_json,
 *    pacta_decision_obligation_value) return the status alone: PACTA_MISUSE,
 *    PACTA_NOMEM or PACTA_RANGE says all there is to say.
 *  - Handles are opaque and come in constructor/destructor pairs; passing
 *    NULL to a destructor does nothing.  Requests, decisions and arrays
 *    hold their module: they may be freed before or after it is closed,
 *    and its memory lasts until the close and the last of them (a module
 *    closed with one of them never freed is never freed either).
 *  - Strings returned by the library are NUL-terminated UTF-8 owned by the
 *    module (or decision) they came from: do not free them; they stay valid
 *    while the module's memory lasts (its close and the last of its
 *    requests, decisions and arrays).  Strings passed in are only read during
 *    the call.
 *  - Fields, enum members, clauses, rules and obligations are named by
 *    their int index in the module, from 0; resolve names to indices once
 *    (pacta_field_index, ...) and use the indices on the hot path.  An
 *    index out of range is misuse: getters return -1, 0 or NULL for it.
 *  - Threads: a module is immutable once open, so any number of threads may
 *    share one.  A request or a decision belongs to one thread at a time.
 */
#ifndef PACTA_H
#define PACTA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define PACTA_API __attribute__((visibility("default")))
#else
#define PACTA_API
#endif

/* ---- versions ---- */

/* The version of this header; pacta_version_number() gives the library's,
 * which may differ when the program runs against a newer libpacta.
 * NUMBER is MAJOR * 1000000 + MINOR * 1000 + PATCH. */
#define PACTA_VERSION "0.1.0"
#define PACTA_VERSION_NUMBER 1000

PACTA_API int pacta_version_number(void);
PACTA_API const char *pacta_version(void);
/* The module ABI version this library reads; a module built for another is
 * refused with PACTA_ABI. */
PACTA_API int pacta_abi_version(void);

/* ---- status codes (one closed list) ---- */

#define PACTA_OK         0  /* success */
#define PACTA_ERROR      1  /* a module misbehaved (returned a bad decision) */
#define PACTA_NOMEM      2  /* out of memory; nothing was changed */
#define PACTA_MISUSE     3  /* the API was used wrongly: wrong field type,
			       required field never set, bad index, ... */
#define PACTA_ABI        4  /* the module was built for another ABI */
#define PACTA_NOTFOUND   5  /* the module file does not exist */
#define PACTA_IO         6  /* the module file could not be read */
#define PACTA_BADMODULE  7  /* the file is not an acceptable module */
#define PACTA_RANGE      8  /* a value outside its domain (unknown enum
			       member, invalid date), or a buffer too small */
#define PACTA_INPUT      9  /* a JSON request line was rejected */
#define PACTA_SIGNATURE 10  /* the module's signature is missing, damaged,
			       does not verify or is not from a trusted key */
#define PACTA_UNSUPPORTED 11 /* the call needs a part of Pacta that is not
			       installed (pacta_explain_to: the prover) */

/* "PACTA_OK", "PACTA_NOMEM", ...; "PACTA_?" for a code not in the list.
 * Static storage. */
PACTA_API const char *pacta_status_name(int status);

/*
 * The details of a failure, owned by the caller (on the stack, say).
 * `message` is a complete lowercase sentence without a final period, e.g.
 * "undefined symbol 'memcpy'; modules must be self-contained" or, for JSON,
 * exactly the text `pacta eval` writes: "line 3, column 12: field
 * \"offence\": unknown value \"hacking\"".  `field` names the request field
 * concerned, or is "".  `line` and `column` (1-based) locate a JSON error
 * in its input; both are 0 otherwise.
 */
typedef struct pacta_error {
	int status;
	int line;
	int column;
	char field[64];
	char message[256];
} pacta_error;

/* ---- value kinds, outcomes, grounds, rule actions ---- */

#define PACTA_TYPE_BOOL   0
#define PACTA_TYPE_INT    1
#define PACTA_TYPE_DATE   2
#define PACTA_TYPE_DAYS   3
#define PACTA_TYPE_YEARS  4
#define PACTA_TYPE_ENUM   5
#define PACTA_TYPE_SET    6   /* a set of members of an enum */

/* Outcomes, weakest first. */
#define PACTA_GRANT   0
#define PACTA_REFER   1
#define PACTA_REFUSE  2

/* What decided: clauses (listed as grounds), the agreement's default, or
 * the agreement itself (a party or date outside its scope). */
#define PACTA_GROUND_CLAUSES    0
#define PACTA_GROUND_DEFAULT    1
#define PACTA_GROUND_AGREEMENT  2

#define PACTA_ACTION_GRANT    0
#define PACTA_ACTION_REFER    1
#define PACTA_ACTION_REFUSE   2
#define PACTA_ACTION_OBLIGE   3
#define PACTA_ACTION_EXEMPTS  4
#define PACTA_ACTION_MAY_REFUSE 5   /* a discretionary ground: carries refer */

/* What a clause is: an operative clause, or a reservation or declaration
 * one Party made (in force only in its relations). */
#define PACTA_CLAUSE       0
#define PACTA_RESERVATION  1
#define PACTA_DECLARATION  2

/* Who bears an obligation: the agreement does not say, the requesting or
 * the requested Party. */
#define PACTA_BEARER_UNSAID      0
#define PACTA_BEARER_REQUESTING  1
#define PACTA_BEARER_REQUESTED   2

/* Dates are day numbers: days since 0001-01-01 (so that is day 0). */
PACTA_API void pacta_date_split(int64_t date, int *year, int *month,
				int *day);
/* The day number of a date, or -1 when it is not a valid date in
 * 0001-01-01 .. 9999-12-31. */
PACTA_API int64_t pacta_date_number(int year, int month, int day);

/* ---- modules ---- */

typedef struct pacta_module pacta_module;

/*
 * Loads the rule module at `path` (a file built by `pacta build`).  Before
 * any of its code can run, the file is read and refused with
 * PACTA_BADMODULE unless it is a 64-bit ELF shared object for this machine
 * that needs no other library, has no initialisers, no undefined symbols
 * and no indirect functions, lies wholly within the file, exports the
 * module descriptor, and is byte for byte the file `pacta build` wrote
 * (its SHA-256, which the module records); after loading, its ABI version
 * and the fingerprint of the request and decision layout its code was
 * compiled for (PACTA_ABI when either is not this library's) and its
 * schema are checked too.  A missing file is PACTA_NOTFOUND, an unreadable
 * one PACTA_IO.
 *
 * These checks guard against accidents — the wrong file, a truncated copy,
 * a module from another toolchain — not against malice: a module is native
 * code and runs with the host's privileges, so load only modules you trust.
 *
 * The module is loaded from a sealed private copy of the bytes checked,
 * never from the path: while it is open, its file may be replaced,
 * rewritten in place (`cp new.so live.so`) or removed, and the module
 * decides as before; a new file at the path opens as a new module beside
 * it.  Each open loads its own copy of the code (a module is some 100 KB
 * to a few MB) and holds a file descriptor (the copy's) until it is
 * closed.  Only where the system cannot make such a copy (no
 * memfd_create, /proc not mounted) is the module loaded from its path;
 * its file must then not change while it is open.
 *
 * On success *out is a new module, to be closed with pacta_module_close();
 * on failure *out is NULL.
 */
PACTA_API int pacta_module_open(const char *path, pacta_module **out,
				pacta_error *err);
PACTA_API void pacta_module_close(pacta_module *mod);

/* ---- signed modules (docs/signing.md) ----
 *
 * `pacta build --sign KEY` appends an Ed25519 signature to the module it
 * writes.  A host that loads only modules signed by keys it trusts puts
 * their public keys in a pacta_trust and opens modules with
 * pacta_module_open_trusted().
 *
 * Any module open, trusted or not, checks a signature the file carries: a
 * signed module whose signature is damaged or does not verify (its bytes
 * were changed after signing) is refused with PACTA_SIGNATURE.  An unsigned
 * module loads with pacta_module_open() as before.
 */

typedef struct pacta_trust pacta_trust;

/* A new, empty set of trusted public keys, to be freed with
 * pacta_trust_free().  PACTA_NOMEM, or PACTA_IO when libsodium cannot
 * start; on failure *out is NULL. */
PACTA_API int pacta_trust_new(pacta_trust **out);
PACTA_API void pacta_trust_free(pacta_trust *trust);

/*
 * Adds a trusted Ed25519 public key: 32 bytes; or 64 hex digits (either
 * case); or the key file `pacta keygen` writes beside the secret key
 * (KEY.pub, one line "pacta-ed25519-public HEX").  A key given twice is
 * kept once.  Text that is not a key is PACTA_RANGE; a missing file
 * PACTA_NOTFOUND, an unreadable one PACTA_IO; PACTA_NOMEM.  A set must not
 * change while modules are being opened with it; once filled, any number
 * of threads may open modules with it at once.
 */
PACTA_API int pacta_trust_add_key(pacta_trust *trust, const uint8_t key[32],
				  pacta_error *err);
PACTA_API int pacta_trust_add_key_hex(pacta_trust *trust, const char *hex,
				      pacta_error *err);
PACTA_API int pacta_trust_add_key_file(pacta_trust *trust, const char *path,
				       pacta_error *err);
/* The number of keys in the set (0 for NULL). */
PACTA_API int pacta_trust_count(const pacta_trust *trust);

/*
 * pacta_module_open(), for a module that must be signed by one of the keys
 * in `trust`: the signature is checked on the bytes read from the file,
 * before any of them reach the dynamic loader, and it is those very bytes
 * that are loaded (from a sealed private copy in memory, not from the
 * path, which may change meanwhile).  A module that is not signed, is
 * signed by a key not in `trust`, or whose signature is damaged or does
 * not verify is refused with PACTA_SIGNATURE, err->message saying which.
 * A NULL or empty `trust` is PACTA_MISUSE: it would trust nothing.
 * Otherwise as pacta_module_open(), except that the open fails (PACTA_IO)
 * where the private copy cannot be made.
 */
PACTA_API int pacta_module_open_trusted(const char *path,
					const pacta_trust *trust,
					pacta_module **out, pacta_error *err);

/*
 * pacta_module_open() (trust NULL) or pacta_module_open_trusted(), except
 * that where the system cannot make the private copy the module is loaded
 * from, the open fails (PACTA_IO) rather than load from the path: for a
 * service that replaces modules while requests are in flight on the old
 * ones.  A non-NULL but empty `trust` is PACTA_MISUSE.
 */
PACTA_API int pacta_module_open_private(const char *path,
					const pacta_trust *trust,
					pacta_module **out, pacta_error *err);

/* The public key that signed the module, whose signature was checked when
 * it was opened: 32 bytes, and as 64 lowercase hex digits; NULL and ""
 * for an unsigned module. */
PACTA_API const uint8_t *pacta_module_signer_key(const pacta_module *mod);
PACTA_API const char *pacta_module_signer(const pacta_module *mod);

/* The agreement's title and version ("" when it has none), the version of
 * the compiler that built the module, and the agreement's default outcome
 * (PACTA_GRANT, ...). */
PACTA_API const char *pacta_module_title(const pacta_module *mod);
PACTA_API const char *pacta_module_version(const pacta_module *mod);
PACTA_API const char *pacta_module_compiler_version(const pacta_module *mod);
PACTA_API int pacta_module_default_outcome(const pacta_module *mod);
/* The reason of the default (`default refuse because "..."`), the text of
 * the pseudo-ground "default"; and the agreement's own text (its status,
 * disclaimers).  NULL when the agreement gives none. */
PACTA_API const char *pacta_module_default_reason(const pacta_module *mod);
PACTA_API const char *pacta_module_text(const pacta_module *mod);

/* The SHA-256 of what the module was built from — the agreement's source
 * text (canonical form) and the text of every file it imports, so that
 * two modules with the same hash were built from the same sources: 32
 * bytes, and the same as 64 lowercase hex digits. */
PACTA_API const uint8_t *pacta_module_source_sha256(const pacta_module *mod);
PACTA_API const char *pacta_module_source_hash(const pacta_module *mod);
/* The source text itself, in the canonical form `pacta build` compiles
 * (what `pacta fmt` writes, not the file's bytes; *len bytes, not
 * necessarily NUL-terminated; len may be NULL) and its file name without
 * directories, or "": `pacta
 * build` records none, so that the same text under another file name
 * builds the same module (the title, version and source hash name it). */
PACTA_API const char *pacta_module_source(const pacta_module *mod,
					  size_t *len);
PACTA_API const char *pacta_module_source_name(const pacta_module *mod);
/* The files the agreement imports, which the module carries too, so that
 * its source compiles again from the module alone (`pacta diff` of two
 * modules, pacta_explain_to), each once: k from 0 to
 * pacta_module_import_count() - 1, in the order they were read.  The name
 * is the import that first read the file, as written: "std.mla" for
 * `import std.mla`, "parts/xa.pacta" for `import "parts/xa.pacta"` (in the
 * agreement or in a file it imports).  The source is its text (*len bytes,
 * NUL after them; len may be NULL).  NULL and 0 when k is out of range. */
PACTA_API int pacta_module_import_count(const pacta_module *mod);
PACTA_API const char *pacta_module_import_name(const pacta_module *mod, int k);
PACTA_API const char *pacta_module_import_source(const pacta_module *mod,
						 int k, size_t *len);

/* The Parties the agreement's header lists (`parties XA, XB`), in its
 * order: k from 0 to pacta_module_party_count() - 1 gives a member name
 * of the enum of the request's parties.  0 and NULL when the header lists
 * none or k is out of range. */
PACTA_API int pacta_module_party_count(const pacta_module *mod);
PACTA_API const char *pacta_module_party(const pacta_module *mod, int k);
/* The dates the agreement is in force from and until (`effective`,
 * `expires`), as day numbers: 1 with *date (which may be NULL) when the
 * header gives the date, else 0 and *date unchanged. */
PACTA_API int pacta_module_effective(const pacta_module *mod, int64_t *date);
PACTA_API int pacta_module_expires(const pacta_module *mod, int64_t *date);

/* The request's fields.  pacta_field_index returns -1 for an unknown name.
 * The type name is as the agreement writes it: "bool", "days", the enum's
 * name ("country"), or "set of " and the enum's name. */
PACTA_API int pacta_field_count(const pacta_module *mod);
PACTA_API int pacta_field_index(const pacta_module *mod, const char *name);
PACTA_API const char *pacta_field_name(const pacta_module *mod, int field);
PACTA_API int pacta_field_type(const pacta_module *mod, int field);
PACTA_API const char *pacta_field_type_name(const pacta_module *mod,
					    int field);
PACTA_API int pacta_field_has_default(const pacta_module *mod, int field);
/* A field's default, which a new request holds.  pacta_field_default_value
 * gives a bool (0 or 1), int, days, years, date (a day number) or enum (a
 * member index) default through *value; a set field, a field without a
 * default or a bad index is PACTA_MISUSE.  pacta_field_default_has says
 * whether a set field's default holds the member (0 for anything else).
 * pacta_field_default_json is the default as the JSON of a request writes
 * it ("2025-01-01", ["a", "b"], false, 90), owned by the module; NULL
 * for a field without a default. */
PACTA_API int pacta_field_default_value(const pacta_module *mod, int field,
					int64_t *value);
PACTA_API int pacta_field_default_has(const pacta_module *mod, int field,
				      int member);
PACTA_API const char *pacta_field_default_json(const pacta_module *mod,
					       int field);
/* The members of an enum or set field's enum (0 / NULL / -1 for others). */
PACTA_API int pacta_field_member_count(const pacta_module *mod, int field);
PACTA_API const char *pacta_field_member_name(const pacta_module *mod,
					      int field, int member);
PACTA_API int pacta_field_member_index(const pacta_module *mod, int field,
				       const char *name);

/* Clauses in source order, reservations and declarations among them.
 * Title, article, article title and article text are NULL when the
 * agreement gives none (a reservation's or declaration's article text is
 * the text the Party deposited).  pacta_clause_index returns -1 for an
 * unknown label.  pacta_clause_kind is PACTA_CLAUSE, PACTA_RESERVATION or
 * PACTA_DECLARATION; pacta_clause_owner the Party that made a reservation
 * or declaration (a member name of the parties' enum), NULL for a
 * clause. */
PACTA_API int pacta_clause_count(const pacta_module *mod);
PACTA_API int pacta_clause_index(const pacta_module *mod, const char *label);
PACTA_API const char *pacta_clause_label(const pacta_module *mod, int clause);
PACTA_API const char *pacta_clause_title(const pacta_module *mod, int clause);
PACTA_API int pacta_clause_kind(const pacta_module *mod, int clause);
PACTA_API const char *pacta_clause_owner(const pacta_module *mod, int clause);
PACTA_API const char *pacta_clause_article(const pacta_module *mod,
					   int clause);
PACTA_API const char *pacta_clause_article_title(const pacta_module *mod,
						 int clause);
PACTA_API const char *pacta_clause_article_text(const pacta_module *mod,
						int clause);

/* Rules, in clause order: the clause holding each, its action
 * (PACTA_ACTION_*), its `because` text (or NULL), and for an `oblige` rule
 * the obligation it imposes (-1 for other rules). */
PACTA_API int pacta_rule_count(const pacta_module *mod);
PACTA_API int pacta_rule_clause(const pacta_module *mod, int rule);
PACTA_API int pacta_rule_action(const pacta_module *mod, int rule);
PACTA_API const char *pacta_rule_reason(const pacta_module *mod, int rule);
PACTA_API int pacta_rule_obligation(const pacta_module *mod, int rule);

/* Obligations the agreement declares.  A flag has no value; the others
 * have a value of pacta_obligation_type (an enum or set obligation has
 * members, like a field).  pacta_obligation_outcomes is the set of
 * outcomes the obligation is reported with, as bits 1 << PACTA_GRANT,
 * ... (grant and refer unless the agreement says `on`); the bearer is
 * PACTA_BEARER_*; the description NULL when there is none. */
PACTA_API int pacta_obligation_count(const pacta_module *mod);
PACTA_API const char *pacta_obligation_name(const pacta_module *mod,
					    int oblig);
PACTA_API int pacta_obligation_is_flag(const pacta_module *mod, int oblig);
PACTA_API int pacta_obligation_outcomes(const pacta_module *mod, int oblig);
PACTA_API int pacta_obligation_bearer(const pacta_module *mod, int oblig);
PACTA_API const char *pacta_obligation_description(const pacta_module *mod,
						   int oblig);
PACTA_API int pacta_obligation_type(const pacta_module *mod, int oblig);
PACTA_API int pacta_obligation_member_count(const pacta_module *mod,
					    int oblig);
PACTA_API const char *pacta_obligation_member_name(const pacta_module *mod,
						   int oblig, int member);

/* ---- requests ---- */

typedef struct pacta_request pacta_request;

/*
 * A new request for `mod`, holding each field's default; fields without a
 * default are unset, and must be set before pacta_decide.  Free it with
 * pacta_request_free(), before or after closing the module.  PACTA_NOMEM.
 */
PACTA_API int pacta_request_new(const pacta_module *mod,
				pacta_request **out);
PACTA_API void pacta_request_free(pacta_request *req);
/* Back to the state of a new request (defaults; no id). */
PACTA_API void pacta_request_reset(pacta_request *req);

/*
 * Setters, by field index.  Each checks the field's type: setting a field
 * of another type is PACTA_MISUSE, as is a field index out of range; an
 * unknown member name, a member index out of range or an invalid date is
 * PACTA_RANGE.  On failure the request is unchanged.
 *
 * Durations are in the field's declared unit; dates are year, month, day.
 * pacta_request_set_add adds a member to a set field's current value (its
 * default until changed): call pacta_request_set_clear first to build a
 * set from nothing.
 */
PACTA_API int pacta_request_set_bool(pacta_request *req, int field,
				     int value, pacta_error *err);
PACTA_API int pacta_request_set_int(pacta_request *req, int field,
				    int64_t value, pacta_error *err);
PACTA_API int pacta_request_set_days(pacta_request *req, int field,
				     int64_t days, pacta_error *err);
PACTA_API int pacta_request_set_years(pacta_request *req, int field,
				      int64_t years, pacta_error *err);
PACTA_API int pacta_request_set_date(pacta_request *req, int field,
				     int year, int month, int day,
				     pacta_error *err);
PACTA_API int pacta_request_set_enum(pacta_request *req, int field,
				     const char *member, pacta_error *err);
PACTA_API int pacta_request_set_enum_index(pacta_request *req, int field,
					   int member, pacta_error *err);
PACTA_API int pacta_request_set_add(pacta_request *req, int field,
				    const char *member, pacta_error *err);
PACTA_API int pacta_request_set_add_index(pacta_request *req, int field,
					  int member, pacta_error *err);
PACTA_API int pacta_request_set_clear(pacta_request *req, int field,
				      pacta_error *err);

/*
 * Fills the request from one JSON object (docs/language.md, "Requests and decisions as JSON"), `len`
 * bytes at `line` (no NUL needed): fields not given take their defaults,
 * and the optional "id" member is kept so that the decision's JSON carries
 * it.  `lineno` is the line number used in error messages.  A rejected
 * line is PACTA_INPUT, with err->message the text `pacta eval` prints; the
 * request is then reset but keeps the id, if the line had one, for
 * pacta_request_error_json; not an id the line is rejected for (longer
 * than 127 bytes, or holding \u0000), which cut short could be another
 * request's.
 */
PACTA_API int pacta_request_from_json(pacta_request *req, const char *line,
				      size_t len, int lineno,
				      pacta_error *err);

/*
 * Writes {"id": ..., "error": MESSAGE} for a line that `err` rejected, as
 * `pacta eval` does ({"error": MESSAGE} where it kept no id), into buf (cap bytes) as a NUL-terminated string.
 * *needed (if not NULL) receives the bytes the text needs, NUL included.
 * When cap is too small the result is PACTA_RANGE and buf, if cap > 0,
 * holds "".  buf may be NULL when cap is 0, to measure.  PACTA_NOMEM.
 */
PACTA_API int pacta_request_error_json(pacta_request *req,
				       const pacta_error *err, char *buf,
				       size_t cap, size_t *needed);

/* ---- decisions ---- */

typedef struct pacta_decision pacta_decision;

/* A decision buffer for `mod`, reused by every pacta_decide into it.  Free
 * it with pacta_decision_free(), before or after closing the module.
 * PACTA_NOMEM. */
PACTA_API int pacta_decision_new(const pacta_module *mod,
				 pacta_decision **out);
PACTA_API void pacta_decision_free(pacta_decision *dec);

/*
 * Decides `req` into `dec`, both made for `mod`.  A field without a default
 * that was never set is PACTA_MISUSE, naming the field.  On failure `dec`
 * holds no decision.  It never allocates, and threads may decide at once on
 * a shared module as long as each uses its own request and decision.  The
 * module writes the outcome into `dec` itself, so a module that writes one
 * that does not exist is caught where the decision is read: its outcome
 * and ground are -1, its JSON and explanation PACTA_ERROR (and
 * pacta_decide_json's line PACTA_ERROR, saying so).
 *
 * It decides the outcome, what decided it and the obligations, no more,
 * stopping at the first rule that settles the outcome.  The rest — the
 * grounds, the obligations' sources, the exemptions, the rules fired, the
 * JSON and the explanation — is worked out from `req` when first asked
 * for, so keep `req` alive and unchanged until you have read them: once it
 * has been changed (any setter, pacta_request_reset, from_json), what had
 * not been worked out yet is not available (the counts are -1, the
 * indices -1) and the JSON and the explanation, which read the request's
 * id, are PACTA_MISUSE, until you decide again; what was read before the
 * change (any one of those parts works out all of them) stays.  Freeing
 * `req` first is undefined.
 */
PACTA_API int pacta_decide(const pacta_module *mod, const pacta_request *req,
			   pacta_decision *dec, pacta_error *err);

/*
 * pacta_decide for n requests: reqs[i] into decs[i], with the next
 * requests fetched ahead while one is decided, for a host that holds many
 * in memory.  Every request is decided; the result is PACTA_OK when all
 * were, else the status of the first that failed, with `err` naming it
 * by its index ("request 12: field 'offence' ...", reqs[12]; err->line =
 * 13, the index plus one, since a line of pacta_error counts from 1 and 0
 * says there is none) and that decision empty.  The same rules hold as for pacta_decide.
 */
#define PACTA_HAVE_DECIDE_BATCH 1
PACTA_API int pacta_decide_batch(const pacta_module *mod,
				 const pacta_request *const *reqs,
				 pacta_decision *const *decs, size_t n,
				 pacta_error *err);

/*
 * Many requests and decisions at once, for a host that keeps many alive:
 * n of them for `mod` in one allocation, back to back, so that they span
 * less memory and deciding them misses the caches less.  Element i
 * (0 <= i < n; NULL out of range) is a request or a decision like any
 * other, to set, decide and read; it is freed with its array (the
 * pacta_*_free of one element does nothing), before or after the module
 * is closed.  n == 0 or no module is PACTA_MISUSE; PACTA_NOMEM.
 */
typedef struct pacta_request_array pacta_request_array;
typedef struct pacta_decision_array pacta_decision_array;
#define PACTA_HAVE_ARRAYS 1
PACTA_API int pacta_request_array_new(const pacta_module *mod, size_t n,
				      pacta_request_array **out);
PACTA_API pacta_request *pacta_request_array_get(pacta_request_array *arr,
						 size_t i);
PACTA_API void pacta_request_array_free(pacta_request_array *arr);
PACTA_API int pacta_decision_array_new(const pacta_module *mod, size_t n,
				       pacta_decision_array **out);
PACTA_API pacta_decision *pacta_decision_array_get(pacta_decision_array *arr,
						   size_t i);
PACTA_API void pacta_decision_array_free(pacta_decision_array *arr);

/* PACTA_GRANT, PACTA_REFER or PACTA_REFUSE, and its name ("grant", ...);
 * -1 and NULL when `dec` holds no decision. */
PACTA_API int pacta_decision_outcome(const pacta_decision *dec);
PACTA_API const char *pacta_decision_outcome_name(const pacta_decision *dec);

/*
 * What decided (PACTA_GROUND_*, -1 without a decision).  With
 * PACTA_GROUND_CLAUSES the grounds are the clauses whose fired rules carry
 * the outcome, in source order: ground k (0 <= k < count) is a clause
 * index, with its label and its reason (the `because` text of its rule,
 * else the clause's title, else NULL).  The count is 0 for the other
 * ground kinds, which the JSON writes as "default" and "agreement".  A
 * ground of a referral is discretionary (1) when every fired rule of its
 * clause that carries the outcome is a `may refuse`: the requested Party
 * may invoke it, and its central authority decides.  The grounds come from
 * the request (pacta_decide): the count is -1 when it has changed since,
 * or when the memory they are worked out in, allocated when first read,
 * cannot be had.
 */
PACTA_API int pacta_decision_ground(const pacta_decision *dec);
PACTA_API int pacta_decision_ground_count(const pacta_decision *dec);
PACTA_API int pacta_decision_ground_clause(const pacta_decision *dec, int k);
PACTA_API const char *pacta_decision_ground_label(const pacta_decision *dec,
						  int k);
PACTA_API const char *pacta_decision_ground_reason(const pacta_decision *dec,
						   int k);
PACTA_API int pacta_decision_ground_discretionary(const pacta_decision *dec,
						  int k);

/*
 * The obligations imposed and reported with the outcome (each with the
 * outcomes pacta_obligation_outcomes gives; by default grant and refer,
 * so that a refusal carries none unless the agreement declares an
 * obligation `on refuse`): obligation k (0 <= k < count) is an
 * obligation index of the module.  For an obligation index, pacta_decision_obligation_imposed
 * says whether it is imposed; the value of an imposed int, days, years,
 * date (a day number) or enum (a member index) obligation comes through
 * *value; a set obligation is read member by member with
 * pacta_decision_obligation_has.  Reading the value of a flag or a set, or
 * of an obligation not imposed, is PACTA_MISUSE.  The sources of an
 * obligation are the clauses that imposed it, in source order (from the
 * request, as the grounds: the count is -1 when it has changed since).
 */
PACTA_API int pacta_decision_obligation_count(const pacta_decision *dec);
PACTA_API int pacta_decision_obligation(const pacta_decision *dec, int k);
PACTA_API int pacta_decision_obligation_imposed(const pacta_decision *dec,
						int oblig);
PACTA_API int pacta_decision_obligation_value(const pacta_decision *dec,
					      int oblig, int64_t *value);
PACTA_API int pacta_decision_obligation_has(const pacta_decision *dec,
					    int oblig, int member);
PACTA_API int pacta_decision_obligation_source_count(
	const pacta_decision *dec, int oblig);
PACTA_API int pacta_decision_obligation_source(const pacta_decision *dec,
					       int oblig, int k);

/* The trace: clauses exempted (clause indices, in source order) and the
 * clause that exempted each (-1 if none is recorded), and the rules that
 * fired (rule indices, in order).  From the request, as the grounds: the
 * counts are -1 when it has changed since pacta_decide. */
PACTA_API int pacta_decision_exempted_count(const pacta_decision *dec);
PACTA_API int pacta_decision_exempted(const pacta_decision *dec, int k);
PACTA_API int pacta_decision_exempted_by(const pacta_decision *dec,
					 int clause);
PACTA_API int pacta_decision_fired_count(const pacta_decision *dec);
PACTA_API int pacta_decision_fired(const pacta_decision *dec, int k);

/*
 * The decision as one line of JSON, exactly as `pacta eval` writes it
 * (without the newline), with the trace when `with_trace` is set; and the
 * decision in words, as `pacta explain` writes it (lines ending in '\n').
 * Both write a NUL-terminated string into buf (cap bytes); *needed (if not
 * NULL) receives the bytes the text needs, NUL included.  When cap is too
 * small the result is PACTA_RANGE and buf, if cap > 0, holds "".  buf may
 * be NULL when cap is 0, to measure.  Without a decision, or when the
 * request decided has changed since (pacta_decide): PACTA_MISUSE;
 * PACTA_NOMEM when the memory the trace is worked out in, allocated when
 * first needed, cannot be had.
 *
 * The text is built in a buffer the decision object owns, allocated by the
 * first pacta_decision_json for the longest JSON decision of its module
 * (up to 1 MiB; beyond, it grows when first needed), so later calls do not
 * allocate; the explanation may (PACTA_NOMEM).  A decision that is never
 * written as text costs no such buffer.
 */
PACTA_API int pacta_decision_json(pacta_decision *dec, int with_trace,
				  char *buf, size_t cap, size_t *needed);
PACTA_API int pacta_decision_explain(pacta_decision *dec, char *buf,
				     size_t cap, size_t *needed);

/* ---- what would it take ---- */

/*
 * The request closest to `req` (fewest fields changed, the Parties only
 * when nothing else will do, then fewest set members, then each number
 * nearest its given value) whose decision has
 * outcome `to` (PACTA_GRANT, PACTA_REFER or PACTA_REFUSE), found with the
 * Z3 solver over the module's embedded source, or the proof that there is
 * none: exactly what `pacta explain --to OUTCOME --json` prints, as one
 * JSON object in *json (NUL-terminated, *len bytes if len is not NULL;
 * free it with pacta_free):
 *
 *   "to"        the outcome sought
 *   "answer"    "found", "already" (req is decided so) or "impossible"
 *   "changes"   for "found": [{"field", "value" (the one it would take),
 *               "given", "clauses" (the labels of the clauses the change
 *               brings about or sets aside)}]; [] for "already"
 *   "request"   the request found (or req), as `pacta eval` reads it
 *   "decision"  its decision with the trace, as `pacta eval --trace`
 *   "forbidden_by", "scope"   for "impossible": the clauses that decide
 *               otherwise whenever one that could decide so applies, and
 *               whether the term or the Parties stand in the way too
 *   "text"      all of it in words, as `pacta explain --to` prints it
 *
 * Every request it names was decided again by the reference interpreter.
 * It takes tens to hundreds of milliseconds (the solver's limit is
 * PACTA_PROVE_TIMEOUT_MS, 60,000 by default): for a requesting authority's
 * question, not the request path.  Calls from several threads are
 * answered one at a time.
 *
 * The prover is not in libpacta, which links neither Z3 nor the compiler:
 * it is libpacta-prove.so.0, installed beside libpacta, loaded on the
 * first call: the file the environment variable PACTA_PROVE_LIBRARY
 * names if it is set, else the one in libpacta's own directory (the
 * program's, when libpacta is linked statically) or in its ../lib, else
 * the one the dynamic loader finds.  It compiles the agreement from the
 * sources the module carries (its own text and every file it imports,
 * pacta_module_import_count), never from files on disk.  Once loaded it
 * stays loaded for the life of the process, with what Z3 keeps of its own
 * (some hundreds of KB, which valgrind counts as "possibly lost").
 *
 * PACTA_UNSUPPORTED: the prover is not installed (err says where it was
 * looked for).  PACTA_MISUSE: a required field unset, objects of two
 * modules, `to` not an outcome.  PACTA_BADMODULE: the module's sources do
 * not compile here, or do not hash to what the module records.
 * PACTA_ERROR: the solver found no answer within its limit.  PACTA_NOMEM.
 */
PACTA_API int pacta_explain_to(const pacta_module *mod,
			       const pacta_request *req, int to, char **json,
			       size_t *len, pacta_error *err);
/* Frees what pacta_explain_to returned; NULL is ignored. */
PACTA_API void pacta_free(void *p);

/* ---- JSON in, JSON out ---- */

/*
 * One request line of JSON in, its decision out as one line of JSON into
 * buf (cap bytes, NUL-terminated, no newline): exactly the line `pacta
 * eval` writes for it, with the trace when `with_trace` is set.  It is
 * pacta_request_from_json, pacta_decide and pacta_decision_json in one
 * call, on the caller's request and decision (of one module, used by one
 * thread at a time), and after its first call on `dec` it allocates
 * nothing.
 *
 * PACTA_OK: buf holds the decision.  PACTA_INPUT: the line was rejected;
 * buf holds the error line {"id": ..., "error": "line L, column C: ..."}
 * (`lineno` is L) and err the details.  PACTA_RANGE: cap is too small for
 * the text; *needed (if not NULL) receives the bytes it needs, NUL
 * included, buf holds "" if cap > 0, and a call again with room gives the
 * same text.  PACTA_MISUSE (a required field missing, objects of two
 * modules) as pacta_decide; PACTA_ERROR when the module wrote an impossible
 * decision or its two entries disagree.
 */
PACTA_API int pacta_decide_json(pacta_request *req, pacta_decision *dec,
				const char *line, size_t len, int lineno,
				int with_trace, char *buf, size_t cap,
				size_t *needed, pacta_error *err);

/*
 * JSON Lines in, JSON Lines out: the lines of `text` (len bytes; each ends
 * at '\n' or "\r\n", the last one at the end of the text) decided in order,
 * each answered as pacta_decide_json answers it — the decision's line, or
 * the error line of a line refused, `lineno` being the first line's number
 * — and the answers appended to buf (cap bytes), each with its '\n', then
 * a NUL when there is room.  It allocates as pacta_decide_json does; a
 * refused line does not stop it (tell its answer by "\"outcome\": "
 * missing).  *consumed and *written (either may be NULL) receive the
 * bytes of text decided and of buf written.
 *
 * With lineno 1, a UTF-8 byte-order mark before the first line is
 * skipped, as pacta eval does.
 *
 * PACTA_OK: every line was answered.  PACTA_RANGE: buf filled up; the
 * lines up to *consumed are answered, and a call with the rest of the text
 * (and lineno moved on) goes on; when not even the first answer fit,
 * *consumed is 0 and buf must grow.  PACTA_MISUSE and PACTA_ERROR as
 * pacta_decide_json, the lines before answered.
 */
PACTA_API int pacta_decide_lines(pacta_request *req, pacta_decision *dec,
				 const char *text, size_t len, int lineno,
				 int with_trace, char *buf, size_t cap,
				 size_t *consumed, size_t *written,
				 pacta_error *err);

#ifdef __cplusplus
}
#endif

#endif
