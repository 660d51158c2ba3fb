/*
 * Sales reports: what was sold (sales), the orders still to ship
 * (orders-open) and what came back (returns).  All money is int64
 * kopecks, summed as stored on the documents (VAT per line, never
 * recomputed).
 *
 * sales: shipped net, VAT, gross, cost and margin (net less cost) per
 * day, ISO week or month (--period day|week|month, day by default) of
 * the posted shipments dated in --from/--to; a posted return takes its
 * amounts and its cost off the period of its own date (the day it was
 * posted), not the shipment's.  --by customer|product|manager|category
 * splits each period: the customer of the shipment, the product and its
 * category per line, the manager of the order shipped (else the
 * customer's responsible manager); --by shipment: each document (a
 * return under its own number), what :rep's drill-down from a customer
 * lists.  Filters: --manager, --customer, --warehouse (the documents'),
 * --sku, --category (their lines').  The documents are read in date order
 * over their date indexes, shipments and returns merged, so a period's
 * rows go out as soon as the period is over: the first row does not wait
 * for the whole range.
 *
 * orders-open: per line of the confirmed or part-shipped orders dated in
 * --from/--to: ordered, shipped, reserved, and short: what is still to
 * ship (ordered - shipped) that the order's warehouse cannot give now.
 * The stock there for the open orders is the on hand less what
 * reservation documents hold; it goes to the oldest orders first, each
 * line taking what is left to ship.  A warehouse that keeps stock
 * non-negative backs every reservation, so a reserved line is short only
 * where negative stock is allowed (a line confirmed without the goods),
 * or where an order holds less than is left to ship.
 *
 * returns: per line of the posted returns dated in --from/--to: the
 * quantity, the amount (with VAT: what the customer's debt went down by)
 * and the cost it came back at; and the reason.
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
#include "reports/reports.h"
#include "xmalloc.h"

#define POS(e, n)	dict_field_pos(dict_entity(e), (n))
#define PAGE		500

static char *
money_str(int64_t m)
{
	char	 buf[40];

	money_format(m, buf, sizeof buf, 0);
	return (xstrdup(buf));
}

static char *
qty_str(int64_t q)
{
	char	 buf[40];

	qty_format(q, buf, sizeof buf);
	return (xstrdup(buf));
}

static char *
date_str(int64_t d)
{
	char	 buf[16];

	date_format(d, buf, sizeof buf);
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
	if (rc != 0 && *cause == NULL)
		xasprintf(cause, _("the reader has gone"));
	return (rc);
}

static int
is_posted(const struct record *r)
{
	const char	*s = record_str(r, dict_field_pos(r->ent, "status"));

	return (s != NULL && strcmp(s, "posted") == 0);
}

/*
 * An index read forward in pages, one short read transaction each: the
 * rows of field pos from key (a date, or a value) on.
 */
struct cursor {
	struct store		*st;
	const struct entity_def	*e;
	int			 pos;
	struct value		 key;
	uint64_t		 last;
	struct record		**rows;
	size_t			 n, i, page;
	int			 end, err;
};

static void
cursor_init(struct cursor *c, struct store *st, const struct entity_def *e,
    int pos, const struct value *from)
{
	memset(c, 0, sizeof *c);
	c->st = st;
	c->e = e;
	c->pos = pos;
	c->key = *from;
	c->page = PAGE;
}

static void
cursor_drop(struct cursor *c)
{
	for (; c->i < c->n; c->i++)
		record_free(c->rows[c->i]);
	free(c->rows);
	c->rows = NULL;
	c->n = c->i = 0;
}

/* The current row (borrowed until cursor_next), or NULL at the end or on
 * an error (c->err). */
static const struct record *
cursor_peek(struct cursor *c)
{
	if (c->i < c->n)
		return (c->rows[c->i]);
	if (c->end)
		return (NULL);
	cursor_drop(c);
	if (store_scan(c->st, c->e, c->pos, &c->key, c->last, 1, c->page,
	    &c->rows, &c->n) != ST_OK) {
		c->err = c->end = 1;
		return (NULL);
	}
	if (c->n < c->page)
		c->end = 1;
	if (c->n == 0)
		return (NULL);
	return (c->rows[0]);
}

