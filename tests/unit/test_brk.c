/* Unit tests for brk.c: first-fit and total-fit line breaking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "brk.h"

struct items {
	struct item it[256];
	int n;
};

static void add(struct items *s, enum item_type t, double w, double st, int pen)
{
	struct item *it = &s->it[s->n++];
	memset(it, 0, sizeof(*it));
	it->type = t;
	it->width = w;
	it->stretch = st;
	it->penalty = pen;
	it->link = -1;
}

/* words of the given widths, spaces of width sp; ragged-right glue when r > 0 */
static void words(struct items *s, const double *w, int nw, double sp, double r)
{
	s->n = 0;
	for (int i = 0; i < nw; i++) {
		if (i > 0) {
			if (r > 0) {
				add(s, IT_GLUE, 0, r, 0);
				add(s, IT_PENALTY, 0, 0, 0);
				add(s, IT_GLUE, sp, -r, 0);
			} else {
				add(s, IT_GLUE, sp, sp / 2, 0);
			}
		}
		add(s, IT_BOX, w[i], 0, 0);
	}
	add(s, IT_PENALTY, 0, 0, BRK_INF);
	add(s, IT_GLUE, 0, 1e5, 0);
	add(s, IT_PENALTY, 0, 0, -BRK_INF);
}

/* the index of the box that ends each line */
static int lastbox(const struct items *s, int brk)
{
	int i = brk;
	while (i >= 0 && s->it[i].type != IT_BOX)
		i--;
	return i;
}

static void test_firstfit_fills_lines(void **state)
{
	(void)state;
	struct items s;
	double w[10];
	for (int i = 0; i < 10; i++)
		w[i] = 18;
	words(&s, w, 10, 5, 0);
	struct brkshape sh = { 100, 100, 1 };
	struct brkres r = {0};
	brk_lines(s.it, s.n, &sh, BRK_FIRSTFIT, &r);
	/* 4 words are 87 pt, 5 would be 110 pt */
	assert_int_equal(r.nline, 3);
	assert_int_equal(lastbox(&s, r.brk[0]), 6);	/* box index of word 4 */
	assert_int_equal(lastbox(&s, r.brk[1]), 14);
	assert_int_equal(r.overfull, 0);
	brk_free(&r);
}

/* the classic case where greedy breaking is worse: "aaa bb cc ddddd" in a
 * measure of 6 — first-fit gives "aaa bb / cc / ddddd", total-fit
 * "aaa / bb cc / ddddd", which leaves less ragged space overall */
static void test_totalfit_beats_firstfit(void **state)
{
	(void)state;
	struct items s;
	double w[] = { 3, 2, 2, 5 };
	words(&s, w, 4, 1, 6);
	struct brkshape sh = { 6, 6, 1 };
	struct brkres ff = {0}, tf = {0};
	brk_lines(s.it, s.n, &sh, BRK_FIRSTFIT, &ff);
	brk_lines(s.it, s.n, &sh, BRK_TOTALFIT, &tf);
	assert_int_equal(ff.nline, 3);
	assert_int_equal(tf.nline, 3);
	assert_int_equal(lastbox(&s, ff.brk[0]), 4);	/* "aaa bb" */
	assert_int_equal(lastbox(&s, tf.brk[0]), 0);	/* "aaa" */
	assert_int_equal(lastbox(&s, tf.brk[1]), 8);	/* "bb cc" */
	brk_free(&ff);
	brk_free(&tf);
}

static void test_forced_break(void **state)
{
	(void)state;
	struct items s;
	double w[] = { 10, 10, 10, 10 };
	words(&s, w, 4, 2, 0);
	/* replace the second space by a forced break */
	s.it[3] = (struct item){ .type = IT_PENALTY, .penalty = -BRK_INF, .link = -1 };
	for (int mode = 0; mode < 2; mode++) {
		struct brkshape sh = { 1000, 1000, 1 };
		struct brkres r = {0};
		brk_lines(s.it, s.n, &sh, mode, &r);
		assert_int_equal(r.nline, 2);
		assert_int_equal(r.brk[0], 3);
		brk_free(&r);
	}
}

