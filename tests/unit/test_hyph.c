/* Unit tests for hyph.c: Swedish hyphenation with hyphen-sv and the
 * exception list.  Run from the repository root (relative data path). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hyph.h"

#define EXCPATH "data/hyph-sv-exceptions.txt"

/* the word with '-' after HYPH_INSERT marks and '|' after HYPH_EXPLICIT
 * marks; checks that the return value counts the marks */
static const char *show(const struct hyph *h, const char *w, int minword,
	int left, int right)
{
	static char out[4 * HYPH_MAXWORD];
	unsigned char marks[HYPH_MAXWORD + 8];
	size_t len = strlen(w), o = 0;
	memset(marks, 0xee, sizeof marks);
	int n = hyph_word(h, w, len, minword, left, right, marks);
	int seen = 0;
	for (size_t i = 0; i < len; i++) {
		assert_true(marks[i] <= HYPH_EXPLICIT);
		out[o++] = w[i];
		if (marks[i] == HYPH_INSERT)
			out[o++] = '-';
		else if (marks[i] == HYPH_EXPLICIT)
			out[o++] = '|';
		seen += marks[i] != HYPH_NONE;
	}
	/* nothing written past the word */
	assert_int_equal(marks[len], 0xee);
	assert_int_equal(n, seen);
	out[o] = '\0';
	return out;
}

/* a diag whose messages land in a string */
struct capture {
	struct diag dg;
	char *text;
	size_t len;
};

static void cap_open(struct capture *c)
{
	memset(c, 0, sizeof *c);
	c->dg.out = open_memstream(&c->text, &c->len);
	assert_non_null(c->dg.out);
}

static void cap_close(struct capture *c)
{
	fclose(c->dg.out);
	free(c->text);
}

static int setup(void **state)
{
	struct diag dg = {0};
	*state = hyph_open(HYPH_DIC_SV, EXCPATH, &dg);
	return *state && dg.nerr == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	hyph_close(*state);
	return 0;
}

/* Swedish compounds as the patterns really split them (min 5, 2/2); the
 * last block needs the exception list or the vowel rule */
static void test_compounds(void **state)
{
	static const char *const want[] = {
		"sjuk-vårds-ba-ro-me-terns",
		"till-gäng-lig-hets-per-spek-tiv",
		"kost-nads-re-du-ce-ran-de",
		"vän-te-tids-da-ta-ba-sen",
		"pri-mär-vår-den",
		"års-ar-be-ta-re",
		"sjuk-från-va-ro",
		"vård-ga-ran-ti-be-sök",
		"in-ve-ste-rings-bud-get",
		"verk-sam-hets-plan",
		"sjuk-vårds-nämn-den",
		"kom-pe-tens-för-sörj-ning",
		"in-for-ma-tions-sä-ker-hets-ar-be-te",
		"över-ens-kom-mel-sen",
		"lång-tids-sjuk-från-va-ron",
		"häl-so-främ-jan-de",
		"med-ar-be-tar-en-kä-ten",
		"ut-veck-lings-ar-be-te",
		"di-gi-ta-li-se-ring-en",
		"verk-sam-hets-om-rå-den",
		"håll-bar-hets-re-do-vis-ning-en",
		"be-folk-nings-ut-veck-ling-en",
		"för-valt-nings-över-gri-pan-de",
		"kva-li-tets-re-gis-ter",
		/* a lone consonant piece joins its neighbour */
		"bi-trä-des-per-so-nal",
		"pa-ti-ent-in-täk-ter-na",
		/* exception list */
		"re-gi-on-över-gri-pan-de",
		"bud-get-av-vi-kel-se",
		"lä-ges-upp-da-te-ring",
		"tand-vårds-en-he-ten",
		"in-täkts-ök-ning-en",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		char word[128];
		size_t o = 0;
		for (const char *p = want[i]; *p; p++)
			if (*p != '-')
				word[o++] = *p;
		word[o] = '\0';
		assert_string_equal(show(*state, word, 5, 2, 2), want[i]);
	}
}

