import Foundation
import ReplyGraph
import ReplyGraphTestSupport
import Testing

@testable import GraphExport

@Suite("Report site")
struct ReportSiteTests {
    /// Texts that try to break out of HTML text, attributes, inline SVG, comments, CDATA and the page's script.
    static let hostile = [
        "<script>alert(1)</script> subscribe to my newsletter https://evil.example/x /1",
        "</textarea></title></style><img src=x onerror=alert(2)> \"quoted\" 'single' 2/",
        "]]> --> <!-- javascript:alert(3) <a href=\"javascript:alert(4)\">x</a> 3/",
        "line\u{2028}separator\u{2029} \u{202E}gnp.exe\u{202C} \u{2066}iso nul\u{0} </script><script>x() 4/",
    ]

    static var tweets: [Tweet] {
        hostile.enumerated().map { k, text in
            Tweet(
                id: TestArchive.id(k * 60), author: TestArchive.alice, text: text,
                inReplyToID: k == 0 ? nil : TestArchive.id((k - 1) * 60),
                counts: EngagementCounts(likes: k * 3, retweets: k))
        } + [
            Tweet(
                id: TestArchive.id(7200), author: TestArchive.alice, text: "later: <b>see the thread</b> above",
                counts: EngagementCounts(likes: 1, retweets: 0))
        ]
    }

    static var thread: TweetThread {
        let ids = tweets.prefix(4).map(\.id)
        return TweetThread(
            root: ids[0], author: TestArchive.alice, tweets: ids,
            links: zip(ids.dropFirst(), ids).map {
                ThreadLink(from: $0, to: $1, confidence: 0.5, reason: ThreadLink.Reason(basis: .inferred(seconds: 60)))
            },
            numbering: .slashSuffix, numbers: [1, 2, nil, 4], missingNumbers: [3], confidence: 0.5,
            start: tweets[0].createdAt, end: tweets[3].createdAt,
            followUps: [
                FollowUp(
                    tweet: TestArchive.id(7200), target: ids[0], confidence: 0.8,
                    reason: FollowUp.Reason(cue: .sequel, gapSeconds: 7200))
            ])
    }

    static let hostileUsers = RankedUsers(
        graph: "mention", labels: ["<script>alert(6)</script>", "\u{202E}evil", "a\"b'c", "]]>-->"],
        pageRank: [0.4, 0.3, 0.2, 0.1], betweenness: [0, 0.5, 0.25, 0], betweennessNote: "<i>sampled</i>",
        community: [0, 0, 1, 9], communitySizes: [2, 1, 1], modularity: 0.3)

    static func input(
        _ archive: Archive, threads: [TweetThread], users: RankedUsers = .empty, name: String = "sample",
        maxThreadPages: Int = 100
    ) -> ReportInput {
        let followUps = threads.flatMap(\.followUps)
        let promotions = PromotionReport(tweets: archive.tweets, threads: threads, followUps: followUps)
        var categories: [TweetID: [PromotionCategory]] = [:]
        for decision in promotions.tweets { categories[decision.id] = decision.categories }
        let engagement = EngagementReport(tweets: archive.tweets, threads: threads, promotions: categories)
        return ReportInput(
            name: name, archive: archive, threads: threads, followUps: followUps,
            summary: ArchiveSummary(archive), promotions: promotions, engagement: engagement,
            timeZone: .utc, users: users, maxThreadPages: maxThreadPages)
    }

    static var hostileSite: ReportSite {
        ReportSite(input(Archive(tweets: tweets), threads: [thread], users: hostileUsers, name: "<b>name</b>\u{2028}"))
    }

    /// Every element name the report writes; any other `<name` in a page would be markup from data.
    static let ownTags: Set<String> = [
        "html", "head", "body", "title", "meta", "style", "script", "header", "main", "footer", "nav", "section",
        "h1", "h2", "h3", "p", "div", "span", "a", "strong", "mark", "time", "ol", "ul", "li", "dl", "dt", "dd",
        "table", "caption", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "details", "summary", "form",
        "label", "input", "select", "option", "svg", "desc", "rect", "line", "circle", "text", "g", "bdi", "em",
    ]

