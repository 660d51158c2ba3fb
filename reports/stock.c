/*
 * Stock reports: where a product is (on hand, reserved, available, on
 * order per warehouse), its moves, the stock value at moving average
 * cost, and the reorder proposals.  None of them adds up the ledger: the
 * stock rows hold the totals.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "model/stock.h"
#include "reports/reports.h"
#include "xmalloc.h"

#define POS(e, n)	dict_field_pos(dict_entity(e), (n))

static char *
qty_str(int64_t q)
{
	char	 buf[32];

	qty_format(q, buf, sizeof buf);
	return (xstrdup(buf));
}

static char *
money_str(int64_t m)
{
	char	 buf[32];

	money_format(m, buf, sizeof buf, 0);
	return (xstrdup(buf));
}

static int
emit(struct report_sink *sink, char **cells, int n, char **cause)
{
	int	 i, rc;

	rc = sink->row(sink, (const char *const *)cells, n);
	for (i = 0; i < n; i++) {
		free(cells[i]);
		cells[i] = NULL;
	}
	if (rc != 0)
		xasprintf(cause, _("the reader has gone"));
	return (rc);
}

/* The product named by key: a barcode or a SKU (any case). */
static int
product_of(struct store *st, const char *key, struct record **p)
{
	const char	*via;
	int64_t		 pack;

	return (catalog_find_product(st, key, p, &pack, &via));
}

static int
need_product(struct store *st, const struct report_args *a, char **cause)
{
	struct record	*p;
	char		*q;
	int		 rc;

	if ((rc = report_only(a, 0, 0, cause)) != 0)
		return (rc);
	if (a->key == NULL || *a->key == '\0') {
		xasprintf(cause, _("a product's SKU or barcode is required"));
		return (EX_USAGE);
	}
	if (product_of(st, a->key, &p) != ST_OK) {
		q = text_quote(a->key);
		xasprintf(cause, _("no product with SKU or barcode %s"), q);
		free(q);
		return (EX_NOINPUT);
	}
	record_free(p);
	return (0);
}

static int
maybe_product(struct store *st, const struct report_args *a, char **cause)
{
	if (a->key == NULL || *a->key == '\0')
		return (0);
	return (need_product(st, a, cause));
}

/* The stock rows of a product (its stock index: no scan of the ledger). */
int
report_stock_rows(struct store *st, uint64_t pid, struct record ***rows,
    size_t *n)
{
	const struct entity_def	*se = dict_entity("stock");
	int			 pp = dict_field_pos(se, "product");
	struct record		**got;
	struct value		 key;
	uint64_t		 last = 0;
	size_t			 ng, i, cap = 8;
	int			 rc, more = 1;

	*n = 0;
	*rows = xcalloc(cap + 1, sizeof **rows);
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = (int64_t)pid;
	/* Small pages: a product is in a few warehouses, and the rows after
	 * its last are another product's. */
	while (more) {
		if ((rc = store_scan(st, se, pp, &key, last, 1, 8, &got,
		    &ng)) != ST_OK) {
			stock_rows_free(*rows, *n);
			*rows = NULL;
			*n = 0;
			return (rc);
		}
		more = ng == 8;
		for (i = 0; i < ng; i++) {
			if ((uint64_t)record_int(got[i], pp) != pid) {
				more = 0;
				record_free(got[i]);
				continue;
			}
			if (*n == cap) {
				cap *= 2;
				*rows = xreallocarray(*rows, cap + 1,
				    sizeof **rows);
			}
			last = record_id(got[i]);
			(*rows)[(*n)++] = got[i];
		}
		free(got);
	}
	return (ST_OK);
}

/* --- stock SKU -------------------------------------------------------- */

static const char *const stock_columns[] = {
	NC_("report", "warehouse"), NC_("report", "name"),
	NC_("report", "on_hand"), NC_("report", "reserved"),
	NC_("report", "available"), NC_("report", "on_order"), NULL
};

