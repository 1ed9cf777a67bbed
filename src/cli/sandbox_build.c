#include "sandbox_build.h"
#include "canon.h"
#include "env_filter.h"
#include "fsutil.h"
#include "git_tokens.h"
#include "path.h"
#include "path_expand.h"
#include "paths.h"
#include "policy.h"
#include "ui.h"
#include "utf8.h"

#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

#define SBX "Sandbox initialization failed: "
#define CFG "Configuration parse error: "

static const char *keep(struct sb_build *b, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = nbuf_alloc(&b->arena, n, 1);
	if (p)
		memcpy(p, s, n);
	return p;
}

static struct path_vars vars(const struct sb_build *b)
{
	static unsigned long uid = (unsigned long)-1;
	struct path_vars v;

	if (uid == (unsigned long)-1)
		uid = (unsigned long)getuid();
	v.envp = (const char *const *)environ;
	v.workdir = b->workdir[0] ? b->workdir : NULL;
	v.uid = uid;
	return v;
}

/* A path typed by the user must be text we can show and record. */
static int check_typed(const char *p, struct err *e)
{
	size_t n = strlen(p);
	if (n == 0)
		return errf(e, "invalid empty path");
	if (n >= PATH_MAX)
		return errf(e, "path is too long (%zu bytes; the limit is %d): "
			    "'%.80s...'", n, PATH_MAX - 1, p);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			return errf(e, "invalid path '%.200s': it contains a "
				    "control character (byte 0x%02x)", p,
				    (unsigned char)p[i]);
	if (!utf8_valid((const uint8_t *)p, n))
		return errf(e, "invalid path: it is not valid UTF-8");
	return 0;
}

static int expand_typed(struct sb_build *b, const char *tmpl,
			char out[PATH_MAX], struct err *e)
{
	struct path_vars v = vars(b);
	struct nbuf o;
	const char *what;
	int rc;

	if (check_typed(tmpl, e) < 0)
		return -1;
	nbuf_init(&o, (uint8_t *)out, PATH_MAX);
	rc = path_expand_template(&o, tmpl, &v, &what);
	if (rc != PX_OK)
		return errf(e, CFG "cannot expand '%.200s': %s", tmpl,
			    path_expand_strerror(rc));
	return 0;
}

int sandbox_canon_arg(struct sb_build *b, const char *arg, char out[PATH_MAX],
		      int *exists, struct err *e)
{
	char x[PATH_MAX], abs[PATH_MAX], cwd[PATH_MAX];
	int rc;

	if (expand_typed(b, arg, x, e) < 0)
		return -1;
	rc = canon_real(x, out);
	*exists = rc == 0;
	if (rc == 0)
		return 0;
	if (x[0] != '/') {
		struct nbuf o;
		if (!getcwd(cwd, sizeof cwd))
			return errf_sys(e, "getcwd failed");
		nbuf_init(&o, (uint8_t *)abs, sizeof abs);
		if (path_join(&o, cwd, x) < 0)
			return errf(e, "path is too long: '%.200s'", arg);
	} else {
		memcpy(abs, x, strlen(x) + 1);
	}
	if (canon_try(abs, out) < 0)
		return errf(e, "path is too long: '%.200s'", arg);
	return 0;
}

static int add_fs(struct sb_build *b, const char *original,
		  const char *resolved, unsigned access, int is_file,
		  unsigned source, const char *group, unsigned ftype,
		  struct err *e)
{
	struct fs_cap c;

	c.original = keep(b, original);
	c.resolved = keep(b, resolved);
	c.group = group;
	c.access = (uint8_t)access;
	c.is_file = (uint8_t)is_file;
	c.source = (uint8_t)source;
	c.ftype = (uint8_t)ftype;
	if (!c.original || !c.resolved || capset_add_fs(&b->cs, &c) < 0)
		return errf(e, SBX "too many filesystem capabilities");
	return 0;
}

/* ---- step 1: the groups of the built-in default profile ---- */

static int home_or_ancestor(const char *dir, const char *home,
			    const char *home_canon)
{
	size_t dn = strlen(dir);
	return (home && path_covers(dir, dn, home, strlen(home))) ||
	       (home_canon && path_covers(dir, dn, home_canon,
					  strlen(home_canon)));
}

static int group_paths(struct sb_build *b, const struct policy_group *g,
		       const char *const *list, unsigned access,
		       struct err *e)
{
	static char home_canon[PATH_MAX];
	static int have_hc = -1;
	const char *home = getenv("HOME");

	if (have_hc < 0)
		have_hc = home && canon_real(home, home_canon) == 0;

