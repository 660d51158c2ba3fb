#ifndef KONTOR_DB_KEYSORT_H
#define KONTOR_DB_KEYSORT_H

#include <stddef.h>
#include <stdint.h>

/*
 * An external sort of byte records: they are kept in the heap up to a
 * budget, then sorted and written as a run to a spill file (db/spill.h),
 * and read back merged, in the order of cmp.  An import's index keys:
 * ten million customers make some 150 million of them, the heap holds
 * the budget.  Errors are errno values.
 */
struct keysort;

typedef int	(*keysort_cmp)(const void *, size_t, const void *, size_t);

struct keysort	*keysort_new(const char *dir, size_t budget, keysort_cmp);
/*
 * A record's prefix, compared first (the sort reads no record while two
 * prefixes differ): fn(a) < fn(b) must mean cmp(a, b) < 0.  Records of
 * equal prefixes are compared by cmp.
 */
typedef uint64_t (*keysort_prefix)(const void *, size_t);
void		 keysort_set_prefix(struct keysort *, keysort_prefix);
/* Add a record; 0 or an errno. */
int		 keysort_put(struct keysort *, const void *, size_t);
uint64_t	 keysort_count(const struct keysort *);
/* The runs written to files so far. */
size_t		 keysort_runs(const struct keysort *);
/* No more records: sort them; 0 or an errno.  Then keysort_next. */
int		 keysort_done(struct keysort *);
/* The next record in order: 1 and *p (valid until the next call) and
 * *len, 0 at the end, -1 and errno on an error. */
int		 keysort_next(struct keysort *, const char **p, size_t *len);
void		 keysort_free(struct keysort *);

#endif
