/*
 * Purchase orders: draft -> sent -> partly received -> received ->
 * closed.  Sending puts the lines on order in the stock rows; receipts
 * against the order (stock.c) take them off; closing takes off what
 * never came.  Reorder planning turns the shortfalls against the stock
 * limits into draft orders, one per default supplier and warehouse.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "model/pricing.h"
#include "model/stock.h"
#include "xmalloc.h"

#define POS(e, n)	dict_field_pos(dict_entity(e), (n))

static int
po_get(struct tx *x, uint64_t id, struct record **o, char **cause)
{
	int	 rc;

	rc = tx_get(x, dict_entity("purchase_orders"), id, 1, o);
	if (rc == ST_NOTFOUND)
		xasprintf(cause, _("purchase order %llu does not exist"),
		    (unsigned long long)id);
	return (rc);
}

static const char *
po_status(const struct record *o)
{
	const char	*s = record_str(o, POS("purchase_orders", "status"));

	return (s != NULL ? s : "draft");
}

/* Put (sign 1) or take (sign -1) what the order still expects on or off
 * order. */
static int
po_on_order(struct tx *x, const struct record *o, int sign, char **cause)
{
	const struct entity_def	*le = dict_entity("po_lines");
	struct record		**ls;
	size_t			 n, i;
	int64_t			 rest;
	int			 rc;

	if ((rc = stock_lines_of(x, le, record_id(o), &ls, &n)) != ST_OK)
		return (rc);
	for (i = 0; i < n && rc == ST_OK; i++) {
		rest = record_int(ls[i], POS("po_lines", "qty")) -
		    record_int(ls[i], POS("po_lines", "received"));
		if (rest > 0)
			rc = stock_on_order(x,
			    (uint64_t)record_int(ls[i], POS("po_lines",
			    "product")), (uint64_t)record_int(o,
			    POS("purchase_orders", "warehouse")), sign * rest,
			    cause);
	}
	stock_rows_free(ls, n);
	return (rc);
}

static int
po_set_status(struct tx *x, struct record *o, const char *st, char **cause)
{
	record_set_str(o, POS("purchase_orders", "status"), st);
	return (tx_update(x, o, record_rev(o), cause));
}

int
po_amounts(struct tx *x, uint64_t id, int64_t *total, int64_t *gross)
{
	const struct entity_def	*le = dict_entity("po_lines");
	const struct entity_def	*pe = dict_entity("products");
	struct record		**ls, *p;
	const char		*vat;
	size_t			 n, i;
	int64_t			 net;
	int			 rc;

	*total = *gross = 0;
	if ((rc = stock_lines_of(x, le, id, &ls, &n)) != ST_OK)
		return (rc);
	for (i = 0; i < n && rc == ST_OK; i++) {
		net = stock_muldiv(record_int(ls[i], POS("po_lines", "qty")),
		    record_int(ls[i], POS("po_lines", "price")), 1000);
		*total += net;
		*gross += net;
		rc = tx_get(x, pe, (uint64_t)record_int(ls[i],
		    POS("po_lines", "product")), 0, &p);
		if (rc == ST_NOTFOUND) {
			rc = ST_OK;
			continue;
		}
		if (rc != ST_OK)
			break;
		/* The rate as the receipt reads it (stock.c). */
		vat = record_str(p, POS("products", "vat"));
		*gross += pricing_vat_of_net(net, vat != NULL ? atoi(vat) : 0);
		record_free(p);
	}
	stock_rows_free(ls, n);
	return (rc);
}

