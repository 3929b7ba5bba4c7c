import Foundation
import Testing

/// Runs the built `replygraph` executable and captures what it prints.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        func json() throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
            return try #require(object as? [String: Any])
        }
    }

    struct MissingExecutable: Error, CustomStringConvertible {
        var description: String { "the replygraph executable was not built" }
    }

    /// The executable sits beside the test bundle in SwiftPM's products directory.
    static let executable: URL? = {
        if let path = ProcessInfo.processInfo.environment["REPLYGRAPH_BIN"] { return URL(fileURLWithPath: path) }
        var candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        return candidates.map { $0.appendingPathComponent("replygraph") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `script` with bash, the executable's path in `$BIN`: for what a shell sets up (redirections to
    /// `/dev/full`, `umask`, `ulimit`).
    static func runShell(_ script: String, in directory: URL? = nil) throws -> Result {
        guard let executable else { throw MissingExecutable() }
        return try run(
            ["-c", script], executable: URL(fileURLWithPath: "/bin/bash"), directory: directory,
            environment: ["BIN": executable.path])
    }

    static func run(
        _ arguments: [String], stdin: Data? = nil, executable: URL? = nil, directory: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        guard let executable = executable ?? Self.executable else { throw MissingExecutable() }
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Drain both pipes concurrently so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryFile(_ name: String, contents: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("replygraph-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url
    }
}
