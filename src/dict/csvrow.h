#ifndef KONTOR_DICT_CSVROW_H
#define KONTOR_DICT_CSVROW_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct entity_def;
struct field_def;
struct record;

/*
 * An entity's records as CSV rows, formatted from the stored bytes (the
 * record codec's msgpack map) straight into text: no record, no value
 * and no cell is allocated per row.  The export's columns are the
 * entity's own fields from the code on, then the created and updated
 * times; secret fields are never written.  Cells are written as
 * csvfmt_cell() writes them, values as value_format() does, a
 * reference as the code ref_code() gives (kept per export: the same
 * manager of many customers is looked up once).
 */
struct csvrow;

/*
 * ref_code(arg, field, id): the code of the record id of field's
 * reference, malloc'd; NULL: the id as digits.  raw: no ' before cells
 * that look like formulas.
 */
struct csvrow	*csvrow_new(const struct entity_def *, int raw,
		     char *(*ref_code)(void *, const struct field_def *,
		     int64_t), void *arg);
void		 csvrow_free(struct csvrow *);
/* The positions in e's fields of the export's columns, in their order,
 * into pos (room for e->nfields); their count. */
size_t		 csvrow_columns(const struct entity_def *, int *pos);
/* The header row (the columns' names) appended to b. */
void		 csvrow_header(struct csvrow *, struct buf *b);
/*
 * One stored record (len bytes) appended to b as a row.  0, or -1 and
 * *cause when the bytes are not a record (nothing appended): a scan
 * skips such a record, as it would when decoding it.
 */
int		 csvrow_add(struct csvrow *, struct buf *b, const void *,
		     size_t len, char **cause);
/* A record already decoded, appended to b as a row. */
void		 csvrow_add_record(struct csvrow *, struct buf *b,
		     const struct record *);

#endif
