#ifndef KONTOR_REPORTS_REPORTS_H
#define KONTOR_REPORTS_REPORTS_H

#include <stdint.h>

struct store;

/*
 * Reports run in the server and write rows to a sink (the stream to a
 * client, or a test buffer); one file per report, one line each in
 * report_table[].
 */
struct report_args {
	int64_t		 from;		/* date YYYYMMDD, 0: open */
	int64_t		 to;
};

struct report_sink {
	/* One row of cells (NULL for empty); returns -1 when the reader
	 * has gone. */
	int	(*row)(struct report_sink *, const char *const *, int);
	void	*arg;
};

struct report_def {
	const char		*name;
	const char		*title;
	const char		*area;		/* permission: view in it */
	const char *const	*columns;	/* NULL-terminated */
	int			(*run)(struct store *,
				    const struct report_args *,
				    struct report_sink *, char **cause);
};

extern const struct report_def *const report_table[];	/* NULL-ended */
const struct report_def	*report_find(const char *);

#endif