int
po_send(struct tx *x, uint64_t id, char **cause)
{
	const struct entity_def	*le = dict_entity("po_lines");
	struct record		*o, **ls;
	size_t			 n;
	int64_t			 total = 0, gross = 0;
	int			 rc;

	if ((rc = po_get(x, id, &o, cause)) != ST_OK)
		return (rc);
	if (strcmp(po_status(o), "draft") != 0) {
		xasprintf(cause, _("%s is %s: only a draft is sent"),
		    record_str(o, FX_CODE), dict_enum_word(po_status(o)));
		record_free(o);
		return (ST_INVALID);
	}
	if ((rc = stock_lines_of(x, le, id, &ls, &n)) != ST_OK) {
		record_free(o);
		return (rc);
	}
	stock_rows_free(ls, n);
	if (n == 0) {
		xasprintf(cause, _("%s has no lines"), record_str(o, FX_CODE));
		record_free(o);
		return (ST_INVALID);
	}
	if ((rc = po_amounts(x, id, &total, &gross)) != ST_OK) {
		record_free(o);
		return (rc);
	}
	record_set_int(o, POS("purchase_orders", "total"), total);
	record_set_int(o, POS("purchase_orders", "gross"), gross);
	if ((rc = po_on_order(x, o, 1, cause)) == ST_OK)
		rc = po_set_status(x, o, "sent", cause);
	record_free(o);
	return (rc);
}

int
po_close(struct tx *x, uint64_t id, char **cause)
{
	struct record	*o;
	const char	*st;
	int		 rc;

	if ((rc = po_get(x, id, &o, cause)) != ST_OK)
		return (rc);
	st = po_status(o);
	if (strcmp(st, "closed") == 0 || strcmp(st, "cancelled") == 0) {
		xasprintf(cause, _("%s is %s already"), record_str(o, FX_CODE),
		    dict_enum_word(st));
		record_free(o);
		return (ST_INVALID);
	}
	if (strcmp(st, "draft") != 0)
		rc = po_on_order(x, o, -1, cause);
	if (rc == ST_OK)
		rc = po_set_status(x, o, strcmp(st, "draft") == 0 ?
		    "cancelled" : "closed", cause);
	record_free(o);
	return (rc);
}

/* A draft receipt of purchase order po, or NULL (*out, the caller's). */
static int
po_draft_receipt(struct tx *x, uint64_t po, struct record **out)
{
	const struct entity_def	*de = dict_entity("stock_docs");
	struct ids		 ids;
	struct record		*d;
	const char		*t, *st;
	size_t			 i;
	int			 rc;

	*out = NULL;
	memset(&ids, 0, sizeof ids);
	if ((rc = stock_ids(x, de, "po", po, 0, &ids)) != ST_OK)
		return (rc);
	for (i = 0; i < ids.n && *out == NULL; i++) {
		if ((rc = tx_get(x, de, ids.v[i], 0, &d)) != ST_OK) {
			if (rc == ST_NOTFOUND)
				continue;
			break;
		}
		t = record_str(d, POS("stock_docs", "type"));
		st = record_str(d, POS("stock_docs", "status"));
		if (t != NULL && st != NULL && strcmp(t, "receipt") == 0 &&
		    strcmp(st, "draft") == 0)
			*out = d;
		else
			record_free(d);
	}
	free(ids.v);
	return (rc == ST_NOTFOUND ? ST_OK : rc);
}

