/*
 * Purchase orders: the list (number, supplier, warehouse, dates, status,
 * total), an order with its lines (product, quantity, price, received),
 * and the actions of its life: send, receive (a receipt draft of what
 * is still to come, opened on the receiving screen), close.  Reorder
 * shows the proposals below the minimum first; one key makes them draft
 * orders, one per supplier and warehouse.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "client/docs.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "ui/form.h"
#include "xmalloc.h"

struct poline {
	struct record	*rec;		/* the po_lines record */
	struct record	*prod;		/* its product, or NULL */
};

struct po_state {
	struct app		*app;
	const struct entity_def	*ent;		/* purchase_orders */
	const struct entity_def	*le;		/* po_lines */
	struct browse		*list;
	int			 fresh;		/* first draw: the newest */
	int			 reload;	/* back from receiving */
	/* The order, when open. */
	struct record		*po;
	struct poline		*l;
	size_t			 n;
	size_t			 cur;
	size_t			 top;
};

static const struct ui_action po_actions[] = {
	{ '\n', "Enter", N_("open the order with its lines"), 0 },
	{ 'n', "n/Insert", N_("new order (supplier, warehouse, dates)"),
	  UI_NEEDS_WRITE },
	{ 'o', "o", N_("reorder: the proposals, then draft orders of them"),
	  UI_NEEDS_WRITE },
	{ '/', "/", N_("search by number"), 0 },
	{ 0, "Home/End", N_("oldest / newest"), 0 },
	{ 0, N_("In an order:"), "", 0 },
	{ 'a', "a/Insert", N_("add a line (a draft)"), UI_NEEDS_WRITE },
	{ '\n', "Enter", N_("edit the line (a draft)"), UI_NEEDS_WRITE },
	{ 'd', "d", N_("delete the line (a draft)"), UI_NEEDS_WRITE },
	{ 'e', "e", N_("edit supplier, warehouse, dates (a draft)"),
	  UI_NEEDS_WRITE },
	{ 's', "s",
	  N_("send the order: its lines go on order"), UI_NEEDS_POST },
	{ 'r', "r", N_("receive: a receipt draft of what is still to come"),
	  UI_NEEDS_WRITE | UI_IN_STOCK },
	{ 'c', "c", N_("close (a draft: cancel); what never came is off order"),
	  UI_NEEDS_POST },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

#define OP(s, f)	dict_field_pos((s)->ent, (f))
#define LP(s, f)	dict_field_pos((s)->le, (f))

static void
card_free(struct po_state *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		record_free(s->l[i].rec);
		record_free(s->l[i].prod);
	}
	free(s->l);
	s->l = NULL;
	s->n = s->cur = s->top = 0;
	record_free(s->po);
	s->po = NULL;
}

/* The order (by id, or by number) and its lines, read afresh. */
static int
card_load(struct po_state *s, uint64_t id, const char *code, char **cause)
{
	struct record	**rows, *po;
	struct value	 from;
	struct poline	*l;
	size_t		 n, i;
	size_t		 keep = s->cur;

	if (cr_get(s->app->client, s->ent, id, code, &po, cause) != 0)
		return (-1);
	card_free(s);
	s->po = po;
	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = (int64_t)record_id(po);
	if (cr_scan(s->app->client, s->le, "po", &from, 0, 1, 1000, &rows, &n,
	    cause) != 0)
		return (-1);
	s->l = xcalloc(n + 1, sizeof *s->l);
	for (i = 0; i < n; i++) {
		if (record_int(rows[i], LP(s, "po")) !=
		    (int64_t)record_id(po)) {
			record_free(rows[i]);
			continue;
		}
		l = &s->l[s->n++];
		l->rec = rows[i];
		if (cr_line_product(s->app->client, l->rec, record_str(po,
		    FX_CODE), &l->prod, cause) != 0) {
			for (i++; i < n; i++)
				record_free(rows[i]);
			free(rows);
			return (-1);
		}
	}
	free(rows);
	s->cur = keep < s->n ? keep : 0;
	return (0);
}

static int
po_open_screen(struct app *app, const char *arg, void **state, char **cause)
{
	struct po_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("purchase_orders");
	s->le = dict_entity("po_lines");
	s->list = browse_new(app, s->ent, NULL);
	browse_hide(s->list, "expected");	/* the total fits at 80 */
	s->fresh = 1;
	*state = s;
	if (arg != NULL && card_load(s, 0, arg, cause) != 0) {
		card_free(s);
		browse_free(s->list);
		free(s);
		*state = NULL;
		return (-1);
	}
	return (0);
}

