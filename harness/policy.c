// SPDX-License-Identifier: GPL-2.0-only
/*
 * The historical policies (Historical designs in docs/kernel-rules.md),
 * each a table of decisions the model consults.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "harness/policy.h"

static const struct sim_policy v5_7 = {
	.name = "v5.7",
	.desc = "mapcount era: COW reuse by mapcount + swap count; GUP "
		"ignores COW; fork shares pinned pages",
	.commits = "(before 17839856fd58)",
	.wp_reuse = SIM_WP_REUSE_MAPCOUNT,
	.gup_ro = SIM_GUP_RO_NONE,
	.fork_pinned = SIM_FORK_PINNED_SHARE,
	.swapin = SIM_SWAPIN_REUSE_SWAP_PAGE,
};

static const struct sim_policy v5_8 = {
	.name = "v5.8",
	.desc = "GUP breaks COW on read (FOLL_GET/FOLL_PIN on COW mappings "
		"fault as writes)",
	.commits = "17839856fd58",
	.wp_reuse = SIM_WP_REUSE_MAPCOUNT,
	.gup_ro = SIM_GUP_RO_BREAK_COW,
	.fork_pinned = SIM_FORK_PINNED_SHARE,
	.swapin = SIM_SWAPIN_REUSE_SWAP_PAGE,
};

static const struct sim_policy v5_9 = {
	.name = "v5.9",
	.desc = "page_count era: COW reuse only with refcount 1; fork copies "
		"maybe-pinned pages; swap-in still by mapcount",
	.commits = "09854ba94c6a, 70e806e4e645, 008cfe4418b3, a308c71bf1e6",
	.wp_reuse = SIM_WP_REUSE_REFCOUNT,
	.gup_ro = SIM_GUP_RO_NONE,
	.fork_pinned = SIM_FORK_PINNED_COPY,
	.swapin = SIM_SWAPIN_REUSE_SWAP_PAGE,
};

static const struct sim_policy v5_18 = {
	.name = "v5.18",
	.desc = "COW fixes part 1: reuse after draining and freeing swap; "
		"swap-in reuses fresh or sole pages",
	.commits = "c145e0b47c77 (\"mm: streamline COW logic in "
		   "do_swap_page()\") and its series",
	.wp_reuse = SIM_WP_REUSE_CAN_REUSE,
	.gup_ro = SIM_GUP_RO_NONE,
	.fork_pinned = SIM_FORK_PINNED_COPY,
	.swapin = SIM_SWAPIN_FRESH_OR_SOLE,
};

static const struct sim_policy v5_19 = {
	.name = "v5.19",
	.desc = "PG_anon_exclusive: R/O pins unshare, swap PTEs keep the "
		"exclusive bit, pinned pages stay out of swap",
	.commits = "6c287605fd56, 1493a1913e34, fb3d824d1a46",
	.wp_reuse = SIM_WP_REUSE_CAN_REUSE,
	.anon_exclusive = true,
	.gup_ro = SIM_GUP_RO_UNSHARE_ANON,
	.fork_pinned = SIM_FORK_PINNED_COPY_EXCL,
	.swapin = SIM_SWAPIN_EXCLUSIVE,
	.swp_exclusive = true,
	.reclaim_refuses_pinned = true,
};

/*
 * v6.1: Debian 12's kernel (checked on --target vm:6.1).  The 5.19
 * design plus the mprotect upgrade of 6.0 (64fe24a3e05e "mm/mprotect: try
 * avoiding write faults for exclusive anonymous pages when changing
 * protection": dirty PTEs only, no huge PMDs); before the 6.2 upgrade of
 * clean PTEs and huge PMDs (Nadav Amit's "mm/mprotect: allow clean
 * exclusive anon pages to be writable" and its series), the 6.2 R/O longterm
 * pins of anything in a COW mapping (84209e87c696 "mm/gup: reliable R/O
 * long-term pinning in COW mappings"), the 6.11 writable swap-in on a read
 * fault, 6.12's zeromap (0ca0c24e3211 "mm: store zero pages to be swapped
 * out in a bitmap") and 6.12's ENOENT from move_pages for an address with
 * nothing mapped ("mm/migrate: convert add_page_for_migration() from
 * follow_page() to folio_walk").  Memory failure too is older: MADV_HWPOISON
 * is no action-required error and an unsplittable THP is ignored (both
 * 6.11), a split THP keeps its zero-filled pages (6.12), swapoff leaves a
 * swap-in error entry for a poisoned page (6.2).  And GUP still takes a
 * long-term write pin of a shared regular file's page (refused from 6.5,
 * 8ac268436e6d and a6e79df92e4a).
 */
