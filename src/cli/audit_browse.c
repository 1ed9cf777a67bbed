/*
 * nono audit list [--today] [--since D] [--until D] [--command C]
 *                 [--path P] [--recent N] [--json]
 * nono audit show <id> [--json]
 * nono audit cleanup [--keep N] [--older-than DAYS] [--dry-run] [--all]
 * (spec/cli-audit.md)
 */
#include "audit_record.h"
#include "commands.h"
#include "json_copy.h"
#include "json_read.h"
#include "paths.h"
#include "session_store.h"
#include "timefmt.h"
#include "ui.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- shared helpers ---- */

/* Copies s for a terminal: ANSI CSI/OSC sequences removed, other control
 * characters replaced by spaces, at most max bytes (then "..."). */
static void sanitize(const char *s, char *out, size_t cap, size_t max)
{
	size_t o = 0;

	for (size_t i = 0; s[i] && o + 4 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x1b && s[i + 1] == '[') { /* CSI ... final byte */
			i += 2;
			while (s[i] && !((unsigned char)s[i] >= 0x40 &&
					 (unsigned char)s[i] <= 0x7e))
				i++;
			if (!s[i])
				break;
			continue;
		}
		if (c == 0x1b && s[i + 1] == ']') { /* OSC ... BEL or ST */
			i += 2;
			while (s[i] && s[i] != 0x07 &&
			       !(s[i] == 0x1b && s[i + 1] == '\\'))
				i++;
			if (!s[i])
				break;
			if (s[i] == 0x1b)
				i++;
			continue;
		}
		if (o >= max) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		out[o++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
	}
	out[o] = 0;
}

/* Shell-quoted command line (single quotes when needed). */
static void command_line(const struct session_meta *m, char *out, size_t cap)
{
	size_t o = 0;

	out[0] = 0;
	for (size_t i = 0; i < m->ncommand && o + 8 < cap; i++) {
		const char *a = m->command[i];
		int plain = *a != 0;
		for (const char *p = a; *p; p++)
			if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,@%+", *p))
				plain = 0;
		if (i)
			out[o++] = ' ';
		if (!plain)
			out[o++] = '\'';
		for (const char *p = a; *p && o + 6 < cap; p++) {
			if (*p == '\'' && !plain) {
				memcpy(out + o, "'\\''", 4);
				o += 4;
			} else {
				out[o++] = *p;
			}
		}
		if (!plain)
			out[o++] = '\'';
		out[o] = 0;
	}
}

/* Legacy ids end in -PID; hex ids never name a process (as the original). */
static int session_alive(const char *id)
{
	const char *d = strrchr(id, '-');
	char *end;
	unsigned long pid;

	if (!d || !d[1])
		return 0;
	errno = 0;
	pid = strtoul(d + 1, &end, 10);
	if (*end || errno || pid == 0 || pid > 4194304)
		return 0;
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

static int64_t started_epoch(const struct session_meta *m)
{
	int64_t t;

	return rfc3339_parse(m->started, &t) == 0 ? t : 0;
}

static void relative_time(int64_t t, char *out, size_t cap)
{
	int64_t d = (int64_t)time(NULL) - t;

	if (t == 0)
		snprintf(out, cap, "unknown time");
	else if (d < 60)
		snprintf(out, cap, "just now");
	else if (d < 3600)
		snprintf(out, cap, "%lldm ago", (long long)(d / 60));
	else if (d < 86400)
		snprintf(out, cap, "%lldh ago", (long long)(d / 3600));
	else
		snprintf(out, cap, "%lldd ago", (long long)(d / 86400));
}

static void home_path(const char *p, char *out, size_t cap)
{
	const char *h = getenv("HOME");
	size_t hl = h ? strlen(h) : 0;

	if (hl > 1 && !strncmp(p, h, hl) && (p[hl] == '/' || !p[hl]))
		snprintf(out, cap, "~%s", p + hl);
	else
		snprintf(out, cap, "%s", p);
}

static int parse_count(const char *flag, const char *v, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(v, &end, 10);
	if (!*v || *end || errno || *out < 0 || *out > 100000000)
		return ui_failf("%s expects a non-negative number, got '%.32s'",
				flag, v);
	return 0;
}

/* ---- list ---- */

struct entry {
	char id[SESSION_ID_MAX + 1];
	int64_t t;
	char started[64];  /* the order: newest first by string (formats) */
	char *json;        /* the list JSON object (compact) */
	char *cmd0;        /* command[0] */
	char *line;        /* shell-quoted command */
	char *group;       /* first tracked path */
	char **paths;
	size_t npaths;
	int alive, stale;
};

struct list_opts {
	int json, today;
	int64_t since, until;
	int has_since, has_until;
	const char *command, *path;
	long recent;
	struct entry *v;
	size_t n, cap;
	int oom;
};

static char *dup_s(const char *s)
{
	return strdup(s ? s : "");
}

static int ci_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return 1;
	return n == 0;
}

