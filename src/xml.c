/*
 * xml: the one place where folio meets the libxml2 parser.  A loader hands
 * over a file path and a RELAX NG schema path.  The file is read whole
 * (at most XML_MAXSIZE bytes) and first checked byte by byte for what
 * libxml2 would report badly or handle too slowly: another encoding than
 * UTF-8, invalid UTF-8, control characters, characters outside the Basic
 * Multilingual Plane and start tags with absurd numbers of attributes.
 * It is then parsed from memory with network access off and any DOCTYPE
 * refused before its internal subset is read (so no entity can ever be
 * declared, let alone expanded), and finally validated against the schema.
 *
 * Every message goes to the caller's diag sink as file:line:column through
 * per-context structured error handlers; nothing here touches libxml2's
 * global error state, so documents can be loaded in parallel threads once
 * xml_init has run.  libxml2 keeps no column for elements, so a SAX hook
 * records the exact line and column of each start tag in the node's
 * _private field, where xml_pos finds it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemastypes.h>

#include "utf8.h"
#include "util.h"
#include "xml.h"

/* at most this many attributes in one start tag: libxml2 2.9 compares the
 * attributes of a tag pairwise, so 200 000 of them take a minute */
#define XML_MAXATTR 64
/* messages per file before giving up: one mistake can cascade */
#define XML_MAXERR 20

/* what the handlers of one load share; lives on xml_load's stack */
struct xstate {
	const char *path;	/* file name for messages */
	struct diag *dg;	/* where messages go */
	const char *raw;	/* the file's bytes */
	size_t len;		/* their number */
	size_t off;		/* start tag tracker: byte offset reached … */
	int line, col;		/* … and its line and column */
	int nerr;		/* errors reported for this file */
	int lastline;		/* position of the previous message (duplicates) */
	int lastcol;
	char last[256];		/* text of the previous message */
};

/* a line and column packed into a pointer-sized integer, halves each */
#define POS_BITS (sizeof(uintptr_t) * 4)

static void *xml_pack(int line, int col)
{
	uintptr_t max = ((uintptr_t)1 << POS_BITS) - 1;
	uintptr_t l = (uintptr_t)line > max ? max : (uintptr_t)line;
	uintptr_t c = (uintptr_t)col > max ? max : (uintptr_t)col;
	return (void *)(l << POS_BITS | c);
}

struct pos xml_pos(const char *file, xmlNodePtr n)
{
	struct pos p = {file, 0, 0};
	/* text and attributes report at their element: close enough for a
	 * person to find them, and libxml2 only knows where text ended */
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->parent;
	if (!n)
		return p;
	if (n->_private) {
		uintptr_t v = (uintptr_t)n->_private;
		p.line = (int)(v >> POS_BITS);
		p.col = (int)(v & (((uintptr_t)1 << POS_BITS) - 1));
	} else {
		long l = xmlGetLineNo(n);
		p.line = l > 0 && l < INT32_MAX ? (int)l : 0;
	}
	return p;
}

/* report one message, dropping repeats and stopping after XML_MAXERR */
static void xml_report(struct xstate *st, struct pos p, int warn, const char *msg)
{
	char text[sizeof(st->last)];
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	if (n >= sizeof(text))
		n = sizeof(text) - 1;
	memcpy(text, msg, n);
	text[n] = '\0';
	if (p.line == st->lastline && p.col == st->lastcol && strcmp(text, st->last) == 0)
		return;
	st->lastline = p.line;
	st->lastcol = p.col;
	memcpy(st->last, text, n + 1);
	if (warn) {
		diag_warn(st->dg, p, "%s", text);
		return;
	}
	if (st->nerr == XML_MAXERR)
		diag_note(st->dg, p, "too many errors; not reporting more in this file");
	if (st->nerr++ < XML_MAXERR)
		diag_error(st->dg, p, "%s", text);
}

