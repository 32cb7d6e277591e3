/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stated limits of a scenario file (docs/scenario-extensions.md,
 * "Limits").  Crossing one is a "FILE:LINE:COL: ... (limit N)" error and
 * exit status 2, never a silent drop, so that no input can make mmsim eat
 * the machine.  Each is generous for a hand-written or generated scenario:
 * the corpus's longest line has 83 bytes and 18 tokens, its largest
 * mapping 512 pages.
 */
#ifndef MMSIM_SCENARIO_LIMITS_H
#define MMSIM_SCENARIO_LIMITS_H

/* Bytes of a scenario file (or of standard input, or of a buffer). */
#define SIM_LIMIT_FILE_BYTES (16UL << 20)
/* Bytes of one line, without its "\n" or "\r\n". */
#define SIM_LIMIT_LINE_BYTES 4096
/* Statements of a file (blank and comment-only lines are not counted). */
#define SIM_LIMIT_STATEMENTS 1000000
/* Words of one statement. */
#define SIM_LIMIT_TOKENS 64
/* Bytes of a process, region, handle or label name. */
#define SIM_LIMIT_NAME_BYTES 63
/* Pages of one mmap: 64 GiB. */
#define SIM_LIMIT_MMAP_PAGES (1UL << 24)
/*
 * Pages of all the mmap statements of a file together: 256 GiB.  The model
 * allocates nothing for a page until it is touched, and an operation on a
 * range skips the page tables that do not exist, so only the statements
 * that touch pages (at most one page each) cost memory.
 */
#define SIM_LIMIT_TOTAL_PAGES (1UL << 26)
/*
 * Pages of all the mlock statements of a file together: 64 MiB.  mlock
 * populates its range, on the model and on the live kernel, so this bounds
 * the memory a file can make resident (and unevictable) in one go.
 */
#define SIM_LIMIT_MLOCK_PAGES (1UL << 14)
/* Processes (p0 included), regions, handles and labels of a file. */
#define SIM_LIMIT_PROCS 64
#define SIM_LIMIT_REGIONS 64
#define SIM_LIMIT_HANDLES 64
#define SIM_LIMIT_LABELS 64
/* Policies of 'broken-under' (repeats count once). */
#define SIM_LIMIT_POLICIES 64
/* Regions or ranges of one statement (munmap, mprotect, madvise...). */
#define SIM_LIMIT_REFS 16

#endif /* MMSIM_SCENARIO_LIMITS_H */
