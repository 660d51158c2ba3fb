/*
 * External sort: see keysort.h.  Records in an arena; a run is the
 * arena sorted (through an array of offsets) and written out, by a
 * thread while the next records fill a second arena (the two together
 * hold the budget); the runs are merged through a binary heap of their
 * heads.  With a single run nothing is written: it is read from the
 * heap.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db/keysort.h"
#include "db/spill.h"
#include "xmalloc.h"

struct head {
	const char	*p;
	size_t		 len;
	size_t		 run;
};

/* A record in the arena: where, and its prefix (keysort_set_prefix). */
struct ent {
	uint64_t	 pfx;
	size_t		 off;
};

/* An arena of records and their offsets: the one being filled, or the
 * one a thread sorts and writes out as a run. */
struct arena {
	char		*p;		/* [u32 len][bytes], one after another */
	size_t		 len;
	size_t		 cap;
	struct ent	*offs;
	size_t		 n;
	size_t		 ncap;
};

struct keysort {
	char		*dir;
	size_t		 budget;	/* of each of the two arenas */
	keysort_cmp	 cmp;
	keysort_prefix	 prefix;
	struct arena	 a;		/* being filled */
	uint64_t	 count;
	struct spill	**runs;
	size_t		 nruns;
	/* The run being sorted and written by a thread while a is filled. */
	struct arena	 job;
	struct spill	*job_run;
	int		 job_err;
	int		 busy;
	pthread_t	 th;
	/* reading */
	int		 done;
	size_t		 next;		/* in the arena (no runs) */
	struct head	*heap;
	size_t		 nheap;
	int		 popped;	/* the top was handed out: refill it */
};

/* What off_cmp compares in this thread: the arena being sorted. */
struct sorting {
	const char	*arena;
	keysort_cmp	 cmp;
};
static __thread const struct sorting	*sorting;

struct keysort *
keysort_new(const char *dir, size_t budget, keysort_cmp cmp)
{
	struct keysort	*ks = xcalloc(1, sizeof *ks);

	ks->dir = xstrdup(dir != NULL ? dir : ".");
	/* Two arenas: one filled while the other is sorted. */
	ks->budget = budget < 8192 ? 4096 : budget / 2;
	ks->cmp = cmp;
	return (ks);
}

uint64_t
keysort_count(const struct keysort *ks)
{
	return (ks->count);
}

size_t
keysort_runs(const struct keysort *ks)
{
	return (ks->nruns);
}

void
keysort_set_prefix(struct keysort *ks, keysort_prefix fn)
{
	ks->prefix = fn;
}

static int
off_cmp(const void *a, const void *b)
{
	const struct ent	*ea = a, *eb = b;
	const char		*pa, *pb;
	uint32_t		 la, lb;

	if (ea->pfx != eb->pfx)
		return (ea->pfx < eb->pfx ? -1 : 1);
	pa = sorting->arena + ea->off;
	pb = sorting->arena + eb->off;

	memcpy(&la, pa, sizeof la);
	memcpy(&lb, pb, sizeof lb);
	return (sorting->cmp(pa + sizeof la, la, pb + sizeof lb, lb));
}

static void
arena_sort(const struct keysort *ks, struct arena *a)
{
	struct sorting	 so;

	so.arena = a->p;
	so.cmp = ks->cmp;
	sorting = &so;
	xqsort(a->offs, a->n, sizeof *a->offs, off_cmp);
	sorting = NULL;
}

static void
arena_free(struct arena *a)
{
	free(a->p);
	free(a->offs);
	memset(a, 0, sizeof *a);
}

/* The job's arena, sorted, out to its run: 0 or an errno. */
static int
job_run(struct keysort *ks)
{
	struct arena	*a = &ks->job;
	size_t		 i;
	uint32_t	 l;
	int		 e;

	arena_sort(ks, a);
	for (i = 0; i < a->n; i++) {
		memcpy(&l, a->p + a->offs[i].off, sizeof l);
		if ((e = spill_put(ks->job_run, a->p + a->offs[i].off +
		    sizeof l, l)) != 0)
			return (e);
	}
	/* Written to the file (and so read back from it, not the heap). */
	if ((e = spill_rewind(ks->job_run)) != 0)
		return (e);
	return (0);
}

static void *
job_main(void *arg)
{
	struct keysort	*ks = arg;

	ks->job_err = job_run(ks);
	return (NULL);
}

/* The run the thread writes, done: its error, if any. */
static int
job_wait(struct keysort *ks)
{
	if (ks->busy) {
		pthread_join(ks->th, NULL);
		ks->busy = 0;
	}
	return (ks->job_err);
}

/*
 * The arena, out as a run: sorted and written by a thread while the next
 * records fill the other arena (the job's, whose run is written by now),
 * or here when no thread can be made, or when wait says the caller needs
 * it done.  0 or an errno (the previous run's, too).
 */
