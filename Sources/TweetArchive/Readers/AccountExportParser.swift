/// Parses the official account export's `tweets.js` (`tweet.js`, `tweets-partN.js`): one JavaScript assignment of
/// a JSON array, spread over many lines.
///
///     window.YTD.tweets.part0 = [ {
///       "tweet" : { "id_str" : "1220101010101010101", "full_text" : "hello", ... }
///     }, {
///       ...
///     } ]
///
/// Copies saved by the tweetback site generator begin `module.exports = [` instead; the rest is the same.
///
/// The file is streamed: a small state machine fed line by line skips the assignment up to the first `[`, then
/// tracks brace depth outside strings and hands each complete element to ``JSONParser``, so memory holds one
/// element, never the whole file. Elements are `{"tweet": {...}}` (2020 onwards) or the bare tweet object.
/// Problems are reported at the line where the element starts. Every tweet's author is the archive owner.
///
/// Skip reasons: `bad-json`, `not-an-object`, `missing-id`, `bad-id`, `missing-text`, `bad-date`,
/// `element-too-long`, `unexpected-text` (between elements or after the array), `truncated` (the file ends inside
/// the array).
struct AccountExportParser: RecordParser {
    var owner: Handle
    /// The longest element buffered, in bytes; longer ones are skipped as `element-too-long`.
    var maxElementLength = 1 << 20

    private enum State {
        /// Before the array's `[`.
        case preamble
        /// Inside the array, between elements.
        case array
        /// Inside an element.
        case element
        /// After the array's `]`.
        case done
    }

    private var state = State.preamble
    private var buffer: [UInt8] = []
    private var elementLine = 0
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var overlong = false
    /// The last line already reported as `unexpected-text`, so one bad line is reported once.
    private var reportedLine = 0

    init(owner: Handle, maxElementLength: Int = 1 << 20) {
        self.owner = owner
        self.maxElementLength = maxElementLength
    }

