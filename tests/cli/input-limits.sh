#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# No input can eat the machine: what is not a regular scenario
# file within the limits of scenario/limits.h is a FILE:LINE:COL error
# with exit status 2, never a silent drop, a hang or unbounded memory.
. "$(dirname "$0")/lib.sh"
quiet_fail=1
# Bound what a regression could take: 2 GB of address space where the
# binary runs under it (not under ASan, whose shadow needs more), and
# 30 s for every command.
ulim=:
# (In a shell of its own, whose report of an ASan binary's abort under
# the limit goes to /dev/null too.)
if sh -c 'ulimit -v 2000000 && exec "$0" help' "$mmsim" >/dev/null 2>&1
then
	ulim="ulimit -v 2000000"
fi
t() { # description, expected status, expected output regex, args...
	desc=$1 want=$2 re=$3
	shift 3
	(eval "$ulim" && exec timeout 30 "$mmsim" "$@") \
		>"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	[ $rc -eq "$want" ] && grep -Eq -- "$re" "$tmp/err" "$tmp/out"
	ok $? "$desc (exit $rc)" ||
		{ head -c 1000 "$tmp/err"; echo; head -c 1000 "$tmp/out"; echo; } |
		sed 's/^/# /'
}
# A line of exactly N bytes: "#" and N-1 "x".
line() {
	printf '#'
	head -c $(($1 - 1)) /dev/zero | tr '\0' x
	printf '\n'
}

# Only regular files; a FIFO must not hang waiting for a writer.
mkfifo "$tmp/fifo"
mkdir "$tmp/dir"
t "/dev/zero is refused" 2 "^/dev/zero:0:0: a character device" run /dev/zero
t "/dev/null is refused" 2 "^/dev/null:0:0: a character device" run /dev/null
t "a directory is refused" 2 "dir:0:0: a directory" run "$tmp/dir"
t "a FIFO is refused at once" 2 "fifo:0:0: a FIFO" run "$tmp/fifo"
t "matrix refuses a directory" 2 "dir:0:0: a directory" matrix "$tmp/dir"

# Line length.
{ line 4096; echo 'mmap p0 A 1'; } >"$tmp/line-ok.mms"
{ echo 'mmap p0 A 1'; line 4097; } >"$tmp/line-long.mms"
head -c 100000 /dev/zero | tr '\0' x >"$tmp/no-newline.mms"
t "a line of 4096 bytes is fine" 0 "^1\.\.0" run "$tmp/line-ok.mms"
t "a line of 4097 bytes is too long" 2 \
	"line-long.mms:2:4097: line too long \(limit 4096 bytes\)" \
	run "$tmp/line-long.mms"
t "input without newlines stops at the line limit" 2 \
	"no-newline.mms:1:4097: line too long \(limit 4096 bytes\)" \
	run "$tmp/no-newline.mms"

# File size: 16 MiB of comment lines is fine, one byte more is not.
yes '#' | head -c 16777216 >"$tmp/big-ok.mms"
{ cat "$tmp/big-ok.mms"; echo; } >"$tmp/big.mms"
t "a file of 16 MiB is fine" 0 "^1\.\.0" run "$tmp/big-ok.mms"
t "a file of 16 MiB + 1 byte is too large" 2 \
	"big.mms:0:0: file too large \(limit 16777216 bytes\)" \
	run "$tmp/big.mms"

# Tokens: the 49th used to be dropped (so 'none' left the mapping rw);
# now 64 are read and a 65th is an error at its column.
rws() { i=0; while [ $i -lt "$1" ]; do printf ' rw'; i=$((i + 1)); done; }
{ printf 'mmap p0 A 1'; rws 44; printf ' none\n'
  printf 'write p0 A[0] 1 => SIGSEGV\n'; } >"$tmp/tok49.mms"
{ printf 'mmap p0 A 1'; rws 60; printf ' none\n'; } >"$tmp/tok65.mms"
t "the 49th token counts" 0 "^ok 1 - 2: write" run "$tmp/tok49.mms"
t "a 65th token is an error" 2 \
	"tok65.mms:1:193: too many tokens on a line \(limit 64\)" \
	run "$tmp/tok65.mms"

# Statements: 1,000,000.  The file requires what the model lacks (uffd,
# hidden by the test hook), so that it is parsed whole, then skipped
# rather than run (a run checks the invariants after every statement,
# which takes a while).
export MMSIM_MODEL_MISSING_CAP=uffd
{ echo 'requires uffd'; yes 'title x' | head -n 999999; } >"$tmp/stmts-ok.mms"
{ cat "$tmp/stmts-ok.mms"; echo '  title y'; } >"$tmp/stmts.mms"
t "1000000 statements are fine" 0 "^1\.\.0 # SKIP missing uffd" \
	run "$tmp/stmts-ok.mms"
t "statement 1000001 is too many" 2 \
	"stmts.mms:1000001:3: too many statements \(limit 1000000\)" \
	run "$tmp/stmts.mms"