static int path_related(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t l = la < lb ? la : lb;

	return !strncmp(a, b, l) && (la == lb || (la < lb ? b[l] : a[l]) == '/' ||
				     (l > 0 && (la < lb ? a : b)[l - 1] == '/'));
}

static char *list_json(struct loaded_session *s, int alive, int stale)
{
	const struct session_meta *m = &s->m;
	size_t cap = s->jslen * 2 + 1024;
	uint8_t *mem = malloc(cap);
	struct nbuf b;
	struct jw w;

	if (!mem)
		return NULL;
	nbuf_init(&b, mem, cap - 1);
	jw_init(&w, &b, 0);
	jw_obj_begin(&w);
	jw_key(&w, "session_id");
	jw_str(&w, m->session_id);
	jw_key(&w, "started");
	jw_str(&w, m->started);
	jw_key(&w, "ended");
	if (m->ended)
		jw_str(&w, m->ended);
	else
		jw_null(&w);
	jw_key(&w, "command");
	jw_arr_begin(&w);
	for (size_t i = 0; i < m->ncommand; i++)
		jw_str(&w, m->command[i]);
	jw_arr_end(&w);
	jw_key(&w, "tracked_paths");
	jw_arr_begin(&w);
	for (size_t i = 0; i < m->ntracked; i++)
		jw_str(&w, m->tracked_paths[i]);
	jw_arr_end(&w);
	jw_key(&w, "snapshot_count");
	jw_u64(&w, m->snapshot_count);
	jw_key(&w, "exit_code");
	if (m->has_exit_code)
		jw_i64(&w, m->exit_code);
	else
		jw_null(&w);
	jw_key(&w, "network_event_count");
	jw_u64(&w, m->nnet);
	jw_key(&w, "disk_size");
	jw_u64(&w, session_disk_size(s->dirfd));
	jw_key(&w, "is_alive");
	jw_bool(&w, alive);
	jw_key(&w, "is_stale");
	jw_bool(&w, stale);
	jw_obj_end(&w);
	if (jw_finish(&w) != JW_OK) {
		free(mem);
		return NULL;
	}
	mem[b.len] = 0;
	return (char *)mem;
}

static int list_one(void *ctx, struct loaded_session *s)
{
	struct list_opts *o = ctx;
	const struct session_meta *m = &s->m;
	struct entry *e;
	char line[4096];

	if (o->n == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 64;
		void *p = realloc(o->v, cap * sizeof *o->v);
		if (!p) {
			o->oom = 1;
			return 1;
		}
		o->v = p;
		o->cap = cap;
	}
	e = &o->v[o->n];
	memset(e, 0, sizeof *e);
	strcpy(e->id, m->session_id);
	e->t = started_epoch(m);
	snprintf(e->started, sizeof e->started, "%s", m->started);
	e->alive = session_alive(m->session_id);
	e->stale = !m->ended && !e->alive;
	command_line(m, line, sizeof line);
	e->line = dup_s(line);
	e->cmd0 = dup_s(m->ncommand ? m->command[0] : "");
	e->group = dup_s(m->ntracked ? m->tracked_paths[0] : "(no tracked path)");
	e->paths = calloc(m->ntracked + 1, sizeof *e->paths);
	e->json = list_json(s, e->alive, e->stale);
	if (!e->line || !e->cmd0 || !e->group || !e->paths || !e->json) {
		o->oom = 1;
		return 1;
	}
	for (size_t i = 0; i < m->ntracked; i++)
		if (!(e->paths[e->npaths++] = strdup(m->tracked_paths[i]))) {
			o->oom = 1;
			return 1;
		}
	o->n++;
	return 0;
}

