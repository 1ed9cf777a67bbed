/*
 * Data compiled into the binary from src/data/ by ci/embed.sh: the
 * built-in profiles, the profile JSON Schema and the authoring guide.
 */
#ifndef NONO_BUILTIN_DATA_H
#define NONO_BUILTIN_DATA_H

#include <stddef.h>

struct builtin_file {
	const char *name;
	const unsigned char *text;    /* NUL-terminated */
	size_t len;
};

extern const struct builtin_file builtin_profiles[];   /* sorted by name */
extern const size_t builtin_nprofiles;
extern const struct builtin_file builtin_schema;
extern const struct builtin_file builtin_guide;
extern const struct builtin_file builtin_network_policy;

#endif
