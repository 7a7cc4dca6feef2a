/*
 * usage.c — the help text of `pacta` and of each command (`pacta help
 * COMMAND`, `pacta COMMAND --help`); main.c prints it.  Keep it true to
 * the options main.c's table accepts.
 */
#include "usage.h"

const char usage_main[] =
	"usage: pacta COMMAND [OPTIONS] ARGS...\n"
	"\n"
	"Pacta compiles international cooperation agreements written as code and\n"
	"decides cooperation requests against them.\n"
	"\n"
	"commands:\n"
	"  check FILE.pacta...             parse, type-check, prove the asserts and lint; clang-style diagnostics\n"
	"  lint FILE.pacta...              what is legal but probably not meant (Z3 proofs)\n"
	"  test FILE.pacta...              run the agreements' tests (--coverage, --format, --watch)\n"
	"  eval M.so|FILE.pacta [REQ]      decide JSON Lines requests (default: stdin)\n"
	"  build FILE.pacta [-o M.so]      compile to a native rule module\n"
	"  explain M.so|FILE.pacta REQ     one decision in words, with the articles' text\n"
	"  inspect M.so|FILE.pacta         what a module holds: fields, enums, obligations, clauses\n"
	"  fmt [-w|--check] FILE.pacta|-   the one canonical layout\n"
	"  diff OLD NEW                    what changed, and which requests it decides differently\n"
	"  doc FILE.pacta [-o F.html]      the agreement as a lawyer reads it, in HTML\n"
	"  keygen KEY                      a key pair to sign modules (KEY, KEY.pub)\n"
	"  lsp                             a language server for editors, on stdin and stdout\n"
	"  serve DIR|M.so...               an HTTP decision service (docs/serve.md)\n"
	"\n"
	"options of every command:\n"
	"  -I DIR          search DIR for `import std.x` (before PACTA_PATH and the\n"
	"                  installed standard library); `import \"F\"` may reach DIR\n"
	"  --diagnostics=F how errors and warnings are written: text (default), json\n"
	"                  (one object a line) or sarif (one SARIF 2.1.0 log)\n"
	"  --color=WHEN    colour diagnostics: auto (on a terminal, unless NO_COLOR\n"
	"                  is set), always or never\n"
	"  -h, --help      this help; `pacta COMMAND --help` or `pacta help COMMAND`\n"
	"                  for one command\n"
	"  --version       the version\n"
	"\n"
	"environment: PACTA_PATH (directories for `import std.x`, before the installed\n"
	"standard library), NO_COLOR, PACTA_LD (the linker of `build`), and the\n"
	"limits of docs/language.md (PACTA_MAX_ERRORS, PACTA_MAX_DEPTH, ...).\n"
	"\n"
	"exit status: 0 success, 1 errors in the input, 2 command-line misuse\n"
	"\n"
	"`man pacta` has the whole manual.\n";

const char usage_check[] =
	"usage: pacta check [--no-lint] [--reciprocity] [--watch] [--diagnostics=text|json|sarif]\n"
	"                   [--color=auto|always|never] [-I DIR]... FILE.pacta...\n"
	"\n"
	"Parses and checks each agreement with everything it imports: names, types\n"
	"and units, tables, labels, exemptions, obligations, fixtures and tests;\n"
	"proves its asserts with Z3 over every request (a failing one is an error\n"
	"with a counterexample request); then, when there is no error, lints it (`pacta lint`) and prints its\n"
	"findings as warnings.  Diagnostics are printed as file:line:col with the\n"
	"source line, a caret and, where the fix is certain, the text to write.\n"
	"  --no-lint       errors only\n"
	"  --reciprocity   also prove that swapping the requesting and the requested\n"
	"                  Party never changes a decision (each Party's rows of the\n"
	"                  party-keyed tables going with it; requests where a\n"
	"                  reservation or declaration applies aside), or show each\n"
	"                  asymmetry with a pair of requests\n"
	"  --watch         check again whenever the file or a file it imports is saved\n"
	"  --diagnostics=F text (default), json (one object a line) or sarif (one\n"
	"                  SARIF 2.1.0 log), on standard error\n"
	"  --color=WHEN    auto (default: on a terminal, unless NO_COLOR is set),\n"
	"                  always or never\n"
	"Exit status 1 when any file has errors (warnings do not count).\n";

