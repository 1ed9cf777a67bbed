/*
 * The Freedesktop Secret Service through libsecret, loaded at run time
 * (dlopen): nono does not link glib into every start-up for a feature
 * used only by signing commands. Items are stored as the Rust keyring
 * crate stores them: attributes target="default", service, username, in
 * the default collection, so keys are shared with the original nono.
 */
#ifndef NONO_SECRET_SERVICE_H
#define NONO_SECRET_SERVICE_H

#include "err.h"

/* *secret is NULL when no item matches. Errors name the cause (no
 * session bus, libsecret missing, locked keyring, ...). */
int secret_lookup(const char *service, const char *account, char **secret,
		  struct err *e);
int secret_store(const char *service, const char *account,
		 const char *secret, struct err *e);
void secret_free(char *secret);

#endif
