/*
 * util: allocation that never returns NULL, a growable byte buffer and a
 * bump arena.  Every module allocates through these so that an out-of-memory
 * condition ends the process with one clear message instead of a crash.
 */
#ifndef FOLIO_UTIL_H
#define FOLIO_UTIL_H

#include <stddef.h>
#include <stdarg.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* grow *arr (of elements of size elsz) so that index need-1 fits; *cap updated */
void *xgrow(void *arr, size_t elsz, int need, int *cap);

/* a growable NUL-terminated byte string */
struct buf {
	char *s;		/* contents, always NUL-terminated once used */
	size_t len;		/* bytes used, without the NUL */
	size_t cap;		/* bytes allocated */
};

void buf_put(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, int c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);
/* hand over the string; the buffer is left empty */
char *buf_take(struct buf *b);

/* a bump allocator: many small objects freed at once */
struct arena {
	struct arena_blk *blk;	/* newest block first */
};

void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

/* read a whole file; NULL with errno set on failure; *len gets its size */
char *file_read(const char *path, size_t *len, size_t limit);
/* the directory part of a path ("." when none), newly allocated */
char *path_dir(const char *path);
/* join dir and rel unless rel is absolute, newly allocated */
char *path_join(const char *dir, const char *rel);

#endif
