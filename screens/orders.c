/*
 * Sales orders (:order), quotes (:quote) and invoices (:inv): the list
 * (number, customer, date, status, sum; f cycles a status filter, /
 * searches), and the document a sales clerk lives in.  A new document asks its header
 * (customer: a typed code or F4, a list narrowing by any part of the
 * name, INN or phone), then takes lines on the entry row: a SKU, a
 * scanned barcode or a part of a name, Enter, and the quantity.  Each
 * line's price comes from the server (sales_price: the customer's list,
 * quantity breaks, the discount) and may be typed over; a price under
 * the purchase cost is warned; each line shows what is available at the
 * document's warehouse; the footer sums the lines' net, VAT and total.
 * The lines live here until F2 saves the draft or F5 confirms the order
 * (reserves every line, all or nothing; a refusal puts the cursor on its
 * line), each one request.
 *
 * An invoice (счёт на оплату) is such a document without a warehouse: its
 * header is the customer, the date and the date to pay by (the customer's
 * payment terms from the date, unless typed), its lines priced as an
 * order's; F2 makes it (INV-...), and it may change while nothing is
 * paid of it.  Its list takes a payment from its customer (p) and
 * cancels one nothing is paid of (c); an order's invoice is made with i
 * in the order.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <sysexits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "client/docs.h"
#include "client/orders.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "screens/screens.h"
#include "ui/archive.h"
#include "ui/browse.h"
#include "ui/form.h"
#include "ui/lookup.h"
#include "ui/print.h"
#include "xmalloc.h"

#define KEY_POST(k)	((k) == UI_K(KEY_F(5)) || (k) == KEY_CTRL('t'))
#define KEY_QTY(k)	((k) == UI_K(KEY_F(6)) || (k) == KEY_CTRL('q'))
#define KEY_HEADER(k)	((k) == UI_K(KEY_F(7)) || (k) == KEY_CTRL('w'))
#define KEY_REMOVE(k)	((k) == UI_K(KEY_F(8)) || (k) == KEY_CTRL('d'))
#define KEY_PRICE(k)	((k) == UI_K(KEY_F(9)) || (k) == KEY_CTRL('e'))
#define KEY_ADD(k)	((k) == UI_K(KEY_IC) || (k) == '+')

/* How credit control's refusals end (model/money.c): a manager may be
 * asked to confirm anyway. */
static const char	 credit_anyway[] = N_("a manager may confirm it anyway");
/* The end of the refusal of a quote past its date (quote_action's
 * QUOTE_EXPIRED_ANYWAY): the clerk is asked, and may go on. */
static const char	 expired_anyway[] = N_("it may be accepted anyway");

struct oline {
	struct record	*prod;		/* the product */
	struct record	*orig;		/* the stored line, or NULL */
	int64_t		 qty;
	int64_t		 typed;		/* a price typed here, -1: none */
	int		 changed;	/* qty or price changed here */
	int		 priced;	/* pr is known */
	struct co_price	 pr;
};

/* The kinds of document the screen keeps. */
enum { K_ORDER, K_QUOTE, K_INVOICE };

struct ord_state {
	struct app		*app;
	int			 kind;		/* K_* */
	int64_t			 due_auto;	/* an invoice's pay-by date
						   as the terms made it */
	const struct entity_def	*he, *le, *pe;
	const char		*parent;	/* the lines' header field */
	struct browse		*list;
	int			 fresh;
	int			 filter;	/* index in statuses, -1: all */
	int			 direct;	/* opened at a document */
	/* The document, when open. */
	struct record		*hdr;
	char			 cust_name[200];
	uint64_t		 cust, wid;
	struct oline		*l;
	size_t			 n, cur, top;
	struct ui_entry		 entry;
	int			 adding;	/* keys type on the entry */
	int			 dirty;
	char			 arch[48];	/* its archive, "archive: 2
						   (v)", or "" */
};

static const char *const so_statuses[] = {
	"draft", "confirmed", "part_shipped", "shipped", "closed",
	"cancelled", NULL
};
static const char *const quote_statuses[] = {
	"draft", "sent", "accepted", "rejected", "expired", NULL
};
static const char *const inv_statuses[] = {
	"unpaid", "part_paid", "paid", "cancelled", NULL
};

static const struct ui_action order_actions[] = {
	{ '\n', "Enter", N_("open the order"), 0 },
	{ 'n', "n/Insert", N_("new order: customer, then lines"),
	  UI_NEEDS_WRITE },
	{ 'f', "f", N_("filter by status (all, draft, confirmed, ...)"), 0 },
	{ '/', "/", N_("search by number or customer's reference"), 0 },
	{ 'P', "P", UI_PRINT_HELP, 0 },
	{ 0, N_("In an order:"), "", 0 },
	{ 0, N_("SKU/scan/name + Enter"),
	  N_("add a line, then its quantity"), UI_NEEDS_WRITE },
	{ 0, "F4/Ctrl-L", N_("pick a product from a list by name"),
	  UI_NEEDS_WRITE },
	{ 0, "+/Insert", N_("type lines again (after Esc)"), UI_NEEDS_WRITE },
	{ 0, "F6/Ctrl-Q", N_("the current line's quantity"), UI_NEEDS_WRITE },
	{ 0, "F9/Ctrl-E", N_("type the current line's price"),
	  UI_NEEDS_WRITE },
	{ 0, "F8/Ctrl-D", N_("take the current line off"), UI_NEEDS_WRITE },
	{ 0, "F7/Ctrl-W", N_("customer, dates, warehouse, terms"),
	  UI_NEEDS_WRITE },
	{ 0, "F2/Ctrl-S", N_("save (a draft; a confirmed order re-reserves)"),
	  UI_NEEDS_WRITE },
	{ 0, "F5/Ctrl-T", N_("confirm: reserve every line (asks)"),
	  UI_NEEDS_POST },
	{ 's', "s", N_("the shipment draft of what is left"),
	  UI_NEEDS_WRITE | UI_IN_SHIPPING },
	{ 'S', "S", N_("ship what is left and post it at once (asks)"),
	  UI_NEEDS_POST | UI_IN_SHIPPING },
	{ 'q', "q", N_("open the quote the order came from"), 0 },
	{ 'i', "i", N_("make the order's invoice and open it"),
	  UI_NEEDS_WRITE },
	{ 'c', "c", N_("cancel the order (asks)"), UI_NEEDS_POST },
	{ 'P', "P", N_("print it (while typing lines: Esc first)"), 0 },
	{ 'v', "v", N_("what was printed, mailed, attached (the archive)"),
	  0 },
	{ 27, "Esc", N_("clear the entry; stop adding; back (asks)"), 0 },
	{ 0, NULL, NULL, 0 }
};

static const struct ui_action quote_actions[] = {
	{ '\n', "Enter", N_("open the quote"), 0 },
	{ 'n', "n/Insert", N_("new quote: customer, then lines"),
	  UI_NEEDS_WRITE },
	{ 'f', "f", N_("filter by status (all, draft, sent, ...)"), 0 },
	{ '/', "/", N_("search by number"), 0 },
	{ 'P', "P", UI_PRINT_HELP, 0 },
	{ 0, N_("In a quote:"), "", 0 },
	{ 0, N_("SKU/scan/name + Enter"),
	  N_("add a line, then its quantity"), UI_NEEDS_WRITE },
	{ 0, "F4/Ctrl-L", N_("pick a product from a list by name"),
	  UI_NEEDS_WRITE },
	{ 0, "+/Insert", N_("type lines again (after Esc)"), UI_NEEDS_WRITE },
	{ 0, "F6/Ctrl-Q", N_("the current line's quantity"), UI_NEEDS_WRITE },
	{ 0, "F9/Ctrl-E", N_("type the current line's price"),
	  UI_NEEDS_WRITE },
	{ 0, "F8/Ctrl-D", N_("take the current line off"), UI_NEEDS_WRITE },
	{ 0, "F7/Ctrl-W", N_("customer, dates, warehouse"), UI_NEEDS_WRITE },
	{ 0, "F2/Ctrl-S", N_("save the draft"), UI_NEEDS_WRITE },
	{ 's', "s", N_("sent to the customer"), UI_NEEDS_POST },
	{ 'a', "a", N_("accepted by the customer"), UI_NEEDS_POST },
	{ 'r', "r", N_("rejected by the customer"), UI_NEEDS_POST },
	{ 'o', "o", N_("the order draft of an accepted quote"),
	  UI_NEEDS_POST },
	{ 'P', "P", N_("print it (while typing lines: Esc first)"), 0 },
	{ 'v', "v", N_("what was printed, mailed, attached (the archive)"),
	  0 },
	{ 27, "Esc", N_("clear the entry; stop adding; back (asks)"), 0 },
	{ 0, NULL, NULL, 0 }
};