/* without the list the patterns go wrong on these: proof it is used */
static void test_exceptions_override(void **state)
{
	struct diag dg = {0};
	struct hyph *bare = hyph_open(HYPH_DIC_SV, NULL, &dg);
	assert_non_null(bare);
	assert_string_equal(show(bare, "regionövergripande", 5, 2, 2),
		"re-gi-onöver-gri-pan-de");
	assert_string_equal(show(bare, "budgetavvikelse", 5, 2, 2),
		"bud-ge-tav-vi-kel-se");
	assert_string_equal(show(bare, "tandvårdsenheten", 5, 2, 2),
		"tand-vård-sen-he-ten");
	hyph_close(bare);
	/* case-insensitive match, and the input's case is kept */
	assert_string_equal(show(*state, "Regionövergripande", 5, 2, 2),
		"Re-gi-on-över-gri-pan-de");
	assert_string_equal(show(*state, "LÄGESuppdatering", 5, 2, 2),
		"LÄ-GES-upp-da-te-ring");
}

static void test_uppercase_first(void **state)
{
	assert_string_equal(show(*state, "Årsarbetare", 5, 2, 2),
		"Års-ar-be-ta-re");
	assert_string_equal(show(*state, "Överenskommelsen", 5, 2, 2),
		"Över-ens-kom-mel-sen");
	assert_string_equal(show(*state, "ÄLDREOMSORGEN", 5, 2, 2),
		"ÄLDREOMSORGEN");
	assert_string_equal(show(*state, "Äldreomsorgen", 5, 2, 2),
		"Äldre-om-sor-gen");
}

static void test_allcaps(void **state)
{
	assert_string_equal(show(*state, "LOU", 1, 1, 1), "LOU");
	assert_string_equal(show(*state, "HSN", 1, 1, 1), "HSN");
	assert_string_equal(show(*state, "ÖVERENSKOMMELSEN", 5, 2, 2),
		"ÖVERENSKOMMELSEN");
	/* the abbreviation stays whole, the rest is hyphenated */
	assert_string_equal(show(*state, "IVO-granskningen", 5, 2, 2),
		"IVO-|gransk-ning-en");
}

static void test_not_hyphenated(void **state)
{
	static const char *const words[] = {
		"2024", "covid-19", "budget2024", "www.regionvarmland.se",
		"registrator@regionen.se", "https://example.se/verksamhetsplan",
		"verksamhet/planering", "SKR:s", "a.verksamhetsplan",
		"verksamhets&plan", "tillgänglighets_perspektiv",
	};
	unsigned char marks[64];
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		size_t len = strlen(words[i]);
		memset(marks, 0xee, sizeof marks);
		assert_int_equal(hyph_word(*state, words[i], len, 1, 1, 1, marks), 0);
		for (size_t k = 0; k < len; k++)
			assert_int_equal(marks[k], 0);
	}
	/* short words, below the caller's minimum */
	assert_string_equal(show(*state, "vården", 7, 2, 2), "vården");
	assert_string_equal(show(*state, "vården", 6, 2, 2), "vår-den");
	/* invalid UTF-8 is refused, not guessed */
	assert_string_equal(show(*state, "v\xe5rdcentralen", 5, 2, 2),
		"v\xe5rdcentralen");
	/* NULL handle and empty word */
	unsigned char m[4] = {9, 9, 9, 9};
	assert_int_equal(hyph_word(NULL, "abcd", 4, 1, 1, 1, m), 0);
	assert_int_equal(m[0], 0);
	assert_int_equal(hyph_word(*state, "", 0, 1, 1, 1, m), 0);
}

static void test_punctuation_around(void **state)
{
	assert_string_equal(show(*state, "(primärvården),", 5, 2, 2),
		"(pri-mär-vår-den),");
	assert_string_equal(show(*state, "»sjukfrånvaro«.", 5, 2, 2),
		"»sjuk-från-va-ro«.");
	assert_string_equal(show(*state, "Årsarbetare:", 5, 2, 2),
		"Års-ar-be-ta-re:");
}

