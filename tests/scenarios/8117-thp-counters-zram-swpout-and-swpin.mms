# SPDX-License-Identifier: GPL-2.0-only
# THP counters around a swap-out to zram and back: each fault of a new
# THP counts thp_fault_alloc (the PMD size's vmstat line, and its
# hugepages-2048kB anon_fault_alloc) or the mTHP size's anon_fault_alloc;
# zram takes both folios whole, which counts thp_swpout and each size's
# swpout (mm/page_io.c, count_swpout_vm_event), the PMD mapping being
# split on the way (try_to_unmap: thp_split_pmd); a large swap-in counts
# the size's swpin (6.13+: vm:6.12 has no such file, a SKIP there).  On
# the host the PMD size's fault counter and thp_split_pmd are SKIPs:
# other processes change them all the time.
title THP counters: faults, swap-out whole to zram, large swap-in
requires swap
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
swapdev sync
thp-sizes 2M 64K
mmap p0 A 512 thp
mmap p0 B 16 thp
write p0 A[0] 0x1111
write p0 B[0] 0x2222
expect thp-counter thp_fault_alloc 1
expect thp-counter 2M anon_fault_alloc 1
expect thp-counter 64K anon_fault_alloc 1
swapout p0 A
swapout p0 B
expect thp-counter thp_swpout 1
expect thp-counter 2M swpout 1
expect thp-counter 64K swpout 1
expect thp-counter thp_swpout_fallback 0
expect thp-counter 64K swpout_fallback 0
expect thp-counter thp_split_pmd 1
read p0 B[3]
read p0 A[40]
expect p0 A[40] order 4
expect thp-counter 64K swpin 2
expect thp-counter 2M swpin 0
check
