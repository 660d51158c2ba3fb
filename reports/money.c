/*
 * Money reports: who owes the firm and whom it owes (receivables,
 * payables), the money in each account (cash), and the payments of a
 * period (payments).  Money is int64 kopecks, as stored.
 *
 * receivables, payables: per customer (supplier) what is owed, the
 * advance, and the open debt documents (posted shipments; posted
 * receipts) by days past their due date: current (not yet due), 1-30,
 * 31-60, 61-90, over 90, and overdue in all; owed = open - advance; and a
 * total row.  The counterparties come from the balances every posting
 * keeps, never from a sum over all documents: first those with open
 * documents, over the balances' oldest_due index (the longest overdue first),
 * each with its own debt documents read over their counterparty index;
 * then those with advances alone, found over the payments' advance index,
 * by code.  A row goes out as soon as it is made.  The aging is
 * money_balance()'s: as of --as-of (today by default), days from the due
 * date, 0 or fewer current.  As of a past date it is not that day's
 * history: the documents and the advance payments dated after it are left
 * out, but what is paid of the others is what is paid now (one paid since
 * is not open then), and a counterparty with nothing open now is not
 * there.  A sales clerk (neither manager nor accountant nor administrator)
 * sees the customers whose responsible manager they are
 * (customers.manager), read over that index and put in the same
 * order.
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

/* Days from 1970-01-01 to a date YYYYMMDD (the civil calendar). */
static int64_t
day_no(int64_t ymd)
{
	int64_t	 y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
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

struct aging {
	struct store		*st;
	const struct report_args *a;
	int			 sup;		/* payables */
	int64_t			 asof, asof_day;
	const struct entity_def	*cpe, *de, *bal, *pay;
	int	 d_cp, d_amount, d_paid, d_due, d_date, d_status, d_type;
	int	 b_cp, b_open, b_adv, b_due, p_cp, p_status, p_adv, p_date;
	int	 c_name;
	int64_t	 v[AG_N], total[AG_N];
};

/* A counterparty found for a report: its balance and its own record. */
struct party {
	struct record	*bal, *cp;
};

static void
aging_init(struct aging *g, struct store *st, const struct report_args *a,
    int sup)
{
	memset(g, 0, sizeof *g);
	g->st = st;
	g->a = a;
	g->sup = sup;
	g->asof = a->as_of != 0 ? a->as_of : stock_today();
	g->asof_day = day_no(g->asof);
	g->cpe = dict_entity(sup ? "suppliers" : "customers");
	g->de = dict_entity(sup ? "stock_docs" : "shipments");
	g->bal = dict_entity("balances");
	g->pay = dict_entity("payments");
	g->d_cp = dict_field_pos(g->de, sup ? "supplier" : "customer");
	g->d_amount = dict_field_pos(g->de, sup ? "payable" : "receivable");
	g->d_paid = dict_field_pos(g->de, "paid");
	g->d_due = dict_field_pos(g->de, "due_date");
	g->d_date = dict_field_pos(g->de, "date");
	g->d_status = dict_field_pos(g->de, "status");
	g->d_type = sup ? dict_field_pos(g->de, "type") : -1;
	g->b_cp = dict_field_pos(g->bal, sup ? "supplier" : "customer");
	g->b_open = dict_field_pos(g->bal, "open");
	g->b_adv = dict_field_pos(g->bal, "advance");
	g->b_due = dict_field_pos(g->bal, "oldest_due");
	g->p_cp = dict_field_pos(g->pay, sup ? "supplier" : "customer");
	g->p_status = dict_field_pos(g->pay, "status");
	g->p_adv = dict_field_pos(g->pay, "advance");
	g->p_date = dict_field_pos(g->pay, "date");
	g->c_name = dict_field_pos(g->cpe, "name");
}

/* One of the counterparty's documents: its open part, aged (a debt
 * document as money.c's is_debt() takes it: posted; a receipt). */
static int
aging_doc(const struct record *r, void *arg)
{
	struct aging	*g = arg;
	int64_t		 open, late, due;

	if (!is(record_str(r, g->d_status), "posted") || (g->d_type >= 0 &&
	    !is(record_str(r, g->d_type), "receipt")))
		return (0);
	if ((open = record_int(r, g->d_amount) - record_int(r, g->d_paid)) <=
	    0 || record_int(r, g->d_date) > g->asof)
		return (0);
	due = record_isset(r, g->d_due) ? record_int(r, g->d_due) :
	    record_int(r, g->d_date);
	late = g->asof_day - day_no(due);
	if (late <= 0)
		g->v[AG_CUR] += open;
	else {
		g->v[AG_LATE] += open;
		g->v[late <= 30 ? AG_D30 : late <= 60 ? AG_D60 : late <= 90 ?
		    AG_D90 : AG_D90P] += open;
	}
	return (0);
}

/* One of the counterparty's payments: its advance, if dated by then. */
static int
advance_sum(const struct record *r, void *arg)
{
	struct aging	*g = arg;

	if (is(record_str(r, g->p_status), "posted") &&
	    record_int(r, g->p_date) <= g->asof)
		g->v[AG_ADV] += record_int(r, g->p_adv);
	return (0);
}

/* The row of a counterparty (cp: its record, NULL: read here); nothing
 * when it has nothing open as of then and no advance. */
static int
aging_row(struct aging *g, const struct record *bal, const struct record *cp,
    struct report_sink *sink, char **cause)
{
	struct record	*own = NULL;
	char		*cells[2 + AG_N];
	int64_t		 id = record_int(bal, g->b_cp);
	int		 i;

	memset(g->v, 0, sizeof g->v);
	if (record_int(bal, g->b_open) > 0 && each_range(g->st, g->de,
	    g->d_cp, id, id, 16, aging_doc, g) != 0) {
		xasprintf(cause, _("%s cannot be read"), g->de->name);
		return (-1);
	}
	g->v[AG_ADV] = record_int(bal, g->b_adv);
	if (g->v[AG_ADV] > 0 && g->a->as_of != 0) {
		/* The advances of the payments dated up to then. */
		g->v[AG_ADV] = 0;
		if (each_range(g->st, g->pay, g->p_cp, id, id, 16, advance_sum,
		    g) != 0) {
			xasprintf(cause, _("%s cannot be read"), g->pay->name);
			return (-1);
		}
	}
	if (g->v[AG_CUR] + g->v[AG_LATE] == 0 && g->v[AG_ADV] == 0)
		return (0);
	g->v[AG_OWED] = g->v[AG_CUR] + g->v[AG_LATE] - g->v[AG_ADV];
	if (cp == NULL && store_get(g->st, g->cpe, (uint64_t)id, &own) ==
	    ST_OK)
		cp = own;
	if (cp != NULL && record_str(cp, FX_CODE) != NULL)
		cells[0] = xstrdup(record_str(cp, FX_CODE));
	else
		xasprintf(&cells[0], "#%lld", (long long)id);
	cells[1] = xstrdup(str_of(cp, g->c_name));
	record_free(own);
	for (i = 0; i < AG_N; i++) {
		cells[2 + i] = money_str(g->v[i]);
		g->total[i] += g->v[i];
	}
	return (emit(sink, cells, 2 + AG_N, cause));
}

/* The balances record of a counterparty (C12, S3), or NULL. */
static struct record *
balance_of(struct aging *g, int64_t id)
{
	struct record	*r;
	struct value	 v;
	char		 code[32];

	snprintf(code, sizeof code, "%c%lld", g->sup ? 'S' : 'C',
	    (long long)id);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = code;
	if (store_lookup(g->st, g->bal, FX_CODE, &v, &r) != ST_OK)
		return (NULL);
	return (r);
}

static int
party_by_code(const void *a, const void *b)
{
	const struct party	*x = a, *y = b;

	return (strcmp(str_of(x->cp, FX_CODE), str_of(y->cp, FX_CODE)));
}

/* By the oldest due date of their open documents, as the index has them:
 * then by the balance's id. */
static int
party_by_due(const void *a, const void *b)
{
	const struct party	*x = a, *y = b;
	int			 p = dict_field_pos(x->bal->ent, "oldest_due");
	int64_t			 dx = record_int(x->bal, p);
	int64_t			 dy = record_int(y->bal, p);

	if (dx != dy)
		return (dx < dy ? -1 : 1);
	return (record_id(x->bal) < record_id(y->bal) ? -1 :
	    record_id(x->bal) > record_id(y->bal));
}

static void
parties_free(struct party *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		record_free(v[i].bal);
		record_free(v[i].cp);
	}
	free(v);
}