# Names of 63 bytes, not 64 (a region name of 64 bytes was accepted by
# mmap, then refused as a bad name by every use).
n63=$(head -c 63 /dev/zero | tr '\0' r)
printf 'mmap p0 %s 1\nwrite p0 %s[0] 5\nexpect p0 %s[0] == 5\n' \
	"$n63" "$n63" "$n63" >"$tmp/name63.mms"
printf 'mmap p0 %sr 1\n' "$n63" >"$tmp/name64.mms"
printf 'fork p0 %sp\n' "$n63" >"$tmp/pname64.mms"
t "a name of 63 bytes is fine" 0 "^ok 1 - 3: expect" run "$tmp/name63.mms"
t "a region name of 64 bytes is too long" 2 \
	"name64.mms:1:9: region name too long \(limit 63 bytes\)" \
	run "$tmp/name64.mms"
t "a process name of 64 bytes is too long" 2 \
	"pname64.mms:1:9: process name too long \(limit 63 bytes\)" \
	run "$tmp/pname64.mms"

# Pages: 2^24 per mmap, 2^26 for all the mmaps of a file.
printf 'mmap p0 A 16777216\nmmap p0 A 16777217\n' >"$tmp/pages1.mms"
printf 'mmap p0 A%d 16777216\n' 1 2 3 4 >"$tmp/pages-ok.mms"
printf 'mmap p0 A%d 16777216\n' 1 2 3 4 5 >"$tmp/pages.mms"
t "an mmap of 2^24 + 1 pages is too large" 2 \
	"pages1.mms:2:11: too many pages in one mmap \(limit 16777216\)" \
	run "$tmp/pages1.mms"
t "2^26 pages in all are fine" 0 "^1\.\.0" run "$tmp/pages-ok.mms"
t "2^26 + 2^24 pages in all are too many" 2 \
	"pages.mms:5:12: too many pages mapped by the file \(limit 67108864\)" \
	run "$tmp/pages.mms"

# Pages of the mlock statements of a file: 2^14 (mlock populates them).
printf 'mmap p0 A 16384\nmlock p0 A[0..8191] A[8192..16383]\n' \
	>"$tmp/mlock-ok.mms"
{ cat "$tmp/mlock-ok.mms"; echo 'munlock p0 A'; echo 'mlock p0 A[0]'; } \
	>"$tmp/mlock.mms"
t "2^14 pages locked in all are fine" 0 "^1\.\.0" run "$tmp/mlock-ok.mms"
t "2^14 + 1 pages locked are too many" 2 \
	"mlock.mms:4:10: too many pages locked by the file \(limit 16384\)" \
	run "$tmp/mlock.mms"

# Processes (p0 and 63 children), regions, handles and labels: 64 each.
seq 1 63 | sed 's/.*/fork p0 c&/' >"$tmp/procs-ok.mms"
{ cat "$tmp/procs-ok.mms"; echo 'fork p0 c64'; } >"$tmp/procs.mms"
seq 1 64 | sed 's/.*/mmap p0 R& 1/' >"$tmp/regions-ok.mms"
{ cat "$tmp/regions-ok.mms"; echo 'mmap p0 R65 1'; } >"$tmp/regions.mms"
{ echo 'mmap p0 A 1'; echo 'write p0 A[0] 1'
  seq 1 64 | sed 's/.*/pin h& p0 A[0] ro/'; } >"$tmp/handles-ok.mms"
{ cat "$tmp/handles-ok.mms"; echo 'pin h65 p0 A[0] ro'; } >"$tmp/handles.mms"
{ echo 'mmap p0 A 1'; echo 'write p0 A[0] 1'
  seq 1 64 | sed 's/.*/label L& p0 A[0]/'; } >"$tmp/labels-ok.mms"
{ cat "$tmp/labels-ok.mms"; echo 'label L65 p0 A[0]'; } >"$tmp/labels.mms"
t "64 processes are fine" 0 "^1\.\.0" run "$tmp/procs-ok.mms"
t "a 65th process is too many" 2 \
	"procs.mms:64:9: too many processes \(limit 64\)" run "$tmp/procs.mms"
t "64 regions are fine" 0 "^1\.\.0" run "$tmp/regions-ok.mms"
t "a 65th region is too many" 2 \
	"regions.mms:65:9: too many regions \(limit 64\)" \
	run "$tmp/regions.mms"
t "64 handles are fine" 0 "^1\.\.0" run "$tmp/handles-ok.mms"
t "a 65th handle is too many" 2 \
	"handles.mms:67:5: too many handles \(limit 64\)" \
	run "$tmp/handles.mms"
t "64 labels are fine" 0 "^1\.\.0" run "$tmp/labels-ok.mms"
t "a 65th label is too many" 2 \
	"labels.mms:67:7: too many labels \(limit 64\)" run "$tmp/labels.mms"

# More than 64 'requires' were dropped: a scenario that needs what the
# model lacks ran anyway.
{ yes 'requires swap' | head -n 64; echo 'requires uffd'
  echo 'mmap p0 A 1'; } >"$tmp/requires.mms"
