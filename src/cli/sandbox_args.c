#include "sandbox_args.h"
#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	F_GRANT = 1, F_BYPASS, F_SUPPRESS, F_ALLOW_CWD, F_WORKDIR, F_BLOCK_NET,
	F_ALLOW_NET, F_PROXY, F_PROXY2, F_LISTEN, F_OPEN, F_CONNECT,
	F_ALLOW_CMD, F_BLOCK_CMD, F_PROFILE, F_EXTENDS, F_GPU, F_MACOS,
	F_SB_POLICY, F_LATER, F_LATER_ARG, F_DRY_RUN, F_NO_AUDIT,
	F_NO_AUDIT_INTEGRITY, F_AUDIT_INTEGRITY, F_SIGN_KEY, F_NO_DIAG,
	F_DIAG_JSON, F_STARTUP_TIMEOUT, F_TRUST_OVERRIDE, F_IGNORED,
	F_IGNORED_ARG, F_NO_ROLLBACK, F_SHELL, F_WHY_PATH, F_WHY_OP,
	F_WHY_HOST, F_WHY_PORT, F_WHY_SCOPE, F_WHY_SELF, F_WHY_JSON,
	F_CONFIG, F_NETPROF, F_DOMAIN, F_UPSTREAM, F_UPBYPASS, F_PROXY_PORT,
};

#define RSW (SB_RUN | SB_SHELL | SB_WRAP)
#define RSWY (RSW | SB_WHY)
#define RS (SB_RUN | SB_SHELL)

struct flag {
	const char *name;            /* long name without "--" */
	char sh;                     /* short letter or 0 */
	uint8_t arg;                 /* takes a value */
	uint8_t cmds;
	uint8_t id;
	uint8_t kind;                /* grant kind, for F_GRANT */
	const char *deprecated_for;  /* legacy spelling: its replacement */
	const char *what;            /* F_LATER: the feature's name */
};