int
po_receive(struct tx *x, uint64_t id, uint64_t *doc, char **cause)
{
	const struct entity_def	*de = dict_entity("stock_docs");
	const struct entity_def	*le = dict_entity("stock_lines");
	struct record		*o, **ls, *d, *l;
	const char		*st;
	size_t			 n, i;
	int64_t			 rest, line = 0;
	int			 rc;

	if ((rc = po_get(x, id, &o, cause)) != ST_OK)
		return (rc);
	st = po_status(o);
	if (strcmp(st, "sent") != 0 && strcmp(st, "partial") != 0) {
		xasprintf(cause, _("%s is %s: goods are received against a "
		    "sent order"), record_str(o, FX_CODE),
		    dict_enum_word(st));
		record_free(o);
		return (ST_INVALID);
	}
	/* One draft receipt at a time: a second of the same order would
	 * receive all that is expected twice. */
	if ((rc = po_draft_receipt(x, id, &d)) != ST_OK || d != NULL) {
		if (d != NULL) {
			xasprintf(cause, _("%s: receipt %s is a draft of it "
			    "already: post or cancel that one"),
			    record_str(o, FX_CODE), record_str(d, FX_CODE));
			rc = ST_INVALID;
		}
		record_free(d);
		record_free(o);
		return (rc);
	}
	d = record_new(de);
	record_set_str(d, dict_field_pos(de, "type"), "receipt");
	record_set_value(d, dict_field_pos(de, "warehouse"),
	    &o->v[POS("purchase_orders", "warehouse")]);
	record_set_value(d, dict_field_pos(de, "supplier"),
	    &o->v[POS("purchase_orders", "supplier")]);
	record_set_int(d, dict_field_pos(de, "po"), (int64_t)id);
	rc = model_save(x, d, 0, cause);
	*doc = record_id(d);
	if (rc == ST_OK)
		rc = stock_lines_of(x, dict_entity("po_lines"), id, &ls, &n);
	else
		n = 0, ls = NULL;
	for (i = 0; i < n && rc == ST_OK; i++) {
		rest = record_int(ls[i], POS("po_lines", "qty")) -
		    record_int(ls[i], POS("po_lines", "received"));
		if (rest <= 0)
			continue;
		l = record_new(le);
		record_set_int(l, dict_field_pos(le, "doc"), (int64_t)*doc);
		record_set_int(l, dict_field_pos(le, "line"), ++line);
		record_set_value(l, dict_field_pos(le, "product"),
		    &ls[i]->v[POS("po_lines", "product")]);
		record_set_int(l, dict_field_pos(le, "qty"), rest);
		record_set_value(l, dict_field_pos(le, "unit_cost"),
		    &ls[i]->v[POS("po_lines", "price")]);
		record_set_int(l, dict_field_pos(le, "po_line"),
		    (int64_t)record_id(ls[i]));
		rc = model_save(x, l, 0, cause);
		record_free(l);
	}
	stock_rows_free(ls, n);
	record_free(d);
	record_free(o);
	return (rc);
}

/* --- reorder ---------------------------------------------------------- */

/* What a draft order line asks for. */
struct need {
	uint64_t	 product, warehouse;
	int64_t		 qty;
};

struct needs {
	struct tx		*x;
	struct reorder_line	*v;
	size_t			 n;
	struct need		*draft;		/* on draft orders already */
	size_t			 ndraft;
	int			 rc;
};

/* What to order to bring a stock row (NULL: none yet), with what draft
 * orders already ask for, from under its limit's minimum up to its
 * maximum; 0 when it is not under. */
static int64_t
reorder_qty(const struct record *limit, const struct record *stock,
    int64_t drafted)
{
	const struct entity_def	*se = dict_entity("stock");
	int64_t			 mn, mx, proj = 0;

	mn = record_int(limit, POS("stock_limits", "min_qty"));
	mx = record_int(limit, POS("stock_limits", "max_qty"));
	if (stock != NULL)
		proj = record_int(stock, dict_field_pos(se, "on_hand")) -
		    record_int(stock, dict_field_pos(se, "reserved")) +
		    record_int(stock, dict_field_pos(se, "on_order"));
	proj += drafted;
	if (proj >= mn)
		return (0);
	return ((mx > mn ? mx : mn) - proj);
}

static int
need_of(const struct record *lim, void *arg)
{
	struct needs		*nd = arg;
	const struct entity_def	*se = dict_entity("stock");
	struct record		*s = NULL, *p;
	struct value		 key;
	struct reorder_line	*l;
	char			 k[48];
	uint64_t		 sid, pid, wid;
	int64_t			 q, order;
	size_t			 i;
	int			 rc;

	pid = (uint64_t)record_int(lim, POS("stock_limits", "product"));
	wid = (uint64_t)record_int(lim, POS("stock_limits", "warehouse"));
	stock_key(pid, wid, k, sizeof k);
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.s = k;
	rc = tx_find(nd->x, se, FX_CODE, &key, &sid);
	if (rc == ST_OK)
		rc = tx_get(nd->x, se, sid, 0, &s);
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		nd->rc = rc;
		return (1);
	}
	for (q = 0, i = 0; i < nd->ndraft; i++)
		if (nd->draft[i].product == pid &&
		    nd->draft[i].warehouse == wid)
			q += nd->draft[i].qty;
	if ((order = reorder_qty(lim, s, q)) <= 0) {
		record_free(s);
		return (0);
	}
	if ((rc = tx_get(nd->x, dict_entity("products"), pid, 0, &p)) !=
	    ST_OK) {
		record_free(s);
		nd->rc = rc;
		return (1);
	}
	nd->v = xreallocarray(nd->v, nd->n + 1, sizeof *nd->v);
	l = &nd->v[nd->n++];
	l->product = pid;
	l->warehouse = wid;
	l->supplier = (uint64_t)record_int(p, POS("products", "supplier"));
	l->available = s == NULL ? 0 : record_int(s, POS("stock", "on_hand")) -
	    record_int(s, POS("stock", "reserved"));
	l->on_order = s == NULL ? 0 : record_int(s, POS("stock", "on_order"));
	l->drafted = q;
	l->min = record_int(lim, POS("stock_limits", "min_qty"));
	l->max = record_int(lim, POS("stock_limits", "max_qty"));
	l->qty = order;
	record_free(s);
	record_free(p);
	return (0);
}

