/// A text output stream that also takes text as UTF-8 bytes, as they are: writers that make their text as bytes
/// (the tweet graph's GraphML) hand them over without building a `String` first.
///
///     var out = ""
///     out.write(utf8: Array("<graphml>\n".utf8))
///     out   // "<graphml>\n"
package protocol UTF8OutputStream: TextOutputStream {
    /// Appends `bytes`, which are valid UTF-8.
    mutating func write(utf8 bytes: [UInt8])
}

extension String: UTF8OutputStream {
    /// Appends the text `bytes` spell.
    ///
    /// - Complexity: O(`bytes.count`).
    package mutating func write(utf8 bytes: [UInt8]) { append(String(decoding: bytes, as: UTF8.self)) }
}
