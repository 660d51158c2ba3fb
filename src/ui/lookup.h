#ifndef KONTOR_UI_LOOKUP_H
#define KONTOR_UI_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "ui/ui.h"

struct app;
struct entity_def;
struct record;

/*
 * Lists of values and scanned codes.  ui_lookup is the F4 list of a
 * form's reference and the pick list of a name typed on a scan line: the
 * records of an entity narrowing as one types (words of the name, the
 * code, digits of a barcode or phone).  ui_entry is the scan line of the
 * warehouse screens: a line that stays on screen and takes what a
 * barcode scanner types (digits, then Enter) between the screen's keys.
 */

/* Pick a record of e, starting from query (or ""); 1 and *out (the
 * caller's to free) when picked, 0 on Esc. */
int	 ui_lookup(struct app *, const char *title, const struct entity_def *,
	     const char *query, struct record **out);
/* The same among the records whose reference field is id only (the
 * contacts of the activity's customer). */
struct ui_lookup_filter {
	const char	*field;
	int64_t		 id;
};
int	 ui_lookup_in(struct app *, const char *title,
	     const struct entity_def *, const char *query,
	     const struct ui_lookup_filter *, struct record **out);
/* A new record's reference field set to the one record its entity has
 * (the one warehouse of a small firm); left alone when there are more or
 * none. */
void	 ui_default_sole(struct app *, struct record *, const char *field);
/* Pick one of n strings, starting at sel; its index, or -1 on Esc. */
int	 ui_pick(struct app *, const char *title, const char *const *items,
	     size_t n, size_t sel);

#define UI_ENTRY_MAX	128

struct ui_entry {
	char	 buf[UI_ENTRY_MAX];
};

/* A key for the entry: a printable character is added, Backspace takes
 * the last one off, Ctrl-U clears; 1 when the key was the entry's. */
int	 ui_entry_key(struct ui_entry *, int key);
/* The prompt and the text on row y, the cursor a reverse block at the
 * end; the text's tail shows when it is longer than the row. */
void	 ui_entry_draw(WINDOW *, int y, int x, int width, const char *prompt,
	     const struct ui_entry *);
/* The text, spaces trimmed off both ends (in place). */
const char *ui_entry_text(struct ui_entry *);
void	 ui_entry_clear(struct ui_entry *);

/* The product a scanned barcode or typed SKU names, else, for text that
 * is not all digits, the one product whose name or SKU starts so or a
 * pick list of them.  1 and *out (the caller's) with the units a scan
 * counts in *pack (thousandths; 1000 when typed); 0 with *cause, the
 * reason for the clerk ("unknown barcode 4600000000015: no product has
 * it"), which the caller shows as an error: never a silent skip; -1 when
 * the clerk closed the pick list. */
int	 ui_product(struct app *, const char *term, struct record **out,
	     int64_t *pack, char **cause);

#endif
