/*
 * A document by e-mail (mail.h): the letter and its MIME, sendmail.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "proto.h"
#include "client/client.h"
#include "client/mail.h"
#include "client/print.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "dict/value.h"
#include "i18n.h"
#include "xmalloc.h"

#define MAIL_ERR_MAX	600	/* bytes of sendmail's words kept */
#define B64_LINE	76	/* characters of a base64 body line */
#define EW_BYTES	45	/* bytes of text in one encoded word: its
				   base64 is 60, the word 72 of 75 */

/* What the letter calls each form, in Russian whatever the clerk's
 * language: it goes to the customer. */
static const struct {
	const char	*form;
	const char	*title;
} mail_titles[] = {
	{ "invoice",	"Счёт на оплату" },		/* i18n: no */
	{ "order",	"Подтверждение заказа" },	/* i18n: no */
	{ "quote",	"Коммерческое предложение" },	/* i18n: no */
	{ "upd",	"Универсальный передаточный документ" }, /* i18n: no */
	{ "torg12",	"Товарная накладная ТОРГ-12" },	/* i18n: no */
	{ "act",	"Акт выполненных работ" },	/* i18n: no */
	{ "pko",	"Приходный кассовый ордер" },	/* i18n: no */
	{ "contract",	"Договор" },			/* i18n: no */
};

static const char	*mail_lower_first(const char *);

static unsigned		 mail_count;	/* messages this process made */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* len bytes of p as base64 on one line, no padding left out. */
static void
b64_add(struct buf *b, const unsigned char *p, size_t len)
{
	size_t		 i;
	unsigned	 v;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];
		buf_addc(b, b64[v >> 18 & 63]);
		buf_addc(b, b64[v >> 12 & 63]);
		buf_addc(b, b64[v >> 6 & 63]);
		buf_addc(b, b64[v & 63]);
	}
	if (i < len) {
		v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		buf_addc(b, b64[v >> 18 & 63]);
		buf_addc(b, b64[v >> 12 & 63]);
		buf_addc(b, i + 1 < len ? b64[v >> 6 & 63] : '=');
		buf_addc(b, '=');
	}
}

/* A body in base64, B64_LINE characters a line. */
static void
b64_body(struct buf *b, const unsigned char *p, size_t len)
{
	size_t	 per = B64_LINE / 4 * 3, i;

	for (i = 0; i < len; i += per) {
		b64_add(b, p + i, len - i < per ? len - i : per);
		buf_addc(b, '\n');
	}
}

static int
plain_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < ' ' || (unsigned char)*s > '~')
			return (0);
	return (1);
}

/*
 * s as RFC 2047 encoded words (UTF-8, B), each of whole characters, on a
 * line that has used columns already; the words after the first each on
 * a folded line of its own, no line over 76 columns (RFC 2047, 2).  The
 * columns the last line has.
 */
static size_t
encoded_words(struct buf *b, const char *s, size_t used)
{
	size_t	 len = strlen(s), n, max;

	while (len > 0) {
		/* "=?UTF-8?B?" and "?=" are 12; 4 columns for 3 bytes. */
		max = used + 12 + 4 < 76 ? (76 - used - 12) / 4 * 3 : 3;
		if (max > EW_BYTES)
			max = EW_BYTES;
		n = len < max ? len : max;
		/* Never a character cut in two: back to its first byte. */
		while (n < len && n > 1 && ((unsigned char)s[n] & 0xc0) ==
		    0x80)
			n--;
		buf_adds(b, "=?UTF-8?B?");
		b64_add(b, (const unsigned char *)s, n);
		buf_adds(b, "?=");
		used += 12 + (n + 2) / 3 * 4;
		s += n;
		len -= n;
		if (len > 0) {
			buf_adds(b, "\n ");
			used = 1;
		}
	}
	return (used);
}

/* A header whose value may be any UTF-8 text. */
static void
header_text(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, "%s: ", name);
	if (plain_ascii(value) && strlen(name) + 2 + strlen(value) <= 76)
		buf_adds(b, value);
	else
		encoded_words(b, value, strlen(name) + 2);
	buf_addc(b, '\n');
}

