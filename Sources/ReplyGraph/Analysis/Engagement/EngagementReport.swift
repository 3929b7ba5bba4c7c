import Foundation

/// Engagement of an archive: per-class count statistics and log-linear models when the archive carries like and
/// retweet counts, and conversational engagement (replies, reciprocity, bursts) always.
///
///     let report = EngagementReport(graph: ReplyGraph(archive))
///     report.countsAvailable        // false for the bundled twint sample
///     report.countsReason           // "the archive carries no like or retweet counts …"
///     report.conversation.replyShare
public struct EngagementReport: Sendable, Encodable {
    /// Whose engagement to model and how.
    public struct Options: Sendable {
        /// The account whose engagement is described; the most frequent author when `nil`.
        package var account: Handle?
        /// Offset for hour/weekday features and quarters.
        package var utcOffsetSeconds: Int
        package var covariance: EngagementModel.Covariance
        /// Replies closer than this (seconds) belong to one response burst.
        package var burstGap: Double
        /// Users listed per quarter.
        package var topUsersPerQuarter: Int

        /// Options: the `account` whose conversation to report, the clock offset for calendar buckets, the covariance estimator.
        public init(
            account: Handle? = nil, utcOffsetSeconds: Int = 0, covariance: EngagementModel.Covariance = .classical,
            burstGap: Double = 600, topUsersPerQuarter: Int = 5
        ) {
            self.account = account
            self.utcOffsetSeconds = utcOffsetSeconds
            self.covariance = covariance
            self.burstGap = burstGap
            self.topUsersPerQuarter = topUsersPerQuarter
        }
    }

    /// Count statistics of one class of tweets (`single`, `thread_root`, `thread_part`, `reply`, `promotional`,
    /// `non_promotional`).
    package struct ClassStats: Hashable, Sendable, Encodable {
        package var name: String
        /// Tweets in the class.
        package var n: Int
        /// Tweets in the class with a like count.
        package var nWithCounts: Int
        package var likesMedian: Double?
        package var likesMean: Double?
        package var retweetsMedian: Double?
        package var retweetsMean: Double?

        enum CodingKeys: String, CodingKey {
            case name, n
            case nWithCounts = "n_with_counts"
            case likesMedian = "likes_median"
            case likesMean = "likes_mean"
            case
                retweetsMedian = "retweets_median"
            case retweetsMean = "retweets_mean"
        }
    }

    package var countsAvailable: Bool
    /// Why counts are missing or unusable; `nil` when models were fitted.
    package var countsReason: String?
    package var classes: [ClassStats]
    package var models: [EngagementModel]
    /// Targets that could not be modelled, with the reason.
    package var unavailable: [EngagementUnavailable]
    package var conversation: ConversationEngagement

    enum CodingKeys: String, CodingKey {
        case countsAvailable = "counts_available"
        case countsReason = "counts_reason"
        case classes, models, unavailable,
            conversation
    }

    /// Computes the report from a graph (threads from the graph, promotion categories from `detector`).
    public init(graph: ReplyGraph, detector: PromotionDetector = PromotionDetector(), options: Options = Options()) {
        self.init(tweets: graph.tweets, threads: graph.threads, detector: detector, options: options)
    }

    /// Computes the report from tweets and their threads, without a graph (promotion categories from `detector`).
    package init(
        tweets: [Tweet], threads: [TweetThread], detector: PromotionDetector = PromotionDetector(),
        options: Options = Options()
    ) {
        var promotions: [TweetID: [PromotionCategory]] = [:]
        for decision in detector.classify(tweets) where !decision.categories.isEmpty {
            promotions[decision.id] = decision.categories
        }
        self.init(tweets: tweets, threads: threads, promotions: promotions, options: options)
    }

