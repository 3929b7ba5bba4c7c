import Foundation
import Testing

@testable import ReplyGraph

@Suite struct PromotionReportTests {
    typealias F = EngagementFixtures

    /// Two hand-built threads and a follow-up: thread A ends with a newsletter call and a closer, thread B has no
    /// promotion; a later "Enjoy this thread?" follow-up advertises the video channel.
    static func handMade() -> (tweets: [Tweet], threads: [TweetThread], followUps: [FollowUp]) {
        let day: Int64 = 86_400_000
        let t0 = F.start + 16 * 3_600_000 + 45 * 60_000 // Monday 16:45 UTC
        var tweets: [Tweet] = []
        let a = [
            "1/ How does a CDN work?", "2/ Edge servers cache content.",
            "3/ Subscribe to our weekly newsletter: https://t.co/n1",
            "4/ I hope you've found this thread helpful. Follow me @me for more.",
        ]
        for (k, text) in a.enumerated() { tweets.append(F.tweet(text, ms: t0 + Int64(k) * 1000, sequence: k)) }
        let b = ["1/ What is Kafka?", "2/ A log.", "3/ Partitions scale it."]
        for (k, text) in b.enumerated() {
            tweets.append(F.tweet(text, ms: t0 + day + Int64(k) * 1000, sequence: 10 + k))
        }
        tweets.append(
            F.tweet(
                "Enjoy this thread? You might like our YouTube channel as well: https://t.co/y1",
                ms: t0 + 2 * 3_600_000, sequence: 20))
        tweets.append(F.tweet("@pal thanks!", ms: t0 + 3 * day + 5 * 3_600_000, sequence: 21))
        tweets.append(
            F.tweet("Subscribe to our weekly newsletter: https://t.co/n1", ms: t0 + 7 * day + 60_000, sequence: 22))
        func thread(_ members: [Tweet]) -> TweetThread {
            TweetThread(
                root: members[0].id, author: Handle("me"), tweets: members.map(\.id),
                links: zip(members.dropFirst(), members).map {
                    ThreadLink(from: $0.id, to: $1.id, confidence: 1, reason: ThreadLink.Reason(basis: .replyID))
                },
                numbering: .slashSuffix, numbers: members.indices.map { $0 + 1 }, confidence: 1,
                start: members[0].createdAt, end: members.last!.createdAt)
        }
        let threads = [thread(Array(tweets[0..<4])), thread(Array(tweets[4..<7]))]
        let followUps = [
            FollowUp(
                tweet: tweets[7].id, target: tweets[0].id, confidence: 0.9,
                reason: FollowUp.Reason(cue: .threadReference, gapSeconds: 60))
        ]
        return (tweets, threads, followUps)
    }

    @Test func positionsClosersAndFollowUps() {
        let data = Self.handMade()
        let report = PromotionReport(tweets: data.tweets, threads: data.threads, followUps: data.followUps)
        let p = report.positions
        #expect(p.threads == 2 && p.threadsWithPromotion == 1 && p.shareOfThreadsWithPromotion == 0.5)
        #expect(p.distribution == ["first": 0, "middle": 0, "second_to_last": 1, "last": 1])
        #expect(p.standalone == 2)
        #expect(p.closers.count == 2) // the thread's last part and the "Enjoy this thread?" follow-up
        #expect(p.closers.endingThreads == 1 && p.closers.outsideThreads == 1)
        #expect(p.followUps.count == 1 && p.followUps.promotional == 1 && p.followUps.byCategory == ["video": 1])
        #expect(abs((p.followUps.medianGapSeconds ?? 0) - 7197) < 1e-9)
        #expect(report.totals["any"] == 4)
    }

