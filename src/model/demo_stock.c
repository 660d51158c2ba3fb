/*
 * The demo company's catalog and warehouse: products with real barcodes,
 * price lists, suppliers, two warehouses with stock received, moved,
 * reserved and counted, and purchase orders in each state, all posted
 * through the same rules as a clerk's documents.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "model/model.h"
#include "model/stock.h"
#include "xmalloc.h"

static const struct {
	const char	*name;
	const char	*unit;
	const char	*cat;
	int64_t		 buy;		/* kopecks */
	int64_t		 qty;		/* received, thousandths */
} demo_products[] = {
	{ "Болт М8×40 оцинкованный", "pcs", "FAST", 450, 5000000 },
	{ "Гайка М8 DIN 934", "pcs", "FAST", 120, 8000000 },
	{ "Шайба 8 плоская", "pcs", "FAST", 60, 10000000 },
	{ "Саморез 4,2×75 по дереву", "pcs", "FAST", 90, 12000000 },
	{ "Дюбель 6×40 нейлон", "pcs", "FAST", 70, 6000000 },
	{ "Анкерный болт 10×100", "pcs", "FAST", 3500, 400000 },
	{ "Кабель ВВГнг 3×2,5", "m", "ELEC", 9800, 1500000 },
	{ "Кабель ВВГнг 3×1,5", "m", "ELEC", 6400, 2000000 },
	{ "Провод ПВС 2×0,75", "m", "ELEC", 3100, 800000 },
	{ "Автомат ABB S201 C16", "pcs", "ELEC", 54000, 60000 },
	{ "Розетка Legrand Valena", "pcs", "ELEC", 32000, 45000 },
	{ "Выключатель Schneider Glossa", "pcs", "ELEC", 21000, 3000 },
	{ "Лампа LED 10 Вт E27", "pcs", "ELEC", 9500, 120000 },
	{ "Краска фасадная белая 10 л", "pcs", "PAINT", 280000, 25000 },
	{ "Грунтовка глубокого проникновения", "l", "PAINT", 11000, 200000 },
	{ "Эмаль ПФ-115 серая", "kg", "PAINT", 26000, 90500 },
	{ "Растворитель 646", "l", "PAINT", 14500, 0 },
	{ "Цемент М500 50 кг", "pcs", "BUILD", 52000, 300000 },
	{ "Смесь штукатурная гипсовая 30 кг", "pcs", "BUILD", 41000, 150000 },
	{ "Гипсокартон 12,5 мм", "pcs", "BUILD", 46000, 220000 },
	{ "Профиль ПП 60×27 3 м", "pcs", "BUILD", 21500, 400000 },
	{ "Утеплитель минвата 50 мм", "pack", "BUILD", 98000, 40000 },
	{ "Перчатки х/б с ПВХ", "pair", "TOOL", 3500, 500000 },
	{ "Рулетка 5 м", "pcs", "TOOL", 24000, 35000 },
	{ "Шуруповёрт аккумуляторный 18 В", "pcs", "TOOL", 690000, 4000 },
	{ "Сверло по бетону 8×120", "pcs", "TOOL", 9000, 150000 },
	{ "Диск отрезной 125×1,2", "pcs", "TOOL", 4200, 2000 },
	{ "Уровень строительный 600 мм", "pcs", "TOOL", 45000, 12000 },
};

static const struct {
	const char	*code;
	const char	*name;
	const char	*parent;
} demo_cats[] = {
	{ "HW", "Хозтовары и стройка", NULL },
	{ "FAST", "Крепёж", "HW" },
	{ "ELEC", "Электрика", "HW" },
	{ "PAINT", "Лакокрасочные материалы", "HW" },
	{ "BUILD", "Стройматериалы", "HW" },
	{ "TOOL", "Инструмент", "HW" },
};

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])
#define POS(e, n)	dict_field_pos(e, (n))

