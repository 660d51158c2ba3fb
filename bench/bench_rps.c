/*
 * bench_rps: requests per second of a running kontor server.
 *
 *	bench_rps --home H [-c 1,8,32] [-d SECONDS] [-r RECORDS] [-o OPS]
 *
 * For each operation (get, put, insert) and each number of clients C,
 * C processes are forked; each opens its own connection (client_open,
 * as the CLI does), waits at a common start line, then sends requests
 * one at a time for the given duration, and reports its count and
 * latencies through a pipe.  The table gives the aggregate rate and the
 * median and 99th percentile latency.
 *
 *	get	a customer by id, chosen at random from the seeded ones
 *	put	an update of one of the client's own customers (its revision
 *		kept from the previous answer: no conflicts), durable
 *	insert	a new customer, durable
 *
 * Every put and insert is durable: the server flushes the log before it
 * answers.  The home must exist (kontor init); a server is started if
 * none answers.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client/client.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "home.h"
#include "proto.h"
#include "xmalloc.h"

#define MAX_CLIENTS	256
#define LAT_MAX		(1u << 20)	/* latencies kept per client */

static char			 notes[4096];	/* errors, after the table */

static const struct entity_def	*ent;
static int			 pos_name, pos_kind, pos_city, pos_status,
				 pos_notes, pos_phone;

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
die(const char *what, const char *why)
{
	fprintf(stderr, "bench_rps: %s: %s\n", what, why != NULL ? why : "?");
	exit(70);
}

static struct client *
connect_home(const struct paths *p)
{
	struct client	*c;
	char		*cause = NULL;

	if (client_open(p, CLIENT_AUTOSTART, &c, &cause) != 0)
		die("cannot connect", cause);
	return (c);
}

static struct record *
new_customer(unsigned long n)
{
	struct record	*r = record_new(ent);
	char		 buf[64];

	snprintf(buf, sizeof buf, "ООО «Бенч %lu»", n);
	record_set_str(r, pos_name, buf);
	record_set_str(r, pos_kind, "company");
	record_set_str(r, pos_city, "Москва");
	record_set_str(r, pos_status, "active");
	snprintf(buf, sizeof buf, "+7 (495) %03lu-%02lu-%02lu", n / 10000 %
	    1000, n / 100 % 100, n % 100);
	record_set_str(r, pos_phone, buf);
	return (r);
}

/* Send a put of r; returns rc, and the new id and revision. */
static int
put(struct client *c, const struct record *r, uint32_t rev, uint64_t *id,
    uint32_t *newrev, char **err)
{
	struct client_reply	 rep;
	struct msgb		 m;
	char			*p;
	size_t			 len;
	int			 rc;

	codec_encode(r, &p, &len);
	client_req(c, &m, "put", 3);
	mb_kstr(&m, "entity", ent->name);
	mb_str(&m, "rec");
	mb_bin(&m, p, len);
	mb_kint(&m, "rev", rev);
	free(p);
	rc = client_call(c, &m, &rep);
	if (rc == 0) {
		if (id != NULL)
			*id = (uint64_t)mobj_int(rep.data, "id", 0);
		if (newrev != NULL)
			*newrev = (uint32_t)mobj_int(rep.data, "rev", 0);
	} else if (err != NULL && *err == NULL && rep.err != NULL)
		*err = xstrdup(rep.err);
	client_reply_free(&rep);
	return (rc);
}

static int
get(struct client *c, uint64_t id, char **err)
{
	struct client_reply	 rep;
	struct msgb		 m;
	int			 rc;

	client_req(c, &m, "get", 2);
	mb_kstr(&m, "entity", ent->name);
	mb_kint(&m, "id", (int64_t)id);
	rc = client_call(c, &m, &rep);
	if (rc != 0 && err != NULL && *err == NULL && rep.err != NULL)
		*err = xstrdup(rep.err);
	client_reply_free(&rep);
	return (rc);
}

struct result {
	uint64_t	 n;
	uint64_t	 errors;
	double		 secs;
	uint32_t	 nlat;		/* latencies that follow, in us */
	char		 err[200];	/* the first error */
};

enum op { OP_GET, OP_PUT, OP_INSERT };
static const char *const op_names[] = { "get", "put", "insert" };

/*
 * One client: connect, own records [first, first + nown) of ids, wait
 * for the start byte, run for secs, write a result and latencies to wfd.
 */
