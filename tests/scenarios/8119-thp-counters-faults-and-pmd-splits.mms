# SPDX-License-Identifier: GPL-2.0-only
# THP fault and split counters: a write fault maps a THP of the largest
# size that fits (thp_fault_alloc and hugepages-2048kB's anon_fault_alloc
# for the PMD size, the mTHP size's anon_fault_alloc for the others; a
# read of a THP region maps the huge zero page and counts nothing); each
# huge PMD split counts thp_split_pmd (__split_huge_pmd_locked), here by
# an mprotect and a munmap of part of a THP.  On the host the PMD size's counters
# are SKIPs (other processes change them); vm:6.12 compares them all.
title THP counters: fault allocations by size, PMD splits
requires thp
thp-sizes 2M 16K
mmap p0 A 512 thp
mmap p0 B 512 thp
mmap p0 C 8 thp
write p0 A[0] 1
write p0 B[0] 2
write p0 C[0] 3
write p0 C[5] 4
read p0 B[0]
expect thp-counter thp_fault_alloc 2
expect thp-counter 2M anon_fault_alloc 2
expect thp-counter 16K anon_fault_alloc 2
expect thp-counter thp_split_pmd 0
mprotect p0 A[3] ro
expect p0 A[0] !pmd
munmap p0 B[500]
expect p0 B[0] !pmd
expect thp-counter thp_split_pmd 2
expect thp-counter thp_fault_alloc 2
check
