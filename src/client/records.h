#ifndef KONTOR_CLIENT_RECORDS_H
#define KONTOR_CLIENT_RECORDS_H

#include <stddef.h>
#include <stdint.h>

struct client;
struct entity_def;
struct record;
struct value;

/*
 * Record requests over the client connection, for the CLI and the
 * screens.  Each returns 0 or the server's exit code with *cause (the
 * server's message) set; records returned are the caller's.
 */

/* By id, or by code when code is not NULL. */
int	 cr_get(struct client *, const struct entity_def *, uint64_t id,
	     const char *code, struct record **, char **cause);
/* Create (id 0) or update over the record's revision; on success the
 * record gets its id, revision and code from the server. */
int	 cr_put(struct client *, struct record *, char **cause);
int	 cr_delete(struct client *, const struct entity_def *, uint64_t id,
	     uint32_t rev, char **cause);
/* One page of an index (NULL: by id) from a key, see store_scan. */
int	 cr_scan(struct client *, const struct entity_def *, const char *index,
	     const struct value *from, uint64_t from_id, int dir, size_t limit,
	     struct record ***, size_t *, char **cause);
/* The same, and ref(arg, entity, id, code) for each reference in the
 * rows, from the same answer. */
int	 cr_scan_refs(struct client *, const struct entity_def *,
	     const char *index, const struct value *from, uint64_t from_id,
	     int dir, size_t limit,
	     void (*ref)(void *, const char *, int64_t, const char *),
	     void *arg, struct record ***, size_t *, char **cause);
/* Records whose field starts with prefix (word-prefix for names). */
int	 cr_search(struct client *, const struct entity_def *,
	     const char *field, const char *prefix, size_t limit,
	     struct record ***, size_t *, char **cause);
void	 cr_rows_free(struct record **, size_t);

#endif
