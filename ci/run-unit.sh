#!/bin/sh
# Runs the Check unit tests; fails when any test fails or none ran.
set -eu
out=$("$1" 2>&1) || { printf '%s\n' "$out"; exit 1; }
printf '%s\n' "$out"
printf '%s\n' "$out" | grep -Eq '^100%: Checks: [1-9][0-9]*, Failures: 0, Errors: 0$'
