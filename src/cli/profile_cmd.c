/*
 * nono profile list | show | diff | validate | init | schema | groups |
 * guide (spec/profiles.md §7).
 */
#include "builtin_data.h"
#include "commands.h"
#include "fsutil.h"
#include "git_tokens.h"
#include "path_expand.h"
#include "policy.h"
#include "profile_load.h"
#include "sandbox_build.h"
#include "ui.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const WD_NAMES[] = { "none", "none", "read", "write",
					"readwrite" };
static const char *const SIG_NAMES[] = { "isolated", "isolated",
	"allow_same_sandbox", "allow_all" };
static const char *const IPC_NAMES[] = { "shared_memory_only",
	"shared_memory_only", "full" };

static int usage(const char *u)
{
	return ui_failf("usage: nono profile %s", u);
}

/* flags: every argument starting with '-' must be one of `known`;
 * returns the positional arguments in pos (at most npos). */
struct opts {
	int json, raw, strict, full, force, all_platforms;
	const char *format, *out, *extends, *groups, *description;
	const char *pos[3];
	int npos;
};

static int parse_opts(int argc, char **argv, const char *known,
		      struct opts *o, const char *u)
{
	memset(o, 0, sizeof *o);
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char **val = NULL;
		int *flag = NULL;
		char key[32];
		if (a[0] != '-' || !a[1]) {
			if (o->npos >= 3)
				return usage(u);
			o->pos[o->npos++] = a;
			continue;
		}
		snprintf(key, sizeof key, "%s,", a);
		if (!strstr(known, key))
			return ui_failf("unexpected argument '%s' (usage: nono "
					"profile %s)", a, u);
		if (!strcmp(a, "--json")) flag = &o->json;
		else if (!strcmp(a, "--raw")) flag = &o->raw;
		else if (!strcmp(a, "--strict")) flag = &o->strict;
		else if (!strcmp(a, "--full")) flag = &o->full;
		else if (!strcmp(a, "--force")) flag = &o->force;
		else if (!strcmp(a, "--all-platforms")) flag = &o->all_platforms;
		else if (!strcmp(a, "--format")) val = &o->format;
		else if (!strcmp(a, "-o") || !strcmp(a, "--output")) val = &o->out;
		else if (!strcmp(a, "--extends")) val = &o->extends;
		else if (!strcmp(a, "--groups")) val = &o->groups;
		else if (!strcmp(a, "--description")) val = &o->description;
		if (flag)
			*flag = 1;
		else if (val) {
			if (i + 1 >= argc)
				return ui_failf("a value is required for '%s'",
						a);
			*val = argv[++i];
		}
	}
	return 0;
}

/* ---- shared printing ---- */

static void jw_list(struct jw *w, const char *key, const struct plist *l)
{
	jw_key(w, key);
	jw_arr_begin(w);
	for (uint16_t i = 0; i < l->n; i++)
		jw_str(w, l->v[i]);
	jw_arr_end(w);
}

static void jw_ports(struct jw *w, const char *key, const struct pports *l)
{
	jw_key(w, key);
	jw_arr_begin(w);
	for (uint16_t i = 0; i < l->n; i++)
		jw_u64(w, l->v[i]);
	jw_arr_end(w);
}

static const char *desc(const struct profile *p)
{
	return p->description ? p->description : "";
}

static void join(char *out, size_t cap, const struct plist *l)
{
	size_t m = 0;
	out[0] = 0;
	for (uint16_t i = 0; i < l->n && m < cap; i++)
		m += (size_t)snprintf(out + m, cap - m, "%s%s", i ? ", " : "",
				      l->v[i]);
}

/* ---- list ---- */

struct entry {
	char name[256];
	char path[4096 + 264];
	int builtin;
};

static int user_entries(struct entry **out, size_t *n, char dir[4096])
{
	DIR *d;
	struct dirent *de;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (profile_user_dir(dir) < 0 || !(d = opendir(dir)))
		return 0;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		size_t ext = l > 6 && !strcmp(de->d_name + l - 6, ".jsonc") ? 6
			     : l > 5 && !strcmp(de->d_name + l - 5, ".json") ? 5
			     : 0;
		struct entry *e;
		if (!ext || de->d_name[0] == '.')
			continue;
		if (*n == cap) {
			struct entry *m = realloc(*out, (cap = cap * 2 + 8) *
							sizeof **out);
			if (!m)
				break;
			*out = m;
		}
		e = &(*out)[*n];
		snprintf(e->name, sizeof e->name, "%.*s", (int)(l - ext),
			 de->d_name);
		snprintf(e->path, sizeof e->path, "%s/%s", dir, de->d_name);
		e->builtin = 0;
		(*n)++;
	}
	closedir(d);
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
		      ((const struct entry *)b)->name);
}