static const struct ui_action inv_actions[] = {
	{ '\n', "Enter", N_("open the invoice"), 0 },
	{ 'n', "n/Insert", N_("new invoice: customer, then lines"),
	  UI_NEEDS_WRITE },
	{ 'p', "p", N_("a payment from the invoice's customer"),
	  UI_NEEDS_POST | UI_IN_FINANCE },
	{ 'c', "c", N_("cancel the invoice (nothing is paid of it; asks)"),
	  UI_NEEDS_POST },
	{ 'f', "f", N_("filter by status (all, unpaid, part paid, ...)"), 0 },
	{ '/', "/", N_("search by number"), 0 },
	{ 'P', "P", UI_PRINT_HELP, 0 },
	{ 'v', "v", N_("what was printed, mailed, attached (the archive)"),
	  0 },
	{ 0, N_("In an invoice:"), "", 0 },
	{ 0, N_("SKU/scan/name + Enter"),
	  N_("add a line, then its quantity"), UI_NEEDS_WRITE },
	{ 0, "F4/Ctrl-L", N_("pick a product from a list by name"),
	  UI_NEEDS_WRITE },
	{ 0, "+/Insert", N_("type lines again (after Esc)"), UI_NEEDS_WRITE },
	{ 0, "F6/Ctrl-Q", N_("the current line's quantity"), UI_NEEDS_WRITE },
	{ 0, "F9/Ctrl-E", N_("type the current line's price"),
	  UI_NEEDS_WRITE },
	{ 0, "F8/Ctrl-D", N_("take the current line off"), UI_NEEDS_WRITE },
	{ 0, "F7/Ctrl-W", N_("customer, date, pay by"), UI_NEEDS_WRITE },
	{ 0, "F2/Ctrl-S", N_("save: make the invoice (while nothing is paid "
	  "of it, save changes)"), UI_NEEDS_WRITE },
	{ 27, "Esc", N_("clear the entry; stop adding; back (asks)"), 0 },
	{ 0, NULL, NULL, 0 }
};

#define HP(s, f)	dict_field_pos((s)->he, (f))
#define LP(s, f)	dict_field_pos((s)->le, (f))
#define PP(s, f)	dict_field_pos((s)->pe, (f))

static const char *
str_or(const char *s, const char *def)
{
	return (s != NULL ? s : def);
}

static const char *const *
statuses(struct ord_state *s)
{
	return (s->kind == K_QUOTE ? quote_statuses : s->kind == K_INVOICE ?
	    inv_statuses : so_statuses);
}

static const char *
doc_status(struct ord_state *s)
{
	return (str_or(record_str(s->hdr, HP(s, "status")),
	    s->kind == K_INVOICE ? "unpaid" : "draft"));
}

static int
is_status(struct ord_state *s, const char *st)
{
	return (strcmp(doc_status(s), st) == 0);
}

/* Whether lines and header may change here: a draft, or a confirmed
 * order (the server re-reserves the difference); an invoice nothing is
 * paid of. */
static int
editable(struct ord_state *s)
{
	if (!auth_allowed(s->app->roles, s->he->area, record_id(s->hdr) ?
	    ACT_EDIT : ACT_CREATE))
		return (0);
	if (s->kind == K_INVOICE)
		return (is_status(s, "unpaid") && record_int(s->hdr,
		    HP(s, "paid")) == 0);
	return (is_status(s, "draft") || (s->kind == K_ORDER &&
	    is_status(s, "confirmed")));
}

/* Whether the key named (as in the action table) is for the clerk's
 * roles: the bottom line offers what F1 lists, by the same rule. */
static int
offers(struct ord_state *s, const char *keyname)
{
	return (ui_offers(s->app, s->he->area, s->kind == K_QUOTE ?
	    quote_actions : s->kind == K_INVOICE ? inv_actions :
	    order_actions, keyname));
}

static int64_t
today(void)
{
	time_t		 now = time(NULL);
	struct tm	 tm;

	localtime_r(&now, &tm);
	return ((int64_t)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday);
}

/* --- lines ------------------------------------------------------------- */

static void
lines_free(struct ord_state *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		record_free(s->l[i].prod);
		record_free(s->l[i].orig);
	}
	free(s->l);
	s->l = NULL;
	s->n = s->cur = s->top = 0;
}

static void
doc_free(struct ord_state *s)
{
	lines_free(s);
	record_free(s->hdr);
	s->hdr = NULL;
	s->cust = s->wid = 0;
	s->due_auto = 0;
	s->cust_name[0] = '\0';
	s->adding = s->dirty = 0;
	ui_entry_clear(&s->entry);
}

/* What the server says of the line now (price, amounts, stock); a price
 * under the purchase cost is said on the status line. */
static void
line_price(struct ord_state *s, struct oline *l, int warn)
{
	char	*cause = NULL, p[32];
	int64_t	 typed = l->typed;
	int64_t	 date = record_int(s->hdr, HP(s, "date"));

	/* A stored line not changed here is priced as it was saved. */
	if (typed < 0 && l->orig != NULL && !l->changed)
		typed = record_int(l->orig, LP(s, "price"));
	if (co_price(s->app->client, s->cust, record_id(l->prod), s->wid,
	    date, l->qty, typed, &l->pr, &cause) != 0) {
		s->app->message(s->app, 1, "%s: %s", record_str(l->prod,
		    FX_CODE), cause);
		free(cause);
		l->priced = 0;
		return;
	}
	l->priced = 1;
	if (warn && l->pr.below_cost) {
		money_format(l->pr.cost, p, sizeof p, 1);
		s->app->message(s->app, 1, _("%s: the price is below the "
		    "purchase cost %s"), record_str(l->prod, FX_CODE), p);
	}
}

static int64_t
line_amount(struct ord_state *s, const struct oline *l, const char *f)
{
	if (l->orig != NULL && !l->changed)
		return (record_int(l->orig, LP(s, f)));
	if (!l->priced)
		return (0);
	if (strcmp(f, "net") == 0)
		return (l->pr.net);
	if (strcmp(f, "vat_amount") == 0)
		return (l->pr.vat);
	if (strcmp(f, "gross") == 0)
		return (l->pr.gross);
	return (l->pr.price);
}

static struct oline *
line_add(struct ord_state *s, struct record *p)
{
	struct oline	*l;

	s->l = xreallocarray(s->l, s->n + 1, sizeof *s->l);
	l = &s->l[s->n];
	memset(l, 0, sizeof *l);
	l->prod = p;
	l->typed = -1;
	s->cur = s->n++;
	return (l);
}

static void
line_remove(struct ord_state *s, size_t i)
{
	record_free(s->l[i].prod);
	record_free(s->l[i].orig);
	memmove(&s->l[i], &s->l[i + 1], (s->n - i - 1) * sizeof *s->l);
	s->n--;
	if (s->cur >= s->n && s->n > 0)
		s->cur = s->n - 1;
}

/* --- the header --------------------------------------------------------- */

/* A reference of the header as an id (it may hold a code typed). */
static uint64_t
hdr_ref(struct ord_state *s, const char *field, const char *entity,
    struct record **out)
{
	const struct value	*v = &s->hdr->v[HP(s, field)];
	struct record		*r;
	char			*cause = NULL;
	uint64_t		 id;

