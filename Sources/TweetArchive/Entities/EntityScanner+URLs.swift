/// URL matching: twitter-text's `extractUrl` pattern and its post-processing, driven by each `.` in the text.
///
/// The pattern is `(preceding)((https?://)?(domain)(:port)?(/path)?(\?query)?)`, where the domain is
/// `subdomain* domain_name (gTLD|ccTLD|punycode)`. Every host contains a `.`, so the scanner works from each dot:
/// the label before it, the labels after it, the top-level domain, then the port, path and query. The candidate
/// start positions are tried left to right (first an `http://` or `https://` before the label, then each position
/// inside it), which is the order a regular expression search would try them in; the first one that matches wins
/// and the next search starts after it. Post-processing follows twitter-text: IDNA limits on the host, `t.co`
/// slugs, and for protocol-less URLs the preceding-character rule and the ASCII-host re-extraction.
///
///     "see example.com/a." → "example.com/a"     "http://t.co/abc's" → "http://t.co/abc"
///
/// - Complexity: O(w + h) for a dot, with w the length of the word before it and h that of the URL after it.
extension EntityScanner {
    /// twitter-text limits a URL (with its protocol, `https://` if none) to 4,096 characters.
    static let maxURLLength = 4096
    /// and a `t.co` slug to 40 characters.
    static let maxTcoSlugLength = 40

    @inline(__always) private func isLabelScalar(_ c: UInt32) -> Bool {
        if c < 0x80 {
            return c == 0x5F || c == 0x2D || classes[Int(c)] & (ASCIIClass.punct | ASCIIClass.space) == 0
        }
        return UnicodeClass.isDomainChar(c)
    }

    /// A host-name character proper (`valid_domain_chars`): a label character other than `_` and `-`.
    @inline(__always) private func isDomainScalar(_ c: UInt32) -> Bool {
        if c < 0x80 { return classes[Int(c)] & (ASCIIClass.punct | ASCIIClass.space) == 0 }
        return UnicodeClass.isDomainChar(c)
    }

    /// The end of the run of label characters starting at `i`, and whether it holds a `_`.
    private func labelRun(from i: Int) -> (end: Int, hasUnderscore: Bool) {
        var j = i
        var underscore = false
        while j < text.count {
            let b = text[j]
            if b < 0x80 {
                guard isLabelScalar(UInt32(b)) else { break }
                if b == 0x5F { underscore = true }
                j += 1
            } else {
                let (c, length) = text.scalar(at: j)
                guard UnicodeClass.isDomainChar(c) else { break }
                j += length
            }
        }
        return (j, underscore)
    }

    /// Whether a label's first and last characters are host-name characters (not `_` or `-`).
    private func labelEdgesValid(_ start: Int, _ end: Int) -> Bool {
        guard end > start else { return false }
        let first = text[start] < 0x80 ? UInt32(text[start]) : text.scalar(at: start).value
        guard isDomainScalar(first) else { return false }
        let last = text[end - 1]
        return last >= 0x80 || isDomainScalar(UInt32(last))
    }

