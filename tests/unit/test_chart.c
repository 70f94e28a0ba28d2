/*
 * test_chart: charts.  The axis arithmetic exactly (tick lists and their
 * Swedish labels, label thinning, months), then whole charts through the
 * loader, flow and pagination: bar heights proportional to the values, a
 * reference line where its value is, the Figure element with its text
 * alternative, text in a numeric column refused at the CSV's
 * file:line:column, and a changed number that changes exactly one bar.
 * Run from the repository root: the reports and the layout (which uses the
 * bundled fonts) are written to a temporary directory.
 */
#define _XOPEN_SOURCE 700	/* realpath, mkdtemp */

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "chart.h"
#include "parse.h"
#include "xml.h"

#define NBSP "\u00a0"
#define MINUS "\u2212"

/* the tick labels of lo … hi joined by "|" */
static void ticks(double lo, double hi, int maxint, int zero, int pct, char *out, size_t n)
{
	struct axis a;
	assert_int_equal(axis_ticks(lo, hi, maxint, zero, &a), 0);
	out[0] = '\0';
	for (int i = 0; i < a.n; i++) {
		char lab[64];
		assert_true(axis_label(&a, i, pct, lab, sizeof(lab)) > 0);
		if (i)
			strncat(out, "|", n - strlen(out) - 1);
		strncat(out, lab, n - strlen(out) - 1);
	}
}

static void test_ticks_0_87(void **state)
{
	(void)state;
	char s[512];
	ticks(0, 87, 6, 1, 0, s, sizeof(s));
	assert_string_equal(s, "0|20|40|60|80|100");
	ticks(0, 87, 10, 1, 0, s, sizeof(s));
	assert_string_equal(s, "0|10|20|30|40|50|60|70|80|90");
	ticks(0, 87, 4, 1, 1, s, sizeof(s));
	assert_string_equal(s, "0" NBSP "%|50" NBSP "%|100" NBSP "%");
	/* a line chart need not start at zero */
	ticks(62, 87, 6, 0, 0, s, sizeof(s));
	assert_string_equal(s, "60|65|70|75|80|85|90");
}

static void test_ticks_negative(void **state)
{
	(void)state;
	char s[512];
	ticks(-13.5, 25, 8, 1, 0, s, sizeof(s));
	assert_string_equal(s, MINUS "15|" MINUS "10|" MINUS "5|0|5|10|15|20|25");
	ticks(-13.5, 25, 5, 1, 0, s, sizeof(s));
	assert_string_equal(s, MINUS "20|" MINUS "10|0|10|20|30");
	struct axis a;
	assert_int_equal(axis_ticks(-13.5, 25, 8, 1, &a), 0);
	assert_int_equal(a.n, 9);
	assert_true(fabs(axis_value(&a, 3)) < 1e-12);	/* the zero line is a tick */
	/* only negative values: zero is the top */
	ticks(-87, -3, 6, 1, 0, s, sizeof(s));
	assert_string_equal(s, MINUS "100|" MINUS "80|" MINUS "60|" MINUS "40|" MINUS "20|0");
}

static void test_ticks_million(void **state)
{
	(void)state;
	char s[512];
	ticks(0, 1000000, 5, 1, 0, s, sizeof(s));
	assert_string_equal(s, "0|200" NBSP "000|400" NBSP "000|600" NBSP "000|800" NBSP
		"000|1" NBSP "000" NBSP "000");
	ticks(0, 1000000, 10, 1, 0, s, sizeof(s));
	assert_string_equal(s, "0|100" NBSP "000|200" NBSP "000|300" NBSP "000|400" NBSP
		"000|500" NBSP "000|600" NBSP "000|700" NBSP "000|800" NBSP "000|900" NBSP
		"000|1" NBSP "000" NBSP "000");
}

