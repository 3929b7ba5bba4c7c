import ReplyGraph

/// Links to tweets and profiles, built only from ids and validated handles — never from URLs in the input.
///
///     TweetLinks.status(id: TweetID(1625536625030885377), author: Handle("alexxubyte"))
///     // "https://twitter.com/alexxubyte/status/1625536625030885377"
///     TweetLinks.status(id: TweetID(20), author: Handle("javascript:alert(1)"))
///     // "https://twitter.com/i/web/status/20"
package enum TweetLinks {
    /// `https://twitter.com/<author>/status/<id>`, or `https://twitter.com/i/web/status/<id>` when the author is
    /// unknown or not a valid screen name.
    package static func status(id: TweetID, author: Handle?) -> String {
        if let author, isScreenName(author.display) {
            return "https://twitter.com/\(author.display)/status/\(id.rawValue)"
        }
        return "https://twitter.com/i/web/status/\(id.rawValue)"
    }

    /// `https://twitter.com/<handle>`, or `nil` when `handle` is not a valid screen name.
    package static func profile(_ handle: String) -> String? {
        let name = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
        return isScreenName(name) ? "https://twitter.com/\(name)" : nil
    }

    /// 1–50 ASCII letters, digits or `_` (Twitter allows 15; older and suspended accounts run longer).
    package static func isScreenName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 50
            && name.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) || $0 == 0x5F
            }
    }
}
