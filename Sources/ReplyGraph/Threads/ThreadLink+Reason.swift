extension ThreadLink {
    /// Why thread reconstruction made a link: what it rests on and the cues that supported it.
    ///
    /// Its text form is stable and is what the JSON, CSV and text outputs print: the basis (`reply-id`, `truth`,
    /// `burst:2s` up to ten seconds, `gap:15s` beyond), then each cue joined with `+`:
    ///
    ///     thread.links[0].reason.description   // "burst:2s+numbered:1->2"
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        /// What a link rests on.
        public enum Basis: Hashable, Sendable {
            /// A hand-labelled link (evaluation archives only): `truth`.
            case truth
            /// The archive's explicit parent id: `reply-id`.
            case replyID
            /// The link model, for a tweet posted `seconds` after its predecessor: `burst:Ns` up to ten seconds,
            /// `gap:Ns` beyond.
            case inferred(seconds: Int)
        }

        /// A cue that supported an inferred link, listed in the text form in the order of the cases.
        public enum Cue: Hashable, Sendable {
            /// `numbered:3->4`: the parts' numbers follow each other; `from` is nil (`numbered:?->2`) when the
            /// predecessor is an unnumbered root.
            case numbered(from: Int?, to: Int)
            /// `self-mention`: the tweet names its own author.
            case selfMention
            /// `auto-mention`: the leading handles are ones the thread already addressed.
            case autoMention
            /// `closer`: the tweet reads like the end of a thread.
            case closer
            /// `opener`: the predecessor reads like the start of a thread.
            case opener
            /// `continuation`: the tweet starts with a continuation word or a lower-case letter.
            case continuation
            /// `template`: the tweet is most like its predecessor among the candidates.
            case template
            /// `conversation`: both tweets belong to the same reply conversation.
            case conversation
        }

        /// Bits of ``cueMask``, in text order.
        enum CueBit: UInt16, CaseIterable {
            case numbered = 1
            case selfMention = 2
            case autoMention = 4
            case closer = 8
            case opener = 16
            case continuation = 32
            case template = 64
            case conversation = 128
        }

        /// What the link rests on.
        public let basis: Basis
        /// The cues as bits (no allocation per link on the hot path); ``cues`` spells them out.
        let cueMask: UInt16
        /// The numbers of a `numbered` cue; `numberedFrom` is -1 for `?`.
        let numberedFrom: Int32
        let numberedTo: Int32

        package init(basis: Basis, cueMask: UInt16 = 0, numberedFrom: Int32 = 0, numberedTo: Int32 = 0) {
            self.basis = basis
            self.cueMask = cueMask
            self.numberedFrom = numberedFrom
            self.numberedTo = numberedTo
        }

        /// The value of decision slots of tweets that have no link (it is never read for a linked tweet).
        static let unlinked = Reason(basis: .inferred(seconds: 0))

        /// The cues that supported the link, in text order; empty for `reply-id` and `truth`.
        public var cues: [Cue] {
            CueBit.allCases.filter { cueMask & $0.rawValue != 0 }.map { bit in
                switch bit {
                case .numbered: .numbered(from: numberedFrom < 0 ? nil : Int(numberedFrom), to: Int(numberedTo))
                case .selfMention: .selfMention
                case .autoMention: .autoMention
                case .closer: .closer
                case .opener: .opener
                case .continuation: .continuation
                case .template: .template
                case .conversation: .conversation
                }
            }
        }

        /// The stable text form, e.g. `reply-id` or `burst:2s+numbered:1->2+closer`.
        public var description: String {
            var text: String
            switch basis {
            case .truth: text = "truth"
            case .replyID: text = "reply-id"
            case .inferred(let seconds): text = seconds <= 10 ? "burst:\(seconds)s" : "gap:\(seconds)s"
            }
            for cue in cues {
                switch cue {
                case .numbered(let from, let to): text += "+numbered:\(from.map(String.init) ?? "?")->\(to)"
                case .selfMention: text += "+self-mention"
                case .autoMention: text += "+auto-mention"
                case .closer: text += "+closer"
                case .opener: text += "+opener"
                case .continuation: text += "+continuation"
                case .template: text += "+template"
                case .conversation: text += "+conversation"
                }
            }
            return text
        }
    }
}
