/*
 * stocker: a test client that competes for scarce stock.
 *
 *   stocker --home H [--socket S] --log FILE --seconds N --seed K
 *	--skus P01,P02,... --warehouses MAIN:Main,SHOP:Shop
 *
 * For N seconds it posts random stock documents on the products and
 * warehouses given (CODE, or CODE:Name: a refusal names the code):
 *   - a reservation of 1-5 units of one or two products;
 *   - an issue of 1-5 units of one or two products, or against one of
 *     its own reservations in force (the reserved quantities, now and
 *     then one unit more);
 *   - the reversal of one of its reservations in force;
 *   - a transfer of 1-3 units to the other warehouse, which stays in
 *     transit for a while and is then posted again to arrive (all of
 *     them arrive before it ends);
 *   - a receipt of 1-3 units.
 * Every document is saved and posted in one request.
 *
 * Each accepted request is written to the log, one line per document
 * line, and flushed, only after its acknowledgement arrived:
 *
 *	CODE reservation SKU WH QTY -
 *	CODE issue SKU WH QTY RESERVATION|-
 *	CODE transfer SKU FROM QTY TO
 *	CODE arrive SKU TO QTY FROM
 *	CODE receipt SKU WH QTY -
 *	CODE reverse - - 0 -		(a reservation released)
 *
 * A refusal for lack of stock is expected: exit code 65 and exactly
 * "SKU at CODE: A available, Q requested" for one of the document's
 * lines, with Q its quantity and A less than Q.  "Try again" (75) is
 * retried and counted.  Anything else -- another refusal, a refusal
 * where none is possible (an issue of exactly what its reservation
 * holds, an arrival, a receipt, the reversal of a reservation in
 * force), an answer with the wrong status -- is written to stderr and
 * makes the exit code 1.
 *
 * Stdout has "retried KIND: MESSAGE" for each "try again", and at the
 * end one line per kind of request:
 *
 *	count KIND ACCEPTED REFUSED RETRIED
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "client/client.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "home.h"
#include "log.h"
#include "proto.h"
#include "xmalloc.h"

#define MAXLINES	2
#define MAXWH		8
#define MAXSKU		64
#define TEMPFAIL_RETRIES 50

enum kind { K_RSV, K_ISSUE, K_AGAINST, K_UNRESERVE, K_TRANSFER, K_ARRIVE,
    K_RECEIPT, K_MAX };
static const char *const kind_names[K_MAX] = {
	"reservation", "issue", "issue_against", "unreserve", "transfer",
	"arrive", "receipt"
};

struct line {
	int		 sku;		/* index in skus */
	long long	 qty;		/* units */
};

struct doc {
	char		*code;
	int		 wh, to;	/* indexes in whs */
	struct line	 l[MAXLINES];
	int		 n;
};

struct wh {
	char		*code;
};

static const struct entity_def	*doc_e, *line_e;
static struct client		*cl;
static FILE			*ledger_log;
static char			*skus[MAXSKU];
static int			 nskus;
static struct wh		 whs[MAXWH];
static int			 nwhs;
static unsigned long long	 rng;
static long			 accepted[K_MAX], refused[K_MAX];
static long			 retried[K_MAX];
static int			 bad;

/* Reservations in force and transfers in transit, of this client. */
static struct doc		*rsv, *transit;
static size_t			 nrsv, ntransit;

static void	die(const char *, ...)
		    __attribute__((noreturn, format(printf, 1, 2)));
static void	complain(const char *, ...)
		    __attribute__((format(printf, 1, 2)));

static void
die(const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "stocker: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EX_SOFTWARE);
}

/* Something the server must not have answered. */
static void
complain(const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "stocker %ld: ", (long)getpid());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	bad = 1;
}

/* xorshift64*: each client its own sequence from its seed. */
static unsigned
rnd(unsigned n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return ((unsigned)((rng * 2685821657736338717ULL) >> 33) % n);
}

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
doc_clear(struct doc *d)
{
	free(d->code);
	memset(d, 0, sizeof *d);
}