static void list_row(struct jw *w, const char *name, const char *source,
		     const char *path, int json)
{
	static struct loaded_profile lp;
	struct err e;
	char ext[512];
	int ok = profile_load(&lp, path, 1, NULL, 0, &e) == 0;

	if (json) {
		jw_obj_begin(w);
		jw_key(w, "name");
		jw_str(w, name);
		jw_key(w, "source");
		jw_str(w, source);
		jw_key(w, "pack");
		jw_null(w);
		if (ok) {
			jw_key(w, "description");
			jw_str(w, desc(&lp.p));
			jw_list(w, "extends", &lp.p.extends);
		} else {
			jw_key(w, "error");
			jw_str(w, e.msg);
		}
		jw_obj_end(w);
		return;
	}
	if (!ok) {
		printf("    %-16s (error: %s)\n", name, e.msg);
		return;
	}
	join(ext, sizeof ext, &lp.p.extends);
	printf("    %-16s %-42s%s%s\n", name, desc(&lp.p),
	       ext[0] ? " extends " : "", ext);
}

static int profile_list(int argc, char **argv)
{
	struct opts o;
	struct entry *u;
	size_t nu;
	char dir[4096];
	struct json_out jo;

	if (parse_opts(argc, argv, "--json,", &o, "list [--json]") ||
	    o.npos)
		return o.npos ? usage("list [--json]") : 1;
	user_entries(&u, &nu, dir);
	qsort(u, nu, sizeof *u, cmp_entry);
	if (o.json) {
		json_out_begin(&jo);
		jw_arr_begin(&jo.w);
	} else {
		printf("Built-in\n");
	}
	for (size_t i = 0; i < builtin_nprofiles; i++) {
		const char *n = builtin_profiles[i].name;
		list_row(&jo.w, n, "built-in", n, o.json);
	}
	if (!o.json && nu)
		printf("User (%s)\n", dir);
	for (size_t i = 0; i < nu; i++)
		list_row(&jo.w, u[i].name, profile_builtin(u[i].name)
			 ? "user (overrides built-in)" : "user", u[i].path,
			 o.json);
	free(u);
	if (o.json) {
		jw_arr_end(&jo.w);
		return json_out_end(&jo);
	}
	return 0;
}

/* ---- show ---- */

static void show_json(const struct loaded_profile *lp)
{
	const struct profile *p = &lp->p;
	struct json_out o;
	struct jw *w = &o.w;

	json_out_begin(&o);
	jw_obj_begin(w);
	jw_key(w, "name");
	jw_str(w, lp->name ? lp->name : "");
	jw_key(w, "description");
	if (p->description)
		jw_str(w, p->description);
	else
		jw_null(w);
	jw_list(w, "extends", &p->extends);
	jw_key(w, "security");
	jw_obj_begin(w);
	jw_list(w, "groups", &lp->groups);
	jw_key(w, "signal_mode");
	jw_str(w, SIG_NAMES[p->signal_mode]);
	jw_key(w, "ipc_mode");
	jw_str(w, IPC_NAMES[p->ipc_mode]);
	jw_key(w, "capability_elevation");
	jw_bool(w, p->capability_elevation == 2);
	jw_obj_end(w);
	jw_key(w, "filesystem");
	jw_obj_begin(w);
	for (int k = 0; k < PF_NLISTS; k++)
		if (p->fs[k].n)
			jw_list(w, profile_fs_keys[k], &p->fs[k]);
	jw_obj_end(w);
	jw_key(w, "network");
	jw_obj_begin(w);
	jw_key(w, "block");
	jw_bool(w, p->net_block);
	jw_key(w, "network_profile");
	if (p->network_profile_state == TRI_SET)
		jw_str(w, p->network_profile);
	else
		jw_null(w);
	jw_list(w, "allow_domain", &p->allow_domain);
	jw_list(w, "credentials", &p->credentials);
	jw_ports(w, "open_port", &p->open_port);
	jw_ports(w, "listen_port", &p->listen_port);
	jw_ports(w, "connect_port", &p->connect_port);
	jw_obj_end(w);
	jw_key(w, "workdir");
	jw_obj_begin(w);
	jw_key(w, "access");
	jw_str(w, WD_NAMES[p->workdir]);
	jw_obj_end(w);
	jw_key(w, "rollback");
	jw_obj_begin(w);
	jw_list(w, "exclude_patterns", &p->rollback_patterns);
	jw_list(w, "exclude_globs", &p->rollback_globs);
	jw_obj_end(w);
	if (p->af_unix_mediation || p->sandbox_policy) {
		jw_key(w, "linux");
		jw_obj_begin(w);
		if (p->af_unix_mediation) {
			jw_key(w, "af_unix_mediation");
			jw_str(w, p->af_unix_mediation);
		}
		if (p->sandbox_policy) {
			jw_key(w, "sandbox_policy");
			jw_str(w, p->sandbox_policy);
		}
		jw_obj_end(w);
	}
	if (p->groups_include.n || p->groups_exclude.n) {
		jw_key(w, "groups");
		jw_obj_begin(w);
		jw_list(w, "include", &p->groups_include);
		jw_list(w, "exclude", &p->groups_exclude);
		jw_obj_end(w);
	}
	if (p->cmd_allow.n || p->cmd_deny.n) {
		jw_key(w, "commands");
		jw_obj_begin(w);
		jw_list(w, "allow", &p->cmd_allow);
		jw_list(w, "deny", &p->cmd_deny);
		jw_obj_end(w);
	}
	if (p->has_environment) {
		jw_key(w, "environment");
		jw_obj_begin(w);
		jw_list(w, "allow_vars", &p->env_allow);
		jw_list(w, "deny_vars", &p->env_deny);
		jw_key(w, "set_vars");
		jw_obj_begin(w);
		for (uint16_t i = 0; i < p->env_set.n; i++) {
			const char *kv = p->env_set.v[i];
			const char *eq = strchr(kv, '=');
			char name[256];
			snprintf(name, sizeof name, "%.*s", (int)(eq - kv), kv);
			jw_key(w, name);
			jw_str(w, eq + 1);
		}
		jw_obj_end(w);
		jw_obj_end(w);
	}
	if (p->allow_gpu) {
		jw_key(w, "allow_gpu");
		jw_bool(w, 1);
	}
	jw_obj_end(w);
	json_out_end(&o);
}

