#ifndef KONTOR_MODEL_MODEL_H
#define KONTOR_MODEL_MODEL_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct entity_def;
struct field_def;
struct record;
struct store;
struct tx;

/*
 * Business rules over the generic store: validation of a whole record
 * (required fields, text rules, references, and each entity's own rules),
 * saving, and the invariants `kontor check` proves.  No curses, no
 * sockets: everything here runs inside the server's transactions.
 */

/* Rules of one entity; any callback may be NULL. */
struct model_def {
	const char	*entity;
	/* Entity rules after the generic ones; old is NULL on create. */
	int		(*validate)(struct tx *, struct record *,
			    const struct record *old, char **cause);
	/* Whether validate fills this required field when it is unset. */
	int		(*defaults)(const char *field);
	/* Rules about deleting r. */
	int		(*can_delete)(struct tx *, const struct record *,
			    char **cause);
	/* Invariants over all records: one report line per problem. */
	int		(*check)(struct store *, struct buf *report);
	/* After r is inserted (old NULL) or updated, in the same
	 * transaction: what the save brings with it (a deal's history). */
	int		(*saved)(struct tx *, const struct record *r,
			    const struct record *old, char **cause);
	/* Before the record id is deleted, in the same transaction: what
	 * goes with it (a deal's history). */
	int		(*cascade)(struct tx *, const struct entity_def *,
			    uint64_t id, char **cause);
	/* validate reads no other record of the entity: an import may
	 * insert new records with their indexes built after them. */
	int		 bulk;
	/* Not NULL: records of the entity are made by kontor itself,
	 * never saved by hand (a form, an import); the reason, for
	 * gettext. */
	const char	*never_by_hand;
};

/*
 * Validate r and insert it (record_id(r) == 0) or update it over revision
 * rev.  References given as codes (value.s) are resolved to ids.  ST_*,
 * and *cause names the field ("column 'inn': ...").
 */
int	 model_save(struct tx *, struct record *, uint32_t rev, char **cause);
/*
 * Whether new records of e may be inserted with their indexes built after
 * the last of them (tx_import_begin's defer): nothing saving one reads
 * another of e through an index (no saved hook, a validate marked bulk or
 * none, no reference of e to e).
 */
int	 model_bulk_ok(const struct entity_def *);
int	 model_delete(struct tx *, const struct entity_def *, uint64_t id,
	     uint32_t rev, char **cause);
/*
 * Whether records of e may be saved by hand (a form, an import): 0, or -1
 * and *cause saying how they are made (stock moves by posting documents,
 * the archive by printing).  It is a rule for everyone, not a permission:
 * model_validate refuses such a record with ST_INVALID, never ST_DENIED,
 * as an administrator may do all that anyone may.
 */
int	 model_by_hand(const struct entity_def *, char **cause);
/* Validation only, as model_save does it. */
int	 model_validate(struct tx *, struct record *, const struct record *,
	     char **cause);
/*
 * kontor check runs while clerks post: each of ids (a document, a
 * counterparty, a product) is added up in a transaction of its own, so a
 * posting is seen whole or not at all.  fn writes what it finds wrong to
 * one->report and counts it in one->bad (afresh on each run: a
 * transaction may run again); one that cannot be read is a finding, "what
 * ID: cannot be read".  The findings go to report; their count.
 */
struct model_check_one {
	uint64_t	 id;
	void		*ctx;
	struct buf	*report;
	int		 bad;
};
int	 model_check_each(struct store *, const char *what,
	     const uint64_t *ids, size_t n,
	     int (*fn)(struct tx *, struct model_check_one *, char **),
	     void *ctx, struct buf *report);
/* Every entity's invariants; 0 when all hold. */
int	 model_check(struct store *, struct buf *report);
/*
 * An entity named in a message for a person: its title in the session's
 * language ("Клиенты"), or, where it is not translated (English), its
 * name as the command line knows it ("customers").  Static.
 */
const char	*model_ent_word(const struct entity_def *);
/* A reference value as the target's code (malloc'd), or its id. */
char	*model_ref_code(struct store *, const struct field_def *, int64_t);
/*
 * The same code into *code, and in one read the target's name
 * (dict_name_pos) into *name: malloc'd, or NULL where the target has no
 * name or it is empty.  The target gone: its id, and no name.
 */
void	 model_ref_names(struct store *, const struct field_def *, int64_t,
	     char **code, char **name);

/* demo.c: the demo company's users and customers. */
int	 model_demo(struct tx *, char **cause);
/* demo_stock.c: its catalog, warehouses, stock and purchase orders;
 * customer is the firm that is a supplier too. */
int	 model_demo_stock(struct tx *, uint64_t customer, char **cause);
/* Orders, invoices, shipments and payments of the first customers. */
int	 model_demo_sales(struct tx *, const uint64_t *cust, size_t n,
	     char **cause);

