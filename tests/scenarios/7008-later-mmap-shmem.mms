# SPDX-License-Identifier: GPL-2.0-only
# A shared shmem mapping is seen by the fork child without COW.
# Not implemented yet in the model: the file declares it todo, so it fails
# loudly, as TODO, until it is modelled.
title later work: shmem mapping shared across fork
todo shmem mappings are not in the model yet
mmap p0 S 1 shmem shared
write p0 S[0] 0x1111
fork p0 c1
expect c1 S[0] == 0x1111
