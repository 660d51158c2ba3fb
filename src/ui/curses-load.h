#ifndef KONTOR_UI_CURSES_LOAD_H
#define KONTOR_UI_CURSES_LOAD_H

/*
 * ncurses loaded by the terminal session's first call (initscr), not at
 * every start of the program: see curses-load.c.  Included by ui.h after
 * <curses.h>; the four variables kontor reads are reached through these
 * (a program that is not linked against the library cannot name them).
 * Before the library is loaded, or if it cannot be, they read as zero
 * (an empty acs_map, a NULL stdscr).
 */
#include <curses.h>

int	 *curses_load_cols(void);
int	 *curses_load_lines(void);
WINDOW	**curses_load_stdscr(void);
chtype	 *curses_load_acs(void);

#undef COLS
#undef LINES
#undef stdscr
#undef acs_map
#define COLS	(*curses_load_cols())
#define LINES	(*curses_load_lines())
#define stdscr	(*curses_load_stdscr())
#define acs_map	(curses_load_acs())

#endif
