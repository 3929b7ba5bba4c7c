import GraphExport
import ReplyGraph

/// A small archive whose texts try every trick against DOT, HTML-like labels, SVG, XML, CSV and JSON, with one
/// hand-built thread (so tests do not depend on how the thread reconstructor behaves).
/// Shared by the export and render tests (the `ReplyGraphTestSupport` target).
package enum TestArchive {
    package static let alice = Handle("alice")
    package static let bob = Handle("Bob_2")

    /// Snowflake id `seconds` after 2023-02-14T16:45:07.263Z.
    package static func id(_ seconds: Int) -> TweetID {
        TweetID(1_625_536_625_030_885_377 + (UInt64(seconds * 1000) << 22))
    }

    package static let external = TweetID(1_600_000_000_000_000_001)
    package static let hostile = [
        "Thread \"one\" \\N \\G \\L <b>bold</b> & &lt;tag&gt; /1",
        "\"]; evil -> x [label=\"pwned\"]; y [\nline two\r\nline three 2/",
        "<script>alert(1)</script> javascript:alert(1) \"><a href=\"javascript:x\">click</a> https://t.co/abc",
        "nul\u{0}byte ctl\u{1}\u{7}\u{1B}[31m del\u{7F} rlo\u{202E}gnp.exe\u{202C} rlm\u{200F} שלום عربى 4/",
    ]

    package static var threadTweets: [Tweet] {
        hostile.enumerated().map { k, text in
            Tweet(
                id: id(k * 10), author: alice, text: text,
                inReplyToID: k == 0 ? external : id((k - 1) * 10),
                inReplyToUser: k == 0 ? Handle("mallory") : alice)
        }
    }

    package static var otherTweets: [Tweet] {
        [
            Tweet(id: id(3600), author: alice, text: "Enjoy this thread? Follow @alice & RT the first tweet <3"),
            Tweet(
                id: id(90_000), author: bob, text: "@alice @mallory great thread, see @carol, \"quoted\", a,b",
                inReplyToID: id(0), quotedID: external),
        ]
    }

    package static var archive: Archive {
        Archive(
            tweets: threadTweets + otherTweets,
            externalTweets: [
                external: ExternalTweet(
                    id: external, author: Handle("mallory\"]; x [evil"),
                    text: "</svg><script>alert('x')</script>")
            ])
    }

    package static var thread: TweetThread {
        let ids = threadTweets.map(\.id)
        return TweetThread(
            root: ids[0], author: alice, tweets: ids,
            links: zip(ids.dropFirst(), ids).map {
                ThreadLink(
                    from: $0, to: $1, confidence: $0 == ids[2] ? 0.7 : 1, reason: ThreadLink.Reason(basis: .replyID))
            },
            numbering: .slashSuffix, numbers: [1, 2, nil, 4], missingNumbers: [3], confidence: 0.7,
            start: threadTweets[0].createdAt, end: threadTweets[3].createdAt)
    }

    package static var followUps: [FollowUp] {
        [
            FollowUp(
                tweet: id(3600), target: id(0), confidence: 0.8,
                reason: FollowUp.Reason(cue: .threadReference, gapSeconds: 3600))
        ]
    }

    package static var categories: [TweetID: [PromotionCategory]] {
        [
            id(0): ["promotion:newsletter"], id(20): ["promotion:newsletter", "cta:follow"],
            id(30): ["<img src=x onerror=alert(1)>"],
        ]
    }

    package static var mentions: MentionGraph {
        MentionGraph(
            nodes: [
                .init(handle: "alice", score: 0.4, community: 1),
                .init(handle: "Bob_2", score: 0.2, community: 1),
                .init(handle: "carol", score: 0.1, community: 2),
                .init(handle: "evil\"]; x -> y [", score: 0.05, community: nil),
                .init(handle: "<script>", score: 0.01, community: 3),
            ],
            edges: [
                .init(source: "alice", target: "Bob_2", weight: 5),
                .init(source: "Bob_2", target: "alice", weight: 2),
                .init(source: "Bob_2", target: "carol", weight: 1),
                .init(source: "carol", target: "alice", weight: 1),
                .init(source: "evil\"]; x -> y [", target: "<script>", weight: 3),
            ])
    }

    package static var views: [(name: String, graph: DOTGraph)] {
        [
            (
                "thread-view",
                ThreadView(
                    thread: thread, archive: archive, followUps: followUps,
                    categories: categories
                ).graph
            ),
            ("threads-view", ThreadsView(threads: [thread], archive: archive).graph),
            ("mentions-view", MentionsView(mentions, title: "Mentions <of> \"alice\"").graph),
            ("timeline-view", TimelineView(archive: archive, threads: [thread]).graph),
        ]
    }
}