	for (size_t i = 0; list && list[i]; i++) {
		char x[PATH_MAX], r[PATH_MAX];
		struct path_vars v = vars(b);
		struct nbuf o;
		const char *what;
		unsigned ft;
		int rc;

		nbuf_init(&o, (uint8_t *)x, sizeof x);
		rc = path_expand_group(&o, list[i], &v, &what);
		if (rc != PX_OK)
			return errf(e, CFG "cannot expand '%s' in policy group "
				    "'%s': %s", list[i], g->name,
				    path_expand_strerror(rc));
		if (canon_real_ft(x, r, &ft) < 0)
			continue;               /* missing: skipped */
		if (access == CAP_WRITE && ft == FT_DIR &&
		    !strcmp(g->name, "system_write_linux") &&
		    home_or_ancestor(r, home, have_hc ? home_canon : NULL)) {
			static char warned[PATH_MAX];
			if (!ui.silent && strcmp(warned, r) != 0)
				fprintf(stderr, "nono: warning: not granting "
					"write access to '%s' (group %s): it "
					"contains HOME\n", r, g->name);
			snprintf(warned, sizeof warned, "%s", r);
			continue;
		}
		/* /proc/self resolves per process: read access to it
		 * means read access to /proc */
		if (!strcmp(x, "/proc/self") && access == CAP_READ)
			memcpy(r, "/proc", 6);
		if (add_fs(b, x, r, access, ft != FT_DIR, SRC_GROUP, g->name,
			   ft, e) < 0)
			return -1;
	}
	return 0;
}

static int group_denies(struct sb_build *b, const struct policy_group *g,
			struct err *e)
{
	for (size_t i = 0; g->deny && g->deny[i]; i++) {
		char x[PATH_MAX], r[PATH_MAX];
		struct path_vars v = vars(b);
		struct nbuf o;
		const char *what, *kx;
		int rc;

		nbuf_init(&o, (uint8_t *)x, sizeof x);
		rc = path_expand_group(&o, g->deny[i], &v, &what);
		if (rc != PX_OK)
			return errf(e, CFG "cannot expand '%s' in policy group "
				    "'%s': %s", g->deny[i], g->name,
				    path_expand_strerror(rc));
		kx = keep(b, x);
		if (!kx || capset_add_deny(&b->cs, kx, g->name) < 0)
			return errf(e, SBX "too many deny rules");
		if (canon_try(x, r) == 0 && strcmp(r, x) != 0 &&
		    strncmp(r, "/nix/store/", 11) != 0) {
			const char *kr = keep(b, r);
			if (!kr || capset_add_deny(&b->cs, kr, g->name) < 0)
				return errf(e, SBX "too many deny rules");
		}
	}
	return 0;
}

static int add_groups(struct sb_build *b, struct err *e)
{
	const struct plist *l = &b->prof->groups;

	for (uint16_t i = 0; i < l->n; i++) {
		const char *n = l->v[i];
		const struct policy_group *g = policy_group_find(n, strlen(n));
		if (!g)
			return errf(e, CFG "unknown policy group '%s'", n);
		if (!policy_group_on_linux(g))
			continue;
		if (group_denies(b, g, e) < 0 ||
		    group_paths(b, g, g->read, CAP_READ, e) < 0 ||
		    group_paths(b, g, g->write, CAP_WRITE, e) < 0 ||
		    group_paths(b, g, g->readwrite, CAP_RW, e) < 0)
			return -1;
		for (size_t k = 0; g->commands && g->commands[k]; k++)
			if (capset_add_blocked(&b->cs, g->commands[k]) < 0)
				return errf(e, SBX "too many blocked commands");
	}
	return 0;
}

/* ---- step 2: command-line grants ---- */

/* A manifest's paths are absolute once expanded. */
static int manifest_abs(const struct sb_build *b, const struct grant *g,
			const char *x, struct err *e)
{
	if (b->manifest && x[0] != '/')
		return errf(e, CFG "manifest path '%s' is not absolute",
			    g->path);
	return 0;
}

static int skip_missing(struct sb_build *b, const struct grant *g,
			struct err *e)
{
	const char *typed = g->path;

	/* a fully resolved set must match the disk; per-process aliases
	 * (/dev/stdout on a pipe) may not resolve, like group paths */
	if (b->manifest)
		return manifest_per_process(typed) ? 0
		       : errf(e, "manifest path '%s' does not exist", typed);
	if (g->src == SRC_PROFILE) {
		if (ui.verbose)
			fprintf(stderr, "nono: Profile path '%s' does not "
				"exist, skipping\n", typed);
		return 0;
	}
	if (!ui.silent)
		fprintf(stderr, "nono: warning: '%s' does not exist and will "
			"be ignored.\n", typed);
	if (b->nskipped < SB_MAX_GRANTS)
		b->skipped[b->nskipped++] = typed;
	return 0;
}

static int fs_grant(struct sb_build *b, const struct grant *g, struct err *e)
{
	static const unsigned ACC[] = { CAP_RW, CAP_READ, CAP_WRITE, CAP_RW,
					CAP_READ, CAP_WRITE };
	char x[PATH_MAX], r[PATH_MAX];
	int is_file = g->kind >= G_ALLOW_FILE, rc;
	unsigned ft;

	if (expand_typed(b, g->path, x, e) < 0 || manifest_abs(b, g, x, e) < 0)
		return -1;
	rc = canon_real_ft(x, r, &ft);
	if (rc == -ENOENT)
		return skip_missing(b, g, e);
	if (rc < 0) {
		errno = -rc;
		return errf_sys(e, "cannot resolve '%s'", g->path);
	}
	/* a profile's "read" takes a file or a directory */
	if (g->src == SRC_PROFILE && g->kind == G_READ && ft != FT_DIR)
		is_file = 1;
	if (b->manifest && !is_file != (ft == FT_DIR))
		return errf(e, CFG "manifest path '%s' is %s, but its type "
			    "says %s", g->path, ft == FT_DIR ? "a directory"
			    : "not a directory", is_file ? "file" : "directory");
	if (!is_file && ft != FT_DIR)
		return errf(e, CFG "%s path '%s' is not a directory. Use "
			    "--allow-file for single files.",
			    g->src == SRC_PROFILE ? "Profile" : "CLI", g->path);
	if (is_file && ft == FT_DIR)
		return errf(e, "Expected a file but got a directory: %s",
			    g->path);
	return add_fs(b, x, r, ACC[g->kind], is_file, g->src, NULL, ft, e);
}

