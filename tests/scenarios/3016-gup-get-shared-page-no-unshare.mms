# SPDX-License-Identifier: GPL-2.0-only
# FOLL_GET never unshares (gup.must-unshare, gup.get), on the slow path (A) or
# GUP-fast (B): the shared page stays R/O and non-exclusive. The extra
# reference then forces the parent's write to copy (wp.reuse-check), so the
# reference keeps the pre-write data, exactly as vmsplice() behaves.
title FOLL_GET on a COW-shared page takes a plain reference
requires vmsplice gup_test
mmap p0 A 1
mmap p0 B 1
write p0 A[0] 0x1111
write p0 B[0] 0x1111
label origA p0 A[0]
label origB p0 B[0]
fork p0 c1
pin ha p0 A[0] ro get
pin hb p0 B[0] ro get fast
expect p0 A[0] is origA
expect p0 B[0] is origB
expect p0 A[0] !exclusive
expect p0 B[0] !exclusive
expect p0 A[0] readonly
expect p0 B[0] mapcount 2
write p0 A[0] 0x2222
write p0 B[0] 0x2222
expect p0 A[0] isnot origA
expect p0 B[0] isnot origB
expect ha == 0x1111
expect hb == 0x1111
expect c1 A[0] == 0x1111
unpin ha
unpin hb
check
