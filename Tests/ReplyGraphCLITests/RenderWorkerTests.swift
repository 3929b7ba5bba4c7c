import Foundation
import Testing

/// Issue 15, long-running use: Graphviz 2.42/2.43 leaks about 70 KiB per render of a diagram with clusters and
/// HTML-like labels, inside libgvc. `batch` draws its small diagrams (thread diagrams) in one reused child process
/// that is replaced every 200 renders (`render-dot --serve`), so its own memory stays flat and the child's is
/// bounded. `render-dot --soak N` renders a file N times on that same path and reports resident memory.
@Suite struct RenderWorkerTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "replygraph-worker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// 40 nodes in four clusters with HTML-like labels: the kind of diagram Graphviz leaks on.
    static let clustered: String = {
        var lines = ["digraph leak { rankdir=LR; node [shape=box];"]
        for c in 0..<4 {
            lines.append("subgraph cluster_\(c) { label=\"group \(c)\";")
            for n in 0..<10 { lines.append("n\(c)_\(n) [label=<<b>\(c).\(n)</b><br/>a tweet>];") }
            lines.append("}")
        }
        for c in 0..<4 { for n in 0..<9 { lines.append("n\(c)_\(n) -> n\(c)_\(n + 1);") } }
        lines.append("n0_0 -> n1_0 -> n2_0 -> n3_0; }")
        return lines.joined(separator: "\n")
    }()

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func soak(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLIRunner.run(["render-dot"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try result.json()
    }

    /// Resident memory is AddressSanitizer's under it (freed memory waits in its quarantine), so Scripts/sanitize.sh
    /// sets REPLYGRAPH_SANITIZER=address and this test is skipped there, saying why.
    @Test(
        .disabled(
            if: ProcessInfo.processInfo.environment["REPLYGRAPH_SANITIZER"] == "address",
            "resident memory under AddressSanitizer is its quarantine's, not the program's"))
    func clusteredRendersStayFlatThroughTheWorker() throws {
        #if os(Linux)
            let dot = try file("clustered.dot", Self.clustered)
            let renders = 600
            let worker = try soak(["--input", dot, "--soak", "\(renders)"])
            let parentGrowth =
                try #require(worker["rss_end"] as? Int) - (try #require(worker["rss_after_warm_up"] as? Int))
            let perWorker = try #require(worker["renders_per_worker"] as? Int)
            // The renders ran in workers, each replaced after its share: the caller's memory did not move.
            #expect(worker["workers"] as? Int == (renders + perWorker - 1) / perWorker)
            #expect(parentGrowth < 4 << 20, "the caller grew by \(parentGrowth >> 10) KiB over \(renders) renders")

            // The same renders in one process: the leak the worker contains (about 70 KiB a render, 35 MiB here).
            let inProcess = try soak(["--input", dot, "--soak", "\(renders)", "--in-process"])
            let leaked =
                try #require(inProcess["rss_end"] as? Int) - (try #require(inProcess["rss_after_warm_up"] as? Int))
            #expect(
                leaked > 16 << 20,
                "in one process \(renders) renders grew by only \(leaked >> 10) KiB: no leak to contain?")
            // A worker's memory is bounded by its share of renders: well under one process's after all of them.
            let workerPeak = try #require(worker["worker_rss_peak"] as? Int)
            let inProcessEnd = try #require(inProcess["rss_end"] as? Int)
            #expect(
                workerPeak > 0 && workerPeak < inProcessEnd - leaked / 3,
                "a worker reached \(workerPeak >> 10) KiB; one process after \(renders) renders \(inProcessEnd >> 10) KiB"
            )
        #endif
    }

    @Test func theWorkerRendersWhatTheProcessRenders() throws {
        let dot = try file("clustered.dot", Self.clustered)
        let direct = try CLIRunner.run(["render-dot", "--input", dot])
        let worker = try CLIRunner.run(["render-dot", "--worker", "--timeout", "60", "--input", dot])
        #expect(direct.status == 0 && worker.status == 0, "\(direct.stderr)\(worker.stderr)")
        #expect(worker.stdout == direct.stdout && direct.stdout.contains("<svg"))
        // Graphviz's refusal comes back as the same message.
        let bad = try file("bad.dot", "digraph { a -> ; }")
        let refused = try CLIRunner.run(["render-dot", "--worker", "--timeout", "60", "--input", bad])
        let refusedDirect = try CLIRunner.run(["render-dot", "--input", bad])
        #expect(refused.status == 70 && refusedDirect.status == 70)
        #expect(refused.stderr == refusedDirect.stderr && refused.stderr.contains("syntax"), "\(refused.stderr)")
    }

    /// A worker render past its bound is stopped like a render in a child of its own.
    @Test func aWorkerRenderPastTheBoundIsStopped() throws {
        let dot = try file("never.dot", RenderBoundTests.neverEndingDOT)
        let result = try CLIRunner.run(["render-dot", "--worker", "--engine", "sfdp", "--timeout", "2", "--input", dot])
        #expect(result.status == 70)
        #expect(result.stderr.contains("Graphviz did not finish within 2 s and was stopped"), "\(result.stderr)")
    }
}
