#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The README's tour must stay true: its scenario is the corpus file, and
# the output it shows is what mmsim prints for it.
set -u
mmsim=${MMSIM:-./mmsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..3"
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
awk '/^`.\/mmsim matrix tests\/scenarios\/9\*.mms` replays/ {f = 1; next}
     f && /^```$/ {if (in_block) exit; in_block = 1; next}
     in_block {print}' README.md >"$tmp/want-matrix"
"$mmsim" matrix tests/scenarios/9*.mms >"$tmp/got-matrix"
if [ -s "$tmp/want-matrix" ] && cmp -s "$tmp/want-matrix" "$tmp/got-matrix"; then
	echo "ok 3 - the README's saga table is what mmsim matrix prints"
else
	echo "not ok 3 - the README's saga table is stale"
	diff "$tmp/want-matrix" "$tmp/got-matrix" | sed 's/^/# /'
fi