const char usage_lint[] =
	"usage: pacta lint [--only NAME] [--diagnostics=F] [-I DIR]... FILE.pacta...\n"
	"       pacta lint --list\n"
	"\n"
	"Reports what is legal Pacta but probably not meant: a refusal without a\n"
	"reason, a clause never in force, an unconditional exemption, a label\n"
	"outside its article, what nothing uses, and, proven with Z3, rules that\n"
	"never fire, never decide or are redundant, and obligations never reported.\n"
	"A comment `# pacta: allow(NAME)` on the line, or on the comment lines\n"
	"just above it, silences a finding (docs/lint.md).\n"
	"  --list       the lints, with their level and what they find\n"
	"  --only NAME  that lint alone\n"
	"Exit status 1 when anything is reported or a file has errors.\n";

const char usage_test[] =
	"usage: pacta test [-v] [--native] [--coverage] [--threshold N] [--format=text|json|junit]\n"
	"                  [--watch] [-I DIR]... FILE.pacta...\n"
	"\n"
	"Proves the asserts (as `pacta check`), then runs every `test` block of each file (not those of imported files) with\n"
	"the reference evaluator.  A failure shows the expected and the actual\n"
	"decision with its trace.  The last line is `N passed, M failed`.\n"
	"  -v            also list the tests that pass\n"
	"  --native      run them through the compiled native module instead\n"
	"  --coverage    list the clauses no test fired, and those no test found\n"
	"                decisive (a ground, a source of an obligation, an\n"
	"                exemption), each with its title and line\n"
	"  --threshold N exit 1 when fewer than N per cent of the clauses fired or\n"
	"                were decisive (implies --coverage)\n"
	"  --format=F    text (default); json: one document with every test and the\n"
	"                coverage of every clause; junit: JUnit XML, for CI\n"
	"  --watch       run again whenever the file or a file it imports is saved\n"
	"Exit status 1 when a test fails, a file has errors or the coverage is\n"
	"below the threshold.\n";

const char usage_eval[] =
	"usage: pacta eval [--trace] [--trust KEY.pub]... [-I DIR]... M.so|FILE.pacta\n"
	"                  [REQUESTS.jsonl|-]\n"
	"\n"
	"Decides with a native module (M.so, loaded through libpacta) or with the\n"
	"reference evaluator (FILE.pacta); the output is the same either way.\n"
	"Reads one JSON request object per line (from the file, or standard input\n"
	"when it is absent or -) and writes one decision per line, in order:\n"
	"  {\"id\": 7, \"outcome\": \"grant\", \"grounds\": [\"1.1\"], \"obligations\": {...}}\n"
	"A line that cannot be decoded is answered with {\"id\": ..., \"error\": \"...\"}\n"
	"naming its line, column and field; evaluation goes on with the next line.\n"
	"  --trace   add the fired rules and the exempted clauses\n"
	"  --trust KEY.pub  load M.so only if signed by this key (repeatable)\n"
	"Exit status 1 when any line was bad or the agreement has errors.\n";

const char usage_build[] =
	"usage: pacta build [-O0|-O1|-O2|-O3] [--emit-llvm|--emit-obj] [--target T] [-o OUT]\n"
	"                   [--sign KEY] [-I DIR]... FILE.pacta\n"
	"\n"
	"Compiles the agreement to a native rule module: a self-contained shared\n"
	"object (no libc, no undefined symbols, no initialisers) that libpacta\n"
	"loads.  The same source and compiler give a byte-identical module.\n"
	"  -o OUT        the output (default: FILE with .so, .ll or .o), replaced whole\n"
	"                or not at all; never a source of the agreement\n"
	"  -O0 .. -O3    optimisation (default -O2)\n"
	"  --emit-llvm   write the LLVM IR instead\n"
	"  --emit-obj    write the object file instead\n"
	"  --target T    generate code for the target triple T (default: this machine);\n"
	"                x86_64 or aarch64 Linux, what libpacta loads\n"
	"  --sign KEY    sign the module with the secret key KEY (`pacta keygen`)\n"
	"The linker is `ld`, or $PACTA_LD.\n";

const char usage_explain[] =
	"usage: pacta explain [--trust KEY.pub]... [--to OUTCOME] [-I DIR]... M.so|FILE.pacta REQUEST.json\n"
	"\n"
	"Decides one request (a file holding one JSON object, or - for standard\n"
	"input) and explains the decision in words: the outcome, each ground with\n"
	"its article and reason, the obligations and the clauses that imposed\n"
	"them, what fired and what was exempted by what.\n"
	"  --trust KEY.pub  load M.so only if signed by this key (repeatable)\n"
	"  --to OUTCOME     what would it take: the request nearest this one (fewest\n"
	"                   fields changed) decided OUTCOME (grant, refer, refuse),\n"
	"                   found with Z3 over the agreement's source (a module's\n"
	"                   embedded one), each change with the clauses it moves;\n"
	"                   or the proof that no request is decided so\n";

