// libFuzzer target: format detection on arbitrary bytes. FormatDetector.detect never traps, ignores a leading
// byte-order mark, blanks and a CR ending the line, and names a format only for a line that starts the way that format does; a folder
// holding the bytes as a file never fails to read with anything but "no archive found", and finds an archive
// exactly when read(bytes:) does.
// Built by Scripts/fuzz/run.sh with ReaderChecks.swift and Require.swift against TweetArchive.
@testable import TweetArchive
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormatDetector(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    ReaderChecks.forEachLine(bytes) { line in
        let detected = line.withUnsafeBufferPointer { FormatDetector.detect($0) }
        let body = line.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(line.dropFirst(3)) : line
        let trimmed = body.drop { $0 == 0x20 || $0 == 0x09 }
        // A byte-order mark and leading blanks change nothing.
        if !line.starts(with: [0xEF, 0xBB, 0xBF]) {
            let marked = ([0xEF, 0xBB, 0xBF] + line).withUnsafeBufferPointer { FormatDetector.detect($0) }
            require(marked == detected, "a BOM changes the detected format: \(String(describing: detected)) -> \(String(describing: marked))")
        }
        let indented = ([0x20, 0x09] + body).withUnsafeBufferPointer { FormatDetector.detect($0) }
        require(indented == detected, "leading blanks change the detected format")
        // Nor does the `\r` of a CRLF line, which the file's first look sees before lines are split.
        let crlf = (line + [0x0D]).withUnsafeBufferPointer { FormatDetector.detect($0) }
        require(crlf == detected, "a CR ending the line changes the detected format")
        switch detected {
        case .some(.some(.twintText)):
            require(trimmed.first.map(ASCII.isDigit) ?? false, "twint text detected on a line not starting with a digit")
        case .some(.some(.twintJSON)), .some(.some(.twitterAPIv2)):
            require(trimmed.first == ASCII.leftBrace, "a JSON format detected on a line not starting with {")
        case .some(.some(.accountExport)):
            require(trimmed.starts(with: Array("window.YTD.".utf8)) || trimmed.starts(with: Array("module.exports".utf8))
                        || trimmed.first == ASCII.leftBracket, "an account export detected on \(trimmed.prefix(20))")
        case .some(.none):
            break   // blank or a log line
        case .none:
            require(!trimmed.isEmpty, "a blank line detected as no format")
        }
    }

    // The bytes as a stray file in a folder: read or skipped, never an error of their own.
    let fromMemory: Archive? = try? ReaderChecks.reader().read(bytes: bytes, name: ReaderChecks.name)
    if !bytes.starts(with: [0x50, 0x4B]) {   // a zip signature is read as a zip
        ReaderChecks.write(bytes)
        do {
            let archive = try ReaderChecks.reader().read(paths: [ReaderChecks.folder])
            require(archive.inputs.count == 1 && archive.inputs[0].format != nil, "found without a format: \(archive.inputs)")
            require(fromMemory?.inputs[0].format == archive.inputs[0].format,
                    "the folder read found \(String(describing: archive.inputs[0].format)), read(bytes:) "
                        + "\(String(describing: fromMemory?.inputs[0].format))")
        } catch {
            require(error.kind == .unreadable && error.message.hasPrefix("no archive found"),
                    "a folder read threw: \(error)")
            require(fromMemory?.inputs[0].format == nil,
                    "read(bytes:) found \(String(describing: fromMemory?.inputs[0].format)), the folder read nothing")
        }
    }
    return 0
}
