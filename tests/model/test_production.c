/*
 * The posting rules of production (src/model/production.c) over a real
 * store in a fresh temporary home.  One table of cases, run in order,
 * each building on what the earlier ones left: BOMs imported (three
 * levels: a table of a top, legs and screws, the legs of timber, the top
 * of plywood), a cycle refused with its path, the tree exploded, stock
 * received at two costs (the average moves), production orders released
 * (every short component named with its need and what is available),
 * made in part and whole, with scrap, with typed consumption and its
 * variance, a disassembly, closed and cancelled; after each, the stock
 * (on hand, reserved, value) of product x warehouse and fields of the
 * orders and their lines, to the kopeck.  Afterwards kontor check's
 * invariants hold, and the check notices an order whose reservation or
 * ledger does not add up.
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
#include "model/production.h"
#include "model/stock.h"
#include "tests/model/mtest.h"
#include "xmalloc.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])
#define LOGIN		MT_LOGIN

enum act {
	RECEIVE,	/* a receipt of the lines at MAIN, posted */
	ISSUE,		/* an issue of the lines from MAIN, posted */
	BOMS,		/* kontor import boms of the rows (file lines 2...) */
	EXPLODE,	/* the tree of qty of product: want tree */
	MO_NEW,		/* a production order (a draft) */
	RELEASE,	/* release ref */
	PRODUCE,	/* qty of ref, with lines as typed consumption */
	CLOSE,
	CANCEL,
};

/* A row of a BOM file: product, version, yield, component, quantity,
 * scrap, work_centre, hours (bom_columns' order). */
struct bspec {
	const char	*cell[BC_NCOLS];
};

struct lspec {
	const char	*sku, *qty, *cost;
};

struct sspec {
	const char	*sku, *wh, *on_hand, *reserved, *value;
};

/* A field of a named order. */
struct fspec {
	const char	*doc, *field, *value;
};

/* A field of line n of a named order. */
struct mlspec {
	const char	*doc;
	int		 line;
	const char	*field, *value;
};

struct pcase {
	const char	*what;
	enum act	 act;
	const char	*name;		/* names the order made here */
	const char	*ref;
	const char	*kind, *product, *qty, *cwh, *fwh;
	struct bspec	 rows[5];
	struct lspec	 lines[3];
	const char	*reason;
	int		 rc;
	const char	*cause;
	int64_t		 errline;	/* BOMS: the file's line */
	const char	*tree;		/* EXPLODE */
	struct sspec	 stock[4];
	struct fspec	 f[6];
	struct mlspec	 ml[6];
};

#define S(sku, wh, oh, rs, val)	{ sku, wh, oh, rs, val }
#define FS(d, f, v)		{ d, f, v }
#define ML(d, n, f, v)		{ d, n, f, v }
#define ROW(p, v, y, c, q, s, w, h)	{ { p, v, y, c, q, s, w, h, NULL } }