static const struct flag FLAGS[] = {
	{ "allow", 'a', 1, RSWY, F_GRANT, G_ALLOW, 0, 0 },
	{ "read", 'r', 1, RSWY, F_GRANT, G_READ, 0, 0 },
	{ "write", 'w', 1, RSWY, F_GRANT, G_WRITE, 0, 0 },
	{ "allow-file", 0, 1, RSWY, F_GRANT, G_ALLOW_FILE, 0, 0 },
	{ "read-file", 0, 1, RSWY, F_GRANT, G_READ_FILE, 0, 0 },
	{ "write-file", 0, 1, RSWY, F_GRANT, G_WRITE_FILE, 0, 0 },
	{ "allow-unix-socket", 0, 1, RSW, F_GRANT, G_SOCK, 0, 0 },
	{ "allow-unix-socket-bind", 0, 1, RSW, F_GRANT, G_SOCK_BIND, 0, 0 },
	{ "allow-unix-socket-dir", 0, 1, RSW, F_GRANT, G_SOCK_DIR, 0, 0 },
	{ "allow-unix-socket-dir-bind", 0, 1, RSW, F_GRANT, G_SOCK_DIR_BIND, 0, 0 },
	{ "allow-unix-socket-subtree", 0, 1, RSW, F_GRANT, G_SOCK_SUBTREE, 0, 0 },
	{ "allow-unix-socket-subtree-bind", 0, 1, RSW, F_GRANT,
	  G_SOCK_SUBTREE_BIND, 0, 0 },
	{ "bypass-protection", 0, 1, RSW, F_BYPASS, 0, 0, 0 },
	{ "override-deny", 0, 1, RSW, F_BYPASS, 0, "--bypass-protection", 0 },
	{ "suppress-save-prompt", 0, 1, RSW, F_SUPPRESS, 0, 0, 0 },
	{ "ignore-denied", 0, 1, RSW, F_SUPPRESS, 0, 0, 0 },
	{ "allow-cwd", 0, 0, RSW, F_ALLOW_CWD, 0, 0, 0 },
	{ "workdir", 0, 1, RSWY, F_WORKDIR, 0, 0, 0 },
	{ "block-net", 0, 0, RSWY, F_BLOCK_NET, 0, 0, 0 },
	{ "net-block", 0, 0, RSWY, F_BLOCK_NET, 0, "--block-net", 0 },
	{ "allow-net", 0, 0, RSWY, F_ALLOW_NET, 0,
	  "network is unrestricted by default", 0 },
	{ "net-allow", 0, 0, RSWY, F_ALLOW_NET, 0,
	  "network is unrestricted by default", 0 },
	{ "network-profile", 0, 1, RSWY, F_NETPROF, 0, 0, "--network-profile" },
	{ "allow-domain", 0, 1, RSW, F_DOMAIN, 0, 0, "--allow-domain" },
	{ "allow-proxy", 0, 1, RSW, F_DOMAIN, 0, "--allow-domain",
	  "--allow-domain" },
	{ "proxy-allow", 0, 1, RSW, F_DOMAIN, 0, "--allow-domain",
	  "--allow-domain" },
	{ "credential", 0, 1, RSW, F_PROXY, 0, 0, "--credential" },
	{ "proxy-credential", 0, 1, RSW, F_PROXY, 0, "--credential",
	  "--credential" },
	{ "allow-endpoint", 0, 1, RSW, F_PROXY, 0, 0, "--allow-endpoint" },
	{ "upstream-proxy", 0, 1, RSW, F_UPSTREAM, 0, 0, "--upstream-proxy" },
	{ "external-proxy", 0, 1, RSW, F_UPSTREAM, 0, "--upstream-proxy",
	  "--upstream-proxy" },
	{ "upstream-bypass", 0, 1, RSW, F_UPBYPASS, 0, 0, "--upstream-bypass" },
	{ "external-proxy-bypass", 0, 1, RSW, F_UPBYPASS, 0,
	  "--upstream-bypass", "--upstream-bypass" },
	{ "proxy-port", 0, 1, RSW, F_PROXY_PORT, 0, 0, "--proxy-port" },
	{ "proxy-ca-validity", 0, 1, RSW, F_PROXY, 0, 0, "--proxy-ca-validity" },
	{ "allow-http2", 0, 0, RSW, F_PROXY, 0, 0, "--allow-http2" },
	{ "env-credential", 0, 1, RSW, F_PROXY, 0, 0, "--env-credential" },
	{ "env-credential-map", 0, 2, RSW, F_PROXY, 0, 0,
	  "--env-credential-map" },
	{ "listen-port", 0, 1, RSW, F_LISTEN, 0, 0, 0 },
	{ "allow-bind", 0, 1, RSW, F_LISTEN, 0, "--listen-port", 0 },
	{ "open-port", 0, 1, RSW, F_OPEN, 0, 0, 0 },
	{ "allow-port", 0, 1, RSW, F_OPEN, 0, "--open-port", 0 },
	{ "allow-connect-port", 0, 1, RSW, F_CONNECT, 0, 0, 0 },
	{ "allow-command", 0, 1, RSW, F_ALLOW_CMD, 0, 0, 0 },
	{ "block-command", 0, 1, RSW, F_BLOCK_CMD, 0, 0, 0 },
	{ "profile", 'p', 1, RSWY, F_PROFILE, 0, 0, 0 },
	{ "extends", 0, 1, RSWY, F_EXTENDS, 0, 0, 0 },
	{ "allow-gpu", 0, 0, RSW, F_GPU, 0, 0, 0 },
	{ "allow-launch-services", 0, 0, RSW, F_MACOS, 0, 0,
	  "--allow-launch-services" },
	{ "sandbox-policy", 0, 1, SB_RUN, F_SB_POLICY, 0, 0, 0 },
	{ "memory", 0, 1, RS, F_LATER_ARG, 0, 0, "--memory (cgroup limits)" },
	{ "capability-elevation", 0, 0, RS, F_LATER, 0, 0,
	  "--capability-elevation (runtime approval)" },
	{ "config", 'c', 1, RSW, F_CONFIG, 0, 0, 0 },
	{ "dry-run", 0, 0, RSW, F_DRY_RUN, 0, 0, 0 },
	{ "detached", 0, 0, SB_RUN, F_LATER, 0, 0, "--detached (sessions)" },
	{ "detach-timeout", 0, 1, SB_RUN, F_IGNORED_ARG, 0, 0, 0 },
	{ "name", 0, 1, SB_RUN, F_LATER_ARG, 0, 0, "--name (sessions)" },
	{ "startup-timeout", 0, 1, RS, F_STARTUP_TIMEOUT, 0, 0, 0 },
	{ "no-diagnostics", 0, 0, SB_RUN, F_NO_DIAG, 0, 0, 0 },
	{ "diagnostics-json", 0, 0, SB_RUN, F_DIAG_JSON, 0, 0, 0 },
	{ "trust-override", 0, 0, RS, F_TRUST_OVERRIDE, 0, 0, 0 },
	{ "rollback", 0, 0, RS, F_LATER, 0, 0, "--rollback (snapshots)" },
	{ "no-rollback", 0, 0, RS, F_NO_ROLLBACK, 0, 0, 0 },
	{ "no-rollback-prompt", 0, 0, RS, F_IGNORED, 0, 0, 0 },
	{ "rollback-exclude", 0, 1, RS, F_IGNORED_ARG, 0, 0, 0 },
	{ "rollback-include", 0, 1, RS, F_IGNORED_ARG, 0, 0, 0 },
	{ "rollback-all", 0, 0, RS, F_IGNORED, 0, 0, 0 },
	{ "skip-dir", 0, 1, RS, F_IGNORED_ARG, 0, 0, 0 },
	{ "rollback-dest", 0, 1, RS, F_LATER_ARG, 0, 0, "--rollback-dest" },
	{ "no-audit", 0, 0, RS, F_NO_AUDIT, 0, 0, 0 },
	{ "no-audit-integrity", 0, 0, RS, F_NO_AUDIT_INTEGRITY, 0, 0, 0 },
	{ "audit-integrity", 0, 0, RS, F_AUDIT_INTEGRITY, 0, 0,
	  "--audit-integrity (filesystem hashing)" },
	{ "audit-sign-key", 0, 1, RS, F_SIGN_KEY, 0, 0, 0 },
	{ "shell", 0, 1, SB_SHELL, F_SHELL, 0, 0, 0 },
	{ "path", 0, 1, SB_WHY, F_WHY_PATH, 0, 0, 0 },
	{ "op", 0, 1, SB_WHY, F_WHY_OP, 0, 0, 0 },
	{ "host", 0, 1, SB_WHY, F_WHY_HOST, 0, 0, 0 },
	{ "port", 0, 1, SB_WHY, F_WHY_PORT, 0, 0, 0 },
	{ "scope", 0, 1, SB_WHY, F_WHY_SCOPE, 0, 0, 0 },
	{ "self", 0, 0, SB_WHY, F_WHY_SELF, 0, 0, 0 },
	{ "json", 0, 0, SB_WHY, F_WHY_JSON, 0, 0, 0 },
	{ "command", 0, 1, SB_WHY, F_LATER_ARG, 0, 0,
	  "--command (command-policy queries)" },
};