/* a short description of a character for messages */
static void xml_char_error(struct xstate *st, struct pos p, uint32_t cp)
{
	char msg[160];
	if (cp > 0xffff)
		snprintf(msg, sizeof(msg), "the character U+%04X lies outside the Basic "
			"Multilingual Plane, which the PDF fonts cannot show; remove or "
			"replace it", (unsigned)cp);
	else
		snprintf(msg, sizeof(msg), "control character U+%04X is not allowed "
			"(only tab and line breaks are)", (unsigned)cp);
	xml_report(st, p, 0, msg);
}

/* characters text may not hold: controls other than tab and line breaks,
 * and anything beyond U+FFFF */
static int xml_badchar(uint32_t cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	return (cp >= 0x7f && cp <= 0x9f) || cp > 0xffff;
}

/* refuse an XML declaration naming another encoding than UTF-8: its bytes
 * would otherwise be misread or converted behind our offsets */
static int xml_check_encoding(struct xstate *st, size_t start)
{
	const char *s = st->raw + start;
	size_t n = st->len - start;
	if (n < 5 || memcmp(s, "<?xml", 5) != 0)
		return 0;
	size_t end = 5;
	while (end + 1 < n && end < 1024 && !(s[end] == '?' && s[end + 1] == '>'))
		end++;
	for (size_t i = 5; i + 8 < end; i++) {
		if (memcmp(s + i, "encoding", 8) != 0)
			continue;
		size_t j = i + 8;
		while (j < end && (s[j] == ' ' || s[j] == '=' || s[j] == '\t'))
			j++;
		if (j >= end || (s[j] != '"' && s[j] != '\''))
			return 0;
		char q = s[j++];
		size_t k = j;
		while (k < end && s[k] != q)
			k++;
		size_t vl = k - j;
		if ((vl == 5 && strncasecmp(s + j, "utf-8", 5) == 0) ||
				(vl == 4 && strncasecmp(s + j, "utf8", 4) == 0))
			return 0;
		struct pos p = {st->path, 1, (int)(j + 1)};
		diag_error(st->dg, p, "the file declares the encoding \"%.*s\"; folio reads "
			"UTF-8 only: save the file as UTF-8 and declare encoding=\"UTF-8\"",
			(int)(vl > 40 ? 40 : vl), s + j);
		return -1;
	}
	return 0;
}

static int xml_starts(const unsigned char *s, size_t n, size_t i, const char *lit)
{
	size_t l = strlen(lit);
	return i + l <= n && memcmp(s + i, lit, l) == 0;
}

/* the byte-level checks described at the top; 0 when the file may be parsed */
static int xml_precheck(struct xstate *st)
{
	const unsigned char *s = (const unsigned char *)st->raw;
	size_t n = st->len, i = 0;
	struct pos p = {st->path, 1, 1}, tag = p;
	enum { M_TEXT, M_TAG, M_COMMENT, M_CDATA, M_PI, M_DECL } mode = M_TEXT;
	uint32_t quote = 0;
	int nattr = 0;

	if (memchr(s, 0, n)) {
		p.line = p.col = 0;
		diag_error(st->dg, p, "the file contains NUL bytes: it is not UTF-8 text "
			"(perhaps UTF-16); save it as UTF-8");
		return -1;
	}
	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		i = 3;
	if (xml_check_encoding(st, i) != 0)
		return -1;
	while (i < n) {
		uint32_t cp;
		int k = utf8_decode((const char *)s + i, n - i, &cp);
		if (k == 0) {
			diag_error(st->dg, p, "invalid UTF-8 byte sequence: the file must be "
				"saved as UTF-8");
			return -1;
		}
		if (mode != M_COMMENT && xml_badchar(cp))
			xml_char_error(st, p, cp);
		switch (mode) {
		case M_TEXT:
			if (cp != '<')
				break;
			if (xml_starts(s, n, i, "<!--")) {
				mode = M_COMMENT;
				i += 3;
				p.col += 3;
			} else if (xml_starts(s, n, i, "<![CDATA[")) {
				mode = M_CDATA;
			} else if (xml_starts(s, n, i, "<?")) {
				mode = M_PI;
			} else if (xml_starts(s, n, i, "<!")) {
				/* a DOCTYPE: the parser refuses it, nothing to count */
				mode = M_DECL;
			} else {
				mode = M_TAG;
				tag = p;
				nattr = 0;
				quote = 0;
			}
			break;
		case M_TAG:
			if (quote) {
				if (cp == quote)
					quote = 0;
			} else if (cp == '"' || cp == '\'') {
				quote = cp;
			} else if (cp == '=' && ++nattr > XML_MAXATTR) {
				diag_error(st->dg, tag, "more than %d attributes in one element",
					XML_MAXATTR);
				return -1;
			} else if (cp == '>') {
				mode = M_TEXT;
			}
			break;
		case M_COMMENT:
			if (xml_starts(s, n, i, "-->"))
				mode = M_TEXT;
			break;
		case M_CDATA:
			if (xml_starts(s, n, i, "]]>"))
				mode = M_TEXT;
			break;
		case M_PI:
			if (xml_starts(s, n, i, "?>"))
				mode = M_TEXT;
			break;
		case M_DECL:
			break;
		}
		if (cp == '\n') {
			p.line++;
			p.col = 1;
		} else {
			p.col++;
		}
		i += (size_t)k;
	}
	return st->nerr ? -1 : 0;
}