static void test_overfull_box_reported(void **state)
{
	(void)state;
	struct items s;
	double w[] = { 20, 150, 20 };
	for (int mode = 0; mode < 2; mode++) {
		words(&s, w, 3, 5, mode ? 30 : 0);
		struct brkshape sh = { 100, 100, 1 };
		struct brkres r = {0};
		brk_lines(s.it, s.n, &sh, mode, &r);
		assert_int_equal(r.nline, 3);
		assert_true(r.overfull >= 1);
		brk_free(&r);
	}
}

static void test_shape_first_line_narrower(void **state)
{
	(void)state;
	struct items s;
	double w[11];
	for (int i = 0; i < 11; i++)
		w[i] = 10;
	words(&s, w, 11, 2, 0);
	struct brkshape sh = { 34, 100, 1 };	/* three words, then eight */
	struct brkres r = {0};
	brk_lines(s.it, s.n, &sh, BRK_FIRSTFIT, &r);
	assert_int_equal(r.nline, 2);
	assert_int_equal(lastbox(&s, r.brk[0]), 4);
	assert_float_equal(brk_linewidth(&sh, 0), 34, 1e-9);
	assert_float_equal(brk_linewidth(&sh, 5), 100, 1e-9);
	brk_free(&r);
}

/* justified text: every line but the last is stretched to the measure */
static void test_totalfit_ratios(void **state)
{
	(void)state;
	struct items s;
	double w[20];
	for (int i = 0; i < 20; i++)
		w[i] = 10 + (i * 7) % 13;
	words(&s, w, 20, 4, 0);
	struct brkshape sh = { 90, 90, 1 };
	struct brkres r = {0};
	brk_lines(s.it, s.n, &sh, BRK_TOTALFIT, &r);
	assert_true(r.nline >= 3);
	for (int l = 0; l < r.nline - 1; l++) {
		/* set width = natural + ratio * stretch must equal the measure */
		int from = brk_linestart(s.it, s.n, l ? r.brk[l - 1] : -1);
		double nat = 0, st = 0;
		for (int i = from; i < r.brk[l]; i++)
			if (s.it[i].type != IT_PENALTY) {
				nat += s.it[i].width;
				if (s.it[i].type == IT_GLUE)
					st += s.it[i].stretch;
			}
		assert_true(r.ratio[l] >= -1 && r.ratio[l] <= 10);
		double set = nat + (r.ratio[l] > 0 ? r.ratio[l] * st : r.ratio[l] * st * 0);
		if (r.ratio[l] >= 0)
			assert_float_equal(set, 90, 1e-6);
	}
	brk_free(&r);
}

/* a hyphenation point is used only when it gives a better paragraph */
static void test_flagged_penalty(void **state)
{
	(void)state;
	struct items s = { .n = 0 };
	add(&s, IT_BOX, 60, 0, 0);
	add(&s, IT_GLUE, 0, 30, 0);
	add(&s, IT_PENALTY, 0, 0, 0);
	add(&s, IT_GLUE, 5, -30, 0);
	add(&s, IT_BOX, 30, 0, 0);			/* first half of a long word */
	/* a ragged-right hyphenation point, as para.c builds it */
	add(&s, IT_PENALTY, 0, 0, BRK_INF);
	add(&s, IT_GLUE, 0, 30, 0);
	add(&s, IT_PENALTY, 3, 0, 50);
	s.it[s.n - 1].flagged = 1;
	add(&s, IT_GLUE, 0, -30, 0);
	add(&s, IT_BOX, 50, 0, 0);			/* second half */
	add(&s, IT_PENALTY, 0, 0, BRK_INF);
	add(&s, IT_GLUE, 0, 1e5, 0);
	add(&s, IT_PENALTY, 0, 0, -BRK_INF);
	struct brkshape sh = { 100, 100, 1 };
	struct brkres r = {0};
	brk_lines(s.it, s.n, &sh, BRK_TOTALFIT, &r);
	/* without the hyphen the first line would be 60 of 100 */
	assert_int_equal(r.nline, 2);
	assert_int_equal(r.brk[0], 7);
	assert_true(s.it[r.brk[0]].flagged);
	brk_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_firstfit_fills_lines),
		cmocka_unit_test(test_totalfit_beats_firstfit),
		cmocka_unit_test(test_forced_break),
		cmocka_unit_test(test_overfull_box_reported),
		cmocka_unit_test(test_shape_first_line_narrower),
		cmocka_unit_test(test_totalfit_ratios),
		cmocka_unit_test(test_flagged_penalty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
