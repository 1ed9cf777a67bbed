#!/bin/sh
# The core calls nothing outside itself (docs/architecture.md): its objects
# may reference only each other, a few pure libc memory/string functions,
# BearSSL (pure crypto: hashing, ECDSA, key encodings) and the compiler's stack protector. No allocation, no
# I/O, no environment, no time. Fails listing any other symbol.
set -eu
allowed='^(memcpy|memmove|memset|memcmp|memchr|memrchr|memmem|strlen|strcmp|strncmp|strchr|strstr|__stack_chk_fail|__memcpy_chk|__memmove_chk|__memset_chk|br_[a-z0-9_]+|_GLOBAL_OFFSET_TABLE_)$'
defined=$(nm --defined-only "$@" | awk 'NF==3 {print $3}' | sort -u)
bad=0
for s in $(nm -u "$@" | awk 'NF==2 {print $2}' | sort -u); do
	if printf '%s\n' "$defined" | grep -qx "$s"; then continue; fi
	if printf '%s\n' "$s" | grep -Eq "$allowed"; then continue; fi
	echo "core-deps: src/core references '$s' (not allowed in the core)" >&2
	bad=1
done
[ "$bad" = 0 ] && echo "core-deps: the core references only itself, libc memory/string functions and BearSSL"
exit $bad
