# SPDX-License-Identifier: GPL-2.0-only
# Only a private writable mapping is populated with write faults; a
# read-only one gets read faults (FOLL_FORCE), which map the shared zero
# page.  A PROT_NONE range is locked but cannot be populated
# (populate_vma_page_range: -EFAULT), which mlock reports as ENOMEM.
title mlock read-faults a read-only range; PROT_NONE is ENOMEM
mmap p0 R 1 ro
mmap p0 N 1 none
mlock p0 R
expect p0 R[0] zeropage
mlock p0 N => ENOMEM
expect p0 N[0] none
munlock p0 N
