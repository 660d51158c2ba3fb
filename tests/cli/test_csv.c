/*
 * CSV import and export (src/cli/csv.c): RFC 4180 through libcsv, UTF-8
 * with or without a BOM, cp1251 both ways, the line each row starts on,
 * and formula neutralisation.  Files are written into a mkdtemp
 * directory that the group teardown removes.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli/csv.h"

#define NITEMS(a)	(sizeof (a) / sizeof (a)[0])

static char	 tmpdir[] = "/tmp/kontor-test-csv.XXXXXX";
static char	*files[64];
static size_t	 nfiles;

static int
group_setup(void **state)
{
	if (mkdtemp(tmpdir) == NULL)
		return (-1);
	return (0);
}

static int
group_teardown(void **state)
{
	size_t	 i;

	for (i = 0; i < nfiles; i++) {
		unlink(files[i]);
		free(files[i]);
	}
	return (rmdir(tmpdir));
}

/* A new file in the temporary directory; the path lives to teardown. */
static const char *
tmp_path(void)
{
	char	*p;

	assert_true(nfiles < NITEMS(files));
	assert_true(asprintf(&p, "%s/%zu.csv", tmpdir, nfiles) > 0);
	files[nfiles++] = p;
	return (p);
}

static const char *
write_file(const char *data, size_t len)
{
	const char	*path = tmp_path();
	FILE		*f;

	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return (path);
}

