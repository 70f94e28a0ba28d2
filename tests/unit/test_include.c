/*
 * test_include: <include> end to end through the loader and the engines.
 * The fixture tests/include/main.xml takes a table, a goal summary, a goal
 * block and a whole chapter from tests/include/namnd/report.xml, whose data
 * lie in namnd/data/ (none beside main.xml), so the figures only come out
 * right when paths resolve from the other report's directory.  Cycles
 * (A→B→A, A→A), a missing report, an unknown id, a reference out of the
 * part, a doubled id and too deep nesting are errors at the <include>'s
 * file:line:column.  The composed example's tables and goal counts equal
 * the nämnd examples' cell for cell.  Run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "goal.h"
#include "parse.h"
#include "table.h"

/* a report loaded with the standard layout, diagnostics kept in text */
struct run {
	struct doc *d;
	struct layout *lay;
	struct diag dg;
	char *text;
	size_t len;
};

static void run_open(struct run *r)
{
	memset(r, 0, sizeof(*r));
	r->dg.out = open_memstream(&r->text, &r->len);
}

static void run_load(struct run *r, const char *path)
{
	run_open(r);
	r->d = parse_report(path, "data", &r->dg);
	fflush(r->dg.out);
	if (!r->d)
		fail_msg("%s did not load:\n%s", path, r->text);
	r->lay = layout_load("layouts/standard", "data", &r->dg);
	assert_non_null(r->lay);
}

/* load a report that must fail; its messages in r->text */
static void run_fail(struct run *r, const char *path)
{
	run_open(r);
	r->d = parse_report(path, "data", &r->dg);
	fflush(r->dg.out);
	assert_null(r->d);
}

static void run_free(struct run *r)
{
	layout_free(r->lay);
	doc_free(r->d);
	fclose(r->dg.out);
	free(r->text);
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void assert_says(const char *text, const char *what)
{
	if (!text || !strstr(text, what))
		fail_msg("expected \"%s\" in:\n%s", what, text ? text : "(nothing)");
}

/* the node with this id, of any kind */
static struct node *find(struct node *n, const char *id)
{
	if (n->id && strcmp(n->id, id) == 0)
		return n;
	for (struct node *k = n->first; k; k = k->next) {
		struct node *r = find(k, id);
		if (r)
			return r;
	}
	return NULL;
}

static struct node *must_find(struct doc *d, const char *id)
{
	struct node *n = find(d->root, id);
	if (!n)
		fail_msg("no element with id %s", id);
	return n;
}

static const struct goalcount *kind(const struct goalcount *c, int n, const char *k)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(c[i].kind, k))
			return &c[i];
	fail_msg("no kind %s", k);
	return NULL;
}

/* ---- the fixture ---- */

static void test_table_from_other_dir(void **state)
{
	(void)state;
	struct run r;
	/* the data exist only beside the other report */
	assert_int_not_equal(access("tests/include/data/resultat.csv", F_OK), 0);
	run_load(&r, "tests/include/main.xml");
	struct node *t = must_find(r.d, "resultat");
	assert_int_equal(t->type, N_TABLE);
	assert_non_null(t->from);
	assert_string_equal(doc_dir(t, r.d), "tests/include/namnd");
	/* a node written in main.xml resolves from main.xml's directory */
	assert_string_equal(doc_dir(must_find(r.d, "region"), r.d), "tests/include");
	struct table *tb = table_load(t, r.d, r.lay, &r.dg);
	fflush(r.dg.out);
	if (!tb)
		fail_msg("table did not load:\n%s", r.text);
	assert_int_equal(tb->nbody, 3);
	assert_string_equal(tb->body[0].cell[0].text, "Verksamhetens intäkter");
	assert_string_equal(tb->body[0].cell[1].text, "1\u00a0234,5");
	assert_string_equal(tb->body[1].cell[2].text, "-1\u00a0010,0");
	assert_string_equal(tb->body[2].cell[1].text, "246,9");
	assert_int_equal(tb->body[2].role, TR_TOTAL);
	table_free(tb);
	assert_int_equal(r.dg.nerr, 0);
	run_free(&r);
}