/* move the start tag tracker forward to byte offset to */
static void xml_advance(struct xstate *st, size_t to)
{
	if (to < st->off) {
		st->off = 0;
		st->line = st->col = 1;
	}
	for (; st->off < to && st->off < st->len; st->off++) {
		unsigned char b = (unsigned char)st->raw[st->off];
		if (b == '\n') {
			st->line++;
			st->col = 1;
		} else if ((b & 0xc0) != 0x80) {
			st->col++;
		}
	}
}

/* the position of the '<' that opened the markup the parser is in: '<'
 * cannot occur inside a tag, so the nearest one before the cursor is it */
static struct pos xml_markup_pos(struct xstate *st, xmlParserCtxtPtr ctxt)
{
	struct pos p = {st->path, 0, 0};
	xmlParserInputPtr in = ctxt->input;
	if (!in || !in->cur || !in->base || st->len == 0)
		return p;
	size_t o = (size_t)in->consumed + (size_t)(in->cur - in->base);
	if (o >= st->len)
		o = st->len - 1;
	while (o > 0 && st->raw[o] != '<')
		o--;
	xml_advance(st, o);
	p.line = st->line;
	p.col = st->col;
	return p;
}

static void xml_on_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
	const xmlChar *uri, int nns, const xmlChar **ns, int nattr, int ndef,
	const xmlChar **attr)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xstate *st = ctxt->_private;
	xmlSAX2StartElementNs(ctx, name, prefix, uri, nns, ns, nattr, ndef, attr);
	xmlNodePtr n = ctxt->node;
	if (!n || n->_private || n->type != XML_ELEMENT_NODE)
		return;
	struct pos p = xml_markup_pos(st, ctxt);
	if (p.line > 0) {
		n->_private = xml_pack(p.line, p.col);
		n->line = (unsigned short)(p.line < 65535 ? p.line : 65535);
	}
}

/* any DOCTYPE ends the parse before its internal subset is read */
static void xml_on_doctype(void *ctx, const xmlChar *name, const xmlChar *extid,
	const xmlChar *sysid)
{
	(void)name;
	(void)extid;
	(void)sysid;
	xmlParserCtxtPtr ctxt = ctx;
	struct xstate *st = ctxt->_private;
	xml_report(st, xml_markup_pos(st, ctxt), 0,
		"DOCTYPE and entity declarations are not allowed");
	xmlStopParser(ctxt);
}