static void
child(const struct paths *p, enum op op, const uint64_t *ids, size_t nids,
    size_t first, size_t nown, double secs, int startfd, int wfd,
    unsigned seed)
{
	struct client	 *c;
	struct record	**own = NULL;
	uint32_t	 *revs = NULL, *lat;
	struct result	  res;
	char		  go, *err = NULL, buf[32];
	double		  t0, t, t1;
	size_t		  i, k = 0;
	int		  rc;

	c = connect_home(p);
	lat = xcalloc(LAT_MAX, sizeof *lat);
	memset(&res, 0, sizeof res);
	srand(seed);
	if (op == OP_PUT) {
		own = xcalloc(nown, sizeof *own);
		revs = xcalloc(nown, sizeof *revs);
		for (i = 0; i < nown; i++) {
			struct client_reply	 rep;
			struct msgb		 m;
			const char		*b;
			size_t			 blen;

			client_req(c, &m, "get", 2);
			mb_kstr(&m, "entity", ent->name);
			mb_kint(&m, "id", (int64_t)ids[first + i]);
			if (client_call(c, &m, &rep) != 0 ||
			    rep.data == NULL ||
			    rep.data->type != MSGPACK_OBJECT_BIN)
				die("get", rep.err);
			b = rep.data->via.bin.ptr;
			blen = rep.data->via.bin.size;
			if (codec_decode(ent, b, blen, &own[i], &err) != 0)
				die("decode", err);
			revs[i] = record_rev(own[i]);
			client_reply_free(&rep);
		}
	}
	if (read(startfd, &go, 1) != 1)
		_exit(1);
	t0 = now();
	t1 = t0 + secs;
	for (t = t0; t < t1; ) {
		double	 ts = t;

		switch (op) {
		case OP_GET:
			rc = get(c, ids[(size_t)rand() % nids], &err);
			break;
		case OP_PUT:
			i = k++ % nown;
			snprintf(buf, sizeof buf, "bench %llu",
			    (unsigned long long)res.n);
			record_set_str(own[i], pos_notes, buf);
			rc = put(c, own[i], revs[i], NULL, &revs[i], &err);
			break;
		default: {
			struct record	*r;

			r = new_customer(((unsigned long)seed << 20) + res.n);
			rc = put(c, r, 0, NULL, NULL, &err);
			record_free(r);
			break;
		}
		}
		t = now();
		if (rc != 0)
			res.errors++;
		else {
			if (res.nlat < LAT_MAX)
				lat[res.nlat++] = (uint32_t)((t - ts) * 1e6);
			res.n++;
		}
	}
	res.secs = t - t0;
	if (err != NULL)
		snprintf(res.err, sizeof res.err, "%s", err);
	if (write(wfd, &res, sizeof res) != sizeof res ||
	    write(wfd, lat, res.nlat * sizeof *lat) !=
	    (ssize_t)(res.nlat * sizeof *lat))
		_exit(1);
	client_close(c);
	_exit(0);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	 x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x < y ? -1 : x > y);
}

static int
read_all(int fd, void *p, size_t len)
{
	char	*q = p;
	ssize_t	 n;

	while (len > 0) {
		if ((n = read(fd, q, len)) <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			return (-1);
		}
		q += n;
		len -= (size_t)n;
	}
	return (0);
}

