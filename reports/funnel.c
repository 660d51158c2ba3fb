/*
 * The sales funnel: per stage, the deals now in it (count, amount, and
 * the amount weighted by each deal's probability), the share of the deals
 * that reached the stage which are won now, and the median days a deal
 * stayed in the stage; per manager with --by manager.
 *
 * Which deals: those that entered the funnel (their first history entry)
 * in the period --from/--to; all of them without one.  Everything comes
 * from deal_history, which the deal's own save writes (src/model/deal.c):
 * - a deal reached a stage when it entered it or an open or won stage
 *   placed after it (deals skip stages); a lost stage only by entering it;
 * - a stay in a stage is from entering it to entering the next one; stays
 *   not ended yet are not counted, so the median does not move with the
 *   clock (the funnel screen shows how long each deal has been where it
 *   is);
 * - the weighted amount is sum(amount x probability) / 100, rounded half
 *   up once, on integer kopecks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "reports/reports.h"
#include "xmalloc.h"

static const char *const funnel_columns[] = {
	NC_("report", "manager"), NC_("report", "stage"),
	NC_("report", "deals"), NC_("report", "amount"),
	NC_("report", "weighted"), NC_("report", "to_won_pct"),
	NC_("report", "median_days"), NULL
};

struct stage {
	uint64_t	 id;
	char		*name;
	int64_t		 pos;
	int		 kind;
};

struct hist {
	uint64_t	 deal;
	uint64_t	 id;
	int64_t		 at;
	uint64_t	 stage;
};

struct deal {
	uint64_t	 id;
	uint64_t	 stage;
	int64_t		 amount;
	int64_t		 prob;
	int64_t		 manager;
	int64_t		 created;
	size_t		 h0, nh;	/* its history in f->hist */
	int		 in;		/* in the period */
};

struct funnel {
	struct stage	*st;
	size_t		 nst;
	struct hist	*hist;
	size_t		 nhist;
	struct deal	*deals;
	size_t		 ndeals;
};

static int
stage_load(const struct record *r, void *arg)
{
	struct funnel	*f = arg;
	struct stage	*s;

	f->st = xreallocarray(f->st, f->nst + 1, sizeof *f->st);
	s = &f->st[f->nst++];
	s->id = record_id(r);
	s->name = xstrdup(record_str(r, FX_CODE) ? record_str(r, FX_CODE) :
	    "");
	s->pos = record_int(r, dict_field_pos(r->ent, "position"));
	s->kind = deal_stage_kind(r);
	return (0);
}

static int
hist_load(const struct record *r, void *arg)
{
	struct funnel	*f = arg;
	struct hist	*h;

	f->hist = xreallocarray(f->hist, f->nhist + 1, sizeof *f->hist);
	h = &f->hist[f->nhist++];
	h->deal = (uint64_t)record_int(r, dict_field_pos(r->ent, "deal"));
	h->id = record_id(r);
	h->at = record_int(r, dict_field_pos(r->ent, "at"));
	h->stage = (uint64_t)record_int(r, dict_field_pos(r->ent, "stage"));
	return (0);
}

static int
deal_load(const struct record *r, void *arg)
{
	struct funnel	*f = arg;
	struct deal	*d;

	f->deals = xreallocarray(f->deals, f->ndeals + 1, sizeof *f->deals);
	d = &f->deals[f->ndeals++];
	memset(d, 0, sizeof *d);
	d->id = record_id(r);
	d->stage = (uint64_t)record_int(r, dict_field_pos(r->ent, "stage"));
	d->amount = record_int(r, dict_field_pos(r->ent, "amount"));
	d->prob = record_int(r, dict_field_pos(r->ent, "probability"));
	d->manager = record_int(r, dict_field_pos(r->ent, "manager"));
	d->created = record_int(r, FX_CREATED);
	return (0);
}

static int
cmp_stage(const void *a, const void *b)
{
	const struct stage	*x = a, *y = b;

	if (x->pos != y->pos)
		return (x->pos < y->pos ? -1 : 1);
	return (x->id < y->id ? -1 : x->id > y->id);
}

static int
cmp_hist(const void *a, const void *b)
{
	const struct hist	*x = a, *y = b;

	if (x->deal != y->deal)
		return (x->deal < y->deal ? -1 : 1);
	if (x->at != y->at)
		return (x->at < y->at ? -1 : 1);
	return (x->id < y->id ? -1 : x->id > y->id);
}

static int
cmp_deal_mgr(const void *a, const void *b)
{
	const struct deal	*x = a, *y = b;

	if (x->manager != y->manager)
		return (x->manager < y->manager ? -1 : 1);
	return (x->id < y->id ? -1 : x->id > y->id);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y ? -1 : x > y);
}

