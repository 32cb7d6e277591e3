#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# No input can eat the machine (issue 8): what is not a regular scenario
# file within the limits of include/sim/limits.h is a FILE:LINE:COL error
# with exit status 2, never a silent drop, a hang or unbounded memory.
set -u
mmsim=${MMSIM:-./mmsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
# Bound what a regression could take: 2 GB of address space where the
# binary runs under it (not under ASan, whose shadow needs more), and
# 30 s for every command.
ulim=:
if (ulimit -v 2000000 && "$mmsim" help) >/dev/null 2>&1; then
	ulim="ulimit -v 2000000"
fi
t() { # description, expected status, expected output regex, args...
	desc=$1 want=$2 re=$3
	shift 3
	n=$((n + 1))
	(eval "$ulim" && exec timeout 30 "$mmsim" "$@") \
		>"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ $rc -eq "$want" ] && grep -Eq -- "$re" "$tmp/err" "$tmp/out"; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc (exit $rc)"
		head -c 2000 "$tmp/err" "$tmp/out" | sed 's/^/# /'
	fi
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
echo "1..$n"
