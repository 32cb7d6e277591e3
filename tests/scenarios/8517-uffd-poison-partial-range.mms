# SPDX-License-Identifier: GPL-2.0-only
# UFFDIO_POISON's answers over a range (mm/userfaultfd.c mfill_atomic):
# a range across two VMAs is ENOENT (validate_dst_vma); a range whose
# later PTE is not none is poisoned up to it and answered EAGAIN (the
# ioctl did less than asked), the PTEs after it untouched.
title uffd-poison: ENOENT across VMAs, EAGAIN for a part done
requires uffd
mmap p0 A 2
mprotect p0 A[0] ro
uffd-poison p0 A => ENOENT
mmap p0 B 3
write p0 B[1] 0x1
uffd-poison p0 B => EAGAIN
expect p0 B[0] marker
expect p0 B[1] == 0x1
expect p0 B[2] none
