#include "lines.h"

#include <string.h>

void lines_init(struct lines *l, uint8_t *buf, size_t cap, size_t max)
{
	l->buf = buf;
	l->cap = cap;
	l->max = max < cap ? max : cap;
	l->blen = 0;
	l->done = 0;
	l->err = LINES_OK;
}

static int one(struct lines *l, const uint8_t *p, size_t n, lines_fn fn,
	       void *ctx)
{
	if (n == 0)
		l->err = LINES_EMPTY;
	else if (n > l->max)
		l->err = LINES_TOO_LONG;
	else if (fn(ctx, p, n) < 0)
		l->err = LINES_REJECTED;
	if (l->err)
		return -1;
	l->done++;
	return 0;
}

int lines_push(struct lines *l, const uint8_t *data, size_t n, lines_fn fn,
	       void *ctx)
{
	if (l->err)
		return -1;
	while (n > 0) {
		const uint8_t *nl = memchr(data, '\n', n);
		size_t take = nl ? (size_t)(nl - data) : n;

		if (l->blen == 0 && nl) {
			if (one(l, data, take, fn, ctx) < 0)
				return -1;
		} else {
			if (take > l->max - l->blen) {
				l->err = LINES_TOO_LONG;
				return -1;
			}
			memcpy(l->buf + l->blen, data, take);
			l->blen += take;
			if (!nl)
				return 0;
			if (one(l, l->buf, l->blen, fn, ctx) < 0)
				return -1;
			l->blen = 0;
		}
		data += take + 1;
		n -= take + 1;
	}
	return 0;
}

int lines_finish(struct lines *l)
{
	if (l->err)
		return -1;
	if (l->blen) {
		l->err = LINES_INCOMPLETE;
		return -1;
	}
	return 0;
}
