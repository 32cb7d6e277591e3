/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for unit tests that look inside the model (PTEs, struct page),
 * beyond the public API of tests/unit/helpers.h.
 */
#ifndef MMSIM_TEST_MODEL_HELPERS_H
#define MMSIM_TEST_MODEL_HELPERS_H

#include "tests/unit/helpers.h"

#include "linux/mm.h"
#include "linux/sim_machine.h"

/* The PTE of @addr in process @mm, which must have a PTE table. */
static inline pte_t *pte_of(struct sim *sim, int mm, unsigned long addr)
{
	pte_t *ptep = pte_offset_map(sim->mms[mm], addr);

	assert_non_null(ptep);
	return ptep;
}

/* The page mapped at @addr in process @mm, which must be present. */
static inline struct page *page_at(struct sim *sim, int mm, unsigned long addr)
{
	pte_t *ptep = pte_of(sim, mm, addr);

	assert_true(pte_present(*ptep));
	return pfn_to_page(sim, pte_pfn(*ptep));
}

#endif
