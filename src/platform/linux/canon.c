#include "canon.h"
#include "capset.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned ftype_of(mode_t m)
{
	return S_ISDIR(m) ? FT_DIR : S_ISREG(m) ? FT_REG : S_ISCHR(m) ? FT_CHR
	       : S_ISBLK(m) ? FT_BLK : FT_OTHER;
}

/* One open(O_PATH) and one readlink of its /proc/self/fd entry: the
 * kernel's own name for the object, in two system calls (realpath(3)
 * needs one readlink per component). */
int canon_real_ft(const char *p, char out[PATH_MAX], unsigned *ft)
{
	char proc[32];
	struct stat st;
	ssize_t n;
	int fd, rc = 0;

	if (strlen(p) >= PATH_MAX)
		return -ENAMETOOLONG;
	fd = open(p, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	n = readlink(proc, out, PATH_MAX - 1);
	if (n <= 0 || out[0] != '/') {
		/* no /proc: fall back to realpath */
		rc = realpath(p, out) ? 0 : -errno;
	} else if (n >= PATH_MAX - 1) {
		rc = -ENAMETOOLONG;
	} else {
		out[n] = 0;
	}
	if (rc == 0 && ft)
		*ft = fstat(fd, &st) == 0 ? ftype_of(st.st_mode) : FT_MISSING;
	close(fd);
	return rc;
}

int canon_real(const char *p, char out[PATH_MAX])
{
	return canon_real_ft(p, out, NULL);
}

int canon_try(const char *abs, char out[PATH_MAX])
{
	char buf[PATH_MAX];
	size_t n = strlen(abs), cut;

	if (n >= PATH_MAX || abs[0] != '/')
		return -ENAMETOOLONG;
	if (canon_real(abs, out) == 0)
		return 0;
	memcpy(buf, abs, n + 1);
	/* walk up to the deepest existing ancestor */
	for (cut = n; cut > 0;) {
		while (cut > 0 && buf[cut - 1] != '/')
			cut--;
		if (cut <= 1) {
			cut = 1;
			break;
		}
		buf[cut - 1] = 0;
		if (canon_real(buf, out) == 0) {
			buf[cut - 1] = '/';
			break;
		}
		buf[cut - 1] = '/';
		cut--;
	}
	if (cut <= 1)
		memcpy(out, "/", 2);
	/* re-append the missing components, lexically */
	{
		size_t o = strlen(out);
		const char *rest = abs + cut;
		while (*rest) {
			const char *s = rest;
			size_t len;
			while (*rest && *rest != '/')
				rest++;
			len = (size_t)(rest - s);
			if (*rest)
				rest++;
			if (len == 0 || (len == 1 && s[0] == '.'))
				continue;
			if (len == 2 && s[0] == '.' && s[1] == '.') {
				while (o > 1 && out[o - 1] != '/')
					o--;
				if (o > 1)
					o--;
				out[o] = 0;
				continue;
			}
			if (o + (o > 1) + len >= PATH_MAX)
				return -ENAMETOOLONG;
			if (o > 1)
				out[o++] = '/';
			memcpy(out + o, s, len);
			o += len;
			out[o] = 0;
		}
	}
	return 0;
}

unsigned canon_ftype(const char *p)
{
	struct stat st;

	if (stat(p, &st) < 0)
		return FT_MISSING;
	return ftype_of(st.st_mode);
}
