/*
 * The sheet as an A4 PDF: pango lays the text out (DejaVu Sans through
 * fontconfig), cairo draws it into a PDF surface written to a buffer.
 *
 * Two passes: the first lays every block out into a plan (what goes on
 * which page, where), the second draws the plan; so the number of pages
 * is known before the first page is drawn ("Страница 1 из 3"), and each
 * piece of text is shaped once.
 *
 * Same sheet, same bytes: the file's dates come from the stamp, the
 * language of the text is fixed (not the process's locale), and nothing
 * else cairo writes depends on the time or on addresses (tests/forms/
 * test_pdf.c compares two renders, and two processes' renders).
 *
 * Fonts: a pango font map holds the fonts it has loaded, and is not safe
 * to use from two threads at once.  The server renders in its
 * connections' threads, which live as long as a connection; so the maps
 * are kept in a pool: a render takes one (or makes one, when all are in
 * use), and gives it back when done.  A process thus loads the fonts
 * once per render running at the same time, and keeps them.
 *
 * This file is built into a module of its own, kontor-pdf.so (with its own
 * copies of xmalloc.c and log.c, all hidden but the two symbols of
 * pdf-module.h): the forty libraries cairo and pango bring are loaded by a
 * process that renders a PDF, not by every kontor command.  pdf-load.c
 * loads it and gives sheet_pdf().
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "forms/pdf-module.h"
#include "forms/sheet-int.h"
#include "i18n.h"
#include "xmalloc.h"

/* Geometry, in PostScript points (1/72 inch). */
#define PT_PER_MM	(72.0 / 25.4)
#define A4_SHORT	(210.0 * PT_PER_MM)
#define A4_LONG		(297.0 * PT_PER_MM)
#define MARGIN_LEFT	(15.0 * PT_PER_MM)	/* 1C prints 10-15 mm */
#define MARGIN_RIGHT	(10.0 * PT_PER_MM)
#define MARGIN_TOP	(10.0 * PT_PER_MM)
#define MARGIN_BOTTOM	(10.0 * PT_PER_MM)
#define FOOTER		12.0	/* the page number's band, kept always */

#define FONT_FAMILY	"DejaVu Sans"
#define SIZE_BODY	9.0
#define SIZE_SMALL	7.0
#define SIZE_LARGE	13.0

#define LINE_WIDTH	0.5	/* the grid, rules, signature lines */
#define CELL_PAD_X	2.0
#define CELL_PAD_Y	1.5
#define PARA_SPACE	1.5	/* after a paragraph */
#define RULE_SPACE	3.0	/* above and below a rule */
#define SIGN_GAP	4.0	/* between a label and its line */
#define CELL_SHRINK	2.0	/* points a cell's type may lose */

#define POOL_MAX	16	/* font maps kept for later renders */

enum op_kind {
	OP_LAYOUT,	/* a whole layout, its top left at x, y */
	OP_LINE_TEXT,	/* one line of a layout, its baseline at x, y */
	OP_LINE		/* a line from x, y to x1, y1 */
};

struct op {
	enum op_kind	 kind;
	int		 page;
	double		 x, y, x1, y1;
	PangoLayout	*layout;	/* borrowed from the plan */
	int		 line;
};

struct plan {
	PangoContext	*pc;
	double		 page_w, page_h;
	double		 left, right;	/* printable x range */
	double		 top, bottom;	/* printable y range */
	double		 y;		/* where the next block goes */
	int		 page;		/* the current page, from 0 */
	int		 page_used;	/* something is on it */
	double		 line;		/* a gap: a line of body text */
	int		 measuring;	/* a trial on an endless page */

	struct op	*ops;
	size_t		 nops, opscap;
	PangoLayout	**layouts;	/* owned */
	size_t		 nlayouts, layoutscap;
};

static void	plan_blocks(struct plan *, const struct sheet *, size_t);

static pthread_mutex_t	 pool_lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap	*pool[POOL_MAX];
static int		 pool_n;

/*
 * A font map for this render: one from the pool, or a new one checked
 * for DejaVu Sans.  NULL and *cause when fontconfig has no DejaVu Sans
 * (it would put another font in its place without a word).
 */
