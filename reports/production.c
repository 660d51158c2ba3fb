/*
 * Production reports: what was made, per period and product, at what
 * cost (production); the finished goods on hand and their value per
 * warehouse (finished-goods); and what the open production orders still
 * need of each component, by date, and what is short (shortages).
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
#include "model/production.h"
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
	if (rc != 0)
		xasprintf(cause, _("the reader has gone"));
	return (rc);
}

/* A product's SKU and name (malloc'd; empty when it has gone). */
static void
product_names(struct store *st, uint64_t pid, char **sku, char **name)
{
	struct record	*p;

	if (store_get(st, dict_entity("products"), pid, &p) != ST_OK) {
		xasprintf(sku, "%llu", (unsigned long long)pid);
		*name = xstrdup("");
		return;
	}
	*sku = xstrdup(record_str(p, FX_CODE) ? record_str(p, FX_CODE) : "");
	*name = xstrdup(record_str(p, POS("products", "name")) ?
	    record_str(p, POS("products", "name")) : "");
	record_free(p);
}

/* --- production ----------------------------------------------------------- */

static const char *const made_columns[] = {
	NC_("report", "period"), NC_("report", "sku"), NC_("report", "name"),
	NC_("report", "qty"), NC_("report", "materials"),
	NC_("report", "labour"), NC_("report", "variance"),
	NC_("report", "value"), NULL
};
/* 79 characters; the value is materials + labour. */
static const char *const made_text[] = {
	"<10", "<12", "~12", ">7", ">10", ">12", ">10", "-", NULL
};


static int
made_parse(const struct report_args *a, enum report_bucket *per,
    char **cause)
{
	static const char *const pers[] = { "day", "week", "month" };
	size_t	 i;
	int	 rc;

	*per = REPORT_MONTH;
	if ((rc = report_only(a, 0, 1, cause)) != 0)
		return (rc);
	if (a->period != NULL) {
		for (i = 0; i < 3; i++)
			if (strcmp(a->period, pers[i]) == 0)
				break;
		if (i == 3) {
			xasprintf(cause, _("production: --period day, week or "
			    "month expected, got '%s'"), a->period);
			return (EX_USAGE);
		}
		*per = (enum report_bucket)i;
	}
	return (report_dates(a, cause));
}

static int
made_check(struct store *st, const struct report_args *a, char **cause)
{
	enum report_bucket	 per;

	(void)st;
	return (made_parse(a, &per, cause));
}

struct made {
	int64_t		 period;
	uint64_t	 product;
	char		*sku, *name;
	int64_t		 qty, cost, labour, variance, value;
};

struct made_acc {
	struct store		*st;
	const struct report_args *a;
	enum report_bucket	 per;
	struct made		*v;
	size_t			 n;
};

static int
made_cmp(const void *x, const void *y)
{
	const struct made	*a = x, *b = y;

	if (a->period != b->period)
		return (a->period < b->period ? -1 : 1);
	return (strcmp(a->sku, b->sku));
}

static void
made_free(struct made_acc *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].sku);
		free(m->v[i].name);
	}
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

/* A completion of the period: added to its period and product. */
static int
made_add(const struct record *c, void *arg)
{
	struct made_acc	*m = arg;
	int64_t		 d = record_int(c, POS("mo_completions", "date"));
	int64_t		 p;
	uint64_t	 pid;
	size_t		 i;

	if (!record_isset(c, POS("mo_completions", "kind")) ||
	    strcmp(record_str(c, POS("mo_completions", "kind")),
	    "produce") != 0)
		return (0);
	if ((m->a->from != 0 && d < m->a->from) ||
	    (m->a->to != 0 && d > m->a->to))
		return (0);
	p = report_bucket_of(m->per, d);
	pid = (uint64_t)record_int(c, POS("mo_completions", "product"));
	for (i = 0; i < m->n; i++)
		if (m->v[i].period == p && m->v[i].product == pid)
			break;
	if (i == m->n) {
		m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
		memset(&m->v[i], 0, sizeof m->v[i]);
		m->v[i].period = p;
		m->v[i].product = pid;
		product_names(m->st, pid, &m->v[i].sku, &m->v[i].name);
		m->n++;
	}
	m->v[i].qty += record_int(c, POS("mo_completions", "qty"));
	m->v[i].cost += record_int(c, POS("mo_completions", "cost"));
	m->v[i].labour += record_int(c, POS("mo_completions", "labour"));
	m->v[i].variance += record_int(c, POS("mo_completions", "variance"));
	m->v[i].value += record_int(c, POS("mo_completions", "value"));
	return (0);
}

