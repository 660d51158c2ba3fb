/*
 * The catalog: products and their barcodes, categories, price lists and
 * prices; suppliers and their prices; warehouses, bins and stock limits.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "model/model.h"
#include "xmalloc.h"

static int
field_is(const char *field, const char *const *names)
{
	for (; *names != NULL; names++)
		if (strcmp(field, *names) == 0)
			return (1);
	return (0);
}

/* Units counted whole by default; the rest to thousandths. */
static int
unit_decimals(const char *unit)
{
	static const char *const whole[] = {
		"pcs", "set", "pack", "box", "pair", "unit", NULL
	};

	return (unit != NULL && field_is(unit, whole) ? 0 : 3);
}

/* A barcode is on one product only, whether as its main barcode or in
 * barcodes. */
static int
barcode_free(struct tx *x, const char *code, uint64_t product,
    const char *entity, char **cause)
{
	const struct entity_def	*e = dict_entity(entity);
	struct record		*o;
	struct value		 v;
	uint64_t		 id;
	int			 rc;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)code;
	rc = tx_find(x, e, strcmp(entity, "products") == 0 ?
	    dict_field_pos(e, "barcode") : FX_CODE, &v, &id);
	if (rc == ST_NOTFOUND)
		return (ST_OK);
	if (rc != ST_OK)
		return (rc);
	if ((rc = tx_get(x, e, id, 0, &o)) != ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	if (strcmp(entity, "barcodes") == 0)
		id = (uint64_t)record_int(o, dict_field_pos(e, "product"));
	if (id != product) {
		xasprintf(cause, _("column 'barcode': %s is already the "
		    "barcode of %s"), code,
		    strcmp(entity, "products") == 0 ?	/* i18n: no */
		    record_str(o, FX_CODE) : _("another product"));
		rc = ST_EXISTS;
	}
	record_free(o);
	return (rc);
}

int
catalog_qty_fits(const struct record *p, int64_t q, char **cause)
{
	int64_t	 dec, d, step = 1000;
	char	 buf[32];
	int	 unit;

	if (q % 1000 == 0)
		return (ST_OK);		/* whole units fit every product */
	dec = record_int(p, dict_field_pos(p->ent, "decimals"));
	for (d = dec; d > 0 && step > 1; d--)
		step /= 10;
	if (q % step == 0)
		return (ST_OK);
	qty_format_grouped(q, buf, sizeof buf);
	unit = dict_field_pos(p->ent, "unit");
	free(*cause);
	if (step == 1000)
		xasprintf(cause, _("%s is counted in whole %s, got %s"),
		    record_str(p, FX_CODE), record_str(p, unit) != NULL ?
		    dict_enum_word(record_str(p, unit)) : _("units"), buf);
	else
		xasprintf(cause, P_("%s is counted to %lld decimal, got %s",
		    "%s is counted to %lld decimals, got %s", dec),
		    record_str(p, FX_CODE), (long long)dec, buf);
	return (ST_INVALID);
}

int
catalog_qty_fits_id(struct tx *x, uint64_t product, int64_t q, char **cause)
{
	struct record	*p;
	int		 rc;

	if (q % 1000 == 0)
		return (ST_OK);
	if ((rc = tx_get(x, dict_entity("products"), product, 0, &p)) !=
	    ST_OK)
		return (rc == ST_NOTFOUND ? ST_OK : rc);
	rc = catalog_qty_fits(p, q, cause);
	record_free(p);
	return (rc);
}

