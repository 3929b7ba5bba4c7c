import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Every raw socket call of GraphvizWorker lives in this file.

/// The worker's wire format over one end of a stream socket: a message is a count of fields, then each field as
/// a length and its bytes (all lengths little-endian `UInt32`).
///
///     request:  ["render", engine, format, dot]
///     answer:   ["ok", output, warning...]  or  ["error", stage, message count, message..., warning...]
///
/// Sends use `MSG_NOSIGNAL` (`SO_NOSIGPIPE` on Darwin), so a child that died makes an error, not a `SIGPIPE`; reads
/// and writes wait with `poll(2)` up to a deadline.
struct WorkerChannel {
    /// Why a message could not be moved.
    enum Broken: Error, CustomStringConvertible {
        case timedOut
        case ended(String)

        var description: String {
            switch self {
            case .timedOut: "timed out"
            case .ended(let detail): detail
            }
        }
    }

    let descriptor: Int32

    /// Bounds that keep a corrupt length from allocating without limit.
    static let maxFields = 1 << 16
    static let maxFieldBytes = Int(Int32.max)

    /// A connected pair of stream sockets, close-on-exec: the parent's end and the child's.
    static func socketPair() throws(GraphvizWorker.Failure) -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        #if os(Linux)
            let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
            let type = SOCK_STREAM
        #endif
        guard socketpair(AF_UNIX, type, 0, &fds) == 0 else {
            throw .unavailable("socketpair: \(String(cString: strerror(errno)))")
        }
        #if !os(Linux)
            for fd in fds {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                var on: Int32 = 1
                _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
            }
        #endif
        return (fds[0], fds[1])
    }

    // MARK: - Messages

    static func request(_ dot: String, engine: LayoutEngine, format: OutputFormat) -> [[UInt8]] {
        [Array("render".utf8), Array(engine.rawValue.utf8), Array(format.rawValue.utf8), Array(dot.utf8)]
    }

    static func parseRequest(_ fields: [[UInt8]]) -> Result<(String, LayoutEngine, OutputFormat), GraphvizError> {
        let text = fields.map { String(decoding: $0, as: UTF8.self) }
        guard text.count == 4, text[0] == "render" else {
            return .failure(GraphvizError(.render, messages: ["not a render request"]))
        }
        guard let engine = LayoutEngine(rawValue: text[1]), let format = OutputFormat(rawValue: text[2]) else {
            return .failure(GraphvizError(.render, messages: ["unknown engine or format: \(text[1]), \(text[2])"]))
        }
        return .success((text[3], engine, format))
    }

    static func answer(_ result: Result<Rendering, GraphvizError>) -> [[UInt8]] {
        switch result {
        case .success(let rendering):
            return [Array("ok".utf8), Array(rendering.data)] + rendering.warnings.map { Array($0.utf8) }
        case .failure(let error):
            return [Array("error".utf8), Array(error.stage.rawValue.utf8), Array(String(error.messages.count).utf8)]
                + error.messages.map { Array($0.utf8) } + error.warnings.map { Array($0.utf8) }
        }
    }

    /// The rendering or Graphviz's refusal an answer carries.
    static func response(_ fields: [[UInt8]], format: OutputFormat) throws(Broken)
        -> Result<Rendering, GraphvizError>
    {
        let text = { (k: Int) in String(decoding: fields[k], as: UTF8.self) }
        if fields.count >= 2 && text(0) == "ok" {
            return .success(Rendering(data: Data(fields[1]), format: format, warnings: (2..<fields.count).map(text)))
        }
        if fields.count >= 3 && text(0) == "error", let stage = GraphvizError.Stage(rawValue: text(1)),
            let count = Int(text(2)), count >= 0, 3 + count <= fields.count
        {
            return .failure(
                GraphvizError(
                    stage, messages: (3..<3 + count).map(text),
                    warnings: (3 + count..<fields.count).map(text)))
        }
        throw .ended("a malformed answer")
    }

    // MARK: - Moving bytes

    /// Sends one message, waiting at most until `deadline` (`nil`: as long as it takes).
    func send(_ fields: [[UInt8]], until deadline: DispatchTime?) throws(Broken) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4 + fields.reduce(0) { $0 + 4 + $1.count })
        Self.append(UInt32(fields.count), to: &bytes)
        for field in fields {
            Self.append(UInt32(field.count), to: &bytes)
            bytes.append(contentsOf: field)
        }
        var sent = 0
        while sent < bytes.count {
            try wait(for: Int16(POLLOUT), until: deadline)
            // The rest of the message (all of it, unless a send was short): the array is passed to C as a pointer.
            let rest = sent == 0 ? bytes : Array(bytes[sent...])
            #if os(Linux)
                let n = Glibc.send(descriptor, rest, rest.count, Int32(MSG_NOSIGNAL))
            #else
                let n = Darwin.send(descriptor, rest, rest.count, 0)
            #endif
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .ended("send: \(String(cString: strerror(errno)))")
            }
            sent += n
        }
    }

    /// Receives one message, waiting at most until `deadline`.
    func receive(until deadline: DispatchTime?) throws(Broken) -> [[UInt8]] {
        guard let fields = try receiveOrEnd(until: deadline) else { throw .ended("the socket closed") }
        return fields
    }

    /// Receives one message, or `nil` when the socket ends before one begins.
    func receiveOrEnd(until deadline: DispatchTime? = nil) throws(Broken) -> [[UInt8]]? {
        guard let head = try read(4, until: deadline, endOK: true) else { return nil }
        let count = Int(Self.uint32(head))
        guard count <= Self.maxFields else { throw .ended("a message of \(count) fields") }
        var fields: [[UInt8]] = []
        fields.reserveCapacity(count)
        for _ in 0..<count {
            let length = Int(Self.uint32(try read(4, until: deadline)!))
            guard length <= Self.maxFieldBytes else { throw .ended("a field of \(length) bytes") }
            fields.append(try read(length, until: deadline)!)
        }
        return fields
    }

    /// Exactly `count` bytes; `nil` only when `endOK` and the socket ends before the first.
    private func read(_ count: Int, until deadline: DispatchTime?, endOK: Bool = false) throws(Broken) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var chunk = [UInt8](repeating: 0, count: min(count, 1 << 16))
        var got = 0
        while got < count {
            try wait(for: Int16(POLLIN), until: deadline)
            let n = recv(descriptor, &chunk, min(chunk.count, count - got), 0)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .ended("recv: \(String(cString: strerror(errno)))")
            }
            if n == 0 {
                if endOK && got == 0 { return nil }
                throw .ended("the socket closed")
            }
            bytes.append(contentsOf: chunk[..<n])
            got += n
        }
        return bytes
    }

    /// Waits until the socket is ready for `events` or `deadline` passes.
    private func wait(for events: Int16, until deadline: DispatchTime?) throws(Broken) {
        while true {
            var timeout: Int32 = -1
            if let deadline {
                let now = DispatchTime.now().uptimeNanoseconds
                guard deadline.uptimeNanoseconds > now else { throw .timedOut }
                timeout = Int32(clamping: (deadline.uptimeNanoseconds - now + 999_999) / 1_000_000)
            }
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, timeout)
            if ready > 0 { return } // readable, writable, or closed (the read or send then says so)
            if ready == 0 { continue } // the deadline is checked again above
            if errno != EINTR { throw .ended("poll: \(String(cString: strerror(errno)))") }
        }
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    private static func uint32(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
    }
}
