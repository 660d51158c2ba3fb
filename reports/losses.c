/*
 * losses: count variances and write-offs per month and warehouse, from
 * the ledger's moves dated in --from/--to: a count's shortage (its moves
 * below the book quantity) and surplus (above), and what was written off
 * (the moves of issues, and of adjustments down), each at the value the
 * move took; the loss is shortage + written off - surplus.  A reversal's
 * moves are not counted back.  Filter: --warehouse.
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

static const char *const loss_columns[] = {
	NC_("report", "month"), NC_("report", "warehouse"),
	NC_("report", "shortage"), NC_("report", "surplus"),
	NC_("report", "written_off"), NC_("report", "loss"), NULL
};

static const char *const loss_text[] = {
	"<8", "<12", ">14", ">14", ">14", ">14"
};

struct loss_row {
	int64_t		 month, warehouse;
	int64_t		 shortage, surplus, written_off;
	char		*wh;
};

struct losses {
	int64_t		 fwh;
	struct loss_row	*v;
	size_t		 n, cap;
	int		 kind, wpos, qpos, vpos, dpos;
};

static int
loss_move(const struct record *m, void *arg)
{
	struct losses	*l = arg;
	struct loss_row	*r;
	const char	*k = record_str(m, l->kind);
	int64_t		 w = record_int(m, l->wpos), q = record_int(m, l->qpos);
	int64_t		 v = record_int(m, l->vpos);
	int64_t		 month = record_int(m, l->dpos) / 100;
	size_t		 i;
	int		 what;

	if (k == NULL || (l->fwh != 0 && w != l->fwh))
		return (0);
	if (strcmp(k, "count") == 0)
		what = q < 0 ? 0 : 1;
	else if (strcmp(k, "issue") == 0 || (strcmp(k, "adjustment") == 0 &&
	    q < 0))
		what = 2;
	else
		return (0);
	for (i = 0; i < l->n; i++)
		if (l->v[i].month == month && l->v[i].warehouse == w)
			break;
	if (i == l->n) {
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 16;
			l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
		}
		memset(&l->v[i], 0, sizeof l->v[i]);
		l->v[i].month = month;
		l->v[i].warehouse = w;
		l->n++;
	}
	r = &l->v[i];
	if (what == 0)
		r->shortage -= v;
	else if (what == 1)
		r->surplus += v;
	else
		r->written_off -= v;
	return (0);
}

static int
loss_cmp(const void *x, const void *y)
{
	const struct loss_row	*a = x, *b = y;

	if (a->month != b->month)
		return (a->month < b->month ? -1 : 1);
	return (strcmp(a->wh, b->wh));
}

static int
loss_parse(struct store *st, const struct report_args *a, struct losses *l,
    char **cause)
{
	uint64_t	 id;
	int		 rc;

	if ((rc = report_only(a, 0, 0, cause)) != 0)
		return (rc);
	if ((rc = report_dates(a, cause)) != 0)
		return (rc);
	if (a->warehouse != NULL) {
		if ((rc = report_ref(st, "warehouses", "warehouse",
		    a->warehouse, &id, cause)) != 0)
			return (rc);
		l->fwh = (int64_t)id;
	}
	return (0);
}

static int
loss_check(struct store *st, const struct report_args *a, char **cause)
{
	struct losses	 l;

	memset(&l, 0, sizeof l);
	return (loss_parse(st, a, &l, cause));
}

static int
loss_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*me = dict_entity("stock_moves");
	struct losses		 l;
	struct loss_row		 t;
	char			*cells[6];
	size_t			 i;
	int			 rc = 0;

	memset(&l, 0, sizeof l);
	memset(&t, 0, sizeof t);
	if (loss_parse(st, a, &l, cause) != 0)
		return (-1);
	l.kind = dict_field_pos(me, "kind");
	l.wpos = dict_field_pos(me, "warehouse");
	l.qpos = dict_field_pos(me, "qty");
	l.vpos = dict_field_pos(me, "value");
	l.dpos = dict_field_pos(me, "date");
	if (report_dated(st, "stock_moves", a->from, a->to, loss_move, &l) !=
	    0) {
		xasprintf(cause, _("stock cannot be read"));
		free(l.v);
		return (-1);
	}
	for (i = 0; i < l.n; i++)
		l.v[i].wh = model_ref_code(st, dict_field(me, "warehouse"),
		    l.v[i].warehouse);
	if (l.n > 1)
		xqsort(l.v, l.n, sizeof *l.v, loss_cmp);
	for (i = 0; i < l.n; i++) {
		t.shortage += l.v[i].shortage;
		t.surplus += l.v[i].surplus;
		t.written_off += l.v[i].written_off;
		if (rc != 0)
			continue;
		xasprintf(&cells[0], "%04lld-%02lld",
		    (long long)(l.v[i].month / 100),
		    (long long)(l.v[i].month % 100));
		cells[1] = xstrdup(l.v[i].wh);
		cells[2] = report_money(l.v[i].shortage);
		cells[3] = report_money(l.v[i].surplus);
		cells[4] = report_money(l.v[i].written_off);
		cells[5] = report_money(l.v[i].shortage +
		    l.v[i].written_off - l.v[i].surplus);
		rc = report_emit(sink, cells, 6, cause);
	}
	if (rc == 0) {
		cells[0] = xstrdup(report_word(a, N_("TOTAL")));
		cells[1] = xstrdup("");
		cells[2] = report_money(t.shortage);
		cells[3] = report_money(t.surplus);
		cells[4] = report_money(t.written_off);
		cells[5] = report_money(t.shortage + t.written_off -
		    t.surplus);
		rc = report_emit(sink, cells, 6, cause);
	}
	for (i = 0; i < l.n; i++)
		free(l.v[i].wh);
	free(l.v);
	return (rc);
}

const struct report_def rep_losses = {
	"losses", N_("Losses per month and warehouse: count shortages and "
	"surpluses, write-offs (--from, --to)"), "stock", loss_columns,
	loss_run, loss_check, 0, loss_text, "period warehouse", NULL,
	"dtmmmm"
};
