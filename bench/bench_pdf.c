/*
 * bench_pdf: how fast sheet_pdf() (forms/pdf.c) makes a PDF of a
 * УПД-like sheet: landscape, the header rows, a bordered table of 20
 * lines in small type with 15 columns, the totals, the signatures.
 *
 *   first    one sheet in a new process: the fonts are loaded first
 *            (fontconfig, the font map), as the server's first print
 *   one      one sheet at a time in a warm process: median and p99 of
 *            each render's time
 *   row      100 sheets in a row (-n): sheets per second
 *   each     a new thread for each sheet, one after another, as the
 *            server's connections (one `kontor print`, one thread)
 *   threads  the same sheets rendered by T threads at once (-t 1,2,4),
 *            as the server's connections do: sheets per second in all
 *
 * and the bytes of one PDF.  Nothing is written to disk; the renders go
 * to memory.  The sheet is made here until the real УПД form exists
 * (forms/upd.c); then upd_sheet() builds that instead.
 *
 *   bench_pdf [-l LINES] [-n SHEETS] [-o ONE.pdf] [-r NEWPROCS]
 *       [-t 1,2,4]
 *
 * -o writes one of the PDFs to a file, to look at.
 */
#include "config.h"

#include <sys/wait.h>

#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench.h"
#include "forms/sheet.h"
#include "xmalloc.h"

#define STAMP		20261201L
#define MAX_THREADS	16

static int	 nlines = 20;

/* A УПД of nlines lines, laid out as the form is (RU-DOCS.md). */
static struct sheet *
upd_sheet(void)
{
	static const struct sheet_col cols[] = {
		{ "№\nп/п", 22, 3, SA_RIGHT },
		{ "Код товара/\nработ, услуг", 55, 0, SA_LEFT },
		{ "Наименование товара (описание выполненных работ, "
		    "оказанных услуг), имущественного права", 185, 24,
		    SA_LEFT },
		{ "Код\nвида\nтовара", 35, 0, SA_LEFT },
		{ "Единица\nизмерения\nкод", 38, 0, SA_LEFT },
		{ "Единица\nизмерения\nусловное\nобозначение", 50, 5,
		    SA_LEFT },
		{ "Коли-\nчество\n(объём)", 50, 8, SA_RIGHT },
		{ "Цена (тариф)\nза единицу\nизмерения", 65, 10, SA_RIGHT },
		{ "Стоимость товаров (работ, услуг), имущественных прав без "
		    "налога — всего", 80, 12, SA_RIGHT },
		{ "В том\nчисле\nсумма\nакциза", 45, 0, SA_LEFT },
		{ "Нало-\nговая\nставка", 40, 0, SA_RIGHT },
		{ "Сумма налога,\nпредъявляемая\nпокупателю", 70, 0,
		    SA_RIGHT },
		{ "Стоимость товаров (работ, услуг), имущественных прав с "
		    "налогом — всего", 85, 12, SA_RIGHT },
		{ "Страна\nпроисхождения\nтовара", 55, 0, SA_LEFT },
		{ "Регистрационный номер декларации на товары", 125, 0,
		    SA_LEFT },
	};
	struct sheet	*s;
	const char	*c[15];
	const char	*tot[8];
	char		 no[16], code[32], name[160], qty[32], price[32],
			 net[32], vat[32], gross[32];
	long		 n, sn = 0, sv = 0, sg = 0;
	int		 i;

	s = sheet_new("УПД № 123 от 01.12.2026", 1);
	sheet_para(s, SS_SMALL, SA_RIGHT, "Приложение № 1 к письму ФНС "
	    "России от 21.10.2013 № ММВ-20-3/96@");
	sheet_para(s, SS_LARGE, SA_LEFT, "Универсальный передаточный "
	    "документ. Статус: 1");
	sheet_para(s, 0, SA_LEFT, "Счёт-фактура № 123 от 01.12.2026 (1)");
	sheet_para(s, 0, SA_LEFT, "Исправление № -- от -- (1а)");
	sheet_para(s, SS_SMALL, SA_LEFT, "Продавец: ООО «Ромашка» (2)\n"
	    "Адрес: 125009, г. Москва, ул. Тверская, д. 1, офис 12 (2а)\n"
	    "ИНН/КПП продавца: 7701234567/770101001 (2б)\n"
	    "Грузоотправитель и его адрес: он же (3)\n"
	    "Грузополучатель и его адрес: ООО «Берёзка», 190000, "
	    "г. Санкт-Петербург, Невский пр., д. 10 (4)\n"
	    "К платёжно-расчётному документу № -- от -- (5)\n"
	    "Покупатель: ООО «Берёзка» (6)\n"
	    "Адрес: 190000, г. Санкт-Петербург, Невский пр., д. 10 (6а)\n"
	    "ИНН/КПП покупателя: 7807654321/780701001 (6б)\n"
	    "Валюта: наименование, код: российский рубль, 643 (7)\n"
	    "Идентификатор государственного контракта, договора "
	    "(соглашения) (при наличии): (8)");
	sheet_table(s, SS_BORDER | SS_SMALL, 15, cols, 1);
	for (i = 1; i <= nlines; i++) {
		n = 123456L * i;
		sn += n;
		sv += n / 5;
		sg += n + n / 5;
		snprintf(no, sizeof no, "%d", i);
		snprintf(code, sizeof code, "А-%05d", i * 37);
		snprintf(name, sizeof name, "Ёмкость пластиковая пищевая, "
		    "объём %d л, с крышкой", i);
		snprintf(qty, sizeof qty, "%d,000", i * 3);
		snprintf(price, sizeof price, "%ld,%02ld", n / 300,
		    n / 3 % 100);
		snprintf(net, sizeof net, "%ld,%02ld", n / 100, n % 100);
		snprintf(vat, sizeof vat, "%ld,%02ld", n / 500, n / 5 % 100);
		snprintf(gross, sizeof gross, "%ld,%02ld", (n + n / 5) / 100,
		    (n + n / 5) % 100);
		c[0] = no;
		c[1] = code;
		c[2] = name;
		c[3] = "";
		c[4] = "796";
		c[5] = "шт";
		c[6] = qty;
		c[7] = price;
		c[8] = net;
		c[9] = "без акциза";
		c[10] = "20%";
		c[11] = vat;
		c[12] = gross;
		c[13] = "--";
		c[14] = "--";
		sheet_row(s, 0, c);
	}
	snprintf(net, sizeof net, "%ld,%02ld", sn / 100, sn % 100);
	snprintf(vat, sizeof vat, "%ld,%02ld", sv / 100, sv % 100);
	snprintf(gross, sizeof gross, "%ld,%02ld", sg / 100, sg % 100);
	tot[0] = "Всего к оплате (9)";
	tot[1] = net;
	tot[2] = "X";
	tot[3] = "";
	tot[4] = vat;
	tot[5] = gross;
	tot[6] = "";
	tot[7] = "";
	sheet_row_span(s, SS_BOLD, 8, tot);
	sheet_gap(s);
	sheet_para(s, SS_UNDERLINE, SA_LEFT, "Руководитель организации или "
	    "иное уполномоченное лицо");
	sheet_para(s, SS_UNDERLINE, SA_LEFT, "Главный бухгалтер или иное "
	    "уполномоченное лицо");
	sheet_para(s, SS_UNDERLINE, SA_LEFT, "Основание передачи (сдачи) / "
	    "получения (приёмки): договор № 15 от 01.02.2026 (8)");
	sheet_para(s, SS_UNDERLINE, SA_LEFT, "Товар (груз) передал / услуги, "
	    "результаты работ, права сдал (10)");
	sheet_para(s, SS_UNDERLINE, SA_LEFT, "Товар (груз) получил / услуги, "
	    "результаты работ, права принял (15)");
	return (s);
}