static int
stock_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*we = dict_entity("warehouses");
	struct record		*p, *w, **rows;
	size_t			 n, i;
	char			*cells[6];
	int64_t			 oh, rs;
	int			 rc = 0;

	if (product_of(st, a->key, &p) != ST_OK) {
		xasprintf(cause, _("the product has gone"));
		return (-1);
	}
	if (report_stock_rows(st, record_id(p), &rows, &n) != ST_OK) {
		record_free(p);
		xasprintf(cause, _("stock cannot be read"));
		return (-1);
	}
	for (i = 0; i < n && rc == 0; i++) {
		oh = record_int(rows[i], POS("stock", "on_hand"));
		rs = record_int(rows[i], POS("stock", "reserved"));
		if (store_get(st, we, (uint64_t)record_int(rows[i],
		    POS("stock", "warehouse")), &w) != ST_OK)
			continue;
		cells[0] = xstrdup(record_str(w, FX_CODE));
		cells[1] = xstrdup(record_str(w, POS("warehouses", "name")) ?
		    record_str(w, POS("warehouses", "name")) : "");
		cells[2] = qty_str(oh);
		cells[3] = qty_str(rs);
		cells[4] = qty_str(oh - rs);
		cells[5] = qty_str(record_int(rows[i], POS("stock",
		    "on_order")));
		record_free(w);
		rc = emit(sink, cells, 6, cause);
	}
	stock_rows_free(rows, n);
	record_free(p);
	return (rc);
}

const struct report_def rep_stock = {
	"stock", N_("On hand, reserved, available and on order of a product "
	"per warehouse (kontor stock SKU)"), "stock", stock_columns,
	stock_run, need_product, 0, NULL,
	"product", NULL,
	"ttqqqq"
};

/* --- moves -------------------------------------------------------------- */

/* As text, the move's own number and the unit cost (the value over the
 * quantity) give way: the rest fits 80 columns. */
static const char *const moves_text[] = {
	"-", "<", "<", "~", "<", "<", ">", "-", ">", "~", "~", NULL
};

static const char *const moves_columns[] = {
	NC_("report", "move"), NC_("report", "date"), NC_("report", "doc"),
	NC_("report", "kind"), NC_("report", "sku"),
	NC_("report", "warehouse"), NC_("report", "qty"),
	NC_("report", "unit_cost"), NC_("report", "value"),
	NC_("report", "lot"), NC_("report", "user"), NULL
};

static int
moves_row(struct store *st, const struct record *m,
    const struct report_args *a, struct report_sink *sink, char **cause)
{
	const struct entity_def	*me = m->ent;
	char			*cells[11];
	char			 d[16];
	int			 pos;

	date_format(record_int(m, POS("stock_moves", "date")), d, sizeof d);
	cells[0] = xstrdup(record_str(m, FX_CODE));
	cells[1] = xstrdup(d);
	/* A shipment's, a return's, a production order's move names it. */
	cells[2] = (pos = stock_move_doc(m)) >= 0 ? model_ref_code(st,
	    &me->fields[pos], record_int(m, pos)) : xstrdup("");
	cells[3] = xstrdup(report_enum(a, record_str(m, POS("stock_moves",
	    "kind"))));
	cells[4] = model_ref_code(st, dict_field(me, "product"),
	    record_int(m, POS("stock_moves", "product")));
	cells[5] = model_ref_code(st, dict_field(me, "warehouse"),
	    record_int(m, POS("stock_moves", "warehouse")));
	cells[6] = qty_str(record_int(m, POS("stock_moves", "qty")));
	cells[7] = money_str(record_int(m, POS("stock_moves", "unit_cost")));
	cells[8] = money_str(record_int(m, POS("stock_moves", "value")));
	cells[9] = xstrdup(record_str(m, POS("stock_moves", "lot")) ?
	    record_str(m, POS("stock_moves", "lot")) : "");
	cells[10] = xstrdup(record_str(m, POS("stock_moves", "user")) ?
	    record_str(m, POS("stock_moves", "user")) : "");
	return (emit(sink, cells, 11, cause));
}

