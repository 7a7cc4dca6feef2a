/*
 * emit.c — from a lowered program to a file: LLVM IR (.ll), an object
 * (.o) or a native rule module (.so).
 *
 * The module is a PIC shared object linked by the system linker with no
 * libc, no start files and no build id, then stripped, so that the same
 * source and compiler give the same bytes whatever the path, the file name,
 * the directory or the time of the build.  Code is generated for a fixed
 * baseline CPU, not the build machine's, for the same reason.
 */
#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Target.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <sodium.h>

#include "codegen.h"
#include "outfile.h"
#include "signing.h"
#include "../runtime/libpacta.h"

extern char **environ;

static int fail(const emit_options *o, const char *what, const char *why)
{
	fprintf(stderr, "pacta: build %s: %s%s%s\n", o->output, what, why ? ": " : "", why ? why : "");
	return -1;
}

/* Writes the output whole or not at all (outfile.c). */
static int put(const emit_options *o, const void *data, size_t n)
{
	if (outfile_write(o->output, data, n) != 0)
		return fail(o, "cannot write", strerror(errno));
	return 0;
}

static int write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = fwrite(data, 1, n, f);
	int rc = fclose(f);
	return w == n && rc == 0 ? 0 : -1;
}

/* The whole of a file the linker wrote, in *n bytes; NULL on failure. */
static unsigned char *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	unsigned char *bytes = NULL;
	long len = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (len > 0 && fseek(f, 0, SEEK_SET) == 0) {
		bytes = xmalloc((size_t)len + LP_SIG_SIZE);   /* room for a signature */
		if (fread(bytes, 1, (size_t)len, f) != (size_t)len) {
			free(bytes);
			bytes = NULL;
		}
	}
	fclose(f);
	*n = bytes ? (size_t)len : 0;
	return bytes;
}