/* Rows of parties, in their order. */
static int
parties_rows(struct aging *g, struct party *v, size_t n,
    struct report_sink *sink, char **cause)
{
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < n && rc == 0; i++)
		rc = aging_row(g, v[i].bal, v[i].cp, sink, cause);
	return (rc);
}

struct cp_ids {
	int64_t		*v;
	size_t		 n;
	struct aging	*g;
};

static int
id_cmp(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x < y ? -1 : x > y);
}

/* A payment with an advance left: its counterparty (of the report's
 * side). */
static int
advance_of(const struct record *r, void *arg)
{
	struct cp_ids	*s = arg;
	struct aging	*g = s->g;

	if (!is(record_str(r, g->p_status), "posted") ||
	    record_int(r, g->p_adv) <= 0 || record_int(r, g->p_cp) == 0)
		return (0);
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n++] = record_int(r, g->p_cp);
	return (0);
}

/*
 * Every row: the counterparties with open documents over the balances'
 * oldest_due index, a page at a time; then those with advances and
 * nothing open, from the payments whose advance is above 0.
 */
static int
aging_all(struct aging *g, struct report_sink *sink, char **cause)
{
	struct record	**rows, *b;
	struct value	 key;
	struct cp_ids	 adv;
	struct party	*pv = NULL;
	size_t		 n, i, np = 0, page = 32;
	uint64_t	 last = 0;
	int		 rc = 0, end = 0;

	memset(&key, 0, sizeof key);
	while (!end && rc == 0) {
		if (store_scan(g->st, g->bal, g->b_due, last ? &key : NULL,
		    last, 1, page, &rows, &n) != ST_OK) {
			xasprintf(cause, _("%s cannot be read"),
			    g->bal->name);
			return (-1);
		}
		end = n < page;
		for (i = 0; i < n; i++) {
			if (rc == 0 && record_int(rows[i], g->b_cp) != 0)
				rc = aging_row(g, rows[i], NULL, sink, cause);
			key.set = 1;
			key.i = record_int(rows[i], g->b_due);
			last = record_id(rows[i]);
			record_free(rows[i]);
		}
		free(rows);
		page = 256;
	}
	if (rc != 0)
		return (rc);
	/* Advances alone: a counterparty has advances or open documents,
	 * never both (money.c), and the open ones were above. */
	memset(&adv, 0, sizeof adv);
	adv.g = g;
	if (each_range(g->st, g->pay, g->p_adv, 1, INT64_MAX, 256, advance_of,
	    &adv) != 0) {
		free(adv.v);
		xasprintf(cause, _("%s cannot be read"), g->pay->name);
		return (-1);
	}
	if (adv.n > 1)
		xqsort(adv.v, adv.n, sizeof *adv.v, id_cmp);
	for (i = 0; i < adv.n; i++) {
		if ((i > 0 && adv.v[i] == adv.v[i - 1]) ||
		    (b = balance_of(g, adv.v[i])) == NULL)
			continue;
		if (record_isset(b, g->b_due) || record_int(b, g->b_adv) <= 0) {
			record_free(b);
			continue;
		}
		pv = xreallocarray(pv, np + 1, sizeof *pv);
		pv[np].bal = b;
		pv[np].cp = NULL;
		if (store_get(g->st, g->cpe, (uint64_t)adv.v[i], &pv[np].cp) !=
		    ST_OK)
			pv[np].cp = NULL;
		np++;
	}
	free(adv.v);
	if (np > 1)
		xqsort(pv, np, sizeof *pv, party_by_code);
	rc = parties_rows(g, pv, np, sink, cause);
	parties_free(pv, np);
	return (rc);
}

