// libFuzzer target: Twitter API v2 / twarc2 JSON lines (pages and flattened tweets). Any bytes read through
// ArchiveReader.read(bytes:) (and from a file, in one pass and in parts) keep every promise in ReaderChecks.swift;
// the same lines fed straight to TwitterAPIv2Parser are each accounted for at least once (a page holds many
// tweets), and give the reader's tweets.
// Built by Scripts/fuzz/run.sh with ReaderChecks.swift and Require.swift against TweetArchive.
@testable import TweetArchive

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPIv2(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let archive = ReaderChecks.checkRead(bytes)
    ReaderChecks.checkForcedLines({ TwitterAPIv2Parser() }, format: .twitterAPIv2, bytes, read: archive)
    return 0
}
