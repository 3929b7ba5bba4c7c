import ReplyGraph

// The tweet graph's GraphML node and edge lines, written as bytes: the lines ``ExportGraph/graphML`` writes for the
// nodes and edges of ``TweetGraphExport/forEachNode(_:)`` and ``TweetGraphExport/forEachEdge(_:)``, without a
// `Node`, an attribute dictionary or a `String` per value. Attribute keys are resolved once per batch, text is
// XML-escaped straight from the archive's UTF-8, and numbers are written as ASCII digits.

extension TweetGraphExport {
    /// Node batches: ``batchSize`` tweets each, then external tweets, then users, each in order.
    package var nodeBatchCount: Int { tweetBatches + externalBatches + userBatches }

    /// Edge batches: those of the tweets they start from (``batchSize`` tweets each).
    package var edgeBatchCount: Int { tweetBatches }

    package func edgeCount(inBatch batch: Int) -> Int { edgeCounts[batch] }

    private var tweetBatches: Int { Self.batches(of: archive.tweets.count, size: batchSize) }
    private var externalBatches: Int { Self.batches(of: externals.count, size: batchSize) }
    private var userBatches: Int { Self.batches(of: users.count, size: batchSize) }

    private static func batches(of count: Int, size: Int) -> Int { (count + size - 1) / size }

    /// The positions of batch `batch` among `count` items.
    private func positions(inBatch batch: Int, of count: Int) -> Range<Int> {
        batch * batchSize..<Swift.min((batch + 1) * batchSize, count)
    }

    package func appendGraphMLNodes(inBatch batch: Int, columns: [(String, AttributeType)], to out: inout [UInt8]) {
        let keys = GraphMLDataKeys(columns: columns, prefix: "n")
        if batch < tweetBatches {
            let fields = TweetFields(keys)
            let tweets = positions(inBatch: batch, of: archive.tweets.count)
            // Room for the lines as they mostly come, so that the bytes are not copied as they grow.
            var text = 0
            for i in tweets { text += archive.tweets[i].textUTF8Count }
            out.reserveCapacity(out.count + text + text / 8 + tweets.count * 384)
            for i in tweets { appendTweetNode(at: i, fields, to: &out) }
        } else if batch < tweetBatches + externalBatches {
            let author = keys.opening(ifPresent: "author")
            let text = keys.opening(ifPresent: "text")
            keys.checkOrder(["author", "text"])
            for id in externals[positions(inBatch: batch - tweetBatches, of: externals.count)] {
                out.append(contentsOf: "    <node id=\"".utf8)
                out.appendDecimal(id.rawValue)
                out.append(contentsOf: "\">".utf8)
                keys.appendKind("external_tweet", to: &out)
                if let external = archive.externalTweets[id] {
                    if let display = external.author?.display {
                        out.append(contentsOf: author!)
                        Escaping.appendXML(display, to: &out)
                        out.append(contentsOf: "</data>".utf8)
                    }
                    if let value = external.text {
                        out.append(contentsOf: text!)
                        Escaping.appendXML(value, to: &out)
                        out.append(contentsOf: "</data>".utf8)
                    }
                }
                out.append(contentsOf: "</node>\n".utf8)
            }
        } else {
            let handle = keys.opening("handle")
            let tweets = keys.opening("tweets")
            keys.checkOrder(["handle", "tweets"])
            for user in users[positions(inBatch: batch - tweetBatches - externalBatches, of: users.count)] {
                out.append(contentsOf: "    <node id=\"".utf8)
                Escaping.appendXML(user.id, to: &out)
                out.append(contentsOf: "\">".utf8)
                keys.appendKind("user", to: &out)
                out.append(contentsOf: handle)
                Escaping.appendXML(user.display, to: &out)
                out.append(contentsOf: "</data>".utf8)
                out.append(contentsOf: tweets)
                out.appendDecimal(user.tweets)
                out.append(contentsOf: "</data></node>\n".utf8)
            }
        }
    }

    /// The openings of a tweet node's `<data>` elements; `nil` for a column the export does not have.
    private struct TweetFields {
        let keys: GraphMLDataKeys
        let author, createdAt, isReply, isRetweet, text: [UInt8]
        let likes, replies, retweets, threadPosition, threadRoot: [UInt8]?

        init(_ keys: GraphMLDataKeys) {
            self.keys = keys
            author = keys.opening("author")
            createdAt = keys.opening("created_at")
            isReply = keys.opening("is_reply")
            isRetweet = keys.opening("is_retweet")
            likes = keys.opening(ifPresent: "likes")
            replies = keys.opening(ifPresent: "replies")
            retweets = keys.opening(ifPresent: "retweets")
            text = keys.opening("text")
            threadPosition = keys.opening(ifPresent: "thread_position")
            threadRoot = keys.opening(ifPresent: "thread_root")
            // The order of the lines below.
            keys.checkOrder([
                "author", "created_at", "is_reply", "is_retweet", "likes", "replies", "retweets", "text",
                "thread_position", "thread_root",
            ])
        }
    }

