#include "config.h"

/*
 * Money: payments, what they settle and the balances (see money.h).
 *
 * Two kinds of document meet a payment.  Debt documents make someone
 * owe: a posted shipment (its receivable, which returns lower) makes the
 * customer owe us, a posted receipt (its payable) makes us owe the
 * supplier.  Each keeps what is paid of it (paid) and when it is due
 * (due_date).  Request documents ask for money and make nobody owe: an
 * invoice, a sales order, a purchase order; each keeps what payments
 * were applied to it (paid), and an invoice its status.
 *
 * A payment's allocations of kind shipment or receipt settle debt
 * documents: their sum is the payment's allocated, the rest its advance.
 * Those of kind invoice, order or po apply it to requests: their sum is
 * its applied.  After every posting, a counterparty has advances or open
 * documents, never both: match() sets the oldest advances against the
 * oldest open documents (by due date).
 *
 * The balances record of a counterparty (code C<id> or S<id>) keeps the
 * sums: documents, paid, owed = documents - paid, open, advance, and the
 * oldest due date of its open documents.  kontor check proves them, one
 * counterparty per transaction, against the documents and payments.
 */

#include <ctype.h>
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
#include "model/pricing.h"
#include "model/stock.h"
#include "xmalloc.h"

/* A debt document's entity: shipments (customers) or stock_docs
 * (receipts, suppliers). */
struct debt {
	const struct entity_def	*e;
	int	 cp, amount, paid, due, date, status, type;
	const char	*akind;		/* the allocation's kind */
	int	 apos;			/* its field in allocations */
};

static struct {
	int			 init;
	const struct entity_def	*pay, *al, *bal, *acct, *inv, *so, *po;
	const struct entity_def	*cust, *sup;
	struct debt		 d[2];		/* 0: customers, 1: suppliers */
	int	 p_dir, p_date, p_acct, p_cust, p_sup, p_amount, p_doc;
	int	 p_purpose, p_bankno, p_status, p_alloc, p_adv, p_applied;
	int	 p_dup, p_source, p_posted, p_posted_by;
	int	 a_pay, a_kind, a_inv, a_so, a_shp, a_po, a_rcp, a_amount;
	int	 a_date;
	int	 b_cust, b_sup, b_docs, b_paid, b_owed, b_open, b_adv, b_due;
	int	 b_odue;
	int	 ac_kind, ac_bal, ac_inactive;
	int	 inv_cust, inv_order, inv_date, inv_status, inv_gross, inv_paid;
	int	 so_cust, so_gross, so_paid, so_terms;
	int	 po_sup, po_total, po_gross, po_paid, po_status;
	int	 c_terms, c_limit, s_terms;
	int	 shp_order, doc_po, doc_date;
} M;

static void
fields_init(void)
{
	const struct entity_def	*shp, *doc;

	if (M.init)
		return;
#define P(e, n)	dict_field_pos((e), (n))
	M.pay = dict_entity("payments");
	M.al = dict_entity("allocations");
	M.bal = dict_entity("balances");
	M.acct = dict_entity("accounts");
	M.inv = dict_entity("invoices");
	M.so = dict_entity("sales_orders");
	M.po = dict_entity("purchase_orders");
	M.cust = dict_entity("customers");
	M.sup = dict_entity("suppliers");
	shp = dict_entity("shipments");
	doc = dict_entity("stock_docs");
	M.d[0].e = shp;
	M.d[0].cp = P(shp, "customer");
	M.d[0].amount = P(shp, "receivable");
	M.d[0].paid = P(shp, "paid");
	M.d[0].due = P(shp, "due_date");
	M.d[0].date = P(shp, "date");
	M.d[0].status = P(shp, "status");
	M.d[0].type = -1;
	M.d[0].akind = "shipment";
	M.d[1].e = doc;
	M.d[1].cp = P(doc, "supplier");
	M.d[1].amount = P(doc, "payable");
	M.d[1].paid = P(doc, "paid");
	M.d[1].due = P(doc, "due_date");
	M.d[1].date = P(doc, "date");
	M.d[1].status = P(doc, "status");
	M.d[1].type = P(doc, "type");
	M.d[1].akind = "receipt";
	M.p_dir = P(M.pay, "direction");
	M.p_date = P(M.pay, "date");
	M.p_acct = P(M.pay, "account");
	M.p_cust = P(M.pay, "customer");
	M.p_sup = P(M.pay, "supplier");
	M.p_amount = P(M.pay, "amount");
	M.p_doc = P(M.pay, "document");
	M.p_purpose = P(M.pay, "purpose");
	M.p_bankno = P(M.pay, "bank_number");
	M.p_status = P(M.pay, "status");
	M.p_alloc = P(M.pay, "allocated");
	M.p_adv = P(M.pay, "advance");
	M.p_applied = P(M.pay, "applied");
	M.p_dup = P(M.pay, "dup_key");
	M.p_source = P(M.pay, "source");
	M.p_posted = P(M.pay, "posted");
	M.p_posted_by = P(M.pay, "posted_by");
	M.a_pay = P(M.al, "payment");
	M.a_kind = P(M.al, "kind");
	M.a_inv = P(M.al, "invoice");
	M.a_so = P(M.al, "order");
	M.a_shp = P(M.al, "shipment");
	M.a_po = P(M.al, "po");
	M.a_rcp = P(M.al, "receipt");
	M.a_amount = P(M.al, "amount");
	M.a_date = P(M.al, "date");
	M.d[0].apos = M.a_shp;
	M.d[1].apos = M.a_rcp;
	M.b_cust = P(M.bal, "customer");
	M.b_sup = P(M.bal, "supplier");
	M.b_docs = P(M.bal, "documents");
	M.b_paid = P(M.bal, "paid");
	M.b_owed = P(M.bal, "owed");
	M.b_open = P(M.bal, "open");
	M.b_adv = P(M.bal, "advance");
	M.b_due = P(M.bal, "oldest_due");
	M.b_odue = P(M.bal, "open_due");
	M.ac_kind = P(M.acct, "kind");
	M.ac_bal = P(M.acct, "balance");
	M.ac_inactive = P(M.acct, "inactive");
	M.inv_cust = P(M.inv, "customer");
	M.inv_order = P(M.inv, "order");
	M.inv_date = P(M.inv, "date");
	M.inv_status = P(M.inv, "status");
	M.inv_gross = P(M.inv, "gross");
	M.inv_paid = P(M.inv, "paid");
	M.so_cust = P(M.so, "customer");
	M.so_gross = P(M.so, "gross");
	M.so_paid = P(M.so, "paid");
	M.so_terms = P(M.so, "terms_days");
	M.po_sup = P(M.po, "supplier");
	M.po_total = P(M.po, "total");
	M.po_gross = P(M.po, "gross");
	M.po_status = P(M.po, "status");
	M.po_paid = P(M.po, "paid");
	M.c_terms = P(M.cust, "terms_days");
	M.c_limit = P(M.cust, "credit_limit");
	M.s_terms = P(M.sup, "terms_days");
	M.shp_order = P(shp, "order");
	M.doc_po = P(doc, "po");
	M.doc_date = P(doc, "date");
#undef P
	M.init = 1;
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

static const char *
mfmt(int64_t v, char *buf, size_t len)
{
	money_format(v, buf, len, 1);
	return (buf);
}

static int
is(const char *a, const char *b)
{
	return (a != NULL && strcmp(a, b) == 0);
}

/* Days from a to b (YYYYMMDD), b later: positive. */
static int64_t
days_between(int64_t a, int64_t b)
{
	struct tm	 ta, tb;

	memset(&ta, 0, sizeof ta);
	memset(&tb, 0, sizeof tb);
	ta.tm_year = (int)(a / 10000) - 1900;
	ta.tm_mon = (int)(a / 100 % 100) - 1;
	ta.tm_mday = (int)(a % 100);
	ta.tm_hour = 12;
	tb.tm_year = (int)(b / 10000) - 1900;
	tb.tm_mon = (int)(b / 100 % 100) - 1;
	tb.tm_mday = (int)(b % 100);
	tb.tm_hour = 12;
	return ((int64_t)(timegm(&tb) - timegm(&ta)) / 86400);
}

/* --- loaded records, written once ------------------------------------ */

struct slot {
	struct record	*r;
	int		 mine;		/* ours to write and free */
	int		 dirty;
	int64_t		 key[2];	/* the order it is used in */
};
struct set {
	struct slot	*v;
	size_t		 n;
};

/*
 * The order records are used in, as keys kept with each (no state shared
 * between the server's threads): a debt document by its due date, then
 * its date; a payment or an invoice by its date; then by id.
 */
static void
slot_keys(struct slot *sl)
{
	const struct record	*r = sl->r;
	int			 k;

	sl->key[0] = sl->key[1] = 0;
	for (k = 0; k < 2; k++)
		if (r->ent == M.d[k].e) {
			sl->key[0] = record_int(r, M.d[k].due);
			sl->key[1] = record_int(r, M.d[k].date);
			return;
		}
	if (r->ent == M.pay)
		sl->key[0] = record_int(r, M.p_date);
	else if (r->ent == M.inv)
		sl->key[0] = record_int(r, M.inv_date);
}

static struct slot *
set_add(struct set *s, struct record *r, int mine)
{
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n].r = r;
	s->v[s->n].mine = mine;
	s->v[s->n].dirty = 0;
	slot_keys(&s->v[s->n]);
	return (&s->v[s->n++]);
}

static int
slot_cmp(const void *a, const void *b)
{
	const struct slot	*x = a, *y = b;
	int			 k;

	for (k = 0; k < 2; k++)
		if (x->key[k] != y->key[k])
			return (x->key[k] < y->key[k] ? -1 : 1);
	return (record_id(x->r) < record_id(y->r) ? -1 :
	    record_id(x->r) > record_id(y->r));
}

static struct slot *
set_find(struct set *s, uint64_t id)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		if (record_id(s->v[i].r) == id)
			return (&s->v[i]);
	return (NULL);
}

/* Write what changed of ours; free ours. */
static int
set_flush(struct tx *x, struct set *s, int rc, char **cause)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		if (rc == ST_OK && s->v[i].mine && s->v[i].dirty)
			rc = tx_update(x, s->v[i].r, record_rev(s->v[i].r),
			    cause);
		if (s->v[i].mine)
			record_free(s->v[i].r);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
	return (rc);
}