static void
list_add(struct doc **v, size_t *n, struct doc *d)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = *d;
	memset(d, 0, sizeof *d);
}

/* Take element i out of a list into *d. */
static void
list_take(struct doc *v, size_t *n, size_t i, struct doc *d)
{
	*d = v[i];
	v[i] = v[--*n];
}

static void
log_flush(void)
{
	if (fflush(ledger_log) != 0)
		die("log: %s", strerror(errno));
}

/*
 * Whether a refusal is the expected one for lack of stock: rc 65 and
 * "SKU at CODE: A available, Q requested" for one of d's lines (the
 * line the answer names, if it names one), A < Q.
 */
static int
short_refusal(const struct doc *d, int wh, const struct client_reply *rep,
    const long long *qty)
{
	char		 want[256];
	long long	 a, q;
	int64_t		 ln;
	int		 i, off = -1;

	if (rep->rc != EX_DATAERR || rep->err == NULL)
		return (0);
	ln = rep->data != NULL ? mobj_int(rep->data, "line", 0) : 0;
	for (i = 0; i < d->n; i++) {
		if (ln != 0 && ln != i + 1)
			continue;
		snprintf(want, sizeof want, "%s at %s: ", skus[d->l[i].sku],
		    whs[wh].code);
		if (strncmp(rep->err, want, strlen(want)) != 0)
			continue;
		if (sscanf(rep->err + strlen(want), "%lld available, %lld "
		    "requested%n", &a, &q, &off) != 2 ||
		    off != (int)strlen(rep->err + strlen(want)))
			continue;
		if (q == qty[i] && a >= 0 && a < q)
			return (1);
	}
	return (0);
}

/*
 * Send a doc request built by fill (retried while the server says "try
 * again"); 0 and the answer's code and status, or the refusal in *rep.
 */
static int
call(enum kind k, void (*fill)(struct msgb *, const void *), const void *arg,
    size_t nargs, struct client_reply *rep)
{
	struct msgb	 m;
	int		 try, rc = 0;

	for (try = 0; try < TEMPFAIL_RETRIES; try++) {
		client_req(cl, &m, "doc", nargs);
		fill(&m, arg);
		if ((rc = client_call(cl, &m, rep)) != EX_TEMPFAIL)
			return (rc);
		retried[k]++;
		printf("retried %s: %s\n", kind_names[k],
		    rep->err != NULL ? rep->err : "(no message)");
		client_reply_free(rep);
		usleep(10000);
	}
	return (rc);
}

struct save {
	const struct doc	*d;
	const char		*type;
	const char		*against;
};

static void
fill_save(struct msgb *m, const void *arg)
{
	const struct save	*s = arg;
	const struct doc	*d = s->d;
	struct record		*r;
	char			*p;
	size_t			 len;
	int			 i;

	r = record_new(doc_e);
	record_set_str(r, dict_field_pos(doc_e, "type"), s->type);
	record_set_str(r, dict_field_pos(doc_e, "warehouse"),
	    whs[d->wh].code);
	if (strcmp(s->type, "transfer") == 0)
		record_set_str(r, dict_field_pos(doc_e, "to_warehouse"),
		    whs[d->to].code);
	if (s->against != NULL)
		record_set_str(r, dict_field_pos(doc_e, "against"),
		    s->against);
	codec_encode(r, &p, &len);
	record_free(r);
	mb_kstr(m, "entity", "stock_docs");
	mb_kstr(m, "action", "save");
	mb_kbool(m, "post", 1);
	mb_str(m, "rec");
	mb_bin(m, p, len);
	free(p);
	mb_str(m, "lines");
	mb_array(m, (size_t)d->n);
	for (i = 0; i < d->n; i++) {
		r = record_new(line_e);
		record_set_str(r, dict_field_pos(line_e, "product"),
		    skus[d->l[i].sku]);
		record_set_int(r, dict_field_pos(line_e, "qty"),
		    d->l[i].qty * 1000);
		codec_encode(r, &p, &len);
		record_free(r);
		mb_bin(m, p, len);
		free(p);
	}
}

