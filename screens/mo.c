/*
 * Production orders (:mo): the list (number, kind, product, quantity,
 * made, planned start and finish, state), f narrowing it to one state; an
 * order's card with its lines (component, needed, reserved, consumed,
 * picked) and the actions of its life, each one request of op
 * production: release (the components reserved, all or none: a refusal
 * names every one short, shown in full), complete, close, cancel.
 *
 * Complete asks how many were made, then shows the components that takes
 * by the BOM and a scan line: a scanned barcode or typed SKU of a
 * component counts what was actually used (the first scan of a line
 * replaces the BOM's quantity, the next add to it), F6 types a line's
 * quantity, F9 sets them all to 0 (scan from nothing); Enter on an empty
 * line or F2 posts, asking the reason when what was used differs from
 * the BOM.  A disassembly posts with no panel.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "auth.h"
#include "client/client.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/production.h"
#include "proto.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "ui/form.h"
#include "ui/lookup.h"
#include "xmalloc.h"

/* A component on the completion panel. */
struct use {
	char		*sku;
	char		*name;
	int64_t		 std;		/* what the BOM says n takes */
	int64_t		 used;		/* what was used */
	int		 touched;	/* scanned or typed */
};

struct mo_state {
	struct app		*app;
	const struct entity_def	*ent;		/* production_orders */
	const struct entity_def	*le;		/* mo_lines */
	struct browse		*list;
	int			 fresh;
	int			 filter;	/* index in states[]; 0: all */
	/* The order, when open. */
	struct record		*mo;
	struct record		**l;
	size_t			 n;
	size_t			 cur;
	size_t			 top;
	/* The completion panel, when open. */
	int			 panel;
	int64_t			 make;
	struct use		*u;
	size_t			 nu;
	size_t			 ucur;
	size_t			 utop;
	struct ui_entry		 entry;
};

static const char *const states[] = {
	NULL, "draft", "released", "in_progress", "done", "closed",
	"cancelled"
};
#define NSTATES	(sizeof states / sizeof states[0])

static const struct ui_action mo_actions[] = {
	{ '\n', "Enter", N_("open the order with its lines"), 0 },
	{ 'n', "n/Insert", N_("new order (a draft)"), UI_NEEDS_WRITE },
	{ 'f', "f", N_("only the orders in one state (again: the next)"), 0 },
	{ '/', "/", N_("search by number"), 0 },
	{ 0, N_("In an order, or on the list's row:"), "", 0 },
	{ 'r', "r", N_("release: the components reserved, all or none"),
	  UI_NEEDS_POST },
	{ 'm', "m", N_("complete: how many made, then what was used"),
	  UI_NEEDS_POST },
	{ 'c', "c", N_("close: what is still reserved is released"),
	  UI_NEEDS_POST },
	{ 'x', "x", N_("cancel (a draft, or released with nothing made)"),
	  UI_NEEDS_POST },
	{ 'e', "e", N_("edit: a draft all, else the planned dates, notes"),
	  UI_NEEDS_WRITE },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, N_("Completing:"), "", 0 },
	{ 0, N_("barcode/SKU + Enter"),
	  N_("a component used: its quantity added"), UI_NEEDS_POST },
	{ 0, "F6/Ctrl-Q", N_("type the current line's quantity used"),
	  UI_NEEDS_POST },
	{ 0, "F9/Ctrl-X", N_("all quantities to 0 (scan from nothing)"),
	  UI_NEEDS_POST },
	{ 0, N_("Enter (empty) or F2/Ctrl-S"),
	  N_("post: asks the reason when it differs from the BOM"),
	  UI_NEEDS_POST },
	{ 27, "Esc", N_("clear the line; back (asks)"), UI_NEEDS_POST },
	{ 0, NULL, NULL, 0 }
};

#define OP(s, f)	dict_field_pos((s)->ent, (f))
#define LP(s, f)	dict_field_pos((s)->le, (f))

