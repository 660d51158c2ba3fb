#ifndef KONTOR_CLIENT_MAIL_H
#define KONTOR_CLIENT_MAIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct buf;
struct client;

/*
 * A document by e-mail: its PDF (op print, dest "mail:ADDRESS", so the
 * archive records where it went) attached to a short letter in Russian
 * from the company, handed to the local sendmail interface (sendmail -t
 * -oi: every MTA has one), found on PATH or as MAIL_SENDMAIL.  For
 * kontor mail and the session's print dialog: nothing is printed here,
 * sendmail's own words come back in *cause.
 *
 * The message (RFC 5322, MIME): From the company's name and e-mail when
 * it has one (else the MTA says who), To, a Subject in RFC 2047 encoded
 * words, Date, Message-ID; multipart/mixed of text/plain; charset=UTF-8
 * and application/pdf, both base64, the PDF named as the print names it
 * (DOC.pdf).  Lines end in LF: sendmail makes them CRLF on the wire.
 */

#define MAIL_SENDMAIL	"/usr/sbin/sendmail"

struct mail_msg {
	const char		*to;
	const char		*from;		/* the company's e-mail, or
						   NULL: the MTA's */
	const char		*company;	/* its name, or NULL */
	const char		*phone;		/* or NULL */
	const char		*doc;		/* INV-2026-000001 */
	const char		*form;		/* the print form's name */
	const char		*filename;	/* INV-2026-000001.pdf */
	const unsigned char	*pdf;
	size_t			 len;
	time_t			 date;
	const char		*msgid;		/* without < > */
	const char		*boundary;
};

/* The message of m, appended to b. */
void	 mail_build(const struct mail_msg *, struct buf *);
/* What the letter calls a form (Russian: it goes to the customer), as a
 * subject starts ("Счёт на оплату"); static. */
const char *mail_form_title(const char *form);

struct mail_sent {
	uint64_t	 archive;	/* the print's archive entry */
	char		 name[128];	/* the PDF's file name */
};

/*
 * Mail document doc (form: NULL for its default) to address to.  0, or
 * an exit code and *cause: EX_USAGE for an address that is none,
 * EX_UNAVAILABLE when no sendmail is there (said before anything is
 * printed or archived) or it failed (its words in *cause; the archive
 * entry, in *sent, records the attempt), or the print's refusal.
 */
int	 mail_doc(struct client *, const char *doc, const char *form,
	     const char *to, struct mail_sent *, char **cause);

/*
 * A report by e-mail (kontor report ... --mail ADDRESS): a letter of
 * subject and text, the file (name, of type ctype: "text/csv",
 * "text/plain") attached, sent through sendmail as mail_doc's are.  0, or
 * EX_USAGE (no address), EX_UNAVAILABLE (no sendmail, or it failed) and
 * *cause.
 */
int	 mail_report(const char *to, const char *subject, const char *text,
	     const char *name, const char *ctype, const void *, size_t,
	     char **cause);

#endif
