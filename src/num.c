/*
 * num: parse table cells into exact decimals and print them Swedish style.
 * Cells arrive as NUL-terminated strings from the CSV loader (any bytes;
 * the loader has validated UTF-8, but nothing here relies on it).  The
 * rules for what counts as a number are spelled out in num.h.  All
 * arithmetic keeps |m| below 10^18, so products by ten and sums of two
 * values fit in 64 bits and every overflow is detected, never wrapped.
 */
#include <string.h>

#include "num.h"
#include "utf8.h"

/* 10^0 .. 10^18 */
static const int64_t num_p10[NUM_MAXDIG + 1] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000, 100000000000, 1000000000000,
	10000000000000, 100000000000000, 1000000000000000,
	10000000000000000, 100000000000000000, 1000000000000000000
};

/* the largest mantissa: eighteen nines */
#define NUM_MAX (num_p10[NUM_MAXDIG] - 1)

/* is a within the invariants every function here relies on? */
static int num_valid(struct dec a)
{
	return a.scale >= 0 && a.scale <= NUM_MAXDIG && a.m <= NUM_MAX && a.m >= -NUM_MAX;
}

/* length of a white-space character at p (end e), or 0: ASCII blanks,
 * U+00A0, U+2007, U+2009 and U+202F, the spaces exports put in numbers */
