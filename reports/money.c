/*
 * Money reports: who owes the firm and whom it owes (receivables,
 * payables), the money in each account (cash), and the payments of a
 * period (payments).  Money is int64 kopecks, as stored.
 *
 * receivables, payables: per customer (supplier) what is owed, the
 * advance, and the open debt documents (posted shipments; posted
 * receipts) by days past their due date: current (not yet due), 1-30,
 * 31-60, 61-90, over 90, and overdue in all; owed = open - advance; and a
 * total row.  Each row is money_balance()'s, the counterparties read a
 * page at a time, each page in one read transaction.  Now (no --as-of):
 * from the balances every posting keeps, never from a sum over all
 * documents: first those with open documents, over the balances'
 * oldest_due index (the longest overdue first), each page's rows sent as
 * soon as it is read, each row from its balance alone (which keeps what
 * is open by due date) and the counterparty's record; then those with
 * advances alone, found over the payments' advance index, by code.  As of a day (--as-of): that day's
 * history, the documents dated by then, open by what was not settled by
 * then (a payment dated after the day, and an advance set against a
 * document after it, undone), the advances then; of everyone with
 * something open or an advance now, or whose money moved after the day;
 * all read before the first row, in the same order.  Days past due are
 * counted to the day (today).  A sales clerk (neither manager nor
 * accountant nor administrator) sees the customers whose responsible
 * manager they are (customers.manager), read over that index and put in
 * the same order.
 *
 * cash: per account its money at the start of --from, what came in and
 * went out from --from to --to (today, both, by default), and its money at
 * the end of --to.  The account keeps its balance now; the ends of the
 * period are worked back from it over the posted payments dated from
 * --from on (their date index).
 *
 * payments: the posted payments dated from --from to --to, summed per
 * counterparty (--by counterparty, the default: customers, then
 * suppliers) or per account (--by account): in, out, how many.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/money.h"
#include "model/stock.h"
#include "reports/reports.h"
#include "xmalloc.h"

#define POS(e, n)	dict_field_pos(dict_entity(e), (n))

static char *
money_str(int64_t m)
{
	char	 buf[40];

	money_format(m, buf, sizeof buf, 0);
	return (xstrdup(buf));
}

static const char *
str_of(const struct record *r, int pos)
{
	const char	*s = r != NULL ? record_str(r, pos) : NULL;

	return (s != NULL ? s : "");
}

static int
emit(struct report_sink *sink, char **cells, int n, char **cause)
{
	int	 i, rc;

	rc = sink->row(sink, (const char *const *)cells, n);
	for (i = 0; i < n; i++) {
		free(cells[i]);
		cells[i] = NULL;
	}
	if (rc != 0 && *cause == NULL)
		xasprintf(cause, _("the reader has gone"));
	return (rc);
}

static int
is(const char *a, const char *b)
{
	return (a != NULL && strcmp(a, b) == 0);
}

/*
 * The records of e whose indexed int field pos is from lo to hi, in the
 * index's order, read page records at a time, each page in a short read of
 * its own; fn gets each (borrowed) and stops the walk by returning
 * non-zero, which is returned.  -1 when the store cannot be read.
 */
static int
each_range(struct store *st, const struct entity_def *e, int pos, int64_t lo,
    int64_t hi, size_t page, int (*fn)(const struct record *, void *),
    void *arg)
{
	struct value	 key;
	struct record	**rows;
	size_t		 n, i;
	uint64_t	 last = 0;
	int		 rc = 0, stop = 0;

	memset(&key, 0, sizeof key);
	key.set = 1;
	key.i = lo;
	while (!stop) {
		if (store_scan(st, e, pos, &key, last, 1, page, &rows, &n) !=
		    ST_OK)
			return (-1);
		for (i = 0; i < n; i++) {
			if (!stop && record_int(rows[i], pos) > hi)
				stop = 1;
			else if (!stop && (rc = fn(rows[i], arg)) != 0)
				stop = 1;
			key.i = record_int(rows[i], pos);
			last = record_id(rows[i]);
			record_free(rows[i]);
		}
		free(rows);
		if (n < page)
			stop = 1;
		if (page < 256)
			page *= 4;
	}
	return (rc);
}

/* --- receivables, payables -------------------------------------------- */

