import ArgumentParser
import Foundation
import ReplyGraph

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure thread inference on archives whose reply ids are known: hide them, infer, compare.",
        discussion: """
            Each archive that states reply ids (an account export, API v2 / twarc2 pages) is read, its reply ids, \
            reply-to users and conversation ids are hidden, threads are inferred from the text and timing alone, \
            and the inferred links are compared with the stated ones. A true link is a tweet that replies to the \
            same author's tweet in the archive (a reply split over several tweets counts too).

            Reported per archive and pooled: link precision, recall and F1, the threads reproduced exactly, the \
            60-second rule as a baseline, and the calibration of the confidences: the expected calibration error \
            over 10 equal-width bins and a reliability table (are links stated at 0.8 right 80% of the time?).

            An archive without reply ids (twint text) needs hand labels: --labels takes threads as JSON, \
            [{"ids": ["<root id>", "<next id>", ...]}, ...], oldest first.

            Examples:
              replygraph evaluate ~/twitter-archive/data/tweets.js --owner me
              replygraph evaluate pages.jsonl --format json > evaluation.json
              replygraph evaluate --labels threads.json --labels-before 2022-07-01
            """
    )

    @OptionGroup var input: ArchiveOptions
    @OptionGroup var threadOptions: ThreadOptionsGroup

    @Option(help: ArgumentHelp("Hand-labelled threads (JSON) for an archive without reply ids.", valueName: "file"))
    var labels: String?

    @Option(
        help: ArgumentHelp(
            "Score only tweets before this date (YYYY-MM-DD), the period the labels cover.",
            valueName: "date"))
    var labelsBefore: String?

    @Option(help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        if format == .csv { throw ValidationError("evaluate writes text or json") }
        if labelsBefore != nil && labels == nil { throw ValidationError("--labels-before goes with --labels") }
        if let labelsBefore, Self.date(labelsBefore) == nil {
            throw ValidationError("--labels-before takes a date such as 2022-07-01")
        }
    }

    static func date(_ text: String) -> Timestamp? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return Timestamp(year: parts[0], month: parts[1], day: parts[2])
    }

    func run() throws {
        try reportingFailures {
            var labelled: [LabelledArchive] = []
            for path in input.paths {
                var one = input
                one.archives = input.archives.isEmpty ? [] : [path]
                let archive = try one.load()
                let name = archive.inputs.first?.name ?? path
                if let labels {
                    let threads = try Self.readLabels(labels)
                    let scope = labelsBefore.flatMap(Self.date).map { cutoff in
                        Set(archive.tweets.filter { $0.createdAt < cutoff }.map(\.id))
                    }
                    labelled.append(LabelledArchive(archive: archive, threads: threads, scope: scope))
                } else {
                    let stated = LabelledArchive(statedLinks: archive)
                    guard archive.tweets.contains(where: { $0.inReplyToID != nil }) else {
                        throw CommandFailure(
                            .dataError,
                            "\(name): states no reply ids, so there is nothing to compare "
                                + "inference with (give hand labels with --labels)")
                    }
                    labelled.append(stated)
                }
            }
            let evaluation = ThreadEvaluator(options: threadOptions.options).evaluate(labelled)
            let out = Output(path: output, inputs: input.paths + (labels.map { [$0] } ?? []))
            switch format {
            case .json: try out.write(try evaluation.json())
            case .text, .csv: try out.writeText(evaluation.text)
            }
        }
    }

    static func readLabels(_ path: String) throws -> [[TweetID]] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CommandFailure(.noInput, "\(path): cannot read the labels: \(error.localizedDescription)")
        }
        do {
            return try LabelledArchive.threadLabels(from: data)
        } catch {
            throw CommandFailure(.dataError, "\(path): not a list of threads ({\"ids\": [...]}): \(error)")
        }
    }
}
