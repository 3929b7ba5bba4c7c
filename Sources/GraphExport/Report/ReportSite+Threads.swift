import ReplyGraph

extension ReportSite {
    // MARK: Thread index

    /// A table of the shown threads, one row each, with `data-*` values that the inline script sorts and filters
    /// on. Without the script, the whole table is there and the filter form stays hidden.
    var threadIndexPage: String {
        let all = input.threads.count
        var intro: [HTML] = [
            .element(
                .p, [],
                [
                    .text(
                        "\(grouped(all)) thread\(all == 1 ? "" : "s") found. A thread is a run of the author's own tweets; a "
                            + "reply chain is a reply continued over several tweets.")
                ])
        ]
        if isCapped {
            intro.append(
                .element(
                    .p, [.class("note capped")],
                    [
                        .text(
                            "This report is capped at \(grouped(shownThreads.count)) thread pages: the longest threads are shown "
                                + "(ties: the earliest). The charts on the overview count all \(grouped(all)).")
                    ]))
        }
        guard !shownThreads.isEmpty else {
            return page(title: "Threads: \(input.name)", root: [], current: "Threads", intro + [note("No threads.")])
        }
        let form = HTML.element(
            .form, [.id("filters"), HTMLAttribute(.hidden, "hidden"), HTMLAttribute(.class, "filters")],
            [
                .element(
                    .label, [], [.text("Text "), .element(.input, [HTMLAttribute(.type, "search"), .id("f-text")])]),
                .element(
                    .label, [],
                    [
                        .text("Kind "),
                        .element(
                            .select, [.id("f-kind")],
                            [
                                .element(.option, [HTMLAttribute(.value, "")], [.text("any")]),
                                .element(
                                    .option, [HTMLAttribute(.value, ThreadKind.thread.rawValue)], [.text("thread")]),
                                .element(
                                    .option, [HTMLAttribute(.value, ThreadKind.replyChain.rawValue)],
                                    [.text("reply chain")]),
                            ]),
                    ]),
                .element(
                    .label, [],
                    [
                        .text("At least "),
                        .element(
                            .input,
                            [
                                HTMLAttribute(.type, "number"), .id("f-length"), HTMLAttribute(.min, 2),
                                HTMLAttribute(.value, 2),
                            ]), .text(" parts"),
                    ]),
                .element(
                    .label, [],
                    [
                        .text("Confidence ≥ "),
                        .element(
                            .input,
                            [
                                HTMLAttribute(.type, "number"), .id("f-confidence"),
                                HTMLAttribute(.min, 0), HTMLAttribute(.max, 1),
                                HTMLAttribute(.step, "0.05"), HTMLAttribute(.value, 0),
                            ]),
                    ]),
                .element(
                    .label, [],
                    [
                        .element(.input, [HTMLAttribute(.type, "checkbox"), .id("f-promotion")]),
                        .text(" with a promotion"),
                    ]),
                .element(.span, [.id("f-count"), HTMLAttribute(.role, "status")], []),
            ])
        let columns: [(String, String)] = [
            ("Started", "start"), ("Parts", "length"), ("Kind", "kind"),
            ("Promotion", "promotion"), ("Confidence", "confidence"), ("Thread", "text"),
        ]
        let header = HTML.element(
            .thead, [],
            [
                .element(
                    .tr, [],
                    columns.map { name, key in
                        .element(.th, [HTMLAttribute(.scope, "col"), HTMLAttribute(.dataSort, key)], [.text(name)])
                    })
            ])
        let rows = shownThreads.map { thread -> HTML in
            let first = input.archive[thread.root]?.text ?? ""
            let promoted = thread.tweets.contains { decisions[$0] != nil }
            let excerpt = ChartFrame.clipped(ThreadDiagram.oneLine(first), 110)
            return .element(
                .tr,
                [
                    HTMLAttribute(.dataStart, String(thread.start.milliseconds)),
                    HTMLAttribute(.dataLength, thread.length),
                    HTMLAttribute(.dataKind, thread.kind.rawValue),
                    HTMLAttribute(.dataPromotion, promoted ? "1" : "0"),
                    HTMLAttribute(.dataConfidence, Escaping.number(thread.confidence, maxFractionDigits: 3)),
                    HTMLAttribute(.dataText, excerpt.lowercased()),
                ],
                [
                    .element(
                        .td, [],
                        [
                            .element(
                                .time, [HTMLAttribute(.datetime, thread.start.iso8601)], [.text(minute(thread.start))])
                        ]),
                    .element(.td, [.class("num")], [.text(String(thread.length))]),
                    .element(.td, [], [.text(thread.kind == .thread ? "thread" : "reply chain")]),
                    .element(.td, [], [.text(promoted ? "yes" : "")]),
                    .element(.td, [.class("num")], [.text(Escaping.number(thread.confidence, maxFractionDigits: 2))]),
                    .element(
                        .td, [HTMLAttribute(.dir, "auto")],
                        [
                            .element(
                                .a, [.href(.relative(["threads", "\(thread.root).html"]))],
                                [.text(excerpt.isEmpty ? "(no text)" : excerpt)])
                        ]),
                ])
        }
        let table = HTML.element(
            .div, [.class("scroll")],
            [
                .element(
                    .table, [.id("thread-index"), .class("index")],
                    [
                        .element(
                            .caption, [],
                            [.text("Threads, earliest first. With scripts on, click a column heading to sort.")]),
                        header, .element(.tbody, [], rows),
                    ])
            ])
        return page(
            title: "Threads: \(input.name)", root: [], current: "Threads", intro + [form, table],
            script: .element(.script, [], [ReportStyle.indexScript]))
    }

