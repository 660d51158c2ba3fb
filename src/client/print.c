/*
 * Printing over the client connection (op "print"): print.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "client/client.h"
#include "client/print.h"
#include "forms/sheet.h"
#include "i18n.h"
#include "xmalloc.h"

int
cp_print(struct client *c, const struct cp_print_req *q,
    struct cp_printout *p, char **cause)
{
	struct client_reply	 r;
	struct msgb		 m;
	struct buf		 conv;
	char			*s;
	size_t			 n = 3;
	int			 rc;

	memset(p, 0, sizeof *p);
	if (q->form != NULL)
		n++;
	client_req(c, &m, "print", n);
	mb_kstr(&m, "doc", q->doc);
	if (q->form != NULL)
		mb_kstr(&m, "form", q->form);
	mb_kstr(&m, "format", q->format != NULL ? q->format : "pdf");
	mb_kstr(&m, "dest", q->dest != NULL ? q->dest : "file");
	if ((rc = client_call_doc(c, &m, &r, _("refused"), &p->bytes,
	    &p->len, cause)) != 0)
		return (rc);
	p->name = mobj_strdup(r.data, "name");
	p->form = mobj_strdup(r.data, "form");
	p->format = mobj_strdup(r.data, "format");
	if ((s = mobj_strdup(r.data, "sha256")) != NULL) {
		snprintf(p->sha256, sizeof p->sha256, "%s", s);
		free(s);
	}
	p->archive = (uint64_t)mobj_int(r.data, "archive", 0);
	client_reply_free(&r);
	if (p->name == NULL)
		p->name = xstrdup(q->doc);
	if (q->encoding != NULL && p->format != NULL &&
	    strcmp(p->format, "text") == 0) {
		memset(&conv, 0, sizeof conv);
		if (sheet_text_encode(p->bytes, p->len, q->encoding, &conv,
		    cause) != 0) {
			cp_printout_free(p);
			return (EX_USAGE);
		}
		free(p->bytes);
		p->len = conv.len;
		p->bytes = buf_steal(&conv);
	}
	return (0);
}

void
cp_printout_free(struct cp_printout *p)
{
	free(p->name);
	free(p->form);
	free(p->format);
	free(p->bytes);
	memset(p, 0, sizeof *p);
}
