/*
 * A new stock document saved and posted in one request (doc_save with
 * post, the "doc" op a clerk's screen and bench_stock send): its header
 * is written once, posted (issue 16).  A receipt's payable, summed by
 * the posting, is now summed before the header goes in (stock.c,
 * stock_fresh_lines): the header holds it at revision 1, and the audit
 * journal has one "create" of it naming the payable and no "update";
 * its lines name their products by id.  A supplier's receipt still owes
 * the supplier (due date, balance).  What is refused is refused as
 * before, naming the line: an unknown SKU, a cost below zero.
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

#include "audit.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "model/model.h"
#include "server/req.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static struct store	*st;

static const char *const setup_rows[][12] = {
	{ "users", "login", MT_LOGIN, "name", "Тест Тестович", "roles",
	  "admin" },
	{ "warehouses", "code", "MAIN", "name", "Main" },
	{ "suppliers", "code", "SUP", "name", "ООО «Поставщик»",
	  "terms_days", "10" },
	{ "products", "sku", "SKU-1", "name", "Болт М8×40",
	  "purchase_price", "10.00", "vat", "20" },
	{ "products", "sku", "SKU-2", "name", "Гайка М8",
	  "purchase_price", "2.50", "vat", "10" },
};

static int
group_setup(void **state)
{
	(void)state;
	st = mt_open_rows("fresh", setup_rows[0], NITEMS(setup_rows),
	    NITEMS(setup_rows[0]));
	return (st == NULL ? -1 : 0);
}

struct line {
	const char	*sku, *qty, *cost;
};

struct doc {
	const char	*type, *supplier;
	struct line	 lines[3];
	uint64_t	 id;		/* made */
	int64_t		 errline;
};

static int
doc_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*de = dict_entity("stock_docs");
	const struct entity_def	*le = dict_entity("stock_lines");
	struct doc		*d = arg;
	struct record		*h, *ls[3];
	size_t			 n, i;
	int			 rc;

	h = record_new(de);
	mt_set(h, "type", d->type);
	mt_set(h, "warehouse", "MAIN");
	mt_set(h, "supplier", d->supplier);
	for (n = 0; n < NITEMS(d->lines) && d->lines[n].sku != NULL; n++) {
		ls[n] = record_new(le);
		mt_set(ls[n], "product", d->lines[n].sku);
		mt_set(ls[n], "qty", d->lines[n].qty);
		mt_set(ls[n], "unit_cost", d->lines[n].cost);
	}
	rc = doc_save(x, h, 0, 1, ls, n, 1, 0, &d->errline, cause);
	d->id = record_id(h);
	for (i = 0; i < n; i++)
		record_free(ls[i]);
	record_free(h);
	return (rc);
}

static struct record *
get(const char *entity, uint64_t id)
{
	struct record	*r = NULL;

	if (store_get(st, dict_entity(entity), id, &r) != ST_OK)
		fail_msg("%s %llu: not found", entity, (unsigned long long)id);
	return (r);
}

/* The audit entries of a stock document: their actions, and the value
 * the create gave a field. */
struct seen {
	uint64_t	 id;
	const char	*field;
	char		 actions[64];
	char		 value[32];
};

static int
seen_fn(const struct audit_entry *e, void *arg)
{
	struct seen	*s = arg;
	size_t		 i, n;

	if (strcmp(e->entity, "stock_docs") != 0 || e->id != s->id)
		return (0);
	n = strlen(s->actions);
	snprintf(s->actions + n, sizeof s->actions - n, "%s%s",
	    n > 0 ? " " : "", e->action);
	for (i = 0; i < e->nch; i++)
		if (strcmp(e->ch[i].field, s->field) == 0 &&
		    e->ch[i].after != NULL)
			snprintf(s->value, sizeof s->value, "%s",
			    e->ch[i].after);
	return (0);
}

static void
audit_of(uint64_t id, const char *field, struct seen *s)
{
	char	*cause = NULL;

	memset(s, 0, sizeof *s);
	s->id = id;
	s->field = field;
	if (store_audit_walk(st, 1, seen_fn, s, &cause) != 0)
		fail_msg("audit: %s", cause ? cause : "?");
}

static int64_t
num(const char *entity, const char *field, const struct record *r)
{
	return (record_int(r, dict_field_pos(dict_entity(entity), field)));
}

