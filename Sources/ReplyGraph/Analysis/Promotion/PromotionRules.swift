import Foundation

/// A promotion category name: the six built-ins, or any name a rules file introduces.
public struct PromotionCategory: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    /// The name as rules files and outputs spell it: `follow_retweet`.
    public var rawValue: String
    /// The category named `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    package init(_ rawValue: String) { self.rawValue = rawValue }
    /// The category named by a literal: `"newsletter"`.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// Orders by name.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    /// The name.
    public var description: String { rawValue }

    /// Newsletter sign-ups: `newsletter`.
    public static let newsletter: Self = "newsletter"
    /// "Follow me" and "retweet the first tweet" calls: `follow_retweet`.
    public static let followRetweet: Self = "follow_retweet"
    /// Video and podcast plugs: `video`.
    public static let video: Self = "video"
    /// Book plugs: `book`.
    public static let book: Self = "book"
    /// Courses and products for sale: `course_or_product`.
    public static let courseOrProduct: Self = "course_or_product"
    /// Teasers for the next thread: `next_week_preview`.
    public static let nextWeekPreview: Self = "next_week_preview"
    /// The built-in categories, in the order of the hand labels' documentation.
    package static let builtIn: [Self] = [
        .newsletter, .followRetweet, .video, .book, .courseOrProduct, .nextWeekPreview,
    ]
}

/// A rules-file error, naming the field: `categories.video.phrases[2]: expected a string`.
public struct PromotionRulesError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Dotted path of the offending field (`categories.video.phrases[2]`); empty for the whole document.
    public var path: String
    /// What is wrong with the field.
    public var message: String
    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    /// `path: message`, or the message alone for the whole document.
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// The rules that decide promotion categories.
///
/// A tweet belongs to a category when no `exclude` rule of the category matches and
/// `weight × Σ(weights of the phrases, patterns and domains that match) ≥ threshold` (each rule counts once).
/// Rules capture intent — a call to action, its object and a self-reference ("subscribe to our newsletter",
/// "my new book … available", "follow me", "next week, we will cover") — rather than one account's exact wording.
///
/// ## Rules files
/// ```json
/// {
///   "mode": "extend",
///   "categories": {
///     "video":    { "phrases": ["watch my talk"], "patterns": ["my|our ..3 podcast"] },
///     "podcast":  { "phrases": ["listen to our podcast"], "domains": ["spotify.com"],
///                   "exclude": ["your podcast"], "weight": 1, "threshold": 1 }
///   }
/// }
/// ```
/// - `mode`: `"extend"` (default) adds the file's rules to the built-ins, and a category's `weight`/`threshold`
///   replace the built-in values when given; `"replace"` uses only the file's categories.
/// - `phrases`: words that must follow each other (case-insensitive, punctuation other than `: ( ) % $` ignored).
/// - `patterns`: the `PromotionPattern` syntax: `a|b` alternatives, `word*` prefixes, `?` any token, `@*` any
///   handle, `<url>` a link, `..N` up to N skipped tokens (`..` = 4).
/// - `domains`: host suffixes of expanded links (`youtube.com` matches `www.youtube.com/...`); archives that only
///   hold `t.co` links never match these.
/// - each phrase, pattern or domain is a string, or `{"text": "...", "weight": 0.5}` (weight defaults to 1, may be
///   negative);
/// - `exclude`: phrases or patterns (same syntax as `patterns`) whose match vetoes the category;
/// - `weight` (default 1) multiplies the category's score; `threshold` (default 1) is the score needed.
public struct PromotionRules: Sendable {
    /// One weighted rule.
    package struct Rule: Hashable, Sendable {
        package enum Kind: String, Hashable, Sendable, Codable { case phrase, pattern, domain }
        package var kind: Kind
        package var pattern: PromotionPattern?
        /// For `domain` rules: the lower-cased host suffix.
        package var domain: String?
        package var weight: Double
        package var source: String { pattern?.source ?? domain ?? "" }
    }

    package struct Category: Sendable {
        package var name: PromotionCategory
        package var rules: [Rule]
        package var exclude: [PromotionPattern]
        package var weight: Double
        package var threshold: Double
    }

    package enum Mode: String, Sendable { case extend, replace }

    /// Categories in a fixed order (built-ins first, then new names in file order).
    package var categories: [Category]

    package init(categories: [Category]) { self.categories = categories }

    /// The built-in rules, tuned on the visible hand labels (tweets before 2022-07-01) and spot-checked on later
    /// tweets.
    public static let builtIn: PromotionRules = {
        do {
            var rules = try PromotionRules.decode(Data(builtInJSON.utf8), base: PromotionRules(categories: []))
            let order = PromotionCategory.builtIn
            rules.categories.sort {
                (order.firstIndex(of: $0.name) ?? order.count) < (order.firstIndex(of: $1.name) ?? order.count)
            }
            return rules
        } catch {
            preconditionFailure("built-in promotion rules do not parse: \(error)")
        }
    }()

    /// Reads a rules file and applies it to `base` (the built-ins by default).
    ///
    ///     let rules = try PromotionRules.load(from: URL(fileURLWithPath: "rules.json"))
    ///
    /// - Throws: ``PromotionRulesError`` naming the offending field, or the file-reading error.
    public static func load(from url: URL, base: PromotionRules = .builtIn) throws -> PromotionRules {
        try decode(try Data(contentsOf: url), base: base)
    }