/* What draft orders already ask for, so that planning twice does not
 * order twice. */
static int
drafted(struct tx *x, struct needs *nd)
{
	const struct entity_def	*oe = dict_entity("purchase_orders");
	const struct entity_def	*le = dict_entity("po_lines");
	struct record		*o, **ls;
	struct value		 v;
	struct ids		 ids;
	size_t			 i, j, n;
	int			 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)"draft";
	memset(&ids, 0, sizeof ids);
	if ((rc = tx_find_each(x, oe, POS("purchase_orders", "status"), &v, 0,
	    stock_collect_id, &ids)) != ST_OK) {
		free(ids.v);
		return (rc);
	}
	for (i = 0; i < ids.n && rc == ST_OK; i++) {
		if ((rc = tx_get(x, oe, ids.v[i], 0, &o)) != ST_OK)
			break;
		if ((rc = stock_lines_of(x, le, ids.v[i], &ls, &n)) != ST_OK) {
			record_free(o);
			break;
		}
		nd->draft = xreallocarray(nd->draft, nd->ndraft + n + 1,
		    sizeof *nd->draft);
		for (j = 0; j < n; j++) {
			nd->draft[nd->ndraft].product = (uint64_t)record_int(
			    ls[j], POS("po_lines", "product"));
			nd->draft[nd->ndraft].warehouse = (uint64_t)record_int(
			    o, POS("purchase_orders", "warehouse"));
			nd->draft[nd->ndraft].qty = record_int(ls[j],
			    POS("po_lines", "qty"));
			nd->ndraft++;
		}
		stock_rows_free(ls, n);
		record_free(o);
	}
	free(ids.v);
	return (rc);
}

/* The supplier's price for a product, else the product's purchase
 * price. */
static int
supplier_price(struct tx *x, uint64_t sup, uint64_t pid, int64_t *price)
{
	return (po_supplier_terms(x, sup, pid, price, NULL, NULL));
}

int
po_supplier_terms(struct tx *x, uint64_t sup, uint64_t pid, int64_t *price,
    int64_t *lead, int64_t *minq)
{
	const struct entity_def	*spe = dict_entity("supplier_prices");
	struct record		*r;
	struct ids		 ids;
	size_t			 i;
	int			 found = 0, rc;

	*price = -1;
	if (lead != NULL)
		*lead = -1;
	if (minq != NULL)
		*minq = 0;
	if ((rc = stock_ids(x, spe, "product", pid, 0, &ids)) != ST_OK)
		return (rc);
	for (i = 0; i < ids.n && !found; i++) {
		if ((rc = tx_get(x, spe, ids.v[i], 0, &r)) != ST_OK) {
			if (rc == ST_NOTFOUND)
				continue;
			free(ids.v);
			return (rc);
		}
		if ((uint64_t)record_int(r, POS("supplier_prices",
		    "supplier")) == sup) {
			found = 1;
			*price = record_int(r, POS("supplier_prices", "price"));
			if (lead != NULL && record_isset(r,
			    POS("supplier_prices", "lead_days")))
				*lead = record_int(r, POS("supplier_prices",
				    "lead_days"));
			if (minq != NULL)
				*minq = record_int(r, POS("supplier_prices",
				    "min_qty"));
		}
		record_free(r);
	}
	free(ids.v);
	if (lead != NULL && *lead < 0) {
		*lead = 0;
		if (sup != 0 && (rc = tx_get(x, dict_entity("suppliers"), sup, 0,
		    &r)) == ST_OK) {
			*lead = record_int(r, POS("suppliers", "lead_days"));
			record_free(r);
		} else if (sup != 0 && rc != ST_NOTFOUND)
			return (rc);
		if (*lead < 0)
			*lead = 0;
	}
	if (found)
		return (ST_OK);
	if ((rc = tx_get(x, dict_entity("products"), pid, 0, &r)) != ST_OK)
		return (rc);
	*price = record_int(r, POS("products", "purchase_price"));
	record_free(r);
	return (ST_OK);
}