static const char *const aging_columns[] = {
	NC_("report", "code"), NC_("report", "name"), NC_("report", "owed"),
	NC_("report", "advance"), NC_("report", "current"),
	NC_("report", "d1_30"), NC_("report", "d31_60"),
	NC_("report", "d61_90"), NC_("report", "d90"),
	NC_("report", "overdue"), NULL
};
/* 79 characters: the advance is a negative owed, current is owed less the
 * four columns of days, overdue their sum. */
static const char *const aging_text[] = {
	"<10", "~12", ">10", "-", "-", ">10", ">10", ">10", ">10", "-", NULL
};

enum { AG_OWED, AG_ADV, AG_CUR, AG_D30, AG_D60, AG_D90, AG_D90P, AG_LATE,
    AG_N };

/* Counterparties read a page at a time, each page in one read
 * transaction (store_read). */
#define AGING_PAGE	256
#define AGING_FIRST	16	/* the first page: the first row soon */

struct aging {
	struct store		*st;
	const struct report_args *a;
	int			 sup;		/* payables */
	const struct entity_def	*cpe, *de, *bal, *pay;
	int	 d_cp, d_paid, d_date, b_cp, b_due, p_cp, p_status, p_adv;
	int	 p_date, c_name;
	int64_t	 total[AG_N];
};

/* A counterparty's row. */
struct arow {
	int64_t		 cp;
	int64_t		 v[AG_N];
	int64_t		 due;		/* its oldest open document's due date
					   then; 0: nothing open, an advance */
	char		*code, *name;
};

struct apage {
	struct aging	*g;
	const int64_t	*ids;
	struct record	*const *bals;	/* their balances read now, or NULL */
	size_t		 n;
	struct arow	*rows;
	size_t		 nrows;
};

struct cp_ids {
	int64_t		*v;
	size_t		 n;
	struct aging	*g;
};

static void
aging_init(struct aging *g, struct store *st, const struct report_args *a,
    int sup)
{
	memset(g, 0, sizeof *g);
	g->st = st;
	g->a = a;
	g->sup = sup;
	g->cpe = dict_entity(sup ? "suppliers" : "customers");
	g->de = dict_entity(sup ? "stock_docs" : "shipments");
	g->bal = dict_entity("balances");
	g->pay = dict_entity("payments");
	g->d_cp = dict_field_pos(g->de, sup ? "supplier" : "customer");
	g->d_paid = dict_field_pos(g->de, "paid");
	g->d_date = dict_field_pos(g->de, "date");
	g->b_cp = dict_field_pos(g->bal, sup ? "supplier" : "customer");
	g->b_due = dict_field_pos(g->bal, "oldest_due");
	g->p_cp = dict_field_pos(g->pay, sup ? "supplier" : "customer");
	g->p_status = dict_field_pos(g->pay, "status");
	g->p_adv = dict_field_pos(g->pay, "advance");
	g->p_date = dict_field_pos(g->pay, "date");
	g->c_name = dict_field_pos(g->cpe, "name");
}

static void
arows_free(struct arow *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(v[i].code);
		free(v[i].name);
	}
	free(v);
}

/*
 * The rows of a page of counterparties, in one read transaction; run
 * again from the start when it deadlocks.  Each is money_balance()'s: now
 * (no --as-of: the balance and the open documents), or as of the day,
 * its history then.  None for one with nothing open then and no advance.
 */
static int
apage_tx(struct tx *x, void *arg, char **cause)
{
	struct apage		*p = arg;
	struct aging		*g = p->g;
	struct money_balance	 b;
	struct record		*cp;
	struct arow		*w;
	size_t			 i;
	int			 rc, k;

	(void)cause;
	arows_free(p->rows, p->nrows);
	p->rows = NULL;
	p->nrows = 0;
	for (i = 0; i < p->n; i++) {
		/* Now, the balance in hand keeps what is open by due date:
		 * nothing more to read of it. */
		if ((p->bals == NULL || g->a->as_of != 0 ||
		    money_balance_kept(p->bals[i], &b) != 0) &&
		    (rc = money_balance(x, g->sup, (uint64_t)p->ids[i],
		    g->a->as_of, &b, NULL, NULL)) != ST_OK)
			return (rc);
		if (b.open == 0 && b.advance == 0)
			continue;
		p->rows = xreallocarray(p->rows, p->nrows + 1,
		    sizeof *p->rows);
		w = &p->rows[p->nrows++];
		memset(w, 0, sizeof *w);
		w->cp = p->ids[i];
		w->due = b.open > 0 ? b.oldest_due : 0;
		w->v[AG_OWED] = b.open - b.advance;
		w->v[AG_ADV] = b.advance;
		w->v[AG_CUR] = b.current;
		for (k = 0; k < 4; k++)
			w->v[AG_D30 + k] = b.aging[k];
		w->v[AG_LATE] = b.overdue;
		rc = tx_get(x, g->cpe, (uint64_t)p->ids[i], 0, &cp);
		if (rc == ST_OK) {
			w->code = xstrdup(str_of(cp, FX_CODE));
			w->name = xstrdup(str_of(cp, g->c_name));
			record_free(cp);
		} else if (rc == ST_NOTFOUND) {
			xasprintf(&w->code, "#%lld", (long long)p->ids[i]);
			w->name = xstrdup("");
		} else
			return (rc);
	}
	return (ST_OK);
}

