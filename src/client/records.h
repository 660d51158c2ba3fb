#ifndef KONTOR_CLIENT_RECORDS_H
#define KONTOR_CLIENT_RECORDS_H

#include <stddef.h>
#include <stdint.h>

struct buf;
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
/*
 * The same, and ref(arg, entity, id, code, name, named) for each record
 * the rows refer to, from the same answer: named when a field of the rows
 * shows it by name (FF_BYNAME), name then its name or NULL (none, or not
 * the caller's to read); else name NULL.
 */
typedef void	(*cr_ref_fn)(void *, const char *entity, int64_t id,
		    const char *code, const char *name, int named);
int	 cr_scan_refs(struct client *, const struct entity_def *,
	     const char *index, const struct value *from, uint64_t from_id,
	     int dir, size_t limit, cr_ref_fn, void *arg,
	     struct record ***, size_t *, char **cause);
/* Records whose field starts with prefix (word-prefix for names). */
int	 cr_search(struct client *, const struct entity_def *,
	     const char *field, const char *prefix, size_t limit,
	     struct record ***, size_t *, char **cause);
void	 cr_rows_free(struct record **, size_t);
/*
 * The lines of a document: the records of e whose field ref (indexed) is
 * id, by their "line" then by id; *rows NULL-ended.
 */
int	 cr_lines(struct client *, const struct entity_def *e,
	     const char *ref, uint64_t id, struct record ***, size_t *,
	     char **cause);
/*
 * The product a document's line names (its field "product"), for a
 * screen that shows the line.  When it cannot be read (the catalog not
 * the caller's to read) *cause says that doc's lines cannot be shown and
 * why, so the screen says so rather than show the document without them.
 */
int	 cr_line_product(struct client *, const struct record *line,
	     const char *doc, struct record **, char **cause);

/*
 * Drafts: what was on the screen, unsaved, when the session ended by a
 * hang-up; the server keeps them for this login only (the newest 20),
 * and the next session offers them back.
 */
struct draft_info {
	const char	*screen;	/* the screen to open it in */
	const char	*entity;	/* a form's entity, or NULL */
	const char	*target;	/* the record's code; NULL: a new one */
	uint32_t	 rev;		/* the revision that was edited */
	const char	*title;		/* for the question at the next start */
	const char	*texts;		/* a form's fields (draft_texts_add) */
};
int	 cr_draft_put(struct client *, const struct draft_info *,
	     char **cause);
/* This login's drafts, records of entity "drafts", oldest first. */
int	 cr_drafts(struct client *, struct record ***, size_t *, char **cause);
int	 cr_draft_drop(struct client *, uint64_t id, char **cause);
/* A form's field texts as one value: add one, get one back (malloc'd, or
 * NULL when the field is not there). */
void	 draft_texts_add(struct buf *, const char *name, const char *text);
char	*draft_texts_get(const char *texts, const char *name);

#endif
