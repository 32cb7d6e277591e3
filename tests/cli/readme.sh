#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The README's tour must stay true: its scenario is the corpus file, and
# the output it shows is what mmsim prints for it.
. "$(dirname "$0")/lib.sh"
quiet_fail=1
sed -n '/^```$/,/^```$/p' README.md | sed -n '2,/^```$/p' | grep -v '^```' \
	>"$tmp/tour.mms"
cmp -s "$tmp/tour.mms" tests/scenarios/0005-basics-readme-tour.mms
ok $? "the README's tour is tests/scenarios/0005-basics-readme-tour.mms"
sed -n '/^\$ .\/mmsim run --trace/,/^1\.\./p' README.md | tail -n +2 >"$tmp/want"
"$mmsim" run --trace tests/scenarios/0005-basics-readme-tour.mms >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got"
ok $? "the README shows what mmsim prints for the tour" ||
	diff "$tmp/want" "$tmp/got" | sed 's/^/# /'
awk '/^`.\/mmsim matrix tests\/scenarios\/9\*.mms` replays/ {f = 1; next}
     f && /^```$/ {if (in_block) exit; in_block = 1; next}
     in_block {print}' README.md >"$tmp/want-matrix"
"$mmsim" matrix tests/scenarios/9*.mms >"$tmp/got-matrix"
[ -s "$tmp/want-matrix" ] && cmp -s "$tmp/want-matrix" "$tmp/got-matrix"
ok $? "the README's saga table is what mmsim matrix prints" ||
	diff "$tmp/want-matrix" "$tmp/got-matrix" | sed 's/^/# /'
done_testing
