# SPDX-License-Identifier: GPL-2.0-only
# migrate of an address with no page: nothing mapped or a swap PTE gives
# ENOENT, the shared zero page EFAULT (move_pages(2) status values).
# Before v6.12 nothing mapped is EFAULT (follow_page with FOLL_DUMP;
# 6.12 walks with folio_walk_start: mm/migrate.c), as vm:6.1 shows.
title migrate: none, swapped and zero page are not migrated
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
mmap p0 A 3
read p0 A[1]
write p0 A[2] 0x1111
swapout p0 A[2]
migrate p0 A[0] => ENOENT
migrate p0 A[1] => EFAULT
migrate p0 A[2] => ENOENT
expect p0 A[0] none
expect p0 A[1] zeropage
expect p0 A[2] swapped
check
