/*
 * test_doc: the document tree built by hand: section numbering with
 * numbered/hidden/none, serials, id uniqueness, reference checks and the
 * plain text of inline content.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc.h"

static struct pos at(int line)
{
	struct pos p = {"t.xml", line, 1};
	return p;
}

static struct node *add(struct doc *d, struct node *parent, enum node_type t, int line)
{
	struct node *n = doc_node(d, t, at(line));
	doc_append(parent, n);
	return n;
}

static struct node *section(struct doc *d, struct node *parent, const char *title,
	enum numbering num, int line)
{
	struct node *s = add(d, parent, N_SECTION, line);
	s->num = num;
	s->level = parent->type == N_SECTION ? parent->level + 1 : 1;
	struct node *t = add(d, s, N_TITLE, line);
	add(d, t, N_TEXT, line)->text = arena_strdup(&d->mem, title);
	return s;
}

static struct doc *newdoc(void)
{
	struct doc *d = calloc(1, sizeof(*d));
	d->root = doc_node(d, N_REPORT, at(1));
	return d;
}

static void test_numbering(void **state)
{
	(void)state;
	struct doc *d = newdoc();
	struct node *a = section(d, d->root, "A", NUM_SHOW, 2);
	struct node *u = section(d, d->root, "U", NUM_NONE, 3);
	struct node *u1 = section(d, u, "U1", NUM_SHOW, 4);
	struct node *b = section(d, d->root, "B", NUM_HIDE, 5);
	struct node *c = section(d, d->root, "C", NUM_SHOW, 6);
	struct node *c1 = section(d, c, "C1", NUM_SHOW, 7);
	struct node *c2 = section(d, c, "C2", NUM_NONE, 8);
	struct node *c3 = section(d, c, "C3", NUM_SHOW, 9);
	struct node *c31 = section(d, c3, "C31", NUM_HIDE, 10);
	struct node *c32 = section(d, c3, "C32", NUM_SHOW, 11);
	struct node *c321 = section(d, c32, "C321", NUM_SHOW, 12);
	struct diag dg = {0};
	assert_int_equal(doc_finish(d, &dg), 0);
	assert_string_equal(a->number, "1");
	assert_null(u->number);
	assert_null(u1->number);	/* inside an unnumbered section */
	assert_int_equal(u1->num, NUM_NONE);
	assert_string_equal(b->number, "2");
	assert_string_equal(c->number, "3");
	assert_string_equal(c1->number, "3.1");
	assert_null(c2->number);
	assert_string_equal(c3->number, "3.2");
	assert_string_equal(c31->number, "3.2.1");
	assert_string_equal(c32->number, "3.2.2");
	assert_string_equal(c321->number, "3.2.2.1");
	/* serials: pre-order, sections and their titles and texts */
	assert_int_equal(d->root->serial, 0);
	assert_int_equal(a->serial, 1);
	assert_int_equal(u->serial, 4);
	assert_int_equal(d->nnodes, 1 + 11 * 3);
	assert_int_equal(c321->first->first->serial, d->nnodes - 1);
	doc_free(d);
}

static void test_ids_and_refs(void **state)
{
	(void)state;
	struct doc *d = newdoc();
	struct node *a = section(d, d->root, "Ekonomi", NUM_SHOW, 2);
	a->id = "ekonomi";
	struct node *p = add(d, a, N_PARA, 3);
	p->id = "stycke";
	struct node *r1 = add(d, p, N_REF, 4);
	r1->href = "ekonomi";
	struct node *r2 = add(d, p, N_REF, 5);
	r2->href = "saknas";
	struct node *r3 = add(d, p, N_REF, 6);
	r3->href = "stycke";
	struct node *dup = section(d, d->root, "Igen", NUM_SHOW, 7);
	dup->id = "ekonomi";
	char *text = NULL;
	size_t len = 0;
	struct diag dg = {0};
	dg.out = open_memstream(&text, &len);
	assert_int_equal(doc_finish(d, &dg), -1);
	fclose(dg.out);
	assert_int_equal(dg.nerr, 3);
	assert_non_null(strstr(text, "t.xml:7:1: error: the id \"ekonomi\" is used twice"));
	assert_non_null(strstr(text, "t.xml:2:1: note:"));
	assert_non_null(strstr(text, "t.xml:5:1: error: <ref to=\"saknas\">"));
	assert_non_null(strstr(text, "t.xml:6:1: error: <ref to=\"stycke\">"));
	assert_ptr_equal(r1->target, a);
	assert_null(r2->target);
	assert_ptr_equal(doc_find(d, "ekonomi"), a);
	assert_null(doc_find(d, "stycke"));	/* not a section */
	assert_null(doc_find(d, "saknas"));
	free(text);
	doc_free(d);
}

static void test_plaintext(void **state)
{
	(void)state;
	struct doc *d = newdoc();
	struct node *a = section(d, d->root, "Mål ", NUM_NONE, 2);
	a->id = "mal";
	/* a title referring to its own section must not recurse for ever */
	struct node *self = add(d, doc_title(a), N_REF, 2);
	self->href = "mal";
	struct node *b = section(d, d->root, "Utfall", NUM_SHOW, 3);
	b->id = "utfall";
	struct node *p = add(d, b, N_PARA, 4);
	add(d, p, N_TEXT, 4)->text = "Se ";
	add(d, p, N_REF, 4)->href = "utfall";
	add(d, p, N_TEXT, 4)->text = " och ";
	add(d, p, N_REF, 4)->href = "mal";
	add(d, p, N_BR, 4);
	struct node *s = add(d, p, N_SPAN, 4);
	s->emph = EM_BOLD;
	add(d, s, N_TEXT, 4)->text = "fetstil";
	struct diag dg = {0};
	assert_int_equal(doc_finish(d, &dg), 0);
	char *t = doc_plaintext(p);
	assert_string_equal(t, "Se 1 och Mål Mål Mål Mål  fetstil");
	free(t);
	assert_ptr_equal(doc_title(b), b->first);
	assert_null(doc_title(p));
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbering),
		cmocka_unit_test(test_ids_and_refs),
		cmocka_unit_test(test_plaintext),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
