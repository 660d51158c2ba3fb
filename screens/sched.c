/*
 * The production schedule (:sched, also :prod-plan): per work centre, by
 * day for the next 14 days, the hours of load of the orders not done yet
 * (draft, released, in progress) against the centre's hours a day on its
 * working days.  An order's load is its BOM's hours x the quantity left
 * / the yield (a released order's as they were at the release, a
 * draft's from its BOM or the product's default BOM), spread evenly over
 * the centre's working days from its planned start to its planned finish
 * (all on the start when none of them works).  A day over capacity shows
 * reversed with a `!` after the hours (a vt100 shows both).
 *
 * It fits 80 columns: the centre's code in 9, then 14 days of 5 columns
 * (4 for the hours, 1 for the mark); the day of the month and of the
 * week head them.  Enter on a day lists its orders under the grid; there
 * `<`/`>` (or `-`/`+`) moves the order's planned start and finish a day
 * earlier or later, one request, and the load is drawn again.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "client/client.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "xmalloc.h"

#define NDAYS	14

struct centre {
	struct record	*wc;
	int64_t		 cap;		/* hours a day, thousandths */
	char		 days[8];	/* "12345" */
	int64_t		 load[NDAYS];	/* thousandths of an hour */
};

/* An order's load. */
struct job {
	struct record	*mo;
	size_t		 centre;
	int64_t		 hours;		/* left, thousandths */
	long		 first, last;	/* planned days (day numbers) */
	int64_t		 per_day[NDAYS];
};

struct sched_state {
	struct app		*app;
	const struct entity_def	*ent;		/* production_orders */
	struct centre		*c;
	size_t			 nc;
	struct job		*j;
	size_t			 nj;
	long			 today;		/* day number */
	size_t			 crow;		/* the centre */
	int			 cday;		/* the day, 0..NDAYS-1 */
	/* The day's orders, when listed (Enter). */
	int			 listing;
	size_t			*dj;		/* indexes in j */
	size_t			 ndj;
	size_t			 dcur;
};

static const struct ui_action sched_actions[] = {
	{ 0, N_("Arrows"), N_("a work centre and a day"), 0 },
	{ '\n', "Enter", N_("the day's orders"), 0 },
	{ 0, "< > - +", N_("in the day's orders: the order's planned dates"),
	  UI_NEEDS_WRITE },
	{ 0, "", N_("a day earlier / later (one request)"), UI_NEEDS_WRITE },
	{ 'o', "o", N_("open the order (:mo)"), 0 },
	{ 'g', "g", N_("read again"), 0 },
	{ 27, "Esc", N_("the grid; back"), 0 },
	{ 0, N_("Columns"), N_("hours of load a day, 14 days from today;"), 0 },
	{ 0, "", N_("'!' and reversed: over the centre's hours"), 0 },
	{ 0, NULL, NULL, 0 }
};

#define OP(s, f)	dict_field_pos((s)->ent, (f))

