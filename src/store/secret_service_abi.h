/*
 * libsecret's ABI as nono uses it through dlopen. Declared here (not taken
 * from <libsecret/secret.h>) so that nono builds and starts without glib;
 * tests/unit/test_attest.c compares these declarations with the real
 * headers, field by field.
 */
#ifndef NONO_SECRET_SERVICE_ABI_H
#define NONO_SECRET_SERVICE_ABI_H

#include <stdint.h>

struct ss_attr {
	const char *name;
	int type; /* SECRET_SCHEMA_ATTRIBUTE_STRING = 0 */
};

struct ss_schema {
	const char *name;
	int flags; /* SECRET_SCHEMA_DONT_MATCH_NAME = 2 */
	struct ss_attr attributes[32];
	int reserved;
	void *reserved1, *reserved2, *reserved3, *reserved4, *reserved5,
		*reserved6, *reserved7;
};

struct ss_gerror {
	uint32_t domain;
	int code;
	char *message;
};

#endif
