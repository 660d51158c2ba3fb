#ifndef KONTOR_CLIENT_DOCS_H
#define KONTOR_CLIENT_DOCS_H

#include <stddef.h>
#include <stdint.h>

struct client;
struct record;

/*
 * Documents, scanned codes and reports over the client connection, for
 * the screens: a stock document or purchase order saved with its lines
 * (and posted) in one request, the actions on one (post, reverse, send,
 * close, receive, reorder), the product a scanned code names, the lots
 * of a product at a warehouse, and a report's rows gathered into a
 * table.  Each returns 0 or the server's
 * exit code with *cause (the server's message) set.
 */

/* What the server answers about a document. */
struct cd_answer {
	uint64_t	 id;
	uint32_t	 rev;
	char		 code[32];
	char		 status[16];
	int64_t		 line;		/* a refusal about line N, or 0 */
	int64_t		 made;		/* reorder: draft orders made */
};

#define CD_POST		0x01	/* post (send a purchase order) as well */
#define CD_OVER		0x02	/* the clerk confirmed an over-receipt */
#define CD_LINES	0x04	/* lines replace the stored ones */

/* Save hdr (id 0: a new document; rev: the revision it was read at) of
 * "stock_docs" or "purchase_orders", or a sales document ("shipments",
 * "customer_returns", ...; CD_POST posts it in the same transaction),
 * with the n lines when CD_LINES. */
int	 cd_save(struct client *, const struct record *hdr,
	     struct record *const *lines, size_t n, unsigned flags,
	     struct cd_answer *, char **cause);
/* An action ("post", "reverse", "send", "close", "receive", "delete",
 * "reorder") on the document numbered code (NULL for reorder). */
int	 cd_action(struct client *, const char *entity, const char *action,
	     const char *code, unsigned flags, struct cd_answer *,
	     char **cause);

/* The product a scanned barcode or typed SKU names, and the units one
 * scan of it counts (thousandths).  An unknown code is EX_NOINPUT. */
int	 cd_find_product(struct client *, const char *term, struct record **,
	     int64_t *pack, char **cause);

/* The lots of a product at a warehouse with something left, first to
 * expire first (model/stock.h's stock_lots), and the warehouse's code. */
struct cd_lot {
	char		*lot;
	int64_t		 qty;
	int64_t		 expiry;	/* YYYYMMDD, 0: none */
};
struct cd_lots {
	char		*warehouse;
	struct cd_lot	*v;
	size_t		 n;
};
int	 cd_lots(struct client *, uint64_t product, uint64_t warehouse,
	     struct cd_lots *, char **cause);
void	 cd_lots_free(struct cd_lots *);

/* A report's rows; cells are strings, each row has ncols of them. */
struct cd_table {
	char		**cols;
	size_t		  ncols;
	char		***rows;
	size_t		  nrows;
};
/* key: a SKU or barcode, or NULL; limit 0: all rows. */
int	 cd_report(struct client *, const char *name, const char *key,
	     int64_t limit, struct cd_table **, char **cause);
void	 cd_table_free(struct cd_table *);
/* Row i's cell of the named column (borrowed), "" when there is none. */
const char *cd_cell(const struct cd_table *, size_t, const char *col);

#endif
