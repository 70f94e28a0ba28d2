/*
 * test_goal: goal data end to end through the layout: the summary counted
 * from the goal blocks (test fixture and the regionstyrelsen example), the
 * symbols a legend lists, the generated blocks in the laid-out pages, and
 * errors at the CSV cell or element for unknown statuses and for a typed
 * summary that disagrees.  Run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "goal.h"
#include "parse.h"
#include "xml.h"

/* a report loaded with the standard layout, diagnostics kept in text */
struct run {
	struct doc *d;
	struct layout *lay;
	struct diag dg;
	char *text;
	size_t len;
};

static void run_load(struct run *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->dg.out = open_memstream(&r->text, &r->len);
	r->d = parse_report(path, "data", &r->dg);
	assert_non_null(r->d);
	r->lay = layout_load("layouts/standard", "data", &r->dg);
	assert_non_null(r->lay);
}

/* lay the report out; returns flow_document's result, pages in *pd */
static int run_flow(struct run *r, struct pdoc *pd)
{
	struct vlist vl = {0};
	memset(pd, 0, sizeof(*pd));
	pd->fonts = &r->lay->fonts;
	pd->kern = 1;
	int rc = flow_document(r->d, r->lay, NULL, &vl, pd, &r->dg);
	if (rc == 0)
		rc = page_build(r->d, r->lay, &vl, pd, 0, &r->dg);
	flow_free(&vl);
	fflush(r->dg.out);
	return rc;
}

static void run_free(struct run *r)
{
	layout_free(r->lay);
	doc_free(r->d);
	fclose(r->dg.out);
	free(r->text);
}

static const struct goalcount *find(const struct goalcount *c, int n, const char *kind)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(c[i].kind, kind))
			return &c[i];
	fail_msg("no kind %s", kind);
	return NULL;
}

static void test_count_fixture(void **state)
{
	(void)state;
	struct run r;
	run_load(&r, "tests/goal/goals.xml");
	struct goalcount c[8];
	int n = goal_count(r.d, r.lay, c, 8);
	assert_int_equal(n, 3);
	/* grön, gul, röd */
	const struct goalcount *e = find(c, n, "Effektmål"), *u = find(c, n, "Uppdrag"),
		*m = find(c, n, "Mål");
	assert_int_equal(e->total, 2);
	assert_int_equal(e->n[0], 0);
	assert_int_equal(e->n[1], 1);
	assert_int_equal(e->n[2], 1);
	assert_int_equal(u->total, 2);
	assert_int_equal(u->n[0], 2);
	assert_int_equal(m->total, 1);
	assert_int_equal(m->n[1], 1);
	/* the strategy has no forecast and is not counted */
	for (int i = 0; i < n; i++)
		assert_string_not_equal(c[i].kind, "Strategi");
	run_free(&r);
}

static void test_count_example(void **state)
{
	(void)state;
	struct run r;
	run_load(&r, "examples/regionstyrelsen-delar-2024/report.xml");
	struct goalcount c[8];
	int n = goal_count(r.d, r.lay, c, 8);
	static const struct { const char *kind; int g, y, red; } want[] = {
		{"Effektmål", 3, 4, 1}, {"Mål", 1, 1, 0}, {"Uppdrag", 7, 5, 1},
	};
	assert_int_equal(n, 3);
	for (int i = 0; i < 3; i++) {
		const struct goalcount *k = find(c, n, want[i].kind);
		assert_int_equal(k->n[0], want[i].g);
		assert_int_equal(k->n[1], want[i].y);
		assert_int_equal(k->n[2], want[i].red);
	}
	assert_int_equal(find(c, n, "Effektmål")->total, 8);
	assert_int_equal(find(c, n, "Uppdrag")->total, 13);
	run_free(&r);
}

static void test_used(void **state)
{
	(void)state;
	struct run r;
	run_load(&r, "tests/goal/goals.xml");
	const struct symset *t = symbol_set(r.lay, "trend");
	char used[SYMBOL_MAXSYMS] = {0};
	goal_used(r.d, r.lay, t, used);
	assert_false(used[symbol_find(t, "förbättrats") - t->sym]);
	assert_true(used[symbol_find(t, "oförändrat") - t->sym]);
	assert_true(used[symbol_find(t, "försämrats") - t->sym]);
	const struct symset *ic = symbol_set(r.lay, "internkontroll");
	memset(used, 0, sizeof(used));
	goal_used(r.d, r.lay, ic, used);
	assert_true(used[0] && used[1] && used[2]);
	run_free(&r);
}

