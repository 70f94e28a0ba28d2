/*
 * test_num: number parsing, exact decimal arithmetic and Swedish printing,
 * with the seeds' own cell strings; ends with a seeded random round trip
 * (print, parse back, compare) and random bytes into num_parse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "num.h"

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define MINUS "\xe2\x88\x92"

/* parse s and check kind, mantissa and scale */
static void expect(const char *s, enum numkind kind, int64_t m, int scale)
{
	struct numval v;
	enum numkind k = num_parse(s, &v);
	if (k != kind || v.kind != kind || (kind != NUM_TEXT && kind != NUM_EMPTY &&
		(v.d.m != m || v.d.scale != scale)))
		fail_msg("\"%s\": kind %d m %lld scale %d, expected kind %d m %lld scale %d",
			s, (int)k, (long long)v.d.m, v.d.scale, (int)kind, (long long)m, scale);
}

static void test_parse_seeds(void **state)
{
	(void)state;
	expect("-1 237,0", NUM_NUMBER, -12370, 1);
	expect("-1 569,0", NUM_NUMBER, -15690, 1);
	expect("308 127", NUM_NUMBER, 308127, 0);
	expect("224 269", NUM_NUMBER, 224269, 0);
	expect("-0,1%", NUM_PERCENT, -1, 1);
	expect("12 %", NUM_PERCENT, 12, 0);
	expect("69 %", NUM_PERCENT, 69, 0);
	expect("-4,5%", NUM_PERCENT, -45, 1);
	expect("81,40%", NUM_PERCENT, 8140, 2);
	expect("0.0", NUM_NUMBER, 0, 1);
	expect("-47.7", NUM_NUMBER, -477, 1);
	expect("-101.2", NUM_NUMBER, -1012, 1);
	expect("83", NUM_NUMBER, 83, 0);
	expect("0,0", NUM_NUMBER, 0, 1);
	expect("-2 514", NUM_NUMBER, -2514, 0);
	expect(">78", NUM_TEXT, 0, 0);
	expect("—", NUM_TEXT, 0, 0);
	expect("–", NUM_TEXT, 0, 0);
	expect("Helt", NUM_TEXT, 0, 0);
	expect("Värde saknas", NUM_TEXT, 0, 0);
	expect("74%  →", NUM_TEXT, 0, 0);
	expect("83 av 100", NUM_TEXT, 0, 0);
	expect("2026-2037", NUM_TEXT, 0, 0);
	expect("", NUM_EMPTY, 0, 0);
	expect("   ", NUM_EMPTY, 0, 0);
	expect(NBSP " " NNBSP "\t", NUM_EMPTY, 0, 0);
}

static void test_parse_units(void **state)
{
	(void)state;
	struct numval v;
	assert_int_equal(num_parse("1 395 st", &v), NUM_NUMBER);
	assert_int_equal(v.d.m, 1395);
	assert_string_equal(v.unit, "st");
	assert_int_equal(num_parse("1,04 st ", &v), NUM_NUMBER);
	assert_int_equal(v.d.m, 104);
	assert_int_equal(v.d.scale, 2);
	assert_string_equal(v.unit, "st");
	assert_int_equal(num_parse("16 210" NBSP "tkr", &v), NUM_NUMBER);
	assert_int_equal(v.d.m, 16210);
	assert_string_equal(v.unit, "tkr");
	assert_int_equal(num_parse("100 Mbit/s", &v), NUM_NUMBER);
	assert_string_equal(v.unit, "Mbit/s");
	assert_int_equal(num_parse("12  åa", &v), NUM_NUMBER);
	assert_string_equal(v.unit, "åa");
	assert_int_equal(num_parse("-3,5 mnkr", &v), NUM_NUMBER);
	assert_int_equal(v.d.m, -35);
	/* not units: arrows, digits, words too long, no space */
	assert_int_equal(num_parse("5 →", &v), NUM_TEXT);
	assert_string_equal(v.unit, "");
	assert_int_equal(num_parse("1 395st", &v), NUM_TEXT);
	assert_int_equal(num_parse("3 kWhpermiljonerkronor", &v), NUM_TEXT);
	assert_int_equal(num_parse("12 % st", &v), NUM_TEXT);
	assert_int_equal(num_parse("st", &v), NUM_TEXT);
	assert_int_equal(num_parse("ca 5", &v), NUM_TEXT);
}

