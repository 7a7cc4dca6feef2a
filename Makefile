# Pacta — one hand-written Makefile.  `make` builds build/pacta and libpacta;
# `make demo` and `make test` first install what is missing (tools/deps.sh).
#   make V=1              show the commands
#   make SANITIZE=1       ASan + UBSan build, in build/san
#   make BUILD=DIR ...    build (and test) in DIR
#   make test             every suite, then the main ones again under ASan + UBSan
#   make install PREFIX=/usr/local
# The sections follow the pipeline: variables; sources; the compiler
# (libpactac.a, pacta); libpacta; the two commands of the README; the test
# suites; bench; fuzzing and hardening; install and clean.

# ==== variables ==============================================================
# The ?= ones are the knobs: set them on the command line.

PREFIX      ?= /usr/local
LIBDIR      ?= $(PREFIX)/lib
INCLUDEDIR  ?= $(PREFIX)/include
CC          ?= cc
FLEX        ?= flex
BISON       ?= bison
PKG_CONFIG  ?= pkg-config
LLVM_CONFIG ?= llvm-config
WERROR      ?= -Werror
CFLAGS      ?= -O2 -g
LDFLAGS     ?=

ifeq ($(SANITIZE),1)
BUILD       ?= build/san
SANFLAGS    := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
BUILD       ?= build
SANFLAGS    :=
endif

# Requests per agreement: `make differential` and `make smt-test`.
DIFF_COUNT   ?= 100000
SMT_COUNT    ?= 100000
# The module examples/embed decides with (`make embed`).
EMBED_MODULE ?= $(BUILD)/examples/model-agreement.so
# `make tsan`: threads, and requests each.
TSAN_THREADS ?= 8
TSAN_PER     ?= 125000
# `make fuzz`: the libFuzzer compiler, seconds per target, the targets.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= source request module diff decode
# (QUICK=1: `make bench` in under a minute, as `make bench-quick`.)

# Derived from the above.
WARN       := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes $(WERROR)
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -MMD -MP \
              -Icompiler -Iruntime -Igrammar -Itests/unit -I$(BUILD)/gen
LLVM_CFLAGS := $(shell $(LLVM_CONFIG) --includedir 2>/dev/null | sed 's/^/-isystem /')
# the code generators for libpacta's two machines, when this LLVM has them
# (pacta build --target: compiler/emit.c)
LLVM_TARGETS := $(shell $(LLVM_CONFIG) --targets-built 2>/dev/null)
LLVM_CFLAGS += $(if $(filter X86,$(LLVM_TARGETS)),-DPACTA_LLVM_X86) \
               $(if $(filter AArch64,$(LLVM_TARGETS)),-DPACTA_LLVM_AARCH64)
LLVM_LIBS   := $(shell $(LLVM_CONFIG) --ldflags --libs core target native passes analysis 2>/dev/null)
CORE_LIBS   := -lz3 -lsodium -lyajl -ldl
LIBS        := $(LLVM_LIBS) $(CORE_LIBS)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -pthread)

, := ,

ifeq ($(V),1)
Q :=
else
Q := @
endif

.DELETE_ON_ERROR:

# ==== sources ================================================================
# RUNTIME_SRC: the decision model every backend shares; with LIBPACTA_SRC
# (loading modules, the public API of runtime/pacta.h) it is libpacta.
# COMPILER_SRC: the front end, the interpreter and the code generator, in
# libpactac.a with the generated parser and lexer.

RUNTIME_SRC  := runtime/model.c runtime/date.c runtime/strbuf.c runtime/json.c runtime/json_fast.c \
                runtime/explain.c runtime/names.c runtime/utf8.c runtime/suggest.c
LIBPACTA_SRC := runtime/elf.c runtime/image.c runtime/sign.c runtime/module.c runtime/validate.c runtime/info.c \
                runtime/host.c runtime/api.c runtime/util.c runtime/prover.c
COMPILER_SRC := compiler/arena.c compiler/diag.c compiler/ast.c compiler/load.c \
                compiler/check.c compiler/lower.c compiler/eval.c compiler/testrun.c \
                compiler/codegen.c compiler/emit.c compiler/fmt.c compiler/diff.c \
                compiler/doc.c compiler/html.c compiler/run.c compiler/smt_encode.c \
                compiler/smt_diff.c compiler/replay.c compiler/report.c compiler/sign.c compiler/outfile.c \
                compiler/lint.c compiler/watch.c compiler/lsp.c \
                compiler/prove.c compiler/wording.c
GEN_SRC      := $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.c
UNIT_SRC     := $(wildcard tests/unit/check_*.c)

