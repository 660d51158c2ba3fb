/*
 * The home screen (issue 15's dashboard): what a session opens on, the
 * menu one Esc away, :home back.  Boxes of figures at 80x24, each only
 * for the roles that may see it (the server sends only those): today's
 * sales against the same weekday last week and the month against last
 * month's same days, today's orders, sparklines of the last 30 days
 * (block characters, "_.-=#" under vt100), money, finished goods per
 * warehouse, my tasks and deals; and a stock field that takes a scan, a
 * SKU or part of a name and answers on the spot.
 *
 * It asks the server every POLL_SECS with the version it has: while no
 * posting touched a figure the answer is a few bytes and nothing is
 * drawn; when one did, the boxes are drawn again over themselves (no
 * erase), so curses sends only the cells that changed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/dash.h"
#include "dict/value.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "xmalloc.h"

#define POLL_SECS	2
#define TERM_MAX	64
#define COLW		40	/* a box's width: two to a row at 80 */
#define SPARK_DAYS	30

struct home_state {
	struct app	*app;
	struct cdash	 d;		/* the figures */
	struct cdash	 st;		/* the last stock lookup */
	char		 term[TERM_MAX];
	char		*error;		/* of the last lookup */
	time_t		 polled;
	int		 ascii;		/* sparklines without blocks */
	uint64_t	 polls, changed;	/* replies, and those that
					 * were not the same */
	size_t		 bytes;		/* of all polls */
};

static const struct ui_action home_actions[] = {
	{ 0, N_("a scan, SKU or name, Enter"), N_("the stock of a product"),
	  0 },
	{ 0, N_("Esc"), N_("the menu (first clears the stock field)"), 0 },
	{ 0, N_("F5 or Ctrl-R"), N_("read the figures again"), 0 },
	{ ':', N_(":home"), N_("back here from any screen"), 0 },
	{ 0, NULL, NULL, 0 }
};

static void
home_fetch(struct home_state *s, int force)
{
	struct cdash	 d;
	char		*cause = NULL;

	if (cd_dashboard(s->app->client, force ? NULL : s->d.version, NULL,
	    0, &d, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	s->polls++;
	s->bytes += d.bytes;
	if (d.same) {
		/* Keep what we have: only the version came. */
		cd_dash_free(&d);
		return;
	}
	s->changed++;
	cd_dash_free(&s->d);
	s->d = d;
}

static int
home_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct home_state	*s;
	const char		*term = getenv("TERM");

	(void)arg;
	(void)cause;
	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ascii = term == NULL || strncmp(term, "vt", 2) == 0 ||
	    MB_CUR_MAX == 1;
	home_fetch(s, 1);
	s->polled = time(NULL);
	*state = s;
	return (0);
}

static void
home_close(void *state)
{
	struct home_state	*s = state;

	cd_dash_free(&s->d);
	cd_dash_free(&s->st);
	free(s->error);
	free(s);
}

static int
has(const struct cdash *d, const char *figure)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->v[i].figure, figure) == 0)
			return (1);
	return (0);
}

static void
count(int64_t v, char *buf, size_t len)
{
	snprintf(buf, len, "%lld", (long long)v);	/* i18n: no */
}

static void
money(int64_t v, char *buf, size_t len)
{
	money_format(v, buf, len, 1);
}

/* A figure of the dashboard for people: money and quantities grouped
 * with a decimal comma (1 384,25), a date 28.11.2026; cd_dash_format()
 * writes them for scripts. */
static void
dash_figure(char unit, int64_t v, char *buf, size_t len)
{
	switch (unit) {
	case 'm':
		money(v, buf, len);
		break;
	case 'q':
		ui_qty(v, buf, len);
		break;
	case 'd':
		ui_date(v, buf, len);
		break;
	default:
		cd_dash_format(unit, v, buf, len);
		break;
	}
}

/* A box: its frame and title at (y, x), h rows, w columns. */
static void
box_at(WINDOW *w, int y, int x, int h, int wd, const char *title)
{
	int	 i;

	mvwaddch(w, y, x, ACS_ULCORNER);
	mvwhline(w, y, x + 1, ACS_HLINE, wd - 2);
	mvwaddch(w, y, x + wd - 1, ACS_URCORNER);
	for (i = 1; i < h - 1; i++) {
		mvwaddch(w, y + i, x, ACS_VLINE);
		mvwaddch(w, y + i, x + wd - 1, ACS_VLINE);
	}
	mvwaddch(w, y + h - 1, x, ACS_LLCORNER);
	mvwhline(w, y + h - 1, x + 1, ACS_HLINE, wd - 2);
	mvwaddch(w, y + h - 1, x + wd - 1, ACS_LRCORNER);
	wattron(w, A_BOLD);
	ui_put(w, y, x + 2, title, wd - 4, 0);
	wattroff(w, A_BOLD);
}

