/*
 * libpacta.h — what the pieces of libpacta share behind the opaque handles
 * of pacta.h: runtime/elf.c checks a module file before it is loaded,
 * runtime/module.c loads it, runtime/validate.c checks the descriptor it
 * exports, runtime/info.c says what the module holds, runtime/api.c
 * builds requests and reads decisions, and runtime/util.c holds the
 * helpers all of them use.
 *
 * Internal: not installed, not part of the API.  Like the rest of the
 * runtime it depends on nothing in the compiler.
 */
#ifndef PACTA_LIBPACTA_H
#define PACTA_LIBPACTA_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model.h"
#include "module_abi.h"
#include "pacta.h"

/* A module with more loadable segments than this is refused; linkers make
 * four. */
#define LP_MAX_SEGMENTS 16

/* No compiler makes a module file near this size, nor a source text inside
 * one; larger means damage. */
#define LP_MAX_FILE_SIZE ((size_t)1 << 30)

/* The bytes of a UTF-8 byte-order mark at p (n bytes), as some editors
 * save UTF-8, which JSON lets a reader ignore: 3 or 0. */
static inline size_t lp_bom(const char *p, size_t n)
{
	return n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* A loadable segment, as an offset from the load address. */
struct elf_segment {
	uint64_t vaddr;
	uint64_t memsz;
	uint32_t flags;         /* PF_R, PF_W, PF_X */
	uint64_t offset;        /* where its filesz bytes are in the file */
	uint64_t filesz;
};

/* What the file check learnt that the loader needs. */
struct elf_info {
	uint64_t sym_value;     /* the descriptor symbol, from the load address */
	uint64_t sym_size;
	unsigned nseg;
	struct elf_segment seg[LP_MAX_SEGMENTS];
};

/*
 * Checks the `size` bytes of a module file (runtime/elf.c).  Returns 0, or
 * -1 with the reason in msg (cap bytes).  Every offset read from the file
 * is bounds-checked, so any bytes at all are safe to give it.  For a signed
 * module, runtime/module.c gives only the signed image, without the
 * signature trailer (signature.h): everything the loader reads must lie in
 * the signed bytes.
 */
int elf_check(const unsigned char *data, size_t size, struct elf_info *info,
	      char *msg, size_t cap);

/* A loadable segment where the dynamic loader put it. */
struct lp_span {
	uintptr_t lo, hi;
	uint32_t flags;         /* PF_R, PF_W, PF_X */
};

/* Where a loaded module lies in memory. */
struct lp_mapped {
	struct lp_span seg[LP_MAX_SEGMENTS];
	unsigned n;
};

/*
 * Checks the descriptor a loaded module exports (runtime/validate.c): at
 * `sym`, sym_size bytes as the file check found it, in the module at
 * `mem`.  Returns PACTA_OK, or PACTA_BADMODULE or PACTA_ABI with `err`
 * filled.  Once it has passed, every pointer, count and index of the
 * schema is known good, and the rest of libpacta reads the schema without
 * checking again.
 */
int lp_desc_check(const void *sym, uint64_t sym_size,
		  const struct lp_mapped *mem, pacta_error *err);

/* The magic and ABI version of a descriptor of sym_size bytes, as
 * lp_desc_check checks them (runtime/validate.c): PACTA_OK, or
 * PACTA_BADMODULE or PACTA_ABI with `err` filled. */
int lp_desc_version_check(uint32_t magic, uint32_t abi_version,
			  uint64_t sym_size, pacta_error *err);

/*
 * The image's SHA-256 (runtime/image.c): the `size` bytes of a module
 * file that elf_check passed (`info`), without a signature trailer.
 * lp_image_check computes it into `sha` and returns PACTA_OK when it is
 * the one the descriptor records; PACTA_BADMODULE (or PACTA_ABI) with
 * `err` filled otherwise.  lp_image_stamp checks the file and writes the
 * hash into its descriptor (`pacta build`): 0, or -1 with the reason in
 * msg (cap bytes).
 */
int lp_image_check(const unsigned char *data, size_t size,
		   const struct elf_info *info, uint8_t sha[32],
		   pacta_error *err);
int lp_image_stamp(unsigned char *data, size_t size, char *msg, size_t cap);

/* The decide function of a module whose evaluator lives in the host
 * (lp_module_host): the interpreter of the `pacta` command. */
typedef uint32_t (*lp_host_fn)(void *ctx, const uint64_t *req, uint64_t *block);

struct pacta_module {
	void *handle;                   /* from dlopen */
	char *path;                     /* the file opened, made absolute (or
	                                   NULL): the prover's messages name
	                                   it */
	const lp_module_desc *desc;  /* in the module's memory */
	const lp_schema *s;          /* &desc->schema */
	size_t block_size;              /* bytes of a decision block */
	size_t fast_words;              /* its first words, which the fast
	                                   entry writes (lp_block_layout) */
	size_t oblig_val;               /* where among them the values start */
	size_t request_size;            /* bytes of a request made alone, */
	size_t decision_size;           /* of a decision: multiples of 64 */
	size_t request_stride;          /* of a request in an array, and of
	                                   its side: a multiple of 64 */
	size_t json_bound;              /* longest JSON decision, trace included */
	uint64_t *defaults;             /* data_size bytes: a new request's
	                                   packed fields */
	lp_place *places;               /* per field: where it is packed */
	uint32_t data_size;             /* bytes of packed fields */
	uint64_t *required;             /* nfields bits: fields without default */
	size_t field_words;             /* BITWORDS(nfields): of required, set */
	lp_fast_fn decide;           /* desc->decide, or NULL when hosted */
	uint32_t nrequired;             /* fields without default */
	lp_host_fn host;                /* a hosted module's decide, or NULL */
	void *host_ctx;
	const char **type_names;        /* per field, e.g. "set of offence" */
	char *type_text;                /* the storage of the type names */
	const char **default_json;      /* per field, its default as JSON, or NULL */
	char *default_text;             /* the storage of those */
	lp_names *members;           /* enum member name lookup */
	char hash_hex[65];
	int sigfd;                      /* the private copy loaded, or -1 */
	int is_signed;                  /* signer holds the checked signer */
	uint8_t signer[32];
	char signer_hex[65];
	/* Its holders: the handle pacta_module_close closes, and each
	 * request, decision and array made of it; freed when the last lets
	 * go, so that one freed after the close reads no freed memory. */
	atomic_size_t holders;
};

/* A request, decision or array of mod made, and freed (module.c): the
 * module's memory lasts until its close and the last of them. */
void lp_module_hold(const pacta_module *mod);
void lp_module_let_go(const pacta_module *mod);

/* A request: what pacta_decide reads on the 64-byte lines of its own where
 * it starts — its module, its stamp and the packed fields of model.h —
 * and, read only by the setters, its side: the set bits (one per field)
 * and the tail.  A request made alone has its side right after the packed
 * fields; one of pacta_request_array_new's, in a region of the array's
 * own, 2^k bytes after it (k in the stamp's top bits), so that the
 * requests themselves lie back to back on as few lines as they can.  The
 * id, the error text and a one-word-per-slot copy for the JSON decoder
 * live apart, in `cold`, made when first needed (a line with an id, an
 * error, the general decoder). */
struct lp_request_cold {
	lp_request_id id;
	lp_strbuf text;              /* for pacta_request_error_json */
	uint64_t *slots;                /* nslots words: the decoder's output */
};

struct lp_request_tail {
	uint32_t unset;                 /* fields without default not set */
	uint16_t has_id;                /* cold->id holds the line's id */
	uint8_t in_array;               /* one of pacta_request_array_new's */
	struct lp_request_cold *cold;   /* or NULL */
};

struct pacta_request {
	/* The module; with bit 0 set when pacta_decide must not take its
	 * fast way: a field without default unset, or a hosted module.  So
	 * one comparison with the module decides whether it may. */
	uintptr_t ready;
	/* Unique in the process for each state of each request (bits 0-56):
	 * every change takes a new one, and a decision names what it decided
	 * by the request's address and stamp.  Bits 57-63: k, where the side
	 * is (see above), or 0. */
	uint64_t stamp;
	uint64_t words[];               /* data_size bytes of packed fields;
	                                   the side, when alone */
};

#define LP_STAMP_BITS 57

/* Where the side of request r starts. */
static inline uint64_t *lp_request_side(const struct pacta_request *r, uint32_t data_size)
{
	unsigned k = (unsigned)(r->stamp >> LP_STAMP_BITS);

	return (uint64_t *)(void *)((char *)(uintptr_t)r
				    + (k ? (size_t)1 << k : sizeof *r + data_size));
}

#define LP_MOD(r)    ((const pacta_module *)((r)->ready & ~(uintptr_t)1))
#define LP_DATA(r)   ((uint8_t *)(r)->words)
#define LP_SET(r)    lp_request_side((r), LP_MOD(r)->data_size)
#define LP_TAIL(r)   ((struct lp_request_tail *)(void *)(LP_SET(r) + LP_MOD(r)->field_words))
#define LP_HAS_ID(r) (LP_TAIL(r)->has_id)
#define LP_ID(r)     (&LP_TAIL(r)->cold->id)     /* when cold is there */
#define LP_TEXT(r)   (&LP_TAIL(r)->cold->text)

/* How much of a decision its block holds: nothing, the outcome and its
 * obligations (the module's fast entry), or the whole trace too; or the
 * outcome and obligations of a module whose full entry disagreed. */
enum { LP_UNDECIDED, LP_OUTCOME, LP_TRACED, LP_AT_ODDS };

/* What a decision keeps off its hot line, made when the trace or a text
 * is first wanted (or, for a hosted module, with the decision): the whole
 * block, carved into its parts (buf's outcome and ground are copied in
 * when the trace is made), the text and a hosted module's scratch. */
struct lp_decision_cold {
	lp_decision_buf buf;         /* carved from block */
	uint64_t *slots;                /* a hosted module's: the request
	                                   unpacked for its evaluator */
	lp_strbuf text;              /* JSON or explanation, reused */
	uint64_t block[];               /* block_size bytes, then slots */
};

/* A decision: what pacta_decide writes, on the line where it starts (two
 * for a module of many obligation values): the header and the words the
 * fast entry writes, the block's first (the obligations, model.h).
 * pacta_decision_array_new lays decisions out back to back,
 * mod->decision_size bytes apart. */
struct pacta_decision {
	const pacta_module *mod;
	struct lp_decision_cold *cold;  /* or NULL */
	/* The request decided, by identity: the trace is computed from it
	 * when first read (api.c, lp_decision_trace), and only while it is
	 * unchanged. */
	const pacta_request *req;
	uint64_t req_stamp;
	/* The fast entry's head word (module_abi.h, lp_fast_fn): it writes
	 * the outcome and the ground; the rest is libpacta's. */
	union {
		uint64_t head;
		struct {
			uint8_t outcome, ground;
			uint8_t decided;        /* LP_UNDECIDED ... LP_AT_ODDS */
			uint8_t in_array;       /* one of pacta_decision_array_new's */
		};
	};
	uint64_t fast[];                /* fast_words: the block's first */
};

/* PACTA_OK when every field without a default is set; else PACTA_MISUSE
 * naming the first that is not (api.c). */
int lp_request_check_set(const pacta_request *req, pacta_error *err);

/* The whole trace in dec->cold->buf (api.c): PACTA_OK, PACTA_MISUSE when
 * nothing was decided or the request has changed since, PACTA_NOMEM when
 * there is no memory for it, PACTA_ERROR when the module's two entries
 * disagree. */
int lp_decision_trace(pacta_decision *dec);

/* Fills `err` (which may be NULL): a status, the field concerned (or
 * NULL) and the message (runtime/util.c). */
void lp_error(pacta_error *err, int status, const char *field,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Opens `path` to read, if it is a regular file, without waiting on a
 * FIFO or a device (runtime/util.c): the descriptor, with *st filled; -1
 * with errno set; or -2 when it is not a regular file. */
struct stat;
int lp_open_regular(const char *path, struct stat *st);

/* Tests only: nonzero makes an ordinary open load from the path, as where
 * the system cannot make the private copy a module is loaded from
 * (module.c). */
extern int lp_private_copy_off;

/* Precomputes what every request and decision of an open module shares
 * (module.c); -1 when out of memory. */
int lp_module_prepare(pacta_module *m);

/*
 * A module whose decisions come from the host: `fn(ctx, req, block)`
 * decides as a native module's decide() does (module_abi.h).  The schema,
 * source and context are the caller's and must outlive the module; the
 * module is used like any other (requests, decisions, JSON, getters), but
 * only by one thread at a time, as its evaluator may keep state (host.c).
 */
int lp_module_host(const lp_schema *s, const char *compiler_version,
		   const char *source, size_t len, const uint8_t sha256[32],
		   const lp_imports *imports,
		   lp_host_fn fn, void *ctx, pacta_module **out,
		   pacta_error *err);

/* Sets every field of `req` from `slots` (schema.nslots words, as a
 * module reads them): a request built by the host, e.g. a test's. */
void lp_request_set_slots(pacta_request *req, const uint64_t *slots);

#endif
