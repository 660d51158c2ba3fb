/*
 * The archive of documents sent and files attached (model/archive.h):
 * entries of entity "archive", their bytes in the store's blobs under
 * their SHA-256, both written in one transaction; and kontor check's
 * proof that every entry's bytes are there and unchanged.
 */
#include "config.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/archive.h"
#include "model/model.h"
#include "xmalloc.h"

#define ARCHIVE_CHUNK	(1u << 20)	/* bytes hashed at a time by check */

/* What may have entries: the first entity with a record of a code is
 * the one it names (codes of different series never meet). */
static const char *const archive_targets[] = {
	"customers", "suppliers", "deals", "quotes", "sales_orders",
	"shipments", "customer_returns", "invoices", "payments",
	"purchase_orders", "stock_docs", NULL
};

static const struct entity_def *
arch_ent(void)
{
	return (dict_entity("archive"));
}

#define AP(name)	dict_field_pos(arch_ent(), (name))

void
archive_sha256(const void *p, size_t len, unsigned char *out)
{
	struct sha256_ctx	 ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, p);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void
archive_hex(const unsigned char *h, char *out)
{
	static const char	 digits[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < ARCHIVE_SHA_LEN; i++) {
		out[2 * i] = digits[h[i] >> 4];
		out[2 * i + 1] = digits[h[i] & 15];
	}
	out[ARCHIVE_HEX_LEN] = '\0';
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

int
archive_unhex(const char *s, unsigned char *out)
{
	size_t	 i;
	int	 hi, lo;

	if (s == NULL || strlen(s) != ARCHIVE_HEX_LEN)
		return (-1);
	for (i = 0; i < ARCHIVE_SHA_LEN; i++) {
		if ((hi = hexval((unsigned char)s[2 * i])) < 0 ||
		    (lo = hexval((unsigned char)s[2 * i + 1])) < 0)
			return (-1);
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return (0);
}

/* Whether two optional texts are the same (NULL and "" alike). */
static int
same_str(const char *a, const char *b)
{
	if (a == NULL)
		a = "";
	if (b == NULL)
		b = "";
	return (strcmp(a, b) == 0);
}

/* The customer a record is of: itself, or its customer field. */
static int64_t
target_customer(const struct record *t)
{
	int	 pos;

	if (strcmp(t->ent->name, "customers") == 0)
		return ((int64_t)record_id(t));
	if ((pos = dict_field_pos(t->ent, "customer")) >= 0 &&
	    t->ent->fields[pos].type == FT_REF && record_isset(t, pos))
		return (record_int(t, pos));
	return (0);
}

struct same_find {
	const struct archive_item	*it;
	uint64_t			 id;
	int				 rc;
};

/* An entry of the same bytes (the index's key): is it of the same
 * record, kind, form and format? */
static int
same_entry(struct tx *x, uint64_t id, void *arg)
{
	struct same_find		*sf = arg;
	const struct archive_item	*it = sf->it;
	struct record			*r;
	int				 rc, same;

	if ((rc = tx_get(x, arch_ent(), id, 1, &r)) != ST_OK) {
		sf->rc = rc;
		return (1);
	}
	same = same_str(record_str(r, AP("kind")), it->kind) &&
	    same_str(record_str(r, AP("entity")), it->target->ent->name) &&
	    record_int(r, AP("record")) == (int64_t)record_id(it->target) &&
	    same_str(record_str(r, AP("form")), it->form) &&
	    same_str(record_str(r, AP("format")), it->format);
	record_free(r);
	if (same)
		sf->id = id;
	return (same);
}

static int
item_check(const struct archive_item *it, char **cause)
{
	const struct entity_def	*e = arch_ent();
	char			*why = NULL;
	static const char *const texts[] = {
		"form", "format", "name", "dest", "note"
	};
	const char		*vals[5];
	size_t			 i;
	int			 pos;

	if (it->target == NULL || it->kind == NULL ||
	    (strcmp(it->kind, ARCHIVE_PRINT) != 0 &&
	    strcmp(it->kind, ARCHIVE_ATTACHMENT) != 0)) {
		xasprintf(cause, _("an archive entry needs a kind (print or "
		    "attachment) and a record it is of"));
		return (ST_INVALID);
	}
	if (record_str(it->target, FX_CODE) == NULL) {
		xasprintf(cause, _("%s %llu has no code: nothing to file "
		    "it under"), it->target->ent->name,
		    (unsigned long long)record_id(it->target));
		return (ST_INVALID);
	}
	if (it->name == NULL || *it->name == '\0') {
		xasprintf(cause, _("an archive entry needs a file name"));
		return (ST_INVALID);
	}
	if (it->len > UINT32_MAX) {
		xasprintf(cause, _("%zu bytes: too big for the archive"),
		    it->len);
		return (ST_INVALID);
	}
	vals[0] = it->form;
	vals[1] = it->format;
	vals[2] = it->name;
	vals[3] = it->dest;
	vals[4] = it->note;
	for (i = 0; i < 5; i++) {
		if (vals[i] == NULL)
			continue;
		pos = dict_field_pos(e, texts[i]);
		if (text_check(vals[i], e->fields[pos].width, 0, &why) != 0) {
			xasprintf(cause, _("column '%s': %s"), texts[i], why);
			free(why);
			return (ST_INVALID);
		}
	}
	return (ST_OK);
}

int
archive_put(struct tx *x, const struct archive_item *it, uint64_t *id,
    char **cause)
{
	const struct entity_def	*e = arch_ent();
	unsigned char		 sha[ARCHIVE_SHA_LEN];
	char			 hex[ARCHIVE_HEX_LEN + 1];
	const char		*login = it->login != NULL ? it->login :
				    tx_login(x);
	int64_t			 now = it->time != 0 ? it->time :
				    (int64_t)time(NULL), cust;
	struct same_find	 sf;
	struct record		*r;
	struct value		 v;
	uint64_t		 size;
	int			 rc;

	*id = 0;
	if ((rc = item_check(it, cause)) != ST_OK)
		return (rc);
	archive_sha256(it->bytes, it->len, sha);
	archive_hex(sha, hex);

	/* The same bytes of the same record and form: a send more. */
	memset(&sf, 0, sizeof sf);
	sf.it = it;
	sf.rc = ST_OK;
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = hex;
	rc = tx_find_each(x, e, AP("sha256"), &v, 1, same_entry, &sf);
	if (sf.rc != ST_OK)
		return (sf.rc);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return (rc);
	if (sf.id != 0) {
		if ((rc = tx_get(x, e, sf.id, 1, &r)) != ST_OK)
			return (rc);
		record_set_int(r, AP("sends"), (record_isset(r, AP("sends")) ?
		    record_int(r, AP("sends")) : 1) + 1);
		record_set_int(r, AP("last_time"), now);
		record_set_str(r, AP("last_dest"), it->dest);
		record_set_str(r, AP("last_by"), login);
		rc = tx_update(x, r, record_rev(r), cause);
		record_free(r);
		if (rc == ST_OK)
			*id = sf.id;
		return (rc);
	}

	/* New: the bytes, unless the same are kept for another entry. */
	rc = tx_blob_size(x, sha, 1, &size);
	if (rc == ST_NOTFOUND)
		rc = tx_blob_put(x, sha, it->bytes, it->len);
	if (rc != ST_OK)
		return (rc);
	r = record_new(e);
	record_set_str(r, AP("kind"), it->kind);
	record_set_str(r, AP("entity"), it->target->ent->name);
	record_set_int(r, AP("record"), (int64_t)record_id(it->target));
	record_set_str(r, AP("doc"), record_str(it->target, FX_CODE));
	record_set_int(r, AP("doc_rev"), record_rev(it->target));
	if ((cust = target_customer(it->target)) != 0)
		record_set_int(r, AP("customer"), cust);
	record_set_str(r, AP("form"), it->form);
	record_set_str(r, AP("format"), it->format);
	record_set_str(r, AP("name"), it->name);
	record_set_int(r, AP("size"), (int64_t)it->len);
	record_set_str(r, AP("sha256"), hex);
	record_set_str(r, AP("dest"), it->dest);
	record_set_str(r, AP("login"), login);
	record_set_int(r, AP("time"), now);
	record_set_int(r, AP("sends"), 1);
	record_set_int(r, AP("last_time"), now);
	record_set_str(r, AP("last_dest"), it->dest);
	record_set_str(r, AP("last_by"), login);
	record_set_str(r, AP("note"), it->note);
	rc = tx_insert(x, r, cause);
	if (rc == ST_OK)
		*id = record_id(r);
	record_free(r);
	return (rc);
}

int
archive_get(struct store *st, const char *idcode, struct record **out)
{
	const struct entity_def	*e = arch_ent();
	struct value		 v;
	const char		*p;
	char			*end;
	unsigned long long	 n;

	for (p = idcode; *p >= '0' && *p <= '9'; p++)
		;
	if (*idcode != '\0' && *p == '\0') {
		n = strtoull(idcode, &end, 10);
		if (n == 0)
			return (ST_NOTFOUND);
		return (store_get(st, e, (uint64_t)n, out));
	}
	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)idcode;
	return (store_lookup(st, e, FX_CODE, &v, out));
}

int
archive_read(struct store *st, const struct record *entry, uint64_t off,
    void *buf, size_t len, size_t *got)
{
	unsigned char	 sha[ARCHIVE_SHA_LEN];

	*got = 0;
	if (archive_unhex(record_str(entry, AP("sha256")), sha) != 0)
		return (ST_ERR);
	return (store_blob_read(st, sha, off, buf, len, got));
}

int
archive_list(struct store *st, const struct entity_def *te, uint64_t id,
    size_t limit, struct record ***rows, size_t *n)
{
	const struct entity_def	*e = arch_ent();
	struct record		*t, **got;
	struct value		 from;
	size_t			 ngot, i;
	int			 rc, bycust = strcmp(te->name, "customers") == 0;
	int			 pos = bycust ? AP("customer") : AP("doc");

	*rows = NULL;
	*n = 0;
	memset(&from, 0, sizeof from);
	from.set = 1;
	if (bycust)
		from.i = (int64_t)id;
	else {
		if ((rc = store_get(st, te, id, &t)) != ST_OK)
			return (rc);
		from.s = xstrdup(record_str(t, FX_CODE) ?
		    record_str(t, FX_CODE) : "");
		record_free(t);
	}
	rc = store_scan(st, e, pos, &from, 0, 1, limit, &got, &ngot);
	free(from.s);
	if (rc != ST_OK)
		return (rc);
	/* The scan runs on past the key: keep the record's own. */
	for (i = 0; i < ngot; i++) {
		if (bycust ? record_int(got[i], pos) == (int64_t)id :
		    (same_str(record_str(got[i], AP("entity")), te->name) &&
		    record_int(got[i], AP("record")) == (int64_t)id))
			got[(*n)++] = got[i];
		else
			record_free(got[i]);
	}
	*rows = got;
	return (ST_OK);
}

uint64_t
archive_max_bytes(struct store *st)
{
	const struct entity_def	*e = dict_entity("company");
	struct record		*r;
	struct value		 v;
	int64_t			 kb = 0;
	int			 pos = dict_field_pos(e, "attach_max_kb");

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)COMPANY_CODE;
	if (store_lookup(st, e, FX_CODE, &v, &r) == ST_OK) {
		if (record_isset(r, pos))
			kb = record_int(r, pos);
		record_free(r);
	}
	if (kb <= 0)
		kb = ARCHIVE_MAX_KB_DEFAULT;
	if (kb > ARCHIVE_MAX_KB_LIMIT)
		kb = ARCHIVE_MAX_KB_LIMIT;
	return ((uint64_t)kb * 1024);
}

