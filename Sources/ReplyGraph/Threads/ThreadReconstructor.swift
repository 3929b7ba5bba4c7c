import Dispatch
import Foundation

/// Reconstructs threads (self-continuation chains) and follow-ups from an archive.
///
///     let result = ThreadReconstructor().reconstruct(archive)
///     result.threads.first?.links.first?.reason.description   // "reply-id", or e.g. "burst:1s+numbered:1->2"
///
/// Explicit links come first: a reply whose parent id is the author's own earlier tweet continues it with
/// confidence 1 (`reply-id`). Where ids are missing (twint text, or a parent absent from the archive) each tweet is
/// compared with its author's recent tweets — at most ``maxCandidates``, posted within ``ThreadOptions/maxGap`` —
/// and ``LinkModel`` gives each candidate a calibrated probability; the most likely candidate becomes the parent if
/// it reaches ``ThreadOptions/minConfidence``. A tweet has at most one parent; a tweet may have several
/// continuations (real threads branch). Archives that state reply ids for every tweet (API v2, account exports)
/// are taken as they are. Retweets are never parts. Threads never cross authors.
///
/// The model adapts to the archive at hand: an author who types one tweet at a time and one who posts with a thread
/// composer leave different gaps between parts. A first pass links each tweet to its author's latest tweet where
/// the model is sure, and the median of those gaps (shrunk towards the training authors' typical gap) is the
/// author's own typical gap, against which ``LinkFeature/relativeGap`` measures every candidate.
///
/// - Complexity: O(n log n) for n tweets (a sort when the archive is not in time order, else O(n)); each tweet is
///   scored against at most ``maxCandidates`` candidates.
package struct ThreadReconstructor: Sendable {
    package var options: ThreadOptions

    /// How many of the author's recent tweets a tweet is compared with.
    package static let maxCandidates = 10

    package init(options: ThreadOptions = ThreadOptions()) { self.options = options }

    /// Threads of two or more tweets, ordered by root id, and follow-ups ordered by tweet id.
    package func reconstruct(_ archive: Archive) -> (threads: [TweetThread], followUps: [FollowUp]) {
        let result = run(archive)
        return (result.threads, result.followUps)
    }

    /// The full result: per-tweet parent links as well as threads and follow-ups.
    func run(_ archive: Archive, model: LinkModel = .fitted) -> Reconstruction {
        var state = ReconstructionState(archive: archive, options: options, model: model)
        state.linkAll()
        return state.finish()
    }
}

/// What ``ThreadReconstructor`` found, indexed by archive position.
struct Reconstruction: Sendable {
    /// Threads ordered by root id.
    var threads: [TweetThread]
    var followUps: [FollowUp]
    /// For each archive tweet, the index of the thread it belongs to, or -1.
    var threadIndex: ContiguousArray<Int32>
    /// For each archive tweet, the archive index of the tweet it continues, or -1.
    var parent: ContiguousArray<Int32>
    var confidence: ContiguousArray<Float>
    /// For each archive tweet, a dense index of its author (`0..<authorCount`), in order of first appearance.
    var authorOf: ContiguousArray<Int32>
    var authorCount: Int
}

/// A self-continuation chain of one author (a thread once it has two tweets).
struct Chain {
    var root: Int32
    var length: Int32 = 1
    /// The root replies to someone else: the chain is a reply chain, not a thread.
    var rootIsReply: Bool
}

/// How the reconstruction decides each tweet's parent.
enum LinkDecision {
    /// By the model (inference).
    case infer
    /// By the truth (archive indices, -1 for none), scoring the candidates on the way: the model is fitted on what
    /// the decoder sees when every earlier decision was right.
    case truth(ContiguousArray<Int32>)
}

/// One scored candidate: the tweet, the candidate parent, the raw score and the features (kept when fitting).
package struct ScoredCandidate: Sendable {
    package var child: Int32
    package var candidate: Int32
    package var score: Double
    package var features: [Double]
}

