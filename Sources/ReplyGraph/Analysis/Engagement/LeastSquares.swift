/// Ordinary least squares by Householder QR that admits columns in the given order and drops a column that is
/// (numerically) a combination of the columns already admitted.
///
/// Admitting in order is column-pivoted QR with the pivot order fixed by the caller: features are listed from
/// most to least important, so a dropped feature is always explained by earlier ones and the report can say which.
///
///     let fit = LeastSquares.fit(columns: [[1, 1, 1], [1, 2, 3], [2, 4, 6]], y: [1, 2, 3])
///     fit.kept      // [0, 1]
///     fit.dropped   // [(column: 2, explainedBy: [1])]
///
/// - Complexity: O(n · p²) time and O(n · p) memory for n rows and p columns.
struct LeastSquares {
    /// Indices of the admitted columns, in order.
    var kept: [Int]
    /// Dropped columns with the admitted columns that (together) reproduce them.
    var dropped: [(column: Int, explainedBy: [Int])]
    /// Coefficients aligned with ``kept``.
    var coefficients: [Double]
    var residuals: [Double]
    /// (XᵀX)⁻¹ for the admitted columns (p × p, row-major).
    var inverseGram: [Double]
    var n: Int
    var rank: Int { kept.count }
    var residualDegreesOfFreedom: Int { n - kept.count }

    /// Relative tolerance below which a column's part orthogonal to the admitted ones counts as zero.
    static let tolerance = 1e-9

    static func fit(columns: [[Double]], y: [Double]) -> LeastSquares {
        let n = y.count
        var reflectors: [[Double]] = [] // Householder vectors v (length n, zeros above the pivot row)
        var rColumns: [[Double]] = [] // R's columns for the admitted features (length = rank at admission)
        var kept: [Int] = []
        var dropped: [(Int, [Int])] = []

        func applyReflectors(_ x: inout [Double]) {
            for (k, v) in reflectors.enumerated() {
                var dot = 0.0
                for i in k..<n { dot += v[i] * x[i] }
                let scale = 2 * dot
                for i in k..<n { x[i] -= scale * v[i] }
            }
        }

        for (j, column) in columns.enumerated() {
            precondition(column.count == n, "column \(j) has \(column.count) rows, expected \(n)")
            var x = column
            applyReflectors(&x)
            let k = kept.count
            var norm2 = 0.0
            for v in column { norm2 += v * v }
            var tail2 = 0.0
            if k < n { for i in k..<n { tail2 += x[i] * x[i] } }
            if norm2 == 0 || k >= n || tail2.squareRoot() <= tolerance * norm2.squareRoot() {
                // Coefficients of the projection on the admitted columns name the culprits.
                let head = Array(x[0..<min(k, n)])
                let c = backSubstitute(rColumns, head)
                dropped.append((j, zip(kept, c).filter { abs($0.1) > 1e-6 }.map(\.0)))
                continue
            }
            let alpha = (x[k] >= 0 ? -1.0 : 1.0) * tail2.squareRoot()
            var v = [Double](repeating: 0, count: n)
            v[k] = x[k] - alpha
            for i in (k + 1)..<n { v[i] = x[i] }
            var vnorm2 = 0.0
            for i in k..<n { vnorm2 += v[i] * v[i] }
            let vnorm = vnorm2.squareRoot()
            for i in k..<n { v[i] /= vnorm }
            reflectors.append(v)
            var r = Array(x[0..<k])
            r.append(alpha)
            rColumns.append(r)
            kept.append(j)
        }

        var qty = y
        applyReflectors(&qty)
        let p = kept.count
        let beta = backSubstitute(rColumns, Array(qty[0..<p]))
        var residuals = y
        for (c, j) in kept.enumerated() { for i in 0..<n { residuals[i] -= beta[c] * columns[j][i] } }
        // (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ.
        var rInv = [Double](repeating: 0, count: p * p)
        for c in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[c] = 1
            let col = backSubstitute(rColumns, e)
            for r in 0..<p { rInv[r * p + c] = col[r] }
        }
        var inverseGram = [Double](repeating: 0, count: p * p)
        for a in 0..<p {
            for b in 0..<p {
                var s = 0.0
                for c in 0..<p { s += rInv[a * p + c] * rInv[b * p + c] }
                inverseGram[a * p + b] = s
            }
        }
        return LeastSquares(
            kept: kept, dropped: dropped, coefficients: beta, residuals: residuals,
            inverseGram: inverseGram, n: n)
    }

    /// Solves R c = b for the upper-triangular R given by columns (column j has j + 1 entries).
    private static func backSubstitute(_ rColumns: [[Double]], _ b: [Double]) -> [Double] {
        let p = b.count
        var c = b
        var i = p - 1
        while i >= 0 {
            var s = c[i]
            for j in (i + 1)..<max(i + 1, p) { s -= rColumns[j][i] * c[j] }
            c[i] = s / rColumns[i][i]
            i -= 1
        }
        return c
    }

    /// HC1 (White with n / (n − p) correction) covariance for the admitted columns.
    func hc1Covariance(columns: [[Double]]) -> [Double] {
        let p = kept.count
        var meat = [Double](repeating: 0, count: p * p)
        for i in 0..<n {
            let e2 = residuals[i] * residuals[i]
            for a in 0..<p {
                let xa = columns[kept[a]][i] * e2
                for b in a..<p { meat[a * p + b] += xa * columns[kept[b]][i] }
            }
        }
        for a in 0..<p { for b in 0..<a { meat[a * p + b] = meat[b * p + a] } }
        var tmp = [Double](repeating: 0, count: p * p)
        var out = tmp
        for a in 0..<p {
            for b in 0..<p {
                var s = 0.0
                for c in 0..<p { s += inverseGram[a * p + c] * meat[c * p + b] }
                tmp[a * p + b] = s
            }
        }
        for a in 0..<p {
            for b in 0..<p {
                var s = 0.0
                for c in 0..<p { s += tmp[a * p + c] * inverseGram[c * p + b] }
                out[a * p + b] = s
            }
        }
        let scale = n > p ? Double(n) / Double(n - p) : 1
        return out.map { $0 * scale }
    }
}