/* The completions of the period over their date index, summed per period
 * and product; disassemblies are not what was made. */
static int
made_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*ce = dict_entity("mo_completions");
	struct made_acc		 m;
	struct made		 t;
	struct record		**rows;
	struct value		 key;
	uint64_t		 last = 0;
	size_t			 n, i;
	char			*cells[8];
	int			 rc = 0, done = 0;

	memset(&m, 0, sizeof m);
	m.st = st;
	m.a = a;
	if (made_parse(a, &m.per, cause) != 0)
		return (-1);
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = a->from;
	while (!done) {
		if (store_scan(st, ce, POS("mo_completions", "date"), &key,
		    last, 1, 500, &rows, &n) != ST_OK) {
			made_free(&m);
			xasprintf(cause, _("completions cannot be read"));
			return (-1);
		}
		for (i = 0; i < n; i++) {
			if (a->to != 0 && record_int(rows[i],
			    POS("mo_completions", "date")) > a->to)
				done = 1;
			else
				made_add(rows[i], &m);
			key.i = record_int(rows[i], POS("mo_completions",
			    "date"));
			last = record_id(rows[i]);
			record_free(rows[i]);
		}
		free(rows);
		if (n < 500)
			done = 1;
	}
	if (m.n > 0)
		xqsort(m.v, m.n, sizeof *m.v, made_cmp);
	memset(&t, 0, sizeof t);
	for (i = 0; i < m.n && rc == 0; i++) {
		cells[0] = report_bucket_str(m.per, m.v[i].period);
		cells[1] = xstrdup(m.v[i].sku);
		cells[2] = xstrdup(m.v[i].name);
		cells[3] = qty_str(m.v[i].qty);
		cells[4] = money_str(m.v[i].cost);
		cells[5] = money_str(m.v[i].labour);
		cells[6] = money_str(m.v[i].variance);
		cells[7] = money_str(m.v[i].value);
		t.cost += m.v[i].cost;
		t.labour += m.v[i].labour;
		t.variance += m.v[i].variance;
		t.value += m.v[i].value;
		rc = emit(sink, cells, 8, cause);
	}
	made_free(&m);
	if (rc != 0)
		return (rc);
	cells[0] = xstrdup(report_word(a, N_("TOTAL")));
	cells[1] = xstrdup("");
	cells[2] = xstrdup("");
	cells[3] = xstrdup("");
	cells[4] = money_str(t.cost);
	cells[5] = money_str(t.labour);
	cells[6] = money_str(t.variance);
	cells[7] = money_str(t.value);
	return (emit(sink, cells, 8, cause));
}

const struct report_def rep_production = {
	"production", N_("Made per period and product: quantity, the "
	"components' cost, labour, the variance from the BOMs and the value "
	"(--period day|week|month, month by default)"), "production",
	made_columns, made_run, made_check, 0, made_text,
	"period bucket", NULL,
	"dttqmmmm"
};

/* --- finished-goods ----------------------------------------------------- */

static const char *const fg_columns[] = {
	NC_("report", "warehouse"), NC_("report", "sku"),
	NC_("report", "name"), NC_("report", "on_hand"),
	NC_("report", "reserved"), NC_("report", "available"),
	NC_("report", "value"), NULL
};
/* 79 characters. */
static const char *const fg_text[] = {
	"<9", "<12", "~13", ">9", ">9", ">9", ">12", NULL
};

struct fg_row {
	char		*wh, *sku, *name;
	int64_t		 on_hand, reserved, value;
};

struct fg_acc {
	struct store	*st;
	struct fg_row	*v;
	size_t		 n;
	int		 err;
};

static int
fg_cmp(const void *x, const void *y)
{
	const struct fg_row	*a = x, *b = y;
	int			 c = strcmp(a->wh, b->wh);

	return (c != 0 ? c : strcmp(a->sku, b->sku));
}

