/*
 * test_box: the laid-out document helpers (box.c) and its text dump
 * (dump.c).  Widths are checked against Liberation Sans metrics known
 * independently of font.c: A and V advance 666/1000 em each and the
 * legacy kern pair A-V is -152/2048 em, i.e. -74/1000 em.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "box.h"

#define FONTDIR "fonts/"

struct fixture {
	struct fontset fs;	/* regular and bold Liberation Sans */
	struct pdoc pd;		/* document under test, fonts = &fs */
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));
	char err[256];
	const char *dir = getenv("FOLIO_ROOT");
	char path[512];
	snprintf(path, sizeof(path), "%s%sLiberationSans-Regular.ttf", dir ? dir : "",
		dir ? "/" FONTDIR : FONTDIR);
	if (font_load(&fx->fs.face[FACE_REGULAR], path, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s (run from the repository root)\n", path, err);
		return -1;
	}
	fx->pd.fonts = &fx->fs;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	pdoc_free(&fx->pd);
	fontset_free(&fx->fs);
	free(fx);
	return 0;
}

static const struct rgb black = {0, 0, 0};

static void test_page_and_box_defaults(void **state)
{
	struct fixture *fx = *state;
	struct page *p1 = pdoc_page(&fx->pd, 595.28, 841.89);
	assert_int_equal(fx->pd.npage, 1);
	assert_string_equal(p1->label, "1");
	for (int i = 0; i < 20; i++)
		pdoc_page(&fx->pd, 100, 200);
	/* the array moved while growing; look the page up again */
	struct page *p21 = &fx->pd.page[20];
	assert_string_equal(p21->label, "21");
	assert_true(p21->w == 100 && p21->h == 200);
	for (int i = 0; i < 100; i++) {
		struct box *b = pdoc_box(p21, BOX_RECT);
		assert_int_equal(b->type, BOX_RECT);
		assert_int_equal(b->tag, -1);
		assert_int_equal(b->dest_page, -1);
		assert_null(b->uri);
		assert_true(b->w == 0 && b->x == 0);
	}
	assert_int_equal(p21->nbox, 100);
}

static void test_text_copies_and_measures(void **state)
{
	struct fixture *fx = *state;
	struct page *pg = pdoc_page(&fx->pd, 595.28, 841.89);
	char src[] = "AV";
	struct box *b = pdoc_text(&fx->pd, pg, 10, 20, FACE_REGULAR, 10, black, src, 2, 7);
	src[0] = 'X';
	assert_string_equal(b->text, "AV");
	assert_int_equal(b->len, 2);
	assert_int_equal(b->tag, 7);
	assert_true(b->h == 10);
	/* no kerning: 666 + 666 */
	assert_float_equal(b->w, 13.32, 1e-9);

	fx->pd.kern = 1;
	b = pdoc_text(&fx->pd, pg, 10, 40, FACE_REGULAR, 10, black, "AV", 2, -1);
	assert_float_equal(b->w, 12.58, 1e-9);

	/* only part of the bytes: the length is honoured, not the NUL */
	b = pdoc_text(&fx->pd, pg, 10, 60, FACE_REGULAR, 10, black, "AVAV", 1, -1);
	assert_string_equal(b->text, "A");
	assert_float_equal(b->w, 6.66, 1e-9);

	/* a face that is not loaded measures 0 instead of crashing */
	b = pdoc_text(&fx->pd, pg, 10, 80, FACE_BOLD, 10, black, "AV", 2, -1);
	assert_float_equal(b->w, 0, 0);
	b = pdoc_text(&fx->pd, pg, 10, 80, 99, 10, black, "AV", 2, -1);
	assert_float_equal(b->w, 0, 0);
}

static void test_justify(void **state)
{
	struct fixture *fx = *state;
	struct page *pg = pdoc_page(&fx->pd, 595.28, 841.89);
	struct box *b = pdoc_text(&fx->pd, pg, 0, 0, FACE_REGULAR, 10, black,
		"A V A\xc2\xa0V", 8, -1);
	double w0 = b->w;
	/* two U+0020; the no-break space is not stretched */
	pdoc_justify(b, 1.5);
	assert_float_equal(b->w, w0 + 3.0, 1e-9);
	assert_float_equal(b->wordspace, 1.5, 0);
	pdoc_justify(b, 0.25);
	assert_float_equal(b->w, w0 + 0.5, 1e-9);
	pdoc_justify(b, 0);
	assert_float_equal(b->w, w0, 1e-9);
}

static void test_selem_outline_free(void **state)
{
	struct fixture *fx = *state;
	char role[] = "H1";
	assert_int_equal(pdoc_selem(&fx->pd, "Document", -1), 0);
	assert_int_equal(pdoc_selem(&fx->pd, role, 0), 1);
	role[1] = '2';
	assert_string_equal(fx->pd.selem[1].role, "H1");
	assert_int_equal(fx->pd.selem[1].parent, 0);
	assert_null(fx->pd.selem[1].alt);
	char title[] = "1 Inledning";
	pdoc_outline(&fx->pd, title, 1, 0, 72);
	title[0] = '9';
	assert_string_equal(fx->pd.outline[0].title, "1 Inledning");
	assert_int_equal(fx->pd.noutline, 1);
	pdoc_free(&fx->pd);
	assert_int_equal(fx->pd.npage, 0);
	assert_null(fx->pd.page);
	assert_null(fx->pd.outline);
	assert_null(fx->pd.mem.blk);
}