static void test_sections_and_refs(void **state)
{
	(void)state;
	struct run r;
	run_load(&r, "tests/include/main.xml");
	/* a whole chapter with a heading given here, ids prefixed */
	struct node *ek = must_find(r.d, "n-ekonomi");
	assert_int_equal(ek->type, N_SECTION);
	assert_int_equal(ek->level, 1);
	assert_string_equal(ek->number, "3");
	char *title = doc_plaintext(doc_title(ek));
	assert_string_equal(title, "Nämndens ekonomi");
	free(title);
	struct node *sub = must_find(r.d, "n-resultatavsnitt");
	assert_int_equal(sub->level, 2);
	assert_string_equal(sub->number, "3.1");
	/* the reference inside the part follows the prefix */
	struct node *p = doc_title(ek)->next;
	assert_int_equal(p->type, N_PARA);
	struct node *ref = NULL;
	for (struct node *k = p->first; k; k = k->next)
		if (k->type == N_REF)
			ref = k;
	assert_non_null(ref);
	assert_string_equal(ref->href, "n-resultatavsnitt");
	assert_ptr_equal(ref->target, sub);
	/* and main.xml's own reference reaches the included chapter */
	assert_ptr_equal(doc_find(r.d, "n-ekonomi"), ek);
	/* a heading around a part that has none: a section of level 2 */
	struct node *wrap = must_find(r.d, "namndmal");
	assert_int_equal(wrap->type, N_SECTION);
	assert_int_equal(wrap->level, 2);
	assert_string_equal(wrap->number, "2.1");
	assert_null(wrap->from);
	assert_int_equal(doc_title(wrap)->next->type, N_GOALSUM);
	assert_non_null(doc_title(wrap)->next->from);
	/* numbered="no" on an included section */
	struct node *mal = must_find(r.d, "m-mal");
	assert_int_equal(mal->num, NUM_NONE);
	assert_null(mal->number);
	assert_int_equal(mal->level, 2);
	/* the unprefixed table and the one inside the chapter are two copies */
	assert_ptr_not_equal(must_find(r.d, "resultat"), must_find(r.d, "n-resultat"));
	run_free(&r);
}

static void test_goal_summary_counts_own_report(void **state)
{
	(void)state;
	struct run r;
	run_load(&r, "tests/include/main.xml");
	struct goalcount c[8];
	/* the included summary counts the nämnd's goal blocks: e1, e2 (section
	 * "mal"), e3 (section "annat") and all three again (no section id) */
	struct node *sum = must_find(r.d, "malsumma");
	const struct doc *home = doc_home(sum, r.d);
	assert_ptr_not_equal(home, r.d);
	int n = goal_count(home, r.lay, c, 8);
	assert_int_equal(n, 1);
	const struct goalcount *e = kind(c, n, "Effektmål");
	assert_int_equal(e->total, 6);
	assert_int_equal(e->n[0], 2);
	assert_int_equal(e->n[1], 2);
	assert_int_equal(e->n[2], 2);
	/* main.xml's own summary: its two Uppdrag and the goals of the two
	 * included goal blocks.  The first keeps its filter avsnitt = "mal",
	 * although its section is "m-mal" here; the second had no section id
	 * to filter by in its report and has none here either, although it
	 * stands in main.xml's section "namnder" */
	n = goal_count(r.d, r.lay, c, 8);
	assert_int_equal(n, 2);
	const struct goalcount *u = kind(c, n, "Uppdrag");
	assert_int_equal(u->total, 2);
	assert_int_equal(u->n[0], 2);
	e = kind(c, n, "Effektmål");
	assert_int_equal(e->total, 5);
	assert_int_equal(e->n[0], 2);
	assert_int_equal(e->n[1], 2);
	assert_int_equal(e->n[2], 1);
	const char *const *a = (const char *const *)must_find(r.d, "a-allamal")->attr;
	for (; a && a[0]; a += 2)
		assert_string_not_equal(a[0], "section");
	run_free(&r);
}

static void test_loaded_once(void **state)
{
	(void)state;
	struct run r;
	run_load(&r, "tests/include/main.xml");
	/* "namnd/report.xml" and "./namnd/report.xml": one file, one load */
	const struct doc *a = doc_home(must_find(r.d, "resultat"), r.d);
	const struct doc *b = doc_home(must_find(r.d, "m-mal"), r.d);
	const struct doc *c = doc_home(must_find(r.d, "n-resultat"), r.d);
	assert_ptr_equal(a, b);
	assert_ptr_equal(a, c);
	assert_string_equal(a->path, "tests/include/namnd/report.xml");
	run_free(&r);
}

/* ---- errors ---- */

