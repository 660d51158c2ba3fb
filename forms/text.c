/*
 * The text back end: a sheet laid out for width columns (80: dot-matrix
 * printers and less), UTF-8, padded and wrapped by display width
 * (src/width.h), never by bytes.  Grids are drawn with '+', '-' and '|',
 * which every printer's character set has (cp866 too).
 *
 * A table's column takes text_width columns of text for its contents; a
 * grid (SS_BORDER) adds "| " before each cell, " " after it and a last
 * "|": sum(text_width) + 3 x columns + 1 in all.  Without a grid the
 * cells are one space apart.  A table wider than the line gives a column
 * from its widest one at a time until it fits.
 *
 * Lines carry no trailing spaces; pages are separated by '\f'.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forms/sheet-int.h"
#include "i18n.h"
#include "width.h"
#include "xmalloc.h"

struct lines {
	char	**v;
	size_t	  n;
};

static void
lines_add(struct lines *l, const char *s, size_t n)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrndup(s, n);
}

static void
lines_free(struct lines *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Whether a character must not reach a printer as it is: controls, the
 * bidi overrides, and what was no UTF-8. */
static int
unsafe(uint32_t c)
{
	return (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0xfffd);
}

/* Append n bytes of s, an unsafe character as '?' (of the same width:
 * one column). */
static void
put(struct buf *b, const char *s, size_t n)
{
	const char	*end = s + n;
	uint32_t	 c;
	size_t		 k;

	while (s < end && *s != '\0') {
		k = width_next(s, &c);
		if (unsafe(c))
			buf_addc(b, '?');
		else
			buf_add(b, s, k);
		s += k;
	}
}

static void
pad(struct buf *b, int n)
{
	for (; n > 0; n--)
		buf_addc(b, ' ');
}

static void
repeat(struct buf *b, char ch, int n)
{
	for (; n > 0; n--)
		buf_addc(b, ch);
}

/* The line built so far goes out, without trailing spaces. */
static void
emit(struct buf *out, struct buf *line)
{
	size_t	 n = line->len;

	while (n > 0 && line->data[n - 1] == ' ')
		n--;
	if (n > 0)
		buf_add(out, line->data, n);
	buf_addc(out, '\n');
	line->len = 0;
	if (line->data != NULL)
		line->data[0] = '\0';
}

/*
 * Break one line of text (no '\n') to width columns: at the last space
 * that lets the part fit, or after a hyphen, else inside a word too long
 * for a line.  A continued line starts at its first non-space; the first
 * keeps its indent.
 */
static void
wrap_line(const char *s, size_t len, int width, struct lines *out)
{
	char		*t = xstrndup(s, len), *p = t;
	const char	*q;
	size_t		 fit, brk, k, end;
	uint32_t	 c;
	int		 first = 1;

	if (width < 1)
		width = 1;
	if (*p == '\0')
		lines_add(out, "", 0);
	while (*p != '\0') {
		if (!first)
			while (*p == ' ')
				p++;
		if (*p == '\0')
			break;
		first = 0;
		if (width_str(p) <= width) {
			lines_add(out, p, strlen(p));
			break;
		}
		fit = width_fit(p, width);
		if (fit == 0) {
			/* One character wider than the column. */
			fit = width_next(p, &c);
			while (p[fit] != '\0' &&
			    (k = width_next(p + fit, &c), width_cp(c) == 0))
				fit += k;
		}
		brk = 0;
		if (p[fit] == ' ')
			brk = fit;
		else
			for (q = p + fit; q > p; q--) {
				if (q[-1] == ' ') {
					brk = (size_t)(q - 1 - p);
					break;
				}
				if (q[-1] == '-' && q - 1 > p &&
				    q[-2] != ' ') {
					brk = (size_t)(q - p);
					break;
				}
			}
		/* A break among the indent's spaces only is none. */
		for (k = 0; k < brk && p[k] == ' '; k++)
			;
		if (k == brk)
			brk = 0;
		if (brk == 0)
			brk = fit;
		for (end = brk; end > 0 && p[end - 1] == ' '; end--)
			;
		lines_add(out, p, end);
		p += brk;
	}
	free(t);
}

/* Text to lines of at most width columns; '\n' breaks it. */
static void
wrap(const char *text, int width, struct lines *out)
{
	const char	*nl;

	for (;;) {
		nl = strchr(text, '\n');
		if (nl == NULL) {
			wrap_line(text, strlen(text), width, out);
			return;
		}
		wrap_line(text, (size_t)(nl - text), width, out);
		text = nl + 1;
	}
}