static const char *cmd_name(enum sb_cmd c)
{
	return c == SB_RUN ? "run" : c == SB_SHELL ? "shell"
	       : c == SB_WRAP ? "wrap" : "why";
}

static void deprecated(const char *old, const char *now)
{
	if (ui.silent)
		return;
	if (now[0] == '-' || now[0] == 'N')
		fprintf(stderr, "  [nono] Warning: `%s` is deprecated; use `%s` "
			"instead.%s\n", old, now,
			!strcmp(now, "--credential") || !strcmp(now, "NONO_CREDENTIAL")
			? " Will be removed in v1.0.0." : "");
	else
		fprintf(stderr, "  [nono] Warning: `%s` is deprecated; %s.\n",
			old, now);
}

static int parse_port(const char *flag, const char *v, uint16_t *out,
		      struct err *e)
{
	char *end;
	unsigned long n;

	if (!v[0] || strspn(v, "0123456789") != strlen(v) || strlen(v) > 5 ||
	    (n = strtoul(v, &end, 10)) > 65535)
		return errf(e, "invalid value '%.64s' for '%s': expected a "
			    "port number (0-65535)", v, flag);
	*out = (uint16_t)n;
	return 0;
}

static int parse_bool(const char *name, const char *v, int *out,
		      struct err *e)
{
	static const char *const T[] = { "true", "yes", "1", "on" };
	static const char *const F[] = { "false", "no", "0", "off" };
	for (size_t i = 0; i < 4; i++) {
		if (!strcasecmp(v, T[i])) {
			*out = 1;
			return 0;
		}
		if (!strcasecmp(v, F[i])) {
			*out = 0;
			return 0;
		}
	}
	return errf(e, "invalid value '%.64s' for %s: expected true, false, "
		    "yes, no, 1 or 0", v, name);
}

