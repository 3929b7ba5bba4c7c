import Foundation
import Testing

@testable import TweetArchive

/// A Twitter/X archive read the way users get it: the zip, its folder, or its `data/` folder, each one input.
@Suite struct AccountArchiveTests {
    typealias Fixture = SyntheticAccountArchive

    /// The synthetic archive unpacked in a fresh temporary folder, and zipped beside it.
    private func makeArchive(manifest: Bool = true, edit: (inout [String: String]) -> Void = { _ in })
        throws -> (directory: URL, root: URL, zip: URL)
    {
        let directory = try ReaderFixture.temporaryDirectory()
        let root = try Fixture.writeFolder(
            at: directory.appendingPathComponent("twitter-2022-12-04-abc"),
            manifest: manifest, edit: edit)
        let zip = directory.appendingPathComponent("twitter-2022-12-04-abc.zip")
        try Fixture.zip(root, to: zip)
        return (directory, root, zip)
    }

    /// What every form of the synthetic archive must give: the owner from the archive, every tweet of both parts,
    /// the long post's full text, nothing from the likes or direct messages, and no warning.
    private func expectWholeArchive(_ archive: Archive, path: String, manifest: Bool = true) throws {
        #expect(archive.tweets.map(\.id.description) == Fixture.tweetIDs)
        #expect(archive.tweets.allSatisfy { $0.author == Handle(Fixture.owner) })
        #expect(archive.tweets[0].text == "First post of the archive, hello & welcome")
        #expect(archive.tweets[1].text == Fixture.longText)
        #expect(archive.tweets[2].inReplyToID?.description == Fixture.tweetIDs[1])
        #expect(
            !archive.tweets.contains { $0.text.contains(Fixture.privateMarker) || $0.text.contains(Fixture.likeMarker) }
        )
        #expect(archive.issues.isEmpty, "\(archive.issues)")
        #expect(archive.skipped.isEmpty)
        let report = try #require(archive.accountArchives.first)
        #expect(archive.accountArchives.count == 1)
        #expect(report.path == path)
        #expect(report.owner == Handle(Fixture.owner))
        #expect(report.displayName == Fixture.displayName)
        #expect(report.accountID == "4242")
        #expect(report.hasManifest == manifest)
        #expect(report.tweetFiles == ["data/tweets.js", "data/tweets-part1.js"])
        #expect(report.longPosts == 1 && report.longPostsJoined == 1 && report.longPostsUnjoined == 0)
        #expect(report.otherTweets == [.deleted: 1])
        #expect(report.otherTweetsIncluded.isEmpty)
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(
            report.skippedKinds == (manifest ? ["account", "directMessages", "like"] : ["direct-messages", "like"]))
        #expect(archive.inputs.map(\.tweets) == [2, 2])
    }

    @Test func readsTheUnpackedRootItsDataFolderAndTheZip() throws {
        let (directory, root, zip) = try makeArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let reader = ArchiveReader()
        try expectWholeArchive(try reader.read(paths: [root.path]), path: root.path)
        let data = root.appendingPathComponent("data").path
        try expectWholeArchive(try reader.read(paths: [data]), path: data)
        let zipped = try reader.read(paths: [zip.path])
        try expectWholeArchive(zipped, path: zip.path)
        #expect(zipped.inputs.map(\.name) == ["\(zip.path)!data/tweets.js", "\(zip.path)!data/tweets-part1.js"])
        // The zip is read in place: nothing was extracted beside it.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
                == ["twitter-2022-12-04-abc", "twitter-2022-12-04-abc.zip"])
    }

    @Test func withoutManifestTheFileNamesAndAccountFileDecide() throws {
        let (directory, root, zip) = try makeArchive(manifest: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        try expectWholeArchive(try ArchiveReader().read(paths: [root.path]), path: root.path, manifest: false)
        try expectWholeArchive(try ArchiveReader().read(paths: [zip.path]), path: zip.path, manifest: false)
    }

    @Test func otherTweetKindsAreReadOnlyWhenAsked() throws {
        let (directory, _, zip) = try makeArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try ArchiveReader(options: .init(otherTweetKinds: [.deleted])).read(paths: [zip.path])
        #expect(archive.tweets.map(\.id.description) == Fixture.tweetIDs + [Fixture.deletedID])
        #expect(archive.accountArchives[0].otherTweets == [.deleted: 1])
        #expect(archive.accountArchives[0].otherTweetsIncluded == [.deleted])
        #expect(archive.issues.isEmpty)
    }

    @Test func anExplicitOwnerStillWins() throws {
        let (directory, root, _) = try makeArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try ArchiveReader(options: .init(exportOwner: Handle("someone"))).read(paths: [root.path])
        #expect(archive.tweets.allSatisfy { $0.author == Handle("someone") })
        #expect(archive.accountArchives[0].owner == Handle(Fixture.owner))
    }

    @Test func aFolderOfArchivesReadsEachWhole() throws {
        let (directory, _, _) = try makeArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The folder holds the unpacked archive and its zip: both read, the second copy's tweets are duplicates.
        let archive = try ArchiveReader().read(paths: [directory.path])
        #expect(
            archive.accountArchives.map { URL(fileURLWithPath: $0.path).lastPathComponent }
                == ["twitter-2022-12-04-abc", "twitter-2022-12-04-abc.zip"])
        #expect(archive.tweets.count == 4)
        #expect(archive.duplicates == 4)
        #expect(archive.issues.isEmpty)
    }

    @Test func aZipWhoseArchiveSitsInAFolderIsFound() throws {
        let (directory, root, _) = try makeArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Zipped again with its folder: entries are twitter-2022-12-04-abc/data/....
        let zip = directory.appendingPathComponent("again.zip")
        try Fixture.zip(root, to: zip, keepingParent: true)
        let archive = try ArchiveReader().read(paths: [zip.path])
        #expect(archive.tweets.map(\.id.description) == Fixture.tweetIDs)
        #expect(archive.inputs.first?.name == "\(zip.path)!twitter-2022-12-04-abc/data/tweets.js")
        #expect(archive.accountArchives.first?.warnings.isEmpty == true)
    }

    /// An archive's other files, loose in a folder, are not tweet archives: one stray file each, not hundreds of
    /// malformed records (the issue's 7,150 from like.js, account.js, ...).
    @Test func looseNonTweetFilesOfAnArchiveAreNotArchives() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = Fixture.dataFiles()
        // No manifest.js nor account.js beside them: a plain folder, each file judged by its content.
        for name in ["like.js", "note-tweet.js", "tweets.js"] {
            try Data(files[name]!.utf8).write(to: directory.appendingPathComponent(name))
        }
        let archive = try ArchiveReader().read(paths: [directory.path])
        #expect(archive.tweets.count == 2)
        #expect(archive.skipped == [.unsupportedFormat: 2]) // like.js and note-tweet.js, one line each
        let like = directory.appendingPathComponent("like.js").path
        let error = try #require(throws: ArchiveError.self) { try ArchiveReader().read(paths: [like]) }
        #expect(error.kind == .unsupportedFormat)
    }

    // MARK: - Bad input

    @Test func manifestNamingMissingFilesAndWrongCountsIsWarnedAbout() throws {
        let (directory, root, _) = try makeArchive { files in
            files["manifest.js"] = files["manifest.js"]!
                .replacingOccurrences(
                    of: "\"globalName\" : \"YTD.tweets.part0\", \"count\" : \"2\"",
                    with: "\"globalName\" : \"YTD.tweets.part0\", \"count\" : \"5\""
                )
                .replacingOccurrences(
                    of: "\"fileName\" : \"data/like.js\"",
                    with: "\"fileName\" : \"data/like.js\" }, { \"fileName\" : \"../../etc/passwd\""
                )
                .replacingOccurrences(
                    of:
                        "{ \"fileName\" : \"data/tweets-part1.js\", \"globalName\" : \"YTD.tweets.part1\", \"count\" : \"2\" }",
                    with:
                        "{ \"fileName\" : \"data/tweets-part1.js\", \"globalName\" : \"YTD.tweets.part1\", \"count\" : \"2\" }, "
                        + "{ \"fileName\" : \"data/tweets-part2.js\", \"count\" : \"7\" }")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try ArchiveReader().read(paths: [root.path])
        #expect(archive.tweets.count == 4)
        let data = root.appendingPathComponent("data").path
        #expect(
            archive.accountArchives[0].warnings.map(\.description) == [
                "\(data)/manifest.js: missing-file: names data/tweets-part2.js (7 records), which the archive lacks",
                "\(data)/tweets.js: manifest-count: the manifest says 5 records, 2 were read",
            ])
    }

    @Test func aTweetsFileCutInHalfKeepsWhatItHasAndTheOtherPart() throws {
        let (directory, root, zip) = try makeArchive { files in
            let whole = files["tweets.js"]!
            files["tweets.js"] = String(whole.prefix(whole.count * 3 / 4)) // inside the second tweet
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        for path in [root.path, zip.path] {
            let archive = try ArchiveReader().read(paths: [path])
            #expect(
                archive.tweets.map(\.id.description) == [Fixture.tweetIDs[0], Fixture.tweetIDs[2], Fixture.tweetIDs[3]])
            #expect(archive.skipped == [.truncated: 1])
            #expect(
                archive.issues.first?.description.hasSuffix(
                    "tweets.js:25: truncated: the file ends inside this element") == true,
                "\(archive.issues)")
            #expect(archive.accountArchives[0].warnings.map(\.reason) == [.manifestCount])
            #expect(archive.accountArchives[0].longPostsUnjoined == 1)
        }
    }

    @Test func aTruncatedZipIsOneClearError() throws {
        let (directory, _, zip) = try makeArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = try Data(contentsOf: zip)
        let cut = directory.appendingPathComponent("cut.zip")
        try bytes.prefix(bytes.count / 2).write(to: cut)
        let error = try #require(throws: ArchiveError.self) { try ArchiveReader().read(paths: [cut.path]) }
        #expect(error.kind == .unsupportedFormat)
        #expect(error.description.hasPrefix("\(cut.path): truncated-zip: no end-of-central-directory record"))
    }

    @Test func aDamagedZipInAFolderIsNotedAndTheRestRead() throws {
        let (directory, _, zip) = try makeArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = try Data(contentsOf: zip)
        let cut = directory.appendingPathComponent("a-cut.zip")
        try bytes.prefix(bytes.count / 2).write(to: cut)
        let archive = try ArchiveReader().read(paths: [directory.path])
        #expect(archive.tweets.count == 4)
        #expect(archive.accountArchives.count == 2)
        #expect(
            archive.issues.map(\.description).first?.hasPrefix("\(cut.path): unreadable-zip: truncated-zip") == true,
            "\(archive.issues)")
    }

    @Test func aCorruptEntryIsWarnedAboutAndTheOtherPartsAreRead() throws {
        let (directory, _, zip) = try makeArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let entry = try #require(try ZipFile(path: zip.path).entries.first { $0.name == "data/tweets-part1.js" })
        var bytes = try Data(contentsOf: zip)
        let header = entry.localHeaderOffset
        let dataStart =
            header + 30 + Int(bytes[header + 26]) + Int(bytes[header + 27]) << 8
            + Int(bytes[header + 28]) + Int(bytes[header + 29]) << 8
        for k in 0..<entry.compressedSize / 2 { bytes[dataStart + entry.compressedSize / 4 + k] ^= 0x5A }
        try bytes.write(to: zip)
        let archive = try ArchiveReader().read(paths: [zip.path])
        #expect(archive.tweets.map(\.id.description) == Array(Fixture.tweetIDs.prefix(2)))
        let warning = try #require(archive.accountArchives[0].warnings.first)
        #expect(warning.file == "\(zip.path)!data/tweets-part1.js")
        // Under --strict a damaged file fails the read.
        let error = try #require(throws: ArchiveError.self) {
            try ArchiveReader(options: .init(strict: true)).read(paths: [zip.path])
        }
        #expect(error.kind == .malformed)
        #expect(error.file == "\(zip.path)!data/tweets-part1.js")
        #expect([Diagnostic.Reason.corruptZip, .truncatedZip, .tooLarge].contains(warning.reason), "\(warning)")
    }

    @Test func aZipBombIsRefusedAndTheRestRead() throws {
        let (directory, _, zip) = try makeArchive(manifest: false) // parts found by name: the bomb is one
        defer { try? FileManager.default.removeItem(at: directory) }
        // A tweets part that claims (and inflates to) 64 MiB of zeros, over a limit of 1 MiB.
        try SyntheticAccountArchive.addEntry("data/tweets-part2.js", Data(count: 64 << 20), to: zip)
        var options = ArchiveReader.Options()
        options.archiveEntryLimit = 1 << 20
        let archive = try ArchiveReader(options: options).read(paths: [zip.path])
        #expect(archive.tweets.count == 4)
        let warning = try #require(archive.accountArchives[0].warnings.first)
        #expect(warning.description.hasPrefix("\(zip.path)!data/tweets-part2.js: too-large: declares 67108864 bytes"))
    }

    @Test func anEntryInflatingPastItsDeclaredSizeIsStopped() throws {
        let (directory, _, zip) = try makeArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Lower the size tweets.js declares in the central directory (offset 24 of its record) to 100 bytes.
        var bytes = try Data(contentsOf: zip)
        let name = Data("data/tweets.js".utf8)
        var position = bytes.startIndex
        var patched = false
        while let found = bytes.range(of: name, in: position..<bytes.endIndex) {
            let record = found.lowerBound - 46
            if record >= 0, bytes[record] == 0x50, bytes[record + 1] == 0x4B, bytes[record + 2] == 1,
                bytes[record + 3] == 2
            {
                bytes.replaceSubrange((record + 24)..<(record + 28), with: [100, 0, 0, 0])
                patched = true
            }
            position = found.upperBound
        }
        #expect(patched)
        try bytes.write(to: zip)
        let archive = try ArchiveReader().read(paths: [zip.path])
        #expect(archive.tweets.map(\.id.description) == Array(Fixture.tweetIDs.suffix(2)))
        let warning = try #require(archive.accountArchives[0].warnings.first)
        #expect(
            warning.description == "\(zip.path)!data/tweets.js: too-large: inflates past the 100 bytes it "
                + "declares (a zip bomb?); stopped")
    }

    @Test func entriesNamedOutsideTheArchiveAreNeitherReadNorWritten() throws {
        let (directory, _, zip) = try makeArchive()
        defer { try? FileManager.default.removeItem(at: directory) }
        let evil = SyntheticAccountArchive.tweetsFile(
            part: 2, [Fixture.tweetElement(id: "1600000000000000666", text: "evil")])
        try SyntheticAccountArchive.addEntry("../data/tweets-part2.js", Data(evil.utf8), to: zip)
        try SyntheticAccountArchive.addEntry("data/../../evil.js", Data(evil.utf8), to: zip)
        let before = try FileManager.default.contentsOfDirectory(atPath: directory.deletingLastPathComponent().path)
        let archive = try ArchiveReader().read(paths: [zip.path])
        #expect(archive.tweets.map(\.id.description) == Fixture.tweetIDs)
        #expect(
            archive.accountArchives[0].warnings.map(\.description) == [
                "\(zip.path)!../data/tweets-part2.js: unsafe-name: the entry's path leaves the archive; not read",
                "\(zip.path)!data/../../evil.js: unsafe-name: the entry's path leaves the archive; not read",
            ])
        // The temporary folder is shared with tests running meanwhile: look only for what these entries would make.
        let after = try FileManager.default.contentsOfDirectory(atPath: directory.deletingLastPathComponent().path)
        let made = Set(after).subtracting(before)
        #expect(!made.contains("evil.js") && !made.contains("data"))
        for base in [directory, directory.deletingLastPathComponent()] {
            #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("evil.js").path))
            #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("data/tweets-part2.js").path))
        }
    }

    @Test func aFolderWithoutAnyArchiveIsAnErrorSayingWhatWasLookedFor() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("just notes\n".utf8).write(to: directory.appendingPathComponent("notes.md"))
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("empty"),
            withIntermediateDirectories: true)
        for path in [directory.path, directory.appendingPathComponent("empty").path] {
            let error = try #require(throws: ArchiveError.self) { try ArchiveReader().read(paths: [path]) }
            #expect(error.kind == .unreadable)
            #expect(error.description.hasPrefix("\(path): no archive found: looked for a Twitter/X archive"))
        }
        // A zip that is not a Twitter/X archive.
        let other = directory.appendingPathComponent("photos.zip")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("photos"), withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: directory.appendingPathComponent("photos/a.jpg"))
        try SyntheticAccountArchive.zip(directory.appendingPathComponent("photos"), to: other)
        let error = try #require(throws: ArchiveError.self) { try ArchiveReader().read(paths: [other.path]) }
        #expect(error.kind == .unreadable)
        #expect(error.description.hasPrefix("\(other.path): no Twitter/X archive in this zip"))
    }

    @Test func thousandsOfUnrelatedFilesAreSkippedQuickly() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var noise = Data(count: 200 << 10) // no newline in it: it used to be read to its end, line-too-long
        noise[0] = 0x89
        for k in 0..<2_000 {
            try noise.write(to: directory.appendingPathComponent(String(format: "img-%04d.png", k)))
        }
        let sample = try String(contentsOfFile: SampleArchive.path, encoding: .utf8)
        try Data(sample.utf8).write(to: directory.appendingPathComponent("tweets.txt"))
        let start = ContinuousClock.now
        let archive = try ArchiveReader().read(paths: [directory.path])
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(archive.tweets.count == 2_073)
        #expect(archive.skipped == [.unsupportedFormat: 2_000])
        #expect(archive.inputs.filter { $0.format == nil }.allSatisfy { $0.bytes == 0 })
    }
}
