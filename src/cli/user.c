/*
 * Users on the command line: kontor user add|mod|disable|list.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "auth.h"
#include "cli/cli.h"
#include "cli/csv.h"
#include "client/client.h"
#include "client/records.h"
#include "dict/codec.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "xmalloc.h"

/* Set a field from text, validated as the server will; -1 printed. */
static int
set_field(struct record *rec, const char *name, const char *text)
{
	const struct field_def	*f = dict_field(rec->ent, name);
	struct value		 v;
	char			*why = NULL;

	if (value_parse(f, text, &v, &why) != 0) {
		cli_error(EX_DATAERR, "%s: %s", name, why);
		free(why);
		return (-1);
	}
	record_set_value(rec, dict_field_pos(rec->ent, name), &v);
	value_free(&v);
	return (0);
}

/* The roles of a comma-separated list ("sales,manager") by their titles
 * in the user's language, comma-separated; caller frees. */
static char *
roles_titles(const char *roles)
{
	struct buf	 b = { 0 };
	char		*copy, *p, *role;

	copy = xstrdup(roles != NULL ? roles : "");
	for (p = copy; (role = strsep(&p, ",")) != NULL;) {
		role += strspn(role, " ");
		if (*role == '\0')
			continue;
		if (b.len > 0)
			buf_adds(&b, ", ");
		buf_adds(&b, auth_role_title(role));
	}
	free(copy);
	buf_addc(&b, '\0');
	return (buf_steal(&b));
}

