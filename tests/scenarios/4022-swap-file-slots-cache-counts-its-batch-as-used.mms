# SPDX-License-Identifier: GPL-2.0-only
# 6.12 allocates swap slots through a per-CPU slots cache
# (mm/swap_slots.c, removed in 6.15), on while more than 5 batches of 64
# free slots per online CPU are left: it takes slots a batch at a time
# (refill_swap_slots_cache, get_swap_pages), and the slots it holds count
# as used.  On a swap file of 1024 pages (1023 slots) the first batch is
# 3 slots (the linear scan's latency budget runs out after its search for
# a free run: scan_swap_map_slots, LATENCY_LIMIT), then batches of 64, so
# the 452nd page swapped out takes a batch that brings the count to 515,
# past half: the swap-in of A[0] then frees its swap cache
# (should_try_to_free_swap, vm_swap_full).  vm:6.12 shows it (not at the
# 451st page), so the file is broken under v6.12 back to v5.18.  6.18 has no
# slots cache: 452 slots of 1023 are not half, and A[0] stays in the swap
# cache.  A[0] holds data; the other pages are zero-filled.
title swap file: 6.12's slots cache counts its batch as used (not on 6.18)
requires swap
broken-under v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
swapdev file pages 1024
mmap p0 A 452
mlock p0 A
munlock p0 A
write p0 A[0] 0x1000
swapout p0 A
expect p0 A[0] swap-offset 1
expect p0 A[451] swap-offset 452
read p0 A[0]
expect p0 A[0] swapcache
expect p0 A[0] == 0x1000
check
