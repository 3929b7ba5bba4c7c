/// Word wrapping and truncation for node labels, counted in grapheme clusters.
///
///     TextLayout.wrap("one two three four", width: 9)        // ["one two", "three", "four"]
///     TextLayout.truncate("abcdefgh", to: 5)                  // "abcd…"
package enum TextLayout {
    /// Cuts `text` to at most `limit` characters, ending with `…` when it was longer. Whitespace runs (newlines
    /// included) collapse to one space first.
    package static func truncate(_ text: String, to limit: Int) -> String {
        let flat = collapseWhitespace(text)
        guard limit > 0 else { return "" }
        guard flat.count > limit else { return flat }
        return String(flat.prefix(limit - 1)).trimmingTrailingSpaces() + "…"
    }

    /// Breaks `text` into lines of at most `width` characters at spaces; words longer than `width` are split.
    ///
    /// - Complexity: O(n) in the text's characters.
    package static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(width, 1)
        var lines: [String] = []
        var line = ""
        var lineCount = 0
        for word in collapseWhitespace(text).split(separator: " ") {
            var word = Substring(word)
            while word.count > width { // a long URL or word: hard split
                if lineCount > 0 {
                    lines.append(line)
                    line = ""
                    lineCount = 0
                }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            guard !word.isEmpty else { continue }
            if lineCount == 0 {
                line = String(word)
                lineCount = word.count
            } else if lineCount + 1 + word.count <= width {
                line += " " + word
                lineCount += 1 + word.count
            } else {
                lines.append(line)
                line = String(word)
                lineCount = word.count
            }
        }
        if lineCount > 0 { lines.append(line) }
        return lines
    }

    /// Whitespace runs (spaces, tabs, line breaks) as single spaces, trimmed at both ends.
    package static func collapseWhitespace(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace {
                    out.append(" ")
                    pendingSpace = false
                }
                out.append(character)
            }
        }
        return out
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
