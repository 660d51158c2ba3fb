/*
 * bench_money: the receivables report and one customer's balance over
 * many customers and shipments, kontor beside SQLite doing the same in the
 * same run.
 *
 *	bench_money [-T TMPDIR] [-k KONTOR] [-n CUSTOMERS] [-D DOCUMENTS]
 *	    [-b SAMPLES] [-r REPS] [--quick|--full] [-s sqlite] [--keep]
 *	bench_money --reuse DIR [-k KONTOR] [-b SAMPLES] [-r REPS] [-s sqlite]
 *
 * The data: CUSTOMERS customers (10,000; --full 100,000) with payment
 * terms of 0-60 days and DOCUMENTS posted shipments (100,000; --full
 * 1,000,000) spread evenly over them, dated over the 400 days before
 * today, 1,000.00-100,000.00 each; 70 % of the customers have paid their
 * older debts and part of the next (a payment each, set against their
 * oldest documents first), 3 % have paid everything and more (an
 * advance).  Written straight into the store with the server stopped,
 * through the money model as the postings do it (money_shipment_posted()
 * for each shipment, money_pay() for each payment: due dates, what is
 * paid of each document, the balances), 100 customers to a transaction.
 * SQLite gets the same rows, read back from the store: customers,
 * shipments (customer, date, due date, amount, paid) and balances, with
 * the indexes kontor has on them (shipments by customer, date and due
 * date; balances by customer and oldest due date).
 *
 * (1) One customer's balance and aging as of today, SAMPLES (1,000)
 *     customers drawn at random, the same for both: kontor's
 *     money_balance() in a read transaction of its own (store_read), as the
 *     server runs it for `kontor balance` (server time: in-process, no
 *     socket); the same through the server (op money, action balance) as
 *     a client sees it; SQLite's one indexed query (the open shipments of
 *     the customer summed per bucket, and its advance).
 * (2) The receivables report: kontor's through the server as `kontor
 *     report receivables --format csv` reads it, the time to the first row
 *     and to the last (best of REPS, 3); SQLite's GROUP BY over the open
 *     shipments per customer (in customer order, which streams, and most
 *     overdue first, which sorts).  The totals of both are compared.
 *
 * Scratch lives in a mkdtemp directory under TMPDIR, removed at the end
 * unless --keep; --reuse measures again over one kept (nothing written).
 * Without SQLite at build time only kontor is measured.
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "bench/bench.h"
#include "client/client.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "home.h"
#include "model/money.h"
#include "model/stock.h"
#include "proto.h"
#include "xmalloc.h"

#define BATCH		100	/* customers to a transaction */

static int64_t		 ncust = 10000, ndocs = 100000;
static int		 nsamples = 1000, reps = 3, no_sqlite;
static int64_t		 today;
static uint64_t		*cust_ids;	/* [ncust] */
static int64_t		*samples;	/* customer indexes drawn */

/* The median and the 99th percentile of v (sorted here), in µs. */
static void
pcts(double *v, size_t n, double *med, double *p99)
{
	qsort(v, n, sizeof *v, cmp_double);
	*med = v[n / 2] * 1e6;
	*p99 = v[n * 99 / 100 < n ? n * 99 / 100 : n - 1] * 1e6;
}

/* Days from 1970-01-01 to a date YYYYMMDD. */
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

/* The home, a warehouse and a bank account. */
static void
k_setup(void)
{
	char	*log, *wh, *ac;

	xasprintf(&log, "%s/setup.out", scratch);
	server_started = 1;	/* init leaves its server running */
	if (run_kontor(log, "init", "--company", "Bench", NULL) != 0)
		die("kontor init failed (%s)", log);
	write_file("wh.csv", "code,name\nMAIN,Main\n", &wh);
	/* A bank account needs its bank, BIK and number (company.c). */
	write_file("ac.csv", "code,name,kind,bank,bik,corr_account,number\n"
	    "BANK,Bank,bank,Sberbank,044525225,30101810400000000225,"
	    "40702810938000000001\n", &ac);
	if (run_kontor(log, "import", "warehouses", wh, NULL) != 0 ||
	    run_kontor(log, "import", "accounts", ac, NULL) != 0)
		die("import failed (%s)", log);
	bench_stop_server();
	free(wh);
	free(ac);
	free(log);
}