static void skip_bad(void *ctx, const char *root, const char *id,
		     const char *why)
{
	(void)ctx;
	if (ui.verbose)
		ui_line("warning: skipping %s/%s: %s", root, id, why);
}

static int newest_first(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(y->started, x->started);

	return c ? c : strcmp(y->id, x->id);
}

static int keep(const struct list_opts *o, const struct entry *e,
		int64_t midnight)
{
	if (o->today && e->t < midnight)
		return 0;
	if (o->has_since && e->t < o->since)
		return 0;
	if (o->has_until && e->t >= o->until)
		return 0;
	if (o->command && !ci_contains(e->cmd0, o->command))
		return 0;
	if (o->path) {
		int hit = 0;
		for (size_t i = 0; i < e->npaths && !hit; i++)
			hit = path_related(e->paths[i], o->path);
		if (!hit)
			return 0;
	}
	return 1;
}

static void free_entries(struct list_opts *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].json);
		free(o->v[i].cmd0);
		free(o->v[i].line);
		free(o->v[i].group);
		for (size_t k = 0; k < o->v[i].npaths; k++)
			free(o->v[i].paths[k]);
		free(o->v[i].paths);
	}
	free(o->v);
}

static int audit_list(int argc, char **argv)
{
	struct list_opts o;
	struct err e;
	size_t *sel, ns = 0;
	int64_t midnight = (int64_t)time(NULL) / 86400 * 86400; /* UTC */
	char pathbuf[PATH_MAX];
	int rc = 0;

	memset(&o, 0, sizeof o);
	o.recent = -1;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int takes = !strcmp(a, "--since") || !strcmp(a, "--until") ||
			    !strcmp(a, "--command") || !strcmp(a, "--path") ||
			    !strcmp(a, "--recent");
		if (takes && !v)
			return ui_failf("%s requires a value", a);
		if (!strcmp(a, "--json"))
			o.json = 1;
		else if (!strcmp(a, "--today"))
			o.today = 1;
		else if (!strcmp(a, "--since")) {
			if (date_parse(v, 0, &o.since) < 0)
				return ui_failf("--since expects YYYY-MM-DD, got "
						"'%.32s'", v);
			o.has_since = 1;
		} else if (!strcmp(a, "--until")) {
			if (date_parse(v, 1, &o.until) < 0)
				return ui_failf("--until expects YYYY-MM-DD, got "
						"'%.32s'", v);
			o.has_until = 1;
		} else if (!strcmp(a, "--command"))
			o.command = v;
		else if (!strcmp(a, "--path")) {
			o.path = realpath(v, pathbuf) ? pathbuf : v;
		} else if (!strcmp(a, "--recent")) {
			if (parse_count("--recent", v, &o.recent))
				return 1;
		} else
			return ui_failf("unexpected argument '%.64s' for 'nono "
					"audit list'", a);
		i += takes;
	}
	if (session_each(list_one, skip_bad, &o, &e) < 0)
		return ui_fail(&e);
	if (o.oom) {
		free_entries(&o);
		return ui_failf("out of memory listing sessions");
	}
	qsort(o.v, o.n, sizeof *o.v, newest_first);
	sel = calloc(o.n + 1, sizeof *sel);
	for (size_t i = 0; sel && i < o.n; i++)
		if (keep(&o, &o.v[i], midnight) &&
		    (o.recent < 0 || ns < (size_t)o.recent))
			sel[ns++] = i;
	if (!sel) {
		free_entries(&o);
		return ui_failf("out of memory");
	}
	if (o.json) {
		struct json_out out;
		json_out_begin(&out);
		jw_arr_begin(&out.w);
		for (size_t k = 0; k < ns; k++)
			jw_raw(&out.w, (const uint8_t *)o.v[sel[k]].json,
			       strlen(o.v[sel[k]].json));
		jw_arr_end(&out.w);
		rc = json_out_end(&out);
	} else {
		int *done = calloc(ns + 1, sizeof *done);
		ui_line("%zu session(s)", ns);
		for (size_t k = 0; done && k < ns; k++) {
			const char *g = o.v[sel[k]].group;
			size_t cnt = 0;
			char shown[PATH_MAX + 2], safe[PATH_MAX + 8];
			if (done[k])
				continue;
			for (size_t j = k; j < ns; j++)
				cnt += !strcmp(o.v[sel[j]].group, g);
			home_path(g, shown, sizeof shown);
			sanitize(shown, safe, sizeof safe, 200);
			if (!ui.silent)
				fputc('\n', stderr);
			ui_line("  %s (%zu session%s)", safe, cnt,
				cnt == 1 ? "" : "s");
			for (size_t j = k; j < ns; j++) {
				const struct entry *x = &o.v[sel[j]];
				char rel[32], cmd[64];
				if (strcmp(x->group, g))
					continue;
				done[j] = 1;
				relative_time(x->t, rel, sizeof rel);
				sanitize(x->line, cmd, sizeof cmd, 35);
				ui_line("    %s  %s  %s  %s", x->id, rel,
					x->alive ? "running"
						 : x->stale ? "orphaned"
							    : "completed",
					cmd);
			}
		}
		free(done);
	}
	free(sel);
	free_entries(&o);
	return rc;
}

