/// A thread drawn top to bottom as boxes, one per part, in the report's own SVG (no Graphviz, so every thread page
/// gets one cheaply): each box shows the part's number and the start of its text; the connector into a part
/// carries the link's confidence and is dashed below 0.9; numbers the thread skips appear as dashed "missing"
/// boxes; promotional parts are orange; follow-ups hang below with a dashed connector.
///
///     let diagram = ThreadDiagram(frame: frame, parts: [.init(number: 1, text: "a", promotional: false),
///                                                       .init(number: 3, text: "b", promotional: true)],
///                                 confidences: [0.7], missing: [2])
///     diagram.items.count   // 3: part 1, "2 missing", part 3
///
/// - Complexity: O(parts + follow-ups).
package struct ThreadDiagram: Sendable {
    package struct Part: Sendable {
        package var number: Int?
        package var text: String
        package var promotional: Bool

        package init(number: Int?, text: String, promotional: Bool) {
            self.number = number
            self.text = text
            self.promotional = promotional
        }
    }

    package struct FollowUp: Sendable {
        package var text: String
        /// Index of the part it points back to.
        package var target: Int
        package var confidence: Double

        package init(text: String, target: Int, confidence: Double) {
            self.text = text
            self.target = target
            self.confidence = confidence
        }
    }

    package enum Item: Sendable, Equatable {
        case part(Int)
        case missing([Int])
        case followUp(Int)
    }

    package static let boxHeight = 30.0, gap = 24.0, top = 8.0, left = 8.0, threshold = 0.9

    package var frame: ChartFrame
    package var parts: [Part]
    /// `confidences[k]` is the link from part k to part k + 1.
    package var confidences: [Double]
    package var followUps: [FollowUp]
    package let items: [Item]

    /// The frame's height is set from the number of boxes.
    package init(frame: ChartFrame, parts: [Part], confidences: [Double], missing: [Int], followUps: [FollowUp] = []) {
        self.parts = parts
        self.confidences = confidences
        self.followUps = followUps
        var items: [Item] = []
        var pending = missing.sorted()
        var previous: Int?
        for (k, part) in parts.enumerated() {
            if let number = part.number {
                let skipped = pending.filter { n in n < number && (previous.map { p in n > p } ?? true) }
                if !skipped.isEmpty {
                    items.append(.missing(skipped))
                    pending.removeAll { skipped.contains($0) }
                }
                previous = number
            }
            items.append(.part(k))
        }
        if !pending.isEmpty { items.append(.missing(pending)) }
        items += followUps.indices.map { .followUp($0) }
        self.items = items
        var frame = frame
        frame.height = Self.top * 2 + Double(items.count) * Self.boxHeight + Double(max(0, items.count - 1)) * Self.gap
        self.frame = frame
    }

    /// The top of box `index`.
    package func y(of index: Int) -> Double { Self.top + Double(index) * (Self.boxHeight + Self.gap) }

    /// The label on the connector into box `index` (nil for the first box and for gaps).
    package func connectorLabel(into index: Int) -> (text: String, dashed: Bool)? {
        guard index > 0 else { return nil }
        switch items[index] {
        case .part(let k):
            guard k > 0, k - 1 < confidences.count else { return nil }
            let c = confidences[k - 1]
            return (Escaping.number(c, maxFractionDigits: 2), c < Self.threshold)
        case .missing: return nil
        case .followUp(let f):
            let followUp = followUps[f]
            let target =
                parts.indices.contains(followUp.target)
                ? parts[followUp.target].number.map(String.init)
                    ?? String(followUp.target + 1) : "?"
            return ("follow-up of part \(target) · \(Escaping.number(followUp.confidence, maxFractionDigits: 2))", true)
        }
    }

    package var html: HTML {
        let width = frame.width - 2 * Self.left
        var marks: [HTML] = []
        for (index, item) in items.enumerated() {
            let y = y(of: index)
            if index > 0 {
                let label = connectorLabel(into: index)
                let dashed = label?.dashed ?? true
                var attributes = [
                    HTMLAttribute(.x1, Self.left + 24), HTMLAttribute(.y1, y - Self.gap),
                    HTMLAttribute(.x2, Self.left + 24), HTMLAttribute(.y2, y), .class("connector"),
                ]
                if dashed { attributes.append(HTMLAttribute(.strokeDasharray, "4 3")) }
                marks.append(.element(.line, attributes))
                if let label {
                    marks.append(
                        ChartFrame.label(
                            label.text, x: Self.left + 32, y: y - Self.gap / 2 + 4, anchor: "start",
                            class: label.dashed ? "weak" : "tick"))
                }
            }
            let (text, fill, dashed): (String, String, Bool)
            switch item {
            case .part(let k):
                let part = parts[k]
                text = (part.number.map { "\($0). " } ?? "\(k + 1). ") + part.text
                fill = part.promotional ? "#FBE3B3" : "#FFFFFF"
                dashed = false
            case .missing(let numbers):
                text =
                    numbers.count == 1
                    ? "part \(numbers[0]) missing"
                    : "parts \(numbers.map(String.init).joined(separator: ", ")) missing"
                fill = "#F2F2F2"
                dashed = true
            case .followUp(let f):
                text = "↩ " + followUps[f].text
                fill = "#E4F1FA"
                dashed = true
            }
            var box = [
                HTMLAttribute(.x, Self.left), HTMLAttribute(.y, y), HTMLAttribute(.width, width),
                HTMLAttribute(.height, Self.boxHeight), HTMLAttribute(.rx, 4.0), HTMLAttribute(.fill, fill),
                .class("box"),
            ]
            if dashed { box.append(HTMLAttribute(.strokeDasharray, "4 3")) }
            marks.append(.element(.rect, box))
            let characters = max(10, Int((width - 16) / 6.6))
            marks.append(
                ChartFrame.label(
                    ChartFrame.clipped(Self.oneLine(text), characters), x: Self.left + 8,
                    y: y + Self.boxHeight / 2 + 4, anchor: "start", class: "box-text"))
        }
        return frame.svg(marks)
    }

    /// Line breaks and runs of spaces as single spaces.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
