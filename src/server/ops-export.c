/*
 * Export as CSV text made in the server (issue 16): the primary walked a
 * page at a time with a bulk cursor, each page in its own short
 * read-committed transaction, its records formatted from their stored
 * bytes straight into CSV (dict/csvrow.c), and the text sent in large
 * frames that the client writes as they come.  Nothing is locked while a
 * frame goes out; a row is sent once, in id order, as it stood when its
 * page was read.  The older answer of rows of cells (op_export) stays
 * for clients that do not ask for this.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "db/store.h"
#include "dict/csvrow.h"
#include "dict/dict.h"
#include "i18n.h"
#include "log.h"
#include "model/model.h"
#include "proto.h"
#include "server/req.h"
#include "server/server.h"
#include "xmalloc.h"

/* The first frame soon (the first rows arrive as fast as before), then
 * frames of about half a megabyte: few writes, and the client writes one
 * frame while the server makes the next. */
#define EXPORT_CSV_FIRST	(16u << 10)
#define EXPORT_CSV_PAGE		(512u << 10)

static char *
export_ref_code(void *arg, const struct field_def *f, int64_t id)
{
	return (model_ref_code(arg, f, id));
}

/*
 * The CSV text is made after room for a msgpack bin32 header (5 bytes),
 * filled in when the frame goes: the text is not copied into a bin.
 */
#define BIN_HEAD	5

static void
export_begin(struct buf *b)
{
	b->len = 0;
	buf_add(b, "\xc6\0\0\0\0", BIN_HEAD);
}

/* Send the CSV text in b as one frame of the stream, a bin. */
static int
export_send(struct req *r, struct buf *b)
{
	size_t	 n = b->len - BIN_HEAD;
	int	 rc;

	b->data[1] = (char)(n >> 24);
	b->data[2] = (char)(n >> 16);
	b->data[3] = (char)(n >> 8);
	b->data[4] = (char)n;
	rc = respond(r, 0, NULL, 1, b->data, b->len);
	export_begin(b);
	return (rc);
}

int
export_csv(struct req *r, const struct entity_def *e, struct msgb *data,
    char **cause)
{
	struct store		*st = server_store(r->c->srv);
	struct store_page	 pg;
	struct csvrow		*cr;
	struct buf		 b;
	const void		*p;
	size_t			 len, page = EXPORT_CSV_FIRST;
	uint64_t		 last = 0, total = 0, id;
	char			*why = NULL;
	int			 rc = 0;

	memset(&pg, 0, sizeof pg);
	memset(&b, 0, sizeof b);
	export_begin(&b);
	cr = csvrow_new(e, mobj_int(r->o, "raw", 0) != 0, export_ref_code,
	    st);
	csvrow_header(cr, &b);
	if (export_send(r, &b) != 0)
		goto gone;
	for (;;) {
		if ((rc = store_page_read(st, e, last, page, &pg)) != ST_OK) {
			xasprintf(cause, P_("%s: export failed after %llu row",
			    "%s: export failed after %llu rows", total),
			    e->name, (unsigned long long)total);
			rc = st_exit(rc);
			goto out;
		}
		if (pg.len == 0)
			break;
		while (store_page_next(&pg, &id, &p, &len)) {
			last = id;
			if (csvrow_add(cr, &b, p, len, &why) != 0) {
				log_warnx("export %s: record %llu: %s",
				    e->name, (unsigned long long)id, why);
				free(why);
				why = NULL;
				continue;
			}
			total++;
		}
		/* The client has gone (or stopped reading): stop too. */
		if (b.len > BIN_HEAD && export_send(r, &b) != 0)
			goto gone;
		page = EXPORT_CSV_PAGE;
	}
	mb_map(data, 1);
	mb_kint(data, "rows", (int64_t)total);
	goto out;
gone:
	xasprintf(cause, P_("%s: export abandoned by the client after %llu "
	    "row", "%s: export abandoned by the client after %llu rows",
	    total), e->name, (unsigned long long)total);
	rc = EX_IOERR;
out:
	csvrow_free(cr);
	store_page_free(&pg);
	buf_free(&b);
	return (rc);
}
