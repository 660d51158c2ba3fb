/*
 * bench_pdf: how fast kontor makes the PDF of a real УПД (forms/upd.c) of
 * 20 lines, from a home made for it with the kontor binary (a company
 * with its bank, a customer, 20 products in шт, кг and упак at 20 % and
 * 10 %, an order of them shipped and posted).
 *
 * Over the server, as a user prints:
 *   print    `kontor print SHP -o FILE` run one after another (-p of
 *            them): the time from the command's start to the file
 *            written, the first one (the server's first PDF: its fonts
 *            loaded) apart
 *   client   one client, one connection: op print one request at a time
 *            (median and p99) and -n of them in a row: PDFs per second
 *
 * In the process, the server's work without the socket (the server is
 * stopped and the home opened here):
 *   first    the form and its PDF in a new process: fontconfig and the
 *            fonts loaded first (median of -r processes)
 *   one      the form (read from the store) and its PDF, one at a time:
 *            median and p99; and each half alone
 *   row      -n of them in a row: PDFs per second
 *   each     a new thread for each, one after another, as the server
 *            gives each connection a thread
 *   threads  the same -n by T threads at once (-t 1,2,4)
 *
 * and the bytes of one PDF.
 *
 *   bench_pdf [-k KONTOR] [-l LINES] [-n PDFS] [-p PRINTS] [-r NEWPROCS]
 *       [-t 1,2,4] [-o ONE.pdf] [-T TMPDIR] [--keep]
 *
 * -o writes one of the PDFs to a file, to look at.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/wait.h>

#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench.h"
#include "client/client.h"
#include "client/print.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "forms/forms.h"
#include "forms/sheet.h"
#include "xmalloc.h"

#define MAX_THREADS	16

static int		 nlines = 20;
static struct store	*st;
static struct form_args	 fa;
static const struct form_def *upd;
static long		 stamp;

/* --- the home ------------------------------------------------------------ */

