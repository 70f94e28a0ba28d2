/*
 * test_table: data-bound tables (table.c, tablay.c).  The width algorithm
 * on made-up columns; the model of real fixtures (tests/table/): computed
 * columns, sums checked against the data, formats, negative zero, formula
 * errors; and decimal alignment measured on the laid-out boxes.
 * Run from the repository root.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "parse.h"
#include "table.h"
#include "xml.h"

/* ---- the width algorithm ---- */

static struct tcolw col(double l0, double l1, double l2, double l3)
{
	return (struct tcolw){ { l0, l1, l2, l3 }, TW_AUTO, 0 };
}

static void test_widths_roomy(void **state)
{
	(void)state;
	/* everything fits at the top level: the extra goes by width */
	struct tcolw c[2] = { col(10, 20, 100, 100), col(30, 30, 30, 50) };
	double w[2];
	assert_true(table_widths(c, 2, 300, 1, w) == 0);
	assert_true(fabs(w[0] - 200) < 1e-6);
	assert_true(fabs(w[1] - 100) < 1e-6);
	/* not stretched: each at its widest level */
	table_widths(c, 2, 300, 0, w);
	assert_true(fabs(w[0] - 100) < 1e-6 && fabs(w[1] - 50) < 1e-6);
}

static void test_widths_levels(void **state)
{
	(void)state;
	/* level 2 sums to 130, level 3 to 150: 140 is half-way for column 1 */
	struct tcolw c[2] = { col(10, 20, 100, 100), col(30, 30, 30, 50) };
	double w[2];
	assert_true(table_widths(c, 2, 140, 1, w) == 0);
	assert_true(fabs(w[0] - 100) < 1e-6);
	assert_true(fabs(w[1] - 40) < 1e-6);
	/* between level 0 (40) and 1 (50) */
	assert_true(table_widths(c, 2, 45, 1, w) == 0);
	assert_true(fabs(w[0] - 15) < 1e-6 && fabs(w[1] - 30) < 1e-6);
}

static void test_widths_waterfill(void **state)
{
	(void)state;
	/* a long text column must not starve a short one: between level 1
	 * (60) and 2 (1040) the short column gets all it needs first */
	struct tcolw c[3] = { col(20, 20, 1000, 1000), col(20, 20, 30, 30),
		col(20, 20, 50, 50) };
	double w[3];
	assert_true(table_widths(c, 3, 200, 1, w) == 0);
	assert_true(fabs(w[1] - 30) < 1e-6);
	assert_true(fabs(w[2] - 50) < 1e-6);
	assert_true(fabs(w[0] - 120) < 1e-6);
	assert_true(fabs(w[0] + w[1] + w[2] - 200) < 1e-6);
}

static void test_widths_fixed_share_toowide(void **state)
{
	(void)state;
	struct tcolw c[3] = { col(10, 10, 40, 40), col(5, 5, 5, 5), col(5, 5, 5, 5) };
	c[1].kind = TW_FIXED;
	c[1].val = 50;
	c[2].kind = TW_SHARE;
	c[2].val = 0.25;
	double w[3];
	assert_true(table_widths(c, 3, 200, 1, w) == 0);
	assert_true(fabs(w[1] - 50) < 1e-6 && fabs(w[2] - 50) < 1e-6);
	assert_true(fabs(w[0] - 100) < 1e-6);
	/* 100 - 50 - 25 leaves 25 pt for a column that needs 40 at level 0 */
	c[0] = col(40, 40, 40, 40);
	assert_true(fabs(table_widths(c, 3, 100, 1, w) - 15) < 1e-6);
}

/* ---- the model ---- */

struct fix {
	struct diag dg;
	char *text;		/* diagnostics */
	size_t len;
	struct doc *d;
	struct layout *lay;
};

static struct node *find_table(struct node *n)
{
	for (; n; n = n->next) {
		if (n->type == N_TABLE)
			return n;
		struct node *t = find_table(n->first);
		if (t)
			return t;
	}
	return NULL;
}

/* load a report and its first table; diagnostics in f->text */
static struct table *load(struct fix *f, const char *path)
{
	memset(f, 0, sizeof(*f));
	f->dg.out = open_memstream(&f->text, &f->len);
	f->d = parse_report(path, "data", &f->dg);
	assert_non_null(f->d);
	f->lay = layout_load("layouts/standard", "data", &f->dg);
	assert_non_null(f->lay);
	struct table *t = table_load(find_table(f->d->root), f->d, f->lay, &f->dg);
	fflush(f->dg.out);
	return t;
}

static void unload(struct fix *f, struct table *t)
{
	table_free(t);
	layout_free(f->lay);
	doc_free(f->d);
	fclose(f->dg.out);
	free(f->text);
}

static const char *cell(const struct table *t, int r, int c)
{
	for (int i = 0; i < t->body[r].ncell; i++)
		if (t->body[r].cell[i].col == c)
			return t->body[r].cell[i].text;
	return NULL;
}