static int sock_grant(struct sb_build *b, const struct grant *g,
		      struct err *e)
{
	char x[PATH_MAX], r[PATH_MAX];
	struct sock_cap s;
	int bind = g->kind == G_SOCK_BIND || g->kind == G_SOCK_DIR_BIND ||
		   g->kind == G_SOCK_SUBTREE_BIND;
	int rc;
	unsigned ft;

	if (expand_typed(b, g->path, x, e) < 0 || manifest_abs(b, g, x, e) < 0)
		return -1;
	s.bind = (uint8_t)bind;
	s.source = g->src;
	rc = canon_real(x, r);
	if (g->kind == G_SOCK || g->kind == G_SOCK_BIND) {
		s.scope = SOCK_FILE;
		if (rc == -ENOENT && g->kind == G_SOCK_BIND) {
			/* bind(2) creates it: grant the parent directory */
			char full[PATH_MAX], pr[PATH_MAX];
			struct stat lst;
			size_t pl;
			int ex;
			if (lstat(x, &lst) == 0)
				return errf(e, "--allow-unix-socket-bind: '%s' "
					    "is a dangling symbolic link",
					    g->path);
			if (sandbox_canon_arg(b, g->path, full, &ex, e) < 0)
				return -1;
			pl = path_parent_len(full, strlen(full));
			if (pl == 0)
				return errf(e, "--allow-unix-socket-bind: "
					    "invalid socket path '%s'", g->path);
			memcpy(pr, full, pl);
			pr[pl] = 0;
			if (canon_ftype(pr) != FT_DIR)
				return skip_missing(b, g, e);
			s.path = keep(b, full);
			if (!s.path || capset_add_sock(&b->cs, &s) < 0)
				return errf(e, SBX "too many socket grants");
			return add_fs(b, pr, pr, CAP_RW, 0, g->src, NULL,
				      FT_DIR, e);
		}
		if (rc == -ENOENT)
			return skip_missing(b, g, e);
		if (rc < 0) {
			errno = -rc;
			return errf_sys(e, "cannot resolve '%s'", g->path);
		}
		ft = canon_ftype(r);
		if (ft == FT_DIR)
			return errf(e, "Expected a file but got a directory: %s",
				    g->path);
		s.path = keep(b, r);
		if (!s.path || capset_add_sock(&b->cs, &s) < 0)
			return errf(e, SBX "too many socket grants");
		return add_fs(b, x, r, bind ? CAP_RW : CAP_READ, 1, g->src,
			      NULL, ft, e);
	}
	s.scope = g->kind <= G_SOCK_DIR_BIND ? SOCK_DIR_CHILDREN
					     : SOCK_DIR_SUBTREE;
	if (rc == -ENOENT)
		return skip_missing(b, g, e);
	if (rc < 0) {
		errno = -rc;
		return errf_sys(e, "cannot resolve '%s'", g->path);
	}
	if (canon_ftype(r) != FT_DIR)
		return errf(e, "Expected a directory but got a file: %s",
			    g->path);
	if (!strcmp(r, "/"))
		return errf(e, "a unix-socket directory grant cannot be '/'");
	s.path = keep(b, r);
	if (!s.path || capset_add_sock(&b->cs, &s) < 0)
		return errf(e, SBX "too many socket grants");
	return add_fs(b, x, r, bind ? CAP_RW : CAP_READ, 0, g->src, NULL,
		      FT_DIR, e);
}

static int add_grants(struct sb_build *b, const struct sandbox_args *a,
		      struct err *e)
{
	/* the original's order: --allow, --read, --write, the file forms,
	 * then the socket forms */
	for (unsigned k = G_ALLOW; k <= G_SOCK_SUBTREE_BIND; k++)
		for (size_t i = 0; i < a->ngrants; i++) {
			const struct grant *g = &a->grants[i];
			if (g->kind != k)
				continue;
			if ((k <= G_WRITE_FILE ? fs_grant(b, g, e)
			     : sock_grant(b, g, e)) < 0)
				return -1;
		}
	return 0;
}

/* ---- step B2-B3: the profile's own entries ---- */

/* An @git: token (spec/profiles.md §5.3): each path it resolves to is
 * granted like a profile path; a token that resolves to nothing is
 * dropped (noted with -v). */
static int git_grants(struct sb_build *b, const struct grant *g,
		      struct err *e)
{
	static char paths[GIT_TOKEN_MAX_PATHS][PATH_MAX];
	size_t n;

