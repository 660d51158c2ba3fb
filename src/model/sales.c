/*
 * Sales documents: quotes (QT-), sales orders (SO-), shipments (SHP-)
 * and customer returns (RET-), each a header and priced lines, numbered
 * per type and year without gaps (stock_number), each keeping its base
 * document: quote -> order -> shipment -> return.
 *
 * An order reserves when it is confirmed: every line's quantity, all or
 * none, in the confirming transaction, on the stock rows stock.c locks
 * (stock_posting).  Each order line keeps what it holds (reserved); a
 * shipment releases what it ships from it and issues the goods at the
 * moving-average cost, which it keeps line by line beside the sale
 * price; the shipment's gross total is what the customer owes for it
 * (receivable), less what comes back.  A return brings goods back at the
 * cost they left with, never more than was shipped less what came back
 * before, and counts them on the order line too.
 *
 * A service (products.kind) is not kept in stock: its order line holds
 * nothing, it is shipped and returned without a move and at no cost,
 * but its gross is owed and comes off what is owed like any other
 * line's (stock_kept).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "model/money.h"
#include "model/plan.h"
#include "model/pricing.h"
#include "model/sales.h"
#include "model/stock.h"
#include "xmalloc.h"

#define NKINDS	5

/* What every kind shares: entity names, the lines' parent field, the
 * numbering type. */
static const struct {
	const char	*hdr, *lines, *parent, *numtype, *prefix;
} kinds[NKINDS] = {
	{ "quotes", "quote_lines", "quote", "quote", "QT-" },
	{ "sales_orders", "so_lines", "order", "sales_order", "SO-" },
	{ "shipments", "shipment_lines", "shipment", "shipment", "SHP-" },
	{ "customer_returns", "return_lines", "cust_return",
	  "customer_return", "RET-" },
	{ "invoices", "invoice_lines", "invoice", "invoice", "INV-" },
};

/* Field positions, looked up once.  Headers: h_*[kind]; lines: l_*[kind]
 * (the priced line's fields have the same names in every kind). */
static struct {
	int			 init;
	const struct entity_def	*he[NKINDS], *le[NKINDS];
	const struct entity_def	*prod, *cust, *pl, *pr, *so, *sol, *shp, *shl;
	const struct entity_def	*ret, *rtl, *move;
	int	h_cust[NKINDS], h_date[NKINDS], h_wh[NKINDS], h_incl[NKINDS];
	int	h_status[NKINDS], h_net[NKINDS], h_vat[NKINDS], h_gross[NKINDS];
	int	l_parent[NKINDS], l_line[NKINDS], l_prod[NKINDS], l_qty[NKINDS];
	int	l_price[NKINDS], l_disc[NKINDS], l_vat[NKINDS], l_net[NKINDS];
	int	l_vatamt[NKINDS], l_gross[NKINDS];
	int	so_quote, so_conf, so_conf_by, so_terms, inv_order, inv_due;
	int	inv_paid, c_terms, so_override;
	int	sol_reserved, sol_shipped, sol_returned;
	int	shp_order, shp_cost, shp_recv, shp_posted, shp_posted_by;
	int	shl_sol, shl_cost, shl_ret, shl_retcost, shl_lot;
	int	ret_shp, ret_cost, ret_reason, ret_posted, ret_posted_by;
	int	rtl_shl, rtl_cost, rtl_lot;
	int	p_vat, p_sale, p_pprice;
	int	c_pl, c_disc;
	int	pl_incl;
	int	pr_pl, pr_prod, pr_price, pr_from, pr_to, pr_min;
	int	m_shp, m_ret, m_value, m_prod, m_qty, m_lot, m_expiry;
} G;

static void
fields_init(void)
{
	int	 k;

	if (G.init)
		return;
#define P(e, n)	dict_field_pos((e), (n))
	for (k = 0; k < NKINDS; k++) {
		G.he[k] = dict_entity(kinds[k].hdr);
		G.le[k] = dict_entity(kinds[k].lines);
		G.h_cust[k] = P(G.he[k], "customer");
		G.h_date[k] = P(G.he[k], "date");
		G.h_wh[k] = P(G.he[k], "warehouse");
		G.h_incl[k] = P(G.he[k], "vat_included");
		G.h_status[k] = P(G.he[k], "status");
		G.h_net[k] = P(G.he[k], "net");
		G.h_vat[k] = P(G.he[k], "vat");
		G.h_gross[k] = P(G.he[k], "gross");
		G.l_parent[k] = P(G.le[k], kinds[k].parent);
		G.l_line[k] = P(G.le[k], "line");
		G.l_prod[k] = P(G.le[k], "product");
		G.l_qty[k] = P(G.le[k], "qty");
		G.l_price[k] = P(G.le[k], "price");
		G.l_disc[k] = P(G.le[k], "discount");
		G.l_vat[k] = P(G.le[k], "vat");
		G.l_net[k] = P(G.le[k], "net");
		G.l_vatamt[k] = P(G.le[k], "vat_amount");
		G.l_gross[k] = P(G.le[k], "gross");
	}
	G.prod = dict_entity("products");
	G.cust = dict_entity("customers");
	G.pl = dict_entity("price_lists");
	G.pr = dict_entity("prices");
	G.so = G.he[SALES_ORDER];
	G.sol = G.le[SALES_ORDER];
	G.shp = G.he[SALES_SHIPMENT];
	G.shl = G.le[SALES_SHIPMENT];
	G.ret = G.he[SALES_RETURN];
	G.rtl = G.le[SALES_RETURN];
	G.move = dict_entity("stock_moves");
	G.so_quote = P(G.so, "quote");
	G.so_conf = P(G.so, "confirmed");
	G.so_conf_by = P(G.so, "confirmed_by");
	G.so_terms = P(G.so, "terms_days");
	G.so_override = P(G.so, "credit_override");
	G.inv_order = P(G.he[SALES_INVOICE], "order");
	G.inv_due = P(G.he[SALES_INVOICE], "due_date");
	G.inv_paid = P(G.he[SALES_INVOICE], "paid");
	G.sol_reserved = P(G.sol, "reserved");
	G.sol_shipped = P(G.sol, "shipped");
	G.sol_returned = P(G.sol, "returned");
	G.shp_order = P(G.shp, "order");
	G.shp_cost = P(G.shp, "cost");
	G.shp_recv = P(G.shp, "receivable");
	G.shp_posted = P(G.shp, "posted");
	G.shp_posted_by = P(G.shp, "posted_by");
	G.shl_sol = P(G.shl, "so_line");
	G.shl_cost = P(G.shl, "cost");
	G.shl_ret = P(G.shl, "returned");
	G.shl_retcost = P(G.shl, "returned_cost");
	G.shl_lot = P(G.shl, "lot");
	G.ret_shp = P(G.ret, "shipment");
	G.ret_cost = P(G.ret, "cost");
	G.ret_reason = P(G.ret, "reason");
	G.ret_posted = P(G.ret, "posted");
	G.ret_posted_by = P(G.ret, "posted_by");
	G.rtl_shl = P(G.rtl, "shipment_line");
	G.rtl_cost = P(G.rtl, "cost");
	G.rtl_lot = P(G.rtl, "lot");
	G.p_vat = P(G.prod, "vat");
	G.p_sale = P(G.prod, "sale_price");
	G.p_pprice = P(G.prod, "purchase_price");
	G.c_pl = P(G.cust, "price_list");
	G.c_disc = P(G.cust, "discount");
	G.c_terms = P(G.cust, "terms_days");
	G.pl_incl = P(G.pl, "vat_included");
	G.pr_pl = P(G.pr, "price_list");
	G.pr_prod = P(G.pr, "product");
	G.pr_price = P(G.pr, "price");
	G.pr_from = P(G.pr, "valid_from");
	G.pr_to = P(G.pr, "valid_to");
	G.pr_min = P(G.pr, "min_qty");
	G.m_shp = P(G.move, "shipment");
	G.m_ret = P(G.move, "cust_return");
	G.m_value = P(G.move, "value");
	G.m_prod = P(G.move, "product");
	G.m_qty = P(G.move, "qty");
	G.m_lot = P(G.move, "lot");
	G.m_expiry = P(G.move, "expiry");
#undef P
	G.init = 1;
}

enum sales_kind
sales_kind_of(const struct entity_def *e)
{
	int	 k;

	fields_init();
	for (k = 0; k < NKINDS; k++)
		if (e == G.he[k] || e == G.le[k])
			return ((enum sales_kind)k);
	return (SALES_NONE);
}

const struct entity_def *
sales_header(enum sales_kind k)
{
	fields_init();
	return (G.he[k]);
}

const struct entity_def *
sales_lines(enum sales_kind k)
{
	fields_init();
	return (G.le[k]);
}

enum sales_kind
sales_kind_of_code(const char *code)
{
	int	 k;

	for (k = 0; k < NKINDS; k++)
		if (strncasecmp(code, kinds[k].prefix,
		    strlen(kinds[k].prefix)) == 0)
			return ((enum sales_kind)k);
	return (SALES_NONE);
}

const char	 sales_over_shipment[] = N_("over-shipment: %s: %s shipped "
    "against %s ordered; confirm to ship more");

/* --- small helpers ---------------------------------------------------- */

/* A quantity in a message: for people, as the interface shows it. */
static const char *
qfmt(int64_t q, char *buf, size_t len)
{
	qty_format_grouped(q, buf, len);
	return (buf);
}

static const char *
status_of(const struct record *h, enum sales_kind k)
{
	const char	*s = record_str(h, G.h_status[k]);

	return (s != NULL ? s : k == SALES_INVOICE ? "unpaid" : "draft");
}


static int
is(const char *a, const char *b)
{
	return (a != NULL && strcmp(a, b) == 0);
}

/* Whether a document's header and lines may still change: a draft; an
 * invoice nothing is paid of yet. */
static int
editable(const struct record *h, enum sales_kind k)
{
	if (k == SALES_INVOICE)
		return (is(status_of(h, k), "unpaid") &&
		    record_int(h, G.inv_paid) == 0);
	return (is(status_of(h, k), "draft"));
}

/* An order that goods may still leave against. */
static int
so_open(const char *st)
{
	return (is(st, "confirmed") || is(st, "part_shipped"));
}

static int
fail(char **cause, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char **cause, int rc, const char *fmt, ...)
{
	va_list	 ap;

	free(*cause);
	va_start(ap, fmt);
	xvasprintf(cause, fmt, ap);
	va_end(ap);
	return (rc);
}

/* A document's header, write-locked; a refusal naming it when gone. */
static int
hdr_get(struct tx *x, enum sales_kind k, uint64_t id, struct record **out,
    char **cause)
{
	int	 rc;

	if ((rc = tx_get(x, G.he[k], id, 1, out)) == ST_NOTFOUND)
		return (fail(cause, ST_INVALID, _("%s %llu does not exist"),
		    model_ent_word(G.he[k]), (unsigned long long)id));
	return (rc);
}

static const char *
sku_of(struct tx *x, uint64_t pid, char *buf, size_t len)
{
	struct record	*p;

	if (tx_get(x, G.prod, pid, 0, &p) != ST_OK) {
		snprintf(buf, len, "%llu", (unsigned long long)pid);
		return (buf);
	}
	snprintf(buf, len, "%s", record_str(p, FX_CODE) ?
	    record_str(p, FX_CODE) : "?");
	record_free(p);
	return (buf);
}

struct lines {
	struct record	**v;
	size_t		  n;
};

static int
line_cmp(const void *a, const void *b)
{
	const struct record	*x = *(struct record *const *)a;
	const struct record	*y = *(struct record *const *)b;
	int			 pos = dict_field_pos(x->ent, "line");
	int64_t			 lx = record_int(x, pos), ly = record_int(y, pos);

	if (lx != ly)
		return (lx < ly ? -1 : 1);
	return (record_id(x) < record_id(y) ? -1 : record_id(x) > record_id(y));
}

/*
 * A document's lines in line order, write-locked with LN_RMW.  LN_HELD:
 * the transaction holds the header write-locked, and every writer of a
 * line reads its header first (line_parent, a line stays in its
 * document), so no line of it comes or goes before the commit: the
 * index of lines by document is read without keeping its pages
 * read-locked.  Those pages are the ones new documents' lines are
 * written to; an order's confirmation holding one read-locked and a new
 * order's save wanting to write it deadlocked, at 32 clients by the
 * thousand (bench/README-sales.md).
 */
#define LN_RMW	0x1
#define LN_HELD	0x2
static int
lines_of(struct tx *x, enum sales_kind k, uint64_t id, unsigned how,
    struct lines *ls)
{
	struct ids	 ids;
	size_t		 i;
	int		 rc;

	memset(ls, 0, sizeof *ls);
	if ((rc = stock_ids(x, G.le[k], kinds[k].parent, id,
	    (how & LN_HELD) ? TX_FIND_COMMITTED : 0, &ids)) != ST_OK)
		return (rc);
	ls->v = xcalloc(ids.n + 1, sizeof *ls->v);
	for (i = 0; i < ids.n; i++) {
		rc = tx_get(x, G.le[k], ids.v[i], (how & LN_RMW) != 0,
		    &ls->v[ls->n]);
		if (rc == ST_NOTFOUND)
			continue;
		if (rc != ST_OK)
			break;
		ls->n++;
	}
	free(ids.v);
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		stock_rows_free(ls->v, ls->n);
		memset(ls, 0, sizeof *ls);
		return (rc);
	}
	xqsort(ls->v, ls->n, sizeof *ls->v, line_cmp);
	return (ST_OK);
}

static void
lines_free(struct lines *ls)
{
	stock_rows_free(ls->v, ls->n);
	memset(ls, 0, sizeof *ls);
}

/*
 * A record changed since this transaction read it write-locked, as was
 * (a copy taken then): written without reading it again.
 */
static int
rewrite(struct tx *x, struct record *r, const struct record *was,
    char **cause)
{
	return (tx_update_old(x, r, was, record_rev(was), cause));
}

/* Copies of a document's lines as read, to rewrite them from. */
static struct record **
lines_was(const struct lines *ls)
{
	struct record	**v = xcalloc(ls->n + 1, sizeof *v);
	size_t		  i;

	for (i = 0; i < ls->n; i++)
		v[i] = record_dup(ls->v[i]);
	return (v);
}

/* A line's amounts from its quantity, price, discount and rate. */
static void
line_amounts(struct record *l, enum sales_kind k, int incl)
{
	struct pricing_line	 a;

	pricing_line(record_int(l, G.l_qty[k]), record_int(l, G.l_price[k]),
	    record_int(l, G.l_disc[k]), pricing_rate(record_str(l,
	    G.l_vat[k]), 20), incl, &a);
	record_set_int(l, G.l_net[k], a.net);
	record_set_int(l, G.l_vatamt[k], a.vat);
	record_set_int(l, G.l_gross[k], a.gross);
}

/* --- prices ------------------------------------------------------------ */