static const struct pcase cases[] = {
	/* BOMs: a table of three levels. */
	{ "BOMs: one row per component", BOMS,
	  .rows = { ROW("TBL", "1", "1", "TOP", "1", NULL, "WC1", "1.5"),
	  ROW("TBL", "1", "1", "LEG", "4", NULL, "WC1", "1.5"),
	  ROW("TBL", "1", "1", "SCR", "16", "5", "WC1", "1.5"),
	  ROW("TOP", "1", "2", "PLY", "1.5", NULL, "WC1", "0.5"),
	  ROW("LEG", "1", "4", "BAR", "3", "10", NULL, NULL) } },
	{ "a BOM that would contain itself: refused with the path", BOMS,
	  .rows = { ROW("BAR", "1", "1", "TBL", "1", NULL, NULL, NULL) },
	  .rc = ST_INVALID, .errline = 2,
	  .cause = "column 'component': BAR would contain itself: "
	  "BAR \xe2\x86\x92 TBL \xe2\x86\x92 LEG \xe2\x86\x92 BAR" },
	{ "... or itself at once", BOMS,
	  .rows = { ROW("TBL", "9", "1", "SCR", "1", NULL, NULL, NULL),
	  ROW("TBL", "9", "1", "TBL", "1", NULL, NULL, NULL) },
	  .rc = ST_INVALID, .errline = 3,
	  .cause = "TBL would contain itself: TBL \xe2\x86\x92 TBL" },
	{ "a quantity of 0: refused naming the column", BOMS,
	  .rows = { ROW("TBL", "9", "1", "SCR", "0", NULL, NULL, NULL) },
	  .rc = ST_INVALID, .errline = 2,
	  .cause = "column 'quantity': more than 0 expected" },
	{ "the rows of a BOM differ in its yield: refused", BOMS,
	  .rows = { ROW("TBL", "9", "1", "SCR", "1", NULL, NULL, NULL),
	  ROW("TBL", "9", "2", "LEG", "1", NULL, NULL, NULL) },
	  .rc = ST_INVALID, .errline = 3, .cause = "differ in yield" },
	{ "the tree: scrap on, up to whole pieces", EXPLODE,
	  .product = "TBL", .qty = "2",
	  .tree = "0 TBL 2|1 TOP 2|2 PLY 1.5|1 LEG 8|2 BAR 6.6|1 SCR 34" },

	/* Stock of the components, the timber at two costs. */
	{ "timber at 50.00", RECEIVE, .lines = { { "BAR", "10", "50.00" },
	  { "PLY", "6", "200.00" }, { "SCR", "200", "0.50" } } },
	{ "timber at 60.00: the average is 55.00", RECEIVE,
	  .lines = { { "BAR", "10", "60.00" } },
	  .stock = { S("BAR", "MAIN", "20", "0", "1100.00") } },

	/* Legs: released, made in two goes. */
	{ "eight legs", MO_NEW, "mo1", .product = "LEG", .qty = "8",
	  .cwh = "MAIN", .fwh = "MAIN",
	  .f = { FS("mo1", "status", "draft"), FS("mo1", "kind",
	  "produce") } },
	{ "released: what the whole order takes is reserved", RELEASE,
	  NULL, "mo1",
	  .stock = { S("BAR", "MAIN", "20", "6.6", "1100.00") },
	  .f = { FS("mo1", "status", "released"), FS("mo1", "yield", "4") },
	  .ml = { ML("mo1", 1, "planned", "6.6"),
	  ML("mo1", 1, "reserved", "6.6") } },
	{ "released twice: refused", RELEASE, NULL, "mo1", .rc = ST_INVALID,
	  .cause = "is released: only a draft is released" },
	{ "four made: the reservation comes down by what they took",
	  PRODUCE, NULL, "mo1", .qty = "4",
	  .stock = { S("BAR", "MAIN", "16.7", "3.3", "918.50"),
	  S("LEG", "MAIN", "4", "0", "181.50") },
	  .f = { FS("mo1", "made", "4"), FS("mo1", "status", "in_progress"),
	  FS("mo1", "cost", "181.50"), FS("mo1", "labour", "0.00"),
	  FS("mo1", "value", "181.50") },
	  .ml = { ML("mo1", 1, "reserved", "3.3"),
	  ML("mo1", 1, "actual", "3.3"),
	  ML("mo1", 1, "value", "181.50") } },
	{ "more timber used than the BOM says: a reason is required",
	  PRODUCE, NULL, "mo1", .qty = "4", .lines = { { "BAR", "3.5" } },
	  .rc = ST_INVALID, .cause = "a reason is required",
	  .stock = { S("BAR", "MAIN", "16.7", "3.3", "918.50") } },
	{ "with a reason: the variance is kept, valued at the average",
	  PRODUCE, NULL, "mo1", .qty = "4", .lines = { { "BAR", "3.5" } },
	  .reason = "сучки",
	  .stock = { S("BAR", "MAIN", "13.2", "0", "726.00"),
	  S("LEG", "MAIN", "8", "0", "374.00") },
	  .f = { FS("mo1", "made", "8"), FS("mo1", "status", "done"),
	  FS("mo1", "cost", "374.00"), FS("mo1", "variance", "11.00"),
	  FS("mo1", "value", "374.00") },
	  .ml = { ML("mo1", 1, "standard", "6.6"),
	  ML("mo1", 1, "actual", "6.8"), ML("mo1", 1, "variance", "11.00"),
	  ML("mo1", 1, "reserved", "0"), ML("mo1", 1, "reason",
	  "сучки") } },
	{ "nothing left to make", PRODUCE, NULL, "mo1", .qty = "1",
	  .rc = ST_INVALID, .cause = "is done: only a released order or one "
	  "in progress is made" },

	/* Tops: labour at the work centre's rate. */
	{ "four tops", MO_NEW, "mo2", .product = "TOP", .qty = "4",
	  .cwh = "MAIN", .fwh = "MAIN" },
	{ "released", RELEASE, NULL, "mo2",
	  .stock = { S("PLY", "MAIN", "6", "3", "1200.00") },
	  .f = { FS("mo2", "rate", "600.00"), FS("mo2", "hours", "0.5") } },
	{ "made: plywood at its cost plus 600.00 x 0.5 h x 4 / 2",
	  PRODUCE, NULL, "mo2", .qty = "4",
	  .stock = { S("PLY", "MAIN", "3", "0", "600.00"),
	  S("TOP", "MAIN", "4", "0", "1200.00") },
	  .f = { FS("mo2", "cost", "600.00"), FS("mo2", "labour", "600.00"),
	  FS("mo2", "value", "1200.00"), FS("mo2", "status", "done") } },

	/* Tables: every short component named. */
	{ "five tables", MO_NEW, "mo3", .product = "TBL", .qty = "5",
	  .cwh = "MAIN", .fwh = "FG" },
	{ "short of tops and legs: refused whole, naming both", RELEASE,
	  NULL, "mo3", .rc = ST_INVALID,
	  .cause = "cannot be released, short at MAIN: TOP needs 5, 4 "
	  "available; LEG needs 20, 8 available",
	  .stock = { S("TOP", "MAIN", "4", "0", "1200.00"),
	  S("SCR", "MAIN", "200", "0", "100.00") },
	  .f = { FS("mo3", "status", "draft") } },
	{ "cancelled, a draft", CANCEL, NULL, "mo3",
	  .f = { FS("mo3", "status", "cancelled") } },
	{ "cancelled again: it is cancelled already (not 'close it')",
	  CANCEL, NULL, "mo3",
	  .rc = ST_INVALID, .cause = "is cancelled already",
	  .f = { FS("mo3", "status", "cancelled") } },
	{ "two tables", MO_NEW, "mo4", .product = "TBL", .qty = "2",
	  .cwh = "MAIN", .fwh = "FG" },
	{ "released: 34 screws for 33.6 (16 x 2 + 5 %)", RELEASE, NULL,
	  "mo4",
	  .stock = { S("TOP", "MAIN", "4", "2", "1200.00"),
	  S("LEG", "MAIN", "8", "8", "374.00"),
	  S("SCR", "MAIN", "200", "34", "100.00") } },
	{ "the legs held for it cannot be issued", ISSUE,
	  .lines = { { "LEG", "1" } }, .rc = ST_INVALID,
	  .cause = "LEG at MAIN: 0 available, 1 requested" },
	{ "typed consumption of what is no component: refused", PRODUCE,
	  NULL, "mo4", .qty = "1", .lines = { { "PLY", "1" } },
	  .reason = "x", .rc = ST_INVALID,
	  .cause = "PLY is not a component of" },
	{ "more than the order: refused", PRODUCE, NULL, "mo4", .qty = "3",
	  .rc = ST_INVALID, .cause = "0 of 2 made, 2 left: 3 is more" },
	{ "half a table: refused", PRODUCE, NULL, "mo4", .qty = "0.5",
	  .rc = ST_INVALID, .cause = "TBL is counted in whole" },
	{ "one made: the components at their averages plus labour",
	  PRODUCE, NULL, "mo4", .qty = "1",
	  .stock = { S("TBL", "FG", "1", "0", "1395.50"),
	  S("TOP", "MAIN", "3", "1", "900.00"),
	  S("LEG", "MAIN", "4", "4", "187.00"),
	  S("SCR", "MAIN", "183", "17", "91.50") },
	  .f = { FS("mo4", "cost", "495.50"), FS("mo4", "labour", "900.00"),
	  FS("mo4", "value", "1395.50"), FS("mo4", "made", "1") },
	  .ml = { ML("mo4", 3, "actual", "17"),
	  ML("mo4", 3, "reserved", "17"), ML("mo4", 3, "value", "8.50") } },
	{ "cancelled with one made: refused", CANCEL, NULL, "mo4",
	  .rc = ST_INVALID, .cause = "close it instead" },
	{ "closed: what it held is released", CLOSE, NULL, "mo4",
	  .stock = { S("TOP", "MAIN", "3", "0", "900.00"),
	  S("LEG", "MAIN", "4", "0", "187.00"),
	  S("SCR", "MAIN", "183", "0", "91.50") },
	  .f = { FS("mo4", "status", "closed") },
	  .ml = { ML("mo4", 1, "reserved", "0"),
	  ML("mo4", 2, "reserved", "0"), ML("mo4", 3, "reserved", "0") } },

	/* A disassembly: the table's value and labour split by the
	 * components' values, the remainder on the last. */
	{ "a table taken apart", MO_NEW, "mo5", .kind = "disassemble",
	  .product = "TBL", .qty = "1", .cwh = "MAIN", .fwh = "FG" },
	{ "released: the table is reserved", RELEASE, NULL, "mo5",
	  .stock = { S("TBL", "FG", "1", "1", "1395.50") },
	  .f = { FS("mo5", "reserved", "1") } },
	/* The table's 1395.50 and 900.00 of labour: 2295.50 in the shares
	 * 1 x 300.00 : 4 x 46.75 : 15 x 0.50 (of 494.50): 1392.619...
	 * and 868.065... to the kopeck, the rest (34.81) on the screws. */
	{ "taken apart: 300 : 187 : 7.50 of 2295.50", PRODUCE, NULL, "mo5",
	  .qty = "1",
	  .stock = { S("TBL", "FG", "0", "0", "0.00"),
	  S("TOP", "MAIN", "4", "0", "2292.62"),
	  S("LEG", "MAIN", "8", "0", "1055.07"),
	  S("SCR", "MAIN", "198", "0", "126.31") },
	  .f = { FS("mo5", "cost", "1395.50"), FS("mo5", "labour", "900.00"),
	  FS("mo5", "value", "2295.50"), FS("mo5", "status", "done"),
	  FS("mo5", "reserved", "0") },
	  .ml = { ML("mo5", 1, "value", "1392.62"),
	  ML("mo5", 2, "value", "868.07"), ML("mo5", 3, "actual", "15"),
	  ML("mo5", 3, "value", "34.81") } },
	{ "another: nothing to take apart", MO_NEW, "mo6",
	  .kind = "disassemble", .product = "TBL", .qty = "1", .cwh = "MAIN",
	  .fwh = "FG" },
	{ "refused naming the product", RELEASE, NULL, "mo6",
	  .rc = ST_INVALID, .cause = "cannot be released, short at FG: TBL "
	  "needs 1, 0 available" },

	/* Released, then cancelled: the reservation goes. */
	{ "four legs", MO_NEW, "mo7", .product = "LEG", .qty = "4",
	  .cwh = "MAIN", .fwh = "MAIN" },
	{ "released", RELEASE, NULL, "mo7",
	  .stock = { S("BAR", "MAIN", "13.2", "3.3", "726.00") } },
	{ "cancelled", CANCEL, NULL, "mo7",
	  .stock = { S("BAR", "MAIN", "13.2", "0", "726.00") },
	  .f = { FS("mo7", "status", "cancelled") },
	  .ml = { ML("mo7", 1, "reserved", "0") } },
	{ "screws have no BOM: refused", MO_NEW, "mo8", .product = "SCR",
	  .qty = "1", .cwh = "MAIN" },
	{ "... on release", RELEASE, NULL, "mo8", .rc = ST_INVALID,
	  .cause = "SCR has no BOM" },

	/* A BOM imported again replaces its lines; another version is not
	 * the default. */
	{ "the top's BOM again, with more plywood", BOMS,
	  .rows = { ROW("TOP", "1", "2", "PLY", "1.6", NULL, "WC1", "0.5"),
	  ROW("TBL", "2", "1", "TOP", "2", NULL, NULL, NULL) } },
	{ "the tree by the defaults", EXPLODE, .product = "TBL", .qty = "2",
	  .tree = "0 TBL 2|1 TOP 2|2 PLY 1.6|1 LEG 8|2 BAR 6.6|1 SCR 34" },
	/* Left released, and half made: kontor check adds its
	 * reservations to the stock rows'. */
	{ "two more tables", MO_NEW, "mo9", .product = "TBL", .qty = "2",
	  .cwh = "MAIN", .fwh = "FG" },
	{ "released", RELEASE, NULL, "mo9",
	  .stock = { S("TOP", "MAIN", "4", "2", "2292.62"),
	  S("LEG", "MAIN", "8", "8", "1055.07"),
	  S("SCR", "MAIN", "198", "34", "126.31") } },
	/* Each at its warehouse's average to the kopeck a unit (the
	 * ledger's rule): 573.16, 4 x 131.88, 17 x 0.64. */
	{ "one made", PRODUCE, NULL, "mo9", .qty = "1",
	  .stock = { S("TOP", "MAIN", "3", "1", "1719.46"),
	  S("LEG", "MAIN", "4", "4", "527.55"),
	  S("SCR", "MAIN", "181", "17", "115.43") } },
};

