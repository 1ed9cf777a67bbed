#include "landlock.h"
#include "landlock_compat.h"
#include "path.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int landlock_abi(void)
{
	long v = syscall(__NR_landlock_create_ruleset, NULL, 0,
			 NONO_LL_CREATE_RULESET_VERSION);
	return v < 0 ? 0 : (int)v;
}

/* "/proc/<pid>" for pid, into buf; returns its length. */
static size_t proc_prefix(char *buf, size_t cap, pid_t pid)
{
	char d[16];
	size_t n = sizeof d, k = 6;
	unsigned long v = (unsigned long)pid;

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (cap < 6 + sizeof d - n + 1)
		return 0;
	memcpy(buf, "/proc/", 6);
	for (size_t i = n; i < sizeof d; i++)
		buf[k++] = d[i];
	buf[k] = 0;
	return k;
}

static int under_proc_pid(const char *path, pid_t pid)
{
	char pre[32];
	size_t n = proc_prefix(pre, sizeof pre, pid);
	return n && path_covers(pre, n, path, strlen(path));
}

static int add_path_rule(int rfd, const char *path, uint64_t rights)
{
	struct nono_ll_path_beneath_attr a;
	int fd = open(path, O_PATH | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return -errno;
	a.allowed_access = rights;
	a.parent_fd = fd;
	if (syscall(__NR_landlock_add_rule, rfd, NONO_LL_RULE_PATH_BENEATH,
		    &a, 0) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int landlock_ruleset_build(const struct ll_plan *p, int *out, struct err *e)
{
	struct nono_ll_ruleset_attr attr = { 0 };
	size_t size = sizeof attr.handled_access_fs;
	pid_t self = getpid();
	int fd;

	attr.handled_access_fs = p->handled_fs;
	if (p->abi >= 4) {
		attr.handled_access_net = p->handled_net;
		size = 2 * sizeof(uint64_t);
	}
	if (p->abi >= 6) {
		attr.scoped = p->scoped;
		size = sizeof attr;
	}
	fd = (int)syscall(__NR_landlock_create_ruleset, &attr, size, 0);
	if (fd < 0)
		return errf_sys(e, "landlock_create_ruleset (ABI V%d) failed",
				p->abi);
	for (size_t i = 0; i < p->nfs; i++) {
		int rc;
		if (under_proc_pid(p->fs[i].path, self))
			continue;               /* added by the child */
		rc = add_path_rule(fd, p->fs[i].path, p->fs[i].rights);
		if (rc < 0) {
			close(fd);
			errno = -rc;
			return errf_sys(e, "Cannot add Landlock rule for %s "
					"(filesystem may not support Landlock)",
					p->fs[i].path);
		}
	}
	for (size_t i = 0; i < p->nnet; i++) {
		struct nono_ll_net_port_attr a = { p->net[i].rights,
						   p->net[i].port };
		if (syscall(__NR_landlock_add_rule, fd, NONO_LL_RULE_NET_PORT,
			    &a, 0) < 0) {
			int saved = errno;
			close(fd);
			errno = saved;
			return errf_sys(e, "Cannot add Landlock TCP rule for "
					"port %u", (unsigned)p->net[i].port);
		}
	}
	*out = fd;
	return 0;
}

int landlock_add_proc_rules(int fd, const struct ll_plan *p, pid_t parent,
			    pid_t self)
{
	char from[32], to[32], path[4096];
	size_t fn = proc_prefix(from, sizeof from, parent);
	size_t tn = proc_prefix(to, sizeof to, self);

	for (size_t i = 0; i < p->nfs; i++) {
		const char *s = p->fs[i].path;
		size_t sn = strlen(s);
		int rc;
		if (!fn || !path_covers(from, fn, s, sn))
			continue;
		if (tn + sn - fn + 1 > sizeof path)
			return -ENAMETOOLONG;
		memcpy(path, to, tn);
		memcpy(path + tn, s + fn, sn - fn + 1);
		rc = add_path_rule(fd, path, p->fs[i].rights);
		if (rc < 0 && rc != -ENOENT)
			return rc;
	}
	return 0;
}

int landlock_restrict(int fd)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (syscall(__NR_landlock_restrict_self, fd, 0) < 0)
		return -errno;
	return 0;
}