    @Test func scheduleAndPeriods() throws {
        let data = Self.handMade()
        let report = PromotionReport(tweets: data.tweets, threads: data.threads, followUps: data.followUps)
        let s = report.schedule
        #expect(s.timeZone == "UTC")
        #expect(s.heatmapAll.count == 7 && s.heatmapAll.allSatisfy { $0.count == 24 })
        #expect(s.heatmapAll[0][16] == 5) // Monday 16:xx: thread A and the week-later call
        #expect(s.heatmapPromotions[0][16] == 3)
        #expect(s.heatmapAll.joined().reduce(0, +) == data.tweets.count)
        let slot = try #require(s.slots.first)
        #expect(slot.time == "16:45" && slot.days == 3 && s.postingDays == 4)
        #expect(s.byWeek.map(\.period) == ["2021-W01", "2021-W02"])
        #expect(s.byWeek[0].tweets == 9 && s.byWeek[0].promotions == 3)
        #expect(report.byMonth.map(\.period) == ["2021-01"])
        #expect(abs(report.byMonth[0].rate - 4.0 / 10.0) < 1e-12)

        // Shifting to +05:30 moves the 16:45 UTC slot to 22:15 and the week-later call stays on a Monday.
        let shifted = PromotionReport(
            tweets: data.tweets, threads: data.threads,
            options: .init(timeZone: try ReportTimeZone(parsing: "+05:30")))
        #expect(shifted.schedule.slots.first?.time == "22:15")
        #expect(shifted.schedule.heatmapAll[0][22] == 5)
        #expect(shifted.schedule.timeZone == "+05:30")
    }

