import Foundation

/// The fitted model that scores candidate thread links: a regularised logistic regression over ``LinkFeature``s,
/// followed by Platt scaling fitted on held-out authors, so that a link stated at 0.8 is right about 80% of the
/// time on authors the model never saw.
///
///     let model = LinkModel.fitted
///     model.probability(features)   // a calibrated probability in (0, 1)
///
/// The coefficients are not set by hand: `bash Scripts/fit-thread-model.sh` fits them on the labelled archives
/// (four account exports with reply ids and the sample's visible labels) and rewrites `LinkModel+Fitted.swift`.
package struct LinkModel: Sendable {
    /// One weight per ``LinkFeature``, in declaration order.
    package var weights: [Double]
    /// Platt scaling of the raw score: `p = σ(slope · score + intercept)`.
    package var slope: Double
    package var intercept: Double
    /// The typical ln(1 + gap in seconds) between two consecutive tweets of an author, across the training
    /// authors: the prior that an archive's own estimate is shrunk towards (``LinkFeature/asUsual``).
    package var typicalGap: Double
    /// The confidence a link needs to be kept: fitted, like the weights, as the one that gives the best mean F1
    /// over authors held out (the default of ``ThreadOptions/minConfidence``).
    package var threshold: Double

    package init(
        weights: [Double], slope: Double = 1, intercept: Double = 0, typicalGap: Double,
        threshold: Double = 0.5
    ) {
        precondition(weights.count == LinkFeature.count, "one weight per feature")
        self.weights = weights
        self.slope = slope
        self.intercept = intercept
        self.typicalGap = typicalGap
        self.threshold = threshold
    }

    /// The raw log-odds (before calibration).
    package func score(_ features: LinkFeatures) -> Double {
        var sum = 0.0
        for k in 0..<LinkFeature.count { sum += weights[k] * features.values[k] }
        return sum
    }

    /// The calibrated probability of a raw score.
    package func probability(score: Double) -> Double {
        1 / (1 + exp(-(slope * score + intercept)))
    }

    package func probability(_ features: LinkFeatures) -> Double { probability(score: score(features)) }

    /// How many of an author's gaps it takes before their own typical gap outweighs the prior.
    static let adaptationPseudoCount = 3.0
}
