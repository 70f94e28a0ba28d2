/*
 * test_pdftag: what the PDF writer draws and marks beyond text: the vector
 * shapes and paths (operators, and where the ink falls on the rendered
 * page), tagged PDF (a hand-built structure read back by `pdfinfo
 * -struct-text`, marked content, ParentTree, link OBJR, attributes) and
 * PDF/A-1b (XMP, OutputIntent, /ID, CIDSet, determinism; PDFBox Preflight
 * when it is installed, else that one assertion is skipped with a message).
 */
#include "pdftest.h"

/* --- vector shapes and paths */

static struct box *shape(struct page *pg, double x, double y, double size, enum shape sh)
{
	struct box *b = pdoc_box(pg, BOX_SHAPE);
	b->x = x;
	b->y = y;
	b->w = b->h = size;
	b->shape = sh;
	return b;
}

/* dark pixels in the top and bottom (or left and right) halves of the
 * square of the given size at (x, y) */
static void halves(struct fixture *fx, int x, int y, int size, int vertical, long *a, long *b)
{
	if (vertical) {
		*a = ink(fx, x, y, size, size / 2);
		*b = ink(fx, x, y + size / 2, size, size / 2);
	} else {
		*a = ink(fx, x, y, size / 2, size);
		*b = ink(fx, x + size / 2, y, size / 2, size);
	}
}

static void test_shapes_and_paths(void **state)
{
	struct fixture *fx = *state;
	struct page *pg = &fx->pd.page[0];
	/* 40 pt symbols, 60 pt apart: nine from (40, 480), the rest from (40, 540) */
	for (int i = 0; i <= SHAPE_RING; i++)
		shape(pg, 40 + 60 * (i % 9), 480 + 60 * (i / 9), 40, (enum shape)i);
	struct box *b = pdoc_box(pg, BOX_RULE);
	b->x = 40;
	b->y = 620;
	b->w = 500;
	b->lw = 2;
	b->dash = 1.5;
	static const double zig[] = { 40, 700, 140, 650, 240, 700, 340, 650 };
	b = pdoc_box(pg, BOX_PATH);
	b->pt = zig;
	b->npt = 4;
	b->lw = 3;
	b->dash = 4;
	b->color = (struct rgb){ 1, 0, 0 };
	static const double tri[] = { 400, 700, 500, 700, 450, 650 };
	b = pdoc_box(pg, BOX_PATH);
	b->pt = tri;
	b->npt = 3;
	b->closed = 1;
	write_ok(fx);
	char *out = qdf(fx);
	/* the disc and the ring are Bézier circles: 4 curves each */
	assert_true(count(out, " c\n") >= 8);
	/* the dashed rule and the dashed path, each inside q … Q */
	assert_non_null(strstr(out, "2 w\nq\n[1.50 1.50] 0 d\n40 221.89 m\n540 221.89 l\nS\nQ\n"));
	assert_non_null(strstr(out, "1 0 0 RG\n3 w\nq\n1 j\n[4.00 4.00] 0 d\n40 141.89 m\n"
		"140 191.89 l\n240 141.89 l\n340 191.89 l\nS\nQ\n"));
	/* the filled triangle path: three points, filled */
	assert_non_null(strstr(out, "400 141.89 m\n500 141.89 l\n450 191.89 l\nf\n"));
	/* stroked symbols: round caps and joins, default width 0.12 × 40 */
	assert_non_null(strstr(out, "4.8 w\n"));
	assert_non_null(strstr(out, "1 J\n"));
	assert_non_null(strstr(out, "1 j\n"));
	/* q and Q balance, so nothing leaks into later boxes */
	assert_int_equal(count(out, "\nq\n"), count(out, "\nQ\n"));
	free(out);

	/* where the ink is: each symbol inks its box, nothing beside it */
	long top, bottom, left, right;
	for (int i = 0; i <= SHAPE_RING; i++) {
		int x = 40 + 60 * (i % 9), y = 480 + 60 * (i / 9);
		long in = ink(fx, x, y, 40, 40);
		if (in < 100)
			fail_msg("shape %d: only %ld dark pixels", i, in);
		long beside = ink(fx, x - 12, y - 10, 10, 60);
		if (beside)
			fail_msg("shape %d: %ld dark pixels beside it", i, beside);
	}
	/* a disc is round: less ink than the square, which fills its box */
	assert_true(ink(fx, 40, 480, 40, 40) < ink(fx, 160, 480, 40, 40));
	assert_int_equal(ink(fx, 160, 480, 40, 40), 1600);
	/* and each points its way */
	halves(fx, 220, 480, 40, 1, &top, &bottom);	/* ▲ */
	assert_true(bottom > 2 * top);
	halves(fx, 280, 480, 40, 1, &top, &bottom);	/* ▼ */
	assert_true(top > 2 * bottom);
	halves(fx, 340, 480, 40, 1, &top, &bottom);	/* ↑: the head is at the top */
	assert_true(top > bottom);
	halves(fx, 400, 480, 40, 0, &left, &right);	/* → */
	assert_true(right > left);
	halves(fx, 460, 480, 40, 1, &top, &bottom);	/* ↓ */
	assert_true(bottom > top);
	halves(fx, 520, 480, 40, 1, &top, &bottom);	/* ↗ */
	assert_true(top > bottom);
	halves(fx, 40, 540, 40, 1, &top, &bottom);	/* ↘ */
	assert_true(bottom > top);
	/* the ring is hollow, the cross is not */
	assert_int_equal(ink(fx, 175, 555, 10, 10), 0);
	assert_true(ink(fx, 115, 555, 10, 10) > 20);
	/* the dashed rule has gaps between inked dashes */
	long dashes = ink(fx, 40, 618, 500, 4);
	assert_true(dashes > 500 && dashes < 1500);
}

