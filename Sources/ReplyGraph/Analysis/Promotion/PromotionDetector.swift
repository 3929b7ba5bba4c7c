import Dispatch

/// Why a tweet was put in a category: the rule that matched and where.
package struct PromotionEvidence: Hashable, Sendable, Encodable {
    package var category: PromotionCategory
    /// `phrase`, `pattern` or `domain`.
    package var kind: PromotionRules.Rule.Kind
    /// The rule's source text.
    package var rule: String
    /// The matched words as they appear in the tweet (the link for `domain` rules).
    package var match: String
    /// Offset of the match in Unicode scalars from the start of the text.
    package var offset: Int
    /// `offset` relative to the text length, in [0, 1]: calls to action tend to sit at the end.
    package var relativePosition: Double

    enum CodingKeys: String, CodingKey {
        case category, kind, rule, match, offset
        case relativePosition = "relative_position"
    }
}

/// The categories of one tweet, with evidence.
public struct PromotionDecision: Hashable, Sendable, Encodable {
    /// The tweet.
    public var id: TweetID
    /// The categories whose score reached their threshold, sorted; empty for a plain tweet.
    public var categories: [PromotionCategory]
    package var evidence: [PromotionEvidence]
    /// Score per category that reached its threshold.
    package var scores: [PromotionCategory: Double]

    /// Whether any category matched.
    public var isPromotion: Bool { !categories.isEmpty }

    enum CodingKeys: String, CodingKey { case id, categories, evidence }
    /// Encodes the decision as the `promotions --json` output has it.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id.description, forKey: .id)
        try c.encode(categories, forKey: .categories)
        try c.encode(evidence, forKey: .evidence)
    }
}

/// Classifies tweets into promotion categories with a ``PromotionRules`` set.
///
///     let detector = PromotionDetector()
///     detector.classify(tweet).categories   // ["newsletter"] for "Subscribe to our weekly newsletter: https://…"
///
/// Retweets are never self-promotion. By default styled letters (𝐅𝐨𝐥𝐥𝐨𝐰 𝐦𝐞) are *not* folded before matching: the
/// hand labels treat styled headlines as decoration (e.g. a LinkedIn "𝐅𝐨𝐥𝐥𝐨𝐰 𝐦𝐞 & comment" is not a Twitter follow
/// request), and folding them costs precision on the visible labels; set `foldStyledLetters` to read them.
public struct PromotionDetector: Sendable {
    package var rules: PromotionRules
    package var foldStyledLetters: Bool

    /// A detector for `rules`; `foldStyledLetters` reads 𝗯𝗼𝗹𝗱 and 𝘪𝘵𝘢𝘭𝘪𝘤 letters as plain ones.
    public init(rules: PromotionRules = .builtIn, foldStyledLetters: Bool = false) {
        self.rules = rules
        self.foldStyledLetters = foldStyledLetters
    }

    /// The categories and evidence for one tweet.
    ///
    /// - Complexity: O(r · t) for r rules and t tokens (rules have small bounded gaps).
    public func classify(_ tweet: Tweet) -> PromotionDecision {
        classify(tweet, filter: nil)
    }

    /// The rules' patterns numbered for a ``PromotionPrefilter``: per category, its excludes, then its pattern
    /// rules (`nil` for domain rules); then any other patterns the same scan is to answer for (`extraSlots`).
    struct Compiled: Sendable {
        let filter: PromotionPrefilter
        let excludeSlots: [[Int]]
        let ruleSlots: [[Int?]]
        /// The slots of the pattern rules that give evidence (positive weight), all categories together.
        let evidenceSlots: [Int]
        /// The domains of the domain rules that give evidence.
        let evidenceDomains: [String]
        /// The slots of the `extra` patterns, after the rules'.
        let extraSlots: Range<Int>

        init(_ rules: PromotionRules, extra: [PromotionPattern] = []) {
            var patterns: [PromotionPattern] = []
            var excludeSlots: [[Int]] = []
            var ruleSlots: [[Int?]] = []
            var evidenceSlots: [Int] = []
            var evidenceDomains: [String] = []
            for category in rules.categories {
                excludeSlots.append(
                    category.exclude.map {
                        patterns.append($0)
                        return patterns.count - 1
                    })
                ruleSlots.append(
                    category.rules.map { rule in
                        var slot: Int? = nil
                        if let pattern = rule.pattern {
                            patterns.append(pattern)
                            slot = patterns.count - 1
                        }
                        if rule.weight > 0 {
                            switch rule.kind {
                            case .phrase, .pattern: if let slot { evidenceSlots.append(slot) }
                            case .domain: if let domain = rule.domain { evidenceDomains.append(domain) }
                            }
                        }
                        return slot
                    })
            }
            extraSlots = patterns.count..<(patterns.count + extra.count)
            filter = PromotionPrefilter(patterns: patterns + extra)
            self.excludeSlots = excludeSlots
            self.ruleSlots = ruleSlots
            self.evidenceSlots = evidenceSlots
            self.evidenceDomains = evidenceDomains
        }
    }

