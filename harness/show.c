// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_show: a stable, line-oriented dump of the state (the `show`
 * statement): processes with their flags and counters, VMAs, every
 * non-none PTE and huge PMD, and every allocated data page; a large folio
 * as one line for the folio and a summary of its pages (the pages with
 * contents listed).
 */
#include <stdio.h>

#include "linux/huge_mm.h"
#include "linux/pagewalk.h"
#include "linux/rmap.h"
#include "harness/harness.h"

static void out_line(void (*out)(void *, const char *), void *ctx,
		     const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#include <stdarg.h>

static void out_line(void (*out)(void *, const char *), void *ctx,
		     const char *fmt, ...)
{
	char line[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	out(ctx, line);
}

struct show_walk {
	void (*out)(void *, const char *);
	void *ctx;
};

static int show_pte_entry(pte_t *ptep, unsigned long addr, unsigned long next,
			  struct mm_walk *walk)
{
	struct show_walk *sw = walk->private;
	void (*out)(void *, const char *) = sw->out;
	void *ctx = sw->ctx;
	struct page *page;

	if (pte_none(*ptep))
		return 0;
	if (!pte_present(*ptep)) {
		swp_entry_t entry = pte_to_swp_entry(*ptep);

		if (is_hwpoison_entry(entry))
			out_line(out, ctx,
				 "    pte %#lx %#018llx hwpoison pfn %#lx",
				 addr, (unsigned long long)pte_val(*ptep),
				 (unsigned long)swp_offset(entry));
		else
			out_line(out, ctx, "    pte %#lx %#018llx swap-format",
				 addr, (unsigned long long)pte_val(*ptep));
		return 0;
	}
	if (pte_special(*ptep)) {
		out_line(out, ctx, "    pte %#lx %#018llx zeropage %s", addr,
			 (unsigned long long)pte_val(*ptep),
			 pte_write(*ptep) ? "rw" : "ro");
		return 0;
	}
	page = pfn_to_page(walk->mm->sim, pte_pfn(*ptep));
	out_line(out, ctx, "    pte %#lx %#018llx pfn %#lx %s%s%s%s", addr,
		 (unsigned long long)pte_val(*ptep), page_to_pfn(page),
		 pte_write(*ptep) ? "rw" : "ro",
		 pte_dirty(*ptep) ? " dirty" : "",
		 pte_young(*ptep) ? " young" : "",
		 pte_protnone(*ptep) ? " protnone" : "");
	return 0;
}

static const struct mm_walk_ops show_walk_ops = {
	.pte_entry = show_pte_entry,
};

/* The huge PMDs of @vma (the PTE walk skips them). */
static void show_pmds(struct sim *sim, struct vm_area_struct *vma,
		      void (*out)(void *, const char *), void *ctx)
{
	unsigned long addr;

	for (addr = ALIGN(vma->vm_start, PMD_SIZE);
	     addr + PMD_SIZE <= vma->vm_end; addr += PMD_SIZE) {
		const pmd_t *pmd = pmd_offset_map_ro(vma->vm_mm, addr);

		if (!pmd || !pmd_trans_huge(*pmd))
			continue;
		out_line(out, ctx, "    pmd %#lx %#018llx %s %#lx %s%s%s", addr,
			 (unsigned long long)pmd_val(*pmd),
			 is_huge_zero_pmd(sim, *pmd) ? "huge-zeropage" :
						       "thp pfn",
			 pmd_pfn(*pmd), pmd_write(*pmd) ? "rw" : "ro",
			 pmd_dirty(*pmd) ? " dirty" : "",
			 pmd_young(*pmd) ? " young" : "");
	}
}

static void show_vma(struct sim *sim, struct vm_area_struct *vma,
		     void (*out)(void *, const char *), void *ctx)
{
	struct show_walk sw = { .out = out, .ctx = ctx };

	out_line(out, ctx, "  vma %#lx-%#lx %c%c%c%s%s%s%s%s", vma->vm_start,
		 vma->vm_end, vma->vm_flags & VM_READ ? 'r' : '-',
		 vma->vm_flags & VM_WRITE ? 'w' : '-',
		 vma->vm_flags & VM_SHARED ? 's' : 'p',
		 !vma->vm_mapping  ? " anon" :
		 vma_is_shmem(vma) ? " shmem" :
				     " file",
		 vma->anon_vma ? " anon_vma" : "",
		 vma->vm_flags & VM_DONTCOPY ? " dontfork" : "",
		 vma->vm_flags & VM_WIPEONFORK ? " wipeonfork" : "",
		 vma->vm_flags & VM_UFFD_WP ? " uffd-wp" : "");
	show_pmds(sim, vma, out, ctx);
	walk_page_vma(vma, &show_walk_ops, &sw);
}

/* A large folio: its counts, then what its pages hold, in short. */
static void show_large_folio(struct sim *sim, struct folio *folio,
			     void (*out)(void *, const char *), void *ctx)
{
	unsigned long pfn = page_to_pfn(&folio->page), i;
	unsigned long nr = folio_nr_pages(folio);
	int excl = 0, mapped = 0;

	out_line(out, ctx,
		 "folio pfn %#lx order %u%s%s%s refcount %d entire_mapcount %d "
		 "large_mapcount %d nr_pages_mapped %#x pincount %d",
		 pfn, folio_order(folio),
		 is_huge_zero_folio(folio) ? " huge-zeropage" : "",
		 folio_test_anon(folio) ? " anon" : "",
		 folio_test_dirty(folio) ? " dirty" : "",
		 folio_ref_count(folio), folio_entire_mapcount(folio),
		 folio_large_mapcount(folio), folio->_nr_pages_mapped,
		 folio->_pincount);
	for (i = 0; i < nr; i++) {
		struct page *page = folio_page(folio, i);

		mapped += page->_mapcount >= 0;
		if (folio_test_anon(folio) && PageAnonExclusive(page))
			excl++;
		if (page->sim_content)
			out_line(out, ctx,
				 "  page pfn %#lx%s mapcount %d value %#llx",
				 pfn + i,
				 folio_test_anon(folio) &&
						 PageAnonExclusive(page) ?
					 " exclusive" :
					 "",
				 page_mapcount(page),
				 (unsigned long long)page->sim_content);
	}
	out_line(out, ctx, "  pages: %d PTE-mapped, %d exclusive", mapped,
		 excl);
	(void)sim;
}

/*
 * Each shmem object or regular file: its page cache pages and swap
 * entries by index.
 */
static void show_mappings(struct sim *sim,
			  void (*out)(void *ctx, const char *line), void *ctx)
{
	struct address_space *as;
	unsigned long i;

	for (as = sim->mappings; as; as = as->sim_next) {
		out_line(out, ctx, "%s object %u: %lu pages, %d users",
			 as->shmem ? "shmem" : "file", as->sim_id, as->nr_pages,
			 as->refcount);
		for (i = 0; i < as->nr_pages; i++) {
			if (as->pages[i])
				out_line(out, ctx, "  index %lu pfn %#lx", i,
					 page_to_pfn(as->pages[i]));
			else if (as->swap[i].val)
				out_line(
					out, ctx,
					"  index %lu swap type %u offset %#llx",
					i, swp_type(as->swap[i]),
					(unsigned long long)swp_offset(
						as->swap[i]));
		}
	}
}

void sim_show(struct sim *sim, void (*out)(void *ctx, const char *line),
	      void *ctx)
{
	struct mm_struct *mm;
	unsigned long pfn;
	unsigned int m, h;

	for_each_mm_including_dead(sim, mm, m) {
		struct vm_area_struct *vma;

		if (mm->dead) {
			out_line(out, ctx, "mm%u: exited", m);
			continue;
		}
		out_line(out, ctx, "mm%u: pgd pfn %#lx%s anon %ld shmem %ld", m,
			 page_to_pfn(mm->pgd),
			 mm_flags_test(MMF_HAS_PINNED, mm) ? " MMF_HAS_PINNED" :
							     "",
			 mm->rss_stat[MM_ANONPAGES],
			 mm->rss_stat[MM_SHMEMPAGES]);
		if (mm->uffd_ctx.open)
			out_line(out, ctx,
				 "  uffd features %#x, %lu faults served",
				 mm->uffd_ctx.features, mm->uffd_ctx.faults);
		for_each_vma(mm, vma)
			show_vma(sim, vma, out, ctx);
	}
	for (pfn = SIM_ZERO_PFN + 1; pfn < sim->nr_pfns; pfn++) {
		struct page *page = pfn_to_page(sim, pfn);

		if (PageBuddy(page) || PageTable(page) || PageTail(page))
			continue;
		if (PageHead(page)) {
			show_large_folio(sim, page_folio(page), out, ctx);
			continue;
		}
		/* A poisoned page freed and held back (hwpoison.held). */
		if (PageHWPoison(page) && !page->mapping &&
		    !page_ref_count(page)) {
			out_line(out, ctx, "page pfn %#lx hwpoison, held back",
				 pfn);
			continue;
		}
		out_line(out, ctx,
			 "page pfn %#lx %s%s%s%s refcount %d mapcount %d%s "
			 "value %#llx",
			 pfn,
			 PageAnon(page)	      ? "anon" :
			 PageSwapBacked(page) ? "shmem" :
						"file",
			 PageAnon(page) && PageAnonExclusive(page) ?
				 " exclusive" :
				 "",
			 PageDirty(page) ? " dirty" : "",
			 PageHWPoison(page) ? " hwpoison" : "",
			 page_ref_count(page), page_mapcount(page),
			 folio_maybe_dma_pinned(page_folio(page)) ?
				 " maybe-pinned" :
				 "",
			 (unsigned long long)page->sim_content);
	}
	show_mappings(sim, out, ctx);
	for (h = 0; h < sim->nr_pins; h++)
		if (sim->pins[h].page)
			out_line(out, ctx, "handle %u: %s%s%s on pfn %#lx", h,
				 sim->pins[h].gup_flags & FOLL_PIN ?
					 "FOLL_PIN" :
					 "FOLL_GET",
				 sim->pins[h].gup_flags & FOLL_WRITE ?
					 "|FOLL_WRITE" :
					 "",
				 sim->pins[h].gup_flags & FOLL_LONGTERM ?
					 "|FOLL_LONGTERM" :
					 "",
				 page_to_pfn(sim->pins[h].page));
}
