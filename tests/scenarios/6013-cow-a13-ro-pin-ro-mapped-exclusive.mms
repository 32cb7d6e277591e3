# SPDX-License-Identifier: GPL-2.0-only
# cow.c A13 "R/O GUP pin on R/O-mapped exclusive page": mprotect RO -> RW
# (clear_softdirty is a no-op without soft-dirty), pin, write, read via pin.
# mprotect RW maps the exclusive page writable again (mprotect.upgrade), so
# the pin takes it directly and sees the write.
title cow.c A13: R/O GUP pin on R/O-mapped exclusive page
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
mprotect p0 A ro
mprotect p0 A rw
expect p0 A[0] exclusive
expect p0 A[0] writable
pin h p0 A[0] ro pin longterm
expect p0 A[0] is L
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
unpin h
check
