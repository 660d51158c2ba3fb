#ifndef KONTOR_FORMS_REPORT_H
#define KONTOR_FORMS_REPORT_H

#include <stddef.h>
#include <stdint.h>

struct sheet;

/*
 * A report's result as a printable sheet (kontor report -o FILE.pdf,
 * :rep's P): its title, the line of its parameters, the company's name
 * and the day it was printed over a table of its columns, a total row
 * (the report's own, a row whose first or second cell is the word of a
 * total) set in bold under a rule.  The PDF numbers its pages; a table
 * wider than a portrait page lies landscape.
 */
struct report_print {
	const char		*title;		/* the report's, translated */
	const char		*params;	/* "Period: ...; manager: ..." or
						   "" */
	const char		*company;	/* the company's name, or "" */
	const char		*printed;	/* the day printed, as shown */
	const char		*printed_label;	/* "Printed" (translated) */
	size_t			 ncols;
	const char *const	*labels;	/* headings, translated */
	/* report_def.text ("<N", ">N", "~N", "-"), or NULL: widths from
	 * the cells, numbers set right. */
	const char *const	*layout;
	/* report_def.kinds: figures ('m', 'q') set right, dates and text
	 * left; NULL: by the cells (figure()). */
	const char		*kinds;
	char *const *const	*rows;		/* nrows of ncols cells */
	size_t			 nrows;
	const char		*total;		/* the word of a total row
						   ("ИТОГО"), or NULL */
};

void	 report_sheet(struct sheet *, const struct report_print *);

#endif
