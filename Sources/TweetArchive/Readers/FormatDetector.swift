/// Decides an input's format from its first significant line, never from the file name.
enum FormatDetector {
    /// The format a line belongs to, or `nil` when the line says nothing (blank or a scraper log line). The `\r`s
    /// ending the line are not part of it: a file's first lines are looked at before its lines are split (which
    /// drops one), so `"\r\r"` there and `"\r"` after the split must both read as blank.
    static func detect(_ line: TextBytes) -> ArchiveFormat?? {
        var i = 0
        var end = line.count
        while end > 0 && line[end - 1] == 0x0D { end -= 1 }
        if end >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF { i = 3 } // UTF-8 BOM
        while i < end && (line[i] == ASCII.space || line[i] == ASCII.tab) { i += 1 }
        guard i < end else { return .some(nil) } // blank: undecided
        let rest = line.slice(i..<end)
        // `window.YTD.tweets.part0 = [` as Twitter writes it; `module.exports = [` as the tweetback site generator
        // saves the same file.
        if rest.starts(with: "window.YTD.".utf8) {
            // An account archive's other files (like.js, account.js, direct-messages.js, ...) are written the same
            // way: only the kinds whose elements are tweets are an archive.
            let name = rest.dropFirst("window.YTD.".utf8.count).prefix { $0 != UInt8(ascii: ".") && $0 != ASCII.space }
            return tweetKinds.contains { name.elementsEqual($0.utf8) } ? .some(.accountExport) : nil
        }
        if rest.starts(with: "module.exports".utf8)
            || rest.first == ASCII.leftBracket && !TwintTextParser.isLogLine(rest)
        {
            return .some(.accountExport)
        }
        if rest.first == ASCII.leftBrace {
            if looksLikeAPIv2(rest) { return .some(.twitterAPIv2) }
            // twint's keys; a first line that lacks one of them (truncated, say) still shows another.
            if hasKey(rest, "username") || hasKey(rest, "tweet") || hasKey(rest, "conversation_id") {
                return .some(.twintJSON)
            }
            return nil
        }
        if TwintTextParser.isLogLine(rest) { return .some(nil) }
        if ASCII.isDigit(rest[0]) { return .some(.twintText) }
        return nil // not any supported format
    }

    /// The `window.YTD.<name>.partN` names of account-export files whose elements are tweets.
    private static let tweetKinds = [
        "tweets", "tweet", "deleted_tweets", "deleted_tweet", "community_tweet",
        "twitter_circle_tweet",
    ]

    /// A page (`"data":`) or a flattened tweet (`"author_id":`): keys twint never writes. Matching keys, not bare
    /// strings, keeps a twint line that mentions a user called `data` from passing for a page.
    private static func looksLikeAPIv2(_ line: TextBytes) -> Bool {
        hasKey(line, "data") || hasKey(line, "author_id") || hasKey(line, "edit_history_tweet_ids")
    }

    /// Whether `"name"` appears followed by optional whitespace and a colon (a member name, not a value).
    static func hasKey(_ line: TextBytes, _ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        guard line.count >= n + 3 else { return false }
        return name.withUTF8Buffer { key in
            var i = 0
            while i + n + 2 < line.count {
                if line[i] == ASCII.quote && line[i + n + 1] == ASCII.quote {
                    var k = 0
                    while k < n && line[i + 1 + k] == key[k] { k += 1 }
                    if k == n {
                        var j = i + n + 2
                        while j < line.count && (line[j] == ASCII.space || line[j] == ASCII.tab) { j += 1 }
                        if j < line.count && line[j] == ASCII.colon { return true }
                    }
                }
                i += 1
            }
            return false
        }
    }
}

/// Named ASCII bytes for the byte-level parsers.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let dollar: UInt8 = 0x24
    static let ampersand: UInt8 = 0x26
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let lessThan: UInt8 = 0x3C
    static let greaterThan: UInt8 = 0x3E
    static let at: UInt8 = 0x40
    static let leftBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D
    static let leftBrace: UInt8 = 0x7B
    static let pipe: UInt8 = 0x7C
    static let rightBrace: UInt8 = 0x7D

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
}
