/* The capability resolver and the enforcement plans (spec/sandbox.md,
 * spec/enforcement.md): pure core functions, no kernel involved. */
#include "suites.h"

#include "capset.h"
#include "env_filter.h"
#include "landlock_plan.h"
#include "net_event.h"
#include "netfilter.h"
#include "path.h"
#include "path_expand.h"
#include "seccomp_plan.h"
#include "why.h"

#include <string.h>

static struct capset cs;

static void add(const char *orig, const char *res, unsigned acc, int file,
		unsigned src, const char *group)
{
	struct fs_cap c = { orig, res, group, (uint8_t)acc, (uint8_t)file,
			    (uint8_t)src, (uint8_t)(file ? FT_REG : FT_DIR) };
	ck_assert_int_eq(capset_add_fs(&cs, &c), 0);
}

static const char *msg(struct nbuf *m)
{
	return (const char *)m->p;
}

/* ---- path ---- */

START_TEST(path_rules)
{
	ck_assert(path_is_clean("/", 1));
	ck_assert(path_is_clean("/a/b", 4));
	ck_assert(!path_is_clean("", 0));
	ck_assert(!path_is_clean("a/b", 3));
	ck_assert(!path_is_clean("/a/", 3));
	ck_assert(!path_is_clean("/a//b", 5));
	ck_assert(!path_is_clean("/a/./b", 6));
	ck_assert(!path_is_clean("/a/../b", 7));
	ck_assert(path_is_clean("/a/...", 6));
	/* components, not prefixes */
	ck_assert(path_covers("/a/b", 4, "/a/b", 4));
	ck_assert(path_covers("/a/b", 4, "/a/b/c", 6));
	ck_assert(!path_covers("/a/b", 4, "/a/bc", 5));
	ck_assert(!path_covers("/a/b", 4, "/a", 2));
	ck_assert(path_covers("/", 1, "/x", 2));
	ck_assert(path_strictly_under("/a", 2, "/a/b", 4));
	ck_assert(!path_strictly_under("/a", 2, "/a", 2));
	ck_assert(!path_strictly_under("/home/u/.ssh", 12, "/home/u/.sshfoo", 15));
	ck_assert_uint_eq(path_parent_len("/a/b", 4), 2);
	ck_assert_uint_eq(path_parent_len("/a", 2), 1);
	ck_assert_uint_eq(path_parent_len("/", 1), 0);
}
END_TEST

START_TEST(path_join_lexical)
{
	char buf[64];
	struct nbuf o;

	nbuf_init(&o, (uint8_t *)buf, sizeof buf);
	ck_assert_int_eq(path_join(&o, "/w/x", "../y/./z//"), 0);
	ck_assert_str_eq(buf, "/w/y/z");
	nbuf_init(&o, (uint8_t *)buf, sizeof buf);
	ck_assert_int_eq(path_join(&o, "/", "../../a"), 0);
	ck_assert_str_eq(buf, "/a");
	nbuf_init(&o, (uint8_t *)buf, sizeof buf);
	ck_assert_int_eq(path_join(&o, "/w", "/abs/.."), 0);
	ck_assert_str_eq(buf, "/");
	nbuf_init(&o, (uint8_t *)buf, 4);
	ck_assert_int_eq(path_join(&o, "/w", "abcdef"), -1);
	ck_assert_uint_eq(o.len, 0);
}
END_TEST

/* ---- expansion ---- */

static const char *exp_group(const char *t, const char *const *env, int *rc)
{
	static char out[256];
	struct path_vars v = { env, "/work", 1000 };
	struct nbuf o;
	const char *what;

	nbuf_init(&o, (uint8_t *)out, sizeof out);
	*rc = path_expand_group(&o, t, &v, &what);
	return out;
}

static const char *exp_tmpl(const char *t, const char *const *env, int *rc)
{
	static char out[256];
	struct path_vars v = { env, "/work", 1000 };
	struct nbuf o;
	const char *what;

	nbuf_init(&o, (uint8_t *)out, sizeof out);
	*rc = path_expand_template(&o, t, &v, &what);
	return out;
}

START_TEST(expand_group_paths)
{
	const char *env[] = { "HOME=/home/u", "FOO=/foo", "REL=rel", NULL };
	const char *nohome[] = { "HOME=relative", NULL };
	int rc;

	ck_assert_str_eq(exp_group("~/.ssh", env, &rc), "/home/u/.ssh");
	ck_assert_int_eq(rc, PX_OK);
	ck_assert_str_eq(exp_group("$HOME/.x", env, &rc), "/home/u/.x");
	ck_assert_str_eq(exp_group("$TMPDIR/t", env, &rc), "/tmp/t");
	ck_assert_str_eq(exp_group("$FOO/bar", env, &rc), "/foo/bar");
	exp_group("$NOPE/x", env, &rc);
	ck_assert_int_eq(rc, PX_EUNSET);
	exp_group("$REL/x", env, &rc);
	ck_assert_int_eq(rc, PX_ENOTABS);
	exp_group("~/.ssh", nohome, &rc);
	ck_assert_int_eq(rc, PX_EHOME);
	/* only a leading variable is expanded */
	ck_assert_str_eq(exp_group("/a/$FOO", env, &rc), "/a/$FOO");
}
END_TEST