/* --- the store ------------------------------------------------------------ */

static struct store	*st;

static const char *const setup_rows[][16] = {
	{ "users", "login", LOGIN, "name", "Тест Тестович", "roles",
	  "admin" },
	{ "warehouses", "code", "MAIN", "name", "Main" },
	{ "warehouses", "code", "FG", "name", "Finished" },
	{ "work_centres", "code", "WC1", "name", "Сборка", "rate",
	  "600.00" },
	{ "products", "sku", "TBL", "name", "Стол", "kind", "finished",
	  "vat", "20" },
	{ "products", "sku", "TOP", "name", "Столешница", "kind", "material",
	  "vat", "20" },
	{ "products", "sku", "LEG", "name", "Ножка", "kind", "material",
	  "vat", "20" },
	{ "products", "sku", "PLY", "name", "Фанера", "kind", "material",
	  "unit", "m2", "vat", "20" },
	{ "products", "sku", "BAR", "name", "Брус", "kind", "material",
	  "unit", "m", "vat", "20" },
	{ "products", "sku", "SCR", "name", "Винт", "kind", "material",
	  "purchase_price", "0.50", "vat", "20" },
};

static int
group_setup(void **state)
{
	(void)state;
	st = mt_open_rows("production", setup_rows[0], NITEMS(setup_rows),
	    NITEMS(setup_rows[0]));
	return (st == NULL ? -1 : 0);
}

