#ifndef KONTOR_DB_SPILL_H
#define KONTOR_DB_SPILL_H

#include <stddef.h>
#include <stdint.h>

/*
 * A spill file: records of bytes written one after the other to an
 * unlinked temporary file in a directory (the home: on the disk, not in
 * a tmpfs), then read back in order, as many times as needed.  What a
 * big transaction would otherwise hold in the heap until its commit (an
 * import's staged rows, its pending audit entries): memory stays flat.
 * Errors are errno values.
 */
struct spill;

struct spill	*spill_new(const char *dir);
/* Append one record; 0 or an errno (the file is created on first use). */
int		 spill_put(struct spill *, const void *, size_t);
/* The records appended so far. */
uint64_t	 spill_count(const struct spill *);
/* Read from the first record again; 0 or an errno. */
int		 spill_rewind(struct spill *);
/* The next record: 1 and *p (valid until the next call) and *len, 0 at
 * the end, -1 and errno on an error. */
int		 spill_next(struct spill *, const char **p, size_t *len);
void		 spill_free(struct spill *);

#endif
