import Foundation

/// The time zone a report buckets hours, weekdays, days and weeks in: UTC, a fixed offset (`+05:30`), or an IANA
/// name (`America/New_York`) whose offset is evaluated at each tweet's instant (so daylight saving is honoured).
public struct ReportTimeZone: Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case fixed(Int)
        case named(String)
    }

    let kind: Kind
    init(kind: Kind) { self.kind = kind }
    public static let utc = ReportTimeZone(kind: .fixed(0))

    public static func fixed(seconds: Int) -> ReportTimeZone { ReportTimeZone(kind: .fixed(seconds)) }

    /// Parses `UTC`, `Z`, `+05:30`, `-0800`, `+5`, or an IANA identifier.
    ///
    /// - Throws: ``PromotionRulesError`` with path `time_zone` for anything else.
    public init(parsing text: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t == "Z" || t.uppercased() == "UTC" || t.uppercased() == "GMT" { kind = .fixed(0); return }
        if let sign = t.first, sign == "+" || sign == "-" {
            let digits = t.dropFirst().filter { $0 != ":" }
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCII), let value = Int(digits) else {
                throw PromotionRulesError(path: "time_zone", message: "expected ±HH:MM, ±HHMM or an IANA name, got '\(t)'")
            }
            let (h, m) = digits.count <= 2 ? (value, 0) : (value / 100, value % 100)
            guard h <= 14, m < 60 else {
                throw PromotionRulesError(path: "time_zone", message: "offset '\(t)' is out of range")
            }
            kind = .fixed((sign == "-" ? -1 : 1) * (h * 3600 + m * 60))
            return
        }
        guard TimeZone(identifier: t) != nil else {
            throw PromotionRulesError(path: "time_zone", message: "unknown time zone '\(t)'")
        }
        kind = .named(t)
    }

    /// Seconds east of UTC at `instant`.
    public func offset(at instant: Timestamp) -> Int {
        switch kind {
        case .fixed(let s): return s
        case .named(let name):
            return TimeZone(identifier: name)?.secondsFromGMT(for: Date(timeIntervalSince1970: instant.seconds)) ?? 0
        }
    }

    public var description: String {
        switch kind {
        case .fixed(let s):
            if s == 0 { return "UTC" }
            let a = abs(s)
            let hh = a / 3600, mm = a % 3600 / 60
            return (s < 0 ? "-" : "+") + (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm)"
        case .named(let name): return name
        }
    }
}