static void test_parse_signs_spaces(void **state)
{
	(void)state;
	expect(MINUS "1 237,0", NUM_NUMBER, -12370, 1);
	expect("\xe2\x80\x93" "5", NUM_NUMBER, -5, 0);	/* en dash as minus */
	expect("\xe2\x80\x93 5", NUM_TEXT, 0, 0);
	expect("+3,5", NUM_NUMBER, 35, 1);
	expect("- 5", NUM_TEXT, 0, 0);
	expect("--5", NUM_TEXT, 0, 0);
	expect("+-5", NUM_TEXT, 0, 0);
	expect("5-", NUM_TEXT, 0, 0);
	expect("1" NBSP "237,0", NUM_NUMBER, 12370, 1);
	expect("1" NNBSP "237,0", NUM_NUMBER, 12370, 1);
	expect("1\xe2\x80\x89" "237", NUM_NUMBER, 1237, 0);
	expect("1 234 567,891", NUM_NUMBER, 1234567891, 3);
	expect("  42  ", NUM_NUMBER, 42, 0);
	expect(NBSP "-7" NBSP, NUM_NUMBER, -7, 0);
	expect("12" NBSP "%", NUM_PERCENT, 12, 0);
	expect("00012", NUM_NUMBER, 12, 0);
	expect("-0", NUM_NUMBER, 0, 0);
	/* groups must be three digits, first group one to three */
	expect("12 34", NUM_TEXT, 0, 0);
	expect("1234 567", NUM_TEXT, 0, 0);
	expect("1 2345", NUM_TEXT, 0, 0);
	expect("1  234", NUM_TEXT, 0, 0);
	expect("1\t234", NUM_TEXT, 0, 0);
	expect("1 234,5 6", NUM_TEXT, 0, 0);
	expect("%", NUM_TEXT, 0, 0);
	expect("5 %%", NUM_TEXT, 0, 0);
}

static void test_parse_marks(void **state)
{
	(void)state;
	expect("1237.5", NUM_NUMBER, 12375, 1);
	expect("1,234", NUM_NUMBER, 1234, 3);		/* comma: always decimal */
	expect("1.234", NUM_NUMBER, 1234, 3);		/* a single point: decimal */
	expect("1.234,5", NUM_NUMBER, 12345, 1);	/* both: the later is the mark */
	expect("1,234.5", NUM_NUMBER, 12345, 1);
	expect("1.234.567", NUM_NUMBER, 1234567, 0);	/* repeated: grouping */
	expect("1,234,567", NUM_NUMBER, 1234567, 0);
	expect("1.234.567,25", NUM_NUMBER, 123456725, 2);
	expect("1 237.5", NUM_NUMBER, 12375, 1);
	expect("1.2.3", NUM_TEXT, 0, 0);
	expect("1,5.3", NUM_TEXT, 0, 0);
	expect("1.234,5,6", NUM_TEXT, 0, 0);
	expect("1 234.567.8", NUM_TEXT, 0, 0);
	expect("1 234,567.8", NUM_TEXT, 0, 0);
	expect(",5", NUM_TEXT, 0, 0);
	expect("5,", NUM_TEXT, 0, 0);
	expect(".5", NUM_TEXT, 0, 0);
	expect("1,5e3", NUM_TEXT, 0, 0);
	expect("1e3", NUM_TEXT, 0, 0);
	expect("0x10", NUM_TEXT, 0, 0);
	expect("0,05", NUM_NUMBER, 5, 2);
}

static void test_parse_overflow(void **state)
{
	(void)state;
	struct numval v;
	expect("999999999999999999", NUM_NUMBER, 999999999999999999LL, 0);
	expect("-999 999 999 999 999 999", NUM_NUMBER, -999999999999999999LL, 0);
	expect("0,000000000000000001", NUM_NUMBER, 1, 18);
	expect("000000000000000000000000001", NUM_NUMBER, 1, 0);
	assert_int_equal(num_parse("1000000000000000000", &v), NUM_TEXT);
	assert_int_equal(v.overflow, 1);
	assert_int_equal(num_parse("0,0000000000000000001", &v), NUM_TEXT);
	assert_int_equal(v.overflow, 1);
	assert_int_equal(num_parse("12345678901234567,89", &v), NUM_TEXT);
	assert_int_equal(v.overflow, 1);
	assert_int_equal(num_parse("Helt", &v), NUM_TEXT);
	assert_int_equal(v.overflow, 0);
}