/* s in width columns, aligned; trail: pad to the full width. */
static void
aligned(struct buf *b, const char *s, int width, enum sheet_align a,
    int trail)
{
	size_t	 n = width_fit(s, width);
	int	 w = width_n(s, n), left = 0;

	if (a == SA_RIGHT)
		left = width - w;
	else if (a == SA_CENTER)
		left = (width - w) / 2;
	pad(b, left);
	put(b, s, n);
	if (trail)
		pad(b, width - w - left);
}

static void
text_para(const struct sheet_block *b, int width, struct buf *out,
    struct buf *line)
{
	struct lines	 l;
	size_t		 i;

	int		 w, left;

	memset(&l, 0, sizeof l);
	wrap(b->text, width, &l);
	for (i = 0; i < l.n; i++) {
		if (!(b->style & SS_UNDERLINE) || i + 1 < l.n) {
			aligned(line, l.v[i], width, b->align, 0);
			emit(out, line);
			continue;
		}
		/* A line to sign on, as the PDF draws it: after the text
		 * (left), before it (right), or under it (centred: the
		 * text written on the line). */
		w = width_str(l.v[i]);
		switch (b->align) {
		case SA_LEFT:
			put(line, l.v[i], strlen(l.v[i]));
			if (w > 0)
				buf_addc(line, ' ');
			repeat(line, '_', width - w - (w > 0));
			break;
		case SA_RIGHT:
			repeat(line, '_', width - w - (w > 0));
			if (w > 0)
				buf_addc(line, ' ');
			put(line, l.v[i], strlen(l.v[i]));
			break;
		case SA_CENTER:
			left = (width - w) / 2;
			repeat(line, '_', left);
			put(line, l.v[i], strlen(l.v[i]));
			repeat(line, '_', width - w - left);
			break;
		}
		emit(out, line);
	}
	lines_free(&l);
}

/* --- tables ------------------------------------------------------------ */

struct ttab {
	const struct sheet_block *b;
	int		 border;
	int		*w;		/* per column; 0: not in the text */
	int		 total;
};

/* The width of columns [c0, c1) as one cell: their contents and the
 * separators between those shown; -1 when none of them is shown. */
static int
span_width(const struct ttab *t, size_t c0, size_t c1)
{
	size_t	 c;
	int	 w = 0, n = 0;

	for (c = c0; c < c1; c++)
		if (t->w[c] > 0) {
			w += t->w[c];
			n++;
		}
	if (n == 0)
		return (-1);
	return (w + (n - 1) * (t->border ? 3 : 1));
}

/* Where cell j of a row starts and ends among the columns. */
static void
cell_cols(const struct sheet_trow *r, size_t j, size_t *c0, size_t *c1)
{
	if (j == 0) {
		*c0 = 0;
		*c1 = r->span;
	} else {
		*c0 = r->span + j - 1;
		*c1 = *c0 + 1;
	}
}

static void
grid_rule(const struct ttab *t, struct buf *out, struct buf *line)
{
	size_t	 c;

	buf_addc(line, '+');
	for (c = 0; c < t->b->ncols; c++)
		if (t->w[c] > 0) {
			repeat(line, '-', t->w[c] + 2);
			buf_addc(line, '+');
		}
	emit(out, line);
}

/* One row of cells (heads: the columns' heads, centred). */
static void
text_row(const struct ttab *t, const char *const *cells, size_t ncells,
    size_t span, int heads, struct buf *out, struct buf *line)
{
	const struct sheet_block *b = t->b;
	struct sheet_trow	 r;
	struct lines		*l;
	size_t			 j, k, c0, c1, h = 1;
	int			 cw, shown = 0;
	enum sheet_align	 a;

	r.span = span;
	r.ncells = ncells;
	l = xcalloc(ncells, sizeof *l);
	for (j = 0; j < ncells; j++) {
		cell_cols(&r, j, &c0, &c1);
		if ((cw = span_width(t, c0, c1)) < 0)
			continue;
		wrap(cells[j], cw, &l[j]);
		if (l[j].n > h)
			h = l[j].n;
	}
	for (k = 0; k < h; k++) {
		shown = 0;
		if (t->border)
			buf_addc(line, '|');
		for (j = 0; j < ncells; j++) {
			cell_cols(&r, j, &c0, &c1);
			if ((cw = span_width(t, c0, c1)) < 0)
				continue;
			/* As the PDF does: a spanned first cell is a
			 * label, right against the cells it sums (left when
			 * it takes the whole width). */
			if (heads)
				a = SA_CENTER;
			else if (j == 0 && span > 1)
				a = span < b->ncols ? SA_RIGHT : SA_LEFT;
			else
				a = b->cols[c0].align;
			if (t->border)
				buf_addc(line, ' ');
			else if (shown)
				buf_addc(line, ' ');
			aligned(line, k < l[j].n ? l[j].v[k] : "", cw, a, 1);
			if (t->border)
				buf_adds(line, " |");
			shown = 1;
		}
		emit(out, line);
	}
	for (j = 0; j < ncells; j++)
		lines_free(&l[j]);
	free(l);
}

