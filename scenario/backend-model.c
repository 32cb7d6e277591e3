// SPDX-License-Identifier: GPL-2.0-only
/* The model backend: scenario statements run on a struct sim. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "scenario/backend.h"

struct model_backend {
	struct sim_backend b;
	struct sim *sim;
};

static struct sim *msim(struct sim_backend *b)
{
	return ((struct model_backend *)b)->sim;
}

/* A positive signal of the model, with its si_code if it has one. */
static int sig(int ret)
{
	if (ret <= 0)
		return ret;
	if (SIM_SIG_CODE_OF(ret))
		return SIM_SIGNAL_CODE_ERR(SIM_SIG_NR(ret),
					   SIM_SIG_CODE_OF(ret));
	return SIM_SIGNAL_ERR(ret);
}

/*
 * The model has every capability a scenario may require.  For the tests
 * of a file a backend cannot run, MMSIM_MODEL_MISSING_CAP=NAME makes it
 * say it lacks NAME (a test hook, as MMSIM_THP_SYSFS is the kernel
 * backend's).
 */
static const char *m_missing_cap(struct sim_backend *b, enum sim_cap cap)
{
	const char *hide = getenv("MMSIM_MODEL_MISSING_CAP");

	if (hide && cap != SIM_CAP_NONE && sim_cap_lookup(hide) == cap)
		return "hidden by MMSIM_MODEL_MISSING_CAP";
	switch (cap) {
	case SIM_CAP_IOURING:
	case SIM_CAP_VMSPLICE:
	case SIM_CAP_GUP_TEST:
	case SIM_CAP_ROOT:
	case SIM_CAP_SWAP:
	case SIM_CAP_KSM:
	case SIM_CAP_UFFD:
	case SIM_CAP_THP:
	case SIM_CAP_HWPOISON:
	case SIM_CAP_SOFT_DIRTY:
		return NULL;
	default:
		return "not in the model yet";
	}
}

static int m_first_process(struct sim_backend *b)
{
	return 0;
}

static int m_fork(struct sim_backend *b, int proc, int *child)
{
	int ret = sim_fork(msim(b), proc);

	if (ret < 0)
		return ret;
	*child = ret;
	return 0;
}

static int m_exit(struct sim_backend *b, int proc)
{
	return sim_exit(msim(b), proc);
}

static bool m_alive(struct sim_backend *b, int proc)
{
	return sim_process_alive(msim(b), proc);
}

/* What the model does not do yet: the runner says so and stops. */
static int m_later(struct sim_backend *b, const char *why)
{
	b->unsupported = why;
	return SIM_NOT_IMPLEMENTED_ERR;
}

static int m_mmap(struct sim_backend *b, int proc, unsigned long npages,
		  int prot, bool shared, enum sim_backing backing, bool thp,
		  unsigned long *addr)
{
	int ret;

	if (thp && backing == SIM_BACKING_FILE)
		return m_later(b, "THP of file mappings (large folios)");
	if (thp && (shared || backing == SIM_BACKING_SHMEM))
		return m_later(b, "THP of shmem mappings (shmem THP)");
	if (backing == SIM_BACKING_FILE)
		return sim_mmap_file(msim(b), proc, npages, prot, shared, false,
				     addr);
	if (backing == SIM_BACKING_SHMEM)
		return sim_mmap_shmem(msim(b), proc, npages, prot, shared,
				      addr);
	ret = sim_mmap(msim(b), proc, npages, prot, shared, addr);
	/* A PMD-aligned region with MADV_HUGEPAGE (get_unmapped_area). */
	if (!ret && thp)
		ret = sim_madvise(msim(b), proc, *addr, npages, MADV_HUGEPAGE);
	return ret;
}

static int m_thp_sizes(struct sim_backend *b, unsigned long orders)
{
	return sim_thp_orders(msim(b), orders);
}

static int m_munmap(struct sim_backend *b, int proc, unsigned long addr,
		    unsigned long npages)
{
	return sim_munmap(msim(b), proc, addr, npages);
}

static int m_mremap(struct sim_backend *b, int proc, unsigned long addr,
		    unsigned long npages, unsigned long *new_addr)
{
	return sim_mremap(msim(b), proc, addr, npages, new_addr);
}

static int m_mprotect(struct sim_backend *b, int proc, unsigned long addr,
		      unsigned long npages, int prot)
{
	return sim_mprotect(msim(b), proc, addr, npages, prot);
}

static int m_madvise(struct sim_backend *b, int proc, unsigned long addr,
		     unsigned long npages, int advice)
{
	return sim_madvise(msim(b), proc, addr, npages, advice);
}

static int m_mlock(struct sim_backend *b, int proc, unsigned long addr,
		   unsigned long npages, bool lock)
{
	return sim_mlock(msim(b), proc, addr, npages, lock);
}

static int m_load(struct sim_backend *b, int proc, unsigned long addr,
		  uint64_t *val)
{
	return sig(sim_load(msim(b), proc, addr, val));
}