/* A valid EAN-13 in the range given to Russia (460-469). */
static void
demo_ean(int n, char *out)
{
	int	 i, sum = 0;

	snprintf(out, 14, "46070001%04d", n);
	for (i = 0; i < 12; i++)
		sum += (out[i] - '0') * (i % 2 ? 3 : 1);
	out[12] = (char)('0' + (10 - sum % 10) % 10);
	out[13] = '\0';
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

/* A document with lines of (product, qty, cost), posted when post. */
static int
demo_doc(struct tx *x, const char *type, uint64_t wh, uint64_t to,
    const char *reason, const uint64_t *prod, const int64_t *qty,
    const int64_t *cost, int n, int post, uint64_t *out, char **cause)
{
	const struct entity_def	*de = dict_entity("stock_docs");
	const struct entity_def	*le = dict_entity("stock_lines");
	struct record		*d, *l;
	uint64_t		 id;
	int			 i, rc;

	d = record_new(de);
	record_set_str(d, POS(de, "type"), type);
	record_set_int(d, POS(de, "warehouse"), (int64_t)wh);
	if (to != 0)
		record_set_int(d, POS(de, "to_warehouse"), (int64_t)to);
	if (reason != NULL)
		record_set_str(d, POS(de, "reason"), reason);
	if ((rc = save(x, d, &id, cause)) != ST_OK)
		return (rc);
	for (i = 0; i < n; i++) {
		l = record_new(le);
		record_set_int(l, POS(le, "doc"), (int64_t)id);
		record_set_int(l, POS(le, "product"), (int64_t)prod[i]);
		record_set_int(l, POS(le, "qty"), qty[i]);
		if (cost != NULL)
			record_set_int(l, POS(le, "unit_cost"), cost[i]);
		if ((rc = save(x, l, NULL, cause)) != ST_OK)
			return (rc);
	}
	if (out != NULL)
		*out = id;
	return (post ? stock_post(x, id, 0, NULL, cause) : ST_OK);
}

static int
demo_po(struct tx *x, uint64_t sup, uint64_t wh, const uint64_t *prod,
    const int64_t *qty, const int64_t *price, int n, uint64_t *out,
    char **cause)
{
	const struct entity_def	*oe = dict_entity("purchase_orders");
	const struct entity_def	*le = dict_entity("po_lines");
	struct record		*o, *l;
	int			 i, rc;

	o = record_new(oe);
	record_set_int(o, POS(oe, "supplier"), (int64_t)sup);
	record_set_int(o, POS(oe, "warehouse"), (int64_t)wh);
	if ((rc = save(x, o, out, cause)) != ST_OK)
		return (rc);
	for (i = 0; i < n; i++) {
		l = record_new(le);
		record_set_int(l, POS(le, "po"), (int64_t)*out);
		record_set_int(l, POS(le, "product"), (int64_t)prod[i]);
		record_set_int(l, POS(le, "qty"), qty[i]);
		record_set_int(l, POS(le, "price"), price[i]);
		if ((rc = save(x, l, NULL, cause)) != ST_OK)
			return (rc);
	}
	return (ST_OK);
}

int
model_demo_stock(struct tx *x, uint64_t customer, char **cause)
{
	const struct entity_def	*ce = dict_entity("categories");
	const struct entity_def	*pe = dict_entity("products");
	const struct entity_def	*we = dict_entity("warehouses");
	const struct entity_def	*se = dict_entity("suppliers");
	const struct entity_def	*le = dict_entity("price_lists");
	const struct entity_def	*ppe = dict_entity("prices");
	const struct entity_def	*spe = dict_entity("supplier_prices");
	const struct entity_def	*me = dict_entity("stock_limits");
	const struct entity_def	*cue = dict_entity("customers");
	uint64_t		 cat[NELEM(demo_cats)], prod[NELEM(demo_products)];
	uint64_t		 wh[2], sup[3], pl[2], doc, po;
	int64_t			 q[NELEM(demo_products)], c[NELEM(demo_products)];
	uint64_t		 sel[NELEM(demo_products)];
	struct record		*r, *cu;
	char			 buf[64];
	size_t			 i, j, n;
	int			 rc;

	for (i = 0; i < NELEM(demo_cats); i++) {
		r = record_new(ce);
		record_set_str(r, FX_CODE, demo_cats[i].code);
		record_set_str(r, POS(ce, "name"), demo_cats[i].name);
		if (demo_cats[i].parent != NULL)
			record_set_int(r, POS(ce, "parent"), (int64_t)cat[0]);
		if ((rc = save(x, r, &cat[i], cause)) != ST_OK)
			return (rc);
	}
	r = record_new(we);
	record_set_str(r, FX_CODE, "MAIN");
	record_set_str(r, POS(we, "name"), "Основной склад");
	record_set_str(r, POS(we, "address"), "Москва, ул. Складская, д. 7");
	if ((rc = save(x, r, &wh[0], cause)) != ST_OK)
		return (rc);
	r = record_new(we);
	record_set_str(r, FX_CODE, "SHOP");
	record_set_str(r, POS(we, "name"), "Магазин на Садовой");
	if ((rc = save(x, r, &wh[1], cause)) != ST_OK)
		return (rc);

	/* Suppliers; the first is also a customer of ours (same INN). */
	for (i = 0; i < 3; i++) {
		static const char *const names[] = {
			"ООО «Метизы-Опт»", "АО «ЭлектроСнаб»",
			"ООО «Стройкомплект»"
		};

		r = record_new(se);
		record_set_str(r, POS(se, "name"), names[i]);
		record_set_int(r, POS(se, "lead_days"), (int64_t)(3 + i * 2));
		if (i == 0 && tx_get(x, cue, customer, 0, &cu) == ST_OK) {
			record_set_value(r, POS(se, "inn"),
			    &cu->v[POS(cue, "inn")]);
			record_free(cu);
		}
		if ((rc = save(x, r, &sup[i], cause)) != ST_OK)
			return (rc);
	}
	for (i = 0; i < 2; i++) {
		r = record_new(le);
		record_set_str(r, FX_CODE, i == 0 ? "RETAIL" : "WHOLESALE");
		record_set_str(r, POS(le, "name"), i == 0 ? "Розница" : "Опт");
		if ((rc = save(x, r, &pl[i], cause)) != ST_OK)
			return (rc);
	}
	for (i = 0; i < NELEM(demo_products); i++) {
		const char	*cc = demo_products[i].cat;

		for (j = 0; j < NELEM(demo_cats); j++)
			if (strcmp(demo_cats[j].code, cc) == 0)
				break;
		r = record_new(pe);
		snprintf(buf, sizeof buf, "SKU-%04zu", 1001 + i);
		record_set_str(r, FX_CODE, buf);
		record_set_str(r, POS(pe, "name"), demo_products[i].name);
		record_set_str(r, POS(pe, "unit"), demo_products[i].unit);
		demo_ean((int)i + 1, buf);
		record_set_str(r, POS(pe, "barcode"), buf);
		record_set_int(r, POS(pe, "category"), (int64_t)cat[j]);
		record_set_int(r, POS(pe, "purchase_price"),
		    demo_products[i].buy);
		record_set_int(r, POS(pe, "sale_price"),
		    demo_products[i].buy * 16 / 10);
		record_set_int(r, POS(pe, "supplier"), (int64_t)(strcmp(cc,
		    "ELEC") == 0 ? sup[1] : strcmp(cc, "FAST") == 0 ? sup[0] :
		    sup[2]));
		if (i == 15)
			record_set_int(r, POS(pe, "lots"), 1);
		if ((rc = save(x, r, &prod[i], cause)) != ST_OK)
			return (rc);
		for (j = 0; j < 2; j++) {
			r = record_new(ppe);
			record_set_int(r, POS(ppe, "price_list"),
			    (int64_t)pl[j]);
			record_set_int(r, POS(ppe, "product"),
			    (int64_t)prod[i]);
			record_set_int(r, POS(ppe, "price"),
			    demo_products[i].buy * (j == 0 ? 16 : 13) / 10);
			record_set_int(r, POS(ppe, "valid_from"), 20260101);
			if ((rc = save(x, r, NULL, cause)) != ST_OK)
				return (rc);
		}
		r = record_new(spe);
		record_set_int(r, POS(spe, "supplier"), (int64_t)(strcmp(cc,
		    "ELEC") == 0 ? sup[1] : strcmp(cc, "FAST") == 0 ? sup[0] :
		    sup[2]));
		record_set_int(r, POS(spe, "product"), (int64_t)prod[i]);
		record_set_int(r, POS(spe, "price"),
		    demo_products[i].buy * 95 / 100);
		if ((rc = save(x, r, NULL, cause)) != ST_OK)
			return (rc);
		/* Limits for the main warehouse: some are short. */
		r = record_new(me);
		record_set_int(r, POS(me, "product"), (int64_t)prod[i]);
		record_set_int(r, POS(me, "warehouse"), (int64_t)wh[0]);
		record_set_int(r, POS(me, "min_qty"),
		    demo_products[i].qty / 4 + 10000);
		record_set_int(r, POS(me, "max_qty"),
		    demo_products[i].qty + 20000);
		if ((rc = save(x, r, NULL, cause)) != ST_OK)
			return (rc);
	}

	/* Opening stock: one receipt per product, lots for the enamel. */
	for (i = 0, n = 0; i < NELEM(demo_products); i++) {
		if (demo_products[i].qty == 0 || i == 15)
			continue;
		sel[n] = prod[i];
		q[n] = demo_products[i].qty;
		c[n] = demo_products[i].buy;
		n++;
	}
	if ((rc = demo_doc(x, "receipt", wh[0], 0, NULL, sel, q, c, (int)n,
	    1, NULL, cause)) != ST_OK)
		return (rc);
	{
		const struct entity_def	*de = dict_entity("stock_docs");
		const struct entity_def	*lne = dict_entity("stock_lines");
		struct record		*d = record_new(de), *l;

		record_set_str(d, POS(de, "type"), "receipt");
		record_set_int(d, POS(de, "warehouse"), (int64_t)wh[0]);
		record_set_int(d, POS(de, "supplier"), (int64_t)sup[2]);
		if ((rc = save(x, d, &doc, cause)) != ST_OK)
			return (rc);
		l = record_new(lne);
		record_set_int(l, POS(lne, "doc"), (int64_t)doc);
		record_set_int(l, POS(lne, "product"), (int64_t)prod[15]);
		record_set_int(l, POS(lne, "qty"), demo_products[15].qty);
		record_set_int(l, POS(lne, "unit_cost"),
		    demo_products[15].buy);
		record_set_str(l, POS(lne, "lot"), "П-2611");
		record_set_int(l, POS(lne, "expiry"), 20280630);
		if ((rc = save(x, l, NULL, cause)) != ST_OK ||
		    (rc = stock_post(x, doc, 0, NULL, cause)) != ST_OK)
			return (rc);
	}
	/* To the shop: one arrived, one still on the way. */
	sel[0] = prod[0]; q[0] = 500000;
	sel[1] = prod[6]; q[1] = 100000;
	sel[2] = prod[12]; q[2] = 40000;
	if ((rc = demo_doc(x, "transfer", wh[0], wh[1], NULL, sel, q, NULL, 3,
	    1, &doc, cause)) != ST_OK ||
	    (rc = stock_post(x, doc, 0, NULL, cause)) != ST_OK)
		return (rc);
	sel[0] = prod[23]; q[0] = 5000;
	if ((rc = demo_doc(x, "transfer", wh[0], wh[1], NULL, sel, q, NULL, 1,
	    1, NULL, cause)) != ST_OK)
		return (rc);
	/* Sold in the shop, reserved for a customer, counted, written off. */
	sel[0] = prod[0]; q[0] = 120000;
	sel[1] = prod[12]; q[1] = 15000;
	if ((rc = demo_doc(x, "issue", wh[1], 0, NULL, sel, q, NULL, 2, 1,
	    NULL, cause)) != ST_OK)
		return (rc);
	sel[0] = prod[9]; q[0] = 20000;
	sel[1] = prod[13]; q[1] = 10000;
	if ((rc = demo_doc(x, "reservation", wh[0], 0, NULL, sel, q, NULL, 2,
	    1, NULL, cause)) != ST_OK)
		return (rc);
	sel[0] = prod[1]; q[0] = 7985000;
	sel[1] = prod[2]; q[1] = 10000000;
	if ((rc = demo_doc(x, "count", wh[0], 0, NULL, sel, q, NULL, 2, 1,
	    NULL, cause)) != ST_OK)
		return (rc);
	sel[0] = prod[26]; q[0] = -1000;
	if ((rc = demo_doc(x, "adjustment", wh[0], 0, "Брак при приёмке",
	    sel, q, NULL, 1, 1, NULL, cause)) != ST_OK)
		return (rc);
	/* A receipt drafted by the warehouse, not yet posted. */
	sel[0] = prod[3]; q[0] = 1000000;
	if ((rc = demo_doc(x, "receipt", wh[0], 0, NULL, sel, q, NULL, 1, 0,
	    NULL, cause)) != ST_OK)
		return (rc);

	/* Purchase orders: one sent (on order), one partly received, a
	 * draft. */
	sel[0] = prod[11]; q[0] = 50000; c[0] = 20000;
	sel[1] = prod[16]; q[1] = 100000; c[1] = 14000;
	if ((rc = demo_po(x, sup[1], wh[0], sel, q, c, 2, &po, cause)) !=
	    ST_OK || (rc = po_send(x, po, cause)) != ST_OK)
		return (rc);
	sel[0] = prod[26]; q[0] = 100000; c[0] = 4000;
	sel[1] = prod[24]; q[1] = 10000; c[1] = 650000;
	if ((rc = demo_po(x, sup[2], wh[0], sel, q, c, 2, &po, cause)) !=
	    ST_OK || (rc = po_send(x, po, cause)) != ST_OK ||
	    (rc = po_receive(x, po, &doc, cause)) != ST_OK)
		return (rc);
	/* Only part of it came. */
	{
		const struct entity_def	*lne = dict_entity("stock_lines");
		struct record		**ls;
		size_t			 nl, k;

		if ((rc = stock_lines_of(x, lne, doc, &ls, &nl)) != ST_OK)
			return (rc);
		for (k = 0; k < nl && rc == ST_OK; k++) {
			record_set_int(ls[k], POS(lne, "qty"),
			    record_int(ls[k], POS(lne, "qty")) / 2);
			rc = tx_update(x, ls[k], record_rev(ls[k]), cause);
		}
		stock_rows_free(ls, nl);
		if (rc != ST_OK ||
		    (rc = stock_post(x, doc, 0, NULL, cause)) != ST_OK)
			return (rc);
	}
	sel[0] = prod[4]; q[0] = 2000000; c[0] = 65;
	return (demo_po(x, sup[0], wh[0], sel, q, c, 1, &po, cause));
}
