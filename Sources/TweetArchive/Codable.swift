// JSON encodings of the core values: ids as strings (they exceed 2^53), handles as their display spelling,
// timestamps as ISO 8601 UTC with milliseconds.

extension TweetID: Codable {
    /// Reads an id written as a string of digits or as a number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self), let value = UInt64(text) {
            self.init(value)
        } else {
            self.init(try container.decode(UInt64.self))
        }
    }

    /// Writes the id as a string of digits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(rawValue))
    }
}

extension Handle: Codable {
    /// Reads a handle from its name.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Writes the handle's ``Handle/display`` name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(display)
    }
}

extension Timestamp: Codable {
    /// Reads a timestamp written as Unix milliseconds.
    public init(from decoder: any Decoder) throws {
        self.init(milliseconds: try decoder.singleValueContainer().decode(Int64.self))
    }

    /// Writes the timestamp as ``Timestamp/iso8601``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
