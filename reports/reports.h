#ifndef KONTOR_REPORTS_REPORTS_H
#define KONTOR_REPORTS_REPORTS_H

#include <stdint.h>

struct record;
struct store;

/*
 * Reports run in the server and write rows to a sink (the stream to a
 * client, or a test buffer); one file per report, one line each in
 * report_table[].
 */
struct report_args {
	const char	*name;		/* the report's, for its messages */
	int64_t		 from;		/* date YYYYMMDD, 0: open */
	int64_t		 to;
	const char	*key;		/* a product's SKU, or NULL */
	int64_t		 limit;		/* rows at most, 0: all */
	const char	*by;		/* --by: one of the report's own
					 * (report_def.by), or NULL */
	const char	*period;	/* --period: one of the report's own
					 * (its check says), or NULL */
	int		 csv;		/* 1: the rows go to CSV, for
					 * scripts: cells as stored; 0: for
					 * people: placeholders, totals and
					 * enum values in the session's
					 * language */
	int64_t		 as_of;		/* --as-of: date YYYYMMDD, 0: none
					 * (a report that takes it says so
					 * in report_def.flags) */
	const char	*login;		/* the caller, and its roles (auth.h):
					 * a report may show each their own
					 * (receivables: a sales clerk's
					 * customers) */
	unsigned	 roles;
	/* The filters a report declares (report_def.params), as typed:
	 * a manager's login, a customer's, warehouse's or category's
	 * code; NULL: none.  days: --days N, 0: the report's default. */
	const char	*manager;
	const char	*customer;
	const char	*warehouse;
	const char	*category;
	int64_t		 days;
};

struct report_sink {
	/* One row of cells (NULL for empty); returns -1 when the reader
	 * has gone. */
	int	(*row)(struct report_sink *, const char *const *, int);
	void	*arg;
};

struct report_def {
	const char		*name;
	const char		*title;		/* N_(): see report_title() */
	const char		*area;		/* permission: view in it */
	/* NULL-terminated; the names on the wire and in CSV headers, English
	 * and fixed, marked NC_("report", ...) for their headings. */
	const char *const	*columns;
	int			(*run)(struct store *,
				    const struct report_args *,
				    struct report_sink *, char **cause);
	/* The arguments, before any row: 0 or an exit code and *cause
	 * (NULL: any will do, but --by and --period: a report that takes
	 * them says which here). */
	int			(*check)(struct store *,
				    const struct report_args *, char **cause);
	unsigned		 flags;	/* REPORT_AS_OF: takes --as-of */
	/*
	 * How text for people shows each column (NULL: as kinds says):
	 * "-" not shown (a report with more columns than 80 characters
	 * hold leaves out those that matter least, the rest being sums of
	 * the shown; CSV has every column); ">" right-aligned; "<" kept
	 * whole as long as it can be, "~" text that gives way first.  A
	 * width after the sign ("<10") is what older clients padded to;
	 * the client now fits each column to its cells (cli_rows_print).
	 */
	const char *const	*text;
	/*
	 * The parameters it takes, space-separated, for the session's form
	 * (:rep) and the server's refusal of the others: "period" (from/to),
	 * "bucket" (--period day|week|month), "group" (--by: the words
	 * after a colon, "group:customer,product"), "manager", "customer",
	 * "product" (--sku), "category", "warehouse", "days", "as-of".
	 * NULL: an older report, which says in its check what it takes
	 * (and takes none of the filters).
	 */
	const char		*params;
	/*
	 * Drill-down (:rep, Enter on a row), space-separated "BY=NEXT@COL":
	 * a row of the report grouped --by BY ("*": however grouped) opens
	 * the same report grouped by NEXT with the filter BY set to the
	 * row's cell of column COL (sales: "manager=customer@group"), or
	 * with NEXT "card:SCREEN" the record named by that cell on the
	 * screen SCREEN.  NULL: rows open nothing.
	 */
	const char		*drill;
	/*
	 * What each column holds, one letter a column: 'm' money, 'q' a
	 * quantity or another figure (a count, a percentage), 'd' a date,
	 * 'T' a time, 't' text (a code, a name, a word).  Text for people
	 * (text, PDF, :rep) shows figures and dates as the interface does
	 * (report_people()); CSV has the cells as written.  NULL: all text.
	 */
	const char		*kinds;
};

#define REPORT_AS_OF	0x01

/* A check's refusal of the options the report does not take: --by
 * unless by_ok, --period unless period_ok ("stock takes no --by"). */
int	 report_only(const struct report_args *, int by_ok, int period_ok,
	     char **cause);