    // MARK: Thread pages

    /// One thread as a reader sees it: its parts in order with their text, the link into each part (confidence and
    /// reason), numbers that are missing, promotions with their evidence, follow-ups, and the diagram.
    func threadPage(_ thread: TweetThread) -> String {
        let archive = input.archive
        let root = [".."]
        var linkInto: [TweetID: ThreadLink] = [:]
        for link in thread.links { linkInto[link.from] = link }
        let members = Set(thread.tweets)
        var followUps = thread.followUps
        for f in input.followUps where members.contains(f.target) && !followUps.contains(f) { followUps.append(f) }
        followUps.sort { ($0.tweet, $0.target) < ($1.tweet, $1.target) }
        let position = Dictionary(thread.tweets.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })

        var facts: [(String, String)] = [
            ("Kind", thread.kind == .thread ? "thread" : "reply chain (a reply continued over several tweets)"),
            ("Author", "@" + thread.author.display),
            ("Parts", String(thread.length)),
            ("From", minute(thread.start) + " to " + minute(thread.end)),
            ("Numbering", thread.numbering.rawValue),
            (
                "Confidence",
                Escaping.number(thread.confidence, maxFractionDigits: 2)
                    + " (the weakest link)"
            ),
        ]
        if !thread.missingNumbers.isEmpty {
            facts.append(("Missing numbers", thread.missingNumbers.map(String.init).joined(separator: ", ")))
        }
        if !thread.repeatedNumbers.isEmpty {
            facts.append(("Repeated numbers", thread.repeatedNumbers.map(String.init).joined(separator: ", ")))
        }
        if !followUps.isEmpty { facts.append(("Follow-ups", String(followUps.count))) }
        var body: [HTML] = [
            .element(
                .dl, [.class("facts")],
                facts.flatMap {
                    [HTML.element(.dt, [], [.text($0.0)]), .element(.dd, [], [.text($0.1)])]
                })
        ]

        // The parts, with "missing" entries where the numbering skips.
        var items: [HTML] = []
        var pending = thread.missingNumbers.sorted()
        var previous: Int?
        for (k, id) in thread.tweets.enumerated() {
            let number = k < thread.numbers.count ? thread.numbers[k] : nil
            if let number {
                let skipped = pending.filter { n in n < number && (previous.map { p in n > p } ?? true) }
                for n in skipped { items.append(missingItem(n)) }
                pending.removeAll { skipped.contains($0) }
                previous = number
            }
            items.append(partItem(id, index: k, number: number, link: linkInto[id], archive: archive))
        }
        for n in pending { items.append(missingItem(n)) }
        body.append(
            .element(
                .section, [],
                [
                    .element(.h2, [], [.text("The thread")]),
                    .element(.ol, [.class("parts")], items),
                ]))

        if !followUps.isEmpty {
            body.append(
                .element(
                    .section, [],
                    [
                        .element(.h2, [], [.text("Follow-ups")]),
                        .element(.p, [], [.text("Later tweets that point back to this thread.")]),
                        .element(
                            .ul, [.class("parts")],
                            followUps.map { f in
                                let target = position[f.target].map { "part \($0 + 1)" } ?? "the thread"
                                return followUpItem(f, target: target, archive: archive)
                            }),
                    ]))
        }

