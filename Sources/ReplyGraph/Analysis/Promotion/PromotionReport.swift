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

    /// Whether a text is a thread closer ("I hope you've found this thread helpful", "Enjoy this thread?").
    package static func isCloser(_ text: String) -> Bool {
        isCloser(closerFilter.scan(text), text: text)
    }

    /// ``isCloser(_:)`` of a tweet's text, read in place: a text without any closer's words is not tokenized.
    static func isCloser(_ tweet: Tweet) -> Bool {
        isCloser(closerFilter.scan(tweet), text: tweet.text)
    }

    /// Whether a closer pattern that `found` allows matches `text`'s tokens.
    private static func isCloser(_ found: PromotionPrefilter.Found, text: @autoclosure () -> String) -> Bool {
        guard closerPatterns.indices.contains(where: found.mayMatch) else { return false }
        let tokens = PromotionText.tokens(in: text())
        return closerPatterns.enumerated().contains { k, pattern in
            found.mayMatch(k) && pattern.firstMatch(in: tokens) != nil
        }
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
        let all = tweets.filter { !$0.isRetweet }
        // Only the promotional decisions are kept by id: every reader below asks whether a tweet's decision is a
        // promotion (a missing one is not), and a table of every tweet's decision costs a hashed insert and lookup
        // per tweet in a table of millions.
        var decisions: [TweetID: PromotionDecision] = [:]
        var promotional: [PromotionDecision] = []
        var totals: [String: Int] = [:]
        for d in detector.classify(all) where d.isPromotion {
            decisions[d.id] = d
            promotional.append(d)
            for c in d.categories { totals[c.rawValue, default: 0] += 1 }
        }
        totals["any"] = promotional.count
        self.tweets = promotional
        self.totals = totals
        // The five parts read the same tweets and decisions and nothing of each other: they run side by side, each
        // writing only its own result (read once all have returned).
        nonisolated(unsafe) var templates: [PromotionTemplate] = []
        nonisolated(unsafe) var positions: Positions?
        nonisolated(unsafe) var schedule: Schedule?
        nonisolated(unsafe) var byMonth: [Period] = []
        nonisolated(unsafe) var links: Links?
        let decided = decisions
        DispatchQueue.concurrentPerform(iterations: 5) { part in
            switch part {
            case 0:
                if options.minesTemplates {
                    templates = PromotionTemplates.mine(all, decisions: decided, threshold: options.templateThreshold)
                }
            case 1: positions = Self.positions(tweets: all, threads: threads, followUps: followUps, decisions: decided)
            case 2: schedule = Self.schedule(all, decisions: decided, options: options)
            case 3:
                byMonth = Self.periods(all, decisions: decided, options: options) { year, month, _ in
                    "\(year)-" + (month < 10 ? "0" : "") + "\(month)"
                }
            default: links = Self.links(all, decisions: decided)
            }
        }
        self.templates = templates
        self.positions = positions!
        self.schedule = schedule!
        self.byMonth = byMonth
        self.links = links!
    }

    static func positions(
        tweets: [Tweet], threads: [TweetThread], followUps graphFollowUps: [FollowUp],
        decisions: [TweetID: PromotionDecision]
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
        // Which tweets are closers depends on each tweet alone: large archives are scanned in parts on all cores.
        let parts = tweets.count >= 100_000 ? ProcessInfo.processInfo.activeProcessorCount * 4 : 1
        let closerIndices = Parallel.map(parts, chunks: parts) { part in
            Parallel.chunk(part, of: parts, count: tweets.count).filter { isCloser(tweets[$0]) }
        }.joined()
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

    typealias Components = (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int,
        weekday: Int
    )

    /// Tweets and promotions per period, in period order. `key` names the period of a local date (a month, an ISO
    /// week); it is called once per run of tweets on the same date, and each period is counted in place.
    static func periods(
        _ tweets: [Tweet], decisions: [TweetID: PromotionDecision], options: Options,
        key: (_ year: Int, _ month: Int, _ day: Int) -> String
    ) -> [Period] {
        var byKey: [String: Period] = [:]
        var lastDate: (year: Int, month: Int, day: Int) = (0, 0, 0)
        var k = ""
        for tweet in tweets {
            let c = tweet.createdAt.components(utcOffsetSeconds: options.timeZone.offset(at: tweet.createdAt))
            if k.isEmpty || lastDate != (c.year, c.month, c.day) {
                lastDate = (c.year, c.month, c.day)
                k = key(c.year, c.month, c.day)
            }
            byKey[k, default: Period(period: k, tweets: 0, promotions: 0, rate: 0, byCategory: [:])].tweets += 1
            if let d = decisions[tweet.id], d.isPromotion {
                byKey[k]!.promotions += 1
                for cat in d.categories { byKey[k]!.byCategory[cat.rawValue, default: 0] += 1 }
            }
        }
        return byKey.keys.sorted().map { k in
            var p = byKey[k]!
            p.rate = Double(p.promotions) / Double(p.tweets)
            return p
        }
    }

    /// ISO 8601 week label (`2022-W01`) of a local calendar date.
    static func isoWeek(year: Int, month: Int, day: Int) -> String {
        let days = Int(Timestamp(year: year, month: month, day: day)!.milliseconds / 86_400_000)
        let weekday = ((days % 7) + 7 + 3) % 7 // 0 = Monday
        let thursday = days - weekday + 3
        let t = Timestamp(milliseconds: Int64(thursday) * 86_400_000).components()
        let jan1 = Int(Timestamp(year: t.year, month: 1, day: 1)!.milliseconds / 86_400_000)
        let week = (thursday - jan1) / 7 + 1
        return "\(t.year)-W" + (week < 10 ? "0" : "") + "\(week)"
    }

    static func schedule(_ tweets: [Tweet], decisions: [TweetID: PromotionDecision], options: Options) -> Schedule {
        var all = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
        var promo = all
        var posts: [(minute: Int, day: String, promotional: Bool)] = []
        var days = Set<String>()
        // A day's label is built once per run of tweets on that date.
        var lastDate: (year: Int, month: Int, day: Int) = (0, 0, 0)
        var day = ""
        for tweet in tweets {
            let c = tweet.createdAt.components(utcOffsetSeconds: options.timeZone.offset(at: tweet.createdAt))
            let isPromo = decisions[tweet.id]?.isPromotion == true
            all[c.weekday][c.hour] += 1
            if isPromo { promo[c.weekday][c.hour] += 1 }
            if day.isEmpty || lastDate != (c.year, c.month, c.day) {
                lastDate = (c.year, c.month, c.day)
                day = "\(c.year)-\(c.month)-\(c.day)"
                days.insert(day)
            }
            if !tweet.isReply || isPromo { posts.append((c.hour * 60 + c.minute, day, isPromo)) }
        }
        let byWeek = periods(tweets, decisions: decisions, options: options) { year, month, day in
            isoWeek(year: year, month: month, day: day)
        }
        // Slots: repeatedly take the busiest circular window of ±radius minutes (by distinct days), then remove it.
        var remaining = posts
        var slots: [Slot] = []
        let r = min(300, max(0, options.slotRadiusMinutes))
        var dayIndex: [String: Int] = [:]
        for p in posts where dayIndex[p.day] == nil { dayIndex[p.day] = dayIndex.count }
        while !remaining.isEmpty && slots.count < 12 {
            var perMinute = [[Int]](repeating: [], count: 1440)
            for p in remaining { perMinute[p.minute].append(dayIndex[p.day]!) }
            // Sliding circular window: per-day counts and the number of distinct days inside.
            var inWindow = [Int](repeating: 0, count: dayIndex.count)
            var distinct = 0
            func add(_ minute: Int, _ delta: Int) {
                for d in perMinute[(minute + 1440) % 1440] {
                    if delta > 0 {
                        if inWindow[d] == 0 { distinct += 1 }
                        inWindow[d] += 1
                    } else {
                        inWindow[d] -= 1
                        if inWindow[d] == 0 { distinct -= 1 }
                    }
                }
            }
            for off in -r...r { add(off, 1) }
            var bestCentre = 0
            var bestDays = distinct
            for centre in 1..<1440 {
                add(centre - r - 1, -1)
                add(centre + r, 1)
                if distinct > bestDays {
                    bestDays = distinct
                    bestCentre = centre
                }
            }
            guard !days.isEmpty, Double(bestDays) / Double(days.count) >= options.minimumSlotShare, bestDays >= 3 else {
                break
            }
            let inside = { (m: Int) in min(abs(m - bestCentre), 1440 - abs(m - bestCentre)) <= r }
            let members = remaining.filter { inside($0.minute) }
            remaining.removeAll { inside($0.minute) }
            // Centre at the circular median of the members' minutes, relative to the window centre.
            let offsets = members.map { m -> Int in
                var d = m.minute - bestCentre
                if d > 720 { d -= 1440 } else if d < -720 { d += 1440 }
                return d
            }.sorted()
            let centre = (bestCentre + offsets[offsets.count / 2] + 1440) % 1440
            let hh = centre / 60
            let mm = centre % 60
            slots.append(
                Slot(
                    time: (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm)",
                    minuteOfDay: centre, tweets: members.count, days: bestDays,
                    shareOfDays: Double(bestDays) / Double(days.count),
                    promotions: members.filter(\.promotional).count))
        }
        return Schedule(
            timeZone: options.timeZone.description, byWeek: byWeek, heatmapAll: all,
            heatmapPromotions: promo, postingDays: days.count, slots: slots)
    }

    static func links(_ tweets: [Tweet], decisions: [TweetID: PromotionDecision]) -> Links {
        var domains: [String: (Int, Int)] = [:]
        var targets: [String: (Int, Int)] = [:]
        var tags: [String: (Int, Int)] = [:]
        var links = 0
        var shortLinks = 0
        for tweet in tweets {
            let isPromo = decisions[tweet.id]?.isPromotion == true ? 1 : 0
            for url in Set(tweet.entities.urls.map(\.value)) {
                links += 1
                let host = PromotionDetector.host(of: url)
                if host == "t.co" { shortLinks += 1 }
                domains[host, default: (0, 0)].0 += 1
                domains[host]!.1 += isPromo
                targets[url, default: (0, 0)].0 += 1
                targets[url]!.1 += isPromo
            }
            for tag in Set(tweet.entities.hashtags.map { Handle.fold($0.value) }) {
                tags[tag, default: (0, 0)].0 += 1
                tags[tag]!.1 += isPromo
            }
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
