/*
 * From parsed flags to one capability set (spec/sandbox.md §6): the
 * default profile's groups, the command-line grants, network flags,
 * bypasses, then the checks of the core resolver. This is the part that
 * touches the system (environment, realpath, stat, the working
 * directory, the terminal for the CWD prompt); every decision is made by
 * the core functions it calls.
 */
#ifndef NONO_SANDBOX_BUILD_H
#define NONO_SANDBOX_BUILD_H

#include "capset.h"
#include "err.h"
#include "manifest.h"
#include "profile_load.h"
#include "proxy_plan.h"
#include "sandbox_args.h"

#include <limits.h>

struct sb_build {
	struct capset cs;
	uint8_t arena_mem[1 << 20];
	struct nbuf arena;
	const char *roots[2];               /* protected state roots */
	size_t nroots;
	const char *skipped[SB_MAX_GRANTS]; /* CLI paths that do not exist */
	size_t nskipped;
	char workdir[PATH_MAX];             /* as given / found */
	char workdir_canon[PATH_MAX];
	char start_dir[PATH_MAX];           /* where the program starts */
	char detail[8192];                  /* a multi-line refusal */
	int gpu_nvidia;
	/* the profile: a --profile one (prof_active), or the built-in
	 * default whose groups alone are used; set by sandbox_build */
	struct loaded_profile *prof;
	int prof_active;
	/* --config: the manifest the set is built from (else NULL) */
	const struct manifest *manifest;
	/* proxy mode: set by sandbox_build (proxy.active) */
	struct proxy_plan proxy;
};

enum sb_stage {
	SB_STAGE_FINALIZE,   /* why: groups, grants, checks */
	SB_STAGE_PREPARE,    /* run/shell/wrap/dry-run: + GPU, CWD, roots */
};

/* 0, or -1 with e set. When the refusal is multi-line (deny overlap),
 * e holds its first line and b->detail the whole text. */
int sandbox_build(struct sb_build *b, const struct sandbox_args *a,
		  enum sb_stage stage, struct err *e);

/* Refuses what the profile asks for and this build cannot provide
 * (proxy features, hooks, ...). Called before anything runs. */
int sandbox_profile_check(const struct sb_build *b,
			  const struct sandbox_args *a, struct err *e);

/* The canonical form of a path the user typed (expanded like a grant). */
int sandbox_canon_arg(struct sb_build *b, const char *arg, char out[PATH_MAX],
		      int *exists, struct err *e);

#endif