/* How many lines a row takes (to know whether a grid needs rules
 * between its rows). */
static size_t
row_height(const struct ttab *t, const struct sheet_trow *r)
{
	struct lines	 l;
	size_t		 j, c0, c1, h = 1;
	int		 cw;

	for (j = 0; j < r->ncells; j++) {
		cell_cols(r, j, &c0, &c1);
		if ((cw = span_width(t, c0, c1)) < 0)
			continue;
		memset(&l, 0, sizeof l);
		wrap(r->cells[j], cw, &l);
		if (l.n > h)
			h = l.n;
		lines_free(&l);
	}
	return (h);
}

static void
text_table(const struct sheet_block *b, int width, struct buf *out,
    struct buf *line)
{
	struct ttab		 t;
	const struct sheet_trow	*r, *prev = NULL;
	const char		**heads;
	size_t			 c, i, nshown = 0, widest;
	int			 multi = 0;

	memset(&t, 0, sizeof t);
	t.b = b;
	t.border = (b->style & SS_BORDER) != 0;
	t.w = xcalloc(b->ncols, sizeof *t.w);
	for (c = 0; c < b->ncols; c++) {
		t.w[c] = b->cols[c].text_width > 0 ? b->cols[c].text_width : 0;
		if (t.w[c] > 0) {
			t.total += t.w[c];
			nshown++;
		}
	}
	if (nshown == 0) {
		free(t.w);
		return;
	}
	t.total += t.border ? 3 * (int)nshown + 1 : (int)nshown - 1;
	while (t.total > width) {
		widest = 0;
		for (c = 1; c < b->ncols; c++)
			if (t.w[c] > t.w[widest])
				widest = c;
		if (t.w[widest] <= 1)
			break;
		t.w[widest]--;
		t.total--;
	}
	for (i = 0; i < b->nrows && t.border; i++)
		if (!(b->rows[i].style & SS_NOTEXT) &&
		    row_height(&t, &b->rows[i]) > 1)
			multi = 1;
	if (t.border)
		grid_rule(&t, out, line);
	if (b->show_head) {
		heads = xcalloc(b->ncols, sizeof *heads);
		for (c = 0; c < b->ncols; c++)
			heads[c] = b->cols[c].head;
		text_row(&t, heads, b->ncols, 1, 1, out, line);
		free(heads);
		if (t.border)
			grid_rule(&t, out, line);
		else {
			repeat(line, '-', t.total);
			emit(out, line);
		}
	}
	for (i = 0; i < b->nrows; i++) {
		r = &b->rows[i];
		if (r->style & SS_NOTEXT)
			continue;
		if (t.border && prev != NULL && (multi || prev->span !=
		    r->span))
			grid_rule(&t, out, line);
		text_row(&t, (const char *const *)r->cells, r->ncells,
		    r->span, 0, out, line);
		prev = r;
	}
	if (t.border && (prev != NULL || b->show_head))
		grid_rule(&t, out, line);
	free(t.w);
}

void
sheet_text(const struct sheet *s, int width, struct buf *out)
{
	const struct sheet_block	*b;
	struct buf			 line;
	size_t				 i;

	if (width < 20)
		width = 20;
	memset(&line, 0, sizeof line);
	for (i = 0; i < s->nblocks; i++) {
		b = &s->blocks[i];
		if (b->style & SS_NOTEXT)
			continue;
		switch (b->kind) {
		case BK_PARA:
			text_para(b, width, out, &line);
			break;
		case BK_GAP:
			emit(out, &line);
			break;
		case BK_RULE:
			repeat(&line, '-', width);
			emit(out, &line);
			break;
		case BK_BREAK:
			buf_addc(out, '\f');
			break;
		case BK_TABLE:
			text_table(b, width, out, &line);
			break;
		}
	}
	/* An empty sheet is an empty text, still a C string. */
	if (out->data == NULL)
		buf_add(out, "", 0);
	buf_free(&line);
}