struct gen {
	uint64_t	 seed;
	int64_t		 done, upto;
	uint64_t	 wid, acct;
	int64_t		 shipments, payments, advances;
};

static int
first_id(const struct record *r, void *arg)
{
	*(uint64_t *)arg = record_id(r);
	return (1);
}

/* --reuse: the customers as written, in their order. */
static int
cust_id(const struct record *r, void *arg)
{
	int64_t	*n = arg;

	cust_ids = xreallocarray(cust_ids, (size_t)*n + 1, sizeof *cust_ids);
	cust_ids[(*n)++] = record_id(r);
	return (0);
}

/* Customers [done, upto), their shipments and payments, in one tx. */
static int
gen_tx(struct tx *x, void *arg, char **cause)
{
	static const int64_t	 terms[] = { 0, 10, 14, 30, 45, 60 };
	const struct entity_def	*ce = dict_entity("customers");
	const struct entity_def	*se = dict_entity("shipments");
	struct gen		*g = arg;
	struct money_payment	 mp;
	struct record		*c, *s;
	uint64_t		 st = g->seed + (uint64_t)g->done * 7919, pid;
	int64_t			 k, j, lo, hi, n, amt, cut, paid;
	int64_t			 t, dates[64], amts[64], due;
	char			 code[32];
	int			 rc, dup;

	for (k = g->done; k < g->upto; k++) {
		c = record_new(ce);
		snprintf(code, sizeof code, "C%07lld", (long long)k + 1);
		record_set_str(c, FX_CODE, code);
		snprintf(code, sizeof code, "Customer %lld", (long long)k + 1);
		record_set_str(c, dict_field_pos(ce, "name"), code);
		record_set_str(c, dict_field_pos(ce, "kind"), "company");
		t = terms[rnd(&st, 6)];
		record_set_int(c, dict_field_pos(ce, "terms_days"), t);
		rc = tx_insert(x, c, cause);
		cust_ids[k] = record_id(c);
		record_free(c);
		if (rc != ST_OK)
			return (rc);
		/* Its share of the documents, oldest first. */
		lo = k * ndocs / ncust;
		hi = (k + 1) * ndocs / ncust;
		n = hi - lo < 64 ? hi - lo : 64;
		for (j = 0; j < n; j++) {
			dates[j] = date_add_days(today, -400 + j * 400 / n +
			    rnd(&st, 400 / n > 0 ? 400 / n : 1));
			amts[j] = 100000 + rnd(&st, 9900000);
		}
		for (j = 0; j < n; j++) {
			s = record_new(se);
			snprintf(code, sizeof code, "SHP-B-%08lld",
			    (long long)(lo + j + 1));
			record_set_str(s, FX_CODE, code);
			record_set_int(s, dict_field_pos(se, "customer"),
			    (int64_t)cust_ids[k]);
			record_set_int(s, dict_field_pos(se, "date"),
			    dates[j]);
			record_set_int(s, dict_field_pos(se, "warehouse"),
			    (int64_t)g->wid);
			record_set_int(s, dict_field_pos(se, "net"),
			    amts[j] * 100 / 120);
			record_set_int(s, dict_field_pos(se, "vat"),
			    amts[j] - amts[j] * 100 / 120);
			record_set_int(s, dict_field_pos(se, "gross"),
			    amts[j]);
			record_set_int(s, dict_field_pos(se, "receivable"),
			    amts[j]);
			if ((rc = money_shipment_posted(x, s, cause)) ==
			    ST_OK)
				rc = tx_insert(x, s, cause);
			record_free(s);
			if (rc != ST_OK)
				return (rc);
			g->shipments++;
		}
		/* 70 %: paid what fell due before a day of the last 120,
		 * and part of the next; 3 %: everything and more. */
		amt = 0;
		j = rnd(&st, 100);
		if (j < 3) {
			for (j = 0; j < n; j++)
				amt += amts[j];
			amt += 100000 + rnd(&st, 1000000);
			g->advances++;
		} else if (j < 73) {
			cut = date_add_days(today, -(int64_t)rnd(&st, 120));
			for (j = 0, paid = 0; j < n; j++) {
				due = date_add_days(dates[j], t);
				if (due >= cut)
					break;
				paid += amts[j];
			}
			amt = paid + (j < n ? rnd(&st, amts[j]) : 0);
		}
		if (amt > 0) {
			memset(&mp, 0, sizeof mp);
			mp.date = date_add_days(today, -(int64_t)rnd(&st, 30));
			mp.account = g->acct;
			mp.customer = cust_ids[k];
			mp.amount = amt;
			mp.source = "bench";
			if ((rc = money_pay(x, &mp, &pid, &dup, cause)) !=
			    ST_OK)
				return (rc);
			g->payments++;
		}
	}
	return (ST_OK);
}

