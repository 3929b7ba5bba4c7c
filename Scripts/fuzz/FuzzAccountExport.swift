// libFuzzer target: the account export's tweets.js (`window.YTD.tweets.part0 = [...]`, and the `module.exports = [`
// copies). Any bytes read through ArchiveReader.read(bytes:) (and from a file) keep every promise in
// ReaderChecks.swift, and the streaming parser gives the same result however the bytes are cut into chunks: fed
// whole, byte by byte at the cuts the input's hash chooses, and in line-sized pieces through consume (standard
// input's path). A small element bound exercises `element-too-long` without changing what the other elements give.
// Built by Scripts/fuzz/run.sh with ReaderChecks.swift and Require.swift against TweetArchive.
@testable import TweetArchive

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAccountExport(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let archive = ReaderChecks.checkRead(bytes)
    let reader = ReaderChecks.reader()

    /// The export parse with the bytes fed in the given pieces.
    func parse(_ pieces: [ArraySlice<UInt8>], maxElementLength: Int = 1 << 20) -> (RecordSink, [Tweet]) {
        var parser = AccountExportParser(owner: Handle("owner"), maxElementLength: maxElementLength)
        var tweets: [Tweet] = []
        do {
            let sink = try reader.parseExport(name: ReaderChecks.name, parser: &parser, into: &tweets) { feed throws(ArchiveError) in
                for piece in pieces {
                    try piece.withUnsafeBufferPointer { buffer throws(ArchiveError) in try feed(buffer) }
                }
                return true
            }
            return (sink, tweets)
        } catch {
            requireFailure("a lenient export parse threw: \(error)")
        }
    }

    let (whole, wholeTweets) = parse([bytes[...]])
    var random = ReaderChecks.SplitMix(bytes)
    var pieces: [ArraySlice<UInt8>] = []
    var start = 0
    while start < bytes.count {
        let n = 1 + random.next(random.next(4) == 0 ? 3 : 97)
        pieces.append(bytes[start..<min(bytes.count, start + n)])
        start += n
    }
    let (cut, cutTweets) = parse(pieces)
    require(cutTweets == wholeTweets, "chunked: \(cutTweets.count) tweets, whole: \(wholeTweets.count)")
    require(cut.stats == whole.stats, "chunked and whole stats differ:\n\(cut.stats)\n\(whole.stats)")
    // The same issues; an `unexpected-text` excerpt shows the bytes around the text within the chunk at hand.
    func key(_ issue: Diagnostic) -> String {
        "\(issue.line): \(issue.reason)" + (issue.reason == "unexpected-text" ? "" : ": \(issue.detail)")
    }
    require(cut.issues.map(key) == whole.issues.map(key), "chunked and whole issues differ:\n\(cut.issues)\n\(whole.issues)")
    require(cut.external == whole.external, "chunked and whole external tweets differ")
    for tweet in wholeTweets { ReaderChecks.checkTweet(tweet) }
    // Every element is a tweet or a skip (elements are not lines: no per-line identity).
    require(whole.issues.count == min(whole.stats.skippedTotal, ReaderChecks.maxIssues), "issues for skips")

    // When the reader took the bytes for an export, it read them whole: the same tweets.
    if let archive, archive.inputs[0].format == .accountExport {
        let merged = Archive(tweets: wholeTweets)
        require(merged.tweets == archive.tweets, "the reader's export tweets differ from one whole parse")
    }

    // A small element bound: longer elements are skipped, the others give what they gave.
    let (bounded, boundedTweets) = parse([bytes[...]], maxElementLength: 160)
    require(boundedTweets.count + (bounded.stats.skipped["element-too-long"] ?? 0) >= wholeTweets.count,
            "a small element bound lost tweets without saying so")
    let kept = Set(wholeTweets.map(\.id))
    for tweet in boundedTweets { require(kept.contains(tweet.id), "tweet \(tweet.id) appears only under a small bound") }
    return 0
}
