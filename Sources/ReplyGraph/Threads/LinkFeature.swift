/// The evidence thread inference weighs for one candidate link "tweet *i* continues its author's earlier tweet
/// *j*". Each feature is a number (most are 0 or 1); ``LinkModel`` turns their weighted sum into a probability.
///
/// The features describe how people post threads, not one account: the gap (in bands, and relative to the
/// author's own typical gap between parts), how many of the author's tweets came in between, numbering and its
/// traps, the leading @-run compared with the candidate's, wording that opens, continues or closes a thread, and
/// how alike the two texts are.
package enum LinkFeature: Int, CaseIterable, Sendable {
    case bias
    // The gap, one band at a time (over a day is the reference).
    case gapUnder2s, gapUnder10s, gapUnder1m, gapUnder5m, gapUnder1h, gapUnder6h, gapUnder1d
    /// ln(1 + gap) minus the author's typical ln(1 + gap) between two consecutive tweets (the author's rhythm), in
    /// bands: over 1,100 times shorter (< −7), 150–1,100 times, 20–150, 3–20 times shorter, about the same, longer.
    case muchShorterThanUsual, farShorterThanUsual, shorterThanUsual, somewhatShorterThanUsual, asUsual
    /// ln(1 + gap) when the candidate's chain replies to someone else: a reply continued at once is a reply chain,
    /// one minutes later is more often an answer to the other side of a conversation.
    case replyChainGap
    /// The candidate is the author's latest tweet; or one or two to three of the author's tweets came in between.
    case latest, oneBetween, fewBetween
    // The leading @-run of the tweet.
    case selfMention, sameAddressees, newAddressees
    /// New addressees within ten seconds: nobody opens someone else's tweet and types a reply that fast, so the
    /// leading handle is the subject of a sentence ("@x wrote …"), not a reply.
    case newAddresseesInBurst
    /// The same words to new addressees: one answer pasted to several people, not a continuation.
    case sameTextNewAddressees
    /// The candidate addresses others and the tweet addresses no one.
    case candidateAddressesOthers
    /// The candidate's chain starts with a reply to someone else; and the tweet keeps those addressees.
    case chainIsReply, chainIsReplySameAddressees
    // Numbering, against the last number on the candidate's chain.
    case numberNext, numberNextDot, numberSkip, numberSecondAfterRoot, numberRestart, numberRestartDot, numberOff
    case numberUnanchored, totalChanges, afterComplete, unnumberedInNumbered
    // Wording.
    case opener, closer, continuationWord, startsLower, candidateEndsOpen
    /// The tweet is a source note ("Source: [1] https://…").
    case sourceNote
    /// Jaccard similarity of the two texts' words; the candidate is the most similar one (at least 0.3).
    case similarity, mostSimilar
    case sameScript
    /// The candidate already has a continuation.
    case candidateHasChild

    package static let count = allCases.count

    /// Where the fit starts and what the L2 penalty pulls towards: 0 for most features, and for the cues whose
    /// meaning is fixed by how threads are written, a log-odds that says so. A cue seen often in the training
    /// archives ends where the data puts it; a rare one (a numbering restart, a changed total) keeps its meaning
    /// instead of shrinking to nothing.
    package var prior: Double {
        switch self {
        case .numberNext: 3 // the strongest cue a text archive has
        case .numberNextDot, .numberSkip, .numberSecondAfterRoot: 1.5
        case .numberRestart: -5 // part 1 again: a new thread
        case .numberRestartDot: -1 // lists restart inside threads
        case .numberOff: -2 // numbers going back or jumping: another sequence
        case .totalChanges: -3 // "2/3" after "1/2": another thread
        case .afterComplete: -1.5 // the thread said it was complete
        case .selfMention: 2 // a self-reply written out
        case .newAddressees: -2 // a reply to someone else
        case .sameTextNewAddressees: -3
        case .closer: 2 // "I hope you've found this thread helpful" ends its thread
        case .candidateHasChild: -2 // threads branch, but rarely
        default: 0
        }
    }

    /// A stable snake_case name, used in the fitted coefficient table and in `evaluate --format json`.
    package var name: String {
        switch self {
        case .bias: "bias"
        case .gapUnder2s: "gap_under_2s"
        case .gapUnder10s: "gap_under_10s"
        case .gapUnder1m: "gap_under_1m"
        case .gapUnder5m: "gap_under_5m"
        case .gapUnder1h: "gap_under_1h"
        case .gapUnder6h: "gap_under_6h"
        case .gapUnder1d: "gap_under_1d"
        case .muchShorterThanUsual: "much_shorter_than_usual"
        case .farShorterThanUsual: "far_shorter_than_usual"
        case .shorterThanUsual: "shorter_than_usual"
        case .somewhatShorterThanUsual: "somewhat_shorter_than_usual"
        case .asUsual: "as_usual"
        case .replyChainGap: "reply_chain_gap"
        case .latest: "latest"
        case .oneBetween: "one_between"
        case .fewBetween: "few_between"
        case .selfMention: "self_mention"
        case .sameAddressees: "same_addressees"
        case .newAddressees: "new_addressees"
        case .newAddresseesInBurst: "new_addressees_in_burst"
        case .sameTextNewAddressees: "same_text_new_addressees"
        case .candidateAddressesOthers: "candidate_addresses_others"
        case .chainIsReply: "chain_is_reply"
        case .chainIsReplySameAddressees: "chain_is_reply_same_addressees"
        case .numberNext: "number_next"
        case .numberNextDot: "number_next_dot"
        case .numberSkip: "number_skip"
        case .numberSecondAfterRoot: "number_second_after_root"
        case .numberRestart: "number_restart"
        case .numberRestartDot: "number_restart_dot"
        case .numberOff: "number_off"
        case .numberUnanchored: "number_unanchored"
        case .totalChanges: "total_changes"
        case .afterComplete: "after_complete"
        case .unnumberedInNumbered: "unnumbered_in_numbered"
        case .opener: "opener"
        case .closer: "closer"
        case .continuationWord: "continuation_word"
        case .startsLower: "starts_lower"
        case .candidateEndsOpen: "candidate_ends_open"
        case .sourceNote: "source_note"
        case .similarity: "similarity"
        case .mostSimilar: "most_similar"
        case .sameScript: "same_script"
        case .candidateHasChild: "candidate_has_child"
        }
    }
}