static void
kontor(const char *log, const char *what, ...)
{
	const char	*argv[12];
	va_list		 ap;
	int		 n = 0, rc;

	memset(argv, 0, sizeof argv);
	va_start(ap, what);
	while (n < 11 && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	rc = run_kontor(log, argv[0], argv[1], argv[2], argv[3], argv[4],
	    argv[5], argv[6], argv[7], argv[8], argv[9], argv[10], NULL);
	if (rc != 0) {
		show_log(log);
		die("%s failed (exit %d)", what, rc);
	}
}

/* A company, a customer, nlines products, an order of them shipped and
 * posted: SHP-YYYY-000001, its code into code. */
static void
make_home(char *code, size_t len)
{
	static const char *const units[] = { "pcs", "kg", "pack" };
	struct buf	 p, in, so;
	char		*log, *path, year[16];
	struct tm	 tm;
	time_t		 t;
	int		 i;

	xasprintf(&log, "%s/fixture.log", scratch);
	kontor(log, "init", "init", "--company", "ООО «Ромашка»", NULL);
	kontor(log, "company", "company",
	    "--set", "full_name=Общество с ограниченной ответственностью "
	    "«Ромашка»", "--set", "inn=7707083893", "--set", "kpp=770701001",
	    "--set", "vat_payer=yes", NULL);
	kontor(log, "user", "user", "mod", "root", "--name",
	    "Петров Пётр Петрович", NULL);
	kontor(log, "company", "company",
	    "--set", "legal_address=125009, г. Москва, ул. Тверская, д. 1, "
	    "офис 12", "--set", "director=Соколов Андрей Викторович",
	    "--set", "accountant=Белова Ирина Петровна", NULL);
	write_file("a.csv", "code,name,kind,bank,bik,corr_account,number\n"
	    "BANK,Расчётный счёт,bank,ПАО Сбербанк,044525225,"
	    "30101810400000000225,40702810938000000001\n", &path);
	kontor(log, "import accounts", "import", "accounts", path, NULL);
	free(path);
	kontor(log, "company account", "company", "--set", "account=BANK",
	    NULL);
	write_file("w.csv", "code,name\nMAIN,Основной склад\n", &path);
	kontor(log, "import warehouses", "import", "warehouses", path, NULL);
	free(path);
	write_file("c.csv", "code,name,kind,inn,kpp,address\n"
	    "BEREZKA,ООО «Берёзка»,company,7728168971,772801001,"
	    "\"190000, г. Санкт-Петербург, Невский пр., д. 10\"\n", &path);
	kontor(log, "import customers", "import", "customers", path, NULL);
	free(path);

	memset(&p, 0, sizeof p);
	memset(&in, 0, sizeof in);
	memset(&so, 0, sizeof so);
	buf_adds(&p, "sku,name,kind,unit,sale_price,vat\n");
	buf_adds(&in, "type,sku,warehouse,quantity,unit_cost\n");
	buf_adds(&so, "order,customer,warehouse,sku,quantity\n");
	for (i = 1; i <= nlines; i++) {
		buf_printf(&p, "P%03d,\"Ёмкость пластиковая пищевая, объём %d "
		    "л, с крышкой\",goods,%s,%d.%02d,%s\n", i, i,
		    units[i % 3], 100 + 37 * i, i % 100, i % 4 == 0 ? "10" :
		    "20");
		buf_printf(&in, "receipt,P%03d,MAIN,1000,10\n", i);
		buf_printf(&so, "A,BEREZKA,MAIN,P%03d,%d%s\n", i, i * 3,
		    i % 3 == 1 ? ".5" : "");
	}
	write_file("p.csv", p.data, &path);
	kontor(log, "import products", "import", "products", path, NULL);
	free(path);
	write_file("in.csv", in.data, &path);
	kontor(log, "import stock-moves", "import", "stock-moves", path,
	    NULL);
	free(path);
	write_file("so.csv", so.data, &path);
	kontor(log, "import sales-orders", "import", "sales-orders", path,
	    "--post", NULL);
	free(path);
	buf_free(&p);
	buf_free(&in);
	buf_free(&so);

	t = time(NULL);
	localtime_r(&t, &tm);
	snprintf(year, sizeof year, "%04d", tm.tm_year + 1900);
	snprintf(code, len, "SO-%s-000001", year);
	kontor(log, "ship", "ship", code, NULL);
	snprintf(code, len, "SHP-%s-000001", year);
	kontor(log, "post", "post", code, NULL);
	free(log);
}

/* The home opened here (the server stopped), the shipment found. */
static void
open_home(const char *code)
{
	const struct entity_def	*e = dict_entity("shipments");
	struct record		*r;
	struct value		 v;
	char			*cause = NULL;

	if (store_open(home, 0, &st, &cause) != 0)
		die("store_open: %s", cause);
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)code;
	if (store_lookup(st, e, FX_CODE, &v, &r) != ST_OK)
		die("%s: not found", code);
	memset(&fa, 0, sizeof fa);
	fa.code = code;
	fa.entity = "shipments";
	fa.id = record_id(r);
	fa.home = home;
	fa.login = "root";
	stamp = record_int(r, dict_field_pos(e, "date"));
	record_free(r);
	if ((upd = form_find("upd")) == NULL)
		die("no form upd");
}

/* --- in the process ---------------------------------------------------- */

/* The form built from the store. */
static struct sheet *
build(void)
{
	struct sheet	*s;
	char		*cause = NULL;

	s = sheet_new("", 0);
	if (upd->build(st, &fa, s, &cause) != 0)
		die("upd: %s", cause);
	return (s);
}

static size_t
render(const struct sheet *s, struct buf *keep)
{
	struct buf	 b;
	char		*cause = NULL;
	size_t		 len;

	memset(&b, 0, sizeof b);
	if (sheet_pdf(s, stamp, &b, &cause) != 0)
		die("sheet_pdf: %s", cause);
	len = b.len;
	if (keep != NULL)
		*keep = b;
	else
		buf_free(&b);
	return (len);
}

/* What op print does: the form, then its PDF. */
static size_t
form_pdf(void)
{
	struct sheet	*s;
	size_t		 len;

	s = build();
	len = render(s, NULL);
	sheet_free(s);
	return (len);
}

struct worker {
	int		 n;
	pthread_t	 th;
};

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	int		 i;

	for (i = 0; i < w->n; i++)
		form_pdf();
	return (NULL);
}