struct cands {
	struct pricing_cand	*v;
	size_t			 n;
};

/* The prices of a product in a price list. */
static int
list_prices(struct tx *x, uint64_t list, uint64_t pid, struct cands *c)
{
	struct ids	 ids;
	struct record	*r;
	size_t		 i;
	int		 rc;

	memset(c, 0, sizeof *c);
	if (list == 0)
		return (ST_OK);
	if ((rc = stock_ids(x, G.pr, "product", pid, 0, &ids)) != ST_OK)
		return (rc);
	c->v = xcalloc(ids.n + 1, sizeof *c->v);
	for (i = 0; i < ids.n; i++) {
		if ((rc = tx_get(x, G.pr, ids.v[i], 0, &r)) != ST_OK) {
			if (rc == ST_NOTFOUND)
				continue;
			break;
		}
		if ((uint64_t)record_int(r, G.pr_pl) == list) {
			c->v[c->n].price = record_int(r, G.pr_price);
			c->v[c->n].valid_from = record_int(r, G.pr_from);
			c->v[c->n].valid_to = record_int(r, G.pr_to);
			c->v[c->n].min_qty = record_int(r, G.pr_min);
			c->n++;
		}
		record_free(r);
	}
	free(ids.v);
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		free(c->v);
		memset(c, 0, sizeof *c);
		return (rc);
	}
	return (ST_OK);
}

/* Whether the customer's price list has prices with VAT (0 without a
 * list). */
