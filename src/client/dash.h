#ifndef KONTOR_CLIENT_DASH_H
#define KONTOR_CLIENT_DASH_H

#include <stddef.h>
#include <stdint.h>

struct client;

/*
 * The dashboard's figures as the server sends them (server/ops-dash.c):
 * (figure, key, unit, value), unit 'm' kopecks, 'q' thousandths, 'n' a
 * count, 'd' a date YYYYMMDD.  Shared by `kontor dashboard` and the home
 * screen.
 */
struct cdash_fig {
	char		*figure;
	char		*key;
	char		 unit;
	int64_t		 value;
};
struct cdash {
	char			*version;
	int			 same;		/* nothing changed since */
	int64_t			 us;		/* the server's time, µs */
	struct cdash_fig	*v;
	size_t			 n;
	char			*sku, *name;	/* the stock lookup's */
	int			 more;		/* other products match */
	size_t			 bytes;		/* of the reply frame */
};

/*
 * Ask for the figures: since (NULL: none) the version the caller has,
 * stock (NULL: none) a scan, SKU or part of a name to look up, today
 * (0: the server's) the day they count from.  0 and *out (cd_dash_free),
 * or an exit code and *cause.
 */
int	 cd_dashboard(struct client *, const char *since, const char *stock,
	     int64_t today, struct cdash *out, char **cause);
void	 cd_dash_free(struct cdash *);
/* The figure's value, or def when the reply has none. */
int64_t	 cd_dash_value(const struct cdash *, const char *figure,
	     const char *key, int64_t def);
/* A value as text: money "1234.56", quantity "12.5", count, date. */
void	 cd_dash_format(char unit, int64_t value, char *buf, size_t len);

#endif