/* --from after --to (both given): EX_DATAERR and *cause; else 0. */
int	 report_dates(const struct report_args *, char **cause);
/*
 * A period named relative to today (YYYYMMDD): today, yesterday,
 * this-week, last-week, this-month, last-month, this-quarter,
 * last-quarter, this-year, last-year: 1 and its first and last days; 0
 * for another word (day, week, month: --period's buckets; a bare
 * "year" stays the refusal it was).
 */
int	 report_relative(const char *name, int64_t today, int64_t *from,
	     int64_t *to);
/* The names report_relative() knows, NULL-ended. */
extern const char *const report_relatives[];

/* Whether rep declares param (report_def.params). */
int	 report_takes(const struct report_def *, const char *param);
/*
 * The id of the record of entity whose code is code (a manager: the
 * users record of the login), for a filter named what: 0 and *id, or
 * EX_NOINPUT and *cause ("--manager: no ... 'x'").
 */
int	 report_ref(struct store *, const char *entity, const char *what,
	     const char *code, uint64_t *id, char **cause);
/* A date as text for a cell (malloc'd; "" for 0). */
char	*report_date(int64_t);
/* Money and quantities as cells (malloc'd). */
char	*report_money(int64_t);
char	*report_qty(int64_t);
/*
 * A cell of a column of kind (report_def.kinds) for people: money as
 * money_format() groups it ("1 234,56"), a quantity as
 * qty_format_grouped(), a date DD.MM.YYYY, a time local DD.MM.YYYY HH:MM
 * (malloc'd); NULL when the cell stays as written: a text column, or a
 * cell not in the exact form report_money(), report_qty(), report_date()
 * or time_format() write (a placeholder, a total's word, a bucket like
 * 2026-W10, empty).
 */
char	*report_cell_people(int kind, const char *cell);
/*
 * A sink that hands next the cells of rep's rows for people
 * (report_cell_people() by rep->kinds); *p is the caller's and lives as
 * long as the sink.
 */
struct report_people {
	struct report_sink	 sink;
	struct report_sink	*next;
	const char		*kinds;
};
struct report_sink *report_people_sink(struct report_people *p,
	     const struct report_def *rep, struct report_sink *next);
/* Hand cells to the sink and free them; -1 and *cause when the reader
 * has gone. */
int	 report_emit(struct report_sink *, char **cells, int n, char **cause);

/*
 * The records of entity (shipments, customer_returns, stock_moves) dated
 * from from to to (0: open), in date order, read in pages over its date
 * index; fn gets each (borrowed) and returns non-zero to stop (that value
 * is returned).  0, or ST_* of the store.
 */
int	 report_dated(struct store *, const char *entity, int64_t from,
	     int64_t to, int (*fn)(const struct record *, void *), void *);
/* The records of entity whose indexed field holds id (a document's
 * lines): 0 and *rows (the caller frees them with report_rows_free), or
 * ST_* of the store. */
int	 report_rows(struct store *, const char *entity, const char *field,
	     int64_t id, struct record ***rows, size_t *n);
void	 report_rows_free(struct record **, size_t);
/* Whether a sales document's status is posted. */
int	 report_posted(const struct record *);

/* stock.c: a product's stock rows, one per warehouse it has been in. */
int	 report_stock_rows(struct store *, uint64_t product,
	     struct record ***, size_t *);

/* --period's buckets of dates (sales, production). */
enum report_bucket { REPORT_DAY, REPORT_WEEK, REPORT_MONTH };
/* The bucket of a date YYYYMMDD: the date, its ISO week as YYYYWW, or
 * YYYYMM. */
int64_t	 report_bucket_of(enum report_bucket, int64_t ymd);
/* A bucket as a cell: 2026-03-02, 2026-W10, 2026-03 (allocated). */
char	*report_bucket_str(enum report_bucket, int64_t);

extern const struct report_def *const report_table[];	/* NULL-ended */
const struct report_def	*report_find(const char *);
/* A report's title in the calling thread's language (borrowed). */
const char		*report_title(const struct report_def *);
/* The heading of a report's column in the calling thread's language: the
 * name itself in English (borrowed). */
const char		*report_label(const char *column);
/* A word of a cell (a placeholder, a total; marked N_()): for people in the
 * calling thread's language, for CSV as it is, which scripts look for
 * (borrowed). */
const char		*report_word(const struct report_args *,
			    const char *msgid);
/* A stored enum value as a cell, by the same rule (context "enum"). */
const char		*report_enum(const struct report_args *,
			    const char *value);
/* A value of --by or --period (customer, month) as people read it in the
 * heading of a report and in the report's form: its word in the language
 * of the session (разрез: клиент); a value it does not know as it is,
 * NULL for NULL.  Borrowed. */
const char		*report_param_word(const char *);

#endif