    private func appendTweetNode(at i: Int, _ fields: TweetFields, to out: inout [UInt8]) {
        let tweet = archive.tweets[i]
        out.append(contentsOf: "    <node id=\"".utf8)
        out.appendDecimal(tweet.id.rawValue)
        out.append(contentsOf: "\">".utf8)
        fields.keys.appendKind("tweet", to: &out)
        out.append(contentsOf: fields.author)
        Escaping.appendXML(tweet.author.display, to: &out)
        out.append(contentsOf: "</data>".utf8)
        out.append(contentsOf: fields.createdAt)
        out.appendISO8601(tweet.createdAt)
        out.append(contentsOf: "</data>".utf8)
        out.append(contentsOf: fields.isReply)
        out.append(contentsOf: tweet.isReply ? "true</data>".utf8 : "false</data>".utf8)
        out.append(contentsOf: fields.isRetweet)
        out.append(contentsOf: tweet.isRetweet ? "true</data>".utf8 : "false</data>".utf8)
        if tweet.hasCounts {
            let counts = tweet.counts
            func count(_ value: Int?, _ opening: [UInt8]?) {
                guard let value else { return }
                out.append(contentsOf: opening!)
                out.appendDecimal(value)
                out.append(contentsOf: "</data>".utf8)
            }
            count(counts.likes, fields.likes)
            count(counts.replies, fields.replies)
            count(counts.retweets, fields.retweets)
        }
        out.append(contentsOf: fields.text)
        tweet.withUTF8Span { Escaping.appendXML($0, to: &out) }
        out.append(contentsOf: "</data>".utf8)
        if let membership = thread(ofTweetAt: i) {
            out.append(contentsOf: fields.threadPosition!)
            out.appendDecimal(membership.position)
            out.append(contentsOf: "</data>".utf8)
            out.append(contentsOf: fields.threadRoot!)
            out.appendDecimal(membership.root.rawValue)
            out.append(contentsOf: "</data>".utf8)
        }
        out.append(contentsOf: "</node>\n".utf8)
    }

    package func appendGraphMLEdges(
        inBatch batch: Int, firstID: Int, columns: [(String, AttributeType)], to out: inout [UInt8]
    ) {
        let keys = GraphMLDataKeys(columns: columns, prefix: "e")
        let confidence = keys.opening(ifPresent: "confidence")
        let inReplyRun = keys.opening(ifPresent: "in_reply_run")
        let reason = keys.opening(ifPresent: "reason")
        keys.checkOrder(["confidence", "in_reply_run", "reason"])
        var id = firstID
        out.reserveCapacity(out.count + edgeCounts[batch] * 160)
        var source: [UInt8] = []
        var mentioned: [(handle: Handle, index: Int)] = []

        /// `    <edge id="e…" source="…" target="` (the target and the rest follow).
        func start() {
            out.append(contentsOf: "    <edge id=\"e".utf8)
            out.appendDecimal(id)
            out.append(contentsOf: "\" source=\"".utf8)
            out.append(contentsOf: source)
            out.append(contentsOf: "\" target=\"".utf8)
            id += 1
        }
        /// `">`, the kind, then `</edge>` and the line break unless `scored` data follow.
        func finish(_ kind: String, open: Bool = false) {
            out.append(contentsOf: "\">".utf8)
            keys.appendKind(kind, to: &out)
            if !open { out.append(contentsOf: "</edge>\n".utf8) }
        }
        func edge(to target: TweetID, _ kind: String) {
            start()
            out.appendDecimal(target.rawValue)
            finish(kind)
        }
        func scoredEdge(to target: TweetID, _ kind: String, _ score: Double, _ why: String) {
            start()
            out.appendDecimal(target.rawValue)
            finish(kind, open: true)
            out.append(contentsOf: confidence!)
            out.append(contentsOf: Escaping.number(score, maxFractionDigits: 9).utf8)
            out.append(contentsOf: "</data>".utf8)
            out.append(contentsOf: reason!)
            Escaping.appendXML(why, to: &out)
            out.append(contentsOf: "</data></edge>\n".utf8)
        }

        for i in positions(inBatch: batch, of: archive.tweets.count) {
            let tweet = archive.tweets[i]
            // authored: from the author to the tweet
            source.removeAll(keepingCapacity: true)
            source.append(UInt8(ascii: "@"))
            Escaping.appendXML(tweet.author.key, to: &source)
            start()
            out.appendDecimal(tweet.id.rawValue)
            finish("authored")
            source.removeAll(keepingCapacity: true)
            source.appendDecimal(tweet.id.rawValue)
            if let parent = tweet.inReplyToID { edge(to: parent, "replies_to") }
            Self.distinctMentions(of: tweet, into: &mentioned)
            if !mentioned.isEmpty {
                let replyRun = tweet.entities.replyToCount
                for mention in mentioned {
                    start()
                    out.append(UInt8(ascii: "@"))
                    Escaping.appendXML(mention.handle.key, to: &out)
                    finish("mentions", open: true)
                    out.append(contentsOf: inReplyRun!)
                    out.append(contentsOf: mention.index < replyRun ? "true".utf8 : "false".utf8)
                    out.append(contentsOf: "</data></edge>\n".utf8)
                }
            }
            for link in linksByTweet[i] {
                scoredEdge(to: link.to, "continues", link.confidence, link.reason.description)
            }
            if let quoted = tweet.quotedID { edge(to: quoted, "quotes") }
            if let retweeted = tweet.retweetedID { edge(to: retweeted, "retweets") }
            for followUp in followUpsBySource[i] {
                scoredEdge(to: followUp.target, "follow_up_of", followUp.confidence, followUp.reason.description)
            }
        }
        precondition(id - firstID == edgeCounts[batch], "edge batch \(batch): edges written differ from edges counted")
    }
}

