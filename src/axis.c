/*
 * axis: the arithmetic of chart axes, apart from any drawing so that it can
 * be tested exactly.  Value ranges arrive as doubles from the CSV data;
 * ticks leave as exact decimals (k × 1, 2 or 5 × 10^n) so that their labels
 * print without binary rounding ("0,3", never "0,30000000000000004").
 * Category labels arrive as measured widths (thinning) or as the CSV's text
 * (months).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "chart.h"
#include "num.h"

/* ratios below this count as whole numbers when ticks are placed */
#define AXIS_EPS 1e-9

int axis_ticks(double lo, double hi, int maxint, int zero, struct axis *a)
{
	memset(a, 0, sizeof(*a));
	if (!isfinite(lo) || !isfinite(hi) || fabs(lo) >= CHART_MAXVALUE ||
		fabs(hi) >= CHART_MAXVALUE)
		return -1;
	if (lo > hi) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	if (zero && lo > 0)
		lo = 0;
	if (zero && hi < 0)
		hi = 0;
	if (hi - lo <= 0) {
		/* one value: a range around it (or 0 … 1 for zero) */
		double d = hi != 0 ? fabs(hi) * 0.1 : 1;
		if (zero && hi == 0)
			hi = 1;
		else if (zero && hi > 0)
			lo = 0;
		else if (zero)
			hi = 0;
		else
			lo -= d, hi += d;
	}
	/* a range around zero always takes two intervals */
	if (maxint < 2)
		maxint = 2;
	if (maxint > 50)
		maxint = 50;
	static const int mants[] = {1, 2, 5};
	int e = (int)floor(log10((hi - lo) / maxint));
	for (int ex = e - 1; ex <= e + 2; ex++) {
		for (int i = 0; i < 3; i++) {
			double step = mants[i] * pow(10, ex);
			double k0 = floor(lo / step + AXIS_EPS);
			double k1 = ceil(hi / step - AXIS_EPS);
			/* the tick's digits must fit a decimal (num.h) */
			if (k1 - k0 > maxint || fabs(k0) * mants[i] >= 1e17 ||
				fabs(k1) * mants[i] >= 1e17)
				continue;
			a->mant = mants[i];
			a->exp = ex;
			a->step = step;
			a->k0 = (long long)k0;
			a->n = (int)(k1 - k0) + 1;
			a->lo = axis_value(a, 0);
			a->hi = axis_value(a, a->n - 1);
			return 0;
		}
	}
	return -1;
}

/* tick i as a decimal: (k0 + i) × mant × 10^exp */
static struct dec axis_dec(const struct axis *a, int i)
{
	long long k = (a->k0 + i) * a->mant;
	if (a->exp < 0)
		return (struct dec){ k, -a->exp };
	for (int e = 0; e < a->exp; e++)
		k *= 10;
	return (struct dec){ k, 0 };
}

double axis_value(const struct axis *a, int i)
{
	struct dec d = axis_dec(a, i);
	return (double)d.m / pow(10, d.scale);
}

int axis_label(const struct axis *a, int i, int percent, char *out, size_t n)
{
	struct numval v = { .kind = percent ? NUM_PERCENT : NUM_NUMBER, .d = axis_dec(a, i) };
	struct numfmt f = { .decimals = v.d.scale, .minus = "\u2212", .unit = "" };
	return num_format(&v, &f, out, n);
}

int axis_thin(const double *w, int n, double slot, double gap)
{
	if (n <= 1 || !(slot > 0))
		return 1;
	for (int k = 1; k < n; k++) {
		int ok = 1;
		for (int i = 0; ok && i + k < n; i += k)
			ok = (w[i] + w[i + k]) / 2 + gap <= k * slot;
		if (ok)
			return k;
	}
	return n;
}

static const char *const axis_months[12][2] = {
	{"jan", "januari"}, {"feb", "februari"}, {"mar", "mars"}, {"apr", "april"},
	{"maj", "maj"}, {"jun", "juni"}, {"jul", "juli"}, {"aug", "augusti"},
	{"sep", "september"}, {"okt", "oktober"}, {"nov", "november"},
	{"dec", "december"},
};

const char *axis_monthname(int m)
{
	return m >= 1 && m <= 12 ? axis_months[m - 1][0] : "";
}

/* a month number of exactly two digits, 01 … 12 */
static int axis_mm(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[2])
		return 0;
	int m = (s[0] - '0') * 10 + s[1] - '0';
	return m >= 1 && m <= 12 ? m : 0;
}

int axis_month(const char *s, int *year)
{
	*year = 0;
	while (*s == ' ')
		s++;
	char t[16];
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0 || n >= sizeof(t))
		return 0;
	memcpy(t, s, n);
	t[n] = '\0';
	/* "2024-01", "2024M01": a year of four digits, then the month */
	if (n == 7 && (t[4] == '-' || t[4] == 'M' || t[4] == 'm')) {
		for (int i = 0; i < 4; i++)
			if (t[i] < '0' || t[i] > '9')
				return 0;
		int m = axis_mm(t + 5);
		if (m)
			*year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + t[3] - '0';
		return m;
	}
	if (t[n - 1] == '.')
		t[--n] = '\0';
	for (int m = 0; m < 12; m++)
		if (strcasecmp(t, axis_months[m][0]) == 0 || strcasecmp(t, axis_months[m][1]) == 0)
			return m + 1;
	return 0;
}
