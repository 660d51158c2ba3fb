#ifndef KONTOR_AUTH_H
#define KONTOR_AUTH_H

/*
 * Roles and permissions: one table, role x area x action, checked by the
 * server for every request (the CLI obeys it like the TUI).
 */
#define ROLE_ADMIN		0x0001
#define ROLE_MANAGER		0x0002
#define ROLE_SALES		0x0004
#define ROLE_WAREHOUSE		0x0008
#define ROLE_PURCHASING		0x0010
#define ROLE_PRODUCTION		0x0020
#define ROLE_ACCOUNTANT		0x0040
#define ROLE_HR			0x0080

#define ACT_VIEW		0x0001
#define ACT_CREATE		0x0002
#define ACT_EDIT		0x0004
#define ACT_DELETE		0x0008
#define ACT_POST		0x0010
#define ACT_APPROVE		0x0020
#define ACT_EXPORT		0x0040
#define ACT_ADMIN		0x0080

/* "sales,manager" to a mask; -1 and *cause naming the unknown role. */
int		 auth_roles_parse(const char *, unsigned *, char **cause);
/* A mask as "manager,sales"; caller frees. */
char		*auth_roles_format(unsigned);
/* The roles but admin that may do act in area, as "manager,warehouse"
 * (for a refusal that says whom to ask); caller frees. */
char		*auth_who_may(const char *area, unsigned act);
/* Whether any of the roles may do action in area ("sales|finance": in
 * any of them). */
int		 auth_allowed(unsigned roles, const char *area, unsigned act);
/* An action's keyword, for logs ("post"): never translated. */
const char	*auth_action_name(unsigned);
/* The same for a person, in the user's language, as it follows "may
 * not" ("post"; «проводить»). */
const char	*auth_action_title(unsigned);
/* An area in words, for a person ("the warehouse" for stock), in the
 * user's language. */
const char	*auth_area_title(const char *area);
/* A role's title for a person ("administrator" for admin), in the
 * user's language; the keyword itself when it is no role. */
const char	*auth_role_title(const char *name);
/* The names of all roles, comma-separated (static). */
const char	*auth_role_names(void);

#endif
