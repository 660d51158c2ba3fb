#ifndef KONTOR_WIDTH_H
#define KONTOR_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Display width of UTF-8 text, the same wherever it runs: decoded here,
 * not by the locale (a server under systemd runs in the C locale, where
 * mbrtowc() takes every Cyrillic letter for a bad byte), and measured by
 * a fixed table, not by wcwidth(), so that a print form comes out the
 * same bytes on every host.  Combining marks and zero-width characters
 * take 0 columns, East Asian wide and full-width characters 2, anything
 * else 1.  src/ui keeps its own helpers (ui_width, ui_fit, ui_cell),
 * which draw through curses in the session's locale.
 */

/* Decode the character at s (not at its end): its code point in *cp and
 * its length in bytes; a byte that starts no valid UTF-8 sequence is
 * U+FFFD, one byte long. */
size_t	 width_next(const char *s, uint32_t *cp);
/* Columns of one code point (0, 1 or 2). */
int	 width_cp(uint32_t);
/* Columns of the first n bytes of s (up to a NUL), and of all of s. */
int	 width_n(const char *s, size_t n);
int	 width_str(const char *s);
/* How many bytes of s fit in width columns, never cutting a character
 * (and keeping the combining marks that follow the last one that fits). */
size_t	 width_fit(const char *s, int width);

#endif
