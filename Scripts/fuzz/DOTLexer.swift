// Shared by the DOT fuzz targets: a small DOT lexer that checks the structure the writer promises.

enum DOTLexer {
    /// Whether `text` is exactly one DOT double-quoted string: `"`, then characters where `"` appears only after
    /// a backslash, then a closing `"`.
    static func isOneQuotedString(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return false }
        var k = 1
        while k < scalars.count - 1 {
            if scalars[k] == "\\" {
                k += 2
                continue
            }
            if scalars[k] == "\"" { return false }
            k += 1
        }
        return k == scalars.count - 1
    }

    /// Whether a whole DOT document is well-formed at the token level: every quoted string and HTML-like label is
    /// closed, braces and brackets balance outside them, and no NUL byte or raw line break sits inside a string.
    static func isBalanced(_ dot: String) -> Bool {
        var braces = 0, brackets = 0
        var inString = false, escaped = false
        var htmlDepth = 0
        for scalar in dot.unicodeScalars {
            if scalar == "\0" { return false }
            if inString {
                if scalar == "\n" || scalar == "\r" { return false }
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" {
                    inString = false
                }
                continue
            }
            if htmlDepth > 0 {
                if scalar == "<" { htmlDepth += 1 } else if scalar == ">" { htmlDepth -= 1 }
                continue
            }
            switch scalar {
            case "\"": inString = true
            case "<": htmlDepth = 1
            case "{": braces += 1
            case "}": braces -= 1; if braces < 0 { return false }
            case "[": brackets += 1
            case "]": brackets -= 1; if brackets < 0 { return false }
            default: break
            }
        }
        return !inString && htmlDepth == 0 && braces == 0 && brackets == 0
    }
}
