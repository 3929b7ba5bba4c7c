import Foundation

extension UserGraph {
    /// Projects tweets onto a user→user graph of the given kind.
    ///
    ///     let graph = UserGraph.project(.mention, tweets: archive.tweets)
    ///     graph.labels[0]                                  // "alexxubyte"
    ///     graph.weight(from: 0, to: graph.node(named: "SubstackInc")!)   // tweets mentioning it
    ///
    /// Handles are merged case-insensitively; a node's label is its spelling as first seen (tweets in id order,
    /// author before targets). Nodes appear in that first-seen order, and only when an edge (possibly a
    /// self-loop) survives the filters. Edge weights count tweets: a tweet naming a handle twice counts once.
    ///
    /// - `mention`: author → ``Tweet/mentionedHandles``.
    /// - `reply`: author → ``Tweet/replyHandles``.
    /// - `interaction`: the mention and reply edges above, plus author → the author of the quoted tweet and
    ///   author → the author of the retweeted tweet (looked up in `tweets`, then `externalTweets`; an old-style
    ///   `RT @user:` retweet falls back to `user`). Per-kind weights are kept; the `RT @user` handle also counts
    ///   as a mention, as in the mention graph, so the mention part of an interaction graph equals the mention graph.
    /// - `coMention`: undirected, one edge per pair of distinct handles among a tweet's reply and mentioned handles.
    ///
    /// - Parameters:
    ///   - kind: the relation to project.
    ///   - tweets: the tweets, in any order (ids decide which spelling is first seen only through that order).
    ///   - externalTweets: tweets known by reference, for quote and retweet targets.
    ///   - options: weight and time filters, and whether metrics see self-loops.
    ///   - parts: the number of parts projected in parallel (by default all cores for large lists); the result is
    ///     the same for every count.
    /// - Complexity: O(T + E log E) for T tweets and E (tweet, target) pairs.
    package static func project(
        _ kind: UserGraphKind, tweets: [Tweet],
        externalTweets: [TweetID: ExternalTweet] = [:],
        options: UserGraphOptions = UserGraphOptions(), parts: Int? = nil
    ) -> UserGraph {
        let kinds = kind == .interaction ? InteractionKind.allCases.count : 1
        // Quote and retweet targets by id: an archive's tweets are sorted and unique, so a binary search finds them
        // without a table of every tweet; other lists get the table (the last of equal ids wins, as before).
        var sortedUnique = true
        if kind == .interaction {
            let list = tweets.span
            for k in list.indices.dropFirst() where !(list[k - 1].id < list[k].id) {
                sortedUnique = false
                break
            }
        }
        var authorOfTweet: [TweetID: Handle] = [:]
        if kind == .interaction && !sortedUnique {
            authorOfTweet.reserveCapacity(tweets.count)
            for tweet in tweets { authorOfTweet[tweet.id] = tweet.author }
        }
        let lookup = TargetLookup(
            tweets: tweets, sortedUnique: sortedUnique, authorOfTweet: authorOfTweet, externalTweets: externalTweets)
        // Large archives are projected in contiguous parts on all cores, each with its own node numbering; the parts'
        // nodes are then numbered in part order (the order of first sight over the whole list) and their edges
        // renumbered and concatenated in tweet order, so the result is that of one pass.
        let parts = parts ?? (tweets.count >= Self.parallelThreshold ? ProcessInfo.processInfo.activeProcessorCount : 1)
        let partial = Parallel.map(parts, chunks: parts) { p in
            var projector = Projector(kind: kind, kindCount: kinds, options: options)
            projector.project(tweets, Parallel.chunk(p, of: parts, count: tweets.count), lookup)
            return projector
        }
        // The first part's numbering is the whole list's so far; each later part's nodes are looked up in order.
        var builder = partial[0].builder
        var nodeOfKey = partial[0].nodeOfKey
        var labels = partial[0].labels
        var keys = partial[0].keys
        for part in partial.dropFirst() {
            let global = part.keys.indices.map { local in
                let key = part.keys[local]
                if let node = nodeOfKey.id(of: key) { return node }
                let node = Int32(labels.count)
                nodeOfKey.add(key, id: node)
                labels.append(part.labels[local])
                keys.append(key)
                return node
            }
            builder.keys.reserveCapacity(builder.keys.count + part.builder.keys.count)
            for key in part.builder.keys {
                var a = UInt64(UInt32(global[Int(key >> 32)]))
                var b = UInt64(UInt32(global[Int(key & 0xFFFF_FFFF)]))
                if !kind.isDirected && a > b { swap(&a, &b) }
                builder.keys.append((a << 32) | b)
            }
            builder.weights += part.builder.weights
        }

        // Drop light edges, then nodes left without any edge, keeping first-seen order.
        let merged = builder.merged()
        var keep = [Bool](repeating: false, count: merged.keys.count)
        var used = [Bool](repeating: false, count: labels.count)
        for i in merged.keys.indices where merged.total(i) >= options.minWeight {
            keep[i] = true
            used[Int(merged.keys[i] >> 32)] = true
            used[Int(merged.keys[i] & 0xFFFF_FFFF)] = true
        }
        var newIndex = [Int32](repeating: -1, count: labels.count)
        var keptLabels: [String] = []
        var keptKeys: [String] = []
        for v in labels.indices where used[v] {
            newIndex[v] = Int32(keptLabels.count)
            keptLabels.append(labels[v])
            keptKeys.append(keys[v])
        }
        // Renumbering keeps the order of the nodes, so the compacted keys stay unique and ascending.
        var compact = Builder(directed: kind.isDirected, kindCount: kinds)
        compact.keys.reserveCapacity(merged.keys.count)
        compact.weights.reserveCapacity(merged.weights.count)
        for i in merged.keys.indices where keep[i] {
            let u = newIndex[Int(merged.keys[i] >> 32)]
            let v = newIndex[Int(merged.keys[i] & 0xFFFF_FFFF)]
            compact.add(u, v, weights: merged.weights[(i * kinds)..<((i + 1) * kinds)])
        }
        return UserGraph(
            labels: keptLabels, keys: keptKeys, builder: compact, includeSelf: options.includeSelf,
            keepKinds: kind == .interaction)
    }
}