	if (git_token_paths(g->path, b->workdir_canon, paths, &n, e) < 0)
		return -1;
	if (n == 0 && ui.verbose)
		fprintf(stderr, "nono: profile token '%s' did not resolve in "
			"%s; skipped\n", g->path, b->workdir_canon);
	for (size_t i = 0; i < n; i++) {
		struct grant t = { g->kind, keep(b, paths[i]), SRC_PROFILE };
		if (!t.path)
			return errf(e, "out of memory");
		if (ui.verbose)
			fprintf(stderr, "nono: profile token '%s' -> %s\n",
				g->path, t.path);
		if ((t.kind <= G_WRITE_FILE ? fs_grant(b, &t, e)
		     : sock_grant(b, &t, e)) < 0)
			return -1;
	}
	return 0;
}

static int deny_paths(struct sb_build *b, const char *const *v, size_t n,
		      const char *label, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		char x[PATH_MAX], r[PATH_MAX];
		const char *kx;
		if (git_token(v[i])) {             /* deny what it names */
			static char paths[GIT_TOKEN_MAX_PATHS][PATH_MAX];
			const char *kp[GIT_TOKEN_MAX_PATHS];
			size_t np;
			if (git_token_paths(v[i], b->workdir_canon, paths, &np,
					    e) < 0)
				return -1;
			for (size_t k = 0; k < np; k++)
				if (!(kp[k] = keep(b, paths[k])))
					return errf(e, "out of memory");
			if (deny_paths(b, kp, np, label, e) < 0)
				return -1;
			continue;
		}
		if (expand_typed(b, v[i], x, e) < 0)
			return -1;
		if (x[0] != '/')
			return errf(e, CFG "%s deny path '%s' is not "
				    "absolute", label, v[i]);
		kx = keep(b, x);
		if (!kx || capset_add_deny(&b->cs, kx, label) < 0)
			return errf(e, SBX "too many deny rules");
		if (canon_try(x, r) == 0 && strcmp(r, x) != 0) {
			const char *kr = keep(b, r);
			if (!kr || capset_add_deny(&b->cs, kr, label) < 0)
				return errf(e, SBX "too many deny rules");
		}
	}
	return 0;
}

static int add_profile(struct sb_build *b, struct err *e)
{
	const struct profile *p = &b->prof->p;
	struct capset *cs = &b->cs;

	if (!b->prof_active)
		return 0;
	for (unsigned k = PF_ALLOW; k <= PF_SOCK_SUBTREE_BIND; k++)
		for (uint16_t i = 0; i < p->fs[k].n; i++) {
			struct grant g = { (uint8_t)k, p->fs[k].v[i],
					   SRC_PROFILE };
			if (git_token(g.path)) {
				if (git_grants(b, &g, e) < 0)
					return -1;
				continue;
			}
			if ((k <= PF_WRITE_FILE ? fs_grant(b, &g, e)
			     : sock_grant(b, &g, e)) < 0)
				return -1;
		}
	if (deny_paths(b, p->fs[PF_DENY].v, p->fs[PF_DENY].n, "profile",
		       e) < 0)
		return -1;
	for (uint16_t i = 0; i < p->cmd_deny.n; i++)
		if (capset_add_blocked(cs, p->cmd_deny.v[i]) < 0)
			return errf(e, SBX "too many blocked commands");
	if (p->net_block)
		cs->net = NET_BLOCKED;
	for (uint16_t i = 0; i < p->open_port.n; i++)
		if (port_list_add(&cs->localhost_ports, p->open_port.v[i]) < 0)
			return errf(e, "too many ports");
	for (uint16_t i = 0; i < p->connect_port.n; i++)
		if (port_list_add(&cs->connect_ports, p->connect_port.v[i]) < 0)
			return errf(e, "too many ports");
	for (uint16_t i = 0; i < p->listen_port.n; i++)
		if (port_list_add(&cs->bind_ports, p->listen_port.v[i]) < 0)
			return errf(e, "too many ports");
	for (uint16_t i = 0; i < p->cmd_allow.n; i++) {
		size_t n = 0;
		for (size_t k = 0; k < cs->nblocked; k++)
			if (strcmp(cs->blocked_cmds[k], p->cmd_allow.v[i]))
				cs->blocked_cmds[n++] = cs->blocked_cmds[k];
		cs->nblocked = n;
	}
	if (p->signal_mode)
		cs->signal_mode = (uint8_t)(p->signal_mode - 1);
	if (p->ipc_mode)
		cs->ipc_mode = (uint8_t)(p->ipc_mode - 1);
	return 0;
}

/* ---- step 3-5: network, ports, commands ---- */

static int add_network(struct sb_build *b, const struct sandbox_args *a,
		       struct err *e)
{
	struct capset *cs = &b->cs;

	if (a->block_net)
		cs->net = NET_BLOCKED;
	else if (a->allow_net)
		cs->net = NET_ALLOW_ALL;
	if (proxy_plan_build(&b->proxy, b->prof_active ? &b->prof->p : NULL,
			     a, cs, e) < 0)
		return -1;
	for (size_t i = 0; i < a->nopen; i++)
		if (port_list_add(&cs->localhost_ports, a->open_ports[i]) < 0)
			return errf(e, "too many ports");
	for (size_t i = 0; i < a->nconnect; i++)
		if (port_list_add(&cs->connect_ports, a->connect_ports[i]) < 0)
			return errf(e, "too many ports");
	/* --listen-port only matters in proxy mode */
	for (size_t i = 0; i < a->nlisten; i++)
		if (port_list_add(&cs->bind_ports, a->listen_ports[i]) < 0)
			return errf(e, "too many ports");
	return 0;
}

