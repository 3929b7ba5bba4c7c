import Foundation

/// The JSON text of the reports: deterministic (sorted keys), readable (two spaces a level), no escaped slashes,
/// and non-finite numbers as the strings `inf`, `-inf` and `nan`. The CLI prints its JSON through this type too.
package enum ReportJSON {
    /// `value` as JSON text with a final newline, from an encoder made by ``encoder()`` (reused across many small values).
    package static func encode(_ value: some Encodable, with encoder: JSONEncoder) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// The encoder of every JSON report: pretty-printed (two spaces a level), sorted keys, no escaped slashes.
    package static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// A value's JSON from ``encode(_:with:)`` set `spaces` deeper, to be written inside an enclosing document: every
    /// line but the first (`first: false`, when it follows a key) gets the spaces, except the empty line the
    /// printer puts in an empty array, and the final newline goes. Strings never hold a raw line break in JSON, so
    /// every line break is the printer's own.
    package static func indented(_ json: String, by spaces: Int, first: Bool) -> String {
        // Bytes, not Characters: a line break is one byte, and no grapheme needs finding.
        var json = json
        return json.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 4)
            var lineStart = true
            var isFirstLine = true
            for (k, byte) in bytes.enumerated() {
                if byte == 0x0A {
                    if k == bytes.count - 1 { break } // the final newline goes
                    out.append(byte)
                    lineStart = true
                    isFirstLine = false
                    continue
                }
                if lineStart && (first || !isFirstLine) { out.append(contentsOf: repeatElement(0x20, count: spaces)) }
                lineStart = false
                out.append(byte)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