/* The rows of counterparties ids[0..n) (bals: their balances read now,
 * or NULL), in that order; -1 and *cause. */
static int
aging_page(struct aging *g, const int64_t *ids, struct record *const *bals,
    size_t n, struct arow **rows, size_t *nrows, char **cause)
{
	struct apage	 p;
	char		*why = NULL;

	memset(&p, 0, sizeof p);
	p.g = g;
	p.ids = ids;
	p.bals = bals;
	p.n = n;
	/* Now, a row is its balance alone: each read whole on its own
	 * serves (degree 2), holding no lock past its read; as of a day, a
	 * counterparty's documents, payments and allocations are read
	 * together. */
	if (store_read(g->st, g->a->as_of == 0 ? STORE_READ_COMMITTED : 0,
	    apage_tx, &p, &why) != ST_OK) {
		arows_free(p.rows, p.nrows);
		xasprintf(cause, _("%s cannot be read: %s"), g->de->name,
		    why != NULL ? why : "?");
		free(why);
		return (-1);
	}
	free(why);
	*rows = p.rows;
	*nrows = p.nrows;
	return (0);
}

static int
aging_emit(struct aging *g, const struct arow *w, struct report_sink *sink,
    char **cause)
{
	char	*cells[2 + AG_N];
	int	 i;

	cells[0] = xstrdup(w->code != NULL ? w->code : "");
	cells[1] = xstrdup(w->name != NULL ? w->name : "");
	for (i = 0; i < AG_N; i++) {
		cells[2 + i] = money_str(w->v[i]);
		/* The total owed adds what is owed: one's advance (a
		 * negative owed) pays no other's debt; the advances have
		 * their own total. */
		if (i != AG_OWED || w->v[i] > 0)
			g->total[i] += w->v[i];
	}
	return (emit(sink, cells, 2 + AG_N, cause));
}

static int
id_cmp(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y ? -1 : x > y);
}

/* Sorted, each once. */
static void
ids_unique(struct cp_ids *s)
{
	size_t	 i, j;

	if (s->n > 1)
		xqsort(s->v, s->n, sizeof *s->v, id_cmp);
	for (i = 0, j = 0; i < s->n; i++)
		if (j == 0 || s->v[j - 1] != s->v[i])
			s->v[j++] = s->v[i];
	s->n = j;
}

static void
ids_add(struct cp_ids *s, int64_t id)
{
	if (id == 0)
		return;
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n++] = id;
}

/* The longest overdue first (the oldest due date), then by id; those
 * with an advance alone after them, by code. */
static int
arow_cmp(const void *a, const void *b)
{
	const struct arow	*x = a, *y = b;

	if ((x->due == 0) != (y->due == 0))
		return (x->due == 0 ? 1 : -1);
	if (x->due == 0)
		return (strcmp(x->code, y->code));
	if (x->due != y->due)
		return (x->due < y->due ? -1 : 1);
	return (x->cp < y->cp ? -1 : x->cp > y->cp);
}

/* The rows of the counterparties s names, sorted (arow_cmp), sent. */
static int
aging_sorted(struct aging *g, const struct cp_ids *s,
    struct report_sink *sink, char **cause)
{
	struct arow	*all = NULL, *rows;
	size_t		 n = 0, nrows, i;
	int		 rc = 0;

	for (i = 0; i < s->n && rc == 0; i += AGING_PAGE) {
		if ((rc = aging_page(g, s->v + i, NULL, s->n - i < AGING_PAGE ?
		    s->n - i : AGING_PAGE, &rows, &nrows, cause)) != 0)
			break;
		if (nrows > 0) {
			all = xreallocarray(all, n + nrows, sizeof *all);
			memcpy(all + n, rows, nrows * sizeof *rows);
			n += nrows;
		}
		free(rows);
	}
	if (rc == 0 && n > 1)
		xqsort(all, n, sizeof *all, arow_cmp);
	for (i = 0; i < n && rc == 0; i++)
		rc = aging_emit(g, &all[i], sink, cause);
	arows_free(all, n);
	return (rc);
}