/* One line inside a box: a label and up to two values, right-aligned. */
static void
line3(WINDOW *w, int y, int x, const char *label, const char *v1,
    const char *v2)
{
	const char *const	 cells[3] = { label, v1, v2 };
	static const int	 widths[3] = { 12, 13, 11 };

	ui_cells(w, y, x + 1, COLW - 2, cells, widths, "lrr", 3);
}

/* A label and one value, the value right-aligned: money in full. */
static void
line2(WINDOW *w, int y, int x, const char *label, const char *v)
{
	const char *const	 cells[2] = { label, v };
	static const int	 widths[2] = { 20, 17 };

	ui_cells(w, y, x + 1, COLW - 2, cells, widths, "lr", 2);
}

static void
blank(WINDOW *w, int y, int x)
{
	ui_put(w, y, x + 1, "", COLW - 2, 1);
}

/* The sparkline of figure's 30 days: block characters scaled to the
 * largest day, a blank for a day of nothing (or less). */
static void
spark(struct home_state *s, WINDOW *w, int y, int x, const char *figure,
    const char *label)
{
	static const char *const	 blocks[] = { "▁", "▂", "▃", "▄", "▅",
					    "▆", "▇", "█" };
	static const char		 ascii[] = "_.-=#";
	struct buf			 b = { 0 };
	int64_t				 max = 0, v;
	size_t				 i, n = 0;
	char				*line;
	int				 lv, levels = s->ascii ? 5 : 8;

	for (i = 0; i < s->d.n; i++)
		if (strcmp(s->d.v[i].figure, figure) == 0 &&
		    s->d.v[i].value > max)
			max = s->d.v[i].value;
	buf_adds(&b, " ");
	for (i = 0; i < s->d.n && n < SPARK_DAYS; i++) {
		if (strcmp(s->d.v[i].figure, figure) != 0)
			continue;
		n++;
		v = s->d.v[i].value;
		if (v <= 0 || max <= 0) {
			buf_addc(&b, ' ');
			continue;
		}
		lv = (int)((v * levels - 1) / max);
		if (lv >= levels)
			lv = levels - 1;
		if (s->ascii)
			buf_addc(&b, ascii[lv]);
		else
			buf_adds(&b, blocks[lv]);
	}
	buf_printf(&b, " %s", label);
	buf_addc(&b, '\0');
	line = buf_steal(&b);
	ui_put(w, y, x + 1, line, COLW - 2, 1);
	free(line);
}

static void
draw_sales(struct home_state *s, WINDOW *w, int y, int x)
{
	const struct cdash	*d = &s->d;
	char			 a[32], b[32];

	box_at(w, y, x, 8, COLW, _("Sales"));
	money(cd_dash_value(d, "sales_today", "gross", 0), a, sizeof a);
	money(cd_dash_value(d, "sales_today", "margin", 0), b, sizeof b);
	line3(w, y + 1, x, _("Today"), a, b);
	money(cd_dash_value(d, "sales_week_ago", "gross", 0), a, sizeof a);
	money(cd_dash_value(d, "sales_week_ago", "margin", 0), b, sizeof b);
	line3(w, y + 2, x, _("Week ago"), a, b);
	money(cd_dash_value(d, "sales_mtd", "gross", 0), a, sizeof a);
	money(cd_dash_value(d, "sales_mtd", "margin", 0), b, sizeof b);
	line3(w, y + 3, x, _("This month"), a, b);
	money(cd_dash_value(d, "sales_last_mtd", "gross", 0), a, sizeof a);
	money(cd_dash_value(d, "sales_last_mtd", "margin", 0), b, sizeof b);
	line3(w, y + 4, x, _("Last month"), a, b);
	line3(w, y + 5, x, "", _("shipped"), _("margin"));
	spark(s, w, y + 6, x, "spark_sales", _("30d"));
}

static void
draw_orders(struct home_state *s, WINDOW *w, int y, int x)
{
	const struct cdash	*d = &s->d;
	char			 a[32], b[32];

	box_at(w, y, x, 8, COLW, _("Orders today"));
	count(cd_dash_value(d, "orders_today", "confirmed", 0), a, sizeof a);
	money(cd_dash_value(d, "orders_today", "confirmed_sum", 0), b,
	    sizeof b);
	line3(w, y + 1, x, _("Confirmed"), a, b);
	count(cd_dash_value(d, "orders_today", "draft", 0), a, sizeof a);
	money(cd_dash_value(d, "orders_today", "draft_sum", 0), b, sizeof b);
	line3(w, y + 2, x, _("Draft"), a, b);
	blank(w, y + 3, x);
	blank(w, y + 4, x);
	blank(w, y + 5, x);
	spark(s, w, y + 6, x, "spark_orders", _("30d"));
}

