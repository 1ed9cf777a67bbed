/*
 * Capability manifests: parse and write (spec/manifest.md).
 */
#include "manifest.h"

#include "json_str.h"

#include <string.h>

struct mctx {
	struct json_doc d;
	struct nbuf *arena;
	struct manifest *m;
	struct prof_err *e;
};

static const char *const ACCESS[] = { "read", "write", "readwrite", 0 };
static const char *const FTYPE[] = { "directory", "file", 0 };
static const char *const SCOPE[] = { "file", "dir-children", "dir-subtree",
				     0 };
static const char *const NETMODE[] = { "unrestricted", "blocked", "proxy",
				       0 };
static const char *const SIGMODE[] = { "isolated", "allow_same_sandbox",
				       "allow_all", 0 };
static const char *const IPCMODE[] = { "shared_memory_only", "full", 0 };

/* ---- messages ---- */

static void put(struct nbuf *b, const char *s, size_t n)
{
	if (n > nbuf_room(b))
		n = nbuf_room(b);
	(void)nbuf_put(b, s, n);
}

static int fail(struct mctx *c, int tok, const char *a, const char *key,
		const char *b)
{
	return prof_fail(c->e, &c->d, tok, a, key, b);
}

/* ---- values ---- */

/* Unknown keys of object obj (path names it), then required ones. */
static int check_keys(struct mctx *c, int obj, const char *path,
		      const char *const *keys, size_t nkeys, unsigned req)
{
	char name[96];
	size_t n, start;
	const uint8_t *s;
	int u;

	if (!json_is_obj(&c->d, obj))
		return fail(c, obj, "", path, " must be an object");
	u = json_obj_unknown_key(&c->d, obj, keys, nkeys);
	if (u >= 0) {
		struct nbuf b;
		nbuf_init(&b, (uint8_t *)name, sizeof name - 1);
		if (path[0]) {
			put(&b, path, strlen(path));
			put(&b, ".", 1);
		}
		s = json_str(&c->d, u, &n);     /* as written, escapes kept */
		start = b.len;
		put(&b, (const char *)s, n);
		for (size_t k = start; k < b.len; k++)
			if ((uint8_t)name[k] < 0x20 || name[k] == 0x7f)
				name[k] = '?';
		name[b.len] = 0;
		return fail(c, u, "unknown key ", name, "");
	}
	for (size_t i = 0; i < nkeys; i++)
		if ((req >> i & 1u) && json_obj_get(&c->d, obj, keys[i]) < 0) {
			struct nbuf b;
			nbuf_init(&b, (uint8_t *)name, sizeof name - 1);
			if (path[0]) {
				put(&b, path, strlen(path));
				put(&b, ".", 1);
			}
			put(&b, keys[i], strlen(keys[i]));
			name[b.len] = 0;
			return fail(c, obj, "missing key ", name, "");
		}
	return 0;
}

/* A non-empty string without control characters, unescaped into the
 * arena (NUL-terminated). */
static const char *take_str(struct mctx *c, int i, const char *key)
{
	size_t n, start = c->arena->len;
	const uint8_t *s;
	const char *r;

	if (!json_is_str(&c->d, i)) {
		fail(c, i, "", key, " must be a string");
		return NULL;
	}
	s = json_str(&c->d, i, &n);
	if (json_unescape(c->arena, s, n) < 0 || nbuf_putc(c->arena, 0) < 0) {
		c->arena->len = start;
		fail(c, i, "", key, ": manifest too large");
		return NULL;
	}
	r = (const char *)c->arena->p + start;
	n = c->arena->len - start - 1;
	if (n == 0) {
		fail(c, i, "", key, " must not be empty");
		return NULL;
	}
	if (n >= 4096) {
		fail(c, i, "", key, " is too long (at most 4095 bytes)");
		return NULL;
	}
	for (size_t k = 0; k < n; k++)
		if ((unsigned char)r[k] < 0x20 || r[k] == 0x7f) {
			fail(c, i, "", key, " contains a control character");
			return NULL;
		}
	return r;
}

/* Index of the string token i in names[] (NULL-terminated), or -1. */
static int take_enum(struct mctx *c, int i, const char *key,
		     const char *const *names, const char *expect)
{
	if (json_is_str(&c->d, i))
		for (int k = 0; names[k]; k++)
			if (json_str_eq(&c->d, i, names[k]))
				return k;
	return fail(c, i, "", key, expect);
}

