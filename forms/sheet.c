/*
 * The sheet: a printable document's blocks, built by a form and drawn by
 * a back end (text.c: 80 columns; pdf.c: A4 PDF).
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "forms/sheet-int.h"
#include "xmalloc.h"

struct sheet *
sheet_new(const char *title, int landscape)
{
	struct sheet	*s;

	s = xcalloc(1, sizeof *s);
	s->title = xstrdup(title != NULL ? title : "");
	s->landscape = landscape;
	return (s);
}

static void
trow_free(struct sheet_trow *r)
{
	size_t	 i;

	for (i = 0; i < r->ncells; i++)
		free(r->cells[i]);
	free(r->cells);
}

void
sheet_free(struct sheet *s)
{
	struct sheet_block	*b;
	size_t			 i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->nblocks; i++) {
		b = &s->blocks[i];
		free(b->text);
		for (j = 0; j < b->ncols; j++)
			free((char *)b->cols[j].head);
		free(b->cols);
		for (j = 0; j < b->nrows; j++)
			trow_free(&b->rows[j]);
		free(b->rows);
	}
	free(s->blocks);
	free(s->title);
	free(s);
}

const char *
sheet_title(const struct sheet *s)
{
	return (s->title);
}

int
sheet_landscape(const struct sheet *s)
{
	return (s->landscape);
}

void
sheet_set_title(struct sheet *s, const char *title)
{
	free(s->title);
	s->title = xstrdup(title != NULL ? title : "");
}

void
sheet_set_landscape(struct sheet *s, int landscape)
{
	s->landscape = landscape;
}

static struct sheet_block *
block_add(struct sheet *s, enum block_kind kind, int style)
{
	struct sheet_block	*b;

	s->blocks = xreallocarray(s->blocks, s->nblocks + 1, sizeof *b);
	b = &s->blocks[s->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->style = style;
	return (b);
}

void
sheet_para(struct sheet *s, int style, enum sheet_align align,
    const char *text)
{
	struct sheet_block	*b;

	b = block_add(s, BK_PARA, style);
	b->align = align;
	b->text = xstrdup(text != NULL ? text : "");
}

void
sheet_paraf(struct sheet *s, int style, enum sheet_align align,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*text;

	va_start(ap, fmt);
	xvasprintf(&text, fmt, ap);
	va_end(ap);
	sheet_para(s, style, align, text);
	free(text);
}

void
sheet_gap(struct sheet *s)
{
	block_add(s, BK_GAP, 0);
}

void
sheet_rule(struct sheet *s)
{
	block_add(s, BK_RULE, 0);
}

void
sheet_page_break(struct sheet *s)
{
	block_add(s, BK_BREAK, 0);
}

void
sheet_keep_rest(struct sheet *s)
{
	s->keep = 1;
	s->keep_from = s->nblocks;
}

void
sheet_table(struct sheet *s, int style, size_t ncols,
    const struct sheet_col *cols, int show_head)
{
	struct sheet_block	*b;
	size_t			 i;

	b = block_add(s, BK_TABLE, style);
	b->ncols = ncols;
	b->cols = xcalloc(ncols, sizeof *b->cols);
	for (i = 0; i < ncols; i++) {
		b->cols[i] = cols[i];
		b->cols[i].head = xstrdup(cols[i].head != NULL ?
		    cols[i].head : "");
	}
	b->show_head = show_head;
}

void
sheet_row_span(struct sheet *s, int style, size_t span,
    const char *const *cells)
{
	struct sheet_block	*b;
	struct sheet_trow	*r;
	size_t			 i;

	/* A row belongs to the last table: a row before any is a form's
	 * bug, which every test of that form would show at once. */
	if (s->nblocks == 0 || s->blocks[s->nblocks - 1].kind != BK_TABLE)
		abort();
	b = &s->blocks[s->nblocks - 1];
	if (span < 1)
		span = 1;
	if (span > b->ncols)
		span = b->ncols;
	b->rows = xreallocarray(b->rows, b->nrows + 1, sizeof *b->rows);
	r = &b->rows[b->nrows++];
	r->style = style;
	r->span = span;
	r->ncells = b->ncols - span + 1;
	r->cells = xcalloc(r->ncells, sizeof *r->cells);
	for (i = 0; i < r->ncells; i++)
		r->cells[i] = xstrdup(cells[i] != NULL ? cells[i] : "");
}

void
sheet_row(struct sheet *s, int style, const char *const *cells)
{
	sheet_row_span(s, style, 1, cells);
}
