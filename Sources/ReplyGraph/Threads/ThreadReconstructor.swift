import Dispatch

/// Reconstructs threads (self-continuation chains) and follow-ups from an archive.
///
///     let result = ThreadReconstructor().reconstruct(archive)
///     result.threads.first?.links.first?.reason   // "reply-id", or e.g. "burst:1s+numbered:1->2"
///
/// Explicit links come first: a reply whose parent id is the author's own earlier tweet continues it with
/// confidence 1 (`reply-id`). Where ids are missing (twint text, or a parent absent from the archive) each tweet is
/// scored against the author's open chains — the last part of each chain posted within ``ThreadOptions/maxGap`` —
/// by ``LinkEvidence``; the best chain wins if its confidence reaches ``ThreadOptions/minConfidence``. Archives that
/// state reply ids for every tweet (API v2, account exports) are taken as they are: a tweet without a parent id is
/// not a reply and starts its own chain. Retweets are never parts. Threads never cross authors.
///
/// An unnumbered part that replies to someone else, or that joins a chain whose every part so far was numbered, is
/// provisional: when the next part continues the numbering without it, it was posted in between and is detached.
///
/// - Complexity: O(n log n) for n tweets (a sort when the archive is not in time order, else O(n)); each tweet is
///   scored against at most ``maxOpenChains`` chains, so a burst of 10,000 tweets in one second stays linear.
public struct ThreadReconstructor: Sendable {
    public var options: ThreadOptions

    /// How many recent chains per author a tweet is compared with.
    public static let maxOpenChains = 8

    public init(options: ThreadOptions = ThreadOptions()) { self.options = options }

    /// Threads of two or more tweets, ordered by root id, and follow-ups ordered by tweet id.
    public func reconstruct(_ archive: Archive) -> (threads: [Thread], followUps: [FollowUp]) {
        let result = run(archive)
        return (result.threads, result.followUps)
    }

