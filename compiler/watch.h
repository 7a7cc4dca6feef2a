/* watch.h — a command again whenever a file it read changes (watch.c). */
#ifndef PACTA_WATCH_H
#define PACTA_WATCH_H

#include "pactac.h"

/* Calls `run` (which names, in `files`, the paths it read, allocated in
 * `ar`), then again after each change to one of them; returns only when
 * nothing can be watched (1). */
int watch_run(int (*run)(void *ctx, vec *files, arena *ar), void *ctx, FILE *out);

#endif
