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
 * A cell as its column's layout says: "<N" padded to N, ">N" right-aligned
 * in N, "~N" padded to N and cut to it with an ellipsis, "-" not shown;
 * then a space, but after the last (pad: whether to pad the last).
 */
static void
cli_cell(const char *s, const char *lay, int last)
{
	char	*q = text_quote_all(s), *t;
	size_t	 w = strtoul(lay + 1, NULL, 10), n, i;

	q[strlen(q) - 1] = '\0';
	t = q + 1;
	n = utf8_len(t);
	if (lay[0] == '~' && n > w && w > 0) {
		/* Cut at a character's start, and the ellipsis after. */
		for (i = 0, s = t; *s != '\0' && i < w - 1; i++)
			for (s++; (*s & 0xc0) == 0x80; s++)
				;
		fwrite(t, 1, (size_t)(s - t), stdout);
		fputs("\xe2\x80\xa6", stdout);	/* i18n: no */
		n = w;
	} else {
		if (lay[0] == '>')
			for (i = n; i < w; i++)
				putchar(' ');
		fputs(t, stdout);
	}
	if (lay[0] != '>' && !last)
		for (i = n; i < w; i++)
			putchar(' ');
	if (!last)
		putchar(' ');
	free(q);
}

int
cli_rows_print(const char *const *cells, size_t n, struct cli_rows *o)
{
	char	*cause = NULL;
	size_t	 i, lastshown;

	if (o->csv != NULL) {
		if (csv_out_row(o->csv, cells, n, &cause) != 0) {
			cli_rows_fail(o, errno, &cause);
			return (-1);
		}
		return (0);
	}
	if (o->layout != NULL && o->nlayout == n) {
		for (lastshown = n; lastshown > 0 &&
		    o->layout[lastshown - 1][0] == '-'; lastshown--)
			;
		for (i = 0; i < n; i++)
			if (o->layout[i][0] != '-')
				cli_cell(cells[i] != NULL ? cells[i] : "",
				    o->layout[i], i + 1 == lastshown);
		putchar('\n');
		return (0);
	}
	/* No layout: 18 wide, a longer value cut with an ellipsis so that
	 * the columns stay apart and in line; the last one whole. */
	for (i = 0; i < n; i++)
		cli_cell(cells[i] != NULL ? cells[i] : "", i + 1 < n ? "~18" :
		    "<0", 0);
	putchar('\n');
	return (0);
}

void
cli_rows_layout(struct cli_rows *o, const msgpack_object *lay)
{
	uint32_t	 i;
	char		*s;

	cli_rows_free(o);
	if (lay == NULL || lay->type != MSGPACK_OBJECT_ARRAY)
		return;
	o->layout = xcalloc(lay->via.array.size + 1, sizeof *o->layout);
	for (i = 0; i < lay->via.array.size; i++) {
		s = mobj_dup(&lay->via.array.ptr[i]);
		/* Only what this knows; anything else as before, 18 wide. */
		if (s == NULL || (s[0] != '-' && (strchr("<>~", s[0]) ==
		    NULL || s[0] == '\0' || strtoul(s + 1, NULL, 10) == 0))) {
			free(s);
			s = xstrdup("<18");
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
