/*
 * What the command-line verbs share: messages and usage, the client
 * connection, the options most take, an entity named on the command line,
 * text for the terminal, and the rows of a streamed answer printed as
 * text or CSV.  The verbs live one group to a file (src/cli/); src/main.c
 * holds their table.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/csv.h"
#include "client/client.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/value.h"
#include "i18n.h"
#include "width.h"
#include "xmalloc.h"

/* Several documents in one process (kontor post A B C): the connection
 * the verbs share, and the code each refusal is about. */
static struct client	*cli_kept;
static const char	*cli_subject;

int
cli_error(int code, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *safe;
	size_t	 n;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	/* Messages quote what others typed or sent: escaped, cut. */
	safe = text_escape(msg, CLI_ERROR_MAX);
	n = cli_subject != NULL ? strlen(cli_subject) : 0;
	if (n > 0 && !(strncasecmp(safe, cli_subject, n) == 0 &&
	    (safe[n] == ':' || safe[n] == ' ')))
		fprintf(stderr, "kontor: %s: %s\n",	/* i18n: no */
		    cli_subject, safe);
	else
		fprintf(stderr, "kontor: %s\n", safe);	/* i18n: no */
	free(safe);
	free(msg);
	return (code);
}

void
cli_keep_client(struct client *c)
{
	cli_kept = c;
}

void
cli_close_client(struct client *c)
{
	if (c != cli_kept)
		client_close(c);
}

void
cli_set_subject(const char *code)
{
	cli_subject = code;
}

int
cli_wants_help(int argc, char **argv)
{
	int	 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return (1);
	}
	return (0);
}

int
cli_usage(const char *text, int help)
{
	fprintf(help ? stdout : stderr, _("usage: kontor %s\n"), text);
	return (help ? 0 : EX_USAGE);
}

int
open_client(const struct paths *p, unsigned flags, struct client **c)
{
	char	*cause = NULL;
	int	 rc;

	if (cli_kept != NULL) {
		*c = cli_kept;
		return (0);
	}
	if ((rc = client_open(p, flags | CLIENT_AUTOSTART, c, &cause)) != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
	}
	return (rc);
}

/* import --delimiter: 0, the header line tells. */
static int	cli_csv_delim;

void
cli_set_csv_delimiter(int c)
{
	cli_csv_delim = c;
}

int
cli_csv_import(const char *path, const char *encoding,
    int (*fn)(long, char **, size_t, void *), void *arg, const int *begun)
{
	return (cli_csv_import_sha256(path, encoding, fn, arg, begun, NULL));
}

int
cli_csv_import_sha256(const char *path, const char *encoding,
    int (*fn)(long, char **, size_t, void *), void *arg, const int *begun,
    unsigned char *sha)
{
	char	*cause = NULL;
	int	 rc;

	rc = csv_read_sha256(path, encoding, cli_csv_delim, fn, arg, sha,
	    &cause);
	if (rc == -2 || rc == -3)
		rc = cli_error(rc == -2 ? EX_NOINPUT : EX_USAGE, "%s", cause);
	else if (rc == -1) {
		fprintf(stderr, "%s\n", cause);
		rc = EX_DATAERR;
	} else if (rc == 0 && !*begun)
		rc = cli_error(EX_DATAERR, _("%s: empty file: a header row "
		    "naming the fields is expected"), path);
	free(cause);
	return (rc);
}

int
reply_error(struct client_reply *r)
{
	int	 rc = r->rc;

	cli_error(rc, "%s", r->err ? r->err : _("request failed"));
	client_reply_free(r);
	return (rc);
}

const struct entity_def *
cli_entity(const char *name)
{
	const struct entity_def	*e;
	char			*names, *u, *s;

	/* stock-moves names stock_moves. */
	u = xstrdup(name);
	for (s = u; *s != '\0'; s++)
		if (*s == '-')
			*s = '_';
	e = dict_entity(u);
	free(u);
	if (e == NULL) {
		names = dict_entity_names();
		cli_error(EX_USAGE, _("unknown entity '%s' (entities: %s)"),
		    name, names);
		free(names);
	}
	return (e);
}

/* --format text|csv and, when flag names one, an option without an
 * argument; -2 for --help, -1 on a usage error. */