/* --- counterparties and their balances ------------------------------- */

struct cp {
	int		 sup;		/* 0: a customer, 1: a supplier */
	uint64_t	 id;
};

static const char *
cp_code(struct tx *x, const struct cp *c, char *buf, size_t len)
{
	struct record	*r;

	snprintf(buf, len, "#%llu", (unsigned long long)c->id);
	if (tx_get(x, c->sup ? M.sup : M.cust, c->id, 0, &r) == ST_OK) {
		if (record_str(r, FX_CODE) != NULL)
			snprintf(buf, len, "%s", record_str(r, FX_CODE));
		record_free(r);
	}
	return (buf);
}

static int	 bal_keep(struct tx *, const struct cp *, struct record *);

/* The balances record of c, write-locked; a new one (id 0) if none.  One
 * that does not keep what is open by due date gets it here. */
static int
bal_get(struct tx *x, const struct cp *c, struct record **out)
{
	struct value	 v;
	uint64_t	 id;
	char		 code[32];
	int		 rc;

	snprintf(code, sizeof code, "%c%llu", c->sup ? 'S' : 'C',
	    (unsigned long long)c->id);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = code;
	rc = tx_find(x, M.bal, FX_CODE, &v, &id);
	if (rc == ST_OK && (rc = tx_get(x, M.bal, id, 1, out)) == ST_OK &&
	    !record_isset(*out, M.b_odue) && (rc = bal_keep(x, c, *out)) !=
	    ST_OK) {
		record_free(*out);
		*out = NULL;
	}
	if (rc != ST_NOTFOUND)
		return (rc);
	*out = record_new(M.bal);
	record_set_str(*out, M.b_odue, "-");
	record_set_str(*out, FX_CODE, code);
	record_set_int(*out, c->sup ? M.b_sup : M.b_cust, (int64_t)c->id);
	record_set_int(*out, M.b_docs, 0);
	record_set_int(*out, M.b_paid, 0);
	record_set_int(*out, M.b_owed, 0);
	record_set_int(*out, M.b_open, 0);
	record_set_int(*out, M.b_adv, 0);
	return (ST_OK);
}

static void
bal_add(struct record *b, int pos, int64_t d)
{
	record_set_int(b, pos, record_int(b, pos) + d);
}

/* --- what is open, by due date ------------------------------------------- */

/*
 * A balance keeps its open documents' sums by due date (open_due), so a
 * counterparty's aging now is read from its balance alone, never from its
 * documents: the receivables report reads one record a counterparty.
 * Every change of what is open of a document moves its due date's sum in
 * the same posting (settle, unallocate, debt_posted, money_doc_reduced:
 * bal_open_add); a balance made before it was kept gets it from its open
 * documents at its next posting (bal_get); kontor check proves it.
 */

/* The sums of open_due (s), ascending; -1 when s is not one. */
static int
dues_parse(const char *s, struct money_due **out, size_t *n)
{
	struct money_due	*v = NULL;
	char			*end;
	long long		 due, amt;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return (-1);
	if (strcmp(s, "-") == 0)
		return (0);
	while (*s != '\0') {
		due = strtoll(s, &end, 10);
		if (end == s || *end != ':')
			goto bad;
		s = end + 1;
		amt = strtoll(s, &end, 10);
		if (end == s || (*end != ' ' && *end != '\0'))
			goto bad;
		s = *end == ' ' ? end + 1 : end;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[*n].due = due;
		v[(*n)++].amount = amt;
	}
	*out = v;
	return (0);
bad:
	free(v);
	*n = 0;
	return (-1);
}

/* The text of open_due for sums v; the caller frees it. */
static char *
dues_text(const struct money_due *v, size_t n)
{
	struct buf	 b = { 0 };
	size_t		 i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%lld:%lld", i > 0 ? " " : "",
		    (long long)v[i].due, (long long)v[i].amount);
	if (n == 0)
		buf_adds(&b, "-");
	buf_addc(&b, '\0');
	return (buf_steal(&b));
}

/* The same for people, as kontor check writes it: "01.12.2026 500,00;
 * ..." ("-": none; a due date of 0: "-" too); the caller frees it. */
static char *
dues_people(const struct money_due *v, size_t n)
{
	struct buf	 b = { 0 };
	char		 d[16], m[32];
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (v[i].due != 0)
			date_format_people(v[i].due, d, sizeof d);
		buf_printf(&b, "%s%s %s", i > 0 ? "; " : "",
		    v[i].due != 0 ? d : "-", money_people(v[i].amount, m,
		    sizeof m));
	}
	if (n == 0)
		buf_adds(&b, "-");
	buf_addc(&b, '\0');
	return (buf_steal(&b));
}

static void
dues_store(struct record *bal, const struct money_due *v, size_t n)
{
	char	*t = dues_text(v, n);

	record_set_str(bal, M.b_odue, t);
	free(t);
}

/* d more (less) is open of a document due on due. */
static void
bal_open_add(struct record *bal, int64_t due, int64_t d)
{
	struct money_due	*v;
	size_t			 n, i;

	bal_add(bal, M.b_open, d);
	if (d == 0 || dues_parse(record_str(bal, M.b_odue), &v, &n) != 0)
		return;
	for (i = 0; i < n && v[i].due < due; i++)
		;
	if (i == n || v[i].due != due) {
		v = xreallocarray(v, n + 1, sizeof *v);
		memmove(&v[i + 1], &v[i], (n - i) * sizeof *v);
		v[i].due = due;
		v[i].amount = 0;
		n++;
	}
	v[i].amount += d;
	if (v[i].amount == 0) {
		memmove(&v[i], &v[i + 1], (n - i - 1) * sizeof *v);
		n--;
	}
	dues_store(bal, v, n);
	free(v);
}

static int
bal_put(struct tx *x, struct record *b, char **cause)
{
	record_set_int(b, M.b_owed, record_int(b, M.b_docs) -
	    record_int(b, M.b_paid));
	if (record_int(b, M.b_open) <= 0)
		record_clear(b, M.b_due);
	if (record_id(b) == 0)
		return (tx_insert(x, b, cause));
	return (tx_update(x, b, record_rev(b), cause));
}

/* --- debt documents and advances ------------------------------------- */

static int64_t
doc_open(const struct debt *d, const struct record *r)
{
	return (record_int(r, d->amount) - record_int(r, d->paid));
}

static int
is_debt(const struct debt *d, const struct record *r)
{
	if (!is(record_str(r, d->status), "posted"))
		return (0);
	return (d->type < 0 || is(record_str(r, d->type), "receipt"));
}

typedef int	(*want_fn)(const struct record *, const struct debt *);

struct loader {
	const struct entity_def	*e;
	struct set		*set;
	want_fn			 want;
	const struct debt	*d;
	int			 rc;
};

static int
want_open(const struct record *r, const struct debt *d)
{
	return (is_debt(d, r) && doc_open(d, r) > 0);
}

static int
want_advance(const struct record *r, const struct debt *d)
{
	(void)d;
	return (is(record_str(r, M.p_status), "posted") &&
	    record_int(r, M.p_adv) > 0);
}

static int
load_one(struct tx *x, uint64_t id, void *arg)
{
	struct loader	*l = arg;
	struct record	*r;
	int		 rc;

	if (set_find(l->set, id) != NULL)
		return (0);
	if ((rc = tx_get(x, l->e, id, 1, &r)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			return (0);
		l->rc = rc;
		return (1);
	}
	if (l->want(r, l->d))
		set_add(l->set, r, 1);
	else
		record_free(r);
	return (0);
}

/* Records of e whose field pos is id and that want() takes (of debt
 * documents as d describes them), into s. */
static int
load(struct tx *x, const struct entity_def *e, int pos, uint64_t id,
    want_fn want, const struct debt *d, struct set *s)
{
	struct loader	 l;
	struct value	 v;
	int		 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)id;
	l.e = e;
	l.set = s;
	l.want = want;
	l.d = d;
	l.rc = ST_OK;
	rc = tx_find_each(x, e, pos, &v, 1, load_one, &l);
	if (rc == ST_NOTFOUND)
		rc = ST_OK;
	return (l.rc != ST_OK ? l.rc : rc);
}

/* What is open of c by due date, from its open documents, into bal. */
static int
bal_keep(struct tx *x, const struct cp *c, struct record *bal)
{
	const struct debt	*d = &M.d[c->sup];
	struct set		 docs;
	struct money_due	*v = NULL;
	size_t			 n = 0, i;
	int64_t			 due;
	int			 rc = ST_OK;

	memset(&docs, 0, sizeof docs);
	if (record_int(bal, M.b_open) > 0)
		rc = load(x, d->e, d->cp, c->id, want_open, d, &docs);
	if (rc == ST_OK && docs.n > 1)
		xqsort(docs.v, docs.n, sizeof *docs.v, slot_cmp);
	for (i = 0; rc == ST_OK && i < docs.n; i++) {
		due = record_int(docs.v[i].r, d->due);
		if (n == 0 || v[n - 1].due != due) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n].due = due;
			v[n++].amount = 0;
		}
		v[n - 1].amount += doc_open(d, docs.v[i].r);
	}
	if (rc == ST_OK)
		dues_store(bal, v, n);
	free(v);
	set_flush(x, &docs, ST_ABORT, NULL);
	return (rc);
}

static int
alloc_new(struct tx *x, const struct record *pay, const char *kind, int pos,
    uint64_t doc, int64_t amount, int64_t date, char **cause)
{
	struct record	*a;
	int		 rc;

	a = record_new(M.al);
	record_set_int(a, M.a_pay, (int64_t)record_id(pay));
	record_set_str(a, M.a_kind, kind);
	record_set_int(a, pos, (int64_t)doc);
	record_set_int(a, M.a_amount, amount);
	record_set_int(a, M.a_date, date);
	rc = tx_insert(x, a, cause);
	record_free(a);
	return (rc);
}

/* Settle amt of a debt document from a payment's advance. */
static int
settle(struct tx *x, const struct debt *d, struct record *bal,
    struct slot *pay, struct slot *doc, int64_t amt, char **cause)
{
	int64_t	 date = record_int(pay->r, M.p_date);