static struct store *
k_open(void)
{
	struct store	*st = NULL;
	char		*cause = NULL;

	if (store_open(home, 0, &st, &cause) != 0)
		die("store_open: %s", cause);
	return (st);
}

static void
k_gen(struct store *st)
{
	struct gen	 g;
	char		*cause = NULL;
	double		 t0 = now();

	memset(&g, 0, sizeof g);
	g.seed = 42;
	store_each(st, dict_entity("warehouses"), first_id, &g.wid);
	store_each(st, dict_entity("accounts"), first_id, &g.acct);
	if (g.wid == 0 || g.acct == 0)
		die("no warehouse or account");
	for (g.done = 0; g.done < ncust; g.done = g.upto) {
		g.upto = g.done + BATCH < ncust ? g.done + BATCH : ncust;
		if (store_run(st, "bench", "bench", gen_tx, &g, &cause) !=
		    ST_OK)
			die("writing the data: %s", cause);
		if (g.upto % 10000 == 0)
			note("%lld customers written (%.0f s)",
			    (long long)g.upto, now() - t0);
	}
	printf("The data: %lld customers, %lld posted shipments, %lld "
	    "payments (%lld with an advance left), written through the "
	    "money model in %.1f s.\n", (long long)ncust,
	    (long long)g.shipments, (long long)g.payments,
	    (long long)g.advances, now() - t0);
}

/* (1) money_balance() in a read transaction of its own (store_read), as op
 * money runs it. */
struct bal_arg {
	uint64_t		 id;
	struct money_balance	 b;
	size_t			 ndocs;
};

static int
bal_tx(struct tx *x, void *arg, char **cause)
{
	struct bal_arg		*a = arg;
	struct money_doc	*docs = NULL;
	int			 rc;

	(void)cause;
	rc = money_balance(x, 0, a->id, 0, &a->b, &docs, &a->ndocs);
	free(docs);
	return (rc);
}

/* Twice over the same customers: med[0], p99[0] the first time (what the
 * cache held), [1] again. */
static void
k_balance(struct store *st, double med[2], double p99[2], double *mean_docs)
{
	struct bal_arg	 a;
	double		*v = xcalloc((size_t)nsamples, sizeof *v), t0;
	char		*cause = NULL;
	size_t		 docs = 0;
	int		 i, pass;

	/* A warm-up over other customers first. */
	for (i = 0; i < 100 && i < ncust; i++) {
		a.id = cust_ids[(ncust - 1 - i) % ncust];
		if (store_read(st, 0, bal_tx, &a, &cause) != ST_OK)
			die("money_balance: %s", cause);
	}
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < nsamples; i++) {
			a.id = cust_ids[samples[i]];
			t0 = now();
			if (store_read(st, 0, bal_tx, &a, &cause) != ST_OK)
				die("money_balance: %s", cause);
			v[i] = now() - t0;
			docs += a.ndocs;
		}
		pcts(v, (size_t)nsamples, &med[pass], &p99[pass]);
	}
	*mean_docs = (double)docs / nsamples / 2;
	free(v);
}

/* The same through the server: op money, action balance. */
static void
k_balance_rt(double *med, double *p99)
{
	struct client		*c = bench_connect();
	struct client_reply	 r;
	struct msgb		 m;
	double			*v = xcalloc((size_t)nsamples, sizeof *v), t0;
	char			 code[32];
	int			 i;

	for (i = 0; i < nsamples; i++) {
		snprintf(code, sizeof code, "C%07lld",
		    (long long)samples[i] + 1);
		client_req(c, &m, "money", 3);
		mb_kstr(&m, "action", "balance");
		mb_kstr(&m, "party", code);
		mb_kstr(&m, "kind", "customer");
		t0 = now();
		if (client_call(c, &m, &r) != 0)
			die("money balance %s: %s", code, r.err ? r.err : "?");
		v[i] = now() - t0;
		client_reply_free(&r);
	}
	client_close(c);
	pcts(v, (size_t)nsamples, med, p99);
	free(v);
}

