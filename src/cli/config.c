/*
 * config.toml (spec/config.md): the strict TOML reader of the core, then
 * each known key checked for its type.
 */
#include "config.h"

#include "fsutil.h"
#include "paths.h"
#include "toml.h"
#include "ui.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONFIG_MAX_BYTES (1u << 20)

static uint8_t arena_mem[1 << 20];
static struct nbuf arena;

struct ctx {
	struct user_config *c;
	const char *shown;
	const struct toml_kv *kv;
	struct err *e;
	int unsafe_overrides;
	const struct toml_kv *unredacted;    /* applied at the end */
	struct toml_kv unredacted_copy;
};

static int bad(struct ctx *x, const char *what)
{
	return errf(x->e, "%s:%zu: '%s%s%s' %s", x->shown, x->kv->line,
		    x->kv->table, x->kv->table[0] ? "." : "", x->kv->key, what);
}

static int want(struct ctx *x, uint8_t type)
{
	static const char *const NAMES[] = { "", "must be a string",
		"must be an integer", "must be a number", "must be true or false",
		"must be an array of strings" };
	if (x->kv->type == type ||
	    (type == TV_FLOAT && x->kv->type == TV_INT))
		return 0;
	return bad(x, NAMES[type]);
}

/* trimmed, lower case, in the arena */
static const char *normal(const char *s)
{
	size_t n = strlen(s), a = 0;
	char *o;

	while (a < n && isspace((unsigned char)s[a]))
		a++;
	while (n > a && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == a || !(o = nbuf_alloc(&arena, n - a + 1, 1)))
		return NULL;
	for (size_t i = a; i < n; i++)
		o[i - a] = (char)tolower((unsigned char)s[i]);
	o[n - a] = 0;
	return o;
}

static int names(struct ctx *x, enum scrub_kind k, int remove)
{
	if (want(x, TV_ARR) < 0)
		return -1;
	for (size_t i = 0; i < x->kv->nitems; i++) {
		const char *s;
		if (x->kv->items[i].type != TV_STR)
			return bad(x, "must be an array of strings");
		if (!(s = normal(x->kv->items[i].str)))
			return bad(x, "holds an empty name");
		if (remove) {
			for (int j = 0; j < SCRUB_NKINDS; j++)
				scrub_policy_remove(&x->c->redaction,
						    (enum scrub_kind)j, s);
		} else if (scrub_policy_add(&x->c->redaction, k, s) < 0) {
			return bad(x, "holds too many names");
		}
	}
	return 0;
}

static int redaction(struct ctx *x)
{
	static const char *const K[] = { "extra_flags", "extra_headers",
		"extra_query_keys", "extra_env_vars" };
	const char *k = x->kv->key;

	for (int i = 0; i < 4; i++)
		if (!strcmp(k, K[i]))
			return names(x, (enum scrub_kind)i, 0);
	if (!strcmp(k, "unsafe_redaction_overrides")) {
		if (want(x, TV_BOOL) < 0)
			return -1;
		x->unsafe_overrides = (int)x->kv->v.num;
		return 0;
	}
	if (!strcmp(k, "allow_unredacted_defaults")) {
		if (want(x, TV_ARR) < 0)
			return -1;
		x->unredacted_copy = *x->kv;
		x->unredacted = &x->unredacted_copy;
		return 0;
	}
	return 1;
}

static int integer(struct ctx *x, long long *v)
{
	if (want(x, TV_INT) < 0)
		return -1;
	if (x->kv->v.num < 0)
		return bad(x, "must not be negative");
	*v = x->kv->v.num;
	return 0;
}

