/*
 * test_symbol: status symbol sets of the standard layout (values, shapes
 * that differ within a set, colours), the reading of <symbols> with its
 * refusals, lookups with their messages, and the geometry of an inline
 * symbol in a set line (size from the cap height, standing on the
 * baseline, its word as invisible text).  Run from the repository root.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>

#include "para.h"
#include "symbol.h"
#include "xml.h"

struct fix {
	struct layout *lay;
	struct diag dg;
	char *text;		/* what dg was told */
	size_t len;
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	f->dg.out = open_memstream(&f->text, &f->len);
	f->lay = layout_load("layouts/standard", "data", &f->dg);
	assert_non_null(f->lay);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	layout_free(f->lay);
	fclose(f->dg.out);
	free(f->text);
	free(f);
	return 0;
}

static void test_standard_sets(void **state)
{
	struct fix *f = *state;
	const struct symset *p = symbol_set(f->lay, "prognos");
	assert_non_null(p);
	assert_int_equal(p->nsym, 3);
	assert_string_equal(p->sym[0].value, "grön");
	assert_int_equal(p->sym[0].shape, SHAPE_CIRCLE);
	assert_string_equal(p->sym[0].label, "uppnå eller överträffa målnivån");
	assert_int_equal(p->sym[1].shape, SHAPE_DIAMOND);
	assert_int_equal(p->sym[2].shape, SHAPE_SQUARE);
	assert_true(p->sym[0].color.g > p->sym[0].color.r);	/* green */
	assert_true(p->sym[2].color.r > 0.7f && p->sym[2].color.g < 0.2f);	/* red */
	assert_non_null(p->title);
	const struct symset *t = symbol_set(f->lay, "trend");
	assert_non_null(t);
	assert_int_equal(symbol_find(t, "förbättrats")->shape, SHAPE_ARROW_UP);
	assert_int_equal(symbol_find(t, "oförändrat")->shape, SHAPE_ARROW_RIGHT);
	assert_int_equal(symbol_find(t, "försämrats")->shape, SHAPE_ARROW_DOWN);
	assert_non_null(symbol_set(f->lay, "indikator"));
	assert_non_null(symbol_find(symbol_set(f->lay, "indikator"), "värde saknas"));
	assert_non_null(symbol_find(symbol_set(f->lay, "internkontroll"), "ej genomförd"));
	assert_null(symbol_find(p, "Grön"));	/* exact match only */
	/* readable without colour: no two symbols of a set share a shape */
	for (int s = 0; s < f->lay->nsymset; s++) {
		const struct symset *set = &f->lay->symset[s];
		for (int i = 0; i < set->nsym; i++)
			for (int k = i + 1; k < set->nsym; k++)
				assert_int_not_equal(set->sym[i].shape, set->sym[k].shape);
	}
}

static void test_lookup_messages(void **state)
{
	struct fix *f = *state;
	struct pos pos = { "mal.csv", 3, 29 };
	int before = f->dg.nerr;
	assert_non_null(symbol_lookup(f->lay, "prognos", "gul", pos, "the forecast", &f->dg));
	assert_null(symbol_lookup(f->lay, "prognos", "blå", pos, "the forecast", &f->dg));
	assert_null(symbol_lookup(f->lay, "färger", "gul", pos, "the forecast", &f->dg));
	assert_int_equal(f->dg.nerr, before + 2);
	fflush(f->dg.out);
	assert_non_null(strstr(f->text, "mal.csv:3:29: error: the forecast \"blå\" is not in "
		"symbol set \"prognos\"; its values are \"grön\", \"gul\", \"röd\""));
	assert_non_null(strstr(f->text, "no symbol set \"färger\"; its sets are \"prognos\""));
}

/* read a <symbols> element from text into sets */
static void read_sets(const char *xml, struct symset **sets, int *n, struct diag *dg)
{
	xmlDocPtr x = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
	assert_non_null(x);
	symbol_read(sets, n, xmlDocGetRootElement(x), "t.xml", dg);
	xmlFreeDoc(x);
}

static void test_read(void **state)
{
	struct fix *f = *state;
	struct symset *sets = NULL;
	int n = 0, before = f->dg.nerr;
	read_sets("<symbols name=\"s\" title=\"T\"><symbol value=\"a\" shape=\"ring\" "
		"color=\"#102030\" label=\"A\"/><symbol value=\"b\" shape=\"cross\" "
		"color=\"#ff0000\" label=\"B\" word=\"Bee\"/></symbols>", &sets, &n, &f->dg);
	assert_int_equal(n, 1);
	assert_int_equal(sets[0].nsym, 2);
	assert_string_equal(sets[0].title, "T");
	assert_string_equal(sets[0].sym[0].word, "A");	/* the label when no word */
	assert_string_equal(sets[0].sym[1].word, "Bee");
	assert_int_equal(sets[0].sym[0].shape, SHAPE_RING);
	assert_float_equal(sets[0].sym[0].color.g, 0x20 / 255.0, 1e-6);
	/* a set of the same name replaces it (a variant layout) */
	read_sets("<symbols name=\"s\"><symbol value=\"c\" shape=\"circle\" color=\"#000000\" "
		"label=\"C\"/></symbols>", &sets, &n, &f->dg);
	assert_int_equal(n, 1);
	assert_int_equal(sets[0].nsym, 1);
	assert_int_equal(f->dg.nerr, before);
	/* refused: a value twice, an unknown shape, a bad colour */
	read_sets("<symbols name=\"u\"><symbol value=\"c\" shape=\"circle\" color=\"#000000\" "
		"label=\"C\"/><symbol value=\"c\" shape=\"square\" color=\"#000000\" label=\"D\"/>"
		"<symbol value=\"d\" shape=\"star\" color=\"#000000\" label=\"D\"/>"
		"<symbol value=\"e\" shape=\"square\" color=\"red\" label=\"E\"/></symbols>",
		&sets, &n, &f->dg);
	assert_int_equal(n, 2);
	assert_int_equal(sets[1].nsym, 1);
	assert_int_equal(f->dg.nerr, before + 3);
	fflush(f->dg.out);
	assert_non_null(strstr(f->text, "has the value \"c\" twice"));
	assert_non_null(strstr(f->text, "unknown symbol shape \"star\""));
	symbol_free(sets, n);
}

