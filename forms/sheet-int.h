#ifndef KONTOR_FORMS_SHEET_INT_H
#define KONTOR_FORMS_SHEET_INT_H

/*
 * The sheet's blocks, for the back ends only (text in sheet.c, PDF in
 * pdf.c); forms use sheet.h.
 */
#include <stddef.h>

#include "forms/sheet.h"

enum block_kind {
	BK_PARA,
	BK_GAP,
	BK_RULE,
	BK_BREAK,
	BK_TABLE
};

struct sheet_trow {
	int		  style;
	size_t		  span;		/* first cell spans this many
					 * columns (1: none) */
	size_t		  ncells;	/* ncols - span + 1 */
	char		**cells;	/* never NULL; "" when empty */
};

struct sheet_block {
	enum block_kind		 kind;
	int			 style;
	enum sheet_align	 align;		/* BK_PARA */
	char			*text;		/* BK_PARA */
	/* BK_TABLE */
	size_t			 ncols;
	struct sheet_col	*cols;		/* heads copied */
	int			 show_head;
	struct sheet_trow	*rows;
	size_t			 nrows;
};

struct sheet {
	char			*title;
	int			 landscape;
	struct sheet_block	*blocks;
	size_t			 nblocks;
	int			 keep;		/* sheet_keep_rest() was called */
	size_t			 keep_from;	/* ... before this block */
};

#endif