static int
customer_incl(struct tx *x, uint64_t cust, int *incl)
{
	struct record	*c, *l;
	int		 rc;

	*incl = 0;
	if (cust == 0)
		return (ST_OK);
	if ((rc = tx_get(x, G.cust, cust, 0, &c)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	if (record_int(c, G.c_pl) != 0 && (rc = tx_get(x, G.pl,
	    (uint64_t)record_int(c, G.c_pl), 0, &l)) == ST_OK) {
		*incl = record_int(l, G.pl_incl) != 0;
		record_free(l);
	}
	record_free(c);
	return (rc == ST_NOTFOUND ? ST_OK : rc);
}

int
sales_price(struct tx *x, const struct sales_price_query *q,
    struct sales_price *out, char **cause)
{
	struct pricing_query	 pq;
	struct record		*p, *c = NULL, *l = NULL;
	struct cands		 cs;
	int			 rc;

	fields_init();
	memset(out, 0, sizeof *out);
	out->atp = -1;
	memset(&cs, 0, sizeof cs);
	if ((rc = tx_get(x, G.prod, q->product, 0, &p)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			return (fail(cause, ST_INVALID, _("product %llu does "
			    "not exist"), (unsigned long long)q->product));
		return (rc);
	}
	memset(&pq, 0, sizeof pq);
	pq.qty = q->qty;
	pq.date = q->date != 0 ? q->date : stock_today();
	pq.typed_price = q->typed_price;
	pq.typed_discount = q->typed_discount;
	pq.rate = pricing_rate(record_str(p, G.p_vat), 20);
	pq.sale_price = record_isset(p, G.p_sale) ? record_int(p, G.p_sale) :
	    -1;
	pq.cost = record_isset(p, G.p_pprice) ? record_int(p, G.p_pprice) :
	    -1;
	if (q->customer != 0) {
		rc = tx_get(x, G.cust, q->customer, 0, &c);
		if (rc == ST_NOTFOUND)
			rc = fail(cause, ST_INVALID, _("customer %llu does "
			    "not exist"), (unsigned long long)q->customer);
		if (rc != ST_OK)
			goto out;
		pq.customer_discount = record_int(c, G.c_disc);
		if (record_int(c, G.c_pl) != 0) {
			rc = tx_get(x, G.pl, (uint64_t)record_int(c, G.c_pl),
			    0, &l);
			if (rc == ST_OK) {
				pq.list_vat_included =
				    record_int(l, G.pl_incl) != 0;
				rc = list_prices(x, record_id(l),
				    q->product, &cs);
			} else if (rc == ST_NOTFOUND)
				rc = ST_OK;
			if (rc != ST_OK)
				goto out;
		}
	}
	pq.cands = cs.v;
	pq.ncands = cs.n;
	pq.vat_included = q->vat_included >= 0 ? q->vat_included :
	    pq.list_vat_included;
	pricing_price(&pq, &out->r);
	out->rate = pq.rate;
	out->vat_included = pq.vat_included;
	out->cost = pq.cost;
	if (q->warehouse != 0) {
		rc = stock_level(x, q->product, q->warehouse, &out->on_hand,
		    &out->reserved);
		out->available = out->on_hand - out->reserved;
		/* Short: when it will be there, in the same read (one
		 * request per line typed). */
		if (rc == ST_OK && out->available < q->qty) {
			int64_t	 free_;

			rc = plan_atp(x, q->product, q->warehouse, q->qty,
			    &out->atp, &free_);
		}
	}
out:
	free(cs.v);
	record_free(l);
	record_free(c);
	record_free(p);
	return (rc);
}

/*
 * A line's price, discount and rate where they are not set, as the
 * header's customer, date and side of VAT give them; then its amounts.
 */
static int
line_fill(struct tx *x, enum sales_kind k, const struct record *h,
    struct record *l, char **cause)
{
	struct sales_price_query	 q;
	struct sales_price		 sp;
	int				 incl = record_int(h, G.h_incl[k]) != 0;
	int				 rc;

	if (!record_isset(l, G.l_price[k]) || !record_isset(l, G.l_disc[k]) ||
	    !record_isset(l, G.l_vat[k])) {
		memset(&q, 0, sizeof q);
		q.customer = (uint64_t)record_int(h, G.h_cust[k]);
		q.product = (uint64_t)record_int(l, G.l_prod[k]);
		q.date = record_int(h, G.h_date[k]);
		q.qty = record_int(l, G.l_qty[k]);
		q.typed_price = record_isset(l, G.l_price[k]) ?
		    record_int(l, G.l_price[k]) : -1;
		q.typed_discount = record_isset(l, G.l_disc[k]) ?
		    record_int(l, G.l_disc[k]) : -1;
		q.vat_included = incl;
		if ((rc = sales_price(x, &q, &sp, cause)) != ST_OK)
			return (rc);
		record_set_int(l, G.l_price[k], sp.r.price);
		record_set_int(l, G.l_disc[k], sp.r.discount);
		if (!record_isset(l, G.l_vat[k])) {
			struct record	*p;

			if ((rc = tx_get(x, G.prod, q.product, 0, &p)) !=
			    ST_OK)
				return (rc);
			record_set_str(l, G.l_vat[k], record_str(p, G.p_vat) ?
			    record_str(p, G.p_vat) : "20");
			record_free(p);
		}
	}
	line_amounts(l, k, incl);
	return (ST_OK);
}

int
sales_totals(struct tx *x, enum sales_kind k, uint64_t id, char **cause)
{
	struct record	*h;
	struct lines	 ls;
	int64_t		 net = 0, vat = 0, gross = 0;
	size_t		 i;
	int		 rc;

	fields_init();
	if ((rc = hdr_get(x, k, id, &h, cause)) != ST_OK)
		return (rc);
	if ((rc = lines_of(x, k, id, LN_HELD, &ls)) != ST_OK) {
		record_free(h);
		return (rc);
	}
	for (i = 0; i < ls.n; i++) {
		net += record_int(ls.v[i], G.l_net[k]);
		vat += record_int(ls.v[i], G.l_vatamt[k]);
		gross += record_int(ls.v[i], G.l_gross[k]);
	}
	lines_free(&ls);
	if (record_int(h, G.h_net[k]) != net ||
	    record_int(h, G.h_vat[k]) != vat ||
	    record_int(h, G.h_gross[k]) != gross ||
	    !record_isset(h, G.h_gross[k])) {
		record_set_int(h, G.h_net[k], net);
		record_set_int(h, G.h_vat[k], vat);
		record_set_int(h, G.h_gross[k], gross);
		rc = tx_update(x, h, record_rev(h), cause);
	}
	record_free(h);
	return (rc);
}

/*
 * A header's totals as its stored lines add up with r in place of its
 * stored self (r NULL and gone set: without the line gone), so a line
 * saved or deleted on its own keeps its document's totals.
 */
static int
totals_with(struct tx *x, enum sales_kind k, uint64_t id,
    const struct record *r, uint64_t gone, char **cause)
{
	struct record	*h;
	struct lines	 ls;
	int64_t		 net = 0, vat = 0, gross = 0;
	size_t		 i;
	int		 rc;

	if ((rc = lines_of(x, k, id, 0, &ls)) != ST_OK)
		return (rc);
	for (i = 0; i < ls.n; i++) {
		if (record_id(ls.v[i]) == gone || (r != NULL &&
		    record_id(ls.v[i]) == record_id(r)))
			continue;
		net += record_int(ls.v[i], G.l_net[k]);
		vat += record_int(ls.v[i], G.l_vatamt[k]);
		gross += record_int(ls.v[i], G.l_gross[k]);
	}
	lines_free(&ls);
	if (r != NULL) {
		net += record_int(r, G.l_net[k]);
		vat += record_int(r, G.l_vatamt[k]);
		gross += record_int(r, G.l_gross[k]);
	}
	if ((rc = tx_get(x, G.he[k], id, 1, &h)) != ST_OK)
		return (rc);
	if (record_int(h, G.h_net[k]) != net ||
	    record_int(h, G.h_vat[k]) != vat ||
	    record_int(h, G.h_gross[k]) != gross ||
	    !record_isset(h, G.h_gross[k])) {
		record_set_int(h, G.h_net[k], net);
		record_set_int(h, G.h_vat[k], vat);
		record_set_int(h, G.h_gross[k], gross);
		rc = tx_update(x, h, record_rev(h), cause);
	}
	record_free(h);
	return (rc);
}

/* --- headers and lines as records ---------------------------------------- */

/* The document save_whole is checking the lines of (this thread's
 * transaction): its header's totals are written once, after them. */
static __thread uint64_t	totals_later;
/* ... and that header as it will be written (the stored one is
 * write-locked, or not written yet): each line's check takes a copy,
 * not a read. */
static __thread const struct record	*later_hdr;

static int
number(struct tx *x, enum sales_kind k, struct record *h)
{
	char	*code;
	int	 rc;

	if (record_isset(h, FX_CODE))
		return (ST_OK);
	if (!record_isset(h, G.h_date[k]))
		record_set_int(h, G.h_date[k], stock_today());
	if ((rc = stock_number(x, kinds[k].numtype, record_int(h,
	    G.h_date[k]), &code)) != ST_OK)
		return (rc);
	record_set_str(h, FX_CODE, code);
	free(code);
	return (ST_OK);
}

/* A return takes its customer, warehouse and side of VAT from its
 * shipment, which must be posted. */
static int
return_from_shipment(struct tx *x, struct record *r, char **cause)
{
	struct record	*s;
	int		 rc;

	if ((rc = tx_get(x, G.shp, (uint64_t)record_int(r, G.ret_shp), 0,
	    &s)) != ST_OK)
		return (rc == ST_NOTFOUND ? fail(cause, ST_INVALID,
		    _("column 'shipment': no such shipment")) : rc);
	if (!is(status_of(s, SALES_SHIPMENT), "posted")) {
		rc = fail(cause, ST_INVALID, _("%s is %s: goods come back "
		    "against a posted shipment"), record_str(s, FX_CODE),
		    dict_enum_word(status_of(s, SALES_SHIPMENT)));
		record_free(s);
		return (rc);
	}
	record_set_value(r, G.h_cust[SALES_RETURN],
	    &s->v[G.h_cust[SALES_SHIPMENT]]);
	if (!record_isset(r, G.h_wh[SALES_RETURN]))
		record_set_value(r, G.h_wh[SALES_RETURN],
		    &s->v[G.h_wh[SALES_SHIPMENT]]);
	record_set_int(r, G.h_incl[SALES_RETURN],
	    record_int(s, G.h_incl[SALES_SHIPMENT]) != 0);
	record_free(s);
	return (ST_OK);
}

/* A shipment from an order takes what it does not say from the order. */
static int
shipment_from_order(struct tx *x, struct record *r, char **cause)
{
	struct record	*o;
	int		 rc;

	if ((rc = tx_get(x, G.so, (uint64_t)record_int(r, G.shp_order), 0,
	    &o)) != ST_OK)
		return (rc == ST_NOTFOUND ? fail(cause, ST_INVALID,
		    _("column 'order': no such sales order")) : rc);
	if (record_int(o, G.h_cust[SALES_ORDER]) !=
	    record_int(r, G.h_cust[SALES_SHIPMENT]) &&
	    record_isset(r, G.h_cust[SALES_SHIPMENT])) {
		rc = fail(cause, ST_INVALID, _("column 'customer': %s is "
		    "another customer's order"), record_str(o, FX_CODE));
		record_free(o);
		return (rc);
	}
	record_set_value(r, G.h_cust[SALES_SHIPMENT],
	    &o->v[G.h_cust[SALES_ORDER]]);
	if (!record_isset(r, G.h_wh[SALES_SHIPMENT]))
		record_set_value(r, G.h_wh[SALES_SHIPMENT],
		    &o->v[G.h_wh[SALES_ORDER]]);
	if (!record_isset(r, G.h_incl[SALES_SHIPMENT]))
		record_set_int(r, G.h_incl[SALES_SHIPMENT],
		    record_int(o, G.h_incl[SALES_ORDER]) != 0);
	record_free(o);
	return (ST_OK);
}

/* An invoice of an order is the order's customer's, on its side of VAT. */
static int
invoice_from_order(struct tx *x, struct record *r, char **cause)
{
	struct record	*o;
	int		 rc;

	if (record_int(r, G.inv_order) == 0)
		return (ST_OK);
	if ((rc = tx_get(x, G.so, (uint64_t)record_int(r, G.inv_order), 0,
	    &o)) != ST_OK)
		return (rc == ST_NOTFOUND ? fail(cause, ST_INVALID,
		    _("column 'order': no such sales order")) : rc);
	if (record_isset(r, G.h_cust[SALES_INVOICE]) &&
	    record_int(o, G.h_cust[SALES_ORDER]) !=
	    record_int(r, G.h_cust[SALES_INVOICE])) {
		rc = fail(cause, ST_INVALID, _("column 'customer': %s is "
		    "another customer's order"), record_str(o, FX_CODE));
		record_free(o);
		return (rc);
	}
	record_set_value(r, G.h_cust[SALES_INVOICE],
	    &o->v[G.h_cust[SALES_ORDER]]);
	if (!record_isset(r, G.h_incl[SALES_INVOICE]))
		record_set_int(r, G.h_incl[SALES_INVOICE],
		    record_int(o, G.h_incl[SALES_ORDER]) != 0);
	record_free(o);
	return (ST_OK);
}

/* An invoice is due after the order's payment terms, else the
 * customer's, else on its date. */
static int
invoice_due(struct tx *x, struct record *r)
{
	struct record	*o;
	int64_t		 days = -1;
	int		 rc;

	if (record_int(r, G.inv_order) != 0) {
		if ((rc = tx_get(x, G.so, (uint64_t)record_int(r,
		    G.inv_order), 0, &o)) != ST_OK)
			return (rc);
		if (record_isset(o, G.so_terms))
			days = record_int(o, G.so_terms);
		record_free(o);
	}
	if (days < 0 && record_int(r, G.h_cust[SALES_INVOICE]) != 0) {
		if ((rc = tx_get(x, G.cust, (uint64_t)record_int(r,
		    G.h_cust[SALES_INVOICE]), 0, &o)) != ST_OK)
			return (rc == ST_NOTFOUND ? ST_OK : rc);
		days = record_int(o, G.c_terms);
		record_free(o);
	}
	record_set_int(r, G.inv_due, date_add_days(record_int(r,
	    G.h_date[SALES_INVOICE]), days > 0 ? days : 0));
	return (ST_OK);
}

static int
hdr_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	enum sales_kind	 k = sales_kind_of(r->ent);
	const char	*st;
	int		 incl, rc;

	if (old != NULL) {
		st = status_of(old, k);
		if (!record_isset(r, G.h_incl[k]))
			record_set_value(r, G.h_incl[k], &old->v[G.h_incl[k]]);
		if (k == SALES_ORDER && so_open(st)) {
			/* A confirmed order is edited, its reservation
			 * follows; not moved to another customer or
			 * warehouse, nor across VAT. */
			if (record_int(r, G.h_cust[k]) !=
			    record_int(old, G.h_cust[k]) ||
			    record_int(r, G.h_wh[k]) !=
			    record_int(old, G.h_wh[k]) ||
			    record_int(r, G.h_incl[k]) !=
			    record_int(old, G.h_incl[k]))
				return (fail(cause, ST_INVALID, _("%s is %s: "
				    "its customer, warehouse and prices with "
				    "or without VAT stay; cancel it and make "
				    "another"), record_str(old, FX_CODE),
				    dict_enum_word(st)));
		} else if (k == SALES_INVOICE && !editable(old, k))
			return (fail(cause, ST_INVALID, _("%s is %s: an "
			    "invoice paid in part or cancelled is not "
			    "changed"), record_str(old, FX_CODE),
			    dict_enum_word(st)));
		else if (k != SALES_INVOICE && !is(st, "draft"))
			return (fail(cause, ST_INVALID, _("%s is %s: only a "
			    "draft is changed"), record_str(old, FX_CODE),
			    dict_enum_word(st)));
		if (k == SALES_INVOICE && record_int(r, G.h_cust[k]) !=
		    record_int(old, G.h_cust[k]))
			return (fail(cause, ST_INVALID, _("%s: column "
			    "'customer': an invoice stays with its customer"),
			    record_str(old, FX_CODE)));
		if (!record_isset(r, G.h_date[k]))
			record_set_value(r, G.h_date[k], &old->v[G.h_date[k]]);
		return (ST_OK);
	}
	record_set_str(r, G.h_status[k], k == SALES_INVOICE ? "unpaid" :
	    "draft");
	if (k == SALES_INVOICE && (rc = invoice_from_order(x, r, cause)) !=
	    ST_OK)
		return (rc);
	if (k == SALES_RETURN &&
	    (rc = return_from_shipment(x, r, cause)) != ST_OK)
		return (rc);
	if (k == SALES_SHIPMENT && record_int(r, G.shp_order) != 0 &&
	    (rc = shipment_from_order(x, r, cause)) != ST_OK)
		return (rc);
	if (k != SALES_RETURN && !record_isset(r, G.h_cust[k]))
		return (fail(cause, ST_INVALID, _("column 'customer': a value "
		    "is required")));
	if ((k == SALES_ORDER || k == SALES_SHIPMENT) &&
	    !record_isset(r, G.h_wh[k]))
		return (fail(cause, ST_INVALID, _("column 'warehouse': a value "
		    "is required")));
	if (!record_isset(r, G.h_date[k]))
		record_set_int(r, G.h_date[k], stock_today());
	if (k == SALES_INVOICE && !record_isset(r, G.inv_due) &&
	    (rc = invoice_due(x, r)) != ST_OK)
		return (rc);
	if (k != SALES_RETURN && !record_isset(r, G.h_incl[k])) {
		if ((rc = customer_incl(x, (uint64_t)record_int(r,
		    G.h_cust[k]), &incl)) != ST_OK)
			return (rc);
		record_set_int(r, G.h_incl[k], incl);
	}
	return (number(x, k, r));
}

static int
hdr_defaults(const char *field)
{
	return (strcmp(field, "date") == 0 || strcmp(field, "code") == 0 ||
	    strcmp(field, "customer") == 0 || strcmp(field, "warehouse") == 0);
}

static int
hdr_can_delete(struct tx *x, const struct record *r, char **cause)
{
	enum sales_kind	 k = sales_kind_of(r->ent);

	(void)x;
	if (!editable(r, k))
		return (fail(cause, ST_INVALID, k == SALES_INVOICE ?
		    _("%s is %s: an invoice that something is paid of stays; "
		    "it may be cancelled") : _("%s is %s: only a draft is "
		    "deleted"), record_str(r, FX_CODE),
		    dict_enum_word(status_of(r, k))));
	return (ST_OK);
}

/* The header of a line, and whether its lines may change. */
static int
line_parent(struct tx *x, enum sales_kind k, uint64_t id,
    struct record **h, char **cause)
{
	const char	*st;
	int		 rc;

	if (later_hdr != NULL && id == totals_later && id != 0 &&
	    record_id(later_hdr) == id && later_hdr->ent == G.he[k]) {
		*h = record_dup(later_hdr);
		rc = ST_OK;
	} else
		rc = tx_get(x, G.he[k], id, 0, h);
	if (rc != ST_OK)
		return (rc == ST_NOTFOUND ? fail(cause, ST_INVALID,
		    _("column '%s': no such document"), kinds[k].parent) :
		    rc);
	st = status_of(*h, k);
	if (editable(*h, k) || (k == SALES_ORDER && so_open(st)))
		return (ST_OK);
	rc = fail(cause, ST_INVALID, _("%s is %s: its lines are not changed "
	    "any more"), record_str(*h, FX_CODE), dict_enum_word(st));
	record_free(*h);
	*h = NULL;
	return (rc);
}

/* Reserve d (signed) of a product at a warehouse for an order line. */
static int
rereserve(struct tx *x, uint64_t pid, uint64_t wid, int64_t d,
    int64_t line, char **cause)
{
	struct stock_posting	*sp;
	int64_t			 errline;
	int			 rc;

	if (d == 0)
		return (ST_OK);
	sp = stock_posting_new(x, stock_today(), NULL, 0, &errline, cause);
	stock_posting_line(sp, line);
	rc = stock_posting_reserve(sp, pid, wid, d);
	return (stock_posting_end(sp, rc));
}

/*
 * An order line changed while its order is confirmed: it holds what is
 * left to ship of its new quantity, reserved or released by the
 * difference in this transaction (a new product: the old one released,
 * the new one reserved).
 */
static int
so_line_rereserve(struct tx *x, const struct record *h, struct record *r,
    const struct record *old, char **cause)
{
	uint64_t	 wid = (uint64_t)record_int(h, G.h_wh[SALES_ORDER]);
	uint64_t	 pid = (uint64_t)record_int(r, G.l_prod[SALES_ORDER]);
	int64_t		 shipped = old != NULL ? record_int(old,
			    G.sol_shipped) : 0;
	int64_t		 held = old != NULL ? record_int(old,
			    G.sol_reserved) : 0;
	int64_t		 want, line = record_int(r, G.l_line[SALES_ORDER]);
	char		 a[32], b[32], sku[64];
	int		 rc, kept;

	if (record_int(r, G.l_qty[SALES_ORDER]) < shipped)
		return (fail(cause, ST_INVALID, _("%s: %s ordered is less "
		    "than the %s shipped already"), sku_of(x, pid, sku,
		    sizeof sku), qfmt(record_int(r, G.l_qty[SALES_ORDER]), a,
		    sizeof a), qfmt(shipped, b, sizeof b)));
	want = record_int(r, G.l_qty[SALES_ORDER]) - shipped;
	if (old != NULL && (uint64_t)record_int(old,
	    G.l_prod[SALES_ORDER]) != pid) {
		if (shipped > 0)
			return (fail(cause, ST_INVALID, _("column 'product': "
			    "%s is shipped in part already; add a line "
			    "instead"), sku_of(x, (uint64_t)record_int(old,
			    G.l_prod[SALES_ORDER]), sku, sizeof sku)));
		if ((rc = rereserve(x, (uint64_t)record_int(old,
		    G.l_prod[SALES_ORDER]), wid, -held, line, cause)) != ST_OK)
			return (rc);
		held = 0;
	}
	if ((rc = rereserve(x, pid, wid, want - held, line, cause)) != ST_OK ||
	    (rc = stock_kept(x, pid, &kept)) != ST_OK)
		return (rc);
	record_set_int(r, G.sol_reserved, kept ? want : 0);	/* a service:
								 * none */
	return (ST_OK);
}

static int
line_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	enum sales_kind	 k = sales_kind_of(r->ent);
	struct record	*h = NULL;
	struct lines	 ls;
	uint64_t	 parent = (uint64_t)record_int(r, G.l_parent[k]);
	int64_t		 max = 0;
	size_t		 i;
	int		 rc;

	/* A new line of the new document save_whole writes: its header,
	 * written after its lines, is not there to look up yet
	 * (line_defaults); every other line names its document. */
	if (!record_isset(r, G.l_parent[k])) {
		if (old != NULL || later_hdr == NULL ||
		    later_hdr->ent != G.he[k] || totals_later == 0 ||
		    record_id(later_hdr) != totals_later)
			return (fail(cause, ST_INVALID, _("column '%s': a "
			    "value is required"), kinds[k].parent));
		parent = totals_later;
		record_set_int(r, G.l_parent[k], (int64_t)parent);
	}
	if (old != NULL && (uint64_t)record_int(old, G.l_parent[k]) != parent)
		return (fail(cause, ST_INVALID, _("column '%s': a line stays "
		    "in its document"), kinds[k].parent));
	if ((rc = line_parent(x, k, parent, &h, cause)) != ST_OK)
		return (rc);
	if (record_int(r, G.l_qty[k]) <= 0) {
		rc = fail(cause, ST_INVALID, _("column 'qty': more than 0 "
		    "expected"));
		goto out;
	}
	/* 1.5 of a product counted in whole pcs: refused here, as its
	 * stock move would be, for every kind of document. */
	if ((rc = catalog_qty_fits_id(x, (uint64_t)record_int(r,
	    G.l_prod[k]), record_int(r, G.l_qty[k]), cause)) != ST_OK)
		goto out;
	if (record_isset(r, G.l_price[k]) && record_int(r, G.l_price[k]) < 0) {
		rc = fail(cause, ST_INVALID, _("column 'price': not negative "
		    "expected"));
		goto out;
	}
	if (record_isset(r, G.l_disc[k]) && (record_int(r, G.l_disc[k]) < 0 ||
	    record_int(r, G.l_disc[k]) > 100000)) {
		rc = fail(cause, ST_INVALID, _("column 'discount': 0 to 100 "
		    "expected"));
		goto out;
	}
	if (!record_isset(r, G.l_line[k])) {
		if ((rc = lines_of(x, k, parent, 0, &ls)) != ST_OK)
			goto out;
		for (i = 0; i < ls.n; i++)
			if (record_int(ls.v[i], G.l_line[k]) > max)
				max = record_int(ls.v[i], G.l_line[k]);
		lines_free(&ls);
		record_set_int(r, G.l_line[k], max + 1);
	}
	if ((rc = line_fill(x, k, h, r, cause)) != ST_OK)
		goto out;
	if (k == SALES_ORDER) {
		if (old == NULL) {
			record_set_int(r, G.sol_reserved, 0);
			record_set_int(r, G.sol_shipped, 0);
			record_set_int(r, G.sol_returned, 0);
		}
		if (so_open(status_of(h, k)) &&
		    (rc = so_line_rereserve(x, h, r, old, cause)) != ST_OK)
			goto out;
	}
	/* A document saved whole totals its lines once, at the end
	 * (save_whole), not at each line. */
	if (parent != totals_later)
		rc = totals_with(x, k, parent, r, 0, cause);
out:
	record_free(h);
	return (rc);
}

/* A line's document is named by line_validate when the line is a new
 * one of the new document save_whole writes; else it is required there. */
static int
line_defaults(const char *field)
{
	int	 k;

	for (k = 0; k < NKINDS; k++)
		if (strcmp(field, kinds[k].parent) == 0)
			return (1);
	return (0);
}

/* A line goes with its draft; a confirmed order's line that nothing was
 * shipped of gives its reservation back as it goes. */
static int
line_can_delete(struct tx *x, const struct record *r, char **cause)
{
	enum sales_kind	 k = sales_kind_of(r->ent);
	struct record	*h;
	char		 sku[64];
	int		 rc;

	if ((rc = line_parent(x, k, (uint64_t)record_int(r, G.l_parent[k]),
	    &h, cause)) != ST_OK)
		return (rc);
	if (k == SALES_ORDER && so_open(status_of(h, k))) {
		if (record_int(r, G.sol_shipped) > 0)
			rc = fail(cause, ST_INVALID, _("%s is shipped in part "
			    "already: its line stays"), sku_of(x,
			    (uint64_t)record_int(r, G.l_prod[k]), sku,
			    sizeof sku));
		else
			rc = rereserve(x, (uint64_t)record_int(r, G.l_prod[k]),
			    (uint64_t)record_int(h, G.h_wh[k]),
			    -record_int(r, G.sol_reserved),
			    record_int(r, G.l_line[k]), cause);
	}
	/* A document saved whole totals its lines once (save_whole). */
	if (rc == ST_OK && record_id(h) != totals_later)
		rc = totals_with(x, k, record_id(h), NULL, record_id(r), cause);
	record_free(h);
	return (rc);
}

/* --- saving a document whole --------------------------------------------- */

static int	save_whole(struct tx *, struct record *, struct record *,
		    uint32_t, struct record **, size_t, unsigned, const char *,
		    int64_t *, char **);

int
sales_save(struct tx *x, struct record *hdr, uint32_t rev, int replace,
    struct record **lines, size_t n, int64_t *errline, char **cause)
{
	enum sales_kind	 k = sales_kind_of(hdr->ent);
	struct record	*old = NULL;
	int		 rc, isnew = record_id(hdr) == 0;

	*errline = 0;
	if (k == SALES_NONE)
		return (fail(cause, ST_INVALID, _("%s are not sales "
		    "documents"), hdr->ent->name));
	/* With its lines: each record written once (save_whole). */
	if (replace) {
		if (!isnew && (rc = hdr_get(x, k, record_id(hdr), &old,
		    cause)) != ST_OK)
			return (rc);
		rc = save_whole(x, hdr, old, rev, lines, n, 0, NULL, errline,
		    cause);
		record_free(old);
		return (rc);
	}
	/* Numbered before anything else is read (see ops-docs.c). */
	if (isnew && (rc = number(x, k, hdr)) != ST_OK)
		return (rc);
	if ((rc = model_save(x, hdr, rev, cause)) != ST_OK)
		return (rc);
	rc = sales_totals(x, k, record_id(hdr), cause);
	if (rc == ST_OK && isnew && k == SALES_INVOICE)
		rc = money_invoice_made(x, record_id(hdr), cause);
	return (rc);
}

static int	confirm_in(struct tx *, struct record *, const char *,
		    struct record **, size_t, unsigned, int64_t *, char **);

/* Whether one of the first n lines is matched to stored line r. */
static int
line_taken(struct record *const *was, size_t n, const struct record *r)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (was[i] == r)
			return (1);
	return (0);
}

