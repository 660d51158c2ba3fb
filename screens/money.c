/*
 * Money: payments (:pay) and accounts (:acct).
 *
 * :pay lists the payments (:pay ACCOUNT those of one account), newest at
 * the end; n takes a payment in from a customer, o one out to a
 * supplier, c cancels the one under the cursor.  The entry: the
 * counterparty by any part of its name, code, INN or phone, the amount,
 * then its open documents (invoices, shipments; a supplier's receipts)
 * to tick off with Space; the ticked ones are paid in their order, what
 * is left is an advance.  F2 posts.
 *
 * :acct lists the bank accounts and cash desks with their balances;
 * Enter edits one, m shows its movements.
 *
 * :inv, the invoices, is the order entry's (orders.c): an invoice is
 * entered as an order is.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "client/docs.h"
#include "client/money.h"
#include "client/orders.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/archive.h"
#include "ui/browse.h"
#include "ui/form.h"
#include "ui/lookup.h"
#include "ui/print.h"
#include "xmalloc.h"

#define PAY_DOCS_MAX	200

/* --- the entry ----------------------------------------------------------- */

enum { F_PARTY, F_AMOUNT, F_DATE, F_ACCOUNT, F_PURPOSE, F_DOCS, NF };

struct pdoc {
	char		 code[32];
	int64_t		 date, due, open;
	int		 ticked;
	int		 request;	/* an invoice: asks, owes nothing */
};

struct entry {
	struct app		*app;
	struct ui_region	*rg;
	int			 out;
	int			 focus;
	char			 text[F_DOCS][128];
	struct record		*party;		/* picked */
	struct cm_balance	 bal;
	struct pdoc		*docs;
	size_t			 ndocs, cur, top;
	int			 dirty;
};

static const char *
field_label(int i)
{
	switch (i) {
	case F_PARTY:
		return (_("Counterparty"));
	case F_AMOUNT:
		return (_("Amount"));
	case F_DATE:
		return (_("Date"));
	case F_ACCOUNT:
		return (_("Account"));
	default:
		return (_("Purpose"));
	}
}

static int
blank(const char *s)
{
	return (s[strspn(s, " ")] == '\0');
}

/* The amount typed, or -1. */
static int64_t
entry_amount(struct entry *e)
{
	int64_t	 v;
	char	*why = NULL;

	if (blank(e->text[F_AMOUNT]) ||
	    money_parse(e->text[F_AMOUNT], &v, &why) != 0) {
		free(why);
		return (-1);
	}
	return (v);
}

/* The ticked documents' sum: of the invoices (request) or of what is
 * owed for (shipments, receipts). */
static int64_t
ticked_sum(struct entry *e, int request)
{
	int64_t	 sum = 0;
	size_t	 i;

	for (i = 0; i < e->ndocs; i++)
		if (e->docs[i].ticked && e->docs[i].request == request)
			sum += e->docs[i].open;
	return (sum);
}

/*
 * What each ticked document gets of the amount, in their order (all of
 * what is open when no amount is typed yet).  An invoice and the shipment
 * it asks for are the same money, and the server settles an invoice's
 * shipments with it: when invoices are ticked, they take the amount, and
 * what is owed is settled from them (oldest first for the rest).
 */
static int64_t
doc_share(struct entry *e, size_t k)
{
	int64_t	 left = entry_amount(e), take;
	size_t	 i;

	if (!e->docs[k].request && ticked_sum(e, 1) > 0)
		return (0);
	if (left < 0)
		left = ticked_sum(e, e->docs[k].request);
	for (i = 0; i < e->ndocs; i++) {
		if (!e->docs[i].ticked ||
		    e->docs[i].request != e->docs[k].request)
			continue;
		take = left < 0 || e->docs[i].open < left ? e->docs[i].open :
		    left;
		if (i == k)
			return (take);
		if (left >= 0)
			left -= take;
	}
	return (0);
}