START_TEST(expand_templates)
{
	const char *env[] = { "HOME=/home/u", "PROJ=/p", "WORKDIR=/env-wins",
			      NULL };
	const char *env2[] = { "HOME=/home/u", "XDG_CONFIG_HOME=rel", NULL };
	const char *env3[] = { "HOME=/home/u", NULL };
	int rc;

	ck_assert_str_eq(exp_tmpl("~/x", env, &rc), "/home/u/x");
	ck_assert_str_eq(exp_tmpl("$PROJ/src", env, &rc), "/p/src");
	/* unset variables stay literal; ${} is not supported */
	ck_assert_str_eq(exp_tmpl("/a/$UNSET/b", env, &rc), "/a/$UNSET/b");
	ck_assert_str_eq(exp_tmpl("${PROJ}", env, &rc), "${PROJ}");
	/* the environment substitution runs first: WORKDIR from env wins */
	ck_assert_str_eq(exp_tmpl("$WORKDIR/x", env, &rc), "/env-wins/x");
	ck_assert_str_eq(exp_tmpl("$WORKDIR/x", env3, &rc), "/work/x");
	ck_assert_str_eq(exp_tmpl("/t/$UID", env3, &rc), "/t/1000");
	ck_assert_str_eq(exp_tmpl("$XDG_CONFIG_HOME/n", env3, &rc),
			 "/home/u/.config/n");
	ck_assert_str_eq(exp_tmpl("$NONO_PACKAGES", env3, &rc),
			 "/home/u/.config/nono/packages");
	ck_assert_str_eq(exp_tmpl("$TMPDIR/x", env3, &rc), "/tmp/x");
	/* a relative XDG value set in the environment is substituted by
	 * the first stage (the original's quirk); relative paths stay */
	ck_assert_str_eq(exp_tmpl("rel/$XDG_CONFIG_HOME", env2, &rc),
			 "rel/rel");
	ck_assert_int_eq(rc, PX_OK);
}
END_TEST

/* ---- dedup ---- */

START_TEST(dedup_rules)
{
	capset_init(&cs);
	/* user read beats group readwrite for the same path */
	add("/c", "/c", CAP_RW, 0, SRC_GROUP, "g");
	add("/c", "/c", CAP_READ, 0, SRC_USER, NULL);
	/* read + write merge, across classes */
	add("/m", "/m", CAP_READ, 0, SRC_USER, NULL);
	add("/m", "/m", CAP_WRITE, 0, SRC_GROUP, "g");
	/* user read + system readwrite stays read */
	add("/s", "/s", CAP_READ, 0, SRC_USER, NULL);
	add("/s", "/s", CAP_RW, 0, SRC_SYSTEM, NULL);
	/* same class: readwrite kept */
	add("/r", "/r", CAP_READ, 0, SRC_GROUP, "a");
	add("/r", "/r", CAP_RW, 0, SRC_GROUP, "b");
	/* file and directory of one path are different keys */
	add("/f", "/f", CAP_READ, 1, SRC_USER, NULL);
	add("/f", "/f", CAP_READ, 0, SRC_USER, NULL);
	/* the symlink spelling survives */
	add("/real", "/real", CAP_READ, 0, SRC_GROUP, "g");
	add("/link", "/real", CAP_READ, 0, SRC_USER, NULL);
	capset_dedup(&cs);
	ck_assert_uint_eq(cs.nfs, 7);
	ck_assert_str_eq(cs.fs[0].resolved, "/c");
	ck_assert_uint_eq(cs.fs[0].access, CAP_READ);
	ck_assert_uint_eq(cs.fs[0].source, SRC_USER);
	ck_assert_uint_eq(cs.fs[1].access, CAP_RW);
	ck_assert_uint_eq(cs.fs[2].access, CAP_READ);
	ck_assert_uint_eq(cs.fs[3].access, CAP_RW);
	ck_assert_str_eq(cs.fs[3].group, "b");
	ck_assert_uint_eq(cs.fs[6].source, SRC_USER);
	ck_assert_str_eq(cs.fs[6].original, "/link");
}
END_TEST

/* ---- deny rules ---- */