/* Runs the linker: ld -shared ... -o out in.o [trace.o] */
static int link_module(const emit_options *o, const char *obj, const char *obj2, const char *out)
{
	const char *ld = o->linker ? o->linker : getenv("PACTA_LD");
	if (!ld || !*ld)
		ld = "ld";
	char *argv[] = {
		(char *)ld, "-shared", "-nostdlib", "--build-id=none", "-s",
		"-z", "defs", "-z", "noexecstack", "-z", "norelro",
		"--hash-style=gnu", "-o", (char *)out, (char *)obj, (char *)obj2, NULL
	};
	pid_t pid;
	int rc = posix_spawnp(&pid, ld, NULL, NULL, argv, environ);
	if (rc != 0)
		return fail(o, "cannot run the linker", strerror(rc));
	int status;
	/* a host's signal handler may interrupt the wait: wait again */
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return fail(o, "waiting for the linker", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return fail(o, "the linker failed", ld);
	return 0;
}

/* The part of a normalised triple after `skip` dashes, up to the next. */
static const char *triple_part(const char *t, int skip, size_t *len)
{
	while (skip-- > 0 && (t = strchr(t, '-')))
		t++;
	if (!t) {
		*len = 0;
		return "";
	}
	const char *e = strchr(t, '-');
	*len = e ? (size_t)(e - t) : strlen(t);
	return t;
}

static int part_is(const char *p, size_t n, const char *const *names)
{
	for (; *names; names++)
		if (strlen(*names) == n && !memcmp(p, *names, n))
			return 1;
	return 0;
}

/* Whether `triple` is for another machine than this one: its module could
 * be neither linked nor checked here (runtime/elf.c checks a module for
 * the machine it runs on), only its IR or object written.  `arch` gets
 * the triple's machine. */
static int foreign(const char *triple, char *arch, size_t cap)
{
	char *t = LLVMNormalizeTargetTriple(triple), *h = LLVMGetDefaultTargetTriple();
	char *hn = LLVMNormalizeTargetTriple(h);
	size_t na, nh;
	const char *a = triple_part(t, 0, &na), *ha = triple_part(hn, 0, &nh);
	int other = na != nh || memcmp(a, ha, na) != 0;
	snprintf(arch, cap, "%.*s", (int)na, a);
	LLVMDisposeMessage(t);
	LLVMDisposeMessage(h);
	LLVMDisposeMessage(hn);
	return other;
}

int emit_target_check(const char *triple, int module, char *why, size_t cap)
{
	/* What libpacta loads: a 64-bit little-endian ELF shared object
	 * (runtime/elf.c) whose descriptor C and LLVM lay out alike */
	static const char *const archs[] = { "x86_64", "aarch64", NULL };
	static const char *const oses[] = { "", "linux", "unknown", "none", NULL };
	static const char *const envs[] = { "", "gnu", "musl", "elf", "unknown", NULL };
	char *t = LLVMNormalizeTargetTriple(triple);
	size_t na, no, ne;
	const char *a = triple_part(t, 0, &na), *os = triple_part(t, 2, &no), *env = triple_part(t, 3, &ne);
	int ok = part_is(a, na, archs) && part_is(os, no, oses) && part_is(env, ne, envs);
	if (!ok)
		snprintf(why, cap, "unsupported target '%s': a module is a 64-bit ELF shared object for "
		         "x86_64 or aarch64 Linux (e.g. x86_64-pc-linux-gnu)", triple);
	LLVMDisposeMessage(t);
	char arch[32];
	if (ok && module && foreign(triple, arch, sizeof arch)) {
		snprintf(why, cap, "cannot make a module for %s here: a module is linked and checked on the "
		         "machine it runs on (here: --emit-obj or --emit-llvm)", arch);
		ok = 0;
	}
	return ok ? 0 : -1;
}

/* The code generators of the machines libpacta runs on, so that IR or an
 * object can be made for the other one (--target); the Makefile says
 * which this LLVM has. */
static void init_targets(void)
{
	LLVMInitializeNativeTarget();
	LLVMInitializeNativeAsmPrinter();
#ifdef PACTA_LLVM_X86
	LLVMInitializeX86TargetInfo();
	LLVMInitializeX86Target();
	LLVMInitializeX86TargetMC();
	LLVMInitializeX86AsmPrinter();
#endif
#ifdef PACTA_LLVM_AARCH64
	LLVMInitializeAArch64TargetInfo();
	LLVMInitializeAArch64Target();
	LLVMInitializeAArch64TargetMC();
	LLVMInitializeAArch64AsmPrinter();
#endif
}

/* ---- a large agreement's trace, an object of its own ----
 *
 * The trace of a large agreement is left unoptimised (codegen.c) and is
 * most of its code: the back end at the level asked (register allocation
 * above all) spent on it half the build of 10,000 clauses, for code that
 * runs only when a decision's trace is read.  So the module is emitted
 * twice: once at the level asked with the trace's functions
 * available_externally (LLVM emits no code for them), once at the
 * lowest level with everything else available_externally; the linker
 * joins the two objects.  What one object reaches in the other gets a
 * symbol, hidden: it is resolved when linking and not exported. */

/* A global value that `c` (an operand in the trace's object or not, as
 * `from_trace` says) reaches, itself or through constants, in the other
 * object is given a hidden symbol. */
static void share_across(LLVMValueRef c, int from_trace)
{
	if (LLVMIsAGlobalValue(c)) {
		if (cg_is_trace(c) != from_trace && LLVMGetLinkage(c) != LLVMExternalLinkage) {
			LLVMSetLinkage(c, LLVMExternalLinkage);
			LLVMSetVisibility(c, LLVMHiddenVisibility);
		}
		return;
	}
	if (!LLVMIsAConstant(c))
		return;   /* an instruction, an argument, a block: in this object */
	for (int i = 0, n = LLVMGetNumOperands(c); i < n; i++)
		share_across(LLVMGetOperand(c, i), from_trace);
}

static void share_references(LLVMModuleRef m)
{
	for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f)) {
		int t = cg_is_trace(f);
		for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b; b = LLVMGetNextBasicBlock(b))
			for (LLVMValueRef i = LLVMGetFirstInstruction(b); i; i = LLVMGetNextInstruction(i))
				for (int k = 0, n = LLVMGetNumOperands(i); k < n; k++)
					share_across(LLVMGetOperand(i, k), t);
	}
	for (LLVMValueRef g = LLVMGetFirstGlobal(m); g; g = LLVMGetNextGlobal(g))
		if (LLVMGetInitializer(g))
			share_across(LLVMGetInitializer(g), 0);
}

