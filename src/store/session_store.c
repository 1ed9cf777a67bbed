#include "session_store.h"

#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SESSION_MAX ((size_t)256 << 20)

int session_id_error(const char *id, struct err *e)
{
	size_t n = strlen(id);

	return errf(e, "invalid session ID '%.64s%s': expected 1-64 "
		       "characters from [A-Za-z0-9_-]",
		    id, n > 64 ? "..." : "");
}

static int load_from(const char *root, enum root_kind kind, const char *id,
		     struct loaded_session *s, int *found, struct err *e)
{
	int rootfd, dfd, missing;
	size_t ntok;
	struct nbuf a;
	struct session_err se;
	char shown[PATH_MAX + 96];

	*found = 0;
	rootfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return 0;
	dfd = openat(rootfd, id, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	close(rootfd);
	if (dfd < 0) {
		if (errno == ENOENT)
			return 0;
		if (errno == ELOOP || errno == ENOTDIR)
			return errf(e, "Snapshot error: session directory "
				       "%s/%s is not a directory (symlinks "
				       "are refused)", root, id);
		return errf_sys(e, "cannot open session %s/%s", root, id);
	}
	snprintf(shown, sizeof shown, "%s/%s/session.json", root, id);
	if (read_file_at(dfd, "session.json", shown, SESSION_MAX, &s->js,
			 &s->jslen, &missing, e) < 0) {
		close(dfd);
		if (missing)
			return errf(e, "Snapshot error: %s is missing", shown);
		return -1;
	}
	ntok = json_tokens_for(s->jslen);
	s->tok = malloc(ntok * sizeof *s->tok);
	s->arena = malloc(session_arena_for(s->jslen));
	s->dirfd = dfd;
	if (!s->tok || !s->arena)
		return errf(e, "out of memory loading %s", shown);
	nbuf_init(&a, s->arena, session_arena_for(s->jslen));
	if (session_parse(s->js, s->jslen, s->tok, (unsigned)ntok, &a, &s->m,
			  &se) < 0) {
		size_t line, col;
		json_line_col(s->js, s->jslen, se.offset, &line, &col);
		return errf(e, "Snapshot error: invalid %s at line %zu, column "
			       "%zu%s%s: %s",
			    shown, line, col, se.key ? ", key " : "",
			    se.key ? se.key : "", se.msg);
	}
	if (strcmp(s->m.session_id, id) != 0)
		return errf(e, "Snapshot error: %s belongs to session '%s', "
			       "not '%s'", shown, s->m.session_id, id);
	if ((kind == ROOT_ROLLBACK || kind == ROOT_ROLLBACK_LEGACY) &&
	    s->m.snapshot_count != 0) {
		session_unload(s);
		return 0; /* a rollback session, not an audit session */
	}
	snprintf(s->root, sizeof s->root, "%s", root);
	s->kind = kind;
	*found = 1;
	return 0;
}

int session_load(const char *id, struct loaded_session *s, struct err *e)
{
	char root[PATH_MAX];

	memset(s, 0, sizeof *s);
	s->dirfd = -1;
	if (!session_id_valid(id, strlen(id)))
		return session_id_error(id, e);
	for (int k = 0; k < ROOT_NKINDS; k++) {
		int found;
		struct err ignore;
		if (state_root((enum root_kind)k, root, k == ROOT_AUDIT ? e : &ignore) < 0) {
			if (k == ROOT_AUDIT)
				return -1;
			continue;
		}
		if (load_from(root, (enum root_kind)k, id, s, &found, e) < 0) {
			session_unload(s);
			return -1;
		}
		if (found)
			return 0;
	}
	return errf(e, "Session not found: %s", id);
}

void session_unload(struct loaded_session *s)
{
	if (s->dirfd >= 0)
		close(s->dirfd);
	free(s->js);
	free(s->tok);
	free(s->arena);
	s->dirfd = -1;
	s->js = NULL;
	s->tok = NULL;
	s->arena = NULL;
}

/* ids already seen (first root wins) */
struct seen {
	char (*ids)[SESSION_ID_MAX + 1];
	size_t n, cap;
};

static int seen_add(struct seen *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->ids[i], id))
			return 0;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		void *p = realloc(s->ids, cap * sizeof *s->ids);
		if (!p)
			return -1;
		s->ids = p;
		s->cap = cap;
	}
	strcpy(s->ids[s->n++], id);
	return 1;
}

int session_each(int (*fn)(void *ctx, struct loaded_session *s),
		 void (*bad)(void *ctx, const char *root, const char *id,
			     const char *why),
		 void *ctx, struct err *e)
{
	struct seen seen = { 0, 0, 0 };
	char root[PATH_MAX];
	int stop = 0;

	for (int k = 0; k < ROOT_NKINDS && !stop; k++) {
		struct err ignore;
		DIR *d;
		struct dirent *de;

		if (state_root((enum root_kind)k, root,
			       k == ROOT_AUDIT ? e : &ignore) < 0) {
			if (k == ROOT_AUDIT) {
				free(seen.ids);
				return -1;
			}
			continue;
		}
		d = opendir(root);
		if (!d)
			continue;
		while (!stop && (de = readdir(d))) {
			struct loaded_session s;
			struct err le;
			int found;

			if (!session_id_valid(de->d_name, strlen(de->d_name)))
				continue;
			memset(&s, 0, sizeof s);
			s.dirfd = -1;
			if (load_from(root, (enum root_kind)k, de->d_name, &s,
				      &found, &le) < 0) {
				if (bad)
					bad(ctx, root, de->d_name, le.msg);
				session_unload(&s);
				continue;
			}
			if (!found)
				continue;
			if (seen_add(&seen, de->d_name) == 1)
				stop = fn(ctx, &s);
			session_unload(&s);
		}
		closedir(d);
	}
	free(seen.ids);
	return 0;
}

uint64_t session_disk_size(int dirfd)
{
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	uint64_t total = 0;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while ((de = readdir(d))) {
		struct stat st;
		if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode))
			total += (uint64_t)st.st_size;
	}
	closedir(d);
	return total;
}