static int m_store(struct sim_backend *b, int proc, unsigned long addr,
		   uint64_t val)
{
	return sig(sim_store(msim(b), proc, addr, val));
}

static int m_gup(struct sim_backend *b, int proc, unsigned long addr,
		 unsigned int how, int *handle)
{
	int h;

	h = sim_gup(msim(b), proc, addr, how);
	/* mm/gup.c: a reference to the huge zero folio (follow_huge_pmd). */
	if (h == -ENOSYS)
		return m_later(b, "a GUP reference to the huge zero page");
	if (h < 0)
		return h;
	*handle = h;
	return 0;
}

static int m_unpin(struct sim_backend *b, int handle)
{
	return sim_unpin(msim(b), handle);
}

static int m_dma_read(struct sim_backend *b, int handle, uint64_t *val)
{
	return sim_dma_read(msim(b), handle, val);
}

static int m_dma_write(struct sim_backend *b, int handle, uint64_t val)
{
	return sim_dma_write(msim(b), handle, val);
}

static int m_swapdev(struct sim_backend *b, bool sync, bool stable_writes,
		     bool slow_writeback, unsigned long pages)
{
	return sim_swapdev(msim(b), (unsigned int)pages, sync, stable_writes,
			   slow_writeback);
}

static int m_swapout(struct sim_backend *b, int proc, unsigned long addr,
		     unsigned long npages)
{
	return sim_swapout(msim(b), proc, addr, npages);
}

static int m_swapoff(struct sim_backend *b)
{
	return sim_swapoff(msim(b));
}

static int m_migrate(struct sim_backend *b, int proc, unsigned long addr)
{
	int ret;

	if (sim_thp_in_range(msim(b), proc, addr, 1))
		return m_later(b, "migration of a THP");
	ret = sim_migrate(msim(b), proc, addr);
	if (ret == -EOPNOTSUPP)
		return m_later(
			b, "migration of a page cache (shmem or file) page");
	return ret;
}

static int m_pin_query(struct sim_backend *b, int handle,
		       struct sim_pte_info *info)
{
	return sim_pin_query(msim(b), handle, info);
}

static int m_ksm(struct sim_backend *b, unsigned int scans)
{
	long ret;

	if (sim_thp_in_range(msim(b), -1, 0, 0))
		return m_later(b, "KSM with THPs");
	ret = sim_ksm(msim(b), scans);

	return ret < 0 ? (int)ret : 0;
}

static int m_ksm_max_page_sharing(struct sim_backend *b, unsigned int knob)
{
	return sim_ksm_max_page_sharing(msim(b), knob);
}

static int m_writeback_done(struct sim_backend *b)
{
	sim_writeback_done(msim(b));
	return 0;
}

static int m_split(struct sim_backend *b, int proc, unsigned long addr)
{
	return sim_split(msim(b), proc, addr);
}

static int m_uffd_wp(struct sim_backend *b, int proc, unsigned long addr,
		     unsigned long npages, bool on)
{
	int ret;

	if (sim_thp_in_range(msim(b), proc, addr, npages))
		return m_later(b, "userfaultfd write-protection of a THP");
	ret = sim_uffd_wp(msim(b), proc, addr, npages, on);
	return ret;
}

static int m_uffd_poison(struct sim_backend *b, int proc, unsigned long addr,
			 unsigned long npages)
{
	if (sim_thp_in_range(msim(b), proc, addr, npages))
		return m_later(b, "UFFDIO_POISON over a THP");
	return sim_uffd_poison(msim(b), proc, addr, npages);
}

static int m_uffd_unregister(struct sim_backend *b, int proc,
			     unsigned long addr, unsigned long npages)
{
	if (sim_thp_in_range(msim(b), proc, addr, npages))
		return m_later(b, "userfaultfd on a THP");
	return sim_uffd_unregister(msim(b), proc, addr, npages);
}

static int m_uffd(struct sim_backend *b, int proc, unsigned int features)
{
	return sim_uffd(msim(b), proc, features);
}

static int m_uffd_faults(struct sim_backend *b, int proc, unsigned long *faults)
{
	return sim_uffd_faults(msim(b), proc, faults);
}

static int m_poison(struct sim_backend *b, int proc, unsigned long addr)
{
	int ret = sim_poison(msim(b), proc, addr);

	/* mm/memory-failure.c stops before what it does not handle. */
	if (ret == -ENOSYS)
		return m_later(
			b,
			"memory failure of a regular file's page, or of a shmem page outside the page cache");
	return sig(ret);
}

static int m_corrupt(struct sim_backend *b, int proc, unsigned long addr)
{
	int ret = sim_corrupt(msim(b), proc, addr);

	if (ret == -ENOSYS)
		return m_later(
			b,
			"memory failure of a regular file's page, or of a shmem page outside the page cache");
	return ret;
}

static int m_poison_table(struct sim_backend *b, int proc, unsigned long addr)
{
	return sim_poison_table(msim(b), proc, addr);
}

