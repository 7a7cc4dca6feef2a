/*
 * module.c — opening and closing a native rule module: pacta_module_open,
 * pacta_module_open_trusted and pacta_module_close of pacta.h (the handle
 * is in libpacta.h; what an open module says about itself is
 * runtime/info.c's).
 *
 * pacta_module_open reads the file and has runtime/elf.c check it, and
 * runtime/image.c check that its bytes are those it was built with,
 * before dlopen() runs any of it, then has runtime/validate.c check the
 * descriptor the module exports (module_abi.h) against where the loader
 * put it, before anything reads the schema.  It also precomputes what
 * every request and decision of the module shares: the default request,
 * the set of fields without defaults, the decision block size and the
 * longest JSON text a decision can have.
 *
 * A signature the file carries (runtime/sign.c) is checked on the bytes
 * read, before the ELF check; pacta_module_open_trusted also requires one
 * by a trusted key and loads exactly the bytes it checked.
 */
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libpacta.h"
#include "signature.h"

/* ---- reading the file ---- */

/* Reads the whole file; the check reads it at random, and modules are
 * small.  Returns a status. */
static int read_file(const char *path, unsigned char **data, size_t *size,
		     pacta_error *err)
{
	struct stat st;
	unsigned char *p;
	size_t got = 0;
	int fd, e;

	*data = NULL;
	fd = lp_open_regular(path, &st);
	if (fd == -2) {
		lp_error(err, PACTA_BADMODULE, NULL,
			 "'%s' is not a regular file", path);
		return PACTA_BADMODULE;
	}
	if (fd < 0) {
		e = errno;
		lp_error(err, e == ENOENT ? PACTA_NOTFOUND : PACTA_IO, NULL,
			 "cannot open '%s': %s", path, strerror(e));
		return e == ENOENT ? PACTA_NOTFOUND : PACTA_IO;
	}
	if ((uint64_t)st.st_size > LP_MAX_FILE_SIZE) {
		close(fd);
		lp_error(err, PACTA_BADMODULE, NULL,
			 "'%s' is too large for a module", path);
		return PACTA_BADMODULE;
	}
	p = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!p) {
		close(fd);
		lp_error(err, PACTA_NOMEM, NULL, "out of memory");
		return PACTA_NOMEM;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, p + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			free(p);
			close(fd);
			lp_error(err, PACTA_IO, NULL, "cannot read '%s': %s",
				 path, strerror(e));
			return PACTA_IO;
		}
		if (n == 0)
			break;          /* shrank meanwhile: check what is there */
		got += (size_t)n;
	}
	close(fd);
	*data = p;
	*size = got;
	return PACTA_OK;
}

/* ---- what requests and decisions share ---- */

/* At most the length of s as a JSON string: an escape is 6 bytes. */
static size_t json_max(const char *s)
{
	return s ? 6 * strlen(s) + 2 : 4;
}

static size_t value_max(const lp_schema *s, int kind, uint32_t e)
{
	size_t n = 0, m = 4;

	switch (kind) {
	case PK_ENUM:
		for (uint32_t i = 0; i < s->enums[e].nmembers; i++)
			if (json_max(s->enums[e].members[i]) > m)
				m = json_max(s->enums[e].members[i]);
		return m;
	case PK_SET:
		for (uint32_t i = 0; i < s->enums[e].nmembers; i++)
			n += json_max(s->enums[e].members[i]) + 2;
		return n + 2;
	default:
		return 24;      /* an int64, a date, true or null */
	}
}

/*
 * An upper bound on the JSON text of a decision with its trace
 * (runtime/json.c): every clause a ground, every obligation imposed, every
 * rule fired, every clause exempted, and the longest id.  Each item is
 * given generous room for its keys and punctuation.
 */