static void show_list(const char *title, const struct plist *l)
{
	if (!l->n)
		return;
	printf("%s:\n", title);
	for (uint16_t i = 0; i < l->n; i++)
		printf("  %s\n", l->v[i]);
}

/* "    {raw:<36} -> <expanded>", expanded as a run would (the current
 * directory standing for $WORKDIR) */
static void show_path(const char *raw)
{
	char x[4096], cwd[4096];
	struct path_vars v;
	struct nbuf o;
	const char *what;

	v.envp = (const char *const *)environ;
	v.workdir = getcwd(cwd, sizeof cwd) ? cwd : NULL;
	v.uid = (unsigned long)getuid();
	if (git_token(raw)) {
		static char p[GIT_TOKEN_MAX_PATHS][PATH_MAX];
		size_t n = 0;
		struct err e;
		if (git_token_paths(raw, v.workdir ? v.workdir : "/", p, &n,
				    &e) < 0)
			printf("    %-36s -> (%s)\n", raw, e.msg);
		else if (n == 0)
			printf("    %-36s -> (does not resolve here)\n", raw);
		for (size_t i = 0; i < n; i++)
			printf("    %-36s -> %s\n", i ? "" : raw, p[i]);
		return;
	}
	nbuf_init(&o, (uint8_t *)x, sizeof x);
	if (path_expand_template(&o, raw, &v, &what) != PX_OK)
		snprintf(x, sizeof x, "(cannot expand)");
	printf("    %-36s -> %s\n", raw, x);
}

static void show_human(const struct loaded_profile *lp)
{
	const struct profile *p = &lp->p;
	char ext[512];

	join(ext, sizeof ext, &p->extends);
	printf("Profile: %s\n", lp->name ? lp->name : "");
	printf("Description: %s\n", desc(p)[0] ? desc(p) : "(none)");
	printf("Extends: %s\n", ext[0] ? ext : "(none)");
	show_list("Security groups", &lp->groups);
	show_list("Excluded", &p->groups_exclude);
	show_list("Allowed commands", &p->cmd_allow);
	show_list("Denied commands", &p->cmd_deny);
	printf("Signal mode: %s\n", SIG_NAMES[p->signal_mode]);
	printf("IPC: %s\n", IPC_NAMES[p->ipc_mode]);
	printf("Capability elevation: %s\n",
	       p->capability_elevation == 2 ? "true" : "false");
	printf("Filesystem:\n");
	for (int k = 0; k < PF_NLISTS; k++) {
		if (p->fs[k].n)
			printf("  %s:\n", profile_fs_keys[k]);
		for (uint16_t i = 0; i < p->fs[k].n; i++)
			show_path(p->fs[k].v[i]);
	}
	printf("Network:\n  block: %s\n", p->net_block ? "true" : "false");
	if (p->network_profile_state == TRI_SET)
		printf("  network_profile: %s\n", p->network_profile);
	for (uint16_t i = 0; i < p->allow_domain.n; i++)
		printf("  allow_domain %s\n", p->allow_domain.v[i]);
	for (uint16_t i = 0; i < p->open_port.n; i++)
		printf("  open_port %u\n", p->open_port.v[i]);
	for (uint16_t i = 0; i < p->connect_port.n; i++)
		printf("  connect_port %u\n", p->connect_port.v[i]);
	printf("Workdir: %s\n", WD_NAMES[p->workdir]);
	if (p->rollback_patterns.n || p->rollback_globs.n) {
		printf("Rollback:\n");
		for (uint16_t i = 0; i < p->rollback_patterns.n; i++)
			printf("  exclude %s\n", p->rollback_patterns.v[i]);
		for (uint16_t i = 0; i < p->rollback_globs.n; i++)
			printf("  exclude glob %s\n", p->rollback_globs.v[i]);
	}
}