/* structured errors of the parser; ctx is the parser context */
static void xml_on_parse_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct xstate *st = ctxt->_private;
	if (!e || !e->message || e->code == XML_ERR_USER_STOP)
		return;
	/* after a refused DOCTYPE the parser only complains about the void */
	if (ctxt->instate == XML_PARSER_EOF && st->nerr > 0)
		return;
	struct pos p = {st->path, e->line > 0 ? e->line : 0, e->int2 > 0 ? e->int2 : 0};
	char msg[256];
	const char *a = e->str1 ? e->str1 : "?", *b = e->str2 ? e->str2 : "?";
	/* the two mistakes hand-edited files make most, in plainer words */
	if (e->code == XML_ERR_TAG_NAME_MISMATCH)
		snprintf(msg, sizeof(msg), "<%s> (opened on line %d) is closed by </%s>; "
			"elements must be closed in the reverse order they were opened",
			a, e->int1, b);
	else if (e->code == XML_ERR_TAG_NOT_FINISHED)
		snprintf(msg, sizeof(msg), "the file ends before <%s> (opened on line %d) "
			"is closed", a, e->int1);
	else
		snprintf(msg, sizeof(msg), "%s", e->message);
	xml_report(st, p, e->level == XML_ERR_WARNING, msg);
}

/* a validity error in words for the people who write reports: libxml2's
 * own wording ("Element item has extra content: p") reads like a stack
 * trace.  Returns 0 when the message is a mere consequence of one already
 * given (libxml2 reports each failure again for every enclosing element). */
static int xml_rng_message(struct xstate *st, xmlErrorPtr e, struct pos p,
	char *out, size_t n)
{
	int again = st->nerr > 0 && p.line == st->lastline && p.col == st->lastcol;
	const char *a = e->str1 ? e->str1 : "?", *b = e->str2 ? e->str2 : "?";
	switch (e->code) {
	case XML_RELAXNG_ERR_ELEMWRONG:
		snprintf(out, n, "element <%s> is not allowed here", a);
		break;
	case XML_RELAXNG_ERR_EXTRACONTENT:
	case XML_RELAXNG_ERR_ELEMEXTRANS:
		if (again)
			return 0;
		snprintf(out, n, "<%s> is not allowed at this place inside <%s>", b, a);
		break;
	case XML_RELAXNG_ERR_ELEMNAME:
		snprintf(out, n, "expected <%s> here, found <%s>", a, b);
		break;
	case XML_RELAXNG_ERR_NOELEM:
		snprintf(out, n, "<%s> is missing here", a);
		break;
	case XML_RELAXNG_ERR_ELEMNOTEMPTY:
		snprintf(out, n, "<%s> must be empty", a);
		break;
	case XML_RELAXNG_ERR_TEXTWRONG:
		snprintf(out, n, "text is not allowed directly inside <%s>", a);
		break;
	case XML_RELAXNG_ERR_NOTELEM:
		snprintf(out, n, "text is not allowed here; an element was expected");
		break;
	case XML_RELAXNG_ERR_INVALIDATTR: {
		xmlNodePtr el = e->node;
		xmlChar *v = el && el->type == XML_ELEMENT_NODE ?
			xmlGetNoNsProp(el, (const xmlChar *)a) : NULL;
		if (v)
			snprintf(out, n, "attribute %s=\"%.60s\" is not allowed on <%s> "
				"(unknown attribute or value)", a, (const char *)v, b);
		else
			snprintf(out, n, "attribute %s is not allowed on <%s>", a, b);
		xmlFree(v);
		break;
	}
	case XML_RELAXNG_ERR_ATTRVALID:
		if (again)
			return 0;
		snprintf(out, n, "<%s> lacks a required attribute or has a wrong one", a);
		break;
	case XML_RELAXNG_ERR_TYPEVAL:
		snprintf(out, n, "\"%.60s\" is not a valid %s%s", b, a,
			strcmp(a, "date") == 0 ? " (write YYYY-MM-DD)" : "");
		break;
	default:
		if (st->nerr > 0)
			return 0;
		snprintf(out, n, "%s", e->message);
		break;
	}
	return 1;
}

/* structured errors of schema compilation and validation; ctx is the state */
static void xml_on_valid_error(void *ctx, xmlErrorPtr e)
{
	struct xstate *st = ctx;
	char msg[256];
	if (!e || !e->message)
		return;
	struct pos p = {st->path, e->line > 0 ? e->line : 0, 0};
	if (e->node)
		p = xml_pos(st->path, e->node);
	if (e->domain == XML_FROM_RELAXNGP) {
		if (e->file)
			p.file = e->file;
		snprintf(msg, sizeof(msg), "%s", e->message);
	} else if (!xml_rng_message(st, e, p, msg, sizeof(msg))) {
		return;
	}
	xml_report(st, p, e->level == XML_ERR_WARNING, msg);
}

