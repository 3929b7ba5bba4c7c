/// Parsers for the date-time spellings the JSON formats write, working on the string's UTF-8 bytes.
///
///     StatedDate.twint("2021-06-26 19:56:26 UTC")            // 2021-06-26T19:56:26.000Z
///     StatedDate.iso8601("2021-06-26T19:56:26.000Z")         // 2021-06-26T19:56:26.000Z
///     StatedDate.export("Wed Jan 22 22:20:20 +0000 2020")    // 2020-01-22T22:20:20.000Z
///
/// Each returns `nil` for anything that does not match its spelling exactly or names an impossible date.
enum StatedDate {
    /// twint's `%Y-%m-%d %H:%M:%S %Z` (the zone a name such as `UTC`, or `±hhmm`). A zone name other than
    /// `UTC`/`GMT` says nothing about its offset: `fallbackOffset` (twint's separate `timezone` field) is used then.
    static func twint(_ text: String, fallbackOffset: Int? = nil) -> Timestamp? {
        var text = text
        return text.withUTF8 { bytes in
            var cursor = ByteCursor(TextBytes(bytes))
            guard let (year, month, day) = cursor.readDate(), cursor.consume(ASCII.space),
                let (hour, minute, second) = cursor.readTime()
            else { return nil }
            var offset = fallbackOffset ?? 0
            if cursor.consume(ASCII.space) {
                if cursor.peek == ASCII.plus || cursor.peek == ASCII.minus {
                    guard let stated = cursor.readOffset() else { return nil }
                    offset = stated
                } else {
                    let zone = cursor.rest
                    if zone.elementsEqual("UTC".utf8) || zone.elementsEqual("GMT".utf8) || zone.elementsEqual("Z".utf8)
                    {
                        offset = 0
                    }
                    cursor.skipToken()
                }
            }
            guard cursor.atEnd else { return nil }
            return Timestamp(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                utcOffsetSeconds: offset)
        }
    }

    /// `±hhmm` (twint's `timezone` field) as seconds east of UTC.
    static func offset(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            var cursor = ByteCursor(TextBytes(bytes))
            guard cursor.peek == ASCII.plus || cursor.peek == ASCII.minus, let offset = cursor.readOffset(),
                cursor.atEnd
            else { return nil }
            return offset
        }
    }

    /// ISO 8601 as the v2 API writes it: `2021-06-26T19:56:26.000Z` (fraction and `Z` optional, or `±hh:mm`).
    static func iso8601(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { bytes in
            var cursor = ByteCursor(TextBytes(bytes))
            guard let (year, month, day) = cursor.readDate(), cursor.consume(UInt8(ascii: "T")),
                let (hour, minute, second) = cursor.readTime()
            else { return nil }
            var millisecond = 0
            if cursor.consume(UInt8(ascii: ".")) {
                var scale = 100
                var digits = 0
                while let b = cursor.peek, ASCII.isDigit(b) {
                    millisecond += Int(b - 0x30) * scale
                    scale /= 10
                    digits += 1
                    cursor.position += 1
                }
                guard digits > 0 else { return nil }
            }
            var offset = 0
            if cursor.consume(UInt8(ascii: "Z")) {
            } else if let sign = cursor.peek, sign == ASCII.plus || sign == ASCII.minus {
                cursor.position += 1
                guard let hh = cursor.readFixedDigits(2), cursor.consume(ASCII.colon),
                    let mm = cursor.readFixedDigits(2), hh <= 14, mm < 60
                else { return nil }
                offset = (hh * 3600 + mm * 60) * (sign == ASCII.minus ? -1 : 1)
            }
            guard cursor.atEnd else { return nil }
            return Timestamp(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                millisecond: millisecond, utcOffsetSeconds: offset)
        }
    }

    /// The account export's (and API v1.1's) `Wed Jan 22 22:20:20 +0000 2020`.
    static func export(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { bytes in
            var cursor = ByteCursor(TextBytes(bytes))
            cursor.skipToken() // weekday, not checked: the date decides
            guard cursor.consume(ASCII.space), cursor.bytes.count - cursor.position >= 3 else { return nil }
            let m =
                (Int(cursor.bytes[cursor.position]) << 16 | Int(cursor.bytes[cursor.position + 1]) << 8
                    | Int(cursor.bytes[cursor.position + 2])) | 0x20_2020
            guard let month = monthKeys.firstIndex(of: m).map({ $0 + 1 }) else { return nil }
            cursor.position += 3
            guard cursor.consume(ASCII.space), let day = cursor.readFixedDigits(2), cursor.consume(ASCII.space),
                let (hour, minute, second) = cursor.readTime(), cursor.consume(ASCII.space),
                cursor.peek == ASCII.plus || cursor.peek == ASCII.minus, let offset = cursor.readOffset(),
                cursor.consume(ASCII.space), let year = cursor.readFixedDigits(4), cursor.atEnd
            else { return nil }
            return Timestamp(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                utcOffsetSeconds: offset)
        }
    }

    /// Lower-cased three-letter month names packed into integers.
    private static let monthKeys: [Int] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec",
    ].map { name in
        name.utf8.reduce(0) { $0 << 8 | Int($1) }
    }
}
