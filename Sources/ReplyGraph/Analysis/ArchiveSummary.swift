import Foundation

/// What an archive holds at a glance: sizes, time span, replies and mentions, and what reading it skipped.
///
///     let summary = ArchiveSummary(archive)
///     summary.tweets                  // 2073
///     summary.topMentions.first       // ("SubstackInc", 12) — most mentioned handle and count
///
/// - Complexity: O(n + m log m) for n tweets and m distinct mentioned handles.
public struct ArchiveSummary: Sendable, Encodable {
    package struct HandleCount: Sendable, Encodable, Hashable {
        package var handle: String
        package var count: Int
    }

    package struct Input: Sendable, Encodable {
        package var name: String
        package var format: String?
        package var bytes: Int
        package var lines: Int
        package var tweets: Int
        package var duplicates: Int
        package var ignored: Int
        package var skipped: [String: Int]
        package var invalidUTF8Lines: Int
        /// Stated time minus the snowflake time, in seconds, when constant across the input.
        package var clockOffsetSeconds: Int?

        enum CodingKeys: String, CodingKey {
            case name, format, bytes, lines, tweets, duplicates, ignored, skipped
            case invalidUTF8Lines = "invalid_utf8_lines"
            case clockOffsetSeconds = "clock_offset_seconds"
        }
    }

    /// A Twitter/X archive read whole (zip or folder): whose it is and what it held besides the tweets.
    package struct AccountArchive: Sendable, Encodable {
        package var path: String
        package var owner: String?
        package var displayName: String?
        package var accountID: String?
        /// Whether `data/manifest.js` drove the reading (else the file names did).
        package var manifest: Bool
        package var tweetFiles: [String]
        package var longPosts: Int
        package var longPostsJoined: Int
        package var longPostsUnjoined: Int
        /// Other tweets held (deleted, community, circle), read or not, and which were read.
        package var otherTweets: [String: Int]
        package var otherTweetsIncluded: [String]
        /// Kinds of data ignored on purpose (likes, direct messages, ...): never opened.
        package var skippedKinds: [String]
        package var warnings: [String]

        enum CodingKeys: String, CodingKey {
            case path, owner, manifest, warnings
            case displayName = "display_name"
            case accountID = "account_id"
            case tweetFiles = "tweet_files"
            case longPosts = "long_posts"
            case longPostsJoined = "long_posts_joined"
            case longPostsUnjoined = "long_posts_unjoined"
            case otherTweets = "other_tweets"
            case otherTweetsIncluded = "other_tweets_included"
            case skippedKinds = "skipped_kinds"
        }

        init(_ report: AccountArchiveReport) {
            path = report.path
            owner = report.owner?.display
            displayName = report.displayName
            accountID = report.accountID
            manifest = report.hasManifest
            tweetFiles = report.tweetFiles
            longPosts = report.longPosts
            longPostsJoined = report.longPostsJoined
            longPostsUnjoined = report.longPostsUnjoined
            otherTweets = Dictionary(uniqueKeysWithValues: report.otherTweets.map { ($0.key.rawValue, $0.value) })
            otherTweetsIncluded = report.otherTweetsIncluded.map(\.rawValue).sorted()
            skippedKinds = report.skippedKinds
            warnings = report.warnings.map(\.description)
        }
    }

    package var tweets: Int
    package var authors: Int
    package var topAuthors: [HandleCount]
    package var first: Timestamp?
    package var last: Timestamp?
    /// Tweets that reply to someone (explicit parent or user, or a leading @-run).
    package var replies: Int
    /// Replies whose known parent (explicit id) or leading handle is the author's own.
    package var selfReplies: Int
    /// Replies with an explicit parent id.
    package var repliesWithParentID: Int
    package var retweets: Int
    package var quotes: Int
    package var tweetsWithMentions: Int
    package var distinctMentioned: Int
    package var topMentions: [HandleCount]
    /// Whether any tweet carries engagement counts (likes, retweets, ...).
    package var countsPresent: Bool
    package var externalTweets: Int
    package var inputs: [Input]
    package var skipped: [String: Int]
    package var duplicates: Int
    package var ignored: Int
    /// The first malformed lines as `file:line: reason`.
    package var issues: [String]
    /// The Twitter/X archives read whole (zip or folder), in reading order.
    package var accountArchives: [AccountArchive]