static size_t json_bound(const lp_schema *s)
{
	size_t n = 256 + 6 * sizeof(((lp_request_id *)0)->text);
	size_t longest = 0;

	for (uint32_t c = 0; c < s->nclauses; c++)
		if (json_max(s->clauses[c].label) > longest)
			longest = json_max(s->clauses[c].label);
	/* As a ground, as a discretionary one, and as exempted together with
	 * the exempting clause. */
	for (uint32_t c = 0; c < s->nclauses; c++)
		n += 3 * json_max(s->clauses[c].label) + longest + 48;
	for (uint32_t j = 0; j < s->noblig; j++) {
		const lp_oblig_desc *o = &s->obligs[j];

		n += json_max(o->name) + 8;
		n += o->combine == PC_FLAG ? 8
					   : value_max(s, o->kind, o->enum_index);
	}
	for (uint32_t r = 0; r < s->nrules; r++) {
		const lp_rule_desc *rd = &s->rules[r];

		n += 64 + json_max(s->clauses[rd->clause].label);
		if (rd->action == PA_OBLIGE)
			n += 24 + json_max(s->obligs[rd->oblig].name);
	}
	return n;
}

/* Each field's default as JSON (pacta_field_default_json), one NUL-ended
 * text after another in default_text. */
static int prepare_defaults(pacta_module *m)
{
	const lp_schema *s = m->s;
	lp_strbuf sb = { 0 };
	size_t *at = calloc(s->nfields + 1, sizeof *at);

	m->default_json = calloc(s->nfields + 1, sizeof *m->default_json);
	if (!at || !m->default_json) {
		free(at);
		return -1;
	}
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];

		at[i] = sb.len;
		if (!f->has_default)
			continue;
		lp_json_encode_value(s, f->kind, f->enum_index, f->defval, &sb);
		lp_sb_put(&sb, "", 1);
	}
	if (sb.failed) {
		free(at);
		lp_sb_free(&sb);
		return -1;
	}
	for (uint32_t i = 0; i < s->nfields; i++)
		if (s->fields[i].has_default)
			m->default_json[i] = sb.data + at[i];
	m->default_text = sb.data;
	free(at);
	return 0;
}

int lp_module_prepare(pacta_module *m)
{
	const lp_schema *s = m->s;
	size_t total = 0;
	char *p;
	uint64_t *words = calloc(s->nslots + 1, sizeof *words);
	lp_block_layout layout;

	m->places = calloc(s->nfields + 1, sizeof *m->places);
	m->data_size = m->places ? lp_request_places(s, m->places) : 8;
	m->defaults = calloc(m->data_size / 8, sizeof *m->defaults);
	m->required = calloc(LP_BITWORDS(s->nfields) + 1,
			     sizeof *m->required);
	m->type_names = calloc(s->nfields + 1, sizeof *m->type_names);
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];

		if (f->kind == PK_ENUM || f->kind == PK_SET)
			total += strlen(s->enums[f->enum_index].name) + 8;
		total += 1;
	}
	m->type_text = malloc(total + 1);
	m->members = lp_names_new(s);
	if (!words || !m->places || !m->defaults || !m->required || !m->type_names
	    || !m->type_text || !m->members) {
		free(words);
		return -1;
	}
	p = m->type_text;
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];

		if (f->has_default) {
			memcpy(words + f->slot, f->defval,
			       f->nslots * sizeof(uint64_t));
		} else {
			lp_bit_set(m->required, i);
			m->nrequired++;
		}
		if (f->kind == PK_ENUM) {
			m->type_names[i] = s->enums[f->enum_index].name;
		} else if (f->kind == PK_SET) {
			m->type_names[i] = p;
			p += sprintf(p, "set of %s",
				     s->enums[f->enum_index].name) + 1;
		} else {
			m->type_names[i] = lp_kind_names[f->kind];
		}
	}
	lp_pack(s, m->places, words, (uint8_t *)m->defaults);
	free(words);
	lp_hex(m->desc->source_sha256, sizeof m->desc->source_sha256,
	       m->hash_hex);
	m->block_size = lp_decision_size(s);
	lp_block_offsets(s, &layout);
	m->fast_words = layout.fast_end;
	m->oblig_val = layout.oblig_val;
	/* libpacta.h: whole 64-byte lines, so that a request's or a
	 * decision's hot part starts one, alone or in an array */
	m->request_size = (sizeof(pacta_request) + m->data_size
			   + LP_BITWORDS(s->nfields) * sizeof(uint64_t)
			   + sizeof(struct lp_request_tail) + 63) / 64 * 64;
	m->decision_size = (sizeof(pacta_decision) + m->fast_words * sizeof(uint64_t)
			    + 63) / 64 * 64;
	{
		size_t hot = sizeof(pacta_request) + m->data_size;
		size_t side = LP_BITWORDS(s->nfields) * sizeof(uint64_t)
			      + sizeof(struct lp_request_tail);

		m->request_stride = ((hot > side ? hot : side) + 63) / 64 * 64;
	}
	m->field_words = LP_BITWORDS(s->nfields);
	m->decide = m->desc->decide;
	m->json_bound = json_bound(s);
	return prepare_defaults(m);
}