    mutating func scanURL(dot d: Int) {
        if shortLinks && scanShortLink(dot: d) { return }
        // Cheapest test first: a host label must follow the dot (prose ". " and "..." stop here).
        let n = text.count
        guard d + 1 < n else { return }
        let next = text[d + 1]
        if next < 0x80 {
            guard classes[Int(next)] & (ASCIIClass.punct | ASCIIClass.space) == 0 else { return }
        } else if !UnicodeClass.isDomainChar(text.scalar(at: d + 1).value) {
            return
        }
        // The last character of the label before the dot must be a host-name character.
        guard d > urlMinStart else { return }
        let lastBeforeDot = text[d - 1]
        guard lastBeforeDot >= 0x80 || isDomainScalar(UInt32(lastBeforeDot)) else { return }

        // The labels after the dot: along the chain of subdomain labels, the last one (no `_`) that a top-level
        // domain follows gives the longest domain, which the pattern's greedy `subdomain*` prefers.
        let table = DomainTable.shared
        // A dot inside the chain the previous dot analysed shares its tail: reuse it, so that a long "a.a.a.…"
        // line stays linear (the pattern itself is quadratic on it).
        var domainEndWithSubdomains: Int? = nil
        if d > chain.from && d < chain.end {
            if chain.bestDot > d { domainEndWithSubdomains = chain.bestEnd }
        } else {
            var pos = d + 1
            var bestDot = -1
            while true {
                let (end, underscore) = labelRun(from: pos)
                guard end < n, text[end] == 0x2E, labelEdgesValid(pos, end) else { break }
                if !underscore {
                    let tld = table.tldLength(in: text, at: end + 1, end: n, classes: classes)
                    if tld > 0 {
                        domainEndWithSubdomains = end + 1 + tld
                        bestDot = end
                    }
                }
                pos = end + 1
            }
            chain = (d, pos, bestDot, domainEndWithSubdomains ?? -1)
        }
        let tld0 =
            domainEndWithSubdomains == nil
            ? table.tldLength(in: text, at: d + 1, end: n, classes: classes) : 0
        guard domainEndWithSubdomains != nil || tld0 > 0 else { return }

        // The label before the dot, back to the first non-label character (or the previous URL).
        var r = d
        var lastUnderscore = -1
        while r > urlMinStart {
            let s = text.scalarStart(before: r)
            let c = text[s] < 0x80 ? UInt32(text[s]) : text.scalar(at: s).value
            guard isLabelScalar(c) else { break }
            if c == 0x5F && lastUnderscore < 0 { lastUnderscore = s }
            r = s
        }
        guard r < d else { return }

        /// The domain's end for a first label starting at `p`, if the domain matches.
        func domainEnd(from p: Int) -> Int? {
            if let end = domainEndWithSubdomains { return end }
            if tld0 > 0 && p > lastUnderscore { return d + 1 + tld0 }
            return nil
        }

        // A protocol right before the label.
        if r >= 7, text[r - 1] == 0x2F, text[r - 2] == 0x2F, text[r - 3] == 0x3A {
            let protocolStart =
                text.hasPrefix("https", at: r - 8)
                ? r - 8
                : (text.hasPrefix("http", at: r - 7) ? r - 7 : -1)
            if protocolStart >= 0, protocolStart >= urlMinStart, mayPrecedeURL(protocolStart),
                labelEdgesValid(r, d), let end = domainEnd(from: r)
            {
                matchURL(start: protocolStart, domain: r..<end, hasProtocol: true)
                return
            }
        }
        // Each position inside the label, left to right: the pattern consumes the character before the URL, so a
        // search at offset s first tries a URL at s + 1 (after the character at s) and only then, at offset 0, one
        // at 0 (`^`). Hence "ét.co" yields "t.co", as in twitter-text.
        func attempt(_ p: Int) -> Bool {
            guard text[p] & 0xC0 != 0x80, p >= urlMinStart, mayPrecedeURL(p), labelEdgesValid(p, d),
                let end = domainEnd(from: p)
            else { return false }
            matchURL(start: p, domain: p..<end, hasProtocol: false)
            return true
        }
        var p = r
        if r == 0 {
            let second = text.scalar(at: 0).length
            if second < d && attempt(second) { return }
            if attempt(0) { return }
            p = second + 1
        }
        while p < d {
            if attempt(p) { return }
            p += 1
        }
    }

