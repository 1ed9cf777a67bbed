/*
 * The profile loader of the core (src/core/profile_parse.c, jsonc.c,
 * profile_merge.c). Properties: whatever parses is bounded, every string
 * is NUL-free within its length; merging a profile with itself changes no
 * list; the effective groups never repeat a name; on error the arena is as
 * before.
 */
#include "fuzz.h"

#include "profile.h"
#include "when.h"

#include <string.h>

static uint8_t mem[1 << 22];
static struct profile p, m;
static const struct os_facts os = { "debian", "linux", "12", NULL };
static const struct plist DEF = { { "deny_credentials", "system_read" }, 2 };
static const struct plist REQ = { { "deny_credentials" }, 1 };

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct nbuf arena;
	struct prof_err e;
	struct plist g;
	size_t before;

	if (n > (1u << 18))
		return 0;
	nbuf_init(&arena, mem, sizeof mem);
	before = arena.len;
	if (profile_parse(&p, d, n, &os, &arena, &e) < 0) {
		PROPERTY(arena.len == before && e.msg[0]);
		PROPERTY(memchr(e.msg, 0, sizeof e.msg));
		return 0;
	}
	PROPERTY(arena.len <= arena.cap);
	for (int k = 0; k < PF_NLISTS; k++) {
		PROPERTY(p.fs[k].n <= PROF_LIST_MAX);
		for (uint16_t i = 0; i < p.fs[k].n; i++)
			PROPERTY(p.fs[k].v[i] != NULL);
	}
	PROPERTY(profile_merge(&m, &p, &p, &e) == 0);
	for (int k = 0; k < PF_NLISTS; k++)
		PROPERTY(m.fs[k].n == p.fs[k].n);
	PROPERTY(m.groups_include.n == p.groups_include.n);
	PROPERTY(m.workdir == p.workdir && m.net_block == p.net_block);
	if (profile_groups(&p, &DEF, &REQ, &g, &e) == 0)
		for (uint16_t i = 0; i < g.n; i++)
			for (uint16_t k = i + 1; k < g.n; k++)
				PROPERTY(strcmp(g.v[i], g.v[k]) != 0);
	return 0;
}