/* ---- show ---- */

/* The command_policy events of the log, flattened as the original
 * exports them. */
static void command_policy_json(struct loaded_session *s, struct jw *w,
				size_t *count)
{
	FILE *f;
	int fd = openat(s->dirfd, "audit-events.ndjson",
			O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	static const char prefix[] = "{\"type\":\"command_policy\",\"event\":";

	*count = 0;
	jw_arr_begin(w);
	f = fd >= 0 ? fdopen(fd, "r") : NULL;
	while (f && (n = getline(&line, &cap, f)) > 0) {
		struct audit_record r;
		const char *why;
		struct json_doc d;
		struct json_err je;
		jsmntok_t *tok;
		size_t ntok;
		int ev;

		if (line[n - 1] == '\n')
			n--;
		if ((size_t)n > AUDIT_LINE_MAX ||
		    audit_record_parse((uint8_t *)line, (size_t)n, &r, &why) < 0 ||
		    r.event_len < sizeof prefix ||
		    memcmp(r.event, prefix, sizeof prefix - 1) != 0)
			continue;
		ntok = json_tokens_for(r.event_len);
		tok = malloc(ntok * sizeof *tok);
		if (!tok || json_parse(&d, r.event, r.event_len, tok,
				       (unsigned)ntok, &je) < 0) {
			free(tok);
			continue;
		}
		ev = json_obj_get(&d, 0, "event");
		jw_obj_begin(w);
		jw_key(w, "sequence");
		jw_u64(w, r.sequence);
		jw_key(w, "leaf_hash");
		jw_strn(w, r.leaf_hex, 64);
		jw_key(w, "chain_hash");
		jw_strn(w, r.chain_hex, 64);
		for (int j = 0, k = ev + 1; json_is_obj(&d, ev) &&
					    j < json_count(&d, ev); j++) {
			size_t kl;
			const uint8_t *ks = json_str(&d, k, &kl);
			jw_jkey(w, ks, kl);
			k = json_copy(w, &d, k + 1);
		}
		jw_key(w, "event_type");
		jw_str(w, "command_policy");
		jw_obj_end(w);
		(*count)++;
		free(tok);
	}
	jw_arr_end(w);
	free(line);
	if (f)
		fclose(f);
	else if (fd >= 0)
		close(fd);
}

static void hex_or_null(struct jw *w, const uint8_t *b)
{
	if (b)
		jw_hex(w, b, 32);
	else
		jw_null(w);
}

static int show_json(struct loaded_session *s)
{
	const struct session_meta *m = &s->m;
	struct json_out o;
	struct jw *w = &o.w;
	size_t cnt;

	json_out_begin(&o);
	jw_obj_begin(w);
	jw_key(w, "session_id");
	jw_str(w, m->session_id);
	jw_key(w, "started");
	jw_str(w, m->started);
	jw_key(w, "ended");
	if (m->ended)
		jw_str(w, m->ended);
	else
		jw_null(w);
	jw_key(w, "command");
	jw_arr_begin(w);
	for (size_t i = 0; i < m->ncommand; i++)
		jw_str(w, m->command[i]);
	jw_arr_end(w);
	jw_key(w, "executable_identity");
	if (m->exe_path) {
		jw_obj_begin(w);
		jw_key(w, "resolved_path");
		jw_str(w, m->exe_path);
		jw_key(w, "sha256");
		jw_hex(w, m->exe_sha256, 32);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "tracked_paths");
	jw_arr_begin(w);
	for (size_t i = 0; i < m->ntracked; i++)
		jw_str(w, m->tracked_paths[i]);
	jw_arr_end(w);
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
	jw_key(w, "command_policy_events");
	command_policy_json(s, w, &cnt);
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
		hex_or_null(w, m->integrity->chain_head);
		jw_key(w, "merkle_root");
		hex_or_null(w, m->integrity->merkle_root);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "snapshots");
	jw_arr_begin(w);
	jw_arr_end(w);
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
	return json_out_end(&o);
}