/* Days since 1970-01-01 of a YYYYMMDD date, and back. */
static long
day_of(int64_t ymd)
{
	long	 y = (long)(ymd / 10000), m = (long)(ymd / 100 % 100);
	long	 d = (long)(ymd % 100), era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

static int64_t
ymd_of(long z)
{
	long	 era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	return ((int64_t)(y + (m <= 2)) * 10000 + m * 100 + d);
}

/* 1 Monday ... 7 Sunday. */
static int
weekday(long z)
{
	return ((int)(((z % 7) + 7 + 3) % 7) + 1);	/* 1970-01-01: Thu */
}

static int
works(const struct centre *c, long z)
{
	return (strchr(c->days, '0' + weekday(z)) != NULL);
}

static void
sched_clear(struct sched_state *s)
{
	size_t	 i;

	for (i = 0; i < s->nc; i++)
		record_free(s->c[i].wc);
	free(s->c);
	s->c = NULL;
	s->nc = 0;
	for (i = 0; i < s->nj; i++)
		record_free(s->j[i].mo);
	free(s->j);
	s->j = NULL;
	s->nj = 0;
	free(s->dj);
	s->dj = NULL;
	s->ndj = 0;
}

/* The BOM an order is made by: its own, else the product's default. */
static struct record *
bom_of(struct sched_state *s, const struct record *o)
{
	const struct entity_def	*be = dict_entity("boms");
	struct record		**rows, *b = NULL;
	struct value		 from;
	char			*cause = NULL;
	size_t			 n, i;
	int64_t			 prod = record_int(o, OP(s, "product"));

	if (record_isset(o, OP(s, "bom"))) {
		if (cr_get(s->app->client, be, (uint64_t)record_int(o,
		    OP(s, "bom")), NULL, &b, &cause) != 0)
			free(cause);
		return (b);
	}
	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = prod;
	if (cr_scan(s->app->client, be, "product", &from, 0, 1, 50, &rows, &n,
	    &cause) != 0) {
		free(cause);
		return (NULL);
	}
	for (i = 0; i < n; i++) {
		if (b == NULL && record_int(rows[i], dict_field_pos(be,
		    "product")) == prod && record_int(rows[i],
		    dict_field_pos(be, "is_default"))) {
			b = rows[i];
			rows[i] = NULL;
		}
		record_free(rows[i]);
	}
	free(rows);
	return (b);
}

/* An order's load on its centre, spread over the grid's days. */
static void
job_spread(struct sched_state *s, struct job *j)
{
	struct centre	*c = &s->c[j->centre];
	long		 z, nwork = 0, k;
	int64_t		 share, rest;

	memset(j->per_day, 0, sizeof j->per_day);
	for (z = j->first; z <= j->last; z++)
		if (works(c, z))
			nwork++;
	if (nwork == 0) {
		if (j->first >= s->today && j->first < s->today + NDAYS)
			j->per_day[j->first - s->today] = j->hours;
		return;
	}
	share = j->hours / nwork;
	rest = j->hours - share * nwork;
	for (z = j->first, k = 0; z <= j->last; z++) {
		if (!works(c, z))
			continue;
		if (z >= s->today && z < s->today + NDAYS)
			j->per_day[z - s->today] = share + (k == 0 ? rest : 0);
		k++;
	}
}

static int
add_state(struct sched_state *s, const char *state, char **cause)
{
	const struct entity_def	*be = dict_entity("boms");
	struct record		**rows, *b;
	struct value		 from;
	size_t			 n, i, k;
	const char		*st;
	int64_t			 wc, hours, yield, left, start, finish;

	memset(&from, 0, sizeof from);
	from.set = 1;
	from.s = (char *)state;
	if (cr_scan(s->app->client, s->ent, "status", &from, 0, 1, 1000, &rows,
	    &n, cause) != 0)
		return (-1);
	for (i = 0; i < n; i++) {
		st = record_str(rows[i], OP(s, "status"));
		if (st == NULL || strcmp(st, state) != 0) {
			record_free(rows[i]);
			continue;
		}
		if (record_isset(rows[i], OP(s, "work_centre"))) {
			wc = record_int(rows[i], OP(s, "work_centre"));
			hours = record_int(rows[i], OP(s, "hours"));
			yield = record_int(rows[i], OP(s, "yield"));
		} else if ((b = bom_of(s, rows[i])) != NULL) {
			wc = record_int(b, dict_field_pos(be, "work_centre"));
			hours = record_int(b, dict_field_pos(be, "hours"));
			yield = record_int(b, dict_field_pos(be, "yield"));
			record_free(b);
		} else
			wc = hours = yield = 0;
		for (k = 0; k < s->nc; k++)
			if ((int64_t)record_id(s->c[k].wc) == wc)
				break;
		left = record_int(rows[i], OP(s, "qty")) -
		    record_int(rows[i], OP(s, "made"));
		if (k == s->nc || hours <= 0 || yield <= 0 || left <= 0) {
			record_free(rows[i]);
			continue;
		}
		start = record_isset(rows[i], OP(s, "start")) ?
		    record_int(rows[i], OP(s, "start")) :
		    record_int(rows[i], OP(s, "date"));
		finish = record_isset(rows[i], OP(s, "finish")) ?
		    record_int(rows[i], OP(s, "finish")) : start;
		s->j = xreallocarray(s->j, s->nj + 1, sizeof *s->j);
		memset(&s->j[s->nj], 0, sizeof s->j[s->nj]);
		s->j[s->nj].mo = rows[i];
		s->j[s->nj].centre = k;
		s->j[s->nj].hours = (int64_t)((__int128)hours * left / yield);
		s->j[s->nj].first = day_of(start);
		s->j[s->nj].last = day_of(finish) >= day_of(start) ?
		    day_of(finish) : day_of(start);
		job_spread(s, &s->j[s->nj]);
		s->nj++;
	}
	free(rows);
	return (0);
}

static int
sched_load(struct sched_state *s, char **cause)
{
	const struct entity_def	*we = dict_entity("work_centres");
	struct record		**rows;
	const char		*d;
	size_t			 n, i, k;
	int			 day;

	sched_clear(s);
	if (cr_scan(s->app->client, we, NULL, NULL, 0, 1, 200, &rows, &n,
	    cause) != 0)
		return (-1);
	s->c = xcalloc(n + 1, sizeof *s->c);
	for (i = 0; i < n; i++) {
		s->c[i].wc = rows[i];
		s->c[i].cap = record_int(rows[i], dict_field_pos(we,
		    "hours_per_day"));
		d = record_str(rows[i], dict_field_pos(we, "days"));
		snprintf(s->c[i].days, sizeof s->c[i].days, "%s",
		    d != NULL ? d : "12345");
	}
	s->nc = n;
	free(rows);
	if (add_state(s, "draft", cause) != 0 ||
	    add_state(s, "released", cause) != 0 ||
	    add_state(s, "in_progress", cause) != 0)
		return (-1);
	for (i = 0; i < s->nj; i++)
		for (day = 0; day < NDAYS; day++)
			s->c[s->j[i].centre].load[day] += s->j[i].per_day[day];
	if (s->crow >= s->nc)
		s->crow = s->nc > 0 ? s->nc - 1 : 0;
	/* The day's orders again, the chosen one kept. */
	if (s->listing && s->nc > 0) {
		uint64_t	 keep = s->dcur < s->ndj ?
				    record_id(s->j[s->dj[s->dcur]].mo) : 0;

		s->dj = xcalloc(s->nj + 1, sizeof *s->dj);
		s->ndj = 0;
		s->dcur = 0;
		for (i = 0; i < s->nj; i++)
			if (s->j[i].centre == s->crow &&
			    s->j[i].per_day[s->cday] != 0)
				s->dj[s->ndj++] = i;
		for (k = 0; k < s->ndj; k++)
			if (record_id(s->j[s->dj[k]].mo) == keep)
				s->dcur = k;
	}
	return (0);
}

static int
sched_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct sched_state	*s;
	time_t			 now = time(NULL);
	struct tm		 tm;

	(void)arg;
	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("production_orders");
	localtime_r(&now, &tm);
	s->today = day_of((int64_t)(tm.tm_year + 1900) * 10000 +
	    (tm.tm_mon + 1) * 100 + tm.tm_mday);
	if (sched_load(s, cause) != 0) {
		sched_clear(s);
		free(s);
		return (-1);
	}
	*state = s;
	return (0);
}