static void
entry_draw(struct entry *e)
{
	struct ui_region	*rg = e->rg;
	char			 buf[256], d1[16], d2[16], m1[32], m2[32];
	int			 i, y, lw = 14, body;
	size_t			 k;

	for (i = 1; i < rg->h; i++)
		ui_put(rg->win, rg->y + i, rg->x, "", rg->w, 1);
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, rg->y, rg->x, e->out ? _("New payment out, to a "
	    "supplier") : _("New payment in, from a customer"), rg->w, 1);
	wattroff(rg->win, A_BOLD);
	for (i = 0; i < F_DOCS; i++) {
		y = rg->y + 2 + i;
		ui_put(rg->win, y, rg->x, field_label(i), lw, 1);
		if (i == F_PARTY && e->party != NULL) {
			int	 np = dict_field_pos(e->party->ent,
				    "name");	/* i18n: no */

			snprintf(buf, sizeof buf, "%s  %s",
			    record_str(e->party, FX_CODE),
			    record_str(e->party, np));
			ui_put(rg->win, y, rg->x + lw, buf, rg->w - lw, 1);
		} else
			ui_put(rg->win, y, rg->x + lw, e->text[i], rg->w - lw,
			    1);
	}
	y = rg->y + 2 + F_DOCS + 1;
	if (e->party != NULL) {
		money_format(e->bal.owed, m1, sizeof m1, 1);
		money_format(e->bal.advance, m2, sizeof m2, 1);
		snprintf(buf, sizeof buf, e->out ? _("We owe %s, advances "
		    "paid %s; open documents (Space ticks them):") :
		    _("Owes us %s, advances %s; open documents (Space ticks "
		    "them):"), m1, m2);
	} else
		snprintf(buf, sizeof buf, "%s", _("Pick the counterparty: "
		    "type part of its name, code, INN or phone, Enter."));
	ui_put(rg->win, y, rg->x, buf, rg->w, 1);
	body = rg->h - (y - rg->y) - 2;
	if (e->cur < e->top)
		e->top = e->cur;
	if (body > 0 && e->cur >= e->top + (size_t)body)
		e->top = e->cur - (size_t)body + 1;
	for (i = 0; i < body; i++) {
		k = e->top + (size_t)i;
		if (k >= e->ndocs) {
			ui_put(rg->win, y + 1 + i, rg->x, k == 0 && i == 0 &&
			    e->party != NULL ? _("  (none: the payment is an "
			    "advance)") : "", rg->w, 1);
			continue;
		}
		ui_date(e->docs[k].date, d1, sizeof d1);
		ui_date(e->docs[k].due, d2, sizeof d2);
		money_format(e->docs[k].open, m1, sizeof m1, 1);
		if (e->docs[k].ticked)
			money_format(doc_share(e, k), m2, sizeof m2, 1);
		else
			m2[0] = '\0';
		{
			struct buf	 b = { 0 };

			buf_adds(&b, e->docs[k].ticked ? "[x] " : "[ ] ");
			ui_cell(&b, e->docs[k].code, 17, 0);
			buf_addc(&b, ' ');
			ui_cell(&b, d1, 10, 0);
			buf_addc(&b, ' ');
			ui_cell(&b, d2, 10, 0);
			buf_addc(&b, ' ');
			ui_cell(&b, m1, 14, 1);
			buf_addc(&b, ' ');
			ui_cell(&b, m2, 14, 1);
			buf_addc(&b, '\0');
			if (e->focus == F_DOCS && k == e->cur)
				wattron(rg->win, A_REVERSE);
			ui_put(rg->win, y + 1 + i, rg->x, b.data, rg->w, 1);
			wattroff(rg->win, A_REVERSE);
			buf_free(&b);
		}
	}
	ui_put(rg->win, rg->y + rg->h - 1, rg->x, _("F2 post  Tab next  "
	    "Space tick  F4 list  Esc back"), rg->w, 1);
	wnoutrefresh(rg->win);
}

