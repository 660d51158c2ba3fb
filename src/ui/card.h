#ifndef KONTOR_UI_CARD_H
#define KONTOR_UI_CARD_H

#include <stddef.h>

struct app;
struct record;
struct ui_region;

/*
 * The head of a record's card (a customer's, a supplier's): the named
 * fields in two columns, labels as wide as the longest (up to a third of
 * a column); "name" and "address" take a row of their own, the name in
 * bold.  The rows it took.
 */
int	 ui_card_head(struct app *, struct ui_region *, const struct record *,
	     const char *const *fields, size_t n);

#endif
