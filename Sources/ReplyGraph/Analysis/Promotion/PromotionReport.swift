import Dispatch
import Foundation

/// Where, when and what an archive promotes, computed from a ``ReplyGraph``.
///
///     let report = PromotionReport(graph: ReplyGraph(archive))
///     report.positions.shareOfThreadsWithPromotion   // e.g. 0.4
///     report.schedule.slots.first?.time              // "16:45"
///
/// Encodes as `{"tweets":[…],"templates":[…],"positions":{…},"schedule":{…},"by_month":[…],"links":{…}}`.
public struct PromotionReport: Sendable, Encodable {
    /// How the report groups time and mines templates.
    public struct Options: Sendable {
        package var timeZone: ReportTimeZone
        package var templateThreshold: Double
        /// Minutes either side of a slot's centre that still count as the slot.
        package var slotRadiusMinutes: Int
        /// Slots holding fewer than this share of posting days are not reported.
        package var minimumSlotShare: Double

        /// Whether to mine near-duplicate templates (``PromotionReport/templates``); a caller that does not show
        /// them (the HTML report) saves the time, which on a million tweets is most of the report's.
        package var minesTemplates: Bool

        /// Options; `timeZone` is the zone of the schedule and the calendar periods.
        public init(
            timeZone: ReportTimeZone = .utc, templateThreshold: Double = 0.8, slotRadiusMinutes: Int = 10,
            minimumSlotShare: Double = 0.05
        ) {
            self.timeZone = timeZone
            self.minesTemplates = true
            self.templateThreshold = templateThreshold
            self.slotRadiusMinutes = slotRadiusMinutes
            self.minimumSlotShare = minimumSlotShare
        }
    }

    package struct Positions: Hashable, Sendable, Encodable {
        package var threads: Int
        package var threadsWithPromotion: Int
        package var shareOfThreadsWithPromotion: Double
        /// Promotional thread members by position: `first`, `middle`, `second_to_last`, `last`.
        package var distribution: [String: Int]
        /// The same as shares of all promotional thread members.
        package var shares: [String: Double]
        /// Promotional tweets outside any thread.
        package var standalone: Int
        package var closers: Closers
        package var followUps: FollowUps

        enum CodingKeys: String, CodingKey {
            case threads
            case threadsWithPromotion = "threads_with_promotion"
            case
                shareOfThreadsWithPromotion = "share_of_threads_with_promotion"
            case distribution, shares, standalone,
                closers
            case followUps = "follow_ups"
        }
    }

    /// "I hope you've found this thread helpful…" and similar sign-offs.
    package struct Closers: Hashable, Sendable, Encodable {
        package var count: Int
        /// Closers that are the last member of a thread.
        package var endingThreads: Int
        /// Closers outside any thread (posted later, or a thread the reconstructor did not join).
        package var outsideThreads: Int
        /// Closers that also carry a promotion.
        package var promotional: Int
        package var example: String?

        enum CodingKeys: String, CodingKey {
            case count
            case endingThreads = "ending_threads"
            case outsideThreads = "outside_threads"
            case promotional, example
        }
    }

