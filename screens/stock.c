/*
 * Stock: "where is it" (a scanned barcode, a typed SKU or part of a name
 * to the product's on hand, reserved, available and on order in each
 * warehouse and its last moves), and the list of stock documents with
 * post and reverse.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "client/docs.h"
#include "client/orders.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "ui/lookup.h"
#include "xmalloc.h"

#define MOVES_MAX	8

struct where_state {
	struct app		*app;
	const struct entity_def	*pe;
	struct ui_entry		 entry;
	int			 stale;		/* the next key starts afresh */
	struct record		*prod;
	struct cd_table		*stock;
	struct cd_table		*moves;
	char			*error;		/* why nothing is shown */
	int64_t			 atp;		/* out of stock: when one
						   will be free (0: no
						   supply); -1: in stock */
};

static const struct ui_action where_actions[] = {
	{ 0, N_("digits, letters"),
	  N_("scan a barcode or type a SKU or part of a "
	  "name"), 0 },
	{ '\n', "Enter", N_("look it up (a name: pick from a list)"), 0 },
	{ 0, "F4/Ctrl-L", N_("pick a product from a list by name"), 0 },
	{ 0, "Backspace, Ctrl-U",
	  N_("take off a character, clear the line"), 0 },
	{ 0, "F5/Ctrl-R", N_("read the numbers again"), 0 },
	{ 27, "Esc", N_("clear the line, then back"), 0 },
	{ 0, NULL, NULL, 0 }
};