static PangoFontMap *
fontmap_get(char **cause)
{
	PangoFontMap		*fm = NULL;
	PangoContext		*pc;
	PangoFontDescription	*fd, *got;
	PangoFont		*font;
	const char		*family;

	pthread_mutex_lock(&pool_lock);
	if (pool_n > 0)
		fm = pool[--pool_n];
	pthread_mutex_unlock(&pool_lock);
	if (fm != NULL)
		return (fm);

	fm = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72.0);
	pc = pango_font_map_create_context(fm);
	fd = pango_font_description_from_string(FONT_FAMILY);
	pango_font_description_set_size(fd, SIZE_BODY * PANGO_SCALE);
	font = pango_font_map_load_font(fm, pc, fd);
	pango_font_description_free(fd);
	g_object_unref(pc);
	if (font == NULL) {
		g_object_unref(fm);
		xasprintf(cause, _("no font found for the PDF: install the "
		    "Debian package fonts-dejavu-core"));
		return (NULL);
	}
	got = pango_font_describe(font);
	g_object_unref(font);
	family = pango_font_description_get_family(got);
	if (family == NULL || strcasecmp(family, FONT_FAMILY) != 0) {
		xasprintf(cause, _("the font DejaVu Sans is not installed "
		    "(fontconfig offers %s instead): install the Debian "
		    "package fonts-dejavu-core"),
		    family != NULL ? family : "?");	/* i18n: no */
		pango_font_description_free(got);
		g_object_unref(fm);
		return (NULL);
	}
	pango_font_description_free(got);
	return (fm);
}

/* The font map back to the pool, or freed when the pool is full. */
static void
fontmap_put(PangoFontMap *fm)
{
	pthread_mutex_lock(&pool_lock);
	if (pool_n < POOL_MAX) {
		pool[pool_n++] = fm;
		fm = NULL;
	}
	pthread_mutex_unlock(&pool_lock);
	if (fm != NULL)
		g_object_unref(fm);
}

/* The context a render lays its text out in: points, no hinting (a
 * PDF is scaled by whoever shows it), Russian (not the locale's
 * language: the same bytes in every process). */
static PangoContext *
context_new(PangoFontMap *fm)
{
	PangoContext		*pc;
	cairo_font_options_t	*fo;

	pc = pango_font_map_create_context(fm);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(pc, 72.0);
	pango_context_set_round_glyph_positions(pc, FALSE);
	pango_context_set_language(pc, pango_language_from_string("ru"));
	pango_context_set_base_dir(pc, PANGO_DIRECTION_LTR);
	return (pc);
}

/* --- the plan ------------------------------------------------------------ */

static struct op *
op_add(struct plan *p, enum op_kind kind)
{
	struct op	*o;

	if (p->nops == p->opscap) {
		p->opscap = p->opscap == 0 ? 256 : p->opscap * 2;
		p->ops = xreallocarray(p->ops, p->opscap, sizeof *p->ops);
	}
	o = &p->ops[p->nops++];
	memset(o, 0, sizeof *o);
	o->kind = kind;
	o->page = p->page;
	p->page_used = 1;
	return (o);
}

static void
plan_line(struct plan *p, double x0, double y0, double x1, double y1)
{
	struct op	*o;

	o = op_add(p, OP_LINE);
	o->x = x0;
	o->y = y0;
	o->x1 = x1;
	o->y1 = y1;
}

static void
plan_new_page(struct plan *p)
{
	p->page++;
	p->page_used = 0;
	p->y = p->top;
}

/* A layout the plan frees when done. */
static void
plan_keep(struct plan *p, PangoLayout *l)
{
	if (p->nlayouts == p->layoutscap) {
		p->layoutscap = p->layoutscap == 0 ? 256 :
		    p->layoutscap * 2;
		p->layouts = xreallocarray(p->layouts, p->layoutscap,
		    sizeof *p->layouts);
	}
	p->layouts[p->nlayouts++] = l;
}

static double
style_size(int style)
{
	if (style & SS_LARGE)
		return (SIZE_LARGE);
	if (style & SS_SMALL)
		return (SIZE_SMALL);
	return (SIZE_BODY);
}

/*
 * A layout of text in the font of size points (bold or not), width
 * points wide (0: unbounded) wrapped by wrap, aligned; kept by the plan
 * unless keep is 0 (the caller unrefs it).
 */