static void
sched_close(void *state)
{
	struct sched_state	*s = state;

	sched_clear(s);
	free(s);
}

/* Hours in 4 columns: 7,5, 12, 99+ (a decimal comma, as ui_qty()). */
static void
hours_cell(int64_t h, char *buf, size_t len)
{
	if (h == 0)
		snprintf(buf, len, "%4s", ".");
	else if (h >= 100000)
		snprintf(buf, len, "%4s", "99+");
	else if (h % 1000 == 0 || h >= 10000)
		snprintf(buf, len, "%4lld",	/* i18n: no */
		    (long long)((h + 500) / 1000));
	else
		snprintf(buf, len, "%2lld,%lld",	/* i18n: no */
		    (long long)(h / 1000),
		    (long long)((h % 1000 + 50) / 100 > 9 ? 9 :
		    (h % 1000 + 50) / 100));
}

static int
overloaded(const struct centre *c, long z, int64_t load)
{
	return (load > (works(c, z) ? c->cap : 0));
}

static void
sched_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	static const char *const wd[] = {
		N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"),
		N_("Su")
	};
	struct sched_state	*s = state;
	char			 cell[16], line[256], a[32], b[32];
	int			 y = rg->y, last = rg->y + rg->h - 1, d, x;
	size_t			 i;

	(void)redraw;
	ui_put(rg->win, y, rg->x, _("Centre"), 10, 1);
	ui_put(rg->win, y + 1, rg->x, "", 10, 1);
	for (d = 0; d < NDAYS; d++) {
		int64_t	 ymd = ymd_of(s->today + d);

		x = rg->x + 10 + 5 * d;
		if (x + 5 > rg->x + rg->w)
			break;
		snprintf(cell, sizeof cell, "%4d ", (int)(ymd % 100));
		ui_put(rg->win, y, x, cell, 5, 1);
		snprintf(cell, sizeof cell, "%s", _(wd[weekday(s->today + d) -
		    1]));
		ui_put(rg->win, y + 1, x, "  ", 2, 0);
		ui_put(rg->win, y + 1, x + 2, cell, 3, 1);
	}
	y += 2;
	for (i = 0; i < s->nc && y < last - 3; i++, y++) {
		const struct centre	*c = &s->c[i];

		if (i == s->crow)
			wattron(rg->win, A_BOLD);
		ui_put(rg->win, y, rg->x, record_str(c->wc, FX_CODE), 9, 1);
		wattroff(rg->win, A_BOLD);
		ui_put(rg->win, y, rg->x + 9, " ", 1, 1);
		for (d = 0; d < NDAYS; d++) {
			int	 over = overloaded(c, s->today + d,
				    c->load[d]);

			x = rg->x + 10 + 5 * d;
			if (x + 5 > rg->x + rg->w)
				break;
			hours_cell(c->load[d], cell, sizeof cell);
			if (over)
				wattron(rg->win, A_REVERSE);
			if (i == s->crow && d == s->cday)
				wattron(rg->win, A_UNDERLINE | A_BOLD);
			ui_put(rg->win, y, x, cell, 4, 1);
			wattroff(rg->win, A_REVERSE | A_UNDERLINE | A_BOLD);
			ui_put(rg->win, y, x + 4, over ? "!" : " ", 1, 1);
		}
	}
	if (s->nc == 0)
		ui_put(rg->win, y++, rg->x, _("(no work centres)"), rg->w, 1);
	ui_put(rg->win, y++, rg->x, "", rg->w, 1);
	if (s->nc > 0) {
		const struct centre	*c = &s->c[s->crow];
		char			*nm;
		const char		*name;

		ui_date(ymd_of(s->today + s->cday), a, sizeof a);
		ui_qty(c->load[s->cday], b, sizeof b);
		name = record_str(c->wc, dict_field_pos(c->wc->ent, "name"));
		nm = xstrdup(name != NULL ? name : "");
		ui_qty(works(c, s->today + s->cday) ? c->cap : 0, cell,
		    sizeof cell);
		snprintf(line, sizeof line, _("%s %s, %s: load %s h of %s"),
		    record_str(c->wc, FX_CODE), nm, a, b, cell);
		free(nm);
		ui_put(rg->win, y++, rg->x, line, rg->w, 1);
	}
	for (i = 0; y < last; y++, i++) {
		const struct job	*j;
		const char		*stw;
		char			*p, st[32], fi[32];

		if (!s->listing || i >= s->ndj) {
			ui_put(rg->win, y, rg->x, "", rg->w, 1);
			continue;
		}
		j = &s->j[s->dj[i]];
		p = ui_format(s->app, dict_field(s->ent, "product"),
		    &j->mo->v[OP(s, "product")]);
		ui_date(ymd_of(j->first), st, sizeof st);
		ui_date(ymd_of(j->last), fi, sizeof fi);
		hours_cell(j->per_day[s->cday], a, sizeof a);
		ui_qty(j->hours, b, sizeof b);
		stw = ui_enum(dict_field(s->ent, "status"), record_str(j->mo,
		    OP(s, "status")));
		snprintf(line, sizeof line, _("%s %s %s %s-%s  %s h of %s"),
		    record_str(j->mo, FX_CODE), stw, p, st, fi, a, b);
		free(p);
		if (i == s->dcur)
			wattron(rg->win, A_REVERSE);
		ui_put(rg->win, y, rg->x, line, rg->w, 1);
		wattroff(rg->win, A_REVERSE);
	}
	ui_put(rg->win, last, rg->x, s->listing ? _("< > a day earlier/later  "
	    "o open  Esc the grid  F1/? help") : _("Arrows move  Enter the "
	    "day's orders  g read again  Esc back"), rg->w, 1);
}

