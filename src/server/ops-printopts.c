/*
 * What a document can be printed as, and how the caller sent the last one
 * of its kind: the session's print dialog (P) asks before it shows, and
 * tells after a document went out.
 *
 * print_forms {doc, entity (optional: what kind of record doc is)} ->
 * {doc: its number, entity, forms: [{name, title}]
 * (the document's default first, then the others in the form table's
 * order), email: its customer's e-mail (absent: none, or not the caller's
 * to read), prefs: the caller's last choice for this kind of document
 * (absent: none yet) as {form, format, dest, printer, dir, mail}; mail is
 * "" unless it was typed for this document's customer}.
 *
 * print_prefs {doc, entity, form, format, dest: "printer" | "file" | "mail",
 * printer, dir, mail} -> nil: that choice remembered for the caller's
 * login and documents of doc's kind (its entity).
 *
 * Where the choice is kept: the store's meta (sys.db), key
 * "print.ENTITY.LOGIN", its value "name=value" lines.  It is a few short
 * values per login and kind, read by one key and never listed, searched
 * or exported: an entity of the dictionary (a primary database, indexes,
 * CSV, forms, revisions) would be machinery for nothing, and a field on
 * the users record would make every print a change of the user (an
 * admin's edit of it meanwhile refused as a conflict).  The meta is in
 * every backup and survives restarts; a change is audited as a setting's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "audit.h"
#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "forms/forms.h"
#include "i18n.h"
#include "model/model.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

/* The remembered values, in the order they are stored and sent; the
 * stored lines end with "customer=CODE", whose document the address was
 * typed for. */
static const char *const pref_names[] = {
	"form", "format", "dest", "printer", "dir", "mail", NULL
};
#define PREF_N		6
#define PREF_WIDTH	1024	/* characters a value may have */

static char *
pref_key(const char *entity, const char *login)
{
	char	*k;

	xasprintf(&k, "print.%s.%s", entity, login);
	return (k);
}

/* The value of name in stored "name=value" lines (malloc'd), or NULL. */
static char *
pref_get(const char *stored, const char *name)
{
	const char	*p, *eol;
	size_t		 n = strlen(name);

	for (p = stored; p != NULL && *p != '\0'; p = eol + (*eol != '\0')) {
		if ((eol = strchr(p, '\n')) == NULL)
			eol = p + strlen(p);
		if ((size_t)(eol - p) > n && strncmp(p, name, n) == 0 &&
		    p[n] == '=')
			return (xstrndup(p + n + 1, (size_t)(eol - p) - n - 1));
	}
	return (NULL);
}

/*
 * The document numbered doc: a record of entity when it is not NULL (a
 * screen knows what it shows), else of the first entity some form is
 * made from that has a record of that number (as op print finds it).  0
 * and *rec, *ent; else an exit code and *cause.
 */
static int
find_doc(struct store *st, const char *entity, const char *doc,
    const struct entity_def **ent, struct record **rec, char **cause)
{
	const struct entity_def	*e;
	struct value		 key;
	size_t			 i, j;
	int			 rc = ST_NOTFOUND;

	memset(&key, 0, sizeof key);
	key.set = 1;
	key.s = (char *)doc;
	if (entity != NULL) {
		if ((e = dict_entity(entity)) == NULL) {
			xasprintf(cause, _("unknown entity '%s'"), entity);
			return (EX_USAGE);
		}
		if ((rc = store_lookup(st, e, FX_CODE, &key, rec)) == ST_OK)
			*ent = e;
	}
	for (i = 0; entity == NULL && form_table[i] != NULL &&
	    rc == ST_NOTFOUND; i++)
		for (j = 0; form_table[i]->entities[j] != NULL &&
		    rc == ST_NOTFOUND; j++) {
			if ((e = dict_entity(form_table[i]->entities[j])) ==
			    NULL)
				continue;
			if ((rc = store_lookup(st, e, FX_CODE, &key, rec)) ==
			    ST_OK)
				*ent = e;
		}
	if (rc == ST_OK)
		return (0);
	if (rc == ST_NOTFOUND) {
		/* Not one of the kinds a form is made from: say so, rather
		 * than that it is not there. */
		xasprintf(cause, _("no document or customer numbered %s"),
		    doc);
		return (EX_NOINPUT);
	}
	xasprintf(cause, _("%s cannot be read now"), doc);
	return (st_exit(rc));
}