/* --- running a case -------------------------------------------------------- */

struct run {
	const struct pcase	*c;
	uint64_t		 newid;
	int64_t			 errline;
	char			 tree[512];
};

static uint64_t
find(struct tx *x, const char *entity, const char *code)
{
	struct value	 v;
	uint64_t	 id = 0;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)code;
	if (tx_find(x, dict_entity(entity), FX_CODE, &v, &id) != ST_OK)
		fail_msg("no %s %s", entity, code);
	return (id);
}

static int64_t
qty(const char *text)
{
	return (mt_num(dict_field(dict_entity("production_orders"), "qty"),
	    text));
}

static int
stock_doc(struct tx *x, const struct pcase *c, const char *type,
    char **cause)
{
	const struct entity_def	*de = dict_entity("stock_docs");
	struct record		*d, *l;
	uint64_t		 id;
	size_t			 i;
	int			 rc;

	d = record_new(de);
	mt_set(d, "type", type);
	mt_set(d, "warehouse", "MAIN");
	if ((rc = model_save(x, d, 0, cause)) != ST_OK) {
		record_free(d);
		return (rc);
	}
	id = record_id(d);
	record_free(d);
	for (i = 0; i < NITEMS(c->lines) && c->lines[i].sku != NULL; i++) {
		l = record_new(dict_entity("stock_lines"));
		record_set_int(l, dict_field_pos(l->ent, "doc"), (int64_t)id);
		mt_set(l, "product", c->lines[i].sku);
		mt_set(l, "qty", c->lines[i].qty);
		mt_set(l, "unit_cost", c->lines[i].cost);
		rc = model_save(x, l, 0, cause);
		record_free(l);
		if (rc != ST_OK)
			return (rc);
	}
	return (stock_post(x, id, 0, NULL, cause));
}

