import Foundation

/// Student's t distribution: CDF through the regularised incomplete beta function, quantiles by bisection.
///
///     StudentT.quantile(0.975, degreesOfFreedom: 10)   // 2.228138...
///     StudentT.cdf(2.228138, degreesOfFreedom: 10)     // 0.975
enum StudentT {
    /// P(T ≤ t) for `df` degrees of freedom (`df` > 0; `+∞`-like large values approach the normal).
    ///
    /// - Complexity: O(1) (a continued fraction of at most 300 terms).
    static func cdf(_ t: Double, degreesOfFreedom df: Double) -> Double {
        precondition(df > 0, "degrees of freedom must be positive")
        if t.isNaN { return .nan }
        let x = df / (df + t * t)
        let tail = 0.5 * regularizedIncompleteBeta(x, a: df / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The `p` quantile (0 < p < 1): the t with `cdf(t) == p`, to about 1e-12.
    ///
    /// - Complexity: O(1) (at most 200 bisection steps).
    static func quantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        precondition(p > 0 && p < 1, "p must be in (0, 1)")
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: df) }
        var lo = 0.0
        var hi = 1.0
        while cdf(hi, degreesOfFreedom: df) < p {
            hi *= 2
            if hi > 1e12 { return hi }
        }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if cdf(mid, degreesOfFreedom: df) < p { lo = mid } else { hi = mid }
            if hi - lo < 1e-13 * max(1, hi) { break }
        }
        return 0.5 * (lo + hi)
    }

    /// Two-sided p-value of a t statistic.
    static func twoSidedP(_ t: Double, degreesOfFreedom df: Double) -> Double {
        min(1, max(0, 2 * (1 - cdf(abs(t), degreesOfFreedom: df))))
    }

    /// I_x(a, b) by Lentz's continued fraction (Numerical Recipes `betai`/`betacf`).
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        let front = exp(lnFront)
        if x < (a + 1) / (a + b + 2) { return front * betaContinuedFraction(x, a: a, b: b) / a }
        return 1 - front * betaContinuedFraction(1 - x, a: b, b: a) / b
    }

    private static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
