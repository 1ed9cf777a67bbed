/*
 * `@git:` tokens: git is run (outside any sandbox, before one is built)
 * with a fixed argument vector, no terminal prompts, optional locks off,
 * stdin and stderr on /dev/null, and a 5 second limit. Only read-only
 * plumbing commands are used (rev-parse, config --list), which run no
 * hooks.
 */
#include "git_tokens.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GIT_OUT_MAX 65536

int git_token(const char *s)
{
	return !strncmp(s, "@git:", 5);
}

/* Runs git -C dir ARGS; its stdout into out (NUL-terminated, *len bytes).
 * 0 when git exited 0, else -1 (no git, not a repository, too slow). */
static int run_git(const char *dir, const char *const *args, char *out,
		   size_t *len)
{
	char *argv[12];
	int pfd[2], st, rc = -1;
	size_t n = 0, k = 0;
	struct timespec t0, t1;
	pid_t pid;

	argv[k++] = "git";
	argv[k++] = "-C";
	argv[k++] = (char *)dir;
	while (*args && k < 11)
		argv[k++] = (char *)*args++;
	argv[k] = NULL;
	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR);
		if (nul < 0 || dup2(nul, 0) < 0 || dup2(pfd[1], 1) < 0 ||
		    dup2(nul, 2) < 0)
			_exit(127);
		setenv("GIT_TERMINAL_PROMPT", "0", 1);
		setenv("GIT_OPTIONAL_LOCKS", "0", 1);
		unsetenv("GIT_DIR");
		unsetenv("GIT_WORK_TREE");
		execvp("git", argv);
		_exit(127);
	}
	close(pfd[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd p = { pfd[0], POLLIN, 0 };
		ssize_t r;
		long ms;
		int pr = 0;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = 5000 - ((t1.tv_sec - t0.tv_sec) * 1000 +
			     (t1.tv_nsec - t0.tv_nsec) / 1000000);
		if (ms > 0 && (pr = poll(&p, 1, (int)ms)) < 0 && errno == EINTR)
			continue;
		if (pr <= 0) {                     /* too slow, or poll failed */
			kill(pid, SIGKILL);
			n = GIT_OUT_MAX;           /* mark as failed */
			break;
		}
		r = read(pfd[0], out + n, GIT_OUT_MAX - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
		if (n >= GIT_OUT_MAX - 1) {
			kill(pid, SIGKILL);
			n = GIT_OUT_MAX;
			break;
		}
	}
	close(pfd[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (n < GIT_OUT_MAX && WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		out[n] = 0;
		*len = n;
		rc = 0;
	}
	return rc;
}

/* Adds p (made absolute against dir) to out unless already there. */
static void add(char out[][PATH_MAX], size_t *n, const char *dir,
		const char *p, size_t pn)
{
	char abs[PATH_MAX];
	int w;

	if (pn == 0 || *n >= GIT_TOKEN_MAX_PATHS)
		return;
	w = p[0] == '/' ? snprintf(abs, sizeof abs, "%.*s", (int)pn, p)
			: snprintf(abs, sizeof abs, "%s/%.*s", dir, (int)pn, p);
	if (w < 0 || (size_t)w >= sizeof abs || memchr(abs, '\n', (size_t)w))
		return;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(out[i], abs))
			return;
	memcpy(out[(*n)++], abs, (size_t)w + 1);
}

/* one path printed by rev-parse (a single line) */
static int one_line(const char *dir, const char *const *args,
		    char out[][PATH_MAX], size_t *n, char *buf, int parent)
{
	size_t len;
	char *nl;

	if (run_git(dir, args, buf, &len) < 0)
		return 0;
	if ((nl = memchr(buf, '\n', len)) != NULL)
		len = (size_t)(nl - buf);
	if (parent) {
		while (len > 1 && buf[len - 1] != '/')
			len--;
		if (len > 1)
			len--;                    /* the '/' */
	}
	add(out, n, dir, buf, len);
	return 0;
}

int git_token_paths(const char *token, const char *workdir,
		    char out[][PATH_MAX], size_t *n, struct err *e)
{
	static const struct { const char *name; const char *arg; int parent; }
	T[] = {
		{ "hooks-path", "--git-path", 0 },
		{ "common-dir", "--git-common-dir", 0 },
		{ "worktree", "--absolute-git-dir", 0 },
		{ "toplevel", "--show-toplevel", 0 },
		{ "toplevel-parent", "--show-toplevel", 1 },
	};
	const char *name = token + 5;
	char *buf;
	int rc = 0;

	*n = 0;
	if (!git_token(token))
		return errf(e, "'%s' is not a @git: token", token);
	if (!(buf = malloc(GIT_OUT_MAX)))
		return errf(e, "out of memory");
	if (!strcmp(name, "config-files")) {
		/* the files every config entry came from: "file:P\0k\nv\0" */
		static const char *const A[] = { "config", "--list",
						 "--show-origin", "-z", 0 };
		size_t len, i = 0;
		if (run_git(workdir, A, buf, &len) == 0)
			while (i < len) {
				size_t l = strnlen(buf + i, len - i);
				if (l > 5 && !strncmp(buf + i, "file:", 5))
					add(out, n, workdir, buf + i + 5, l - 5);
				i += l + 1;
				i += strnlen(buf + i, len - i) + 1;
			}
		free(buf);
		return 0;
	}
	for (size_t k = 0; k < sizeof T / sizeof *T; k++) {
		const char *a[] = { "rev-parse", "--path-format=absolute",
				    T[k].arg, k == 0 ? "hooks" : NULL, NULL };
		if (strcmp(name, T[k].name))
			continue;
		rc = one_line(workdir, a, out, n, buf, T[k].parent);
		free(buf);
		return rc;
	}
	free(buf);
	return errf(e, "unknown profile token '%s' (known: @git:config-files, "
		    "@git:hooks-path, @git:common-dir, @git:worktree, "
		    "@git:toplevel, @git:toplevel-parent)", token);
}