static int take_strs(struct mctx *c, int i, const char *key,
		     const char **v, size_t *n, size_t max)
{
	int k, j;

	if (!json_is_arr(&c->d, i))
		return fail(c, i, "", key, " must be an array of strings");
	for (k = 0, j = i + 1; k < json_count(&c->d, i);
	     k++, j = json_skip(&c->d, j)) {
		const char *s = take_str(c, j, key);
		if (!s)
			return -1;
		if (*n >= max)
			return fail(c, j, "", key, ": too many entries");
		v[(*n)++] = s;
	}
	return 0;
}

static int take_ports(struct mctx *c, int i, const char *key,
		      struct port_list *l)
{
	int k, j;

	if (!json_is_arr(&c->d, i))
		return fail(c, i, "", key, " must be an array of ports");
	for (k = 0, j = i + 1; k < json_count(&c->d, i);
	     k++, j = json_skip(&c->d, j)) {
		uint64_t v;
		if (json_get_u64(&c->d, j, 65535, &v) < 0 || v == 0)
			return fail(c, j, "", key, ": ports are integers "
				    "1-65535");
		if (port_list_add(l, (uint16_t)v) < 0)
			return fail(c, j, "", key, ": too many ports");
	}
	return 0;
}

/* ---- objects ---- */

static int grants(struct mctx *c, int i)
{
	static const char *const K[] = { "path", "access", "type" };
	static const char *const P = "filesystem.grants[]";
	int k, j;

	if (!json_is_arr(&c->d, i))
		return fail(c, i, "", "filesystem.grants", " must be an array");
	for (k = 0, j = i + 1; k < json_count(&c->d, i);
	     k++, j = json_skip(&c->d, j)) {
		struct manifest_grant *g;
		int a, t;
		if (c->m->nfs >= CAPSET_FS_MAX)
			return fail(c, j, "", "filesystem.grants",
				    ": too many entries");
		if (check_keys(c, j, P, K, 3, 7u) < 0)
			return -1;
		g = &c->m->fs[c->m->nfs];
		g->path = take_str(c, json_obj_get(&c->d, j, "path"),
				   "filesystem.grants[].path");
		a = take_enum(c, json_obj_get(&c->d, j, "access"),
			      "filesystem.grants[].access", ACCESS,
			      " must be read, write or readwrite");
		t = take_enum(c, json_obj_get(&c->d, j, "type"),
			      "filesystem.grants[].type", FTYPE,
			      " must be directory or file");
		if (!g->path || a < 0 || t < 0)
			return -1;
		g->access = (uint8_t)(a + 1);
		g->is_file = (uint8_t)t;
		c->m->nfs++;
	}
	return 0;
}

static int filesystem(struct mctx *c, int i)
{
	static const char *const K[] = { "grants", "deny",
					 "bypass_protection" };
	int v;

	if (check_keys(c, i, "filesystem", K, 3, 1u) < 0 ||
	    grants(c, json_obj_get(&c->d, i, "grants")) < 0)
		return -1;
	if ((v = json_obj_get(&c->d, i, "deny")) >= 0 &&
	    take_strs(c, v, "filesystem.deny", c->m->deny, &c->m->ndeny,
		      CAPSET_DENY_MAX) < 0)
		return -1;
	if ((v = json_obj_get(&c->d, i, "bypass_protection")) >= 0 &&
	    take_strs(c, v, "filesystem.bypass_protection", c->m->bypass,
		      &c->m->nbypass, CAPSET_BYPASS_MAX) < 0)
		return -1;
	return 0;
}

static int sockets(struct mctx *c, int i)
{
	static const char *const K[] = { "path", "scope", "bind" };
	int k, j;

	if (!json_is_arr(&c->d, i))
		return fail(c, i, "", "unix_sockets", " must be an array");
	for (k = 0, j = i + 1; k < json_count(&c->d, i);
	     k++, j = json_skip(&c->d, j)) {
		struct sock_cap *s;
		int sc, b = 0, v;
		if (c->m->nsock >= CAPSET_SOCK_MAX)
			return fail(c, j, "", "unix_sockets",
				    ": too many entries");
		if (check_keys(c, j, "unix_sockets[]", K, 3, 3u) < 0)
			return -1;
		s = &c->m->sock[c->m->nsock];
		s->path = take_str(c, json_obj_get(&c->d, j, "path"),
				   "unix_sockets[].path");
		sc = take_enum(c, json_obj_get(&c->d, j, "scope"),
			       "unix_sockets[].scope", SCOPE,
			       " must be file, dir-children or dir-subtree");
		if (!s->path || sc < 0)
			return -1;
		if ((v = json_obj_get(&c->d, j, "bind")) >= 0 &&
		    json_get_bool(&c->d, v, &b) < 0)
			return fail(c, v, "", "unix_sockets[].bind",
				    " must be true or false");
		s->scope = (uint8_t)sc;
		s->bind = (uint8_t)b;
		s->source = SRC_USER;
		c->m->nsock++;
	}
	return 0;
}

