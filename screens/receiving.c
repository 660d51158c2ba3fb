/*
 * Receiving (:recv) and the stock count (:count): the scanning document
 * of scan.c on a screen of its own.
 */
#include "config.h"

#include <stddef.h>

#include "auth.h"
#include "i18n.h"
#include "screens/scan.h"
#include "screens/screens.h"

static const struct ui_action recv_actions[] = {
	{ 0, N_("digits + Enter"),
	  N_("a scan: adds the units one scan counts"), 0 },
	{ 0, N_("SKU or name + Enter"),
	  N_("a typed product (a name: pick list)"), 0 },
	{ 0, "F4/Ctrl-L", N_("pick a product from a list by name"), 0 },
	{ 0, "Up/Down PgUp/PgDn", N_("the current line"), 0 },
	{ 0, "F6/Ctrl-Q", N_("type the current line's quantity"), 0 },
	{ 0, "F8/Ctrl-D", N_("take the current line off"), 0 },
	{ 0, "F9/Ctrl-X", N_("all quantities to 0 (scan from nothing)"), 0 },
	{ 0, "F7/Ctrl-W", N_("warehouse, supplier, purchase order"), 0 },
	{ 0, "F2/Ctrl-S", N_("save the draft"), UI_NEEDS_WRITE },
	{ 0, "F5/Ctrl-T", N_("post: into stock (asks first)"), UI_NEEDS_POST },
	{ 27, "Esc", N_("errors read; clear the line; back (asks)"), 0 },
	{ 0, "", "", 0 },
	{ 0, N_("Columns"),
	  N_("Qty this receipt; Expected still to come on"), 0 },
	{ 0, "", N_("the order; Ordered; Before: received already"), 0 },
	{ 0, NULL, NULL, 0 }
};

static const struct ui_action count_actions[] = {
	{ 0, N_("digits + Enter"),
	  N_("a scan: counts the units one scan holds"), 0 },
	{ 0, N_("SKU or name + Enter"),
	  N_("a typed product (a name: pick list)"), 0 },
	{ 0, "F4/Ctrl-L", N_("pick a product from a list by name"), 0 },
	{ 0, "Up/Down PgUp/PgDn", N_("the current line"), 0 },
	{ 0, "F6/Ctrl-Q", N_("type the counted quantity of the line"), 0 },
	{ 0, "F8/Ctrl-D", N_("take the current line off"), 0 },
	{ 0, "F7/Ctrl-W", N_("warehouse; blind (book quantities hidden)"), 0 },
	{ 0, "F2/Ctrl-S", N_("save the draft"), UI_NEEDS_WRITE },
	{ 0, "F5/Ctrl-T", N_("post: the differences to the book (asks)"),
	  UI_NEEDS_POST },
	{ 27, "Esc", N_("errors read; clear the line; back (asks)"), 0 },
	{ 0, NULL, NULL, 0 }
};

static int
recv_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct scan_state	*s;

	if (scan_open(app, SCAN_RECV, arg, &s, cause) != 0)
		return (-1);
	*state = s;
	return (0);
}

static int
count_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct scan_state	*s;

	if (scan_open(app, SCAN_COUNT, arg, &s, cause) != 0)
		return (-1);
	*state = s;
	return (0);
}

static void
recv_close(void *state)
{
	scan_close(state);
}

static void
recv_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	scan_draw(state, rg, redraw);
}

static enum ui_result
recv_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	return (scan_key(state, rg, k, redraw));
}

static const char *
recv_unsaved(void *state)
{
	return (scan_unsaved(state));
}

static void
recv_hangup(void *state)
{
	scan_hangup(state);
}

const struct screen_def scr_receiving = {
	.name = "receiving", .code = "recv", .title = N_("Receiving"),
	.hotkey = 'r', .area = "stock", .act = ACT_CREATE, .open = recv_open,
	.close = recv_close, .draw = recv_draw, .key = recv_key,
	.actions = recv_actions, .unsaved = recv_unsaved,
	.hangup = recv_hangup,
};

const struct screen_def scr_count = {
	.name = "count", .code = "count", .title = N_("Stock count"),
	.hotkey = 'i', .area = "stock", .act = ACT_CREATE, .open = count_open,
	.close = recv_close, .draw = recv_draw, .key = recv_key,
	.actions = count_actions, .unsaved = recv_unsaved,
	.hangup = recv_hangup,
};
