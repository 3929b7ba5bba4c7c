import Foundation
import ZIPFoundation

/// A small Twitter/X archive made up for the tests, laid out as the real one unpacks (`Your archive.html`,
/// `assets/`, `data/`) and zipped with ZIPFoundation: a manifest, two tweet parts, a long post, a like, a direct
/// message, an account file and a deleted tweet. Nothing in it comes from a real archive.
///
/// The direct message and the like carry marker texts (``privateMarker``, ``likeMarker``) that must never reach
/// the tweets; the direct-message file is also not valid JSON, so opening it would show as a warning.
enum SyntheticAccountArchive {
    static let owner = "alice_a"
    static let displayName = "Alice Example"
    static let privateMarker = "PRIVATE-DM-TEXT"
    static let likeMarker = "SOMEONE-ELSES-TWEET"
    /// The long post's full text, and the truncated text tweets.js holds for it.
    static let longText =
        "This is a long post that goes on well past the old limit of two hundred and eighty "
        + "characters, because the author had a great deal to say about reply graphs, thread inference, archives, "
        + "manifests and the many small quirks of the export format, and then some more words to finish the thought."
    static let truncatedText = String(longText.prefix(120)) + "… https://t.co/AbCdEf1234"
    /// The ids of the account's own tweets, in both parts.
    static let tweetIDs = [
        "1600000000000000001", "1600000000000000002", "1600000000000000003",
        "1600000000000000004",
    ]
    static let deletedID = "1600000000000000009"

