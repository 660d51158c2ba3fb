/*
 * Tasks and the calendar: "My tasks" grouped as overdue, today and
 * upcoming; "Team tasks" by assignee (m switches); a week calendar of
 * tasks by due date.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "ui/form.h"
#include "xmalloc.h"

#define TASKS_MAX	2000

struct line {
	const char	*head;		/* a group heading, or NULL */
	struct record	*task;		/* borrowed from rows */
};

struct tasks_state {
	struct app		*app;
	const struct entity_def	*ent;
	int			 team;
	struct record		**rows;
	size_t			 n;
	struct line		*lines;
	size_t			 nlines;
	size_t			 cur;
	size_t			 top;
	/* calendar */
	time_t			 week;		/* Monday 00:00 local */
	int			 day;		/* 0 Monday .. 6 Sunday */
	size_t			 sel;		/* the day's task under the cursor */
	int			 dayview;	/* one day, full width */
};

static const struct ui_action tasks_actions[] = {
	{ '\n', "Enter", N_("open the task"), 0 },
	{ 'n', "n/Insert", N_("new task"), UI_NEEDS_WRITE },
	{ 'x', "x", N_("mark the task done"), UI_NEEDS_WRITE },
	{ 'm', "m", N_("my tasks / the team's tasks"), UI_NEEDS_APPROVE },
	{ 'r', "r", N_("refresh"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static const struct ui_action cal_actions[] = {
	{ 0, "Left/Right, ^B/^F", N_("previous / next day"), 0 },
	{ 0, "Up/Down, ^P/^N", N_("previous / next task of the day"), 0 },
	{ 0, "PgUp/PgDn", N_("previous / next week"), 0 },
	{ '\n', "Enter", N_("open the task under the cursor"), 0 },
	{ 'd', "d", N_("the day in full / the week"), 0 },
	{ 'n', "n/Insert", N_("new task on that day"), UI_NEEDS_WRITE },
	{ 'x', "x", N_("mark the task done"), UI_NEEDS_WRITE },
	{ 'w', N_("w or Home"), N_("today"), 0 },
	{ 27, "Esc", N_("back (the week, from a day)"), 0 },
	{ 0, NULL, NULL, 0 }
};

static int
task_open_status(const struct record *t)
{
	const char	*st = record_str(t, dict_field_pos(t->ent, "status"));

	return (st == NULL || (strcmp(st, "done") != 0 &&
	    strcmp(st, "cancelled") != 0));
}

static int
cmp_due(const void *a, const void *b)
{
	const struct record	*x = *(struct record *const *)a;
	const struct record	*y = *(struct record *const *)b;
	int			 due = dict_field_pos(x->ent, "due");
	int			 as = dict_field_pos(x->ent, "assignee");
	int64_t			 dx, dy;

	if (record_int(x, as) != record_int(y, as))
		return (record_int(x, as) < record_int(y, as) ? -1 : 1);
	dx = record_isset(x, due) ? record_int(x, due) : INT64_MAX;
	dy = record_isset(y, due) ? record_int(y, due) : INT64_MAX;
	return (dx < dy ? -1 : dx > dy);
}

/* Every open task of the clerk (the assignee index from the clerk's id
 * to the next assignee) or of everyone, in pages. */
static void
tasks_load(struct tasks_state *s)
{
	struct record	**page;
	struct value	 from;
	uint64_t	 last = 0;
	size_t		 n, i;
	char		*cause = NULL;
	int		 as = dict_field_pos(s->ent, "assignee"), done = 0;

	cr_rows_free(s->rows, s->n);
	s->rows = NULL;
	s->n = 0;
	memset(&from, 0, sizeof from);
	if (!s->team) {
		from.set = 1;
		from.i = (int64_t)s->app->user_id;
	}
	while (!done) {
		if (cr_scan(s->app->client, s->ent, s->team ? NULL :
		    "assignee", &from, last, 1, 500, &page, &n, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return;
		}
		done = n < 500;
		for (i = 0; i < n; i++) {
			last = record_id(page[i]);
			if (!s->team && record_int(page[i], as) !=
			    (int64_t)s->app->user_id)
				done = 1;
			if (done && !s->team && record_int(page[i], as) !=
			    (int64_t)s->app->user_id) {
				record_free(page[i]);
				continue;
			}
			if (!task_open_status(page[i]) || s->n >= TASKS_MAX) {
				record_free(page[i]);
				continue;
			}
			s->rows = xreallocarray(s->rows, s->n + 1,
			    sizeof *s->rows);
			s->rows[s->n++] = page[i];
		}
		free(page);
		if (s->n >= TASKS_MAX)
			done = 1;
	}
	xqsort(s->rows, s->n, sizeof *s->rows, cmp_due);
}

static void
tasks_group(struct tasks_state *s)
{
	time_t		 now = time(NULL);
	struct tm	 tm;
	time_t		 day_end;
	int		 due = dict_field_pos(s->ent, "due");
	int		 as = dict_field_pos(s->ent, "assignee");
	const char	*last = NULL, *h;
	int64_t		 last_as = -1;
	size_t		 i;

	localtime_r(&now, &tm);
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 59;
	day_end = mktime(&tm);
	free(s->lines);
	s->lines = xcalloc(s->n * 2 + 1, sizeof *s->lines);
	s->nlines = 0;
	for (i = 0; i < s->n; i++) {
		struct record	*t = s->rows[i];

		if (s->team) {
			if (record_int(t, as) != last_as) {
				last_as = record_int(t, as);
				s->lines[s->nlines++].head = "";
			}
		} else {
			if (!record_isset(t, due))
				h = N_("No due date");
			else if (record_int(t, due) < now)
				h = N_("Overdue");
			else if (record_int(t, due) <= day_end)
				h = N_("Today");
			else
				h = N_("Upcoming");
			if (h != last)
				s->lines[s->nlines++].head = last = h;
		}
		s->lines[s->nlines++].task = t;
	}
	if (s->cur >= s->nlines || s->lines[s->cur].task == NULL) {
		for (s->cur = 0; s->cur < s->nlines &&
		    s->lines[s->cur].task == NULL; s->cur++)
			;
	}
}

static int
tasks_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct tasks_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("tasks");
	*state = s;
	tasks_load(s);
	tasks_group(s);
	return (0);
}

static void
tasks_close(void *state)
{
	struct tasks_state	*s = state;

	cr_rows_free(s->rows, s->n);
	free(s->lines);
	free(s);
}

/* s added to b and padded with spaces to w columns (a longer s is not
 * cut, as printf's %-*s would not). */
static void
pad(struct buf *b, const char *s, int w)
{
	int	 used = ui_width(s);

	buf_adds(b, s);
	while (used++ < w)
		buf_addc(b, ' ');
}

static void
tasks_draw(void *state, struct ui_region *full, unsigned redraw)
{
	struct tasks_state	*s = state;
	/* The tasks above, the keys on the last row, as in other lists. */
	struct ui_region	 l = ui_list_region(full), *rg = &l;
	const struct entity_def	*e = s->ent;
	const struct field_def	*pf = dict_field(e, "priority");
	char			*line, *due, *who, *cust;
	size_t			 i;
	int			 y, pw = ui_enum_width(pf) > 6 ?
				    ui_enum_width(pf) : 6;
	int			 team = auth_allowed(s->app->roles, "crm",
				    ACT_APPROVE);

	wattron(rg->win, A_BOLD);
	ui_put(rg->win, rg->y, rg->x, s->team ? _("Team tasks (m: my tasks)") :
	    team ? _("My tasks (m: team tasks)") : _("My tasks"), rg->w, 1);
	wattroff(rg->win, A_BOLD);
	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + (size_t)rg->h - 1)
		s->top = s->cur - (size_t)rg->h + 2;
	for (y = 1; y < rg->h; y++) {
		i = s->top + (size_t)y - 1;
		if (i >= s->nlines) {
			ui_put(rg->win, rg->y + y, rg->x, i == 0 && y == 1 ?
			    _("No open tasks.") : "", rg->w, 1);
			continue;
		}
		if (s->lines[i].task == NULL) {
			const struct record *next = i + 1 < s->nlines ?
			    s->lines[i + 1].task : NULL;

			wattron(rg->win, A_BOLD | A_UNDERLINE);
			if (s->team && next != NULL) {
				who = ui_format(s->app, dict_field(e,
				    "assignee"), &next->v[dict_field_pos(e,
				    "assignee")]);
				ui_put(rg->win, rg->y + y, rg->x, who, rg->w, 1);
				free(who);
			} else
				ui_put(rg->win, rg->y + y, rg->x,
				    *s->lines[i].head != '\0' ?
				    _(s->lines[i].head) : "", rg->w, 1);
			wattroff(rg->win, A_BOLD | A_UNDERLINE);
			continue;
		}
		due = ui_format(s->app, dict_field(e, "due"),
		    &s->lines[i].task->v[dict_field_pos(e, "due")]);
		cust = ui_format(s->app, dict_field(e, "customer"),
		    &s->lines[i].task->v[dict_field_pos(e, "customer")]);
		{
			struct buf	 b = { 0 };
			const char	*pr = record_str(s->lines[i].task,
					    dict_field_pos(e, "priority"));
			const char	*title = record_str(s->lines[i].task,
					    dict_field_pos(e, "title"));
			int		 cw;

			/* Columns by display width: a priority is a word of
			 * the clerk's language. */
			buf_adds(&b, "  ");
			pad(&b, due, 16);
			buf_addc(&b, ' ');
			pad(&b, record_str(s->lines[i].task, FX_CODE) ?
			    record_str(s->lines[i].task, FX_CODE) : "(null)",
			    8);
			buf_addc(&b, ' ');
			pad(&b, pr != NULL ? ui_enum(pf, pr) : "", pw);
			buf_addc(&b, ' ');
			/* The customer by name, cut by display width: up to
			 * half of what the title and it share. */
			cw = (rg->w - 2 - 16 - 1 - 8 - 1 - pw - 1 - 1) / 2;
			ui_cell(&b, cust, cw > 24 ? 24 : cw < 10 ? 10 : cw,
			    0);
			buf_addc(&b, ' ');
			buf_adds(&b, title != NULL ? title : "(null)");
			buf_addc(&b, '\0');
			line = buf_steal(&b);
		}
		free(due);
		free(cust);
		if (i == s->cur)
			wattron(rg->win, A_REVERSE);
		ui_put(rg->win, rg->y + y, rg->x, line, rg->w, 1);
		wattroff(rg->win, A_REVERSE);
		free(line);
	}
	if (full->h > 3)
		ui_put(full->win, full->y + full->h - 1, full->x,
		    ui_offers(s->app, scr_tasks.area, tasks_actions,
		    "n/Insert" /* i18n: no */) ? (team ? _("Enter open  n "
		    "new  x done  m my/team  r refresh  Esc back  F1/? help") :
		    _("Enter open  n new  x done  r refresh  Esc back  F1/? "
		    "help")) :
		    _("Enter open  r refresh  Esc back  F1/? help"), full->w,
		    1);
}

/* x: the task r (a fresh copy) is done, saved at once. */
static void
task_done(struct tasks_state *s, struct record *r)
{
	char	*cause = NULL;

	record_set_str(r, dict_field_pos(s->ent, "status"), "done");
	if (cr_put(s->app->client, r, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
	} else
		s->app->message(s->app, 0, _("%s done"),
		    record_str(r, FX_CODE));
}

static void
tasks_edit(struct tasks_state *s, struct ui_region *rg, struct record *r)
{
	struct form_opts	 o;

	memset(&o, 0, sizeof o);
	o.title = record_id(r) ? _("Task") : _("New task");
	if (form_edit(s->app, rg, r, &o)) {
		tasks_load(s);
		tasks_group(s);
	}
}

static enum ui_result
tasks_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct tasks_state	*s = state;
	struct record		*r;
	char			*cause = NULL;
	size_t			 i;

	*redraw |= UI_REDRAW_LIST;
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if (UI_KEY_DOWN(k)) {
		for (i = s->cur + 1; i < s->nlines; i++)
			if (s->lines[i].task != NULL) {
				s->cur = i;
				break;
			}
	} else if (UI_KEY_UP(k)) {
		for (i = s->cur; i-- > 0;)
			if (s->lines[i].task != NULL) {
				s->cur = i;
				break;
			}
	} else if (k == 'm') {
		if (!auth_allowed(s->app->roles, "crm", ACT_APPROVE) &&
		    !s->team) {
			s->app->message(s->app, 1, "%s", _("team tasks are "
			    "for managers"));
			return (UI_CONTINUE);
		}
		s->team = !s->team;
		s->cur = s->top = 0;
		tasks_load(s);
		tasks_group(s);
	} else if (k == 'r') {
		tasks_load(s);
		tasks_group(s);
	} else if (UI_KEY_NEW(k) && ui_may(s->app, s->ent, ACT_CREATE)) {
		r = record_new(s->ent);
		record_set_str(r, dict_field_pos(s->ent, "assignee"),
		    s->app->login);
		record_set_str(r, dict_field_pos(s->ent, "status"), "open");
		record_set_str(r, dict_field_pos(s->ent, "priority"), "normal");
		tasks_edit(s, rg, r);
		record_free(r);
		*redraw |= UI_REDRAW_ALL;
	} else if ((UI_KEY_ENTER(k) || k == 'x') && s->cur < s->nlines &&
	    s->lines[s->cur].task != NULL) {
		if (cr_get(s->app->client, s->ent,
		    record_id(s->lines[s->cur].task), NULL, &r, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return (UI_CONTINUE);
		}
		if (k == 'x') {
			task_done(s, r);
			tasks_load(s);
			tasks_group(s);
		} else
			tasks_edit(s, rg, r);
		record_free(r);
		*redraw |= UI_REDRAW_ALL;
	}
	return (UI_CONTINUE);
}

/* --- the week calendar ---------------------------------------------- */

static time_t
week_start(time_t t)
{
	struct tm	 tm;

	localtime_r(&t, &tm);
	tm.tm_mday -= (tm.tm_wday + 6) % 7;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (mktime(&tm));
}

static void
cal_load(struct tasks_state *s)
{
	struct value	 from;
	struct record	**page;
	size_t		 n, i;
	char		*cause = NULL;
	int		 due = dict_field_pos(s->ent, "due");
	time_t		 end = s->week + 7 * 86400 + 3600;

	cr_rows_free(s->rows, s->n);
	s->rows = NULL;
	s->n = 0;
	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = (int64_t)s->week;
	/* The due index from Monday on: one range, no table scan. */
	if (cr_scan(s->app->client, s->ent, "due", &from, 0, 1, 500, &page,
	    &n, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	for (i = 0; i < n; i++) {
		if (record_int(page[i], due) >= (int64_t)end) {
			record_free(page[i]);
			continue;
		}
		s->rows = xreallocarray(s->rows, s->n + 1, sizeof *s->rows);
		s->rows[s->n++] = page[i];
	}
	free(page);
}

/* The tasks due on day d of the week (rows are in due order): up to max
 * indexes into rows; their count. */
static size_t
cal_day(struct tasks_state *s, int d, size_t *idx, size_t max)
{
	int		 due = dict_field_pos(s->ent, "due");
	time_t		 t = s->week + d * 86400 + 7200;
	struct tm	 tm, wt;
	size_t		 i, n = 0;

	localtime_r(&t, &tm);
	for (i = 0; i < s->n && n < max; i++) {
		time_t	 when = (time_t)record_int(s->rows[i], due);

		localtime_r(&when, &wt);
		if (wt.tm_mday == tm.tm_mday && wt.tm_mon == tm.tm_mon &&
		    wt.tm_year == tm.tm_year)
			idx[n++] = i;
	}
	return (n);
}

/* The task under the cursor, or NULL. */
static struct record *
cal_current(struct tasks_state *s)
{
	size_t	 idx[TASKS_MAX], n = cal_day(s, s->day, idx, TASKS_MAX);

	if (n == 0)
		return (NULL);
	if (s->sel >= n)
		s->sel = n - 1;
	return (s->rows[idx[s->sel]]);
}

/* The cursor on today. */
static void
cal_today(struct tasks_state *s)
{
	time_t		 now = time(NULL);
	struct tm	 tm;

	localtime_r(&now, &tm);
	s->week = week_start(now);
	s->day = (tm.tm_wday + 6) % 7;
	s->sel = 0;
}

static int
cal_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct tasks_state	*s;

	(void)arg;
	(void)cause;
	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("tasks");
	cal_today(s);
	*state = s;
	cal_load(s);
	return (0);
}

static const char *const cal_days[] = {
	N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"),
	N_("Sun")
};
static const char *const cal_day_names[] = {
	N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"), N_("Sunday")
};

/* A task in one line of w columns: time, title, customer, assignee and
 * (full) the status. */
static void
cal_task_line(struct tasks_state *s, const struct record *r, int y, int x,
    int w, int full, WINDOW *win)
{
	const struct entity_def	*e = s->ent;
	time_t			 when = (time_t)record_int(r,
				    dict_field_pos(e, "due"));
	struct tm		 wt;
	struct buf		 b = { 0 };
	char			 hm[8], *cust, *who, *line;
	int			 rest;

	localtime_r(&when, &wt);
	snprintf(hm, sizeof hm, "%02d:%02d", wt.tm_hour, wt.tm_min);
	buf_adds(&b, hm);
	buf_addc(&b, ' ');
	if (full) {
		cust = ui_format(s->app, dict_field(e, "customer"),
		    &r->v[dict_field_pos(e, "customer")]);
		who = ui_format(s->app, dict_field(e, "assignee"),
		    &r->v[dict_field_pos(e, "assignee")]);
		rest = w - 6 - 10 - 1 - 12 - 1 - 11 - 1;
		ui_cell(&b, record_str(r, dict_field_pos(e, "title")),
		    rest > 10 ? rest : 10, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, cust, 10, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, who, 12, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, ui_enum(dict_field(e, "status"), record_str(r,
		    dict_field_pos(e, "status"))), 11, 0);
		free(cust);
		free(who);
	} else
		buf_adds(&b, record_str(r, dict_field_pos(e, "title")) ?
		    record_str(r, dict_field_pos(e, "title")) : "");
	buf_addc(&b, '\0');
	line = buf_steal(&b);
	if (!task_open_status(r))
		wattron(win, A_DIM);
	ui_put(win, y, x, line, w, 1);
	wattroff(win, A_DIM);
	free(line);
}

static void
cal_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct tasks_state	*s = state;
	struct record		*cur = cal_current(s);
	int			 colw = rg->w / 7, d, y, row, body, write;
	size_t			 idx[TASKS_MAX], n, i, top;
	char			 buf[256];
	struct tm		 tm;
	time_t			 t;

	(void)redraw;
	for (y = 0; y < rg->h; y++)
		ui_put(rg->win, rg->y + y, rg->x, "", rg->w, 1);
	t = s->week + s->day * 86400 + 7200;
	localtime_r(&t, &tm);
	if (s->dayview)
		snprintf(buf, sizeof buf, _("%s %02d.%02d.%04d (d: the week)"),
		    _(cal_day_names[s->day]), tm.tm_mday, tm.tm_mon + 1,
		    tm.tm_year + 1900);
	else {
		localtime_r(&s->week, &tm);
		snprintf(buf, sizeof buf, _("Week of %02d.%02d.%04d "
		    "(Left/Right: days, PgUp/PgDn: weeks, d: the day)"),
		    tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
	}
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, rg->y, rg->x, buf, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	if (s->dayview) {
		n = cal_day(s, s->day, idx, TASKS_MAX);
		body = rg->h - 2;
		top = s->sel >= (size_t)body ? s->sel - (size_t)body + 1 : 0;
		if (n == 0)
			ui_put(rg->win, rg->y + 1, rg->x, _("No tasks on this "
			    "day (n: a new one)."), rg->w, 1);
		for (i = top; i < n && (int)(i - top) < body; i++) {
			if (i == s->sel)
				wattron(rg->win, A_REVERSE);
			cal_task_line(s, s->rows[idx[i]], rg->y + 1 +
			    (int)(i - top), rg->x, rg->w, 1, rg->win);
			wattroff(rg->win, A_REVERSE);
		}
		return;
	}
	/* The week: seven columns, the cursor's day and task in reverse;
	 * below, the task under the cursor in full. */
	body = rg->h - 4;
	for (d = 0; d < 7; d++) {
		t = s->week + d * 86400 + 7200;
		localtime_r(&t, &tm);
		snprintf(buf, sizeof buf, "%s %02d.%02d", _(cal_days[d]),
		    tm.tm_mday, tm.tm_mon + 1);
		wattron(rg->win, d == s->day ? A_REVERSE : A_UNDERLINE);
		ui_put(rg->win, rg->y + 1, rg->x + d * colw, buf, colw - 1, 1);
		wattroff(rg->win, A_REVERSE | A_UNDERLINE);
		n = cal_day(s, d, idx, TASKS_MAX);
		top = d == s->day && s->sel >= (size_t)body - 1 ?
		    s->sel - (size_t)body + 2 : 0;
		for (i = top, row = 2; i < n && row < body + 1; i++, row++) {
			if (row == body && i + 1 < n) {
				snprintf(buf, sizeof buf, P_("+%zu more",
				    "+%zu more", n - i), n - i);
				ui_put(rg->win, rg->y + row, rg->x + d * colw,
				    buf, colw - 1, 1);
				break;
			}
			if (d == s->day && i == s->sel)
				wattron(rg->win, A_REVERSE);
			cal_task_line(s, s->rows[idx[i]], rg->y + row,
			    rg->x + d * colw, colw - 1, 0, rg->win);
			wattroff(rg->win, A_REVERSE);
		}
	}
	if (cur != NULL)
		cal_task_line(s, cur, rg->y + rg->h - 2, rg->x, rg->w, 1,
		    rg->win);
	else
		ui_put(rg->win, rg->y + rg->h - 2, rg->x, _("No tasks on this "
		    "day (n: a new one)."), rg->w, 1);
	/* The keys F1 lists, for roles that may use them. */
	write = ui_offers(s->app, scr_calendar.area, cal_actions,
	    "n/Insert");	/* i18n: no */
	ui_put(rg->win, rg->y + rg->h - 1, rg->x, write ? _("Enter open  "
	    "n new  x done  d day  w today  Esc back  F1/? help") :
	    _("Enter open  d day  w today  Esc back  F1/? help"), rg->w, 1);
}

/* A new task due on the cursor's day, at nine. */
static void
cal_new(struct tasks_state *s, struct ui_region *rg)
{
	struct form_opts	 o;
	struct record		*r;

	if (!ui_may(s->app, s->ent, ACT_CREATE))
		return;
	r = record_new(s->ent);
	record_set_str(r, dict_field_pos(s->ent, "assignee"), s->app->login);
	record_set_str(r, dict_field_pos(s->ent, "status"), "open");
	record_set_str(r, dict_field_pos(s->ent, "priority"), "normal");
	record_set_int(r, dict_field_pos(s->ent, "due"),
	    (int64_t)(s->week + s->day * 86400 + 9 * 3600));
	memset(&o, 0, sizeof o);
	o.title = _("New task");
	form_edit(s->app, rg, r, &o);
	record_free(r);
}

/* Enter or x on the task under the cursor. */
static void
cal_task(struct tasks_state *s, struct ui_region *rg, int done)
{
	struct record		*cur = cal_current(s), *r;
	struct form_opts	 o;
	char			*cause = NULL;

	if (cur == NULL) {
		s->app->message(s->app, 0, "%s",
		    _("no task on this day: n makes one"));
		return;
	}
	if (cr_get(s->app->client, s->ent, record_id(cur), NULL, &r,
	    &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	if (done) {
		if (ui_may(s->app, s->ent, ACT_EDIT))
			task_done(s, r);
	} else {
		memset(&o, 0, sizeof o);
		o.title = _("Task");
		o.readonly = !auth_allowed(s->app->roles, s->ent->area,
		    ACT_EDIT);
		form_edit(s->app, rg, r, &o);
	}
	record_free(r);
}

static enum ui_result
cal_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct tasks_state	*s = state;
	size_t			 idx[TASKS_MAX], n;

	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC) {
		if (!s->dayview)
			return (UI_BACK);
		s->dayview = 0;
		return (UI_CONTINUE);
	}
	if (k == UI_K(KEY_RIGHT) || k == KEY_CTRL('f')) {
		if (++s->day == 7) {
			s->day = 0;
			s->week = week_start(s->week + 8 * 86400);
		}
		s->sel = 0;
	} else if (k == UI_K(KEY_LEFT) || k == KEY_CTRL('b')) {
		if (--s->day < 0) {
			s->day = 6;
			s->week = week_start(s->week - 6 * 86400);
		}
		s->sel = 0;
	} else if (UI_KEY_DOWN(k)) {
		n = cal_day(s, s->day, idx, TASKS_MAX);
		if (s->sel + 1 < n)
			s->sel++;
		return (UI_CONTINUE);
	} else if (UI_KEY_UP(k)) {
		if (s->sel > 0)
			s->sel--;
		return (UI_CONTINUE);
	} else if (UI_KEY_PGDN(k))
		s->week = week_start(s->week + 8 * 86400);
	else if (UI_KEY_PGUP(k))
		s->week = week_start(s->week - 6 * 86400);
	else if (k == 'w' || UI_KEY_HOME(k))
		cal_today(s);
	else if (k == 'd')
		s->dayview = !s->dayview;
	else if (UI_KEY_ENTER(k))
		cal_task(s, rg, 0);
	else if (k == 'x')
		cal_task(s, rg, 1);
	else if (UI_KEY_NEW(k))
		cal_new(s, rg);
	else
		return (UI_CONTINUE);
	cal_load(s);
	return (UI_CONTINUE);
}

const struct screen_def scr_tasks = {
	.name = "tasks", .code = "task", .title = N_("Tasks"),
	.hotkey = 't', .area = "crm", .open = tasks_open, .close = tasks_close,
	.draw = tasks_draw, .key = tasks_key, .actions = tasks_actions,
};

const struct screen_def scr_calendar = {
	.name = "calendar", .code = "cal", .title = N_("Calendar"),
	.hotkey = 'k', .area = "crm", .open = cal_open, .close = tasks_close,
	.draw = cal_draw, .key = cal_key, .actions = cal_actions,
};