/* The date as RFC 5322 has it, in English whatever the locale. */
static void
rfc5322_date(struct buf *b, time_t t)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
	};
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
		"Sep", "Oct", "Nov", "Dec"
	};
	struct tm	 tm;
	long		 off;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	buf_printf(b, "%s, %d %s %d %02d:%02d:%02d %c%02ld%02ld",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    off < 0 ? '-' : '+', (off < 0 ? -off : off) / 60,
	    (off < 0 ? -off : off) % 60);
}

const char *
mail_form_title(const char *form)
{
	size_t	 i;

	for (i = 0; form != NULL && i < sizeof mail_titles /
	    sizeof mail_titles[0]; i++)
		if (strcmp(mail_titles[i].form, form) == 0)
			return (mail_titles[i].title);
	return ("Документ");	/* i18n: no */
}

void
mail_build(const struct mail_msg *m, struct buf *b)
{
	struct buf	 text, subj;
	const char	*title = mail_form_title(m->form);
	size_t		 used;

	memset(&text, 0, sizeof text);
	memset(&subj, 0, sizeof subj);
	/* The letter: short, in Russian, signed by the firm. */
	buf_printf(&text, "Здравствуйте!\n\n"		/* i18n: no */
	    "Во вложении — %s %s.\n\n"			/* i18n: no */
	    "С уважением,\n", mail_lower_first(title),	/* i18n: no */
	    m->doc);
	if (m->company != NULL && *m->company != '\0')
		buf_printf(&text, "%s\n", m->company);
	if (m->phone != NULL && *m->phone != '\0')
		buf_printf(&text, "%s\n", m->phone);
	if (m->from != NULL && *m->from != '\0')
		buf_printf(&text, "%s\n", m->from);
	if (m->company != NULL && *m->company != '\0')
		buf_printf(&subj, "%s %s — %s", title, m->doc, m->company);
	else
		buf_printf(&subj, "%s %s", title, m->doc);
	buf_addc(&subj, '\0');

	if (m->from != NULL && *m->from != '\0') {
		buf_adds(b, "From: ");
		used = 6;
		if (m->company != NULL && *m->company != '\0')
			used = encoded_words(b, m->company, used);
		/* The address on the line, or folded onto one of its own. */
		if (used > 6 && used + 3 + strlen(m->from) > 76)
			buf_adds(b, "\n");
		buf_printf(b, "%s<%s>\n", used > 6 ? " " : "", m->from);
	}
	buf_printf(b, "To: %s\n", m->to);
	header_text(b, "Subject", subj.data);
	buf_adds(b, "Date: ");
	rfc5322_date(b, m->date);
	buf_addc(b, '\n');
	buf_printf(b, "Message-ID: <%s>\n", m->msgid);
	buf_adds(b, "MIME-Version: 1.0\n");
	buf_printf(b, "Content-Type: multipart/mixed; boundary=\"%s\"\n",
	    m->boundary);
	buf_adds(b, "\nThis is a message in MIME format.\n");
	buf_printf(b, "\n--%s\n", m->boundary);
	buf_adds(b, "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: base64\n\n");
	b64_body(b, (const unsigned char *)text.data, text.len);
	buf_printf(b, "\n--%s\n", m->boundary);
	buf_printf(b, "Content-Type: application/pdf; name=\"%s\"\n"
	    "Content-Disposition: attachment; filename=\"%s\"\n"
	    "Content-Transfer-Encoding: base64\n\n", m->filename,
	    m->filename);
	b64_body(b, m->pdf, m->len);
	buf_printf(b, "\n--%s--\n", m->boundary);
	buf_free(&text);
	buf_free(&subj);
}