        let diagram = ThreadDiagram(
            frame: ChartFrame(
                id: "diagram", title: "Diagram of the thread",
                summary: "\(thread.length) parts top to bottom; each connector shows the link's confidence "
                    + "(dashed below 0.9). Orange parts are promotions"
                    + (thread.missingNumbers.isEmpty ? "" : "; dashed boxes are missing numbers")
                    + (followUps.isEmpty ? "." : "; follow-ups hang below."),
                width: 420, height: 0),
            parts: thread.tweets.enumerated().map { k, id in
                .init(
                    number: k < thread.numbers.count ? thread.numbers[k] : nil,
                    text: archive[id]?.text ?? "", promotional: decisions[id] != nil)
            },
            confidences: thread.tweets.dropFirst().map { linkInto[$0]?.confidence ?? 1 },
            missing: thread.missingNumbers,
            followUps: followUps.map {
                .init(
                    text: archive[$0.tweet]?.text ?? "", target: position[$0.target] ?? 0,
                    confidence: $0.confidence)
            })
        var aside: [HTML] = [
            .element(.h2, [], [.text("Diagram")]), diagram.html,
            .element(.p, [.class("caption")], [.text(diagram.frame.summary)]),
        ]
        if let drawing = input.threadDrawings[thread.root] {
            aside.append(
                .element(
                    .p, [],
                    [
                        .element(
                            .a, [.href(.relative([".."] + drawing))],
                            [.text("The Graphviz drawing of this thread")])
                    ]))
        }
        body.append(.element(.section, [.class("diagram")], aside))
        let excerpt = ChartFrame.clipped(ThreadDiagram.oneLine(archive[thread.root]?.text ?? ""), 60)
        return page(title: "Thread: \(excerpt)", root: root, current: "", body)
    }

    func missingItem(_ number: Int) -> HTML {
        .element(.li, [.class("missing")], [.text("Part \(number) is missing: the numbering skips it.")])
    }

    func partItem(_ id: TweetID, index: Int, number: Int?, link: ThreadLink?, archive: Archive) -> HTML {
        let tweet = archive[id]
        var meta: [HTML] = [.element(.strong, [], [.text(number.map { "\($0)." } ?? "\(index + 1).")]), .text(" ")]
        if let tweet {
            meta.append(
                .element(.time, [HTMLAttribute(.datetime, tweet.createdAt.iso8601)], [.text(minute(tweet.createdAt))]))
            meta.append(.text(" · "))
        }
        if let url = HTMLLink.web(TweetLinks.status(id: id, author: tweet?.author)) {
            meta.append(.element(.a, [.href(url)], [.text("original tweet")]))
        }
        var children: [HTML] = [.element(.p, [.class("meta")], meta)]
        if let link {
            let weak = link.confidence < 0.9
            children.append(
                .element(
                    .p, [.class(weak ? "link weak" : "link")],
                    [
                        .text(
                            "Linked to the part before with confidence \(Escaping.number(link.confidence, maxFractionDigits: 2))"
                                + (weak ? " (below 0.9)" : "") + ": "),
                        .element(.span, [HTMLAttribute(.dir, "auto")], [.text(link.reason.description)]),
                    ]))
        }
        let decision = decisions[id]
        children.append(
            textBlock(
                tweet?.text ?? "(this tweet is not in the archive)",
                marking: decision?.evidence.map(\.match) ?? []))
        if let decision {
            children.append(
                .element(
                    .p, [.class("evidence")],
                    [
                        .element(
                            .strong, [],
                            [.text("Promotion: " + decision.categories.map(\.rawValue).joined(separator: ", "))]),
                        .text(" — evidence: "),
                        .element(
                            .span, [HTMLAttribute(.dir, "auto")],
                            [
                                .text(
                                    decision.evidence.map {
                                        "\($0.category.rawValue) (\($0.kind.rawValue) rule \"\($0.rule)\"): \"\($0.match)\""
                                    }.joined(separator: "; "))
                            ]),
                    ]))
        }
        return .element(.li, [.id("t\(id)"), .class(decision == nil ? "part" : "part promotion")], children)
    }

    func followUpItem(_ f: FollowUp, target: String, archive: Archive) -> HTML {
        let tweet = archive[f.tweet]
        var meta: [HTML] = [.element(.strong, [], [.text("Follow-up of \(target)")]), .text(" · ")]
        if let tweet {
            meta.append(
                .element(.time, [HTMLAttribute(.datetime, tweet.createdAt.iso8601)], [.text(minute(tweet.createdAt))]))
            meta.append(.text(" · "))
        }
        if let url = HTMLLink.web(TweetLinks.status(id: f.tweet, author: tweet?.author)) {
            meta.append(.element(.a, [.href(url)], [.text("original tweet")]))
        }
        let decision = decisions[f.tweet]
        return .element(
            .li, [.class(decision == nil ? "part follow-up" : "part follow-up promotion")],
            [
                .element(.p, [.class("meta")], meta),
                .element(
                    .p, [.class("link")],
                    [
                        .text("Confidence \(Escaping.number(f.confidence, maxFractionDigits: 2)): "),
                        .element(.span, [HTMLAttribute(.dir, "auto")], [.text(f.reason.description)]),
                    ]),
                textBlock(tweet?.text ?? "(not in the archive)", marking: decision?.evidence.map(\.match) ?? []),
            ])
    }
}
