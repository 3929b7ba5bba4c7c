import Foundation

/// An archive whose thread links are known, with those links hidden from inference: the unit that
/// ``ThreadEvaluator`` scores and that the link model is fitted on.
///
///     // An account export states every reply id: they become the truth, and inference never sees them.
///     let export = try ArchiveReader(options: .init(exportOwner: Handle("me"))).read(paths: ["tweets.js"])
///     let labelled = LabelledArchive(statedLinks: export)
///     labelled.truthLinks        // 569: tweets whose stated parent is the author's own tweet in the archive
///
/// Truth is Twitter's own: a link is (child, parent) where the child replies to the parent and both are the same
/// author's tweets in the archive; that includes a reply split over several self-replies under someone else's tweet.
public struct LabelledArchive: Sendable {
    /// A name for reports: the author's handle, or the file.
    public var name: String
    /// The archive as inference sees it: no reply ids, no reply-to users, no conversation ids.
    public var archive: Archive
    /// For each archive position, the position of the true parent, or -1.
    var truthParent: ContiguousArray<Int32>
    /// For each archive position, whether the tweet is scored (all of them unless labels cover a period only).
    var inScope: ContiguousArray<Bool>
    /// Hand labels of threads say nothing of reply chains (chains under someone else's tweet): inferred links in
    /// those are not scored. Stated reply ids cover both.
    var labelsThreadsOnly = false

    /// The number of true links among scored tweets.
    package var truthLinks: Int {
        truthParent.indices.filter { truthParent[$0] >= 0 && inScope[$0] }.count
    }

    /// Takes the truth from the reply ids the archive states (an account export or API v2 pages) and hides them.
    public init(statedLinks archive: Archive, name: String? = nil) {
        let n = archive.tweets.count
        var truth = ContiguousArray<Int32>(repeating: -1, count: n)
        for i in 0..<n {
            let tweet = archive.tweets[i]
            if !tweet.isRetweet, let pid = tweet.inReplyToID, let j = archive.index(of: pid), j != i,
                archive.tweets[j].author == tweet.author, !archive.tweets[j].isRetweet
            {
                truth[i] = Int32(j)
            }
        }
        self.name = name ?? Self.defaultName(archive)
        self.archive = Self.hidingReplies(archive)
        self.truthParent = truth
        self.inScope = ContiguousArray(repeating: true, count: n)
    }

    /// Takes the truth from hand labels: threads as lists of tweet ids in order (each part continues the one
    /// before), scoring only the tweets in `scope` (all when `nil`). Labels of threads cover threads only: links
    /// that inference puts in reply chains (``ThreadKind/replyChain``) are left out of the scores.
    public init(archive: Archive, threads: [[TweetID]], scope: Set<TweetID>? = nil, name: String? = nil) {
        let n = archive.tweets.count
        var truth = ContiguousArray<Int32>(repeating: -1, count: n)
        for ids in threads {
            for k in ids.indices.dropFirst() {
                if let child = archive.index(of: ids[k]), let parent = archive.index(of: ids[k - 1]) {
                    truth[child] = Int32(parent)
                }
            }
        }
        self.name = name ?? Self.defaultName(archive)
        self.archive = Self.hidingReplies(archive)
        self.truthParent = truth
        self.inScope = ContiguousArray(archive.tweets.map { scope?.contains($0.id) ?? true })
        self.labelsThreadsOnly = true
    }

    /// Threads as hand labels write them, `[{"ids": ["<root id>", "<next id>", ...]}, ...]` oldest first (other keys
    /// ignored), for ``init(archive:threads:scope:name:)``.
    package static func threadLabels(from json: Data) throws -> [[TweetID]] {
        struct Labelled: Decodable { var ids: [String] }
        return try JSONDecoder().decode([Labelled].self, from: json).map { $0.ids.compactMap { TweetID($0) } }
    }

