import Foundation
import Testing

/// Compares `text` with `Fixtures/<name>`; `RECORD_SNAPSHOTS=1` rewrites the file instead (and a missing file is
/// written and reported as a failure, so a new snapshot is always looked at once).
func expectSnapshot(
    _ text: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name)
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try Data(text.utf8).write(to: url)
        if !record {
            Issue.record("recorded missing snapshot \(name); check it and run again", sourceLocation: sourceLocation)
        }
        return
    }
    if expected != text {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
        let detail =
            first.map { "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" }
            ?? "line counts differ: \(expectedLines.count) vs \(actualLines.count)"
        Issue.record(
            "snapshot \(name) differs (RECORD_SNAPSHOTS=1 to accept)\n\(detail)", sourceLocation: sourceLocation)
    }
}
