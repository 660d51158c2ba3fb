/*
 * References kept without an index (FF_REFSCAN, issue 16): a product
 * named only by a quote's line (quote_lines.product has no index any
 * more) is still refused on delete, naming the line, as when the index
 * answered; one named by nothing is deleted.  And the dictionary keeps
 * the flag where it means something: an FT_REF field with no index.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "model/model.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static struct store	*st;

static const char *const setup_rows[][12] = {
	{ "users", "login", MT_LOGIN, "name", "Тест Тестович", "roles",
	  "admin" },
	{ "warehouses", "code", "MAIN", "name", "Main" },
	{ "customers", "code", "ACME", "name", "ООО «Ромашка»", "kind",
	  "company" },
	{ "products", "sku", "SKU-1", "name", "Болт М8×40", "sale_price",
	  "15.00", "vat", "20" },
	{ "products", "sku", "SKU-2", "name", "Гайка М8", "sale_price",
	  "1.00", "vat", "20" },
};

static int
group_setup(void **state)
{
	(void)state;
	st = mt_open_rows("refscan", setup_rows[0], NITEMS(setup_rows),
	    NITEMS(setup_rows[0]));
	return (st == NULL ? -1 : 0);
}

/* A quote with one line of SKU-1. */
static int
quote_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*qe = dict_entity("quotes");
	const struct entity_def	*le = dict_entity("quote_lines");
	struct record		*q, *l;
	int			 rc;

	(void)arg;
	q = record_new(qe);
	mt_set(q, "customer", "ACME");
	mt_set(q, "warehouse", "MAIN");
	rc = model_save(x, q, 0, cause);
	if (rc == ST_OK) {
		l = record_new(le);
		record_set_int(l, dict_field_pos(le, "quote"),
		    (int64_t)record_id(q));
		mt_set(l, "product", "SKU-1");
		mt_set(l, "qty", "2");
		rc = model_save(x, l, 0, cause);
		record_free(l);
	}
	record_free(q);
	return (rc);
}

static int
delete_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*pe = dict_entity("products");

	return (model_delete(x, pe, *(uint64_t *)arg, 0, cause));
}

static void
test_delete_refscan(void **state)
{
	uint64_t	 p1, p2;
	char		*cause = NULL;
	int		 rc;

	(void)state;
	rc = store_run(st, MT_LOGIN, "test", quote_tx, NULL, &cause);
	if (rc != ST_OK)
		fail_msg("quote: %s", cause ? cause : "?");
	p1 = mt_id_of(st, "products", "SKU-1");
	p2 = mt_id_of(st, "products", "SKU-2");

	rc = store_run(st, MT_LOGIN, "test", delete_tx, &p1, &cause);
	assert_int_equal(rc, ST_INVALID);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "(field 'product')"));
	assert_non_null(strstr(cause, "still referred to by"));
	/* The line that names it, by its code. */
	assert_non_null(strstr(cause, "QTL-000001"));
	free(cause);
	cause = NULL;
	assert_int_equal(mt_id_of(st, "products", "SKU-1"), p1);

	rc = store_run(st, MT_LOGIN, "test", delete_tx, &p2, &cause);
	if (rc != ST_OK)
		fail_msg("delete SKU-2: %s", cause ? cause : "?");
}

static void
test_refscan_flags(void **state)
{
	const struct entity_def *const	*t;
	size_t				 i, n = 0;

	(void)state;
	for (t = entity_table; *t != NULL; t++)
		for (i = 0; i < (*t)->nfields; i++) {
			const struct field_def	*f = &(*t)->fields[i];

			if (!(f->flags & FF_REFSCAN))
				continue;
			n++;
			if (f->type != FT_REF || (f->flags & FF_INDEXED))
				fail_msg("%s.%s: FF_REFSCAN on an indexed or "
				    "non-reference field", (*t)->name,
				    f->name);
		}
	assert_true(n > 0);
	assert_false(dict_field(dict_entity("quote_lines"),
	    "product")->flags & FF_INDEXED);
	assert_true(dict_field(dict_entity("so_lines"),
	    "product")->flags & FF_INDEXED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delete_refscan),
		cmocka_unit_test(test_refscan_flags),
	};

	return (cmocka_run_group_tests(tests, group_setup, mt_teardown));
}