    /// Computes the report from tweets, threads and promotion categories given explicitly.
    ///
    /// - Complexity: O(n · p²) for the models, O(n log n) for the rest.
    package init(
        tweets: [Tweet], threads: [TweetThread], promotions: [TweetID: [PromotionCategory]],
        options: Options = Options()
    ) {
        let account = options.account ?? ConversationEngagement.mainAuthor(of: tweets)
        let own = tweets.filter { !$0.isRetweet && (account == nil || $0.author == account) }
        let ownThreads = threads.filter { account == nil || $0.author == account }
        let observations = EngagementObservation.build(
            tweets: own, threads: ownThreads, promotions: promotions,
            utcOffsetSeconds: options.utcOffsetSeconds)
        let withCounts = own.filter { $0.counts.likes != nil || $0.counts.retweets != nil }
        countsAvailable = !withCounts.isEmpty
        classes = Self.classStats(own, threads: ownThreads, promotions: promotions)
        var models: [EngagementModel] = []
        var unavailable: [EngagementUnavailable] = []
        if countsAvailable {
            for target in EngagementModel.Target.allCases {
                switch EngagementModel.fit(observations, target: target, covariance: options.covariance) {
                case .success(let model): models.append(model)
                case .failure(let reason): unavailable.append(reason)
                }
            }
            countsReason = models.isEmpty ? unavailable.map { $0.reason }.joined(separator: "; ") : nil
        } else {
            countsReason =
                own.isEmpty
                ? "the archive has no tweets to model"
                : "the archive carries no like or retweet counts (twint text has none): count-based modelling "
                    + "needs counts; conversational engagement is reported instead"
            unavailable = EngagementModel.Target.allCases.map {
                EngagementUnavailable(target: $0, reason: "no tweet has a \($0.rawValue) count")
            }
        }
        self.models = models
        self.unavailable = unavailable
        conversation = ConversationEngagement(tweets: tweets, account: account, options: options)
    }

    static func classStats(
        _ tweets: [Tweet], threads: [TweetThread],
        promotions: [TweetID: [PromotionCategory]]
    ) -> [ClassStats] {
        var root = Set<TweetID>()
        var part = Set<TweetID>()
        for thread in threads {
            if let first = thread.tweets.first { root.insert(first) }
            part.formUnion(thread.tweets.dropFirst())
        }
        func stats(_ name: String, _ members: [Tweet]) -> ClassStats {
            let likes = members.compactMap(\.counts.likes).map(Double.init)
            let retweets = members.compactMap(\.counts.retweets).map(Double.init)
            return ClassStats(
                name: name, n: members.count, nWithCounts: likes.count, likesMedian: EngagementMath.median(likes),
                likesMean: EngagementMath.mean(likes), retweetsMedian: EngagementMath.median(retweets),
                retweetsMean: EngagementMath.mean(retweets))
        }
        let inThread = { (t: Tweet) in root.contains(t.id) || part.contains(t.id) }
        return [
            stats("single", tweets.filter { !inThread($0) && !$0.isReply }),
            stats("thread_root", tweets.filter { root.contains($0.id) }),
            stats("thread_part", tweets.filter { part.contains($0.id) }),
            stats("reply", tweets.filter { !inThread($0) && $0.isReply }),
            stats("promotional", tweets.filter { promotions[$0.id] != nil }),
            stats("non_promotional", tweets.filter { promotions[$0.id] == nil }),
        ]
    }

    /// A readable account: class table, which effects are significant, and what could not be estimated.
    public var summary: String {
        var lines: [String] = []
        if !countsAvailable { lines.append("Counts: not available — \(countsReason ?? "")") }
        if countsAvailable {
            lines.append("class             n   likes median/mean   retweets median/mean")
            for c in classes {
                let l = "\(fmt(c.likesMedian))/\(fmt(c.likesMean))"
                let r = "\(fmt(c.retweetsMedian))/\(fmt(c.retweetsMean))"
                lines.append(c.name.padding(toLength: 16, withPad: " ", startingAt: 0) + " \(c.n)  \(l)  \(r)")
            }
        }
        for model in models { lines.append(model.summary) }
        for u in unavailable where countsAvailable { lines.append("\(u.target.rawValue): not modelled — \(u.reason)") }
        lines.append(conversation.summary)
        return lines.joined(separator: "\n")
    }
}

/// Small descriptive statistics shared by the engagement and promotion reports.
enum EngagementMath {
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// `x`, or `nil` when it is NaN or infinite.
    @inline(__always) static func finiteOrNil(_ x: Double) -> Double? { x.isFinite ? x : nil }
}

private func fmt(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "-" }
