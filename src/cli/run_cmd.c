/*
 * nono run | shell | wrap (spec/cli-run.md): resolve the capability set,
 * plan Landlock and seccomp, then either supervise the program (run,
 * shell) or become it (wrap).
 */
#include "cap_state.h"
#include "caps_print.h"
#include "config.h"
#include "commands.h"
#include "env_filter.h"
#include "landlock.h"
#include "landlock_plan.h"
#include "proxy.h"
#include "run_audit.h"
#include "sandbox_args.h"
#include "sandbox_build.h"
#include "sandbox_exec.h"
#include "seccomp_prog.h"
#include "seccomp_plan.h"
#include "supervisor.h"
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static struct sandbox_args args;
static struct sb_build build;
static struct ll_plan llp;
static struct sc_plan scp;
static struct bpf_prog bpf;
static struct run_audit ra;
static struct proxy px;            /* pid > 0 while the proxy runs */

#define ENV_MAX 8192

/* which(1): the program as the child will run it. */
static int resolve_program(const char *prog, char out[PATH_MAX],
			   struct err *e)
{
	const char *path = getenv("PATH");
	struct stat st;

	if (strchr(prog, '/')) {
		if (prog[0] == '/') {
			if (strlen(prog) >= PATH_MAX)
				return errf(e, "command path is too long");
			strcpy(out, prog);
		} else {
			char cwd[PATH_MAX];
			if (!getcwd(cwd, sizeof cwd) ||
			    (size_t)snprintf(out, PATH_MAX, "%s/%s", cwd,
					     prog) >= PATH_MAX)
				return errf(e, "command path is too long");
		}
		if (stat(out, &st) < 0)
			return errf_sys(e, "cannot run '%s'", prog);
		return 0;
	}
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		const char *c = strchr(path, ':');
		size_t n = c ? (size_t)(c - path) : strlen(path);
		if (n && n + 1 + strlen(prog) < PATH_MAX && path[0] == '/') {
			memcpy(out, path, n);
			out[n] = '/';
			strcpy(out + n + 1, prog);
			if (stat(out, &st) == 0 && S_ISREG(st.st_mode) &&
			    access(out, X_OK) == 0)
				return 0;
		}
		path += n + (c ? 1 : 0);
	}
	return errf(e, "command not found: %s", prog);
}

static int blocked(const struct capset *cs, const char *typed,
		   struct err *e)
{
	const char *base = strrchr(typed, '/');
	base = base ? base + 1 : typed;
	for (size_t i = 0; i < cs->nblocked; i++)
		if (!strcmp(cs->blocked_cmds[i], base))
			return errf(e, "Command '%s' is blocked: Command "
				    "blocking is deprecated in v0.33.0 and only "
				    "checks the directly-invoked startup command. "
				    "Child processes can bypass it. Prefer "
				    "resource-based controls such as "
				    "add_deny_access, narrower filesystem grants, "
				    "unlink_protection, and network policy.", base);
	return 0;
}

/* Instruction-file trust verification is not built yet: refuse when a
 * policy would ask for it (fail closed). */
static int trust_check(const struct sandbox_args *a, const char *workdir,
		       struct err *e)
{
	char p[PATH_MAX + 64];
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct stat st;

	if (a->trust_override)
		return 0;
	snprintf(p, sizeof p, "%s/trust-policy.json", workdir);
	if (stat(p, &st) == 0)
		goto refuse;
	snprintf(p, sizeof p, "%s/.nono-trust.bundle", workdir);
	if (stat(p, &st) == 0)
		goto refuse;
	if (x && x[0] == '/')
		snprintf(p, sizeof p, "%s/nono/trust-policy.json", x);
	else if (home)
		snprintf(p, sizeof p, "%s/.config/nono/trust-policy.json", home);
	else
		return 0;
	if (stat(p, &st) == 0)
		goto refuse;
	return 0;
refuse:
	return errf(e, "%s exists, but instruction-file trust verification "
		    "is not available in this build yet; re-run with "
		    "--trust-override to run without it", p);
}

static int sandbox_fail(const struct err *e)
{
	if (build.detail[0]) {
		fprintf(stderr, "nono: %s\n", build.detail);
		return 1;
	}
	return ui_fail(e);
}