/* The customer the document is for (the customer itself for a contract
 * made from one), or NULL; the caller frees it. */
static struct record *
doc_customer(struct store *st, const struct entity_def *e,
    const struct record *rec)
{
	const struct entity_def	*ce = dict_entity("customers");
	struct record		*c = NULL;
	int			 pos;

	if (ce == NULL)
		return (NULL);
	if (e == ce)
		return (record_dup(rec));
	if ((pos = dict_field_pos(e, "customer")) < 0 ||
	    e->fields[pos].type != FT_REF ||
	    strcmp(e->fields[pos].ref, "customers") != 0 ||
	    !record_isset(rec, pos) ||
	    store_get(st, ce, (uint64_t)record_int(rec, pos), &c) != ST_OK)
		return (NULL);
	return (c);
}

/* The customer's e-mail, if the caller may read customers; malloc'd, or
 * NULL. */
static char *
cust_email(struct req *r, const struct record *c)
{
	const char	*s;
	int		 pos;

	if (c == NULL || !auth_allowed(r->c->roles, c->ent->area, ACT_VIEW))
		return (NULL);
	if ((pos = dict_field_pos(c->ent, "email")) >= 0 &&
	    (s = record_str(c, pos)) != NULL && *s != '\0')
		return (xstrdup(s));
	return (NULL);
}

static const char *
cust_code(const struct record *c)
{
	const char	*s = c != NULL ? record_str(c, FX_CODE) : NULL;

	return (s != NULL ? s : "");
}

/* The document numbered by the request's "doc", one the caller may read:
 * 0 and *e, *rec; else an exit code and *cause. */
static int
readable_doc(struct req *r, const struct entity_def **e, struct record **rec,
    char **cause)
{
	char	*doc, *entity;
	int	 rc, limited;

	*rec = NULL;
	if ((doc = mobj_strdup(r->o, "doc")) == NULL || *doc == '\0') {
		xasprintf(cause, _("a document's number is required"));
		free(doc);
		return (EX_USAGE);
	}
	entity = mobj_strdup(r->o, "entity");
	rc = find_doc(server_store(r->c->srv), entity, doc, e, rec, cause);
	free(entity);
	free(doc);
	if (rc != 0)
		return (rc);
	if (!read_allowed(r, *e, &limited, cause) || (limited &&
	    !allowed(r, (*e)->area, ACT_VIEW, cause))) {
		record_free(*rec);
		*rec = NULL;
		return (EX_NOPERM);
	}
	free(*cause);
	*cause = NULL;
	return (0);
}

int
op_print_forms(struct req *r, struct msgb *data, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const struct entity_def	*e = NULL;
	const struct form_def	*dflt;
	struct record		*rec = NULL, *cust = NULL;
	char			*mail = NULL, *key, *stored = NULL, *v, *who;
	size_t			 i, n = 0, nk;
	int			 rc;

	if ((rc = readable_doc(r, &e, &rec, cause)) != 0)
		return (rc);
	if ((dflt = form_default(e->name)) == NULL) {
		xasprintf(cause, _("%s: no print form is made from %s"),
		    record_str(rec, FX_CODE), model_ent_word(e));
		record_free(rec);
		return (EX_USAGE);
	}
	for (i = 0; form_table[i] != NULL; i++)
		if (form_takes(form_table[i], e->name))
			n++;
	cust = doc_customer(st, e, rec);
	mail = cust_email(r, cust);
	key = pref_key(e->name, r->c->login);
	stored = store_meta_get(st, key);
	free(key);

	nk = 3 + (mail != NULL) + (stored != NULL);
	mb_map(data, nk);
	mb_kstr(data, "doc", record_str(rec, FX_CODE));
	mb_kstr(data, "entity", e->name);
	mb_str(data, "forms");
	mb_array(data, n);
	mb_map(data, 2);
	mb_kstr(data, "name", dflt->name);
	mb_kstr(data, "title", form_title(dflt));
	for (i = 0; form_table[i] != NULL; i++) {
		if (form_table[i] == dflt || !form_takes(form_table[i],
		    e->name))
			continue;
		mb_map(data, 2);
		mb_kstr(data, "name", form_table[i]->name);
		mb_kstr(data, "title", form_title(form_table[i]));
	}
	if (mail != NULL)
		mb_kstr(data, "email", mail);
	if (stored != NULL) {
		/* An address typed for one customer is not offered for
		 * another's document. */
		who = pref_get(stored, "customer");
		mb_str(data, "prefs");
		mb_map(data, PREF_N);
		for (i = 0; i < PREF_N; i++) {
			v = pref_get(stored, pref_names[i]);
			if (strcmp(pref_names[i], "mail") == 0 &&
			    strcmp(who != NULL ? who : "", cust_code(cust)) !=
			    0) {
				free(v);
				v = NULL;
			}
			mb_kstr(data, pref_names[i], v != NULL ? v : "");
			free(v);
		}
		free(who);
	}
	record_free(rec);
	record_free(cust);
	free(stored);
	free(mail);
	return (0);
}

