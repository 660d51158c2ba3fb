#ifndef KONTOR_MODEL_ARCHIVE_H
#define KONTOR_MODEL_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct entity_def;
struct model_def;
struct record;
struct store;
struct tx;

/*
 * The archive: every document printed, saved or mailed, and every file
 * attached by hand to a customer or a document.  An entry (entity
 * "archive") says what it is (kind, the record it is of, form, format,
 * file name, size, SHA-256), who made it and when, and where it went;
 * the bytes are kept in the store's blobs under their SHA-256, written
 * in the entry's transaction, so nothing is half-stored after a crash and
 * backups carry them.
 *
 * The same bytes of the same record, kind, form and format are one
 * entry: a print of an unchanged document again (the forms put no clock
 * in their bytes) writes no blob and no entry, but counts the send on
 * the entry (sends, last_time, last_dest, last_by), an update whose
 * field-level diff the audit journal keeps, so every send is on record
 * with who and where without a second list to keep.  A later change of
 * the document prints other bytes: a new entry beside the old one.
 */

#define ARCHIVE_PRINT		"print"
#define ARCHIVE_ATTACHMENT	"attachment"
#define ARCHIVE_SHA_LEN		32
#define ARCHIVE_HEX_LEN		64

/* The default largest attachment (company.attach_max_kb unset), and the
 * most an administrator may set it to: an upload is held in the
 * server's memory until its transaction. */
#define ARCHIVE_MAX_KB_DEFAULT	20480
#define ARCHIVE_MAX_KB_LIMIT	262144

struct archive_item {
	const char		*kind;		/* ARCHIVE_PRINT, _ATTACHMENT */
	const struct record	*target;	/* the document or customer,
						   as stored (its id, code and
						   revision are kept) */
	const char		*form;		/* a print's form; else NULL */
	const char		*format;	/* "pdf", "text"; else NULL */
	const char		*name;		/* the file's name */
	const char		*dest;		/* "file", "printer:NAME",
						   "mail:ADDRESS", "screen";
						   NULL for an attachment */
	const char		*note;		/* or NULL */
	const void		*bytes;
	size_t			 len;
	const char		*login;		/* NULL: the transaction's */
	int64_t			 time;		/* 0: now */
};

/*
 * Store item in the caller's transaction: its bytes (unless a blob with
 * their hash is kept already) and a new entry, or the send counted on the
 * entry of the same bytes, record, kind, form and format.  *id: the
 * entry's.  ST_*, and *cause for a bad item (ST_INVALID).
 */
int	 archive_put(struct tx *, const struct archive_item *, uint64_t *id,
	     char **cause);

/* An entry by its id or its code ("12", "AR-000012"): ST_*; the record
 * is the caller's. */
int	 archive_get(struct store *, const char *idcode, struct record **);
/* len bytes (at most) of an entry's bytes from off into buf; *got 0 at
 * the end.  ST_*. */
int	 archive_read(struct store *, const struct record *entry,
	     uint64_t off, void *buf, size_t len, size_t *got);
/* The entries of a record (ent, id): those of the document, or, of a
 * customer, its own and its documents'; oldest first, at most limit.
 * ST_*; the rows are the caller's. */
int	 archive_list(struct store *, const struct entity_def *, uint64_t id,
	     size_t limit, struct record ***rows, size_t *n);
/* The largest attachment the company allows, in bytes. */
uint64_t archive_max_bytes(struct store *);

/* The SHA-256 of bytes, and as 64 lower-case hex digits (65 bytes). */
void	 archive_sha256(const void *, size_t, unsigned char *out);
void	 archive_hex(const unsigned char *, char *out);
/* 64 hex digits back to 32 bytes; -1 when s is no such thing. */
int	 archive_unhex(const char *s, unsigned char *out);

/* The record a code names among those that may have entries (a
 * customer, a supplier, a deal, a sales, stock or money document): the
 * first entity that has one of that code (any case).  ST_*; the record
 * is the caller's. */
int	 archive_target(struct store *, const char *code, struct record **);

/* The rules of entity "archive" (no hand-made entry, no deletion) and
 * kontor check's: every entry's bytes are kept and hash to its SHA-256,
 * and every blob kept is some entry's. */
extern const struct model_def model_archive;

#endif
