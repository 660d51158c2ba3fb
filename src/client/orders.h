#ifndef KONTOR_CLIENT_ORDERS_H
#define KONTOR_CLIENT_ORDERS_H

#include <stddef.h>
#include <stdint.h>

struct cd_answer;
struct client;
struct record;

/*
 * Sales documents over the client connection, for the order-entry
 * screens: a quote or order saved with its lines in one request (op
 * "sales"), an action on one by its number, and what a line costs as it
 * is typed (op "sales_price").  Each returns 0 or the server's exit code
 * with *cause (the server's message, the caller's to free) set; a
 * refusal about a line has its number in answer->line.
 */

/* Save hdr (id 0: new; its revision as read) with its n lines, which
 * replace the stored ones. */
int	 co_save(struct client *, const struct record *hdr,
	     struct record *const *lines, size_t n, struct cd_answer *,
	     char **cause);
/* The same, an order confirmed in the same request and transaction
 * (save with post): every line reserved, or nothing saved; override:
 * past credit control (a manager's word, which the order keeps). */
int	 co_save_post(struct client *, const struct record *hdr,
	     struct record *const *lines, size_t n, int override,
	     struct cd_answer *, char **cause);
/* action ("post", "cancel", "ship", "send", "accept", "reject", "order",
 * "delete") on the document numbered code; answer->code is the document
 * it made (ship, order) or the document itself. */
int	 co_action(struct client *, const char *code, const char *action,
	     struct cd_answer *, char **cause);
/* The same, past what the clerk was told and said yes to ("over": a
 * quote past its date accepted or ordered). */
int	 co_action_over(struct client *, const char *code, const char *action,
	     struct cd_answer *, char **cause);
/* ship with post: the shipment of what is left of the order numbered
 * code, posted in the same request and transaction (kontor ship SO
 * --post); answer->code is the shipment. */
int	 co_ship_post(struct client *, const char *code, struct cd_answer *,
	     char **cause);

/* A line's price as the server works it out (sales_price). */
struct co_price {
	int64_t		 price, discount, net, vat, gross, cost;
	int64_t		 on_hand, available;
	int64_t		 atp;		/* short: when (YYYYMMDD, 0: no
					   supply); -1: not short */
	int		 rate, below_cost, vat_included;
};
/* customer 0: none yet; warehouse 0: no stock; date 0: today; price -1:
 * none typed. */
int	 co_price(struct client *, uint64_t customer, uint64_t product,
	     uint64_t warehouse, int64_t date, int64_t qty, int64_t price,
	     struct co_price *, char **cause);
/* Available to promise (op "atp", plan_atp): *date when qty of product
 * will be free at warehouse (0: all of them): YYYYMMDD, today when it
 * is, 0 when nothing open brings it; *free what is free now. */
int	 co_atp(struct client *, uint64_t product, uint64_t warehouse,
	     int64_t qty, int64_t *date, int64_t *free, char **cause);

/* Material planning (op "plan"): the proposals as of today; with apply,
 * the drafts of those whose keys are given (NULL: all) made, their
 * numbers in made, and the proposals left. */
struct co_plan_line {
	int		 buy;		/* else make */
	char		*sku, *name, *unit, *wh, *supplier, *for_, *key;
	int64_t		 qty, need, start, price;
	int		 min, late;
};
struct co_plan {
	struct co_plan_line	*v;
	size_t			 n;
	char			**made;
	size_t			 nmade;
	int64_t			 skipped;
};
int	 co_plan(struct client *, int horizon, int apply, char *const *keys,
	     size_t nkeys, struct co_plan *, char **cause);
void	 co_plan_free(struct co_plan *);

#endif
