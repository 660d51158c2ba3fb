/*
 * The demo company's production: it assembles flat distribution boards
 * from the breakers and cable it sells, in an assembly shop.  A work
 * centre, two BOMs (the board takes a wiring harness, itself made from
 * cable: two levels), orders done, one released and one planned that is
 * short of a component, all posted through the same rules as a
 * planner's.
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
#include "model/production.h"
#include "model/stock.h"
#include "xmalloc.h"

#define POS(e, n)	dict_field_pos(e, (n))

static uint64_t
by_code(struct tx *x, const char *entity, const char *code)
{
	uint64_t	 id;

	if (tx_find_code(x, dict_entity(entity), code, &id) != ST_OK)
		return (0);
	return (id);
}

static int
save(struct tx *x, struct record *r, uint64_t *id, char **cause)
{
	int	 rc = model_save(x, r, 0, cause);

	if (id != NULL)
		*id = record_id(r);
	record_free(r);
	return (rc);
}

/* A BOM of product: (component SKU, quantity, scrap) lines. */
static int
demo_bom(struct tx *x, uint64_t product, uint64_t wc, int64_t hours,
    const char *const *sku, const int64_t *qty, const int64_t *scrap,
    int n, char **cause)
{
	const struct entity_def	*be = dict_entity("boms");
	const struct entity_def	*le = dict_entity("bom_lines");
	struct record		*r;
	uint64_t		 bom;
	int			 i, rc;

	r = record_new(be);
	record_set_int(r, POS(be, "product"), (int64_t)product);
	record_set_str(r, POS(be, "version"), "1");
	record_set_int(r, POS(be, "yield"), 1000);
	record_set_int(r, POS(be, "work_centre"), (int64_t)wc);
	record_set_int(r, POS(be, "hours"), hours);
	if ((rc = save(x, r, &bom, cause)) != ST_OK)
		return (rc);
	for (i = 0; i < n; i++) {
		r = record_new(le);
		record_set_int(r, POS(le, "bom"), (int64_t)bom);
		record_set_int(r, POS(le, "component"),
		    (int64_t)by_code(x, "products", sku[i]));
		record_set_int(r, POS(le, "qty"), qty[i]);
		if (scrap[i] != 0)
			record_set_int(r, POS(le, "scrap"), scrap[i]);
		if ((rc = save(x, r, NULL, cause)) != ST_OK)
			return (rc);
	}
	return (ST_OK);
}

/* An order of qty of product at MAIN, planned from start. */
static int
demo_mo(struct tx *x, uint64_t product, uint64_t wh, int64_t qty,
    int64_t date, int64_t start, uint64_t *id, char **cause)
{
	const struct entity_def	*oe = dict_entity("production_orders");
	struct record		*r;

	r = record_new(oe);
	record_set_str(r, POS(oe, "kind"), "produce");
	record_set_int(r, POS(oe, "product"), (int64_t)product);
	record_set_int(r, POS(oe, "qty"), qty);
	record_set_int(r, POS(oe, "comp_warehouse"), (int64_t)wh);
	record_set_int(r, POS(oe, "fg_warehouse"), (int64_t)wh);
	record_set_int(r, POS(oe, "date"), date);
	record_set_int(r, POS(oe, "start"), start);
	record_set_int(r, POS(oe, "finish"), date_add_days(start, 2));
	return (save(x, r, id, cause));
}

