# SPDX-License-Identifier: GPL-2.0-only
# A write to a KSM page always copies (ksm.cow: do_wp_page never reuses a KSM
# page): the writer gets a new exclusive, writable page, the other mapping
# keeps the KSM page. Even the last mapping of the KSM page copies.
title ksm: a write to a KSM page copies, even for the last mapping
requires ksm
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A mergeable
ksm
label K p0 A[0]
expect p0 A[1] is K
write p0 A[0] 0x2222
expect p0 A[0] isnot K
expect p0 A[0] !ksm
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[1] is K
expect p0 A[1] ksm
expect p0 A[1] mapcount 1
write p0 A[1] 0x3333
expect p0 A[1] isnot K
expect p0 A[1] !ksm
expect p0 A[1] exclusive
expect p0 A[0] == 0x2222
expect p0 A[1] == 0x3333
check
