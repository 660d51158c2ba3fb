#ifndef KONTOR_AUDIT_H
#define KONTOR_AUDIT_H

#include <stddef.h>
#include <stdint.h>

struct record;

/*
 * The audit journal's entries: who (login, terminal), when, what (entity,
 * id, action) and the field-level before -> after.  Each entry carries
 * the SHA-256 of the one before it, so a changed or removed entry breaks
 * the chain, which `kontor check` verifies.  Storage is src/db/store.c's:
 * it appends entries inside the mutation's own transaction.
 */
#define AUDIT_HASH_LEN	32

struct audit_change {
	char	*field;
	char	*before;	/* NULL: not set */
	char	*after;
};

struct audit_entry {
	uint64_t		 seq;
	int64_t			 time;
	char			*login;
	char			*tty;
	char			*entity;
	uint64_t		 id;
	char			*action;
	struct audit_change	*ch;
	size_t			 nch;
	unsigned char		 prev[AUDIT_HASH_LEN];
	unsigned char		 hash[AUDIT_HASH_LEN];
};

/*
 * An import's entry (action "import", id 0): its changes name the file,
 * its SHA-256, the counts, and under AUDIT_IMPORT_IDS the ids of the
 * records it created, as runs: "1-5000,5002,5010-5020".
 */
#define AUDIT_IMPORT	"import"
#define AUDIT_IMPORT_IDS "ids"
/* Whether the import entry e created the record id. */
int	 audit_import_has(const struct audit_entry *, uint64_t id);
/* Call fn for each id e created, in order; fn's non-zero stops. */
int	 audit_import_each(const struct audit_entry *,
	     int (*fn)(uint64_t, void *), void *);

/* Append the changed fields between before and after (either NULL). */
void	 audit_diff(struct audit_entry *, const struct record *before,
	     const struct record *after);
void	 audit_add_change(struct audit_entry *, const char *field,
	     const char *before, const char *after);
/* The entry without its place in the chain (seq, prev), as bytes to
 * seal later; malloc'd. */
void	 audit_pack(const struct audit_entry *, char **data, size_t *len);
/* Seal packed bytes as entry seq after prev: the stored bytes (malloc'd)
 * and the entry's hash. */
void	 audit_seal(uint64_t seq, const unsigned char *prev, const char *packed,
	     size_t plen, unsigned char *hash, char **data, size_t *len);
/* Decode stored bytes; -1 and *cause if malformed or the hash does not
 * match the body. */
int	 audit_decode(const void *, size_t, struct audit_entry *,
	     char **cause);
void	 audit_entry_clear(struct audit_entry *);
void	 audit_hex(const unsigned char *, char *out /* 65 bytes */);

#endif
