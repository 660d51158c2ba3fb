/*
 * External sort: see keysort.h.  Records in one arena; a run is the
 * arena sorted (through an array of offsets) and written out; the runs
 * are merged through a binary heap of their heads.  With a single run
 * nothing is written: it is read from the heap.
 */
#include "config.h"

#include <errno.h>
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

struct keysort {
	char		*dir;
	size_t		 budget;
	keysort_cmp	 cmp;
	keysort_prefix	 prefix;
	char		*arena;		/* [u32 len][bytes], one after another */
	size_t		 alen;
	size_t		 acap;
	struct ent	*offs;
	size_t		 n;
	size_t		 ncap;
	uint64_t	 count;
	struct spill	**runs;
	size_t		 nruns;
	/* reading */
	int		 done;
	size_t		 next;		/* in the arena (no runs) */
	struct head	*heap;
	size_t		 nheap;
	int		 popped;	/* the top was handed out: refill it */
};

static __thread struct keysort	*sorting;

struct keysort *
keysort_new(const char *dir, size_t budget, keysort_cmp cmp)
{
	struct keysort	*ks = xcalloc(1, sizeof *ks);

	ks->dir = xstrdup(dir != NULL ? dir : ".");
	ks->budget = budget < 4096 ? 4096 : budget;
	ks->cmp = cmp;
	return (ks);
}

uint64_t
keysort_count(const struct keysort *ks)
{
	return (ks->count);
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
arena_sort(struct keysort *ks)
{
	sorting = ks;
	xqsort(ks->offs, ks->n, sizeof *ks->offs, off_cmp);
	sorting = NULL;
}

/* The arena, sorted, out as a run. */
static int
flush_run(struct keysort *ks)
{
	struct spill	*s;
	size_t		 i;
	uint32_t	 l;
	int		 e;

	arena_sort(ks);
	s = spill_new(ks->dir);
	ks->runs = xreallocarray(ks->runs, ks->nruns + 1, sizeof *ks->runs);
	ks->runs[ks->nruns++] = s;
	for (i = 0; i < ks->n; i++) {
		memcpy(&l, ks->arena + ks->offs[i].off, sizeof l);
		if ((e = spill_put(s, ks->arena + ks->offs[i].off + sizeof l,
		    l)) != 0)
			return (e);
	}
	ks->n = 0;
	ks->alen = 0;
	return (0);
}

int
keysort_put(struct keysort *ks, const void *p, size_t len)
{
	uint32_t	 l = (uint32_t)len;
	int		 e;

	if (ks->alen + sizeof l + len > ks->budget && ks->n > 0 &&
	    (e = flush_run(ks)) != 0)
		return (e);
	if (ks->alen + sizeof l + len > ks->acap) {
		ks->acap = ks->acap == 0 ? 65536 : ks->acap * 2;
		while (ks->acap < ks->alen + sizeof l + len)
			ks->acap *= 2;
		ks->arena = xreallocarray(ks->arena, ks->acap, 1);
	}
	if (ks->n == ks->ncap) {
		ks->ncap = ks->ncap == 0 ? 4096 : ks->ncap * 2;
		ks->offs = xreallocarray(ks->offs, ks->ncap,
		    sizeof *ks->offs);
	}
	ks->offs[ks->n].pfx = ks->prefix != NULL ? ks->prefix(p, len) : 0;
	ks->offs[ks->n++].off = ks->alen;
	memcpy(ks->arena + ks->alen, &l, sizeof l);
	memcpy(ks->arena + ks->alen + sizeof l, p, len);
	ks->alen += sizeof l + len;
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
		arena_sort(ks);
		ks->next = 0;
		return (0);
	}
	if (ks->n > 0 && (e = flush_run(ks)) != 0)
		return (e);
	/* The arena's memory goes back before the merge. */
	free(ks->arena);
	ks->arena = NULL;
	ks->acap = 0;
	free(ks->offs);
	ks->offs = NULL;
	ks->ncap = 0;
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
		if (ks->next >= ks->n)
			return (0);
		memcpy(&l, ks->arena + ks->offs[ks->next].off, sizeof l);
		*p = ks->arena + ks->offs[ks->next].off + sizeof l;
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
	for (i = 0; i < ks->nruns; i++)
		spill_free(ks->runs[i]);
	free(ks->runs);
	free(ks->heap);
	free(ks->arena);
	free(ks->offs);
	free(ks->dir);
	free(ks);
}
