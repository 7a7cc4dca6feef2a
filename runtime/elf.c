/*
 * elf.c — the check a module file must pass before libpacta lets the
 * dynamic loader near it (runtime/module.c calls it; libpacta.h).
 *
 * dlopen() trusts its input: a truncated file is mapped past its end and
 * faults later, DT_NEEDED pulls other libraries into the host, initialisers
 * and indirect-function resolvers run code while loading, and damaged
 * tables send the loader reading and writing wherever they point.  So the
 * file is first read here, the way ld.so will read it — program headers,
 * then the dynamic section through the loadable segments, then the symbol
 * hash, symbol and relocation tables — and refused, with the reason, unless
 * everything the loader will touch lies inside the file (or inside the
 * segments' memory for what it writes) and the module is self-contained.
 *
 * Every value read from the file is an untrusted offset or count: each is
 * checked against the file size, without overflow, before it is used, and
 * structures are copied out with memcpy since the file's offsets need not
 * be aligned.
 */
#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "libpacta.h"

#if defined(__x86_64__)
#define HOST_MACHINE EM_X86_64
#define HOST_MACHINE_NAME "x86-64"
#elif defined(__aarch64__)
#define HOST_MACHINE EM_AARCH64
#define HOST_MACHINE_NAME "AArch64"
#else
#error "runtime/elf.c: add this machine's ELF number and dynamic relocations"
#endif

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HOST_DATA ELFDATA2LSB
#else
#define HOST_DATA ELFDATA2MSB
#endif

/* Newer than some <elf.h>. */
#ifndef DT_RELRSZ
#define DT_RELRSZ 35
#define DT_RELR 36
#define DT_RELRENT 37
#endif

/* Caps on counts read from the file, far above anything a compiler makes,
 * so that loops over damaged tables stay short. */
#define MAX_SYMBOLS (1u << 24)

/* Dynamic tags below this are kept by number; the GNU ones above
 * 0x6ffff000 that matter are handled one by one. */
#define NTAGS 64

struct ctx {
	const unsigned char *p;
	size_t size;
	char *msg;
	size_t cap;
	Elf64_Phdr load[LP_MAX_SEGMENTS];
	unsigned nload;
	uint64_t dyn_off, dyn_count;    /* the dynamic section in the file */
	uint64_t dyn_addr, dyn_size;    /* ... and in memory */
	/* Values of dynamic tags; `has` says which were present. */
	uint64_t val[NTAGS];
	unsigned char has[NTAGS];
	uint64_t gnu_hash;
	int has_gnu_hash;
	uint64_t relacount;             /* DT_RELACOUNT, or 0 */
	uint64_t str_off, str_size;     /* the dynamic string table */
	uint64_t sym_off, nsyms;        /* the dynamic symbol table */
};

static int refuse(struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int refuse(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->msg, c->cap, fmt, ap);
	va_end(ap);
	return -1;
}

/* Whether [off, off + len) lies in the file. */
static int in_file(const struct ctx *c, uint64_t off, uint64_t len)
{
	return off <= c->size && len <= c->size - off;
}

static void get(const struct ctx *c, uint64_t off, void *dst, size_t n)
{
	memcpy(dst, c->p + off, n);
}

static uint32_t get32(const struct ctx *c, uint64_t off)
{
	uint32_t v;

	get(c, off, &v, sizeof v);
	return v;
}

/*
 * Where [addr, addr + len) of the module's memory comes from in the file:
 * the loader reads the dynamic tables at their addresses, not at any file
 * offset a header claims, so they are found the same way here.  The range
 * must lie in the file-backed part of one loadable segment with all of
 * `flags` and none of `unless`.
 */
static int map_in(const struct ctx *c, uint64_t addr, uint64_t len,
		  uint32_t flags, uint32_t unless, uint64_t *off)
{
	for (unsigned i = 0; i < c->nload; i++) {
		const Elf64_Phdr *ph = &c->load[i];
		uint64_t rel;

		if (addr < ph->p_vaddr || (ph->p_flags & flags) != flags
		    || (ph->p_flags & unless))
			continue;
		rel = addr - ph->p_vaddr;
		if (rel > ph->p_filesz || len > ph->p_filesz - rel)
			continue;
		*off = ph->p_offset + rel;
		return 0;
	}
	return -1;
}

