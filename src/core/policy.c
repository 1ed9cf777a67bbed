/*
 * The embedded policy table. Paths and names follow the original's
 * policy.json (reference/capabilities.md §2.2); the descriptions are ours.
 * macOS groups are listed by name so that profiles naming them resolve,
 * and are never applied on Linux.
 */
#include "policy.h"

#include <string.h>

#define L(...) (const char *const[]){ __VA_ARGS__, NULL }

const struct policy_group policy_groups[] = {
	{ "deny_credentials", "Credential stores: SSH, GPG, cloud and "
	  "registry tokens", PLAT_ALL, 1, 0, NULL, NULL, NULL,
	  L("~/.ssh", "~/.gnupg", "~/.aws", "~/.azure", "~/.config/gcloud",
	    "~/.gcloud", "~/.kube", "~/.docker", "~/.git-credentials",
	    "~/.netrc", "~/.npmrc", "~/.vault-token", "~/.credentials",
	    "~/.secrets", "~/.keys", "~/.pki", "~/.terraform.d",
	    "~/.config/op"), NULL },
	{ "deny_keychains_linux", "Password managers and keyrings",
	  PLAT_LINUX, 1, 0, NULL, NULL, NULL,
	  L("~/.password-store", "~/.1password", "~/.op",
	    "~/.local/share/keyrings"), NULL },
	{ "deny_browser_data_linux", "Browser profiles: cookies, saved "
	  "passwords, history", PLAT_LINUX, 1, 0, NULL, NULL, NULL,
	  L("~/.config/google-chrome", "~/.config/chromium",
	    "~/.mozilla/firefox", "~/.config/microsoft-edge",
	    "~/.config/BraveSoftware", "~/.config/vivaldi",
	    "~/.config/opera"), NULL },
	{ "deny_shell_history", "Shell and REPL history", PLAT_ALL, 1, 0,
	  NULL, NULL, NULL,
	  L("~/.bash_history", "~/.zsh_history", "~/.history",
	    "~/.python_history"), NULL },
	{ "deny_shell_configs", "Shell start-up files and environment files",
	  PLAT_ALL, 1, 0, NULL, NULL, NULL,
	  L("~/.zshrc", "~/.zprofile", "~/.zshenv", "~/.zlogin", "~/.zlogout",
	    "~/.bashrc", "~/.bash_profile", "~/.bash_login",
	    "~/.bash_logout", "~/.profile", "~/.config/fish", "~/.env",
	    "~/.envrc"), NULL },
	{ "deny_keychains_macos", "macOS keychains", PLAT_MACOS, 1, 0,
	  NULL, NULL, NULL, NULL, NULL },
	{ "deny_browser_data_macos", "macOS browser profiles", PLAT_MACOS, 1,
	  0, NULL, NULL, NULL, NULL, NULL },
	{ "deny_macos_private", "macOS private user data", PLAT_MACOS, 1, 0,
	  NULL, NULL, NULL, NULL, NULL },
	{ "system_read_linux_core", "System binaries, libraries, "
	  "configuration and devices needed to run programs", PLAT_LINUX, 0,
	  0,
	  L("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/lib",
	    "/lib64", "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
	    "/usr/lib", "/usr/lib64", "/usr/lib/x86_64-linux-gnu",
	    "/usr/lib/aarch64-linux-gnu", "/usr/local/lib",
	    "/usr/local/lib64", "/etc/resolv.conf", "/etc/hosts",
	    "/etc/nsswitch.conf", "/etc/gai.conf", "/etc/ssl", "/etc/pki",
	    "/etc/ca-certificates", "/etc/crypto-policies", "/etc/ld.so.cache",
	    "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime",
	    "/etc/timezone", "/etc/locale.conf", "/etc/locale.gen",
	    "/etc/alternatives", "/etc/os-release", "/etc/services",
	    "/usr/share", "/usr/share/locale", "/usr/share/locale-langpack",
	    "/usr/share/zoneinfo", "/usr/share/terminfo",
	    "/usr/share/ca-certificates", "/lib/terminfo", "/etc/terminfo",
	    "/dev/null", "/dev/zero", "/dev/random", "/dev/urandom",
	    "/dev/full", "/dev/tty", "/dev/console", "/dev/stdin",
	    "/dev/stdout", "/dev/stderr", "/dev/fd", "/dev/pts",
	    "/proc/self", "/proc/cpuinfo", "/proc/meminfo", "/proc/stat",
	    "/proc/loadavg", "/proc/version", "/proc/filesystems"),
	  NULL, NULL, NULL, NULL },
	{ "system_write_linux", "Temporary directories and terminal devices",
	  PLAT_LINUX, 0, 0, NULL,
	  L("/tmp", "/dev/null", "/dev/zero", "/dev/full", "/dev/tty",
	    "/dev/stdout", "/dev/stderr", "/dev/fd", "/dev/pts",
	    "/proc/self/fd", "$TMPDIR"), NULL, NULL, NULL },
	{ "linux_runtime_state", "Runtime state under /run", PLAT_LINUX, 0, 0,
	  L("/run", "/var/run"), NULL, NULL, NULL, NULL },
	{ "linux_sysfs_read", "sysfs (hardware and kernel information)",
	  PLAT_LINUX, 0, 0, L("/sys"), NULL, NULL, NULL, NULL },
	{ "linux_temp_read", "Reading /tmp", PLAT_LINUX, 0, 0, L("/tmp"),
	  NULL, NULL, NULL, NULL },
	{ "user_caches_linux", "The user's cache directory", PLAT_LINUX, 0, 0,
	  NULL, NULL, L("~/.cache"), NULL, NULL },
	{ "claude_cache_linux", "Claude Code's cache", PLAT_LINUX, 0, 0, NULL,
	  NULL, L("~/.cache/claude-cli-nodejs"), NULL, NULL },
	{ "user_tools", "User-installed tools, man pages and completions",
	  PLAT_ALL, 0, 0,
	  L("~/.local/bin", "~/.local/share/applications",
	    "~/.local/share/man", "~/.local/share/bash-completion",
	    "~/.local/share/zsh"), NULL, NULL, NULL, NULL },
	{ "node_runtime", "Node.js version managers and global packages",
	  PLAT_ALL, 0, 0,
	  L("~/.nvm", "~/.fnm", "~/.npm", "~/.node", "~/.local/share/fnm",
	    "/usr/local/lib/node_modules", "~/Library/pnpm",
	    "~/.local/share/pnpm"), NULL, NULL, NULL, NULL },
	{ "opencode_linux", "OpenCode's binaries", PLAT_LINUX, 0, 0,
	  L("~/.opencode/bin"), NULL, NULL, NULL, NULL },
	{ "python_runtime", "Python version managers and user packages",
	  PLAT_ALL, 0, 0,
	  L("~/.pyenv", "~/.local/lib", "~/.local/share/uv", "~/.conda"),
	  NULL, NULL, NULL, NULL },
	{ "rust_runtime", "Rust toolchains and crates", PLAT_ALL, 0, 0,
	  L("~/.cargo", "~/.rustup"), NULL, NULL, NULL, NULL },
	{ "go_runtime", "Go toolchain and module cache", PLAT_ALL, 0, 0,
	  L("~/go", "/usr/local/go"), NULL, NULL, NULL, NULL },
	{ "go_runtime_linux", "Go build cache", PLAT_LINUX, 0, 0, NULL, NULL,
	  L("~/.cache/go-build"), NULL, NULL },
	{ "java_runtime", "JDKs, Maven and Gradle caches", PLAT_ALL, 0, 0,
	  L("~/.sdkman", "~/.m2/repository", "~/.m2/wrapper",
	    "~/.gradle/caches", "~/.gradle/wrapper"), NULL, NULL, NULL,
	  NULL },
	{ "homebrew_linux", "Homebrew on Linux", PLAT_LINUX, 0, 0,
	  L("/home/linuxbrew/.linuxbrew"), NULL, NULL, NULL, NULL },
	{ "claude_code_linux", "Claude Code's installation", PLAT_LINUX, 0, 0,
	  L("$HOME/.local/share/claude"), NULL, NULL, NULL, NULL },
	{ "vscode_linux", "VS Code settings and extensions", PLAT_LINUX, 0, 0,
	  NULL, NULL, L("$HOME/.vscode", "$HOME/.config/Code"), NULL, NULL },
	{ "nix_runtime", "Nix profiles and store", PLAT_ALL, 0, 0,
	  L("~/.nix-profile", "~/.local/state/nix/profile",
	    "~/.local/state/nix/profiles", "~/.nix-defexpr",
	    "~/.local/state/nix/defexpr", "/run/current-system/sw",
	    "/etc/profiles/per-user", "/nix/var/nix/profiles", "/nix/store"),
	  NULL, NULL, NULL, NULL },
	{ "git_config", "Git's user configuration", PLAT_ALL, 0, 0,
	  L("$HOME/.gitconfig", "$HOME/.gitignore_global",
	    "$HOME/.config/git/config", "$HOME/.config/git/ignore",
	    "$HOME/.config/git/attributes"), NULL, NULL, NULL, NULL },
	{ "unlink_protection", "Deny deleting files outside writable grants "
	  "(macOS; no effect on Linux)", PLAT_ALL, 0, 1, NULL, NULL, NULL,
	  NULL, NULL },
	{ "dangerous_commands", "Destructive or privileged commands "
	  "(start-up check only)", PLAT_ALL, 0, 0, NULL, NULL, NULL, NULL,
	  L("rm", "rmdir", "dd", "chmod", "chown", "chgrp", "mv", "cp",
	    "truncate", "scp", "rsync", "sftp", "ftp", "xargs", "sudo", "su",
	    "doas", "pip", "npm", "kill", "killall", "pkill", "shutdown",
	    "reboot", "halt", "poweroff") },
	{ "dangerous_commands_linux", "Destructive Linux system commands "
	  "(start-up check only)", PLAT_LINUX, 0, 0, NULL, NULL, NULL, NULL,
	  L("shred", "mkfs", "mkfs.ext4", "mkfs.xfs", "mkfs.btrfs", "mkswap",
	    "fdisk", "parted", "gdisk", "wipefs", "chattr", "init",
	    "systemctl", "apt", "apt-get", "dpkg", "yum", "dnf", "pacman",
	    "pkexec") },
	{ "system_read_macos", "macOS system paths", PLAT_MACOS, 0, 0,
	  NULL, NULL, NULL, NULL, NULL },
	{ "system_write_macos", "macOS temporary paths", PLAT_MACOS, 0, 0,
	  NULL, NULL, NULL, NULL, NULL },
	{ "homebrew_macos", "Homebrew on macOS", PLAT_MACOS, 0, 0,
	  NULL, NULL, NULL, NULL, NULL },
	{ "user_caches_macos", "macOS user caches", PLAT_MACOS, 0, 0,
	  NULL, NULL, NULL, NULL, NULL },
	{ "go_runtime_macos", "Go caches on macOS", PLAT_MACOS, 0, 0,
	  NULL, NULL, NULL, NULL, NULL },
	{ "claude_code_macos", "Claude Code on macOS", PLAT_MACOS, 0, 0,
	  NULL, NULL, NULL, NULL, NULL },
	{ "vscode_macos", "VS Code on macOS", PLAT_MACOS, 0, 0,
	  NULL, NULL, NULL, NULL, NULL },
	{ "dangerous_commands_macos", "Destructive macOS commands",
	  PLAT_MACOS, 0, 0, NULL, NULL, NULL, NULL, NULL },
};

const size_t policy_ngroups = sizeof policy_groups / sizeof *policy_groups;


const struct policy_group *policy_group_find(const char *name, size_t n)
{
	for (size_t i = 0; i < policy_ngroups; i++)
		if (strlen(policy_groups[i].name) == n &&
		    !memcmp(policy_groups[i].name, name, n))
			return &policy_groups[i];
	return NULL;
}

int policy_group_on_linux(const struct policy_group *g)
{
	return g->platform != PLAT_MACOS;
}
