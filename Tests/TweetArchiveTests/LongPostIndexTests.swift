import Testing

@testable import TweetArchive

/// Joining long posts (`note-tweet.js`) to the truncated tweets that stand for them in `tweets.js`.
@Suite struct LongPostIndexTests {
    let time = Timestamp(milliseconds: 1_669_809_600_456) // 2022-11-30T12:00:00.456Z
    let full = "A long post about reply graphs that goes on and on, with a link https://example.com/page and much more"

    private func index() -> LongPostIndex {
        var index = LongPostIndex()
        index.add(id: "1", createdAt: time, text: full)
        return index
    }

    @Test(arguments: [
        // The export's second, with the truncation mark and link.
        ("A long post about reply graphs that goes on and on,… https://t.co/AbC", 1_669_809_600_000, true),
        // One second later still joins; three do not.
        ("A long post about reply graphs that goes on… https://t.co/AbC", 1_669_809_601_000, true),
        ("A long post about reply graphs that goes on… https://t.co/AbC", 1_669_809_603_000, false),
        // Lines broken differently, a reply's leading handle, and a shortened link inside the kept text.
        (
            "@bob A long post about\\nreply graphs that goes on and on, with a link https://t.co/xyz and… https://t.co/q",
            1_669_809_600_000, true
        ),
        // A different text, and too little text to tell.
        ("Another post entirely… https://t.co/AbC", 1_669_809_600_000, false),
        ("A long… https://t.co/AbC", 1_669_809_600_000, false),
    ])
    func joinsByTimeAndTextPrefix(text: String, milliseconds: Int64, joins: Bool) {
        var index = index()
        let joined = index.fullText(
            of: text.replacingOccurrences(of: "\\n", with: "\n"),
            createdAt: Timestamp(milliseconds: milliseconds))
        #expect((joined == full) == joins)
        #expect(index.joined == (joins ? 1 : 0))
    }

    @Test func eachNoteJoinsOneTweet() {
        var index = index()
        let truncated = "A long post about reply graphs that goes on… https://t.co/AbC"
        #expect(index.fullText(of: truncated, createdAt: time) == full)
        #expect(index.fullText(of: truncated, createdAt: time) == nil)
        #expect(index.joined == 1 && index.count == 1)
    }
}