/*
 * The moves of a product, newest first, over its index; or, without a
 * product, of the period (--from, --to) over the date index.
 */
static int
moves_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*me = dict_entity("stock_moves");
	int			 pos, rc = 0, done = 0;
	struct record		*p = NULL, **rows;
	struct value		 key;
	uint64_t		 last, pid = 0;
	int64_t			 left = a->limit > 0 ? a->limit : INT64_MAX;
	size_t			 n, i;

	memset(&key, 0, sizeof key);
	key.set = 1;
	if (a->key != NULL && *a->key != '\0') {
		if (product_of(st, a->key, &p) != ST_OK) {
			xasprintf(cause, _("the product has gone"));
			return (-1);
		}
		pid = record_id(p);
		record_free(p);
		pos = POS("stock_moves", "product");
		key.i = (int64_t)pid;
		last = UINT64_MAX;
	} else {
		pos = POS("stock_moves", "date");
		key.i = a->to ? a->to : 99991231;
		last = UINT64_MAX;
	}
	while (!done && rc == 0) {
		if (store_scan(st, me, pos, &key, last, -1, 200, &rows, &n) !=
		    ST_OK) {
			xasprintf(cause, _("moves cannot be read"));
			return (-1);
		}
		for (i = 0; i < n; i++) {
			if (!done && rc == 0) {
				if (pid != 0 ? (uint64_t)record_int(rows[i],
				    pos) != pid : record_int(rows[i], pos) <
				    a->from)
					done = 1;
				else if (left-- <= 0)
					done = 1;
				else
					rc = moves_row(st, rows[i], a, sink,
					    cause);
			}
			key.i = record_int(rows[i], pos);
			last = record_id(rows[i]);
			record_free(rows[i]);
		}
		free(rows);
		if (n < 200)
			done = 1;
	}
	return (rc);
}

const struct report_def rep_moves = {
	"moves", N_("Stock moves, newest first: of a product (--sku), or in a "
	"period (--from, --to)"), "stock", moves_columns, moves_run,
	maybe_product, 0, moves_text,
	"period product", NULL,
	"tdttttqmmtt"
};

/* --- lots ---------------------------------------------------------------- */

static const char *const lots_columns[] = {
	NC_("report", "warehouse"), NC_("report", "lot"),
	NC_("report", "expiry"), NC_("report", "on_hand"), NULL
};

struct lot_row {
	int64_t		 wid, expiry, qty;
	char		*lot;
};

static int
lot_cmp(const void *a, const void *b)
{
	const struct lot_row	*x = a, *y = b;

	if (x->wid != y->wid)
		return (x->wid < y->wid ? -1 : 1);
	if (x->expiry != y->expiry)
		return (x->expiry < y->expiry ? -1 : 1);
	return (strcmp(x->lot, y->lot));
}

/* What is left of each lot of a product, per warehouse, the soonest to
 * expire first: the sum of its moves. */
