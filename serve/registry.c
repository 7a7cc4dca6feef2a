/*
 * registry.c — the agreements `pacta serve` decides with, each under its
 * file name, and their modules: loaded at start, loaded again on SIGHUP or
 * when the directory watch (serve/main.c) sees the file change, and
 * swapped in atomically.
 *
 * A reload opens the new file with pacta_module_open_private (every check
 * libpacta makes, the signature against --trust, and a private copy, so
 * that the old module keeps serving while the new one loads); a module
 * that fails is refused, said on stderr and counted, and the old one
 * stays.  A call takes a reference on the current version under the
 * agreement's lock and drops it when its answer is written: the last
 * reference closes the module.  Agreements are only ever added to the
 * table, which is read without a lock up to a count published after each
 * entry is complete; a file removed withdraws its agreement (`gone`, and
 * no module), and a file of that name coming back serves it again.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "serve.h"

#define MAX_AGREEMENTS 1024
#define MAX_DIRS 64

static agreement *table[MAX_AGREEMENTS];
static atomic_int count;
static pthread_mutex_t adding = PTHREAD_MUTEX_INITIALIZER;
static char *dirs[MAX_DIRS];
static int ndirs;

int reg_count(void)
{
	return atomic_load_explicit(&count, memory_order_acquire);
}

agreement *reg_at(int i)
{
	return i >= 0 && i < reg_count() ? table[i] : NULL;
}

agreement *reg_find(const char *name, size_t n)
{
	int c = reg_count();

	for (int i = 0; i < c; i++)
		if (strlen(table[i]->name) == n
		    && memcmp(table[i]->name, name, n) == 0)
			return table[i];
	return NULL;
}

int reg_unavailable(agreement *a, char *why, size_t cap)
{
	int none;

	if (atomic_load(&a->gone))
		return 0;
	pthread_mutex_lock(&a->lock);
	none = a->cur == NULL;
	if (none)
		snprintf(why, cap, "%s", a->why[0] ? a->why : "no module has loaded yet");
	pthread_mutex_unlock(&a->lock);
	return none;
}

agreement *reg_served(const char *name, size_t n)
{
	agreement *a = reg_find(name, n);

	return a && !atomic_load(&a->gone) ? a : NULL;
}

/* ---- versions ---- */

static const char *outcome_name(int o)
{
	return o == PACTA_GRANT ? "grant" : o == PACTA_REFER ? "refer"
							: "refuse";
}

static void put_str(lp_strbuf *sb, const char *s)
{
	if (s)
		lp_sb_json_string(sb, s, strlen(s));
	else
		lp_sb_puts(sb, "null");
}

static void put_date(lp_strbuf *sb, int has, int64_t d)
{
	char t[16];

	if (!has) {
		lp_sb_puts(sb, "null");
		return;
	}
	lp_date_format(d, t);
	lp_sb_printf(sb, "\"%s\"", t);
}

static const char *const kind_names[] = { "clause", "reservation",
					  "declaration" };
static const char *const bearer_names[] = { NULL, "requesting",
					    "requested" };

/* What `pacta inspect` shows, as JSON: the summary (the entry of the
 * list) and the whole (the agreement's own page). */
