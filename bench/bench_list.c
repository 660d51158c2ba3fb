/*
 * bench_list: how fast the customer list, its incremental search and its
 * paging answer, measured as the TUI's client sees a request (send, the
 * server's work, the reply, decoding the rows), over a home with many
 * customers (1,000,000 by default).
 *
 *   bench/bench_list [-n N] [-H HOME] [-r REPS] [-k KONTOR] [-p PAGE]
 *                    [--restart] [--stop] [--setup]
 *
 * Without an existing HOME it creates one (kontor init), writes N
 * customers with Cyrillic names and valid INNs to HOME.csv and imports
 * them (kontor import, one transaction); --setup stops there.  With
 * --restart the server is stopped first (its cache is then cold), with
 * --stop it is stopped at the end.  It measures:
 *   (a) opening the list: the first page of the "name" index;
 *   (b) each keystroke of a search, the requests exactly as the TUI's
 *       search_changed() (src/ui/browse.c) makes them: name words, the
 *       code, phone digits and INN from 3 digits, e-mail for letters;
 *   (c) paging: the next page from the last row's key, the previous
 *       page, and the last page (End).
 * Times are per keystroke (all its requests), in milliseconds.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "client/client.h"
#include "client/records.h"
#include "dict/dict.h"
#include "dict/record.h"
#include "home.h"
#include "log.h"
#include "proto.h"

#define SEARCH_MAX	100	/* BROWSE_SEARCH_MAX in src/ui/browse.c */

static const char *kontor_bin = "./kontor";
static const char *home;
static struct client *cl;
static const struct entity_def *ent;

/* --- a small deterministic random source ---------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

static unsigned
rnd(unsigned n)
{
	return ((unsigned)(rng() % n));
}

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])
#define PICK(a)		((a)[rnd(NELEM(a))])

/* --- the customers -------------------------------------------------------- */

static const char *const surnames[] = {
	"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров",
	"Соколов", "Михайлов", "Новиков", "Федоров", "Морозов", "Волков",
	"Алексеев", "Лебедев", "Семенов", "Егоров", "Павлов", "Козлов",
	"Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
	"Захаров", "Зайцев", "Соловьев", "Борисов", "Яковлев", "Григорьев",
	"Романов", "Воробьев", "Сергеев", "Кузьмин", "Фролов", "Александров",
	"Дмитриев", "Королев", "Гусев", "Киселев", "Ильин", "Максимов",
	"Поляков", "Сорокин", "Виноградов", "Ковалев", "Белов", "Медведев",
	"Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров",
	"Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров",
	"Матвеев", "Титов", "Марков", "Миронов", "Крылов", "Куликов",
	"Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов",
	"Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин",
	"Чернов", "Абрамов", "Мартынов", "Ефимов", "Федотов", "Щербаков",
	"Назаров", "Калинин", "Исаев", "Чернышев", "Быков", "Маслов",
	"Родионов", "Коновалов", "Лазарев", "Воронин", "Климов", "Филатов",
	"Пономарев", "Голубев", "Кудрявцев", "Прохоров", "Наумов", "Потапов",
	"Журавлев", "Овчинников", "Трофимов", "Леонов", "Соболев", "Ермаков",
	"Колесников", "Гончаров", "Емельянов", "Никифоров", "Грачев", "Котов",
	"Гришин", "Ефремов", "Архипов", "Громов", "Кириллов", "Малышев",
	"Панов", "Моисеев", "Румянцев", "Акимов", "Кондратьев", "Бирюков",
	"Горбунов", "Анисимов", "Ерёмин", "Тихомиров", "Галкин", "Лукьянов",
};
static const char *const firstnames[] = {
	"Александр", "Алексей", "Андрей", "Антон", "Артем", "Борис",
	"Вадим", "Валерий", "Василий", "Виктор", "Владимир", "Вячеслав",
	"Геннадий", "Георгий", "Денис", "Дмитрий", "Евгений", "Егор",
	"Иван", "Игорь", "Илья", "Кирилл", "Константин", "Максим",
	"Михаил", "Никита", "Николай", "Олег", "Павел", "Петр", "Роман",
	"Руслан", "Семен", "Сергей", "Степан", "Тимур", "Федор", "Юрий",
	"Ярослав", "Пётр",
};
static const char *const patronymics[] = {
	"Александрович", "Алексеевич", "Андреевич", "Борисович",
	"Васильевич", "Викторович", "Владимирович", "Геннадьевич",
	"Дмитриевич", "Евгеньевич", "Иванович", "Игоревич", "Михайлович",
	"Николаевич", "Олегович", "Павлович", "Петрович", "Романович",
	"Сергеевич", "Юрьевич", "Федорович", "Степанович",
};
static const char *const forms[] = { "ООО", "ООО", "ООО", "АО", "ПАО", "ЗАО" };
static const char *const adjectives[] = {
	"Северная", "Южная", "Восточная", "Западная", "Новая", "Первая",
	"Торговая", "Промышленная", "Строительная", "Транспортная",
	"Уральская", "Сибирская", "Волжская", "Невская", "Балтийская",
	"Донская", "Центральная", "Городская", "Русская", "Золотая",
	"Белая", "Красная", "Зеленая", "Светлая", "Большая", "Малая",
	"Техно", "Агро", "Строй", "Эко", "Мега", "Инвест", "Ромашковая",
};
static const char *const nouns[] = {
	"Ромашка", "Звезда", "Радуга", "Волна", "Береза", "Рябина", "Сосна",
	"Ель", "Заря", "Нива", "Степь", "Река", "Гавань", "Пристань",
	"Мануфактура", "Торговля", "Логистика", "Техника", "Механика",
	"Энергия", "Сталь", "Медь", "Бумага", "Мебель", "Обувь", "Пекарня",
	"Молочница", "Ферма", "Мельница", "Кузница", "Лаборатория",
	"Компания", "Группа", "Линия", "Система", "Сеть", "Поставка",
	"Опора", "Основа", "Гарантия", "Перспектива", "Вершина", "Высота",
	"Дорога", "Магистраль", "Аптека", "Оптика", "Книга", "Игрушка",
	"Рома", "Ромб", "Роза", "Роща", "Ротонда", "Палитра", "Кровля",
};
static const char *const cities[] = {
	"Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань",
	"Нижний Новгород", "Челябинск", "Самара", "Омск", "Ростов-на-Дону",
	"Уфа", "Красноярск", "Воронеж", "Пермь", "Волгоград", "Краснодар",
	"Тюмень", "Саратов", "Тольятти", "Ижевск", "Барнаул", "Ярославль",
};
static const char *const streets[] = {
	"ул. Ленина", "ул. Мира", "ул. Советская", "ул. Садовая",
	"пр. Победы", "ул. Гагарина", "ул. Лесная", "ул. Заводская",
	"ул. Школьная", "Невский пр.", "ул. Пушкина", "наб. Реки",
};
static const char *const statuses[] = {
	"active", "active", "active", "prospect", "lead", "lost"
};
static const char *const mailhosts[] = {
	"mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "rambler.ru",
};