static int
case_tx(struct tx *x, void *arg, char **cause)
{
	struct run		*a = arg;
	const struct pcase	*c = a->c;
	struct bom_row		 rows[NITEMS(c->rows)];
	struct mo_consume	 mc[NITEMS(c->lines)];
	struct bom_node		*v;
	struct record		*r;
	char			 q[32];
	uint64_t		 ref = 0, done;
	size_t			 i, j, n;
	int			 rc;

	a->errline = 0;
	a->tree[0] = '\0';
	if (c->ref != NULL)
		ref = mt_name_get(c->ref)->id;
	switch (c->act) {
	case RECEIVE:
		return (stock_doc(x, c, "receipt", cause));
	case ISSUE:
		return (stock_doc(x, c, "issue", cause));
	case BOMS:
		for (n = 0; n < NITEMS(c->rows) && c->rows[n].cell[0] != NULL;
		    n++) {
			rows[n].line = (int64_t)n + 2;
			for (j = 0; j < BC_NCOLS; j++)
				rows[n].cell[j] = c->rows[n].cell[j];
		}
		return (bom_import(x, rows, n, &i, &a->errline, cause));
	case EXPLODE:
		if ((rc = bom_explode(x, find(x, "products", c->product), 0,
		    qty(c->qty), &v, &n, cause)) != ST_OK)
			return (rc);
		for (i = 0; i < n; i++) {
			qty_format(v[i].qty, q, sizeof q);
			if ((r = NULL, tx_get(x, dict_entity("products"),
			    v[i].product, 0, &r)) != ST_OK)
				fail_msg("product %llu",
				    (unsigned long long)v[i].product);
			snprintf(a->tree + strlen(a->tree), sizeof a->tree -
			    strlen(a->tree), "%s%d %s %s", i ? "|" : "",
			    v[i].depth, record_str(r, FX_CODE), q);
			record_free(r);
		}
		free(v);
		return (ST_OK);
	case MO_NEW:
		r = record_new(dict_entity("production_orders"));
		mt_set(r, "kind", c->kind);
		mt_set(r, "product", c->product);
		mt_set(r, "qty", c->qty);
		mt_set(r, "comp_warehouse", c->cwh);
		mt_set(r, "fg_warehouse", c->fwh);
		rc = model_save(x, r, 0, cause);
		a->newid = record_id(r);
		record_free(r);
		return (rc);
	case RELEASE:
		return (mo_release(x, ref, cause));
	case PRODUCE:
		for (n = 0; n < NITEMS(c->lines) && c->lines[n].sku != NULL;
		    n++) {
			mc[n].product = find(x, "products", c->lines[n].sku);
			mc[n].qty = qty(c->lines[n].qty);
		}
		return (mo_produce(x, ref, qty(c->qty), mc, n, c->reason, 0,
		    &done, cause));
	case CLOSE:
		return (mo_close(x, ref, cause));
	case CANCEL:
		return (mo_cancel(x, ref, cause));
	}
	return (ST_ERR);
}