/// Receives the features of one candidate link that are not zero, each once.
protocol LinkFeatureSink {
    mutating func add(_ feature: LinkFeature, _ value: Double)
}

/// Sums the weighted features: how inference scores a candidate without building its vector.
struct ScoreSink: LinkFeatureSink {
    let weights: [Double]
    var sum = 0.0

    init(weights: [Double]) {
        self.weights = weights
        sum = weights[LinkFeature.bias.rawValue]
    }

    @inline(__always) mutating func add(_ feature: LinkFeature, _ value: Double) {
        sum += weights[feature.rawValue] * value
    }
}

/// One candidate's feature values, indexed by ``LinkFeature``; reused from candidate to candidate.
package struct LinkFeatures: Sendable, LinkFeatureSink {
    package var values: [Double]

    package init() { values = [Double](repeating: 0, count: LinkFeature.count) }

    package subscript(feature: LinkFeature) -> Double {
        get { values[feature.rawValue] }
        set { values[feature.rawValue] = newValue }
    }

    mutating func add(_ feature: LinkFeature, _ value: Double) { values[feature.rawValue] = value }

    package mutating func reset() {
        for k in values.indices { values[k] = 0 }
        values[LinkFeature.bias.rawValue] = 1
    }
}

/// The numbering along a chain up to one of its tweets: the last number seen, its style and total.
struct ChainNumbering: Sendable {
    var lastNumber: Int32 = 0
    var total: Int32 = 0
    var style: NumberingStyle = .none
    /// Tweets on the path from the root, and how many of them show a number.
    var length: Int32 = 1
    var numbered: Int32 = 0

    init() {}

    init(root marker: NumberingMarker?) {
        if let marker { record(marker) }
    }

    /// The state after a tweet that shows `marker` (or none) continues this one.
    func continued(by marker: NumberingMarker?) -> ChainNumbering {
        var next = self
        next.length += 1
        if let marker { next.record(marker) }
        return next
    }

    private mutating func record(_ marker: NumberingMarker) {
        lastNumber = Int32(marker.number)
        style = marker.style
        numbered += 1
        if let t = marker.total { total = Int32(t) }
    }
}