static void describe(const agreement *a, const pacta_module *m,
		     lp_strbuf *sb, int whole)
{
	int64_t d = 0;
	int has;

	lp_sb_puts(sb, "{\"name\": ");
	put_str(sb, a->name);
	lp_sb_puts(sb, ", \"title\": ");
	put_str(sb, pacta_module_title(m));
	lp_sb_puts(sb, ", \"version\": ");
	put_str(sb, pacta_module_version(m));
	lp_sb_puts(sb, ", \"source_hash\": ");
	put_str(sb, pacta_module_source_hash(m));
	lp_sb_puts(sb, ", \"signer\": ");
	put_str(sb, *pacta_module_signer(m) ? pacta_module_signer(m) : NULL);
	if (!whole) {
		lp_sb_puts(sb, "}");
		return;
	}
	lp_sb_puts(sb, ", \"file\": ");
	put_str(sb, a->path);
	lp_sb_puts(sb, ", \"source_name\": ");
	put_str(sb, pacta_module_source_name(m));
	lp_sb_puts(sb, ", \"compiler\": ");
	put_str(sb, pacta_module_compiler_version(m));
	lp_sb_printf(sb, ", \"abi\": %d, \"default\": \"%s\"",
		     pacta_abi_version(),
		     outcome_name(pacta_module_default_outcome(m)));
	lp_sb_puts(sb, ", \"default_reason\": ");
	put_str(sb, pacta_module_default_reason(m));
	lp_sb_puts(sb, ", \"parties\": [");
	for (int i = 0; i < pacta_module_party_count(m); i++) {
		lp_sb_puts(sb, i ? ", " : "");
		put_str(sb, pacta_module_party(m, i));
	}
	has = pacta_module_effective(m, &d);
	lp_sb_puts(sb, "], \"effective\": ");
	put_date(sb, has, d);
	has = pacta_module_expires(m, &d);
	lp_sb_puts(sb, ", \"expires\": ");
	put_date(sb, has, d);
	lp_sb_puts(sb, ", \"fields\": [");
	for (int i = 0; i < pacta_field_count(m); i++) {
		const char *def = pacta_field_default_json(m, i);

		lp_sb_puts(sb, i ? ", {\"name\": " : "{\"name\": ");
		put_str(sb, pacta_field_name(m, i));
		lp_sb_puts(sb, ", \"type\": ");
		put_str(sb, pacta_field_type_name(m, i));
		lp_sb_printf(sb, ", \"required\": %s",
			     def ? "false" : "true");
		if (def) {
			lp_sb_puts(sb, ", \"default\": ");
			lp_sb_puts(sb, def);
		}
		if (pacta_field_member_count(m, i) > 0) {
			lp_sb_puts(sb, ", \"members\": [");
			for (int k = 0; k < pacta_field_member_count(m, i); k++) {
				lp_sb_puts(sb, k ? ", " : "");
				put_str(sb, pacta_field_member_name(m, i, k));
			}
			lp_sb_puts(sb, "]");
		}
		lp_sb_puts(sb, "}");
	}
	lp_sb_puts(sb, "], \"obligations\": [");
	for (int i = 0; i < pacta_obligation_count(m); i++) {
		int on = pacta_obligation_outcomes(m, i), first = 1;
		const char *bearer = bearer_names[pacta_obligation_bearer(m, i)
						  % 3];

		lp_sb_puts(sb, i ? ", {\"name\": " : "{\"name\": ");
		put_str(sb, pacta_obligation_name(m, i));
		lp_sb_printf(sb, ", \"flag\": %s, \"on\": [",
			     pacta_obligation_is_flag(m, i) ? "true"
							    : "false");
		for (int o = PACTA_GRANT; o <= PACTA_REFUSE; o++)
			if (on >> o & 1) {
				lp_sb_printf(sb, "%s\"%s\"", first ? "" : ", ",
					     outcome_name(o));
				first = 0;
			}
		lp_sb_puts(sb, "], \"bearer\": ");
		put_str(sb, bearer);
		lp_sb_puts(sb, ", \"description\": ");
		put_str(sb, pacta_obligation_description(m, i));
		lp_sb_puts(sb, "}");
	}
	lp_sb_puts(sb, "], \"clauses\": [");
	for (int i = 0; i < pacta_clause_count(m); i++) {
		lp_sb_puts(sb, i ? ", {\"label\": " : "{\"label\": ");
		put_str(sb, pacta_clause_label(m, i));
		lp_sb_puts(sb, ", \"title\": ");
		put_str(sb, pacta_clause_title(m, i));
		lp_sb_printf(sb, ", \"kind\": \"%s\", \"owner\": ",
			     kind_names[pacta_clause_kind(m, i) % 3]);
		put_str(sb, pacta_clause_owner(m, i));
		lp_sb_puts(sb, ", \"article\": ");
		put_str(sb, pacta_clause_article(m, i));
		lp_sb_puts(sb, ", \"article_title\": ");
		put_str(sb, pacta_clause_article_title(m, i));
		lp_sb_puts(sb, "}");
	}
	lp_sb_puts(sb, "]}");
}

static void version_free(version *v)
{
	pair *p, *next;

	for (p = v->pool; p; p = next) {
		next = p->next;
		pacta_decision_free(p->dec);
		pacta_request_free(p->req);
		free(p);
	}
	pthread_mutex_destroy(&v->lock);
	pacta_module_close(v->mod);
	free(v->info);
	free(v->summary);
	free(v);
}

/* The module at a's path, checked and described; NULL with `err`. */
static version *version_load(const agreement *a, pacta_error *err)
{
	lp_strbuf info = { 0 }, summary = { 0 };
	version *v = calloc(1, sizeof *v);

	if (!v) {
		snprintf(err->message, sizeof err->message, "out of memory");
		return NULL;
	}
	if (pacta_module_open_private(a->path, cfg.trust, &v->mod, err)
	    != PACTA_OK) {
		free(v);
		return NULL;
	}
	describe(a, v->mod, &info, 1);
	describe(a, v->mod, &summary, 0);
	lp_sb_put(&info, "", 1);
	lp_sb_put(&summary, "", 1);
	if (info.failed || summary.failed) {
		lp_sb_free(&info);
		lp_sb_free(&summary);
		pacta_module_close(v->mod);
		free(v);
		snprintf(err->message, sizeof err->message, "out of memory");
		return NULL;
	}
	v->info = info.data;
	v->summary = summary.data;
	pthread_mutex_init(&v->lock, NULL);
	atomic_init(&v->refs, 1);
	return v;
}

