/*
 * Turning a seccomp plan into a BPF program (spec/enforcement.md §3).
 * The program is generated with libseccomp by the parent and kept in
 * memory; the child installs it with one seccomp(2) call, so nothing
 * between fork and exec allocates.
 */
#ifndef NONO_SECCOMP_PROG_H
#define NONO_SECCOMP_PROG_H

#include "err.h"
#include "seccomp_plan.h"

#include <linux/filter.h>

struct bpf_prog {
	struct sock_filter insn[4096];
	unsigned short len;
};

int seccomp_prog_build(const struct sc_plan *p, struct bpf_prog *out,
		       struct err *e);

/* Installs the program (no_new_privs must be set). With want_listener,
 * returns the user-notification fd. Async-signal-safe; -errno on error. */
int seccomp_prog_install(const struct bpf_prog *prog, int want_listener);

#endif
