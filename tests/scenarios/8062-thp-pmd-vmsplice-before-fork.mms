# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() before fork(), unmap in parent after fork()" with THP
# (PMD-mapped): the parent's pipe reference predates the fork, which
# shares the THP (a FOLL_GET reference is no pin: copy_huge_pmd shares).
# After the parent unmaps, the child's write finds a THP with an extra
# reference: split and copy, so the pipe does not see the child's write
# ("No leak from child into parent").
title THP: vmsplice before fork, unmap in parent after fork, PMD-mapped THP
requires thp vmsplice
mmap p0 A 512 thp
write p0 A[0] 0x1111
label orig p0 A[0]
pin h p0 A[0] ro get
fork p0 c1
expect c1 A[0] same p0 A[0]
expect c1 A[0] pmd
munmap p0 A
expect c1 A[0] mapcount 1
write c1 A[0] 0x2222
expect c1 A[0] isnot orig
expect c1 A[0] == 0x2222
exit c1
expect h == 0x1111
unpin h
check
