/*
 * Shipments (:ship) and customer returns (:ret): the list of each, and
 * the document on the scanning machinery of scan.c.  `:ship SO-…` opens
 * the draft shipment of what is left of the order (made when there is
 * none), `:ship SHP-…` that shipment; `:ret SHP-…` a return against the
 * posted shipment, `:ret RET-…` that return.  Esc from a document opened
 * from the list goes back to the list.  A product kept by lots scanned
 * into a shipment asks its lot, the first to expire offered (scan.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "screens/scan.h"
#include "screens/screens.h"
#include "ui/archive.h"
#include "ui/browse.h"
#include "ui/print.h"
#include "xmalloc.h"

struct ship_state {
	struct app		*app;
	enum scan_kind		 kind;
	const struct entity_def	*ent;
	struct browse		*list;
	struct scan_state	*doc;		/* the document open, or NULL */
	int			 doc_only;	/* opened on it: Esc leaves */
	int			 fresh;
	int			 reload;
};

static const struct ui_action ship_actions[] = {
	{ 0, N_("In the list:"), "", 0 },
	{ '\n', "Enter", N_("open the shipment"), 0 },
	{ 'n', "n/Insert", N_("new shipment without an order"),
	  UI_NEEDS_WRITE },
	{ 'r', "r", N_("a return of the posted shipment"), UI_NEEDS_WRITE },
	{ 'P', "P", UI_PRINT_HELP, 0 },
	{ 'v', "v", N_("what was printed, mailed, attached (the archive)"),
	  0 },
	{ '/', "/", N_("search by number"), 0 },
	{ 0, ":ship SO-…", N_("the draft of what is left of the order"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, N_("In the shipment:"), "", 0 },
	{ 0, N_("digits + Enter"),
	  N_("a scan: one more of the product on its line"), 0 },
	{ 0, N_("SKU or name + Enter"),
	  N_("a typed product (a name: pick list)"), 0 },
	{ 0, "F4/Ctrl-L", N_("pick a product from a list by name"), 0 },
	{ 0, N_("Lots"), N_("a product kept by lots asks its lot: Enter"),
	  0 },
	{ 0, "", N_("takes the first to expire, offered"), 0 },
	{ 0, "Up/Down PgUp/PgDn", N_("the current line"), 0 },
	{ 0, "F6/Ctrl-Q", N_("type the current line's quantity"), 0 },
	{ 0, "F8/Ctrl-D", N_("take the current line off"), 0 },
	{ 0, "F9/Ctrl-X", N_("all quantities to 0 (scan what you pick)"), 0 },
	{ 0, "F7/Ctrl-W", N_("customer, warehouse, sales order"), 0 },
	{ 0, "F2/Ctrl-S", N_("save the draft"), UI_NEEDS_WRITE },
	{ 0, "F5/Ctrl-T", N_("post: the goods leave (asks first)"),
	  UI_NEEDS_POST },
	{ 'P', "P", N_("print it, once posted"), 0 },
	{ 27, "Esc", N_("errors read; clear the line; back (asks)"), 0 },
	{ 0, N_("Columns"), N_("Qty this shipment; Left to ship of the"), 0 },
	{ 0, "", N_("order; Ordered; Before: shipped already"), 0 },
	{ 0, NULL, NULL, 0 }
};

static const struct ui_action ret_actions[] = {
	{ 0, N_("In the list:"), "", 0 },
	{ '\n', "Enter", N_("open the return"), 0 },
	{ 'n', "n/Insert", N_("new return: asks the shipment"),
	  UI_NEEDS_WRITE },
	{ '/', "/", N_("search by number"), 0 },
	{ 0, ":ret SHP-…", N_("a return against that shipment"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, N_("In the return:"), "", 0 },
	{ 0, N_("digits + Enter"),
	  N_("a scan: one more of the product on its line"), 0 },
	{ 0, "Up/Down PgUp/PgDn", N_("the current line"), 0 },
	{ 0, "F6/Ctrl-Q", N_("type the current line's quantity"), 0 },
	{ 0, "F8/Ctrl-D", N_("take the current line off"), 0 },
	{ 0, "F7/Ctrl-W", N_("the shipment, the reason"), 0 },
	{ 0, "F2/Ctrl-S", N_("save the draft"), UI_NEEDS_WRITE },
	{ 0, "F5/Ctrl-T", N_("post: the goods back in stock (asks the "
	  "reason)"), UI_NEEDS_POST },
	{ 27, "Esc", N_("errors read; clear the line; back (asks)"), 0 },
	{ 0, N_("Columns"), N_("Qty this return; Left to return; Shipped;"),
	  0 },
	{ 0, "", N_("Before: returned already"), 0 },
	{ 0, NULL, NULL, 0 }
};

static int
ship_open_kind(struct app *app, enum scan_kind kind, const char *arg,
    void **state, char **cause)
{
	struct ship_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->kind = kind;
	s->ent = dict_entity(kind == SCAN_SHIP ? "shipments" :
	    "customer_returns");
	s->list = browse_new(app, s->ent, NULL);
	browse_hide(s->list, "warehouse");
	s->fresh = 1;
	*state = s;
	if (arg != NULL) {
		if (scan_open(app, kind, arg, &s->doc, cause) != 0) {
			browse_free(s->list);
			free(s);
			*state = NULL;
			return (-1);
		}
		s->doc_only = 1;
	}
	return (0);
}

static int
ship_open(struct app *app, const char *arg, void **state, char **cause)
{
	return (ship_open_kind(app, SCAN_SHIP, arg, state, cause));
}

static int
ret_open(struct app *app, const char *arg, void **state, char **cause)
{
	return (ship_open_kind(app, SCAN_RET, arg, state, cause));
}

static void
ship_close(void *state)
{
	struct ship_state	*s = state;

	scan_close(s->doc);
	browse_free(s->list);
	free(s);
}

static struct ui_region
list_region(const struct ui_region *rg)
{
	struct ui_region	 l = *rg;

	if (l.h > 3)
		l.h--;
	return (l);
}

static void
ship_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct ship_state	*s = state;
	struct ui_region	 l = list_region(rg);
	unsigned		 r = 0;
	int			 write = auth_allowed(s->app->roles,
				    s->ent->area, ACT_CREATE);

	if (s->doc != NULL) {
		scan_draw(s->doc, rg, redraw);
		return;
	}
	if (s->fresh) {
		/* The newest at hand. */
		s->fresh = 0;
		browse_key(s->list, &l, UI_K(KEY_END), &r);
	}
	if (s->reload) {
		s->reload = 0;
		browse_reload(s->list);
	}
	browse_draw(s->list, &l, 1);
	if (rg->h > 3)
		ui_put(rg->win, rg->y + rg->h - 1, rg->x, s->kind == SCAN_SHIP ?
		    (write ? _("Enter open  n new  r return  P print  / search"
		    "  Esc back  F1/? help") : _("Enter open  P print  / "
		    "search  Esc back  F1/? help")) : (write ? _("Enter open  n new  / search  Esc "
		    "back  F1/? help") : _("Enter open  / search  Esc back  "
		    "F1/? help")), rg->w, 1);
}

static void
doc_open(struct ship_state *s, const char *code)
{
	char	*cause = NULL;

	if (scan_open(s->app, s->kind, code, &s->doc, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause != NULL ? cause :
		    _("cannot open"));
		free(cause);
		s->doc = NULL;
	}
}

static enum ui_result
ship_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct ship_state	*s = state;
	struct ui_region	 l = list_region(rg);
	const struct record	*cur;
	const char		*st;
	char			 code[32];
	enum ui_result		 res;

	if (s->doc != NULL) {
		res = scan_key(s->doc, rg, k, redraw);
		if (res != UI_BACK || s->doc_only)
			return (res);
		scan_close(s->doc);
		s->doc = NULL;
		s->reload = 1;
		*redraw |= UI_REDRAW_ALL;
		return (UI_CONTINUE);
	}
	if (browse_key(s->list, &l, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	*redraw |= UI_REDRAW_ALL;
	if (UI_KEY_NEW(k)) {
		if (ui_may(s->app, s->ent, ACT_CREATE))
			doc_open(s, NULL);
		return (UI_CONTINUE);
	}
	if ((cur = browse_current(s->list)) == NULL)
		return (UI_CONTINUE);
	snprintf(code, sizeof code, "%s", record_str(cur, FX_CODE));
	st = record_str(cur, dict_field_pos(s->ent, "status"));
	if (UI_KEY_ENTER(k))
		doc_open(s, code);
	else if (k == 'P' && s->kind == SCAN_SHIP)
		ui_print(s->app, s->ent, code);
	else if (k == 'v' && s->kind == SCAN_SHIP)
		ui_archive_box(s->app, code);
	else if (k == 'r' && s->kind == SCAN_SHIP) {
		if (st == NULL || strcmp(st, "posted") != 0)
			s->app->message(s->app, 1, _("%s is %s: goods come "
			    "back against a posted shipment"), code,
			    ui_enum(dict_field(s->ent, "status"), st));	/* i18n: no */
		else if (ui_may(s->app, s->ent, ACT_CREATE))
			s->app->open(s->app, "ret", code);
	}
	return (UI_CONTINUE);
}

static const char *
ship_unsaved(void *state)
{
	struct ship_state	*s = state;

	return (s->doc != NULL ? scan_unsaved(s->doc) : NULL);
}

static void
ship_hangup(void *state)
{
	struct ship_state	*s = state;

	if (s->doc != NULL)
		scan_hangup(s->doc);
}

const struct screen_def scr_shipments = {
	.name = "shipments", .code = "ship", .title = N_("Shipments"),
	.hotkey = 'h', .area = "shipping", .open = ship_open,
	.close = ship_close, .draw = ship_draw, .key = ship_key,
	.actions = ship_actions, .unsaved = ship_unsaved,
	.hangup = ship_hangup,
};

const struct screen_def scr_returns = {
	.name = "returns", .code = "ret", .title = N_("Customer returns"),
	.hotkey = 'v', .area = "shipping", .open = ret_open,
	.close = ship_close, .draw = ship_draw, .key = ship_key,
	.actions = ret_actions, .unsaved = ship_unsaved,
	.hangup = ship_hangup,
};
