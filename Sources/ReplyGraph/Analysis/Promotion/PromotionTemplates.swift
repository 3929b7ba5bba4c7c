/// A group of near-duplicate promotional texts.
package struct PromotionTemplate: Hashable, Sendable, Encodable {
    /// The normalised text of the group's most used form (`subscribe to our weekly newsletter <url>`).
    package var template: String
    package var count: Int
    package var firstUse: String
    package var lastUse: String
    /// The original text of the first use.
    package var example: String
    package var exampleID: TweetID
    package var categories: [PromotionCategory]
    package var ids: [TweetID]

    enum CodingKeys: String, CodingKey {
        case template, count
        case firstUse = "first_use"
        case lastUse = "last_use"
        case example
        case exampleID = "example_id"
        case
            categories, ids
    }
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(template, forKey: .template)
        try c.encode(count, forKey: .count)
        try c.encode(firstUse, forKey: .firstUse)
        try c.encode(lastUse, forKey: .lastUse)
        try c.encode(example, forKey: .example)
        try c.encode(exampleID.description, forKey: .exampleID)
        try c.encode(categories, forKey: .categories)
        try c.encode(ids.map(\.description), forKey: .ids)
    }
}

/// Template mining: groups near-duplicate texts by token-shingle Jaccard similarity.
///
/// Texts are normalised first (styled letters folded to ASCII, lower-cased, links → `<url>`, numbers → `<num>`,
/// handles → `<user>`, emoji and punctuation dropped), then cut into shingles of `shingleSize` consecutive tokens.
/// Two texts are linked when the Jaccard similarity of their shingle sets is at least `threshold`; templates are
/// the connected components (single linkage).
///
/// The similarity is computed exactly, not estimated with MinHash: candidate pairs come from an inverted index
/// over shingles (pairs with no shared shingle have similarity 0) and are pruned by the size bound
/// `min(|A|,|B|) / max(|A|,|B|) ≥ threshold`, and identical normalised texts are merged before any comparison. On
/// the sample (a few hundred promotional tweets, most of them repeats of a dozen forms) that is a few thousand set
/// comparisons, far below anything LSH would save, and it has no false negatives.
///
///     let t = PromotionTemplates.normalize("𝐒𝐮𝐛𝐬𝐜𝐫𝐢𝐛𝐞 to @bytebytego: 50k readers https://t.co/x 🚀")
///     // "subscribe to <user> <num> k readers <url>"
package enum PromotionTemplates {
    /// The normalised token sequence of a text.
    ///
    /// - Complexity: O(n) in the number of scalars.
    package static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        let scalars = Array(text.unicodeScalars.map { PromotionText.fold($0) })
        let n = scalars.count
        var i = 0
        // ASCII letters are exactly the alphabetic ASCII scalars, and ASCII white space is U+0009–U+000D and
        // U+0020: no Unicode property lookup for them.
        func isAlnum(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        func isWhitespace(_ s: Unicode.Scalar) -> Bool {
            s.isASCII ? s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D) : s.properties.isWhitespace
        }
        while i < n {
            let s = scalars[i]
            if s == "h", i + 3 < n, scalars[i + 1] == "t", scalars[i + 2] == "t", scalars[i + 3] == "p" {
                while i < n && !isWhitespace(scalars[i]) { i += 1 }
                out.append("<url>")
                continue
            }
            if s == "@", i + 1 < n, isAlnum(scalars[i + 1]) || scalars[i + 1] == "_" {
                i += 1
                while i < n && (isAlnum(scalars[i]) || scalars[i] == "_") { i += 1 }
                out.append("<user>")
                continue
            }
            if ("0"..."9").contains(s) {
                while i < n
                    && (("0"..."9").contains(scalars[i])
                        || ((scalars[i] == "," || scalars[i] == ".")
                            && i + 1 < n && ("0"..."9").contains(scalars[i + 1])))
                { i += 1 }
                out.append("<num>")
                continue
            }
            if isAlnum(s) {
                var word = String.UnicodeScalarView()
                while i < n
                    && (isAlnum(scalars[i])
                        || ((scalars[i] == "'" || scalars[i] == "\u{2019}")
                            && i + 1 < n && isAlnum(scalars[i + 1])))
                {
                    let c = scalars[i]
                    word.append(
                        c == "\u{2019}"
                            ? "'" : (c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value | 0x20)! : c))
                    i += 1
                }
                out.append(String(word))
                continue
            }
            i += 1
        }
        return out
    }

    /// The normalised text: ``tokens(_:)`` joined by spaces.
    package static func normalize(_ text: String) -> String { tokens(text).joined(separator: " ") }

    /// The set of `size`-token shingles (the whole sequence as one shingle when shorter).
    package static func shingles(_ tokens: [String], size: Int = 3) -> Set<String> {
        guard !tokens.isEmpty else { return [] }
        if tokens.count <= size { return [tokens.joined(separator: " ")] }
        var set = Set<String>()
        for k in 0...(tokens.count - size) { set.insert(tokens[k..<(k + size)].joined(separator: " ")) }
        return set
    }

    /// Jaccard similarity |A ∩ B| / |A ∪ B| (1 for two empty sets).
    package static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var common = 0
        for s in small where large.contains(s) { common += 1 }
        return Double(common) / Double(a.count + b.count - common)
    }

    /// Groups `texts` (indices into the input) whose shingle Jaccard is at least `threshold`, transitively.
    ///
    /// Candidate pairs come from prefix filtering (the all-pairs similarity join): shingles are ranked rarest
    /// first, and two sets with Jaccard ≥ t share one of the first |x| − ⌈t·|x|⌉ + 1 shingles of each. Only those
    /// prefixes are indexed and probed, so a shingle every template shares ("subscribe to our") never makes a
    /// candidate list, and the pairs found, then checked exactly, are all the pairs there are: the groups are
    /// the same as comparing every two texts that share a shingle.
    ///
    /// - Returns: groups of input indices, each sorted, ordered by first index.
    /// - Complexity: O(n · s log s) to rank and index, plus O(s) per candidate pair, for n texts of s shingles.
    package static func cluster(_ texts: [String], threshold: Double = 0.8, shingleSize: Int = 3) -> [[Int]] {
        clusterForms(texts, threshold: threshold, shingleSize: shingleSize).groups
    }

    /// ``cluster(_:threshold:shingleSize:)``, with each text's ``normalize(_:)`` form as well.
    ///
    /// Texts are tokenized in `chunks` parts on all cores (by default 64 from 4,096 texts, else one). Tokens then
    /// become dense numbers, and a shingle of up to three tokens one 64-bit key (the numbers side by side), so
    /// shingles are counted and compared as integers; longer shingles, or more distinct tokens than the key holds,
    /// fall back to the joined text as the key.
    static func clusterForms(
        _ texts: [String], threshold: Double, shingleSize: Int, chunks: Int? = nil
    ) -> (groups: [[Int]], normalized: [String]) {
        let chunks = chunks ?? (texts.count >= 4_096 ? 64 : 1)
        let tokenized = Parallel.map(texts.count, chunks: chunks) { k in
            let tokens = tokens(texts[k])
            return (tokens: tokens, form: tokens.joined(separator: " "))
        }
        // Merge identical normalised forms first.
        var formIndex: [String: Int] = [:]
        var forms: [[String]] = []
        var formOf: [Int] = []
        formOf.reserveCapacity(texts.count)
        for text in tokenized {
            if let k = formIndex[text.form] {
                formOf.append(k)
            } else {
                formIndex[text.form] = forms.count
                formOf.append(forms.count)
                forms.append(text.tokens)
            }
        }
        // Shingles as dense ids, then as ranks by how many forms hold them (rarest first), each set sorted.
        var shingleID: [UInt64: Int32] = [:]
        func id(_ key: UInt64) -> Int32 {
            if let id = shingleID[key] { return id }
            let id = Int32(shingleID.count)
            shingleID[key] = id
            return id
        }
        let raw: [[Int32]] = shingleKeys(forms, size: shingleSize, chunks: chunks).map { $0.map(id) }
        var frequency = [Int](repeating: 0, count: shingleID.count)
        for set in raw { for id in set { frequency[Int(id)] += 1 } }
        var rank = [Int32](repeating: 0, count: shingleID.count)
        for (r, id) in frequency.indices.sorted(by: { (frequency[$0], $0) < (frequency[$1], $1) }).enumerated() {
            rank[id] = Int32(r)
        }
        let sets: [[Int32]] = raw.map { $0.map { rank[Int($0)] }.sorted() }

        var parent = Array(forms.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var postings = [[Int32]](repeating: [], count: shingleID.count)
        var lastProbe = [Int](repeating: -1, count: forms.count)
        for (f, x) in sets.enumerated() where !x.isEmpty {
            // At least ⌈t·|x|⌉ shingles in common (at least one); a hair of slack keeps 0.8 · 5 from rounding to 5.
            let overlap = max(1, Int((threshold * Double(x.count) - 1e-6).rounded(.up)))
            let prefix = x[..<min(x.count, max(1, x.count - overlap + 1))]
            for s in prefix {
                for g32 in postings[Int(s)] {
                    let g = Int(g32)
                    guard lastProbe[g] != f else { continue }
                    lastProbe[g] = f
                    let a = x.count
                    let b = sets[g].count
                    guard Double(min(a, b)) >= threshold * Double(max(a, b)) else { continue }
                    if find(f) != find(g), jaccard(sorted: x, sets[g]) >= threshold { parent[find(f)] = find(g) }
                }
            }
            for s in prefix { postings[Int(s)].append(Int32(f)) }
        }
        // Texts by the root of their form, in input order; groups ordered by their first text.
        let root = forms.indices.map(find)
        var members = [[Int]](repeating: [], count: forms.count)
        for (i, f) in formOf.enumerated() { members[root[f]].append(i) }
        let groups = members.filter { !$0.isEmpty }.sorted { $0[0] < $1[0] }
        return (groups, tokenized.map(\.form))
    }

    /// Each form's distinct shingles as keys that are equal exactly when the shingles are: up to three token
    /// numbers of 21 bits side by side (the missing ones of a short form all ones), or else a number per distinct
    /// joined shingle text.
    ///
    /// - Complexity: O(total tokens) expected.
    private static func shingleKeys(_ forms: [[String]], size: Int, chunks: Int) -> [[UInt64]] {
        var tokenID: [String: UInt64] = [:]
        let numbered: [[UInt64]] = forms.map { form in
            form.map { token in
                if let id = tokenID[token] { return id }
                let id = UInt64(tokenID.count)
                tokenID[token] = id
                return id
            }
        }
        let none: UInt64 = 1 << 21 - 1
        guard size <= 3, UInt64(tokenID.count) < none else {
            var textID: [String: UInt64] = [:]
            return forms.map { form in
                shingles(form, size: size).map { shingle in
                    if let id = textID[shingle] { return id }
                    let id = UInt64(textID.count)
                    textID[shingle] = id
                    return id
                }
            }
        }
        @Sendable func key(_ ids: ArraySlice<UInt64>) -> UInt64 {
            var key: UInt64 = 0
            for k in 0..<3 { key = key << 21 | (k < ids.count ? ids[ids.startIndex + k] : none) }
            return key
        }
        return Parallel.map(numbered.count, chunks: chunks) { f in
            let ids = numbered[f]
            guard !ids.isEmpty else { return [] }
            guard ids.count > size else { return [key(ids[...])] }
            var keys = (0...(ids.count - size)).map { key(ids[$0..<($0 + size)]) }
            keys.sort()
            var distinct = 0
            for k in keys.indices where k == 0 || keys[k] != keys[k - 1] {
                keys[distinct] = keys[k]
                distinct += 1
            }
            keys.removeLast(keys.count - distinct)
            return keys
        }
    }

    /// ``jaccard(_:_:)`` of two sorted arrays without repeats, by one merge.
    static func jaccard(sorted a: [Int32], _ b: [Int32]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        var i = 0
        var j = 0
        var common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(common) / Double(a.count + b.count - common)
    }

    /// Templates of the promotional tweets among `tweets`, most used first.
    package static func mine(
        _ tweets: [Tweet], decisions: [TweetID: PromotionDecision], threshold: Double = 0.8,
        shingleSize: Int = 3
    ) -> [PromotionTemplate] {
        let promotional = tweets.compactMap { tweet in
            decisions[tweet.id].flatMap { $0.isPromotion ? (tweet, $0) : nil }
        }
        return mine(promotional: promotional, threshold: threshold, shingleSize: shingleSize)
    }

    /// Templates of promotional tweets, each given with its decision, most used first.
    static func mine(
        promotional: [(tweet: Tweet, decision: PromotionDecision)], threshold: Double = 0.8, shingleSize: Int = 3
    ) -> [PromotionTemplate] {
        let promotional = promotional.sorted { $0.tweet.createdAt < $1.tweet.createdAt }
        let (groups, normalized) = clusterForms(
            promotional.map(\.tweet.text), threshold: threshold, shingleSize: shingleSize)
        var templates: [PromotionTemplate] = []
        for group in groups {
            var forms: [String: Int] = [:]
            for i in group { forms[normalized[i], default: 0] += 1 }
            let template = forms.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            let categories = Set(group.flatMap { promotional[$0].decision.categories }).sorted()
            let first = promotional[group.first!].tweet
            templates.append(
                PromotionTemplate(
                    template: template, count: group.count,
                    firstUse: first.createdAt.iso8601,
                    lastUse: promotional[group.last!].tweet.createdAt.iso8601, example: first.text,
                    exampleID: first.id, categories: categories,
                    ids: group.map { promotional[$0].tweet.id }))
        }
        return templates.sorted { $0.count != $1.count ? $0.count > $1.count : $0.firstUse < $1.firstUse }
    }
}
