/*
 * The TOML reader (src/core/toml.c). Properties: it ends (0) or fails
 * (-1) within a bounded number of steps and stays failed; every decoded
 * string is valid UTF-8 without NUL; error lines lie within the input.
 */
#include "fuzz.h"

#include "toml.h"
#include "utf8.h"

#include <string.h>

static uint8_t mem[1 << 20];
static struct toml t;
static struct toml_kv kv;

static void check(const struct toml_item *it)
{
	if (it->type == TV_STR)
		PROPERTY(utf8_valid((const uint8_t *)it->str, strlen(it->str)));
	PROPERTY(it->type >= TV_STR && it->type <= TV_BOOL);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct nbuf arena;
	size_t lines = 1, steps = 0;
	int rc;

	for (size_t i = 0; i < n; i++)
		lines += d[i] == '\n';
	nbuf_init(&arena, mem, sizeof mem);
	toml_init(&t, d, n, &arena);
	while ((rc = toml_next(&t, &kv)) == 1) {
		PROPERTY(++steps <= n);
		PROPERTY(kv.line >= 1 && kv.line <= lines);
		PROPERTY(kv.key[0]);
		if (kv.type == TV_ARR)
			for (size_t i = 0; i < kv.nitems; i++)
				check(&kv.items[i]);
		else
			check(&kv.v);
	}
	if (rc < 0) {
		PROPERTY(t.err[0] && t.err_line >= 1 && t.err_line <= lines);
		PROPERTY(toml_next(&t, &kv) == -1);
	}
	return 0;
}