static int
products_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	const struct entity_def	*e = r->ent;
	int			 kind = dict_field_pos(e, "kind");
	int			 unit = dict_field_pos(e, "unit");
	int			 dec = dict_field_pos(e, "decimals");
	int			 vat = dict_field_pos(e, "vat");
	int			 act = dict_field_pos(e, "active");
	int			 bc = dict_field_pos(e, "barcode");
	int			 rc;

	if (!record_isset(r, kind))
		record_set_str(r, kind, "goods");
	if (!record_isset(r, unit))
		record_set_str(r, unit, "pcs");
	if (!record_isset(r, vat)) {
		/* An import's rows: the company read once for all. */
		char	**memo = tx_import_memo(x, e), *rate;

		if (memo != NULL) {
			if (*memo == NULL)
				*memo = company_vat_rate(x);
			record_set_str(r, vat, *memo);
		} else {
			rate = company_vat_rate(x);
			record_set_str(r, vat, rate);
			free(rate);
		}
	}
	if (!record_isset(r, act) && old == NULL)
		record_set_int(r, act, 1);
	if (!record_isset(r, dec))
		record_set_int(r, dec, unit_decimals(record_str(r, unit)));
	if (record_int(r, dec) < 0 || record_int(r, dec) > 3) {
		xasprintf(cause, _("column 'decimals': 0 to 3 expected, "
		    "got %lld"), (long long)record_int(r, dec));
		return (ST_INVALID);
	}
	if (record_int(r, dict_field_pos(e, "purchase_price")) < 0 ||
	    record_int(r, dict_field_pos(e, "sale_price")) < 0) {
		xasprintf(cause, _("column '%s': a price is not negative"),
		    /* i18n: no */ record_int(r, dict_field_pos(e,
		    "sale_price")) < 0 ? "sale_price" : "purchase_price");
		return (ST_INVALID);
	}
	if (record_isset(r, bc) && (rc = barcode_free(x, record_str(r, bc),
	    record_id(r), "barcodes", cause)) != ST_OK)
		return (rc);
	return (ST_OK);
}

static int
products_defaults(const char *field)
{
	static const char *const f[] = { "kind", "unit", "vat", NULL };

	return (field_is(field, f));
}

static int
barcodes_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	int	 pq = dict_field_pos(r->ent, "pack_qty");

	(void)old;
	if (!record_isset(r, pq))
		record_set_int(r, pq, 1000);
	if (record_int(r, pq) <= 0) {
		xasprintf(cause, _("column 'pack_qty': more than 0 expected"));
		return (ST_INVALID);
	}
	return (barcode_free(x, record_str(r, FX_CODE),
	    (uint64_t)record_int(r, dict_field_pos(r->ent, "product")),
	    "products", cause));
}

/* A category is not its own ancestor. */
static int
categories_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	int		 par = dict_field_pos(r->ent, "parent");
	uint64_t	 id = (uint64_t)record_int(r, par);
	struct record	*p;
	int		 depth, rc;

	(void)old;
	for (depth = 0; id != 0; depth++) {
		if (id == record_id(r) || depth > 64) {
			xasprintf(cause, _("column 'parent': a category cannot "
			    "be inside itself"));
			return (ST_INVALID);
		}
		if ((rc = tx_get(x, r->ent, id, 0, &p)) != ST_OK)
			return (rc == ST_NOTFOUND ? ST_OK : rc);
		id = (uint64_t)record_int(p, par);
		record_free(p);
	}
	return (ST_OK);
}

static int
prices_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	int	 from = dict_field_pos(r->ent, "valid_from");
	int	 to = dict_field_pos(r->ent, "valid_to");

	(void)x;
	(void)old;
	if (record_int(r, dict_field_pos(r->ent, "price")) < 0) {
		xasprintf(cause, _("column 'price': a price is not negative"));
		return (ST_INVALID);
	}
	if (record_isset(r, from) && record_isset(r, to) &&
	    record_int(r, to) < record_int(r, from)) {
		xasprintf(cause, _("column 'valid_to': before valid_from"));
		return (ST_INVALID);
	}
	return (ST_OK);
}

/* A supplier with the INN of a customer is that firm: they are linked
 * (of a firm's branches, the one with its KPP; none when that does not
 * tell them apart). */
static int
suppliers_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	const struct entity_def	*ce = dict_entity("customers");
	int			 inn = dict_field_pos(r->ent, "inn");
	int			 cu = dict_field_pos(r->ent, "customer");
	char			*why = NULL;
	uint64_t		 id;
	int			 rc;

	(void)old;
	/* Its bank details, for the payment orders to it. */
	if ((rc = bank_details_check(r, "bank_account", cause)) != ST_OK)
		return (rc);
	if (record_isset(r, cu) || !record_isset(r, inn))
		return (ST_OK);
	rc = party_by_inn(x, ce, record_str(r, inn), record_str(r,
	    dict_field_pos(r->ent, "kpp")), &id, &why);
	free(why);
	if (rc == ST_OK)
		record_set_int(r, cu, (int64_t)id);
	return (rc == ST_NOTFOUND || rc == ST_INVALID ? ST_OK : rc);
}

