// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated machine: creation and destruction of a struct sim, the
 * process-level operations the scenario runner and the public API use
 * (fork, exit, mmap, user loads and stores, GUP handles, DMA), queries that
 * observe a PTE without faulting, and the trace hook.
 *
 * Everything here is simulator machinery: it calls the modelled kernel
 * functions the way system calls and the MMU would.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "linux/ksm.h"
#include "linux/migrate.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "sim/sim.h"

/* The default swap device: a swap file, like this machine's. */
#define SIM_SWAP_SLOTS 4096

struct sim *sim_create(void)
{
	struct sim *sim = calloc(1, sizeof(*sim));
	struct folio *zero;

	if (!sim)
		abort();
	/* PFN 0 is the shared zero page: reserved, never freed. */
	zero = folio_alloc(sim);
	SetPageReserved(&zero->page);
	__folio_mark_uptodate(zero);
	sim_process_create(sim);
	sim_swapon(sim, SIM_SWAP_SLOTS, 0, false);
	return sim;
}

void sim_destroy(struct sim *sim)
{
	struct anon_vma *av, *avn;
	struct address_space *as, *asn;
	unsigned long c, i;
	unsigned int m;

	if (!sim)
		return;
	for (m = 0; m < sim->nr_mms; m++) {
		if (!sim->mms[m]->dead)
			mmput(sim->mms[m]);
		free(sim->mms[m]);
	}
	for (av = sim->anon_vmas; av; av = avn) {
		avn = av->sim_next;
		free(av);
	}
	for (as = sim->mappings; as; as = asn) {
		asn = as->sim_next;
		free(as->pages);
		free(as);
	}
	for (i = 0; i < MAX_SWAPFILES; i++) {
		struct swap_info_struct *si = sim->swap_info[i];

		if (!si)
			continue;
		free(si->swap_map);
		free(si->sim_data);
		free(si->sim_cache);
		free(si);
	}
	for (c = 0; c < sim->nr_chunks; c++) {
		for (i = 0; i < SIM_CHUNK_PAGES; i++)
			free(sim->chunks[c][i].pt_table);
		free(sim->chunks[c]);
	}
	free(sim->chunks);
	free(sim->free_pfns);
	free(sim->mms);
	free(sim->pins);
	free(sim);
}

void sim_set_trace(struct sim *sim, sim_trace_fn fn, void *ctx)
{
	sim->trace = fn;
	sim->trace_ctx = ctx;
}

void sim_trace(struct sim *sim, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	if (!sim->trace)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sim->trace(sim->trace_ctx, buf);
}

void sim_warn(struct sim *sim, const char *where, const char *what)
{
	struct sim_violation *v;

	if (sim->nr_warnings >= ARRAY_SIZE(sim->warnings))
		return;
	v = &sim->warnings[sim->nr_warnings++];
	v->invariant = "VM_WARN";
	v->pfn = ~0UL;
	snprintf(v->msg, sizeof(v->msg), "%s: %s", where, what);
}

unsigned long sim_event_count(const struct sim *sim, enum sim_event ev)
{
	return sim->events[ev];
}

static struct mm_struct *sim_mm(const struct sim *sim, int mm_id)
{
	if (mm_id < 0 || (unsigned int)mm_id >= sim->nr_mms)
		return NULL;
	if (sim->mms[mm_id]->dead)
		return NULL;
	return sim->mms[mm_id];
}

/**
 * sim_teardown - exit every process and release every handle, as at the
 * end of a scenario.
 *
 * Return: the number of pages still allocated besides the zero page; any
 * is a leak.
 */
unsigned long sim_teardown(struct sim *sim)
{
	unsigned int i;

	for (i = 0; i < sim->nr_mms; i++)
		if (!sim->mms[i]->dead)
			mmput(sim->mms[i]);
	for (i = 0; i < sim->nr_pins; i++)
		if (sim->pins[i].page)
			sim_unpin(sim, (int)i);
	/* Pages only the swap cache still holds are reclaimable, not leaked. */
	sim_writeback_done(sim);
	for (i = 0; i < sim->nr_swapfiles; i++) {
		struct swap_info_struct *si = sim->swap_info[i];
		unsigned long off;

		for (off = 1; si && off < si->max; off++) {
			struct page *page = si->sim_cache[off];

			if (page && !folio_mapped(page_folio(page)))
				folio_free_swap(page_folio(page));
		}
	}
	return sim->nr_allocated - 1;
}

int sim_process_create(struct sim *sim)
{
	return mm_alloc(sim)->mm_id;
}

bool sim_process_alive(const struct sim *sim, int mm_id)
{
	return sim_mm(sim, mm_id) != NULL;
}

int sim_fork(struct sim *sim, int mm_id)
{
	struct mm_struct *mm = sim_mm(sim, mm_id), *child;

	if (!mm)
		return -ESRCH;
	child = dup_mm(mm);
	if (!child)
		return -ENOMEM;
	return child->mm_id;
}