/* party.c */
extern const struct model_def model_customers;
/*
 * The one customer (e: customers) or supplier (suppliers) whose INN is
 * inn: when several have it (a firm's branches) and kpp is given (not
 * NULL or ""), the one of them whose KPP is kpp; when none has that KPP
 * and only one the INN, that one.  ST_OK and *id; ST_NOTFOUND when none
 * has the INN; ST_INVALID with *cause naming the candidates' codes when
 * several remain ("INN 7707083893 is shared by customers C-100001,
 * C-800001"): never one picked of them.
 */
int	 party_by_inn(struct tx *, const struct entity_def *e,
	     const char *inn, const char *kpp, uint64_t *id, char **cause);
/* The same for what a person typed where a code goes (kontor pay,
 * balance, a CSV's customer): ST_NOTFOUND unless s is 10 or 12 digits;
 * several are refused, named, "...: name one by its code". */
int	 party_find_inn(struct tx *, const struct entity_def *e,
	     const char *s, uint64_t *id, char **cause);
extern const struct model_def model_users;
extern const struct model_def model_channels;
/* task.c: activities and tasks */
extern const struct model_def model_activities;
extern const struct model_def model_tasks;
/* deal.c: deals and the pipeline */
extern const struct model_def model_deals;
extern const struct model_def model_deal_stages;
#define DEAL_OPEN	0
#define DEAL_WON	1
#define DEAL_LOST	2
/* A deal_stages record's kind: DEAL_*. */
int	 deal_stage_kind(const struct record *);
/* The pipeline of a new home (Новая ... Выиграна, Проиграна). */
int	 deal_seed_stages(struct tx *, char **cause);
/* The demo's deals with their history, for customers cust and managers
 * mgr (ids); the pipeline seeded first. */
int	 deal_demo(struct tx *, const uint64_t *cust, size_t ncust,
	     const uint64_t *mgr, size_t nmgr, char **cause);
/* catalog.c */
extern const struct model_def model_products;
extern const struct model_def model_barcodes;
extern const struct model_def model_categories;
extern const struct model_def model_prices;
extern const struct model_def model_suppliers;
extern const struct model_def model_stock_limits;
/*
 * The product a scanned or typed term names: a barcode (the product's own,
 * or a further one, whose pack_qty is what one scan counts), else a SKU in
 * any case.  ST_*; *via says which ("barcode" or "sku").
 */
int	 catalog_find_product(struct store *, const char *term,
	     struct record **, int64_t *pack_qty, const char **via);
/*
 * Whether q (thousandths) is a quantity of product p: a multiple of the
 * step its decimals allow (0: whole units).  ST_INVALID and *cause
 * ("SKU-1001 is counted in whole pcs, got 2.5") if not.  Every document
 * line and stock move checks its quantity here.
 */
int	 catalog_qty_fits(const struct record *p, int64_t q, char **cause);
/* The same for the product of that id, read only when q is not whole;
 * a product not there is left to the caller's own check (ST_OK). */
int	 catalog_qty_fits_id(struct tx *, uint64_t product, int64_t q,
	     char **cause);
/* stock.c, purchase.c */
extern const struct model_def model_stock_docs;
extern const struct model_def model_stock_lines;
extern const struct model_def model_purchase_orders;
extern const struct model_def model_po_lines;
/* company.c: the firm's details (one record) and its accounts */
extern const struct model_def model_company;
extern const struct model_def model_accounts;
/*
 * The bank details of a record (its fields bik, corr_account and the
 * account number numfield), whichever are given: the number's and the
 * correspondent account's control keys against the БИК.  ST_INVALID and
 * *cause naming the column.
 */
int	 bank_details_check(const struct record *, const char *numfield,
	     char **cause);
/* A new home's company record (named name) and its cash desk, CASH. */
int	 company_seed(struct tx *, const char *name, char **cause);
/* The demo firm's details (INN, KPP, ОГРН, addresses, people) and its
 * bank account, BANK, the default one. */
int	 company_demo(struct tx *, char **cause);
/* The standard VAT rate a product takes when it names none: the
 * company's vat_rate ("22", "20", ...), "20" while it names none.
 * Allocated. */
char	*company_vat_rate(struct tx *);
/* sales.c */
extern const struct model_def model_quotes;
extern const struct model_def model_quote_lines;
extern const struct model_def model_sales_orders;
extern const struct model_def model_so_lines;
extern const struct model_def model_shipments;
extern const struct model_def model_shipment_lines;
extern const struct model_def model_customer_returns;
extern const struct model_def model_return_lines;
extern const struct model_def model_invoices;
extern const struct model_def model_invoice_lines;
extern const struct model_def model_payments;
/* dash.c: the dashboard's aggregates (kontor check proves them) */
extern const struct model_def model_dash;
extern const struct model_def model_sales_plans;	/* sales_plans.c */

#endif