/*
 * The loader's tables — strings, symbols, hashes, relocations — are read
 * after relocation, and the relocations themselves while they are being
 * applied, so a relocation must not be able to change them: they must lie
 * in read-only segments.
 */
static int map(const struct ctx *c, uint64_t addr, uint64_t len,
	       uint64_t *off)
{
	return map_in(c, addr, len, PF_R, PF_W, off);
}

/* Whether [addr, addr + len) lies in the memory of one loadable segment
 * that has all of `flags`. */
static int in_memory(const struct ctx *c, uint64_t addr, uint64_t len,
		     uint32_t flags)
{
	for (unsigned i = 0; i < c->nload; i++) {
		const Elf64_Phdr *ph = &c->load[i];
		uint64_t rel;

		if (addr < ph->p_vaddr || (ph->p_flags & flags) != flags)
			continue;
		rel = addr - ph->p_vaddr;
		if (rel <= ph->p_memsz && len <= ph->p_memsz - rel)
			return 1;
	}
	return 0;
}

/*
 * Whether the loader's mprotect of the RELRO range stays in the pages of
 * one writable segment.  Linkers pad the range to the end of its last
 * page, beyond the segment's memory size, and the loader rounds both ends
 * down to pages, so pages are compared.
 */
static int relro_ok(const struct ctx *c, uint64_t addr, uint64_t len)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE), start, end;

	if (page == 0 || (page & (page - 1)) || addr + len < addr)
		return 0;
	start = addr & ~(page - 1);
	end = (addr + len) & ~(page - 1);
	for (unsigned i = 0; i < c->nload; i++) {
		const Elf64_Phdr *ph = &c->load[i];
		uint64_t lo = ph->p_vaddr & ~(page - 1);
		uint64_t hi = ph->p_vaddr + ph->p_memsz;

		if (!(ph->p_flags & PF_W) || hi > UINT64_MAX - page)
			continue;
		hi = (hi + page - 1) & ~(page - 1);
		if (start >= lo && end <= hi)
			return 1;
	}
	return 0;
}

/* Where a relocation may write: writable memory, but not the dynamic
 * section, which the loader reads again after relocating. */
static int reloc_target_ok(const struct ctx *c, uint64_t addr)
{
	if (!in_memory(c, addr, 8, PF_W))
		return 0;
	return addr + 8 <= c->dyn_addr || addr >= c->dyn_addr + c->dyn_size;
}

/* The dynamic string at index i, or NULL when it does not end inside the
 * string table. */
static const char *str_at(const struct ctx *c, uint64_t i)
{
	const char *s;

	if (i >= c->str_size)
		return NULL;
	s = (const char *)c->p + c->str_off + i;
	return memchr(s, '\0', c->str_size - i) ? s : NULL;
}

static const char *machine_name(unsigned m)
{
	switch (m) {
	case EM_386:     return "i386";
	case EM_X86_64:  return "x86-64";
	case EM_ARM:     return "ARM";
	case EM_AARCH64: return "AArch64";
	case EM_RISCV:   return "RISC-V";
	case EM_PPC64:   return "PowerPC64";
	case EM_S390:    return "s390";
	case EM_MIPS:    return "MIPS";
	default:         return "another machine";
	}
}

/* ---- the ELF header ---- */

static int check_header(struct ctx *c, Elf64_Ehdr *eh)
{
	const unsigned char *p = c->p;

	if (c->size == 0)
		return refuse(c, "not an ELF file (the file is empty)");
	if (c->size < SELFMAG) {
		if (memcmp(p, ELFMAG, c->size) == 0)
			return refuse(c, "file truncated (%zu bytes)", c->size);
		return refuse(c, "not an ELF file");
	}
	if (memcmp(p, ELFMAG, SELFMAG) != 0)
		return refuse(c, "not an ELF file");
	if (c->size < sizeof *eh)
		return refuse(c, "file truncated (%zu bytes, in the ELF header)",
			      c->size);
	if (p[EI_CLASS] == ELFCLASS32)
		return refuse(c, "a 32-bit ELF file; this runtime loads 64-bit "
			      "modules");
	if (p[EI_CLASS] != ELFCLASS64)
		return refuse(c, "unknown ELF class %u", p[EI_CLASS]);
	if (p[EI_DATA] != HOST_DATA)
		return refuse(c, "ELF file of the wrong byte order for this "
			      "machine");
	if (p[EI_VERSION] != EV_CURRENT)
		return refuse(c, "unknown ELF version %u", p[EI_VERSION]);
	get(c, 0, eh, sizeof *eh);
	switch (eh->e_type) {
	case ET_DYN:
		break;
	case ET_REL:
		return refuse(c, "an object file (ET_REL), not a shared "
			      "object");
	case ET_EXEC:
		return refuse(c, "an executable (ET_EXEC), not a shared "
			      "object");
	case ET_CORE:
		return refuse(c, "a core dump, not a shared object");
	default:
		return refuse(c, "not a shared object (ELF type %u)",
			      eh->e_type);
	}
	if (eh->e_machine != HOST_MACHINE)
		return refuse(c, "built for %s (ELF machine %u); this runtime "
			      "runs on " HOST_MACHINE_NAME,
			      machine_name(eh->e_machine), eh->e_machine);
	return 0;
}