static void module_free(pacta_module *m)
{
	if (!m)
		return;
	/* Before dlclose: the name tables read the schema to free. */
	lp_names_free(m->members);
	if (m->handle)
		dlclose(m->handle);
	/* After dlclose: while the fd is open no other object can be loaded
	 * under its /proc/self/fd name (see private_copy). */
	if (m->sigfd >= 0)
		close(m->sigfd);
	free(m->defaults);
	free(m->places);
	free(m->required);
	free(m->type_names);
	free(m->type_text);
	free(m->default_json);
	free(m->default_text);
	if (m->host)   /* a hosted module's descriptor is its own */
		free((void *)m->desc);
	free(m->path);
	free(m);
}

/* ---- opening ---- */

/* What dl_iterate_phdr is asked to find: the loaded segments of the
 * object at `base`. */
struct loaded {
	uintptr_t base;
	const char *name;
	struct lp_mapped *mem;
	int found;
	int overflow;
};

static int find_loaded(struct dl_phdr_info *pi, size_t size, void *arg)
{
	struct loaded *l = arg;

	(void)size;
	if (pi->dlpi_addr != l->base || !pi->dlpi_name
	    || strcmp(pi->dlpi_name, l->name) != 0)
		return 0;
	l->found = 1;
	for (unsigned i = 0; i < pi->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &pi->dlpi_phdr[i];
		struct lp_span *sp;

		if (ph->p_type != PT_LOAD)
			continue;
		if (l->mem->n == LP_MAX_SEGMENTS) {
			l->overflow = 1;
			return 1;
		}
		sp = &l->mem->seg[l->mem->n++];
		sp->lo = pi->dlpi_addr + ph->p_vaddr;
		sp->hi = sp->lo + ph->p_memsz;
		sp->flags = ph->p_flags;
	}
	return 1;
}

/*
 * The segments of the object dlopen() returned, which must be those of the
 * file just checked: a module still open from this path is handed back by
 * the loader even if the file has changed since.
 */
static int loaded_segments(struct lp_mapped *mem, const struct link_map *lm,
			   const struct elf_info *info)
{
	struct loaded l = { lm->l_addr, lm->l_name, mem, 0, 0 };

	mem->n = 0;
	dl_iterate_phdr(find_loaded, &l);
	if (!l.found || l.overflow || mem->n != info->nseg)
		return -1;
	for (unsigned i = 0; i < mem->n; i++)
		if (mem->seg[i].lo != lm->l_addr + info->seg[i].vaddr
		    || mem->seg[i].hi - mem->seg[i].lo != info->seg[i].memsz
		    || mem->seg[i].flags != info->seg[i].flags)
			return -1;
	return 0;
}

/* Whether the read-only segments in memory hold the bytes of `image` the
 * file check read: the loader never writes them. */
static int same_code(const struct link_map *lm, const struct elf_info *info,
		     const unsigned char *image)
{
	for (unsigned i = 0; i < info->nseg; i++) {
		const struct elf_segment *sg = &info->seg[i];

		if (sg->flags & PF_W)
			continue;
		if (memcmp((const void *)(uintptr_t)(lm->l_addr + sg->vaddr),
			   image + sg->offset, sg->filesz) != 0)
			return -1;
	}
	return 0;
}

/* After the file check: load it, find the descriptor, check it.  The
 * loaded module must be the file whose image hash (`sha`) was checked;
 * with `image`, the bytes checked, its code must be those bytes. */
