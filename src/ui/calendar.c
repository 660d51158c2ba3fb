#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dict/value.h"
#include "i18n.h"
#include "ui/calendar.h"
#include "ui/ui.h"

#define CAL_W		27	/* at least; wider when the help is */
#define CAL_H		14
#define CAL_GRID_W	20	/* "Mo Tu We Th Fr Sa Su" */
#define CAL_GRID_Y	3	/* the row of the first week */

static const char *const cal_months[] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
	N_("June"), N_("July"), N_("August"), N_("September"),
	N_("October"), N_("November"), N_("December")
};
static const char *const cal_help[] = {
	N_("arrows: day, week"),
	N_("PgUp/PgDn month, t today"),
	N_("Enter picks, Esc closes"),
};

/* The box's width: 27, or what the help needs in the language shown,
 * with a blank column either side of it (the borders, a space, the
 * help, a space). */
static int
cal_width(void)
{
	size_t	 i;
	int	 w = CAL_W;

	for (i = 0; i < sizeof cal_help / sizeof cal_help[0]; i++)
		if (ui_width(_(cal_help[i])) + 4 > w)
			w = ui_width(_(cal_help[i])) + 4;
	return (w);
}

static WINDOW	*cal_box(WINDOW *);
static void	 cal_draw(WINDOW *, const char *, int64_t);
static int64_t	 cal_add_months(int64_t, int);

/* The box, centred; made again (after a resize) when win is not NULL. */
static WINDOW *
cal_box(WINDOW *win)
{
	int	 h = CAL_H < LINES ? CAL_H : LINES;
	int	 w = cal_width() < COLS ? cal_width() : COLS;

	if (win != NULL)
		delwin(win);
	if ((win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2)) != NULL)
		keypad(win, TRUE);
	return (win);
}

static void
cal_draw(WINDOW *win, const char *title, int64_t sel)
{
	int64_t	 first = sel / 100 * 100 + 1, today = date_today(), d;
	int	 lead = date_weekday(first), day, cell, h, w, gx;
	char	 buf[40];
	size_t	 i;

	getmaxyx(win, h, w);
	/* Monday's column: the grid in the middle (3 in a box of 27). */
	gx = w > CAL_GRID_W ? (w - CAL_GRID_W) / 2 : 1;
	werase(win);
	box(win, 0, 0);
	if (w > 6) {
		ui_put(win, 0, 2, " ", 1, 0);
		ui_put(win, 0, 3, title, w - 6, 0);
		waddstr(win, " ");
	}
	snprintf(buf, sizeof buf, "%s %d", _(cal_months[sel / 100 % 100 - 1]),
	    (int)(sel / 10000));
	ui_put(win, 1, (w - ui_width(buf)) / 2, buf, w - 2, 0);
	ui_put(win, 2, gx, _("Mo Tu We Th Fr Sa Su"), w - gx - 1, 0);
	for (day = 1; day <= 31; day++) {
		d = first + day - 1;
		if (!date_valid((int)(d / 10000), (int)(d / 100 % 100), day))
			break;
		cell = lead + day - 1;
		snprintf(buf, sizeof buf, "%2d", day);
		if (d == sel)
			wattron(win, A_REVERSE);
		if (d == today)
			wattron(win, A_BOLD | A_UNDERLINE);
		ui_put(win, CAL_GRID_Y + cell / 7, gx + cell % 7 * 3, buf, 2,
		    0);
		wattroff(win, A_REVERSE | A_BOLD | A_UNDERLINE);
	}
	for (i = 0; i < sizeof cal_help / sizeof cal_help[0] &&
	    CAL_GRID_Y + 7 + (int)i < h - 1; i++)
		ui_put(win, CAL_GRID_Y + 7 + (int)i, 2, _(cal_help[i]), w - 4,
		    0);
}

/* The same day n months on (or back), the last of a shorter month. */
static int64_t
cal_add_months(int64_t v, int n)
{
	int	 y = (int)(v / 10000), m = (int)(v / 100 % 100) - 1 + n;
	int	 d = (int)(v % 100);

	y += m >= 0 ? m / 12 : (m - 11) / 12;
	m = (m % 12 + 12) % 12 + 1;
	while (d > 28 && !date_valid(y, m, d))
		d--;
	if (!date_valid(y, m, d))
		return (v);
	return ((int64_t)y * 10000 + m * 100 + d);
}

int
ui_calendar(struct app *app, const char *title, int64_t *date)
{
	WINDOW	*win;
	int64_t	 sel = *date, next;
	int	 k, picked = 0;

	if (!date_valid((int)(sel / 10000), (int)(sel / 100 % 100),
	    (int)(sel % 100)))
		sel = date_today();
	if ((win = cal_box(NULL)) == NULL)
		return (0);
	for (;;) {
		cal_draw(win, title, sel);
		wrefresh(win);
		k = ui_getkey();
		next = sel;
		if (k == UI_K(KEY_LEFT))
			next = date_add_days(sel, -1);
		else if (k == UI_K(KEY_RIGHT))
			next = date_add_days(sel, 1);
		else if (UI_KEY_UP(k))
			next = date_add_days(sel, -7);
		else if (UI_KEY_DOWN(k))
			next = date_add_days(sel, 7);
		else if (UI_KEY_PGUP(k))
			next = cal_add_months(sel, -1);
		else if (UI_KEY_PGDN(k))
			next = cal_add_months(sel, 1);
		else if (k == UI_K(KEY_HOME) || k == 't' || k == 0x435)
			next = date_today();	/* t, or е: Russian layout */
		else if (UI_KEY_ENTER(k)) {
			*date = sel;
			picked = 1;
			break;
		} else if (k == UI_KEY_ESC || k == UI_KEY_INTR ||
		    k == UI_KEY_HANGUP)
			break;		/* the session sees a hangup next */
		else if (k == UI_KEY_RESIZE) {
			app->relayout(app);
			if ((win = cal_box(win)) == NULL)
				break;
		}
		/* Not before year 1 nor after 9999. */
		if (date_valid((int)(next / 10000), (int)(next / 100 % 100),
		    (int)(next % 100)))
			sel = next;
	}
	if (win != NULL)
		delwin(win);
	touchwin(stdscr);
	wnoutrefresh(stdscr);
	return (picked);
}

int
ui_calendar_text(struct app *app, const char *title, int with_time,
    char *text, size_t cap)
{
	const char	*p = text + strspn(text, " ");
	char		*why = NULL, hm[16] = "";
	int64_t		 date = 0, t;
	struct tm	 tm;
	time_t		 tt;

	if (with_time && *p != '\0' && time_parse_local(p, &t, &why) == 0) {
		tt = (time_t)t;
		localtime_r(&tt, &tm);
		date = (int64_t)(tm.tm_year + 1900) * 10000 +
		    (tm.tm_mon + 1) * 100 + tm.tm_mday;
		/* Keep the hours the clerk typed; none stays none. */
		if (strchr(p, ':') != NULL)
			strftime(hm, sizeof hm, " %H:%M", &tm);
	} else if (!with_time && *p != '\0')
		(void)date_parse(p, &date, &why);
	free(why);
	if (!ui_calendar(app, title, &date))
		return (0);
	snprintf(text, cap, "%02d.%02d.%04d%s", (int)(date % 100),
	    (int)(date / 100 % 100), (int)(date / 10000), hm);
	return (1);
}
