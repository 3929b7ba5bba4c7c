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
    /// The full texts of long posts (`note-tweet.js`), when the archive has them: a tweet that is one of them gets
    /// its full text instead of the truncated one.
    var longPosts: LongPostIndex?
    /// What the elements are: tweets (emitted), or long posts (`note-tweet.js`, collected in ``collected``).
    var content = Content.tweets
    /// The long posts read, when ``content`` is `.longPosts`.
    private(set) var collected = LongPostIndex()

    enum Content { case tweets, longPosts }

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
    /// The line the next byte is on (the parser counts newlines itself: it is fed chunks, not lines).
    private var line = 1
    /// Whether only blanks precede the next byte on its line, and how many.
    private var atLineStart = true
    private var indent = 0
    /// The indentation of the element's opening `{` when it opened its line (pretty-printed exports), else `nil`.
    /// A `}` or `{` that opens a line at that indentation ends the element (or starts the next one) whatever the
    /// brace count says: an element whose braces do not balance is skipped alone, and reading resumes there.
    private var elementIndent: Int?

    init(owner: Handle, maxElementLength: Int = 1 << 20, longPosts: LongPostIndex? = nil) {
        self.owner = owner
        self.maxElementLength = maxElementLength
        self.longPosts = longPosts
    }

    /// One line of a line-by-line read (standard input): fed as the line and its newline.
    mutating func consume(_ bytes: TextBytes, line number: Int, into sink: inout RecordSink)
        throws(ArchiveError)
    {
        line = number
        try feed(bytes, into: &sink)
        try TextBytes.withBytes(of: Self.newline) { newline throws(ArchiveError) in try feed(newline, into: &sink) }
    }

    private static let newline: [UInt8] = [0x0A]

    /// The lines fed so far (the last one counts when it holds anything).
    var lines: Int { atLineStart && indent == 0 ? line - 1 : line }

    /// Consumes the next bytes of the file, any number of lines or part of one: elements are bounded by
    /// ``maxElementLength``, lines by nothing (a minified export is one line of megabytes).
    mutating func feed(_ bytes: TextBytes, into sink: inout RecordSink) throws(ArchiveError) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            switch state {
            case .preamble:
                if b == ASCII.leftBracket { state = .array }
                advance(b)
                i += 1
            case .array:
                if b == ASCII.leftBrace {
                    state = .element
                    elementLine = line
                    elementIndent = atLineStart ? indent : nil
                    depth = 0
                    inString = false
                    escaped = false
                    overlong = false
                    buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 16)
                    continue // the element's first byte is consumed below
                } else if b == ASCII.rightBracket {
                    state = .done
                } else if b != 0x0A && !Self.isSeparator(b) {
                    try unexpected(bytes, at: i, into: &sink)
                }
                advance(b)
                i += 1
            case .element:
                // Scan to the end of the element or of the bytes, then copy that stretch at once.
                let start = i
                var closed = false
                var broken = false
                while i < n {
                    let c = bytes[i]
                    if c == 0x0A {
                        line += 1
                        atLineStart = true
                        indent = 0
                        i += 1
                        continue
                    }
                    if atLineStart {
                        if c == ASCII.space || c == ASCII.tab {
                            indent += 1
                            i += 1
                            continue
                        }
                        atLineStart = false
                        if let elementIndent, indent == elementIndent, i > start || depth > 0,
                            c == ASCII.leftBrace || c == ASCII.rightBrace && (depth != 1 || inString)
                        {
                            broken = true
                            break
                        }
                    }
                    i += 1
                    if inString {
                        if escaped {
                            escaped = false
                        } else if c == ASCII.backslash {
                            escaped = true
                        } else if c == ASCII.quote {
                            inString = false
                        }
                    } else if c == ASCII.quote {
                        inString = true
                    } else if c == ASCII.leftBrace || c == ASCII.leftBracket {
                        depth += 1
                    } else if c == ASCII.rightBrace || c == ASCII.rightBracket {
                        depth -= 1
                        if depth == 0 {
                            closed = true
                            break
                        }
                    }
                }
                if broken {
                    // Lose this element only: a `}` at its indentation closes it; a `{` there opens the next.
                    state = .array
                    if bytes[i] == ASCII.rightBrace {
                        i += 1
                    } else {
                        atLineStart = true // the `{` opens its line: the next element is pretty-printed too
                    }
                    try sink.skip(
                        line: elementLine, reason: .unbalanced,
                        detail: "the element's braces do not balance (it ends at line \(line)); "
                            + "skipped, reading resumes at the next element")
                    continue
                }
                append(bytes.slice(start..<i))
                if closed {
                    state = .array
                    try finishElement(into: &sink)
                }
            case .done:
                if b != 0x0A && (b != ASCII.semicolon && !Self.isSeparator(b) || b == ASCII.comma) {
                    try unexpected(bytes, at: i, into: &sink)
                }
                advance(b)
                i += 1
            }
        }
    }

    /// Line and indentation bookkeeping for a byte outside elements.
    @inline(__always) private mutating func advance(_ b: UInt8) {
        if b == 0x0A {
            line += 1
            atLineStart = true
            indent = 0
        } else if atLineStart && (b == ASCII.space || b == ASCII.tab) {
            indent += 1
        } else {
            atLineStart = false
        }
    }

    mutating func finish(line _: Int, into sink: inout RecordSink) throws(ArchiveError) {
        let last = lines
        switch state {
        case .element:
            try sink.skip(line: elementLine, reason: .truncated, detail: "the file ends inside this element")
        case .preamble:
            try sink.skip(
                line: max(last, 1), reason: .truncated, detail: "the file ends before the array's opening '['")
        case .array:
            try sink.skip(
                line: max(last, 1), reason: .truncated, detail: "the file ends before the array's closing ']'")
        case .done:
            break
        }
    }

    private static func isSeparator(_ b: UInt8) -> Bool {
        b == ASCII.space || b == ASCII.tab || b == ASCII.comma || b == 0x0D || b == 0xEF || b == 0xBB || b == 0xBF
    }

    /// Reports the line of the byte at `position` (from its start in these bytes), once per line: the excerpt
    /// begins at most 20 bytes before that byte, so that it shows the unexpected text even on a long line (a
    /// minified export is one line).
    private mutating func unexpected(
        _ bytes: TextBytes, at position: Int,
        into sink: inout RecordSink
    ) throws(ArchiveError) {
        guard reportedLine != line else { return }
        reportedLine = line
        var start = position
        while start > 0 && bytes[start - 1] != 0x0A && position - start < 20 { start -= 1 }
        var end = position
        while end < bytes.count && bytes[end] != 0x0A && end - start < 240 { end += 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        try sink.skip(
            line: line, reason: .unexpectedText,
            detail: bytes.slice(start..<end).excerpt())
    }

    private mutating func append(_ bytes: TextBytes) {
        guard !overlong else { return }
        if buffer.count + bytes.count + 1 > maxElementLength {
            overlong = true
            buffer = []
            return
        }
        buffer.append(contentsOf: bytes.buffer)
    }

    private mutating func finishElement(into sink: inout RecordSink) throws(ArchiveError) {
        let number = elementLine
        if overlong {
            return try sink.skip(
                line: number, reason: .elementTooLong,
                detail: "longer than \(maxElementLength) bytes")
        }
        var repaired = false
        let parsed = TextBytes.withBytes(of: buffer) { bytes -> Result<JSONValue, JSONParser.SyntaxError> in
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
                if b == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            return try sink.skip(
                line: number, reason: .badJSON,
                detail: "line \(line) column \(column): \(error.message)")
        }
        if repaired { sink.stats.invalidUTF8Lines += 1 }
        guard var tweet = value.object else {
            return try sink.skip(line: number, reason: .notAnObject, detail: "")
        }
        if content == .longPosts { return try collect(JSONValue.object(tweet), line: number, into: &sink) }
        if let wrapped = tweet["tweet"]?.object { tweet = wrapped }
        try build(JSONValue.object(tweet), line: number, into: &sink)
    }

    /// A long post: `{"noteTweet": {"noteTweetId", "createdAt", "core": {"text"}}}`.
    private mutating func collect(_ element: JSONValue, line number: Int, into sink: inout RecordSink)
        throws(ArchiveError)
    {
        let note = element["noteTweet"] ?? element
        guard let id = note["noteTweetId"]?.string else {
            return try sink.skip(line: number, reason: .missingID, detail: "a long post without noteTweetId")
        }
        guard let text = note["core"]?["text"]?.string else {
            return try sink.skip(line: number, reason: .missingText, detail: "long post \(id)")
        }
        guard let created = note["createdAt"]?.string, let time = StatedDate.iso8601(created) else {
            return try sink.skip(line: number, reason: .badDate, detail: "long post \(id)")
        }
        collected.add(id: id, createdAt: time, text: TextNormalizer.decodeEntities(text))
        sink.ignore()
    }

    private mutating func build(_ tweet: JSONValue, line number: Int, into sink: inout RecordSink) throws(ArchiveError)
    {
        guard let idValue = tweet["id_str"] ?? tweet["id"] else {
            return try sink.skip(line: number, reason: .missingID, detail: "")
        }
        guard let id = idValue.tweetID else {
            return try sink.skip(line: number, reason: .badID, detail: "\(idValue.string ?? "not a string of digits")")
        }
        guard let rawText = tweet["full_text"]?.string ?? tweet["text"]?.string else {
            return try sink.skip(line: number, reason: .missingText, detail: "tweet \(id)")
        }
        var stated: Timestamp?
        if let created = tweet["created_at"]?.string {
            guard let time = StatedDate.export(created) ?? StatedDate.iso8601(created) else {
                return try sink.skip(line: number, reason: .badDate, detail: "tweet \(id): \(created)")
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
        var text = TextNormalizer.decodeEntities(rawText)
        if longPosts != nil, let stated, let full = longPosts!.fullText(of: text, createdAt: stated) { text = full }
        sink.emit(
            Tweet(
                id: id, author: owner, statedTime: stated, text: text,
                inReplyToID: inReplyToID, inReplyToUser: inReplyToUser, quotedID: quotedID,
                language: language, counts: counts, hasMedia: hasMedia))
    }
}