    /// Parses rules-file JSON and applies it to `base`.
    ///
    /// - Throws: ``PromotionRulesError`` naming the offending field.
    public static func decode(_ data: Data, base: PromotionRules = .builtIn) throws -> PromotionRules {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw PromotionRulesError(path: "", message: "not valid JSON")
        }
        guard let object = root as? [String: Any] else {
            throw PromotionRulesError(path: "", message: "expected an object with \"categories\"")
        }
        for key in object.keys where key != "mode" && key != "categories" {
            throw PromotionRulesError(path: key, message: "unknown field (expected \"mode\" or \"categories\")")
        }
        var mode = Mode.extend
        if let raw = object["mode"] {
            guard let text = raw as? String, let m = Mode(rawValue: text) else {
                throw PromotionRulesError(path: "mode", message: "expected \"extend\" or \"replace\"")
            }
            mode = m
        }
        guard let categoriesRaw = object["categories"] else {
            throw PromotionRulesError(path: "categories", message: "missing")
        }
        guard let categories = categoriesRaw as? [String: Any] else {
            throw PromotionRulesError(path: "categories", message: "expected an object of categories")
        }
        var result = mode == .replace ? PromotionRules(categories: []) : base
        // JSONSerialization loses key order; sort new names so the result is deterministic.
        for name in categories.keys.sorted() {
            let path = "categories.\(name)"
            guard !name.isEmpty else { throw PromotionRulesError(path: path, message: "empty category name") }
            guard let fields = categories[name] as? [String: Any] else {
                throw PromotionRulesError(path: path, message: "expected an object")
            }
            let known: Set<String> = ["phrases", "patterns", "exclude", "domains", "weight", "threshold"]
            for key in fields.keys.sorted() where !known.contains(key) {
                throw PromotionRulesError(
                    path: "\(path).\(key)",
                    message: "unknown field (expected one of \(known.sorted().joined(separator: ", ")))")
            }
            var rules: [Rule] = []
            rules += try parseRules(fields["phrases"], path: "\(path).phrases", kind: .phrase)
            rules += try parseRules(fields["patterns"], path: "\(path).patterns", kind: .pattern)
            rules += try parseRules(fields["domains"], path: "\(path).domains", kind: .domain)
            let exclude = try parseRules(fields["exclude"], path: "\(path).exclude", kind: .pattern).compactMap(
                \.pattern)
            let weight = try parseNumber(fields["weight"], path: "\(path).weight")
            let threshold = try parseNumber(fields["threshold"], path: "\(path).threshold")
            let key = PromotionCategory(name)
            if let k = result.categories.firstIndex(where: { $0.name == key }) {
                result.categories[k].rules += rules
                result.categories[k].exclude += exclude
                if let weight { result.categories[k].weight = weight }
                if let threshold { result.categories[k].threshold = threshold }
            } else {
                result.categories.append(
                    Category(
                        name: key, rules: rules, exclude: exclude, weight: weight ?? 1,
                        threshold: threshold ?? 1))
            }
        }
        return result
    }

    private static func parseNumber(_ raw: Any?, path: String) throws -> Double? {
        guard let raw else { return nil }
        guard let number = raw as? NSNumber, !(raw is String), let value = Optional(number.doubleValue),
            value.isFinite, !isBool(number)
        else {
            throw PromotionRulesError(path: path, message: "expected a number")
        }
        return value
    }

    private static func isBool(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c" && (number == NSNumber(value: true) || number == NSNumber(value: false))
    }

    private static func parseRules(_ raw: Any?, path: String, kind: Rule.Kind) throws -> [Rule] {
        guard let raw else { return [] }
        guard let list = raw as? [Any] else { throw PromotionRulesError(path: path, message: "expected an array") }
        var rules: [Rule] = []
        for (i, item) in list.enumerated() {
            let itemPath = "\(path)[\(i)]"
            var text: String
            var weight = 1.0
            if let s = item as? String {
                text = s
            } else if let object = item as? [String: Any] {
                guard let s = object["text"] as? String else {
                    throw PromotionRulesError(path: "\(itemPath).text", message: "expected a string")
                }
                text = s
                if let w = try parseNumber(object["weight"], path: "\(itemPath).weight") { weight = w }
                for key in object.keys.sorted() where key != "text" && key != "weight" {
                    throw PromotionRulesError(
                        path: "\(itemPath).\(key)", message: "unknown field (expected text, weight)")
                }
            } else {
                throw PromotionRulesError(path: itemPath, message: "expected a string")
            }
            text = text.trimmingCharacters(in: .whitespaces)
            do {
                switch kind {
                case .phrase:
                    rules.append(Rule(kind: .phrase, pattern: try PromotionPattern(phrase: text), weight: weight))
                case .pattern:
                    rules.append(Rule(kind: .pattern, pattern: try PromotionPattern(pattern: text), weight: weight))
                case .domain:
                    guard !text.isEmpty, !text.contains(" ") else {
                        throw PromotionRulesError(path: "", message: "expected a host name such as youtube.com")
                    }
                    rules.append(Rule(kind: .domain, domain: Handle.fold(text), weight: weight))
                }
            } catch let error as PromotionRulesError {
                throw PromotionRulesError(path: itemPath, message: error.message)
            }
        }
        return rules
    }
}