version *reg_acquire(agreement *a)
{
	version *v;

	pthread_mutex_lock(&a->lock);
	v = a->cur;
	if (v)
		atomic_fetch_add_explicit(&v->refs, 1, memory_order_relaxed);
	pthread_mutex_unlock(&a->lock);
	return v;
}

void reg_release(version *v)
{
	if (v && atomic_fetch_sub_explicit(&v->refs, 1,
					   memory_order_acq_rel) == 1)
		version_free(v);
}

pair *ver_pair_get(version *v)
{
	pair *p;

	pthread_mutex_lock(&v->lock);
	p = v->pool;
	if (p)
		v->pool = p->next;
	pthread_mutex_unlock(&v->lock);
	if (p)
		return p;
	p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	if (pacta_request_new(v->mod, &p->req) != PACTA_OK
	    || pacta_decision_new(v->mod, &p->dec) != PACTA_OK) {
		pacta_request_free(p->req);
		free(p);
		return NULL;
	}
	return p;
}

void ver_pair_put(version *v, pair *p)
{
	pthread_mutex_lock(&v->lock);
	p->next = v->pool;
	v->pool = p;
	pthread_mutex_unlock(&v->lock);
}

/* (Re)loads a's module; on failure the one serving stays. */
static int load(agreement *a, int first)
{
	pacta_error err = { 0 };
	version *v = version_load(a, &err), *old;

	if (!v) {
		atomic_fetch_add(&a->refused, 1);
		pthread_mutex_lock(&a->lock);
		snprintf(a->why, sizeof a->why, "%s", err.message);
		pthread_mutex_unlock(&a->lock);
		/* a file withdrawn and put back damaged is there again: its
		 * agreement is unavailable (503 with the reason), not unknown */
		atomic_store(&a->gone, 0);
		say("%s: %s refused: %s%s", a->name, first ? "module" : "new module",
		    err.message, a->cur ? "; the module loaded before keeps serving" : "");
		return -1;
	}
	pthread_mutex_lock(&a->lock);
	old = a->cur;
	a->cur = v;
	a->why[0] = '\0';
	pthread_mutex_unlock(&a->lock);
	atomic_store(&a->gone, 0);
	if (!first)
		atomic_fetch_add(&a->reloads, 1);
	if (!cfg.quiet || first)
		say("%s: %s %s (sha256:%s%s%s)", a->name, old ? "reloaded" : "loaded",
		    a->path, pacta_module_source_hash(v->mod),
		    *pacta_module_signer(v->mod) ? ", signed by " : "",
		    pacta_module_signer(v->mod));
	reg_release(old);
	return 0;
}

/* Whether `file` can name an agreement: NAME.so, NAME of letters, digits,
 * '.', '_' and '-'; its length in *n. */
static int module_name(const char *file, size_t *n)
{
	size_t len = strlen(file);

	if (len < 4 || len - 3 >= MAX_NAME || strcmp(file + len - 3, ".so")
	    || file[0] == '.')
		return 0;
	for (size_t i = 0; i < len - 3; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._-", file[i]))
			return 0;
	*n = len - 3;
	return 1;
}

/* A new agreement for the module at dir/file, loaded; NULL if it cannot
 * be named or added (said). */
static agreement *add(const char *dir, const char *file)
{
	agreement *a;
	size_t n;
	char *path;

	if (!module_name(file, &n)) {
		say("%s/%s: not served: a module's file is NAME.so, NAME of "
		    "letters, digits, '.', '_' and '-'", dir, file);
		return NULL;
	}
	if (reg_find(file, n)) {
		say("%s/%s: not served: another module is served as '%.*s'",
		    dir, file, (int)n, file);
		return NULL;
	}
	if (reg_count() == MAX_AGREEMENTS) {
		say("%s/%s: not served: %d agreements at most", dir, file,
		    MAX_AGREEMENTS);
		return NULL;
	}
	a = calloc(1, sizeof *a);
	path = malloc(strlen(dir) + strlen(file) + 2);
	if (!a || !path) {
		free(a);
		free(path);
		say("out of memory");
		return NULL;
	}
	sprintf(path, "%s/%s", dir, file);
	memcpy(a->name, file, n);
	a->path = path;
	pthread_mutex_init(&a->lock, NULL);
	load(a, 1);
	table[reg_count()] = a;
	atomic_store_explicit(&count, reg_count() + 1, memory_order_release);
	return a;
}

static agreement *by_path(const char *dir, const char *file)
{
	size_t dl = strlen(dir);

	for (int i = 0; i < reg_count(); i++) {
		const char *p = table[i]->path;

		if (strncmp(p, dir, dl) == 0 && p[dl] == '/'
		    && strcmp(p + dl + 1, file) == 0)
			return table[i];
	}
	return NULL;
}

static int is_dir(const char *dir)
{
	for (int i = 0; i < ndirs; i++)
		if (strcmp(dirs[i], dir) == 0)
			return 1;
	return 0;
}

/* The .so files of a directory not yet served, added in name order. */
static void scan(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);

	if (n < 0) {
		say("%s: %s", dir, strerror(errno));
		return;
	}
	for (int i = 0; i < n; i++) {
		size_t len;

		if (module_name(names[i]->d_name, &len)
		    && !by_path(dir, names[i]->d_name))
			add(dir, names[i]->d_name);
		free(names[i]);
	}
	free(names);
}