    mutating func consume(_ line: UnsafeBufferPointer<UInt8>, line number: Int, into sink: inout RecordSink)
        throws(ArchiveError) {
        var i = 0
        let n = line.count
        while i < n {
            let b = line[i]
            switch state {
            case .preamble:
                if b == ASCII.leftBracket { state = .array }
                i += 1
            case .array:
                if b == ASCII.leftBrace {
                    state = .element
                    elementLine = number
                    depth = 0
                    inString = false
                    escaped = false
                    overlong = false
                    buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 16)
                    continue   // the element's first byte is consumed below
                } else if b == ASCII.rightBracket {
                    state = .done
                } else if !Self.isSeparator(b) {
                    try unexpected(line, number, into: &sink)
                    return
                }
                i += 1
            case .element:
                // Scan to the end of the element or of the line, then copy that stretch at once.
                let start = i
                var closed = false
                while i < n {
                    let c = line[i]
                    i += 1
                    if inString {
                        if escaped { escaped = false } else if c == ASCII.backslash { escaped = true }
                        else if c == ASCII.quote { inString = false }
                    } else if c == ASCII.quote {
                        inString = true
                    } else if c == ASCII.leftBrace || c == ASCII.leftBracket {
                        depth += 1
                    } else if c == ASCII.rightBrace || c == ASCII.rightBracket {
                        depth -= 1
                        if depth == 0 { closed = true; break }
                    }
                }
                append(UnsafeBufferPointer(rebasing: line[start..<i]))
                if closed {
                    state = .array
                    try finishElement(into: &sink)
                }
            case .done:
                if b != ASCII.semicolon && !Self.isSeparator(b) || b == ASCII.comma {
                    try unexpected(line, number, into: &sink)
                    return
                }
                i += 1
            }
        }
        if state == .element { append(UnsafeBufferPointer(start: nil, count: 0), newline: true) }
    }

    mutating func finish(line: Int, into sink: inout RecordSink) throws(ArchiveError) {
        switch state {
        case .element:
            try sink.skip(line: elementLine, reason: "truncated", detail: "the file ends inside this element")
        case .preamble:
            try sink.skip(line: line, reason: "truncated", detail: "the file ends before the array's opening '['")
        case .array:
            try sink.skip(line: line, reason: "truncated", detail: "the file ends before the array's closing ']'")
        case .done:
            break
        }
    }

    private static func isSeparator(_ b: UInt8) -> Bool {
        b == ASCII.space || b == ASCII.tab || b == ASCII.comma || b == 0x0D || b == 0xEF || b == 0xBB || b == 0xBF
    }

    private mutating func unexpected(_ line: UnsafeBufferPointer<UInt8>, _ number: Int,
                                     into sink: inout RecordSink) throws(ArchiveError) {
        guard reportedLine != number else { return }
        reportedLine = number
        try sink.skip(line: number, reason: "unexpected-text", detail: line.excerpt())
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, newline: Bool = false) {
        guard !overlong else { return }
        if buffer.count + bytes.count + 1 > maxElementLength {
            overlong = true
            buffer = []
            return
        }
        buffer.append(contentsOf: bytes)
        if newline { buffer.append(0x0A) }
    }

    private mutating func finishElement(into sink: inout RecordSink) throws(ArchiveError) {
        let number = elementLine
        if overlong {
            return try sink.skip(line: number, reason: "element-too-long",
                                 detail: "longer than \(maxElementLength) bytes")
        }
        var repaired = false
        let parsed = buffer.withUnsafeBufferPointer { bytes -> Result<JSONValue, JSONParser.SyntaxError> in
            var parser = JSONParser(bytes)
            let result = Result { () throws(JSONParser.SyntaxError) in try parser.parseDocument() }
            repaired = parser.repairedInvalidUTF8
            return result
        }
        let value: JSONValue
        switch parsed {
        case .success(let v): value = v
        case .failure(let error):
            // Where in the element: its line (relative to the file) and column.
            var line = number
            var column = 1
            for b in buffer.prefix(error.offset) {
                if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            }
            return try sink.skip(line: number, reason: "bad-json",
                                 detail: "line \(line) column \(column): \(error.message)")
        }
        if repaired { sink.stats.invalidUTF8Lines += 1 }
        guard var tweet = value.object else {
            return try sink.skip(line: number, reason: "not-an-object", detail: "")
        }
        if let wrapped = tweet["tweet"]?.object { tweet = wrapped }
        try build(JSONValue.object(tweet), line: number, into: &sink)
    }

    private func build(_ tweet: JSONValue, line number: Int, into sink: inout RecordSink) throws(ArchiveError) {
        guard let idValue = tweet["id_str"] ?? tweet["id"] else {
            return try sink.skip(line: number, reason: "missing-id", detail: "")
        }
        guard let id = idValue.tweetID else {
            return try sink.skip(line: number, reason: "bad-id", detail: "\(idValue.string ?? "not a string of digits")")
        }
        guard let rawText = tweet["full_text"]?.string ?? tweet["text"]?.string else {
            return try sink.skip(line: number, reason: "missing-text", detail: "tweet \(id)")
        }
        var stated: Timestamp?
        if let created = tweet["created_at"]?.string {
            guard let time = StatedDate.export(created) ?? StatedDate.iso8601(created) else {
                return try sink.skip(line: number, reason: "bad-date", detail: "tweet \(id): \(created)")
            }
            stated = time
        }
        let inReplyToID = (tweet["in_reply_to_status_id_str"] ?? tweet["in_reply_to_status_id"])?.tweetID
        let inReplyToUser = tweet["in_reply_to_screen_name"]?.string.flatMap { $0.isEmpty ? nil : Handle($0) }
        if let inReplyToID { sink.reference(ExternalTweet(id: inReplyToID, author: inReplyToUser)) }
        let quotedID = (tweet["quoted_status_id_str"] ?? tweet["quoted_status_id"])?.tweetID
        if let quotedID { sink.reference(ExternalTweet(id: quotedID)) }

        var counts = EngagementCounts()
        counts.likes = tweet["favorite_count"]?.int
        counts.retweets = tweet["retweet_count"]?.int

        var hasMedia: Bool?
        if let entities = tweet["entities"] {
            hasMedia = entities["media"]?.isNonEmpty == true || tweet["extended_entities"]?["media"]?.isNonEmpty == true
        }
        let language = tweet["lang"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        sink.emit(Tweet(id: id, author: owner, statedTime: stated, text: TextNormalizer.decodeEntities(rawText),
                        inReplyToID: inReplyToID, inReplyToUser: inReplyToUser, quotedID: quotedID,
                        language: language, counts: counts, hasMedia: hasMedia))
    }
}
