/*
 * Customers: the list, the form, and the card, which shows on one screen
 * the customer, its contacts, channels, the history of interactions, open
 * tasks, and a section for deals and documents that later areas fill,
 * with the archive's entries of the customer and its documents among
 * them (what was printed, mailed and attached).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "client/archive.h"
#include "client/money.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "screens/screens.h"
#include "ui/archive.h"
#include "ui/browse.h"
#include "ui/card.h"
#include "ui/form.h"
#include "xmalloc.h"

enum section { SEC_CONTACTS, SEC_CHANNELS, SEC_HISTORY, SEC_TASKS, SEC_DEALS,
    NSECTIONS };

static const char *const section_names[NSECTIONS] = {
	N_("Contacts"), N_("Channels"), N_("History"), N_("Tasks"),
	N_("Deals & documents")
};
static const char *const section_entities[NSECTIONS] = {
	"contacts", "channels", "activities", "tasks", NULL
};

/*
 * "Deals & documents": what the customer has in each of these entities,
 * in one list, newest first.  A sales document joins it with one line:
 * its entity (with a "customer" field, indexed), the field of its date
 * (FT_DATE or FT_TIME; NULL: when it was made), of its status, of its sum,
 * of a few words about it, and the screen that opens one by its code
 * (NULL: its form, here).
 */
static const struct dd_source {
	const char	*entity;
	const char	*date;
	const char	*status;
	const char	*sum;
	const char	*what;
	const char	*screen;
} dd_sources[] = {
	{ "deals", NULL, "stage", "amount", "title", NULL },
	{ "quotes", "date", "status", "gross", "notes", "quote" },
	{ "sales_orders", "date", "status", "gross", "customer_ref",
	  "order" },
	{ "shipments", "date", "status", "gross", "notes", "ship" },
	{ "customer_returns", "date", "status", "gross", "reason", "ret" },
	{ "invoices", "date", "status", "gross", "notes", "inv" },
};
#define NDD_SOURCES	(sizeof dd_sources / sizeof dd_sources[0])
/* What was printed, mailed and attached, the customer's and its
 * documents' (ca_list): among the documents, by when it was made. */
static const struct dd_source dd_archive = {
	"archive", "time", "kind", "size", NULL, NULL
};
#define DD_MAX		500	/* rows of each source at most */

struct dd_row {
	const struct dd_source	*src;
	struct record		*rec;
	int64_t			 when;	/* seconds, for the order */
};

struct cust_state {
	struct app		*app;
	const struct entity_def	*ent;
	struct browse		*list;
	struct record		*prev;		/* F3 in the form */
	/* The card, when open. */
	struct record		*card;
	struct browse		*sec[NSECTIONS];
	enum section		 cur;
	/* What the customer owes, when the clerk may see it. */
	struct cm_balance	 bal;
	int			 has_bal;
	/* Deals & documents. */
	struct dd_row		*dd;
	size_t			 ndd, ddcur, ddtop;
};

#define CUST_NEW_KEYS	"n/Insert"	/* i18n: no */

static const struct ui_action cust_actions[] = {
	{ '\n', "Enter", N_("open the customer's card"), 0 },
	{ 'n', "n/Insert", N_("new customer"), UI_NEEDS_WRITE },
	{ 'e', "e", N_("edit the customer"), UI_NEEDS_WRITE },
	{ '/', "/", N_("search: name, code, phone digits, e-mail, INN"), 0 },
	{ 's', "s", N_("sort by the next indexed field"), 0 },
	{ 0, N_("In the card:"), "", 0 },
	{ '\t', "Tab, Left/Right", N_("next / previous section"), 0 },
	{ 'a', "a", N_("log an activity (call, meeting, e-mail, note)"),
	  UI_NEEDS_WRITE },
	{ 't', "t", N_("new task for this customer"), UI_NEEDS_WRITE },
	{ 'c', "c", N_("new contact"), UI_NEEDS_WRITE },
	{ 'h', "h", N_("new channel (phone, e-mail, Telegram...)"),
	  UI_NEEDS_WRITE },
	{ 'p', "p", N_("a payment from the customer"),
	  UI_NEEDS_POST | UI_IN_FINANCE },
	{ '\n', "Enter", N_("open the section's record"), 0 },
	{ 'n', "n/Insert", N_("new record of the section (a deal in Deals & "
	  "documents)"), UI_NEEDS_WRITE },
	{ 'd', "d", N_("delete the section's record (asks first)"),
	  UI_NEEDS_DELETE },
	{ 27, "Esc", N_("back"), 0 },
	{ 0, NULL, NULL, 0 }
};