/* The process's CPU seconds (all threads). */
static double
cpu(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
line(const char *label, int n, double wall, double cputime)
{
	if (cputime < 0)
		printf("| %s | %.2f | | %.0f |\n", label, wall / n * 1e3,
		    n / wall);
	else
		printf("| %s | %.2f | %.2f | %.0f |\n", label, wall / n * 1e3,
		    cputime / n * 1e3, n / wall);
}

/*
 * n PDFs by nth threads at once (n / nth each), or, when nth is 0, by n
 * threads one after another, one each (the server gives each connection
 * a thread); wall and CPU seconds into *wall, *cputime.  The PDFs made:
 * the result.
 */
static int
run_threads(int n, int nth, double *wall, double *cputime)
{
	struct worker	 w[MAX_THREADS];
	pthread_attr_t	 attr;
	double		 t0, c0;
	int		 i;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 1u << 20);	/* as the server's */
	t0 = now();
	c0 = cpu();
	if (nth == 0) {
		for (i = 0; i < n; i++) {
			w[0].n = 1;
			if (pthread_create(&w[0].th, &attr, worker_main,
			    &w[0]) != 0)
				die("pthread_create failed");
			pthread_join(w[0].th, NULL);
		}
	} else {
		for (i = 0; i < nth; i++) {
			w[i].n = n / nth > 0 ? n / nth : 1;
			if (pthread_create(&w[i].th, &attr, worker_main,
			    &w[i]) != 0)
				die("pthread_create failed");
		}
		for (i = 0; i < nth; i++)
			pthread_join(w[i].th, NULL);
		n = w[0].n * nth;
	}
	*wall = now() - t0;
	*cputime = cpu() - c0;
	pthread_attr_destroy(&attr);
	return (n);
}

struct pair {
	double	 wall, cpu;
};

static int
cmp_pair(const void *a, const void *b)
{
	return (cmp_double(&((const struct pair *)a)->wall,
	    &((const struct pair *)b)->wall));
}

/* The child of "first": the home opened, one form and PDF, its wall and
 * CPU seconds (fontconfig and the fonts loaded) on stdout. */
static int
first_child(const char *dir, const char *code)
{
	double	 t0, c0;

	bench_reuse(dir, "none");
	open_home(code);
	t0 = now();
	c0 = cpu();
	form_pdf();
	printf("%.6f %.6f\n", now() - t0, cpu() - c0);
	store_close(st);
	return (0);
}

static void
first_render(const char *self, const char *code, struct pair *r)
{
	FILE	*f;
	char	*cmd;

	xasprintf(&cmd, "'%s' --first-child '%s' '%s'", self, scratch, code);
	if ((f = popen(cmd, "r")) == NULL)
		die("cannot run %s", cmd);
	if (fscanf(f, "%lf %lf", &r->wall, &r->cpu) != 2)
		r->wall = -1;
	if (pclose(f) != 0 || r->wall < 0)
		die("%s failed", cmd);
	free(cmd);
}

/* --- over the server ----------------------------------------------------- */

/* The CPU seconds the server has used (user and system), from
 * /proc/PID/stat; -1 when it cannot be read. */
