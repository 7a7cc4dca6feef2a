/*
 * docgen.c — the test driver of `pacta doc` until main.c has the command:
 *   docgen AGREEMENT.pacta [-o OUT.html]
 * Compiles the agreement (standard library from ./stdlib) and writes its
 * page with doc_render(); to stdout without -o.
 */
#include <stdio.h>
#include <string.h>

#include "pactac.h"
#include "doc.h"

int main(int argc, char **argv)
{
	const char *in = NULL, *outpath = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			outpath = argv[++i];
		else if (!in)
			in = argv[i];
		else
			in = NULL, i = argc;
	}
	if (!in) {
		fprintf(stderr, "usage: docgen AGREEMENT.pacta [-o OUT.html]\n");
		return 2;
	}
	compilation cm;
	load_opts o = { 0 };
	o.stdlib_dir = "stdlib";
	lw_program *c = compile_file(&cm, &o, in, stderr);
	if (!c) {
		compilation_free(&cm);
		return 1;
	}
	FILE *out = outpath ? fopen(outpath, "w") : stdout;
	if (!out) {
		perror(outpath);
		compilation_free(&cm);
		return 1;
	}
	int rc = doc_render(&cm.prog, c, out);
	if (outpath && fclose(out) != 0)
		rc = -1;
	else if (!outpath && fflush(out) != 0)
		rc = -1;
	if (rc)
		fprintf(stderr, "docgen: cannot write %s\n", outpath ? outpath : "standard output");
	compilation_free(&cm);
	return rc ? 1 : 0;
}