/* A payment with an advance left: its counterparty (of the report's
 * side). */
static int
advance_of(const struct record *r, void *arg)
{
	struct cp_ids	*s = arg;
	struct aging	*g = s->g;

	if (is(record_str(r, g->p_status), "posted") &&
	    record_int(r, g->p_adv) > 0)
		ids_add(s, record_int(r, g->p_cp));
	return (0);
}

/* Any payment's counterparty. */
static int
payer_of(const struct record *r, void *arg)
{
	struct cp_ids	*s = arg;

	ids_add(s, record_int(r, s->g->p_cp));
	return (0);
}

/* A debt document something is paid of: its counterparty. */
static int
paid_doc_of(const struct record *r, void *arg)
{
	struct cp_ids	*s = arg;

	if (record_int(r, s->g->d_paid) > 0)
		ids_add(s, record_int(r, s->g->d_cp));
	return (0);
}

/* A balance's counterparty. */
static int
balance_cp(const struct record *r, void *arg)
{
	struct cp_ids	*s = arg;

	ids_add(s, record_int(r, s->g->b_cp));
	return (0);
}

/*
 * Everyone now (no --as-of): the counterparties with open documents over
 * the balances' oldest_due index, a page at a time, each row sent as soon
 * as its page is read; then those with advances and nothing open, from
 * the payments whose advance is above 0, by code.
 */
static int
aging_now(struct aging *g, struct report_sink *sink, char **cause)
{
	struct record	**brows;
	struct arow	*rows;
	struct value	 key;
	struct cp_ids	 done, adv, page;
	size_t		 n, nrows, i, j, want = AGING_FIRST;
	uint64_t	 last = 0;
	int		 rc = 0, end = 0;

	memset(&key, 0, sizeof key);
	memset(&done, 0, sizeof done);
	memset(&adv, 0, sizeof adv);
	memset(&page, 0, sizeof page);
	while (!end && rc == 0) {
		if (store_scan(g->st, g->bal, g->b_due, last ? &key : NULL,
		    last, 1, want, &brows, &n) != ST_OK) {
			xasprintf(cause, _("%s cannot be read"),
			    g->bal->name);
			rc = -1;
			break;
		}
		end = n < want;
		page.n = 0;
		for (i = 0, j = 0; i < n; i++) {
			key.set = 1;
			key.i = record_int(brows[i], g->b_due);
			last = record_id(brows[i]);
			/* The other side's balances: not this report's. */
			if (record_int(brows[i], g->b_cp) == 0) {
				record_free(brows[i]);
				continue;
			}
			ids_add(&page, record_int(brows[i], g->b_cp));
			brows[j++] = brows[i];
		}
		want = AGING_PAGE;
		rc = page.n == 0 ? 0 : aging_page(g, page.v, brows, page.n,
		    &rows, &nrows, cause);
		for (i = 0; i < j; i++)
			record_free(brows[i]);
		free(brows);
		if (page.n == 0)
			continue;
		if (rc != 0)
			break;
		for (j = 0; j < nrows && rc == 0; j++) {
			ids_add(&done, rows[j].cp);
			rc = aging_emit(g, &rows[j], sink, cause);
		}
		arows_free(rows, nrows);
	}
	free(page.v);
	if (rc != 0)
		goto out;
	/* Advances alone: a counterparty has advances or open documents,
	 * never both (money.c), and those with open ones were above. */
	adv.g = g;
	if (each_range(g->st, g->pay, g->p_adv, 1, INT64_MAX, 256, advance_of,
	    &adv) != 0) {
		xasprintf(cause, _("%s cannot be read"), g->pay->name);
		rc = -1;
		goto out;
	}
	ids_unique(&adv);
	ids_unique(&done);
	for (i = 0, j = 0; i < adv.n; i++)
		if (done.n == 0 || bsearch(&adv.v[i], done.v, done.n,
		    sizeof *done.v, id_cmp) == NULL)
			adv.v[j++] = adv.v[i];
	adv.n = j;
	rc = aging_sorted(g, &adv, sink, cause);
out:
	free(done.v);
	free(adv.v);
	return (rc);
}

