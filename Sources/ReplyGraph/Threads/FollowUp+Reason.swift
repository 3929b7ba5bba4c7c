extension FollowUp {
    /// Why a tweet was taken for a follow-up: the text cue and how long after its target it came.
    ///
    /// Its text form is stable and is what the JSON, CSV and text outputs print: the cue, a colon and the gap in
    /// whole seconds, minutes, hours or days.
    ///
    ///     followUp.reason.description   // "thread-reference:4h"
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        /// The cue that points back to the target.
        public enum Cue: String, Hashable, Sendable, CaseIterable {
            /// "This thread", "the first tweet", "ICYMI": `thread-reference`.
            case threadReference = "thread-reference"
            /// "Part 2": `sequel`.
            case sequel
            /// "Source: [1] …": `source`.
            case source
            /// "And …", "Update: …": `continuation-word`.
            case continuationWord = "continuation-word"
        }

        /// The cue that points back to the target.
        public let cue: Cue
        /// Whole seconds between the end of the target and the follow-up.
        public let gapSeconds: Int64

        package init(cue: Cue, gapSeconds: Int64) {
            self.cue = cue
            self.gapSeconds = gapSeconds
        }

        /// The stable text form: `thread-reference:45s`, `sequel:9m`, `source:4h`, `continuation-word:2d`.
        public var description: String {
            let s = gapSeconds
            let gap = s < 60 ? "\(s)s" : s < 3600 ? "\(s / 60)m" : s < 86_400 ? "\(s / 3600)h" : "\(s / 86_400)d"
            return cue.rawValue + ":" + gap
        }
    }
}
