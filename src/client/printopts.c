/*
 * The print dialog's questions to the server: printopts.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "client/client.h"
#include "client/printopts.h"
#include "i18n.h"
#include "proto.h"
#include "xmalloc.h"

static int
fail(struct client_reply *r, char **cause)
{
	int	 rc = r->rc != 0 ? r->rc : EX_SOFTWARE;

	*cause = xstrdup(r->err != NULL ? r->err : _("refused"));
	client_reply_free(r);
	return (rc);
}

static char *
str_or_empty(const msgpack_object *o, const char *key)
{
	char	*s = mobj_strdup(o, key);

	return (s != NULL ? s : xstrdup(""));
}

int
cp_print_forms(struct client *c, const char *entity, const char *doc,
    struct cp_print_forms *f, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	const msgpack_object	*a, *p;
	size_t			 i;

	memset(f, 0, sizeof *f);
	client_req(c, &m, "print_forms", entity != NULL ? 2 : 1);
	mb_kstr(&m, "doc", doc);
	if (entity != NULL)
		mb_kstr(&m, "entity", entity);
	if (client_call(c, &m, &r) != 0)
		return (fail(&r, cause));
	f->doc = str_or_empty(r.data, "doc");
	f->entity = str_or_empty(r.data, "entity");
	f->email = mobj_strdup(r.data, "email");
	a = mobj_get(r.data, "forms");
	if (a != NULL && a->type == MSGPACK_OBJECT_ARRAY &&
	    a->via.array.size > 0) {
		f->forms = xcalloc(a->via.array.size, sizeof *f->forms);
		for (i = 0; i < a->via.array.size; i++) {
			const msgpack_object	*o = &a->via.array.ptr[i];
			struct cp_form		*x = &f->forms[f->nforms];

			if ((x->name = mobj_strdup(o, "name")) == NULL)
				continue;
			if ((x->title = mobj_strdup(o, "title")) == NULL)
				x->title = xstrdup(x->name);
			f->nforms++;
		}
	}
	if ((p = mobj_get(r.data, "prefs")) != NULL &&
	    p->type == MSGPACK_OBJECT_MAP) {
		f->has_prefs = 1;
		f->prefs.form = str_or_empty(p, "form");
		f->prefs.format = str_or_empty(p, "format");
		f->prefs.dest = str_or_empty(p, "dest");
		f->prefs.printer = str_or_empty(p, "printer");
		f->prefs.dir = str_or_empty(p, "dir");
		f->prefs.mail = str_or_empty(p, "mail");
	}
	client_reply_free(&r);
	if (f->nforms == 0) {
		*cause = xstrdup(_("the server's answer has no form"));
		cp_print_forms_free(f);
		return (EX_PROTOCOL);
	}
	return (0);
}

void
cp_print_forms_free(struct cp_print_forms *f)
{
	size_t	 i;

	for (i = 0; i < f->nforms; i++) {
		free(f->forms[i].name);
		free(f->forms[i].title);
	}
	free(f->forms);
	free(f->doc);
	free(f->entity);
	free(f->email);
	free(f->prefs.form);
	free(f->prefs.format);
	free(f->prefs.dest);
	free(f->prefs.printer);
	free(f->prefs.dir);
	free(f->prefs.mail);
	memset(f, 0, sizeof *f);
}

static const char *
or_empty(const char *s)
{
	return (s != NULL ? s : "");
}

int
cp_print_remember(struct client *c, const char *entity, const char *doc,
    const struct cp_print_prefs *p, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;

	client_req(c, &m, "print_prefs", 8);
	mb_kstr(&m, "entity", entity);
	mb_kstr(&m, "doc", doc);
	mb_kstr(&m, "form", or_empty(p->form));
	mb_kstr(&m, "format", or_empty(p->format));
	mb_kstr(&m, "dest", or_empty(p->dest));
	mb_kstr(&m, "printer", or_empty(p->printer));
	mb_kstr(&m, "dir", or_empty(p->dir));
	mb_kstr(&m, "mail", or_empty(p->mail));
	if (client_call(c, &m, &r) != 0)
		return (fail(&r, cause));
	client_reply_free(&r);
	return (0);
}
