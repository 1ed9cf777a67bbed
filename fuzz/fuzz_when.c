/*
 * `when` predicates and os-release parsing (src/core/when.c). The input
 * is both an os-release text and, after it, a predicate. Properties:
 * when_match is -1, 0 or 1; '!' negates exactly; os_release_parse keeps
 * its strings inside buf, NUL-terminated, and never fails on a big buf.
 */
#include "fuzz.h"

#include "when.h"

#include <string.h>

static char buf[1 << 16], neg[4097];

static int inside(const char *s)
{
	return !s || (s >= buf && s < buf + sizeof buf &&
		      memchr(s, 0, (size_t)(buf + sizeof buf - s)));
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct os_facts os;
	const uint8_t *bar;
	const char *pred;
	size_t pn, tn;
	int r;

	if (n > 4096)
		return 0;
	/* os-release text up to the first '|', the predicate after it */
	bar = memchr(d, '|', n);
	tn = bar ? (size_t)(bar - d) : n;
	pred = bar ? (const char *)bar + 1 : (const char *)d;
	pn = bar ? n - tn - 1 : n;
	PROPERTY(os_release_parse((const char *)d, tn, &os, buf,
				  sizeof buf) == 0);
	PROPERTY(inside(os.id) && inside(os.id_like) &&
		 inside(os.version_id) && inside(os.variant_id));
	r = when_match(pred, pn, &os);
	PROPERTY(r >= -1 && r <= 1);
	PROPERTY(when_match(pred, pn, NULL) >= -1);
	if (r >= 0 && (pn == 0 || pred[0] != '!')) {
		neg[0] = '!';
		memcpy(neg + 1, pred, pn);
		PROPERTY(when_match(neg, pn + 1, &os) == !r);
	}
	return 0;
}