/* --- tagged PDF */

static struct box *ttext(struct pdoc *pd, struct page *pg, double x, double y, const char *s,
	int tag)
{
	return pdoc_text(pd, pg, x, y, FACE_REGULAR, SIZE, black, s, (int)strlen(s), tag);
}

/* one page: Document > H1, P (a hyphenated word over two lines, a URI link
 * on text of the P, a status symbol as Span, an internal link on text of
 * its own Link element), L > LI > Lbl + LBody, Figure, Table > TR > TH + TD,
 * Note; a band and a footer as artifacts */
static void build_tagged(struct pdoc *pd)
{
	const struct fontset *fs = pd->fonts;
	pdoc_free(pd);
	pd->fonts = fs;
	pd->kern = 1;
	pd->info.title = TITLE;
	pd->info.lang = "sv-SE";
	pd->info.date = 1726000000;
	struct page *pg = pdoc_page(pd, 595.28, 841.89);
	int doc = pdoc_selem(pd, "Document", -1);
	int h1 = pdoc_selem(pd, "H1", doc);
	int p = pdoc_selem(pd, "P", doc);
	int span = pdoc_selem(pd, "Span", p);
	pd->selem[span].actual = "uppfyllt";
	int link = pdoc_selem(pd, "Link", p);
	int l = pdoc_selem(pd, "L", doc);
	int li = pdoc_selem(pd, "LI", l);
	int lbl = pdoc_selem(pd, "Lbl", li);
	int lbody = pdoc_selem(pd, "LBody", li);
	int fig = pdoc_selem(pd, "Figure", doc);
	pd->selem[fig].alt = "Diagram: väntetiden sjönk från 40 till 25 dagar";
	int tab = pdoc_selem(pd, "Table", doc);
	int tr = pdoc_selem(pd, "TR", tab);
	int th = pdoc_selem(pd, "TH", tr);
	pd->selem[th].scope = "Column";
	int td = pdoc_selem(pd, "TD", tr);
	pd->selem[td].colspan = 2;
	int note = pdoc_selem(pd, "Note", doc);

	struct box *b = pdoc_box(pg, BOX_RECT);	/* decoration */
	b->w = 595.28;
	b->h = 40;
	ttext(pd, pg, 70, 100, "1 Inledning", h1);
	ttext(pd, pg, 70, 130, "Rapporten avser verk-", p)->hyphen = 1;
	ttext(pd, pg, 70, 145, "samheten under året.", p);
	b = ttext(pd, pg, 70, 160, "Läs mer på webben", p);
	struct box *lk = pdoc_box(pg, BOX_LINK);
	lk->x = 70;
	lk->y = 160 - SIZE;
	lk->w = b->w;
	lk->h = SIZE * 1.2;
	lk->uri = "https://example.org/";
	lk->tag = p;
	b = shape(pg, 70, 170, 10, SHAPE_CIRCLE);
	b->tag = span;
	b->color = (struct rgb){ 0, 0.6f, 0 };
	b = ttext(pd, pg, 70, 195, "Se avsnitt ", p);
	b = ttext(pd, pg, 70 + b->w, 195, "Inledning", link);
	lk = pdoc_box(pg, BOX_LINK);
	lk->x = b->x;
	lk->y = 195 - SIZE;
	lk->w = b->w;
	lk->h = SIZE * 1.2;
	lk->dest_page = 0;
	lk->dest_y = 90;
	lk->tag = link;
	ttext(pd, pg, 70, 220, "•", lbl);
	ttext(pd, pg, 90, 220, "Första punkten", lbody);
	static const double bars[] = { 70, 300, 70, 250, 120, 250, 120, 300 };
	b = pdoc_box(pg, BOX_PATH);
	b->pt = bars;
	b->npt = 4;
	b->closed = 1;
	b->tag = fig;
	ttext(pd, pg, 70, 340, "Område", th);
	ttext(pd, pg, 200, 340, "Värde", td);
	ttext(pd, pg, 70, 370, "1) En fotnot.", note);
	b = ttext(pd, pg, 70, 800, "Sida 1 (1)", -1);
	b->artifact = ART_FOOTER;
}