	if (record_int(doc->r, d->date) > date)
		date = record_int(doc->r, d->date);
	record_set_int(pay->r, M.p_alloc, record_int(pay->r, M.p_alloc) + amt);
	record_set_int(pay->r, M.p_adv, record_int(pay->r, M.p_adv) - amt);
	record_set_int(doc->r, d->paid, record_int(doc->r, d->paid) + amt);
	pay->dirty = doc->dirty = 1;
	bal_open_add(bal, record_int(doc->r, d->due), -amt);
	bal_add(bal, M.b_adv, -amt);
	return (alloc_new(x, pay->r, d->akind, d->apos, record_id(doc->r), amt,
	    date, cause));
}

/*
 * Set advances against open documents, oldest against oldest: docs holds
 * the ones the caller has in hand, the rest of the counterparty's open
 * ones are loaded, and all are taken by due date (a document a payment
 * named was settled by its part already, and waits its turn for more);
 * pays holds the payments the caller put first (in their order), the
 * rest of the counterparty's advances are loaded after them.  The oldest
 * due date is recomputed from all open documents.
 */
static int
match(struct tx *x, const struct cp *c, struct record *bal, struct set *docs,
    struct set *pays, char **cause)
{
	const struct debt	*d = &M.d[c->sup];
	size_t			 first_p = pays->n, i, j;
	int64_t			 amt, due = 0;
	int			 rc;

	if (record_int(bal, M.b_open) <= 0)
		return (ST_OK);
	if ((rc = load(x, d->e, d->cp, c->id, want_open, d, docs)) != ST_OK)
		return (rc);
	xqsort(docs->v, docs->n, sizeof *docs->v, slot_cmp);
	if (record_int(bal, M.b_adv) > 0) {
		if ((rc = load(x, M.pay, c->sup ? M.p_sup : M.p_cust, c->id,
		    want_advance, NULL, pays)) != ST_OK)
			return (rc);
		if (pays->n > first_p)
			xqsort(pays->v + first_p, pays->n - first_p,
			    sizeof *pays->v, slot_cmp);
	}
	for (i = 0, j = 0; i < docs->n && j < pays->n; ) {
		struct slot	*ds = &docs->v[i], *ps = &pays->v[j];

		if (doc_open(d, ds->r) <= 0 || !is_debt(d, ds->r)) {
			i++;
			continue;
		}
		if (!want_advance(ps->r, NULL)) {
			j++;
			continue;
		}
		amt = doc_open(d, ds->r);
		if (amt > record_int(ps->r, M.p_adv))
			amt = record_int(ps->r, M.p_adv);
		if ((rc = settle(x, d, bal, ps, ds, amt, cause)) != ST_OK)
			return (rc);
	}
	for (i = 0; i < docs->n; i++)
		if (is_debt(d, docs->v[i].r) && doc_open(d, docs->v[i].r) > 0 &&
		    (due == 0 || record_int(docs->v[i].r, d->due) < due))
			due = record_int(docs->v[i].r, d->due);
	if (due != 0)
		record_set_int(bal, M.b_due, due);
	return (ST_OK);
}

/* --- request documents ------------------------------------------------- */

static void
invoice_status(struct record *inv)
{
	int64_t	 paid = record_int(inv, M.inv_paid);

	if (is(record_str(inv, M.inv_status), "cancelled"))
		return;
	record_set_str(inv, M.inv_status, paid <= 0 ? "unpaid" :
	    paid >= record_int(inv, M.inv_gross) ? "paid" : "part_paid");
}

/* --- posting a payment --------------------------------------------------- */

/* What a document number names. */
struct docref {
	const struct entity_def	*e;
	const char		*kind;		/* allocation kind */
	int			 apos;		/* allocations' field */
	int			 request;	/* a request, not a debt */
	int			 out;		/* paid by a payment out */
};

static int	docref_of(const char *, struct docref *);
static void	req_fields(const struct record *, int *, int *, int *);

int
money_record_due(const struct record *r, int64_t *due)
{
	int	 cp, total, paid;

	fields_init();
	if (r->ent == M.inv || r->ent == M.so || r->ent == M.po)
		req_fields(r, &cp, &total, &paid);
	else if (r->ent == M.d[0].e || r->ent == M.d[1].e) {
		total = M.d[r->ent == M.d[1].e].amount;
		paid = M.d[r->ent == M.d[1].e].paid;
	} else
		return (-1);
	*due = record_int(r, total) - record_int(r, paid);
	return (0);
}

static int
docref_of(const char *code, struct docref *r)
{
	static const struct {
		const char	*prefix, *entity, *kind;
		int		 request, out;
	} t[] = {
		{ "INV-", "invoices", "invoice", 1, 0 },
		{ "SO-", "sales_orders", "order", 1, 0 },
		{ "SHP-", "shipments", "shipment", 0, 0 },
		{ "PO-", "purchase_orders", "po", 1, 1 },
		{ "RCP-", "stock_docs", "receipt", 0, 1 },
	};
	size_t	 i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strncasecmp(code, t[i].prefix, strlen(t[i].prefix)) == 0) {
			r->e = dict_entity(t[i].entity);
			r->kind = t[i].kind;
			r->request = t[i].request;
			r->out = t[i].out;
			r->apos = dict_field_pos(M.al, strcmp(t[i].kind,
			    "order") == 0 ? "order" : t[i].kind);
			return (0);
		}
	return (-1);
}

struct paying {
	struct tx		*x;
	struct cp		 c;
	struct record		*bal;
	struct slot		*pay;		/* in pays */
	struct set		 pays, docs, reqs;
	char			**cause;
};

/* Request documents: what is due of them, and their counterparty. */
static void
req_fields(const struct record *r, int *cp, int *total, int *paid)
{
	if (r->ent == M.inv) {
		*cp = M.inv_cust;
		*total = M.inv_gross;
		*paid = M.inv_paid;
	} else if (r->ent == M.so) {
		*cp = M.so_cust;
		*total = M.so_gross;
		*paid = M.so_paid;
	} else {
		/* What a purchase order asks is its total with VAT, as its
		 * receipts' payable; one sent before gross was kept, its
		 * total. */
		*cp = M.po_sup;
		*total = record_isset(r, M.po_gross) ? M.po_gross : M.po_total;
		*paid = M.po_paid;
	}
}

static int
apply(struct paying *pg, struct slot *rs, const char *kind, int apos,
    int64_t amt)
{
	int	 cp, total, paid;

	req_fields(rs->r, &cp, &total, &paid);
	record_set_int(rs->r, paid, record_int(rs->r, paid) + amt);
	if (rs->r->ent == M.inv)
		invoice_status(rs->r);
	rs->dirty = 1;
	record_set_int(pg->pay->r, M.p_applied, record_int(pg->pay->r,
	    M.p_applied) + amt);
	pg->pay->dirty = 1;
	return (alloc_new(pg->x, pg->pay->r, kind, apos, record_id(rs->r),
	    amt, record_int(pg->pay->r, M.p_date), pg->cause));
}

/*
 * What a payment gives a request (amt) settles the request's debt
 * documents as far as it goes, oldest first: an invoice's order's
 * shipments, an order's, a purchase order's receipts.  What is left of
 * the payment then settles the oldest open documents of any (match).
 */
static int
settle_req(struct paying *pg, const struct record *req, int64_t amt)
{
	const struct debt	*d = &M.d[pg->c.sup];
	struct slot		*ds;
	uint64_t		 order = 0;
	size_t			 first = pg->docs.n, i;
	int64_t			 take;
	int			 pos = pg->c.sup ? M.doc_po : M.shp_order;
	int			 rc;

	if (req->ent == M.inv)
		order = (uint64_t)record_int(req, M.inv_order);
	else
		order = record_id(req);
	if (order == 0 || amt <= 0)
		return (ST_OK);
	if ((rc = load(pg->x, d->e, pos, order, want_open, d, &pg->docs)) !=
	    ST_OK)
		return (rc);
	if (pg->docs.n > first)
		xqsort(pg->docs.v + first, pg->docs.n - first,
		    sizeof *pg->docs.v, slot_cmp);
	/* The ones in hand already (named by the payment too) first. */
	for (i = 0; i < pg->docs.n && amt > 0; i++) {
		ds = &pg->docs.v[i];
		if ((uint64_t)record_int(ds->r, pos) != order ||
		    !is_debt(d, ds->r) || doc_open(d, ds->r) <= 0)
			continue;
		take = doc_open(d, ds->r);
		if (take > amt)
			take = amt;
		if (take > record_int(pg->pay->r, M.p_adv))
			take = record_int(pg->pay->r, M.p_adv);
		if (take <= 0)
			break;
		if ((rc = settle(pg->x, d, pg->bal, pg->pay, ds, take,
		    pg->cause)) != ST_OK)
			return (rc);
		amt -= take;
	}
	return (ST_OK);
}