/*
 * Everyone as of a day: its history.  Who had something open or an
 * advance then: those with open documents or advances now, and those
 * whose money moved after the day (a payment dated after it, a document
 * dated after it that an advance paid); each read as of the day, and all
 * sorted before the first row goes.
 */
static int
aging_asof(struct aging *g, struct report_sink *sink, char **cause)
{
	struct cp_ids	 s;
	int		 rc;

	memset(&s, 0, sizeof s);
	s.g = g;
	if (each_range(g->st, g->bal, g->b_due, 1, INT64_MAX, 256, balance_cp,
	    &s) != 0 || each_range(g->st, g->pay, g->p_adv, 1, INT64_MAX, 256,
	    advance_of, &s) != 0 || each_range(g->st, g->pay, g->p_date,
	    g->a->as_of + 1, INT64_MAX, 256, payer_of, &s) != 0 ||
	    each_range(g->st, g->de, g->d_date, g->a->as_of + 1, INT64_MAX,
	    256, paid_doc_of, &s) != 0) {
		free(s.v);
		xasprintf(cause, _("%s cannot be read"), g->pay->name);
		return (-1);
	}
	ids_unique(&s);
	rc = aging_sorted(g, &s, sink, cause);
	free(s.v);
	return (rc);
}

/* One of a clerk's customers. */
static int
mine_one(const struct record *r, void *arg)
{
	ids_add(arg, (int64_t)record_id(r));
	return (0);
}

/* A clerk's own customers (customers.manager is the clerk), in the order
 * the others' report would have them. */
static int
aging_mine(struct aging *g, struct report_sink *sink, char **cause)
{
	const struct entity_def	*ue = dict_entity("users");
	struct record		*u;
	struct value		 v;
	struct cp_ids		 s;
	int			 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)(g->a->login != NULL ? g->a->login : "");
	if (store_lookup(g->st, ue, FX_CODE, &v, &u) != ST_OK)
		return (0);
	memset(&s, 0, sizeof s);
	s.g = g;
	rc = each_range(g->st, g->cpe, dict_field_pos(g->cpe, "manager"),
	    (int64_t)record_id(u), (int64_t)record_id(u), 256, mine_one, &s);
	record_free(u);
	if (rc != 0)
		xasprintf(cause, _("%s cannot be read"), g->cpe->name);
	else
		rc = aging_sorted(g, &s, sink, cause);
	free(s.v);
	return (rc);
}

static int
aging_run(struct store *st, const struct report_args *a, int sup,
    struct report_sink *sink, char **cause)
{
	struct aging	 g;
	char		*cells[2 + AG_N];
	int		 i, rc;

	aging_init(&g, st, a, sup);
	/* A sales clerk: their own customers; a manager, an accountant (an
	 * administrator): everyone's. */
	if (!sup && !(a->roles & (ROLE_ADMIN | ROLE_MANAGER |
	    ROLE_ACCOUNTANT)))
		rc = aging_mine(&g, sink, cause);
	else if (a->as_of != 0)
		rc = aging_asof(&g, sink, cause);
	else
		rc = aging_now(&g, sink, cause);
	if (rc != 0)
		return (rc);
	cells[0] = xstrdup(report_word(a, N_("TOTAL")));
	cells[1] = xstrdup("");
	for (i = 0; i < AG_N; i++)
		cells[2 + i] = money_str(g.total[i]);
	return (emit(sink, cells, 2 + AG_N, cause));
}

static int
aging_check(struct store *st, const struct report_args *a, char **cause)
{
	int	 rc;

	(void)st;
	if ((rc = report_only(a, 0, 0, cause)) != 0)
		return (rc);
	if (a->from != 0 || a->to != 0) {
		xasprintf(cause, _("%s takes no --from or --to: --as-of DATE "
		    "ages it as of a date"), a->name);
		return (EX_USAGE);
	}
	return (0);
}

static int
receivables_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	return (aging_run(st, a, 0, sink, cause));
}

static int
payables_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	return (aging_run(st, a, 1, sink, cause));
}

const struct report_def rep_receivables = {
	"receivables", N_("What customers owe, by days overdue (--as-of "
	"DATE)"), "sales", aging_columns,
	receivables_run, aging_check, REPORT_AS_OF, aging_text,
	"as-of", NULL,
	"ttmmmmmmmm"
};

const struct report_def rep_payables = {
	"payables", N_("What we owe suppliers, by days overdue (--as-of "
	"DATE)"), "finance", aging_columns,
	payables_run, aging_check, REPORT_AS_OF, aging_text,
	"as-of", NULL,
	"ttmmmmmmmm"
};

