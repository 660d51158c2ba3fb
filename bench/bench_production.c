/*
 * bench_production: material planning at scale and completion postings
 * per second, kontor beside SQLite doing the same posting.
 *
 *	bench_production [-T TMPDIR] [-p PRODUCTS] [-o ORDER_LINES]
 *	    [-c 1,8] [-d SECONDS] [-n RUNS] [-k KONTOR]
 *	    [-s plan,post,sqlite] [--keep]
 *
 *  (a) kontor plan over PRODUCTS products (10,000: a fifth finished, made
 *      of 2 semi-finished and 2 materials; three tenths semi-finished,
 *      made of 3 materials; half materials, bought from 10 suppliers with
 *      supplier prices and lead times, some with a minimum stock level):
 *      three-level BOMs, and ORDER_LINES (20,000) lines of confirmed
 *      sales orders of the finished goods promised over the next two
 *      weeks.  `kontor plan --csv` is timed RUNS times (wall clock, the
 *      CLI's whole run: connect, plan in the server, the rows sent and
 *      printed), with the server's resident memory before and after and
 *      its peak (VmHWM, the server restarted before the runs so the peak
 *      is the plan's, not the imports').
 *  (b) completion postings per second: a production order per client,
 *      released, each of a finished product of a 3-component BOM (the
 *      components shared out of a pool of 12, so clients meet on the
 *      same stock rows); each client, its own process and connection,
 *      completes 1 unit per request (op "production", action produce:
 *      the 3 components out at their moving average, the product in,
 *      the completion, the order's totals, the audit, one durable
 *      transaction).  SQLite, a process and connection per client, does
 *      the same transaction: BEGIN IMMEDIATE, read the 3 components'
 *      averages, insert 4 moves, update 4 stock rows, insert the
 *      completion, update the order, COMMIT (WAL, synchronous=FULL).
 *      Each client count RUNS times, kontor and SQLite in turn;
 *      min/median/max.
 *
 * Scratch lives in a mkdtemp directory under TMPDIR, removed at the end
 * unless --keep.  Without SQLite at build time only kontor is measured.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/utsname.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_SQLITE3
#include <sqlite3.h>
#endif

#include "bench/bench.h"
#include "client/client.h"
#include "proto.h"
#include "xmalloc.h"

#define MAX_CLIENTS	64
#define MAX_RUNS	9
#define POOL		12	/* components shared by the completions */
#define SO_FILE		2000	/* sales order lines per imported file */

#define SKIP_PLAN	0x01
#define SKIP_POST	0x02
#define SKIP_SQLITE	0x04

static unsigned		 nprod = 10000, nlines = 20000;
static double		 secs = 5;
static int		 runs = 3;
static unsigned		 skip;
static int		 maxc;
static char		*logpath;
static char		 mo_code[MAX_CLIENTS][32];

static void
usage(void)
{
	fprintf(stderr, "usage: bench_production [-T TMPDIR] [-p PRODUCTS] "
	    "[-o ORDER_LINES] [-c 1,8] [-d SECONDS] [-n RUNS] [-k KONTOR] "
	    "[-s plan,post,sqlite] [--keep]\n");
	exit(64);
}

