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
    /// Coordinated universal time.
    public static let utc = ReportTimeZone(kind: .fixed(0))

    /// A fixed offset east of UTC, in seconds.
    public static func fixed(seconds: Int) -> ReportTimeZone { ReportTimeZone(kind: .fixed(seconds)) }

    /// Parses `UTC`, `Z`, `+05:30`, `-0800`, `+5`, or an IANA identifier.
    ///
    /// - Throws: ``ReportTimeZoneError`` for anything else.
    public init(parsing text: String) throws(ReportTimeZoneError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t == "Z" || t.uppercased() == "UTC" || t.uppercased() == "GMT" {
            kind = .fixed(0)
            return
        }
        if let sign = t.first, sign == "+" || sign == "-" {
            let digits = t.dropFirst().filter { $0 != ":" }
            guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCII), let value = Int(digits) else {
                throw ReportTimeZoneError(.malformedOffset, text: t)
            }
            let (h, m) = digits.count <= 2 ? (value, 0) : (value / 100, value % 100)
            guard h <= 14, m < 60 else {
                throw ReportTimeZoneError(.offsetOutOfRange, text: t)
            }
            kind = .fixed((sign == "-" ? -1 : 1) * (h * 3600 + m * 60))
            return
        }
        guard TimeZone(identifier: t) != nil else {
            throw ReportTimeZoneError(.unknownName, text: t)
        }
        kind = .named(t)
    }

    /// Seconds east of UTC at `instant`.
    package func offset(at instant: Timestamp) -> Int {
        switch kind {
        case .fixed(let s): return s
        case .named(let name):
            return TimeZone(identifier: name)?.secondsFromGMT(for: Date(timeIntervalSince1970: instant.seconds)) ?? 0
        }
    }

    /// ``offset(at:)`` with a named zone looked up once, for a pass over many instants.
    func offsets() -> @Sendable (Timestamp) -> Int {
        switch kind {
        case .fixed(let s): return { _ in s }
        case .named(let name):
            let zone = TimeZone(identifier: name)
            return { zone?.secondsFromGMT(for: Date(timeIntervalSince1970: $0.seconds)) ?? 0 }
        }
    }

    /// The zone: `UTC`, an offset such as `+05:30`, or a name such as `Europe/Paris`.
    public var description: String {
        switch kind {
        case .fixed(let s):
            if s == 0 { return "UTC" }
            let a = abs(s)
            let hh = a / 3600
            let mm = a % 3600 / 60
            return (s < 0 ? "-" : "+") + (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm)"
        case .named(let name): return name
        }
    }
}

/// Text that ``ReportTimeZone/init(parsing:)`` could not read as a time zone.
///
///     try ReportTimeZone(parsing: "+25:00")   // throws: time_zone: offset '+25:00' is out of range
public struct ReportTimeZoneError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        /// A sign followed by something other than one to four digits (and colons).
        case malformedOffset
        /// An offset beyond ±14:59.
        case offsetOutOfRange
        /// Neither an offset nor a known IANA name.
        case unknownName
    }

    let kind: Kind
    /// The text as given, trimmed.
    let text: String

    init(_ kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    /// `time_zone: ` and what is wrong, as the `--tz` and rules-file `time_zone` errors print it.
    public var description: String {
        switch kind {
        case .malformedOffset: "time_zone: expected ±HH:MM, ±HHMM or an IANA name, got '\(text)'"
        case .offsetOutOfRange: "time_zone: offset '\(text)' is out of range"
        case .unknownName: "time_zone: unknown time zone '\(text)'"
        }
    }
}
