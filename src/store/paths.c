#include "paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int warned;

static int home(char *out, size_t cap, struct err *e)
{
	const char *h = getenv("HOME");

	if (!h || h[0] != '/')
		return errf(e, "HOME is not set to an absolute path; cannot "
			       "locate nono's state directory");
	if ((size_t)snprintf(out, cap, "%s", h) >= cap)
		return errf(e, "HOME is too long");
	return 0;
}

int state_root(enum root_kind k, char path[PATH_MAX], struct err *e)
{
	static const char *const sub[] = { "audit", "audit", "rollbacks",
					   "rollbacks" };
	char base[PATH_MAX];
	const char *x = getenv("XDG_STATE_HOME");
	int n;

	if (k == ROOT_AUDIT_LEGACY || k == ROOT_ROLLBACK_LEGACY) {
		if (home(base, sizeof base, e) < 0)
			return -1;
		n = snprintf(path, PATH_MAX, "%s/.nono/%s", base, sub[k]);
	} else {
		if (x && x[0] == '/') {
			n = snprintf(base, sizeof base, "%s", x);
		} else {
			if (x && x[0] && !warned) {
				warned = 1;
				fprintf(stderr, "nono: warning: ignoring relative "
						"XDG_STATE_HOME '%s'\n", x);
			}
			if (home(base, sizeof base, e) < 0)
				return -1;
			n = snprintf(base + strlen(base),
				     sizeof base - strlen(base), "/.local/state");
		}
		if (n < 0 || (size_t)n >= sizeof base)
			return errf(e, "state directory path is too long");
		n = snprintf(path, PATH_MAX, "%s/nono/%s", base, sub[k]);
	}
	if (n < 0 || n >= PATH_MAX)
		return errf(e, "state directory path is too long");
	return 0;
}

int config_file(const char *name, char path[PATH_MAX])
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char r[PATH_MAX];
	int n;

	if (x && x[0] == '/' && realpath(x, r))
		n = snprintf(path, PATH_MAX, "%s/nono/%s", x, name);
	else if (home && home[0] == '/')
		n = snprintf(path, PATH_MAX, "%s/.config/nono/%s", home, name);
	else
		return -1;
	return n > 0 && n < PATH_MAX ? 0 : -1;
}
