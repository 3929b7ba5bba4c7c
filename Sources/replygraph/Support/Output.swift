import Foundation
import GraphExport
import ReplyGraph

/// Where a command's result goes: standard output, or a file written atomically (temp file + rename).
struct Output {
    var path: String?

    func write(_ text: String) throws {
        try write(Data(text.utf8))
    }

    func write(_ data: Data) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try AtomicFile.write(data, to: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure(.ioError, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}

enum JSON {
    /// Deterministic, readable JSON: sorted keys, no escaped slashes.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// RFC 4180 CSV rows, with GraphExport's field escaping.
enum CSV {
    static func row(_ fields: [String]) -> String {
        fields.map(Escaping.csvField).joined(separator: ",") + "\n"
    }
}