    /// The archive as inference sees it: every tweet without its reply id, reply-to user and conversation id.
    private static func hidingReplies(_ archive: Archive) -> Archive {
        var hidden = archive.tweets
        for i in hidden.indices
        where hidden[i].inReplyToID != nil || hidden[i].inReplyToUser != nil || hidden[i].conversationID != nil {
            hidden[i].inReplyToID = nil
            hidden[i].inReplyToUser = nil
            hidden[i].conversationID = nil
        }
        return Archive(tweets: hidden)
    }

    private static func defaultName(_ archive: Archive) -> String {
        var counts: [Handle: Int] = [:]
        for t in archive.tweets { counts[t.author, default: 0] += 1 }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key.key > $1.key.key }?.key.display
            ?? archive.inputs.first?.name ?? "archive"
    }
}

/// How well thread inference reproduces known links: per labelled archive and overall, link precision, recall and
/// F1, the share of threads reproduced exactly, a 60-second-rule baseline, and the calibration of the confidences.
///
///     let report = ThreadEvaluator().evaluate([LabelledArchive(statedLinks: export)])
///     report.archives[0].links.f1           // e.g. 0.93
///     report.calibration.expectedError      // e.g. 0.02: confidences are probabilities
public struct ThreadEvaluation: Sendable {
    /// Link and thread scores.
    public struct Scores: Sendable, Hashable {
        package var truthLinks = 0
        package var predictedLinks = 0
        package var correctLinks = 0
        package var truthThreads = 0
        package var exactThreads = 0

        /// Correct links over predicted links (1 when nothing was predicted).
        public var precision: Double { predictedLinks == 0 ? 1 : Double(correctLinks) / Double(predictedLinks) }
        /// Correct links over true links (1 when there are none).
        public var recall: Double { truthLinks == 0 ? 1 : Double(correctLinks) / Double(truthLinks) }
        /// The harmonic mean of precision and recall.
        public var f1: Double {
            let p = precision
            let r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
        /// The share of true threads whose members inference found exactly.
        package var exactShare: Double { truthThreads == 0 ? 1 : Double(exactThreads) / Double(truthThreads) }

        static func + (a: Scores, b: Scores) -> Scores {
            Scores(
                truthLinks: a.truthLinks + b.truthLinks, predictedLinks: a.predictedLinks + b.predictedLinks,
                correctLinks: a.correctLinks + b.correctLinks, truthThreads: a.truthThreads + b.truthThreads,
                exactThreads: a.exactThreads + b.exactThreads)
        }
    }

    /// One row of the reliability table: candidates whose confidence falls in `lower..<upper`.
    package struct ReliabilityBin: Sendable, Hashable {
        package var lower: Double
        package var upper: Double
        package var count: Int
        package var meanConfidence: Double
        /// The share of these candidates that are true links.
        package var accuracy: Double
    }

    /// Calibration over every scored candidate link.
    package struct Calibration: Sendable, Hashable {
        package var candidates: Int
        /// Expected calibration error over 10 equal-width bins: Σ (n_b / N) · |accuracy_b − confidence_b|.
        package var expectedError: Double
        package var bins: [ReliabilityBin]
    }

    package struct ArchiveResult: Sendable {
        package var name: String
        package var tweets: Int
        package var links: Scores
        /// The 60-second rule: each tweet continues its author's previous tweet when posted within a minute.
        package var baseline: Scores
        package var calibration: Calibration
    }

    package var archives: [ArchiveResult]
    /// All links pooled.
    public var overall: Scores
    /// The mean of the archives' F1.
    public var macroF1: Double
    package var calibration: Calibration
}

/// Scores thread inference on archives whose links are known (``LabelledArchive``).
public struct ThreadEvaluator: Sendable {
    package var options: ThreadOptions

    /// An evaluator that reconstructs threads with `options`.
    public init(options: ThreadOptions = ThreadOptions()) { self.options = options }

    /// Reconstructs each archive's threads and scores the links against its labels.
    public func evaluate(_ archives: [LabelledArchive]) -> ThreadEvaluation {
        evaluate(archives.map { ($0, LinkModel.fitted) })
    }