/* 2026-11-28 as 28.11.2026. */
static void
date_local(const char *iso, char *buf, size_t len)
{
	if (strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-')
		snprintf(buf, len, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
	else
		snprintf(buf, len, "%s", iso);
}

static void
where_clear(struct where_state *s)
{
	record_free(s->prod);
	s->prod = NULL;
	cd_table_free(s->stock);
	cd_table_free(s->moves);
	s->stock = s->moves = NULL;
	free(s->error);
	s->error = NULL;
}

/* Available to promise over all warehouses: when one unit will be free,
 * if none is now. */
static int
where_atp(struct where_state *s, char **cause)
{
	int64_t	 date, free_;
	int	 rc;

	if ((rc = co_atp(s->app->client, record_id(s->prod), 0, 1000,
	    &date, &free_, cause)) != 0)
		return (rc);
	s->atp = free_ >= 1000 ? -1 : date;
	return (0);
}

/* The numbers of the product shown, read afresh. */
static void
where_load(struct where_state *s)
{
	const char	*sku = record_str(s->prod, FX_CODE);
	char		*cause = NULL;

	cd_table_free(s->stock);
	cd_table_free(s->moves);
	s->stock = s->moves = NULL;
	s->atp = -1;
	if (where_atp(s, &cause) != 0 || cd_report(s->app->client, "stock", sku, 0, &s->stock,
	    &cause) != 0 || cd_report(s->app->client, "moves", sku,
	    MOVES_MAX, &s->moves, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(s->error);
		s->error = cause;
	}
}

static void
where_show(struct where_state *s, struct record *p)
{
	where_clear(s);
	s->prod = p;
	where_load(s);
}

/* The entry's text to a product: 1 when shown. */
static int
where_lookup(struct where_state *s, const char *term)
{
	struct record	*p;
	int64_t		 pack;
	char		*cause = NULL;

	switch (ui_product(s->app, term, &p, &pack, &cause)) {
	case 1:
		where_show(s, p);
		ui_entry_clear(&s->entry);
		s->stale = 0;
		return (1);
	case -1:
		return (0);	/* the pick list was closed */
	}
	/* Nothing of the product before stays on screen as if it were the
	 * answer; the text stays, and the next scan replaces it. */
	where_clear(s);
	s->app->message(s->app, 1, "%s", cause);
	s->error = cause;
	s->stale = 1;
	return (0);
}

static int
where_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct where_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->pe = dict_entity("products");
	*state = s;
	if (arg != NULL)
		where_lookup(s, arg);
	return (0);
}

static void
where_close(void *state)
{
	struct where_state	*s = state;

	where_clear(s);
	free(s);
}

static int64_t
qty_of(const char *s)
{
	int64_t	 q = 0;
	char	*cause = NULL;

	if (qty_parse(s, &q, &cause) != 0) {
		free(cause);
		return (0);
	}
	return (q);
}

/* The warehouses' numbers from row y, above row last (the total on the
 * last row it may use); returns the next row. */
static int
draw_stock(struct where_state *s, struct ui_region *rg, int y, int last)
{
	static const char *const head_en[] = {
		N_("Warehouse"), N_("Name"), N_("On hand"), N_("Reserved"),
		N_("Available"), N_("On order")
	};
	static const char *const cols[] = {
		"warehouse", "name", "on_hand", "reserved", "available",
		"on_order"
	};
	int		 widths[] = { 10, -1, 10, 10, 10, 10 };
	const char	*cells[6];
	char		 tot[4][32];
	int64_t		 sum[4] = { 0, 0, 0, 0 };
	size_t		 i, shown = 0, room;
	int		 j, total = s->stock->nrows > 1;
	const char	*head[6];

	for (j = 0; j < 6; j++)
		head[j] = _(head_en[j]);
	widths[1] = rg->w - 10 - 4 * 11 - 2;
	if (widths[1] < 4)
		widths[1] = 4;
	wattron(rg->win, A_BOLD | A_UNDERLINE);
	ui_cells(rg->win, y++, rg->x, rg->w, head, widths, "llrrrr", 6);
	wattroff(rg->win, A_BOLD | A_UNDERLINE);
	if (s->stock->nrows == 0) {
		if (y < last)
			ui_put(rg->win, y++, rg->x,
			    _("Not in any warehouse yet."), rg->w, 1);
		return (y);
	}
	room = last - y > total ? (size_t)(last - y - total) : 0;
	for (i = 0; i < s->stock->nrows; i++) {
		for (j = 0; j < 4; j++)
			sum[j] += qty_of(cd_cell(s->stock, i, cols[2 + j]));
		if (shown >= room)
			continue;
		for (j = 0; j < 6; j++)
			cells[j] = cd_cell(s->stock, i, cols[j]);
		ui_cells(rg->win, y++, rg->x, rg->w, cells, widths, "llrrrr",
		    6);
		shown++;
	}
	if (total && y < last) {
		for (j = 0; j < 4; j++)
			ui_qty(sum[j], tot[j], sizeof tot[j]);
		cells[0] = _("Total");
		cells[1] = shown < s->stock->nrows ? _("(not all shown)") : "";
		for (j = 0; j < 4; j++)
			cells[2 + j] = tot[j];
		wattron(rg->win, A_BOLD);
		ui_cells(rg->win, y++, rg->x, rg->w, cells, widths, "llrrrr",
		    6);
		wattroff(rg->win, A_BOLD);
	}
	return (y);
}

static int
draw_moves(struct where_state *s, struct ui_region *rg, int y, int last)
{
	static const char *const head_en[] = {
		N_("Date"), N_("Document"), N_("Kind"), N_("Warehouse"),
		N_("Quantity"), N_("User")
	};
	int		 widths[] = { 10, 15, 12, 10, 10, -1 };
	const struct field_def	*kf = dict_field(dict_entity("stock_moves"),
				    "kind");
	const char	*cells[6], *head[6];
	char		 d[16];
	size_t		 i;

	if (y >= last)
		return (y);
	for (i = 0; i < 6; i++)
		head[i] = _(head_en[i]);
	/* The kind of a move whole, in whichever language. */
	if (ui_enum_width(kf) > widths[2])
		widths[2] = ui_enum_width(kf);
	wattron(rg->win, A_BOLD | A_UNDERLINE);
	ui_cells(rg->win, y++, rg->x, rg->w, head, widths, "llllrl", 6);
	wattroff(rg->win, A_BOLD | A_UNDERLINE);
	if (s->moves->nrows == 0 && y < last)
		ui_put(rg->win, y++, rg->x, _("No moves yet."), rg->w, 1);
	for (i = 0; i < s->moves->nrows && y < last; i++) {
		date_local(cd_cell(s->moves, i, "date"), d, sizeof d);
		cells[0] = d;
		cells[1] = cd_cell(s->moves, i, "doc");
		cells[2] = ui_enum(kf, cd_cell(s->moves, i, "kind"));
		cells[3] = cd_cell(s->moves, i, "warehouse");
		cells[4] = cd_cell(s->moves, i, "qty");
		cells[5] = cd_cell(s->moves, i, "user");
		ui_cells(rg->win, y++, rg->x, rg->w, cells, widths, "llllrl",
		    6);
	}
	return (y);
}

static void
where_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct where_state	*s = state;
	const struct entity_def	*pe = s->pe;
	char			 line[512], *v;
	int			 y = rg->y, last = rg->y + rg->h - 1;

	if (rg->h < 4)
		last = rg->y + rg->h;
	ui_entry_draw(rg->win, y++, rg->x, rg->w, _("Scan or type SKU, "
	    "barcode or name: "), &s->entry);
	if (y < last)
		ui_put(rg->win, y++, rg->x, "", rg->w, 1);
	if (s->prod != NULL && y < last) {
		int		 upos = dict_field_pos(pe, "unit");
		const char	*name, *unit, *code;

		name = record_str(s->prod, dict_field_pos(pe, "name"));
		snprintf(line, sizeof line, "%s  %s", record_str(s->prod,
		    FX_CODE), name);
		wattron(rg->win, A_BOLD);
		ui_put(rg->win, y++, rg->x, line, rg->w, 1);
		wattroff(rg->win, A_BOLD);
		v = ui_format(s->app, dict_field(pe, "category"),
		    &s->prod->v[dict_field_pos(pe, "category")]);
		unit = record_str(s->prod, upos);
		unit = unit != NULL ? ui_enum(&pe->fields[upos], unit) : "-";
		code = record_str(s->prod, dict_field_pos(pe, "barcode"));
		snprintf(line, sizeof line, _("Unit %s   Barcode %s%s%s"),
		    unit, code != NULL ? code : "-",
		    *v != '\0' ? _("   Category ") : "", v);
		free(v);
		if (y < last)
			ui_put(rg->win, y++, rg->x, line, rg->w, 1);
		if (s->atp >= 0 && y < last) {
			/* None free anywhere: when there will be. */
			if (s->atp == 0)
				snprintf(line, sizeof line, "%s", _("None free: "
				    "open purchase and production orders do "
				    "not cover it"));
			else
				snprintf(line, sizeof line, _("None free: "
				    "available from %02d.%02d.%04d"),
				    (int)(s->atp % 100),
				    (int)(s->atp / 100 % 100),
				    (int)(s->atp / 10000));
			ui_put(rg->win, y++, rg->x, line, rg->w, 1);
		}
		if (y < last)
			ui_put(rg->win, y++, rg->x, "", rg->w, 1);
		/* The numbers first; the moves keep three rows (a gap,
		 * their heading, one) when the numbers leave them. */
		if (s->stock != NULL && y < last) {
			int	 need = 1 + (int)s->stock->nrows +
				    (s->stock->nrows > 1);

			y = draw_stock(s, rg, y, s->moves != NULL &&
			    last - y >= need + 3 ? last - 3 : last);
		}
		if (s->moves != NULL && y + 2 < last) {
			ui_put(rg->win, y++, rg->x, "", rg->w, 1);
			y = draw_moves(s, rg, y, last);
		}
	} else if (y < last)
		ui_put(rg->win, y++, rg->x, s->error != NULL ? s->error :
		    _("Scan a barcode, or type a SKU or part of a name and "
		    "press Enter."), rg->w, 1);
	while (y < last)
		ui_put(rg->win, y++, rg->x, "", rg->w, 1);
	if (rg->h >= 4)
		ui_put(rg->win, last, rg->x, _("Enter look up  F4/^L pick by "
		    "name  F5/^R refresh  Esc clear/back  F1/? help"), rg->w,
		    1);
}

static enum ui_result
where_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct where_state	*s = state;
	struct record		*p;

	*redraw |= UI_REDRAW_ALL;
	if (UI_KEY_ENTER(k)) {
		if (*ui_entry_text(&s->entry) != '\0')
			where_lookup(s, s->entry.buf);
		return (UI_CONTINUE);
	}
	if (k == UI_KEY_ESC) {
		if (s->entry.buf[0] == '\0')
			return (UI_BACK);
		ui_entry_clear(&s->entry);
		s->stale = 0;
		return (UI_CONTINUE);
	}
	if (UI_KEY_LOOKUP(k)) {
		/* A refused code is no start for a name. */
		if (s->stale)
			ui_entry_clear(&s->entry);
		s->stale = 0;
		if (ui_lookup(s->app, _(s->pe->title), s->pe,
		    ui_entry_text(&s->entry), &p)) {
			where_show(s, p);
			ui_entry_clear(&s->entry);
			s->stale = 0;
		}
		return (UI_CONTINUE);
	}
	if (k == UI_K(KEY_F(5)) || k == KEY_CTRL('r')) {
		if (s->prod != NULL)
			where_load(s);
		return (UI_CONTINUE);
	}
	if (s->stale && k >= 0x20 && k < 0x200000 && k != 0x7f)
		ui_entry_clear(&s->entry);
	s->stale = 0;
	ui_entry_key(&s->entry, k);
	*redraw = UI_REDRAW_ROW;
	return (UI_CONTINUE);
}