static int
user_list(struct client *c, int csv)
{
	const struct entity_def	*e = dict_entity("users");
	struct client_reply	 r;
	struct msgb		 m;
	struct csv_out		*out = NULL;
	char			*cause = NULL;
	size_t			 w[3] = { 16, 30, 28 };
	uint32_t		 i;
	int			 rc;

	client_req(c, &m, "scan", 3);
	mb_kstr(&m, "entity", "users");
	mb_kstr(&m, "index", "login");
	mb_kint(&m, "limit", 1000);
	if (client_call(c, &m, &r) != 0)
		return (reply_error(&r));
	if (csv) {
		static const char *const hdr[] = {
			"login", "name", "roles", "disabled"
		};

		csv_out_open(stdout, NULL, &out, &cause);
		csv_out_row(out, hdr, 4, &cause);
	} else {
		w[0] = cli_heading(i18n_ctx("user", NC_("user", "LOGIN")),
		    w[0]);
		w[1] = cli_heading(i18n_ctx("user", NC_("user", "NAME")),
		    w[1]);
		w[2] = cli_heading(i18n_ctx("user", NC_("user", "ROLES")),
		    w[2]);
		printf("%s\n", i18n_ctx("user", NC_("user", "STATE")));
	}
	rc = 0;
	for (i = 0; r.data != NULL && r.data->type == MSGPACK_OBJECT_ARRAY &&
	    i < r.data->via.array.size; i++) {
		const msgpack_object	*o = &r.data->via.array.ptr[i];
		struct record		*u;
		const char		*cells[4];
		char			*titles;

		if (o->type != MSGPACK_OBJECT_BIN || codec_decode(e,
		    o->via.bin.ptr, o->via.bin.size, &u, &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		cells[0] = record_str(u, FX_CODE);
		cells[1] = record_str(u, dict_field_pos(e, "name"));
		cells[2] = record_str(u, dict_field_pos(e, "roles"));
		cells[3] = record_int(u, dict_field_pos(e, "disabled")) ?
		    "yes" : "no";
		if (csv)
			csv_out_row(out, cells, 4, &cause);
		else {
			cli_padded(cells[0], w[0]);
			cli_padded(cells[1] ? cells[1] : "", w[1]);
			/* The roles by their titles, as the user reads
			 * them; CSV keeps the keywords. */
			titles = roles_titles(cells[2]);
			cli_padded(titles, w[2]);
			free(titles);
			printf("%s\n", record_int(u, dict_field_pos(e,
			    "disabled")) ? i18n_ctx("user", NC_("user",
			    "disabled")) : i18n_ctx("user", NC_("user",
			    "enabled")));
		}
		record_free(u);
	}
	csv_out_close(out);
	client_reply_free(&r);
	return (rc);
}

int
cmd_user(const struct paths *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "roles", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "lang", required_argument, NULL, 'l' },
		{ "enable", no_argument, NULL, 'e' },
		{ "disable", no_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*u = _("user add LOGIN --role ROLE[,ROLE] "
	    "[--name \"Full Name\"]\n"
	    "           [--lang ru|en]\n"
	    "       kontor user mod LOGIN [--role ROLE[,ROLE]] [--name NAME]\n"
	    "           [--lang ru|en|locale] [--enable|--disable]\n"
	    "       kontor user disable LOGIN\n"
	    "       kontor user list [--format text|csv]\n"
	    "roles: admin, manager, sales, warehouse, purchasing, production, "
	    "accountant, hr");
	const struct entity_def	*e = dict_entity("users");
	const char		*verb, *roles = NULL, *name = NULL, *lang = NULL;
	const char		*format = "text", *login = NULL;
	struct client		*c;
	struct record		*rec = NULL;
	char			*cause = NULL;
	int			 ch, enable = -1, rc;

	if (argc < 2)
		return (cli_usage(u, 0));
	verb = argv[1];
	if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0)
		return (cli_usage(u, 1));
	/* Options follow the verb: parse argv from the verb on. */
	argc--;
	argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "r:n:f:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			roles = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'e':
			enable = 1;
			break;
		case 'd':
			enable = 0;
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			return (cli_usage(u, 1));
		default:
			return (cli_usage(u, 0));
		}
	}
	if (strcmp(verb, "list") == 0) {
		if (optind != argc || (strcmp(format, "csv") != 0 &&
		    strcmp(format, "text") != 0))
			return (cli_usage(u, 0));
		if ((rc = open_client(p, 0, &c)) != 0)
			return (rc);
		rc = user_list(c, strcmp(format, "csv") == 0);
		client_close(c);
		return (rc);
	}
	if (optind != argc - 1)
		return (cli_usage(u, 0));
	login = argv[optind];
	if (strcmp(verb, "add") == 0) {
		if (roles == NULL)
			return (cli_error(EX_USAGE, _("user add: --role is "
			    "required (roles: admin, manager, sales, warehouse,"
			    " purchasing, production, accountant, hr)")));
		rec = record_new(e);
		if (set_field(rec, "login", login) != 0 ||
		    set_field(rec, "roles", roles) != 0 ||
		    (name != NULL && set_field(rec, "name", name) != 0) ||
		    (lang != NULL && set_field(rec, "lang", lang) != 0)) {
			record_free(rec);
			return (EX_DATAERR);
		}
		if ((rc = open_client(p, 0, &c)) != 0) {
			record_free(rec);
			return (rc);
		}
	} else if (strcmp(verb, "mod") == 0 || strcmp(verb, "disable") == 0) {
		if (strcmp(verb, "disable") == 0)
			enable = 0;
		if ((rc = open_client(p, 0, &c)) != 0)
			return (rc);
		if ((rc = cli_get_by_code(c, e, login, &rec)) != 0) {
			client_close(c);
			return (rc);
		}
		/* "locale": no language of the user's own any more. */
		if ((roles != NULL && set_field(rec, "roles", roles) != 0) ||
		    (name != NULL && set_field(rec, "name", name) != 0) ||
		    (lang != NULL && set_field(rec, "lang",
		    strcmp(lang, "locale") == 0 ? "" : lang) != 0)) {
			record_free(rec);
			client_close(c);
			return (EX_DATAERR);
		}
		if (enable >= 0)
			record_set_int(rec, dict_field_pos(e, "disabled"),
			    !enable);
	} else
		return (cli_usage(u, 0));
	if ((rc = cr_put(c, rec, &cause)) != 0) {
		cli_error(rc, "%s", cause);
		free(cause);
		record_free(rec);
		client_close(c);
		return (rc);
	}
	if (strcmp(verb, "add") == 0)
		fprintf(stderr, _("kontor: user %s added\n"), login);
	else if (enable == 0)
		fprintf(stderr, _("kontor: user %s disabled\n"), login);
	else
		fprintf(stderr, _("kontor: user %s changed\n"), login);
	record_free(rec);
	client_close(c);
	return (0);
}
