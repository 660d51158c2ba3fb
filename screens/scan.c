/*
 * Scanning documents: receiving (:recv), the stock count (:count), the
 * shipment (:ship) and the customer return (:ret); see scan.h.
 * The clerk chooses the warehouse (and for a receipt the supplier or a
 * sent purchase order, whose expected lines then show with what came
 * before; for a shipment the customer or a confirmed sales order; for a
 * return the posted shipment), then scans: each barcode (digits, then Enter, as a scanner
 * types them) adds the units one scan of it counts to its product's line.
 * An unknown barcode is an error on the status line with a beep, and
 * nothing is added.  The lines live here until F2 saves the draft or the
 * post key saves and posts it, each one request and one transaction.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "auth.h"
#include "client/docs.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "screens/scan.h"
#include "screens/screens.h"
#include "ui/browse.h"
#include "ui/form.h"
#include "ui/lookup.h"
#include "ui/print.h"
#include "xmalloc.h"

#define KEY_POST(k)	((k) == UI_K(KEY_F(5)) || (k) == KEY_CTRL('t'))
#define KEY_QTY(k)	((k) == UI_K(KEY_F(6)) || (k) == KEY_CTRL('q'))
#define KEY_HEADER(k)	((k) == UI_K(KEY_F(7)) || (k) == KEY_CTRL('w'))
#define KEY_REMOVE(k)	((k) == UI_K(KEY_F(8)) || (k) == KEY_CTRL('d'))
#define KEY_ZERO(k)	((k) == UI_K(KEY_F(9)) || (k) == KEY_CTRL('x'))

#define SCAN_ERRS	5	/* errors kept on screen */

struct sline {
	struct record	*prod;		/* the product */
	struct record	*orig;		/* the stored line, or NULL */
	struct record	*base;		/* the base's first line of it */
	int64_t		 qty;		/* received, or counted */
	int64_t		 ordered;	/* on the purchase order, -1: not */
	int64_t		 before;	/* received against it before */
	int64_t		 price;		/* the order's price, -1: none */
	int64_t		 book;		/* count: on hand, -1: not known */
	char		*lot;		/* a product kept by lots: its lot */
	int64_t		 expiry;	/* YYYYMMDD, 0: none */
};

struct scan_state;
static void	scan_note(struct scan_state *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static void	qstr(int64_t, char *, size_t);

/* What a kind of document is made of. */
struct scan_kind_def {
	const char	*hdr, *lines;	/* entities */
	const char	*type;		/* stock_docs' type, or NULL */
	const char	*parent;	/* the lines' field naming the document */
	const char	*base;		/* the header's field naming its base */
	const char	*base_ent, *base_lines;
	const char	*base_parent;	/* the base lines' field naming it */
	const char	*base_done;	/* what was done of a base line */
	const char	*party;		/* supplier, customer, or NULL */
	const char	*screen;	/* the screen a draft reopens in */
	const char	*base_prefix;	/* a base's number: PO-, SO-, SHP- */
};

static const struct scan_kind_def kinds[] = {
	[SCAN_RECV] = { "stock_docs", "stock_lines", "receipt", "doc", "po",
	    "purchase_orders", "po_lines", "po", "received", "supplier",
	    "receiving", "PO-" },
	[SCAN_COUNT] = { "stock_docs", "stock_lines", "count", "doc", NULL,
	    NULL, NULL, NULL, NULL, NULL, "count", NULL },
	[SCAN_SHIP] = { "shipments", "shipment_lines", NULL, "shipment",
	    "order", "sales_orders", "so_lines", "order", "shipped",
	    "customer", "ship", "SO-" },
	[SCAN_RET] = { "customer_returns", "return_lines", NULL,
	    "cust_return", "shipment", "shipments", "shipment_lines",
	    "shipment", "returned", "customer", "ret", "SHP-" },
};

struct scan_state {
	struct app		*app;
	enum scan_kind		 kind;
	const struct scan_kind_def *k;
	int			 count;		/* :count */
	int			 sales;		/* :ship or :ret */
	const char		*type;		/* "receipt", "count", NULL */
	const struct entity_def	*de, *le, *pe;
	struct record		*hdr;		/* NULL until chosen */
	int			 ask_header;	/* the header form is due */
	int			 in_header;
	uint64_t		 wid;
	struct sline		*l;
	size_t			 n;
	size_t			 cur;
	size_t			 top;
	struct ui_entry		 entry;
	int			 stale;		/* the next key starts afresh */
	char			 note[256];	/* what the last scan did */
	int			 note_error;
	/* Errors of a burst of scans, kept until the clerk has read them
	 * (Esc): the next scan's note would hide a single one. */
	char			 errs[SCAN_ERRS][256];
	int			 nerrs;
	int			 dirty;		/* lines not saved */
	int			 posted;
};

#define HP(s, f)	dict_field_pos((s)->de, (f))
#define LP(s, f)	dict_field_pos((s)->le, (f))
#define PP(s, f)	dict_field_pos((s)->pe, (f))

static const char *
str_or(const char *s, const char *def)
{
	return (s != NULL ? s : def);
}

/* A product of kind service: not kept in stock, nothing to scan. */
static int
is_service(struct scan_state *s, const struct record *p)
{
	const char	*kind = p != NULL ? record_str(p, PP(s, "kind")) :
			    NULL;

	return (kind != NULL && strcmp(kind, "service") == 0);
}

static int
blind(struct scan_state *s)
{
	return (s->count && s->hdr != NULL && !s->posted &&
	    record_int(s->hdr, HP(s, "blind")) != 0);
}

/* --- lines ------------------------------------------------------------- */

static void
lines_free(struct scan_state *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		record_free(s->l[i].prod);
		record_free(s->l[i].orig);
		record_free(s->l[i].base);
		free(s->l[i].lot);
	}
	free(s->l);
	s->l = NULL;
	s->n = s->cur = s->top = 0;
}

static struct sline *
line_find(struct scan_state *s, uint64_t pid)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (record_id(s->l[i].prod) == pid)
			return (&s->l[i]);
	return (NULL);
}

/* What the warehouse's book says of the product (a count not blind). */
static void
line_book(struct scan_state *s, struct sline *l)
{
	struct record	*st;
	char		 key[48], *cause = NULL;

	l->book = -1;
	if (!s->count || s->wid == 0)
		return;
	snprintf(key, sizeof key, "%llu:%llu",		/* i18n: no */
	    (unsigned long long)record_id(l->prod),
	    (unsigned long long)s->wid);
	if (cr_get(s->app->client, dict_entity("stock"), 0, key, &st,
	    &cause) != 0) {
		free(cause);
		l->book = 0;		/* never been there */
		return;
	}
	l->book = record_int(st, dict_field_pos(st->ent, "on_hand"));
	record_free(st);
}

/* A new line of product p (taken over), the current one. */
static struct sline *
line_add(struct scan_state *s, struct record *p)
{
	struct sline	*l;

	s->l = xreallocarray(s->l, s->n + 1, sizeof *s->l);
	l = &s->l[s->n];
	memset(l, 0, sizeof *l);
	l->prod = p;
	l->ordered = -1;
	l->price = -1;
	l->book = -1;
	s->cur = s->n++;
	line_book(s, l);
	return (l);
}

/* The line of product p and lot (NULL: a product without lots). */
static struct sline *
line_find_lot(struct scan_state *s, uint64_t pid, const char *lot)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (record_id(s->l[i].prod) == pid && (lot == NULL ?
		    s->l[i].lot == NULL : s->l[i].lot != NULL &&
		    strcmp(s->l[i].lot, lot) == 0))
			return (&s->l[i]);
	return (NULL);
}

/* What the lines of product pid add up to (a product kept by lots has a
 * line per lot). */
static int64_t
prod_qty(struct scan_state *s, uint64_t pid)
{
	int64_t	 q = 0;
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (record_id(s->l[i].prod) == pid)
			q += s->l[i].qty;
	return (q);
}

/* How many lines product pid has. */
static size_t
prod_lines(struct scan_state *s, uint64_t pid)
{
	size_t	 i, n = 0;

	for (i = 0; i < s->n; i++)
		if (record_id(s->l[i].prod) == pid)
			n++;
	return (n);
}

