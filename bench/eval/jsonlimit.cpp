// bench/eval/jsonlimit.cpp — the physical limit bench/eval.sh measures
// `pacta eval` against: the fastest plain parse of the same JSON Lines
// file on this machine.  simdjson (Debian's libsimdjson-dev) parses every
// line into its DOM (parse_many: SIMD structural indexing, then every
// value), reading the file in blocks as `pacta eval` does (loading it
// whole costs more in page faults than the parse); nothing is decided or
// written.  Prints the lines and the seconds spent parsing alone; the
// script times the whole process, as it times `pacta eval`.
//
//   jsonlimit FILE.jsonl
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

#include <simdjson.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		std::fprintf(stderr, "usage: jsonlimit FILE.jsonl\n");
		return 2;
	}
	std::FILE *f = std::fopen(argv[1], "rb");
	if (!f) {
		std::perror(argv[1]);
		return 2;
	}
	const size_t block = 4 << 20;
	std::vector<char> buf(block + simdjson::SIMDJSON_PADDING);
	simdjson::dom::parser parser;
	size_t have = 0, got;
	unsigned long lines = 0;
	double parsing = 0;
	bool end = false;
	while (!end) {
		got = std::fread(buf.data() + have, 1, block - have, f);
		end = got == 0;
		have += got;
		// whole lines only; the rest waits for the next block
		size_t whole = have;
		if (!end) {
			while (whole > 0 && buf[whole - 1] != '\n')
				whole--;
			if (whole == 0) {
				std::fprintf(stderr, "jsonlimit: a line longer than %zu bytes\n", block);
				return 1;
			}
		}
		auto t0 = std::chrono::steady_clock::now();
		simdjson::dom::document_stream docs;
		if (whole > 0 && parser.parse_many(reinterpret_cast<const uint8_t *>(buf.data()), whole,
		                                   block).get(docs)) {
			std::fprintf(stderr, "jsonlimit: cannot parse %s\n", argv[1]);
			return 1;
		}
		if (whole > 0)
			for (auto doc : docs) {
				simdjson::dom::element e;
				if (doc.get(e)) {
					std::fprintf(stderr, "jsonlimit: line %lu is not JSON\n", lines + 1);
					return 1;
				}
				lines++;
			}
		parsing += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
		std::memmove(buf.data(), buf.data() + whole, have - whole);
		have -= whole;
	}
	std::fclose(f);
	std::printf("%lu %.6f\n", lines, parsing);
	return 0;
}
