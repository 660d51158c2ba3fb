/*
 * slow-stock: slow-moving and dead stock.  Every stock row (product x
 * warehouse) with goods on hand whose product has not been shipped from
 * that warehouse in the last N days (--days N, 90 by default) before the
 * day of the report (--to, else today): its quantity, its value at moving
 * average cost, the date of the last shipment and the days since; "dead"
 * when there has been none at all, else "slow".  Filters: --warehouse,
 * --category.  The last shipment is read from the product's moves (the
 * ledger's product index), once per product.
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

#define SLOW_DAYS	90

static const char *const slow_columns[] = {
	NC_("report", "warehouse"), NC_("report", "sku"),
	NC_("report", "name"), NC_("report", "on_hand"),
	NC_("report", "value"), NC_("report", "last_sale"),
	NC_("report", "days"), NC_("report", "status"), NULL
};

static const char *const slow_text[] = {
	"<8", "<12", "~16", ">10", ">12", "<10", ">5", "<8"
};

struct slow_row {
	int64_t		 product, warehouse, on_hand, value, last;
	char		*wh, *sku, *name;
};

struct slow {
	struct store	*st;
	int64_t		 fwh, fcat;
	struct slow_row	*v;
	size_t		 n, cap;
};

static int
slow_stock_row(const struct record *r, void *arg)
{
	struct slow	*s = arg;
	struct slow_row	*row;
	int64_t		 oh = record_int(r, dict_field_pos(r->ent, "on_hand"));
	int64_t		 w = record_int(r, dict_field_pos(r->ent,
			    "warehouse"));

	if (oh <= 0 || (s->fwh != 0 && w != s->fwh))
		return (0);
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	row = &s->v[s->n++];
	memset(row, 0, sizeof *row);
	row->product = record_int(r, dict_field_pos(r->ent, "product"));
	row->warehouse = w;
	row->on_hand = oh;
	row->value = record_int(r, dict_field_pos(r->ent, "value"));
	return (0);
}

/* The last shipment of product from warehouse on or before day: its date,
 * or 0. */
static int64_t
last_sale(struct store *st, int64_t product, int64_t warehouse, int64_t day)
{
	const struct entity_def	*me = dict_entity("stock_moves");
	struct record		**ms;
	const char		*k;
	int64_t			 last = 0, d;
	size_t			 n, i;

	if (report_rows(st, "stock_moves", "product", product, &ms, &n) != 0)
		return (0);
	for (i = 0; i < n; i++) {
		k = record_str(ms[i], dict_field_pos(me, "kind"));
		d = record_int(ms[i], dict_field_pos(me, "date"));
		if (k != NULL && strcmp(k, "shipment") == 0 && record_int(ms[i],
		    dict_field_pos(me, "warehouse")) == warehouse &&
		    d <= day && d > last)
			last = d;
	}
	report_rows_free(ms, n);
	return (last);
}

/* Days from a to b (YYYYMMDD, a <= b). */
static int64_t
days_between(int64_t a, int64_t b)
{
	int64_t	 n = 0;

	/* Months at a time would be quicker; a year of days is cheap. */
	while (a < b && n < 100000) {
		a = date_add_days(a, 1);
		n++;
	}
	return (n);
}

static int
slow_cmp(const void *x, const void *y)
{
	const struct slow_row	*a = x, *b = y;
	int			 c;

	if ((c = strcmp(a->wh, b->wh)) != 0)
		return (c);
	if (a->value != b->value)
		return (a->value > b->value ? -1 : 1);
	return (strcmp(a->sku, b->sku));
}

static int
slow_parse(struct store *st, const struct report_args *a, struct slow *s,
    char **cause)
{
	uint64_t	 id;
	int		 rc;

	if ((rc = report_only(a, 0, 0, cause)) != 0)
		return (rc);
	if (a->days < 0) {
		xasprintf(cause, _("--days: 0 or more expected"));
		return (EX_USAGE);
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
	return (0);
}

static int
slow_check(struct store *st, const struct report_args *a, char **cause)
{
	struct slow	 s;

	memset(&s, 0, sizeof s);
	return (slow_parse(st, a, &s, cause));
}

static int
slow_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*pe = dict_entity("products");
	struct record		*p;
	struct slow		 s;
	struct slow_row		*r;
	char			*cells[8];
	int64_t			 day = a->to != 0 ? a->to : date_today();
	int64_t			 days = a->days != 0 ? a->days : SLOW_DAYS;
	int64_t			 since, value = 0;
	size_t			 i, keep = 0;
	int			 rc = 0;

	memset(&s, 0, sizeof s);
	s.st = st;
	if (slow_parse(st, a, &s, cause) != 0)
		return (-1);
	if (store_each(st, dict_entity("stock"),
	    slow_stock_row, &s) != ST_OK) {
		xasprintf(cause, _("stock cannot be read"));
		free(s.v);
		return (-1);
	}
	for (i = 0; i < s.n; i++) {
		r = &s.v[i];
		if (store_get(st, pe, (uint64_t)r->product, &p) != ST_OK)
			continue;
		if (s.fcat != 0 && record_int(p, dict_field_pos(pe,
		    "category")) != s.fcat) {
			record_free(p);
			continue;
		}
		r->last = last_sale(st, r->product, r->warehouse, day);
		if (r->last != 0 && days_between(r->last, day) <= days) {
			record_free(p);
			continue;
		}
		r->sku = xstrdup(record_str(p, FX_CODE) ? record_str(p,
		    FX_CODE) : "");
		r->name = xstrdup(record_str(p, dict_name_pos(pe)) ?
		    record_str(p, dict_name_pos(pe)) : "");
		record_free(p);
		r->wh = model_ref_code(st, dict_field(dict_entity("stock"),
		    "warehouse"), r->warehouse);
		s.v[keep++] = *r;
	}
	s.n = keep;
	if (s.n > 1)
		xqsort(s.v, s.n, sizeof *s.v, slow_cmp);
	for (i = 0; i < s.n; i++) {
		r = &s.v[i];
		value += r->value;
		if (rc != 0)
			continue;
		cells[0] = xstrdup(r->wh);
		cells[1] = xstrdup(r->sku);
		cells[2] = xstrdup(r->name);
		cells[3] = report_qty(r->on_hand);
		cells[4] = report_money(r->value);
		cells[5] = report_date(r->last);
		since = r->last != 0 ? days_between(r->last, day) : 0;
		if (r->last != 0)
			xasprintf(&cells[6], "%lld", (long long)since);
		else
			cells[6] = xstrdup("");
		cells[7] = xstrdup(report_word(a, r->last != 0 ? N_("slow") :
		    N_("dead")));
		rc = report_emit(sink, cells, 8, cause);
	}
	if (rc == 0) {
		cells[0] = xstrdup(report_word(a, N_("TOTAL")));
		for (i = 1; i < 8; i++)
			cells[i] = xstrdup("");
		free(cells[4]);
		cells[4] = report_money(value);
		rc = report_emit(sink, cells, 8, cause);
	}
	for (i = 0; i < s.n; i++) {
		free(s.v[i].wh);
		free(s.v[i].sku);
		free(s.v[i].name);
	}
	free(s.v);
	return (rc);
}

const struct report_def rep_slow_stock = {
	"slow-stock", N_("Slow-moving and dead stock: on hand, not shipped "
	"in N days (--days N, 90 by default), with its value"), "stock",
	slow_columns, slow_run, slow_check, 0, slow_text,
	"days warehouse category", "*=card:products@sku",
	"tttqmdqt"
};