struct limit_dup {
	const struct record	*r;
	uint64_t		 other;
};

static int
limit_same(struct tx *x, uint64_t id, void *arg)
{
	struct limit_dup	*d = arg;
	struct record		*o;
	int			 wh = dict_field_pos(d->r->ent, "warehouse");
	int			 rc;

	if (id == record_id(d->r))
		return (0);
	if ((rc = tx_get(x, d->r->ent, id, 0, &o)) != ST_OK)
		return (rc == ST_NOTFOUND ? 0 : rc);
	if (record_int(o, wh) == record_int(d->r, wh))
		d->other = id;
	record_free(o);
	return (0);
}

/* One minimum and maximum per product and warehouse. */
static int
stock_limits_validate(struct tx *x, struct record *r,
    const struct record *old, char **cause)
{
	int			 mn = dict_field_pos(r->ent, "min_qty");
	int			 mx = dict_field_pos(r->ent, "max_qty");
	int			 pp = dict_field_pos(r->ent, "product");
	struct limit_dup	 d = { r, 0 };
	int			 rc;

	(void)old;
	if (record_int(r, mn) < 0 || record_int(r, mx) < 0) {
		xasprintf(cause, _("column '%s': not negative expected"),
		    record_int(r, mn) < 0 ? "min_qty" : "max_qty"); /* i18n: no */
		return (ST_INVALID);
	}
	if (record_isset(r, mx) && record_int(r, mx) < record_int(r, mn)) {
		xasprintf(cause, _("column 'max_qty': below min_qty"));
		return (ST_INVALID);
	}
	rc = tx_find_each(x, r->ent, pp, &r->v[pp], 1, limit_same, &d);
	if (rc != ST_OK)
		return (rc);
	if (d.other != 0) {
		xasprintf(cause, _("column 'warehouse': this product already "
		    "has a minimum and maximum there (edit that one)"));
		return (ST_EXISTS);
	}
	return (ST_OK);
}

int
catalog_find_product(struct store *st, const char *term, struct record **p,
    int64_t *pack_qty, const char **via)
{
	const struct entity_def	*pe = dict_entity("products");
	const struct entity_def	*be = dict_entity("barcodes");
	struct record		*b;
	struct value		 key;
	char			*u, *c;
	int			 rc = ST_NOTFOUND;

	*pack_qty = 1000;
	*via = "sku";
	memset(&key, 0, sizeof key);
	key.set = 1;
	if (digits_only(term)) {
		*via = "barcode";
		key.s = (char *)term;
		rc = store_lookup(st, pe, dict_field_pos(pe, "barcode"), &key,
		    p);
		if (rc == ST_NOTFOUND &&
		    store_lookup(st, be, FX_CODE, &key, &b) == ST_OK) {
			if (record_int(b, dict_field_pos(be, "pack_qty")) > 0)
				*pack_qty = record_int(b, dict_field_pos(be,
				    "pack_qty"));
			rc = store_get(st, pe, (uint64_t)record_int(b,
			    dict_field_pos(be, "product")), p);
			record_free(b);
		}
	}
	if (rc != ST_NOTFOUND)
		return (rc);
	/* A SKU in any case. */
	key.s = u = xstrdup(term);
	for (c = u; *c != '\0'; c++)
		*c = (char)toupper((unsigned char)*c);
	if ((rc = store_lookup(st, pe, FX_CODE, &key, p)) == ST_OK)
		*via = "sku";
	free(u);
	return (rc);
}

const struct model_def model_products = {
	.entity = "products",
	.validate = products_validate,
	.defaults = products_defaults,
};

const struct model_def model_barcodes = {
	.entity = "barcodes",
	.validate = barcodes_validate,
};

const struct model_def model_categories = {
	.entity = "categories",
	.validate = categories_validate,
};

const struct model_def model_prices = {
	.entity = "prices",
	.validate = prices_validate,
};

const struct model_def model_suppliers = {
	.entity = "suppliers",
	.validate = suppliers_validate,
};

const struct model_def model_stock_limits = {
	.entity = "stock_limits",
	.validate = stock_limits_validate,
};
