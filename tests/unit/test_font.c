/* Unit tests for font.c: the bundled faces load with the right metrics,
 * advances agree with libharu's to the unit, kerning comes from both the
 * legacy kern table and GPOS, fallback picking, and hostile files fail
 * cleanly.  Run from the repository root (relative font paths). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "font.h"
#include "util.h"

#define LIB_REG "fonts/LiberationSans-Regular.ttf"
#define DEJAVU "fonts/DejaVuSans.ttf"

static const char *faces[] = {
	LIB_REG,
	"fonts/LiberationSans-Bold.ttf",
	"fonts/LiberationSans-Italic.ttf",
	"fonts/LiberationSans-BoldItalic.ttf",
	DEJAVU,
};

/* a scratch directory for the hostile files, removed by teardown */
static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/test_font.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void load(struct font *f, const char *path)
{
	char err[256];
	int rc = font_load(f, path, err, sizeof(err));
	if (rc)
		fail_msg("%s", err);
}

static char *slurp(const char *path, size_t *len)
{
	char *d = file_read(path, len, 64u << 20);
	assert_non_null(d);
	return d;
}

static void spit(const char *path, const void *d, size_t len)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(d, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void test_load_bundled(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(faces) / sizeof(faces[0]); i++) {
		struct font f;
		load(&f, faces[i]);
		assert_string_equal(f.path, faces[i]);
		assert_int_equal(f.upem, 2048);
		assert_true(f.ascent > 0 && f.descent < 0);
		assert_true(f.nkern > 800);
		assert_true(f.capheight > f.xheight && f.xheight > 0);
		font_free(&f);
		assert_null(f.adv);
	}
	struct font f;
	load(&f, LIB_REG);
	assert_string_equal(f.psname, "LiberationSans");
	assert_int_equal(f.nglyphs, 2620);
	assert_int_equal(f.ascent, 1854);
	assert_int_equal(f.descent, -434);
	assert_int_equal(f.linegap, 67);
	assert_int_equal(f.capheight, 1409);
	assert_int_equal(f.xheight, 1082);
	assert_int_equal(f.nkern, 908);
	assert_int_equal(font_glyph(&f, 'A'), 36);
	assert_int_equal(font_advance(&f, 'A'), 666);
	assert_int_equal(font_advance(&f, ' '), 277);
	font_free(&f);
	load(&f, DEJAVU);
	assert_string_equal(f.psname, "DejaVuSans");
	assert_int_equal(f.nglyphs, 6253);
	assert_int_equal(f.capheight, 1493);
	assert_int_equal(f.xheight, 1120);
	font_free(&f);
	/* freeing twice, or a never-loaded font, is harmless */
	font_free(&f);
}

/* every mapped BMP code point measures exactly as libharu measures it */
static void test_advance_is_libharu(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(faces) / sizeof(faces[0]); i++) {
		struct font f;
		load(&f, faces[i]);
		HPDF_Doc pdf = HPDF_New(NULL, NULL);
		assert_non_null(pdf);
		assert_int_equal(HPDF_UseUTFEncodings(pdf), HPDF_OK);
		const char *name = HPDF_LoadTTFontFromFile(pdf, faces[i], HPDF_TRUE);
		assert_non_null(name);
		HPDF_Font hf = HPDF_GetFont(pdf, name, "UTF-8");
		assert_non_null(hf);
		int n = 0;
		for (uint32_t cp = 0; cp <= 0xffff; cp++) {
			if (!font_glyph(&f, cp))
				continue;
			int ours = font_advance(&f, cp);
			int theirs = (int)HPDF_Font_GetUnicodeWidth(hf, (HPDF_UNICODE)cp);
			if (ours != theirs)
				fail_msg("%s U+%04X: %d, libharu %d", faces[i],
					 (unsigned)cp, ours, theirs);
			n++;
		}
		assert_true(n > 2000);
		static const char *texts[] = {
			"Åtgärder",
			"Sjukvårdsbarometerns tillgänglighetsperspektiv, "
			"kostnadsreducerande åtgärder – ”citat” 1 237,0 → −3,5 %",
			"AVATAR Te To",
		};
		for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
			size_t len = strlen(texts[t]);
			HPDF_TextWidth tw = HPDF_Font_TextWidth(hf,
				(const HPDF_BYTE *)texts[t], (HPDF_UINT)len);
			assert_int_equal(font_width(&f, texts[t], len, 0), tw.width);
		}
		if (i == 0)
			assert_int_equal(font_width(&f, "Åtgärder", strlen("Åtgärder"), 0), 3833);
		HPDF_Free(pdf);
		font_free(&f);
	}
}

