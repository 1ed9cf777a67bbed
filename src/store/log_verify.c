/*
 * Verifying an event log file, using both cores (spec/verify.md §5).
 *
 * The main thread reads the file into a ring of NBLK blocks, each holding
 * whole lines (a partial last line is carried into the next block; a
 * block grows beyond BLOCK only to hold one longer line). Worker threads
 * run stage A (audit_line_check) on blocks as they fill, and stage B
 * (audit_verifier_accept) on finished blocks in file order: whichever
 * thread is free takes the next block due for stage B, one at a time.
 * The main thread is one of the workers when it has nothing to read, so
 * there are as many threads as CPUs: on our VMs a context switch costs
 * tens of microseconds, and oversubscribing two cores cost more than the
 * parallelism gained. Memory is NBLK blocks and their per-line results
 * whatever the size of the log. (Mapping the file instead was measured
 * slower too: page faults cost more than read's copy.)
 *
 * With one thread (NONO_VERIFY_THREADS=1 or one CPU) the same core
 * functions run through audit_verifier_push.
 */
#include "log_verify.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK ((size_t)512 << 10)
#define NBLK 4
#define MAX_WORKERS 4

enum { B_FREE, B_FILLED, B_TAKEN, B_DONE };

struct block {
	int state;
	uint8_t *data;
	size_t len, cap;
	struct audit_line *res;
	size_t nres, rescap;
};

struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct block blk[NBLK];
	struct audit_verifier *v;
	uint64_t next_work;   /* next block for stage A */
	uint64_t accepted;    /* blocks through stage B */
	uint64_t filled;      /* blocks cut so far */
	int accepting;        /* a worker is running stage B */
	int stop;
	int oom;
};

/* Stage A over every line of a block; stops at the block's first line
 * error (stage B would stop there or earlier). */
static int work_block(struct block *b)
{
	size_t pos = 0;

	b->nres = 0;
	while (pos < b->len) {
		const uint8_t *p = b->data + pos;
		const uint8_t *nl = memchr(p, '\n', b->len - pos);
		size_t n = (size_t)(nl - p);
		struct audit_line *l;

		if (b->nres == b->rescap) {
			size_t cap = b->rescap ? 2 * b->rescap : 1024;
			struct audit_line *r = realloc(b->res, cap * sizeof *r);
			if (!r)
				return -1;
			b->res = r;
			b->rescap = cap;
		}
		l = &b->res[b->nres++];
		if (n == 0) {
			l->err = AV_EMPTY_LINE;
			l->detail = 0;
		} else if (n > AUDIT_LINE_MAX) {
			l->err = AV_TOO_LONG;
			l->detail = 0;
		} else {
			audit_line_check(p, n, l);
		}
		if (l->err != AV_OK)
			break;
		pos += n + 1;
	}
	return 0;
}

/* Does one unit of work if there is one: stage B on the next block in
 * order (preferred: it frees a block), else stage A on the next filled
 * block. Called and returns with pp->mu held; 0 when there was nothing. */
static int step(struct pipe *pp)
{
	struct block *b = &pp->blk[pp->accepted % NBLK];

	if (!pp->accepting && pp->accepted < pp->filled && b->state == B_DONE) {
		pp->accepting = 1;
		pthread_mutex_unlock(&pp->mu);
		for (size_t i = 0; i < b->nres && pp->v->err == AV_OK; i++)
			(void)audit_verifier_accept(pp->v, &b->res[i]);
		pthread_mutex_lock(&pp->mu);
		pp->accepting = 0;
		b->state = B_FREE;
		pp->accepted++;
		if (pp->v->err != AV_OK)
			pp->stop = 1;
		pthread_cond_broadcast(&pp->cv);
		return 1;
	}
	if (pp->next_work < pp->filled) {
		int rc;
		b = &pp->blk[pp->next_work % NBLK];
		pp->next_work++;
		b->state = B_TAKEN;
		pthread_mutex_unlock(&pp->mu);
		rc = work_block(b);
		pthread_mutex_lock(&pp->mu);
		if (rc < 0) {
			pp->oom = 1;
			pp->stop = 1;
		}
		b->state = B_DONE;
		pthread_cond_broadcast(&pp->cv);
		return 1;
	}
	return 0;
}

static void *worker(void *arg)
{
	struct pipe *pp = arg;

	pthread_mutex_lock(&pp->mu);
	while (!pp->stop)
		if (!step(pp))
			pthread_cond_wait(&pp->cv, &pp->mu);
	pthread_mutex_unlock(&pp->mu);
	return NULL;
}

