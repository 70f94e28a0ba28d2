/*
 * font: TrueType (glyf) fonts read directly from their tables, for
 * measuring.  Widths are in thousandths of an em, truncated exactly as
 * libharu truncates them for the PDF /W array, so that what layout measures
 * is what a viewer draws.  Kerning comes from the legacy `kern` table, or
 * from GPOS pair adjustment (the `kern` feature) when there is none.
 * Knows nothing of PDF: the PDF writer embeds the same files by path.
 */
#ifndef FOLIO_FONT_H
#define FOLIO_FONT_H

#include <stddef.h>
#include <stdint.h>

struct font {
	char *path;		/* the .ttf file */
	char *psname;		/* PostScript name from the name table */
	int upem;		/* font units per em */
	int nglyphs;		/* glyphs in the font */
	uint16_t *adv;		/* advance width per glyph, font units */
	uint16_t *bmp;		/* glyph id for each BMP code point (0 = none) */
	uint32_t *kpair;	/* kern pairs: left glyph << 16 | right glyph, sorted */
	int16_t *kval;		/* kern value per pair, font units */
	int nkern;		/* number of kern pairs */
	int ascent;		/* typographic ascender (hhea), font units */
	int descent;		/* typographic descender, negative, font units */
	int linegap;		/* hhea line gap */
	int capheight;		/* OS/2 sCapHeight, or an estimate */
	int xheight;		/* OS/2 sxHeight, or an estimate */
};

/* load path; on failure return -1 and describe the problem in err */
int font_load(struct font *f, const char *path, char *err, size_t errlen);
void font_free(struct font *f);
/* glyph id of code point cp, 0 when the font lacks it */
int font_glyph(const struct font *f, uint32_t cp);
/* advance of cp in 1/1000 em (libharu's truncation); 0 when missing */
int font_advance(const struct font *f, uint32_t cp);
/* kerning between a and b in 1/1000 em (negative = closer), rounded to the
 * nearest integer, half away from zero: the value to emit as a TJ offset */
int font_kern(const struct font *f, uint32_t a, uint32_t b);
/* width of UTF-8 text in 1/1000 em, with kerning when kern is set */
long font_width(const struct font *f, const char *s, size_t len, int kern);

/* the faces a layout uses; fallbacks are searched for missing glyphs */
enum face {
	FACE_REGULAR,
	FACE_BOLD,
	FACE_ITALIC,
	FACE_BOLDITALIC,
	FACE_FALLBACK,		/* symbols and arrows the text face lacks */
	FACE_MAX
};

struct fontset {
	struct font face[FACE_MAX];	/* loaded faces; path NULL when unused */
};

/* the face that can draw cp, preferring want; -1 when none can.  U+0020,
 * U+00A0 and U+202F always give want when it is loaded, even if it lacks
 * the glyph (font_glyph 0): the caller then draws U+0020 instead */
int fontset_pick(const struct fontset *fs, int want, uint32_t cp);
void fontset_free(struct fontset *fs);

#endif
