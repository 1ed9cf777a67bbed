#include "cap_state.h"
#include "capset_json.h"
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#define STATE_MAX (1u << 20)

int cap_state_write(const struct capset *cs, char path[PATH_MAX],
		    struct err *e)
{
	static uint8_t buf[STATE_MAX];
	const char *tmp = getenv("TMPDIR");
	uint8_t rnd[8];
	struct nbuf b;
	struct jw w;
	int fd;

	if (!tmp || tmp[0] != '/')
		tmp = "/tmp";
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		return errf_sys(e, "getrandom failed");
	if ((size_t)snprintf(path, PATH_MAX, "%s/.nono-%02x%02x%02x%02x%02x"
			     "%02x%02x%02x.json", tmp, rnd[0], rnd[1], rnd[2],
			     rnd[3], rnd[4], rnd[5], rnd[6], rnd[7]) >= PATH_MAX)
		return errf(e, "TMPDIR is too long");
	nbuf_init(&b, buf, sizeof buf);
	jw_init(&w, &b, 0);
	capset_json_write(&w, cs);
	if (jw_finish(&w) != JW_OK)
		return errf(e, "the capability state is too large to record "
			    "(or holds a path that is not UTF-8)");
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
		  0600);
	if (fd < 0)
		return errf_sys(e, "cannot create %s", path);
	if (write_all(fd, b.p, b.len, -1, path, e) < 0) {
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

int cap_state_read(const char *path, struct capset *cs, struct nbuf *arena,
		   struct err *e)
{
	static jsmntok_t tok[65536];
	uint8_t *data = NULL;
	size_t len;
	int missing, rc;

	capset_init(cs);
	if (read_file_at(AT_FDCWD, path, path, STATE_MAX, &data, &len,
			 &missing, e) < 0)
		return -1;
	if (missing)
		return errf(e, "SECURITY: capability state file %s does not "
			    "exist", path);
	rc = capset_json_parse(data, len, tok, sizeof tok / sizeof *tok, cs,
			       arena);
	free(data);
	if (rc < 0)
		return errf(e, "SECURITY: capability state file %s is not "
			    "valid", path);
	return 0;
}