static void
dd_free(struct cust_state *s)
{
	size_t	 i;

	for (i = 0; i < s->ndd; i++)
		record_free(s->dd[i].rec);
	free(s->dd);
	s->dd = NULL;
	s->ndd = s->ddcur = s->ddtop = 0;
}

static int
cmp_dd(const void *a, const void *b)
{
	const struct dd_row	*x = a, *y = b;

	if (x->when != y->when)
		return (x->when > y->when ? -1 : 1);
	return (record_id(x->rec) > record_id(y->rec) ? -1 : 1);
}

/* A row's time: its date field (a date at local midnight), else when it
 * was made. */
static int64_t
dd_when(const struct dd_source *src, const struct record *r)
{
	const struct field_def	*f;
	struct tm		 tm;
	int64_t			 v;
	int			 pos;

	if (src->date == NULL || (pos = dict_field_pos(r->ent,
	    src->date)) < 0 || !record_isset(r, pos))
		return (record_int(r, FX_CREATED));
	f = &r->ent->fields[pos];
	v = record_int(r, pos);
	if (f->type != FT_DATE)
		return (v);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = (int)(v / 10000) - 1900;
	tm.tm_mon = (int)(v / 100 % 100) - 1;
	tm.tm_mday = (int)(v % 100);
	tm.tm_isdst = -1;
	return ((int64_t)mktime(&tm));
}

/* Every source's rows of the card's customer (its customer index, from
 * the customer to the next), newest first. */