/* The capability manifest of a profile: the set `nono run --profile NAME
 * --allow-cwd` would enforce here (spec/manifest.md §3). */
static int show_manifest(const char *name, int other_format)
{
	static struct sb_build b;
	struct sandbox_args a;
	struct json_out o;
	struct err e;

	if (other_format)
		return ui_failf("--format manifest cannot be combined with "
				"--json or --raw");
	memset(&a, 0, sizeof a);
	a.cmd = SB_RUN;
	a.profile = name;
	a.allow_cwd = 1;
	if (sandbox_build(&b, &a, SB_STAGE_PREPARE, &e) < 0)
		return ui_fail(&e);
	json_out_begin(&o);
	manifest_write(&o.w, &b.cs);
	return json_out_end(&o);
}

static int profile_show(int argc, char **argv)
{
	static const char *U = "show <name> [--json] [--raw] "
			       "[--format manifest]";
	static struct loaded_profile lp;
	struct opts o;
	struct err e;

	if (parse_opts(argc, argv, "--json,--raw,--format,", &o, U))
		return 1;
	if (o.npos != 1)
		return usage(U);
	if (o.format && strcmp(o.format, "manifest"))
		return ui_failf("invalid value '%s' for '--format' (possible "
				"values: manifest)", o.format);
	if (o.format)
		return show_manifest(o.pos[0], o.json || o.raw);
	if (profile_load(&lp, o.pos[0], o.raw, NULL, 0, &e) < 0)
		return ui_fail(&e);
	if (o.json)
		show_json(&lp);
	else
		show_human(&lp);
	return 0;
}

/* ---- diff ---- */

struct diffw {
	struct jw *w;
	int json, any;
};

static void diff_list(struct diffw *d, const char *title,
		      const struct plist *a, const struct plist *b)
{
	int header = 0;

	if (d->json) {
		jw_key(d->w, title);
		jw_obj_begin(d->w);
		jw_key(d->w, "added");
		jw_arr_begin(d->w);
		for (uint16_t i = 0; i < b->n; i++)
			if (!plist_has(a, b->v[i]))
				jw_str(d->w, b->v[i]);
		jw_arr_end(d->w);
		jw_key(d->w, "removed");
		jw_arr_begin(d->w);
		for (uint16_t i = 0; i < a->n; i++)
			if (!plist_has(b, a->v[i]))
				jw_str(d->w, a->v[i]);
		jw_arr_end(d->w);
		jw_obj_end(d->w);
	}
	for (int side = 0; side < 2; side++) {
		const struct plist *x = side ? a : b, *y = side ? b : a;
		for (uint16_t i = 0; i < x->n; i++) {
			if (plist_has(y, x->v[i]))
				continue;
			d->any = 1;
			if (d->json)
				continue;
			if (!header++)
				printf("%s:\n", title);
			printf("  %c %s\n", side ? '-' : '+', x->v[i]);
		}
	}
}

static void diff_scalar(struct diffw *d, const char *title, const char *a,
			const char *b)
{
	if (!strcmp(a, b))
		return;
	d->any = 1;
	if (!d->json)
		printf("%s: %s -> %s\n", title, a, b);
}