/* ---- section headers: the loader ignores them, but they sit at the end
 * of the file, past the segments, so a file cut short after its segments
 * shows here ---- */

static int check_sections(struct ctx *c, const Elf64_Ehdr *eh)
{
	uint64_t tab = eh->e_shoff, n = eh->e_shnum;

	if (tab == 0)
		return 0;
	if (n == 0)
		return refuse(c, "too many sections (extended numbering)");
	if (eh->e_shentsize != sizeof(Elf64_Shdr))
		return refuse(c, "bad section header size %u",
			      eh->e_shentsize);
	if (!in_file(c, tab, n * sizeof(Elf64_Shdr)))
		return refuse(c, "file truncated (%zu bytes; the section "
			      "headers end at byte %llu)", c->size,
			      (unsigned long long)(tab
						   + n * sizeof(Elf64_Shdr)));
	for (uint64_t i = 0; i < n; i++) {
		Elf64_Shdr sh;

		get(c, tab + i * sizeof sh, &sh, sizeof sh);
		if (sh.sh_type == SHT_NULL || sh.sh_type == SHT_NOBITS)
			continue;
		if (!in_file(c, sh.sh_offset, sh.sh_size))
			return refuse(c, "file truncated (%zu bytes; section "
				      "%llu lies beyond the end)", c->size,
				      (unsigned long long)i);
	}
	return 0;
}

/* ---- program headers ---- */

