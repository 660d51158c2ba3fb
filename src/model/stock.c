/*
 * Stock documents and their posting.
 *
 * A document (receipt, issue, transfer, adjustment, count, reservation,
 * batch) is a header in stock_docs and lines in stock_lines.  It is a
 * draft until posted; posting writes its moves to the ledger
 * (stock_moves) and the on-hand, reserved and value of every product x
 * warehouse it touches (stock) in the one transaction of the caller.  A
 * posted document is never changed again: reversing it posts a reversal
 * that undoes its moves.
 *
 * Every product a posting touches has all its stock rows write-locked
 * first, so two postings of the same product run one after the other and
 * each sees what the other left; the check that available stock stays
 * at or above zero is made on those locked rows, so no unit is issued or
 * reserved twice.  Cost is a moving average, kept per product and
 * warehouse: a receipt adds its value, and what leaves a warehouse takes
 * the value of what is there at its average, so a transfer carries its
 * value along and no warehouse is left with value but no goods; the
 * product's average is its value over all warehouses divided by the
 * quantity.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "model/money.h"
#include "model/pricing.h"
#include "model/stock.h"
#include "xmalloc.h"

/* stock_fresh(): a document saved posted at once. */
static __thread int		fresh_next;	/* the next new header */
static __thread uint64_t	fresh_doc;	/* this one */
static __thread int64_t		fresh_payable = INT64_MIN; /* its payable */

/* Field positions, looked up once. */
static struct {
	const struct entity_def	*doc, *line, *move, *stock, *prod, *wh;
	const struct entity_def	*po, *pol, *so, *sol;
	int	d_type, d_status, d_date, d_wh, d_to, d_bin, d_po, d_against;
	int	d_reverses, d_reason, d_posted, d_posted_by, d_supplier;
	int	d_payable, p_vat;
	int	l_doc, l_line, l_prod, l_qty, l_cost, l_lot, l_expiry, l_bin;
	int	l_type, l_wh, l_to, l_book, l_pol;
	int	m_date, m_kind, m_prod, m_wh, m_qty, m_cost, m_value, m_doc;
	int	m_lot, m_expiry, m_bin, m_user;
	int	s_prod, s_wh, s_onhand, s_reserved, s_onorder, s_value, s_moved;
	int	p_dec, p_lots, p_pprice, p_unit, p_kind;
	int	w_neg;
	int	o_status, o_wh, o_total;
	int	ol_po, ol_line, ol_prod, ol_qty, ol_price, ol_recv;
	int	so_wh, sol_order, sol_prod, sol_reserved;
	const struct entity_def	*mo, *mol;
	int	mo_prod, mo_fg, mo_reserved, mol_prod, mol_wh, mol_reserved;
} F;

static void
fields_init(void)
{
	if (F.doc != NULL)
		return;
#define P(e, n)	dict_field_pos((e), (n))
	F.line = dict_entity("stock_lines");
	F.move = dict_entity("stock_moves");
	F.stock = dict_entity("stock");
	F.prod = dict_entity("products");
	F.wh = dict_entity("warehouses");
	F.po = dict_entity("purchase_orders");
	F.pol = dict_entity("po_lines");
	F.d_type = P(dict_entity("stock_docs"), "type");
	F.d_status = P(dict_entity("stock_docs"), "status");
	F.d_date = P(dict_entity("stock_docs"), "date");
	F.d_wh = P(dict_entity("stock_docs"), "warehouse");
	F.d_to = P(dict_entity("stock_docs"), "to_warehouse");
	F.d_bin = P(dict_entity("stock_docs"), "bin");
	F.d_po = P(dict_entity("stock_docs"), "po");
	F.d_against = P(dict_entity("stock_docs"), "against");
	F.d_reverses = P(dict_entity("stock_docs"), "reverses");
	F.d_reason = P(dict_entity("stock_docs"), "reason");
	F.d_posted = P(dict_entity("stock_docs"), "posted");
	F.d_posted_by = P(dict_entity("stock_docs"), "posted_by");
	F.d_supplier = P(dict_entity("stock_docs"), "supplier");
	F.l_doc = P(F.line, "doc");
	F.l_line = P(F.line, "line");
	F.l_prod = P(F.line, "product");
	F.l_qty = P(F.line, "qty");
	F.l_cost = P(F.line, "unit_cost");
	F.l_lot = P(F.line, "lot");
	F.l_expiry = P(F.line, "expiry");
	F.l_bin = P(F.line, "bin");
	F.l_type = P(F.line, "type");
	F.l_wh = P(F.line, "warehouse");
	F.l_to = P(F.line, "to_warehouse");
	F.l_book = P(F.line, "book_qty");
	F.l_pol = P(F.line, "po_line");
	F.m_date = P(F.move, "date");
	F.m_kind = P(F.move, "kind");
	F.m_prod = P(F.move, "product");
	F.m_wh = P(F.move, "warehouse");
	F.m_qty = P(F.move, "qty");
	F.m_cost = P(F.move, "unit_cost");
	F.m_value = P(F.move, "value");
	F.m_doc = P(F.move, "doc");
	F.m_lot = P(F.move, "lot");
	F.m_expiry = P(F.move, "expiry");
	F.m_bin = P(F.move, "bin");
	F.m_user = P(F.move, "user");
	F.s_prod = P(F.stock, "product");
	F.s_wh = P(F.stock, "warehouse");
	F.s_onhand = P(F.stock, "on_hand");
	F.s_reserved = P(F.stock, "reserved");
	F.s_onorder = P(F.stock, "on_order");
	F.s_value = P(F.stock, "value");
	F.s_moved = P(F.stock, "moved");
	F.p_dec = P(F.prod, "decimals");
	F.p_lots = P(F.prod, "lots");
	F.p_pprice = P(F.prod, "purchase_price");
	F.p_vat = P(F.prod, "vat");
	F.d_payable = P(dict_entity("stock_docs"), "payable");
	F.p_unit = P(F.prod, "unit");
	F.p_kind = P(F.prod, "kind");
	F.w_neg = P(F.wh, "allow_negative");
	F.o_status = P(F.po, "status");
	F.o_wh = P(F.po, "warehouse");
	F.o_total = P(F.po, "total");
	F.ol_po = P(F.pol, "po");
	F.ol_line = P(F.pol, "line");
	F.ol_prod = P(F.pol, "product");
	F.ol_qty = P(F.pol, "qty");
	F.ol_price = P(F.pol, "price");
	F.ol_recv = P(F.pol, "received");
	F.so = dict_entity("sales_orders");
	F.sol = dict_entity("so_lines");
	F.so_wh = P(F.so, "warehouse");
	F.sol_order = P(F.sol, "order");
	F.sol_prod = P(F.sol, "product");
	F.sol_reserved = P(F.sol, "reserved");
	F.mo = dict_entity("production_orders");
	F.mol = dict_entity("mo_lines");
	F.mo_prod = P(F.mo, "product");
	F.mo_fg = P(F.mo, "fg_warehouse");
	F.mo_reserved = P(F.mo, "reserved");
	F.mol_prod = P(F.mol, "product");
	F.mol_wh = P(F.mol, "warehouse");
	F.mol_reserved = P(F.mol, "reserved");
#undef P
	F.doc = dict_entity("stock_docs");
}

/* --- arithmetic ------------------------------------------------------ */

/* a * b / c, rounded half away from zero; c > 0. */
int64_t
stock_muldiv(int64_t a, int64_t b, int64_t c)
{
	__int128	 n = (__int128)a * b;
	int		 neg = n < 0;

	if (neg)
		n = -n;
	n = (n + c / 2) / c;
	if (n > INT64_MAX)
		n = INT64_MAX;	/* far past any real stock: saturate */
	return (neg ? -(int64_t)n : (int64_t)n);
}

/* A quantity in a message: for people, as the interface shows it. */
static const char *
qfmt(int64_t q, char *buf, size_t len)
{
	qty_format_grouped(q, buf, len);
	return (buf);
}

/* --- the posting context -------------------------------------------- */

struct row {
	struct record	*r;
	struct record	*was;		/* r as read, once it is changed */
	int		 dirty;
	int		 fresh;		/* not stored yet */
};

struct pstate {
	uint64_t	 pid;
	struct record	*prod;
	int		 service;	/* not kept in stock: no rows */
	struct row	*rows;
	size_t		 nrows;
	int64_t		 qty;		/* on hand over all warehouses */
	int64_t		 value;
};

struct post {
	struct tx	*x;
	struct record	*doc;
	int64_t		 date;
	int64_t		 now;
	struct pstate	*ps;
	size_t		 nps;
	struct record	**whs;
	size_t		 nwhs;
	int64_t		*errline;
	int64_t		 line;		/* the line being posted */
	char		**cause;
	int		 docpos;	/* without doc: the move's field */
	uint64_t	 docid;		/* naming the document, and its id */
	int64_t		 payable;	/* a receipt's: value and VAT */
};

int
stock_collect_id(struct tx *x, uint64_t id, void *arg)
{
	struct ids	*ids = arg;

	(void)x;
	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof *ids->v);
	ids->v[ids->n++] = id;
	return (0);
}

int
stock_ids(struct tx *x, const struct entity_def *e, const char *field,
    uint64_t key, int rmw, struct ids *ids)
{
	struct value	 v;
	int		 rc;

	memset(ids, 0, sizeof *ids);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)key;
	rc = tx_find_each(x, e, dict_field_pos(e, field), &v, rmw,
	    stock_collect_id, ids);
	if (rc != ST_OK) {
		/* A deadlock half-way: the ids so far are no use. */
		free(ids->v);
		memset(ids, 0, sizeof *ids);
	}
	return (rc);
}