static int
pdoc_cmp(const void *a, const void *b)
{
	const struct pdoc	*x = a, *y = b;

	if (x->due != y->due)
		return (x->due < y->due ? -1 : 1);
	return (strcmp(x->code, y->code));
}

/* The party's open documents: unpaid invoices (a customer's), then the
 * shipments (receipts) still owed for, oldest due first. */
static void
entry_load(struct entry *e)
{
	const struct entity_def	*ie = dict_entity("invoices");
	struct record		**rows = NULL;
	struct value		 from;
	char			*cause = NULL;
	size_t			 n = 0, i;
	int			 st = dict_field_pos(ie, "status");

	cm_balance_free(&e->bal);
	free(e->docs);
	e->docs = NULL;
	e->ndocs = e->cur = e->top = 0;
	if (cm_balance(e->app->client, record_str(e->party, FX_CODE), e->out,
	    &e->bal, &cause) != 0) {
		e->app->message(e->app, 1, "%s", cause);
		free(cause);
		return;
	}
	e->docs = xcalloc(e->bal.ndocs + PAY_DOCS_MAX + 1, sizeof *e->docs);
	if (!e->out && auth_allowed(e->app->roles, ie->area, ACT_VIEW)) {
		memset(&from, 0, sizeof from);
		from.set = 1;
		from.i = (int64_t)record_id(e->party);
		if (cr_scan(e->app->client, ie, "customer", &from, 0, 1,
		    PAY_DOCS_MAX, &rows, &n, &cause) != 0) {
			free(cause);
			n = 0;
		}
		for (i = 0; i < n; i++) {
			const char	*s = record_str(rows[i], st);
			struct pdoc	*d;

			if ((uint64_t)record_int(rows[i], dict_field_pos(ie,
			    "customer")) != record_id(e->party) || s == NULL ||
			    (strcmp(s, "unpaid") != 0 &&
			    strcmp(s, "part_paid") != 0))
				continue;
			d = &e->docs[e->ndocs++];
			d->request = 1;
			snprintf(d->code, sizeof d->code, "%s",
			    record_str(rows[i], FX_CODE));
			d->date = record_int(rows[i], dict_field_pos(ie,
			    "date"));
			d->due = record_int(rows[i], dict_field_pos(ie,
			    "due_date"));
			d->open = record_int(rows[i], dict_field_pos(ie,
			    "gross")) - record_int(rows[i], dict_field_pos(ie,
			    "paid"));
		}
		cr_rows_free(rows, n);
		xqsort(e->docs, e->ndocs, sizeof *e->docs, pdoc_cmp);
	}
	for (i = 0; i < e->bal.ndocs; i++) {
		struct pdoc	*d = &e->docs[e->ndocs++];

		snprintf(d->code, sizeof d->code, "%s", e->bal.docs[i].code);
		d->date = e->bal.docs[i].date;
		d->due = e->bal.docs[i].due;
		d->open = e->bal.docs[i].amount - e->bal.docs[i].paid;
	}
}

static void
entry_pick_party(struct entry *e)
{
	struct record	*r;

	if (ui_lookup(e->app, e->out ? _("Supplier") : _("Customer"),
	    dict_entity(e->out ? "suppliers" : "customers"),
	    e->text[F_PARTY], &r) != 1)
		return;
	record_free(e->party);
	e->party = r;
	snprintf(e->text[F_PARTY], sizeof e->text[F_PARTY], "%s",
	    record_str(r, FX_CODE));
	entry_load(e);
	e->focus = F_AMOUNT;
}

static void
entry_pick_account(struct entry *e)
{
	struct record	*r;

	if (ui_lookup(e->app, _("Account"), dict_entity("accounts"),
	    e->text[F_ACCOUNT], &r) != 1)
		return;
	snprintf(e->text[F_ACCOUNT], sizeof e->text[F_ACCOUNT], "%s",
	    record_str(r, FX_CODE));
	record_free(r);
}

