// Benchmark phases, timed in a release build: `replygraph-bench PHASE [ARGS...]`. `parse` and `summary` read on
// one thread unless given `--jobs N` first.
// Each phase lives in its own file as `static func` on `Bench` and prints one JSON line of figures.
import Foundation
import ReplyGraph

enum Bench {
    static let phases: [String: @Sendable ([String]) throws -> Void] = [
        "parse": parse,
        "entities": entities,
        "summary": summary,
        "threads": threads,
        "centrality": centrality,
        "render": render,
        "fit-threads": fitThreads,
        "pipeline": pipeline,
    ]

    /// `[--jobs N] FILE...`: a reader on N threads (default 1, the one-core figure) and the files.
    static func reader(_ args: [String]) -> (ArchiveReader, [String]) {
        if args.first == "--jobs", args.count > 1, let jobs = Int(args[1]) {
            return (ArchiveReader(options: .init(jobs: jobs)), Array(args.dropFirst(2)))
        }
        return (ArchiveReader(options: .init(jobs: 1)), args)
    }

    static func parse(_ args: [String]) throws {
        let (reader, paths) = reader(args)
        let clock = ContinuousClock()
        var archive: Archive?
        let elapsed = try clock.measure { archive = try reader.read(paths: paths) }
        let bytes = archive!.inputs.reduce(0) { $0 + $1.bytes }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("{\"phase\":\"parse\",\"tweets\":\(archive!.tweets.count),\"bytes\":\(bytes),\"seconds\":\(seconds)}")
    }

    /// Reading, then `ArchiveSummary` over what was read, timed apart.
    static func summary(_ args: [String]) throws {
        let (reader, paths) = reader(args)
        let clock = ContinuousClock()
        var archive: Archive?
        let read = try clock.measure { archive = try reader.read(paths: paths) }
        var authors = 0
        let summarise = clock.measure { authors = ArchiveSummary(archive!).authors }
        print(
            "{\"phase\":\"summary\",\"tweets\":\(archive!.tweets.count),\"authors\":\(authors),"
                + "\"read_seconds\":\(seconds(read)),\"summary_seconds\":\(seconds(summarise))}")
    }

    /// Entity extraction alone: reads the archive, then extracts every tweet's entities again from its text.
    static func entities(_ args: [String]) throws {
        let archive = try ArchiveReader().read(paths: args)
        let bytes = archive.tweets.indices.reduce(0) { $0 + archive.tweets[$1].text.utf8.count }
        let clock = ContinuousClock()
        var found = 0
        let elapsed = clock.measure {
            for k in archive.tweets.indices {
                let e = EntityExtractor.entities(in: archive.tweets[k].text)
                e.forEachMention { _ in found += 1 }
                found += e.hashtags.count + e.cashtags.count + e.urls.count
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "{\"phase\":\"entities\",\"tweets\":\(archive.tweets.count),\"text_bytes\":\(bytes),\"entities\":\(found),"
                + "\"seconds\":\(seconds)}")
    }
}

let arguments = CommandLine.arguments.dropFirst()
guard let phase = arguments.first, let run = Bench.phases[phase] else {
    print("usage: replygraph-bench PHASE ARGS...   phases: \(Bench.phases.keys.sorted().joined(separator: ", "))")
    exit(64)
}
do {
    try run(Array(arguments.dropFirst()))
} catch {
    // A missing or unreadable input (or any other failure) is one line on standard error and exit status 1, not a
    // crash with a backtrace.
    FileHandle.standardError.write(Data("replygraph-bench \(phase): \(error)\n".utf8))
    exit(1)
}