static void test_soft_hyphen(void **state)
{
	/* the soft hyphens are the only breaks, whatever the patterns say */
	assert_string_equal(show(*state, "in\u00adformations\u00adsäkerhet", 5, 2, 2),
		"in\u00ad-formations\u00ad-säkerhet");
	assert_string_equal(show(*state, "sjukvårds\u00adbarometerns", 5, 2, 2),
		"sjukvårds\u00ad-barometerns");
	/* honoured even where the minimums would forbid a pattern break */
	assert_string_equal(show(*state, "e\u00adtjänst", 5, 3, 3),
		"e\u00ad-tjänst");
	/* a soft hyphen at an end still switches the patterns off; doubled,
	 * it gives no empty piece */
	assert_string_equal(show(*state, "\u00advården\u00ad", 5, 2, 2),
		"\u00advården\u00ad");
	assert_string_equal(show(*state, "vår\u00ad\u00adden", 5, 2, 2),
		"vår\u00ad\u00ad-den");
}

static void test_explicit_hyphen(void **state)
{
	assert_string_equal(show(*state, "region-över-gripande", 5, 2, 2),
		"re-gi-on-|över-|gri-pan-de");
	/* the parts are hyphenated only from minword letters */
	assert_string_equal(show(*state, "region-över-gripande", 7, 2, 2),
		"region-|över-|gri-pan-de");
	assert_string_equal(show(*state, "Hälso-", 5, 2, 2), "Häl-so-");
	assert_string_equal(show(*state, "AI-arbetet", 5, 2, 2),
		"AI-|ar-be-tet");
	/* too few letters before the hyphen: no break there */
	assert_string_equal(show(*state, "e-tjänsterna", 5, 2, 2),
		"e-tjäns-ter-na");
	/* en dash and U+2010 break without an added hyphen as well */
	assert_string_equal(show(*state, "januari\u2013mars", 5, 2, 2),
		"ja-nu-a-ri\u2013|mars");
	assert_string_equal(show(*state, "Stockholm\u2010Mälardalen", 5, 2, 2),
		"Stock-holm\u2010|Mä-lar-da-len");
	assert_string_equal(show(*state, "sjuk--vård", 5, 2, 2), "sjuk--vård");
}

static void test_minimums(void **state)
{
	/* års-ar-be-ta-re: right 3 drops ta-re, left 4 drops års- */
	assert_string_equal(show(*state, "årsarbetare", 5, 3, 3),
		"års-ar-be-tare");
	assert_string_equal(show(*state, "årsarbetare", 5, 4, 3),
		"årsar-be-tare");
	assert_string_equal(show(*state, "årsarbetare", 5, 2, 5),
		"års-ar-betare");
	assert_string_equal(show(*state, "årsarbetare", 5, 6, 2),
		"årsarbe-ta-re");
	/* exceptions obey the minimums too */
	assert_string_equal(show(*state, "regionövergripande", 5, 3, 3),
		"regi-on-över-gri-pande");
	assert_string_equal(show(*state, "regionövergripande", 5, 5, 5),
		"region-över-gri-pande");
	/* every mark keeps at least left/right letters on each side */
	static const char *const words[] = {
		"tillgänglighetsperspektiv", "informationssäkerhetsarbete",
		"långtidssjukfrånvaron", "Årsarbetare", "överenskommelsen",
	};
	for (int l = 1; l <= 6; l++) {
		for (int r = 1; r <= 6; r++) {
			for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
				unsigned char marks[64];
				size_t len = strlen(words[i]);
				hyph_word(*state, words[i], len, 1, l, r, marks);
				int before = 0, total = 0;
				for (size_t k = 0; k < len; k++)
					total += ((unsigned char)words[i][k] & 0xc0) != 0x80;
				for (size_t k = 0; k < len; k++) {
					before += ((unsigned char)words[i][k] & 0xc0) != 0x80;
					if (!marks[k])
						continue;
					/* a mark sits on the last byte of a code point */
					assert_true(k + 1 == len ||
						((unsigned char)words[i][k + 1] & 0xc0) != 0x80);
					assert_true(before >= l);
					assert_true(total - before >= r);
				}
			}
		}
	}
}