int
cli_format_opt(int argc, char **argv, const char **format, int *set,
    const char *flag)
{
	struct option	 opts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ flag, no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	int		 ch;

	while ((ch = getopt_long(argc, argv, "F:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'F':
			*format = optarg;
			break;
		case 'x':
			*set = 1;
			break;
		case 'h':
			return (-2);
		default:
			return (-1);
		}
	}
	if (strcmp(*format, "text") != 0 && strcmp(*format, "csv") != 0)
		return (-1);
	return (0);
}

/* The options, then exactly one argument at argv[optind]: 0, or what
 * to exit with (-1: 0 after --help). */
int
cli_one_arg(int argc, char **argv, const char *u, const char **format,
    int *set, const char *flag)
{
	int	 rc;

	if ((rc = cli_format_opt(argc, argv, format, set, flag)) != 0)
		return (rc == -2 ? (cli_usage(u, 1), -1) : cli_usage(u, 0));
	if (optind != argc - 1)
		return (cli_usage(u, 0));
	return (0);
}

/* A time as data (CSV: ISO 8601), or for people (human: as their
 * language writes it, 19 characters either way). */
void
cli_fmt_time(int64_t t, char *buf, size_t len, int human)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	localtime_r(&tt, &tm);
	/* TRANSLATORS: a date and time as strftime(3) writes it. */
	strftime(buf, len, human ? _("%Y-%m-%d %H:%M:%S") :
	    "%Y-%m-%d %H:%M:%S", &tm);	/* i18n: no */
}

/* A heading padded to width characters (at least its own), then a
 * space; the width it took. */
size_t
cli_heading(const char *s, size_t width)
{
	size_t	 n = utf8_len(s);

	fputs(s, stdout);
	for (; n < width; n++)
		putchar(' ');
	putchar(' ');
	return (n);
}

/* A record by its code, the refusal printed. */
int
cli_get_by_code(struct client *c, const struct entity_def *e,
    const char *code, struct record **out)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = cr_get(c, e, 0, code, out, &cause)) != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
	}
	return (rc);
}

/* Text quoted for the terminal, padded to width characters, then a
 * space. */
void
cli_padded(const char *s, size_t width)
{
	char	*q = text_quote_all(s);
	size_t	 n;

	/* Drop the quotes text_quote_all adds: escapes are what we want. */
	q[strlen(q) - 1] = '\0';
	fputs(q + 1, stdout);
	for (n = utf8_len(q + 1); n < width; n++)
		putchar(' ');
	putchar(' ');
	free(q);
}

/* Text escaped for the terminal, unquoted, unpadded. */
void
cli_escaped(const char *s)
{
	char	*q = text_escape(s, 256);

	fputs(q, stdout);
	free(q);
}

int
cli_text_opt(const char *opt, const char *entity, const char *field,
    const char *val)
{
	const struct field_def	*f = dict_field(dict_entity(entity), field);
	char			*why = NULL;
	int			 rc;

	if (val == NULL || f == NULL)
		return (0);
	if (text_check(val, f->width, 0, &why) != 0) {
		rc = cli_error(EX_DATAERR, "%s: %s", opt, why);
		free(why);
		return (rc);
	}
	return (0);
}

/* --- rows of a streamed answer ------------------------------------------ */

/* Keep the first failure of o's output: *cause is taken. */
static void
cli_rows_fail(struct cli_rows *o, int err, char **cause)
{
	if (o->cause == NULL) {
		o->err = err;
		o->cause = *cause;
	} else
		free(*cause);
	*cause = NULL;
}

/*
 * Text tables.  The first CLI_KEEP rows are kept and measured; a column
 * is as wide as its widest cell, a text column at most CLI_WIDE.  When
 * the whole passes CLI_LINE, columns give way in steps (cli_steps), each
 * only as far as needed, the widest column of a step first: text to
 * CLI_NAME; the headings wider than their figures, dates or codes, to
 * CLI_NARROWER; text to CLI_NARROW; one space between the columns in
 * place of two (but between two columns of figures); text to
 * CLI_NARROWER; the headings to CLI_NARROWEST; text and codes (a text
 * column whose cells are one word each, all as wide, or that the layout
 * keeps whole) to CLI_NARROWEST.  Rows after the first CLI_KEEP take the
 * widths as they are, cut to them.
 */
