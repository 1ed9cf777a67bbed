/*
 * nono: command-line entry. Global flags (-s/--silent, -v/--verbose,
 * --theme NAME, -h/--help, -V/--version) are accepted anywhere before a
 * "--"; everything else goes to the subcommand.
 */
#include "commands.h"
#include "ui.h"

#include <stdio.h>
#include <string.h>


static const char USAGE[] =
	"Usage: nono [--silent] [-v] <command> [options]\n"
	"\n"
	"Commands:\n"
	"  run [OPTIONS] -- CMD [ARGS]   run CMD in the sandbox, supervised and audited\n"
	"  shell [OPTIONS]               an interactive shell in the sandbox\n"
	"  wrap [OPTIONS] -- CMD [ARGS]  apply the sandbox and exec CMD (no supervisor)\n"
	"  why --path P [--op OP] | --host H [--port N] | --scope S [--self] [--json]\n"
	"                      explain whether an access would be allowed\n"
	"  audit list | show <id> | verify <id> | cleanup\n"
	"                      browse and verify recorded sessions\n"
	"  audit verify <id> [--json] [--public-key-file F]\n"
	"                      verify a session's log, ledger and signature\n"
	"  trust keygen [--id NAME | --keyref URI] [--force]\n"
	"                      create an ECDSA P-256 signing key\n"
	"  trust export-key [--id NAME | --keyref URI] [--pem]\n"
	"                      print a signing key's public key\n"
	"\n"
	"State lives in ${XDG_STATE_HOME:-$HOME/.local/state}/nono/.\n";

struct command {
	const char *name;
	int (*fn)(int, char **);
};

static const struct command COMMANDS[] = {
	{ "audit", cmd_audit },
	{ "trust", cmd_trust },
	{ "run", cmd_run },
	{ "shell", cmd_shell },
	{ "wrap", cmd_wrap },
	{ "why", cmd_why },
	{ "profile", cmd_profile },
};

/* Commands of the original that this build does not provide yet. */
static const char *const LATER[] = {
	"learn", "setup",
	"rollback", "ps", "attach", "detach", "stop", "logs", "inspect",
	"prune", "pull", "search", "list",
};

int main(int argc, char **argv)
{
	char *rest[4096];
	int n = 0, dashdash = 0;

	ui_init();
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!dashdash && strcmp(a, "--") == 0)
			dashdash = 1;
		if (!dashdash && (!strcmp(a, "-s") || !strcmp(a, "--silent"))) {
			ui.silent = 1;
		} else if (!dashdash && (!strcmp(a, "-v") || !strcmp(a, "--verbose"))) {
			ui.verbose++;
		} else if (!dashdash && a[0] == '-' && a[1] == 'v' &&
			   strspn(a + 1, "v") == strlen(a + 1)) {
			ui.verbose += (int)strlen(a + 1);
		} else if (!dashdash && !strcmp(a, "--theme")) {
			if (++i >= argc)
				return ui_failf("--theme requires a value");
		} else if (!dashdash && !strncmp(a, "--theme=", 8)) {
			/* themes only change colours */
		} else if (!dashdash && (!strcmp(a, "-V") || !strcmp(a, "--version"))) {
			printf("nono " NONO_VERSION "\n");
			return 0;
		} else if (!dashdash && n == 0 &&
			   (!strcmp(a, "-h") || !strcmp(a, "--help") ||
			    !strcmp(a, "help"))) {
			fputs(USAGE, stdout);
			return 0;
		} else {
			if (n >= (int)(sizeof rest / sizeof *rest) - 1)
				return ui_failf("too many arguments");
			rest[n++] = argv[i];
		}
	}
	rest[n] = NULL;
	if (n == 0) {
		fputs(USAGE, stderr);
		return 1;
	}
	for (size_t k = 0; k < sizeof COMMANDS / sizeof *COMMANDS; k++)
		if (!strcmp(rest[0], COMMANDS[k].name))
			return COMMANDS[k].fn(n - 1, rest + 1);
	for (size_t k = 0; k < sizeof LATER / sizeof *LATER; k++)
		if (!strcmp(rest[0], LATER[k]))
			return ui_failf("'%s' is not available in this build "
					"yet", rest[0]);
	return ui_failf("unrecognized subcommand '%.64s' (see nono --help)",
			rest[0]);
}