/* One network event as a line: decision mode target[:port] (details). */
static void network_line(const uint8_t *ev, size_t n)
{
	jsmntok_t tok[256];
	struct json_doc d;
	struct json_err je;
	static const char *const keys[] = { "decision", "mode", "target" };
	char v[3][256], det[768], safe[1024];
	uint64_t port;
	size_t o = 0;

	if (json_parse(&d, ev, n, tok, 256, &je) < 0)
		return;
	for (int k = 0; k < 3; k++) {
		size_t l;
		const uint8_t *s;
		int t = json_obj_get(&d, 0, keys[k]);
		v[k][0] = 0;
		if (json_is_str(&d, t)) {
			s = json_str(&d, t, &l);
			snprintf(v[k], sizeof v[k], "%.*s", (int)(l < 200 ? l : 200), s);
		}
	}
	det[0] = 0;
	{
		static const char *const opt[] = { "method", "path", "status",
						   "reason" };
		for (int k = 0; k < 4; k++) {
			int t = json_obj_get(&d, 0, opt[k]);
			size_t l;
			const uint8_t *s;
			if (t < 0 || json_is_null(&d, t))
				continue;
			s = d.js + d.tok[t].start;
			l = (size_t)(d.tok[t].end - d.tok[t].start);
			o += (size_t)snprintf(det + o, sizeof det - o, "%s%s=%.*s",
					      o ? ", " : "", opt[k],
					      (int)(l < 120 ? l : 120), s);
			if (o >= sizeof det)
				break;
		}
	}
	if (json_get_u64(&d, json_obj_get(&d, 0, "port"), 65535, &port) == 0)
		snprintf(v[2] + strlen(v[2]), sizeof v[2] - strlen(v[2]),
			 ":%llu", (unsigned long long)port);
	snprintf(safe, sizeof safe, "%s %s %s%s%s%s", v[0], v[1], v[2],
		 det[0] ? " (" : "", det, det[0] ? ")" : "");
	{
		char out[1024];
		sanitize(safe, out, sizeof out, 600);
		ui_line("    %s", out);
	}
}