/* One number of the payment's document list, with an optional part. */
static int
pay_doc(struct paying *pg, const char *tok, int *named_req)
{
	const struct debt	*d = &M.d[pg->c.sup];
	struct docref		 ref;
	struct record		*r;
	struct slot		*s;
	struct value		 v;
	uint64_t		 id;
	int64_t			 part = -1, due, left;
	char			*code, *colon, a[32], b[32], cc[32];
	int			 rc, cp, total, paid;

	code = xstrdup(tok);
	if ((colon = strchr(code, ':')) != NULL) {
		*colon++ = '\0';
		char	*why = NULL;

		if (money_parse(colon, &part, &why) != 0 || part <= 0) {
			free(why);
			rc = fail(pg->cause, ST_INVALID, _("column 'document': "
			    "%s: the part after ':' is not an amount more "
			    "than 0"), code);
			goto out;
		}
	}
	if (docref_of(code, &ref) != 0) {
		rc = fail(pg->cause, ST_INVALID, _("column 'document': %s is "
		    "not a number of a document a payment pays (INV-, SO-, "
		    "SHP-, PO-, RCP-)"), code);
		goto out;
	}
	if (ref.out != pg->c.sup) {
		rc = fail(pg->cause, ST_INVALID, pg->c.sup ?
		    _("column 'document': %s is a customer's document; a "
		    "payment out pays a supplier's") : _("column 'document': "
		    "%s is a supplier's document; a payment in pays a "
		    "customer's"), code);
		goto out;
	}
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = code;
	for (char *p = code; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	if ((rc = tx_find(pg->x, ref.e, FX_CODE, &v, &id)) != ST_OK) {
		if (rc == ST_NOTFOUND)
			rc = fail(pg->cause, ST_INVALID, _("column 'document': "
			    "no document numbered %s"), code);
		goto out;
	}
	if ((s = set_find(ref.request ? &pg->reqs : &pg->docs, id)) == NULL) {
		if ((rc = tx_get(pg->x, ref.e, id, 1, &r)) != ST_OK)
			goto out;
		s = set_add(ref.request ? &pg->reqs : &pg->docs, r, 1);
	}
	r = s->r;
	/* A purchase order sent before its gross was kept: counted now. */
	if (r->ent == M.po && !record_isset(r, M.po_gross) &&
	    record_str(r, M.po_status) != NULL && !is(record_str(r,
	    M.po_status), "draft")) {
		int64_t	 net, gross;

		if ((rc = po_amounts(pg->x, record_id(r), &net, &gross)) !=
		    ST_OK)
			goto out;
		record_set_int(r, M.po_gross, gross);
		s->dirty = 1;
	}
	if (ref.request) {
		req_fields(r, &cp, &total, &paid);
		if ((uint64_t)record_int(r, cp) != pg->c.id) {
			rc = fail(pg->cause, ST_INVALID, _("column 'document': "
			    "%s is %s's, not the payer's"), code,
			    cp_code(pg->x, &(struct cp){ pg->c.sup,
			    (uint64_t)record_int(r, cp) }, cc, sizeof cc));
			goto out;
		}
		if ((r->ent == M.inv && is(record_str(r, M.inv_status),
		    "cancelled")) || (r->ent == M.so && is(record_str(r,
		    dict_field_pos(M.so, "status")), "cancelled"))) {
			rc = fail(pg->cause, ST_INVALID, _("column 'document': "
			    "%s is cancelled"), code);
			goto out;
		}
		due = record_int(r, total) - record_int(r, paid);
		left = record_int(pg->pay->r, M.p_amount) -
		    record_int(pg->pay->r, M.p_applied);
		if (part > due) {
			rc = fail(pg->cause, ST_INVALID, _("column 'document': "
			    "%s: %s is due, %s given"), code, mfmt(due > 0 ?
			    due : 0, a, sizeof a), mfmt(part, b, sizeof b));
			goto out;
		}
		if (part < 0)
			part = due < left ? due : left;
		if (part > left) {
			rc = fail(pg->cause, ST_INVALID, _("column 'document': "
			    "%s: %s given, but only %s of the payment is "
			    "left"), code, mfmt(part, a, sizeof a), mfmt(left,
			    b, sizeof b));
			goto out;
		}
		*named_req = 1;
		if (part > 0 && (rc = apply(pg, s, ref.kind, ref.apos, part)) !=
		    ST_OK)
			goto out;
		rc = settle_req(pg, r, part);
		goto out;
	}
	if (!is_debt(d, r) || (uint64_t)record_int(r, d->cp) != pg->c.id) {
		rc = fail(pg->cause, ST_INVALID, !is_debt(d, r) ?
		    _("column 'document': %s is not posted: nothing is owed "
		    "for it yet") : _("column 'document': %s is another "
		    "counterparty's"), code);
		goto out;
	}
	due = doc_open(d, r);
	left = record_int(pg->pay->r, M.p_adv);
	if (part > due) {
		rc = fail(pg->cause, ST_INVALID, _("column 'document': %s: %s "
		    "is owed for it, %s given"), code, mfmt(due > 0 ? due : 0,
		    a, sizeof a), mfmt(part, b, sizeof b));
		goto out;
	}
	if (part < 0)
		part = due < left ? due : left;
	if (part > left) {
		rc = fail(pg->cause, ST_INVALID, _("column 'document': %s: %s "
		    "given, but only %s of the payment is left"), code,
		    mfmt(part, a, sizeof a), mfmt(left, b, sizeof b));
		goto out;
	}
	rc = part > 0 ? settle(pg->x, d, pg->bal, pg->pay, s, part,
	    pg->cause) : ST_OK;
out:
	free(code);
	return (rc);
}

static int
want_unpaid_invoice(const struct record *r, const struct debt *d)
{
	(void)d;
	return ((is(record_str(r, M.inv_status), "unpaid") ||
	    is(record_str(r, M.inv_status), "part_paid")) &&
	    record_int(r, M.inv_gross) > record_int(r, M.inv_paid));
}

/* A payment naming no request pays the oldest unpaid invoices. */
static int
apply_invoices(struct paying *pg)
{
	size_t	 first = pg->reqs.n, i;
	int64_t	 left, amt;
	int	 rc;

	if ((rc = load(pg->x, M.inv, M.inv_cust, pg->c.id,
	    want_unpaid_invoice, NULL, &pg->reqs)) != ST_OK)
		return (rc);
	if (pg->reqs.n > first)
		xqsort(pg->reqs.v + first, pg->reqs.n - first,
		    sizeof *pg->reqs.v, slot_cmp);
	for (i = first; i < pg->reqs.n; i++) {
		left = record_int(pg->pay->r, M.p_amount) -
		    record_int(pg->pay->r, M.p_applied);
		if (left <= 0)
			break;
		amt = record_int(pg->reqs.v[i].r, M.inv_gross) -
		    record_int(pg->reqs.v[i].r, M.inv_paid);
		if (amt > left)
			amt = left;
		if ((rc = apply(pg, &pg->reqs.v[i], "invoice", M.a_inv,
		    amt)) != ST_OK)
			return (rc);
	}
	return (ST_OK);
}

static int
account_move(struct tx *x, uint64_t id, int64_t d, char **cause)
{
	struct record	*a;
	char		 m1[32], m2[32];
	int		 rc;

	if ((rc = tx_get(x, M.acct, id, 1, &a)) != ST_OK)
		return (rc == ST_NOTFOUND ? fail(cause, ST_INVALID,
		    _("column 'account': no such account")) : rc);
	if (d < 0 && is(record_str(a, M.ac_kind), "cash") &&
	    record_int(a, M.ac_bal) + d < 0)
		rc = fail(cause, ST_INVALID, _("%s: %s in the cash desk, %s "
		    "to pay out"), record_str(a, FX_CODE), mfmt(record_int(a,
		    M.ac_bal), m1, sizeof m1), mfmt(-d, m2, sizeof m2));
	else {
		record_set_int(a, M.ac_bal, record_int(a, M.ac_bal) + d);
		rc = tx_update(x, a, record_rev(a), cause);
	}
	record_free(a);
	return (rc);
}

/* A text field of a payment, checked as a typed one would be. */
static int
pay_text(struct record *p, int pos, const char *text, char **cause)
{
	const struct field_def	*f = &M.pay->fields[pos];
	struct value		 v;
	char			*why = NULL;

	if (text == NULL || *text == '\0')
		return (ST_OK);
	if (value_parse(f, text, &v, &why) != 0) {
		fail(cause, ST_INVALID, _("column '%s': %s"), f->name, why);
		free(why);
		return (ST_INVALID);
	}
	record_set_value(p, pos, &v);
	value_free(&v);
	return (ST_OK);
}

/* A payment seen before: one with the same bank key from the same
 * counterparty. */
struct same_pay {
	int		 out;
	uint64_t	 party;
	uint64_t	 id;		/* found */
};

static int
same_payer(const struct record *r, void *arg)
{
	struct same_pay	*sm = arg;

	if ((uint64_t)record_int(r, sm->out ? M.p_sup : M.p_cust) !=
	    sm->party || !is(record_str(r, M.p_status), "posted"))
		return (0);
	sm->id = record_id(r);
	return (1);
}

int
money_pay(struct tx *x, const struct money_payment *mp, uint64_t *id,
    int *dup, char **cause)
{
	struct paying	 pg;
	struct record	*p, *a;
	struct value	 v;
	struct same_pay	 sm;
	char		*key = NULL, *code = NULL, *list, *tok, *save;
	int64_t		 date = mp->date != 0 ? mp->date : stock_today();
	int		 rc, named_req = 0;

	fields_init();
	*id = 0;
	*dup = 0;
	memset(&pg, 0, sizeof pg);
	pg.x = x;
	pg.cause = cause;
	if (mp->amount <= 0)
		return (fail(cause, ST_INVALID, _("column 'amount': more than "
		    "0 expected")));
	if (mp->account == 0)
		return (fail(cause, ST_INVALID, _("column 'account': a value "
		    "is required")));
	if ((rc = tx_get(x, M.acct, mp->account, 0, &a)) != ST_OK)
		return (rc == ST_NOTFOUND ? fail(cause, ST_INVALID,
		    _("column 'account': no such account")) : rc);
	rc = record_int(a, M.ac_inactive) ? fail(cause, ST_INVALID,
	    _("column 'account': %s is closed"), record_str(a, FX_CODE)) :
	    ST_OK;
	record_free(a);
	if (rc != ST_OK)
		return (rc);
	if (mp->out ? mp->supplier == 0 || mp->customer != 0 :
	    mp->customer == 0 || mp->supplier != 0)
		return (fail(cause, ST_INVALID, mp->out ? _("column "
		    "'supplier': a payment out is made to a supplier") :
		    _("column 'customer': a payment in comes from a "
		    "customer")));
	pg.c.sup = mp->out;
	pg.c.id = mp->out ? mp->supplier : mp->customer;
	if ((rc = tx_get(x, mp->out ? M.sup : M.cust, pg.c.id, 0, &a)) !=
	    ST_OK)
		return (rc == ST_NOTFOUND ? fail(cause, ST_INVALID, mp->out ?
		    _("column 'supplier': no such supplier") :
		    _("column 'customer': no such customer")) : rc);
	record_free(a);

	/*
	 * The same line of a second statement: the same account, date, bank
	 * number, amount and direction (the key, kept as it always was, so
	 * no home's index needs building again) from the same counterparty.
	 * Payment orders are numbered by each payer: two customers' "No 1"
	 * of the same day and sum are two payments.
	 */
	if (mp->bank_number != NULL && *mp->bank_number != '\0') {
		xasprintf(&key, "%llu|%lld|%s|%lld|%s",	/* i18n: no */
		    (unsigned long long)mp->account, (long long)date,
		    mp->bank_number, (long long)mp->amount,
		    mp->out ? "out" : "in");
		memset(&v, 0, sizeof v);
		v.set = 1;
		v.s = key;
		sm.out = mp->out;
		sm.party = pg.c.id;
		sm.id = 0;
		rc = tx_find_rows(x, M.pay, M.p_dup, &v, same_payer, &sm);
		if (sm.id != 0) {
			*dup = 1;
			*id = sm.id;
			free(key);
			return (ST_OK);
		}
		if (rc != ST_OK && rc != ST_NOTFOUND) {
			free(key);
			return (rc);
		}
	}

	p = record_new(M.pay);
	if ((rc = stock_number(x, "payment", date, &code)) != ST_OK)
		goto out;
	record_set_str(p, FX_CODE, code);
	record_set_str(p, M.p_dir, mp->out ? "out" : "in");
	record_set_int(p, M.p_date, date);
	record_set_int(p, M.p_acct, (int64_t)mp->account);
	record_set_int(p, mp->out ? M.p_sup : M.p_cust, (int64_t)pg.c.id);
	record_set_int(p, M.p_amount, mp->amount);
	if ((rc = pay_text(p, M.p_doc, mp->document, cause)) != ST_OK ||
	    (rc = pay_text(p, M.p_purpose, mp->purpose, cause)) != ST_OK ||
	    (rc = pay_text(p, M.p_bankno, mp->bank_number, cause)) != ST_OK ||
	    (rc = pay_text(p, M.p_source, mp->source, cause)) != ST_OK)
		goto out;
	if (key != NULL)
		record_set_str(p, M.p_dup, key);
	record_set_str(p, M.p_status, "posted");
	record_set_int(p, M.p_alloc, 0);
	record_set_int(p, M.p_adv, mp->amount);
	record_set_int(p, M.p_applied, 0);
	record_set_int(p, M.p_posted, (int64_t)time(NULL));
	record_set_str(p, M.p_posted_by, tx_login(x));
	if ((rc = tx_insert(x, p, cause)) != ST_OK)
		goto out;
	*id = record_id(p);
	pg.pay = set_add(&pg.pays, p, 1);
	p = NULL;
	if ((rc = account_move(x, mp->account, mp->out ? -mp->amount :
	    mp->amount, cause)) != ST_OK)
		goto out;
	if ((rc = bal_get(x, &pg.c, &pg.bal)) != ST_OK)
		goto out;
	bal_add(pg.bal, M.b_paid, mp->amount);
	bal_add(pg.bal, M.b_adv, mp->amount);

	if (mp->document != NULL) {
		list = xstrdup(mp->document);
		for (tok = strtok_r(list, " ,;", &save); tok != NULL &&
		    rc == ST_OK; tok = strtok_r(NULL, " ,;", &save))
			rc = pay_doc(&pg, tok, &named_req);
		free(list);
		if (rc != ST_OK)
			goto out;
	}
	if (!named_req && !mp->out && (rc = apply_invoices(&pg)) != ST_OK)
		goto out;
	rc = match(x, &pg.c, pg.bal, &pg.docs, &pg.pays, cause);
	if (rc == ST_OK)
		rc = bal_put(x, pg.bal, cause);
out:
	rc = set_flush(x, &pg.docs, rc, cause);
	rc = set_flush(x, &pg.reqs, rc, cause);
	rc = set_flush(x, &pg.pays, rc, cause);
	record_free(pg.bal);
	record_free(p);
	free(code);
	free(key);
	return (rc);
}

/* --- reversing one ------------------------------------------------------- */

/* Take back an allocation: the document it paid or settled gets it back
 * (into pg's sets), and the allocation goes. */
static int
unallocate(struct paying *pg, uint64_t aid)
{
	const struct debt	*d = &M.d[pg->c.sup];
	const struct entity_def	*e;
	struct record		*al, *r;
	struct set		*set;
	struct slot		*s;
	const char		*kind;
	uint64_t		 id;
	int64_t			 amt;
	int			 pos, cp, total, paid, rc;

	if ((rc = tx_get(pg->x, M.al, aid, 1, &al)) != ST_OK)
		return (rc);
	kind = record_str(al, M.a_kind);
	amt = record_int(al, M.a_amount);
	if (is(kind, "shipment") || is(kind, "receipt")) {
		e = d->e;
		pos = d->apos;
	} else if (is(kind, "invoice")) {
		e = M.inv;
		pos = M.a_inv;
	} else if (is(kind, "order")) {
		e = M.so;
		pos = M.a_so;
	} else {
		e = M.po;
		pos = M.a_po;
	}
	id = (uint64_t)record_int(al, pos);
	record_free(al);
	if ((rc = tx_delete(pg->x, M.al, aid, 0, pg->cause)) != ST_OK)
		return (rc);
	set = e == d->e ? &pg->docs : &pg->reqs;
	if ((s = set_find(set, id)) == NULL) {
		if ((rc = tx_get(pg->x, e, id, 1, &r)) != ST_OK)
			return (rc);
		s = set_add(set, r, 1);
	}
	if (e == d->e) {
		record_set_int(s->r, d->paid, record_int(s->r, d->paid) - amt);
		bal_open_add(pg->bal, record_int(s->r, d->due), amt);
		record_set_int(pg->pay->r, M.p_alloc, record_int(pg->pay->r,
		    M.p_alloc) - amt);
	} else {
		req_fields(s->r, &cp, &total, &paid);
		record_set_int(s->r, paid, record_int(s->r, paid) - amt);
		if (e == M.inv)
			invoice_status(s->r);
		record_set_int(pg->pay->r, M.p_applied, record_int(pg->pay->r,
		    M.p_applied) - amt);
	}
	s->dirty = pg->pay->dirty = 1;
	return (ST_OK);
}

int
money_cancel(struct tx *x, uint64_t id, char **cause)
{
	struct paying	 pg;
	struct record	*p;
	struct ids	 ids = { NULL, 0 }, inv = { NULL, 0 };
	int64_t		 amt;
	size_t		 i;
	int		 rc;

	fields_init();
	memset(&pg, 0, sizeof pg);
	pg.x = x;
	pg.cause = cause;
	if ((rc = tx_get(x, M.pay, id, 1, &p)) != ST_OK)
		return (rc == ST_NOTFOUND ? fail(cause, ST_INVALID,
		    _("payment %llu does not exist"), (unsigned long long)id) :
		    rc);
	pg.pay = set_add(&pg.pays, p, 1);
	if (!is(record_str(p, M.p_status), "posted")) {
		rc = fail(cause, ST_INVALID, _("%s is %s already"),
		    record_str(p, FX_CODE),
		    dict_enum_word(record_str(p, M.p_status)));
		goto out;
	}
	pg.c.sup = is(record_str(p, M.p_dir), "out");
	pg.c.id = (uint64_t)record_int(p, pg.c.sup ? M.p_sup : M.p_cust);
	amt = record_int(p, M.p_amount);
	if ((rc = account_move(x, (uint64_t)record_int(p, M.p_acct),
	    pg.c.sup ? amt : -amt, cause)) != ST_OK)
		goto out;
	if ((rc = bal_get(x, &pg.c, &pg.bal)) != ST_OK)
		goto out;
	if ((rc = stock_ids(x, M.al, "payment", id, 1, &ids)) != ST_OK)
		goto out;
	for (i = 0; i < ids.n && rc == ST_OK; i++)
		rc = unallocate(&pg, ids.v[i]);
	free(ids.v);
	if (rc != ST_OK)
		goto out;
	bal_add(pg.bal, M.b_paid, -amt);
	bal_add(pg.bal, M.b_adv, -record_int(p, M.p_adv));
	record_set_int(p, M.p_adv, 0);
	record_set_str(p, M.p_status, "cancelled");
	/* Its bank key goes: the same line may come in again. */
	record_clear(p, M.p_dup);
	pg.pay->dirty = 1;
	rc = match(x, &pg.c, pg.bal, &pg.docs, &pg.pays, cause);
	if (rc == ST_OK)
		rc = bal_put(x, pg.bal, cause);
	/* The invoices it paid are open again: what the customer's other
	 * payments left unapplied pays them, as it would a new one. */
	for (i = 0; i < pg.reqs.n; i++)
		if (pg.reqs.v[i].r->ent == M.inv) {
			inv.v = xreallocarray(inv.v, inv.n + 1,
			    sizeof *inv.v);
			inv.v[inv.n++] = record_id(pg.reqs.v[i].r);
		}
out:
	rc = set_flush(x, &pg.docs, rc, cause);
	rc = set_flush(x, &pg.reqs, rc, cause);
	rc = set_flush(x, &pg.pays, rc, cause);
	for (i = 0; i < inv.n && rc == ST_OK; i++)
		rc = money_invoice_made(x, inv.v[i], cause);
	free(inv.v);
	record_free(pg.bal);
	return (rc);
}

/* --- postings that change what is owed ----------------------------------- */

/* A new debt document: due after the terms, settled from advances. */
static int
debt_posted(struct tx *x, int sup, struct record *doc, int64_t terms,
    char **cause)
{
	const struct debt	*d = &M.d[sup];
	struct cp		 c;
	struct record		*bal;
	struct set		 docs, pays;
	int64_t			 amt = record_int(doc, d->amount);
	int			 rc;

	memset(&docs, 0, sizeof docs);
	memset(&pays, 0, sizeof pays);
	/* Posted in the caller's transaction, which writes it. */
	record_set_str(doc, d->status, "posted");
	record_set_int(doc, d->paid, 0);
	record_set_int(doc, d->due, date_add_days(record_int(doc, d->date),
	    terms > 0 ? terms : 0));
	c.sup = sup;
	c.id = (uint64_t)record_int(doc, d->cp);
	if (c.id == 0 || amt <= 0)
		return (ST_OK);
	if ((rc = bal_get(x, &c, &bal)) != ST_OK)
		return (rc);
	bal_add(bal, M.b_docs, amt);
	bal_open_add(bal, record_int(doc, d->due), amt);
	if (!record_isset(bal, M.b_due) || record_int(doc, d->due) <
	    record_int(bal, M.b_due))
		record_set_int(bal, M.b_due, record_int(doc, d->due));
	/* The caller's record: matched, not written here. */
	set_add(&docs, doc, 0);
	if (record_int(bal, M.b_adv) > 0)
		rc = match(x, &c, bal, &docs, &pays, cause);
	if (rc == ST_OK)
		rc = bal_put(x, bal, cause);
	rc = set_flush(x, &docs, rc, cause);
	rc = set_flush(x, &pays, rc, cause);
	record_free(bal);
	return (rc);
}

int
money_shipment_posted(struct tx *x, struct record *s, char **cause)
{
	struct record	*r;
	int64_t		 terms = -1;
	int		 rc;

	fields_init();
	if (record_int(s, M.shp_order) != 0) {
		if ((rc = tx_get(x, M.so, (uint64_t)record_int(s, M.shp_order),
		    0, &r)) != ST_OK)
			return (rc);
		if (record_isset(r, M.so_terms))
			terms = record_int(r, M.so_terms);
		record_free(r);
	}
	if (terms < 0) {
		if ((rc = tx_get(x, M.cust, (uint64_t)record_int(s,
		    M.d[0].cp), 0, &r)) != ST_OK)
			return (rc);
		terms = record_int(r, M.c_terms);
		record_free(r);
	}
	return (debt_posted(x, 0, s, terms, cause));
}

int
money_receipt_posted(struct tx *x, struct record *doc, int64_t payable,
    char **cause)
{
	struct record	*r;
	int64_t		 terms = 0;
	int		 rc;

	fields_init();
	record_set_int(doc, M.d[1].amount, payable);
	if (record_int(doc, M.d[1].cp) == 0)
		return (ST_OK);
	if ((rc = tx_get(x, M.sup, (uint64_t)record_int(doc, M.d[1].cp), 0,
	    &r)) != ST_OK)
		return (rc);
	terms = record_int(r, M.s_terms);
	record_free(r);
	return (debt_posted(x, 1, doc, terms, cause));
}

struct al_slot {
	uint64_t	 id;
	uint64_t	 pay;
	int64_t		 amount, date;
};

static int
al_cmp_newest(const void *a, const void *b)
{
	const struct al_slot	*x = a, *y = b;

	if (x->date != y->date)
		return (x->date > y->date ? -1 : 1);
	return (x->id > y->id ? -1 : x->id < y->id);
}

int
money_doc_reduced(struct tx *x, struct record *doc, int64_t amount,
    char **cause)
{
	const struct debt	*d;
	struct cp		 c;
	struct record		*bal = NULL, *al;
	struct set		 docs, pays;
	struct slot		*ps;
	struct ids		 ids = { NULL, 0 };
	struct al_slot		*v = NULL;
	int64_t			 excess, take;
	size_t			 i;
	int			 rc;

	fields_init();
	memset(&docs, 0, sizeof docs);
	memset(&pays, 0, sizeof pays);
	c.sup = doc->ent == M.d[1].e;
	d = &M.d[c.sup];
	c.id = (uint64_t)record_int(doc, d->cp);
	if (c.id == 0 || amount == 0)
		return (ST_OK);
	if ((rc = bal_get(x, &c, &bal)) != ST_OK)
		return (rc);
	excess = record_int(doc, d->paid) - record_int(doc, d->amount);
	if (excess < 0)
		excess = 0;
	bal_add(bal, M.b_docs, -amount);
	bal_open_add(bal, record_int(doc, d->due), -amount + excess);
	bal_add(bal, M.b_adv, excess);
	/* What was paid past it goes back to its payments, newest first. */
	if (excess > 0) {
		if ((rc = stock_ids(x, M.al, d->akind, record_id(doc), 1,
		    &ids)) != ST_OK)
			goto out;
		v = xcalloc(ids.n + 1, sizeof *v);
		for (i = 0; i < ids.n; i++) {
			if ((rc = tx_get(x, M.al, ids.v[i], 1, &al)) != ST_OK)
				goto out;
			v[i].id = ids.v[i];
			v[i].pay = (uint64_t)record_int(al, M.a_pay);
			v[i].amount = record_int(al, M.a_amount);
			v[i].date = record_int(al, M.a_date);
			record_free(al);
		}
		xqsort(v, ids.n, sizeof *v, al_cmp_newest);
		for (i = 0; i < ids.n && excess > 0; i++) {
			take = v[i].amount < excess ? v[i].amount : excess;
			if ((ps = set_find(&pays, v[i].pay)) == NULL) {
				if ((rc = tx_get(x, M.pay, v[i].pay, 1,
				    &al)) != ST_OK)
					goto out;
				ps = set_add(&pays, al, 1);
			}
			record_set_int(ps->r, M.p_alloc, record_int(ps->r,
			    M.p_alloc) - take);
			record_set_int(ps->r, M.p_adv, record_int(ps->r,
			    M.p_adv) + take);
			ps->dirty = 1;
			if ((rc = tx_get(x, M.al, v[i].id, 1, &al)) != ST_OK)
				goto out;
			if (take == v[i].amount)
				rc = tx_delete(x, M.al, v[i].id, 0, cause);
			else {
				record_set_int(al, M.a_amount, v[i].amount -
				    take);
				rc = tx_update(x, al, record_rev(al), cause);
			}
			record_free(al);
			if (rc != ST_OK)
				goto out;
			record_set_int(doc, d->paid, record_int(doc, d->paid) -
			    take);
			excess -= take;
		}
	}
	/* The money freed settles the counterparty's other documents; this
	 * one is the caller's and has nothing open. */
	set_add(&docs, doc, 0);
	rc = match(x, &c, bal, &docs, &pays, cause);
	if (rc == ST_OK)
		rc = bal_put(x, bal, cause);
out:
	free(v);
	free(ids.v);
	rc = set_flush(x, &docs, rc, cause);
	rc = set_flush(x, &pays, rc, cause);
	record_free(bal);
	return (rc);
}

static int
want_unapplied(const struct record *r, const struct debt *d)
{
	(void)d;
	return (is(record_str(r, M.p_status), "posted") &&
	    record_int(r, M.p_amount) > record_int(r, M.p_applied));
}

int
money_invoice_made(struct tx *x, uint64_t id, char **cause)
{
	struct paying	 pg;
	struct record	*inv;
	struct slot	*is_;
	int64_t		 amt, due;
	size_t		 i;
	int		 rc;

	fields_init();
	memset(&pg, 0, sizeof pg);
	pg.x = x;
	pg.cause = cause;
	if ((rc = tx_get(x, M.inv, id, 1, &inv)) != ST_OK)
		return (rc);
	is_ = set_add(&pg.reqs, inv, 1);
	pg.c.id = (uint64_t)record_int(inv, M.inv_cust);
	if ((rc = load(x, M.pay, M.p_cust, pg.c.id, want_unapplied,
	    NULL, &pg.pays)) != ST_OK)
		goto out;
	xqsort(pg.pays.v, pg.pays.n, sizeof *pg.pays.v, slot_cmp);
	for (i = 0; i < pg.pays.n && rc == ST_OK; i++) {
		due = record_int(inv, M.inv_gross) - record_int(inv,
		    M.inv_paid);
		if (due <= 0)
			break;
		amt = record_int(pg.pays.v[i].r, M.p_amount) -
		    record_int(pg.pays.v[i].r, M.p_applied);
		if (amt > due)
			amt = due;
		pg.pay = &pg.pays.v[i];
		rc = apply(&pg, is_, "invoice", M.a_inv, amt);
	}
out:
	rc = set_flush(x, &pg.reqs, rc, cause);
	rc = set_flush(x, &pg.pays, rc, cause);
	return (rc);
}

/* --- reading balances ---------------------------------------------------- */

/*
 * A balance is read, never locked for writing: the balances record by its
 * code (tx_find, then tx_get without rmw), the documents, payments and
 * allocations over their indexes in one cursor walk each (tx_find_rows).
 *
 * Now (asof 0) it is the balances record (which keeps what is open by due
 * date), and the open documents when they are wanted.  As of a
 * date it is that day's history: the documents dated up to then; what
 * each had paid of it then, which is what is paid now less the
 * allocations dated after the day (a payment dated after it, or an
 * advance that settled a document only after it); and the advances then,
 * the payments dated up to the day with what they settled after it given
 * back.  An allocation's date is the later of its payment's and its
 * document's, the day the money met the debt.  A cancelled payment is
 * taken as never made, and a return as made on its shipment's day (what
 * it gave back is not dated).
 */

struct undo {
	uint64_t	 id;		/* the document */
	int64_t		 amount;
};

struct reading {
	const struct debt	*d;
	int64_t			 asof;
	int			 exact;
	struct set		 docs;		/* copies, ours */
	int64_t			 docsum;	/* documents dated by then */
	int64_t			 paysum;	/* payments dated by then */
	int64_t			 adv;		/* their advances then */
	int64_t			 paydate;	/* of the payment being read */
	struct undo		*u;		/* settled after asof */
	size_t			 nu;
	struct undo		*pays;		/* posted payments: id, date */
	size_t			 npays;
};

/* The balances record of c, read (ST_NOTFOUND: none yet). */
static int
bal_read(struct tx *x, const struct cp *c, struct record **out)
{
	struct value	 v;
	uint64_t	 id;
	char		 code[32];
	int		 rc;

	snprintf(code, sizeof code, "%c%llu", c->sup ? 'S' : 'C',
	    (unsigned long long)c->id);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = code;
	if ((rc = tx_find(x, M.bal, FX_CODE, &v, &id)) != ST_OK)
		return (rc);
	return (tx_get(x, M.bal, id, 0, out));
}

static int
read_doc(const struct record *r, void *arg)
{
	struct reading	*g = arg;

	if (!is_debt(g->d, r) || record_int(r, g->d->date) > g->asof)
		return (0);
	g->docsum += record_int(r, g->d->amount);
	if (g->exact || doc_open(g->d, r) > 0)
		set_add(&g->docs, record_dup(r), 1);
	return (0);
}

static int
read_pay(const struct record *r, void *arg)
{
	struct reading	*g = arg;

	if (!is(record_str(r, M.p_status), "posted"))
		return (0);
	if (record_int(r, M.p_date) <= g->asof) {
		g->paysum += record_int(r, M.p_amount);
		g->adv += record_int(r, M.p_adv);
	}
	g->pays = xreallocarray(g->pays, g->npays + 1, sizeof *g->pays);
	g->pays[g->npays].id = record_id(r);
	g->pays[g->npays++].amount = record_int(r, M.p_date);
	return (0);
}

/* An allocation of the payment being read: one dated after the day
 * settled nothing then. */
static int
read_alloc(const struct record *r, void *arg)
{
	struct reading	*g = arg;

	if (record_int(r, M.a_date) <= g->asof ||
	    !is(record_str(r, M.a_kind), g->d->akind))
		return (0);
	g->u = xreallocarray(g->u, g->nu + 1, sizeof *g->u);
	g->u[g->nu].id = (uint64_t)record_int(r, g->d->apos);
	g->u[g->nu++].amount = record_int(r, M.a_amount);
	/* Its payment was there by then: this part was an advance. */
	if (g->paydate <= g->asof)
		g->adv += record_int(r, M.a_amount);
	return (0);
}

static int
undo_cmp(const void *a, const void *b)
{
	const struct undo	*x = a, *y = b;

	return (x->id < y->id ? -1 : x->id > y->id);
}

/* What was settled of document id after the day. */
static int64_t
undo_of(const struct reading *g, uint64_t id)
{
	struct undo	 k, *u;

	k.id = id;
	if (g->nu == 0 || (u = bsearch(&k, g->u, g->nu, sizeof *g->u,
	    undo_cmp)) == NULL)
		return (0);
	return (u->amount);
}

/* The counterparty's documents and payments as of the day (exact), or
 * its open documents now, into g. */
static int
read_history(struct tx *x, const struct cp *c, struct reading *g)
{
	struct value	 v;
	size_t		 i, j;
	int		 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)c->id;
	if ((rc = tx_find_rows(x, g->d->e, g->d->cp, &v, read_doc, g)) !=
	    ST_OK || !g->exact)
		return (rc);
	if ((rc = tx_find_rows(x, M.pay, c->sup ? M.p_sup : M.p_cust, &v,
	    read_pay, g)) != ST_OK)
		return (rc);
	for (i = 0; i < g->npays; i++) {
		v.i = (int64_t)g->pays[i].id;
		g->paydate = g->pays[i].amount;
		if ((rc = tx_find_rows(x, M.al, M.a_pay, &v, read_alloc,
		    g)) != ST_OK)
			return (rc);
	}
	/* By document, one entry each. */
	if (g->nu > 1)
		xqsort(g->u, g->nu, sizeof *g->u, undo_cmp);
	for (i = 0, j = 0; i < g->nu; i++) {
		if (j > 0 && g->u[j - 1].id == g->u[i].id)
			g->u[j - 1].amount += g->u[i].amount;
		else
			g->u[j++] = g->u[i];
	}
	g->nu = j;
	return (ST_OK);
}