static size_t
render(const struct sheet *s)
{
	struct buf	 b;
	char		*cause = NULL;
	size_t		 len;

	memset(&b, 0, sizeof b);
	if (sheet_pdf(s, STAMP, &b, &cause) != 0)
		die("sheet_pdf: %s", cause);
	len = b.len;
	buf_free(&b);
	return (len);
}

/* One PDF of the sheet into path, to look at. */
static void
write_pdf(const struct sheet *s, const char *path)
{
	struct buf	 b;
	FILE		*f;
	char		*cause = NULL;

	memset(&b, 0, sizeof b);
	if (sheet_pdf(s, STAMP, &b, &cause) != 0)
		die("sheet_pdf: %s", cause);
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0)
		die("%s: cannot write", path);
	buf_free(&b);
}

struct worker {
	const struct sheet	*s;
	int			 n;
	pthread_t		 th;
};

static void *
worker_main(void *arg)
{
	struct worker	*w = arg;
	int		 i;

	for (i = 0; i < w->n; i++)
		render(w->s);
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
	printf("| %s | %.2f | %.2f | %.0f |\n", label, wall / n * 1e3,
	    cputime / n * 1e3, n / wall);
}

/*
 * n sheets by nth threads at once (n / nth each), or, when nth is 0, by
 * n threads one after another, one sheet each (a `kontor print` is a
 * connection, and the server gives each connection a thread); wall and
 * CPU seconds into *wall, *cputime.  The sheets rendered: the result.
 */
