/* Verifying an event log file with the core verifier, in parallel when
 * more than one CPU is available (spec/verify.md §5). */
#ifndef NONO_LOG_VERIFY_H
#define NONO_LOG_VERIFY_H

#include "audit_verify.h"

/* Reads fd to the end through v. Returns -1 only on I/O or memory
 * failure (errno); log problems are reported in v->err. */
int log_verify_fd(int fd, struct audit_verifier *v);

#endif