int
archive_target(struct store *st, const char *code, struct record **out)
{
	const struct entity_def	*e;
	struct value		 v;
	size_t			 i;
	int			 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)code;
	for (i = 0; archive_targets[i] != NULL; i++) {
		if ((e = dict_entity(archive_targets[i])) == NULL)
			continue;
		rc = store_lookup(st, e, FX_CODE, &v, out);
		if (rc != ST_NOTFOUND)
			return (rc);
	}
	return (ST_NOTFOUND);
}

/* --- the entity's rules, kontor check --------------------------------- */

static int
archive_can_delete(struct tx *x, const struct record *r, char **cause)
{
	(void)x;
	(void)r;
	xasprintf(cause, _("archive entries are never deleted: they are the "
	    "record of what was sent"));
	return (ST_INVALID);	/* for everyone: not a permission */
}

/* An entry as kontor check names it. */
struct centry {
	unsigned char	 sha[ARCHIVE_SHA_LEN];
	uint64_t	 id;
	uint64_t	 size;
	char		*what;		/* "12 (AR-000012, INV-…, name)" */
	int		 bad_sha;	/* its sha256 is no hash */
};

struct ccheck {
	struct centry	*v;
	size_t		 n;
	unsigned char	*blobs;		/* the keys of blobs.db */
	size_t		 nblobs;
	int		 failed;	/* something could not be read */
};