/* UTF-8 text converted with iconv, as another program would write it. */
static char *
to_encoding(const char *enc, const char *s, size_t *olen)
{
	iconv_t	 cd;
	size_t	 ilen = strlen(s), left = ilen * 4 + 4;
	char	*in = (char *)s, *out, *op;

	cd = iconv_open(enc, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	op = out = calloc(1, left);
	assert_non_null(out);
	assert_true(iconv(cd, &in, &ilen, &op, &left) != (size_t)-1);
	iconv_close(cd);
	*olen = (size_t)(op - out);
	return (out);
}

/*
 * The rows csv_read delivered, as one string: each row is its start
 * line, ':', and its cells in <>, rows separated by a space; newline,
 * CR and tab in a cell are shown as \n \r \t.
 */
struct dump {
	char	*s;
	size_t	 len;
	FILE	*f;
	int	 stop_at;	/* return 7 at this row (1-based), 0: never */
	int	 rows;
};

static int
dump_row(long line, char **cells, size_t n, void *arg)
{
	struct dump	*d = arg;
	size_t		 i;
	const char	*p;

	d->rows++;
	if (d->rows > 1)
		fputc(' ', d->f);
	fprintf(d->f, "%ld:", line);
	for (i = 0; i < n; i++) {
		fputc('<', d->f);
		for (p = cells[i]; *p != '\0'; p++) {
			if (*p == '\n')
				fputs("\\n", d->f);
			else if (*p == '\r')
				fputs("\\r", d->f);
			else if (*p == '\t')
				fputs("\\t", d->f);
			else
				fputc(*p, d->f);
		}
		fputc('>', d->f);
	}
	return (d->rows == d->stop_at ? 7 : 0);
}

/* Read path; the rows as a string (caller frees), rc and cause. */
static char *
read_dump(const char *path, const char *enc, int stop_at, int *rc,
    char **cause)
{
	struct dump	 d;

	memset(&d, 0, sizeof d);
	d.stop_at = stop_at;
	d.f = open_memstream(&d.s, &d.len);
	assert_non_null(d.f);
	*cause = NULL;
	*rc = csv_read(path, enc, dump_row, &d, cause);
	fclose(d.f);
	return (d.s);
}

struct read_row {
	const char	*name;
	const char	*data;		/* NULL-terminated: no NULs here */
	int		 rc;
	const char	*rows;
};

static void
run_read(const struct read_row *rows, size_t n)
{
	const char	*path;
	char		*got, *cause;
	size_t		 i;
	int		 rc, bad = 0;

	for (i = 0; i < n; i++) {
		path = write_file(rows[i].data, strlen(rows[i].data));
		got = read_dump(path, NULL, 0, &rc, &cause);
		if (rc != rows[i].rc || strcmp(got, rows[i].rows) != 0) {
			print_message("# %s: rc %d (%s)\n#   got  %s\n"
			    "#   want %s\n", rows[i].name, rc,
			    cause ? cause : "", got, rows[i].rows);
			bad++;
		}
		free(got);
		free(cause);
	}
	assert_int_equal(bad, 0);
}

static void
test_read(void **state)
{
	static const struct read_row rows[] = {
		{ "plain", "code,name\r\nC-1,Рога и копыта\r\n", 0,
		  "1:<code><name> 2:<C-1><Рога и копыта>" },
		{ "LF endings", "code,name\nC-1,Рога\n", 0,
		  "1:<code><name> 2:<C-1><Рога>" },
		{ "BOM", "\xef\xbb\xbf" "code,name\nC-1,Ёлки\n", 0,
		  "1:<code><name> 2:<C-1><Ёлки>" },
		{ "BOM only at the start", "a\n\xef\xbb\xbf" "b\n", 0,
		  "1:<a> 2:<\xef\xbb\xbf" "b>" },
		{ "no final newline", "a,b\nc,d", 0, "1:<a><b> 2:<c><d>" },
		{ "quoted commas", "a,\"b,c\",\"Москва, ул. Ленина\"\n", 0,
		  "1:<a><b,c><Москва, ул. Ленина>" },
		{ "doubled quotes",
		  "\"ООО \"\"Рога\"\"\",\"say \"\"hi\"\"\",\"\"\"\"\n", 0,
		  "1:<ООО \"Рога\"><say \"hi\"><\">" },
		{ "LF inside quotes",
		  "id,notes\n1,\"line 1\nline 2\"\n2,x\n", 0,
		  "1:<id><notes> 2:<1><line 1\\nline 2> 4:<2><x>" },
		{ "CRLF inside quotes",
		  "id,notes\r\n1,\"line 1\r\nline 2\r\nline 3\"\r\n2,x\r\n",
		  0,
		  "1:<id><notes> 2:<1><line 1\\nline 2\\nline 3> 5:<2><x>" },
		{ "a row of two cells spanning lines",
		  "\"a\nb\",\"c\r\n\r\nd\"\ne\n", 0,
		  "1:<a\\nb><c\\n\\nd> 5:<e>" },
		{ "lone CR inside quotes stays", "\"a\rb\"\n", 0,
		  "1:<a\\rb>" },
		{ "empty cells", "a,,c\n,,\n", 0, "1:<a><><c> 2:<><><>" },
		{ "unquoted blanks trimmed, quoted kept",
		  " a , b ,\" c \"\n", 0, "1:<a><b>< c >" },
		{ "neutralised cells read back",
		  "'=SUM(A1),'-5,'+7,'@x,'x,\"'\tx\",\"'\rx\"\n", 0,
		  "1:<=SUM(A1)><-5><+7><@x><'x><\\tx><\\rx>" },
		{ "empty file", "", 0, "" },
		{ "only a BOM", "\xef\xbb\xbf", 0, "" },
		{ "Cyrillic header and data, ';' between cells",
		  "Код;Название\nК-1;Рога\n", 0,
		  "1:<Код><Название> 2:<К-1><Рога>" },
		{ "';' (Excel, 1C) with quotes and commas",
		  "\xef\xbb\xbf" "code;name;inn\r\n"
		  "C-1;\"ООО \"\"Тест\"\"\";7701\r\nC-2;Рога, копыта;\r\n", 0,
		  "1:<code><name><inn> 2:<C-1><ООО \"Тест\"><7701> "
		  "3:<C-2><Рога, копыта><>" },
		{ "a ';' inside quotes is no separator",
		  "\"a;b\",c\nx,y\n", 0, "1:<a;b><c> 2:<x><y>" },
		{ "',' and ';' in the header: ','",
		  "a,b;c\n1,2;3\n", 0, "1:<a><b;c> 2:<1><2;3>" },
		{ "blank first line, then a ';' header",
		  "\na;b\n1;2\n", 0, "2:<a><b> 3:<1><2>" },
	};

	run_read(rows, NITEMS(rows));
}

/*
 * Known bug: blank lines produce no row callback in libcsv (without
 * CSV_REPALL_NL), so row_start is not moved past them and the next row
 * is reported on the first blank line's number.
 */
static void
test_read_line_after_blank(void **state)
{
	static const struct read_row rows[] = {
		{ "blank lines", "a,b\n\n\nc,d\n\ne,f\n", 0,
		  "1:<a><b> 4:<c><d> 6:<e><f>" },
		{ "blank CRLF lines", "a,b\r\n\r\nc,d\r\n", 0,
		  "1:<a><b> 3:<c><d>" },
		{ "leading blank line", "\na,b\n", 0, "2:<a><b>" },
		{ "line of blanks", "a\n   \nb\n", 0, "1:<a> 3:<b>" },
	};

	run_read(rows, NITEMS(rows));
}

static void
test_read_malformed(void **state)
{
	static const struct {
		const char	*data;
		long		 line;
		const char	*rows;	/* delivered before the error */
		const char	*why;	/* after "malformed CSV: " */
	} rows[] = {
		{ "a,\"b\"c\n", 1, "", "column 2: text after the closing "
		  "\" of a cell" },
		{ "x\ny\n\"a\"b\n", 3, "1:<x> 2:<y>", "column 'x': text "
		  "after the closing \" of a cell" },
		{ "a,b\nc,\"d\n", 2, "1:<a><b>", "column 'b': a quoted cell "
		  "is not closed" },
		/* the line of the refused byte */
		{ "ok\n\"multi\nline\"x\n", 3, "1:<ok>", "column 'ok': text "
		  "after the closing \" of a cell" },
		{ "a\"b\n", 1, "", "column 1: a \" inside a cell that does "
		  "not begin with one" },
		/* ';' in the data of a ',' file */
		{ "code,name,kind\r\nC-3;\"ООО \"\"Т\"\"\";company\r\n", 2,
		  "1:<code><name><kind>", "column 'code': a \" inside a "
		  "cell that does not begin with one (put the whole cell in "
		  "quotes and double each \" inside)" },
	};
	const char	*path;
	char		*got, *cause, want[512];
	size_t		 i;
	int		 rc;

	for (i = 0; i < NITEMS(rows); i++) {
		path = write_file(rows[i].data, strlen(rows[i].data));
		got = read_dump(path, NULL, 0, &rc, &cause);
		print_message("# row %zu: %s\n", i, cause ? cause : "");
		assert_int_equal(rc, -1);
		assert_non_null(cause);
		snprintf(want, sizeof want, "%s:%ld: malformed CSV: %s", path,
		    rows[i].line, rows[i].why);
		assert_memory_equal(cause, want, strlen(want));
		assert_string_equal(got, rows[i].rows);
		free(got);
		free(cause);
	}
}

/* A NUL in a cell stops the reading, named by file, line and column
 * (by the header's name), instead of cutting the value short. */
static void
test_read_nul(void **state)
{
#define NUL_ROW(d, l, w, r)	{ d, sizeof d - 1, l, w, r }
	static const struct {
		const char	*data;
		size_t		 len;
		long		 line;
		const char	*want;	/* after "path:line: " */
		const char	*rows;	/* delivered before the error */
	} rows[] = {
		NUL_ROW("a,b\nx,\"A\0B\"\n", 2, "column 'b': control "
		    "character U+0000 not allowed", "1:<a><b>"),
		NUL_ROW("a,b\nx,y\nA\0,z\n", 3, "column 'a': control "
		    "character U+0000 not allowed", "1:<a><b> 2:<x><y>"),
		NUL_ROW("a,b\nx,\"1\n\0\"\n", 2, "column 'b': control "
		    "character U+0000 not allowed", "1:<a><b>"),
		NUL_ROW("a,\0\n", 1, "column 2: control character U+0000 "
		    "not allowed", ""),
		NUL_ROW("a,b\nx,y,\0\n", 2, "column 3: control character "
		    "U+0000 not allowed", "1:<a><b>"),
	};
#undef NUL_ROW
	const char	*path;
	char		*got, *cause, want[512];
	size_t		 i;
	int		 rc;

	for (i = 0; i < NITEMS(rows); i++) {
		path = write_file(rows[i].data, rows[i].len);
		got = read_dump(path, NULL, 0, &rc, &cause);
		print_message("# row %zu: %s\n", i, cause ? cause : "");
		assert_int_equal(rc, -1);
		assert_non_null(cause);
		snprintf(want, sizeof want, "%s:%ld: %s", path, rows[i].line,
		    rows[i].want);
		assert_string_equal(cause, want);
		assert_string_equal(got, rows[i].rows);
		free(got);
		free(cause);
	}
}

static void
test_read_encoding(void **state)
{
	const char	*path;
	char		*bytes, *got, *cause;
	size_t		 len;
	int		 rc;

	/* cp1251 bytes, as Excel on a Russian Windows saves them */
	bytes = to_encoding("CP1251",
	    "код,название\r\nК-1,\"Рога и копыта\"\r\nК-2,Ёлки №5\r\n", &len);
	assert_int_equal((unsigned char)bytes[0], 0xea);	/* к */
	path = write_file(bytes, len);
	free(bytes);
	got = read_dump(path, "cp1251", 0, &rc, &cause);
	assert_int_equal(rc, 0);
	assert_null(cause);
	assert_string_equal(got, "1:<код><название> 2:<К-1><Рога и копыта> "
	    "3:<К-2><Ёлки №5>");
	free(got);
	got = read_dump(path, "CP1251", 0, &rc, &cause);
	assert_int_equal(rc, 0);
	free(got);
	got = read_dump(path, "windows-1251", 0, &rc, &cause);
	assert_int_equal(rc, 0);
	free(got);

	/* A UTF-8 BOM before cp1251 text (1C writes it so): dropped, not
	 * read as the three letters of the first column's name. */
	bytes = to_encoding("CP1251", "code,name,kind\r\nC-1,ООО Тест,"
	    "company\r\n", &len);
	{
		const char	*bpath;
		char		 withbom[128];

		assert_true(len + 3 <= sizeof withbom);
		memcpy(withbom, "\xef\xbb\xbf", 3);
		memcpy(withbom + 3, bytes, len);
		bpath = write_file(withbom, len + 3);
		got = read_dump(bpath, "cp1251", 0, &rc, &cause);
		assert_int_equal(rc, 0);
		assert_string_equal(got, "1:<code><name><kind> "
		    "2:<C-1><ООО Тест><company>");
		free(got);
	}
	free(bytes);

	/* The same bytes read as UTF-8 are not what was meant. */
	got = read_dump(path, NULL, 0, &rc, &cause);
	assert_string_not_equal(got, "1:<код><название>");
	free(got);
	free(cause);

	/* UTF-8 named explicitly */
	path = write_file("a,б\n", 5);
	got = read_dump(path, "UTF-8", 0, &rc, &cause);
	assert_int_equal(rc, 0);
	assert_string_equal(got, "1:<a><б>");
	free(got);
	got = read_dump(path, "utf8", 0, &rc, &cause);
	assert_int_equal(rc, 0);
	free(got);

	/* An unknown encoding: -3, nothing read. */
	got = read_dump(path, "klingon", 0, &rc, &cause);
	assert_int_equal(rc, -3);
	assert_string_equal(cause, "unknown encoding 'klingon' (try cp1251)");
	assert_string_equal(got, "");
	free(got);
	free(cause);

	/* A byte cp1251 does not define (0x98): a clear error. */
	path = write_file("a\nb\x98\n", 4);
	got = read_dump(path, "cp1251", 0, &rc, &cause);
	assert_int_equal(rc, -1);
	assert_non_null(cause);
	{
		char	 want[512];

		snprintf(want, sizeof want, "%s:2: not valid cp1251 text",
		    path);
		assert_string_equal(cause, want);
	}
	free(got);
	free(cause);
}

static void
test_read_errors(void **state)
{
	const char	*path;
	char		*got, *cause, want[512];
	int		 rc;

	/* A missing file. */
	snprintf(want, sizeof want, "%s/nosuch.csv", tmpdir);
	got = read_dump(want, NULL, 0, &rc, &cause);
	assert_int_equal(rc, -2);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "nosuch.csv: "));
	assert_non_null(strstr(cause, strerror(ENOENT)));
	free(got);
	free(cause);

	/* The callback's non-zero result stops the read and is returned. */
	path = write_file("a\nb\nc\nd\n", 8);
	got = read_dump(path, NULL, 2, &rc, &cause);
	assert_int_equal(rc, 7);
	assert_string_equal(got, "1:<a> 2:<b>");
	free(got);
	free(cause);
	/* ... also when the rows are in one chunk of the parser */
	path = write_file("\"a\",\"b\"", 7);
	got = read_dump(path, NULL, 1, &rc, &cause);
	assert_int_equal(rc, 7);
	assert_string_equal(got, "1:<a><b>");
	free(got);
	free(cause);
}

