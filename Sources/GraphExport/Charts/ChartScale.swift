import Foundation

/// A linear map from data values to pixels, with a domain rounded out to "nice" tick steps (1, 2 or 5 × 10ⁿ).
///
///     let y = LinearScale(upTo: 37, from: 200, to: 0)   // a y axis 200 px tall, pixels growing downwards
///     y.ticks          // [0, 10, 20, 30, 40]
///     y(20)            // 100
///
/// - Complexity: O(number of ticks) to build, O(1) per value.
package struct LinearScale: Sendable, Equatable {
    package let lower: Double
    package let upper: Double
    package let start: Double
    package let end: Double
    package let step: Double

    /// A scale from 0 (or `lowest`, when below 0) to `highest`, rounded out to about `ticks` steps; integral steps
    /// only when `integral` (counts). An empty or all-zero domain becomes 0…1.
    package init(
        upTo highest: Double, lowest: Double = 0, from start: Double, to end: Double, ticks: Int = 5,
        integral: Bool = false
    ) {
        let low = min(0, lowest.isFinite ? lowest : 0)
        let high = max(highest.isFinite ? highest : 0, low)
        var step = Self.niceStep((high - low) / Double(max(1, ticks)))
        if integral { step = max(1, step.rounded(.up)) }
        if high == low { step = integral ? 1 : max(step, 1) }
        self.step = step
        // The tolerance keeps 0.4 / 0.1 = 4.000000000000001 from taking a whole extra step.
        self.lower = (low / step + 1e-9).rounded(.down) * step
        self.upper = max(self.lower + step, (high / step - 1e-9).rounded(.up) * step)
        self.start = start
        self.end = end
    }

    /// 1, 2 or 5 × 10ⁿ, the smallest not below `raw` (1 for 0 or less).
    package static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-12) { return factor * magnitude }
        return 10 * magnitude
    }

    package func callAsFunction(_ value: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// Tick values from `lower` to `upper`, `step` apart.
    package var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...count).map { lower + Double($0) * step }
    }

    /// A tick's label: as many decimals as the step needs, thousands not grouped (`0.25`, `1500`).
    package func label(_ value: Double) -> String {
        var digits = 0
        var s = step
        while s < 1, digits < 6 {
            s *= 10
            digits += 1
        }
        return Escaping.number((value * pow10(digits)).rounded() / pow10(digits), maxFractionDigits: digits)
    }

    private func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }
}

/// A logarithmic map for ratios (multiplicative effects): ticks at 1, 2, 5 × 10ⁿ and their inverses, 1 always in.
///
///     let x = LogScale(covering: [0.8, 1.6], from: 0, to: 100)
///     x.ticks          // [0.5, 1, 2]
package struct LogScale: Sendable, Equatable {
    package let lower: Double
    package let upper: Double
    package let start: Double
    package let end: Double

    static let candidates: [Double] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]

    /// A scale covering every positive finite value given and 1, widened to the nearest candidate ticks.
    package init(covering values: [Double], from start: Double, to end: Double) {
        let usable = values.filter { $0 > 0 && $0.isFinite }
        let low = min(usable.min() ?? 1, 1)
        let high = max(usable.max() ?? 1, 1)
        lower = Self.candidates.last { $0 <= low * (1 + 1e-12) && $0 < 1 } ?? min(low, Self.candidates[0])
        upper = Self.candidates.first { $0 >= high * (1 - 1e-12) && $0 > 1 } ?? max(high, Self.candidates.last!)
        self.start = start
        self.end = end
    }

    package func callAsFunction(_ value: Double) -> Double {
        let v = min(max(value, lower), upper)
        return start + (log(v) - log(lower)) / (log(upper) - log(lower)) * (end - start)
    }

    package var ticks: [Double] { Self.candidates.filter { $0 >= lower * (1 - 1e-12) && $0 <= upper * (1 + 1e-12) } }

    /// `×0.5`, `×1`, `×2`.
    package func label(_ value: Double) -> String { "×" + Escaping.number(value, maxFractionDigits: 2) }
}

/// Equal bands for categories along an axis, with a gap between bands.
///
///     let x = BandScale(count: 4, from: 0, to: 100, padding: 0.2)
///     x.step           // 25
///     x.start(of: 1)   // 27.5
///     x.bandwidth      // 20
package struct BandScale: Sendable, Equatable {
    package let count: Int
    package let from: Double
    package let to: Double
    package let padding: Double

    package init(count: Int, from: Double, to: Double, padding: Double = 0.2) {
        self.count = count
        self.from = from
        self.to = to
        self.padding = padding
    }

    package var step: Double { count == 0 ? 0 : (to - from) / Double(count) }
    package var bandwidth: Double { step * (1 - padding) }
    package func start(of index: Int) -> Double { from + Double(index) * step + step * padding / 2 }
    package func center(of index: Int) -> Double { start(of: index) + bandwidth / 2 }
}
