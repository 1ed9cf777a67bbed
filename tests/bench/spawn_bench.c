/*
 * spawn_bench ROUNDS NAME CMD... [::: NAME CMD...]...
 *
 * Start-up benchmark: runs every command once per round, in a rotating
 * order (so drift and noise hit all commands alike), timing fork+exec+wait
 * with CLOCK_MONOTONIC. Prints one line per command:
 *   NAME median_ms p10_ms p90_ms
 * stdout/stderr of the commands go to /dev/null. A command that exits
 * non-zero fails the benchmark.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXC 16

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	char *name[MAXC], **cmd[MAXC];
	int nc = 0, rounds;
	double *t[MAXC];

	if (argc < 4)
		return fprintf(stderr, "usage: spawn_bench ROUNDS NAME CMD... [::: NAME CMD...]\n"), 2;
	rounds = atoi(argv[1]);
	for (int i = 2; i < argc && nc < MAXC;) {
		name[nc] = argv[i];
		cmd[nc] = argv + i + 1;
		i++;
		while (i < argc && strcmp(argv[i], ":::"))
			i++;
		if (i < argc)
			argv[i++] = NULL;       /* terminate this command */
		nc++;
	}
	for (int c = 0; c < nc; c++)
		t[c] = calloc((size_t)rounds, sizeof(double));
	for (int r = 0; r < rounds; r++)
		for (int k = 0; k < nc; k++) {
			int c = (r + k) % nc, st;
			struct timespec a, b;
			pid_t p;
			clock_gettime(CLOCK_MONOTONIC, &a);
			p = fork();
			if (p == 0) {
				int dn = open("/dev/null", O_WRONLY);
				dup2(dn, 1);
				dup2(dn, 2);
				execvp(cmd[c][0], cmd[c]);
				_exit(127);
			}
			waitpid(p, &st, 0);
			clock_gettime(CLOCK_MONOTONIC, &b);
			if (!WIFEXITED(st) || WEXITSTATUS(st))
				return fprintf(stderr, "spawn_bench: %s failed (status %d)\n",
					       name[c], st), 1;
			t[c][r] = (double)(b.tv_sec - a.tv_sec) * 1e3 +
				  (double)(b.tv_nsec - a.tv_nsec) / 1e6;
		}
	for (int c = 0; c < nc; c++) {
		qsort(t[c], (size_t)rounds, sizeof(double), cmp);
		printf("%s %.3f %.3f %.3f\n", name[c], t[c][rounds / 2],
		       t[c][rounds / 10], t[c][rounds * 9 / 10]);
	}
	return 0;
}