START_TEST(deny_overlap_message)
{
	uint8_t mm[4096];
	struct nbuf m;
	static const char *d[] = { "/h/.ssh", "/h/.aws", "/h/.kube", "/h/.a",
				   "/h/.b", "/h/.c", "/h/.d" };

	nbuf_init(&m, mm, sizeof mm);
	capset_init(&cs);
	for (size_t i = 0; i < 7; i++)
		capset_add_deny(&cs, d[i], "deny_credentials");
	add("/h/proj", "/h/proj", CAP_RW, 0, SRC_USER, NULL);
	/* equal to a deny path, or a sibling: no overlap */
	add("/h/.ssh", "/h/.ssh", CAP_READ, 0, SRC_USER, NULL);
	ck_assert_int_eq(capset_check_deny_overlap(&cs, &m), 0);
	add("/h", "/h", CAP_READ, 0, SRC_GROUP, "user_things");
	ck_assert_int_eq(capset_check_deny_overlap(&cs, &m), -1);
	ck_assert_str_eq(msg(&m),
		"Landlock deny-overlap is not enforceable on Linux. Refusing "
		"to start with conflicting policy.\n"
		"7 deny rule(s) cannot apply under an allowed parent directory.\n"
		"Conflicts:\n"
		"- deny '/h/.ssh' overlaps allowed parent '/h' (source: group:user_things)\n"
		"- deny '/h/.aws' overlaps allowed parent '/h' (source: group:user_things)\n"
		"- deny '/h/.kube' overlaps allowed parent '/h' (source: group:user_things)\n"
		"- deny '/h/.a' overlaps allowed parent '/h' (source: group:user_things)\n"
		"- deny '/h/.b' overlaps allowed parent '/h' (source: group:user_things)\n"
		"- ... and 2 more conflict(s)\n"
		"Remove the broad allow path, remove the deny path, or "
		"restructure permissions.");
}
END_TEST

START_TEST(sensitive_grants_and_bypass)
{
	uint8_t mm[2048];
	struct nbuf m;

	nbuf_init(&m, mm, sizeof mm);
	capset_init(&cs);
	capset_add_deny(&cs, "/h/.ssh", "deny_credentials");
	capset_add_deny(&cs, "/h/.ssh/keys", "deny_credentials");
	capset_add_deny(&cs, "/h/.aws", "deny_credentials");
	add("/h/.ssh/config", "/h/.ssh/config", CAP_READ, 1, SRC_USER, NULL);
	ck_assert_int_eq(capset_check_sensitive_grants(&cs, &m), -1);
	ck_assert_ptr_nonnull(strstr(msg(&m), "policy group 'deny_credentials'"));
	/* a bypass needs a covering user grant */
	ck_assert_int_eq(capset_bypass(&cs, "/h/.aws", "/h/.aws", &m), -1);
	ck_assert_str_eq(msg(&m), "bypass_protection '/h/.aws' has no matching "
			 "grant. Add a filesystem allow (--allow, --read, "
			 "--write, or profile filesystem) for this path.");
	/* a narrower bypass does not remove the broader deny */
	ck_assert_int_eq(capset_bypass(&cs, "/h/.ssh/config", "/h/.ssh/config",
				       &m), 0);
	ck_assert_uint_eq(cs.ndeny, 3);
	ck_assert_int_eq(capset_check_sensitive_grants(&cs, &m), -1);
	/* bypassing the root removes it and everything beneath */
	add("/h/.ssh", "/h/.ssh", CAP_READ, 0, SRC_USER, NULL);
	ck_assert_int_eq(capset_bypass(&cs, "/h/.ssh", "/h/.ssh", &m), 0);
	ck_assert_uint_eq(cs.ndeny, 1);
	ck_assert_str_eq(cs.deny[0].path, "/h/.aws");
	ck_assert_int_eq(capset_check_sensitive_grants(&cs, &m), 0);
	/* group grants inside a deny path are not user intent */
	add("/h/.aws/x", "/h/.aws/x", CAP_READ, 0, SRC_GROUP, "g");
	ck_assert_int_eq(capset_check_sensitive_grants(&cs, &m), 0);
}
END_TEST

START_TEST(exact_denied_files_dropped)
{
	capset_init(&cs);
	capset_add_deny(&cs, "/h/.bashrc", "deny_shell_configs");
	add("/h/.bashrc", "/h/.bashrc", CAP_READ, 1, SRC_GROUP, "g");
	add("/h/.bashrc2", "/h/.bashrc2", CAP_READ, 1, SRC_GROUP, "g");
	capset_drop_denied_files(&cs);
	ck_assert_uint_eq(cs.nfs, 1);
	ck_assert_str_eq(cs.fs[0].resolved, "/h/.bashrc2");
}
END_TEST