static int check_segments(struct ctx *c, const Elf64_Ehdr *eh)
{
	uint64_t tab = eh->e_phoff, n = eh->e_phnum;
	uint64_t dyn_addr = 0, dyn_size = 0, end = 0;
	int ndyn = 0, stack = 0;

	if (n == 0)
		return refuse(c, "no program headers; not a shared object");
	if (n == PN_XNUM)
		return refuse(c, "too many program headers");
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return refuse(c, "bad program header size %u",
			      eh->e_phentsize);
	if (!in_file(c, tab, n * sizeof(Elf64_Phdr)))
		return refuse(c, "file truncated (%zu bytes, in the program "
			      "headers)", c->size);
	for (uint64_t i = 0; i < n; i++) {
		Elf64_Phdr ph;

		get(c, tab + i * sizeof ph, &ph, sizeof ph);
		if (!in_file(c, ph.p_offset, ph.p_filesz))
			return refuse(c, "file truncated (%zu bytes; segment "
				      "%llu lies beyond the end)", c->size,
				      (unsigned long long)i);
		switch (ph.p_type) {
		case PT_LOAD:
			if (c->nload == LP_MAX_SEGMENTS)
				return refuse(c, "too many loadable segments");
			/* The loader reads its tables in memory. */
			if (!(ph.p_flags & PF_R))
				return refuse(c, "segment %llu is not readable",
					      (unsigned long long)i);
			if (ph.p_filesz > ph.p_memsz)
				return refuse(c, "segment %llu is larger in the "
					      "file than in memory",
					      (unsigned long long)i);
			if (ph.p_vaddr + ph.p_memsz < ph.p_vaddr)
				return refuse(c, "segment %llu wraps around "
					      "the address space",
					      (unsigned long long)i);
			/* The loader maps them as one sorted range. */
			if (c->nload > 0 && ph.p_vaddr < end)
				return refuse(c, "loadable segments overlap or "
					      "are out of order");
			end = ph.p_vaddr + ph.p_memsz;
			c->load[c->nload++] = ph;
			break;
		case PT_DYNAMIC:
			/* A read-only one takes the loader down a path of its
			 * own, which linkers never use on this machine. */
			if (!(ph.p_flags & PF_W))
				return refuse(c, "the dynamic section is not "
					      "writable");
			ndyn++;
			dyn_addr = ph.p_vaddr;
			dyn_size = ph.p_filesz;
			break;
		case PT_INTERP:
			return refuse(c, "an executable (it names a program "
				      "interpreter), not a module");
		case PT_TLS:
			return refuse(c, "module uses thread-local storage");
		case PT_GNU_STACK:
			if (ph.p_flags & PF_X)
				return refuse(c, "module asks for an "
					      "executable stack");
			stack = 1;
			break;
		}
	}
	if (c->nload == 0)
		return refuse(c, "no loadable segments");
	if (ndyn == 0)
		return refuse(c, "no dynamic section; not a shared library");
	if (ndyn > 1)
		return refuse(c, "more than one dynamic section");
	/* Without PT_GNU_STACK the loader would make the stacks of all the
	 * host's threads executable. */
	if (!stack)
		return refuse(c, "module asks for an executable stack (it has "
			      "no PT_GNU_STACK header)");
	/*
	 * The loader and dl_iterate_phdr's users read the other segments in
	 * memory (notes, properties, the program headers), and the loader
	 * makes the RELRO range read-only: all must lie in loaded memory.
	 */
	for (uint64_t i = 0; i < n; i++) {
		Elf64_Phdr ph;
		int ok;

		get(c, tab + i * sizeof ph, &ph, sizeof ph);
		if (ph.p_type == PT_LOAD || ph.p_type == PT_NULL
		    || ph.p_type == PT_GNU_STACK || ph.p_memsz == 0)
			continue;
		if (ph.p_type == PT_GNU_RELRO)
			ok = relro_ok(c, ph.p_vaddr, ph.p_memsz);
		else
			ok = in_memory(c, ph.p_vaddr, ph.p_memsz, 0);
		if (!ok)
			return refuse(c, "segment %llu lies outside the module's "
				      "memory", (unsigned long long)i);
	}
	/* The loader adjusts the dynamic section in place. */
	if (map_in(c, dyn_addr, dyn_size, PF_R | PF_W, 0, &c->dyn_off))
		return refuse(c, "the dynamic section lies outside the "
			      "module's writable file image");
	c->dyn_addr = dyn_addr;
	c->dyn_size = dyn_size;
	c->dyn_count = dyn_size / sizeof(Elf64_Dyn);
	return 0;
}

/* ---- the dynamic section ---- */

static const char *init_tag_name(int64_t tag)
{
	switch (tag) {
	case DT_INIT:          return "DT_INIT";
	case DT_FINI:          return "DT_FINI";
	case DT_INIT_ARRAY:    return "DT_INIT_ARRAY";
	case DT_FINI_ARRAY:    return "DT_FINI_ARRAY";
	case DT_PREINIT_ARRAY: return "DT_PREINIT_ARRAY";
	default:               return NULL;
	}
}

