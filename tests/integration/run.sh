#!/usr/bin/env bash
# Runs every integration test file (t_*.sh); fails if any test fails or
# none ran.
set -u
cd "$(dirname "$0")"
total=0 bad=0
for f in t_*.sh; do
	echo "== $f"
	if bash "$f"; then :; else bad=$((bad + 1)); fi
	total=$((total + 1))
done
[ "$total" -gt 0 ] || { echo "integration: no test files"; exit 1; }
echo "integration: $total files, $bad failing"
[ "$bad" = 0 ]