static xmlDocPtr xml_parse(struct xstate *st)
{
	xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(st->raw, (int)st->len);
	if (!ctxt) {
		struct pos p = {st->path, 0, 0};
		diag_error(st->dg, p, "cannot set up the XML parser");
		return NULL;
	}
	/* never XML_PARSE_NOENT, DTDLOAD or DTDATTR: no entity is ever
	 * substituted and no DTD loaded; NONET keeps the network away even
	 * if something slipped through */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA |
		XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES);
	ctxt->_private = st;
	ctxt->sax->serror = xml_on_parse_error;
	ctxt->sax->internalSubset = xml_on_doctype;
	ctxt->sax->externalSubset = NULL;
	ctxt->sax->entityDecl = NULL;
	ctxt->sax->resolveEntity = NULL;
	ctxt->sax->startElementNs = xml_on_start;
	st->off = 0;
	st->line = st->col = 1;

	xmlParseDocument(ctxt);
	xmlDocPtr doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	int ok = ctxt->wellFormed && st->nerr == 0 && doc;
	xmlFreeParserCtxt(ctxt);
	if (!ok) {
		if (st->nerr == 0) {
			struct pos p = {st->path, 0, 0};
			diag_error(st->dg, p, "the file is not well-formed XML");
		}
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static int xml_validate(struct xstate *st, xmlDocPtr doc, const char *schema)
{
	struct pos p = {schema, 0, 0};
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(schema);
	if (!pc) {
		diag_error(st->dg, p, "cannot read the schema");
		return -1;
	}
	xmlRelaxNGSetParserStructuredErrors(pc, xml_on_valid_error, st);
	xmlRelaxNGPtr rng = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (!rng) {
		if (st->nerr == 0)
			diag_error(st->dg, p, "cannot compile the schema");
		return -1;
	}
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	int ret = -1;
	if (vc) {
		xmlRelaxNGSetValidStructuredErrors(vc, xml_on_valid_error, st);
		ret = xmlRelaxNGValidateDoc(vc, doc);
		xmlRelaxNGFreeValidCtxt(vc);
	}
	xmlRelaxNGFree(rng);
	if (ret != 0 && st->nerr == 0) {
		p.file = st->path;
		diag_error(st->dg, p, "the file does not follow its schema %s", schema);
	}
	return ret == 0 && st->nerr == 0 ? 0 : -1;
}

xmlDocPtr xml_load(const char *path, const char *schema, struct diag *dg)
{
	struct pos fp = {path, 0, 0};
	size_t len = 0;
	char *raw = file_read(path, &len, XML_MAXSIZE);
	if (!raw) {
		if (errno == EFBIG) {
			diag_error(dg, fp, "the file is larger than %ld MB", XML_MAXSIZE >> 20);
		} else {
			char why[128] = "unknown error";
			strerror_r(errno, why, sizeof(why));
			diag_error(dg, fp, "cannot read the file: %s", why);
		}
		return NULL;
	}
	struct xstate st = {.path = path, .dg = dg, .raw = raw, .len = len};
	xmlDocPtr doc = NULL;
	if (len == 0)
		diag_error(dg, fp, "the file is empty");
	else if (xml_precheck(&st) == 0)
		doc = xml_parse(&st);
	if (doc && schema && xml_validate(&st, doc, schema) != 0) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	free(raw);
	return doc;
}

void xml_init(void)
{
	xmlInitParser();
	/* the XML Schema datatypes that RELAX NG uses are otherwise built
	 * lazily on the first lookup, which races between batch threads
	 * ("type 'token' is not exported") */
	xmlSchemaInitTypes();
	xmlRelaxNGInitTypes();
}

void xml_cleanup(void)
{
	xmlRelaxNGCleanupTypes();
	xmlSchemaCleanupTypes();
	xmlCleanupParser();
}