/* What csv_out_row writes for a row of cells. */
static char *
out_row(const char *enc, const char *const *cells, size_t n, int *rc,
    char **cause)
{
	struct csv_out	*o;
	FILE		*f;
	char		*s = NULL;
	size_t		 len = 0;

	f = open_memstream(&s, &len);
	assert_non_null(f);
	*cause = NULL;
	assert_int_equal(csv_out_open(f, enc, &o, cause), 0);
	*rc = csv_out_row(o, cells, n, cause);
	csv_out_close(o);
	fclose(f);
	return (s);
}

static void
test_out_row(void **state)
{
	static const struct {
		const char	*cells[4];
		size_t		 n;
		const char	*out;
	} rows[] = {
		{ { "a", "b" }, 2, "a,b\r\n" },
		{ { "Рога и копыта", "Ёлки" }, 2, "Рога и копыта,Ёлки\r\n" },
		{ { "b,c" }, 1, "\"b,c\"\r\n" },
		{ { "say \"hi\"" }, 1, "\"say \"\"hi\"\"\"\r\n" },
		{ { "line\nbreak" }, 1, "\"line\nbreak\"\r\n" },
		{ { "a\r\nb" }, 1, "\"a\r\nb\"\r\n" },
		{ { " pad" }, 1, "\" pad\"\r\n" },
		{ { "pad " }, 1, "\"pad \"\r\n" },
		{ { NULL, "" }, 2, ",\r\n" },
		{ { "x", NULL, "y" }, 3, "x,,y\r\n" },
		{ { NULL }, 0, "\r\n" },
		/* formula neutralisation: = + - @ tab CR lead */
		{ { "=1+2" }, 1, "'=1+2\r\n" },
		{ { "+7 495 123-45-67" }, 1, "'+7 495 123-45-67\r\n" },
		{ { "-5" }, 1, "-5\r\n" },		/* a number, not a formula */
		{ { "-5+cmd|x" }, 1, "'-5+cmd|x\r\n" },
		{ { "@SUM(A1:A9)" }, 1, "'@SUM(A1:A9)\r\n" },
		{ { "\tx" }, 1, "'\tx\r\n" },
		{ { "\rx" }, 1, "\"'\rx\"\r\n" },
		{ { "=HYPERLINK(\"http://x\",\"y\")" }, 1,
		  "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n" },
		{ { "=1,2" }, 1, "\"'=1,2\"\r\n" },
		/* only a leading sign is a formula */
		{ { "a=b", "1-2", "x@y.ru" }, 3, "a=b,1-2,x@y.ru\r\n" },
	};
	char	*got, *cause;
	size_t	 i;
	int	 rc;

	for (i = 0; i < NITEMS(rows); i++) {
		got = out_row(NULL, rows[i].cells, rows[i].n, &rc, &cause);
		print_message("# row %zu\n", i);
		assert_int_equal(rc, 0);
		assert_null(cause);
		assert_string_equal(got, rows[i].out);
		free(got);
	}
}