/*
 * A document saved whole, each record written once and the header last:
 * new (old NULL: numbered, checked, its id taken first, so its lines name
 * it before it is written), or the draft old (the stored header, read
 * write-locked; rev: the revision the client read) and its stored lines,
 * replaced by lines: each line checked and priced in memory against the
 * header as it will be, a stored line not sent deleted, the header's
 * totals its lines'; with SAVE_CONFIRM, confirmed in those same writes
 * (confirm_in).  A refusal names a new document by label (an import's
 * "order B"), else as "the new order", never by the number it was given
 * and gives back with the transaction: nobody will see that number.
 */
static int
save_whole(struct tx *x, struct record *hdr, struct record *old,
    uint32_t rev, struct record **lines, size_t n, unsigned flags,
    const char *label, int64_t *errline, char **cause)
{
	enum sales_kind	 k = sales_kind_of(hdr->ent);
	struct record	**was;
	struct lines	 ol;
	uint64_t	 id;
	int64_t		 net = 0, vat = 0, gross = 0;
	size_t		 i, j;
	int		 rc;

	memset(&ol, 0, sizeof ol);
	if (old == NULL) {
		/* Numbered before anything else is read (see ops-docs.c). */
		if ((rc = number(x, k, hdr)) != ST_OK ||
		    (rc = model_validate(x, hdr, NULL, cause)) != ST_OK ||
		    (rc = tx_new_id(x, G.he[k], &id, cause)) != ST_OK)
			return (rc);
		record_set_int(hdr, FX_ID, (int64_t)id);
	} else {
		id = record_id(old);
		if ((rc = tx_check_rev(old, rev, cause)) != ST_OK ||
		    (rc = model_validate(x, hdr, old, cause)) != ST_OK ||
		    (rc = lines_of(x, k, id, LN_RMW|LN_HELD, &ol)) != ST_OK)
			return (rc);
	}
	/* Each line's stored self (NULL: a new line), matched by id; a
	 * stored line sent twice is the first's, the second a new one. */
	was = xcalloc(n + 1, sizeof *was);
	for (i = 0; i < n; i++)
		for (j = 0; j < ol.n && was[i] == NULL; j++)
			if (record_id(lines[i]) != 0 &&
			    record_id(lines[i]) == record_id(ol.v[j]) &&
			    !line_taken(was, i, ol.v[j]))
				was[i] = ol.v[j];
	/* The lines checked and priced as they would be saved, in memory,
	 * against the header as it will be (line_parent), their totals
	 * written once, with it (line_validate, line_can_delete). */
	totals_later = id;
	later_hdr = hdr;
	/* Lines gone first: what they held is free for the others. */
	for (j = 0; j < ol.n && rc == ST_OK; j++) {
		for (i = 0; i < n; i++)
			if (was[i] == ol.v[j])
				break;
		if (i == n)
			rc = model_delete(x, G.le[k], record_id(ol.v[j]), 0,
			    cause);
	}
	for (i = 0; i < n && rc == ST_OK; i++) {
		if (was[i] == NULL) {
			record_clear(lines[i], FX_ID);
			record_clear(lines[i], FX_CODE);
			record_clear(lines[i], G.l_parent[k]);
		} else {
			record_set_value(lines[i], FX_CODE,
			    &was[i]->v[FX_CODE]);
			record_set_int(lines[i], G.l_parent[k], (int64_t)id);
		}
		record_set_int(lines[i], G.l_line[k], (int64_t)i + 1);
		if ((rc = model_validate(x, lines[i], was[i], cause)) != ST_OK)
			*errline = (int64_t)i + 1;
		net += record_int(lines[i], G.l_net[k]);
		vat += record_int(lines[i], G.l_vatamt[k]);
		gross += record_int(lines[i], G.l_gross[k]);
	}
	totals_later = 0;
	later_hdr = NULL;
	if (rc == ST_OK) {
		record_set_int(hdr, G.h_net[k], net);
		record_set_int(hdr, G.h_vat[k], vat);
		record_set_int(hdr, G.h_gross[k], gross);
		if (flags & SAVE_CONFIRM)
			rc = confirm_in(x, hdr, old != NULL ? record_str(hdr,
			    FX_CODE) : label != NULL ? label : _("the new "
			    "order"), lines, n, flags & POST_CREDIT, errline,
			    cause);
	}
	for (i = 0; i < n && rc == ST_OK; i++) {
		if (was[i] != NULL)
			rc = rewrite(x, lines[i], was[i], cause);
		else
			rc = tx_insert(x, lines[i], cause);
		if (rc != ST_OK)
			*errline = (int64_t)i + 1;
	}
	if (rc == ST_OK)
		rc = old == NULL ? tx_insert_as(x, hdr, cause) :
		    tx_update_old(x, hdr, old, rev, cause);
	if (rc == ST_OK && old == NULL && k == SALES_INVOICE)
		rc = money_invoice_made(x, record_id(hdr), cause);
	free(was);
	lines_free(&ol);
	return (rc);
}

int
sales_save_new(struct tx *x, struct record *hdr, struct record **lines,
    size_t n, unsigned flags, const char *label, int64_t *errline,
    char **cause)
{
	enum sales_kind	 k = sales_kind_of(hdr->ent);

	fields_init();
	*errline = 0;
	if (k == SALES_NONE || ((flags & SAVE_CONFIRM) && k != SALES_ORDER) ||
	    record_id(hdr) != 0)
		return (fail(cause, ST_INVALID, _("%s are not sales "
		    "documents"), hdr->ent->name));
	return (save_whole(x, hdr, NULL, 0, lines, n, flags, label, errline,
	    cause));
}

int
so_save_confirm(struct tx *x, struct record *hdr, uint32_t rev,
    struct record **lines, size_t n, unsigned flags, int64_t *errline,
    char **cause)
{
	struct record	*old;
	int		 rc;

	fields_init();
	*errline = 0;
	if (hdr->ent != G.so)
		return (fail(cause, ST_INVALID, _("%s are not sales "
		    "documents"), hdr->ent->name));
	flags = SAVE_CONFIRM | (flags & POST_CREDIT);
	if (record_id(hdr) == 0)
		return (save_whole(x, hdr, NULL, 0, lines, n, flags, NULL,
		    errline, cause));
	if ((rc = hdr_get(x, SALES_ORDER, record_id(hdr), &old, cause)) !=
	    ST_OK)
		return (rc);
	/* Only a draft is confirmed: anything else is saved as a save
	 * saves it, then refused by so_confirm, as two requests would. */
	if (is(status_of(old, SALES_ORDER), "draft"))
		rc = save_whole(x, hdr, old, rev, lines, n, flags, NULL,
		    errline, cause);
	else if ((rc = sales_save(x, hdr, rev, 1, lines, n, errline,
	    cause)) == ST_OK)
		rc = so_confirm(x, record_id(hdr), flags, errline, cause);
	record_free(old);
	return (rc);
}

int
sales_delete(struct tx *x, enum sales_kind k, uint64_t id, char **cause)
{
	struct record	*h;
	struct lines	 ls;
	size_t		 i;
	int		 rc;

	fields_init();
	if ((rc = hdr_get(x, k, id, &h, cause)) != ST_OK)
		return (rc);
	rc = hdr_can_delete(x, h, cause);
	record_free(h);
	if (rc != ST_OK || (rc = lines_of(x, k, id, LN_HELD, &ls)) != ST_OK)
		return (rc);
	for (i = 0; i < ls.n && rc == ST_OK; i++)
		rc = model_delete(x, G.le[k], record_id(ls.v[i]), 0, cause);
	lines_free(&ls);
	if (rc == ST_OK)
		rc = model_delete(x, G.he[k], id, 0, cause);
	return (rc);
}

/* --- orders ---------------------------------------------------------------- */

static uint64_t *
line_products(const struct lines *ls, enum sales_kind k)
{
	uint64_t	*v = xcalloc(ls->n + 1, sizeof *v);
	size_t		 i;

	for (i = 0; i < ls->n; i++)
		v[i] = (uint64_t)record_int(ls->v[i], G.l_prod[k]);
	return (v);
}

static int
set_status(struct tx *x, struct record *h, enum sales_kind k,
    const char *st, char **cause)
{
	record_set_str(h, G.h_status[k], st);
	return (tx_update(x, h, record_rev(h), cause));
}

/*
 * An order confirmed in memory: credit control on its gross, every line
 * reserved at its warehouse (all or none; the stock rows written at the
 * posting's end), the lines' reserved, the order's status, who and when,
 * and its totals as its lines add up.  The caller writes o and ls.  A
 * refusal names the order as name says it (its number when stored).
 */
