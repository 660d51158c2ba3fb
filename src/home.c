#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "home.h"
#include "xmalloc.h"

static char *
conf_get(const char *path, const char *key)
{
	FILE	*f;
	char	 line[1024], *p, *k, *v, *end, *out = NULL;

	if (path == NULL || (f = fopen(path, "r")) == NULL)
		return (NULL);
	while (fgets(line, sizeof line, f) != NULL) {
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		if ((p = strchr(line, '=')) == NULL)
			continue;
		*p = '\0';
		k = line;
		v = p + 1;
		while (isspace((unsigned char)*k))
			k++;
		end = k + strlen(k);
		while (end > k && isspace((unsigned char)end[-1]))
			*--end = '\0';
		while (isspace((unsigned char)*v))
			v++;
		end = v + strlen(v);
		while (end > v && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (strcmp(k, key) == 0 && *v != '\0') {
			free(out);
			out = xstrdup(v);
		}
	}
	fclose(f);
	return (out);
}

void
paths_resolve(struct paths *p, const char *opt_home, const char *opt_socket)
{
	const char	*env;
	char		*c;

	memset(p, 0, sizeof *p);
	if ((env = getenv("KONTOR_CONF")) != NULL && *env != '\0')
		p->conf = xstrdup(env);
	else
		p->conf = xstrdup(KONTOR_SYSCONFDIR "/kontor.conf");

	/* A home named on the command line, or in the environment while
	 * the socket is not named on the command line: a clerk's profile
	 * may set KONTOR_HOME to anything, and --socket says which server
	 * is meant. */
	p->home_set = 1;
	if (opt_home != NULL)
		p->home = xstrdup(opt_home);
	else if ((env = getenv("KONTOR_HOME")) != NULL && *env != '\0') {
		p->home = xstrdup(env);
		p->home_set = opt_socket == NULL;
	} else {
		p->home_set = 0;
		if ((c = conf_get(p->conf, "home")) != NULL)
			p->home = c;
		else
			p->home = xstrdup("/var/lib/kontor");
	}

	if (opt_socket != NULL) {
		p->socket = xstrdup(opt_socket);
		p->socket_from = PATHS_SOCK_OPTION;
	} else if ((env = getenv("KONTOR_SOCKET")) != NULL && *env != '\0') {
		p->socket = xstrdup(env);
		p->socket_from = PATHS_SOCK_ENV;
	} else if (opt_home == NULL && getenv("KONTOR_HOME") == NULL &&
	    (c = conf_get(p->conf, "socket")) != NULL) {
		p->socket = c;
		p->socket_from = PATHS_SOCK_CONF;
	} else {
		/* Where the home's server was served by hand: a client
		 * that starts one starts it there, and clerks given that
		 * socket find it. */
		c = paths_file(p, "kontor.serve");
		p->socket = conf_get(c, "socket");
		free(c);
		if (p->socket != NULL)
			p->socket_saved = 1;
		else
			p->socket = paths_home_socket(p);
	}
	p->group = conf_get(p->conf, "socket_group");
	p->reserve = conf_get(p->conf, "disk_reserve");
}

char *
paths_conf(const struct paths *p, const char *key)
{
	return (conf_get(p->conf, key));
}

void
paths_free(struct paths *p)
{
	free(p->home);
	free(p->socket);
	free(p->group);
	free(p->reserve);
	free(p->conf);
	memset(p, 0, sizeof *p);
}

char *
paths_home_socket(const struct paths *p)
{
	return (paths_file(p, "kontor.sock"));
}

char *
paths_file(const struct paths *p, const char *name)
{
	char	*s;

	xasprintf(&s, "%s/%s", p->home, name);
	return (s);
}

int
home_mkdir(const char *path)
{
	char	*p, *s;
	int	 e;

	s = xstrdup(path);
	for (p = s + 1; *p != '\0'; p++) {
		if (*p != '/' || p[1] == '\0')
			continue;
		*p = '\0';
		if (mkdir(s, 0755) != 0 && errno != EEXIST) {
			e = errno;
			free(s);
			errno = e;
			return (-1);
		}
		*p = '/';
	}
	free(s);
	return (mkdir(path, 0700));
}
