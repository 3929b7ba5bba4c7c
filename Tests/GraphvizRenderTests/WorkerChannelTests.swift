import Dispatch
import Foundation
import Testing

@testable import GraphvizRender

#if canImport(Glibc)
    import Glibc
#endif

/// The worker's wire protocol, served on a thread of this process over a socket pair (the CLI's tests run the
/// real child process: Tests/ReplyGraphCLITests/RenderWorkerTests.swift).
@Suite struct WorkerChannelTests {
    /// Runs `serve` on one end of a socket pair and `body` with the other; the server ends when `body`'s end closes.
    func withServer(_ body: (WorkerChannel) throws -> Void) throws {
        let (client, server) = try WorkerChannel.socketPair()
        let ended = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var serveError: (any Error)?
        Thread.detachNewThread {
            do { try GraphvizWorker.serve(input: server, output: server) } catch { serveError = error }
            close(server)
            ended.signal()
        }
        defer {
            close(client)
            #expect(ended.wait(timeout: .now() + 10) == .success, "serve did not end when its input closed")
            #expect(serveError == nil)
        }
        try body(WorkerChannel(descriptor: client))
    }

    func render(
        _ channel: WorkerChannel, _ dot: String, engine: LayoutEngine = .dot,
        format: OutputFormat = .svg
    ) throws -> Result<Rendering, GraphvizError> {
        try channel.send(WorkerChannel.request(dot, engine: engine, format: format), until: .now() + 30)
        return try WorkerChannel.response(try channel.receive(until: .now() + 30), format: format)
    }

    @Test func answersAsTheRendererDoes() throws {
        try withServer { channel in
            let dot = "digraph t { subgraph cluster_a { label=\"A\"; a [label=<<b>a</b>>] } a -> b }"
            for format in [OutputFormat.svg, .json, .png] {
                let served = try render(channel, dot, format: format).get()
                let direct = try GraphvizRenderer(format: format).render(dot)
                #expect(served == direct)
            }
        }
    }

    @Test func graphvizRefusalsComeBackWithTheirMessages() throws {
        try withServer { channel in
            let dot = "digraph { a -> ; }"
            let served = try render(channel, dot)
            var expected: GraphvizError?
            do throws(GraphvizError) { _ = try GraphvizRenderer().render(dot) } catch { expected = error }
            guard case .failure(let error) = served else {
                Issue.record("a malformed graph rendered")
                return
            }
            #expect(error == expected)
            // The server goes on after a refusal.
            #expect(try render(channel, "digraph { a -> b }").get().text.contains("<svg"))
        }
    }

    @Test func aMalformedRequestIsAnswered() throws {
        try withServer { channel in
            try channel.send(
                [Array("render".utf8), Array("nope".utf8), Array("svg".utf8), Array("digraph {}".utf8)],
                until: .now() + 30)
            let answer = try WorkerChannel.response(try channel.receive(until: .now() + 30), format: .svg)
            guard case .failure(let error) = answer else {
                Issue.record("an unknown engine rendered")
                return
            }
            #expect(error.description.contains("unknown engine"))
        }
    }

    @Test func aReceiveWaitsNoLongerThanItsDeadline() throws {
        let (a, b) = try WorkerChannel.socketPair()
        defer {
            close(a)
            close(b)
        }
        let started = DispatchTime.now()
        #expect(throws: WorkerChannel.Broken.self) { try WorkerChannel(descriptor: a).receive(until: .now() + 0.2) }
        #expect(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds < 5_000_000_000)
    }
}
