# SPDX-License-Identifier: GPL-2.0-only
# fork of a private writable anonymous page (not pinned) shares the page:
# both PTEs become read-only, PG_anon_exclusive is cleared, mapcount 2
# (fork.present, fork.wrprotect, invariant I6).
title fork write-protects a private page in parent and child
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
expect p0 A[0] exclusive
fork p0 c1
expect p0 A[0] is orig
expect c1 A[0] same p0 A[0]
expect p0 A[0] readonly
expect c1 A[0] readonly
expect p0 A[0] !exclusive
expect c1 A[0] !exclusive
expect p0 A[0] mapcount 2
expect c1 A[0] == 0x1111
check
