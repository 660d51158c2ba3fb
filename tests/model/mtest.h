#ifndef KONTOR_TESTS_MTEST_H
#define KONTOR_TESTS_MTEST_H

#include <stddef.h>
#include <stdint.h>

struct entity_def;
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
/* The same, seeded with rows as mt_rows() takes them. */
struct store	*mt_open_rows(const char *name, const char *const *rows,
		    size_t n, size_t width);
/* The home directory of the store mt_open() made last (to open it
 * raw, or again after a store_close). */
const char	*mt_home(void);
/* Close the store and remove its directory. */
int		 mt_close(struct store *);
/* The same for the store mt_open() made last: a cmocka group teardown. */
int		 mt_teardown(void **state);

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

/*
 * The case runner of the posting tests: one table of cases, run in
 * order, each building on what the earlier ones left.
 *
 * A table is checked to the end, so one bad row does not hide the
 * others: EXPECT prints a mismatch as a TAP comment and counts it;
 * mt_run_cases() runs case 1..n through run and fails once at the end.
 */
extern int	 mt_nfail;
#define EXPECT(cond, ...) do {						\
	if (!(cond)) {							\
		print_message("# %s:%d: ", __FILE__, __LINE__);		\
		print_message(__VA_ARGS__);				\
		print_message("\n");					\
		mt_nfail++;						\
	}								\
} while (0)
void		 mt_run_cases(size_t n, void (*run)(size_t k));
/* Case k's result: the code, the refusal (containing want_cause when
 * not NULL) and, for a refusal, the line it names. */
void		 mt_expect_result(size_t k, const char *what, int rc,
		    int want_rc, const char *cause, const char *want_cause,
		    int64_t line, int64_t want_line);

/* The documents a table names ("so1"): made by a case, used by later
 * ones; name_get fails the test when none is named so. */
struct mt_named {
	const char		*name;
	const struct entity_def	*e;
	uint64_t		 id;
};
void		 mt_name_put(const char *name, const struct entity_def *,
		    uint64_t id);
const struct mt_named *mt_name_get(const char *name);
/* The one of entity e with that id, or NULL. */
const struct mt_named *mt_name_find_id(uint64_t id,
		    const struct entity_def *e);

/* The stock row of a product (SKU) in a warehouse (code), NULL when
 * there is none; the caller frees it. */
struct record	*mt_stock_row(struct store *, const char *sku,
		    const char *wh);
/* Case k: the stock row's fields (cols, n of them: "on_hand", "value"...)
 * are the texts want (an absent row counts as all 0). */
void		 mt_expect_stock(struct store *, size_t k, const char *what,
		    const char *sku, const char *wh, const char *const *cols,
		    const char *const *want, size_t n);
/* After a table: the store's own checks and kontor check's invariants
 * hold (what does not is printed). */
void		 mt_invariants(struct store *);

#endif
