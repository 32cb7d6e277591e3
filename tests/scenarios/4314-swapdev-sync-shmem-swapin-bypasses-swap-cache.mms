# SPDX-License-Identifier: GPL-2.0-only
# From 6.14 a shmem swap-in that misses the swap cache on a
# SWP_SYNCHRONOUS_IO device (zram) reads its slot into a new folio that
# never enters the swap cache, and reads nothing ahead (mm/shmem.c:
# shmem_swapin_folio, shmem_swap_alloc_folio: 1dd44c0af4fa, made
# unconditional in 6.17 by 69805ea79db6).  Up to 6.13 it reads through
# the swap cache with cluster readahead on every device, zram included
# (shmem_swapin_cluster, swap_cluster_readahead), with the machine-wide
# history (mm/swap_state.c: swapin_nr_pages), though anonymous faults on
# zram read nothing ahead (a slot with one user skips the swap cache).
# The host's 6.18 shows this file; vm:6.12 agrees with policy v6.12 on
# the lines marked (6.12), which then fail: there S[6] is read ahead and
# comes back through the swap cache, and S[7] reads A[40..42] into it.
# For a none PTE `swapcache` means its file page is swapped out and the
# slot's folio is in the swap cache.
# Slots: zram's first slot is 512 on 6.12 (the first cluster after the
# header's), 1 on 6.18 and in the model.  P[0] takes it and gives it
# back; the kernel goes on from the next slot, the model takes the
# lowest again, so A[0]'s slot is 1 modulo 8 either way, the alignment
# that readahead blocks follow.  Counted from there as 1 (513 on 6.12):
# A[0..7] take slots 1-8, S[0] 9, S[1] 17, S[2] 25, S[3] 33 (8-aligned
# blocks of their own), S[4..6] 41-43, A[36..40] 44-48, S[7] 49,
# A[41..63] 50-72.
title swap sync: a shmem swap-in reads one page past the swap cache (6.14+)
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
requires swap
swapdev sync
# P[0] takes zram's first slot and gives it back.
mmap p0 P 1
write p0 P[0] 0x1
swapout p0 P[0]
munmap p0 P
mmap p0 A 64
mlock p0 A
munlock p0 A
mmap p0 S 8 shmem shared
write p0 S[0] 0x5000
write p0 S[1] 0x5001
write p0 S[2] 0x5002
write p0 S[3] 0x5003
write p0 S[4] 0x5004
write p0 S[5] 0x5005
write p0 S[6] 0x5006
write p0 S[7] 0x5007
swapout p0 A[0..7]
swapout p0 S[0]
swapout p0 A[8..14]
swapout p0 S[1]
swapout p0 A[15..21]
swapout p0 S[2]
swapout p0 A[22..28]
swapout p0 S[3]
swapout p0 A[29..35]
swapout p0 S[4]
swapout p0 S[5]
swapout p0 S[6]
swapout p0 A[36..40]
swapout p0 S[7]
swapout p0 A[41..63]
expect p0 S[6] none
expect p0 S[6] !swapcache
# 6.12: four faults bring the readahead history to a known state from
# any (no hits, last window 1, as in 4015); S[4] (slot 41) reads 1 page.
read p0 S[0]
read p0 S[1]
read p0 S[2]
read p0 S[3]
read p0 S[4]
# Slot 42, next to 41: 6.12 reads slots 42-43, S[6] into the swap cache.
read p0 S[5]
# (6.12) S[6]'s page waits in the swap cache (mincore and cachestat).
expect p0 S[6] none
expect p0 S[6] !swapcache
# 6.12: a swap-cache hit, a readahead hit machine-wide.
read p0 S[6]
expect p0 S[6] == 0x5006
expect p0 S[6] !swapcache
# (6.12) The hit makes the window 4: slots 48-51, A[40..42].
read p0 S[7]
expect p0 A[39] !swapcache
expect p0 A[40] !swapcache
expect p0 A[41] !swapcache
expect p0 A[42] !swapcache
expect p0 A[43] !swapcache
# A fresh folio, bypassing the swap cache; (6.12) mapped from the swap
# cache, and kept there (a read fault).
read p0 A[41]
expect p0 A[41] exclusive
expect p0 A[41] !swapcache
check
