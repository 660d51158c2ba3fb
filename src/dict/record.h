#ifndef KONTOR_DICT_RECORD_H
#define KONTOR_DICT_RECORD_H

#include <stddef.h>
#include <stdint.h>

struct entity_def;

/*
 * A value of one field.  Text and enum values live in s (owned by the
 * value), everything else in i.  A value that is not set is NULL in CSV
 * and absent from the encoded record.
 */
struct value {
	int		 set;
	int64_t		 i;
	char		*s;
};

/* A field this binary does not know, kept as raw msgpack to save back. */
struct extra_field {
	uint32_t	 id;
	char		*raw;
	size_t		 len;
};

/*
 * A record of one entity: one value per field of the entity's table, by
 * position, plus the fields of newer binaries it does not know.
 */
struct record {
	const struct entity_def	*ent;
	struct value		*v;
	struct extra_field	*x;
	size_t			 nx;
};

struct record	*record_new(const struct entity_def *);
void		 record_free(struct record *);
struct record	*record_dup(const struct record *);
void		 record_clear(struct record *, int pos);
/* Clear every field but the system and FF_PUBLIC ones, and drop the
 * unknown ones: what a user outside the entity's area may see. */
void		 record_keep_public(struct record *);
/* Setters take copies; s may be NULL to clear. */
void		 record_set_int(struct record *, int pos, int64_t);
void		 record_set_str(struct record *, int pos, const char *);
void		 record_set_value(struct record *, int pos, const struct value *);
/* Getters return borrowed values; 0 or NULL when not set. */
int64_t		 record_int(const struct record *, int pos);
const char	*record_str(const struct record *, int pos);
int		 record_isset(const struct record *, int pos);
uint64_t	 record_id(const struct record *);
uint32_t	 record_rev(const struct record *);
/* Whether two values of the same field are equal. */
int		 value_equal(const struct value *, const struct value *);

#endif