    /// The commonest URL in tweets, `https://t.co/<slug>` (or `http://`) followed by a space or the end of the
    /// text, matched directly; `false` leaves the dot to the general path. It gives what that path gives: the
    /// protocol before the one-letter label `t`, the domain `t.co` (no subdomain chain, so the dot starts a new
    /// one), a path that is the slug alone (letters and digits end a path, and the space ends the match), hence
    /// a match of at most 53 characters and no IDNA adjustment.
    @inline(__always)
    mutating func scanShortLink(dot d: Int) -> Bool {
        let n = text.count
        guard d >= 8, d + 4 < n, text[d - 1] == 0x74, text[d + 1] == 0x63, text[d + 2] == 0x6F, text[d + 3] == 0x2F,
            text[d - 2] == 0x2F, text[d - 3] == 0x2F, text[d - 4] == 0x3A,
            !(d > chain.from && d < chain.end)
        else { return false }
        let start = text.hasPrefix("https", at: d - 9) ? d - 9 : (text.hasPrefix("http", at: d - 8) ? d - 8 : -1)
        guard start >= 0, start >= urlMinStart, mayPrecedeURL(start) else { return false }
        var k = d + 4
        while k < n, isClass(text[k], ASCIIClass.letter | ASCIIClass.digit) { k += 1 }
        guard k > d + 4, k - (d + 4) <= Self.maxTcoSlugLength, k == n || text[k] == 0x20 else { return false }
        chain = (d, d + 1, -1, -1)
        urlMinStart = k + 1
        urls.append(entity(start..<k, start: start, end: k))
        return true
    }

    /// Whether a URL may start at `p`: twitter-text's `valid_preceding_chars` for the character before it.
    @inline(__always)
    private func mayPrecedeURL(_ p: Int) -> Bool {
        guard let c = text.scalar(before: p) else { return true }
        if c < 0x80 { return classes[Int(c)] & ASCIIClass.notBeforeURL == 0 }
        return !(c == 0xFF20 || c == 0xFF03 || UnicodeClass.isInvalid(c))
    }

    /// Completes a match whose host is `domain`: port, path and query, then twitter-text's checks.
    private mutating func matchURL(start: Int, domain: Range<Int>, hasProtocol: Bool) {
        let n = text.count
        var pos = domain.upperBound
        if text.byte(pos) == 0x3A, isClass(text.byte(pos + 1), ASCIIClass.digit) {
            pos += 2
            while pos < n, isClass(text[pos], ASCIIClass.digit) { pos += 1 }
        }
        var hasPath = false
        if text.byte(pos) == 0x2F {
            hasPath = true
            pos = pathEnd(from: pos + 1)
        }
        if text.byte(pos) == 0x3F, let end = queryEnd(from: pos + 1) { pos = end }
        let matchEnd = pos
        urlMinStart = matchEnd + 1

        guard let punycodeDelta = idnaLengthDelta(domain) else { return }
        let protocolLength = hasProtocol ? domain.lowerBound - start : 8 // "https://" when none
        if protocolLength + (matchEnd - start) + punycodeDelta > Self.maxURLLength {
            // Bytes overcount non-ASCII text: measure in scalars before rejecting.
            var scalars = 0
            for k in start..<matchEnd where text[k] & 0xC0 != 0x80 { scalars += 1 }
            if protocolLength + scalars + punycodeDelta > Self.maxURLLength { return }
        }

        if hasProtocol {
            var end = matchEnd
            // t.co: only the slug (and a query) belongs to the URL, and a slug over 40 characters is no URL.
            let slugStart =
                start
                + (text.hasPrefix("https://t.co/", at: start)
                    ? 13
                    : (text.hasPrefix("http://t.co/", at: start) ? 12 : 0))
            if slugStart > start {
                var k = slugStart
                while k < n, isClass(text[k], ASCIIClass.letter | ASCIIClass.digit) { k += 1 }
                if k > slugStart {
                    if k - slugStart > Self.maxTcoSlugLength { return }
                    end = k
                    if text.byte(k) == 0x3F, let q = queryEnd(from: k + 1) { end = q }
                }
            }
            urls.append(entity(start..<end, start: start, end: end))
            return
        }

        // Protocol-less: not after [-_./], and only the ASCII host names inside the host count.
        if start > 0 {
            let before = text[start - 1]
            if before == 0x2D || before == 0x5F || before == 0x2E || before == 0x2F { return }
        }
        let firstNew = urls.count
        var q = domain.lowerBound
        while q < domain.upperBound {
            let (end, chainEnd) = asciiDomainEnd(from: q, limit: domain.upperBound)
            if let end {
                urls.append(entity(q..<end, start: q, end: end))
                q = end
            } else {
                // Every later start in the same chain of labels sees a subset of its top-level domains: skip it.
                q = max(chainEnd, nextASCIIDomainStart(after: q, limit: domain.upperBound))
            }
        }
        if urls.count > firstNew && hasPath {
            let last = urls.count - 1
            // twitter-text splices port, path and query onto the last ASCII host (when a host name ends before
            // the whole host does, the value skips the characters between) and extends it to the match's end.
            urls[last].gapStart = urls[last].valueEnd
            urls[last].gapEnd = UInt32(domain.upperBound)
            urls[last].valueEnd = UInt32(matchEnd)
            urls[last].end = UInt32(matchEnd)
        }
    }

