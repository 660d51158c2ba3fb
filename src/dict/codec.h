#ifndef KONTOR_DICT_CODEC_H
#define KONTOR_DICT_CODEC_H

#include <stddef.h>
#include <stdint.h>

struct entity_def;
struct record;
struct value;

/*
 * The record codec: a msgpack map from field id (unsigned) to value
 * (string for text and enums, integer for the rest).  Self-describing,
 * so a newer binary reads every older record, and an older binary keeps
 * the fields it does not know (record->x) and writes them back on save.
 */

/* Encode r; *data is malloc'd, the caller frees it. */
void	 codec_encode(const struct record *, char **data, size_t *len);
/* Decode into a new record; -1 and *cause when the bytes are not a
 * record. */
int	 codec_decode(const struct entity_def *, const void *, size_t,
	     struct record **, char **cause);
/*
 * Decode a record a client sent, for saving: every key must be the id of
 * a field of e (nil clears it) and every value of that field's type; a
 * string must hold no NUL byte.  The verbatim keeping of unknown or
 * wrongly typed fields is for records read from the store only: here
 * they are refused, naming the field and the type, unless stored (the
 * record as it is stored, or NULL) holds the very same bytes under that
 * id, which is a client handing back what a newer binary wrote.  -1 and
 * *cause when refused.
 */
int	 codec_decode_client(const struct entity_def *, const void *, size_t,
	     const struct record *stored, struct record **, char **cause);
/* Find one field's value without decoding the whole record: 1 and *out
 * (out->s malloc'd) if present, 0 if absent, -1 if malformed.  A field
 * the record need not store (codec_derived) and does not: what follows
 * from the others, codec_find knowing only those of every entity (an
 * `updated`), codec_get those of e too (a code made from the id). */
int	 codec_find(const void *, size_t, unsigned fid, struct value *out);
int	 codec_get(const struct entity_def *e, const void *, size_t,
	     unsigned fid, struct value *out);

/*
 * The fields a record need not store, their value following from
 * another's (codec.c: `updated` as `created`, a code made from the id, a
 * move's user as its `updated_by`): whether field fid of e (NULL: of
 * every entity) is one, and its value from the others', get(arg, fid,
 * &v) reading one as codec_find() answers: 1 and *out (out->s malloc'd),
 * 0 when nothing follows.  For readers of the stored bytes of their own
 * (csvrow.c).
 */
int	 codec_derived(const struct entity_def *e, unsigned fid);
int	 codec_derive(const struct entity_def *e, unsigned fid,
	     int (*get)(void *, unsigned, struct value *), void *arg,
	     struct value *out);

/*
 * The same bytes checked once, for many codec_map_find()s:
 * a put's index callbacks each look up one field of the same record.
 * codec_map_open() returns -1 if the bytes are malformed (nothing to
 * close then); codec_map_find() answers as codec_find() would.
 */
#define CODEC_MAP_PAIRS	64
struct codec_map {
	const void	*data;		/* borrowed: kept alive by the caller */
	size_t		 len;
	/* The pairs as codec_map_open found them, when there are at most
	 * CODEC_MAP_PAIRS (npairs; else SIZE_MAX, and each look-up walks):
	 * each key (an integer key, UINT64_MAX for another) and where its
	 * value starts. */
	size_t		 npairs;
	uint64_t	 key[CODEC_MAP_PAIRS];
	uint32_t	 off[CODEC_MAP_PAIRS];
};
int	 codec_map_open(struct codec_map *, const void *, size_t);
int	 codec_map_find(const struct codec_map *, unsigned fid,
	     struct value *out);
int	 codec_map_get(const struct codec_map *, const struct entity_def *e,
	     unsigned fid, struct value *out);
void	 codec_map_close(struct codec_map *);

#endif