static int
cmp_centry(const void *a, const void *b)
{
	const struct centry	*x = a, *y = b;
	int			 c = memcmp(x->sha, y->sha, ARCHIVE_SHA_LEN);

	if (c != 0)
		return (c);
	return (x->id < y->id ? -1 : x->id > y->id);
}

static int
collect_blob(const unsigned char *key, void *arg)
{
	struct ccheck	*c = arg;

	c->blobs = xreallocarray(c->blobs, c->nblobs + 1, ARCHIVE_SHA_LEN);
	memcpy(c->blobs + c->nblobs * ARCHIVE_SHA_LEN, key, ARCHIVE_SHA_LEN);
	c->nblobs++;
	return (0);
}

static int
collect_entry(const struct record *r, void *arg)
{
	struct ccheck	*c = arg;
	struct centry	*ce;
	const char	*doc = record_str(r, AP("doc"));
	const char	*name = record_str(r, AP("name"));

	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	ce = &c->v[c->n++];
	memset(ce, 0, sizeof *ce);
	ce->id = record_id(r);
	ce->size = (uint64_t)record_int(r, AP("size"));
	ce->bad_sha = archive_unhex(record_str(r, AP("sha256")), ce->sha) !=
	    0;
	xasprintf(&ce->what, "archive %llu (%s, %s, %s)",	/* i18n: no */
	    (unsigned long long)ce->id, record_str(r, FX_CODE) ?
	    record_str(r, FX_CODE) : "?", doc ? doc : "?", name ? name : "?");
	return (0);
}