static void
po_close_screen(void *state)
{
	struct po_state	*s = state;

	card_free(s);
	browse_free(s->list);
	free(s);
}

static const char *
status_of(struct po_state *s)
{
	const char	*st = record_str(s->po, OP(s, "status"));

	return (st != NULL ? st : "draft");
}

/* An order's status as the clerk reads it. */
static const char *
status_word(struct po_state *s, const char *st)
{
	return (ui_enum(&s->ent->fields[OP(s, "status")], st));
}

static int
is_draft(struct po_state *s)
{
	return (strcmp(status_of(s), "draft") == 0);
}

static int64_t
line_sum(struct po_state *s, const struct record *l)
{
	int64_t	 q = record_int(l, LP(s, "qty"));
	int64_t	 p = record_int(l, LP(s, "price"));

	/* Thousandths of a unit times kopecks, to the kopeck, half up. */
	return ((q * p + (q * p >= 0 ? 500 : -500)) / 1000);
}

/* --- drawing ----------------------------------------------------------- */

/* Line i of the order as the table's cells: #, SKU, name, quantity,
 * price, sum, received. */
static unsigned
line_cells(void *arg, size_t i, const char **cells,
    char (*buf)[UI_LINES_CELL])
{
	struct po_state		*s = arg;
	const struct poline	*l = &s->l[i];

	snprintf(buf[0], UI_LINES_CELL, "%lld",	/* i18n: no */
	    (long long)record_int(l->rec, LP(s, "line")));
	cells[1] = l->prod ? record_str(l->prod, FX_CODE) : "?";
	cells[2] = l->prod ? record_str(l->prod, dict_field_pos(l->prod->ent,
	    "name")) : "";
	ui_qty(record_int(l->rec, LP(s, "qty")), buf[3], UI_LINES_CELL);
	money_format(record_int(l->rec, LP(s, "price")), buf[4],
	    UI_LINES_CELL, 1);
	money_format(line_sum(s, l->rec), buf[5], UI_LINES_CELL, 1);
	ui_qty(record_int(l->rec, LP(s, "received")), buf[6],
	    UI_LINES_CELL);
	return (0);
}

static void
card_draw(struct po_state *s, struct ui_region *rg)
{
	static const char *const head[] = {
		"#", N_("SKU"), N_("Name"), N_("Qty"), N_("Price"), N_("Sum"),
		N_("Received")
	};
	static const int	 widths[] = { 3, 12, -1, 8, 11, 12, 8 };
	struct ui_lines		 t = { head, widths, "rllrrrr", 7, NULL,
				    line_cells, s };
	char			 line[512], sum[32];
	char			*sup, *wh, *date, *exp;
	int64_t			 total = 0;
	size_t			 i;
	int			 y = rg->y, last = rg->y + rg->h - 1;
	int			 post = auth_allowed(s->app->roles,
				    "purchasing", ACT_POST);
	int			 edit = auth_allowed(s->app->roles,
				    "purchasing", ACT_EDIT);
	/* Who receives is who makes stock documents: the warehouse. */
	int			 recv = auth_allowed(s->app->roles,
				    dict_entity("stock_docs")->area, ACT_CREATE);

	for (i = 0; i < s->n; i++)
		total += line_sum(s, s->l[i].rec);
	money_format(total, sum, sizeof sum, 1);
	snprintf(line, sizeof line, _("Purchase order %s  %s  total %s"),
	    record_str(s->po, FX_CODE), status_word(s, status_of(s)), sum);
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, y++, rg->x, line, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	sup = ui_format(s->app, dict_field(s->ent, "supplier"),
	    &s->po->v[OP(s, "supplier")]);
	wh = ui_format(s->app, dict_field(s->ent, "warehouse"),
	    &s->po->v[OP(s, "warehouse")]);
	date = ui_format(s->app, dict_field(s->ent, "date"),
	    &s->po->v[OP(s, "date")]);
	exp = ui_format(s->app, dict_field(s->ent, "expected"),
	    &s->po->v[OP(s, "expected")]);
	snprintf(line, sizeof line, _("Supplier %s   Deliver to %s   Date %s"
	    "   Expected %s"), sup, wh, date, *exp ? exp : "-");
	free(sup);
	free(wh);
	free(date);
	free(exp);
	ui_put(rg->win, y++, rg->x, line, rg->w, 1);
	ui_put(rg->win, y++, rg->x, "", rg->w, 1);
	t.empty = _("(no lines: a adds one)");
	ui_lines_draw(rg->win, y, rg->x, rg->w, last - y, &t, s->n,
	    s->cur, &s->top);
	if (is_draft(s)) {
		const char	*a = edit ? _("a add  Enter edit  d delete  "
				    "e header  ") : "";
		const char	*b = post ? _("s send  c cancel  ") : "";
		const char	*end = _("Esc back  F1/? help");

		/* All of a draft's keys take the row: Esc and F1 then go
		 * without their words where a language needs the room. */
		snprintf(line, sizeof line, "%s%s%s", a, b, end);
		end = i18n_ctx("short", NC_("short", "Esc back  F1/? help"));
		if (ui_width(line) > rg->w)
			snprintf(line, sizeof line, "%s%s%s", a, b, end);
	}
	else {
		const char	*st = status_of(s);
		int		 ended = strcmp(st, "closed") == 0 ||
				    strcmp(st, "cancelled") == 0;
		int		 got = strcmp(st, "received") == 0;

		/* Received in full: only close is left. */
		snprintf(line, sizeof line, "%s%s%s", recv && !ended && !got ?
		    _("r receive  ") : "", post && !ended ? _("c close  ") :
		    "", _("Esc back  F1/? help"));
	}
	ui_put(rg->win, last, rg->x, line, rg->w, 1);
}

