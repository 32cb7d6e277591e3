# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' pagemap checks across swap: reclaim of a protected
# exclusive page leaves a swap PTE with both the uffd-wp and the exclusive
# bits (try_to_unmap_one: pte_swp_mkuffd_wp), and swap-in keeps the bit,
# so the page comes back exclusive but R/O (do_swap_page maps writable
# only when !userfaultfd_pte_wp); the store then goes to the handler.
title uffd-wp: swap-out and swap-in keep the bit
requires uffd swap
mmap p0 A 1
write p0 A[0] 0x1111
uffd-wp p0 A on
swapout p0 A
expect p0 A[0] swapped
expect p0 A[0] uffd-wp
expect p0 A[0] !marker
read p0 A[0]
expect p0 A[0] present
expect p0 A[0] uffd-wp
expect p0 A[0] exclusive
expect p0 A[0] readonly
expect p0 uffd-faults 0
write p0 A[0] 0x2222
expect p0 uffd-faults 1
expect p0 A[0] !uffd-wp
expect p0 A[0] == 0x2222