t "the 65th requires counts" 0 "^1\.\.0 # SKIP missing uffd" \
	run "$tmp/requires.mms"

# Files after the 256th on the command line were dropped: a failing or
# broken 300th file did not count.
printf 'mmap p0 A 1\nwrite p0 A[0] 7\nexpect p0 A[0] == 7\n' >"$tmp/good.mms"
printf 'mmap p0 A 1\nexpect p0 A[0] == 7\n' >"$tmp/fail.mms"
printf 'mmap p0 A 1\nfrobnicate\n' >"$tmp/bad.mms"
goods=$(seq 1 299 | sed "s|.*|$tmp/good.mms|")
t "the 300th file runs" 1 "^not ok 1 - 2: expect" run $goods "$tmp/fail.mms"
t "the 300th file is checked" 2 "bad.mms:2:1: unknown statement" \
	run $goods "$tmp/bad.mms"

# "-" is standard input, with the same limits.
n=$((n + 1))
if "$mmsim" run - <"$tmp/good.mms" >"$tmp/out" 2>&1 &&
	grep -q '^# <stdin>: (no title)' "$tmp/out" &&
	grep -q '^ok 1 - 3: expect' "$tmp/out"; then
	echo "ok $n - run - reads standard input"
else
	echo "not ok $n - run - reads standard input"
	sed 's/^/# /' "$tmp/out"
fi
n=$((n + 1))
if "$mmsim" matrix - <"$tmp/good.mms" >"$tmp/out" 2>&1; then
	echo "ok $n - matrix - reads standard input"
else
	echo "not ok $n - matrix - reads standard input"
	sed 's/^/# /' "$tmp/out"
fi
n=$((n + 1))
(eval "$ulim" && exec timeout 30 "$mmsim" run - </dev/zero) >"$tmp/out" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q '^<stdin>:0:0: file too large' "$tmp/out"; then
	echo "ok $n - run - </dev/zero stops at the file size limit"
else
	echo "not ok $n - run - </dev/zero stops at the file size limit (exit $rc)"
	sed 's/^/# /' "$tmp/out"
fi

# Text: UTF-8 only; NUL, control characters and a CR inside a line are
# errors at their column; "\r\n" line ends are fine.
printf 'title caf\351\nmmap p0 A 1\n' >"$tmp/latin1.mms"
printf 'title \343\201\nmmap p0 A 1\n' >"$tmp/cut.mms"
printf 'title \355\240\200\n' >"$tmp/surrogate.mms"
printf 'mmap p0 A 1\nwrite p0 A[0] 1\0 junk\n' >"$tmp/nul.mms"
printf '\rtitle T\nmmap p0 A 1\n' >"$tmp/cr.mms"
printf 'title T\033[2J\n' >"$tmp/esc.mms"
printf 'title T\r\nmmap p0 A 1\r\nwrite p0 A[0] 7\r\nexpect p0 A[0] == 7\r\n' \
	>"$tmp/crlf.mms"
printf '\357\273\277title caf\303\251 \342\200\224 \360\237\220\247\nmmap p0 A 1\n' \
	>"$tmp/utf8.mms"
t "Latin-1 is refused" 2 "latin1.mms:1:10: invalid UTF-8" run "$tmp/latin1.mms"
t "a cut UTF-8 sequence is refused" 2 "cut.mms:1:7: invalid UTF-8" \
	run "$tmp/cut.mms"
t "a UTF-16 surrogate is refused" 2 "surrogate.mms:1:7: invalid UTF-8" \
	run "$tmp/surrogate.mms"
t "a NUL byte is an error at its column" 2 "nul.mms:2:16: NUL byte" \
	run "$tmp/nul.mms"
t "a CR inside a line is an error" 2 "cr.mms:1:1: carriage return" \
	run "$tmp/cr.mms"
t "a control character is an error" 2 \
	"esc.mms:1:8: control character 0x1b" run "$tmp/esc.mms"
t "CRLF line ends are fine" 0 '"title":"T","failed":0' \
	run --format json "$tmp/crlf.mms"
t "UTF-8 (and a BOM) is fine" 0 "# .*utf8.mms: caf. . .$" run "$tmp/utf8.mms"

# JSON stays valid whatever the bytes of a file name.
json_ok() { # file with one JSON document per line
	perl -MJSON::PP -ne 'JSON::PP->new->utf8->decode($_)' "$1"
}
odd="$tmp/odd$(printf '\001\377"\\').mms"
cp "$tmp/good.mms" "$odd"
"$mmsim" run --format json "$odd" >"$tmp/json" 2>&1 && json_ok "$tmp/json"
ok $? "run --format json: valid JSON for any file name" ||
	sed 's/^/# /' "$tmp/json"
"$mmsim" matrix --format json "$odd" >"$tmp/json" 2>&1 && json_ok "$tmp/json"
ok $? "matrix --format json: valid JSON for any file name" ||
	sed 's/^/# /' "$tmp/json"
done_testing