/* 0 handled, 1 unknown, -1 error */
static int one(struct ctx *x)
{
	const char *t = x->kv->table, *k = x->kv->key;
	struct user_config *c = x->c;

	if (!strcmp(t, "ui")) {
		const char **dst = !strcmp(k, "theme") ? &c->theme
				   : !strcmp(k, "detach_sequence")
				   ? &c->detach_sequence : NULL;
		if (!dst)
			return 1;
		if (want(x, TV_STR) < 0)
			return -1;
		*dst = x->kv->v.str;
		return 0;
	}
	if (!strcmp(t, "redaction"))
		return redaction(x);
	if (!strcmp(t, "rollback") || !strcmp(t, "undo")) {
		if (!strcmp(k, "max_sessions"))
			return integer(x, &c->rb_max_sessions);
		if (!strcmp(k, "max_snapshots"))
			return integer(x, &c->rb_max_snapshots);
		if (!strcmp(k, "stale_grace_hours"))
			return integer(x, &c->rb_stale_grace_hours);
		if (!strcmp(k, "max_storage_gb")) {
			if (want(x, TV_FLOAT) < 0)
				return -1;
			c->rb_max_storage_gb = x->kv->type == TV_INT
				? (double)x->kv->v.num
				: strtod(x->kv->v.raw, NULL);
			if (!(c->rb_max_storage_gb >= 0))
				return bad(x, "must not be negative");
			return 0;
		}
		return 1;
	}
	if (!strcmp(t, "updates")) {
		if (strcmp(k, "check"))
			return 1;
		if (want(x, TV_BOOL) < 0)
			return -1;
		c->updates_check = (int)x->kv->v.num;
		return 0;
	}
	if (!strcmp(t, "meta"))
		return strcmp(k, "version") ? 1 : 0;
	/* legacy tables, accepted as they are */
	if (!strcmp(t, "overrides") || !strncmp(t, "overrides.", 10) ||
	    !strcmp(t, "extensions") || !strncmp(t, "extensions.", 11) ||
	    !strcmp(t, "trusted_keys") || !strncmp(t, "trusted_keys.", 13))
		return 0;
	return 1;
}

int config_parse(struct user_config *c, const uint8_t *text, size_t n,
		 const char *shown, struct err *e)
{
	static struct toml t;
	static struct toml_kv kv;
	struct ctx x = { c, shown, &kv, e, 0, NULL, { .line = 0 } };
	int rc;

	memset(c, 0, sizeof *c);
	c->rb_max_sessions = 10;
	c->rb_max_storage_gb = 5.0;
	c->rb_max_snapshots = 100;
	c->rb_stale_grace_hours = 24;
	c->updates_check = 1;
	scrub_policy_default(&c->redaction);
	nbuf_init(&arena, arena_mem, sizeof arena_mem);
	toml_init(&t, text, n, &arena);
	while ((rc = toml_next(&t, &kv)) == 1) {
		int r = one(&x);
		if (r < 0)
			return -1;
		if (r > 0 && !ui.silent)
			fprintf(stderr, "nono: warning: %s:%zu: unknown key "
				"'%s%s%s' ignored\n", shown, kv.line, kv.table,
				kv.table[0] ? "." : "", kv.key);
	}
	if (rc < 0)
		return errf(e, "%s:%zu: %s", shown, t.err_line, t.err);
	if (x.unredacted) {
		x.kv = x.unredacted;
		if (!x.unsafe_overrides)
			return bad(&x, "requires unsafe_redaction_overrides = "
				   "true");
		if (names(&x, SCRUB_FLAGS, 1) < 0)
			return -1;
	}
	return 0;
}

const struct user_config *config_get(struct err *e)
{
	static struct user_config c;
	static int loaded;
	static uint8_t *text;    /* kept: values point into the arena only */
	char path[PATH_MAX];
	size_t n = 0;
	int rc;

	if (loaded)
		return &c;
	rc = config_file("config.toml", path) < 0 ? 1
	     : read_path(path, CONFIG_MAX_BYTES, &text, &n, e);
	if (rc < 0)
		return NULL;
	if (rc > 0) {            /* no file: the defaults */
		config_parse(&c, (const uint8_t *)"", 0, "config.toml", e);
	} else {
		rc = config_parse(&c, text, n, path, e);
		free(text);
		if (rc < 0)
			return NULL;
	}
	loaded = 1;
	return &c;
}
