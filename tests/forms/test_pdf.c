/*
 * The sheet as PDF (forms/pdf.c), read back with poppler's tools:
 * pdftotext for the text (Cyrillic, ё next to е, every row, the head
 * repeated on the second page, the page numbers), pdfinfo for the pages
 * and their size; the same bytes from a second render, from another
 * thread and from another process; a clear error when fontconfig has no
 * DejaVu.  The pages go to tests/forms/out/ as PNG (pdftoppm) for a
 * person to look at.  Without poppler-utils the checks that need it say
 * so and pass (cmocka 1.1.5 counts a skip as a failure).
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "forms/sheet.h"
#include "xmalloc.h"

#define OUTDIR		"tests/forms/out"
#define NROWS		60
#define STAMP		20261201L

static char	*self;		/* argv[0], for the child renders */

static int
have_tool(const char *name)
{
	char	*cmd;
	int	 rc;

	xasprintf(&cmd, "command -v %s >/dev/null 2>&1", name);
	rc = system(cmd);
	free(cmd);
	if (rc != 0)
		print_message("# %s not installed (poppler-utils): its "
		    "checks skipped\n", name);
	return (rc == 0);
}

/* A command's standard output, NUL-terminated; the exit status in *rc. */
static char *
run(const char *cmd, int *rc)
{
	struct buf	 b;
	FILE		*f;
	char		 chunk[4096];
	size_t		 n;
	int		 st;

	memset(&b, 0, sizeof b);
	f = popen(cmd, "r");
	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	st = pclose(f);
	*rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	buf_addc(&b, '\0');
	return (buf_steal(&b));
}

