# SPDX-License-Identifier: GPL-2.0-only
# munmap of a page referenced by a pipe (vmsplice) keeps the page alive for
# the reference (gup.unpin); the address itself is gone and access raises
# SIGSEGV.
title munmap of a referenced page keeps it alive for the reference
requires vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
pin h p0 A[0] ro get
munmap p0 A
expect h == 0x1111
read p0 A[0] => SIGSEGV
unpin h
check