static int num_spacelen(const unsigned char *p, const unsigned char *e)
{
	if (p < e && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		return 1;
	if (e - p >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	if (e - p >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
		(p[2] == 0x87 || p[2] == 0x89 || p[2] == 0xaf))
		return 3;
	return 0;
}

/* the same, for a white-space character that ends just before e */
static int num_spacebefore(const unsigned char *b, const unsigned char *e)
{
	for (int k = 1; k <= 3 && e - b >= k; k++)
		if (num_spacelen(e - k, e) == k)
			return k;
	return 0;
}

/* may code point c be part of a unit word ("st", "tkr", "m²", "µg")? */
static int num_unitchar(uint32_t c, int first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == 0xb5)
		return 1;
	if (c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7)
		return 1;
	return !first && (c == '/' || c == 0xb2 || c == 0xb3);
}

/* is [b, e) a unit word? */
static int num_isunit(const char *b, const char *e)
{
	if (e - b < 1 || e - b >= NUM_UNITMAX)
		return 0;
	for (const char *p = b; p < e;) {
		uint32_t c;
		int k = utf8_decode(p, (size_t)(e - p), &c);
		if (!k || !num_unitchar(c, p == b))
			return 0;
		p += k;
	}
	return 1;
}

/* the digits and marks of [b, e), without sign, percent or unit; 0 when it
 * is a number, -1 when text, 1 when a number of more than 18 digits */
static int num_body(const unsigned char *b, const unsigned char *e, struct dec *out)
{
	int ncomma = 0, npoint = 0, nspace = 0;
	const unsigned char *lastcomma = NULL, *lastpoint = NULL;
	for (const unsigned char *p = b; p < e;) {
		/* tabs and line breaks never group digits */
		if (*p == '\t' || *p == '\r' || *p == '\n')
			return -1;
		int k = num_spacelen(p, e);
		if (k) {
			nspace++;
			p += k;
			continue;
		}
		if (*p == ',') {
			ncomma++;
			lastcomma = p;
		} else if (*p == '.') {
			npoint++;
			lastpoint = p;
		} else if (*p < '0' || *p > '9') {
			return -1;
		}
		p++;
	}
	/* decide the decimal mark and the grouping separator (num.h) */
	int mark = 0, group = nspace ? ' ' : 0;
	if (ncomma && npoint) {
		mark = lastcomma > lastpoint ? ',' : '.';
		if ((mark == ',' ? ncomma : npoint) != 1 || group)
			return -1;
		group = mark == ',' ? '.' : ',';
	} else if (ncomma || npoint) {
		int c = ncomma ? ',' : '.';
		if (ncomma + npoint == 1) {
			mark = c;
		} else if (group) {
			return -1;
		} else {
			group = c;
		}
	}
	uint64_t m = 0;
	int sig = 0, scale = 0, ingroup = -1, frac = 0, digits = 0;
	for (const unsigned char *p = b; p < e;) {
		int k = num_spacelen(p, e);
		int c = k ? ' ' : *p;
		p += k ? k : 1;
		if (c >= '0' && c <= '9') {
			digits++;
			if (frac) {
				scale++;
			} else if (ingroup >= 0 && ++ingroup > 3) {
				return -1;
			} else if (ingroup < 0 && group && digits > 3) {
				return -1;
			}
			if (m == 0 && c == '0' && !frac)
				continue;
			if (++sig > NUM_MAXDIG || scale > NUM_MAXDIG)
				return 1;
			m = m * 10 + (uint64_t)(c - '0');
		} else if (c == group && !frac) {
			/* the group before must be complete: 1-3 digits first, then 3 */
			if (!digits || (ingroup >= 0 && ingroup != 3))
				return -1;
			ingroup = 0;
		} else if (c == mark && !frac) {
			if (!digits || (ingroup >= 0 && ingroup != 3))
				return -1;
			frac = 1;
			digits = 0;
		} else {
			return -1;
		}
	}
	if (!digits || (!frac && ingroup >= 0 && ingroup != 3))
		return -1;
	out->m = (int64_t)m;
	out->scale = scale;
	return 0;
}

enum numkind num_parse(const char *s, struct numval *out)
{
	memset(out, 0, sizeof(*out));
	const unsigned char *b = (const unsigned char *)s;
	const unsigned char *e = b + strlen(s);
	int k;
	while ((k = num_spacelen(b, e)))
		b += k;
	while ((k = num_spacebefore(b, e)))
		e -= k;
	if (b == e)
		return out->kind = NUM_EMPTY;
	out->kind = NUM_TEXT;

	enum numkind kind = NUM_NUMBER;
	if (e[-1] == '%') {
		kind = NUM_PERCENT;
		e--;
		while ((k = num_spacebefore(b, e)))
			e -= k;
	} else {
		/* a unit word after the last space */
		const unsigned char *w = NULL;
		for (const unsigned char *p = b; p < e;) {
			k = num_spacelen(p, e);
			p += k ? k : 1;
			if (k)
				w = p;
		}
		if (w && num_isunit((const char *)w, (const char *)e)) {
			memcpy(out->unit, w, (size_t)(e - w));
			out->unit[e - w] = '\0';
			e = w;
			while ((k = num_spacebefore(b, e)))
				e -= k;
		}
	}

	int neg = 0;
	if (b < e && (*b == '-' || *b == '+')) {
		neg = *b == '-';
		b++;
	} else if (e - b >= 3 && b[0] == 0xe2 && ((b[1] == 0x88 && b[2] == 0x92) ||
		(b[1] == 0x80 && b[2] == 0x93))) {
		neg = 1;
		b += 3;
	}
	if (b == e || *b < '0' || *b > '9') {
		out->unit[0] = '\0';
		return NUM_TEXT;
	}
	int r = num_body(b, e, &out->d);
	if (r) {
		out->unit[0] = '\0';
		out->overflow = r > 0;
		out->d.m = 0;
		out->d.scale = 0;
		return NUM_TEXT;
	}
	if (neg)
		out->d.m = -out->d.m;
	return out->kind = kind;
}

/* m × 10^k with the result's range checked */
static int num_shift(int64_t m, int k, int64_t *out)
{
	if (k > NUM_MAXDIG)
		return m ? NUM_ERANGE : (*out = 0, NUM_OK);
	int64_t lim = NUM_MAX / num_p10[k];
	if (m > lim || m < -lim)
		return NUM_ERANGE;
	*out = m * num_p10[k];
	return NUM_OK;
}

int num_add(struct dec a, struct dec b, struct dec *out)
{
	if (!num_valid(a) || !num_valid(b))
		return NUM_ERANGE;
	int s = a.scale > b.scale ? a.scale : b.scale;
	int64_t x, y;
	if (num_shift(a.m, s - a.scale, &x) || num_shift(b.m, s - b.scale, &y))
		return NUM_ERANGE;
	/* both below 10^18 in magnitude: the sum cannot wrap */
	int64_t sum = x + y;
	if (sum > NUM_MAX || sum < -NUM_MAX)
		return NUM_ERANGE;
	out->m = sum;
	out->scale = s;
	return NUM_OK;
}

int num_sub(struct dec a, struct dec b, struct dec *out)
{
	b.m = -b.m;
	return num_add(a, b, out);
}

int num_cmp(struct dec a, struct dec b)
{
	/* integer parts first, then fractions at the common scale: both steps
	 * stay below 10^18, so no alignment can overflow */
	int64_t ia = a.m / num_p10[a.scale], ib = b.m / num_p10[b.scale];
	if (ia != ib)
		return ia < ib ? -1 : 1;
	int s = a.scale > b.scale ? a.scale : b.scale;
	int64_t fa = a.m % num_p10[a.scale] * num_p10[s - a.scale];
	int64_t fb = b.m % num_p10[b.scale] * num_p10[s - b.scale];
	return fa < fb ? -1 : fa > fb;
}

int num_round(struct dec a, int places, struct dec *out)
{
	if (places < 0 || places > NUM_MAXDIG || !num_valid(a))
		return NUM_ERANGE;
	if (places >= a.scale) {
		if (num_shift(a.m, places - a.scale, &out->m))
			return NUM_ERANGE;
		out->scale = places;
		return NUM_OK;
	}
	int64_t p = num_p10[a.scale - places];
	int64_t q = a.m / p, r = a.m % p;
	/* half away from zero: |r| >= p/2, written without halving p */
	if (2 * (r < 0 ? -r : r) >= p)
		q += a.m < 0 ? -1 : 1;
	out->m = q;
	out->scale = places;
	return NUM_OK;
}

/* round(a × 10^e / b) half up, for a < 10^18, 0 < b < 10^18 */
static int num_udiv(uint64_t a, uint64_t b, int e, uint64_t *out)
{
	uint64_t q = a / b, r = a % b, d = 0;
	if (e < 0) {
		/* drop -e digits of q; the first dropped one decides the rounding
		 * (q < 10^18, so beyond 19 dropped digits nothing is left) */
		if (-e > NUM_MAXDIG + 1) {
			*out = 0;
			return NUM_OK;
		}
		uint64_t p = (uint64_t)num_p10[-e - 1];
		d = q / p % 10;
		q = q / p / 10;
	} else {
		for (int i = 0; i <= e; i++) {
			/* r < b < 10^18, so 10r < 10^19 < 2^64 */
			r *= 10;
			d = r / b;
			r %= b;
			if (i == e)
				break;
			if (q > ((uint64_t)NUM_MAX - d) / 10)
				return NUM_ERANGE;
			q = q * 10 + d;
		}
	}
	if (d >= 5)
		q++;
	if (q > (uint64_t)NUM_MAX)
		return NUM_ERANGE;
	*out = q;
	return NUM_OK;
}

/* a / b × 10^extra rounded to places */
static int num_divx(struct dec a, struct dec b, int places, int extra, struct dec *out)
{
	if (!num_valid(a) || !num_valid(b) || places < 0 || places > NUM_MAXDIG)
		return NUM_ERANGE;
	if (b.m == 0)
		return NUM_EDIV0;
	uint64_t ua = (uint64_t)(a.m < 0 ? -a.m : a.m);
	uint64_t ub = (uint64_t)(b.m < 0 ? -b.m : b.m);
	uint64_t q;
	if (num_udiv(ua, ub, places + b.scale - a.scale + extra, &q))
		return NUM_ERANGE;
	out->m = (a.m < 0) != (b.m < 0) ? -(int64_t)q : (int64_t)q;
	out->scale = places;
	return NUM_OK;
}

int num_div(struct dec a, struct dec b, int places, struct dec *out)
{
	return num_divx(a, b, places, 0, out);
}

int num_pct(struct dec a, struct dec b, int places, struct dec *out)
{
	return num_divx(a, b, places, 2, out);
}

/* a bounded writer: remembers when out was too small */
struct numout {
	char *s;		/* destination */
	size_t n;		/* its size */
	size_t len;		/* bytes written */
	int full;		/* something did not fit */
};

static void num_put(struct numout *w, const char *s, size_t len)
{
	if (w->full || w->len + len >= w->n) {
		w->full = 1;
		return;
	}
	memcpy(w->s + w->len, s, len);
	w->len += len;
}

static void num_puts(struct numout *w, const char *s)
{
	num_put(w, s, strlen(s));
}

static int num_done(struct numout *w)
{
	if (w->n == 0)
		return -1;
	if (w->full) {
		w->s[0] = '\0';
		return -1;
	}
	w->s[w->len] = '\0';
	return (int)w->len;
}

#define NBSP "\xc2\xa0"

int num_format(const struct numval *v, const struct numfmt *f, char *out, size_t n)
{
	struct numout w = { out, n, 0, 0 };
	if (v->kind == NUM_EMPTY) {
		num_puts(&w, f->empty ? f->empty : "");
		return num_done(&w);
	}
	if (v->kind == NUM_TEXT || !num_valid(v->d)) {
		w.full = 1;
		return num_done(&w);
	}
	int places = f->decimals < 0 ? v->d.scale : f->decimals;
	if (places > NUM_MAXDIG)
		places = NUM_MAXDIG;
	/* round when fewer places are wanted; pad with zeros as text when more */
	struct dec r = v->d;
	int pad = 0;
	if (places < r.scale)
		num_round(v->d, places, &r);
	else
		pad = places - r.scale;

	char dig[NUM_MAXDIG + 2];
	uint64_t mag = (uint64_t)(r.m < 0 ? -r.m : r.m);
	int nd = 0;
	do {
		dig[nd++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag);
	while (nd < r.scale + 1)
		dig[nd++] = '0';
	/* dig holds the digits backwards; the integer part is the top nd - scale */
	int intlen = nd - r.scale;

	if (r.m < 0)
		num_puts(&w, f->minus ? f->minus : "-");
	else if (r.m > 0 && f->plus)
		num_puts(&w, "+");
	const char *group = f->group ? f->group : NBSP;
	int groupmin = f->groupmin > 0 ? f->groupmin : 4;
	int grouping = group[0] && intlen >= groupmin;
	for (int i = 0; i < intlen; i++) {
		if (grouping && i > 0 && (intlen - i) % 3 == 0)
			num_puts(&w, group);
		num_put(&w, &dig[nd - 1 - i], 1);
	}
	if (places > 0) {
		num_put(&w, f->point == '.' ? "." : ",", 1);
		for (int i = r.scale - 1; i >= 0; i--)
			num_put(&w, &dig[i], 1);
		for (int i = 0; i < pad; i++)
			num_put(&w, "0", 1);
	}
	if (v->kind == NUM_PERCENT) {
		num_puts(&w, f->pctsep ? f->pctsep : NBSP);
		num_put(&w, "%", 1);
	} else {
		const char *unit = f->unit ? f->unit : v->unit;
		if (unit[0]) {
			num_puts(&w, f->unitsep ? f->unitsep : NBSP);
			num_puts(&w, unit);
		}
	}
	return num_done(&w);
}
