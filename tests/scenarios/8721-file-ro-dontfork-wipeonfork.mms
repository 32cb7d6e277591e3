# SPDX-License-Identifier: GPL-2.0-only
# A read-only shared file mapping refuses stores (SIGSEGV); MADV_DONTFORK
# leaves the child without the region (SIGSEGV), MADV_WIPEONFORK is for
# private anonymous memory only (EINVAL).
title file read-only mapping, dontfork and wipeonfork
mmap p0 F 2 file shared ro
read p0 F[0]
write p0 F[0] 0x1 => SIGSEGV
mmap p0 G 2 file shared
write p0 G[0] 0x2
madvise p0 G dontfork
madvise p0 G wipeonfork => EINVAL
fork p0 c1
read c1 G[0] => SIGSEGV
expect c1 F[0] == 0
