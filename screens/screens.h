#ifndef KONTOR_SCREENS_SCREENS_H
#define KONTOR_SCREENS_SCREENS_H

#include "ui/ui.h"

/*
 * The screen registry: one file per business area, each exporting one
 * `struct screen_def`, one line each in screen_table[] (screens.c).
 */
struct screen_def {
	const char		*name;		/* "customers" */
	const char		*code;		/* fast path: ":cust" */
	const char		*title;
	int			 hotkey;	/* in the main menu */
	unsigned		 needs;		/* SCREEN_NEEDS_* */
	/* The permission area of what it shows ("stock"): the menu leaves
	 * out a screen the roles may not view, and help the keys they may
	 * not use.  NULL: "crm". */
	const char		*area;
	/* What the screen is for in its area (ACT_CREATE for receiving):
	 * a role that may not do it does not see the screen.  0: view. */
	unsigned		 act;
	/* arg: a record code to open at, or NULL. */
	int			(*open)(struct app *, const char *arg,
				    void **state, char **cause);
	void			(*close)(void *state);
	void			(*draw)(void *state, struct ui_region *,
				    unsigned redraw);
	enum ui_result		(*key)(void *state, struct ui_region *, int key,
				    unsigned *redraw);
	const struct ui_action	*actions;	/* keys, for F1 */
	/* Optional: what is unsaved here, for the question before the
	 * session ends (F10, Ctrl-C), or NULL when nothing is. */
	const char		*(*unsaved)(void *state);
	/* Optional: the terminal hung up; keep what is unsaved (a draft on
	 * the server, offered back at the next start). */
	void			(*hangup)(void *state);
	/* Optional: the title bar's words now (a customer's card names the
	 * customer), or NULL for the title. */
	const char		*(*heading)(void *state);
	/* Optional: a second went by without a key (the home screen polls
	 * its figures); what to draw again goes in *redraw. */
	void			(*tick)(void *state, unsigned *redraw);
};
#define SCREEN_NEEDS_ADMIN	0x01

extern const struct screen_def *const screen_table[];	/* NULL-ended */
const struct screen_def	*screen_find(const char *code_or_name);
/* The screen of name (as screen_find), or of a document prefix (:so,
 * :inv, :shp...), or of a whole document number (:SO-2026-001024); code
 * gets the record to open: arg, a bare number made the document's of
 * this year (:so 1024: SO-YYYY-001024), or the whole number; "" none. */
const struct screen_def	*screen_find_doc(const char *name, const char *arg,
			     char *code, size_t len);
/* Whether roles may open the screen (its area, its action, admin). */
int			 screen_allowed(const struct screen_def *,
			     unsigned roles);

extern const struct screen_def scr_menu;
extern const struct screen_def scr_home;
extern const struct screen_def scr_customers;
extern const struct screen_def scr_contacts;
extern const struct screen_def scr_activities;
extern const struct screen_def scr_tasks;
extern const struct screen_def scr_calendar;
extern const struct screen_def scr_deals;
extern const struct screen_def scr_quotes;
extern const struct screen_def scr_orders;
extern const struct screen_def scr_users;
extern const struct screen_def scr_company;
extern const struct screen_def scr_moves;
extern const struct screen_def scr_products;
extern const struct screen_def scr_warehouses;
extern const struct screen_def scr_stock;
extern const struct screen_def scr_receiving;
extern const struct screen_def scr_count;
extern const struct screen_def scr_purchase_orders;
extern const struct screen_def scr_stock_docs;
extern const struct screen_def scr_shipments;
extern const struct screen_def scr_returns;
extern const struct screen_def scr_payments;
extern const struct screen_def scr_suppliers;
extern const struct screen_def scr_debt;
extern const struct screen_def scr_invoices;
extern const struct screen_def scr_accounts;
extern const struct screen_def scr_boms;
extern const struct screen_def scr_production_orders;
extern const struct screen_def scr_pick_lists;
extern const struct screen_def scr_schedule;
extern const struct screen_def scr_reports;
extern const struct screen_def scr_plan;

/* The payment entry of :pay, modal in rg: in from a customer (out: to a
 * supplier), party (a code) already picked when not NULL; 1 when a
 * payment was posted. */
int	 screen_pay_entry(struct app *, struct ui_region *, int out,
	     const char *party);

#endif