static int profile_diff(int argc, char **argv)
{
	static const char *U = "diff <profile1> <profile2> [--json]";
	static struct loaded_profile a, b;
	struct opts o;
	struct err e;
	struct json_out jo;
	struct diffw d = { &jo.w, 0, 0 };
	const char *na, *nb;

	if (parse_opts(argc, argv, "--json,", &o, U))
		return 1;
	if (o.npos != 2)
		return usage(U);
	if (profile_load(&a, o.pos[0], 0, NULL, 0, &e) < 0 ||
	    profile_load(&b, o.pos[1], 0, NULL, 0, &e) < 0)
		return ui_fail(&e);
	d.json = o.json;
	if (o.json) {
		json_out_begin(&jo);
		jw_obj_begin(&jo.w);
		jw_key(&jo.w, "profile1");
		jw_str(&jo.w, o.pos[0]);
		jw_key(&jo.w, "profile2");
		jw_str(&jo.w, o.pos[1]);
	}
	diff_list(&d, "groups", &a.groups, &b.groups);
	for (int k = 0; k < PF_NLISTS; k++) {
		char t[64];
		snprintf(t, sizeof t, "filesystem.%s", profile_fs_keys[k]);
		diff_list(&d, t, &a.p.fs[k], &b.p.fs[k]);
	}
	diff_list(&d, "commands.allow", &a.p.cmd_allow, &b.p.cmd_allow);
	diff_list(&d, "commands.deny", &a.p.cmd_deny, &b.p.cmd_deny);
	diff_list(&d, "network.allow_domain", &a.p.allow_domain,
		  &b.p.allow_domain);
	diff_list(&d, "network.credentials", &a.p.credentials,
		  &b.p.credentials);
	diff_list(&d, "environment.allow_vars", &a.p.env_allow,
		  &b.p.env_allow);
	diff_list(&d, "environment.deny_vars", &a.p.env_deny, &b.p.env_deny);
	diff_list(&d, "environment.set_vars", &a.p.env_set, &b.p.env_set);
	diff_list(&d, "rollback.exclude_patterns", &a.p.rollback_patterns,
		  &b.p.rollback_patterns);
	diff_list(&d, "rollback.exclude_globs", &a.p.rollback_globs,
		  &b.p.rollback_globs);
	if (o.json) {
		jw_key(&jo.w, "scalars");
		jw_obj_begin(&jo.w);
	}
	{
		const char *names[] = { "signal_mode", "ipc_mode",
			"capability_elevation", "network.block",
			"network.network_profile", "workdir.access" };
		const char *va[6], *vb[6];
		va[0] = SIG_NAMES[a.p.signal_mode];
		vb[0] = SIG_NAMES[b.p.signal_mode];
		va[1] = IPC_NAMES[a.p.ipc_mode];
		vb[1] = IPC_NAMES[b.p.ipc_mode];
		va[2] = a.p.capability_elevation == 2 ? "true" : "false";
		vb[2] = b.p.capability_elevation == 2 ? "true" : "false";
		va[3] = a.p.net_block ? "true" : "false";
		vb[3] = b.p.net_block ? "true" : "false";
		na = a.p.network_profile_state == TRI_SET ? a.p.network_profile
							  : "(none)";
		nb = b.p.network_profile_state == TRI_SET ? b.p.network_profile
							  : "(none)";
		va[4] = na;
		vb[4] = nb;
		va[5] = WD_NAMES[a.p.workdir];
		vb[5] = WD_NAMES[b.p.workdir];
		for (int k = 0; k < 6; k++) {
			diff_scalar(&d, names[k], va[k], vb[k]);
			if (o.json && strcmp(va[k], vb[k])) {
				jw_key(&jo.w, names[k]);
				jw_obj_begin(&jo.w);
				jw_key(&jo.w, "profile1");
				jw_str(&jo.w, va[k]);
				jw_key(&jo.w, "profile2");
				jw_str(&jo.w, vb[k]);
				jw_obj_end(&jo.w);
			}
		}
	}
	if (o.json) {
		jw_obj_end(&jo.w);
		jw_key(&jo.w, "identical");
		jw_bool(&jo.w, !d.any);
		jw_obj_end(&jo.w);
		return json_out_end(&jo);
	}
	if (!d.any)
		printf("(no differences)\n");
	return 0;
}

/* ---- validate ---- */

