/*
 * test_pdf: the PDF writer, checked from the outside.  The fixture document
 * (pdftest.h) is written and read back with qpdf and poppler-utils through
 * popen: structure, fonts, extracted text, info, glyph positions,
 * byte-for-byte determinism (also with writers in parallel threads), and
 * what failures leave on disk.  Shapes, tagged PDF and PDF/A are in
 * test_pdftag.c.
 */
#include "pdftest.h"

static void test_qpdf_check(void **state)
{
	struct fixture *fx = *state;
	write_ok(fx);
	char *out;
	int rc = run(&out, "qpdf --check '%s' 2>&1", fx->path);
	if (rc != 0)
		fail_msg("qpdf --check exit %d:\n%s", rc, out);
	assert_non_null(strstr(out, "No syntax or stream encoding errors found"));
	free(out);
	struct stat st;
	assert_int_equal(stat(fx->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
}

static void test_fonts_embedded_with_unicode(void **state)
{
	struct fixture *fx = *state;
	write_ok(fx);
	char *out;
	assert_int_equal(run(&out, "pdffonts '%s' 2>&1", fx->path), 0);
	/* header, rule, then one line per font */
	int fonts = 0;
	char *save, *line = strtok_r(out, "\n", &save);
	for (int i = 0; line; line = strtok_r(NULL, "\n", &save), i++) {
		if (i < 2)
			continue;
		fonts++;
		if (!strstr(line, "CID TrueType") || !strstr(line, "Identity-H") ||
			!strstr(line, " yes yes yes "))
			fail_msg("font not embedded+subset+unicode: %s", line);
	}
	assert_int_equal(fonts, 2);
	free(out);
}

static void test_text_extracts_exactly(void **state)
{
	struct fixture *fx = *state;
	write_ok(fx);
	char *out;
	/* stderr too: the old malformed ToUnicode made poppler warn here */
	assert_int_equal(run(&out, "pdftotext -layout '%s' - 2>&1", fx->path), 0);
	assert_null(strstr(out, "Syntax"));
	assert_null(strstr(out, "begincidrange"));
	/* poppler extracts U+00A0 as a word break, so compare with a space;
	 * test_structure checks that the code 00A0 itself is drawn */
	char swedish[128];
	snprintf(swedish, sizeof(swedish), "%s", SWEDISH);
	char *nbsp = strstr(swedish, "\u00a0");
	assert_non_null(nbsp);
	memmove(nbsp, nbsp + 1, strlen(nbsp));
	*nbsp = ' ';
	const char *want[] = { "1 Inledning", swedish, LINE, "AVATAR", "Se avsnitt 2 Väntetider",
		"Läs mer på webben", "2 Väntetider", "Andra sidan" };
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (!strstr(out, want[i]))
			fail_msg("pdftotext lacks \"%s\":\n%s", want[i], out);
	/* the justified copy keeps single spaces between its words */
	const char *first = strstr(out, LINE);
	assert_non_null(strstr(first + 1, LINE));
	free(out);
}

static void test_info(void **state)
{
	struct fixture *fx = *state;
	write_ok(fx);
	char *out;
	assert_int_equal(run(&out, "TZ=UTC pdfinfo '%s' 2>&1", fx->path), 0);
	char want[256];
	snprintf(want, sizeof(want), "Title:           %s\n", TITLE);
	assert_non_null(strstr(out, want));
	snprintf(want, sizeof(want), "Author:          %s\n", AUTHOR);
	assert_non_null(strstr(out, want));
	assert_non_null(strstr(out, "Subject:         Uppföljning – kvartal 3\n"));
	assert_non_null(strstr(out, "Keywords:        väntetider, vård\n"));
	assert_non_null(strstr(out, "Creator:         folio test\n"));
	assert_non_null(strstr(out, "Pages:           2\n"));
	assert_non_null(strstr(out, "CreationDate:    Tue Sep 10 20:26:40 2024 UTC\n"));
	assert_non_null(strstr(out, "ModDate:         Tue Sep 10 20:26:40 2024 UTC\n"));
	assert_non_null(strstr(out, "Page size:       595.28 x 841.89 pts (A4)"));
	free(out);
}

static void test_structure(void **state)
{
	struct fixture *fx = *state;
	write_ok(fx);
	char *out = qdf(fx);
	assert_int_equal(strncmp(out, "%PDF-1.4", 8), 0);
	/* catalog */
	assert_non_null(strstr(out, "/Lang (sv-SE)"));
	assert_non_null(strstr(out, "/DisplayDocTitle true"));
	assert_non_null(strstr(out, "/PageMode /UseOutlines"));
	assert_non_null(strstr(out, "/PageLabels"));
	/* ToUnicode rewritten: bfrange, no CID ranges, no surrogates, and
	 * only for the high bytes of codes drawn: the regular face draws
	 * 00xx and 20xx (– and ”), the bold one 00xx */
	assert_non_null(strstr(out, "2 beginbfrange\n<0000> <00FF> <0000>\n<2000> <20FF> <2000>\n"));
	assert_non_null(strstr(out, "1 beginbfrange\n<0000> <00FF> <0000>\n"));
	assert_null(strstr(out, "<FF00>"));
	assert_null(strstr(out, "<D800>"));
	assert_null(strstr(out, "begincidrange"));
	assert_null(strstr(out, "/Ordering (Identity-H)"));
	/* links: borderless, FitH destination, percent-encoded URI */
	assert_non_null(strstr(out, "/Border [\n    0\n    0\n    0\n  ]"));
	assert_non_null(strstr(out, "/FitH"));
	assert_non_null(strstr(out, "/URI (https://example.org/v%C3%A4ntetider?%C3%A5r=2024)"));
	/* kerning (A-V, V-A, A-T, T-A are -74/1000 em) and justification
	 * (4 pt at 12 pt = 333.33/1000 em) as TJ offsets, never Tw; qpdf's
	 * QDF mode writes the hex in lower case */
	assert_non_null(strstr(out, "[<0041> 74 <0056> 74 <0041> 74 <0054> 74 <00410052>] TJ"));
	assert_non_null(strstr(out, "006500720020> -333.33 <007000e50020> -333.33 <0076"));
	assert_null(strstr(out, " Tw"));
	/* the no-break space is drawn as itself */
	assert_non_null(strstr(out, "003100a00032"));
	/* one BT..ET per text box (7 + 2), balanced, so libharu's graphics
	 * mode is back to page description for the rule after the text; Tf
	 * only when face or size changes (bold 16, regular 12 per page) */
	assert_int_equal(count(out, "\nBT\n"), 9);
	assert_int_equal(count(out, "\nET\n"), 9);
	assert_int_equal(count(out, " Tf\n"), 4);
	assert_non_null(strstr(out, "ET\n0.5 w\n70.87 681.89001 m\n524.40997 681.89001 l\nS\n"));
	/* no structure elements: no tagging at all */
	assert_null(strstr(out, "BDC"));
	assert_null(strstr(out, "/StructTreeRoot"));
	assert_null(strstr(out, "/MarkInfo"));
	/* links are printable even without PDF/A, and say what they are */
	assert_int_equal(count(out, "/F 4\n"), 2);
	assert_non_null(strstr(out, "/Contents <feff0053006500200061"));	/* "Se a…" */
	free(out);
}

static void test_outline_and_labels(void **state)
{
	struct fixture *fx = *state;
	write_ok(fx);
	char *out;
	assert_int_equal(run(&out, "qpdf --json --json-key=outlines --json-key=pagelabels '%s'",
		fx->path), 0);
	/* titles are exact UTF-8; qpdf prints an entry's kids before its
	 * title, so 1.1 sits in the only non-empty kids array, inside "1" */
	const char *l1 = strstr(out, "\"title\": \"1 Inledning\"");
	const char *l11 = strstr(out, "\"title\": \"1.1 Bakgrund ”ö”\"");
	const char *l2 = strstr(out, "\"title\": \"2 Väntetider\"");
	const char *kids = strstr(out, "\"kids\": [\n        {");
	assert_true(l1 && l11 && l2 && kids);
	assert_true(kids < l11 && l11 < l1 && l1 < l2);
	/* FitH at the heading: 841.89 - 100, 841.89 - 280, 841.89 - 72 */
	assert_non_null(strstr(out, "\"/FitH\",\n        741.89"));
	assert_non_null(strstr(out, "\"/FitH\",\n            561.89"));
	assert_non_null(strstr(out, "\"/FitH\",\n        769.89"));
	assert_non_null(strstr(out, "\"destpageposfrom1\": 2"));
	/* a single decimal range from the first page */
	assert_non_null(strstr(out, "\"pagelabels\": [\n    {\n      \"index\": 0,\n"
		"      \"label\": {\n        \"/S\": \"/D\",\n        \"/St\": 1\n      }\n    }\n  ]"));
	free(out);
}

static void test_deterministic(void **state)
{
	struct fixture *fx = *state;
	write_ok(fx);
	char other[160], *out;
	snprintf(other, sizeof(other), "%s/again.pdf", fx->dir);
	assert_int_equal(pdf_write(&fx->pd, other, NULL, &fx->dg), 0);
	assert_int_equal(run(&out, "cmp '%s' '%s' 2>&1", fx->path, other), 0);
	free(out);
}

/* one of several writers running at once */
struct job {
	const struct pdoc *pd;	/* shared, read-only */
	char path[160];		/* own output file */
	int rc;			/* pdf_write's result */
};

static void *job_run(void *arg)
{
	struct job *j = arg;
	struct diag dg = { .out = stderr };
	j->rc = pdf_write(j->pd, j->path, NULL, &dg);
	return NULL;
}

/* batch rendering writes documents in parallel threads: no shared state,
 * so every thread produces the same bytes as a lone writer */
static void test_parallel_writers(void **state)
{
	struct fixture *fx = *state;
	write_ok(fx);
	struct job job[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		job[i].pd = &fx->pd;
		snprintf(job[i].path, sizeof(job[i].path), "%s/par%d.pdf", fx->dir, i);
		assert_int_equal(pthread_create(&th[i], NULL, job_run, &job[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(job[i].rc, 0);
		char *out;
		assert_int_equal(run(&out, "cmp '%s' '%s' 2>&1", fx->path, job[i].path), 0);
		free(out);
	}
}

/* x extent of the word w whose baseline is near y, from pdftotext -bbox */
static int word_box(const char *xml, const char *w, double y, double *x0, double *x1)
{
	char tag[128];
	snprintf(tag, sizeof(tag), ">%s</word>", w);
	for (const char *p = strstr(xml, tag); p; p = strstr(p + 1, tag)) {
		const char *start = p;
		while (start > xml && strncmp(start, "<word ", 6) != 0)
			start--;
		double a, b, c, d;
		if (sscanf(start, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
			&a, &b, &c, &d) == 4 && y > b && y < d + 1) {
			*x0 = a;
			*x1 = c;
			return 0;
		}
	}
	return -1;
}

static void test_positions(void **state)
{
	struct fixture *fx = *state;
	write_ok(fx);
	char *xml;
	assert_int_equal(run(&xml, "pdftotext -bbox '%s' - 2>/dev/null", fx->path), 0);
	const struct font *f = &fx->fs.face[FACE_REGULAR];
	double a0, a1, b0, b1;
	/* every gap of the justified copy is WS wider than in the plain one */
	const char *words[] = { "Väntetider", "på", "vårdcentral", "i", "länet" };
	for (int i = 0; i + 1 < 5; i++) {
		double p0, p1, q0, q1, j0, j1, k0, k1;
		assert_int_equal(word_box(xml, words[i], Y_PLAIN, &p0, &p1), 0);
		assert_int_equal(word_box(xml, words[i + 1], Y_PLAIN, &q0, &q1), 0);
		assert_int_equal(word_box(xml, words[i], Y_JUST, &j0, &j1), 0);
		assert_int_equal(word_box(xml, words[i + 1], Y_JUST, &k0, &k1), 0);
		assert_float_equal((k0 - j1) - (q0 - p1), WS, 0.01);
		/* and the words themselves are unchanged */
		assert_float_equal(k1 - k0, q1 - q0, 0.01);
	}
	/* the justified line ends where its box says */
	const struct box *just = &fx->pd.page[0].box[5];
	assert_float_equal(just->wordspace, WS, 0);
	assert_int_equal(word_box(xml, "länet", Y_JUST, &a0, &a1), 0);
	assert_float_equal(a1, just->x + just->w, 0.01);
	/* AVATAR is narrower than its glyphs' advances by the kerning */
	assert_int_equal(word_box(xml, "AVATAR", Y_KERN, &b0, &b1), 0);
	double plain = font_width(f, "AVATAR", 6, 0) * SIZE / 1000;
	double kerned = font_width(f, "AVATAR", 6, 1) * SIZE / 1000;
	assert_true(plain - kerned > 2.0);
	assert_float_equal(b1 - b0, kerned, 0.01);
	assert_float_equal(b0, 70.87, 0.01);
	free(xml);
}

/* the raw TJ glyphs are really in the font subset (libharu drops the
 * outlines of glyphs it has not measured), the rule and the rectangle
 * are drawn, and nothing is drawn where nothing should be */
static void test_renders_ink(void **state)
{
	struct fixture *fx = *state;
	write_ok(fx);
	assert_true(ink(fx, 70, (int)Y_KERN - 10, 50, 12) > 60);	/* AVATAR */
	assert_true(ink(fx, 70, (int)Y_JUST - 10, 200, 12) > 150);	/* justified */
	assert_true(ink(fx, 70, 140, 280, 12) > 300);	/* Swedish line */
	assert_int_equal(ink(fx, 0, 0, 595, 50), 595 * 50);	/* navy band */
	assert_true(ink(fx, 80, 158, 400, 4) >= 400);	/* the rule */
	assert_int_equal(ink(fx, 70, 170, 400, 100), 0);	/* empty space */
}

/* two faces from one file are one font: the code points of both must be
 * in it (the writer narrows each font's cmap to the codes drawn).  The
 * text of the second face is there and drawn with the same glyphs as in
 * the first (a missing code would show .notdef boxes) */
static void test_faces_share_a_file(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(load(&fx->fs.face[FACE_ITALIC], "LiberationSans-Regular.ttf"), 0);
	/* letters no other text of the document has */
	struct box *b = text(&fx->pd, &fx->pd.page[0], 300, 250, FACE_ITALIC, 24, "ZQXJ");
	write_ok(fx);
	char *out;
	assert_int_equal(run(&out, "pdffonts '%s' 2>&1", fx->path), 0);
	int lines = 0;
	for (char *p = out; (p = strchr(p, '\n')); p++)
		lines++;
	assert_int_equal(lines, 2 + 2);	/* header, rule, regular, bold */
	free(out);
	assert_int_equal(run(&out, "pdftotext -f 1 -l 1 '%s' - 2>&1", fx->path), 0);
	assert_non_null(strstr(out, "ZQXJ"));
	assert_non_null(strstr(out, "Åtgärder"));
	free(out);
	long shared = ink(fx, 300, 230, 80, 22);
	b->face = FACE_REGULAR;
	write_ok(fx);
	long own = ink(fx, 300, 230, 80, 22);
	assert_true(own > 80);
	assert_int_equal(shared, own);
}

static void test_labels_runs(void **state)
{
	struct fixture *fx = *state;
	struct pdoc *pd = &fx->pd;
	pdoc_page(pd, 595.28, 841.89);
	pdoc_page(pd, 595.28, 841.89);
	pdoc_page(pd, 595.28, 841.89);
	pd->page[0].label = "iii";
	pd->page[1].label = "iv";
	pd->page[2].label = "1";
	pd->page[3].label = "2";
	pd->page[4].label = "Bilaga Å";
	write_ok(fx);
	char *out;
	assert_int_equal(run(&out, "qpdf --json --json-key=pagelabels '%s'", fx->path), 0);
	/* roman from iii, decimal from 1 at index 2, and a fixed text label
	 * (qpdf marks a decoded UTF-16 string with "u:") */
	char *flat = xmalloc(strlen(out) + 1), *q = flat;
	for (const char *p = out; *p; p++)
		if (*p != '\n' && *p != ' ')
			*q++ = *p;
	*q = '\0';
	assert_non_null(strstr(flat, "\"pagelabels\":["
		"{\"index\":0,\"label\":{\"/S\":\"/r\",\"/St\":3}},"
		"{\"index\":2,\"label\":{\"/S\":\"/D\",\"/St\":1}},"
		"{\"index\":4,\"label\":{\"/P\":\"u:BilagaÅ\",\"/St\":1}}]"));
	assert_non_null(strstr(out, "\"/P\": \"u:Bilaga Å\""));
	free(flat);
	free(out);
}

/* bytes layout should never pass on: invalid UTF-8 and a code point beyond
 * the BMP are not drawn, exactly as font_width did not measure them */
static void test_hostile_text(void **state)
{
	struct fixture *fx = *state;
	struct page *pg = &fx->pd.page[1];
	const char s[] = "AV\xff\xc3 Ende A\xf0\x9f\x98\x80VAV";
	struct box *b = pdoc_text(&fx->pd, pg, 100, 500, FACE_REGULAR, SIZE, black, s,
		(int)strlen(s), -1);
	pdoc_justify(b, 2);
	double right = b->x + b->w;
	write_ok(fx);
	char *xml;
	assert_int_equal(run(&xml, "qpdf --check '%s' >/dev/null 2>&1 && "
		"pdftotext -f 2 -bbox '%s' - 2>&1", fx->path, fx->path), 0);
	double x0, x1;
	assert_int_equal(word_box(xml, "AVAV", 500, &x0, &x1), 0);
	assert_float_equal(x1, right, 0.01);
	assert_int_equal(word_box(xml, "Ende", 500, &x0, &x1), 0);
	free(xml);
}

static void test_nonexistent_directory(void **state)
{
	struct fixture *fx = *state;
	char path[160];
	snprintf(path, sizeof(path), "%s/nodir/out.pdf", fx->dir);
	assert_int_equal(pdf_write(&fx->pd, path, NULL, &fx->dg), -1);
	assert_int_equal(fx->dg.nerr, 1);
	const char *msg = diag_text(fx);
	char want[300];
	snprintf(want, sizeof(want), "error: cannot write %s: No such file or directory", path);
	if (!strstr(msg, want))
		fail_msg("unexpected message: %s", msg);
	char nodir[160];
	snprintf(nodir, sizeof(nodir), "%s/nodir", fx->dir);
	struct stat st;
	assert_int_equal(stat(nodir, &st), -1);
}

/* names in dir other than . and .. */
static int entries(const char *dir, char *names, size_t size)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	names[0] = '\0';
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		strncat(names, e->d_name, size - strlen(names) - 2);
		strcat(names, " ");
	}
	closedir(d);
	return n;
}

static void test_late_failure_leaves_no_temp(void **state)
{
	struct fixture *fx = *state;
	/* the target is a directory: the temporary file gets written, then
	 * rename(2) fails, and the temporary must go */
	assert_int_equal(mkdir(fx->path, 0755), 0);
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	assert_non_null(strstr(diag_text(fx), "cannot write"));
	char names[512];
	int n = entries(fx->dir, names, sizeof(names));
	if (n != 1)
		fail_msg("left behind: %s", names);
	assert_string_equal(names, "out.pdf ");
}

static void test_failure_keeps_old_file(void **state)
{
	struct fixture *fx = *state;
	FILE *f = fopen(fx->path, "w");
	assert_non_null(f);
	fputs("old", f);
	fclose(f);
	/* a font libharu cannot open: fail before anything is written */
	char *saved = fx->fs.face[FACE_BOLD].path;
	fx->fs.face[FACE_BOLD].path = "/nonexistent/x.ttf";
	int rc = pdf_write(&fx->pd, fx->path, NULL, &fx->dg);
	fx->fs.face[FACE_BOLD].path = saved;
	assert_int_equal(rc, -1);
	const char *msg = diag_text(fx);
	if (!strstr(msg, "error: cannot load font /nonexistent/x.ttf: cannot open file: "
		"No such file or directory"))
		fail_msg("unexpected message: %s", msg);
	assert_int_equal(fx->dg.nerr, 1);
	char *out;
	assert_int_equal(run(&out, "cat '%s'", fx->path), 0);
	assert_string_equal(out, "old");
	free(out);
	char names[512];
	assert_int_equal(entries(fx->dir, names, sizeof(names)), 1);

	/* a file that is no font: libharu's code in words */
	fx->fs.face[FACE_BOLD].path = fx->path;
	rc = pdf_write(&fx->pd, fx->path, NULL, &fx->dg);
	fx->fs.face[FACE_BOLD].path = saved;
	assert_int_equal(rc, -1);
	assert_int_equal(fx->dg.nerr, 2);
	assert_non_null(strstr(diag_text(fx), "cannot load font"));
}

static void test_bad_input_refused(void **state)
{
	struct fixture *fx = *state;
	struct pdfopt opt = { .pdfa = 1 };
	assert_int_equal(pdf_write(&fx->pd, fx->path, &opt, &fx->dg), -1);
	assert_non_null(strstr(diag_text(fx), "PDF/A needs an ICC profile"));

	struct box *b = &fx->pd.page[0].box[2];
	b->size = 0;
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	assert_non_null(strstr(diag_text(fx), "page 1, box 3: font size out of range"));
	b->size = SIZE;
	b->x = 1.0 / 0.0;
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	b->x = 70.87;
	b = pdoc_box(&fx->pd.page[1], BOX_LINK);
	b->dest_page = 2;
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	assert_non_null(strstr(diag_text(fx), "link to a page that does not exist"));
	b->dest_page = 0;
	fx->pd.page[1].w = 2;
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	fx->pd.page[1].w = 595.28;
	fx->pd.info.lang = "sv SE";
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	fx->pd.info.lang = "sv-SE";
	assert_int_equal(fx->dg.nerr, 6);
	/* tags and shapes that point nowhere */
	b = &fx->pd.page[0].box[2];
	b->tag = 0;	/* the pdoc has no structure elements */
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	assert_non_null(strstr(diag_text(fx), "page 1, box 3: structure element out of range"));
	b->tag = -1;
	b->artifact = (enum artifact)9;
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	b->artifact = ART_LAYOUT;
	struct box *sh = pdoc_box(&fx->pd.page[1], BOX_SHAPE);
	sh->w = sh->h = 10;
	sh->shape = (enum shape)99;
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	assert_non_null(strstr(diag_text(fx), "unknown shape"));
	sh->shape = SHAPE_RING;
	sh->dash = -1;
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	sh->dash = 0;
	static const double far[] = { 10, 10, 40000, 10 };
	struct box *pa = pdoc_box(&fx->pd.page[1], BOX_PATH);
	pa->pt = far;
	pa->npt = 2;
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	assert_non_null(strstr(diag_text(fx), "path point out of range"));
	pa->npt = 1;
	/* a structure tree that is not a tree, or not standard */
	pdoc_selem(&fx->pd, "Document", -1);
	int p = pdoc_selem(&fx->pd, "P", 0);
	fx->pd.selem[p].parent = p;
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	assert_non_null(strstr(diag_text(fx), "structure element 1 (P): its parent does not precede it"));
	fx->pd.selem[p].parent = 0;
	fx->pd.selem[p].role = "Paragraph";
	assert_int_equal(pdf_write(&fx->pd, fx->path, NULL, &fx->dg), -1);
	assert_non_null(strstr(diag_text(fx), "not a standard structure type"));
	fx->pd.selem[p].role = "TH";
	fx->pd.selem[p].scope = "Column";
	assert_int_equal(fx->dg.nerr, 13);
	struct stat st;
	assert_int_equal(stat(fx->path, &st), -1);
	/* the same document, repaired, writes fine */
	write_ok(fx);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_qpdf_check),
		T(test_fonts_embedded_with_unicode),
		T(test_text_extracts_exactly),
		T(test_info),
		T(test_structure),
		T(test_outline_and_labels),
		T(test_deterministic),
		T(test_parallel_writers),
		T(test_positions),
		T(test_renders_ink),
		T(test_faces_share_a_file),
		T(test_labels_runs),
		T(test_hostile_text),
		T(test_nonexistent_directory),
		T(test_late_failure_leaves_no_temp),
		T(test_failure_keeps_old_file),
		T(test_bad_input_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
