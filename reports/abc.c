/*
 * abc: ABC analysis by margin.  The margin (net less cost) of the posted
 * shipments dated in --from/--to, returns taken off (on their own date),
 * per product (--by product, the default: the lines') or per customer
 * (--by customer: the documents'); sorted by margin, largest first, each
 * with its share of the total margin and the cumulative share up to and
 * with it.  The class: A while the cumulative share before the row is
 * under 80 %, B while under 95 %, else C (the row that crosses a
 * boundary is of the class it starts in); a margin of 0 or less is C.
 * Shares are in hundredths of a per cent, rounded half up.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "reports/reports.h"
#include "xmalloc.h"

static const char *const abc_columns[] = {
	NC_("report", "class"), NC_("report", "code"), NC_("report", "name"),
	NC_("report", "net"), NC_("report", "margin"),
	NC_("report", "share"), NC_("report", "cumulative"), NULL
};

static const char *const abc_text[] = {
	"<5", "<14", "~24", "-", ">14", ">7", ">7"
};

struct abc_item {
	int64_t		 key;
	int64_t		 net, margin;
	char		*code, *name;
};

struct abc {
	struct store	*st;
	int		 by_customer;
	struct abc_item	*v;
	size_t		 n, cap;
	size_t		*hash;		/* index + 1 of v, open addressing */
	size_t		 hcap;
	int		 err;
};

static struct abc_item *
abc_get(struct abc *a, int64_t key)
{
	size_t	 h, i;

	if (a->n * 2 >= a->hcap) {
		free(a->hash);
		a->hcap = a->hcap ? a->hcap * 2 : 64;
		a->hash = xcalloc(a->hcap, sizeof *a->hash);
		for (i = 0; i < a->n; i++) {
			h = (size_t)((uint64_t)a->v[i].key *
			    0x9e3779b97f4a7c15ULL) & (a->hcap - 1);
			while (a->hash[h] != 0)
				h = (h + 1) & (a->hcap - 1);
			a->hash[h] = i + 1;
		}
	}
	h = (size_t)((uint64_t)key * 0x9e3779b97f4a7c15ULL) & (a->hcap - 1);
	while (a->hash[h] != 0) {
		if (a->v[a->hash[h] - 1].key == key)
			return (&a->v[a->hash[h] - 1]);
		h = (h + 1) & (a->hcap - 1);
	}
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->v = xreallocarray(a->v, a->cap, sizeof *a->v);
	}
	memset(&a->v[a->n], 0, sizeof a->v[a->n]);
	a->v[a->n].key = key;
	a->hash[h] = ++a->n;
	return (&a->v[a->n - 1]);
}

static int
abc_doc(const struct record *h, void *arg)
{
	struct abc		*a = arg;
	const struct entity_def	*le;
	struct abc_item		*it;
	struct record		**ls;
	size_t			 n, i;
	int			 sign, pp, np, cp;

	if (!report_posted(h))
		return (0);
	sign = strcmp(h->ent->name, "shipments") == 0 ? 1 : -1;
	if (a->by_customer) {
		it = abc_get(a, record_int(h, dict_field_pos(h->ent,
		    "customer")));
		it->net += sign * record_int(h, dict_field_pos(h->ent,
		    "net"));
		it->margin += sign * (record_int(h, dict_field_pos(h->ent,
		    "net")) - record_int(h, dict_field_pos(h->ent, "cost")));
		return (0);
	}
	le = dict_entity(sign > 0 ? "shipment_lines" : "return_lines");
	if (report_rows(a->st, le->name, sign > 0 ? "shipment" :
	    "cust_return", (int64_t)record_id(h), &ls, &n) != 0) {
		a->err = 1;
		return (1);
	}
	pp = dict_field_pos(le, "product");
	np = dict_field_pos(le, "net");
	cp = dict_field_pos(le, "cost");
	for (i = 0; i < n; i++) {
		it = abc_get(a, record_int(ls[i], pp));
		it->net += sign * record_int(ls[i], np);
		it->margin += sign * (record_int(ls[i], np) -
		    record_int(ls[i], cp));
	}
	report_rows_free(ls, n);
	return (0);
}

static int
abc_cmp(const void *x, const void *y)
{
	const struct abc_item	*a = x, *b = y;

	if (a->margin != b->margin)
		return (a->margin > b->margin ? -1 : 1);
	return (strcmp(a->code, b->code));
}