static int check_dynamic(struct ctx *c)
{
	uint64_t needed = 0, nneeded = 0;
	const char *init = NULL, *other = NULL;
	int terminated = 0, textrel = 0, tls = 0, versions = 0, nodelete = 0;

	for (uint64_t i = 0; i < c->dyn_count && !terminated; i++) {
		Elf64_Dyn d;

		get(c, c->dyn_off + i * sizeof d, &d, sizeof d);
		/* Later entries win, as in the loader. */
		if (d.d_tag >= 0 && d.d_tag < NTAGS) {
			c->val[d.d_tag] = d.d_un.d_val;
			c->has[d.d_tag] = 1;
		}
		switch (d.d_tag) {
		case DT_NULL:
			terminated = 1;
			break;
		case DT_NEEDED:
			if (nneeded++ == 0)
				needed = d.d_un.d_val;
			break;
		case DT_INIT:
		case DT_FINI:
		case DT_INIT_ARRAY:
		case DT_FINI_ARRAY:
		case DT_PREINIT_ARRAY:
			if (!init)
				init = init_tag_name(d.d_tag);
			break;
		case DT_TEXTREL:
			textrel = 1;
			break;
		case DT_FLAGS:
			textrel |= (d.d_un.d_val & DF_TEXTREL) != 0;
			tls |= (d.d_un.d_val & DF_STATIC_TLS) != 0;
			break;
		case DT_GNU_HASH:
			c->gnu_hash = d.d_un.d_ptr;
			c->has_gnu_hash = 1;
			break;
		case DT_RELACOUNT:
			c->relacount = d.d_un.d_val;
			break;
		case DT_FLAGS_1:
			nodelete |= (d.d_un.d_val & DF_1_NODELETE) != 0;
			break;
		case DT_AUXILIARY:
		case DT_FILTER:
			other = "a filter library (DT_AUXILIARY or DT_FILTER)";
			break;
		case DT_AUDIT:
		case DT_DEPAUDIT:
			other = "an audit library (DT_AUDIT)";
			break;
		case DT_VERSYM:
		case DT_VERDEF:
		case DT_VERNEED:
			versions = 1;
			break;
		case DT_TLSDESC_PLT:
		case DT_TLSDESC_GOT:
			tls = 1;
			break;
		}
	}
	if (!terminated)
		return refuse(c, "the dynamic section is not terminated");
	if (!c->has[DT_STRTAB] || !c->has[DT_STRSZ])
		return refuse(c, "no dynamic string table");
	c->str_size = c->val[DT_STRSZ];
	if (map(c, c->val[DT_STRTAB], c->str_size, &c->str_off))
		return refuse(c, "the dynamic string table lies outside the "
			      "module's file image");
	/* The loader reads these names when it looks for loaded objects. */
	if ((c->has[DT_SONAME] && !str_at(c, c->val[DT_SONAME]))
	    || (c->has[DT_RPATH] && !str_at(c, c->val[DT_RPATH]))
	    || (c->has[DT_RUNPATH] && !str_at(c, c->val[DT_RUNPATH])))
		return refuse(c, "a library name lies outside the string "
			      "table");
	if (nneeded) {
		const char *name = str_at(c, needed);

		if (!name)
			return refuse(c, "module needs another library "
				      "(DT_NEEDED); modules must be "
				      "self-contained");
		return refuse(c, "module needs %s%s (DT_NEEDED); modules must "
			      "be self-contained", name,
			      nneeded > 1 ? " and more" : "");
	}
	if (init)
		return refuse(c, "module has initialisers (%s); modules must "
			      "not run code when loaded", init);
	if (other)
		return refuse(c, "module names %s; modules must be "
			      "self-contained", other);
	if (textrel)
		return refuse(c, "module has text relocations; it must be "
			      "position-independent code");
	if (tls)
		return refuse(c, "module uses thread-local storage");
	if (versions)
		return refuse(c, "module uses symbol versioning; modules must "
			      "be self-contained");
	/* One that stays loaded would be handed back by dlopen for a new
	 * file at the same path. */
	if (nodelete)
		return refuse(c, "module cannot be unloaded (DF_1_NODELETE)");
	return 0;
}

/* ---- symbols ---- */

/*
 * The number of dynamic symbols, from the hash table the loader will use:
 * the GNU one when present, else the SysV one.  Both are checked so that
 * every lookup the loader makes in them stays inside the file and ends.
 */
static int count_symbols_gnu(struct ctx *c)
{
	uint64_t off, base, nb, symoff, bloom, shift, maxb = 0, chain, i;

	if (map(c, c->gnu_hash, 16, &off))
		return refuse(c, "the GNU hash table lies outside the module's "
			      "file image");
	nb = get32(c, off);
	symoff = get32(c, off + 4);
	bloom = get32(c, off + 8);
	shift = get32(c, off + 12);
	/* The loader divides by nb and masks with bloom - 1. */
	if (nb == 0 || bloom == 0 || (bloom & (bloom - 1)) || shift >= 32)
		return refuse(c, "damaged GNU hash table");
	if (map(c, c->gnu_hash, 16 + bloom * 8 + nb * 4, &base))
		return refuse(c, "the GNU hash table lies outside the module's "
			      "file image");
	base += 16 + bloom * 8;
	for (uint64_t b = 0; b < nb; b++) {
		uint64_t v = get32(c, base + b * 4);

		/* A chain starts at a symbol at or after symoff. */
		if (v != 0 && v < symoff)
			return refuse(c, "damaged GNU hash table");
		if (v > maxb)
			maxb = v;
	}
	if (maxb == 0) {
		c->nsyms = symoff;
		return 0;
	}
	/*
	 * The chains are one array after the buckets; every chain ends at an
	 * entry with its low bit set, so the last entry of the last chain
	 * bounds them all.
	 */
	chain = c->gnu_hash + 16 + bloom * 8 + nb * 4;
	for (i = maxb;; i++) {
		uint64_t eoff;

		if (i >= MAX_SYMBOLS)
			return refuse(c, "damaged GNU hash table");
		if (map(c, chain + (i - symoff) * 4, 4, &eoff))
			return refuse(c, "the GNU hash table lies outside the "
				      "module's file image");
		if (get32(c, eoff) & 1)
			break;
	}
	/* The loader walks any chain from its bucket to its end, so the
	 * whole array must be in the file, not just the last chain. */
	if (map(c, chain, (i + 1 - symoff) * 4, &base))
		return refuse(c, "the GNU hash table lies outside the module's "
			      "file image");
	c->nsyms = i + 1;
	return 0;
}

