/* Subcommands. Each takes the arguments after its name (global flags
 * already removed) and returns the process exit status. */
#ifndef NONO_COMMANDS_H
#define NONO_COMMANDS_H

int cmd_audit(int argc, char **argv);
int cmd_trust(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_shell(int argc, char **argv);
int cmd_wrap(int argc, char **argv);
int cmd_why(int argc, char **argv);
int cmd_profile(int argc, char **argv);
/* audit list | show | cleanup (audit_browse.c) */
int cmd_audit_browse(const char *sub, int argc, char **argv);

#endif
