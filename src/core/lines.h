/*
 * Push-style NDJSON framing shared by the streaming verifiers
 * (spec/json.md §6): every line ends with '\n', none is empty, none is
 * longer than `max` bytes, and input ends right after a '\n'.
 * Complete lines inside a pushed chunk are handed over in place; only a
 * line split across pushes is copied into the caller's buffer.
 */
#ifndef NONO_LINES_H
#define NONO_LINES_H

#include <stddef.h>
#include <stdint.h>

enum lines_err { LINES_OK = 0, LINES_TOO_LONG, LINES_EMPTY, LINES_INCOMPLETE,
		 LINES_REJECTED };

typedef int (*lines_fn)(void *ctx, const uint8_t *line, size_t n);

struct lines {
	uint8_t *buf;     /* carries a partial line; cap >= max */
	size_t cap;
	size_t max;
	size_t blen;
	uint64_t done;    /* complete lines handed over */
	int err;          /* enum lines_err; sticky */
};

void lines_init(struct lines *l, uint8_t *buf, size_t cap, size_t max);
/* Hands each complete line to fn; fn returning -1 stops with
 * LINES_REJECTED. Returns 0 or -1 (l->err). The failing line's number is
 * l->done + 1. */
int lines_push(struct lines *l, const uint8_t *data, size_t n, lines_fn fn,
	       void *ctx);
/* End of input: -1 (LINES_INCOMPLETE) if a partial line remains. */
int lines_finish(struct lines *l);

#endif
