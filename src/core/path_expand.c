#include "path_expand.h"

#include <string.h>

#define SCRATCH 8192

static int is_name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

const char *env_lookup(const char *const *envp, const char *name, size_t n)
{
	if (!envp)
		return NULL;
	for (size_t i = 0; envp[i]; i++)
		if (strncmp(envp[i], name, n) == 0 && envp[i][n] == '=')
			return envp[i] + n + 1;
	return NULL;
}

static const char *getv(const struct path_vars *v, const char *name)
{
	return env_lookup(v->envp, name, strlen(name));
}

static int put_str(struct nbuf *o, const char *s)
{
	return nbuf_put(o, s, strlen(s));
}

const char *path_expand_strerror(int code)
{
	switch (code) {
	case PX_EFULL:   return "the expanded path is too long";
	case PX_EHOME:   return "HOME is not set to an absolute path";
	case PX_EUNSET:  return "it names an environment variable that is not set";
	case PX_ENOTABS: return "the expansion is not an absolute path";
	default:         return "unknown error";
	}
}

static int home_of(const struct path_vars *v, const char **home)
{
	*home = getv(v, "HOME");
	return *home && (*home)[0] == '/' ? PX_OK : PX_EHOME;
}

int path_expand_group(struct nbuf *out, const char *t,
		      const struct path_vars *v, const char **what)
{
	size_t start = out->len, skip = 0;
	const char *val = NULL;
	int rc = PX_OK;

	*what = t;
	if (t[0] == '~' && (t[1] == 0 || t[1] == '/')) {
		*what = "HOME";
		rc = home_of(v, &val);
		skip = 1;
	} else if (t[0] == '$') {
		size_t n = 1;
		while (is_name_char(t[n]))
			n++;
		if (n == 1)
			return PX_ENOTABS;
		skip = n;
		if (n - 1 == 4 && !memcmp(t + 1, "HOME", 4)) {
			*what = "HOME";
			rc = home_of(v, &val);
		} else if (n - 1 == 6 && !memcmp(t + 1, "TMPDIR", 6)) {
			*what = "TMPDIR";
			val = getv(v, "TMPDIR");
			if (!val)
				val = "/tmp";
			else if (val[0] != '/')
				rc = PX_ENOTABS;
		} else {
			val = env_lookup(v->envp, t + 1, n - 1);
			if (!val)
				rc = PX_EUNSET;
		}
	}
	if (rc != PX_OK)
		return rc;
	if (val && put_str(out, val) < 0)
		goto full;
	if (put_str(out, t + skip) < 0 || nbuf_putc(out, 0) < 0)
		goto full;
	if (out->p[start] != '/') {
		out->len = start;
		return PX_ENOTABS;
	}
	return PX_OK;
full:
	out->len = start;
	return PX_EFULL;
}

/* Stage 1: substitute every $NAME set in the environment. */
static int stage_env(struct nbuf *o, const char *t, const struct path_vars *v)
{
	for (size_t i = 0; t[i];) {
		if (t[i] == '$' && is_name_char(t[i + 1])) {
			size_t n = 1;
			const char *val;
			while (is_name_char(t[i + n]))
				n++;
			val = env_lookup(v->envp, t + i + 1, n - 1);
			if (val) {
				if (put_str(o, val) < 0)
					return -1;
			} else if (nbuf_put(o, t + i, n) < 0) {
				return -1;
			}
			i += n;
		} else {
			if (nbuf_putc(o, (uint8_t)t[i]) < 0)
				return -1;
			i++;
		}
	}
	return nbuf_putc(o, 0);
}

/* The value of nono variable `tok`, written into val (NUL-terminated). */
static int nono_var(const char *tok, const struct path_vars *v,
		    struct nbuf *val, const char **what)
{
	static const struct { const char *tok, *env, *dflt; } XDG[] = {
		{ "$XDG_CONFIG_HOME", "XDG_CONFIG_HOME", "/.config" },
		{ "$XDG_STATE_HOME",  "XDG_STATE_HOME",  "/.local/state" },
		{ "$XDG_CACHE_HOME",  "XDG_CACHE_HOME",  "/.cache" },
		{ "$XDG_DATA_HOME",   "XDG_DATA_HOME",   "/.local/share" },
	};
	const char *home, *s;
	int rc;

