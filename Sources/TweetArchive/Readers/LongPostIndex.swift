/// The full texts of an archive's long posts (`note-tweet.js`), found again for the truncated tweets that stand for
/// them in `tweets.js`.
///
/// A long post appears twice in an archive: in `tweets.js` as a tweet whose `full_text` is cut after about 275
/// characters and ends in `…` and a `t.co` link, and in `note-tweet.js` as `{"noteTweet": {"noteTweetId",
/// "createdAt", "core": {"text"}}}` with the whole text but no tweet id. Neither names the other, so a tweet is
/// joined to a note when both were created within the same two seconds (the export states tweet times to the
/// second, note times to the millisecond) and the note's text begins with the tweet's text less its ellipsis and
/// link, compared without whitespace (the two files break lines differently), without a reply's leading handles,
/// and only up to the first `t.co` link (`tweets.js` shortens links, the note does not). At least eight characters
/// must match, and each note joins one tweet at most.
///
///     var index = LongPostIndex()
///     index.add(id: "1", createdAt: t, text: "A long post that goes on and on … and ends here.")
///     index.fullText(of: "A long post that goes on … https://t.co/abc", createdAt: t)   // the whole text
///     index.joined                                                                     // 1
///
/// - Complexity: O(1) expected per lookup (notes are bucketed by second), plus the prefix comparison.
struct LongPostIndex: Sendable {
    struct Post: Sendable {
        var id: String
        var createdAt: Timestamp
        var text: String
        var joined = false
    }

    private(set) var posts: [Post] = []
    private var bySecond: [Int64: [Int]] = [:]

    /// Notes joined to a tweet so far.
    private(set) var joined = 0

    var count: Int { posts.count }

    mutating func add(id: String, createdAt: Timestamp, text: String) {
        bySecond[Self.second(createdAt), default: []].append(posts.count)
        posts.append(Post(id: id, createdAt: createdAt, text: text))
    }

    /// The full text of the long post that `text` (a tweet's possibly truncated text) stands for, or `nil`.
    mutating func fullText(of text: String, createdAt: Timestamp) -> String? {
        let second = Self.second(createdAt)
        var candidates: [Int] = []
        for s in (second - 1)...(second + 1) { candidates += bySecond[s] ?? [] }
        guard !candidates.isEmpty else { return nil }
        let prefix = Self.significant(Self.comparable(Self.withoutTruncationMark(text)))
        guard prefix.count >= 8 else { return nil } // too little text to tell two posts apart
        var best: Int?
        for k in candidates {
            let full = Self.significant(Self.comparable(Substring(posts[k].text)))
            guard full.count >= prefix.count, full.starts(with: prefix) else { continue }
            if !posts[k].joined {
                best = k
                break
            }
        }
        guard let best else { return nil }
        posts[best].joined = true
        joined += 1
        return posts[best].text
    }

    private static func second(_ time: Timestamp) -> Int64 {
        time.milliseconds >= 0 ? time.milliseconds / 1000 : (time.milliseconds - 999) / 1000
    }

    /// The text less a trailing `t.co` link and ellipsis (`…` or `...`), as Twitter truncates long posts.
    static func withoutTruncationMark(_ text: String) -> Substring {
        var rest = Substring(text)
        while rest.last?.isWhitespace == true { rest = rest.dropLast() }
        let lastWord = rest.lastIndex(where: \.isWhitespace).map { rest.index(after: $0) } ?? rest.startIndex
        if rest[lastWord...].hasPrefix("https://t.co/") || rest[lastWord...].hasPrefix("…https://t.co/") {
            rest = rest[..<lastWord]
        }
        while rest.last?.isWhitespace == true { rest = rest.dropLast() }
        if rest.hasSuffix("…") { rest = rest.dropLast() } else if rest.hasSuffix("...") { rest = rest.dropLast(3) }
        return rest
    }

    /// What of a text both files write alike: without the leading `@handle`s of a reply (which one file may
    /// leave out) and cut before the first `t.co` link (`tweets.js` shortens links, the note keeps them).
    static func comparable(_ text: Substring) -> Substring {
        var rest = text
        while rest.first == "@", let end = rest.firstIndex(where: \.isWhitespace) {
            rest = rest[end...].drop { $0.isWhitespace }
        }
        if let link = rest.firstRange(of: "https://t.co/") { rest = rest[..<link.lowerBound] }
        return rest
    }

    /// The text's Unicode scalars without whitespace.
    private static func significant(_ text: some StringProtocol) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { !$0.properties.isWhitespace }
    }
}