    /// One tweet element, pretty-printed as Twitter writes them (two-space indents, one key a line).
    static func tweetElement(
        id: String, text: String, createdAt: String = "Wed Nov 30 12:00:00 +0000 2022",
        replyTo: String? = nil
    ) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        var lines = [
            "  {",
            "    \"tweet\" : {",
            "      \"edit_info\" : {",
            "        \"initial\" : {",
            "          \"editTweetIds\" : [",
            "            \"\(id)\"",
            "          ],",
            "          \"editsRemaining\" : \"5\"",
            "        }",
            "      },",
            "      \"retweeted\" : false,",
            "      \"entities\" : {",
            "        \"hashtags\" : [ ],",
            "        \"user_mentions\" : [ ]",
            "      },",
            "      \"favorite_count\" : \"3\",",
            "      \"id_str\" : \"\(id)\",",
        ]
        if let replyTo { lines.append("      \"in_reply_to_status_id_str\" : \"\(replyTo)\",") }
        lines += [
            "      \"retweet_count\" : \"1\",",
            "      \"created_at\" : \"\(createdAt)\",",
            "      \"full_text\" : \"\(escaped)\",",
            "      \"lang\" : \"en\"",
            "    }",
            "  }",
        ]
        return lines.joined(separator: "\n")
    }

    static func tweetsFile(part: Int, _ elements: [String], global: String = "tweets") -> String {
        "window.YTD.\(global).part\(part) = [\n" + elements.joined(separator: ",\n") + "\n]"
    }

    /// The `data/` files by name.
    static func dataFiles(manifest: Bool = true) -> [String: String] {
        // The long post: created 2022-11-30 12:00:00 UTC; its note states the same second with milliseconds.
        var files: [String: String] = [
            "tweets.js": tweetsFile(
                part: 0,
                [
                    tweetElement(
                        id: tweetIDs[0], text: "First post of the archive, hello &amp; welcome",
                        createdAt: "Tue Nov 29 10:00:00 +0000 2022"),
                    tweetElement(id: tweetIDs[1], text: truncatedText, createdAt: "Wed Nov 30 12:00:00 +0000 2022"),
                ]),
            "tweets-part1.js": tweetsFile(
                part: 1,
                [
                    tweetElement(
                        id: tweetIDs[2], text: "A reply in the second part",
                        createdAt: "Thu Dec 01 09:00:00 +0000 2022",
                        replyTo: tweetIDs[1]),
                    tweetElement(
                        id: tweetIDs[3], text: "The last post, @bob_b see you",
                        createdAt: "Fri Dec 02 09:00:00 +0000 2022"),
                ]),
            "note-tweet.js": """
            window.YTD.note_tweet.part0 = [
              {
                "noteTweet" : {
                  "noteTweetId" : "1600000000000000777",
                  "updatedAt" : "2022-11-30T12:00:00.000Z",
                  "lifecycle" : { "value" : "1", "name" : "Active" },
                  "createdAt" : "2022-11-30T12:00:00.456Z",
                  "core" : {
                    "styletags" : [ ],
                    "urls" : [ ],
                    "text" : "\(longText)",
                    "mentions" : [ ],
                    "cashtags" : [ ],
                    "hashtags" : [ ]
                  }
                }
              }
            ]
            """,
            "like.js": """
            window.YTD.like.part0 = [
              {
                "like" : {
                  "tweetId" : "1500000000000000001",
                  "fullText" : "\(likeMarker) @someone",
                  "expandedUrl" : "https://twitter.com/i/web/status/1500000000000000001"
                }
              }
            ]
            """,
            // Deliberately not valid JSON: were it ever opened, the read would warn.
            "direct-messages.js": "window.YTD.direct_messages.part0 = [ { \"dmConversation\" : { \"messages\" : [ "
                + "{ \"messageCreate\" : { \"text\" : \"\(privateMarker)\", \"id\" : \"77\" ",
            "account.js": """
            window.YTD.account.part0 = [
              {
                "account" : {
                  "email" : "alice@example.com",
                  "createdVia" : "web",
                  "username" : "\(owner)",
                  "accountId" : "4242",
                  "createdAt" : "2010-01-01T00:00:00.000Z",
                  "accountDisplayName" : "\(displayName)"
                }
              }
            ]
            """,
            "deleted-tweets.js": tweetsFile(
                part: 0,
                [
                    tweetElement(
                        id: deletedID, text: "A post the account deleted", createdAt: "Sat Dec 03 09:00:00 +0000 2022")
                ], global: "deleted_tweets"),
        ]
        if manifest {
            files["manifest.js"] = """
                window.__THAR_CONFIG = {
                  "userInfo" : {
                    "accountId" : "4242",
                    "userName" : "\(owner)",
                    "displayName" : "\(displayName)"
                  },
                  "archiveInfo" : {
                    "sizeBytes" : "12345",
                    "generationDate" : "2022-12-04T00:00:00.000Z",
                    "isPartialArchive" : false,
                    "maxPartSizeBytes" : "53687091200"
                  },
                  "readmeInfo" : {
                    "fileName" : "data/README.txt",
                    "directory" : "data/",
                    "name" : "README.txt"
                  },
                  "dataTypes" : {
                    "account" : {
                      "files" : [ { "fileName" : "data/account.js", "globalName" : "YTD.account.part0", "count" : "1" } ]
                    },
                    "deletedTweets" : {
                      "files" : [ { "fileName" : "data/deleted-tweets.js", "globalName" : "YTD.deleted_tweets.part0", "count" : "1" } ],
                      "mediaDirectory" : "data/deleted_tweets_media"
                    },
                    "directMessages" : {
                      "files" : [ { "fileName" : "data/direct-messages.js", "globalName" : "YTD.direct_messages.part0", "count" : "1" } ]
                    },
                    "like" : {
                      "files" : [ { "fileName" : "data/like.js", "globalName" : "YTD.like.part0", "count" : "1" } ]
                    },
                    "noteTweet" : {
                      "files" : [ { "fileName" : "data/note-tweet.js", "globalName" : "YTD.note_tweet.part0", "count" : "1" } ]
                    },
                    "tweets" : {
                      "files" : [
                        { "fileName" : "data/tweets.js", "globalName" : "YTD.tweets.part0", "count" : "2" },
                        { "fileName" : "data/tweets-part1.js", "globalName" : "YTD.tweets.part1", "count" : "2" }
                      ],
                      "mediaDirectory" : "data/tweets_media"
                    },
                    "ipAudit" : {
                      "files" : [ ]
                    }
                  }
                };
                """
        }
        return files
    }

    /// Writes the unpacked archive into `root` (created); returns `root`.
    @discardableResult
    static func writeFolder(
        at root: URL, manifest: Bool = true,
        edit: (inout [String: String]) -> Void = { _ in }
    ) throws -> URL {
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(
            at: data.appendingPathComponent("tweets_media"),
            withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("assets"),
            withIntermediateDirectories: true)
        try Data("<html>Your archive</html>".utf8).write(to: root.appendingPathComponent("Your archive.html"))
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).write(to: data.appendingPathComponent("tweets_media/1-a.jpg"))
        try Data("This archive was generated ...\n".utf8).write(to: data.appendingPathComponent("README.txt"))
        var files = dataFiles(manifest: manifest)
        edit(&files)
        for (name, text) in files { try Data(text.utf8).write(to: data.appendingPathComponent(name)) }
        return root
    }

    /// Zips the folder at `root` (its contents at the zip's top level, as Twitter ships them, or inside a folder
    /// of its name when `keepingParent`) into `zip`.
    static func zip(_ root: URL, to zip: URL, keepingParent: Bool = false) throws {
        try FileManager.default.zipItem(at: root, to: zip, shouldKeepParent: keepingParent, compressionMethod: .deflate)
    }

    /// Adds an entry named `name` holding `bytes` to the zip at `zip`.
    static func addEntry(_ name: String, _ bytes: Data, to zip: URL) throws {
        let archive = try ZIPFoundation.Archive(url: zip, accessMode: .update)
        try archive.addEntry(
            with: name, type: .file, uncompressedSize: Int64(bytes.count),
            compressionMethod: .deflate
        ) { position, size in
            bytes.subdata(in: Int(position)..<min(bytes.count, Int(position) + size))
        }
    }
}