/* Post; 1 when posted. */
static int
entry_post(struct entry *e)
{
	struct cm_payment	 p;
	struct buf		 docs = { 0 };
	char			 code[32], m[32], *cause = NULL;
	int64_t			 amount = entry_amount(e), day = 0;
	size_t			 i;
	int			 rc;

	if (e->party == NULL) {
		e->app->message(e->app, 1, "%s", _("Counterparty: pick one "
		    "first"));
		e->focus = F_PARTY;
		return (0);
	}
	if (amount < 0) {
		/* Nothing typed: the ticked invoices' sum, else the ticked
		 * shipments' (not both: the same money). */
		amount = ticked_sum(e, 1) > 0 ? ticked_sum(e, 1) :
		    ticked_sum(e, 0);
		if (!blank(e->text[F_AMOUNT]) || amount <= 0) {
			e->app->message(e->app, 1, "%s", _("Amount: an amount "
			    "more than 0, like 1234.56"));
			e->focus = F_AMOUNT;
			return (0);
		}
	}
	if (!blank(e->text[F_DATE]) &&
	    date_parse(e->text[F_DATE], &day, &cause) != 0) {
		e->app->message(e->app, 1, _("Date: %s"), cause);
		free(cause);
		e->focus = F_DATE;
		return (0);
	}
	for (i = 0; i < e->ndocs; i++) {
		if (!e->docs[i].ticked || doc_share(e, i) <= 0)
			continue;
		money_format(doc_share(e, i), m, sizeof m, 0);
		buf_printf(&docs, "%s%s:%s", docs.len > 0 ? " " : "",
		    e->docs[i].code, m);
	}
	buf_addc(&docs, '\0');
	memset(&p, 0, sizeof p);
	p.out = e->out;
	p.party = record_str(e->party, FX_CODE);
	p.account = !blank(e->text[F_ACCOUNT]) ? e->text[F_ACCOUNT] : NULL;
	p.date = day;
	p.amount = amount;
	p.document = docs.data[0] != '\0' ? docs.data : NULL;
	p.purpose = !blank(e->text[F_PURPOSE]) ? e->text[F_PURPOSE] : NULL;
	rc = cm_pay(e->app->client, &p, code, &cause);
	buf_free(&docs);
	if (rc != 0) {
		e->app->message(e->app, 1, _("not posted: %s"), cause);
		free(cause);
		return (0);
	}
	money_format(amount, m, sizeof m, 1);
	e->app->message(e->app, 0, _("payment %s posted: %s"), code, m);
	return (1);
}

