/*
 * xml: safe reading of XML files through libxml2, shared by the report and
 * layout loaders.  Refuses DTDs, external entities and network access,
 * limits file size and entity expansion, and validates against a RELAX NG
 * schema, reporting every problem as file:line:column.
 */
#ifndef FOLIO_XML_H
#define FOLIO_XML_H

#include <libxml/tree.h>

#include "diag.h"

/* largest input file accepted, bytes */
#define XML_MAXSIZE (64L << 20)

/* parse path and validate it against schema (a .rng path); NULL after
 * reporting to dg.  Free the result with xmlFreeDoc. */
xmlDocPtr xml_load(const char *path, const char *schema, struct diag *dg);
/* position of a node in its file: elements exactly (line and column of
 * their '<'), text and attributes at their element */
struct pos xml_pos(const char *file, xmlNodePtr n);
/* initialise libxml2 and its RELAX NG type library; call once from the
 * main thread before any thread loads XML (libxml2 sets these up lazily,
 * which is not thread-safe) */
void xml_init(void);
/* release what xml_init set up, at exit (keeps leak checkers quiet) */
void xml_cleanup(void);

#endif