struct act {
	const char	*action;
	const char	*code;
};

static void
fill_act(struct msgb *m, const void *arg)
{
	const struct act	*a = arg;

	mb_kstr(m, "entity", "stock_docs");
	mb_kstr(m, "action", a->action);
	mb_kstr(m, "code", a->code);
}

/* The answer's status is want; its code is returned (caller frees). */
static char *
answer(enum kind k, const struct client_reply *rep, const char *want)
{
	char	*code, *status;

	code = mobj_strdup(rep->data, "code");
	status = mobj_strdup(rep->data, "status");
	if (code == NULL || status == NULL || strcmp(status, want) != 0)
		complain("%s: answered %s %s, expected status %s",
		    kind_names[k], code ? code : "(no code)",
		    status ? status : "(no status)", want);
	free(status);
	if (code == NULL)
		code = xstrdup("?");
	return (code);
}

/* Save and post d as a document of the type; 0 when accepted (d->code
 * set), 1 when refused for lack of stock. */
static int
post_doc(enum kind k, struct doc *d, const char *type, const char *against,
    const long long *reserved, int may_refuse)
{
	struct client_reply	 rep;
	struct save		 s = { d, type, against };
	long long		 qty[MAXLINES];
	int			 i, rc;

	for (i = 0; i < d->n; i++)
		qty[i] = d->l[i].qty;
	rc = call(k, fill_save, &s, 5, &rep);
	if (rc == 0) {
		accepted[k]++;
		d->code = answer(k, &rep, strcmp(type, "transfer") == 0 ?
		    "in_transit" : "posted");
		client_reply_free(&rep);
		return (0);
	}
	if (short_refusal(d, d->wh, &rep, qty)) {
		refused[k]++;
		if (!may_refuse)
			complain("%s of %s at %s refused: %s", kind_names[k],
			    skus[d->l[0].sku], whs[d->wh].code, rep.err);
		client_reply_free(&rep);
		return (1);
	}
	complain("%s of %d lines (%s %lld%s) at %s: rc %d: %s",
	    kind_names[k], d->n, skus[d->l[0].sku], d->l[0].qty,
	    reserved != NULL ? " against a reservation" : "",
	    whs[d->wh].code, rc, rep.err ? rep.err : "(no message)");
	client_reply_free(&rep);
	return (-1);
}

/* One or two distinct products, 1 to max units each. */
static void
pick_lines(struct doc *d, int max, int two)
{
	d->n = two ? 2 : 1;
	d->l[0].sku = (int)rnd((unsigned)nskus);
	d->l[0].qty = 1 + rnd((unsigned)max);
	if (d->n == 2) {
		d->l[1].sku = (d->l[0].sku + 1 + (int)rnd((unsigned)nskus -
		    1)) % nskus;
		d->l[1].qty = 1 + rnd((unsigned)max);
	}
}

static void
write_lines(const struct doc *d, const char *kind, int wh, int other,
    const char *extra)
{
	int	 i;

	for (i = 0; i < d->n; i++)
		fprintf(ledger_log, "%s %s %s %s %lld %s\n", d->code, kind,
		    skus[d->l[i].sku], whs[wh].code, d->l[i].qty,
		    other >= 0 ? whs[other].code : extra);
	log_flush();
}

static void
do_reserve(void)
{
	struct doc	 d;

	memset(&d, 0, sizeof d);
	d.wh = (int)rnd((unsigned)nwhs);
	pick_lines(&d, 5, rnd(4) == 0);
	if (post_doc(K_RSV, &d, "reservation", NULL, NULL, 1) != 0) {
		doc_clear(&d);
		return;
	}
	write_lines(&d, "reservation", d.wh, -1, "-");
	list_add(&rsv, &nrsv, &d);
}

