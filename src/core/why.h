/*
 * The decision behind `nono why --path` (spec/why.md §2): given a
 * capability set and a canonical path, would an operation be allowed, and
 * if not, which flag would grant it.
 */
#ifndef NONO_WHY_H
#define NONO_WHY_H

#include "capset.h"

enum why_reason {
	WHY_GRANTED_PATH,        /* allowed */
	WHY_SENSITIVE_PATH,      /* denied by a deny group */
	WHY_INSUFFICIENT_ACCESS, /* covered, but not with the access asked */
	WHY_PATH_NOT_GRANTED,    /* not covered at all */
};

struct why_path_result {
	enum why_reason reason;
	const struct fs_cap *grant;      /* GRANTED_PATH: the sufficient cap;
					    INSUFFICIENT: the closest cap */
	const struct deny_entry *deny;   /* SENSITIVE_PATH */
	const char *flag;                /* suggested flag, e.g. "--read" */
	size_t target_len;               /* suggested target: canon[0..len)
					    ("/" when 0) */
};

/* canon: the canonical path asked about (clean absolute); ftype: what it
 * is on disk; req: CAP_READ, CAP_WRITE or CAP_RW. */
void why_path(const struct capset *cs, const char *canon, unsigned ftype,
	      unsigned req, struct why_path_result *r);

#endif
