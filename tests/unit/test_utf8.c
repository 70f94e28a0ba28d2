/* Unit tests for utf8.c: strict decoding (overlongs, surrogates, cut
 * sequences and values past U+10FFFF rejected), encoding round trips,
 * validation offsets and code point counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "utf8.h"

/* decode s (n bytes); returns the length and stores the code point */
static int dec(const char *s, size_t n, uint32_t *cp)
{
	*cp = 0xdeadbeef;
	return utf8_decode(s, n, cp);
}

static void test_decode_valid(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(dec("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(dec("\x00", 1, &cp), 1);
	assert_int_equal(cp, 0);
	assert_int_equal(dec("\xc3\xa5", 2, &cp), 2);	/* å */
	assert_int_equal(cp, 0xe5);
	assert_int_equal(dec("\xc2\x80", 2, &cp), 2);
	assert_int_equal(cp, 0x80);
	assert_int_equal(dec("\xe2\x80\xaf", 3, &cp), 3);	/* NNBSP */
	assert_int_equal(cp, 0x202f);
	assert_int_equal(dec("\xef\xbf\xbf", 3, &cp), 3);
	assert_int_equal(cp, 0xffff);
	assert_int_equal(dec("\xf0\x9f\x98\x80", 4, &cp), 4);	/* 😀 */
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(dec("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	/* only the first sequence is decoded */
	assert_int_equal(dec("\xc3\xa5xyz", 5, &cp), 2);
}

static void test_decode_invalid(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n;
	} bad[] = {
		{"", 0},			/* nothing */
		{"\x80", 1},			/* stray continuation */
		{"\xbf", 1},
		{"\xff", 1},			/* never valid */
		{"\xfe", 1},
		{"\xf8\x88\x80\x80\x80", 5},	/* 5-byte form */
		{"\xc0\x80", 2},		/* overlong NUL */
		{"\xc1\xbf", 2},		/* overlong */
		{"\xe0\x80\xaf", 3},		/* overlong '/' */
		{"\xf0\x8f\xbf\xbf", 4},	/* overlong U+FFFF */
		{"\xed\xa0\x80", 3},		/* U+D800 */
		{"\xed\xbf\xbf", 3},		/* U+DFFF */
		{"\xf4\x90\x80\x80", 4},	/* U+110000 */
		{"\xc3", 1},			/* cut */
		{"\xe2\x80", 2},
		{"\xf0\x9f\x98", 3},
		{"\xc3\x41", 2},		/* continuation missing */
		{"\xe2\x80\x41", 3},
		{"\xc3\xa5", 1},		/* n shorter than the sequence */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t cp;
		if (dec(bad[i].s, bad[i].n, &cp) != 0)
			fail_msg("case %zu accepted", i);
		assert_int_equal(cp, 0xdeadbeef);	/* left alone */
	}
}

/* every scalar value encodes to the shortest form and decodes back */
static void test_roundtrip(void **state)
{
	(void)state;
	for (uint32_t c = 0; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		char buf[4];
		int n = utf8_encode(c, buf);
		int want = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
		assert_int_equal(n, want);
		uint32_t back;
		assert_int_equal(utf8_decode(buf, (size_t)n, &back), n);
		assert_int_equal(back, c);
		assert_int_equal(utf8_check(buf, (size_t)n), -1);
	}
}

static void test_check_and_len(void **state)
{
	(void)state;
	const char *s = "Åtgärder för ökad tillgänglighet → ✔";
	size_t n = strlen(s);
	assert_int_equal(utf8_check(s, n), -1);
	assert_int_equal(utf8_len(s, n), 36);
	assert_int_equal(utf8_check("", 0), -1);
	assert_int_equal(utf8_len("", 0), 0);
	assert_int_equal(utf8_check("ab\xc3", 3), 2);
	assert_int_equal(utf8_check("\xc3\xa5\xff", 3), 2);
	assert_int_equal(utf8_check("x\xed\xa0\x80y", 5), 1);
	/* checking stops at n, not at a NUL */
	assert_int_equal(utf8_check("a\0\xff", 2), -1);
	assert_int_equal(utf8_check("a\0\xff", 3), 2);
	assert_int_equal(utf8_len("\xf0\x9f\x98\x80", 4), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_check_and_len),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