static const char *
mail_lower_first(const char *title)
{
	/* "Счёт на оплату" reads "счёт на оплату" mid-sentence; a name of
	 * capitals (УПД) stays as it is. */
	static const struct {
		const char	*from, *to;
	} lower[] = {
		{ "Счёт на оплату", "счёт на оплату" },	/* i18n: no */
		{ "Подтверждение заказа", "подтверждение заказа" }, /* i18n: no */
		{ "Коммерческое предложение",		/* i18n: no */
		  "коммерческое предложение" },		/* i18n: no */
		{ "Универсальный передаточный документ", /* i18n: no */
		  "универсальный передаточный документ" }, /* i18n: no */
		{ "Товарная накладная ТОРГ-12",		/* i18n: no */
		  "товарная накладная ТОРГ-12" },	/* i18n: no */
		{ "Акт выполненных работ", "акт выполненных работ" }, /* i18n: no */
		{ "Приходный кассовый ордер",		/* i18n: no */
		  "приходный кассовый ордер" },		/* i18n: no */
		{ "Договор", "договор" },		/* i18n: no */
		{ "Документ", "документ" },		/* i18n: no */
	};
	size_t	 i;

	for (i = 0; i < sizeof lower / sizeof lower[0]; i++)
		if (strcmp(lower[i].from, title) == 0)
			return (lower[i].to);
	return (title);
}

/* The sendmail to run: on PATH, else /usr/sbin/sendmail; NULL if none. */
static char *
find_sendmail(void)
{
	const char	*path = getenv("PATH"), *p, *colon;
	char		*f;

	if (path != NULL) {
		for (p = path;; p = colon + 1) {
			if ((colon = strchr(p, ':')) == NULL)
				colon = p + strlen(p);
			if (colon > p) {
				xasprintf(&f, "%.*s/sendmail", (int)(colon - p),
				    p);
				if (access(f, X_OK) == 0)
					return (f);
				free(f);
			}
			if (*colon == '\0')
				break;
		}
	}
	if (access(MAIL_SENDMAIL, X_OK) == 0)
		return (xstrdup(MAIL_SENDMAIL));
	return (NULL);
}

/*
 * sendmail -t -oi, the message on its standard input, its own words to a
 * temporary file (a screen may be showing): 0, or EX_UNAVAILABLE and
 * *cause with them.
 */
static int
send_message(const char *sendmail, const char *to, const struct buf *msg,
    char **cause)
{
	char		*argv[4], said[MAIL_ERR_MAX + 1], *nl;
	struct sigaction sa, old;
	FILE		*errf;
	ssize_t		 n;
	pid_t		 pid;
	int		 fds[2], status, err = 0;

	argv[0] = (char *)sendmail;
	argv[1] = (char *)"-t";
	argv[2] = (char *)"-oi";
	argv[3] = NULL;
	if ((errf = tmpfile()) == NULL) {
		xasprintf(cause, "tmpfile: %s", strerror(errno)); /* i18n: no */
		return (EX_OSERR);
	}
	if (pipe(fds) != 0) {
		xasprintf(cause, "pipe: %s", strerror(errno)); /* i18n: no */
		fclose(errf);
		return (EX_OSERR);
	}
	fflush(NULL);
	if ((pid = fork()) == -1) {
		xasprintf(cause, "fork: %s", strerror(errno)); /* i18n: no */
		close(fds[0]);
		close(fds[1]);
		fclose(errf);
		return (EX_OSERR);
	}
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		dup2(fileno(errf), STDOUT_FILENO);
		dup2(fileno(errf), STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		execv(sendmail, argv);
		_exit(127);
	}
	close(fds[0]);
	/* sendmail may stop reading: its exit status says why. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &old);
	if (full_write(fds[1], msg->data, msg->len) != 0)
		err = errno;
	close(fds[1]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	sigaction(SIGPIPE, &old, NULL);
	/* Its words, on one line. */
	n = pread(fileno(errf), said, MAIL_ERR_MAX, 0);
	said[n > 0 ? n : 0] = '\0';
	fclose(errf);
	while ((nl = strchr(said, '\n')) != NULL)
		*nl = nl[1] == '\0' ? '\0' : ' ';
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		xasprintf(cause, _("cannot send to %s: %s could not be run"),
		    to, sendmail);
		return (EX_UNAVAILABLE);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (*said != '\0')
			xasprintf(cause, _("cannot send to %s: %s failed (exit "
			    "%d): %s"), to, sendmail, WIFEXITED(status) ?
			    WEXITSTATUS(status) : 128 + WTERMSIG(status), said);
		else
			xasprintf(cause, _("cannot send to %s: %s failed (exit "
			    "%d)"), to, sendmail, WIFEXITED(status) ?
			    WEXITSTATUS(status) : 128 + WTERMSIG(status));
		return (EX_UNAVAILABLE);
	}
	if (err != 0) {
		xasprintf(cause, _("cannot send to %s: %s"), to, strerror(err));
		return (EX_UNAVAILABLE);
	}
	return (0);
}