static char *dump_string(const struct pdoc *pd)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	assert_non_null(f);
	dump_pdoc(pd, f);
	fclose(f);
	return s;
}

static void test_dump_exact(void **state)
{
	struct fixture *fx = *state;
	struct pdoc *pd = &fx->pd;
	pd->kern = 1;
	struct page *pg = pdoc_page(pd, 595.28, 841.89);
	struct box *b = pdoc_text(pd, pg, 70.87, 120, FACE_REGULAR, 10, black,
		"AV \"x\" \\", 8, 3);
	pdoc_justify(b, 1.234);
	struct rgb blue = { 0, 50 / 255.0f, 90 / 255.0f };
	b = pdoc_text(pd, pg, 70.87, 140, FACE_REGULAR, 10, blue, "\xc3\xa5", 2, -1);
	b = pdoc_box(pg, BOX_RULE);
	b->x = 70.87;
	b->y = 800;
	b->w = 453.54;
	b->lw = 0.5;
	b = pdoc_box(pg, BOX_RULE);
	b->x = 1;
	b->y = 2;
	b->h = -0.001;	/* rounds to zero: must not print "-0.00" */
	b->lw = 1;
	b->color = blue;
	b = pdoc_box(pg, BOX_RECT);
	b->w = 595.28;
	b->h = 51.02;
	b->color = blue;
	pg = pdoc_page(pd, 420.94, 595.28);
	pg->label = "iv";
	b = pdoc_box(pg, BOX_LINK);
	b->x = 70.87;
	b->y = 110;
	b->w = 453.54;
	b->h = 14;
	b->dest_page = 0;
	b->dest_y = 72;
	b = pdoc_box(pg, BOX_LINK);
	b->w = 10;
	b->h = 10;
	b->uri = "https://example.org/?q=\"a\"";
	pdoc_outline(pd, "1 Inledning", 1, 1, 72);
	pdoc_outline(pd, "1.1 \xe2\x80\x9d\xc3\xb6\xe2\x80\x9d", 2, 1, 300.5);
	pdoc_selem(pd, "Document", -1);
	int h = pdoc_selem(pd, "H1", 0);
	pd->selem[h].alt = "alt \"text\"";

	char *got = dump_string(pd);
	/* "AV "x" \": A V kerned 1258, space 277, quote 354 x2, x 500,
	 * backslash 277 = 3297 -> 32.97 pt + 2 spaces * 1.234 */
	const char *want =
		"page 1 595.28x841.89 label \"1\"\n"
		"  text 70.87 120.00 w=35.44 face=0 size=10.00 ws=1.23 tag=3 \"AV \\\"x\\\" \\\\\"\n"
		"  text 70.87 140.00 w=5.56 face=0 size=10.00 c=#00325a tag=-1 \"\xc3\xa5\"\n"
		"  rule 70.87 800.00 w=453.54 h=0.00 lw=0.50\n"
		"  rule 1.00 2.00 w=0.00 h=0.00 lw=1.00 #00325a\n"
		"  rect 0.00 0.00 w=595.28 h=51.02 #00325a\n"
		"page 2 420.94x595.28 label \"iv\"\n"
		"  link 70.87 110.00 w=453.54 h=14.00 -> page 1 y=72.00\n"
		"  link 0.00 0.00 w=10.00 h=10.00 -> uri \"https://example.org/?q=\\\"a\\\"\"\n"
		"outline 1 \"1 Inledning\" page 2 y=72.00\n"
		"outline 2 \"1.1 \xe2\x80\x9d\xc3\xb6\xe2\x80\x9d\" page 2 y=300.50\n"
		"selem 0 Document parent=-1\n"
		"selem 1 H1 parent=0 alt=\"alt \\\"text\\\"\"\n";
	assert_string_equal(got, want);
	free(got);
}

static void test_dump_escapes_controls(void **state)
{
	struct fixture *fx = *state;
	struct page *pg = pdoc_page(&fx->pd, 100, 100);
	struct box *b = pdoc_box(pg, BOX_TEXT);
	b->text = "a\nb\tc";
	b->len = 5;
	b->size = 1;
	pg->label = NULL;
	char *got = dump_string(&fx->pd);
	assert_string_equal(got,
		"page 1 100.00x100.00 label \"\"\n"
		"  text 0.00 0.00 w=0.00 face=0 size=1.00 tag=-1 \"a\\x0ab\\x09c\"\n");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_page_and_box_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_copies_and_measures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_justify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_selem_outline_free, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dump_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dump_escapes_controls, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