static void
panel_free(struct mo_state *s)
{
	size_t	 i;

	for (i = 0; i < s->nu; i++) {
		free(s->u[i].sku);
		free(s->u[i].name);
	}
	free(s->u);
	s->u = NULL;
	s->nu = s->ucur = s->utop = 0;
	s->panel = 0;
	ui_entry_clear(&s->entry);
}

static void
card_free(struct mo_state *s)
{
	panel_free(s);
	cr_rows_free(s->l, s->n);
	s->l = NULL;
	s->n = s->cur = s->top = 0;
	record_free(s->mo);
	s->mo = NULL;
}

static int
card_load(struct mo_state *s, uint64_t id, const char *code, char **cause)
{
	struct record	*o;
	size_t		 keep = s->cur;

	if (cr_get(s->app->client, s->ent, id, code, &o, cause) != 0)
		return (-1);
	card_free(s);
	s->mo = o;
	if (cr_lines(s->app->client, s->le, "order", record_id(o), &s->l,
	    &s->n, cause) != 0)
		return (-1);
	s->cur = keep < s->n ? keep : 0;
	return (0);
}

static void
reload(struct mo_state *s)
{
	char	*cause = NULL;

	browse_reload(s->list);
	if (s->mo == NULL)
		return;
	if (card_load(s, record_id(s->mo), NULL, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		card_free(s);
	}
}

static int
mo_open_screen(struct app *app, const char *arg, void **state, char **cause)
{
	struct mo_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("production_orders");
	s->le = dict_entity("mo_lines");
	s->list = browse_new(app, s->ent, NULL);
	/* The state fits at 80 (in Russian too); the card says the rest. */
	browse_hide(s->list, "kind");
	browse_hide(s->list, "made");
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
mo_close_screen(void *state)
{
	struct mo_state	*s = state;

	card_free(s);
	browse_free(s->list);
	free(s);
}

static const char *
status_of(const struct mo_state *s)
{
	const char	*st = record_str(s->mo, OP(s, "status"));

	return (st != NULL ? st : "draft");
}

static int
is(const struct mo_state *s, const char *st)
{
	return (strcmp(status_of(s), st) == 0);
}

static int
disassembly(const struct mo_state *s)
{
	const char	*k = record_str(s->mo, OP(s, "kind"));

	return (k != NULL && strcmp(k, "disassemble") == 0);
}

/* "SKU-1 needs 10, 4 available" with the product's name after its SKU
 * when the first word is one. */
static char *
with_name(struct mo_state *s, const char *part)
{
	const struct entity_def	*pe = dict_entity("products");
	struct record		*p;
	char			*sku, *out, *cause = NULL;
	const char		*sp = strchr(part, ' '), *nm;

	if (sp == NULL) {
		xasprintf(&out, "  %s", part);
		return (out);
	}
	sku = xstrdup(part);
	sku[sp - part] = '\0';
	if (cr_get(s->app->client, pe, 0, sku, &p, &cause) != 0) {
		free(cause);
		free(sku);
		xasprintf(&out, "  %s", part);
		return (out);
	}
	nm = record_str(p, dict_field_pos(pe, "name"));
	xasprintf(&out, "  %s %s:%s", sku, nm != NULL ? nm : "", sp);
	record_free(p);
	free(sku);
	return (out);
}

/*
 * A refusal in full: on the status line, and, when it names more than
 * fits there (the components short of a release), in a box, one part a
 * row ("short at MAIN:", then "SKU-1 needs 10, 4 available", ...).
 */
static void
refusal(struct mo_state *s, const char *code, const char *cause)
{
	char		*c = xstrdup(cause), *p, *q, **lines;
	size_t		 n = 0, cap = 8;
	char		 title[64];

	if (strncmp(cause, code, strlen(code)) == 0)
		s->app->message(s->app, 1, "%s", cause);
	else
		s->app->message(s->app, 1, "%s: %s", code, cause);
	if (ui_width(cause) + ui_width(code) + 2 <= 76) {
		free(c);
		return;
	}
	lines = xcalloc(cap, sizeof *lines);
	/* The head up to its last ": " before the first "; ". */
	q = strstr(c, "; ");
	if (q != NULL)
		*q = '\0';
	p = strrchr(c, ':');
	if (q != NULL)
		*q = ';';
	if (p != NULL && p[1] == ' ') {
		p[1] = '\0';
		lines[n++] = xstrdup(c);
		p += 2;
	} else
		p = c;
	while (p != NULL && *p != '\0') {
		q = strstr(p, "; ");
		if (q != NULL)
			*q = '\0';
		if (n + 1 >= cap)
			lines = xreallocarray(lines, cap *= 2, sizeof *lines);
		lines[n++] = with_name(s, p);
		p = q != NULL ? q + 2 : NULL;
	}
	snprintf(title, sizeof title, _("%s: refused"), code);
	ui_text_box(title, (const char *const *)lines, n);
	while (n > 0)
		free(lines[--n]);
	free(lines);
	free(c);
}

/* One action of op production on the order; 0 when done.  consume: the
 * panel's lines that differ from the BOM, with reason. */
static int
mo_request(struct mo_state *s, const char *action, int64_t qty,
    const char *reason)
{
	struct client_reply	 r;
	struct msgb		 m;
	char			 code[32], a[32], b[32], c[32];
	size_t			 i, nc = 0;
	int			 rc;

	snprintf(code, sizeof code, "%s", record_str(s->mo, FX_CODE));
	for (i = 0; i < s->nu; i++)
		if (s->u[i].used != s->u[i].std)
			nc++;
	client_req(s->app->client, &m, "production", 5);
	mb_kstr(&m, "action", action);
	mb_kstr(&m, "code", code);
	mb_kint(&m, "qty", qty);
	mb_kstr(&m, "reason", reason);
	mb_str(&m, "consume");
	mb_array(&m, nc);
	for (i = 0; i < s->nu; i++)
		if (s->u[i].used != s->u[i].std) {
			mb_map(&m, 2);
			mb_kstr(&m, "sku", s->u[i].sku);
			mb_kint(&m, "qty", s->u[i].used);
		}
	if ((rc = client_call(s->app->client, &m, &r)) != 0) {
		refusal(s, code, r.err != NULL ? r.err : _("refused"));
		client_reply_free(&r);
		return (-1);
	}
	client_wrote(s->app->client);
	if (strcmp(action, "release") == 0)
		s->app->message(s->app, 0, disassembly(s) ? _("%s released: "
		    "the product to take apart is reserved") : _("%s released: "
		    "its components are reserved"), code);
	else if (strcmp(action, "close") == 0)
		s->app->message(s->app, 0, _("%s closed: what it held is "
		    "released"), code);
	else if (strcmp(action, "cancel") == 0)
		s->app->message(s->app, 0, _("%s cancelled"), code);
	else {
		char	*st = mobj_strdup(r.data, "status");

		ui_qty(mobj_int(r.data, "done", 0), a, sizeof a);
		ui_qty(mobj_int(r.data, "made", 0), b, sizeof b);
		ui_qty(mobj_int(r.data, "qty", 0), c, sizeof c);
		s->app->message(s->app, 0, _("%s: %s made, %s of %s in all "
		    "(%s)"), code, a, b, c, dict_enum_word(st != NULL ? st :
		    "?"));
		free(st);
	}
	client_reply_free(&r);
	return (0);
}

/* --- the completion panel ---------------------------------------------- */

static int
panel_open(struct mo_state *s)
{
	const struct entity_def	*pe = dict_entity("products");
	const struct field_def	*qf = dict_field(s->ent, "qty");
	struct record		*p;
	struct value		 v;
	char			 buf[64], left[32], m[32], note[160];
	char			*cause = NULL;
	int64_t			 qty = record_int(s->mo, OP(s, "qty"));
	int64_t			 made = record_int(s->mo, OP(s, "made"));
	int64_t			 yield = record_int(s->mo, OP(s, "yield"));
	int64_t			 step, dec;
	size_t			 i;

	ui_qty(qty > made ? qty - made : 0, left, sizeof left);
	snprintf(buf, sizeof buf, "%s", left);
	ui_qty(made, m, sizeof m);
	snprintf(note, sizeof note, _("%s made so far"), m);
	if (!ui_ask_note(record_str(s->mo, FX_CODE), note, disassembly(s) ?
	    _("How many taken apart: ") : _("How many made: "), buf,
	    sizeof buf))
		return (0);
	if (value_parse(qf, buf, &v, &cause) != 0 || !v.set || v.i <= 0) {
		s->app->message(s->app, 1, _("quantity: %s"), cause != NULL ?
		    cause : _("more than 0 expected"));
		free(cause);
		return (0);
	}
	panel_free(s);
	s->make = v.i;
	if (disassembly(s))
		return (1);	/* no components to count: post as it is */
	s->u = xcalloc(s->n + 1, sizeof *s->u);
	for (i = 0; i < s->n; i++) {
		const struct record	*l = s->l[i];
		struct use		*u = &s->u[s->nu];

		if (cr_get(s->app->client, pe, (uint64_t)record_int(l,
		    LP(s, "product")), NULL, &p, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			panel_free(s);
			return (0);
		}
		step = 1000;
		for (dec = record_int(p, dict_field_pos(pe, "decimals"));
		    dec > 0 && step > 1; dec--)
			step /= 10;
		u->sku = xstrdup(record_str(p, FX_CODE));
		u->name = xstrdup(record_str(p, dict_field_pos(pe, "name")) ?
		    record_str(p, dict_field_pos(pe, "name")) : "");
		u->std = prod_need(made + v.i, record_int(l, LP(s, "qty")),
		    record_int(l, LP(s, "scrap")), yield, step) -
		    prod_need(made, record_int(l, LP(s, "qty")),
		    record_int(l, LP(s, "scrap")), yield, step);
		u->used = u->std;
		record_free(p);
		s->nu++;
	}
	s->panel = 1;
	return (1);
}

static int
panel_changed(const struct mo_state *s)
{
	size_t	 i;

	for (i = 0; i < s->nu; i++)
		if (s->u[i].used != s->u[i].std)
			return (1);
	return (0);
}

/* The completion posted: one request, with the reason when it differs. */
static void
panel_post(struct mo_state *s)
{
	char	 reason[201], q[200], n[32];

	reason[0] = '\0';
	if (panel_changed(s)) {
		do {
			if (!ui_ask(_("Used differs from the BOM"),
			    _("Reason: "), reason, sizeof reason))
				return;
		} while (reason[0] == '\0');
	} else {
		ui_qty(s->make, n, sizeof n);
		snprintf(q, sizeof q, disassembly(s) ? _("Post %s: %s taken "
		    "apart?") : _("Post %s: %s made, the components as the BOM "
		    "says?"), record_str(s->mo, FX_CODE), n);
		if (!ui_confirm(q))
			return;
	}
	if (mo_request(s, "produce", s->make, reason[0] != '\0' ? reason :
	    NULL) != 0)
		return;
	panel_free(s);
	reload(s);
}

/* A scanned or typed code: the component's line, its quantity counted. */
static void
panel_scan(struct mo_state *s, const char *term)
{
	struct record	*p = NULL;
	const char	*sku = term;
	char		*cause = NULL;
	int64_t		 pack = 1000;
	size_t		 i;

	for (i = 0; i < s->nu; i++)
		if (strcasecmp(s->u[i].sku, term) == 0)
			break;
	if (i == s->nu) {
		if (ui_product(s->app, term, &p, &pack, &cause) != 1) {
			if (cause != NULL)
				s->app->message(s->app, 1, "%s", cause);
			free(cause);
			record_free(p);
			return;
		}
		sku = record_str(p, FX_CODE);
		for (i = 0; i < s->nu; i++)
			if (strcmp(s->u[i].sku, sku) == 0)
				break;
	}
	if (i == s->nu) {
		s->app->message(s->app, 1, _("%s is not a component of %s"),
		    sku, record_str(s->mo, FX_CODE));
		record_free(p);
		return;
	}
	record_free(p);
	if (!s->u[i].touched) {
		s->u[i].touched = 1;
		s->u[i].used = 0;
	}
	s->u[i].used += pack;
	s->ucur = i;
}

static void
panel_type(struct mo_state *s)
{
	const struct field_def	*qf = dict_field(s->le, "actual");
	struct value		 v;
	char			 buf[64], title[160], *cause = NULL;
	struct use		*u;

	if (s->ucur >= s->nu)
		return;
	u = &s->u[s->ucur];
	ui_qty(u->used, buf, sizeof buf);
	snprintf(title, sizeof title, "%s %s", u->sku, u->name);
	if (!ui_ask(title, _("Used: "), buf, sizeof buf))
		return;
	if (value_parse(qf, buf, &v, &cause) != 0 || !v.set || v.i < 0) {
		s->app->message(s->app, 1, _("quantity: %s"), cause != NULL ?
		    cause : _("not negative expected"));
		free(cause);
		return;
	}
	u->used = v.i;
	u->touched = 1;
}

static unsigned
use_cells(void *arg, size_t i, const char **cells,
    char (*buf)[UI_LINES_CELL])
{
	struct mo_state		*s = arg;
	const struct use	*u = &s->u[i];

	snprintf(buf[0], UI_LINES_CELL, "%zu", i + 1);	/* i18n: no */
	cells[1] = u->sku;
	cells[2] = u->name;
	ui_qty(u->std, buf[3], UI_LINES_CELL);
	ui_qty(u->used, buf[4], UI_LINES_CELL);
	if (u->used != u->std)
		snprintf(buf[5], UI_LINES_CELL, "%s", u->used > u->std ?
		    "+" : "-");
	return (u->used != u->std ? A_BOLD : 0);
}

static void
panel_draw(struct mo_state *s, struct ui_region *rg)
{
	static const char *const head[] = {
		"#", N_("SKU"), N_("Name"), N_("By BOM"), N_("Used"), ""
	};
	/* «По спецификации» whole: 15. */
	static const int	 widths[] = { 3, 12, -1, 15, 10, 1 };
	struct ui_lines		 t = { head, widths, "rllrrl", 6, NULL,
				    use_cells, s };
	char			 line[256], n[32];
	char			*prod;
	int			 row = rg->y, last = rg->y + rg->h - 1;

	prod = ui_format(s->app, dict_field(s->ent, "product"),
	    &s->mo->v[OP(s, "product")]);
	ui_qty(s->make, n, sizeof n);
	snprintf(line, sizeof line, _("Completion of %s: %s of %s"),
	    record_str(s->mo, FX_CODE), n, prod);
	free(prod);
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, row++, rg->x, line, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	ui_put(rg->win, row++, rg->x, _("Scan what was used; untouched lines "
	    "go as the BOM says"), rg->w, 1);
	t.empty = _("(no components)");
	ui_lines_draw(rg->win, row, rg->x, rg->w, last - row - 1, &t, s->nu,
	    s->ucur, &s->utop);
	ui_entry_draw(rg->win, last - 1, rg->x, rg->w, _("Scan or SKU: "),
	    &s->entry);
	ui_put(rg->win, last, rg->x, _("Enter scan/post  F6 qty  F9 all 0  "
	    "F2 post  Esc back  F1/? help"), rg->w, 1);
}

static enum ui_result
panel_key(struct mo_state *s, struct ui_region *rg, int k, unsigned *redraw)
{
	char		 term[UI_ENTRY_MAX];
	size_t		 page = rg->h > 8 ? (size_t)rg->h - 6 : 1, i;

	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC) {
		if (*ui_entry_text(&s->entry) != '\0')
			ui_entry_clear(&s->entry);
		else if (!panel_changed(s) || ui_confirm(_("Leave the "
		    "completion unposted?")))
			panel_free(s);
		return (UI_CONTINUE);
	}
	if (UI_KEY_SAVE(k)) {
		panel_post(s);
		return (UI_CONTINUE);
	}
	if (UI_KEY_ENTER(k)) {
		snprintf(term, sizeof term, "%s", ui_entry_text(&s->entry));
		ui_entry_clear(&s->entry);
		if (term[0] == '\0')
			panel_post(s);
		else
			panel_scan(s, term);
		return (UI_CONTINUE);
	}
	if (k == UI_K(KEY_F(6)) || k == KEY_CTRL('q')) {
		panel_type(s);
		return (UI_CONTINUE);
	}
	if (k == UI_K(KEY_F(9)) || k == KEY_CTRL('x')) {
		for (i = 0; i < s->nu; i++) {
			s->u[i].used = 0;
			s->u[i].touched = 1;
		}
		return (UI_CONTINUE);
	}
	if (UI_KEY_UP(k) || UI_KEY_DOWN(k) || UI_KEY_PGUP(k) ||
	    UI_KEY_PGDN(k)) {
		ui_cursor_key(k, &s->ucur, s->nu, page);
		return (UI_CONTINUE);
	}
	ui_entry_key(&s->entry, k);
	return (UI_CONTINUE);
}

/* --- the card ------------------------------------------------------------ */

static unsigned
line_cells(void *arg, size_t i, const char **cells,
    char (*buf)[UI_LINES_CELL])
{
	struct mo_state		*s = arg;
	const struct record	*l = s->l[i];
	const struct field_def	*pf = dict_field(s->le, "product");

	ui_lines_ref(s->app, pf, record_int(l, LP(s, "line")),
	    record_int(l, LP(s, "product")), buf);
	ui_qty(record_int(l, LP(s, "planned")), buf[3], UI_LINES_CELL);
	ui_qty(record_int(l, LP(s, "reserved")), buf[4], UI_LINES_CELL);
	ui_qty(record_int(l, LP(s, "actual")), buf[5], UI_LINES_CELL);
	if (record_int(l, LP(s, "picked")) != 0)
		ui_qty(record_int(l, LP(s, "picked")), buf[6],
		    UI_LINES_CELL);
	return (0);
}

static char *
fmt(struct mo_state *s, const char *field)
{
	return (ui_format(s->app, dict_field(s->ent, field),
	    &s->mo->v[OP(s, field)]));
}

static void
card_draw(struct mo_state *s, struct ui_region *rg)
{
	static const char *const head[] = {
		"#", N_("SKU"), N_("Name"), N_("Needed"), N_("Reserved"),
		N_("Consumed"), N_("Picked")
	};
	static const int	 widths[] = { 3, 12, -1, 9, 9, 9, 7 };
	struct ui_lines		 t = { head, widths, "rllrrrr", 7, NULL,
				    line_cells, s };
	const struct field_def	*pf = dict_field(s->ent, "product");
	char			 line[512], q[32], m[32];
	char			*prod, *name, *bom, *cwh, *fwh, *st, *fi, *so;
	const char		*keys = "", *kind, *stw;
	int			 row = rg->y, last = rg->y + rg->h - 1;
	int			 post = auth_allowed(s->app->roles,
				    "production", ACT_POST);

	prod = fmt(s, "product");
	name = ui_ref_name(s->app, pf, record_int(s->mo, OP(s, "product")));
	ui_qty(record_int(s->mo, OP(s, "qty")), q, sizeof q);
	ui_qty(record_int(s->mo, OP(s, "made")), m, sizeof m);
	kind = ui_enum(dict_field(s->ent, "kind"), record_str(s->mo,
	    OP(s, "kind")));
	stw = ui_enum(dict_field(s->ent, "status"), status_of(s));
	snprintf(line, sizeof line, _("%s  %s  %s  made %s of %s"),
	    record_str(s->mo, FX_CODE), kind, stw, m, q);
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, row++, rg->x, line, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	bom = fmt(s, "bom");
	snprintf(line, sizeof line, _("Product %s %s   BOM %s"), prod,
	    name != NULL ? name : "", *bom ? bom : _("default"));
	ui_put(rg->win, row++, rg->x, line, rg->w, 1);
	cwh = fmt(s, "comp_warehouse");
	fwh = fmt(s, "fg_warehouse");
	st = fmt(s, "start");
	fi = fmt(s, "finish");
	so = fmt(s, "sales_order");
	snprintf(line, sizeof line, _("Components %s  goods %s  plan %s-%s  "
	    "for %s"), cwh, fwh, *st ? st : "?", *fi ? fi : "?",
	    *so ? so : _("stock"));
	ui_put(rg->win, row++, rg->x, line, rg->w, 1);
	free(prod);
	free(name);
	free(bom);
	free(cwh);
	free(fwh);
	free(st);
	free(fi);
	free(so);
	t.empty = is(s, "draft") ? _("(the lines come from the BOM at the "
	    "release)") : _("(no lines)");
	ui_lines_draw(rg->win, row, rg->x, rg->w, last - row, &t, s->n,
	    s->cur, &s->top);
	if (post) {
		if (is(s, "draft"))
			keys = _("r release  x cancel  e edit  ");
		else if (is(s, "released"))
			keys = _("m complete  c close  x cancel  e dates  ");
		else if (is(s, "in_progress"))
			keys = _("m complete  c close  e dates  ");
		else if (is(s, "done"))
			keys = _("c close  ");
	}
	snprintf(line, sizeof line, "%s%s", keys, _("Esc back  F1/? help"));
	ui_put(rg->win, last, rg->x, line, rg->w, 1);
}

static void
mo_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct mo_state		*s = state;
	struct ui_region	 l = ui_list_region(rg);
	unsigned		 r = 0;
	char			 line[256];
	const char		*st;
	int			 create;

	(void)redraw;
	if (s->mo != NULL && s->panel && rg->h >= 8) {
		panel_draw(s, rg);
		return;
	}
	if (s->mo != NULL && rg->h >= 8) {
		card_draw(s, rg);
		return;
	}
	if (s->fresh) {
		s->fresh = 0;
		browse_key(s->list, &l, UI_K(KEY_END), &r);
	}
	browse_draw(s->list, &l, 1);
	create = auth_allowed(s->app->roles, s->ent->area, ACT_CREATE);
	st = s->filter == 0 ? _("all") : ui_enum(dict_field(s->ent,
	    "status"), states[s->filter]);
	snprintf(line, sizeof line, create ? _("Enter open  n new  r m c x  "
	    "f state: %s  / search  Esc  F1") : _("Enter open  r m c x  "
	    "f state: %s  / search  Esc  F1"), st);
	if (rg->h > 3)
		ui_put(rg->win, rg->y + rg->h - 1, rg->x, line, rg->w, 1);
}

/* An order in a form: a new one or a draft whole, else what may change
 * once released (the planned dates, notes, the sales order). */
static int
order_edit(struct mo_state *s, struct ui_region *rg, struct record *o)
{
	static const char *const all[] = {
		"kind", "product", "qty", "bom", "comp_warehouse",
		"fg_warehouse", "start", "finish", "sales_order", "notes", NULL
	};
	static const char *const plan[] = {
		"start", "finish", "sales_order", "notes", NULL
	};
	const char		*st = record_str(o, OP(s, "status"));
	struct form_opts	 f;

	memset(&f, 0, sizeof f);
	f.title = record_str(o, FX_CODE) != NULL ? record_str(o, FX_CODE) :
	    _("New production order");
	f.only = st == NULL || strcmp(st, "draft") == 0 ? all : plan;
	return (form_edit(s->app, rg, o, &f));
}

static void
action(struct mo_state *s, const char *what, const char *question)
{
	if (!ui_may(s->app, s->ent, ACT_POST) || !ui_confirm(question))
		return;
	if (mo_request(s, what, 0, NULL) == 0)
		reload(s);
}

static enum ui_result
card_key(struct mo_state *s, struct ui_region *rg, int k, unsigned *redraw)
{
	struct record	*r;
	char		 q[256];
	const char	*code = record_str(s->mo, FX_CODE);
	size_t		 page = rg->h > 8 ? (size_t)rg->h - 6 : 1;

	if (s->panel)
		return (panel_key(s, rg, k, redraw));
	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC) {
		card_free(s);
		browse_reload(s->list);
		return (UI_CONTINUE);
	}
	if (ui_cursor_key(k, &s->cur, s->n, page))
		return (UI_CONTINUE);
	if (k == 'r' && is(s, "draft")) {
		snprintf(q, sizeof q, disassembly(s) ? _("Release %s: the "
		    "product to take apart is reserved?") : _("Release %s: its "
		    "components are reserved?"), code);
		action(s, "release", q);
	} else if (k == 'm' && (is(s, "released") || is(s, "in_progress"))) {
		if (ui_may(s->app, s->ent, ACT_POST) && panel_open(s) &&
		    !s->panel)
			panel_post(s);	/* a disassembly: nothing to count */
	} else if (k == 'c' && !is(s, "draft") && !is(s, "closed") &&
	    !is(s, "cancelled")) {
		snprintf(q, sizeof q, _("Close %s: what is still reserved is "
		    "released?"), code);
		action(s, "close", q);
	} else if (k == 'x' && (is(s, "draft") || is(s, "released"))) {
		snprintf(q, sizeof q, _("Cancel %s?"), code);
		action(s, "cancel", q);
	} else if (k == 'e' && ui_may(s->app, s->ent, ACT_EDIT) &&
	    !is(s, "closed") && !is(s, "cancelled")) {
		r = record_dup(s->mo);
		if (order_edit(s, rg, r))
			reload(s);
		record_free(r);
	}
	return (UI_CONTINUE);
}