static int plan(enum sb_cmd cmd, struct err *e)
{
	uint8_t mm[1024];
	struct nbuf m;
	int abi = landlock_abi();

	nbuf_init(&m, mm, sizeof mm);
	if (ll_plan_build(&build.cs, abi,
			  args.sandbox_policy &&
			  !strcmp(args.sandbox_policy, "external"),
			  &llp, &m) < 0)
		return errf(e, "Sandbox initialization failed: %s", (char *)mm);
	if (llp.abi >= 1 && args.sandbox_policy &&
	    !strcmp(args.sandbox_policy, "landlock") &&
	    (llp.degraded & LL_LACKS_TCP))
		return errf(e, "Sandbox initialization failed: network "
			    "filtering requires Landlock V4+ "
			    "(--sandbox-policy landlock)");
	if (sc_plan_build(&build.cs, &llp, cmd != SB_WRAP, &scp, &m) < 0)
		return errf(e, "%s", (char *)mm);
	return 0;
}

static void print_degraded_warning(void)
{
	if (!llp.degraded || ui.silent)
		return;
	fprintf(stderr, "nono: warning: this kernel's Landlock (V%d) cannot "
		"enforce everything (see the kernel line above)\n", llp.abi);
}

/* The child's environment (spec/enforcement.md §5): the profile's
 * allow_vars/deny_vars/set_vars, then NONO_CAP_FILE. */
static int child_env(const char *cap_file, const char **env, struct err *e)
{
	static char capvar[PATH_MAX + 16];
	static const char *set[PROF_LIST_MAX + 17];
	struct env_policy pol = { NULL, 0, NULL, 0, set, 0 };
	const struct profile *p = build.prof_active ? &build.prof->p : NULL;
	size_t n;

	if (p) {
		pol.allow = p->env_allow.v;
		pol.nallow = p->env_allow.n;
		pol.deny = p->env_deny.v;
		pol.ndeny = p->env_deny.n;
		for (uint16_t i = 0; i < p->env_set.n; i++)
			set[pol.nset++] = p->env_set.v[i];
	}
	if (build.proxy.active && px.pid > 0)
		pol.nset += proxy_plan_env(&build.proxy, &px, &build.cs,
					   set + pol.nset, 16);
	snprintf(capvar, sizeof capvar, "NONO_CAP_FILE=%s", cap_file);
	set[pol.nset++] = capvar;
	if (env_build((const char *const *)environ, &pol, env, ENV_MAX, &n) < 0)
		return errf(e, "the environment is too large");
	return 0;
}

/* Zero the values of variables the child does not get, in our own
 * environment block, so /proc/<supervisor>/environ does not hold them
 * either (the supervisor is not dumpable anyway). */
static void scrub_own_environ(const char **kept)
{
	for (char **p = environ; *p; p++) {
		int k = 0;
		for (const char **q = kept; *q && !k; q++)
			k = *q == *p;
		if (!k) {
			char *eq = strchr(*p, '=');
			if (eq)
				memset(eq + 1, 0, strlen(eq + 1));
		}
	}
}

static void diag_footer(int code, int status, const struct supervisor *s)
{
	const struct capset *cs = &build.cs;

	if (args.no_diagnostics || ui.silent)
		return;
	if (args.diagnostics_json) {
		fprintf(stderr, "{\"exit_code\":%d,\"denials\":[", code);
		for (size_t i = 0; i < ra.ndenials; i++)
			fprintf(stderr, "%s{\"op\":\"%s\",\"path\":\"%s\"}",
				i ? "," : "", ra.denials[i].op,
				ra.denials[i].path);
		fprintf(stderr, "],\"denials_total\":%llu}\n",
			(unsigned long long)s->denied);
		return;
	}
	fprintf(stderr, "\n  %sNONO DIAGNOSTIC%s\n", ui.color ? "\033[1m" : "",
		ui.color ? "\033[0m" : "");
	if (WIFSIGNALED(status))
		fprintf(stderr, "  Exit %d: the program was killed by signal "
			"%d (%s).\n", code, WTERMSIG(status),
			strsignal(WTERMSIG(status)));
	else if (code == 127)
		fprintf(stderr, "  Exit 127: Failed to execute command.\n");
	else if (code == 126)
		fprintf(stderr, "  Exit 126: Permission denied (the sandbox "
			"could not start the program, or it may not execute "
			"it).\n");
	else
		fprintf(stderr, "  Exit %d.\n", code);
	fprintf(stderr, "  Sandbox policy:\n");
	for (size_t i = 0; i < cs->nfs; i++)
		if (cap_is_user_intent(&cs->fs[i]))
			fprintf(stderr, "    %-10s %s\n",
				cap_access_str(cs->fs[i].access),
				cs->fs[i].resolved);
	fprintf(stderr, "    + system and group paths (nono run -v --dry-run "
		"lists them)\n");
	fprintf(stderr, "  Network: %s\n", cs->net == NET_BLOCKED
		? "outbound blocked" : cs->net == NET_PROXY
		? "through the proxy (allow-listed hosts)" : "outbound allowed");
	if (s->denied) {
		fprintf(stderr, "  Denied by the supervisor (%llu):\n",
			(unsigned long long)s->denied);
		for (size_t i = 0; i < ra.ndenials; i++)
			fprintf(stderr, "    %s %s\n      suggestion: "
				"--allow-unix-socket %s\n", ra.denials[i].op,
				ra.denials[i].path, ra.denials[i].path);
	}
	fprintf(stderr, "  Files outside the policy fail with 'Permission "
		"denied'; `nono why --path P --op read` explains a path.\n\n");
}

