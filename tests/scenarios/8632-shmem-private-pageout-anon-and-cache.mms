# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT of a private memfd mapping: its anon COW copy goes to swap
# as any anon page (a swap PTE: mm/rmap.c try_to_unmap_one), its page
# cache page mapped R/O is unmapped and, clean, dropped from the cache
# (a none PTE: mm/vmscan.c shrink_folio_list, __remove_mapping); both
# read back what they held.
title private shmem pageout: the anon copy swapped, the cache page dropped
requires swap
mmap p0 F 2 shmem private
write p0 F[0] 0x5
read p0 F[1]
swapout p0 F
expect p0 F[0] swapped
expect p0 F[1] none
expect p0 F[0] == 0x5
expect p0 F[1] == 0