/* The company's name, e-mail and phone for the letter (borrowed from
 * *rec, which the caller frees; NULL where it has none). */
static void
company_details(struct client *c, struct record **rec, struct mail_msg *m)
{
	const struct entity_def	*e = dict_entity("company");
	char			*cause = NULL;

	if (cr_get(c, e, 0, "OWN", rec, &cause) != 0) {	/* i18n: no */
		free(cause);
		*rec = NULL;
		m->company = client_company(c);
		return;
	}
	m->company = record_str(*rec, dict_field_pos(e, "name"));
	m->from = record_str(*rec, dict_field_pos(e, "email"));
	m->phone = record_str(*rec, dict_field_pos(e, "phone"));
	if (m->company == NULL)
		m->company = client_company(c);
	/* The header takes a plain address only. */
	if (m->from != NULL && (!email_valid(m->from) ||
	    !plain_ascii(m->from)))
		m->from = NULL;
}

/* A file name as a quoted MIME parameter takes it: plain ASCII, no
 * quotes or backslashes. */
static char *
safe_filename(const char *name, const char *doc)
{
	char	*s, *p;

	if (name == NULL || !plain_ascii(name))
		xasprintf(&s, "%s.pdf", plain_ascii(doc) ? doc :
		    "document");	/* i18n: no */
	else
		s = xstrdup(name);
	for (p = s; *p != '\0'; p++)
		if (*p == '"' || *p == '\\' || (unsigned char)*p >= 0x80)
			*p = '_';
	return (s);
}

int
mail_doc(struct client *c, const char *doc, const char *form,
    const char *to, struct mail_sent *sent, char **cause)
{
	struct cp_print_req	 q;
	struct cp_printout	 out;
	struct mail_msg		 m;
	struct record		*co = NULL;
	struct buf		 msg;
	char			*sendmail, *dest, *fname, host[128];
	char			 msgid[256], boundary[64];
	int			 rc;

	memset(sent, 0, sizeof *sent);
	if (!email_valid(to) || !plain_ascii(to)) {
		xasprintf(cause, _("an e-mail address like name@example.ru "
		    "expected, got '%s'"), to);
		return (EX_USAGE);
	}
	/* No way to send: said before anything is printed or archived. */
	if ((sendmail = find_sendmail()) == NULL) {
		xasprintf(cause, _("cannot send mail: no sendmail on PATH or "
		    "at %s (install a mail transfer agent: exim4, postfix, "
		    "msmtp-mta...)"), MAIL_SENDMAIL);
		return (EX_UNAVAILABLE);
	}
	xasprintf(&dest, "mail:%s", to);	/* i18n: no */
	memset(&q, 0, sizeof q);
	q.doc = doc;
	q.form = form;
	q.format = "pdf";
	q.dest = dest;
	rc = cp_print(c, &q, &out, cause);
	free(dest);
	if (rc != 0) {
		free(sendmail);
		return (rc);
	}
	sent->archive = out.archive;
	snprintf(sent->name, sizeof sent->name, "%s", out.name);
	memset(&m, 0, sizeof m);
	company_details(c, &co, &m);
	if (gethostname(host, sizeof host) != 0)
		host[0] = '\0';
	host[sizeof host - 1] = '\0';
	if (!plain_ascii(host) || strpbrk(host, "<>@ ") != NULL ||
	    *host == '\0')
		snprintf(host, sizeof host, "kontor");	/* i18n: no */
	m.date = time(NULL);
	/* Unique: the time, the process, and its count of messages. */
	snprintf(msgid, sizeof msgid, "kontor.%lld.%ld.%u@%s",
	    (long long)m.date, (long)getpid(), ++mail_count, host);
	snprintf(boundary, sizeof boundary, "=_kontor_%lld_%ld_%u",
	    (long long)m.date, (long)getpid(), mail_count);
	fname = safe_filename(out.name, doc);
	m.to = to;
	m.doc = doc;
	m.form = out.form;
	m.filename = fname;
	m.pdf = (const unsigned char *)out.bytes;
	m.len = out.len;
	m.msgid = msgid;
	m.boundary = boundary;
	memset(&msg, 0, sizeof msg);
	mail_build(&m, &msg);
	rc = send_message(sendmail, to, &msg, cause);
	buf_free(&msg);
	free(fname);
	record_free(co);
	cp_printout_free(&out);
	free(sendmail);
	return (rc);
}

