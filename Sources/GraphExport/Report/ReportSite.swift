import ReplyGraph

/// The archive report: a static site that opens from disk (no network, no CDN), written as `index.html` (overview
/// and charts), `threads.html` (the thread index) and `threads/<root>.html` (one page per thread).
///
///     let site = ReportSite(input)
///     for file in site.files { try AtomicFile.write(file.contents, to: folder.appendingPathComponent(file.path)) }
///
/// Output is deterministic: the same input gives the same bytes (no dates of generation, every list sorted).
/// - Complexity: O(tweets + users log users) for the overview, O(tweets in the threads shown) for the thread pages.
package struct ReportSite: Sendable {
    package struct File: Sendable {
        /// Relative to the report folder, `/`-separated.
        package var path: String
        package var contents: String
    }

    package let input: ReportInput
    /// The threads that get a page, in index order (earliest first).
    package let shownThreads: [TweetThread]
    /// Promotion decisions by tweet (promotional tweets only).
    let decisions: [TweetID: PromotionDecision]

    package init(_ input: ReportInput) {
        self.input = input
        let ranked = input.threads.sorted {
            ($0.length, $1.start, $1.root) > ($1.length, $0.start, $0.root)
        }
        shownThreads = ranked.prefix(max(0, input.maxThreadPages)).sorted { ($0.start, $0.root) < ($1.start, $1.root) }
        var decisions: [TweetID: PromotionDecision] = [:]
        for decision in input.promotions.tweets { decisions[decision.id] = decision }
        self.decisions = decisions
    }

    /// Every file of the site; the thread pages in the order of ``shownThreads``.
    package var files: [File] {
        [File(path: "index.html", contents: overviewPage), File(path: "threads.html", contents: threadIndexPage)]
            + shownThreads.map { File(path: "threads/\($0.root).html", contents: threadPage($0)) }
    }

    /// Whether some threads got no page.
    package var isCapped: Bool { shownThreads.count < input.threads.count }

    // MARK: Page frame

    /// A page: head with the style sheet, a header with the site's navigation, and `body`.
    func page(title: String, root: [String], current: String, _ body: [HTML], script: HTML? = nil) -> String {
        let nav: [(String, [String])] = [("Overview", root + ["index.html"]), ("Threads", root + ["threads.html"])]
        return HTML.element(
            .html, [HTMLAttribute(.lang, "en")],
            [
                .element(
                    .head, [],
                    [
                        .element(.meta, [HTMLAttribute(.charset, "utf-8")]),
                        .element(
                            .meta,
                            [
                                HTMLAttribute(.name, "viewport"),
                                HTMLAttribute(.content, "width=device-width, initial-scale=1"),
                            ]),
                        .element(.title, [], [.text(title)]),
                        .element(.style, [], [ReportStyle.css]),
                    ]),
                .element(
                    .body, [],
                    [
                        .element(
                            .header, [],
                            [
                                .element(
                                    .nav, [HTMLAttribute(.ariaLabel, "report")],
                                    nav.map { name, link in
                                        .element(
                                            .a,
                                            [.href(.relative(link))]
                                                + (name == current ? [HTMLAttribute(.class, "current")] : []),
                                            [.text(name)])
                                    }),
                                .element(.h1, [], [.text(title)]),
                            ]),
                        .element(.main, [], body),
                        .element(
                            .footer, [],
                            [.text("Made by replygraph report from \(input.name). Times in \(input.timeZone).")]),
                    ] + (script.map { [$0] } ?? [])),
            ]
        ).document
    }

    // MARK: Overview

    var overviewPage: String {
        var body: [HTML] = [overviewFigures]
        body.append(
            section(
                "Threads",
                [
                    threadLengthChart, monthlyCharts,
                    .element(
                        .p, [],
                        [
                            .element(
                                .a, [.href(.relative(["threads.html"]))],
                                [.text("All threads, sortable and filterable →")])
                        ]),
                ]))
        body.append(section("When the account posts", [postingHeatmap]))
        body.append(section("Promotions", promotionCharts))
        body.append(section("Engagement", engagementCharts))
        body.append(section("Who the account talks to", userCharts))
        return page(title: "Report: \(input.name)", root: [], current: "Overview", body)
    }

    func section(_ title: String, _ content: [HTML]) -> HTML {
        .element(.section, [], [.element(.h2, [], [.text(title)])] + content)
    }

    /// The overview's figures as a definition list.
    var overviewFigures: HTML {
        let s = input.summary
        let threads = input.threads
        let threaded = threads.reduce(0) { $0 + $1.length }
        let links = threads.flatMap(\.links)
        let weak = links.filter { $0.confidence < 0.9 }.count
        let span = s.first.map { "\(day($0)) – \(day(s.last!))" } ?? "no tweets"
        let skippedLines = s.skipped.values.reduce(0, +)
        var skipped =
            skippedLines == 0
            ? "no malformed lines"
            : "\(grouped(skippedLines)) malformed line\(skippedLines == 1 ? "" : "s") ("
                + s.skipped.sorted { $0.key < $1.key }.map { "\($0.key): \(grouped($0.value))" }.joined(separator: ", ")
                + ")"
        if s.duplicates > 0 { skipped += "; \(grouped(s.duplicates)) duplicate tweets" }
        if s.ignored > 0 { skipped += "; \(grouped(s.ignored)) records that are not tweets" }
        let kinds = Set(s.accountArchives.flatMap(\.skippedKinds)).sorted()
        if !kinds.isEmpty { skipped += "; not opened: " + kinds.joined(separator: ", ") }
        let promotions = input.promotions.tweets.count
        let rows: [(String, String)] = [
            ("Tweets", "\(grouped(s.tweets)) by \(grouped(s.authors)) author\(s.authors == 1 ? "" : "s")"),
            ("Span", span),
            ("Threads", "\(grouped(threads.count)), holding \(percent(threaded, of: s.tweets)) of the tweets"),
            ("Replies", "\(grouped(s.replies)) (\(grouped(s.selfReplies)) to the author's own tweets)"),
            ("Mentions", "\(grouped(s.tweetsWithMentions)) tweets mention \(grouped(s.distinctMentioned)) users"),
            ("Promotions", "\(grouped(promotions)) tweets (\(percent(promotions, of: s.tweets)))"),
            ("Skipped when reading", skipped),
            (
                "Thread inference",
                links.isEmpty
                    ? "no thread links"
                    : "\(percent(weak, of: links.count)) of \(grouped(links.count)) thread links have a confidence below 0.9"
            ),
        ]
        return .element(
            .section, [.class("figures")],
            [
                .element(.h2, [], [.text("Overview")]),
                .element(
                    .dl, [], rows.flatMap { [HTML.element(.dt, [], [.text($0.0)]), .element(.dd, [], [.text($0.1)])] }),
            ])
    }

    // MARK: Charts

    var threadLengthChart: HTML {
        let histogram = input.threads.reduce(into: [Int: Int]()) { $0[$1.length, default: 0] += 1 }
        guard let longest = histogram.keys.max() else {
            return note("No threads were found, so there is no length chart.")
        }
        let cap = 30
        let lengths = Array(2...max(2, min(longest, cap)))
        var values = lengths.map { Double(histogram[$0] ?? 0) }
        var categories = lengths.map(String.init)
        if longest > cap {
            values[values.count - 1] = Double(histogram.filter { $0.key >= cap }.values.reduce(0, +))
            categories[categories.count - 1] = "\(cap)+"
        }
        let common = histogram.max { ($0.value, $1.key) < ($1.value, $0.key) }!
        let frame = ChartFrame(
            id: "chart-thread-lengths", title: "Thread lengths",
            summary: "\(grouped(input.threads.count)) threads from 2 to \(longest) parts; "
                + "the most common length is \(common.key) parts (\(grouped(common.value)) threads).",
            width: 640, height: 260)
        return BarChart(
            frame: frame, categories: categories,
            series: [.init(name: "threads", color: ChartPalette.color(4), values: values)],
            xLabel: "parts in the thread", yLabel: "threads"
        ).html
    }

    /// `YYYY-MM` of an instant in the report's time zone.
    func month(_ t: Timestamp) -> String {
        let c = t.components(utcOffsetSeconds: input.timeZone.offset(at: t))
        return "\(c.year)-\(c.month < 10 ? "0" : "")\(c.month)"
    }

    /// Every month from the first to the last key, in order.
    static func months(from first: String, to last: String) -> [String] {
        func parts(_ m: String) -> (Int, Int) {
            let p = m.split(separator: "-")
            return (Int(p[0]) ?? 0, Int(p.count > 1 ? p[1] : "1") ?? 1)
        }
        var (y, m) = parts(first)
        let end = parts(last)
        var out: [String] = []
        while (y, m) <= end, out.count < 2400 {
            out.append("\(y)-\(m < 10 ? "0" : "")\(m)")
            m += 1
            if m > 12 {
                m = 1
                y += 1
            }
        }
        return out
    }

    /// Every ISO week (`2022-W07`) from `first` to `last`, or nil when either is not such a week.
    static func isoWeeks(from first: String, to last: String) -> [String]? {
        func parse(_ w: String) -> (Int, Int)? {
            let p = w.split(separator: "-")
            guard p.count == 2, p[1].hasPrefix("W"), let y = Int(p[0]), let n = Int(p[1].dropFirst()) else {
                return nil
            }
            return (y, n)
        }
        /// 53 when the year starts on a Thursday, or on a Wednesday in a leap year; else 52.
        func weeksIn(_ year: Int) -> Int {
            guard let jan1 = Timestamp(year: year, month: 1, day: 1) else { return 52 }
            let weekday = jan1.components().weekday // 0 = Monday
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return weekday == 3 || (leap && weekday == 2) ? 53 : 52
        }
        guard var (y, n) = parse(first), let end = parse(last) else { return nil }
        var out: [String] = []
        while (y, n) <= end, out.count < 5200 {
            out.append("\(y)-W\(n < 10 ? "0" : "")\(n)")
            n += 1
            if n > weeksIn(y) {
                n = 1
                y += 1
            }
        }
        return out
    }

    var monthlyCharts: HTML {
        var tweets: [String: Int] = [:]
        for period in input.promotions.byMonth { tweets[period.period] = period.tweets }
        var threads: [String: Int] = [:]
        for thread in input.threads { threads[month(thread.start), default: 0] += 1 }
        let keys = Set(tweets.keys).union(threads.keys).sorted()
        guard let first = keys.first, let last = keys.last else {
            return note("No tweets, so there are no monthly charts.")
        }
        let months = Self.months(from: first, to: last)
        let busiest = months.max { (tweets[$0] ?? 0, $1) < (tweets[$1] ?? 0, $0) }!
        let tweetFrame = ChartFrame(
            id: "chart-tweets-per-month", title: "Tweets per month",
            summary: "\(grouped(input.summary.tweets)) tweets over \(months.count) months, "
                + "most in \(busiest) (\(grouped(tweets[busiest] ?? 0))).",
            width: 640, height: 240)
        let threadFrame = ChartFrame(
            id: "chart-threads-per-month", title: "Threads per month",
            summary: "Threads by the month they started: \(grouped(input.threads.count)) "
                + "in all, at most \(grouped(threads.values.max() ?? 0)) in a month.",
            width: 640, height: 240)
        return .fragment([
            BarChart(
                frame: tweetFrame, categories: months,
                series: [
                    .init(name: "tweets", color: ChartPalette.color(1), values: months.map { Double(tweets[$0] ?? 0) })
                ],
                xLabel: "month", yLabel: "tweets"
            ).html,
            BarChart(
                frame: threadFrame, categories: months,
                series: [
                    .init(
                        name: "threads", color: ChartPalette.color(4), values: months.map { Double(threads[$0] ?? 0) })
                ],
                xLabel: "month", yLabel: "threads"
            ).html,
        ])
    }

    var postingHeatmap: HTML {
        let counts = input.promotions.schedule.heatmapAll
        let total = counts.joined().reduce(0, +)
        guard total > 0 else { return note("No tweets, so there is no posting heatmap.") }
        var best = (day: 0, hour: 0, count: -1)
        for (d, row) in counts.enumerated() { for (h, c) in row.enumerated() where c > best.count { best = (d, h, c) } }
        let frame = ChartFrame(
            id: "chart-posting-hours", title: "Posting hours by weekday (\(input.timeZone))",
            summary: "Tweets by weekday and hour in \(input.timeZone); the busiest hour is "
                + "\(Heatmap.weekdays[best.day]) \(best.hour):00 with \(grouped(best.count)) tweets.",
            width: 640, height: 250)
        return Heatmap(frame: frame, counts: counts).html
    }

    var promotionCharts: [HTML] {
        let report = input.promotions
        guard !report.tweets.isEmpty else { return [note("No tweet was classified as a promotion.")] }
        let categories = report.totals.filter { $0.key != "any" }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .map(\.key)
        let weeks = report.schedule.byWeek.sorted { $0.period < $1.period }
        var byWeek: [String: PromotionReport.Period] = [:]
        for week in weeks { byWeek[week.period] = week }
        // Every week from the first to the last, so the axis is time (weeks without tweets are empty).
        let allWeeks = Self.isoWeeks(from: weeks.first!.period, to: weeks.last!.period) ?? weeks.map(\.period)
        let series = categories.enumerated().map { k, category in
            BarChart.Series(
                name: category, color: ChartPalette.color(k),
                values: allWeeks.map { Double(byWeek[$0]?.byCategory[category] ?? 0) })
        }
        let busiest = weeks.max { ($0.promotions, $1.period) < ($1.promotions, $0.period) }!
        let weekly = ChartFrame(
            id: "chart-promotions-per-week", title: "Promotions per week, by category",
            summary: "\(grouped(report.tweets.count)) promotional tweets over \(weeks.count) weeks; "
                + "the most in \(busiest.period) (\(busiest.promotions)). A tweet with two "
                + "categories counts in both.",
            width: 640, height: 280)
        let p = report.positions
        let keys = ["first", "middle", "second_to_last", "last"]
        let names = ["first part", "middle", "second to last", "last part", "outside threads"]
        let values = keys.map { Double(p.distribution[$0] ?? 0) } + [Double(p.standalone)]
        let position = ChartFrame(
            id: "chart-promotion-positions", title: "Where promotions sit in threads",
            summary: "\(percent(p.threadsWithPromotion, of: p.threads)) of threads carry a "
                + "promotion; of promotional tweets, \(Int(values[3])) are a thread's last part "
                + "and \(p.standalone) stand outside threads.",
            width: 640, height: 240)
        return [
            BarChart(
                frame: weekly, categories: allWeeks, series: series, xLabel: "week",
                yLabel: "promotional tweets"
            ).html,
            BarChart(
                frame: position, categories: names,
                series: [.init(name: "promotional tweets", color: ChartPalette.color(0), values: values)],
                xLabel: "position", yLabel: "promotional tweets"
            ).html,
        ]
    }

    var engagementCharts: [HTML] {
        let report = input.engagement
        guard report.countsAvailable else {
            return [
                note(
                    "This archive has no like or retweet counts, so engagement cannot be modelled"
                        + (report.countsReason.map { ": \($0)" } ?? "."))
            ]
        }
        var out: [HTML] = []
        for model in report.models {
            let rows = model.coefficients.compactMap { c -> ForestPlot.Row? in
                guard c.feature != "intercept", let effect = c.effect, let ci = c.ci95, ci.count == 2,
                    effect.isFinite, ci[0].isFinite, ci[1].isFinite
                else { return nil }
                return ForestPlot.Row(label: c.feature, estimate: effect, low: ci[0], high: ci[1])
            }
            guard !rows.isEmpty else {
                out.append(
                    note(
                        "The model of \(model.target.rawValue) has no intervals to show (\(grouped(model.n)) "
                            + "tweets, \(model.degreesOfFreedom) residual degrees of freedom)."))
                continue
            }
            let strong = rows.filter(\.excludesOne).map(\.label)
            let frame = ChartFrame(
                id: "chart-effects-\(model.target.rawValue)",
                title: "What goes with more \(model.target.rawValue)",
                summary: "Multiplicative effects on 1 + \(model.target.rawValue) with 95% intervals, "
                    + "from \(grouped(model.n)) tweets. "
                    + (strong.isEmpty
                        ? "No interval excludes ×1."
                        : "Intervals that exclude ×1: " + strong.joined(separator: ", ") + "."),
                width: 640, height: 0)
            out.append(
                ForestPlot(frame: frame, rows: rows, valueLabel: "effect on 1 + \(model.target.rawValue) (log scale)")
                    .html)
        }
        for missing in report.unavailable {
            out.append(note("No model of \(missing.target.rawValue): \(missing.reason)"))
        }
        return out.isEmpty ? [note("The engagement model could not be fitted.")] : out
    }

    var userCharts: [HTML] {
        let users = input.users
        guard !users.labels.isEmpty else {
            return [note("No user is mentioned or replied to, so there is no network.")]
        }
        var out: [HTML] = []
        for (metric, scores, id) in [
            ("PageRank", users.pageRank, "pagerank"), ("betweenness", users.betweenness, "betweenness"),
        ] {
            guard scores.count == users.labels.count else { continue }
            guard scores.contains(where: { $0 > 0 }) else {
                out.append(
                    note(
                        "Every user's \(metric) is 0: no user lies on a shortest path between two others "
                            + "in the \(users.graph) graph."))
                continue
            }
            let top = scores.indices.sorted { (scores[$0], users.labels[$1]) > (scores[$1], users.labels[$0]) }.prefix(
                15)
            let rows = top.map { k in
                HorizontalBarChart.Row(
                    label: "@" + users.labels[k], value: scores[k],
                    color: ChartPalette.color(users.community[k]),
                    group: "community \(users.community[k] + 1)")
            }
            var summary =
                "The \(rows.count) users with the highest \(metric == "PageRank" ? "PageRank (weighted by interactions)" : metric) in the \(users.graph) graph, "
                + "coloured by community (Louvain); first: \(rows.first?.label ?? "")."
            if metric == "betweenness", let n = users.betweennessNote { summary += " " + n }
            let frame = ChartFrame(
                id: "chart-top-\(id)", title: "Top users by \(metric)", summary: summary,
                width: 640, height: 0)
            out.append(HorizontalBarChart(frame: frame, rows: rows, valueLabel: metric).html)
        }
        let sizes = Array(users.communitySizes.prefix(20))
        let frame = ChartFrame(
            id: "chart-communities", title: "Community sizes",
            summary: "\(grouped(users.communitySizes.count)) communities (Louvain, modularity "
                + "\(Escaping.number(users.modularity, maxFractionDigits: 3))); the largest has "
                + "\(grouped(sizes.first ?? 0)) users. The first \(ChartPalette.categorical.count) "
                + "have their own colour, the rest are grey.",
            width: 640, height: 240)
        out.append(
            BarChart(
                frame: frame, categories: sizes.indices.map { "\($0 + 1)" },
                series: [.init(name: "users", color: ChartPalette.other, values: sizes.map(Double.init))],
                xLabel: "community (largest first)", yLabel: "users",
                categoryColors: sizes.indices.map(ChartPalette.color)
            ).html)
        return out
    }

    func note(_ text: String) -> HTML { .element(.p, [.class("note")], [.text(text)]) }

    // MARK: Formatting

    func day(_ t: Timestamp) -> String {
        let c = t.components(utcOffsetSeconds: input.timeZone.offset(at: t))
        return "\(c.year)-\(two(c.month))-\(two(c.day))"
    }

    func minute(_ t: Timestamp) -> String {
        let c = t.components(utcOffsetSeconds: input.timeZone.offset(at: t))
        return "\(c.year)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }

    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `12,345`.
    func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "0%" : Escaping.number(Double(part) * 100 / Double(whole), maxFractionDigits: 1) + "%"
    }
}
