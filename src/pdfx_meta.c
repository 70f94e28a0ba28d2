/*
 * pdfx_meta: what PDF/A-1b adds to a document: an XMP metadata packet that
 * says the same as the document information dictionary (PDF/A validators
 * compare them field by field), the sRGB OutputIntent that gives the
 * device colours a meaning, and a trailer /ID.  libharu's own PDF/A mode
 * is not used: it writes unescaped XML under a misspelt /SubType key and
 * an /ID from the clock.  pdf.c calls these after the information
 * dictionary is set, with the same pinfo it was set from.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pdfx.h"

/* XML text: markup characters escaped, and the C0 controls other than
 * tab, LF and CR (which XML 1.0 forbids even as references) dropped */
static void meta_esc(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			buf_puts(b, "&amp;");
		else if (c == '<')
			buf_puts(b, "&lt;");
		else if (c == '>')
			buf_puts(b, "&gt;");
		else if (c == '"')
			buf_puts(b, "&quot;");
		else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
			buf_putc(b, c);
	}
}

/* <ns:name>value</ns:name>, or <ns:name><rdf:Alt|Seq|Bag>…, when value is set */
static void meta_prop(struct buf *b, const char *name, const char *kind, const char *value)
{
	if (!value || !*value)
		return;
	buf_printf(b, "   <%s>", name);
	if (kind) {
		buf_printf(b, "<rdf:%s><rdf:li%s>", kind,
			!strcmp(kind, "Alt") ? " xml:lang=\"x-default\"" : "");
	}
	meta_esc(b, value);
	if (kind)
		buf_printf(b, "</rdf:li></rdf:%s>", kind);
	buf_printf(b, "</%s>\n", name);
}

static void meta_open(struct buf *b, const char *ns)
{
	buf_printf(b, "  <rdf:Description rdf:about=\"\" %s>\n", ns);
}

static void meta_close(struct buf *b)
{
	buf_puts(b, "  </rdf:Description>\n");
}

/* PDF/A-1 accepts properties only from the predefined schemas; pdfuaid
 * is not one, so it comes with its description as an extension schema */
