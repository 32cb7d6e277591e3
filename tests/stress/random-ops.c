// SPDX-License-Identifier: GPL-2.0-only
/*
 * Random operation sequences on the model, under every policy: the
 * invariant checker must stay clean after every operation, every user load
 * must return what the process last stored there (or what it inherited at
 * fork), a clone taken halfway must equal the original and behave the
 * same, and nothing may leak at the end.  The check after each operation
 * is the incremental one (sim_check_changed); every CHECKPOINT operations
 * and at the end the full one runs too, and must find nothing the
 * incremental ones since the last checkpoint did not.  Under the default policy the
 * behaviour properties (LEAK, STALE, LOST-WRITE) must never fire either.
 *
 * A region is anonymous, a memfd (shmem) or a regular file, private or
 * shared; uffd-wp (refused on a regular file) protects, unprotects and
 * unregisters regions (stores are served by the handler and complete),
 * MADV_REMOVE punches holes in shared ones, and
 * UFFDIO_POISON poisons none PTEs (a load there must be a SIGBUS).
 *
 * The same again with THPs (PMD-sized, anonymous): the regions are 2 MiB
 * with MADV_HUGEPAGE, their two pages far apart in the THP, and splits,
 * whole and partial MADV_DONTNEED, mprotect, swap-out (which splits
 * the folio) and the deferred split shrinker take the place of swap,
 * migration and KSM.  And with
 * mTHPs: 16 KiB and 64 KiB on (sim_thp_orders), regions of 32 pages with
 * MADV_HUGEPAGE whose two pages share a 64 KiB block, so that a fault
 * after the other page's read takes the 16 KiB order or one page.
 *
 * Deterministic: a fixed seed per sequence.  TAP output, three points per
 * policy (base pages, THPs, mTHPs).  `tests/stress/random-ops N` runs N sequences per policy
 * (default 300; make stress runs more).
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mmsim.h"
#include "harness/policy.h"

#define NPROC 6
#define NREG 2
#define NPG 2
#define NOPS 80
#define CHECKPOINT 16

struct model_vals {
	/* What a load must return, per process, region and page. */
	uint64_t val[NPROC][NREG][NPG];
	bool mapped[NPROC][NREG];
};

struct run {
	uint64_t seed;
	struct sim *sim;
	int proc[NPROC];
	int nproc;
	unsigned long reg[NREG];
	bool shared[NREG];
	uint64_t shval[NREG][NPG];
	struct model_vals mv;
	int handles[8];
	int nh;
	char why[400];
	bool check_properties;
	/* THP regions, MADV_HUGEPAGE, private: 2 MiB, or (mTHP) 32 pages. */
	int thp;
	/* Violation ids the incremental checks found since a checkpoint. */
	uint64_t inc_seen, full_seen;
	/* A page was poisoned: a load may get BUS_MCEERR_AR. */
	bool poisoned;
};

static unsigned int rnd(struct run *r, unsigned int n)
{
	r->seed ^= r->seed << 13;
	r->seed ^= r->seed >> 7;
	r->seed ^= r->seed << 17;
	return (unsigned int)(r->seed % n);
}

static void on_violation(void *ctx, const struct sim_violation *v)
{
	struct run *r = ctx;

	r->inc_seen |= 1ULL << v->id;
	if (!r->check_properties && sim_violation_is_property(v->id))
		return;
	if (!r->why[0])
		snprintf(r->why, sizeof(r->why), "%s: %s", v->invariant,
			 v->msg);
}

static void on_full_violation(void *ctx, const struct sim_violation *v)
{
	struct run *r = ctx;

	r->full_seen |= 1ULL << v->id;
	on_violation(ctx, v);
}

/* The full check finds nothing the incremental ones missed. */
static void checkpoint(struct run *r)
{
	uint64_t missed;
	int id;

	r->full_seen = 0;
	sim_check(r->sim, on_full_violation, r);
	missed = r->full_seen & ~r->inc_seen;
	for (id = 0; missed && id < NR_SIM_VIOLATIONS; id++)
		if (missed & (1ULL << id)) {
			snprintf(r->why, sizeof(r->why),
				 "the full check found %s, the incremental "
				 "checks did not",
				 sim_violation_name(id));
			break;
		}
	r->inc_seen = 0;
}

