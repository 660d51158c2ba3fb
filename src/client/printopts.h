#ifndef KONTOR_CLIENT_PRINTOPTS_H
#define KONTOR_CLIENT_PRINTOPTS_H

#include <stddef.h>

struct client;

/*
 * What a document can be printed as, and the signed-in user's last
 * choice for documents of its kind (ops print_forms and print_prefs):
 * the session's print dialog (P) offers them.
 */
struct cp_form {
	char	*name;			/* "invoice" */
	char	*title;			/* "Счёт на оплату", in the session's
					   language */
};

/* A choice as remembered; "" where nothing was given. */
struct cp_print_prefs {
	char	*form;
	char	*format;		/* "pdf", "text" */
	char	*dest;			/* "printer", "file", "mail" */
	char	*printer;		/* a printer's name */
	char	*dir;			/* where a file went */
	char	*mail;			/* an address: "" unless typed for
					   this document's customer */
};

struct cp_print_forms {
	char			*doc;		/* its number */
	char			*entity;	/* its kind: "invoices" */
	struct cp_form		*forms;		/* the default first */
	size_t			 nforms;
	char			*email;		/* its customer's, or NULL */
	int			 has_prefs;	/* prefs was remembered */
	struct cp_print_prefs	 prefs;
};

/* The forms of the document numbered doc (of entity, or NULL: of any
 * kind a form is made from), its customer's e-mail and the last choice;
 * 0, or an exit code and *cause (no such document, no form is made from
 * it, not the caller's to read).  Free with cp_print_forms_free() after
 * success. */
int	 cp_print_forms(struct client *, const char *entity, const char *doc,
	     struct cp_print_forms *, char **cause);
void	 cp_print_forms_free(struct cp_print_forms *);

/* Remember p (NULL members as "") for the caller's documents of the kind
 * of the one numbered doc, a record of entity (an address: for its
 * customer's); 0, or an exit code and *cause. */
int	 cp_print_remember(struct client *, const char *entity, const char *doc,
	     const struct cp_print_prefs *, char **cause);

#endif