/* (2) The report through the server: ms to the first row and the last,
 * the rows, and the cells of the last (the total). */
static void
k_report(double *first, double *total, uint64_t *rows, char tot[8][24])
{
	struct client		*c = bench_connect();
	struct client_reply	 r;
	struct msgb		 m;
	const msgpack_object	*row;
	double			 t0;
	uint32_t		 i;
	int			 rc, frames = 0;

	*first = -1;
	*rows = 0;
	client_req(c, &m, "report", 5);
	mb_kstr(&m, "name", "receivables");
	mb_kint(&m, "from", 0);
	mb_kint(&m, "to", 0);
	mb_kstr(&m, "key", NULL);
	mb_kstr(&m, "format", "csv");
	t0 = now();
	rc = client_call(c, &m, &r);
	while (rc == 0 && r.more) {
		/* The title and labels, the header, then pages of rows. */
		if (++frames > 2 && r.data != NULL &&
		    r.data->type == MSGPACK_OBJECT_ARRAY) {
			if (*first < 0)
				*first = (now() - t0) * 1e3;
			*rows += r.data->via.array.size;
			row = &r.data->via.array.ptr[r.data->via.array.size -
			    1];
			for (i = 0; i < 8 && row->type ==
			    MSGPACK_OBJECT_ARRAY && i + 2 < row->via.array.size;
			    i++)
				snprintf(tot[i], 24, "%.*s",
				    (int)row->via.array.ptr[i + 2].via.str.size,
				    row->via.array.ptr[i + 2].via.str.ptr);
		}
		client_reply_free(&r);
		rc = client_next(c, &r);
	}
	*total = (now() - t0) * 1e3;
	if (rc != 0)
		die("report receivables: exit %d: %s", rc, r.err ? r.err : "?");
	client_reply_free(&r);
	client_close(c);
}

/* --- SQLite ------------------------------------------------------------- */

#ifdef HAVE_SQLITE3
struct sq_load {
	sqlite3_stmt	*ins;
	int		 kind;	/* 0 customers, 1 shipments, 2 balances */
	int64_t		 n;
};

static int
sq_row(const struct record *r, void *arg)
{
	struct sq_load	*l = arg;
	const struct entity_def	*e = r->ent;

	sqlite3_bind_int64(l->ins, 1, (int64_t)record_id(r));
	switch (l->kind) {
	case 0:
		sqlite3_bind_text(l->ins, 2, record_str(r, FX_CODE), -1,
		    SQLITE_TRANSIENT);
		sqlite3_bind_text(l->ins, 3, record_str(r,
		    dict_field_pos(e, "name")), -1, SQLITE_TRANSIENT);
		break;
	case 1:
		if (strcmp(record_str(r, dict_field_pos(e, "status")),
		    "posted") != 0)
			return (0);
		sqlite3_bind_int64(l->ins, 2, record_int(r,
		    dict_field_pos(e, "customer")));
		sqlite3_bind_int64(l->ins, 3, day_no(record_int(r,
		    dict_field_pos(e, "date"))));
		sqlite3_bind_int64(l->ins, 4, day_no(record_int(r,
		    dict_field_pos(e, "due_date"))));
		sqlite3_bind_int64(l->ins, 5, record_int(r,
		    dict_field_pos(e, "receivable")));
		sqlite3_bind_int64(l->ins, 6, record_int(r,
		    dict_field_pos(e, "paid")));
		break;
	default:
		if (record_int(r, dict_field_pos(e, "customer")) == 0)
			return (0);
		sqlite3_bind_int64(l->ins, 1, record_int(r,
		    dict_field_pos(e, "customer")));
		sqlite3_bind_int64(l->ins, 2, record_int(r,
		    dict_field_pos(e, "owed")));
		sqlite3_bind_int64(l->ins, 3, record_int(r,
		    dict_field_pos(e, "open")));
		sqlite3_bind_int64(l->ins, 4, record_int(r,
		    dict_field_pos(e, "advance")));
		if (record_isset(r, dict_field_pos(e, "oldest_due")))
			sqlite3_bind_int64(l->ins, 5, day_no(record_int(r,
			    dict_field_pos(e, "oldest_due"))));
		else
			sqlite3_bind_null(l->ins, 5);
		break;
	}
	if (sqlite3_step(l->ins) != SQLITE_DONE)
		die("sqlite: inserting %s: %s", r->ent->name,
		    sqlite3_errmsg(sqlite3_db_handle(l->ins)));
	sqlite3_reset(l->ins);
	l->n++;
	return (0);
}