static int profile_validate(int argc, char **argv)
{
	static const char *U = "validate <name|path> [--json] [--strict]";
	static struct loaded_profile raw, full;
	struct opts o;
	struct err e;
	char errs[8][1024], warns[16][600];
	int nerr = 0, nwarn = 0, ngroups = 0, parsed;

	if (parse_opts(argc, argv, "--json,--strict,", &o, U))
		return 1;
	if (o.npos != 1)
		return usage(U);
	parsed = profile_load(&raw, o.pos[0], 1, NULL, 0, &e) == 0;
	if (!parsed) {
		snprintf(errs[nerr++], sizeof errs[0], "%s", e.msg);
	} else {
		const struct plist *l[] = { &raw.p.groups_include,
					    &raw.p.groups_exclude };
		for (int k = 0; k < 2; k++)
			ngroups += l[k]->n;
		for (int k = 0; k < PF_NLISTS; k++)
			for (uint16_t i = 0; i < raw.p.fs[k].n; i++)
				if (!raw.p.fs[k].v[i][0] && nwarn < 16)
					snprintf(warns[nwarn++],
						 sizeof warns[0],
						 "empty path in filesystem.%s",
						 profile_fs_keys[k]);
		for (int k = 0; k < 2; k++)
			for (uint16_t i = 0; i < raw.p.deprecated.n && !k; i++)
				if (nwarn < 16) {
					const char *d = raw.p.deprecated.v[i];
					const char *t = strchr(d, '\t');
					snprintf(warns[nwarn++],
						 sizeof warns[0],
						 "deprecated key '%.*s' — use "
						 "'%s' instead", (int)(t - d),
						 d, t + 1);
				}
		/* inheritance, group names and required groups */
		if (profile_load(&full, o.pos[0], 0, NULL, 0, &e) < 0)
			snprintf(errs[nerr++], sizeof errs[0], "%s", e.msg);
	}
	if (o.json) {
		struct json_out jo;
		struct jw *w = &jo.w;
		json_out_begin(&jo);
		jw_obj_begin(w);
		jw_key(w, "file");
		jw_str(w, parsed && raw.path[0] ? raw.path : o.pos[0]);
		jw_key(w, "valid");
		jw_bool(w, nerr == 0);
		jw_key(w, "errors");
		jw_arr_begin(w);
		for (int i = 0; i < nerr; i++)
			jw_str(w, errs[i]);
		jw_arr_end(w);
		jw_key(w, "warnings");
		jw_arr_begin(w);
		for (int i = 0; i < nwarn; i++)
			jw_str(w, warns[i]);
		jw_arr_end(w);
		jw_key(w, "deprecated_keys");
		jw_arr_begin(w);
		for (uint16_t i = 0; parsed && i < raw.p.deprecated.n; i++) {
			const char *d = raw.p.deprecated.v[i];
			char k[128];
			snprintf(k, sizeof k, "%.*s",
				 (int)(strchr(d, '\t') - d), d);
			jw_str(w, k);
		}
		jw_arr_end(w);
		jw_obj_end(w);
		if (json_out_end(&jo))
			return 1;
	} else {
		if (parsed) {
			printf("[ok]  JSON syntax valid\n");
			if (nerr == 0)
				printf("[ok]  All %d group references valid\n",
				       ngroups);
		}
		for (int i = 0; i < nwarn; i++)
			printf("[warn] %s\n", warns[i]);
		for (int i = 0; i < nerr; i++)
			printf("[err] %s\n", errs[i]);
		if (nerr)
			printf("Result: invalid (%d error%s)\n", nerr,
			       nerr == 1 ? "" : "s");
		else
			printf("Result: valid\n");
	}
	if (nerr)
		return 1;
	if (o.strict && parsed && raw.p.deprecated.n)
		return 2;
	return 0;
}

/* ---- init ---- */

