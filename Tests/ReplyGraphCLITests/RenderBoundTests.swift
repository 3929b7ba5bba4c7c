import Foundation
import Testing

/// Issue 15, row 3: layouts Graphviz cannot finish. The fixtures are built here: a 15-user interaction graph whose
/// curved-spline layout never ends under Graphviz 2.43's sfdp (taken from `gen_corpus.py --tweets 20000
/// --authors 50 --seed 21`, `--top 15`), a dense archive, and an archive with more users than the view draws.
@Suite struct RenderBoundTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "replygraph-bound-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Source node: target nodes, for the 161 edges of the never-ending layout (nodes n0…n14 in first-use order).
    static let neverEnding =
        "0:1,2,3,4,5,6,7,8,9,10,11,12,13;1:2,3,4,5,6,14,8,9,10,12;2:1,3,6,14,8,12;"
        + "3:0,1,2,6,14,8,11,12;4:0,1,2,3,5,6,7,14,8,9,10,11,12,13;5:0,1,2,3,4,6,7,8,9,10,11,12;6:1,2,3,5,7,8,9,12;"
        + "7:0,1,2,3,5,6,14,8,9,10,11,12,13;14:0,1,2,3,4,5,6,7,8,9,10,11,12,13;8:1,2,3,6,9,10,12,13;"
        + "9:0,1,2,3,4,5,6,14,8,10,12,13;10:0,1,2,3,4,6,7,14,8,9,11,12,13;11:1,2,3,5,6,8,9,10,12,13;"
        + "12:1,2,3,6,7,8,9,10;13:1,2,3,4,5,6,7,14,8,9,10,12"

    static var neverEndingDOT: String {
        var dot = "digraph { splines=curved; overlap=false;\n"
        for group in neverEnding.split(separator: ";") {
            let parts = group.split(separator: ":")
            for target in parts[1].split(separator: ",") { dot += "n\(parts[0]) -> n\(target);\n" }
        }
        return dot + "}\n"
    }

    /// A JSON-lines archive in which each (author, mentioned) pair is one tweet.
    func archive(_ name: String, _ pairs: [(String, String)]) throws -> URL {
        let lines = pairs.enumerated().map { k, pair in
            #"{"id": \#(1_625_211_630_396_264_450 + k), "username": "\#(pair.0)", "tweet": "hi @\#(pair.1)", "#
                + #""created_at": "2023-02-13 19:13:42 UTC", "mentions": ["\#(pair.1)"], "reply_to": []}"#
        }
        let url = directory.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    @Test func aLayoutThatNeverEndsIsStoppedAtTheBound() throws {
        #expect(Self.neverEndingDOT.components(separatedBy: " -> ").count - 1 == 161)
        let dot = directory.appendingPathComponent("never.dot")
        try Data(Self.neverEndingDOT.utf8).write(to: dot)
        // The bound is what ends this run: without it the layout does not finish.
        let result = try CLIRunner.run(["render-dot", "--engine", "sfdp", "--timeout", "2", "--input", dot.path])
        #expect(result.status == 70)
        #expect(result.stderr.contains("Graphviz did not finish within 2 s and was stopped"))
        #expect(result.stdout.isEmpty)
        // The same graph with straight edges renders.
        let line = directory.appendingPathComponent("line.dot")
        try Data(Self.neverEndingDOT.replacingOccurrences(of: "splines=curved", with: "splines=line").utf8).write(
            to: line)
        let straight = try CLIRunner.run(["render-dot", "--engine", "sfdp", "--timeout", "60", "--input", line.path])
        #expect(straight.status == 0, "\(straight.stderr)")
        #expect(try SVGCounter.count(Data(straight.stdout.utf8)).edges == 161)
    }

    @Test func aDenseMentionsViewIsDrawnWithStraightEdgesAndSaysSo() throws {
        let users = (0..<15).map { "user\($0)" }
        let pairs = users.flatMap { a in users.filter { $0 != a }.map { (a, $0) } }
        let input = try archive("dense.jsonl", pairs)
        let dot = directory.appendingPathComponent("dense.dot")
        let result = try CLIRunner.run(["render", input.path, "--view", "mentions", "-o", dot.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: edges drawn straight: 210 edges on 15 users"))
        let text = try String(contentsOf: dot, encoding: .utf8)
        #expect(text.contains("splines=line"))
        #expect(text.contains("edges straight: 210 edges on 15 users"))
        let svg = directory.appendingPathComponent("dense.svg")
        #expect(try CLIRunner.run(["render", input.path, "--view", "mentions", "-o", svg.path]).status == 0)
        #expect(try SVGCounter.count(Data(contentsOf: svg)).edges == 210)
    }

    @Test func aMentionsViewOfManyUsersIsCappedAndSaysSo() throws {
        let input = try archive("many.jsonl", (0..<620).map { ("hub", "user\($0)") })
        let dot = directory.appendingPathComponent("many.dot")
        let result = try CLIRunner.run(["render", input.path, "--view", "mentions", "-o", dot.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("showing the 500 best-connected of 621 users (--top N to choose)"))
        let text = try String(contentsOf: dot, encoding: .utf8)
        #expect(text.components(separatedBy: "\"u:").count - 1 >= 500)
        #expect(!text.contains("\"u:user619\" ["))
        #expect(text.contains("best-connected of 621 users"))
        // --top chooses, and no cap note then.
        let top = try CLIRunner.run(["render", input.path, "--view", "mentions", "--top", "20", "-o", dot.path])
        #expect(!top.stderr.contains("best-connected"))
    }
}