static PangoLayout *
layout_new(struct plan *p, const char *text, double size, int bold,
    enum sheet_align align, double width, PangoWrapMode wrap, int keep)
{
	PangoLayout		*l;
	PangoFontDescription	*fd;
	char			*valid = NULL;

	l = pango_layout_new(p->pc);
	fd = pango_font_description_new();
	pango_font_description_set_family_static(fd, FONT_FAMILY);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, wrap);
	}
	switch (align) {
	case SA_RIGHT:
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		break;
	case SA_CENTER:
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
		break;
	default:
		pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
		break;
	}
	/* A form's text is UTF-8; a bad byte shows as U+FFFD rather than
	 * a warning on the server's stderr. */
	if (!g_utf8_validate(text, -1, NULL))
		text = valid = g_utf8_make_valid(text, -1);
	pango_layout_set_text(l, text, -1);
	g_free(valid);

	if (keep)
		plan_keep(p, l);
	return (l);
}

/* A layout of text in style's font (bold for SS_BOLD and SS_LARGE),
 * wrapped at words to width (within a word too long for the line). */
static PangoLayout *
plan_layout(struct plan *p, const char *text, int style,
    enum sheet_align align, double width)
{
	return (layout_new(p, text, style_size(style),
	    (style & (SS_BOLD | SS_LARGE)) != 0, align, width,
	    PANGO_WRAP_WORD_CHAR, 1));
}

static double
layout_height(PangoLayout *l)
{
	int	 w, h;

	pango_layout_get_size(l, &w, &h);
	return ((double)h / PANGO_SCALE);
}

/* The widest line of a layout, in points. */
static double
layout_width(PangoLayout *l)
{
	PangoRectangle	 r;

	pango_layout_get_extents(l, NULL, &r);
	return ((double)r.width / PANGO_SCALE);
}

/*
 * A table's cell: wrapped at words; when a word (a number, a long word
 * of a narrow column's head) is wider than the cell, the type is made
 * smaller, half a point at a time from size down to min, so that
 * "Количество" or "1 234 567,89" is not cut in two; only what does not
 * fit even then is broken within the word.  The size used into *used.
 */
static PangoLayout *
cell_layout(struct plan *p, const char *text, int bold,
    enum sheet_align align, double width, double size, double min,
    double *used)
{
	PangoLayout	*l;

	for (;;) {
		l = layout_new(p, text, size, bold, align, width,
		    PANGO_WRAP_WORD, 0);
		if (layout_width(l) <= width + 0.01 || size - 0.5 < min)
			break;
		g_object_unref(l);
		size -= 0.5;
	}
	if (layout_width(l) > width + 0.01)
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	plan_keep(p, l);
	*used = size;
	return (l);
}

/*
 * A paragraph: its lines placed one by one, so that a long one (a
 * contract's clause) runs on over the page's end.  A signature line
 * (SS_UNDERLINE): the text, and a line to sign on after it (left
 * aligned), before it (right aligned), or under it across the width
 * (centred: a name written on the line, its caption below).
 */
static void
plan_para(struct plan *p, const struct sheet_block *b)
{
	PangoLayout		*l;
	PangoLayoutIter		*it;
	PangoRectangle		 lr;
	struct op		*o;
	double			 width, y0, top, bottom, base, tw;
	int			 i, under;

	width = p->right - p->left;
	under = (b->style & SS_UNDERLINE) != 0;
	l = plan_layout(p, b->text, b->style, b->align, width);
	it = pango_layout_get_iter(l);
	y0 = p->y;		/* the layout's top on this page */
	i = 0;
	base = p->y;
	do {
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		top = y0 + (double)lr.y / PANGO_SCALE;
		bottom = top + (double)lr.height / PANGO_SCALE;
		if (bottom > p->bottom && p->page_used && top > p->top) {
			plan_new_page(p);
			y0 = p->top - (double)lr.y / PANGO_SCALE;
			top = p->top;
			bottom = top + (double)lr.height / PANGO_SCALE;
		}
		base = y0 + (double)pango_layout_iter_get_baseline(it) /
		    PANGO_SCALE;
		o = op_add(p, OP_LINE_TEXT);
		o->layout = l;
		o->line = i++;
		o->x = p->left + (double)lr.x / PANGO_SCALE;
		o->y = base;
		p->y = bottom;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);

	if (under) {
		tw = b->text[0] != '\0' ? layout_width(l) : 0;
		base += 1.5;
		switch (b->align) {
		case SA_LEFT:
			plan_line(p, p->left + (tw > 0 ? tw + SIGN_GAP : 0),
			    base, p->right, base);
			break;
		case SA_RIGHT:
			plan_line(p, p->left, base,
			    p->right - (tw > 0 ? tw + SIGN_GAP : 0), base);
			break;
		case SA_CENTER:
			plan_line(p, p->left, base, p->right, base);
			break;
		}
		if (p->y < base + LINE_WIDTH)
			p->y = base + LINE_WIDTH;
	}
	p->y += PARA_SPACE;
}

