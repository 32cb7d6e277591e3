#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `mmap … file` on the kernel backend (docs/kernel-backend.md): a regular
# file made with O_TMPFILE in the swap directory, which must be on a disk
# file system.  On this machine the model and the kernel agree on a file
# mapping; with the directory on tmpfs (MMSIM_SWAP_DIR) the mmap is an
# unsupported SKIP that says why, and the file stops there; the file
# never gets a name in the directory; no agent is left.
. "$(dirname "$0")/lib.sh"
needs_kernel_backend
agent_tag mmsim-file-$$

run() {
	"$mmsim" "$@" >"$tmp/out" 2>&1
	rc=$?
}

cat >"$tmp/file.mms" <<'EOS'
title a regular file, shared and private
mmap p0 F 4 file shared
mmap p0 P 4 file private
write p0 F[0] 0x1111
read p0 F[1]
expect p0 F[1] present
expect p0 F[1] !exclusive
write p0 P[0] 0x2222
expect p0 P[0] exclusive
fork p0 c1
expect c1 F[0] none
expect c1 F[0] == 0x1111
EOS

dir=${MMSIM_SWAP_DIR:-/var/lib/mmsim}
before=$(ls -A "$dir" 2>/dev/null | grep -v '^swap\.' | sort)
run run --backend both "$tmp/file.mms"
[ $rc -eq 0 ] && ! grep -q 'SKIP\|not ok' "$tmp/out" &&
	[ "$(grep -c '^ok' "$tmp/out")" -eq 5 ]
ok $? "a file mapping: the model and the kernel agree on every point"
after=$(ls -A "$dir" 2>/dev/null | grep -v '^swap\.' | sort)
[ "$before" = "$after" ]
ok $? "the file never had a name in $dir"

if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
	shm=$(mktemp -d /dev/shm/mmsim-file-test.XXXXXX)
	chmod 0700 "$shm"
	when_finished "rm -rf '$shm'"
	MMSIM_SWAP_DIR=$shm run run --backend kernel "$tmp/file.mms"
	[ $rc -eq 0 ] &&
		grep -q "^ok 1 - 2: mmap p0 F 4 file shared # SKIP unsupported on kernel: $shm is on tmpfs, not a disk file system" "$tmp/out" &&
		grep -q '^1\.\.1$' "$tmp/out"
	ok $? "the directory on tmpfs: the mmap is a SKIP that says why"
	[ -z "$(ls -A "$shm")" ]
	ok $? "nothing was made in the tmpfs directory"
fi
none_left
ok $? "no agent is left"
done_testing