static void
cursor_next(struct cursor *c)
{
	const struct record	*r = c->rows[c->i];

	if (c->key.s == NULL)
		c->key.i = record_int(r, c->pos);
	c->last = record_id(r);
	record_free(c->rows[c->i++]);
}

static void
cursor_free(struct cursor *c)
{
	cursor_drop(c);
}

/* The rows of an entity's index pos holding id (a document's lines). */
static int
lines_of(struct store *st, const char *ent, const char *field, uint64_t id,
    struct record ***out, size_t *nout)
{
	const struct entity_def	*e = dict_entity(ent);
	int			 pos = dict_field_pos(e, field);
	struct cursor		 c;
	struct value		 key;
	const struct record	*r;
	size_t			 cap = 8;

	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = (int64_t)id;
	cursor_init(&c, st, e, pos, &key);
	c.page = 8;	/* a few lines; the rows after them are another's */
	*nout = 0;
	*out = xcalloc(cap, sizeof **out);
	while ((r = cursor_peek(&c)) != NULL &&
	    (uint64_t)record_int(r, pos) == id) {
		if (*nout == cap) {
			cap *= 2;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[(*nout)++] = c.rows[c.i];
		c.rows[c.i++] = NULL;
		c.last = record_id((*out)[*nout - 1]);
	}
	cursor_free(&c);
	return (c.err ? -1 : 0);
}

static void
lines_free(struct record **ls, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		record_free(ls[i]);
	free(ls);
}

/* --- sales ------------------------------------------------------------ */

static const char *const sales_columns[] = {
	NC_("report", "period"), NC_("report", "group"),
	NC_("report", "net"), NC_("report", "vat"), NC_("report", "gross"),
	NC_("report", "cost"), NC_("report", "margin"), NULL
};

enum sales_by { BY_NONE, BY_CUSTOMER, BY_PRODUCT, BY_MANAGER, BY_CATEGORY,
    BY_SHIPMENT };

struct sums {
	int64_t		 net, vat, gross, cost;
};

struct group {
	int64_t		 key;		/* the customer's, product's, ... id */
	char		*label;
	struct sums	 s;
};

struct pair {
	int64_t		 a, b;
};

struct sales {
	struct store		*st;
	const struct report_args *a;
	enum sales_by		 by;
	enum report_bucket	 per;
	int64_t			 cur;		/* the period being summed */
	struct group		*g;
	size_t			 ng;
	struct sums		 total;
	struct pair		*cat;		/* product -> category */
	size_t			 ncat;
	struct pair		*mgr;		/* order -> manager */
	size_t			 nmgr;
	size_t			 hint;
	/* The filters' ids, 0: none. */
	int64_t			 fman, fcust, fwh, fcat, fprod;
};

static int
sales_parse(const struct report_args *a, enum sales_by *by,
    enum report_bucket *per, char **cause)
{
	static const char *const bys[] = { "customer", "product", "manager",
	    "category", "shipment" };
	static const char *const pers[] = { "day", "week", "month" };
	size_t	 i;

	*by = BY_NONE;
	*per = REPORT_DAY;
	if (a->by != NULL) {
		for (i = 0; i < 5; i++)
			if (strcmp(a->by, bys[i]) == 0)
				break;
		if (i == 5) {
			xasprintf(cause, _("sales: --by customer, product, "
			    "manager or category expected, got '%s'"), a->by);
			return (EX_USAGE);
		}
		*by = (enum sales_by)(i + 1);
	}
	if (a->period != NULL) {
		for (i = 0; i < 3; i++)
			if (strcmp(a->period, pers[i]) == 0)
				break;
		if (i == 3) {
			xasprintf(cause, _("sales: --period day, week or month "
			    "expected, got '%s'"), a->period);
			return (EX_USAGE);
		}
		*per = (enum report_bucket)i;
	}
	return (report_dates(a, cause));
}

/* The filters' ids into s (st: the store they are looked up in). */
static int
sales_filters(struct store *st, const struct report_args *a,
    struct sales *s, char **cause)
{
	struct record	*p;
	uint64_t	 id;
	const char	*via;
	int64_t		 pack;
	char		*q;
	int		 rc;