static void
write_out(const char *name, const struct buf *b)
{
	FILE	*f;

	if (mkdir("tests", 0755) == -1 && errno != EEXIST)
		fail_msg("mkdir tests: %s", strerror(errno));
	if (mkdir("tests/forms", 0755) == -1 && errno != EEXIST)
		fail_msg("mkdir tests/forms: %s", strerror(errno));
	if (mkdir(OUTDIR, 0755) == -1 && errno != EEXIST)
		fail_msg("mkdir %s: %s", OUTDIR, strerror(errno));
	f = fopen(name, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
}

/* pdfinfo's value of key ("Pages"), spaces around it dropped; the
 * spacing of its output differs between poppler's versions. */
static char *
info_field(const char *info, const char *key)
{
	const char	*p, *e;
	size_t		 klen = strlen(key);

	for (p = info; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p != NULL ? p + 1 : NULL) {
		if (strncmp(p, key, klen) != 0 || p[klen] != ':')
			continue;
		p += klen + 1;
		while (*p == ' ')
			p++;
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		return (xstrndup(p, (size_t)(e - p)));
	}
	fail_msg("pdfinfo says no %s:\n%s", key, info);
	return (NULL);
}

static void
assert_info(const char *info, const char *key, const char *want)
{
	char	*got;

	got = info_field(info, key);
	if (strcmp(got, want) != 0)
		fail_msg("pdfinfo %s: \"%s\", not \"%s\"", key, got, want);
	free(got);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t	 n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return (n);
}

/*
 * An invoice-like sheet: a title, parties, the paragraph with ё and е,
 * a bordered table of NROWS rows (two pages) with a spanned total row,
 * signatures.
 */
static struct sheet *
long_sheet(void)
{
	static const struct sheet_col cols[] = {
		{ "№", 50, 4, SA_RIGHT },
		{ "Товары (работы, услуги)", 480, 34, SA_LEFT },
		{ "Кол-во", 100, 8, SA_RIGHT },
		{ "Ед.", 70, 5, SA_LEFT },
		{ "Цена", 140, 12, SA_RIGHT },
		{ "Сумма", 160, 13, SA_RIGHT },
	};
	struct sheet	*s;
	char		 no[16], name[256], qty[16], price[32], sum[32];
	const char	*cells[6];
	const char	*total[3] = { "Итого:", "", "1 830 000,00" };
	int		 i;

	s = sheet_new("Счёт на оплату № 12 от 1 декабря 2026 г.", 0);
	sheet_para(s, SS_LARGE, SA_LEFT,
	    "Счёт на оплату № 12 от 1 декабря 2026 г.");
	sheet_rule(s);
	sheet_para(s, 0, SA_LEFT, "Поставщик: ООО «Ромашка», ИНН 7701234567, "
	    "КПП 770101001, 125009, г. Москва, ул. Тверская, д. 1, офис 12");
	sheet_para(s, SS_BOLD, SA_LEFT, "Покупатель: ООО «Берёзка», "
	    "ИНН 7707654321, КПП 770701001");
	sheet_para(s, 0, SA_LEFT, "ёлка ель Ёж Еж");
	sheet_gap(s);
	sheet_table(s, SS_BORDER, 6, cols, 1);
	for (i = 1; i <= NROWS; i++) {
		snprintf(no, sizeof no, "%d", i);
		if (i % 7 == 3)
			snprintf(name, sizeof name, "Товар %d: ёмкость "
			    "пластиковая с крышкой, прозрачная, пищевая, "
			    "объём 1,5 л, для сыпучих продуктов", i);
		else
			snprintf(name, sizeof name, "Товар %d", i);
		snprintf(qty, sizeof qty, "%d", i * 10);
		snprintf(price, sizeof price, "%d,00", 100 * i);
		snprintf(sum, sizeof sum, "%d 000,00", i * i);
		cells[0] = no;
		cells[1] = name;
		cells[2] = qty;
		cells[3] = "шт";
		cells[4] = price;
		cells[5] = sum;
		sheet_row(s, 0, cells);
	}
	sheet_row_span(s, SS_BOLD, 4, total);
	sheet_row(s, SS_NOPDF, cells);		/* only in the text form */
	sheet_para(s, SS_NOPDF, SA_LEFT, "только в тексте");
	sheet_gap(s);
	sheet_para(s, 0, SA_LEFT, "Всего наименований 60, на сумму "
	    "1 830 000,00 руб.");
	sheet_para(s, SS_BOLD, SA_LEFT, "Один миллион восемьсот тридцать "
	    "тысяч рублей 00 копеек");
	sheet_rule(s);
	sheet_gap(s);
	sheet_para(s, SS_UNDERLINE, SA_LEFT, "Руководитель");
	sheet_para(s, SS_SMALL, SA_CENTER, "(подпись, расшифровка подписи)");
	sheet_gap(s);
	sheet_para(s, SS_UNDERLINE, SA_CENTER, "Иванов И. И.");
	sheet_para(s, SS_SMALL, SA_CENTER, "(расшифровка подписи)");
	return (s);
}

/* A landscape sheet, a wide table of small type, on one page. */
static struct sheet *
wide_sheet(void)
{
	static const struct sheet_col cols[] = {
		{ "А", 30, 3, SA_RIGHT },
		{ "Наименование товара\n(описание выполненных работ)", 260, 30,
		    SA_LEFT },
		{ "Код вида\nтовара", 60, 0, SA_LEFT },
		{ "Ед.\nизм.", 50, 5, SA_LEFT },
		{ "Коли-\nчество", 70, 8, SA_RIGHT },
		{ "Цена (тариф)\nза единицу", 100, 10, SA_RIGHT },
		{ "Стоимость\nбез налога", 110, 12, SA_RIGHT },
		{ "Налоговая\nставка", 60, 0, SA_RIGHT },
		{ "Сумма налога", 110, 0, SA_RIGHT },
		{ "Стоимость\nс налогом", 150, 12, SA_RIGHT },
	};
	const char	*row[10] = { "1", "Ёршик для посуды", "", "шт",
	    "10", "50,00", "500,00", "20%", "100,00", "600,00" };
	const char	*total[8] = { "Всего к оплате", "500,00", "X",
	    "100,00", "600,00" };
	struct sheet	*s;

	s = sheet_new("УПД", 1);
	sheet_para(s, SS_LARGE, SA_CENTER, "Универсальный передаточный "
	    "документ");
	sheet_table(s, SS_BORDER | SS_SMALL, 10, cols, 1);
	sheet_row(s, 0, row);
	sheet_row_span(s, SS_BOLD, 6, total);
	return (s);
}

static void
render(const struct sheet *s, struct buf *out)
{
	char	*cause = NULL;

	memset(out, 0, sizeof *out);
	if (sheet_pdf(s, STAMP, out, &cause) != 0)
		fail_msg("sheet_pdf: %s", cause);
	assert_true(out->len > 200);
	assert_memory_equal(out->data, "%PDF-", 5);
}

static void
test_long(void **state)
{
	struct sheet	*s;
	struct buf	 b;
	char		*text, *info, name[64];
	int		 rc, i;

	(void)state;
	s = long_sheet();
	render(s, &b);
	sheet_free(s);
	write_out(OUTDIR "/long.pdf", &b);
	buf_free(&b);
	if (!have_tool("pdftotext") || !have_tool("pdfinfo"))
		return;

	text = run("pdftotext -enc UTF-8 " OUTDIR "/long.pdf -", &rc);
	assert_int_equal(rc, 0);
	/* ё and е, Ё and Е, each as itself. */
	assert_non_null(strstr(text, "ёлка ель Ёж Еж"));
	assert_non_null(strstr(text,
	    "Счёт на оплату № 12 от 1 декабря 2026 г."));
	assert_non_null(strstr(text, "ООО «Берёзка»"));
	for (i = 1; i <= NROWS; i++) {
		snprintf(name, sizeof name, "Товар %d\n", i);
		if (i % 7 == 3)
			snprintf(name, sizeof name, "Товар %d: ёмкость", i);
		if (strstr(text, name) == NULL)
			fail_msg("no \"%s\" in the text:\n%s", name, text);
	}
	/* The head on each page, the numbers at their feet. */
	assert_int_equal(count(text, "Товары (работы, услуги)"), 2);
	assert_non_null(strstr(text, "Страница 1 из 2"));
	assert_non_null(strstr(text, "Страница 2 из 2"));
	assert_non_null(strstr(text, "Итого:"));
	assert_non_null(strstr(text, "1 830 000,00"));
	assert_non_null(strstr(text, "Иванов И. И."));
	/* What is not for the PDF is not in it. */
	assert_null(strstr(text, "только в тексте"));
	assert_int_equal(count(text, "Товар 60\n"), 1);
	free(text);

	info = run("pdfinfo " OUTDIR "/long.pdf", &rc);
	assert_int_equal(rc, 0);
	assert_info(info, "Pages", "2");
	assert_info(info, "Page size", "595.276 x 841.89 pts (A4)");
	assert_info(info, "Title", "Счёт на оплату № 12 от 1 декабря 2026 г.");
	assert_info(info, "CreationDate", "Tue Dec  1 00:00:00 2026 UTC");
	free(info);

	if (have_tool("pdftoppm")) {
		text = run("pdftoppm -r 80 -png " OUTDIR "/long.pdf "
		    OUTDIR "/long", &rc);
		assert_int_equal(rc, 0);
		free(text);
	}
}

static void
test_landscape(void **state)
{
	struct sheet	*s;
	struct buf	 b;
	char		*text, *info;
	int		 rc;

	(void)state;
	s = wide_sheet();
	assert_int_equal(sheet_landscape(s), 1);
	render(s, &b);
	sheet_free(s);
	write_out(OUTDIR "/wide.pdf", &b);
	buf_free(&b);
	if (!have_tool("pdftotext") || !have_tool("pdfinfo"))
		return;
	info = run("pdfinfo " OUTDIR "/wide.pdf", &rc);
	assert_int_equal(rc, 0);
	assert_info(info, "Pages", "1");
	assert_info(info, "Page size", "841.89 x 595.276 pts (A4)");
	free(info);
	text = run("pdftotext -enc UTF-8 " OUTDIR "/wide.pdf -", &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(text, "Ёршик для посуды"));
	assert_non_null(strstr(text, "Всего к оплате"));
	/* One page: no page number. */
	assert_null(strstr(text, "Страница"));
	free(text);
	if (have_tool("pdftoppm")) {
		text = run("pdftoppm -r 80 -png " OUTDIR "/wide.pdf "
		    OUTDIR "/wide", &rc);
		assert_int_equal(rc, 0);
		free(text);
	}
}

/* Nothing but blocks, and an empty sheet: still a page, no crash. */
static void
test_odd_sheets(void **state)
{
	static const struct sheet_col col = { NULL, 0, 0, SA_LEFT };
	struct sheet	*s;
	struct buf	 b;
	const char	*cell = "bad \xff byte";

	(void)state;
	s = sheet_new(NULL, 0);
	render(s, &b);
	buf_free(&b);
	sheet_page_break(s);
	sheet_page_break(s);
	sheet_gap(s);
	sheet_rule(s);
	sheet_table(s, 0, 1, &col, 1);
	sheet_table(s, SS_BORDER, 1, &col, 0);
	sheet_row(s, 0, &cell);
	sheet_para(s, SS_UNDERLINE, SA_RIGHT, "");
	sheet_para(s, SS_UNDERLINE, SA_RIGHT, "М. П.");
	render(s, &b);
	buf_free(&b);
	sheet_free(s);
}

/*
 * A paragraph longer than a page (a contract's clause) runs on over the
 * page's end, each of its lines once; page breaks start new pages, two
 * in a row no empty one, one at the end no empty last page.
 */
static void
test_pages(void **state)
{
	struct sheet	*s;
	struct buf	 b, clause;
	char		*text, *info, line[64];
	int		 rc, i;

	(void)state;
	s = sheet_new("Договор", 0);
	sheet_para(s, SS_LARGE, SA_CENTER, "Договор поставки № 15");
	memset(&clause, 0, sizeof clause);
	for (i = 1; i <= 120; i++)
		buf_printf(&clause, "%sпункт %d ёж", i > 1 ? "\n" : "", i);
	buf_addc(&clause, '\0');
	sheet_para(s, 0, SA_LEFT, clause.data);
	buf_free(&clause);
	sheet_page_break(s);
	sheet_page_break(s);
	sheet_para(s, SS_BOLD, SA_LEFT, "Приложение 1");
	sheet_page_break(s);
	render(s, &b);
	sheet_free(s);
	write_out(OUTDIR "/pages.pdf", &b);
	buf_free(&b);
	if (!have_tool("pdftotext") || !have_tool("pdfinfo"))
		return;
	info = run("pdfinfo " OUTDIR "/pages.pdf", &rc);
	assert_int_equal(rc, 0);
	/* 120 lines of 9 pt run over two pages; the appendix on a third. */
	assert_info(info, "Pages", "3");
	free(info);
	text = run("pdftotext -enc UTF-8 -f 3 -l 3 " OUTDIR "/pages.pdf -",
	    &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(text, "Приложение 1"));
	assert_null(strstr(text, "пункт"));
	free(text);
	text = run("pdftotext -enc UTF-8 " OUTDIR "/pages.pdf -", &rc);
	assert_int_equal(rc, 0);
	for (i = 1; i <= 120; i++) {
		snprintf(line, sizeof line, "пункт %d ёж\n", i);
		if (count(text, line) != 1)
			fail_msg("\"%s\" %zu times in:\n%s", line,
			    count(text, line), text);
	}
	assert_non_null(strstr(text, "Страница 3 из 3"));
	free(text);
}

/*
 * sheet_keep_rest(): what is kept and taller than a page (a long clause
 * after a table) cannot go whole to the next page: it runs on as before,
 * the table's rows where they fall, each row and each line printed once
 * and the render ends.  A kept foot that fits goes with the last row
 * (tests/forms/test_keep.sh, through the forms).
 */
static void
test_keep_too_tall(void **state)
{
	static const struct sheet_col cols[] = {
		{ "№", 100, 4, SA_RIGHT }, { "Товар", 900, 40, SA_LEFT },
	};
	struct sheet	*s;
	struct buf	 b, clause;
	char		*text, no[16], name[64];
	const char	*cells[2];
	int		 rc, i;

	(void)state;
	s = sheet_new("Длинный хвост", 0);
	sheet_table(s, SS_BORDER, 2, cols, 1);
	for (i = 1; i <= 40; i++) {
		snprintf(no, sizeof no, "%d", i);
		snprintf(name, sizeof name, "строка %d ёж", i);
		cells[0] = no;
		cells[1] = name;
		sheet_row(s, 0, cells);
	}
	sheet_keep_rest(s);
	memset(&clause, 0, sizeof clause);
	for (i = 1; i <= 120; i++)
		buf_printf(&clause, "%sпункт %d ёж", i > 1 ? "\n" : "", i);
	buf_addc(&clause, '\0');
	sheet_para(s, 0, SA_LEFT, clause.data);
	buf_free(&clause);
	sheet_para(s, SS_UNDERLINE, SA_LEFT, "Руководитель");
	render(s, &b);
	sheet_free(s);
	write_out(OUTDIR "/keep.pdf", &b);
	buf_free(&b);
	if (!have_tool("pdftotext"))
		return;
	text = run("pdftotext -enc UTF-8 " OUTDIR "/keep.pdf -", &rc);
	assert_int_equal(rc, 0);
	for (i = 1; i <= 40; i++) {
		snprintf(name, sizeof name, "строка %d ёж\n", i);
		if (count(text, name) != 1)
			fail_msg("\"%s\" %zu times", name, count(text, name));
	}
	for (i = 1; i <= 120; i++) {
		snprintf(name, sizeof name, "пункт %d ёж\n", i);
		if (count(text, name) != 1)
			fail_msg("\"%s\" %zu times", name, count(text, name));
	}
	assert_int_equal(count(text, "Руководитель"), 1);
	free(text);
}

/* The same sheet, the same bytes: twice, with another sheet between. */
static void
test_same_bytes(void **state)
{
	struct sheet	*s, *w;
	struct buf	 a, b, c;

	(void)state;
	s = long_sheet();
	w = wide_sheet();
	render(s, &a);
	render(w, &c);
	buf_free(&c);
	render(s, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_free(&b);
	/* Another stamp, another date in the file. */
	memset(&b, 0, sizeof b);
	assert_int_equal(sheet_pdf(s, 20270101L, &b, NULL), 0);
	assert_true(a.len != b.len || memcmp(a.data, b.data, a.len) != 0);
	assert_non_null(memmem(b.data, b.len, "/CreationDate (20270101", 23));
	buf_free(&b);
	/* No stamp, or a wrong one: no date (cairo's default would be the
	 * clock's). */
	memset(&b, 0, sizeof b);
	assert_int_equal(sheet_pdf(s, 0, &b, NULL), 0);
	assert_null(memmem(b.data, b.len, "Date", 4));
	memset(&c, 0, sizeof c);
	assert_int_equal(sheet_pdf(s, 20261332L, &c, NULL), 0);
	assert_int_equal(b.len, c.len);
	assert_memory_equal(b.data, c.data, b.len);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	sheet_free(s);
	sheet_free(w);
}

struct tharg {
	const struct sheet	*s;
	struct buf		 out[3];
};

static void *
th_render(void *arg)
{
	struct tharg	*t = arg;
	char		*cause = NULL;
	int		 i;

	for (i = 0; i < 3; i++) {
		memset(&t->out[i], 0, sizeof t->out[i]);
		if (sheet_pdf(t->s, STAMP, &t->out[i], &cause) != 0)
			return (cause);
	}
	return (NULL);
}

/* Four threads at once (the server's connections), with the stack a
 * connection's thread has (1 MB): each gets the same bytes. */
static void
test_threads(void **state)
{
	struct sheet	*s;
	struct buf	 ref;
	struct tharg	 t[4];
	pthread_t	 th[4];
	pthread_attr_t	 attr;
	void		*cause;
	int		 i, j;

	(void)state;
	s = long_sheet();
	render(s, &ref);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 1u << 20);
	for (i = 0; i < 4; i++) {
		t[i].s = s;
		assert_int_equal(pthread_create(&th[i], &attr, th_render,
		    &t[i]), 0);
	}
	pthread_attr_destroy(&attr);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], &cause), 0);
		if (cause != NULL)
			fail_msg("thread %d: %s", i, (char *)cause);
		for (j = 0; j < 3; j++) {
			assert_int_equal(t[i].out[j].len, ref.len);
			assert_memory_equal(t[i].out[j].data, ref.data,
			    ref.len);
			buf_free(&t[i].out[j]);
		}
	}
	buf_free(&ref);
	sheet_free(s);
}

