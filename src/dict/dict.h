#ifndef KONTOR_DICT_DICT_H
#define KONTOR_DICT_DICT_H

#include <stddef.h>
#include <stdint.h>

/*
 * The data dictionary: every entity is declared once, as a table of
 * fields (src/dict/entities.c).  The codec, the secondary indexes, list
 * columns, forms, CSV import and export, validation and audit diffs are
 * all generic over these tables, so adding a field is one line.
 *
 * Field ids are stable forever: a record stores its values keyed by id,
 * so a removed field's id is never reused.  Ids 1-9 are the system
 * fields every entity has (DICT_SYSTEM_FIELDS); entity fields start at 10.
 */

enum ftype {
	FT_TEXT,	/* UTF-8, no control characters */
	FT_INT,		/* int64 */
	FT_MONEY,	/* int64 kopecks */
	FT_QTY,		/* int64 thousandths of a unit */
	FT_DATE,	/* int YYYYMMDD */
	FT_TIME,	/* int64 seconds since the epoch, UTC */
	FT_ENUM,	/* text, one of field->enums */
	FT_BOOL,	/* 0 or 1 */
	FT_REF		/* int64 id of a record of field->ref */
};

#define FF_REQUIRED	0x0001	/* must be set on save */
#define FF_UNIQUE	0x0002	/* no two records share a value */
#define FF_INDEXED	0x0004	/* secondary index: sort and scan */
#define FF_SEARCH	0x0008	/* word-prefix search index (text) */
#define FF_RDONLY	0x0010	/* set by the system only */
#define FF_LIST		0x0020	/* a column of the default list */
#define FF_DIGITS	0x0040	/* index the digits only (phones) */
#define FF_MULTILINE	0x0080	/* text may hold newlines */
#define FF_SYSTEM	0x0100	/* one of DICT_SYSTEM_FIELDS */
#define FF_SECRET	0x0200	/* never exported */
#define FF_UPPER	0x0400	/* stored upper-case (codes) */
#define FF_PUBLIC	0x0800	/* readable by everyone signed in, whatever
				   the area: a user's login and name */
#define FF_FIRM		0x1000	/* a firm's name: sorted without its legal
				   form (ООО, АО, ИП...) and quotes */
#define FF_BYNAME	0x2000	/* FT_REF: lists show the record referred
				   to by its name (dict_name_pos), not its
				   code: a customer, a supplier, a person;
				   the CSV and `kontor show` keep the code */
