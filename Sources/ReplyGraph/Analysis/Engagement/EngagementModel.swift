import Foundation

/// A log-linear model of engagement counts: `log(1 + count)` regressed by OLS on tweet features.
///
/// Features, in admission order (a feature that is constant or a combination of earlier ones is dropped with a
/// reason instead of producing NaN): `intercept`, `thread_root`, `thread_length`, `thread_position`, `is_reply`,
/// `promo_<category>` for each promotion category seen, `has_link`, `has_media`, `mentions`, `text_length_100`
/// (characters / 100), `hour_06_12`, `hour_12_18`, `hour_18_24` (baseline 00–06, in the chosen offset),
/// `tue` … `sun` (baseline Monday), `trend_years` (years since the first modelled tweet).
///
///     let model = EngagementModel.fit(observations, target: .likes)
///     model.coefficients.first { $0.feature == "thread_root" }?.effect   // e.g. 1.8: roots get 80 % more likes
///
/// An effect is `exp(b)`, the factor by which `1 + count` changes per unit of the feature; `ci95` is its 95 %
/// interval from the t distribution with n − p degrees of freedom, and `significant` says the interval excludes 1.
public struct EngagementModel: Hashable, Sendable, Encodable {
    package enum Target: String, Hashable, Sendable, Codable, CaseIterable { case likes, retweets }
    /// The covariance estimator behind the standard errors: classical or White's HC1.
    public enum Covariance: String, Hashable, Sendable, Codable { case classical, hc1 }

    package struct Coefficient: Hashable, Sendable, Encodable {
        package var feature: String
        /// b on the log(1 + count) scale.
        package var estimate: Double
        /// `nil` when there are no residual degrees of freedom.
        package var stdError: Double?
        package var tValue: Double?
        package var pValue: Double?
        /// exp(b); `nil` if it overflows.
        package var effect: Double?
        /// 95 % interval of exp(b).
        package var ci95: [Double]?
        /// 95 % interval of b.
        package var estimateCI95: [Double]?
        package var significant: Bool

        enum CodingKeys: String, CodingKey {
            case feature, estimate
            case stdError = "std_error"
            case tValue = "t_value"
            case pValue = "p_value"
            case effect, ci95
            case
                estimateCI95 = "estimate_ci95"
            case significant
        }
    }

    package struct DroppedFeature: Hashable, Sendable, Encodable {
        package var feature: String
        package var reason: String
    }

    package var target: Target
    package var n: Int
    package var covariance: Covariance
    /// `nil` when the target is constant (R² undefined).
    package var r2: Double?
    package var adjustedR2: Double?
    package var residualStdError: Double?
    package var degreesOfFreedom: Int
    package var coefficients: [Coefficient]
    package var dropped: [DroppedFeature]
    /// Why parts of the model could not be estimated (empty when everything was).
    package var notes: [String]

    enum CodingKeys: String, CodingKey {
        case target, n, covariance, r2
        case adjustedR2 = "adjusted_r2"
        case residualStdError = "residual_std_error"
        case
            degreesOfFreedom = "degrees_of_freedom"
        case coefficients, dropped, notes
    }

