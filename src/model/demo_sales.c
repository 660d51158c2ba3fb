/*
 * The demo's sales and money: orders of the first customers confirmed,
 * invoiced and shipped at dates in the past two months, and payments for
 * some of them, so that a director asking who owes us, how much is
 * overdue and how much money there is gets answers the first time.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "model/model.h"
#include "model/money.h"
#include "model/sales.h"
#include "model/stock.h"
#include "xmalloc.h"

#define NDEMO	6

static uint64_t
by_code(struct tx *x, const char *entity, const char *code)
{
	uint64_t	 id = 0;

	if (tx_find_code(x, dict_entity(entity), code, &id) != ST_OK)
		return (0);
	return (id);
}

/* A confirmed order of two lines for customer, dated date; *id. */
static int
demo_order(struct tx *x, uint64_t cust, uint64_t wh, int64_t date, int k,
    uint64_t *id, char **cause)
{
	const struct entity_def	*he = sales_header(SALES_ORDER);
	const struct entity_def	*le = sales_lines(SALES_ORDER);
	struct record		*h, *l[2];
	char			 sku[16];
	int64_t			 errline;
	int			 i, rc;

	h = record_new(he);
	record_set_int(h, dict_field_pos(he, "customer"), (int64_t)cust);
	record_set_int(h, dict_field_pos(he, "warehouse"), (int64_t)wh);
	record_set_int(h, dict_field_pos(he, "date"), date);
	for (i = 0; i < 2; i++) {
		l[i] = record_new(le);
		snprintf(sku, sizeof sku, "SKU-%04d", i == 0 ? 1001 + k :
		    1010);
		record_set_int(l[i], dict_field_pos(le, "product"),
		    (int64_t)by_code(x, "products", sku));
		record_set_int(l[i], dict_field_pos(le, "qty"),
		    (int64_t)(2 + k % 3) * 1000);
	}
	rc = sales_save(x, h, 0, 1, l, 2, &errline, cause);
	*id = record_id(h);
	record_free(h);
	record_free(l[0]);
	record_free(l[1]);
	if (rc == ST_OK)
		rc = so_confirm(x, *id, 0, &errline, cause);
	return (rc);
}

/* The shipment of what is left of an order, dated date and posted, in
 * one step (as the TUI's S and `kontor ship SO --post`): the shipment
 * and its lines written once, posted, not a draft saved, re-dated and
 * posted after. */
static int
demo_ship(struct tx *x, uint64_t so, int64_t date, char **cause)
{
	uint64_t	 id;
	int64_t		 errline;

	return (so_ship_post_on(x, so, date, 0, &id, &errline, cause));
}

int
model_demo_sales(struct tx *x, const uint64_t *cust, size_t n,
    char **cause)
{
	const struct entity_def	*ie = sales_header(SALES_INVOICE);
	struct money_payment	 mp;
	struct record		*inv;
	uint64_t		 wh, bank, so, invid, pid;
	int64_t			 today = stock_today(), date, gross;
	int			 k, rc, dup;

	wh = by_code(x, "warehouses", "MAIN");
	bank = by_code(x, "accounts", "BANK");
	if (wh == 0 || bank == 0 || n < NDEMO)
		return (ST_OK);
	for (k = 0; k < NDEMO; k++) {
		/* 60, 50 ... 10 days ago; shipped two days later. */
		date = date_add_days(today, -(60 - 10 * k));
		if ((rc = demo_order(x, cust[k], wh, date, k, &so,
		    cause)) != ST_OK ||
		    (rc = invoice_make(x, so, &invid, cause)) != ST_OK ||
		    (rc = demo_ship(x, so, date_add_days(date, 2),
		    cause)) != ST_OK)
			return (rc);
		/* Made the day the order was: due on it too (no terms). */
		if ((rc = tx_get(x, ie, invid, 1, &inv)) != ST_OK)
			return (rc);
		record_set_int(inv, dict_field_pos(ie, "date"), date);
		record_set_int(inv, dict_field_pos(ie, "due_date"), date);
		if ((rc = tx_update(x, inv, record_rev(inv), cause)) != ST_OK) {
			record_free(inv);
			return (rc);
		}
		gross = record_int(inv, dict_field_pos(ie, "gross"));
		/* Paid in full, half, and nothing: the rest is overdue. */
		memset(&mp, 0, sizeof mp);
		mp.date = date_add_days(date, 5);
		mp.account = bank;
		mp.customer = cust[k];
		mp.document = record_str(inv, FX_CODE);
		mp.amount = k % 3 == 0 ? gross : k % 3 == 1 ? gross / 2 : 0;
		mp.purpose = "Оплата по счёту";
		mp.source = "demo";
		rc = mp.amount > 0 ? money_pay(x, &mp, &pid, &dup, cause) :
		    ST_OK;
		record_free(inv);
		if (rc != ST_OK)
			return (rc);
	}
	return (ST_OK);
}