/* What run and wrap hand to sandbox_exec alike ("Applying sandbox..."). */
static void launch_init(struct sandbox_launch *l, const char *exe,
			char **argv, const char **env, int ruleset)
{
	if (!ui.silent)
		fprintf(stderr, "  Applying sandbox...\n\n");
	memset(l, 0, sizeof *l);
	l->path = exe;
	argv[0] = (char *)exe;
	l->argv = argv;
	l->envp = (char *const *)env;
	l->start_dir = build.start_dir;
	l->ruleset_fd = ruleset;
	l->ll = &llp;
	l->rule_pid = getpid();
	l->bpf = &bpf;
}

/* Stops the proxy (if any) and keeps its events for the audit. */
static char *netev;
static size_t netlen;

static int proxy_events(void)
{
	struct err e;

	if (px.pid <= 0)
		return 0;
	if (proxy_stop(&px, &netev, &netlen, &e) < 0) {
		ui_fail(&e);
		return -1;
	}
	return 0;
}

static int proxy_failed;

static void proxy_stop_cb(void *ctx)
{
	(void)ctx;
	if (proxy_events() < 0)
		proxy_failed = 1;
}

static int supervised(enum sb_cmd cmd, char **argv, int argc,
		      const char *exe)
{
	static const char *env[ENV_MAX];
	struct supervisor s;
	struct sandbox_launch l;
	struct err e;
	char cap_file[PATH_MAX];
	int ruleset = -1, code;

	/* the state file the program may read (why --self) */
	if (cap_state_write(&build.cs, cap_file, &e) < 0)
		return ui_fail(&e);
	{
		struct fs_cap c = { cap_file, cap_file, NULL, CAP_READ, 1,
				    SRC_SYSTEM, FT_REG };
		if (capset_add_fs(&build.cs, &c) < 0 ||
		    plan(cmd, &e) < 0) {
			unlink(cap_file);
			return build.cs.nfs >= CAPSET_FS_MAX
			       ? ui_failf("too many filesystem capabilities")
			       : ui_fail(&e);
		}
	}
	if (landlock_ruleset_build(&llp, &ruleset, &e) < 0 ||
	    seccomp_prog_build(&scp, &bpf, &e) < 0 ||
	    child_env(cap_file, env, &e) < 0) {
		unlink(cap_file);
		if (ruleset >= 0)
			close(ruleset);
		return ui_fail(&e);
	}
	if (!args.no_audit &&
	    run_audit_start(&ra, &build.cs, build.workdir_canon, argv, argc,
			    exe, llp.abi, !args.no_audit_integrity,
			    args.audit_sign_key, &e) < 0) {
		unlink(cap_file);
		close(ruleset);
		return ui_fail(&e);
	}
	launch_init(&l, exe, argv, env, ruleset);
	l.want_listener = scp.notify;
	memset(&s, 0, sizeof s);
	s.launch = &l;
	s.cs = &build.cs;
	s.use_pty = isatty(0) && isatty(1) && isatty(2);
	s.startup_timeout = args.has_startup_timeout ? args.startup_timeout : 0;
	s.prog_name = argv[0];
	s.record = run_audit_decision;
	s.ctx = &ra;
	s.before_reap = proxy_stop_cb;
	scrub_own_environ(env);
	if (supervisor_run(&s, &e) < 0) {
		struct err fe;
		close(ruleset);
		unlink(cap_file);
		ui_fail(&e);
		proxy_events();
		if (run_audit_finish(&ra, 1, netev, netlen, &fe) < 0)
			ui_fail(&fe);
		return 1;
	}
	close(ruleset);
	unlink(cap_file);
	code = supervisor_exit_code(s.status);
	if (s.timed_out && !ui.silent) {
		const char *base = strrchr(exe, '/');
		fprintf(stderr, "blocked: `%s` has not become interactive after "
			"%u seconds.\nTerminating process — re-run with -v to "
			"inspect denied paths.\n", base ? base + 1 : exe,
			s.startup_timeout);
	}
	if ((proxy_failed || proxy_events() < 0) && code == 0)
		code = 1;
	if (run_audit_finish(&ra, code, netev, netlen, &e) < 0) {
		ui_fail(&e);
		if (code == 0)
			code = 1;       /* the record is part of the job */
	}
	if (!s.timed_out && !args.no_diagnostics && !ui.silent &&
	    (WIFSIGNALED(s.status) || (code >= 129 && code <= 143)))
		fprintf(stderr, "[nono] Session stopped.\n");
	if (cmd == SB_RUN && (code != 0 || s.denied))
		diag_footer(code, s.status, &s);
	return code;
}

