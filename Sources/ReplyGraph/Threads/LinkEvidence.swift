import Foundation

/// The evidence that a tweet continues an open chain of its author, combined into a confidence and a reason.
///
/// Each cue adds log-odds; the confidence is the logistic of the sum, so cues that agree reinforce each other and a
/// strong contrary cue (a `1/` after `5/`) outweighs timing. The terms model how threads are posted, not one
/// account's habits:
///
/// | cue | log-odds | why |
/// |---|---|---|
/// | gap g seconds | 3 − 1.25 ln(1 + g/4): +2.9 at 0.3 s, +1.4 at 10 s, 0 at 30 s, −2.4 at 5 min | thread composers post parts seconds apart; people take longer to write a new tweet |
/// | next number (`3→4`) | +4 (dot lists ×0.6) | the strongest cue a text archive has |
/// | skipped 1–2 numbers | +2.5 (×0.6) | a part missing from the archive |
/// | `1` again | −6; dot lists −3.6 when every part so far was numbered, else −1 | a new thread; lists restart inside threads |
/// | number goes back, or jumps by more than 3 | −3 / −1 (×0.6) | another sequence |
/// | first number after an unnumbered root is `2` | +2 | |
/// | `n/m` total changes | −1.5 | |
/// | after an `m/m` part | −1.5 | the thread said it was complete |
/// | leading `@author` | +2 | a self-reply written out |
/// | leading `@x` that the previous part mentions | +0.5 | Twitter prefills the handles of the tweet replied to |
/// | leading `@x` not mentioned before | −2 | a reply to someone else |
/// | the chain's root replies to someone else | −8 | a conversation, not a thread (even a numbered `1/2`, `2/2` reply) |
/// | a closer within ``ThreadOptions/closerWindow`` | +4 | "I hope you've found this thread helpful" ends its thread |
/// | the chain announces a thread ("🧵", "(1/n)") | +1.5 for the second part, +0.5 later | |
/// | the chain already has two parts | +0.5 | threads continue |
/// | same `conversation_id` as the chain's root / another one, or its own id | +3 / −4 | twint JSON states it |
///
/// `reason` names the gap (`burst:2s` up to 10 s, else `gap:54s`) and each supporting cue (`numbered:3->4`,
/// `self-mention`, `auto-mention`, `closer`, `opener`, `conversation`), joined with `+`. Wording (closers, openers)
/// only adds evidence, so it is read only when the other cues leave a link short of 0.99; decisive links do not
/// name it.
struct LinkEvidence {
    enum Leading { case none, selfMention, autoMention, others }
    enum Conversation { case unknown, same, other, ownRoot }

    private(set) var score = 0.0
    /// How the tweet's leading @-run relates to the chain.
    let leading: Leading
    /// The tweet's number continues the chain's numbering (next, or one to two skipped, same style).
    private(set) var numberedInSequence = false
    /// What ``reason`` names, kept as numbers and flags: a tweet is scored against several chains, and only the
    /// winner's reason is ever spelled out.
    private let gapSeconds: Int
    private let isBurst: Bool
    /// `numbered:from->to` (`from` 0 with `numberedUnknown` for `?->2`), when `hasNumbered`.
    private var numberedFrom: Int32 = 0
    private var numberedTo: Int32 = 0
    private var labels: Labels = []

    private struct Labels: OptionSet {
        let rawValue: UInt8
        static let numbered = Labels(rawValue: 1 << 0)
        static let numberedUnknown = Labels(rawValue: 1 << 1)
        static let selfMention = Labels(rawValue: 1 << 2)
        static let autoMention = Labels(rawValue: 1 << 3)
        static let closer = Labels(rawValue: 1 << 4)
        static let opener = Labels(rawValue: 1 << 5)
        static let conversation = Labels(rawValue: 1 << 6)
    }

    var confidence: Double { 1 / (1 + exp(-score)) }