static void test_kern_legacy(void **state)
{
	(void)state;
	struct font f;
	load(&f, LIB_REG);
	/* A-V is -152 units: -74.2 thousandths, rounded to -74 */
	assert_int_equal(font_kern(&f, 'A', 'V'), -74);
	assert_int_equal(font_kern(&f, 'T', 'e'), -111);
	assert_true(font_kern(&f, 'T', 'o') < 0);
	assert_true(font_kern(&f, 'V', 'a') < 0);
	assert_int_equal(font_kern(&f, 'A', 'b'), 0);
	assert_int_equal(font_kern(&f, 'V', 'A'), -74);
	/* Liberation kerns V-a but has no V-aring pair, in kern nor GPOS */
	assert_int_equal(font_kern(&f, 'V', 0xe5), 0);
	/* missing glyphs and non-BMP code points never kern */
	assert_int_equal(font_kern(&f, 'A', 0x25c6), 0);
	assert_int_equal(font_kern(&f, 0x1f600, 'V'), 0);
	const char *s = "AVATAR";
	long plain = font_width(&f, s, 6, 0), kerned = font_width(&f, s, 6, 1);
	long sum = 0;
	for (int i = 0; i < 6; i++)
		sum += font_advance(&f, (unsigned char)s[i]);
	assert_int_equal(plain, sum);
	long k = 0;
	for (int i = 0; i + 1 < 6; i++)
		k += font_kern(&f, (unsigned char)s[i], (unsigned char)s[i + 1]);
	assert_true(k < 0);
	assert_int_equal(kerned, plain + k);
	font_free(&f);
	load(&f, DEJAVU);
	assert_true(font_kern(&f, 'A', 'V') < 0);
	assert_true(font_kern(&f, 'T', 'e') < 0);
	assert_true(font_kern(&f, 'V', 0xe5) < 0);
	assert_int_equal(font_kern(&f, 'x', 'x'), 0);
	font_free(&f);
}

/* a copy of path with the tables named in tags (4 characters each)
 * renamed, so that font_load must do without them */
static void hide_tables(const char *path, const char *out, const char *tags)
{
	size_t len;
	unsigned char *d = (unsigned char *)slurp(path, &len);
	unsigned n = (unsigned)d[4] << 8 | d[5];
	size_t hidden = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned char *tag = d + 12 + 16 * i;
		for (const char *t = tags; *t; t += 4)
			if (!memcmp(tag, t, 4)) {
				tag[3] = 'X';
				hidden++;
			}
	}
	assert_int_equal(hidden, strlen(tags) / 4);
	spit(out, d, len);
	free(d);
}

static unsigned get16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

/* a copy of path whose cmap subtables of formats other than keep (and the
 * Macintosh one) are put on an unknown platform, so that font_load must
 * read format keep; returns the number of subtables left */
static int keep_cmap(const char *path, const char *out, unsigned keep)
{
	size_t len;
	unsigned char *d = (unsigned char *)slurp(path, &len);
	int kept = 0;
	for (unsigned i = 0; i < get16(d + 4); i++) {
		unsigned char *rec = d + 12 + 16 * i;
		if (memcmp(rec, "cmap", 4))
			continue;
		unsigned char *c = d + get32(rec + 8);
		for (unsigned j = 0; j < get16(c + 2); j++) {
			unsigned char *er = c + 4 + 8 * j;
			if (get16(c + get32(er + 4)) == keep && get16(er) != 1)
				kept++;
			else
				er[1] = 7;
		}
	}
	spit(out, d, len);
	free(d);
	return kept;
}

