import Foundation

extension LabelledArchive {
    /// The labelled archives the shipped link model is fitted and judged on, read from the project's shared data
    /// folder (`../shared/data` beside a checkout): the four account exports in `reply-archives/` (each folder named
    /// after its owner) and the bundled sample with its visible hand labels (`truth-visible/threads.json`, tweets
    /// before 2022-07-01). None of it is part of the package.
    package static func trainingSet(dataFolder: String) throws -> [LabelledArchive] {
        let folder = URL(fileURLWithPath: dataFolder)
        let exports = folder.appendingPathComponent("reply-archives")
        var sets: [LabelledArchive] = []
        let owners = try FileManager.default.contentsOfDirectory(atPath: exports.path).sorted()
        for owner in owners {
            let file = exports.appendingPathComponent(owner).appendingPathComponent("tweets.js")
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            let reader = ArchiveReader(options: .init(exportOwner: Handle(owner)))
            sets.append(LabelledArchive(statedLinks: try reader.read(paths: [file.path]), name: owner))
        }
        let labels = try Data(contentsOf: folder.appendingPathComponent("truth-visible/threads.json"))
        sets.append(try sample(labels: labels))
        return sets
    }

    /// The bundled sample with hand labels in the `truth-visible/threads.json` form (`[{"ids": [...]}, ...]`),
    /// scored on the labelled period: tweets before 2022-07-01.
    package static func sample(labels: Data) throws -> LabelledArchive {
        let threads = try threadLabels(from: labels)
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        let cutoff = Timestamp(year: 2022, month: 7, day: 1)!
        let scope = Set(archive.tweets.filter { $0.createdAt < cutoff }.map(\.id))
        return LabelledArchive(archive: archive, threads: threads, scope: scope, name: SampleArchive.account.display)
    }
}
