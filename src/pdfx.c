/*
 * pdfx: PDF features reached through libharu 2.3.0's exported internals
 * (page content stream, catalog, annotation and destination objects; the
 * fonts are in pdfx_font.c), and the small pieces of PDF syntax pdf.c
 * writes itself (numbers, glyph codes) with libharu's error words.  pdf.c
 * calls these while it builds a document; the struct layouts they touch
 * are pinned by the version check in pdfx.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#include "pdfx.h"

HPDF_STATUS pdfx_raw(HPDF_Page page, const char *s, size_t len)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
	return HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)s, (HPDF_UINT)len);
}

/* libharu error codes in words; the rest are internal and get the number */
const char *pdfx_errword(HPDF_STATUS err)
{
	switch (err) {
	case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
	case HPDF_FILE_IO_ERROR: return "input/output error";
	case HPDF_FILE_OPEN_ERROR: return "cannot open file";
	case HPDF_TTF_MISSING_TABLE:
		return "not a glyf-based TrueType font (a required table is missing)";
	case HPDF_TTF_INVALID_CMAP: return "the font has no usable Unicode cmap";
	case HPDF_TTF_INVALID_FOMAT: return "not a valid TrueType font";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font's licence forbids embedding";
	case HPDF_INVALID_TTC_FILE: return "not a valid TrueType collection";
	case HPDF_UNSUPPORTED_FONT_TYPE: return "unsupported font type";
	case HPDF_INVALID_FONTDEF_DATA: return "invalid font data";
	case HPDF_PAGE_INVALID_SIZE: return "page size out of range";
	case HPDF_PAGE_INVALID_FONT_SIZE: return "font size out of range";
	case HPDF_INVALID_PARAMETER: return "invalid parameter";
	case HPDF_REAL_OUT_OF_RANGE: return "number out of range";
	case HPDF_INVALID_URI: return "invalid URI";
	case HPDF_INVALID_DATE_TIME: return "invalid date";
	case HPDF_ZLIB_ERROR: return "compression failed";
	case HPDF_STRING_OUT_OF_RANGE: return "string too long";
	case HPDF_PAGE_INVALID_GMODE: return "operator in the wrong graphics mode";
	default: return "libharu error";
	}
}

/* v with at most dec (1 to 4) decimals into out (room for 32), trailing
 * zeros dropped, without printf: its locale, and its cost once per text
 * run; the length is returned */
int pdfx_num(char *out, double v, int dec)
{
	static const long long scale[] = { 1, 10, 100, 1000, 10000 };
	long long n = llround(v * scale[dec]);
	char tmp[32];
	int k = 0, len = 0;
	if (n < 0) {
		out[len++] = '-';
		n = -n;
	}
	/* digits from the last decimal backwards, zeros at the end dropped */
	for (int i = 0; i < dec; i++, n /= 10)
		if (k || n % 10)
			tmp[k++] = (char)('0' + n % 10);
	if (k)
		tmp[k++] = '.';
	do {
		tmp[k++] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0 && k < (int)sizeof(tmp));
	while (k > 0)
		out[len++] = tmp[--k];
	return len;
}

/* the two-byte code of one glyph inside a literal string, escaped where
 * PDF needs it (a raw CR would be read as a line end, that is LF).  A
 * literal string takes half the bytes of a hex string, and libharu
 * deflates the content streams byte by byte: hex made that cost twice as
 * much.  (printf per glyph cost more than all the rest of the TJ array.) */
void pdfx_code(struct buf *b, uint32_t cp)
{
	char s[4];
	size_t n = 0;
	for (int shift = 8; shift >= 0; shift -= 8) {
		char ch = (char)(cp >> shift & 0xff);
		if (ch == '(' || ch == ')' || ch == '\\' || ch == '\r')
			s[n++] = '\\';
		s[n++] = ch == '\r' ? 'r' : ch;
	}
	buf_put(b, s, n);
}

HPDF_STATUS pdfx_catalog(HPDF_Doc pdf, const char *lang)
{
	HPDF_STATUS ret = HPDF_OK;
	/* /Lang and /DisplayDocTitle are PDF 1.4 features */
	if (pdf->pdf_version < HPDF_VER_14)
		pdf->pdf_version = HPDF_VER_14;
	if (lang && *lang)
		ret = HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, lang, NULL));
	if (ret != HPDF_OK)
		return ret;
	HPDF_Dict vp = HPDF_Dict_New(pdf->mmgr);
	if (!vp)
		return HPDF_Error_GetCode(&pdf->error);
	ret = HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
	if (ret != HPDF_OK) {
		HPDF_Dict_Free(vp);
		return ret;
	}
	return HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", vp);
}