	if (a->manager != NULL) {
		if ((rc = report_ref(st, "users", "manager", a->manager, &id,
		    cause)) != 0)
			return (rc);
		s->fman = (int64_t)id;
	}
	if (a->customer != NULL) {
		if ((rc = report_ref(st, "customers", "customer", a->customer,
		    &id, cause)) != 0)
			return (rc);
		s->fcust = (int64_t)id;
	}
	if (a->warehouse != NULL) {
		if ((rc = report_ref(st, "warehouses", "warehouse",
		    a->warehouse, &id, cause)) != 0)
			return (rc);
		s->fwh = (int64_t)id;
	}
	if (a->category != NULL) {
		if ((rc = report_ref(st, "categories", "category",
		    a->category, &id, cause)) != 0)
			return (rc);
		s->fcat = (int64_t)id;
	}
	if (a->key != NULL && *a->key != '\0') {
		if (catalog_find_product(st, a->key, &p, &pack, &via) !=
		    ST_OK) {
			q = text_quote(a->key);
			xasprintf(cause, _("no product with SKU or barcode %s"),
			    q);
			free(q);
			return (EX_NOINPUT);
		}
		s->fprod = (int64_t)record_id(p);
		record_free(p);
	}
	return (0);
}

static int
sales_check(struct store *st, const struct report_args *a, char **cause)
{
	enum sales_by		 by;
	enum report_bucket	 per;
	struct sales		 s;
	int			 rc;

	if ((rc = sales_parse(a, &by, &per, cause)) != 0)
		return (rc);
	memset(&s, 0, sizeof s);
	return (sales_filters(st, a, &s, cause));
}

static void
sums_add(struct sums *t, const struct sums *s)
{
	t->net += s->net;
	t->vat += s->vat;
	t->gross += s->gross;
	t->cost += s->cost;
}

static struct group *
group_get(struct sales *s, int64_t key)
{
	size_t	 i;

	if (s->hint < s->ng && s->g[s->hint].key == key)
		return (&s->g[s->hint]);
	for (i = 0; i < s->ng; i++)
		if (s->g[i].key == key) {
			s->hint = i;
			return (&s->g[i]);
		}
	s->g = xreallocarray(s->g, s->ng + 1, sizeof *s->g);
	memset(&s->g[s->ng], 0, sizeof *s->g);
	s->g[s->ng].key = key;
	s->hint = s->ng;
	return (&s->g[s->ng++]);
}

static int
group_cmp(const void *a, const void *b)
{
	const struct group	*x = a, *y = b;

	return (strcmp(x->label, y->label));
}

/* b of a in a small cache, fetched by get the first time. */
static int64_t
cached(struct pair **v, size_t *n, int64_t a,
    int64_t (*get)(struct store *, int64_t), struct store *st)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if ((*v)[i].a == a)
			return ((*v)[i].b);
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].a = a;
	(*v)[*n].b = get(st, a);
	return ((*v)[(*n)++].b);
}

static int64_t
get_category(struct store *st, int64_t product)
{
	struct record	*p;
	int64_t		 c;

	if (store_get(st, dict_entity("products"), (uint64_t)product, &p) !=
	    ST_OK)
		return (0);
	c = record_int(p, POS("products", "category"));
	record_free(p);
	return (c);
}

static int64_t
get_manager(struct store *st, int64_t order)
{
	struct record	*o;
	int64_t		 m;

	if (order == 0 || store_get(st, dict_entity("sales_orders"),
	    (uint64_t)order, &o) != ST_OK)
		return (0);
	m = record_int(o, POS("sales_orders", "manager"));
	record_free(o);
	return (m);
}

static int64_t
customer_manager(struct store *st, int64_t customer)
{
	struct record	*c;
	int64_t		 m;

	if (store_get(st, dict_entity("customers"), (uint64_t)customer,
	    &c) != ST_OK)
		return (0);
	m = record_int(c, POS("customers", "manager"));
	record_free(c);
	return (m);
}

/* The label of a group's key: the code of what it names. */
static char *
group_label(struct sales *s, int64_t key)
{
	const char	*ent, *field;

	if (s->by == BY_NONE)
		return (xstrdup(report_word(s->a, N_("(all)"))));
	if (key == 0)
		return (xstrdup(report_word(s->a, N_("(none)"))));
	/* A document: a shipment's id, a return's negated. */
	if (s->by == BY_SHIPMENT)
		return (model_ref_code(s->st, dict_field(dict_entity(
		    key > 0 ? "shipment_lines" : "return_lines"), key > 0 ?
		    "shipment" : "cust_return"), key > 0 ? key : -key));
	switch (s->by) {
	case BY_CUSTOMER:
		ent = "shipments";
		field = "customer";
		break;
	case BY_PRODUCT:
		ent = "shipment_lines";
		field = "product";
		break;
	case BY_MANAGER:
		ent = "sales_orders";
		field = "manager";
		break;
	default:
		ent = "products";
		field = "category";
		break;
	}
	return (model_ref_code(s->st, dict_field(dict_entity(ent), field),
	    key));
}