    /// Fits the model, or returns `nil` with a reason when it cannot be fitted at all (no rows, constant target).
    ///
    /// - Complexity: O(n · p²) for n observations and p features.
    package static func fit(
        _ observations: [EngagementObservation], target: Target,
        covariance: Covariance = .classical
    ) -> Result<EngagementModel, EngagementUnavailable> {
        let rows = observations.filter { $0.count(target) != nil }
        guard !rows.isEmpty else {
            return .failure(EngagementUnavailable(target: target, reason: "no tweet has a \(target.rawValue) count"))
        }
        let y = rows.map { log1p(Double(max(0, $0.count(target)!))) }
        let mean = y.reduce(0, +) / Double(y.count)
        let tss = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard tss > 0 else {
            let value = rows[0].count(target)!
            return .failure(
                EngagementUnavailable(
                    target: target,
                    reason:
                        "\(target.rawValue) is \(value) for all \(rows.count) tweets: a constant cannot be explained"))
        }
        let names = rows[0].features.map(\.name)
        var columns = [[Double]](repeating: [], count: names.count)
        for k in names.indices { columns[k].reserveCapacity(rows.count) }
        for row in rows { for (k, f) in row.features.enumerated() { columns[k].append(f.value) } }

        var dropped: [DroppedFeature] = []
        var candidates: [Int] = []
        for (k, column) in columns.enumerated() {
            if k > 0, let first = column.first, column.allSatisfy({ $0 == first }) {
                dropped.append(DroppedFeature(feature: names[k], reason: "constant (\(format(first)) for every tweet)"))
            } else {
                candidates.append(k)
            }
        }
        let ls = LeastSquares.fit(columns: candidates.map { columns[$0] }, y: y)
        for (c, explainers) in ls.dropped {
            let by = explainers.map { names[candidates[$0]] }
            let reason =
                by.isEmpty
                ? "collinear with the features before it"
                : "collinear with \(by.joined(separator: ", "))"
            dropped.append(DroppedFeature(feature: names[candidates[c]], reason: reason))
        }
        let order = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        dropped.sort { order[$0.feature]! < order[$1.feature]! }

        let n = rows.count
        let p = ls.rank
        let df = n - p
        var notes: [String] = []
        let rss = ls.residuals.reduce(0) { $0 + $1 * $1 }
        let r2 = max(0, min(1, 1 - rss / tss))
        var sigma2: Double? = nil
        var covarianceMatrix: [Double]? = nil
        if df > 0 {
            sigma2 = rss / Double(df)
            covarianceMatrix =
                covariance == .hc1
                ? ls.hc1Covariance(columns: candidates.map { columns[$0] })
                : ls.inverseGram.map { $0 * sigma2! }
        } else {
            notes.append(
                "no residual degrees of freedom (n = \(n), \(p) estimated coefficients): "
                    + "standard errors and intervals cannot be estimated")
        }
        let q = df > 0 ? StudentT.quantile(0.975, degreesOfFreedom: Double(df)) : nil
        var coefficients: [Coefficient] = []
        for (c, j) in ls.kept.enumerated() {
            let b = ls.coefficients[c]
            var coefficient = Coefficient(
                feature: names[candidates[j]], estimate: b, stdError: nil, tValue: nil,
                pValue: nil, effect: EngagementMath.finiteOrNil(exp(b)), ci95: nil, estimateCI95: nil,
                significant: false)
            if let covarianceMatrix, let q {
                let variance = covarianceMatrix[c * p + c]
                if variance.isFinite, variance >= 0 {
                    let se = variance.squareRoot()
                    coefficient.stdError = se
                    let lo = b - q * se
                    let hi = b + q * se
                    coefficient.estimateCI95 = [lo, hi]
                    if let l = EngagementMath.finiteOrNil(exp(lo)), let h = EngagementMath.finiteOrNil(exp(hi)) {
                        coefficient.ci95 = [l, h]
                    }
                    if se > 0 {
                        let t = b / se
                        coefficient.tValue = t
                        coefficient.pValue = StudentT.twoSidedP(t, degreesOfFreedom: Double(df))
                        coefficient.significant = abs(t) > q
                    } else {
                        coefficient.significant = b != 0
                    }
                }
            }
            coefficients.append(coefficient)
        }
        let adjusted = df > 0 && n > 1 ? 1 - (1 - r2) * Double(n - 1) / Double(df) : nil
        return .success(
            EngagementModel(
                target: target, n: n, covariance: covariance, r2: r2,
                adjustedR2: adjusted.flatMap(EngagementMath.finiteOrNil),
                residualStdError: sigma2.map { $0.squareRoot() }, degreesOfFreedom: df,
                coefficients: coefficients, dropped: dropped, notes: notes))
    }

    /// A plain-text account of the fit: which effects are significant, in which direction, and what was dropped.
    public var summary: String {
        var lines: [String] = []
        let r2Text = r2.map { String(format: "%.3f", $0) } ?? "n/a"
        lines.append(
            "log(1 + \(target.rawValue)) ~ \(coefficients.count - 1) features, n = \(n), R² = \(r2Text)"
                + (covariance == .hc1 ? " (HC1 standard errors)" : ""))
        let significant = coefficients.filter { $0.significant && $0.feature != "intercept" }
        lines.append(
            significant.isEmpty
                ? "  no feature has a significant effect at the 5 % level"
                : "  significant at 5 %: "
                    + significant.map { c in
                        "\(c.feature) (\(Self.percent(c.effect ?? 1)))"
                    }.joined(separator: ", "))
        for c in coefficients where c.feature != "intercept" {
            guard let effect = c.effect else { continue }
            let ci = c.ci95.map { String(format: " [%.2f, %.2f]", $0[0], $0[1]) } ?? ""
            let verdict =
                c.significant
                ? "\(Self.percent(effect)) \(target.rawValue) \(Self.unit(of: c.feature))"
                : (c.stdError == nil ? "not testable" : "no significant effect")
            lines.append("  \(c.feature): ×\(String(format: "%.2f", effect))\(ci) — \(verdict)")
        }
        for d in dropped { lines.append("  dropped \(d.feature): \(d.reason)") }
        lines += notes.map { "  note: \($0)" }
        return lines.joined(separator: "\n")
    }

