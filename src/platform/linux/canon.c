#include "canon.h"
#include "capset.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int canon_real(const char *p, char out[PATH_MAX])
{
	if (strlen(p) >= PATH_MAX)
		return -ENAMETOOLONG;
	return realpath(p, out) ? 0 : -errno;
}

int canon_try(const char *abs, char out[PATH_MAX])
{
	char buf[PATH_MAX];
	size_t n = strlen(abs), cut;

	if (n >= PATH_MAX || abs[0] != '/')
		return -ENAMETOOLONG;
	if (realpath(abs, out))
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
		if (realpath(buf, out)) {
			buf[cut - 1] = '/';
			break;
		}
		buf[cut - 1] = '/';
		cut--;
	}
	if (cut <= 1 && !realpath("/", out))
		return -errno;
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
	if (S_ISDIR(st.st_mode))
		return FT_DIR;
	if (S_ISREG(st.st_mode))
		return FT_REG;
	if (S_ISCHR(st.st_mode))
		return FT_CHR;
	if (S_ISBLK(st.st_mode))
		return FT_BLK;
	return FT_OTHER;
}
