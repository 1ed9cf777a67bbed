#include "cap_state.h"
#include "fsutil.h"
#include "json_read.h"
#include "json_str.h"
#include "json_write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#define STATE_MAX (1u << 20)

static void put(struct jw *w, const struct capset *cs)
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

int cap_state_write(const struct capset *cs, char path[PATH_MAX],
		    struct err *e)
{
	static uint8_t buf[STATE_MAX];
	const char *tmp = getenv("TMPDIR");
	uint8_t rnd[8];
	struct nbuf b;
	struct jw w;
	int fd;

	if (!tmp || tmp[0] != '/')
		tmp = "/tmp";
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		return errf_sys(e, "getrandom failed");
	if ((size_t)snprintf(path, PATH_MAX, "%s/.nono-%02x%02x%02x%02x%02x"
			     "%02x%02x%02x.json", tmp, rnd[0], rnd[1], rnd[2],
			     rnd[3], rnd[4], rnd[5], rnd[6], rnd[7]) >= PATH_MAX)
		return errf(e, "TMPDIR is too long");
	nbuf_init(&b, buf, sizeof buf);
	jw_init(&w, &b, 0);
	put(&w, cs);
	if (jw_finish(&w) != JW_OK)
		return errf(e, "the capability state is too large to record "
			    "(or holds a path that is not UTF-8)");
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		  0600);
	if (fd < 0)
		return errf_sys(e, "cannot create %s", path);
	if (write_all(fd, b.p, b.len, -1, path, e) < 0) {
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
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
		*src = SRC_GROUP;
		*group = s + 6;
	} else
		return -1;
	return 0;
}

int cap_state_read(const char *path, struct capset *cs, struct nbuf *arena,
		   struct err *e)
{
	static jsmntok_t tok[65536];
	uint8_t *data = NULL;
	size_t len;
	int missing, fs, bl, bp;
	struct json_doc d;
	struct json_err je;

	capset_init(cs);
	if (read_file_at(AT_FDCWD, path, path, STATE_MAX, &data, &len,
			 &missing, e) < 0)
		return -1;
	if (missing)
		return errf(e, "SECURITY: capability state file %s does not "
			    "exist", path);
	if (json_parse(&d, data, len, tok, sizeof tok / sizeof *tok, &je) < 0 ||
	    !json_is_obj(&d, 0) || (fs = json_obj_get(&d, 0, "fs")) < 0 ||
	    !json_is_arr(&d, fs))
		goto bad;
	for (int i = fs + 1, k = 0; k < json_count(&d, fs);
	     k++, i = json_skip(&d, i)) {
		struct fs_cap c;
		int o = json_obj_get(&d, i, "original"),
		    p = json_obj_get(&d, i, "path"),
		    a = json_obj_get(&d, i, "access"),
		    f = json_obj_get(&d, i, "is_file"),
		    s = json_obj_get(&d, i, "source"), isf;
		const char *src;
		if (o < 0 || p < 0 || a < 0 || f < 0 || s < 0 ||
		    json_get_bool(&d, f, &isf) < 0)
			goto bad;
		c.original = take_str(&d, o, arena);
		c.resolved = take_str(&d, p, arena);
		src = take_str(&d, s, arena);
		if (!c.original || !c.resolved || !src ||
		    source_of(src, &c.source, &c.group) < 0)
			goto bad;
		c.access = json_str_eq(&d, a, "read") ? CAP_READ
			   : json_str_eq(&d, a, "write") ? CAP_WRITE
			   : json_str_eq(&d, a, "readwrite") ? CAP_RW : 0;
		c.is_file = (uint8_t)isf;
		c.ftype = isf ? FT_REG : FT_DIR;
		if (c.resolved[0] != '/' || capset_add_fs(cs, &c) < 0)
			goto bad;
	}
	{
		int nb = json_obj_get(&d, 0, "net_blocked"), v = 0;
		if (nb < 0 || json_get_bool(&d, nb, &v) < 0)
			goto bad;
		cs->net = v ? NET_BLOCKED : NET_ALLOW_ALL;
	}
	bl = json_obj_get(&d, 0, "blocked_commands");
	bp = json_obj_get(&d, 0, "bypass_protection_paths");
	if (bp >= 0 && json_is_arr(&d, bp))
		for (int i = bp + 1, k = 0; k < json_count(&d, bp);
		     k++, i = json_skip(&d, i)) {
			const char *s = take_str(&d, i, arena);
			if (!s || cs->nbypass >= CAPSET_BYPASS_MAX)
				goto bad;
			cs->bypass[cs->nbypass++] = s;
		}
	(void)bl;
	free(data);
	return 0;
bad:
	free(data);
	return errf(e, "SECURITY: capability state file %s is not valid",
		    path);
}