static int
fg_product(const struct record *p, void *arg)
{
	struct fg_acc	*f = arg;
	struct record	**rows;
	const char	*kind = record_str(p, POS("products", "kind"));
	size_t		 n, i;
	struct fg_row	*r;

	if (kind == NULL || strcmp(kind, "finished") != 0)
		return (0);
	if (report_stock_rows(f->st, record_id(p), &rows, &n) != ST_OK) {
		f->err = 1;
		return (1);
	}
	for (i = 0; i < n; i++) {
		if (record_int(rows[i], POS("stock", "on_hand")) == 0 &&
		    record_int(rows[i], POS("stock", "reserved")) == 0 &&
		    record_int(rows[i], POS("stock", "value")) == 0)
			continue;
		f->v = xreallocarray(f->v, f->n + 1, sizeof *f->v);
		r = &f->v[f->n++];
		r->wh = model_ref_code(f->st, dict_field(dict_entity("stock"),
		    "warehouse"), record_int(rows[i], POS("stock",
		    "warehouse")));
		r->sku = xstrdup(record_str(p, FX_CODE));
		r->name = xstrdup(record_str(p, POS("products", "name")));
		r->on_hand = record_int(rows[i], POS("stock", "on_hand"));
		r->reserved = record_int(rows[i], POS("stock", "reserved"));
		r->value = record_int(rows[i], POS("stock", "value"));
	}
	stock_rows_free(rows, n);
	return (0);
}

static int
fg_check(struct store *st, const struct report_args *a, char **cause)
{
	(void)st;
	return (report_only(a, 0, 0, cause));
}

/* The products of kind finished on hand, per warehouse, and their value
 * at moving average cost; a total per warehouse and of all. */
static int
fg_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	struct fg_acc	 f;
	char		*cells[7];
	int64_t		 whv = 0, total = 0;
	size_t		 i;
	int		 rc = 0;

	memset(&f, 0, sizeof f);
	f.st = st;
	if (store_each(st, dict_entity("products"), fg_product, &f) != ST_OK ||
	    f.err) {
		xasprintf(cause, _("stock cannot be read"));
		rc = -1;
		goto out;
	}
	if (f.n > 0)
		xqsort(f.v, f.n, sizeof *f.v, fg_cmp);
	for (i = 0; i < f.n && rc == 0; i++) {
		cells[0] = xstrdup(f.v[i].wh);
		cells[1] = xstrdup(f.v[i].sku);
		cells[2] = xstrdup(f.v[i].name);
		cells[3] = qty_str(f.v[i].on_hand);
		cells[4] = qty_str(f.v[i].reserved);
		cells[5] = qty_str(f.v[i].on_hand - f.v[i].reserved);
		cells[6] = money_str(f.v[i].value);
		whv += f.v[i].value;
		total += f.v[i].value;
		if ((rc = emit(sink, cells, 7, cause)) != 0)
			break;
		/* The warehouse's total after its last product. */
		if (i + 1 == f.n || strcmp(f.v[i + 1].wh, f.v[i].wh) != 0) {
			cells[0] = xstrdup(f.v[i].wh);
			cells[1] = xstrdup(report_word(a, N_("TOTAL")));
			cells[2] = xstrdup("");
			cells[3] = xstrdup("");
			cells[4] = xstrdup("");
			cells[5] = xstrdup("");
			cells[6] = money_str(whv);
			whv = 0;
			rc = emit(sink, cells, 7, cause);
		}
	}
	if (rc == 0) {
		cells[0] = xstrdup(report_word(a, N_("TOTAL")));
		cells[1] = xstrdup("");
		cells[2] = xstrdup("");
		cells[3] = xstrdup("");
		cells[4] = xstrdup("");
		cells[5] = xstrdup("");
		cells[6] = money_str(total);
		rc = emit(sink, cells, 7, cause);
	}
out:
	for (i = 0; i < f.n; i++) {
		free(f.v[i].wh);
		free(f.v[i].sku);
		free(f.v[i].name);
	}
	free(f.v);
	return (rc);
}

const struct report_def rep_finished_goods = {
	"finished-goods", N_("Finished goods (products of kind finished) on "
	"hand per warehouse, and their value at moving average cost"),
	"stock", fg_columns, fg_run, fg_check, 0, fg_text,
	"", NULL,
	"tttqqqm"
};

/* --- shortages -------------------------------------------------------------- */

static const char *const short_columns[] = {
	NC_("report", "date"), NC_("report", "order"), NC_("report", "status"),
	NC_("report", "sku"), NC_("report", "name"),
	NC_("report", "warehouse"), NC_("report", "need"),
	NC_("report", "reserved"), NC_("report", "available"),
	NC_("report", "short"), NULL
};
/* 77 characters: the status, name and warehouse in CSV only. */
static const char *const short_text[] = {
	"<10", "<14", "-", "<12", "-", "-", ">7", ">9", ">9", ">10", NULL
};

/* One requirement of an order: what it still needs of a product at a
 * warehouse, what it holds reserved, and (worked out in date order from
 * what is free there) what it can have and what is short. */