static double
server_cpu(void)
{
	FILE		*f;
	char		*path, buf[1024], *p;
	long		 pid = 0;
	unsigned long	 ut, stime;

	xasprintf(&path, "%s/kontor.pid", home);
	f = fopen(path, "r");
	free(path);
	if (f == NULL || fscanf(f, "%ld", &pid) != 1) {
		if (f != NULL)
			fclose(f);
		return (-1);
	}
	fclose(f);
	xasprintf(&path, "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return (-1);
	p = fgets(buf, sizeof buf, f);
	fclose(f);
	/* After the command's name: state, then utime and stime are the
	 * 12th and 13th fields. */
	if (p == NULL || (p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu "
	    "%lu", &ut, &stime) != 2)
		return (-1);
	return ((double)(ut + stime) / (double)sysconf(_SC_CLK_TCK));
}

/* The CPU seconds of the children waited for (the kontor commands). */
static double
children_cpu(void)
{
	struct rusage	 ru;

	getrusage(RUSAGE_CHILDREN, &ru);
	return ((double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
}

/* `kontor print CODE -o FILE`: its wall seconds. */
static double
print_once(const char *code, const char *out)
{
	char	*log;
	double	 t0, t;

	xasprintf(&log, "%s/print.log", scratch);
	t0 = now();
	kontor(log, "kontor print", "print", code, "-o", out, NULL);
	t = now() - t0;
	free(log);
	return (t);
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_pdf [-k kontor] [-l lines] [-n pdfs] "
	    "[-p prints] [-r new-processes] [-t threads,...] [-o one.pdf] "
	    "[-T tmpdir] [--keep]\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "first-child", no_argument, NULL, 'F' },
		{ "keep", no_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	struct client		*c;
	struct cp_print_req	 req;
	struct cp_printout	 po;
	struct sheet		*s;
	struct pair		*first, *lat, *half;
	struct buf		 one;
	double			 t0, c0, sc0, wall, cputime, *pt, pcpu;
	const char		*tlist = "1,2,4", *outpath = NULL, *tmp = NULL;
	char			 label[160], code[32], *cause = NULL, *out;
	size_t			 bytes;
	int			 ch, n = 100, np = 20, nfirst = 5, counts[8];
	int			 ncounts, i, done, keep = 0, firstchild = 0;

	bench_init("bench_pdf");
	/* The renderer's module (forms/pdf-load.c) is in the build tree's
	 * top, not beside this program. */
	setenv("KONTOR_PDF_MODULE", PDF_MODULE_BUILT, 0);
	while ((ch = getopt_long(argc, argv, "k:l:n:o:p:r:t:T:", opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'k':
			kontor_bin = optarg;
			break;
		case 'l':
			nlines = atoi(optarg);
			break;
		case 'n':
			n = atoi(optarg);
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'p':
			np = atoi(optarg);
			break;
		case 'r':
			nfirst = atoi(optarg);
			break;
		case 't':
			tlist = optarg;
			break;
		case 'T':
			tmp = optarg;
			break;
		case 'K':
			keep = 1;
			break;
		case 'F':
			firstchild = 1;
			break;
		default:
			usage();
		}
	}
	if (firstchild) {
		if (optind + 2 != argc)
			usage();
		return (first_child(argv[optind], argv[optind + 1]));
	}
	if (nlines < 1 || n < 1 || np < 1 || nfirst < 1)
		usage();
	if ((ncounts = bench_counts(tlist, counts, 8, MAX_THREADS)) < 1)
		usage();
	if (access(kontor_bin, X_OK) != 0)
		die("%s: not found (-k)", kontor_bin);
	if (tmp == NULL)
		tmp = getenv("TMPDIR");
	bench_scratch(tmp, "bench_pdf", "none");
	make_home(code, sizeof code);

	/* Over the server: kontor print, the server started afresh (its
	 * first PDF loads the fonts). */
	bench_stop_server();
	client_close(bench_connect());
	xasprintf(&out, "%s/print.pdf", scratch);
	pt = xcalloc((size_t)np + 1, sizeof *pt);
	pt[0] = print_once(code, out);
	c0 = children_cpu();
	sc0 = server_cpu();
	for (i = 1; i <= np; i++)
		pt[i] = print_once(code, out);
	/* CPU of a print: the command's and the server's. */
	pcpu = children_cpu() - c0 + server_cpu() - sc0;
	xqsort(pt + 1, (size_t)np, sizeof *pt, cmp_double);

	/* One client: op print, one at a time, then n in a row. */
	c = bench_connect();
	memset(&req, 0, sizeof req);
	req.doc = code;
	req.form = "upd";
	req.format = "pdf";
	req.dest = "file";
	lat = xcalloc((size_t)n, sizeof *lat);
	for (i = 0; i < n; i++) {
		t0 = now();
		if (cp_print(c, &req, &po, &cause) != 0)
			die("print %s: %s", code, cause);
		lat[i].wall = now() - t0;
		lat[i].cpu = -1;
		cp_printout_free(&po);
	}
	xqsort(lat, (size_t)n, sizeof *lat, cmp_pair);

	printf("A УПД of %d lines (forms/upd.c), landscape; %d CPUs\n\n",
	    nlines, (int)sysconf(_SC_NPROCESSORS_ONLN));
	printf("| run | ms per PDF | CPU ms per PDF | PDFs/s |\n");
	printf("|---|---:|---:|---:|\n");
	line("`kontor print -o FILE`, the server's first (its fonts loaded)",
	    1, pt[0], -1);
	snprintf(label, sizeof label, "`kontor print -o FILE`, median of %d "
	    "(CPU: the command's and the server's, mean)", np);
	line(label, 1, pt[1 + np / 2], pcpu / np);
	snprintf(label, sizeof label, "`kontor print -o FILE`, slowest of %d",
	    np);
	line(label, 1, pt[np], -1);
	snprintf(label, sizeof label, "one client, op print one at a time, "
	    "median of %d", n);
	line(label, 1, lat[n / 2].wall, -1);
	line("one client, op print one at a time, p99", 1,
	    lat[n - 1 - n / 100].wall, -1);
	t0 = now();
	c0 = cpu();
	sc0 = server_cpu();
	for (i = 0; i < n; i++) {
		if (cp_print(c, &req, &po, &cause) != 0)
			die("print %s: %s", code, cause);
		cp_printout_free(&po);
	}
	snprintf(label, sizeof label, "one client, op print %d in a row "
	    "(CPU: the client's and the server's)", n);
	line(label, n, now() - t0, cpu() - c0 + server_cpu() - sc0);
	client_close(c);
	bench_stop_server();
	free(pt);
	free(out);

	/* In the process: the new processes first, then the home here. */
	first = xcalloc((size_t)nfirst, sizeof *first);
	for (i = 0; i < nfirst; i++)
		first_render(argv[0], code, &first[i]);
	xqsort(first, (size_t)nfirst, sizeof *first, cmp_pair);
	open_home(code);

	s = build();
	memset(&one, 0, sizeof one);
	bytes = render(s, &one);	/* the fonts loaded */
	if (outpath != NULL) {
		FILE	*f;

		if ((f = fopen(outpath, "wb")) == NULL ||
		    fwrite(one.data, 1, one.len, f) != one.len ||
		    fclose(f) != 0)
			die("%s: cannot write", outpath);
	}
	buf_free(&one);
	half = xcalloc((size_t)n, sizeof *half);
	for (i = 0; i < n; i++) {
		t0 = now();
		c0 = cpu();
		form_pdf();
		lat[i].wall = now() - t0;
		lat[i].cpu = cpu() - c0;
	}
	xqsort(lat, (size_t)n, sizeof *lat, cmp_pair);

	snprintf(label, sizeof label, "in the process: first, in a new "
	    "process (fonts loaded; median of %d)", nfirst);
	line(label, 1, first[nfirst / 2].wall, first[nfirst / 2].cpu);
	snprintf(label, sizeof label, "in the process: form and PDF one at a "
	    "time, median of %d", n);
	line(label, 1, lat[n / 2].wall, lat[n / 2].cpu);
	line("in the process: form and PDF one at a time, p99", 1,
	    lat[n - 1 - n / 100].wall, lat[n - 1 - n / 100].cpu);
	for (i = 0; i < n; i++) {
		struct sheet	*b;

		t0 = now();
		c0 = cpu();
		b = build();
		half[i].wall = now() - t0;
		half[i].cpu = cpu() - c0;
		sheet_free(b);
	}
	xqsort(half, (size_t)n, sizeof *half, cmp_pair);
	line("... of it the form alone (the store read, the sheet built), "
	    "median", 1, half[n / 2].wall, half[n / 2].cpu);
	for (i = 0; i < n; i++) {
		t0 = now();
		c0 = cpu();
		render(s, NULL);
		half[i].wall = now() - t0;
		half[i].cpu = cpu() - c0;
	}
	xqsort(half, (size_t)n, sizeof *half, cmp_pair);
	line("... and the PDF alone (sheet_pdf), median", 1, half[n / 2].wall,
	    half[n / 2].cpu);
	t0 = now();
	c0 = cpu();
	for (i = 0; i < n; i++)
		form_pdf();
	snprintf(label, sizeof label, "in the process: %d in a row", n);
	line(label, n, now() - t0, cpu() - c0);
	done = run_threads(n, 0, &wall, &cputime);
	snprintf(label, sizeof label, "in the process: %d threads one after "
	    "another, one PDF each", done);
	line(label, done, wall, cputime);
	for (i = 0; i < ncounts; i++) {
		done = run_threads(n, counts[i], &wall, &cputime);
		snprintf(label, sizeof label, "in the process: %d in %d "
		    "thread%s at once", done, counts[i], counts[i] == 1 ? "" :
		    "s");
		line(label, done, wall, cputime);
	}
	printf("\nbytes per PDF: %zu\n", bytes);
	sheet_free(s);
	store_close(st);
	free(lat);
	free(half);
	free(first);
	bench_scratch_done(keep);
	return (0);
}