/* --- stock documents ------------------------------------------------------ */

struct docs_state {
	struct app		*app;
	const struct entity_def	*ent;
	struct browse		*list;
	const struct field_def	*tf, *sf;	/* its type, its status */
	int			 fresh;		/* first draw: the newest */
	int			 reload;	/* back from another screen */
};

static const struct ui_action docs_actions[] = {
	{ '\n', "Enter", N_("open: a draft receipt or count on its screen, "
	  "else its lines"), 0 },
	{ 'p', "p", N_("post the draft (asks first)"), UI_NEEDS_POST },
	{ 'r', "r", N_("reverse the posted document (asks first)"),
	  UI_NEEDS_POST },
	{ '/', "/", N_("search by number"), 0 },
	{ 's', "s", N_("sort by the next field: number, date, warehouse, "
	  "..., type, status"), 0 },
	{ 0, "Home/End", N_("oldest / newest"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static int
docs_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct docs_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("stock_docs");
	s->tf = dict_field(s->ent, "type");
	s->sf = dict_field(s->ent, "status");
	s->list = browse_new(app, s->ent, NULL);
	s->fresh = 1;
	*state = s;
	return (0);
}

static void
docs_close(void *state)
{
	struct docs_state	*s = state;

	browse_free(s->list);
	free(s);
}

static struct ui_region
docs_region(const struct ui_region *rg)
{
	struct ui_region	 l = *rg;

	if (l.h > 3)
		l.h--;
	return (l);
}

static void
docs_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct docs_state	*s = state;
	struct ui_region	 l = docs_region(rg);
	const struct record	*cur;
	const char		*st, *act = "";
	char			 hint[256];
	unsigned		 r = 0;
	int			 post = auth_allowed(s->app->roles, "stock",
				    ACT_POST);

	if (s->fresh) {
		s->fresh = 0;
		browse_key(s->list, &l, UI_K(KEY_END), &r);
	}
	if (s->reload) {
		s->reload = 0;
		browse_reload(s->list);
	}
	browse_draw(s->list, &l, 1);
	/* The actions the document under the cursor takes: a draft is
	 * posted, a posted one reversed, others neither. */
	cur = browse_current(s->list);
	st = cur != NULL ? record_str(cur, (int)(s->sf - s->ent->fields)) :
	    NULL;
	if (post && st != NULL && strcmp(st, "draft") == 0)
		act = _("p post  ");
	else if (post && st != NULL && strcmp(st, "posted") == 0)
		act = _("r reverse  ");
	snprintf(hint, sizeof hint, _("Enter open  %s/ search  s sort  "
	    "Home/End  Esc back  F1/? help"), act);
	if (rg->h > 3)
		ui_put(rg->win, rg->y + rg->h - 1, rg->x, hint, rg->w, 1);
}

/* A document's type or status as the clerk reads it. */
static const char *
doc_word(const struct field_def *f, const struct record *d)
{
	return (ui_enum(f, record_str(d, (int)(f - d->ent->fields))));
}

/* The document's lines in a box. */
/* A line of a document's box: number, product, quantity, cost, by
 * display width (product names are Cyrillic). */
static void
docs_line(char *out, size_t cap, const char *num, const char *prod,
    const char *qty, const char *last)
{
	struct buf	 b = { 0 };
	char		*s;

	ui_cell(&b, num, 4, 1);
	buf_addc(&b, ' ');
	ui_cell(&b, prod, 16, 0);
	buf_addc(&b, ' ');
	ui_cell(&b, qty, 12, 1);
	buf_addc(&b, ' ');
	ui_cell(&b, last, 12, 1);
	buf_addc(&b, '\0');
	s = buf_steal(&b);
	snprintf(out, cap, "%s", s);
	free(s);
}

static void
docs_view(struct docs_state *s, const struct record *d)
{
	const struct entity_def	*le = dict_entity("stock_lines");
	struct record		**rows;
	struct value		 from;
	const char		*lines[210];
	char			 buf[210][160], *p, *q, *b, *cost, num[24];
	size_t			 n, i, k = 0;
	char			*cause = NULL, title[128];
	int			 count = strcmp(record_str(d,
				    dict_field_pos(s->ent, "type")),
				    "count") == 0;

	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = (int64_t)record_id(d);
	if (cr_scan(s->app->client, le, "doc", &from, 0, 1, 200, &rows, &n,
	    &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	/* TRANSLATORS: the heading of a 4-column column of line numbers. */
	docs_line(buf[k], sizeof buf[k], i18n_ctx("short",
	    NC_("short", "Line")), _("Product"),
	    _("Quantity"), count ? _("On hand then") : _("Unit cost"));
	lines[k] = buf[k];
	k++;
	for (i = 0; i < n && k < 200; i++) {
		if (record_int(rows[i], dict_field_pos(le, "doc")) !=
		    (int64_t)record_id(d))
			continue;
		p = ui_format(s->app, dict_field(le, "product"),
		    &rows[i]->v[dict_field_pos(le, "product")]);
		q = ui_format(s->app, dict_field(le, "qty"),
		    &rows[i]->v[dict_field_pos(le, "qty")]);
		b = ui_format(s->app, dict_field(le, "book_qty"),
		    &rows[i]->v[dict_field_pos(le, "book_qty")]);
		cost = ui_format(s->app, dict_field(le, "unit_cost"),
		    &rows[i]->v[dict_field_pos(le, "unit_cost")]);
		snprintf(num, sizeof num, "%lld",	/* i18n: no */
		    (long long)record_int(rows[i], dict_field_pos(le, "line")));
		docs_line(buf[k], sizeof buf[k], num, p, q, count ? b : cost);
		lines[k] = buf[k];
		k++;
		free(p);
		free(q);
		free(b);
		free(cost);
	}
	cr_rows_free(rows, n);
	if (k == 1)
		lines[k++] = _("(no lines)");
	snprintf(title, sizeof title, "%s %s, %s", record_str(d, FX_CODE),
	    doc_word(s->tf, d), doc_word(s->sf, d));
	ui_text_box(title, lines, k);
}

/* Post or reverse the document numbered code; an over-receipt is asked
 * about and, confirmed, sent again. */
static void
docs_act(struct docs_state *s, const char *action, const char *code)
{
	struct cd_answer	 a;
	char			*cause = NULL, q[512];
	const char		*over;
	int			 rc;

	rc = cd_action(s->app->client, "stock_docs", action, code, 0, &a,
	    &cause);
	if (rc == EX_DATAERR && (over = ui_over_receipt(cause)) != NULL) {
		snprintf(q, sizeof q, _("%.*s. Receive more than ordered?"),
		    (int)strcspn(over, ";"), over);
		free(cause);
		cause = NULL;
		if (!ui_confirm(q)) {
			s->app->message(s->app, 0, "%s", _("not posted"));
			return;
		}
		rc = cd_action(s->app->client, "stock_docs", action, code,
		    CD_OVER, &a, &cause);
	}
	if (rc != 0) {
		int	 post = strcmp(action, "post") == 0;

		if (a.line > 0)
			s->app->message(s->app, 1, post ? _("%s not posted: "
			    "line %lld: %s") : _("%s not reversed: line %lld: "
			    "%s"), code, (long long)a.line, cause);
		else
			s->app->message(s->app, 1, post ? _("%s not posted: "
			    "%s") : _("%s not reversed: %s"), code, cause);
		free(cause);
		return;
	}
	if (strcmp(action, "reverse") == 0)
		s->app->message(s->app, 0, _("%s reversed by %s"), code,
		    a.code);
	else
		s->app->message(s->app, 0, "%s %s", code, ui_enum(s->sf,
		    a.status));
	browse_reload(s->list);
}

static enum ui_result
docs_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct docs_state	*s = state;
	struct ui_region	 l = docs_region(rg);
	const struct record	*cur;
	const char		*type, *status;
	char			 code[32], q[160];
	int			 yes;

	if (browse_key(s->list, &l, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if ((cur = browse_current(s->list)) == NULL)
		return (UI_CONTINUE);
	*redraw |= UI_REDRAW_ALL;
	snprintf(code, sizeof code, "%s", record_str(cur, FX_CODE));
	type = record_str(cur, dict_field_pos(s->ent, "type"));
	status = record_str(cur, dict_field_pos(s->ent, "status"));
	if (UI_KEY_ENTER(k)) {
		/* A draft may be posted there: read the list again when
		 * back. */
		if (strcmp(status, "draft") == 0 && strcmp(type, "receipt") ==
		    0)
			s->reload = s->app->open(s->app, "receiving", code) ==
			    0;
		else if (strcmp(status, "draft") == 0 &&
		    strcmp(type, "count") == 0)
			s->reload = s->app->open(s->app, "count", code) == 0;
		else
			docs_view(s, cur);
	} else if (k == 'p' && strcmp(status, "draft") != 0) {
		/* As every screen: only a draft is posted, and not asked
		 * about first to be refused after. */
		s->app->message(s->app, 1, _("%s is %s: only a draft is "
		    "posted"), code, doc_word(s->sf, cur));
	} else if (k == 'r' && strcmp(status, "posted") != 0) {
		s->app->message(s->app, 1, _("%s is %s: only a posted "
		    "document is reversed"), code, doc_word(s->sf, cur));
	} else if (k == 'p' && ui_may(s->app, s->ent, ACT_POST)) {
		snprintf(q, sizeof q, _("Post %s (%s)?"), code,
		    doc_word(s->tf, cur));
		yes = ui_confirm(q);
		if (yes)
			docs_act(s, "post", code);
	} else if (k == 'r' && ui_may(s->app, s->ent, ACT_POST)) {
		snprintf(q, sizeof q, _("Reverse %s (%s): the opposite moves?"),
		    code, doc_word(s->tf, cur));
		yes = ui_confirm(q);
		if (yes)
			docs_act(s, "reverse", code);
	}
	return (UI_CONTINUE);
}

const struct screen_def scr_stock = {
	.name = "stock", .code = "stock", .title = N_("Where is it"),
	.hotkey = 's', .area = "stock", .open = where_open,
	.close = where_close, .draw = where_draw, .key = where_key,
	.actions = where_actions,
};

const struct screen_def scr_stock_docs = {
	.name = "docs", .code = "docs", .title = N_("Stock documents"),
	.hotkey = 'd', .area = "stock", .open = docs_open,
	.close = docs_close, .draw = docs_draw, .key = docs_key,
	.actions = docs_actions,
};
