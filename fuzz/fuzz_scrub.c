/* Redaction of untrusted argv (NUL-separated input): never crashes,
 * output strings are NUL-terminated inside the arena, and redaction is
 * idempotent. */
#include "fuzz.h"
#include "scrub.h"

#include <string.h>

static char in[4096 + 1];
static uint8_t arena[1 << 16], arena2[1 << 16];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *argv[64], *o1[64], *o2[64];
	struct scrub_policy p;
	struct nbuf a, b;
	size_t n = 0, i = 0;

	if (size > 4096)
		return 0;
	memcpy(in, data, size);
	in[size] = 0;
	while (i <= size && n < 64) {
		argv[n++] = in + i;
		i += strlen(in + i) + 1;
	}
	scrub_policy_default(&p);
	nbuf_init(&a, arena, sizeof arena);
	if (scrub_argv(&p, argv, n, o1, &a) < 0)
		return 0;
	nbuf_init(&b, arena2, sizeof arena2);
	PROPERTY(scrub_argv(&p, o1, n, o2, &b) == 0);
	for (size_t k = 0; k < n; k++)
		PROPERTY(strcmp(o1[k], o2[k]) == 0);
	return 0;
}
