# SPDX-License-Identifier: GPL-2.0-only
# KSM merges the anon COW copies of a private file mapping (a private
# file VMA is KSM-compatible: vma_ksm_compatible refuses only shared and
# special ones); MADV_MERGEABLE on a shared file mapping succeeds and
# does nothing, its page cache pages are never KSM pages.
title file ksm: private COW copies merge, shared file pages do not
requires ksm
mmap p0 F 2 file private
mmap p0 S 2 file shared
write p0 F[0] 0x7777
write p0 F[1] 0x7777
write p0 S[0] 0x7777
madvise p0 F mergeable
madvise p0 S mergeable
ksm
expect p0 F[0] ksm
expect p0 F[0] same p0 F[1]
expect p0 S[0] !ksm
expect p0 S[0] == 0x7777