static void test_cycle(void **state)
{
	(void)state;
	struct run r;
	run_fail(&r, "tests/include/cycle-a.xml");
	assert_says(r.text, "tests/include/cycle-b.xml:8:3: error: this include makes a "
		"cycle: tests/include/cycle-a.xml → tests/include/cycle-b.xml → "
		"tests/include/cycle-a.xml");
	assert_says(r.text, "tests/include/cycle-a.xml:6:5: note: tests/include/cycle-b.xml "
		"is included here");
	assert_int_equal(r.dg.nerr, 1);
	run_free(&r);
}

static void test_self(void **state)
{
	(void)state;
	struct run r;
	run_fail(&r, "tests/include/self.xml");
	assert_says(r.text, "tests/include/self.xml:8:3: error: this include makes a cycle: "
		"tests/include/self.xml → tests/include/self.xml");
	assert_int_equal(r.dg.nerr, 1);
	run_free(&r);
}

static void test_missing_report(void **state)
{
	(void)state;
	struct run r;
	run_fail(&r, "tests/include/missing.xml");
	assert_says(r.text, "tests/include/missing.xml:4:3: error: cannot include "
		"tests/include/finns-inte/report.xml:");
	assert_int_equal(r.dg.nerr, 1);
	run_free(&r);
}

static void test_unknown_ref(void **state)
{
	(void)state;
	struct run r;
	run_fail(&r, "tests/include/unknown-ref.xml");
	assert_says(r.text, "tests/include/unknown-ref.xml:5:3: error: "
		"tests/include/namnd/report.xml has no element with the id \"finns-inte\"");
	assert_int_equal(r.dg.nerr, 1);
	run_free(&r);
}

static void test_ref_out_of_part(void **state)
{
	(void)state;
	struct run r;
	run_fail(&r, "tests/include/outward-ref.xml");
	assert_says(r.text, "tests/include/outward-ref.xml:4:3: error: the part \"hanvisning\" "
		"refers to \"ekonomi\", which is not part of it");
	assert_says(r.text, "tests/include/namnd/report.xml:35:35: note: the reference is here");
	/* reported once, not again by the reference check */
	assert_int_equal(count(r.text, "error:"), 1);
	run_free(&r);
}

static void test_duplicate_id(void **state)
{
	(void)state;
	struct run r;
	run_fail(&r, "tests/include/dup-id.xml");
	assert_says(r.text, "tests/include/dup-id.xml:5:3: error: the id \"resultat\" is used "
		"twice: give the <include> a prefix");
	assert_says(r.text, "tests/include/dup-id.xml:4:3: note:");
	assert_int_equal(count(r.text, "error:"), 1);
	run_free(&r);
}

/* r0.xml includes r1.xml … up to r<n-1>.xml, in a new directory */
static void write_chain(const char *dir, int n)
{
	for (int i = 0; i < n; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/r%d.xml", dir, i);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fprintf(f, "<report><meta><title>R%d</title></meta>\n"
			"<section id=\"s\"><title>S%d</title><p>Text %d.</p>\n", i, i, i);
		if (i + 1 < n)
			fprintf(f, "<include report=\"r%d.xml\" ref=\"s\" prefix=\"i\"/>\n", i + 1);
		fprintf(f, "</section></report>\n");
		fclose(f);
	}
}

static void remove_chain(const char *dir, int n)
{
	for (int i = 0; i < n; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/r%d.xml", dir, i);
		unlink(path);
	}
	rmdir(dir);
}

static void test_depth(void **state)
{
	(void)state;
	char dir[] = "/tmp/folio-include-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char top[600];
	snprintf(top, sizeof(top), "%s/r0.xml", dir);
	struct run r;
	/* eight reports below the first: allowed; sections then nest 6 deep
	 * at most, so only five of them fit, and the sixth is refused */
	write_chain(dir, 6);
	run_load(&r, top);
	assert_non_null(find(r.d->root, "iiiiis"));
	run_free(&r);
	write_chain(dir, 7);
	run_fail(&r, top);
	assert_says(r.text, "error: the included sections would nest 7 levels deep here");
	run_free(&r);
	remove_chain(dir, 7);

	/* nine below the first, each a paragraph (no nesting): too deep */
	assert_non_null(mkdtemp(strcpy(dir, "/tmp/folio-include-XXXXXX")));
	for (int i = 0; i < 10; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/r%d.xml", dir, i);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fprintf(f, "<report><meta><title>R</title></meta><p id=\"p\">%d</p>\n", i);
		if (i < 9)
			fprintf(f, "<include report=\"r%d.xml\" ref=\"p\" prefix=\"x\"/>\n", i + 1);
		fprintf(f, "</report>\n");
		fclose(f);
	}
	snprintf(top, sizeof(top), "%s/r0.xml", dir);
	run_fail(&r, top);
	char want[700];
	snprintf(want, sizeof(want), "%s/r8.xml:2:1: error: includes nest more than 8 "
		"reports deep", dir);
	assert_says(r.text, want);
	run_free(&r);
	/* starting one lower, the chain is eight long and loads */
	snprintf(top, sizeof(top), "%s/r1.xml", dir);
	run_load(&r, top);
	run_free(&r);
	remove_chain(dir, 10);
}

