/*
 * The terminal session.  Until the screens land (the TUI issue), it
 * connects, says who you are and what the home holds.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "client/client.h"
#include "home.h"
#include "session.h"

int
session_main(const struct paths *p)
{
	struct client		*c;
	struct client_reply	 r;
	struct msgb		 m;
	char			*cause = NULL;
	int			 rc;

	if ((rc = client_open(p, CLIENT_AUTOSTART, &c, &cause)) != 0) {
		fprintf(stderr, "kontor: %s\n", cause);
		free(cause);
		return (rc);
	}
	printf("kontor: %s, signed in as %s (%s)\n",
	    client_company(c) ? client_company(c) : "",
	    client_login(c), client_name(c) ? client_name(c) : "");
	client_req(c, &m, "count", 1);
	mb_kstr(&m, "entity", "customers");
	if (client_call(c, &m, &r) == 0)
		printf("customers: %lld\n", (long long)r.data->via.i64);
	client_reply_free(&r);
	client_close(c);
	return (0);
}