static void test_tagged_structure(void **state)
{
	struct fixture *fx = *state;
	build_tagged(&fx->pd);
	write_ok(fx);
	char *out;
	assert_int_equal(run(&out, "pdfinfo '%s' 2>&1", fx->path), 0);
	assert_non_null(strstr(out, "Tagged:          yes"));
	free(out);
	assert_int_equal(run(&out, "pdfinfo -struct-text '%s' 2>&1", fx->path), 0);
	/* the tree in reading order with each element's text: the hyphenation
	 * hyphen reads as nothing, line ends as spaces */
	const char *want[] = {
		"Document\n",
		"  H1 (block)\n    \"1 Inledning \"\n",
		"  P (block)\n    \"Rapporten avser verk\"\n"
		"    \"samheten under året. Läs mer på webben \"\n",
		"    Link (inline)\n      Object ",
		"    Span (inline)\n",
		"    \"Se avsnitt \"\n    Link (inline)\n      \"Inledning \"\n      Object ",
		"  L (block)\n    LI (block)\n      Lbl (block)\n        \"• \"\n"
		"      LBody (block)\n        \"Första punkten \"\n",
		"  Figure\n",
		"  Table (block)\n    TR\n      TH:\n         /Scope /Column\n        \"Område \"\n"
		"      TD:\n         /ColSpan 2\n        \"Värde \"\n",
		"  Note <note14> (inline)\n    \"1) En fotnot. \"\n",
	};
	const char *at = out;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *p = strstr(at, want[i]);
		if (!p)
			fail_msg("struct-text lacks (in order) \"%s\":\n%s", want[i], out);
		at = p + strlen(want[i]);
	}
	/* artifacts are not in the structure */
	assert_null(strstr(out, "Sida 1"));
	free(out);

	out = qdf(fx);
	/* marked content: one sequence per run, balanced, MCIDs 0.. in order */
	assert_int_equal(count(out, " BDC\n"), count(out, "EMC\n"));
	assert_non_null(strstr(out, "/Artifact <</Type /Layout>> BDC\n"));
	assert_non_null(strstr(out, "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"));
	assert_non_null(strstr(out, "/H1 <</MCID 0>> BDC\n"));
	assert_non_null(strstr(out, "/P <</MCID 1>> BDC\n"));
	assert_non_null(strstr(out, "/P <</MCID 2>> BDC\n"));
	assert_non_null(strstr(out, "/Span <</MCID 3>> BDC\n"));
	assert_non_null(strstr(out, "/Link <</MCID 5>> BDC\n"));
	assert_non_null(strstr(out, "/Figure <</MCID 8>> BDC\n"));
	assert_non_null(strstr(out, "/Note <</MCID 11>> BDC\n"));
	assert_null(strstr(out, "<</MCID 12>>"));
	/* the hyphenation hyphen is an artifact between two sequences of the
	 * paragraph; the line end reads as a space drawn after the line */
	assert_non_null(strstr(out, "] TJ\nET\nEMC\n/Artifact <</Type /Layout>> BDC\nBT\n"));
	assert_non_null(strstr(out, "[<002d>] TJ\nET\nEMC\n/P <</MCID 2>> BDC\n"));
	assert_non_null(strstr(out, "002e0020>] TJ"));	/* "året. " */
	/* the structure tree: root, ParentTree, page and annotation keys, OBJR */
	assert_non_null(strstr(out, "/Type /StructTreeRoot"));
	assert_non_null(strstr(out, "/ParentTree "));
	assert_non_null(strstr(out, "/ParentTreeNextKey 3"));
	assert_non_null(strstr(out, "/StructParents 0"));
	assert_non_null(strstr(out, "/StructParent 1\n"));
	assert_non_null(strstr(out, "/StructParent 2\n"));
	assert_int_equal(count(out, "/Type /OBJR"), 2);
	assert_non_null(strstr(out, "/Type /OBJR"));
	assert_non_null(strstr(out, "/Tabs /S"));
	assert_non_null(strstr(out, "/Marked true"));
	/* ParentTree: page 0 lists the element of each of its 12 MCIDs (the
	 * three sequences of the paragraph name the same element), keys 1 and
	 * 2 the links' elements */
	const char *nums = strstr(out, "/Nums [\n    0\n    [\n");
	assert_non_null(nums);
	nums = strchr(nums, '[') + 1;
	nums = strchr(nums, '[') + 1;
	int ref[12], k;
	for (int i = 0; i < 12; i++) {
		assert_int_equal(sscanf(nums, " %d 0 R%n", &ref[i], &k), 1);
		nums += k;
	}
	assert_int_equal(strncmp(nums, "\n    ]\n    1\n    ", 15), 0);
	assert_true(ref[1] == ref[2] && ref[2] == ref[4]);
	assert_true(ref[0] != ref[1] && ref[3] != ref[2] && ref[5] != ref[4]);
	/* texts and attributes */
	assert_non_null(strstr(out, "/ActualText <feff0075007000700066"));	/* "uppf…" */
	assert_non_null(strstr(out, "/Alt <feff0044006900610067"));	/* "Diag…" */
	assert_non_null(strstr(out, "/O /Table\n    /Scope /Column\n"));
	assert_non_null(strstr(out, "/ColSpan 2\n    /O /Table\n"));
	assert_non_null(strstr(out, "/ID (note14)"));
	/* a link's /Contents is the text under it */
	assert_non_null(strstr(out, "/Contents <feff004c00e40073"));	/* "Läs…" */
	assert_non_null(strstr(out, "/Contents <feff0049006e006c0065"));	/* "Inle…" */
	free(out);
}