static enum ui_result
mo_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct mo_state		*s = state;
	struct ui_region	 l = ui_list_region(rg);
	const struct record	*cur;
	struct record		*r;
	char			*cause = NULL;

	if (s->mo != NULL)
		return (card_key(s, rg, k, redraw));
	if (browse_key(s->list, &l, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	*redraw |= UI_REDRAW_ALL;
	if (UI_KEY_NEW(k) && ui_may(s->app, s->ent, ACT_CREATE)) {
		r = record_new(s->ent);
		if (order_edit(s, rg, r) && card_load(s, record_id(r), NULL,
		    &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			card_free(s);
		}
		record_free(r);
		browse_reload(s->list);
	} else if (k == 'f') {
		s->filter = (s->filter + 1) % (int)NSTATES;
		browse_filter_str(s->list, "status", states[s->filter]);
		browse_reload(s->list);
	} else if ((UI_KEY_ENTER(k) || k == 'r' || k == 'm' || k == 'c' ||
	    k == 'x') && (cur = browse_current(s->list)) != NULL) {
		if (card_load(s, record_id(cur), NULL, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			card_free(s);
		} else if (!UI_KEY_ENTER(k))
			/* The order's action from the list, as the man page
			 * says: on the selected row, its card then open. */
			return (card_key(s, rg, k, redraw));
	}
	return (UI_CONTINUE);
}

static const char *
mo_unsaved(void *state)
{
	struct mo_state	*s = state;

	return (s->panel && panel_changed(s) ? _("a completion not posted") :
	    NULL);
}

static const char *
mo_heading(void *state)
{
	struct mo_state	*s = state;

	return (s->mo != NULL ? record_str(s->mo, FX_CODE) : NULL);
}

const struct screen_def scr_production_orders = {
	.name = "production-orders", .code = "mo",
	.title = N_("Production orders"), .hotkey = '2',
	.area = "production", .open = mo_open_screen, .close = mo_close_screen,
	.draw = mo_draw, .key = mo_key, .actions = mo_actions,
	.unsaved = mo_unsaved, .heading = mo_heading,
};
