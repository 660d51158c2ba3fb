/*
 * Debts (:debt): the counterparties that owe us (Tab: whom we owe), the
 * most overdue first, with what is owed, overdue, and overdue by days
 * (1-30, 31-60, 61-90, over 90).  The list is the receivables (payables)
 * report as the server makes it for the clerk: a manager sees every
 * customer, a sales clerk their own.  The columns show whole roubles so
 * six of them fit 80 columns; the line under the list gives the current
 * one to the kopeck.  Enter opens the card.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "client/docs.h"
#include "dict/value.h"
#include "i18n.h"
#include "screens/screens.h"
#include "xmalloc.h"

/* The report's columns a row shows, in order. */
static const char *const cols[] = {
	"owed", "overdue", "d1_30", "d31_60", "d61_90", "d90"
};
#define NCOLS	(sizeof cols / sizeof cols[0])

struct drow {
	char	*code, *name;
	int64_t	 v[NCOLS];
	int64_t	 advance;
};

struct debt_state {
	struct app	*app;
	int		 payables;
	struct drow	*rows;
	size_t		 n, cur, top;
	struct drow	 total;
	int		 loaded;
};

static const struct ui_action debt_actions[] = {
	{ '\n', "Enter", N_("open the counterparty's card"), 0 },
	{ '\t', "Tab", N_("who owes us / whom we owe"), 0 },
	{ 'r', "r", N_("refresh"), 0 },
	{ 0, "Up/Down PgUp/PgDn Home/End", N_("move"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static void
rows_free(struct debt_state *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		free(s->rows[i].code);
		free(s->rows[i].name);
	}
	free(s->rows);
	s->rows = NULL;
	s->n = s->cur = s->top = 0;
	memset(&s->total, 0, sizeof s->total);
}

static int64_t
cell_money(const struct cd_table *t, size_t i, const char *col)
{
	int64_t	 v = 0;
	char	*why = NULL;

	if (money_parse(cd_cell(t, i, col), &v, &why) != 0) {
		free(why);
		return (0);
	}
	return (v);
}

static void
debt_load(struct debt_state *s)
{
	struct cd_table	*t;
	char		*cause = NULL;
	size_t		 i, k;

	rows_free(s);
	s->loaded = 1;
	if (cd_report(s->app->client, s->payables ? "payables" :
	    "receivables", NULL, 0, &t, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	s->rows = xcalloc(t->nrows + 1, sizeof *s->rows);
	for (i = 0; i < t->nrows; i++) {
		struct drow	*r;

		/* The total row, named as the report names it to people. */
		if (strcmp(cd_cell(t, i, "code"), "TOTAL") == 0 ||
		    strcmp(cd_cell(t, i, "code"), _("TOTAL")) == 0)
			r = &s->total;
		else
			r = &s->rows[s->n++];
		for (k = 0; k < NCOLS; k++)
			r->v[k] = cell_money(t, i, cols[k]);
		r->advance = cell_money(t, i, "advance");
		if (r != &s->total) {
			r->code = xstrdup(cd_cell(t, i, "code"));
			r->name = xstrdup(cd_cell(t, i, "name"));
		}
	}
	/* In the report's order, the longest overdue first, as the
	 * heading says (and kontor report receivables). */
	cd_table_free(t);
}

static int
debt_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct debt_state	*s;

	(void)arg;
	(void)cause;
	s = xcalloc(1, sizeof *s);
	s->app = app;
	*state = s;
	return (0);
}

static void
debt_close(void *state)
{
	struct debt_state	*s = state;

	rows_free(s);
	free(s);
}

/* Whole roubles, half up, grouped: the list's cells. */
static void
roubles(int64_t v, char *buf, size_t len)
{
	char	 m[40], *comma;

	v = v >= 0 ? (v + 50) / 100 * 100 : -((-v + 50) / 100 * 100);
	money_format(v, m, sizeof m, 1);
	if ((comma = strrchr(m, ',')) != NULL ||
	    (comma = strrchr(m, '.')) != NULL)
		*comma = '\0';
	snprintf(buf, len, "%s", m);
}

static void
debt_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	static const char *const heads[NCOLS] = {
		N_("Owed"), N_("Overdue"), N_("1-30"), N_("31-60"),
		N_("61-90"), N_("90+")
	};
	struct debt_state	*s = state;
	char			 cell[NCOLS][40], line[512];
	int			 w[NCOLS], namew, body, y;
	size_t			 i, k;
	const struct drow	*r;

	(void)redraw;
	if (!s->loaded)
		debt_load(s);
	/* Each column as wide as its widest figure or heading. */
	for (k = 0; k < NCOLS; k++) {
		w[k] = ui_width(_(heads[k]));
		for (i = 0; i <= s->n; i++) {
			r = i < s->n ? &s->rows[i] : &s->total;
			roubles(r->v[k], cell[0], sizeof cell[0]);
			if (ui_width(cell[0]) > w[k])
				w[k] = ui_width(cell[0]);
		}
	}
	namew = rg->w;
	for (k = 0; k < NCOLS; k++)
		namew -= w[k] + 1;
	if (namew < 8)
		namew = 8;
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, rg->y, rg->x, s->payables ? _("Whom we owe, the "
	    "most overdue first, in roubles (Tab: who owes us)") : _("Who "
	    "owes us, the most overdue first, in roubles (Tab: whom we owe)"),
	    rg->w, 1);
	{
		struct buf	 b = { 0 };

		ui_cell(&b, _("Counterparty"), namew, 0);
		for (k = 0; k < NCOLS; k++) {
			buf_addc(&b, ' ');
			ui_cell(&b, _(heads[k]), w[k], 1);
		}
		buf_addc(&b, '\0');
		ui_put(rg->win, rg->y + 1, rg->x, b.data, rg->w, 1);
		buf_free(&b);
	}
	wattroff(rg->win, A_BOLD);
	body = rg->h - 4;
	if (s->cur < s->top)
		s->top = s->cur;
	if (body > 0 && s->cur >= s->top + (size_t)body)
		s->top = s->cur - (size_t)body + 1;
	for (y = 0; y < body; y++) {
		struct buf	 b = { 0 };

		i = s->top + (size_t)y;
		if (i >= s->n) {
			ui_put(rg->win, rg->y + 2 + y, rg->x, i == 0 && y == 0 ?
			    (s->payables ? _("The firm owes nobody.") :
			    _("Nobody owes us.")) : "", rg->w, 1);
			continue;
		}
		r = &s->rows[i];
		ui_cell(&b, r->name != NULL && *r->name != '\0' ? r->name :
		    r->code, namew, 0);
		for (k = 0; k < NCOLS; k++) {
			roubles(r->v[k], cell[k], sizeof cell[k]);
			buf_addc(&b, ' ');
			ui_cell(&b, cell[k], w[k], 1);
		}
		buf_addc(&b, '\0');
		if (i == s->cur)
			wattron(rg->win, A_REVERSE);
		else if (r->v[5] > 0)
			wattron(rg->win, A_BOLD);	/* over 90 days */
		ui_put(rg->win, rg->y + 2 + y, rg->x, b.data, rg->w, 1);
		wattroff(rg->win, A_REVERSE | A_BOLD);
		buf_free(&b);
	}
	/* The current one to the kopeck, and the total. */
	r = s->cur < s->n ? &s->rows[s->cur] : NULL;
	if (r != NULL) {
		char	 o[32], d[32], a[32];

		money_format(r->v[0], o, sizeof o, 1);
		money_format(r->v[1], d, sizeof d, 1);
		money_format(r->advance, a, sizeof a, 1);
		snprintf(line, sizeof line, _("%s: owed %s, overdue %s, "
		    "advances %s"), r->code, o, d, a);
	} else
		line[0] = '\0';
	ui_put(rg->win, rg->y + rg->h - 2, rg->x, line, rg->w, 1);
	{
		char	 o[32], d[32], a[32];

		/* What is owed, added; the advances apart. */
		money_format(s->total.v[0], o, sizeof o, 1);
		money_format(s->total.v[1], d, sizeof d, 1);
		money_format(s->total.advance, a, sizeof a, 1);
		snprintf(line, sizeof line, P_("%zu counterparty: owed %s, "
		    "overdue %s, advances %s", "%zu counterparties: owed %s, "
		    "overdue %s, advances %s", s->n), s->n, o, d, a);
	}
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, rg->y + rg->h - 1, rg->x, line, rg->w, 1);
	wattroff(rg->win, A_BOLD);
}

static enum ui_result
debt_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct debt_state	*s = state;

	(void)rg;
	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if (ui_cursor_key(k, &s->cur, s->n, 10))
		return (UI_CONTINUE);
	if (k == '\t') {
		if (!s->payables && !auth_allowed(s->app->roles, "finance",
		    ACT_VIEW)) {
			s->app->message(s->app, 1, "%s", _("whom we owe is the "
			    "finance area's: your roles do not show it"));
			return (UI_CONTINUE);
		}
		s->payables = !s->payables;
		debt_load(s);
	} else if (k == 'r')
		debt_load(s);
	else if (UI_KEY_ENTER(k) && s->cur < s->n)
		s->app->open(s->app, s->payables ? "suppliers" : "customers",
		    s->rows[s->cur].code);
	return (UI_CONTINUE);
}

const struct screen_def scr_debt = {
	.name = "debts", .code = "debt", .title = N_("Debts"),
	.hotkey = 'x', .area = "sales", .open = debt_open,
	.close = debt_close, .draw = debt_draw, .key = debt_key,
	.actions = debt_actions,
};
