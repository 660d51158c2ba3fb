#ifndef KONTOR_CLIENT_MONEY_H
#define KONTOR_CLIENT_MONEY_H

#include <stddef.h>
#include <stdint.h>

struct client;

/*
 * Money over the client connection (op "money"), for the payment screens:
 * a counterparty's balance with its open documents, a payment posted, a
 * payment cancelled.  Each returns 0 or the server's exit code with
 * *cause (the caller's to free).
 */

struct cm_doc {
	char		 code[32];
	int64_t		 date, due, amount, paid;
};
struct cm_balance {
	char		 code[32];
	int64_t		 owed, open, advance, overdue;
	struct cm_doc	*docs;
	size_t		 ndocs;
};
/* party: a customer's (supplier != 0: a supplier's) code. */
int	 cm_balance(struct client *, const char *party, int supplier,
	     struct cm_balance *, char **cause);
void	 cm_balance_free(struct cm_balance *);

struct cm_payment {
	int		 out;
	const char	*party;		/* code */
	const char	*account;	/* code; NULL: the default */
	int64_t		 date;		/* 0: today */
	int64_t		 amount;
	const char	*document;	/* "CODE:amount ..." or NULL */
	const char	*purpose;
};
/* Post it; its number in code (size 32). */
int	 cm_pay(struct client *, const struct cm_payment *, char *code,
	     char **cause);
int	 cm_cancel(struct client *, const char *code, char **cause);

#endif
