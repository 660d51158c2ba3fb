/*
 * Material planning (:plan): what to make and what to buy for the next
 * two weeks, as the server's planner proposes it (plan.h): one row per
 * proposal, late ones bold, the current one's supplier, price and what
 * it is for under the list.  Space marks rows; a applies the marked ones
 * (none marked: all of them) after a question, in one request, and says
 * what was made; the list is then what is left to propose.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "client/orders.h"
#include "dict/dict.h"
#include "dict/value.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "xmalloc.h"

#define PLAN_DAYS	14

struct plan_state {
	struct app	*app;
	struct co_plan	 plan;
	unsigned char	*mark;
	size_t		 nmark;
	size_t		 cur, top;
	int		 loaded;
};

static const struct ui_action plan_actions[] = {
	{ ' ', "Space", N_("mark or unmark the proposal"), 0 },
	{ 'a', "a", N_("apply: make the drafts of the marked proposals (none "
	  "marked: of all), asks first"), 0 },
	{ 'r', "r", N_("plan again"), 0 },
	{ 0, "Up/Down PgUp/PgDn Home/End", N_("move"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static void
plan_take(struct plan_state *s, struct co_plan *p)
{
	co_plan_free(&s->plan);
	s->plan = *p;
	free(s->mark);
	s->mark = xcalloc(s->plan.n + 1, 1);
	s->nmark = 0;
	if (s->cur >= s->plan.n)
		s->cur = s->plan.n > 0 ? s->plan.n - 1 : 0;
	s->top = 0;
}

static void
plan_load(struct plan_state *s)
{
	struct co_plan	 p;
	char		*cause = NULL;

	s->loaded = 1;
	if (co_plan(s->app->client, PLAN_DAYS, 0, NULL, 0, &p, &cause) !=
	    0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	plan_take(s, &p);
}

static int
plan_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct plan_state	*s;

	(void)arg;
	(void)cause;
	s = xcalloc(1, sizeof *s);
	s->app = app;
	*state = s;
	return (0);
}

static void
plan_close(void *state)
{
	struct plan_state	*s = state;

	co_plan_free(&s->plan);
	free(s->mark);
	free(s);
}

/* 20261207 as 07.12. */
static void
ddmm(int64_t d, char *buf, size_t len)
{
	snprintf(buf, len, "%02d.%02d", (int)(d % 100), (int)(d / 100 % 100));
}

static const char *
action_word(const struct co_plan_line *l)
{
	return (dict_enum_word(l->buy ? NC_("enum", "buy") :
	    NC_("enum", "make")));
}

static const char *
unit_word(const struct co_plan_line *l)
{
	return (ui_unit(l->unit));
}