static void
po_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct po_state		*s = state;
	struct ui_region	 l = ui_list_region(rg);
	unsigned		 r = 0;
	char			*cause = NULL;
	int			 create;

	if (s->reload) {
		/* What was received there shows here. */
		s->reload = 0;
		browse_reload(s->list);
		if (s->po != NULL && card_load(s, record_id(s->po), NULL,
		    &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			card_free(s);
		}
	}
	if (s->po != NULL && rg->h >= 8) {
		card_draw(s, rg);
		return;
	}
	if (s->fresh) {
		s->fresh = 0;
		browse_key(s->list, &l, UI_K(KEY_END), &r);
	}
	browse_draw(s->list, &l, 1);
	create = auth_allowed(s->app->roles, "purchasing", ACT_CREATE);
	if (rg->h > 3)
		ui_put(rg->win, rg->y + rg->h - 1, rg->x, create ?
		    _("Enter open  n new  o reorder  / search  Home/End  "
		    "Esc back  F1/? help") : _("Enter open  / search  Home/End"
		    "  Esc back  F1/? help"), rg->w, 1);
}

/* --- changes ----------------------------------------------------------- */

/* The order sent with its lines (lines: replace them, l put at line at:
 * s->n for a new one, or NULL) in one request; *a holds the answer. */
static int
card_send(struct po_state *s, int lines, struct record *l, size_t at,
    struct cd_answer *a, char **cause)
{
	struct record	**ls;
	size_t		 i, n = s->n;
	int		 rc;

	if (l != NULL && at >= s->n)
		n = s->n + 1;
	ls = xcalloc(n + 1, sizeof *ls);
	for (i = 0; i < s->n; i++)
		ls[i] = s->l[i].rec;
	if (l != NULL)
		ls[at < s->n ? at : s->n] = l;
	memset(a, 0, sizeof *a);
	rc = cd_save(s->app->client, s->po, ls, n, lines ? CD_LINES : 0, a,
	    cause);
	free(ls);
	return (rc);
}

