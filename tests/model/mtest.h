#ifndef KONTOR_TESTS_MTEST_H
#define KONTOR_TESTS_MTEST_H

#include <stddef.h>
#include <stdint.h>

struct field_def;
struct record;
struct store;
struct tx;

/*
 * A scratch store for the model's cmocka tests: a fresh home in a
 * temporary directory, seeded in one transaction, removed at the end;
 * and the small helpers every such test needs.  Failures end the test
 * through cmocka (fail_msg), so the callers stay short.
 */

#define MT_LOGIN	"tester"

/* The store in a new /tmp/kontor-NAME.XXXXXX, seed run in it as
 * MT_LOGIN (NULL: none); NULL and a message when it cannot be made. */
struct store	*mt_open(const char *name,
		    int (*seed)(struct tx *, void *, char **), void *arg);
/* Close the store and remove its directory. */
int		 mt_close(struct store *);

/* Save rows given as { entity, field, value, field, value, ..., NULL }
 * (each row `width` pointers wide), in order, in the caller's
 * transaction. */
int		 mt_rows(struct tx *, const char *const *rows, size_t n,
		    size_t width, char **cause);
/* Set a field from its text form, as an import would (NULL: leave it). */
void		 mt_set(struct record *, const char *field, const char *text);
/* A field's text form as its stored number (money, quantity, date...). */
int64_t		 mt_num(const struct field_def *, const char *text);
/* The id of entity's record with that code. */
uint64_t	 mt_id_of(struct store *, const char *entity, const char *code);

#endif
