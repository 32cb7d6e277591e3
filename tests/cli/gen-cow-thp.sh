#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tools/gen-cow-thp.sh (docs/cow-test-cases.md, "THP and mTHP runs"):
# the committed 82xx-84xx files are what it writes, so nobody edits a
# generated file by hand or changes the script without regenerating;
# every layout x body x size cell of its table names a file that exists.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)

mkdir -p "$tmp/gen"
(cd "$top" && sh tools/gen-cow-thp.sh "$tmp/gen")
ok $? "the generator runs"

(cd "$top/tests/scenarios" && ls 82[0-9][0-9]-thp-*.mms \
	83[0-9][0-9]-thp-*.mms 84[0-9][0-9]-thp-*.mms) >"$tmp/committed"
(cd "$tmp/gen" && ls) >"$tmp/written"
cmp -s "$tmp/committed" "$tmp/written"
ok $? "it writes exactly the committed 82xx-84xx files"

same=0
for f in $(cat "$tmp/written"); do
	cmp -s "$tmp/gen/$f" "$top/tests/scenarios/$f" || {
		echo "# differs: $f"
		same=1
	}
done
ok $same "each with the committed contents"

(cd "$top" && sh tools/gen-cow-thp.sh --table) >"$tmp/table"
missing=""
for num in $(grep -o '| [0-9]*\*\? ' "$tmp/table" | tr -dc '0-9\n'); do
	ls "$top"/tests/scenarios/"$num"-*.mms >/dev/null 2>&1 ||
		missing="$missing $num"
done
[ -z "$missing" ] && [ "$(grep -c '^| [a-z]' "$tmp/table")" -eq 42 ]
ok $? "its table has 42 body rows, each cell an existing file${missing:+ (not:$missing)}"

grep -v '^$' "$tmp/table" | grep -vxF -f "$top/docs/cow-test-cases.md" \
	>"$tmp/notindoc"
[ ! -s "$tmp/notindoc" ]
ok $? "docs/cow-test-cases.md shows the table as it prints it"

done_testing
