/*
 * One-line error messages for the store layer and the CLI. A function that
 * fails fills an err with a complete sentence naming the operation, the
 * path and the cause, and returns -1; the CLI prints it as "nono: <msg>".
 */
#ifndef NONO_ERR_H
#define NONO_ERR_H

#include <stddef.h>

struct err {
	char msg[1024];
};

/* Formats into e->msg (newlines and control characters replaced by
 * spaces so the message stays one line) and returns -1. */
int errf(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Same, appending ": <strerror(errno)>". */
int errf_sys(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
