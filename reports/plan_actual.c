/*
 * plan-actual: the sales plan of each manager and month (sales_plans)
 * against what was shipped: the net (no VAT) of the posted shipments of
 * the month less the posted returns dated in it, the manager being the
 * order's (else the customer's responsible manager), as the sales report
 * counts them.  The months: those of --from/--to (whole months), else
 * those that have a plan.  A manager who sold in a month without a plan
 * has a row with a plan of 0.  The percent is actual of plan, to a tenth
 * (empty for no plan).  Filter: --manager.
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

static const char *const pa_columns[] = {
	NC_("report", "month"), NC_("report", "manager"),
	NC_("report", "plan"), NC_("report", "actual"),
	NC_("report", "deviation"), NC_("report", "percent"), NULL
};

static const char *const pa_text[] = {
	"<8", "<14", ">14", ">14", ">14", ">8"
};

struct pa_row {
	int64_t		 month, manager, plan, actual;
	char		*login;
};

struct pa {
	struct store	*st;
	int64_t		 fman, mfrom, mto;	/* months YYYYMM, 0: open */
	struct pa_row	*v;
	size_t		 n, cap;
};

static struct pa_row *
pa_get(struct pa *p, int64_t month, int64_t manager)
{
	size_t	 i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].month == month && p->v[i].manager == manager)
			return (&p->v[i]);
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = xreallocarray(p->v, p->cap, sizeof *p->v);
	}
	memset(&p->v[p->n], 0, sizeof p->v[p->n]);
	p->v[p->n].month = month;
	p->v[p->n].manager = manager;
	return (&p->v[p->n++]);
}

static int
pa_plan(const struct record *r, void *arg)
{
	struct pa	*p = arg;
	const char	*m = record_str(r, dict_field_pos(r->ent, "month"));
	int64_t		 man = record_int(r, dict_field_pos(r->ent, "manager"));
	int64_t		 month;

	if (m == NULL || strlen(m) != 7)
		return (0);
	month = strtoll(m, NULL, 10) * 100 + strtoll(m + 5, NULL, 10);
	if ((p->mfrom != 0 && month < p->mfrom) || (p->mto != 0 &&
	    month > p->mto) || (p->fman != 0 && man != p->fman))
		return (0);
	pa_get(p, month, man)->plan += record_int(r, dict_field_pos(r->ent,
	    "amount"));
	return (0);
}

static int64_t
ref_of(struct store *st, const char *ent, int64_t id, const char *field)
{
	struct record	*r;
	int64_t		 v;

	if (id == 0 || store_get(st, dict_entity(ent), (uint64_t)id, &r) !=
	    ST_OK)
		return (0);
	v = record_int(r, dict_field_pos(r->ent, field));
	record_free(r);
	return (v);
}

static int
pa_doc(const struct record *h, void *arg)
{
	struct pa	*p = arg;
	int		 sign = strcmp(h->ent->name, "shipments") == 0 ? 1 : -1;
	int64_t		 order, man, month;

	if (!report_posted(h))
		return (0);
	month = record_int(h, dict_field_pos(h->ent, "date")) / 100;
	if ((p->mfrom != 0 && month < p->mfrom) || (p->mto != 0 &&
	    month > p->mto))
		return (0);
	if (sign > 0)
		order = record_int(h, dict_field_pos(h->ent, "order"));
	else
		order = ref_of(p->st, "shipments", record_int(h,
		    dict_field_pos(h->ent, "shipment")), "order");
	man = ref_of(p->st, "sales_orders", order, "manager");
	if (man == 0)
		man = ref_of(p->st, "customers", record_int(h,
		    dict_field_pos(h->ent, "customer")), "manager");
	if (p->fman != 0 && man != p->fman)
		return (0);
	pa_get(p, month, man)->actual += sign * record_int(h,
	    dict_field_pos(h->ent, "net"));
	return (0);
}

static int
pa_cmp(const void *x, const void *y)
{
	const struct pa_row	*a = x, *b = y;

	if (a->month != b->month)
		return (a->month < b->month ? -1 : 1);
	return (strcmp(a->login, b->login));
}