/* A field's stored value against the text wanted: as numbers, or as
 * words (text, enums). */
static void
expect_field(size_t k, const struct pcase *c, const char *who,
    const struct record *r, const char *field, const char *want)
{
	const struct field_def	*f = dict_field(r->ent, field);
	const struct value	*v;
	char			*got;

	assert_non_null(f);
	v = &r->v[dict_field_pos(r->ent, field)];
	got = value_format(f, v);
	if (f->type == FT_TEXT || f->type == FT_ENUM)
		EXPECT(strcmp(got != NULL ? got : "", want) == 0,
		    "case %zu (%s): %s %s \"%s\", want \"%s\"", k, c->what,
		    who, field, got != NULL ? got : "", want);
	else
		EXPECT((v->set ? v->i : 0) == mt_num(f, want),
		    "case %zu (%s): %s %s %s, want %s", k, c->what, who,
		    field, got != NULL && *got != '\0' ? got : "(unset)",
		    want);
	free(got);
}

/* Line n of an order, or NULL. */
static struct record *
order_line(uint64_t mo, int n)
{
	const struct entity_def	*le = dict_entity("mo_lines");
	struct record		**rows, *l = NULL;
	struct value		 v;
	size_t			 nr, i;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)mo;
	assert_int_equal(store_scan(st, le, dict_field_pos(le, "order"), &v,
	    0, 1, 100, &rows, &nr), ST_OK);
	for (i = 0; i < nr; i++) {
		if (l == NULL && record_int(rows[i], dict_field_pos(le,
		    "order")) == v.i && record_int(rows[i],
		    dict_field_pos(le, "line")) == n)
			l = rows[i];
		else
			record_free(rows[i]);
	}
	free(rows);
	return (l);
}