static void
plan_gap(struct plan *p, double line)
{
	if (!p->page_used)
		return;		/* a page starts at its top */
	p->y += line;
	if (p->y > p->bottom)
		plan_new_page(p);
}

static void
plan_rule(struct plan *p)
{
	if (p->y + 2 * RULE_SPACE > p->bottom)
		plan_new_page(p);
	p->y += RULE_SPACE;
	plan_line(p, p->left, p->y, p->right, p->y);
	p->y += RULE_SPACE;
}

/* --- tables ---------------------------------------------------------------- */

/* A row laid out: its cells' layouts, x and widths, and its height. */
struct prow {
	size_t		 n;
	PangoLayout	**cell;
	double		*x, *w;
	double		 height;
	int		 head;
};

static void
prow_free(struct prow *r)
{
	free(r->cell);
	free(r->x);
	free(r->w);
	memset(r, 0, sizeof *r);
}

/*
 * Lay out a row of n cells; cell i covers the columns from col[i] to
 * col[i + 1] (edges in points).  The head is bold and centred, all its
 * cells in one size (the smallest any of them needed); the first cell of
 * a spanned row is a label, right aligned against the cells it sums
 * (left, when it takes the whole width).
 */
static void
prow_layout(struct plan *p, struct prow *r, const struct sheet_block *b,
    const double *edge, size_t span, char *const *cells, size_t n,
    int style, int head)
{
	enum sheet_align	*align;
	size_t			 i, c0, c1;
	double			*inner, h, size, used, least;
	int			 bold;

	r->n = n;
	r->head = head;
	r->cell = xcalloc(n, sizeof *r->cell);
	r->x = xcalloc(n, sizeof *r->x);
	r->w = xcalloc(n, sizeof *r->w);
	align = xcalloc(n, sizeof *align);
	inner = xcalloc(n, sizeof *inner);
	size = style_size(style);
	bold = head || (style & (SS_BOLD | SS_LARGE)) != 0;
	least = size;
	for (i = 0; i < n; i++) {
		c0 = i == 0 ? 0 : i + span - 1;
		c1 = i == 0 ? span : c0 + 1;
		r->x[i] = edge[c0];
		r->w[i] = edge[c1] - edge[c0];
		if (head)
			align[i] = SA_CENTER;
		else if (i == 0 && span > 1)
			align[i] = span < b->ncols ? SA_RIGHT : SA_LEFT;
		else
			align[i] = b->cols[c0].align;
		inner[i] = r->w[i] - 2 * CELL_PAD_X;
		if (inner[i] < 1)
			inner[i] = 1;
		r->cell[i] = cell_layout(p, cells[i], bold, align[i],
		    inner[i], size, size - CELL_SHRINK, &used);
		if (used < least)
			least = used;
	}
	if (head && least < size) {
		for (i = 0; i < n; i++)
			r->cell[i] = cell_layout(p, cells[i], bold, align[i],
			    inner[i], least, least, &used);
	}
	r->height = 0;
	for (i = 0; i < n; i++) {
		h = layout_height(r->cell[i]) + 2 * CELL_PAD_Y;
		if (h > r->height)
			r->height = h;
	}
	free(align);
	free(inner);
}

/*
 * The row at p->y: its cells (the head's centred in the row's height,
 * others at the top), and, when bordered, the line above it and those
 * between its cells; the line under the last row of a page is drawn by
 * table_close().
 */
