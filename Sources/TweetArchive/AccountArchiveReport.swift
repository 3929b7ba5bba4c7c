/// Tweets an account archive holds besides the account's own posts, read only when asked for
/// (``ArchiveReader/Options/otherTweetKinds``) and counted either way.
public enum OtherTweetKind: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    /// `deleted-tweets.js`: posts the account deleted.
    case deleted
    /// `community-tweet.js`: posts in communities.
    case community
    /// `twitter-circle-tweet.js`: posts to a circle.
    case circle

    /// Orders kinds by name.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// What reading a Twitter/X archive as users receive it (the `.zip`, its folder or its `data/` folder) found
/// besides the tweets: whose it is, its long posts, its other kinds of tweets, what it skipped on purpose, and
/// where it disagreed with its own manifest.
///
///     let archive = try ArchiveReader().read(paths: ["twitter-2024-01-01-abc.zip"])
///     let report = archive.accountArchives[0]
///     report.owner?.display          // "alice" (from data/manifest.js)
///     report.longPostsJoined         // 3: tweets whose truncated text was replaced by the full one
///     report.skippedKinds            // ["adEngagements", "directMessages", "like", ...]: never opened
package struct AccountArchiveReport: Hashable, Sendable {
    /// The archive as given (the zip file or the folder).
    package var path: String
    /// The account's handle, from `manifest.js` (or `account.js`); `nil` when the archive names none.
    package var owner: Handle?
    package var displayName: String?
    package var accountID: String?
    /// Whether `data/manifest.js` was read (otherwise the files were found by name).
    package var hasManifest: Bool
    /// The tweet files read (`data/tweets.js`, `data/tweets-part1.js`, ...).
    package var tweetFiles: [String] = []
    /// Long posts in `note-tweet.js`; those joined to their truncated tweet, and those that matched none.
    package var longPosts = 0
    package var longPostsJoined = 0
    package var longPostsUnjoined: Int { longPosts - longPostsJoined }
    /// Tweets of each other kind the archive holds, read or not.
    package var otherTweets: [OtherTweetKind: Int] = [:]
    /// The other kinds whose tweets were read into the archive.
    package var otherTweetsIncluded: Set<OtherTweetKind> = []
    /// Kinds of data ignored on purpose, by the manifest's name (`like`, `directMessages`, ...) or the file's
    /// (`direct-messages`): their files are never opened.
    package var skippedKinds: [String] = []
    /// Where the archive disagrees with its manifest, or a file could not be read: `file: reason: detail`.
    package var warnings: [Diagnostic] = []

    package init(path: String, hasManifest: Bool) {
        self.path = path
        self.hasManifest = hasManifest
    }
}
