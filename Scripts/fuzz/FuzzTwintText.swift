// libFuzzer target: twint's plain-text format. Any bytes read through ArchiveReader.read(bytes:) (and from a file,
// in one pass and in parts) keep every promise in ReaderChecks.swift; the same lines fed straight to
// TwintTextParser, each followed by exactly the padding the reader guarantees, are each read, ignored or skipped
// once, and give the reader's tweets.
// Built by Scripts/fuzz/run.sh with ReaderChecks.swift and Require.swift against TweetArchive.
@testable import TweetArchive

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTwintText(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let archive = ReaderChecks.checkRead(bytes)
    ReaderChecks.checkForcedLines({ TwintTextParser(firstTextBlock: count) }, format: .twintText, bytes, read: archive)
    return 0
}