static void test_ticks_decimals(void **state)
{
	(void)state;
	char s[512];
	ticks(10.2, 14.9, 10, 0, 1, s, sizeof(s));
	assert_string_equal(s, "10,0" NBSP "%|10,5" NBSP "%|11,0" NBSP "%|11,5" NBSP
		"%|12,0" NBSP "%|12,5" NBSP "%|13,0" NBSP "%|13,5" NBSP "%|14,0" NBSP
		"%|14,5" NBSP "%|15,0" NBSP "%");
	/* exact decimals: no 0,30000000000000004 */
	ticks(0, 0.9, 3, 1, 0, s, sizeof(s));
	assert_string_equal(s, "0,0|0,5|1,0");
	ticks(0.1, 0.35, 5, 0, 0, s, sizeof(s));
	assert_string_equal(s, "0,10|0,15|0,20|0,25|0,30|0,35");
	/* one value, all zero */
	ticks(50, 50, 5, 0, 0, s, sizeof(s));
	assert_string_equal(s, "45|50|55");
	ticks(0, 0, 5, 1, 0, s, sizeof(s));
	assert_string_equal(s, "0,0|0,2|0,4|0,6|0,8|1,0");
}

static void test_ticks_refused(void **state)
{
	(void)state;
	struct axis a;
	assert_int_equal(axis_ticks(0, NAN, 5, 1, &a), -1);
	assert_int_equal(axis_ticks(-INFINITY, 1, 5, 1, &a), -1);
	assert_int_equal(axis_ticks(0, 2e15, 5, 1, &a), -1);
	/* large but allowed, and a tiny span far from zero */
	assert_int_equal(axis_ticks(0, 9.9e14, 5, 1, &a), 0);
	assert_true(a.hi >= 9.9e14 && a.n <= 6);
	assert_int_equal(axis_ticks(9e14, 9e14 + 0.5, 50, 0, &a), 0);
	char lab[64];
	assert_true(axis_label(&a, 0, 0, lab, sizeof(lab)) > 0);
	assert_int_equal(axis_ticks(1, 2, -7, 0, &a), 0);
	assert_true(a.n >= 2 && a.n <= 3);
}

static void test_thin(void **state)
{
	(void)state;
	double w[12];
	for (int i = 0; i < 12; i++)
		w[i] = 20;
	assert_int_equal(axis_thin(w, 12, 30, 4), 1);
	assert_int_equal(axis_thin(w, 12, 15, 4), 2);	/* 24 > 15, 24 <= 30 */
	assert_int_equal(axis_thin(w, 12, 10, 4), 3);	/* 24 <= 30 */
	assert_int_equal(axis_thin(w, 12, 5, 4), 5);
	/* one wide label forces thinning around it */
	w[4] = 60;
	assert_int_equal(axis_thin(w, 12, 30, 4), 2);
	assert_int_equal(axis_thin(w, 1, 1, 4), 1);
	assert_int_equal(axis_thin(w, 12, 0, 4), 1);
	/* labels too wide for any thinning: one label only */
	assert_int_equal(axis_thin(w, 3, 1, 4), 3);
}

static void test_months(void **state)
{
	(void)state;
	int y;
	assert_int_equal(axis_month("2024-01", &y), 1);
	assert_int_equal(y, 2024);
	assert_int_equal(axis_month("2022M11", &y), 11);
	assert_int_equal(y, 2022);
	assert_int_equal(axis_month("januari", &y), 1);
	assert_int_equal(y, 0);
	assert_int_equal(axis_month("Maj", &y), 5);
	assert_int_equal(axis_month(" okt. ", &y), 10);
	assert_int_equal(axis_month("mars", &y), 3);
	assert_int_equal(axis_month("2024-13", &y), 0);
	assert_int_equal(axis_month("2024-1", &y), 0);
	assert_int_equal(axis_month("Norr", &y), 0);
	assert_int_equal(axis_month("", &y), 0);
	assert_string_equal(axis_monthname(5), "maj");
	assert_string_equal(axis_monthname(10), "okt");
	assert_string_equal(axis_monthname(13), "");
	assert_int_equal(chart_typename("line-markers"), CHART_LINEMARK);
	assert_int_equal(chart_typename("pie"), -1);
}