enum { BASE, PMD_THP, MTHP, NR_MODES };
#define THP_PAGES 512
#define MTHP_PAGES 32
/* The pages of a THP region the oracle follows: a head and a tail. */
#define THP_STRIDE 300
/* Of an mTHP region: two pages of one 64 KiB block, 16 KiB apart. */
#define MTHP_STRIDE 5

static unsigned long page_addr(const struct run *r, int rg, int pg)
{
	unsigned long stride = r->thp == PMD_THP ? THP_STRIDE :
			       r->thp == MTHP	 ? MTHP_STRIDE :
						   1;

	return r->reg[rg] + (unsigned long)pg * stride * 4096;
}

static unsigned long region_pages(const struct run *r)
{
	return r->thp == PMD_THP ? THP_PAGES :
	       r->thp == MTHP	 ? MTHP_PAGES :
				   NPG;
}

/* THP sequences: operations in place of swap, migration and KSM. */
static void thp_step(struct run *r, unsigned int op, int pi, int rg,
		     unsigned long a)
{
	int p = r->proc[pi], pg;

	switch (op) {
	case 6:
		/* Now and then the deferred split shrinker instead. */
		if (!rnd(r, 4))
			sim_deferred_split(r->sim);
		else
			sim_split(r->sim, p, a);
		break;
	case 13:
		/*
		 * Reclaim: the whole region (a THP whole, split by reclaim)
		 * or one page (a large folio split first).
		 */
		if (rnd(r, 2))
			sim_swapout(r->sim, p, r->reg[rg], region_pages(r));
		else
			sim_swapout(r->sim, p, a, 1);
		break;
	case 7:
		/* The whole region: zap_huge_pmd where a PMD maps it. */
		if (!sim_madvise(r->sim, p, r->reg[rg], region_pages(r),
				 MADV_DONTNEED))
			for (pg = 0; pg < NPG; pg++)
				r->mv.val[pi][rg][pg] = 0;
		break;
	case 8:
		/* One page: the VMA and any PMD there are split. */
		sim_mprotect(r->sim, p, a, 1,
			     rnd(r, 2) ? PROT_READ : PROT_READ | PROT_WRITE);
		break;
	}
}

/* Does a poisoned PTE marker (UFFDIO_POISON) hold @addr in @p? */
static bool poisoned(struct run *r, int p, unsigned long addr)
{
	struct sim_pte_info in;

	return !sim_query(r->sim, p, addr, &in) && in.kind == SIM_PTE_MARKER &&
	       (in.swp_offset & 2);
}