static int apply_commands(struct sb_build *b, const struct sandbox_args *a,
			  struct err *e)
{
	struct capset *cs = &b->cs;

	for (size_t i = 0; i < a->nblock_cmds; i++)
		if (capset_add_blocked(cs, a->block_cmds[i]) < 0)
			return errf(e, "too many blocked commands");
	for (size_t i = 0; i < a->nallow_cmds; i++) {
		size_t n = 0;
		for (size_t k = 0; k < cs->nblocked; k++)
			if (strcmp(cs->blocked_cmds[k], a->allow_cmds[i]))
				cs->blocked_cmds[n++] = cs->blocked_cmds[k];
		cs->nblocked = n;
	}
	return 0;
}

/* ---- manifest mode (spec/manifest.md §2) ---- */

#define MANIFEST_MAX_BYTES (4u << 20)

static int load_manifest(struct sb_build *b, const char *path,
			 struct err *e)
{
	static struct manifest m;
	static struct prof_err pe;
	uint8_t *t;
	jsmntok_t *tok;
	size_t n, ntok;
	int rc;

	rc = read_path(path, MANIFEST_MAX_BYTES, &t, &n, e);
	if (rc > 0)
		return errf(e, "manifest '%s' not found", path);
	if (rc < 0)
		return -1;
	ntok = json_tokens_for(n);
	tok = calloc(ntok, sizeof *tok);
	if (!tok) {
		free(t);
		return errf(e, "out of memory");
	}
	rc = manifest_parse(&m, t, n, tok, (unsigned)ntok, &b->arena, &pe);
	free(tok);
	free(t);
	if (rc < 0)
		return pe.line ? errf(e, "%s:%zu: %s", path, pe.line, pe.msg)
			       : errf(e, "%s: %s", path, pe.msg);
	b->manifest = &m;
	return 0;
}

/* The required groups' deny rules, the manifest's deny rules, grants,
 * sockets, network, process modes, blocked commands. */
static int add_manifest(struct sb_build *b, struct err *e)
{
	static const uint8_t FS[2][4] = {
		{ 0, G_READ, G_WRITE, G_ALLOW },
		{ 0, G_READ_FILE, G_WRITE_FILE, G_ALLOW_FILE },
	};
	static const uint8_t SK[3][2] = {
		{ G_SOCK, G_SOCK_BIND }, { G_SOCK_DIR, G_SOCK_DIR_BIND },
		{ G_SOCK_SUBTREE, G_SOCK_SUBTREE_BIND },
	};
	const struct manifest *m = b->manifest;
	struct capset *cs = &b->cs;

	for (size_t i = 0; i < policy_ngroups; i++) {
		const struct policy_group *g = &policy_groups[i];
		if (g->required && policy_group_on_linux(g) &&
		    group_denies(b, g, e) < 0)
			return -1;
	}
	if (deny_paths(b, m->deny, m->ndeny, "manifest", e) < 0)
		return -1;
	for (size_t i = 0; i < m->nfs; i++) {
		struct grant g = { FS[m->fs[i].is_file][m->fs[i].access & 3],
				   m->fs[i].path, SRC_USER };
		if (fs_grant(b, &g, e) < 0)
			return -1;
	}
	for (size_t i = 0; i < m->nsock; i++) {
		struct grant g = { SK[m->sock[i].scope][m->sock[i].bind != 0],
				   m->sock[i].path, SRC_USER };
		if (sock_grant(b, &g, e) < 0)
			return -1;
	}
	if (m->net == NET_PROXY)
		return errf(e, "the manifest asks for proxy mode, but a "
			    "manifest carries no host allow-list for the "
			    "proxy; run with --profile or --network-profile/"
			    "--allow-domain instead");
	cs->net = m->net;
	cs->connect_ports = m->connect_ports;
	cs->bind_ports = m->bind_ports;
	cs->localhost_ports = m->localhost_ports;
	cs->signal_mode = m->signal_mode;
	cs->ipc_mode = m->ipc_mode;
	for (size_t i = 0; i < m->nblocked; i++)
		if (capset_add_blocked(cs, m->blocked[i]) < 0)
			return errf(e, SBX "too many blocked commands");
	return 0;
}

/* ---- finalize ---- */

static int refuse(struct sb_build *b, struct nbuf *m, struct err *e)
{
	const char *t = (const char *)m->p;
	const char *nl = strchr(t, '\n');

	snprintf(b->detail, sizeof b->detail, SBX "%s", t);
	return errf(e, SBX "%.*s", nl ? (int)(nl - t) : (int)strlen(t), t);
}

/* Bypass entries: the profile's (a missing path is skipped with a
 * warning), then the command line's. */
