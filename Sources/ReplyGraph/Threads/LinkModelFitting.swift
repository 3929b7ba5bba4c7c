import Foundation

/// Fits ``LinkModel`` on labelled archives: an L2-regularised logistic regression over the candidates each tweet is
/// compared with, every archive weighing the same, then Platt scaling fitted on scores of authors held out.
///
///     let fitter = LinkModelFitter()
///     let model = fitter.fit(labelled)                  // the shipped model
///     let heldOut = fitter.leaveOneOut(labelled)        // model k never saw labelled[k]
///
/// Training follows the decoder: each archive is decoded along its true links, so a candidate's features (its
/// chain's numbering, whether it already has a continuation) are those inference sees when every earlier decision
/// was right. The archive's own typical gap (``LinkFeature/relativeGap``) depends on the model, so fitting repeats
/// a few rounds, each adapting with the previous round's model.
///
/// - Complexity: O(r · (c · f² + n)) per fit for r rounds, c candidates, f features and n tweets; leave-one-out
///   fits each fold and, for its calibration, each inner fold.
package struct LinkModelFitter: Sendable {
    /// How candidates are found and decoded while fitting. The threshold is fixed here (not the shipped model's),
    /// so that a fit never depends on the model it replaces.
    package var options = ThreadOptions(minConfidence: 0.5)
    /// The L2 penalty on the weights (not the bias), in units of one archive's total weight.
    package var penalty = 0.0001
    package var rounds = 3

    package init() {}

    /// Thresholds tried for ``LinkModel/threshold``.
    static let thresholds = stride(from: 0.15, through: 0.6, by: 0.05).map { $0 }

    /// The shipped model: weights fitted on all archives; calibration and threshold fitted on leave-one-out scores
    /// (each archive decoded by a model fitted without it).
    package func fit(_ sets: [LabelledArchive]) -> LinkModel {
        var model = fitRaw(sets)
        guard sets.count >= 2 else { return model }
        var scored: [(Double, Bool)] = []
        var inner: [LinkModel] = []
        for k in sets.indices {
            var rest = sets
            rest.remove(at: k)
            inner.append(fitRaw(rest))
            scored += rawScores(sets[k], model: inner[k])
        }
        (model.slope, model.intercept) = Self.platt(scored)
        var best = (threshold: 0.5, f1: -1.0)
        for t in Self.thresholds {
            var evaluator = ThreadEvaluator(options: options)
            evaluator.options.minConfidence = t
            let f1 =
                sets.indices.map { k in
                    var calibrated = inner[k]
                    (calibrated.slope, calibrated.intercept) = (model.slope, model.intercept)
                    return evaluator.evaluate(sets[k], model: calibrated).0.links.f1
                }.reduce(0, +) / Double(sets.count)
            if f1 > best.f1 + 1e-9 { best = (t, f1) }
        }
        model.threshold = best.threshold
        return model
    }

    /// For each archive, a model fitted (and calibrated) without it.
    package func leaveOneOut(_ sets: [LabelledArchive]) -> [LinkModel] {
        sets.indices.map { k in
            var rest = sets
            rest.remove(at: k)
            return fit(rest)
        }
    }

    /// Weights only (slope 1, intercept 0).
    package func fitRaw(_ sets: [LabelledArchive]) -> LinkModel {
        let prior = sets.map(Self.medianGap).reduce(0, +) / Double(max(sets.count, 1))
        var model = LinkModel(weights: LinkFeature.allCases.map(\.prior), typicalGap: prior)
        for _ in 0..<rounds {
            var rows: [[Double]] = []
            var labels: [Double] = []
            var weights: [Double] = []
            for labelled in sets {
                let (x, y) = examples(labelled, model: model)
                let w = 1 / Double(max(x.count, 1))
                rows += x
                labels += y
                weights += [Double](repeating: w, count: x.count)
            }
            model.weights = Self.logistic(rows, labels, weights, penalty: penalty)
        }
        return model
    }

    /// The candidates of every scored tweet, decoded along the truth, with 1 for the true parent.
    func examples(_ labelled: LabelledArchive, model: LinkModel) -> (x: [[Double]], y: [Double]) {
        var state = ReconstructionState(archive: labelled.archive, options: options, model: model)
        state.decision = .truth(labelled.truthParent)
        state.log = []
        state.keepFeatures = true
        state.linkAll()
        var x: [[Double]] = []
        var y: [Double] = []
        let chainIsReply = LinkFeature.chainIsReply.rawValue
        for c in state.log! where labelled.inScope[Int(c.child)] && labelled.inScope[Int(c.candidate)] {
            // Hand labels of threads do not say whether a reply was continued: no example either way.
            if labelled.labelsThreadsOnly && c.features[chainIsReply] != 0 { continue }
            x.append(c.features)
            y.append(labelled.truthParent[Int(c.child)] == c.candidate ? 1 : 0)
        }
        return (x, y)
    }

    /// Raw scores of inference (not along the truth) and whether each candidate is the true parent.
    func rawScores(_ labelled: LabelledArchive, model: LinkModel) -> [(Double, Bool)] {
        var state = ReconstructionState(archive: labelled.archive, options: options, model: model)
        state.log = []
        state.linkAll()
        return state.log!.compactMap { c in
            guard labelled.inScope[Int(c.child)] && labelled.inScope[Int(c.candidate)] else { return nil }
            return (c.score, labelled.truthParent[Int(c.child)] == c.candidate)
        }
    }

    /// The median ln(1 + gap) between consecutive tweets of an archive's main author (as inference adapts).
    static func medianGap(_ labelled: LabelledArchive) -> Double {
        var state = ReconstructionState(
            archive: labelled.archive, options: ThreadOptions(),
            model: LinkModel(
                weights: [Double](repeating: 0, count: LinkFeature.count),
                typicalGap: 0))
        state.adaptTypicalGaps()
        return state.typicalGap.max() ?? 0
    }

    /// Weighted logistic regression by Newton's method, with an L2 penalty towards each feature's
    /// ``LinkFeature/prior`` (the bias is not penalised).
    static func logistic(_ x: [[Double]], _ y: [Double], _ w: [Double], penalty: Double) -> [Double] {
        let f = LinkFeature.count
        let prior = LinkFeature.allCases.map(\.prior)
        var beta = prior
        for _ in 0..<50 {
            var gradient = [Double](repeating: 0, count: f)
            var hessian = [Double](repeating: 0, count: f * f)
            for (r, row) in x.enumerated() {
                var z = 0.0
                for k in 0..<f where row[k] != 0 { z += beta[k] * row[k] }
                let p = 1 / (1 + exp(-z))
                let g = w[r] * (y[r] - p)
                let h = w[r] * p * (1 - p)
                for k in 0..<f where row[k] != 0 {
                    gradient[k] += g * row[k]
                    let hk = h * row[k]
                    for l in k..<f where row[l] != 0 { hessian[k * f + l] += hk * row[l] }
                }
            }
            for k in 0..<f {
                for l in 0..<k { hessian[k * f + l] = hessian[l * f + k] }
                if k != LinkFeature.bias.rawValue {
                    gradient[k] -= penalty * (beta[k] - prior[k])
                    hessian[k * f + k] += penalty
                } else {
                    hessian[k * f + k] += 1e-9
                }
            }
            let step = solve(hessian, gradient, f)
            var largest = 0.0
            for k in 0..<f {
                beta[k] += step[k]
                largest = max(largest, abs(step[k]))
            }
            if largest < 1e-7 { break }
        }
        return beta
    }

    /// Solves the symmetric positive definite system `a · x = b` (Cholesky).
    static func solve(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    l[i * n + i] = sum > 1e-12 ? sum.squareRoot() : 1e-6
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var sum = b[i]
            for k in 0..<i { sum -= l[i * n + k] * y[k] }
            y[i] = sum / l[i * n + i]
        }
        var x = [Double](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<n { sum -= l[k * n + i] * x[k] }
            x[i] = sum / l[i * n + i]
        }
        return x
    }

    /// Platt scaling: the slope and intercept that make σ(slope · score + intercept) fit the outcomes.
    static func platt(_ scored: [(Double, Bool)]) -> (slope: Double, intercept: Double) {
        var a = 1.0
        var b = 0.0
        for _ in 0..<100 {
            var g0 = 0.0
            var g1 = 0.0
            var h00 = 1e-9
            var h01 = 0.0
            var h11 = 1e-9
            for (s, label) in scored {
                let p = 1 / (1 + exp(-(a * s + b)))
                let e = (label ? 1 : 0) - p
                let v = p * (1 - p)
                g0 += e * s
                g1 += e
                h00 += v * s * s
                h01 += v * s
                h11 += v
            }
            let det = h00 * h11 - h01 * h01
            guard det > 0 else { break }
            let da = (h11 * g0 - h01 * g1) / det
            let db = (h00 * g1 - h01 * g0) / det
            a += da
            b += db
            if abs(da) < 1e-9 && abs(db) < 1e-9 { break }
        }
        return (a, b)
    }
}

