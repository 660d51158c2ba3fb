#ifndef KONTOR_FORMS_FORMS_H
#define KONTOR_FORMS_FORMS_H

#include <stdint.h>

struct record;
struct sheet;
struct store;

/*
 * Print forms: one file per form in forms/, one line each in
 * form_table[] (forms.c). A form reads its document and the parties in
 * the server (forms → model → db) and builds a sheet (sheet.h); it never
 * knows whether the sheet becomes PDF or text.
 *
 * Names (kontor print --form NAME), fixed and English:
 *   invoice   счёт на оплату        from INV-, SO-
 *   order     подтверждение заказа  from SO-
 *   quote     коммерческое предл.   from Q-
 *   upd       УПД (status 1 with VAT, 2 without, chosen by the lines)
 *             from SHP-
 *   torg12    ТОРГ-12               from SHP-
 *   act       акт выполненных работ from SHP- (service lines)
 *   pko       приходный кассовый ордер  from PAY- (incoming, cash desk)
 *   picklist  лист подбора материалов   from MO- (a released order)
 *   contract  договор from the home's template (templates/contract.txt),
 *             from SO-, Q-, or a customer
 */
struct form_args {
	const char	*code;		/* the document's code: INV-000001 */
	const char	*entity;	/* its entity: "invoices" */
	uint64_t	 id;		/* its id */
	const char	*home;		/* the home (templates/) */
	const char	*login;		/* the caller, and its roles */
	unsigned	 roles;
};

struct form_def {
	const char	*name;
	const char	*title;		/* N_(): the form's name for people */
	/* NULL-terminated: the entities it is made from; the first form
	 * whose entities hold a document's entity is that document's
	 * default (form_default). */
	const char *const *entities;
	/* Build the sheet: 0, or an exit code (sysexits) and *cause naming
	 * what is missing ("the company has no bank account: kontor
	 * company --set ..."; "SHP-000004 has no service lines"). */
	int		(*build)(struct store *, const struct form_args *,
			    struct sheet *, char **cause);
};

extern const struct form_def *const form_table[];	/* NULL-ended */
const struct form_def	*form_find(const char *name);
const struct form_def	*form_default(const char *entity);
/* 1 when the form can be made from a document of entity. */
int			 form_takes(const struct form_def *,
			    const char *entity);
const char		*form_title(const struct form_def *);	/* translated */

#endif