static struct dec D(int64_t m, int scale)
{
	struct dec d = { m, scale };
	return d;
}

/* format s (parsed) with f; compare with want */
static void fmt_is(const char *s, const struct numfmt *f, const char *want)
{
	struct numval v;
	char out[128];
	num_parse(s, &v);
	int n = num_format(&v, f, out, sizeof(out));
	if (n < 0 || strcmp(out, want) != 0 || (size_t)n != strlen(want))
		fail_msg("\"%s\" printed \"%s\" (%d), expected \"%s\"", s, out, n, want);
}

static void test_format_rounding(void **state)
{
	(void)state;
	struct numfmt f = { .decimals = 1 };
	fmt_is("0,05", &f, "0,1");
	fmt_is("-0,05", &f, "-0,1");
	fmt_is("-0,04", &f, "0,0");
	fmt_is("0,04", &f, "0,0");
	fmt_is("1 234 567,891", &f, "1" NBSP "234" NBSP "567,9");
	fmt_is("999,95", &f, "1" NBSP "000,0");
	fmt_is("-999,95", &f, "-1" NBSP "000,0");
	fmt_is("-1 237,05", &f, "-1" NBSP "237,1");
	fmt_is("-1 237,0", &f, "-1" NBSP "237,0");
	fmt_is("83", &f, "83,0");
	fmt_is("-0,0", &f, "0,0");
	f.decimals = 0;
	fmt_is("0,5", &f, "1");
	fmt_is("-0,5", &f, "-1");
	fmt_is("2,5", &f, "3");			/* away from zero, not to even */
	fmt_is("-0,05", &f, "0");
	fmt_is("-0,4999", &f, "0");
	f.decimals = 2;
	fmt_is("19,3", &f, "19,30");
	fmt_is("0,125", &f, "0,13");
	fmt_is("-0,125", &f, "-0,13");
	f.decimals = -1;			/* as written */
	fmt_is("19,3", &f, "19,3");
	fmt_is("11", &f, "11");
	fmt_is("0,000000000000000001", &f, "0,000000000000000001");
	f.decimals = 18;
	fmt_is("-999 999 999 999 999 999", &f, "-999" NBSP "999" NBSP "999" NBSP "999"
		NBSP "999" NBSP "999,000000000000000000");
}

static void test_format_grouping(void **state)
{
	(void)state;
	struct numfmt f = { 0 };
	char out[64];
	struct numval v;
	num_parse("1237", &v);
	assert_int_equal(num_format(&v, &f, out, sizeof(out)), 6);
	assert_memory_equal(out, "1\xc2\xa0" "237", 7);	/* U+00A0 as C2 A0 */
	fmt_is("237", &f, "237");
	fmt_is("-237", &f, "-237");
	fmt_is("123456", &f, "123" NBSP "456");
	fmt_is("-1234567", &f, "-1" NBSP "234" NBSP "567");
	f.groupmin = 5;				/* house style: "1237" but "12 345" */
	fmt_is("1237", &f, "1237");
	fmt_is("12345", &f, "12" NBSP "345");
	f.groupmin = 0;
	f.group = "";
	fmt_is("1234567", &f, "1234567");
	f.group = " ";
	fmt_is("1234567", &f, "1 234 567");
	f.group = NNBSP;
	fmt_is("1234", &f, "1" NNBSP "234");
}