/* Splits a path into its directory (kept) and file name; NULL if out of
 * memory. */
static char *split(const char *path, const char **file)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (!slash) {
		*file = path;
		return strdup(".");
	}
	*file = slash + 1;
	dir = strndup(path, (size_t)(slash - path));
	if (dir && !*dir) {
		free(dir);
		dir = strdup("/");
	}
	return dir;
}

static int watch_dir(const char *dir)
{
	if (is_dir(dir))
		return 0;
	if (ndirs == MAX_DIRS) {
		say("%s: %d directories at most", dir, MAX_DIRS);
		return -1;
	}
	dirs[ndirs] = strdup(dir);
	return dirs[ndirs] ? (ndirs++, 0) : -1;
}

/* File arguments are served alone; their directories are watched for
 * them only (reg_changed looks the path up). */
static char *file_dirs[MAX_DIRS];
static int nfile_dirs;

int reg_start(char **paths, int n)
{
	for (int i = 0; i < n; i++) {
		struct stat st;

		if (stat(paths[i], &st) != 0) {
			say("%s: %s", paths[i], strerror(errno));
			return -1;
		}
		if (S_ISDIR(st.st_mode)) {
			if (watch_dir(paths[i]) != 0)
				return -1;
			scan(paths[i]);
			continue;
		}
		const char *file;
		char *dir = split(paths[i], &file);
		agreement *a;

		if (!dir || nfile_dirs == MAX_DIRS) {
			free(dir);
			say("%s: cannot serve", paths[i]);
			return -1;
		}
		a = add(dir, file);
		if (!a || !a->cur) {
			free(dir);
			return -1;      /* named on the command line: must load */
		}
		file_dirs[nfile_dirs++] = dir;
	}
	return 0;
}

/* a's file is gone: no module, 404 to new calls. */
static void withdraw(agreement *a)
{
	version *old;

	if (atomic_load(&a->gone))
		return;
	pthread_mutex_lock(&a->lock);
	old = a->cur;
	a->cur = NULL;
	pthread_mutex_unlock(&a->lock);
	atomic_store(&a->gone, 1);
	say("%s: withdrawn: %s was removed", a->name, a->path);
	reg_release(old);
}

void reg_removed(const char *dir, const char *name)
{
	agreement *a;

	pthread_mutex_lock(&adding);
	a = by_path(dir, name);
	if (a)
		withdraw(a);
	pthread_mutex_unlock(&adding);
}

void reg_reload_all(void)
{
	struct stat st;

	pthread_mutex_lock(&adding);
	for (int i = 0; i < reg_count(); i++) {
		if (stat(table[i]->path, &st) != 0 && errno == ENOENT)
			withdraw(table[i]);
		else
			load(table[i], 0);
	}
	for (int i = 0; i < ndirs; i++)
		scan(dirs[i]);
	pthread_mutex_unlock(&adding);
}

void reg_changed(const char *dir, const char *name)
{
	agreement *a;
	size_t n;

	pthread_mutex_lock(&adding);
	a = by_path(dir, name);
	if (a)
		load(a, 0);
	else if (is_dir(dir) && module_name(name, &n))
		add(dir, name);
	pthread_mutex_unlock(&adding);
}

int reg_watch_count(void)
{
	return ndirs + nfile_dirs;
}

const char *reg_watch(int i)
{
	return i < ndirs ? dirs[i] : file_dirs[i - ndirs];
}

void reg_stop(void)
{
	for (int i = 0; i < reg_count(); i++) {
		agreement *a = table[i];

		reg_release(a->cur);
		pthread_mutex_destroy(&a->lock);
		free(a->path);
		free(a);
	}
	atomic_store(&count, 0);
	for (int i = 0; i < ndirs; i++)
		free(dirs[i]);
	for (int i = 0; i < nfile_dirs; i++)
		free(file_dirs[i]);
	ndirs = nfile_dirs = 0;
}
