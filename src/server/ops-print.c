/*
 * Printing: a document laid out by its print form (forms/) and rendered
 * as PDF or as 80-column text, in the server, which keeps the fonts
 * loaded between documents.
 *
 * Request: {doc: "INV-2026-000001" (a document's number, or a customer's
 * code for a contract), form: NAME (absent: the document's default),
 * format: "pdf" | "text", dest: "file" | "printer:NAME" | "mail:ADDRESS"
 * | "screen" (where the client sends it: recorded, not acted on here)}.
 * Reply: {name: "INV-2026-000001.pdf" (with "-FORM" before the extension
 * when not the default form), form, format, bytes, sha256 (hex), archive:
 * the archive entry's id, or 0}.
 *
 * The same revision of a document gives the same bytes: nothing of the
 * time of printing goes in; the PDF's date is the document's own.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <nettle/sha2.h>

#include "auth.h"
#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "forms/forms.h"
#include "forms/sheet.h"
#include "i18n.h"
#include "log.h"
#include "model/archive.h"
#include "model/model.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

/* The entities some form is made from, in the table's order, each once;
 * NULL-ended, static. */
static const char *const *
print_entities(void)
{
	static const char	*v[32];
	static int		 done;
	static pthread_mutex_t	 mtx = PTHREAD_MUTEX_INITIALIZER;
	size_t			 i, j, k, n = 0;

	pthread_mutex_lock(&mtx);
	if (!done) {
		for (i = 0; form_table[i] != NULL; i++)
			for (j = 0; form_table[i]->entities[j] != NULL; j++) {
				for (k = 0; k < n; k++)
					if (strcmp(v[k],
					    form_table[i]->entities[j]) == 0)
						break;
				if (k == n && n + 1 < sizeof v / sizeof v[0])
					v[n++] = form_table[i]->entities[j];
			}
		v[n] = NULL;
		done = 1;
	}
	pthread_mutex_unlock(&mtx);
	return (v);
}

/* "invoice, order" : the forms made from entity e (caller frees). */
static char *
forms_of(const char *entity)
{
	struct buf	 b;
	size_t		 i;

	memset(&b, 0, sizeof b);
	for (i = 0; form_table[i] != NULL; i++)
		if (entity == NULL || form_takes(form_table[i], entity))
			buf_printf(&b, "%s%s", b.len > 0 ? ", " : "",
			    form_table[i]->name);
	return (buf_steal(&b));
}

/* The date a render carries: the document's date, else the day its
 * record last changed (a customer's); YYYYMMDD. */
