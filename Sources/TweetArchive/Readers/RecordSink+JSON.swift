extension RecordSink {
    /// Parses one JSON document for a JSON-based format, accounting for the outcomes every such format shares:
    /// text that is not JSON is skipped as `bad-json` (with the 1-based column where the parser stopped), and
    /// repaired invalid UTF-8 is counted once per line.
    ///
    ///     sink.parseJSON(#"{"id": 1"#, line: 7)   // nil; issue "f.jsonl:7: bad-json: column 9: expected ',' or '}'"
    ///
    /// - Returns: The value, or `nil` when the line was ignored or skipped.
    /// - Throws: ``ArchiveError`` (`.malformed`) for bad JSON when reading with `strict`.
    mutating func parseJSON(_ bytes: TextBytes, line: Int) throws(ArchiveError) -> JSONValue? {
        var parser = JSONParser(bytes)
        do {
            let value = try parser.parseDocument()
            if parser.repairedInvalidUTF8 { stats.invalidUTF8Lines += 1 }
            return value
        } catch {
            try skip(line: line, reason: .badJSON, detail: "column \(error.offset + 1): \(error.message)")
            return nil
        }
    }

    /// The object on one line of a JSON-lines format: a blank line is ignored, text that is not JSON is skipped as
    /// `bad-json`, and any other JSON value as `not-an-object`.
    ///
    /// - Returns: The object, or `nil` when the line was ignored or skipped.
    /// - Throws: ``ArchiveError`` (`.malformed`) for a skipped line when reading with `strict`.
    mutating func jsonObjectLine(_ bytes: TextBytes, line: Int) throws(ArchiveError) -> JSONObject? {
        if Self.isBlank(bytes) {
            ignore()
            return nil
        }
        guard let value = try parseJSON(bytes, line: line) else { return nil }
        guard let object = value.object else {
            try skip(line: line, reason: .notAnObject, detail: bytes.excerpt())
            return nil
        }
        return object
    }

    /// Whether a line holds nothing but whitespace (JSON formats ignore such lines).
    static func isBlank(_ bytes: TextBytes) -> Bool {
        bytes.allSatisfy { $0 == ASCII.space || $0 == ASCII.tab || $0 == 0x0D }
    }
}

/// The status id in a tweet URL, `https://twitter.com/user/status/123?s=20` → (123, `user`).
func statusReference(inURL url: String) -> (id: TweetID, user: Handle?)? {
    let parts = url.split(separator: "/", omittingEmptySubsequences: true)
    guard let k = parts.lastIndex(where: { $0 == "status" || $0 == "statuses" }), k + 1 < parts.count else {
        return nil
    }
    let digits = parts[k + 1].prefix { ASCII.isDigit($0.asciiValue ?? 0) }
    guard let value = UInt64(digits), value != 0 else { return nil }
    let user = k >= 1 && parts[k - 1] != "i" && !parts[k - 1].contains(".") ? Handle(parts[k - 1]) : nil
    return (TweetID(value), user)
}