/* Hash the blob of key, size bytes expected: 0 when it holds, else a
 * problem in *why (static text with a hex of the hash found in hex). */
static int
blob_verify(struct store *st, const unsigned char *key, uint64_t want,
    const char **why, char *hex, uint64_t *have)
{
	struct sha256_ctx	 ctx;
	unsigned char		*buf, got[ARCHIVE_SHA_LEN];
	uint64_t		 off = 0;
	size_t			 n;
	int			 rc;

	*why = NULL;
	if ((rc = store_blob_size(st, key, have)) == ST_NOTFOUND) {
		*why = "missing";
		return (-1);
	}
	if (rc != ST_OK) {
		*why = "unreadable";
		return (-1);
	}
	if (*have != want) {
		*why = "size";
		return (-1);
	}
	buf = xmalloc(ARCHIVE_CHUNK);
	sha256_init(&ctx);
	for (;;) {
		if ((rc = store_blob_read(st, key, off, buf, ARCHIVE_CHUNK,
		    &n)) != ST_OK) {
			free(buf);
			*why = "unreadable";
			return (-1);
		}
		if (n == 0)
			break;
		sha256_update(&ctx, n, buf);
		off += n;
	}
	free(buf);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, got);
	if (memcmp(got, key, ARCHIVE_SHA_LEN) != 0) {
		archive_hex(got, hex);
		*why = "hash";
		return (-1);
	}
	return (0);
}