static void meta_ua(struct buf *b)
{
	meta_open(b, "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
		"    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
		"    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"");
	buf_puts(b,
		"   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
		"    <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>\n"
		"    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
		"    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
		"    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
		"     <pdfaProperty:name>part</pdfaProperty:name>\n"
		"     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
		"     <pdfaProperty:category>internal</pdfaProperty:category>\n"
		"     <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>\n"
		"    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
		"   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n");
	meta_close(b);
	meta_open(b, "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
	buf_puts(b, "   <pdfuaid:part>1</pdfuaid:part>\n");
	meta_close(b);
}

HPDF_STATUS pdfx_xmp(HPDF_Doc pdf, const struct pinfo *info, const char *producer, int ua)
{
	char date[80] = "";
	time_t t = (time_t)info->date;
	struct tm tm;
	if (gmtime_r(&t, &tm))
		snprintf(date, sizeof(date), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
			tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	struct buf b = {0};
	/* the BOM in begin= says UTF-8; PDF/A-1 forbids bytes= and encoding= */
	buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
	meta_open(&b, "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"");
	meta_prop(&b, "dc:format", NULL, "application/pdf");
	meta_prop(&b, "dc:title", "Alt", info->title);
	meta_prop(&b, "dc:creator", "Seq", info->author);
	meta_prop(&b, "dc:description", "Alt", info->subject);
	meta_prop(&b, "dc:language", "Bag", info->lang);
	meta_close(&b);
	meta_open(&b, "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"");
	meta_prop(&b, "xmp:CreatorTool", NULL, info->creator);
	meta_prop(&b, "xmp:CreateDate", NULL, date);
	meta_prop(&b, "xmp:ModifyDate", NULL, date);
	meta_prop(&b, "xmp:MetadataDate", NULL, date);
	meta_close(&b);
	meta_open(&b, "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"");
	meta_prop(&b, "pdf:Producer", NULL, producer);
	meta_prop(&b, "pdf:Keywords", NULL, info->keywords);
	meta_close(&b);
	meta_open(&b, "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
	meta_prop(&b, "pdfaid:part", NULL, "1");
	meta_prop(&b, "pdfaid:conformance", NULL, "B");
	meta_close(&b);
	if (ua)
		meta_ua(&b);
	buf_puts(&b, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");

	HPDF_STATUS ret = HPDF_OK;
	HPDF_Dict md = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!md)
		ret = HPDF_Error_GetCode(&pdf->error);
	/* uncompressed, so that tools that scan for the packet find it */
	if (ret == HPDF_OK) {
		md->filter = HPDF_STREAM_FILTER_NONE;
		ret = HPDF_Dict_AddName(md, "Type", "Metadata");
	}
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddName(md, "Subtype", "XML");
	if (ret == HPDF_OK)
		ret = HPDF_Stream_Write(md->stream, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.len);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(pdf->catalog, "Metadata", md);
	buf_free(&b);
	return ret;
}

HPDF_STATUS pdfx_output_intent(HPDF_Doc pdf, const char *icc)
{
	HPDF_OutputIntent prof = HPDF_LoadIccProfileFromFile(pdf, icc, 3);
	if (!prof)
		return HPDF_Error_GetCode(&pdf->error);
	HPDF_MMgr mm = pdf->mmgr;
	HPDF_Dict oi = HPDF_Dict_New(mm);
	HPDF_Array arr = HPDF_Array_New(mm);
	if (!oi || !arr)
		return HPDF_Error_GetCode(&pdf->error);
	const char *name = "sRGB IEC61966-2.1";
	HPDF_STATUS ret = HPDF_Dict_Add(pdf->catalog, "OutputIntents", arr);
	if (ret == HPDF_OK)
		ret = HPDF_Array_Add(arr, oi);
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	if (ret == HPDF_OK)
		ret = HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, name, NULL));
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(oi, "RegistryName",
			HPDF_String_New(mm, "http://www.color.org", NULL));
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, name, NULL));
	if (ret == HPDF_OK)
		ret = HPDF_Dict_Add(oi, "DestOutputProfile", prof);
	return ret;
}

static void meta_md5str(HPDF_MD5_CTX *md, const char *s, size_t n)
{
	/* the length first, so that ("ab", "c") and ("a", "bc") differ */
	char len[24];
	snprintf(len, sizeof(len), "%zu:", n);
	HPDF_MD5Update(md, (const HPDF_BYTE *)len, (HPDF_UINT32)strlen(len));
	if (n)
		HPDF_MD5Update(md, (const HPDF_BYTE *)s, (HPDF_UINT32)n);
}

void pdfx_digest(const struct pdoc *pd, unsigned char id[16])
{
	HPDF_MD5_CTX md;
	HPDF_MD5Init(&md);
	const struct pinfo *in = &pd->info;
	const char *info[] = { in->title, in->subject, in->author, in->keywords, in->creator,
		in->lang };
	for (size_t i = 0; i < sizeof(info) / sizeof(info[0]); i++)
		meta_md5str(&md, info[i] ? info[i] : "", info[i] ? strlen(info[i]) : 0);
	struct buf b = {0};
	buf_printf(&b, "%lld %d", in->date, pd->npage);
	for (int p = 0; p < pd->npage; p++) {
		const struct page *pg = &pd->page[p];
		buf_printf(&b, "|%lld %lld", llround(pg->w * 100), llround(pg->h * 100));
		for (int i = 0; i < pg->nbox; i++) {
			const struct box *x = &pg->box[i];
			buf_printf(&b, "|%d %lld %lld %lld %lld %d", (int)x->type, llround(x->x * 100),
				llround(x->y * 100), llround(x->w * 100), llround(x->h * 100), x->tag);
			meta_md5str(&md, b.s, b.len);
			b.len = 0;
			if (x->type == BOX_TEXT)
				meta_md5str(&md, x->text, (size_t)x->len);
			if (x->uri)
				meta_md5str(&md, x->uri, strlen(x->uri));
		}
	}
	meta_md5str(&md, b.s, b.len);
	buf_free(&b);
	HPDF_MD5Final(id, &md);
}

HPDF_STATUS pdfx_id(HPDF_Doc pdf, const unsigned char id[16])
{
	HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
	if (!arr)
		return HPDF_Error_GetCode(&pdf->error);
	HPDF_STATUS ret = HPDF_Dict_Add(pdf->trailer, "ID", arr);
	/* the same for both: the file is new, not an update of another */
	for (int i = 0; i < 2 && ret == HPDF_OK; i++)
		ret = HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)id, 16));
	return ret;
}