/* The same rows as the store's, with the indexes kontor has on them. */
static void
sq_load(struct store *st)
{
	static const char *const ins[] = {
		"INSERT INTO customers VALUES (?1, ?2, ?3)",
		"INSERT INTO shipments VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		"INSERT INTO balances VALUES (?1, ?2, ?3, ?4, ?5)"
	};
	static const char *const ents[] = { "customers", "shipments",
	    "balances" };
	struct sq_load	 l;
	struct sq	*q;
	double		 t0 = now();
	int		 k;

	q = sq_open(ins, 3, 1,
	    "CREATE TABLE customers (id INTEGER PRIMARY KEY, code TEXT UNIQUE,"
	    " name TEXT);"
	    "CREATE TABLE shipments (id INTEGER PRIMARY KEY, customer INTEGER,"
	    " date INTEGER, due_date INTEGER, amount INTEGER, paid INTEGER);"
	    "CREATE TABLE balances (customer INTEGER PRIMARY KEY,"
	    " owed INTEGER, open INTEGER, advance INTEGER,"
	    " oldest_due INTEGER);");
	sq_exec(q->db, "BEGIN");
	for (k = 0; k < 3; k++) {
		memset(&l, 0, sizeof l);
		l.ins = q->st[k];
		l.kind = k;
		if (store_each(st, dict_entity(ents[k]), sq_row, &l) != ST_OK)
			die("reading %s", ents[k]);
	}
	sq_exec(q->db, "COMMIT");
	sq_exec(q->db,
	    "CREATE INDEX shipments_customer ON shipments (customer);"
	    "CREATE INDEX shipments_date ON shipments (date);"
	    "CREATE INDEX shipments_due ON shipments (due_date);"
	    "CREATE INDEX balances_due ON balances (oldest_due);"
	    "ANALYZE;");
	sq_close(q);
	printf("SQLite loaded with the same rows in %.1f s.\n", now() - t0);
}

/* The buckets of the open shipments, as of day ?1 (day number). */
#define SQ_AGING \
	"SUM(CASE WHEN ?1 - s.due_date <= 0 THEN s.amount - s.paid" \
	" ELSE 0 END)," \
	" SUM(CASE WHEN ?1 - s.due_date BETWEEN 1 AND 30" \
	" THEN s.amount - s.paid ELSE 0 END)," \
	" SUM(CASE WHEN ?1 - s.due_date BETWEEN 31 AND 60" \
	" THEN s.amount - s.paid ELSE 0 END)," \
	" SUM(CASE WHEN ?1 - s.due_date BETWEEN 61 AND 90" \
	" THEN s.amount - s.paid ELSE 0 END)," \
	" SUM(CASE WHEN ?1 - s.due_date > 90 THEN s.amount - s.paid" \
	" ELSE 0 END)"

static void
sq_balance(double med[2], double p99[2])
{
	static const char *const sql[] = {
		"SELECT " SQ_AGING ", (SELECT advance FROM balances"
		" WHERE customer = ?2) FROM shipments s WHERE s.customer = ?2"
		" AND s.amount > s.paid AND s.date <= ?1"
	};
	struct sq	*sq = sq_open(sql, 1, 0, NULL);
	sqlite3_stmt	*q = sq->st[0];
	double		*v = xcalloc((size_t)nsamples, sizeof *v), t0;
	int		 i, pass;

	for (pass = 0; pass < 2; pass++) {
		/* The first time, the first 100: a warm-up over other
		 * customers. */
		for (i = pass == 0 ? -100 : 0; i < nsamples; i++) {
			t0 = now();
			sqlite3_bind_int64(q, 1, day_no(today));
			sqlite3_bind_int64(q, 2, (int64_t)cust_ids[i < 0 ?
			    ((i % ncust) + ncust) % ncust : samples[i]]);
			if (sqlite3_step(q) != SQLITE_ROW)
				die("sqlite: balance: %s",
				    sqlite3_errmsg(sq->db));
			sqlite3_reset(q);
			if (i >= 0)
				v[i] = now() - t0;
		}
		pcts(v, (size_t)nsamples, &med[pass], &p99[pass]);
	}
	sq_close(sq);
	free(v);
}

