import Foundation
import ReplyGraph

extension Bench {
    /// `threads FILE... [--dump PATH]`: parses the inputs, then times building the typed graph with thread
    /// reconstruction, and prints one JSON line. `--dump` writes `tweet-id root-id` for every thread member;
    /// `--fingerprint` writes every result the build produces (see ``fingerprint(_:)``), to compare before and
    /// after a change.
    static func threads(_ args: [String]) throws {
        var paths = args
        var dump: String?
        var fingerprintPath: String?
        if let k = paths.firstIndex(of: "--dump"), k + 1 < paths.count {
            dump = paths[k + 1]
            paths.removeSubrange(k...(k + 1))
        }
        if let k = paths.firstIndex(of: "--fingerprint"), k + 1 < paths.count {
            fingerprintPath = paths[k + 1]
            paths.removeSubrange(k...(k + 1))
        }
        // Without an input, an option's value was taken for the input (`threads --fingerprint corpus.txt`), and
        // writing the output would replace that archive.
        guard !paths.isEmpty else { throw OutputIsInput(path: dump ?? fingerprintPath ?? "-") }
        // An output named like an input would replace the archive being measured (`--fingerprint corpus.txt`
        // with the option's value forgotten): refuse it.
        for output in [dump, fingerprintPath].compactMap({ $0 }) {
            let resolved = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
            if paths.contains(where: {
                URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path == resolved
            }) {
                throw OutputIsInput(path: output)
            }
        }
        let clock = ContinuousClock()
        var archive: Archive?
        let parse = try clock.measure { archive = try ArchiveReader().read(paths: paths) }
        var graph: ReplyGraph?
        let cpuBefore = processCPUSeconds()
        let build = clock.measure { graph = ReplyGraph(archive!) }
        let cpu = processCPUSeconds() - cpuBefore
        let g = graph!
        let edges = g.edgeCount
        let bytes = g.tweetGraph.storageBytes
        let threadTweets = g.threads.reduce(0) { $0 + $1.length }
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        print(
            "{\"phase\":\"threads\",\"tweets\":\(g.archive.tweets.count),\"parse_seconds\":\(seconds(parse)),"
                + "\"graph_threads_seconds\":\(seconds(build)),\"graph_threads_cpu_seconds\":\(cpu),\"nodes\":\(g.nodeCount),\"edges\":\(edges),"
                + "\"graph_bytes\":\(bytes),\"bytes_per_edge\":\(Double(bytes) / Double(max(edges, 1))),"
                + "\"threads\":\(g.threads.count),\"thread_tweets\":\(threadTweets),\"follow_ups\":\(g.followUps.count)}"
        )
        if let dump {
            var out = ""
            for thread in g.threads { for id in thread.tweets { out += "\(id) \(thread.root)\n" } }
            try out.write(toFile: dump, atomically: true, encoding: .utf8)
        }
        if let fingerprintPath {
            try fingerprint(g).write(toFile: fingerprintPath, atomically: true, encoding: .utf8)
        }
    }

    /// Every result of building `g`, one fact a line: threads (members, links with confidence and reason, numbering,
    /// follow-ups), the follow-up list, and the graph (users, external tweets, out-edges in order, in-edge order).
    /// Doubles print in full (shortest round-trip form), so any change to a result changes the text.
    static func fingerprint(_ g: ReplyGraph) -> String {
        var out = ""
        out.reserveCapacity(64 * (g.archive.tweets.count + g.edgeCount))
        for t in g.threads {
            out +=
                "thread \(t.root) \(t.author.key) \(t.numbering.rawValue) \(t.confidence) \(t.start.milliseconds) "
                + "\(t.end.milliseconds) tweets \(t.tweets.map(\.rawValue)) numbers \(t.numbers) "
                + "missing \(t.missingNumbers) repeated \(t.repeatedNumbers)\n"
            for l in t.links { out += "  link \(l.from) \(l.to) \(l.confidence) \(l.reason)\n" }
            for f in t.followUps { out += "  followUp \(f.tweet) \(f.target) \(f.confidence) \(f.reason)\n" }
        }
        for f in g.followUps { out += "followUp \(f.tweet) \(f.target) \(f.confidence) \(f.reason)\n" }
        let graph = g.tweetGraph
        out +=
            "nodes \(graph.nodeCount) tweets \(graph.tweetCount) external \(graph.externalTweetCount) "
            + "users \(graph.userCount) edges \(graph.edgeCount) "
            + "byKind \(EdgeKind.allCases.map { graph.edgeCount($0) })\n"
        for node in graph.nodes {
            switch graph.kind(of: node) {
            case .tweet: break
            case .externalTweet: out += "n\(node.rawValue) external \(graph.tweetID(of: node)!)\n"
            case .user:
                let h = graph.handle(of: node)!
                out += "n\(node.rawValue) user \(h.display) \(h.key) \(graph.node(for: h) == node)\n"
            }
            for e in graph.edges(from: node) {
                out += "  > \(e.target.rawValue) \(e.kind) \(e.confidence)\n"
            }
            var ins = "  <"
            for e in graph.edges(to: node) { ins += " \(e.source.rawValue):\(e.kind.rawValue)" }
            out += ins + "\n"
        }
        return out
    }
}

/// User and system CPU seconds of this process so far, all threads: unlike the wall clock, it does not grow when other
/// work on the machine holds the cores.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// An output path that names one of the inputs.
struct OutputIsInput: Error, CustomStringConvertible {
    var path: String
    var description: String {
        "refusing to write \(path): it is one of the inputs, or no input was given (threads FILE... --fingerprint OUT)"
    }
}
