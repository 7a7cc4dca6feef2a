/*
 * arena.c — memory for one compilation: a bump arena freed all at once,
 * growable pointer vectors, and interned names (equal names compare by
 * pointer).  The compiler may stop on out-of-memory; the runtime never does.
 */
#include <stdlib.h>
#include <string.h>

#include "pactac.h"

#define ARENA_BLOCK (64 * 1024)

typedef struct block {
	struct block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
} block;

struct arena {
	block *head;
};

static void oom(void)
{
	fputs("pacta: out of memory\n", stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

arena *arena_new(void)
{
	return xcalloc(1, sizeof(arena));
}

void arena_free(arena *a)
{
	if (!a)
		return;
	for (block *b = a->head, *n; b; b = n) {
		n = b->next;
		free(b);
	}
	free(a);
}

void *arena_alloc(arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = xmalloc(sizeof(block) + size);
		b->size = size;
		b->used = 0;
		/* A large one-off block goes behind the current one so the
		 * current block's free space is not wasted. */
		if (a->head && size > ARENA_BLOCK) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* Vectors grow inside the arena: the old array is simply abandoned, which
 * costs at most as much again and spares every owner a free. */
void vec_push(arena *a, vec *v, void *p)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void **items = arena_alloc(a, cap * sizeof(void *));
		if (v->len)
			memcpy(items, v->items, v->len * sizeof(void *));
		v->items = items;
		v->cap = cap;
	}
	v->items[v->len++] = p;
}

/* Open addressing over FNV-1a hashes; names live in the arena. */
struct interner {
	arena *ar;
	const char **slots;
	size_t cap, len;
};

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

interner *intern_new(arena *a)
{
	interner *in = xcalloc(1, sizeof *in);
	in->ar = a;
	in->cap = 1024;
	in->slots = xcalloc(in->cap, sizeof(char *));
	return in;
}

void intern_free(interner *in)
{
	if (!in)
		return;
	free(in->slots);
	free(in);
}

static void intern_grow(interner *in)
{
	size_t cap = in->cap * 2;
	const char **slots = xcalloc(cap, sizeof(char *));
	for (size_t i = 0; i < in->cap; i++) {
		const char *s = in->slots[i];
		if (!s)
			continue;
		size_t j = fnv1a(s, strlen(s)) & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = s;
	}
	free(in->slots);
	in->slots = slots;
	in->cap = cap;
}

const char *intern(interner *in, const char *s, size_t n)
{
	if (2 * (in->len + 1) > in->cap)
		intern_grow(in);
	size_t j = fnv1a(s, n) & (in->cap - 1);
	for (;;) {
		const char *t = in->slots[j];
		if (!t)
			break;
		if (strncmp(t, s, n) == 0 && t[n] == 0)
			return t;
		j = (j + 1) & (in->cap - 1);
	}
	const char *t = arena_strndup(in->ar, s, n);
	in->slots[j] = t;
	in->len++;
	return t;
}

const char *intern_str(interner *in, const char *s)
{
	return intern(in, s, strlen(s));
}