static int
confirm_in(struct tx *x, struct record *o, const char *name,
    struct record **ls, size_t n, unsigned flags, int64_t *errline,
    char **cause)
{
	struct stock_posting	*sp;
	uint64_t		*pids, wid;
	int64_t			 net = 0, vat = 0, gross = 0;
	size_t			 i;
	char			*who;
	int			 rc, over = 0;

	if (n == 0)
		return (fail(cause, ST_INVALID, _("%s has no lines"), name));
	if ((rc = money_credit_check(x, (uint64_t)record_int(o,
	    G.h_cust[SALES_ORDER]), record_int(o, G.h_gross[SALES_ORDER]),
	    name, (flags & POST_CREDIT) != 0, &over, cause)) != ST_OK)
		return (rc);
	if (over) {
		/* Let through by a manager: the order says who and when,
		 * and its audit entry keeps it. */
		time_t		 now = time(NULL);
		struct tm	 tm;
		char		 when[32];

		gmtime_r(&now, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
		xasprintf(&who, "%s %s", tx_login(x), when);	/* i18n: no */
		record_set_str(o, G.so_override, who);
		free(who);
	}
	wid = (uint64_t)record_int(o, G.h_wh[SALES_ORDER]);
	sp = stock_posting_new(x, record_int(o, G.h_date[SALES_ORDER]), NULL,
	    0, errline, cause);
	pids = xcalloc(n + 1, sizeof *pids);
	for (i = 0; i < n; i++)
		pids[i] = (uint64_t)record_int(ls[i], G.l_prod[SALES_ORDER]);
	rc = stock_posting_lock(sp, pids, n);
	free(pids);
	for (i = 0; i < n && rc == ST_OK; i++) {
		struct record	*l = ls[i];
		uint64_t	 pid = (uint64_t)record_int(l,
				    G.l_prod[SALES_ORDER]);
		int		 kept;

		stock_posting_line(sp, record_int(l, G.l_line[SALES_ORDER]));
		if (errline != NULL)
			*errline = record_int(l, G.l_line[SALES_ORDER]);
		/* A service holds nothing: it is not kept in stock. */
		if ((rc = stock_posting_reserve(sp, pid, wid, record_int(l,
		    G.l_qty[SALES_ORDER]))) != ST_OK ||
		    (rc = stock_posting_kept(sp, pid, &kept)) != ST_OK)
			break;
		record_set_int(l, G.sol_reserved, kept ? record_int(l,
		    G.l_qty[SALES_ORDER]) : 0);
		net += record_int(l, G.l_net[SALES_ORDER]);
		vat += record_int(l, G.l_vatamt[SALES_ORDER]);
		gross += record_int(l, G.l_gross[SALES_ORDER]);
	}
	if (rc == ST_OK && errline != NULL)
		*errline = 0;
	if ((rc = stock_posting_end(sp, rc)) != ST_OK)
		return (rc);
	record_set_int(o, G.so_conf, (int64_t)time(NULL));
	record_set_str(o, G.so_conf_by, tx_login(x));
	record_set_str(o, G.h_status[SALES_ORDER], "confirmed");
	/* Its totals as its lines add up (sales_totals), in the same
	 * write. */
	record_set_int(o, G.h_net[SALES_ORDER], net);
	record_set_int(o, G.h_vat[SALES_ORDER], vat);
	record_set_int(o, G.h_gross[SALES_ORDER], gross);
	return (ST_OK);
}

int
so_confirm(struct tx *x, uint64_t id, unsigned flags, int64_t *errline,
    char **cause)
{
	struct record		*o, *was, **lwas;
	struct lines		 ls;
	size_t			 i;
	int			 rc;

	fields_init();
	if (errline != NULL)
		*errline = 0;
	if ((rc = hdr_get(x, SALES_ORDER, id, &o, cause)) != ST_OK)
		return (rc);
	if (!is(status_of(o, SALES_ORDER), "draft")) {
		rc = fail(cause, ST_INVALID, _("%s is %s: only a draft is "
		    "confirmed"), record_str(o, FX_CODE),
		    dict_enum_word(status_of(o, SALES_ORDER)));
		record_free(o);
		return (rc);
	}
	if ((rc = lines_of(x, SALES_ORDER, id, LN_RMW|LN_HELD, &ls)) != ST_OK) {
		record_free(o);
		return (rc);
	}
	/* The order and its lines are rewritten from what was read, once
	 * each, not read again: their copies as read. */
	was = record_dup(o);
	lwas = lines_was(&ls);
	rc = confirm_in(x, o, record_str(o, FX_CODE), ls.v, ls.n, flags,
	    errline, cause);
	for (i = 0; i < ls.n && rc == ST_OK; i++) {
		if ((rc = rewrite(x, ls.v[i], lwas[i], cause)) != ST_OK &&
		    errline != NULL)
			*errline = record_int(ls.v[i], G.l_line[SALES_ORDER]);
	}
	if (rc == ST_OK)
		rc = rewrite(x, o, was, cause);
	stock_rows_free(lwas, ls.n);
	record_free(was);
	lines_free(&ls);
	record_free(o);
	return (rc);
}

/* Release what an order's lines hold; its status becomes st, or closed
 * when something was shipped. */
static int
so_release(struct tx *x, uint64_t id, int closing, char **cause)
{
	struct stock_posting	*sp;
	struct record		*o;
	struct lines		 ls;
	const char		*st;
	uint64_t		*pids, wid;
	int64_t			 shipped = 0;
	size_t			 i;
	int			 rc;

	fields_init();
	if ((rc = hdr_get(x, SALES_ORDER, id, &o, cause)) != ST_OK)
		return (rc);
	st = status_of(o, SALES_ORDER);
	if (closing ? !(so_open(st) || is(st, "shipped")) :
	    !(so_open(st) || is(st, "draft"))) {
		rc = fail(cause, ST_INVALID, closing ? _("%s is %s: only a "
		    "confirmed or shipped order is closed") : _("%s is %s: "
		    "only a draft or confirmed order is cancelled"),
		    record_str(o, FX_CODE), dict_enum_word(st));
		record_free(o);
		return (rc);
	}
	if ((rc = lines_of(x, SALES_ORDER, id, LN_RMW|LN_HELD, &ls)) != ST_OK) {
		record_free(o);
		return (rc);
	}
	wid = (uint64_t)record_int(o, G.h_wh[SALES_ORDER]);
	sp = stock_posting_new(x, stock_today(), NULL, 0, NULL, cause);
	pids = line_products(&ls, SALES_ORDER);
	rc = stock_posting_lock(sp, pids, ls.n);
	free(pids);
	for (i = 0; i < ls.n && rc == ST_OK; i++) {
		struct record	*l = ls.v[i];

		shipped += record_int(l, G.sol_shipped);
		if (record_int(l, G.sol_reserved) == 0)
			continue;
		if ((rc = stock_posting_reserve(sp, (uint64_t)record_int(l,
		    G.l_prod[SALES_ORDER]), wid, -record_int(l,
		    G.sol_reserved))) != ST_OK)
			break;
		record_set_int(l, G.sol_reserved, 0);
		rc = tx_update(x, l, record_rev(l), cause);
	}
	rc = stock_posting_end(sp, rc);
	if (rc == ST_OK)
		rc = set_status(x, o, SALES_ORDER, closing || shipped > 0 ?
		    "closed" : "cancelled", cause);
	lines_free(&ls);
	record_free(o);
	return (rc);
}

int
so_cancel(struct tx *x, uint64_t id, char **cause)
{
	return (so_release(x, id, 0, cause));
}

int
so_close(struct tx *x, uint64_t id, char **cause)
{
	return (so_release(x, id, 1, cause));
}

/* The first draft shipment of an order, or 0. */
static int
so_draft_shipment(struct tx *x, uint64_t so, struct record **out)
{
	struct ids	 ids;
	struct record	*s;
	size_t		 i;
	int		 rc;

	*out = NULL;
	if ((rc = stock_ids(x, G.shp, "order", so, 0, &ids)) != ST_OK)
		return (rc);
	for (i = 0; i < ids.n && *out == NULL; i++) {
		if ((rc = tx_get(x, G.shp, ids.v[i], 0, &s)) != ST_OK) {
			if (rc == ST_NOTFOUND)
				continue;
			break;
		}
		if (is(status_of(s, SALES_SHIPMENT), "draft"))
			*out = s;
		else
			record_free(s);
	}
	free(ids.v);
	return (rc == ST_NOTFOUND ? ST_OK : rc);
}

/*
 * What is left to ship of order o (its lines ol), as a shipment in
 * memory, not written: the header d (numbered already: ship_make) of the
 * order's customer, warehouse and side of VAT, its totals its lines'; a
 * line per order line with something left, priced as the order line,
 * with its amounts.
 * All of it comes from the order as it was saved and checked, so the
 * shipment and its lines are written as they are (tx_insert), once, not
 * saved through the model's checks, which would read the order, the
 * header and the lines back and rewrite the header's totals line by
 * line.
 */
static void
ship_build(const struct record *o, const struct lines *ol, struct record *d,
    struct lines *sl)
{
	struct record	*l;
	int64_t		 rest, line = 0, net = 0, vat = 0, gross = 0;
	size_t		 i;
	int		 incl = record_int(o, G.h_incl[SALES_ORDER]) != 0;

	record_set_value(d, G.h_cust[SALES_SHIPMENT],
	    &o->v[G.h_cust[SALES_ORDER]]);
	record_set_value(d, G.h_wh[SALES_SHIPMENT],
	    &o->v[G.h_wh[SALES_ORDER]]);
	record_set_int(d, G.h_incl[SALES_SHIPMENT], incl);
	record_set_int(d, G.shp_order, (int64_t)record_id(o));
	record_set_str(d, G.h_status[SALES_SHIPMENT], "draft");
	sl->v = xcalloc(ol->n + 1, sizeof *sl->v);
	sl->n = 0;
	for (i = 0; i < ol->n; i++) {
		rest = record_int(ol->v[i], G.l_qty[SALES_ORDER]) -
		    record_int(ol->v[i], G.sol_shipped);
		if (rest <= 0)
			continue;
		l = record_new(G.shl);
		record_set_int(l, G.l_line[SALES_SHIPMENT], ++line);
		record_set_value(l, G.l_prod[SALES_SHIPMENT],
		    &ol->v[i]->v[G.l_prod[SALES_ORDER]]);
		record_set_int(l, G.l_qty[SALES_SHIPMENT], rest);
		record_set_value(l, G.l_price[SALES_SHIPMENT],
		    &ol->v[i]->v[G.l_price[SALES_ORDER]]);
		record_set_value(l, G.l_disc[SALES_SHIPMENT],
		    &ol->v[i]->v[G.l_disc[SALES_ORDER]]);
		record_set_value(l, G.l_vat[SALES_SHIPMENT],
		    &ol->v[i]->v[G.l_vat[SALES_ORDER]]);
		record_set_int(l, G.shl_sol, (int64_t)record_id(ol->v[i]));
		line_amounts(l, SALES_SHIPMENT, incl);
		net += record_int(l, G.l_net[SALES_SHIPMENT]);
		vat += record_int(l, G.l_vatamt[SALES_SHIPMENT]);
		gross += record_int(l, G.l_gross[SALES_SHIPMENT]);
		sl->v[sl->n++] = l;
	}
	record_set_int(d, G.h_net[SALES_SHIPMENT], net);
	record_set_int(d, G.h_vat[SALES_SHIPMENT], vat);
	record_set_int(d, G.h_gross[SALES_SHIPMENT], gross);
}

static int	ship_post(struct tx *, struct record *, struct lines *,
		    struct record *, struct lines *, unsigned, int64_t *,
		    char **);

/*
 * The shipment of what is left of order id: a draft (post 0), or posted
 * in the same transaction, written once, posted (post 1: the header's id
 * taken first, its lines and moves naming it, the header written last).
 */
static int
ship_make(struct tx *x, uint64_t id, int post, int64_t date, unsigned flags,
    uint64_t *shp, int64_t *errline, char **cause)
{
	struct record	*o = NULL, *s = NULL, *d;
	struct lines	 ls, sl;
	uint64_t	 sid;
	size_t		 i;
	int		 rc;

	fields_init();
	*shp = 0;
	if (errline != NULL)
		*errline = 0;
	memset(&ls, 0, sizeof ls);
	memset(&sl, 0, sizeof sl);
	/*
	 * Numbered before anything else is read, as a new stock document
	 * is (ops-docs.c): the series counters are write-locked to the end
	 * of the transaction, so shipments queue there rather than after
	 * read locks on the pages they then write (the index of shipments
	 * by order, which so_draft_shipment reads): two shipments each
	 * holding such a page read-locked and wanting to write it
	 * deadlocked, and ran again, more often than not at 32 clients.
	 */
	d = record_new(G.shp);
	record_set_int(d, G.h_date[SALES_SHIPMENT], date != 0 ? date :
	    stock_today());
	if ((rc = number(x, SALES_SHIPMENT, d)) != ST_OK)
		goto out;
	if ((rc = hdr_get(x, SALES_ORDER, id, &o, cause)) != ST_OK)
		goto out;
	if (!so_open(status_of(o, SALES_ORDER))) {
		rc = fail(cause, ST_INVALID, _("%s is %s: goods are shipped "
		    "against a confirmed order"), record_str(o, FX_CODE),
		    dict_enum_word(status_of(o, SALES_ORDER)));
		goto out;
	}
	if ((rc = so_draft_shipment(x, id, &s)) != ST_OK || s != NULL) {
		if (s != NULL)
			rc = fail(cause, ST_INVALID, _("%s: shipment %s is a "
			    "draft of it already: post or delete that one"),
			    record_str(o, FX_CODE), record_str(s, FX_CODE));
		goto out;
	}
	/* Posted at once, the order's lines are written: locked now. */
	if ((rc = lines_of(x, SALES_ORDER, id, LN_HELD |
	    (post ? LN_RMW : 0), &ls)) != ST_OK)
		goto out;
	for (i = 0; i < ls.n; i++)
		if (record_int(ls.v[i], G.l_qty[SALES_ORDER]) >
		    record_int(ls.v[i], G.sol_shipped))
			break;
	if (i == ls.n) {
		rc = fail(cause, ST_INVALID, _("%s: nothing is left to ship"),
		    record_str(o, FX_CODE));
		goto out;
	}
	ship_build(o, &ls, d, &sl);
	if (!post) {
		if ((rc = tx_insert(x, d, cause)) != ST_OK)
			goto out;
		*shp = record_id(d);
		for (i = 0; i < sl.n && rc == ST_OK; i++) {
			record_set_int(sl.v[i], G.l_parent[SALES_SHIPMENT],
			    (int64_t)*shp);
			rc = tx_insert(x, sl.v[i], cause);
		}
		goto out;
	}
	if ((rc = tx_new_id(x, G.shp, &sid, cause)) != ST_OK)
		goto out;
	record_set_int(d, FX_ID, (int64_t)sid);
	for (i = 0; i < sl.n; i++)
		record_set_int(sl.v[i], G.l_parent[SALES_SHIPMENT],
		    (int64_t)sid);
	if ((rc = ship_post(x, d, &sl, o, &ls, flags, errline, cause)) ==
	    ST_OK)
		*shp = sid;
out:
	lines_free(&sl);
	lines_free(&ls);
	record_free(s);
	record_free(d);
	record_free(o);
	return (rc);
}

int
so_ship(struct tx *x, uint64_t id, uint64_t *shp, char **cause)
{
	return (ship_make(x, id, 0, 0, 0, shp, NULL, cause));
}

int
so_ship_post(struct tx *x, uint64_t id, unsigned flags, uint64_t *shp,
    int64_t *errline, char **cause)
{
	return (ship_make(x, id, 1, 0, flags, shp, errline, cause));
}

int
so_ship_post_on(struct tx *x, uint64_t id, int64_t date, unsigned flags,
    uint64_t *shp, int64_t *errline, char **cause)
{
	return (ship_make(x, id, 1, date, flags, shp, errline, cause));
}

/* --- shipments ------------------------------------------------------------- */

/* The order line a shipment line ships against: its own, else the first
 * of the order for the product with something left to ship, else the
 * last for the product. */
static int
match_so_line(struct tx *x, const struct lines *ol, struct record *l,
    uint64_t *out, char **cause, const char *ocode)
{
	uint64_t	 pid = (uint64_t)record_int(l, G.l_prod[SALES_SHIPMENT]);
	size_t		 i;
	char		 sku[64];

	*out = (uint64_t)record_int(l, G.shl_sol);
	for (i = 0; i < ol->n && *out == 0; i++) {
		if ((uint64_t)record_int(ol->v[i], G.l_prod[SALES_ORDER]) !=
		    pid)
			continue;
		*out = record_id(ol->v[i]);
		if (record_int(ol->v[i], G.l_qty[SALES_ORDER]) >
		    record_int(ol->v[i], G.sol_shipped))
			break;
	}
	if (*out == 0)
		return (fail(cause, ST_INVALID, _("%s is not on the order %s"),
		    sku_of(x, pid, sku, sizeof sku), ocode));
	for (i = 0; i < ol->n; i++)
		if (record_id(ol->v[i]) == *out)
			return (ST_OK);
	return (fail(cause, ST_INVALID, _("column 'so_line': not a line of "
	    "the order %s"), ocode));
}

/* The order's status from its lines' balances: shipped when every line
 * is. */
static const char *
so_status_of(const struct lines *ol)
{
	size_t	 i;

	for (i = 0; i < ol->n; i++)
		if (record_int(ol->v[i], G.sol_shipped) <
		    record_int(ol->v[i], G.l_qty[SALES_ORDER]))
			return ("part_shipped");
	return ("shipped");
}

/* The lines that name their lot go first, each group in line order: a
 * lot picked by hand is taken before the first-to-expire picks of the
 * other lines can empty it. */
static void
lots_named_first(struct lines *ls)
{
	struct record	**v = xcalloc(ls->n + 1, sizeof *v);
	size_t		  i, n = 0;
	int		  named;

	for (named = 1; named >= 0; named--)
		for (i = 0; i < ls->n; i++)
			if ((record_str(ls->v[i], G.shl_lot) != NULL) ==
			    named)
				v[n++] = ls->v[i];
	memcpy(ls->v, v, ls->n * sizeof *v);
	free(v);
}

/* The copy of r among was (the copies of ls), or NULL: by its id, since
 * lots_named_first reorders ls after the copies were taken (matched by
 * place, a line was written over from another line's copy). */
static const struct record *
was_of(const struct lines *ls, struct record **was, const struct record *r)
{
	size_t	 i;

	for (i = 0; i < ls->n; i++)
		if (record_id(was[i]) == record_id(r))
			return (was[i]);
	return (NULL);
}

/*
 * Post shipment s with its lines ls (each write-locked as read, or new:
 * no id) against order o (NULL: none) and its lines ol, all write-locked
 * as read: per line the order's reservation released, the goods issued,
 * the order line's shipped; the order's status; the shipment's totals,
 * cost and receivable, posted.  s without an id's revision (rev 0) is
 * new, its id taken (tx_new_id): it and its lines are written once, here,
 * posted.  Each record is written once, from memory.
 */
static int
ship_post(struct tx *x, struct record *s, struct lines *ls, struct record *o,
    struct lines *ol, unsigned flags, int64_t *errline, char **cause)
{
	struct stock_posting	*sp = NULL;
	struct record		**lwas, **owas, *swas = NULL, *was_o = NULL;
	uint64_t		*pids, wid, owid = 0, solid, id = record_id(s);
	int64_t			 q, rest, rel, posted, cost = 0;
	int64_t			 net = 0, vat = 0, gross = 0;
	char			 a[32], b[32], sku[64], *taken = NULL;
	size_t			 i, j;
	int			 rc = ST_OK, grew = 0, fresh = record_rev(s) == 0;

	lwas = lines_was(ls);
	owas = lines_was(ol);
	if (!fresh)
		swas = record_dup(s);
	wid = (uint64_t)record_int(s, G.h_wh[SALES_SHIPMENT]);
	if (o != NULL) {
		if (!so_open(status_of(o, SALES_ORDER))) {
			rc = fail(cause, ST_INVALID, _("%s is %s: goods are "
			    "shipped against a confirmed order"),
			    record_str(o, FX_CODE),
			    dict_enum_word(status_of(o, SALES_ORDER)));
			goto out;
		}
		was_o = record_dup(o);
		owid = (uint64_t)record_int(o, G.h_wh[SALES_ORDER]);
	}
	sp = stock_posting_new(x, record_int(s, G.h_date[SALES_SHIPMENT]),
	    "shipment", id, errline, cause);
	pids = line_products(ls, SALES_SHIPMENT);
	rc = stock_posting_lock(sp, pids, ls->n);
	free(pids);
	lots_named_first(ls);
	for (i = 0; i < ls->n && rc == ST_OK; i++) {
		struct record	*l = ls->v[i], *ln = NULL;
		uint64_t	 pid = (uint64_t)record_int(l,
				    G.l_prod[SALES_SHIPMENT]);

		stock_posting_line(sp, record_int(l, G.l_line[SALES_SHIPMENT]));
		if (errline != NULL)
			*errline = record_int(l, G.l_line[SALES_SHIPMENT]);
		q = record_int(l, G.l_qty[SALES_SHIPMENT]);
		if (o != NULL) {
			if ((rc = match_so_line(x, ol, l, &solid, cause,
			    record_str(o, FX_CODE))) != ST_OK)
				break;
			for (j = 0; j < ol->n; j++)
				if (record_id(ol->v[j]) == solid)
					ln = ol->v[j];
			if ((uint64_t)record_int(ln, G.l_prod[SALES_ORDER]) !=
			    pid) {
				rc = fail(cause, ST_INVALID, _("column "
				    "'so_line': the order's line is for "
				    "another product"));
				break;
			}
			rest = record_int(ln, G.l_qty[SALES_ORDER]) -
			    record_int(ln, G.sol_shipped);
			if (q > rest && !(flags & POST_OVER)) {
				rc = fail(cause, ST_INVALID,
				    _(sales_over_shipment), sku_of(x, pid, sku,
				    sizeof sku), qfmt(record_int(ln,
				    G.sol_shipped) + q, a, sizeof a),
				    qfmt(record_int(ln, G.l_qty[SALES_ORDER]),
				    b, sizeof b));
				break;
			}
			rel = record_int(ln, G.sol_reserved);
			if (rel > q)
				rel = q;
			if ((rc = stock_posting_reserve(sp, pid, owid,
			    -rel)) != ST_OK)
				break;
			record_set_int(ln, G.sol_reserved,
			    record_int(ln, G.sol_reserved) - rel);
			record_set_int(ln, G.sol_shipped,
			    record_int(ln, G.sol_shipped) + q);
			if (record_int(ln, G.sol_shipped) >
			    record_int(ln, G.l_qty[SALES_ORDER])) {
				/* Confirmed: the customer took more. */
				record_set_int(ln, G.l_qty[SALES_ORDER],
				    record_int(ln, G.sol_shipped));
				line_amounts(ln, SALES_ORDER, record_int(o,
				    G.h_incl[SALES_ORDER]) != 0);
				grew = 1;
			}
			record_set_int(l, G.shl_sol, (int64_t)solid);
		}
		/* A product kept by lots leaves from the lot the line
		 * names, else first to expire first; the line says which
		 * it took. */
		if ((rc = stock_posting_issue(sp, "shipment", pid, wid, q,
		    record_str(l, G.shl_lot), &taken, &posted)) != ST_OK)
			break;
		if (taken != NULL)
			record_set_str(l, G.shl_lot, taken);
		free(taken);
		taken = NULL;
		record_set_int(l, G.shl_cost, -posted);
		record_set_int(l, G.shl_ret, 0);
		record_set_int(l, G.shl_retcost, 0);
		line_amounts(l, SALES_SHIPMENT, record_int(s,
		    G.h_incl[SALES_SHIPMENT]) != 0);
		cost += -posted;
		net += record_int(l, G.l_net[SALES_SHIPMENT]);
		vat += record_int(l, G.l_vatamt[SALES_SHIPMENT]);
		gross += record_int(l, G.l_gross[SALES_SHIPMENT]);
		/* A new line is written after its header (below). */
		if (!fresh)
			rc = rewrite(x, l, was_of(ls, lwas, l), cause);
	}
	if (rc == ST_OK) {
		stock_posting_line(sp, 0);
		if (errline != NULL)
			*errline = 0;
	}
	rc = stock_posting_end(sp, rc);
	/* Each order line once, whatever the number of shipment lines
	 * against it. */
	for (i = 0; i < ol->n && rc == ST_OK; i++)
		rc = rewrite(x, ol->v[i], owas[i], cause);
	if (rc != ST_OK)
		goto out;
	if (o != NULL) {
		record_set_str(o, G.h_status[SALES_ORDER], so_status_of(ol));
		if (grew) {
			int64_t	 on = 0, ov = 0, og = 0;

			for (i = 0; i < ol->n; i++) {
				on += record_int(ol->v[i], G.l_net[SALES_ORDER]);
				ov += record_int(ol->v[i],
				    G.l_vatamt[SALES_ORDER]);
				og += record_int(ol->v[i],
				    G.l_gross[SALES_ORDER]);
			}
			record_set_int(o, G.h_net[SALES_ORDER], on);
			record_set_int(o, G.h_vat[SALES_ORDER], ov);
			record_set_int(o, G.h_gross[SALES_ORDER], og);
		}
		if ((rc = rewrite(x, o, was_o, cause)) != ST_OK)
			goto out;
	}
	record_set_int(s, G.h_net[SALES_SHIPMENT], net);
	record_set_int(s, G.h_vat[SALES_SHIPMENT], vat);
	record_set_int(s, G.h_gross[SALES_SHIPMENT], gross);
	record_set_int(s, G.shp_cost, cost);
	record_set_int(s, G.shp_recv, gross);
	record_set_int(s, G.shp_posted, (int64_t)time(NULL));
	record_set_str(s, G.shp_posted_by, tx_login(x));
	if ((rc = money_shipment_posted(x, s, cause)) != ST_OK)
		goto out;
	record_set_str(s, G.h_status[SALES_SHIPMENT], "posted");
	if (!fresh) {
		rc = rewrite(x, s, swas, cause);
		goto out;
	}
	/* The header first, so its lines' audit entries name it. */
	rc = tx_insert_as(x, s, cause);
	for (i = 0; i < ls->n && rc == ST_OK; i++)
		rc = tx_insert(x, ls->v[i], cause);
out:
	stock_rows_free(lwas, ls->n);
	stock_rows_free(owas, ol->n);
	record_free(swas);
	record_free(was_o);
	return (rc);
}

/*
 * A draft of kind k about to be posted, and its lines write-locked;
 * refused, with nothing left allocated, when it is no draft or has no
 * lines.
 */
static int
draft_to_post(struct tx *x, enum sales_kind k, uint64_t id,
    struct record **hdr, struct lines *ls, char **cause)
{
	int	 rc;

	if ((rc = hdr_get(x, k, id, hdr, cause)) != ST_OK)
		return (rc);
	if (!is(status_of(*hdr, k), "draft"))
		rc = fail(cause, ST_INVALID, _("%s is %s already"),
		    record_str(*hdr, FX_CODE),
		    dict_enum_word(status_of(*hdr, k)));
	else if ((rc = lines_of(x, k, id, LN_RMW|LN_HELD, ls)) == ST_OK &&
	    ls->n == 0) {
		rc = fail(cause, ST_INVALID, _("%s has no lines"),
		    record_str(*hdr, FX_CODE));
		lines_free(ls);
	}
	if (rc != ST_OK) {
		record_free(*hdr);
		*hdr = NULL;
	}
	return (rc);
}

int
shipment_post(struct tx *x, uint64_t id, unsigned flags, int64_t *errline,
    char **cause)
{
	struct record		*s, *o = NULL;
	struct lines		 ls, ol;
	int			 rc;

	fields_init();
	memset(&ol, 0, sizeof ol);
	if (errline != NULL)
		*errline = 0;
	if ((rc = draft_to_post(x, SALES_SHIPMENT, id, &s, &ls, cause)) !=
	    ST_OK)
		return (rc);
	if (record_int(s, G.shp_order) != 0) {
		if ((rc = hdr_get(x, SALES_ORDER, (uint64_t)record_int(s,
		    G.shp_order), &o, cause)) != ST_OK)
			goto out;
		if (so_open(status_of(o, SALES_ORDER)) && (rc = lines_of(x,
		    SALES_ORDER, record_id(o), LN_RMW|LN_HELD, &ol)) != ST_OK)
			goto out;
	}
	rc = ship_post(x, s, &ls, o, &ol, flags, errline, cause);
out:
	lines_free(&ol);
	lines_free(&ls);
	record_free(o);
	record_free(s);
	return (rc);
}

/* --- returns ---------------------------------------------------------------- */

int
return_make(struct tx *x, uint64_t shp, uint64_t pid, int64_t qty,
    const char *lot, const char *reason, int draft, uint64_t *ret,
    int64_t *errline, char **cause)
{
	struct record	*r, *l;
	int		 rc;

	fields_init();
	*ret = 0;
	if (errline != NULL)
		*errline = 0;
	r = record_new(G.ret);
	record_set_int(r, G.ret_shp, (int64_t)shp);
	record_set_int(r, G.h_date[SALES_RETURN], stock_today());
	if (reason != NULL)
		record_set_str(r, G.ret_reason, reason);
	if ((rc = number(x, SALES_RETURN, r)) == ST_OK)
		rc = model_save(x, r, 0, cause);
	*ret = record_id(r);
	record_free(r);
	if (rc != ST_OK)
		return (rc);
	l = record_new(G.rtl);
	record_set_int(l, G.l_parent[SALES_RETURN], (int64_t)*ret);
	record_set_int(l, G.l_line[SALES_RETURN], 1);
	record_set_int(l, G.l_prod[SALES_RETURN], (int64_t)pid);
	record_set_int(l, G.l_qty[SALES_RETURN], qty);
	if (lot != NULL)
		record_set_str(l, G.rtl_lot, lot);
	/* Priced as it was sold: filled from the shipment when posted. */
	rc = model_save(x, l, 0, cause);
	record_free(l);
	if (rc != ST_OK && errline != NULL)
		*errline = 1;
	if (rc == ST_OK && !draft)
		rc = return_post(x, *ret, errline, cause);
	else if (rc == ST_OK)
		rc = sales_totals(x, SALES_RETURN, *ret, cause);
	return (rc);
}

/* The shipment line a return line brings back: its own, else the first
 * of the shipment for the product with something left to return. */
static int
match_shl(struct tx *x, const struct lines *sl, struct record *l,
    struct record **out, char **cause, const char *scode)
{
	uint64_t	 pid = (uint64_t)record_int(l, G.l_prod[SALES_RETURN]);
	uint64_t	 want = (uint64_t)record_int(l, G.rtl_shl);
	size_t		 i;
	char		 sku[64];

	*out = NULL;
	for (i = 0; i < sl->n; i++) {
		if (want != 0) {
			if (record_id(sl->v[i]) == want)
				*out = sl->v[i];
			continue;
		}
		if ((uint64_t)record_int(sl->v[i], G.l_prod[SALES_SHIPMENT]) !=
		    pid)
			continue;
		*out = sl->v[i];
		if (record_int(sl->v[i], G.l_qty[SALES_SHIPMENT]) >
		    record_int(sl->v[i], G.shl_ret))
			break;
	}
	if (*out == NULL && want != 0)
		return (fail(cause, ST_INVALID, _("column 'shipment_line': not "
		    "a line of %s"), scode));
	if (*out == NULL)
		return (fail(cause, ST_INVALID, _("%s was not shipped in %s"),
		    sku_of(x, pid, sku, sizeof sku), scode));
	if ((uint64_t)record_int(*out, G.l_prod[SALES_SHIPMENT]) != pid)
		return (fail(cause, ST_INVALID, _("column 'shipment_line': "
		    "that line of %s is for another product"), scode));
	return (ST_OK);
}

/* What a shipment took of a product from one lot (lot NULL: what left
 * without one), and what came back into it. */
struct shlot {
	const char	*lot;		/* borrowed from lots */
	int64_t		 shipped, back, expiry;
};

struct shlots {
	struct shlot	*v;
	size_t		 n;
	char		**names;	/* the lots' names, owned */
	size_t		 nnames;
};

static struct shlot *
shlot_get(struct shlots *ls, const char *lot)
{
	struct shlot	*e;
	size_t		 i;

	for (i = 0; i < ls->n; i++)
		if (lot == NULL ? ls->v[i].lot == NULL :
		    ls->v[i].lot != NULL && strcmp(ls->v[i].lot, lot) == 0)
			return (&ls->v[i]);
	ls->v = xreallocarray(ls->v, ls->n + 1, sizeof *ls->v);
	e = &ls->v[ls->n++];
	memset(e, 0, sizeof *e);
	if (lot != NULL) {
		ls->names = xreallocarray(ls->names, ls->nnames + 1,
		    sizeof *ls->names);
		e->lot = ls->names[ls->nnames++] = xstrdup(lot);
	}
	return (e);
}

static void
shlots_free(struct shlots *ls)
{
	size_t	 i;

	for (i = 0; i < ls->nnames; i++)
		free(ls->names[i]);
	free(ls->names);
	free(ls->v);
	memset(ls, 0, sizeof *ls);
}

/* The moves of pid a document made (field: its field in the ledger),
 * added to each lot's shipped (out) or back (in). */
static int
shlots_add(struct tx *x, struct shlots *ls, const char *field, uint64_t doc,
    uint64_t pid, int out)
{
	struct ids	 ids;
	struct record	*m;
	struct shlot	*e;
	size_t		 i;
	int		 rc;

	if ((rc = stock_ids(x, G.move, field, doc, 0, &ids)) != ST_OK)
		return (rc);
	for (i = 0; i < ids.n && rc == ST_OK; i++) {
		if ((rc = tx_get(x, G.move, ids.v[i], 0, &m)) != ST_OK)
			break;
		if ((uint64_t)record_int(m, G.m_prod) == pid) {
			e = shlot_get(ls, record_str(m, G.m_lot));
			if (out)
				e->shipped -= record_int(m, G.m_qty);
			else
				e->back += record_int(m, G.m_qty);
			if (out && record_isset(m, G.m_expiry))
				e->expiry = record_int(m, G.m_expiry);
		}
		record_free(m);
	}
	free(ids.v);
	return (rc);
}

/* What shipment shp took of pid from each lot, and what its posted
 * returns and the return ret (being posted) brought back into each. */
static int
shipment_lots(struct tx *x, uint64_t shp, uint64_t ret, uint64_t pid,
    struct shlots *ls)
{
	struct ids	 rets;
	struct record	*r;
	size_t		 i;
	int		 rc;

	memset(ls, 0, sizeof *ls);
	if ((rc = shlots_add(x, ls, "shipment", shp, pid, 1)) != ST_OK)
		return (rc);
	if ((rc = stock_ids(x, G.ret, "shipment", shp, 0, &rets)) != ST_OK)
		return (rc);
	for (i = 0; i < rets.n && rc == ST_OK; i++) {
		if ((rc = tx_get(x, G.ret, rets.v[i], 0, &r)) != ST_OK)
			break;
		if (rets.v[i] == ret || is(status_of(r, SALES_RETURN),
		    "posted"))
			rc = shlots_add(x, ls, "cust_return", rets.v[i], pid,
			    0);
		record_free(r);
	}
	free(rets.v);
	return (rc);
}

static void
list_add(char **list, const char *lot)
{
	char	*old = *list;

	if (old == NULL)
		*list = xstrdup(lot);
	else {
		xasprintf(list, "%s, %s", old, lot);
		free(old);
	}
}

/*
 * The goods of a return line (q of pid, value: the cost they left with)
 * back into wid, into the lots shipment s took them from: the lot the
 * line names (refused past what s took from it less what came back into
 * it already), else the lots of s last to expire first, each up to what
 * it took less what came back.  What left without a lot (shipped before
 * lots were kept on shipments) comes back without one, after those.
 * The value goes with the quantity, the last part taking what is left
 * of it.  *into: the lots the goods went into ("L2, L1"; NULL: none).
 */
static int
return_lots(struct tx *x, struct stock_posting *sp, const struct record *s,
    uint64_t ret, uint64_t pid, uint64_t wid, int64_t q, int64_t value,
    const char *lot, char **into, char **cause)
{
	struct shlots		 ls;
	struct shlot		*e = NULL;
	struct stock_lot	*order;
	char			 a[32], b[32], c[32], d[32], sku[64];
	int64_t			 left, part, pval, done = 0, vdone = 0, plain;
	int64_t			 posted, total;
	size_t			 i, no = 0;
	int			 rc, any = 0;

	*into = NULL;
	if ((rc = shipment_lots(x, record_id(s), ret, pid, &ls)) != ST_OK)
		return (rc);
	for (i = 0; i < ls.n; i++)
		if (ls.v[i].lot != NULL)
			any = 1;
	if (!any && lot == NULL) {
		/* Shipped without lots: back without them. */
		rc = stock_posting_move_lot(sp, "return", pid, wid, q, value,
		    NULL, 0, &posted);
		goto out;
	}
	if (lot != NULL) {
		for (i = 0; i < ls.n; i++)
			if (ls.v[i].lot != NULL && strcmp(ls.v[i].lot,
			    lot) == 0)
				e = &ls.v[i];
		left = e != NULL ? e->shipped - e->back : 0;
		if (q > left) {
			rc = fail(cause, ST_INVALID, _("%s lot %s: %s to "
			    "return, but %s shipped from it in %s less %s "
			    "returned leaves %s"), sku_of(x, pid, sku,
			    sizeof sku), lot, qfmt(q, a, sizeof a),
			    qfmt(e != NULL ? e->shipped : 0, b, sizeof b),
			    record_str(s, FX_CODE), qfmt(e != NULL ? e->back :
			    0, c, sizeof c), qfmt(left > 0 ? left : 0, d,
			    sizeof d));
			goto out;
		}
		rc = stock_posting_move_lot(sp, "return", pid, wid, q, value,
		    lot, e->expiry, &posted);
		if (rc == ST_OK)
			*into = xstrdup(lot);
		goto out;
	}
	/* Last to expire first: the reverse of the order they leave in. */
	order = xcalloc(ls.n + 1, sizeof *order);
	plain = total = 0;
	for (i = 0; i < ls.n; i++) {
		left = ls.v[i].shipped - ls.v[i].back;
		if (left <= 0)
			continue;
		total += left;
		if (ls.v[i].lot == NULL) {
			plain = left;
			continue;
		}
		order[no].lot = (char *)ls.v[i].lot;
		order[no].qty = left;
		order[no].expiry = ls.v[i].expiry;
		no++;
	}
	if (no > 0)
		xqsort(order, no, sizeof *order, stock_lot_cmp);
	if (total < q) {
		rc = fail(cause, ST_INVALID, _("%s: %s to return, but what %s "
		    "shipped of it less what came back leaves %s"),
		    sku_of(x, pid, sku, sizeof sku), qfmt(q, a, sizeof a),
		    record_str(s, FX_CODE), qfmt(total, b, sizeof b));
		free(order);
		goto out;
	}
	for (i = no; i-- > 0 && done < q && rc == ST_OK;) {
		part = order[i].qty < q - done ? order[i].qty : q - done;
		pval = done + part == q ? value - vdone :
		    pricing_muldiv(value, part, q);
		rc = stock_posting_move_lot(sp, "return", pid, wid, part,
		    pval, order[i].lot, order[i].expiry, &posted);
		if (rc == ST_OK)
			list_add(into, order[i].lot);
		done += part;
		vdone += pval;
	}
	if (rc == ST_OK && done < q && plain > 0)
		rc = stock_posting_move_lot(sp, "return", pid, wid, q - done,
		    value - vdone, NULL, 0, &posted);
	free(order);
out:
	if (rc != ST_OK) {
		free(*into);
		*into = NULL;
	}
	shlots_free(&ls);
	return (rc);
}

int
return_post(struct tx *x, uint64_t id, int64_t *errline, char **cause)
{
	struct stock_posting	*sp = NULL;
	struct record		*r, *s = NULL, *sol;
	struct lines		 ls, sl;
	uint64_t		*pids, wid;
	int64_t			 q, left, value, cost = 0;
	int64_t			 net = 0, vat = 0, gross = 0;
	char			 a[32], b[32], c[32], d[32], sku[64];
	char			*into = NULL;
	size_t			 i;
	int			 rc;

	fields_init();
	memset(&sl, 0, sizeof sl);
	if (errline != NULL)
		*errline = 0;
	if ((rc = draft_to_post(x, SALES_RETURN, id, &r, &ls, cause)) != ST_OK)
		return (rc);
	if ((rc = hdr_get(x, SALES_SHIPMENT, (uint64_t)record_int(r,
	    G.ret_shp), &s, cause)) != ST_OK)
		goto out;
	if (!is(status_of(s, SALES_SHIPMENT), "posted")) {
		rc = fail(cause, ST_INVALID, _("%s is %s: goods come back "
		    "against a posted shipment"), record_str(s, FX_CODE),
		    dict_enum_word(status_of(s, SALES_SHIPMENT)));
		goto out;
	}
	if ((rc = lines_of(x, SALES_SHIPMENT, record_id(s),
	    LN_RMW|LN_HELD, &sl)) != ST_OK)
		goto out;
	wid = (uint64_t)record_int(r, G.h_wh[SALES_RETURN]);
	if (wid == 0)
		wid = (uint64_t)record_int(s, G.h_wh[SALES_SHIPMENT]);
	sp = stock_posting_new(x, record_int(r, G.h_date[SALES_RETURN]),
	    "cust_return", id, errline, cause);
	pids = line_products(&ls, SALES_RETURN);
	rc = stock_posting_lock(sp, pids, ls.n);
	free(pids);
	for (i = 0; i < ls.n && rc == ST_OK; i++) {
		struct record	*l = ls.v[i], *ln;
		uint64_t	 pid = (uint64_t)record_int(l,
				    G.l_prod[SALES_RETURN]);

		stock_posting_line(sp, record_int(l, G.l_line[SALES_RETURN]));
		if (errline != NULL)
			*errline = record_int(l, G.l_line[SALES_RETURN]);
		if ((rc = match_shl(x, &sl, l, &ln, cause,
		    record_str(s, FX_CODE))) != ST_OK)
			break;
		q = record_int(l, G.l_qty[SALES_RETURN]);
		left = record_int(ln, G.l_qty[SALES_SHIPMENT]) -
		    record_int(ln, G.shl_ret);
		if (q > left) {
			rc = fail(cause, ST_INVALID, _("%s: %s to return, but "
			    "%s shipped in %s less %s returned leaves %s"),
			    sku_of(x, pid, sku, sizeof sku), qfmt(q, a,
			    sizeof a), qfmt(record_int(ln,
			    G.l_qty[SALES_SHIPMENT]), b, sizeof b),
			    record_str(s, FX_CODE), qfmt(record_int(ln,
			    G.shl_ret), c, sizeof c), qfmt(left > 0 ? left :
			    0, d, sizeof d));
			break;
		}
		/* At the cost it left with; the last of it takes all that
		 * is left of that cost, so nothing is lost to rounding. */
		value = q == left ? record_int(ln, G.shl_cost) -
		    record_int(ln, G.shl_retcost) : pricing_muldiv(
		    record_int(ln, G.shl_cost), q, record_int(ln,
		    G.l_qty[SALES_SHIPMENT]));
		if ((rc = return_lots(x, sp, s, id, pid, wid, q, value,
		    record_str(l, G.rtl_lot), &into, cause)) != ST_OK)
			break;
		if (into != NULL)
			record_set_str(l, G.rtl_lot, into);
		free(into);
		into = NULL;
		record_set_int(ln, G.shl_ret, record_int(ln, G.shl_ret) + q);
		record_set_int(ln, G.shl_retcost, record_int(ln,
		    G.shl_retcost) + value);
		if ((rc = tx_update(x, ln, record_rev(ln), cause)) != ST_OK)
			break;
		if (record_int(ln, G.shl_sol) != 0) {
			if ((rc = tx_get(x, G.sol, (uint64_t)record_int(ln,
			    G.shl_sol), 1, &sol)) != ST_OK)
				break;
			record_set_int(sol, G.sol_returned,
			    record_int(sol, G.sol_returned) + q);
			rc = tx_update(x, sol, record_rev(sol), cause);
			record_free(sol);
			if (rc != ST_OK)
				break;
		}
		/* Priced as it was sold. */
		record_set_int(l, G.rtl_shl, (int64_t)record_id(ln));
		record_set_value(l, G.l_price[SALES_RETURN],
		    &ln->v[G.l_price[SALES_SHIPMENT]]);
		record_set_value(l, G.l_disc[SALES_RETURN],
		    &ln->v[G.l_disc[SALES_SHIPMENT]]);
		record_set_value(l, G.l_vat[SALES_RETURN],
		    &ln->v[G.l_vat[SALES_SHIPMENT]]);
		line_amounts(l, SALES_RETURN, record_int(s,
		    G.h_incl[SALES_SHIPMENT]) != 0);
		record_set_int(l, G.rtl_cost, value);
		cost += value;
		net += record_int(l, G.l_net[SALES_RETURN]);
		vat += record_int(l, G.l_vatamt[SALES_RETURN]);
		gross += record_int(l, G.l_gross[SALES_RETURN]);
		rc = tx_update(x, l, record_rev(l), cause);
	}
	if (rc == ST_OK) {
		stock_posting_line(sp, 0);
		if (errline != NULL)
			*errline = 0;
	}
	rc = stock_posting_end(sp, rc);
	if (rc != ST_OK)
		goto out;
	/* What the customer owes for the shipment goes down by as much. */
	record_set_int(s, G.shp_recv, record_int(s, G.shp_recv) - gross);
	if ((rc = money_doc_reduced(x, s, gross, cause)) != ST_OK ||
	    (rc = tx_update(x, s, record_rev(s), cause)) != ST_OK)
		goto out;
	record_set_int(r, G.h_net[SALES_RETURN], net);
	record_set_int(r, G.h_vat[SALES_RETURN], vat);
	record_set_int(r, G.h_gross[SALES_RETURN], gross);
	record_set_int(r, G.ret_cost, cost);
	record_set_int(r, G.ret_posted, (int64_t)time(NULL));
	record_set_str(r, G.ret_posted_by, tx_login(x));
	rc = set_status(x, r, SALES_RETURN, "posted", cause);
out:
	lines_free(&sl);
	lines_free(&ls);
	record_free(s);
	record_free(r);
	return (rc);
}

/* --- invoices ------------------------------------------------------------- */

int
invoice_make(struct tx *x, uint64_t so, uint64_t *inv, char **cause)
{
	struct record	*o, *h, **ls = NULL;
	struct lines	 ol;
	struct ids	 ids = { NULL, 0 };
	int64_t		 errline;
	size_t		 i;
	int		 rc;

	fields_init();
	*inv = 0;
	if ((rc = hdr_get(x, SALES_ORDER, so, &o, cause)) != ST_OK)
		return (rc);
	if (is(status_of(o, SALES_ORDER), "cancelled")) {
		rc = fail(cause, ST_INVALID, _("%s is %s: it is not "
		    "invoiced"), record_str(o, FX_CODE),
		    dict_enum_word(status_of(o, SALES_ORDER)));
		goto out;
	}
	/* One invoice per order, unless the one it had was cancelled. */
	if ((rc = stock_ids(x, G.he[SALES_INVOICE], "order", so, 0, &ids)) !=
	    ST_OK)
		goto out;
	for (i = 0; i < ids.n && rc == ST_OK; i++) {
		if ((rc = tx_get(x, G.he[SALES_INVOICE], ids.v[i], 0, &h)) !=
		    ST_OK)
			break;
		if (!is(status_of(h, SALES_INVOICE), "cancelled"))
			rc = fail(cause, ST_INVALID, _("%s has its invoice "
			    "%s already"), record_str(o, FX_CODE),
			    record_str(h, FX_CODE));
		record_free(h);
	}
	free(ids.v);
	if (rc != ST_OK)
		goto out;
	if ((rc = lines_of(x, SALES_ORDER, so, LN_HELD, &ol)) != ST_OK)
		goto out;
	if (ol.n == 0) {
		lines_free(&ol);
		rc = fail(cause, ST_INVALID, _("%s has no lines"),
		    record_str(o, FX_CODE));
		goto out;
	}
	h = record_new(G.he[SALES_INVOICE]);
	record_set_int(h, G.inv_order, (int64_t)so);
	record_set_int(h, G.h_date[SALES_INVOICE], stock_today());
	record_set_value(h, dict_field_pos(G.he[SALES_INVOICE], "manager"),
	    &o->v[dict_field_pos(G.so, "manager")]);
	ls = xcalloc(ol.n, sizeof *ls);
	for (i = 0; i < ol.n; i++) {
		ls[i] = record_new(G.le[SALES_INVOICE]);
		record_set_value(ls[i], G.l_prod[SALES_INVOICE],
		    &ol.v[i]->v[G.l_prod[SALES_ORDER]]);
		record_set_value(ls[i], G.l_qty[SALES_INVOICE],
		    &ol.v[i]->v[G.l_qty[SALES_ORDER]]);
		record_set_value(ls[i], G.l_price[SALES_INVOICE],
		    &ol.v[i]->v[G.l_price[SALES_ORDER]]);
		record_set_value(ls[i], G.l_disc[SALES_INVOICE],
		    &ol.v[i]->v[G.l_disc[SALES_ORDER]]);
		record_set_value(ls[i], G.l_vat[SALES_INVOICE],
		    &ol.v[i]->v[G.l_vat[SALES_ORDER]]);
	}
	rc = sales_save(x, h, 0, 1, ls, ol.n, &errline, cause);
	*inv = record_id(h);
	for (i = 0; i < ol.n; i++)
		record_free(ls[i]);
	free(ls);
	lines_free(&ol);
	record_free(h);
out:
	record_free(o);
	return (rc);
}

int
invoice_cancel(struct tx *x, uint64_t id, char **cause)
{
	struct record	*h;
	char		 m[32];
	int		 rc;

	fields_init();
	if ((rc = hdr_get(x, SALES_INVOICE, id, &h, cause)) != ST_OK)
		return (rc);
	money_format(record_int(h, G.inv_paid), m, sizeof m, 1);
	if (record_int(h, G.inv_paid) != 0)
		rc = fail(cause, ST_INVALID, _("%s: %s is paid of it; cancel "
		    "the payments first"), record_str(h, FX_CODE), m);
	else if (is(status_of(h, SALES_INVOICE), "cancelled"))
		rc = fail(cause, ST_INVALID, _("%s is %s already"),
		    record_str(h, FX_CODE), dict_enum_word("cancelled"));
	else
		rc = set_status(x, h, SALES_INVOICE, "cancelled", cause);
	record_free(h);
	return (rc);
}

/* --- quotes --------------------------------------------------------------- */

int
quote_action(struct tx *x, uint64_t id, const char *action, unsigned flags,
    uint64_t *so, char **cause)
{
	static const struct {
		const char	*action, *from, *from2, *to;
	} t[] = {
		{ "send", "draft", NULL, "sent" },
		{ "accept", "sent", NULL, "accepted" },
		{ "reject", "sent", NULL, "rejected" },
		{ "expire", "sent", NULL, "expired" },
		{ "order", "sent", "accepted", "accepted" },
	};
	struct record	*q, *o, *l;
	struct lines	 ls;
	const char	*st;
	char		 d[16];
	int64_t		 valid;
	size_t		 i, j;
	int		 rc;

	fields_init();
	*so = 0;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(t[i].action, action) == 0)
			break;
	if (i == sizeof t / sizeof t[0])
		return (fail(cause, ST_INVALID, _("unknown action '%s' for "
		    "%s"), action, "quotes"));
	if ((rc = hdr_get(x, SALES_QUOTE, id, &q, cause)) != ST_OK)
		return (rc);
	st = status_of(q, SALES_QUOTE);
	if (!is(st, t[i].from) && !is(st, t[i].from2 ? t[i].from2 : "")) {
		rc = fail(cause, ST_INVALID, _("%s is %s: it cannot be %s"),
		    record_str(q, FX_CODE), dict_enum_word(st),
		    dict_enum_word(t[i].to));
		record_free(q);
		return (rc);
	}
	/* Past its date, the prices it offered may be gone: accepted or
	 * ordered only when the clerk, told, says so. */
	valid = record_int(q, dict_field_pos(G.he[SALES_QUOTE],
	    "valid_until"));
	if ((strcmp(action, "accept") == 0 || strcmp(action, "order") == 0) &&
	    valid != 0 && valid < stock_today() && !(flags & POST_OVER)) {
		date_format_people(valid, d, sizeof d);
		rc = fail(cause, ST_INVALID, _("%s was valid until %s: %s"),
		    record_str(q, FX_CODE), d, _(QUOTE_EXPIRED_ANYWAY));
		record_free(q);
		return (rc);
	}
	if ((rc = lines_of(x, SALES_QUOTE, id, LN_HELD, &ls)) != ST_OK) {
		record_free(q);
		return (rc);
	}
	if (ls.n == 0) {
		rc = fail(cause, ST_INVALID, _("%s has no lines"),
		    record_str(q, FX_CODE));
		goto out;
	}
	if ((rc = set_status(x, q, SALES_QUOTE, t[i].to, cause)) != ST_OK ||
	    strcmp(action, "order") != 0)
		goto out;
	o = record_new(G.so);
	record_set_value(o, G.h_cust[SALES_ORDER],
	    &q->v[G.h_cust[SALES_QUOTE]]);
	record_set_value(o, G.h_wh[SALES_ORDER], &q->v[G.h_wh[SALES_QUOTE]]);
	record_set_int(o, G.h_incl[SALES_ORDER],
	    record_int(q, G.h_incl[SALES_QUOTE]) != 0);
	record_set_int(o, G.so_quote, (int64_t)id);
	/* The deal the quote came from goes on with the order. */
	record_set_value(o, dict_field_pos(G.so, "deal"),
	    &q->v[dict_field_pos(G.he[SALES_QUOTE], "deal")]);
	if ((rc = number(x, SALES_ORDER, o)) == ST_OK)
		rc = model_save(x, o, 0, cause);
	*so = record_id(o);
	record_free(o);
	for (j = 0; j < ls.n && rc == ST_OK; j++) {
		l = record_new(G.sol);
		record_set_int(l, G.l_parent[SALES_ORDER], (int64_t)*so);
		record_set_int(l, G.l_line[SALES_ORDER], (int64_t)j + 1);
		record_set_value(l, G.l_prod[SALES_ORDER],
		    &ls.v[j]->v[G.l_prod[SALES_QUOTE]]);
		record_set_value(l, G.l_qty[SALES_ORDER],
		    &ls.v[j]->v[G.l_qty[SALES_QUOTE]]);
		record_set_value(l, G.l_price[SALES_ORDER],
		    &ls.v[j]->v[G.l_price[SALES_QUOTE]]);
		record_set_value(l, G.l_disc[SALES_ORDER],
		    &ls.v[j]->v[G.l_disc[SALES_QUOTE]]);
		record_set_value(l, G.l_vat[SALES_ORDER],
		    &ls.v[j]->v[G.l_vat[SALES_QUOTE]]);
		rc = model_save(x, l, 0, cause);
		record_free(l);
	}
	if (rc == ST_OK)
		rc = sales_totals(x, SALES_ORDER, *so, cause);
out:
	lines_free(&ls);
	record_free(q);
	return (rc);
}

