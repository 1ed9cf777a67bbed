#include "scrub.h"

#include <string.h>

static const char *const DEF_FLAGS[] = {
	"--access-token", "--api-key", "--apikey", "--auth", "--bearer",
	"--client-secret", "--password", "--secret", "--token",
};
static const char *const DEF_HEADERS[] = {
	"authorization", "cookie", "proxy-authorization", "set-cookie",
	"x-api-key", "x-auth-token",
};
static const char *const DEF_QUERY[] = {
	"access_token", "api_key", "apikey", "client_secret", "code", "key",
	"nonce", "password", "secret", "state", "token",
};
static const char *const DEF_ENV[] = {
	"anthropic_api_key", "aws_secret_access_key", "aws_session_token",
	"azure_openai_api_key", "cohere_api_key", "gemini_api_key",
	"gh_token", "github_token", "google_api_key", "huggingface_api_token",
	"mistral_api_key", "nono_proxy_token", "openai_api_key",
	"together_api_key",
};

static const struct {
	const char *const *names;
	size_t n;
} DEFAULTS[SCRUB_NKINDS] = {
	{ DEF_FLAGS, sizeof DEF_FLAGS / sizeof *DEF_FLAGS },
	{ DEF_HEADERS, sizeof DEF_HEADERS / sizeof *DEF_HEADERS },
	{ DEF_QUERY, sizeof DEF_QUERY / sizeof *DEF_QUERY },
	{ DEF_ENV, sizeof DEF_ENV / sizeof *DEF_ENV },
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

void scrub_policy_default(struct scrub_policy *p)
{
	for (int k = 0; k < SCRUB_NKINDS; k++) {
		p->set[k].n = DEFAULTS[k].n;
		for (size_t i = 0; i < DEFAULTS[k].n; i++)
			p->set[k].names[i] = DEFAULTS[k].names[i];
	}
}

static int normalized(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || is_space(s[0]) || is_space(s[n - 1]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return 0;
	return 1;
}

int scrub_policy_add(struct scrub_policy *p, enum scrub_kind k,
		     const char *name)
{
	struct scrub_set *s = &p->set[k];
	size_t i = 0;

	if (!normalized(name))
		return -1;
	while (i < s->n && strcmp(s->names[i], name) < 0)
		i++;
	if (i < s->n && strcmp(s->names[i], name) == 0)
		return 0;
	if (s->n >= SCRUB_MAX_NAMES)
		return -1;
	memmove(&s->names[i + 1], &s->names[i], (s->n - i) * sizeof(char *));
	s->names[i] = name;
	s->n++;
	return 0;
}

void scrub_policy_remove(struct scrub_policy *p, enum scrub_kind k,
			 const char *name)
{
	struct scrub_set *s = &p->set[k];

	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->names[i], name) == 0) {
			memmove(&s->names[i], &s->names[i + 1],
				(s->n - i - 1) * sizeof(char *));
			s->n--;
			return;
		}
	}
}

static int in_list(const char *const *names, size_t n, const char *x)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], x) == 0)
			return 1;
	return 0;
}

int scrub_policy_is_default(const struct scrub_policy *p)
{
	for (int k = 0; k < SCRUB_NKINDS; k++) {
		if (p->set[k].n != DEFAULTS[k].n)
			return 0;
		for (size_t i = 0; i < p->set[k].n; i++)
			if (!in_list(DEFAULTS[k].names, DEFAULTS[k].n,
				     p->set[k].names[i]))
				return 0;
	}
	return 1;
}

/* Writes `key: [names of a not in b]` in ascending byte order, omitted
 * when empty. Both lists are sorted. */
static void diff_list(struct jw *w, const char *key, const char *const *a,
		      size_t an, const char *const *b, size_t bn)
{
	int open = 0;

	for (size_t i = 0; i < an; i++) {
		if (in_list(b, bn, a[i]))
			continue;
		if (!open) {
			jw_key(w, key);
			jw_arr_begin(w);
			open = 1;
		}
		jw_str(w, a[i]);
	}
	if (open)
		jw_arr_end(w);
}

void scrub_policy_diff_write(const struct scrub_policy *p, struct jw *w)
{
	static const char *const keys[SCRUB_NKINDS][2] = {
		{ "added_flags", "removed_flags" },
		{ "added_headers", "removed_headers" },
		{ "added_query_keys", "removed_query_keys" },
		{ "added_env_vars", "removed_env_vars" },
	};

	jw_obj_begin(w);
	for (int k = 0; k < SCRUB_NKINDS; k++) {
		diff_list(w, keys[k][0], p->set[k].names, p->set[k].n,
			  DEFAULTS[k].names, DEFAULTS[k].n);
		diff_list(w, keys[k][1], DEFAULTS[k].names, DEFAULTS[k].n,
			  p->set[k].names, p->set[k].n);
	}
	jw_obj_end(w);
}

