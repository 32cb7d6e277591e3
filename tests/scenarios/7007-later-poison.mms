# SPDX-License-Identifier: GPL-2.0-only
# memory_failure unmaps the anon page; a later access gets SIGBUS (page.flags,
# reclaim.unmap). not implemented yet in the model: this file must fail (exit
# 1) until issue 3/…
title later work: poisoned page raises SIGBUS on access
mmap p0 A 1
write p0 A[0] 0x1111
poison p0 A[0]
read p0 A[0] => SIGBUS
