# SPDX-License-Identifier: GPL-2.0-only
# A R/W longterm pin (io_uring fixed buffer) of shared anonymous memory:
# fork does not copy a shared mapping (no COW, the child faults the shmem
# page in itself), so parent, child and device all see one page; the page
# is not anon, hence never PG_anon_exclusive.  Runs on both backends.
title io_uring pin of shared anonymous memory across fork
requires iouring
mmap p0 S 1 anon shared
write p0 S[0] 0x5
pin s p0 S[0] rw pin longterm
expect p0 S[0] !exclusive
fork p0 c1
expect c1 S[0] none
dma-write s 0x6
expect c1 S[0] == 0x6
expect c1 S[0] same p0 S[0]
expect p0 S[0] mapcount 2
write c1 S[0] 0x7
expect s == 0x7
exit p0
expect s == 0x7
expect c1 S[0] mapcount 1
unpin s
expect c1 S[0] == 0x7
check