struct ReconstructionState {
    let archive: Archive
    let options: ThreadOptions
    let model: LinkModel
    let tweets: [Tweet]
    let authorOf: ContiguousArray<Int32>
    let authorKeys: [String]
    /// Per tweet: creation time in milliseconds, and whether its leading @-run addresses someone else.
    let times: DecisionColumn<Int64>
    let othersLead: DecisionColumn<Bool>
    /// Per tweet: whether it is a retweet, and its conversation id (0 for none), read once instead of through the
    /// tweet in the decoding loop. The conversation column is empty when no tweet states an id: read it through
    /// ``conversationID(_:)``.
    let isRetweet: DecisionColumn<Bool>
    let conversation: DecisionColumn<UInt64>
    /// Archive indices in posting order.
    let order: ContiguousArray<Int32>
    let idsComplete: Bool
    // The decisions, one slot per tweet, written in place by the decoding parts (see ``DecisionColumn``).
    let parent: DecisionColumn<Int32>
    let confidence: DecisionColumn<Float>
    let reason: DecisionColumn<ThreadLink.Reason>
    let chainOf: DecisionColumn<Int32>
    var chains: [Chain] = []
    let markers: MarkerColumn
    /// Each tweet's cues with bit 15 set once read (``readCues(_:)``): only for tweets whose wording can change a
    /// decision, and for follow-ups.
    let cueCache: DecisionColumn<UInt16>
    /// The raw score a link needs, and the most the wording features can add to a score: when the best score
    /// without wording plus that falls short, no link is possible and no wording is read. `nil` when the model's
    /// calibration does not allow the bound.
    let wordingBound: (threshold: Double, most: Double)?
    var facts: DecisionColumn<TweetFacts>
    /// The numbering along each tweet's chain up to it, and whether something continues it.
    var numbering: DecisionColumn<ChainNumbering>
    let hasChild: DecisionColumn<Bool>
    /// Each author's recent non-retweets, newest last: author `a` owns `recent[a * maxCandidates ..< a *
    /// maxCandidates + recentCount[a]]`, and `ownRank` numbers each author's tweets in posting order.
    var recent: ContiguousArray<Int32>
    var recentCount: ContiguousArray<Int32>
    var ownRank: DecisionColumn<Int32>
    var nextRank: ContiguousArray<Int32>
    /// Each author's typical ln(1 + gap) between thread parts (``LinkModel/typicalGap`` until adapted).
    var typicalGap: ContiguousArray<Double>
    var decision: LinkDecision = .infer
    /// When set, every scored candidate is recorded here (for evaluation and fitting).
    var log: [ScoredCandidate]?
    var keepFeatures = false
    private var scratch = LinkFeatures()
    /// Candidates and their scores without wording, reused from tweet to tweet (``inferReadingLess``).
    /// `latest` numbers them latest first.
    private var ranked: [(index: Int32, latest: Int32, base: Double)] = []

    init(archive: Archive, options: ThreadOptions, model: LinkModel = .fitted) {
        self.archive = archive
        self.options = options
        self.model = model
        tweets = archive.tweets
        let n = tweets.count
        let authorOf: ContiguousArray<Int32>
        let keys: [String]
        // Per-tweet facts depend on one tweet each: read them on all cores (each call writes its own index's slots).
        // (No text is read here: the texts are read in one pass below.)
        let timeColumn = DecisionColumn<Int64>(repeating: 0, count: n)
        let leadColumn = DecisionColumn<Bool>(repeating: false, count: n)
        let retweetColumn = DecisionColumn<Bool>(repeating: false, count: n)
        // Most archives state no conversation ids (twint's text never does): they keep no column for them.
        let statesConversations = tweets.contains { $0.conversationID != nil }
        let conversationColumn = DecisionColumn<UInt64>(repeating: 0, count: statesConversations ? n : 0)
        TweetWalk.forEach(of: archive) { tweets, _, i in
            timeColumn[i] = tweets[i].createdAt.milliseconds
            leadColumn[i] = Self.leadsWithOthers(tweets[i])
            retweetColumn[i] = tweets[i].isRetweet
            if statesConversations { conversationColumn[i] = tweets[i].conversationID?.rawValue ?? 0 }
        }
        // The columns are kept as they are, never copied: at ten million tweets a copy of each costs a gigabyte
        // of peak memory.
        let times = timeColumn
        let retweets = retweetColumn
        self.isRetweet = retweetColumn
        self.conversation = conversationColumn
        (authorOf, keys) = Self.authors(of: tweets)
        self.authorOf = authorOf
        self.authorKeys = keys
        self.times = timeColumn
        self.othersLead = leadColumn
        var order = ContiguousArray<Int32>((0..<Int32(n)))
        let tweets = self.tweets
        var sorted = true
        for k in 1..<max(n, 1) where tweets[k].createdAt < tweets[k - 1].createdAt {
            sorted = false
            break
        }
        if !sorted {
            order.sort { a, b in
                let x = tweets[Int(a)]
                let y = tweets[Int(b)]
                return x.createdAt != y.createdAt ? x.createdAt < y.createdAt : x.id < y.id
            }
        }
        self.order = order
        // Wording and word sets only for tweets that can be linked at all: those with a tweet of their author
        // within `maxGap` before or after them (the others are never scored).
        var last = ContiguousArray<Int32>(repeating: -1, count: keys.count)
        var needed = ContiguousArray<Bool>(repeating: false, count: n)
        let reach = Int64(options.maxGap * 1000)
        for position in order {
            let i = Int(position)
            guard !retweets[i] else { continue }
            let a = Int(authorOf[i])
            let p = Int(last[a])
            if p >= 0 && times[i] - times[p] <= reach {
                needed[p] = true
                needed[i] = true
            }
            last[a] = Int32(i)
        }
        // Every text is read once, on all cores: its numbering marker, and for the tweets that can be linked its
        // word set and wording, while the text is in the cache (read later, one tweet at a time, a text costs a trip
        // to memory). Tweets outside the set have their wording read on first use, by `readCues`.
        let markerColumn = MarkerColumn(count: n)
        let factColumn = DecisionColumn<TweetFacts>(repeating: TweetFacts(), count: n)
        let cueCache = DecisionColumn<UInt16>(repeating: 0, count: n)
        let authorBits = ContiguousArray(keys.map(TweetFacts.handleBit))
        let neededList = needed
        let authorList = authorOf
        TweetWalk.forEach(of: archive) { _, text, i in
            markerColumn[i] = NumberingMarker.parse(utf8: text)
            guard neededList[i] else { return }
            factColumn[i] = TweetFacts(utf8: text, author: authorBits[Int(authorList[i])])
            cueCache[i] = TextCues(utf8: text).rawValue | 0x8000
        }
        idsComplete = Self.archiveStatesReplyIDs(archive)
        parent = DecisionColumn(repeating: -1, count: n)
        confidence = DecisionColumn(repeating: 0, count: n)
        reason = DecisionColumn(repeating: .unlinked, count: n)
        chainOf = DecisionColumn(repeating: -1, count: n)
        self.markers = markerColumn
        self.cueCache = cueCache
        wordingBound = Self.wordingBound(model, minConfidence: options.minConfidence)
        self.facts = factColumn
        numbering = DecisionColumn(repeating: ChainNumbering(), count: n)
        hasChild = DecisionColumn(repeating: false, count: n)
        recent = ContiguousArray(repeating: -1, count: keys.count * ThreadReconstructor.maxCandidates)
        recentCount = ContiguousArray(repeating: 0, count: keys.count)
        ownRank = DecisionColumn(repeating: 0, count: n)
        nextRank = ContiguousArray(repeating: 0, count: keys.count)
        typicalGap = ContiguousArray(repeating: model.typicalGap, count: keys.count)
    }