const char usage_fmt[] =
	"usage: pacta fmt [-w|--check] FILE.pacta...\n"
	"       pacta fmt [--check] -\n"
	"\n"
	"Prints each file in the one canonical layout (comments kept; the program\n"
	"is unchanged).  A file that does not parse is reported and left alone.\n"
	"`-` reads standard input and writes standard output (for editors).\n"
	"  -w        rewrite the files in place (each whole, or not at all)\n"
	"  --check   change nothing; exit 1 and name each file not in the layout\n";

const char usage_diff[] =
	"usage: pacta diff [--json|--html] [--exit-code[=labels]] [--baseline FIXTURE] [--by FIELD]...\n"
	"                  [--max-causes N] [--replay REQUESTS.jsonl [--examples N]] [-I DIR]... OLD NEW\n"
	"\n"
	"Compares two versions of an agreement, each a .pacta source or a native\n"
	"module (its embedded source is used).  Structure: articles, clauses and\n"
	"declarations added, removed or changed (the words struck out and put in;\n"
	"layout and comments aside), a clause renumbered with the same rules once,\n"
	"header and request-schema changes.  Decisions: every kind of change\n"
	"(e.g. refuse by 3.1 (removed) -> grant, retain_at_most: 180 days -> 120\n"
	"days), one per cause, each with a witness request nearest the baseline,\n"
	"decided again by both versions; requests naming an enum member or a field\n"
	"one version lacks searched on their own; a summary per signature (the\n"
	"parties and the --by fields): more or less permissive, mixed, over the\n"
	"outcomes and the obligations (docs/diff.md).\n"
	"  --json              for tools\n"
	"  --html              a review page, in the typography of `pacta doc`\n"
	"  --exit-code         exit 1 when some request is decided differently\n"
	"  --exit-code=labels  also when a clause was renumbered\n"
	"  --baseline FIXTURE  read witnesses against this fixture (default: the\n"
	"                      first fixture, else the fields' defaults)\n"
	"  --by FIELD          an enum field of the signature (repeatable; default:\n"
	"                      assistance, when both versions have it)\n"
	"  --max-causes N      causes listed per kind of change (default 8)\n"
	"  --replay FILE       instead of the search: decide every request of the JSON\n"
	"                      Lines FILE with both versions, and count what changed,\n"
	"                      by kind and by signature\n"
	"  --examples N        request ids kept of each (default 5)\n"
	"A diff that runs over 2 s prints its progress on standard error.\n";

const char usage_doc[] =
	"usage: pacta doc [-I DIR]... FILE.pacta [-o FILE.html]\n"
	"\n"
	"Renders the agreement as a lawyer reads it, in one self-contained HTML\n"
	"page: each article's text beside its clauses, labels as links, the\n"
	"exemptions both ways and as a graph, the tests as worked examples.\n"
	"  -o FILE   write the page there (default: standard output), replaced\n"
	"            whole or not at all; never a source of the agreement\n";

const char usage_inspect[] =
	"usage: pacta inspect [--trust KEY.pub]... [-I DIR]... M.so|FILE.pacta\n"
	"\n"
	"Shows what a native module holds, or what one built from the source would:\n"
	"the agreement's title and version, the SHA-256 of its embedded source, the\n"
	"compiler, the request's fields with their types and defaults, the enums\n"
	"and their members, the obligations with their types, units and combining\n"
	"operators, and the clauses.  A module is checked before it is loaded, as\n"
	"libpacta always does.\n"
	"  --trust KEY.pub  load M.so only if signed by this key (repeatable)\n";

const char usage_keygen[] =
	"usage: pacta keygen KEY\n"
	"\n"
	"Makes an Ed25519 key pair for signing modules: the secret key in KEY\n"
	"(mode 0600, one line \"pacta-ed25519-secret HEX\") and the public key in\n"
	"KEY.pub (\"pacta-ed25519-public HEX\"), and prints the public key.  Neither\n"
	"file may exist.  `pacta build --sign KEY` signs with the secret key;\n"
	"`--trust KEY.pub` (eval, explain, inspect) loads only modules it signed.\n";


const char usage_lsp[] =
	"usage: pacta lsp [-I DIR]...\n"
	"\n"
	"A Language Server Protocol server on standard input and output, for\n"
	"editors (docs/editor.md): the diagnostics of `pacta check` and the lints\n"
	"as the drafter types, hover, go to definition, references, the outline of\n"
	"articles and clauses, completion, formatting and the fixes of every\n"
	"\"did you mean\" as code actions.\n";