static void
draw_money(struct home_state *s, WINDOW *w, int y, int x)
{
	const struct cdash	*d = &s->d;
	char			 a[32];

	box_at(w, y, x, 6, COLW, _("Money"));
	money(cd_dash_value(d, "cash", "balance", 0), a, sizeof a);
	line2(w, y + 1, x, _("Cash"), a);
	money(cd_dash_value(d, "bank", "balance", 0), a, sizeof a);
	line2(w, y + 2, x, _("Bank"), a);
	money(cd_dash_value(d, "receivables", "overdue", 0), a, sizeof a);
	line2(w, y + 3, x, _("Owed us, overdue"), a);
	money(cd_dash_value(d, "payables", "this_week", 0), a, sizeof a);
	line2(w, y + 4, x, _("We pay by Sunday"), a);
}

/* Rows of figure (per key) with its twin figure2 (same keys), at most
 * max lines from row y; the rest of them blank. */
static void
keyed_lines(struct home_state *s, const struct cdash *d, WINDOW *w, int y,
    int x, int max, const char *figure, const char *figure2, int skip0)
{
	char	 a[32], b[32];
	size_t	 i;
	int	 n = 0;

	for (i = 0; i < d->n && n < max; i++) {
		const struct cdash_fig	*f = &d->v[i];

		if (strcmp(f->figure, figure) != 0)
			continue;
		if (skip0 && f->value == 0)
			continue;
		dash_figure(f->unit, f->value, a, sizeof a);
		b[0] = '\0';
		if (figure2 != NULL) {
			int64_t	 v = cd_dash_value(d, figure2, f->key, 0);
			size_t	 j;

			for (j = 0; j < d->n; j++)
				if (strcmp(d->v[j].figure, figure2) == 0)
					break;
			if (j < d->n)
				dash_figure(d->v[j].unit, v, b, sizeof b);
		}
		line3(w, y + n, x, f->key, a, b);
		n++;
	}
	(void)s;
	for (; n < max; n++)
		blank(w, y + n, x);
}

static void
draw_finished(struct home_state *s, WINDOW *w, int y, int x)
{
	box_at(w, y, x, 6, COLW, _("Finished goods"));
	keyed_lines(s, &s->d, w, y + 1, x, 4, "finished_qty", "finished_value",
	    0);
}

static void
draw_stock(struct home_state *s, WINDOW *w, int y, int x, int h)
{
	char	 line[TERM_MAX + 8];
	int	 rows = h - 4;

	box_at(w, y, x, h, COLW, _("Stock of a product"));
	snprintf(line, sizeof line, "> %s_", s->term);
	ui_put(w, y + 1, x + 1, line, COLW - 2, 1);
	if (s->error != NULL) {
		ui_put(w, y + 2, x + 1, s->error, COLW - 2, 1);
		for (; rows > 0; rows--)
			blank(w, y + 2 + rows, x);
		return;
	}
	if (s->st.sku != NULL) {
		snprintf(line, sizeof line, "%s %s", s->st.sku,
		    s->st.name != NULL ? s->st.name : "");
		ui_put(w, y + 2, x + 1, line, COLW - 2, 1);
		line3(w, y + 3, x, "", _("on hand"), _("free"));
	} else {
		ui_put(w, y + 2, x + 1, _("scan, SKU or name; Enter"),
		    COLW - 2, 1);
		blank(w, y + 3, x);
	}
	if (rows > 0)
		keyed_lines(s, &s->st, w, y + 4, x, rows - 1, "stock_on_hand",
		    "stock_free", 0);
}

static void
draw_mine(struct home_state *s, WINDOW *w, int y, int x, int h)
{
	const struct cdash	*d = &s->d;
	char			 a[32], b[32];

	box_at(w, y, x, h, COLW, _("My tasks and deals"));
	count(cd_dash_value(d, "tasks", "today", 0), a, sizeof a);
	count(cd_dash_value(d, "tasks", "overdue", 0), b, sizeof b);
	line3(w, y + 1, x, _("Tasks"), a, b);
	line3(w, y + 2, x, "", _("today"), _("overdue"));
	keyed_lines(s, d, w, y + 3, x, h - 4, "deals_count", "deals_sum", 1);
}

