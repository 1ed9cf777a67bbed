#!/usr/bin/env bash
# Runs every integration test file (t_*.sh); fails if any test fails or
# none ran.
set -u
cd "$(dirname "$0")"
total=0 bad=0
# The sandbox tests run as root and as an unprivileged user when we are
# root (users run nono as themselves), else as the current user.
if [ "$(id -u)" = 0 ]; then sb_users="root nobody"; else sb_users=$(id -un); fi
for f in t_*.sh; do
	users=-
	case $f in t_sandbox_*) users=$sb_users ;; esac
	for u in $users; do
		if [ "$u" = - ]; then echo "== $f"; else echo "== $f (as $u)"; fi
		if [ "$u" = - ]; then bash "$f"; else SB_USER=$u bash "$f"; fi ||
			bad=$((bad + 1))
		total=$((total + 1))
	done
done
[ "$total" -gt 0 ] || { echo "integration: no test files"; exit 1; }
echo "integration: $total files, $bad failing"
[ "$bad" = 0 ]