/* DejaVu's format 12 and format 4 maps agree on the whole BMP */
static void test_cmap_formats(void **state)
{
	(void)state;
	char p4[128], p12[128];
	struct font f4, f12;
	snprintf(p4, sizeof(p4), "%s/cmap4.ttf", tmpdir);
	snprintf(p12, sizeof(p12), "%s/cmap12.ttf", tmpdir);
	assert_int_equal(keep_cmap(DEJAVU, p4, 4), 2);
	assert_int_equal(keep_cmap(DEJAVU, p12, 12), 2);
	load(&f4, p4);
	load(&f12, p12);
	int n = 0;
	for (uint32_t cp = 0; cp <= 0xffff; cp++) {
		assert_int_equal(font_glyph(&f4, cp), font_glyph(&f12, cp));
		n += font_glyph(&f4, cp) != 0;
	}
	assert_true(n > 5000);
	assert_true(font_glyph(&f12, 0x25c6) > 0);
	font_free(&f4);
	font_free(&f12);
	/* with no Unicode subtable left the font is refused */
	assert_int_equal(keep_cmap(DEJAVU, p4, 6), 0);
	char err[256];
	assert_int_equal(font_load(&f4, p4, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no usable Unicode 'cmap'"));
}

/* GPOS pair kerning (format 1 in Liberation, class-based format 2 in
 * DejaVu) gives the same pairs as the legacy tables of the same fonts */
static void test_kern_gpos(void **state)
{
	(void)state;
	char path[128];
	struct font legacy, gpos;
	snprintf(path, sizeof(path), "%s/lib-gpos.ttf", tmpdir);
	hide_tables(LIB_REG, path, "kern");
	load(&legacy, LIB_REG);
	load(&gpos, path);
	assert_int_equal(font_kern(&gpos, 'A', 'V'), -74);
	assert_int_equal(font_kern(&gpos, 'T', 'e'), -111);
	assert_int_equal(font_kern(&gpos, 'A', 'b'), 0);
	/* GPOS adds Hebrew pairs; every legacy pair is there unchanged */
	assert_true(gpos.nkern > legacy.nkern);
	for (int i = 0; i < legacy.nkern; i++) {
		unsigned a = legacy.kpair[i] >> 16, b = legacy.kpair[i] & 0xffff;
		int j = 0;
		while (j < gpos.nkern && gpos.kpair[j] != legacy.kpair[i])
			j++;
		if (j == gpos.nkern || gpos.kval[j] != legacy.kval[i])
			fail_msg("pair %u %u differs", a, b);
	}
	for (int j = 1; j < gpos.nkern; j++)
		assert_true(gpos.kpair[j - 1] < gpos.kpair[j]);
	font_free(&legacy);
	font_free(&gpos);

	snprintf(path, sizeof(path), "%s/dejavu-gpos.ttf", tmpdir);
	hide_tables(DEJAVU, path, "kern");
	load(&legacy, DEJAVU);
	load(&gpos, path);
	assert_int_equal(gpos.nkern, legacy.nkern);
	assert_memory_equal(gpos.kpair, legacy.kpair,
			    (size_t)legacy.nkern * sizeof(*legacy.kpair));
	assert_memory_equal(gpos.kval, legacy.kval,
			    (size_t)legacy.nkern * sizeof(*legacy.kval));
	assert_true(font_kern(&gpos, 'V', 0xe5) < 0);
	font_free(&legacy);
	font_free(&gpos);
}

/* without OS/2 the heights come from the outlines of H and x; without
 * kern and GPOS nothing kerns */
static void test_fallbacks(void **state)
{
	(void)state;
	char path[128];
	struct font f;
	snprintf(path, sizeof(path), "%s/bare.ttf", tmpdir);
	hide_tables(LIB_REG, path, "OS/2kernGPOSname");
	load(&f, path);
	assert_int_equal(f.capheight, 1409);
	assert_int_equal(f.xheight, 1082);
	assert_int_equal(f.nkern, 0);
	assert_int_equal(font_kern(&f, 'A', 'V'), 0);
	assert_int_equal(font_width(&f, "AVATAR", 6, 1), font_width(&f, "AVATAR", 6, 0));
	/* no name table: the file name stands in for the PostScript name */
	assert_string_equal(f.psname, "bare");
	font_free(&f);
}

static void test_width_edges(void **state)
{
	(void)state;
	struct font f;
	load(&f, LIB_REG);
	long a = font_advance(&f, 'A'), v = font_advance(&f, 'V');
	assert_int_equal(font_width(&f, "", 0, 1), 0);
	/* invalid bytes and a cut sequence count as nothing */
	assert_int_equal(font_width(&f, "A\xff\xfeV", 4, 0), a + v);
	assert_int_equal(font_width(&f, "A\xc3", 2, 0), a);
	/* missing and non-BMP characters are zero wide: the caller picks another face */
	assert_int_equal(font_width(&f, "A\xe2\x97\x86", 4, 0), a);
	assert_int_equal(font_width(&f, "\xf0\x9f\x98\x80", 4, 0), 0);
	assert_int_equal(font_advance(&f, 0x25c6), 0);
	assert_int_equal(font_advance(&f, 0x1f600), 0);
	/* only len bytes are read */
	assert_int_equal(font_width(&f, "AVAVAV", 2, 0), a + v);
	assert_int_equal(font_width(&f, "AV", 2, 1), a + v - 74);
	font_free(&f);
}

static void test_coverage_and_pick(void **state)
{
	(void)state;
	struct fontset fs;
	memset(&fs, 0, sizeof(fs));
	load(&fs.face[FACE_REGULAR], LIB_REG);
	const struct font *lib = &fs.face[FACE_REGULAR];
	assert_int_equal(font_glyph(lib, 0x25c6), 0);
	assert_int_equal(font_glyph(lib, 0x2714), 0);
	assert_true(font_glyph(lib, 0x2192) > 0);
	/* without a fallback, missing glyphs have no face */
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 'A'), FACE_REGULAR);
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 0x25c6), -1);
	load(&fs.face[FACE_FALLBACK], DEJAVU);
	const struct font *dv = &fs.face[FACE_FALLBACK];
	assert_true(font_glyph(dv, 0x25c6) > 0);
	assert_true(font_glyph(dv, 0x2714) > 0);
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 'A'), FACE_REGULAR);
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 0xe5), FACE_REGULAR);
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 0x25c6), FACE_FALLBACK);
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 0x2714), FACE_FALLBACK);
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 0x1f600), -1);
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 0xe000), -1);
	/* spaces always stay in the wanted face */
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, ' '), FACE_REGULAR);
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 0xa0), FACE_REGULAR);
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 0x202f), FACE_REGULAR);
	/* ... even when it lacks them (as Carlito lacks U+00A0): the caller
	 * then draws U+0020 */
	fs.face[FACE_REGULAR].bmp[0xa0] = fs.face[FACE_REGULAR].bmp[0x202f] = 0;
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 0xa0), FACE_REGULAR);
	assert_int_equal(fontset_pick(&fs, FACE_REGULAR, 0x202f), FACE_REGULAR);
	/* an unloaded wanted face behaves as one lacking every glyph */
	assert_int_equal(fontset_pick(&fs, FACE_BOLD, 'A'), FACE_FALLBACK);
	assert_int_equal(fontset_pick(&fs, FACE_BOLD, ' '), FACE_FALLBACK);
	assert_int_equal(fontset_pick(&fs, -1, 'A'), -1);
	assert_int_equal(fontset_pick(&fs, FACE_MAX, 'A'), -1);
	fontset_free(&fs);
	assert_null(fs.face[FACE_REGULAR].path);
	assert_null(fs.face[FACE_FALLBACK].bmp);
}