/* p of total in hundredths of a per cent, rounded half up, as "12.34". */
static char *
share_str(int64_t p, int64_t total)
{
	char		*s;
	int64_t		 h, x;

	/* int64 holds it while the margin is under 4.6e14 kopecks. */
	if (total <= 0)
		return (xstrdup(""));
	x = p * 20000 / total;
	h = (x + (x >= 0 ? 1 : -1)) / 2;
	xasprintf(&s, "%s%lld.%02lld", h < 0 ? "-" : "",
	    (long long)(h < 0 ? -h : h) / 100,
	    (long long)(h < 0 ? -h : h) % 100);
	return (s);
}

static int
abc_parse(const struct report_args *a, int *by_customer, char **cause)
{
	*by_customer = 0;
	if (a->period != NULL) {
		xasprintf(cause, _("%s takes no --period"), a->name);
		return (EX_USAGE);
	}
	if (a->by != NULL) {
		if (strcmp(a->by, "customer") == 0)
			*by_customer = 1;
		else if (strcmp(a->by, "product") != 0) {
			xasprintf(cause, _("abc: --by product or customer "
			    "expected, got '%s'"), a->by);
			return (EX_USAGE);
		}
	}
	return (report_dates(a, cause));
}

static int
abc_check(struct store *st, const struct report_args *a, char **cause)
{
	int	 byc;

	(void)st;
	return (abc_parse(a, &byc, cause));
}

static int
abc_run(struct store *st, const struct report_args *a,
    struct report_sink *sink, char **cause)
{
	const struct field_def	*f;
	struct abc		 s;
	char			*cells[7];
	int64_t			 total = 0, net = 0, cum = 0, before;
	size_t			 i;
	int			 rc = 0;

	memset(&s, 0, sizeof s);
	s.st = st;
	if (abc_parse(a, &s.by_customer, cause) != 0)
		return (-1);
	if (report_dated(st, "shipments", a->from, a->to, abc_doc, &s) !=
	    0 || s.err || report_dated(st, "customer_returns", a->from,
	    a->to, abc_doc, &s) != 0 || s.err) {
		xasprintf(cause, _("sales cannot be read"));
		rc = -1;
		goto out;
	}
	f = s.by_customer ? dict_field(dict_entity("shipments"), "customer") :
	    dict_field(dict_entity("shipment_lines"), "product");
	for (i = 0; i < s.n; i++) {
		model_ref_names(st, f, s.v[i].key, &s.v[i].code,
		    &s.v[i].name);
		if (s.v[i].code == NULL)
			s.v[i].code = xstrdup("");
		if (s.v[i].margin > 0)
			total += s.v[i].margin;
		net += s.v[i].net;
	}
	if (s.n > 1)
		xqsort(s.v, s.n, sizeof *s.v, abc_cmp);
	for (i = 0; i < s.n && rc == 0; i++) {
		before = cum;
		if (s.v[i].margin > 0)
			cum += s.v[i].margin;
		/* before / total < 80 %, < 95 % */
		cells[0] = xstrdup(s.v[i].margin <= 0 || total <= 0 ? "C" :
		    before * 100 < total * 80 ? "A" :
		    before * 100 < total * 95 ? "B" : "C");
		cells[1] = xstrdup(s.v[i].code);
		cells[2] = xstrdup(s.v[i].name != NULL ? s.v[i].name : "");
		cells[3] = report_money(s.v[i].net);
		cells[4] = report_money(s.v[i].margin);
		cells[5] = share_str(s.v[i].margin, total);
		cells[6] = share_str(cum, total);
		rc = report_emit(sink, cells, 7, cause);
	}
	if (rc == 0) {
		cells[0] = xstrdup(report_word(a, N_("TOTAL")));
		cells[1] = xstrdup("");
		cells[2] = xstrdup("");
		cells[3] = report_money(net);
		cells[4] = report_money(total);
		cells[5] = xstrdup(total > 0 ? "100.00" : "");
		cells[6] = xstrdup("");
		rc = report_emit(sink, cells, 7, cause);
	}
out:
	for (i = 0; i < s.n; i++) {
		free(s.v[i].code);
		free(s.v[i].name);
	}
	free(s.v);
	free(s.hash);
	return (rc);
}

const struct report_def rep_abc = {
	"abc", N_("ABC analysis by margin: A 80 %, B 15 %, C 5 % of the "
	"margin (--by product|customer)"), "sales", abc_columns, abc_run,
	abc_check, 0, abc_text, "period group:product,customer",
	"product=card:products@code customer=card:customers@code",
	"tttmmqq"
};