static void test_format_styles(void **state)
{
	(void)state;
	struct numfmt f = { .decimals = -1 };
	/* percent: Swedish "12 %" with a no-break space, or "12%" */
	fmt_is("12%", &f, "12" NBSP "%");
	fmt_is("-0,1%", &f, "-0,1" NBSP "%");
	f.pctsep = "";
	fmt_is("12 %", &f, "12%");
	fmt_is("-0,1 %", &f, "-0,1%");
	f.pctsep = NULL;
	/* units: the parsed one, a configured one, or none */
	fmt_is("1 395 st", &f, "1" NBSP "395" NBSP "st");
	f.unit = "mnkr";
	fmt_is("-1 237,0", &f, "-1" NBSP "237,0" NBSP "mnkr");
	fmt_is("12 %", &f, "12" NBSP "%");	/* no unit on percentages */
	f.unit = "";
	fmt_is("1 395 st", &f, "1" NBSP "395");
	f.unit = "tkr";
	f.unitsep = " ";
	fmt_is("16 210", &f, "16" NBSP "210 tkr");
	f.unit = NULL;
	f.unitsep = NULL;
	/* explicit plus, never on zero */
	f.plus = 1;
	fmt_is("3,5", &f, "+3,5");
	fmt_is("-3,5", &f, "-3,5");
	fmt_is("0,0", &f, "0,0");
	f.decimals = 1;
	fmt_is("0,04", &f, "0,0");
	fmt_is("-0,04", &f, "0,0");
	fmt_is("0,05", &f, "+0,1");
	f.plus = 0;
	/* minus variants */
	f.minus = MINUS;
	fmt_is("-1 237,0", &f, MINUS "1" NBSP "237,0");
	fmt_is(MINUS "0,04", &f, "0,0");
	f.minus = NULL;
	/* decimal point tables ("0.0", "-47.7") */
	f.point = '.';
	fmt_is("0,0", &f, "0.0");
	fmt_is("-47.7", &f, "-47.7");
	fmt_is("-2 957,84", &f, "-2" NBSP "957.8");
}

static void test_format_empty_text(void **state)
{
	(void)state;
	struct numfmt f = { 0 };
	char out[16];
	struct numval v;
	num_parse("  ", &v);
	assert_int_equal(num_format(&v, &f, out, sizeof(out)), 0);
	assert_string_equal(out, "");
	f.empty = "\xe2\x80\x93";
	assert_int_equal(num_format(&v, &f, out, sizeof(out)), 3);
	assert_string_equal(out, "\xe2\x80\x93");
	num_parse("Helt", &v);
	assert_int_equal(num_format(&v, &f, out, sizeof(out)), -1);
	assert_string_equal(out, "");
	/* too small: nothing half-written */
	num_parse("-1 237,0", &v);
	assert_int_equal(num_format(&v, &f, out, 7), -1);
	assert_string_equal(out, "");
	assert_int_equal(num_format(&v, &f, out, 8), 7);
	assert_string_equal(out, "-1" NBSP "237");
	assert_int_equal(num_format(&v, &f, out, 0), -1);
	/* values outside the invariants are refused, not printed */
	v.d.scale = 40;
	assert_int_equal(num_format(&v, &f, out, sizeof(out)), -1);
}

static void test_arith(void **state)
{
	(void)state;
	struct dec r;
	struct numval a, b;
	num_parse("0,1", &a);
	num_parse("0,2", &b);
	assert_int_equal(num_add(a.d, b.d, &r), NUM_OK);
	assert_int_equal(r.m, 3);
	assert_int_equal(r.scale, 1);
	assert_int_equal(num_cmp(r, D(3, 1)), 0);
	assert_int_equal(num_cmp(r, D(30, 2)), 0);
	assert_int_equal(num_add(D(15, 1), D(2, 0), &r), NUM_OK);
	assert_int_equal(r.m, 35);
	assert_int_equal(r.scale, 1);
	assert_int_equal(num_sub(D(15, 1), D(2, 0), &r), NUM_OK);
	assert_int_equal(r.m, -5);
	assert_int_equal(num_sub(D(1, 2), D(1, 2), &r), NUM_OK);
	assert_int_equal(r.m, 0);
	assert_int_equal(num_add(D(999999999999999999LL, 0), D(1, 0), &r), NUM_ERANGE);
	assert_int_equal(num_add(D(100000000000000000LL, 0), D(1, 2), &r), NUM_ERANGE);
	assert_int_equal(num_sub(D(-999999999999999999LL, 0), D(1, 0), &r), NUM_ERANGE);
	assert_int_equal(num_add(D(1, 19), D(1, 0), &r), NUM_ERANGE);

	assert_int_equal(num_cmp(D(-1, 1), D(0, 0)), -1);
	assert_int_equal(num_cmp(D(1, 0), D(999999999999999999LL, 18)), 1);
	assert_int_equal(num_cmp(D(999999999999999999LL, 0), D(1, 18)), 1);
	assert_int_equal(num_cmp(D(-15, 1), D(-149, 2)), -1);
	assert_int_equal(num_cmp(D(-5, 1), D(5, 1)), -1);
	assert_int_equal(num_cmp(D(5, 1), D(-5, 1)), 1);

	assert_int_equal(num_round(D(125, 2), 1, &r), NUM_OK);
	assert_int_equal(r.m, 13);
	assert_int_equal(num_round(D(-125, 2), 1, &r), NUM_OK);
	assert_int_equal(r.m, -13);
	assert_int_equal(num_round(D(15, 1), 3, &r), NUM_OK);
	assert_int_equal(r.m, 1500);
	assert_int_equal(r.scale, 3);
	assert_int_equal(num_round(D(999999999999999999LL, 0), 1, &r), NUM_ERANGE);
	assert_int_equal(num_round(D(1, 0), 19, &r), NUM_ERANGE);
}