/* --- cash --------------------------------------------------------------- */

static const char *const cash_columns[] = {
	NC_("report", "code"), NC_("report", "name"),
	NC_("report", "opening"), NC_("report", "in"), NC_("report", "out"),
	NC_("report", "closing"), NULL
};
static const char *const cash_text[] = {
	"<10", "~18", ">12", ">11", ">11", ">12", NULL
};

struct acct {
	uint64_t	 id;
	struct record	*r;
	int64_t		 in, out, after;	/* after: in - out past --to */
};

struct cash {
	struct acct	*v;
	size_t		 n;
	int64_t		 to;
	int		 p_dir, p_date, p_acct, p_amount, p_status;
};

static int
cash_acct(const struct record *r, void *arg)
{
	struct cash	*c = arg;

	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	memset(&c->v[c->n], 0, sizeof *c->v);
	c->v[c->n].id = record_id(r);
	c->v[c->n].r = record_dup(r);
	c->n++;
	return (0);
}

static int
acct_by_id(const void *a, const void *b)
{
	const struct acct	*x = a, *y = b;

	return (x->id < y->id ? -1 : x->id > y->id);
}

static int
acct_by_code(const void *a, const void *b)
{
	const struct acct	*x = a, *y = b;

	return (strcmp(str_of(x->r, FX_CODE), str_of(y->r, FX_CODE)));
}

/* A payment dated from --from on: in the period, or after it. */
static int
cash_pay(const struct record *r, void *arg)
{
	struct cash	*c = arg;
	struct acct	 k, *ac;
	int64_t		 amt = record_int(r, c->p_amount);
	int		 out = is(record_str(r, c->p_dir), "out");

	if (!is(record_str(r, c->p_status), "posted"))
		return (0);
	k.id = (uint64_t)record_int(r, c->p_acct);
	if ((ac = bsearch(&k, c->v, c->n, sizeof *c->v, acct_by_id)) == NULL)
		return (0);
	if (record_int(r, c->p_date) > c->to)
		ac->after += out ? -amt : amt;
	else if (out)
		ac->out += amt;
	else
		ac->in += amt;
	return (0);
}

static int
period_of(const struct report_args *a, int64_t *from, int64_t *to,
    char **cause)
{
	*to = a->to != 0 ? a->to : a->from != 0 && a->from > stock_today() ?
	    a->from : stock_today();
	*from = a->from != 0 ? a->from : *to;
	if (*from > *to) {
		xasprintf(cause, _("--from is after --to"));
		return (EX_DATAERR);
	}
	return (0);
}

static int
cash_check(struct store *st, const struct report_args *a, char **cause)
{
	int64_t	 from, to;
	int	 rc;

	(void)st;
	if ((rc = report_only(a, 0, 0, cause)) != 0)
		return (rc);
	return (period_of(a, &from, &to, cause));
}

/*
 * The money in an account now: its balance, which every payment's posting
 * keeps (and, kontor check proves, its opening balance and its payments
 * make).
 */
static int64_t
acct_now(const struct record *r)
{
	return (record_int(r, dict_field_pos(r->ent, "balance")));
}

