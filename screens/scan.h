#ifndef KONTOR_SCREENS_SCAN_H
#define KONTOR_SCREENS_SCAN_H

#include "ui/ui.h"

/*
 * The scanning document (scan.c), shared by the screens where goods are
 * touched: receiving (:recv), the stock count (:count), the shipment
 * (:ship) and the customer return (:ret).  The clerk scans barcodes in
 * bursts (digits then Enter); each scan adds one scan's units to its
 * product's line, the errors of a burst stay on screen until Esc, F2
 * saves the draft and the post key saves and posts it, each one request.
 * A document with a base (a purchase order, a sales order, a shipment)
 * shows the base's lines with what is left of them.
 */
enum scan_kind {
	SCAN_RECV,
	SCAN_COUNT,
	SCAN_SHIP,
	SCAN_RET
};

struct scan_state;
struct ui_region;

/* Open a document of kind: arg NULL asks the header first; a number of
 * the kind opens that document; a base's number (PO-, SO-, SHP-) starts
 * one against it (a sales order: its draft shipment, made when there is
 * none).  0, or -1 with *cause. */
int		 scan_open(struct app *, enum scan_kind, const char *arg,
		     struct scan_state **, char **cause);
void		 scan_close(struct scan_state *);
void		 scan_draw(struct scan_state *, struct ui_region *, unsigned);
/* UI_BACK when the clerk leaves the document. */
enum ui_result	 scan_key(struct scan_state *, struct ui_region *, int,
		     unsigned *redraw);
/* What is not saved (borrowed), or NULL. */
const char	*scan_unsaved(struct scan_state *);
/* The terminal hung up: the lines are saved as a draft and offered
 * back at the next start. */
void		 scan_hangup(struct scan_state *);

#endif