static const struct stage *
stage_of(const struct funnel *f, uint64_t id)
{
	size_t	 i;

	for (i = 0; i < f->nst; i++)
		if (f->st[i].id == id)
			return (&f->st[i]);
	return (NULL);
}

/* Local midnight of a YYYYMMDD date. */
static int64_t
day_start(int64_t ymd)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = (int)(ymd / 10000) - 1900;
	tm.tm_mon = (int)(ymd / 100 % 100) - 1;
	tm.tm_mday = (int)(ymd % 100);
	tm.tm_isdst = -1;
	return ((int64_t)mktime(&tm));
}

static void
funnel_free(struct funnel *f)
{
	size_t	 i;

	for (i = 0; i < f->nst; i++)
		free(f->st[i].name);
	free(f->st);
	free(f->hist);
	free(f->deals);
}

/* Read the three entities, order them, and tie each deal to its history
 * and to the period. */
static int
funnel_load(struct store *st, const struct report_args *a, struct funnel *f,
    char **cause)
{
	int64_t	 from = a->from ? day_start(a->from) : INT64_MIN;
	int64_t	 to = a->to ? day_start(a->to) + 86400 : INT64_MAX;
	size_t	 i, j;

	memset(f, 0, sizeof *f);
	if (store_each(st, dict_entity("deal_stages"), stage_load, f) !=
	    ST_OK || store_each(st, dict_entity("deal_history"), hist_load,
	    f) != ST_OK || store_each(st, dict_entity("deals"), deal_load,
	    f) != ST_OK) {
		xasprintf(cause, _("deals cannot be read"));
		return (-1);
	}
	xqsort(f->st, f->nst, sizeof *f->st, cmp_stage);
	xqsort(f->hist, f->nhist, sizeof *f->hist, cmp_hist);
	xqsort(f->deals, f->ndeals, sizeof *f->deals, cmp_deal_mgr);
	for (i = 0; i < f->ndeals; i++) {
		struct deal	*d = &f->deals[i];
		int64_t		 entered;
		size_t		 lo = 0, hi = f->nhist;

		while (lo < hi) {		/* the deal's first entry */
			size_t	 mid = (lo + hi) / 2;

			if (f->hist[mid].deal < d->id)
				lo = mid + 1;
			else
				hi = mid;
		}
		d->h0 = lo;
		for (j = lo; j < f->nhist && f->hist[j].deal == d->id; j++)
			d->nh++;
		entered = d->nh > 0 ? f->hist[d->h0].at : d->created;
		d->in = entered >= from && entered < to;
	}
	return (0);
}

/* Whether deal d reached stage s (see the comment at the top). */
static int
reached(const struct funnel *f, const struct deal *d, const struct stage *s)
{
	const struct stage	*t;
	size_t			 j;

	for (j = d->h0; j < d->h0 + d->nh; j++) {
		if (f->hist[j].stage == s->id)
			return (1);
		if (s->kind == DEAL_LOST ||
		    (t = stage_of(f, f->hist[j].stage)) == NULL)
			continue;
		if (t->kind != DEAL_LOST && t->pos >= s->pos)
			return (1);
	}
	return (0);
}

static char *
num(int64_t v)
{
	char	*s;

	xasprintf(&s, "%lld", (long long)v);
	return (s);
}

static char *
money(int64_t v)
{
	char	 buf[40];

	money_format(v, buf, sizeof buf, 0);
	return (xstrdup(buf));
}

/* n/d as a per cent with one decimal, half up; "" when d is 0. */
static char *
pct(int64_t n, int64_t d)
{
	int64_t	 t;
	char	*s;

	if (d == 0)
		return (xstrdup(""));
	t = (n * 1000 + d / 2) / d;
	xasprintf(&s, "%lld.%lld", (long long)(t / 10), (long long)(t % 10));
	return (s);
}

/* Seconds as days with one decimal, half up. */
static char *
days(int64_t secs)
{
	int64_t	 t = (secs * 10 + 43200) / 86400;
	char	*s;

	xasprintf(&s, "%lld.%lld", (long long)(t / 10), (long long)(t % 10));
	return (s);
}

static int
emit(struct report_sink *sink, char **cells, int n)
{
	int	 i, rc;

	rc = sink->row(sink, (const char *const *)cells, n);
	for (i = 0; i < n; i++)
		free(cells[i]);
	return (rc);
}