/* This program run again as a child: "render FILE" writes the long
 * sheet's PDF to FILE; "nofont" renders with an empty fontconfig and
 * prints the error.  Its status: 0, or 1 when sheet_pdf failed.  The
 * children run without LeakSanitizer: fontconfig's and pango's caches
 * live as long as the process (the main one is checked). */
static int
child(int argc, char **argv)
{
	struct sheet	*s;
	struct buf	 b;
	FILE		*f;
	char		*cause = NULL;

	s = long_sheet();
	memset(&b, 0, sizeof b);
	if (sheet_pdf(s, STAMP, &b, &cause) != 0) {
		printf("%s\n", cause);
		free(cause);
		sheet_free(s);
		return (1);
	}
	if (strcmp(argv[1], "render") == 0 && argc > 2) {
		if ((f = fopen(argv[2], "wb")) == NULL ||
		    fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0)
			return (2);
	}
	buf_free(&b);
	sheet_free(s);
	return (0);
}

/* Another process (other addresses, another locale): the same bytes. */
static void
test_other_process(void **state)
{
	struct sheet	*s;
	struct buf	 a;
	char		*cmd, *out, *data;
	size_t		 len;
	FILE		*f;
	int		 rc;

	(void)state;
	s = long_sheet();
	render(s, &a);
	sheet_free(s);
	xasprintf(&cmd, "LC_ALL=C LANG=C ASAN_OPTIONS=detect_leaks=0 "
	    "'%s' render %s/child.pdf", self, OUTDIR);
	out = run(cmd, &rc);
	free(cmd);
	assert_int_equal(rc, 0);
	free(out);
	f = fopen(OUTDIR "/child.pdf", "rb");
	assert_non_null(f);
	data = xmalloc(a.len + 1);
	len = fread(data, 1, a.len + 1, f);
	fclose(f);
	assert_int_equal(len, a.len);
	assert_memory_equal(data, a.data, a.len);
	free(data);
	buf_free(&a);
}

