/*
 * stamp.c — writes the image's SHA-256 into a hand-written test module
 * (the other files of tests/runtime), as `pacta build` does into the modules it links
 * (runtime/image.c), so that libpacta's check of the hash passes and each
 * test module is refused, or not, for the one rule it breaks.
 *
 *	stamp M.so
 *
 * A module the file check refuses, or whose descriptor is not this ABI's,
 * is left as it is: it is refused before the hash is read.  Built and
 * run by the Makefile only, never installed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "libpacta.h"

int main(int argc, char **argv)
{
	unsigned char *data;
	char msg[200];
	long len;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: stamp M.so\n");
		return 2;
	}
	f = fopen(argv[1], "r+b");
	if (!f || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0) {
		perror(argv[1]);
		return 1;
	}
	data = malloc((size_t)len);
	if (!data || fread(data, 1, (size_t)len, f) != (size_t)len) {
		perror(argv[1]);
		return 1;
	}
	if (lp_image_stamp(data, (size_t)len, msg, sizeof msg) == 0
	    && (fseek(f, 0, SEEK_SET) != 0 || fwrite(data, 1, (size_t)len, f) != (size_t)len)) {
		perror(argv[1]);
		return 1;
	}
	free(data);
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