    /// The element names of every tag in `html` (`<name` and `</name`), and anything else after a `<`.
    static func tagNames(_ html: String) -> [String] {
        var names: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            var after = rest[rest.index(after: open)...]
            if after.hasPrefix("/") { after = after.dropFirst() }
            names.append(String(after.prefix { $0.isLetter || $0.isNumber || $0 == "!" }))
            rest = after
        }
        return names
    }

    @Test("hostile text lands escaped everywhere: page text, attributes, inline SVG, the index's data attributes")
    func hostileText() throws {
        let site = Self.hostileSite
        let files = site.files
        #expect(files.map(\.path) == ["index.html", "threads.html", "threads/\(Self.thread.root).html"])
        for file in files {
            // The page's own script is known text; everything else must hold no markup but the report's own.
            let html = file.contents.replacingOccurrences(of: ReportStyle.indexScript.rendered, with: "")
            let names = Self.tagNames(html)
            #expect(names.first == "!DOCTYPE")
            let foreign = Set(names.dropFirst()).subtracting(Self.ownTags)
            #expect(foreign.isEmpty, "\(file.path): markup from data: \(foreign)")
            // The only script is the thread index's own.
            #expect(html.components(separatedBy: "<script").count - 1 == (file.path == "threads.html" ? 1 : 0))
            // No event-handler attribute inside any tag (a tag runs to the next `>`: text holds only `&gt;`).
            for tag in html.components(separatedBy: "<").dropFirst().map({ $0.prefix { $0 != ">" } }) {
                let attributes = tag.split(separator: " ").dropFirst()
                #expect(!attributes.contains { $0.lowercased().hasPrefix("on") && $0.contains("=") }, "\(tag)")
            }
            for raw in [
                "href=\"javascript", "src=\"javascript", "]]>", "-->", "<!--",
                "\u{2028}", "\u{2029}", "\u{202E}", "\u{2066}", "\u{0}",
            ] {
                #expect(!html.contains(raw), "\(file.path) contains \(raw.debugDescription)")
            }
            // Every link is a web address, a fragment or a relative path with no scheme.
            for link in html.components(separatedBy: "href=\"").dropFirst().map({ $0.prefix { $0 != "\"" } }) {
                #expect(link.hasPrefix("https://") || link.hasPrefix("#") || !link.contains(":"), "\(link)")
            }
        }
        let page = try #require(files.last?.contents)
        // The texts are there, escaped (so the test is not passing on an empty page).
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&lt;/textarea&gt;&lt;/title&gt;&lt;/style&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(page.contains("]]&gt; --&gt; &lt;!--"))
        #expect(page.contains("line&#x2028;separator&#x2029; &#x202E;gnp.exe&#x202C;"))
        // Reasons are typed now (no free text to escape): their text forms are on the page.
        #expect(page.contains(">gap:60s<")) // the link's reason
        #expect(page.contains(">sequel:2h<")) // the follow-up's reason
        #expect(page.contains(">1. &lt;script&gt;alert(1)&lt;/script&gt;")) // the diagram's SVG text
        // Tweet text sits in a direction-isolated block, so an override cannot reorder the page around it.
        #expect(page.contains("<p class=\"text\" dir=\"auto\">line&#x2028;"))
        let index = files[1].contents
        #expect(index.contains("data-text=\"&lt;script&gt;alert(1)&lt;/script&gt;"))
        let overview = files[0].contents
        #expect(overview.contains("&lt;script&gt;alert(6)&lt;/script&gt;")) // a user label in SVG and table
        #expect(overview.contains("&#x202E;evil"))
        #expect(overview.contains("&lt;b&gt;name&lt;/b&gt;&#x2028;")) // the archive's name in <title>
    }

    @Test("a thread page shows the parts in order, the missing number, weak links, promotions and follow-ups")
    func threadPage() throws {
        let page = try #require(Self.hostileSite.files.last?.contents)
        let order = Self.tweets.prefix(4).map { "id=\"t\($0.id)\"" }
        let positions = order.compactMap { page.range(of: $0)?.lowerBound }
        #expect(positions.count == 4 && positions == positions.sorted())
        #expect(page.contains("Part 3 is missing"))
        #expect(page.contains("confidence 0.5 (below 0.9)"))
        #expect(page.contains("class=\"part promotion\""))
        #expect(page.contains("<mark>")) // the evidence marked in the text
        #expect(page.contains("Follow-up of part 1"))
        #expect(page.contains("href=\"https://twitter.com/alice/status/\(Self.tweets[0].id)\""))
    }

    @Test("no tweets: every page is written and says what is missing instead of drawing empty charts")
    func emptyArchive() {
        let site = ReportSite(Self.input(Archive(tweets: []), threads: []))
        let files = site.files
        #expect(files.map(\.path) == ["index.html", "threads.html"])
        #expect(files[0].contents.contains("No threads were found"))
        #expect(files[0].contents.contains("no like or retweet counts"))
        #expect(files[0].contents.contains("No user is mentioned"))
        #expect(!files[0].contents.contains("<svg"))
        #expect(files[1].contents.contains("No threads."))
    }

    @Test("one tweet, no counts, no threads: one month, one heat-map cell, and a sentence for engagement")
    func oneTweet() {
        let tweet = Tweet(id: TestArchive.id(0), author: TestArchive.alice, text: "hello")
        let overview = ReportSite(Self.input(Archive(tweets: [tweet]), threads: [])).files[0].contents
        #expect(overview.contains("<th scope=\"row\">2023-02</th><td>1</td>")) // tweets per month table
        #expect(overview.contains("<title>Tue 16:00: 1 tweets</title>")) // 2023-02-14 16:45 UTC, a Tuesday
        #expect(overview.contains("no like or retweet counts"))
        #expect(overview.contains("No threads were found"))
    }

    @Test("counts give a forest plot; thread pages are capped with a note, the longest threads first")
    func countsAndCap() {
        let second = TweetThread(
            root: Self.tweets[4].id, author: TestArchive.alice, tweets: [Self.tweets[4].id],
            links: [], numbering: .none, numbers: [nil], confidence: 1,
            start: Self.tweets[4].createdAt, end: Self.tweets[4].createdAt)
        let site = ReportSite(
            Self.input(Archive(tweets: Self.tweets), threads: [Self.thread, second], maxThreadPages: 1))
        #expect(site.isCapped)
        #expect(site.shownThreads.map(\.root) == [Self.thread.root])
        let files = site.files
        #expect(files.count == 3)
        #expect(files[1].contents.contains("capped at 1 thread pages"))
        #expect(files[0].contents.contains("no intervals to show")) // 5 tweets are too few for a model
    }

    @Test("counts give a forest plot per target, with an interval for each feature")
    func forestPlots() throws {
        // 90 tweets; every third promotes a newsletter and gets 20 more likes, so that effect is far from ×1.
        let tweets = (0..<90).map { k in
            Tweet(
                id: TestArchive.id(k * 3600), author: TestArchive.alice,
                text: (k % 3 == 0 ? "Subscribe to my newsletter. " : "A note. ")
                    + String(repeating: "cache ", count: (k * 7) % 20),
                counts: EngagementCounts(likes: 5 + k % 7 + (k % 3 == 0 ? 40 : 0), retweets: k % 5))
        }
        let overview = ReportSite(Self.input(Archive(tweets: tweets), threads: [])).files[0].contents
        #expect(overview.contains("id=\"chart-effects-likes\""))
        #expect(overview.contains("id=\"chart-effects-retweets\""))
        #expect(overview.contains("class=\"estimate significant\""))
        #expect(!overview.contains("no like or retweet counts"))
    }

    @Test("the same input gives the same bytes")
    func deterministic() {
        let a = Self.hostileSite.files.map(\.contents)
        let b = Self.hostileSite.files.map(\.contents)
        #expect(a == b)
        #expect(!a[0].isEmpty)
    }
}

@Suite("Report site: calendar axes")
struct ReportCalendarTests {
    @Test("ISO weeks run on over year ends: 2020 has 53 weeks, 2021 has 52")
    func isoWeeks() {
        #expect(ReportSite.isoWeeks(from: "2020-W52", to: "2021-W01") == ["2020-W52", "2020-W53", "2021-W01"])
        #expect(ReportSite.isoWeeks(from: "2021-W52", to: "2022-W01") == ["2021-W52", "2022-W01"])
        #expect(ReportSite.isoWeeks(from: "2022-W07", to: "2022-W07") == ["2022-W07"])
        #expect(ReportSite.isoWeeks(from: "bad", to: "2022-W07") == nil)
    }

    @Test("months run on over year ends")
    func months() {
        #expect(ReportSite.months(from: "2021-11", to: "2022-02") == ["2021-11", "2021-12", "2022-01", "2022-02"])
    }
}