/* ---- the composed example ---- */

/* the body of table id in one document and of id2 in another print the same */
static void same_table(struct run *a, const char *id, struct run *b, const char *id2)
{
	struct table *x = table_load(must_find(a->d, id), a->d, a->lay, &a->dg);
	struct table *y = table_load(must_find(b->d, id2), b->d, b->lay, &b->dg);
	assert_non_null(x);
	assert_non_null(y);
	assert_true(x->nbody >= 10);
	assert_int_equal(x->nbody, y->nbody);
	assert_int_equal(x->ncol, y->ncol);
	int numbers = 0;
	for (int i = 0; i < x->nbody; i++) {
		assert_int_equal(x->body[i].ncell, y->body[i].ncell);
		for (int k = 0; k < x->body[i].ncell; k++) {
			const char *s = x->body[i].cell[k].text, *t = y->body[i].cell[k].text;
			assert_true((s == NULL) == (t == NULL));
			if (s)
				assert_string_equal(s, t);
			numbers += x->body[i].cell[k].has;
		}
	}
	assert_true(numbers > 50);
	table_free(x);
	table_free(y);
}

static void same_counts(struct run *a, const char *id, struct run *b)
{
	struct goalcount c[16], e[16];
	int n = goal_count(doc_home(must_find(a->d, id), a->d), a->lay, c, 16);
	int m = goal_count(b->d, b->lay, e, 16);
	assert_true(n >= 2);
	assert_int_equal(n, m);
	for (int i = 0; i < n; i++) {
		assert_string_equal(c[i].kind, e[i].kind);
		assert_int_equal(c[i].total, e[i].total);
		assert_memory_equal(c[i].n, e[i].n, sizeof(c[i].n));
	}
}

static void test_composed_example(void **state)
{
	(void)state;
	static const char *const ex[][4] = {
		{ "examples/regionstyrelsen-delar-2024/report.xml", "resultattabell",
		  "rs-resultattabell", "rs-malsammanfattning" },
		{ "examples/hsn-delar-2023/report.xml", "resultatrapport-tabell",
		  "hsn-resultatrapport-tabell", "hsn-malsammanfattning" },
		{ "examples/tillvaxtnamnd-delar-2024/report.xml", "resultatrapport-tabell",
		  "rtn-resultatrapport-tabell", "rtn-malsammanfattning" },
	};
	struct run all;
	run_load(&all, "examples/region-sammanstallning-2024/report.xml");
	for (size_t i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		struct run one;
		run_load(&one, ex[i][0]);
		same_table(&all, ex[i][2], &one, ex[i][1]);
		same_counts(&all, ex[i][3], &one);
		/* the data come from the nämnd's own directory */
		char *dir = strdup(ex[i][0]);
		*strrchr(dir, '/') = '\0';
		const char *got = doc_dir(must_find(all.d, ex[i][2]), all.d);
		assert_non_null(strstr(got, strrchr(dir, '/')));
		free(dir);
		run_free(&one);
	}
	/* the composed report has no goal blocks of its own */
	struct goalcount c[4];
	assert_int_equal(goal_count(all.d, all.lay, c, 4), 0);
	run_free(&all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_from_other_dir),
		cmocka_unit_test(test_sections_and_refs),
		cmocka_unit_test(test_goal_summary_counts_own_report),
		cmocka_unit_test(test_loaded_once),
		cmocka_unit_test(test_cycle),
		cmocka_unit_test(test_self),
		cmocka_unit_test(test_missing_report),
		cmocka_unit_test(test_unknown_ref),
		cmocka_unit_test(test_ref_out_of_part),
		cmocka_unit_test(test_duplicate_id),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_composed_example),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
