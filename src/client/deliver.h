#ifndef KONTOR_CLIENT_DELIVER_H
#define KONTOR_CLIENT_DELIVER_H

#include <stddef.h>

/*
 * Where a printed document goes from the client's end, shared by
 * kontor print and the session's print dialog (P): a file, or a CUPS
 * printer through lp.  Nothing here writes to the terminal: what lp says
 * is handed back, so a session's screen stays whole.
 */

/* The bytes into path, whole or not at all: a temporary file beside it,
 * renamed over it.  0, or EX_CANTCREAT and *cause ("cannot create PATH:
 * why"). */
int	 cp_save_file(const char *path, const void *, size_t, char **cause);

/* Whether prog is on PATH, as execvp() would find it. */
int	 cp_on_path(const char *prog);

/*
 * lp -d printer -n copies, the bytes on its standard input.  What lp
 * prints ("request id is hp-12 (1 file(s))") goes into *said (malloc'd,
 * may be empty) when said is not NULL.  0, or EX_UNAVAILABLE (no lp, or
 * lp refused: an unknown printer, its own words in *cause) or EX_OSERR,
 * and *cause.
 */
int	 cp_lp(const char *printer, int copies, const void *, size_t,
	     char **said, char **cause);

/* The system's default printer as lpstat -d names it (malloc'd), or NULL
 * when there is no lpstat or no default. */
char	*cp_default_printer(void);

#endif
