#ifndef KONTOR_FORMS_COMMON_H
#define KONTOR_FORMS_COMMON_H

#include <stddef.h>
#include <stdint.h>

struct entity_def;
struct form_args;
struct record;
struct sheet;
struct store;
struct tx;

/*
 * What every print form shares (common.c): the document read whole with
 * its parties and lines, the figures as Russian documents write them,
 * and the blocks most forms are made of (the bank block, the parties,
 * the lines, the totals, the amount in words, the signatures).
 *
 * A form's build() is, as a rule:
 *
 *	struct form_doc	 d;
 *	if ((rc = form_doc_load(st, a, FORM_NEED_LINES, &d, cause)) != 0) {
 *		form_doc_free(&d);
 *		return (rc);
 *	}
 *	form_heading(s, "Счёт на оплату", &d);
 *	form_pairs(s, pairs);
 *	form_lines_table(s, &d, 0);
 *	form_totals(s, &d, NULL);
 *	form_total_words(s, &d);
 *	form_signatures(s, &d, FORM_SIGN_DIRECTOR |
 *	    FORM_SIGN_ACCOUNTANT);
 *	form_doc_free(&d);
 *
 * The words of the forms ("Счёт на оплату", "Итого:") are those of
 * Russian legal documents and stay Russian whatever the interface's
 * language; the refusals (*cause) are for people and translated.
 *
 * Nothing here depends on the time of printing: the same revision of a
 * document gives the same sheet.
 *
 * A table's text_width is what its contents take in the 80-column text;
 * a grid (SS_BORDER) adds 3 columns a column and 1 (forms/text.c), so a
 * grid of n columns fits when sum(text_width) + 3n + 1 <= 80; a table
 * wider than that is narrowed from its widest column.  A spanned first
 * cell is a label set right (left when it spans the whole row), as the
 * PDF sets it.
 */

/* A party: the company (the seller) or a counterparty.  Every string is
 * malloc'd and never NULL ("" when not known). */
struct form_firm {
	struct record	*rec;		/* the record itself (templates) */
	char		*code;
	char		*name;		/* as documents name it: the full
					   legal name, else the name */
	char		*short_name;	/* the name */
	char		*inn, *kpp, *ogrn;
	char		*address;	/* legal address (a customer's:
					   its address) */
	char		*postal_address;
	char		*phone, *email;
	/* The company's people, in full ("Соколов Андрей Викторович"). */
	char		*director, *accountant;
	/* The bank: the company's default account (company.account), a
	 * payment's account; "" for a counterparty. */
	struct record	*account;	/* NULL: none */
	char		*bank, *bik, *corr_account, *account_number;
};

/* A priced line (quote, order, shipment, invoice lines share their
 * fields), with its product. */
struct form_line {
	struct record	*rec;
	struct record	*product;	/* NULL: the product is gone */
	int64_t		 no;		/* 1, 2, ... as printed */
	char		*sku, *name;
	const char	*unit;		/* "шт", "кг" (form_unit) */
	const char	*okei;		/* "796" (form_okei); "" none */
	int		 service;	/* a product of kind service */
	int64_t		 qty;		/* thousandths */
	int64_t		 price;		/* unit, as the document's prices:
					   with VAT when vat_included */
	int64_t		 price_net;	/* unit, without VAT */
	int64_t		 discount;	/* thousandths of a per cent */
	int		 rate;		/* 20, 10, 0, or PRICING_EXEMPT */
	int64_t		 net, vat, gross;	/* as the line stores them */
	int64_t		 amount;	/* what its row shows: gross with
					   prices including VAT, else net */
};

/* VAT of one rate over a document's lines. */
/* Rates a document can hold at most: every rate of vat_rates (entities.c). */
#define FORM_RATES	8

struct form_rate {
	int		 rate;		/* 20, 10, 0, PRICING_EXEMPT */
	int64_t		 net, vat, gross;
};

/* A document read whole for printing. */
struct form_doc {
	const struct entity_def	*ent;
	struct record	*hdr;		/* the document (a customer, for a
					   contract made from one) */
	char		*code;		/* INV-2026-000045 */
	char		*number;	/* as printed: 45 (form_number) */
	int64_t		 date;		/* YYYYMMDD; 0: none */
	int		 vat_included;	/* prices include VAT */
	struct form_firm company;
	struct form_firm customer;	/* the counterparty: customer or
					   supplier */
	int		 has_customer;
	struct form_line *lines;
	size_t		 nlines;
	/* Sums of the lines: never recomputed from the total. */
	int64_t		 net, vat, gross;
	int64_t		 amount;	/* sum of the lines' amount */
	struct form_rate rates[FORM_RATES]; /* each rate present, highest
					   first */
	size_t		 nrates;
	int		 has_discount;	/* a line with a discount */
	/* The document it was made from (an invoice's or a shipment's
	 * order, an order's quote): "" when none. */
	char		*base_code, *base_number;
	int64_t		 base_date;
	char		*manager;	/* the manager's name, "" none */
};

#define FORM_NEED_BANK	0x01	/* refuse when the company has no bank
				   account (EX_DATAERR, how to set one) */
#define FORM_NEED_LINES	0x02	/* refuse a document without lines */
#define FORM_NEED_POSTED 0x04	/* refuse a draft (EX_DATAERR): a legal
				   document of goods or works handed over */

/*
 * Read the document a (its entity and id), its counterparty (the field
 * "customer", else "supplier"; the customer itself for a customer), its
 * lines in order with their products, the company and its default
 * account, in one read transaction.  0, or an exit code (sysexits) and
 * *cause: EX_NOINPUT when the document is gone, EX_DATAERR for what
 * flags need and is missing.  form_doc_free() in either case.
 */