#define CLI_KEEP	2000
#define CLI_WIDE	40
#define CLI_NAME	20
#define CLI_NARROW	12
#define CLI_NARROWER	6
#define CLI_NARROWEST	3
#define CLI_LINE	80

/* The steps: which columns give way ('t' text, 'c' codes too, 'h'
 * headings over figures, dates and codes; 'g' the gaps), and how far. */
static const struct {
	int	what;
	int	floor;
} cli_steps[] = {
	{ 't', CLI_NAME },
	{ 'h', CLI_NARROWER },
	{ 't', CLI_NARROW },
	{ 'g', 1 },
	{ 't', CLI_NARROWER },
	{ 'h', CLI_NARROWEST },
	{ 'c', CLI_NARROWEST }
};

struct cli_row {
	char	**cell;		/* escaped for the terminal */
	size_t	  n;
};

/* How column i of n shows: 'r' a number, right-aligned; 't' text, which
 * may be cut; 'c' text cut only at the last step (a code); 'f' a date (a
 * time, a size), left-aligned, never cut unless its heading is wider; '-'
 * not shown.  The report's kinds say which, its layout ('<' whole as long
 * as it can be) which text is a code; without kinds, the layout alone
 * ('<' fixed, '~' text). */
static int
cli_col(const struct cli_rows *o, size_t i, size_t n)
{
	const char	*lay = NULL;

	if (o->layout != NULL && o->nlayout == n)
		lay = o->layout[i];
	if (lay != NULL && lay[0] == '-')
		return ('-');
	if (lay != NULL && lay[0] == '>')
		return ('r');
	if (o->kinds != NULL && strlen(o->kinds) == n) {
		if (strchr("mq", o->kinds[i]) != NULL)
			return ('r');
		if (o->kinds[i] != 't')
			return ('f');
		/* Text the layout keeps whole ('<': a code, a document's
		 * number) gives way last, as codes do. */
		return (lay != NULL && lay[0] == '<' ? 'c' : 't');
	}
	if (lay != NULL && lay[0] == '<')
		return ('f');
	return ('t');
}

/* s made safe for the terminal, unquoted and whole. */
static char *
cli_esc(const char *s)
{
	char	*q = text_quote_all(s != NULL ? s : "");
	size_t	 n = strlen(q);

	memmove(q, q + 1, n - 2);
	q[n - 2] = '\0';
	return (q);
}

/* The widths of the kept rows' columns, fitted to the line. */
static void
cli_rows_fit(struct cli_rows *o)
{
	size_t	 n = 0, i, r, shown = 0;
	int	*body, *kind, total, *best, floor, pass, cw, what, prev;

	for (r = 0; r < o->npend; r++)
		if (o->pend[r].n > n)
			n = o->pend[r].n;
	o->w = xcalloc(n + 1, sizeof *o->w);
	o->nw = n;
	o->gap = 2;
	body = xcalloc(n + 1, sizeof *body);
	kind = xcalloc(n + 1, sizeof *kind);
	for (i = 0; i < n; i++)
		kind[i] = cli_col(o, i, n);
	for (r = 0; r < o->npend; r++)
		for (i = 0; i < o->pend[r].n; i++) {
			cw = width_str(o->pend[r].cell[i]);
			if (r > 0 && cw > body[i])
				body[i] = cw;
			if (cw > o->w[i])
				o->w[i] = cw;
		}
	/* A text column whose cells are all as wide and one word each
	 * (codes: T-000001, SKU-1001) gives way only at the last step,
	 * after the names. */
	for (i = 0; i < n; i++)
		if (kind[i] == 't' && body[i] > 0) {
			/* The last row may be the totals (ИТОГО). */
			for (r = 1; r + (o->npend > 2) < o->npend; r++)
				if (i < o->pend[r].n &&
				    (width_str(o->pend[r].cell[i]) !=
				    body[i] || strchr(o->pend[r].cell[i],
				    ' ') != NULL))
					break;
			if (r + (o->npend > 2) == o->npend)
				kind[i] = 'c';
		}
	for (i = 0, total = 0; i < n; i++) {
		if (kind[i] == '-') {
			o->w[i] = 0;
			continue;
		}
		if ((kind[i] == 't' || kind[i] == 'c') && o->w[i] > CLI_WIDE)
			o->w[i] = CLI_WIDE;
		total += o->w[i];
		shown++;
	}
	if (shown > 1)
		total += o->gap * (int)(shown - 1);
	for (pass = 0; pass < (int)(sizeof cli_steps / sizeof cli_steps[0])
	    && total > CLI_LINE; pass++) {
		what = cli_steps[pass].what;
		if (what == 'g') {
			/* Two columns of figures keep two spaces apart:
			 * 1 000,00 next to 5,00 reads as one number. */
			for (i = 0, prev = '-'; i < n; i++) {
				if (kind[i] == '-')
					continue;
				if (prev != '-' && !(prev == 'r' &&
				    kind[i] == 'r'))
					total--;
				prev = kind[i];
			}
			o->gap = 1;
			continue;
		}
		while (total > CLI_LINE) {
			best = NULL;
			for (i = 0; i < n; i++) {
				if (kind[i] == '-')
					continue;
				if (what == 't' && kind[i] != 't')
					continue;
				if (what == 'c' && kind[i] != 't' &&
				    kind[i] != 'c')
					continue;
				if (what == 'h' && kind[i] == 't')
					continue;
				floor = cli_steps[pass].floor;
				if (what == 'h' && body[i] > floor)
					floor = body[i];
				if (o->w[i] > floor && (best == NULL ||
				    o->w[i] > *best))
					best = &o->w[i];
			}
			if (best == NULL)
				break;
			(*best)--;
			total--;
		}
	}
	free(body);
	free(kind);
}