/* Open (amt) due on due, aged to day, into out. */
static void
age(struct money_balance *out, int64_t due, int64_t day, int64_t amt)
{
	int64_t	 late;

	out->open += amt;
	if (out->oldest_due == 0 || due < out->oldest_due)
		out->oldest_due = due;
	late = days_between(due, day);
	if (late <= 0)
		out->current += amt;
	else {
		out->overdue += amt;
		out->aging[late <= 30 ? 0 : late <= 60 ? 1 : late <= 90 ? 2 :
		    3] += amt;
	}
}

int
money_balance_kept(const struct record *bal, struct money_balance *out)
{
	struct money_due	*v;
	int64_t			 day;
	size_t			 n, i;

	fields_init();
	memset(out, 0, sizeof *out);
	if (dues_parse(record_str(bal, M.b_odue), &v, &n) != 0)
		return (-1);
	day = stock_today();
	out->owed = record_int(bal, M.b_owed);
	out->advance = record_int(bal, M.b_adv);
	for (i = 0; i < n; i++)
		if (v[i].amount > 0)
			age(out, v[i].due, day, v[i].amount);
	free(v);
	return (0);
}

int
money_balance(struct tx *x, int sup, uint64_t id, int64_t asof,
    struct money_balance *out, struct money_doc **docsp, size_t *ndocs)
{
	struct reading		 g;
	struct cp		 c;
	struct record		*bal = NULL;
	struct money_doc	*v = NULL;
	int64_t			 open, day;
	size_t			 i, n = 0;
	int			 rc;