    /// Tweets posted after a thread that point back to it (`graph.followUps`).
    package struct FollowUps: Hashable, Sendable, Encodable {
        package var count: Int
        package var promotional: Int
        package var byCategory: [String: Int]
        package var medianGapSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case count, promotional
            case byCategory = "by_category"
            case medianGapSeconds = "median_gap_seconds"
        }
    }

    package struct Period: Hashable, Sendable, Encodable {
        /// `2022-W27` or `2022-07`.
        package var period: String
        package var tweets: Int
        package var promotions: Int
        package var rate: Double
        package var byCategory: [String: Int]

        enum CodingKeys: String, CodingKey {
            case period, tweets, promotions, rate
            case byCategory = "by_category"
        }
    }

    /// A regular posting time.
    package struct Slot: Hashable, Sendable, Encodable {
        /// Centre as `HH:MM` in the report's time zone.
        package var time: String
        package var minuteOfDay: Int
        package var tweets: Int
        /// Posting days with a tweet in the slot.
        package var days: Int
        /// days / all posting days.
        package var shareOfDays: Double
        package var promotions: Int

        enum CodingKeys: String, CodingKey {
            case time
            case minuteOfDay = "minute_of_day"
            case tweets, days
            case shareOfDays = "share_of_days"
            case promotions
        }
    }

    package struct Schedule: Hashable, Sendable, Encodable {
        package var timeZone: String
        package var byWeek: [Period]
        /// `[weekday][hour]`, weekday 0 = Monday.
        package var heatmapAll: [[Int]]
        package var heatmapPromotions: [[Int]]
        package var postingDays: Int
        package var slots: [Slot]

        enum CodingKeys: String, CodingKey {
            case timeZone = "time_zone"
            case byWeek = "by_week"
            case heatmapAll = "heatmap_all"
            case
                heatmapPromotions = "heatmap_promotions"
            case postingDays = "posting_days"
            case slots
        }
    }

    package struct Count: Hashable, Sendable, Encodable {
        package var value: String
        package var count: Int
        package var promotional: Int
    }

    package struct Links: Hashable, Sendable, Encodable {
        /// Whether most links are expanded (not `t.co` short links).
        package var expanded: Bool
        /// Share of links that are `t.co` short links.
        package var tcoShare: Double
        package var note: String?
        package var domains: [Count]
        /// Link targets (as the archive states them) used in two or more tweets.
        package var reusedTargets: [Count]
        package var hashtags: [Count]

        enum CodingKeys: String, CodingKey {
            case expanded
            case tcoShare = "tco_share"
            case note, domains
            case reusedTargets = "reused_targets"
            case hashtags
        }
    }

    /// Promotional tweets only, in archive order.
    package var tweets: [PromotionDecision]
    package var totals: [String: Int]
    package var templates: [PromotionTemplate]
    package var positions: Positions
    package var schedule: Schedule
    package var byMonth: [Period]
    package var links: Links

    enum CodingKeys: String, CodingKey {
        case tweets, totals, templates, positions, schedule
        case byMonth = "by_month"
        case links
    }

    static let closerPatterns: [PromotionPattern] = [
        "hope you|you've ..2 found|find|enjoy* ..3 thread|helpful|useful", "if you ..2 found|enjoyed|liked ..3 thread",
        "enjoy|enjoyed this thread", "thanks for reading", "that's a wrap", "that's it for this thread",
    ].map { try! PromotionPattern(pattern: $0) }

    /// The words one of which each closer pattern needs (see ``PromotionPrefilter``).
    static let closerFilter = PromotionPrefilter(patterns: closerPatterns)

    /// Whether a text is a thread closer ("I hope you've found this thread helpful", "Enjoy this thread?"). A
    /// report finds its closers in the scan that classifies each tweet (``PromotionDetector/promotions(in:closers:)``).
    package static func isCloser(_ text: String) -> Bool {
        PromotionDetector.matchesAny(
            closerPatterns, text, slots: closerPatterns.indices, scan: closerFilter.scan(text))
    }

    /// Computes the report from a graph: its tweets, threads and follow-ups.
    ///
    /// - Complexity: O(n · r) for classification plus O(n log n) for the rest.
    public init(graph: ReplyGraph, detector: PromotionDetector = PromotionDetector(), options: Options = Options()) {
        self.init(
            tweets: graph.tweets, threads: graph.threads, followUps: graph.followUps, detector: detector,
            options: options)
    }

    /// Computes the report from tweets and explicitly given threads and follow-ups.
    package init(
        tweets: [Tweet], threads: [TweetThread], followUps: [FollowUp] = [],
        detector: PromotionDetector = PromotionDetector(), options: Options = Options()
    ) {
        // Retweets are never promotions. An archive without any is read in place: a filtered copy of ten million
        // tweets costs a second and most of a gigabyte.
        let all = tweets.contains(where: \.isRetweet) ? tweets.filter { !$0.isRetweet } : tweets
        // The parts below ask of each tweet whether it is a promotion: by its position in `all` (`decisionOf`),
        // without hashing its id. Only positions ask by id, of thread members, in a table of the promotional ones.
        var promotional: [(tweet: Tweet, decision: PromotionDecision)] = []
        var decisionOf = [Int32](repeating: -1, count: all.count)
        var totals: [String: Int] = [:]
        let found = detector.promotions(in: all, closers: Self.closerPatterns)
        for (i, d) in found.promotional {
            decisionOf[i] = Int32(promotional.count)
            promotional.append((all[i], d))
            for c in d.categories { totals[c.rawValue, default: 0] += 1 }
        }
        totals["any"] = promotional.count
        self.tweets = promotional.map(\.decision)
        self.totals = totals
        let classified = Classified(tweets: all, decisions: self.tweets, decisionOf: decisionOf)
        // The four parts read the same tweets and decisions and nothing of each other: they run side by side, each
        // writing only its own result (read once all have returned).
        nonisolated(unsafe) var templates: [PromotionTemplate] = []
        nonisolated(unsafe) var positions: Positions?
        nonisolated(unsafe) var calendar: (schedule: Schedule, byMonth: [Period])?
        nonisolated(unsafe) var links: Links?
        let candidates = promotional
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            switch part {
            case 0:
                if options.minesTemplates {
                    templates = PromotionTemplates.mine(promotional: candidates, threshold: options.templateThreshold)
                }
            case 1:
                let byID = Dictionary(candidates.map { ($0.tweet.id, $0.decision) }) { _, last in last }
                positions = Self.positions(
                    tweets: all, threads: threads, followUps: followUps, decisions: byID, closers: found.closers)
            case 2: calendar = Self.calendar(classified, options: options)
            default: links = Self.links(classified)
            }
        }
        self.templates = templates
        self.positions = positions!
        self.schedule = calendar!.schedule
        self.byMonth = calendar!.byMonth
        self.links = links!
    }

    static func positions(
        tweets: [Tweet], threads: [TweetThread], followUps graphFollowUps: [FollowUp],
        decisions: [TweetID: PromotionDecision], closers closerIndices: [Int]
    ) -> Positions {
        // Times only of the tweets that follow-up gaps read, not of every tweet.
        var needed = Set<TweetID>()
        for f in graphFollowUps {
            needed.insert(f.tweet)
            needed.insert(f.target)
        }
        var createdAt: [TweetID: Timestamp] = [:]
        if !needed.isEmpty { for t in tweets where needed.contains(t.id) { createdAt[t.id] = t.createdAt } }
        var threadEnd: [TweetID: Timestamp] = [:]
        for thread in threads { for id in thread.tweets where needed.contains(id) { threadEnd[id] = thread.end } }
        var distribution = ["first": 0, "middle": 0, "second_to_last": 0, "last": 0]
        var withPromotion = 0
        var members = Set<TweetID>()
        var lastMembers = Set<TweetID>()
        for thread in threads {
            var any = false
            let n = thread.tweets.count
            for (k, id) in thread.tweets.enumerated() {
                members.insert(id)
                guard decisions[id]?.isPromotion == true else { continue }
                any = true
                let key = k == n - 1 ? "last" : k == 0 ? "first" : k == n - 2 ? "second_to_last" : "middle"
                distribution[key]! += 1
            }
            if let last = thread.tweets.last { lastMembers.insert(last) }
            if any { withPromotion += 1 }
        }
        let inThreads = distribution.values.reduce(0, +)
        let shares = distribution.mapValues { inThreads == 0 ? 0 : Double($0) / Double(inThreads) }
        let standalone = decisions.values.filter { $0.isPromotion && !members.contains($0.id) }.count

        var closers = Closers(count: 0, endingThreads: 0, outsideThreads: 0, promotional: 0, example: nil)
        for tweet in closerIndices.lazy.map({ tweets[$0] }) {
            closers.count += 1
            if closers.example == nil { closers.example = tweet.text }
            if lastMembers.contains(tweet.id) { closers.endingThreads += 1 }
            if !members.contains(tweet.id) { closers.outsideThreads += 1 }
            if decisions[tweet.id]?.isPromotion == true { closers.promotional += 1 }
        }
        var followUps = FollowUps(count: graphFollowUps.count, promotional: 0, byCategory: [:], medianGapSeconds: nil)
        var gaps: [Double] = []
        for f in graphFollowUps {
            if let d = decisions[f.tweet], d.isPromotion {
                followUps.promotional += 1
                for c in d.categories { followUps.byCategory[c.rawValue, default: 0] += 1 }
            }
            if let a = createdAt[f.tweet], let end = threadEnd[f.target] ?? createdAt[f.target] {
                gaps.append(Double(a.milliseconds - end.milliseconds) / 1000)
            }
        }
        followUps.medianGapSeconds = EngagementMath.median(gaps)
        return Positions(
            threads: threads.count, threadsWithPromotion: withPromotion,
            shareOfThreadsWithPromotion: threads.isEmpty ? 0 : Double(withPromotion) / Double(threads.count),
            distribution: distribution, shares: shares, standalone: standalone, closers: closers,
            followUps: followUps)
    }

    /// ISO 8601 week label (`2022-W01`) of a local calendar date.
    static func isoWeek(year: Int, month: Int, day: Int) -> String {
        let days = Int(Timestamp(year: year, month: month, day: day)!.milliseconds / 86_400_000)
        let weekday = Timestamp.weekday(ofDay: days)
        let thursday = days - weekday + 3
        let t = Timestamp(milliseconds: Int64(thursday) * 86_400_000).components()
        let jan1 = Int(Timestamp(year: t.year, month: 1, day: 1)!.milliseconds / 86_400_000)
        let week = (thursday - jan1) / 7 + 1
        return "\(t.year)-W" + (week < 10 ? "0" : "") + "\(week)"
    }

    static func links(_ classified: Classified) -> Links {
        // Counts per link target and hashtag; a domain's counts are the sum of its targets', so each distinct
        // target's host is read once.
        var targets: [String: (Int, Int)] = [:]
        var tags: [String: (Int, Int)] = [:]
        var seen: [String] = []
        for (i, tweet) in classified.tweets.enumerated() {
            let isPromo = classified.decisionOf[i] >= 0 ? 1 : 0
            let urls = tweet.entities.urls
            seen.removeAll(keepingCapacity: true)
            for url in urls where urls.count == 1 || !seen.contains(url.value) {
                if urls.count > 1 { seen.append(url.value) }
                targets[url.value, default: (0, 0)].0 += 1
                targets[url.value]!.1 += isPromo
            }
            let hashtags = tweet.entities.hashtags
            seen.removeAll(keepingCapacity: true)
            for tag in hashtags {
                let tag = Handle.fold(tag.value)
                guard hashtags.count == 1 || !seen.contains(tag) else { continue }
                if hashtags.count > 1 { seen.append(tag) }
                tags[tag, default: (0, 0)].0 += 1
                tags[tag]!.1 += isPromo
            }
        }
        var domains: [String: (Int, Int)] = [:]
        var links = 0
        var shortLinks = 0
        for (url, count) in targets {
            let host = PromotionDetector.host(of: url)
            links += count.0
            if host == "t.co" { shortLinks += count.0 }
            domains[host, default: (0, 0)].0 += count.0
            domains[host]!.1 += count.1
        }
        // The `limit` largest counts, ties by value: a large archive links millions of distinct targets.
        func top(_ d: [String: (Int, Int)], minimum: Int = 1, limit: Int = 25) -> [Count] {
            d.lazy.filter { $0.value.0 >= minimum }
                .leading(limit) { $0.value.0 != $1.value.0 ? $0.value.0 > $1.value.0 : $0.key < $1.key }
                .map { Count(value: $0.key, count: $0.value.0, promotional: $0.value.1) }
        }
        let tcoShare = links == 0 ? 0 : Double(shortLinks) / Double(links)
        let percent = String(Int((tcoShare * 100).rounded()))
        let note: String? =
            links == 0
            ? "the archive has no links"
            : shortLinks == 0
                ? nil
                : "\(percent)% of links are t.co short links whose targets the archive does not expand: their domains "
                    + "cannot be told apart (a reused t.co link still shows a reused target)"
        return Links(
            expanded: tcoShare < 0.5, tcoShare: tcoShare, note: note, domains: top(domains),
            reusedTargets: top(targets, minimum: 2),
            hashtags: top(tags))
    }

    /// A short plain-text digest.
    public var summary: String {
        var lines = [
            "Promotions: \(totals["any"] ?? 0) tweets"
                + totals.filter { $0.key != "any" }.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        ]
        lines.append(
            "Threads with a promotion: \(positions.threadsWithPromotion) of \(positions.threads); positions "
                + positions.distribution.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                    separator: " "))
        lines.append(
            "Closers: \(positions.closers.count); follow-ups: \(positions.followUps.count) "
                + "(\(positions.followUps.promotional) promotional)")
        for s in schedule.slots.prefix(3) {
            lines.append("Slot \(s.time) \(schedule.timeZone): \(s.days) of \(schedule.postingDays) posting days")
        }
        for t in templates.prefix(5) { lines.append("Template ×\(t.count): \(t.template.prefix(90))") }
        if let note = links.note { lines.append("Links: \(note)") }
        return lines.joined(separator: "\n")
    }
}
