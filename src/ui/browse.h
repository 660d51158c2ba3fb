#ifndef KONTOR_UI_BROWSE_H
#define KONTOR_UI_BROWSE_H

#include <stddef.h>
#include <stdint.h>

struct app;
struct entity_def;
struct field_def;
struct record;
struct ui_region;
struct value;

/*
 * The browse list: one page of an entity from the server's scan requests,
 * more fetched on demand as the cursor moves, never the whole table.
 * Columns come from the dictionary (FF_LIST fields); `s` sorts by the
 * next indexed field (the server's order, page by page) or listed enum
 * without an index (read whole and sorted here, up to a bound of rows;
 * over it the status line says the sort is not available); `/` searches
 * incrementally, one request per keystroke (name words, code, phone
 * digits, e-mail, INN).
 */
struct browse;

/* sort: an indexed field's name, or NULL for creation order. */
struct browse	*browse_new(struct app *, const struct entity_def *,
		     const char *sort);
void		 browse_free(struct browse *);
/* Only the rows whose reference field is id (a customer's contacts). */
void		 browse_filter(struct browse *, const char *field, int64_t id);
/* Only the rows whose text or enum field is value (orders by status);
 * field NULL: every row again. */
void		 browse_filter_str(struct browse *, const char *field,
		     const char *value);
/* Hide a column (the customer column in a customer's card); a second
 * call hides a second one. */
void		 browse_hide(struct browse *, const char *field);
/* A filtered list shown in the order of a field (a customer's history
 * newest first), sorted as loaded. */
void		 browse_order(struct browse *, const char *field, int desc);
/*
 * One more column at the right, not of the dictionary (:bom's count of
 * lines): its heading, its width (display columns; the cells are set
 * right), and fill, called as the list is drawn with the n rows shown,
 * to set cells[i] for each (malloc'd; NULL: empty).  The dictionary's
 * columns share what is left of the line.
 */
typedef void	(*browse_fill_fn)(void *arg, const struct record *const *rows,
		    size_t n, char **cells);
void		 browse_extra(struct browse *, const char *head, int width,
		     browse_fill_fn, void *arg);
/*
 * The cells of a dictionary column written by fn (malloc'd; NULL: the
 * field's own value as usual), for a value the row holds elsewhere (a
 * stock move's document: a shipment's, a return's).  One such column.
 */
typedef char	*(*browse_cell_fn)(void *arg, const struct record *row);
void		 browse_cell(struct browse *, const char *field,
		     browse_cell_fn, void *arg);
/* That column's heading instead of its field's label (borrowed: a
 * static or translated string). */
void		 browse_cell_head(struct browse *, const char *head);
/* Forget the rows and fetch again (after an edit). */
void		 browse_reload(struct browse *);
/* Fetch again with the cursor on record id (a record just made). */
void		 browse_show(struct browse *, uint64_t id);
void		 browse_draw(struct browse *, struct ui_region *, int focus);
/* Handle a movement, sort or search key; 1 if handled, redraw flags. */
int		 browse_key(struct browse *, struct ui_region *, int key,
		     unsigned *redraw);
/* The record under the cursor (borrowed), or NULL. */
const struct record *browse_current(struct browse *);
size_t		 browse_count(struct browse *);
/* Start the incremental search on the last line of the region. */
void		 browse_search(struct browse *, struct ui_region *);

/* An enum value as a clerk reads it: its word in the language of the
 * interface («организация» for company); borrowed, NULL for NULL. */
const char	*ui_enum(const struct field_def *, const char *value);
/* A product's unit (its stored code, "pcs") as a clerk reads it: «шт»;
 * borrowed, "" for NULL. */
const char	*ui_unit(const char *unit);
/* The stored value (an element of f->enums) that text names: the stored
 * word, or the word shown, in any case, spaces around ignored, or another
 * name of it an import takes (dict_enum_find(): "шт.", "НДС 20%"); NULL
 * when it names none. */
const char	*ui_enum_value(const struct field_def *, const char *text);
/* The widest word of an enum field as shown, in columns. */
int		 ui_enum_width(const struct field_def *);
/* A date (YYYYMMDD) as a clerk reads it: 28.11.2026, in buf. */
void		 ui_date(int64_t, char *buf, size_t len);
/* A quantity (thousandths) as a clerk reads it, as money and printed
 * forms show figures: 1 234,5 (qty_format() is for CSV and scripts).
 * Every list, card, lines grid, lookup and message of a screen shows a
 * quantity through this. */
void		 ui_qty(int64_t, char *buf, size_t len);
/* A value as a clerk reads it: 28.11.2026 14:30, 1 234,56, a reference
 * as the code of the record it refers to, or its name where the field
 * says so (FF_BYNAME) and it has one; malloc'd. */
char		*ui_format(struct app *, const struct field_def *,
		     const struct value *);
/* The code, and the name (NULL: none, or not the clerk's to read), of the
 * record f refers to by id, from the session's cache or read once;
 * malloc'd. */
char		*ui_ref_code(struct app *, const struct field_def *, int64_t);
char		*ui_ref_name(struct app *, const struct field_def *, int64_t);
/* Keep a record read elsewhere (a pick, a code typed) for the above. */
void		 ui_ref_keep(const struct record *);
/* The name of f's record with that code if the cache has it (borrowed,
 * until the next call here), else NULL: never a request. */
const char	*ui_ref_cached_name(const struct field_def *, const char *code);
/* A cr_scan_refs() callback that keeps the codes and names a page brings
 * for ui_format() (arg unused): a screen that reads its own rows shows
 * their references without a request each. */
void		 ui_ref_seen(void *, const char *entity, int64_t id,
		     const char *code, const char *name, int named);

#endif