static void test_long_words(void **state)
{
	/* 300 bytes of nonsense, ASCII and two-byte letters */
	char w[301];
	for (int i = 0; i < 300; i++)
		w[i] = "strandbukteralovi"[(i * 7) % 17];
	w[300] = '\0';
	unsigned char marks[300];
	int n = hyph_word(*state, w, 300, 5, 2, 2, marks);
	assert_true(n > 20);
	assert_int_equal(marks[0], 0);
	assert_int_equal(marks[298], 0);
	assert_int_equal(marks[299], 0);
	for (int i = 0; i < 150; i++)
		memcpy(w + 2 * i, i % 3 ? "å" : "ö", 2);
	n = hyph_word(*state, w, 300, 5, 2, 2, marks);
	for (int i = 0; i < 300; i++)
		assert_true(marks[i] == 0 || (i % 2 == 1 && i > 2 && i < 296));
	assert_true(n >= 0);
	/* beyond HYPH_MAXWORD: left alone, marks cleared */
	size_t big = HYPH_MAXWORD + 1;
	char *bw = malloc(big);
	unsigned char *bm = malloc(big);
	assert_non_null(bw);
	assert_non_null(bm);
	for (size_t i = 0; i < big; i++)
		bw[i] = "verksamhet"[i % 10];
	memset(bm, 7, big);
	assert_int_equal(hyph_word(*state, bw, big, 5, 2, 2, bm), 0);
	for (size_t i = 0; i < big; i++)
		assert_int_equal(bm[i], 0);
	/* just inside the limit it is hyphenated */
	assert_true(hyph_word(*state, bw, HYPH_MAXWORD, 5, 2, 2, bm) > 50);
	free(bw);
	free(bm);
}

static void test_missing_dictionary(void **state)
{
	(void)state;
	struct capture c;
	cap_open(&c);
	assert_null(hyph_open("/nonexistent/hyph_sv_SE.dic", NULL, &c.dg));
	fflush(c.dg.out);
	assert_int_equal(c.dg.nerr, 1);
	assert_non_null(strstr(c.text, "/nonexistent/hyph_sv_SE.dic: error: "));
	assert_non_null(strstr(c.text, "No such file"));
	assert_non_null(strstr(c.text, "hyphen-sv"));
	cap_close(&c);

	cap_open(&c);
	assert_null(hyph_open(HYPH_DIC_SV, "/nonexistent/exc.txt", &c.dg));
	fflush(c.dg.out);
	assert_non_null(strstr(c.text, "/nonexistent/exc.txt: error: cannot read"));
	cap_close(&c);
}