/* Saved: say so and read the order afresh. */
static void
card_saved(struct po_state *s, const struct cd_answer *a)
{
	char	*cause = NULL;

	s->app->message(s->app, 0, _("saved %s"), a->code);
	if (card_load(s, a->id, NULL, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		card_free(s);
	}
	browse_reload(s->list);
}

/* The order with its lines (lines: replace them) in one request; then
 * read afresh. */
static int
card_save(struct po_state *s, int lines)
{
	struct cd_answer	 a;
	char			*cause = NULL;

	if (card_send(s, lines, NULL, 0, &a, &cause) != 0) {
		if (a.line > 0)
			s->app->message(s->app, 1, _("not saved: line %lld: "
			    "%s"), (long long)a.line, cause);
		else
			s->app->message(s->app, 1, _("not saved: %s"), cause);
		free(cause);
		if (record_id(s->po) != 0 && card_load(s, record_id(s->po),
		    NULL, &cause) != 0) {
			free(cause);
			card_free(s);
		}
		return (-1);
	}
	card_saved(s, &a);
	return (0);
}

/* The header in a form: supplier, warehouse, dates, notes. */
static int
header_edit(struct po_state *s, struct ui_region *rg, struct record *po)
{
	static const char *const fields[] = {
		"supplier", "warehouse", "date", "expected", "notes", NULL
	};
	struct form_opts	 o;
	char			 title[160];

	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, _("Purchase order %s"),
	    record_str(po, FX_CODE) ? record_str(po, FX_CODE) : _("(new)"));
	o.title = title;
	o.only = fields;
	o.local = 1;
	return (form_edit(s->app, rg, po, &o));
}

/* A line's price left empty: the product's purchase price. */
static void
line_price_default(struct po_state *s, struct record *l)
{
	const struct entity_def	*pe = dict_entity("products");
	const struct value	*v = &l->v[LP(s, "product")];
	struct record		*p;
	char			*cause = NULL;

	if (record_isset(l, LP(s, "price")))
		return;
	if (cr_get(s->app->client, pe, v->s != NULL ? 0 : (uint64_t)v->i,
	    v->s, &p, &cause) == 0) {
		record_set_int(l, LP(s, "price"), record_int(p,
		    dict_field_pos(pe, "purchase_price")));
		record_free(p);
	} else
		free(cause);
}

struct line_try {
	struct po_state	*s;
	size_t		 at;		/* the line it replaces; s->n: new */
};

/* F2 in a line's form: the order sent with the line in place.  Refused,
 * nothing here changes and the form, still open with what was typed,
 * says why ("line 2: SKU-1002 is counted in whole pcs, got 1.5"). */
static int
line_submit(void *arg, struct record *l, char **cause)
{
	struct line_try		*t = arg;
	struct po_state		*s = t->s;
	struct cd_answer	 a;
	char			*why = NULL;

	line_price_default(s, l);
	if (card_send(s, 1, l, t->at, &a, &why) != 0) {
		if (a.line > 0) {
			xasprintf(cause, _("line %lld: %s"),
			    (long long)a.line, why);
			free(why);
		} else
			*cause = why;
		/* The price taken from the product is the form's no
		 * more: left empty, it is taken again. */
		return (-1);
	}
	s->cur = t->at < s->n ? t->at : s->n;
	card_saved(s, &a);
	return (0);
}

/* A line in a form: product, quantity, price (the product's purchase
 * price when left empty), sent with the order on F2 (at: the line it
 * replaces, s->n for a new one); 1 when saved. */
static int
line_edit(struct po_state *s, struct ui_region *rg, struct record *l,
    size_t at)
{
	static const char *const fields[] = {
		"product", "qty", "price", NULL
	};
	struct form_opts	 o;
	struct line_try		 t;
	char			 title[200];

	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, _("Line of %s (price: empty for the "
	    "purchase price)"), record_str(s->po, FX_CODE));
	o.title = title;
	o.only = fields;
	o.local = 1;
	t.s = s;
	t.at = at;
	o.submit = line_submit;
	o.submit_arg = &t;
	return (form_edit(s->app, rg, l, &o));
}

