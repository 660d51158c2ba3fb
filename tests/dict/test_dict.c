/*
 * The dictionary's own rules (src/dict/entities.c): a reference shown by
 * name in lists (FF_BYNAME) points at an entity that has a name, and the
 * people and firms a clerk knows by name are shown so, while products
 * stay by SKU and warehouses by code.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "dict/dict.h"

static void
test_byname_targets(void **state)
{
	const struct entity_def *const	*e;
	const struct field_def		*f;
	size_t				 i;
	int				 n = 0;

	(void)state;
	for (e = entity_table; *e != NULL; e++)
		for (i = 0; i < (*e)->nfields; i++) {
			f = &(*e)->fields[i];
			if (!(f->flags & FF_BYNAME))
				continue;
			n++;
			print_message("# %s.%s -> %s\n", (*e)->name, f->name,
			    f->ref);
			assert_int_equal(f->type, FT_REF);
			assert_non_null(dict_entity(f->ref));
			assert_true(dict_name_pos(dict_entity(f->ref)) >= 0);
		}
	assert_true(n > 0);
}

/* Field by field, as a clerk reads the lists. */
static void
test_byname_choice(void **state)
{
	static const struct {
		const char	*entity, *field;
		int		 byname;
	} rows[] = {
		{ "sales_orders", "customer", 1 },
		{ "quotes", "customer", 1 },
		{ "shipments", "customer", 1 },
		{ "customer_returns", "customer", 1 },
		{ "deals", "customer", 1 },
		{ "deals", "manager", 1 },
		{ "purchase_orders", "supplier", 1 },
		{ "tasks", "assignee", 1 },
		{ "contacts", "customer", 1 },
		/* Warehouse staff work by SKU, and by the warehouse's code. */
		{ "so_lines", "product", 0 },
		{ "quote_lines", "product", 0 },
		{ "shipment_lines", "product", 0 },
		{ "po_lines", "product", 0 },
		{ "stock_lines", "product", 0 },
		{ "sales_orders", "warehouse", 0 },
		{ "purchase_orders", "warehouse", 0 },
		/* A stage's code is its name already. */
		{ "deals", "stage", 0 },
	};
	const struct entity_def	*e;
	const struct field_def	*f;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		e = dict_entity(rows[i].entity);
		assert_non_null(e);
		f = dict_field(e, rows[i].field);
		assert_non_null(f);
		if (((f->flags & FF_BYNAME) != 0) != rows[i].byname)
			fail_msg("%s.%s: FF_BYNAME %s expected",
			    rows[i].entity, rows[i].field, rows[i].byname ?
			    "set" : "not set");
	}
}

static void
test_name_pos(void **state)
{
	(void)state;
	assert_int_equal(dict_name_pos(dict_entity("customers")),
	    dict_field_pos(dict_entity("customers"), "name"));
	assert_int_equal(dict_name_pos(dict_entity("users")),
	    dict_field_pos(dict_entity("users"), "name"));
	/* deal_stages calls its code "name": no name besides it. */
	assert_int_equal(dict_name_pos(dict_entity("deal_stages")), -1);
	assert_int_equal(dict_name_pos(dict_entity("stock_moves")), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byname_targets),
		cmocka_unit_test(test_byname_choice),
		cmocka_unit_test(test_name_pos),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
