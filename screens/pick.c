/*
 * Pick lists (:pick): what the warehouse brings to production.  Every
 * released or part-made order, in planned start order, with its
 * components in line order: what is still to consume (what the order
 * holds reserved) and from which warehouse.  p marks a line brought (or
 * not: again), one request of op production (picked), which the server
 * allows to who may view production and move stock; Enter shows the
 * order's list in a box to read from or copy; P prints it (the print
 * dialog: the pick list form, forms/picklist.c).  Nothing here releases or
 * completes an order: that is production's, on :mo.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "client/client.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "proto.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "ui/print.h"
#include "xmalloc.h"

/* A row: an order's head (line NULL) or one of its lines. */
struct prow {
	struct record	*mo;		/* borrowed from orders */
	struct record	*line;		/* owned, or NULL */
};

struct pick_state {
	struct app		*app;
	const struct entity_def	*ent;		/* production_orders */
	const struct entity_def	*le;		/* mo_lines */
	struct record		**orders;
	size_t			 norders;
	struct prow		*rows;
	size_t			 n;
	size_t			 cur;
	size_t			 top;
	int			 loaded;
};

static const struct ui_action pick_actions[] = {
	{ 0, "Up/Down PgUp/PgDn", N_("the current line"), 0 },
	{ 'p', "p/Space", N_("mark the component brought (again: not)"), 0 },
	{ '\n', "Enter", N_("the order's pick list in a box"), 0 },
	{ 'P', "P", UI_PRINT_HELP, 0 },
	{ 'g', "g", N_("read again"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, N_("Columns"), N_("To pick: what the order still holds"), 0 },
	{ 0, "", N_("reserved; Picked: marked brought"), 0 },
	{ 0, NULL, NULL, 0 }
};

#define OP(s, f)	dict_field_pos((s)->ent, (f))
#define LP(s, f)	dict_field_pos((s)->le, (f))

static void
pick_clear(struct pick_state *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		record_free(s->rows[i].line);
	free(s->rows);
	s->rows = NULL;
	s->n = 0;
	cr_rows_free(s->orders, s->norders);
	s->orders = NULL;
	s->norders = 0;
}

static int
start_cmp(const void *a, const void *b)
{
	const struct record	*x = *(struct record *const *)a;
	const struct record	*y = *(struct record *const *)b;
	int			 p = dict_field_pos(x->ent, "start");
	int64_t			 i = record_int(x, p), j = record_int(y, p);

	if (i != j)
		return (i < j ? -1 : 1);
	return (record_id(x) < record_id(y) ? -1 : 1);
}

/* The orders of a state, added to s->orders. */
static int
orders_of(struct pick_state *s, const char *state, char **cause)
{
	struct record	**rows;
	struct value	 from;
	size_t		 n, i;
	const char	*st;

	memset(&from, 0, sizeof from);
	from.set = 1;
	from.s = (char *)state;
	if (cr_scan(s->app->client, s->ent, "status", &from, 0, 1, 500, &rows,
	    &n, cause) != 0)
		return (-1);
	s->orders = xreallocarray(s->orders, s->norders + n + 1,
	    sizeof *s->orders);
	for (i = 0; i < n; i++) {
		st = record_str(rows[i], OP(s, "status"));
		if (st != NULL && strcmp(st, state) == 0)
			s->orders[s->norders++] = rows[i];
		else
			record_free(rows[i]);
	}
	free(rows);
	return (0);
}

static int
pick_load(struct pick_state *s, char **cause)
{
	struct record	**rows;
	size_t		 i, j, k, cap;

	pick_clear(s);
	if (orders_of(s, "released", cause) != 0 ||
	    orders_of(s, "in_progress", cause) != 0)
		return (-1);
	if (s->norders > 1)
		xqsort(s->orders, s->norders, sizeof *s->orders, start_cmp);
	cap = s->norders + 1;
	s->rows = xcalloc(cap, sizeof *s->rows);
	for (i = 0; i < s->norders; i++) {
		if (cr_lines(s->app->client, s->le, "order",
		    record_id(s->orders[i]), &rows, &k, cause) != 0)
			return (-1);
		s->rows = xreallocarray(s->rows, s->n + k + 2,
		    sizeof *s->rows);
		s->rows[s->n].mo = s->orders[i];
		s->rows[s->n++].line = NULL;
		for (j = 0; j < k; j++) {
			s->rows[s->n].mo = s->orders[i];
			s->rows[s->n++].line = rows[j];
		}
		free(rows);
	}
	if (s->cur >= s->n)
		s->cur = s->n > 0 ? s->n - 1 : 0;
	s->loaded = 1;
	return (0);
}

static int
pick_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct pick_state	*s;

	(void)arg;
	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("production_orders");
	s->le = dict_entity("mo_lines");
	if (pick_load(s, cause) != 0) {
		pick_clear(s);
		free(s);
		return (-1);
	}
	*state = s;
	return (0);
}