static void
kontor(const char *what, ...)
{
	const char	*a[12];
	va_list		 ap;
	int		 n = 0, rc;

	va_start(ap, what);
	while (n < 11 && (a[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	a[n] = NULL;
	rc = run_kontor(logpath, a[0], a[1], a[2], a[3], a[4], a[5], a[6],
	    a[7], a[8], a[9], a[10], NULL);
	if (rc != 0) {
		show_log(logpath);
		die("%s failed (exit %d)", what, rc);
	}
}

/* A growing text, written to scratch/name. */
struct text {
	char	*s;
	size_t	 len, cap;
};

static void
tadd(struct text *t, const char *fmt, ...)
    __attribute__((__format__(__printf__, 2, 3)));

static void
tadd(struct text *t, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && t->len + (size_t)n < t->cap)
			break;
		t->cap = t->cap * 2 + (size_t)n + 4096;
		t->s = xreallocarray(t->s, t->cap, 1);
	}
	t->len += (size_t)n;
}

static char *
tsave(struct text *t, const char *name)
{
	char	*path;

	write_file(name, t->s != NULL ? t->s : "", &path);
	free(t->s);
	memset(t, 0, sizeof *t);
	return (path);
}

static void
import(const char *ent, struct text *t, const char *name)
{
	char	*path = tsave(t, name);

	kontor(ent, "import", ent, path, NULL);
	free(path);
}

/* "2026-12-05" of today + days. */
static void
day(int days, char *buf, size_t len)
{
	time_t		 t = time(NULL) + (time_t)days * 86400;
	struct tm	 tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d", &tm);
}

/* --- (a) the plan ---------------------------------------------------------- */

static unsigned	 nf, ns, nm;	/* finished, semi-finished, materials */

static void
plan_load(void)
{
	struct text	 t = { 0 };
	uint64_t	 seed = 42;
	unsigned	 i, j, k, l, o;
	char		 d[16], *path;

	nf = nprod / 5;
	ns = nprod * 3 / 10;
	nm = nprod - nf - ns;
	note("plan data: %u finished, %u semi-finished, %u materials, %u "
	    "order lines", nf, ns, nm, nlines);
	tadd(&t, "code,name,allow_negative\nMAIN,Main,yes\nPRD,Shop,no\n");
	import("warehouses", &t, "wh.csv");
	tadd(&t, "code,name,lead_days\n");
	for (i = 0; i < 10; i++)
		tadd(&t, "S%02u,Supplier %u,%u\n", i, i, 3 + i);
	import("suppliers", &t, "sup.csv");
	tadd(&t, "code,name,hours_per_day,days,rate\n"
	    "WC1,Assembly,8,12345,500.00\n");
	import("work_centres", &t, "wc.csv");
	tadd(&t, "code,name,kind\n");
	for (i = 0; i < 100; i++)
		tadd(&t, "C%03u,Customer %u,company\n", i, i);
	import("customers", &t, "c.csv");
	tadd(&t, "sku,name,kind,unit,supplier,purchase_price,sale_price\n");
	for (i = 0; i < nf; i++)
		tadd(&t, "F%05u,Finished %u,finished,pcs,,,1000.00\n", i, i);
	for (i = 0; i < ns; i++)
		tadd(&t, "S%05u,Semi %u,material,pcs,,,\n", i, i);
	for (i = 0; i < nm; i++)
		tadd(&t, "M%05u,Material %u,material,pcs,S%02u,%u.00,\n", i, i,
		    i % 10, 1 + i % 50);
	import("products", &t, "p.csv");
	tadd(&t, "supplier,product,price,lead_days\n");
	for (i = 0; i < nm; i++)
		tadd(&t, "S%02u,M%05u,%u.50,%u\n", i % 10, i, 1 + i % 50,
		    2 + i % 7);
	import("supplier_prices", &t, "sp.csv");
	tadd(&t, "product,version,yield,component,quantity,scrap,"
	    "work_centre,hours\n");
	for (i = 0; i < nf; i++) {
		for (k = 0; k < 2; k++)
			tadd(&t, "F%05u,1,1,S%05u,%u,,WC1,1\n", i,
			    rnd(&seed, ns), 1 + k);
		for (k = 0; k < 2; k++)
			tadd(&t, "F%05u,1,1,M%05u,%u,,WC1,1\n", i,
			    rnd(&seed, nm), 2 + k);
	}
	for (i = 0; i < ns; i++)
		for (k = 0; k < 3; k++)
			tadd(&t, "S%05u,1,1,M%05u,%u,5,WC1,0.5\n", i,
			    rnd(&seed, nm), 1 + k);
	path = tsave(&t, "boms.csv");
	kontor("boms", "import", "boms", path, NULL);
	free(path);
	tadd(&t, "type,sku,warehouse,quantity,unit_cost\n");
	for (i = 0; i < nm; i += 2)
		tadd(&t, "receipt,M%05u,MAIN,%u,10.00\n", i, 10 + rnd(&seed,
		    200));
	path = tsave(&t, "in.csv");
	kontor("stock", "import", "stock-moves", path, NULL);
	free(path);
	tadd(&t, "product,warehouse,min_qty,max_qty\n");
	for (i = 0; i < nm; i += 10)
		tadd(&t, "M%05u,MAIN,50,200\n", i);
	import("stock_limits", &t, "lim.csv");
	/* Orders of 4 lines, in files of SO_FILE lines, confirmed. */
	for (l = 0, o = 0; l < nlines; o++) {
		char	 name[32];

		if (t.len == 0)
			tadd(&t, "order,customer,warehouse,ship_date,sku,"
			    "quantity\n");
		day((int)rnd(&seed, 14), d, sizeof d);
		k = rnd(&seed, 100);
		for (j = 0; j < 4 && l < nlines; j++, l++)
			tadd(&t, "O%u,C%03u,MAIN,%s,F%05u,%u\n", o, k, d,
			    rnd(&seed, nf), 1 + rnd(&seed, 5));
		if (l % SO_FILE == 0 || l == nlines) {
			snprintf(name, sizeof name, "so%u.csv", l);
			path = tsave(&t, name);
			kontor("sales orders", "import", "sales-orders", path,
			    "--post", NULL);
			free(path);
		}
	}
}

/* A field of /proc/PID/status in kB ("VmRSS", "VmHWM"); -1 if none. */
static long
proc_kb(pid_t pid, const char *field)
{
	char	 path[64], line[256];
	long	 v = -1;
	size_t	 n = strlen(field);
	FILE	*f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return (v);
}

static void
plan_bench(void)
{
	double	 t[MAX_RUNS], cpu[MAX_RUNS], t0, c0;
	long	 rss0, rss1, hwm;
	pid_t	 pid;
	char	*out;
	FILE	*f;
	char	 line[512];
	long	 rows = 0;
	int	 r;
	struct client	*c;

	/* A fresh server: its peak is the plan's. */
	bench_stop_server();
	c = bench_connect();
	client_close(c);
	pid = bench_server_pid();
	rss0 = pid > 0 ? proc_kb(pid, "VmRSS") : -1;
	xasprintf(&out, "%s/plan.csv", scratch);
	for (r = 0; r < runs; r++) {
		unlink(out);
		c0 = pid > 0 ? bench_proc_cpu(pid) : -1;
		t0 = now();
		if (run_kontor(out, "plan", "--csv", NULL) != 0) {
			show_log(out);
			die("kontor plan failed");
		}
		t[r] = now() - t0;
		cpu[r] = c0 >= 0 ? bench_proc_cpu(pid) - c0 : -1;
		note("plan run %d: %.2f s, server CPU %.2f s", r + 1, t[r],
		    cpu[r]);
	}
	if ((f = fopen(out, "r")) != NULL) {
		while (fgets(line, sizeof line, f) != NULL)
			rows++;
		fclose(f);
	}
	rss1 = pid > 0 ? proc_kb(pid, "VmRSS") : -1;
	hwm = pid > 0 ? proc_kb(pid, "VmHWM") : -1;
	qsort(t, (size_t)runs, sizeof t[0], cmp_double);
	qsort(cpu, (size_t)runs, sizeof cpu[0], cmp_double);
	printf("## (a) kontor plan: %u products (3-level BOMs), %u open order "
	    "lines\n\n", nprod, nlines);
	printf("| runs | proposals | min (s) | median (s) | max (s) | server "
	    "CPU, median (s) | server RSS before (MB) | after (MB) | peak "
	    "(MB) |\n");
	printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	printf("| %d | %ld | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f "
	    "|\n\n", runs, rows > 0 ? rows - 1 : 0, t[0], t[runs / 2],
	    t[runs - 1], cpu[runs / 2], rss0 / 1024.0, rss1 / 1024.0,
	    hwm / 1024.0);
	fflush(stdout);
	free(out);
}

/* --- (b) completions ---------------------------------------------------------- */

static unsigned
comp_of(unsigned client, unsigned k)
{
	return ((client * 5 + k * 4) % POOL);
}

static void
post_load(void)
{
	struct text	 t = { 0 };
	unsigned	 i, k;
	char		*path;

	note("completions: %d finished products of 3 components, %d in the "
	    "pool", maxc, POOL);
	if (skip & SKIP_PLAN) {
		tadd(&t, "code,name,allow_negative\nPRD,Shop,no\n");
		import("warehouses", &t, "wh2.csv");
	}
	tadd(&t, "sku,name,kind,unit,purchase_price\n");
	for (i = 0; i < POOL; i++)
		tadd(&t, "PC%02u,Component %u,material,pcs,%u.00\n", i, i,
		    5 + i);
	for (i = 0; i < (unsigned)maxc; i++)
		tadd(&t, "PF%02u,Product %u,finished,pcs,\n", i, i);
	import("products", &t, "pp.csv");
	tadd(&t, "product,version,yield,component,quantity\n");
	for (i = 0; i < (unsigned)maxc; i++)
		for (k = 0; k < 3; k++)
			tadd(&t, "PF%02u,1,1,PC%02u,%u\n", i, comp_of(i, k),
			    1 + k);
	path = tsave(&t, "pboms.csv");
	kontor("boms", "import", "boms", path, NULL);
	free(path);
	tadd(&t, "type,sku,warehouse,quantity,unit_cost\n");
	for (i = 0; i < POOL; i++)
		tadd(&t, "receipt,PC%02u,PRD,100000000,%u.25\n", i, 5 + i);
	path = tsave(&t, "pin.csv");
	kontor("stock", "import", "stock-moves", path, NULL);
	free(path);
	tadd(&t, "code,kind,product,qty,comp_warehouse,fg_warehouse\n");
	for (i = 0; i < (unsigned)maxc; i++) {
		snprintf(mo_code[i], sizeof mo_code[i], "MO-B%02u", i);
		tadd(&t, "%s,produce,PF%02u,1000000,PRD,PRD\n", mo_code[i], i);
	}
	import("production_orders", &t, "mo.csv");
	for (i = 0; i < (unsigned)maxc; i++)
		kontor("release", "post", mo_code[i], NULL);
}

#ifdef HAVE_SQLITE3
static const char sq_schema[] =
	"CREATE TABLE stock (product INTEGER, warehouse INTEGER,"
	" on_hand INTEGER, reserved INTEGER, value INTEGER,"
	" PRIMARY KEY (product, warehouse));"
	"CREATE TABLE moves (id INTEGER PRIMARY KEY, date INTEGER,"
	" kind TEXT, product INTEGER, warehouse INTEGER, qty INTEGER,"
	" value INTEGER, mo INTEGER);"
	"CREATE INDEX moves_product ON moves (product);"
	"CREATE INDEX moves_mo ON moves (mo);"
	"CREATE TABLE mos (id INTEGER PRIMARY KEY, product INTEGER,"
	" qty INTEGER, made INTEGER, cost INTEGER);"
	"CREATE TABLE completions (id INTEGER PRIMARY KEY, mo INTEGER,"
	" date INTEGER, qty INTEGER, cost INTEGER);"
	"CREATE INDEX completions_mo ON completions (mo);";

enum {
	Q_BEGIN, Q_COMMIT, Q_ROLLBACK, Q_GET, Q_OUT, Q_IN, Q_MOVE, Q_COMP,
	Q_MO, Q_N
};
static const char *const sq_sql[Q_N] = {
	"BEGIN IMMEDIATE",
	"COMMIT",
	"ROLLBACK",
	"SELECT on_hand, value FROM stock WHERE product = ?1 AND"
	" warehouse = 1",
	"UPDATE stock SET on_hand = on_hand - ?2, reserved = reserved - ?2,"
	" value = value - ?3 WHERE product = ?1 AND warehouse = 1",
	"INSERT INTO stock (product, warehouse, on_hand, reserved, value)"
	" VALUES (?1, 1, ?2, 0, ?3) ON CONFLICT (product, warehouse) DO"
	" UPDATE SET on_hand = on_hand + excluded.on_hand,"
	" value = value + excluded.value",
	"INSERT INTO moves (date, kind, product, warehouse, qty, value, mo)"
	" VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)",
	"INSERT INTO completions (mo, date, qty, cost) VALUES (?1, ?2, ?3,"
	" ?4)",
	"UPDATE mos SET made = made + ?2, cost = cost + ?3 WHERE id = ?1",
};

static void
sq_load(void)
{
	struct sq	*q;
	char		*sql;
	unsigned	 i;

	q = sq_open(sq_sql, Q_N, 1, sq_schema);
	sq_exec(q->db, "BEGIN");
	for (i = 0; i < POOL; i++) {
		xasprintf(&sql, "INSERT INTO stock VALUES (%u, 1, 100000000000,"
		    " %lld, %lld)", 100 + i, 0LL,
		    (long long)(5 + i) * 100000000LL * 100 + 25 * 100000000LL);
		sq_exec(q->db, sql);
		free(sql);
	}
	for (i = 0; i < (unsigned)maxc; i++) {
		xasprintf(&sql, "INSERT INTO mos VALUES (%u, %u, 1000000000, "
		    "0, 0)", i + 1, 200 + i);
		sq_exec(q->db, sql);
		free(sql);
		/* The components held for it, as a release reserves. */
		xasprintf(&sql, "UPDATE stock SET reserved = reserved + "
		    "1000000000 WHERE product IN (%u, %u, %u)",
		    100 + comp_of(i, 0), 100 + comp_of(i, 1),
		    100 + comp_of(i, 2));
		sq_exec(q->db, sql);
		free(sql);
	}
	sq_exec(q->db, "COMMIT");
	sq_close(q);
}

#define BIND_I(q, i, n, v)	sqlite3_bind_int64((q)->st[i], (n), (v))

static int
sq_step(struct sq *q, int i)
{
	int	 rc;

	while ((rc = sqlite3_step(q->st[i])) == SQLITE_ROW)
		;
	sq_reset(q, i);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* One completion of 1 unit of client's order. */
static int
sq_complete(struct sq *q, unsigned client, int64_t date)
{
	int64_t	 oh, val, out, cost = 0, qty;
	unsigned k;

	if (sq_step(q, Q_BEGIN) != 0)
		return (-1);
	for (k = 0; k < 3; k++) {
		int64_t	 pid = 100 + comp_of(client, k);

		qty = (int64_t)(1 + k) * 1000;
		BIND_I(q, Q_GET, 1, pid);
		if (sqlite3_step(q->st[Q_GET]) != SQLITE_ROW) {
			sq_reset(q, Q_GET);
			goto fail;
		}
		oh = sqlite3_column_int64(q->st[Q_GET], 0);
		val = sqlite3_column_int64(q->st[Q_GET], 1);
		sq_reset(q, Q_GET);
		/* Out at the moving average: value x qty / on hand. */
		out = oh > 0 ? (int64_t)((__int128)val * qty / oh) : 0;
		cost += out;
		BIND_I(q, Q_OUT, 1, pid);
		BIND_I(q, Q_OUT, 2, qty);
		BIND_I(q, Q_OUT, 3, out);
		if (sq_step(q, Q_OUT) != 0)
			goto fail;
		BIND_I(q, Q_MOVE, 1, date);
		sqlite3_bind_text(q->st[Q_MOVE], 2, "consumption", -1,
		    SQLITE_STATIC);
		BIND_I(q, Q_MOVE, 3, pid);
		BIND_I(q, Q_MOVE, 4, -qty);
		BIND_I(q, Q_MOVE, 5, -out);
		BIND_I(q, Q_MOVE, 6, client + 1);
		if (sq_step(q, Q_MOVE) != 0)
			goto fail;
	}
	BIND_I(q, Q_IN, 1, 200 + client);
	BIND_I(q, Q_IN, 2, 1000);
	BIND_I(q, Q_IN, 3, cost);
	if (sq_step(q, Q_IN) != 0)
		goto fail;
	BIND_I(q, Q_MOVE, 1, date);
	sqlite3_bind_text(q->st[Q_MOVE], 2, "output", -1, SQLITE_STATIC);
	BIND_I(q, Q_MOVE, 3, 200 + client);
	BIND_I(q, Q_MOVE, 4, 1000);
	BIND_I(q, Q_MOVE, 5, cost);
	BIND_I(q, Q_MOVE, 6, client + 1);
	if (sq_step(q, Q_MOVE) != 0)
		goto fail;
	BIND_I(q, Q_COMP, 1, client + 1);
	BIND_I(q, Q_COMP, 2, date);
	BIND_I(q, Q_COMP, 3, 1000);
	BIND_I(q, Q_COMP, 4, cost);
	if (sq_step(q, Q_COMP) != 0)
		goto fail;
	BIND_I(q, Q_MO, 1, client + 1);
	BIND_I(q, Q_MO, 2, 1000);
	BIND_I(q, Q_MO, 3, cost);
	if (sq_step(q, Q_MO) != 0)
		goto fail;
	return (sq_step(q, Q_COMMIT));
fail:
	sq_step(q, Q_ROLLBACK);
	return (-1);
}
#endif

static int
k_complete(struct client *c, unsigned client, char **err)
{
	struct client_reply	 r;
	struct msgb		 m;
	int			 rc;

	client_req(c, &m, "production", 3);
	mb_kstr(&m, "action", "produce");
	mb_kstr(&m, "code", mo_code[client]);
	mb_kint(&m, "qty", 1000);
	if ((rc = client_call(c, &m, &r)) != 0 && *err == NULL)
		*err = xstrdup(r.err != NULL ? r.err : "refused");
	client_reply_free(&r);
	return (rc == 0 ? 0 : -1);
}

struct result {
	uint64_t	 done, errors;
	double		 secs;
	char		 err[160];
};

static void
child(void *arg, int startfd, int wfd, uint64_t seed)
{
	int		 sqlite = *(int *)arg;
	unsigned	 me = (unsigned)(seed / 7919 - 1);
	struct result	 res;
	struct client	*c = NULL;
#ifdef HAVE_SQLITE3
	struct sq	*q = NULL;
#endif
	double		 t0, t1, t;
	char		*err = NULL, go;
	int		 rc;

	if (sqlite) {
#ifdef HAVE_SQLITE3
		q = sq_open(sq_sql, Q_N, 0, NULL);
#endif
	} else
		c = bench_connect();
	memset(&res, 0, sizeof res);
	if (read(startfd, &go, 1) != 1)
		_exit(1);
	t0 = now();
	t1 = t0 + secs;
	for (t = t0; t < t1; t = now()) {
#ifdef HAVE_SQLITE3
		if (sqlite)
			rc = sq_complete(q, me, 20261205);
		else
#endif
			rc = k_complete(c, me, &err);
		if (rc != 0)
			res.errors++;
		else
			res.done++;
	}
	res.secs = t - t0;
	if (err != NULL)
		snprintf(res.err, sizeof res.err, "%s", err);
	if (write(wfd, &res, sizeof res) != sizeof res)
		_exit(1);
#ifdef HAVE_SQLITE3
	sq_close(q);
#endif
	if (c != NULL)
		client_close(c);
	_exit(0);
}

/* Completions a second of n clients; errors into *errors. */
static double
post_rate(int sqlite, int n, uint64_t *errors, char *err, size_t elen)
{
	int		 rfd[MAX_CLIENTS], i;
	pid_t		 pids[MAX_CLIENTS];
	struct result	 res;
	double		 rate = 0;

	bench_clients_start(n, child, &sqlite, rfd, pids);
	for (i = 0; i < n; i++) {
		if (read_all(rfd[i], &res, sizeof res) != 0)
			die("a completing client failed");
		if (res.secs > 0)
			rate += (double)res.done / res.secs;
		*errors += res.errors;
		if (err[0] == '\0' && res.err[0] != '\0')
			snprintf(err, elen, "%s", res.err);
		close(rfd[i]);
	}
	bench_clients_wait(n, pids);
	return (rate);
}

static void
post_bench(const int *counts, int ncounts)
{
	double		 k[16][MAX_RUNS], s[16][MAX_RUNS];
	uint64_t	 kerr = 0, serr = 0;
	char		 err[160] = "";
	int		 i, r, have_s = !(skip & SKIP_SQLITE);

	for (r = 0; r < runs; r++)
		for (i = 0; i < ncounts; i++) {
			note("completions: run %d, kontor, %d clients", r + 1,
			    counts[i]);
			k[i][r] = post_rate(0, counts[i], &kerr, err,
			    sizeof err);
#ifdef HAVE_SQLITE3
			if (have_s) {
				note("completions: run %d, SQLite, %d clients",
				    r + 1, counts[i]);
				s[i][r] = post_rate(1, counts[i], &serr, err,
				    sizeof err);
			}
#endif
		}
	printf("## (b) completions per second (1 unit of a 3-component BOM "
	    "each; %.0f s a run, %d runs; durable)\n\n", secs, runs);
	printf("| clients | kontor min | median | max | SQLite min | median "
	    "| max | kontor / SQLite (medians) |\n");
	printf("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (i = 0; i < ncounts; i++) {
		qsort(k[i], (size_t)runs, sizeof k[i][0], cmp_double);
		if (have_s)
			qsort(s[i], (size_t)runs, sizeof s[i][0], cmp_double);
		if (have_s)
			printf("| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f "
			    "| %.2f |\n", counts[i], k[i][0], k[i][runs / 2],
			    k[i][runs - 1], s[i][0], s[i][runs / 2],
			    s[i][runs - 1], s[i][runs / 2] > 0 ?
			    k[i][runs / 2] / s[i][runs / 2] : 0);
		else
			printf("| %d | %.0f | %.0f | %.0f | - | - | - | - |\n",
			    counts[i], k[i][0], k[i][runs / 2],
			    k[i][runs - 1]);
	}
	printf("\nerrors: kontor %llu, SQLite %llu%s%s\n\n",
	    (unsigned long long)kerr, (unsigned long long)serr,
	    err[0] ? "; first: " : "", err);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	static const struct option	 opts[] = {
		{ "keep", no_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*tmp = NULL;
	char		*clist = xstrdup("1,8"), *tok, *save = NULL, when[64];
	int		 counts[16], ncounts, ch, keep = 0, i;
	struct utsname	 un;
	struct tm	 tm;
	time_t		 tt;
	double		 la[3];

	bench_init("bench_production");
	while ((ch = getopt_long(argc, argv, "T:p:o:c:d:n:k:s:", opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'T':
			tmp = optarg;
			break;
		case 'p':
			nprod = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'o':
			nlines = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'c':
			free(clist);
			clist = xstrdup(optarg);
			break;
		case 'd':
			secs = atof(optarg);
			break;
		case 'n':
			runs = atoi(optarg);
			break;
		case 'k':
			kontor_bin = optarg;
			break;
		case 's':
			for (tok = strtok_r(optarg, ",", &save); tok != NULL;
			    tok = strtok_r(NULL, ",", &save)) {
				if (strcmp(tok, "plan") == 0)
					skip |= SKIP_PLAN;
				else if (strcmp(tok, "post") == 0)
					skip |= SKIP_POST;
				else if (strcmp(tok, "sqlite") == 0)
					skip |= SKIP_SQLITE;
				else
					usage();
			}
			break;
		case 'K':
			keep = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || nprod < 10 || nlines < 1 || secs <= 0 ||
	    runs < 1 || runs > MAX_RUNS)
		usage();
	if ((ncounts = bench_counts(clist, counts, 16, MAX_CLIENTS)) < 0)
		usage();
	free(clist);
	for (maxc = 1, i = 0; i < ncounts; i++)
		if (counts[i] > maxc)
			maxc = counts[i];
#ifndef HAVE_SQLITE3
	skip |= SKIP_SQLITE;
	note("built without SQLite: kontor only");
#endif
	if (access(kontor_bin, X_OK) != 0)
		die("%s: %s (-k names the kontor binary)", kontor_bin,
		    strerror(errno));
	signal(SIGPIPE, SIG_IGN);
	setenv("KONTOR_PROG", "bench_production", 1);
	bench_scratch(tmp, "kontor-production", "production.sqlite");
	xasprintf(&logpath, "%s/kontor.log", scratch);

	uname(&un);
	tt = time(NULL);
	gmtime_r(&tt, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	if (getloadavg(la, 3) != 3)
		la[0] = la[1] = la[2] = 0;
	printf("kontor production benchmark, %s, %ld CPUs, %s %s; load "
	    "average %.2f %.2f %.2f\n", when, sysconf(_SC_NPROCESSORS_ONLN),
	    un.sysname, un.release, la[0], la[1], la[2]);
#ifdef HAVE_SQLITE3
	printf("SQLite %s (WAL, synchronous=FULL), ", sqlite3_libversion());
#endif
	printf("scratch %s\n\n", scratch);
	fflush(stdout);

	kontor("init", "init", "--company", "Bench", NULL);
	if (!(skip & SKIP_PLAN)) {
		plan_load();
		plan_bench();
	}
	if (!(skip & SKIP_POST)) {
		post_load();
#ifdef HAVE_SQLITE3
		if (!(skip & SKIP_SQLITE))
			sq_load();
#endif
		post_bench(counts, ncounts);
	}
	if (getloadavg(la, 3) == 3)
		printf("load average at the end: %.2f %.2f %.2f\n", la[0],
		    la[1], la[2]);
	bench_stop_server();
	bench_scratch_done(keep);
	free(logpath);
	return (0);
}
