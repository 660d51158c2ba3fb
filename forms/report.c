/*
 * A report's result as a sheet (report.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "forms/report.h"
#include "forms/sheet.h"
#include "xmalloc.h"

#define COL_MIN		4	/* characters a column gets at least */
#define COL_MAX		40	/* and at most, when sized by its cells */
#define PORTRAIT_MAX	95	/* characters of a row a portrait A4 holds
				   at the body's size, with the cells'
				   padding */

/* Characters of UTF-8 s (a Cyrillic letter is one, as in the text). */
static int
chars(const char *s)
{
	int	 n = 0;

	for (; s != NULL && *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (n);
}

/* Whether s reads as a figure: digits, with spaces, a sign first, a
 * point or a comma, a per cent (a date, 2026-03-02, is no figure; one
 * for people, 02.03.2026, is told by the report's kinds). */
static int
figure(const char *s)
{
	const char	*p;
	int		 digits = 0;

	for (p = s; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if ((*p != '-' || p != s) && strchr(" .,%", *p) == NULL)
			return (0);
	}
	return (digits > 0);
}

static int
is_total(const struct report_print *p, char *const *row)
{
	if (p->total == NULL || *p->total == '\0')
		return (0);
	return (strcmp(row[0], p->total) == 0 ||
	    (p->ncols > 1 && strcmp(row[1], p->total) == 0));
}

void
report_sheet(struct sheet *s, const struct report_print *p)
{
	struct sheet_col	*cols;
	const char		*lay;
	char			*title, *cut;
	size_t			 i, j, ntext;
	int			*w, sum, left, numeric, n, v;

	cols = xcalloc(p->ncols + 1, sizeof *cols);
	w = xcalloc(p->ncols + 1, sizeof *w);
	sum = 0;
	ntext = 0;
	for (j = 0; j < p->ncols; j++) {
		lay = p->layout != NULL ? p->layout[j] : NULL;
		cols[j].head = p->labels[j];
		/* Sized by the longest cell, or the layout's N. */
		w[j] = chars(p->labels[j]);
		numeric = 1;
		n = 0;
		for (i = 0; i < p->nrows; i++) {
			if (chars(p->rows[i][j]) > w[j])
				w[j] = chars(p->rows[i][j]);
			if (*p->rows[i][j] == '\0' || is_total(p,
			    p->rows[i]))
				continue;
			n++;
			if (!figure(p->rows[i][j]))
				numeric = 0;
		}
		if (p->kinds != NULL && j < strlen(p->kinds))
			numeric = strchr("mq", p->kinds[j]) != NULL;
		if (w[j] > COL_MAX)
			w[j] = COL_MAX;
		if (lay != NULL && lay[0] != '-' && atoi(lay + 1) > 0) {
			if (chars(p->labels[j]) <= atoi(lay + 1) ||
			    w[j] > atoi(lay + 1))
				w[j] = atoi(lay + 1);
			cols[j].align = lay[0] == '>' ? SA_RIGHT : SA_LEFT;
			cols[j].text_width = w[j];
		} else if (lay != NULL && lay[0] == '-') {
			/* Left out of the text; in the PDF, by its cells. */
			cols[j].align = numeric && n > 0 ? SA_RIGHT : SA_LEFT;
			cols[j].text_width = 0;
		} else {
			/* No layout, or a sign without a width: by its
			 * cells. */
			cols[j].align = (numeric && n > 0) || (lay != NULL &&
			    lay[0] == '>') ? SA_RIGHT : SA_LEFT;
			cols[j].text_width = w[j];
		}
		if (w[j] < COL_MIN)
			w[j] = COL_MIN;
		if (cols[j].text_width > 0 && cols[j].text_width < COL_MIN)
			cols[j].text_width = COL_MIN;
		if (cols[j].text_width > 0)
			ntext++;
		sum += w[j] + 2;
	}
	sheet_set_landscape(s, sum > PORTRAIT_MAX);
	/* Shares of the line, per mille, the last taking what is left. */
	left = 1000;
	for (j = 0; j < p->ncols; j++) {
		cols[j].width = j + 1 == p->ncols ? left :
		    (w[j] + 2) * 1000 / sum;
		left -= cols[j].width;
	}
	if (ntext == 0)		/* a text form of nothing helps nobody */
		for (j = 0; j < p->ncols; j++)
			cols[j].text_width = w[j];

	/* The title without the options --list shows after it. */
	title = xstrdup(p->title);
	if ((cut = strstr(title, " (--")) != NULL)
		*cut = '\0';
	sheet_set_title(s, title);
	sheet_para(s, SS_LARGE | SS_BOLD, SA_LEFT, title);
	free(title);
	if (p->params != NULL && *p->params != '\0')
		sheet_para(s, 0, SA_LEFT, p->params);
	sheet_paraf(s, SS_SMALL, SA_LEFT, "%s%s%s: %s",
	    p->company != NULL ? p->company : "",
	    p->company != NULL && *p->company != '\0' ? ". " : "",
	    p->printed_label, p->printed);
	sheet_gap(s);
	/* The PDF's table in a grid; the text's without one, which 80
	 * columns cannot spare. */
	for (v = 0; v < 2; v++) {
		sheet_table(s, v == 0 ? SS_BORDER | SS_NOTEXT : SS_NOPDF,
		    p->ncols, cols, 1);
		for (i = 0; i < p->nrows; i++)
			sheet_row(s, is_total(p, p->rows[i]) ? SS_BOLD : 0,
			    (const char *const *)p->rows[i]);
	}
	free(w);
	free(cols);
}