#define FF_REFSCAN	0x4000	/* FT_REF kept without an index, since
				   nothing reads by it but the delete of
				   the record it names: that delete finds
				   it by a walk of this entity's records
				   (model.c's still_referred; issue 16) */

/* Field kinds of text that get an extra syntax check. */
enum fcheck {
	FC_NONE,
	FC_DIGITS,	/* digits only */
	FC_INN,		/* Russian taxpayer number with check digits */
	FC_KPP,		/* 9 characters: NNNN XX NNN */
	FC_EMAIL,
	FC_PHONE,
	FC_LOGIN,	/* a Unix login name */
	FC_EAN13,
	FC_BIK,		/* a bank's 9-digit identifier */
	FC_ACCOUNT,	/* a 20-digit bank account */
	FC_OGRN,	/* state registration number, 13 or 15 digits */
	FC_NONNEG,	/* a number not below 0 (a limit, days, a price) */
	FC_PERCENT	/* a number from 0 to 100 */
};

struct field_def {
	uint16_t		  id;
	const char		 *name;		/* CSV column, wire name */
	const char		 *label;	/* form label */
	enum ftype		  type;
	int			  width;	/* max characters (text) */
	unsigned		  flags;
	const char		 *ref;		/* FT_REF: target entity */
	const char *const	 *enums;	/* FT_ENUM: NULL-terminated */
	enum fcheck		  check;
};

/*
 * A derived entity (the stock ledger, the balances) is written only by
 * postings inside the server: clients may read and export it but never
 * put or delete a record, and its records get no audit entry of their
 * own, because the posting's entry names the document that made them.
 */
#define ENT_DERIVED	0x01
/* Who may view the shipping area reads it too: the orders a shipment
 * picks from are what the warehouse works to. */
#define ENT_SHIPPING_READS	0x02
/* Who may view the shipping area reads its records' names (not the rest):
 * a shipment's and a return's customer is named on the screen as on the
 * waybill. */
#define ENT_SHIPPING_NAMES	0x04

struct entity_def {
	const char		 *name;		/* "customers" */
	const char		 *title;	/* "Customers" */
	const char		 *area;		/* permission area */
	const char		 *code_prefix;	/* "C": codes C-000123 */
	const struct field_def	 *fields;
	size_t			  nfields;
	unsigned		  flags;	/* ENT_* */
};

/* System fields, positions 0-4 of every entity's field table. */
#define FID_ID		1
#define FID_REV		2
#define FID_CREATED	3
#define FID_UPDATED	4
#define FID_UPDATED_BY	5
#define FID_CODE	10	/* every entity's human code, unique */

#define FX_ID		0	/* positions in fields[] */
#define FX_REV		1
#define FX_CREATED	2
#define FX_UPDATED	3
#define FX_UPDATED_BY	4
#define FX_CODE		5

#define DICT_SYSTEM_FIELDS						\
	{ FID_ID, "id", "Id", FT_INT, 12, FF_SYSTEM|FF_RDONLY, NULL, NULL, FC_NONE }, \
	{ FID_REV, "rev", "Revision", FT_INT, 6, FF_SYSTEM|FF_RDONLY, NULL, NULL, FC_NONE }, \
	{ FID_CREATED, "created", "Created", FT_TIME, 20, FF_SYSTEM|FF_RDONLY, NULL, NULL, FC_NONE }, \
	{ FID_UPDATED, "updated", "Updated", FT_TIME, 20, FF_SYSTEM|FF_RDONLY, NULL, NULL, FC_NONE }, \
	{ FID_UPDATED_BY, "updated_by", "Updated by", FT_TEXT, 32, FF_SYSTEM|FF_RDONLY, NULL, NULL, FC_NONE }

extern const struct entity_def *const entity_table[];	/* NULL-terminated */

/* Look up an entity by name; NULL if unknown. */
const struct entity_def	*dict_entity(const char *);
/* The code of the company's one record (entity "company"). */
#define COMPANY_CODE	"OWN"
/* Field by name or by id; NULL if unknown.  Positions: -1 if unknown. */
const struct field_def	*dict_field(const struct entity_def *, const char *);
int			 dict_field_pos(const struct entity_def *, const char *);
int			 dict_field_pos_id(const struct entity_def *, unsigned);
/* Whether the field gets a secondary index. */
int			 dict_field_indexed(const struct field_def *);
/* A comma-separated list of the entity names, for messages; caller frees. */
char			*dict_entity_names(void);
/* Whether the entity has FF_PUBLIC fields (readable, limited to them, by
 * every signed-in user). */
int			 dict_has_public(const struct entity_def *);
/* The position of the field a record is called by in lists where a
 * FF_BYNAME reference shows it (its "name": a firm's, a person's full
 * name), or -1 when the entity has none. */
int			 dict_name_pos(const struct entity_def *);
/* Whether s names one of f->enums. */
int			 dict_enum_valid(const struct field_def *, const char *);
/*
 * A stored enum value as people read it, in the language of the thread
 * (the session's): its translation in the context "enum" (_ctx: in ctx,
 * a field's own), else, in English, its words (dict_enum_en[]: "part
 * paid" for part_paid, where the stored word is an identifier), else the
 * value.  Every list, card, report and message shows an enum through
 * these.  Borrowed (a constant or the catalogue's); NULL for NULL.
 */
const char		*dict_enum_word(const char *value);
const char		*dict_enum_word_ctx(const char *ctx,
			     const char *value);
/* The English words of stored enum values that are not words as they
 * stand; NULL-terminated (value NULL). */
struct dict_enum_en {
	const char	*value, *words;
};
extern const struct dict_enum_en dict_enum_en[];

/*
 * Other names of an enum's words (entities.c): a unit or a VAT rate as
 * 1C writes it.  name is folded as dict_enum_find() folds; why, when
 * set, refuses the name (it means word, but not quite: a calculated VAT
 * rate) and says why, for _().
 */
struct enum_alias {
	const char	*name;
	const char	*word;
	const char	*why;
};
struct enum_names {
	const char *const	*enums;		/* a field's f->enums */
	const struct enum_alias	*aliases;	/* NULL-terminated */
};
extern const struct enum_names enum_names_table[];	/* NULL-terminated */

#define DICT_ENUM_FOLD	64	/* room for a folded name */
/*
 * s as dict_enum_find() compares it, into out (DICT_ENUM_FOLD bytes):
 * lower case (ASCII, Latin-1, Cyrillic), ё as е, and without spaces,
 * no-break spaces, dots and '%'.  0, or -1 when it does not fit.
 */
int			 dict_enum_fold(const char *, char *out);
/*
 * The word of f->enums that s names, a constant of the dictionary; NULL
 * when none.  The word itself always; for a vocabulary that has other
 * names (enum_names_table: units, VAT rates), also the word or one of
 * those in any case, with or without spaces, dots and '%' ("Шт.",
 * "НДС 20%", "Без НДС").  A name refused on purpose gives NULL with
 * *refused (when not NULL) set to its alias: its why and the word to
 * write instead.
 */
const char		*dict_enum_find(const struct field_def *, const char *,
			    const struct enum_alias **refused);

#endif
