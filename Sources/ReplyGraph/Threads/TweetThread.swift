/// One link of a thread: `from` continues `to` (the previous tweet of the same thread).
///
public struct ThreadLink: Hashable, Sendable {
    /// The later tweet.
    public var from: TweetID
    /// The tweet it continues.
    public var to: TweetID
    /// In [0, 1]; 1 for links the archive states explicitly.
    public var confidence: Double
    /// Why the link was made; its text form reads `reply-id`, `burst:2s+numbered:1->2`, ….
    public var reason: Reason

    /// A link from `from` to its predecessor `to`.
    package init(from: TweetID, to: TweetID, confidence: Double, reason: Reason) {
        self.from = from
        self.to = to
        self.confidence = confidence
        self.reason = reason
    }
}

/// How a thread numbers its parts.
public enum NumberingStyle: String, Hashable, Sendable, CaseIterable, Codable {
    /// `/1 text`, `/2 text`
    case slashPrefix = "slash-prefix"
    /// `1/ text`
    case slashSuffix = "slash-suffix"
    /// `1/5 text`, `(1/5)`, or `text 1/5`
    case nOfM = "n-of-m"
    /// `1. text`, `1) text`
    case dot = "dot"
    /// More than one style in one thread.
    case mixed = "mixed"
    /// No numbers.
    case none = "none"
}

/// A later tweet that points back to a thread ("Enjoy this thread? …", a source link hours later) without being
/// part of it.
public struct FollowUp: Hashable, Sendable {
    /// The follow-up tweet.
    public var tweet: TweetID
    /// The root of the thread (or the single tweet) it refers to.
    public var target: TweetID
    /// In [0, 1].
    public var confidence: Double
    /// The cue and the gap; its text form reads `thread-reference:4h`, ….
    public var reason: Reason

    /// A follow-up `tweet` of the thread rooted at `target`.
    package init(tweet: TweetID, target: TweetID, confidence: Double, reason: Reason) {
        self.tweet = tweet
        self.target = target
        self.confidence = confidence
        self.reason = reason
    }
}

/// Whether a chain starts on its own or under someone else's tweet.
public enum ThreadKind: String, Hashable, Sendable, CaseIterable, Codable {
    /// The root replies to no one: a thread in the usual sense.
    case thread = "thread"
    /// The root replies to someone else, and the author continued their own reply over several tweets (Twitter's
    /// data calls each part a continuation, as for a thread).
    case replyChain = "reply_chain"
}

/// A self-continuation chain of two or more tweets by one author.
///
///     let graph = ReplyGraph(try ArchiveReader().read(paths: [SampleArchive.path]))
///     let thread = graph.threads[0]   // the sample's first thread, October 2021
///     thread.tweets.count             // 3
///     thread.numbering                // .none
///     thread.links[0].reason          // "gap:15s" (numbered threads read like "burst:1s+numbered:1->2")
///     thread.links[0].confidence      // 0.74
///     thread.missingNumbers           // [] ([7] when part 7 never showed up)
///
/// Members are ordered by posting time; each member after the root has exactly one link, to the member it
/// continues (its parent for explicit self-replies, else the previous part).
public struct TweetThread: Hashable, Sendable, Identifiable {
    /// The root's id.
    public var id: TweetID { root }
    /// The first tweet.
    public var root: TweetID
    /// Who wrote every tweet of the thread.
    public var author: Handle
    /// Member tweets, oldest first.
    public var tweets: [TweetID]
    /// For each member, the links that attach it to its predecessor (`links.count == tweets.count - 1`).
    public var links: [ThreadLink]
    /// How the parts are numbered.
    public var numbering: NumberingStyle
    /// A thread, or a reply chain under someone else's tweet.
    public var kind: ThreadKind
    /// The number each member shows (`nil` where it shows none), aligned with ``tweets``.
    public var numbers: [Int?]
    /// Numbers skipped between the first and last number seen (`[7]` for 5, 6, 8), in the dominant style.
    public var missingNumbers: [Int]
    /// Numbers shown by more than one member, in the dominant style.
    public var repeatedNumbers: [Int]
    /// The weakest link's confidence (1 for a thread the archive states explicitly).
    public var confidence: Double
    /// When the root was posted.
    public var start: Timestamp
    /// When the last part was posted.
    public var end: Timestamp
    /// Later tweets that refer back to this thread; they are not members.
    public var followUps: [FollowUp]

    package init(
        root: TweetID, author: Handle, tweets: [TweetID], links: [ThreadLink], numbering: NumberingStyle,
        kind: ThreadKind = .thread, numbers: [Int?], missingNumbers: [Int] = [], repeatedNumbers: [Int] = [],
        confidence: Double,
        start: Timestamp, end: Timestamp, followUps: [FollowUp] = []
    ) {
        self.root = root
        self.author = author
        self.tweets = tweets
        self.links = links
        self.numbering = numbering
        self.kind = kind
        self.numbers = numbers
        self.missingNumbers = missingNumbers
        self.repeatedNumbers = repeatedNumbers
        self.confidence = confidence
        self.start = start
        self.end = end
        self.followUps = followUps
    }

    /// The number of tweets.
    public var length: Int { tweets.count }
    /// Seconds from the first to the last member.
    public var duration: Double { Double(end.milliseconds - start.milliseconds) / 1000 }
}

/// Settings of thread reconstruction.
public struct ThreadOptions: Hashable, Sendable {
    /// Longest gap in seconds between a tweet and a candidate parent that inference considers (three days by
    /// default: people who type one tweet at a time, or keep a daily log as a thread, leave hours between parts).
    public var maxGap: Double
    /// Inferred links below this confidence are dropped. Confidences are calibrated probabilities (a link at 0.3
    /// is right about 30% of the time on authors the model never saw); the default is fitted with the model, as
    /// the threshold that gives the best mean F1 on authors held out (`bash Scripts/fit-thread-model.sh`).
    public var minConfidence: Double
    /// `false` to use only explicit reply ids (no inference from text and timing).
    public var inference: Bool

    /// A closer ("I hope you've found this thread helpful", "Follow me …") posted within this many seconds of a
    /// thread's last part is a member; a later one is a follow-up.
    public var closerWindow: Double
    /// How long after a thread (seconds) a tweet can still be recognised as its follow-up.
    public var followUpWindow: Double

    /// The fitted threshold of the shipped link model (the best mean F1 on authors held out when it was fitted).
    public static var defaultMinConfidence: Double { LinkModel.fitted.threshold }

    /// Options; the defaults are the ones the accuracy figures were measured with.
    public init(
        maxGap: Double = 3 * 86_400, minConfidence: Double = ThreadOptions.defaultMinConfidence, inference: Bool = true,
        closerWindow: Double = 600, followUpWindow: Double = 3 * 86_400
    ) {
        self.maxGap = maxGap
        self.minConfidence = minConfidence
        self.inference = inference
        self.closerWindow = closerWindow
        self.followUpWindow = followUpWindow
    }
}
