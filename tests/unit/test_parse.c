/*
 * test_parse: the report loader end to end (xml.c, parse.c, doc.c): a
 * small report becomes the expected tree, and every hostile or broken
 * input in tests/bad is refused with a message at the right line.
 * Run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "parse.h"
#include "xml.h"

/* diagnostics captured in memory */
struct cap {
	struct diag dg;
	char *text;
	size_t len;
};

static void cap_open(struct cap *c)
{
	memset(c, 0, sizeof(*c));
	c->dg.out = open_memstream(&c->text, &c->len);
}

static void cap_close(struct cap *c)
{
	fclose(c->dg.out);
	c->dg.out = NULL;
}

/* write s to a fresh temporary file; the caller unlinks and frees */
static char *tmpfile_with(const char *s)
{
	char *path = strdup("/tmp/folio-test-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	close(fd);
	return path;
}

/* parse a report given as a string; diagnostics into c */
static struct doc *parse_string(const char *s, struct cap *c)
{
	char *path = tmpfile_with(s);
	cap_open(c);
	struct doc *d = parse_report(path, "data", &c->dg);
	cap_close(c);
	unlink(path);
	free(path);
	return d;
}

static const char small[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<report layout=\"standard\">\n"
	"  <meta>\n"
	"    <title>  Delårsrapport\n   2024 </title>\n"
	"    <organisation>Region Örebro län</organisation>\n"
	"    <date>2024-09-10</date>\n"
	"  </meta>\n"
	"  <cover/>\n"
	"  <toc depth=\"3\"/>\n"
	"  <section id=\"inledning\"><title>Inledning</title>\n"
	"    <p>  Text  with\n\t<b>bold</b>, <i>italic</i>, <b><i>both</i></b>,\n"
	"       a line<br/>\n   break, 10\xc2\xa0" "000 kr and <a href=\"https://example.se\">"
	"a link</a> to <ref to=\"c3\"/>.  </p>\n"
	"  </section>\n"
	"  <section numbered=\"no\"><title>Förord</title></section>\n"
	"  <section id=\"two\"><title>Två</title></section>\n"
	"  <section id=\"c3\"><title>Tre</title>\n"
	"    <section><title>3.1</title></section>\n"
	"    <section numbered=\"hidden\" id=\"hid\"><title>3.2</title></section>\n"
	"    <section><title>3.3</title>\n"
	"      <section id=\"deep\" style=\"h4\"><title>3.3.1</title></section>\n"
	"    </section>\n"
	"  </section>\n"
	"  <list type=\"number\" start=\"3\">\n"
	"    <item>  Only text </item>\n"
	"    <item>Text then a list:\n"
	"      <list type=\"letter\"><item>nested</item></list>\n"
	"    </item>\n"
	"    <item><p>First</p><p>Second</p></item>\n"
	"  </list>\n"
	"  <pagebreak/>\n"
	"</report>\n";

static struct node *child(struct node *n, int i)
{
	struct node *k = n->first;
	while (k && i-- > 0)
		k = k->next;
	assert_non_null(k);
	return k;
}

static void test_small_report(void **state)
{
	(void)state;
	struct cap c;
	struct doc *d = parse_string(small, &c);
	if (!d)
		fprintf(stderr, "%s", c.text);
	assert_non_null(d);
	assert_int_equal(c.dg.nerr, 0);
	assert_string_equal(d->meta.title, "Delårsrapport 2024");
	assert_string_equal(d->meta.organisation, "Region Örebro län");
	assert_string_equal(d->meta.date, "2024-09-10");
	assert_string_equal(d->meta.lang, "sv-SE");
	assert_null(d->meta.subtitle);
	assert_string_equal(d->layout, "standard");

	struct node *r = d->root;
	assert_int_equal(r->type, N_REPORT);
	assert_int_equal(child(r, 0)->type, N_COVER);
	assert_int_equal(child(r, 1)->type, N_TOC);
	assert_int_equal(child(r, 1)->level, 3);

	struct node *s1 = child(r, 2);
	assert_int_equal(s1->type, N_SECTION);
	assert_string_equal(s1->number, "1");
	assert_int_equal(s1->level, 1);
	assert_int_equal(s1->pos.line, 11);
	assert_int_equal(s1->pos.col, 3);
	assert_ptr_equal(doc_find(d, "inledning"), s1);

	/* the paragraph after white space collapsing */
	struct node *p = child(s1, 1);
	assert_int_equal(p->type, N_PARA);
	assert_int_equal(p->pos.line, 12);
	assert_int_equal(p->pos.col, 5);
	assert_int_equal(child(p, 0)->type, N_TEXT);
	assert_string_equal(child(p, 0)->text, "Text with ");
	struct node *b = child(p, 1);
	assert_int_equal(b->type, N_SPAN);
	assert_int_equal(b->emph, EM_BOLD);
	assert_int_equal(b->pos.line, 13);
	assert_int_equal(b->pos.col, 2);
	assert_string_equal(b->first->text, "bold");
	assert_int_equal(child(p, 3)->emph, EM_ITALIC);
	struct node *both = child(p, 5);
	assert_int_equal(both->emph, EM_BOLD);
	assert_int_equal(both->first->type, N_SPAN);
	assert_int_equal(both->first->emph, EM_BOLD | EM_ITALIC);
	assert_string_equal(child(p, 6)->text, ", a line");
	assert_int_equal(child(p, 7)->type, N_BR);
	/* no space after the break; the no-break space survives */
	assert_string_equal(child(p, 8)->text, "break, 10\xc2\xa0" "000 kr and ");
	struct node *a = child(p, 9);
	assert_int_equal(a->type, N_LINK);
	assert_string_equal(a->href, "https://example.se");
	assert_string_equal(child(p, 10)->text, " to ");
	struct node *ref = child(p, 11);
	assert_int_equal(ref->type, N_REF);
	assert_string_equal(ref->href, "c3");
	assert_string_equal(p->last->text, ".");
	char *plain = doc_plaintext(p);
	assert_string_equal(plain, "Text with bold, italic, both, a line break, "
		"10\xc2\xa0" "000 kr and a link to 3.");
	free(plain);

	/* numbering: unnumbered sections are skipped, hidden ones counted */
	struct node *pre = child(r, 3);
	assert_int_equal(pre->num, NUM_NONE);
	assert_null(pre->number);
	assert_int_equal(pre->toc, 0);
	assert_string_equal(child(r, 4)->number, "2");
	struct node *s3 = child(r, 5);
	assert_string_equal(s3->number, "3");
	assert_ptr_equal(ref->target, s3);
	assert_string_equal(child(s3, 1)->number, "3.1");
	assert_int_equal(child(s3, 2)->num, NUM_HIDE);
	assert_string_equal(child(s3, 2)->number, "3.2");
	assert_int_equal(child(s3, 2)->toc, 1);
	struct node *deep = doc_find(d, "deep");
	assert_non_null(deep);
	assert_string_equal(deep->number, "3.3.1");
	assert_int_equal(deep->level, 3);
	assert_string_equal(deep->style, "h4");
	assert_string_equal(doc_title(deep)->first->text, "3.3.1");

	/* lists: implicit paragraphs, nested lists, block items */
	struct node *l = child(r, 6);
	assert_int_equal(l->type, N_LIST);
	assert_int_equal(l->list, LIST_NUMBER);
	assert_int_equal(l->start, 3);
	struct node *i1 = child(l, 0);
	assert_int_equal(i1->first->type, N_PARA);
	assert_string_equal(i1->first->first->text, "Only text");
	struct node *i2 = child(l, 1);
	assert_string_equal(i2->first->first->text, "Text then a list:");
	assert_int_equal(child(i2, 1)->type, N_LIST);
	assert_int_equal(child(i2, 1)->list, LIST_LETTER);
	struct node *i3 = child(l, 2);
	assert_string_equal(child(i3, 0)->first->text, "First");
	assert_string_equal(child(i3, 1)->first->text, "Second");
	assert_int_equal(child(r, 7)->type, N_PAGEBREAK);

	/* serials in document order */
	assert_int_equal(r->serial, 0);
	assert_int_equal(child(r, 0)->serial, 1);
	assert_true(deep->serial > s3->serial);
	assert_int_equal(child(r, 7)->serial, d->nnodes - 1);
	doc_free(d);
	free(c.text);
}

/* each hostile or broken file: refused, with the right place and word */
static const struct {
	const char *file;
	const char *where;	/* "line:col:" or "line:" */
	const char *word;
} bad[] = {
	{"billion-laughs.xml", ":4:1: error:", "DOCTYPE and entity declarations are not allowed"},
	{"external-entity.xml", ":4:1: error:", "DOCTYPE"},
	{"external-dtd.xml", ":4:1: error:", "DOCTYPE"},
	{"truncated.xml", ":9:", "ends before <p>"},
	{"not-wellformed.xml", ":7:37: error:", "</i>"},
	{"schema-violation.xml", ":7:3: error:", "sektion"},
	{"bad-utf8.xml", ":6:28: error:", "UTF-8"},
	{"non-bmp.xml", ":6:24: error:", "U+1F600"},
	{"charref-non-bmp.xml", ":6:3: error:", "U+1F600"},
	{"control-char.xml", ":6:14: error:", "U+0007"},
	{"unknown-ref.xml", ":8:19: error:", "ekonomi"},
	{"duplicate-id.xml", ":9:3: error:", "ekonomi"},
	{"duplicate-id.xml", ":6:3: note:", "first used"},
	{"bad-date.xml", ":7:5: error:", "2023-02-29"},
	{"deep-sections.xml", ":12:13: error:", "level 7"},
	{"bad-href.xml", ":6:13: error:", "javascript:alert(1)"},
	{"latin1.xml", ":1:31: error:", "ISO-8859-1"},
	{"many-attributes.xml", ":5:3: error:", "attributes"},
};

static void test_bad_inputs(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char path[256], where[300];
		snprintf(path, sizeof(path), "tests/bad/%s", bad[i].file);
		snprintf(where, sizeof(where), "%s%s", path, bad[i].where);
		struct cap c;
		cap_open(&c);
		struct doc *d = parse_report(path, "data", &c.dg);
		cap_close(&c);
		if (d || !strstr(c.text, where) || !strstr(c.text, bad[i].word))
			fprintf(stderr, "%s: expected %s … %s, got:\n%s", path, where,
				bad[i].word, c.text);
		assert_null(d);
		assert_true(c.dg.nerr > 0);
		assert_non_null(strstr(c.text, where));
		assert_non_null(strstr(c.text, bad[i].word));
		free(c.text);
	}
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_billion_laughs_fast(void **state)
{
	(void)state;
	struct cap c;
	cap_open(&c);
	double t0 = now();
	struct doc *d = parse_report("tests/bad/billion-laughs.xml", "data", &c.dg);
	double dt = now() - t0;
	cap_close(&c);
	assert_null(d);
	assert_int_equal(c.dg.nerr, 1);
	assert_true(dt < 0.5);
	free(c.text);
}

static void test_item_text_after_list(void **state)
{
	(void)state;
	struct cap c;
	struct doc *d = parse_string("<report><meta><title>t</title></meta>\n"
		"<list><item>a <list><item>b</item></list> c</item></list></report>", &c);
	assert_null(d);
	assert_non_null(strstr(c.text, ":2:"));
	free(c.text);
	d = parse_string("<report><meta><title>t</title></meta>\n"
		"<p>a</p>\n<p><a href=\"ftp://x\">f</a></p></report>", &c);
	assert_null(d);
	assert_non_null(strstr(c.text, ":3:4: error: link address \"ftp://x\""));
	free(c.text);
}

static void test_missing_and_schema(void **state)
{
	(void)state;
	struct cap c;
	cap_open(&c);
	assert_null(parse_report("tests/bad/no-such-file.xml", "data", &c.dg));
	cap_close(&c);
	assert_non_null(strstr(c.text, "no-such-file.xml: error: cannot read"));
	free(c.text);
	/* a section without a title; an unknown attribute value */
	struct doc *d = parse_string("<report><meta><title>t</title></meta>\n"
		"  <section numbered=\"maybe\"><title>x</title></section>\n"
		"</report>", &c);
	assert_null(d);
	assert_non_null(strstr(c.text, ":2:3: error: attribute numbered=\"maybe\""));
	free(c.text);
	d = parse_string("<report><meta><title> </title></meta></report>", &c);
	assert_null(d);
	assert_non_null(strstr(c.text, "title is empty"));
	free(c.text);
}

/* a large report parses in reasonable time (no quadratic behaviour) */
static void test_large_report(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_puts(&b, "<report><meta><title>Stor</title></meta>\n");
	for (int i = 0; i < 3000; i++)
		buf_printf(&b, "<section id=\"s%d\"><title>Avsnitt %d</title>\n"
			"<p>Text <b>med</b> <ref to=\"s%d\"/> och mer text.</p>\n"
			"<list><item>punkt</item><item><p>stycke</p></item></list>\n"
			"</section>\n", i, i, i / 2);
	buf_puts(&b, "</report>\n");
	struct cap c;
	double t0 = now();
	struct doc *d = parse_string(b.s, &c);
	double dt = now() - t0;
	assert_non_null(d);
	assert_string_equal(doc_find(d, "s2999")->number, "3000");
	assert_true(dt < 5.0);
	doc_free(d);
	free(c.text);
	buf_free(&b);
}

int main(void)
{
	xml_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_report),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_billion_laughs_fast),
		cmocka_unit_test(test_item_text_after_list),
		cmocka_unit_test(test_missing_and_schema),
		cmocka_unit_test(test_large_report),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xml_cleanup();
	return rc;
}