/* An INN with valid check digits: 10 digits for a firm, 12 for a person. */
static void
make_inn(char *s, int person)
{
	static const int w10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
	int	 i, sum, region = 1 + (int)rnd(89);

	s[0] = (char)('0' + region / 10);
	s[1] = (char)('0' + region % 10);
	for (i = 2; i < (person ? 10 : 9); i++)
		s[i] = (char)('0' + rnd(10));
	if (!person) {
		for (sum = 0, i = 0; i < 9; i++)
			sum += w10[i] * (s[i] - '0');
		s[9] = (char)('0' + sum % 11 % 10);
		s[10] = '\0';
		return;
	}
	for (sum = 0, i = 0; i < 10; i++)
		sum += w11[i] * (s[i] - '0');
	s[10] = (char)('0' + sum % 11 % 10);
	for (sum = 0, i = 0; i < 11; i++)
		sum += w12[i] * (s[i] - '0');
	s[11] = (char)('0' + sum % 11 % 10);
	s[12] = '\0';
}

/* A CSV field, always quoted. */
static void
csv_field(FILE *f, const char *s, int last)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
	fputc(last ? '\n' : ',', f);
}

static int
write_csv(const char *path, unsigned long n)
{
	FILE		*f;
	unsigned long	 i;
	char		 name[256], inn[16], kpp[16], phone[32], email[64];
	char		 addr[128], code[32];
	int		 person;

	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "bench_list: %s: %s\n", path, strerror(errno));
		return (-1);
	}
	fputs("code,name,kind,inn,kpp,phone,email,city,address,status\n", f);
	for (i = 1; i <= n; i++) {
		person = rnd(10) < 4;
		if (person) {
			snprintf(name, sizeof name, "%s %s %s", PICK(surnames),
			    PICK(firstnames), PICK(patronymics));
			kpp[0] = '\0';
		} else {
			if (rnd(3) == 0)
				snprintf(name, sizeof name, "%s «%s %s-%u»",
				    PICK(forms), PICK(adjectives), PICK(nouns),
				    1 + rnd(999));
			else if (rnd(2) == 0)
				snprintf(name, sizeof name, "%s «%s %s»",
				    PICK(forms), PICK(adjectives), PICK(nouns));
			else
				snprintf(name, sizeof name, "%s «%s %s»",
				    PICK(forms), PICK(surnames), PICK(nouns));
		}
		make_inn(inn, person);
		if (!person)
			snprintf(kpp, sizeof kpp, "%.4s01001", inn);
		if (rnd(4) == 0)
			snprintf(phone, sizeof phone, "+7 (%03u) %03u-%02u-%02u",
			    rnd(2) ? 495 : 812, rnd(1000), rnd(100), rnd(100));
		else
			snprintf(phone, sizeof phone, "+7 (9%02u) %03u-%02u-%02u",
			    rnd(100), rnd(1000), rnd(100), rnd(100));
		if (rnd(5) == 0)
			email[0] = '\0';
		else
			snprintf(email, sizeof email, "c%lu@%s", i,
			    PICK(mailhosts));
		snprintf(addr, sizeof addr, "%s, д. %u", PICK(streets),
		    1 + rnd(150));
		snprintf(code, sizeof code, "C-%07lu", i);
		csv_field(f, code, 0);
		csv_field(f, name, 0);
		csv_field(f, person ? "person" : "company", 0);
		csv_field(f, inn, 0);
		csv_field(f, kpp, 0);
		csv_field(f, phone, 0);
		csv_field(f, email, 0);
		csv_field(f, PICK(cities), 0);
		csv_field(f, addr, 0);
		csv_field(f, PICK(statuses), 1);
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "bench_list: %s: %s\n", path, strerror(errno));
		return (-1);
	}
	return (0);
}

