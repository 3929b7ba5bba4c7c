extension Tweet {
    /// Calls `body` with the text's UTF-8 bytes as a bounds-checked `Span`, valid only during the call: the bytes
    /// stay in the archive's text storage and no `String` is built.
    ///
    ///     let marker = tweet.withUTF8Span(NumberingMarker.parse(utf8:))
    @inlinable
    package func withUTF8Span<Result>(_ body: (Span<UInt8>) throws -> Result) rethrows -> Result {
        try withUTF8Text { try body($0.span) }
    }
}