/* Leaves the code and data of one object (trace or not) to be emitted:
 * the other's definitions become available_externally.  The trace's
 * functions get hidden symbols in their own object, whether the other
 * reaches them or not (they are not exported either way). */
static void keep_side(LLVMModuleRef m, int trace)
{
	for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f)) {
		if (LLVMIsDeclaration(f))
			continue;
		if (cg_is_trace(f) && trace) {
			LLVMSetLinkage(f, LLVMExternalLinkage);
			LLVMSetVisibility(f, LLVMHiddenVisibility);
		} else if (cg_is_trace(f) || trace)
			LLVMSetLinkage(f, LLVMAvailableExternallyLinkage);
	}
	if (trace)
		for (LLVMValueRef g = LLVMGetFirstGlobal(m); g; g = LLVMGetNextGlobal(g))
			if (LLVMGetInitializer(g))
				LLVMSetLinkage(g, LLVMAvailableExternallyLinkage);
}

static int emit_object(const emit_options *o, LLVMTargetMachineRef tm, LLVMModuleRef m, LLVMMemoryBufferRef *buf)
{
	char *msg = NULL;
	if (LLVMTargetMachineEmitToMemoryBuffer(tm, m, LLVMObjectFile, &msg, buf)) {
		*buf = NULL;
		fail(o, "cannot emit the object", msg);
		LLVMDisposeMessage(msg);
		return -1;
	}
	return 0;
}