static void
dd_load(struct cust_state *s)
{
	const struct dd_source	*src;
	struct record		**rows;
	struct value		 from;
	size_t			 n, i, j;
	char			*cause = NULL;
	int			 pos;

	dd_free(s);
	for (i = 0; i < NDD_SOURCES; i++) {
		const struct entity_def	*e;

		src = &dd_sources[i];
		if ((e = dict_entity(src->entity)) == NULL ||
		    !auth_allowed(s->app->roles, e->area, ACT_VIEW))
			continue;
		pos = dict_field_pos(e, "customer");
		memset(&from, 0, sizeof from);
		from.set = 1;
		from.i = (int64_t)record_id(s->card);
		if (cr_scan(s->app->client, e, "customer", &from, 0, 1, DD_MAX,
		    &rows, &n, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		for (j = 0; j < n; j++) {
			if (record_int(rows[j], pos) !=
			    (int64_t)record_id(s->card)) {
				record_free(rows[j]);
				continue;
			}
			s->dd = xreallocarray(s->dd, s->ndd + 1,
			    sizeof *s->dd);
			s->dd[s->ndd].src = src;
			s->dd[s->ndd].rec = rows[j];
			s->dd[s->ndd].when = dd_when(src, rows[j]);
			s->ndd++;
		}
		free(rows);
	}
	if (auth_allowed(s->app->roles, s->ent->area, ACT_VIEW) &&
	    ca_list(s->app->client, record_str(s->card, FX_CODE), &rows, &n,
	    &cause) == 0) {
		for (j = 0; j < n; j++) {
			s->dd = xreallocarray(s->dd, s->ndd + 1,
			    sizeof *s->dd);
			s->dd[s->ndd].src = &dd_archive;
			s->dd[s->ndd].rec = rows[j];
			s->dd[s->ndd].when = dd_when(&dd_archive, rows[j]);
			s->ndd++;
		}
		free(rows);
	} else if (cause != NULL) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
	}
	if (s->ndd > 0)
		xqsort(s->dd, s->ndd, sizeof *s->dd, cmp_dd);
}

static void
card_close(struct cust_state *s)
{
	int	 i;

	dd_free(s);
	cm_balance_free(&s->bal);
	s->has_bal = 0;
	for (i = 0; i < NSECTIONS; i++) {
		browse_free(s->sec[i]);
		s->sec[i] = NULL;
	}
	record_free(s->card);
	s->card = NULL;
}

static int
card_open(struct cust_state *s, uint64_t id, const char *code)
{
	char	*cause = NULL;
	int	 i;

	card_close(s);
	if (cr_get(s->app->client, s->ent, id, code, &s->card, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return (-1);
	}
	for (i = 0; i < NSECTIONS; i++) {
		if (section_entities[i] == NULL)
			continue;
		s->sec[i] = browse_new(s->app,
		    dict_entity(section_entities[i]), NULL);
		browse_filter(s->sec[i], "customer",
		    (int64_t)record_id(s->card));
		browse_hide(s->sec[i], "customer");
		/* The history newest first, tasks by when they fall due. */
		if (i == SEC_HISTORY)
			browse_order(s->sec[i], "at", 1);
		else if (i == SEC_TASKS)
			browse_order(s->sec[i], "due", 0);
	}
	dd_load(s);
	/* Sales and finance see what is owed; others go without. */
	if (auth_allowed(s->app->roles, "sales", ACT_VIEW) ||
	    auth_allowed(s->app->roles, "finance", ACT_VIEW)) {
		if (cm_balance(s->app->client, record_str(s->card, FX_CODE), 0,
		    &s->bal, &cause) == 0)
			s->has_bal = 1;
		else
			free(cause);
	}
	return (0);
}

/* One line: what the customer owes, how much of it is overdue, the
 * advances and the credit limit. */
static int
card_money(struct cust_state *s, struct ui_region *rg, int y)
{
	char	 owed[32], late[32], adv[32], lim[32], line[256];
	int	 pos = dict_field_pos(s->ent, "credit_limit");

	if (!s->has_bal)
		return (0);
	money_format(s->bal.owed, owed, sizeof owed, 1);
	money_format(s->bal.overdue, late, sizeof late, 1);
	money_format(s->bal.advance, adv, sizeof adv, 1);
	if (record_isset(s->card, pos)) {
		money_format(record_int(s->card, pos), lim, sizeof lim, 1);
		snprintf(line, sizeof line, _("Owes %s, overdue %s, advances "
		    "%s, credit limit %s"), owed, late, adv, lim);
	} else
		snprintf(line, sizeof line, _("Owes %s, overdue %s, advances "
		    "%s"), owed, late, adv);
	if (s->bal.overdue > 0)
		wattron(rg->win, A_BOLD);
	ui_put(rg->win, y, rg->x, line, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	return (1);
}

static int
cust_open(struct app *app, const char *arg, void **state, char **cause)
{
	struct cust_state	*s;

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->ent = dict_entity("customers");
	s->list = browse_new(app, s->ent, "name");
	*state = s;
	if (arg != NULL && card_open(s, 0, arg) != 0) {
		xasprintf(cause, _("no customer %s"), arg);
		browse_free(s->list);
		free(s);
		return (-1);
	}
	return (0);
}

static void
cust_close(void *state)
{
	struct cust_state	*s = state;

	card_close(s);
	browse_free(s->list);
	record_free(s->prev);
	free(s);
}

/* A label and its value in w columns at (y, x): the label padded to lw
 * columns (cut by display width, never by bytes). */
/* The card's head: the customer's main fields. */
static int
card_head(struct cust_state *s, struct ui_region *rg)
{
	static const char *const fields[] = {
		"code", "name", "kind", "status", "inn", "kpp", "phone",
		"email", "city", "manager", "tags", "source", "address"
	};

	return (ui_card_head(s->app, rg, s->card, fields,
	    sizeof fields / sizeof fields[0]));
}

/* One row of the list: date, code, status, sum, and what it is. */
static char *
dd_line(struct cust_state *s, const struct dd_row *d, int w)
{
	const struct entity_def	*e = d->rec->ent;
	struct buf		 b = { 0 };
	char			 date[16], money[40], *st, *what;
	time_t			 t = (time_t)d->when;
	struct tm		 tm;
	int			 pos, rest;

	localtime_r(&t, &tm);
	strftime(date, sizeof date, "%d.%m.%Y", &tm);
	pos = dict_field_pos(e, d->src->status);
	st = pos >= 0 ? ui_format(s->app, &e->fields[pos], &d->rec->v[pos]) :
	    xstrdup("");
	pos = dict_field_pos(e, d->src->sum);
	if (d->src == &dd_archive)
		size_format((uint64_t)record_int(d->rec, pos), money,
		    sizeof money);
	else
		money_format(pos >= 0 ? record_int(d->rec, pos) : 0, money,
		    sizeof money, 1);
	ui_cell(&b, date, 10, 0);
	buf_addc(&b, ' ');
	/* A document's number is 15 wide: SHP-2026-000001. */
	/* An archive entry: the document it is of (the customer's own: its
	 * code). */
	ui_cell(&b, record_str(d->rec, d->src == &dd_archive ?
	    dict_field_pos(e, "doc") : FX_CODE), 15, 0);
	buf_addc(&b, ' ');
	ui_cell(&b, st, 15, 0);
	buf_addc(&b, ' ');
	ui_cell(&b, money, 13, 1);
	buf_addc(&b, ' ');
	rest = w - 10 - 1 - 15 - 1 - 15 - 1 - 13 - 1;
	pos = d->src->what != NULL ? dict_field_pos(e, d->src->what) : -1;
	what = d->src == &dd_archive ? ui_archive_what(d->rec) :
	    xstrdup(pos >= 0 && record_str(d->rec, pos) != NULL ?
	    record_str(d->rec, pos) : "");
	ui_cell(&b, what, rest > 4 ? rest : 4, 0);
	buf_addc(&b, '\0');
	free(what);
	free(st);
	return (buf_steal(&b));
}

static void
dd_draw(struct cust_state *s, struct ui_region *rg)
{
	char	*line;
	size_t	 i;
	int	 y;

	if (s->ddcur < s->ddtop)
		s->ddtop = s->ddcur;
	if (s->ddcur >= s->ddtop + (size_t)rg->h)
		s->ddtop = s->ddcur - (size_t)rg->h + 1;
	for (y = 0; y < rg->h; y++) {
		i = s->ddtop + (size_t)y;
		if (i >= s->ndd) {
			ui_put(rg->win, rg->y + y, rg->x, s->ndd == 0 &&
			    y == 0 ? _("No deals or documents for this "
			    "customer yet (n: a new deal).") : "", rg->w, 1);
			continue;
		}
		line = dd_line(s, &s->dd[i], rg->w);
		if (i == s->ddcur)
			wattron(rg->win, A_REVERSE);
		ui_put(rg->win, rg->y + y, rg->x, line, rg->w, 1);
		wattroff(rg->win, A_REVERSE);
		free(line);
	}
}

/* Enter on a row: its screen at it, or its form here; n: a new deal of
 * this customer. */
static void
dd_open(struct cust_state *s, struct ui_region *rg, int new)
{
	const struct entity_def	*e = dict_entity("deals");
	const struct dd_row	*d = new ? NULL : &s->dd[s->ddcur];
	struct form_opts	 o;
	struct record		*r;
	char			 title[160], *cause = NULL;
	uint64_t		 id;

	if (d != NULL && d->src == &dd_archive) {
		ui_archive_entry(s->app, d->rec);
		return;
	}
	if (d != NULL && d->src->screen != NULL) {
		s->app->open(s->app, d->src->screen, record_str(d->rec,
		    FX_CODE));
		return;
	}
	if (d != NULL) {
		e = d->rec->ent;
		if (cr_get(s->app->client, e, record_id(d->rec), NULL, &r,
		    &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return;
		}
	} else {
		if (!ui_may(s->app, e, ACT_CREATE))
			return;
		r = record_new(e);
		record_set_str(r, dict_field_pos(e, "customer"),
		    record_str(s->card, FX_CODE));
		record_set_str(r, dict_field_pos(e, "manager"),
		    s->app->login);
	}
	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, _("%s of %s"), _(e->title),
	    record_str(s->card, FX_CODE));
	o.title = title;
	o.fixed[0] = "customer";
	o.readonly = !auth_allowed(s->app->roles, e->area, ACT_EDIT);
	if (form_edit(s->app, rg, r, &o)) {
		id = record_id(r);
		dd_load(s);
		for (s->ddcur = 0; s->ddcur + 1 < s->ndd &&
		    record_id(s->dd[s->ddcur].rec) != id; s->ddcur++)
			;
	}
	record_free(r);
}

/* The keys of the list or the card, as F1 offers them to these roles. */
static const char *
cust_keys(struct cust_state *s, int card)
{
	static char	 line[256];
	const char	*area = scr_customers.area;

	if (!card) {
		snprintf(line, sizeof line, _("Enter card  %s%s/ search  "
		    "s sort  Esc back  F1/? help"), ui_offers(s->app, area,
		    cust_actions, CUST_NEW_KEYS) ? _("n new  ") : "",
		    ui_offers(s->app, area, cust_actions, "e") ?
		    _("e edit  ") : "");
		return (line);
	}
	snprintf(line, sizeof line, _("Tab section  %s%s%s%sEsc back  F1"),
	    ui_offers(s->app, area, cust_actions, "a") ? _("a activity  ") :
	    "", ui_offers(s->app, area, cust_actions, "t") ? _("t task  ") :
	    "", ui_offers(s->app, area, cust_actions, "c") ? _("c contact  ") :
	    "", ui_offers(s->app, area, cust_actions, "p") ? _("p payment  ") :
	    "");
	return (line);
}

static void
card_draw(struct cust_state *s, struct ui_region *rg)
{
	struct ui_region	 sec;
	int			 used, i, x;

	used = card_head(s, rg);
	used += card_money(s, rg, rg->y + used);
	/* The section tabs: the current one in reverse. */
	wmove(rg->win, rg->y + used, rg->x);
	for (i = 0, x = 0; i < NSECTIONS; i++) {
		if (i == (int)s->cur)
			wattron(rg->win, A_REVERSE);
		x += ui_put(rg->win, rg->y + used, rg->x + x,
		    _(section_names[i]), rg->w - x, 0);
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
	sec.h = rg->h - used;
	if (sec.h < 2)
		return;
	/* The last row says the card's keys (they had none shown). */
	if (sec.h > 3)
		sec.h--;
	if (s->sec[s->cur] != NULL)
		browse_draw(s->sec[s->cur], &sec, 1);
	else
		dd_draw(s, &sec);
	if (sec.y + sec.h < rg->y + rg->h)
		ui_put(rg->win, rg->y + rg->h - 1, rg->x, cust_keys(s, 1),
		    rg->w, 1);
}

static void
cust_draw(void *state, struct ui_region *rg, unsigned redraw)
{
	struct cust_state	*s = state;

	struct ui_region	 l = ui_list_region(rg);

	if (s->card != NULL)
		card_draw(s, rg);
	else {
		browse_draw(s->list, &l, 1);
		if (rg->h > 3)
			ui_put(rg->win, rg->y + rg->h - 1, rg->x,
			    cust_keys(s, 0), rg->w, 1);
	}
}

static void
edit_customer(struct cust_state *s, struct ui_region *rg, struct record *r)
{
	struct form_opts	 o;
	char			 title[128];

	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, _("Customer %s"), record_id(r) ?
	    record_str(r, FX_CODE) : _("(new)"));
	o.title = title;
	o.prev = s->prev;
	if (form_edit(s->app, rg, r, &o)) {
		record_free(s->prev);
		s->prev = record_dup(r);
		browse_show(s->list, record_id(r));
		if (s->card != NULL)
			card_open(s, record_id(r), NULL);
	}
}

/* A record of a section, new (id 0) or existing, with the customer
 * fixed; activities default to a call now, tasks to the clerk. */
static void
edit_section(struct cust_state *s, struct ui_region *rg, enum section sec,
    uint64_t id)
{
	const struct entity_def	*e = dict_entity(section_entities[sec]);
	struct form_opts	 o;
	struct record		*r;
	char			 title[160], *cause = NULL;

	if (id != 0) {
		if (cr_get(s->app->client, e, id, NULL, &r, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return;
		}
	} else {
		r = record_new(e);
		record_set_str(r, dict_field_pos(e, "customer"),
		    record_str(s->card, FX_CODE));
		if (sec == SEC_HISTORY) {
			record_set_str(r, dict_field_pos(e, "kind"), "call");
			record_set_int(r, dict_field_pos(e, "at"),
			    (int64_t)time(NULL));
			record_set_str(r, dict_field_pos(e, "user"),
			    s->app->login);
		}
		if (sec == SEC_TASKS) {
			record_set_str(r, dict_field_pos(e, "assignee"),
			    s->app->login);
			record_set_str(r, dict_field_pos(e, "status"), "open");
			record_set_str(r, dict_field_pos(e, "priority"),
			    "normal");
		}
	}
	memset(&o, 0, sizeof o);
	snprintf(title, sizeof title, _("%s of %s"), _(e->title),
	    record_str(s->card, FX_CODE));
	o.title = title;
	o.fixed[0] = "customer";
	if (form_edit(s->app, rg, r, &o))
		browse_show(s->sec[sec], record_id(r));
	record_free(r);
}

static enum ui_result
card_key(struct cust_state *s, struct ui_region *rg, int k, unsigned *redraw)
{
	const struct record	*cur;
	char			*cause = NULL;
	struct ui_region	 sec = *rg;

	sec.h = rg->h / 2;
	sec.y = rg->y + rg->h - sec.h;
	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC) {
		card_close(s);
		browse_reload(s->list);
		return (UI_CONTINUE);
	}
	if (k == '\t' || k == UI_K(KEY_RIGHT)) {
		s->cur = (s->cur + 1) % NSECTIONS;
		return (UI_CONTINUE);
	}
	if (k == UI_K(KEY_BTAB) || k == UI_K(KEY_LEFT)) {
		s->cur = (s->cur + NSECTIONS - 1) % NSECTIONS;
		return (UI_CONTINUE);
	}
	if (s->sec[s->cur] != NULL && browse_key(s->sec[s->cur], &sec, k,
	    redraw))
		return (UI_CONTINUE);
	/* Deals & documents: its own list; the card's letters go on. */
	if (s->cur == SEC_DEALS && (k <= 0 || k >= 128 ||
	    strchr("eatch", k) == NULL)) {
		if (UI_KEY_DOWN(k) && s->ddcur + 1 < s->ndd)
			s->ddcur++;
		else if (UI_KEY_UP(k) && s->ddcur > 0)
			s->ddcur--;
		else if (UI_KEY_ENTER(k) && s->ndd > 0)
			dd_open(s, rg, 0);
		else if (UI_KEY_NEW(k))
			dd_open(s, rg, 1);
		return (UI_CONTINUE);
	}
	if (k > 0 && k < 128 && strchr("eatchnd", k) != NULL &&
	    !ui_may(s->app, s->ent, k == 'e' ? ACT_EDIT : k == 'd' ?
	    ACT_DELETE : ACT_CREATE))
		return (UI_CONTINUE);
	switch (k) {
	case 'e':
		edit_customer(s, rg, s->card);
		break;
	case 'a':
		s->cur = SEC_HISTORY;
		edit_section(s, rg, SEC_HISTORY, 0);
		break;
	case 't':
		s->cur = SEC_TASKS;
		edit_section(s, rg, SEC_TASKS, 0);
		break;
	case 'c':
		s->cur = SEC_CONTACTS;
		edit_section(s, rg, SEC_CONTACTS, 0);
		break;
	case 'p':
		/* A payment from this customer, its open documents listed. */
		if (ui_may(s->app, dict_entity("payments"), ACT_POST) &&
		    screen_pay_entry(s->app, rg, 0, record_str(s->card,
		    FX_CODE))) {
			char	 code[32];

			snprintf(code, sizeof code, "%s", record_str(s->card,
			    FX_CODE));
			card_open(s, 0, code);
		}
		break;
	case 'h':
		s->cur = SEC_CHANNELS;
		edit_section(s, rg, SEC_CHANNELS, 0);
		break;
	case 'n':
	case UI_K(KEY_IC):
		if (s->sec[s->cur] != NULL)
			edit_section(s, rg, s->cur, 0);
		break;
	case '\n':
	case '\r':
	case UI_K(KEY_ENTER):
		if (s->sec[s->cur] != NULL &&
		    (cur = browse_current(s->sec[s->cur])) != NULL)
			edit_section(s, rg, s->cur, record_id(cur));
		break;
	case 'd':
		if (s->sec[s->cur] == NULL ||
		    (cur = browse_current(s->sec[s->cur])) == NULL)
			break;
		if (!ui_confirm(_("Delete this record?")))
			break;
		if (cr_delete(s->app->client, dict_entity(
		    section_entities[s->cur]), record_id(cur),
		    record_rev(cur), &cause) != 0) {
			s->app->message(s->app, 1, _("not deleted: %s"), cause);
			free(cause);
		} else
			browse_reload(s->sec[s->cur]);
		break;
	}
	return (UI_CONTINUE);
}

static enum ui_result
cust_key(void *state, struct ui_region *rg, int k, unsigned *redraw)
{
	struct cust_state	*s = state;
	const struct record	*cur;
	struct record		*r;
	char			*cause = NULL;
	struct ui_region	 l = ui_list_region(rg);

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
		record_set_str(r, dict_field_pos(s->ent, "kind"), "company");
		record_set_str(r, dict_field_pos(s->ent, "status"), "lead");
		record_set_str(r, dict_field_pos(s->ent, "manager"),
		    s->app->login);
		edit_customer(s, rg, r);
		record_free(r);
		*redraw |= UI_REDRAW_ALL;
	} else if (k == 'e' && (cur = browse_current(s->list)) != NULL &&
	    ui_may(s->app, s->ent, ACT_EDIT)) {
		if (cr_get(s->app->client, s->ent, record_id(cur), NULL, &r,
		    &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
		} else {
			edit_customer(s, rg, r);
			record_free(r);
		}
		*redraw |= UI_REDRAW_ALL;
	}
	return (UI_CONTINUE);
}

/* The card names its customer in the title bar. */
static const char *
cust_heading(void *state)
{
	struct cust_state	*s = state;
	static char		 buf[200];
	const char		*name;

	if (s->card == NULL)
		return (NULL);
	name = record_str(s->card, dict_field_pos(s->ent, "name"));
	snprintf(buf, sizeof buf, _("Customer %s %s"), record_str(s->card,
	    FX_CODE), name != NULL ? name : "");
	return (buf);
}

const struct screen_def scr_customers = {
	.name = "customers", .code = "cust", .title = N_("Customers"),
	.hotkey = 'c', .area = "crm", .open = cust_open, .close = cust_close,
	.draw = cust_draw, .key = cust_key, .actions = cust_actions,
	.heading = cust_heading,
};