static int
cash_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct entity_def	*pe = dict_entity("payments");
	const struct entity_def	*ae = dict_entity("accounts");
	struct cash		 c;
	char			*cells[6];
	int64_t			 from, t[4] = { 0, 0, 0, 0 }, close, open;
	size_t			 i;
	int			 rc;

	memset(&c, 0, sizeof c);
	if ((rc = period_of(a, &from, &c.to, cause)) != 0)
		return (-1);
	c.p_dir = dict_field_pos(pe, "direction");
	c.p_date = dict_field_pos(pe, "date");
	c.p_acct = dict_field_pos(pe, "account");
	c.p_amount = dict_field_pos(pe, "amount");
	c.p_status = dict_field_pos(pe, "status");
	if (store_each(st, ae, cash_acct, &c) != ST_OK) {
		xasprintf(cause, _("%s cannot be read"), ae->name);
		rc = -1;
		goto out;
	}
	if (c.n > 1)
		xqsort(c.v, c.n, sizeof *c.v, acct_by_id);
	if (each_range(st, pe, c.p_date, from, INT64_MAX, 256, cash_pay,
	    &c) != 0) {
		xasprintf(cause, _("%s cannot be read"), pe->name);
		rc = -1;
		goto out;
	}
	if (c.n > 1)
		xqsort(c.v, c.n, sizeof *c.v, acct_by_code);
	for (i = 0; i < c.n && rc == 0; i++) {
		close = acct_now(c.v[i].r) - c.v[i].after;
		open = close - c.v[i].in + c.v[i].out;
		/* A closed account with nothing in it nor moved: not shown. */
		if (record_int(c.v[i].r, dict_field_pos(c.v[i].r->ent,
		    "inactive")) != 0 && open == 0 && close == 0 &&
		    c.v[i].in == 0 && c.v[i].out == 0)
			continue;
		cells[0] = xstrdup(str_of(c.v[i].r, FX_CODE));
		cells[1] = xstrdup(str_of(c.v[i].r, dict_field_pos(
		    c.v[i].r->ent, "name")));
		cells[2] = money_str(open);
		cells[3] = money_str(c.v[i].in);
		cells[4] = money_str(c.v[i].out);
		cells[5] = money_str(close);
		t[0] += open;
		t[1] += c.v[i].in;
		t[2] += c.v[i].out;
		t[3] += close;
		rc = emit(sink, cells, 6, cause);
	}
	if (rc == 0) {
		cells[0] = xstrdup(report_word(a, N_("TOTAL")));
		cells[1] = xstrdup("");
		for (i = 0; i < 4; i++)
			cells[2 + i] = money_str(t[i]);
		rc = emit(sink, cells, 6, cause);
	}
out:
	for (i = 0; i < c.n; i++)
		record_free(c.v[i].r);
	free(c.v);
	return (rc);
}

const struct report_def rep_cash = {
	"cash", N_("Money per account: start, in, out, end (--from, "
	"--to)"), "finance", cash_columns, cash_run,
	cash_check, 0, cash_text,
	"period", NULL,
	"ttmmmm"
};

/* --- payments ----------------------------------------------------------- */

static const char *const pay_columns[] = {
	NC_("report", "type"), NC_("report", "code"), NC_("report", "name"),
	NC_("report", "in"), NC_("report", "out"), NC_("report", "count"),
	NULL
};
static const char *const pay_text[] = {
	"<10", "<10", "~22", ">12", ">12", ">6", NULL
};

/* What is summed by: a customer, a supplier, an account. */
enum { PT_CUSTOMER, PT_SUPPLIER, PT_ACCOUNT, PT_NONE };

struct pgroup {
	int		 type;
	int64_t		 id;
	int64_t		 in, out, count;
	struct record	*r;
};

struct pays {
	struct pgroup	*v;
	size_t		 n;
	int		 by_acct;
	int		 p_dir, p_acct, p_cust, p_sup, p_amount, p_status;
};

static int
pay_one(const struct record *r, void *arg)
{
	struct pays	*s = arg;
	struct pgroup	*g;
	int64_t		 amt = record_int(r, s->p_amount);

	if (!is(record_str(r, s->p_status), "posted"))
		return (0);
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	g = &s->v[s->n++];
	memset(g, 0, sizeof *g);
	if (s->by_acct) {
		g->type = PT_ACCOUNT;
		g->id = record_int(r, s->p_acct);
	} else if (record_int(r, s->p_cust) != 0) {
		g->type = PT_CUSTOMER;
		g->id = record_int(r, s->p_cust);
	} else if (record_int(r, s->p_sup) != 0) {
		g->type = PT_SUPPLIER;
		g->id = record_int(r, s->p_sup);
	} else
		g->type = PT_NONE;
	if (is(record_str(r, s->p_dir), "out"))
		g->out = amt;
	else
		g->in = amt;
	g->count = 1;
	return (0);
}

static int
pgroup_by_id(const void *a, const void *b)
{
	const struct pgroup	*x = a, *y = b;

	if (x->type != y->type)
		return (x->type < y->type ? -1 : 1);
	return (x->id < y->id ? -1 : x->id > y->id);
}

static int
pgroup_by_code(const void *a, const void *b)
{
	const struct pgroup	*x = a, *y = b;

	if (x->type != y->type)
		return (x->type < y->type ? -1 : 1);
	return (strcmp(str_of(x->r, FX_CODE), str_of(y->r, FX_CODE)));
}

static int
pay_parse(const struct report_args *a, int *by_acct, char **cause)
{
	int	 rc;

	if ((rc = report_only(a, 1, 0, cause)) != 0)
		return (rc);
	*by_acct = 0;
	if (a->by != NULL && strcmp(a->by, "account") == 0)
		*by_acct = 1;
	else if (a->by != NULL && strcmp(a->by, "counterparty") != 0) {
		xasprintf(cause, _("payments: --by counterparty or account "
		    "expected, got '%s'"), a->by);
		return (EX_USAGE);
	}
	return (report_dates(a, cause));
}

