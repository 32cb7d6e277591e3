# SPDX-License-Identifier: GPL-2.0-only
# A KSM page that was swapped out and is still in the swap cache keeps
# its stable node while an rmap_item lists it: a page merges into it,
# which maps it again (ksm_get_folio takes a swap-cache folio; the
# swapped-out address's rmap_item counts until the scan passes it).
# MADV_UNMERGEABLE of A[1] copies it (same contents, so the checksum
# stays), A[2], the KSM page's last mapping, is swapped out, and A[1]
# made mergeable again merges back into the KSM page in the next scan.
# Swapped out from A[1] too, the page is freed; swapoff reads the slot
# into a new page, mapped at A[1], whose index is A[1]'s: A[2] gets a
# copy (unuse_pte: ksm_might_need_to_copy).
title ksm: a page merges into a swapped-out KSM page; swapoff copies
requires swap ksm
mmap p0 A 3
write p0 A[0] 0x2222
write p0 A[1] 0x1111
write p0 A[2] 0x1111
madvise p0 A mergeable
ksm
expect p0 A[1] ksm
expect p0 A[2] same p0 A[1]
madvise p0 A[1] unmergeable
expect p0 A[1] !ksm
expect p0 A[2] mapcount 1
swapout p0 A[2]
expect p0 A[2] swapped
madvise p0 A[1] mergeable
ksm-scan
expect p0 A[1] ksm
expect p0 A[1] mapcount 1
swapout p0 A[1]
expect p0 A[1] swapped
swapoff
expect p0 A[1] == 0x1111
expect p0 A[2] == 0x1111
expect p0 A[2] !same p0 A[1]
expect p0 A[2] exclusive
check