/* The rows of one group: the deals [d0, d1) (one manager's, or all). */
static int
funnel_group(struct store *st, const struct report_args *a,
    const struct funnel *f, size_t d0, size_t d1, const char *who,
    struct report_sink *sink)
{
	int64_t		*stays, cnt, sum, wsum, nreach, nwon, tcnt = 0;
	int64_t		 tsum = 0, twsum = 0, twon = 0;
	size_t		 i, j, k, nstays;
	const struct stage *cur;
	char		*cells[7];

	stays = xcalloc(f->nhist + 1, sizeof *stays);
	for (k = 0; k < f->nst; k++) {
		const struct stage	*s = &f->st[k];

		cnt = sum = wsum = nreach = nwon = 0;
		nstays = 0;
		for (i = d0; i < d1; i++) {
			const struct deal	*d = &f->deals[i];

			if (!d->in)
				continue;
			cur = stage_of(f, d->stage);
			if (d->stage == s->id) {
				cnt++;
				sum += d->amount;
				wsum += d->amount * d->prob;
			}
			if (reached(f, d, s)) {
				nreach++;
				if (cur != NULL && cur->kind == DEAL_WON)
					nwon++;
			}
			for (j = d->h0; j + 1 < d->h0 + d->nh; j++)
				if (f->hist[j].stage == s->id)
					stays[nstays++] = f->hist[j + 1].at -
					    f->hist[j].at;
		}
		tcnt += cnt;
		tsum += sum;
		twsum += wsum;
		cells[0] = xstrdup(who);
		cells[1] = xstrdup(s->name);
		cells[2] = num(cnt);
		cells[3] = money(sum);
		cells[4] = money((wsum + 50) / 100);
		cells[5] = s->kind == DEAL_LOST ? xstrdup("") :
		    pct(nwon, nreach);
		if (nstays == 0 || s->kind != DEAL_OPEN)
			cells[6] = xstrdup("");
		else {
			xqsort(stays, nstays, sizeof *stays, cmp_i64);
			cells[6] = days(nstays % 2 ? stays[nstays / 2] :
			    (stays[nstays / 2 - 1] + stays[nstays / 2]) / 2);
		}
		if (emit(sink, cells, 7) != 0) {
			free(stays);
			return (-1);
		}
	}
	free(stays);
	for (i = d0; i < d1; i++)
		if (f->deals[i].in && (cur = stage_of(f,
		    f->deals[i].stage)) != NULL && cur->kind == DEAL_WON)
			twon++;
	cells[0] = xstrdup(who);
	cells[1] = xstrdup(report_word(a, N_("TOTAL")));
	cells[2] = num(tcnt);
	cells[3] = money(tsum);
	cells[4] = money((twsum + 50) / 100);
	cells[5] = pct(twon, tcnt);
	cells[6] = xstrdup("");
	(void)st;
	return (emit(sink, cells, 7));
}

static int
funnel_check(struct store *st, const struct report_args *a, char **cause)
{
	int	 rc;

	(void)st;
	if ((rc = report_only(a, 1, 0, cause)) != 0)
		return (rc);
	if (a->by != NULL && strcmp(a->by, "manager") != 0) {
		xasprintf(cause, _("funnel: --by manager expected, got '%s'"),
		    a->by);
		return (EX_USAGE);
	}
	return (0);
}

static int
funnel_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct field_def	*mf = dict_field(dict_entity("deals"),
				    "manager");
	struct funnel		 f;
	size_t			 i, j;
	char			*who;
	int			 rc = 0;

	if (funnel_load(st, a, &f, cause) != 0) {
		funnel_free(&f);
		return (-1);
	}
	if (a->by == NULL)
		rc = funnel_group(st, a, &f, 0, f.ndeals, report_word(a,
		    N_("(all)")), sink);
	for (i = 0; a->by != NULL && rc == 0 && i < f.ndeals; i = j) {
		for (j = i; j < f.ndeals && f.deals[j].manager ==
		    f.deals[i].manager; j++)
			;
		for (rc = 1, j = i; j < f.ndeals && f.deals[j].manager ==
		    f.deals[i].manager; j++)
			if (f.deals[j].in)
				rc = 0;
		if (rc == 1) {		/* none of the period: no rows */
			rc = 0;
			continue;
		}
		who = model_ref_code(st, mf, f.deals[i].manager);
		rc = funnel_group(st, a, &f, i, j, who, sink);
		free(who);
	}
	funnel_free(&f);
	if (rc != 0)
		xasprintf(cause, _("the reader has gone"));
	return (rc);
}

const struct report_def rep_funnel = {
	"funnel", N_("Sales funnel (--from, --to: deals that entered it; "
	"--by manager)"), "sales", funnel_columns, funnel_run, funnel_check,
	0, NULL,
	"period group:manager", NULL,
	"ttqmmqq"
};
