/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared helpers of the cmocka unit tests. */
#ifndef MMSIM_TEST_HELPERS_H
#define MMSIM_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#endif
