#ifndef KONTOR_CLIENT_ARCHIVE_H
#define KONTOR_CLIENT_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

struct client;
struct record;

/*
 * The archive over the client connection (server: ops-archive.c): a
 * file attached to a customer or a document, an entry, its bytes, and a
 * record's entries (records of entity "archive").  Each returns 0 or the
 * server's exit code with *cause set; records are the caller's.
 */

struct ca_attached {
	uint64_t	 id;
	char		 code[32];	/* AR-000012 */
	char		 doc[32];	/* the record's code as stored */
	int64_t		 sends;		/* > 1: these bytes were attached
					   to it before: the same entry */
};

/* Attach size bytes read from fd (from its start, with pread) under
 * name (and a note, or NULL) to the record whose code is target, sent a
 * part at a time, the file never whole in memory; cut off by a lost
 * connection, it starts again once.  A file that cannot be read:
 * EX_NOINPUT. */
int	 ca_attach(struct client *, const char *target, const char *name,
	     const char *note, int fd, uint64_t size, struct ca_attached *,
	     char **cause);
/* An entry by its id or code. */
int	 ca_get(struct client *, const char *id, struct record **,
	     char **cause);
/*
 * The bytes of entry e, a part at a time, each given to out(arg, p, n)
 * (non-zero: stop, the error is the caller's, and that is returned); at
 * the end their size and SHA-256 are checked against the entry's
 * (EX_DATAERR: not the bytes archived).
 */
int	 ca_fetch(struct client *, const struct record *e,
	     int (*out)(void *, const void *, size_t), void *arg,
	     char **cause);
/* The entries of the record whose code is target (a customer's: its own
 * and its documents' that the caller may read), oldest first. */
int	 ca_list(struct client *, const char *target, struct record ***,
	     size_t *, char **cause);

/* Where an entry went, for people: "file", "printer NAME", "e-mail
 * ADDRESS", "screen" in the user's language, "-" for none; with its
 * count when sent more than once ("printer lp1 (3 times)").  Malloc'd. */
char	*ca_dest_words(const char *dest, int64_t sends);
/* What an entry is, for people: a print's form and format ("invoice,
 * pdf"), an attachment's file name.  Malloc'd. */
char	*ca_what_words(const struct record *);

#endif