    static func percent(_ effect: Double) -> String {
        let change = (effect - 1) * 100
        return (change >= 0 ? "+" : "") + String(format: "%.0f", change) + "%"
    }

    /// How to read one unit of a feature.
    static func unit(of feature: String) -> String {
        switch feature {
        case "thread_length": return "per extra tweet in the thread"
        case "thread_position": return "per position further into the thread"
        case "mentions": return "per mention"
        case "text_length_100": return "per 100 characters"
        case "trend_years": return "per year"
        default: return "when present (vs. absent or the baseline)"
        }
    }
}

/// Why a model was not fitted.
package struct EngagementUnavailable: Error, Hashable, Sendable, Encodable {
    package var target: EngagementModel.Target
    package var reason: String
}

/// One tweet's counts and model features.
package struct EngagementObservation: Hashable, Sendable {
    package struct Feature: Hashable, Sendable {
        package var name: String
        package var value: Double
    }

    package var id: TweetID
    package var likes: Int?
    package var retweets: Int?
    /// Features in model order; the first is the intercept.
    package var features: [Feature]

    package func count(_ target: EngagementModel.Target) -> Int? { target == .likes ? likes : retweets }

    /// Builds observations for the non-retweet tweets, with thread roles taken from `threads` and promotion
    /// categories from `promotions`.
    ///
    /// - Parameters:
    ///   - categories: the promotion categories that get a dummy (all that occur, by default).
    ///   - utcOffsetSeconds: offset for hour and weekday buckets.
    /// - Complexity: O(n + Σ thread lengths).
    package static func build(
        tweets: [Tweet], threads: [TweetThread], promotions: [TweetID: [PromotionCategory]],
        categories: [PromotionCategory]? = nil,
        utcOffsetSeconds: Int = 0
    ) -> [EngagementObservation] {
        var role: [TweetID: (root: Bool, length: Int, position: Int)] = [:]
        for thread in threads {
            for (k, id) in thread.tweets.enumerated() { role[id] = (k == 0, thread.length, k) }
        }
        let modelled = tweets.filter { !$0.isRetweet }
        let categories = categories ?? Array(Set(modelled.flatMap { promotions[$0.id] ?? [] })).sorted()
        let start = modelled.map(\.createdAt.milliseconds).min() ?? 0
        return modelled.map { tweet in
            let r = role[tweet.id]
            let c = tweet.createdAt.components(utcOffsetSeconds: utcOffsetSeconds)
            let cats = Set(promotions[tweet.id] ?? [])
            var f: [Feature] = [Feature(name: "intercept", value: 1)]
            f.append(Feature(name: "thread_root", value: r?.root == true ? 1 : 0))
            f.append(Feature(name: "thread_length", value: Double(r?.length ?? 1)))
            f.append(Feature(name: "thread_position", value: Double(r?.position ?? 0)))
            f.append(Feature(name: "is_reply", value: r == nil && tweet.isReply ? 1 : 0))
            for category in categories {
                f.append(Feature(name: "promo_\(category.rawValue)", value: cats.contains(category) ? 1 : 0))
            }
            f.append(Feature(name: "has_link", value: tweet.entities.urls.isEmpty ? 0 : 1))
            f.append(Feature(name: "has_media", value: tweet.hasMedia == true ? 1 : 0))
            f.append(Feature(name: "mentions", value: Double(tweet.mentionedHandles.count)))
            f.append(Feature(name: "text_length_100", value: Double(tweet.text.count) / 100))
            f.append(Feature(name: "hour_06_12", value: (6..<12).contains(c.hour) ? 1 : 0))
            f.append(Feature(name: "hour_12_18", value: (12..<18).contains(c.hour) ? 1 : 0))
            f.append(Feature(name: "hour_18_24", value: c.hour >= 18 ? 1 : 0))
            for (k, day) in ["tue", "wed", "thu", "fri", "sat", "sun"].enumerated() {
                f.append(Feature(name: day, value: c.weekday == k + 1 ? 1 : 0))
            }
            f.append(
                Feature(
                    name: "trend_years",
                    value: Double(tweet.createdAt.milliseconds - start) / (365.25 * 86_400_000)))
            return EngagementObservation(
                id: tweet.id, likes: tweet.counts.likes, retweets: tweet.counts.retweets,
                features: f)
        }
    }
}

private func format(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.4g", x)
}