    enum CodingKeys: String, CodingKey {
        case tweets, authors, first, last, replies, retweets, quotes, inputs, skipped, duplicates, ignored, issues
        case topAuthors = "top_authors"
        case selfReplies = "self_replies"
        case repliesWithParentID = "replies_with_parent_id"
        case tweetsWithMentions = "tweets_with_mentions"
        case distinctMentioned = "distinct_mentioned"
        case topMentions = "top_mentions"
        case countsPresent = "counts_present"
        case externalTweets = "external_tweets"
        case accountArchives = "account_archives"
    }

    /// Summarises `archive`, listing the `top` authors and mentioned handles.
    public init(_ archive: Archive, top: Int = 10) {
        let tweets = archive.tweets
        self.tweets = tweets.count
        // Large archives are counted in contiguous parts on all cores and the parts merged in order, so ids, and
        // with them the first spelling of each handle, are those of one pass in archive order.
        let parts = tweets.count >= Self.parallelThreshold ? ProcessInfo.processInfo.activeProcessorCount : 1
        var tally: Tally
        if parts >= 2 {
            let partial = Parallel.map(parts, chunks: parts) { p in
                var part = Tally()
                part.count(archive, Parallel.chunk(p, of: parts, count: tweets.count))
                return part
            }
            tally = partial[0]
            for part in partial.dropFirst() { tally.merge(part) }
        } else {
            tally = Tally()
            tally.count(archive, tweets.indices)
        }
        self.authors = tally.authorHandles.count
        self.topAuthors = Self.ranked(tally.authorHandles, tally.authorCounts, top: top)
        self.first = tally.first
        self.last = tally.last
        self.replies = tally.replies
        self.selfReplies = tally.selfReplies
        self.repliesWithParentID = tally.withParent
        self.retweets = tally.retweets
        self.quotes = tally.quotes
        self.tweetsWithMentions = tally.withMentions
        self.distinctMentioned = tally.mentionedHandles.count
        self.topMentions = Self.ranked(tally.mentionedHandles, tally.mentionCounts, top: top)
        self.countsPresent = tally.countsPresent
        self.externalTweets = archive.externalTweets.count
        self.inputs = archive.inputs.map {
            Input(
                name: $0.name, format: $0.format?.rawValue, bytes: $0.bytes, lines: $0.lines, tweets: $0.tweets,
                duplicates: $0.duplicates, ignored: $0.ignored,
                skipped: Dictionary(uniqueKeysWithValues: $0.skipped.map { ($0.key.rawValue, $0.value) }),
                invalidUTF8Lines: $0.invalidUTF8Lines, clockOffsetSeconds: $0.clockOffsetSeconds)
        }
        self.skipped = Dictionary(uniqueKeysWithValues: archive.skipped.map { ($0.key.rawValue, $0.value) })
        self.duplicates = archive.duplicates
        self.ignored = archive.ignored
        self.issues = archive.issues.map(\.description)
        self.accountArchives = archive.accountArchives.map(AccountArchive.init)
    }

    /// Archives with fewer tweets are counted on one core.
    static let parallelThreshold = 200_000

    /// Counts sorted by count (descending), then handle, cut to `top`.
    static func ranked(_ handles: [Handle], _ counts: [Int], top: Int) -> [HandleCount] {
        handles.indices
            .leading(top) { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : handles[$0].key < handles[$1].key }
            .map { HandleCount(handle: handles[$0].display, count: counts[$0]) }
    }
}

/// What ``ArchiveSummary`` counts over a run of tweets; two tallies of consecutive runs merge into the tally of both.
private struct Tally {
    // Authors and mentioned handles get dense ids through byte-hashed indexes (the first spelling seen is
    // displayed); a tweet's mentions are checked against a reused scratch array, so a tweet mentioning a
    // handle twice counts once without a `Set` per tweet.
    // Handles and counts in separate arrays: counting then increments an `Int` in place, where a `(Handle, Int)`
    // element made each increment go through the element's copy.
    var authorIDs = StringIndex()
    var authorHandles: [Handle] = []
    var authorCounts: [Int] = []
    var mentionIDs = StringIndex()
    var mentionedHandles: [Handle] = []
    var mentionCounts: [Int] = []
    var replies = 0
    var selfReplies = 0
    var withParent = 0
    var retweets = 0
    var quotes = 0
    var withMentions = 0
    var countsPresent = false
    var first: Timestamp?
    var last: Timestamp?