int emit_module(const lw_program *lw, const emit_options *o)
{
	if (sodium_init() < 0)
		return fail(o, "cannot start libsodium", NULL);
	init_targets();
	char *triple = o->triple ? strdup(o->triple) : LLVMGetDefaultTargetTriple();
	LLVMTargetRef target;
	char *msg = NULL;
	char why[256];
	if (emit_target_check(triple, o->kind == EMIT_SO, why, sizeof why) != 0) {
		fail(o, why, NULL);
		free(triple);
		return -1;
	}
	if (LLVMGetTargetFromTriple(triple, &target, &msg)) {
		fail(o, "unknown target", msg);
		LLVMDisposeMessage(msg);
		free(triple);
		return -1;
	}
	LLVMCodeGenOptLevel lvl = o->opt_level <= 0 ? LLVMCodeGenLevelNone
	                        : o->opt_level == 1 ? LLVMCodeGenLevelLess
	                        : o->opt_level == 2 ? LLVMCodeGenLevelDefault : LLVMCodeGenLevelAggressive;
	LLVMTargetMachineRef tm = LLVMCreateTargetMachine(target, triple, "generic", "", lvl,
	                                                  LLVMRelocPIC, LLVMCodeModelDefault);

	/* the agreement's own file: its text travels in the module */
	const srcfile *main_file = lw->files[0];
	cg_options co = { 0 };
	co.triple = triple;
	co.tm = tm;
	co.source = main_file->text;
	co.source_len = main_file->len;
	co.source_name = "";   /* the name is not part of the module's identity */
	/* and the files it imports, so that it compiles again from the module */
	source_imports(lw, lw->ar, &co.imports);
	source_hash(lw, co.sha256);

	cg_result r = { 0 };
	char *err = NULL;
	int rc = -1;
	LLVMMemoryBufferRef buf = NULL, buf2 = NULL;
	if (cg_module(lw, &co, &r, &err) != 0) {
		fail(o, "internal error: generated code does not verify", err);
		free(err);
		goto out;
	}
	char passes[32];
	snprintf(passes, sizeof passes, "default<O%d>", o->opt_level < 0 ? 0 : o->opt_level > 3 ? 3 : o->opt_level);
	LLVMPassBuilderOptionsRef pbo = LLVMCreatePassBuilderOptions();
	LLVMErrorRef perr = LLVMRunPasses(r.mod, passes, tm, pbo);
	LLVMDisposePassBuilderOptions(pbo);
	if (perr) {
		char *m = LLVMGetErrorMessage(perr);
		fail(o, "internal error: optimisation failed", m);
		LLVMDisposeErrorMessage(m);
		goto out;
	}
	if (LLVMVerifyModule(r.mod, LLVMReturnStatusAction, &msg)) {
		fail(o, "internal error: optimised code does not verify", msg);
		LLVMDisposeMessage(msg);
		goto out;
	}
	LLVMDisposeMessage(msg);
	msg = NULL;

	if (o->kind == EMIT_LL) {
		/* not LLVMPrintModuleToFile: LLVM aborts on a write error */
		char *ir = LLVMPrintModuleToString(r.mod);
		rc = put(o, ir, strlen(ir));
		LLVMDisposeMessage(ir);
		goto out;
	}
	/* a large agreement's trace apart (above) */
	int apart = o->kind == EMIT_SO && r.trace_apart;
	if (apart) {
		share_references(r.mod);
		keep_side(r.mod, 0);
	}
	if (emit_object(o, tm, r.mod, &buf) != 0)
		goto out;
	if (apart) {
		keep_side(r.mod, 1);
		LLVMTargetMachineRef tm0 = LLVMCreateTargetMachine(target, triple, "generic", "", LLVMCodeGenLevelNone,
		                                                   LLVMRelocPIC, LLVMCodeModelDefault);
		int e = emit_object(o, tm0, r.mod, &buf2);
		LLVMDisposeTargetMachine(tm0);
		if (e != 0)
			goto out;
	}
	if (o->kind == EMIT_OBJ) {
		rc = put(o, LLVMGetBufferStart(buf), LLVMGetBufferSize(buf));
		goto out;
	}
	/* link through a private directory; the module is then written
	 * whole, signed when asked, or not at all */
	char dir[] = "/tmp/pacta-build-XXXXXX";
	if (!mkdtemp(dir)) {
		fail(o, "cannot make a temporary directory", strerror(errno));
		goto out;
	}
	char obj[64], obj2[64], so[64];
	snprintf(obj, sizeof obj, "%s/m.o", dir);
	snprintf(obj2, sizeof obj2, "%s/trace.o", dir);
	snprintf(so, sizeof so, "%s/m.so", dir);
	if (write_file(obj, LLVMGetBufferStart(buf), LLVMGetBufferSize(buf)) != 0) {
		fail(o, "cannot write", obj);
	} else if (buf2 && write_file(obj2, LLVMGetBufferStart(buf2), LLVMGetBufferSize(buf2)) != 0) {
		fail(o, "cannot write", obj2);
	} else if (link_module(o, obj, buf2 ? obj2 : NULL, so) == 0) {
		size_t n = 0;
		unsigned char *bytes = read_file(so, &n);
		char msg2[200];
		if (!bytes)
			fail(o, "cannot read the linked module", so);
		else if (lp_image_stamp(bytes, n, msg2, sizeof msg2) != 0)   /* also checks it as libpacta will */
			fail(o, "internal error: the linked module is not one libpacta loads", msg2);
		else if (o->sign_key && module_sign_image(o->output, bytes, n, o->sign_key, bytes + n) != 0)
			;   /* said */
		else
			rc = put(o, bytes, n + (o->sign_key ? LP_SIG_SIZE : 0));
		free(bytes);
	}
	unlink(obj);
	unlink(obj2);
	unlink(so);
	rmdir(dir);
out:
	if (buf)
		LLVMDisposeMemoryBuffer(buf);
	if (buf2)
		LLVMDisposeMemoryBuffer(buf2);
	cg_result_free(&r);
	LLVMDisposeTargetMachine(tm);
	free(triple);
	return rc;
}

