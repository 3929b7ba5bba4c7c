import TweetArchive

/// A walk over an archive's tweets on all cores that reads each tweet and its text in place: the one place where
/// thread inference holds pointers into an archive.
///
/// The invariant that makes the pointers safe: the walk holds the archive's tweet array (borrowed, unchanged) for its
/// whole duration, so every tweet and the text block its bytes live in stay alive; `body` gets the tweets and the
/// text as `Span`s, neither of which can outlive the call. (Copying a tweet out instead would retain and
/// release text blocks that all threads share, once per tweet.) Each call writes only its own index's slots, as
/// ``Parallel`` requires.
enum TweetWalk {
    /// Calls `body` with the archive's tweets as a `Span`, the UTF-8 text of tweet `i` and `i`, for each index, on
    /// all cores, in no set order. `body` reads tweet `i` in place as `tweets[i]`.
    ///
    /// The tweets come as a span, not as a borrowed `Tweet`: passing a tweet read through a pointer to a closure
    /// copied it for the call (retaining and releasing its text block and side record, for every tweet), where a
    /// field read through the span's subscript copies only that field.
    static func forEach(of archive: Archive, _ body: @Sendable (Span<Tweet>, Span<UInt8>, Int) -> Void) {
        let n = archive.tweets.count
        archive.tweets.withUnsafeBufferPointer { tweetList in
            nonisolated(unsafe) let tweets = tweetList.baseAddress!
            Parallel.forEachChunk(of: n, chunks: 64) { range, _ in
                guard let first = range.first, let last = range.last else { return }
                let list = Span(_unsafeElements: UnsafeBufferPointer(start: tweets, count: n))
                // Walk the chunk in the order its texts lie in memory: archives are often stored newest first and
                // sorted oldest first, and reading texts backwards stalls on every cache line.
                if textAddress(tweets + last) < textAddress(tweets + first) {
                    for k in range.reversed() { body(list, Tweet.utf8Text(at: tweets + k).span, k) }
                } else {
                    for k in range { body(list, Tweet.utf8Text(at: tweets + k).span, k) }
                }
            }
        }
    }

    /// Where a tweet's text starts in memory (only compared, never read through).
    private static func textAddress(_ tweet: UnsafePointer<Tweet>) -> UInt {
        UInt(bitPattern: Tweet.utf8Text(at: tweet).baseAddress)
    }
}
