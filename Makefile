# Pacta — one hand-written Makefile.  `make` builds build/pacta; `make demo`
# and `make test` first install what is missing (tools/deps.sh).
#   make V=1           show the commands
#   make SANITIZE=1    ASan + UBSan build, in build/san
#   make install PREFIX=/usr/local

PREFIX      ?= /usr/local
CC          ?= cc
FLEX        ?= flex
BISON       ?= bison
PKG_CONFIG  ?= pkg-config
LLVM_CONFIG ?= llvm-config
WERROR      ?= -Werror

ifeq ($(SANITIZE),1)
BUILD       ?= build/san
SANFLAGS    := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
BUILD       ?= build
SANFLAGS    :=
endif

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes $(WERROR)
CFLAGS   ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -MMD -MP \
              -Icompiler -Iruntime -Igrammar -Itests/unit -I$(BUILD)/gen
LDFLAGS  ?=
LLVM_CFLAGS := $(shell $(LLVM_CONFIG) --includedir 2>/dev/null | sed 's/^/-isystem /')
LLVM_LIBS   := $(shell $(LLVM_CONFIG) --ldflags --libs core target native passes analysis 2>/dev/null)
LIBS     := $(LLVM_LIBS) -lz3 -lsodium -lyajl -ldl
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -pthread)

ifeq ($(V),1)
Q :=
else
Q := @
endif

RUNTIME_SRC  := runtime/model.c runtime/date.c runtime/strbuf.c runtime/json.c runtime/explain.c \
                runtime/names.c
COMPILER_SRC := compiler/arena.c compiler/diag.c compiler/ast.c compiler/load.c \
                compiler/check.c compiler/eval.c compiler/testrun.c \
                compiler/codegen.c compiler/emit.c compiler/fmt.c compiler/diff.c \
                compiler/doc.c compiler/smt.c
GEN_SRC      := $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.c
UNIT_SRC     := $(wildcard tests/unit/check_*.c)

