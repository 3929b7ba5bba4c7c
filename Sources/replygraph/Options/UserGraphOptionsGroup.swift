import ArgumentParser
import ReplyGraph

extension UserGraphKind: ExpressibleByArgument {}

/// Which user graph to project from the archive, and its filters.
struct UserGraphOptionsGroup: ParsableArguments {
    @Option(help: ArgumentHelp("The user graph: mention, reply, interaction or co-mention.", valueName: "kind"))
    var graph: UserGraphKind = .mention

    @Option(help: ArgumentHelp("Drop edges whose weight (tweet count) is below this.", valueName: "w"))
    var minWeight: Double = 0

    @Option(
        help: ArgumentHelp(
            "Only tweets at or after this UTC date or ISO 8601 time (2022-01-01).",
            valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only tweets before this UTC date or ISO 8601 time.", valueName: "date"))
    var until: String?

    @Flag(help: "Keep self-loops (self-mentions, self-replies) in the graph the metrics read.")
    var includeSelf = false

    func validate() throws {
        if let since, DateArgument.parse(since) == nil {
            throw ValidationError("--since: expected YYYY-MM-DD or ISO 8601, got '\(since)'")
        }
        if let until, DateArgument.parse(until) == nil {
            throw ValidationError("--until: expected YYYY-MM-DD or ISO 8601, got '\(until)'")
        }
        guard minWeight >= 0, minWeight.isFinite else {
            throw ValidationError("--min-weight must be a non-negative number")
        }
    }

    var options: UserGraphOptions {
        UserGraphOptions(
            minWeight: minWeight, since: since.flatMap(DateArgument.parse),
            until: until.flatMap(DateArgument.parse), includeSelf: includeSelf)
    }
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS][Z]` as UTC.
enum DateArgument {
    static func parse(_ text: String) -> Timestamp? {
        let digits = text.split(whereSeparator: { "-T:Z .".contains($0) }).map { Int($0) }
        guard digits.count >= 3, digits.count <= 6, digits.allSatisfy({ $0 != nil }) else { return nil }
        let d = digits.map { $0! } + Array(repeating: 0, count: 6 - digits.count)
        return Timestamp(year: d[0], month: d[1], day: d[2], hour: d[3], minute: d[4], second: d[5])
    }
}