static int
flush_run(struct keysort *ks, int wait)
{
	struct arena	 t;
	int		 e;

	if ((e = job_wait(ks)) != 0)
		return (e);
	t = ks->job;
	ks->job = ks->a;
	ks->a = t;
	ks->a.n = 0;
	ks->a.len = 0;
	ks->job_run = spill_new(ks->dir);
	ks->runs = xreallocarray(ks->runs, ks->nruns + 1, sizeof *ks->runs);
	ks->runs[ks->nruns++] = ks->job_run;
	if (!wait && pthread_create(&ks->th, NULL, job_main, ks) == 0) {
		ks->busy = 1;
		return (0);
	}
	ks->job_err = job_run(ks);
	return (ks->job_err);
}

int
keysort_put(struct keysort *ks, const void *p, size_t len)
{
	struct arena	*a = &ks->a;
	uint32_t	 l = (uint32_t)len;
	int		 e;

	if (a->len + sizeof l + len > ks->budget && a->n > 0 &&
	    (e = flush_run(ks, 0)) != 0)
		return (e);
	if (a->len + sizeof l + len > a->cap) {
		a->cap = a->cap == 0 ? 65536 : a->cap * 2;
		while (a->cap < a->len + sizeof l + len)
			a->cap *= 2;
		a->p = xreallocarray(a->p, a->cap, 1);
	}
	if (a->n == a->ncap) {
		a->ncap = a->ncap == 0 ? 4096 : a->ncap * 2;
		a->offs = xreallocarray(a->offs, a->ncap, sizeof *a->offs);
	}
	a->offs[a->n].pfx = ks->prefix != NULL ? ks->prefix(p, len) : 0;
	a->offs[a->n++].off = a->len;
	memcpy(a->p + a->len, &l, sizeof l);
	memcpy(a->p + a->len + sizeof l, p, len);
	a->len += sizeof l + len;
	ks->count++;
	return (0);
}

static int
head_less(const struct keysort *ks, const struct head *a,
    const struct head *b)
{
	int	 c = ks->cmp(a->p, a->len, b->p, b->len);

	return (c < 0 || (c == 0 && a->run < b->run));
}

static void
sift_down(struct keysort *ks, size_t i)
{
	struct head	 t;
	size_t		 c;

	for (;;) {
		c = 2 * i + 1;
		if (c >= ks->nheap)
			return;
		if (c + 1 < ks->nheap && head_less(ks, &ks->heap[c + 1],
		    &ks->heap[c]))
			c++;
		if (!head_less(ks, &ks->heap[c], &ks->heap[i]))
			return;
		t = ks->heap[i];
		ks->heap[i] = ks->heap[c];
		ks->heap[c] = t;
		i = c;
	}
}

int
keysort_done(struct keysort *ks)
{
	size_t	 i, j;
	int	 e, r;

	ks->done = 1;
	if (ks->nruns == 0) {
		arena_sort(ks, &ks->a);
		ks->next = 0;
		return (0);
	}
	if (ks->a.n > 0 && (e = flush_run(ks, 1)) != 0)
		return (e);
	if ((e = job_wait(ks)) != 0)
		return (e);
	/* The arenas' memory goes back before the merge. */
	arena_free(&ks->a);
	arena_free(&ks->job);
	ks->heap = xcalloc(ks->nruns, sizeof *ks->heap);
	for (i = 0; i < ks->nruns; i++) {
		if ((e = spill_rewind(ks->runs[i])) != 0)
			return (e);
		r = spill_next(ks->runs[i], &ks->heap[ks->nheap].p,
		    &ks->heap[ks->nheap].len);
		if (r < 0)
			return (errno != 0 ? errno : EIO);
		if (r == 0)
			continue;
		ks->heap[ks->nheap++].run = i;
	}
	for (j = ks->nheap / 2; j-- > 0; )
		sift_down(ks, j);
	return (0);
}

int
keysort_next(struct keysort *ks, const char **p, size_t *len)
{
	struct head	*h;
	uint32_t	 l;
	int		 r;

	if (ks->nruns == 0) {
		if (ks->next >= ks->a.n)
			return (0);
		memcpy(&l, ks->a.p + ks->a.offs[ks->next].off, sizeof l);
		*p = ks->a.p + ks->a.offs[ks->next].off + sizeof l;
		*len = l;
		ks->next++;
		return (1);
	}
	if (ks->popped && ks->nheap > 0) {
		/* The top's record was handed out: its run's next. */
		h = &ks->heap[0];
		r = spill_next(ks->runs[h->run], &h->p, &h->len);
		if (r < 0)
			return (-1);
		if (r == 0)
			ks->heap[0] = ks->heap[--ks->nheap];
		sift_down(ks, 0);
	}
	ks->popped = 0;
	if (ks->nheap == 0)
		return (0);
	*p = ks->heap[0].p;
	*len = ks->heap[0].len;
	ks->popped = 1;
	return (1);
}

void
keysort_free(struct keysort *ks)
{
	size_t	 i;

	if (ks == NULL)
		return;
	(void)job_wait(ks);
	for (i = 0; i < ks->nruns; i++)
		spill_free(ks->runs[i]);
	free(ks->runs);
	free(ks->heap);
	arena_free(&ks->a);
	arena_free(&ks->job);
	free(ks->dir);
	free(ks);
}