static int apply_bypass(struct sb_build *b, const char *const *list,
			size_t n, int from_profile, struct nbuf *m,
			struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		char x[PATH_MAX], r[PATH_MAX];
		struct path_vars v = vars(b);
		struct nbuf o;
		const char *what, *kx, *kr;
		int rc;

		if (check_typed(list[i], e) < 0)
			return -1;
		nbuf_init(&o, (uint8_t *)x, sizeof x);
		rc = list[i][0] == '/' || list[i][0] == '~' ||
		     list[i][0] == '$'
		     ? path_expand_group(&o, list[i], &v, &what)
		     : path_expand_template(&o, list[i], &v, &what);
		if (rc != PX_OK)
			return errf(e, CFG "cannot expand '%s': %s",
				    list[i], path_expand_strerror(rc));
		if (x[0] != '/') {
			int ex;
			if (sandbox_canon_arg(b, x, r, &ex, e) < 0)
				return -1;
			memcpy(x, r, strlen(r) + 1);
		}
		if (canon_real(x, r) < 0) {
			if (from_profile) {
				if (!ui.silent)
					fprintf(stderr, "nono: warning: profile "
						"bypass_protection path '%s' "
						"does not exist; skipped\n",
						list[i]);
				continue;
			}
			memcpy(r, x, strlen(x) + 1);
		}
		kx = keep(b, x);
		kr = keep(b, r);
		if (!kx || !kr)
			return errf(e, "out of memory");
		if (capset_bypass(&b->cs, kx, kr, m) < 0)
			return refuse(b, m, e);
		if (!ui.silent)
			fprintf(stderr, "  [nono] Warning: %s "
				"'%s' removes a sensitive-path protection for "
				"this session.\n", from_profile
				? "bypass_protection" : "--bypass-protection",
				list[i]);
	}
	return 0;
}

/* ---- prepare ---- */

static int add_gpu(struct sb_build *b, struct err *e)
{
	static const char *const DEV_GLOBS[] = {
		"/dev/dri/renderD*", "/dev/nvidia[0-9]*", "/dev/nvidiactl",
		"/dev/nvidia-uvm", "/dev/nvidia-uvm-tools", "/dev/nvidia-caps/*",
		"/dev/kfd", "/dev/dxg",
	};
	static const char *const READ[] = { "/usr/lib/wsl/lib",
		"/usr/share/vulkan", "/etc/vulkan", "/sys/class/drm" };
	int found = 0;

	for (size_t i = 0; i < sizeof DEV_GLOBS / sizeof *DEV_GLOBS; i++) {
		glob_t gl;
		if (glob(DEV_GLOBS[i], 0, NULL, &gl) != 0)
			continue;
		for (size_t k = 0; k < gl.gl_pathc; k++) {
			char r[PATH_MAX];
			unsigned ft;
			if (canon_real(gl.gl_pathv[k], r) < 0)
				continue;
			ft = canon_ftype(r);
			if (ft != FT_CHR && ft != FT_BLK)
				continue;
			if (!strncmp(r, "/dev/nvidia", 11))
				b->gpu_nvidia = 1;
			if (add_fs(b, gl.gl_pathv[k], r, CAP_RW, 1, SRC_SYSTEM,
				   NULL, ft, e) < 0) {
				globfree(&gl);
				return -1;
			}
			found = 1;
		}
		globfree(&gl);
	}
	if (!found)
		return errf(e, "--allow-gpu: no GPU devices found (checked "
			    "/dev/dri/renderD*, /dev/nvidia*, /dev/nvidiactl, "
			    "/dev/nvidia-uvm, /dev/nvidia-caps/*, /dev/kfd, "
			    "/dev/dxg)");
	if (b->gpu_nvidia)
		return errf(e, "--allow-gpu: NVIDIA devices need the "
			    "/proc/self/task/*/comm mediation of the original, "
			    "which is not available in this build yet");
	for (size_t i = 0; i < sizeof READ / sizeof *READ; i++) {
		char r[PATH_MAX];
		if (canon_real(READ[i], r) == 0 &&
		    add_fs(b, READ[i], r, CAP_READ, canon_ftype(r) != FT_DIR,
			   SRC_SYSTEM, NULL, canon_ftype(r), e) < 0)
			return -1;
	}
	if (!ui.silent)
		fprintf(stderr, "  WARNING: --allow-gpu permits the sandboxed "
			"process to access GPU render nodes.\n  GPU drivers "
			"are a large kernel attack surface; grant it only to "
			"programs that need it.\n");
	return 0;
}

/* Workdir resolution (spec/sandbox.md §7.1). */
static int find_workdir(struct sb_build *b, const struct sandbox_args *a,
			struct err *e)
{
	char cwd[PATH_MAX], r1[PATH_MAX];
	const char *pwd = getenv("PWD");

	if (!getcwd(cwd, sizeof cwd))
		return errf_sys(e, "getcwd failed");
	if (a->workdir) {
		struct nbuf o;
		if (check_typed(a->workdir, e) < 0)
			return -1;
		nbuf_init(&o, (uint8_t *)b->workdir, sizeof b->workdir);
		if (path_join(&o, cwd, a->workdir) < 0)
			return errf(e, "--workdir is too long");
	} else if (pwd && pwd[0] == '/' && canon_real(pwd, r1) == 0 &&
		   !strcmp(r1, cwd) && strlen(pwd) < sizeof b->workdir) {
		memcpy(b->workdir, pwd, strlen(pwd) + 1);
	} else {
		memcpy(b->workdir, cwd, strlen(cwd) + 1);
	}
	if (canon_real(b->workdir, b->workdir_canon) < 0) {
		if (a->workdir)
			return errf_sys(e, "--workdir '%s'", a->workdir);
		memcpy(b->workdir_canon, cwd, strlen(cwd) + 1);
	}
	return 0;
}