/* The rows of the period summed, then a fresh start. */
static int
sales_flush(struct sales *s, struct report_sink *sink, char **cause)
{
	char	*cells[7];
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < s->ng; i++)
		s->g[i].label = group_label(s, s->g[i].key);
	if (s->ng > 1)
		xqsort(s->g, s->ng, sizeof *s->g, group_cmp);
	for (i = 0; i < s->ng; i++) {
		if (rc == 0) {
			cells[0] = report_bucket_str(s->per, s->cur);
			cells[1] = s->g[i].label;
			cells[2] = money_str(s->g[i].s.net);
			cells[3] = money_str(s->g[i].s.vat);
			cells[4] = money_str(s->g[i].s.gross);
			cells[5] = money_str(s->g[i].s.cost);
			cells[6] = money_str(s->g[i].s.net - s->g[i].s.cost);
			rc = emit(sink, cells, 7, cause);
		} else
			free(s->g[i].label);
		sums_add(&s->total, &s->g[i].s);
	}
	free(s->g);
	s->g = NULL;
	s->ng = s->hint = 0;
	return (rc);
}

/* The manager of a document (sign 1: a shipment, -1: a return): that of
 * the order shipped, else the customer's. */
static int64_t
doc_manager(struct sales *s, const struct record *h, int sign)
{
	struct record	*shp;
	int64_t		 order = 0, key;

	if (sign > 0)
		order = record_int(h, POS("shipments", "order"));
	else if (store_get(s->st, dict_entity("shipments"),
	    (uint64_t)record_int(h, POS("customer_returns", "shipment")),
	    &shp) == ST_OK) {
		order = record_int(shp, POS("shipments", "order"));
		record_free(shp);
	}
	key = order != 0 ? cached(&s->mgr, &s->nmgr, order, get_manager,
	    s->st) : 0;
	if (key == 0)
		key = customer_manager(s->st, record_int(h,
		    dict_field_pos(h->ent, "customer")));
	return (key);
}

/* Add a document (sign 1: a shipment, -1: a return) to its groups, if
 * the filters (--manager, --customer, --warehouse, --sku, --category)
 * let it, or those of its lines they let. */
static int
sales_add(struct sales *s, const struct record *h, int sign)
{
	const char		*ln = sign > 0 ? "shipment_lines" :
				    "return_lines";
	const char		*parent = sign > 0 ? "shipment" : "cust_return";
	const struct entity_def	*le = dict_entity(ln);
	struct record		**ls;
	struct group		*g;
	struct sums		 v;
	size_t			 n, i;
	int64_t			 key = 0, mgr = 0, prod, cat;

	if (s->fcust != 0 && record_int(h, dict_field_pos(h->ent,
	    "customer")) != s->fcust)
		return (0);
	if (s->fwh != 0 && record_int(h, dict_field_pos(h->ent,
	    "warehouse")) != s->fwh)
		return (0);
	if (s->by == BY_MANAGER || s->fman != 0)
		mgr = doc_manager(s, h, sign);
	if (s->fman != 0 && mgr != s->fman)
		return (0);
	if (s->by == BY_CUSTOMER)
		key = record_int(h, dict_field_pos(h->ent, "customer"));
	else if (s->by == BY_MANAGER)
		key = mgr;
	else if (s->by == BY_SHIPMENT)
		key = sign * (int64_t)record_id(h);
	if ((s->by == BY_NONE || s->by == BY_CUSTOMER ||
	    s->by == BY_MANAGER || s->by == BY_SHIPMENT) && s->fprod == 0 &&
	    s->fcat == 0) {
		v.net = sign * record_int(h, dict_field_pos(h->ent, "net"));
		v.vat = sign * record_int(h, dict_field_pos(h->ent, "vat"));
		v.gross = sign * record_int(h, dict_field_pos(h->ent,
		    "gross"));
		v.cost = sign * record_int(h, dict_field_pos(h->ent, "cost"));
		g = group_get(s, key);
		sums_add(&g->s, &v);
		return (0);
	}
	if (lines_of(s->st, ln, parent, record_id(h), &ls, &n) != 0)
		return (-1);
	for (i = 0; i < n; i++) {
		prod = record_int(ls[i], dict_field_pos(le, "product"));
		if (s->fprod != 0 && prod != s->fprod)
			continue;
		cat = 0;
		if (s->by == BY_CATEGORY || s->fcat != 0)
			cat = cached(&s->cat, &s->ncat, prod, get_category,
			    s->st);
		if (s->fcat != 0 && cat != s->fcat)
			continue;
		if (s->by == BY_PRODUCT)
			key = prod;
		else if (s->by == BY_CATEGORY)
			key = cat;
		v.net = sign * record_int(ls[i], dict_field_pos(le, "net"));
		v.vat = sign * record_int(ls[i], dict_field_pos(le,
		    "vat_amount"));
		v.gross = sign * record_int(ls[i], dict_field_pos(le,
		    "gross"));
		v.cost = sign * record_int(ls[i], dict_field_pos(le, "cost"));
		g = group_get(s, key);
		sums_add(&g->s, &v);
	}
	lines_free(ls, n);
	return (0);
}

