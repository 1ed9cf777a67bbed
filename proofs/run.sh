#!/bin/bash
# proofs/run.sh: Frama-C WP over the core files that carry ACSL contracts.
# Fails (non-zero) on any goal not proved, on any file, and prints the goal
# count per file. Usage: proofs/run.sh [file.c ...]   (default: proofs/files)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/proofs
conf=build/why3.conf
[ -s "$conf" ] || why3 config detect -C "$conf" >/dev/null 2>&1
export WHY3CONFIG=$PWD/$conf

if [ $# -gt 0 ]; then files=("$@"); else
	mapfile -t files < <(grep -v '^\s*#' proofs/files | grep -v '^\s*$'); fi

fail=0 total=0
for f in "${files[@]}"; do
	log=build/proofs/$(basename "$f" .c).log
	if frama-c -wp -wp-rte -wp-prover "${PROVERS:-cvc4,z3}" \
		-wp-timeout "${WP_TIMEOUT:-10}" -wp-par 2 -wp-model Typed+cast \
		-cpp-extra-args="-Isrc/core -idirafter /usr/include" \
		"$f" -then -report-classify -report-unclassified-unknown ERROR \
		>"$log" 2>&1; then st=ok; else st=FAIL; fail=1; fi
	line=$(grep -E '^\[wp\] Proved goals:' "$log" | tail -n 1 || true)
	n=$(sed -E 's/.*: *([0-9]+) *\/ *([0-9]+).*/\1 \2/' <<<"$line")
	read -r p t <<<"${n:-0 0}"
	total=$((total + p))
	printf 'prove: %-24s %s  %s/%s goals\n' "$f" "$st" "$p" "$t"
	[ "$st" = ok ] || grep -E 'Failed|Timeout|Unknown|ERROR|error' "$log" | head -n 20
done
echo "prove: $total goals proved in ${#files[@]} files"
[ "$fail" = 0 ] || { echo "prove: FAILED (logs in build/proofs/)"; exit 1; }
