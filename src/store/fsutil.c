#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

int read_file_at(int dirfd, const char *name, const char *shown,
		 size_t max, uint8_t **out, size_t *len, int *missing,
		 struct err *e)
{
	struct stat st;
	uint8_t *buf;
	size_t got = 0;
	int fd;

	if (missing)
		*missing = 0;
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT && missing) {
			*missing = 1;
			return -1;
		}
		if (errno == ELOOP)
			return errf(e, "refusing to read %s: it is a symlink",
				    shown);
		return errf_sys(e, "cannot open %s", shown);
	}
	if (fstat(fd, &st) < 0) {
		close(fd);
		return errf_sys(e, "cannot stat %s", shown);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return errf(e, "refusing to read %s: not a regular file",
			    shown);
	}
	if ((uint64_t)st.st_size > max) {
		close(fd);
		return errf(e, "%s is larger than the limit of %zu bytes",
			    shown, max);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return errf(e, "out of memory reading %s", shown);
	}
	while (got <= (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size + 1 - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			close(fd);
			return errf_sys(e, "cannot read %s", shown);
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got > (size_t)st.st_size) {
		free(buf);
		return errf(e, "%s changed while being read", shown);
	}
	*out = buf;
	*len = got;
	return 0;
}

int fsync_dir(int dirfd, const char *shown, struct err *e)
{
	if (fsync(dirfd) < 0 && errno != EINVAL)
		return errf_sys(e, "fsync of directory %s failed", shown);
	return 0;
}

int write_all(int fd, const void *p, size_t n, long long restore,
	      const char *shown, struct err *e)
{
	const uint8_t *s = p;

	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			errf_sys(e, "write to %s failed", shown);
			if (restore >= 0 && ftruncate(fd, (off_t)restore) < 0) {
				/* keep the first error; the torn tail is
				 * detected by the next reader/appender */
			}
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int write_atomic_at(int dirfd, const char *name, const char *shown,
		    const void *data, size_t n, struct err *e)
{
	char tmp[64];
	uint32_t rnd = 0;
	int fd;

	if (getrandom(&rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		rnd = (uint32_t)getpid() ^ 0x9e3779b9u;
	snprintf(tmp, sizeof tmp, ".tmp-%ld-%u", (long)getpid(), rnd);
	fd = openat(dirfd, tmp,
		    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return errf_sys(e, "cannot create temporary file for %s", shown);
	if (write_all(fd, data, n, -1, shown, e) < 0 ||
	    (fsync(fd) < 0 && errf_sys(e, "fsync of %s failed", shown))) {
		close(fd);
		unlinkat(dirfd, tmp, 0);
		return -1;
	}
	if (close(fd) < 0) {
		unlinkat(dirfd, tmp, 0);
		return errf_sys(e, "cannot write %s", shown);
	}
	if (renameat(dirfd, tmp, dirfd, name) < 0) {
		errf_sys(e, "cannot rename temporary file to %s", shown);
		unlinkat(dirfd, tmp, 0);
		return -1;
	}
	return fsync_dir(dirfd, shown, e);
}

int mkdir_p(const char *path, unsigned mode, struct err *e)
{
	char p[PATH_MAX];
	size_t n = strlen(path);

	if (n == 0 || n >= sizeof p)
		return errf(e, "invalid directory path '%s'", path);
	memcpy(p, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (p[i] != '/' && p[i] != 0)
			continue;
		p[i] = 0;
		if (mkdir(p, mode) < 0 && errno != EEXIST)
			return errf_sys(e, "cannot create directory %s", p);
		p[i] = i == n ? 0 : '/';
	}
	return 0;
}

int read_path(const char *path, size_t max, uint8_t **out, size_t *len,
	      struct err *e)
{
	struct stat st;
	uint8_t *buf;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 1;
		return errf_sys(e, "cannot open '%s'", path);
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return errf(e, "'%s' is not a regular file", path);
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		return errf(e, "'%s' is larger than %zu bytes", path, max);
	}
	if (!(buf = malloc((size_t)st.st_size + 1))) {
		close(fd);
		return errf(e, "out of memory");
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			free(buf);
			close(fd);
			return errf_sys(e, "cannot read '%s'", path);
		}
		got += (size_t)r;
	}
	close(fd);
	*out = buf;
	*len = got;
	return 0;
}