static void
run(const struct paths *p, enum op op, int nclients, const uint64_t *ids,
    size_t nids, double secs)
{
	int		 startp[2], resp[MAX_CLIENTS][2];
	pid_t		 pids[MAX_CLIENTS];
	struct result	 res;
	uint32_t	*lat = NULL;
	uint64_t	 total = 0, errors = 0;
	size_t		 nlat = 0, per = nids / (size_t)nclients;
	double		 maxsecs = 0, rate = 0;
	char		 err[sizeof res.err] = "";
	int		 i, status;

	if (pipe(startp) != 0)
		die("pipe", strerror(errno));
	for (i = 0; i < nclients; i++) {
		if (pipe(resp[i]) != 0)
			die("pipe", strerror(errno));
		fflush(stdout);
		if ((pids[i] = fork()) < 0)
			die("fork", strerror(errno));
		if (pids[i] == 0) {
			close(startp[1]);
			close(resp[i][0]);
			child(p, op, ids, nids, (size_t)i * per,
			    per > 0 ? per : 1, secs, startp[0], resp[i][1],
			    (unsigned)(getpid() * 7919 + i));
		}
		close(resp[i][1]);
	}
	close(startp[0]);
	/* Everyone is connected when they block on the start line; give
	 * them a moment, then let all go at once. */
	usleep(200000 + 20000 * nclients);
	for (i = 0; i < nclients; i++)
		if (write(startp[1], "g", 1) != 1)
			die("start", strerror(errno));
	close(startp[1]);
	for (i = 0; i < nclients; i++) {
		if (read_all(resp[i][0], &res, sizeof res) != 0)
			die(op_names[op], "a client failed");
		lat = xreallocarray(lat, nlat + res.nlat, sizeof *lat);
		if (read_all(resp[i][0], lat + nlat,
		    res.nlat * sizeof *lat) != 0)
			die(op_names[op], "a client failed");
		nlat += res.nlat;
		total += res.n;
		errors += res.errors;
		if (err[0] == '\0' && res.err[0] != '\0')
			memcpy(err, res.err, sizeof err);
		if (res.secs > maxsecs)
			maxsecs = res.secs;
		if (res.secs > 0)
			rate += (double)res.n / res.secs;
		close(resp[i][0]);
	}
	for (i = 0; i < nclients; i++)
		waitpid(pids[i], &status, 0);
	qsort(lat, nlat, sizeof *lat, cmp_u32);
	printf("| %-6s | %7d | %9llu | %6llu | %9.0f | %8.3f | %8.3f |\n",
	    op_names[op], nclients, (unsigned long long)total,
	    (unsigned long long)errors, rate,
	    nlat ? lat[nlat / 2] / 1000.0 : 0.0,
	    nlat ? lat[(size_t)((double)nlat * 0.99)] / 1000.0 : 0.0);
	if (err[0] != '\0') {
		size_t	 used = strlen(notes);

		snprintf(notes + used, sizeof notes - used, "%s, %d clients: "
		    "%llu errors, the first: %s\n", op_names[op], nclients,
		    (unsigned long long)errors, err);
	}
	fflush(stdout);
	free(lat);
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_rps --home DIR [-c 1,8,32] [-d secs] "
	    "[-r records] [-o get,put,insert]\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "home", required_argument, NULL, 'H' },
		{ "socket", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*home = NULL, *sock = NULL;
	char		*clist = xstrdup("1,8,32"), *olist = xstrdup("get,put,insert");
	char		*tok, *save, *err = NULL;
	struct paths	 p;
	struct client	*c;
	uint64_t	*ids;
	size_t		 nrec = 3200, i;
	double		 secs = 5;
	int		 ch, counts[16], ncounts = 0, k;
	enum op		 ops[8];
	int		 nops = 0;

	while ((ch = getopt_long(argc, argv, "H:S:c:d:r:o:", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'H':
			home = optarg;
			break;
		case 'S':
			sock = optarg;
			break;
		case 'c':
			free(clist);
			clist = xstrdup(optarg);
			break;
		case 'd':
			secs = atof(optarg);
			break;
		case 'r':
			nrec = strtoul(optarg, NULL, 10);
			break;
		case 'o':
			free(olist);
			olist = xstrdup(optarg);
			break;
		default:
			usage();
		}
	}
	if (home == NULL || secs <= 0 || nrec == 0)
		usage();
	for (tok = strtok_r(clist, ",", &save); tok != NULL && ncounts < 16;
	    tok = strtok_r(NULL, ",", &save)) {
		counts[ncounts] = atoi(tok);
		if (counts[ncounts] < 1 || counts[ncounts] > MAX_CLIENTS)
			usage();
		ncounts++;
	}
	for (tok = strtok_r(olist, ",", &save); tok != NULL && nops < 8;
	    tok = strtok_r(NULL, ",", &save)) {
		for (k = 0; k < 3; k++)
			if (strcmp(tok, op_names[k]) == 0)
				break;
		if (k == 3)
			usage();
		ops[nops++] = (enum op)k;
	}
	ent = dict_entity("customers");
	pos_name = dict_field_pos(ent, "name");
	pos_kind = dict_field_pos(ent, "kind");
	pos_city = dict_field_pos(ent, "city");
	pos_status = dict_field_pos(ent, "status");
	pos_notes = dict_field_pos(ent, "notes");
	pos_phone = dict_field_pos(ent, "phone");
	signal(SIGPIPE, SIG_IGN);
	setenv("KONTOR_PROG", "bench_rps", 1);
	paths_resolve(&p, home, sock);

	/* The records to read and update: seeded once, one session. */
	c = connect_home(&p);
	ids = xcalloc(nrec, sizeof *ids);
	for (i = 0; i < nrec; i++) {
		struct record	*r = new_customer(i);

		if (put(c, r, 0, &ids[i], NULL, &err) != 0)
			die("seeding", err);
		record_free(r);
	}
	client_close(c);

	printf("kontor requests per second: %zu customers seeded, %.0f s per "
	    "run, one connection per client process; puts durable\n\n",
	    nrec, secs);
	printf("| op     | clients |  requests | errors |     req/s | "
	    "p50 (ms) | p99 (ms) |\n");
	printf("|--------|--------:|----------:|-------:|----------:|"
	    "---------:|---------:|\n");
	for (k = 0; k < nops; k++)
		for (i = 0; i < (size_t)ncounts; i++)
			run(&p, ops[k], counts[i], ids, nrec, secs);
	if (notes[0] != '\0')
		printf("\nerrors (every failed request counts in the table):\n"
		    "%s", notes);
	paths_free(&p);
	free(ids);
	free(clist);
	free(olist);
	return (0);
}