/* One kept row, in the fitted widths; a cell past them cut with an
 * ellipsis; no blanks after the last shown. */
static void
cli_rows_put(struct cli_rows *o, const struct cli_row *row)
{
	size_t	 i, last = 0, cut;
	int	 k, cw, w, pad, first = 1, prev = '-';

	/* Nothing after the last cell that shows something. */
	for (i = 0; i < row->n; i++)
		if ((i >= o->nw || cli_col(o, i, o->nw) != '-') &&
		    row->cell[i][0] != '\0')
			last = i;
	for (i = 0; i <= last && i < row->n; i++) {
		const char	*t = row->cell[i];

		k = i < o->nw ? cli_col(o, i, o->nw) : 't';
		if (k == '-')
			continue;
		if (!first)
			fprintf(o->f, "%*s", o->gap == 1 && prev == 'r' &&
			    k == 'r' ? 2 : o->gap, "");
		first = 0;
		prev = k;
		cw = width_str(t);
		w = i < o->nw ? o->w[i] : cw;
		if (cw > w) {
			cut = width_fit(t, w - 1);
			fwrite(t, 1, cut, o->f);
			fputs("\xe2\x80\xa6", o->f);	/* i18n: no */
			cw = w;
		} else if (k == 'r') {
			fprintf(o->f, "%*s%s", w - cw, "", t);
			cw = w;
		} else
			fputs(t, o->f);
		if (i != last && (pad = w - cw) > 0)
			fprintf(o->f, "%*s", pad, "");
	}
	fputc('\n', o->f);
}

static void
cli_row_free(struct cli_row *row)
{
	size_t	 i;

	for (i = 0; i < row->n; i++)
		free(row->cell[i]);
	free(row->cell);
}

/* Print the rows kept, the widths fitted first if not yet. */
static void
cli_rows_drain(struct cli_rows *o)
{
	size_t	 r;

	if (o->npend == 0)
		return;
	if (o->w == NULL)
		cli_rows_fit(o);
	for (r = 0; r < o->npend; r++) {
		cli_rows_put(o, &o->pend[r]);
		cli_row_free(&o->pend[r]);
	}
	free(o->pend);
	o->pend = NULL;
	o->npend = 0;
}

int
cli_rows_print(const char *const *cells, size_t n, struct cli_rows *o)
{
	char		*cause = NULL;
	struct cli_row	 row;
	size_t		 i;

	if (o->csv != NULL) {
		if (csv_out_row(o->csv, cells, n, &cause) != 0) {
			cli_rows_fail(o, errno, &cause);
			return (-1);
		}
		return (0);
	}
	row.n = n;
	row.cell = xcalloc(n + 1, sizeof *row.cell);
	for (i = 0; i < n; i++)
		row.cell[i] = cli_esc(cells[i]);
	if (o->w != NULL) {
		cli_rows_put(o, &row);
		cli_row_free(&row);
		return (0);
	}
	o->pend = xreallocarray(o->pend, o->npend + 1, sizeof *o->pend);
	o->pend[o->npend++] = row;
	if (o->npend >= CLI_KEEP)
		cli_rows_drain(o);
	return (0);
}

