/*
 * image.c — the SHA-256 a rule module records of its own file
 * (module_abi.h, lp_module_desc.image_sha256), computed with those 32
 * bytes counted as zero.  `pacta build` writes it in once the module is
 * linked (lp_image_stamp, from compiler/emit.c); runtime/module.c checks
 * it on the bytes it read (lp_image_check), after runtime/elf.c has
 * checked the file and before the dynamic loader maps any of it.
 *
 * The ELF check refuses a file the loader could not map safely; it
 * cannot tell a module from one with a bit flipped in its code or its
 * tables, which would load and decide wrongly, or crash the host.  The
 * hash does: a module changed in any byte after it was built is refused.
 * It guards against accidents (a bad disk, a damaged copy); a signature
 * (runtime/sign.c) guards against malice.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "libpacta.h"

#define FIELD offsetof(lp_module_desc, image_sha256)

/* Where the descriptor's first `need` bytes are in the file: in the file
 * bytes of the segment holding the symbol.  -1 when they are not there
 * (in memory the loader zeroes, or past the end). */
static int desc_offset(size_t size, const struct elf_info *info,
		       uint64_t need, uint64_t *off)
{
	for (unsigned i = 0; i < info->nseg; i++) {
		const struct elf_segment *sg = &info->seg[i];
		uint64_t in;

		if (info->sym_value < sg->vaddr
		    || info->sym_value - sg->vaddr >= sg->memsz)
			continue;
		in = info->sym_value - sg->vaddr;
		if (in > sg->filesz || need > sg->filesz - in
		    || sg->offset > size || in > size - sg->offset
		    || need > size - sg->offset - in)
			return -1;
		*off = sg->offset + in;
		return 0;
	}
	return -1;
}

/* The hash of the image with the field's 32 bytes as zero. */
static void image_hash(const unsigned char *data, size_t size, uint64_t at,
		       uint8_t out[32])
{
	static const unsigned char zero[32];
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, data, at);
	crypto_hash_sha256_update(&st, zero, sizeof zero);
	crypto_hash_sha256_update(&st, data + at + 32, size - at - 32);
	crypto_hash_sha256_final(&st, out);
}

/* The descriptor's place in the file, its magic and ABI version checked
 * as runtime/validate.c checks them in memory. */
static int locate(const unsigned char *data, size_t size,
		  const struct elf_info *info, uint64_t *at, pacta_error *err)
{
	uint32_t head[2];
	uint64_t off;
	int rc;

	if (desc_offset(size, info, sizeof head, &off)) {
		lp_error(err, PACTA_BADMODULE, NULL, "symbol '"
			 LP_MODULE_SYMBOL "' has no bytes in the file");
		return PACTA_BADMODULE;
	}
	memcpy(head, data + off, sizeof head);
	rc = lp_desc_version_check(head[0], head[1], info->sym_size, err);
	if (rc != PACTA_OK)
		return rc;
	if (desc_offset(size, info, sizeof(lp_module_desc), &off)) {
		lp_error(err, PACTA_BADMODULE, NULL, "symbol '"
			 LP_MODULE_SYMBOL "' has no bytes in the file");
		return PACTA_BADMODULE;
	}
	*at = off + FIELD;
	return PACTA_OK;
}

int lp_image_check(const unsigned char *data, size_t size,
		   const struct elf_info *info, uint8_t sha[32],
		   pacta_error *err)
{
	uint64_t at;
	int rc = locate(data, size, info, &at, err);

	if (rc != PACTA_OK)
		return rc;
	image_hash(data, size, at, sha);
	if (memcmp(sha, data + at, 32) != 0) {
		lp_error(err, PACTA_BADMODULE, NULL, "damaged module: its bytes "
			 "are not those it was built with (the SHA-256 it "
			 "records does not match)");
		return PACTA_BADMODULE;
	}
	return PACTA_OK;
}

int lp_image_stamp(unsigned char *data, size_t size, char *msg, size_t cap)
{
	struct elf_info info;
	pacta_error err;
	uint64_t at;

	if (elf_check(data, size, &info, msg, cap))
		return -1;
	if (locate(data, size, &info, &at, &err) != PACTA_OK) {
		snprintf(msg, cap, "%s", err.message);
		return -1;
	}
	image_hash(data, size, at, data + at);
	return 0;
}