/* --- PDF/A-1b */

static int have_preflight(void)
{
	return system("command -v java >/dev/null 2>&1 && "
		"test -r /usr/share/java/preflight.jar") == 0;
}

static void pdfa_write(struct fixture *fx, const char *path)
{
	char icc[512];
	repo_path(icc, sizeof(icc), "data/sRGB.icc");
	struct pdfopt opt = { .pdfa = 1, .icc = icc };
	int rc = pdf_write(&fx->pd, path, &opt, &fx->dg);
	if (rc != 0)
		fail_msg("pdf_write --pdfa failed: %s", diag_text(fx));
}

static void test_pdfa(void **state)
{
	struct fixture *fx = *state;
	build_tagged(&fx->pd);
	/* markup in the title must come out escaped in the XMP */
	fx->pd.info.title = "Väntetider & åtgärder <2024>";
	fx->pd.info.author = AUTHOR;
	fx->pd.info.creator = "folio test";
	fx->pd.info.keywords = "väntetider";
	pdfa_write(fx, fx->path);
	char *out = qdf(fx);
	assert_int_equal(strncmp(out, "%PDF-1.4", 8), 0);
	assert_non_null(strstr(out, "/Subtype /XML\n  /Type /Metadata\n"));
	assert_non_null(strstr(out, "<rdf:li xml:lang=\"x-default\">Väntetider &amp; åtgärder "
		"&lt;2024&gt;</rdf:li>"));
	assert_non_null(strstr(out, "<dc:creator><rdf:Seq><rdf:li>Region Östergötland</rdf:li>"));
	assert_non_null(strstr(out, "<xmp:CreateDate>2024-09-10T20:26:40Z</xmp:CreateDate>"));
	assert_non_null(strstr(out, "<xmp:MetadataDate>2024-09-10T20:26:40Z</xmp:MetadataDate>"));
	assert_non_null(strstr(out, "<pdf:Producer>libharu 2.3.0</pdf:Producer>"));
	assert_non_null(strstr(out, "<pdfaid:part>1</pdfaid:part>"));
	assert_non_null(strstr(out, "<pdfaid:conformance>B</pdfaid:conformance>"));
	assert_non_null(strstr(out, "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
	assert_non_null(strstr(out, "<pdfuaid:part>1</pdfuaid:part>"));
	assert_non_null(strstr(out, "/S /GTS_PDFA1"));
	assert_non_null(strstr(out, "/OutputConditionIdentifier (sRGB IEC61966-2.1)"));
	assert_non_null(strstr(out, "/CIDSet "));
	assert_non_null(strstr(out, "/CapHeight "));
	assert_non_null(strstr(out, "/Producer <feff006c0069006200680061007200750020"));
	const char *id = strstr(out, "/ID [<");
	assert_non_null(id);
	char first[40];
	assert_int_equal(sscanf(id, "/ID [<%32[0-9a-f]>", first), 1);
	assert_int_equal(strlen(first), 32);
	free(out);

	/* the same document twice: the same bytes, /ID included */
	char again[160];
	snprintf(again, sizeof(again), "%s/again.pdf", fx->dir);
	pdfa_write(fx, again);
	assert_int_equal(run(&out, "cmp '%s' '%s' 2>&1", fx->path, again), 0);
	free(out);
	/* other text, another /ID */
	fx->pd.page[0].box[1].text = "1 Inledningen";
	fx->pd.page[0].box[1].len = 13;
	pdfa_write(fx, again);
	assert_int_equal(run(&out, "qpdf --qdf --object-streams=disable '%s' - | grep -c '%s'",
		again, first), 1);
	assert_string_equal(out, "0\n");
	free(out);
	/* a missing ICC profile: an error naming it, nothing written */
	struct pdfopt bad = { .pdfa = 1, .icc = "/nonexistent/sRGB.icc" };
	char none[160];
	snprintf(none, sizeof(none), "%s/none.pdf", fx->dir);
	assert_int_equal(pdf_write(&fx->pd, none, &bad, &fx->dg), -1);
	assert_non_null(strstr(diag_text(fx), "cannot embed the ICC profile /nonexistent/sRGB.icc"));
	struct stat st;
	assert_int_equal(stat(none, &st), -1);

	if (!have_preflight()) {
		fprintf(stderr, "test_pdfa: PDFBox Preflight is not installed: the validator "
			"assertion is skipped here (tests/pdfa.sh fails instead)\n");
		return;
	}
	assert_int_equal(run(&out, "java -cp /usr/share/java/preflight.jar:"
		"/usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar:"
		"/usr/share/java/xmpbox.jar:/usr/share/java/commons-logging.jar:"
		"/usr/share/java/javax.activation.jar:/usr/share/java/jaxb-api.jar "
		"org.apache.pdfbox.preflight.Validator_A1b '%s' 2>&1", fx->path), 0);
	if (!strstr(out, "is a valid PDF/A-1b file"))
		fail_msg("Preflight:\n%s", out);
	free(out);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_shapes_and_paths),
		T(test_tagged_structure),
		T(test_pdfa),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