/* --- the invariants --------------------------------------------------------- */

/*
 * kontor check runs while clerks post: each document is added up in a
 * transaction of its own, its lines and its moves with it, so a posting
 * is seen whole or not at all.  The stock rows' reserved against the
 * order lines' is proven by stock.c's check.
 */

static int
collect(const struct record *r, void *arg)
{
	struct ids	*ids = arg;

	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof *ids->v);
	ids->v[ids->n++] = record_id(r);
	return (0);
}

/* The sum of the values of the moves a document made (field: its
 * field in the ledger). */
static int
moves_value(struct tx *x, const char *field, uint64_t id, int64_t *sum)
{
	struct ids	 ids;
	struct record	*m;
	size_t		 i;
	int		 rc;

	*sum = 0;
	if ((rc = stock_ids(x, G.move, field, id, 0, &ids)) != ST_OK)
		return (rc);
	for (i = 0; i < ids.n && rc == ST_OK; i++) {
		if ((rc = tx_get(x, G.move, ids.v[i], 0, &m)) != ST_OK)
			break;
		*sum += record_int(m, G.m_value);
		record_free(m);
	}
	free(ids.v);
	return (rc);
}

static void
check_order(struct tx *x, struct model_check_one *a, const struct record *h,
    const struct lines *ls)
{
	const char	*st = status_of(h, SALES_ORDER);
	char		 q[32], s[32], r[32], v[32], sku[64];
	int64_t		 want;
	size_t		 i;
	int		 kept;

	for (i = 0; i < ls->n; i++) {
		const struct record	*l = ls->v[i];
		int64_t			 qty = record_int(l,
					    G.l_qty[SALES_ORDER]);
		int64_t			 sh = record_int(l, G.sol_shipped);
		int64_t			 re = record_int(l, G.sol_returned);
		int64_t			 rs = record_int(l, G.sol_reserved);

		if (sh - re > qty || re > sh || sh < 0) {
			buf_printf(a->report, _("%s line %lld (%s): %s "
			    "shipped less %s returned is more than the %s "
			    "ordered\n"), record_str(h, FX_CODE),
			    (long long)record_int(l, G.l_line[SALES_ORDER]),
			    sku_of(x, (uint64_t)record_int(l,
			    G.l_prod[SALES_ORDER]), sku, sizeof sku),
			    qfmt(sh, s, sizeof s), qfmt(re, r, sizeof r),
			    qfmt(qty, q, sizeof q));
			a->bad++;
		}
		/* A service holds nothing (a product it cannot read: as
		 * kept, so a reservation is still proven). */
		if (stock_kept(x, (uint64_t)record_int(l,
		    G.l_prod[SALES_ORDER]), &kept) != ST_OK)
			kept = 1;
		want = so_open(st) && qty > sh && kept ? qty - sh : 0;
		if (rs != want) {
			buf_printf(a->report, _("%s line %lld (%s): %s "
			    "reserved, but %s is to be held (%s)\n"),
			    record_str(h, FX_CODE),
			    (long long)record_int(l, G.l_line[SALES_ORDER]),
			    sku_of(x, (uint64_t)record_int(l,
			    G.l_prod[SALES_ORDER]), sku, sizeof sku),
			    qfmt(rs, r, sizeof r), qfmt(want, v, sizeof v),
			    dict_enum_word(st));
			a->bad++;
		}
	}
}

