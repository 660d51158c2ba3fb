/*
 * Suppliers (:sup): the list, and a supplier's card: its details, what
 * the firm owes it (overdue, advances paid), its open receipts and its
 * purchase orders.  Enter opens a document in its screen, p pays the
 * supplier, e edits it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "client/money.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "ui/card.h"
#include "ui/form.h"
#include "xmalloc.h"

enum { SEC_OPEN, SEC_PO, NSEC };

struct sup_state {
	struct app		*app;
	const struct entity_def	*ent;
	struct browse		*list;
	struct record		*prev;		/* F3 in the form */
	/* The card, when open. */
	struct record		*card;
	struct cm_balance	 bal;
	int			 has_bal;
	struct browse		*pos;		/* its purchase orders */
	int			 sec;
	size_t			 cur, top;	/* in the open documents */
};

static const struct ui_action sup_actions[] = {
	{ '\n', "Enter", N_("open the supplier's card"), 0 },
	{ 'n', "n/Insert", N_("new supplier"), UI_NEEDS_WRITE },
	{ 'e', "e", N_("edit the supplier"), UI_NEEDS_WRITE },
	{ '/', "/", N_("search: name, code, phone digits, e-mail, INN"), 0 },
	{ 0, N_("In the card:"), "", 0 },
	{ '\t', "Tab", N_("open documents / purchase orders"), 0 },
	{ '\n', "Enter", N_("open the document in its screen"), 0 },
	{ 'p', "p", N_("pay the supplier"), UI_NEEDS_POST | UI_IN_FINANCE },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static void
card_close(struct sup_state *s)
{
	cm_balance_free(&s->bal);
	s->has_bal = 0;
	browse_free(s->pos);
	s->pos = NULL;
	record_free(s->card);
	s->card = NULL;
}

static int
card_open(struct sup_state *s, uint64_t id, const char *code)
{
	const struct entity_def	*po = dict_entity("purchase_orders");
	char			*cause = NULL;

	card_close(s);
	if (cr_get(s->app->client, s->ent, id, code, &s->card, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return (-1);
	}
	s->cur = s->top = 0;
	s->sec = SEC_OPEN;
	if (auth_allowed(s->app->roles, po->area, ACT_VIEW)) {
		s->pos = browse_new(s->app, po, NULL);
		browse_filter(s->pos, "supplier", (int64_t)record_id(s->card));
		browse_hide(s->pos, "supplier");
		browse_order(s->pos, "date", 1);
	}
	if (auth_allowed(s->app->roles, "sales", ACT_VIEW) ||
	    auth_allowed(s->app->roles, "finance", ACT_VIEW)) {
		if (cm_balance(s->app->client, record_str(s->card, FX_CODE), 1,
		    &s->bal, &cause) == 0)
			s->has_bal = 1;
		else
			free(cause);
	}
	return (0);
}

static int
sup_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct sup_state	*s;

	(void)cause;
	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("suppliers");
	s->list = browse_new(app, s->ent, "name");
	*state = s;
	if (arg != NULL && *arg != '\0')
		card_open(s, 0, arg);
	return (0);
}

static void
sup_close(void *state)
{
	struct sup_state	*s = state;

	card_close(s);
	browse_free(s->list);
	record_free(s->prev);
	free(s);
}

static void
open_docs_draw(struct sup_state *s, struct ui_region *rg)
{
	char	 d1[16], d2[16], m1[32], m2[32];
	size_t	 i;
	int	 y;

	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + (size_t)rg->h)
		s->top = s->cur - (size_t)rg->h + 1;
	for (y = 0; y < rg->h; y++) {
		struct buf		 b = { 0 };
		const struct cm_doc	*d;

		i = s->top + (size_t)y;
		if (i >= s->bal.ndocs) {
			ui_put(rg->win, rg->y + y, rg->x, i == 0 && y == 0 ?
			    (s->has_bal ? _("Nothing is owed for receipts "
			    "from this supplier.") : _("Your roles do not "
			    "show what is owed.")) : "", rg->w, 1);
			continue;
		}
		d = &s->bal.docs[i];
		ui_date(d->date, d1, sizeof d1);
		ui_date(d->due, d2, sizeof d2);
		money_format(d->amount, m1, sizeof m1, 1);
		money_format(d->amount - d->paid, m2, sizeof m2, 1);
		ui_cell(&b, d1, 10, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, d->code, 16, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, d2, 10, 0);
		buf_addc(&b, ' ');
		ui_cell(&b, m1, 15, 1);
		buf_addc(&b, ' ');
		ui_cell(&b, m2, 15, 1);
		buf_addc(&b, '\0');
		if (i == s->cur)
			wattron(rg->win, A_REVERSE);
		ui_put(rg->win, rg->y + y, rg->x, b.data, rg->w, 1);
		wattroff(rg->win, A_REVERSE);
		buf_free(&b);
	}
}