/* One random operation; returns false when the sequence must stop. */
static bool step(struct run *r)
{
	int pi = (int)rnd(r, (unsigned int)r->nproc), p = r->proc[pi];
	int rg = (int)rnd(r, NREG), pg = (int)rnd(r, NPG);
	unsigned long a = page_addr(r, rg, pg);
	unsigned int op;
	uint64_t v = rnd(r, 4) + 1, got;
	int ret, c, i;

	if (!sim_process_alive(r->sim, p))
		return true;
	op = rnd(r, 19);
	if (r->thp && (op == 6 || op == 7 || op == 8 || op == 13)) {
		thp_step(r, op, pi, rg, a);
		return true;
	}
	switch (op) {
	case 0:
	case 1:
		if (sim_store(r->sim, p, a, v))
			break;
		if (r->shared[rg])
			r->shval[rg][pg] = v;
		else
			r->mv.val[pi][rg][pg] = v;
		break;
	case 2:
	case 3:
		if (!r->mv.mapped[pi][rg])
			break;
		ret = sim_load(r->sim, p, a, &got);
		/* A SIGBUS is right on a memory error or a poisoned marker. */
		if (ret == SIM_SIG_CODE(SIGBUS, BUS_MCEERR_AR) &&
		    (r->poisoned || poisoned(r, p, a)))
			break;
		if (ret || got != (r->shared[rg] ? r->shval[rg][pg] :
						   r->mv.val[pi][rg][pg]))
			snprintf(r->why, sizeof(r->why),
				 "mm%d loaded %llu at region %d page %d, "
				 "stored %llu (ret %d)",
				 p, (unsigned long long)got, rg, pg,
				 (unsigned long long)(r->shared[rg] ?
							      r->shval[rg][pg] :
							      r->mv.val[pi][rg]
								       [pg]),
				 ret);
		break;
	case 4:
		if (r->nproc == NPROC)
			break;
		c = sim_fork(r->sim, p);
		if (c < 0)
			break;
		r->proc[r->nproc] = c;
		r->mv.val[r->nproc][0][0] = 0;
		memcpy(r->mv.val[r->nproc], r->mv.val[pi],
		       sizeof(r->mv.val[0]));
		memcpy(r->mv.mapped[r->nproc], r->mv.mapped[pi],
		       sizeof(r->mv.mapped[0]));
		r->nproc++;
		break;
	case 5:
		if (pi)
			sim_exit(r->sim, p);
		break;
	case 6:
		sim_swapout(r->sim, p, r->reg[rg], NPG);
		break;
	case 7:
		sim_migrate(r->sim, p, a);
		break;
	case 8:
		sim_ksm(r->sim, 0);
		break;
	case 9:
		if (r->nh == 8)
			break;
		ret = sim_gup(r->sim, p, a,
			      (rnd(r, 2) ? SIM_GUP_PIN : 0) |
				      (rnd(r, 2) ? SIM_GUP_WRITE : 0) |
				      (rnd(r, 2) ? SIM_GUP_FAST : 0));
		if (ret >= 0)
			r->handles[r->nh++] = ret;
		break;
	case 10:
		if (!r->nh)
			break;
		i = (int)rnd(r, (unsigned int)r->nh);
		sim_unpin(r->sim, r->handles[i]);
		r->handles[i] = r->handles[--r->nh];
		break;
	case 11:
		sim_mprotect(r->sim, p, r->reg[rg], region_pages(r),
			     rnd(r, 2) ? PROT_READ : PROT_READ | PROT_WRITE);
		break;
	case 12:
		if (r->shared[rg])
			break;
		sim_madvise(r->sim, p, a, 1, MADV_DONTNEED);
		r->mv.val[pi][rg][pg] = 0;
		break;
	case 13:
		sim_madvise(r->sim, p, r->reg[rg], NPG,
			    rnd(r, 2) ? MADV_MERGEABLE : MADV_UNMERGEABLE);
		break;
	case 15:
		/* Protect, unprotect or unregister: stores still complete. */
		if (r->thp)
			break;
		i = (int)rnd(r, 3);
		if (i == 2)
			sim_uffd_unregister(r->sim, p, r->reg[rg], NPG);
		else
			sim_uffd_wp(r->sim, p, r->reg[rg], NPG, i);
		break;
	case 16:
		/* A hole punched in a shared region's file (MADV_REMOVE). */
		if (!r->shared[rg] || sim_madvise(r->sim, p, a, 1, MADV_REMOVE))
			break;
		r->shval[rg][pg] = 0;
		break;
	case 17:
		/* Now and then a memory error (not in a shmem page). */
		if (rnd(r, 4) || r->shared[rg])
			break;
		if (sim_poison(r->sim, p, a) != -ENOSYS)
			r->poisoned = true;
		break;
	case 18:
		/* UFFDIO_POISON of a none PTE: loads SIGBUS until a zap. */
		if (!r->thp)
			sim_uffd_poison(r->sim, p, a, 1);
		break;
	case 14:
		/* A device read: the isolation property looks at it. */
		if (r->nh)
			sim_dma_read(r->sim,
				     r->handles[rnd(r, (unsigned int)r->nh)],
				     &got);
		break;
	}
	return true;
}