static int network(struct mctx *c, int i)
{
	static const char *const K[] = { "mode", "ports" };
	static const char *const PK[] = { "connect", "bind", "localhost" };
	struct port_list *const L[] = { &c->m->connect_ports,
					&c->m->bind_ports,
					&c->m->localhost_ports };
	static const char *const PN[] = { "network.ports.connect",
					  "network.ports.bind",
					  "network.ports.localhost" };
	int mode, p, v;

	if (check_keys(c, i, "network", K, 2, 1u) < 0)
		return -1;
	mode = take_enum(c, json_obj_get(&c->d, i, "mode"), "network.mode",
			 NETMODE, " must be blocked, proxy or unrestricted");
	if (mode < 0)
		return -1;
	c->m->net = (uint8_t)mode;
	if ((p = json_obj_get(&c->d, i, "ports")) < 0)
		return 0;
	if (check_keys(c, p, "network.ports", PK, 3, 0u) < 0)
		return -1;
	for (int k = 0; k < 3; k++)
		if ((v = json_obj_get(&c->d, p, PK[k])) >= 0 &&
		    take_ports(c, v, PN[k], L[k]) < 0)
			return -1;
	return 0;
}

static int process(struct mctx *c, int i)
{
	static const char *const K[] = { "signal_mode", "ipc_mode" };
	int v, r;

	if (check_keys(c, i, "process", K, 2, 0u) < 0)
		return -1;
	if ((v = json_obj_get(&c->d, i, "signal_mode")) >= 0) {
		if ((r = take_enum(c, v, "process.signal_mode", SIGMODE,
				   " must be isolated, allow_same_sandbox or "
				   "allow_all")) < 0)
			return -1;
		c->m->signal_mode = (uint8_t)r;
	}
	if ((v = json_obj_get(&c->d, i, "ipc_mode")) >= 0) {
		if ((r = take_enum(c, v, "process.ipc_mode", IPCMODE,
				   " must be shared_memory_only or full")) < 0)
			return -1;
		c->m->ipc_mode = (uint8_t)r;
	}
	return 0;
}

int manifest_parse(struct manifest *m, const uint8_t *js, size_t len,
		   jsmntok_t *tok, unsigned ntok, struct nbuf *arena,
		   struct prof_err *e)
{
	static const char *const K[] = { "version", "filesystem", "network",
					 "unix_sockets", "process",
					 "commands" };
	static const char *const CK[] = { "blocked" };
	struct mctx c;
	struct json_err je;
	uint64_t ver;
	int v;

	memset(m, 0, sizeof *m);
	memset(&c, 0, sizeof c);
	c.arena = arena;
	c.m = m;
	c.e = e;
	e->msg[0] = 0;
	e->line = 0;
	if (json_parse(&c.d, js, len, tok, ntok, &je) < 0) {
		size_t col = 0;
		c.d.ntok = 0;
		fail(&c, -1, "invalid JSON: ", NULL, je.msg);
		json_line_col(js, len, je.offset, &e->line, &col);
		return -1;
	}
	if (!json_is_obj(&c.d, 0))
		return fail(&c, 0, "a manifest must be a JSON object", NULL,
			    "");
	if (check_keys(&c, 0, "", K, 6, 7u) < 0)
		return -1;
	v = json_obj_get(&c.d, 0, "version");
	if (json_get_u64(&c.d, v, UINT64_MAX, &ver) < 0 ||
	    ver != MANIFEST_VERSION)
		return fail(&c, v, "", "version", " must be 1 (the only "
			    "manifest version this build reads)");
	if (filesystem(&c, json_obj_get(&c.d, 0, "filesystem")) < 0 ||
	    network(&c, json_obj_get(&c.d, 0, "network")) < 0)
		return -1;
	if ((v = json_obj_get(&c.d, 0, "unix_sockets")) >= 0 &&
	    sockets(&c, v) < 0)
		return -1;
	if ((v = json_obj_get(&c.d, 0, "process")) >= 0 && process(&c, v) < 0)
		return -1;
	if ((v = json_obj_get(&c.d, 0, "commands")) >= 0) {
		int b;
		if (check_keys(&c, v, "commands", CK, 1, 0u) < 0)
			return -1;
		if ((b = json_obj_get(&c.d, v, "blocked")) >= 0 &&
		    take_strs(&c, b, "commands.blocked", m->blocked,
			      &m->nblocked, CAPSET_CMDS_MAX) < 0)
			return -1;
	}
	return 0;
}

