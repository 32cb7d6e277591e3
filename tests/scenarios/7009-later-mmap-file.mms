# SPDX-License-Identifier: GPL-2.0-only
# A write to a private file mapping COWs into an exclusive anon page (wp.fault).
# Once later work, now modelled (regular files, tests/scenarios/87xx).
title later work: private file mapping write COWs to anon
mmap p0 F 1 file private
write p0 F[0] 0x1111
expect p0 F[0] exclusive
