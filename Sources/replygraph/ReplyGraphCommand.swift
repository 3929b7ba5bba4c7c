import ArgumentParser

@main
struct ReplyGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replygraph",
        abstract: "Turn tweet archives into reply graphs and explain how an account engages.",
        discussion: """
            Reads twint text or JSON lines, Twitter API v2 / twarc2 JSON lines and account exports (tweets.js), \
            detected from their content. With no ARCHIVE, every command reads the bundled sample archive \
            (@alexxubyte, 2,073 tweets). Use - to read standard input.

            Exit codes: 0 success, 64 usage error (also: an output path that names one of the inputs), 65 data \
            error (malformed input under --strict, or a file in no supported format), 66 input missing or \
            unreadable, 70 internal error, 73 output cannot be created (read-only or missing folder, no \
            permission), 74 output I/O error (disk full, standard output closed or full).

            -o - writes to standard output. Outputs that are regular files are replaced atomically and keep their \
            permissions; devices, FIFOs and /dev/stdout are written in place.
            """,
        subcommands: [
            SummaryCommand.self, ThreadsCommand.self, CentralityCommand.self, CommunitiesCommand.self,
            PromotionsCommand.self, EngagementCommand.self, RenderCommand.self, ExportCommand.self,
            BatchCommand.self, ReportCommand.self, EvaluateCommand.self, RenderDOTCommand.self,
        ]
    )
}