    /// Counts the tweets at `range` of `archive`.
    mutating func count(_ archive: Archive, _ range: Range<Int>) {
        var tweetMentions: [Int32] = []
        // Through a span, reading single fields: iterating would copy (retain and release) every tweet.
        let list = archive.tweets.span
        for k in range {
            // The span's subscript lends the tweet in place; a `let tweet = list[k]` would copy all of it (and
            // retain its references) to call a computed property.
            let author = list[k].author
            if let id = authorIDs.id(of: author.key) {
                authorCounts[Int(id)] += 1
            } else {
                authorIDs.add(author.key, id: Int32(authorHandles.count))
                authorHandles.append(author)
                authorCounts.append(1)
            }
            let createdAt = list[k].createdAt
            if first.map({ createdAt < $0 }) ?? true { first = createdAt }
            if last.map({ createdAt > $0 }) ?? true { last = createdAt }
            if list[k].isReply {
                replies += 1
                if let parent = list[k].inReplyToID {
                    withParent += 1
                    if archive[parent]?.author == author { selfReplies += 1 }
                } else if let user = list[k].inReplyToUser {
                    if user == author { selfReplies += 1 }
                } else if list[k].entities.firstReplyTo(is: author) {
                    selfReplies += 1
                }
            }
            if list[k].isRetweet { retweets += 1 }
            if list[k].quotedID != nil { quotes += 1 }
            if list[k].hasMentions {
                withMentions += 1
                while !tweetMentions.isEmpty { tweetMentions.removeLast() } // not the general replaceSubrange
                list[k].entities.forEachMentionUTF8 { name in
                    // Folded in a fixed buffer, so a known name costs no `String` (an extracted mention has at
                    // most 20 bytes; folding is ASCII lower-casing, as in `Handle.fold`). Longer names, which
                    // only hand-built entities have, take the `String` path.
                    var folded = InlineArray<24, UInt8>(repeating: 0)
                    let known: Int32?
                    if name.count > folded.count {
                        known = mentionIDs.id(of: Handle.fold(String(decoding: name, as: UTF8.self)))
                    } else {
                        for k in 0..<name.count { folded[k] = Handle.fold(name[k]) }
                        known = mentionIDs.id(ofUTF8: folded.span.extracting(..<name.count))
                    }
                    let id: Int32
                    if let known {
                        id = known
                    } else {
                        let handle = Handle(String(decoding: name, as: UTF8.self))
                        id = Int32(mentionedHandles.count)
                        mentionIDs.add(handle.key, id: id)
                        mentionedHandles.append(handle)
                        mentionCounts.append(0)
                    }
                    if tweetMentions.contains(id) { return }
                    tweetMentions.append(id)
                    mentionCounts[Int(id)] += 1
                }
            }
            if !countsPresent && list[k].hasCounts { countsPresent = true }
        }
    }

    /// Adds the tally of the tweets that follow this one's: handles new to this tally get the next ids, in the
    /// order `later` met them.
    mutating func merge(_ later: Tally) {
        Self.add(later.authorHandles, later.authorCounts, to: &authorIDs, &authorHandles, &authorCounts)
        Self.add(later.mentionedHandles, later.mentionCounts, to: &mentionIDs, &mentionedHandles, &mentionCounts)
        replies += later.replies
        selfReplies += later.selfReplies
        withParent += later.withParent
        retweets += later.retweets
        quotes += later.quotes
        withMentions += later.withMentions
        countsPresent = countsPresent || later.countsPresent
        if let f = later.first, first.map({ f < $0 }) ?? true { first = f }
        if let l = later.last, last.map({ l > $0 }) ?? true { last = l }
    }

    /// Adds `handles` and their `counts`, in order, to the list that `index` numbers: a listed handle adds to its
    /// count, a new one is appended with the next id.
    private static func add(
        _ handles: [Handle], _ counts: [Int], to index: inout StringIndex, _ listed: inout [Handle],
        _ listedCounts: inout [Int]
    ) {
        for (k, handle) in handles.enumerated() {
            if let id = index.id(of: handle.key) {
                listedCounts[Int(id)] += counts[k]
            } else {
                index.add(handle.key, id: Int32(listed.count))
                listed.append(handle)
                listedCounts.append(counts[k])
            }
        }
    }
}
