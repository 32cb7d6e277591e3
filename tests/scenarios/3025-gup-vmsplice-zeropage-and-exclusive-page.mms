# SPDX-License-Identifier: GPL-2.0-only
# vmsplice() (R/O FOLL_GET, not longterm) never unshares: of an untouched
# or read-only region it references the shared zero page, which a later
# write replaces without the pipe seeing it; of an exclusive writable page
# it references the page itself, and writes land in place (no fault, no
# copy), so the pipe sees them.  A pipe buffer cannot be written through.
# vmsplice of PROT_NONE memory fails.  Runs on both backends.
title vmsplice of the zero page and of an exclusive page
requires vmsplice
mmap p0 A 2
mmap p0 R 1 anon private ro
mmap p0 N 1 anon private none
pin z p0 R[0] ro get
expect p0 R[0] zeropage
expect z == 0
pin n p0 N[0] ro get => EFAULT
expect p0 N[0] none
# the zero page through the pipe; the write replaces it in the mapping only
read p0 A[1]
pin gz p0 A[1] ro get
write p0 A[1] 0x7
expect p0 A[1] !zeropage
expect p0 A[1] exclusive
expect gz == 0
# an exclusive page: the reference does not make the next write copy
write p0 A[0] 0x1
label L p0 A[0]
pin g p0 A[0] ro get
write p0 A[0] 0x2
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] mapcount 1
expect g == 0x2
dma-write g 0x3 => EFAULT
unpin g
unpin gz
unpin z
check