static int show_human(struct loaded_session *s)
{
	const struct session_meta *m = &s->m;
	char line[8192], safe[8192], path[PATH_MAX + 8];

	ui_line("Session %s", m->session_id);
	command_line(m, line, sizeof line);
	sanitize(line, safe, sizeof safe, 2000);
	ui_line("  Command:  %s", safe);
	sanitize(m->started, safe, sizeof safe, 80);
	ui_line("  Started:  %s", safe);
	sanitize(m->ended ? m->ended : "-", safe, sizeof safe, 80);
	ui_line("  Ended:    %s", safe);
	if (m->has_exit_code)
		ui_line("  Exit:     %d", m->exit_code);
	else
		ui_line("  Exit:     -");
	for (size_t i = 0; i < m->ntracked; i++) {
		home_path(m->tracked_paths[i], path, sizeof path);
		sanitize(path, safe, sizeof safe, 400);
		ui_line("  %-9s %s", i ? "" : "Paths:", safe);
	}
	if (m->integrity) {
		char c[17], r[17];
		memcpy(c, hex32s(m->integrity->chain_head), 16);
		memcpy(r, hex32s(m->integrity->merkle_root), 16);
		c[16] = r[16] = 0;
		ui_line("  Audit:    integrity enabled (%llu events)",
			(unsigned long long)m->integrity->event_count);
		ui_line("  Chain:    %s", c);
		ui_line("  Root:     %s", r);
	} else {
		ui_line("  Audit:    %llu events",
			(unsigned long long)m->audit_event_count);
	}
	if (m->attestation) {
		sanitize(m->attestation->predicate_type, safe, sizeof safe, 120);
		ui_line("  Signed:   %s", hex32s(m->attestation->key_id));
		ui_line("  Attestation: %s", safe);
		sanitize(m->attestation->public_key, safe, sizeof safe, 200);
		ui_line("  Public key:  %s", safe);
		sanitize(m->attestation->bundle_filename, safe, sizeof safe, 128);
		ui_line("  Bundle:      %s", safe);
	}
	ui_line("  Network Events: %zu", m->nnet);
	for (size_t i = 0; i < m->nnet; i++)
		network_line(m->net_events[i], m->net_lens[i]);
	return 0;
}

static int audit_show(int argc, char **argv)
{
	const char *id = NULL;
	int json = 0, rc;
	struct loaded_session s;
	struct err e;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (argv[i][0] == '-' && argv[i][1])
			return ui_failf("unexpected argument '%.64s' for 'nono "
					"audit show'", argv[i]);
		else if (!id)
			id = argv[i];
		else
			return ui_failf("unexpected argument '%.64s' for 'nono "
					"audit show'", argv[i]);
	}
	if (!id)
		return ui_failf("'nono audit show' requires a session ID");
	if (session_load(id, &s, &e) < 0)
		return ui_fail(&e);
	rc = json ? show_json(&s) : show_human(&s);
	session_unload(&s);
	return rc;
}

/* ---- cleanup ---- */

/* Removes dir (relative to parent) and everything in it, never following
 * symlinks. */
static int remove_tree(int parent, const char *name)
{
	int fd = openat(parent, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (fd < 0)
		return -1;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d))) {
		struct stat st;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			rc = -1;
		else if (S_ISDIR(st.st_mode))
			rc |= remove_tree(fd, de->d_name);
		else if (unlinkat(fd, de->d_name, 0) < 0)
			rc = -1;
	}
	closedir(d);
	if (unlinkat(parent, name, AT_REMOVEDIR) < 0)
		rc = -1;
	return rc;
}

struct cand {
	char id[SESSION_ID_MAX + 1];
	char root[PATH_MAX];
	int64_t t;
	uint64_t size;
};

struct clean_opts {
	struct cand *v;
	size_t n, cap;
	int oom;
};