static void test_model_sums(void **state)
{
	(void)state;
	struct fix f;
	struct table *t = load(&f, "tests/table/sum.xml");
	assert_non_null(t);
	assert_int_equal(t->ncol, 5);
	assert_int_equal(t->nbody, 4);
	assert_int_equal(t->body[2].role, TR_TOTAL);
	/* computed: explicit plus, percent without a space (the layout's) */
	assert_string_equal(cell(t, 0, 3), "+10,0");
	assert_string_equal(cell(t, 1, 3), "-5,5");
	assert_string_equal(cell(t, 2, 3), "+4,5");
	assert_string_equal(cell(t, 0, 4), "111,1%");
	/* 0,04 - 0,08 prints without a sign; 0,04 at one decimal too */
	assert_string_equal(cell(t, 3, 3), "0,0");
	assert_string_equal(cell(t, 3, 1), "0,0");
	assert_string_equal(cell(t, 3, 2), "0,1");
	/* the data's wrong sums: warned where the CSV cell is, both values */
	assert_non_null(strstr(f.text, "tests/table/sum.csv:4:13: warning: table \"summor\", "
		"row \"Summa\", column \"Utfall\": the data says 40,5, but the sum of the rows "
		"above gives 39,5"));
	assert_non_null(strstr(f.text, "sum.csv:4:18: warning"));
	assert_int_equal(f.dg.nwarn, 2);
	assert_int_equal(f.dg.nerr, 0);
	unload(&f, t);
}

static void test_model_seed(void **state)
{
	(void)state;
	struct fix f;
	struct table *t = load(&f, "tests/table/resultat.xml");
	assert_non_null(t);
	assert_int_equal(t->ncol, 9);
	assert_int_equal(t->nbody, 18);
	assert_int_equal(t->body[0].role, TR_GROUP);
	assert_int_equal(t->body[1].role, TR_CHILD);
	assert_int_equal(t->body[14].role, TR_LABEL);
	assert_int_equal(t->body[14].cell[0].colspan, 9);
	assert_string_equal(cell(t, 3, 1), "-1\u00a0237,0");
	assert_string_equal(cell(t, 13, 5), "-2\u00a0724,8");
	/* groups="partial": "varav" rows are not checked against their
	 * children; the two warnings are the published figures' own */
	assert_int_equal(f.dg.nwarn, 2);
	assert_non_null(strstr(f.text, "resultat.csv:18:73: warning"));
	assert_non_null(strstr(f.text, "the data says -35,0, but [Prognos 2024] - "
		"[Budget 2024] gives 35,0"));
	assert_non_null(strstr(f.text, "resultat.csv:19:108: warning"));
	unload(&f, t);
}