/* A line of a product that has another line on the base (a second lot
 * of it) shows and takes what the base says of the product. */
static void
line_share(struct scan_state *s, struct sline *l)
{
	size_t	 i;

	if (l->ordered >= 0)
		return;
	for (i = 0; i < s->n; i++) {
		struct sline	*o = &s->l[i];

		if (o == l || o->ordered < 0 ||
		    record_id(o->prod) != record_id(l->prod))
			continue;
		l->ordered = o->ordered;
		l->before = o->before;
		l->price = o->price;
		record_free(l->base);
		l->base = o->base != NULL ? record_dup(o->base) : NULL;
		return;
	}
}

/* What the lines of this document take of a lot of pid. */
static int64_t
lot_taken(struct scan_state *s, uint64_t pid, const char *lot)
{
	int64_t	 q = 0;
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (record_id(s->l[i].prod) == pid && s->l[i].lot != NULL &&
		    strcmp(s->l[i].lot, lot) == 0)
			q += s->l[i].qty;
	return (q);
}

/*
 * A shipment's offer of a lot of p at the warehouse: the first to expire
 * of its lots that still holds need (what this document takes of each
 * already counted), into lot, and what it holds and when it expires,
 * into note.  -1 when none can serve (the reason on the note line).
 */
static int
lot_offer(struct scan_state *s, struct record *p, int64_t need,
    struct cd_lots *lots, char *lot, size_t llen, char *note, size_t nlen)
{
	const char	*sku = record_str(p, FX_CODE);
	char		*cause = NULL, *held = NULL, *t, a[32], b[32], d[16];
	int64_t		 left, total = 0, want = need;
	size_t		 i, j;

	if (cd_lots(s->app->client, record_id(p), s->wid, lots,
	    &cause) != 0) {
		scan_note(s, 1, _("%s: nothing added"), cause);
		free(cause);
		return (-1);
	}
	/* The first that holds the scan, else the first that holds some
	 * (a pack no lot holds whole: taking it is refused with why). */
	for (i = 0; i < lots->n; i++)
		if (lots->v[i].qty - lot_taken(s, record_id(p),
		    lots->v[i].lot) >= need)
			break;
	for (j = 0; i == lots->n && j < lots->n; j++)
		if (lots->v[j].qty - lot_taken(s, record_id(p),
		    lots->v[j].lot) > 0)
			i = j;
	if (i < lots->n) {
		left = lots->v[i].qty - lot_taken(s, record_id(p),
		    lots->v[i].lot);
		snprintf(lot, llen, "%s", lots->v[i].lot);
		qstr(left, a, sizeof a);
		if (lots->v[i].expiry != 0) {
			ui_date(lots->v[i].expiry, d, sizeof d);
			snprintf(note, nlen, _("FEFO: lot %s, %s available, "
			    "expires %s"), lot, a, d);
		} else
			snprintf(note, nlen, _("FEFO: lot %s, %s available, "
			    "no expiry"), lot, a);
		return (0);
	}
	/* Nothing left in any: what they hold, as the posting says it. */
	for (i = 0; i < lots->n; i++) {
		total += lots->v[i].qty;
		want += lot_taken(s, record_id(p), lots->v[i].lot);
		qstr(lots->v[i].qty, a, sizeof a);
		t = held;
		xasprintf(&held, "%s%s%s %s", t != NULL ? t : "",
		    t != NULL ? ", " : "", lots->v[i].lot, a);
		free(t);
	}
	qstr(total, a, sizeof a);
	qstr(want, b, sizeof b);
	if (held != NULL) {
		t = held;
		xasprintf(&held, " (%s)", t);
		free(t);
	}
	scan_note(s, 1, _("%s at %s: its lots hold %s%s, %s requested"),
	    sku != NULL ? sku : "", lots->warehouse, a, held != NULL ? held :
	    "", b);
	free(held);
	return (-1);
}

/* Whether lot of p is at the warehouse and holds need more than this
 * document takes of it already; the lot, or NULL and the refusal on the
 * note line, as the posting would put it. */
static const struct cd_lot *
lot_serves(struct scan_state *s, struct record *p, const struct cd_lots *lots,
    const char *lot, int64_t need)
{
	char	 a[32], b[32];
	int64_t	 taken = lot_taken(s, record_id(p), lot);
	size_t	 i;

	for (i = 0; i < lots->n; i++)
		if (strcmp(lots->v[i].lot, lot) == 0)
			break;
	if (i < lots->n && lots->v[i].qty - taken >= need)
		return (&lots->v[i]);
	qstr(i < lots->n ? lots->v[i].qty : 0, a, sizeof a);
	qstr(taken + need, b, sizeof b);
	scan_note(s, 1, _("%s lot %s at %s: %s available, %s requested"),
	    str_or(record_str(p, FX_CODE), ""), lot, lots->warehouse, a, b);
	return (NULL);
}

/*
 * The line a scanned or picked product p (taken over) goes to, pack the
 * units the scan adds (0: typed after).  A product kept by lots asks for
 * the lot: a receipt offers the last one of the product and, for a new
 * lot, asks its expiry; a shipment offers the first to expire of the
 * lots at the warehouse that holds the scan (with what it holds and
 * when it expires), and a lot typed that is not there or holds less is
 * refused at once, the question staying.  An order's line of the
 * product not yet received or picked takes the first lot.  NULL when
 * the clerk cancels: nothing is added.
 */
static struct sline *
line_for(struct scan_state *s, struct record *p, int64_t pack)
{
	struct sline		*l;
	struct value		 v;
	struct cd_lots		 lots;
	const struct cd_lot	*got = NULL;
	char			 lot[33] = "", exp[16] = "", title[160];
	char			 note[160] = "", *why = NULL, sku[64];
	const char		*name;
	int			 ship = s->kind == SCAN_SHIP;
	int64_t			 need = pack > 0 ? pack : 1, expiry = 0;
	size_t			 i;

	/* Its own copy: p may be freed before the last word about it. */
	snprintf(sku, sizeof sku, "%s", str_or(record_str(p, FX_CODE), ""));
	name = str_or(record_str(p, PP(s, "name")), "");
	if (s->count || (s->sales && !ship) ||
	    !record_int(p, PP(s, "lots"))) {
		if ((l = line_find(s, record_id(p))) != NULL) {
			record_free(p);
			s->cur = (size_t)(l - s->l);
			return (l);
		}
		return (line_add(s, p));
	}
	memset(&lots, 0, sizeof lots);
	if (ship && lot_offer(s, p, need, &lots, lot, sizeof lot, note,
	    sizeof note) != 0) {
		cd_lots_free(&lots);
		record_free(p);
		return (NULL);
	}
	for (i = s->n; !ship && i-- > 0;)
		if (record_id(s->l[i].prod) == record_id(p) &&
		    s->l[i].lot != NULL) {
			snprintf(lot, sizeof lot, "%s", s->l[i].lot);
			break;
		}
	snprintf(title, sizeof title, _("%s %s: kept by lots"), sku, name);
	for (;;) {
		if (!ui_ask_note(title, ship ? note : NULL, _("Lot: "), lot,
		    sizeof lot)) {
			cd_lots_free(&lots);
			record_free(p);
			scan_note(s, 0, _("%s: no lot given, nothing added"),
			    sku);
			return (NULL);
		}
		if (text_check(lot, 32, 0, &why) != 0 || lot[0] == '\0') {
			scan_note(s, 1, _("lot: %s"), why != NULL ? why :
			    _("a lot is required"));
			free(why);
			why = NULL;
			continue;
		}
		if (!ship || (got = lot_serves(s, p, &lots, lot, need)) !=
		    NULL)
			break;
	}
	if ((l = line_find_lot(s, record_id(p), lot)) != NULL) {
		cd_lots_free(&lots);
		record_free(p);
		s->cur = (size_t)(l - s->l);
		return (l);
	}
	if (ship)
		expiry = got->expiry;	/* the lot's own */
	for (; !ship;) {
		snprintf(title, sizeof title, _("%s, lot %s"), sku, lot);
		if (!ui_ask(title, _("Expiry (Enter: none): "), exp,
		    sizeof exp)) {
			record_free(p);
			scan_note(s, 0, _("%s: nothing added"), sku);
			return (NULL);
		}
		memset(&v, 0, sizeof v);
		if (value_parse(&s->le->fields[LP(s, "expiry")], exp, &v,
		    &why) == 0) {
			expiry = v.set ? v.i : 0;
			value_free(&v);
			break;
		}
		scan_note(s, 1, _("expiry: %s"), why);
		free(why);
		why = NULL;
	}
	cd_lots_free(&lots);
	/* An order's line of the product, nothing received yet. */
	if ((l = line_find_lot(s, record_id(p), NULL)) != NULL &&
	    l->qty == 0) {
		record_free(p);
		s->cur = (size_t)(l - s->l);
	} else {
		l = line_add(s, p);
		line_share(s, l);
	}
	l->lot = xstrdup(lot);
	l->expiry = expiry;
	return (l);
}

