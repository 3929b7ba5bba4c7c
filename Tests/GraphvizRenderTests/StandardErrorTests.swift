import Foundation
import GraphvizRender
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Swaps file descriptor 2 for a pipe while `body` runs, and returns what was written to it.
///
/// The pipe's write end is non-blocking, so a flood of output fails instead of deadlocking the test.
func capturingStandardError(_ body: () throws -> Void) throws -> String {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
    _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
    fflush(nil)
    let saved = dup(2)
    try #require(saved >= 0)
    _ = dup2(fds[1], 2)
    close(fds[1])
    defer {
        fflush(nil)
        _ = dup2(saved, 2)
        close(saved)
    }
    try body()
    fflush(nil)
    _ = dup2(saved, 2)
    var captured: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = read(fds[0], &buffer, buffer.count)
        if n <= 0 { break }
        captured += buffer[0..<n]
    }
    close(fds[0])
    return String(decoding: captured, as: UTF8.self)
}

// Serialized: redirecting fd 2 is process-wide state (Swift Testing itself reports on stdout).
@Suite("Graphviz writes nothing to stderr", .serialized)
struct StandardErrorTests {
    @Test("the pipe check itself sees stderr output")
    func captureWorks() throws {
        let text = try capturingStandardError { _ = write(2, "probe-7f3a\n", 11) }
        #expect(text.contains("probe-7f3a"))
    }

    @Test("bad input, a bad label, a warning and an unknown layout stay off fd 2")
    func nothingOnStandardError() throws {
        var failures = 0
        var warnings: [String] = []
        let text = try capturingStandardError {
            for source in ["digraph { a -> ; sentinel_q9 ]] }", "digraph { sentinel_q9 [label=<<b>x>] }", ""] {
                do { _ = try GraphvizRenderer().render(source) } catch { failures += 1 }
            }
            warnings =
                (try? GraphvizRenderer().render("digraph { sentinel_q9 [shape=stderrtestshape] }").warnings) ?? []
            _ = try? GraphvizRenderer(format: .png).render("digraph { a -> b }")
            _ = try? GraphvizRenderer(format: .pdf).render("digraph { a -> b }")
        }
        #expect(failures == 3)
        #expect(!warnings.isEmpty)
        // Other suites run meanwhile, and the test harness may report their results on fd 2 while it is
        // redirected: its lines (✔ ✘ ↳ ◇ …) are not Graphviz's.
        let foreign = text.split(separator: "\n").filter { !Self.isHarnessLine($0) }
        #expect(foreign.isEmpty, "stderr received: \(foreign)")
    }

    static func isHarnessLine(_ line: Substring) -> Bool {
        guard let first = line.unicodeScalars.first else { return true }
        return first.value >= 0x2190 || line.hasPrefix("Test ") || line.hasPrefix("Suite ")
    }

    @Test("harness lines are told apart from Graphviz's")
    func harnessLines() {
        #expect(Self.isHarnessLine("✔ Suite EntityExtractorTests passed after 15.625 seconds."))
        #expect(Self.isHarnessLine("↳ // Serialized"))
        #expect(!Self.isHarnessLine("Error: <stdin>: syntax error in line 1 near ';'"))
        #expect(!Self.isHarnessLine("Warning: Unsupported charset value 7"))
    }
}