int
screen_pay_entry(struct app *app, struct ui_region *rg, int out,
    const char *party)
{
	struct entry	 e;
	char		 before[128], *cause = NULL;
	int		 k, posted = 0, y;

	memset(&e, 0, sizeof e);
	e.app = app;
	e.rg = rg;
	e.out = out;
	/* From a card: its customer (supplier) is the counterparty. */
	if (party != NULL) {
		if (cr_get(app->client, dict_entity(out ? "suppliers" :
		    "customers"), 0, party, &e.party, &cause) != 0) {
			app->message(app, 1, "%s", cause);
			free(cause);
			return (0);
		}
		snprintf(e.text[F_PARTY], sizeof e.text[F_PARTY], "%s", party);
		entry_load(&e);
		e.focus = F_AMOUNT;
	}
	for (;;) {
		entry_draw(&e);
		doupdate();
		if (e.focus == F_DOCS) {
			k = ui_getkey();
		} else {
			y = rg->y + 2 + e.focus;
			memcpy(before, e.text[e.focus], sizeof before);
			if (e.focus == F_PARTY && e.party != NULL)
				snprintf(e.text[F_PARTY],
				    sizeof e.text[F_PARTY],
				    "%s", record_str(e.party, FX_CODE));
			k = ui_edit_line(rg->win, y, rg->x + 14, rg->w - 14,
			    e.text[e.focus], sizeof e.text[e.focus], NULL,
			    NULL);
			if (strcmp(before, e.text[e.focus]) != 0) {
				e.dirty = 1;
				if (e.focus == F_PARTY && e.party != NULL) {
					/* Typed over: pick again. */
					record_free(e.party);
					e.party = NULL;
					cm_balance_free(&e.bal);
					free(e.docs);
					e.docs = NULL;
					e.ndocs = 0;
				}
			}
		}
		if (k == UI_KEY_HANGUP)
			break;
		if (k == UI_KEY_INTR) {
			if (!e.dirty || ui_confirm(_("Leave kontor? What you "
			    "typed here is not saved and will be lost."))) {
				app->quit = 1;
				break;
			}
		} else if (k == UI_KEY_ESC) {
			if (!e.dirty || ui_confirm(_("Discard your changes?")))
				break;
		} else if (k == UI_KEY_RESIZE) {
			app->relayout(app);
		} else if (UI_KEY_SAVE(k)) {
			if ((posted = entry_post(&e)) != 0)
				break;
		} else if (UI_KEY_LOOKUP(k) && e.focus == F_PARTY) {
			entry_pick_party(&e);
		} else if (UI_KEY_LOOKUP(k) && e.focus == F_ACCOUNT) {
			entry_pick_account(&e);
		} else if (e.focus == F_DOCS && k == ' ' && e.ndocs > 0) {
			e.docs[e.cur].ticked = !e.docs[e.cur].ticked;
			e.dirty = 1;
			if (e.cur + 1 < e.ndocs)
				e.cur++;
		} else if (e.focus == F_DOCS && (UI_KEY_UP(k) ||
		    UI_KEY_DOWN(k) || UI_KEY_PGUP(k) || UI_KEY_PGDN(k) ||
		    UI_KEY_HOME(k) || UI_KEY_END(k))) {
			if (UI_KEY_UP(k) && e.cur == 0)
				e.focus = F_PURPOSE;
			else
				ui_cursor_key(k, &e.cur, e.ndocs, 10);
		} else if (UI_KEY_ENTER(k) && e.focus == F_PARTY &&
		    e.party == NULL) {
			entry_pick_party(&e);
		} else if (UI_KEY_ENTER(k) && e.focus == F_AMOUNT) {
			/* The amount typed: on to the documents. */
			e.focus = F_DOCS;
		} else if (k == '\t' || UI_KEY_ENTER(k) || UI_KEY_DOWN(k)) {
			if (e.focus < F_DOCS)
				e.focus++;
		} else if (k == UI_K(KEY_BTAB) || UI_KEY_UP(k)) {
			if (e.focus > 0)
				e.focus--;
		} else if (k == UI_K(KEY_F(1)) || k == KEY_CTRL('g')) {
			const char	*help[] = {
				_("F2 or Ctrl-S: post the payment"),
				_("Enter on the counterparty: pick it from "
				  "what "
				  "you typed (name, code, INN, phone)"),
				_("F4 or Ctrl-L: the list (counterparty, "
				  "account)"),
				_("Space on a document: tick it; ticked ones "
				  "are paid in their order, the rest is an "
				  "advance"),
				_("No amount typed: the ticked documents' "
				  "sum"),
				_("Esc: back (asks when something is typed)"),
			};
			ui_text_box(_("Payment"), help,
			    sizeof help / sizeof help[0]);
		}
	}
	record_free(e.party);
	cm_balance_free(&e.bal);
	free(e.docs);
	return (posted);
}

/* --- the lists ------------------------------------------------------------ */

/* A list of one entity: payments and invoices open at their newest (the
 * end), accounts at the top; Enter edits a record fresh from the server. */
