/*
 * Material planning (src/model/plan.c) over a real store: a component
 * used at two depths (C in A's BOM and in B's, B in A's) is netted once,
 * its demand from both levels on one proposal; a draft production order's
 * components are demand on its start, pegged to its number; a make's
 * lead time in working days of its work centre; applying makes the
 * drafts and planning again proposes nothing; available to promise
 * counts the drafts by their dates and says never when they fall short.
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
#include "dict/value.h"
#include "model/model.h"
#include "model/plan.h"
#include "model/stock.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static struct store	*st;
static int64_t		 today;

static const char *const setup_rows[][16] = {
	{ "users", "login", MT_LOGIN, "name", "Тест", "roles", "admin" },
	{ "warehouses", "code", "MAIN", "name", "Main", "allow_negative",
	  "yes" },
	{ "suppliers", "code", "SUP", "name", "ООО «Снаб»", "lead_days",
	  "2" },
	{ "work_centres", "code", "WC1", "name", "Сборка", "hours_per_day",
	  "8", "days", "1234567" },
	{ "products", "sku", "A", "name", "Изделие", "kind", "finished",
	  "vat", "20" },
	{ "products", "sku", "B", "name", "Узел", "kind", "material",
	  "vat", "20" },
	{ "products", "sku", "C", "name", "Деталь", "kind", "material",
	  "vat", "20", "supplier", "SUP", "purchase_price", "7.00" },
	{ "boms", "code", "BA", "product", "A", "version", "1", "yield",
	  "1", "is_default", "yes" },
	{ "bom_lines", "bom", "BA", "line", "1", "component", "B", "qty",
	  "1" },
	{ "bom_lines", "bom", "BA", "line", "2", "component", "C", "qty",
	  "2" },
	{ "boms", "code", "BB", "product", "B", "version", "1", "yield",
	  "1", "is_default", "yes", "work_centre", "WC1", "hours", "4" },
	{ "bom_lines", "bom", "BB", "line", "1", "component", "C", "qty",
	  "3" },
};

struct arg {
	struct plan	*plan;
	char		**codes;
	size_t		 ncodes, skipped;
	int64_t		 date, free_;
	const char	*sku;
	int64_t		 qty;
};

static int
mo_tx(struct tx *x, void *arg, char **cause)
{
	const struct entity_def	*e = dict_entity("production_orders");
	struct record		*r;
	char			 d[16];
	int			 rc;

	(void)arg;
	r = record_new(e);
	mt_set(r, "product", "A");
	mt_set(r, "qty", "10");
	mt_set(r, "comp_warehouse", "MAIN");
	date_format(date_add_days(today, 5), d, sizeof d);
	mt_set(r, "start", d);
	date_format(date_add_days(today, 6), d, sizeof d);
	mt_set(r, "finish", d);
	rc = model_save(x, r, 0, cause);
	record_free(r);
	return (rc);
}

static int
plan_tx(struct tx *x, void *arg, char **cause)
{
	struct arg	*a = arg;

	plan_free(a->plan);
	a->plan = NULL;
	return (plan_run(x, today, PLAN_HORIZON, &a->plan, cause));
}

static int
apply_tx(struct tx *x, void *arg, char **cause)
{
	struct arg	*a = arg;
	int		 rc;

	if ((rc = plan_tx(x, arg, cause)) != ST_OK)
		return (rc);
	return (plan_apply(x, a->plan, NULL, 0, &a->codes, &a->ncodes,
	    &a->skipped, cause));
}

static int
atp_tx(struct tx *x, void *arg, char **cause)
{
	struct arg	*a = arg;
	uint64_t	 pid;
	struct value	 v;
	int		 rc;

	(void)cause;
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)a->sku;
	if ((rc = tx_find(x, dict_entity("products"), FX_CODE, &v, &pid)) !=
	    ST_OK)
		return (rc);
	return (plan_atp(x, pid, mt_id_of(st, "warehouses", "MAIN"), a->qty,
	    &a->date, &a->free_));
}

static int
group_setup(void **state)
{
	(void)state;
	today = stock_today();
	st = mt_open_rows("plan", setup_rows[0], NITEMS(setup_rows),
	    NITEMS(setup_rows[0]));
	return (st == NULL ? -1 : 0);
}

/* "make B 10 T+5 T+4 MO-...|..." of a plan, dates as days from today. */
static void
plan_text(const struct plan *pl, char *buf, size_t len)
{
	char		 q[32];
	size_t		 i, used = 0;
	int64_t		 dn, ds;

	buf[0] = '\0';
	for (i = 0; i < pl->n && used < len; i++) {
		const struct plan_line	*l = &pl->v[i];

		for (dn = 0; date_add_days(today, dn) < l->need; dn++)
			;
		for (ds = 0; date_add_days(today, ds) < l->start; ds++)
			;
		qty_format(l->qty, q, sizeof q);
		used += (size_t)snprintf(buf + used, len - used,
		    "%s%s %s %s T+%lld T+%lld %d %s%s%s", i ? "|" : "",
		    l->action == PLAN_MAKE ? "make" : "buy", l->sku, q,
		    (long long)dn, (long long)ds, l->level,
		    l->for_[0] != '\0' ? l->for_ : "-",
		    l->late ? " late" : "", l->supplier_code != NULL ?
		    " SUP" : "");
	}
}