static void
plan_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct plan_state		*s = state;
	const struct co_plan_line	*l;
	const char			*late = _("late");
	char				 q[32], nd[16], sd[16], line[512];
	char				 p[32];
	int				 wa, wq, wu, wl, wn, ws, namew;
	int				 body, y;
	size_t				 i;

	(void)redraw;
	if (!s->loaded)
		plan_load(s);
	/* The columns as wide as their widest cell or heading. */
	wa = ui_width(_("Action"));
	if (ui_width(dict_enum_word("make")) > wa)
		wa = ui_width(dict_enum_word("make"));
	if (ui_width(dict_enum_word("buy")) > wa)
		wa = ui_width(dict_enum_word("buy"));
	wq = ui_width(_("Qty"));
	wu = 4;
	wl = ui_width(late);
	wn = ui_width(_("Need")) > 5 ? ui_width(_("Need")) : 5;
	ws = ui_width(_("Start")) > 5 ? ui_width(_("Start")) : 5;
	for (i = 0; i < s->plan.n; i++) {
		ui_qty(s->plan.v[i].qty, q, sizeof q);
		if (ui_width(q) > wq)
			wq = ui_width(q);
		if (ui_width(unit_word(&s->plan.v[i])) > wu)
			wu = ui_width(unit_word(&s->plan.v[i]));
	}
	/* mark, action, SKU (12), name, qty, unit, need, start, late */
	namew = rg->w - (2 + wa + 1 + 12 + 1 + 1 + wq + 1 + wu + 1 + wn + 1 +
	    ws + 1 + wl);
	if (namew < 6)
		namew = 6;
	snprintf(line, sizeof line, P_("Material plan for %d days: %zu "
	    "proposal (Space marks, a applies)", "Material plan for %d days: "
	    "%zu proposals (Space marks, a applies)", s->plan.n), PLAN_DAYS,
	    s->plan.n);
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, rg->y, rg->x, line, rg->w, 1);
	{
		struct buf	 b = { 0 };

		buf_adds(&b, "  ");
		ui_cell(&b, _("Action"), wa, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, _("SKU"), 12, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, _("Name"), namew, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, _("Qty"), wq, 1);
		buf_addc(&b, ' ');
		ui_cell(&b, "", wu, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, _("Need"), wn, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, _("Start"), ws, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, "", wl, 0);
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
		if (i >= s->plan.n) {
			ui_put(rg->win, rg->y + 2 + y, rg->x, i == 0 &&
			    y == 0 && s->loaded ? _("Nothing to propose: the "
			    "orders, stock and minimums are covered.") : "",
			    rg->w, 1);
			continue;
		}
		l = &s->plan.v[i];
		buf_adds(&b, s->mark[i] ? "* " : "  ");
		ui_cell(&b, action_word(l), wa, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, l->sku, 12, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, l->name, namew, 0);
		buf_addc(&b, ' ');
		ui_qty(l->qty, q, sizeof q);
		ui_cell(&b, q, wq, 1);
		buf_addc(&b, ' ');
		ui_cell(&b, unit_word(l), wu, 0);
		buf_addc(&b, ' ');
		ddmm(l->need, nd, sizeof nd);
		ui_cell(&b, nd, wn, 0);
		buf_addc(&b, ' ');
		ddmm(l->start, sd, sizeof sd);
		ui_cell(&b, sd, ws, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, l->late ? late : "", wl, 0);
		buf_addc(&b, '\0');
		if (i == s->cur)
			wattron(rg->win, A_REVERSE);
		else if (l->late)
			wattron(rg->win, A_BOLD);
		ui_put(rg->win, rg->y + 2 + y, rg->x, b.data, rg->w, 1);
		wattroff(rg->win, A_REVERSE | A_BOLD);
		buf_free(&b);
	}
	/* The current one: where, from whom, at what price, for what. */
	line[0] = '\0';
	if (s->cur < s->plan.n) {
		struct buf	 b = { 0 };

		l = &s->plan.v[s->cur];
		buf_printf(&b, "%s: %s", l->sku, l->wh);
		if (l->buy) {
			money_format(l->price, p, sizeof p, 1);
			buf_printf(&b, _(", from %s at %s"), *l->supplier ?
			    l->supplier : _("no supplier"), p);
		}
		if (*l->for_ != '\0' || l->min)
			buf_printf(&b, _("; for %s%s%s"), l->for_,
			    *l->for_ != '\0' && l->min ? ", " : "",
			    l->min ? _("min stock") : "");
		buf_addc(&b, '\0');
		snprintf(line, sizeof line, "%s", b.data);
		buf_free(&b);
	}
	ui_put(rg->win, rg->y + rg->h - 2, rg->x, line, rg->w, 1);
	if (s->nmark > 0)
		snprintf(line, sizeof line, P_("%zu marked: a applies it  Space "
		    "mark  r again  Esc back", "%zu marked: a applies them  "
		    "Space mark  r again  Esc back", s->nmark), s->nmark);
	else
		snprintf(line, sizeof line, "%s", _("Space mark  a apply all  "
		    "r plan again  Esc back  F1/? help"));
	ui_put(rg->win, rg->y + rg->h - 1, rg->x, line, rg->w, 1);
}

static void
plan_apply_keys(struct plan_state *s)
{
	struct co_plan	 p;
	struct buf	 b = { 0 };
	char		**keys = NULL, *cause = NULL, q[160];
	size_t		 i, n = 0;

	if (s->plan.n == 0) {
		s->app->message(s->app, 0, "%s", _("nothing to apply"));
		return;
	}
	if (s->nmark > 0) {
		keys = xcalloc(s->nmark + 1, sizeof *keys);
		for (i = 0; i < s->plan.n; i++)
			if (s->mark[i])
				keys[n++] = s->plan.v[i].key;
		snprintf(q, sizeof q, P_("Make the drafts of %zu marked "
		    "proposal?", "Make the drafts of %zu marked proposals?",
		    n), n);
	} else
		snprintf(q, sizeof q, P_("Make the drafts of the %zu "
		    "proposal?", "Make the drafts of all %zu proposals?",
		    s->plan.n), s->plan.n);
	if (!ui_confirm(q)) {
		free(keys);
		return;
	}
	if (co_plan(s->app->client, PLAN_DAYS, 1, keys, n, &p, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		free(keys);
		return;
	}
	free(keys);
	for (i = 0; i < p.nmade; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", p.made[i]);
	buf_addc(&b, '\0');
	s->app->message(s->app, 0, P_("%zu draft made: %s", "%zu drafts "
	    "made: %s", p.nmade), p.nmade, b.data);
	buf_free(&b);
	plan_take(s, &p);
}

static enum ui_result
plan_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct plan_state	*s = state;

	(void)rg;
	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if (ui_cursor_key(k, &s->cur, s->plan.n, 10))
		return (UI_CONTINUE);
	if (k == ' ' && s->cur < s->plan.n) {
		s->mark[s->cur] = !s->mark[s->cur];
		if (s->mark[s->cur])
			s->nmark++;
		else
			s->nmark--;
		if (s->cur + 1 < s->plan.n)
			s->cur++;
	} else if (k == 'a')
		plan_apply_keys(s);
	else if (k == 'r')
		plan_load(s);
	return (UI_CONTINUE);
}

const struct screen_def scr_plan = {
	.name = "plan", .code = "plan", .title = N_("Material plan"),
	.hotkey = 'P', .area = "production", .open = plan_open,
	.close = plan_close, .draw = plan_draw, .key = plan_key,
	.actions = plan_actions,
};