static void
do_issue(void)
{
	struct doc	 d, r;
	long long	 held[MAXLINES];
	size_t		 i;
	int		 j, more;

	memset(&d, 0, sizeof d);
	if (nrsv == 0 || rnd(2) == 0) {
		d.wh = (int)rnd((unsigned)nwhs);
		pick_lines(&d, 5, rnd(4) == 0);
		if (post_doc(K_ISSUE, &d, "issue", NULL, NULL, 1) == 0)
			write_lines(&d, "issue", d.wh, -1, "-");
		doc_clear(&d);
		return;
	}
	/* Against a reservation: what it holds, now and then one unit
	 * more, which may not be there. */
	i = rnd((unsigned)nrsv);
	r = rsv[i];
	d.wh = r.wh;
	d.n = r.n;
	more = rnd(4) == 0;
	for (j = 0; j < r.n; j++) {
		d.l[j] = r.l[j];
		held[j] = r.l[j].qty;
	}
	if (more)
		d.l[0].qty++;
	if (post_doc(K_AGAINST, &d, "issue", r.code, held, more) == 0) {
		write_lines(&d, "issue", d.wh, -1, r.code);
		list_take(rsv, &nrsv, i, &r);
		doc_clear(&r);
	}
	doc_clear(&d);
}

static void
do_unreserve(void)
{
	struct client_reply	 rep;
	struct act		 a;
	struct doc		 r;
	size_t			 i;
	char			*code;

	if (nrsv == 0)
		return;
	i = rnd((unsigned)nrsv);
	a.action = "reverse";
	a.code = rsv[i].code;
	if (call(K_UNRESERVE, fill_act, &a, 3, &rep) != 0) {
		refused[K_UNRESERVE]++;
		complain("reversing %s: rc %d: %s", a.code, rep.rc,
		    rep.err ? rep.err : "(no message)");
		client_reply_free(&rep);
		return;
	}
	accepted[K_UNRESERVE]++;
	code = answer(K_UNRESERVE, &rep, "reversed");
	if (strcmp(code, a.code) != 0)
		complain("reversing %s answered %s", a.code, code);
	free(code);
	client_reply_free(&rep);
	fprintf(ledger_log, "%s reverse - - 0 -\n", a.code);
	log_flush();
	list_take(rsv, &nrsv, i, &r);
	doc_clear(&r);
}

static void
do_transfer(void)
{
	struct doc	 d;

	memset(&d, 0, sizeof d);
	d.wh = (int)rnd((unsigned)nwhs);
	d.to = (d.wh + 1 + (int)rnd((unsigned)nwhs - 1)) % nwhs;
	pick_lines(&d, 3, 0);
	if (post_doc(K_TRANSFER, &d, "transfer", NULL, NULL, 1) != 0) {
		doc_clear(&d);
		return;
	}
	write_lines(&d, "transfer", d.wh, d.to, NULL);
	list_add(&transit, &ntransit, &d);
}

static void
do_arrive(size_t i)
{
	struct client_reply	 rep;
	struct act		 a;
	struct doc		 d;
	char			*code;

	list_take(transit, &ntransit, i, &d);
	a.action = "post";
	a.code = d.code;
	if (call(K_ARRIVE, fill_act, &a, 3, &rep) != 0) {
		refused[K_ARRIVE]++;
		complain("arrival of %s: rc %d: %s", a.code, rep.rc,
		    rep.err ? rep.err : "(no message)");
		client_reply_free(&rep);
		doc_clear(&d);
		return;
	}
	accepted[K_ARRIVE]++;
	code = answer(K_ARRIVE, &rep, "posted");
	if (strcmp(code, d.code) != 0)
		complain("arrival of %s answered %s", d.code, code);
	free(code);
	client_reply_free(&rep);
	write_lines(&d, "arrive", d.to, d.wh, NULL);
	doc_clear(&d);
}