int sim_exit(struct sim *sim, int mm_id)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	mmput(mm);
	return 0;
}

int sim_mmap(struct sim *sim, int mm_id, unsigned long npages, int prot,
	     bool shared, unsigned long *addr)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	unsigned long ret;

	if (!mm)
		return -ESRCH;
	ret = do_mmap(mm, npages << PAGE_SHIFT, prot,
		      shared ? MAP_SHARED : MAP_PRIVATE);
	if (IS_ERR_VALUE(ret))
		return (int)ret;
	*addr = ret;
	return 0;
}

int sim_munmap(struct sim *sim, int mm_id, unsigned long addr,
	       unsigned long npages)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	return do_munmap(mm, addr, npages << PAGE_SHIFT);
}

int sim_mprotect(struct sim *sim, int mm_id, unsigned long addr,
		 unsigned long npages, int prot)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	return do_mprotect_pkey(mm, addr, npages << PAGE_SHIFT, prot);
}

int sim_madvise(struct sim *sim, int mm_id, unsigned long addr,
		unsigned long npages, int advice)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	return do_madvise(mm, addr, npages << PAGE_SHIFT, advice);
}

/*
 * The MMU: a user access succeeds if the PTE allows it; otherwise the CPU
 * raises a page fault and the access is retried after it is handled.
 */
static int sim_access(struct sim *sim, int mm_id, unsigned long addr,
		      bool write, u64 *val)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	int tries, sig;

	if (!mm)
		return -ESRCH;
	for (tries = 0; tries < 4; tries++) {
		pte_t *ptep = pte_offset_map(mm, addr);

		if (ptep && pte_access_permitted(*ptep, write)) {
			struct page *page = pfn_to_page(sim, pte_pfn(*ptep));

			*ptep = pte_mkyoung(*ptep);
			if (write) {
				*ptep = pte_mkdirty(*ptep);
				page->sim_content = *val;
			} else {
				*val = is_zero_page(page) ? 0 :
							    page->sim_content;
			}
			return 0;
		}
		sig = do_user_addr_fault(mm, addr, write);
		if (sig)
			return sig;
	}
	sim_warn(sim, __func__, "the fault handler made no progress");
	return SIGBUS;
}

int sim_load(struct sim *sim, int mm_id, unsigned long addr, uint64_t *val)
{
	return sim_access(sim, mm_id, addr, false, val);
}

int sim_store(struct sim *sim, int mm_id, unsigned long addr, uint64_t val)
{
	return sim_access(sim, mm_id, addr, true, &val);
}

int sim_gup(struct sim *sim, int mm_id, unsigned long addr, unsigned int how)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	unsigned int flags = 0;
	struct page *page;
	struct sim_pin *pin;
	long ret;
	unsigned int h;

	if (!mm)
		return -ESRCH;
	if (how & SIM_GUP_WRITE)
		flags |= FOLL_WRITE;
	if (how & SIM_GUP_LONGTERM)
		flags |= FOLL_LONGTERM;
	if (how & SIM_GUP_FAST) {
		if (how & SIM_GUP_PIN)
			ret = pin_user_pages_fast(mm, addr, 1, flags, &page);
		else
			ret = get_user_pages_fast(mm, addr, 1, flags, &page);
	} else {
		if (how & SIM_GUP_PIN)
			ret = pin_user_pages_remote(mm, addr, 1, flags, &page);
		else
			ret = get_user_pages_remote(mm, addr, 1, flags, &page);
	}
	if (ret < 0)
		return (int)ret;
	if (ret == 0)
		return -EFAULT;

	for (h = 0; h < sim->nr_pins; h++)
		if (!sim->pins[h].page)
			break;
	if (h == sim->nr_pins) {
		if (sim->nr_pins == sim->pins_cap) {
			sim->pins_cap = sim->pins_cap ? 2 * sim->pins_cap : 8;
			sim->pins = realloc(sim->pins,
					    sim->pins_cap * sizeof(*sim->pins));
			if (!sim->pins)
				abort();
		}
		sim->nr_pins++;
	}
	pin = &sim->pins[h];
	pin->page = page;
	pin->gup_flags = flags | ((how & SIM_GUP_PIN) ? FOLL_PIN : FOLL_GET);
	pin->mm_id = mm_id;
	pin->address = addr;
	return (int)h;
}

static struct sim_pin *sim_pin_get(struct sim *sim, int handle)
{
	if (handle < 0 || (unsigned int)handle >= sim->nr_pins ||
	    !sim->pins[handle].page)
		return NULL;
	return &sim->pins[handle];
}

int sim_unpin(struct sim *sim, int handle)
{
	struct sim_pin *pin = sim_pin_get(sim, handle);

	if (!pin)
		return -EBADF;
	if (pin->gup_flags & FOLL_PIN)
		unpin_user_page(pin->page);
	else
		put_page(pin->page);
	pin->page = NULL;
	return 0;
}