struct mlist {
	struct app		*app;
	const struct entity_def	*ent;
	struct browse		*b;
	int			 to_end;
	int			 print;		/* P: its records print */
	char			 code[32];	/* the one in the form */
	/* A stored record's form: these fields (NULL: all one may edit),
	 * only those of editable open to change (NULL: all). */
	const char *const	*only;
	const char *const	*editable;
	/* The keys on the list's last row, for the clerk's roles. */
	const char		*(*keys)(struct mlist *);
};

/* In a form, where letters are typed, the print key is F9 or Ctrl-Y. */
static const struct ui_action form_print_keys[] = {
	{ UI_K(KEY_F(9)), "F9/Ctrl-Y", N_("print the document: the form, "
	  "PDF or text, to a printer, a file or e-mail"), 0 },
	{ KEY_CTRL('y'), "", "", 0 },
	{ 0, NULL, NULL, 0 }
};

static void
mlist_print_key(void *arg, int key)
{
	struct mlist	*s = arg;

	(void)key;
	ui_print(s->app, s->ent, s->code);
}

/* P in the list: the record under the cursor printed. */
static void
mlist_print(struct mlist *s)
{
	const struct record	*cur = browse_current(s->b);
	char			 code[32];

	if (cur == NULL || record_str(cur, FX_CODE) == NULL)
		return;
	snprintf(code, sizeof code, "%s", record_str(cur, FX_CODE));
	ui_print(s->app, s->ent, code);
}

static struct mlist *
mlist_new(struct app *app, const char *entity, const char *sort,
    int to_end)
{
	struct mlist	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity(entity);
	s->b = browse_new(app, s->ent, sort);
	s->to_end = to_end;
	return (s);
}

static void
mlist_close(void *state)
{
	struct mlist	*s = state;

	browse_free(s->b);
	free(s);
}

static void
mlist_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct mlist		*s = state;
	struct ui_region	 l = ui_list_region(rg);
	unsigned		 r = 0;

	(void)redraw;
	if (s->to_end) {
		s->to_end = 0;
		browse_key(s->b, &l, '>', &r);
	}
	browse_draw(s->b, &l, 1);
	if (rg->h > 3 && s->keys != NULL)
		ui_put(rg->win, rg->y + rg->h - 1, rg->x, s->keys(s), rg->w,
		    1);
}

/* The record r (id 0: new) in a form titled title; the list shows it
 * after a save. */
static void
mlist_form(struct mlist *s, struct ui_region *rg, struct record *r,
    const char *title)
{
	struct form_opts	 o;

	memset(&o, 0, sizeof o);
	o.title = title;
	o.readonly = record_id(r) != 0 && !auth_allowed(s->app->roles,
	    s->ent->area, ACT_EDIT);
	if (record_id(r) != 0) {
		o.only = s->only;
		o.editable = s->editable;
	}
	if (s->print && record_id(r) != 0 && record_str(r, FX_CODE) != NULL) {
		snprintf(s->code, sizeof s->code, "%s", record_str(r,
		    FX_CODE));
		o.extra = form_print_keys;
		o.extra_fn = mlist_print_key;
		o.extra_arg = s;
		/* F3 (the previous record's value) does nothing here. */
		o.hint = o.readonly ? _("View only  F9/^Y print  Tab next  "
		    "Esc back  F1/^G help") : _("F2/^S save  Tab next  F4/^L "
		    "lookup  F9/^Y print  Esc cancel  F1/^G help");
	}
	if (form_edit(s->app, rg, r, &o))
		browse_show(s->b, record_id(r));
}

/* Enter: the current record, read again, in a form (title: a format
 * of its number). */