static long
print_stamp(const struct record *r)
{
	struct tm	 tm;
	time_t		 t;
	int		 pos;

	if ((pos = dict_field_pos(r->ent, "date")) >= 0 &&
	    r->ent->fields[pos].type == FT_DATE && record_isset(r, pos))
		return ((long)record_int(r, pos));
	t = (time_t)record_int(r, FX_UPDATED);
	if (t <= 0)
		return (0);
	gmtime_r(&t, &tm);
	return ((long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday);
}

static void
sha256_hex(const void *p, size_t len, char *hex)
{
	struct sha256_ctx	 ctx;
	unsigned char		 d[SHA256_DIGEST_SIZE];
	size_t			 i;

	sha256_init(&ctx);
	sha256_update(&ctx, len, p);
	sha256_digest(&ctx, sizeof d, d);
	for (i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static int
dest_valid(const char *d)
{
	if (strcmp(d, "file") == 0 || strcmp(d, "screen") == 0)
		return (1);
	if (strncmp(d, "printer:", 8) == 0 && d[8] != '\0')
		return (1);
	if (strncmp(d, "mail:", 5) == 0 && strchr(d + 5, '@') != NULL)
		return (1);
	return (0);
}

struct print_arch {
	const struct archive_item	*it;
	uint64_t			 id;
};

static int
print_archive_tx(struct tx *x, struct wctx *w, char **cause)
{
	struct print_arch	*pa = w->arg;
	int			 rc;

	if ((rc = archive_put(x, pa->it, &pa->id, cause)) != ST_OK)
		return (rc);
	mb_map(w->data, 1);
	mb_kint(w->data, "archive", (int64_t)pa->id);
	return (ST_OK);
}

/*
 * Every print to a file, a printer or a message is archived: a new entry
 * with its bytes, or a send more on the entry of the same bytes (the same
 * revision printed again).  A print only shown on the screen is not: it
 * went nowhere.  The write is a transaction of its own, remembered by the
 * request's id, so a print sent again after a lost connection counts
 * once.  A print whose entry cannot be written fails: nothing leaves
 * unarchived.  0, or an exit code and *cause.
 */
static int
print_archive(struct req *r, const struct record *rec, const char *form,
    const char *format, const char *dest, const char *name,
    const struct buf *out, uint64_t *archive, char **cause)
{
	struct archive_item	 it;
	struct print_arch	 pa;
	struct msgb		 reply;
	struct msg		 msg;
	int			 rc;

	*archive = 0;
	if (strcmp(dest, "screen") == 0)
		return (0);
	memset(&it, 0, sizeof it);
	it.kind = ARCHIVE_PRINT;
	it.target = rec;
	it.form = form;
	it.format = format;
	it.name = name;
	it.dest = dest;
	it.bytes = out->data;
	it.len = out->len;
	it.login = r->c->login;
	memset(&pa, 0, sizeof pa);
	pa.it = &it;
	mb_init(&reply);
	rc = run_write(r, &reply, print_archive_tx, &pa, cause);
	if (rc == ST_OK && msg_parse(&msg, reply.sb.data, reply.sb.size) ==
	    0) {
		/* Its own answer, or the one the request log kept. */
		*archive = (uint64_t)mobj_int(msg.root, "archive", 0);
		msg_free(&msg);
	}
	mb_free(&reply);
	if (rc != ST_OK) {
		if (*cause == NULL)
			xasprintf(cause, _("the print could not be archived"));
		return (st_exit(rc));
	}
	return (0);
}

int
op_print(struct req *r, struct msgb *data, char **cause)
{
	struct store		*st = server_store(r->c->srv);
	const char *const	*ents;
	const struct entity_def	*e = NULL;
	const struct form_def	*f, *dflt;
	struct form_args	 a;
	struct record		*rec = NULL;
	struct sheet		*s = NULL;
	struct value		 key;
	struct buf		 out;
	char			*doc, *form, *format, *dest, *list, *name;
	char			 hex[2 * SHA256_DIGEST_SIZE + 1];
	uint64_t		 archive = 0;
	size_t			 i;
	int			 rc, limited, pdf;

	memset(&out, 0, sizeof out);
	doc = mobj_strdup(r->o, "doc");
	form = mobj_strdup(r->o, "form");
	format = mobj_strdup(r->o, "format");
	dest = mobj_strdup(r->o, "dest");
	if (doc == NULL || *doc == '\0') {
		xasprintf(cause, _("a document's number is required"));
		rc = EX_USAGE;
		goto out;
	}
	if (format == NULL)
		format = xstrdup("pdf");
	if (strcmp(format, "pdf") != 0 && strcmp(format, "text") != 0) {
		xasprintf(cause, _("unknown format '%s': pdf or text"),
		    format);
		rc = EX_USAGE;
		goto out;
	}
	pdf = strcmp(format, "pdf") == 0;
	if (dest == NULL)
		dest = xstrdup("file");
	if (!dest_valid(dest)) {
		xasprintf(cause, _("unknown destination '%s': file, screen, "
		    "printer:NAME or mail:ADDRESS"), dest);
		rc = EX_USAGE;
		goto out;
	}
	if (form != NULL && form_find(form) == NULL) {
		list = forms_of(NULL);
		xasprintf(cause, _("unknown form '%s' (forms: %s)"), form,
		    list);
		free(list);
		rc = EX_USAGE;
		goto out;
	}

	/* The document: the first entity a form is made from that has a
	 * record of that number. */
	ents = print_entities();
	memset(&key, 0, sizeof key);
	key.set = 1;
	key.s = doc;
	rc = ST_NOTFOUND;
	for (i = 0; ents[i] != NULL && rc == ST_NOTFOUND; i++) {
		if ((e = dict_entity(ents[i])) == NULL)
			continue;
		rc = store_lookup(st, e, FX_CODE, &key, &rec);
	}
	if (rc == ST_NOTFOUND) {
		/* A document no form is made from (yet): said as such. */
		for (i = 0; entity_table[i] != NULL; i++)
			if (store_lookup(st, entity_table[i], FX_CODE, &key,
			    &rec) == ST_OK) {
				xasprintf(cause, _("%s: no print form is made "
				    "from %s"), record_str(rec, FX_CODE),
				    model_ent_word(entity_table[i]));
				rc = EX_USAGE;
				goto out;
			}
	}
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			xasprintf(cause, _("no document or customer numbered "
			    "%s"), doc);
		else
			xasprintf(cause, _("%s cannot be read now"), doc);
		rc = st_exit(rc);
		goto out;
	}
	if (!read_allowed(r, e, &limited, cause) || (limited &&
	    !allowed(r, e->area, ACT_VIEW, cause))) {
		rc = EX_NOPERM;
		goto out;
	}
	free(*cause);
	*cause = NULL;
	dflt = form_default(e->name);
	f = form != NULL ? form_find(form) : dflt;
	if (f == NULL || !form_takes(f, e->name)) {
		list = forms_of(e->name);
		if (f == NULL)
			xasprintf(cause, _("%s: no print form is made from "
			    "%s"), record_str(rec, FX_CODE),
			    model_ent_word(e));
		else
			xasprintf(cause, _("%s: the form %s is not made from "
			    "%s (forms for it: %s)"), record_str(rec, FX_CODE),
			    f->name, model_ent_word(e), list);
		free(list);
		rc = EX_USAGE;
		goto out;
	}

	memset(&a, 0, sizeof a);
	a.code = record_str(rec, FX_CODE);
	a.entity = e->name;
	a.id = record_id(rec);
	a.home = server_home(r->c->srv);
	a.login = r->c->login;
	a.roles = r->c->roles;
	s = sheet_new(a.code, 0);
	if ((rc = f->build(st, &a, s, cause)) != 0)
		goto out;
	if (pdf) {
		if (sheet_pdf(s, print_stamp(rec), &out, cause) != 0) {
			rc = EX_SOFTWARE;
			goto out;
		}
	} else
		sheet_text(s, 80, &out);
	if (out.data == NULL)
		buf_add(&out, "", 0);
	sha256_hex(out.data, out.len, hex);

	if (f == dflt)
		xasprintf(&name, "%s.%s", a.code, pdf ? "pdf" : "txt");
	else
		xasprintf(&name, "%s-%s.%s", a.code, f->name, pdf ? "pdf" :
		    "txt");

	/* The archive's entry of this print (model/archive.h). */
	if ((rc = print_archive(r, rec, f->name, format, dest, name, &out,
	    &archive, cause)) != 0) {
		free(name);
		goto out;
	}

	mb_map(data, 6);
	mb_kstr(data, "name", name);
	mb_kstr(data, "form", f->name);
	mb_kstr(data, "format", format);
	mb_str(data, "bytes");
	mb_bin(data, out.data, out.len);
	mb_kstr(data, "sha256", hex);
	mb_kint(data, "archive", (int64_t)archive);
	log_info("print: %s %s %s as %s to %s (%zu bytes)", r->c->login,
	    a.code, f->name, format, dest, out.len);
	free(name);
	rc = 0;
out:
	sheet_free(s);
	record_free(rec);
	buf_free(&out);
	free(doc);
	free(form);
	free(format);
	free(dest);
	return (rc);
}
