/// A point in time as Unix milliseconds (UTC), the precision snowflake ids carry.
///
///     Timestamp(milliseconds: 1676393107074).iso8601   // "2023-02-14T16:45:07.074Z"
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Unix milliseconds.
    @usableFromInline package var rawValue: Int64
    @inlinable package init(rawValue: Int64) { self.rawValue = rawValue }
    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    @inlinable public init(milliseconds: Int64) { self.rawValue = milliseconds }

    /// Unix milliseconds.
    @inlinable public var milliseconds: Int64 { rawValue }
    @inlinable package var seconds: Double { Double(rawValue) / 1000 }

    /// Orders by time.
    @inlinable public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Builds a timestamp from a UTC calendar date and time; `nil` when a field is out of range.
    package init?(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        millisecond: Int = 0, utcOffsetSeconds: Int = 0
    ) {
        guard (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            (0...999).contains(millisecond)
        else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let secs = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(utcOffsetSeconds)
        self.rawValue = secs * 1000 + Int64(millisecond)
    }

    /// Calendar fields in UTC (or shifted by `utcOffsetSeconds`).
    package func components(utcOffsetSeconds: Int = 0) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int,
        second: Int, millisecond: Int, weekday: Int
    ) {
        let (days, ms) = dayAndTime(utcOffsetSeconds: utcOffsetSeconds)
        let (y, m, d) = Self.civilFromDays(days)
        return (y, m, d, ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000, Self.weekday(ofDay: days))
    }

    /// The day (days since 1970-01-01, shifted by `utcOffsetSeconds`) and the milliseconds into it, without the
    /// calendar date: what a pass over many instants needs per instant (the date once per day).
    package func dayAndTime(utcOffsetSeconds: Int = 0) -> (day: Int, millisecond: Int) {
        let shifted = rawValue + Int64(utcOffsetSeconds) * 1000
        var days = shifted / 86_400_000
        var msOfDay = shifted % 86_400_000
        if msOfDay < 0 {
            msOfDay += 86_400_000
            days -= 1
        }
        return (Int(days), Int(msOfDay))
    }

    /// The weekday of a day since 1970-01-01: 0 = Monday … 6 = Sunday (ISO order; 1970-01-01 was a Thursday).
    package static func weekday(ofDay days: Int) -> Int { ((days % 7) + 7 + 3) % 7 }

    /// ISO 8601 in UTC with milliseconds: `2023-02-14T16:45:07.263Z`.
    public var iso8601: String {
        let c = components()
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))"
            + ".\(pad(c.millisecond, 3))Z"
    }

    /// The UTC calendar day, `2023-02-14`.
    package var day: String {
        let c = components()
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))"
    }

    /// ``iso8601``.
    public var description: String { iso8601 }

    // Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

@inline(__always) private func pad(_ value: Int, _ width: Int = 2) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
