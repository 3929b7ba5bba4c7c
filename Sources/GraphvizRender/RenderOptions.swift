/// A Graphviz layout engine.
public enum LayoutEngine: String, Hashable, Sendable, CaseIterable {
    /// Hierarchical layers, for directed graphs such as reply chains.
    case dot
    /// Spring model (stress majorisation).
    case neato
    /// Force-directed placement.
    case fdp
    /// Multiscale force-directed placement, for large graphs.
    case sfdp
    /// Circular layout.
    case circo
    /// Radial layout around a root.
    case twopi
}

/// An output format Graphviz renders to.
public enum OutputFormat: String, Hashable, Sendable, CaseIterable {
    /// Scalable vector graphics, text.
    case svg
    /// Raster image through the cairo plugin (`libgvplugin_pango`, shipped in Debian's `libgvc6`).
    case png
    /// Vector document through the cairo plugin.
    case pdf
    /// Graphviz's JSON with layout (`json`).
    case json
    /// DOT with layout and drawing operations.
    case xdot
    /// DOT with layout positions (`pos`, `bb`).
    case dot
    /// Canonical DOT: the input graph re-serialised, without layout attributes.
    case canon
}