static void
pick_close(void *state)
{
	struct pick_state	*s = state;

	pick_clear(s);
	free(s);
}

/* Row i as text: an order's head, or a component line. */
static void
row_text(struct pick_state *s, size_t i, struct buf *b, int w)
{
	const struct prow	*r = &s->rows[i];
	const struct field_def	*pf = dict_field(s->le, "product");
	char			*c, *nm, *wh, *st, q[32], p[32];

	if (r->line == NULL) {
		c = ui_format(s->app, dict_field(s->ent, "product"),
		    &r->mo->v[OP(s, "product")]);
		st = ui_format(s->app, dict_field(s->ent, "start"),
		    &r->mo->v[OP(s, "start")]);
		wh = ui_format(s->app, dict_field(s->ent, "comp_warehouse"),
		    &r->mo->v[OP(s, "comp_warehouse")]);
		ui_qty(record_int(r->mo, OP(s, "qty")), q, sizeof q);
		buf_printf(b, _("%s  %s x %s  start %s  from %s"),
		    record_str(r->mo, FX_CODE), c, q, *st ? st : "-", wh);
		free(c);
		free(st);
		free(wh);
		return;
	}
	c = ui_ref_code(s->app, pf, record_int(r->line, LP(s, "product")));
	nm = ui_ref_name(s->app, pf, record_int(r->line, LP(s, "product")));
	wh = ui_format(s->app, dict_field(s->ent, "comp_warehouse"),
	    &r->mo->v[OP(s, "comp_warehouse")]);
	ui_qty(record_int(r->line, LP(s, "reserved")), q, sizeof q);
	p[0] = '\0';
	if (record_int(r->line, LP(s, "picked")) != 0)
		ui_qty(record_int(r->line, LP(s, "picked")), p, sizeof p);
	buf_printf(b, "  ");
	ui_cell(b, c != NULL ? c : "?", 12, 0);
	buf_addc(b, ' ');
	ui_cell(b, nm != NULL ? nm : "", w > 60 ? w - 50 : 10, 0);
	buf_addc(b, ' ');
	ui_cell(b, q, 9, 1);
	buf_addc(b, ' ');
	ui_cell(b, wh, 8, 0);
	buf_addc(b, ' ');
	ui_cell(b, p, 9, 1);
	buf_printf(b, "%s", *p ? " v" : "");
	free(c);
	free(nm);
	free(wh);
}

static void
pick_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct pick_state	*s = state;
	struct buf		 b;
	char			*t;
	size_t			 i, rows;
	int			 y = rg->y, last = rg->y + rg->h - 1;

	(void)redraw;
	memset(&b, 0, sizeof b);
	buf_printf(&b, "  ");
	ui_cell(&b, _("SKU"), 12, 0);
	buf_addc(&b, ' ');
	ui_cell(&b, _("Name"), rg->w > 60 ? rg->w - 50 : 10, 0);
	buf_addc(&b, ' ');
	ui_cell(&b, _("To pick"), 9, 1);
	buf_addc(&b, ' ');
	ui_cell(&b, _("Whse"), 8, 0);
	buf_addc(&b, ' ');
	ui_cell(&b, _("Picked"), 9, 1);
	buf_addc(&b, '\0');
	t = buf_steal(&b);
	wattron(rg->win, A_BOLD | A_UNDERLINE);
	ui_put(rg->win, y++, rg->x, t, rg->w, 1);
	wattroff(rg->win, A_BOLD | A_UNDERLINE);
	free(t);
	rows = last - y > 0 ? (size_t)(last - y) : 1;
	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + rows)
		s->top = s->cur - rows + 1;
	for (i = 0; i < rows; i++, y++) {
		if (s->top + i >= s->n) {
			ui_put(rg->win, y, rg->x, i == 0 && s->n == 0 ?
			    _("(no released orders: nothing to pick)") : "",
			    rg->w, 1);
			continue;
		}
		memset(&b, 0, sizeof b);
		row_text(s, s->top + i, &b, rg->w);
		buf_addc(&b, '\0');
		t = buf_steal(&b);
		if (s->rows[s->top + i].line == NULL)
			wattron(rg->win, A_BOLD);
		if (s->top + i == s->cur)
			wattron(rg->win, A_REVERSE);
		ui_put(rg->win, y, rg->x, t, rg->w, 1);
		wattroff(rg->win, A_BOLD | A_REVERSE);
		free(t);
	}
	ui_put(rg->win, last, rg->x, _("p picked  Enter the list  P print  "
	    "g read again  Esc back  F1/? help"), rg->w, 1);
}