/* --- helpers -------------------------------------------------------------- */

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6);
}

/* Run kontor --home HOME args...; returns its exit status. */
static int
run_kontor(const char *a1, const char *a2, const char *a3, const char *a4)
{
	pid_t	 pid;
	int	 st;

	fflush(NULL);
	if ((pid = fork()) < 0)
		return (-1);
	if (pid == 0) {
		execl(kontor_bin, "kontor", "--home", home, a1, a2, a3, a4,
		    (char *)NULL);
		fprintf(stderr, "bench_list: %s: %s\n", kontor_bin,
		    strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return (-1);
	return (WIFEXITED(st) ? WEXITSTATUS(st) : 128);
}

static int
connect_server(int *started)
{
	struct paths	 p;
	char		*cause = NULL;
	int		 i, rc;

	paths_resolve(&p, home, NULL);
	for (i = 0; i < 600; i++) {
		if ((rc = client_open(&p, 0, &cl, &cause)) == 0)
			break;
		free(cause);
		cause = NULL;
		if (i == 0) {
			/* kontor serve --daemon returns at once. */
			if (run_kontor("serve", "--daemon", NULL, NULL) != 0)
				break;
			*started = 1;
		}
		usleep(100000);
	}
	paths_free(&p);
	if (cl == NULL) {
		fprintf(stderr, "bench_list: no server for %s\n", home);
		return (-1);
	}
	return (0);
}

static uint64_t
count_customers(void)
{
	struct client_reply	 r;
	struct msgb		 m;
	uint64_t		 n = 0;

	client_req(cl, &m, "count", 1);
	mb_kstr(&m, "entity", ent->name);
	if (client_call(cl, &m, &r) == 0 && r.data != NULL &&
	    r.data->type == MSGPACK_OBJECT_POSITIVE_INTEGER)
		n = r.data->via.u64;
	client_reply_free(&r);
	return (n);
}

static void
die_cause(const char *what, char *cause)
{
	fprintf(stderr, "bench_list: %s: %s\n", what, cause ? cause : "?");
	exit(1);
}

/* --- samples -------------------------------------------------------------- */

struct samples {
	double	*v;
	size_t	 n;
	double	 first;
	size_t	 reqs;		/* requests per sample */
	size_t	 rows;		/* rows over all samples */
};

static void
sample_add(struct samples *s, double ms)
{
	if (s->n == 0)
		s->first = ms;
	s->v = realloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = ms;
}

static int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static double
pct(const struct samples *s, double p)
{
	size_t	 i = (size_t)(p * (double)(s->n - 1) + 0.5);

	return (s->v[i]);
}

static void
print_header(void)
{
	printf("%-44s %4s %4s %8s %8s %8s %8s  %-9s %s\n", "measure", "reqs",
	    "rows", "first", "median", "p95", "p99", "target",
	    "Dolibarr 20, 100k");
}

static void
print_row(const char *what, struct samples *s, const char *target,
    const char *doli)
{
	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof *s->v, cmp_double);
	printf("%-*s %4zu %4zu %8.2f %8.2f %8.2f %8.2f  %-9s %s\n",
	    (int)(44 + strlen(what) - (size_t)mbstowcs(NULL, what, 0)), what,
	    s->reqs, (s->rows + s->n / 2) / s->n, s->first, pct(s, .5),
	    pct(s, .95), pct(s, .99), target, doli);
	fflush(stdout);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* --- what the TUI does ---------------------------------------------------- */

/* One page of the name index from a key, as browse_fetch(). */
static double
scan_page(const struct value *from, uint64_t from_id, int dir, size_t page,
    struct record ***rows, size_t *n)
{
	char	*cause = NULL;
	double	 t0 = now_ms();

	if (cr_scan(cl, ent, "name", from, from_id, dir, page, rows, n,
	    &cause) != 0)
		die_cause("scan", cause);
	return (now_ms() - t0);
}

struct merged {
	uint64_t	 ids[SEARCH_MAX];
	size_t		 n;
	size_t		 reqs;
};

/* add_results() in src/ui/browse.c. */
static void
add_results(struct merged *mg, const char *field, const char *q)
{
	struct record	**rows;
	size_t		 n, i, j;
	char		*cause = NULL;

	if (dict_field_pos(ent, field) < 0)
		return;
	mg->reqs++;
	if (cr_search(cl, ent, field, q, SEARCH_MAX, &rows, &n,
	    &cause) != 0) {
		free(cause);
		return;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < mg->n; j++)
			if (mg->ids[j] == record_id(rows[i]))
				break;
		if (j == mg->n && mg->n < SEARCH_MAX)
			mg->ids[mg->n++] = record_id(rows[i]);
	}
	cr_rows_free(rows, n);
}

/* search_changed() in src/ui/browse.c: the requests of one keystroke. */
static double
keystroke(const char *q, struct merged *mg)
{
	const char	*p;
	size_t		 i, digits = 0;
	int		 other = 0;
	char		 upper[128];
	double		 t0 = now_ms();

	memset(mg, 0, sizeof *mg);
	while (*q == ' ')
		q++;
	for (p = q; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" +-()", *p))
			other = 1;
	}
	for (i = 0; i < ent->nfields; i++)
		if ((ent->fields[i].flags & (FF_SEARCH|FF_DIGITS)) ==
		    FF_SEARCH) {
			add_results(mg, ent->fields[i].name, q);
			break;
		}
	for (i = 0; i < sizeof upper - 1 && q[i] != '\0'; i++)
		upper[i] = (char)toupper((unsigned char)q[i]);
	upper[i] = '\0';
	add_results(mg, ent->fields[FX_CODE].name, upper);
	if (digits >= 3 && !other) {
		for (i = 0; i < ent->nfields; i++)
			if (ent->fields[i].flags & FF_DIGITS)
				add_results(mg, ent->fields[i].name, q);
		add_results(mg, "inn", q);
	}
	if (strchr(q, '@') != NULL || (!digits && other))
		add_results(mg, "email", q);
	return (now_ms() - t0);
}

