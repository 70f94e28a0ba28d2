/*
 * utf8: decoding and validation.  Input text is validated once at the
 * boundary (XML and CSV loaders); everything after may assume valid UTF-8.
 */
#ifndef FOLIO_UTF8_H
#define FOLIO_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* decode one code point at s (n bytes available); returns its length, or
 * 0 when the sequence is invalid (overlong, surrogate, truncated, > U+10FFFF) */
int utf8_decode(const char *s, size_t n, uint32_t *cp);
/* encode cp into out (4 bytes room); returns the length */
int utf8_encode(uint32_t cp, char *out);
/* byte offset of the first invalid sequence, or -1 when all of s is valid */
long utf8_check(const char *s, size_t n);
/* number of code points */
size_t utf8_len(const char *s, size_t n);

#endif