START_TEST(protected_roots)
{
	uint8_t mm[1024];
	struct nbuf m;
	const char *roots[] = { "/h/.local/state/nono", "/h/.nono" };

	nbuf_init(&m, mm, sizeof mm);
	capset_init(&cs);
	add("/h/.local/stateful", "/h/.local/stateful", CAP_RW, 0, SRC_USER, 0);
	ck_assert_int_eq(capset_check_protected(&cs, roots, 2, &m), 0);
	add("/h/.local", "/h/.local", CAP_READ, 0, SRC_USER, NULL);
	ck_assert_int_eq(capset_check_protected(&cs, roots, 2, &m), -1);
	ck_assert_str_eq(msg(&m), "Refusing to grant '/h/.local' (source: "
			 "user) because it overlaps protected nono state root "
			 "'/h/.local/state/nono'.");
	capset_init(&cs);
	add("/h/.nono/x", "/h/.nono/x", CAP_READ, 1, SRC_USER, NULL);
	ck_assert_int_eq(capset_check_protected(&cs, roots, 2, &m), -1);
	/* a file grant cannot be an ancestor */
	capset_init(&cs);
	add("/h/.nonox", "/h/.nonox", CAP_READ, 1, SRC_USER, NULL);
	ck_assert_int_eq(capset_check_protected(&cs, roots, 2, &m), 0);
}
END_TEST

/* ---- why ---- */

START_TEST(why_decisions)
{
	struct why_path_result r;

	capset_init(&cs);
	capset_add_deny(&cs, "/h/.ssh", "deny_credentials");
	add("/w", "/w", CAP_READ, 0, SRC_USER, NULL);
	add("/w/out", "/w/out", CAP_WRITE, 0, SRC_USER, NULL);
	add("/h", "/h", CAP_RW, 0, SRC_USER, NULL);
	/* the sensitive check comes before any grant */
	why_path(&cs, "/h/.ssh/id", FT_REG, CAP_READ, &r);
	ck_assert_int_eq(r.reason, WHY_SENSITIVE_PATH);
	/* most specific sufficient grant */
	why_path(&cs, "/w/out/x", FT_MISSING, CAP_WRITE, &r);
	ck_assert_int_eq(r.reason, WHY_GRANTED_PATH);
	ck_assert_str_eq(r.grant->resolved, "/w/out");
	why_path(&cs, "/w/out/x", FT_MISSING, CAP_READ, &r);
	ck_assert_int_eq(r.reason, WHY_GRANTED_PATH);
	ck_assert_str_eq(r.grant->resolved, "/w");
	/* covered but insufficient: closest match, suggestion on the file */
	why_path(&cs, "/w/a.c", FT_REG, CAP_RW, &r);
	ck_assert_int_eq(r.reason, WHY_INSUFFICIENT_ACCESS);
	ck_assert_str_eq(r.grant->resolved, "/w");
	ck_assert_str_eq(r.flag, "--allow-file");
	ck_assert_uint_eq(r.target_len, strlen("/w/a.c"));
	/* not covered, missing: suggest the parent, but never "/" */
	why_path(&cs, "/x/y/z", FT_MISSING, CAP_READ, &r);
	ck_assert_int_eq(r.reason, WHY_PATH_NOT_GRANTED);
	ck_assert_str_eq(r.flag, "--read");
	ck_assert_uint_eq(r.target_len, 4);
	why_path(&cs, "/top", FT_MISSING, CAP_WRITE, &r);
	ck_assert_str_eq(r.flag, "--write");
	ck_assert_uint_eq(r.target_len, 4);
	/* a bypassed deny path is not reported as sensitive */
	cs.bypass[cs.nbypass++] = "/h/.ssh";
	why_path(&cs, "/h/.ssh/id", FT_REG, CAP_READ, &r);
	ck_assert_int_eq(r.reason, WHY_GRANTED_PATH);
}
END_TEST

/* ---- Landlock ---- */