static void jw_strs_csv(struct jw *w, const char *csv)
{
	char buf[1024];
	char *save, *t;

	jw_arr_begin(w);
	snprintf(buf, sizeof buf, "%s", csv ? csv : "");
	for (t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
		if (*t)
			jw_str(w, t);
	jw_arr_end(w);
}

static int profile_init_cmd(int argc, char **argv)
{
	static const char *U = "init <name> [--extends B] [--groups g1,g2] "
		"[--description D] [--full] [-o FILE] [--force]";
	static struct loaded_profile base;
	static uint8_t buf[16384];
	struct opts o;
	struct err e;
	struct nbuf nb;
	struct jw jw, *w = &jw;
	char path[4096], dir[4096];
	const char *name;

	if (parse_opts(argc, argv, "--extends,--groups,--description,--full,"
		       "-o,--output,--force,", &o, U))
		return 1;
	if (o.npos != 1)
		return usage(U);
	name = o.pos[0];
	if (strchr(name, '/'))
		return ui_failf("'%s' looks like a registry reference; try: "
				"nono profile init <short>-local --extends %s",
				name, name);
	if (!profile_name_valid(name))
		return ui_failf("invalid profile name '%.80s': use letters, "
				"digits and '-' (not first or last)", name);
	if (profile_builtin(name))
		return ui_failf("'%s' is a built-in profile; choose another "
				"name, for example '%s-local'", name, name);
	if (o.extends && profile_load(&base, o.extends, 0, NULL, 0, &e) < 0)
		return ui_fail(&e);
	if (o.groups) {
		char g[1024], *save, *t;
		snprintf(g, sizeof g, "%s", o.groups);
		for (t = strtok_r(g, ",", &save); t;
		     t = strtok_r(NULL, ",", &save))
			if (*t && !policy_group_find(t, strlen(t)))
				return ui_failf("unknown policy group '%s' "
						"(see nono profile groups)", t);
	}
	nbuf_init(&nb, buf, sizeof buf);
	jw_init(w, &nb, 1);
	jw_obj_begin(w);
	if (o.extends) {
		jw_key(w, "extends");
		jw_str(w, o.extends);
	}
	jw_key(w, "meta");
	jw_obj_begin(w);
	jw_key(w, "name");
	jw_str(w, name);
	jw_key(w, "description");
	jw_str(w, o.description ? o.description : "");
	jw_obj_end(w);
	jw_key(w, "groups");
	jw_obj_begin(w);
	jw_key(w, "include");
	jw_strs_csv(w, o.groups);
	if (o.full) {
		jw_key(w, "exclude");
		jw_strs_csv(w, NULL);
	}
	jw_obj_end(w);
	jw_key(w, "workdir");
	jw_obj_begin(w);
	jw_key(w, "access");
	jw_str(w, "readwrite");
	jw_obj_end(w);
	jw_key(w, "filesystem");
	jw_obj_begin(w);
	for (int k = 0; k < (o.full ? 6 : 2); k++) {
		jw_key(w, profile_fs_keys[k]);
		jw_strs_csv(w, NULL);
	}
	if (o.full) {
		jw_key(w, "deny");
		jw_strs_csv(w, NULL);
		jw_key(w, "bypass_protection");
		jw_strs_csv(w, NULL);
	}
	jw_obj_end(w);
	if (o.full) {
		jw_key(w, "network");
		jw_obj_begin(w);
		jw_key(w, "block");
		jw_bool(w, 0);
		jw_key(w, "open_port");
		jw_arr_begin(w);
		jw_arr_end(w);
		jw_key(w, "connect_port");
		jw_arr_begin(w);
		jw_arr_end(w);
		jw_obj_end(w);
		jw_key(w, "environment");
		jw_obj_begin(w);
		jw_key(w, "allow_vars");
		jw_strs_csv(w, NULL);
		jw_key(w, "deny_vars");
		jw_strs_csv(w, NULL);
		jw_obj_end(w);
	}
	jw_obj_end(w);
	if (jw_finish(w) < 0 || nbuf_putc(&nb, '\n') < 0)
		return ui_failf("profile skeleton too large");
	if (o.out) {
		snprintf(path, sizeof path, "%s", o.out);
	} else {
		if (profile_user_dir(dir) < 0)
			return ui_failf("cannot find the profile directory: "
					"set HOME or XDG_CONFIG_HOME");
		if (mkdir_p(dir, 0700, &e) < 0)
			return ui_fail(&e);
		if ((size_t)snprintf(path, sizeof path, "%s/%s.json", dir,
				     name) >= sizeof path)
			return ui_failf("profile path too long");
	}
	if (!o.force && access(path, F_OK) == 0)
		return ui_failf("'%s' already exists; use --force to overwrite",
				path);
	{
		char d[4096];
		const char *slash = strrchr(path, '/');
		const char *base_name = slash ? slash + 1 : path;
		int dfd;
		snprintf(d, sizeof d, "%.*s", slash ? (int)(slash - path) : 1,
			 slash ? (slash == path ? "/" : path) : ".");
		dfd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0)
			return ui_failf("cannot open directory '%s': %s", d,
					strerror(errno));
		if (write_atomic_at(dfd, base_name, path, nb.p, nb.len, &e) < 0) {
			close(dfd);
			return ui_fail(&e);
		}
		close(dfd);
	}
	if (!ui.silent) {
		fprintf(stderr, "nono profile Created profile at %s\n", path);
		fprintf(stderr, "nono profile Validate with: nono profile "
			"validate %s\n", o.out ? path : name);
		fprintf(stderr, "nono profile For editor autocomplete: nono "
			"profile schema -o nono-profile.schema.json\n");
	}
	return 0;
}

/* ---- schema, guide ---- */

static int print_file(const struct builtin_file *f, const char *out)
{
	struct err e;

	if (!out) {
		if (fwrite(f->text, 1, f->len, stdout) != f->len ||
		    fflush(stdout))
			return ui_failf("cannot write to stdout");
		return 0;
	}
	{
		const char *slash = strrchr(out, '/');
		char d[4096];
		int dfd, rc;
		snprintf(d, sizeof d, "%.*s", slash ? (int)(slash - out) : 1,
			 slash ? (slash == out ? "/" : out) : ".");
		dfd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0)
			return ui_failf("cannot open directory '%s': %s", d,
					strerror(errno));
		rc = write_atomic_at(dfd, slash ? slash + 1 : out, out,
				     f->text, f->len, &e);
		close(dfd);
		return rc < 0 ? ui_fail(&e) : 0;
	}
}

static int profile_schema(int argc, char **argv)
{
	struct opts o;

	if (parse_opts(argc, argv, "-o,--output,", &o, "schema [-o FILE]"))
		return 1;
	if (o.npos)
		return usage("schema [-o FILE]");
	return print_file(&builtin_schema, o.out);
}

/* ---- groups ---- */

static size_t count(const char *const *l)
{
	size_t n = 0;
	while (l && l[n])
		n++;
	return n;
}