/* font_load of d must fail with a message containing want */
static void must_fail(const char *name, const void *d, size_t len, const char *want)
{
	char path[128], err[256];
	struct font f;
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	spit(path, d, len);
	memset(err, 'x', sizeof(err));
	assert_int_equal(font_load(&f, path, err, sizeof(err)), -1);
	if (!strstr(err, path) || !strstr(err, want))
		fail_msg("%s: message \"%s\" lacks \"%s\"", name, err, want);
	assert_null(f.adv);
	assert_null(f.bmp);
	assert_null(f.path);
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void test_hostile(void **state)
{
	(void)state;
	char err[256];
	struct font f;
	assert_int_equal(font_load(&f, "fonts/nonexistent.ttf", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "No such file"));
	/* a zero-length err buffer is left alone */
	assert_int_equal(font_load(&f, "fonts/nonexistent.ttf", NULL, 0), -1);

	must_fail("empty.ttf", "", 0, "too short");
	unsigned char otto[256] = "OTTO\0\x09\0\x80";
	must_fail("cff.otf", otto, sizeof(otto), "only TrueType");
	static const unsigned char ttc[16] = "ttcf\0\x01\0\0\0\0\0\x01";
	must_fail("coll.ttc", ttc, sizeof(ttc), "collections");

	unsigned char rnd[4096];
	srand(1234);
	for (size_t i = 0; i < sizeof(rnd); i++)
		rnd[i] = (unsigned char)rand();
	must_fail("random.ttf", rnd, sizeof(rnd), "not a TrueType font");
	/* random tables behind a valid signature */
	put32(rnd, 0x00010000);
	must_fail("random2.ttf", rnd, sizeof(rnd), ": ");

	size_t len;
	unsigned char *d = (unsigned char *)slurp(LIB_REG, &len);
	static const size_t cuts[] = {4, 12, 40, 200, 4096, 100000, 300000};
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++)
		must_fail("cut.ttf", d, cuts[i], ": ");
	must_fail("cut.ttf", d, len - 1, "past the end");
	must_fail("cut.ttf", d, len / 2, "past the end");

	unsigned char *m = xmalloc(len);
	memcpy(m, d, len);
	m[4] = m[5] = 0xff;	/* 65535 tables */
	must_fail("ntables.ttf", m, len, "table directory");
	memcpy(m, d, len);
	put32(m + 12 + 8, 0xfffffff0);	/* first table's offset */
	must_fail("offset.ttf", m, len, "past the end");
	/* a TrueType signature over CFF outlines */
	memcpy(m, d, len);
	for (unsigned i = 0; i < ((unsigned)d[4] << 8 | d[5]); i++)
		if (!memcmp(m + 12 + 16 * i, "glyf", 4))
			memcpy(m + 12 + 16 * i, "CFF ", 4);
	must_fail("noglyf.ttf", m, len, "CFF outlines; only TrueType");

	/* flipped bytes anywhere: either an error or a usable font */
	srand(99);
	for (int round = 0; round < 300; round++) {
		memcpy(m, d, len);
		for (int k = 0; k < 20; k++) {
			size_t at = round % 2 ? (size_t)rand() % 2048 : (size_t)rand() % len;
			m[at] = (unsigned char)rand();
		}
		char path[128];
		snprintf(path, sizeof(path), "%s/flip.ttf", tmpdir);
		spit(path, m, len);
		if (font_load(&f, path, err, sizeof(err)) == 0) {
			for (uint32_t cp = 0; cp <= 0xffff; cp++)
				assert_true(font_glyph(&f, cp) < f.nglyphs);
			for (int j = 1; j < f.nkern; j++)
				assert_true(f.kpair[j - 1] < f.kpair[j]);
			assert_true(font_width(&f, "Åtgärder AV", 12, 1) >= 0);
			font_free(&f);
		} else {
			assert_non_null(strstr(err, path));
		}
	}
	free(m);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_bundled),
		cmocka_unit_test(test_advance_is_libharu),
		cmocka_unit_test(test_cmap_formats),
		cmocka_unit_test(test_kern_legacy),
		cmocka_unit_test(test_kern_gpos),
		cmocka_unit_test(test_fallbacks),
		cmocka_unit_test(test_width_edges),
		cmocka_unit_test(test_coverage_and_pick),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