struct prefs_arg {
	char	*key;		/* print.ENTITY.LOGIN */
	char	*field;		/* print.ENTITY: the audit's field */
	char	*value;		/* the lines */
};

static int
prefs_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct prefs_arg	*a = w->arg;
	struct audit_entry	*e;
	char			*old;
	int			 rc;

	(void)cause;
	old = store_meta_get(tx_store(x), a->key);
	if (old != NULL && strcmp(old, a->value) == 0) {
		free(old);	/* the same again: nothing to write */
		mb_nil(w->data);
		return (ST_OK);
	}
	if ((rc = tx_meta_put(x, a->key, a->value)) != ST_OK) {
		free(old);
		return (rc);
	}
	e = xcalloc(1, sizeof *e);
	e->entity = xstrdup("settings");
	e->action = xstrdup("update");
	audit_add_change(e, a->field, old, a->value);
	tx_audit(x, e);
	free(old);
	mb_nil(w->data);
	return (ST_OK);
}

/* One value of the request, checked: one line of text, at most width
 * characters; "" when absent.  0, or -1 and *cause naming it. */
static int
pref_arg(struct req *r, const char *name, char **out, char **cause)
{
	char	*why = NULL;

	if ((*out = mobj_strdup(r->o, name)) == NULL)
		*out = xstrdup("");
	if (text_check(*out, PREF_WIDTH, 0, &why) != 0) {
		xasprintf(cause, "%s: %s", name, why);	/* i18n: no */
		free(why);
		return (-1);
	}
	return (0);
}

int
op_print_prefs(struct req *r, struct msgb *data, char **cause)
{
	const struct entity_def	*e = NULL;
	const struct form_def	*f;
	struct record		*rec = NULL, *cust = NULL;
	struct prefs_arg	 a;
	struct buf		 b;
	char			*v[PREF_N];
	size_t			 i;
	int			 rc;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	memset(v, 0, sizeof v);
	if ((rc = readable_doc(r, &e, &rec, cause)) != 0)
		return (rc);
	rc = EX_USAGE;
	for (i = 0; i < PREF_N; i++)
		if (pref_arg(r, pref_names[i], &v[i], cause) != 0)
			goto out;
	/* v: form, format, dest, printer, dir, mail. */
	if ((f = form_find(v[0])) == NULL || !form_takes(f, e->name)) {
		xasprintf(cause, _("%s: the form %s is not made from %s"),
		    record_str(rec, FX_CODE), v[0], model_ent_word(e));
		goto out;
	}
	if (strcmp(v[1], "pdf") != 0 && strcmp(v[1], "text") != 0) {
		xasprintf(cause, _("unknown format '%s': pdf or text"), v[1]);
		goto out;
	}
	if (strcmp(v[2], "printer") != 0 && strcmp(v[2], "file") != 0 &&
	    strcmp(v[2], "mail") != 0) {
		xasprintf(cause, _("unknown destination '%s': printer, file "
		    "or mail"), v[2]);
		goto out;
	}
	cust = doc_customer(server_store(r->c->srv), e, rec);
	for (i = 0; i < PREF_N; i++)
		buf_printf(&b, "%s=%s\n", pref_names[i], v[i]);
	/* Whose the address is: offered again for this customer only. */
	buf_printf(&b, "customer=%s\n", cust_code(cust));
	buf_addc(&b, '\0');
	a.key = pref_key(e->name, r->c->login);
	xasprintf(&a.field, "print.%s", e->name);
	a.value = b.data;
	rc = st_exit(run_write(r, data, prefs_tx, &a, cause));
out:
	for (i = 0; i < PREF_N; i++)
		free(v[i]);
	free(a.key);
	free(a.field);
	buf_free(&b);
	record_free(rec);
	record_free(cust);
	return (rc);
}