/* a temporary directory with a minimal layout using the bundled fonts */
static char tmpdir[64];

static void put(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/folio-chart-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	char *reg = realpath("fonts/LiberationSans-Regular.ttf", NULL);
	char *bold = realpath("fonts/LiberationSans-Bold.ttf", NULL);
	if (!reg || !bold)
		return -1;
	char xml[4096];
	snprintf(xml, sizeof(xml), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<layout name=\"t\">\n"
		"<page width=\"210mm\" height=\"297mm\" top=\"20mm\" bottom=\"20mm\" left=\"20mm\" right=\"20mm\"/>\n"
		"<fonts><face style=\"regular\" file=\"%s\"/><face style=\"bold\" file=\"%s\"/></fonts>\n"
		"<style name=\"body\" size=\"10\" leading=\"12\" after=\"6\"/>\n"
		"<style name=\"h1\" face=\"bold\" size=\"14\"/><style name=\"h2\" size=\"12\"/>\n"
		"<style name=\"h3\" size=\"11\"/><style name=\"h4\" size=\"10\"/>\n"
		"<style name=\"toc1\" size=\"10\"/><style name=\"toc2\" size=\"10\"/>\n"
		"<style name=\"footer\" size=\"8\"/>\n"
		"<style name=\"caption\" face=\"bold\" size=\"9\" leading=\"11\"/>\n"
		"<chart-style size=\"8\" aspect=\"2\">\n"
		"<series color=\"#102030\" marker=\"circle\"/>\n"
		"<series color=\"#a0b0c0\" dash=\"4\" marker=\"square\"/>\n"
		"</chart-style>\n"
		"</layout>\n", reg, bold);
	free(reg);
	free(bold);
	char dir[128];
	snprintf(dir, sizeof(dir), "%s/lay", tmpdir);
	if (mkdir(dir, 0755) != 0)
		return -1;
	put("lay/layout.xml", xml);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* a report with one chart of the given type and body; diagnostics into
 * err (may be NULL); returns the laid-out pages or fails */
struct run {
	struct pdoc pd;
	char *err;		/* diagnostics */
	size_t errlen;
	int rc;			/* 0 when the report was laid out */
};

static void run_chart(const char *chart, struct run *r)
{
	char xml[4096];
	snprintf(xml, sizeof(xml), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<report><meta><title>T</title></meta>\n<section><title>S</title>\n"
		"<p>Text.</p>\n%s\n</section></report>\n", chart);
	put("r.xml", xml);
	memset(r, 0, sizeof(*r));
	struct diag dg = {0};
	dg.out = open_memstream(&r->err, &r->errlen);
	char path[128], lay[128];
	snprintf(path, sizeof(path), "%s/r.xml", tmpdir);
	snprintf(lay, sizeof(lay), "%s/lay", tmpdir);
	struct doc *d = parse_report(path, "data", &dg);
	struct layout *l = d ? layout_load(lay, "data", &dg) : NULL;
	r->rc = -1;
	if (d && l) {
		r->pd.fonts = &l->fonts;
		r->pd.kern = 1;
		struct vlist vl = {0};
		r->rc = flow_document(d, l, NULL, &vl, &r->pd, &dg);
		if (r->rc == 0)
			page_build(d, l, &vl, &r->pd, 0, &dg);
		flow_free(&vl);
		r->pd.fonts = NULL;
	}
	fclose(dg.out);
	layout_free(l);
	if (d)
		doc_free(d);
}

static int same(struct rgb c, unsigned hex)
{
	return lroundf(c.r * 255) == (long)(hex >> 16 & 0xff) &&
		lroundf(c.g * 255) == (long)(hex >> 8 & 0xff) && lroundf(c.b * 255) == (long)(hex & 0xff);
}

/* the rectangles of colour hex on page 1, in drawing order */
static int bars(const struct pdoc *pd, unsigned hex, const struct box **out, int max)
{
	int n = 0;
	const struct page *pg = &pd->page[0];
	for (int i = 0; i < pg->nbox && n < max; i++)
		if (pg->box[i].type == BOX_RECT && same(pg->box[i].color, hex))
			out[n++] = &pg->box[i];
	return n;
}

static const char small_csv[] = "Kategori;V\u00e4rde;F\u00f6rra\nA;10;12\nB;20;18\nC;40;35\nD;5;\n";

static void test_column_geometry(void **state)
{
	(void)state;
	put("d.csv", small_csv);
	struct run r;
	run_chart("<chart type=\"column\" src=\"d.csv\" category=\"Kategori\" height=\"200pt\">"
		"<caption>Fyra v\u00e4rden</caption><series column=\"V\u00e4rde\"/></chart>", &r);
	assert_int_equal(r.rc, 0);
	const struct box *b[8];
	assert_int_equal(bars(&r.pd, 0x102030, b, 8), 4);
	static const double v[] = {10, 20, 40, 5};
	double bottom = b[0]->y + b[0]->h;
	for (int i = 0; i < 4; i++) {
		/* heights proportional to the values, all standing on one line */
		assert_true(fabs(b[i]->h / b[0]->h - v[i] / v[0]) < 1e-6);
		assert_true(fabs(b[i]->y + b[i]->h - bottom) < 1e-6);
		assert_true(i == 0 || b[i]->x > b[i - 1]->x + b[i - 1]->w);
		assert_true(fabs(b[i]->w - b[0]->w) < 1e-9);
	}
	/* the axis: ticks 0 … 40 every 10, so 40 reaches the top tick */
	const struct page *pg = &r.pd.page[0];
	int top = 0, zero = 0;
	for (int i = 0; i < pg->nbox; i++) {
		const struct box *x = &pg->box[i];
		if (x->type == BOX_TEXT && x->len == 2 && memcmp(x->text, "40", 2) == 0)
			top = fabs(x->y - 0.35 * 8 - b[2]->y) < 1e-6;
		if (x->type == BOX_RULE && x->lw == 0.75 && fabs(x->y - bottom) < 1e-6)
			zero = 1;
	}
	assert_true(top);
	assert_true(zero);
	/* Caption, then Figure with a generated text alternative; every
	 * drawn part of the chart belongs to the Figure */
	int fig = -1, figtext = 0, captext = 0;
	for (int i = 0; i < r.pd.nselem; i++)
		if (strcmp(r.pd.selem[i].role, "Figure") == 0)
			fig = i;
	assert_true(fig > 0);
	for (int i = 0; i < pg->nbox; i++) {
		const struct box *x = &pg->box[i];
		if (x->type == BOX_RECT)
			assert_int_equal(x->tag, fig);
		figtext += x->type == BOX_TEXT && x->tag == fig;
		captext += x->type == BOX_TEXT && x->tag == fig - 1;
	}
	assert_int_equal(figtext, 9 + 4);	/* ticks 0, 5 … 40 and A … D */
	assert_int_equal(captext, 1);
	assert_string_equal(r.pd.selem[fig - 1].role, "Caption");
	assert_string_equal(r.pd.selem[fig].alt, "Diagram: Fyra v\u00e4rden. V\u00e4rden 5\u201340.");
	pdoc_free(&r.pd);
	free(r.err);
}

static void test_grouped_and_target(void **state)
{
	(void)state;
	put("d.csv", small_csv);
	struct run r;
	run_chart("<chart type=\"grouped-column\" src=\"d.csv\" category=\"Kategori\" "
		"alt=\"Eget alt\"><series column=\"V\u00e4rde\"/><series column=\"F\u00f6rra\" "
		"label=\"2023\"/><target value=\"30\" label=\"M\u00e5l\"/></chart>", &r);
	assert_int_equal(r.rc, 0);
	const struct box *a[8], *b[8];
	/* the series' bars plus one legend swatch each; D has no "Förra" */
	assert_int_equal(bars(&r.pd, 0x102030, a, 8), 5);
	assert_int_equal(bars(&r.pd, 0xa0b0c0, b, 8), 4);
	assert_true(fabs(b[0]->h / a[0]->h - 12.0 / 10) < 1e-6);
	assert_true(fabs(b[2]->h / a[2]->h - 35.0 / 40) < 1e-6);
	assert_true(b[0]->x > a[0]->x && b[0]->x < a[1]->x);
	/* the dashed reference line at 30: three quarters of bar C (40) up */
	const struct page *pg = &r.pd.page[0];
	double bottom = a[0]->y + a[0]->h, want = bottom - a[2]->h * 30 / 40;
	int line = 0, legend = 0;
	for (int i = 0; i < pg->nbox; i++) {
		const struct box *x = &pg->box[i];
		if (x->type == BOX_RULE && x->dash > 0 && fabs(x->y - want) < 1e-6)
			line = 1;
		if (x->type == BOX_TEXT && x->len == (int)strlen("M\u00e5l 30") &&
			memcmp(x->text, "M\u00e5l 30", (size_t)x->len) == 0)
			legend = 1;
	}
	assert_true(line);
	assert_true(legend);
	int fig = r.pd.nselem - 1;
	assert_string_equal(r.pd.selem[fig].role, "Figure");
	assert_string_equal(r.pd.selem[fig].alt, "Eget alt");
	pdoc_free(&r.pd);
	free(r.err);
}

static void test_line_chart(void **state)
{
	(void)state;
	put("m.csv", "M\u00e5nad;A;B\n2024-01;62 %;70 %\n2024-02;80 %;\n2024-03;91 %;75 %\n"
		"2024-04;70 %;72 %\n");
	struct run r;
	run_chart("<chart type=\"line-markers\" src=\"m.csv\" category=\"M\u00e5nad\">"
		"<caption>Andel</caption><series column=\"A\"/><series column=\"B\"/></chart>", &r);
	assert_int_equal(r.rc, 0);
	const struct page *pg = &r.pd.page[0];
	int paths = 0, marks = 0, jan = 0, pct = 0;
	const struct box *pa = NULL;
	for (int i = 0; i < pg->nbox; i++) {
		const struct box *x = &pg->box[i];
		if (x->type == BOX_PATH) {
			paths++;
			if (!pa)
				pa = x;
		}
		marks += x->type == BOX_SHAPE;
		jan += x->type == BOX_TEXT && x->len == 3 && memcmp(x->text, "jan", 3) == 0;
		pct += x->type == BOX_TEXT && strstr(x->text, NBSP "%") != NULL;
	}
	/* A in one path; B broken by its gap into a single point and a path */
	assert_int_equal(paths, 2);
	assert_int_equal(marks, 4 + 3 + 2);	/* markers, plus the legend's two */
	assert_int_equal(jan, 1);
	assert_true(pct >= 3);
	assert_non_null(pa);
	assert_int_equal(pa->npt, 4);
	/* 62, 80, 91, 70: the y differences follow the values */
	double k = (pa->pt[1] - pa->pt[3]) / (80 - 62);
	assert_true(k > 0);
	assert_true(fabs((pa->pt[1] - pa->pt[5]) / k - (91 - 62)) < 1e-6);
	assert_true(fabs((pa->pt[1] - pa->pt[7]) / k - (70 - 62)) < 1e-6);
	int fig = r.pd.nselem - 1;
	assert_string_equal(r.pd.selem[fig].alt,
		"Diagram: Andel. Serier: A, B. V\u00e4rden 62\u201391" NBSP "%.");
	pdoc_free(&r.pd);
	free(r.err);
}

static void test_bad_cell(void **state)
{
	(void)state;
	put("bad.csv", "Kategori;V\u00e4rde\nA;10\nB;tjugo\nC;40\n");
	struct run r;
	run_chart("<chart type=\"bar\" src=\"bad.csv\" category=\"Kategori\">"
		"<series column=\"V\u00e4rde\"/></chart>", &r);
	assert_int_not_equal(r.rc, 0);
	assert_non_null(r.err);
	char want[256];
	snprintf(want, sizeof(want), "%s/bad.csv:3:3: error: \"tjugo\"", tmpdir);
	assert_non_null(strstr(r.err, want));
	pdoc_free(&r.pd);
	free(r.err);
	/* a column that does not exist is named, at the <series> */
	put("bad.csv", "Kategori;V\u00e4rde\nA;10\n");
	run_chart("<chart type=\"bar\" src=\"bad.csv\" category=\"Kategori\">"
		"<series column=\"Saknas\"/></chart>", &r);
	assert_int_not_equal(r.rc, 0);
	assert_non_null(strstr(r.err, "has no column \"Saknas\""));
	assert_non_null(strstr(r.err, "r.xml:5:"));
	pdoc_free(&r.pd);
	free(r.err);
	run_chart("<chart type=\"bar\" src=\"none.csv\" category=\"Kategori\">"
		"<series column=\"V\u00e4rde\"/></chart>", &r);
	assert_int_not_equal(r.rc, 0);
	assert_non_null(strstr(r.err, "none.csv"));
	pdoc_free(&r.pd);
	free(r.err);
}

/* changing one number in the CSV changes that bar and no other box */
static void test_data_change(void **state)
{
	(void)state;
	const char *chart = "<chart type=\"column\" src=\"d.csv\" category=\"Kategori\" "
		"height=\"200pt\"><series column=\"V\u00e4rde\"/></chart>";
	struct run r1, r2;
	put("d.csv", "Kategori;V\u00e4rde\nA;10\nB;20\nC;40\nD;5\n");
	run_chart(chart, &r1);
	put("d.csv", "Kategori;V\u00e4rde\nA;10\nB;30\nC;40\nD;5\n");
	run_chart(chart, &r2);
	assert_int_equal(r1.rc, 0);
	assert_int_equal(r2.rc, 0);
	const struct page *p1 = &r1.pd.page[0], *p2 = &r2.pd.page[0];
	assert_int_equal(p1->nbox, p2->nbox);
	int diff = 0, which = -1;
	for (int i = 0; i < p1->nbox; i++) {
		const struct box *a = &p1->box[i], *b = &p2->box[i];
		if (a->x != b->x || a->y != b->y || a->w != b->w || a->h != b->h) {
			diff++;
			which = i;
		}
	}
	assert_int_equal(diff, 1);
	const struct box *a = &p1->box[which], *b = &p2->box[which];
	assert_int_equal(a->type, BOX_RECT);
	assert_true(fabs(b->h / a->h - 1.5) < 1e-6);
	pdoc_free(&r1.pd);
	pdoc_free(&r2.pd);
	free(r1.err);
	free(r2.err);
}

int main(void)
{
	xml_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticks_0_87),
		cmocka_unit_test(test_ticks_negative),
		cmocka_unit_test(test_ticks_million),
		cmocka_unit_test(test_ticks_decimals),
		cmocka_unit_test(test_ticks_refused),
		cmocka_unit_test(test_thin),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_column_geometry),
		cmocka_unit_test(test_grouped_and_target),
		cmocka_unit_test(test_line_chart),
		cmocka_unit_test(test_bad_cell),
		cmocka_unit_test(test_data_change),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	xml_cleanup();
	return rc;
}