static int direct(char **argv, int argc, const char *exe)
{
	static const char *env[ENV_MAX];
	struct sandbox_launch l;
	struct err e;
	int ruleset = -1;

	(void)argc;
	if (plan(SB_WRAP, &e) < 0)
		return ui_fail(&e);
	if (landlock_ruleset_build(&llp, &ruleset, &e) < 0 ||
	    seccomp_prog_build(&scp, &bpf, &e) < 0 ||
	    child_env("/dev/null", env, &e) < 0)
		return ui_fail(&e);
	launch_init(&l, exe, argv, env, ruleset);
	l.status_fd = -1;
	l.ack_fd = -1;
	l.pty_slave = -1;
	l.stdio[0] = l.stdio[1] = l.stdio[2] = -1;
	sandbox_exec(&l);
}

/* The programs whose state a built-in profile knows (spec/profiles.md
 * §6): a hint when they run without --profile. */
static void profile_hint(const char *prog)
{
	static const char *const KNOWN[] = { "openclaw", "swival" };
	const char *b = strrchr(prog, '/');

	b = b ? b + 1 : prog;
	if (args.profile || ui.silent)
		return;
	for (size_t i = 0; i < sizeof KNOWN / sizeof *KNOWN; i++)
		if (!strcmp(b, KNOWN[i]))
			fprintf(stderr, "  Hint: `%s` usually needs the built-in "
				"`%s` profile for its state and auth paths.\n",
				b, KNOWN[i]);
}

static int sandboxed(enum sb_cmd cmd, int argc, char **argv)
{
	static char *shell_argv[2];
	char exe[PATH_MAX];
	char **prog;
	int nprog;
	struct err e;

	if (sandbox_args_parse(&args, cmd, argc, argv, &e) < 0)
		return ui_fail(&e);
	if (cmd == SB_SHELL) {
		const char *sh = args.shell ? args.shell : getenv("SHELL");
		shell_argv[0] = (char *)(sh && *sh ? sh : "/bin/sh");
		shell_argv[1] = NULL;
		prog = shell_argv;
		nprog = 1;
	} else {
		prog = args.prog;
		nprog = args.nprog;
	}
	if (!config_get(&e))
		return ui_fail(&e);
	profile_hint(prog[0]);
	if (sandbox_build(&build, &args, SB_STAGE_PREPARE, &e) < 0)
		return sandbox_fail(&e);
	if (blocked(&build.cs, prog[0], &e) < 0 ||
	    (cmd != SB_WRAP && trust_check(&args, build.workdir_canon, &e) < 0))
		return ui_fail(&e);
	if (plan(cmd, &e) < 0 ||
	    (!args.dry_run && sandbox_profile_check(&build, &args, &e) < 0))
		return ui_fail(&e);
	if (cmd == SB_WRAP && build.proxy.active)
		return ui_failf("nono wrap does not support proxy mode (the "
				"profile's network settings need it). The "
				"network proxy requires a parent process. Use "
				"nono run instead.");
	if (!args.dry_run && build.proxy.active) {
		build.proxy.cfg.audit = !args.no_audit;
		if (proxy_start(&px, &build.proxy.cfg, &e) < 0)
			return ui_fail(&e);
		build.cs.proxy_port = px.port;
	}
	if (!ui.silent) {
		caps_print(&build.cs, &llp);
		print_degraded_warning();
	}
	if (args.dry_run) {
		if (!ui.silent) {
			fprintf(stderr, "  dry-run sandbox would be applied with "
				"above capabilities\n");
			caps_print_command(prog, nprog);
		}
		return 0;
	}
	if (resolve_program(prog[0], exe, &e) < 0) {
		ui_fail(&e);
		return 127;
	}
	if (cmd == SB_WRAP)
		return direct(prog, nprog, exe);
	return supervised(cmd, prog, nprog, exe);
}

int cmd_run(int argc, char **argv)
{
	return sandboxed(SB_RUN, argc, argv);
}

int cmd_shell(int argc, char **argv)
{
	return sandboxed(SB_SHELL, argc, argv);
}

int cmd_wrap(int argc, char **argv)
{
	return sandboxed(SB_WRAP, argc, argv);
}
