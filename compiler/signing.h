/*
 * signing.h — the signing half of signed modules (compiler/sign.c):
 * `pacta keygen` and `pacta build --sign`.  The format, and the checking
 * half, are the runtime's (runtime/signature.h, runtime/sign.c).
 * docs/signing.md describes both.
 */
#ifndef PACTA_SIGNING_H
#define PACTA_SIGNING_H

#include "../runtime/signature.h"

/*
 * Makes a new Ed25519 key pair: the secret key in `secret_path` (mode
 * 0600, one line "pacta-ed25519-secret HEX", HEX the 32-byte seed) and the
 * public key in `secret_path`.pub (one line "pacta-ed25519-public HEX").
 * Neither file may exist already.  On success the public key's 64 hex
 * digits are written to pub_hex; errors are printed to stderr, prefixed
 * "pacta: keygen: ".  Returns 0 or -1.
 */
int key_generate(const char *secret_path, char pub_hex[65]);

/*
 * Appends the signature trailer for the secret key in `secret_path` to the
 * unsigned module at `module_path`.  The same module and key give the same
 * bytes.  Errors are printed to stderr, prefixed "pacta: build
 * MODULE: "; the module is left as it was.  Returns 0 or -1.
 */
int module_sign(const char *module_path, const char *secret_path);

/*
 * The signature trailer (LP_SIG_SIZE bytes, into `trailer`) of the
 * unsigned module image of `size` bytes, for the secret key in
 * `secret_path`: what `pacta build --sign` appends before it writes the
 * module, so that a module is written signed or not at all.  Errors are
 * printed as module_sign's, naming `what`.  Returns 0 or -1.
 */
int module_sign_image(const char *what, const unsigned char *image, size_t size,
                      const char *secret_path, unsigned char trailer[LP_SIG_SIZE]);

/* Whether the secret key file can be read: 0, or -1 with the reason
 * printed ("pacta: --sign: ..."), so that `build --sign` fails before
 * building. */
int key_file_check(const char *secret_path);

#endif