	if (!v->set)
		return (0);
	if (cr_get(s->app->client, dict_entity(entity), v->s != NULL ? 0 :
	    (uint64_t)v->i, v->s, &r, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return (0);
	}
	id = record_id(r);
	if (out != NULL)
		*out = r;
	else
		record_free(r);
	return (id);
}

/*
 * An invoice's pay-by date: the customer's payment terms from its date,
 * unless one was typed (a date other than the terms made before).  A
 * saved invoice keeps its own.
 */
static void
inv_due(struct ord_state *s, const struct record *c)
{
	int	 pos = HP(s, "due_date");
	int64_t	 due, terms = record_int(c, dict_field_pos(c->ent,
		    "terms_days"));

	if (record_id(s->hdr) != 0 && s->due_auto == 0)
		return;
	if (record_isset(s->hdr, pos) && record_int(s->hdr, pos) !=
	    s->due_auto)
		return;
	due = date_add_days(record_int(s->hdr, HP(s, "date")), terms > 0 ?
	    terms : 0);
	record_set_int(s->hdr, pos, due);
	s->due_auto = due;
}

/* The header's customer and warehouse as ids; the lines priced again. */
static int
hdr_apply(struct ord_state *s)
{
	struct record	*c = NULL;
	size_t		 i;

	if ((s->cust = hdr_ref(s, "customer", "customers", &c)) == 0)
		return (-1);
	record_set_int(s->hdr, HP(s, "customer"), (int64_t)s->cust);
	snprintf(s->cust_name, sizeof s->cust_name, "%s %s",	/* i18n: no */
	    str_or(record_str(c, FX_CODE), ""), str_or(record_str(c,
	    dict_field_pos(c->ent, "name")), ""));
	if (s->kind == K_INVOICE)
		inv_due(s, c);
	record_free(c);
	s->wid = 0;
	if (HP(s, "warehouse") >= 0 && record_isset(s->hdr,
	    HP(s, "warehouse"))) {
		if ((s->wid = hdr_ref(s, "warehouse", "warehouses",
		    NULL)) == 0)
			return (-1);
		record_set_int(s->hdr, HP(s, "warehouse"), (int64_t)s->wid);
	}
	for (i = 0; i < s->n; i++)
		line_price(s, &s->l[i], 0);
	return (0);
}

/* The one warehouse there is, as the default of a new header. */
static void
hdr_default(struct ord_state *s, struct record *h)
{
	record_set_int(h, HP(s, "date"), today());
	if (HP(s, "warehouse") >= 0)
		ui_default_sole(s->app, h, "warehouse");
}

/* The header form until it is right or cancelled; 1 when chosen. */
static int
hdr_form(struct ord_state *s, struct ui_region *rg)
{
	static const char *const so_fields[] = {
		"customer", "date", "warehouse", "ship_date", "terms_days",
		"customer_ref", NULL
	};
	static const char *const qt_fields[] = {
		"customer", "date", "valid_until", "warehouse", NULL
	};
	static const char *const inv_fields[] = {
		"customer", "date", "due_date", NULL
	};
	struct form_opts	 o;
	struct record		*r, *old = s->hdr;

	if (old != NULL)
		r = record_dup(old);
	else {
		r = record_new(s->he);
		hdr_default(s, r);
	}
	memset(&o, 0, sizeof o);
	o.title = s->kind == K_QUOTE ? _("Quote: the customer (F4: by name, "
	    "INN or phone); F2/^S: lines") : s->kind == K_INVOICE ?
	    _("Invoice: the customer (F4: by name, INN or phone); F2/^S: "
	    "lines") : _("Order: the customer (F4: by name, INN or phone); "
	    "F2/^S: lines");
	o.only = s->kind == K_QUOTE ? qt_fields : s->kind == K_INVOICE ?
	    inv_fields : so_fields;
	o.local = 1;
	s->hdr = NULL;
	for (;;) {
		if (!form_edit(s->app, rg, r, &o)) {
			record_free(r);
			s->hdr = old;
			return (0);
		}
		record_free(s->hdr);
		s->hdr = record_dup(r);
		if (hdr_apply(s) == 0)
			break;
	}
	record_free(old);
	record_free(r);
	s->dirty = 1;
	return (1);
}

/* --- a document stored ----------------------------------------------- */

static int
line_cmp(const void *a, const void *b)
{
	const struct oline	*x = a, *y = b;
	int			 p = dict_field_pos(x->orig->ent, "line");
	int64_t			 lx = record_int(x->orig, p);
	int64_t			 ly = record_int(y->orig, p);

	return (lx < ly ? -1 : lx > ly);
}

static int
doc_load(struct ord_state *s, uint64_t id, const char *code, char **cause)
{
	struct record	**rows, *p, *h;
	struct value	 from;
	struct oline	*l;
	size_t		 n, i, keep = s->cur;

	if (cr_get(s->app->client, s->he, id, code, &h, cause) != 0)
		return (-1);
	doc_free(s);
	s->hdr = h;
	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = (int64_t)record_id(h);
	if (cr_scan(s->app->client, s->le, s->parent, &from, 0, 1, 1000,
	    &rows, &n, cause) != 0)
		return (-1);
	for (i = 0; i < n; i++) {
		if (record_int(rows[i], LP(s, s->parent)) !=
		    (int64_t)record_id(h))
			continue;
		if (cr_line_product(s->app->client, rows[i], record_str(h,
		    FX_CODE), &p, cause) != 0) {
			cr_rows_free(rows, n);
			return (-1);
		}
		l = line_add(s, p);
		l->orig = record_dup(rows[i]);
		l->qty = record_int(rows[i], LP(s, "qty"));
	}
	cr_rows_free(rows, n);
	if (s->n > 1)
		xqsort(s->l, s->n, sizeof *s->l, line_cmp);
	if (hdr_apply(s) != 0) {
		xasprintf(cause, _("%s cannot be opened"),
		    str_or(record_str(h, FX_CODE), "?"));
		return (-1);
	}
	s->cur = keep < s->n ? keep : 0;
	s->dirty = 0;
	ui_archive_summary(s->app, record_str(h, FX_CODE), s->arch,
	    sizeof s->arch);
	return (0);
}

/* An invoice made or saved: its sum and the day it is to be paid by, and
 * what was paid of it at once (the customer's payments not yet applied
 * to anything go to a new invoice). */
static void
inv_saved(struct ord_state *s, const char *code)
{
	char	 gross[32], paid[32], *due;

	money_format(record_int(s->hdr, HP(s, "gross")), gross, sizeof gross,
	    1);
	money_format(record_int(s->hdr, HP(s, "paid")), paid, sizeof paid, 1);
	due = ui_format(s->app, dict_field(s->he, "due_date"),
	    &s->hdr->v[HP(s, "due_date")]);
	if (record_int(s->hdr, HP(s, "paid")) > 0)
		s->app->message(s->app, 0, _("saved %s: %s to pay by %s, "
		    "%s of it paid from advances"), code, gross, due, paid);
	else
		s->app->message(s->app, 0, _("saved %s: %s to pay by %s"),
		    code, gross, due);
	free(due);
}

/*
 * Send the document with its lines in one request: saved (post 0), or an
 * order saved and confirmed at once (post 1; 2: past credit control), so
 * a refusal leaves nothing saved.
 */
static int
doc_send(struct ord_state *s, int post, struct cd_answer *a, char **cause)
{
	struct record	**ls;
	size_t		  i;
	int		  rc;

	ls = xcalloc(s->n + 1, sizeof *ls);
	for (i = 0; i < s->n; i++) {
		struct oline	*l = &s->l[i];

		ls[i] = l->orig != NULL ? record_dup(l->orig) :
		    record_new(s->le);
		record_set_int(ls[i], LP(s, "product"),
		    (int64_t)record_id(l->prod));
		record_set_int(ls[i], LP(s, "qty"), l->qty);
		record_set_int(ls[i], LP(s, "line"), (int64_t)i + 1);
		if (l->typed >= 0) {
			record_set_int(ls[i], LP(s, "price"), l->typed);
			if (l->priced)
				record_set_int(ls[i], LP(s, "discount"),
				    l->pr.discount);
		} else if (l->orig == NULL || l->changed) {
			/* The server prices it (quantity breaks). */
			record_clear(ls[i], LP(s, "price"));
			record_clear(ls[i], LP(s, "discount"));
		}
	}
	if (post)
		rc = co_save_post(s->app->client, s->hdr, ls, s->n, post == 2,
		    a, cause);
	else
		rc = co_save(s->app->client, s->hdr, ls, s->n, a, cause);
	for (i = 0; i < s->n; i++)
		record_free(ls[i]);
	free(ls);
	return (rc);
}

/*
 * A save refused because someone saved the document first (EX_TEMPFAIL
 * and a newer revision: the server's words are in the clerk's language,
 * so the revision tells, not the words): the whole reason in a box, then
 * the document reloaded as saved, the changes here dropped (y), or kept
 * to go on editing (n).  1 when it was that, 0 for another refusal.
 */
static int
doc_conflict(struct ord_state *s, int rc, const char *cause)
{
	struct record	*now;
	char		*why = NULL, *q, code[32];
	uint32_t	 rev;

	if (rc != EX_TEMPFAIL || record_id(s->hdr) == 0)
		return (0);
	if (cr_get(s->app->client, s->he, record_id(s->hdr), NULL, &now,
	    &why) != 0) {
		free(why);
		return (0);
	}
	rev = record_rev(now);
	record_free(now);
	if (rev == record_rev(s->hdr))
		return (0);
	snprintf(code, sizeof code, "%s", str_or(record_str(s->hdr, FX_CODE),
	    ""));
	xasprintf(&q, _("Not saved: %s. Reload %s as it is saved now, your "
	    "changes here dropped (y), or keep editing (n)?"), cause, code);
	if (ui_confirm(q)) {
		if (doc_load(s, record_id(s->hdr), NULL, &why) != 0) {
			s->app->message(s->app, 1, "%s", why);
			free(why);
			doc_free(s);
		} else
			s->app->message(s->app, 0, _("%s reloaded (revision "
			    "%u): your changes dropped"), code,
			    rev);
	} else
		s->app->message(s->app, 1, _("not saved: %s"), cause);
	free(q);
	return (1);
}

/* Save the document with its lines in one request, then read it again.
 * A refusal about a line puts the cursor on it; quiet (the session hung
 * up): nothing asked, nothing said. */
static int
doc_save(struct ord_state *s, int quiet)
{
	struct cd_answer	 a;
	char			*cause = NULL;
	int			 adding, rc;

	if ((rc = doc_send(s, 0, &a, &cause)) != 0) {
		if (!quiet && doc_conflict(s, rc, cause)) {
			free(cause);
			return (-1);
		}
		if (a.line > 0 && (size_t)a.line <= s->n) {
			s->cur = (size_t)a.line - 1;
			s->app->message(s->app, 1, _("not saved: line %lld: "
			    "%s"), (long long)a.line, cause);
		} else
			s->app->message(s->app, 1, _("not saved: %s"), cause);
		free(cause);
		return (-1);
	}
	adding = s->adding;
	if (doc_load(s, a.id, NULL, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return (-1);
	}
	s->adding = adding && editable(s);
	if (!quiet && s->kind == K_INVOICE)
		inv_saved(s, a.code);
	else if (!quiet)
		s->app->message(s->app, 0, is_status(s, "draft") ?	/* i18n: no */
		    _("saved draft %s") : _("saved %s"), a.code);
	browse_reload(s->list);
	return (0);
}

/* --- drawing ----------------------------------------------------------- */

/* An invoice's third row: its date, when it is to be paid by, the order
 * it asks for and what is paid of it. */
static void
inv_head(struct ord_state *s, struct ui_region *rg, int y, const char *date)
{
	struct record	*o;
	char		 line[256], paid[32], order[40], *due, *cause = NULL;

	due = ui_format(s->app, dict_field(s->he, "due_date"),
	    &s->hdr->v[HP(s, "due_date")]);
	money_format(record_int(s->hdr, HP(s, "paid")), paid, sizeof paid, 1);
	snprintf(order, sizeof order, "-");
	if (record_int(s->hdr, HP(s, "order")) != 0 && cr_get(s->app->client,
	    dict_entity("sales_orders"), (uint64_t)record_int(s->hdr,
	    HP(s, "order")), NULL, &o, &cause) == 0) {
		snprintf(order, sizeof order, "%s", str_or(record_str(o,
		    FX_CODE), "-"));
		record_free(o);
	}
	free(cause);
	snprintf(line, sizeof line, _("Date %s  Pay by %s  Order %s  Paid %s"),
	    date, *due ? due : "-", order, paid);
	free(due);
	ui_put(rg->win, y, rg->x, line, rg->w, 1);
}

static void
draw_head(struct ord_state *s, struct ui_region *rg, int y)
{
	char		 line[512], *wh, *date, *d2, terms[32], st[96];
	const char	*state, *code = record_str(s->hdr, FX_CODE);
	const struct field_def *sf = dict_field(s->he, "status");

	if (record_id(s->hdr) == 0)
		state = _("not saved");
	else if (s->dirty) {
		snprintf(st, sizeof st, "%s, %s", ui_enum(sf, doc_status(s)),
		    _("changed"));
		state = st;
	} else
		state = ui_enum(sf, doc_status(s));
	snprintf(line, sizeof line, s->kind == K_QUOTE ? _("Quote %s  %s") :
	    s->kind == K_INVOICE ? _("Invoice %s  %s") : _("Order %s  %s"),
	    code != NULL ? code : _("(new)"), state);
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, y, rg->x, line, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	/* What was printed, mailed, attached: at the line's end. */
	if (s->arch[0] != '\0' && ui_width(line) + 3 + ui_width(s->arch) <=
	    rg->w)
		ui_put(rg->win, y, rg->x + rg->w - ui_width(s->arch), s->arch,
		    ui_width(s->arch), 0);
	snprintf(line, sizeof line, _("Customer %s"), s->cust_name);
	ui_put(rg->win, y + 1, rg->x, line, rg->w, 1);
	date = ui_format(s->app, dict_field(s->he, "date"),
	    &s->hdr->v[HP(s, "date")]);
	if (s->kind == K_INVOICE) {
		inv_head(s, rg, y + 2, date);
		free(date);
		return;
	}
	wh = ui_format(s->app, dict_field(s->he, "warehouse"),
	    &s->hdr->v[HP(s, "warehouse")]);
	if (s->kind == K_QUOTE) {
		d2 = ui_format(s->app, dict_field(s->he, "valid_until"),
		    &s->hdr->v[HP(s, "valid_until")]);
		snprintf(line, sizeof line, _("Date %s  Valid until %s  "
		    "Warehouse %s"), date, *d2 ? d2 : "-", *wh ? wh : "-");
	} else {
		const char *ref = record_str(s->hdr, HP(s, "customer_ref"));

		d2 = ui_format(s->app, dict_field(s->he, "ship_date"),
		    &s->hdr->v[HP(s, "ship_date")]);
		if (record_isset(s->hdr, HP(s, "terms_days")))
			snprintf(terms, sizeof terms, "%lld",	/* i18n: no */
			    (long long)record_int(s->hdr,
			    HP(s, "terms_days")));
		else
			snprintf(terms, sizeof terms, "-");
		snprintf(line, sizeof line, _("Date %s  Whse %s  Ship by %s  "
		    "Terms %s d  Ref %s"), date, *wh ? wh : "-",
		    *d2 ? d2 : "-", terms, ref != NULL ? ref : "-");
	}
	free(wh);
	free(date);
	free(d2);
	ui_put(rg->win, y + 2, rg->x, line, rg->w, 1);
}

/* When a short line will be there (co_price's atp): "from 12.12", or
 * "no supply" when nothing open brings enough. */
static void
atp_text(int64_t atp, char *buf, size_t len)
{
	if (atp <= 0)
		snprintf(buf, len, "%s", _("no supply"));
	else
		snprintf(buf, len, _("from %02d.%02d"), (int)(atp % 100),
		    (int)(atp / 100 % 100));
}

/* Line i of the document as the table's cells: #, SKU, name, quantity,
 * available (a short line: when it will be), price, sum; a line short of
 * stock is bold. */
static unsigned
line_cells(void *arg, size_t i, const char **cells,
    char (*buf)[UI_LINES_CELL])
{
	struct ord_state	*s = arg;
	struct oline		*l = &s->l[i];

	snprintf(buf[0], UI_LINES_CELL, "%zu", i + 1);
	cells[1] = str_or(record_str(l->prod, FX_CODE), "");
	cells[2] = str_or(record_str(l->prod, PP(s, "name")), "");
	ui_qty(l->qty, buf[3], UI_LINES_CELL);
	if (l->priced && s->kind == K_ORDER && l->pr.available < l->qty &&
	    l->pr.atp >= 0)
		atp_text(l->pr.atp, buf[4], UI_LINES_CELL);
	else if (l->priced)
		ui_qty(l->pr.available, buf[4], UI_LINES_CELL);
	else
		snprintf(buf[4], UI_LINES_CELL, "?");
	money_format(line_amount(s, l, "price"), buf[5], UI_LINES_CELL, 1);
	money_format(line_amount(s, l, "gross"), buf[6], UI_LINES_CELL, 1);
	if (s->kind == K_INVOICE) {
		/* No warehouse: the VAT rate where the stock would be. */
		const char	*rate = l->orig != NULL ?
				    record_str(l->orig, LP(s, "vat")) : NULL;

		if (l->orig != NULL && !l->changed)
			snprintf(buf[4], UI_LINES_CELL, "%s%%",
			    str_or(rate, "?"));
		else if (l->priced)
			snprintf(buf[4], UI_LINES_CELL, "%d%%", l->pr.rate);
		return (0);
	}
	return (s->kind == K_ORDER && l->priced && l->pr.available < l->qty &&
	    (is_status(s, "draft") || l->changed) ? A_BOLD : 0);
}

static void
draw_lines(struct ord_state *s, struct ui_region *rg, int y, int rows)
{
	static const char *const head[] = {
		"#", N_("SKU"), N_("Name"), N_("Qty"), N_("Avail."),
		N_("Price"), N_("Sum")
	};
	static const char *const inv_head[] = {
		"#", N_("SKU"), N_("Name"), N_("Qty"), N_("VAT"),
		N_("Price"), N_("Sum")
	};
	/* Avail. as wide as "from 12.12" (a short line: when it comes). */
	static const int	 widths[] = { 2, 10, -1, 8, 10, 10, 11 };
	static const int	 inv_widths[] = { 2, 10, -1, 8, 8, 10, 11 };
	struct ui_lines		 t = { head, widths, "rllrrrr", 7, NULL,
				    line_cells, s };

	if (s->kind == K_INVOICE) {
		t.head = inv_head;
		t.widths = inv_widths;
	}

	t.empty = _("(no lines yet: type a SKU, scan, or F4)");
	ui_lines_draw(rg->win, y, rg->x, rg->w, rows, &t, s->n, s->cur,
	    &s->top);
}

static void
doc_draw(struct ord_state *s, struct ui_region *rg)
{
	char		 line[512], net[32], vat[32], gross[32];
	int64_t		 tn = 0, tv = 0, tg = 0;
	size_t		 i;
	int		 y = rg->y, last = rg->y + rg->h - 1;
	int		 edit = editable(s);
	int		 confirm = offers(s, "F5/Ctrl-T");	/* i18n: no */

	draw_head(s, rg, y);
	y += 3;
	if (edit && s->adding)
		ui_entry_draw(rg->win, y, rg->x, rg->w, _("SKU, scan or name "
		    "(F4 list): "), &s->entry);
	else if (edit)
		ui_put(rg->win, y, rg->x, _("+/Insert: add lines"), rg->w, 1);
	else
		ui_put(rg->win, y, rg->x, "", rg->w, 1);
	y++;
	draw_lines(s, rg, y, last - 1 - y);
	for (i = 0; i < s->n; i++) {
		tn += line_amount(s, &s->l[i], "net");
		tv += line_amount(s, &s->l[i], "vat_amount");
		tg += line_amount(s, &s->l[i], "gross");
	}
	money_format(tn, net, sizeof net, 1);
	money_format(tv, vat, sizeof vat, 1);
	money_format(tg, gross, sizeof gross, 1);
	snprintf(line, sizeof line, P_("%zu line   Net %s   VAT %s   "
	    "Total %s", "%zu lines   Net %s   VAT %s   Total %s", s->n), s->n,
	    net, vat, gross);
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, last - 1, rg->x, line, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	if (edit && s->adding)
		snprintf(line, sizeof line, "%s%s", s->kind != K_ORDER ? "" :
		    confirm ? _("F5 confirm  ") : "", _("F2 save  F6 qty  F9 price  F8 off  F7 header  Esc  F1"));
	else if (s->kind == K_INVOICE) {
		int	 pay = record_id(s->hdr) != 0 && offers(s, "p");
		int	 cancel = record_id(s->hdr) != 0 &&
			    offers(s, "c") && edit;

		snprintf(line, sizeof line, "%s%s%s%s%s",	/* i18n: no */
		    edit ? _("+ add  F2 save  ") : "", pay ? _("p pay  ") : "",
		    cancel ? _("c cancel  ") : "", record_id(s->hdr) != 0 ?
		    _("P print  ") : "", _("Esc  F1"));
	} else if (s->kind == K_QUOTE)
		snprintf(line, sizeof line, "%s%s%s", edit ? _("+ add  F2 save  "
		    "") : "", _("P print  "), offers(s, "s") ? _("s sent  "
		    "a accepted  r rejected  o order  Esc  F1") :
		    _("Esc back  F1/? help"));
	else {
		int	 draft = is_status(s, "draft");
		int	 open = draft || is_status(s, "confirmed") ||
			    is_status(s, "part_shipped");
		/* s and S: what is left, as a draft or posted at once; each
		 * only for roles that may (S posts a shipment). */
		int	 ship = open && !draft && offers(s, "s");
		int	 shipnow = open && !draft && offers(s, "S");

		snprintf(line, sizeof line, "%s%s%s%s%s%s",	/* i18n: no */
		    edit ? _("+ add  F2 save  ") : "",
		    draft && confirm ? _("F5 confirm  ") : "",
		    _("P print  "),
		    ship && shipnow ? _("s ship  S ship+post  ") : ship ?
		    _("s ship  ") : shipnow ? _("S ship+post  ") : "",
		    record_isset(s->hdr, HP(s, "quote")) ? _("q quote  ") : "",
		    open && offers(s, "c") ? _("c cancel  Esc  F1") :
		    _("Esc  F1"));
	}
	ui_put(rg->win, last, rg->x, line, rg->w, 1);
}

static void
ord_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct ord_state	*s = state;
	struct ui_region	 l = ui_list_region(rg);
	unsigned		 r = 0;
	char			 line[256];
	const struct field_def	*sf = dict_field(s->he, "status");

	(void)redraw;
	if (rg->h < 10) {
		ui_put(rg->win, rg->y, rg->x, _("The window is too small."),
		    rg->w, 1);
		return;
	}
	if (s->hdr != NULL) {
		doc_draw(s, rg);
		return;
	}
	if (s->fresh) {
		s->fresh = 0;
		browse_key(s->list, &l, UI_K(KEY_END), &r);
	}
	browse_draw(s->list, &l, 1);
	if (s->kind == K_INVOICE) {
		int	 pay = offers(s, "p");

		snprintf(line, sizeof line, _("Enter open  %s%sf status: %s  "
		    "P print  / search  Esc  F1"), auth_allowed(s->app->roles,
		    s->he->area, ACT_CREATE) ? _("n new  ") : "",
		    pay ? _("p pay  ") : "", s->filter < 0 ? _("all") :
		    ui_enum(sf, statuses(s)[s->filter]));
	} else
		snprintf(line, sizeof line, _("Enter open  %sf status: %s  "
		    "P print  / search  Esc back  F1"),
		    auth_allowed(s->app->roles, s->he->area, ACT_CREATE) ?
		    _("n new  ") : "", s->filter < 0 ? _("all") :
		    ui_enum(sf, statuses(s)[s->filter]));
	ui_put(rg->win, rg->y + rg->h - 1, rg->x, line, rg->w, 1);
}

/* --- keys -------------------------------------------------------------- */

/* The quantity of the current line, typed on the last row (the stock
 * and price in the prompt); 1 when it changed. */
static int
ask_qty(struct ord_state *s, struct ui_region *rg)
{
	struct oline	*l;
	char		 buf[32] = "", av[32], p[32], prompt[256];
	char		*cause = NULL;
	const char	*unit;
	int64_t		 q;
	int		 k, x, row = rg->y + rg->h - 1;

	if (s->cur >= s->n)
		return (0);
	l = &s->l[s->cur];
	if (!l->priced)
		line_price(s, l, 0);
	ui_qty(l->pr.available, av, sizeof av);
	money_format(l->pr.price, p, sizeof p, 1);
	unit = record_str(l->prod, PP(s, "unit"));
	unit = unit != NULL ? ui_enum(&s->pe->fields[PP(s, "unit")], unit) :
	    "";
	if (s->kind == K_INVOICE)
		snprintf(prompt, sizeof prompt, _("%s qty (%s, %s): "),
		    record_str(l->prod, FX_CODE), unit, p);
	else
		snprintf(prompt, sizeof prompt, _("%s qty (avail. %s %s, "
		    "%s): "), record_str(l->prod, FX_CODE), av, unit, p);
	for (;;) {
		ui_put(rg->win, row, rg->x, "", rg->w, 1);
		x = ui_put(rg->win, row, rg->x, prompt, rg->w - 8, 0);
		k = ui_edit_line(rg->win, row, rg->x + x, rg->w - x, buf,
		    sizeof buf, NULL, NULL);
		if (!UI_KEY_ENTER(k) || buf[0] == '\0')
			return (0);
		if (qty_parse(buf, &q, &cause) != 0 || q <= 0) {
			s->app->message(s->app, 1, "%s: %s", record_str(l->prod,
			    FX_CODE), cause != NULL ? cause : _("more than 0 "
			    "expected"));
			free(cause);
			cause = NULL;
			buf[0] = '\0';
			continue;
		}
		/* A whole-piece product takes no 1,5: refused as typed, not
		 * at F2 ("SKU-1002 is counted in whole pcs, got 1.5"), the
		 * typing kept to correct. */
		if (catalog_qty_fits(l->prod, q, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		break;
	}
	l->qty = q;
	l->changed = 1;
	s->dirty = 1;
	line_price(s, l, 1);
	if (s->kind == K_ORDER && l->pr.available < q && !l->pr.below_cost) {
		char	 when[32];

		ui_qty(l->pr.available, av, sizeof av);
		if (l->pr.atp >= 0) {
			atp_text(l->pr.atp, when, sizeof when);
			s->app->message(s->app, 1, _("%s: only %s available "
			    "at the warehouse; all of it: %s"),
			    record_str(l->prod, FX_CODE), av, when);
		} else
			s->app->message(s->app, 1, _("%s: only %s available "
			    "at the warehouse"), record_str(l->prod, FX_CODE),
			    av);
	}
	return (1);
}

/* The price of the current line typed over (empty: as the server
 * prices it). */
static void
ask_price(struct ord_state *s, struct ui_region *rg)
{
	struct oline	*l;
	struct value	 v;
	char		 buf[32] = "", prompt[160], *cause = NULL;
	int		 k, x, row = rg->y + rg->h - 1;

	if (s->cur >= s->n)
		return;
	l = &s->l[s->cur];
	snprintf(prompt, sizeof prompt, _("Price of %s (empty: the list's): "),
	    record_str(l->prod, FX_CODE));
	for (;;) {
		ui_put(rg->win, row, rg->x, "", rg->w, 1);
		x = ui_put(rg->win, row, rg->x, prompt, rg->w - 8, 0);
		k = ui_edit_line(rg->win, row, rg->x + x, rg->w - x, buf,
		    sizeof buf, NULL, NULL);
		if (!UI_KEY_ENTER(k))
			return;
		if (buf[0] == '\0') {
			l->typed = -1;
			break;
		}
		memset(&v, 0, sizeof v);
		if (value_parse(dict_field(s->le, "price"), buf, &v,
		    &cause) != 0 || v.i < 0) {
			s->app->message(s->app, 1, _("price: %s"), cause !=
			    NULL ? cause : _("0 or more expected"));
			free(cause);
			cause = NULL;
			value_free(&v);
			continue;
		}
		l->typed = v.i;
		value_free(&v);
		break;
	}
	l->changed = 1;
	s->dirty = 1;
	line_price(s, l, 1);
}

/* A product typed, scanned or picked (taken over): its line (a new one,
 * or the one it has), then its quantity. */
static void
add_product(struct ord_state *s, struct ui_region *rg, struct record *p,
    int64_t pack, int scanned)
{
	struct oline	*l = NULL;
	size_t		 i;

	for (i = 0; i < s->n; i++)
		if (record_id(s->l[i].prod) == record_id(p)) {
			l = &s->l[i];
			s->cur = i;
			record_free(p);
			break;
		}
	if (l == NULL) {
		l = line_add(s, p);
		l->changed = 1;
	}
	s->dirty = 1;
	if (scanned) {
		/* A scan counts its units; the quantity may be typed. */
		l->qty += pack;
		l->changed = 1;
		line_price(s, l, 1);
		return;
	}
	line_price(s, l, 0);
	if (!ask_qty(s, rg) && l->qty == 0)
		line_remove(s, s->cur);
}

static void
entry_term(struct ord_state *s, struct ui_region *rg)
{
	struct record	*p;
	int64_t		 pack;
	char		*cause = NULL, term[UI_ENTRY_MAX];
	const char	*t = ui_entry_text(&s->entry);
	int		 rc, digits = 1;

	snprintf(term, sizeof term, "%s", t);
	for (t = term; *t != '\0'; t++)
		if (*t < '0' || *t > '9')
			digits = 0;
	if ((rc = ui_product(s->app, term, &p, &pack, &cause)) != 1) {
		if (rc == 0)
			s->app->message(s->app, 1, _("%s: nothing added"),
			    cause);
		free(cause);
		return;
	}
	ui_entry_clear(&s->entry);
	/* A barcode (all digits) is a scan; a SKU or name asks the
	 * quantity. */
	add_product(s, rg, p, pack, digits && strlen(term) >= 8);
}

static const char *
ord_unsaved(void *state)
{
	struct ord_state	*s = state;
	static char		 what[128];

	if (s->hdr == NULL || !s->dirty || (s->n == 0 &&
	    record_id(s->hdr) == 0))
		return (NULL);
	snprintf(what, sizeof what, P_("%zu line not saved",
	    "%zu lines not saved", s->n), s->n);
	return (what);
}

/* The terminal hung up: the lines go to the server as the draft F2
 * would have saved, and the next start offers it.  A confirmed order's
 * changes are not applied behind the clerk's back. */
static void
ord_hangup(void *state)
{
	struct ord_state	*s = state;
	struct draft_info	 d;
	char			*cause = NULL, title[128];

	/* An invoice has no draft: nothing is made behind the clerk. */
	if (s->kind == K_INVOICE || ord_unsaved(s) == NULL ||
	    !is_status(s, "draft") ||
	    !auth_allowed(s->app->roles, s->he->area, ACT_CREATE) ||
	    doc_save(s, 1) != 0)
		return;
	memset(&d, 0, sizeof d);
	d.screen = s->kind == K_QUOTE ? "quote" : "order";
	d.target = record_str(s->hdr, FX_CODE);
	snprintf(title, sizeof title, s->kind == K_QUOTE ? _("Quote %s") :
	    _("Order %s"), d.target);
	d.title = title;
	if (cr_draft_put(s->app->client, &d, &cause) != 0)
		free(cause);
}

/* An action on the document by its number, asked first when question;
 * then read again. */
/* A refusal on the status line; one about a line puts the cursor on it.
 * Frees cause. */
static void
doc_refused(struct ord_state *s, const char *code, const struct cd_answer *a,
    char *cause)
{
	if (a->line > 0 && (size_t)a->line <= s->n) {
		s->cur = (size_t)a->line - 1;
		/* The refusal names the product and what is there; the
		 * line's number finds it. */
		s->app->message(s->app, 1, _("line %lld: %s"),
		    (long long)a->line, cause);
	} else if (*code == '\0')	/* not saved: no number yet */
		s->app->message(s->app, 1, "%s", cause);
	else
		s->app->message(s->app, 1, "%s: %s", code, cause);
	free(cause);
}

static int
doc_action(struct ord_state *s, const char *action, const char *question,
    struct cd_answer *a)
{
	char	 code[32], *cause = NULL, *q;
	int	 yes;

	snprintf(code, sizeof code, "%s", str_or(record_str(s->hdr, FX_CODE),
	    ""));
	if (question != NULL && !ui_confirm(question))
		return (-1);
	if (co_action(s->app->client, code, action, a, &cause) != 0) {
		/* A quote past its date: the clerk, told, may go on. */
		if (strstr(cause, _(expired_anyway)) == NULL) {
			doc_refused(s, code, a, cause);
			return (-1);
		}
		xasprintf(&q, _("%s. Go on anyway?"), cause);
		free(cause);
		cause = NULL;
		yes = ui_confirm(q);
		free(q);
		if (!yes)
			return (-1);
		if (co_action_over(s->app->client, code, action, a,
		    &cause) != 0) {
			doc_refused(s, code, a, cause);
			return (-1);
		}
	}
	browse_reload(s->list);
	if (doc_load(s, record_id(s->hdr), NULL, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		doc_free(s);
	}
	return (0);
}

/*
 * Confirm: an order with changes not saved (or never saved) is saved and
 * confirmed in one request, which leaves nothing saved when refused; else
 * the saved order is confirmed.  override: past credit control.
 */
static int
confirm_send(struct ord_state *s, int override, struct cd_answer *a,
    char **cause)
{
	char	 code[32];

	if (s->dirty || record_id(s->hdr) == 0)
		return (doc_send(s, override ? 2 : 1, a, cause));
	snprintf(code, sizeof code, "%s", str_or(record_str(s->hdr, FX_CODE),
	    ""));
	return (co_action(s->app->client, code, override ?
	    "confirm_override" /* i18n: no */ : "post", a, cause));
}

/*
 * Confirm; refused by credit control (overdue debt, the credit limit), a
 * manager is asked whether to confirm anyway, which the order records.
 */
static int
order_credit(struct ord_state *s, struct cd_answer *a)
{
	char	 code[32], *cause = NULL, *q;
	int	 rc, yes;

	snprintf(code, sizeof code, "%s", str_or(record_str(s->hdr, FX_CODE),
	    ""));
	if ((rc = confirm_send(s, 0, a, &cause)) == 0)
		goto done;
	if (doc_conflict(s, rc, cause)) {
		free(cause);
		return (-1);
	}
	if (strstr(cause, _(credit_anyway)) == NULL ||
	    !(s->app->roles & (ROLE_MANAGER | ROLE_ADMIN))) {
		doc_refused(s, code, a, cause);
		return (-1);
	}
	xasprintf(&q, _("%s. Confirm it anyway? The order records that you "
	    "did."), cause);
	free(cause);
	cause = NULL;
	yes = ui_confirm(q);
	free(q);
	rc = yes ? confirm_send(s, 1, a, &cause) : -1;
	if (rc != 0) {
		if (cause != NULL)
			doc_refused(s, code, a, cause);
		return (-1);
	}
done:
	browse_reload(s->list);
	if (doc_load(s, a->id, NULL, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		doc_free(s);
	}
	return (0);
}

/* Confirm, what changed saved with it: every line reserved or none. */
static void
order_confirm(struct ord_state *s)
{
	struct cd_answer	 a;
	char			 q[160];

	if (!ui_may(s->app, s->he, ACT_POST))
		return;
	if (s->n == 0) {
		s->app->message(s->app, 1, "%s", _("no lines to confirm"));
		return;
	}
	snprintf(q, sizeof q, _("Confirm %s: reserve every line?"),
	    str_or(record_str(s->hdr, FX_CODE), _("the order")));
	if (!ui_confirm(q))
		return;
	if (order_credit(s, &a) != 0)
		return;
	s->adding = 0;
	s->app->message(s->app, 0, _("%s confirmed: its lines are reserved"),
	    a.code);
}

/* i: the order's invoice (its lines as ordered), opened in :inv. */
static void
order_invoice(struct ord_state *s)
{
	struct cd_answer	 a;
	char			*cause = NULL, code[32];

	if (!ui_may(s->app, dict_entity("invoices"), ACT_CREATE))
		return;
	if (s->dirty || record_id(s->hdr) == 0) {
		s->app->message(s->app, 1, "%s", _("save the order first: "
		    "F2/^S"));
		return;
	}
	snprintf(code, sizeof code, "%s", str_or(record_str(s->hdr, FX_CODE),
	    ""));
	if (co_action(s->app->client, code, "invoice", &a, &cause) != 0) {
		s->app->message(s->app, 1, "%s: %s", code, cause);
		free(cause);
		return;
	}
	s->app->message(s->app, 0, _("invoice %s of %s"), a.code, code);
	s->app->open(s->app, "invoices", a.code);
}

/*
 * s: the shipment draft of what is left, opened in :ship; S (post): that
 * shipment made and posted at once, in one request (ship with post, as
 * kontor ship SO --post), for whoever may post shipments, the order
 * shown again as the posting left it.
 */
static void
order_ship(struct ord_state *s, int post)
{
	const struct entity_def	*se = dict_entity("shipments");
	struct cd_answer	 a;
	char			*cause = NULL, code[32], q[200];

	if (!ui_may(s->app, se, ACT_CREATE) ||
	    (post && !ui_may(s->app, se, ACT_POST)))
		return;
	if (s->dirty) {
		s->app->message(s->app, 1, "%s", _("save the order first: "
		    "F2/^S"));
		return;
	}
	snprintf(code, sizeof code, "%s", str_or(record_str(s->hdr, FX_CODE),
	    ""));
	if (post) {
		snprintf(q, sizeof q, _("Ship what is left of %s and post "
		    "it?"), code);
		if (!ui_confirm(q))
			return;
		if (co_ship_post(s->app->client, code, &a, &cause) != 0) {
			/* Its line numbers are the shipment's: the refusal
			 * names the product. */
			s->app->message(s->app, 1, "%s: %s", code, cause);
			free(cause);
			return;
		}
		browse_reload(s->list);
		if (doc_load(s, record_id(s->hdr), NULL, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			doc_free(s);
			return;
		}
		s->app->message(s->app, 0, _("shipment %s of what is left of "
		    "%s posted"), a.code, code);
		return;
	}
	if (co_action(s->app->client, code, "ship", &a, &cause) != 0) {
		s->app->message(s->app, 1, "%s: %s", code, cause);
		free(cause);
		return;
	}
	browse_reload(s->list);
	if (screen_find("ship") == NULL) {
		s->app->message(s->app, 0, _("shipment draft %s made (no "
		    ":ship screen yet)"), a.code);
		return;
	}
	s->app->message(s->app, 0, _("shipment draft %s of %s"), a.code,
	    code);
	s->app->open(s->app, "ship", a.code);
}

static void
order_quote(struct ord_state *s)
{
	struct record	*q;
	char		*cause = NULL, code[32];

	if (!record_isset(s->hdr, HP(s, "quote"))) {
		s->app->message(s->app, 1, "%s", _("the order was not made "
		    "from a quote"));
		return;
	}
	if (cr_get(s->app->client, dict_entity("quotes"), (uint64_t)
	    record_int(s->hdr, HP(s, "quote")), NULL, &q, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return;
	}
	snprintf(code, sizeof code, "%s", str_or(record_str(q, FX_CODE), ""));
	record_free(q);
	s->app->open(s->app, "quote", code);
}

static void
quote_act(struct ord_state *s, int k)
{
	struct cd_answer	 a;
	const char		*action = k == 's' ? "send" : k == 'a' ?
				    "accept" : k == 'r' ? "reject" : "order";
	const struct field_def	*sf = dict_field(s->he, "status");
	char			 q[200], code[32];

	if (!ui_may(s->app, s->he, ACT_POST))
		return;
	if (s->dirty) {
		s->app->message(s->app, 1, "%s", _("save the quote first: "
		    "F2/^S"));
		return;
	}
	snprintf(code, sizeof code, "%s", str_or(record_str(s->hdr, FX_CODE),
	    ""));
	if (k == 'o')
		snprintf(q, sizeof q, _("Make the order draft of %s?"), code);
	else if (k == 'r')
		snprintf(q, sizeof q, _("%s rejected by the customer?"), code);
	else
		q[0] = '\0';
	if (doc_action(s, action, q[0] != '\0' ? q : NULL, &a) != 0)
		return;
	if (k != 'o') {
		s->app->message(s->app, 0, "%s: %s", code, ui_enum(sf,
		    a.status));
		return;
	}
	s->app->message(s->app, 0, _("order draft %s of %s"), a.code, code);
	s->app->open(s->app, "order", a.code);
}

/* P: the document as it is saved; changes here are saved first. */
static void
doc_print(struct ord_state *s)
{
	char	 code[32];

	if (record_id(s->hdr) == 0 || s->dirty) {
		s->app->message(s->app, 1, "%s", s->kind == K_QUOTE ?
		    _("save the quote first: F2/^S") : s->kind == K_INVOICE ?
		    _("save the invoice first: F2/^S") :
		    _("save the order first: F2/^S"));
		return;
	}
	snprintf(code, sizeof code, "%s", str_or(record_str(s->hdr, FX_CODE),
	    ""));
	/* What went out is in the archive: the head counts it now. */
	if (ui_print(s->app, s->he, code))
		ui_archive_summary(s->app, code, s->arch, sizeof s->arch);
}

/*
 * p: a payment from the invoice's customer, the invoice among the
 * documents to tick; c: cancel the invoice (nothing is paid of it).  1
 * when something was posted or cancelled.
 */
static int
inv_act(struct ord_state *s, struct ui_region *rg, const char *code,
    uint64_t customer, int k)
{
	struct cd_answer	 a;
	struct record		*c;
	char			*cause = NULL, q[160];
	int			 done;

	if (k == 'p') {
		if (!ui_may(s->app, dict_entity("payments"), ACT_POST))
			return (0);
		if (cr_get(s->app->client, dict_entity("customers"), customer,
		    NULL, &c, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return (0);
		}
		snprintf(q, sizeof q, "%s", str_or(record_str(c, FX_CODE), ""));
		record_free(c);
		done = screen_pay_entry(s->app, rg, 0, q);
		if (done)
			browse_reload(s->list);
		return (done);
	}
	if (!ui_may(s->app, s->he, ACT_POST))
		return (0);
	snprintf(q, sizeof q, _("Cancel invoice %s?"), code);
	if (!ui_confirm(q))
		return (0);
	if (co_action(s->app->client, code, "cancel", &a, &cause) != 0) {
		s->app->message(s->app, 1, _("not cancelled: %s"), cause);
		free(cause);
		return (0);
	}
	s->app->message(s->app, 0, _("%s cancelled"), code);
	browse_reload(s->list);
	return (1);
}

static enum ui_result
doc_key(struct ord_state *s, struct ui_region *rg, int k, unsigned *redraw)
{
	struct record	*p;
	struct oline	*l;
	size_t		 page = rg->h > 10 ? (size_t)rg->h - 8 : 1;
	char		 q[200], *cause = NULL;
	int		 edit = editable(s);

	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC) {
		if (s->entry.buf[0] != '\0') {
			ui_entry_clear(&s->entry);
			return (UI_CONTINUE);
		}
		if (s->adding && s->n > 0) {
			s->adding = 0;
			return (UI_CONTINUE);
		}
		if (ord_unsaved(s) != NULL && !ui_confirm(_("The changes are "
		    "not saved. Leave and lose them?")))
			return (UI_CONTINUE);
		doc_free(s);
		browse_reload(s->list);
		return (s->direct ? UI_BACK : UI_CONTINUE);
	}
	if (ui_cursor_key(k, &s->cur, s->n, page))
		;
	else if (UI_KEY_SAVE(k)) {
		if (edit && ui_may(s->app, s->he, record_id(s->hdr) ?
		    ACT_EDIT : ACT_CREATE))
			doc_save(s, 0);
	} else if (KEY_POST(k) && s->kind == K_ORDER) {
		if (edit && is_status(s, "draft"))
			order_confirm(s);
	} else if (!edit && (KEY_HEADER(k) || KEY_QTY(k) || KEY_PRICE(k) ||
	    KEY_REMOVE(k) || KEY_ADD(k) || UI_KEY_LOOKUP(k))) {
		s->app->message(s->app, 1, "%s", _("this document cannot be "
		    "changed here"));
	} else if (KEY_HEADER(k))
		hdr_form(s, rg);
	else if (KEY_QTY(k))
		ask_qty(s, rg);
	else if (KEY_PRICE(k))
		ask_price(s, rg);
	else if (KEY_REMOVE(k) && s->cur < s->n) {
		l = &s->l[s->cur];
		if (s->kind == K_ORDER && l->orig != NULL &&
		    record_int(l->orig, LP(s, "shipped")) > 0)
			s->app->message(s->app, 1, "%s", _("a line shipped "
			    "from stays"));
		else {
			line_remove(s, s->cur);
			s->dirty = 1;
		}
	} else if (KEY_ADD(k))
		s->adding = 1;
	else if (UI_KEY_LOOKUP(k)) {
		s->adding = 1;
		if (ui_lookup(s->app, _(s->pe->title), s->pe,
		    ui_entry_text(&s->entry), &p)) {
			ui_entry_clear(&s->entry);
			add_product(s, rg, p, 1000, 0);
		}
	} else if (UI_KEY_ENTER(k)) {
		if (s->adding && *ui_entry_text(&s->entry) != '\0' && edit)
			entry_term(s, rg);
		else if (edit && s->cur < s->n)
			ask_qty(s, rg);
	} else if (k == 'P' && !s->adding)
		doc_print(s);
	else if (edit && (s->adding || (k >= '0' && k <= '9'))) {
		/* A scanner's digits start adding at once. */
		s->adding = 1;
		ui_entry_key(&s->entry, k);
		*redraw = UI_REDRAW_ROW;
	} else if (k == 'v' && record_str(s->hdr, FX_CODE) != NULL) {
		ui_archive_box(s->app, record_str(s->hdr, FX_CODE));
		ui_archive_summary(s->app, record_str(s->hdr, FX_CODE),
		    s->arch, sizeof s->arch);
	} else if (s->kind == K_QUOTE && (k == 's' || k == 'a' || k == 'r' ||
	    k == 'o'))
		quote_act(s, k);
	else if (s->kind == K_INVOICE && (k == 'p' || k == 'c')) {
		if (s->dirty || record_id(s->hdr) == 0)
			s->app->message(s->app, 1, "%s", _("save the invoice "
			    "first: F2/^S"));
		else if (inv_act(s, rg, record_str(s->hdr, FX_CODE),
		    (uint64_t)record_int(s->hdr, HP(s, "customer")), k) &&
		    doc_load(s, record_id(s->hdr), NULL, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			doc_free(s);
		}
	} else if (s->kind == K_ORDER && (k == 's' || k == 'S'))
		order_ship(s, k == 'S');
	else if (s->kind == K_ORDER && k == 'q')
		order_quote(s);
	else if (s->kind == K_ORDER && k == 'i')
		order_invoice(s);
	else if (s->kind == K_ORDER && k == 'c') {
		if (!ui_may(s->app, s->he, ACT_POST))
			return (UI_CONTINUE);
		snprintf(q, sizeof q, _("Cancel %s: what it holds reserved is "
		    "released?"), str_or(record_str(s->hdr, FX_CODE), ""));
		if (record_id(s->hdr) != 0) {
			struct cd_answer	 a;
			char			 code[32];

			snprintf(code, sizeof code, "%s",
			    record_str(s->hdr, FX_CODE));
			if (doc_action(s, "cancel", q, &a) == 0)
				s->app->message(s->app, 0, _("%s cancelled"),
				    code);
		}
	}
	return (UI_CONTINUE);
}

static enum ui_result
ord_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct ord_state	*s = state;
	struct ui_region	 l = ui_list_region(rg);
	const struct record	*cur;
	char			*cause = NULL;
	const char *const	*st = statuses(s);

	if (s->hdr != NULL)
		return (doc_key(s, rg, k, redraw));
	if (browse_key(s->list, &l, k, redraw))
		return (UI_CONTINUE);
	if (k == UI_KEY_ESC)
		return (UI_BACK);
	*redraw |= UI_REDRAW_ALL;
	if (UI_KEY_NEW(k) && ui_may(s->app, s->he, ACT_CREATE)) {
		s->direct = 0;
		if (hdr_form(s, rg))
			s->adding = 1;
		else
			doc_free(s);
	} else if (k == 'f') {
		s->filter++;
		if (st[s->filter] == NULL)
			s->filter = -1;
		browse_filter_str(s->list, s->filter < 0 ? NULL : "status",
		    s->filter < 0 ? NULL : st[s->filter]);
		/* All: the newest at the cursor; a status: from its first
		 * (End would leave the filter's key). */
		s->fresh = s->filter < 0;
	} else if (k == 'P' && (cur = browse_current(s->list)) != NULL) {
		char	 code[32];

		snprintf(code, sizeof code, "%s", str_or(record_str(cur,
		    FX_CODE), ""));
		ui_print(s->app, s->he, code);
	} else if (k == 'v' && (cur = browse_current(s->list)) != NULL &&
	    record_str(cur, FX_CODE) != NULL) {
		char	 code[32];

		snprintf(code, sizeof code, "%s", record_str(cur, FX_CODE));
		ui_archive_box(s->app, code);
	} else if (s->kind == K_INVOICE && (k == 'p' || k == 'c') &&
	    (cur = browse_current(s->list)) != NULL) {
		char	 code[32];

		snprintf(code, sizeof code, "%s", str_or(record_str(cur,
		    FX_CODE), ""));
		inv_act(s, rg, code, (uint64_t)record_int(cur,
		    HP(s, "customer")), k);
	} else if (UI_KEY_ENTER(k) && (cur = browse_current(s->list)) !=
	    NULL) {
		s->direct = 0;
		if (doc_load(s, record_id(cur), NULL, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			doc_free(s);
		}
	}
	return (UI_CONTINUE);
}

static int
ord_open(struct app *app, const char *arg, void **state, char **cause,
    int kind)
{
	static const char *const ents[][3] = {
		{ "sales_orders", "so_lines", "order" },
		{ "quotes", "quote_lines", "quote" },
		{ "invoices", "invoice_lines", "invoice" },
	};
	struct ord_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->kind = kind;
	s->he = dict_entity(ents[kind][0]);
	s->le = dict_entity(ents[kind][1]);
	s->pe = dict_entity("products");
	s->parent = ents[kind][2];
	s->list = browse_new(app, s->he, kind == K_INVOICE ? "date" : NULL);
	if (kind == K_ORDER)
		browse_hide(s->list, "warehouse");
	/* The day to pay by before the order's number, in 80 columns (a
	 * list hides one column). */
	if (kind == K_INVOICE)
		browse_hide(s->list, "order");
	s->fresh = 1;
	s->filter = -1;
	*state = s;
	if (arg != NULL) {
		s->direct = 1;
		if (doc_load(s, 0, arg, cause) != 0) {
			doc_free(s);
			browse_free(s->list);
			free(s);
			*state = NULL;
			return (-1);
		}
	}
	return (0);
}

static int
order_open(struct app *app, const char *arg, void **state, char **cause)
{
	return (ord_open(app, arg, state, cause, K_ORDER));
}

static int
quote_open(struct app *app, const char *arg, void **state, char **cause)
{
	return (ord_open(app, arg, state, cause, K_QUOTE));
}

static int
inv_open(struct app *app, const char *arg, void **state, char **cause)
{
	return (ord_open(app, arg, state, cause, K_INVOICE));
}

static void
ord_close(void *state)
{
	struct ord_state	*s = state;

	doc_free(s);
	browse_free(s->list);
	free(s);
}

const struct screen_def scr_orders = {
	.name = "orders", .code = "order", .title = N_("Sales orders"),
	.hotkey = 'z', .area = "sales", .open = order_open,
	.close = ord_close, .draw = ord_draw, .key = ord_key,
	.actions = order_actions, .unsaved = ord_unsaved,
	.hangup = ord_hangup,
};

const struct screen_def scr_invoices = {
	.name = "invoices", .code = "inv", .title = N_("Invoices"),
	.hotkey = 'j', .area = "sales|finance", .open = inv_open,
	.close = ord_close, .draw = ord_draw, .key = ord_key,
	.actions = inv_actions, .unsaved = ord_unsaved,
	.hangup = ord_hangup,
};

const struct screen_def scr_quotes = {
	.name = "quotes", .code = "quote", .title = N_("Quotes"),
	.hotkey = 'q', .area = "sales", .open = quote_open,
	.close = ord_close, .draw = ord_draw, .key = ord_key,
	.actions = quote_actions, .unsaved = ord_unsaved,
	.hangup = ord_hangup,
};
