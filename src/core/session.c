#include "session.h"

#include "audit_hash.h"
#include "audit_schema.h"
#include "cjson.h"
#include "json_copy.h"
#include "json_str.h"
#include "sha256.h"

#include <string.h>

int session_id_valid(const char *id, size_t n)
{
	if (n == 0 || n > SESSION_ID_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* ---- writing (session.json and the digest pre-image share this) ---- */

static void str_or_null(struct jw *w, const char *s)
{
	if (s)
		jw_str(w, s);
	else
		jw_null(w);
}

/* A path: a string in session.json, a byte array in the digest. */
static void path(struct jw *w, const char *p, int digest)
{
	if (digest)
		jw_bytes(w, (const uint8_t *)p, strlen(p));
	else
		jw_str(w, p);
}

static void write_meta(struct jw *w, const struct session_meta *m,
		       int digest)
{
	jw_obj_begin(w);
	jw_key(w, "session_id");
	jw_str(w, m->session_id);
	jw_key(w, "started");
	jw_str(w, m->started);
	jw_key(w, "ended");
	str_or_null(w, m->ended);
	jw_key(w, "command");
	jw_arr_begin(w);
	for (size_t i = 0; i < m->ncommand; i++)
		jw_str(w, m->command[i]);
	jw_arr_end(w);
	jw_key(w, "executable_identity");
	if (m->exe_path) {
		jw_obj_begin(w);
		jw_key(w, "resolved_path");
		path(w, m->exe_path, digest);
		jw_key(w, "sha256");
		jw_hex(w, m->exe_sha256, 32);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "tracked_paths");
	jw_arr_begin(w);
	for (size_t i = 0; i < m->ntracked; i++)
		path(w, m->tracked_paths[i], digest);
	jw_arr_end(w);
	jw_key(w, "snapshot_count");
	jw_u64(w, m->snapshot_count);
	jw_key(w, "exit_code");
	if (m->has_exit_code)
		jw_i64(w, m->exit_code);
	else
		jw_null(w);
	jw_key(w, "merkle_roots");
	jw_arr_begin(w);
	for (size_t i = 0; i < m->nroots; i++)
		jw_hex(w, m->merkle_roots[i], 32);
	jw_arr_end(w);
	jw_key(w, "network_events");
	jw_arr_begin(w);
	for (size_t i = 0; i < m->nnet; i++)
		jw_raw(w, m->net_events[i], m->net_lens[i]);
	jw_arr_end(w);
	jw_key(w, "audit_event_count");
	jw_u64(w, m->audit_event_count);
	jw_key(w, "audit_integrity");
	if (m->integrity) {
		jw_obj_begin(w);
		jw_key(w, "hash_algorithm");
		jw_str(w, "sha256");
		jw_key(w, "event_count");
		jw_u64(w, m->integrity->event_count);
		jw_key(w, "chain_head");
		jw_hex(w, m->integrity->chain_head, 32);
		jw_key(w, "merkle_root");
		jw_hex(w, m->integrity->merkle_root, 32);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "audit_attestation");
	if (m->attestation) {
		jw_obj_begin(w);
		jw_key(w, "predicate_type");
		jw_str(w, m->attestation->predicate_type);
		jw_key(w, "key_id");
		jw_hex(w, m->attestation->key_id, 32);
		jw_key(w, "public_key");
		jw_str(w, m->attestation->public_key);
		jw_key(w, "bundle_filename");
		jw_str(w, m->attestation->bundle_filename);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_obj_end(w);
}

void session_write(struct jw *w, const struct session_meta *m)
{
	write_meta(w, m, 0);
}

void session_digest_preimage(struct jw *w, const struct session_meta *m)
{
	write_meta(w, m, 1);
}

static void hash_sink(void *ctx, const uint8_t *p, size_t n)
{
	sha256_update(ctx, p, n);
}

void session_digest(const struct session_meta *m, uint8_t out[32])
{
	struct sha256 h;
	uint8_t mem[512];
	struct nbuf b;
	struct jw w;

	sha256_init(&h);
	sha256_update(&h, AUDIT_SEP_SESSION, sizeof AUDIT_SEP_SESSION - 1);
	nbuf_init(&b, mem, sizeof mem);
	jw_init(&w, &b, 0);
	jw_set_flush(&w, hash_sink, &h);
	session_digest_preimage(&w, m);
	(void)jw_finish(&w); /* cannot fail: output streams into the hash */
	sha256_out(&h, out);
}

/* ---- reading ---- */

struct rd {
	const struct json_doc *d;
	struct nbuf *arena;
	struct session_err *e;
};

static int err(struct rd *r, int tok, const char *key, const char *msg)
{
	r->e->msg = msg;
	r->e->key = key;
	r->e->offset = tok >= 0 ? (size_t)r->d->tok[tok].start : 0;
	return -1;
}

size_t session_arena_for(size_t n)
{
	/* unescaped strings (<= n), canonical network events (<= n),
	 * pointer/length arrays (< one per token), and structures. */
	return 2 * n + json_tokens_for(n) * 2 * sizeof(void *) + 4096;
}

static const char *take_str(struct rd *r, int tok, const char *key)
{
	size_t n, start = r->arena->len;
	const uint8_t *s;

	if (!json_is_str(r->d, tok)) {
		err(r, tok, key, "expected a string");
		return 0;
	}
	s = json_str(r->d, tok, &n);
	if (json_unescape(r->arena, s, n) < 0 || nbuf_putc(r->arena, 0) < 0) {
		r->arena->len = start;
		err(r, tok, key, "string too large for working memory");
		return 0;
	}
	return (const char *)r->arena->p + start;
}

/* An array of strings: pointer array in the arena. */
static int take_strs(struct rd *r, int tok, const char *key,
		     const char *const **out, size_t *n)
{
	const char **v;
	int cnt, k;

	if (!json_is_arr(r->d, tok))
		return err(r, tok, key, "expected an array of strings");
	cnt = json_count(r->d, tok);
	v = nbuf_alloc(r->arena, (size_t)cnt * sizeof *v + 1, sizeof(void *));
	if (!v)
		return err(r, tok, key, "array too large for working memory");
	k = tok + 1;
	for (int i = 0; i < cnt; i++) {
		if (!(v[i] = take_str(r, k, key)))
			return -1;
		k++;
	}
	*out = v;
	*n = (size_t)cnt;
	return 0;
}

static int take_hex32(struct rd *r, int tok, const char *key, uint8_t *out)
{
	if (json_get_hex(r->d, tok, out, 32) < 0)
		return err(r, tok, key,
			   "expected 64 lower-case hexadecimal digits");
	return 0;
}

static int check_keys(struct rd *r, int obj, const char *where,
		      const char *const *keys, size_t n)
{
	int k = json_obj_unknown_key(r->d, obj, keys, n);

	if (k >= 0) {
		r->e->msg = "unknown key";
		r->e->key = where;
		r->e->offset = (size_t)r->d->tok[k].start;
		return -1;
	}
	return 0;
}

static int take_exe(struct rd *r, int tok, struct session_meta *m)
{
	static const char *const keys[] = { "resolved_path", "sha256" };
	int p, h;

	m->exe_path = 0;
	if (tok < 0 || json_is_null(r->d, tok))
		return 0;
	if (!json_is_obj(r->d, tok))
		return err(r, tok, "executable_identity",
			   "expected an object or null");
	if (check_keys(r, tok, "executable_identity", keys, 2) < 0)
		return -1;
	p = json_obj_get(r->d, tok, "resolved_path");
	h = json_obj_get(r->d, tok, "sha256");
	if (p < 0 || h < 0)
		return err(r, tok, "executable_identity",
			   "missing resolved_path or sha256");
	if (!(m->exe_path = take_str(r, p, "resolved_path")))
		return -1;
	return take_hex32(r, h, "sha256", m->exe_sha256);
}

static int take_roots(struct rd *r, int tok, struct session_meta *m)
{
	uint8_t(*v)[32];
	int cnt;

	if (!json_is_arr(r->d, tok))
		return err(r, tok, "merkle_roots", "expected an array");
	cnt = json_count(r->d, tok);
	v = nbuf_alloc(r->arena, (size_t)cnt * 32 + 1, 8);
	if (!v)
		return err(r, tok, "merkle_roots", "too large");
	for (int i = 0; i < cnt; i++)
		if (take_hex32(r, tok + 1 + i, "merkle_roots", v[i]) < 0)
			return -1;
	m->merkle_roots = (const uint8_t(*)[32])v;
	m->nroots = (size_t)cnt;
	return 0;
}

/* Each event must be an object whose canonical re-serialization matches
 * the NetworkAuditEvent schema (so key order and presence are canonical). */
static int take_net(struct rd *r, int tok, struct session_meta *m)
{
	const uint8_t **ev;
	size_t *len;
	int cnt, k;

	m->nnet = 0;
	if (tok < 0)
		return 0;
	if (!json_is_arr(r->d, tok))
		return err(r, tok, "network_events", "expected an array");
	cnt = json_count(r->d, tok);
	ev = nbuf_alloc(r->arena, (size_t)cnt * sizeof *ev + 1, sizeof(void *));
	len = nbuf_alloc(r->arena, (size_t)cnt * sizeof *len + 1,
			 sizeof(size_t));
	if (!ev || !len)
		return err(r, tok, "network_events", "too large");
	k = tok + 1;
	for (int i = 0; i < cnt; i++) {
		struct nbuf out;
		struct jw w;
		struct cj c;
		size_t room = nbuf_room(r->arena);
		uint8_t *at = r->arena->p + r->arena->len;

		if (!json_is_obj(r->d, k))
			return err(r, k, "network_events",
				   "expected an object");
		nbuf_init(&out, at, room);
		jw_init(&w, &out, 0);
		k = json_copy(&w, r->d, k);
		if (jw_finish(&w) != JW_OK)
			return err(r, tok, "network_events", "too large");
		cj_init(&c, at, out.len);
		if (cs_match(&c, &audit_network_event_type) < 0 || !cj_end(&c))
			return err(r, tok, "network_events",
				   "not a canonical NetworkAuditEvent (field "
				   "order, names, types or values)");
		r->arena->len += out.len;
		ev[i] = at;
		len[i] = out.len;
	}
	m->net_events = ev;
	m->net_lens = len;
	m->nnet = (size_t)cnt;
	return 0;
}

static int take_integrity(struct rd *r, int tok, struct session_meta *m)
{
	static const char *const keys[] = { "hash_algorithm", "event_count",
					    "chain_head", "merkle_root" };
	struct audit_integrity *ai;
	int a, c, h, root;

	m->integrity = 0;
	if (tok < 0 || json_is_null(r->d, tok))
		return 0;
	if (!json_is_obj(r->d, tok))
		return err(r, tok, "audit_integrity",
			   "expected an object or null");
	if (check_keys(r, tok, "audit_integrity", keys, 4) < 0)
		return -1;
	a = json_obj_get(r->d, tok, "hash_algorithm");
	c = json_obj_get(r->d, tok, "event_count");
	h = json_obj_get(r->d, tok, "chain_head");
	root = json_obj_get(r->d, tok, "merkle_root");
	if (a < 0 || c < 0 || h < 0 || root < 0)
		return err(r, tok, "audit_integrity", "missing field");
	if (!json_str_eq(r->d, a, "sha256"))
		return err(r, a, "hash_algorithm", "expected \"sha256\"");
	ai = nbuf_alloc(r->arena, sizeof *ai, 8);
	if (!ai)
		return err(r, tok, "audit_integrity", "too large");
	if (json_get_u64(r->d, c, UINT64_MAX, &ai->event_count) < 0)
		return err(r, c, "event_count", "expected an unsigned integer");
	if (take_hex32(r, h, "chain_head", ai->chain_head) < 0 ||
	    take_hex32(r, root, "merkle_root", ai->merkle_root) < 0)
		return -1;
	m->integrity = ai;
	return 0;
}

static int take_attestation(struct rd *r, int tok, struct session_meta *m)
{
	static const char *const keys[] = { "predicate_type", "key_id",
					    "public_key", "bundle_filename" };
	struct audit_attestation_summary *as;
	int p, k, pk, b;

	m->attestation = 0;
	if (tok < 0 || json_is_null(r->d, tok))
		return 0;
	if (!json_is_obj(r->d, tok))
		return err(r, tok, "audit_attestation",
			   "expected an object or null");
	if (check_keys(r, tok, "audit_attestation", keys, 4) < 0)
		return -1;
	p = json_obj_get(r->d, tok, "predicate_type");
	k = json_obj_get(r->d, tok, "key_id");
	pk = json_obj_get(r->d, tok, "public_key");
	b = json_obj_get(r->d, tok, "bundle_filename");
	if (p < 0 || k < 0 || pk < 0 || b < 0)
		return err(r, tok, "audit_attestation", "missing field");
	as = nbuf_alloc(r->arena, sizeof *as, 8);
	if (!as)
		return err(r, tok, "audit_attestation", "too large");
	if (!(as->predicate_type = take_str(r, p, "predicate_type")) ||
	    take_hex32(r, k, "key_id", as->key_id) < 0 ||
	    !(as->public_key = take_str(r, pk, "public_key")) ||
	    !(as->bundle_filename = take_str(r, b, "bundle_filename")))
		return -1;
	m->attestation = as;
	return 0;
}

static const char *const TOP_KEYS[] = {
	"session_id", "started", "ended", "command", "executable_identity",
	"tracked_paths", "snapshot_count", "exit_code", "merkle_roots",
	"network_events", "audit_event_count", "audit_integrity",
	"audit_attestation",
};

int session_parse(const uint8_t *js, size_t n, jsmntok_t *tok, unsigned cap,
		  struct nbuf *arena, struct session_meta *m,
		  struct session_err *e)
{
	struct json_doc d;
	struct json_err je;
	struct rd r = { &d, arena, e };
	int t;
	uint64_t u;
	int64_t v;

	e->msg = 0;
	e->key = 0;
	e->offset = 0;
	memset(m, 0, sizeof *m);
	if (json_parse(&d, js, n, tok, cap, &je) < 0) {
		e->msg = je.msg;
		e->offset = je.offset;
		return -1;
	}
	if (!json_is_obj(&d, 0))
		return err(&r, 0, 0, "expected an object");
	if (check_keys(&r, 0, "session.json", TOP_KEYS,
		       sizeof TOP_KEYS / sizeof *TOP_KEYS) < 0)
		return -1;

#define REQUIRED(var, key)                                                  \
	do {                                                                \
		if ((var = json_obj_get(&d, 0, key)) < 0)                   \
			return err(&r, 0, key, "missing required key");     \
	} while (0)

	REQUIRED(t, "session_id");
	if (!(m->session_id = take_str(&r, t, "session_id")))
		return -1;
	if (!session_id_valid(m->session_id, strlen(m->session_id)))
		return err(&r, t, "session_id",
			   "invalid session id (1-64 of [A-Za-z0-9_-])");
	REQUIRED(t, "started");
	if (!(m->started = take_str(&r, t, "started")))
		return -1;
	t = json_obj_get(&d, 0, "ended");
	if (t >= 0 && !json_is_null(&d, t) &&
	    !(m->ended = take_str(&r, t, "ended")))
		return -1;
	REQUIRED(t, "command");
	if (take_strs(&r, t, "command", &m->command, &m->ncommand) < 0)
		return -1;
	if (take_exe(&r, json_obj_get(&d, 0, "executable_identity"), m) < 0)
		return -1;
	REQUIRED(t, "tracked_paths");
	if (take_strs(&r, t, "tracked_paths", &m->tracked_paths,
		      &m->ntracked) < 0)
		return -1;
	REQUIRED(t, "snapshot_count");
	if (json_get_u64(&d, t, UINT32_MAX, &u) < 0)
		return err(&r, t, "snapshot_count",
			   "expected an integer in 0..4294967295");
	m->snapshot_count = (uint32_t)u;
	t = json_obj_get(&d, 0, "exit_code");
	if (t >= 0 && !json_is_null(&d, t)) {
		if (json_get_i64(&d, t, INT32_MIN, INT32_MAX, &v) < 0)
			return err(&r, t, "exit_code",
				   "expected a 32-bit integer or null");
		m->has_exit_code = 1;
		m->exit_code = (int32_t)v;
	}
	REQUIRED(t, "merkle_roots");
	if (take_roots(&r, t, m) < 0)
		return -1;
	if (take_net(&r, json_obj_get(&d, 0, "network_events"), m) < 0)
		return -1;
	t = json_obj_get(&d, 0, "audit_event_count");
	if (t >= 0 &&
	    json_get_u64(&d, t, UINT64_MAX, &m->audit_event_count) < 0)
		return err(&r, t, "audit_event_count",
			   "expected an unsigned integer");
	if (take_integrity(&r, json_obj_get(&d, 0, "audit_integrity"), m) < 0)
		return -1;
	if (take_attestation(&r, json_obj_get(&d, 0, "audit_attestation"),
			     m) < 0)
		return -1;
#undef REQUIRED
	return 0;
}