static int single_thread(int fd, struct audit_verifier *v)
{
	static uint8_t chunk[1 << 18];
	uint8_t *lbuf = malloc(AUDIT_LINE_MAX);

	if (!lbuf)
		return -1;
	audit_verifier_init(v, lbuf, AUDIT_LINE_MAX);
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(lbuf);
			return -1;
		}
		if (n == 0 || audit_verifier_push(v, chunk, (size_t)n) < 0)
			break;
	}
	if (v->err == AV_OK)
		(void)audit_verifier_finish(v);
	free(lbuf);
	return 0;
}

static int thread_count(void)
{
	const char *e = getenv("NONO_VERIFY_THREADS");
	long n = e ? strtol(e, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	return n > MAX_WORKERS ? MAX_WORKERS : (int)n;
}

/* Reads into b: carry first, then file data, then moves any partial last
 * line back into carry. Returns 1 when no complete line was read, 0, or
 * -1 on a read or memory error. */
static int fill_block(int fd, struct block *b, uint8_t **carry,
		      size_t *carry_len, size_t *carry_cap, int *eof)
{
	size_t end;

	if (b->cap < BLOCK || b->cap < *carry_len + 1) {
		size_t cap = *carry_len + 1 > BLOCK ? *carry_len + BLOCK : BLOCK;
		uint8_t *d = realloc(b->data, cap);
		if (!d)
			return -1;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data, *carry, *carry_len);
	b->len = *carry_len;
	*carry_len = 0;
	for (;;) {
		while (!*eof && b->len < b->cap) {
			ssize_t r = read(fd, b->data + b->len, b->cap - b->len);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0)
				return -1;
			if (r == 0)
				*eof = 1;
			b->len += (size_t)r;
		}
		end = b->len;
		while (end > 0 && b->data[end - 1] != '\n')
			end--;
		if (end > 0 || *eof || b->len > AUDIT_LINE_MAX)
			break;
		{
			/* one line longer than the block: grow, read on */
			uint8_t *d = realloc(b->data, 2 * b->cap);
			if (!d)
				return -1;
			b->data = d;
			b->cap *= 2;
		}
	}
	if (end == 0 && b->len > AUDIT_LINE_MAX) {
		/* no newline within the limit: one overlong "line" for the
		 * worker to report (AV_TOO_LONG) */
		b->data[b->len - 1] = '\n';
		end = b->len;
	}
	if (b->len - end > *carry_cap) {
		uint8_t *c = realloc(*carry, b->len - end);
		if (!c)
			return -1;
		*carry = c;
		*carry_cap = b->len - end;
	}
	memcpy(*carry, b->data + end, b->len - end);
	*carry_len = b->len - end;
	b->len = end;
	return end == 0 ? 1 : 0;
}

int log_verify_fd(int fd, struct audit_verifier *v)
{
	struct pipe pp;
	pthread_t th[MAX_WORKERS];
	int nw = thread_count(), started = 0, eof = 0, rc = 0;
	uint8_t *carry = NULL;
	size_t carry_len = 0, carry_cap = 0;

	if (nw < 2)
		return single_thread(fd, v);
	audit_verifier_init(v, NULL, 0);
	memset(&pp, 0, sizeof pp);
	pp.v = v;
	pthread_mutex_init(&pp.mu, NULL);
	pthread_cond_init(&pp.cv, NULL);
	for (; started < nw - 1; started++)
		if (pthread_create(&th[started], NULL, worker, &pp) != 0)
			break;
	if (started == 0) {
		pthread_mutex_destroy(&pp.mu);
		pthread_cond_destroy(&pp.cv);
		return single_thread(fd, v);
	}
	pthread_mutex_lock(&pp.mu);
	while (!pp.stop) {
		struct block *f = &pp.blk[pp.filled % NBLK];

		if (!eof && pp.filled - pp.accepted < NBLK && f->state == B_FREE) {
			int r;
			pthread_mutex_unlock(&pp.mu);
			r = fill_block(fd, f, &carry, &carry_len, &carry_cap,
				       &eof);
			pthread_mutex_lock(&pp.mu);
			if (r < 0) {
				rc = -1;
				break;
			}
			if (r == 0) {
				f->state = B_FILLED;
				pp.filled++;
				pthread_cond_broadcast(&pp.cv);
			}
			continue;
		}
		if (eof && pp.accepted == pp.filled)
			break;
		if (!step(&pp))
			pthread_cond_wait(&pp.cv, &pp.mu);
	}
	if (pp.oom)
		rc = -1;
	pp.stop = 1;
	pthread_cond_broadcast(&pp.cv);
	pthread_mutex_unlock(&pp.mu);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	if (rc == 0 && v->err == AV_OK && carry_len > 0) {
		v->err = AV_INCOMPLETE;
		v->err_line = v->count + 1;
	}
	for (int i = 0; i < NBLK; i++) {
		free(pp.blk[i].data);
		free(pp.blk[i].res);
	}
	free(carry);
	pthread_mutex_destroy(&pp.mu);
	pthread_cond_destroy(&pp.cv);
	return rc;
}