    /// `valid_url_path*`, unit by unit as the pattern matches it. twitter-text splices its path-ending class, an
    /// alternation, into the path pattern without brackets, so a unit is either the longest run of path characters
    /// and balanced parentheses that ends with a path-ending *character*, or one balanced group on its own:
    /// `Primer_(film)` is `Primer_` then `(film)`, while in `+!(x)` the `!` ends the path after `+`.
    private func pathEnd(from s: Int) -> Int {
        var pos = s
        let n = text.count
        while pos < n {
            var i = pos
            var lastEndChar = -1
            while i < n {
                let b = text[i]
                if b == 0x28 {
                    guard let e = balancedParens(at: i) else { break }
                    i = e
                    continue
                }
                if b < 0x80 {
                    let flags = classes[Int(b)]
                    guard flags & ASCIIClass.pathChar != 0 else { break }
                    i += 1
                    if flags & ASCIIClass.pathEnd != 0 { lastEndChar = i }
                } else {
                    let (c, length) = text.scalar(at: i)
                    guard UnicodeClass.isPathChar(c) else { break }
                    i += length
                    if UnicodeClass.isPathEnd(c) { lastEndChar = i }
                }
            }
            if lastEndChar > pos {
                pos = lastEndChar
            } else if text[pos] == 0x28, let e = balancedParens(at: pos) {
                pos = e
            } else {
                break
            }
        }
        return pos
    }

    /// The end of the general path characters from `i`.
    private func pathCharsEnd(from i: Int) -> Int {
        var j = i
        while j < text.count {
            let b = text[j]
            if b < 0x80 {
                guard classes[Int(b)] & ASCIIClass.pathChar != 0 else { break }
                j += 1
            } else {
                let (c, length) = text.scalar(at: j)
                guard UnicodeClass.isPathChar(c) else { break }
                j += length
            }
        }
        return j
    }

    /// `\((path+|path*\(path+\)path*)\)` at `i` (one level of nesting), returning its end.
    private func balancedParens(at i: Int) -> Int? {
        let j = pathCharsEnd(from: i + 1)
        if j > i + 1 && text.byte(j) == 0x29 { return j + 1 }
        guard text.byte(j) == 0x28 else { return nil }
        let m = pathCharsEnd(from: j + 1)
        guard m > j + 1, text.byte(m) == 0x29 else { return nil }
        let k = pathCharsEnd(from: m + 1)
        return text.byte(k) == 0x29 ? k + 1 : nil
    }

    /// `\?query*query_end` after the `?` at `s - 1`: the end, or `nil` when no query-ending character follows.
    private func queryEnd(from s: Int) -> Int? {
        var i = s
        var good: Int? = nil
        while i < text.count, isClass(text[i], ASCIIClass.queryChar) {
            if classes[Int(text[i])] & ASCIIClass.queryEnd != 0 { good = i + 1 }
            i += 1
        }
        return good
    }

    @inline(__always) private func isASCIIHostScalar(_ c: UInt32) -> Bool {
        c < 0x80 ? classes[Int(c)] & ASCIIClass.asciiLabel != 0 : UnicodeClass.isLatinAccent(c)
    }

    /// The end of the label of `[-a-z0-9 latin accents]` characters starting at `i`.
    private func asciiLabelEnd(from i: Int, limit: Int) -> Int {
        var j = i
        while j < limit {
            let (c, length) = text[j] < 0x80 ? (UInt32(text[j]), 1) : text.scalar(at: j)
            guard isASCIIHostScalar(c) else { break }
            j += length
        }
        return j
    }