int
po_plan(struct tx *x, struct reorder_line **v, size_t *n)
{
	struct needs	 nd;
	int		 rc;

	memset(&nd, 0, sizeof nd);
	nd.x = x;
	if ((rc = drafted(x, &nd)) == ST_OK &&
	    (rc = tx_each(x, dict_entity("stock_limits"), need_of, &nd)) ==
	    ST_OK)
		rc = nd.rc;
	free(nd.draft);
	if (rc != ST_OK) {
		free(nd.v);
		nd.v = NULL;
		nd.n = 0;
	}
	*v = nd.v;
	*n = nd.n;
	return (rc);
}

int
po_reorder(struct tx *x, char ***codes, uint64_t *made, char **cause)
{
	const struct entity_def	*oe = dict_entity("purchase_orders");
	const struct entity_def	*le = dict_entity("po_lines");
	struct needs		 nd;
	struct record		*o, *l;
	int64_t			 price, line;
	size_t			 i, j;
	int			 rc;

	*made = 0;
	*codes = NULL;
	memset(&nd, 0, sizeof nd);
	if ((rc = po_plan(x, &nd.v, &nd.n)) != ST_OK)
		return (rc);
	for (i = 0; i < nd.n && rc == ST_OK; i++) {
		if (nd.v[i].supplier == 0 || nd.v[i].qty == 0)
			continue;
		o = record_new(oe);
		record_set_int(o, dict_field_pos(oe, "supplier"),
		    (int64_t)nd.v[i].supplier);
		record_set_int(o, dict_field_pos(oe, "warehouse"),
		    (int64_t)nd.v[i].warehouse);
		record_set_str(o, dict_field_pos(oe, "notes"),
		    "made by reorder planning");
		if ((rc = model_save(x, o, 0, cause)) != ST_OK) {
			record_free(o);
			break;
		}
		*codes = xreallocarray(*codes, *made + 1, sizeof **codes);
		(*codes)[(*made)++] = xstrdup(record_str(o, FX_CODE));
		line = 0;
		for (j = i; j < nd.n && rc == ST_OK; j++) {
			if (nd.v[j].supplier != nd.v[i].supplier ||
			    nd.v[j].warehouse != nd.v[i].warehouse ||
			    nd.v[j].qty == 0)
				continue;
			if ((rc = supplier_price(x, nd.v[j].supplier,
			    nd.v[j].product, &price)) != ST_OK)
				break;
			l = record_new(le);
			record_set_int(l, dict_field_pos(le, "po"),
			    (int64_t)record_id(o));
			record_set_int(l, dict_field_pos(le, "line"), ++line);
			record_set_int(l, dict_field_pos(le, "product"),
			    (int64_t)nd.v[j].product);
			record_set_int(l, dict_field_pos(le, "qty"),
			    nd.v[j].qty);
			record_set_int(l, dict_field_pos(le, "price"), price);
			rc = model_save(x, l, 0, cause);
			record_free(l);
			nd.v[j].qty = 0;
		}
		record_free(o);
	}
	free(nd.v);
	if (rc == ST_OK && *made == 0) {
		xasprintf(cause, _("nothing to order: every product with a "
		    "default supplier is at or above its minimum"));
		rc = ST_INVALID;
	}
	if (rc != ST_OK) {
		while (*made > 0)
			free((*codes)[--(*made)]);
		free(*codes);
		*codes = NULL;
	}
	return (rc);
}