/* the seeds' handlingsplan table (000 T11): the Summa row is the column sums */
static void test_seed_sums(void **state)
{
	(void)state;
	static const char *rows[4][5] = {
		{ "0", "0", "0", "0", "0" },
		{ "0", "0", "0", "0", "0" },
		{ "16,2", "8,2", "14,0", "2,2", "0" },
		{ "21,3", "16,6", "21,3", "0", "0" },
	};
	static const char *summa[5] = { "37,5", "24,8", "35,3", "2,2", "0" };
	for (int c = 0; c < 5; c++) {
		struct dec sum = { 0, 0 };
		for (int i = 0; i < 4; i++) {
			struct numval v;
			assert_int_equal(num_parse(rows[i][c], &v), NUM_NUMBER);
			assert_int_equal(num_add(sum, v.d, &sum), NUM_OK);
		}
		struct numval want;
		num_parse(summa[c], &want);
		assert_int_equal(num_cmp(sum, want.d), 0);
		struct numval got = { .kind = NUM_NUMBER, .d = sum };
		struct numfmt f = { .decimals = -1 };
		char out[32];
		num_format(&got, &f, out, sizeof(out));
		assert_string_equal(out, summa[c]);
	}
	/* 100 × 0,1 = 10 exactly, where doubles give 9.99999999999998 */
	struct dec sum = { 0, 0 };
	for (int i = 0; i < 100; i++)
		assert_int_equal(num_add(sum, D(1, 1), &sum), NUM_OK);
	assert_int_equal(num_cmp(sum, D(10, 0)), 0);
}

static void div_is(struct dec a, struct dec b, int places, int pct, int64_t m)
{
	struct dec r = { 7, 7 };
	int rc = pct ? num_pct(a, b, places, &r) : num_div(a, b, places, &r);
	if (rc != NUM_OK || r.m != m || r.scale != places)
		fail_msg("%lld/%d %s %lld/%d at %d: rc %d got %lld/%d, expected %lld",
			(long long)a.m, a.scale, pct ? "pct" : "div", (long long)b.m, b.scale,
			places, rc, (long long)r.m, r.scale, (long long)m);
}

static void test_div(void **state)
{
	(void)state;
	struct dec r;
	div_is(D(1, 0), D(3, 0), 2, 0, 33);
	div_is(D(2, 0), D(3, 0), 2, 0, 67);
	div_is(D(-2, 0), D(3, 0), 2, 0, -67);
	div_is(D(2, 0), D(-3, 0), 2, 0, -67);
	div_is(D(-2, 0), D(-3, 0), 2, 0, 67);
	div_is(D(1, 0), D(8, 0), 2, 0, 13);		/* 0,125 → 0,13 */
	div_is(D(-1, 0), D(8, 0), 2, 0, -13);
	div_is(D(15, 1), D(1, 0), 0, 0, 2);		/* 1,5 → 2 */
	div_is(D(-15, 1), D(1, 0), 0, 0, -2);
	div_is(D(123456, 5), D(1, 0), 0, 0, 1);	/* scale drops below places */
	div_is(D(1, 18), D(1, 0), 0, 0, 0);
	div_is(D(999999999999999999LL, 18), D(3, 18), 0, 0, 333333333333333333LL);
	div_is(D(7, 0), D(7, 0), 17, 0, 100000000000000000LL);
	assert_int_equal(num_div(D(7, 0), D(7, 0), 18, &r), NUM_ERANGE);	/* 10^18 */
	/* Förändring %: (utfall - fg år) / |fg år| × 100 */
	div_is(D(-213, 1), D(1012, 1), 1, 1, -210);	/* -21,047 % → -21,0 */
	div_is(D(1, 0), D(3, 0), 1, 1, 333);		/* 33,3 % */
	div_is(D(2, 0), D(3, 0), 0, 1, 67);
	div_is(D(-1, 3), D(8, 0), 1, 1, 0);		/* -0,0125 % → 0,0 */
	div_is(D(-1, 3), D(2, 0), 2, 1, -5);		/* -0,05 % */
	assert_int_equal(num_div(D(1, 0), D(0, 3), 2, &r), NUM_EDIV0);
	assert_int_equal(num_pct(D(0, 0), D(0, 0), 1, &r), NUM_EDIV0);
	assert_int_equal(num_div(D(999999999999999999LL, 0), D(1, 18), 0, &r), NUM_ERANGE);
	assert_int_equal(num_div(D(1, 0), D(1, 0), 19, &r), NUM_ERANGE);
}