static const struct sim_policy v6_1 = {
	.name = "v6.1",
	.desc = "5.19 + mprotect upgrade of dirty PTEs (6.0); R/O longterm "
		"pins unshare only anon pages, swap-in on read maps R/O, "
		"zero-filled pages are written to swap, move_pages of "
		"nothing is EFAULT; MADV_HWPOISON is not action-required, "
		"an unsplit THP is ignored, swapoff leaves a swap-in error "
		"entry",
	.commits = "64fe24a3e05e (mprotect upgrade); before 84209e87c696, "
		   "0ca0c24e3211 and b1f202060afe",
	.wp_reuse = SIM_WP_REUSE_CAN_REUSE,
	.anon_exclusive = true,
	.gup_ro = SIM_GUP_RO_UNSHARE_ANON,
	.fork_pinned = SIM_FORK_PINNED_COPY_EXCL,
	.swapin = SIM_SWAPIN_EXCLUSIVE,
	.swp_exclusive = true,
	.reclaim_refuses_pinned = true,
	.mprotect_upgrade = true,
};

/*
 * v6.12: the base-page design of latest, before two THP changes and one
 * of mremap: a write fault on the huge zero PMD splits it and copies 4 KiB
 * (6.13 maps a new THP: do_huge_zero_wp_pmd), a write fault on a
 * PTE-mapped page of a large folio always copies (6.15 reuses a folio
 * this process alone maps: __wp_can_reuse_large_anon_folio), and mremap
 * moves one VMA at most (6.17 moves several).
 */
static const struct sim_policy v6_12 = {
	.name = "v6.12",
	.desc = "latest for base pages; THP: a write on the huge zero PMD "
		"splits it, a PTE-mapped large folio is always copied; "
		"mremap moves one VMA at most",
	.commits = "(before \"mm: allocate THP on hugezeropage wp-fault\" "
		   "and \"mm: CONFIG_NO_PAGE_MAPCOUNT\")",
	.wp_reuse = SIM_WP_REUSE_CAN_REUSE,
	.anon_exclusive = true,
	.gup_ro = SIM_GUP_RO_UNSHARE_COW,
	.fork_pinned = SIM_FORK_PINNED_COPY_EXCL,
	.swapin = SIM_SWAPIN_EXCLUSIVE,
	.swapin_writable_on_read = true,
	.swp_exclusive = true,
	.reclaim_refuses_pinned = true,
	.mprotect_upgrade = true,
	.mprotect_upgrade_clean = true,
	.swap_zeromap = true,
	.gup_longterm_file_write_refused = true,
	.migrate_none_enoent = true,
	.mf_madvise_action_required = true,
	.mf_unsplit_thp_kill = true,
	.thp_split_zeropage = true,
	.swapoff_hwpoison_entry = true,
	.swapin_large = true,
	.ksm_checksum_first = true,
	.swap_full_reclaim = SIM_SWAP_FULL_RECLAIM_NONROT,
};