	*what = tok + 1;
	if (!strcmp(tok, "$WORKDIR"))
		return v->workdir ? put_str(val, v->workdir) < 0 ? PX_EFULL
								  : PX_OK
				  : PX_EUNSET;
	if (!strcmp(tok, "$UID")) {
		char d[24];
		size_t n = sizeof d;
		unsigned long u = v->uid;
		do {
			d[--n] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		return nbuf_put(val, d + n, sizeof d - n) < 0 ? PX_EFULL : PX_OK;
	}
	if (!strcmp(tok, "$TMPDIR")) {
		size_t n;
		s = getv(v, "TMPDIR");
		if (!s)
			s = "/tmp";
		if (s[0] != '/')
			return PX_ENOTABS;
		n = strlen(s);
		while (n > 1 && s[n - 1] == '/')
			n--;
		return nbuf_put(val, s, n) < 0 ? PX_EFULL : PX_OK;
	}
	if (!strcmp(tok, "$XDG_RUNTIME_DIR")) {
		s = getv(v, "XDG_RUNTIME_DIR");
		if (!s)
			return PX_EUNSET;
		if (s[0] != '/')
			return PX_ENOTABS;
		return put_str(val, s) < 0 ? PX_EFULL : PX_OK;
	}
	if ((rc = home_of(v, &home)) != PX_OK) {
		*what = "HOME";
		return rc;
	}
	if (!strcmp(tok, "$HOME"))
		return put_str(val, home) < 0 ? PX_EFULL : PX_OK;
	for (size_t i = 0; i < sizeof XDG / sizeof *XDG; i++) {
		if (strcmp(tok, XDG[i].tok) != 0)
			continue;
		s = getv(v, XDG[i].env);
		if (s)
			return s[0] != '/' ? PX_ENOTABS
			       : put_str(val, s) < 0 ? PX_EFULL : PX_OK;
		return put_str(val, home) < 0 || put_str(val, XDG[i].dflt) < 0
			       ? PX_EFULL : PX_OK;
	}
	/* $NONO_CONFIG, $NONO_PACKAGES: under the config directory */
	s = getv(v, "XDG_CONFIG_HOME");
	if (s && s[0] == '/') {
		if (put_str(val, s) < 0)
			return PX_EFULL;
	} else if (put_str(val, home) < 0 || put_str(val, "/.config") < 0) {
		return PX_EFULL;
	}
	if (put_str(val, "/nono") < 0)
		return PX_EFULL;
	if (!strcmp(tok, "$NONO_PACKAGES") && put_str(val, "/packages") < 0)
		return PX_EFULL;
	return PX_OK;
}

int path_expand_template(struct nbuf *out, const char *t,
			 const struct path_vars *v, const char **what)
{
	static const char *const TOKENS[] = {
		"$WORKDIR", "$TMPDIR", "$UID", "$HOME", "$XDG_CONFIG_HOME",
		"$XDG_STATE_HOME", "$XDG_CACHE_HOME", "$XDG_DATA_HOME",
		"$XDG_RUNTIME_DIR", "$NONO_CONFIG", "$NONO_PACKAGES",
	};
	uint8_t m1[SCRATCH], m2[SCRATCH], mv[SCRATCH];
	struct nbuf a, b;
	size_t start = out->len;

	*what = t;
	nbuf_init(&a, m1, sizeof m1);
	if (stage_env(&a, t, v) < 0)
		return PX_EFULL;
	/* a leading ~ */
	if (a.p[0] == '~' && (a.p[1] == 0 || a.p[1] == '/')) {
		const char *home;
		if (home_of(v, &home) != PX_OK) {
			*what = "HOME";
			return PX_EHOME;
		}
		nbuf_init(&b, m2, sizeof m2);
		if (put_str(&b, home) < 0 || put_str(&b, (char *)a.p + 1) < 0 ||
		    nbuf_putc(&b, 0) < 0)
			return PX_EFULL;
		memcpy(m1, m2, b.len);
		a.len = b.len;
	}
	/* nono's variables, by plain substitution, in table order */
	for (size_t k = 0; k < sizeof TOKENS / sizeof *TOKENS; k++) {
		size_t tl = strlen(TOKENS[k]);
		const char *hit = strstr((char *)a.p, TOKENS[k]);
		struct nbuf val;
		int rc;
		if (!hit)
			continue;
		nbuf_init(&val, mv, sizeof mv);
		rc = nono_var(TOKENS[k], v, &val, what);
		if (rc == PX_EUNSET)
			continue;                /* left literal */
		if (rc != PX_OK)
			return rc;
		nbuf_init(&b, m2, sizeof m2);
		for (const char *s = (char *)a.p; *s;) {
			if (!strncmp(s, TOKENS[k], tl)) {
				if (nbuf_put(&b, val.p, val.len) < 0)
					return PX_EFULL;
				s += tl;
			} else if (nbuf_putc(&b, (uint8_t)*s++) < 0) {
				return PX_EFULL;
			}
		}
		if (nbuf_putc(&b, 0) < 0)
			return PX_EFULL;
		memcpy(m1, m2, b.len);
		a.len = b.len;
	}
	if (nbuf_put(out, a.p, a.len) < 0) {
		out->len = start;
		return PX_EFULL;
	}
	return PX_OK;
}
