import Foundation
import ReplyGraph
import Testing

/// Threads from archives that state reply ids, read through the real readers: the threads must be exactly the
/// self-reply chains the ids give. The parts are hours apart and unnumbered, so only the ids can link them.
@Suite struct ThreadFormatFixtureTests {
    // Snowflake ids two, five and nine hours after the root; a reply to someone else; another user's reply.
    static let root = TweetID(UInt64(1_600_000_000_000 - TweetID.twitterEpochMilliseconds) << 22)
    static func later(_ hours: UInt64) -> TweetID { TweetID(root.rawValue + (hours * 3_600_000) << 22) }
    static let (second, third, aside, stranger) = (later(2), later(5), later(7), later(9))
    static let elsewhere = TweetID(1_500_000_000_000_000_000) // not in the archive (deleted or another account's)

    /// The expected thread, oldest first.
    static let chain = [root, second, third]

    /// (id, author, text, parent id, parent author)
    static let rows: [(TweetID, String, String, TweetID?, String?)] = [
        (root, "ada", "How caches fail, a story", nil, nil),
        (second, "ada", "It started with a stampede", root, "ada"),
        (third, "ada", "And ended with jitter", second, "ada"),
        (aside, "ada", "@bob agreed", elsewhere, "bob"),
        (stranger, "bob", "@ada nice thread", root, "ada"),
    ]

    static func iso(_ id: TweetID) -> String {
        let c = Timestamp(milliseconds: id.snowflakeMilliseconds!).components()
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second)).000Z"
    }

    static func userID(_ name: String) -> String { name == "ada" ? "11" : "22" }

    static func apiTweet(_ row: (TweetID, String, String, TweetID?, String?), flattened: Bool) -> String {
        let (id, author, text, parent, parentAuthor) = row
        var fields = [
            #""id": "\#(id)""#, #""author_id": "\#(userID(author))""#, #""text": "\#(text)""#,
            #""created_at": "\#(iso(id))""#, #""conversation_id": "\#(parent == nil ? id : root)""#,
        ]
        if let parent, let parentAuthor {
            fields.append(#""in_reply_to_user_id": "\#(userID(parentAuthor))""#)
            fields.append(#""referenced_tweets": [{"type": "replied_to", "id": "\#(parent)"}]"#)
        }
        if flattened { fields.append(#""author": {"id": "\#(userID(author))", "username": "\#(author)"}"#) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static var apiFlattened: String { rows.map { apiTweet($0, flattened: true) }.joined(separator: "\n") + "\n" }

    static var apiRawPage: String {
        let data = rows.map { apiTweet($0, flattened: false) }.joined(separator: ", ")
        let users = #"{"id": "11", "username": "ada"}, {"id": "22", "username": "bob"}"#
        return #"{"data": [\#(data)], "includes": {"users": [\#(users)]}, "meta": {"result_count": 5}}"# + "\n"
    }

    /// The account export holds only the owner's tweets.
    static var accountExport: String {
        let elements = rows.filter { $0.1 == "ada" }.map { id, _, text, parent, parentAuthor -> String in
            let c = Timestamp(milliseconds: id.snowflakeMilliseconds!).components()
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            let created =
                "\(days[c.weekday]) \(months[c.month - 1]) \(two(c.day)) \(two(c.hour)):\(two(c.minute)):"
                + "\(two(c.second)) +0000 \(c.year)"
            var fields = [
                #""id_str" : "\#(id)""#, #""full_text" : "\#(text)""#, #""created_at" : "\#(created)""#,
                #""favorite_count" : "1""#, #""retweet_count" : "0""#,
            ]
            if let parent, let parentAuthor {
                fields.append(#""in_reply_to_status_id_str" : "\#(parent)""#)
                fields.append(#""in_reply_to_screen_name" : "\#(parentAuthor)""#)
            }
            return "  {\n    \"tweet\" : {\n      " + fields.joined(separator: ",\n      ") + "\n    }\n  }"
        }
        return "window.YTD.tweets.part0 = [\n" + elements.joined(separator: ",\n") + "\n]\n"
    }

    static let formats: [(name: String, text: String, format: ArchiveFormat)] = [
        ("api-v2-flattened.jsonl", apiFlattened, .twitterAPIv2),
        ("api-v2-page.jsonl", apiRawPage, .twitterAPIv2),
        ("tweets.js", accountExport, .accountExport),
    ]

    @Test(arguments: formats.indices)
    func threadsAreExactlyWhatTheIdsSay(_ k: Int) throws {
        let (name, text, format) = Self.formats[k]
        let reader = ArchiveReader(options: .init(strict: true, exportOwner: Handle("ada")))
        let archive = try reader.read(bytes: Array(text.utf8), name: name)
        #expect(archive.inputs.first?.format == format)
        #expect(archive.tweets.count == (format == .accountExport ? 4 : 5)) // the export holds ada's tweets only
        for inference in [true, false] {
            let graph = ReplyGraph(archive, options: ThreadOptions(inference: inference))
            try #require(graph.threads.count == 1, "\(name), inference \(inference): \(graph.threads.map(\.tweets))")
            let thread = graph.threads[0]
            #expect(thread.tweets == Self.chain)
            #expect(thread.author == Handle("ada"))
            #expect(thread.links.map(\.to) == [Self.root, Self.second])
            #expect(thread.links.allSatisfy { $0.confidence == 1 && $0.reason.description == "reply-id" })
            #expect(thread.confidence == 1)
            // The reply to someone else and the stranger's reply stay out of the thread.
            #expect(graph.thread(containing: Self.aside) == nil)
            #expect(graph.thread(containing: Self.stranger) == nil)
        }
    }

    /// The real twarc2 pages (copied from ../shared/data/twarc2 into the TweetArchive fixtures): every thread link
    /// the reconstructor reports with inference off is an explicit self-reply, and every explicit self-reply whose
    /// parent is in the archive is such a link.
    @Test(arguments: ["flat.jsonl", "noflat.jsonl", "withheld.jsonl"])
    func realPagesFollowTheirReplyIds(_ file: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TweetArchiveTests/Fixtures/twarc2/\(file)")
        let archive = try ArchiveReader().read(paths: [url.path])
        let graph = ReplyGraph(archive, options: ThreadOptions(inference: false))
        var linked = Set<[TweetID]>()
        for thread in graph.threads {
            for link in thread.links {
                #expect(archive[link.from]?.inReplyToID == link.to)
                #expect(archive[link.from]?.author == archive[link.to]?.author)
                linked.insert([link.from, link.to])
            }
        }
        let selfReplies = archive.tweets.compactMap { tweet -> [TweetID]? in
            guard let parent = tweet.inReplyToID, archive[parent]?.author == tweet.author else { return nil }
            return [tweet.id, parent]
        }
        #expect(Set(selfReplies) == linked)
    }
}
