/*
 * pdftest: what the PDF writer's tests share (test_pdf.c, test_pdftag.c):
 * the two-page fixture document (Swedish text, a kerned pair, a justified
 * line, a rule, a rectangle, internal and URI links, a two-level outline)
 * written to a fresh directory under /tmp, and helpers that read the PDF
 * back through qpdf and poppler-utils.  Header-only: each test program
 * includes it once.  FOLIO_KEEP=1 keeps the scratch directory; run from
 * the repository root (fonts/, data/), or set FOLIO_ROOT.
 */
#ifndef FOLIO_PDFTEST_H
#define FOLIO_PDFTEST_H

#include <dirent.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "pdf.h"

#define SIZE 12.0		/* body text size */
#define WS 4.0			/* extra space per U+0020 on the justified line */
#define Y_PLAIN 300.0		/* baseline of the unjustified copy */
#define Y_JUST 330.0		/* baseline of the justified copy */
#define Y_KERN 360.0		/* baseline of the kerned word */

static const char *const TITLE = "Delårsrapport – test ”citat”";
static const char *const AUTHOR = "Region Östergötland";
static const char *const SWEDISH =
	"Åtgärder för ökad tillgänglighet – ”citat” 1\u00a0237,0";
static const char *const LINE = "Väntetider på vårdcentral i länet";

struct fixture {
	struct fontset fs;	/* regular and bold Liberation Sans */
	struct pdoc pd;		/* the test document */
	char dir[64];		/* scratch directory for this test */
	char path[128];		/* dir/out.pdf */
	struct diag dg;		/* diagnostics into msg */
	char *msg;		/* what pdf_write reported */
	size_t msglen;
};

static const struct rgb black = {0, 0, 0};

/* a file of the repository: FOLIO_ROOT/rel, or rel from the current directory */
static void repo_path(char *path, size_t size, const char *rel)
{
	const char *root = getenv("FOLIO_ROOT");
	snprintf(path, size, "%s%s%s", root ? root : "", root ? "/" : "", rel);
}

static int load(struct font *f, const char *name)
{
	char path[512], rel[256], err[256];
	snprintf(rel, sizeof(rel), "fonts/%s", name);
	repo_path(path, sizeof(path), rel);
	if (font_load(f, path, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s (run from the repository root)\n", path, err);
		return -1;
	}
	return 0;
}

static struct box *text(struct pdoc *pd, struct page *pg, double x, double y, int face,
	double size, const char *s)
{
	return pdoc_text(pd, pg, x, y, face, size, black, s, (int)strlen(s), -1);
}

/* the document every test writes, unless it changes it first */
static void build(struct pdoc *pd, const struct fontset *fs)
{
	pd->fonts = fs;
	pd->kern = 1;
	pd->info.title = TITLE;
	pd->info.author = AUTHOR;
	pd->info.subject = "Uppföljning – kvartal 3";
	pd->info.keywords = "väntetider, vård";
	pd->info.creator = "folio test";
	pd->info.lang = "sv-SE";
	pd->info.date = 1726000000;	/* 2024-09-10 20:26:40 UTC */

	struct page *p1 = pdoc_page(pd, 595.28, 841.89);
	struct rgb navy = { 0, 50 / 255.0f, 90 / 255.0f };
	struct box *b = pdoc_box(p1, BOX_RECT);
	b->w = 595.28;
	b->h = 51.02;
	b->color = navy;
	b = pdoc_text(pd, p1, 70.87, 120, FACE_BOLD, 16, navy, "1 Inledning", 11, -1);
	text(pd, p1, 70.87, 150, FACE_REGULAR, SIZE, SWEDISH);
	b = pdoc_box(p1, BOX_RULE);
	b->x = 70.87;
	b->y = 160;
	b->w = 453.54;
	b->lw = 0.5;
	text(pd, p1, 70.87, Y_PLAIN, FACE_REGULAR, SIZE, LINE);
	b = text(pd, p1, 70.87, Y_JUST, FACE_REGULAR, SIZE, LINE);
	pdoc_justify(b, WS);
	text(pd, p1, 70.87, Y_KERN, FACE_REGULAR, SIZE, "AVATAR");
	/* link to page 2, around the text that names it */
	b = text(pd, p1, 70.87, 400, FACE_REGULAR, SIZE, "Se avsnitt 2 Väntetider");
	double w = b->w;
	b = pdoc_box(p1, BOX_LINK);
	b->x = 70.87;
	b->y = 400 - SIZE;
	b->w = w;
	b->h = SIZE * 1.2;
	b->dest_page = 1;
	b->dest_y = 72;
	b = text(pd, p1, 70.87, 430, FACE_REGULAR, SIZE, "Läs mer på webben");
	w = b->w;
	b = pdoc_box(p1, BOX_LINK);
	b->x = 70.87;
	b->y = 430 - SIZE;
	b->w = w;
	b->h = SIZE * 1.2;
	b->uri = "https://example.org/väntetider?år=2024";

	struct page *p2 = pdoc_page(pd, 595.28, 841.89);
	text(pd, p2, 70.87, 90, FACE_BOLD, 16, "2 Väntetider");
	text(pd, p2, 70.87, 120, FACE_REGULAR, SIZE, "Andra sidan");

	pdoc_outline(pd, "1 Inledning", 1, 0, 100);
	pdoc_outline(pd, "1.1 Bakgrund ”ö”", 2, 0, 280);
	pdoc_outline(pd, "2 Väntetider", 1, 1, 72);
}

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));
	if (load(&fx->fs.face[FACE_REGULAR], "LiberationSans-Regular.ttf") < 0 ||
		load(&fx->fs.face[FACE_BOLD], "LiberationSans-Bold.ttf") < 0)
		return -1;
	strcpy(fx->dir, "/tmp/folio-test-pdf-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/out.pdf", fx->dir);
	fx->dg.out = open_memstream(&fx->msg, &fx->msglen);
	build(&fx->pd, &fx->fs);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	char cmd[256];
	/* keep the output for a look when FOLIO_KEEP is set */
	if (!getenv("FOLIO_KEEP")) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", fx->dir);
	}
	fclose(fx->dg.out);
	free(fx->msg);
	pdoc_free(&fx->pd);
	fontset_free(&fx->fs);
	free(fx);
	return 0;
}