static void
prow_place(struct plan *p, const struct prow *r, int border)
{
	struct op	*o;
	size_t		 i;
	double		 y, h, x1;

	y = p->y;
	for (i = 0; i < r->n; i++) {
		o = op_add(p, OP_LAYOUT);
		o->layout = r->cell[i];
		o->x = r->x[i] + CELL_PAD_X;
		o->y = y + CELL_PAD_Y;
		if (r->head) {
			h = layout_height(r->cell[i]) + 2 * CELL_PAD_Y;
			o->y += (r->height - h) / 2;
		}
	}
	if (border) {
		x1 = r->x[r->n - 1] + r->w[r->n - 1];
		plan_line(p, r->x[0], y, x1, y);
		for (i = 0; i < r->n; i++)
			plan_line(p, r->x[i], y, r->x[i], y + r->height);
		plan_line(p, x1, y, x1, y + r->height);
	}
	p->page_used = 1;
	p->y += r->height;
}

/* The line under a table's last row on this page. */
static void
table_close(struct plan *p, const double *edge, size_t ncols, int border,
    int open)
{
	if (border && open)
		plan_line(p, edge[0], p->y, edge[ncols], p->y);
}

/* The height of rows from..nrows-1 laid out (the tail a kept group
 * takes along). */
static double
tail_height(struct plan *p, const struct sheet_block *b, const double *edge,
    size_t from)
{
	struct prow	 row;
	double		 h = 0;
	size_t		 i;

	for (i = from; i < b->nrows; i++) {
		if (b->rows[i].style & SS_NOPDF)
			continue;
		prow_layout(p, &row, b, edge, b->rows[i].span,
		    b->rows[i].cells, b->rows[i].ncells,
		    b->style | b->rows[i].style, 0);
		h += row.height;
		prow_free(&row);
	}
	return (h);
}

/*
 * A table: column widths from the per mille shares (scaled down when
 * they add up to more than the line), a row as high as its tallest cell;
 * a row that does not fit goes to the next page, under the head again.
 * keep >= 0: the blocks after the table stay with it (sheet_keep_rest())
 * and are keep points high: when the table's last line, with the totals
 * rows after it, and they do not fit on this page, that line starts the
 * next one (under the head), so that they are never alone there.
 */
static void
plan_table(struct plan *p, const struct sheet_block *b, double keep)
{
	struct prow	 head, row;
	double		*edge, width, scale, tail;
	char		**heads;
	long		 sum;
	size_t		 i, carry;
	int		 border, have_head, fresh, open;

	if (b->ncols == 0)
		return;
	width = p->right - p->left;
	sum = 0;
	for (i = 0; i < b->ncols; i++)
		sum += b->cols[i].width > 0 ? b->cols[i].width : 0;
	scale = sum > 1000 ? 1000.0 / (double)sum : 1.0;
	if (sum == 0)
		scale = 0;
	edge = xcalloc(b->ncols + 1, sizeof *edge);
	edge[0] = p->left;
	for (i = 0; i < b->ncols; i++) {
		if (scale == 0)
			edge[i + 1] = edge[i] + width / (double)b->ncols;
		else
			edge[i + 1] = edge[i] + width * scale *
			    (b->cols[i].width > 0 ? b->cols[i].width : 0) /
			    1000.0;
	}
	border = (b->style & SS_BORDER) != 0;

	memset(&head, 0, sizeof head);
	have_head = b->show_head;
	if (have_head) {
		heads = xcalloc(b->ncols, sizeof *heads);
		for (i = 0; i < b->ncols; i++)
			heads[i] = (char *)b->cols[i].head;
		prow_layout(p, &head, b, edge, 1, heads, b->ncols,
		    b->style, 1);
		free(heads);
	}

	/* The row carried with what is kept: the last line (a row of one
	 * cell per column; the totals rows after it span some). */
	carry = b->nrows;
	for (i = b->nrows; keep >= 0 && i-- > 0;)
		if (!(b->rows[i].style & SS_NOPDF) && b->rows[i].span <= 1) {
			carry = i;
			break;
		}

	/* The head with no row under it is no use at a page's foot. */
	fresh = 1;
	open = 0;
	for (i = 0; i < b->nrows; i++) {
		if (b->rows[i].style & SS_NOPDF)
			continue;
		if (i == carry && p->page_used) {
			tail = tail_height(p, b, edge, carry) + keep;
			/* Only when they would fit on the next page. */
			if (p->y + tail > p->bottom && p->top + tail +
			    (have_head ? head.height : 0) <= p->bottom) {
				table_close(p, edge, b->ncols, border, open);
				plan_new_page(p);
				fresh = 1;
				open = 0;
			}
		}
		prow_layout(p, &row, b, edge, b->rows[i].span,
		    b->rows[i].cells, b->rows[i].ncells,
		    b->style | b->rows[i].style, 0);
		if (fresh || p->y + row.height > p->bottom) {
			if (p->y + row.height +
			    (have_head ? head.height : 0) > p->bottom &&
			    p->page_used) {
				table_close(p, edge, b->ncols, border, open);
				plan_new_page(p);
			}
			if (have_head)
				prow_place(p, &head, border);
			fresh = 0;
		}
		prow_place(p, &row, border);
		open = 1;
		prow_free(&row);
	}
	if (fresh && have_head) {	/* no rows: the head alone */
		if (p->y + head.height > p->bottom && p->page_used)
			plan_new_page(p);
		prow_place(p, &head, border);
		open = 1;
	}
	table_close(p, edge, b->ncols, border, open);
	prow_free(&head);
	free(edge);
	p->y += PARA_SPACE;
}