COMPILER_OBJ := $(COMPILER_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/parser.o $(BUILD)/gen/lexer.o
UNIT_OBJ     := $(UNIT_SRC:%.c=$(BUILD)/%.o)

# ==== the compiler: libpactac.a and pacta ====================================

.PHONY: all
all: $(BUILD)/pacta $(BUILD)/libpacta-codegen.so.0 libpacta $(BUILD)/pacta-serve $(BUILD)/libpacta-prove.so.0

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h: grammar/parser.y
	@mkdir -p $(@D)
	@echo "  BISON   $<"
	$(Q)$(BISON) -Wall -Werror --defines=$(BUILD)/gen/parser.h -o $(BUILD)/gen/parser.c $<

$(BUILD)/gen/lexer.c: grammar/lexer.l $(BUILD)/gen/parser.h
	@mkdir -p $(@D)
	@echo "  FLEX    $<"
	$(Q)$(FLEX) -o $@ $<

# Generated code is not held to our warning flags.
$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@echo "  CC      $<"
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE $(CFLAGS) $(SANFLAGS) -fPIC -MMD -MP -Wno-unused-function \
	    -Icompiler -Iruntime -Igrammar -I$(BUILD)/gen -c -o $@ $<

# Only the LLVM stages (and the tests that build modules through
# compiler/codegen.h) see LLVM's headers.
$(BUILD)/compiler/codegen.o $(BUILD)/compiler/emit.o: ALL_CFLAGS += $(LLVM_CFLAGS)

$(BUILD)/%.o: %.c | $(BUILD)/gen/parser.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libpactac.a: $(COMPILER_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

# pacta links the compiler without its back end, which it loads from
# libpacta-codegen.so.0 when it makes code (compiler/emit.h says why: LLVM's
# static constructors cost every run of a program that links it ~50 ms).
CORE_OBJ := $(filter-out $(BUILD)/compiler/codegen.o $(BUILD)/compiler/emit.o,$(COMPILER_OBJ))
$(BUILD)/libpactac-core.a: $(CORE_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/pacta: $(BUILD)/compiler/main.o $(BUILD)/compiler/options.o $(BUILD)/compiler/usage.o \
                $(BUILD)/compiler/review.o $(BUILD)/compiler/codegen_stub.o $(BUILD)/libpactac-core.a $(BUILD)/libpacta.a \
                | $(BUILD)/libpacta-codegen.so.0
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $(filter-out |,$^) $(CORE_LIBS)

# libpacta-codegen.so.0: the back end (codegen.c, emit.c) and LLVM behind one
# exported symbol (compiler/codegen_plugin.c), the archives' own symbols kept
# inside; pacta finds it beside itself or in its ../lib.
$(BUILD)/compiler/codegen_plugin.o: ALL_CFLAGS += $(LLVM_CFLAGS)
$(BUILD)/libpacta-codegen.so.0: $(BUILD)/compiler/codegen_plugin.o $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) -shared $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -Wl,-soname,libpacta-codegen.so.0 -Wl,-z,defs \
	    -Wl,--exclude-libs,ALL -o $@ $^ $(LIBS) -pthread

# The compiler is position-independent, so that libpacta-prove.so.0 can be
# made of it.
$(COMPILER_OBJ) $(BUILD)/compiler/prove_plugin.o $(BUILD)/compiler/codegen_plugin.o: ALL_CFLAGS += -fPIC

# libpacta-prove.so.0: the prover for pacta_explain_to, which libpacta
# loads on its first call (runtime/prove_plugin.h says why it is apart):
# the front end and Z3 behind one exported symbol, the archives' own
# symbols kept inside.
$(BUILD)/libpacta-prove.so.0: $(BUILD)/compiler/prove_plugin.o $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) -shared $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -Wl,-soname,libpacta-prove.so.0 -Wl,-z,defs \
	    -Wl,--exclude-libs,ALL -o $@ $^ -lz3 -lsodium -lyajl -ldl -pthread

# Agreements as native modules.
$(BUILD)/examples/%.so: examples/%.pacta $(BUILD)/pacta $(wildcard stdlib/std/*.pacta)
	@mkdir -p $(@D)
	@echo "  PACTA   $<"
	$(Q)./$(BUILD)/pacta build $< -o $@

# ==== libpacta: the embeddable runtime (runtime/pacta.h) =====================
# The runtime is compiled once, into $(BUILD)/pic: position-independent and
# with only the PACTA_API symbols visible.  libpacta.a (which build/pacta
# links too) and libpacta.so are made of those objects.

LIBPACTA_OBJ     := $(RUNTIME_SRC:%.c=$(BUILD)/pic/%.o) $(LIBPACTA_SRC:%.c=$(BUILD)/pic/%.o)
LIBPACTA_VERSION := $(shell awk '$$2 == "PACTA_VERSION" { gsub(/"/, "", $$3); print $$3 }' runtime/pacta.h)
LIBPACTA_SO      := libpacta.so.$(LIBPACTA_VERSION)
LIBPACTA_FILES   := $(BUILD)/libpacta.a $(BUILD)/libpacta.so $(BUILD)/libpacta.so.0 \
                    $(BUILD)/pacta.pc $(BUILD)/include/pacta.h
# Installed into one of the loader's own directories, libpacta is found
# once ldconfig has run (`make install` runs it, as root); installed under
# a private prefix, programs linked through its pacta.pc carry an rpath to
# it, so that they start without LD_LIBRARY_PATH.
SYSTEM_LIBDIRS   := /lib /usr/lib /usr/local/lib /usr/lib/$(shell $(CC) -dumpmachine 2>/dev/null) \
                    /usr/local/lib/$(shell $(CC) -dumpmachine 2>/dev/null)
SYSTEM_LIBDIR    := $(filter $(patsubst %/,%,$(LIBDIR)),$(SYSTEM_LIBDIRS))

.PHONY: libpacta
libpacta: $(LIBPACTA_FILES)

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $< (libpacta)"
	$(Q)$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

$(BUILD)/libpacta.a: $(LIBPACTA_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/$(LIBPACTA_SO): $(LIBPACTA_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) -shared $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -Wl,-soname,libpacta.so.0 -Wl,-z,defs \
	    -o $@ $^ -lyajl -ldl

# runtime/sign.c checks the signatures of signed modules (docs/signing.md)
# inside libpacta, which therefore links libsodium.
$(BUILD)/$(LIBPACTA_SO): LDFLAGS += -Wl,--push-state,--no-as-needed -lsodium -Wl,--pop-state

$(BUILD)/libpacta.so $(BUILD)/libpacta.so.0: $(BUILD)/$(LIBPACTA_SO)
	$(Q)ln -sf $(LIBPACTA_SO) $@

$(BUILD)/include/pacta.h: runtime/pacta.h
	@mkdir -p $(@D)
	$(Q)cp $< $@

# For the build tree: PKG_CONFIG_PATH=$(BUILD) pkg-config --cflags --libs pacta
$(BUILD)/pacta.pc: runtime/pacta.pc.in runtime/pacta.h
	@mkdir -p $(@D)
	$(Q)sed -e 's|@PREFIX@|$${pcfiledir}|' -e 's|@LIBDIR@|$${pcfiledir}|' \
	    -e 's|@INCLUDEDIR@|$${pcfiledir}/include|' -e 's|@VERSION@|$(LIBPACTA_VERSION)|' \
	    -e 's| @RPATH@||' $< > $@

# ==== pacta serve: the decision service (serve/, docs/serve.md) ==============
# A program of its own, built from libpacta and libmicrohttpd without the
# compiler (serve/main.c says why); `pacta serve` runs it from beside itself.

SERVE_SRC  := serve/main.c serve/registry.c serve/http.c serve/declog.c serve/metrics.c
SERVE_OBJ  := $(SERVE_SRC:%.c=$(BUILD)/%.o)
MHD_CFLAGS := $(shell $(PKG_CONFIG) --cflags libmicrohttpd 2>/dev/null)
MHD_LIBS   := $(shell $(PKG_CONFIG) --libs libmicrohttpd 2>/dev/null || echo -lmicrohttpd)

$(SERVE_OBJ): ALL_CFLAGS += $(MHD_CFLAGS)
$(BUILD)/pacta-serve: $(SERVE_OBJ) $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(MHD_LIBS) -lsodium -lyajl -ldl -pthread

# ==== the two commands of the README: demo and test ==========================

.PHONY: deps demo test
deps:
	$(Q)sh tools/deps.sh

demo: deps
	$(Q)$(MAKE) --no-print-directory all $(BUILD)/examples/rights-protective.so
	@echo
	@echo "== pacta test examples/rights-protective.pacta (the agreement's own tests)"
	$(Q)$(BUILD)/pacta test examples/rights-protective.pacta
	@echo
	@echo "== pacta build examples/rights-protective.pacta -o $(BUILD)/examples/rights-protective.so"
	$(Q)$(BUILD)/pacta inspect $(BUILD)/examples/rights-protective.so | head -6
	@echo
	@echo "== pacta eval $(BUILD)/examples/rights-protective.so examples/rights-protective.jsonl"
	$(Q)$(BUILD)/pacta eval $(BUILD)/examples/rights-protective.so examples/rights-protective.jsonl || \
	    echo "(exit status $$?: the example requests include deliberately bad lines)"
	@echo
	@echo "== pacta explain: request 5 of examples/rights-protective.jsonl, in words"
	$(Q)sed -n 5p examples/rights-protective.jsonl > $(BUILD)/demo-request.json
	$(Q)$(BUILD)/pacta explain $(BUILD)/examples/rights-protective.so $(BUILD)/demo-request.json

test: deps
	$(Q)$(MAKE) --no-print-directory unit layering golden golden-ir semantics e2e fmt-test differential memcheck \
	    signing-test smt-test diffreview-test doc-test doc-screenshot diff-screenshot docs-test bench-quick \
	    install-test hardening-test serve-test python-test go-test lint-test workbench-test lsp-test
	$(Q)$(MAKE) --no-print-directory SANITIZE=1 BUILD=$(BUILD)/san DIFF_COUNT=10000 unit golden semantics e2e differential \
	    serve-test
	@echo "all tests passed (plain, valgrind and ASan+UBSan)"

# ==== the test suites ========================================================
# Each suite runs on $(BUILD): `make SANITIZE=1 golden`, `make BUILD=build/x e2e`.

.PHONY: unit layering golden golden-ir semantics e2e embed libpacta-check fmt-test differential \
        memcheck embed-memcheck signing-test smt-test diffreview-test doc-test doc-screenshot diff-screenshot \
        docs-test stdlib-reference install-test

# ---- unit tests (check), tests/unit
# tests/unit/check_runtime.c links libpacta statically and loads the modules
# of tests/runtime/*.c: written by hand, most of them broken on purpose.
# Modules link nothing, so they are never built with the sanitizers, and gcc
# must not turn their loops into calls to memset.
TESTMODS      := $(patsubst tests/runtime/%.c,$(BUILD)/testmods/%.so,$(filter-out tests/runtime/stamp.c,$(wildcard tests/runtime/*.c)))
TESTMOD_FLAGS := -O2 -fno-stack-protector -fno-tree-loop-distribute-patterns -fPIC -shared \
                 -nostdlib -fvisibility=hidden -Wl,--build-id=none -Iruntime -Itests/runtime

$(BUILD)/testmods/needed.so: TESTMOD_LINK := -Wl,--no-as-needed -lc
$(BUILD)/testmods/execstack.so: TESTMOD_LINK := -Wl,-z,execstack
$(BUILD)/testmods/%.so: tests/runtime/%.c tests/runtime/testmod.h tests/runtime/tiny.h \
                        runtime/module_abi.h runtime/model.h $(BUILD)/stamp
	@mkdir -p $(@D)
	@echo "  CC      $< (test module)"
	$(Q)$(CC) $(TESTMOD_FLAGS) -o $@ $< $(TESTMOD_LINK)
	$(Q)./$(BUILD)/stamp $@

# Writes the image's SHA-256 into a test module, as `pacta build` does.
$(BUILD)/stamp: $(BUILD)/tests/runtime/stamp.o $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ -lsodium -lyajl -ldl

$(BUILD)/tests/unit/check_runtime.o: ALL_CFLAGS += -DPACTA_TESTMODS='"$(BUILD)/testmods"'
# check_signing.c and check_api.c build real modules through compiler/codegen.h.
$(BUILD)/tests/unit/check_signing.o $(BUILD)/tests/unit/check_api.o: ALL_CFLAGS += $(LLVM_CFLAGS)

# tests/unit/check_api.c counts libpacta's allocations through these wraps.
UNIT_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=aligned_alloc
$(BUILD)/unit-tests: $(UNIT_OBJ) $(BUILD)/libpactac.a $(BUILD)/libpacta.a | $(TESTMODS) $(BUILD)/libpacta-prove.so.0
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) $(UNIT_WRAP) -o $@ $^ $(LIBS) $(CHECK_LIBS) -pthread

unit: $(BUILD)/unit-tests
	@echo "== unit tests ($(BUILD))"
	$(Q)CK_FORK=no ./$(BUILD)/unit-tests

# The dependency rules of docs/architecture.md, read off the objects.
layering: $(BUILD)/pacta $(BUILD)/libpacta.a
	@echo "== layering: no cycle, runtime/ below compiler/ ($(BUILD))"
	$(Q)sh tests/layering/run.sh $(BUILD)

# ---- the golden suites (tests/runtests): diagnostics, IR, decisions, pages
golden: $(BUILD)/pacta
	@echo "== golden tests ($(BUILD))"
	$(Q)PACTA=$(BUILD)/pacta sh tests/runtests tests/golden

golden-ir: $(BUILD)/pacta
	@echo "== golden IR tests ($(BUILD))"
	$(Q)PACTA=$(BUILD)/pacta sh tests/runtests tests/golden-ir

semantics: $(BUILD)/pacta
	@echo "== semantics tests ($(BUILD))"
	$(Q)PACTA=$(BUILD)/pacta sh tests/runtests tests/semantics

# ---- the drafter's workbench: the lints' golden findings, and the lints on
# an agreement of 20,000 members (tests/lint/large.sh); the command line of
# the workbench (diagnostics for tools, lint, fmt -, test reports, watch,
# man page, completion): tests/workbench/run.sh
.PHONY: lint-test workbench-test lsp-test
lint-test: $(BUILD)/pacta
	@echo "== lint golden tests ($(BUILD))"
	$(Q)PACTA=$(BUILD)/pacta sh tests/runtests tests/lint
	$(Q)sh tests/lint/large.sh $(BUILD)/pacta

workbench-test: $(BUILD)/pacta
	@echo "== the workbench from the command line ($(BUILD))"
	$(Q)sh tests/workbench/run.sh $(BUILD)/pacta

# pacta lsp with real clients (Neovim headless, vscode-jsonrpc) and the
# TextMate grammar of editors/vscode; npm packages from the lockfile
tests/lsp/node_modules/.package-lock.json: tests/lsp/package.json tests/lsp/package-lock.json
	@echo "== npm ci (tests/lsp)"
	$(Q)command -v npm > /dev/null || sh bench/engines/install-node.sh
	$(Q)cd tests/lsp && npm ci --no-audit --no-fund --loglevel=error
	$(Q)touch $@

lsp-test: $(BUILD)/pacta tests/lsp/node_modules/.package-lock.json
	@echo "== pacta lsp: Neovim, a vscode-jsonrpc session, the TextMate grammar ($(BUILD))"
	$(Q)sh tests/lsp/run.sh $(BUILD)/pacta

# ---- end to end: the pacta command (tests/e2e/run.sh), examples/embed linked
# through pkg-config as an embedder would, and libpacta's exports
e2e: $(BUILD)/pacta embed libpacta-check $(BUILD)/testmods/tiny.so
	@echo "== end-to-end tests ($(BUILD))"
	$(Q)sh tests/e2e/run.sh $(BUILD)/pacta
	$(Q)sh tests/e2e/edges.sh $(BUILD)/pacta

$(BUILD)/embed: examples/embed/embed.c $(LIBPACTA_FILES)
	@echo "  CC      $< (pkg-config pacta)"
	$(Q)$(CC) -std=c11 $(WARN) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $< \
	    $$(PKG_CONFIG_PATH=$(BUILD) $(PKG_CONFIG) --cflags --libs pacta)

embed: $(BUILD)/embed $(EMBED_MODULE) $(BUILD)/libpacta-prove.so.0
	@echo "== examples/embed on $(EMBED_MODULE) ($(BUILD))"
	$(Q)LD_LIBRARY_PATH=$(BUILD) ./$(BUILD)/embed $(EMBED_MODULE) > $(BUILD)/embed.out
	$(Q)diff -u examples/embed/expected.txt $(BUILD)/embed.out && echo "embed: output as expected"
	$(Q)LD_LIBRARY_PATH=$(BUILD) ./$(BUILD)/embed $(EMBED_MODULE) --to grant > $(BUILD)/embed-to.out
	$(Q)diff -u examples/embed/expected-to-grant.txt $(BUILD)/embed-to.out && \
	    echo "embed --to grant: pacta_explain_to through the prover, as expected"

# Only the PACTA_API functions of runtime/pacta.h are exported.
libpacta-check: $(BUILD)/libpacta.so
	@echo "== libpacta exports ($(BUILD))"
	$(Q)sh tests/runtime/exports.sh $(BUILD)/$(LIBPACTA_SO) runtime/pacta.h

# ---- pacta serve (tests/serve): the endpoints against the command line, bad
# input, reload, hostile HTTP, and reload under load (wrk); 127.0.0.1 only
.PHONY: serve-test
serve-test: $(BUILD)/pacta $(BUILD)/pacta-serve $(BUILD)/libpacta-prove.so.0
	@echo "== pacta serve ($(BUILD))"
	$(Q)sh tests/serve/run.sh $(BUILD)

# ---- the Python binding (bindings/python): installed with pip, offline, into
# a scratch directory, then its tests against the pacta command
.PHONY: python-test
python-test: $(BUILD)/pacta $(LIBPACTA_FILES) $(BUILD)/libpacta-prove.so.0
	@echo "== the Python binding ($(BUILD))"
	$(Q)d=$$(mktemp -d) && python3 -m pip install -q --no-index --disable-pip-version-check --target $$d \
	    bindings/python 2>&1 | grep -v "Running pip as the 'root' user" ; \
	    test -f $$d/pacta/__init__.py && \
	    PYTHONPATH=$$d PACTA=$(BUILD)/pacta PACTA_LIBRARY=$(BUILD)/libpacta.so.0 \
	        python3 -m unittest discover -s bindings/python/tests; rc=$$?; rm -rf $$d; exit $$rc

# ---- the Go binding (bindings/go, cgo through pkg-config's pacta.pc), with no
# module from any proxy: its tests against the pacta command
.PHONY: go-test
GO_ENV := PKG_CONFIG_PATH=$(CURDIR)/$(BUILD) LD_LIBRARY_PATH=$(CURDIR)/$(BUILD) PACTA=$(CURDIR)/$(BUILD)/pacta \
          GOPROXY=off GOFLAGS=-mod=mod CGO_ENABLED=1
go-test: $(BUILD)/pacta $(LIBPACTA_FILES) $(BUILD)/libpacta-prove.so.0
	@echo "== the Go binding ($(BUILD))"
	$(Q)cd bindings/go && $(GO_ENV) go vet . && $(GO_ENV) go test -count=1 -v . > $(CURDIR)/$(BUILD)/go-test.out 2>&1; \
	    rc=$$?; grep -E '^(--- |ok|FAIL)' $(CURDIR)/$(BUILD)/go-test.out; \
	    [ $$rc = 0 ] || cat $(CURDIR)/$(BUILD)/go-test.out; exit $$rc

# ---- pacta fmt
fmt-test: $(BUILD)/pacta
	@echo "== pacta fmt: fixed point and meaning ($(BUILD))"
	$(Q)sh tests/fmt/run.sh $(BUILD)/pacta

# ---- native modules against the interpreter, DIFF_COUNT requests an agreement
$(BUILD)/differential: $(BUILD)/tests/diff/differential.o $(BUILD)/tests/diff/randreq.o \
                       $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

differential: $(BUILD)/pacta $(BUILD)/differential
	@echo "== differential: interpreter vs native modules ($(BUILD))"
	$(Q)sh tests/diff/run.sh $(BUILD)/pacta $(BUILD)/differential $(DIFF_COUNT)
	@echo "== differential, every rule that can be indexed indexed, in parts of 2 rules, the trace unoptimised"
	$(Q)PACTA_INDEX_MIN=1 PACTA_CHUNK_RULES=2 PACTA_TRACE_OPT_RULES=0 \
	    sh tests/diff/run.sh $(BUILD)/pacta $(BUILD)/differential $(DIFF_COUNT)

# ---- valgrind: examples/embed, then the command line
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect

memcheck: $(BUILD)/pacta embed-memcheck serve-memcheck
	@echo "== the CLI under valgrind ($(BUILD))"
	$(Q)sh tests/e2e/memcheck.sh $(BUILD)/pacta

.PHONY: serve-memcheck
serve-memcheck: $(BUILD)/pacta $(BUILD)/pacta-serve
	@echo "== pacta serve under valgrind ($(BUILD))"
	$(Q)sh tests/serve/memcheck.sh $(BUILD)

# with --to, pacta_explain_to and the prover it loads (Z3 keeps memory it
# may still reach, "possibly lost", which is not counted)
embed-memcheck: $(BUILD)/embed $(EMBED_MODULE) $(BUILD)/libpacta-prove.so.0
	@echo "== examples/embed under valgrind ($(BUILD))"
	$(Q)LD_LIBRARY_PATH=$(BUILD) $(VALGRIND) ./$(BUILD)/embed $(EMBED_MODULE) > /dev/null
	$(Q)LD_LIBRARY_PATH=$(BUILD) $(VALGRIND) ./$(BUILD)/embed $(EMBED_MODULE) --to grant > /dev/null

# ---- signed modules (docs/signing.md); tests/unit/check_signing.c runs with unit
signing-test: $(BUILD)/pacta
	@echo "== signed modules ($(BUILD))"
	$(Q)sh tests/e2e/signing.sh $(BUILD)/pacta

# ---- compiler/smt.c: the Z3 encoding against the interpreter (SMT_COUNT
# requests an agreement), and the semantic diff
$(BUILD)/tests/smt/%.o: ALL_CFLAGS += -Itests/diff
$(BUILD)/smt-encode-check: $(BUILD)/tests/smt/encode_check.o $(BUILD)/tests/diff/randreq.o \
                           $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/smt-diff-check: $(BUILD)/tests/smt/diff_check.o $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

smt-test: $(BUILD)/smt-encode-check $(BUILD)/smt-diff-check
	@echo "== smt: the Z3 encoding against the interpreter, and the semantic diff ($(BUILD))"
	$(Q)sh tests/smt/run.sh $(BUILD) $(SMT_COUNT)

# ---- pacta diff on the amendments of issue 16: reports, exit statuses,
# the review page, and the page shot in headless Chromium
diffreview-test: $(BUILD)/pacta
	@echo "== pacta diff on the amendments of tests/diffreview ($(BUILD))"
	$(Q)sh tests/diffreview/run.sh $(BUILD)/pacta

diff-screenshot: $(BUILD)/pacta
	@echo "== the pacta diff review page in headless Chromium ($(BUILD))"
	$(Q)sh tests/diffreview/screenshot.sh $(BUILD)/pacta $(BUILD)/diff-shot

# ---- pacta doc: the golden pages, and a page shot in headless Chromium
doc-test: $(BUILD)/pacta
	@echo "== doc golden tests ($(BUILD))"
	$(Q)PACTA=$(BUILD)/pacta sh tests/runtests tests/doc

doc-screenshot: $(BUILD)/pacta
	@echo "== doc screenshot in headless Chromium ($(BUILD))"
	$(Q)sh tests/doc/screenshot.sh $(BUILD)/pacta $(BUILD)/doc-shot

# ---- the documents: README.md and docs/*.md hold true (tests/docs/run.sh:
# their Pacta checked, their commands run and their output compared, their
# links followed); docs/language.md's standard library section is made by
# tools/stdlib-reference.sh, and `make stdlib-reference` makes it again.
docs-test: $(BUILD)/pacta
	@echo "== the documents' examples and commands ($(BUILD))"
	$(Q)sh tests/docs/run.sh $(BUILD)/pacta

stdlib-reference:
	$(Q)sh tools/stdlib-reference.sh -w docs/language.md

# ---- make install into a scratch prefix; the installed pacta finds its
# stdlib and the installed library links through pkg-config.
install-test:
	@echo "== make install into a scratch prefix ($(BUILD))"
	$(Q)d=$$(mktemp -d) && $(MAKE) --no-print-directory install PREFIX=$$d > $$d.log 2>&1 && \
	    (cd / && $$d/bin/pacta test $(CURDIR)/examples/model-agreement.pacta) && \
	    PKG_CONFIG_PATH=$$d/lib/pkgconfig $(PKG_CONFIG) --libs pacta | grep -q -- -lpacta && \
	    test -f $$d/include/pacta.h && MANPATH=$$d/share/man man pacta 2>/dev/null | grep -q 'pacta check' && \
	    test -f $$d/share/bash-completion/completions/pacta && test -f $$d/share/zsh/site-functions/_pacta && \
	    echo "install: ok" && \
	    echo "== examples/embed built against the installed prefix, run without LD_LIBRARY_PATH" && \
	    $(CC) -std=c11 $(WARN) -o $$d/embed examples/embed/embed.c \
	        $$(PKG_CONFIG_PATH=$$d/lib/pkgconfig $(PKG_CONFIG) --cflags --libs pacta) && \
	    $$d/bin/pacta build examples/model-agreement.pacta -o $$d/model-agreement.so && \
	    env -u LD_LIBRARY_PATH $$d/embed $$d/model-agreement.so > $$d/embed.out && \
	    diff -u examples/embed/expected.txt $$d/embed.out && echo "installed embed: output as expected" && \
	    env -u LD_LIBRARY_PATH $$d/embed $$d/model-agreement.so --to grant > $$d/embed-to.out && \
	    diff -u examples/embed/expected-to-grant.txt $$d/embed-to.out && \
	    echo "installed embed --to grant: the prover and the standard library found in the prefix" && \
	    rm -rf $$d $$d.log

# ==== bench ==================================================================
# Figures only; nothing is timed against a bound (bench/README.md).
# `make bench`: the native modules' figures (bench/section1.sh), then the
# engines: the reference policy in Pacta, hand-written C, Cedar, CASL, CEL
# and plain JavaScript, decided on the same seeded requests, checked to
# agree, timed back to back; then the stress policies (bench/stress/),
# libpacta against hand-written C on five agreements shaped unlike the
# reference; and `pacta eval`'s lines a second beside the plain parse of
# the same files (bench/eval.sh); last, the table of the targets
# (bench/targets.sh).  `make bench QUICK=1` and `make bench-quick` run in
# under a minute; only agreement between the engines is asserted.

.PHONY: bench bench-engines bench-quick bench-stress bench-eval

# bench/serve.sh's ceiling: libmicrohttpd alone, as serve/http.c starts it.
$(BUILD)/bench/serve_ceiling.o: ALL_CFLAGS += $(MHD_CFLAGS)
$(BUILD)/serve_ceiling: $(BUILD)/bench/serve_ceiling.o
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(MHD_LIBS) -pthread

$(BUILD)/bench_interp: $(BUILD)/bench/bench_interp.o $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/bench/bench_native.o: ALL_CFLAGS += $(LLVM_CFLAGS) -Ibench -Itests/diff
$(BUILD)/bench_native: $(BUILD)/bench/bench_native.o $(BUILD)/bench/handwritten.o $(BUILD)/bench/lookup.o \
                      $(BUILD)/tests/diff/randreq.o $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/bench/engines/engines_c.o: ALL_CFLAGS += -Ibench/engines -Ibench -Itests/diff
$(BUILD)/engines_c: $(BUILD)/bench/engines/engines_c.o $(BUILD)/bench/engines/reference_c.o \
                    $(BUILD)/bench/lookup.o $(BUILD)/tests/diff/randreq.o $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

bench/engines/js/node_modules/.package-lock.json: bench/engines/js/package.json bench/engines/js/package-lock.json
	@echo "== npm ci (bench/engines/js)"
	$(Q)command -v npm > /dev/null || sh bench/engines/install-node.sh
	$(Q)cd bench/engines/js && npm ci --no-audit --no-fund --loglevel=error
	$(Q)touch $@

bench: $(BUILD)/bench_interp $(BUILD)/bench_native $(BUILD)/pacta $(BUILD)/pacta-serve $(BUILD)/serve_ceiling \
       $(LIBPACTA_FILES) bench-engines
	$(Q)sh bench/section1.sh $(BUILD) $(if $(QUICK),quick)
	$(Q)$(MAKE) --no-print-directory bench-stress
	$(Q)$(MAKE) --no-print-directory bench-eval
	$(Q)sh bench/targets.sh $(BUILD) $(if $(QUICK),quick)

# The stress harness links libpacta alone, as an embedder does (runtime/pacta.h).
STRESS_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(wildcard bench/stress/*.c))
$(BUILD)/stress: $(STRESS_OBJ) $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ -lyajl -lsodium -ldl

bench-stress: $(BUILD)/pacta $(BUILD)/stress
	$(Q)sh bench/stress/run.sh $(BUILD) $(if $(QUICK),quick,full)

bench-eval: $(BUILD)/pacta
	$(Q)sh bench/eval.sh $(BUILD) $(if $(QUICK),quick)

bench-engines: $(BUILD)/pacta $(BUILD)/engines_c bench/engines/js/node_modules/.package-lock.json
	$(Q)sh bench/engines/run.sh $(BUILD) $(if $(QUICK),quick,full)

bench-quick:
	$(Q)$(MAKE) --no-print-directory bench-engines QUICK=1
	$(Q)$(MAKE) --no-print-directory bench-stress QUICK=1
	$(Q)$(MAKE) --no-print-directory bench-eval QUICK=1
	$(Q)sh bench/targets.sh $(BUILD) quick

# ==== fuzzing and hardening (tests/fuzz, tests/hostile, tests/conformance) ===
# Fuzzing (libFuzzer, clang), its regressions replayed without libFuzzer,
# hostile inputs, the conformance corpus and ThreadSanitizer runs (libpacta
# from threads, pacta serve under load).
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="source request module diff"]
#   make hardening-test     fuzz-regressions, hostile, conformance, tsan
# Everything lands in $(BUILD)/fuzz and $(BUILD)/tsan; see tests/fuzz/README.md.

.PHONY: fuzz fuzz-deps fuzz-build fuzz-seeds fuzz-regressions hostile conformance tsan hardening-test
hardening-test:
	$(Q)$(MAKE) --no-print-directory fuzz-regressions hostile conformance tsan

# ---- fuzzing: the compiler and the runtime object by object, twice:
# lf/ instrumented for libFuzzer (clang), rp/ the same code for the replay
# (the ordinary compiler with ASan + UBSan, no libFuzzer).
FUZZ_ALL     := source request module diff decode
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# Not our warning set (generated code and the fuzz harnesses), but a call
# that no longer matches its declaration must not build.
FUZZ_CFLAGS  := -std=c11 -D_GNU_SOURCE -O1 -g -MMD -MP -Wno-unused-function \
                -Werror=implicit-function-declaration -Werror=incompatible-pointer-types \
                -Werror=int-conversion \
                -Icompiler -Iruntime -Igrammar -Itests/diff -Itests/fuzz -I$(BUILD)/gen \
                $(LLVM_CFLAGS) -DFUZZ_ROOT='"$(CURDIR)"'
# The runtime and the compiler as the libraries hold them, sign.c included.
HARD_RT_SRC  := $(RUNTIME_SRC) $(LIBPACTA_SRC)
FUZZ_LIB_SRC := $(HARD_RT_SRC) $(COMPILER_SRC) \
                tests/diff/randreq.c $(GEN_SRC)
FUZZ_LF_OBJ  := $(FUZZ_LIB_SRC:%.c=$(FUZZ_DIR)/lf/%.o)
FUZZ_RP_OBJ  := $(FUZZ_LIB_SRC:%.c=$(FUZZ_DIR)/rp/%.o)
.SECONDARY: $(FUZZ_LF_OBJ) $(FUZZ_RP_OBJ) $(FUZZ_ALL:%=$(FUZZ_DIR)/lf/tests/fuzz/fuzz_%.o) \
            $(FUZZ_ALL:%=$(FUZZ_DIR)/rp/tests/fuzz/fuzz_%.o) $(FUZZ_DIR)/rp/tests/fuzz/replay.o

fuzz-deps:
	$(Q)FUZZ_CC=$(FUZZ_CC) sh tests/fuzz/deps.sh

$(FUZZ_DIR)/lf/%.o: %.c | $(BUILD)/gen/parser.h
	@mkdir -p $(@D)
	@echo "  CC      $< (libFuzzer)"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_SAN) -c -o $@ $<

$(FUZZ_DIR)/rp/%.o: %.c | $(BUILD)/gen/parser.h
	@mkdir -p $(@D)
	@echo "  CC      $< (replay)"
	$(Q)$(CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -c -o $@ $<

$(FUZZ_DIR)/bin/fuzz_%: $(FUZZ_DIR)/lf/tests/fuzz/fuzz_%.o $(FUZZ_LF_OBJ)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(LIBS) -pthread

$(FUZZ_DIR)/bin/replay_%: $(FUZZ_DIR)/rp/tests/fuzz/fuzz_%.o $(FUZZ_DIR)/rp/tests/fuzz/replay.o $(FUZZ_RP_OBJ)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(FUZZ_SAN) -o $@ $^ $(LIBS) -pthread

# The seeds: tests/fuzz/corpus/<target> holds only what cannot be derived
# (hand-made limit cases, the diff generator's seeds); the rest is made
# into $(FUZZ_DIR)/seeds/<target> from the tree: the examples, the golden
# and semantics sources, the model agreement's request lines (one a file,
# without its newline, for the request and decode targets), and modules
# built from agreements.
FUZZ_SOURCE_SEEDS  := $(patsubst examples/%,$(FUZZ_DIR)/seeds/source/%,$(wildcard examples/*.pacta)) \
                      $(patsubst tests/golden/%,$(FUZZ_DIR)/seeds/source/golden-%,$(wildcard tests/golden/*.pacta)) \
                      $(patsubst tests/semantics/%,$(FUZZ_DIR)/seeds/source/semantics-%,$(wildcard tests/semantics/*.pacta))
FUZZ_REQUEST_SEEDS := $(patsubst %,$(FUZZ_DIR)/seeds/request/model-%.json, \
                      $(shell awk 'END { for (i = 1; i <= NR; i++) print i }' examples/model-agreement.jsonl))
FUZZ_DECODE_SEEDS  := $(subst /request/,/decode/,$(FUZZ_REQUEST_SEEDS))
FUZZ_MODULE_SEEDS  := $(FUZZ_DIR)/seeds/module/model-agreement.so $(FUZZ_DIR)/seeds/module/minimal.so \
                      $(FUZZ_DIR)/seeds/module/exemption.so $(FUZZ_DIR)/seeds/module/language2.so
$(FUZZ_DIR)/seeds/source/golden-%.pacta: tests/golden/%.pacta
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(FUZZ_DIR)/seeds/source/semantics-%.pacta: tests/semantics/%.pacta
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(FUZZ_DIR)/seeds/source/%.pacta: examples/%.pacta
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(FUZZ_DIR)/seeds/request/model-%.json: examples/model-agreement.jsonl
	@mkdir -p $(@D)
	$(Q)sed -n '$*p' $< | tr -d '\n' > $@
$(FUZZ_DIR)/seeds/decode/model-%.json: examples/model-agreement.jsonl
	@mkdir -p $(@D)
	$(Q)sed -n '$*p' $< | tr -d '\n' > $@
$(FUZZ_DIR)/seeds/module/%.so: examples/%.pacta $(BUILD)/pacta
	@mkdir -p $(@D)
	$(Q)./$(BUILD)/pacta build $< -o $@
$(FUZZ_DIR)/seeds/module/%.so: tests/golden-ir/%.pacta $(BUILD)/pacta
	@mkdir -p $(@D)
	$(Q)./$(BUILD)/pacta build $< -o $@
fuzz-seeds: $(FUZZ_SOURCE_SEEDS) $(FUZZ_REQUEST_SEEDS) $(FUZZ_DECODE_SEEDS) $(FUZZ_MODULE_SEEDS)
	$(Q)mkdir -p $(FUZZ_ALL:%=$(FUZZ_DIR)/seeds/%)

fuzz-build: fuzz-deps fuzz-seeds
	$(Q)$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=$(FUZZ_DIR)/bin/fuzz_%)

fuzz: fuzz-build
	$(Q)for t in $(FUZZ_TARGETS); do \
	    sh tests/fuzz/run.sh "$$t" $(FUZZ_DIR) $(FUZZ_SECONDS) || exit 1; done
	$(Q)cat $(FUZZ_DIR)/stats.txt

# Every regression and every seed, through each target's code.
fuzz-regressions: $(FUZZ_ALL:%=$(FUZZ_DIR)/bin/replay_%) fuzz-seeds
	@echo "== fuzz regressions and seeds, without libFuzzer ($(BUILD))"
	$(Q)for t in $(FUZZ_ALL); do \
	    corpus=tests/fuzz/corpus/$$t; [ -d $$corpus ] || corpus=; \
	    ASAN_OPTIONS=detect_leaks=1 ./$(FUZZ_DIR)/bin/replay_$$t tests/fuzz/regressions/$$t $$corpus $(FUZZ_DIR)/seeds/$$t \
	    || { echo "FAIL fuzz regressions: $$t"; exit 1; }; done

# ---- hostile inputs (tests/hostile/run.sh, limits in tests/hostile/README.md)
hostile: $(BUILD)/pacta $(BUILD)/differential
	@echo "== hostile inputs ($(BUILD))"
	$(Q)sh tests/hostile/run.sh $(BUILD)/pacta

# ---- the conformance corpus: interpreter, module and C API
$(BUILD)/conformance-capi: tests/conformance/capi.c $(BUILD)/libpacta.a runtime/pacta.h
	@echo "  CC      $<"
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -Iruntime -o $@ $< \
	    $(BUILD)/libpacta.a -lsodium -lyajl -ldl

conformance: $(BUILD)/pacta $(BUILD)/conformance-capi
	@echo "== conformance corpus ($(BUILD))"
	$(Q)sh tests/conformance/run.sh $(BUILD)/pacta $(BUILD)/conformance-capi

# ---- ThreadSanitizer: TSAN_THREADS threads x TSAN_PER requests on one
# module, against the single-threaded decisions (tests/hostile/threads.c).
# libpacta is built again with -fsanitize=thread into $(BUILD)/tsan.
TSAN_FLAGS   := -fsanitize=thread -fno-omit-frame-pointer
TSAN_LIB_OBJ := $(HARD_RT_SRC:%.c=$(BUILD)/tsan/%.o)
.SECONDARY: $(TSAN_LIB_OBJ)
$(BUILD)/tsan/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $< (tsan)"
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE -O1 -g -MMD -MP -Icompiler -Iruntime $(TSAN_EXTRA) $(TSAN_FLAGS) -c -o $@ $<

# pacta serve too: its HTTP workers, the decision log's writer, the module
# registry's reloads and the metrics (tests/serve/tsan.sh)
TSAN_SERVE_OBJ := $(SERVE_SRC:%.c=$(BUILD)/tsan/%.o)
.SECONDARY: $(TSAN_SERVE_OBJ)
$(TSAN_SERVE_OBJ): TSAN_EXTRA := $(MHD_CFLAGS)
$(BUILD)/tsan/pacta-serve: $(TSAN_SERVE_OBJ) $(TSAN_LIB_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) -O1 -g $(TSAN_FLAGS) -o $@ $^ $(MHD_LIBS) -lsodium -lyajl -ldl -pthread

$(BUILD)/tsan/threads: tests/hostile/threads.c $(TSAN_LIB_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O1 -g -Iruntime $(TSAN_FLAGS) -o $@ $^ -lsodium -lyajl -ldl -pthread

tsan: $(BUILD)/tsan/threads $(BUILD)/examples/model-agreement.so $(BUILD)/tsan/pacta-serve $(BUILD)/pacta
	@echo "== ThreadSanitizer: $(TSAN_THREADS) threads x $(TSAN_PER) requests ($(BUILD))"
	$(Q)TSAN_OPTIONS="halt_on_error=1 exitcode=66" ./$(BUILD)/tsan/threads \
	    $(BUILD)/examples/model-agreement.so examples/model-agreement.jsonl $(TSAN_THREADS) $(TSAN_PER)
	@echo "== ThreadSanitizer: pacta serve under wrk, reloads and /metrics ($(BUILD))"
	$(Q)sh tests/serve/tsan.sh $(BUILD)

# ==== install and clean ======================================================

.PHONY: install install-libpacta clean
install: $(BUILD)/pacta $(BUILD)/libpacta-codegen.so.0 $(BUILD)/pacta-serve install-libpacta
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/pacta/stdlib/std $(DESTDIR)$(LIBDIR)
	install -m 755 $(BUILD)/pacta $(DESTDIR)$(PREFIX)/bin/pacta
	install -m 755 $(BUILD)/libpacta-codegen.so.0 $(DESTDIR)$(LIBDIR)/libpacta-codegen.so.0
	install -m 755 $(BUILD)/pacta-serve $(DESTDIR)$(PREFIX)/bin/pacta-serve
	install -m 644 stdlib/std/*.pacta $(DESTDIR)$(PREFIX)/share/pacta/stdlib/std/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	    $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	install -m 644 man/pacta.1 $(DESTDIR)$(PREFIX)/share/man/man1/pacta.1
	install -m 644 completion/pacta.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/pacta
	install -m 644 completion/_pacta $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_pacta

install-libpacta: $(LIBPACTA_FILES) $(BUILD)/libpacta-prove.so.0
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 755 $(BUILD)/libpacta-prove.so.0 $(DESTDIR)$(LIBDIR)/libpacta-prove.so.0
	install -m 644 runtime/pacta.h $(DESTDIR)$(INCLUDEDIR)/pacta.h
	install -m 644 $(BUILD)/libpacta.a $(DESTDIR)$(LIBDIR)/libpacta.a
	install -m 755 $(BUILD)/$(LIBPACTA_SO) $(DESTDIR)$(LIBDIR)/$(LIBPACTA_SO)
	ln -sf $(LIBPACTA_SO) $(DESTDIR)$(LIBDIR)/libpacta.so.0
	ln -sf libpacta.so.0 $(DESTDIR)$(LIBDIR)/libpacta.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(LIBPACTA_VERSION)|' \
	    -e 's|@RPATH@|$(if $(SYSTEM_LIBDIR),,-Wl$(,)-rpath$(,)$${libdir})|' \
	    -e 's| $$||' runtime/pacta.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/pacta.pc
ifneq ($(SYSTEM_LIBDIR),)
	@if [ -n "$(DESTDIR)" ]; then :; elif [ "$$(id -u)" = 0 ]; then ldconfig; \
	 else echo "make install: run ldconfig as root, so that programs find libpacta.so.0"; fi
endif

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