extension UserGraph {
    /// Archives with fewer tweets are projected on one core.
    static let parallelThreshold = 200_000

    /// Finds the author of a quoted or retweeted tweet: in the tweets (by binary search when they are sorted and
    /// unique, else through a table), then in the external tweets.
    private struct TargetLookup: Sendable {
        let tweets: [Tweet]
        let sortedUnique: Bool
        let authorOfTweet: [TweetID: Handle]
        let externalTweets: [TweetID: ExternalTweet]

        func author(of id: TweetID) -> Handle? { archived(id) ?? externalTweets[id]?.author }

        private func archived(_ id: TweetID) -> Handle? {
            guard sortedUnique else { return authorOfTweet[id] }
            var lo = 0
            var hi = tweets.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if tweets[mid].id < id { lo = mid + 1 } else { hi = mid }
            }
            return lo < tweets.count && tweets[lo].id == id ? tweets[lo].author : nil
        }
    }

    /// The projection of a run of tweets, with nodes numbered in the run's order of first sight.
    private struct Projector {
        let kind: UserGraphKind
        let options: UserGraphOptions
        var builder: Builder
        var nodeOfKey = StringIndex()
        /// Per node: its key (folded handle) and its label (the spelling first seen).
        var keys: [String] = []
        var labels: [String] = []

        init(kind: UserGraphKind, kindCount: Int, options: UserGraphOptions) {
            self.kind = kind
            self.options = options
            builder = Builder(directed: kind.isDirected, kindCount: kindCount)
        }

        mutating func intern(_ handle: Handle) -> Int32 {
            if let node = nodeOfKey.id(of: handle.key) { return node }
            let node = Int32(labels.count)
            nodeOfKey.add(handle.key, id: node)
            keys.append(handle.key)
            labels.append(handle.display)
            return node
        }

        mutating func project(_ tweets: [Tweet], _ range: Range<Int>, _ lookup: TargetLookup) {
            let list = tweets.span
            for k in range {
                if let since = options.since, list[k].createdAt < since { continue }
                if let until = options.until, list[k].createdAt >= until { continue }
                switch kind {
                case .mention:
                    let mentioned = list[k].mentionedHandles
                    if mentioned.isEmpty { continue }
                    let a = intern(list[k].author)
                    for handle in mentioned { builder.add(a, intern(handle), kind: 0, weight: 1) }
                case .reply:
                    let replied = list[k].replyHandles
                    if replied.isEmpty { continue }
                    let a = intern(list[k].author)
                    for handle in replied { builder.add(a, intern(handle), kind: 0, weight: 1) }
                case .interaction:
                    let replied = list[k].replyHandles
                    let mentioned = list[k].mentionedHandles(besides: replied)
                    var quoted: Handle?
                    if let id = list[k].quotedID { quoted = lookup.author(of: id) }
                    var retweeted: Handle?
                    if list[k].isRetweet {
                        if let id = list[k].retweetedID { retweeted = lookup.author(of: id) }
                        if retweeted == nil, list[k].withUTF8Text({ $0.starts(with: "RT @".utf8) }),
                            let first = list[k].entities.mentions.first
                        {
                            retweeted = Handle(first.value)
                        }
                    }
                    if mentioned.isEmpty && replied.isEmpty && quoted == nil && retweeted == nil { continue }
                    let a = intern(list[k].author)
                    for handle in mentioned {
                        builder.add(a, intern(handle), kind: InteractionKind.mention.rawValue, weight: 1)
                    }
                    for handle in replied {
                        builder.add(a, intern(handle), kind: InteractionKind.reply.rawValue, weight: 1)
                    }
                    if let quoted { builder.add(a, intern(quoted), kind: InteractionKind.quote.rawValue, weight: 1) }
                    if let retweeted {
                        builder.add(a, intern(retweeted), kind: InteractionKind.retweet.rawValue, weight: 1)
                    }
                case .coMention:
                    let handles = list[k].replyHandles + list[k].mentionedHandles
                    if handles.count < 2 { continue }
                    var seen = Set<Handle>()
                    let unique = handles.filter { seen.insert($0).inserted }
                    let nodes = unique.map { intern($0) }
                    for i in nodes.indices {
                        for j in nodes.index(after: i)..<nodes.endIndex {
                            builder.add(nodes[i], nodes[j], kind: 0, weight: 1)
                        }
                    }
                }
            }
        }
    }
}

extension UserGraph.Builder {
    mutating func add(_ u: Int32, _ v: Int32, weights w: ArraySlice<Double>) {
        var a = UInt64(UInt32(u))
        var b = UInt64(UInt32(v))
        if !directed && a > b { swap(&a, &b) }
        keys.append((a << 32) | b)
        weights.append(contentsOf: w)
    }
}

extension ReplyGraph {
    /// The archive's user→user graph of the given kind; see `UserGraph/project(_:tweets:externalTweets:options:)`.
    ///
    ///     let mentions = ReplyGraph(archive).userGraph(.mention)
    ///
    /// - Complexity: O(T + E log E) for T tweets and E (tweet, target) pairs.
    public func userGraph(_ kind: UserGraphKind, options: UserGraphOptions = UserGraphOptions()) -> UserGraph {
        UserGraph.project(kind, tweets: archive.tweets, externalTweets: archive.externalTweets, options: options)
    }
}