static int
run_threads(const struct sheet *s, int n, int nth, double *wall,
    double *cputime)
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
			w[0].s = s;
			w[0].n = 1;
			if (pthread_create(&w[0].th, &attr, worker_main,
			    &w[0]) != 0)
				die("pthread_create failed");
			pthread_join(w[0].th, NULL);
		}
	} else {
		for (i = 0; i < nth; i++) {
			w[i].s = s;
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

/* The child of "first": one render, its wall and CPU seconds (fontconfig
 * and the fonts loaded) on stdout. */
static int
first_child(void)
{
	struct sheet	*s;
	double		 t0, c0;

	s = upd_sheet();
	t0 = now();
	c0 = cpu();
	render(s);
	printf("%.6f %.6f\n", now() - t0, cpu() - c0);
	sheet_free(s);
	return (0);
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

static void
first_render(const char *self, struct pair *r)
{
	FILE	*f;
	char	*cmd;

	xasprintf(&cmd, "'%s' -l %d --first-child", self, nlines);
	if ((f = popen(cmd, "r")) == NULL)
		die("cannot run %s", cmd);
	if (fscanf(f, "%lf %lf", &r->wall, &r->cpu) != 2)
		r->wall = -1;
	if (pclose(f) != 0 || r->wall < 0)
		die("%s failed", cmd);
	free(cmd);
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_pdf [-l lines] [-n sheets] "
	    "[-o one.pdf] [-r new-processes] [-t threads,...]\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "first-child", no_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 }
	};
	struct sheet	*s;
	struct pair	*first, *lat;
	double		 t0, c0, wall, cputime;
	const char	*tlist = "1,2,4", *outpath = NULL;
	char		 label[128];
	size_t		 bytes;
	int		 ch, n = 100, nfirst = 5, counts[8], ncounts, i, done;

	bench_init("bench_pdf");
	while ((ch = getopt_long(argc, argv, "l:n:o:r:t:", opts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			nlines = atoi(optarg);
			break;
		case 'n':
			n = atoi(optarg);
			break;
		case 'o':
			outpath = optarg;
			break;
		case 'r':
			nfirst = atoi(optarg);
			break;
		case 't':
			tlist = optarg;
			break;
		case 'F':
			return (first_child());
		default:
			usage();
		}
	}
	if (nlines < 1 || n < 1 || nfirst < 1)
		usage();
	if ((ncounts = bench_counts(tlist, counts, 8, MAX_THREADS)) < 1)
		usage();

	first = xcalloc(nfirst, sizeof *first);
	for (i = 0; i < nfirst; i++)
		first_render(argv[0], &first[i]);
	xqsort(first, nfirst, sizeof *first, cmp_pair);

	s = upd_sheet();
	bytes = render(s);		/* the fonts loaded */
	if (outpath != NULL)
		write_pdf(s, outpath);
	lat = xcalloc(n, sizeof *lat);
	for (i = 0; i < n; i++) {
		t0 = now();
		c0 = cpu();
		render(s);
		lat[i].wall = now() - t0;
		lat[i].cpu = cpu() - c0;
	}
	xqsort(lat, n, sizeof *lat, cmp_pair);

	printf("PDF of a УПД-like sheet: landscape, %d lines, 15 columns; "
	    "%d CPUs\n\n", nlines, (int)sysconf(_SC_NPROCESSORS_ONLN));
	printf("| run | ms per sheet | CPU ms per sheet | sheets/s |\n");
	printf("|---|---:|---:|---:|\n");
	snprintf(label, sizeof label, "first, in a new process (fonts "
	    "loaded; median of %d)", nfirst);
	line(label, 1, first[nfirst / 2].wall, first[nfirst / 2].cpu);
	snprintf(label, sizeof label, "one at a time, median of %d", n);
	line(label, 1, lat[n / 2].wall, lat[n / 2].cpu);
	line("one at a time, p99", 1, lat[n - 1 - n / 100].wall,
	    lat[n - 1 - n / 100].cpu);
	t0 = now();
	c0 = cpu();
	for (i = 0; i < n; i++)
		render(s);
	snprintf(label, sizeof label, "%d in a row", n);
	line(label, n, now() - t0, cpu() - c0);
	done = run_threads(s, n, 0, &wall, &cputime);
	snprintf(label, sizeof label, "%d threads one after another, one "
	    "sheet each", done);
	line(label, done, wall, cputime);
	for (i = 0; i < ncounts; i++) {
		done = run_threads(s, n, counts[i], &wall, &cputime);
		snprintf(label, sizeof label, "%d in %d thread%s at once",
		    done, counts[i], counts[i] == 1 ? "" : "s");
		line(label, done, wall, cputime);
	}
	printf("\nbytes per PDF: %zu\n", bytes);
	free(lat);
	free(first);
	sheet_free(s);
	return (0);
}