static int add_port(uint16_t *list, size_t *n, uint16_t p, struct err *e)
{
	if (*n >= SB_MAX_LIST)
		return errf(e, "too many ports (at most %d)", SB_MAX_LIST);
	list[(*n)++] = p;
	return 0;
}

static int add_str(const char **list, size_t *n, const char *s,
		   struct err *e)
{
	if (*n >= SB_MAX_LIST)
		return errf(e, "too many values (at most %d)", SB_MAX_LIST);
	list[(*n)++] = s;
	return 0;
}

static int add_grant(struct sandbox_args *a, uint8_t kind, const char *p,
		     struct err *e)
{
	if (a->ngrants >= SB_MAX_GRANTS)
		return errf(e, "too many grants (at most %d)", SB_MAX_GRANTS);
	a->grants[a->ngrants].kind = kind;
	a->grants[a->ngrants].path = p;
	a->ngrants++;
	return 0;
}

/* Environment variables, applied only where no flag was given. */
/* A comma-separated variable into list (the strings are a copy). */
static int env_list(const char *v, const char **list, size_t *n,
		    struct err *e)
{
	char *copy = strdup(v), *save = NULL, *tok;

	if (!copy)
		return errf(e, "out of memory");
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (*tok && add_str(list, n, tok, e) < 0)
			return -1;
	return 0;
}

/* NONO_NETWORK_PROFILE, NONO_ALLOW_DOMAIN, NONO_UPSTREAM_PROXY and
 * NONO_UPSTREAM_BYPASS where no flag of the kind was given; the
 * credential variables need what this build does not have. */
static int proxy_env(struct sandbox_args *a, struct err *e)
{
	static const char *const LATER[] = {
		"NONO_CREDENTIAL", "NONO_ENV_CREDENTIAL",
	};
	const char *v;

	for (size_t i = 0; i < sizeof LATER / sizeof *LATER; i++)
		if ((v = getenv(LATER[i])) && *v)
			return errf(e, "%s is set, but credential injection is "
				    "not available in this build yet", LATER[i]);
	if (!a->network_profile && (v = getenv("NONO_NETWORK_PROFILE")) && *v) {
		a->network_profile = v;
		if (!a->proxy_flag)
			a->proxy_flag = "--network-profile";
	}
	if (!a->ndomains && (v = getenv("NONO_ALLOW_DOMAIN")) && *v) {
		if (env_list(v, a->domains, &a->ndomains, e) < 0)
			return -1;
		if (a->ndomains && !a->proxy_flag)
			a->proxy_flag = "--allow-domain";
	}
	if (!a->upstream_proxy && (v = getenv("NONO_UPSTREAM_PROXY")) && *v) {
		a->upstream_proxy = v;
		if (!a->proxy_flag)
			a->proxy_flag = "--upstream-proxy";
	}
	if (!a->nupstream_bypass && (v = getenv("NONO_UPSTREAM_BYPASS")) && *v &&
	    env_list(v, a->upstream_bypass, &a->nupstream_bypass, e) < 0)
		return -1;
	return 0;
}