static int covered_with(const struct capset *cs, const char *p,
			unsigned access)
{
	for (size_t i = 0; i < cs->nfs; i++)
		if (!cs->fs[i].is_file && fs_cap_covers(&cs->fs[i], p) &&
		    cap_access_contains(cs->fs[i].access, access))
			return 1;
	return 0;
}

static int ask_yes(void)
{
	char line[64];
	if (!fgets(line, sizeof line, stdin))
		return 0;
	line[strcspn(line, "\r\n")] = 0;
	return !strcasecmp(line, "y") || !strcasecmp(line, "yes");
}

/* The access the working directory gets: read without a profile, the
 * profile's workdir.access with one (none: no grant). */
static unsigned workdir_access(const struct sb_build *b)
{
	static const unsigned ACC[] = { 0, 0, CAP_READ, CAP_WRITE, CAP_RW };

	return b->prof_active ? ACC[b->prof->p.workdir] : CAP_READ;
}

static int cwd_grant(struct sb_build *b, const struct sandbox_args *a,
		     struct err *e)
{
	const char *cwd = b->workdir_canon;
	unsigned acc = workdir_access(b);

	if (!acc || covered_with(&b->cs, cwd, acc))
		return 0;
	if (!a->allow_cwd) {
		if (ui.silent)
			return errf(e, "CWD access requires --allow-cwd in "
				    "non-interactive mode");
		if (!isatty(0)) {
			fprintf(stderr, "  Skipping CWD prompt "
				"(non-interactive). Use --allow-cwd to include "
				"working directory.\n");
			return 0;
		}
		fprintf(stderr, "  Share %s with %s access?\n  use "
			"--allow-cwd to skip this prompt\n  [y/N] ", cwd,
			cap_access_str(acc));
		fflush(stderr);
		if (!ask_yes())
			return 0;
	} else if (ui.verbose) {
		fprintf(stderr, "nono: Auto-including CWD with %s access "
			"(--allow-cwd)\n", cap_access_str(acc));
	}
	return add_fs(b, b->workdir, cwd, acc, 0, SRC_USER, NULL, FT_DIR, e);
}

static int protected_roots(struct sb_build *b, struct err *e)
{
	char p[PATH_MAX], r[PATH_MAX];
	const char *home = getenv("HOME");

	b->nroots = 0;
	if (state_root(ROOT_AUDIT, p, e) < 0)
		return -1;
	p[path_parent_len(p, strlen(p))] = 0;       /* <state>/nono */
	if (canon_real(p, r) < 0)
		memcpy(r, p, strlen(p) + 1);
	b->roots[b->nroots++] = keep(b, r);
	if (home && home[0] == '/' &&
	    (size_t)snprintf(p, sizeof p, "%s/.nono", home) < sizeof p) {
		if (canon_real(p, r) < 0)
			memcpy(r, p, strlen(p) + 1);
		b->roots[b->nroots++] = keep(b, r);
	}
	for (size_t i = 0; i < b->nroots; i++)
		if (!b->roots[i])
			return errf(e, "out of memory");
	return 0;
}

static int load_profile(struct sb_build *b, const struct sandbox_args *a,
			struct err *e)
{
	static struct loaded_profile *lp;

	if (!lp && !(lp = calloc(1, sizeof *lp)))
		return errf(e, "out of memory");
	b->prof = lp;
	b->prof_active = a->profile != NULL;
	if (!a->profile)
		return profile_default_groups(lp, e);
	if (profile_load(lp, a->profile, 0, a->extends, a->nextends, e) < 0)
		return -1;
	for (uint16_t i = 0; i < lp->p.deprecated.n && !ui.silent; i++) {
		const char *d = lp->p.deprecated.v[i];
		const char *t = strchr(d, '\t');
		fprintf(stderr, "warning: deprecated key '%.*s' \xe2\x80\x94 use "
			"'%s' instead (will be removed in v1.0.0, #594)\n",
			(int)(t - d), d, t + 1);
	}
	return 0;
}

/* What a profile asks for that this build cannot provide: refused before
 * anything runs (fail closed), never silently dropped. */