static char *
percent_str(int64_t actual, int64_t plan)
{
	char	*s;
	int64_t	 t;

	if (plan <= 0)
		return (xstrdup(""));
	/* Tenths of a per cent, rounded half up (actual >= 0). */
	t = (actual * 2000 / plan + (actual >= 0 ? 1 : -1)) / 2;
	xasprintf(&s, "%s%lld.%lld", t < 0 ? "-" : "",
	    (long long)(t < 0 ? -t : t) / 10, (long long)(t < 0 ? -t : t) % 10);
	return (s);
}

static int
pa_parse(struct store *st, const struct report_args *a, struct pa *p,
    char **cause)
{
	uint64_t	 id;
	int		 rc;

	if ((rc = report_only(a, 0, 0, cause)) != 0)
		return (rc);
	if ((rc = report_dates(a, cause)) != 0)
		return (rc);
	p->mfrom = a->from / 100;
	p->mto = a->to / 100;
	if (a->manager != NULL) {
		if ((rc = report_ref(st, "users", "manager", a->manager, &id,
		    cause)) != 0)
			return (rc);
		p->fman = (int64_t)id;
	}
	return (0);
}

static int
pa_check(struct store *st, const struct report_args *a, char **cause)
{
	struct pa	 p;

	memset(&p, 0, sizeof p);
	return (pa_parse(st, a, &p, cause));
}

static int
pa_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	struct pa	 p;
	char		*cells[6];
	int64_t		 plan = 0, actual = 0, from, to;
	size_t		 i;
	int		 rc = 0;

	memset(&p, 0, sizeof p);
	p.st = st;
	if (pa_parse(st, a, &p, cause) != 0)
		return (-1);
	if (store_each(st, dict_entity("sales_plans"), pa_plan, &p) !=
	    ST_OK) {
		xasprintf(cause, _("sales plans cannot be read"));
		free(p.v);
		return (-1);
	}
	/* Without a period: the months that have a plan. */
	if (p.mfrom == 0 && p.mto == 0) {
		for (i = 0; i < p.n; i++) {
			if (p.mfrom == 0 || p.v[i].month < p.mfrom)
				p.mfrom = p.v[i].month;
			if (p.v[i].month > p.mto)
				p.mto = p.v[i].month;
		}
	}
	from = p.mfrom != 0 ? p.mfrom * 100 + 1 : 0;
	to = p.mto != 0 ? p.mto * 100 + 31 : 0;
	if (p.n > 0 || a->from != 0 || a->to != 0) {
		if (report_dated(st, "shipments", from, to, pa_doc, &p) != 0 ||
		    report_dated(st, "customer_returns", from, to, pa_doc,
		    &p) != 0) {
			xasprintf(cause, _("sales cannot be read"));
			free(p.v);
			return (-1);
		}
	}
	for (i = 0; i < p.n; i++)
		p.v[i].login = model_ref_code(st, dict_field(
		    dict_entity("sales_plans"), "manager"), p.v[i].manager);
	if (p.n > 1)
		xqsort(p.v, p.n, sizeof *p.v, pa_cmp);
	for (i = 0; i < p.n; i++) {
		plan += p.v[i].plan;
		actual += p.v[i].actual;
		if (rc != 0)
			continue;
		xasprintf(&cells[0], "%04lld-%02lld",
		    (long long)(p.v[i].month / 100),
		    (long long)(p.v[i].month % 100));
		cells[1] = xstrdup(p.v[i].manager != 0 ? p.v[i].login :
		    report_word(a, N_("(none)")));
		cells[2] = report_money(p.v[i].plan);
		cells[3] = report_money(p.v[i].actual);
		cells[4] = report_money(p.v[i].actual - p.v[i].plan);
		cells[5] = percent_str(p.v[i].actual, p.v[i].plan);
		rc = report_emit(sink, cells, 6, cause);
	}
	if (rc == 0) {
		cells[0] = xstrdup(report_word(a, N_("TOTAL")));
		cells[1] = xstrdup("");
		cells[2] = report_money(plan);
		cells[3] = report_money(actual);
		cells[4] = report_money(actual - plan);
		cells[5] = percent_str(actual, plan);
		rc = report_emit(sink, cells, 6, cause);
	}
	for (i = 0; i < p.n; i++)
		free(p.v[i].login);
	free(p.v);
	return (rc);
}

const struct report_def rep_plan_actual = {
	"plan-actual", N_("Sales plan per manager and month against the net "
	"shipped (plans: kontor import sales_plans FILE)"), "sales",
	pa_columns, pa_run, pa_check, 0, pa_text, "period manager", NULL,
	"dtmmmq"
};