static int count_symbols_sysv(struct ctx *c)
{
	uint64_t off, nb, nc, steps = 0;

	if (map(c, c->val[DT_HASH], 8, &off))
		return refuse(c, "the hash table lies outside the module's "
			      "file image");
	nb = get32(c, off);
	nc = get32(c, off + 4);
	if (nb == 0 || nc > MAX_SYMBOLS)
		return refuse(c, "damaged hash table");
	if (map(c, c->val[DT_HASH], 8 + (nb + nc) * 4, &off))
		return refuse(c, "the hash table lies outside the module's "
			      "file image");
	off += 8;
	/* Each symbol is on one chain, so all chains together take at most
	 * nc steps; more means a cycle, on which the loader would spin. */
	for (uint64_t b = 0; b < nb; b++) {
		for (uint64_t s = get32(c, off + b * 4); s != STN_UNDEF;
		     s = get32(c, off + (nb + s) * 4)) {
			if (s >= nc || ++steps > nc)
				return refuse(c, "damaged hash table");
		}
	}
	c->nsyms = nc;
	return 0;
}

static int check_symbols(struct ctx *c, struct elf_info *info)
{
	const char *undef = NULL;
	uint64_t nundef = 0;
	int found = 0;

	if (!c->has[DT_SYMTAB])
		return refuse(c, "no dynamic symbol table");
	if (c->has[DT_SYMENT] && c->val[DT_SYMENT] != sizeof(Elf64_Sym))
		return refuse(c, "bad symbol size %llu",
			      (unsigned long long)c->val[DT_SYMENT]);
	if (c->has_gnu_hash) {
		if (count_symbols_gnu(c))
			return -1;
	} else if (c->has[DT_HASH]) {
		if (count_symbols_sysv(c))
			return -1;
	} else {
		return refuse(c, "no symbol hash table");
	}
	if (c->nsyms > MAX_SYMBOLS
	    || map(c, c->val[DT_SYMTAB], c->nsyms * sizeof(Elf64_Sym),
		   &c->sym_off))
		return refuse(c, "the dynamic symbol table lies outside the "
			      "module's file image");
	for (uint64_t i = 1; i < c->nsyms; i++) {
		Elf64_Sym sym;
		const char *name;
		unsigned type;

		get(c, c->sym_off + i * sizeof sym, &sym, sizeof sym);
		name = str_at(c, sym.st_name);
		if (!name)
			return refuse(c, "symbol %llu has a name outside the "
				      "string table", (unsigned long long)i);
		type = ELF64_ST_TYPE(sym.st_info);
		switch (ELF64_ST_BIND(sym.st_info)) {
		case STB_LOCAL:
		case STB_GLOBAL:
		case STB_WEAK:
			break;
		case STB_GNU_UNIQUE:
			/* The loader never unloads such a module. */
			return refuse(c, "symbol '%s' is unique (STB_GNU_UNIQUE), "
				      "so the module could never be unloaded",
				      name);
		default:
			return refuse(c, "symbol '%s' has an unknown binding %u",
				      name, ELF64_ST_BIND(sym.st_info));
		}
		if (type == STT_GNU_IFUNC)
			return refuse(c, "symbol '%s' is an indirect function; "
				      "its resolver would run while loading",
				      name);
		if (type == STT_TLS)
			return refuse(c, "module uses thread-local storage "
				      "(symbol '%s')", name);
		if (sym.st_shndx == SHN_UNDEF) {
			if (nundef++ == 0)
				undef = name;
			continue;
		}
		if (found || strcmp(name, LP_MODULE_SYMBOL) != 0)
			continue;
		found = 1;
		if (sym.st_shndx == SHN_ABS || type != STT_OBJECT)
			return refuse(c, "symbol '" LP_MODULE_SYMBOL "' is "
				      "not a data object");
		/* At least the magic and the ABI version, which say how
		 * large the rest must be. */
		if (sym.st_size < 8)
			return refuse(c, "symbol '" LP_MODULE_SYMBOL "' is "
				      "too small (%llu bytes)",
				      (unsigned long long)sym.st_size);
		if (!in_memory(c, sym.st_value, sym.st_size, PF_R))
			return refuse(c, "symbol '" LP_MODULE_SYMBOL "' lies "
				      "outside the module's memory");
		info->sym_value = sym.st_value;
		info->sym_size = sym.st_size;
	}
	if (nundef == 1)
		return refuse(c, "undefined symbol '%s'; modules must be "
			      "self-contained", undef);
	if (nundef > 1)
		return refuse(c, "undefined symbol '%s' and %llu more; modules "
			      "must be self-contained", undef,
			      (unsigned long long)(nundef - 1));
	if (!found)
		return refuse(c, "no symbol '" LP_MODULE_SYMBOL "'; not a "
			      "Pacta module");
	return 0;
}