static int load(pacta_module *m, const char *path,
		const struct elf_info *info, const unsigned char *image,
		const uint8_t sha[32], pacta_error *err)
{
	struct link_map *lm = NULL;
	struct lp_mapped mem;
	const char *why;
	void *sym;
	int rc;

	m->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!m->handle) {
		why = dlerror();
		lp_error(err, PACTA_BADMODULE, NULL, "cannot load the module: %s",
			 why ? why : "dlopen failed");
		return PACTA_BADMODULE;
	}
	if (dlinfo(m->handle, RTLD_DI_LINKMAP, &lm) != 0 || !lm) {
		lp_error(err, PACTA_BADMODULE, NULL,
			 "cannot find where the module was loaded");
		return PACTA_BADMODULE;
	}
	if (loaded_segments(&mem, lm, info)) {
		lp_error(err, PACTA_BADMODULE, NULL, "an older version of the "
			 "module is still open; close it before opening this "
			 "one");
		return PACTA_BADMODULE;
	}
	if (image && same_code(lm, info, image)) {
		lp_error(err, PACTA_SIGNATURE, NULL, "the loaded code is not "
			 "the code whose signature was checked");
		return PACTA_SIGNATURE;
	}
	sym = dlsym(m->handle, LP_MODULE_SYMBOL);
	/* The symbol the file check found, and no other. */
	if (!sym || (uintptr_t)sym != lm->l_addr + info->sym_value) {
		lp_error(err, PACTA_BADMODULE, NULL, "cannot find symbol '"
			 LP_MODULE_SYMBOL "' in the loaded module");
		return PACTA_BADMODULE;
	}
	rc = lp_desc_check(sym, info->sym_size, &mem, err);
	if (rc != PACTA_OK)
		return rc;
	/* The loader hands back a module still open from this path even
	 * when the file has been replaced since: its image hash is then not
	 * the new file's (pacta.h promises the refusal). */
	if (memcmp(((const lp_module_desc *)sym)->image_sha256, sha, 32) != 0) {
		lp_error(err, PACTA_BADMODULE, NULL, "an older version of the "
			 "module is still open; close it before opening this "
			 "one");
		return PACTA_BADMODULE;
	}
	m->desc = sym;
	m->s = &m->desc->schema;
	if (lp_module_prepare(m)) {
		lp_error(err, PACTA_NOMEM, NULL, "out of memory");
		return PACTA_NOMEM;
	}
	/* Its code reads the request and writes the decision where its
	 * compiler put them: where this libpacta puts them too, or it would
	 * decide from the wrong bytes (model.h, lp_layout_fingerprint). */
	if (m->desc->layout) {
		uint64_t here = lp_layout_fingerprint(m->s, m->places, m->data_size);

		if (here != m->desc->layout) {
			lp_error(err, PACTA_ABI, NULL, "built by a pacta that "
				 "lays requests and decisions out otherwise "
				 "(layout %016llx; this runtime's %016llx), "
				 "though both say ABI %u: rebuild the module "
				 "with the pacta of this libpacta",
				 (unsigned long long)m->desc->layout,
				 (unsigned long long)here, LP_ABI_VERSION);
			return PACTA_ABI;
		}
	}
	return PACTA_OK;
}

/*
 * The signature at the end of the file, checked before anything else
 * reads the bytes: a damaged trailer or a signature that does not verify
 * is refused whether or not keys are trusted; with `trust`, the module must
 * be signed by one of its keys.
 */
static int check_signature(const char *path, const unsigned char *data,
			   size_t size, const pacta_trust *trust,
			   struct lp_signature *sig, pacta_error *err)
{
	char msg[200], hex[2 * LP_KEY_SIZE + 1];

	if (lp_sig_parse(data, size, sig, msg, sizeof msg) != 0) {
		lp_error(err, PACTA_SIGNATURE, NULL, "%s: %s", path, msg);
		return PACTA_SIGNATURE;
	}
	if (!sig->present) {
		if (!trust)
			return PACTA_OK;
		lp_error(err, PACTA_SIGNATURE, NULL, "%s: the module is not "
			 "signed, and only modules signed by a trusted key may "
			 "be loaded", path);
		return PACTA_SIGNATURE;
	}
	if (lp_sodium_init()) {
		lp_error(err, PACTA_IO, NULL, "cannot initialise libsodium");
		return PACTA_IO;
	}
	lp_hex(sig->key, LP_KEY_SIZE, hex);
	if (trust && !lp_trust_has(trust, sig->key)) {
		lp_error(err, PACTA_SIGNATURE, NULL, "%s: signed by key %s, "
			 "which is not trusted", path, hex);
		return PACTA_SIGNATURE;
	}
	if (!lp_sig_verify(data, sig)) {
		lp_error(err, PACTA_SIGNATURE, NULL, "%s: bad signature: the "
			 "module was changed after it was signed, or its "
			 "signature is damaged", path);
		return PACTA_SIGNATURE;
	}
	return PACTA_OK;
}