struct req_row {
	int64_t		 date;
	uint64_t	 order, product, wh;
	char		*code;
	const char	*status;
	int64_t		 need, reserved, avail;
};

struct short_plan {
	struct req_row	*v;
	size_t		 n;
	uint64_t	*ids;		/* the open orders */
	size_t		 nids;
};

static void
plan_add(struct short_plan *pl, const struct record *o, uint64_t product,
    uint64_t wh, int64_t need, int64_t reserved)
{
	struct req_row	*r;
	const char	*st = record_str(o, POS("production_orders",
			    "status"));

	if (need <= 0)
		return;
	pl->v = xreallocarray(pl->v, pl->n + 1, sizeof *pl->v);
	r = &pl->v[pl->n++];
	memset(r, 0, sizeof *r);
	r->date = record_isset(o, POS("production_orders", "start")) ?
	    record_int(o, POS("production_orders", "start")) :
	    record_int(o, POS("production_orders", "date"));
	r->order = record_id(o);
	r->code = xstrdup(record_str(o, FX_CODE));
	/* Static strings: the status is one of the enum's. */
	r->status = strcmp(st, "draft") == 0 ? "draft" :
	    strcmp(st, "released") == 0 ? "released" : "in_progress";
	r->product = product;
	r->wh = wh;
	r->need = need;
	r->reserved = reserved;
}

static void
plan_free(struct short_plan *pl)
{
	size_t	 i;

	for (i = 0; i < pl->n; i++)
		free(pl->v[i].code);
	free(pl->v);
	pl->v = NULL;
	pl->n = 0;
}

static int
req_cmp(const void *x, const void *y)
{
	const struct req_row	*a = x, *b = y;
	int			 c;

	if (a->date != b->date)
		return (a->date < b->date ? -1 : 1);
	if ((c = strcmp(a->code, b->code)) != 0)
		return (c);
	return (a->product < b->product ? -1 : a->product > b->product);
}

static int
open_order(const struct record *o, void *arg)
{
	struct short_plan	*pl = arg;
	const char		*st = record_str(o, POS("production_orders",
				    "status"));

	if (st != NULL && (strcmp(st, "draft") == 0 ||
	    strcmp(st, "released") == 0 || strcmp(st, "in_progress") == 0)) {
		pl->ids = xreallocarray(pl->ids, pl->nids + 1,
		    sizeof *pl->ids);
		pl->ids[pl->nids++] = record_id(o);
	}
	return (0);
}

/* A draft's requirements from its BOM, one level down (a released
 * order's are its lines, reserved). */