static int clean_one(void *ctx, struct loaded_session *s)
{
	struct clean_opts *o = ctx;
	struct cand *c;

	if (session_alive(s->m.session_id))
		return 0;
	/* primary audit sessions, and legacy audit-only ones */
	if (s->kind == ROOT_ROLLBACK)
		return 0;
	if (o->n == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 64;
		void *p = realloc(o->v, cap * sizeof *o->v);
		if (!p) {
			o->oom = 1;
			return 1;
		}
		o->v = p;
		o->cap = cap;
	}
	c = &o->v[o->n++];
	strcpy(c->id, s->m.session_id);
	snprintf(c->root, sizeof c->root, "%s", s->root);
	c->t = started_epoch(&s->m);
	c->size = session_disk_size(s->dirfd);
	return 0;
}

static int cand_newest_first(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return x->t != y->t ? (x->t < y->t ? 1 : -1) : strcmp(y->id, x->id);
}

static void human_size(uint64_t n, char *out, size_t cap)
{
	if (n < 1024)
		snprintf(out, cap, "%llu B", (unsigned long long)n);
	else if (n < 1024 * 1024)
		snprintf(out, cap, "%.1f KiB", (double)n / 1024);
	else
		snprintf(out, cap, "%.1f MiB", (double)n / 1048576);
}

static int audit_cleanup(int argc, char **argv)
{
	long keep = 0, older = -1;
	int dry = 0, all = 0, failed = 0;
	struct clean_opts o;
	struct err e;
	size_t k = 0, removed = 0;
	uint64_t freed = 0;
	int64_t now = (int64_t)time(NULL);
	char sz[32];

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if ((!strcmp(a, "--keep") || !strcmp(a, "--older-than")) &&
		    i + 1 >= argc)
			return ui_failf("%s requires a value", a);
		if (!strcmp(a, "--keep")) {
			if (parse_count("--keep", argv[++i], &keep))
				return 1;
		} else if (!strcmp(a, "--older-than")) {
			if (parse_count("--older-than", argv[++i], &older))
				return 1;
		} else if (!strcmp(a, "--dry-run"))
			dry = 1;
		else if (!strcmp(a, "--all"))
			all = 1;
		else
			return ui_failf("unexpected argument '%.64s' for 'nono "
					"audit cleanup'", a);
	}
	if (getenv("NONO_CAP_FILE"))
		return ui_failf("refusing to clean up audit sessions from inside "
				"a nono sandbox");
	memset(&o, 0, sizeof o);
	if (session_each(clean_one, NULL, &o, &e) < 0)
		return ui_fail(&e);
	if (o.oom) {
		free(o.v);
		return ui_failf("out of memory");
	}
	qsort(o.v, o.n, sizeof *o.v, cand_newest_first);
	/* selection: --all, or older than N days, or (neither) every one;
	 * --keep spares the newest N */
	for (size_t i = 0; i < o.n; i++) {
		int pick = all || older < 0 || o.v[i].t < now - older * 86400;
		if (pick && (long)i >= keep)
			o.v[k++] = o.v[i];
	}
	for (size_t i = 0; i < k; i++)
		freed += o.v[i].size;
	human_size(freed, sz, sizeof sz);
	if (dry) {
		ui_line("Dry run: would remove %zu audit session(s) (%s)", k, sz);
		for (size_t i = 0; i < k; i++)
			ui_line("  %s", o.v[i].id);
		free(o.v);
		return 0;
	}
	freed = 0;
	for (size_t i = 0; i < k; i++) {
		int rootfd = open(o.v[i].root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (rootfd >= 0 && remove_tree(rootfd, o.v[i].id) == 0) {
			removed++;
			freed += o.v[i].size;
		} else {
			failed = 1;
		}
		if (rootfd >= 0)
			close(rootfd);
	}
	free(o.v);
	human_size(freed, sz, sizeof sz);
	ui_line("Removed %zu audit session(s), freed %s.", removed, sz);
	if (failed)
		return ui_failf("some sessions could not be removed completely");
	return 0;
}

int cmd_audit_browse(const char *sub, int argc, char **argv)
{
	if (!strcmp(sub, "list"))
		return audit_list(argc, argv);
	if (!strcmp(sub, "show"))
		return audit_show(argc, argv);
	return audit_cleanup(argc, argv);
}
