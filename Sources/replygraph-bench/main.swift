// Benchmark phases, timed in a release build: `replygraph-bench PHASE [ARGS...]`.
// Each phase lives in its own file as `static func` on `Bench` and prints one JSON line of figures.
import Foundation
import ReplyGraph

enum Bench {
    static let phases: [String: @Sendable ([String]) throws -> Void] = [
        "parse": parse,
        "threads": threads,
        "centrality": centrality,
        "render": render,
    ]

    static func parse(_ args: [String]) throws {
        let clock = ContinuousClock()
        var archive: Archive?
        let elapsed = try clock.measure { archive = try ArchiveReader().read(paths: args) }
        let bytes = archive!.inputs.reduce(0) { $0 + $1.bytes }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("{\"phase\":\"parse\",\"tweets\":\(archive!.tweets.count),\"bytes\":\(bytes),\"seconds\":\(seconds)}")
    }
}

let arguments = CommandLine.arguments.dropFirst()
guard let phase = arguments.first, let run = Bench.phases[phase] else {
    print("usage: replygraph-bench PHASE ARGS...   phases: \(Bench.phases.keys.sorted().joined(separator: ", "))")
    exit(64)
}
try run(Array(arguments.dropFirst()))
