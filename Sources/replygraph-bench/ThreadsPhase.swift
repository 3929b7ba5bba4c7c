import Foundation
import ReplyGraph

extension Bench {
    /// `threads FILE... [--dump PATH]`: parses the inputs, then times building the typed graph with thread
    /// reconstruction, and prints one JSON line. `--dump` writes `tweet-id root-id` for every thread member.
    static func threads(_ args: [String]) throws {
        var paths = args
        var dump: String?
        if let k = paths.firstIndex(of: "--dump"), k + 1 < paths.count {
            dump = paths[k + 1]
            paths.removeSubrange(k...(k + 1))
        }
        let clock = ContinuousClock()
        var archive: Archive?
        let parse = try clock.measure { archive = try ArchiveReader().read(paths: paths) }
        var graph: ReplyGraph?
        let build = clock.measure { graph = ReplyGraph(archive!) }
        let g = graph!
        let edges = g.edgeCount
        let bytes = g.tweetGraph.storageBytes
        let threadTweets = g.threads.reduce(0) { $0 + $1.length }
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        print("{\"phase\":\"threads\",\"tweets\":\(g.archive.tweets.count),\"parse_seconds\":\(seconds(parse)),"
              + "\"graph_threads_seconds\":\(seconds(build)),\"nodes\":\(g.nodeCount),\"edges\":\(edges),"
              + "\"graph_bytes\":\(bytes),\"bytes_per_edge\":\(Double(bytes) / Double(max(edges, 1))),"
              + "\"threads\":\(g.threads.count),\"thread_tweets\":\(threadTweets),\"follow_ups\":\(g.followUps.count)}")
        if let dump {
            var out = ""
            for thread in g.threads { for id in thread.tweets { out += "\(id) \(thread.root)\n" } }
            try out.write(toFile: dump, atomically: true, encoding: .utf8)
        }
    }
}