int	 form_doc_load(struct store *, const struct form_args *a,
	     unsigned flags, struct form_doc *, char **cause);
void	 form_doc_free(struct form_doc *);
/* In a form's read transaction: the record r's field refers to, in *out,
 * or NULL there when the field is unset or the record is gone; ST_OK or
 * the store's error. */
int	 form_get_ref(struct tx *, const struct record *r, const char *field,
	     struct record **out);
/* A field of a record by name: text (NULL when unset) or int (0). */
const char *form_str(const struct record *, const char *field);
int64_t	 form_int(const struct record *, const char *field);
int	 form_isset(const struct record *, const char *field);

/* --- figures as documents write them (into buf, returned) ------------- */
#define FORM_FIG	48	/* room for any of them */
/* 1 234,56 */
const char	*form_money(int64_t kopecks, char *buf);
/* 1 000, 2,5, 0,125 */
const char	*form_qty(int64_t thousandths, char *buf);
/* 01.12.2026; "" for 0 */
const char	*form_date(int64_t yyyymmdd, char *buf);
/* «01» декабря 2026 г. */
const char	*form_date_words(int64_t yyyymmdd, char *buf);
/* 20% or "без НДС" */
const char	*form_rate(int rate, char *buf);
/* Static: a unit's Russian abbreviation (pcs: шт) and its ОКЕИ code
 * (pcs: 796; "" when it has none). */
const char	*form_unit(const char *unit);
const char	*form_okei(const char *unit);
/* The number a document is printed with: INV-2026-000045 is 45 (as
 * 1C prints it, and as a payment's purpose names it back); a number of
 * another shape as it is.  Caller frees. */
char		*form_number(const char *code);
/* "Соколов Андрей Викторович": "Соколов А. В."; other shapes as they
 * are.  Caller frees. */
char		*form_initials(const char *full);
/* "ООО «Ромашка», ИНН 7707083893, КПП 770701001, 125009, г. Москва, ..."
 * (with_bank: and its bank: "р/с ... в ПАО Сбербанк, БИК ..., к/с ...").
 * Caller frees. */
char		*form_firm_line(const struct form_firm *, int with_bank);

/* --- blocks ----------------------------------------------------------- */
/* "Счёт на оплату № 45 от 01.12.2026", large and bold, and a rule. */
void	 form_heading(struct sheet *, const char *title,
	     const struct form_doc *);
/* The bank block of a payment order, as at the top of a счёт: Банк
 * получателя, БИК, Сч. №, ИНН, КПП, Получатель, Сч. №. */
void	 form_bank_block(struct sheet *, const struct form_firm *company);
/* Label and text rows without a grid ("Поставщик:", the firm's line),
 * given in pairs: label, text, label, text, ..., ended by a NULL label;
 * a pair whose text is NULL or "" is left out. */
void	 form_pairs(struct sheet *, const char *const *pairs);
/* The lines: №, Товары (работы, услуги), Кол-во, Ед., Цена, [Скидка],
 * Сумма; the amounts as the document's prices (with VAT or without). */
#define FORM_LINES_SKU	0x01	/* an Артикул column */
#define FORM_LINES_WORKS 0x02	/* "Наименование работ, услуг" (an act) */
void	 form_lines_table(struct sheet *, const struct form_doc *,
	     unsigned flags);
/* Итого, В том числе НДС 20% (prices with VAT) or НДС 20% (without), or
 * Без налога (НДС), and Всего к оплате (label: another last line, NULL
 * for "Всего к оплате:"). */
void	 form_totals(struct sheet *, const struct form_doc *,
	     const char *label);
/* «Всего наименований 3, на сумму 1 200,00 руб.» and the amount in
 * words, bold. */
void	 form_total_words(struct sheet *, const struct form_doc *);
/* Signatures: a line to sign on and the name under it. */
#define FORM_SIGN_DIRECTOR	0x01	/* Руководитель */
#define FORM_SIGN_ACCOUNTANT	0x02	/* Главный бухгалтер */
#define FORM_SIGN_BOOKKEEPER	0x04	/* Бухгалтер (a счёт's) */
#define FORM_SIGN_MANAGER	0x08	/* Менеджер: the document's */
void	 form_signatures(struct sheet *, const struct form_doc *,
	     unsigned which);
/* One signature: "Label ________ Name" (name may be ""). */
void	 form_signature(struct sheet *, const char *label, const char *name);

/*
 * The foot of a document two sides sign (the seller and the buyer: a
 * УПД, a ТОРГ-12, an act): each side a list of items, a text or a
 * signature.  In the PDF the sides stand next to each other, item i of
 * the left beside item i of the right; in the text the left side's
 * items come first, then the right's (80 columns hold one side).
 *
 * A signature: label ("Отпуск груза произвел", "" none), a position
 * ("" a line to write it on, NULL no position), a line to sign on, and
 * the name ("" a line), with the captions under them in small type
 * ("(должность)", "(подпись)", "(расшифровка подписи)").  A text
 * (label NULL): text in style (SS_BOLD, SS_SMALL), wrapped to the side.
 * Neither (text and label NULL): nothing, a place kept in the PDF.
 */
struct form_side {
	const char	*text;		/* a text; NULL: a signature */
	int		 style;
	const char	*label, *position, *name;
};
void	 form_sides(struct sheet *, const struct form_side *left, size_t nl,
	     const struct form_side *right, size_t nr);

/* Keep only the lines keep() says yes to (an act's services), numbered
 * again from 1, and the document's sums and rates made again from
 * them; the others are freed.  The number of lines kept. */
size_t	 form_doc_keep(struct form_doc *,
	     int (*keep)(const struct form_line *));

#endif