static void
check_case(size_t k, const struct pcase *c)
{
	static const char *const cols[] = { "on_hand", "reserved", "value" };
	struct record	*r;
	const char	*want[3];
	char		 who[64];
	size_t		 i;

	for (i = 0; i < NITEMS(c->stock) && c->stock[i].sku != NULL; i++) {
		want[0] = c->stock[i].on_hand;
		want[1] = c->stock[i].reserved;
		want[2] = c->stock[i].value;
		mt_expect_stock(st, k, c->what, c->stock[i].sku,
		    c->stock[i].wh, cols, want, NITEMS(cols));
	}
	for (i = 0; i < NITEMS(c->f) && c->f[i].doc != NULL; i++) {
		assert_int_equal(store_get(st,
		    dict_entity("production_orders"),
		    mt_name_get(c->f[i].doc)->id, &r), ST_OK);
		expect_field(k, c, c->f[i].doc, r, c->f[i].field,
		    c->f[i].value);
		record_free(r);
	}
	for (i = 0; i < NITEMS(c->ml) && c->ml[i].doc != NULL; i++) {
		snprintf(who, sizeof who, "%s line %d", c->ml[i].doc,
		    c->ml[i].line);
		r = order_line(mt_name_get(c->ml[i].doc)->id, c->ml[i].line);
		EXPECT(r != NULL, "case %zu (%s): %s: no such line", k,
		    c->what, who);
		if (r == NULL)
			continue;
		expect_field(k, c, who, r, c->ml[i].field, c->ml[i].value);
		record_free(r);
	}
}

static void
run_case(size_t k)
{
	const struct pcase	*c = &cases[k - 1];
	struct run		 a;
	char			*cause = NULL;
	int			 rc;

	memset(&a, 0, sizeof a);
	a.c = c;
	rc = store_run(st, LOGIN, "test", case_tx, &a, &cause);
	mt_expect_result(k, c->what, rc, c->rc, cause, c->cause, a.errline,
	    c->errline);
	if (rc == ST_OK && c->name != NULL)
		mt_name_put(c->name, dict_entity("production_orders"),
		    a.newid);
	if (c->tree != NULL)
		EXPECT(strcmp(a.tree, c->tree) == 0, "case %zu (%s): tree "
		    "\"%s\", want \"%s\"", k, c->what, a.tree, c->tree);
	free(cause);
	check_case(k, c);
	/* kontor check's invariants hold after every case. */
	mt_invariants(st);
}

static void
test_cases(void **state)
{
	(void)state;
	mt_run_cases(NITEMS(cases), run_case);
}

/* The quantities of production.h: rounded up to the unit (down when
 * taken apart), and the parts of an order add up to its whole. */