START_TEST(landlock_rights)
{
	ck_assert_uint_eq(ll_fs_handled(0), 0);
	ck_assert_uint_eq(ll_fs_handled(1), 0x1FFF);
	ck_assert_uint_eq(ll_fs_handled(2), 0x3FFF);
	ck_assert_uint_eq(ll_fs_handled(4), 0x7FFF);
	ck_assert_uint_eq(ll_fs_handled(7), 0xFFFF);
	/* read includes execute */
	ck_assert_uint_eq(ll_fs_rights(CAP_READ, 7, FT_DIR, 0), 0xD);
	ck_assert_uint_eq(ll_fs_rights(CAP_WRITE, 7, FT_DIR, 0), 0x7FF2);
	ck_assert_uint_eq(ll_fs_rights(CAP_RW, 7, FT_DIR, 0), 0x7FFF);
	/* rights the ABI lacks are dropped */
	ck_assert_uint_eq(ll_fs_rights(CAP_RW, 1, FT_DIR, 0), 0x1FFF);
	ck_assert_uint_eq(ll_fs_rights(CAP_RW, 2, FT_DIR, 0), 0x3FFF);
	/* files: only file rights */
	ck_assert_uint_eq(ll_fs_rights(CAP_RW, 7, FT_REG, 0),
			  LL_EXECUTE | LL_WRITE_FILE | LL_READ_FILE | LL_TRUNCATE);
	/* IOCTL_DEV: writable devices and /dev directories, ABI >= 5 */
	ck_assert(ll_fs_rights(CAP_WRITE, 7, FT_CHR, 1) & LL_IOCTL_DEV);
	ck_assert(ll_fs_rights(CAP_WRITE, 7, FT_DIR, 1) & LL_IOCTL_DEV);
	ck_assert(!(ll_fs_rights(CAP_READ, 7, FT_CHR, 1) & LL_IOCTL_DEV));
	ck_assert(!(ll_fs_rights(CAP_WRITE, 7, FT_DIR, 0) & LL_IOCTL_DEV));
	ck_assert(!(ll_fs_rights(CAP_WRITE, 4, FT_CHR, 1) & LL_IOCTL_DEV));
}
END_TEST

static struct ll_plan llp;

static int plan(int abi, struct nbuf *m)
{
	return ll_plan_build(&cs, abi, 0, &llp, m);
}

START_TEST(landlock_plans)
{
	uint8_t mm[512];
	struct nbuf m;

	nbuf_init(&m, mm, sizeof mm);
	capset_init(&cs);
	add("/w", "/w", CAP_RW, 0, SRC_USER, NULL);
	add("/dev/pts", "/dev/pts", CAP_RW, 0, SRC_GROUP, "g");
	add("/etc/hosts", "/etc/hosts", CAP_READ, 1, SRC_GROUP, "g");
	ck_assert_int_eq(plan(7, &m), 0);
	ck_assert_uint_eq(llp.nfs, 3);
	ck_assert_uint_eq(llp.fs[1].rights, 0xFFFF);
	ck_assert_uint_eq(llp.fs[2].rights, LL_EXECUTE | LL_READ_FILE);
	ck_assert_uint_eq(llp.handled_net, 0);        /* network allowed */
	ck_assert_uint_eq(llp.scoped, LL_SCOPE_SIGNAL |
			  LL_SCOPE_ABSTRACT_UNIX_SOCKET);
	/* blocked: TCP handled, no rule */
	cs.net = NET_BLOCKED;
	ck_assert_int_eq(plan(7, &m), 0);
	ck_assert_uint_eq(llp.handled_net, 3);
	ck_assert_uint_eq(llp.nnet, 0);
	/* open ports: connect + bind */
	port_list_add(&cs.localhost_ports, 3000);
	ck_assert_int_eq(plan(7, &m), 0);
	ck_assert_uint_eq(llp.nnet, 1);
	ck_assert_uint_eq(llp.net[0].rights, 3);
	/* ...which ABI < 4 cannot do */
	ck_assert_int_eq(plan(3, &m), -1);
	ck_assert_ptr_nonnull(strstr(msg(&m), "requires V4+"));
	/* port 0 is refused */
	port_list_add(&cs.localhost_ports, 0);
	ck_assert_int_eq(plan(7, &m), -1);
	ck_assert_ptr_nonnull(strstr(msg(&m), "open_port 0"));
	/* allow-all + connect port: every other TCP connect denied */
	capset_init(&cs);
	port_list_add(&cs.connect_ports, 443);
	port_list_add(&cs.localhost_ports, 3000);     /* ignored: allow-all */
	ck_assert_int_eq(plan(7, &m), 0);
	ck_assert_uint_eq(llp.handled_net, 3);
	ck_assert_uint_eq(llp.nnet, 1);
	ck_assert_uint_eq(llp.net[0].port, 443);
	ck_assert_uint_eq(llp.net[0].rights, LL_NET_CONNECT_TCP);
	/* blocked without ports on an old kernel: seccomp only, degraded */
	capset_init(&cs);
	cs.net = NET_BLOCKED;
	ck_assert_int_eq(plan(3, &m), 0);
	ck_assert(llp.degraded & LL_LACKS_TCP);
	ck_assert(llp.degraded & LL_LACKS_SCOPES);
	ck_assert(!(llp.degraded & LL_LACKS_TRUNCATE));
	/* an explicit same-sandbox signal mode needs ABI 6 */
	cs.signal_mode = SIG_ALLOW_SAME_SANDBOX;
	ck_assert_int_eq(plan(5, &m), -1);
	cs.signal_mode = SIG_ALLOW_ALL;
	cs.ipc_mode = IPC_FULL;
	ck_assert_int_eq(plan(7, &m), 0);
	ck_assert_uint_eq(llp.scoped, 0);
	/* no Landlock at all */
	ck_assert_int_eq(plan(0, &m), -1);
	/* a future ABI is used as the highest we know */
	ck_assert_int_eq(plan(9, &m), 0);
	ck_assert_int_eq(llp.abi, LL_ABI_MAX);
}
END_TEST

