// Placeholders for the JSON-based formats until their readers land: they reject every line with a clear reason.
struct TwintJSONParser: RecordParser {
    mutating func consume(_ line: UnsafeBufferPointer<UInt8>, line number: Int, into sink: inout RecordSink)
        throws(ArchiveError) {
        throw ArchiveError(kind: .unsupportedFormat, file: sink.file, line: number,
                           message: "twint JSON lines are not supported yet")
    }
}

struct TwitterAPIv2Parser: RecordParser {
    mutating func consume(_ line: UnsafeBufferPointer<UInt8>, line number: Int, into sink: inout RecordSink)
        throws(ArchiveError) {
        throw ArchiveError(kind: .unsupportedFormat, file: sink.file, line: number,
                           message: "Twitter API v2 JSON lines are not supported yet")
    }
}

struct AccountExportParser: RecordParser {
    var owner: Handle
    mutating func consume(_ line: UnsafeBufferPointer<UInt8>, line number: Int, into sink: inout RecordSink)
        throws(ArchiveError) {
        throw ArchiveError(kind: .unsupportedFormat, file: sink.file, line: number,
                           message: "account exports are not supported yet")
    }
}