    /// The full result: per-tweet parent links as well as threads and follow-ups.
    func run(_ archive: Archive) -> Reconstruction {
        var state = ReconstructionState(archive: archive, options: options)
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

/// An open self-continuation chain of one author.
struct Chain {
    var root: Int32
    var tail: Int32
    var tailTime: Int64
    var length: Int32 = 1
    /// The last part number seen (meaningful when `numberedParts > 0`), its style and the `m` of the latest `n/m`
    /// (0 for none).
    var lastNumber: Int32 = 0
    var lastStyle: NumberingStyle = .none
    var total: Int32 = 0
    /// The root replies to someone else: the chain is a conversation unless numbering says otherwise.
    var rootIsReply: Bool
    /// Parts that show a number.
    var numberedParts: Int32 = 0
    /// When the tail is a provisional unnumbered part (a reply to someone else, or a tweet inside a fully numbered
    /// chain), the part before it; else -1.
    var detourParent: Int32 = -1
}

struct ReconstructionState {
    let archive: Archive
    let options: ThreadOptions
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
    /// Each author's open chains, oldest first: author `a` owns `openChains[a * maxOpenChains ..< a * maxOpenChains
    /// + openCount[a]]` (one flat array, updated in place).
    var openChains: ContiguousArray<Int32>
    var openCount: ContiguousArray<Int32>
    var markers: [NumberingMarker?]
    var cueCache: ContiguousArray<UInt16>

    init(archive: Archive, options: ThreadOptions) {
        self.archive = archive
        self.options = options
        tweets = archive.tweets
        let n = tweets.count
        var authorIndex = StringIndex()
        var authorOf = ContiguousArray<Int32>(repeating: 0, count: n)
        var keys: [String] = []
        var times = ContiguousArray<Int64>(repeating: 0, count: n)
        var othersLead = ContiguousArray<Bool>(repeating: false, count: n)
        var markers = [NumberingMarker?](repeating: nil, count: n)
        // Per-tweet facts depend on one tweet each: read them on all cores (each chunk writes its own index range).
        times.withUnsafeMutableBufferPointer { timesOut in
            othersLead.withUnsafeMutableBufferPointer { leadOut in
                markers.withUnsafeMutableBufferPointer { markerOut in
                    nonisolated(unsafe) let timeBase = timesOut.baseAddress
                    nonisolated(unsafe) let leadBase = leadOut.baseAddress
                    nonisolated(unsafe) let markerBase = markerOut.baseAddress
                    let chunks = Swift.min(n, 64)
                    guard chunks > 0 else { return }
                    // Raw pointers in the workers: touching the array itself there would retain and release its
                    // shared buffer from both cores on every element.
                    archive.tweets.withUnsafeBufferPointer { tweetList in
                        nonisolated(unsafe) let tweets = tweetList.baseAddress!
                        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                            for i in (n * chunk / chunks)..<(n * (chunk + 1) / chunks) {
                                // `pointee` lends the tweet in place; `tweets[i]` copied it (retaining its
                                // references) to call `withUTF8Text`.
                                let tweet = tweets + i
                                timeBase![i] = tweet.pointee.createdAt.milliseconds
                                leadBase![i] = Self.leadsWithOthers(tweet)
                                markerBase![i] = tweet.pointee.withUTF8Text(NumberingMarker.parse(utf8:))
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
        openChains = ContiguousArray(repeating: -1, count: keys.count * ThreadReconstructor.maxOpenChains)
        openCount = ContiguousArray(repeating: 0, count: keys.count)
        self.markers = markers
        self.cueCache = ContiguousArray(repeating: 0, count: n)
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

    mutating func cues(_ i: Int) -> TextCues {
        let cached = cueCache[i]
        if cached & 0x8000 != 0 { return TextCues(rawValue: cached & 0x7FFF) }
        let cues = tweets[i].withUTF8Text(TextCues.init(utf8:))
        cueCache[i] = cues.rawValue | 0x8000
        return cues
    }

    /// Log-odds beyond which wording cannot change a link (confidence 0.99).
    static let decisiveScore = 4.6

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

    mutating func linkAll() {
        for position in order.indices {
            let i = Int(order[position])
            if tweets[i].isRetweet {
                // Someone else's words: never a thread part, and nothing continues it.
                chains.append(Chain(root: Int32(i), tail: Int32(i), tailTime: time(i), rootIsReply: true))
                chainOf[i] = Int32(chains.count - 1)
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
                    infer(i, before: pid)
                } else {
                    startChain(i, isReply: parentAuthor != author)
                }
                continue
            }
            if options.inference && !idsComplete {
                infer(i, before: nil)
            } else {
                startChain(i, isReply: leadsWithOthers(i))
            }
        }
    }

    mutating func infer(_ i: Int, before parentID: TweetID?) {
        let a = Int(authorOf[i])
        let now = time(i)
        let horizon = now - Int64(options.maxGap * 1000)
        var best: (chain: Int32, evidence: LinkEvidence)?
        let first = a * ThreadReconstructor.maxOpenChains
        for slot in first..<(first + Int(openCount[a])) {
            let c = openChains[slot]
            let chain = chains[Int(c)]
            guard chain.tailTime >= horizon, chain.tail != Int32(i) else { continue }
            if let parentID, tweets[Int(chain.tail)].id >= parentID { continue }
            let evidence = evaluate(i, against: chain)
            if best == nil || evidence.score > best!.evidence.score { best = (c, evidence) }
        }
        if var best, best.evidence.confidence >= options.minConfidence {
            let c = Int(best.chain)
            // Numbering links part n to part n-1: an unnumbered reply to someone else that slipped in between
            // (a detour) is taken back out of the thread.
            if chains[c].detourParent >= 0 && best.evidence.numberedInSequence {
                let detour = Int(chains[c].tail), p = Int(chains[c].detourParent)
                parent[detour] = -1
                confidence[detour] = 0
                reason[detour] = ""
                chains[c].tail = Int32(p)
                chains[c].tailTime = time(p)
                chains[c].length -= 1
                chains[c].detourParent = -1
                startChain(detour, isReply: true)
                best.evidence = evaluate(i, against: chains[c])
            }
            let tail = Int(chains[c].tail)
            // An unnumbered part is provisional when it replies to someone else, or when every part so far was
            // numbered: if the numbering then goes on without it, it was posted in between, not as a part.
            let chain = chains[c]
            let provisional = markers[i] == nil
                && (best.evidence.leading == .others || chain.numberedParts == chain.length)
            attach(i, to: tail, confidence: best.evidence.confidence, reason: best.evidence.reason,
                   detour: provisional)
        } else {
            startChain(i, isReply: leadsWithOthers(i))
        }
    }

    mutating func evaluate(_ i: Int, against chain: Chain) -> LinkEvidence {
        let tail = Int(chain.tail)
        let gap = Double(max(0, time(i) - chain.tailTime)) / 1000
        let selfKey = tweets[i].author.key
        var leading = LinkEvidence.Leading.none
        if let first = tweets[i].entities.firstReplyTo {   // O(1); the whole run only when it is needed
            if Self.sameHandle(first, selfKey) {
                leading = .selfMention
            } else {
                let run = tweets[i].entities.replyTo
                // Every handle of the run other than the author's is one the tail mentions.
                let tailMentions = tweets[tail].entities.mentions
                let prefilled = run.allSatisfy { name in
                    Self.sameHandle(name, selfKey) || tailMentions.contains { Self.sameHandle($0.value, name) }
                }
                leading = prefilled ? .autoMention : .others
            }
        }
        var conversation = LinkEvidence.Conversation.unknown
        if let conv = tweets[i].conversationID {
            let rootID = tweets[Int(chain.root)].id, rootConversation = tweets[Int(chain.root)].conversationID
            if conv == tweets[i].id {
                conversation = .ownRoot
            } else if conv == rootID || conv == rootConversation {
                conversation = .same
            } else if rootConversation != nil {
                conversation = .other
            }
        }
        // The chain announces a thread when its root or latest part does ("thread 🧵", "(1/n)"); computed only
        // for chains that meet a candidate, so most tweets are never scanned for cues.
        let plain = LinkEvidence(gap: gap, marker: markers[i], chain: chain, opener: false, leading: leading, cues: [],
                                 conversation: conversation, closerWindow: options.closerWindow)
        // Wording (closers, openers) only adds evidence: when timing and numbering alone are decisive, the text is
        // not read at all.
        guard plain.score < Self.decisiveScore else { return plain }
        let opener = cues(Int(chain.root)).contains(.opener) || cues(tail).contains(.opener)
        return LinkEvidence(gap: gap, marker: markers[i], chain: chain, opener: opener, leading: leading,
                            cues: cues(i), conversation: conversation, closerWindow: options.closerWindow)
    }

    mutating func startChain(_ i: Int, isReply: Bool) {
        let c = Int32(chains.count)
        var chain = Chain(root: Int32(i), tail: Int32(i), tailTime: time(i), rootIsReply: isReply)
        if let m = markers[i] {
            chain.lastNumber = Int32(m.number)
            chain.lastStyle = m.style
            chain.numberedParts = 1
            chain.total = Int32(m.total ?? 0)
        }
        chains.append(chain)
        chainOf[i] = c
        open(c, author: Int(authorOf[i]), now: time(i))
    }

    mutating func attach(_ i: Int, to j: Int, confidence value: Double, reason text: String, detour: Bool = false) {
        let c = chainOf[j]
        parent[i] = Int32(j)
        confidence[i] = Float(value)
        reason[i] = text
        chainOf[i] = c
        var chain = chains[Int(c)]
        chain.length += 1
        if time(i) >= chain.tailTime {
            chain.tail = Int32(i)
            chain.tailTime = time(i)
            chain.detourParent = detour ? Int32(j) : -1
        }
        if let m = markers[i] {
            chain.lastNumber = Int32(m.number)
            chain.lastStyle = m.style
            chain.numberedParts += 1
            if let total = m.total { chain.total = Int32(total) }
        }
        chains[Int(c)] = chain
        open(c, author: Int(authorOf[i]), now: time(i))
    }

    /// Keeps chain `c` among its author's open chains, dropping those older than `maxGap` and the oldest beyond
    /// ``ThreadReconstructor/maxOpenChains``.
    mutating func open(_ c: Int32, author a: Int, now: Int64) {
        let horizon = now - Int64(options.maxGap * 1000)
        let limit = ThreadReconstructor.maxOpenChains
        let first = a * limit
        // Keep, in order, the chains other than `c` still in reach; then append `c`, dropping the oldest when full.
        var kept = first
        for slot in first..<(first + Int(openCount[a])) {
            let open = openChains[slot]
            if open != c && chains[Int(open)].tailTime >= horizon {
                openChains[kept] = open
                kept += 1
            }
        }
        if kept == first + limit {
            for slot in first..<(first + limit - 1) { openChains[slot] = openChains[slot + 1] }
            kept -= 1
        }
        openChains[kept] = c
        openCount[a] = Int32(kept + 1 - first)
    }
}
