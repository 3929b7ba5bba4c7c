/// The length of a label's Punycode encoding (RFC 3492), which IDNA limits to 59 characters after `xn--`.
///
///     Punycode.encodedLength(Array("bücher".unicodeScalars.map(\.value)))   // 9 ("bcher-kva")
///
/// - Complexity: O(n × d) for n scalars of d distinct non-ASCII values.
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700

    static func encodedLength(_ input: [UInt32]) -> Int {
        let basic = input.reduce(0) { $0 + ($1 < 0x80 ? 1 : 0) }
        var length = basic + (basic > 0 ? 1 : 0)
        var n: UInt32 = 0x80
        var delta = 0
        var bias = 72
        var handled = basic
        while handled < input.count {
            var m = UInt32.max
            for c in input where c >= n && c < m { m = c }
            delta += Int(m - n) * (handled + 1)
            n = m
            for c in input {
                if c < n { delta += 1 }
                guard c == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < t { break }
                    length += 1
                    q = (q - t) / (base - t)
                    k += base
                }
                length += 1
                bias = adapt(delta, points: handled + 1, first: handled == basic)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return length
    }

    private static func adapt(_ delta: Int, points: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / points
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }
}
