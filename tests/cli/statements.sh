#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The statement table (scenario/statements.c) and the documentation list
# the same statements: every name 'mmsim help statements' prints is in a
# statement table of docs/scenario-language.md or, for what mmsim adds,
# docs/scenario-extensions.md, and every statement of the language's
# tables is in the table.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)

# The first word of each row of the tables headed "| statement |".
doc_names() {
	awk '/^\| statement \|/ { t = 1; next } !/^\|/ { t = 0 } t' "$@" |
		sed -n 's/^| `\([a-z-]*\).*/\1/p' | sort -u
}

"$mmsim" help statements >"$tmp/help" 2>"$tmp/out"
ok $? "mmsim help statements"
"$mmsim" statements >"$tmp/list" 2>>"$tmp/out"
ok $? "mmsim statements"
sed -n 's/^  \([a-z-]*\).*/\1/p' "$tmp/help" | sort -u >"$tmp/table"
[ "$(wc -l <"$tmp/table")" -ge 30 ] && grep -q '^  expect P alive|dead' "$tmp/list"
ok $? "it lists every statement with its syntax ($(wc -l <"$tmp/table") names)"

doc_names "$top/docs/scenario-language.md" >"$tmp/language"
doc_names "$top/docs/scenario-language.md" \
	"$top/docs/scenario-extensions.md" >"$tmp/docs"
comm -23 "$tmp/language" "$tmp/table" >"$tmp/out"
ok $? "every statement of docs/scenario-language.md is in the table"
comm -23 "$tmp/table" "$tmp/docs" >"$tmp/out"
ok $? "every statement of the table is documented"
done_testing