    /// Each tweet's author as a dense index, in order of first appearance, and each author's key.
    ///
    /// A million authors make each lookup a trip to memory, so large archives are interned on all cores: each
    /// contiguous part gets its own index, the later parts' authors are then looked up in the first part's in
    /// order (which keeps the order of first appearance), and the parts' indices are renumbered in place.
    static func authors(of tweets: [Tweet]) -> (ContiguousArray<Int32>, [String]) {
        let n = tweets.count
        let parts = n >= parallelThreshold ? Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8) : 1
        let column = DecisionColumn<Int32>(repeating: 0, count: n)
        let local = Parallel.map(parts, chunks: parts) { p in
            var index = StringIndex()
            var keys: [String] = []
            let list = tweets.span
            for i in Parallel.chunk(p, of: parts, count: n) {
                let key = list[i].author.key
                if let a = index.id(of: key) {
                    column[i] = a
                } else {
                    let a = Int32(keys.count)
                    index.add(key, id: a)
                    keys.append(key)
                    column[i] = a
                }
            }
            return (index: index, keys: keys)
        }
        guard var (index, keys) = local.first else { return ([], []) }
        var renumbered: [[Int32]] = [[]]
        for part in local.dropFirst() {
            renumbered.append(
                part.keys.map { key in
                    if let a = index.id(of: key) { return a }
                    let a = Int32(keys.count)
                    index.add(key, id: a)
                    keys.append(key)
                    return a
                })
        }
        if parts > 1 {
            let renumber = renumbered
            Parallel.forEachChunk(of: n, chunks: parts) { range, p in
                guard p > 0 else { return }
                for i in range { column[i] = renumber[p][Int(column[i])] }
            }
        }
        return (column.array, keys)
    }

    /// Whether every tweet's reply parent is stated (so a tweet without one is not a reply): all inputs are API v2
    /// or account exports, or — for archives built in code — some tweet carries a parent id.
    static func archiveStatesReplyIDs(_ archive: Archive) -> Bool {
        let formats = archive.inputs.compactMap(\.format)
        if !formats.isEmpty {
            return formats.allSatisfy { $0 == .twitterAPIv2 || $0 == .accountExport }
        }
        return archive.inputs.isEmpty && archive.tweets.contains { $0.inReplyToID != nil }
    }

    /// Tweet `i`'s conversation id, 0 for none (an archive that states none keeps no column).
    func conversationID(_ i: Int) -> UInt64 { conversation.count == 0 ? 0 : conversation[i] }

    /// The wording of a tweet already read by ``readCues(_:)``.
    func cues(_ i: Int) -> TextCues { TextCues(rawValue: cueCache[i] & 0x7FFF) }

    static let wordingFeatures: [LinkFeature] = [.opener, .closer, .continuationWord, .sourceNote]

    static func wordingBound(_ model: LinkModel, minConfidence: Double) -> (threshold: Double, most: Double)? {
        guard model.slope > 0, minConfidence > 0, minConfidence < 1 else { return nil }
        let logit = Foundation.log(minConfidence / (1 - minConfidence))
        let most = wordingFeatures.reduce(0) { $0 + Swift.max(0, model.weights[$1.rawValue]) }
        return ((logit - model.intercept) / model.slope, most)
    }

    /// The wording of any tweet, read and kept on first use (follow-ups look further than links do).
    func readCues(_ i: Int) -> TextCues {
        if cueCache[i] & 0x8000 == 0 { cueCache[i] = tweets[i].withUTF8Span(TextCues.init(utf8:)).rawValue | 0x8000 }
        return cues(i)
    }

    func time(_ i: Int) -> Int64 { times[i] }

    func leadsWithOthers(_ i: Int) -> Bool { othersLead[i] }

    /// Whether the tweet's leading @-run addresses someone other than its author (a reply to others by text).
    ///
    /// Borrows the tweet (as ``TweetWalk``'s span lends it), and is inlined so that the borrow stays a read in
    /// place: no copy, so no retain of its fields.
    @inline(__always)
    static func leadsWithOthers(_ t: borrowing Tweet) -> Bool {
        guard t.isReply else { return false } // one inline flag for most tweets
        if let user = t.inReplyToUser, user != t.author { return true }
        guard t.entities.replyToCount > 0 else { return false }
        return !t.entities.firstReplyTo(is: t.author) // from the name's bytes, no `String`
    }

    /// Whether two handle spellings are the same handle: `Handle.fold(a) == Handle.fold(b)`, compared byte by byte
    /// without building the folded copies (handles are ASCII; other text falls back to the folded strings).
    static func sameHandle(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        let ascii: Bool? = a.withUTF8 { x in
            b.withUTF8 { y in
                if x.count != y.count { return x.allSatisfy { $0 < 0x80 } && y.allSatisfy { $0 < 0x80 } ? false : nil }
                for k in 0..<x.count {
                    let p = x[k]
                    let q = y[k]
                    if p | q >= 0x80 { return nil }
                    if p != q && Handle.fold(p) != Handle.fold(q) { return false }
                }
                return true
            }
        }
        return ascii ?? (Handle.fold(a) == Handle.fold(b))
    }

    /// Links every tweet: adapts to each author's habits first (when inferring), then decides in posting order.
    mutating func linkAll() {
        if options.inference && !idsComplete { adaptTypicalGaps() }
        let parts = Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8, authorKeys.count)
        guard parts >= 2, log == nil, tweets.count >= Self.parallelThreshold else {
            link(part: 0, of: 1)
            return
        }
        // Authors never share a chain: each part decodes every `parts`-th author on its own copy of the state. The
        // copies share the decision columns, which each part writes only for its own authors' tweets; the rest of a
        // copy (its chains, its authors' recent tweets) is its own until the chains are put together.
        // The columns are `DecisionColumn`s, whose disjoint writes make the shared storage safe (its invariant).
        let base = self
        let partChains = Parallel.map(parts, chunks: parts) { p in
            var copy = base
            copy.link(part: p, of: parts)
            return copy.chains
        }
        // Chain numbers were each part's own: shift them to where its chains land in the whole list.
        var offsets = [Int32](repeating: 0, count: parts)
        chains = []
        for p in 0..<parts {
            offsets[p] = Int32(chains.count)
            chains += partChains[p]
        }
        for i in 0..<tweets.count {
            let offset = offsets[Int(authorOf[i]) % parts]
            if offset != 0 && chainOf[i] >= 0 { chainOf[i] += offset }
        }
    }

    /// Archives with fewer tweets are decoded on one core.
    static let parallelThreshold = 50_000

    /// Decodes the tweets of the authors `a` with `a % parts == part`, in posting order.
    mutating func link(part: Int, of parts: Int) {
        for position in order.indices {
            let i = Int(order[position])
            if parts > 1 && Int(authorOf[i]) % parts != part { continue }
            if isRetweet[i] {
                // Someone else's words: never a thread part, and nothing continues it.
                startChain(i, isReply: true)
                continue
            }
            defer { remember(i) }
            if case .truth(let truth) = decision {
                _ = infer(i, before: nil)
                let p = Int(truth[i])
                if p >= 0 && chainOf[p] >= 0 {
                    attach(i, to: p, confidence: 1, reason: ThreadLink.Reason(basis: .truth))
                } else {
                    startChain(i, isReply: leadsWithOthers(i))
                }
                continue
            }
            if let pid = tweets[i].inReplyToID {
                let author = tweets[i].author
                if let j = archive.index(of: pid), chainOf[j] >= 0, j != i {
                    if tweets[j].author == author {
                        attach(i, to: j, confidence: 1, reason: ThreadLink.Reason(basis: .replyID))
                    } else {
                        startChain(i, isReply: true)
                    }
                    continue
                }
                // The parent is absent (deleted, not scraped) or out of order: infer only when it was our own.
                let parentAuthor = tweets[i].inReplyToUser ?? archive.externalTweets[pid]?.author
                if options.inference, parentAuthor == author || parentAuthor == nil && !idsComplete {
                    linkInferred(i, before: pid)
                } else {
                    startChain(i, isReply: parentAuthor != author)
                }
                continue
            }
            if options.inference && !idsComplete {
                linkInferred(i, before: nil)
            } else {
                startChain(i, isReply: leadsWithOthers(i))
            }
        }
    }

    /// Attaches `i` to its most likely candidate when that reaches the minimum confidence, else starts a chain.
    ///
    /// Two things the archive states outright overrule the model: a conversation id that is the tweet's own (it
    /// starts a conversation, so it continues nothing), and numbering — a part numbered n that the model would
    /// attach through an unnumbered tweet hanging off part n−1 by a weak link (below 0.5) takes part n−1 as its
    /// parent instead, and the tweet in between (posted meanwhile, not a part) leaves the thread.
    mutating func linkInferred(_ i: Int, before parentID: TweetID?) {
        if conversationID(i) != 0 && conversationID(i) == tweets[i].id.rawValue {
            startChain(i, isReply: leadsWithOthers(i))
            return
        }
        guard let best = infer(i, before: parentID), best.probability >= options.minConfidence else {
            startChain(i, isReply: leadsWithOthers(i))
            return
        }
        let j = best.candidate
        if let m = markers[i], markers[j] == nil, !hasChild[j], parent[j] >= 0,
            let previous = markers[Int(parent[j])], previous.style == m.style, previous.number == m.number - 1,
            confidence[j] < 0.5
        {
            let p = Int(parent[j])
            detach(j)
            _ = readCues(p)
            _ = readCues(Int(chains[Int(chainOf[p])].root))
            computeFeatures(i, candidate: p, mostSimilar: false)
            attach(i, to: p, confidence: model.probability(scratch), reason: linkReason(i, candidate: p))
            return
        }
        computeFeatures(i, candidate: j, mostSimilar: best.mostSimilar)
        attach(i, to: j, confidence: best.probability, reason: linkReason(i, candidate: j))
    }

    /// Takes a childless tweet out of its chain, to be replaced as its parent's continuation: it stands alone again.
    mutating func detach(_ j: Int) {
        chains[Int(chainOf[j])].length -= 1
        parent[j] = -1
        confidence[j] = 0
        reason[j] = .unlinked
        // The parent keeps `hasChild`: the tweet that replaces `j` attaches to it at once.
        startChain(j, isReply: leadsWithOthers(j))
    }

    /// Scores `i` against its author's recent tweets and returns the most likely candidate, whether it is the most
    /// similar one, and its calibrated probability; `nil` when there is none, or (when the model allows the bound)
    /// when none can reach the minimum confidence.
    mutating func infer(_ i: Int, before parentID: TweetID?) -> (
        candidate: Int, mostSimilar: Bool, probability: Double
    )? {
        let a = Int(authorOf[i])
        let horizon = time(i) - Int64(options.maxGap * 1000)
        let first = a * ThreadReconstructor.maxCandidates
        let count = Int(recentCount[a])
        guard count > 0 else { return nil }
        // The most similar candidate (the latest among equals), when it is similar at all.
        var mostSimilar = -1
        var bestSimilarity = 0.3
        for slot in stride(from: first + count - 1, through: first, by: -1) {
            let j = Int(recent[slot])
            guard time(j) >= horizon else { break }
            let s = facts[i].similarity(to: facts[j])
            if s > bestSimilarity { (bestSimilarity, mostSimilar) = (s, j) }
        }
        if log == nil, let bound = wordingBound {
            return inferReadingLess(i, before: parentID, horizon: horizon, mostSimilar: mostSimilar, bound: bound)
        }
        _ = readCues(i)
        for slot in stride(from: first + count - 1, through: first, by: -1) {
            let j = Int(recent[slot])
            guard time(j) >= horizon else { break }
            _ = readCues(j)
            _ = readCues(Int(chains[Int(chainOf[j])].root))
        }
        var best: (candidate: Int, score: Double)?
        for slot in stride(from: first + count - 1, through: first, by: -1) {
            let j = Int(recent[slot])
            guard time(j) >= horizon else { break }
            if let parentID, tweets[j].id >= parentID { continue }
            if !sameConversation(i, j) { continue }
            let score: Double
            if keepFeatures {
                computeFeatures(i, candidate: j, mostSimilar: mostSimilar == j)
                score = model.score(scratch)
            } else {
                score = self.score(i, candidate: j, mostSimilar: mostSimilar == j)
            }
            if log != nil {
                log!.append(
                    ScoredCandidate(
                        child: Int32(i), candidate: Int32(j), score: score,
                        features: keepFeatures ? scratch.values : []))
            }
            if best == nil || score > best!.score { best = (j, score) }
        }
        guard let best else { return nil }
        return (best.candidate, mostSimilar == best.candidate, model.probability(score: best.score))
    }

    /// ``infer(_:before:)`` when the wording bound holds, reading as few texts as the decision allows (the same
    /// decision: the candidate with the highest score, the latest among equals).
    ///
    /// A score is the candidate's score without wording, plus the opener term (the candidate's or its chain root's
    /// text), plus the child's wording terms, which are the same for every candidate. So: score every candidate
    /// without wording; stop when even the most wording leaves the best short; read the child's text and check
    /// again; then read candidates' texts best-first only while one could still overtake the leader.
    private mutating func inferReadingLess(
        _ i: Int, before parentID: TweetID?, horizon: Int64, mostSimilar: Int,
        bound: (threshold: Double, most: Double)
    )
        -> (candidate: Int, mostSimilar: Bool, probability: Double)?
    {
        let a = Int(authorOf[i])
        let first = a * ThreadReconstructor.maxCandidates
        var ranked = self.ranked
        self.ranked = []
        defer { self.ranked = ranked }
        ranked.removeAll(keepingCapacity: true)
        var top = -Double.infinity
        for slot in stride(from: first + Int(recentCount[a]) - 1, through: first, by: -1) { // latest first
            let j = Int(recent[slot])
            guard time(j) >= horizon else { break }
            if let parentID, tweets[j].id >= parentID { continue }
            if !sameConversation(i, j) { continue }
            let base = score(i, candidate: j, mostSimilar: mostSimilar == j, wording: false)
            ranked.append((Int32(j), Int32(ranked.count), base))
            top = Swift.max(top, base)
        }
        if top + bound.most < bound.threshold { return nil }
        let childCues = readCues(i)
        var child = 0.0
        if childCues.contains(.closer) { child += model.weights[LinkFeature.closer.rawValue] }
        if childCues.contains(.continuationWord) { child += model.weights[LinkFeature.continuationWord.rawValue] }
        if childCues.contains(.source) { child += model.weights[LinkFeature.sourceNote.rawValue] }
        let opener = model.weights[LinkFeature.opener.rawValue]
        let openerMost = Swift.max(0, opener)
        if top + openerMost + child < bound.threshold { return nil }
        // Best score without wording first, the latest first among equals (insertion sort: at most ten).
        for k in 1..<Swift.max(ranked.count, 1) {
            let entry = ranked[k]
            var m = k
            while m > 0 && ranked[m - 1].base < entry.base {
                ranked[m] = ranked[m - 1]
                m -= 1
            }
            ranked[m] = entry
        }
        var best = -1
        var bestTotal = -Double.infinity
        var bestLatest = Int32.max
        for (candidate, latest, base) in ranked {
            let j = Int(candidate)
            let most = base + openerMost
            if most < bestTotal || (most == bestTotal && latest > bestLatest) { break }
            let root = Int(chains[Int(chainOf[j])].root)
            let total = readCues(j).contains(.opener) || readCues(root).contains(.opener) ? base + opener : base
            if total > bestTotal || (total == bestTotal && latest < bestLatest) {
                (best, bestTotal, bestLatest) = (j, total, latest)
            }
        }
        guard best >= 0 else { return nil }
        let score = self.score(i, candidate: best, mostSimilar: mostSimilar == best)
        return (best, mostSimilar == best, model.probability(score: score))
    }

    /// False when the archive states conversation ids that put `i` and `j` in different conversations (twint JSON
    /// states them without reply ids): a thread never leaves its conversation.
    ///
    /// Declared `mutating`, though it writes nothing, as ``score(_:candidate:mostSimilar:wording:)`` is.
    mutating func sameConversation(_ i: Int, _ j: Int) -> Bool {
        let mine = conversationID(i)
        guard mine != 0 else { return true }
        let root = Int(chains[Int(chainOf[j])].root)
        let theirs = conversationID(j) != 0 ? conversationID(j) : conversationID(root)
        return theirs == 0 || mine == theirs || mine == tweets[j].id.rawValue || mine == tweets[root].id.rawValue
    }

    /// Writes the features of "`i` continues `j`" into `scratch`.
    mutating func computeFeatures(_ i: Int, candidate j: Int, mostSimilar: Bool) {
        scratch.reset()
        var sink = scratch
        features(i, candidate: j, mostSimilar: mostSimilar, into: &sink)
        scratch = sink
    }

    /// The raw score of "`i` continues `j`": the features' weights summed as they are found, without a vector.
    ///
    /// Declared `mutating`, though it writes nothing, so that the decoding loop (itself mutating) passes the state by
    /// address: a non-mutating call from there copies the whole state (some 400 bytes) for every candidate.
    mutating func score(_ i: Int, candidate j: Int, mostSimilar: Bool, wording: Bool = true) -> Double {
        var sink = ScoreSink(weights: model.weights)
        features(i, candidate: j, mostSimilar: mostSimilar, wording: wording, into: &sink)
        return sink.sum
    }

    /// Finds the features of "`i` continues `j`" and hands each one that is not zero to `sink`; without `wording`,
    /// the features that need the texts' cues are left out (their cues must have been read for the rest).
    mutating func features<Sink: LinkFeatureSink>(
        _ i: Int, candidate j: Int, mostSimilar: Bool, wording: Bool = true,
        into scratch: inout Sink
    ) {
        let gap = Double(max(0, time(i) - time(j))) / 1000
        if gap < 2 {
            scratch.add(.gapUnder2s, 1)
        } else if gap < 10 {
            scratch.add(.gapUnder10s, 1)
        } else if gap < 60 {
            scratch.add(.gapUnder1m, 1)
        } else if gap < 300 {
            scratch.add(.gapUnder5m, 1)
        } else if gap < 3600 {
            scratch.add(.gapUnder1h, 1)
        } else if gap < 21_600 {
            scratch.add(.gapUnder6h, 1)
        } else if gap < 86_400 {
            scratch.add(.gapUnder1d, 1)
        }
        let logGap = log1pFast(gap)
        let relative = logGap - typicalGap[Int(authorOf[i])]
        if relative < -7 {
            scratch.add(.muchShorterThanUsual, 1)
        } else if relative < -5 {
            scratch.add(.farShorterThanUsual, 1)
        } else if relative < -3 {
            scratch.add(.shorterThanUsual, 1)
        } else if relative < -1 {
            scratch.add(.somewhatShorterThanUsual, 1)
        } else if relative < 1 {
            scratch.add(.asUsual, 1)
        }
        let between = ownRank[i] - ownRank[j] - 1
        if between <= 0 {
            scratch.add(.latest, 1)
        } else if between == 1 {
            scratch.add(.oneBetween, 1)
        } else if between <= 3 {
            scratch.add(.fewBetween, 1)
        }

        let chain = chains[Int(chainOf[j])]
        var sameAddressees = false
        if facts[i].flags.contains(.leadsSelf) && !othersLead[i] {
            scratch.add(.selfMention, 1)
        } else if othersLead[i] {
            // Every handle of the run is one the candidate addressed or mentioned (Twitter prefills them).
            sameAddressees = facts[i].addressees & ~(facts[j].addressees | facts[j].mentions) == 0
            scratch.add(sameAddressees ? .sameAddressees : .newAddressees, 1)
            if !sameAddressees {
                if gap < 10 { scratch.add(.newAddresseesInBurst, 1) }
                if facts[i].similarity(to: facts[j]) >= 0.8 { scratch.add(.sameTextNewAddressees, 1) }
            }
        } else if othersLead[j] {
            scratch.add(.candidateAddressesOthers, 1)
        }
        if chain.rootIsReply {
            scratch.add(.chainIsReply, 1)
            scratch.add(.replyChainGap, logGap)
            if sameAddressees { scratch.add(.chainIsReplySameAddressees, 1) }
        }

        let path = numbering[j]
        if let m = markers[i] {
            let n = Int32(m.number)
            let dot = m.style == .dot
            if path.numbered > 0 {
                let d = n - path.lastNumber
                if m.style == path.style {
                    if d == 1 {
                        scratch.add(dot ? .numberNextDot : .numberNext, 1)
                    } else if d == 2 || d == 3 {
                        scratch.add(.numberSkip, 1)
                    } else if n <= 1 {
                        scratch.add(dot ? .numberRestartDot : .numberRestart, 1)
                    } else {
                        scratch.add(.numberOff, 1)
                    }
                    if let total = m.total, path.total > 0, Int32(total) != path.total { scratch.add(.totalChanges, 1) }
                } else if n <= 1 {
                    scratch.add(dot ? .numberRestartDot : .numberRestart, 1)
                } else if d == 1 {
                    scratch.add(dot ? .numberNextDot : .numberNext, 0.5)
                } else {
                    scratch.add(.numberOff, 1)
                }
            } else if n <= 1 {
                scratch.add(dot ? .numberRestartDot : .numberRestart, 1)
            } else if n == 2 && path.length == 1 {
                scratch.add(.numberSecondAfterRoot, 1)
            } else {
                scratch.add(.numberUnanchored, 1)
            }
        } else if path.total > 0 && path.lastNumber >= path.total {
            scratch.add(.afterComplete, 1)
        } else if path.numbered > 0 {
            scratch.add(.unnumberedInNumbered, 1)
        }

        if wording {
            let childCues = cues(i)
            if cues(j).contains(.opener) || cues(Int(chain.root)).contains(.opener) { scratch.add(.opener, 1) }
            if childCues.contains(.closer) { scratch.add(.closer, 1) }
            if childCues.contains(.continuationWord) { scratch.add(.continuationWord, 1) }
            if childCues.contains(.source) { scratch.add(.sourceNote, 1) }
        }
        if facts[i].flags.contains(.startsLower) { scratch.add(.startsLower, 1) }
        if facts[j].flags.contains(.endsOpen) { scratch.add(.candidateEndsOpen, 1) }
        scratch.add(.similarity, facts[i].similarity(to: facts[j]))
        if mostSimilar { scratch.add(.mostSimilar, 1) }
        if facts[i].script != .none && facts[i].script == facts[j].script { scratch.add(.sameScript, 1) }
        if hasChild[j] { scratch.add(.candidateHasChild, 1) }
    }

    /// The gap and each supporting cue of the link in `scratch`, joined with `+`: `burst:2s+numbered:3->4`.
    ///
    /// Declared `mutating`, though it writes nothing, as ``score(_:candidate:mostSimilar:wording:)`` is: it runs for
    /// every link made.
    mutating func linkReason(_ i: Int, candidate j: Int) -> ThreadLink.Reason {
        let gap = Int((Double(max(0, time(i) - time(j))) / 1000).rounded())
        var mask: UInt16 = 0
        var from: Int32 = 0
        var to: Int32 = 0
        typealias Bit = ThreadLink.Reason.CueBit
        func supports(_ f: LinkFeature) -> Bool { scratch[f] > 0 && model.weights[f.rawValue] > 0 }
        if supports(.numberNext) || supports(.numberNextDot) || supports(.numberSkip) {
            mask |= Bit.numbered.rawValue
            from = Int32(truncatingIfNeeded: numbering[j].lastNumber)
            to = Int32(truncatingIfNeeded: markers[i]?.number ?? 0)
        } else if supports(.numberSecondAfterRoot) {
            mask |= Bit.numbered.rawValue
            (from, to) = (-1, 2)
        }
        if supports(.selfMention) { mask |= Bit.selfMention.rawValue }
        // Leading handles that the thread already addressed: named whatever their weight, because they are why the
        // handles do not count as a reply to someone new.
        if scratch[.sameAddressees] > 0 { mask |= Bit.autoMention.rawValue }
        if supports(.closer) { mask |= Bit.closer.rawValue }
        if supports(.opener) { mask |= Bit.opener.rawValue }
        if supports(.continuationWord) || supports(.startsLower) { mask |= Bit.continuation.rawValue }
        if supports(.mostSimilar) { mask |= Bit.template.rawValue }
        if conversationID(i) != 0 && conversationID(j) != 0 { mask |= Bit.conversation.rawValue }
        return ThreadLink.Reason(basis: .inferred(seconds: gap), cueMask: mask, numberedFrom: from, numberedTo: to)
    }

    /// Adaptation: each author's rhythm, the median ln(1 + gap) between two consecutive tweets of theirs a minute or
    /// more apart (retweets aside), shrunk towards the training authors' for archives with few tweets. Someone who posts every few
    /// minutes leaves minutes between unrelated tweets; someone who posts twice a day does not.
    ///
    /// `parts` overrides the number of author ranges (tests compare it against one range).
    mutating func adaptTypicalGaps(parts: Int? = nil) {
        let authors = authorKeys.count
        // Each author's own tweets (retweets aside) in posting order, as one array sliced by author.
        var start = ContiguousArray<Int32>(repeating: 0, count: authors + 1)
        for i in 0..<tweets.count where !isRetweet[i] { start[Int(authorOf[i]) + 1] += 1 }
        for a in 0..<authors { start[a + 1] += start[a] }
        var byAuthor = ContiguousArray<Int32>(repeating: 0, count: Int(start[authors]))
        do {
            var next = start
            for position in order {
                let i = Int(position)
                guard !isRetweet[i] else { continue }
                let a = Int(authorOf[i])
                byAuthor[Int(next[a])] = position
                next[a] += 1
            }
        }
        // Authors are independent: their medians are taken in contiguous ranges of authors on all cores.
        let parts = parts ?? (tweets.count >= Self.parallelThreshold ? ProcessInfo.processInfo.activeProcessorCount : 1)
        let model = model
        let times = times
        let (starts, own) = (start, byAuthor)
        let medians = Parallel.map(parts, chunks: parts) { part -> ContiguousArray<Double> in
            let range = Parallel.chunk(part, of: parts, count: authors)
            var typical = ContiguousArray<Double>(repeating: model.typicalGap, count: range.count)
            var gaps = ContiguousArray<Double>()
            for a in range {
                gaps.removeAll(keepingCapacity: true)
                var previous = -1
                for k in Int(starts[a])..<Int(starts[a + 1]) {
                    let i = Int(own[k])
                    // Bursts under a minute are a composer's parts or double posts, not the rhythm: an author who
                    // threads every day would otherwise look like one who never pauses.
                    if previous >= 0 {
                        let gap = Double(Swift.max(0, times[i] - times[previous])) / 1000
                        if gap >= 60 { gaps.append(log1pFast(gap)) }
                    }
                    previous = i
                }
                guard !gaps.isEmpty else { continue }
                let n = Double(gaps.count)
                let k = LinkModel.adaptationPseudoCount
                typical[a - range.lowerBound] = (n * Self.median(&gaps) + k * model.typicalGap) / (n + k)
            }
            return typical
        }
        typicalGap = ContiguousArray(medians.joined())
    }

    /// The upper median of `values` (the element at `count / 2` in ascending order) by selection: O(n) on average.
    /// Reorders `values`.
    static func median(_ values: inout ContiguousArray<Double>) -> Double {
        let middle = values.count / 2
        var lo = 0
        var hi = values.count - 1
        while lo < hi {
            let pivot = values[(lo + hi) / 2]
            var l = lo
            var h = hi
            while l <= h {
                while values[l] < pivot { l += 1 }
                while values[h] > pivot { h -= 1 }
                if l <= h {
                    values.swapAt(l, h)
                    l += 1
                    h -= 1
                }
            }
            if middle <= h { hi = h } else if middle >= l { lo = l } else { break }
        }
        return values[middle]
    }

    /// Counts `i` among its author's recent tweets (dropping the oldest beyond ``ThreadReconstructor/maxCandidates``).
    mutating func remember(_ i: Int) {
        let a = Int(authorOf[i])
        ownRank[i] = nextRank[a]
        nextRank[a] += 1
        let limit = ThreadReconstructor.maxCandidates
        let first = a * limit
        var count = Int(recentCount[a])
        if count == limit {
            for slot in first..<(first + limit - 1) { recent[slot] = recent[slot + 1] }
            count -= 1
        }
        recent[first + count] = Int32(i)
        recentCount[a] = Int32(count + 1)
    }

    mutating func startChain(_ i: Int, isReply: Bool) {
        chains.append(Chain(root: Int32(i), rootIsReply: isReply))
        chainOf[i] = Int32(chains.count - 1)
        numbering[i] = ChainNumbering(root: markers[i])
    }

    mutating func attach(_ i: Int, to j: Int, confidence value: Double, reason text: ThreadLink.Reason) {
        let c = chainOf[j]
        parent[i] = Int32(j)
        confidence[i] = Float(value)
        reason[i] = text
        chainOf[i] = c
        chains[Int(c)].length += 1
        numbering[i] = numbering[j].continued(by: markers[i])
        hasChild[j] = true
    }
}

/// ln(1 + x) for x ≥ 0 (the gap in seconds), without Foundation in the per-candidate loop.
@inline(__always) func log1pFast(_ x: Double) -> Double {
    // ln(y) = ln(m · 2^e) with m in [1, 2): the exponent from the bits, the mantissa by a short series.
    let y = 1 + x
    let e = Double(y.exponent)
    let m = y.significand
    let t = (m - 1) / (m + 1)
    let t2 = t * t
    let series = 2 * t * (1 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 * (1.0 / 9 + t2 / 11)))))
    return e * 0.693_147_180_559_945_3 + series
}