	fields_init();
	memset(out, 0, sizeof *out);
	memset(&g, 0, sizeof g);
	if (docsp != NULL) {
		*docsp = NULL;
		*ndocs = 0;
	}
	c.sup = sup != 0;
	c.id = id;
	g.d = &M.d[c.sup];
	g.exact = asof != 0;
	day = asof != 0 ? asof : stock_today();
	g.asof = asof != 0 ? asof : INT64_MAX;
	if (!g.exact) {
		rc = bal_read(x, &c, &bal);
		if (rc == ST_NOTFOUND)
			return (ST_OK);
		if (rc != ST_OK)
			return (rc);
		/* No documents wanted: the balance keeps what is open by
		 * due date. */
		if (docsp == NULL && money_balance_kept(bal, out) == 0) {
			record_free(bal);
			return (ST_OK);
		}
		out->owed = record_int(bal, M.b_owed);
		out->advance = record_int(bal, M.b_adv);
		rc = record_int(bal, M.b_open) > 0 ? read_history(x, &c, &g) :
		    ST_OK;
		record_free(bal);
	} else {
		rc = read_history(x, &c, &g);
		out->owed = g.docsum - g.paysum;
		out->advance = g.adv;
	}
	if (rc != ST_OK)
		goto out;
	if (g.docs.n > 1)
		xqsort(g.docs.v, g.docs.n, sizeof *g.docs.v, slot_cmp);
	for (i = 0; i < g.docs.n; i++) {
		const struct record	*r = g.docs.v[i].r;

		open = doc_open(g.d, r) + undo_of(&g, record_id(r));
		if (open <= 0)
			continue;
		age(out, record_int(r, g.d->due), day, open);
		if (docsp == NULL)
			continue;
		v = xreallocarray(v, n + 1, sizeof *v);
		memset(&v[n], 0, sizeof v[n]);
		v[n].entity = g.d->e->name;
		v[n].id = record_id(r);
		snprintf(v[n].code, sizeof v[n].code, "%s",
		    record_str(r, FX_CODE) ? record_str(r, FX_CODE) : "");
		v[n].date = record_int(r, g.d->date);
		v[n].due = record_int(r, g.d->due);
		v[n].amount = record_int(r, g.d->amount);
		v[n].paid = record_int(r, g.d->amount) - open;
		n++;
	}
	if (docsp != NULL) {
		*docsp = v;
		*ndocs = n;
		v = NULL;
	}
out:
	free(v);
	set_flush(x, &g.docs, ST_ABORT, NULL);
	free(g.u);
	free(g.pays);
	return (rc);
}

