/*
 * Display width of UTF-8 text, independent of the locale (width.h).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "width.h"

size_t
width_next(const char *s, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c, min;
	size_t			 n, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return (1);
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		c = p[0] & 0x1f;
		n = 2;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		c = p[0] & 0x0f;
		n = 3;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		c = p[0] & 0x07;
		n = 4;
		min = 0x10000;
	} else {
		*cp = 0xfffd;
		return (1);
	}
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return (1);
		}
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = 0xfffd;
		return (1);
	}
	*cp = c;
	return (n);
}

struct range {
	uint32_t	 lo, hi;
};

/* Marks drawn over the character before them, and characters of no
 * width (the joiners, the soft hyphen, the byte order mark). */
static const struct range zero[] = {
	{ 0x00ad, 0x00ad }, { 0x0300, 0x036f }, { 0x0483, 0x0489 },
	{ 0x0591, 0x05bd }, { 0x0610, 0x061a }, { 0x064b, 0x065f },
	{ 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a }, { 0x1ab0, 0x1aff },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x202a, 0x202e },
	{ 0x2060, 0x2064 }, { 0x2066, 0x206f }, { 0x20d0, 0x20ff },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
};

/* East Asian wide and full-width characters, and the emoji. */
static const struct range wide[] = {
	{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff },
	{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
	{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe30, 0xfe4f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
	{ 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

static int
in(const struct range *r, size_t n, uint32_t c)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (c >= r[i].lo && c <= r[i].hi)
			return (1);
	return (0);
}

int
width_cp(uint32_t c)
{
	if (c < 0x300)
		return (c == 0xad ? 0 : 1);
	if (in(zero, sizeof zero / sizeof zero[0], c))
		return (0);
	if (in(wide, sizeof wide / sizeof wide[0], c))
		return (2);
	return (1);
}

int
width_n(const char *s, size_t n)
{
	const char	*end = s + n;
	uint32_t	 c;
	int		 w = 0;

	while (s < end && *s != '\0') {
		s += width_next(s, &c);
		w += width_cp(c);
	}
	return (w);
}

int
width_str(const char *s)
{
	return (width_n(s, strlen(s)));
}

size_t
width_fit(const char *s, int width)
{
	const char	*p = s;
	uint32_t	 c;
	size_t		 n;
	int		 w, used = 0;

	while (*p != '\0') {
		n = width_next(p, &c);
		w = width_cp(c);
		if (used + w > width)
			break;
		used += w;
		p += n;
	}
	return ((size_t)(p - s));
}