START_TEST(seccomp_plans)
{
	uint8_t mm[512];
	struct nbuf m;
	struct sc_plan sp;
	struct sock_cap s = { "/run/x.sock", SOCK_FILE, 0, SRC_USER };

	nbuf_init(&m, mm, sizeof mm);
	capset_init(&cs);
	ck_assert_int_eq(plan(7, &m), 0);
	ck_assert_int_eq(sc_plan_build(&cs, &llp, 1, &sp, &m), 0);
	ck_assert_int_eq(sp.sockets, SC_SOCK_ANY);
	ck_assert(sp.notify && sp.unix_create && !sp.tcp_guard);
	ck_assert(!sp.truncate_guard);
	/* wrap: no mediation, so no AF_UNIX sockets, and no socket grants */
	ck_assert_int_eq(sc_plan_build(&cs, &llp, 0, &sp, &m), 0);
	ck_assert(!sp.notify && !sp.unix_create);
	capset_add_sock(&cs, &s);
	ck_assert_int_eq(sc_plan_build(&cs, &llp, 0, &sp, &m), -1);
	ck_assert_int_eq(sc_plan_build(&cs, &llp, 1, &sp, &m), 0);
	cs.net = NET_BLOCKED;
	ck_assert_int_eq(plan(7, &m), 0);
	ck_assert_int_eq(sc_plan_build(&cs, &llp, 1, &sp, &m), 0);
	ck_assert_int_eq(sp.sockets, SC_SOCK_UNIX_ONLY);
	port_list_add(&cs.localhost_ports, 8080);
	ck_assert_int_eq(plan(7, &m), 0);
	ck_assert_int_eq(sc_plan_build(&cs, &llp, 1, &sp, &m), 0);
	ck_assert_int_eq(sp.sockets, SC_SOCK_UNIX_TCP);
	ck_assert(sp.tcp_guard);
	/* TCP handled in allow-all mode: MPTCP/TFO closed too */
	capset_init(&cs);
	port_list_add(&cs.connect_ports, 443);
	ck_assert_int_eq(plan(7, &m), 0);
	ck_assert_int_eq(sc_plan_build(&cs, &llp, 1, &sp, &m), 0);
	ck_assert(sp.tcp_guard);
	/* before ABI 3, truncate(2) is filtered */
	capset_init(&cs);
	ck_assert_int_eq(plan(2, &m), 0);
	ck_assert_int_eq(sc_plan_build(&cs, &llp, 1, &sp, &m), 0);
	ck_assert(sp.truncate_guard);
}
END_TEST

/* ---- environment ---- */

START_TEST(environment)
{
	const char *envp[] = { "PATH=/bin", "HOME=/h", "LD_PRELOAD=x",
			       "AWS_SECRET_ACCESS_KEY=s", "GITHUB_TOKEN=t",
			       "MY_API_KEY=k", "PGPASSWORD=p", "STRIPE_KEY=k",
			       "NONO_CAP_FILE=/old", "TERM=xterm", "PWD=/w",
			       "SSH_AUTH_SOCK=/s", "KEEP=1", "KEEP=2",
			       "BASH_FUNC_x%%=()", "EDITOR=vi", NULL };
	const char *set[] = { "NONO_CAP_FILE=/new", "EDITOR=nano",
			      "EDITOR=emacs" };
	const char *out[32];
	struct env_policy pol = { NULL, 0, NULL, 0, set, 3 };
	size_t n;
	char all[1024] = "";

	ck_assert_int_eq(env_build(envp, &pol, out, 32, &n), 0);
	for (size_t i = 0; i < n; i++) {
		strcat(all, out[i]);
		strcat(all, " ");
	}
	ck_assert_str_eq(all, "PATH=/bin HOME=/h TERM=xterm PWD=/w "
			 "SSH_AUTH_SOCK=/s KEEP=1 NONO_CAP_FILE=/new "
			 "EDITOR=emacs ");
	ck_assert_ptr_null(out[n]);
	/* an explicit allow pattern keeps a secret; "*" does not */
	{
		const char *allow[] = { "GITHUB_TOKEN", "PATH" };
		struct env_policy p2 = { allow, 2, NULL, 0, NULL, 0 };
		ck_assert_int_eq(env_build(envp, &p2, out, 32, &n), 0);
		ck_assert_uint_eq(n, 2);
		ck_assert_str_eq(out[0], "PATH=/bin");
		ck_assert_str_eq(out[1], "GITHUB_TOKEN=t");
	}
	{
		const char *allow[] = { "*" };
		const char *deny[] = { "TE*" };
		struct env_policy p3 = { allow, 1, deny, 1, NULL, 0 };
		ck_assert_int_eq(env_build(envp, &p3, out, 32, &n), 0);
		for (size_t i = 0; i < n; i++) {
			ck_assert(strncmp(out[i], "GITHUB", 6) != 0);
			ck_assert(strncmp(out[i], "TERM", 4) != 0);
		}
	}
	ck_assert_int_eq(env_build(envp, &pol, out, 3, &n), -1);
	ck_assert(env_pattern_valid("FOO*"));
	ck_assert(env_pattern_valid("*"));
	ck_assert(!env_pattern_valid("A*B"));
	ck_assert(!env_pattern_valid("*X"));
	ck_assert(!env_pattern_valid(""));
}
END_TEST