static int
lots_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*me = dict_entity("stock_moves");
	int			 pos = POS("stock_moves", "product");
	struct record		*p, **rows;
	struct lot_row		*v = NULL;
	struct value		 key;
	uint64_t		 last = 0, pid;
	size_t			 n, i, j, nv = 0;
	char			*cells[4], d[16];
	int			 rc = 0, more = 1;

	if (product_of(st, a->key, &p) != ST_OK) {
		xasprintf(cause, _("the product has gone"));
		return (-1);
	}
	pid = record_id(p);
	record_free(p);
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = (int64_t)pid;
	while (more) {
		if (store_scan(st, me, pos, &key, last, 1, 500, &rows, &n) !=
		    ST_OK) {
			xasprintf(cause, _("moves cannot be read"));
			rc = -1;
			break;
		}
		more = n == 500;
		for (i = 0; i < n; i++) {
			const char	*lot = record_str(rows[i],
			    POS("stock_moves", "lot"));

			if ((uint64_t)record_int(rows[i], pos) != pid)
				more = 0;
			else if (lot != NULL) {
				for (j = 0; j < nv; j++)
					if (v[j].wid == record_int(rows[i],
					    POS("stock_moves", "warehouse")) &&
					    strcmp(v[j].lot, lot) == 0)
						break;
				if (j == nv) {
					v = xreallocarray(v, nv + 1,
					    sizeof *v);
					memset(&v[nv], 0, sizeof *v);
					v[nv].wid = record_int(rows[i],
					    POS("stock_moves", "warehouse"));
					v[nv].lot = xstrdup(lot);
					nv++;
				}
				v[j].qty += record_int(rows[i],
				    POS("stock_moves", "qty"));
				if (record_isset(rows[i], POS("stock_moves",
				    "expiry")))
					v[j].expiry = record_int(rows[i],
					    POS("stock_moves", "expiry"));
			}
			last = record_id(rows[i]);
			record_free(rows[i]);
		}
		free(rows);
	}
	if (nv > 0)
		xqsort(v, nv, sizeof *v, lot_cmp);
	for (j = 0; j < nv; j++) {
		if (rc == 0 && v[j].qty != 0) {
			cells[0] = model_ref_code(st, dict_field(me,
			    "warehouse"), v[j].wid);
			cells[1] = xstrdup(v[j].lot);
			d[0] = '\0';
			if (v[j].expiry != 0)
				date_format(v[j].expiry, d, sizeof d);
			cells[2] = xstrdup(d);
			cells[3] = qty_str(v[j].qty);
			rc = emit(sink, cells, 4, cause);
		}
		free(v[j].lot);
	}
	free(v);
	return (rc);
}

const struct report_def rep_lots = {
	"lots", N_("What is left of each lot of a product (--sku), soonest "
	"expiry first"), "stock", lots_columns, lots_run, need_product,
	0, NULL,
	"product", NULL,
	"ttdq"
};

/* --- stock value -------------------------------------------------------- */

static const char *const value_columns[] = {
	NC_("report", "sku"), NC_("report", "name"), NC_("report", "unit"),
	NC_("report", "on_hand"), NC_("report", "avg_cost"),
	NC_("report", "value"), NULL
};

struct value_ctx {
	struct store		*st;
	const struct report_args *a;
	struct report_sink	*sink;
	char			**cause;
	int64_t			 total;
	int			 rc;
};

static int
value_product(const struct record *p, void *arg)
{
	struct value_ctx	*vc = arg;
	struct record		**rows;
	size_t			 n, i;
	int64_t			 q = 0, v = 0;
	char			*cells[6];

	if (report_stock_rows(vc->st, record_id(p), &rows, &n) != ST_OK) {
		xasprintf(vc->cause, _("stock cannot be read"));
		vc->rc = -1;
		return (1);
	}
	for (i = 0; i < n; i++) {
		q += record_int(rows[i], POS("stock", "on_hand"));
		v += record_int(rows[i], POS("stock", "value"));
	}
	stock_rows_free(rows, n);
	if (n == 0 || (q == 0 && v == 0))
		return (0);
	vc->total += v;
	cells[0] = xstrdup(record_str(p, FX_CODE));
	cells[1] = xstrdup(record_str(p, POS("products", "name")));
	/* The unit as the products list shows it ("шт"); CSV as stored. */
	cells[2] = xstrdup(record_str(p, POS("products", "unit")) ?
	    report_enum(vc->a, record_str(p, POS("products", "unit"))) : "");
	cells[3] = qty_str(q);
	cells[4] = money_str(q > 0 ? stock_muldiv(v, 1000, q) : 0);
	cells[5] = money_str(v);
	if ((vc->rc = emit(vc->sink, cells, 6, vc->cause)) != 0)
		return (1);
	return (0);
}

