#ifndef KONTOR_MODEL_DASH_H
#define KONTOR_MODEL_DASH_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct store;

/*
 * The dashboard's aggregates (dash.c): small derived tables kept by the
 * store's write hook in the transaction of every write of the documents
 * they add up, so a figure is a read of a few rows, never a scan of
 * documents:
 *	dash_sales	per day x warehouse x manager, and per day: shipped
 *			gross, cost, shipments (posted shipments; posted
 *			returns take off, on their own date)
 *	dash_orders	per day x manager, and per day: orders confirmed
 *			(and on: shipped, closed) and still draft, count
 *			and gross; a cancelled order counts nowhere
 *	dash_stock	per product kind x warehouse: on hand and value,
 *			from the stock rows
 *	dash_due	per due date and side (receivables, payables): what
 *			is open, from the balances' open_due, and a total
 * Codes (the unique key of each row): "t:YYYYMMDD" a day's total,
 * "d:YYYYMMDD:WH:MGR" (sales) or "d:YYYYMMDD:MGR" (orders) a day's part,
 * "k:KIND:WH", "r:YYYYMMDD" / "p:YYYYMMDD" and "r:all" / "p:all".
 */

/*
 * Install the write hook (done once per process before any write, by a
 * constructor in dash.c, so every program that links the model keeps
 * the aggregates), and bring an existing home's aggregates up to date
 * with its documents when they were never built (the meta key "dash"
 * unset: a home older than them): called by the server at start, before
 * any client.  0, or -1 and *cause.
 */
int	 dash_open(struct store *, char **cause);
/*
 * Rebuild every aggregate from the documents (each row set to what they
 * add up to; the rows nothing adds up to are set to zero).  Run with no
 * other writer (the server's start).  0, or -1 and *cause.
 */
int	 dash_rebuild(struct store *, char **cause);
/* Every aggregate against the documents; one report line per row that
 * differs, naming it.  The number of findings. */
int	 dash_check(struct store *, struct buf *report);

/*
 * The figures, read: what the dashboard op sends and `kontor dashboard`
 * prints, one (figure, key, value) each.  unit: 'm' kopecks, 'q'
 * thousandths, 'n' a count, 'd' a date (YYYYMMDD).
 */
struct dash_fig {
	char		 figure[24];
	char		*key;
	char		 unit;
	int64_t		 value;
};
struct dash_figs {
	struct dash_fig	*v;
	size_t		 n;
};
#define DASH_SALES	0x01	/* sales and its sparkline */
#define DASH_ORDERS	0x10	/* orders and theirs */
#define DASH_STOCK	0x02	/* finished goods */
#define DASH_MONEY	0x04	/* cash, bank, receivables, payables */
#define DASH_MINE	0x08	/* my tasks and deals (user) */
#define DASH_DAYS	30	/* days of the sparklines */
/* The figures of the parts asked (DASH_*) as of today (YYYYMMDD, 0:
 * today), for user (a users id; 0: none of DASH_MINE).  ST_*. */
int	 dash_read(struct store *, unsigned parts, uint64_t user,
	     int64_t today, struct dash_figs *, char **cause);
void	 dash_figs_free(struct dash_figs *);

#endif