static void
test_out_encoding(void **state)
{
	static const char *const cells[] = { "Рога и копыта", "Ёлки №5" };
	static const char *const bad[] = { "ok", "東京" };
	struct csv_out	*o = NULL;
	char		*got, *want, *cause = NULL;
	size_t		 len;
	int		 rc;

	got = out_row("cp1251", cells, 2, &rc, &cause);
	assert_int_equal(rc, 0);
	want = to_encoding("CP1251", "Рога и копыта,Ёлки №5\r\n", &len);
	assert_int_equal(strlen(got), len);
	assert_memory_equal(got, want, len);
	assert_int_equal((unsigned char)got[0], 0xd0);	/* Р */
	free(want);
	free(got);

	/* Not representable in cp1251: an error, not a silent '?', naming
	 * the row by its first cell, the column and the character. */
	got = out_row("cp1251", bad, 2, &rc, &cause);
	assert_int_equal(rc, -1);
	assert_non_null(cause);
	assert_string_equal(cause, "ok: column '東京': '東' (U+6771) cannot "
	    "be written in cp1251");
	free(cause);
	free(got);
	{
		static const char *const head[] = { "sku", "name" };
		static const char *const row[] = { "SKU-1001", "Болт М8×40" };
		static const char text[] = "sku,name\r\nA-1,Гайка\r\n"
		    "SKU-1001,\"Болт М8×40, оцинк.\"\r\nZ-9,Шайба\r\n";
		const char	*want1 = "SKU-1001: column 'name': '×' "
		    "(U+00D7) cannot be written in cp1251";
		FILE		*f;
		size_t		 slen;

		/* row by row, the header first */
		f = open_memstream(&got, &slen);
		assert_int_equal(csv_out_open(f, "cp1251", &o, &cause), 0);
		assert_int_equal(csv_out_row(o, head, 2, &cause), 0);
		errno = 0;
		assert_int_equal(csv_out_row(o, row, 2, &cause), -1);
		assert_int_equal(errno, EILSEQ);
		assert_string_equal(cause, want1);
		free(cause);
		cause = NULL;
		csv_out_close(o);
		fclose(f);
		free(got);

		/* the server's text: the rows before it written, then the
		 * error */
		f = open_memstream(&got, &slen);
		assert_int_equal(csv_out_open(f, "cp1251", &o, &cause), 0);
		assert_int_equal(csv_out_text(o, text, sizeof text - 1,
		    &cause), -1);
		assert_string_equal(cause, want1);
		free(cause);
		cause = NULL;
		csv_out_close(o);
		fclose(f);
		assert_int_equal(slen, 21);	/* the two rows before */
		free(got);

		/* --substitute: × as x */
		f = open_memstream(&got, &slen);
		assert_int_equal(csv_out_open(f, "cp1251", &o, &cause), 0);
		assert_int_equal(csv_out_substitute(o, &cause), 0);
		assert_int_equal(csv_out_text(o, text, sizeof text - 1,
		    &cause), 0);
		csv_out_close(o);
		fclose(f);
		want = to_encoding("CP1251", "sku,name\r\nA-1,Гайка\r\n"
		    "SKU-1001,\"Болт М8x40, оцинк.\"\r\nZ-9,Шайба\r\n", &len);
		assert_int_equal(slen, len);
		assert_memory_equal(got, want, len);
		free(want);
		free(got);
	}

	assert_int_equal(csv_out_open(stdout, "klingon", &o, &cause), -1);
	assert_string_equal(cause, "unknown encoding 'klingon' (try cp1251)");
	free(cause);
	assert_int_equal(csv_out_close(NULL), 0);
}

