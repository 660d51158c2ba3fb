#ifndef KONTOR_CLI_CLI_H
#define KONTOR_CLI_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <msgpack.h>

struct client;
struct client_reply;
struct cli_row;
struct csv_out;
struct entity_def;
struct msgb;
struct paths;
struct record;

/*
 * The client-side subcommands, one group of verbs to a file.  Each takes
 * its own argv (argv[0] is the subcommand's name), prints data to stdout
 * and messages to stderr, and returns an exit code from sysexits.h.
 * src/main.c holds the table: adding a verb is a function here and a
 * line there.
 */
/* admin.c */
int	 cmd_init(const struct paths *, int, char **);
int	 cmd_stop(const struct paths *, int, char **);
int	 cmd_status(const struct paths *, int, char **);
int	 cmd_backup(const struct paths *, int, char **);
int	 cmd_check(const struct paths *, int, char **);
/* user.c */
int	 cmd_user(const struct paths *, int, char **);
/* company.c */
int	 cmd_company(const struct paths *, int, char **);
/* import.c */
int	 cmd_import(const struct paths *, int, char **);
int	 cmd_export(const struct paths *, int, char **);
/* records.c */
int	 cmd_show(const struct paths *, int, char **);
int	 cmd_audit(const struct paths *, int, char **);
/* report.c */
int	 cmd_report(const struct paths *, int, char **);
/* docs.c */
int	 cmd_post(const struct paths *, int, char **);
int	 cmd_reverse(const struct paths *, int, char **);
int	 cmd_po(const struct paths *, int, char **);	/* receive, close */
/* kontor cancel of a stock document: a draft is deleted. */
int	 cli_doc_cancel(const struct paths *, const char *code);
/* deals.c */
int	 cmd_deal(const struct paths *, int, char **);
/* sales.c */
int	 cmd_sales(const struct paths *, int, char **);	/* ship, cancel */
int	 cmd_return(const struct paths *, int, char **);
/* Whether a document number is a sales document's (QT-, SO-, SHP-,
 * RET-); post it (confirm an order); close an order. */
int	 cli_is_sales_code(const char *);
int	 cli_sales_post(const struct paths *, const char *code, int over,
	     int override);
int	 cli_sales_close(const struct paths *, const char *code);
/* kontor reverse of a sales document: refused, saying what undoes it. */
int	 cli_sales_reverse(const struct paths *, const char *code);
/* production.c: kontor produce; the actions on a production order
 * (MO-...) that post (release), close and cancel reach by its prefix;
 * kontor import boms FILE. */
int	 cmd_produce(const struct paths *, int, char **);
int	 cli_is_production_code(const char *);
int	 cli_production(const struct paths *, const char *action,
	     const char *code);
int	 cli_import_boms(const struct paths *, const char *path,
	     const char *encoding, int dry_run);
/* money.c */
int	 cmd_invoice(const struct paths *, int, char **);
int	 cmd_pay(const struct paths *, int, char **);
int	 cmd_balance(const struct paths *, int, char **);
int	 cli_pay_cancel(const struct paths *, const char *code);
int	 cli_import_payments(const struct paths *, const char *path,
	     const char *encoding, int dry_run);
/* Send rows of payments (maps as the money op's import takes them) in
 * one transaction and print what became of them; from path. */
int	 cli_payments_send(const struct paths *, const char *path,
	     struct msgb *rows, size_t n, int dry_run, int skip);
/* bank.c: a bank statement in 1C's format, posted as payments; skip:
 * leave out documents of unknown counterparties. */
int	 cli_import_bank(const struct paths *, const char *path,
	     const char *encoding, int dry_run, int skip);
/* kontor export payments-for-bank --from DATE ...: argv from its name. */
int	 cli_export_bank(const struct paths *, int, char **);
/* archive.c: attach, attachment, attachments */
int	 cmd_attach(const struct paths *, int, char **);
int	 cmd_attachment(const struct paths *, int, char **);
int	 cmd_attachments(const struct paths *, int, char **);
/* print.c: kontor print DOC ... (a document by its print form) */
int	 cmd_print(const struct paths *, int, char **);
/* mail.c: kontor mail DOC --to ADDRESS */
int	 cmd_mail(const struct paths *, int, char **);
/* dash.c: kontor dashboard */
int	 cmd_dashboard(const struct paths *, int, char **);
/* stock.c */
int	 cmd_stock(const struct paths *, int, char **);
int	 cmd_reorder(const struct paths *, int, char **);
/* plan.c: kontor plan [--horizon DAYS] [--apply] [--csv] */
int	 cmd_plan(const struct paths *, int, char **);

/* cli.c: shared by the commands. */
int	 open_client(const struct paths *, unsigned, struct client **);
/*
 * Several commands over one connection (kontor post A B C): while c is
 * kept (NULL: none), open_client() gives c, and cli_close_client(), which
 * the verbs that may share it call instead of client_close(), leaves it
 * open.  cli_set_subject(code) (NULL: none) puts "CODE: " before each
 * message of cli_error() that does not start with it.
 */
void	 cli_keep_client(struct client *);
void	 cli_close_client(struct client *);
void	 cli_set_subject(const char *);
/*
 * Read the CSV file of an import row by row (fn as csv_read() takes it,
 * its non-zero result an exit code), *begun set by fn at the header: 0,
 * or the exit code with the refusal printed (a file that cannot be read,
 * an unknown encoding, a malformed file "FILE:LINE: ...", an empty one).
 * Cells are separated as cli_set_csv_delimiter() said (import
 * --delimiter), or as the header line shows (csv_read_sha256()).
 */
void	 cli_set_csv_delimiter(int);
int	 cli_csv_import(const char *path, const char *encoding,
	     int (*fn)(long, char **, size_t, void *), void *arg,
	     const int *begun);