    /// The gap, then each supporting cue in the order the score adds them, joined with `+`.
    var reason: String {
        // Spelled into a stack buffer: interpolation, appends to an array and a digit array per number cost more than
        // the rest of the link (the longest reason has about 120 bytes).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 192) { buffer in
            var text = ReasonText(buffer: buffer)
            text.append(isBurst ? "burst:" : "gap:")
            text.append(gapSeconds)
            text.append("s")
            if labels.contains(.numbered) {
                text.append("+numbered:")
                if labels.contains(.numberedUnknown) { text.append("?") } else { text.append(Int(numberedFrom)) }
                text.append("->")
                text.append(Int(numberedTo))
            }
            if labels.contains(.selfMention) { text.append("+self-mention") }
            if labels.contains(.autoMention) { text.append("+auto-mention") }
            if labels.contains(.closer) { text.append("+closer") }
            if labels.contains(.opener) { text.append("+opener") }
            if labels.contains(.conversation) { text.append("+conversation") }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<text.count]), as: UTF8.self)
        }
    }

    init(gap: Double, marker: NumberingMarker?, chain: Chain, opener: Bool, leading: Leading, cues: TextCues,
         conversation: Conversation, closerWindow: Double) {
        self.leading = leading
        score = 3 - 1.25 * log(1 + gap / 4)
        gapSeconds = Int(gap.rounded())
        isBurst = gap <= 10

        if let marker {
            let n = Int32(marker.number)
            let weight = marker.style == .dot ? 0.6 : 1
            if chain.numberedParts > 0 {
                let d = n - chain.lastNumber
                if marker.style == chain.lastStyle {
                    if d == 1 {
                        add(4 * weight, numbered: chain.lastNumber, n)
                        numberedInSequence = true
                    } else if d == 2 || d == 3 {
                        add(2.5 * weight, numbered: chain.lastNumber, n)
                        numberedInSequence = true
                    } else if n == 1 {
                        // A dot list that numbered every part so far restarts as a new thread; one that did not is
                        // a list inside the text, and lists restart freely.
                        add(marker.style != .dot ? -6 : chain.numberedParts == chain.length ? -3.6 : -1)
                    } else if d <= 0 {
                        add(-3 * weight)
                    } else {
                        add(-1 * weight)
                    }
                    if let total = marker.total, chain.total > 0, Int32(total) != chain.total { add(-1.5) }
                } else if n == 1 && marker.style != .dot {
                    add(-3)
                } else if d == 1 {
                    add(1.5 * weight, numbered: chain.lastNumber, n)
                }
            } else if n == 1 {
                add(marker.style == .dot ? -1 : -3)
            } else if n == 2 && chain.length == 1 {
                add(2 * weight, [.numbered, .numberedUnknown])
                (numberedFrom, numberedTo) = (0, 2)
            }
        } else if chain.total > 0 && chain.lastNumber >= chain.total {
            add(-1.5)
        }

        switch leading {
        case .none: break
        case .selfMention: add(2, .selfMention)
        case .autoMention: add(0.5, .autoMention)
        case .others: add(-2)
        }
        if chain.rootIsReply { add(-8) }
        if cues.contains(.closer) && gap <= closerWindow && leading != .others { add(4, .closer) }
        if opener { chain.length == 1 ? add(1.5, .opener) : add(0.5) }
        if chain.length >= 2 { add(0.5) }
        switch conversation {
        case .unknown: break
        case .same: add(3, .conversation)
        case .other, .ownRoot: add(-4)
        }
    }

    private mutating func add(_ value: Double, _ label: Labels = []) {
        score += value
        labels.formUnion(label)
    }

    private mutating func add(_ value: Double, numbered from: Int32, _ to: Int32) {
        score += value
        labels.insert(.numbered)
        (numberedFrom, numberedTo) = (from, to)
    }
}

/// Appends ASCII to a buffer that is large enough (``LinkEvidence/reason``'s 192 bytes hold every reason).
private struct ReasonText {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes in
            for b in bytes { buffer[count] = b; count += 1 }
        }
    }

    /// The decimal digits of `value`, with a `-` when negative.
    mutating func append(_ value: Int) {
        if value < 0 { buffer[count] = UInt8(ascii: "-"); count += 1 }
        let start = count
        var v = value.magnitude
        repeat {
            buffer[count] = UInt8(ascii: "0") + UInt8(v % 10)
            count += 1
            v /= 10
        } while v > 0
        buffer[start..<count].reverse()
    }
}
