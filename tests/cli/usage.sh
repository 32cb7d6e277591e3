#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The conventions of a command-line tool: --version, help, help CMD,
# CMD --help (exit 0, on stdout), mistakes on stderr with exit 2, and
# manual pages that man can format without a warning.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)

t() { # description, expected status, stdout regex, args...
	desc=$1 want=$2 re=$3
	shift 3
	"$mmsim" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq "$want" ] && grep -Eq -- "$re" "$tmp/out"
	ok $? "$desc (exit $rc)" || sed 's/^/# /' "$tmp/err"
}

version=$(sed -n 's/^#define MMSIM_VERSION "\(.*\)"/\1/p' \
	"$top/include/mmsim.h")
t "--version prints the version of mmsim.h" 0 "^mmsim $version\$" --version
t "help lists every command" 0 "mmsim inspect PID" help
t "--help is help" 0 "^usage: mmsim run" --help
for cmd in run matrix inspect policies statements help; do
	t "help $cmd" 0 "^usage: mmsim $cmd" help "$cmd"
	t "$cmd --help" 0 "^usage: mmsim $cmd" "$cmd" --help
done
t "run -h after a file name is help too" 0 "--backend B" run x.mms -h
"$mmsim" help nosuch >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "no command 'nosuch'" "$tmp/err"
ok $? "help of an unknown command: exit 2 on stderr (exit $rc)"
"$mmsim" frobnicate >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "unknown command" "$tmp/err" && ! [ -s "$tmp/out" ]
ok $? "an unknown command: exit 2, usage on stderr (exit $rc)"
"$mmsim" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && grep -q "^usage:" "$tmp/err"
ok $? "no command: usage on stderr, exit 2 (exit $rc)"

if command -v man >/dev/null && command -v groff >/dev/null; then
	for page in "$top"/man/*.[1-9]; do
		MANWIDTH=80 man --warnings -l "$page" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		[ $rc -eq 0 ] && ! [ -s "$tmp/err" ] &&
			grep -q "^NAME" "$tmp/out"
		ok $? "man formats $(basename "$page") without a warning" ||
			sed 's/^/# /' "$tmp/err"
	done
else
	n=$((n + 1))
	echo "ok $n - manual pages # SKIP no man or groff"
fi
done_testing
