#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "dict/norm.h"
#include "i18n.h"
#include "xmalloc.h"

/*
 * The entities last found, by the address of the name asked for: most
 * callers pass the same constants again and again (a field's f->ref, an
 * entity's name in the code), and the walk of the table compared up to
 * sixty names each time (issue 16: ~1 % of a posting, every reference of
 * every audit entry).  Only a hint: a hit is the entry whose name equals
 * the one asked for, whatever the address held before.  Per thread, so
 * no lock.
 */
#define DICT_ECACHE	32	/* a power of two */
static __thread struct {
	const char		*name;
	const struct entity_def	*e;
} ecache[DICT_ECACHE];

const struct entity_def *
dict_entity(const char *name)
{
	const struct entity_def *const	*e;
	size_t				 slot;

	slot = ((uintptr_t)name >> 3 ^ (uintptr_t)name >> 9) &
	    (DICT_ECACHE - 1);
	if (ecache[slot].name == name &&
	    strcmp(ecache[slot].e->name, name) == 0)
		return (ecache[slot].e);
	for (e = entity_table; *e != NULL; e++)
		if (strcmp((*e)->name, name) == 0) {
			ecache[slot].name = name;
			ecache[slot].e = *e;
			return (*e);
		}
	return (NULL);
}

int
dict_field_pos(const struct entity_def *e, const char *name)
{
	size_t	 i;

	for (i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return ((int)i);
	return (-1);
}

int
dict_field_pos_id(const struct entity_def *e, unsigned id)
{
	size_t	 i;

	for (i = 0; i < e->nfields; i++)
		if (e->fields[i].id == id)
			return ((int)i);
	return (-1);
}

const struct field_def *
dict_field(const struct entity_def *e, const char *name)
{
	int	 pos = dict_field_pos(e, name);

	return (pos < 0 ? NULL : &e->fields[pos]);
}

int
dict_field_indexed(const struct field_def *f)
{
	return ((f->flags & (FF_INDEXED|FF_UNIQUE|FF_SEARCH)) != 0);
}

char *
dict_entity_names(void)
{
	const struct entity_def *const	*e;
	struct buf			 b = { 0 };

	for (e = entity_table; *e != NULL; e++) {
		if (b.len != 0)
			buf_adds(&b, ", ");
		buf_adds(&b, (*e)->name);
	}
	return (buf_steal(&b));
}

int
dict_enum_valid(const struct field_def *f, const char *s)
{
	const char *const	*p;

	if (f->enums == NULL)
		return (0);
	for (p = f->enums; *p != NULL; p++)
		if (strcmp(*p, s) == 0)
			return (1);
	return (0);
}

const char *
dict_enum_word(const char *value)
{
	return (dict_enum_word_ctx("enum", value));
}

const char *
dict_enum_word_ctx(const char *ctx, const char *value)
{
	const char	*t;
	size_t		 i;

	if (value == NULL)
		return (NULL);
	if ((t = i18n_ctx(ctx, value)) != value)
		return (t);
	for (i = 0; dict_enum_en[i].value != NULL; i++)
		if (strcmp(dict_enum_en[i].value, value) == 0)
			return (dict_enum_en[i].words);
	return (value);
}

int
dict_enum_fold(const char *s, char *out)
{
	char	*f, *p;
	size_t	 n = 0;

	f = norm_fold(s, 0);
	for (p = f; *p != '\0'; p++) {
		if (*p == ' ' || *p == '.' || *p == '%')
			continue;
		if ((unsigned char)p[0] == 0xc2 &&
		    (unsigned char)p[1] == 0xa0) {
			p++;
			continue;
		}
		if (n + 1 >= DICT_ENUM_FOLD) {
			free(f);
			return (-1);
		}
		out[n++] = *p;
	}
	out[n] = '\0';
	free(f);
	return (0);
}

const char *
dict_enum_find(const struct field_def *f, const char *s,
    const struct enum_alias **refused)
{
	const struct enum_names	*t;
	const struct enum_alias	*a;
	const char *const	*w;
	char			 fs[DICT_ENUM_FOLD], fw[DICT_ENUM_FOLD];

	if (refused != NULL)
		*refused = NULL;
	if (f->enums == NULL)
		return (NULL);
	for (w = f->enums; *w != NULL; w++)
		if (strcmp(*w, s) == 0)
			return (*w);
	for (t = enum_names_table; t->enums != NULL; t++)
		if (t->enums == f->enums)
			break;
	if (t->enums == NULL || dict_enum_fold(s, fs) != 0)
		return (NULL);
	for (w = f->enums; *w != NULL; w++)
		if (dict_enum_fold(*w, fw) == 0 && strcmp(fw, fs) == 0)
			return (*w);
	for (a = t->aliases; a->name != NULL; a++) {
		if (strcmp(a->name, fs) != 0)
			continue;
		for (w = f->enums; *w != NULL; w++)
			if (strcmp(*w, a->word) == 0)
				break;
		if (*w == NULL)
			return (NULL);	/* a bad table: tests catch it */
		if (a->why == NULL)
			return (*w);
		if (refused != NULL)
			*refused = a;
		return (NULL);
	}
	return (NULL);
}

int
dict_has_public(const struct entity_def *e)
{
	size_t	 i;

	for (i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & FF_PUBLIC)
			return (1);
	return (0);
}

int
dict_name_pos(const struct entity_def *e)
{
	int	 pos = dict_field_pos(e, "name");

	/* The name, not the code that is called "name" (a deal stage's). */
	if (pos < 0 || pos == FX_CODE || e->fields[pos].type != FT_TEXT)
		return (-1);
	return (pos);
}