static int
check_doc_tx(struct tx *x, struct model_check_one *a, char **cause)
{
	enum sales_kind		 k = *(const enum sales_kind *)a->ctx;
	struct record		*h;
	struct lines		 ls;
	struct ids		 rets;
	int64_t			 sum, lsum = 0, back = 0;
	char			 m[3][32];
	size_t			 i;
	int			 rc;

	(void)cause;
	if ((rc = tx_get(x, G.he[k], a->id, 0, &h)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	if ((rc = lines_of(x, k, a->id, 0, &ls)) != ST_OK) {
		record_free(h);
		return (rc);
	}
	if (k == SALES_ORDER)
		check_order(x, a, h, &ls);
	else if (is(status_of(h, k), "posted")) {
		int	 cpos = k == SALES_SHIPMENT ? G.shp_cost :
			    G.ret_cost;
		int	 lcpos = k == SALES_SHIPMENT ? G.shl_cost :
			    G.rtl_cost;

		for (i = 0; i < ls.n; i++)
			lsum += record_int(ls.v[i], lcpos);
		rc = moves_value(x, k == SALES_SHIPMENT ? "shipment" :
		    "cust_return", a->id, &sum);
		if (rc == ST_OK && k == SALES_SHIPMENT)
			sum = -sum;
		if (rc == ST_OK && (sum != record_int(h, cpos) ||
		    lsum != sum)) {
			buf_printf(a->report, _("%s: cost %s, its lines "
			    "%s, but the ledger's moves for it %s\n"),
			    record_str(h, FX_CODE),
			    money_people(record_int(h, cpos), m[0],
			    sizeof m[0]), money_people(lsum, m[1],
			    sizeof m[1]), money_people(sum, m[2],
			    sizeof m[2]));
			a->bad++;
		}
		if (rc == ST_OK && k == SALES_SHIPMENT) {
			memset(&rets, 0, sizeof rets);
			rc = stock_ids(x, G.ret, "shipment", a->id, 0, &rets);
			for (i = 0; rc == ST_OK && i < rets.n; i++) {
				struct record	*r;

				if ((rc = tx_get(x, G.ret, rets.v[i], 0,
				    &r)) != ST_OK)
					break;
				if (is(status_of(r, SALES_RETURN), "posted"))
					back += record_int(r,
					    G.h_gross[SALES_RETURN]);
				record_free(r);
			}
			free(rets.v);
			if (rc == ST_OK && record_int(h, G.shp_recv) !=
			    record_int(h, G.h_gross[SALES_SHIPMENT]) - back) {
				buf_printf(a->report, _("%s: receivable %s, "
				    "but its total %s less returns %s\n"),
				    record_str(h, FX_CODE),
				    money_people(record_int(h, G.shp_recv),
				    m[0], sizeof m[0]),
				    money_people(record_int(h,
				    G.h_gross[SALES_SHIPMENT]), m[1],
				    sizeof m[1]), money_people(back, m[2],
				    sizeof m[2]));
				a->bad++;
			}
		}
	}
	lines_free(&ls);
	record_free(h);
	return (rc);
}

static int
sales_check(struct store *st, struct buf *report)
{
	static const enum sales_kind ks[] = {
		SALES_ORDER, SALES_SHIPMENT, SALES_RETURN
	};
	struct ids		 ids;
	size_t			 j;
	int			 bad = 0;

	fields_init();
	for (j = 0; j < sizeof ks / sizeof ks[0]; j++) {
		memset(&ids, 0, sizeof ids);
		if (store_each(st, G.he[ks[j]], collect, &ids) != ST_OK) {
			buf_printf(report, _("%s: cannot be read\n"),
			    G.he[ks[j]]->name);
			bad++;
		}
		bad += model_check_each(st, G.he[ks[j]]->name, ids.v, ids.n,
		    check_doc_tx, (void *)&ks[j], report);
		free(ids.v);
	}
	return (bad);
}

const struct model_def model_quotes = {
	.entity = "quotes",
	.validate = hdr_validate,
	.defaults = hdr_defaults,
	.can_delete = hdr_can_delete,
};
const struct model_def model_quote_lines = {
	.entity = "quote_lines",
	.validate = line_validate,
	.defaults = line_defaults,
	.can_delete = line_can_delete,
};
const struct model_def model_sales_orders = {
	.entity = "sales_orders",
	.validate = hdr_validate,
	.defaults = hdr_defaults,
	.can_delete = hdr_can_delete,
	.check = sales_check,
};
const struct model_def model_so_lines = {
	.entity = "so_lines",
	.validate = line_validate,
	.defaults = line_defaults,
	.can_delete = line_can_delete,
};
const struct model_def model_shipments = {
	.entity = "shipments",
	.validate = hdr_validate,
	.defaults = hdr_defaults,
	.can_delete = hdr_can_delete,
};
const struct model_def model_shipment_lines = {
	.entity = "shipment_lines",
	.validate = line_validate,
	.defaults = line_defaults,
	.can_delete = line_can_delete,
};
const struct model_def model_customer_returns = {
	.entity = "customer_returns",
	.validate = hdr_validate,
	.defaults = hdr_defaults,
	.can_delete = hdr_can_delete,
};
const struct model_def model_return_lines = {
	.entity = "return_lines",
	.validate = line_validate,
	.defaults = line_defaults,
	.can_delete = line_can_delete,
};
const struct model_def model_invoices = {
	.entity = "invoices",
	.validate = hdr_validate,
	.defaults = hdr_defaults,
	.can_delete = hdr_can_delete,
};
const struct model_def model_invoice_lines = {
	.entity = "invoice_lines",
	.validate = line_validate,
	.defaults = line_defaults,
	.can_delete = line_can_delete,
};