/* --- orders and lines as records ----------------------------------------- */

static int
po_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	int	 date = dict_field_pos(r->ent, "date");
	char	*code;
	int	 rc;

	if (old != NULL && strcmp(po_status(old), "draft") != 0) {
		xasprintf(cause, _("%s is %s: only a draft order is changed"),
		    record_str(old, FX_CODE), dict_enum_word(po_status(old)));
		return (ST_INVALID);
	}
	if (!record_isset(r, date))
		record_set_int(r, date, stock_today());
	if (old == NULL)
		record_set_str(r, dict_field_pos(r->ent, "status"), "draft");
	if (old == NULL && !record_isset(r, FX_CODE)) {
		if ((rc = stock_number(x, "po", record_int(r, date), &code)) !=
		    ST_OK)
			return (rc);
		record_set_str(r, FX_CODE, code);
		free(code);
	}
	return (ST_OK);
}

static int
po_defaults(const char *field)
{
	return (strcmp(field, "date") == 0);
}

static int
po_draft(struct tx *x, uint64_t po, char **cause)
{
	struct record	*o;
	int		 rc;

	if ((rc = tx_get(x, dict_entity("purchase_orders"), po, 0, &o)) !=
	    ST_OK) {
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("column 'po': no such purchase "
			    "order"));
		return (rc == ST_NOTFOUND ? ST_INVALID : rc);
	}
	if (strcmp(po_status(o), "draft") != 0) {
		xasprintf(cause, _("%s is %s: its lines are not changed any "
		    "more"), record_str(o, FX_CODE),
		    dict_enum_word(po_status(o)));
		rc = ST_INVALID;
	}
	record_free(o);
	return (rc);
}

static int
po_lines_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	int	 po = dict_field_pos(r->ent, "po");
	int	 rc;

	if (old != NULL && record_int(old, po) != record_int(r, po) &&
	    (rc = po_draft(x, (uint64_t)record_int(old, po), cause)) != ST_OK)
		return (rc);
	if ((rc = po_draft(x, (uint64_t)record_int(r, po), cause)) != ST_OK)
		return (rc);
	if (!record_isset(r, dict_field_pos(r->ent, "line"))) {
		int64_t		  max;

		if ((rc = stock_max_line(x, r->ent, (uint64_t)record_int(r,
		    po), &max)) != ST_OK)
			return (rc);
		record_set_int(r, dict_field_pos(r->ent, "line"), max + 1);
	}
	if (record_int(r, dict_field_pos(r->ent, "qty")) <= 0) {
		xasprintf(cause, _("column 'qty': more than 0 expected"));
		return (ST_INVALID);
	}
	if ((rc = catalog_qty_fits_id(x, (uint64_t)record_int(r,
	    dict_field_pos(r->ent, "product")), record_int(r,
	    dict_field_pos(r->ent, "qty")), cause)) != ST_OK)
		return (rc);
	if (record_int(r, dict_field_pos(r->ent, "price")) < 0) {
		xasprintf(cause, _("column 'price': not negative expected"));
		return (ST_INVALID);
	}
	return (ST_OK);
}

static int
po_lines_can_delete(struct tx *x, const struct record *r, char **cause)
{
	return (po_draft(x, (uint64_t)record_int(r,
	    dict_field_pos(r->ent, "po")), cause));
}

static int
po_can_delete(struct tx *x, const struct record *r, char **cause)
{
	(void)x;
	if (strcmp(po_status(r), "draft") != 0) {
		xasprintf(cause, _("%s is %s: only a draft order is deleted"),
		    record_str(r, FX_CODE), dict_enum_word(po_status(r)));
		return (ST_INVALID);
	}
	return (ST_OK);
}

const struct model_def model_purchase_orders = {
	.entity = "purchase_orders",
	.validate = po_validate,
	.defaults = po_defaults,
	.can_delete = po_can_delete,
};

const struct model_def model_po_lines = {
	.entity = "po_lines",
	.validate = po_lines_validate,
	.can_delete = po_lines_can_delete,
};