static void
test_receipt_once(void **state)
{
	const struct entity_def	*le = dict_entity("stock_lines");
	struct doc		 d = { .type = "receipt", .lines = {
		{ "SKU-1", "3", "12.00" },	/* 36.00 + 20 %: 43.20 */
		{ "SKU-2", "4", NULL },		/* 10.00 + 10 %: 11.00 */
	} };
	struct record		*h, **ls;
	struct seen		 s;
	struct value		 v;
	char			*cause = NULL;
	size_t			 n, i;
	int			 rc;

	(void)state;
	rc = store_run(st, MT_LOGIN, "test", doc_tx, &d, &cause);
	if (rc != ST_OK)
		fail_msg("receipt: %s", cause ? cause : "?");
	h = get("stock_docs", d.id);
	assert_string_equal(record_str(h, dict_field_pos(h->ent, "status")),
	    "posted");
	assert_true(num("stock_docs", "payable", h) == 5420);
	assert_int_equal(record_rev(h), 1);
	assert_string_equal(record_str(h, dict_field_pos(h->ent,
	    "posted_by")), MT_LOGIN);
	record_free(h);
	audit_of(d.id, "payable", &s);
	assert_string_equal(s.actions, "create");
	assert_string_equal(s.value, "54.20");

	/* The lines name their products, and the stock holds them. */
	h = mt_stock_row(st, "SKU-2", "MAIN");
	assert_non_null(h);
	assert_true(num("stock", "on_hand", h) == 4000);
	assert_true(num("stock", "value", h) == 1000);
	record_free(h);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)d.id;
	assert_int_equal(store_scan(st, le, dict_field_pos(le, "doc"), &v, 0,
	    1, 10, &ls, &n), ST_OK);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++)
		assert_true(num("stock_lines", "product", ls[i]) ==
		    (int64_t)mt_id_of(st, "products", i == 0 ? "SKU-1" :
		    "SKU-2"));
	for (i = 0; i < n; i++)
		record_free(ls[i]);
	free(ls);
}

static void
test_supplier_receipt(void **state)
{
	struct doc	 d = { .type = "receipt", .supplier = "SUP", .lines = {
		{ "SKU-1", "1", "5.00" },	/* 5.00 + 20 %: 6.00 */
	} };
	struct record	*h;
	char		*cause = NULL;
	int		 rc;

	(void)state;
	rc = store_run(st, MT_LOGIN, "test", doc_tx, &d, &cause);
	if (rc != ST_OK)
		fail_msg("receipt: %s", cause ? cause : "?");
	h = get("stock_docs", d.id);
	assert_true(num("stock_docs", "payable", h) == 600);
	/* Owed to the supplier, due after his terms. */
	assert_true(num("stock_docs", "due_date", h) >
	    num("stock_docs", "date", h));
	assert_string_equal(record_str(h, dict_field_pos(h->ent, "status")),
	    "posted");
	record_free(h);
	mt_invariants(st);
}

static void
test_refused_as_before(void **state)
{
	static const struct {
		struct doc	 d;
		const char	*cause;
		int64_t		 line;
	} rows[] = {
		{ { .type = "receipt", .lines = { { "SKU-1", "1", "1.00" },
		    { "SKU-404", "1", "1.00" } } },
		  "column 'product': no products with code \"SKU-404\"", 2 },
		{ { .type = "receipt", .lines = { { "SKU-1", "1", "-1.00" } } },
		  "unit_cost", 1 },
		{ { .type = "issue", .lines = { { "SKU-404", "1", NULL } } },
		  "column 'product': no products with code \"SKU-404\"", 1 },
	};
	struct doc	 d;
	char		*cause;
	size_t		 i;
	int		 rc;

	(void)state;
	for (i = 0; i < NITEMS(rows); i++) {
		print_message("# row %zu\n", i);
		d = rows[i].d;
		cause = NULL;
		rc = store_run(st, MT_LOGIN, "test", doc_tx, &d, &cause);
		assert_int_equal(rc, ST_INVALID);
		assert_non_null(cause);
		if (strstr(cause, rows[i].cause) == NULL)
			fail_msg("row %zu: \"%s\"", i, cause);
		assert_true(d.errline == rows[i].line);
		free(cause);
	}
	mt_invariants(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_receipt_once),
		cmocka_unit_test(test_supplier_receipt),
		cmocka_unit_test(test_refused_as_before),
	};

	return (cmocka_run_group_tests(tests, group_setup, mt_teardown));
}