static void
po_action(struct po_state *s, const char *action, const char *question)
{
	struct cd_answer	 a;
	char			 code[32], *cause = NULL;

	snprintf(code, sizeof code, "%s", record_str(s->po, FX_CODE));
	if (strcmp(action, "receive") != 0 && !ui_may(s->app, s->ent,
	    ACT_POST))
		return;
	/* A receipt is a stock document: the warehouse receives.  The
	 * server refuses it too, having made nothing; said here before the
	 * question, with whom to ask. */
	if (strcmp(action, "receive") == 0 && !auth_allowed(s->app->roles,
	    dict_entity("stock_docs")->area, ACT_CREATE)) {
		char	*who = auth_who_may(dict_entity("stock_docs")->area,
			    ACT_CREATE);

		s->app->message(s->app, 1, _("%s: goods are received by the "
		    "roles %s, not yours"), code, who);
		free(who);
		return;
	}
	if (!ui_confirm(question))
		return;
	if (cd_action(s->app->client, "purchase_orders", action, code, 0, &a,
	    &cause) != 0) {
		s->app->message(s->app, 1, "%s: %s", code, cause);
		free(cause);
		return;
	}
	if (strcmp(action, "receive") == 0) {
		s->app->message(s->app, 0, _("receipt draft %s of %s"), a.code,
		    code);
		/* Scan it, post it, or just note its number; back here,
		 * the order is read again. */
		s->reload = 1;
		s->app->open(s->app, "receiving", a.code);
		return;
	}
	s->app->message(s->app, 0, "%s %s", code, status_word(s, a.status));
	browse_reload(s->list);
	if (card_load(s, record_id(s->po), NULL, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		card_free(s);
	}
}

/* The reorder proposals, then, when the clerk says so, draft orders. */
static void
reorder(struct po_state *s, struct ui_region *l)
{
	struct cd_table		*t;
	struct cd_answer	 a;
	const char		**lines;
	char			**buf, *cause = NULL, q[400];
	size_t			 i, n, n_sup;
	unsigned		 redraw = 0;

	if (!ui_may(s->app, s->ent, ACT_CREATE))
		return;
	if (cd_report(s->app->client, "reorder", NULL, 0, &t, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	if (t->nrows == 0) {
		s->app->message(s->app, 0, "%s", _("nothing to reorder: "
		    "nothing is below its minimum"));
		cd_table_free(t);
		return;
	}
	n = t->nrows + 1;
	lines = xcalloc(n, sizeof *lines);
	buf = xcalloc(n, sizeof *buf);
	for (i = 0; i < n; i++) {
		static const struct {
			const char	*col, *head;
			int		 w, right;
		} cols[] = {
			{ "supplier", N_("Supplier"), 10, 0 },
			{ "warehouse", N_("Whse"), 6, 0 },
			{ "sku", N_("SKU"), 12, 0 },
			{ "name", N_("Name"), 20, 0 },
			{ "available", N_("Avail."), 8, 1 },
			{ "order_qty", N_("Order"), 8, 1 },
		};
		struct buf	 b = { 0 };
		size_t		 c;

		for (c = 0; c < sizeof cols / sizeof cols[0]; c++) {
			if (c > 0)
				buf_addc(&b, ' ');
			ui_cell(&b, i == 0 ? _(cols[c].head) : cd_cell(t, i - 1,
			    cols[c].col), cols[c].w, cols[c].right);
		}
		buf_addc(&b, '\0');
		buf[i] = buf_steal(&b);
	}
	for (i = 0; i < n; i++)
		lines[i] = buf[i];
	ui_text_box(_("Reorder proposals"), lines, n);
	for (i = 0, n_sup = 0; i < t->nrows; i++)
		if (cd_cell(t, i, "supplier")[0] != '(')
			n_sup++;
	snprintf(q, sizeof q, P_("Make draft orders of the %zu proposal with "
	    "a default supplier (one order per supplier and warehouse)?",
	    "Make draft orders of the %zu proposals with a default supplier "
	    "(one order per supplier and warehouse)?", n_sup), n_sup);
	for (i = 0; i < n; i++)
		free(buf[i]);
	free(buf);
	free(lines);
	cd_table_free(t);
	if (n_sup == 0) {
		s->app->message(s->app, 1, "%s", _("no proposal has a "
		    "default supplier: set one on the products"));
		return;
	}
	if (!ui_confirm(q))
		return;
	if (cd_action(s->app->client, "purchase_orders", "reorder", NULL, 0,
	    &a, &cause) != 0) {
		s->app->message(s->app, 1, _("reorder: %s"), cause);
		free(cause);
		return;
	}
	s->app->message(s->app, 0, P_("%lld draft purchase order made",
	    "%lld draft purchase orders made", a.made), (long long)a.made);
	browse_reload(s->list);
	browse_key(s->list, l, UI_K(KEY_END), &redraw);
}

static enum ui_result
card_key(struct po_state *s, struct ui_region *rg, int k, unsigned *redraw)
{
	struct record	*r;
	char		 q[256];
	size_t		 page = rg->h > 8 ? (size_t)rg->h - 6 : 1;

	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC) {
		card_free(s);
		browse_reload(s->list);
		return (UI_CONTINUE);
	}
	if (UI_KEY_DOWN(k) && s->cur + 1 < s->n)
		s->cur++;
	else if (UI_KEY_UP(k) && s->cur > 0)
		s->cur--;
	else if (UI_KEY_PGDN(k))
		s->cur = s->cur + page < s->n ? s->cur + page :
		    (s->n > 0 ? s->n - 1 : 0);
	else if (UI_KEY_PGUP(k))
		s->cur = s->cur > page ? s->cur - page : 0;
	else if ((k == 'a' || k == UI_K(KEY_IC)) && is_draft(s) &&
	    ui_may(s->app, s->ent, ACT_EDIT)) {
		r = record_new(s->le);
		line_edit(s, rg, r, s->n);
		record_free(r);
	} else if (UI_KEY_ENTER(k) && s->cur < s->n && is_draft(s) &&
	    ui_may(s->app, s->ent, ACT_EDIT)) {
		r = record_dup(s->l[s->cur].rec);
		line_edit(s, rg, r, s->cur);
		record_free(r);
	} else if (k == 'd' && s->cur < s->n && is_draft(s) &&
	    ui_may(s->app, s->ent, ACT_EDIT)) {
		if (ui_confirm(_("Delete this line?"))) {
			record_free(s->l[s->cur].rec);
			record_free(s->l[s->cur].prod);
			memmove(&s->l[s->cur], &s->l[s->cur + 1],
			    (s->n - s->cur - 1) * sizeof *s->l);
			s->n--;
			card_save(s, 1);
		}
	} else if (k == 'e' && is_draft(s) && ui_may(s->app, s->ent,
	    ACT_EDIT)) {
		r = record_dup(s->po);
		if (header_edit(s, rg, r)) {
			record_free(s->po);
			s->po = r;
			card_save(s, 0);
		} else
			record_free(r);
	} else if (k == 's' && is_draft(s)) {
		snprintf(q, sizeof q, _("Send %s to the supplier: its lines go "
		    "on order?"), record_str(s->po, FX_CODE));
		po_action(s, "send", q);
	} else if (k == 'r' && !is_draft(s)) {
		snprintf(q, sizeof q, _("Receive against %s: a receipt draft "
		    "of what is still to come?"), record_str(s->po, FX_CODE));
		po_action(s, "receive", q);
	} else if (k == 'c') {
		snprintf(q, sizeof q, is_draft(s) ? _("Cancel the draft %s?") :
		    _("Close %s: what never came is off order?"),
		    record_str(s->po, FX_CODE));
		po_action(s, "close", q);
	}
	return (UI_CONTINUE);
}

static enum ui_result
po_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct po_state		*s = state;
	struct ui_region	 l = ui_list_region(rg);
	const struct record	*cur;
	struct record		*r;
	char			*cause = NULL;

	if (s->po != NULL)
		return (card_key(s, rg, k, redraw));
	if (browse_key(s->list, &l, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	*redraw |= UI_REDRAW_ALL;
	if (UI_KEY_NEW(k) && ui_may(s->app, s->ent, ACT_CREATE)) {
		time_t		 now = time(NULL);
		struct tm	 tm;

		localtime_r(&now, &tm);
		r = record_new(s->ent);
		record_set_int(r, OP(s, "date"), (int64_t)(tm.tm_year + 1900) *
		    10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
		if (header_edit(s, rg, r)) {
			s->po = r;
			if (card_save(s, 1) != 0)
				card_free(s);
			else
				s->app->message(s->app, 0, _("%s made: a adds "
				    "lines"), record_str(s->po, FX_CODE));
		} else
			record_free(r);
	} else if (k == 'o')
		reorder(s, &l);
	else if (UI_KEY_ENTER(k) && (cur = browse_current(s->list)) !=
	    NULL) {
		if (card_load(s, record_id(cur), NULL, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			card_free(s);
		}
	}
	return (UI_CONTINUE);
}

const struct screen_def scr_purchase_orders = {
	.name = "purchase-orders", .code = "po", .title = N_("Purchase orders"),
	.hotkey = 'b', .area = "purchasing", .open = po_open_screen,
	.close = po_close_screen, .draw = po_draw, .key = po_key,
	.actions = po_actions,
};
