/*
 * bench/eval/cputime.c — runs a command with its standard output to a
 * file and prints what it took: "CPU_NS WALL_NS", the CPU time (user +
 * system, from wait4's rusage, to the microsecond) and the wall-clock
 * time, in nanoseconds.  bench/eval.sh times `pacta eval` and the plain
 * parse with it: the shell's `times` counts in clock ticks (10 ms), too
 * coarse for runs of a few tenths of a second.
 *
 *   cputime OUT CMD [ARG...]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec a, b;
	struct rusage ru;
	int status, fd;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: cputime OUT CMD [ARG...]\n");
		return 2;
	}
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid == 0) {
		dup2(fd, 1);
		close(fd);
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	close(fd);
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid) {
		perror("cputime");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%lld %lld\n",
	       (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000
	               + (long long)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000,
	       (long long)(b.tv_sec - a.tv_sec) * 1000000000 + (b.tv_nsec - a.tv_nsec));
	return WIFEXITED(status) && WEXITSTATUS(status) <= 1 ? 0 : 1;
}