static void
mlist_open_current(struct mlist *s, struct ui_region *rg, const char *fmt)
{
	const struct record	*cur = browse_current(s->b);
	struct record		*r;
	char			*cause = NULL, title[160];
	size_t			 len;
	int			 st;

	if (cur == NULL)
		return;
	if (cr_get(s->app->client, s->ent, record_id(cur), NULL, &r,
	    &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	snprintf(title, sizeof title, fmt, record_str(r, FX_CODE));
	/* A posted (or cancelled) payment says so, and what may change. */
	if (s->editable != NULL && (st = dict_field_pos(r->ent, "status")) >=
	    0 && record_str(r, st) != NULL) {
		len = strlen(title);
		snprintf(title + len, sizeof title - len, _(" (%s: only the "
		    "notes may change)"), ui_enum(&r->ent->fields[st],
		    record_str(r, st)));
	}
	mlist_form(s, rg, r, title);
	record_free(r);
}

/* --- :pay ---------------------------------------------------------------- */

/* A stored payment is posted or cancelled: its card shows which, and
 * only its notes change (the server keeps the rest: a wrong payment is
 * cancelled and another posted). */
static const char *const pay_card_fields[] = {
	"code", "direction", "date", "account", "customer", "supplier",
	"amount", "status", "document", "purpose", "bank_number", "notes",
	NULL
};
static const char *const pay_card_editable[] = { "notes", NULL };

/* The list's party column: the customer paying, or the supplier paid
 * (one column, so the status fits at 80). */
static char *
pay_party_cell(void *arg, const struct record *row)
{
	struct mlist		*s = arg;
	const struct field_def	*f = dict_field(s->ent, "supplier");
	int			 pos = dict_field_pos(s->ent, "supplier");

	if (!record_isset(row, pos))
		return (NULL);
	return (ui_format(s->app, f, &row->v[pos]));
}

static const struct ui_action pay_actions[] = {
	{ 'n', "n/Insert", N_("new payment in, from a customer"),
	  UI_NEEDS_POST },
	{ 'o', "o", N_("new payment out, to a supplier"), UI_NEEDS_POST },
	{ '\n', "Enter", N_("open the payment (its notes may change)"), 0 },
	{ 'c', "c", N_("cancel the payment: what it paid is open again "
	  "(asks first)"), UI_NEEDS_APPROVE },
	{ '/', "/", N_("search as you type (number)"), 0 },
	{ 's', "s", N_("sort by the next indexed field"), 0 },
	{ 'P', "P", UI_PRINT_HELP, 0 },
	{ 0, "F9/Ctrl-Y", N_("in the payment's form: print it"), 0 },
	{ 0, "Up/Down PgUp/PgDn Home/End", N_("move; the newest are at the "
	  "end"), 0 },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static const char *
pay_keys(struct mlist *s)
{
	static char	 line[256];
	const char	*area = s->ent->area;

	snprintf(line, sizeof line, _("%sEnter open  %sP print  / search  "
	    "Esc back  F1/? help"), ui_offers(s->app, area, pay_actions,
	    "n/Insert" /* i18n: no */) ? _("n in  o out  ") : "",
	    ui_offers(s->app, area, pay_actions, "c") ? _("c cancel  ") :
	    "");
	return (line);
}

static int
pay_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct mlist		*s;
	struct record		*a;

	s = mlist_new(app, "payments", "date", 1);
	s->print = 1;
	s->only = pay_card_fields;
	s->editable = pay_card_editable;
	s->keys = pay_keys;
	browse_hide(s->b, "supplier");
	browse_cell(s->b, "customer", pay_party_cell, s);
	browse_cell_head(s->b, _("Counterparty"));
	/* :pay ACCOUNT: the movements of one account. */
	if (arg != NULL && *arg != '\0') {
		if (cr_get(app->client, dict_entity("accounts"), 0, arg, &a,
		    cause) != 0) {
			mlist_close(s);
			return (-1);
		}
		browse_filter(s->b, "account", (int64_t)record_id(a));
		browse_hide(s->b, "account");
		record_free(a);
	}
	*state = s;
	return (0);
}

static enum ui_result
pay_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct mlist		*s = state;
	struct ui_region	 l = ui_list_region(rg);
	const struct record	*cur;
	char			*cause = NULL, q[160];

	if (browse_key(s->b, &l, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if ((UI_KEY_NEW(k) || k == 'o') && ui_may(s->app, s->ent, ACT_POST)) {
		if (screen_pay_entry(s->app, rg, k == 'o', NULL)) {
			browse_reload(s->b);
			s->to_end = 1;
		}
		*redraw |= UI_REDRAW_ALL;
	} else if (UI_KEY_ENTER(k)) {
		mlist_open_current(s, rg, _("Payment %s"));
		*redraw |= UI_REDRAW_ALL;
	} else if (k == 'P') {
		mlist_print(s);
		*redraw |= UI_REDRAW_ALL;
	} else if (k == 'c' && (cur = browse_current(s->b)) != NULL &&
	    ui_may(s->app, s->ent, ACT_APPROVE)) {
		snprintf(q, sizeof q, _("Cancel payment %s? What it paid "
		    "will be open again."), record_str(cur, FX_CODE));
		if (ui_confirm(q)) {
			snprintf(q, sizeof q, "%s", record_str(cur, FX_CODE));
			if (cm_cancel(s->app->client, q, &cause) != 0) {
				s->app->message(s->app, 1, _("not cancelled: "
				    "%s"), cause);
				free(cause);
			} else {
				s->app->message(s->app, 0, _("%s cancelled"),
				    q);
				browse_reload(s->b);
			}
		}
		*redraw |= UI_REDRAW_ALL;
	}
	return (UI_CONTINUE);
}

const struct screen_def scr_payments = {
	.name = "payments", .code = "pay", .title = N_("Payments"),
	.hotkey = '$', .area = "finance", .open = pay_open,
	.close = mlist_close, .draw = mlist_draw, .key = pay_key,
	.actions = pay_actions,
};

/* --- :acct --------------------------------------------------------------- */

static const struct ui_action acct_actions[] = {
	{ '\n', "Enter", N_("open the account"), 0 },
	{ 'm', "m", N_("the account's movements (its payments)"), 0 },
	{ 'n', "n/Insert", N_("new account or cash desk"), UI_NEEDS_WRITE },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static const char *
acct_keys(struct mlist *s)
{
	return (ui_offers(s->app, s->ent->area, acct_actions, "n/Insert") ?
	    _("Enter open  m movements  n new  Esc back  F1/? help") :
	    _("Enter open  m movements  Esc back  F1/? help"));
}

static int
acct_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct mlist	*s;

	(void)arg;
	(void)cause;
	s = mlist_new(app, "accounts", NULL, 0);
	s->keys = acct_keys;
	*state = s;
	return (0);
}

static enum ui_result
acct_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct mlist		*s = state;
	struct ui_region	 l = ui_list_region(rg);
	const struct record	*cur;
	struct record		*r;
	char			 title[128];

	if (browse_key(s->b, &l, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	if (UI_KEY_ENTER(k)) {
		snprintf(title, sizeof title, "%s: %%s", _(s->ent->title));
		mlist_open_current(s, rg, title);
		*redraw |= UI_REDRAW_ALL;
	} else if (UI_KEY_NEW(k) && ui_may(s->app, s->ent, ACT_CREATE)) {
		r = record_new(s->ent);
		snprintf(title, sizeof title, "%s: %s", _(s->ent->title),
		    _("new"));
		mlist_form(s, rg, r, title);
		record_free(r);
		*redraw |= UI_REDRAW_ALL;
	} else if (k == 'm' && (cur = browse_current(s->b)) != NULL) {
		s->app->open(s->app, "payments", record_str(cur, FX_CODE));
		*redraw |= UI_REDRAW_ALL;
	}
	return (UI_CONTINUE);
}

const struct screen_def scr_accounts = {
	.name = "accounts", .code = "acct", .title = N_("Accounts and cash"),
	.hotkey = '=', .area = "finance", .open = acct_open,
	.close = mlist_close, .draw = mlist_draw, .key = acct_key,
	.actions = acct_actions,
};
