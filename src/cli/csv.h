#ifndef KONTOR_CLI_CSV_H
#define KONTOR_CLI_CSV_H

#include <stddef.h>
#include <stdio.h>

/*
 * CSV for import and export: RFC 4180 through libcsv (read with ',' or
 * ';' between cells), UTF-8 with or without a BOM, or cp1251 (and any
 * other iconv encoding) converted on the way in and out.
 */

/* Called for each row with the line it starts on; non-zero stops. */
typedef int	(*csv_row_fn)(long line, char **cells, size_t n, void *);

/* Read path ("-": stdin); -1 and *cause ("FILE:LINE: ...") on a
 * malformed file, an encoding error or a NUL in a cell (a C string would
 * cut the value short unseen); fn's non-zero result is returned as is. */
int	 csv_read(const char *path, const char *encoding, csv_row_fn, void *,
	     char **cause);
/* The same, and the SHA-256 of the bytes read (32 of them into sha);
 * cells are separated by delim, or (0) by what the header line uses:
 * ';' if it has a ';' and no ',' outside quotes, else ','. */
int	 csv_read_sha256(const char *path, const char *encoding, int delim,
	     csv_row_fn, void *, unsigned char *sha, char **cause);

struct csv_out;
/* Write to f in encoding (NULL: UTF-8); -1 and *cause if the encoding
 * is unknown. */
int	 csv_out_open(FILE *, const char *encoding, struct csv_out **,
	     char **cause);
/* A character the encoding lacks written as its nearest (× as x) or
 * as ?, not refused (export --substitute); -1 and *cause if iconv
 * cannot. */
int	 csv_out_substitute(struct csv_out *, char **cause);
/* Write every cell as it is from now on, a formula-like one too: for
 * scripts and programs other than spreadsheets (export --raw). */
void	 csv_out_raw(struct csv_out *);
/* One row; unless raw, cells a spreadsheet would run as a formula
 * (leading = + - @ tab CR) get a leading ' .  -1 when a cell cannot be
 * written in the encoding (errno EILSEQ, *cause naming the row by its
 * first cell, the column by the first row's name and the character) or
 * the write fails (errno says why). */
int	 csv_out_row(struct csv_out *, const char *const *, size_t,
	     char **cause);
/* Text already in CSV (whole rows, UTF-8, as the server's export sends
 * it), converted and written; -1 as csv_out_row, the rows before a value
 * the encoding cannot hold written. */
int	 csv_out_text(struct csv_out *, const char *, size_t, char **cause);
int	 csv_out_close(struct csv_out *);
/* The neutralised form of a cell (malloc'd) and its inverse, in place. */
char	*csv_neutralise(const char *);
void	 csv_unneutralise(char *);

#endif