static bool one_sequence(const char *policy, uint64_t seed, bool props, int thp,
			 char *why, size_t whylen)
{
	struct run r = { .seed = seed * 2654435761ULL + 1, .thp = thp };
	struct sim *orig = NULL;
	uint64_t orig_hash = 0;
	int i;

	r.check_properties = props;
	r.sim = sim_create();
	sim_set_policy(r.sim, policy);
	sim_swapdev(r.sim, 0, rnd(&r, 2), rnd(&r, 2), false);
	if (thp == MTHP)
		sim_thp_orders(r.sim, 1UL << 2 | 1UL << 4);
	r.nproc = 1;
	for (i = 0; i < NREG; i++) {
		r.shared[i] = !thp && rnd(&r, 4) == 0;
		/*
		 * Shared: a memfd, a regular file or shared anon; private:
		 * anon, a memfd or a regular file.
		 */
		if (!thp && rnd(&r, 2))
			sim_mmap_file(r.sim, 0, region_pages(&r),
				      PROT_READ | PROT_WRITE, r.shared[i],
				      rnd(&r, 2), &r.reg[i]);
		else
			sim_mmap(r.sim, 0, region_pages(&r),
				 PROT_READ | PROT_WRITE, r.shared[i],
				 &r.reg[i]);
		if (thp)
			sim_madvise(r.sim, 0, r.reg[i], region_pages(&r),
				    MADV_HUGEPAGE);
		r.mv.mapped[0][i] = true;
	}
	for (i = 0; i < NOPS && !r.why[0]; i++) {
		step(&r);
		/* Stores through a R/O mapping fail: keep the oracle right. */
		sim_check_changed(r.sim, on_violation, &r);
		if ((i + 1) % CHECKPOINT == 0 || i + 1 == NOPS)
			checkpoint(&r);
		if (i == NOPS / 2) {
			struct sim *copy = sim_clone(r.sim);

			if (!sim_equal(copy, r.sim) ||
			    sim_hash(copy) != sim_hash(r.sim))
				snprintf(r.why, sizeof(r.why),
					 "a clone differs from its original");
			/* The rest runs on the copy; the original waits. */
			orig = r.sim;
			orig_hash = sim_hash(orig);
			r.sim = copy;
		}
	}
	/*
	 * Clones share what they can (page-table entries until written):
	 * what the copy did must not show in the original, and what the
	 * original does now must not show in the copy.
	 */
	if (orig && !r.why[0]) {
		uint64_t copy_hash = sim_hash(r.sim);
		unsigned int rg;
		unsigned long pg;

		if (sim_hash(orig) != orig_hash)
			snprintf(r.why, sizeof(r.why),
				 "the copy's steps changed the original");
		unsigned long fresh;
		int stored = 0;

		for (rg = 0; rg < NREG; rg++)
			for (pg = 0; pg < NPG; pg++)
				stored += !sim_store(orig, 0,
						     page_addr(&r, (int)rg,
							       (int)pg),
						     0xdead0000 + pg);
		/* At least these, whatever the steps unmapped. */
		if (!sim_mmap(orig, 0, NPG, PROT_READ | PROT_WRITE, false,
			      &fresh))
			for (pg = 0; pg < NPG; pg++)
				stored += !sim_store(orig, 0, fresh + pg * 4096,
						     0xbeef0000 + pg);
		sim_fork(orig, 0);
		if (!stored && !r.why[0])
			snprintf(r.why, sizeof(r.why),
				 "no store on the original took");
		if (!r.why[0] && sim_hash(r.sim) != copy_hash)
			snprintf(r.why, sizeof(r.why),
				 "the original's steps changed the copy");
		if (!r.why[0])
			sim_check(orig, on_violation, &r);
	}
	if (orig)
		sim_destroy(orig);
	if (!r.why[0] && sim_teardown(r.sim))
		snprintf(r.why, sizeof(r.why), "pages leaked after teardown");
	if (!r.why[0])
		sim_check(r.sim, on_violation, &r);
	sim_destroy(r.sim);
	snprintf(why, whylen, "%s", r.why);
	return !r.why[0];
}

static const char *const mode_name[NR_MODES] = { "", "THP ", "mTHP " };

int main(int argc, char **argv)
{
	const struct sim_policy *const *pol;
	int n = argc > 1 ? atoi(argv[1]) : 300, t = 0, failed = 0;
	char why[400];

	printf("TAP version 13\n");
	for (pol = sim_policies(); *pol; pol++) {
		bool props = !strcmp((*pol)->name, "latest");
		int thp;

		for (thp = BASE; thp < NR_MODES; thp++) {
			/* THP steps cost more: a quarter as many. */
			int s, bad = -1, m = thp ? (n + 3) / 4 : n;

			for (s = 0; s < m && bad < 0; s++)
				if (!one_sequence((*pol)->name, (uint64_t)s,
						  props, thp, why, sizeof(why)))
					bad = s;
			t++;
			if (bad < 0) {
				printf("ok %d - %d random %ssequences under "
				       "%s\n",
				       t, m, mode_name[thp], (*pol)->name);
			} else {
				failed++;
				printf("not ok %d - %s%s, sequence %d\n# %s\n",
				       t, mode_name[thp], (*pol)->name, bad,
				       why);
			}
		}
	}
	printf("1..%d\n", t);
	return failed ? 1 : 0;
}
