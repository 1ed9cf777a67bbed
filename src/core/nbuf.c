#include "nbuf.h"

void nbuf_init(struct nbuf *b, uint8_t *mem, size_t cap)
{
	b->p = mem;
	b->cap = cap;
	b->len = 0;
}

size_t nbuf_room(const struct nbuf *b)
{
	return b->cap - b->len;
}

int nbuf_put(struct nbuf *b, const void *src, size_t n)
{
	const uint8_t *s = src;
	size_t base;

	if (n > b->cap - b->len)
		return -1;
	base = b->len;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; 0 <= k < i ==> b->p[base + k] == s[k];
	    loop assigns i, b->p[base .. base + n - 1];
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++)
		b->p[base + i] = s[i];
	b->len = base + n;
	return 0;
}

int nbuf_putc(struct nbuf *b, uint8_t c)
{
	if (b->len >= b->cap)
		return -1;
	b->p[b->len] = c;
	b->len++;
	return 0;
}

void *nbuf_alloc(struct nbuf *b, size_t n, size_t align)
{
	uintptr_t at = (uintptr_t)(b->p + b->len);
	/* Not the usual mask: the same value for a power of two, and
	 * plain arithmetic for the proof (this is not a hot path). */
	size_t pad = (size_t)((align - at % align) % align);

	if (pad > b->cap - b->len || n > b->cap - b->len - pad)
		return 0;
	b->len += pad + n;
	return b->p + b->len - n;
}
