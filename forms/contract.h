#ifndef KONTOR_FORMS_CONTRACT_H
#define KONTOR_FORMS_CONTRACT_H

/*
 * The contract form's template (contract.c): a text file kept in the
 * home, templates/contract.txt, whose placeholders ({customer.name},
 * {order.total_words} ...) the form fills from the document and its
 * parties.  Without the file the form uses the built-in text, the one
 * kontor init writes.
 */
#define CONTRACT_TEMPLATE	"templates/contract.txt"

/* The built-in template: a supply contract in Russian. */
extern const char	 contract_default[];

/*
 * Write the built-in template to home/templates/contract.txt unless a
 * file is there already (the directory made as needed, mode 0700 as the
 * home's).  0, or -1 and *cause.
 */
int	 contract_template_write(const char *home, char **cause);

#endif