static int
pay_check(struct store *st, const struct report_args *a, char **cause)
{
	int	 by_acct;

	(void)st;
	return (pay_parse(a, &by_acct, cause));
}

static int
pay_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	static const char *const types[] = {
		NC_("enum", "customer"), NC_("enum", "supplier"),
		NC_("enum", "account")
	};
	static const char *const ents[] = { "customers", "suppliers",
	    "accounts" };
	const struct entity_def	*pe = dict_entity("payments");
	struct pays		 s;
	char			*cells[6];
	int64_t			 t[3] = { 0, 0, 0 };
	size_t			 i, j;
	int			 rc;

	memset(&s, 0, sizeof s);
	if (pay_parse(a, &s.by_acct, cause) != 0)
		return (-1);
	s.p_dir = dict_field_pos(pe, "direction");
	s.p_acct = dict_field_pos(pe, "account");
	s.p_cust = dict_field_pos(pe, "customer");
	s.p_sup = dict_field_pos(pe, "supplier");
	s.p_amount = dict_field_pos(pe, "amount");
	s.p_status = dict_field_pos(pe, "status");
	if (each_range(st, pe, dict_field_pos(pe, "date"), a->from,
	    a->to != 0 ? a->to : INT64_MAX, 256, pay_one, &s) != 0) {
		xasprintf(cause, _("%s cannot be read"), pe->name);
		free(s.v);
		return (-1);
	}
	/* The payments summed per group: sorted, runs added up. */
	if (s.n > 1)
		xqsort(s.v, s.n, sizeof *s.v, pgroup_by_id);
	for (i = 0, j = 0; i < s.n; i++) {
		if (j > 0 && pgroup_by_id(&s.v[j - 1], &s.v[i]) == 0) {
			s.v[j - 1].in += s.v[i].in;
			s.v[j - 1].out += s.v[i].out;
			s.v[j - 1].count += s.v[i].count;
		} else
			s.v[j++] = s.v[i];
	}
	s.n = j;
	for (i = 0; i < s.n; i++)
		if (s.v[i].type == PT_NONE || store_get(st,
		    dict_entity(ents[s.v[i].type]), (uint64_t)s.v[i].id,
		    &s.v[i].r) != ST_OK)
			s.v[i].r = NULL;
	if (s.n > 1)
		xqsort(s.v, s.n, sizeof *s.v, pgroup_by_code);
	for (i = 0, rc = 0; i < s.n && rc == 0; i++) {
		cells[0] = xstrdup(s.v[i].type == PT_NONE ? "" :
		    report_enum(a, types[s.v[i].type]));
		if (s.v[i].type == PT_NONE)
			cells[1] = xstrdup(report_word(a, N_("(none)")));
		else if (s.v[i].r != NULL)
			cells[1] = xstrdup(str_of(s.v[i].r, FX_CODE));
		else
			xasprintf(&cells[1], "#%lld", (long long)s.v[i].id);
		cells[2] = xstrdup(s.v[i].r != NULL ? str_of(s.v[i].r,
		    dict_field_pos(s.v[i].r->ent, "name")) : "");
		cells[3] = money_str(s.v[i].in);
		cells[4] = money_str(s.v[i].out);
		xasprintf(&cells[5], "%lld", (long long)s.v[i].count);
		t[0] += s.v[i].in;
		t[1] += s.v[i].out;
		t[2] += s.v[i].count;
		rc = emit(sink, cells, 6, cause);
	}
	if (rc == 0) {
		cells[0] = xstrdup(report_word(a, N_("TOTAL")));
		cells[1] = xstrdup("");
		cells[2] = xstrdup("");
		cells[3] = money_str(t[0]);
		cells[4] = money_str(t[1]);
		xasprintf(&cells[5], "%lld", (long long)t[2]);
		rc = emit(sink, cells, 6, cause);
	}
	for (i = 0; i < s.n; i++)
		record_free(s.v[i].r);
	free(s.v);
	return (rc);
}

const struct report_def rep_payments = {
	"payments", N_("Payments per counterparty or account (--by, "
	"--from, --to)"), "finance", pay_columns,
	pay_run, pay_check, 0, pay_text,
	"period group", NULL,
	"tttmmq"
};