static void
test_quantities(void **state)
{
	static const struct {
		int64_t	 m, per, scrap, yield, step, need, gives;
	} rows[] = {
		{ 2000, 16000, 5000, 1000, 1000, 34000, 30000 },
		{ 1000, 16000, 5000, 1000, 1000, 17000, 15000 },
		{ 8000, 3000, 10000, 4000, 1, 6600, 5400 },
		{ 3000, 1000, 0, 3000, 1000, 1000, 1000 },
		{ 1000, 1000, 0, 3000, 1000, 1000, 0 },
		{ 1000, 1000, 0, 3000, 1, 334, 333 },
		{ 0, 1000, 0, 1000, 1000, 0, 0 },
	};
	int64_t	 m, sum;
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(rows); i++) {
		assert_int_equal(prod_need(rows[i].m, rows[i].per,
		    rows[i].scrap, rows[i].yield, rows[i].step), rows[i].need);
		assert_int_equal(prod_gives(rows[i].m, rows[i].per,
		    rows[i].scrap, rows[i].yield, rows[i].step),
		    rows[i].gives);
	}
	/* 600.00 an hour, 1.5 h a piece: 0.001 of a piece is 0.90. */
	assert_int_equal(prod_labour(1000, 60000, 1500, 1000), 90000);
	assert_int_equal(prod_labour(1, 60000, 1500, 1000), 90);
	assert_int_equal(prod_labour(1000, 60000, 500, 3000), 10000);
	/* 7 completions of 1 of an order of 7 take what the whole does. */
	for (m = 0, sum = 0; m < 7000; m += 1000)
		sum += prod_need(m + 1000, 1000, 5000, 3000, 1000) -
		    prod_need(m, 1000, 5000, 3000, 1000);
	assert_int_equal(sum, prod_need(7000, 1000, 5000, 3000, 1000));
	for (m = 0, sum = 0; m < 7000; m += 1000)
		sum += prod_labour(m + 1000, 33333, 700, 3000) -
		    prod_labour(m, 33333, 700, 3000);
	assert_int_equal(sum, prod_labour(7000, 33333, 700, 3000));
}

/* kontor check notices a production order whose reservation or ledger
 * does not add up (a change made behind the postings' back). */
struct tamper {
	const char	*field;
	int64_t		 delta;
	int		 line;		/* 0: the order */
};

static int
tamper_tx(struct tx *x, void *arg, char **cause)
{
	const struct tamper	*t = arg;
	struct record		*r;
	int			 rc;

	if (t->line == 0)
		rc = tx_get(x, dict_entity("production_orders"),
		    mt_name_get("mo4")->id, 1, &r);
	else {
		r = order_line(mt_name_get("mo1")->id, t->line);
		rc = r != NULL ? ST_OK : ST_NOTFOUND;
	}
	if (rc != ST_OK)
		return (rc);
	record_set_int(r, dict_field_pos(r->ent, t->field),
	    record_int(r, dict_field_pos(r->ent, t->field)) + t->delta);
	rc = tx_update(x, r, record_rev(r), cause);
	record_free(r);
	return (rc);
}

static void
test_check_notices(void **state)
{
	static const struct {
		struct tamper	 t;
		const char	*finding;
	} rows[] = {
		{ { "reserved", 1000, 1 }, "BAR reserved 1, but it still needs "
		  "0" },
		{ { "actual", 100, 1 }, "BAR: the order says 6,9, its ledger "
		  "moves add up to 6,8" },
		{ { "made", -1000, 0 }, "TBL: the order says 0, its ledger moves "
		  "add up to 1" },
		{ { "value", 1, 0 }, "the value of the output is 1 395,51, its "
		  "ledger moves add up to 1 395,50" },
	};
	struct buf	 report = { 0 };
	struct tamper	 back;
	char		*cause = NULL;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(rows); i++) {
		assert_int_equal(store_run(st, LOGIN, "test", tamper_tx,
		    (void *)&rows[i].t, &cause), ST_OK);
		memset(&report, 0, sizeof report);
		assert_int_not_equal(model_check(st, &report), 0);
		if (report.data == NULL || strstr(report.data,
		    rows[i].finding) == NULL)
			fail_msg("check found \"%s\", want \"%s\"",
			    report.data != NULL ? report.data : "",
			    rows[i].finding);
		buf_free(&report);
		back = rows[i].t;
		back.delta = -back.delta;
		assert_int_equal(store_run(st, LOGIN, "test", tamper_tx,
		    &back, &cause), ST_OK);
	}
	mt_invariants(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quantities),
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_check_notices),
	};

	return (cmocka_run_group_tests(tests, group_setup, mt_teardown));
}