/*
 * Where a module is loaded from: a private copy of the bytes just checked
 * (and, with trusted keys, whose signature was), not the path.  Whoever
 * can write the file could otherwise replace it between the check and
 * dlopen(), or rewrite it in place under the loader's mapping afterwards
 * (pages of a private file mapping not yet touched still come from the
 * file): a deployment that copies a new module over the one a host has
 * open would crash the host at its next decision.  The copy is a memfd
 * sealed against any change, and dlopen() opens it as /proc/self/fd/N
 * (in `name`, cap bytes).  The fd stays open
 * while the module is, so that no other file gets that number, and so
 * that name, in the meantime: the loader hands back an object already
 * loaded under a name without opening the file again.  load() then checks
 * that the code in memory is the code checked, which also catches an
 * object some other part of the host once loaded under the same name.
 */
static int private_copy(const char *path, const unsigned char *data,
			size_t size, int *fd_out, char *name, size_t cap,
			pacta_error *err)
{
	size_t done = 0;
	int fd = -1, e;

	*fd_out = -1;
#ifdef MFD_EXEC
	/* Kernels that default to non-executable memfds want this; older
	 * ones refuse the flag. */
	fd = memfd_create("pacta-module", MFD_CLOEXEC | MFD_ALLOW_SEALING
					  | MFD_EXEC);
#endif
	if (fd < 0)
		fd = memfd_create("pacta-module", MFD_CLOEXEC
						  | MFD_ALLOW_SEALING);
	if (fd < 0) {
		e = errno;
		lp_error(err, PACTA_IO, NULL, "%s: cannot make a private copy "
			 "of the module to load: %s", path, strerror(e));
		return PACTA_IO;
	}
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : EIO;
			close(fd);
			lp_error(err, PACTA_IO, NULL, "%s: cannot make a "
				 "private copy of the module to load: %s",
				 path, strerror(e));
			return PACTA_IO;
		}
		done += (size_t)n;
	}
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE
				   | F_SEAL_SEAL) != 0) {
		e = errno;
		close(fd);
		lp_error(err, PACTA_IO, NULL, "%s: cannot seal the private copy "
			 "of the module: %s", path, strerror(e));
		return PACTA_IO;
	}
	snprintf(name, cap, "/proc/self/fd/%d", fd);
	if (access(name, R_OK) != 0) {
		e = errno;
		close(fd);
		lp_error(err, PACTA_IO, NULL, "%s: cannot load the private copy "
			 "of the module through %s (is /proc mounted?): %s",
			 path, name, strerror(e));
		return PACTA_IO;
	}
	*fd_out = fd;
	return PACTA_OK;
}

int lp_private_copy_off;

/* `copy`: the private copy, or fail (an ordinary open falls back to the
 * path). */