static int m_clear_refs(struct sim_backend *b, int proc, int type)
{
	return sim_clear_refs(msim(b), proc, type);
}

static int m_mce_kill(struct sim_backend *b, int proc, int how)
{
	return sim_mce_kill(msim(b), proc, how);
}

static int m_mce_early_kill(struct sim_backend *b, bool early)
{
	sim_set_mce_early_kill(msim(b), early);
	return 0;
}

static int m_sigbus_count(struct sim_backend *b, int proc, int code,
			  unsigned long *count)
{
	return sim_sigbus_count(msim(b), proc, code, count);
}

static unsigned long m_copies(struct sim_backend *b)
{
	return sim_event_count(msim(b), SIM_COW_COPY);
}

static int m_deferred_split(struct sim_backend *b)
{
	sim_deferred_split(msim(b));
	return 0;
}

static int m_thp_counter(struct sim_backend *b, unsigned int ev,
			 unsigned int order, unsigned long *val,
			 const char **why)
{
	/* The vmstat lines count the PMD size's folios. */
	*val = sim_thp_event_count(msim(b), (enum sim_thp_event)ev,
				   order ? order : 9);
	return 0;
}

static int m_query(struct sim_backend *b, int proc, unsigned long addr,
		   struct sim_obs *obs)
{
	memset(obs, 0, sizeof(*obs));
	if (!sim_policy_has_anon_exclusive(msim(b))) {
		obs->unobservable |= SIM_UNOBS_EXCLUSIVE;
		obs->why = "PG_anon_exclusive does not exist before v5.19";
	}
	return sim_query(msim(b), proc, addr, &obs->info);
}

static void m_set_trace(struct sim_backend *b, sim_trace_fn fn, void *ctx)
{
	sim_set_trace(msim(b), fn, ctx);
}

static int m_check(struct sim_backend *b, sim_violation_fn fn, void *ctx)
{
	return sim_check(msim(b), fn, ctx);
}

static int m_check_changed(struct sim_backend *b, sim_violation_fn fn,
			   void *ctx)
{
	return sim_check_changed(msim(b), fn, ctx);
}

static int m_check_fork(struct sim_backend *b, int parent, int child,
			sim_violation_fn fn, void *ctx)
{
	return sim_check_fork(msim(b), parent, child, fn, ctx);
}

static void m_show(struct sim_backend *b,
		   void (*out)(void *ctx, const char *line), void *ctx)
{
	sim_show(msim(b), out, ctx);
}

static unsigned long m_teardown(struct sim_backend *b)
{
	sim_set_trace(msim(b), NULL, NULL);
	return sim_teardown(msim(b));
}

static void m_destroy(struct sim_backend *b)
{
	sim_destroy(msim(b));
	free(b);
}

static const struct sim_backend_ops model_ops = {
	.name = "model",
	.missing_cap = m_missing_cap,
	.first_process = m_first_process,
	.fork = m_fork,
	.exit = m_exit,
	.alive = m_alive,
	.mmap = m_mmap,
	.munmap = m_munmap,
	.mprotect = m_mprotect,
	.madvise = m_madvise,
	.mlock = m_mlock,
	.load = m_load,
	.store = m_store,
	.gup = m_gup,
	.unpin = m_unpin,
	.dma_read = m_dma_read,
	.dma_write = m_dma_write,
	.swapdev = m_swapdev,
	.swapout = m_swapout,
	.swapoff = m_swapoff,
	.migrate = m_migrate,
	.ksm = m_ksm,
	.pin_query = m_pin_query,
	.writeback_done = m_writeback_done,
	.split = m_split,
	.thp_sizes = m_thp_sizes,
	.ksm_max_page_sharing = m_ksm_max_page_sharing,
	.mremap = m_mremap,
	.uffd_wp = m_uffd_wp,
	.uffd_poison = m_uffd_poison,
	.uffd_unregister = m_uffd_unregister,
	.uffd = m_uffd,
	.uffd_faults = m_uffd_faults,
	.thp_counter = m_thp_counter,
	.deferred_split = m_deferred_split,
	.poison = m_poison,
	.poison_table = m_poison_table,
	.corrupt = m_corrupt,
	.mce_kill = m_mce_kill,
	.clear_refs = m_clear_refs,
	.mce_early_kill = m_mce_early_kill,
	.sigbus_count = m_sigbus_count,
	.copies = m_copies,
	.query = m_query,
	.set_trace = m_set_trace,
	.check = m_check,
	.check_changed = m_check_changed,
	.check_fork = m_check_fork,
	.show = m_show,
	.teardown = m_teardown,
	.destroy = m_destroy,
};

struct sim_backend *sim_backend_model_create(const char *policy)
{
	struct model_backend *m = calloc(1, sizeof(*m));

	if (!m)
		abort();
	m->b.ops = &model_ops;
	m->sim = sim_create();
	if (sim_set_policy(m->sim, policy))
		abort();
	return &m->b;
}