static void
line_remove(struct scan_state *s, size_t i)
{
	record_free(s->l[i].prod);
	record_free(s->l[i].orig);
	record_free(s->l[i].base);
	free(s->l[i].lot);
	memmove(&s->l[i], &s->l[i + 1], (s->n - i - 1) * sizeof *s->l);
	s->n--;
	if (s->cur >= s->n && s->n > 0)
		s->cur = s->n - 1;
}

static struct record *
product_get(struct scan_state *s, uint64_t pid)
{
	struct record	*p;
	char		*cause = NULL;

	if (cr_get(s->app->client, s->pe, pid, NULL, &p, &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return (NULL);
	}
	return (p);
}

/* --- the header --------------------------------------------------------- */

/* A reference of the header as an id (it may hold a code typed). */
static uint64_t
hdr_ref(struct scan_state *s, const char *field, const char *entity)
{
	const struct value	*v = &s->hdr->v[HP(s, field)];
	struct record		*r;
	char			*cause = NULL;
	uint64_t		 id;

	if (!v->set)
		return (0);
	if (v->s == NULL)
		return ((uint64_t)v->i);
	if (cr_get(s->app->client, dict_entity(entity), 0, v->s, &r,
	    &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return (0);
	}
	id = record_id(r);
	record_free(r);
	return (id);
}

/* The base's lines (a purchase order's, a sales order's, a shipment's)
 * as expected quantities: every product on it gets a line (0 received,
 * shipped or returned yet in this document). */
static int
base_load(struct scan_state *s, uint64_t po)
{
	const struct entity_def	*ol = dict_entity(s->k->base_lines);
	struct record		**rows, *p;
	struct value		 from;
	struct sline		*l;
	size_t			 n, i, j;
	char			*cause = NULL;

	for (i = 0; i < s->n; i++) {
		s->l[i].ordered = -1;
		s->l[i].before = 0;
		s->l[i].price = -1;
		record_free(s->l[i].base);
		s->l[i].base = NULL;
	}
	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = (int64_t)po;
	if (cr_scan(s->app->client, ol, s->k->base_parent, &from, 0, 1, 500, &rows, &n,
	    &cause) != 0) {
		s->app->message(s->app, 1, "%s", cause);
		free(cause);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		uint64_t pid = (uint64_t)record_int(rows[i],
		    dict_field_pos(ol, "product"));

		if (record_int(rows[i], dict_field_pos(ol,
		    s->k->base_parent)) !=
		    (int64_t)po)
			continue;
		if ((l = line_find(s, pid)) == NULL) {
			if ((p = product_get(s, pid)) == NULL)
				continue;
			l = line_add(s, p);
		}
		if (l->ordered < 0)
			l->ordered = 0;
		l->ordered += record_int(rows[i], dict_field_pos(ol, "qty"));
		l->before += record_int(rows[i], dict_field_pos(ol,
		    s->k->base_done));
		if (l->base == NULL)
			l->base = record_dup(rows[i]);
		if (!s->sales && l->price < 0 &&
		    record_isset(rows[i], dict_field_pos(ol,
		    "price")))
			l->price = record_int(rows[i], dict_field_pos(ol,
			    "price"));
	}
	cr_rows_free(rows, n);
	for (j = 0; j < s->n; j++)
		line_share(s, &s->l[j]);
	/* Lines of nothing that are not on the order any more go. */
	for (j = s->n; j-- > 0;)
		if (s->l[j].qty == 0 && s->l[j].ordered < 0 &&
		    s->l[j].orig == NULL)
			line_remove(s, j);
	s->cur = 0;
	return (0);
}

/* Whether a base in status st takes this kind of document; else the
 * message saying why (with the base's number and status). */
static const char *
base_refused(struct scan_state *s, const char *st)
{
	switch (s->kind) {
	case SCAN_SHIP:
		if (strcmp(st, "confirmed") == 0 ||
		    strcmp(st, "part_shipped") == 0)
			return (NULL);
		return (_("%s is %s: goods are shipped against a confirmed "
		    "order"));
	case SCAN_RET:
		if (strcmp(st, "posted") == 0)
			return (NULL);
		return (_("%s is %s: goods come back against a posted "
		    "shipment"));
	default:
		if (strcmp(st, "sent") == 0 || strcmp(st, "partial") == 0)
			return (NULL);
		return (_("%s is %s: goods are received against a sent "
		    "order"));
	}
}

/* Check the header chosen and draw what follows from it: the base's
 * party, warehouse and lines; the warehouse's book quantities. */
static int
hdr_apply(struct scan_state *s)
{
	const struct entity_def	*pe;
	const struct field_def	*sf;
	const struct field_def	*wf = dict_field(s->de, "warehouse");
	struct record		*po;
	const char		*st, *why;
	char			*cause = NULL;
	uint64_t		 poid = 0;
	size_t			 i;

	if (s->k->base != NULL && record_isset(s->hdr, HP(s, s->k->base))) {
		pe = dict_entity(s->k->base_ent);
		sf = dict_field(pe, "status");
		if ((poid = hdr_ref(s, s->k->base, s->k->base_ent)) == 0)
			return (-1);
		if (cr_get(s->app->client, pe, poid, NULL, &po,
		    &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
			return (-1);
		}
		st = str_or(record_str(po, dict_field_pos(pe, "status")), "");
		if ((why = base_refused(s, st)) != NULL) {
			s->app->message(s->app, 1, why,
			    record_str(po, FX_CODE), ui_enum(sf, st));
			record_free(po);
			return (-1);
		}
		if (!record_isset(s->hdr, HP(s, "warehouse")))
			record_set_value(s->hdr, HP(s, "warehouse"),
			    &po->v[dict_field_pos(pe, "warehouse")]);
		if (s->k->party != NULL &&
		    !record_isset(s->hdr, HP(s, s->k->party)))
			record_set_value(s->hdr, HP(s, s->k->party),
			    &po->v[dict_field_pos(pe, s->k->party)]);
		record_free(po);
	} else if (s->kind == SCAN_RET) {
		s->app->message(s->app, 1, _("%s: a value is required"),
		    _(dict_field(s->de, "shipment")->label));	/* i18n: no */
		return (-1);
	}
	if (!record_isset(s->hdr, HP(s, "warehouse"))) {
		s->app->message(s->app, 1, _("%s: a value is required"),
		    _(wf->label));
		return (-1);
	}
	if ((s->wid = hdr_ref(s, "warehouse", "warehouses")) == 0)
		return (-1);
	if (poid != 0 && base_load(s, poid) != 0)
		return (-1);
	if (poid == 0)
		for (i = 0; i < s->n; i++)
			s->l[i].ordered = -1;
	for (i = 0; i < s->n; i++)
		line_book(s, &s->l[i]);
	return (0);
}

/* The one warehouse there is, as the default of a new header. */
static void
hdr_default(struct scan_state *s, struct record *h)
{
	ui_default_sole(s->app, h, "warehouse");
}

/* The header form until it is right or cancelled; 1 when chosen. */
static int
hdr_form(struct scan_state *s, struct ui_region *rg)
{
	static const char *const recv_fields[] = {
		"warehouse", "supplier", "po", NULL
	};
	static const char *const count_fields[] = {
		"warehouse", "blind", "notes", NULL
	};
	static const char *const ship_fields[] = {
		"customer", "warehouse", "order", NULL
	};
	static const char *const ret_fields[] = {
		"shipment", "reason", NULL
	};
	static const char *const *const fields[] = {
		[SCAN_RECV] = recv_fields, [SCAN_COUNT] = count_fields,
		[SCAN_SHIP] = ship_fields, [SCAN_RET] = ret_fields
	};
	struct form_opts	 o;
	struct record		*r, *old = s->hdr;

	if (old != NULL)
		r = record_dup(old);
	else {
		r = record_new(s->de);
		if (s->type != NULL)
			record_set_str(r, HP(s, "type"), s->type);
		if (s->kind != SCAN_RET)
			hdr_default(s, r);
	}
	memset(&o, 0, sizeof o);
	switch (s->kind) {
	case SCAN_COUNT:
		o.title = _("Stock count: the warehouse; blind hides the "
		    "book (F2/^S: go on)");
		break;
	case SCAN_SHIP:
		o.title = _("Shipment: customer and warehouse, or a sales "
		    "order (F2/^S: go on)");
		break;
	case SCAN_RET:
		o.title = _("Customer return: the posted shipment, the reason "
		    "(F2/^S: go on)");
		break;
	default:
		o.title = _("Receiving: warehouse, and supplier or purchase "
		    "order (F2/^S: go on)");
		break;
	}
	o.only = fields[s->kind];
	o.local = 1;
	s->in_header = 1;
	s->hdr = NULL;
	s->app->message(s->app, 0, "%s", _("F4/^L: a list to pick from"));
	for (;;) {
		if (!form_edit(s->app, rg, r, &o)) {
			/* Cancelled: the header before stays. */
			record_free(r);
			record_free(s->hdr);
			s->hdr = old;
			if (old != NULL)
				hdr_apply(s);
			s->in_header = 0;
			return (0);
		}
		record_free(s->hdr);
		s->hdr = record_dup(r);
		if (hdr_apply(s) == 0)
			break;
	}
	record_free(old);
	record_free(r);
	s->in_header = 0;
	s->dirty = 1;
	return (1);
}

/* --- a document stored ----------------------------------------------- */

static int
doc_load(struct scan_state *s, const char *code, char **cause)
{
	struct record	**rows, *p;
	struct value	 from;
	struct sline	*l;
	size_t		 n, i;
	const char	*type, *status;
	const struct field_def *tf = dict_field(s->de, "type");

	if (cr_get(s->app->client, s->de, 0, code, &s->hdr, cause) != 0)
		return (-1);
	type = s->type == NULL ? "" : str_or(record_str(s->hdr, HP(s,
	    "type")), "");
	status = str_or(record_str(s->hdr, HP(s, "status")), "");
	if (s->type != NULL && strcmp(type, s->type) != 0) {
		xasprintf(cause, _("%s is a %s, not a %s"), code,
		    ui_enum(tf, type), ui_enum(tf, s->type));
		return (-1);
	}
	s->posted = strcmp(status, "draft") != 0;
	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = (int64_t)record_id(s->hdr);
	if (cr_scan(s->app->client, s->le, s->k->parent, &from, 0, 1, 1000,
	    &rows, &n, cause) != 0)
		return (-1);
	for (i = 0; i < n; i++) {
		if (record_int(rows[i], LP(s, s->k->parent)) !=
		    (int64_t)record_id(s->hdr))
			continue;
		if (cr_line_product(s->app->client, rows[i], code, &p,
		    cause) != 0) {
			cr_rows_free(rows, n);
			return (-1);
		}
		l = line_add(s, p);
		l->orig = record_dup(rows[i]);
		l->qty = record_int(rows[i], LP(s, "qty"));
		if (record_str(rows[i], LP(s, "lot")) != NULL)
			l->lot = xstrdup(record_str(rows[i], LP(s, "lot")));
		if (s->sales)
			continue;
		l->expiry = record_int(rows[i], LP(s, "expiry"));
		if (s->posted && s->count)
			l->book = record_int(rows[i], LP(s, "book_qty"));
	}
	cr_rows_free(rows, n);
	s->wid = (uint64_t)record_int(s->hdr, HP(s, "warehouse"));
	if (!s->posted && hdr_apply(s) != 0) {
		xasprintf(cause, _("%s cannot be opened"), code);
		return (-1);
	}
	s->cur = 0;
	return (0);
}

/* The draft shipment of the sales order numbered code: the one there is,
 * else one made of what is left to ship.  Its number in buf. */
static int
order_draft(struct scan_state *s, const char *code, char *buf, size_t len,
    char **cause)
{
	const struct entity_def	*oe = dict_entity("sales_orders");
	struct record		*o, **rows;
	struct value		 from;
	struct cd_answer	 a;
	size_t			 n, i;
	const char		*st;

	if (cr_get(s->app->client, oe, 0, code, &o, cause) != 0)
		return (-1);
	memset(&from, 0, sizeof from);
	from.set = 1;
	from.i = (int64_t)record_id(o);
	record_free(o);
	if (cr_scan(s->app->client, s->de, "order", &from, 0, 1, 100, &rows,
	    &n, cause) != 0)
		return (-1);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		st = str_or(record_str(rows[i], HP(s, "status")), "");
		if (record_int(rows[i], HP(s, "order")) == from.i &&
		    strcmp(st, "draft") == 0) {
			snprintf(buf, len, "%s", record_str(rows[i], FX_CODE));
			break;
		}
	}
	cr_rows_free(rows, n);
	if (buf[0] != '\0')
		return (0);
	if (!ui_may(s->app, s->de, ACT_CREATE)) {
		xasprintf(cause, _("%s: no draft shipment of it"), code);
		return (-1);
	}
	if (cd_action(s->app->client, "sales_orders", "ship", code, 0, &a,
	    cause) != 0)
		return (-1);
	snprintf(buf, len, "%s", a.code);
	return (0);
}

int
scan_open(struct app *app, enum scan_kind kind, const char *arg,
    struct scan_state **state, char **cause)
{
	struct scan_state	*s;
	char			 code[32];

	s = xcalloc(1, sizeof *s);
	s->app = app;
	s->kind = kind;
	s->k = &kinds[kind];
	s->count = kind == SCAN_COUNT;
	s->sales = kind == SCAN_SHIP || kind == SCAN_RET;
	s->type = s->k->type;
	s->de = dict_entity(s->k->hdr);
	s->le = dict_entity(s->k->lines);
	s->pe = dict_entity("products");
	*state = s;
	if (arg != NULL && kind == SCAN_SHIP && strncasecmp(arg, "SO-", 3) ==
	    0) {
		/* :ship SO-2026-000001: its draft shipment, made of what
		 * is left when there is none. */
		if (order_draft(s, arg, code, sizeof code, cause) != 0 ||
		    doc_load(s, code, cause) != 0)
			goto fail;
		snprintf(s->note, sizeof s->note, _("Lines of %s: post them, "
		    "or F9/^X: all to 0, scan what you pick."),
		    code);
		return (0);
	}
	if (arg != NULL && s->k->base_prefix != NULL &&
	    strncasecmp(arg, s->k->base_prefix,
	    strlen(s->k->base_prefix)) == 0) {
		/* :recv PO-2026-000001: against that order at once. */
		s->hdr = record_new(s->de);
		if (s->type != NULL)
			record_set_str(s->hdr, HP(s, "type"), s->type);
		record_set_str(s->hdr, HP(s, s->k->base), arg);
		if (hdr_apply(s) != 0) {
			xasprintf(cause, kind == SCAN_RET ? _("no return "
			    "against %s") : _("no receiving against %s"), arg);
			goto fail;
		}
		s->dirty = 1;
		return (0);
	}
	if (arg != NULL) {
		if (doc_load(s, arg, cause) != 0)
			goto fail;
		if (!s->posted && s->n > 0 && !s->count)
			snprintf(s->note, sizeof s->note, s->kind ==
			    SCAN_SHIP ? _("Lines of %s: post them, "
			    "or F9/^X: all to 0, scan what you pick.") :
			    _("Lines of %s: post them, or F9/^X: "
			    "all to 0, scan what came."), arg);
		return (0);
	}
	s->ask_header = 1;
	return (0);
fail:
	lines_free(s);
	record_free(s->hdr);
	free(s);
	*state = NULL;
	return (-1);
}

void
scan_close(struct scan_state *s)
{
	if (s == NULL)
		return;
	lines_free(s);
	record_free(s->hdr);
	free(s);
}

/* --- drawing ----------------------------------------------------------- */

static void
qstr(int64_t q, char *buf, size_t len)
{
	ui_qty(q, buf, len);
}

static void
draw_head(struct scan_state *s, struct ui_region *rg, int y)
{
	char		 line[512], *wh, *sup, *po;
	const char	*state;

	if (s->hdr == NULL) {
		ui_put(rg->win, y, rg->x, s->count ? _("Stock count") :
		    s->kind == SCAN_SHIP ? _("Shipment") : s->kind == SCAN_RET ?
		    _("Customer return") : _("Receiving"), rg->w, 1);
		ui_put(rg->win, y + 1, rg->x, s->kind == SCAN_RET ? _("No "
		    "shipment chosen: F7/^W to choose, Esc back.") : _("No "
		    "warehouse chosen: F7/^W to choose, Esc back."), rg->w, 1);
		return;
	}
	/* The state agrees with the document (in Russian a receipt is
	 * «проведено», a count «проведена», a return «проведён»): each
	 * gender's words have their own context. */
	if (s->posted)
		state = s->count ? i18n_ctx("count", NC_("count", "POSTED")) :
		    s->kind == SCAN_SHIP ? i18n_ctx("shipment",
		    NC_("shipment", "POSTED")) : s->kind == SCAN_RET ?
		    i18n_ctx("return", NC_("return", "POSTED")) : _("POSTED");
	else if (record_id(s->hdr) == 0)
		state = s->count ? i18n_ctx("count", NC_("count",
		    "not saved")) : s->kind == SCAN_SHIP ? i18n_ctx("shipment",
		    NC_("shipment", "not saved")) : s->kind == SCAN_RET ?
		    i18n_ctx("return", NC_("return", "not saved")) :
		    _("not saved");
	else
		state = s->dirty ? _("draft, changed") : _("draft, saved");
	snprintf(line, sizeof line, s->count ? _("Count %s  %s") :
	    s->kind == SCAN_SHIP ? _("Shipment %s  %s") : s->kind == SCAN_RET ?
	    _("Return %s  %s") : _("Receipt %s  %s"),
	    record_str(s->hdr, FX_CODE) ? record_str(s->hdr, FX_CODE) :
	    _("(new)"), state);
	wattron(rg->win, A_BOLD);
	ui_put(rg->win, y, rg->x, line, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	wh = ui_format(s->app, dict_field(s->de, "warehouse"),
	    &s->hdr->v[HP(s, "warehouse")]);
	if (s->count)
		snprintf(line, sizeof line, _("Warehouse %s%s"), wh,
		    blind(s) ? _("   blind: the book is hidden") : "");
	else if (s->sales) {
		sup = ui_format(s->app, dict_field(s->de, "customer"),
		    &s->hdr->v[HP(s, "customer")]);
		po = ui_format(s->app, dict_field(s->de, s->k->base),
		    &s->hdr->v[HP(s, s->k->base)]);
		if (s->kind == SCAN_SHIP)
			snprintf(line, sizeof line, _("Warehouse %s   Customer "
			    "%s   Order %s"), wh, *sup ? sup : "-",
			    *po ? po : "-");
		else
			snprintf(line, sizeof line, _("Warehouse %s   Customer "
			    "%s   Shipment %s"), wh, *sup ? sup : "-",
			    *po ? po : "-");
		free(sup);
		free(po);
	} else {
		sup = ui_format(s->app, dict_field(s->de, "supplier"),
		    &s->hdr->v[HP(s, "supplier")]);
		po = ui_format(s->app, dict_field(s->de, "po"),
		    &s->hdr->v[HP(s, "po")]);
		snprintf(line, sizeof line, _("Warehouse %s   Supplier %s   "
		    "Order %s"), wh, *sup ? sup : "-", *po ? po : "-");
		free(sup);
		free(po);
	}
	free(wh);
	ui_put(rg->win, y + 1, rg->x, line, rg->w, 1);
}

static void
draw_lines(struct scan_state *s, struct ui_region *rg, int y, int rows)
{
	static const char *const rhead_en[] = {
		N_("SKU"), N_("Name"), N_("Qty"), N_("Expected"), N_("Ordered"),
		N_("Before")
	};
	static const char *const chead_en[] = {
		N_("SKU"), N_("Name"), N_("Counted"), N_("Book"), N_("Diff")
	};
	/* A shipment: what is left to ship of the order, what it asks,
	 * what went before; a return: what is left to return of the
	 * shipment, what it shipped, what came back before. */
	static const char *const shead_en[] = {
		N_("SKU"), N_("Name"), N_("Qty"), N_("Left"), N_("Ordered"),
		N_("Before")
	};
	static const char *const thead_en[] = {
		N_("SKU"), N_("Name"), N_("Qty"), N_("Left"), N_("Shipped"),
		N_("Before")
	};
	int		 widths[6] = { 12, -1, 9, 9, 9, 9 };
	const char	*cells[6], *rhead[6], *chead[5];
	char		 q[4][32], lotname[300];
	struct sline	*l;
	int		 ncols, i, po = 0, over;
	size_t		 k, r;

	for (k = 0; k < 6; k++)
		rhead[k] = _(s->kind == SCAN_SHIP ? shead_en[k] :
		    s->kind == SCAN_RET ? thead_en[k] : rhead_en[k]);
	for (k = 0; k < 5; k++)
		chead[k] = _(chead_en[k]);
	for (k = 0; k < s->n; k++)
		if (s->l[k].ordered >= 0)
			po = 1;
	if (s->count)
		ncols = blind(s) ? 3 : 5;
	else
		ncols = po ? 6 : 3;
	widths[1] = rg->w - 12 - (ncols - 2) * 10 - 1;
	if (widths[1] < 6)
		widths[1] = 6;
	wattron(rg->win, A_BOLD | A_UNDERLINE);
	ui_cells(rg->win, y, rg->x, rg->w, s->count ? chead : rhead, widths,
	    "llrrrr", ncols);
	wattroff(rg->win, A_BOLD | A_UNDERLINE);
	y++;
	rows--;
	if (s->cur < s->top)
		s->top = s->cur;
	if (rows > 0 && s->cur >= s->top + (size_t)rows)
		s->top = s->cur - (size_t)rows + 1;
	for (i = 0; i < rows; i++) {
		r = s->top + (size_t)i;
		if (r >= s->n) {
			ui_put(rg->win, y + i, rg->x, r == 0 && i == 0 ?
			    _("(no lines yet: scan a barcode)") : "", rg->w, 1);
			continue;
		}
		l = &s->l[r];
		cells[0] = record_str(l->prod, FX_CODE);
		cells[1] = str_or(record_str(l->prod, PP(s, "name")), "");
		if (l->lot != NULL) {
			if (l->expiry != 0)
				snprintf(lotname, sizeof lotname, _("lot %s, "
				    "%02d.%02d.%04d: %s"), l->lot,
				    (int)(l->expiry % 100),
				    (int)(l->expiry / 100 % 100),
				    (int)(l->expiry / 10000), cells[1]);
			else
				snprintf(lotname, sizeof lotname,
				    _("lot %s: %s"), l->lot, cells[1]);
			cells[1] = lotname;
		}
		qstr(l->qty, q[0], sizeof q[0]);
		cells[2] = q[0];
		over = 0;
		if (s->count) {
			if (l->book >= 0) {
				int64_t	 d = l->qty - l->book;

				qstr(l->book, q[1], sizeof q[1]);
				q[2][0] = '+';
				qstr(d, q[2] + (d > 0), sizeof q[2] - 1);
			} else {
				snprintf(q[1], sizeof q[1], "?");
				snprintf(q[2], sizeof q[2], "?");
			}
			cells[3] = q[1];
			cells[4] = q[2];
		} else if (l->ordered >= 0) {
			int64_t	 exp = l->ordered - l->before;

			qstr(exp > 0 ? exp : 0, q[1], sizeof q[1]);
			qstr(l->ordered, q[2], sizeof q[2]);
			qstr(l->before, q[3], sizeof q[3]);
			cells[3] = q[1];
			cells[4] = q[2];
			cells[5] = q[3];
			/* Every line of the product (a line per lot). */
			over = prod_qty(s, record_id(l->prod)) >
			    (exp > 0 ? exp : 0);
		} else {
			cells[3] = "-";
			cells[4] = "-";
			cells[5] = "-";
			over = po;	/* not on the order at all */
		}
		/* The cursor is the SKU in reverse (a few cells per move);
		 * more than expected is bold, with a '!' after the name. */
		if (r == s->cur)
			wattron(rg->win, A_REVERSE);
		ui_put(rg->win, y + i, rg->x, cells[0], widths[0], 1);
		wattroff(rg->win, A_REVERSE);
		ui_put(rg->win, y + i, rg->x + widths[0], " ", 1, 1);
		if (over)
			wattron(rg->win, A_BOLD);
		ui_cells(rg->win, y + i, rg->x + widths[0] + 1, rg->w -
		    widths[0] - 1, cells + 1, widths + 1, "lrrrr",
		    ncols - 1);
		if (over && widths[1] > 2)
			ui_put(rg->win, y + i, rg->x + widths[0] + widths[1],
			    "!", 1, 0);
		wattroff(rg->win, A_BOLD);
	}
}

void
scan_draw(struct scan_state *s, struct ui_region *rg, unsigned redraw)
{
	char			 line[256], tot[32];
	int64_t			 sum = 0;
	size_t			 k;
	int			 y = rg->y, last = rg->y + rg->h - 1;
	int			 save = auth_allowed(s->app->roles,
				    s->de->area, ACT_CREATE);
	int			 post = auth_allowed(s->app->roles,
				    s->de->area, ACT_POST);

	(void)redraw;

	if (s->ask_header && !s->in_header) {
		/* First thing on a new document: what it is about. */
		s->ask_header = 0;
		hdr_form(s, rg);
	}
	if (rg->h < 8) {
		ui_put(rg->win, rg->y, rg->x, _("The window is too small."),
		    rg->w, 1);
		return;
	}
	draw_head(s, rg, y);
	y += 2;
	if (s->posted)
		snprintf(line, sizeof line, s->count ? _("Posted %s. Enter: a "
		    "new count with this header, Esc: back.") :
		    s->kind == SCAN_SHIP ? _("Posted %s. r: a return of it, "
		    "Esc: back.") : s->kind == SCAN_RET ? _("Posted %s. Esc: "
		    "back.") : _("Posted %s. Enter: a new receipt with this "
		    "header, Esc: back."),
		    str_or(record_str(s->hdr, FX_CODE), ""));
	if (s->posted) {
		wattron(rg->win, A_BOLD);
		ui_put(rg->win, y++, rg->x, line, rg->w, 1);
		wattroff(rg->win, A_BOLD);
	} else
		ui_entry_draw(rg->win, y++, rg->x, rg->w, _("Scan or type: "),
		    &s->entry);
	if (s->note_error)
		wattron(rg->win, A_BOLD);
	ui_put(rg->win, y++, rg->x, s->posted ? "" : s->note, rg->w, 1);
	wattroff(rg->win, A_BOLD);
	/* The errors of the burst, until read. */
	if (s->nerrs > 0 && !s->posted && last - y > 6) {
		char	 head[128];

		snprintf(head, sizeof head, P_("%d error (Esc: read):",
		    "%d errors (Esc: read):", s->nerrs), s->nerrs);
		wattron(rg->win, A_BOLD | A_REVERSE);
		ui_put(rg->win, y++, rg->x, head, rg->w, 1);
		wattroff(rg->win, A_REVERSE);
		for (k = 0; k < (size_t)s->nerrs; k++)
			ui_put(rg->win, y++, rg->x, s->errs[k], rg->w, 1);
		wattroff(rg->win, A_BOLD);
	}
	draw_lines(s, rg, y, last - 1 - y);
	for (k = 0; k < s->n; k++)
		sum += s->l[k].qty;
	qstr(sum, tot, sizeof tot);
	{
		char	 lines[64], units[128];

		/* "2 lines, 15 units received": the lines counted as
		 * lines, the units as the quantity (1 unit, 1,5 units). */
		snprintf(lines, sizeof lines, P_("%zu line", "%zu lines",
		    s->n), s->n);
		if (s->count)
			snprintf(units, sizeof units, sum == 1000 ?
			    _("%s unit counted") : _("%s units counted"), tot);
		else if (s->kind == SCAN_SHIP)
			snprintf(units, sizeof units, sum == 1000 ?
			    _("%s unit shipped") : _("%s units shipped"), tot);
		else if (s->kind == SCAN_RET)
			snprintf(units, sizeof units, sum == 1000 ?
			    _("%s unit returned") : _("%s units returned"),
			    tot);
		else
			snprintf(units, sizeof units, sum == 1000 ?
			    _("%s unit received") : _("%s units received"),
			    tot);
		snprintf(line, sizeof line, "%s, %s", lines, units);
	}
	ui_put(rg->win, last - 1, rg->x, line, rg->w, 1);
	if (s->posted && s->kind == SCAN_SHIP)
		snprintf(line, sizeof line, "%s", _("r return  P print  Esc "
		    "back  F1/? help"));
	else if (s->posted && s->kind == SCAN_RET)
		snprintf(line, sizeof line, "%s", _("Esc back  F1/? help"));
	else if (s->posted)
		snprintf(line, sizeof line, "%s", _("Enter new  F7/^W header  "
		    "Esc back  F1/? help"));
	else {
		const char	*a = save ? _("F2/^S save  ") : "";
		const char	*b = post ? _("F5/^T post  ") : "";
		const char	*end = _("F6/^Q qty  ^D off  F7/^W header  "
				    "Esc back  F1");

		/* Every key stays; Esc goes without its word where a
		 * language needs the room. */
		snprintf(line, sizeof line, "%s%s%s", a, b, end);
		end = i18n_ctx("short", NC_("short", "F6/^Q qty  ^D off  "
		    "F7/^W header  Esc back  F1"));
		if (ui_width(line) > rg->w)
			snprintf(line, sizeof line, "%s%s%s", a, b, end);
	}
	ui_put(rg->win, last, rg->x, line, rg->w, 1);
}

/* --- keys -------------------------------------------------------------- */

/* What the last scan did, under the scan line; an error in bold. */
static void
scan_note(struct scan_state *s, int error, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(s->note, sizeof s->note, fmt, ap);
	va_end(ap);
	s->note_error = error;
	/* The note shows under the scan line; the status line says only
	 * what went wrong (a terminal's bytes per scan: the note alone). */
	s->app->message(s->app, error, "%s", error ? s->note : "");
	if (!error)
		return;
	if (s->nerrs == SCAN_ERRS) {
		memmove(s->errs[0], s->errs[1], sizeof s->errs[0] *
		    (SCAN_ERRS - 1));
		s->nerrs--;
	}
	snprintf(s->errs[s->nerrs++], sizeof s->errs[0], "%s", s->note);
}

/* A shipment against an order takes only the order's products, a
 * return only the shipment's: anything else is refused (p freed, 1). */
static int
off_base(struct scan_state *s, struct record *p)
{
	char	 why[256], *base;
	size_t	 i;

	if (!s->sales || !record_isset(s->hdr, HP(s, s->k->base)))
		return (0);
	for (i = 0; i < s->n; i++)
		if (record_id(s->l[i].prod) == record_id(p) &&
		    s->l[i].ordered >= 0)
			return (0);
	base = ui_format(s->app, dict_field(s->de, s->k->base),
	    &s->hdr->v[HP(s, s->k->base)]);
	snprintf(why, sizeof why, s->kind == SCAN_SHIP ? _("%s is not on the "
	    "order %s") : _("%s was not shipped in %s"), str_or(record_str(p,
	    FX_CODE), ""), base);
	free(base);
	record_free(p);
	scan_note(s, 1, _("%s: nothing added"), why);
	return (1);
}

/* A scanned or typed term: the product's line gets its units. */
static void
scan_term(struct scan_state *s, const char *term)
{
	struct record	*p;
	struct sline	*l;
	int64_t		 pack;
	char		 q[32], add[32], *cause = NULL;
	const char	*name;
	int		 rc;

	if ((rc = ui_product(s->app, term, &p, &pack, &cause)) != 1) {
		/* Nothing added; the code stays to be read, and the next
		 * scan replaces it. */
		if (rc == 0) {
			scan_note(s, 1, _("%s: nothing added"), cause);
			s->stale = 1;
		} else
			ui_entry_clear(&s->entry);
		free(cause);
		return;
	}
	ui_entry_clear(&s->entry);
	s->stale = 0;
	if (off_base(s, p) || (l = line_for(s, p, pack)) == NULL)
		return;
	l->qty += pack;
	s->dirty = 1;
	qstr(l->qty, q, sizeof q);
	qstr(pack, add, sizeof add);
	name = str_or(record_str(l->prod, PP(s, "name")), "");
	scan_note(s, 0, "+%s %s %s: %s", add, record_str(l->prod, FX_CODE),
	    name, q);
}

/* F6: the quantity of the current line, typed on the last row. */
static void
scan_qty(struct scan_state *s, struct ui_region *rg)
{
	struct sline	*l;
	char		 buf[32] = "", now[32], prompt[128], *cause = NULL;
	const char	*unit;
	int64_t		 q;
	int		 k, x;

	if (s->cur >= s->n) {
		s->app->message(s->app, 1, "%s",
		    _("no line: scan a product first"));
		return;
	}
	l = &s->l[s->cur];
	/* What is typed replaces the quantity; nothing typed keeps it. */
	qstr(l->qty, now, sizeof now);
	unit = record_str(l->prod, PP(s, "unit"));
	unit = unit != NULL ? ui_enum(&s->pe->fields[PP(s, "unit")], unit) :
	    _("units");
	snprintf(prompt, sizeof prompt, s->count ? _("Counted %s (%s, now "
	    "%s): ") : _("Quantity of %s (%s, now %s): "),
	    record_str(l->prod, FX_CODE), unit, now);
	for (;;) {
		x = ui_put(rg->win, rg->y + rg->h - 1, rg->x, prompt, rg->w,
		    0);
		k = ui_edit_line(rg->win, rg->y + rg->h - 1, rg->x + x,
		    rg->w - x, buf, sizeof buf, NULL, NULL);
		if (!UI_KEY_ENTER(k) || buf[0] == '\0')
			return;
		if (qty_parse(buf, &q, &cause) != 0 || q < 0) {
			s->app->message(s->app, 1, "%s: %s", record_str(l->prod,
			    FX_CODE), cause != NULL ? cause : _("0 or more "
			    "expected"));
			free(cause);
			cause = NULL;
			continue;
		}
		break;
	}
	l->qty = q;
	s->dirty = 1;
}

/* The base line's price, discount and VAT rate on a new line. */
static void
copy_price(struct scan_state *s, struct record *l, const struct record *b)
{
	static const char *const f[] = { "price", "discount", "vat" };
	size_t	 i;
	int	 from;

	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		from = dict_field_pos(b->ent, f[i]);
		if (from >= 0 && record_isset(b, from))
			record_set_value(l, LP(s, f[i]), &b->v[from]);
	}
}

/*
 * The server's refusal of a shipment past what was ordered, after its
 * first words (in English or the interface's language), or NULL.  The
 * words are the server's (model/sales.c), up to the SKU.
 */
static const char *
over_shipment(const char *cause)
{
	static const char	 en[] = N_("over-shipment: %s: %s shipped "
				    "against %s ordered; confirm to ship more");
	const char		*ours = _(en);
	size_t			 n;

	if (cause == NULL)
		return (NULL);
	n = strcspn(en, "%");
	if (strncmp(cause, en, n) == 0)
		return (cause + n);
	n = strcspn(ours, "%");
	if (n > 0 && strncmp(cause, ours, n) == 0)
		return (cause + n);
	return (NULL);
}

/* Save (and post) the document: the header and every line in one
 * request.  A refusal about a line puts the cursor on it; an
 * over-receipt is asked about and sent again when confirmed. */
static int
scan_send(struct scan_state *s, int post)
{
	struct record		**ls;
	size_t			*idx, n = 0, i;
	struct cd_answer	 a;
	unsigned		 flags = CD_LINES | (post ? CD_POST : 0);
	char			*cause = NULL, q[512];
	const char		*over;
	int			 rc;

	ls = xcalloc(s->n + 1, sizeof *ls);
	idx = xcalloc(s->n + 1, sizeof *idx);
	for (i = 0; i < s->n; i++) {
		/* A receipt sends what came; a count every line. */
		if (!s->count && s->l[i].qty <= 0)
			continue;
		ls[n] = s->l[i].orig != NULL ? record_dup(s->l[i].orig) :
		    record_new(s->le);
		record_set_int(ls[n], LP(s, "product"),
		    (int64_t)record_id(s->l[i].prod));
		record_set_int(ls[n], LP(s, "qty"), s->l[i].qty);
		if (s->sales) {
			/* Goods shipped against an order go at its prices
			 * (a return is priced from its shipment when posted,
			 * a shipment without order from the price list). */
			if (s->kind == SCAN_SHIP && s->l[i].orig == NULL &&
			    s->l[i].base != NULL)
				copy_price(s, ls[n], s->l[i].base);
			/* The lot picked (none: first to expire first when
			 * posted). */
			if (s->kind == SCAN_SHIP)
				record_set_str(ls[n], LP(s, "lot"),
				    s->l[i].lot);
			idx[n++] = i;
			continue;
		}
		record_clear(ls[n], LP(s, "book_qty"));
		record_set_str(ls[n], LP(s, "lot"), s->l[i].lot);
		if (s->l[i].expiry != 0)
			record_set_int(ls[n], LP(s, "expiry"), s->l[i].expiry);
		else
			record_clear(ls[n], LP(s, "expiry"));
		/* Goods against an order come at the order's price. */
		if (!s->count && s->l[i].price >= 0 &&
		    !record_isset(ls[n], LP(s, "unit_cost")))
			record_set_int(ls[n], LP(s, "unit_cost"),
			    s->l[i].price);
		idx[n++] = i;
	}
	for (;;) {
		rc = cd_save(s->app->client, s->hdr, ls, n, flags, &a, &cause);
		if (rc == EX_DATAERR && post && !(flags & CD_OVER) &&
		    (over = s->kind == SCAN_SHIP ? over_shipment(cause) :
		    ui_over_receipt(cause)) != NULL) {
			snprintf(q, sizeof q, s->kind == SCAN_SHIP ? _("%.*s. "
			    "Ship more than ordered?") : _("%.*s. Receive "
			    "more than ordered?"), (int)strcspn(over, ";"),
			    over);
			free(cause);
			cause = NULL;
			if (ui_confirm(q)) {
				flags |= CD_OVER;
				continue;
			}
			xasprintf(&cause, "%s",
			    _("not posted: more than ordered"));
		}
		break;
	}
	for (i = 0; i < n; i++)
		record_free(ls[i]);
	free(ls);
	if (rc != 0) {
		if (a.line > 0 && (size_t)a.line <= n) {
			s->cur = idx[a.line - 1];
			s->app->message(s->app, 1, _("line %zu %s: %s"),
			    s->cur + 1, record_str(s->l[s->cur].prod, FX_CODE),
			    cause);
		} else
			s->app->message(s->app, 1, "%s", cause);
		free(cause);
		free(idx);
		return (-1);
	}
	free(idx);
	record_set_int(s->hdr, FX_ID, (int64_t)a.id);
	record_set_int(s->hdr, FX_REV, a.rev);
	record_set_str(s->hdr, FX_CODE, a.code);
	s->dirty = 0;
	s->note[0] = '\0';
	s->note_error = 0;
	if (!post)
		s->app->message(s->app, 0, _("saved draft %s"), a.code);
	else {
		s->posted = 1;
		s->app->message(s->app, 0, _("posted %s"), a.code);
	}
	if (s->sales) {
		/* The lines as stored (their ids, prices, amounts). */
		char	 code[32];
		size_t	 cur = s->cur;

		snprintf(code, sizeof code, "%s", a.code);
		lines_free(s);
		record_free(s->hdr);
		s->hdr = NULL;
		if (doc_load(s, code, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
		}
		if (cur < s->n)
			s->cur = cur;
		return (0);
	}
	if (!post)
		return (0);
	if (s->count) {
		/* The book quantities the posting recorded. */
		char	 code[32];

		snprintf(code, sizeof code, "%s", a.code);
		lines_free(s);
		record_free(s->hdr);
		s->hdr = NULL;
		if (doc_load(s, code, &cause) != 0) {
			s->app->message(s->app, 1, "%s", cause);
			free(cause);
		}
	}
	return (0);
}

/* After posting: the same header, no number, no lines but the order's. */
static void
scan_again(struct scan_state *s)
{
	struct record	*h = record_new(s->de);
	static const char *const keep[] = {
		"type", "warehouse", "supplier", "po", "blind"
	};
	size_t		 i;

	for (i = 0; i < sizeof keep / sizeof keep[0]; i++)
		record_set_value(h, HP(s, keep[i]), &s->hdr->v[HP(s, keep[i])]);
	record_free(s->hdr);
	s->hdr = h;
	lines_free(s);
	s->posted = 0;
	s->note[0] = '\0';
	s->note_error = 0;
	if (hdr_apply(s) != 0) {
		/* The order was received in full: no order any more. */
		record_clear(s->hdr, HP(s, "po"));
		hdr_apply(s);
	}
	s->dirty = 0;
}

const char *
scan_unsaved(struct scan_state *s)
{
	static char		 what[128];

	if (!s->dirty || s->n == 0 || s->posted)
		return (NULL);
	snprintf(what, sizeof what, P_("%zu scanned line not saved",
	    "%zu scanned lines not saved", s->n), s->n);
	return (what);
}

/* The terminal hung up: the scans go to the server as the draft they
 * would have been saved as with F2, and the next start offers it. */
void
scan_hangup(struct scan_state *s)
{
	struct draft_info	 d;
	char			*cause = NULL, title[128];

	if (scan_unsaved(s) == NULL || s->hdr == NULL ||
	    !auth_allowed(s->app->roles, s->de->area, ACT_CREATE) ||
	    scan_send(s, 0) != 0 || s->hdr == NULL)
		return;
	memset(&d, 0, sizeof d);
	d.screen = s->k->screen;
	d.target = record_str(s->hdr, FX_CODE);
	snprintf(title, sizeof title, s->count ? _("Count %s") :
	    s->kind == SCAN_SHIP ? _("Shipment %s") : s->kind == SCAN_RET ?
	    _("Return %s") : _("Receipt %s"), d.target);
	d.title = title;
	if (cr_draft_put(s->app->client, &d, &cause) != 0)
		free(cause);
}

/* A return's reason, asked before it is posted when it has none; 0 when
 * the clerk cancels. */
static int
ret_reason(struct scan_state *s)
{
	char	 buf[201] = "";

	if (s->kind != SCAN_RET || record_str(s->hdr, HP(s, "reason")) !=
	    NULL)
		return (1);
	for (;;) {
		if (!ui_ask(_("Customer return"), _("Reason: "), buf,
		    sizeof buf))
			return (0);
		if (buf[0] != '\0')
			break;
		s->app->message(s->app, 1, "%s", _("a return says why the "
		    "goods came back"));
	}
	record_set_str(s->hdr, HP(s, "reason"), buf);
	return (1);
}

enum ui_result
scan_key(struct scan_state *s, struct ui_region *rg, int k, unsigned *redraw)
{
	struct record		*p;
	struct sline		*l;
	size_t			 page = rg->h > 10 ? (size_t)rg->h - 8 : 1;
	char			 q[160];

	*redraw |= UI_REDRAW_ALL;
	if (k == UI_KEY_ESC && s->nerrs > 0) {
		s->nerrs = 0;		/* read: they go */
		return (UI_CONTINUE);
	}
	if (k == UI_KEY_ESC) {
		if (s->entry.buf[0] != '\0') {
			ui_entry_clear(&s->entry);
			s->stale = 0;
			return (UI_CONTINUE);
		}
		if (s->dirty && s->n > 0 && !ui_confirm(_("The lines are not "
		    "saved. Leave and lose them?")))
			return (UI_CONTINUE);
		return (UI_BACK);
	}
	if (s->sales && s->posted) {
		/* A posted shipment: r makes a return of it, P prints it. */
		if (k == 'r' && s->kind == SCAN_SHIP)
			s->app->open(s->app, "ret", record_str(s->hdr,
			    FX_CODE));
		else if (k == 'P' && s->kind == SCAN_SHIP) {
			char	 code[32];

			snprintf(code, sizeof code, "%s", str_or(record_str(
			    s->hdr, FX_CODE), ""));
			ui_print(s->app, s->de, code);
		}
		return (UI_CONTINUE);
	}
	if (KEY_HEADER(k)) {
		if (s->posted)
			scan_again(s);
		hdr_form(s, rg);
		return (UI_CONTINUE);
	}
	if (s->hdr == NULL) {
		s->app->message(s->app, 1, "%s",
		    _("choose the warehouse first: F7/^W"));
		return (UI_CONTINUE);
	}
	if (s->posted) {
		if (UI_KEY_ENTER(k))
			scan_again(s);
		return (UI_CONTINUE);
	}
	if (ui_cursor_key(k, &s->cur, s->n, page))
		;
	else if (UI_KEY_ENTER(k)) {
		if (*ui_entry_text(&s->entry) != '\0')
			scan_term(s, s->entry.buf);
	} else if (UI_KEY_LOOKUP(k)) {
		/* A refused code is no start for a name. */
		if (s->stale)
			ui_entry_clear(&s->entry);
		s->stale = 0;
		if (ui_lookup(s->app, _(s->pe->title), s->pe,
		    ui_entry_text(&s->entry), &p)) {
			ui_entry_clear(&s->entry);
			if (!off_base(s, p) && line_for(s, p, 0) != NULL)
				scan_qty(s, rg);
		}
	} else if (KEY_QTY(k))
		scan_qty(s, rg);
	else if (KEY_REMOVE(k) && s->cur < s->n) {
		l = &s->l[s->cur];
		/* The order's line stays (one of a product's lots). */
		if (l->ordered >= 0 && prod_lines(s,
		    record_id(l->prod)) == 1)
			l->qty = 0;
		else
			line_remove(s, s->cur);
		s->dirty = 1;
	} else if (KEY_ZERO(k) && !s->count && s->n > 0) {
		if (ui_confirm(s->kind == SCAN_SHIP ? _("All quantities to 0, "
		    "to scan what you pick?") : _("All quantities to 0, to "
		    "scan what came?"))) {
			size_t	 i;

			/* A service is not picked or scanned: it goes
			 * with the document as it is. */
			for (i = 0; i < s->n; i++)
				if (!is_service(s, s->l[i].prod))
					s->l[i].qty = 0;
			s->dirty = 1;
		}
	} else if (UI_KEY_SAVE(k)) {
		if (ui_may(s->app, s->de, record_id(s->hdr) ? ACT_EDIT :
		    ACT_CREATE))
			scan_send(s, 0);
	} else if (KEY_POST(k)) {
		if (!ui_may(s->app, s->de, ACT_POST))
			return (UI_CONTINUE);
		snprintf(q, sizeof q, "%s", s->count ? _("Post the count: the "
		    "differences to the book become moves?") :
		    s->kind == SCAN_SHIP ? _("Post the shipment: the goods "
		    "leave the stock?") : s->kind == SCAN_RET ? _("Post the "
		    "return: the goods back into stock?") : _("Post the "
		    "receipt: the goods into stock?"));
		if (ret_reason(s) && ui_confirm(q))
			scan_send(s, 1);
	} else {
		if (s->stale && k >= 0x20 && k < 0x200000 && k != 0x7f)
			ui_entry_clear(&s->entry);
		s->stale = 0;
		ui_entry_key(&s->entry, k);
		*redraw = UI_REDRAW_ROW;
	}
	return (UI_CONTINUE);
}