static const char *plat(const struct policy_group *g)
{
	return g->platform == PLAT_LINUX ? "linux"
	       : g->platform == PLAT_MACOS ? "macos" : "cross-platform";
}

static void group_detail(const struct policy_group *g)
{
	const char *const *lists[] = { g->read, g->write, g->readwrite,
				       g->deny, g->commands };
	const char *names[] = { "allow.read", "allow.write",
				"allow.readwrite", "deny.access",
				"deny.commands" };

	printf("Group: %s\n  Description: %s\n  Platform: %s\n"
	       "  Required: %s\n", g->name, g->description, plat(g),
	       g->required ? "yes" : "no");
	for (int k = 0; k < 5; k++) {
		if (!count(lists[k]))
			continue;
		printf("  %s:\n", names[k]);
		for (size_t i = 0; lists[k][i]; i++)
			printf("    %s\n", lists[k][i]);
	}
}

static int profile_groups_cmd(int argc, char **argv)
{
	static const char *U = "groups [NAME] [--json] [--all-platforms]";
	struct opts o;
	size_t shown = 0;

	if (parse_opts(argc, argv, "--json,--all-platforms,", &o, U))
		return 1;
	if (o.npos > 1)
		return usage(U);
	if (o.npos == 1) {
		const struct policy_group *g =
			policy_group_find(o.pos[0], strlen(o.pos[0]));
		if (!g)
			return ui_failf("unknown policy group '%s'", o.pos[0]);
		if (!o.json) {
			group_detail(g);
			return 0;
		}
	}
	if (o.json) {
		struct json_out jo;
		struct jw *w = &jo.w;
		json_out_begin(&jo);
		if (o.npos == 0)
			jw_arr_begin(w);
		for (size_t i = 0; i < policy_ngroups; i++) {
			const struct policy_group *g = &policy_groups[i];
			if (o.npos ? strcmp(g->name, o.pos[0])
				   : (!o.all_platforms &&
				      !policy_group_on_linux(g)))
				continue;
			jw_obj_begin(w);
			jw_key(w, "name");
			jw_str(w, g->name);
			jw_key(w, "description");
			jw_str(w, g->description);
			jw_key(w, "platform");
			jw_str(w, plat(g));
			jw_key(w, "required");
			jw_bool(w, g->required);
			jw_key(w, "allow");
			jw_obj_begin(w);
			jw_key(w, "read");
			jw_u64(w, count(g->read));
			jw_key(w, "write");
			jw_u64(w, count(g->write));
			jw_key(w, "readwrite");
			jw_u64(w, count(g->readwrite));
			jw_obj_end(w);
			jw_key(w, "deny");
			jw_obj_begin(w);
			jw_key(w, "access");
			jw_u64(w, count(g->deny));
			jw_key(w, "commands");
			jw_u64(w, count(g->commands));
			jw_key(w, "unlink");
			jw_bool(w, g->deny_unlink);
			jw_obj_end(w);
			jw_obj_end(w);
		}
		if (o.npos == 0)
			jw_arr_end(w);
		return json_out_end(&jo);
	}
	for (size_t i = 0; i < policy_ngroups; i++)
		shown += o.all_platforms || policy_group_on_linux(&policy_groups[i]);
	printf("nono profile: %zu groups%s\n", shown,
	       o.all_platforms ? " (all platforms)" : "");
	for (size_t i = 0; i < policy_ngroups; i++) {
		const struct policy_group *g = &policy_groups[i];
		if (!o.all_platforms && !policy_group_on_linux(g))
			continue;
		printf("  %-36s %-42s %s%s\n", g->name, g->description,
		       plat(g), g->required ? "  required" : "");
	}
	return 0;
}

int cmd_profile(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} SUB[] = {
		{ "list", profile_list }, { "show", profile_show },
		{ "diff", profile_diff }, { "validate", profile_validate },
		{ "init", profile_init_cmd }, { "schema", profile_schema },
		{ "groups", profile_groups_cmd },
	};

	if (argc < 1)
		return ui_failf("usage: nono profile list | show | diff | "
				"validate | init | schema | groups | guide");
	if (!strcmp(argv[0], "guide")) {
		if (argc > 1)
			return usage("guide");
		return print_file(&builtin_guide, NULL);
	}
	for (size_t i = 0; i < sizeof SUB / sizeof *SUB; i++)
		if (!strcmp(argv[0], SUB[i].name))
			return SUB[i].fn(argc - 1, argv + 1);
	if (!strcmp(argv[0], "promote"))
		return ui_failf("nono profile promote is not available in this "
				"build yet");
	return ui_failf("unknown profile subcommand '%s' (expected list, "
			"show, diff, validate, init, schema, groups or guide)",
			argv[0]);
}
