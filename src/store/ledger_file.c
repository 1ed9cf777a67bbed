#include "ledger_file.h"

#include "fsutil.h"
#include "ledger.h"
#include "paths.h"
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define LEDGER "ledger.ndjson"

/* Copies the legacy ledger into place when the primary one is missing
 * (the original's one-time migration). Runs under the lock. */
static int migrate_legacy(int rootfd, const char *shown, struct err *e)
{
	char legacy[PATH_MAX];
	uint8_t *data;
	size_t n;
	int missing, dfd;
	struct err ignore;

	if (faccessat(rootfd, LEDGER, F_OK, AT_SYMLINK_NOFOLLOW) == 0 ||
	    state_root(ROOT_AUDIT_LEGACY, legacy, &ignore) < 0)
		return 0;
	dfd = open(legacy, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return 0;
	if (read_file_at(dfd, LEDGER, "legacy ledger", (size_t)1 << 30, &data,
			 &n, &missing, e) < 0) {
		close(dfd);
		return missing ? 0 : -1;
	}
	close(dfd);
	if (write_atomic_at(rootfd, LEDGER, shown, data, n, e) < 0) {
		free(data);
		return -1;
	}
	free(data);
	return 0;
}

/* Reads the last complete record of the ledger (fd positioned anywhere).
 * A tail without '\n' is the residue of an interrupted append and is cut
 * off. *have is 0 for an empty ledger. */
static int last_record(int fd, const char *shown, uint64_t *next_seq,
		       uint8_t prev[32], int *have, struct err *e)
{
	static uint8_t buf[LEDGER_LINE_MAX + 2];
	struct stat st;
	off_t size, from;
	ssize_t r;
	size_t n, end, start;
	struct ledger_record rec;
	const char *why;

	*have = 0;
	*next_seq = 0;
	if (fstat(fd, &st) < 0)
		return errf_sys(e, "cannot stat %s", shown);
	size = st.st_size;
	if (size == 0)
		return 0;
	from = size > (off_t)sizeof buf ? size - (off_t)sizeof buf : 0;
	r = pread(fd, buf, (size_t)(size - from), from);
	if (r != size - from)
		return errf_sys(e, "cannot read %s", shown);
	n = (size_t)r;
	end = n;
	while (end > 0 && buf[end - 1] != '\n')
		end--;
	if (end != n) {
		/* torn tail: drop it before appending */
		if (ftruncate(fd, from + (off_t)end) < 0)
			return errf_sys(e, "cannot repair torn tail of %s", shown);
		fprintf(stderr, "nono: warning: removed an incomplete record "
				"(%zu bytes) at the end of %s left by an "
				"interrupted append\n", n - end, shown);
		if (end == 0 && from == 0)
			return 0;
	}
	if (end == 0)
		return errf(e, "%s: last record longer than %zu bytes", shown,
			    LEDGER_LINE_MAX);
	start = end - 1;
	while (start > 0 && buf[start - 1] != '\n')
		start--;
	if (start == 0 && from > 0)
		return errf(e, "%s: last record longer than %zu bytes", shown,
			    LEDGER_LINE_MAX);
	if (ledger_record_parse(buf + start, end - 1 - start, &rec, &why) < 0)
		return errf(e, "cannot append to %s: its last record is invalid "
			       "(%s)", shown, why);
	if (rec.sequence == UINT64_MAX)
		return errf(e, "%s is full", shown);
	*next_seq = rec.sequence + 1;
	memcpy(prev, rec.chain, 32);
	*have = 1;
	return 0;
}

int ledger_append(const char *audit_root, const char *session_id,
		  const uint8_t digest[32], const char *completed_at,
		  struct err *e)
{
	char shown[PATH_MAX + 32];
	uint8_t line[LEDGER_LINE_MAX + 1], prev[32], chain[32];
	struct nbuf out;
	uint64_t seq;
	int rootfd, lockfd, fd, have, created, rc = -1;
	struct stat st;

	snprintf(shown, sizeof shown, "%s/" LEDGER, audit_root);
	if (!session_id_valid(session_id, strlen(session_id)))
		return errf(e, "Configuration parse error: invalid audit "
			       "session id: %s", session_id);
	rootfd = open(audit_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return errf_sys(e, "cannot open audit root %s", audit_root);
	lockfd = openat(rootfd, "ledger.lock",
			O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (lockfd < 0) {
		errf_sys(e, "cannot open %s/ledger.lock", audit_root);
		close(rootfd);
		return -1;
	}
	while (flock(lockfd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			errf_sys(e, "cannot lock %s/ledger.lock", audit_root);
			goto out_lock;
		}
	}
	if (migrate_legacy(rootfd, shown, e) < 0)
		goto out_lock;
	created = fstatat(rootfd, LEDGER, &st, AT_SYMLINK_NOFOLLOW) < 0;
	fd = openat(rootfd, LEDGER, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
		    0644);
	if (fd < 0) {
		errf_sys(e, "cannot open %s", shown);
		goto out_lock;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		errf(e, "%s is not a regular file", shown);
		goto out;
	}
	if (last_record(fd, shown, &seq, prev, &have, e) < 0)
		goto out;
	nbuf_init(&out, line, sizeof line);
	if (ledger_record_write(&out, seq, have ? prev : NULL, session_id,
				strlen(session_id), digest, completed_at,
				strlen(completed_at), chain) < 0) {
		errf(e, "cannot format the ledger record for session %s",
		     session_id);
		goto out;
	}
	if (fstat(fd, &st) < 0 || lseek(fd, 0, SEEK_END) < 0) {
		errf_sys(e, "cannot seek %s", shown);
		goto out;
	}
	if (write_all(fd, line, out.len, (long long)st.st_size, shown, e) < 0)
		goto out;
	if (fdatasync(fd) < 0) {
		errf_sys(e, "fdatasync of %s failed", shown);
		goto out;
	}
	if (created && fsync_dir(rootfd, audit_root, e) < 0)
		goto out;
	rc = 0;
out:
	close(fd);
out_lock:
	close(lockfd); /* releases the flock */
	close(rootfd);
	return rc;
}

static const char *lv_msg(int err)
{
	switch (err) {
	case LV_SEQUENCE: return "Audit ledger sequence mismatch";
	case LV_PREV: return "Audit ledger prev_chain mismatch";
	case LV_CHAIN: return "Audit ledger chain hash mismatch";
	case LV_TOO_LONG: return "Audit ledger line too long";
	case LV_EMPTY_LINE: return "Audit ledger has an empty line";
	case LV_INCOMPLETE: return "Audit ledger ends with an incomplete line";
	default: return "Failed to parse audit ledger";
	}
}

int ledger_verify_file(const char *audit_root, const char *session_id,
		       const uint8_t expected[32], struct ledger_result *r,
		       struct err *e)
{
	static uint8_t chunk[1 << 16];
	char shown[PATH_MAX + 32];
	struct ledger_verifier v;
	uint8_t *lbuf;
	int fd;

	memset(r, 0, sizeof *r);
	snprintf(shown, sizeof shown, "%s/" LEDGER, audit_root);
	fd = open(shown, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return errf_sys(e, "cannot open %s", shown);
	}
	lbuf = malloc(LEDGER_LINE_MAX);
	if (!lbuf) {
		close(fd);
		return errf(e, "out of memory");
	}
	ledger_verifier_init(&v, lbuf, LEDGER_LINE_MAX, session_id, expected);
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			errf_sys(e, "cannot read %s", shown);
			goto fail;
		}
		if (n == 0)
			break;
		if (ledger_verifier_push(&v, chunk, (size_t)n) < 0)
			break;
	}
	if (v.err || ledger_verifier_finish(&v) < 0) {
		if (v.err == LV_PARSE)
			errf(e, "Failed to parse audit ledger line %llu: %s",
			     (unsigned long long)v.err_line, v.detail);
		else
			errf(e, "%s at line %llu", lv_msg(v.err),
			     (unsigned long long)v.err_line);
		goto fail;
	}
	free(lbuf);
	close(fd);
	r->present = 1;
	r->entry_count = v.count;
	r->session_found = v.session_found;
	r->digest_matches = v.digest_matches;
	r->chain_verified = 1;
	memcpy(r->head, v.head, 32);
	return 0;
fail:
	free(lbuf);
	close(fd);
	return -1;
}
