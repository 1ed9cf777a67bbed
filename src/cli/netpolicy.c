/* The embedded network policy (spec/profiles.md §9). */
#include "netpolicy.h"

#include "builtin_data.h"
#include "json_read.h"
#include "json_str.h"

#include <stdlib.h>
#include <string.h>

static struct json_doc doc;
static uint8_t arena_mem[1 << 16];
static struct nbuf arena;

static int load(void)
{
	static int state;       /* 0 not yet, 1 ok, -1 broken */
	static jsmntok_t *tok;
	struct json_err je;
	size_t nt;

	if (state)
		return state;
	nt = json_tokens_for(builtin_network_policy.len);
	nbuf_init(&arena, arena_mem, sizeof arena_mem);
	if (!(tok = calloc(nt, sizeof *tok)) ||
	    json_parse(&doc, builtin_network_policy.text,
		       builtin_network_policy.len, tok, (unsigned)nt, &je) < 0)
		return state = -1;
	return state = 1;
}

static const char *take(int i)
{
	size_t n, start = arena.len;
	const uint8_t *s;

	if (!json_is_str(&doc, i))
		return NULL;
	s = json_str(&doc, i, &n);
	if (json_unescape(&arena, s, n) < 0 || nbuf_putc(&arena, 0) < 0) {
		arena.len = start;
		return NULL;
	}
	return (const char *)arena.p + start;
}

static int profile_tok(const char *name)
{
	int p;

	if (load() < 0 || (p = json_obj_get(&doc, 0, "network_profiles")) < 0)
		return -1;
	return json_obj_get(&doc, p, name);
}

int netpolicy_has_profile(const char *name)
{
	return profile_tok(name) >= 0;
}

int netpolicy_profile_hosts(const char *name, const char **out, size_t cap,
			    size_t *n, struct err *e)
{
	int p = profile_tok(name), groups, i, k;

	if (p < 0 || !json_is_arr(&doc, p))
		return errf(e, "unknown network profile '%s'", name);
	groups = json_obj_get(&doc, 0, "host_groups");
	for (k = 0, i = p + 1; k < json_count(&doc, p);
	     k++, i = json_skip(&doc, i)) {
		const char *g = take(i);
		int h, j, m;
		if (!g || (h = json_obj_get(&doc, groups, g)) < 0)
			return errf(e, "network profile '%s' names an unknown "
				    "host group", name);
		for (m = 0, j = h + 1; m < json_count(&doc, h);
		     m++, j = json_skip(&doc, j)) {
			const char *host = take(j);
			if (!host || *n >= cap)
				return errf(e, "network profile '%s' is too "
					    "large", name);
			out[(*n)++] = host;
		}
	}
	return 0;
}

int netpolicy_group_hosts(const char *name, const char **out, size_t cap,
			  size_t *n, struct err *e)
{
	int groups, h, j, m;

	if (load() < 0 || (groups = json_obj_get(&doc, 0, "host_groups")) < 0 ||
	    (h = json_obj_get(&doc, groups, name)) < 0)
		return 0;
	for (m = 0, j = h + 1; m < json_count(&doc, h);
	     m++, j = json_skip(&doc, j)) {
		const char *host = take(j);
		if (!host || *n >= cap)
			return errf(e, "host group '%s' is too large", name);
		out[(*n)++] = host;
	}
	return 1;
}