    /// Each archive scored by its own model (leave-one-author-out evaluation scores each by a model fitted
    /// without it).
    package func evaluate(_ pairs: [(LabelledArchive, LinkModel)], thresholdsFromModels: Bool = false)
        -> ThreadEvaluation
    {
        var results: [ThreadEvaluation.ArchiveResult] = []
        var pooled: [(Double, Bool)] = []
        for (labelled, model) in pairs {
            var evaluator = self
            if thresholdsFromModels { evaluator.options.minConfidence = model.threshold }
            let (result, scored) = evaluator.evaluate(labelled, model: model)
            results.append(result)
            pooled += scored
        }
        let overall = results.reduce(ThreadEvaluation.Scores()) { $0 + $1.links }
        let macro = results.isEmpty ? 0 : results.map(\.links.f1).reduce(0, +) / Double(results.count)
        return ThreadEvaluation(
            archives: results, overall: overall, macroF1: macro,
            calibration: Self.calibration(pooled))
    }

    func evaluate(_ labelled: LabelledArchive, model: LinkModel) -> (ThreadEvaluation.ArchiveResult, [(Double, Bool)]) {
        var state = ReconstructionState(archive: labelled.archive, options: options, model: model)
        state.log = []
        state.linkAll()
        let truth = labelled.truthParent
        let scope = labelled.inScope
        var scored: [(Double, Bool)] = []
        for c in state.log! where scope[Int(c.child)] && scope[Int(c.candidate)] {
            scored.append((model.probability(score: c.score), truth[Int(c.child)] == c.candidate))
        }
        var predicted = state.parent.array
        if labelled.labelsThreadsOnly {
            for i in predicted.indices where predicted[i] >= 0 && state.chains[Int(state.chainOf[i])].rootIsReply {
                predicted[i] = -1
            }
        }
        let links = Self.scores(predicted: predicted, truth: truth, scope: scope)
        let baseline = Self.scores(predicted: Self.sixtySecondRule(state), truth: truth, scope: scope)
        let result = ThreadEvaluation.ArchiveResult(
            name: labelled.name, tweets: scope.filter { $0 }.count, links: links, baseline: baseline,
            calibration: Self.calibration(scored))
        return (result, scored)
    }

    /// Each tweet continues its author's previous tweet (retweets aside) when posted within 60 seconds.
    static func sixtySecondRule(_ state: ReconstructionState) -> ContiguousArray<Int32> {
        var parent = ContiguousArray<Int32>(repeating: -1, count: state.tweets.count)
        var last = [Int32](repeating: -1, count: state.authorKeys.count)
        for position in state.order {
            let i = Int(position)
            guard !state.tweets[i].isRetweet else { continue }
            let a = Int(state.authorOf[i])
            if last[a] >= 0 && state.time(i) - state.time(Int(last[a])) <= 60_000 { parent[i] = last[a] }
            last[a] = Int32(i)
        }
        return parent
    }

    /// Links and exact threads, counting only links whose child and parent are both in scope.
    static func scores(
        predicted: ContiguousArray<Int32>, truth: ContiguousArray<Int32>,
        scope: ContiguousArray<Bool>
    ) -> ThreadEvaluation.Scores {
        var s = ThreadEvaluation.Scores()
        let n = truth.count
        for i in 0..<n where scope[i] {
            let t = Int(truth[i])
            let p = Int(predicted[i])
            let hasTruth = t >= 0 && scope[t]
            let hasPrediction = p >= 0 && scope[p]
            if hasTruth { s.truthLinks += 1 }
            if hasPrediction { s.predictedLinks += 1 }
            if hasTruth && hasPrediction && t == p { s.correctLinks += 1 }
        }
        // Threads: the connected components of each link set (in scope), compared member for member.
        let truthRoots = components(truth, scope: scope)
        let predictedRoots = components(predicted, scope: scope)
        var truthMembers: [Int32: [Int32]] = [:]
        var predictedMembers: [Int32: [Int32]] = [:]
        for i in 0..<n where scope[i] {
            truthMembers[truthRoots[i], default: []].append(Int32(i))
            predictedMembers[predictedRoots[i], default: []].append(Int32(i))
        }
        for (root, members) in truthMembers where members.count >= 2 {
            s.truthThreads += 1
            if predictedMembers[predictedRoots[Int(root)]] == members { s.exactThreads += 1 }
        }
        return s
    }

