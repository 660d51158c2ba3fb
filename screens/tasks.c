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
};

static const struct ui_action tasks_actions[] = {
	{ '\n', "Enter", "open the task", 0 },
	{ 'n', "n/Insert", "new task", UI_NEEDS_WRITE },
	{ 'x', "x", "mark the task done", UI_NEEDS_WRITE },
	{ 'm', "m", "my tasks / team tasks (managers)", 0 },
	{ 'r', "r", "refresh", 0 },
	{ 27, "Esc", "back", 0 },
	{ 0, NULL, NULL, 0 }
};

static const struct ui_action cal_actions[] = {
	{ 0, "Left/Right", "previous / next week", 0 },
	{ 'n', "n", "new task", UI_NEEDS_WRITE },
	{ 'w', "w", "this week", 0 },
	{ 27, "Esc", "back", 0 },
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
	qsort(s->rows, s->n, sizeof *s->rows, cmp_due);
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
				h = "No due date";
			else if (record_int(t, due) < now)
				h = "Overdue";
			else if (record_int(t, due) <= day_end)
				h = "Today";
			else
				h = "Upcoming";
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

static void
tasks_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct tasks_state	*s = state;
	const struct entity_def	*e = s->ent;
	char			 line[512], *due, *who, *cust;
	size_t			 i;
	int			 y;

	wattron(rg->win, A_BOLD);
	ui_put(rg->win, rg->y, rg->x, s->team ? "Team tasks (m: my tasks)" :
	    "My tasks (m: team tasks)", rg->w, 1);
	wattroff(rg->win, A_BOLD);
	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + (size_t)rg->h - 1)
		s->top = s->cur - (size_t)rg->h + 2;
	for (y = 1; y < rg->h; y++) {
		i = s->top + (size_t)y - 1;
		if (i >= s->nlines) {
			ui_put(rg->win, rg->y + y, rg->x, i == 0 && y == 1 ?
			    "No open tasks." : "", rg->w, 1);
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
				    s->lines[i].head, rg->w, 1);
			wattroff(rg->win, A_BOLD | A_UNDERLINE);
			continue;
		}
		due = ui_format(s->app, dict_field(e, "due"),
		    &s->lines[i].task->v[dict_field_pos(e, "due")]);
		cust = ui_format(s->app, dict_field(e, "customer"),
		    &s->lines[i].task->v[dict_field_pos(e, "customer")]);
		snprintf(line, sizeof line, "  %-16s %-8s %-6s %-10s %s",
		    due, record_str(s->lines[i].task, FX_CODE),
		    record_str(s->lines[i].task, dict_field_pos(e,
		    "priority")) ? record_str(s->lines[i].task,
		    dict_field_pos(e, "priority")) : "", cust,
		    record_str(s->lines[i].task, dict_field_pos(e, "title")));
		free(due);
		free(cust);
		if (i == s->cur)
			wattron(rg->win, A_REVERSE);
		ui_put(rg->win, rg->y + y, rg->x, line, rg->w, 1);
		wattroff(rg->win, A_REVERSE);
	}
}

static void
tasks_edit(struct tasks_state *s, struct ui_region *rg, struct record *r)
{
	struct form_opts	 o;

	memset(&o, 0, sizeof o);
	o.title = record_id(r) ? "Task" : "New task";
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
			s->app->message(s->app, 1, "team tasks are for "
			    "managers");
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
			record_set_str(r, dict_field_pos(s->ent, "status"),
			    "done");
			if (cr_put(s->app->client, r, &cause) != 0) {
				s->app->message(s->app, 1, "%s", cause);
				free(cause);
			} else
				s->app->message(s->app, 0, "%s done",
				    record_str(r, FX_CODE));
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

static int
cal_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct tasks_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("tasks");
	s->week = week_start(time(NULL));
	*state = s;
	cal_load(s);
	return (0);
}

static void
cal_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	static const char *const days[] = {
		"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
	};
	struct tasks_state	*s = state;
	int			 due = dict_field_pos(s->ent, "due");
	int			 title = dict_field_pos(s->ent, "title");
	int			 colw = rg->w / 7, d, y, row;
	char			 buf[128];
	struct tm		 tm;
	time_t			 t;
	size_t			 i;

	localtime_r(&s->week, &tm);
	strftime(buf, sizeof buf, "Week of %d.%m.%Y (Left/Right: weeks)",
	    &tm);
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, rg->y, rg->x, buf, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	for (y = 1; y < rg->h; y++)
		ui_put(rg->win, rg->y + y, rg->x, "", rg->w, 1);
	for (d = 0; d < 7; d++) {
		t = s->week + d * 86400 + 7200;
		localtime_r(&t, &tm);
		snprintf(buf, sizeof buf, "%s %02d.%02d", days[d], tm.tm_mday,
		    tm.tm_mon + 1);
		wattron(rg->win, A_UNDERLINE);
		ui_put(rg->win, rg->y + 1, rg->x + d * colw, buf, colw - 1, 1);
		wattroff(rg->win, A_UNDERLINE);
		row = 2;
		for (i = 0; i < s->n && row < rg->h; i++) {
			time_t		 when = (time_t)record_int(s->rows[i],
			    due);
			struct tm	 wt;

			localtime_r(&when, &wt);
			if (wt.tm_mday != tm.tm_mday || wt.tm_mon != tm.tm_mon)
				continue;
			snprintf(buf, sizeof buf, "%02d:%02d %s", wt.tm_hour,
			    wt.tm_min, record_str(s->rows[i], title));
			if (!task_open_status(s->rows[i]))
				wattron(rg->win, A_DIM);
			ui_put(rg->win, rg->y + row++, rg->x + d * colw, buf,
			    colw - 1, 1);
			wattroff(rg->win, A_DIM);
		}
	}
}

static enum ui_result
cal_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct tasks_state	*s = state;
	struct record		*r;

	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if (k == UI_K(KEY_RIGHT))
		s->week = week_start(s->week + 8 * 86400);
	else if (k == UI_K(KEY_LEFT))
		s->week = week_start(s->week - 6 * 86400);
	else if (k == 'w')
		s->week = week_start(time(NULL));
	else if (UI_KEY_NEW(k)) {
		struct form_opts	 o;

		r = record_new(s->ent);
		record_set_str(r, dict_field_pos(s->ent, "assignee"),
		    s->app->login);
		record_set_str(r, dict_field_pos(s->ent, "status"), "open");
		record_set_str(r, dict_field_pos(s->ent, "priority"), "normal");
		memset(&o, 0, sizeof o);
		o.title = "New task";
		form_edit(s->app, rg, r, &o);
		record_free(r);
	} else
		return (UI_CONTINUE);
	cal_load(s);
	return (UI_CONTINUE);
}

const struct screen_def scr_tasks = {
	.name = "tasks", .code = "task", .title = "Tasks",
	.hotkey = 't', .area = "crm", .open = tasks_open, .close = tasks_close,
	.draw = tasks_draw, .key = tasks_key, .actions = tasks_actions,
};

const struct screen_def scr_calendar = {
	.name = "calendar", .code = "cal", .title = "Calendar",
	.hotkey = 'k', .area = "crm", .open = cal_open, .close = tasks_close,
	.draw = cal_draw, .key = cal_key, .actions = cal_actions,
};