int scrub_match(const struct scrub_policy *p, enum scrub_kind k,
		const char *name, size_t n)
{
	const struct scrub_set *s = &p->set[k];

	while (n && is_space(name[0])) {
		name++;
		n--;
	}
	while (n && is_space(name[n - 1]))
		n--;
	for (size_t i = 0; i < s->n; i++) {
		const char *x = s->names[i];
		size_t j = 0;
		while (j < n && x[j] && lower(name[j]) == x[j])
			j++;
		if (j == n && x[j] == 0)
			return 1;
	}
	return 0;
}

/* ---- the value rule, as replacement ranges over the input ---- */

#define MAX_RANGES 64

struct ranges {
	size_t a[MAX_RANGES], b[MAX_RANGES];
	size_t n;
	int overflow;
};

static void add_range(struct ranges *r, size_t a, size_t b)
{
	if (r->n >= MAX_RANGES) {
		r->overflow = 1;
		return;
	}
	r->a[r->n] = a;
	r->b[r->n] = b;
	r->n++;
}

static void header_line(const struct scrub_policy *p, const char *s,
			size_t n, struct ranges *r)
{
	const char *c = memchr(s, ':', n);
	size_t v;

	if (!c || !scrub_match(p, SCRUB_HEADERS, s, (size_t)(c - s)))
		return;
	v = (size_t)(c - s) + 1;
	while (v < n && is_space(s[v]))
		v++;
	add_range(r, v, n);
}

static int auth_stop(char c)
{
	return c == '/' || c == '?' || c == '#' || c == ' ' || c == '\t' ||
	       c == '\r' || c == '\n';
}

static void userinfo(const char *s, size_t n, struct ranges *r)
{
	for (size_t i = 0; i + 3 <= n; i++) {
		size_t a, e, at = (size_t)-1, colon = (size_t)-1;
		if (memcmp(s + i, "://", 3) != 0)
			continue;
		a = i + 3;
		for (e = a; e < n && !auth_stop(s[e]); e++)
			if (s[e] == '@')
				at = e;
		if (at == (size_t)-1)
			continue;
		for (size_t k = a; k < at; k++) {
			if (s[k] == ':') {
				colon = k;
				break;
			}
		}
		if (colon != (size_t)-1)
			add_range(r, colon + 1, at);
	}
}

