/* SPDX-License-Identifier: GPL-2.0-only */
/* Models include/linux/migrate.h at v6.12: migration of one folio. */
#ifndef MMSIM_LINUX_MIGRATE_H
#define MMSIM_LINUX_MIGRATE_H

#include "linux/mm.h"

int unmap_and_move(struct folio *src);

#endif /* MMSIM_LINUX_MIGRATE_H */
