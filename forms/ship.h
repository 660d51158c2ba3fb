#ifndef KONTOR_FORMS_SHIP_H
#define KONTOR_FORMS_SHIP_H

struct form_doc;
struct store;
struct tx;

/*
 * What the shipment's forms (УПД, ТОРГ-12, act) print beyond the
 * document read by form_doc_load (common.h): where the goods went, where
 * they left from, the payments made against the shipment, and who
 * handed the goods over.  Every string malloc'd, "" when not known.
 */
struct ship_info {
	/* The consignee's address: the order's delivery address, else the
	 * customer's. */
	char	*consignee_address;
	char	*warehouse;		/* the warehouse's name */
	/* The payments settling the shipment as a УПД's row (5) names them,
	 * "№ 77 от 05.12.2026, № 3 от 06.12.2026" (the bank's number, else
	 * ours), in date order; "" when none. */
	char	*payments;
	/* The name of the user who posted it (else who changed it last). */
	char	*handed_by;
};

/* 0, or an exit code (sysexits) and *cause. */
int	 ship_info_load(struct store *, const struct form_doc *,
	     const char *login, struct ship_info *, char **cause);
void	 ship_info_free(struct ship_info *);

/* The full name of the user login, inside a transaction; "" when there
 * is no such user or no name (never NULL).  Caller frees. */
char	*form_user_name(struct tx *, const char *login);

#endif
