#ifndef KONTOR_MODEL_MONEY_H
#define KONTOR_MODEL_MONEY_H

#include <stddef.h>
#include <stdint.h>

struct record;
struct tx;

/*
 * Money (money.c): payments, what they settle, and the balances between
 * the firm and each customer and supplier.
 *
 * A shipment makes the customer owe its receivable (a posted receipt
 * makes the firm owe the supplier its payable); a payment settles such
 * documents (allocations of kind shipment or receipt), the named ones
 * first, then the oldest open ones; what it does not settle is an
 * advance, which the next shipment (receipt) settles in its own posting
 * transaction.  Apart from settling, a payment marks the invoices,
 * orders and purchase orders it pays as paid (allocations of kind
 * invoice, order, po); an invoice is a request and makes nobody owe.
 *
 * Every function runs inside the caller's transaction and keeps the
 * balances record of the counterparty, the documents' paid amounts and
 * the account's balance in it.
 */

/* A payment as a person, a CSV row or a bank statement gives it. */
struct money_payment {
	int		 out;		/* 0: in, from a customer; 1: out,
					   to a supplier */
	int64_t		 date;		/* YYYYMMDD; 0: today */
	uint64_t	 account;
	uint64_t	 customer;	/* one of these two */
	uint64_t	 supplier;
	int64_t		 amount;	/* kopecks, > 0 */
	const char	*document;	/* the numbers of the documents it
					   pays, space or comma separated;
					   "INV-2026-000001:500.00" gives a
					   part; NULL: none */
	const char	*purpose;
	const char	*bank_number;	/* the bank's number; with account,
					   date, amount and counterparty it
					   makes a payment seen twice known */
	const char	*source;	/* "bank statement FILE:LINE" ... */
};

/*
 * Post a payment.  *dup is set (and nothing changes) when a posted
 * payment from the same counterparty with the same account, date, bank
 * number, amount and direction exists: a second statement with the same
 * line.  *id: the payment's.
 */
int	 money_pay(struct tx *, const struct money_payment *, uint64_t *id,
	     int *dup, char **cause);
/*
 * What is still due of document r (read already, by whoever checked it):
 * an invoice's, order's or purchase order's total not yet paid, a
 * shipment's (receipt's) receivable (payable) not yet settled.  0 and
 * *due (0 or less: paid already), -1 when r is of no entity a payment
 * pays.
 */
int	 money_record_due(const struct record *r, int64_t *due);
/* Reverse a posted payment: its allocations go, the documents it settled
 * are open again (and settled by other advances, oldest first). */
int	 money_cancel(struct tx *, uint64_t payment, char **cause);

/* Postings that change what is owed (called by sales.c and stock.c). */
/* A shipment being posted: its due date and what advances settle of it
 * are set in shipment (the caller writes it). */
int	 money_shipment_posted(struct tx *, struct record *shipment,
	     char **cause);
/* What a document is owed for went down by amount (a return against a
 * shipment, a receipt reversed): what was paid past it goes back to its
 * payments as advance.  The caller has lowered the document's receivable
 * (payable) and writes it. */
int	 money_doc_reduced(struct tx *, struct record *doc, int64_t amount,
	     char **cause);
/* A receipt being posted: payable set, advances to the supplier settle
 * it (the caller writes it). */
int	 money_receipt_posted(struct tx *, struct record *receipt,
	     int64_t payable, char **cause);
/* A new invoice takes the customer's payments not applied to anything. */
int	 money_invoice_made(struct tx *, uint64_t invoice, char **cause);


/*
 * Credit control at an order's confirmation: refused, with the figures,
 * when the customer has overdue debt or the order's total would take
 * what is owed past the credit limit; override (a manager's, audited by
 * the caller) lets it through.
 */
int	 money_credit_check(struct tx *, uint64_t customer, int64_t total,
	     const char *order, int override, int *overridden, char **cause);

/*
 * One counterparty's balance, read (no write lock is taken): now (asof
 * 0), or as it stood at the end of the day asof (YYYYMMDD), its history:
 * the documents dated by then, each open by what was not settled by then
 * (allocations dated after the day undone: a payment since, an advance
 * set against it since), the payments dated by then and what of them was
 * an advance then.  The aging counts days past due to asof (today).
 * docs (NULL: not wanted): the documents open then, oldest due first,
 * paid as of then; the caller frees the array.
 */
struct money_balance {
	int64_t		 owed;		/* documents - paid; < 0: credit */
	int64_t		 open;		/* documents still to pay */
	int64_t		 advance;	/* payments not set against any */
	int64_t		 overdue;	/* open past their due date */
	int64_t		 aging[4];	/* overdue 1-30, 31-60, 61-90, 90+ */
	int64_t		 current;	/* open, not yet due */
	int64_t		 oldest_due;	/* of the open documents; 0: none */
};
struct money_doc {
	const char	*entity;	/* "shipments", "stock_docs" */
	uint64_t	 id;
	char		 code[24];
	int64_t		 date, due, amount, paid;
};
int	 money_balance(struct tx *, int supplier, uint64_t id, int64_t asof,
	     struct money_balance *, struct money_doc **docs, size_t *ndocs);
/*
 * The same now, from a balances record in hand (a report has read it):
 * the record keeps what is open by due date.  0, or -1 when it does not
 * yet (a balance made before it was kept, until its next posting):
 * money_balance() reads the documents then.
 */
int	 money_balance_kept(const struct record *bal,
	     struct money_balance *);
/* What is open by due date, as a balance keeps it. */
struct money_due {
	int64_t		 due;		/* YYYYMMDD */
	int64_t		 amount;
};

/* The document numbers a payment's purpose text names: our own numbers
 * (INV-2026-000045, SO-...) and "счёт № 45 от 28.11.2026" (the invoice
 * numbered 45 in 2026).  Space-separated codes, or NULL; caller frees. */
char	*money_purpose_docs(const char *purpose, int64_t date);

#endif