static int
value_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	struct value_ctx	 vc = { st, a, sink, cause, 0, 0 };
	char			*cells[6];

	if (store_each(st, dict_entity("products"), value_product, &vc) !=
	    ST_OK && vc.rc == 0) {
		xasprintf(cause, _("products cannot be read"));
		return (-1);
	}
	if (vc.rc != 0)
		return (vc.rc);
	cells[0] = xstrdup(report_word(a, N_("TOTAL")));	/* the total */
	cells[1] = xstrdup("");
	cells[2] = xstrdup("");
	cells[3] = xstrdup("");
	cells[4] = xstrdup("");
	cells[5] = money_str(vc.total);
	return (emit(sink, cells, 6, cause));
}

/* For people: the name as wide as 80 columns leave it. */
static const char *const value_text[] = {
	"<10", "~28", "<4", ">9", ">11", ">13", NULL
};

const struct report_def rep_stock_value = {
	"stock-value", N_("Stock value at moving average cost, per product"),
	"stock", value_columns, value_run, NULL, 0, value_text,
	"", NULL,
	"tttqmm"
};

/* --- reorder ------------------------------------------------------------ */

static const char *const reorder_columns[] = {
	NC_("report", "supplier"), NC_("report", "warehouse"),
	NC_("report", "sku"), NC_("report", "name"),
	NC_("report", "available"), NC_("report", "on_order"),
	NC_("report", "drafted"), NC_("report", "min"), NC_("report", "max"),
	NC_("report", "order_qty"), NULL
};

/* For people, in 80 columns: the minimum that set it off and what to
 * order (drafted and the maximum are in CSV); supplier and name cut. */
static const char *const reorder_text[] = {
	"~13", "<5", "<9", "~15", ">8", ">8", "-", ">7", "-", ">8", NULL
};

/* The plan is made in a transaction of its own, as `kontor reorder
 * --apply` makes it, then rolled back: nothing is held while the rows go
 * out. */
struct plan {
	struct reorder_line	*v;
	size_t			 n;
};

static int
plan_tx(struct tx *x, void *arg, char **cause)
{
	struct plan	*pl = arg;
	int		 rc;

	(void)cause;
	free(pl->v);	/* a run after a deadlock starts afresh */
	pl->v = NULL;
	pl->n = 0;
	if ((rc = po_plan(x, &pl->v, &pl->n)) != ST_OK)
		return (rc);
	return (ST_ABORT);
}

static int
reorder_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*pe = dict_entity("products");
	const struct entity_def	*le = dict_entity("stock_limits");
	struct plan		 pl = { NULL, 0 };
	struct record		*p;
	char			*cells[10];
	size_t			 i;
	int			 rc;

	if ((rc = store_run(st, "report", "reorder", plan_tx, &pl, cause)) !=
	    ST_ABORT) {
		free(pl.v);
		if (*cause == NULL)
			xasprintf(cause, _("the reorder plan cannot be made"));
		return (-1);
	}
	for (rc = 0, i = 0; i < pl.n && rc == 0; i++) {
		const struct reorder_line	*l = &pl.v[i];

		if (store_get(st, pe, l->product, &p) != ST_OK)
			continue;
		cells[0] = l->supplier != 0 ? model_ref_code(st,
		    dict_field(pe, "supplier"), (int64_t)l->supplier) :
		    xstrdup(report_word(a, N_("(no default supplier)")));
		cells[1] = model_ref_code(st, dict_field(le, "warehouse"),
		    (int64_t)l->warehouse);
		cells[2] = xstrdup(record_str(p, FX_CODE));
		cells[3] = xstrdup(record_str(p, POS("products", "name")));
		cells[4] = qty_str(l->available);
		cells[5] = qty_str(l->on_order);
		cells[6] = qty_str(l->drafted);
		cells[7] = qty_str(l->min);
		cells[8] = qty_str(l->max);
		cells[9] = qty_str(l->qty);
		record_free(p);
		rc = emit(sink, cells, 10, cause);
	}
	free(pl.v);
	return (rc);
}

const struct report_def rep_reorder = {
	"reorder", N_("Reorder proposals: below the minimum, up to the "
	"maximum (kontor reorder --apply makes draft orders)"), "purchasing",
	reorder_columns, reorder_run, NULL, 0, reorder_text,
	"", NULL,
	"ttttqqqqqq"
};