/* The byte length of the first k characters of a UTF-8 string. */
static size_t
prefix_bytes(const char *s, size_t k)
{
	size_t	 i = 0;

	while (s[i] != '\0' && k > 0) {
		i++;
		while ((s[i] & 0xc0) == 0x80)
			i++;
		k--;
	}
	return (i);
}

/* A word's first letters, lower case (as a clerk types them). */
static void
typed_prefix(const char *word, size_t k, char *out, size_t sz)
{
	wchar_t		 w[64];
	size_t		 n, i;

	n = mbstowcs(w, word, NELEM(w) - 1);
	if (n == (size_t)-1)
		n = 0;
	if (n > k)
		n = k;
	w[n] = L'\0';
	for (i = 0; i < n; i++)
		w[i] = (wchar_t)towlower((wint_t)w[i]);
	if (wcstombs(out, w, sz) == (size_t)-1)
		out[0] = '\0';
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_list [-n N] [-H HOME] [-r REPS] "
	    "[-k KONTOR] [-p PAGE] [--restart] [--stop] [--setup]\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "home", required_argument, NULL, 'H' },
		{ "reps", required_argument, NULL, 'r' },
		{ "kontor", required_argument, NULL, 'k' },
		{ "page", required_argument, NULL, 'p' },
		{ "restart", no_argument, NULL, 'R' },
		{ "stop", no_argument, NULL, 's' },
		{ "setup", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const typed[] = { "рома", "9001234" };
	unsigned long	 n = 1000000;
	int		 reps = 200, ch, started = 0, restart = 0, stop = 0;
	int		 setup = 0;
	size_t		 page = 50, i, k, len;
	char		 defhome[128], *csv, q[64], label[128], sysdb[512];
	struct samples	 s;
	struct merged	 mg;
	struct record	**rows;
	size_t		 nrows;
	struct value	 from;
	struct stat	 sb;
	double		 t0;
	int		 r;

	setlocale(LC_ALL, "");
	if (strstr(setlocale(LC_CTYPE, NULL), "UTF-8") == NULL &&
	    strstr(setlocale(LC_CTYPE, NULL), "utf8") == NULL)
		setlocale(LC_CTYPE, "C.UTF-8");
	log_open(LOGT_NONE, NULL);
	while ((ch = getopt_long(argc, argv, "n:H:r:k:p:RsS", opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'n':
			n = strtoul(optarg, NULL, 10);
			break;
		case 'H':
			home = optarg;
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		case 'k':
			kontor_bin = optarg;
			break;
		case 'p':
			page = (size_t)atoi(optarg);
			break;
		case 'R':
			restart = 1;
			break;
		case 's':
			stop = 1;
			break;
		case 'S':
			setup = 1;
			break;
		default:
			usage();
		}
	}
	if (n == 0 || reps < 1 || page < 1)
		usage();
	if (home == NULL) {
		snprintf(defhome, sizeof defhome, "/tmp/kontor-bench-%lu", n);
		home = defhome;
	}
	ent = dict_entity("customers");

	/* The home: reuse it, or create and fill it. */
	snprintf(sysdb, sizeof sysdb, "%s/kontor.lock", home);
	if (stat(home, &sb) == 0 && stat(sysdb, &sb) == 0) {
		fprintf(stderr, "bench_list: reusing %s\n", home);
	} else {
		fprintf(stderr, "bench_list: creating %s\n", home);
		if ((r = run_kontor("init", "--company", "ООО «Бенч»",
		    NULL)) != 0) {
			fprintf(stderr, "bench_list: kontor init: exit %d\n",
			    r);
			return (1);
		}
		if (asprintf(&csv, "%s.csv", home) < 0)
			return (1);
		t0 = now_ms();
		if (write_csv(csv, n) != 0)
			return (1);
		fprintf(stderr, "bench_list: wrote %lu customers to %s in "
		    "%.1f s\n", n, csv, (now_ms() - t0) / 1e3);
		t0 = now_ms();
		if ((r = run_kontor("import", "customers", csv, NULL)) != 0) {
			fprintf(stderr, "bench_list: kontor import: exit %d\n",
			    r);
			return (1);
		}
		fprintf(stderr, "bench_list: imported in %.1f s\n",
		    (now_ms() - t0) / 1e3);
		unlink(csv);
		free(csv);
	}
	if (setup)
		return (0);
	if (restart) {
		run_kontor("stop", NULL, NULL, NULL);
		sleep(1);
	}
	if (connect_server(&started) != 0)
		return (1);
	t0 = now_ms();
	n = (unsigned long)count_customers();
	fprintf(stderr, "bench_list: %lu customers (counted in %.0f ms)\n", n,
	    now_ms() - t0);

	printf("kontor bench_list: %lu customers, %d repetitions, page %zu "
	    "rows; times in ms as the client sees them\n", n, reps, page);
	printf("(first: the run's first sample; rows: mean rows shown; a "
	    "keystroke is all the requests the TUI sends for it)\n\n");
	print_header();

	/* (a) Opening the list: the first page of the name index. */
	memset(&s, 0, sizeof s);
	memset(&from, 0, sizeof from);
	for (r = 0; r < reps; r++) {
		sample_add(&s, scan_page(&from, 0, 1, page, &rows, &nrows));
		s.rows += nrows;
		cr_rows_free(rows, nrows);
	}
	s.reqs = 1;
	print_row("(a) open list: first page by name", &s, "< 20",
	    "174 (list page)");

	/* (b) Keystrokes of a typed query, one line per prefix. */
	for (i = 0; i < NELEM(typed); i++) {
		size_t	 nch = mbstowcs(NULL, typed[i], 0);

		for (k = 1; k <= nch; k++) {
			len = prefix_bytes(typed[i], k);
			memcpy(q, typed[i], len);
			q[len] = '\0';
			memset(&s, 0, sizeof s);
			for (r = 0; r < reps; r++) {
				sample_add(&s, keystroke(q, &mg));
				s.reqs = mg.reqs;
				s.rows += mg.n;
			}
			snprintf(label, sizeof label, "(b) search key \"%s\"",
			    q);
			print_row(label, &s, "< 20", i == 0 ?
			    "138-247 (name search)" : "");
		}
	}

	/* (b') Varied queries: a different word each time, 1 to 4 letters,
	 * so that not every page is already in the cache. */
	for (k = 1; k <= 4; k++) {
		memset(&s, 0, sizeof s);
		for (r = 0; r < reps; r++) {
			const char *w = rnd(2) ? PICK(surnames) : PICK(nouns);

			typed_prefix(w, k, q, sizeof q);
			sample_add(&s, keystroke(q, &mg));
			s.reqs = mg.reqs;
			s.rows += mg.n;
		}
		snprintf(label, sizeof label, "(b) varied names, %zu letter%s",
		    k, k > 1 ? "s" : "");
		print_row(label, &s, "< 20", "138-247");
	}
	for (k = 3; k <= 7; k += 2) {
		memset(&s, 0, sizeof s);
		for (r = 0; r < reps; r++) {
			q[0] = '9';
			for (i = 1; i < k; i++)
				q[i] = (char)('0' + rnd(10));
			q[k] = '\0';
			sample_add(&s, keystroke(q, &mg));
			s.reqs = mg.reqs;
			s.rows += mg.n;
		}
		snprintf(label, sizeof label, "(b) varied phones, %zu digits",
		    k);
		print_row(label, &s, "< 20", "");
	}

	/* (c) Paging: the next page from the last row's key, walking on. */
	memset(&s, 0, sizeof s);
	memset(&from, 0, sizeof from);
	scan_page(&from, 0, 1, page, &rows, &nrows);
	for (r = 0; r < reps && nrows > 0; r++) {
		struct record	**next;
		size_t		 nn;
		int		 pos = dict_field_pos(ent, "name");

		from = rows[nrows - 1]->v[pos];
		sample_add(&s, scan_page(&from, record_id(rows[nrows - 1]), 1,
		    page, &next, &nn));
		s.rows += nn;
		cr_rows_free(rows, nrows);
		rows = next;
		nrows = nn;
	}
	cr_rows_free(rows, nrows);
	s.reqs = 1;
	print_row("(c) next page from the last key (walk)", &s, "< 20", "174");

	/* Next and previous pages at random places in the list. */
	for (ch = 1; ch >= -1; ch -= 2) {
		memset(&s, 0, sizeof s);
		for (r = 0; r < reps; r++) {
			struct record	**next;
			size_t		 nn;
			int		 pos = dict_field_pos(ent, "name");

			memset(&from, 0, sizeof from);
			from.set = 1;
			from.s = (char *)(rnd(2) ? PICK(surnames) : PICK(forms));
			scan_page(&from, 0, 1, page, &rows, &nrows);
			if (nrows == 0)
				continue;
			from = rows[ch > 0 ? nrows - 1 : 0]->v[pos];
			sample_add(&s, scan_page(&from,
			    record_id(rows[ch > 0 ? nrows - 1 : 0]), ch, page,
			    &next, &nn));
			s.rows += nn;
			cr_rows_free(next, nn);
			cr_rows_free(rows, nrows);
		}
		s.reqs = 1;
		print_row(ch > 0 ? "(c) next page, random place (PgDn)" :
		    "(c) previous page, random place (PgUp)", &s, "< 20",
		    "174");
	}

	/* End: the last page, backwards from the end. */
	memset(&s, 0, sizeof s);
	memset(&from, 0, sizeof from);
	for (r = 0; r < reps; r++) {
		sample_add(&s, scan_page(&from, 0, -1, page, &rows, &nrows));
		s.rows += nrows;
		cr_rows_free(rows, nrows);
	}
	s.reqs = 1;
	print_row("(c) last page (End)", &s, "< 20", "174");

	client_close(cl);
	if (stop)
		run_kontor("stop", NULL, NULL, NULL);
	return (0);
}