/* ---- relocations ---- */

/* The dynamic relocations a self-contained PIC module can need.  Anything
 * else — IRELATIVE above all, whose resolver runs while loading, and the
 * TLS and COPY kinds — is refused. */
static int reloc_allowed(uint32_t type)
{
#if defined(__x86_64__)
	return type == R_X86_64_NONE || type == R_X86_64_64
	       || type == R_X86_64_GLOB_DAT || type == R_X86_64_JUMP_SLOT
	       || type == R_X86_64_RELATIVE;
#elif defined(__aarch64__)
	return type == R_AARCH64_NONE || type == R_AARCH64_ABS64
	       || type == R_AARCH64_GLOB_DAT || type == R_AARCH64_JUMP_SLOT
	       || type == R_AARCH64_RELATIVE;
#endif
}

static int reloc_relative(uint32_t type)
{
#if defined(__x86_64__)
	return type == R_X86_64_RELATIVE;
#elif defined(__aarch64__)
	return type == R_AARCH64_RELATIVE;
#endif
}

static int reloc_irelative(uint32_t type)
{
#if defined(__x86_64__)
	return type == R_X86_64_IRELATIVE;
#elif defined(__aarch64__)
	return type == R_AARCH64_IRELATIVE;
#endif
}

/*
 * Checks one table of Rela entries (`ent` bytes each) at `addr`.  The
 * loader applies the first `nrelative` entries (DT_RELACOUNT, for DT_RELA)
 * as relative ones, asserting their type — a failed assertion aborts the
 * host — and writes at the target of every entry.
 */
static int check_reloc_table(struct ctx *c, const char *what, uint64_t addr,
			     uint64_t size, uint64_t ent, uint64_t nrelative)
{
	uint64_t off;

	if (size % ent)
		return refuse(c, "damaged relocation table (%s)", what);
	if (map(c, addr, size, &off))
		return refuse(c, "the relocation table (%s) lies outside the "
			      "module's file image", what);
	if (nrelative > size / ent)
		return refuse(c, "damaged relocation table (DT_RELACOUNT)");
	for (uint64_t i = 0; i < size / ent; i++) {
		Elf64_Rela r;
		uint32_t type;
		uint64_t sym;

		/* The addend is not needed. */
		get(c, off + i * ent, &r, sizeof(Elf64_Rel));
		type = (uint32_t)ELF64_R_TYPE(r.r_info);
		sym = ELF64_R_SYM(r.r_info);
		if (reloc_irelative(type))
			return refuse(c, "module has an indirect-function "
				      "relocation; its resolver would run "
				      "while loading");
		if (!reloc_allowed(type))
			return refuse(c, "unsupported relocation type %u", type);
		if (i < nrelative && !reloc_relative(type))
			return refuse(c, "damaged relocation table "
				      "(DT_RELACOUNT)");
		if (sym >= c->nsyms)
			return refuse(c, "a relocation refers to symbol %llu of "
				      "%llu", (unsigned long long)sym,
				      (unsigned long long)c->nsyms);
		if (!reloc_target_ok(c, r.r_offset))
			return refuse(c, "a relocation writes outside the "
				      "module's writable memory");
	}
	return 0;
}

