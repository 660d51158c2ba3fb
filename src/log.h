#ifndef KONTOR_LOG_H
#define KONTOR_LOG_H

/*
 * Logging.  A server run by hand logs to a file in its home, one under
 * systemd (or --syslog) to syslog; clients log nowhere unless
 * KONTOR_DEBUG is set.  fatal() and fatalx() call the hook set with
 * log_set_fatal_hook() first (a session restores the terminal there),
 * then abort the process.
 */
enum log_target { LOGT_NONE, LOGT_STDERR, LOGT_FILE, LOGT_SYSLOG };

void	 log_open(enum log_target, const char *path);
void	 log_close(void);
/* The log file's descriptor (for a crash note), or -1. */
int	 log_fileno(void);
void	 log_set_fatal_hook(void (*)(void));
void	 log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
/* A warning that must be seen even when the log file is gone (a home
 * deleted under its server): to the log, and to syslog too. */
void	 log_alert(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	 fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