static int
post_fail(struct post *p, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
post_fail(struct post *p, int rc, const char *fmt, ...)
{
	va_list	 ap;

	free(*p->cause);
	va_start(ap, fmt);
	xvasprintf(p->cause, fmt, ap);
	va_end(ap);
	if (p->errline != NULL)
		*p->errline = p->line;
	return (rc);
}

static int
wh_get(struct post *p, uint64_t wid, struct record **out)
{
	size_t	 i;
	int	 rc;

	for (i = 0; i < p->nwhs; i++)
		if (record_id(p->whs[i]) == wid) {
			*out = p->whs[i];
			return (ST_OK);
		}
	if ((rc = tx_get(p->x, F.wh, wid, 0, out)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			return (post_fail(p, ST_INVALID, _("warehouse %llu "
			    "does not exist"), (unsigned long long)wid));
		return (rc);
	}
	p->whs = xreallocarray(p->whs, p->nwhs + 1, sizeof *p->whs);
	p->whs[p->nwhs++] = *out;
	return (ST_OK);
}

/* A warehouse in a refusal: its code, as every message names it (a
 * sales order's file and screen, a moves file: "SKU-1001 at MAIN"). */
static const char *
wh_label(const struct post *p, struct record *w)
{
	(void)p;
	return (record_str(w, FX_CODE));
}

/* The product and all its stock rows, write-locked. */
static int	 ps_new(struct post *, uint64_t, struct ids *);
static int	 ps_row(struct post *, struct pstate *, uint64_t);

static int
ps_get(struct post *p, uint64_t pid, struct pstate **out)
{
	struct ids	 ids;
	size_t		 i;
	int		 rc;

	for (i = 0; i < p->nps; i++)
		if (p->ps[i].pid == pid) {
			*out = &p->ps[i];
			return (ST_OK);
		}
	if ((rc = ps_new(p, pid, &ids)) != ST_OK)
		return (rc);
	*out = &p->ps[p->nps - 1];
	for (i = 0; i < ids.n && rc == ST_OK; i++)
		rc = ps_row(p, *out, ids.v[i]);
	free(ids.v);
	return (rc);
}

/* A product's state, its stock rows not read yet: their ids in *ids
 * (the index read write-locked: a new row may go in). */
static int
ps_new(struct post *p, uint64_t pid, struct ids *ids)
{
	struct pstate	*s;
	int		 rc;

	memset(ids, 0, sizeof *ids);
	p->ps = xreallocarray(p->ps, p->nps + 1, sizeof *p->ps);
	s = &p->ps[p->nps];
	memset(s, 0, sizeof *s);
	s->pid = pid;
	if ((rc = tx_get(p->x, F.prod, pid, 0, &s->prod)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			return (post_fail(p, ST_INVALID, _("product %llu does "
			    "not exist"), (unsigned long long)pid));
		return (rc);
	}
	p->nps++;
	s->service = !stock_product_kept(s->prod);
	s->rows = xcalloc(1, sizeof *s->rows);
	if (s->service)
		return (ST_OK);	/* no stock rows: nothing to lock or add up */
	return (stock_ids(p->x, F.stock, "product", pid, 1, ids));
}

/* A stock row of s read write-locked, into its rows and sums. */
static int
ps_row(struct post *p, struct pstate *s, uint64_t id)
{
	struct row	*w;
	int		 rc;

	s->rows = xreallocarray(s->rows, s->nrows + 2, sizeof *s->rows);
	w = &s->rows[s->nrows];
	memset(w, 0, 2 * sizeof *w);
	rc = tx_get(p->x, F.stock, id, 1, &w->r);
	if (rc == ST_NOTFOUND)
		return (ST_OK);
	if (rc != ST_OK)
		return (rc);
	s->qty += record_int(w->r, F.s_onhand);
	s->value += record_int(w->r, F.s_value);
	s->nrows++;
	return (ST_OK);
}

void
stock_key(uint64_t product, uint64_t wh, char *buf, size_t len)
{
	snprintf(buf, len, "%llu:%llu", (unsigned long long)product,
	    (unsigned long long)wh);
}

int
stock_move_doc(const struct record *m)
{
	static const char *const refs[] = {
		"doc", "shipment", "cust_return", "production"
	};
	size_t	 i;
	int	 pos;

	for (i = 0; i < sizeof refs / sizeof refs[0]; i++)
		if ((pos = dict_field_pos(m->ent, refs[i])) >= 0 &&
		    record_isset(m, pos) && record_int(m, pos) != 0)
			return (pos);
	return (-1);
}

int
stock_product_kept(const struct record *prod)
{
	const char	*kind;

	fields_init();
	kind = record_str(prod, F.p_kind);
	return (kind == NULL || strcmp(kind, "service") != 0);
}

int
stock_kept(struct tx *x, uint64_t pid, int *kept)
{
	struct record	*prod;
	int		 rc;

	fields_init();
	*kept = 1;
	if ((rc = tx_get(x, F.prod, pid, 0, &prod)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	*kept = stock_product_kept(prod);
	record_free(prod);
	return (ST_OK);
}

/* A service in a stock document: refused, naming it. */
static int
refuse_service(struct post *p, struct pstate *s)
{
	return (post_fail(p, ST_INVALID, _("%s is a service: it is not kept "
	    "in stock"), record_str(s->prod, FX_CODE)));
}

static struct row *
row_get(struct pstate *s, uint64_t wid)
{
	struct row	*w;
	char		 key[48];
	size_t		 i;

	for (i = 0; i < s->nrows; i++)
		if ((uint64_t)record_int(s->rows[i].r, F.s_wh) == wid)
			return (&s->rows[i]);
	s->rows = xreallocarray(s->rows, s->nrows + 1, sizeof *s->rows);
	w = &s->rows[s->nrows++];
	memset(w, 0, sizeof *w);
	w->r = record_new(F.stock);
	w->fresh = 1;
	stock_key(s->pid, wid, key, sizeof key);
	record_set_str(w->r, FX_CODE, key);
	record_set_int(w->r, F.s_prod, (int64_t)s->pid);
	record_set_int(w->r, F.s_wh, (int64_t)wid);
	record_set_int(w->r, F.s_onhand, 0);
	record_set_int(w->r, F.s_reserved, 0);
	record_set_int(w->r, F.s_onorder, 0);
	record_set_int(w->r, F.s_value, 0);
	return (w);
}

static void
row_add(struct row *w, int pos, int64_t d)
{
	/* Its copy as read: written at the end from it, not read again. */
	if (!w->dirty && !w->fresh)
		w->was = record_dup(w->r);
	record_set_int(w->r, pos, record_int(w->r, pos) + d);
	w->dirty = 1;
}

static int
refuse_short(struct post *p, struct pstate *s, struct record *w,
    int64_t avail, int64_t want)
{
	char	 a[32], b[32];

	return (post_fail(p, ST_INVALID, _("%s at %s: %s available, %s "
	    "requested"), record_str(s->prod, FX_CODE), wh_label(p, w),
	    qfmt(avail, a, sizeof a), qfmt(want, b, sizeof b)));
}

/* Whether q may leave w: available = on hand - reserved stays >= 0. */
static int
check_avail(struct post *p, struct pstate *s, uint64_t wid, int64_t q)
{
	struct record	*w;
	struct row	*r = row_get(s, wid);
	int64_t		 avail;
	int		 rc;

	if ((rc = wh_get(p, wid, &w)) != ST_OK)
		return (rc);
	if (record_int(w, F.w_neg))
		return (ST_OK);
	avail = record_int(r->r, F.s_onhand) - record_int(r->r, F.s_reserved);
	if (avail < q)
		return (refuse_short(p, s, w, avail < 0 ? 0 : avail, q));
	return (ST_OK);
}

/* The moving average cost of a unit, in kopecks. */
static int64_t
avg_cost(struct pstate *s)
{
	if (s->qty > 0 && s->value >= 0)
		return (stock_muldiv(s->value, 1000, s->qty));
	return (record_int(s->prod, F.p_pprice));
}

struct mv {
	const char		*kind;
	uint64_t		 wid;
	int64_t			 qty;		/* signed */
	int64_t			 cost;		/* unit cost; -1: average */
	int64_t			 value;		/* INT64_MIN: from cost */
	const struct record	*line;		/* lot, expiry, bin */
	const char		*lot;		/* without a line: its lot */
	int64_t			 expiry;	/* and the lot's expiry, or 0 */
	int			 check;		/* refuse going short */
	int64_t			 posted;	/* out: the value moved */
};

struct lot_sum {
	const struct entity_def	*me;
	uint64_t		 pid, wid;
	int64_t			 qty;
};

static int
lot_add(struct tx *x, uint64_t id, void *arg)
{
	struct lot_sum	*ls = arg;
	struct record	*m;
	int		 rc;

	if ((rc = tx_get(x, ls->me, id, 0, &m)) != ST_OK)
		return (rc == ST_NOTFOUND ? 0 : rc);
	if ((uint64_t)record_int(m, F.m_prod) == ls->pid &&
	    (uint64_t)record_int(m, F.m_wh) == ls->wid)
		ls->qty += record_int(m, F.m_qty);
	record_free(m);
	return (0);
}

/* A product kept by lots leaves a warehouse from a lot that is there. */
static int
check_lot(struct post *p, struct pstate *s, const struct mv *m)
{
	const struct value	*lot;
	struct value		 own;
	struct lot_sum		 ls;
	struct record		*w;
	char			 a[32], b[32];
	int			 rc;

	if (m->line != NULL)
		lot = &m->line->v[m->line->ent == F.line ? F.l_lot : F.m_lot];
	else {
		memset(&own, 0, sizeof own);
		own.set = m->lot != NULL;
		own.s = (char *)m->lot;
		lot = &own;
	}
	if (!lot->set)
		return (ST_OK);
	memset(&ls, 0, sizeof ls);
	ls.me = F.move;
	ls.pid = s->pid;
	ls.wid = m->wid;
	if ((rc = tx_find_each(p->x, F.move, F.m_lot, lot, 0, lot_add,
	    &ls)) != ST_OK)
		return (rc);
	if (ls.qty >= -m->qty)
		return (ST_OK);
	if ((rc = wh_get(p, m->wid, &w)) != ST_OK)
		return (rc);
	return (post_fail(p, ST_INVALID, _("%s lot %s at %s: %s available, %s "
	    "requested"), record_str(s->prod, FX_CODE), lot->s, wh_label(p, w),
	    qfmt(ls.qty > 0 ? ls.qty : 0, a, sizeof a),
	    qfmt(-m->qty, b, sizeof b)));
}

/*
 * One move: the ledger record, and on hand and value of the row.  An
 * outgoing move takes stock at the average cost of what is in that
 * warehouse (all its value when it takes the last of it); an incoming one
 * at its own cost, or at the product's average over all warehouses.
 */
static int
move(struct post *p, struct pstate *s, struct mv *m)
{
	struct row	*r;
	struct record	*rec;
	int64_t		 val, cost;
	int		 rc;

	if (m->qty == 0)
		return (ST_OK);
	if (m->qty < 0 && m->check &&
	    (rc = check_avail(p, s, m->wid, -m->qty)) != ST_OK)
		return (rc);
	if (m->qty < 0 && m->check && record_int(s->prod, F.p_lots) &&
	    (rc = check_lot(p, s, m)) != ST_OK)
		return (rc);
	r = row_get(s, m->wid);
	if (m->value != INT64_MIN)
		val = m->value;
	else if (m->qty > 0)
		val = stock_muldiv(m->qty, m->cost >= 0 ? m->cost :
		    avg_cost(s), 1000);
	else if (record_int(r->r, F.s_onhand) == -m->qty)
		val = -record_int(r->r, F.s_value);	/* all that is there */
	else if (record_int(r->r, F.s_onhand) > 0)	/* a unit's cost, in
							 * kopecks, times q */
		val = -stock_muldiv(-m->qty, stock_muldiv(record_int(r->r,
		    F.s_value), 1000, record_int(r->r, F.s_onhand)), 1000);
	else	/* going negative: at the product's average */
		val = -stock_muldiv(-m->qty, avg_cost(s), 1000);
	cost = stock_muldiv(val < 0 ? -val : val, 1000,
	    m->qty < 0 ? -m->qty : m->qty);
	row_add(r, F.s_onhand, m->qty);
	row_add(r, F.s_value, val);
	record_set_int(r->r, F.s_moved, p->now);
	s->qty += m->qty;
	s->value += val;
	m->posted = val;

	rec = record_new(F.move);
	record_set_int(rec, F.m_date, p->date);
	record_set_str(rec, F.m_kind, m->kind);
	record_set_int(rec, F.m_prod, (int64_t)s->pid);
	record_set_int(rec, F.m_wh, (int64_t)m->wid);
	record_set_int(rec, F.m_qty, m->qty);
	record_set_int(rec, F.m_cost, cost);
	record_set_int(rec, F.m_value, val);
	if (p->doc != NULL)
		record_set_int(rec, F.m_doc, (int64_t)record_id(p->doc));
	else if (p->docpos > 0)
		record_set_int(rec, p->docpos, (int64_t)p->docid);
	record_set_str(rec, F.m_user, tx_login(p->x));
	if (m->line != NULL) {
		if (m->line->ent == F.line) {
			record_set_value(rec, F.m_lot, &m->line->v[F.l_lot]);
			record_set_value(rec, F.m_expiry,
			    &m->line->v[F.l_expiry]);
			record_set_value(rec, F.m_bin, &m->line->v[F.l_bin]);
		} else {
			record_set_value(rec, F.m_lot, &m->line->v[F.m_lot]);
			record_set_value(rec, F.m_expiry,
			    &m->line->v[F.m_expiry]);
			record_set_value(rec, F.m_bin, &m->line->v[F.m_bin]);
		}
	} else if (m->lot != NULL) {
		record_set_str(rec, F.m_lot, m->lot);
		if (m->expiry != 0)
			record_set_int(rec, F.m_expiry, m->expiry);
	}
	rc = tx_insert(p->x, rec, p->cause);
	record_free(rec);
	return (rc);
}

/* Reserve (q > 0) or release (q < 0) stock of s in wid. */
static int
reserve(struct post *p, struct pstate *s, uint64_t wid, int64_t q)
{
	struct row	*r;
	int		 rc;

	if (q > 0 && (rc = check_avail(p, s, wid, q)) != ST_OK)
		return (rc);
	r = row_get(s, wid);
	row_add(r, F.s_reserved, q);
	if (record_int(r->r, F.s_reserved) < 0)
		record_set_int(r->r, F.s_reserved, 0);
	return (ST_OK);
}

static int	stock_post_end(struct post *, int);
static int	u64_cmp(const void *, const void *);

int
stock_on_order(struct tx *x, uint64_t pid, uint64_t wid, int64_t q,
    char **cause)
{
	struct post	 p;
	struct pstate	*s;
	struct row	*r;
	int		 rc;

	fields_init();
	memset(&p, 0, sizeof p);
	p.x = x;
	p.cause = cause;
	if ((rc = ps_get(&p, pid, &s)) == ST_OK && !s->service) {
		r = row_get(s, wid);
		row_add(r, F.s_onorder, q);
		if (record_int(r->r, F.s_onorder) < 0)
			record_set_int(r->r, F.s_onorder, 0);
	}
	return (stock_post_end(&p, rc));
}

/* Write the rows a posting changed, and free the context. */
static int
stock_post_end(struct post *p, int rc)
{
	size_t	 i, j;

	for (i = 0; i < p->nps; i++) {
		struct pstate	*s = &p->ps[i];

		for (j = 0; j < s->nrows; j++) {
			struct row	*r = &s->rows[j];

			if (rc == ST_OK && r->dirty) {
				if (r->fresh) {
					rc = tx_insert(p->x, r->r, p->cause);
					/* Another posting made this row
					 * first: run again, seeing it. */
					if (rc == ST_EXISTS)
						rc = ST_DEADLOCK;
				} else
					rc = tx_update_old(p->x, r->r, r->was,
					    record_rev(r->was), p->cause);
			}
			record_free(r->r);
			record_free(r->was);
		}
		free(s->rows);
		record_free(s->prod);
	}
	free(p->ps);
	for (i = 0; i < p->nwhs; i++)
		record_free(p->whs[i]);
	free(p->whs);
	p->ps = NULL;
	p->whs = NULL;
	p->nps = p->nwhs = 0;
	return (rc);
}

/* --- postings of other documents (sales.c) ----------------------------- */

struct stock_posting {
	struct post	 p;
};

struct stock_posting *
stock_posting_new(struct tx *x, int64_t date, const char *docfield,
    uint64_t docid, int64_t *errline, char **cause)
{
	struct stock_posting	*sp;

	fields_init();
	sp = xcalloc(1, sizeof *sp);
	sp->p.x = x;
	sp->p.now = (int64_t)time(NULL);
	sp->p.date = date;
	sp->p.errline = errline;
	sp->p.cause = cause;
	sp->p.docpos = docfield != NULL ? dict_field_pos(F.move, docfield) :
	    0;
	sp->p.docid = docid;
	return (sp);
}

void
stock_posting_line(struct stock_posting *sp, int64_t line)
{
	sp->p.line = line;
}

int
stock_posting_lock(struct stock_posting *sp, const uint64_t *pids, size_t n)
{
	struct pstate	*s;
	uint64_t	*v;
	size_t		 i;
	int		 rc = ST_OK;

	v = xcalloc(n + 1, sizeof *v);
	memcpy(v, pids, n * sizeof *v);
	xqsort(v, n, sizeof *v, u64_cmp);
	for (i = 0; i < n && rc == ST_OK; i++)
		if (i == 0 || v[i] != v[i - 1])
			rc = ps_get(&sp->p, v[i], &s);
	free(v);
	return (rc);
}

int
stock_posting_reserve(struct stock_posting *sp, uint64_t pid, uint64_t wid,
    int64_t q)
{
	struct pstate	*s;
	int		 rc;

	if (q == 0)
		return (ST_OK);
	if ((rc = ps_get(&sp->p, pid, &s)) != ST_OK)
		return (rc);
	if (s->service)
		return (ST_OK);		/* nothing is held of a service */
	return (reserve(&sp->p, s, wid, q));
}

int
stock_posting_kept(struct stock_posting *sp, uint64_t pid, int *kept)
{
	struct pstate	*s;
	int		 rc;

	*kept = 1;
	if ((rc = ps_get(&sp->p, pid, &s)) != ST_OK)
		return (rc);
	*kept = !s->service;
	return (ST_OK);
}

int
stock_posting_move(struct stock_posting *sp, const char *kind, uint64_t pid,
    uint64_t wid, int64_t q, int64_t value, int64_t *posted)
{
	return (stock_posting_move_lot(sp, kind, pid, wid, q, value, NULL, 0,
	    posted));
}

int
stock_posting_move_lot(struct stock_posting *sp, const char *kind,
    uint64_t pid, uint64_t wid, int64_t q, int64_t value, const char *lot,
    int64_t expiry, int64_t *posted)
{
	struct pstate	*s;
	struct mv	 m;
	int		 rc;

	*posted = 0;
	if ((rc = ps_get(&sp->p, pid, &s)) != ST_OK)
		return (rc);
	if (s->service)
		return (ST_OK);		/* a service moves no stock */
	memset(&m, 0, sizeof m);
	m.kind = kind;
	m.wid = wid;
	m.qty = q;
	m.cost = -1;
	m.value = value;
	m.lot = lot;
	m.expiry = lot != NULL ? expiry : 0;
	m.check = q < 0;
	if ((rc = move(&sp->p, s, &m)) == ST_OK)
		*posted = m.posted;
	return (rc);
}

int
stock_posting_available(struct stock_posting *sp, uint64_t pid, uint64_t wid,
    int64_t *avail)
{
	struct pstate	*s;
	struct record	*w;
	struct row	*r;
	int		 rc;

	*avail = 0;
	if ((rc = ps_get(&sp->p, pid, &s)) != ST_OK ||
	    (rc = wh_get(&sp->p, wid, &w)) != ST_OK)
		return (rc);
	if (record_int(w, F.w_neg)) {
		*avail = INT64_MAX;
		return (ST_OK);
	}
	r = row_get(s, wid);
	*avail = record_int(r->r, F.s_onhand) - record_int(r->r,
	    F.s_reserved);
	return (ST_OK);
}

int
stock_posting_cost(struct stock_posting *sp, uint64_t pid, uint64_t wid,
    int64_t *cost)
{
	struct pstate	*s;
	struct row	*r;
	int		 rc;

	*cost = 0;
	if ((rc = ps_get(&sp->p, pid, &s)) != ST_OK)
		return (rc);
	if (wid != 0) {
		r = row_get(s, wid);
		if (record_int(r->r, F.s_onhand) > 0 &&
		    record_int(r->r, F.s_value) >= 0) {
			*cost = stock_muldiv(record_int(r->r, F.s_value), 1000,
			    record_int(r->r, F.s_onhand));
			return (ST_OK);
		}
	}
	*cost = avg_cost(s);
	return (ST_OK);
}

/* "L1" then "L1, L2": the lots a line took, in the order it took them. */
static void
lots_append(char **list, const char *lot)
{
	char	*old = *list;

	if (old == NULL)
		*list = xstrdup(lot);
	else {
		xasprintf(list, "%s, %s", old, lot);
		free(old);
	}
}

int
stock_posting_issue(struct stock_posting *sp, const char *kind,
    uint64_t pid, uint64_t wid, int64_t q, const char *lot, char **taken,
    int64_t *posted)
{
	struct post		*p = &sp->p;
	struct pstate		*s;
	struct stock_lot	*v = NULL;
	struct record		*w;
	struct mv		 m;
	char			 a[32], b[32], *held = NULL, *list = NULL;
	int64_t			 total = 0, left, part, expiry = 0;
	size_t			 i, n = 0;
	int			 rc;

	*taken = NULL;
	*posted = 0;
	if ((rc = ps_get(p, pid, &s)) != ST_OK)
		return (rc);
	if (s->service)
		return (ST_OK);		/* nothing leaves, at no cost */
	if (!record_int(s->prod, F.p_lots) || lot != NULL) {
		/* A named lot takes its expiry along (a product not kept
		 * by lots: whatever the ledger knows of it). */
		if (lot != NULL && (rc = stock_lots(p->x, pid, wid, &v,
		    &n)) != ST_OK)
			return (rc);
		for (i = 0; i < n; i++)
			if (strcmp(v[i].lot, lot) == 0)
				expiry = v[i].expiry;
		stock_lots_free(v, n);
		rc = stock_posting_move_lot(sp, kind, pid, wid, -q, INT64_MIN,
		    lot, expiry, posted);
		if (rc == ST_OK && lot != NULL)
			*taken = xstrdup(lot);
		return (rc);
	}
	/* The line whole first: a product short at the warehouse is short
	 * for the line, not for the part of it the first lot takes. */
	if ((rc = check_avail(p, s, wid, q)) != ST_OK)
		return (rc);
	if ((rc = stock_lots(p->x, pid, wid, &v, &n)) != ST_OK)
		return (rc);
	for (i = 0; i < n; i++) {
		total += v[i].qty;
		xasprintf(&list, "%s %s", v[i].lot, qfmt(v[i].qty, a,
		    sizeof a));
		lots_append(&held, list);
		free(list);
		list = NULL;
	}
	if (total < q) {
		if ((rc = wh_get(p, wid, &w)) == ST_OK) {
			if (held != NULL)
				xasprintf(&list, " (%s)", held);
			rc = post_fail(p, ST_INVALID, _("%s at %s: its lots "
			    "hold %s%s, %s requested"), record_str(s->prod,
			    FX_CODE), wh_label(p, w), qfmt(total, a,
			    sizeof a), list != NULL ? list : "",
			    qfmt(q, b, sizeof b));
			free(list);
		}
		goto out;
	}
	for (i = 0, left = q; i < n && left > 0 && rc == ST_OK; i++) {
		part = v[i].qty < left ? v[i].qty : left;
		memset(&m, 0, sizeof m);
		m.kind = kind;
		m.wid = wid;
		m.qty = -part;
		m.cost = -1;
		m.value = INT64_MIN;
		m.lot = v[i].lot;
		m.expiry = v[i].expiry;
		m.check = 1;
		if ((rc = move(p, s, &m)) != ST_OK)
			break;
		*posted += m.posted;
		lots_append(taken, v[i].lot);
		left -= part;
	}
out:
	if (rc != ST_OK) {
		free(*taken);
		*taken = NULL;
		*posted = 0;
	}
	free(held);
	stock_lots_free(v, n);
	return (rc);
}

/* --- lots ---------------------------------------------------------------- */

struct lots_acc {
	uint64_t		 pid, wid;
	struct stock_lot	*v;
	uint64_t		*from;		/* the move its expiry is of */
	size_t			 n;
};

static int
lots_add(struct tx *x, uint64_t id, void *arg)
{
	struct lots_acc	*a = arg;
	struct record	*m;
	const char	*lot;
	size_t		 i;
	int		 rc;

	if ((rc = tx_get(x, F.move, id, 0, &m)) != ST_OK)
		return (rc == ST_NOTFOUND ? 0 : rc);
	lot = record_str(m, F.m_lot);
	if (lot != NULL && (uint64_t)record_int(m, F.m_prod) == a->pid &&
	    (uint64_t)record_int(m, F.m_wh) == a->wid) {
		for (i = 0; i < a->n; i++)
			if (strcmp(a->v[i].lot, lot) == 0)
				break;
		if (i == a->n) {
			a->v = xreallocarray(a->v, a->n + 1, sizeof *a->v);
			a->from = xreallocarray(a->from, a->n + 1,
			    sizeof *a->from);
			memset(&a->v[i], 0, sizeof a->v[i]);
			a->v[i].lot = xstrdup(lot);
			a->from[i] = 0;
			a->n++;
		}
		a->v[i].qty += record_int(m, F.m_qty);
		/* The newest move that says when the lot expires. */
		if (record_isset(m, F.m_expiry) && id >= a->from[i]) {
			a->v[i].expiry = record_int(m, F.m_expiry);
			a->from[i] = id;
		}
	}
	record_free(m);
	return (0);
}

int
stock_lot_cmp(const void *a, const void *b)
{
	const struct stock_lot	*x = a, *y = b;

	if ((x->expiry == 0) != (y->expiry == 0))
		return (x->expiry == 0 ? 1 : -1);
	if (x->expiry != y->expiry)
		return (x->expiry < y->expiry ? -1 : 1);
	return (strcmp(x->lot, y->lot));
}

int
stock_lots(struct tx *x, uint64_t pid, uint64_t wid, struct stock_lot **out,
    size_t *nout)
{
	struct lots_acc	 a;
	struct value	 key;
	size_t		 i, n = 0;
	int		 rc;

	fields_init();
	*out = NULL;
	*nout = 0;
	memset(&a, 0, sizeof a);
	a.pid = pid;
	a.wid = wid;
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = (int64_t)pid;
	rc = tx_find_each(x, F.move, F.m_prod, &key, 0, lots_add, &a);
	free(a.from);
	if (rc != ST_OK) {
		stock_lots_free(a.v, a.n);
		return (rc);
	}
	/* What is left of each, first to expire first. */
	for (i = 0; i < a.n; i++) {
		if (a.v[i].qty > 0)
			a.v[n++] = a.v[i];
		else
			free(a.v[i].lot);
	}
	if (n > 0)
		xqsort(a.v, n, sizeof *a.v, stock_lot_cmp);
	else {
		free(a.v);
		a.v = NULL;
	}
	*out = a.v;
	*nout = n;
	return (ST_OK);
}

void
stock_lots_free(struct stock_lot *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i].lot);
	free(v);
}

int
stock_posting_end(struct stock_posting *sp, int rc)
{
	rc = stock_post_end(&sp->p, rc);
	free(sp);
	return (rc);
}

int
stock_level(struct tx *x, uint64_t pid, uint64_t wid, int64_t *on_hand,
    int64_t *reserved)
{
	const struct entity_def	*se = dict_entity("stock");
	struct record		*r;
	struct value		 key;
	uint64_t		 id;
	char			 k[48];
	int			 rc;

	fields_init();
	*on_hand = *reserved = 0;
	stock_key(pid, wid, k, sizeof k);
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.s = k;
	if ((rc = tx_find(x, se, FX_CODE, &key, &id)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	if ((rc = tx_get(x, se, id, 0, &r)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	*on_hand = record_int(r, F.s_onhand);
	*reserved = record_int(r, F.s_reserved);
	record_free(r);
	return (ST_OK);
}

/* --- documents -------------------------------------------------------- */

static const struct {
	const char	*type;
	const char	*prefix;
} doc_prefixes[] = {
	{ "receipt", "RCP" }, { "issue", "ISS" }, { "transfer", "TRF" },
	{ "adjustment", "ADJ" }, { "count", "CNT" }, { "reservation", "RSV" },
	{ "reversal", "REV" }, { "batch", "BAT" }, { "po", "PO" },
	{ "quote", "QT" }, { "sales_order", "SO" }, { "shipment", "SHP" },
	{ "customer_return", "RET" }, { "invoice", "INV" },
	{ "payment", "PAY" }, { "production_order", "MO" },
};

/* The entity a numbering type's documents are kept in. */
static const char *
number_entity(const char *type)
{
	static const struct {
		const char	*type, *entity;
	} t[] = {
		{ "po", "purchase_orders" }, { "quote", "quotes" },
		{ "sales_order", "sales_orders" }, { "shipment", "shipments" },
		{ "customer_return", "customer_returns" },
		{ "invoice", "invoices" }, { "payment", "payments" },
		{ "production_order", "production_orders" },
	};
	size_t	 i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(t[i].type, type) == 0)
			return (t[i].entity);
	return ("stock_docs");
}

int64_t
stock_today(void)
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	localtime_r(&t, &tm);
	return ((int64_t)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday);
}

/* The next number of a type in a year: RCP-2026-000001, gapless. */
int
stock_number(struct tx *x, const char *type, int64_t date, char **code)
{
	const struct entity_def	*e;
	const char	*prefix = "DOC";
	char		 series[48];
	struct value	 v;
	uint64_t	 n, id;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof doc_prefixes / sizeof doc_prefixes[0]; i++)
		if (strcmp(doc_prefixes[i].type, type) == 0)
			prefix = doc_prefixes[i].prefix;
	snprintf(series, sizeof series, "series:%s:%lld", prefix,
	    (long long)(date / 10000));
	e = dict_entity(number_entity(type));
	memset(&v, 0, sizeof v);
	v.set = 1;
	/* A number someone typed by hand is taken: the series goes past
	 * it instead of refusing every document after it. */
	for (;;) {
		if ((rc = tx_counter(x, series, &n)) != ST_OK)
			return (rc);
		xasprintf(code, "%s-%lld-%06llu", prefix,
		    (long long)(date / 10000), (unsigned long long)n);
		v.s = *code;
		if ((rc = tx_find(x, e, FX_CODE, &v, &id)) == ST_NOTFOUND)
			return (ST_OK);
		free(*code);
		*code = NULL;
		if (rc != ST_OK)
			return (rc);
	}
}

static int
line_cmp(const void *a, const void *b)
{
	const struct record	*x = *(struct record *const *)a;
	const struct record	*y = *(struct record *const *)b;
	int64_t			 lx = record_int(x, F.l_line);
	int64_t			 ly = record_int(y, F.l_line);

	if (lx != ly)
		return (lx < ly ? -1 : 1);
	return (record_id(x) < record_id(y) ? -1 : record_id(x) > record_id(y));
}

/* A document's lines, in line order. */
int
stock_lines_of(struct tx *x, const struct entity_def *le, uint64_t doc,
    struct record ***out, size_t *n)
{
	struct ids	 ids;
	size_t		 i;
	int		 rc;

	fields_init();
	*out = NULL;
	*n = 0;
	rc = stock_ids(x, le, le == F.line ? "doc" : "po", doc, 0, &ids);
	if (rc != ST_OK)
		return (rc);
	*out = xcalloc(ids.n + 1, sizeof **out);
	for (i = 0; i < ids.n; i++) {
		rc = tx_get(x, le, ids.v[i], 0, &(*out)[*n]);
		if (rc == ST_NOTFOUND)
			continue;
		if (rc != ST_OK)
			break;
		(*n)++;
	}
	free(ids.v);
	if (rc != ST_OK && rc != ST_NOTFOUND) {
		stock_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return (rc);
	}
	if (le == F.line)
		xqsort(*out, *n, sizeof **out, line_cmp);
	return (ST_OK);
}

void
stock_rows_free(struct record **r, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		record_free(r[i]);
	free(r);
}

/* The quantity's sign and precision for a line of this type. */
static int
line_qty_ok(struct post *p, struct pstate *s, const char *type, int64_t q)
{
	char	 buf[32], *why = NULL;
	int	 rc;

	if (strcmp(type, "count") == 0 ? q < 0 :
	    strcmp(type, "adjustment") == 0 ? q == 0 : q <= 0)
		return (post_fail(p, ST_INVALID, _("%s: quantity %s: %s"),
		    record_str(s->prod, FX_CODE), qfmt(q, buf, sizeof buf),
		    strcmp(type, "count") == 0 ? _("a count is 0 or more") :
		    strcmp(type, "adjustment") == 0 ?
		    _("an adjustment is not 0") : _("more than 0 expected")));
	if ((rc = catalog_qty_fits(s->prod, q, &why)) != ST_OK) {
		rc = post_fail(p, rc, "%s", why);
		free(why);
	}
	return (rc);
}

static uint64_t
line_wh(const struct record *doc, const struct record *l, int lpos, int dpos)
{
	if (record_isset(l, lpos))
		return ((uint64_t)record_int(l, lpos));
	return ((uint64_t)record_int(doc, dpos));
}

static int
need_wh(struct post *p, uint64_t wid, const char *what)
{
	if (wid == 0)
		return (post_fail(p, ST_INVALID, _("column '%s': a value is "
		    "required"), what));
	return (ST_OK);
}

/* Whether goods may still come against an order in this status (and
 * what has not come is on order). */
static int
po_open(const char *status)
{
	return (status != NULL && (strcmp(status, "sent") == 0 ||
	    strcmp(status, "partial") == 0 || strcmp(status, "received") == 0));
}

/* The warehouse of a purchase order that is open, else 0 (with a
 * refusal naming it in *cause when refuse is set). */
static int
po_open_wh(struct post *p, uint64_t po, int refuse, uint64_t *wh)
{
	struct record	*o;
	const char	*st;
	int		 rc;

	*wh = 0;
	if ((rc = tx_get(p->x, F.po, po, 1, &o)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			return (post_fail(p, ST_INVALID, _("column 'po': "
			    "purchase order %llu does not exist"),
			    (unsigned long long)po));
		return (rc);
	}
	st = record_str(o, F.o_status);
	if (po_open(st))
		*wh = (uint64_t)record_int(o, F.o_wh);
	else if (refuse)
		rc = post_fail(p, ST_INVALID, _("%s is %s: goods are received "
		    "against a sent order"), record_str(o, FX_CODE),
		    dict_enum_word(st != NULL ? st : "draft"));
	record_free(o);
	return (rc);
}

const char	 stock_over_receipt[] = N_("over-receipt: %s: %s received "
    "against %s ordered; confirm to receive more");

/*
 * Receipt against a purchase order: the line's balance, and on order at
 * the order's warehouse (where sending put it, whichever warehouse the
 * goods come to).  Only a sent order is received against.  The order
 * line is recorded on the receipt's line, so a reversal gives it back.
 */
static int
receive_po(struct post *p, struct record *l, uint64_t pid, int64_t q,
    unsigned flags, struct pstate *s)
{
	uint64_t	 po = (uint64_t)record_int(p->doc, F.d_po);
	uint64_t	 plid = (uint64_t)record_int(l, F.l_pol);
	uint64_t	 wid;
	struct record	**pl = NULL, *o;
	size_t		 n = 0, i;
	int64_t		 ordered, got, before, after;
	char		 a[32], b[32];
	int		 rc;

	if (po == 0)
		return (ST_OK);
	if ((rc = po_open_wh(p, po, 1, &wid)) != ST_OK)
		return (rc);
	if (plid == 0) {
		/* The first line of the order for this product with
		 * something still to come, else its last line. */
		if ((rc = stock_lines_of(p->x, F.pol, po, &pl, &n)) != ST_OK)
			return (rc);
		for (i = 0; i < n; i++) {
			if ((uint64_t)record_int(pl[i], F.ol_prod) != pid)
				continue;
			plid = record_id(pl[i]);
			if (record_int(pl[i], F.ol_recv) <
			    record_int(pl[i], F.ol_qty))
				break;
		}
		stock_rows_free(pl, n);
		if (plid == 0)
			return (post_fail(p, ST_INVALID, _("%s is not on the "
			    "purchase order"), record_str(s->prod, FX_CODE)));
		record_set_int(l, F.l_pol, (int64_t)plid);
		if ((rc = tx_update(p->x, l, record_rev(l), p->cause)) !=
		    ST_OK)
			return (rc);
	}
	if ((rc = tx_get(p->x, F.pol, plid, 1, &o)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			return (post_fail(p, ST_INVALID, _("column 'po_line': "
			    "no such purchase order line")));
		return (rc);
	}
	if ((uint64_t)record_int(o, F.ol_po) != po ||
	    (uint64_t)record_int(o, F.ol_prod) != pid) {
		rc = post_fail(p, ST_INVALID, _("column 'po_line': %s is not a "
		    "line of this purchase order for %s"),
		    record_str(o, FX_CODE), record_str(s->prod, FX_CODE));
		record_free(o);
		return (rc);
	}
	ordered = record_int(o, F.ol_qty);
	got = record_int(o, F.ol_recv);
	before = ordered - got > 0 ? ordered - got : 0;
	after = ordered - got - q > 0 ? ordered - got - q : 0;
	if (q > 0 && got + q > ordered && !(flags & POST_OVER)) {
		record_free(o);
		return (post_fail(p, ST_INVALID, _(stock_over_receipt),
		    record_str(s->prod, FX_CODE), qfmt(got + q, a, sizeof a),
		    qfmt(ordered, b, sizeof b)));
	}
	record_set_int(o, F.ol_recv, got + q);
	rc = tx_update(p->x, o, record_rev(o), p->cause);
	record_free(o);
	if (rc != ST_OK || s->service)	/* a service is never on order */
		return (rc);
	row_add(row_get(s, wid), F.s_onorder, after - before);
	if (record_int(row_get(s, wid)->r, F.s_onorder) < 0)
		record_set_int(row_get(s, wid)->r, F.s_onorder, 0);
	return (ST_OK);
}

/* A purchase order's status from its lines' balances. */
int
stock_po_status(struct tx *x, uint64_t po, char **cause)
{
	struct record	**pl, *o;
	size_t		 n, i, full = 0, some = 0;
	const char	*st, *now;
	int		 rc;

	fields_init();
	if ((rc = tx_get(x, F.po, po, 1, &o)) != ST_OK)
		return (rc);
	now = record_str(o, F.o_status);
	if (now == NULL || strcmp(now, "closed") == 0 ||
	    strcmp(now, "cancelled") == 0 || strcmp(now, "draft") == 0) {
		record_free(o);
		return (ST_OK);
	}
	if ((rc = stock_lines_of(x, F.pol, po, &pl, &n)) != ST_OK) {
		record_free(o);
		return (rc);
	}
	for (i = 0; i < n; i++) {
		if (record_int(pl[i], F.ol_recv) >= record_int(pl[i], F.ol_qty))
			full++;
		if (record_int(pl[i], F.ol_recv) > 0)
			some++;
	}
	stock_rows_free(pl, n);
	st = n > 0 && full == n ? "received" : some > 0 ? "partial" : "sent";
	if (strcmp(st, now) != 0) {
		record_set_str(o, F.o_status, st);
		rc = tx_update(x, o, record_rev(o), cause);
	}
	record_free(o);
	return (rc);
}

/* Release what a posted reservation holds; it is closed (issued) or
 * reversed. */
static int
release(struct post *p, uint64_t rsv, const char *status)
{
	struct record	**ls, *r;
	struct pstate	*s;
	size_t		 n, i;
	int		 rc;

	if ((rc = tx_get(p->x, F.doc, rsv, 1, &r)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			return (post_fail(p, ST_INVALID, _("column 'against': "
			    "no such reservation")));
		return (rc);
	}
	if (strcmp(record_str(r, F.d_type), "reservation") != 0 ||
	    strcmp(record_str(r, F.d_status), "posted") != 0) {
		rc = post_fail(p, ST_INVALID, _("%s is not a reservation in "
		    "force (%s %s)"), record_str(r, FX_CODE),
		    dict_enum_word(record_str(r, F.d_type)),
		    dict_enum_word(record_str(r, F.d_status)));
		record_free(r);
		return (rc);
	}
	if ((rc = stock_lines_of(p->x, F.line, rsv, &ls, &n)) != ST_OK) {
		record_free(r);
		return (rc);
	}
	for (i = 0; i < n && rc == ST_OK; i++) {
		if ((rc = ps_get(p, (uint64_t)record_int(ls[i], F.l_prod),
		    &s)) != ST_OK)
			break;
		if (s->service)
			continue;
		rc = reserve(p, s, line_wh(r, ls[i], F.l_wh, F.d_wh),
		    -record_int(ls[i], F.l_qty));
	}
	stock_rows_free(ls, n);
	if (rc == ST_OK) {
		record_set_str(r, F.d_status, status);
		rc = tx_update(p->x, r, record_rev(r), p->cause);
	}
	record_free(r);
	return (rc);
}

/* A receipt line's unit cost: its own, or the product's purchase price. */
static int64_t
receipt_cost(const struct record *l, int64_t purchase_price)
{
	return (record_isset(l, F.l_cost) ? record_int(l, F.l_cost) :
	    purchase_price);
}

/* The supplier is owed a receipt line's value and its VAT (the product's
 * rate), per line. */
static int64_t
receipt_owed(const char *vat, int64_t value)
{
	return (value + pricing_vat_of_net(value, vat != NULL ? atoi(vat) :
	    0));
}

/* Post one line of a document of the given type. */
static int
post_line(struct post *p, const char *type, struct record *l, unsigned flags)
{
	struct pstate	*s;
	struct mv	 m;
	uint64_t	 pid = (uint64_t)record_int(l, F.l_prod);
	uint64_t	 w = line_wh(p->doc, l, F.l_wh, F.d_wh);
	uint64_t	 to = line_wh(p->doc, l, F.l_to, F.d_to);
	int64_t		 q = record_int(l, F.l_qty), cost;
	struct record	*wr;
	int		 rc;

	if ((rc = ps_get(p, pid, &s)) != ST_OK)
		return (rc);
	/* A service is bought on a receipt (owed for, never stocked); no
	 * other stock document takes one. */
	if (s->service && (strcmp(type, "receipt") != 0 ||
	    strcmp(record_str(p->doc, F.d_type), "receipt") != 0))
		return (refuse_service(p, s));
	if ((rc = line_qty_ok(p, s, type, q)) != ST_OK)
		return (rc);
	if ((rc = need_wh(p, w, "warehouse")) != ST_OK)
		return (rc);
	if ((rc = wh_get(p, w, &wr)) != ST_OK)
		return (rc);
	memset(&m, 0, sizeof m);
	m.line = l;
	m.wid = w;
	m.value = INT64_MIN;
	m.cost = -1;
	m.check = 1;
	if (!s->service && record_int(s->prod, F.p_lots) &&
	    !record_isset(l, F.l_lot) &&
	    strcmp(type, "reservation") != 0 && strcmp(type, "count") != 0)
		return (post_fail(p, ST_INVALID, _("%s is kept by lots: column "
		    "'lot': a value is required"), record_str(s->prod,
		    FX_CODE)));
	if (strcmp(type, "receipt") == 0) {
		m.kind = "receipt";
		m.qty = q;
		cost = receipt_cost(l, record_int(s->prod, F.p_pprice));
		if (cost < 0)
			return (post_fail(p, ST_INVALID, _("column "
			    "'unit_cost': not negative expected")));
		m.cost = cost;
		if ((rc = receive_po(p, l, pid, q, flags, s)) != ST_OK)
			return (rc);
		if (s->service)		/* owed for, but no move */
			m.posted = stock_muldiv(q, cost, 1000);
		else if ((rc = move(p, s, &m)) != ST_OK)
			return (rc);
		p->payable += receipt_owed(record_str(s->prod, F.p_vat),
		    m.posted);
		return (ST_OK);
	}
	if (strcmp(type, "issue") == 0) {
		m.kind = "issue";
		m.qty = -q;
		return (move(p, s, &m));
	}
	if (strcmp(type, "transfer") == 0) {
		if ((rc = need_wh(p, to, "to_warehouse")) != ST_OK ||
		    (rc = wh_get(p, to, &wr)) != ST_OK)
			return (rc);
		if (to == w)
			return (post_fail(p, ST_INVALID, _("column "
			    "'to_warehouse': the same as the warehouse")));
		/* The goods in transit arrive (post_arrival) where the
		 * document says: a line may not send them elsewhere. */
		if (strcmp(record_str(p->doc, F.d_type), "transfer") == 0 &&
		    to != (uint64_t)record_int(p->doc, F.d_to))
			return (post_fail(p, ST_INVALID, _("column "
			    "'to_warehouse': a transfer arrives at its "
			    "document's to_warehouse (a batch sends lines to "
			    "different warehouses)")));
		m.kind = "transfer_out";
		m.qty = -q;
		if ((rc = move(p, s, &m)) != ST_OK)
			return (rc);
		if (strcmp(record_str(p->doc, F.d_type), "transfer") == 0)
			return (ST_OK);		/* in transit */
		/* In a batch the goods arrive at once, at the value that
		 * left. */
		m.kind = "transfer_in";
		m.wid = to;
		m.qty = q;
		m.value = -m.posted;
		return (move(p, s, &m));
	}
	if (strcmp(type, "adjustment") == 0) {
		m.kind = "adjustment";
		m.qty = q;
		if (record_isset(l, F.l_cost))
			m.cost = record_int(l, F.l_cost);
		return (move(p, s, &m));
	}
	if (strcmp(type, "reservation") == 0)
		return (reserve(p, s, w, q));
	return (post_fail(p, ST_INVALID, _("column 'type': %s lines cannot be "
	    "posted"), type));
}

/* A count: the counted quantity of each product (repeated lines add up)
 * against what is on hand; the differences are the moves. */
static int
post_count(struct post *p, struct record **ls, size_t n)
{
	struct pstate	*s;
	struct mv	 m;
	uint64_t	 w = (uint64_t)record_int(p->doc, F.d_wh);
	int64_t		 counted, book;
	size_t		 i, j;
	int		 rc;

	if ((rc = need_wh(p, w, "warehouse")) != ST_OK)
		return (rc);
	for (i = 0; i < n; i++) {
		p->line = record_int(ls[i], F.l_line);
		if ((rc = ps_get(p, (uint64_t)record_int(ls[i], F.l_prod),
		    &s)) != ST_OK)
			return (rc);
		if (s->service)
			return (refuse_service(p, s));
		if ((rc = line_qty_ok(p, s, "count",
		    record_int(ls[i], F.l_qty))) != ST_OK)
			return (rc);
		for (j = 0; j < i; j++)
			if (record_int(ls[j], F.l_prod) ==
			    record_int(ls[i], F.l_prod))
				break;
		if (j < i)
			continue;	/* counted with the first */
		counted = 0;
		for (j = i; j < n; j++)
			if (record_int(ls[j], F.l_prod) ==
			    record_int(ls[i], F.l_prod))
				counted += record_int(ls[j], F.l_qty);
		book = record_int(row_get(s, w)->r, F.s_onhand);
		record_set_int(ls[i], F.l_book, book);
		if ((rc = tx_update(p->x, ls[i], record_rev(ls[i]),
		    p->cause)) != ST_OK)
			return (rc);
		memset(&m, 0, sizeof m);
		m.kind = "count";
		m.wid = w;
		m.qty = counted - book;
		m.cost = -1;
		m.value = INT64_MIN;
		m.line = ls[i];
		m.check = 0;	/* what is there is there */
		if ((rc = move(p, s, &m)) != ST_OK)
			return (rc);
	}
	return (ST_OK);
}

/* A transfer in transit arrives: the moves out, in again at the other
 * end at the same value. */
static int
post_arrival(struct post *p)
{
	struct ids	 ids;
	struct record	*mv;
	struct pstate	*s;
	struct mv	 m;
	uint64_t	 to = (uint64_t)record_int(p->doc, F.d_to);
	size_t		 i;
	int		 rc;

	if ((rc = stock_ids(p->x, F.move, "doc", record_id(p->doc), 0,
	    &ids)) != ST_OK)
		return (rc);
	for (i = 0; i < ids.n && rc == ST_OK; i++) {
		if ((rc = tx_get(p->x, F.move, ids.v[i], 0, &mv)) != ST_OK)
			break;
		if (strcmp(record_str(mv, F.m_kind), "transfer_out") == 0 &&
		    (rc = ps_get(p, (uint64_t)record_int(mv, F.m_prod),
		    &s)) == ST_OK) {
			memset(&m, 0, sizeof m);
			m.kind = "transfer_in";
			m.wid = to;
			m.qty = -record_int(mv, F.m_qty);
			m.value = -record_int(mv, F.m_value);
			m.line = mv;
			rc = move(p, s, &m);
		}
		record_free(mv);
	}
	free(ids.v);
	return (rc);
}

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t	 x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/*
 * Lock the products' stock rows in one order, so two postings of the
 * same products wait for each other instead of deadlocking: first the
 * index entries of every product, smallest product first, then the rows
 * themselves, smallest id first (their pages in the same order for all;
 * a product's rows are not in id order with the products').
 */
struct rowref {
	uint64_t	 id;
	size_t		 ps;		/* in p->ps */
};

static int
rowref_cmp(const void *a, const void *b)
{
	const struct rowref	*x = a, *y = b;

	return (x->id < y->id ? -1 : x->id > y->id);
}

static int
preload(struct post *p, struct record **ls, size_t n)
{
	struct rowref	*rr = NULL;
	struct ids	 ids;
	uint64_t	*pids;
	size_t		 i, j, nrr = 0;
	int		 rc = ST_OK;

	pids = xcalloc(n + 1, sizeof *pids);
	for (i = 0; i < n; i++)
		pids[i] = (uint64_t)record_int(ls[i], F.l_prod);
	xqsort(pids, n, sizeof *pids, u64_cmp);
	for (i = 0; i < n && rc == ST_OK; i++) {
		if (i > 0 && pids[i] == pids[i - 1])
			continue;
		for (j = 0; j < p->nps; j++)
			if (p->ps[j].pid == pids[i])
				break;
		if (j < p->nps)
			continue;
		if ((rc = ps_new(p, pids[i], &ids)) != ST_OK)
			break;
		rr = xreallocarray(rr, nrr + ids.n + 1, sizeof *rr);
		for (j = 0; j < ids.n; j++) {
			rr[nrr].id = ids.v[j];
			rr[nrr++].ps = p->nps - 1;
		}
		free(ids.v);
	}
	free(pids);
	if (rc == ST_OK && nrr > 0)
		xqsort(rr, nrr, sizeof *rr, rowref_cmp);
	for (i = 0; i < nrr && rc == ST_OK; i++)
		rc = ps_row(p, &p->ps[rr[i].ps], rr[i].id);
	free(rr);
	return (rc);
}

static int
set_posted(struct post *p, const char *status)
{
	record_set_str(p->doc, F.d_status, status);
	/* A document saved posted has them from its save: nothing changed,
	 * tx_update writes nothing (a receipt's payable does change). */
	if (record_id(p->doc) != fresh_doc || !record_isset(p->doc,
	    F.d_posted)) {
		record_set_int(p->doc, F.d_posted, p->now);
		record_set_str(p->doc, F.d_posted_by, tx_login(p->x));
	}
	return (tx_update(p->x, p->doc, record_rev(p->doc), p->cause));
}

static void
post_init(struct post *p, struct tx *x, int64_t *errline, char **cause)
{
	fields_init();
	memset(p, 0, sizeof *p);
	p->x = x;
	p->now = (int64_t)time(NULL);
	p->errline = errline;
	p->cause = cause;
	if (errline != NULL)
		*errline = 0;
}

/*
 * A new document saved and posted in one request (doc_save) is written
 * once, posted: its header goes in with status posted (stock_fresh()
 * before its save), its lines into a document the transaction itself
 * made (draft_only lets them), and the posting takes the lines as they
 * were saved instead of reading them back.  Before, the header went in
 * as a draft and was written again, all eleven of its indexes run
 * twice (the status key out of "draft" and into "posted"), with a
 * second audit entry: at 32 clients posting 1-3 lines, that rewrite was
 * about an eighth of the server's CPU per document.  Per thread: a
 * transaction runs on one thread, and doc_save clears it on every way
 * out.
 */
void
stock_fresh(int on)
{
	fresh_next = on;
	fresh_doc = 0;
	if (!on)
		fresh_payable = INT64_MIN;
}

void
stock_fresh_doc(uint64_t id)
{
	fresh_next = 0;
	fresh_doc = id;
}

/*
 * Before a new document saved posted (stock_fresh) is written: the
 * products its lines name by code are found (the line names the id from
 * then on, as its validation would have made it) and read, so that the
 * transaction has them when the lines' audit entries name them and the
 * posting locks them; and a receipt's payable is summed as its posting
 * sums it (a line's value at its own cost, and the VAT), for the
 * header's save to hold (stock_fresh() comes next, then the save).
 * Before, the posting set the payable and wrote the header a second
 * time, with a second audit entry ("update" of the payable after its
 * "create"), for every receipt (issue 16).  Whatever is wrong here (no
 * such product, a cost below zero) is left to the validation and the
 * posting, which refuse it as before; should the posting sum another
 * payable, it writes the header again, as before.
 */
int
stock_fresh_lines(struct tx *x, const struct record *hdr, struct record **ls,
    size_t n)
{
	struct value	*v, pp, vat;
	uint64_t	 pid;
	int64_t		 payable = 0, cost;
	size_t		 i;
	int		 rc, receipt;

	fields_init();
	receipt = record_str(hdr, F.d_type) != NULL &&
	    strcmp(record_str(hdr, F.d_type), "receipt") == 0;
	for (i = 0; i < n; i++) {
		v = &ls[i]->v[F.l_prod];
		if (v->set && v->s != NULL) {
			rc = tx_find_code(x, F.prod, v->s, &pid);
			if (rc == ST_NOTFOUND) {
				receipt = 0;
				continue;
			}
			if (rc != ST_OK)
				return (rc);
			record_set_int(ls[i], F.l_prod, (int64_t)pid);
		} else if (!v->set) {
			receipt = 0;
			continue;
		}
		pid = (uint64_t)record_int(ls[i], F.l_prod);
		if (!receipt) {
			/* Read, for the posting and the audit to find. */
			if ((rc = tx_exists(x, F.prod, pid)) != ST_OK &&
			    rc != ST_NOTFOUND)
				return (rc);
			continue;
		}
		memset(&pp, 0, sizeof pp);
		if (!record_isset(ls[i], F.l_cost) &&
		    (rc = tx_field(x, F.prod, pid, F.p_pprice, &pp)) != ST_OK) {
			if (rc != ST_NOTFOUND)
				return (rc);
			receipt = 0;
			continue;
		}
		if ((rc = tx_field(x, F.prod, pid, F.p_vat, &vat)) != ST_OK) {
			value_free(&pp);
			if (rc != ST_NOTFOUND)
				return (rc);
			receipt = 0;
			continue;
		}
		if ((cost = receipt_cost(ls[i], pp.set && pp.s == NULL ?
		    pp.i : 0)) < 0)
			receipt = 0;
		else
			payable += receipt_owed(vat.s, stock_muldiv(
			    record_int(ls[i], F.l_qty), cost, 1000));
		value_free(&pp);
		value_free(&vat);
	}
	/* Set on the header by its validation (stock_docs_validate), which
	 * clears what a client sent for it. */
	fresh_payable = receipt && n > 0 ? payable : INT64_MIN;
	return (ST_OK);
}

static int
stock_post_in(struct tx *x, uint64_t id, struct record **given,
    size_t ngiven, unsigned flags, int64_t *errline, char **cause)
{
	struct post	 p;
	struct record	**ls = NULL;
	const char	*type, *status, *lt;
	size_t		 n = 0, i;
	int		 rc;

	post_init(&p, x, errline, cause);
	if ((rc = tx_get(x, F.doc, id, 1, &p.doc)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("stock document %llu does not "
			    "exist"),
			    (unsigned long long)id);
		return (rc);
	}
	type = record_str(p.doc, F.d_type);
	status = record_str(p.doc, F.d_status);
	/* Saved posted by this transaction: a draft until it is done. */
	if (id == fresh_doc && given != NULL)
		status = "draft";
	p.date = record_int(p.doc, F.d_date);
	if (strcmp(status, "in_transit") == 0) {
		if ((rc = post_arrival(&p)) == ST_OK)
			rc = set_posted(&p, "posted");
		goto out;
	}
	if (strcmp(status, "draft") != 0) {
		rc = post_fail(&p, ST_INVALID, _("%s is %s already; a posted "
		    "document is corrected by reversing it"),
		    record_str(p.doc, FX_CODE), dict_enum_word(status));
		goto out;
	}
	if (given != NULL) {
		ls = given;
		n = ngiven;
	} else if ((rc = stock_lines_of(x, F.line, id, &ls, &n)) != ST_OK)
		goto out;
	if (n == 0) {
		rc = post_fail(&p, ST_INVALID, _("%s has no lines"),
		    record_str(p.doc, FX_CODE));
		goto out;
	}
	if ((rc = preload(&p, ls, n)) != ST_OK)
		goto out;
	if (strcmp(type, "adjustment") == 0 &&
	    !record_isset(p.doc, F.d_reason)) {
		rc = post_fail(&p, ST_INVALID, _("column 'reason': an "
		    "adjustment needs a reason"));
		goto out;
	}
	if (strcmp(type, "issue") == 0 && record_isset(p.doc, F.d_against) &&
	    (rc = release(&p, (uint64_t)record_int(p.doc, F.d_against),
	    "closed")) != ST_OK)
		goto out;
	if (strcmp(type, "count") == 0)
		rc = post_count(&p, ls, n);
	else {
		for (i = 0; i < n && rc == ST_OK; i++) {
			p.line = record_int(ls[i], F.l_line);
			lt = type;
			if (strcmp(type, "batch") == 0) {
				if ((lt = record_str(ls[i], F.l_type)) == NULL) {
					rc = post_fail(&p, ST_INVALID,
					    _("column 'type': a value is "
					    "required (receipt, issue or "
					    "transfer)"));
					break;
				}
			}
			rc = post_line(&p, lt, ls[i], flags);
		}
	}
	p.line = 0;
	if (rc == ST_OK && record_isset(p.doc, F.d_po))
		rc = stock_po_status(x, (uint64_t)record_int(p.doc, F.d_po),
		    cause);
	if (rc == ST_OK && strcmp(type, "receipt") == 0) {
		record_set_str(p.doc, F.d_status, "posted");
		rc = money_receipt_posted(x, p.doc, p.payable, cause);
	}
	if (rc == ST_OK)
		rc = set_posted(&p, strcmp(type, "transfer") == 0 ?
		    "in_transit" : "posted");
out:
	rc = stock_post_end(&p, rc);
	if (ls != given)
		stock_rows_free(ls, n);
	record_free(p.doc);
	return (rc);
}

int
stock_post(struct tx *x, uint64_t id, unsigned flags, int64_t *errline,
    char **cause)
{
	return (stock_post_in(x, id, NULL, 0, flags, errline, cause));
}

/* The document doc_save has just saved, header and lines, posted from
 * the lines in memory (sorted by line number, as saved). */
int
stock_post_saved(struct tx *x, uint64_t id, struct record **ls, size_t n,
    unsigned flags, int64_t *errline, char **cause)
{
	return (stock_post_in(x, id, ls, n, flags, errline, cause));
}

int
stock_reverse(struct tx *x, uint64_t id, uint64_t *newid, char **cause)
{
	struct post	 p;
	struct record	*orig, *mv, **ls = NULL, *po;
	struct pstate	*s;
	struct ids	 ids = { NULL, 0 };
	struct mv	 m;
	const char	*status, *type;
	char		*code;
	size_t		 i, n = 0;
	uint64_t	 powh;
	int64_t		 ordered, got, q;
	int		 rc;

	post_init(&p, x, NULL, cause);
	if ((rc = tx_get(x, F.doc, id, 1, &orig)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("stock document %llu does not "
			    "exist"),
			    (unsigned long long)id);
		return (rc);
	}
	status = record_str(orig, F.d_status);
	type = record_str(orig, F.d_type);
	/* A reversal is posted too: the reason it is refused is its own
	 * (it said "is a posted reversal: only a posted one is reversed"). */
	if (strcmp(type, "reversal") == 0) {
		xasprintf(cause, _("%s is a reversal: a reversal is not "
		    "reversed; post a new document for what it took back"),
		    record_str(orig, FX_CODE));
		record_free(orig);
		return (ST_INVALID);
	}
	if (strcmp(status, "posted") != 0 && strcmp(status, "in_transit") !=
	    0) {
		xasprintf(cause, _("%s is %s %s: only a posted document is "
		    "reversed"), record_str(orig, FX_CODE),
		    dict_enum_word(type), dict_enum_word(status));
		record_free(orig);
		return (ST_INVALID);
	}
	if (strcmp(type, "reservation") == 0) {
		/* Releasing a reservation is its reversal: no moves. */
		p.doc = orig;
		rc = release(&p, id, "reversed");
		p.doc = NULL;
		*newid = id;
		goto out;
	}
	/* The reversal document. */
	p.date = stock_today();
	p.doc = record_new(F.doc);
	if ((rc = stock_number(x, "reversal", p.date, &code)) != ST_OK)
		goto out;
	record_set_str(p.doc, FX_CODE, code);
	free(code);
	record_set_str(p.doc, F.d_type, "reversal");
	record_set_str(p.doc, F.d_status, "draft");
	record_set_int(p.doc, F.d_date, p.date);
	record_set_value(p.doc, F.d_wh, &orig->v[F.d_wh]);
	record_set_value(p.doc, F.d_to, &orig->v[F.d_to]);
	record_set_int(p.doc, F.d_reverses, (int64_t)id);
	if ((rc = tx_insert(x, p.doc, cause)) != ST_OK)
		goto out;
	if ((rc = stock_ids(x, F.move, "doc", id, 0, &ids)) != ST_OK)
		goto out;
	for (i = 0; i < ids.n && rc == ST_OK; i++) {
		if ((rc = tx_get(x, F.move, ids.v[i], 0, &mv)) != ST_OK)
			break;
		if ((rc = ps_get(&p, (uint64_t)record_int(mv, F.m_prod),
		    &s)) == ST_OK) {
			memset(&m, 0, sizeof m);
			m.kind = "reversal";
			m.wid = (uint64_t)record_int(mv, F.m_wh);
			m.qty = -record_int(mv, F.m_qty);
			m.value = -record_int(mv, F.m_value);
			m.line = mv;
			m.check = 1;
			rc = move(&p, s, &m);
		}
		record_free(mv);
	}
	/* A receipt against a purchase order gives its quantities back; on
	 * order again (at the order's warehouse) only while the order is
	 * open: a closed one expects nothing more. */
	if (rc == ST_OK && record_isset(orig, F.d_po)) {
		if ((rc = po_open_wh(&p, (uint64_t)record_int(orig, F.d_po), 0,
		    &powh)) != ST_OK)
			goto out;
		if ((rc = stock_lines_of(x, F.line, id, &ls, &n)) != ST_OK)
			goto out;
		for (i = 0; i < n && rc == ST_OK; i++) {
			/* Only what was received went to the order. */
			if (!record_isset(ls[i], F.l_pol) ||
			    (strcmp(type, "receipt") != 0 &&
			    (record_str(ls[i], F.l_type) == NULL ||
			    strcmp(record_str(ls[i], F.l_type), "receipt") != 0)))
				continue;
			rc = tx_get(x, F.pol,
			    (uint64_t)record_int(ls[i], F.l_pol), 1, &po);
			if (rc != ST_OK)
				break;
			ordered = record_int(po, F.ol_qty);
			got = record_int(po, F.ol_recv);
			q = record_int(ls[i], F.l_qty);
			record_set_int(po, F.ol_recv, got - q);
			rc = tx_update(x, po, record_rev(po), cause);
			if (rc == ST_OK && powh != 0 && (rc = ps_get(&p,
			    (uint64_t)record_int(ls[i], F.l_prod), &s)) ==
			    ST_OK && !s->service) {
				int64_t	 b = ordered - got > 0 ?
				    ordered - got : 0;
				int64_t	 a = ordered - got + q > 0 ?
				    ordered - got + q : 0;
				row_add(row_get(s, powh), F.s_onorder, a - b);
			}
			record_free(po);
		}
		if (rc == ST_OK)
			rc = stock_po_status(x,
			    (uint64_t)record_int(orig, F.d_po), cause);
	}
	if (rc == ST_OK)
		rc = set_posted(&p, "posted");
	if (rc == ST_OK) {
		*newid = record_id(p.doc);
		record_set_str(orig, F.d_status, "reversed");
		/* A receipt reversed is owed for no more. */
		if (record_int(orig, F.d_payable) != 0) {
			int64_t	 was = record_int(orig, F.d_payable);

			record_set_int(orig, F.d_payable, 0);
			rc = money_doc_reduced(x, orig, was, cause);
		}
		if (rc == ST_OK)
			rc = tx_update(x, orig, record_rev(orig), cause);
	}
out:
	rc = stock_post_end(&p, rc);
	free(ids.v);
	stock_rows_free(ls, n);
	if (p.doc != orig)
		record_free(p.doc);
	record_free(orig);
	return (rc);
}

/* --- documents and lines as records ------------------------------------ */

static int
stock_docs_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	char	*code = NULL;
	int	 rc;

	fields_init();
	if (old != NULL && strcmp(record_str(old, F.d_status), "draft") != 0) {
		xasprintf(cause, _("%s is %s: a posted document is corrected "
		    "by reversing it"), record_str(old, FX_CODE),
		    dict_enum_word(record_str(old, F.d_status)));
		return (ST_INVALID);
	}
	if (strcmp(record_str(r, F.d_type), "reversal") == 0 &&
	    (old == NULL || strcmp(record_str(old, F.d_type), "reversal"))) {
		xasprintf(cause, _("column 'type': a reversal is made by "
		    "reversing a posted document"));
		return (ST_INVALID);
	}
	if (!record_isset(r, F.d_date))
		record_set_int(r, F.d_date, stock_today());
	if (old == NULL && fresh_next) {
		/* Saved and posted at once (stock_fresh): written once. */
		record_set_str(r, F.d_status, "posted");
		record_set_int(r, F.d_posted, (int64_t)time(NULL));
		record_set_str(r, F.d_posted_by, tx_login(x));
		if (fresh_payable != INT64_MIN)
			record_set_int(r, F.d_payable, fresh_payable);
	} else
		record_set_str(r, F.d_status, "draft");
	if (old == NULL && !record_isset(r, FX_CODE)) {
		if ((rc = stock_number(x, record_str(r, F.d_type),
		    record_int(r, F.d_date), &code)) != ST_OK)
			return (rc);
		record_set_str(r, FX_CODE, code);
		free(code);
	}
	if (record_isset(r, F.d_wh) && record_isset(r, F.d_to) &&
	    record_int(r, F.d_wh) == record_int(r, F.d_to)) {
		xasprintf(cause, _("column 'to_warehouse': the same as the "
		    "warehouse"));
		return (ST_INVALID);
	}
	return (ST_OK);
}

static int
stock_docs_defaults(const char *field)
{
	return (strcmp(field, "date") == 0 || strcmp(field, "code") == 0);
}

static int
draft_only(struct tx *x, uint64_t doc, char **cause)
{
	struct record	*d;
	int		 rc;

	if (doc != 0 && doc == fresh_doc)
		return (ST_OK);	/* saved posted just now (stock_fresh) */
	if ((rc = tx_get(x, F.doc, doc, 0, &d)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("column 'doc': no such document"));
		return (rc == ST_NOTFOUND ? ST_INVALID : rc);
	}
	if (strcmp(record_str(d, F.d_status), "draft") != 0) {
		xasprintf(cause, _("%s is %s: its lines are not changed any "
		    "more"), record_str(d, FX_CODE),
		    dict_enum_word(record_str(d, F.d_status)));
		rc = ST_INVALID;
	}
	record_free(d);
	return (rc);
}

int
stock_max_line(struct tx *x, const struct entity_def *le, uint64_t doc,
    int64_t *max)
{
	struct record	**ls;
	size_t		 n, i;
	int		 pos = dict_field_pos(le, "line");
	int		 rc;

	*max = 0;
	if ((rc = stock_lines_of(x, le, doc, &ls, &n)) != ST_OK)
		return (rc);
	for (i = 0; i < n; i++)
		if (record_int(ls[i], pos) > *max)
			*max = record_int(ls[i], pos);
	stock_rows_free(ls, n);
	return (ST_OK);
}

/*
 * A lot (and its expiry) names a batch of a product kept by lots; on any
 * other product it would make a lot that is never used up (the moves out
 * take no lot): refused on every stock line, whatever made it.
 */
static int
lot_allowed(struct tx *x, const struct record *r, char **cause)
{
	struct record	*p;
	int		 rc;

	if (!record_isset(r, F.l_lot) && !record_isset(r, F.l_expiry))
		return (ST_OK);
	if ((rc = tx_get(x, F.prod, (uint64_t)record_int(r, F.l_prod), 0,
	    &p)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);	/* said later */
	if (!record_int(p, F.p_lots)) {
		xasprintf(cause, record_isset(r, F.l_lot) ? _("%s is not kept "
		    "by lots: column 'lot': must be empty") : _("%s is not "
		    "kept by lots: column 'expiry': must be empty"),
		    record_str(p, FX_CODE));
		rc = ST_INVALID;
	}
	record_free(p);
	return (rc);
}

static int
stock_lines_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	int64_t	 max;
	int	 rc;

	fields_init();
	if (old != NULL && record_int(old, F.l_doc) != record_int(r, F.l_doc) &&
	    (rc = draft_only(x, (uint64_t)record_int(old, F.l_doc),
	    cause)) != ST_OK)
		return (rc);
	if ((rc = draft_only(x, (uint64_t)record_int(r, F.l_doc), cause)) !=
	    ST_OK)
		return (rc);
	if ((rc = lot_allowed(x, r, cause)) != ST_OK)
		return (rc);
	if (!record_isset(r, F.l_line)) {
		if ((rc = stock_max_line(x, F.line,
		    (uint64_t)record_int(r, F.l_doc), &max)) != ST_OK)
			return (rc);
		record_set_int(r, F.l_line, max + 1);
	}
	return (ST_OK);
}

static int
stock_lines_can_delete(struct tx *x, const struct record *r, char **cause)
{
	fields_init();
	return (draft_only(x, (uint64_t)record_int(r, F.l_doc), cause));
}

static int
stock_docs_can_delete(struct tx *x, const struct record *r, char **cause)
{
	(void)x;
	fields_init();
	if (strcmp(record_str(r, F.d_status), "draft") != 0) {
		xasprintf(cause, _("%s is %s: only a draft is deleted"),
		    record_str(r, FX_CODE),
		    dict_enum_word(record_str(r, F.d_status)));
		return (ST_INVALID);
	}
	return (ST_OK);
}

int
stock_doc_deletable(struct tx *x, uint64_t id, char **cause)
{
	struct record	*d;
	int		 rc;

	fields_init();
	if ((rc = tx_get(x, F.doc, id, 0, &d)) != ST_OK)
		return (rc);
	rc = stock_docs_can_delete(x, d, cause);
	record_free(d);
	return (rc);
}

/* --- the invariants ---------------------------------------------------- */

/*
 * kontor check runs while clerks post.  The first pass reads the ledger,
 * the reservations, the orders and the stock rows a page at a time, each
 * page in a short transaction of its own, so a posting that commits
 * between two pages is half seen: its stock row but not its moves, or
 * the other way round.  That pass only picks the products that look
 * wrong; each of them is then added up again in one transaction
 * (recheck), where every read is locked to the end and a posting is
 * either seen whole or not at all, and only what that finds is reported.
 */

struct pair {
	uint64_t	 p, w;
	int64_t		 moves, value, reserved, on_order;
	int		 seen;
};

/* What is left of each lot of a product at a warehouse. */
struct lotbal {
	uint64_t	 p, w;
	char		*lot;
	int64_t		 qty;
};

struct lotbals {
	struct lotbal	*v;
	size_t		 cap, n;
};

struct pairs {
	struct pair	*v;
	size_t		 cap, n;
	struct lotbals	 lots;
	struct store	*st;
	struct buf	*report;	/* NULL: flag the product instead */
	struct pairs	*flagged;	/* products to recheck (w 0) */
	int		 bad;
};

static struct pair *
pair_get(struct pairs *ps, uint64_t p, uint64_t w)
{
	size_t		 i, h;
	struct pair	*old;
	size_t		 ocap;

	if (ps->n * 2 >= ps->cap) {
		old = ps->v;
		ocap = ps->cap;
		ps->cap = ps->cap ? ps->cap * 2 : 1024;
		ps->v = xcalloc(ps->cap, sizeof *ps->v);
		ps->n = 0;
		for (i = 0; i < ocap; i++)
			if (old[i].p != 0) {
				struct pair	*np = pair_get(ps, old[i].p,
				    old[i].w);
				*np = old[i];
			}
		free(old);
	}
	h = (size_t)((p * 0x9e3779b97f4a7c15ULL) ^ (w * 0xc2b2ae3d27d4eb4fULL));
	for (i = h % ps->cap; ; i = (i + 1) % ps->cap) {
		if (ps->v[i].p == p && ps->v[i].w == w)
			return (&ps->v[i]);
		if (ps->v[i].p == 0) {
			ps->v[i].p = p;
			ps->v[i].w = w;
			ps->n++;
			return (&ps->v[i]);
		}
	}
}

static struct lotbal *
lotbal_get(struct lotbals *ls, uint64_t p, uint64_t w, const char *lot)
{
	struct lotbal	*old;
	size_t		 i, h, ocap;
	const char	*c;

	if (ls->n * 2 >= ls->cap) {
		old = ls->v;
		ocap = ls->cap;
		ls->cap = ls->cap ? ls->cap * 2 : 256;
		ls->v = xcalloc(ls->cap, sizeof *ls->v);
		ls->n = 0;
		for (i = 0; i < ocap; i++)
			if (old[i].lot != NULL) {
				struct lotbal	*nb = lotbal_get(ls, old[i].p,
				    old[i].w, old[i].lot);

				free(nb->lot);
				*nb = old[i];
			}
		free(old);
	}
	h = (size_t)((p * 0x9e3779b97f4a7c15ULL) ^ (w * 0xc2b2ae3d27d4eb4fULL));
	for (c = lot; *c != '\0'; c++)		/* FNV-1a */
		h = (h ^ (unsigned char)*c) * 0x100000001b3ULL;
	for (i = h % ls->cap; ; i = (i + 1) % ls->cap) {
		if (ls->v[i].lot == NULL) {
			ls->v[i].p = p;
			ls->v[i].w = w;
			ls->v[i].lot = xstrdup(lot);
			ls->n++;
			return (&ls->v[i]);
		}
		if (ls->v[i].p == p && ls->v[i].w == w &&
		    strcmp(ls->v[i].lot, lot) == 0)
			return (&ls->v[i]);
	}
}

static void
lotbals_free(struct lotbals *ls)
{
	size_t	 i;

	for (i = 0; i < ls->cap; i++)
		free(ls->v[i].lot);
	free(ls->v);
	memset(ls, 0, sizeof *ls);
}

static int
check_move(const struct record *r, void *arg)
{
	struct pairs	*ps = arg;
	struct pair	*pr = pair_get(ps, (uint64_t)record_int(r, F.m_prod),
	    (uint64_t)record_int(r, F.m_wh));

	pr->moves += record_int(r, F.m_qty);
	pr->value += record_int(r, F.m_value);
	if (record_str(r, F.m_lot) != NULL)
		lotbal_get(&ps->lots, (uint64_t)record_int(r, F.m_prod),
		    (uint64_t)record_int(r, F.m_wh),
		    record_str(r, F.m_lot))->qty += record_int(r, F.m_qty);
	return (0);
}


static int
check_rsv_doc(const struct record *r, void *arg)
{
	struct pairs	*ps = arg;

	if (strcmp(record_str(r, F.d_type), "reservation") == 0 &&
	    strcmp(record_str(r, F.d_status), "posted") == 0)
		pair_get(ps, record_id(r), 0)->seen = 2;	/* marker */
	return (0);
}

static int
check_rsv_line(const struct record *r, void *arg)
{
	struct pairs	*ps = arg;
	struct pair	*d;
	struct record	*doc;
	uint64_t	 w;

	d = pair_get(ps, (uint64_t)record_int(r, F.l_doc), 0);
	if (d->seen != 2)
		return (0);
	w = (uint64_t)record_int(r, F.l_wh);
	if (w == 0 && store_get(ps->st, F.doc,
	    (uint64_t)record_int(r, F.l_doc), &doc) == ST_OK) {
		w = (uint64_t)record_int(doc, F.d_wh);
		record_free(doc);
	}
	pair_get(ps, (uint64_t)record_int(r, F.l_prod), w)->reserved +=
	    record_int(r, F.l_qty);
	return (0);
}

/* What a sales order line holds reserved, at its order's warehouse. */
static void
add_so_line(struct pairs *ps, const struct record *r, const struct record *o)
{
	if (record_int(r, F.sol_reserved) != 0)
		pair_get(ps, (uint64_t)record_int(r, F.sol_prod),
		    (uint64_t)record_int(o, F.so_wh))->reserved +=
		    record_int(r, F.sol_reserved);
}

static int
check_so_line(const struct record *r, void *arg)
{
	struct pairs	*ps = arg;
	struct record	*o;

	if (record_int(r, F.sol_reserved) == 0 || store_get(ps->st, F.so,
	    (uint64_t)record_int(r, F.sol_order), &o) != ST_OK)
		return (0);
	add_so_line(ps, r, o);
	record_free(o);
	return (0);
}

/* What a production order holds reserved: its lines' components at
 * their warehouse, and (a disassembly) its product at the finished
 * goods warehouse. */
static int
check_mo_line(const struct record *r, void *arg)
{
	if (record_int(r, F.mol_reserved) != 0)
		pair_get(arg, (uint64_t)record_int(r, F.mol_prod),
		    (uint64_t)record_int(r, F.mol_wh))->reserved +=
		    record_int(r, F.mol_reserved);
	return (0);
}

static int
check_mo(const struct record *r, void *arg)
{
	if (record_int(r, F.mo_reserved) != 0)
		pair_get(arg, (uint64_t)record_int(r, F.mo_prod),
		    (uint64_t)record_int(r, F.mo_fg))->reserved +=
		    record_int(r, F.mo_reserved);
	return (0);
}

/* What a line of an order o still brings to its warehouse. */
static void
add_po_line(struct pairs *ps, const struct record *r, const struct record *o)
{
	const char	*st = record_str(o, F.o_status);
	int64_t		 rest;

	rest = record_int(r, F.ol_qty) - record_int(r, F.ol_recv);
	if (st != NULL && (strcmp(st, "sent") == 0 ||
	    strcmp(st, "partial") == 0) && rest > 0)
		pair_get(ps, (uint64_t)record_int(r, F.ol_prod),
		    (uint64_t)record_int(o, F.o_wh))->on_order += rest;
}

static int
check_po_line(const struct record *r, void *arg)
{
	struct pairs	*ps = arg;
	struct record	*o, *prod;
	int		 kept = 1;

	/* A service is never on order (it has no stock row). */
	if (store_get(ps->st, F.prod, (uint64_t)record_int(r, F.ol_prod),
	    &prod) == ST_OK) {
		kept = stock_product_kept(prod);
		record_free(prod);
	}
	if (!kept || store_get(ps->st, F.po, (uint64_t)record_int(r,
	    F.ol_po), &o) != ST_OK)
		return (0);
	add_po_line(ps, r, o);
	record_free(o);
	return (0);
}

/* Whether a stock row holds what its pair adds up to; with a report,
 * each difference is a line of it. */
static int
row_differs(const struct record *r, const struct pair *pr,
    struct buf *report)
{
	char	 a[32], b[32];
	int	 bad = 0;

	if (record_int(r, F.s_onhand) != pr->moves) {
		if (report != NULL)
			buf_printf(report, _("stock %s: on hand %s but the "
			    "moves add up to %s\n"), record_str(r, FX_CODE),
			    qfmt(record_int(r, F.s_onhand), a, sizeof a),
			    qfmt(pr->moves, b, sizeof b));
		bad++;
	}
	if (record_int(r, F.s_value) != pr->value) {
		if (report != NULL)
			buf_printf(report, _("stock %s: value %s but the "
			    "moves add up to %s\n"), record_str(r, FX_CODE),
			    money_people(record_int(r, F.s_value), a,
			    sizeof a), money_people(pr->value, b, sizeof b));
		bad++;
	}
	if (record_int(r, F.s_reserved) != pr->reserved) {
		if (report != NULL)
			buf_printf(report, _("stock %s: reserved %s but the "
			    "reservations in force and the open sales and "
			    "production orders add up to %s\n"),
			    record_str(r, FX_CODE),
			    qfmt(record_int(r, F.s_reserved), a, sizeof a),
			    qfmt(pr->reserved, b, sizeof b));
		bad++;
	}
	if (record_int(r, F.s_onorder) != pr->on_order) {
		if (report != NULL)
			buf_printf(report, _("stock %s: on order %s but the "
			    "open purchase orders add up to %s\n"),
			    record_str(r, FX_CODE),
			    qfmt(record_int(r, F.s_onorder), a, sizeof a),
			    qfmt(pr->on_order, b, sizeof b));
		bad++;
	}
	return (bad);
}

/* A product that does not add up: reported, or flagged for a recheck. */
static void
pair_bad(struct pairs *ps, uint64_t p, int n)
{
	if (ps->flagged != NULL)
		pair_get(ps->flagged, p, 0);
	else
		ps->bad += n;
}

static int
check_row(const struct record *r, void *arg)
{
	struct pairs	*ps = arg;
	struct pair	*pr;
	uint64_t	 p = (uint64_t)record_int(r, F.s_prod);
	uint64_t	 w = (uint64_t)record_int(r, F.s_wh);
	int		 n;

	pr = pair_get(ps, p, w);
	pr->seen = 1;
	if ((n = row_differs(r, pr, ps->report)) != 0)
		pair_bad(ps, p, n);
	return (0);
}

/* Pairs with moves, reservations or orders but no stock row. */
static void
check_unseen(struct pairs *ps)
{
	size_t	 i;
	char	 a[32];

	for (i = 0; i < ps->cap; i++) {
		struct pair	*pr = &ps->v[i];

		if (pr->p == 0 || pr->w == 0 || pr->seen ||
		    (pr->moves == 0 && pr->reserved == 0 &&
		    pr->on_order == 0))
			continue;
		if (ps->report != NULL)
			buf_printf(ps->report, _("stock %llu:%llu: moves add "
			    "up to %s but there is no stock record\n"),
			    (unsigned long long)pr->p,
			    (unsigned long long)pr->w,
			    qfmt(pr->moves, a, sizeof a));
		pair_bad(ps, pr->p, 1);
	}
}

/*
 * No lot of a product kept by lots is below zero at any warehouse.  The
 * first pass (x NULL) flags each product with a lot below zero for the
 * recheck; the recheck (in x) reports those of a product kept by lots.
 */
static int
check_lots(struct tx *x, struct pairs *ps)
{
	struct record	*prod, *w;
	char		 a[32];
	size_t		 i;
	int		 rc;

	for (i = 0; i < ps->lots.cap; i++) {
		struct lotbal	*b = &ps->lots.v[i];

		if (b->lot == NULL || b->qty >= 0)
			continue;
		if (x == NULL) {
			pair_bad(ps, b->p, 1);
			continue;
		}
		if ((rc = tx_get(x, F.prod, b->p, 0, &prod)) == ST_NOTFOUND)
			continue;
		if (rc != ST_OK)
			return (rc);
		if (record_int(prod, F.p_lots) && ps->report != NULL) {
			if ((rc = tx_get(x, F.wh, b->w, 0, &w)) != ST_OK &&
			    rc != ST_NOTFOUND) {
				record_free(prod);
				return (rc);
			}
			buf_printf(ps->report, _("%s lot %s at %s: its moves "
			    "add up to %s: a lot never goes below 0\n"),
			    record_str(prod, FX_CODE), b->lot,
			    rc == ST_OK ? record_str(w, FX_CODE) : "?",
			    qfmt(b->qty, a, sizeof a));
			if (rc == ST_OK)
				record_free(w);
		}
		if (record_int(prod, F.p_lots))
			ps->bad++;
		record_free(prod);
	}
	return (ST_OK);
}

/* Call fn(x, record, arg) for each record of e whose field holds key. */
static int
recheck_each(struct tx *x, const struct entity_def *e, const char *field,
    uint64_t key, int (*fn)(struct tx *, const struct record *, void *),
    void *arg)
{
	struct ids	 ids;
	struct record	*r;
	size_t		 i;
	int		 rc;

	if ((rc = stock_ids(x, e, field, key, 0, &ids)) != ST_OK)
		return (rc);
	for (i = 0; i < ids.n && rc == ST_OK; i++) {
		if ((rc = tx_get(x, e, ids.v[i], 0, &r)) != ST_OK)
			break;
		rc = fn(x, r, arg);
		record_free(r);
	}
	free(ids.v);
	return (rc);
}

static int
recheck_move(struct tx *x, const struct record *r, void *arg)
{
	(void)x;
	check_move(r, arg);
	return (ST_OK);
}

static int
recheck_rsv_line(struct tx *x, const struct record *r, void *arg)
{
	struct record	*doc;
	uint64_t	 w;
	int		 rc;

	if ((rc = tx_get(x, F.doc, (uint64_t)record_int(r, F.l_doc), 0,
	    &doc)) != ST_OK)
		return (rc);
	if (strcmp(record_str(doc, F.d_type), "reservation") == 0 &&
	    strcmp(record_str(doc, F.d_status), "posted") == 0) {
		w = line_wh(doc, r, F.l_wh, F.d_wh);
		pair_get(arg, (uint64_t)record_int(r, F.l_prod), w)->reserved +=
		    record_int(r, F.l_qty);
	}
	record_free(doc);
	return (ST_OK);
}

static int
recheck_po_line(struct tx *x, const struct record *r, void *arg)
{
	struct record	*o;
	int		 rc, kept;

	if ((rc = stock_kept(x, (uint64_t)record_int(r, F.ol_prod),
	    &kept)) != ST_OK || !kept)
		return (rc);
	if ((rc = tx_get(x, F.po, (uint64_t)record_int(r, F.ol_po), 0,
	    &o)) != ST_OK)
		return (rc);
	add_po_line(arg, r, o);
	record_free(o);
	return (ST_OK);
}

static int
recheck_so_line(struct tx *x, const struct record *r, void *arg)
{
	struct record	*o;
	int		 rc;

	if (record_int(r, F.sol_reserved) == 0)
		return (ST_OK);
	if ((rc = tx_get(x, F.so, (uint64_t)record_int(r, F.sol_order), 0,
	    &o)) != ST_OK)
		return (rc);
	add_so_line(arg, r, o);
	record_free(o);
	return (ST_OK);
}

static int
recheck_mo_line(struct tx *x, const struct record *r, void *arg)
{
	(void)x;
	check_mo_line(r, arg);
	return (ST_OK);
}

static int
recheck_mo(struct tx *x, const struct record *r, void *arg)
{
	(void)x;
	check_mo(r, arg);
	return (ST_OK);
}

static int
recheck_row(struct tx *x, const struct record *r, void *arg)
{
	(void)x;
	check_row(r, arg);
	return (ST_OK);
}

/* One product added up again in one transaction (run by store_run,
 * perhaps several times: each run starts afresh). */
static int
recheck_tx(struct tx *x, struct model_check_one *a, char **cause)
{
	struct pairs	 ps;
	int		 rc;

	(void)cause;
	memset(&ps, 0, sizeof ps);
	ps.report = a->report;
	if ((rc = recheck_each(x, F.move, "product", a->id, recheck_move,
	    &ps)) == ST_OK &&
	    (rc = recheck_each(x, F.line, "product", a->id, recheck_rsv_line,
	    &ps)) == ST_OK &&
	    (rc = recheck_each(x, F.pol, "product", a->id, recheck_po_line,
	    &ps)) == ST_OK &&
	    (rc = recheck_each(x, F.sol, "product", a->id, recheck_so_line,
	    &ps)) == ST_OK &&
	    (rc = recheck_each(x, F.mol, "product", a->id, recheck_mo_line,
	    &ps)) == ST_OK &&
	    (rc = recheck_each(x, F.mo, "product", a->id, recheck_mo,
	    &ps)) == ST_OK &&
	    (rc = recheck_each(x, F.stock, "product", a->id, recheck_row,
	    &ps)) == ST_OK) {
		check_unseen(&ps);
		rc = check_lots(x, &ps);
	}
	a->bad = ps.bad;
	free(ps.v);
	lotbals_free(&ps.lots);
	return (rc);
}

/* On hand = the sum of the moves, for every product x warehouse; reserved
 * = the reservations in force, the open sales orders' and the production
 * orders'; on order = the open orders' balances; no
 * lot of a product kept by lots below zero. */
static int
stock_check(struct store *st, struct buf *report)
{
	struct pairs	 ps, flagged;
	uint64_t	*pids;
	size_t		 i, npids = 0;
	int		 bad = 0;

	fields_init();
	memset(&ps, 0, sizeof ps);
	memset(&flagged, 0, sizeof flagged);
	ps.st = st;
	ps.flagged = &flagged;
	if (store_each(st, F.move, check_move, &ps) != ST_OK ||
	    store_each(st, F.doc, check_rsv_doc, &ps) != ST_OK ||
	    store_each(st, F.line, check_rsv_line, &ps) != ST_OK ||
	    store_each(st, F.pol, check_po_line, &ps) != ST_OK ||
	    store_each(st, F.sol, check_so_line, &ps) != ST_OK ||
	    store_each(st, F.mol, check_mo_line, &ps) != ST_OK ||
	    store_each(st, F.mo, check_mo, &ps) != ST_OK ||
	    store_each(st, F.stock, check_row, &ps) != ST_OK) {
		buf_printf(report, _("stock: cannot be read\n"));
		bad++;
	} else {
		check_unseen(&ps);
		check_lots(NULL, &ps);
	}
	free(ps.v);
	lotbals_free(&ps.lots);
	pids = xcalloc(flagged.cap + 1, sizeof *pids);
	for (i = 0; i < flagged.cap; i++)
		if (flagged.v[i].p != 0)
			pids[npids++] = flagged.v[i].p;
	bad += model_check_each(st, _("stock of product"), pids, npids,
	    recheck_tx, NULL, report);
	free(pids);
	free(flagged.v);
	return (bad);
}

const struct model_def model_stock_docs = {
	.entity = "stock_docs",
	.validate = stock_docs_validate,
	.defaults = stock_docs_defaults,
	.can_delete = stock_docs_can_delete,
	.check = stock_check,
};

const struct model_def model_stock_lines = {
	.entity = "stock_lines",
	.validate = stock_lines_validate,
	.can_delete = stock_lines_can_delete,
};