struct neut_row {
	const char	*in;
	const char	*out;	/* NULL: any form that round-trips */
};

static void
run_neutralise(const struct neut_row *rows, size_t n)
{
	char	*s;
	size_t	 i;
	int	 bad = 0;

	for (i = 0; i < n; i++) {
		s = csv_neutralise(rows[i].in);
		if (rows[i].out == NULL && s[0] != '\0' &&
		    strchr("=+-@\t\r", s[0]) != NULL) {
			print_message("# neutralise(\"%s\") = \"%s\" starts "
			    "a formula\n", rows[i].in, s);
			bad++;
		}
		if (rows[i].out != NULL && strcmp(s, rows[i].out) != 0) {
			print_message("# neutralise(\"%s\") = \"%s\", want "
			    "\"%s\"\n", rows[i].in, s, rows[i].out);
			bad++;
		}
		/* The inverse gives the value back. */
		csv_unneutralise(s);
		if (strcmp(s, rows[i].in) != 0) {
			print_message("# unneutralise(neutralise(\"%s\")) = "
			    "\"%s\"\n", rows[i].in, s);
			bad++;
		}
		free(s);
	}
	assert_int_equal(bad, 0);
}

static void
test_neutralise(void **state)
{
	static const struct neut_row rows[] = {
		{ "", "" },
		{ "plain", "plain" },
		{ "Рога", "Рога" },
		{ "=1+2", "'=1+2" },
		{ "+7", "'+7" },
		{ "-5", "-5" },
		{ "-1.250", "-1.250" },
		{ "-5-5", "'-5-5" },
		{ "-1.", "'-1." },
		{ "-cmd", "'-cmd" },
		{ "@x", "'@x" },
		{ "\tx", "'\tx" },
		{ "\rx", "'\rx" },
		{ "=", "'=" },
		{ "'", "'" },
		{ "'x", "'x" },
		{ "a=b", "a=b" },
		{ " =x", " =x" },
	};
	char	 s[16];

	run_neutralise(rows, NITEMS(rows));
	/* Unneutralise touches only a ' before a formula lead. */
	snprintf(s, sizeof s, "'x");
	csv_unneutralise(s);
	assert_string_equal(s, "'x");
	snprintf(s, sizeof s, "'-5");
	csv_unneutralise(s);
	assert_string_equal(s, "-5");
	snprintf(s, sizeof s, "'");
	csv_unneutralise(s);
	assert_string_equal(s, "'");
	snprintf(s, sizeof s, "x'=y");
	csv_unneutralise(s);
	assert_string_equal(s, "x'=y");
}

