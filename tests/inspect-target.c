// SPDX-License-Identifier: GPL-2.0-only
/*
 * The process tests/cli/inspect.sh inspects with `mmsim inspect`: NPAGES
 * (argv[1]) pages of private anonymous memory, each written once, then
 * commands read from stdin, one per line:
 *
 *   fork       fork a child that stays alive; prints "child PID"
 *   write I    the parent writes page I (a COW copy after fork)
 *   quit       kill the child, exit
 *
 * It prints "ready PID ADDR" (ADDR in hex) first and "ok" after every
 * other command, so that the test knows when the state is in place.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096UL

int main(int argc, char **argv)
{
	unsigned long npages = argc > 1 ? strtoul(argv[1], NULL, 0) : 4, i;
	char line[64], *mem;
	pid_t child = 0;

	if (!npages)
		return 2;
	mem = mmap(NULL, npages * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return 1;
	/* Base pages, as the kernel backend's regions. */
	madvise(mem, npages * PAGE, MADV_NOHUGEPAGE);
	for (i = 0; i < npages; i++)
		memset(mem + i * PAGE, (int)i + 1, PAGE);
	printf("ready %d %lx\n", (int)getpid(), (unsigned long)mem);
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin)) {
		if (!strncmp(line, "fork", 4) && !child) {
			child = fork();
			if (child < 0)
				return 1;
			if (!child) {
				/* Stays alive, touching nothing, until killed. */
				prctl(PR_SET_PDEATHSIG, SIGKILL);
				for (;;)
					pause();
			}
			printf("child %d\n", (int)child);
		} else if (!strncmp(line, "write ", 6)) {
			i = strtoul(line + 6, NULL, 0);
			if (i < npages)
				memset(mem + i * PAGE, 0xff, PAGE);
			printf("ok\n");
		} else if (!strncmp(line, "quit", 4)) {
			break;
		} else {
			printf("unknown command\n");
		}
		fflush(stdout);
	}
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	return 0;
}