/* run a shell command; its stdout (and stderr with 2>&1 in cmd) in *out */
static int run(char **out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int run(char **out, const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0) {
		/* binary streams (CIDSet) would end the string for strstr */
		for (size_t i = 0; i < n; i++)
			if (!chunk[i])
				chunk[i] = '\1';
		buf_put(&b, chunk, n);
	}
	int st = pclose(p);
	*out = buf_take(&b);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const char *diag_text(struct fixture *fx)
{
	fflush(fx->dg.out);
	return fx->msg ? fx->msg : "";
}

static void write_ok(struct fixture *fx)
{
	fx->dg.nerr = 0;
	int rc = pdf_write(&fx->pd, fx->path, NULL, &fx->dg);
	if (rc != 0)
		fail_msg("pdf_write failed: %s", diag_text(fx));
	assert_int_equal(fx->dg.nerr, 0);
}

/* the uncompressed object text, for checking dictionaries (not inlined:
 * gcc 12 then mistakes the returned buffer for a pointer to a local) */
static __attribute__((noinline)) char *qdf(struct fixture *fx)
{
	char *out;
	assert_int_equal(run(&out, "qpdf --qdf --object-streams=disable '%s' - 2>&1",
		fx->path), 0);
	return out;
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

/* dark pixels in a region of page 1 rendered at 72 dpi (1 px = 1 pt) */
static long ink(struct fixture *fx, int x, int y, int w, int h)
{
	char *out, pgm[160];
	assert_int_equal(run(&out, "pdftoppm -r 72 -gray -f 1 -l 1 -x %d -y %d -W %d -H %d "
		"-singlefile '%s' '%s/crop' 2>&1", x, y, w, h, fx->path, fx->dir), 0);
	free(out);
	snprintf(pgm, sizeof(pgm), "%s/crop.pgm", fx->dir);
	size_t len;
	char *img = file_read(pgm, &len, 1 << 20);
	assert_non_null(img);
	int pw, ph, max, off;
	assert_int_equal(sscanf(img, "P5 %d %d %d%n", &pw, &ph, &max, &off), 3);
	assert_int_equal(pw, w);
	assert_int_equal(ph, h);
	long dark = 0;
	for (size_t i = (size_t)off + 1; i < len; i++)
		dark += (unsigned char)img[i] < 128;
	free(img);
	return dark;
}

#endif