static int
sales_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*se = dict_entity("shipments");
	const struct entity_def	*re = dict_entity("customer_returns");
	const struct record	*sh, *rt, *h;
	struct cursor		 cs, cr;
	struct sales		 s;
	struct value		 key;
	char			*cells[7];
	int64_t			 to = a->to ? a->to : INT64_MAX, d, p;
	int			 rc = 0, sign;

	memset(&s, 0, sizeof s);
	s.st = st;
	s.a = a;
	if ((rc = sales_parse(a, &s.by, &s.per, cause)) != 0 ||
	    (rc = sales_filters(st, a, &s, cause)) != 0)
		return (-1);
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = a->from;
	cursor_init(&cs, st, se, POS("shipments", "date"), &key);
	cursor_init(&cr, st, re, POS("customer_returns", "date"), &key);
	while (rc == 0) {
		sh = cursor_peek(&cs);
		rt = cursor_peek(&cr);
		if (sh != NULL && (rt == NULL || record_int(sh, cs.pos) <=
		    record_int(rt, cr.pos))) {
			h = sh;
			sign = 1;
		} else if (rt != NULL) {
			h = rt;
			sign = -1;
		} else
			break;
		if ((d = record_int(h, sign > 0 ? cs.pos : cr.pos)) > to)
			break;
		if (is_posted(h)) {
			p = report_bucket_of(s.per, d);
			if (p != s.cur && s.ng > 0)
				rc = sales_flush(&s, sink, cause);
			s.cur = p;
			if (rc == 0 && sales_add(&s, h, sign) != 0) {
				xasprintf(cause, _("sales cannot be read"));
				rc = -1;
			}
		}
		cursor_next(sign > 0 ? &cs : &cr);
	}
	if (rc == 0 && (cs.err || cr.err)) {
		xasprintf(cause, _("sales cannot be read"));
		rc = -1;
	}
	if (rc == 0 && s.ng > 0)
		rc = sales_flush(&s, sink, cause);
	if (rc == 0) {
		cells[0] = xstrdup(report_word(a, N_("TOTAL")));
		cells[1] = xstrdup("");
		cells[2] = money_str(s.total.net);
		cells[3] = money_str(s.total.vat);
		cells[4] = money_str(s.total.gross);
		cells[5] = money_str(s.total.cost);
		cells[6] = money_str(s.total.net - s.total.cost);
		rc = emit(sink, cells, 7, cause);
	}
	cursor_free(&cs);
	cursor_free(&cr);
	free(s.g);
	free(s.cat);
	free(s.mgr);
	return (rc);
}

const struct report_def rep_sales = {
	"sales", N_("Sales shipped: net, VAT, gross, cost and margin per "
	"period, returns taken off (--period day|week|month; --by customer|"
	"product|manager|category)"), "sales", sales_columns, sales_run,
	sales_check, 0, NULL,
	"period bucket group:customer,product,manager,category,shipment "
	"manager customer product category warehouse",
	"manager=customer@group customer=shipment@group "
	"shipment=card:shipments@group",
	"dtmmmmm"
};

