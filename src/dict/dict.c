#include "config.h"

#include <string.h>

#include "dict/dict.h"
#include "xmalloc.h"

const struct entity_def *
dict_entity(const char *name)
{
	const struct entity_def *const	*e;

	for (e = entity_table; *e != NULL; e++)
		if (strcmp((*e)->name, name) == 0)
			return (*e);
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