/*
 * Known bug: a value that itself starts with ' and a formula lead
 * ("'=x", "'-5") is not changed by csv_neutralise but loses its ' in
 * csv_unneutralise, so it does not survive export and import.
 */
static void
test_neutralise_apostrophe(void **state)
{
	static const struct neut_row rows[] = {
		{ "'=x", NULL },
		{ "'-5", NULL },
		{ "''+1", NULL },
		{ "'@", NULL },
	};

	run_neutralise(rows, NITEMS(rows));
}

/* Write rows with csv_out, read them back with csv_read: equal. */
static void
round_trip(const char *enc, const char *const (*rows)[4], size_t nrows,
    const char *want)
{
	struct csv_out	*o;
	const char	*path = tmp_path();
	char		*got, *cause = NULL;
	FILE		*f;
	size_t		 i;
	int		 rc;

	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(csv_out_open(f, enc, &o, &cause), 0);
	for (i = 0; i < nrows; i++)
		assert_int_equal(csv_out_row(o, rows[i], 4, &cause), 0);
	csv_out_close(o);
	assert_int_equal(fclose(f), 0);
	got = read_dump(path, enc, 0, &rc, &cause);
	assert_int_equal(rc, 0);
	assert_null(cause);
	rc = strcmp(got, want);
	if (rc != 0)
		print_message("# got  %s\n# want %s\n", got, want);
	free(got);
	assert_int_equal(rc, 0);
}

