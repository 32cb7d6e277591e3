// SPDX-License-Identifier: GPL-2.0-only
/* The live-kernel backend: not available yet (issue 4). */
#include <stddef.h>

#include "sim/backend.h"

struct sim_backend *sim_backend_kernel_create(const char **why)
{
	*why = "not available yet (issue 4)";
	return NULL;
}
