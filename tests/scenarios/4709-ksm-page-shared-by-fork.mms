# SPDX-License-Identifier: GPL-2.0-only
# fork of a KSM page shares it like any non-exclusive page (ksm.cow: the dup
# never fails, a KSM page is never exclusive): mapcount grows in the
# child, PTEs stay R/O, and a write in either copies.
title ksm: fork shares a KSM page, writes copy
requires ksm
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A mergeable
ksm
label K p0 A[0]
fork p0 c1
expect c1 A[0] is K
expect c1 A[1] is K
expect c1 A[0] ksm
expect c1 A[0] readonly
expect p0 A[0] mapcount 4
write c1 A[0] 0x2222
expect c1 A[0] isnot K
expect c1 A[0] exclusive
expect p0 A[0] mapcount 3
exit c1
expect p0 A[0] mapcount 2
expect p0 A[0] ksm
check