    /// The root of each tweet's component under the links (parents are earlier in time, so following them ends).
    private static func components(_ parent: ContiguousArray<Int32>, scope: ContiguousArray<Bool>) -> [Int32] {
        var root = [Int32](repeating: -1, count: parent.count)
        func find(_ i: Int) -> Int32 {
            var path: [Int] = []
            var k = i
            while root[k] < 0 {
                let p = Int(parent[k])
                guard p >= 0, scope[p], path.count <= parent.count else {
                    root[k] = Int32(k)
                    break
                }
                path.append(k)
                k = p
            }
            let r = root[k]
            for m in path { root[m] = r }
            return r
        }
        for i in parent.indices { _ = find(i) }
        return root
    }

    /// The reliability table over 10 equal-width bins and the expected calibration error.
    static func calibration(_ scored: [(Double, Bool)]) -> ThreadEvaluation.Calibration {
        var count = [Int](repeating: 0, count: 10)
        var confidence = [Double](repeating: 0, count: 10)
        var right = [Int](repeating: 0, count: 10)
        for (p, correct) in scored {
            let b = min(9, max(0, Int(p * 10)))
            count[b] += 1
            confidence[b] += p
            if correct { right[b] += 1 }
        }
        let total = scored.count
        var ece = 0.0
        var bins: [ThreadEvaluation.ReliabilityBin] = []
        for b in 0..<10 {
            let n = count[b]
            let mean = n == 0 ? 0 : confidence[b] / Double(n)
            let accuracy = n == 0 ? 0 : Double(right[b]) / Double(n)
            if n > 0 { ece += Double(n) / Double(total) * abs(accuracy - mean) }
            bins.append(
                ThreadEvaluation.ReliabilityBin(
                    lower: Double(b) / 10, upper: Double(b + 1) / 10, count: n,
                    meanConfidence: mean, accuracy: accuracy))
        }
        return ThreadEvaluation.Calibration(candidates: total, expectedError: ece, bins: bins)
    }
}

// JSON keys in snake_case (`replygraph evaluate --format json`).
extension ThreadEvaluation: Encodable {
    enum CodingKeys: String, CodingKey {
        case archives, overall, calibration
        case macroF1 = "macro_f1"
    }
}

extension ThreadEvaluation.Scores: Encodable {
    enum CodingKeys: String, CodingKey {
        case precision, recall, f1
        case truthLinks = "truth_links"
        case predictedLinks = "predicted_links"
        case correctLinks = "correct_links"
        case truthThreads = "truth_threads"
        case exactThreads = "exact_threads"
        case exactShare = "exact_share"
    }

    /// Encodes the scores with snake_case keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(precision, forKey: .precision)
        try c.encode(recall, forKey: .recall)
        try c.encode(f1, forKey: .f1)
        try c.encode(truthLinks, forKey: .truthLinks)
        try c.encode(predictedLinks, forKey: .predictedLinks)
        try c.encode(correctLinks, forKey: .correctLinks)
        try c.encode(truthThreads, forKey: .truthThreads)
        try c.encode(exactThreads, forKey: .exactThreads)
        try c.encode(exactShare, forKey: .exactShare)
    }
}

extension ThreadEvaluation.ReliabilityBin: Encodable {
    enum CodingKeys: String, CodingKey {
        case lower, upper, count, accuracy
        case meanConfidence = "mean_confidence"
    }
}

extension ThreadEvaluation.Calibration: Encodable {
    enum CodingKeys: String, CodingKey {
        case candidates, bins
        case expectedError = "expected_calibration_error"
    }
}

extension ThreadEvaluation.ArchiveResult: Encodable {
    enum CodingKeys: String, CodingKey {
        case name, tweets, links, calibration
        case baseline = "sixty_second_rule"
    }
}
