/* lsp.h — `pacta lsp`, the language server (lsp.c). */
#ifndef PACTA_LSP_H
#define PACTA_LSP_H

#include <stdio.h>

#include "pactac.h"

/* Serves the Language Server Protocol on `in` and `out` until `exit`;
 * imports resolve with `lo` (its -I directories and standard library).
 * Returns 0 after a shutdown request, else 1 (as the protocol asks). */
int lsp_serve(const load_opts *lo, FILE *in, FILE *out);

#endif