int
money_credit_check(struct tx *x, uint64_t customer, int64_t total,
    const char *order, int override, int *overridden, char **cause)
{
	struct money_balance	 b;
	struct record		*c;
	int64_t			 limit;
	char			 m1[32], m2[32], m3[32], code[32];
	int			 rc;

	fields_init();
	*overridden = 0;
	if ((rc = tx_get(x, M.cust, customer, 0, &c)) != ST_OK)
		return (rc);
	snprintf(code, sizeof code, "%s", record_str(c, FX_CODE) ?
	    record_str(c, FX_CODE) : "?");
	limit = record_isset(c, M.c_limit) ? record_int(c, M.c_limit) : -1;
	record_free(c);
	if ((rc = money_balance(x, 0, customer, 0, &b, NULL, NULL)) != ST_OK)
		return (rc);
	if (b.overdue > 0) {
		if (override) {
			*overridden = 1;
			return (ST_OK);
		}
		return (fail(cause, ST_INVALID, _("%s: %s has %s overdue "
		    "(owes %s in all); a manager may confirm it anyway"),
		    order, code, mfmt(b.overdue, m1, sizeof m1),
		    mfmt(b.owed, m2, sizeof m2)));
	}
	if (limit > 0 && b.owed + total > limit) {
		if (override) {
			*overridden = 1;
			return (ST_OK);
		}
		return (fail(cause, ST_INVALID, _("%s: %s owes %s; with this "
		    "order's %s that passes the credit limit of %s; a "
		    "manager may confirm it anyway"), order, code,
		    mfmt(b.owed, m1, sizeof m1), mfmt(total, m2, sizeof m2),
		    mfmt(limit, m3, sizeof m3)));
	}
	return (ST_OK);
}

/* --- payments as records ----------------------------------------------- */

static int
value_same(const struct field_def *f, const struct value *a,
    const struct value *b)
{
	if (a->set != b->set)
		return (0);
	if (!a->set)
		return (1);
	if (f->type == FT_TEXT || f->type == FT_ENUM)
		return (strcmp(a->s, b->s) == 0);
	return (a->i == b->i);
}

/* A payment is posted by money_pay() and cancelled by money_cancel();
 * saved as a record, only its notes and purpose change. */
static int
pay_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	size_t	 i;

	(void)x;
	fields_init();
	if (old == NULL)
		return (fail(cause, ST_INVALID, _("a payment is posted with "
		    "kontor pay, kontor import payments or bank-statement, or "
		    "the payments screen")));
	for (i = 0; i < r->ent->nfields; i++) {
		const struct field_def	*f = &r->ent->fields[i];

		if ((f->flags & FF_SYSTEM) || (int)i == M.p_purpose ||
		    strcmp(f->name, "notes") == 0)
			continue;
		if (!record_isset(r, (int)i))
			record_set_value(r, (int)i, &old->v[i]);
		else if (!value_same(f, &r->v[i], &old->v[i]))
			return (fail(cause, ST_INVALID, _("column '%s': a "
			    "posted payment keeps it; cancel the payment and "
			    "post another"), f->name));
	}
	return (ST_OK);
}

static int
pay_can_delete(struct tx *x, const struct record *r, char **cause)
{
	(void)x;
	return (fail(cause, ST_INVALID, _("%s stays: a payment is cancelled, "
	    "not deleted"), record_str(r, FX_CODE)));
}

/* --- the invariants ------------------------------------------------------ */

struct alsum {
	int	 pos;
	int64_t	 sum[2];		/* debt kinds, request kinds */
	int	 rc;
};

static int
alsum_one(struct tx *x, uint64_t id, void *arg)
{
	struct alsum	*s = arg;
	struct record	*a;
	const char	*k;

	if ((s->rc = tx_get(x, M.al, id, 0, &a)) != ST_OK)
		return (1);
	k = record_str(a, M.a_kind);
	s->sum[is(k, "shipment") || is(k, "receipt") ? 0 : 1] +=
	    record_int(a, M.a_amount);
	record_free(a);
	return (0);
}

