#ifndef CGRAPHVIZ_SHIM_H
#define CGRAPHVIZ_SHIM_H

// The installed Graphviz headers (found through pkg-config's `-I.../graphviz`), never vendored copies.
#include <graphviz/gvc.h>
#include <stddef.h>

/// `gvRenderData` with a `size_t` length whatever the installed Graphviz declares.
///
/// Graphviz 2.x declares the length as `unsigned int *`, later releases as `size_t *`. `_Generic` on the
/// function's own type picks the matching call at compile time, so no version number is guessed; the branch not
/// taken casts the function to the type it does not have but is never evaluated.
static inline int cgraphviz_render_data(GVC_t *gvc, graph_t *g, const char *format, char **result,
                                        size_t *length) {
    typedef int (*cgraphviz_render_uint)(GVC_t *, graph_t *, const char *, char **, unsigned int *);
    typedef int (*cgraphviz_render_size)(GVC_t *, graph_t *, const char *, char **, size_t *);
    int status;
    *length = 0;
    *result = NULL;
    if (_Generic(&gvRenderData, cgraphviz_render_uint: 1, default: 0)) {
        unsigned int narrow = 0;
        status = ((cgraphviz_render_uint)gvRenderData)(gvc, g, format, result, &narrow);
        *length = (size_t)narrow;
    } else {
        status = ((cgraphviz_render_size)gvRenderData)(gvc, g, format, result, length);
    }
    return status;
}

/// Forgets what cgraph's lexer kept from the previous parse. After a source with text past its first graph
/// (`digraph A {} digraph B {}`), the lexer keeps its buffer and line count, and the next parse reports its errors
/// on shifted lines. `aglexbad` (flush the scanner's buffer) is exported but not declared by the headers, so it
/// is declared weak here and skipped where a Graphviz does not export it; `agsetfile` (public) resets the count.
extern void aglexbad(void) __attribute__((weak));
static inline void cgraphviz_reset_lexer(void) {
    if (aglexbad) aglexbad();
    agsetfile(NULL);
}

#endif
