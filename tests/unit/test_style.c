/*
 * test_style: the layout loader: the standard layout's values in points,
 * its fonts, inheritance by a variant layout, and refusal of broken
 * layouts.  Run from the repository root; variants are written to a
 * temporary directory next to a link to layouts/standard.
 */
#define _XOPEN_SOURCE 700	/* realpath, mkdtemp */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "style.h"
#include "xml.h"

#define MM (72.0 / 25.4)


/* the styles the standard layout defines, counted in its file, so the
 * tests follow the layout as it grows */
static int standard_styles(void)
{
	size_t len;
	char *s = file_read("layouts/standard/layout.xml", &len, 1 << 20);
	int n = 0;
	for (char *p = s; p && (p = strstr(p, "<style ")); p++)
		n++;
	free(s);
	return n;
}

static const char head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/* a temporary layouts directory holding "standard" (a link to the real
 * one) and the variants the tests write */
static char tmpdir[64];

static void put_layout(const char *name, const char *xml)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/layout.xml", tmpdir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(head, f);
	fputs(xml, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/folio-layouts-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	char *std = realpath("layouts/standard", NULL), link[128];
	snprintf(link, sizeof(link), "%s/standard", tmpdir);
	int rc = std ? symlink(std, link) : -1;
	free(std);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* load a layout; diagnostics into *text (caller frees) */
static struct layout *load(const char *dir, char **text)
{
	size_t len;
	struct diag dg = {0};
	dg.out = open_memstream(text, &len);
	struct layout *l = layout_load(dir, "data", &dg);
	fclose(dg.out);
	return l;
}

static void test_standard(void **state)
{
	(void)state;
	char *text;
	struct layout *l = load("layouts/standard", &text);
	if (!l)
		fprintf(stderr, "%s", text);
	assert_non_null(l);
	assert_string_equal(text, "");
	assert_string_equal(l->name, "standard");
	assert_float_equal(l->pw, 595.28, 0.01);
	assert_float_equal(l->ph, 841.89, 0.01);
	assert_float_equal(l->mt, 22 * MM, 1e-9);
	assert_float_equal(l->mb, 25 * MM, 1e-9);
	assert_float_equal(l->ml, 70.87, 0.01);
	assert_float_equal(l->mr, 70.87, 0.01);

	const struct style *body = layout_style(l, "body");
	assert_non_null(body);
	assert_int_equal(body->face, FACE_REGULAR);
	assert_float_equal(body->size, 11, 1e-9);
	assert_float_equal(body->leading, 15.5, 1e-9);
	assert_float_equal(body->after, 7.5, 1e-9);
	assert_int_equal(body->hyphenate, 1);
	assert_int_equal(body->keepnext, 0);
	assert_int_equal(body->align, ALIGN_LEFT);
	const struct style *h1 = layout_style(l, "h1");
	assert_int_equal(h1->face, FACE_BOLD);
	assert_float_equal(h1->size, 16, 1e-9);
	assert_int_equal(h1->keepnext, 1);
	assert_float_equal(h1->color.r, 0, 1e-6);
	assert_float_equal(h1->color.g, 0x32 / 255.0, 1e-6);
	assert_float_equal(h1->color.b, 0x5a / 255.0, 1e-6);
	assert_int_equal(layout_style(l, "h5")->face, FACE_BOLDITALIC);
	assert_int_equal(l->nstyle, standard_styles());
	assert_null(layout_style(l, "nonexistent"));
	assert_null(layout_style(l, NULL));

	/* fonts: absolute paths, loaded */
	for (int i = 0; i < FACE_MAX; i++) {
		assert_non_null(l->fontfile[i]);
		assert_int_equal(l->fontfile[i][0], '/');
		assert_non_null(l->fonts.face[i].path);
		assert_true(l->fonts.face[i].upem > 0);
		assert_true(l->fonts.face[i].nglyphs > 0);
	}
	assert_non_null(strstr(l->fontfile[FACE_REGULAR], "/fonts/LiberationSans-Regular.ttf"));
	assert_non_null(strstr(l->fontfile[FACE_FALLBACK], "/fonts/DejaVuSans.ttf"));

	assert_int_equal(l->chapternewpage, 1);
	assert_float_equal(l->listindent, 16, 1e-9);
	assert_float_equal(l->labelgap, 6, 1e-9);
	assert_string_equal(l->bullet[0], "•");
	assert_string_equal(l->bullet[1], "–");
	assert_string_equal(l->bullet[2], "◦");
	assert_string_equal(l->toctitle, "Innehållsförteckning");
	assert_int_equal(l->tocdepth, 2);
	assert_float_equal(l->tocnumwidth, 28, 1e-9);
	assert_float_equal(l->tocpagewidth, 24, 1e-9);
	assert_string_equal(l->tocleader, ".");
	assert_float_equal(l->tocleaderstep, 4, 1e-9);
	assert_int_equal(l->widows, 2);
	assert_int_equal(l->orphans, 2);
	assert_int_equal(l->hyphmin, 6);
	assert_int_equal(l->hyphleft, 2);
	assert_int_equal(l->hyphright, 3);

	assert_float_equal(l->footer.y, 282 * MM, 1e-9);
	assert_string_equal(l->footer.style, "footer");
	assert_string_equal(l->footer.left, "{organisation} · {unit} · {period}");
	assert_null(l->footer.center);
	assert_string_equal(l->footer.right, "{page} ({pages})");
	assert_float_equal(l->footer.rule, 0.5, 1e-9);
	assert_float_equal(l->footer.rulegap, 10, 1e-9);
	assert_null(l->header.left);
	assert_null(l->header.right);

	assert_int_equal(l->ncover, 6);
	assert_int_equal(l->cover[0].rect, 1);
	assert_float_equal(l->cover[0].w, 595.28, 0.01);
	assert_float_equal(l->cover[0].h, 18 * MM, 1e-9);
	assert_int_equal(l->cover[1].rect, 0);
	assert_string_equal(l->cover[1].field, "title");
	assert_string_equal(l->cover[1].style, "cover-title");
	assert_float_equal(l->cover[1].y, 110 * MM, 1e-9);
	assert_float_equal(l->cover[1].w, 160 * MM, 1e-9);
	layout_free(l);
	free(text);
}

static void test_inherits(void **state)
{
	(void)state;
	put_layout("vp", "<layout name=\"vp\" inherits=\"standard\">\n"
		"  <page left=\"3cm\" right=\"20mm\"/>\n"
		"  <style name=\"h1\" size=\"20\" leading=\"24\" color=\"#006633\"/>\n"
		"  <style name=\"goal\" face=\"italic\" size=\"9\" align=\"justify\" indent=\"12\"/>\n"
		"  <toc depth=\"3\" leader=\"\"/>\n"
		"  <header y=\"15mm\" style=\"header\"><right>{title}</right></header>\n"
		"  <footer y=\"285mm\" style=\"footer\"><center>{page}</center></footer>\n"
		"  <cover/>\n"
		"</layout>\n");
	char dir[128], *text;
	snprintf(dir, sizeof(dir), "%s/vp", tmpdir);
	struct layout *l = load(dir, &text);
	if (!l)
		fprintf(stderr, "%s", text);
	assert_non_null(l);
	assert_string_equal(l->name, "vp");
	assert_float_equal(l->pw, 595.28, 0.01);	/* inherited */
	assert_float_equal(l->mt, 22 * MM, 1e-9);
	assert_float_equal(l->ml, 30 * MM, 1e-9);	/* overridden */
	assert_float_equal(l->mr, 20 * MM, 1e-9);
	const struct style *h1 = layout_style(l, "h1");
	assert_float_equal(h1->size, 20, 1e-9);
	assert_float_equal(h1->leading, 24, 1e-9);
	assert_int_equal(h1->face, FACE_BOLD);	/* kept from standard */
	assert_int_equal(h1->keepnext, 1);
	assert_float_equal(h1->color.g, 0x66 / 255.0, 1e-6);
	const struct style *goal = layout_style(l, "goal");
	assert_non_null(goal);
	assert_int_equal(goal->face, FACE_ITALIC);
	assert_float_equal(goal->leading, 9 * 1.2, 1e-9);
	assert_int_equal(goal->align, ALIGN_JUSTIFY);
	assert_float_equal(goal->indent, 12, 1e-9);
	assert_int_equal(l->nstyle, standard_styles() + 1);
	assert_int_equal(l->tocdepth, 3);
	assert_null(l->tocleader);
	assert_string_equal(l->toctitle, "Innehållsförteckning");
	assert_string_equal(l->header.right, "{title}");
	assert_null(l->footer.left);	/* the footer is replaced as a whole */
	assert_string_equal(l->footer.center, "{page}");
	assert_int_equal(l->ncover, 0);
	assert_non_null(l->fonts.face[FACE_REGULAR].path);
	layout_free(l);
	free(text);
}

static void test_cycle(void **state)
{
	(void)state;
	put_layout("ring-a", "<layout name=\"ring-a\" inherits=\"ring-b\"/>\n");
	put_layout("ring-b", "<layout name=\"ring-b\" inherits=\"ring-a\"/>\n");
	char dir[128], *text;
	snprintf(dir, sizeof(dir), "%s/ring-a", tmpdir);
	assert_null(load(dir, &text));
	assert_non_null(strstr(text, "ring-b/layout.xml:2:1: error: the layouts inherit in a circle"));
	free(text);
	put_layout("orphan", "<layout name=\"orphan\" inherits=\"nowhere\"/>\n");
	snprintf(dir, sizeof(dir), "%s/orphan", tmpdir);
	assert_null(load(dir, &text));
	assert_non_null(strstr(text, "layout directory"));
	assert_non_null(strstr(text, "nowhere"));
	free(text);
}

static void test_broken(void **state)
{
	(void)state;
	char dir[128], *text;
	/* incomplete: no headings; a style too tight; an unknown field */
	put_layout("thin", "<layout name=\"thin\">\n"
		"  <fonts><face style=\"regular\" file=\"../standard/../../fonts/DejaVuSans.ttf\"/></fonts>\n"
		"  <style name=\"body\" size=\"10\" leading=\"7\"/>\n"
		"  <style name=\"big\" face=\"bold\" size=\"12\"/>\n"
		"  <footer y=\"280mm\" style=\"footer\"><left>{sida}</left></footer>\n"
		"</layout>\n");
	snprintf(dir, sizeof(dir), "%s/thin", tmpdir);
	assert_null(load(dir, &text));
	assert_non_null(strstr(text, "thin/layout.xml:4:3: error: style \"body\": leading 7.0"));
	assert_non_null(strstr(text, "thin/layout.xml:5:3: error: style \"big\" uses the bold face"));
	assert_non_null(strstr(text, "must define the style \"h1\""));
	assert_non_null(strstr(text, "must define the style \"toc2\""));
	assert_non_null(strstr(text, "thin/layout.xml:6:36: error: unknown field \"{sida}\""));
	free(text);
	/* margins that leave no room, a schema violation */
	put_layout("narrow", "<layout name=\"narrow\" inherits=\"standard\">\n"
		"  <page left=\"100mm\" right=\"100mm\"/>\n</layout>\n");
	snprintf(dir, sizeof(dir), "%s/narrow", tmpdir);
	assert_null(load(dir, &text));
	assert_non_null(strstr(text, "narrow/layout.xml:3:3: error: the margins leave"));
	free(text);
	put_layout("typo", "<layout name=\"typo\" inherits=\"standard\">\n"
		"  <page width=\"21 cm\"/>\n</layout>\n");
	snprintf(dir, sizeof(dir), "%s/typo", tmpdir);
	assert_null(load(dir, &text));
	assert_non_null(strstr(text, "typo/layout.xml:3:3: error: attribute width=\"21 cm\""));
	free(text);
}

int main(void)
{
	xml_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_standard),
		cmocka_unit_test(test_inherits),
		cmocka_unit_test(test_cycle),
		cmocka_unit_test(test_broken),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	xml_cleanup();
	return rc;
}