/* The report as a GROUP BY; ordered: longest overdue first (a sort of every
 * group), else in customer order (streams over the customer index). */
static void
sq_report(int ordered, double *first, double *total, uint64_t *rows,
    int64_t tot[8])
{
	static const char *const sql[] = {
		"SELECT c.code, c.name, " SQ_AGING
		" FROM shipments s JOIN customers c ON c.id = s.customer"
		" WHERE s.amount > s.paid AND s.date <= ?2"
		" GROUP BY s.customer",
		"SELECT c.code, c.name, " SQ_AGING ", MIN(s.due_date) AS od"
		" FROM shipments s JOIN customers c ON c.id = s.customer"
		" WHERE s.amount > s.paid AND s.date <= ?2"
		" GROUP BY s.customer ORDER BY od, s.customer"
	};
	struct sq	*sq = sq_open(&sql[ordered != 0], 1, 0, NULL);
	sqlite3_stmt	*q = sq->st[0];
	double		 t0;
	int		 k;

	sqlite3_bind_int64(q, 1, day_no(today));
	sqlite3_bind_int64(q, 2, day_no(today));
	memset(tot, 0, 8 * sizeof *tot);
	*first = -1;
	*rows = 0;
	t0 = now();
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (*first < 0)
			*first = (now() - t0) * 1e3;
		(*rows)++;
		for (k = 0; k < 5; k++)
			tot[k] += sqlite3_column_int64(q, 2 + k);
	}
	*total = (now() - t0) * 1e3;
	sq_close(sq);
}
#endif

/* --- main ------------------------------------------------------------- */

