/*
 * Activities (calls, meetings, e-mails, notes) and tasks.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/store.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "i18n.h"
#include "model/model.h"
#include "xmalloc.h"

/* The id of the user signed in to this transaction, or 0. */
static int
current_user(struct tx *x, uint64_t *id)
{
	struct value	 v;

	memset(&v, 0, sizeof v);
	v.set = 1;
	v.s = (char *)tx_login(x);
	return (tx_find(x, dict_entity("users"), FX_CODE, &v, id));
}

/* An activity defaults to now, by whoever logs it. */
static int
activities_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	int		 at = dict_field_pos(r->ent, "at");
	int		 user = dict_field_pos(r->ent, "user");
	uint64_t	 id;
	int		 rc;

	if (!record_isset(r, at))
		record_set_int(r, at, (int64_t)time(NULL));
	if (!record_isset(r, user) && old == NULL) {
		rc = current_user(x, &id);
		if (rc == ST_OK)
			record_set_int(r, user, (int64_t)id);
		else if (rc != ST_NOTFOUND)
			return (rc);
	}
	return (ST_OK);
}

/* A task is open and normal unless said otherwise; by default it is
 * the creator's. */
static int
tasks_validate(struct tx *x, struct record *r, const struct record *old,
    char **cause)
{
	int		 st = dict_field_pos(r->ent, "status");
	int		 pr = dict_field_pos(r->ent, "priority");
	int		 as = dict_field_pos(r->ent, "assignee");
	uint64_t	 id;
	int		 rc;

	if (!record_isset(r, st))
		record_set_str(r, st, "open");
	if (!record_isset(r, pr))
		record_set_str(r, pr, "normal");
	if (!record_isset(r, as)) {
		if ((rc = current_user(x, &id)) != ST_OK) {
			if (rc == ST_NOTFOUND) {
				xasprintf(cause, _("column 'assignee': a value "
				    "is required"));
				return (ST_INVALID);
			}
			return (rc);
		}
		record_set_int(r, as, (int64_t)id);
	}
	return (ST_OK);
}

static int
activities_defaults(const char *field)
{
	return (strcmp(field, "at") == 0);
}

static int
tasks_defaults(const char *field)
{
	return (strcmp(field, "status") == 0 || strcmp(field, "assignee") == 0);
}

const struct model_def model_activities = {
	.entity = "activities",
	.validate = activities_validate,
	.defaults = activities_defaults,
};

const struct model_def model_tasks = {
	.entity = "tasks",
	.validate = tasks_validate,
	.defaults = tasks_defaults,
};
