#ifndef KONTOR_UI_PRINT_H
#define KONTOR_UI_PRINT_H

#include <stddef.h>

struct app;
struct entity_def;

/*
 * P on a document: the print dialog, modal, in a box that fits 80x24.
 * It asks the server which forms the document numbered doc (a record of
 * the entity, when it is given) is made into
 * (its default first) and offers the clerk's last choice for documents
 * of its kind: the form, PDF or 80-column text, and where: a printer
 * (lp; its name, else lpstat -d's default), a file (written here; ./DOC.pdf
 * in the session's directory, or in the home when that is not
 * writable), or an e-mail (the PDF attached; the customer's address).
 *
 * Enter sends it; the result goes on the status line and the choice is
 * remembered on the server for the login.  A failure (no lp, an unknown
 * printer, no sendmail, a file that cannot be written) is shown with its
 * reason and the dialog stays with what was typed.  Esc closes it with
 * nothing sent.  1 when the document went out.
 */
int	 ui_print(struct app *, const struct entity_def *, const char *doc);

/*
 * P on what is no document (a report's result): the same dialog without
 * a choice of form: PDF or text, to a printer, a file (NAME.pdf) or an
 * e-mail (the PDF attached).  render makes the bytes (text: 80-column
 * text, else PDF): 0 and *bytes (malloc'd) and *len, or an exit code and
 * *cause.  Nothing is remembered or archived.  1 when it went out.
 */
struct ui_print_job {
	const char	*name;		/* the file's: "sales" (sales.pdf) */
	const char	*title;		/* shown as the form: the report's */
	int		(*render)(void *arg, int text, char **bytes,
			    size_t *len, char **cause);
	void		*arg;
};
int	 ui_print_job(struct app *, const struct ui_print_job *);

/* The line of a screen's help for P (N_(): translate where shown). */
#define UI_PRINT_HELP	N_("print: the form, PDF or text, to a printer, " \
			    "a file or e-mail")

#endif