static void
do_receipt(void)
{
	struct doc	 d;

	memset(&d, 0, sizeof d);
	d.wh = (int)rnd((unsigned)nwhs);
	pick_lines(&d, 3, 0);
	if (post_doc(K_RECEIPT, &d, "receipt", NULL, NULL, 0) == 0)
		write_lines(&d, "receipt", d.wh, -1, "-");
	doc_clear(&d);
}

static void
split_list(char *s, int wh)
{
	char	*p, *c;

	while ((p = strsep(&s, ",")) != NULL) {
		if (*p == '\0')
			continue;
		if (wh) {
			if (nwhs == MAXWH)
				die("too many warehouses");
			if ((c = strchr(p, ':')) != NULL)
				*c = '\0';	/* a name after the code: unused */
			whs[nwhs++].code = p;
		} else {
			if (nskus == MAXSKU)
				die("too many products");
			skus[nskus++] = p;
		}
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: stocker [--home H] [--socket S] --log FILE "
	    "--seconds N --seed K\n"
	    "               --skus SKU,... --warehouses CODE:Name,...\n");
	exit(EX_USAGE);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "home", required_argument, NULL, 'H' },
		{ "socket", required_argument, NULL, 'S' },
		{ "log", required_argument, NULL, 'l' },
		{ "seconds", required_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 'r' },
		{ "skus", required_argument, NULL, 'p' },
		{ "warehouses", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*home = NULL, *sock = NULL, *logname = NULL;
	struct paths	 p;
	char		*cause = NULL;
	double		 end, seconds = 0;
	int		 ch, rc, k;

	setlocale(LC_ALL, "");
	log_open(LOGT_NONE, NULL);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'H':
			home = optarg;
			break;
		case 'S':
			sock = optarg;
			break;
		case 'l':
			logname = optarg;
			break;
		case 't':
			seconds = strtod(optarg, NULL);
			break;
		case 'r':
			rng = strtoull(optarg, NULL, 10);
			break;
		case 'p':
			split_list(optarg, 0);
			break;
		case 'w':
			split_list(optarg, 1);
			break;
		default:
			usage();
		}
	}
	if (optind != argc || logname == NULL || seconds <= 0 ||
	    nskus < 2 || nwhs < 2)
		usage();
	/* xorshift must not start at 0. */
	rng = rng * 0x9e3779b97f4a7c15ULL + 0x2545f4914f6cdd1dULL;
	if ((doc_e = dict_entity("stock_docs")) == NULL ||
	    (line_e = dict_entity("stock_lines")) == NULL)
		die("no stock entities");
	if ((ledger_log = fopen(logname, "w")) == NULL)
		die("%s: %s", logname, strerror(errno));
	setenv("KONTOR_PROG", "stocker", 1);
	paths_resolve(&p, home, sock);
	/* No autostart: the test's server serves, or nobody does. */
	if ((rc = client_open(&p, 0, &cl, &cause)) != 0)
		die("%s", cause);

	end = now_s() + seconds;
	while (now_s() < end) {
		k = (int)rnd(100);
		if (ntransit > 0 && rnd(5) == 0)
			do_arrive(rnd((unsigned)ntransit));
		if (k < 30)
			do_reserve();
		else if (k < 65)
			do_issue();
		else if (k < 75)
			do_unreserve();
		else if (k < 88)
			do_transfer();
		else
			do_receipt();
	}
	while (ntransit > 0)
		do_arrive(ntransit - 1);

	for (k = 0; k < K_MAX; k++)
		printf("count %s %ld %ld %ld\n", kind_names[k], accepted[k],
		    refused[k], retried[k]);
	if (fflush(stdout) != 0 || fclose(ledger_log) != 0)
		die("output: %s", strerror(errno));
	while (nrsv > 0) {
		nrsv--;
		doc_clear(&rsv[nrsv]);
	}
	free(rsv);
	free(transit);
	client_close(cl);
	paths_free(&p);
	return (bad);
}