static void
test_round_trip(void **state)
{
	static const char *const rows[][4] = {
		{ "code", "name", "amount", "notes" },
		{ "C-1", "ООО «Рога и копыта»", "1234.56", "" },
		{ "C-2", "Иванов, Пётр", "-5", "line 1\nline 2" },
		{ "C-3", "\"Ёлки\" & Co", "=1+2", "@home\nagain" },
		{ "C-4", " padded ", "+7", "\rx" },
		{ "C-5", "a\tb", "-", "'x" },
		{ "", "", "", "" },
		{ "C-6", "a\r\"b\"\r", "'", "," },
	};
	const char	*want =
	    "1:<code><name><amount><notes> "
	    "2:<C-1><ООО «Рога и копыта»><1234.56><> "
	    "3:<C-2><Иванов, Пётр><-5><line 1\\nline 2> "
	    "5:<C-3><\"Ёлки\" & Co><=1+2><@home\\nagain> "
	    "7:<C-4>< padded ><+7><\\rx> "
	    "8:<C-5><a\\tb><-><'x> "
	    "9:<><><><> "
	    "10:<C-6><a\\r\"b\"\\r><'><,>";

	round_trip(NULL, rows, NITEMS(rows), want);
	round_trip("cp1251", rows, NITEMS(rows), want);
}

/*
 * Known bug: csv_out_row quotes a cell with a leading or trailing space
 * but not one with a trailing tab, and libcsv trims unquoted blanks
 * (space and tab), so "ab\t" comes back as "ab".
 */
static void
test_round_trip_trailing_tab(void **state)
{
	static const char *const rows[][4] = {
		{ "ab\t", "x", "\t", "y\t " },
	};

	round_trip(NULL, rows, NITEMS(rows), "1:<ab\\t><x><\\t><y\\t >");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_read_line_after_blank),
		cmocka_unit_test(test_read_malformed),
		cmocka_unit_test(test_read_nul),
		cmocka_unit_test(test_read_encoding),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_out_row),
		cmocka_unit_test(test_out_encoding),
		cmocka_unit_test(test_neutralise),
		cmocka_unit_test(test_neutralise_apostrophe),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_round_trip_trailing_tab),
	};

	return (cmocka_run_group_tests(tests, group_setup, group_teardown));
}