/* --- orders-open ------------------------------------------------------ */

/* As text, the line's number gives way: the rest fits 80 columns. */
static const char *const open_text[] = {
	"<", "<", "<", "~", "<", "-", "<", ">", ">", ">", ">", NULL
};

static const char *const open_columns[] = {
	NC_("report", "order"), NC_("report", "date"),
	NC_("report", "ship_date"), NC_("report", "customer"),
	NC_("report", "warehouse"), NC_("report", "line"),
	NC_("report", "sku"), NC_("report", "ordered"),
	NC_("report", "shipped"), NC_("report", "reserved"),
	NC_("report", "short"), NULL
};

/* What the stock of a product at a warehouse can give the open orders:
 * on hand less what reservation documents hold (the stock row's reserved
 * less the open orders' lines' reserved). */
struct pool {
	int64_t		 product, warehouse;
	int64_t		 orders_reserved, left;
	int		 loaded;
};

struct oline {
	struct record	*order;		/* borrowed from the order list */
	struct record	*line;
	int64_t		 product, warehouse, left, reserved;
	size_t		 pool;		/* its index in the pools */
};

static int
order_cmp(const void *a, const void *b)
{
	const struct record	*x = *(struct record *const *)a;
	const struct record	*y = *(struct record *const *)b;
	int			 p = dict_field_pos(x->ent, "date");

	if (record_int(x, p) != record_int(y, p))
		return (record_int(x, p) < record_int(y, p) ? -1 : 1);
	return (strcmp(record_str(x, FX_CODE), record_str(y, FX_CODE)));
}

static int
line_cmp(const void *a, const void *b)
{
	const struct record	*x = *(struct record *const *)a;
	const struct record	*y = *(struct record *const *)b;
	int			 p = dict_field_pos(x->ent, "line");

	if (record_int(x, p) != record_int(y, p))
		return (record_int(x, p) < record_int(y, p) ? -1 : 1);
	return (record_id(x) < record_id(y) ? -1 : 1);
}

/* On hand less reserved by documents other than open orders. */
static void
pool_load(struct store *st, struct pool *p)
{
	struct record	**rows;
	size_t		 n, i;
	int64_t		 oh = 0, rs = 0;

	p->loaded = 1;
	if (report_stock_rows(st, (uint64_t)p->product, &rows, &n) == ST_OK) {
		for (i = 0; i < n; i++) {
			if (record_int(rows[i], POS("stock", "warehouse")) ==
			    p->warehouse) {
				oh = record_int(rows[i], POS("stock",
				    "on_hand"));
				rs = record_int(rows[i], POS("stock",
				    "reserved"));
			}
			record_free(rows[i]);
		}
		free(rows);
	}
	p->left = oh - (rs - p->orders_reserved);
	if (p->left < 0)
		p->left = 0;
}

/* Every open order (confirmed or part shipped), oldest first. */
static int
open_orders(struct store *st, struct record ***out, size_t *nout)
{
	static const char *const states[] = { "confirmed", "part_shipped" };
	const struct entity_def	*oe = dict_entity("sales_orders");
	const struct record	*r;
	struct cursor		 c;
	struct value		 key;
	size_t			 k;
	int			 sp = dict_field_pos(oe, "status"), err = 0;

	*out = NULL;
	*nout = 0;
	for (k = 0; k < 2 && !err; k++) {
		memset(&key, 0, sizeof key);
		key.set = 1;
		key.s = (char *)states[k];
		cursor_init(&c, st, oe, sp, &key);
		while ((r = cursor_peek(&c)) != NULL && record_str(r, sp) !=
		    NULL && strcmp(record_str(r, sp), states[k]) == 0) {
			c.last = record_id(r);
			*out = xreallocarray(*out, *nout + 1, sizeof **out);
			(*out)[(*nout)++] = c.rows[c.i];
			c.rows[c.i++] = NULL;
		}
		cursor_free(&c);
		err = c.err;
	}
	if (*nout > 1)
		xqsort(*out, *nout, sizeof **out, order_cmp);
	return (err ? -1 : 0);
}