/* a small, seeded generator: the same cases on every run */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void test_roundtrip_random(void **state)
{
	(void)state;
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	static const char *groups[] = { NULL, " ", NNBSP, "" };
	for (int i = 0; i < 10000; i++) {
		int ndig = (int)(rnd(&seed) % 18) + 1;
		int64_t m = (int64_t)(rnd(&seed) % 1000000000000000000ULL);
		for (int k = ndig; k < 18; k++)
			m /= 10;
		if (rnd(&seed) & 1)
			m = -m;
		int scale = (int)(rnd(&seed) % 19);
		struct numval v = { .kind = rnd(&seed) & 1 ? NUM_PERCENT : NUM_NUMBER, .d = { m, scale } };
		struct numfmt f = { .decimals = -1, .group = groups[i % 4],
			.point = (i / 4) % 2 ? '.' : ',', .plus = (i / 8) % 2,
			.minus = (i / 16) % 2 ? MINUS : NULL, .pctsep = (i / 32) % 2 ? "" : NULL };
		char out[128];
		int n = num_format(&v, &f, out, sizeof(out));
		assert_true(n > 0);
		struct numval back;
		enum numkind k = num_parse(out, &back);
		if (k != v.kind || num_cmp(back.d, v.d) != 0 || back.d.scale != scale)
			fail_msg("%lld/%d printed \"%s\", read back kind %d %lld/%d",
				(long long)m, scale, out, (int)k, (long long)back.d.m, back.d.scale);
	}
}

static void test_random_bytes(void **state)
{
	(void)state;
	uint64_t seed = 12345;
	static const char alpha[] = "0123456789 ,.-+%e\xc2\xa0\xe2\x88\x92\x80\xaf\x93st";
	char s[80];
	int numbers = 0;
	for (int i = 0; i < 10000; i++) {
		int len = (int)(rnd(&seed) % 40);
		for (int j = 0; j < len; j++) {
			uint64_t x = rnd(&seed);
			s[j] = (char)(i % 2 ? (int)(x & 0xff) : alpha[x % (sizeof(alpha) - 1)]);
			if (!s[j])
				s[j] = '1';
		}
		s[len] = '\0';
		struct numval v;
		enum numkind k = num_parse(s, &v);
		if (k == NUM_NUMBER || k == NUM_PERCENT) {
			numbers++;
			/* whatever is accepted prints and reads back to the same value */
			struct numfmt f = { .decimals = -1 };
			char out[128];
			assert_true(num_format(&v, &f, out, sizeof(out)) > 0);
			struct numval back;
			assert_int_equal(num_parse(out, &back), k);
			assert_int_equal(num_cmp(back.d, v.d), 0);
			assert_string_equal(back.unit, v.unit);
		}
	}
	assert_true(numbers > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_seeds),
		cmocka_unit_test(test_parse_units),
		cmocka_unit_test(test_parse_signs_spaces),
		cmocka_unit_test(test_parse_marks),
		cmocka_unit_test(test_parse_overflow),
		cmocka_unit_test(test_format_rounding),
		cmocka_unit_test(test_format_grouping),
		cmocka_unit_test(test_format_styles),
		cmocka_unit_test(test_format_empty_text),
		cmocka_unit_test(test_arith),
		cmocka_unit_test(test_seed_sums),
		cmocka_unit_test(test_div),
		cmocka_unit_test(test_roundtrip_random),
		cmocka_unit_test(test_random_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