    /// `valid_ascii_domain` at `q`: `([-a-z0-9 latin]+\.)+ (gTLD|ccTLD|punycode)`, with `limit` as the text's end.
    private func asciiDomainEnd(from q: Int, limit: Int) -> (end: Int?, chainEnd: Int) {
        var best: Int? = nil
        var pos = q
        while true {
            let end = asciiLabelEnd(from: pos, limit: limit)
            guard end > pos, end < limit, text[end] == 0x2E else { break }
            let tld = DomainTable.shared.tldLength(in: text, at: end + 1, end: limit, classes: classes)
            if tld > 0 { best = end + 1 + tld }
            pos = end + 1
        }
        return (best, pos)
    }

    /// Where the next `valid_ascii_domain` search may succeed after a failure at `q`: a failed start fails for every
    /// later start in the same label, so skip past the label (and one character).
    private func nextASCIIDomainStart(after q: Int, limit: Int) -> Int {
        let end = asciiLabelEnd(from: q, limit: limit)
        if end > q { return end }
        return q + (text[q] < 0x80 ? 1 : text.scalar(at: q).length)
    }

    /// Nameprep's table B.1, "commonly mapped to nothing": soft hyphen, joiners, variation selectors, BOM, ….
    static func isMappedToNothing(_ c: UInt32) -> Bool {
        switch c {
        case 0x00AD, 0x034F, 0x1806, 0x180B...0x180D, 0x200B...0x200D, 0x2060, 0xFE00...0xFE0F, 0xFEFF: return true
        default: return false
        }
    }

    /// The change in length when the host is IDNA-encoded (its punycode labels), or `nil` when it cannot be: a
    /// label empty or over 63 characters once encoded, or a non-ASCII label that starts with `xn--`. Labels split
    /// at `.`, `。`, `．` and `｡`, as IDNA 2003 does; of nameprep only table B.1 (mapped to nothing) and the folding
    /// of fullwidth ASCII forms and of ASCII case are applied (no other NFKC mapping, no prohibited-character or
    /// bidi checks).
    private func idnaLengthDelta(_ domain: Range<Int>) -> Int? {
        guard text.containsNonASCII(domain) else {
            // ASCII host: only label lengths matter.
            var labelStart = domain.lowerBound
            for k in domain where text[k] == 0x2E {
                if k - labelStart > 63 || k == labelStart { return nil }
                labelStart = k + 1
            }
            return domain.upperBound - labelStart > 63 ? nil : 0
        }
        var delta = 0
        var labelStart = domain.lowerBound
        var k = domain.lowerBound
        var scalars: [UInt32] = []
        func finishLabel(_ end: Int) -> Bool {
            guard end > labelStart else { return false }
            scalars.removeAll(keepingCapacity: true)
            var j = labelStart
            var ascii = true
            while j < end {
                var (c, length) = text.scalar(at: j)
                j += length
                // Nameprep maps joiners, variation selectors and the like to nothing, and its NFKC folds the
                // fullwidth ASCII forms (＠, Ａ, ...) to ASCII.
                if Self.isMappedToNothing(c) { continue }
                if c >= 0xFF01 && c <= 0xFF5E { c -= 0xFEE0 }
                scalars.append(c < 0x80 ? UInt32(lowercased(UInt8(c))) : c)
                if c >= 0x80 { ascii = false }
            }
            guard !scalars.isEmpty else { return false }
            if ascii { return scalars.count <= 63 }
            if scalars.starts(with: [0x78, 0x6E, 0x2D, 0x2D]) { return false } // "xn--" (ACE prefix)
            let encoded = 4 + Punycode.encodedLength(scalars)
            guard encoded <= 63 else { return false }
            delta += encoded - scalars.count
            return true
        }
        while k < domain.upperBound {
            let (c, length) = text.scalar(at: k)
            if c == 0x2E || c == 0x3002 || c == 0xFF0E || c == 0xFF61 {
                guard finishLabel(k) else { return nil }
                labelStart = k + length
            }
            k += length
        }
        guard finishLabel(domain.upperBound) else { return nil }
        return delta
    }
}