static const struct sim_policy latest = {
	.name = "latest",
	.desc = "this machine's 6.18: + R/O longterm pins "
		"unshare anything in COW mappings (6.2), mprotect upgrade "
		"(6.0), writable swap-in on read (6.11), THP on a huge zero "
		"PMD write (6.13), large folio reuse (6.15), mremap of "
		"several VMAs (6.17), MADV_COLLAPSE of R/O PTEs, shmem "
		"swap-in from zram skips the swap cache (6.14)",
	.commits = "c18160dba5ff; 64fe24a3e05e and \"mm/mprotect: allow "
		   "clean exclusive anon pages to be writable\"; 84209e87c696 "
		   "(\"mm/gup: reliable R/O long-term pinning in COW "
		   "mappings\"); 0ca0c24e3211; 1dd44c0af4fa",
	.wp_reuse = SIM_WP_REUSE_CAN_REUSE,
	.anon_exclusive = true,
	.gup_ro = SIM_GUP_RO_UNSHARE_COW,
	.fork_pinned = SIM_FORK_PINNED_COPY_EXCL,
	.swapin = SIM_SWAPIN_EXCLUSIVE,
	.swapin_writable_on_read = true,
	.swp_exclusive = true,
	.reclaim_refuses_pinned = true,
	.mprotect_upgrade = true,
	.mprotect_upgrade_clean = true,
	.swap_zeromap = true,
	.gup_longterm_file_write_refused = true,
	.migrate_none_enoent = true,
	.huge_zero_wp_thp = true,
	.wp_reuse_large = true,
	.mremap_multi_vma = true,
	.collapse_ro = true,
	.mf_madvise_action_required = true,
	.mf_unsplit_thp_kill = true,
	.thp_split_zeropage = true,
	.swapoff_hwpoison_entry = true,
	.swapin_large = true,
	.ksm_checksum_first = true,
	.swap_full_reclaim = SIM_SWAP_FULL_RECLAIM_ALL,
	.shmem_swapin_direct = true,
	.split_list_last_first = true,
	.swap_alloc = SIM_SWAP_ALLOC_CLUSTERS,
};

static const struct sim_policy *const policies[] = {
	&v5_7, &v5_8, &v5_9, &v5_18, &v5_19, &v6_1, &v6_12, &latest, NULL,
};

const struct sim_policy *const *sim_policies(void)
{
	return policies;
}

int sim_policy_parse(const char *spec, struct sim_policy *out, char *err,
		     unsigned long errlen)
{
	const char *comma = strchr(spec, ',');
	size_t len = comma ? (size_t)(comma - spec) : strlen(spec);
	int i;

	for (i = 0; policies[i]; i++)
		if (strlen(policies[i]->name) == len &&
		    !strncmp(policies[i]->name, spec, len))
			break;
	if (!policies[i] && len == 5 && !strncmp(spec, "v6.18", 5))
		for (i = 0; policies[i] != &latest; i++)
			;
	if (!policies[i]) {
		snprintf(err, errlen,
			 "unknown policy '%.*s' (see 'mmsim policies')",
			 (int)len, spec);
		return -EINVAL;
	}
	*out = *policies[i];
	while (comma) {
		const char *knob = comma + 1;

		comma = strchr(knob, ',');
		len = comma ? (size_t)(comma - knob) : strlen(knob);
		if (len == 17 && !strncmp(knob, "swp_exclusive=off", 17)) {
			out->swp_exclusive = false;
		} else if (len == 16 &&
			   !strncmp(knob, "swp_exclusive=on", 16)) {
			out->swp_exclusive = out->anon_exclusive;
		} else if (len == 14 && !strncmp(knob, "pt_poison=kill", 14)) {
			out->pt_poison_kill = true;
		} else if (len == 21 &&
			   !strncmp(knob, "pt_poison=unhandlable", 21)) {
			out->pt_poison_kill = false;
		} else {
			snprintf(err, errlen,
				 "unknown policy knob '%.*s' (known: "
				 "swp_exclusive=off, swp_exclusive=on, "
				 "pt_poison=kill, pt_poison=unhandlable)",
				 (int)len, knob);
			return -EINVAL;
		}
	}
	snprintf(out->name, sizeof(out->name), "%s", spec);
	return 0;
}