int
model_demo_production(struct tx *x, char **cause)
{
	static const char *const harness[] = { "SKU-1007", "SKU-1009" };
	static const int64_t	 harness_qty[] = { 2500, 1500 };
	static const int64_t	 harness_scrap[] = { 5000, 0 };
	static const char *const board[] = { "SKU-2001", "SKU-1010",
	    "SKU-2002", "SKU-1001", "SKU-1002" };
	static const int64_t	 board_qty[] = { 1000, 4000, 1000, 4000,
	    4000 };
	static const int64_t	 board_scrap[] = { 0, 0, 0, 0, 0 };
	static const struct {
		const char	*sku, *name, *kind;
		int64_t		 buy, sale;
	} prods[] = {
		{ "SKU-2001", "Корпус щита ЩРН-12 навесной", "material",
		  185000, 0 },
		{ "SKU-2002", "Жгут проводов щита (полуфабрикат)", "material",
		  0, 0 },
		{ "SKU-2003", "Щит квартирный ЩК-12 в сборе", "finished",
		  0, 1450000 },
	};
	const struct entity_def	*pe = dict_entity("products");
	const struct entity_def	*we = dict_entity("work_centres");
	const struct entity_def	*de = dict_entity("stock_docs");
	const struct entity_def	*le = dict_entity("stock_lines");
	struct record		*r;
	uint64_t		 wh, wc, prod[3], doc, mo, done;
	int64_t			 today = stock_today();
	size_t			 i;
	int			 rc;

	if ((wh = by_code(x, "warehouses", "MAIN")) == 0)
		return (ST_OK);
	r = record_new(we);
	record_set_str(r, FX_CODE, "ASM");
	record_set_str(r, POS(we, "name"), "Участок сборки щитов");
	record_set_int(r, POS(we, "hours_per_day"), 8000);
	record_set_str(r, POS(we, "days"), "12345");
	record_set_int(r, POS(we, "rate"), 65000);
	if ((rc = save(x, r, &wc, cause)) != ST_OK)
		return (rc);
	for (i = 0; i < 3; i++) {
		r = record_new(pe);
		record_set_str(r, FX_CODE, prods[i].sku);
		record_set_str(r, POS(pe, "name"), prods[i].name);
		record_set_str(r, POS(pe, "kind"), prods[i].kind);
		record_set_str(r, POS(pe, "unit"), "pcs");
		if (prods[i].buy != 0)
			record_set_int(r, POS(pe, "purchase_price"),
			    prods[i].buy);
		if (prods[i].sale != 0)
			record_set_int(r, POS(pe, "sale_price"),
			    prods[i].sale);
		if ((rc = save(x, r, &prod[i], cause)) != ST_OK)
			return (rc);
	}
	/* The harness from cable, the board from the harness. */
	if ((rc = demo_bom(x, prod[1], wc, 250, harness, harness_qty,
	    harness_scrap, 2, cause)) != ST_OK ||
	    (rc = demo_bom(x, prod[2], wc, 1500, board, board_qty,
	    board_scrap, 5, cause)) != ST_OK)
		return (rc);

	/* The housings and more breakers come in. */
	r = record_new(de);
	record_set_str(r, POS(de, "type"), "receipt");
	record_set_int(r, POS(de, "warehouse"), (int64_t)wh);
	record_set_int(r, POS(de, "date"), date_add_days(today, -20));
	if ((rc = save(x, r, &doc, cause)) != ST_OK)
		return (rc);
	for (i = 0; i < 2; i++) {
		r = record_new(le);
		record_set_int(r, POS(le, "doc"), (int64_t)doc);
		record_set_int(r, POS(le, "product"), (int64_t)(i == 0 ?
		    prod[0] : by_code(x, "products", "SKU-1010")));
		record_set_int(r, POS(le, "qty"), i == 0 ? 10000 : 40000);
		record_set_int(r, POS(le, "unit_cost"), i == 0 ? 185000 :
		    54000);
		if ((rc = save(x, r, NULL, cause)) != ST_OK)
			return (rc);
	}
	if ((rc = stock_post(x, doc, 0, NULL, cause)) != ST_OK)
		return (rc);

	/* Ten harnesses, made in two goes: done. */
	if ((rc = demo_mo(x, prod[1], wh, 10000, date_add_days(today, -14),
	    date_add_days(today, -12), &mo, cause)) != ST_OK ||
	    (rc = mo_release(x, mo, cause)) != ST_OK ||
	    (rc = mo_produce(x, mo, 6000, NULL, 0, NULL,
	    date_add_days(today, -12), &done, cause)) != ST_OK ||
	    (rc = mo_produce(x, mo, 4000, NULL, 0, NULL,
	    date_add_days(today, -11), &done, cause)) != ST_OK)
		return (rc);
	/* Four boards: done, and closed. */
	if ((rc = demo_mo(x, prod[2], wh, 4000, date_add_days(today, -10),
	    date_add_days(today, -8), &mo, cause)) != ST_OK ||
	    (rc = mo_release(x, mo, cause)) != ST_OK ||
	    (rc = mo_produce(x, mo, 4000, NULL, 0, NULL,
	    date_add_days(today, -7), &done, cause)) != ST_OK ||
	    (rc = mo_close(x, mo, cause)) != ST_OK)
		return (rc);
	/* Five more: released, their components reserved. */
	if ((rc = demo_mo(x, prod[2], wh, 5000, today,
	    date_add_days(today, 3), &mo, cause)) != ST_OK ||
	    (rc = mo_release(x, mo, cause)) != ST_OK)
		return (rc);
	/* And three planned: a draft the housings fall short for. */
	return (demo_mo(x, prod[2], wh, 3000, today, date_add_days(today, 7),
	    &mo, cause));
}
