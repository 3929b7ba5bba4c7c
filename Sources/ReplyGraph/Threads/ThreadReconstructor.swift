import Dispatch

/// Reconstructs threads (self-continuation chains) and follow-ups from an archive.
///
///     let result = ThreadReconstructor().reconstruct(archive)
///     result.threads.first?.links.first?.reason   // "reply-id", or e.g. "burst:1s+numbered:1->2"
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
public struct ThreadReconstructor: Sendable {
    public var options: ThreadOptions

    /// How many of the author's recent tweets a tweet is compared with.
    public static let maxCandidates = 10

    public init(options: ThreadOptions = ThreadOptions()) { self.options = options }

    /// Threads of two or more tweets, ordered by root id, and follow-ups ordered by tweet id.
    public func reconstruct(_ archive: Archive) -> (threads: [Thread], followUps: [FollowUp]) {
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
    var threads: [Thread]
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
    let times: ContiguousArray<Int64>
    let othersLead: ContiguousArray<Bool>
    /// Archive indices in posting order.
    let order: ContiguousArray<Int32>
    let idsComplete: Bool
    var parent: ContiguousArray<Int32>
    var confidence: ContiguousArray<Float>
    var reason: [String]
    var chainOf: ContiguousArray<Int32>
    var chains: [Chain] = []
    var markers: [NumberingMarker?]
    /// Every tweet's cues, with bit 15 set (read for all tweets up front: the model weighs them for every link).
    var cueCache: ContiguousArray<UInt16>
    var facts: ContiguousArray<TweetFacts>
    /// The numbering along each tweet's chain up to it, and whether something continues it.
    var numbering: ContiguousArray<ChainNumbering>
    var hasChild: ContiguousArray<Bool>
    /// Each author's recent non-retweets, newest last: author `a` owns `recent[a * maxCandidates ..< a *
    /// maxCandidates + recentCount[a]]`, and `ownRank` numbers each author's tweets in posting order.
    var recent: ContiguousArray<Int32>
    var recentCount: ContiguousArray<Int32>
    var ownRank: ContiguousArray<Int32>
    var nextRank: ContiguousArray<Int32>
    /// Each author's typical ln(1 + gap) between thread parts (``LinkModel/typicalGap`` until adapted).
    var typicalGap: ContiguousArray<Double>
    var decision: LinkDecision = .infer
    /// When set, every scored candidate is recorded here (for evaluation and fitting).
    var log: [ScoredCandidate]?
    var keepFeatures = false
    private var scratch = LinkFeatures()

    init(archive: Archive, options: ThreadOptions, model: LinkModel = .fitted) {
        self.archive = archive
        self.options = options
        self.model = model
        tweets = archive.tweets
        let n = tweets.count
        var authorIndex = StringIndex()
        var authorOf = ContiguousArray<Int32>(repeating: 0, count: n)
        var keys: [String] = []
        var times = ContiguousArray<Int64>(repeating: 0, count: n)
        var othersLead = ContiguousArray<Bool>(repeating: false, count: n)
        var markers = [NumberingMarker?](repeating: nil, count: n)
        var cues = ContiguousArray<UInt16>(repeating: 0, count: n)
        var facts = ContiguousArray<TweetFacts>(repeating: TweetFacts(), count: n)
        // Per-tweet facts depend on one tweet each: read them on all cores (each chunk writes its own index range).
        times.withUnsafeMutableBufferPointer { timesOut in
            othersLead.withUnsafeMutableBufferPointer { leadOut in
                markers.withUnsafeMutableBufferPointer { markerOut in
                    cues.withUnsafeMutableBufferPointer { cueOut in
                        facts.withUnsafeMutableBufferPointer { factOut in
                            nonisolated(unsafe) let timeBase = timesOut.baseAddress
                            nonisolated(unsafe) let leadBase = leadOut.baseAddress
                            nonisolated(unsafe) let markerBase = markerOut.baseAddress
                            nonisolated(unsafe) let cueBase = cueOut.baseAddress
                            nonisolated(unsafe) let factBase = factOut.baseAddress
                            let chunks = Swift.min(n, 64)
                            guard chunks > 0 else { return }
                            // Raw pointers in the workers: touching the array itself there would retain and release
                            // its shared buffer from both cores on every element.
                            archive.tweets.withUnsafeBufferPointer { tweetList in
                                nonisolated(unsafe) let tweets = tweetList.baseAddress!
                                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                                    for i in (n * chunk / chunks)..<(n * (chunk + 1) / chunks) {
                                        // `pointee` lends the tweet in place; `tweets[i]` copied it.
                                        let tweet = tweets + i
                                        timeBase![i] = tweet.pointee.createdAt.milliseconds
                                        leadBase![i] = Self.leadsWithOthers(tweet)
                                        tweet.pointee.withUTF8Text { text in
                                            markerBase![i] = NumberingMarker.parse(utf8: text)
                                            cueBase![i] = TextCues(utf8: text).rawValue | 0x8000
                                            factBase![i] = TweetFacts(utf8: text, author: tweet.pointee.author)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for i in 0..<n {
            let key = tweets[i].author.key
            if let a = authorIndex.id(of: key) {
                authorOf[i] = a
            } else {
                let a = Int32(keys.count)
                authorIndex.add(key, id: a)
                keys.append(key)
                authorOf[i] = a
            }
        }
        self.authorOf = authorOf
        self.authorKeys = keys
        self.times = times
        self.othersLead = othersLead
        var order = ContiguousArray<Int32>((0..<Int32(n)))
        let tweets = self.tweets
        var sorted = true
        for k in 1..<max(n, 1) where tweets[k].createdAt < tweets[k - 1].createdAt { sorted = false; break }
        if !sorted {
            order.sort { a, b in
                let x = tweets[Int(a)], y = tweets[Int(b)]
                return x.createdAt != y.createdAt ? x.createdAt < y.createdAt : x.id < y.id
            }
        }
        self.order = order
        idsComplete = Self.archiveStatesReplyIDs(archive)
        parent = ContiguousArray(repeating: -1, count: n)
        confidence = ContiguousArray(repeating: 0, count: n)
        reason = [String](repeating: "", count: n)
        chainOf = ContiguousArray(repeating: -1, count: n)
        self.markers = markers
        self.cueCache = cues
        self.facts = facts
        numbering = ContiguousArray(repeating: ChainNumbering(), count: n)
        hasChild = ContiguousArray(repeating: false, count: n)
        recent = ContiguousArray(repeating: -1, count: keys.count * ThreadReconstructor.maxCandidates)
        recentCount = ContiguousArray(repeating: 0, count: keys.count)
        ownRank = ContiguousArray(repeating: 0, count: n)
        nextRank = ContiguousArray(repeating: 0, count: keys.count)
        typicalGap = ContiguousArray(repeating: model.typicalGap, count: keys.count)
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

    func cues(_ i: Int) -> TextCues { TextCues(rawValue: cueCache[i] & 0x7FFF) }

    func time(_ i: Int) -> Int64 { times[i] }

    func leadsWithOthers(_ i: Int) -> Bool { othersLead[i] }

    /// Whether the tweet's leading @-run addresses someone other than its author (a reply to others by text).
    ///
    /// Takes the tweet by pointer and reads it in place: passing a `Tweet` would copy it (and retain its fields).
    static func leadsWithOthers(_ t: UnsafePointer<Tweet>) -> Bool {
        guard t.pointee.isReply else { return false }   // one inline flag for most tweets
        if let user = t.pointee.inReplyToUser, user != t.pointee.author { return true }
        guard t.pointee.entities.replyToCount > 0 else { return false }
        return !t.pointee.entities.firstReplyTo(is: t.pointee.author)   // from the name's bytes, no `String`
    }

    /// Whether two handle spellings are the same handle: `Handle.fold(a) == Handle.fold(b)`, compared byte by byte
    /// without building the folded copies (handles are ASCII; other text falls back to the folded strings).
    static func sameHandle(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        let ascii: Bool? = a.withUTF8 { x in
            b.withUTF8 { y in
                if x.count != y.count { return x.allSatisfy { $0 < 0x80 } && y.allSatisfy { $0 < 0x80 } ? false : nil }
                for k in 0..<x.count {
                    let p = x[k], q = y[k]
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
        for position in order.indices {
            let i = Int(order[position])
            if tweets[i].isRetweet {
                // Someone else's words: never a thread part, and nothing continues it.
                startChain(i, isReply: true)
                continue
            }
            defer { remember(i) }
            if case .truth(let truth) = decision {
                infer(i, before: nil)
                let p = Int(truth[i])
                if p >= 0 && chainOf[p] >= 0 {
                    attach(i, to: p, confidence: 1, reason: "truth")
                } else {
                    startChain(i, isReply: leadsWithOthers(i))
                }
                continue
            }
            if let pid = tweets[i].inReplyToID {
                let author = tweets[i].author
                if let j = archive.index(of: pid), chainOf[j] >= 0, j != i {
                    if tweets[j].author == author {
                        attach(i, to: j, confidence: 1, reason: "reply-id")
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
        if let conversation = tweets[i].conversationID, conversation == tweets[i].id {
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
           confidence[j] < 0.5 {
            let p = Int(parent[j])
            detach(j)
            computeFeatures(i, candidate: p, mostSimilar: false)
            attach(i, to: p, confidence: model.probability(scratch), reason: reasonText(i, candidate: p))
            return
        }
        attach(i, to: j, confidence: best.probability, reason: best.reason)
    }

    /// Takes a childless tweet out of its chain: it stands alone again.
    mutating func detach(_ j: Int) {
        let p = Int(parent[j])
        chains[Int(chainOf[j])].length -= 1
        parent[j] = -1
        confidence[j] = 0
        reason[j] = ""
        hasChild[p] = false
        for k in 0..<tweets.count where parent[k] == Int32(p) { hasChild[p] = true; break }
        startChain(j, isReply: leadsWithOthers(j))
    }

    /// Scores `i` against its author's recent tweets and returns the most likely candidate.
    mutating func infer(_ i: Int, before parentID: TweetID?) -> (candidate: Int, probability: Double, reason: String)? {
        let a = Int(authorOf[i])
        let now = time(i)
        let horizon = now - Int64(options.maxGap * 1000)
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
        var best: (candidate: Int, score: Double)?
        for slot in stride(from: first + count - 1, through: first, by: -1) {
            let j = Int(recent[slot])
            guard time(j) >= horizon else { break }
            if let parentID, tweets[j].id >= parentID { continue }
            if !sameConversation(i, j) { continue }
            computeFeatures(i, candidate: j, mostSimilar: mostSimilar == j)
            let score = model.score(scratch)
            if log != nil {
                log!.append(ScoredCandidate(child: Int32(i), candidate: Int32(j), score: score,
                                            features: keepFeatures ? scratch.values : []))
            }
            if best == nil || score > best!.score { best = (j, score) }
        }
        guard let best else { return nil }
        computeFeatures(i, candidate: best.candidate, mostSimilar: mostSimilar == best.candidate)
        return (best.candidate, model.probability(score: best.score), reasonText(i, candidate: best.candidate))
    }

    /// False when the archive states conversation ids that put `i` and `j` in different conversations (twint JSON
    /// states them without reply ids): a thread never leaves its conversation.
    func sameConversation(_ i: Int, _ j: Int) -> Bool {
        guard let mine = tweets[i].conversationID else { return true }
        let root = tweets[Int(chains[Int(chainOf[j])].root)]
        let theirs = tweets[j].conversationID ?? root.conversationID
        return theirs == nil || mine == theirs || mine == tweets[j].id || mine == root.id
    }

    /// Writes the features of "`i` continues `j`" into `scratch`.
    mutating func computeFeatures(_ i: Int, candidate j: Int, mostSimilar: Bool) {
        scratch.reset()
        let gap = Double(max(0, time(i) - time(j))) / 1000
        if gap < 2 { scratch[.gapUnder2s] = 1 } else if gap < 10 { scratch[.gapUnder10s] = 1 }
        else if gap < 60 { scratch[.gapUnder1m] = 1 } else if gap < 300 { scratch[.gapUnder5m] = 1 }
        else if gap < 3600 { scratch[.gapUnder1h] = 1 } else if gap < 21_600 { scratch[.gapUnder6h] = 1 }
        else if gap < 86_400 { scratch[.gapUnder1d] = 1 }
        let logGap = log1pFast(gap)
        let relative = logGap - typicalGap[Int(authorOf[i])]
        if relative < -7 { scratch[.muchShorterThanUsual] = 1 } else if relative < -5 { scratch[.farShorterThanUsual] = 1 }
        else if relative < -3 { scratch[.shorterThanUsual] = 1 } else if relative < -1 { scratch[.somewhatShorterThanUsual] = 1 }
        else if relative < 1 { scratch[.asUsual] = 1 }
        let between = ownRank[i] - ownRank[j] - 1
        if between <= 0 { scratch[.latest] = 1 } else if between == 1 { scratch[.oneBetween] = 1 }
        else if between <= 3 { scratch[.fewBetween] = 1 }

        let chain = chains[Int(chainOf[j])]
        var sameAddressees = false
        if facts[i].flags.contains(.leadsSelf) && !othersLead[i] {
            scratch[.selfMention] = 1
        } else if othersLead[i] {
            let run = tweets[i].entities.replyTo
            let selfKey = authorKeys[Int(authorOf[i])]
            let before = tweets[j].entities
            sameAddressees = run.allSatisfy { name in
                Self.sameHandle(name, selfKey) || before.replyTo.contains { Self.sameHandle($0, name) }
                    || before.mentions.contains { Self.sameHandle($0.value, name) }
            }
            scratch[sameAddressees ? .sameAddressees : .newAddressees] = 1
            if !sameAddressees {
                if gap < 10 { scratch[.newAddresseesInBurst] = 1 }
                if facts[i].similarity(to: facts[j]) >= 0.8 { scratch[.sameTextNewAddressees] = 1 }
            }
        } else if othersLead[j] {
            scratch[.candidateAddressesOthers] = 1
        }
        if chain.rootIsReply {
            scratch[.chainIsReply] = 1
            scratch[.replyChainGap] = logGap
            if sameAddressees { scratch[.chainIsReplySameAddressees] = 1 }
        }

        let path = numbering[j]
        if let m = markers[i] {
            let n = Int32(m.number)
            let dot = m.style == .dot
            if path.numbered > 0 {
                let d = n - path.lastNumber
                if m.style == path.style {
                    if d == 1 { scratch[dot ? .numberNextDot : .numberNext] = 1 }
                    else if d == 2 || d == 3 { scratch[.numberSkip] = 1 }
                    else if n <= 1 { scratch[dot ? .numberRestartDot : .numberRestart] = 1 }
                    else { scratch[.numberOff] = 1 }
                    if let total = m.total, path.total > 0, Int32(total) != path.total { scratch[.totalChanges] = 1 }
                } else if n <= 1 {
                    scratch[dot ? .numberRestartDot : .numberRestart] = 1
                } else if d == 1 {
                    scratch[dot ? .numberNextDot : .numberNext] = 0.5
                } else {
                    scratch[.numberOff] = 1
                }
            } else if n <= 1 {
                scratch[dot ? .numberRestartDot : .numberRestart] = 1
            } else if n == 2 && path.length == 1 {
                scratch[.numberSecondAfterRoot] = 1
            } else {
                scratch[.numberUnanchored] = 1
            }
        } else if path.total > 0 && path.lastNumber >= path.total {
            scratch[.afterComplete] = 1
        } else if path.numbered > 0 {
            scratch[.unnumberedInNumbered] = 1
        }

        let childCues = cues(i)
        if cues(j).contains(.opener) || cues(Int(chain.root)).contains(.opener) { scratch[.opener] = 1 }
        if childCues.contains(.closer) { scratch[.closer] = 1 }
        if childCues.contains(.continuationWord) { scratch[.continuationWord] = 1 }
        if facts[i].flags.contains(.startsLower) { scratch[.startsLower] = 1 }
        if facts[j].flags.contains(.endsOpen) { scratch[.candidateEndsOpen] = 1 }
        if childCues.contains(.source) { scratch[.sourceNote] = 1 }
        scratch[.similarity] = facts[i].similarity(to: facts[j])
        if mostSimilar { scratch[.mostSimilar] = 1 }
        if facts[i].script != .none && facts[i].script == facts[j].script { scratch[.sameScript] = 1 }
        if hasChild[j] { scratch[.candidateHasChild] = 1 }
    }

    /// The gap and each supporting cue of the link in `scratch`, joined with `+`: `burst:2s+numbered:3->4`.
    func reasonText(_ i: Int, candidate j: Int) -> String {
        let gap = Int((Double(max(0, time(i) - time(j))) / 1000).rounded())
        var text = gap <= 10 ? "burst:\(gap)s" : "gap:\(gap)s"
        func supports(_ f: LinkFeature) -> Bool { scratch[f] > 0 && model.weights[f.rawValue] > 0 }
        if supports(.numberNext) || supports(.numberNextDot) || supports(.numberSkip) {
            text += "+numbered:\(numbering[j].lastNumber)->\(markers[i]?.number ?? 0)"
        } else if supports(.numberSecondAfterRoot) {
            text += "+numbered:?->2"
        }
        if supports(.selfMention) { text += "+self-mention" }
        if supports(.sameAddressees) { text += "+auto-mention" }
        if supports(.closer) { text += "+closer" }
        if supports(.opener) { text += "+opener" }
        if supports(.continuationWord) || supports(.startsLower) { text += "+continuation" }
        if supports(.mostSimilar) { text += "+template" }
        if tweets[i].conversationID != nil && tweets[j].conversationID != nil { text += "+conversation" }
        return text
    }

    /// Adaptation: each author's rhythm, the median ln(1 + gap) between two consecutive tweets of theirs a minute or
    /// more apart (retweets aside), shrunk towards the training authors' for archives with few tweets. Someone who posts every few
    /// minutes leaves minutes between unrelated tweets; someone who posts twice a day does not.
    mutating func adaptTypicalGaps() {
        var last = ContiguousArray<Int32>(repeating: -1, count: authorKeys.count)
        var gaps = [[Double]](repeating: [], count: authorKeys.count)
        for position in order {
            let i = Int(position)
            guard !tweets[i].isRetweet else { continue }
            let a = Int(authorOf[i])
            // Bursts under a minute are a composer's parts or double posts, not the rhythm: an author who threads
            // every day would otherwise look like one who never pauses.
            if last[a] >= 0 {
                let gap = Double(max(0, time(i) - time(Int(last[a])))) / 1000
                if gap >= 60 { gaps[a].append(log1pFast(gap)) }
            }
            last[a] = Int32(i)
        }
        for a in 0..<authorKeys.count {
            let k = LinkModel.adaptationPseudoCount
            var own = gaps[a]
            guard !own.isEmpty else { continue }
            let middle = own.count / 2
            own.withUnsafeMutableBufferPointer { buffer in
                // The median by selection: O(n) on average.
                var lo = 0, hi = buffer.count - 1
                while lo < hi {
                    let pivot = buffer[(lo + hi) / 2]
                    var l = lo, h = hi
                    while l <= h {
                        while buffer[l] < pivot { l += 1 }
                        while buffer[h] > pivot { h -= 1 }
                        if l <= h { buffer.swapAt(l, h); l += 1; h -= 1 }
                    }
                    if middle <= h { hi = h } else if middle >= l { lo = l } else { break }
                }
            }
            let n = Double(own.count)
            typicalGap[a] = (n * own[middle] + k * model.typicalGap) / (n + k)
        }
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

    mutating func attach(_ i: Int, to j: Int, confidence value: Double, reason text: String) {
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
