# SPDX-License-Identifier: GPL-2.0-only
# A shared shmem mapping is seen by the fork child without COW.
# not implemented yet in the model: this file must fail (exit 1) until issue 3/…
title later work: shmem mapping shared across fork
mmap p0 S 1 shmem shared
write p0 S[0] 0x1111
fork p0 c1
expect c1 S[0] == 0x1111
