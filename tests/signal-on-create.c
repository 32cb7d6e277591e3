// SPDX-License-Identifier: GPL-2.0-only
/*
 * signal-on-create DIR NAME SIG -- PROGRAM ARGS...: run PROGRAM and send it
 * SIG (INT or TERM) the moment a file named NAME.PID (PID: the program's)
 * is created in DIR, as inotify reports it.  For tests/cli/machine-trust.sh:
 * a signal right after mmsim makes a state file, which polling from a
 * shell script cannot aim at.  Prints "signalled" or "exited STATUS"; gives
 * up (kills the program, exit 1) after 60 s.
 */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char want[256], buf[4096] __attribute__((aligned(8)));
	int fd, sig, st, waited = 0;
	struct pollfd pfd;
	pid_t pid;

	if (argc < 6 || strcmp(argv[4], "--")) {
		fprintf(stderr,
			"usage: %s DIR NAME INT|TERM -- PROGRAM ARGS...\n",
			argv[0]);
		return 2;
	}
	sig = !strcmp(argv[3], "TERM") ? SIGTERM : SIGINT;
	fd = inotify_init1(IN_CLOEXEC);
	if (fd < 0 || inotify_add_watch(fd, argv[1], IN_CREATE) < 0) {
		perror(argv[1]);
		return 1;
	}
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		execv(argv[5], argv + 5);
		_exit(127);
	}
	snprintf(want, sizeof(want), "%s.%d", argv[2], (int)pid);
	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		ssize_t n;
		char *p;

		if (poll(&pfd, 1, 100) == 0) {
			/* The program may end without making the file. */
			if (waitpid(pid, &st, WNOHANG) == pid) {
				printf("exited %d\n", WEXITSTATUS(st));
				return 0;
			}
			if (++waited == 600) {
				kill(pid, SIGKILL);
				waitpid(pid, &st, 0);
				return 1;
			}
			continue;
		}
		n = read(fd, buf, sizeof(buf));
		for (p = buf; n > 0 && p < buf + n;) {
			struct inotify_event *e = (struct inotify_event *)p;

			if (e->len && !strcmp(e->name, want)) {
				kill(pid, sig);
				waitpid(pid, &st, 0);
				if (WIFSIGNALED(st))
					printf("signalled\n");
				else
					printf("exited %d\n", WEXITSTATUS(st));
				return 0;
			}
			p += sizeof(*e) + e->len;
		}
	}
}
