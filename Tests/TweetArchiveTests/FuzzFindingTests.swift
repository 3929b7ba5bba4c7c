import Foundation
import Testing

@testable import TweetArchive

/// What the reader fuzz targets (`Scripts/fuzz/run.sh`) found, one test per finding, each with the input (or the
/// smallest input that shows it) the target saved.
@Suite struct FuzzFindingTests {
    /// account-export: on a long line (a minified export is one), the excerpt of unexpected text between elements
    /// began up to 240 bytes before it, so its 60 characters never reached it.
    @Test func unexpectedTextOnAMinifiedLineIsShown() throws {
        let text = try String(contentsOfFile: try ReaderFixture.path("malformed/tweets-broken.js"), encoding: .utf8)
        let minified = text.replacingOccurrences(of: "\n", with: " ")
        let archive = try ArchiveReader().read(bytes: Array(minified.utf8), name: "tweets.js")
        let issue = try #require(archive.issues.first { $0.reason == .unexpectedText })
        #expect(issue.line == 1)
        #expect(issue.detail.contains("garbage"), "\(issue.detail)")
    }

    /// detector: a file in a folder whose lines end in CRLF and that starts with a blank line was skipped as "not
    /// an archive": the first look at the file saw the blank line's `\r` as text in no format.
    @Test func aCRLFFileStartingWithABlankLineIsFoundInAFolder() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "\r\n1625899016778678275 2023-02-15 16:45:08 +0000 <dave> Buy $AAPL today\r\n"
        try Data(text.utf8).write(to: directory.appendingPathComponent("a.txt"))
        let archive = try ArchiveReader().read(paths: [directory.path])
        #expect(archive.inputs.map(\.format) == [.twintText])
        #expect(archive.tweets.map(\.text) == ["Buy $AAPL today"])
        #expect(archive.issues.isEmpty)
        // detector, again: a first line of two CRs (one dropped by the line split, one left) read as blank when
        // split, but as text in no format at the first look, so the folder skipped the file.
        try Data(("\r" + text).utf8).write(to: directory.appendingPathComponent("a.txt"))
        #expect(try ArchiveReader().read(paths: [directory.path]).tweets.map(\.text) == ["Buy $AAPL today"])
        for line in ["\r", " \t\r", "\u{FEFF}\r", "\r\r"] {
            #expect(
                Array(line.utf8).withUnsafeBufferPointer { FormatDetector.detect(TextBytes($0)) } == .some(nil),
                "\(line.debugDescription)")
        }
    }
}