static void
card_draw(struct sup_state *s, struct ui_region *rg)
{
	static const char *const fields[] = {
		"code", "name", "inn", "kpp", "phone", "email", "lead_days",
		"terms_days", "credit_limit", "customer", "address"
	};
	static const char *const secs[NSEC] = {
		N_("Open receipts"), N_("Purchase orders")
	};
	struct ui_region	 sec;
	char			 owed[32], late[32], adv[32], line[256];
	char			 keys[256];
	int			 used, i, x;

	used = ui_card_head(s->app, rg, s->card, fields,
	    sizeof fields / sizeof fields[0]);
	if (s->has_bal) {
		money_format(s->bal.owed, owed, sizeof owed, 1);
		money_format(s->bal.overdue, late, sizeof late, 1);
		money_format(s->bal.advance, adv, sizeof adv, 1);
		snprintf(line, sizeof line, _("We owe %s, overdue %s, advances "
		    "paid %s"), owed, late, adv);
		if (s->bal.overdue > 0)
			wattron(rg->win, A_BOLD);
		ui_put(rg->win, rg->y + used++, rg->x, line, rg->w, 1);
		wattroff(rg->win, A_BOLD);
	}
	for (i = 0, x = 0; i < NSEC; i++) {
		if (i == s->sec)
			wattron(rg->win, A_REVERSE);
		x += ui_put(rg->win, rg->y + used, rg->x + x, _(secs[i]),
		    rg->w - x, 0);
		wattroff(rg->win, A_REVERSE);
		if (x < rg->w - 3)
			x += ui_put(rg->win, rg->y + used, rg->x + x, " | ",
			    rg->w - x, 0);
	}
	if (x < rg->w)
		ui_put(rg->win, rg->y + used, rg->x + x, "", rg->w - x, 1);
	used++;
	sec = *rg;
	sec.y = rg->y + used;
	sec.h = rg->h - used - 1;	/* the keys on the last row */
	if (sec.h < 2)
		return;
	snprintf(keys, sizeof keys, _("Tab section  Enter open  %s%sEsc "
	    "back  F1/? help"), ui_offers(s->app, scr_suppliers.area,
	    sup_actions, "p") ? _("p pay  ") : "", ui_offers(s->app,
	    scr_suppliers.area, sup_actions, "e") ? _("e edit  ") : "");
	ui_put(rg->win, rg->y + rg->h - 1, rg->x, keys, rg->w, 1);
	if (s->sec == SEC_PO && s->pos != NULL)
		browse_draw(s->pos, &sec, 1);
	else if (s->sec == SEC_PO) {
		for (i = 0; i < sec.h; i++)
			ui_put(rg->win, sec.y + i, rg->x, i == 0 ?
			    _("Your roles do not show purchase orders.") : "",
			    rg->w, 1);
	} else
		open_docs_draw(s, &sec);
}

static void
sup_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct sup_state	*s = state;
	struct ui_region	 l = ui_list_region(rg);

	(void)redraw;
	if (s->card != NULL) {
		card_draw(s, rg);
		return;
	}
	browse_draw(s->list, &l, 1);
	if (rg->h > 3)
		ui_put(rg->win, rg->y + rg->h - 1, rg->x, ui_offers(s->app,
		    scr_suppliers.area, sup_actions,
		    "n/Insert" /* i18n: no */) ? _("Enter card  n new  e edit"
		    "  / search  Esc back  F1/? help") :
		    _("Enter card  / search  Esc back  F1/? help"), rg->w, 1);
}