/* The same, and the file's SHA-256 (32 bytes into sha). */
int	 cli_csv_import_sha256(const char *path, const char *encoding,
	     int (*fn)(long, char **, size_t, void *), void *arg,
	     const int *begun, unsigned char *sha);
/* Print a refusal; its exit code. */
int	 reply_error(struct client_reply *);
/* Run report name and print its rows, text or csv (raw: no ' before a
 * formula-like cell). */
int	 cli_report(const struct paths *, const char *name, int64_t from,
	     int64_t to, const char *key, const char *format, int raw);

/* The same with --by and --period (NULL: none) and --as-of (0: none). */
int	 cli_report_by(const struct paths *, const char *name, int64_t from,
	     int64_t to, const char *key, const char *by, const char *period,
	     int64_t as_of, const char *format, int raw);
/* The same with the filters a report may take (NULL, 0: none). */
int	 cli_report_opts(const struct paths *, const char *name,
	     int64_t from, int64_t to, const char *key, const char *by,
	     const char *period, int64_t as_of, const char *format, int raw,
	     const char *manager, const char *customer,
	     const char *warehouse, const char *category, int64_t days);

#define CLI_ERROR_MAX	2048	/* bytes of a message shown */

/* Print "kontor: " and the message to stderr (escaped, cut at
 * CLI_ERROR_MAX bytes); returns code. */
int	 cli_error(int code, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Whether argv asks for --help (or -h): then usage goes to stdout. */
int	 cli_wants_help(int, char **);
/* "usage: kontor TEXT" to stdout for --help (0), else stderr (64). */
int	 cli_usage(const char *text, int help);
/*
 * --format text|csv and, when flag names one, an option without an
 * argument (*set); -2 for --help, -1 on a usage error.
 */
int	 cli_format_opt(int, char **, const char **format, int *set,
	     const char *flag);
/* cli_format_opt, then exactly one argument at argv[optind]: 0, or what
 * to exit with (-1: 0 after --help). */
int	 cli_one_arg(int, char **, const char *usage, const char **format,
	     int *set, const char *flag);
/* The entity a command line names (stock-moves: stock_moves), or NULL
 * with the refusal printed. */
const struct entity_def *cli_entity(const char *);
/*
 * A text option checked as the field it goes into (entity's field: no
 * control characters, within its width), before anything is sent: 0, or
 * the refusal said, naming the option ("--purpose: ..."), and its exit
 * code (65).  val NULL is fine.
 */
int	 cli_text_opt(const char *opt, const char *entity, const char *field,
	     const char *val);
/* A record by its code (*out, the caller frees); 0, or an exit code with
 * the refusal printed. */
int	 cli_get_by_code(struct client *, const struct entity_def *,
	     const char *code, struct record **out);

/* A time as data (CSV: ISO 8601), or for people (human: as their
 * language writes it, 19 characters either way), in buf. */
void	 cli_fmt_time(int64_t, char *buf, size_t len, int human);
/* On stdout: a heading padded to width characters (at least its own),
 * then a space; the width it took. */
size_t	 cli_heading(const char *, size_t width);
/* On stdout: text quoted for the terminal, padded to width characters,
 * then a space. */
void	 cli_padded(const char *, size_t width);
/* On stdout: text escaped for the terminal, unquoted, unpadded. */
void	 cli_escaped(const char *);

/* The rows of a streamed answer (export, audit, report) as they print
 * to f: text padded, or CSV. */
struct cli_rows {
	FILE		*f;
	struct csv_out	*csv;		/* NULL: text (f is stdout) */
	int		 err;		/* errno of the first failed write */
	char		*cause;		/* and what it says */
	char		**layout;	/* text: how each column shows (a
					   report's "layout", report_def.text),
					   nlayout of them; NULL: as kinds */
	size_t		 nlayout;
	char		*kinds;		/* text: a letter a column, as
					   report_def.kinds ('m', 'q': numbers,
					   right-aligned); NULL: not known */
	/* Text: the first rows, kept to measure the columns, then printed;
	 * the widths fixed (nw of them) once printed. */
	struct cli_row	*pend;
	size_t		 npend;
	int		*w;
	size_t		 nw;
	int		 gap;
};
/*
 * Print one row; -1 when the write failed (o->cause says why).  As text
 * the first row is the header; rows are kept until cli_rows_end() or
 * until enough are kept to measure the columns: each column as wide as
 * its widest cell (a text column at most 40), numbers right-aligned, no
 * blanks after the last; a table wider than 80 columns has its widest
 * text columns narrowed first, a value cut with an ellipsis.
 */
int	 cli_rows_print(const char *const *cells, size_t n, struct cli_rows *);
/*
 * After a frame of rows: flush them.  0 to go on; 1 when the reader went
 * away (a pipe closed early, as by | head): the rest is not wanted, which
 * is no error, and the command ends quietly with 0; -1 when a write
 * failed otherwise, o->cause says why.
 */
int	 cli_rows_flush(struct cli_rows *);
/* At the end of the rows: print those kept, then as cli_rows_flush(). */
int	 cli_rows_end(struct cli_rows *);
/*
 * One frame of a streamed answer (export, report): the header is an array
 * of names, a page an array of rows of strings.  Every row is printed.
 */
int	 cli_rows_frame(const msgpack_object *data, struct cli_rows *);
/* Take a report's text layout and kinds (an array of strings and a
 * string, or NULL) into o; cli_rows_free lets them go. */
void	 cli_rows_layout(struct cli_rows *, const msgpack_object *,
	     const msgpack_object *kinds);
/* Free what o keeps (layout, kinds, rows not printed). */
void	 cli_rows_free(struct cli_rows *);

#endif