/* a symbol inside text: as high as a capital, on the baseline, after the
 * word before it and a space, with its word as invisible text */
static void test_inline_geometry(void **state)
{
	struct fix *f = *state;
	const struct style *st = layout_style(f->lay, "body");
	const struct symdef *d = symbol_find(symbol_set(f->lay, "prognos"), "gul");
	struct arena mem = {0};
	struct para p;
	para_init(&p, f->lay, &mem, &f->dg, 1);
	para_text(&p, "Prognos ", 8, st->face, st, 0, -1, (struct pos){0});
	para_symbol(&p, d, st->face, st, 0, SYMWORD_HIDDEN);
	para_text(&p, " helår", 7, st->face, st, 0, -1, (struct pos){0});
	para_finish(&p, st);
	struct brkshape sh = { 400, 400, 1 };
	struct brkres r = {0};
	brk_lines(p.it, p.n, &sh, BRK_TOTALFIT, &r);
	assert_int_equal(r.nline, 1);
	struct pline pl;
	para_setline(&p, &r, 0, ALIGN_LEFT, 400, &pl, &mem);
	assert_int_equal(pl.nrun, 4);
	const struct font *fn = &f->lay->fonts.face[st->face];
	double cap = (double)fn->capheight / fn->upem * st->size;
	double side, pad;
	symbol_metrics(f->lay, st->face, st->size, &side, &pad);
	assert_float_equal(side, cap, 1e-9);
	assert_true(side > 0.6 * st->size && side < 0.8 * st->size);
	const struct box *word = &pl.run[0].b, *shape = &pl.run[1].b, *inv = &pl.run[2].b;
	assert_int_equal(shape->type, BOX_SHAPE);
	assert_int_equal(shape->shape, SHAPE_DIAMOND);
	assert_float_equal(shape->w, side, 1e-9);
	assert_float_equal(shape->h, side, 1e-9);
	assert_float_equal(shape->y + shape->h, 0, 1e-9);	/* stands on the baseline */
	double space = font_advance(fn, ' ') * st->size / 1000.0;
	assert_float_equal(shape->x, word->w + space + pad, 1e-6);
	assert_int_equal(inv->type, BOX_TEXT);
	assert_true(inv->invisible);
	assert_int_equal(inv->len, 3);
	assert_memory_equal(inv->text, "Gul", 3);
	assert_float_equal(inv->w, side + 2 * pad, 1e-9);
	assert_float_equal(inv->x + inv->w / 2, shape->x + shape->w / 2, 1e-9);
	assert_false(pl.run[3].b.invisible);
	assert_float_equal(pl.run[3].b.x, inv->x + inv->w + space, 1e-6);
	free(pl.run);
	brk_free(&r);
	para_free(&p);
	arena_free(&mem);
}

/* a shown word follows its symbol, kept with it by a no-break space */
static void test_inline_shown(void **state)
{
	struct fix *f = *state;
	const struct style *st = layout_style(f->lay, "body");
	const struct symdef *d = symbol_find(symbol_set(f->lay, "indikator"), "helt");
	struct arena mem = {0};
	struct para p;
	para_init(&p, f->lay, &mem, &f->dg, 1);
	para_symbol(&p, d, st->face, st, 0, SYMWORD_SHOWN);
	para_finish(&p, st);
	struct brkshape sh = { 400, 400, 1 };
	struct brkres r = {0};
	brk_lines(p.it, p.n, &sh, BRK_TOTALFIT, &r);
	struct pline pl;
	para_setline(&p, &r, 0, ALIGN_LEFT, 400, &pl, &mem);
	assert_int_equal(pl.nrun, 2);
	assert_int_equal(pl.run[0].b.type, BOX_SHAPE);
	assert_int_equal(pl.run[1].b.type, BOX_TEXT);
	assert_false(pl.run[1].b.invisible);
	assert_int_equal(pl.run[1].b.len, (int)strlen("\u00a0Helt"));
	assert_memory_equal(pl.run[1].b.text, "\u00a0Helt", strlen("\u00a0Helt"));
	free(pl.run);
	brk_free(&r);
	para_free(&p);
	arena_free(&mem);
}

int main(void)
{
	xml_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_standard_sets),
		cmocka_unit_test(test_lookup_messages),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_inline_geometry),
		cmocka_unit_test(test_inline_shown),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);
	xml_cleanup();
	return rc;
}