static void
sup_edit(struct sup_state *s, struct ui_region *rg, struct record *r)
{
	struct form_opts	 o;
	char			 title[128];

	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, "%s: %s", _(s->ent->title),
	    record_id(r) ? record_str(r, FX_CODE) : _("new"));
	o.title = title;
	o.prev = s->prev;
	o.readonly = record_id(r) != 0 && !auth_allowed(s->app->roles,
	    s->ent->area, ACT_EDIT);
	if (form_edit(s->app, rg, r, &o)) {
		record_free(s->prev);
		s->prev = record_dup(r);
		browse_show(s->list, record_id(r));
		if (s->card != NULL)
			card_open(s, record_id(r), NULL);
	}
}

static enum ui_result
card_key(struct sup_state *s, struct ui_region *rg, int k, unsigned *redraw)
{
	const struct record	*cur;
	struct record		*r;
	char			*cause = NULL, code[32];

	*redraw |= UI_REDRAW_ALL;
	if (s->sec == SEC_PO && s->pos != NULL &&
	    browse_key(s->pos, rg, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC) {
		card_close(s);
		return (UI_CONTINUE);
	}
	if (k == '\t' || k == UI_K(KEY_RIGHT) || k == UI_K(KEY_LEFT) ||
	    k == UI_K(KEY_BTAB)) {
		s->sec = (s->sec + 1) % NSEC;
	} else if (s->sec == SEC_OPEN && ui_cursor_key(k, &s->cur,
	    s->bal.ndocs, 10)) {
		/* moved */
	} else if (UI_KEY_ENTER(k) && s->sec == SEC_OPEN &&
	    s->cur < s->bal.ndocs) {
		s->app->open(s->app, "docs", s->bal.docs[s->cur].code);
	} else if (UI_KEY_ENTER(k) && s->sec == SEC_PO && s->pos != NULL &&
	    (cur = browse_current(s->pos)) != NULL) {
		s->app->open(s->app, "purchase-orders", record_str(cur,
		    FX_CODE));
	} else if (k == 'p' && ui_may(s->app, dict_entity("payments"),
	    ACT_POST)) {
		snprintf(code, sizeof code, "%s", record_str(s->card, FX_CODE));
		if (screen_pay_entry(s->app, rg, 1, code))
			card_open(s, 0, code);
	} else if (k == 'e' && ui_may(s->app, s->ent, ACT_EDIT)) {
		if (cr_get(s->app->client, s->ent, record_id(s->card), NULL,
		    &r, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return (UI_CONTINUE);
		}
		sup_edit(s, rg, r);
		record_free(r);
	}
	return (UI_CONTINUE);
}

static enum ui_result
sup_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct sup_state	*s = state;
	struct ui_region	 l = ui_list_region(rg);
	const struct record	*cur;
	struct record		*r;
	char			*cause = NULL;

	if (s->card != NULL)
		return (card_key(s, rg, k, redraw));
	if (browse_key(s->list, &l, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if (UI_KEY_ENTER(k) && (cur = browse_current(s->list)) != NULL) {
		card_open(s, record_id(cur), NULL);
		*redraw |= UI_REDRAW_ALL;
	} else if (UI_KEY_NEW(k) && ui_may(s->app, s->ent, ACT_CREATE)) {
		r = record_new(s->ent);
		sup_edit(s, rg, r);
		record_free(r);
		*redraw |= UI_REDRAW_ALL;
	} else if (k == 'e' && (cur = browse_current(s->list)) != NULL &&
	    ui_may(s->app, s->ent, ACT_EDIT)) {
		if (cr_get(s->app->client, s->ent, record_id(cur), NULL, &r,
		    &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return (UI_CONTINUE);
		}
		sup_edit(s, rg, r);
		record_free(r);
		*redraw |= UI_REDRAW_ALL;
	}
	return (UI_CONTINUE);
}

static const char *
sup_heading(void *state)
{
	struct sup_state	*s = state;
	static char		 buf[200];
	const char		*name;

	if (s->card == NULL)
		return (NULL);
	name = record_str(s->card, dict_field_pos(s->ent, "name"));
	snprintf(buf, sizeof buf, _("Supplier %s %s"), record_str(s->card,
	    FX_CODE), name != NULL ? name : "");
	return (buf);
}

const struct screen_def scr_suppliers = {
	.name = "suppliers", .code = "sup", .title = N_("Suppliers"),
	.hotkey = 'g', .area = "purchasing", .open = sup_open,
	.close = sup_close, .draw = sup_draw, .key = sup_key,
	.actions = sup_actions, .heading = sup_heading,
};