    /// ``classify(_:)``, skipping the patterns that `filter` rules out for the tweet's text (from `scan`, when
    /// the caller has scanned it already), and the tokenizing too when no rule that adds evidence is left: the same
    /// decision, sooner.
    func classify(
        _ tweet: Tweet, filter compiled: Compiled?, scan: PromotionPrefilter.Found? = nil
    ) -> PromotionDecision {
        var decision = PromotionDecision(id: tweet.id, categories: [], evidence: [], scores: [:])
        if tweet.isRetweet { return decision }
        var hosts: [String]? = nil
        // Only a rule of positive weight gives evidence, and a category needs evidence.
        var found: PromotionPrefilter.Found? = nil
        if let compiled, !foldStyledLetters {
            let scan = scan ?? compiled.filter.scan(tweet)
            var evidencePossible = compiled.evidenceSlots.contains(where: scan.mayMatch)
            if !evidencePossible, !compiled.evidenceDomains.isEmpty, !tweet.entities.urls.isEmpty {
                let found = tweet.entities.urls.map { Self.host(of: $0.value) }
                hosts = found
                evidencePossible = compiled.evidenceDomains.contains { domain in
                    found.contains { $0 == domain || $0.hasSuffix("." + domain) }
                }
            }
            guard evidencePossible else { return decision }
            found = scan
        }
        func mayMatch(_ slot: Int?) -> Bool {
            guard let found, let slot else { return true }
            return found.mayMatch(slot)
        }
        let text = tweet.text // built once: the tweet keeps its text as UTF-8
        let tokens = PromotionText.tokens(in: text, foldStyled: foldStyledLetters)
        let words = Set(tokens.map(\.text))
        var scalars: [Unicode.Scalar]? = nil
        let length = max(1, text.unicodeScalars.count)
        // Rules and patterns are read in place through spans: copying one out (as `for rule in rules` does) retains
        // and releases each of its fields, for every rule of every tweet the prefilter lets through.
        for (c, category) in rules.categories.enumerated() {
            let excludes = category.exclude.span
            var excluded = false
            for k in excludes.indices
            where mayMatch(compiled?.excludeSlots[c][k]) && excludes[k].mayMatch(words: words)
                && excludes[k].firstMatch(in: tokens) != nil
            {
                excluded = true
                break
            }
            if excluded { continue }
            var score = 0.0
            var evidence: [PromotionEvidence] = []
            let categoryRules = category.rules.span
            for r in categoryRules.indices {
                let weight = categoryRules[r].weight
                switch categoryRules[r].kind {
                case .phrase, .pattern:
                    guard mayMatch(compiled?.ruleSlots[c][r]),
                        categoryRules[r].pattern?.mayMatch(words: words) == true,
                        let range = categoryRules[r].pattern?.firstMatch(in: tokens)
                    else { continue }
                    score += weight
                    // Negative rules lower the score but are not evidence for the category.
                    guard weight > 0 else { continue }
                    if scalars == nil { scalars = Array(text.unicodeScalars) }
                    let start = tokens[range.lowerBound].start
                    let end = tokens[range.upperBound - 1].end
                    var match = String.UnicodeScalarView()
                    match.append(contentsOf: scalars![start..<end])
                    evidence.append(
                        PromotionEvidence(
                            category: category.name, kind: categoryRules[r].kind,
                            rule: categoryRules[r].pattern?.source ?? "", match: String(match), offset: start,
                            relativePosition: Double(start) / Double(length)))
                case .domain:
                    guard let domain = categoryRules[r].domain else { continue }
                    if hosts == nil { hosts = tweet.entities.urls.map { Self.host(of: $0.value) } }
                    guard let k = hosts!.firstIndex(where: { $0 == domain || $0.hasSuffix("." + domain) }) else {
                        continue
                    }
                    score += weight
                    guard weight > 0 else { continue }
                    let url = tweet.entities.urls[k]
                    evidence.append(
                        PromotionEvidence(
                            category: category.name, kind: .domain, rule: domain, match: url.value,
                            offset: url.range.lowerBound,
                            relativePosition: Double(url.range.lowerBound) / Double(length)))
                }
            }
            if !evidence.isEmpty && score * category.weight >= category.threshold {
                decision.categories.append(category.name)
                decision.evidence += evidence
                decision.scores[category.name] = score * category.weight
            }
        }
        return decision
    }