/* No DejaVu for fontconfig: an error that names the package. */
static void
test_no_font(void **state)
{
	FILE	*f;
	char	*cmd, *out;
	int	 rc;

	(void)state;
	f = fopen(OUTDIR "/nofonts.conf", "w");
	assert_non_null(f);
	fputs("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM "
	    "\"fonts.dtd\">\n<fontconfig>\n<cachedir>" OUTDIR
	    "/fc-cache</cachedir>\n</fontconfig>\n", f);
	assert_int_equal(fclose(f), 0);
	xasprintf(&cmd, "FONTCONFIG_FILE=$PWD/%s/nofonts.conf "
	    "ASAN_OPTIONS=detect_leaks=0 '%s' nofont", OUTDIR, self);
	out = run(cmd, &rc);
	free(cmd);
	assert_int_equal(rc, 1);
	if (strstr(out, "fonts-dejavu-core") == NULL)
		fail_msg("the error does not name the package: %s", out);
	free(out);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_landscape),
		cmocka_unit_test(test_odd_sheets),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_keep_too_tall),
		cmocka_unit_test(test_same_bytes),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_other_process),
		cmocka_unit_test(test_no_font),
	};

	self = argv[0];
	/* The renderer is a module (forms/pdf-load.c), in the build tree's
	 * top, not beside this program; the child renders inherit it. */
	setenv("KONTOR_PDF_MODULE", PDF_MODULE_BUILT, 0);
	if (argc > 1)
		return (child(argc, argv));
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