void
cli_rows_layout(struct cli_rows *o, const msgpack_object *lay,
    const msgpack_object *kinds)
{
	uint32_t	 i;
	char		*s;

	cli_rows_free(o);
	if (kinds != NULL && kinds->type == MSGPACK_OBJECT_STR)
		o->kinds = mobj_dup(kinds);
	if (lay == NULL || lay->type != MSGPACK_OBJECT_ARRAY)
		return;
	o->layout = xcalloc(lay->via.array.size + 1, sizeof *o->layout);
	for (i = 0; i < lay->via.array.size; i++) {
		s = mobj_dup(&lay->via.array.ptr[i]);
		/* Only what this knows; anything else as text. */
		if (s == NULL || s[0] == '\0' ||
		    strchr("<>~-", s[0]) == NULL) {
			free(s);
			s = xstrdup("~");
		}
		o->layout[i] = s;
	}
	o->nlayout = lay->via.array.size;
}

void
cli_rows_free(struct cli_rows *o)
{
	size_t	 i;

	for (i = 0; i < o->nlayout; i++)
		free(o->layout[i]);
	free(o->layout);
	o->layout = NULL;
	o->nlayout = 0;
	free(o->kinds);
	o->kinds = NULL;
	for (i = 0; i < o->npend; i++)
		cli_row_free(&o->pend[i]);
	free(o->pend);
	o->pend = NULL;
	o->npend = 0;
	free(o->w);
	o->w = NULL;
	o->nw = 0;
}

int
cli_rows_end(struct cli_rows *o)
{
	if (o->csv == NULL && o->cause == NULL)
		cli_rows_drain(o);
	return (cli_rows_flush(o));
}

/*
 * After a frame of rows: flush them.  0 to go on; 1 when the reader went
 * away (a pipe closed early, as by | head): the rest is not wanted, which
 * is no error, and the command ends quietly with 0; -1 when a write
 * failed otherwise, o->cause says why.
 */
int
cli_rows_flush(struct cli_rows *o)
{
	char	*cause;
	int	 e;

	if (o->cause == NULL && (fflush(o->f) != 0 || ferror(o->f))) {
		e = errno;
		xasprintf(&cause, _("write: %s"), strerror(e));
		cli_rows_fail(o, e, &cause);
	}
	if (o->cause == NULL)
		return (0);
	return (o->err == EPIPE ? 1 : -1);
}

/*
 * One frame of a streamed answer (export, report): the header is an array
 * of names, a page an array of rows of strings.  Every row is printed.
 */
int
cli_rows_frame(const msgpack_object *data, struct cli_rows *o)
{
	const msgpack_object	*rows = data, *row;
	const char		**cells;
	char			**owned;
	uint32_t		 i, j, n = 1;
	int			 rc = 0;

	if (data == NULL || data->type != MSGPACK_OBJECT_ARRAY)
		return (0);
	if (data->via.array.size == 0 ||
	    data->via.array.ptr[0].type == MSGPACK_OBJECT_STR)
		rows = NULL;		/* the header: itself one row */
	else
		n = data->via.array.size;
	for (i = 0; i < n && rc == 0; i++) {
		row = rows != NULL ? &rows->via.array.ptr[i] : data;
		if (row->type != MSGPACK_OBJECT_ARRAY)
			continue;
		cells = xcalloc(row->via.array.size + 1, sizeof *cells);
		owned = xcalloc(row->via.array.size + 1, sizeof *owned);
		for (j = 0; j < row->via.array.size; j++)
			cells[j] = owned[j] = mobj_dup(&row->via.array.ptr[j]);
		rc = cli_rows_print(cells, row->via.array.size, o);
		for (j = 0; j < row->via.array.size; j++)
			free(owned[j]);
		free(owned);
		free(cells);
	}
	return (rc);
}
