#ifndef KONTOR_FORMS_SHEET_H
#define KONTOR_FORMS_SHEET_H

#include <stddef.h>

struct buf;

/*
 * A printable document laid out once, as a list of blocks (paragraphs,
 * gaps, rules, tables, page breaks), and rendered by either of two back
 * ends: sheet_text() for 80-column text, for dot-matrix printers and
 * less (text.c), and sheet_pdf() for A4 PDF (pdf.c: cairo and pango, in
 * the server). A form only builds the sheet; it never knows which back
 * end will draw it. All text is UTF-8 and copied on the way in.
 */
struct sheet;

enum sheet_align {
	SA_LEFT,
	SA_RIGHT,
	SA_CENTER
};

/* Styles, or'ed; each back end does what it can (the text form has no
 * bold, small or large type). */
#define SS_BOLD		0x01
#define SS_SMALL	0x02	/* fine print, captions under lines */
#define SS_LARGE	0x04	/* a document's title */
#define SS_BORDER	0x08	/* table: a grid around every cell */
#define SS_NOTEXT	0x10	/* block or row left out of the text form */
#define SS_NOPDF	0x20	/* block or row left out of the PDF */
#define SS_UNDERLINE	0x40	/* paragraph: a line to sign on */

/* A table's column. width: share of the line in the PDF, in per mille
 * of the printable width (the columns' widths should add up to 1000);
 * text_width: columns in the 80-column text, 0 leaves the column out of
 * the text form (a УПД has more columns than 80 characters hold). A cell
 * too long for its column wraps, by display width, never by bytes. */
struct sheet_col {
	const char		*head;		/* may hold '\n' */
	int			 width;
	int			 text_width;
	enum sheet_align	 align;
};

struct sheet	*sheet_new(const char *title, int landscape);
void		 sheet_free(struct sheet *);
const char	*sheet_title(const struct sheet *);
int		 sheet_landscape(const struct sheet *);
/* A form says what it is and how it lies on the page as it builds the
 * sheet it is given (a УПД is landscape; the title, "Счёт на оплату №
 * 45 от 01.12.2026", goes into the PDF's properties). */
void		 sheet_set_title(struct sheet *, const char *title);
void		 sheet_set_landscape(struct sheet *, int landscape);

/* A paragraph (wrapped to the line; '\n' breaks it). */
void	 sheet_para(struct sheet *, int style, enum sheet_align,
	     const char *text);
void	 sheet_paraf(struct sheet *, int style, enum sheet_align,
	     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Empty space of about one line. */
void	 sheet_gap(struct sheet *);
/* A horizontal line across the page. */
void	 sheet_rule(struct sheet *);
/* The next block starts a new page. */
void	 sheet_page_break(struct sheet *);
/*
 * The blocks from here to the end (a document's totals, its amount in
 * words, its signatures) stay together on one page of the PDF, with the
 * last line of the table before them: when they do not fit under it, that
 * line (and the table's totals rows after it) goes to the next page with
 * them, under the table's head, as 1C prints them, never the signatures
 * alone on a page.  Once per sheet, after the table's last row.  The text
 * form has no page length and ignores it.
 */
void	 sheet_keep_rest(struct sheet *);

/* A table: its columns (copied), then rows of ncols cells each (NULL or
 * "" for an empty cell). show_head: print the columns' heads as the
 * first row, repeated at the top of every page the table runs onto. */
void	 sheet_table(struct sheet *, int style, size_t ncols,
	     const struct sheet_col *, int show_head);
void	 sheet_row(struct sheet *, int style, const char *const *cells);
/* A row whose first cell spans span columns (a "Итого:" label over the
 * columns to its left); the remaining ncols - span + 1 cells follow. */
void	 sheet_row_span(struct sheet *, int style, size_t span,
	     const char *const *cells);

/*
 * The 80-column text (width columns, 80 unless a test asks otherwise):
 * UTF-8, lines ended by '\n', pages separated by '\f'. Padding and
 * wrapping count display width. The caller converts the encoding
 * (sheet_text_encode) when a printer wants cp866.
 */
void	 sheet_text(const struct sheet *, int width, struct buf *out);
/* UTF-8 text to encoding (e.g. "CP866"), « » and other characters the
 * encoding lacks replaced (« » by ", — by -, № by N); 0, or -1 and
 * *cause for an encoding iconv does not know. */
int	 sheet_text_encode(const char *utf8, size_t len, const char *encoding,
	     struct buf *out, char **cause);

/*
 * The PDF: A4 (landscape when the sheet says), DejaVu fonts, pages
 * numbered when more than one. The same sheet gives the same bytes:
 * nothing in the file depends on the time it was made (stamp, a date
 * YYYYMMDD or 0, goes into the file's creation date). Fonts are loaded
 * once per process and kept. 0, or -1 and *cause.
 */
int	 sheet_pdf(const struct sheet *, long stamp, struct buf *out,
	     char **cause);

#endif
