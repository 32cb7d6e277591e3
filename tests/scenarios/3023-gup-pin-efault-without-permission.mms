# SPDX-License-Identifier: GPL-2.0-only
# GUP honours VMA permissions (gup.vma-check check_vma_flags): a write pin of a
# PROT_READ VMA needs FOLL_FORCE and fails with EFAULT (slow or fast, pin
# or get); a read pin of a PROT_NONE VMA fails too. A R/O pin of the
# PROT_READ VMA works (zero page, gup.pin-fault).
title pins fail with EFAULT without the needed VMA permission
requires gup_test iouring
mmap p0 A 1 anon private ro
mmap p0 N 1 anon private none
pin h1 p0 A[0] rw pin longterm => EFAULT
pin h2 p0 A[0] rw get => EFAULT
pin h3 p0 A[0] rw pin fast => EFAULT
pin h4 p0 N[0] ro pin => EFAULT
expect p0 A[0] none
pin h5 p0 A[0] ro pin
expect p0 A[0] zeropage
expect h5 == 0
unpin h5
check