/// The `<data key="…">` openings of an export's columns by attribute name, resolved once for a batch of lines:
/// `prefix` and the column's position (the kind is column 0).
private struct GraphMLDataKeys {
    private let positions: [String: Int]
    private let prefix: String
    /// `<data key="…0">`, the kind's opening.
    private let kind: [UInt8]

    init(columns: [(String, AttributeType)], prefix: String) {
        var positions: [String: Int] = [:]
        for (k, column) in columns.enumerated().dropFirst() { positions[column.0] = k }
        self.positions = positions
        self.prefix = prefix
        kind = Array("<data key=\"\(prefix)0\">".utf8)
    }

    /// The opening of the column `name`, which the export must have.
    func opening(_ name: String) -> [UInt8] {
        guard let opening = opening(ifPresent: name) else { preconditionFailure("no \(name) column") }
        return opening
    }

    /// The opening of the column `name`, `nil` when the export has no such column.
    func opening(ifPresent name: String) -> [UInt8]? {
        positions[name].map { Array("<data key=\"\(prefix)\($0)\">".utf8) }
    }

    /// Traps unless the columns among `names` that the export has come in this order, the order a writer
    /// appends them in.
    func checkOrder(_ names: [String]) {
        let present = names.compactMap { positions[$0] }
        precondition(present == present.sorted(), "columns out of order: \(names)")
    }

    /// The kind's `<data>` element (kinds are plain words).
    func appendKind(_ kind: String, to out: inout [UInt8]) {
        out.append(contentsOf: self.kind)
        out.append(contentsOf: kind.utf8)
        out.append(contentsOf: "</data>".utf8)
    }
}

extension [UInt8] {
    /// Appends `value` in decimal ASCII digits, as `String(value)` spells it.
    fileprivate mutating func appendDecimal(_ value: UInt64) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        append(addingCapacity: digits) { out in
            out.append(repeating: UInt8(ascii: "0"), count: digits)
            var span = out.mutableSpan
            var rest = value
            for k in stride(from: digits - 1, through: 0, by: -1) {
                span[k] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
    }

    /// Appends `value` in decimal ASCII digits, `-` first when negative, as `String(value)` spells it.
    fileprivate mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(UInt64(value.magnitude))
    }

    /// Appends `value` in `width` digits at least, zeros first (`value` is not negative), then `separator`.
    private mutating func appendDecimal(_ value: Int, width: Int, then separator: Unicode.Scalar) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        if digits < width { append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits)) }
        appendDecimal(UInt64(value))
        append(UInt8(ascii: separator))
    }

    /// Appends `time.iso8601` (`2023-02-14T16:45:07.263Z`).
    fileprivate mutating func appendISO8601(_ time: Timestamp) {
        let c = time.components()
        // Years outside 0...9999 are spelled as `iso8601` spells them (a sign, more digits).
        guard (0...9999).contains(c.year) else {
            append(contentsOf: time.iso8601.utf8)
            return
        }
        appendDecimal(c.year, width: 4, then: "-")
        appendDecimal(c.month, width: 2, then: "-")
        appendDecimal(c.day, width: 2, then: "T")
        appendDecimal(c.hour, width: 2, then: ":")
        appendDecimal(c.minute, width: 2, then: ":")
        appendDecimal(c.second, width: 2, then: ".")
        appendDecimal(c.millisecond, width: 3, then: "Z")
    }
}