static void
list_day(struct sched_state *s)
{
	size_t	 i;

	free(s->dj);
	s->dj = xcalloc(s->nj + 1, sizeof *s->dj);
	s->ndj = 0;
	s->dcur = 0;
	for (i = 0; i < s->nj; i++)
		if (s->j[i].centre == s->crow && s->j[i].per_day[s->cday] != 0)
			s->dj[s->ndj++] = i;
	s->listing = 1;
	if (s->ndj == 0)
		s->app->message(s->app, 0, "%s", _("no orders that day"));
}

/* The chosen order's planned dates a day earlier (by -1) or later. */
static void
shift_order(struct sched_state *s, int by)
{
	struct record	*o;
	char		*cause = NULL, a[32];
	int64_t		 start, finish;

	if (s->dcur >= s->ndj || !ui_may(s->app, s->ent, ACT_EDIT))
		return;
	o = record_dup(s->j[s->dj[s->dcur]].mo);
	start = ymd_of(s->j[s->dj[s->dcur]].first + by);
	finish = ymd_of(s->j[s->dj[s->dcur]].last + by);
	record_set_int(o, OP(s, "start"), start);
	record_set_int(o, OP(s, "finish"), finish);
	if (cr_put(s->app->client, o, &cause) != 0) {
		s->app->message(s->app, 1, "%s: %s", record_str(o, FX_CODE),
		    cause);
		free(cause);
	} else {
		ui_date(start, a, sizeof a);
		s->app->message(s->app, 0, _("%s now starts %s"),
		    record_str(o, FX_CODE), a);
	}
	record_free(o);
	if (sched_load(s, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
	}
}

static enum ui_result
sched_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct sched_state	*s = state;
	char			*cause = NULL, code[32];

	(void)rg;
	*redraw |= UI_REDRAW_ALL;
	if (s->listing) {
		if (k == UI_KEY_ESC)
			s->listing = 0;
		else if (k == '<' || k == '-')
			shift_order(s, -1);
		else if (k == '>' || k == '+')
			shift_order(s, 1);
		else if (UI_KEY_UP(k) && s->dcur > 0)
			s->dcur--;
		else if (UI_KEY_DOWN(k) && s->dcur + 1 < s->ndj)
			s->dcur++;
		else if ((k == 'o' || UI_KEY_ENTER(k)) && s->dcur < s->ndj) {
			snprintf(code, sizeof code, "%s",
			    record_str(s->j[s->dj[s->dcur]].mo, FX_CODE));
			s->app->open(s->app, "mo", code);
		}
		return (UI_CONTINUE);
	}
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if (UI_KEY_UP(k) && s->crow > 0)
		s->crow--;
	else if (UI_KEY_DOWN(k) && s->crow + 1 < s->nc)
		s->crow++;
	else if ((k == UI_K(KEY_LEFT) || k == '<' || k == '-') && s->cday > 0)
		s->cday--;
	else if ((k == UI_K(KEY_RIGHT) || k == '>' || k == '+') &&
	    s->cday + 1 < NDAYS)
		s->cday++;
	else if (UI_KEY_ENTER(k) && s->nc > 0)
		list_day(s);
	else if (k == 'g' && sched_load(s, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
	}
	return (UI_CONTINUE);
}

const struct screen_def scr_schedule = {
	.name = "prod-plan", .code = "sched",
	.title = N_("Production schedule"), .hotkey = '4',
	.area = "production", .open = sched_open, .close = sched_close,
	.draw = sched_draw, .key = sched_key, .actions = sched_actions,
};
