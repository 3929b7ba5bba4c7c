import Foundation

/// A process's resident memory, from `/proc/PID/statm` (Linux): for `render-dot --soak`, which shows that long
/// rendering stays flat.
///
///     ResidentMemory.bytes()          // this process, e.g. 41_230_336
///     ResidentMemory.bytes(of: 1234)  // another; nil when it has ended or on systems without /proc
enum ResidentMemory {
    static func bytes(of pid: Int32? = nil) -> Int? {
        let path = "/proc/\(pid.map(String.init) ?? "self")/statm"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