    /// The heatmaps, posting days, weeks and months count each tweet where `Timestamp.components` puts it in the
    /// report's zone: also when tweets come out of time order (a day seen again later) and daylight saving moves
    /// the offset in between.
    @Test func calendarCountsEachTweetOnItsLocalDay() throws {
        let zone = try ReportTimeZone(parsing: "America/New_York")
        let start = Timestamp(year: 2022, month: 2, day: 20)!.milliseconds // three weeks before the March switch
        let inOrder = (0..<500).map { k in
            F.tweet(
                k % 3 == 0 ? "Subscribe to our weekly newsletter: https://t.co/n\(k)" : "Note \(k)",
                ms: start + Int64(k) * 7 * 3_600_000 + Int64(k % 60) * 60_000, sequence: k)
        }
        let tweets = (0..<500).map { inOrder[$0 * 37 % 500] } // 37 is prime to 500: every tweet, out of order
        let report = PromotionReport(tweets: tweets, threads: [], options: .init(timeZone: zone))

        var heatmap = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
        var promotional = heatmap
        var days = Set<String>()
        var months: [String: (tweets: Int, promotions: Int)] = [:]
        var weeks: [String: (tweets: Int, promotions: Int)] = [:]
        for tweet in inOrder {
            let c = tweet.createdAt.components(utcOffsetSeconds: zone.offset(at: tweet.createdAt))
            let promotion = PromotionDetector().classify(tweet).isPromotion ? 1 : 0
            heatmap[c.weekday][c.hour] += 1
            promotional[c.weekday][c.hour] += promotion
            days.insert("\(c.year)-\(c.month)-\(c.day)")
            let month = "\(c.year)-" + (c.month < 10 ? "0" : "") + "\(c.month)"
            let week = PromotionReport.isoWeek(year: c.year, month: c.month, day: c.day)
            months[month, default: (0, 0)].tweets += 1
            months[month]!.promotions += promotion
            weeks[week, default: (0, 0)].tweets += 1
            weeks[week]!.promotions += promotion
        }
        func lines(_ periods: [String: (tweets: Int, promotions: Int)]) -> [String] {
            periods.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.tweets) \($0.value.promotions)" }
        }
        #expect(report.schedule.heatmapAll == heatmap)
        #expect(report.schedule.heatmapPromotions == promotional)
        #expect(report.schedule.postingDays == days.count)
        #expect(report.byMonth.map { "\($0.period) \($0.tweets) \($0.promotions)" } == lines(months))
        #expect(report.schedule.byWeek.map { "\($0.period) \($0.tweets) \($0.promotions)" } == lines(weeks))
        #expect(report.byMonth.map(\.period) == ["2022-02", "2022-03", "2022-04", "2022-05", "2022-06", "2022-07"])
    }

    @Test(arguments: [
        ("https://www.YouTube.com/watch?v=1", "www.youtube.com"), ("http://Example.com:8080/a", "example.com"),
        ("example.com/path?q=1", "example.com"), ("https://t.co", "t.co"), ("ftp://a.b#frag", "a.b"),
        ("https://bücher.example/x", "bücher.example"), ("", ""),
    ])
    func hostsOfLinks(url: String, host: String) {
        #expect(PromotionDetector.host(of: url) == host)
    }

    @Test func timeZonesParse() throws {
        #expect(try ReportTimeZone(parsing: "+05:30").offset(at: Timestamp(milliseconds: 0)) == 19_800)
        #expect(try ReportTimeZone(parsing: "-0800").offset(at: Timestamp(milliseconds: 0)) == -28_800)
        #expect(try ReportTimeZone(parsing: "UTC") == .utc)
        let ny = try ReportTimeZone(parsing: "America/New_York")
        #expect(ny.offset(at: Timestamp(year: 2022, month: 1, day: 15)!) == -18_000) // EST
        #expect(ny.offset(at: Timestamp(year: 2022, month: 7, day: 15)!) == -14_400) // EDT
        #expect(throws: ReportTimeZoneError.self) { try ReportTimeZone(parsing: "+25:00") }
        #expect(throws: ReportTimeZoneError.self) { try ReportTimeZone(parsing: "Mars/Olympus") }
    }

    @Test(arguments: [
        ((2021, 1, 3), "2020-W53"), ((2021, 1, 4), "2021-W01"), ((2022, 1, 2), "2021-W52"),
        ((2022, 12, 31), "2022-W52"), ((2020, 12, 31), "2020-W53"), ((2019, 12, 30), "2020-W01"),
    ])
    func isoWeeks(date: (Int, Int, Int), expected: String) {
        #expect(PromotionReport.isoWeek(year: date.0, month: date.1, day: date.2) == expected)
    }

    @Test func linksAndHashtags() {
        let tweets = [
            F.tweet("Subscribe to our newsletter https://t.co/n1 #SystemDesign", ms: F.start, sequence: 1),
            F.tweet("Subscribe to our newsletter https://t.co/n1 #systemdesign", ms: F.start + 1000, sequence: 2),
            F.tweet("A diagram https://t.co/z9", ms: F.start + 2000, sequence: 3),
        ]
        let links = PromotionReport(tweets: tweets, threads: []).links
        #expect(
            links.expanded == false && links.tcoShare == 1 && links.note?.hasPrefix("100% of links are t.co") == true)
        #expect(links.reusedTargets == [.init(value: "https://t.co/n1", count: 2, promotional: 2)])
        #expect(links.hashtags == [.init(value: "systemdesign", count: 2, promotional: 2)])
        let expanded = PromotionReport(
            tweets: [F.tweet("Watch https://www.youtube.com/watch?v=1", ms: F.start)], threads: []
        ).links
        #expect(expanded.expanded && expanded.note == nil && expanded.domains.first?.value == "www.youtube.com")
    }

    @Test func noPromotionsIsAPlainReport() throws {
        let tweets = [F.tweet("Caching 101", ms: F.start), F.tweet("@pal thanks!", ms: F.start + 1000, sequence: 1)]
        let report = PromotionReport(tweets: tweets, threads: [])
        #expect(report.tweets.isEmpty && report.templates.isEmpty && report.totals == ["any": 0])
        #expect(report.positions.shareOfThreadsWithPromotion == 0)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"tweets\":[]"))
    }

    @Test func sampleReportHasTheExpectedShape() throws {
        let report = PromotionReport(graph: ReplyGraph(PromotionFixtures.archive))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        for key in [
            "\"tweets\":[{", "\"templates\":[", "\"positions\":{", "\"schedule\":{", "\"by_month\":[",
            "\"heatmap_all\"", "\"share_of_days\"", "\"relative_position\"",
        ] {
            #expect(json.contains(key), "\(key)")
        }
        #expect(json.contains("\"id\":\"16"))
        // The account posts at a fixed 16:45 UTC slot in the later period.
        #expect(report.schedule.slots.contains { abs($0.minuteOfDay - (16 * 60 + 45)) <= 10 })
        #expect(report.links.expanded == false && report.links.tcoShare > 0.99)
        #expect(report.positions.closers.count > 50)
        print(report.summary)
    }
}