static const char *const pdfx_roman_digit[4][10] = {
	{ "", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix" },
	{ "", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc" },
	{ "", "c", "cc", "ccc", "cd", "d", "dc", "dcc", "dccc", "cm" },
	{ "", "m", "mm", "mmm", "", "", "", "", "", "" },
};

/* the value of a lower-case roman numeral, 0 unless it is the canonical
 * spelling of 1..3999 (so that the label reproduces exactly) */
static int pdfx_roman(const char *s)
{
	static const char digit[] = "ivxlcdm";
	static const int value[] = { 1, 5, 10, 50, 100, 500, 1000 };
	size_t n = strlen(s);
	if (n == 0 || n > 15 || strspn(s, digit) != n)
		return 0;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		int a = value[strchr(digit, s[i]) - digit];
		int b = i + 1 < n ? value[strchr(digit, s[i + 1]) - digit] : 0;
		v += a < b ? -a : a;
	}
	if (v < 1 || v > 3999)
		return 0;
	char back[32];
	snprintf(back, sizeof(back), "%s%s%s%s", pdfx_roman_digit[3][v / 1000],
		pdfx_roman_digit[2][v / 100 % 10], pdfx_roman_digit[1][v / 10 % 10],
		pdfx_roman_digit[0][v % 10]);
	return strcmp(back, s) == 0 ? v : 0;
}

const char *pdfx_label_style(const char *s, int *num)
{
	size_t n = strlen(s);
	if (n >= 1 && n <= 9 && s[0] >= '1' && s[0] <= '9' && strspn(s, "0123456789") == n) {
		*num = atoi(s);
		return "D";
	}
	if ((*num = pdfx_roman(s)) > 0)
		return "r";
	char low[16];
	if (n >= sizeof(low) || strspn(s, "IVXLCDM") != n)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		low[i] = s[i] ? (char)(s[i] - 'A' + 'a') : 0;
	return (*num = pdfx_roman(low)) > 0 ? "R" : NULL;
}

HPDF_STATUS pdfx_label(HPDF_Doc pdf, int page, const char *style, int first,
	const char *prefix)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	if (!d)
		return HPDF_Error_GetCode(&pdf->error);
	HPDF_STATUS ret = HPDF_OK;
	if (style) {
		ret = HPDF_Dict_AddName(d, "S", style);
		if (ret == HPDF_OK && first != 1)
			ret = HPDF_Dict_AddNumber(d, "St", first);
	}
	/* the UTF-8 encoder makes libharu write a UTF-16BE text string */
	if (ret == HPDF_OK && prefix && *prefix)
		ret = HPDF_Dict_Add(d, "P", HPDF_String_New(pdf->mmgr, prefix,
			HPDF_GetEncoder(pdf, "UTF-8")));
	if (ret != HPDF_OK) {
		HPDF_Dict_Free(d);
		return ret;
	}
	return HPDF_Catalog_AddPageLabel(pdf->catalog, (HPDF_UINT)page, d);
}

HPDF_Destination pdfx_dest(HPDF_Doc pdf, HPDF_Page target, double top)
{
	HPDF_Array d = HPDF_Array_New(pdf->mmgr);
	if (!d)
		return NULL;
	/* what libharu's own destinations are, so its setters accept it */
	d->header.obj_class |= HPDF_OSUBCLASS_DESTINATION;
	if (HPDF_Array_Add(d, target) != HPDF_OK || HPDF_Array_AddName(d, "FitH") != HPDF_OK ||
		HPDF_Array_AddReal(d, (HPDF_REAL)top) != HPDF_OK) {
		HPDF_Array_Free(d);
		return NULL;
	}
	return d;
}

HPDF_String pdfx_text(HPDF_Doc pdf, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n > max) {
		n = max;
		/* back to the start of a character */
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	char *cut = xstrndup(s, n);
	HPDF_String str = HPDF_String_New(pdf->mmgr, cut, HPDF_GetEncoder(pdf, "UTF-8"));
	free(cut);
	return str;
}

HPDF_STATUS pdfx_annot(HPDF_Doc pdf, HPDF_Annotation a, const char *contents,
	int structparent)
{
	/* printable, and nothing else: PDF/A wants the print flag */
	HPDF_STATUS ret = HPDF_Dict_AddNumber(a, "F", 4);
	if (ret == HPDF_OK && contents && *contents) {
		HPDF_String str = pdfx_text(pdf, contents, 16000);
		ret = str ? HPDF_Dict_Add(a, "Contents", str) : HPDF_Error_GetCode(&pdf->error);
	}
	if (ret == HPDF_OK && structparent >= 0)
		ret = HPDF_Dict_AddNumber(a, "StructParent", structparent);
	return ret;
}
