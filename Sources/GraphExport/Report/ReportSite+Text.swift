import Foundation

extension ReportSite {
    /// A tweet's text in its own direction-isolated block, with the first occurrence of each evidence match marked.
    func textBlock(_ text: String, marking matches: [String]) -> HTML {
        var pieces: [HTML] = []
        var ranges: [Range<String.Index>] = []
        for match in matches where !match.isEmpty {
            if let r = text.range(of: match, options: [.caseInsensitive]),
                !ranges.contains(where: { $0.overlaps(r) })
            {
                ranges.append(r)
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var cursor = text.startIndex
        for r in ranges {
            pieces.append(.text(String(text[cursor..<r.lowerBound])))
            pieces.append(.element(.mark, [], [.text(String(text[r]))]))
            cursor = r.upperBound
        }
        pieces.append(.text(String(text[cursor...])))
        return .element(.p, [.class("text"), HTMLAttribute(.dir, "auto")], pieces)
    }
}
