/*
 * File helpers with the project's durability rules (spec/storage.md §3):
 * reads refuse symlinks and non-regular files; writes go to a temporary
 * file in the same directory, are fsync'd, renamed into place, and the
 * directory is fsync'd.
 */
#ifndef NONO_FSUTIL_H
#define NONO_FSUTIL_H

#include "err.h"

#include <stddef.h>
#include <stdint.h>

/* Reads dirfd/name (no symlinks, regular file, at most max bytes) into a
 * malloc'd buffer. *missing is set when the file does not exist (then
 * -1 is returned without an error message if missing != NULL). */
int read_file_at(int dirfd, const char *name, const char *shown,
		 size_t max, uint8_t **out, size_t *len, int *missing,
		 struct err *e);

/* Reads the regular file at path (symbolic links followed, at most max
 * bytes) into a malloc'd buffer: 0, 1 when it does not exist (no
 * message), -1 with e set. */
int read_path(const char *path, size_t max, uint8_t **out, size_t *len,
	      struct err *e);

/* Atomically replaces dirfd/name with data (mode 0644 & ~umask). */
int write_atomic_at(int dirfd, const char *name, const char *shown,
		    const void *data, size_t n, struct err *e);

/* fsync a directory. */
int fsync_dir(int dirfd, const char *shown, struct err *e);

/* write() all of it; on failure truncates fd back to `restore` bytes. */
int write_all(int fd, const void *p, size_t n, long long restore,
	      const char *shown, struct err *e);

/* mkdir -p path with mode for created components. */
int mkdir_p(const char *path, unsigned mode, struct err *e);

#endif