static int apply_env(struct sandbox_args *a, int saw_allow, int saw_net,
		     int saw_timeout, struct err *e)
{
	static const char *const LEGACY[][2] = {
		{ "NONO_NET_BLOCK", "NONO_BLOCK_NET" },
		{ "NONO_NET_ALLOW", "NONO_ALLOW_NET" },
		{ "NONO_ALLOW_PROXY", "NONO_ALLOW_DOMAIN" },
		{ "NONO_PROXY_ALLOW", "NONO_ALLOW_DOMAIN" },
		{ "NONO_PROXY_CREDENTIAL", "NONO_CREDENTIAL" },
		{ "NONO_EXTERNAL_PROXY", "NONO_UPSTREAM_PROXY" },
		{ "NONO_EXTERNAL_PROXY_BYPASS", "NONO_UPSTREAM_BYPASS" },
	};
	const char *v;
	int b;

	for (size_t i = 0; i < sizeof LEGACY / sizeof *LEGACY; i++)
		if ((v = getenv(LEGACY[i][0])) != NULL) {
			deprecated(LEGACY[i][0], LEGACY[i][1]);
			if (!getenv(LEGACY[i][1]))
				setenv(LEGACY[i][1], v, 1);
		}
	if (!saw_allow && a->cmd != SB_WHY && (v = getenv("NONO_ALLOW")) &&
	    *v) {
		/* comma-separated */
		const char *paths[SB_MAX_LIST];
		size_t n = 0;
		if (env_list(v, paths, &n, e) < 0)
			return -1;
		for (size_t i = 0; i < n; i++)
			if (add_grant(a, G_ALLOW, paths[i], e) < 0)
				return -1;
	}
	if (!saw_net) {
		int bn = 0, an = 0;
		if ((v = getenv("NONO_BLOCK_NET")) && *v &&
		    parse_bool("NONO_BLOCK_NET", v, &bn, e) < 0)
			return -1;
		if ((v = getenv("NONO_ALLOW_NET")) && *v &&
		    parse_bool("NONO_ALLOW_NET", v, &an, e) < 0)
			return -1;
		if (bn && an)
			return errf(e, "NONO_BLOCK_NET and NONO_ALLOW_NET "
				    "cannot both be true");
		if (!a->block_net && !a->allow_net) {
			a->block_net = bn;
			a->allow_net = an;
		}
	}
	if (!a->profile && (v = getenv("NONO_PROFILE")) && *v)
		a->profile = v;
	if (a->cmd != SB_WHY && proxy_env(a, e) < 0)
		return -1;
	if ((v = getenv("NONO_CAPABILITY_ELEVATION")) && *v &&
	    a->cmd != SB_WHY) {
		if (parse_bool("NONO_CAPABILITY_ELEVATION", v, &b, e) < 0)
			return -1;
		if (b)
			return errf(e, "NONO_CAPABILITY_ELEVATION is set, but "
				    "runtime capability elevation is not "
				    "available in this build yet");
	}
	if (!saw_timeout && (a->cmd == SB_RUN || a->cmd == SB_SHELL) &&
	    (v = getenv("NONO_STARTUP_TIMEOUT")) && *v) {
		char *end;
		unsigned long n = strtoul(v, &end, 10);
		if (*end || strspn(v, "0123456789") != strlen(v) || n > 86400)
			return errf(e, "invalid value '%.64s' for "
				    "NONO_STARTUP_TIMEOUT: expected seconds", v);
		a->has_startup_timeout = 1;
		a->startup_timeout = (unsigned)n;
	}
	if ((v = getenv("NONO_TRUST_OVERRIDE")) && *v && !a->trust_override &&
	    parse_bool("NONO_TRUST_OVERRIDE", v, &a->trust_override, e) < 0)
		return -1;
	return 0;
}

static const struct flag *find_long(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof FLAGS / sizeof *FLAGS; i++)
		if (strlen(FLAGS[i].name) == n && !memcmp(FLAGS[i].name, name, n))
			return &FLAGS[i];
	return NULL;
}

static const struct flag *find_short(char c)
{
	for (size_t i = 0; i < sizeof FLAGS / sizeof *FLAGS; i++)
		if (FLAGS[i].sh == c)
			return &FLAGS[i];
	return NULL;
}

