#ifndef KONTOR_UI_CALENDAR_H
#define KONTOR_UI_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

struct app;

/*
 * The calendar: F4 on a date or time field.  A month as a grid of weeks,
 * Monday first as in Russia; Left and Right move a day, Up and Down a
 * week, PgUp and PgDn a month, Home (or t) goes to today; Enter picks, Esc
 * closes.  27 x 14 characters, centred, so it fits 80 x 24; the chosen day
 * is in reverse video and today in bold, so it reads on a vt100 without
 * colour.  Like the other boxes it is made again after a resize.
 */

/* Pick a day, starting at *date (YYYYMMDD; 0 or invalid: today); 1 and
 * *date when picked, 0 on Esc (*date unchanged). */
int	 ui_calendar(struct app *, const char *title, int64_t *date);
/* The calendar for a form field's text: it opens on the day the text
 * names (any form date_parse() or, with_time, time_parse_local() takes),
 * else today; a pick rewrites text (cap bytes) as "05.12.2026", a time
 * keeping the hours it had ("05.12.2026 14:30").  1 when picked. */
int	 ui_calendar_text(struct app *, const char *title, int with_time,
	     char *text, size_t cap);

#endif
