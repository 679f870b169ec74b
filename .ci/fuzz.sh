#!/usr/bin/env bash
# Runs every fuzz target in the module briefly, besides its committed seeds
# (which plain `go test` already runs). Targets are found by grep, so new
# ones are included without editing this script.
#
#   .ci/fuzz.sh            # 15 s per target
#   FUZZTIME=1m .ci/fuzz.sh
#
# A crasher is written by go test to <package>/testdata/fuzz/<Target>/;
# commit it as a regression seed once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-15s}"
failed=0
count=0
start=$(date +%s)
while IFS=: read -r file name; do
	pkg="$(dirname "$file")"
	count=$((count + 1))
	echo "== $name ($pkg, $fuzztime)"
	# Minimising each new input costs up to a minute by default, which would
	# eat a short run; keep it short here.
	log="$(mktemp)"
	if go test -run='^$' -fuzz="^${name}\$" -fuzztime="$fuzztime" -fuzzminimizetime=5s "$pkg" 2>&1 | tee "$log"; then
		:
	elif grep -q 'Failing input written to' "$log" || ! grep -q 'context deadline exceeded' "$log"; then
		# A crasher (its input is saved under testdata/fuzz), or a build or
		# seed failure.
		echo "FAIL: $name in $pkg"
		failed=1
	else
		# The time box ended while a worker was still inside one slow input:
		# go test reports the deadline, but no input failed.
		echo "note: $name stopped at its time limit inside a slow input; no failing input"
	fi
	rm -f "$log"
done < <(grep -rHoE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]+' . |
	sed -E 's/:func /:/' | grep -v '^./.git/' | sort)
echo "== $count fuzz targets, $(($(date +%s) - start)) s"
exit "$failed"