/* --- encodings --------------------------------------------------------- */

/* What a character becomes where the encoding has no such character;
 * the quotes that printers' fonts lack become '"' in every encoding
 * (RU-DOCS.md: replace « » first). */
static const struct {
	uint32_t	 cp;
	const char	*to;
	int		 always;
} fallback[] = {
	{ 0x00ab, "\"", 1 },	/* « */
	{ 0x00bb, "\"", 1 },	/* » */
	{ 0x201e, "\"", 1 },	/* „ */
	{ 0x201c, "\"", 1 },	/* “ */
	{ 0x201d, "\"", 1 },	/* ” */
	{ 0x2014, "-", 0 },	/* — */
	{ 0x2013, "-", 0 },	/* – */
	{ 0x2011, "-", 0 },	/* non-breaking hyphen */
	{ 0x2212, "-", 0 },	/* minus */
	{ 0x2116, "N", 0 },	/* № */
	{ 0x2018, "'", 0 },	/* ‘ */
	{ 0x2019, "'", 0 },	/* ’ */
	{ 0x201a, "'", 0 },	/* ‚ */
	{ 0x2026, "...", 0 },	/* … */
	{ 0x00a0, " ", 0 },	/* no-break space */
	{ 0x202f, " ", 0 },	/* narrow no-break space */
	{ 0x2009, " ", 0 },	/* thin space */
	{ 0x00b7, ".", 0 },	/* · */
	{ 0x2022, "*", 0 },	/* • */
	{ 0x00d7, "x", 0 },	/* × */
	{ 0x0401, "\xd0\x95", 0 },	/* Ё: Е, where ё is missing */
	{ 0x0451, "\xd0\xb5", 0 },	/* ё: е */
	{ 0x20bd, "\xd1\x80\xd1\x83\xd0\xb1.", 0 },	/* ₽: руб. */
};

/* Convert n bytes of UTF-8 at s to out; -1 when the encoding lacks a
 * character of them (nothing is written then). */
static int
convert(iconv_t cd, const char *s, size_t n, struct buf *out)
{
	char	 obuf[64], *in = (char *)s, *o = obuf;
	size_t	 ileft = n, oleft = sizeof obuf;

	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &in, &ileft, &o, &oleft) == (size_t)-1 || ileft != 0)
		return (-1);
	/* The shift back to the initial state, for stateful encodings. */
	if (iconv(cd, NULL, NULL, &o, &oleft) == (size_t)-1)
		return (-1);
	buf_add(out, obuf, sizeof obuf - oleft);
	return (0);
}

int
sheet_text_encode(const char *utf8, size_t len, const char *encoding,
    struct buf *out, char **cause)
{
	iconv_t		 cd;
	const char	*p = utf8, *end = utf8 + len, *to;
	uint32_t	 c;
	size_t		 k, i;

	if ((cd = iconv_open(encoding, "UTF-8")) == (iconv_t)-1) {
		xasprintf(cause, _("unknown encoding '%s' (cp866, cp1251, "
		    "koi8-r, utf-8 ...)"), encoding);
		return (-1);
	}
	while (p < end) {
		if (*p == '\0') {
			buf_addc(out, '\0');
			p++;
			continue;
		}
		k = width_next(p, &c);
		if (p + k > end)
			k = (size_t)(end - p);
		to = NULL;
		for (i = 0; i < sizeof fallback / sizeof fallback[0]; i++)
			if (fallback[i].cp == c) {
				to = fallback[i].to;
				if (fallback[i].always)
					break;
				if (convert(cd, p, k, out) == 0)
					to = "";
				break;
			}
		if (to == NULL && c != 0xfffd && convert(cd, p, k, out) == 0)
			to = "";
		/* Replaced, never dropped: what has no stand-in is '?'. */
		if (to == NULL)
			to = "?";
		if (*to != '\0' && convert(cd, to, strlen(to), out) != 0)
			buf_addc(out, '?');
		p += k;
	}
	if (out->data == NULL)
		buf_add(out, "", 0);
	iconv_close(cd);
	return (0);
}
