/*
 * Bills of materials (:bom): the list (code, product, version, default,
 * yield, work centre, hours, and how many lines: counted by the server
 * for the rows shown, not stored), a BOM's card with its lines (component,
 * quantity per yield, scrap) edited one line at a time (each line is its
 * own record: the model refuses a line that would make the BOM contain
 * itself, and the refusal is the status line's message), and t: the
 * exploded tree of every level for the BOM's yield or a typed quantity,
 * with the total of each bought component at the bottom.  The tree is
 * the server's (op production, action explode): a screen never opens
 * the database.
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
#include "ui/form.h"
#include "xmalloc.h"

struct bom_count {
	uint64_t	 id;
	int64_t		 n;
};

struct bom_state {
	struct app		*app;
	const struct entity_def	*ent;		/* boms */
	const struct entity_def	*le;		/* bom_lines */
	struct browse		*list;
	int			 fresh;
	/* The BOM, when open. */
	struct record		*bom;
	struct record		**l;		/* its lines, in line order */
	size_t			 n;
	size_t			 cur;
	size_t			 top;
	/* The list's count of lines a BOM, as read (forgotten when the list
	 * is read again). */
	struct bom_count	*counts;
	size_t			 ncounts;
};

static const struct ui_action bom_actions[] = {
	{ '\n', "Enter", N_("open the BOM with its lines"), 0 },
	{ 'n', "n/Insert", N_("new BOM (product, version, yield)"),
	  UI_NEEDS_WRITE },
	{ 't', "t", N_("the exploded tree of every level, with totals"), 0 },
	{ '/', "/", N_("search by code"), 0 },
	{ 0, N_("In a BOM:"), "", 0 },
	{ 'a', "a/Insert", N_("add a component"), UI_NEEDS_WRITE },
	{ '\n', "Enter", N_("edit the line"), UI_NEEDS_WRITE },
	{ 'd', "d", N_("delete the line"), UI_NEEDS_WRITE },
	{ 'e', "e", N_("edit the BOM: yield, default, work centre, hours"),
	  UI_NEEDS_WRITE },
	{ 't', "t", N_("the tree: for the yield or a typed quantity"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

#define BP(s, f)	dict_field_pos((s)->ent, (f))
#define LP(s, f)	dict_field_pos((s)->le, (f))

static void
card_free(struct bom_state *s)
{
	cr_rows_free(s->l, s->n);
	s->l = NULL;
	s->n = s->cur = s->top = 0;
	record_free(s->bom);
	s->bom = NULL;
}

static int
card_load(struct bom_state *s, uint64_t id, const char *code, char **cause)
{
	struct record	*b;
	size_t		 keep = s->cur;

	if (cr_get(s->app->client, s->ent, id, code, &b, cause) != 0)
		return (-1);
	card_free(s);
	s->bom = b;
	if (cr_lines(s->app->client, s->le, "bom", record_id(b), &s->l, &s->n,
	    cause) != 0)
		return (-1);
	s->cur = keep < s->n ? keep : (s->n > 0 ? s->n - 1 : 0);
	return (0);
}

/* --- the list's count of lines ------------------------------------------ */

static void
counts_forget(struct bom_state *s)
{
	free(s->counts);
	s->counts = NULL;
	s->ncounts = 0;
}

static const struct bom_count *
count_of(const struct bom_state *s, uint64_t id)
{
	size_t	 i;

	for (i = 0; i < s->ncounts; i++)
		if (s->counts[i].id == id)
			return (&s->counts[i]);
	return (NULL);
}

/* browse_extra's fill: the rows' counts, those not known yet read in one
 * request (op production, line_counts: an index walk a BOM on the
 * server, no stored count). */
static void
counts_fill(void *arg, const struct record *const *rows, size_t n,
    char **cells)
{
	struct bom_state	*s = arg;
	const struct bom_count	*c;
	struct client_reply	 rep;
	struct msgb		 m;
	const msgpack_object	*v;
	uint64_t		*ask;
	size_t			 i, na = 0;

	ask = xcalloc(n + 1, sizeof *ask);
	for (i = 0; i < n; i++)
		if (count_of(s, record_id(rows[i])) == NULL)
			ask[na++] = record_id(rows[i]);
	if (na > 0) {
		client_req(s->app->client, &m, "production", 2);
		mb_kstr(&m, "action", "line_counts");
		mb_str(&m, "ids");
		mb_array(&m, na);
		for (i = 0; i < na; i++)
			mb_int(&m, (int64_t)ask[i]);
		if (client_call(s->app->client, &m, &rep) == 0 &&
		    (v = mobj_get(rep.data, "counts")) != NULL &&
		    v->type == MSGPACK_OBJECT_ARRAY && v->via.array.size == na) {
			s->counts = xreallocarray(s->counts, s->ncounts + na,
			    sizeof *s->counts);
			for (i = 0; i < na; i++) {
				s->counts[s->ncounts].id = ask[i];
				s->counts[s->ncounts++].n =
				    v->via.array.ptr[i].type ==
				    MSGPACK_OBJECT_POSITIVE_INTEGER ?
				    (int64_t)v->via.array.ptr[i].via.u64 : 0;
			}
		}
		client_reply_free(&rep);
	}
	free(ask);
	for (i = 0; i < n; i++)
		if ((c = count_of(s, record_id(rows[i]))) != NULL)
			xasprintf(&cells[i], "%lld", (long long)c->n);
}

static int
bom_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct bom_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("boms");
	s->le = dict_entity("bom_lines");
	s->list = browse_new(app, s->ent, NULL);
	browse_extra(s->list, _("Lines"), 5, counts_fill, s);
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
bom_close(void *state)
{
	struct bom_state	*s = state;

	card_free(s);
	counts_forget(s);
	browse_free(s->list);
	free(s);
}

/* --- the tree ----------------------------------------------------------- */

#define TREE_W	52	/* the tree's text: with the quantity, 70 wide */

struct leaf {
	char	*sku, *name, *unit;
	int64_t	 qty;
};

/* The exploded tree of the BOM numbered code for qty (0: its yield), in
 * a box: each level indented, made components marked, then the total of
 * each bought component. */
static void
bom_tree(struct bom_state *s, const char *code, int ask)
{
	const struct field_def	*qf = dict_field(s->ent, "yield");
	struct client_reply	 r;
	struct msgb		 m;
	const msgpack_object	*nodes, *o;
	struct leaf		*lv = NULL;
	struct buf		 b, t;
	char			 qbuf[64], title[160], q[32], *cause = NULL;
	char			**lines;
	size_t			 nl = 0, nlv = 0, i, j;
	int64_t			 qty = 0;
	struct value		 v;

	if (ask) {
		qbuf[0] = '\0';
		snprintf(title, sizeof title, _("The tree of %s"), code);
		if (!ui_ask_note(title, _("empty: for the BOM's yield"),
		    _("Quantity: "), qbuf, sizeof qbuf))
			return;
		if (qbuf[0] != '\0') {
			if (value_parse(qf, qbuf, &v, &cause) != 0 ||
			    !v.set || v.i <= 0) {
				s->app->message(s->app, 1, _("quantity: %s"),
				    cause != NULL ? cause :
				    _("more than 0 expected"));
				free(cause);
				return;
			}
			qty = v.i;
		}
	}
	client_req(s->app->client, &m, "production", 3);
	mb_kstr(&m, "action", "explode");
	mb_kstr(&m, "code", code);
	mb_kint(&m, "qty", qty);
	if (client_call(s->app->client, &m, &r) != 0) {
		s->app->message(s->app, 1, "%s: %s", code, r.err != NULL ?
		    r.err : _("refused"));
		client_reply_free(&r);
		return;
	}
	nodes = mobj_get(r.data, "nodes");
	if (nodes == NULL || nodes->type != MSGPACK_OBJECT_ARRAY) {
		s->app->message(s->app, 1, "%s", _("malformed answer"));
		client_reply_free(&r);
		return;
	}
	lines = xcalloc(2 * nodes->via.array.size + 4, sizeof *lines);
	for (i = 0; i < nodes->via.array.size; i++) {
		char	*sku, *name, *unit;
		int	 d;

		o = &nodes->via.array.ptr[i];
		d = (int)mobj_int(o, "depth", 0);
		sku = mobj_strdup(o, "sku");
		name = mobj_strdup(o, "name");
		unit = mobj_strdup(o, "unit");
		ui_qty(mobj_int(o, "qty", 0), q, sizeof q);
		memset(&b, 0, sizeof b);
		memset(&t, 0, sizeof t);
		for (j = 0; j < (size_t)d && j < 12; j++)
			buf_printf(&t, "  ");
		buf_printf(&t, "%s%s %s", d > 0 && mobj_int(o, "made", 0) ?
		    "+" : (d > 0 ? "-" : ""), sku != NULL ? sku : "?",
		    name != NULL ? name : "");
		buf_addc(&t, '\0');
		ui_cell(&b, t.data, TREE_W, 0);
		buf_free(&t);
		buf_addc(&b, ' ');
		ui_cell(&b, q, 10, 1);
		buf_printf(&b, " %s", ui_unit(unit));
		buf_addc(&b, '\0');
		lines[nl++] = buf_steal(&b);
		if (d > 0 && !mobj_int(o, "made", 0)) {
			for (j = 0; j < nlv; j++)
				if (strcmp(lv[j].sku, sku) == 0)
					break;
			if (j == nlv) {
				lv = xreallocarray(lv, nlv + 1, sizeof *lv);
				lv[nlv].sku = xstrdup(sku != NULL ? sku : "?");
				lv[nlv].name = xstrdup(name != NULL ? name :
				    "");
				lv[nlv].unit = xstrdup(ui_unit(unit));
				lv[nlv++].qty = 0;
			}
			lv[j].qty += mobj_int(o, "qty", 0);
		}
		free(sku);
		free(name);
		free(unit);
	}
	lines[nl++] = xstrdup("");
	lines[nl++] = xstrdup(_("Bought components, in all:"));
	for (j = 0; j < nlv; j++) {
		memset(&b, 0, sizeof b);
		memset(&t, 0, sizeof t);
		ui_qty(lv[j].qty, q, sizeof q);
		buf_printf(&t, "  %s %s", lv[j].sku, lv[j].name);
		buf_addc(&t, '\0');
		ui_cell(&b, t.data, TREE_W, 0);
		buf_free(&t);
		buf_addc(&b, ' ');
		ui_cell(&b, q, 10, 1);
		buf_printf(&b, " %s", lv[j].unit);
		buf_addc(&b, '\0');
		lines[nl++] = buf_steal(&b);
		free(lv[j].sku);
		free(lv[j].name);
		free(lv[j].unit);
	}
	free(lv);
	ui_qty(mobj_int(r.data, "qty", 0), q, sizeof q);
	snprintf(title, sizeof title, _("%s for %s (+ made, - bought)"), code,
	    q);
	client_reply_free(&r);
	ui_text_box(title, (const char *const *)lines, nl);
	for (i = 0; i < nl; i++)
		free(lines[i]);
	free(lines);
}

/* --- drawing ----------------------------------------------------------- */

static unsigned
line_cells(void *arg, size_t i, const char **cells,
    char (*buf)[UI_LINES_CELL])
{
	struct bom_state	*s = arg;
	const struct record	*l = s->l[i];
	const struct field_def	*cf = dict_field(s->le, "component");

	ui_lines_ref(s->app, cf, record_int(l, LP(s, "line")),
	    record_int(l, LP(s, "component")), buf);
	ui_qty(record_int(l, LP(s, "qty")), buf[3], UI_LINES_CELL);
	if (record_int(l, LP(s, "scrap")) != 0)
		ui_qty(record_int(l, LP(s, "scrap")), buf[4],
		    UI_LINES_CELL);
	return (0);
}

static void
card_draw(struct bom_state *s, struct ui_region *rg)
{
	static const char *const head[] = {
		"#", N_("Component"), N_("Name"), N_("Per yield"),
		N_("Scrap %")
	};
	static const int	 widths[] = { 3, 12, -1, 10, 7 };
	struct ui_lines		 t = { head, widths, "rllrr", 5, NULL,
				    line_cells, s };
	char			 line[512], y[32], h[32];
	char			*prod, *name, *wc;
	const char		*ver, *dflt;
	int			 row = rg->y, last = rg->y + rg->h - 1;
	int			 edit = auth_allowed(s->app->roles,
				    "production", ACT_EDIT);

	prod = ui_format(s->app, dict_field(s->ent, "product"),
	    &s->bom->v[BP(s, "product")]);
	name = ui_ref_name(s->app, dict_field(s->ent, "product"),
	    record_int(s->bom, BP(s, "product")));
	ui_qty(record_int(s->bom, BP(s, "yield")), y, sizeof y);
	snprintf(line, sizeof line, _("BOM %s  %s %s"),
	    record_str(s->bom, FX_CODE), prod, name != NULL ? name : "");
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, row++, rg->x, line, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	wc = ui_format(s->app, dict_field(s->ent, "work_centre"),
	    &s->bom->v[BP(s, "work_centre")]);
	ui_qty(record_int(s->bom, BP(s, "hours")), h, sizeof h);
	ver = record_str(s->bom, BP(s, "version"));
	dflt = record_int(s->bom, BP(s, "is_default")) ? _(" (default)") : "";
	snprintf(line, sizeof line, P_("Version %s%s  yields %s  work centre "
	    "%s  hours %s  %zu line", "Version %s%s  yields %s  work centre "
	    "%s  hours %s  %zu lines", s->n), ver != NULL ? ver : "", dflt,
	    y, *wc ? wc : "-", h, s->n);
	free(prod);
	free(name);
	free(wc);
	ui_put(rg->win, row++, rg->x, line, rg->w, 1);
	ui_put(rg->win, row++, rg->x, "", rg->w, 1);
	t.empty = _("(no lines: a adds one)");
	ui_lines_draw(rg->win, row, rg->x, rg->w, last - row, &t, s->n,
	    s->cur, &s->top);
	ui_put(rg->win, last, rg->x, edit ? _("a add  Enter edit  d delete  "
	    "e header  t tree  Esc back  F1/? help") : _("t tree  Esc back  "
	    "F1/? help"), rg->w, 1);
}

static void
bom_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct bom_state	*s = state;
	struct ui_region	 l = ui_list_region(rg);
	unsigned		 r = 0;
	int			 create;

	(void)redraw;
	if (s->bom != NULL && rg->h >= 8) {
		card_draw(s, rg);
		return;
	}
	if (s->fresh) {
		s->fresh = 0;
		browse_key(s->list, &l, UI_K(KEY_END), &r);
	}
	browse_draw(s->list, &l, 1);
	create = auth_allowed(s->app->roles, s->ent->area, ACT_CREATE);
	if (rg->h > 3)
		ui_put(rg->win, rg->y + rg->h - 1, rg->x, create ?
		    _("Enter open  n new  t tree  / search  Esc back  F1/? "
		    "help") : _("Enter open  t tree  / search  Esc back  "
		    "F1/? help"), rg->w, 1);
}

/* --- changes ------------------------------------------------------------ */

static void
reload(struct bom_state *s)
{
	char	*cause = NULL;

	if (card_load(s, record_id(s->bom), NULL, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		card_free(s);
	}
	counts_forget(s);
	browse_reload(s->list);
}

/* A line in a form, saved by the form (a refusal, such as a cycle, stays
 * on its status line with what was typed). */
static int
line_edit(struct bom_state *s, struct ui_region *rg, struct record *l)
{
	static const char *const fields[] = {
		"component", "qty", "scrap", "notes", NULL
	};
	struct form_opts	 o;
	char			 title[160];

	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, _("Line of %s (quantity per yield, "
	    "scrap in %%)"), record_str(s->bom, FX_CODE));
	o.title = title;
	o.only = fields;
	return (form_edit(s->app, rg, l, &o));
}

static int
header_edit(struct bom_state *s, struct ui_region *rg, struct record *b)
{
	static const char *const fields[] = {
		"product", "version", "yield", "is_default", "work_centre",
		"hours", "notes", NULL
	};
	struct form_opts	 o;

	memset(&o, 0, sizeof o);
	o.title = record_str(b, FX_CODE) != NULL ? record_str(b, FX_CODE) :
	    _("New BOM");
	o.only = fields;
	(void)s;
	return (form_edit(s->app, rg, b, &o));
}

static enum ui_result
card_key(struct bom_state *s, struct ui_region *rg, int k, unsigned *redraw)
{
	struct record	*r;
	char		*cause = NULL;
	size_t		 page = rg->h > 8 ? (size_t)rg->h - 6 : 1;
	int64_t		 next = 0;
	size_t		 i;

	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC) {
		card_free(s);
		counts_forget(s);
		browse_reload(s->list);
		return (UI_CONTINUE);
	}
	if (ui_cursor_key(k, &s->cur, s->n, page))
		return (UI_CONTINUE);
	if (k == 't')
		bom_tree(s, record_str(s->bom, FX_CODE), 1);
	else if ((k == 'a' || k == UI_K(KEY_IC)) && ui_may(s->app, s->le,
	    ACT_EDIT)) {
		for (i = 0; i < s->n; i++)
			if (record_int(s->l[i], LP(s, "line")) > next)
				next = record_int(s->l[i], LP(s, "line"));
		r = record_new(s->le);
		record_set_int(r, LP(s, "bom"), (int64_t)record_id(s->bom));
		record_set_int(r, LP(s, "line"), next + 1);
		if (line_edit(s, rg, r)) {
			s->app->message(s->app, 0, _("line %lld added"),
			    (long long)(next + 1));
			s->cur = s->n;
			reload(s);
		}
		record_free(r);
	} else if (UI_KEY_ENTER(k) && s->cur < s->n && ui_may(s->app, s->le,
	    ACT_EDIT)) {
		r = record_dup(s->l[s->cur]);
		if (line_edit(s, rg, r))
			reload(s);
		record_free(r);
	} else if (k == 'd' && s->cur < s->n && ui_may(s->app, s->le,
	    ACT_EDIT)) {
		if (!ui_confirm(_("Delete this line?")))
			return (UI_CONTINUE);
		if (cr_delete(s->app->client, s->le, record_id(s->l[s->cur]),
		    record_rev(s->l[s->cur]), &cause) != 0) {
			s->app->message(s->app, 1, _("not deleted: %s"), cause);
			free(cause);
		}
		reload(s);
	} else if (k == 'e' && ui_may(s->app, s->ent, ACT_EDIT)) {
		r = record_dup(s->bom);
		if (header_edit(s, rg, r))
			reload(s);
		record_free(r);
	}
	return (UI_CONTINUE);
}

static enum ui_result
bom_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct bom_state	*s = state;
	struct ui_region	 l = ui_list_region(rg);
	const struct record	*cur;
	struct record		*r;
	char			*cause = NULL;

	if (s->bom != NULL)
		return (card_key(s, rg, k, redraw));
	if (browse_key(s->list, &l, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	*redraw |= UI_REDRAW_ALL;
	cur = browse_current(s->list);
	if (UI_KEY_NEW(k) && ui_may(s->app, s->ent, ACT_CREATE)) {
		r = record_new(s->ent);
		record_set_str(r, BP(s, "version"), "1");
		record_set_int(r, BP(s, "yield"), 1000);
		if (header_edit(s, rg, r)) {
			if (card_load(s, record_id(r), NULL, &cause) != 0) {
				s->app->message(s->app, 1, "%s", cause);
				free(cause);
				card_free(s);
			} else
				s->app->message(s->app, 0, _("%s made: a adds "
				    "lines"), record_str(s->bom, FX_CODE));
		}
		record_free(r);
	} else if (k == 't' && cur != NULL) {
		char	 code[32];

		snprintf(code, sizeof code, "%s", record_str(cur, FX_CODE));
		bom_tree(s, code, 1);
	} else if (UI_KEY_ENTER(k) && cur != NULL) {
		if (card_load(s, record_id(cur), NULL, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			card_free(s);
		}
	}
	return (UI_CONTINUE);
}

static const char *
bom_heading(void *state)
{
	struct bom_state	*s = state;

	return (s->bom != NULL ? record_str(s->bom, FX_CODE) : NULL);
}

const struct screen_def scr_boms = {
	.name = "boms", .code = "bom", .title = N_("Bills of materials"),
	.hotkey = '1', .area = "production", .open = bom_open,
	.close = bom_close, .draw = bom_draw, .key = bom_key,
	.actions = bom_actions, .heading = bom_heading,
};
