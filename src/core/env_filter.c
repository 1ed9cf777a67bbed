#include "env_filter.h"

#include <string.h>

static int eq(const char *name, size_t n, const char *lit)
{
	return strlen(lit) == n && !memcmp(name, lit, n);
}

static int starts(const char *name, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	return n >= l && !memcmp(name, lit, l);
}

int env_name_dangerous(const char *name, size_t n)
{
	static const char *const EXACT[] = {
		"BASH_ENV", "ENV", "CDPATH", "GLOBIGNORE", "PROMPT_COMMAND",
		"IFS", "PYTHONSTARTUP", "PYTHONPATH", "NODE_OPTIONS",
		"NODE_PATH", "PERL5OPT", "PERL5LIB", "RUBYOPT", "RUBYLIB",
		"GEM_PATH", "GEM_HOME", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS",
		"DOTNET_STARTUP_HOOKS", "GOFLAGS", "OP_SERVICE_ACCOUNT_TOKEN",
		"OP_CONNECT_TOKEN", "OP_CONNECT_HOST",
	};
	static const char *const PREFIX[] = { "LD_", "DYLD_", "BASH_FUNC_",
					      "OP_SESSION_" };
	for (size_t i = 0; i < sizeof EXACT / sizeof *EXACT; i++)
		if (eq(name, n, EXACT[i]))
			return 1;
	for (size_t i = 0; i < sizeof PREFIX / sizeof *PREFIX; i++)
		if (starts(name, n, PREFIX[i]))
			return 1;
	return 0;
}

int env_name_internal(const char *name, size_t n)
{
	return eq(name, n, "NONO_CAP_FILE") ||
	       eq(name, n, "NONO_DETACHED_LAUNCH") ||
	       eq(name, n, "NONO_DETACHED_SESSION_ID") ||
	       eq(name, n, "NONO_DETACHED_CWD_PROMPT_RESPONSE") ||
	       eq(name, n, "NONO_SUPERVISOR_PATH");
}

static int contains_upper(const char *name, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	for (size_t i = 0; i + l <= n; i++) {
		size_t k = 0;
		while (k < l) {
			char c = name[i + k];
			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (c != lit[k])
				break;
			k++;
		}
		if (k == l)
			return 1;
	}
	return 0;
}

int env_name_secret(const char *name, size_t n)
{
	static const char *const PARTS[] = {
		"TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL",
		"API_KEY", "APIKEY", "ACCESS_KEY", "PRIVATE_KEY", "AUTH_KEY",
		"SESSION_KEY", "COOKIE",
	};
	static const char *const LAST[] = { "_KEY", "_PAT", "_DSN", "_PASS" };

	for (size_t i = 0; i < sizeof PARTS / sizeof *PARTS; i++)
		if (contains_upper(name, n, PARTS[i]))
			return 1;
	for (size_t i = 0; i < sizeof LAST / sizeof *LAST; i++) {
		size_t l = strlen(LAST[i]);
		if (n > l && contains_upper(name + n - l, l, LAST[i]))
			return 1;
	}
	return 0;
}

int env_pattern_valid(const char *pat)
{
	const char *star = strchr(pat, '*');
	if (pat[0] == 0)
		return 0;
	return !star || star[1] == 0;
}

int env_pattern_match(const char *pat, const char *name, size_t n)
{
	size_t l = strlen(pat);
	if (l && pat[l - 1] == '*')
		return n >= l - 1 && !memcmp(name, pat, l - 1);
	return eq(name, n, pat);
}

static size_t name_len(const char *kv)
{
	const char *e = strchr(kv, '=');
	return e ? (size_t)(e - kv) : strlen(kv);
}

static int any_match(const char *const *pats, size_t np, const char *name,
		     size_t n, int explicit_only)
{
	for (size_t i = 0; i < np; i++) {
		if (explicit_only && !strcmp(pats[i], "*"))
			continue;
		if (env_pattern_match(pats[i], name, n))
			return 1;
	}
	return 0;
}

static int set_has(const struct env_policy *pol, const char *name, size_t n)
{
	for (size_t i = 0; i < pol->nset; i++)
		if (name_len(pol->set[i]) == n &&
		    !memcmp(pol->set[i], name, n))
			return 1;
	return 0;
}

int env_build(const char *const *envp, const struct env_policy *pol,
	      const char **out, size_t cap, size_t *nout)
{
	size_t k = 0;

	for (size_t i = 0; envp && envp[i]; i++) {
		const char *kv = envp[i];
		size_t n = name_len(kv);
		if (!strchr(kv, '=') || n == 0)
			continue;                      /* malformed */
		if (env_name_dangerous(kv, n) || env_name_internal(kv, n) ||
		    set_has(pol, kv, n) ||
		    any_match(pol->deny, pol->ndeny, kv, n, 0))
			continue;
		if (pol->nallow && !any_match(pol->allow, pol->nallow, kv, n, 0))
			continue;
		if (env_name_secret(kv, n) &&
		    !any_match(pol->allow, pol->nallow, kv, n, 1))
			continue;
		/* the same name twice in envp: keep the first */
		{
			size_t j;
			for (j = 0; j < k; j++)
				if (name_len(out[j]) == n &&
				    !memcmp(out[j], kv, n))
					break;
			if (j < k)
				continue;
		}
		if (k + 1 >= cap)
			return -1;
		out[k++] = kv;
	}
	for (size_t i = 0; i < pol->nset; i++) {
		size_t n = name_len(pol->set[i]), j;
		for (j = i + 1; j < pol->nset; j++)
			if (name_len(pol->set[j]) == n &&
			    !memcmp(pol->set[j], pol->set[i], n))
				break;
		if (j < pol->nset)
			continue;                      /* a later one wins */
		if (k + 1 >= cap)
			return -1;
		out[k++] = pol->set[i];
	}
	if (k >= cap)
		return -1;
	out[k] = NULL;
	*nout = k;
	return 0;
}