static void
plan_free(struct plan *p)
{
	size_t	 i;

	for (i = 0; i < p->nlayouts; i++)
		g_object_unref(p->layouts[i]);
	free(p->layouts);
	free(p->ops);
}

/* How high the blocks from from to the end are, laid out on a page with
 * no end (a trial plan of the same width, thrown away). */
static double
plan_measure(const struct plan *p, const struct sheet *s, size_t from)
{
	struct plan	 q;

	memset(&q, 0, sizeof q);
	q.pc = p->pc;
	q.page_w = p->page_w;
	q.page_h = p->page_h;
	q.left = p->left;
	q.right = p->right;
	q.line = p->line;
	q.top = q.y = 0;
	q.bottom = 1e9;
	q.page_used = 1;	/* a gap at its top counts */
	q.measuring = 1;
	plan_blocks(&q, s, from);
	plan_free(&q);
	return (q.y);
}

/* The first block from i on that the PDF shows; nblocks if none. */
static size_t
pdf_next(const struct sheet *s, size_t i)
{
	while (i < s->nblocks && (s->blocks[i].style & SS_NOPDF))
		i++;
	return (i);
}

/* Lay the blocks from from to the end out into the plan. */
static void
plan_blocks(struct plan *p, const struct sheet *s, size_t from)
{
	const struct sheet_block	*b;
	double				 keep;
	size_t				 i;
	int				 kept = p->measuring || !s->keep;

	for (i = from; i < s->nblocks; i++) {
		b = &s->blocks[i];
		if (b->style & SS_NOPDF)
			continue;
		/* The kept blocks start a page of their own when they do
		 * not fit on this one and would on the next (after a table,
		 * they have taken its last line along already). */
		if (!kept && i >= s->keep_from) {
			kept = 1;
			keep = plan_measure(p, s, i);
			if (p->page_used && p->y + keep > p->bottom &&
			    p->top + keep <= p->bottom)
				plan_new_page(p);
		}
		switch (b->kind) {
		case BK_PARA:
			plan_para(p, b);
			break;
		case BK_GAP:
			plan_gap(p, p->line);
			break;
		case BK_RULE:
			plan_rule(p);
			break;
		case BK_BREAK:
			if (p->page_used)
				plan_new_page(p);
			break;
		case BK_TABLE:
			keep = -1;
			if (!kept && pdf_next(s, i + 1) >= s->keep_from &&
			    pdf_next(s, s->keep_from) < s->nblocks)
				keep = plan_measure(p, s, s->keep_from);
			plan_table(p, b, keep);
			break;
		}
	}
}

/* --- drawing ----------------------------------------------------------------- */

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return (CAIRO_STATUS_SUCCESS);
}

/* "Страница N из M" at the foot of the page, right aligned.  The forms
 * are Russian documents whatever the language of the session. */
