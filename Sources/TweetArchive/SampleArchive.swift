import Foundation

/// The archive bundled with the package: @alexxubyte's public timeline, 2,073 tweets from February 2021 to
/// February 2023 in twint's plain-text format. Every command reads it when no archive is given.
///
///     let archive = try ArchiveReader().read(paths: [SampleArchive.path])
///     archive.tweets.count   // 2073
public enum SampleArchive {
    /// The file's location inside the package's resource bundle.
    package static var url: URL {
        guard let url = Bundle.module.url(forResource: "alexxubyte.twint", withExtension: "txt") else {
            preconditionFailure("the bundled sample archive is missing from the TweetArchive resource bundle")
        }
        return url
    }

    /// The file's path, for ``ArchiveReader/read(paths:)``.
    public static var path: String { url.path }

    /// How reports name the sample instead of its path inside the build folder.
    package static let displayName = "alexxubyte.twint.txt (bundled sample)"

    /// The account the sample belongs to.
    public static let account = Handle("alexxubyte")
}
