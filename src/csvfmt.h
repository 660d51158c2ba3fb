#ifndef KONTOR_CSVFMT_H
#define KONTOR_CSVFMT_H

#include <stddef.h>

struct buf;

/*
 * CSV cells as kontor writes them (RFC 4180): the one writer of cells,
 * shared by the command line's CSV output (cli/csv.c: reports, audit,
 * exports from older servers) and the server's export, which formats
 * stored records straight to CSV text (dict/csvrow.c).
 *
 * Unless raw, a cell a spreadsheet would run as a formula (leading = + -
 * @ tab CR, past any apostrophes; a negative number is no formula) gets
 * a leading ' .  A cell is quoted when it holds , " CR or LF, or starts
 * or ends with a space or a tab; a " inside is doubled.  Rows end in
 * CSVFMT_EOL.
 */
#define CSVFMT_EOL	"\r\n"

/* Whether s (len bytes), past any apostrophes, starts like a formula. */
int	 csvfmt_formula_like(const char *s, size_t len);
/* Whether s (len bytes) gets the ' that neutralises a formula. */
int	 csvfmt_needs_prefix(const char *s, size_t len);
/* Append s (len bytes, no NUL inside) to b as one cell: neutralised
 * unless raw, quoted as needed.  No separator is added. */
void	 csvfmt_cell(struct buf *b, const char *s, size_t len, int raw);

#endif