static void
home_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct home_state	*s = state;
	WINDOW			*w = rg->win;
	int			 y = rg->y, x = rg->x, left, bottom;

	(void)redraw;
	if (rg->w < 2 * COLW || rg->h < 20) {
		ui_put(w, y, x, _("the home screen needs 80x22 or more"),
		    rg->w, 1);
		return;
	}
	/* No taller than 24 rows on a tall terminal; the last two boxes
	 * reach its bottom. */
	bottom = rg->y + (rg->h < 24 ? rg->h : 24);
	if (has(&s->d, "sales_today")) {
		draw_sales(s, w, y, x);
		draw_orders(s, w, y, x + COLW);
		y += 8;
	}
	left = y;
	if (has(&s->d, "cash")) {
		draw_money(s, w, y, x);
		draw_finished(s, w, y, x + COLW);
		left = y = y + 6;
	} else if (has(&s->d, "finished_qty") || has(&s->d, "receivables")) {
		/* Finished goods alone (the warehouse): the stock box
		 * under it, the tasks beside both, no hole on the right. */
		draw_finished(s, w, y, x);
		left = y + 6;
	}
	draw_stock(s, w, left, x, bottom - left);
	draw_mine(s, w, y, x + COLW, bottom - y);
}

static void
home_lookup(struct home_state *s)
{
	char	*cause = NULL;

	cd_dash_free(&s->st);
	free(s->error);
	s->error = NULL;
	if (s->term[0] == '\0')
		return;
	if (cd_dashboard(s->app->client, s->d.version, s->term, 0, &s->st,
	    &cause) != 0) {
		s->error = cause;
		return;
	}
	/* When something changed, the figures came along too: the next
	 * tick (its version is the old one still) draws them. */
}

static enum ui_result
home_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct home_state	*s = state;
	size_t			 len = strlen(s->term);

	(void)rg;
	if (k == UI_KEY_ESC) {
		if (len == 0 && s->st.sku == NULL && s->error == NULL)
			return (UI_BACK);
		s->term[0] = '\0';
		cd_dash_free(&s->st);
		free(s->error);
		s->error = NULL;
		*redraw |= UI_REDRAW_LIST;
		return (UI_CONTINUE);
	}
	if (k == UI_K(KEY_F(5)) || k == KEY_CTRL('r')) {
		home_fetch(s, 1);
		*redraw |= UI_REDRAW_LIST;
		return (UI_CONTINUE);
	}
	if (UI_KEY_ENTER(k)) {
		home_lookup(s);
		/* The next scan starts a new term. */
		s->term[0] = '\0';
		*redraw |= UI_REDRAW_LIST;
		return (UI_CONTINUE);
	}
	if (k == UI_K(KEY_BACKSPACE) || k == 127 || k == KEY_CTRL('h')) {
		while (len > 0 && ((unsigned char)s->term[len - 1] & 0xc0) ==
		    0x80)
			len--;
		if (len > 0)
			len--;
		s->term[len] = '\0';
		*redraw |= UI_REDRAW_LIST;
		return (UI_CONTINUE);
	}
	if (k >= ' ' && k < UI_K(0)) {
		char	 mb[8];
		int	 n;

		/* A code point as UTF-8. */
		if (k < 0x80) {
			mb[0] = (char)k;
			n = 1;
		} else if (k < 0x800) {
			mb[0] = (char)(0xc0 | (k >> 6));
			mb[1] = (char)(0x80 | (k & 0x3f));
			n = 2;
		} else if (k < 0x10000) {
			mb[0] = (char)(0xe0 | (k >> 12));
			mb[1] = (char)(0x80 | ((k >> 6) & 0x3f));
			mb[2] = (char)(0x80 | (k & 0x3f));
			n = 3;
		} else
			return (UI_CONTINUE);
		if (len + (size_t)n < sizeof s->term) {
			memcpy(s->term + len, mb, (size_t)n);
			s->term[len + (size_t)n] = '\0';
		}
		*redraw |= UI_REDRAW_LIST;
	}
	return (UI_CONTINUE);
}

/* Every tick (a second without a key): ask the server every POLL_SECS
 * whether a figure changed; draw again only when one did. */
static void
home_tick(void *state, unsigned *redraw)
{
	struct home_state	*s = state;
	time_t			 now = time(NULL);
	uint64_t		 before = s->changed;

	if (now - s->polled < POLL_SECS)
		return;
	s->polled = now;
	home_fetch(s, 0);
	if (s->changed != before)
		*redraw |= UI_REDRAW_LIST;
}

const struct screen_def scr_home = {
	.name = "home", .code = "home", .title = N_("Home"),
	.hotkey = '0', .open = home_open, .close = home_close,
	.draw = home_draw, .key = home_key, .actions = home_actions,
	.tick = home_tick,
};
