/*
 * Deals: the funnel.  The clerk's deals (m: everyone's) grouped by stage
 * in the pipeline's order, each stage with its count and sum; s moves the
 * deal under the cursor to the next stage in one key, l marks it lost
 * (asking the reason), Enter opens its form, n makes a new one.
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
#include "dict/value.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "ui/form.h"
#include "xmalloc.h"

#define DEALS_MAX	2000

/* A stage's kind (deal_stages.kind). */
enum { DEAL_OPEN, DEAL_WON, DEAL_LOST };

struct line {
	int		 stage;		/* a heading: the stage's index */
	struct record	*deal;		/* or a deal, borrowed from rows */
};

struct deals_state {
	struct app		*app;
	const struct entity_def	*ent;
	const struct entity_def	*sent;
	int			 all;
	struct record		**stages;	/* by position */
	size_t			 nstages;
	struct record		**rows;
	size_t			 n;
	struct line		*lines;
	size_t			 nlines;
	size_t			 cur;
	size_t			 top;
	int64_t			*count;		/* per stage */
	int64_t			*sum;
};

static const struct ui_action deals_actions[] = {
	{ '\n', "Enter", N_("open the deal"), 0 },
	{ 'n', "n/Insert", N_("new deal"), UI_NEEDS_WRITE },
	{ 's', "s", N_("move the deal to the next stage"), UI_NEEDS_WRITE },
	{ 'l', "l", N_("the deal is lost (asks the reason)"), UI_NEEDS_WRITE },
	{ 'm', "m", N_("my deals / everyone's"), 0 },
	{ 'r', "r", N_("refresh"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static int
stage_kind(const struct deals_state *s, size_t i)
{
	const char	*k = record_str(s->stages[i], dict_field_pos(s->sent,
			    "kind"));

	if (k != NULL && strcmp(k, "won") == 0)
		return (DEAL_WON);
	if (k != NULL && strcmp(k, "lost") == 0)
		return (DEAL_LOST);
	return (DEAL_OPEN);
}

/* The index of the stage with id, or -1. */
static int
stage_index(const struct deals_state *s, int64_t id)
{
	size_t	 i;

	for (i = 0; i < s->nstages; i++)
		if ((int64_t)record_id(s->stages[i]) == id)
			return ((int)i);
	return (-1);
}

static int
cmp_amount(const void *a, const void *b)
{
	const struct record	*x = *(struct record *const *)a;
	const struct record	*y = *(struct record *const *)b;
	int			 am = dict_field_pos(x->ent, "amount");

	if (record_int(x, am) != record_int(y, am))
		return (record_int(x, am) > record_int(y, am) ? -1 : 1);
	return (record_id(x) < record_id(y) ? -1 : 1);
}

static void
deals_load(struct deals_state *s)
{
	struct record	**page;
	struct value	 from;
	uint64_t	 last = 0;
	size_t		 n, i, k;
	char		*cause = NULL;
	int		 mgr = dict_field_pos(s->ent, "manager"), done = 0;
	int		 st = dict_field_pos(s->ent, "stage"), si;

	cr_rows_free(s->stages, s->nstages);
	cr_rows_free(s->rows, s->n);
	s->stages = NULL;
	s->rows = NULL;
	s->nstages = s->n = 0;
	if (cr_scan(s->app->client, s->sent, "position", NULL, 0, 1, 200,
	    &s->stages, &s->nstages, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		s->stages = NULL;
		s->nstages = 0;
	}
	memset(&from, 0, sizeof from);
	if (!s->all) {
		from.set = 1;
		from.i = (int64_t)s->app->user_id;
	}
	/* Mine: the manager index from the clerk's id to the next. */
	while (!done) {
		/* The customers' names come with the page (ui_format). */
		if (cr_scan_refs(s->app->client, s->ent, s->all ? NULL :
		    "manager", &from, last, 1, 500, ui_ref_seen, NULL, &page,
		    &n, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			break;
		}
		done = n < 500;
		for (i = 0; i < n; i++) {
			last = record_id(page[i]);
			if ((!s->all && record_int(page[i], mgr) !=
			    (int64_t)s->app->user_id) || s->n >= DEALS_MAX) {
				done = 1;
				record_free(page[i]);
				continue;
			}
			s->rows = xreallocarray(s->rows, s->n + 1,
			    sizeof *s->rows);
			s->rows[s->n++] = page[i];
		}
		free(page);
	}
	xqsort(s->rows, s->n, sizeof *s->rows, cmp_amount);
	/* The lines: each stage's heading, then its deals. */
	free(s->lines);
	free(s->count);
	free(s->sum);
	s->lines = xcalloc(s->n + s->nstages + 1, sizeof *s->lines);
	s->count = xcalloc(s->nstages + 1, sizeof *s->count);
	s->sum = xcalloc(s->nstages + 1, sizeof *s->sum);
	s->nlines = 0;
	for (k = 0; k < s->nstages; k++) {
		s->lines[s->nlines].stage = (int)k;
		s->lines[s->nlines++].deal = NULL;
		for (i = 0; i < s->n; i++) {
			si = stage_index(s, record_int(s->rows[i], st));
			if (si != (int)k)
				continue;
			s->count[k]++;
			s->sum[k] += record_int(s->rows[i],
			    dict_field_pos(s->ent, "amount"));
			s->lines[s->nlines].stage = (int)k;
			s->lines[s->nlines++].deal = s->rows[i];
		}
	}
	if (s->cur >= s->nlines || s->lines[s->cur].deal == NULL) {
		for (s->cur = 0; s->cur < s->nlines &&
		    s->lines[s->cur].deal == NULL; s->cur++)
			;
	}
}

/* The cursor on the deal with id, if it is listed. */
static void
deals_show(struct deals_state *s, uint64_t id)
{
	size_t	 i;

	for (i = 0; i < s->nlines; i++)
		if (s->lines[i].deal != NULL &&
		    record_id(s->lines[i].deal) == id)
			s->cur = i;
}

static int
deals_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct deals_state	*s;
	struct record		*r;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("deals");
	s->sent = dict_entity("deal_stages");
	*state = s;
	deals_load(s);
	if (arg != NULL) {
		/* :deal D-000012 — everyone's deals, at that one. */
		if (cr_get(app->client, s->ent, 0, arg, &r, cause) != 0) {
			cr_rows_free(s->stages, s->nstages);
			cr_rows_free(s->rows, s->n);
			free(s->lines);
			free(s->count);
			free(s->sum);
			free(s);
			return (-1);
		}
		s->all = 1;
		deals_load(s);
		deals_show(s, record_id(r));
		record_free(r);
	}
	return (0);
}

static void
deals_close(void *state)
{
	struct deals_state	*s = state;

	cr_rows_free(s->stages, s->nstages);
	cr_rows_free(s->rows, s->n);
	free(s->lines);
	free(s->count);
	free(s->sum);
	free(s);
}

/* A deal in one row of w columns: code, amount, days in its stage,
 * customer (by name), title; the customer and the title share what the
 * others leave, the customer up to 30 columns. */
static char *
deal_line(struct deals_state *s, const struct record *d, int w)
{
	const struct entity_def	*e = s->ent;
	struct buf		 b = { 0 };
	char			 money[40], days[24], *cust;
	int64_t			 since = record_int(d, dict_field_pos(e,
				    "stage_since"));
	int			 rest, cw;

	money_format(record_int(d, dict_field_pos(e, "amount")), money,
	    sizeof money, 1);
	if (since > 0)
		snprintf(days, sizeof days, _("%lld d"),
		    (long long)((time(NULL) - since) / 86400));
	else
		days[0] = '\0';
	cust = ui_format(s->app, dict_field(e, "customer"),
	    &d->v[dict_field_pos(e, "customer")]);
	buf_adds(&b, "  ");
	ui_cell(&b, record_str(d, FX_CODE), 8, 0);
	buf_addc(&b, ' ');
	ui_cell(&b, money, 14, 1);
	buf_addc(&b, ' ');
	ui_cell(&b, days, 6, 1);
	buf_addc(&b, ' ');
	rest = w - 2 - 8 - 1 - 14 - 1 - 6 - 1 - 1;
	cw = rest / 2 < 30 ? rest / 2 : 30;
	if (cw < 8)
		cw = 8;
	ui_cell(&b, cust, cw, 0);
	buf_addc(&b, ' ');
	rest -= cw;
	ui_cell(&b, record_str(d, dict_field_pos(e, "title")),
	    rest > 4 ? rest : 4, 0);
	buf_addc(&b, '\0');
	free(cust);
	return (buf_steal(&b));
}

static void
deals_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct deals_state	*s = state;
	char			 buf[256], money[40], *line;
	size_t			 i;
	int			 y, body = rg->h - 2, write;

	(void)redraw;
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, rg->y, rg->x, s->all ? _("Funnel: everyone's deals "
	    "(m: mine)") : _("Funnel: my deals (m: everyone's)"), rg->w, 1);
	wattroff(rg->win, A_BOLD);
	if (s->cur < s->top)
		s->top = s->cur;
	/* A deal's heading stays in sight above it. */
	if (s->top > 0 && s->cur == s->top && s->lines[s->top - 1].deal ==
	    NULL)
		s->top--;
	if (s->cur >= s->top + (size_t)body)
		s->top = s->cur - (size_t)body + 1;
	for (y = 0; y < body; y++) {
		i = s->top + (size_t)y;
		if (i >= s->nlines) {
			ui_put(rg->win, rg->y + 1 + y, rg->x, i == 0 && y ==
			    0 ? _("No deal stages: an admin sets them up "
			    "(deal_stages).") : "", rg->w, 1);
			continue;
		}
		if (s->lines[i].deal == NULL) {
			int	 k = s->lines[i].stage;

			money_format(s->sum[k], money, sizeof money, 1);
			snprintf(buf, sizeof buf, P_("%s: %lld deal, %s",
			    "%s: %lld deals, %s", s->count[k]),
			    record_str(s->stages[k], FX_CODE),
			    (long long)s->count[k], money);
			wattron(rg->win, A_BOLD | A_UNDERLINE);
			ui_put(rg->win, rg->y + 1 + y, rg->x, buf, rg->w, 1);
			wattroff(rg->win, A_BOLD | A_UNDERLINE);
			continue;
		}
		line = deal_line(s, s->lines[i].deal, rg->w);
		if (i == s->cur)
			wattron(rg->win, A_REVERSE);
		ui_put(rg->win, rg->y + 1 + y, rg->x, line, rg->w, 1);
		wattroff(rg->win, A_REVERSE);
		free(line);
	}
	/* The keys F1 lists, for roles that may use them. */
	write = ui_offers(s->app, scr_deals.area, deals_actions,
	    "n/Insert");	/* i18n: no */
	ui_put(rg->win, rg->y + rg->h - 1, rg->x, write ? _("Enter open  "
	    "n new  s next stage  l lost  m mine/all  Esc back") :
	    _("Enter open  m mine/all  Esc back  F1/? help"), rg->w, 1);
}

static void
deals_edit(struct deals_state *s, struct ui_region *rg, struct record *r)
{
	struct form_opts	 o;
	char			 title[80];

	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, _("Deal %s"), record_id(r) ?
	    record_str(r, FX_CODE) : _("(new)"));
	o.title = title;
	o.readonly = !auth_allowed(s->app->roles, s->ent->area, ACT_EDIT);
	if (form_edit(s->app, rg, r, &o)) {
		deals_load(s);
		deals_show(s, record_id(r));
	}
}

/* s: the next stage that is not a lost one; l: the (first) lost stage,
 * with the reason asked. */
static void
deals_move(struct deals_state *s, int lost)
{
	const struct record	*cur = s->lines[s->cur].deal;
	struct record		*r;
	char			 reason[201] = "", title[80], *cause = NULL;
	int			 si, to = -1, k;

	si = stage_index(s, record_int(cur, dict_field_pos(s->ent, "stage")));
	if (lost) {
		for (k = 0; k < (int)s->nstages && to < 0; k++)
			if (stage_kind(s, (size_t)k) == DEAL_LOST)
				to = k;
		if (to < 0) {
			s->app->message(s->app, 1, "%s", _("there is no lost "
			    "stage"));
			return;
		}
		if (si == to) {
			s->app->message(s->app, 1, _("%s is lost already"),
			    record_str(cur, FX_CODE));
			return;
		}
	} else {
		if (si >= 0 && stage_kind(s, (size_t)si) != DEAL_OPEN) {
			s->app->message(s->app, 1, _("%s is closed: Enter "
			    "opens it to change its stage"),
			    record_str(cur, FX_CODE));
			return;
		}
		for (k = si + 1; k < (int)s->nstages && to < 0; k++)
			if (stage_kind(s, (size_t)k) != DEAL_LOST)
				to = k;
		if (to < 0) {
			s->app->message(s->app, 1, _("%s is at the last stage"),
			    record_str(cur, FX_CODE));
			return;
		}
	}
	if (cr_get(s->app->client, s->ent, record_id(cur), NULL, &r,
	    &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	if (lost) {
		snprintf(title, sizeof title, _("%s lost"), record_str(r,
		    FX_CODE));
		if (!ui_ask(title, _("Reason: "), reason, sizeof reason)) {
			record_free(r);
			return;
		}
		if (reason[0] == '\0') {
			s->app->message(s->app, 1, "%s", _("not saved: a lost "
			    "deal needs the reason"));
			record_free(r);
			return;
		}
		record_set_str(r, dict_field_pos(s->ent, "lost_reason"),
		    reason);
	}
	record_set_int(r, dict_field_pos(s->ent, "stage"),
	    (int64_t)record_id(s->stages[to]));
	if (cr_put(s->app->client, r, &cause) != 0) {
		s->app->message(s->app, 1, _("not saved: %s"), cause);
		free(cause);
	} else
		s->app->message(s->app, 0, _("%s: %s -> %s"),
		    record_str(r, FX_CODE), si >= 0 ?
		    record_str(s->stages[si], FX_CODE) : "?",
		    record_str(s->stages[to], FX_CODE));
	deals_load(s);
	deals_show(s, record_id(r));
	record_free(r);
}

static enum ui_result
deals_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct deals_state	*s = state;
	struct record		*r;
	char			*cause = NULL;
	size_t			 i;
	int			 body = rg->h - 2, step;

	*redraw |= UI_REDRAW_LIST;
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if (UI_KEY_DOWN(k) || UI_KEY_PGDN(k) || UI_KEY_END(k)) {
		step = UI_KEY_DOWN(k) ? 1 : UI_KEY_PGDN(k) ? body : (int)s->nlines;
		for (i = s->cur + 1; i < s->nlines && step > 0; i++)
			if (s->lines[i].deal != NULL) {
				s->cur = i;
				step--;
			}
	} else if (UI_KEY_UP(k) || UI_KEY_PGUP(k) || UI_KEY_HOME(k)) {
		step = UI_KEY_UP(k) ? 1 : UI_KEY_PGUP(k) ? body : (int)s->nlines;
		for (i = s->cur; i-- > 0 && step > 0;)
			if (s->lines[i].deal != NULL) {
				s->cur = i;
				step--;
			}
	} else if (k == 'm') {
		s->all = !s->all;
		s->cur = s->top = 0;
		deals_load(s);
	} else if (k == 'r')
		deals_load(s);
	else if (UI_KEY_NEW(k) && ui_may(s->app, s->ent, ACT_CREATE)) {
		r = record_new(s->ent);
		record_set_str(r, dict_field_pos(s->ent, "manager"),
		    s->app->login);
		for (i = 0; i < s->nstages; i++)
			if (stage_kind(s, i) == DEAL_OPEN) {
				record_set_str(r, dict_field_pos(s->ent,
				    "stage"), record_str(s->stages[i],
				    FX_CODE));
				break;
			}
		deals_edit(s, rg, r);
		record_free(r);
		*redraw |= UI_REDRAW_ALL;
	} else if (s->cur < s->nlines && s->lines[s->cur].deal != NULL) {
		if (UI_KEY_ENTER(k)) {
			if (cr_get(s->app->client, s->ent,
			    record_id(s->lines[s->cur].deal), NULL, &r,
			    &cause) != 0) {
				s->app->message(s->app, 1, "%s", cause);
				free(cause);
				return (UI_CONTINUE);
			}
			deals_edit(s, rg, r);
			record_free(r);
			*redraw |= UI_REDRAW_ALL;
		} else if ((k == 's' || k == 'l') &&
		    ui_may(s->app, s->ent, ACT_EDIT)) {
			deals_move(s, k == 'l');
			*redraw |= UI_REDRAW_ALL;
		}
	}
	return (UI_CONTINUE);
}

const struct screen_def scr_deals = {
	.name = "deals", .code = "deal", .title = N_("Deals"),
	.hotkey = 'f', .area = "sales", .open = deals_open,
	.close = deals_close, .draw = deals_draw, .key = deals_key,
	.actions = deals_actions,
};
