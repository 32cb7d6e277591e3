# SPDX-License-Identifier: GPL-2.0-only
# memory_failure unmaps the anon page; a later access gets SIGBUS (page.flags,
# reclaim.unmap).
# Not implemented yet in the model: the file declares it todo, so it fails
# loudly, as TODO, until it is modelled.
title later work: poisoned page raises SIGBUS on access
todo memory failure is not in the model yet
mmap p0 A 1
write p0 A[0] 0x1111
poison p0 A[0]
read p0 A[0] => SIGBUS