static int
plan_order(struct tx *x, struct short_plan *pl, uint64_t id, char **cause)
{
	const struct entity_def	*oe = dict_entity("production_orders");
	const struct entity_def	*le = dict_entity("mo_lines");
	struct record		*o;
	struct bom_node		*v = NULL;
	struct ids		 ids;
	struct record		*l;
	int64_t			 left;
	size_t			 n = 0, i;
	int			 rc, dis;

	if ((rc = tx_get(x, oe, id, 0, &o)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	dis = strcmp(record_str(o, POS("production_orders", "kind")),
	    "disassemble") == 0;
	left = record_int(o, POS("production_orders", "qty")) -
	    record_int(o, POS("production_orders", "made"));
	if (strcmp(record_str(o, POS("production_orders", "status")),
	    "draft") != 0) {
		if (dis)
			plan_add(pl, o, (uint64_t)record_int(o,
			    POS("production_orders", "product")),
			    (uint64_t)record_int(o, POS("production_orders",
			    "fg_warehouse")), record_int(o,
			    POS("production_orders", "reserved")),
			    record_int(o, POS("production_orders",
			    "reserved")));
		else if ((rc = stock_ids(x, le, "order", id, 0, &ids)) ==
		    ST_OK) {
			for (i = 0; i < ids.n && rc == ST_OK; i++) {
				if ((rc = tx_get(x, le, ids.v[i], 0, &l)) !=
				    ST_OK)
					break;
				plan_add(pl, o, (uint64_t)record_int(l,
				    POS("mo_lines", "product")),
				    (uint64_t)record_int(l, POS("mo_lines",
				    "warehouse")), record_int(l,
				    POS("mo_lines", "reserved")),
				    record_int(l, POS("mo_lines",
				    "reserved")));
				record_free(l);
			}
			free(ids.v);
		}
	} else if (dis)
		plan_add(pl, o, (uint64_t)record_int(o,
		    POS("production_orders", "product")),
		    (uint64_t)record_int(o, POS("production_orders",
		    "fg_warehouse")), left, 0);
	else if ((rc = bom_explode(x, (uint64_t)record_int(o,
	    POS("production_orders", "product")), (uint64_t)record_int(o,
	    POS("production_orders", "bom")), left, &v, &n, cause)) ==
	    ST_OK) {
		for (i = 0; i < n; i++)
			if (v[i].depth == 1)
				plan_add(pl, o, v[i].product,
				    (uint64_t)record_int(o,
				    POS("production_orders",
				    "comp_warehouse")), v[i].qty, 0);
		free(v);
	} else if (rc == ST_INVALID)
		rc = ST_OK;	/* a broken BOM: nothing to plan from */
	record_free(o);
	return (rc);
}

/* What is free at each product x warehouse goes to the drafts in date
 * order; a released order has what it reserved. */
static int
plan_tx(struct tx *x, void *arg, char **cause)
{
	struct short_plan	*pl = arg;
	struct {
		uint64_t	 p, w;
		int64_t		 free;
	}			*pool = NULL;
	int64_t			 oh, rs, give;
	size_t			 np = 0, i, j;
	int			 rc = ST_OK;

	plan_free(pl);		/* a run after a deadlock starts afresh */
	for (i = 0; i < pl->nids && rc == ST_OK; i++)
		rc = plan_order(x, pl, pl->ids[i], cause);
	if (rc == ST_OK && pl->n > 0)
		xqsort(pl->v, pl->n, sizeof *pl->v, req_cmp);
	for (i = 0; i < pl->n && rc == ST_OK; i++) {
		struct req_row	*r = &pl->v[i];

		for (j = 0; j < np; j++)
			if (pool[j].p == r->product && pool[j].w == r->wh)
				break;
		if (j == np) {
			if ((rc = stock_level(x, r->product, r->wh, &oh,
			    &rs)) != ST_OK)
				break;
			pool = xreallocarray(pool, np + 1, sizeof *pool);
			pool[np].p = r->product;
			pool[np].w = r->wh;
			pool[np].free = oh - rs > 0 ? oh - rs : 0;
			np++;
		}
		give = r->need - r->reserved;
		if (give > pool[j].free)
			give = pool[j].free;
		if (give < 0)
			give = 0;
		pool[j].free -= give;
		r->avail = give;
	}
	free(pool);
	return (rc == ST_OK ? ST_ABORT : rc);
}

static int
short_check(struct store *st, const struct report_args *a, char **cause)
{
	(void)st;
	return (report_only(a, 0, 0, cause));
}

static int
short_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	struct short_plan	 pl;
	char			*cells[10];
	size_t			 i;
	int			 rc = 0;

	memset(&pl, 0, sizeof pl);
	if (store_each(st, dict_entity("production_orders"), open_order,
	    &pl) != ST_OK) {
		free(pl.ids);
		xasprintf(cause, _("production orders cannot be read"));
		return (-1);
	}
	if (store_run(st, "report", "shortages", plan_tx, &pl, cause) !=
	    ST_ABORT) {
		plan_free(&pl);
		free(pl.ids);
		if (*cause == NULL)
			xasprintf(cause, _("production orders cannot be "
			    "read"));
		return (-1);
	}
	for (i = 0; i < pl.n && rc == 0; i++) {
		const struct req_row	*r = &pl.v[i];
		int64_t			 sh = r->need - r->reserved - r->avail;

		cells[0] = date_str(r->date);
		cells[1] = xstrdup(r->code);
		cells[2] = xstrdup(report_enum(a, r->status));
		product_names(st, r->product, &cells[3], &cells[4]);
		cells[5] = model_ref_code(st, dict_field(dict_entity(
		    "mo_lines"), "warehouse"), (int64_t)r->wh);
		cells[6] = qty_str(r->need);
		cells[7] = qty_str(r->reserved);
		cells[8] = qty_str(r->avail);
		cells[9] = qty_str(sh > 0 ? sh : 0);
		rc = emit(sink, cells, 10, cause);
	}
	plan_free(&pl);
	free(pl.ids);
	return (rc);
}

const struct report_def rep_shortages = {
	"shortages", N_("What the open production orders still need of each "
	"component, by date: reserved (released orders), what is free for "
	"them (drafts, first come first served) and what is short"),
	"production", short_columns, short_run, short_check, 0, short_text,
	"", NULL,
	"dtttttqqqq"
};
