#include "capset_json.h"
#include "json_str.h"

#include <string.h>

void capset_json_write(struct jw *w, const struct capset *cs)
{
	jw_obj_begin(w);
	jw_key(w, "fs");
	jw_arr_begin(w);
	for (size_t i = 0; i < cs->nfs; i++) {
		const struct fs_cap *c = &cs->fs[i];
		uint8_t src[256];
		struct nbuf s;
		nbuf_init(&s, src, sizeof src);
		if (cap_source_put(&s, c) < 0)
			src[0] = 0;
		jw_obj_begin(w);
		jw_key(w, "original");
		jw_str(w, c->original);
		jw_key(w, "path");
		jw_str(w, c->resolved);
		jw_key(w, "access");
		jw_str(w, cap_access_json(c->access));
		jw_key(w, "is_file");
		jw_bool(w, c->is_file);
		jw_key(w, "source");
		jw_str(w, (char *)src);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "net_blocked");
	jw_bool(w, capset_net_restricted(cs));
	jw_key(w, "allowed_commands");
	jw_arr_begin(w);
	jw_arr_end(w);
	jw_key(w, "blocked_commands");
	jw_arr_begin(w);
	for (size_t i = 0; i < cs->nblocked; i++)
		jw_str(w, cs->blocked_cmds[i]);
	jw_arr_end(w);
	jw_key(w, "bypass_protection_paths");
	jw_arr_begin(w);
	for (size_t i = 0; i < cs->nbypass; i++)
		jw_str(w, cs->bypass[i]);
	jw_arr_end(w);
	jw_key(w, "allowed_domains");
	jw_arr_begin(w);
	jw_arr_end(w);
	jw_obj_end(w);
}

static const char *take_str(const struct json_doc *d, int i,
			    struct nbuf *arena)
{
	size_t n, start = arena->len;
	const uint8_t *s;

	if (!json_is_str(d, i))
		return NULL;
	s = json_str(d, i, &n);
	if (json_unescape(arena, s, n) < 0 || nbuf_putc(arena, 0) < 0) {
		arena->len = start;
		return NULL;
	}
	return (const char *)arena->p + start;
}

/* "user", "profile", "system" or "group:<name>", the name being 1-64
 * characters of [a-z0-9_-] like every policy group's. */
static int source_of(const char *s, uint8_t *src, const char **group)
{
	*group = NULL;
	if (!strcmp(s, "user"))
		*src = SRC_USER;
	else if (!strcmp(s, "profile"))
		*src = SRC_PROFILE;
	else if (!strcmp(s, "system"))
		*src = SRC_SYSTEM;
	else if (!strncmp(s, "group:", 6)) {
		size_t n = strlen(s + 6);
		if (n == 0 || n > 64)
			return -1;
		for (size_t i = 0; i < n; i++) {
			char c = s[6 + i];
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			      c == '_' || c == '-'))
				return -1;
		}
		*src = SRC_GROUP;
		*group = s + 6;
	} else
		return -1;
	return 0;
}

int capset_json_parse(const uint8_t *js, size_t len, jsmntok_t *tok,
		      unsigned ntok, struct capset *cs, struct nbuf *arena)
{
	struct json_doc d;
	struct json_err je;
	int fs, bp, nb, v = 0;

	capset_init(cs);
	if (json_parse(&d, js, len, tok, ntok, &je) < 0 || !json_is_obj(&d, 0) ||
	    (fs = json_obj_get(&d, 0, "fs")) < 0 || !json_is_arr(&d, fs))
		return -1;
	for (int i = fs + 1, k = 0; k < json_count(&d, fs);
	     k++, i = json_skip(&d, i)) {
		struct fs_cap c;
		int o, p, a, f, s, isf;
		const char *src;
		if (!json_is_obj(&d, i))
			return -1;
		o = json_obj_get(&d, i, "original");
		p = json_obj_get(&d, i, "path");
		a = json_obj_get(&d, i, "access");
		f = json_obj_get(&d, i, "is_file");
		s = json_obj_get(&d, i, "source");
		if (o < 0 || p < 0 || a < 0 || f < 0 || s < 0 ||
		    json_get_bool(&d, f, &isf) < 0)
			return -1;
		c.original = take_str(&d, o, arena);
		c.resolved = take_str(&d, p, arena);
		src = take_str(&d, s, arena);
		if (!c.original || !c.resolved || !src ||
		    source_of(src, &c.source, &c.group) < 0)
			return -1;
		c.access = json_str_eq(&d, a, "read") ? CAP_READ
			   : json_str_eq(&d, a, "write") ? CAP_WRITE
			   : json_str_eq(&d, a, "readwrite") ? CAP_RW : 0;
		c.is_file = (uint8_t)isf;
		c.ftype = isf ? FT_REG : FT_DIR;
		if (c.resolved[0] != '/' || capset_add_fs(cs, &c) < 0)
			return -1;
	}
	nb = json_obj_get(&d, 0, "net_blocked");
	if (nb < 0 || json_get_bool(&d, nb, &v) < 0)
		return -1;
	cs->net = v ? NET_BLOCKED : NET_ALLOW_ALL;
	bp = json_obj_get(&d, 0, "bypass_protection_paths");
	if (bp >= 0) {
		if (!json_is_arr(&d, bp))
			return -1;
		for (int i = bp + 1, k = 0; k < json_count(&d, bp);
		     k++, i = json_skip(&d, i)) {
			const char *s = take_str(&d, i, arena);
			if (!s || cs->nbypass >= CAPSET_BYPASS_MAX)
				return -1;
			cs->bypass[cs->nbypass++] = s;
		}
	}
	return 0;
}
