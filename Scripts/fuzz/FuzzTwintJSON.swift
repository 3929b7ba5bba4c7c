// libFuzzer target: twint's JSON lines. Any bytes read through ArchiveReader.read(bytes:) (and from a file, in one
// pass and in parts) keep every promise in ReaderChecks.swift; the same lines fed straight to TwintJSONParser are
// each read, ignored or skipped once, and give the reader's tweets.
// Built by Scripts/fuzz/run.sh with ReaderChecks.swift and Require.swift against TweetArchive.
@testable import TweetArchive

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTwintJSON(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let archive = ReaderChecks.checkRead(bytes)
    ReaderChecks.checkForcedLines({ TwintJSONParser() }, format: .twintJSON, bytes, read: archive)
    return 0
}
