#ifndef KONTOR_CLIENT_REPORTS_H
#define KONTOR_CLIENT_REPORTS_H

#include <stddef.h>
#include <stdint.h>

struct client;

/*
 * Reports for the session (:rep): a report run with its parameters into
 * a table (the names of its columns, their headings in the session's
 * language, the rows), and the saved reports (op report_saved,
 * report_save).  Nothing is shown here.
 */
struct rp_params {
	const char	*name;
	int64_t		 from, to, days, as_of;
	const char	*period;	/* the rows per day|week|month, or
					   NULL */
	const char	*by, *key, *manager, *customer, *warehouse;
	const char	*category;
};

struct rp_table {
	char		*title;
	char		**cols;		/* the names (CSV's) */
	char		**labels;	/* the headings, translated */
	size_t		  ncols;
	char		***rows;
	size_t		  nrows;
};

/* Run p: csv 1 for the cells as stored (CSV), 0 for people.  0 and *out,
 * or an exit code and *cause (the server's words). */
int	 rp_run(struct client *, const struct rp_params *, int csv,
	     struct rp_table **out, char **cause);
void	 rp_table_free(struct rp_table *);
/* The column named col, or -1. */
int	 rp_col(const struct rp_table *, const char *col);

/* The report run and printed by the server (forms/report.h): format
 * "pdf" or "text" (80 columns); the document's bytes, named "sales.pdf".
 * 0, or an exit code and *cause; rp_printout_free() after success. */
struct rp_printout {
	char		*name;
	char		*bytes;		/* malloc'd, len of them */
	size_t		 len;
	size_t		 rows;		/* the report's rows */
};
int	 rp_print(struct client *, const struct rp_params *,
	     const char *format, struct rp_printout *, char **cause);
void	 rp_printout_free(struct rp_printout *);

struct rp_saved {
	char		*name, *owner, *report, *params;
	int		 shared;
};
/* The saved reports the user may run, by name. */
int	 rp_saved_list(struct client *, struct rp_saved **, size_t *,
	     char **cause);
void	 rp_saved_free(struct rp_saved *, size_t);
/* Save report with params (options a line, as kontor report --save keeps
 * them) under name. */
int	 rp_save(struct client *, const char *name, const char *report,
	     const char *params, int shared, char **cause);

#endif