struct mine {
	struct aging	*g;
	struct party	*open, *adv;
	size_t		 nopen, nadv;
};

/* One of a clerk's customers: with open documents or an advance, kept. */
static int
mine_one(const struct record *r, void *arg)
{
	struct mine	*m = arg;
	struct record	*b;
	struct party	**v;
	size_t		*n;

	if ((b = balance_of(m->g, (int64_t)record_id(r))) == NULL)
		return (0);
	if (record_isset(b, m->g->b_due)) {
		v = &m->open;
		n = &m->nopen;
	} else if (record_int(b, m->g->b_adv) > 0) {
		v = &m->adv;
		n = &m->nadv;
	} else {
		record_free(b);
		return (0);
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].bal = b;
	(*v)[*n].cp = record_dup(r);
	(*n)++;
	return (0);
}

/* A clerk's own customers (customers.manager is the clerk), in the order
 * aging_all() would have shown them. */
static int
aging_mine(struct aging *g, struct report_sink *sink, char **cause)
{
	const struct entity_def	*ue = dict_entity("users");
	struct record		*u;
	struct value		 v;
	struct mine		 m;
	int			 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)(g->a->login != NULL ? g->a->login : "");
	if (store_lookup(g->st, ue, FX_CODE, &v, &u) != ST_OK)
		return (0);
	memset(&m, 0, sizeof m);
	m.g = g;
	rc = each_range(g->st, g->cpe, dict_field_pos(g->cpe, "manager"),
	    (int64_t)record_id(u), (int64_t)record_id(u), 256, mine_one, &m);
	record_free(u);
	if (rc != 0)
		xasprintf(cause, _("%s cannot be read"), g->cpe->name);
	else {
		if (m.nopen > 1)
			xqsort(m.open, m.nopen, sizeof *m.open, party_by_due);
		if (m.nadv > 1)
			xqsort(m.adv, m.nadv, sizeof *m.adv, party_by_code);
		rc = parties_rows(g, m.open, m.nopen, sink, cause);
		if (rc == 0)
			rc = parties_rows(g, m.adv, m.nadv, sink, cause);
	}
	parties_free(m.open, m.nopen);
	parties_free(m.adv, m.nadv);
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
	else
		rc = aging_all(&g, sink, cause);
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
	receivables_run, aging_check, REPORT_AS_OF, aging_text
};

const struct report_def rep_payables = {
	"payables", N_("What we owe suppliers, by days overdue (--as-of "
	"DATE)"), "finance", aging_columns,
	payables_run, aging_check, REPORT_AS_OF, aging_text
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
	cash_check, 0, cash_text
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
	if (a->from != 0 && a->to != 0 && a->from > a->to) {
		xasprintf(cause, _("--from is after --to"));
		return (EX_DATAERR);
	}
	return (0);
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
	pay_run, pay_check, 0, pay_text
};