int sim_dma_read(struct sim *sim, int handle, uint64_t *val)
{
	struct sim_pin *pin = sim_pin_get(sim, handle);

	if (!pin)
		return -EBADF;
	*val = is_zero_page(pin->page) ? 0 : pin->page->sim_content;
	return 0;
}

/* A device writes the page: only through a handle taken with FOLL_WRITE. */
int sim_dma_write(struct sim *sim, int handle, uint64_t val)
{
	struct sim_pin *pin = sim_pin_get(sim, handle);

	if (!pin)
		return -EBADF;
	if (!(pin->gup_flags & FOLL_WRITE) || is_zero_page(pin->page))
		return -EFAULT;
	pin->page->sim_content = val;
	SetPageDirty(pin->page);
	return 0;
}

int sim_swapdev(struct sim *sim, unsigned int nslots, bool sync,
		bool stable_writes, bool slow_writeback)
{
	unsigned long flags = (sync ? SWP_SYNCHRONOUS_IO : 0) |
			      (stable_writes ? SWP_STABLE_WRITES : 0);
	int ret = sim_swapoff(sim);

	if (ret)
		return ret;
	ret = sim_swapon(sim, nslots ? nslots : SIM_SWAP_SLOTS, flags,
			 slow_writeback);
	return ret < 0 ? ret : 0;
}

int sim_swapout(struct sim *sim, int mm_id, unsigned long addr,
		unsigned long npages)
{
	return sim_madvise(sim, mm_id, addr, npages, MADV_PAGEOUT);
}

int sim_migrate(struct sim *sim, int mm_id, unsigned long addr)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	struct vm_area_struct *vma;
	struct page *page;
	pte_t *ptep;
	int ret;

	if (!mm)
		return -ESRCH;
	vma = vma_lookup(mm, addr);
	ptep = pte_offset_map(mm, addr);
	if (!vma || !ptep || !pte_present(*ptep))
		return -ENOENT;
	page = vm_normal_page(vma, addr, *ptep);
	if (!page)
		return -EFAULT;
	/* folio_isolate_lru */
	folio_get(page_folio(page));
	folio_clear_lru(page_folio(page));
	ret = migrate_folio(page_folio(page));
	folio_set_lru(page_folio(page));
	folio_put(page_folio(page));
	return ret;
}

long sim_ksm(struct sim *sim)
{
	return (long)ksm_do_scan(sim);
}

static void sim_page_info(struct page *page, struct sim_pte_info *info)
{
	info->pfn = page_to_pfn(page);
	info->gen = page->sim_gen;
	info->refcount = page_ref_count(page);
	info->mapcount = page_mapcount(page);
	info->anon = PageAnon(page);
	info->ksm = PageKsm(page);
	info->exclusive = info->anon && !info->ksm && PageAnonExclusive(page);
}

int sim_query(struct sim *sim, int mm_id, unsigned long addr,
	      struct sim_pte_info *info)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	pte_t *ptep;
	pte_t pte;

	memset(info, 0, sizeof(*info));
	if (!mm)
		return -ESRCH;
	ptep = pte_offset_map(mm, addr);
	if (!ptep || pte_none(*ptep)) {
		info->kind = SIM_PTE_NONE;
		return 0;
	}
	pte = *ptep;
	info->pte = pte_val(pte);
	if (!pte_present(pte)) {
		swp_entry_t entry = pte_to_swp_entry(pte);

		info->swp_type = swp_type(entry);
		info->swp_offset = swp_offset(entry);
		info->swp_exclusive = pte_swp_exclusive(pte);
		if (!non_swap_entry(entry))
			info->kind = SIM_PTE_SWAP;
		else if (is_migration_entry(entry))
			info->kind = SIM_PTE_MIGRATION;
		else if (is_pte_marker_entry(entry))
			info->kind = SIM_PTE_MARKER;
		else
			info->kind = SIM_PTE_OTHER;
		return 0;
	}
	info->writable = pte_write(pte);
	if (is_zero_pfn(pte_pfn(pte)) && pte_special(pte)) {
		info->kind = SIM_PTE_ZEROPAGE;
		info->pfn = SIM_ZERO_PFN;
		return 0;
	}
	info->kind = SIM_PTE_PRESENT;
	sim_page_info(pfn_to_page(sim, pte_pfn(pte)), info);
	return 0;
}

int sim_pin_query(struct sim *sim, int handle, struct sim_pte_info *info)
{
	struct sim_pin *pin = sim_pin_get(sim, handle);

	memset(info, 0, sizeof(*info));
	if (!pin)
		return -EBADF;
	info->kind = is_zero_page(pin->page) ? SIM_PTE_ZEROPAGE :
					       SIM_PTE_PRESENT;
	sim_page_info(pin->page, info);
	return 0;
}