/* The proxy's host filter (spec/proxy.md §4). */
START_TEST(proxy_host_filter)
{
	static const char *const H[] = { "api.openai.com", "*.example.com",
					 ".suffix.org", "localhost",
					 "169.254.169.254" };
	struct netfilter f = { H, 5, 0 }, open = { NULL, 0, 0 },
			 strict = { NULL, 0, 1 };
	static const uint8_t LO4[4] = { 127, 0, 0, 1 }, LL4[4] = { 169, 254, 1, 2 },
		PUB4[4] = { 93, 184, 216, 34 }, ZERO4[4] = { 0, 0, 0, 0 };
	uint8_t v6[16] = { 0 };

	ck_assert_int_eq(netfilter_name(&f, "api.openai.com"), NF_ALLOW_EXACT);
	ck_assert_int_eq(netfilter_name(&f, "a.example.com"), NF_ALLOW);
	ck_assert_int_eq(netfilter_name(&f, "example.com"), NF_DENY_NOT_ALLOWED);
	ck_assert_int_eq(netfilter_name(&f, "x.y.suffix.org"), NF_ALLOW);
	ck_assert_int_eq(netfilter_name(&f, "evil.com"), NF_DENY_NOT_ALLOWED);
	ck_assert_int_eq(netfilter_name(&f, "api.openai.com.evil.com"),
			 NF_DENY_NOT_ALLOWED);
	/* metadata: denied even when listed, and with an empty list */
	ck_assert_int_eq(netfilter_name(&f, "169.254.169.254"), NF_DENY_METADATA);
	ck_assert_int_eq(netfilter_name(&open, "metadata.google.internal"),
			 NF_DENY_METADATA);
	ck_assert_int_eq(netfilter_name(&open, "metadata.azure.internal."),
			 NF_DENY_METADATA);
	ck_assert_int_eq(netfilter_name(&open, "anything.com"), NF_ALLOW);
	/* this machine's names need an exact entry */
	ck_assert_int_eq(netfilter_name(&open, "localhost"), NF_DENY_LOCAL);
	ck_assert_int_eq(netfilter_name(&open, "x.localhost"), NF_DENY_LOCAL);
	ck_assert_int_eq(netfilter_name(&f, "localhost"), NF_ALLOW_EXACT);
	ck_assert_int_eq(netfilter_name(&strict, "anything.com"),
			 NF_DENY_NOT_ALLOWED);
	/* addresses */
	ck_assert_int_eq(netfilter_addr(NF_ALLOW, 4, PUB4), NF_ALLOW);
	ck_assert_int_eq(netfilter_addr(NF_ALLOW_EXACT, 4, LL4),
			 NF_DENY_LINK_LOCAL);
	ck_assert_int_eq(netfilter_addr(NF_ALLOW, 4, LO4), NF_DENY_LOCAL);
	ck_assert_int_eq(netfilter_addr(NF_ALLOW, 4, ZERO4), NF_DENY_LOCAL);
	ck_assert_int_eq(netfilter_addr(NF_ALLOW_EXACT, 4, LO4), NF_ALLOW_EXACT);
	ck_assert_int_eq(netfilter_addr(NF_DENY_METADATA, 4, PUB4),
			 NF_DENY_METADATA);
	v6[0] = 0xfe; v6[1] = 0xbf;
	ck_assert_int_eq(netfilter_addr(NF_ALLOW_EXACT, 6, v6), NF_DENY_LINK_LOCAL);
	v6[1] = 0xc0;   /* fec0::, not link-local */
	ck_assert_int_eq(netfilter_addr(NF_ALLOW, 6, v6), NF_ALLOW);
	memset(v6, 0, 16);
	v6[15] = 1;     /* ::1 */
	ck_assert_int_eq(netfilter_addr(NF_ALLOW, 6, v6), NF_DENY_LOCAL);
	ck_assert_int_eq(netfilter_addr(NF_ALLOW_EXACT, 6, v6), NF_ALLOW_EXACT);
	memset(v6, 0, 16);
	v6[10] = v6[11] = 0xff;
	v6[12] = 169; v6[13] = 254; v6[14] = 169; v6[15] = 254;
	ck_assert_int_eq(netfilter_addr(NF_ALLOW_EXACT, 6, v6), NF_DENY_LINK_LOCAL);
	ck_assert_int_eq(netfilter_addr(NF_ALLOW, 5, PUB4), NF_DENY_NOT_ALLOWED);
	memset(v6, 0, 16);      /* fd00:ec2::254, AWS's IPv6 metadata */
	v6[0] = 0xfd; v6[2] = 0x0e; v6[3] = 0xc2; v6[14] = 0x02; v6[15] = 0x54;
	ck_assert_int_eq(netfilter_addr(NF_ALLOW_EXACT, 6, v6), NF_DENY_METADATA);
	ck_assert_str_eq(netfilter_reason(NF_DENY_LINK_LOCAL),
			 "resolves to a link-local address");
	ck_assert_ptr_null(netfilter_reason(NF_ALLOW));
}
END_TEST