/* Packed relative relocations: an even word is an address to relocate,
 * an odd one a bitmap of the 63 words after the last address. */
static int check_relr(struct ctx *c)
{
	uint64_t off, size = c->val[DT_RELRSZ], where = 0;

	if (c->val[DT_RELRENT] != 8)
		return refuse(c, "damaged relocation table (DT_RELR)");
	if (size % 8 || map(c, c->val[DT_RELR], size, &off))
		return refuse(c, "the relocation table (DT_RELR) lies outside "
			      "the module's file image");
	for (uint64_t i = 0; i < size / 8; i++) {
		uint64_t w;

		get(c, off + i * 8, &w, sizeof w);
		if ((w & 1) == 0) {
			if (!reloc_target_ok(c, w))
				return refuse(c, "a relocation writes outside "
					      "the module's writable memory");
			where = w + 8;
			continue;
		}
		for (unsigned b = 1; b < 64; b++) {
			if (((w >> b) & 1)
			    && !reloc_target_ok(c, where + (b - 1) * 8))
				return refuse(c, "a relocation writes outside "
					      "the module's writable memory");
		}
		where += 63 * 8;
	}
	return 0;
}

/*
 * The loader takes the sizes of the tables for granted — a DT_RELA without
 * DT_RELAENT or DT_RELASZ is a null pointer to it, a DT_PLTREL of the wrong
 * kind a failed assertion, which aborts the host — so they are required
 * here.  This machine uses Rela relocations only.
 */
static int check_relocs(struct ctx *c)
{
	if (c->has[DT_REL])
		return refuse(c, "damaged relocation table (DT_REL is not used "
			      "on this machine)");
	if (c->has[DT_PLTREL] && c->val[DT_PLTREL] != DT_RELA)
		return refuse(c, "damaged relocation table (DT_PLTREL)");
	if (c->has[DT_RELA]) {
		if (!c->has[DT_RELAENT] || !c->has[DT_RELASZ]
		    || c->val[DT_RELAENT] != sizeof(Elf64_Rela))
			return refuse(c, "damaged relocation table (DT_RELA)");
		if (check_reloc_table(c, "DT_RELA", c->val[DT_RELA],
				      c->val[DT_RELASZ], sizeof(Elf64_Rela),
				      c->relacount))
			return -1;
	}
	if (c->has[DT_JMPREL]) {
		if (!c->has[DT_PLTREL] || !c->has[DT_PLTRELSZ])
			return refuse(c, "damaged relocation table (DT_JMPREL)");
		if (check_reloc_table(c, "DT_JMPREL", c->val[DT_JMPREL],
				      c->val[DT_PLTRELSZ], sizeof(Elf64_Rela), 0))
			return -1;
	}
	if (c->has[DT_RELR]) {
		if (!c->has[DT_RELRENT] || !c->has[DT_RELRSZ])
			return refuse(c, "damaged relocation table (DT_RELR)");
		if (check_relr(c))
			return -1;
	}
	return 0;
}

int elf_check(const unsigned char *data, size_t size, struct elf_info *info,
	      char *msg, size_t cap)
{
	struct ctx c;
	Elf64_Ehdr eh;

	memset(&c, 0, sizeof c);
	memset(info, 0, sizeof *info);
	c.p = data;
	c.size = size;
	c.msg = msg;
	c.cap = cap;
	if (check_header(&c, &eh) || check_segments(&c, &eh)
	    || check_sections(&c, &eh) || check_dynamic(&c)
	    || check_symbols(&c, info) || check_relocs(&c))
		return -1;
	for (unsigned i = 0; i < c.nload; i++) {
		info->seg[i].vaddr = c.load[i].p_vaddr;
		info->seg[i].memsz = c.load[i].p_memsz;
		info->seg[i].flags = c.load[i].p_flags;
		info->seg[i].offset = c.load[i].p_offset;
		info->seg[i].filesz = c.load[i].p_filesz;
	}
	info->nseg = c.nload;
	return 0;
}