static int
open_row(struct store *st, const struct oline *l, int64_t shrt,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*oe = dict_entity("sales_orders");
	const struct entity_def	*le = dict_entity("so_lines");
	char			*cells[11];
	int			 sd = dict_field_pos(oe, "ship_date");

	cells[0] = xstrdup(record_str(l->order, FX_CODE));
	cells[1] = date_str(record_int(l->order, dict_field_pos(oe, "date")));
	cells[2] = record_isset(l->order, sd) ?
	    date_str(record_int(l->order, sd)) : xstrdup("");
	cells[3] = model_ref_code(st, dict_field(oe, "customer"),
	    record_int(l->order, dict_field_pos(oe, "customer")));
	cells[4] = model_ref_code(st, dict_field(oe, "warehouse"),
	    l->warehouse);
	xasprintf(&cells[5], "%lld", (long long)record_int(l->line,
	    dict_field_pos(le, "line")));
	cells[6] = model_ref_code(st, dict_field(le, "product"), l->product);
	cells[7] = qty_str(record_int(l->line, dict_field_pos(le, "qty")));
	cells[8] = qty_str(record_int(l->line, dict_field_pos(le,
	    "shipped")));
	cells[9] = qty_str(l->reserved);
	cells[10] = qty_str(shrt);
	return (emit(sink, cells, 11, cause));
}

/*
 * Every open order is read, so that the stock goes to the oldest first
 * whatever the period; the rows are those of the period.
 */
static int
open_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*oe = dict_entity("sales_orders");
	const struct entity_def	*le = dict_entity("so_lines");
	struct record		**ov, **ls;
	struct oline		*lv = NULL;
	struct pool		*pv = NULL;
	size_t			 no, nl = 0, np = 0, n, i, j, k;
	int64_t			 d, take, to = a->to ? a->to : INT64_MAX;
	int			 rc = 0;

	if (open_orders(st, &ov, &no) != 0) {
		xasprintf(cause, _("orders cannot be read"));
		rc = -1;
	}
	for (i = 0; i < no && rc == 0; i++) {
		if (lines_of(st, "so_lines", "order", record_id(ov[i]), &ls,
		    &n) != 0) {
			xasprintf(cause, _("orders cannot be read"));
			rc = -1;
			break;
		}
		if (n > 1)
			xqsort(ls, n, sizeof *ls, line_cmp);
		lv = xreallocarray(lv, nl + n, sizeof *lv);
		for (j = 0; j < n; j++) {
			struct oline	*l = &lv[nl++];

			l->order = ov[i];
			l->line = ls[j];
			l->product = record_int(ls[j], dict_field_pos(le,
			    "product"));
			l->warehouse = record_int(ov[i], dict_field_pos(oe,
			    "warehouse"));
			l->left = record_int(ls[j], dict_field_pos(le, "qty")) -
			    record_int(ls[j], dict_field_pos(le, "shipped"));
			l->reserved = record_int(ls[j], dict_field_pos(le,
			    "reserved"));
			for (k = 0; k < np; k++)
				if (pv[k].product == l->product &&
				    pv[k].warehouse == l->warehouse)
					break;
			if (k == np) {
				pv = xreallocarray(pv, np + 1, sizeof *pv);
				memset(&pv[np++], 0, sizeof *pv);
				pv[k].product = l->product;
				pv[k].warehouse = l->warehouse;
			}
			pv[k].orders_reserved += l->reserved;
			l->pool = k;
		}
		free(ls);
	}
	for (i = 0; i < nl && rc == 0; i++) {
		struct oline	*l = &lv[i];
		struct pool	*p = &pv[l->pool];

		if (l->left <= 0)
			continue;
		if (!p->loaded)
			pool_load(st, p);
		take = p->left < l->left ? p->left : l->left;
		p->left -= take;
		d = record_int(l->order, dict_field_pos(oe, "date"));
		if (d >= a->from && d <= to)
			rc = open_row(st, l, l->left - take, sink, cause);
	}
	for (i = 0; i < nl; i++)
		record_free(lv[i].line);
	for (i = 0; i < no; i++)
		record_free(ov[i]);
	free(lv);
	free(pv);
	free(ov);
	return (rc);
}

/* A report of neither --by nor --period, over a period of dates. */
static int
plain_check(const struct report_args *a, char **cause)
{
	int	 rc;

	if ((rc = report_only(a, 0, 0, cause)) != 0)
		return (rc);
	return (report_dates(a, cause));
}

