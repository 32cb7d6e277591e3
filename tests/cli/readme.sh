#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The README's tour must stay true: its scenario is the corpus file, and
# the output it shows is what mmsim prints for it.
set -u
mmsim=${MMSIM:-./mmsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..2"
sed -n '/^```$/,/^```$/p' README.md | sed -n '2,/^```$/p' | grep -v '^```' \
	>"$tmp/tour.mms"
if cmp -s "$tmp/tour.mms" tests/scenarios/0005-basics-readme-tour.mms; then
	echo "ok 1 - the README's tour is tests/scenarios/0005-basics-readme-tour.mms"
else
	echo "not ok 1 - the README's tour differs from the corpus file"
fi
sed -n '/^\$ .\/mmsim run --trace/,/^1\.\./p' README.md | tail -n +2 >"$tmp/want"
"$mmsim" run --trace tests/scenarios/0005-basics-readme-tour.mms >"$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then
	echo "ok 2 - the README shows what mmsim prints for the tour"
else
	echo "not ok 2 - the README's sample output is stale"
	diff "$tmp/want" "$tmp/got" | sed 's/^/# /'
fi