/* The current order's pick list in a box. */
static void
pick_box(struct pick_state *s, struct ui_region *rg)
{
	const struct record	*mo;
	char			**lines, title[64];
	struct buf		 b;
	size_t			 i, n = 0;

	if (s->cur >= s->n)
		return;
	mo = s->rows[s->cur].mo;
	lines = xcalloc(s->n + 1, sizeof *lines);
	for (i = 0; i < s->n; i++) {
		if (s->rows[i].mo != mo)
			continue;
		memset(&b, 0, sizeof b);
		row_text(s, i, &b, rg->w - 4);
		buf_addc(&b, '\0');
		lines[n++] = buf_steal(&b);
	}
	snprintf(title, sizeof title, _("Pick list of %s"),
	    record_str(mo, FX_CODE));
	ui_text_box(title, (const char *const *)lines, n);
	while (n > 0)
		free(lines[--n]);
	free(lines);
}

static void
mark(struct pick_state *s)
{
	const struct prow	*r;
	struct client_reply	 rep;
	struct msgb		 m;
	char			*sku, *cause = NULL, q[32];
	const char		*code;

	if (s->cur >= s->n || (r = &s->rows[s->cur])->line == NULL)
		return;
	if (!auth_allowed(s->app->roles, "stock", ACT_CREATE)) {
		s->app->message(s->app, 1, "%s", _("marking a pick list is the "
		    "warehouse's"));
		return;
	}
	code = record_str(r->mo, FX_CODE);
	sku = ui_ref_code(s->app, dict_field(s->le, "product"),
	    record_int(r->line, LP(s, "product")));
	client_req(s->app->client, &m, "production", 3);
	mb_kstr(&m, "action", "picked");
	mb_kstr(&m, "code", code);
	mb_kstr(&m, "sku", sku);
	if (client_call(s->app->client, &m, &rep) != 0)
		s->app->message(s->app, 1, "%s: %s", code, rep.err != NULL ?
		    rep.err : _("refused"));
	else {
		client_wrote(s->app->client);
		ui_qty(mobj_int(rep.data, "picked", 0), q, sizeof q);
		if (mobj_int(rep.data, "picked", 0) != 0)
			s->app->message(s->app, 0, _("%s: %s %s picked"), code,
			    sku, q);
		else
			s->app->message(s->app, 0, _("%s: %s not picked"), code,
			    sku);
	}
	client_reply_free(&rep);
	free(sku);
	if (pick_load(s, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
	}
	if (s->cur + 1 < s->n && s->rows[s->cur + 1].line != NULL)
		s->cur++;
}

static enum ui_result
pick_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct pick_state	*s = state;
	char			*cause = NULL;
	size_t			 page = rg->h > 4 ? (size_t)rg->h - 3 : 1;

	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if (ui_cursor_key(k, &s->cur, s->n, page))
		return (UI_CONTINUE);
	if (k == 'p' || k == ' ')
		mark(s);
	else if (UI_KEY_ENTER(k))
		pick_box(s, rg);
	else if (k == 'P' && s->cur < s->n)
		ui_print(s->app, s->ent, record_str(s->rows[s->cur].mo,
		    FX_CODE));
	else if (k == 'g' && pick_load(s, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
	}
	return (UI_CONTINUE);
}

const struct screen_def scr_pick_lists = {
	.name = "pick-lists", .code = "pick", .title = N_("Pick lists"),
	.hotkey = '3', .area = "production", .open = pick_open,
	.close = pick_close, .draw = pick_draw, .key = pick_key,
	.actions = pick_actions,
};