/* ---- writing ---- */

static void ports(struct jw *w, const char *key, const struct port_list *l)
{
	jw_key(w, key);
	jw_arr_begin(w);
	for (size_t i = 0; i < l->n; i++)
		jw_u64(w, l->v[i]);
	jw_arr_end(w);
}

static int seen_before(const struct deny_entry *d, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (!strcmp(d[k].path, d[i].path))
			return 1;
	return 0;
}

/* Per-process aliases (/proc/self, /proc/thread-self, /dev/fd,
 * /dev/stdin|stdout|stderr) resolve to the resolving process's own
 * /proc/<pid> or open files: the manifest keeps their spelling, so each
 * run resolves them anew. */
int manifest_per_process(const char *p)
{
	static const char *const A[] = { "/proc/self", "/proc/thread-self",
					 "/dev/fd", "/dev/stdin",
					 "/dev/stdout", "/dev/stderr" };

	for (size_t i = 0; p && i < sizeof A / sizeof *A; i++) {
		size_t n = strlen(A[i]);
		if (!strncmp(p, A[i], n) && (p[n] == 0 || p[n] == '/'))
			return 1;
	}
	return 0;
}

void manifest_write(struct jw *w, const struct capset *cs)
{
	jw_obj_begin(w);
	jw_key(w, "version");
	jw_u64(w, MANIFEST_VERSION);
	jw_key(w, "filesystem");
	jw_obj_begin(w);
	jw_key(w, "grants");
	jw_arr_begin(w);
	for (size_t i = 0; i < cs->nfs; i++) {
		const struct fs_cap *f = &cs->fs[i];
		jw_obj_begin(w);
		jw_key(w, "path");
		jw_str(w, manifest_per_process(f->original) &&
			  strcmp(f->resolved, "/proc") != 0 ? f->original
							    : f->resolved);
		jw_key(w, "access");
		jw_str(w, ACCESS[f->access == CAP_RW ? 2
				 : f->access == CAP_WRITE ? 1 : 0]);
		jw_key(w, "type");
		jw_str(w, FTYPE[f->is_file ? 1 : 0]);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "deny");
	jw_arr_begin(w);
	for (size_t i = 0; i < cs->ndeny; i++)
		if (!seen_before(cs->deny, i))
			jw_str(w, cs->deny[i].path);
	jw_arr_end(w);
	jw_key(w, "bypass_protection");
	jw_arr_begin(w);
	for (size_t i = 0; i < cs->nbypass; i++)
		jw_str(w, cs->bypass[i]);
	jw_arr_end(w);
	jw_obj_end(w);
	jw_key(w, "unix_sockets");
	jw_arr_begin(w);
	for (size_t i = 0; i < cs->nsock; i++) {
		jw_obj_begin(w);
		jw_key(w, "path");
		jw_str(w, cs->sock[i].path);
		jw_key(w, "scope");
		jw_str(w, SCOPE[cs->sock[i].scope < 3 ? cs->sock[i].scope : 0]);
		jw_key(w, "bind");
		jw_bool(w, cs->sock[i].bind);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "network");
	jw_obj_begin(w);
	jw_key(w, "mode");
	jw_str(w, NETMODE[cs->net < 3 ? cs->net : 1]);
	jw_key(w, "ports");
	jw_obj_begin(w);
	ports(w, "connect", &cs->connect_ports);
	ports(w, "bind", &cs->bind_ports);
	ports(w, "localhost", &cs->localhost_ports);
	jw_obj_end(w);
	jw_obj_end(w);
	jw_key(w, "process");
	jw_obj_begin(w);
	jw_key(w, "signal_mode");
	jw_str(w, SIGMODE[cs->signal_mode < 3 ? cs->signal_mode : 0]);
	jw_key(w, "ipc_mode");
	jw_str(w, IPCMODE[cs->ipc_mode < 2 ? cs->ipc_mode : 0]);
	jw_obj_end(w);
	jw_key(w, "commands");
	jw_obj_begin(w);
	jw_key(w, "blocked");
	jw_arr_begin(w);
	for (size_t i = 0; i < cs->nblocked; i++)
		jw_str(w, cs->blocked_cmds[i]);
	jw_arr_end(w);
	jw_obj_end(w);
	jw_obj_end(w);
}
