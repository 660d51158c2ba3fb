#ifndef KONTOR_CLIENT_PRINT_H
#define KONTOR_CLIENT_PRINT_H

#include <stddef.h>
#include <stdint.h>

struct client;

/*
 * A document printed by the server (op "print"): laid out by a print
 * form and rendered as PDF or as 80-column text, for kontor print,
 * kontor mail and the session's P.  The caller sends the bytes where
 * they go (a file, lp, a message); the server records where (dest).
 */
struct cp_print_req {
	const char	*doc;		/* INV-2026-000001, or a customer's
					   code (a contract) */
	const char	*form;		/* NULL: the document's default */
	const char	*format;	/* "pdf" or "text"; NULL: pdf */
	const char	*dest;		/* "file", "screen", "printer:NAME",
					   "mail:ADDRESS"; NULL: file */
	const char	*encoding;	/* text only: converted to it here
					   ("cp866"), « » to " and what it
					   lacks replaced; NULL: UTF-8 */
};

struct cp_printout {
	char		*name;		/* "INV-2026-000001.pdf", with
					   "-FORM" when not the default */
	char		*form;		/* the form's name */
	char		*format;
	char		*bytes;		/* malloc'd, len of them */
	size_t		 len;
	char		 sha256[65];	/* of the bytes the server made (for
					   text: before any conversion) */
	uint64_t	 archive;	/* the archive entry, 0: none */
};

/* 0, or the server's exit code (EX_USAGE for an unknown encoding) and
 * *cause (the caller's to free).  cp_printout_free() after success. */
int	 cp_print(struct client *, const struct cp_print_req *,
	     struct cp_printout *, char **cause);
void	 cp_printout_free(struct cp_printout *);

#endif