/* does text box b say s? */
static int is(const struct box *b, const char *s)
{
	return b->len == (int)strlen(s) && memcmp(b->text, s, (size_t)b->len) == 0;
}

/* the boxes of the laid-out fixture: blocks, symbols, summary, legend */
static void test_layout(void **state)
{
	(void)state;
	struct run r;
	run_load(&r, "tests/goal/goals.xml");
	struct pdoc pd;
	assert_int_equal(run_flow(&r, &pd), 0);
	int title = 0, shapes = 0, words = 0, inv = 0, legendtrend = 0, ik = 0;
	for (int p = 0; p < pd.npage; p++) {
		const struct page *pg = &pd.page[p];
		for (int i = 0; i < pg->nbox; i++) {
			const struct box *b = &pg->box[i];
			if (b->type == BOX_SHAPE) {
				shapes++;
				/* every symbol stands on the baseline of the text after it */
				const struct box *t = i + 1 < pg->nbox ? &pg->box[i + 1] : NULL;
				assert_non_null(t);
				assert_int_equal(t->type, BOX_TEXT);
				assert_float_equal(b->y + b->h, t->y, 0.01);
				assert_float_equal(b->w, b->h, 1e-9);
				assert_true(b->h > 0.6 * t->size && b->h < 0.8 * t->size);
				if (b->shape == SHAPE_ARROW_UP)
					legendtrend++;
			}
			if (b->type != BOX_TEXT || !b->text)
				continue;
			inv += b->invisible;
			if (is(b, "Effektmål 1. Invånarna har en god hälsa.\u00a0"))
				title++;
			if (is(b, "Uppdraget har startat och bedöms vara klart vid årets slut."))
				words++;
			if (is(b, "HR"))
				ik++;
		}
	}
	assert_int_equal(title, 1);
	assert_true(words >= 1);
	assert_int_equal(ik, 1);
	/* arrow-up (förbättrats) is used by no goal: the legend leaves it out */
	assert_int_equal(legendtrend, 0);
	assert_true(shapes >= 20);
	assert_true(inv >= 10);
	/* each symbol has a Span whose actual text is its word */
	int spans = 0;
	for (int i = 0; i < pd.nselem; i++)
		if (pd.selem[i].actual && !strcmp(pd.selem[i].actual, "Röd"))
			spans++;
	assert_true(spans >= 3);
	pdoc_free(&pd);
	run_free(&r);
}

static void test_bad_status(void **state)
{
	(void)state;
	struct run r;
	run_load(&r, "tests/goal/bad-status.xml");
	struct pdoc pd;
	assert_int_equal(run_flow(&r, &pd), -1);
	assert_non_null(strstr(r.text, "tests/goal/mal-bad.csv:3:"));
	assert_non_null(strstr(r.text, "error: the forecast \"blå\" is not in symbol set "
		"\"prognos\"; its values are \"grön\", \"gul\", \"röd\""));
	pdoc_free(&pd);
	run_free(&r);
}

static void test_bad_symbol(void **state)
{
	(void)state;
	struct run r;
	run_load(&r, "tests/goal/bad-symbol.xml");
	struct pdoc pd;
	assert_int_equal(run_flow(&r, &pd), -1);
	assert_non_null(strstr(r.text, "tests/goal/bad-symbol.xml:7:7: error: the value \"lila\""));
	pdoc_free(&pd);
	run_free(&r);
}

static void test_bad_summary(void **state)
{
	(void)state;
	struct run r;
	run_load(&r, "tests/goal/bad-summary.xml");
	struct pdoc pd;
	assert_int_equal(run_flow(&r, &pd), -1);
	assert_non_null(strstr(r.text, "summa-fel.csv:2:18: error: the data says 1 for "
		"\"Effektmål (2 st)\", but the goal blocks count 0"));
	assert_non_null(strstr(r.text, "summa-fel.csv:2:22: error: the data says 0 for "
		"\"Effektmål (2 st)\", but the goal blocks count 1"));
	pdoc_free(&pd);
	run_free(&r);
}

int main(void)
{
	xml_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_count_fixture),
		cmocka_unit_test(test_count_example),
		cmocka_unit_test(test_used),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_bad_status),
		cmocka_unit_test(test_bad_symbol),
		cmocka_unit_test(test_bad_summary),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xml_cleanup();
	return rc;
}