/* A proxy event in the canonical NetworkAuditEvent field order. */
START_TEST(proxy_event_canonical)
{
	uint8_t mem[1024];
	struct nbuf b;
	struct jw w;
	struct net_event ev = { 0 };

	ev.timestamp_unix_ms = 5;
	ev.mode = "connect";
	ev.decision = "deny";
	ev.auth_mechanism = "proxy_authorization";
	ev.auth_outcome = "failed";
	ev.denial_category = "authentication_failed";
	ev.target = "example.com";
	ev.upstream = "squid:3128";
	ev.has_port = 1;
	ev.port = 443;
	ev.method = "CONNECT";
	ev.has_status = 1;
	ev.status = 407;
	ev.reason = "proxy authentication failed";
	nbuf_init(&b, mem, sizeof mem);
	jw_init(&w, &b, 0);
	net_event_write(&w, &ev);
	ck_assert_int_eq(jw_finish(&w), 0);
	mem[b.len] = 0;
	ck_assert_str_eq((char *)mem,
		"{\"timestamp_unix_ms\":5,\"mode\":\"connect\",\"decision\":"
		"\"deny\",\"auth_mechanism\":\"proxy_authorization\","
		"\"auth_outcome\":\"failed\",\"denial_category\":"
		"\"authentication_failed\",\"target\":\"example.com\","
		"\"upstream\":\"squid:3128\",\"port\":443,\"method\":"
		"\"CONNECT\",\"path\":null,\"status\":407,\"reason\":"
		"\"proxy authentication failed\"}");
	/* the same event, as little as can be */
	memset(&ev, 0, sizeof ev);
	ev.mode = "reverse";
	ev.decision = "allow";
	ev.target = "h";
	nbuf_init(&b, mem, sizeof mem);
	jw_init(&w, &b, 0);
	net_event_write(&w, &ev);
	ck_assert_int_eq(jw_finish(&w), 0);
	mem[b.len] = 0;
	ck_assert_str_eq((char *)mem, "{\"timestamp_unix_ms\":0,\"mode\":"
			 "\"reverse\",\"decision\":\"allow\",\"target\":\"h\","
			 "\"port\":null,\"method\":null,\"path\":null,"
			 "\"status\":null,\"reason\":null}");
}
END_TEST

Suite *suite_sandbox(void)
{
	Suite *s = suite_create("sandbox");
	TCase *t = tcase_create("core");

	tcase_add_test(t, path_rules);
	tcase_add_test(t, path_join_lexical);
	tcase_add_test(t, expand_group_paths);
	tcase_add_test(t, expand_templates);
	tcase_add_test(t, dedup_rules);
	tcase_add_test(t, deny_overlap_message);
	tcase_add_test(t, sensitive_grants_and_bypass);
	tcase_add_test(t, exact_denied_files_dropped);
	tcase_add_test(t, protected_roots);
	tcase_add_test(t, why_decisions);
	tcase_add_test(t, landlock_rights);
	tcase_add_test(t, landlock_plans);
	tcase_add_test(t, seccomp_plans);
	tcase_add_test(t, environment);
	tcase_add_test(t, proxy_host_filter);
	tcase_add_test(t, proxy_event_canonical);
	suite_add_tcase(s, t);
	return s;
}
