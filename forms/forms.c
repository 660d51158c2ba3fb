/*
 * The form table: one line per print form (forms.h).  A form's file
 * exports its form_def; its name here makes it printable.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "forms/forms.h"
#include "i18n.h"

extern const struct form_def form_order;
extern const struct form_def form_invoice;
extern const struct form_def form_quote;
extern const struct form_def form_contract;
extern const struct form_def form_upd;
extern const struct form_def form_torg12;
extern const struct form_def form_act;
extern const struct form_def form_pko;
extern const struct form_def form_picklist;

/*
 * A document's default form is the first here that is made from its
 * entity: an order prints its confirmation (its счёт is the invoice
 * form, --form invoice), an invoice its счёт.
 */
const struct form_def *const form_table[] = {
	&form_order,
	&form_invoice,
	&form_quote,
	&form_contract,
	&form_upd,
	&form_torg12,
	&form_act,
	&form_pko,
	&form_picklist,
	NULL
};

const struct form_def *
form_find(const char *name)
{
	size_t	 i;

	if (name == NULL)
		return (NULL);
	for (i = 0; form_table[i] != NULL; i++)
		if (strcmp(form_table[i]->name, name) == 0)
			return (form_table[i]);
	return (NULL);
}

int
form_takes(const struct form_def *f, const char *entity)
{
	size_t	 i;

	for (i = 0; f->entities[i] != NULL; i++)
		if (strcmp(f->entities[i], entity) == 0)
			return (1);
	return (0);
}

const struct form_def *
form_default(const char *entity)
{
	size_t	 i;

	for (i = 0; form_table[i] != NULL; i++)
		if (form_takes(form_table[i], entity))
			return (form_table[i]);
	return (NULL);
}

const char *
form_title(const struct form_def *f)
{
	return (_(f->title));
}
