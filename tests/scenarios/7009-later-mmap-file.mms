# SPDX-License-Identifier: GPL-2.0-only
# A write to a private file mapping COWs into an exclusive anon page (wp.fault).
# not implemented yet in the model: this file must fail (exit 1) until issue 3/…
title later work: private file mapping write COWs to anon
mmap p0 F 1 file private
write p0 F[0] 0x1111
expect p0 F[0] exclusive