static int
archive_check(struct store *st, struct buf *report)
{
	struct ccheck	 c;
	const char	*why;
	char		 hex[ARCHIVE_HEX_LEN + 1], want[ARCHIVE_HEX_LEN + 1];
	uint64_t	 have;
	size_t		 i, j, k;
	int		 bad = 0, ok;

	memset(&c, 0, sizeof c);
	/* The blobs first: a blob written after this walk comes with its
	 * entry, which the walk of the entries then sees; one before it
	 * has its entry already. */
	if (store_blob_each(st, collect_blob, &c) != ST_OK) {
		buf_printf(report, _("%s: cannot be read\n"), "blobs.db");
		bad++;
		c.failed = 1;
	}
	if (store_each(st, arch_ent(), collect_entry, &c) != ST_OK) {
		buf_printf(report, _("%s: cannot be read\n"), "archive");
		bad++;
		c.failed = 1;
	}
	if (c.n > 0)
		xqsort(c.v, c.n, sizeof *c.v, cmp_centry);
	/* Each blob hashed once, for all the entries of its bytes. */
	for (i = 0; i < c.n; i = j) {
		for (j = i + 1; j < c.n && memcmp(c.v[j].sha, c.v[i].sha,
		    ARCHIVE_SHA_LEN) == 0; j++)
			;
		if (c.v[i].bad_sha) {
			for (k = i; k < j; k++) {
				buf_printf(report, _("%s: its SHA-256 is not "
				    "64 hex digits\n"), c.v[k].what);
				bad++;
			}
			continue;
		}
		ok = blob_verify(st, c.v[i].sha, c.v[i].size, &why, hex,
		    &have) == 0;
		archive_hex(c.v[i].sha, want);
		for (k = i; k < j && !ok; k++) {
			bad++;
			if (strcmp(why, "missing") == 0)
				buf_printf(report, _("%s: its bytes (SHA-256 "
				    "%s) are missing\n"), c.v[k].what, want);
			else if (strcmp(why, "size") == 0)
				buf_printf(report, _("%s: %llu bytes kept, "
				    "%llu expected\n"), c.v[k].what,
				    (unsigned long long)have,
				    (unsigned long long)c.v[k].size);
			else if (strcmp(why, "hash") == 0)
				buf_printf(report, _("%s: its bytes are "
				    "damaged: their SHA-256 is %s, %s "
				    "expected\n"), c.v[k].what, hex, want);
			else
				buf_printf(report, _("%s: its bytes cannot "
				    "be read\n"), c.v[k].what);
		}
	}
	/* A blob no entry refers to was written by something else. */
	for (i = 0; i < c.nblobs && !c.failed; i++) {
		struct centry	 key;

		size_t		 lo = 0, hi = c.n, mid;
		int		 cmp = 1;

		memcpy(key.sha, c.blobs + i * ARCHIVE_SHA_LEN,
		    ARCHIVE_SHA_LEN);
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			cmp = memcmp(c.v[mid].sha, key.sha, ARCHIVE_SHA_LEN);
			if (cmp == 0)
				break;
			if (cmp < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (cmp == 0)
			continue;
		archive_hex(key.sha, hex);
		buf_printf(report, _("blobs.db: %s is kept, but no archive "
		    "entry refers to it\n"), hex);
		bad++;
	}
	for (i = 0; i < c.n; i++)
		free(c.v[i].what);
	free(c.v);
	free(c.blobs);
	return (bad);
}

const struct model_def model_archive = {
	.entity = "archive",
	.can_delete = archive_can_delete,
	.never_by_hand = N_("archive entries are made by printing, mailing "
	    "and attaching (kontor print, mail, attach), never by hand"),
	.check = archive_check,
};