int sandbox_args_parse(struct sandbox_args *a, enum sb_cmd cmd, int argc,
		       char **argv, struct err *e)
{
	int saw_allow = 0, saw_net = 0, saw_timeout = 0, no_rollback = 0;
	const char *proxy_later = NULL, *profile = NULL, *extends = NULL;
	const char *later = NULL;
	char shaping_buf[64], *shaping = NULL;

	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	a->nprog = -1;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i], *val = NULL, *val2 = NULL;
		const struct flag *f = NULL;
		char shown[80];

		if (!strcmp(arg, "--")) {
			a->prog = argv + i + 1;
			a->nprog = argc - i - 1;
			break;
		}
		if (arg[0] == '-' && arg[1] == '-' && arg[2]) {
			const char *eq = strchr(arg + 2, '=');
			size_t n = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
			f = find_long(arg + 2, n);
			if (f && eq) {
				if (!f->arg)
					return errf(e, "unexpected value '%.64s' "
						    "for '--%s'", eq + 1, f->name);
				val = eq + 1;
			}
			snprintf(shown, sizeof shown, "--%s",
				 f ? f->name : "");
		} else if (arg[0] == '-' && arg[1] && arg[1] != '-') {
			f = find_short(arg[1]);
			if (f && f->arg && arg[2])
				val = arg[2] == '=' ? arg + 3 : arg + 2;
			else if (f && arg[2])
				f = NULL;
			snprintf(shown, sizeof shown, "-%c", arg[1]);
		} else {
			return errf(e, "unexpected argument '%.200s' found; the "
				    "command goes after '--' (usage: nono %s "
				    "[OPTIONS] -- <COMMAND> [ARGS]...)", arg,
				    cmd_name(cmd));
		}
		if (!f || !(f->cmds & cmd))
			return errf(e, "unexpected argument '%.200s' found "
				    "(see nono %s --help)", arg, cmd_name(cmd));
		if (f->arg && !val) {
			if (i + 1 >= argc || !strcmp(argv[i + 1], "--"))
				return errf(e, "a value is required for '%s'",
					    shown);
			val = argv[++i];
		}
		if (f->arg == 2) {
			if (i + 1 >= argc || !strcmp(argv[i + 1], "--"))
				return errf(e, "'%s' takes two values", shown);
			val2 = argv[++i];
		}
		(void)val2;
		/* flags that shape the capability set: not with --config */
		if (!shaping && (f->id == F_GRANT || f->id == F_BYPASS ||
		    f->id == F_ALLOW_CWD || f->id == F_BLOCK_NET ||
		    f->id == F_ALLOW_NET || f->id == F_PROXY ||
		    f->id == F_NETPROF || f->id == F_DOMAIN ||
		    f->id == F_UPSTREAM || f->id == F_UPBYPASS ||
		    f->id == F_PROXY_PORT ||
		    f->id == F_LISTEN || f->id == F_OPEN ||
		    f->id == F_CONNECT || f->id == F_ALLOW_CMD ||
		    f->id == F_BLOCK_CMD || f->id == F_PROFILE ||
		    f->id == F_EXTENDS || f->id == F_GPU))
			{
			snprintf(shaping_buf, sizeof shaping_buf, "--%s", f->name);
			shaping = shaping_buf;
		}
		if (f->deprecated_for && f->id != F_PROXY)
			deprecated(arg[1] == '-' ? shown : arg, f->deprecated_for);
		switch (f->id) {
		case F_GRANT:
			if (f->kind == G_ALLOW)
				saw_allow = 1;
			if (add_grant(a, f->kind, val, e) < 0)
				return -1;
			break;
		case F_BYPASS:
			if (add_str(a->bypass, &a->nbypass, val, e) < 0)
				return -1;
			break;
		case F_SUPPRESS:
		case F_IGNORED:
		case F_IGNORED_ARG:
			break;
		case F_ALLOW_CWD:
			a->allow_cwd = 1;
			break;
		case F_WORKDIR:
			a->workdir = val;
			break;
		case F_BLOCK_NET:
			a->block_net = 1;
			saw_net = 1;
			break;
		case F_ALLOW_NET:
			a->allow_net = 1;
			saw_net = 1;
			break;
		case F_PROXY:
			if (!proxy_later)
				proxy_later = f->what;
			if (f->deprecated_for)
				deprecated(shown, f->deprecated_for);
			break;
		case F_NETPROF:
		case F_DOMAIN:
		case F_UPSTREAM:
		case F_UPBYPASS:
		case F_PROXY_PORT:
			if (!a->proxy_flag && f->id != F_UPBYPASS &&
			    f->id != F_PROXY_PORT)
				a->proxy_flag = f->what;
			if (f->id == F_NETPROF)
				a->network_profile = val;
			else if (f->id == F_UPSTREAM)
				a->upstream_proxy = val;
			else if (f->id == F_PROXY_PORT) {
				if (parse_port(shown, val, &a->proxy_port,
					       e) < 0)
					return -1;
				a->has_proxy_port = 1;
			} else if (add_str(f->id == F_DOMAIN ? a->domains
					   : a->upstream_bypass,
					   f->id == F_DOMAIN ? &a->ndomains
					   : &a->nupstream_bypass, val, e) < 0)
				return -1;
			break;
		case F_LISTEN:
		case F_OPEN:
		case F_CONNECT: {
			uint16_t p;
			if (parse_port(shown, val, &p, e) < 0)
				return -1;
			if (add_port(f->id == F_LISTEN ? a->listen_ports
				     : f->id == F_OPEN ? a->open_ports
				     : a->connect_ports,
				     f->id == F_LISTEN ? &a->nlisten
				     : f->id == F_OPEN ? &a->nopen : &a->nconnect,
				     p, e) < 0)
				return -1;
			break;
		}
		case F_ALLOW_CMD:
		case F_BLOCK_CMD:
			if (!ui.silent)
				fprintf(stderr, "  [nono] Warning: `%s` is "
					"deprecated since v0.33.0: it only checks "
					"the directly invoked command.\n", shown);
			if (add_str(f->id == F_ALLOW_CMD ? a->allow_cmds
				    : a->block_cmds,
				    f->id == F_ALLOW_CMD ? &a->nallow_cmds
				    : &a->nblock_cmds, val, e) < 0)
				return -1;
			break;
		case F_PROFILE:
			profile = a->profile = val;
			break;
		case F_EXTENDS:
			extends = val;
			if (add_str(a->extends, &a->nextends, val, e) < 0)
				return -1;
			break;
		case F_GPU:
			a->allow_gpu = 1;
			break;
		case F_MACOS:
			return errf(e, "%s is only supported on macOS", f->what);
		case F_SB_POLICY:
			if (strcmp(val, "auto") && strcmp(val, "landlock") &&
			    strcmp(val, "external"))
				return errf(e, "invalid value '%.64s' for "
					    "'--sandbox-policy': expected auto, "
					    "landlock or external", val);
			a->sandbox_policy = val;
			break;
		case F_LATER:
		case F_LATER_ARG:
			if (!later)
				later = f->what;
			break;
		case F_DRY_RUN:
			a->dry_run = 1;
			break;
		case F_CONFIG:
			a->config = val;
			break;
		case F_NO_AUDIT:
			a->no_audit = 1;
			break;
		case F_NO_AUDIT_INTEGRITY:
			a->no_audit_integrity = 1;
			break;
		case F_AUDIT_INTEGRITY:
			a->audit_integrity = 1;
			if (!later)
				later = f->what;
			break;
		case F_SIGN_KEY:
			a->audit_sign_key = val;
			break;
		case F_NO_DIAG:
			a->no_diagnostics = 1;
			break;
		case F_DIAG_JSON:
			a->diagnostics_json = 1;
			break;
		case F_STARTUP_TIMEOUT: {
			char *end;
			unsigned long n = strtoul(val, &end, 10);
			if (!*val || *end || strspn(val, "0123456789") !=
			    strlen(val) || n > 86400)
				return errf(e, "invalid value '%.64s' for "
					    "'--startup-timeout': expected "
					    "seconds", val);
			a->has_startup_timeout = 1;
			a->startup_timeout = (unsigned)n;
			saw_timeout = 1;
			break;
		}
		case F_TRUST_OVERRIDE:
			a->trust_override = 1;
			break;
		case F_NO_ROLLBACK:
			no_rollback = 1;
			break;
		case F_SHELL:
			a->shell = val;
			break;
		case F_WHY_PATH:
			a->why_path = val;
			break;
		case F_WHY_OP:
			a->why_op = val;
			break;
		case F_WHY_HOST:
			a->why_host = val;
			break;
		case F_WHY_PORT: {
			uint16_t p;
			if (parse_port("--port", val, &p, e) < 0)
				return -1;
			a->why_port = p;
			a->why_port_set = 1;
			break;
		}
		case F_WHY_SCOPE:
			a->why_scope = val;
			break;
		case F_WHY_SELF:
			a->why_self = 1;
			break;
		case F_WHY_JSON:
			a->why_json = 1;
			break;
		}
	}
	/* conflicts, in the original's words */
	if (a->block_net && a->allow_net)
		return errf(e, "the argument '--block-net' cannot be used with "
			    "'--allow-net'");
	if (a->no_audit && a->audit_integrity)
		return errf(e, "the argument '--no-audit' cannot be used with "
			    "'--audit-integrity'");
	if (a->no_audit && a->audit_sign_key)
		return errf(e, "the argument '--no-audit' cannot be used with "
			    "'--audit-sign-key <AUDIT_SIGN_KEY>'");
	if (a->no_audit_integrity && a->audit_integrity)
		return errf(e, "the argument '--no-audit-integrity' cannot be "
			    "used with '--audit-integrity'");
	if (a->no_audit_integrity && a->audit_sign_key)
		return errf(e, "--audit-sign-key cannot be combined with "
			    "--no-audit-integrity: the signature covers the "
			    "audit integrity summary");
	if (extends && !profile)
		return errf(e, "the following required arguments were not "
			    "provided: --profile <PROFILE> (needed by "
			    "--extends)");
	if (a->config && shaping)
		return errf(e, "the argument '--config <MANIFEST>' cannot be "
			    "used with '%s'", shaping);
	if (a->config) {
		static const char *const ENV[] = {
			"NONO_PROFILE", "NONO_ALLOW", "NONO_BLOCK_NET",
			"NONO_ALLOW_NET", "NONO_NET_BLOCK", "NONO_NET_ALLOW",
		};
		const char *v;
		for (size_t i = 0; i < sizeof ENV / sizeof *ENV; i++)
			if ((v = getenv(ENV[i])) && *v)
				return errf(e, "the argument '--config "
					    "<MANIFEST>' cannot be used with "
					    "%s (set in the environment)",
					    ENV[i]);
	}
	if (apply_env(a, saw_allow, saw_net, saw_timeout, e) < 0)
		return -1;
	if (a->proxy_flag && a->block_net) {
		if (!strcmp(a->proxy_flag, "--network-profile"))
			return errf(e, "--block-net and --network-profile are "
				    "contradictory: a network profile requires "
				    "proxy mode");
		if (!strcmp(a->proxy_flag, "--allow-domain"))
			return errf(e, "--block-net and --allow-domain are "
				    "contradictory: domain filtering requires "
				    "proxy mode");
	}
	if (proxy_later && a->block_net && !strcmp(proxy_later, "--credential"))
		return errf(e, "--block-net and --credential are "
			    "contradictory: credential injection "
			    "requires the proxy to be reachable");
	if (!a->proxy_flag && (a->has_proxy_port || a->nupstream_bypass))
		a->proxy_flag = a->has_proxy_port ? "--proxy-port"
						  : "--upstream-bypass";
	if ((a->proxy_flag || proxy_later) && a->allow_net)
		return errf(e, "the argument '--allow-net' cannot be used with "
			    "'%s'", a->proxy_flag ? a->proxy_flag : proxy_later);
	if ((a->proxy_flag || proxy_later) && cmd == SB_WRAP)
		return errf(e, "nono wrap does not support proxy flags "
			    "(--network-profile, --allow-domain, --credential, "
			    "--upstream-proxy, --upstream-bypass). The network "
			    "proxy requires a parent process. Use nono run "
			    "instead.");
	if (proxy_later)
		return errf(e, "%s needs credential injection or TLS "
			    "interception in the network proxy, which is not "
			    "available in this build yet", proxy_later);
	if (later)
		return errf(e, "%s is not available in this build yet", later);
	(void)no_rollback;
	if (cmd != SB_WHY) {
		if (a->nprog < 0 && cmd != SB_SHELL)
			return errf(e, "No command specified (usage: nono %s "
				    "[OPTIONS] -- <COMMAND> [ARGS]...)",
				    cmd_name(cmd));
		if (a->nprog == 0 && cmd != SB_SHELL)
			return errf(e, "No command specified");
		if (a->nprog > 0 && cmd == SB_SHELL)
			return errf(e, "nono shell takes no command; use "
				    "--shell PATH to choose the shell");
	} else if (a->nprog >= 0) {
		return errf(e, "nono why takes no command after '--'");
	}
	return 0;
}