extension LinkModelFitter {
    /// Lines describing the links inference got wrong on one archive (for studying a model; prints tweet text).
    package func diagnose(_ labelled: LabelledArchive, model: LinkModel, limit: Int = 40) -> [String] {
        var options = options
        options.minConfidence = model.threshold
        var state = ReconstructionState(archive: labelled.archive, options: options, model: model)
        state.log = []
        state.keepFeatures = true
        state.linkAll()
        let tweets = labelled.archive.tweets
        func line(_ i: Int) -> String {
            String(tweets[i].text.prefix(70)).replacingOccurrences(of: "\n", with: " ")
        }
        func active(_ child: Int, _ candidate: Int) -> String {
            guard let c = state.log!.first(where: { $0.child == Int32(child) && $0.candidate == Int32(candidate) })
            else { return "(not a candidate)" }
            let p = model.probability(score: c.score)
            return String(format: "p=%.3f ", p)
                + LinkFeature.allCases.filter { c.features[$0.rawValue] != 0 && $0 != .bias }
                .map { f in String(format: "%@=%.2f", f.name, c.features[f.rawValue]) }.joined(separator: " ")
        }
        var out: [String] = []
        for i in tweets.indices where labelled.inScope[i] {
            let t = Int(labelled.truthParent[i])
            let p = Int(state.parent[i])
            if p >= 0 && p != t {
                let gap = (tweets[i].createdAt.milliseconds - tweets[p].createdAt.milliseconds) / 1000
                out.append(
                    "FP gap \(gap)s truth \(t >= 0 ? "other" : "none") \(active(i, p))\n   parent: \(line(p))\n   child:  \(line(i))"
                )
            }
            if t >= 0 && p != t {
                let gap = (tweets[i].createdAt.milliseconds - tweets[t].createdAt.milliseconds) / 1000
                out.append("FN gap \(gap)s \(active(i, t))\n   parent: \(line(t))\n   child:  \(line(i))")
            }
        }
        return out
    }
}