static void
test_netting(void **state)
{
	struct arg	 a;
	char		*cause = NULL, got[512], want[512], mo[32];
	int		 rc;
	size_t		 i;

	(void)state;
	memset(&a, 0, sizeof a);
	rc = store_run(st, MT_LOGIN, "test", mo_tx, &a, &cause);
	assert_int_equal(rc, ST_OK);
	snprintf(mo, sizeof mo, "MO-%lld-000001", (long long)(today / 10000));

	rc = store_read(st, 0, plan_tx, &a, &cause);
	assert_int_equal(rc, ST_OK);
	plan_text(a.plan, got, sizeof got);
	/*
	 * The draft: 10 of A from T+5 takes 10 B and 20 C on T+5.  B (4 h
	 * each at 8 h a day: 5 days) is made from T+0 to T+5, its 30 C
	 * needed on T+0; C, netted once at level 2, is bought twice: 30 on
	 * T+0 (2 days' lead: ordered today, late) and 20 on T+5.
	 */
	snprintf(want, sizeof want, "make B 10 T+5 T+0 1 %s|"
	    "buy C 30 T+0 T+0 2 %s late SUP|buy C 20 T+5 T+3 2 %s SUP",
	    mo, mo, mo);
	assert_string_equal(got, want);

	rc = store_run(st, MT_LOGIN, "test", apply_tx, &a, &cause);
	assert_int_equal(rc, ST_OK);
	assert_int_equal(a.ncodes, 2);		/* a MO and a PO */
	assert_int_equal(a.skipped, 0);
	for (i = 0; i < a.ncodes; i++)
		free(a.codes[i]);
	free(a.codes);

	rc = store_read(st, 0, plan_tx, &a, &cause);
	assert_int_equal(rc, ST_OK);
	assert_int_equal(a.plan->n, 0);
	plan_free(a.plan);
}

static void
test_atp(void **state)
{
	static const struct {
		const char	*sku;
		const char	*qty;
		int		 days;		/* -1: never */
	} t[] = {
		{ "C", "10", 0 },	/* the PO expected on T+0 */
		{ "C", "50", 0 },	/* ... all of it */
		{ "C", "51", -1 },	/* more than comes */
		{ "B", "10", 5 },	/* its draft MO's finish */
		{ "A", "10", 6 },
		{ "A", "11", -1 },
	};
	struct arg	 a;
	char		*cause = NULL;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		memset(&a, 0, sizeof a);
		a.sku = t[i].sku;
		a.qty = mt_num(dict_field(dict_entity("po_lines"), "qty"),
		    t[i].qty);
		assert_int_equal(store_read(st, 0, atp_tx, &a, &cause),
		    ST_OK);
		if (t[i].days < 0)
			assert_int_equal(a.date, 0);
		else
			assert_int_equal(a.date, date_add_days(today,
			    t[i].days));
		assert_int_equal(a.free_, 0);
	}
	mt_invariants(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_netting),
		cmocka_unit_test(test_atp),
	};

	return (cmocka_run_group_tests(tests, group_setup, mt_teardown));
}
