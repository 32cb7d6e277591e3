# SPDX-License-Identifier: GPL-2.0-only
# A write to a private file mapping COWs into an exclusive anon page (wp.fault).
# Not implemented yet in the model: the file declares it todo, so it fails
# loudly, as TODO, until it is modelled.
title later work: private file mapping write COWs to anon
todo file mappings are not in the model yet
mmap p0 F 1 file private
write p0 F[0] 0x1111
expect p0 F[0] exclusive