COMPILER_OBJ := $(COMPILER_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/parser.o $(BUILD)/gen/lexer.o
UNIT_OBJ     := $(UNIT_SRC:%.c=$(BUILD)/%.o)

.PHONY: all deps demo test unit golden golden-ir semantics e2e fmt-test differential memcheck install install-test clean
.DELETE_ON_ERROR:

all: $(BUILD)/pacta

deps:
	$(Q)sh tools/deps.sh

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
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE $(CFLAGS) $(SANFLAGS) -MMD -MP -Wno-unused-function \
	    -Icompiler -Iruntime -Igrammar -I$(BUILD)/gen -c -o $@ $<

# Only the LLVM stages see LLVM's headers.
$(BUILD)/compiler/codegen.o $(BUILD)/compiler/emit.o $(BUILD)/compiler/main.o: ALL_CFLAGS += $(LLVM_CFLAGS)

$(BUILD)/%.o: %.c | $(BUILD)/gen/parser.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libpactac.a: $(COMPILER_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/pacta: $(BUILD)/compiler/main.o $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/unit-tests: $(UNIT_OBJ) $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) $(CHECK_LIBS)

# ---- the two commands of the README ----

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
	$(Q)$(MAKE) --no-print-directory unit golden golden-ir semantics e2e fmt-test differential memcheck \
	    signing-test smt-test doc-test doc-screenshot bench-quick install-test hardening-test
	$(Q)$(MAKE) --no-print-directory SANITIZE=1 BUILD=$(BUILD)/san DIFF_COUNT=10000 unit golden semantics e2e differential
	@echo "all tests passed (plain, valgrind and ASan+UBSan)"

unit: $(BUILD)/unit-tests
	@echo "== unit tests ($(BUILD))"
	$(Q)CK_FORK=no ./$(BUILD)/unit-tests

golden: $(BUILD)/pacta
	@echo "== golden tests ($(BUILD))"
	$(Q)PACTA=$(BUILD)/pacta sh tests/runtests tests/golden

fmt-test: $(BUILD)/pacta
	@echo "== pacta fmt: fixed point and meaning ($(BUILD))"
	$(Q)sh tests/fmt/run.sh $(BUILD)/pacta

golden-ir: $(BUILD)/pacta
	@echo "== golden IR tests ($(BUILD))"
	$(Q)PACTA=$(BUILD)/pacta sh tests/runtests tests/golden-ir

semantics: $(BUILD)/pacta
	@echo "== semantics tests ($(BUILD))"
	$(Q)PACTA=$(BUILD)/pacta sh tests/runtests tests/semantics

e2e: $(BUILD)/pacta
	@echo "== end-to-end tests ($(BUILD))"
	$(Q)sh tests/e2e/run.sh $(BUILD)/pacta

# make install into a scratch prefix; the installed pacta finds its stdlib
# and the installed library links through pkg-config.
install-test:
	@echo "== make install into a scratch prefix ($(BUILD))"
	$(Q)d=$$(mktemp -d) && $(MAKE) --no-print-directory install PREFIX=$$d > $$d.log 2>&1 && \
	    (cd / && $$d/bin/pacta test $(CURDIR)/examples/model-agreement.pacta) && \
	    PKG_CONFIG_PATH=$$d/lib/pkgconfig $(PKG_CONFIG) --libs pacta | grep -q -- -lpacta && \
	    test -f $$d/include/pacta.h && echo "install: ok" && rm -rf $$d $$d.log

memcheck: $(BUILD)/pacta
	@echo "== the CLI under valgrind ($(BUILD))"
	$(Q)sh tests/e2e/memcheck.sh $(BUILD)/pacta

install: $(BUILD)/pacta
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/pacta/stdlib/std
	install -m 755 $(BUILD)/pacta $(DESTDIR)$(PREFIX)/bin/pacta
	install -m 644 stdlib/std/*.pacta $(DESTDIR)$(PREFIX)/share/pacta/stdlib/std/

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Example agreements as native modules.
$(BUILD)/examples/%.so: examples/%.pacta $(BUILD)/pacta $(wildcard stdlib/std/*.pacta)
	@mkdir -p $(@D)
	@echo "  PACTA   $<"
	$(Q)./$(BUILD)/pacta build $< -o $@

# ---- benchmarks (figures only; nothing is asserted) ----
$(BUILD)/bench_interp: $(BUILD)/bench/bench_interp.o $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

.PHONY: bench
$(BUILD)/bench/bench_native.o: ALL_CFLAGS += $(LLVM_CFLAGS) -Ibench -Itests/diff
$(BUILD)/bench_native: $(BUILD)/bench/bench_native.o $(BUILD)/bench/handwritten.o $(BUILD)/bench/lookup.o \
                      $(BUILD)/tests/diff/randreq.o $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

bench: $(BUILD)/bench_interp $(BUILD)/bench_native $(BUILD)/pacta
	$(Q)sh bench/section1.sh $(BUILD) $(if $(QUICK),quick)

# ---- native modules: differential tests against the interpreter ----
$(BUILD)/differential: $(BUILD)/tests/diff/differential.o $(BUILD)/tests/diff/randreq.o $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

DIFF_COUNT ?= 100000
differential: $(BUILD)/pacta $(BUILD)/differential
	@echo "== differential: interpreter vs native modules ($(BUILD))"
	$(Q)sh tests/diff/run.sh $(BUILD)/pacta $(BUILD)/differential $(DIFF_COUNT)
	@echo "== differential, every rule that can be indexed indexed (PACTA_INDEX_MIN=1)"
	$(Q)PACTA_INDEX_MIN=1 sh tests/diff/run.sh $(BUILD)/pacta $(BUILD)/differential $(DIFF_COUNT)

# ==== libpacta: the embeddable runtime (runtime/pacta.h) ====================
# The runtime's objects are compiled again for the library into $(BUILD)/pic,
# position-independent and with only PACTA_API symbols visible, so the objects
# of build/pacta stay as they are.  Test modules are built by hand from
# tests/runtime/*.c until `pacta build` makes them.
LIBPACTA_SRC     := runtime/elf.c runtime/module.c runtime/api.c
LIBPACTA_OBJ     := $(RUNTIME_SRC:%.c=$(BUILD)/pic/%.o) $(LIBPACTA_SRC:%.c=$(BUILD)/pic/%.o)
LIBPACTA_VERSION := $(shell awk '$$2 == "PACTA_VERSION" { gsub(/"/, "", $$3); print $$3 }' runtime/pacta.h)
LIBPACTA_SO      := libpacta.so.$(LIBPACTA_VERSION)
LIBDIR           ?= $(PREFIX)/lib
INCLUDEDIR       ?= $(PREFIX)/include
TESTMODS         := $(patsubst tests/runtime/%.c,$(BUILD)/testmods/%.so,$(wildcard tests/runtime/*.c))
# Modules link nothing, so they are never built with the sanitizers, and
# gcc must not turn their loops into calls to memset.
TESTMOD_FLAGS    := -O2 -fno-stack-protector -fno-tree-loop-distribute-patterns -fPIC -shared \
                    -nostdlib -fvisibility=hidden -Wl,--build-id=none -Iruntime -Itests/runtime
EMBED_MODULE     ?= $(BUILD)/examples/model-agreement.so
VALGRIND         := valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect

.PHONY: libpacta libpacta-check embed embed-memcheck install-libpacta
all: libpacta
LIBPACTA_FILES   := $(BUILD)/libpacta.a $(BUILD)/libpacta.so $(BUILD)/libpacta.so.0 \
                    $(BUILD)/pacta.pc $(BUILD)/include/pacta.h
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

$(BUILD)/libpacta.so $(BUILD)/libpacta.so.0: $(BUILD)/$(LIBPACTA_SO)
	$(Q)ln -sf $(LIBPACTA_SO) $@

$(BUILD)/include/pacta.h: runtime/pacta.h
	@mkdir -p $(@D)
	$(Q)cp $< $@

# For the build tree: PKG_CONFIG_PATH=$(BUILD) pkg-config --cflags --libs pacta
$(BUILD)/pacta.pc: runtime/pacta.pc.in runtime/pacta.h
	@mkdir -p $(@D)
	$(Q)sed -e 's|@PREFIX@|$${pcfiledir}|' -e 's|@LIBDIR@|$${pcfiledir}|' \
	    -e 's|@INCLUDEDIR@|$${pcfiledir}/include|' -e 's|@VERSION@|$(LIBPACTA_VERSION)|' $< > $@

$(BUILD)/testmods/needed.so: TESTMOD_LINK := -Wl,--no-as-needed -lc
$(BUILD)/testmods/execstack.so: TESTMOD_LINK := -Wl,-z,execstack
$(BUILD)/testmods/%.so: tests/runtime/%.c tests/runtime/testmod.h tests/runtime/tiny.h \
                        runtime/module_abi.h runtime/model.h
	@mkdir -p $(@D)
	@echo "  CC      $< (test module)"
	$(Q)$(CC) $(TESTMOD_FLAGS) -o $@ $< $(TESTMOD_LINK)

# tests/unit/check_runtime.c links libpacta statically and loads the modules.
$(BUILD)/unit-tests: $(BUILD)/libpacta.a | $(TESTMODS)
$(BUILD)/unit-tests: LIBS += -ldl -pthread
$(BUILD)/tests/unit/check_runtime.o: ALL_CFLAGS += -DPACTA_TESTMODS='"$(BUILD)/testmods"'
unit: $(TESTMODS)

# Only the PACTA_API functions of runtime/pacta.h are exported.
libpacta-check: $(BUILD)/libpacta.so
	@echo "== libpacta exports ($(BUILD))"
	$(Q)sh tests/runtime/exports.sh $(BUILD)/$(LIBPACTA_SO) runtime/pacta.h

# examples/embed, linked the way an embedder would: through pkg-config.
$(BUILD)/embed: examples/embed/embed.c $(LIBPACTA_FILES)
	@echo "  CC      $< (pkg-config pacta)"
	$(Q)$(CC) -std=c11 $(WARN) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $< \
	    $$(PKG_CONFIG_PATH=$(BUILD) $(PKG_CONFIG) --cflags --libs pacta)

embed: $(BUILD)/embed $(EMBED_MODULE)
	@echo "== examples/embed on $(EMBED_MODULE) ($(BUILD))"
	$(Q)LD_LIBRARY_PATH=$(BUILD) ./$(BUILD)/embed $(EMBED_MODULE) > $(BUILD)/embed.out
	$(Q)diff -u examples/embed/expected.txt $(BUILD)/embed.out && echo "embed: output as expected"

embed-memcheck: $(BUILD)/embed $(EMBED_MODULE)
	@echo "== examples/embed under valgrind ($(BUILD))"
	$(Q)LD_LIBRARY_PATH=$(BUILD) $(VALGRIND) ./$(BUILD)/embed $(EMBED_MODULE) > /dev/null

e2e: embed libpacta-check
memcheck: embed-memcheck

install: install-libpacta
install-libpacta: $(LIBPACTA_FILES)
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 644 runtime/pacta.h $(DESTDIR)$(INCLUDEDIR)/pacta.h
	install -m 644 $(BUILD)/libpacta.a $(DESTDIR)$(LIBDIR)/libpacta.a
	install -m 755 $(BUILD)/$(LIBPACTA_SO) $(DESTDIR)$(LIBDIR)/$(LIBPACTA_SO)
	ln -sf $(LIBPACTA_SO) $(DESTDIR)$(LIBDIR)/libpacta.so.0
	ln -sf libpacta.so.0 $(DESTDIR)$(LIBDIR)/libpacta.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@VERSION@|$(LIBPACTA_VERSION)|' runtime/pacta.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/pacta.pc
# ==== end of libpacta ========================================================

# ==== hardening (tests/fuzz, tests/hostile, tests/conformance) ====
# Fuzzing (libFuzzer, clang), its regressions replayed without libFuzzer,
# hostile inputs, the conformance corpus and a ThreadSanitizer run.
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="source request module diff"]
#   make hardening-test     fuzz-regressions, hostile, conformance, tsan
# Everything lands in $(BUILD)/fuzz, $(BUILD)/hard-*; see tests/fuzz/README.md.
.PHONY: fuzz fuzz-build fuzz-seeds fuzz-regressions fuzz-deps hostile conformance tsan hardening-test

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= source request module diff
FUZZ_ALL     := source request module diff
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := -std=c11 -D_GNU_SOURCE -O1 -g -MMD -MP -Wno-unused-function \
                -Icompiler -Iruntime -Igrammar -Itests/diff -Itests/fuzz -I$(BUILD)/gen \
                $(LLVM_CFLAGS) -DFUZZ_ROOT='"$(CURDIR)"'
# (sign.c: the signing block adds them to the libraries as extra objects.)
HARD_RT_SRC  := $(RUNTIME_SRC) $(LIBPACTA_SRC) $(filter-out $(LIBPACTA_SRC),$(wildcard runtime/sign.c))
FUZZ_LIB_SRC := $(HARD_RT_SRC) $(COMPILER_SRC) $(filter-out $(COMPILER_SRC),$(wildcard compiler/sign.c)) \
                tests/diff/randreq.c $(GEN_SRC)
# lf/: instrumented for libFuzzer (clang); rp/: the same code for the replay
# (the ordinary compiler with ASan + UBSan, no libFuzzer).
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

fuzz-build: fuzz-deps
	$(Q)$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=$(FUZZ_DIR)/bin/fuzz_%)

fuzz: fuzz-build
	$(Q)for t in $(FUZZ_TARGETS); do \
	    sh tests/fuzz/run.sh "$$t" $(FUZZ_DIR) $(FUZZ_SECONDS) || exit 1; done
	$(Q)cat $(FUZZ_DIR)/stats.txt

# The seeds: tests/fuzz/corpus/<target> holds only what cannot be derived
# (hand-made limit cases, the diff generator's seeds); the rest is made
# into $(FUZZ_DIR)/seeds/<target> from the tree: the examples, the golden
# and semantics sources, the model agreement's request lines (one a file,
# without its newline), and modules built from agreements.
FUZZ_SOURCE_SEEDS  := $(patsubst examples/%,$(FUZZ_DIR)/seeds/source/%,$(wildcard examples/*.pacta)) \
                      $(patsubst tests/golden/%,$(FUZZ_DIR)/seeds/source/golden-%,$(wildcard tests/golden/*.pacta)) \
                      $(patsubst tests/semantics/%,$(FUZZ_DIR)/seeds/source/semantics-%,$(wildcard tests/semantics/*.pacta))
FUZZ_REQUEST_SEEDS := $(patsubst %,$(FUZZ_DIR)/seeds/request/model-%.json, \
                      $(shell awk 'END { for (i = 1; i <= NR; i++) print i }' examples/model-agreement.jsonl))
FUZZ_MODULE_SEEDS  := $(FUZZ_DIR)/seeds/module/model-agreement.so $(FUZZ_DIR)/seeds/module/minimal.so \
                      $(FUZZ_DIR)/seeds/module/exemption.so
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
$(FUZZ_DIR)/seeds/module/%.so: examples/%.pacta $(BUILD)/pacta
	@mkdir -p $(@D)
	$(Q)./$(BUILD)/pacta build $< -o $@
$(FUZZ_DIR)/seeds/module/%.so: tests/golden-ir/%.pacta $(BUILD)/pacta
	@mkdir -p $(@D)
	$(Q)./$(BUILD)/pacta build $< -o $@
fuzz-seeds: $(FUZZ_SOURCE_SEEDS) $(FUZZ_REQUEST_SEEDS) $(FUZZ_MODULE_SEEDS)
	$(Q)mkdir -p $(FUZZ_ALL:%=$(FUZZ_DIR)/seeds/%)
fuzz-build: fuzz-seeds

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

# ---- ThreadSanitizer: 8 threads x 125,000 requests on one module, against
# the single-threaded decisions (tests/hostile/threads.c).  libpacta is built
# again with -fsanitize=thread into $(BUILD)/tsan.
TSAN_FLAGS   := -fsanitize=thread -fno-omit-frame-pointer
TSAN_LIB_OBJ := $(HARD_RT_SRC:%.c=$(BUILD)/tsan/%.o)
TSAN_THREADS ?= 8
TSAN_PER     ?= 125000
.SECONDARY: $(TSAN_LIB_OBJ)
$(BUILD)/tsan/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $< (tsan)"
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE -O1 -g -Icompiler -Iruntime $(TSAN_FLAGS) -c -o $@ $<

$(BUILD)/tsan/threads: tests/hostile/threads.c $(TSAN_LIB_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O1 -g -Iruntime $(TSAN_FLAGS) -o $@ $^ -lsodium -lyajl -ldl -pthread

tsan: $(BUILD)/tsan/threads $(BUILD)/examples/model-agreement.so
	@echo "== ThreadSanitizer: $(TSAN_THREADS) threads x $(TSAN_PER) requests ($(BUILD))"
	$(Q)TSAN_OPTIONS="halt_on_error=1 exitcode=66" ./$(BUILD)/tsan/threads \
	    $(BUILD)/examples/model-agreement.so examples/model-agreement.jsonl $(TSAN_THREADS) $(TSAN_PER)

hardening-test:
	$(Q)$(MAKE) --no-print-directory fuzz-regressions hostile conformance tsan
# ==== end of hardening ====

# ==== engines (bench/engines) ================================================
# The reference policy in Pacta, hand-written C, Cedar, CASL, CEL and plain
# JavaScript, decided on the same seeded requests, checked to agree, timed
# back to back (bench/README.md).  `make bench` runs it in full, `make bench
# QUICK=1` and `make bench-quick` in under a minute; only agreement between
# the engines is asserted, never a timing.
ENGINES_DIR := $(BUILD)/engines-bench
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

.PHONY: bench-engines bench-quick
bench-engines: $(BUILD)/pacta $(BUILD)/engines_c bench/engines/js/node_modules/.package-lock.json
	$(Q)sh bench/engines/run.sh $(BUILD) $(if $(QUICK),quick,full)

bench-quick:
	$(Q)$(MAKE) --no-print-directory bench-engines QUICK=1

bench: bench-engines
# ==== end of engines =========================================================

# ==== doc ====
# `pacta doc`: compiler/doc.c renders a checked agreement as one HTML page.
.PHONY: doc-test doc-screenshot
doc-test: $(BUILD)/pacta
	@echo "== doc golden tests ($(BUILD))"
	$(Q)PACTA=$(BUILD)/pacta sh tests/runtests tests/doc

doc-screenshot: $(BUILD)/pacta
	@echo "== doc screenshot in headless Chromium ($(BUILD))"
	$(Q)sh tests/doc/screenshot.sh $(BUILD)/pacta $(BUILD)/doc-shot
# ==== end of doc ====

# ==== signing ====
# Signed modules (docs/signing.md): runtime/sign.c checks signatures inside
# libpacta, which therefore links libsodium; compiler/sign.c makes keys and
# signatures for `pacta keygen` and `pacta build --sign`.
#   make BUILD=... signing-test     tests/e2e/signing.sh on $(BUILD)/pacta
# (The unit tests, tests/unit/check_signing.c, run with `make unit`.)
.PHONY: signing-test
$(BUILD)/libpacta.a $(BUILD)/$(LIBPACTA_SO): $(BUILD)/pic/runtime/sign.o
$(BUILD)/$(LIBPACTA_SO): LDFLAGS += -Wl,--push-state,--no-as-needed -lsodium -Wl,--pop-state
$(BUILD)/libpactac.a: $(BUILD)/compiler/sign.o
# check_signing.c builds real modules through compiler/codegen.h.
$(BUILD)/tests/unit/check_signing.o: ALL_CFLAGS += $(LLVM_CFLAGS)
# runtime/module.c calls runtime/sign.c: the fuzz and replay binaries of the
# hardening block link the runtime object by object.
$(FUZZ_ALL:%=$(FUZZ_DIR)/bin/fuzz_%): $(FUZZ_DIR)/lf/runtime/sign.o
$(FUZZ_ALL:%=$(FUZZ_DIR)/bin/replay_%): $(FUZZ_DIR)/rp/runtime/sign.o

signing-test: $(BUILD)/pacta
	@echo "== signed modules ($(BUILD))"
	$(Q)sh tests/e2e/signing.sh $(BUILD)/pacta
# ==== end of signing ====

# ==== smt (semantic diff) ====================================================
# compiler/smt.c: agreements' decisions as Z3 formulas and the semantic diff
# (item 2 of issue 5).  Not part of libpactac.a yet: the programs that use it
# link $(BUILD)/compiler/smt.o and -lz3.  `make BUILD=build/smt smt-test`.
SMT_COUNT ?= 100000
.PHONY: smt-test
$(BUILD)/tests/smt/%.o: ALL_CFLAGS += -Itests/diff
$(BUILD)/smt-encode-check: $(BUILD)/tests/smt/encode_check.o $(BUILD)/compiler/smt.o \
                           $(BUILD)/tests/diff/randreq.o $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) -lz3

$(BUILD)/smt-diff-check: $(BUILD)/tests/smt/diff_check.o $(BUILD)/compiler/smt.o \
                         $(BUILD)/libpactac.a $(BUILD)/libpacta.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS) -lz3

smt-test: $(BUILD)/smt-encode-check $(BUILD)/smt-diff-check
	@echo "== smt: the Z3 encoding against the interpreter, and the semantic diff ($(BUILD))"
	$(Q)sh tests/smt/run.sh $(BUILD) $(SMT_COUNT)
# ==== end of smt ==============================================================