static int open_module(const char *path, const pacta_trust *trust,
		       int copy, pacta_module **out, pacta_error *err)
{
	struct elf_info info;
	struct lp_signature sig;
	unsigned char *data;
	size_t size;
	char msg[200], *dlpath = NULL, memname[64];
	uint8_t sha[32];
	pacta_module *m;
	int rc, fd = -1;

	if (!out) {
		lp_error(err, PACTA_MISUSE, NULL, "no place for the module");
		return PACTA_MISUSE;
	}
	*out = NULL;
	if (!path) {
		lp_error(err, PACTA_MISUSE, NULL, "no module path");
		return PACTA_MISUSE;
	}
	rc = read_file(path, &data, &size, err);
	if (rc != PACTA_OK)
		return rc;
	rc = check_signature(path, data, size, trust, &sig, err);
	if (rc != PACTA_OK) {
		free(data);
		return rc;
	}
	/* The ELF image is what was signed: the trailer is not part of it. */
	rc = elf_check(data, sig.image_size, &info, msg, sizeof msg);
	if (rc != 0) {
		free(data);
		lp_error(err, PACTA_BADMODULE, NULL, "%s: %s", path, msg);
		return PACTA_BADMODULE;
	}
	/* Nothing of a module changed since it was built reaches the
	 * loader. */
	rc = lp_image_check(data, sig.image_size, &info, sha, err);
	if (rc != PACTA_OK) {
		free(data);
		if (err) {
			char why[sizeof err->message];

			memcpy(why, err->message, sizeof why);
			lp_error(err, rc, NULL, "%s: %s", path, why);
		}
		return rc;
	}
	if (lp_private_copy_off && !trust && !copy) {
		lp_error(err, PACTA_IO, NULL, "%s: no private copy (tests)", path);
		rc = PACTA_IO;
	} else {
		rc = private_copy(path, data, sig.image_size, &fd, memname,
				  sizeof memname, err);
	}
	if (rc != PACTA_OK && (trust || copy)) {
		free(data);
		return rc;
	}
	/* An ordinary open where the system cannot make the copy (no
	 * memfd, no /proc): from the path, as before, the copy's failure
	 * not left in err of an open that succeeds. */
	if (rc != PACTA_OK && err)
		memset(err, 0, sizeof *err);
	if (fd < 0 && !strchr(path, '/')) {
		/* dlopen searches the library path for a name without a
		 * '/', which could load some other file than the one just
		 * checked. */
		dlpath = malloc(strlen(path) + 3);
		if (!dlpath) {
			free(data);
			lp_error(err, PACTA_NOMEM, NULL, "out of memory");
			return PACTA_NOMEM;
		}
		strcpy(dlpath, "./");
		strcat(dlpath, path);
	}
	m = calloc(1, sizeof *m);
	if (!m) {
		free(dlpath);
		free(data);
		if (fd >= 0)
			close(fd);
		lp_error(err, PACTA_NOMEM, NULL, "out of memory");
		return PACTA_NOMEM;
	}
	m->sigfd = fd;
	atomic_init(&m->holders, 1);
	/* absolute, so that a later chdir of the host does not move the
	 * directory `import "F"` is looked for in (prover.c) */
	m->path = realpath(path, NULL);
	if (sig.present) {
		m->is_signed = 1;
		memcpy(m->signer, sig.key, sizeof m->signer);
		lp_hex(sig.key, sizeof sig.key, m->signer_hex);
	}
	rc = load(m, fd >= 0 ? memname : dlpath ? dlpath : path, &info,
		  fd >= 0 ? data : NULL, sha, err);
	free(dlpath);
	free(data);
	if (rc != PACTA_OK) {
		if (err && rc != PACTA_NOMEM) {
			/* Name the file, as the check's messages do; a long
			 * path may cut the message short. */
			char why[sizeof err->message];

			memcpy(why, err->message, sizeof why);
			lp_error(err, rc, NULL, "%s: %s", path, why);
		}
		module_free(m);
		return rc;
	}
	*out = m;
	return PACTA_OK;
}

int pacta_module_open(const char *path, pacta_module **out,
		      pacta_error *err)
{
	return open_module(path, NULL, 0, out, err);
}

int pacta_module_open_private(const char *path, const pacta_trust *trust,
			      pacta_module **out, pacta_error *err)
{
	if (out)
		*out = NULL;
	if (trust && pacta_trust_count(trust) == 0) {
		lp_error(err, PACTA_MISUSE, NULL, "no trusted keys given");
		return PACTA_MISUSE;
	}
	return open_module(path, trust, 1, out, err);
}

int pacta_module_open_trusted(const char *path, const pacta_trust *trust,
			      pacta_module **out, pacta_error *err)
{
	if (out)
		*out = NULL;
	if (pacta_trust_count(trust) == 0) {
		lp_error(err, PACTA_MISUSE, NULL, "no trusted keys given");
		return PACTA_MISUSE;
	}
	return open_module(path, trust, 0, out, err);
}

void lp_module_hold(const pacta_module *mod)
{
	atomic_fetch_add_explicit(&((pacta_module *)mod)->holders, 1,
				  memory_order_relaxed);
}

void lp_module_let_go(const pacta_module *mod)
{
	pacta_module *m = (pacta_module *)mod;

	if (m && atomic_fetch_sub_explicit(&m->holders, 1,
					   memory_order_acq_rel) == 1)
		module_free(m);
}

void pacta_module_close(pacta_module *mod)
{
	lp_module_let_go(mod);
}