static void
usage(void)
{
	fprintf(stderr, "usage: bench_money [-T TMPDIR] [-k KONTOR] "
	    "[-n CUSTOMERS] [-D DOCUMENTS]\n"
	    "           [-b SAMPLES] [-r REPS] [--quick|--full] [-s sqlite] "
	    "[--keep]\n"
	    "       bench_money --reuse DIR [-k KONTOR] [-b SAMPLES] [-r REPS] "
	    "[-s sqlite]\n");
	exit(EX_USAGE);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "keep", no_argument, NULL, 'K' },
		{ "quick", no_argument, NULL, 'Q' },
		{ "full", no_argument, NULL, 'F' },
		{ "reuse", required_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*tmp = getenv("TMPDIR"), *reuse = NULL;
	struct store	*st = NULL;
	double		 kmed[2], kp99[2], rmed, rp99, docs, f, t, bf, bt;
	uint64_t	 rows = 0;
	char		 ktot[8][24];
	int		 ch, keep = 0, i;
	uint64_t	 s = 7;
#ifdef HAVE_SQLITE3
	double		 smed[2], sp99[2], qf[2], qt[2];
	uint64_t	 qrows[2];
	int64_t		 stot[8], v;
	char		 buf[32];
	int		 agree = 1, k;
#endif

	bench_init("bench_money");
	while ((ch = getopt_long(argc, argv, "T:k:n:D:b:r:s:", opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'T':
			tmp = optarg;
			break;
		case 'k':
			kontor_bin = optarg;
			break;
		case 'n':
			ncust = atoll(optarg);
			break;
		case 'D':
			ndocs = atoll(optarg);
			break;
		case 'b':
			nsamples = atoi(optarg);
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		case 's':
			if (strstr(optarg, "sqlite") != NULL)
				no_sqlite = 1;
			break;
		case 'Q':
			ncust = 1000;
			ndocs = 10000;
			nsamples = 200;
			break;
		case 'F':
			ncust = 100000;
			ndocs = 1000000;
			break;
		case 'K':
			keep = 1;
			break;
		case 'R':
			reuse = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || ncust < 1 || ndocs < ncust || nsamples < 1 ||
	    reps < 1)
		usage();
	if (access(kontor_bin, X_OK) != 0)
		die("%s: not found (-k)", kontor_bin);
	if (reuse != NULL) {
		bench_reuse(reuse, "money.sqlite");
		keep = 1;
	} else
		bench_scratch(tmp, "bench_money", "money.sqlite");
	setvbuf(stdout, NULL, _IOLBF, 0);
	today = stock_today();
	if (reuse != NULL) {
		ncust = 0;
		st = k_open();
		store_each(st, dict_entity("customers"), cust_id, &ncust);
		ndocs = (int64_t)store_count(st, dict_entity("shipments"));
		if (ncust == 0)
			die("%s: no customers", reuse);
	} else
		cust_ids = xcalloc((size_t)ncust, sizeof *cust_ids);
	samples = xcalloc((size_t)nsamples, sizeof *samples);
	for (i = 0; i < nsamples; i++)
		samples[i] = rnd(&s, ncust);

	printf("# bench_money: %lld customers, %lld shipments, %d "
	    "customers' balances\n\n", (long long)ncust, (long long)ndocs,
	    nsamples);
	if (reuse == NULL) {
		k_setup();
		st = k_open();
		k_gen(st);
	}
	k_balance(st, kmed, kp99, &docs);
#ifdef HAVE_SQLITE3
	if (!no_sqlite && reuse == NULL)
		sq_load(st);
#endif
	store_close(st);

	k_balance_rt(&rmed, &rp99);
	bf = bt = 1e18;
	for (i = 0; i < reps; i++) {
		k_report(&f, &t, &rows, ktot);
		if (f < bf)
			bf = f;
		if (t < bt)
			bt = t;
	}
	bench_stop_server();

	printf("\n## One customer's balance (%d customers at random, %.1f "
	    "open documents each on average), µs\n\n", nsamples, docs);
	printf("| system | median | p99 |\n|---|---:|---:|\n");
	printf("| kontor money_balance(), server time, first | %.0f | %.0f "
	    "|\n", kmed[0], kp99[0]);
	printf("| kontor money_balance(), server time, again | %.0f | %.0f "
	    "|\n", kmed[1], kp99[1]);
	printf("| kontor op money balance, through the server | %.0f | %.0f "
	    "|\n", rmed, rp99);
#ifdef HAVE_SQLITE3
	if (!no_sqlite) {
		sq_balance(smed, sp99);
		printf("| SQLite, one indexed query, first | %.0f | %.0f |\n",
		    smed[0], sp99[0]);
		printf("| SQLite, one indexed query, again | %.0f | %.0f |\n",
		    smed[1], sp99[1]);
	}
#endif
	printf("\n## The receivables report (best of %d), ms\n\n", reps);
	printf("| system | rows | first row | total |\n|---|---:|---:|---:|\n");
	printf("| kontor report receivables, through the server | %llu | "
	    "%.1f | %.1f |\n", (unsigned long long)rows, bf, bt);
#ifdef HAVE_SQLITE3
	if (!no_sqlite) {
		for (k = 0; k < 2; k++) {
			qf[k] = qt[k] = 1e18;
			for (i = 0; i < reps; i++) {
				sq_report(k, &f, &t, &qrows[k], stot);
				if (f < qf[k])
					qf[k] = f;
				if (t < qt[k])
					qt[k] = t;
			}
		}
		printf("| SQLite GROUP BY customer (customer order) | %llu | "
		    "%.1f | %.1f |\n", (unsigned long long)qrows[0], qf[0],
		    qt[0]);
		printf("| SQLite GROUP BY customer, longest overdue first | "
		    "%llu | %.1f | %.1f |\n", (unsigned long long)qrows[1], qf[1],
		    qt[1]);
		/* kontor's total: owed, advance, current, 4 buckets,
		 * overdue; SQLite's: current, 4 buckets. */
		for (k = 0; k < 5; k++) {
			money_format(stot[k], buf, sizeof buf, 0);
			if (strcmp(buf, ktot[2 + k]) != 0)
				agree = 0;
		}
		v = stot[1] + stot[2] + stot[3] + stot[4];
		money_format(v, buf, sizeof buf, 0);
		if (strcmp(buf, ktot[7]) != 0)
			agree = 0;
		printf("\nThe totals (not yet due %s, overdue %s) %s.\n",
		    ktot[2], ktot[7], agree ? "agree" : "DO NOT agree");
		if (!agree)
			printf("kontor: %s %s %s %s %s; SQLite: %lld %lld "
			    "%lld %lld %lld\n", ktot[2], ktot[3], ktot[4],
			    ktot[5], ktot[6], (long long)stot[0],
			    (long long)stot[1], (long long)stot[2],
			    (long long)stot[3], (long long)stot[4]);
	}
#endif
	bench_scratch_done(keep);
	free(cust_ids);
	free(samples);
	return (0);
}