/* The allocations whose field pos is id, summed by side. */
static int
alsum(struct tx *x, int pos, uint64_t id, int64_t sum[2])
{
	struct alsum	 s;
	struct value	 v;
	int		 rc;

	memset(&s, 0, sizeof s);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.i = (int64_t)id;
	rc = tx_find_each(x, M.al, pos, &v, 0, alsum_one, &s);
	if (rc == ST_NOTFOUND)
		rc = ST_OK;
	sum[0] = s.sum[0];
	sum[1] = s.sum[1];
	return (s.rc != ST_OK ? s.rc : rc);
}

static int
want_any(const struct record *r, const struct debt *d)
{
	(void)r;
	(void)d;
	return (1);
}

static void
bad(struct model_check_one *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
bad(struct model_check_one *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	buf_adds(a->report, s);
	buf_addc(a->report, '\n');
	free(s);
	a->bad++;
}

static int
check_cp_tx(struct tx *x, struct model_check_one *a, char **cause)
{
	const struct debt	*d;
	struct record		*b;
	struct set		 docs, pays, reqs;
	struct cp		 c;
	int64_t			 docsum = 0, open = 0, paid = 0, adv = 0, s[2];
	int64_t			 due = 0;
	char			 code[32], mb[10][32];
	size_t			 i;
	int			 rc, cp, total, rpaid;

	(void)cause;
	memset(&docs, 0, sizeof docs);
	memset(&pays, 0, sizeof pays);
	memset(&reqs, 0, sizeof reqs);
	if ((rc = tx_get(x, M.bal, a->id, 0, &b)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	c.sup = record_int(b, M.b_sup) != 0;
	c.id = (uint64_t)record_int(b, c.sup ? M.b_sup : M.b_cust);
	d = &M.d[c.sup];
	cp_code(x, &c, code, sizeof code);
	if ((rc = load(x, d->e, d->cp, c.id, want_any, d, &docs)) != ST_OK ||
	    (rc = load(x, M.pay, c.sup ? M.p_sup : M.p_cust, c.id, want_any,
	    NULL, &pays)) != ST_OK ||
	    (rc = load(x, c.sup ? M.po : M.inv, c.sup ? M.po_sup : M.inv_cust,
	    c.id, want_any, NULL, &reqs)) != ST_OK)
		goto out;
	if (!c.sup && (rc = load(x, M.so, M.so_cust, c.id, want_any,
	    NULL, &reqs)) != ST_OK)
		goto out;
	for (i = 0; i < docs.n; i++) {
		const struct record	*r = docs.v[i].r;

		if (!is_debt(d, r))
			continue;
		docsum += record_int(r, d->amount);
		open += doc_open(d, r);
		if (doc_open(d, r) > 0 && (due == 0 || record_int(r, d->due) <
		    due))
			due = record_int(r, d->due);
		if ((rc = alsum(x, d->apos, record_id(r), s)) != ST_OK)
			goto out;
		if (s[0] != record_int(r, d->paid) || doc_open(d, r) < 0)
			bad(a, _("%s: %s paid of %s owed, but its allocations "
			    "sum to %s"), record_str(r, FX_CODE),
			    mfmt(record_int(r, d->paid), mb[0], sizeof mb[0]),
			    mfmt(record_int(r, d->amount), mb[1], sizeof mb[1]),
			    mfmt(s[0], mb[2], sizeof mb[2]));
	}
	for (i = 0; i < pays.n; i++) {
		const struct record	*r = pays.v[i].r;
		int	 posted = is(record_str(r, M.p_status), "posted");

		if ((rc = alsum(x, M.a_pay, record_id(r), s)) != ST_OK)
			goto out;
		if (posted) {
			paid += record_int(r, M.p_amount);
			adv += record_int(r, M.p_adv);
		}
		if (s[0] != record_int(r, M.p_alloc) || s[1] !=
		    record_int(r, M.p_applied) || (posted &&
		    record_int(r, M.p_alloc) + record_int(r, M.p_adv) !=
		    record_int(r, M.p_amount)) || record_int(r, M.p_applied) >
		    record_int(r, M.p_amount) || record_int(r, M.p_adv) < 0 ||
		    (!posted && (s[0] != 0 || s[1] != 0)))
			bad(a, _("%s: amount %s, settled %s, advance %s, "
			    "applied %s, but its allocations: settling %s, "
			    "applied %s"), record_str(r, FX_CODE),
			    mfmt(record_int(r, M.p_amount), mb[0], 32),
			    mfmt(record_int(r, M.p_alloc), mb[1], 32),
			    mfmt(record_int(r, M.p_adv), mb[2], 32),
			    mfmt(record_int(r, M.p_applied), mb[3], 32),
			    mfmt(s[0], mb[4], sizeof mb[4]),
			    mfmt(s[1], mb[5], sizeof mb[5]));
	}
	for (i = 0; i < reqs.n; i++) {
		const struct record	*r = reqs.v[i].r;
		int			 pos = r->ent == M.inv ? M.a_inv :
					    r->ent == M.so ? M.a_so : M.a_po;

		req_fields(r, &cp, &total, &rpaid);
		if ((rc = alsum(x, pos, record_id(r), s)) != ST_OK)
			goto out;
		if (s[1] != record_int(r, rpaid) || record_int(r, rpaid) >
		    record_int(r, total))
			bad(a, _("%s: %s paid of %s, but payments applied to "
			    "it sum to %s"), record_str(r, FX_CODE),
			    mfmt(record_int(r, rpaid), mb[0], sizeof mb[0]),
			    mfmt(record_int(r, total), mb[1], sizeof mb[1]),
			    mfmt(s[1], mb[2], sizeof mb[2]));
	}
	if (docsum != record_int(b, M.b_docs) || paid != record_int(b,
	    M.b_paid) || open != record_int(b, M.b_open) || adv !=
	    record_int(b, M.b_adv) || record_int(b, M.b_owed) !=
	    docsum - paid)
		bad(a, _("%s: balance says documents %s, paid %s, owed %s, "
		    "open %s, advance %s; its documents and payments: %s, %s, "
		    "%s, %s, %s"), code,
		    mfmt(record_int(b, M.b_docs), mb[0], sizeof mb[0]),
		    mfmt(record_int(b, M.b_paid), mb[1], sizeof mb[1]),
		    mfmt(record_int(b, M.b_owed), mb[2], sizeof mb[2]),
		    mfmt(record_int(b, M.b_open), mb[3], sizeof mb[3]),
		    mfmt(record_int(b, M.b_adv), mb[4], sizeof mb[4]),
		    mfmt(docsum, mb[5], sizeof mb[5]),
		    mfmt(paid, mb[6], sizeof mb[6]),
		    mfmt(docsum - paid, mb[7], sizeof mb[7]),
		    mfmt(open, mb[8], sizeof mb[8]),
		    mfmt(adv, mb[9], sizeof mb[9]));
	else if (open > 0 && adv > 0)
		bad(a, _("%s: %s of advances while %s of documents are open"),
		    code, mfmt(adv, mb[0], sizeof mb[0]),
		    mfmt(open, mb[1], sizeof mb[1]));
	if (record_int(b, M.b_due) != due) {
		char	 day[2][16];

		if (record_int(b, M.b_due) != 0)
			date_format_people(record_int(b, M.b_due), day[0], 16);
		if (due != 0)
			date_format_people(due, day[1], 16);
		bad(a, _("%s: oldest due date %s, but its open documents' "
		    "%s"), code, record_int(b, M.b_due) != 0 ? day[0] : "-",
		    due != 0 ? day[1] : "-");
	}
	/* What is open by due date, when the balance keeps it. */
	if (record_isset(b, M.b_odue)) {
		struct money_due	*kept = NULL, *want = NULL;
		size_t			 nk = 0, nw = 0, j;
		int64_t			 dd;
		int			 parsed;

		xqsort(docs.v, docs.n, sizeof *docs.v, slot_cmp);
		for (i = 0; i < docs.n; i++) {
			const struct record	*r = docs.v[i].r;

			if (!is_debt(d, r) || doc_open(d, r) <= 0)
				continue;
			dd = record_int(r, d->due);
			if (nw == 0 || want[nw - 1].due != dd) {
				want = xreallocarray(want, nw + 1,
				    sizeof *want);
				want[nw].due = dd;
				want[nw++].amount = 0;
			}
			want[nw - 1].amount += doc_open(d, r);
		}
		parsed = dues_parse(record_str(b, M.b_odue), &kept, &nk) ==
		    0;
		j = !parsed || nk != nw;
		for (i = 0; !j && i < nk; i++)
			j = kept[i].due != want[i].due ||
			    kept[i].amount != want[i].amount;
		if (j) {
			/* As people read them; what does not read as dues,
			 * as it is. */
			char	*t = dues_people(want, nw);
			char	*k = parsed ? dues_people(kept, nk) :
				    xstrdup(record_str(b, M.b_odue));

			bad(a, _("%s: open by due date %s, but its open "
			    "documents' %s"), code, k, t);
			free(k);
			free(t);
		}
		free(kept);
		free(want);
	}
out:
	set_flush(x, &docs, ST_ABORT, NULL);
	set_flush(x, &pays, ST_ABORT, NULL);
	set_flush(x, &reqs, ST_ABORT, NULL);
	record_free(b);
	return (rc);
}

static int
collect_id(const struct record *r, void *arg)
{
	struct ids	*ids = arg;

	ids->v = xreallocarray(ids->v, ids->n + 1, sizeof *ids->v);
	ids->v[ids->n++] = record_id(r);
	return (0);
}

static int
money_check(struct store *st, struct buf *report)
{
	struct ids	 ids = { NULL, 0 };
	int		 nbad;

	fields_init();
	if (store_each(st, M.bal, collect_id, &ids) != ST_OK) {
		buf_printf(report, _("%s: cannot be read\n"), M.bal->name);
		return (1);
	}
	nbad = model_check_each(st, M.bal->name, ids.v, ids.n, check_cp_tx,
	    NULL, report);
	free(ids.v);
	return (nbad);
}

const struct model_def model_payments = {
	.entity = "payments",
	.validate = pay_validate,
	.can_delete = pay_can_delete,
	.check = money_check,
};