static void
draw_page_number(cairo_t *cr, struct plan *p, int page, int npages)
{
	PangoLayout	*l;
	char		*text;

	xasprintf(&text, "Страница %d из %d", page + 1,	/* i18n: no */
	    npages);
	l = plan_layout(p, text, SS_SMALL, SA_RIGHT, p->right - p->left);
	free(text);
	cairo_move_to(cr, p->left, p->bottom + FOOTER -
	    layout_height(l));
	pango_cairo_show_layout(cr, l);
}

/* The version the module was built from: pdf-load.c takes this module
 * only when it matches its own. */
const char	kontor_pdf_version[] = PACKAGE_VERSION;

/* sheet_pdf() (sheet.h), called through pdf-load.c. */
int
kontor_pdf_render(const struct sheet *s, long stamp, struct buf *out,
    char **cause)
{
	PangoFontMap		*fm;
	struct plan		 p;
	const struct op		*o;
	cairo_surface_t		*surf;
	cairo_t			*cr;
	cairo_status_t		 st;
	PangoLayout		*gl;
	char			 date[32];
	size_t			 i, first, last;
	long			 y, m, d;
	int			 npages, page;

	if ((fm = fontmap_get(cause)) == NULL)
		return (-1);
	memset(&p, 0, sizeof p);
	p.pc = context_new(fm);
	p.page_w = s->landscape ? A4_LONG : A4_SHORT;
	p.page_h = s->landscape ? A4_SHORT : A4_LONG;
	p.left = MARGIN_LEFT;
	p.right = p.page_w - MARGIN_RIGHT;
	p.top = MARGIN_TOP;
	p.bottom = p.page_h - MARGIN_BOTTOM - FOOTER;
	p.y = p.top;

	/* A gap is a line of body text high. */
	gl = plan_layout(&p, "Ж", 0, SA_LEFT, 0);
	p.line = layout_height(gl);

	plan_blocks(&p, s, 0);
	npages = p.page + (p.page_used || p.page == 0 ? 1 : 0);

	surf = cairo_pdf_surface_create_for_stream(write_buf, out, p.page_w,
	    p.page_h);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE,
	    s->title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR,
	    "kontor");						/* i18n: no */
	/* The dates from the stamp (a document's date), never the clock;
	 * without a stamp (or with a wrong one) no date at all: cairo
	 * leaves it out when it is "", and writes the time otherwise. */
	y = stamp / 10000;
	m = stamp / 100 % 100;
	d = stamp % 100;
	if (y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		snprintf(date, sizeof date, "%04ld-%02ld-%02ldT00:00:00Z",
		    y, m, d);
	else
		date[0] = '\0';
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE,
	    date);
	if (date[0] != '\0')
		cairo_pdf_surface_set_metadata(surf,
		    CAIRO_PDF_METADATA_MOD_DATE, date);
	cr = cairo_create(surf);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, LINE_WIDTH);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);

	/* Page by page: the text, then every line of the page as one
	 * path, stroked once (cairo's PDF surface tracks each drawing
	 * operation's extents, at a cost that grows with their number). */
	first = 0;
	for (page = 0; page < npages; page++) {
		for (last = first; last < p.nops && p.ops[last].page == page;
		    last++) {
			o = &p.ops[last];
			switch (o->kind) {
			case OP_LAYOUT:
				cairo_move_to(cr, o->x, o->y);
				pango_cairo_show_layout(cr, o->layout);
				break;
			case OP_LINE_TEXT:
				cairo_move_to(cr, o->x, o->y);
				pango_cairo_show_layout_line(cr,
				    pango_layout_get_line_readonly(o->layout,
				    o->line));
				break;
			case OP_LINE:
				break;
			}
		}
		if (npages > 1)
			draw_page_number(cr, &p, page, npages);
		cairo_new_path(cr);
		for (i = first; i < last; i++) {
			o = &p.ops[i];
			if (o->kind != OP_LINE)
				continue;
			cairo_move_to(cr, o->x, o->y);
			cairo_line_to(cr, o->x1, o->y1);
		}
		cairo_stroke(cr);
		cairo_show_page(cr);
		first = last;
	}
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);

	plan_free(&p);
	g_object_unref(p.pc);
	fontmap_put(fm);
	if (st != CAIRO_STATUS_SUCCESS) {
		xasprintf(cause, _("cannot make the PDF: %s"),
		    cairo_status_to_string(st));
		return (-1);
	}
	return (0);
}