static int query_stop(char c)
{
	return c == '#' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void query(const struct scrub_policy *p, const char *s, size_t n,
		  struct ranges *r)
{
	for (size_t q = 0; q < n; q++) {
		size_t end, seg;
		if (s[q] != '?')
			continue;
		for (end = q + 1; end < n && !query_stop(s[end]); end++)
			;
		seg = q + 1;
		while (seg <= end) {
			size_t se = seg, eq = (size_t)-1;
			while (se < end && s[se] != '&' && s[se] != ';') {
				if (s[se] == '=' && eq == (size_t)-1)
					eq = se;
				se++;
			}
			if (eq != (size_t)-1 &&
			    scrub_match(p, SCRUB_QUERY, s + seg, eq - seg))
				add_range(r, eq + 1, se);
			seg = se + 1;
		}
	}
}

/* Appends s[0..n) with ranges replaced by the marker, then NUL. */
static const char *emit(const char *s, size_t n, struct ranges *r,
			struct nbuf *arena)
{
	size_t start = arena->len, pos = 0;
	const char *out = (const char *)arena->p + start;

	if (r->overflow) {
		r->n = 1;
		r->a[0] = 0;
		r->b[0] = n;
	}
	/* insertion sort by start */
	for (size_t i = 1; i < r->n; i++) {
		for (size_t j = i; j > 0 && r->a[j] < r->a[j - 1]; j--) {
			size_t ta = r->a[j], tb = r->b[j];
			r->a[j] = r->a[j - 1];
			r->b[j] = r->b[j - 1];
			r->a[j - 1] = ta;
			r->b[j - 1] = tb;
		}
	}
	for (size_t i = 0; i < r->n; i++) {
		size_t a = r->a[i], b = r->b[i];
		/* A range that overlaps or touches the previous one lies in
		 * text that was already replaced (e.g. a query nested in a
		 * redacted query value): extend, do not add a second marker. */
		if (i > 0 && a <= pos) {
			if (b > pos)
				pos = b;
			continue;
		}
		if (nbuf_put(arena, s + pos, a - pos) < 0 ||
		    nbuf_put(arena, SCRUB_MARKER, sizeof SCRUB_MARKER - 1) < 0)
			goto full;
		pos = b;
	}
	if (nbuf_put(arena, s + pos, n - pos) < 0 || nbuf_putc(arena, 0) < 0)
		goto full;
	return out;
full:
	arena->len = start;
	return 0;
}

/* value(s): the header-line rule, then the userinfo rule on its result,
 * then the query rule on that (spec/redaction.md §3). The intermediate
 * strings are dropped from the arena: only the result stays. */
static const char *value_of(const struct scrub_policy *p, const char *s,
			    size_t n, struct nbuf *arena)
{
	size_t start = arena->len;
	struct ranges r = { .n = 0, .overflow = 0 };
	const char *t1, *t2, *t3;
	size_t n3;

	header_line(p, s, n, &r);
	if (!(t1 = emit(s, n, &r, arena)))
		return 0;
	r.n = 0;
	userinfo(t1, strlen(t1), &r);
	if (!(t2 = emit(t1, strlen(t1), &r, arena))) {
		arena->len = start;
		return 0;
	}
	r.n = 0;
	query(p, t2, strlen(t2), &r);
	if (!(t3 = emit(t2, strlen(t2), &r, arena))) {
		arena->len = start;
		return 0;
	}
	n3 = strlen(t3) + 1;
	memmove(arena->p + start, t3, n3);
	arena->len = start + n3;
	return (const char *)arena->p + start;
}

const char *scrub_value(const struct scrub_policy *p, const char *s,
			struct nbuf *arena)
{
	return value_of(p, s, strlen(s), arena);
}

/* header_arg(v) on s[off..n), emitted as a whole string s. */
static const char *header_arg(const struct scrub_policy *p, const char *s,
			      size_t off, struct nbuf *arena)
{
	size_t n = strlen(s), start = arena->len, vn;
	const char *v = s + off, *c = strchr(v, ':'), *val;
	char *out;

	if (c && scrub_match(p, SCRUB_HEADERS, v, (size_t)(c - v))) {
		const char *rest = c + 1;
		while (is_space(*rest))
			rest++;
		if (strcmp(rest, SCRUB_MARKER) != 0) {
			const char *o = (const char *)arena->p + start;
			/* N + ": " + marker, N with its original spacing */
			if (nbuf_put(arena, s, (size_t)(c - s)) < 0 ||
			    nbuf_put(arena, ": " SCRUB_MARKER,
				     sizeof(": " SCRUB_MARKER)) < 0) {
				arena->len = start;
				return 0;
			}
			return o;
		}
	}
	if (!(val = value_of(p, v, n - off, arena)))
		return 0;
	/* prefix s[0..off) + value, in place of the value */
	vn = strlen(val) + 1;
	if (off > nbuf_room(arena)) {
		arena->len = start;
		return 0;
	}
	out = (char *)arena->p + start;
	memmove(out + off, out, vn);
	memcpy(out, s, off);
	arena->len = start + off + vn;
	return out;
}

/* `-H` (exact case) or `--header` (any case); no trimming. */
static int is_header_flag(const char *a, size_t n)
{
	const char *h = "--header";

	if (n == 2 && a[0] == '-' && a[1] == 'H')
		return 1;
	if (n != 8)
		return 0;
	for (size_t i = 0; i < 8; i++)
		if (lower(a[i]) != h[i])
			return 0;
	return 1;
}

int scrub_argv(const struct scrub_policy *p, const char *const *argv,
	       size_t argc, const char **outv, struct nbuf *arena)
{
	size_t start = arena->len;
	int prev_sensitive = 0, prev_header = 0;

	for (size_t i = 0; i < argc; i++) {
		const char *a = argv[i], *o, *eq;
		struct ranges r = { .n = 0, .overflow = 0 };

		if (prev_sensitive) {
			o = SCRUB_MARKER;
			prev_sensitive = 0;
		} else if (prev_header) {
			o = header_arg(p, a, 0, arena);
			prev_header = 0;
		} else if (scrub_match(p, SCRUB_FLAGS, a, strlen(a))) {
			o = a;
			prev_sensitive = 1;
		} else if (is_header_flag(a, strlen(a))) {
			o = a;
			prev_header = 1;
		} else if ((eq = strchr(a, '=')) &&
			   scrub_match(p, SCRUB_FLAGS, a, (size_t)(eq - a))) {
			add_range(&r, (size_t)(eq - a) + 1, strlen(a));
			o = emit(a, strlen(a), &r, arena);
		} else if (eq && is_header_flag(a, (size_t)(eq - a))) {
			o = header_arg(p, a, (size_t)(eq - a) + 1, arena);
		} else {
			o = scrub_value(p, a, arena);
		}
		if (!o) {
			arena->len = start;
			return -1;
		}
		outv[i] = o;
	}
	return 0;
}