int sandbox_profile_check(const struct sb_build *b,
			  const struct sandbox_args *a, struct err *e)
{
	static const struct { uint32_t f; const char *what; } LATER[] = {
		{ PFEAT_ENV_CREDENTIALS, "env_credentials (keystore secrets "
		  "as environment variables)" },
		{ PFEAT_HOOKS, "hooks" },
		{ PFEAT_SESSION_HOOKS, "session_hooks" },
		{ PFEAT_COMMAND_POLICIES, "command_policies" },
		{ PFEAT_CRED_CAPTURE, "credential_capture" },
		{ PFEAT_PACKS, "packs" },
		{ PFEAT_BINARY, "binary" },
		{ PFEAT_COMMAND_ARGS, "command_args" },
		{ PFEAT_CAP_ELEVATION, "security.capability_elevation" },
	};
	static const struct { uint32_t f; const char *what; } PROXY[] = {
		{ PFEAT_CREDENTIALS, "network.credentials" },
		{ PFEAT_CUSTOM_CREDS, "network.custom_credentials" },
		{ PFEAT_TLS_INTERCEPT, "network.tls_intercept" },
	};
	const struct profile *p;

	if (!b->prof_active)
		return 0;
	p = &b->prof->p;
	for (size_t i = 0; i < sizeof LATER / sizeof *LATER; i++)
		if (p->features & LATER[i].f)
			return errf(e, "profile '%s' uses %s, which is not "
				    "available in this build yet", b->prof->name,
				    LATER[i].what);
	for (int k = 0; k < 2; k++) {
		const struct plist *l = k ? &p->env_deny : &p->env_allow;
		for (uint16_t i = 0; i < l->n; i++)
			if (!env_pattern_valid(l->v[i]))
				return errf(e, "profile '%s': invalid pattern "
					    "'%s' in environment.%s (NAME, "
					    "PREFIX* or *)", b->prof->name,
					    l->v[i], k ? "deny_vars"
						       : "allow_vars");
	}
	if (a->allow_net)
		return 0;       /* --allow-net turns the proxy off */
	for (size_t i = 0; i < sizeof PROXY / sizeof *PROXY; i++) {
		if (!(p->features & PROXY[i].f))
			continue;
		if (a->block_net)
			return errf(e, "--block-net and the profile's %s are "
				    "contradictory: it requires proxy mode",
				    PROXY[i].what);
		return errf(e, "profile '%s' uses %s, which needs credential "
			    "injection in the network proxy (not available in "
			    "this build yet); add --allow-net to run it with "
			    "unrestricted network", b->prof->name,
			    PROXY[i].what);
	}
	return 0;
}

int sandbox_build(struct sb_build *b, const struct sandbox_args *a,
		  enum sb_stage stage, struct err *e)
{
	uint8_t mm[8192];
	struct nbuf m;

	capset_init(&b->cs);
	nbuf_init(&b->arena, b->arena_mem, sizeof b->arena_mem);
	if (load_profile(b, a, e) < 0)
		return -1;
	nbuf_init(&m, mm, sizeof mm);
	b->nskipped = 0;
	b->detail[0] = 0;
	b->gpu_nvidia = 0;
	b->manifest = NULL;
	if (find_workdir(b, a, e) < 0)
		return -1;
	if (a->config) {
		if (load_manifest(b, a->config, e) < 0 ||
		    add_manifest(b, e) < 0)
			return -1;
	} else if (add_groups(b, e) < 0 || add_profile(b, e) < 0 ||
		   add_grants(b, a, e) < 0 || add_network(b, a, e) < 0 ||
		   apply_commands(b, a, e) < 0) {
		return -1;
	}
	/* finalize */
	if ((b->manifest &&
	     apply_bypass(b, b->manifest->bypass, b->manifest->nbypass, 0,
			  &m, e) < 0) ||
	    (b->prof_active &&
	     apply_bypass(b, b->prof->p.fs[PF_BYPASS].v,
			  b->prof->p.fs[PF_BYPASS].n, 1, &m, e) < 0) ||
	    apply_bypass(b, a->bypass, a->nbypass, 0, &m, e) < 0)
		return -1;
	if (capset_check_sensitive_grants(&b->cs, &m) < 0)
		return refuse(b, &m, e);
	capset_drop_denied_files(&b->cs);
	if (capset_check_deny_overlap(&b->cs, &m) < 0)
		return refuse(b, &m, e);
	capset_dedup(&b->cs);
	if (stage == SB_STAGE_FINALIZE)
		return 0;
	/* prepare */
	if ((a->allow_gpu || (b->prof_active && b->prof->p.allow_gpu)) &&
	    add_gpu(b, e) < 0)
		return -1;
	if (!b->manifest && cwd_grant(b, a, e) < 0)
		return -1;
	capset_dedup(&b->cs);
	if (capset_check_deny_overlap(&b->cs, &m) < 0)
		return refuse(b, &m, e);
	if (protected_roots(b, e) < 0)
		return -1;
	if (capset_check_protected(&b->cs, b->roots, b->nroots, &m) < 0)
		return refuse(b, &m, e);
	if (b->cs.nfs == 0 && b->cs.net == NET_BLOCKED)
		return errf(e, "No filesystem capabilities specified");
	if (b->nskipped && !ui.silent) {
		fprintf(stderr, "warning: some requested sandbox grants were "
			"skipped because the path does not exist:\n");
		for (size_t i = 0; i < b->nskipped; i++)
			fprintf(stderr, "  - %s\n", b->skipped[i]);
	}
	/* the program starts in the workdir when a directory grant covers
	 * it, else in / */
	if (covered_with(&b->cs, b->workdir_canon, CAP_READ) ||
	    covered_with(&b->cs, b->workdir_canon, CAP_WRITE))
		memcpy(b->start_dir, b->workdir_canon,
		       strlen(b->workdir_canon) + 1);
	else
		memcpy(b->start_dir, "/", 2);
	return 0;
}