    /// Decisions for every tweet of an archive, in archive order. Each tweet is classified on its own, so large
    /// archives are split across the cores; the result is the same as classifying them one by one.
    ///
    /// The rules are compiled once into a prefilter: a tweet none of whose evidence-giving patterns
    /// can match (most tweets) is decided from one pass over its bytes, without tokenizing it.
    ///
    /// - Complexity: O(n · r · t) work for n tweets, divided among the cores.
    public func classify(_ tweets: [Tweet]) -> [PromotionDecision] {
        let n = tweets.count
        let compiled = Compiled(rules)
        guard n >= 4_096 else { return tweets.map { classify($0, filter: compiled) } }
        let detector = self
        return Parallel.map(n, chunks: 64) { detector.classify(tweets[$0], filter: compiled) }
    }

    /// The promotional decisions among `tweets` with their positions, and the positions of the tweets one of
    /// `closers` matches (a closer matches a text when ``PromotionPattern/firstMatch(in:)`` finds it in the text's
    /// ``PromotionText/tokens(in:foldStyled:)``): one scan of each text's bytes serves the rules and the closers.
    /// Large inputs are split across the cores; both lists are in tweet order.
    ///
    /// - Complexity: O(n · r · t) work for n tweets, divided among the cores.
    func promotions(
        in tweets: [Tweet], closers: [PromotionPattern]
    ) -> (promotional: [(index: Int, decision: PromotionDecision)], closers: [Int]) {
        let compiled = Compiled(rules, extra: closers)
        let detector = self
        let parts = tweets.count >= 4_096 ? 64 : 1
        let found = Parallel.map(parts, chunks: parts) { part in
            var promotional: [(index: Int, decision: PromotionDecision)] = []
            var closerIndices: [Int] = []
            for i in Parallel.chunk(part, of: parts, count: tweets.count) {
                let tweet = tweets[i]
                let scan = detector.foldStyledLetters ? nil : compiled.filter.scan(tweet)
                let decision = detector.classify(tweet, filter: compiled, scan: scan)
                if decision.isPromotion { promotional.append((i, decision)) }
                if Self.matchesAny(closers, tweet.text, slots: compiled.extraSlots, scan: scan) {
                    closerIndices.append(i)
                }
            }
            return (promotional, closerIndices)
        }
        return (found.flatMap(\.0), found.flatMap(\.1))
    }

    /// Whether one of `patterns` matches the text's tokens, trying only those whose slots `scan` allows (all
    /// without a scan); the text is not made or tokenized when none is allowed.
    static func matchesAny(
        _ patterns: [PromotionPattern], _ text: @autoclosure () -> String, slots: Range<Int>,
        scan: PromotionPrefilter.Found?
    ) -> Bool {
        func allowed(_ k: Int) -> Bool { scan?.mayMatch(slots.lowerBound + k) ?? true }
        guard patterns.indices.contains(where: allowed) else { return false }
        let tokens = PromotionText.tokens(in: text())
        return patterns.indices.contains { k in allowed(k) && patterns[k].firstMatch(in: tokens) != nil }
    }

    /// The categories of the promotional tweets among `ids`, e.g. to colour a thread's parts.
    ///
    ///     detector.categories(of: thread.tweets, in: archive)   // [id: [.newsletter], ...]
    ///
    /// - Complexity: O(k·t) for k ids of t bytes of text each.
    public func categories(of ids: [TweetID], in archive: Archive) -> [TweetID: [PromotionCategory]] {
        var result: [TweetID: [PromotionCategory]] = [:]
        let tweets = ids.compactMap { archive[$0] }
        for decision in classify(tweets) where decision.isPromotion {
            result[decision.id] = decision.categories
        }
        return result
    }

    /// The lower-cased host of a URL (`https://www.YouTube.com/x` → `www.youtube.com`): what follows the first
    /// `://` (or the start), up to the first `/`, `?`, `#` or `:`, read as bytes.
    static func host(of url: String) -> String {
        let bytes = url.utf8
        var start = bytes.startIndex
        var i = bytes.startIndex
        var matched = 0 // bytes of "://" matched so far
        while i != bytes.endIndex {
            let b = bytes[i]
            matched = b == 0x3A ? 1 : (matched > 0 && b == 0x2F ? matched + 1 : 0)
            bytes.formIndex(after: &i)
            if matched == 3 {
                start = i
                break
            }
        }
        let end =
            bytes[start...].firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 || $0 == 0x3A } ?? bytes.endIndex
        return Handle.fold(url[start..<end])
    }
}
