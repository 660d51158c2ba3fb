#ifndef KONTOR_FORMS_SHIP_H
#define KONTOR_FORMS_SHIP_H

#include <stdint.h>

struct form_doc;
struct form_firm;
struct form_line;
struct sheet;
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

/* "7707083893/770701001", or the INN alone.  Caller frees. */
char	*ship_inn_kpp(const struct form_firm *);
/* A line's unit price without VAT after its discount (a УПД's column 4,
 * a ТОРГ-12's 11): its cost over its quantity when discounted. */
int64_t	 ship_net_price(const struct form_line *);
/*
 * The lines of a УПД or a ТОРГ-12 in 80 columns, where their grids do
 * not fit: no grid, [№,] the name, the unit, the quantity, the price,
 * the cost without VAT, the rate, the VAT and the cost with VAT, the
 * figures' columns as wide as their widest figure, the name taking the
 * rest; and a row of the totals (label).  PDF: nothing (SS_NOPDF).
 */
/* The document's VAT as a total row shows it: "без НДС" when every
 * line is exempt (buf: FORM_FIG). */
const char *ship_vat_total(const struct form_doc *, char *buf);
void	 ship_lines_text(struct sheet *, const struct form_doc *,
	     int numbered, const char *label);

#endif
