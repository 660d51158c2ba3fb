#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "log.h"

static enum log_target	 log_target = LOGT_NONE;
static FILE		*log_file;
static int		 log_debug_on;
static void		(*log_fatal_hook)(void);
static pthread_mutex_t	 log_lock = PTHREAD_MUTEX_INITIALIZER;

static void	log_vwrite(int, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));

void
log_open(enum log_target target, const char *path)
{
	log_debug_on = getenv("KONTOR_DEBUG") != NULL;
	log_target = target;
	if (target == LOGT_FILE) {
		if ((log_file = fopen(path, "a")) == NULL)
			log_target = LOGT_NONE;
		else
			setvbuf(log_file, NULL, _IOLBF, 0);
	} else if (target == LOGT_SYSLOG)
		openlog("kontor", LOG_PID, LOG_DAEMON);
	else if (target == LOGT_NONE && log_debug_on)
		log_target = LOGT_STDERR;
}

void
log_close(void)
{
	if (log_target == LOGT_FILE && log_file != NULL)
		fclose(log_file);
	else if (log_target == LOGT_SYSLOG)
		closelog();
	log_file = NULL;
	log_target = LOGT_NONE;
}

int
log_fileno(void)
{
	if (log_target == LOGT_FILE && log_file != NULL)
		return (fileno(log_file));
	return (-1);
}

void
log_set_fatal_hook(void (*hook)(void))
{
	log_fatal_hook = hook;
}

static void
log_vwrite(int prio, const char *fmt, va_list ap)
{
	char		 tbuf[32];
	struct tm	 tm;
	time_t		 t;
	FILE		*f;

	if (log_target == LOGT_NONE)
		return;
	if (log_target == LOGT_SYSLOG) {
		vsyslog(prio, fmt, ap);
		return;
	}
	f = log_target == LOGT_FILE ? log_file : stderr;
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(tbuf, sizeof tbuf, "%Y-%m-%d %H:%M:%S", &tm);
	pthread_mutex_lock(&log_lock);
	fprintf(f, "%s kontor[%ld]: ", tbuf, (long)getpid());
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	pthread_mutex_unlock(&log_lock);
}

void
log_alert(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(LOG_WARNING, fmt, ap);
	va_end(ap);
	if (log_target != LOGT_SYSLOG) {
		va_start(ap, fmt);
		openlog("kontor", LOG_PID, LOG_DAEMON);
		vsyslog(LOG_WARNING, fmt, ap);
		closelog();
		va_end(ap);
	}
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(LOG_INFO, fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vwrite(LOG_WARNING, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list	 ap;

	if (!log_debug_on)
		return;
	va_start(ap, fmt);
	log_vwrite(LOG_DEBUG, fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[512];
	int	 saved = errno;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (log_fatal_hook != NULL)
		log_fatal_hook();
	log_info("fatal: %s: %s", msg, strerror(saved));
	/* The bug's words stay English (they are for developers); the
	 * terminal is told that it is one in its language. */
	fprintf(stderr, _("kontor: fatal: %s: %s\n"), msg, strerror(saved));
	abort();
}

void
fatalx(const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (log_fatal_hook != NULL)
		log_fatal_hook();
	log_info("fatal: %s", msg);
	fprintf(stderr, _("kontor: fatal: %s\n"), msg);
	abort();
}
