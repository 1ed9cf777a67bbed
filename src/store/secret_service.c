#include "secret_service.h"
#include "secret_service_abi.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef char *(*lookup_fn)(const struct ss_schema *, void *,
			   struct ss_gerror **, ...);
typedef int (*store_fn)(const struct ss_schema *, const char *, const char *,
			const char *, void *, struct ss_gerror **, ...);
typedef void (*pwfree_fn)(char *);
typedef void (*errfree_fn)(struct ss_gerror *);

static struct {
	void *h;
	lookup_fn lookup;
	store_fn store;
	pwfree_fn pwfree;
	errfree_fn errfree;
} ss;

static const struct ss_schema SCHEMA = {
	"org.freedesktop.Secret.Generic",
	2,
	{ { "target", 0 }, { "service", 0 }, { "username", 0 }, { 0, 0 } },
	0, 0, 0, 0, 0, 0, 0, 0,
};

static int have_session_bus(void)
{
	char p[64];
	struct stat st;

	if (getenv("DBUS_SESSION_BUS_ADDRESS"))
		return 1;
	snprintf(p, sizeof p, "/run/user/%u/bus", (unsigned)getuid());
	return stat(p, &st) == 0 && S_ISSOCK(st.st_mode);
}

static int load(struct err *e)
{
	if (ss.h)
		return 0;
	if (!have_session_bus())
		return errf(e, "no Secret Service: there is no D-Bus session bus "
			       "(DBUS_SESSION_BUS_ADDRESS is unset); use --keyref "
			       "file:///path/key.pem instead");
	ss.h = dlopen("libsecret-1.so.0", RTLD_NOW | RTLD_LOCAL);
	if (!ss.h)
		return errf(e, "no Secret Service: libsecret is not installed "
			       "(apt-get install libsecret-1-0); use --keyref "
			       "file:///path/key.pem instead");
	ss.lookup = (lookup_fn)dlsym(ss.h, "secret_password_lookup_sync");
	ss.store = (store_fn)dlsym(ss.h, "secret_password_store_sync");
	ss.pwfree = (pwfree_fn)dlsym(ss.h, "secret_password_free");
	ss.errfree = (errfree_fn)dlsym(ss.h, "g_error_free");
	if (!ss.lookup || !ss.store || !ss.pwfree || !ss.errfree) {
		dlclose(ss.h);
		ss.h = NULL;
		return errf(e, "libsecret-1.so.0 lacks the password API");
	}
	return 0;
}

static int fail(struct ss_gerror *ge, const char *what, struct err *e)
{
	errf(e, "Secret Service %s failed: %s", what,
	     ge && ge->message ? ge->message : "unknown error");
	if (ge)
		ss.errfree(ge);
	return -1;
}

int secret_lookup(const char *service, const char *account, char **secret,
		  struct err *e)
{
	struct ss_gerror *ge = NULL;

	*secret = NULL;
	if (load(e) < 0)
		return -1;
	/* match on service and username only: items written with or
	 * without a target attribute are found */
	*secret = ss.lookup(&SCHEMA, NULL, &ge, "service", service, "username",
			    account, (char *)NULL);
	if (ge)
		return fail(ge, "lookup", e);
	return 0;
}

int secret_store(const char *service, const char *account,
		 const char *secret, struct err *e)
{
	struct ss_gerror *ge = NULL;
	char label[320];

	if (load(e) < 0)
		return -1;
	snprintf(label, sizeof label, "nono signing key '%s' (service '%s')",
		 account, service);
	if (!ss.store(&SCHEMA, "default", label, secret, NULL, &ge, "target",
		      "default", "service", service, "username", account,
		      (char *)NULL) ||
	    ge)
		return fail(ge, "store", e);
	return 0;
}

void secret_free(char *secret)
{
	if (secret && ss.pwfree)
		ss.pwfree(secret);
}