/* write s to a fresh temporary file; its path goes to path */
static void tmpwrite(char *path, const char *s)
{
	strcpy(path, "/tmp/test_hyph_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	close(fd);
}

static void test_bad_files(void **state)
{
	(void)state;
	char dic[64], exc[64];
	struct capture c;

	tmpwrite(dic, "KOI8-R\n1a1\n");
	cap_open(&c);
	assert_null(hyph_open(dic, NULL, &c.dg));
	fflush(c.dg.out);
	assert_non_null(strstr(c.text, ":1:1: error: unsupported character set \"KOI8-R\""));
	cap_close(&c);
	unlink(dic);

	tmpwrite(dic, "");
	cap_open(&c);
	assert_null(hyph_open(dic, NULL, &c.dg));
	assert_int_equal(c.dg.nerr, 1);
	cap_close(&c);
	unlink(dic);

	tmpwrite(dic, "UTF-8\nLEFTHYPHENMIN 1\n");
	cap_open(&c);
	assert_null(hyph_open(dic, NULL, &c.dg));
	fflush(c.dg.out);
	assert_non_null(strstr(c.text, "no hyphenation patterns"));
	cap_close(&c);
	unlink(dic);

	tmpwrite(exc, "# ok\nsjuk-vård\nab--c\n  x1y  # digit\n-abc\n");
	cap_open(&c);
	assert_null(hyph_open(HYPH_DIC_SV, exc, &c.dg));
	fflush(c.dg.out);
	assert_non_null(strstr(c.text, ":3:4: error: misplaced hyphen"));
	assert_non_null(strstr(c.text, ":4:4: error: unexpected character U+0031"));
	assert_non_null(strstr(c.text, ":5:1: error: misplaced hyphen"));
	cap_close(&c);
	unlink(exc);
	tmpwrite(exc, "hej\nsjuk-vård\nHej\n");
	cap_open(&c);
	assert_null(hyph_open(HYPH_DIC_SV, exc, &c.dg));
	fflush(c.dg.out);
	assert_non_null(strstr(c.text, ":3: error: \"hej\" is listed twice"));
	assert_non_null(strstr(c.text, ":1: note: first listed here"));
	cap_close(&c);
	unlink(exc);
	tmpwrite(exc, "sjuk-vård\nv\xe5rd\n");
	cap_open(&c);
	assert_null(hyph_open(HYPH_DIC_SV, exc, &c.dg));
	fflush(c.dg.out);
	assert_non_null(strstr(c.text, ":2:2: error: invalid UTF-8"));
	cap_close(&c);
	unlink(exc);
}

/* a UTF-8 dictionary is used as it is; the entry without hyphens in the
 * exception file switches a word off */
static void test_utf8_dictionary(void **state)
{
	(void)state;
	char dic[64], exc[64];
	tmpwrite(dic, "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nö1\n");
	tmpwrite(exc, "mördö\n");
	struct diag dg = {0};
	struct hyph *h = hyph_open(dic, exc, &dg);
	assert_non_null(h);
	assert_string_equal(show(h, "Söka", 1, 2, 2), "Sö-ka");
	assert_string_equal(show(h, "sösösö", 1, 2, 2), "sö-sö-sö");
	assert_string_equal(show(h, "Mördö", 1, 1, 1), "Mördö");
	hyph_close(h);
	unlink(dic);
	unlink(exc);
}

struct job {
	const struct hyph *h;	/* shared */
	int bad;		/* results that differed */
};

static void *worker(void *arg)
{
	struct job *j = arg;
	for (int i = 0; i < 2000; i++) {
		unsigned char m[32];
		int n = hyph_word(j->h, "sjukvårdsbarometerns", 21, 5, 2, 2, m);
		int n2 = hyph_word(j->h, "regionövergripande", 19, 5, 2, 2, m);
		if (n != 5 || n2 != 6 || m[5] != HYPH_INSERT)
			j->bad++;
	}
	return NULL;
}

static void test_threads(void **state)
{
	pthread_t t[4];
	struct job j[4];
	for (int i = 0; i < 4; i++) {
		j[i] = (struct job){*state, 0};
		assert_int_equal(pthread_create(&t[i], NULL, worker, &j[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(j[i].bad, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compounds),
		cmocka_unit_test(test_exceptions_override),
		cmocka_unit_test(test_uppercase_first),
		cmocka_unit_test(test_allcaps),
		cmocka_unit_test(test_not_hyphenated),
		cmocka_unit_test(test_punctuation_around),
		cmocka_unit_test(test_soft_hyphen),
		cmocka_unit_test(test_explicit_hyphen),
		cmocka_unit_test(test_minimums),
		cmocka_unit_test(test_long_words),
		cmocka_unit_test(test_missing_dictionary),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_utf8_dictionary),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
