/// Extracts mentions, reply handles, hashtags, cashtags and URLs from tweet text following twitter-text.
///
///     let e = EntityExtractor.entities(in: "@alice @bob see #swift https://t.co/x")
///     e.replyTo                       // ["alice", "bob"]
///     e.hashtags.map(\.value)         // ["swift"]
///
/// - Complexity: O(n) in the text's length.
public enum EntityExtractor {
    public static func entities(in text: String) -> Entities {
        var result = Entities()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var leading = true
        while i < scalars.count {
            let c = scalars[i]
            let prevIsWord = i > 0 && isWordish(scalars[i - 1])
            if (c == "@" || c == "＠") && !prevIsWord {
                var j = i + 1
                while j < scalars.count, j - i - 1 < 20, isHandleScalar(scalars[j]) { j += 1 }
                if j > i + 1 {
                    let name = String(String.UnicodeScalarView(scalars[(i + 1)..<j]))
                    result.mentions.append(TextEntity(value: name, range: i..<j))
                    if leading { result.replyTo.append(name) }
                    i = j
                    continue
                }
            }
            if (c == "#" || c == "＃") && !prevIsWord {
                var j = i + 1
                while j < scalars.count, isHashtagScalar(scalars[j]) { j += 1 }
                if j > i + 1 {
                    result.hashtags.append(TextEntity(value: String(String.UnicodeScalarView(scalars[(i + 1)..<j])),
                                                      range: i..<j))
                    leading = false
                    i = j
                    continue
                }
            }
            if c == "h", !prevIsWord, hasPrefix(scalars, at: i, "http://") || hasPrefix(scalars, at: i, "https://") {
                var j = i
                while j < scalars.count, !scalars[j].properties.isWhitespace { j += 1 }
                result.urls.append(TextEntity(value: String(String.UnicodeScalarView(scalars[i..<j])), range: i..<j))
                leading = false
                i = j
                continue
            }
            if !c.properties.isWhitespace { leading = false }
            i += 1
        }
        return result
    }

    private static func hasPrefix(_ s: [Unicode.Scalar], at i: Int, _ prefix: String) -> Bool {
        var k = i
        for p in prefix.unicodeScalars {
            guard k < s.count, s[k] == p else { return false }
            k += 1
        }
        return true
    }

    private static func isHandleScalar(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_")
    }

    private static func isHashtagScalar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" || c.properties.generalCategory == .nonspacingMark
    }

    private static func isWordish(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_"
    }
}