/* write s to a temporary report in tests/table (for its CSV paths) */
static char *tmpreport(const char *s)
{
	char *path = strdup("tests/table/tmp-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	close(fd);
	return path;
}

static const char *const head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<report><meta><title>T</title></meta>";

static void test_model_errors(void **state)
{
	(void)state;
	static const struct {
		const char *body;
		const char *msg;
	} bad[] = {
		{ "<table src=\"sum.csv\"><column name=\"Nope\"/></table>",
			"column \"Nope\" is not in tests/table/sum.csv; its columns are "
			"\"Roll\", \"Post\", \"Utfall\", \"Budget\"" },
		{ "<table src=\"sum.csv\"><column name=\"A\" compute=\"[Utfall] + [Nope]\"/>"
			"</table>", "names a column that neither the table nor its data has "
			"(\"Nope\")" },
		{ "<table src=\"sum.csv\"><column name=\"A\" compute=\"(Utfall - Budget\"/>"
			"</table>", "a ')' is missing" },
		{ "<table src=\"sum.csv\"><column name=\"A\" compute=\"[B] * 2\"/>"
			"<column name=\"B\" compute=\"Utfall\"/></table>",
			"refers to a column computed after it" },
		{ "<table src=\"sum.csv\"><column name=\"Utfall\" format=\"abc\"/></table>",
			"format=\"abc\" is not a number pattern" },
		{ "<table src=\"sum.csv\" role=\"Post\"><column name=\"Utfall\"/></table>",
			"sum.csv:2:8: error: row role \"Intäkter\" is unknown" },
		{ "<table><column>A</column><row><cell colspan=\"2\">b</cell></row>"
			"</table>", "this cell reaches column 2, but the table has 1" },
		{ "<table src=\"missing.csv\"/>", "missing.csv" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char xml[1024];
		snprintf(xml, sizeof(xml), "%s%s</report>", head, bad[i].body);
		char *path = tmpreport(xml);
		struct fix f;
		struct table *t = load(&f, path);
		unlink(path);
		free(path);
		if (!strstr(f.text, bad[i].msg))
			fail_msg("case %zu: want \"%s\", got \"%s\"", i, bad[i].msg, f.text);
		assert_true(f.dg.nerr > 0);
		assert_null(t);
		unload(&f, t);
	}
}

static void test_model_formats(void **state)
{
	(void)state;
	char xml[2048];
	snprintf(xml, sizeof(xml), "%s<table>"
		"<column>A</column><column format=\"# ##0,00 st\">B</column>"
		"<column format=\"+0 %%\">C</column><column format=\"0.0\" empty=\"–\">D</column>"
		"<column compute=\"[B] * 2 / (1 + 1) - -1\" name=\"E\" format=\"# ##0,0\">E</column>"
		"<row><cell>x</cell><cell>1234,5</cell><cell>-12,5</cell><cell>3,25</cell></row>"
		"<row><cell>y</cell><cell>-0,001</cell><cell>0,4</cell><cell></cell></row>"
		"</table></report>", head);
	char *path = tmpreport(xml);
	struct fix f;
	struct table *t = load(&f, path);
	unlink(path);
	free(path);
	if (!t)
		fail_msg("%s", f.text);
	assert_string_equal(cell(t, 0, 1), "1\u00a0234,50\u00a0st");
	assert_string_equal(cell(t, 0, 2), "-13%");
	assert_string_equal(cell(t, 0, 3), "3.3");
	assert_string_equal(cell(t, 1, 1), "0,00\u00a0st");
	assert_string_equal(cell(t, 1, 2), "0%");
	assert_string_equal(cell(t, 1, 3), "\u2013");
	/* B * 2 / 2 + 1, exactly */
	assert_string_equal(cell(t, 0, 4), "1\u00a0235,5");
	assert_string_equal(cell(t, 1, 4), "1,0");
	/* the plain first column is text, the others numbers */
	assert_false(t->col[0].numeric);
	assert_true(t->col[1].numeric && t->col[4].numeric);
	unload(&f, t);
}

/* ---- layout ---- */

static void test_decimal_alignment(void **state)
{
	(void)state;
	char xml[2048];
	snprintf(xml, sizeof(xml), "%s<table><column>Post</column><column>Belopp</column>"
		"<row><cell>a</cell><cell>12</cell></row>"
		"<row><cell>b</cell><cell>4,5</cell></row>"
		"<row><cell>c</cell><cell>-1 237,25</cell></row>"
		"<row><cell>d</cell><cell>-0,5%%</cell></row>"
		"</table></report>", head);
	char *path = tmpreport(xml);
	struct fix f;
	memset(&f, 0, sizeof(f));
	f.dg.out = open_memstream(&f.text, &f.len);
	f.d = parse_report(path, "data", &f.dg);
	unlink(path);
	free(path);
	f.lay = layout_load("layouts/standard", "data", &f.dg);
	assert_non_null(f.d);
	assert_non_null(f.lay);
	struct pdoc pd = {0};
	pd.fonts = &f.lay->fonts;
	pd.kern = 1;
	struct vlist vl = {0};
	assert_int_equal(flow_document(f.d, f.lay, NULL, &vl, &pd, &f.dg), 0);
	assert_int_equal(page_build(f.d, f.lay, &vl, &pd, 0, &f.dg), 0);
	/* where the decimal comma is (or would be) in every number */
	static const char *const num[] = { "12", "4,5", "-1\u00a0237,25", "-0,5%" };
	double mark[4];
	int found = 0;
	for (int k = 0; k < 4; k++) {
		for (int i = 0; i < pd.page[0].nbox; i++) {
			const struct box *b = &pd.page[0].box[i];
			if (b->type != BOX_TEXT || (size_t)b->len != strlen(num[k]) ||
					memcmp(b->text, num[k], (size_t)b->len))
				continue;
			const char *comma = strchr(num[k], ',');
			size_t n = comma ? (size_t)(comma - num[k]) : strlen(num[k]);
			mark[k] = b->x + font_width(&f.lay->fonts.face[b->face], b->text, n, 1) *
				b->size / 1000.0;
			found++;
		}
	}
	assert_int_equal(found, 4);
	for (int k = 1; k < 4; k++)
		if (fabs(mark[k] - mark[0]) > 0.01)
			fail_msg("%s has its mark at %.2f, 12 at %.2f", num[k], mark[k], mark[0]);
	flow_free(&vl);
	pdoc_free(&pd);
	unload(&f, NULL);
}

int main(void)
{
	xml_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths_roomy),
		cmocka_unit_test(test_widths_levels),
		cmocka_unit_test(test_widths_waterfill),
		cmocka_unit_test(test_widths_fixed_share_toowide),
		cmocka_unit_test(test_model_sums),
		cmocka_unit_test(test_model_seed),
		cmocka_unit_test(test_model_errors),
		cmocka_unit_test(test_model_formats),
		cmocka_unit_test(test_decimal_alignment),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xml_cleanup();
	return rc;
}