int
mail_report(const char *to, const char *subject, const char *body,
    const char *name, const char *ctype, const void *bytes, size_t len,
    char **cause)
{
	struct buf	 msg;
	char		*sendmail, host[128];
	time_t		 date;
	int		 rc;

	if (!email_valid(to) || !plain_ascii(to)) {
		xasprintf(cause, _("an e-mail address like name@example.ru "
		    "expected, got '%s'"), to);
		return (EX_USAGE);
	}
	if ((sendmail = find_sendmail()) == NULL) {
		xasprintf(cause, _("cannot send mail: no sendmail on PATH or "
		    "at %s (install a mail transfer agent: exim4, postfix, "
		    "msmtp-mta...)"), MAIL_SENDMAIL);
		return (EX_UNAVAILABLE);
	}
	if (gethostname(host, sizeof host) != 0)
		host[0] = '\0';
	host[sizeof host - 1] = '\0';
	if (!plain_ascii(host) || strpbrk(host, "<>@ ") != NULL ||
	    *host == '\0')
		snprintf(host, sizeof host, "kontor");	/* i18n: no */
	date = time(NULL);
	mail_count++;
	memset(&msg, 0, sizeof msg);
	buf_printf(&msg, "To: %s\n", to);
	header_text(&msg, "Subject", subject);
	buf_adds(&msg, "Date: ");
	rfc5322_date(&msg, date);
	buf_addc(&msg, '\n');
	buf_printf(&msg, "Message-ID: <kontor.%lld.%ld.%u@%s>\n",
	    (long long)date, (long)getpid(), mail_count, host);
	buf_adds(&msg, "MIME-Version: 1.0\n");
	buf_printf(&msg, "Content-Type: multipart/mixed; "
	    "boundary=\"=_kontor_%lld_%ld_%u\"\n", (long long)date,
	    (long)getpid(), mail_count);
	buf_adds(&msg, "\nThis is a message in MIME format.\n");
	buf_printf(&msg, "\n--=_kontor_%lld_%ld_%u\n", (long long)date,
	    (long)getpid(), mail_count);
	buf_adds(&msg, "Content-Type: text/plain; charset=UTF-8\n"
	    "Content-Transfer-Encoding: base64\n\n");
	b64_body(&msg, (const unsigned char *)body, strlen(body));
	buf_printf(&msg, "\n--=_kontor_%lld_%ld_%u\n", (long long)date,
	    (long)getpid(), mail_count);
	/* A charset for text only (a PDF has none). */
	buf_printf(&msg, "Content-Type: %s;%s name=\"%s\"\n"
	    "Content-Disposition: attachment; filename=\"%s\"\n"
	    "Content-Transfer-Encoding: base64\n\n", ctype,
	    strncmp(ctype, "text/", 5) == 0 ? " charset=UTF-8;" : "", name,
	    name);
	b64_body(&msg, bytes, len);
	buf_printf(&msg, "\n--=_kontor_%lld_%ld_%u--\n", (long long)date,
	    (long)getpid(), mail_count);
	rc = send_message(sendmail, to, &msg, cause);
	buf_free(&msg);
	free(sendmail);
	return (rc);
}