static int
open_check(struct store *st, const struct report_args *a, char **cause)
{
	(void)st;
	return (plain_check(a, cause));
}

static int
returns_check(struct store *st, const struct report_args *a, char **cause)
{
	(void)st;
	return (plain_check(a, cause));
}

const struct report_def rep_orders_open = {
	"orders-open", N_("Confirmed orders not fully shipped: per line "
	"ordered, shipped, reserved and short (--from, --to: order date)"),
	"sales", open_columns, open_run, open_check, 0, open_text,
	"period", NULL,
	"tddttttqqqq"
};

/* --- returns ---------------------------------------------------------- */

/* As text, the cost gives way (CSV has it): the codes stay whole. */
static const char *const returns_text[] = {
	"<", "<", "<", "~", "<", ">", ">", "-", "~", NULL
};

static const char *const returns_columns[] = {
	NC_("report", "return"), NC_("report", "date"),
	NC_("report", "shipment"), NC_("report", "customer"),
	NC_("report", "sku"), NC_("report", "qty"),
	NC_("report", "amount"), NC_("report", "cost"),
	NC_("report", "reason"), NULL
};

static int
returns_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*re = dict_entity("customer_returns");
	const struct entity_def	*le = dict_entity("return_lines");
	const struct record	*r;
	struct record		**ls;
	struct cursor		 c;
	struct value		 key;
	size_t			 n, i;
	int64_t			 to = a->to ? a->to : INT64_MAX;
	int64_t			 amount = 0, cost = 0;
	int			 rc = 0, dp = dict_field_pos(re, "date");
	char			*cells[9];

	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = a->from;
	cursor_init(&c, st, re, dp, &key);
	while (rc == 0 && (r = cursor_peek(&c)) != NULL &&
	    record_int(r, dp) <= to) {
		if (!is_posted(r)) {
			cursor_next(&c);
			continue;
		}
		if (lines_of(st, "return_lines", "cust_return", record_id(r),
		    &ls, &n) != 0) {
			xasprintf(cause, _("returns cannot be read"));
			rc = -1;
			break;
		}
		if (n > 1)
			xqsort(ls, n, sizeof *ls, line_cmp);
		for (i = 0; i < n && rc == 0; i++) {
			cells[0] = xstrdup(record_str(r, FX_CODE));
			cells[1] = date_str(record_int(r, dp));
			cells[2] = model_ref_code(st, dict_field(re,
			    "shipment"), record_int(r, dict_field_pos(re,
			    "shipment")));
			cells[3] = model_ref_code(st, dict_field(re,
			    "customer"), record_int(r, dict_field_pos(re,
			    "customer")));
			cells[4] = model_ref_code(st, dict_field(le,
			    "product"), record_int(ls[i], dict_field_pos(le,
			    "product")));
			cells[5] = qty_str(record_int(ls[i],
			    dict_field_pos(le, "qty")));
			cells[6] = money_str(record_int(ls[i],
			    dict_field_pos(le, "gross")));
			cells[7] = money_str(record_int(ls[i],
			    dict_field_pos(le, "cost")));
			cells[8] = xstrdup(record_str(r, dict_field_pos(re,
			    "reason")) ? record_str(r, dict_field_pos(re,
			    "reason")) : "");
			amount += record_int(ls[i], dict_field_pos(le,
			    "gross"));
			cost += record_int(ls[i], dict_field_pos(le, "cost"));
			rc = emit(sink, cells, 9, cause);
		}
		lines_free(ls, n);
		cursor_next(&c);
	}
	if (rc == 0 && c.err) {
		xasprintf(cause, _("returns cannot be read"));
		rc = -1;
	}
	cursor_free(&c);
	if (rc == 0) {
		cells[0] = xstrdup(report_word(a, N_("TOTAL")));
		for (i = 1; i < 9; i++)
			cells[i] = i == 6 ? money_str(amount) : i == 7 ?
			    money_str(cost) : xstrdup("");
		rc = emit(sink, cells, 9, cause);
	}
	return (rc);
}

const struct report_def rep_returns = {
	"returns", N_("Customer returns: per line the shipment, customer, "
	"product, quantity, amount, cost and reason (--from, --to)"),
	"sales", returns_columns, returns_run, returns_check, 0,
	returns_text,
	"period", NULL,
	"tdtttqmmt"
};
