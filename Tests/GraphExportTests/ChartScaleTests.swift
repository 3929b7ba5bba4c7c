import GraphExport
import Testing

/// Expected values follow from the 1-2-5 rule and the arithmetic in each comment, not from running the code.
@Suite("Chart scales")
struct ChartScaleTests {
    @Test(
        "nice steps are 1, 2 or 5 × 10ⁿ, the smallest not below the raw step",
        arguments: [(0.74, 1.0), (7.4, 10), (12, 20), (0.03, 0.05), (250, 500), (1, 1), (0, 1), (2.0001, 5)])
    func niceSteps(raw: Double, expected: Double) {
        #expect(abs(LinearScale.niceStep(raw) - expected) < 1e-9)
    }

    @Test("a linear scale rounds its domain out to whole steps and maps it onto the pixels")
    func linear() {
        // 37 / 5 = 7.4 → step 10, domain 0…40; 200 px tall with y growing downwards.
        let y = LinearScale(upTo: 37, from: 200, to: 0)
        #expect(y.ticks == [0, 10, 20, 30, 40])
        #expect(y(0) == 200)
        #expect(y(20) == 100)
        #expect(y(40) == 0)
        #expect(y.label(30) == "30")
    }

    @Test("counts get whole steps; fractional steps get the decimals they need")
    func integralAndFractionalLabels() {
        // 3 / 5 = 0.6 → step 1 (a count has no half).
        let counts = LinearScale(upTo: 3, from: 0, to: 30, integral: true)
        #expect(counts.ticks == [0, 1, 2, 3])
        // 0.23 / 5 = 0.046 → step 0.05, domain 0…0.25.
        let shares = LinearScale(upTo: 0.23, from: 0, to: 100)
        #expect(shares.ticks.count == 6)
        #expect(shares.ticks.map(shares.label) == ["0", "0.05", "0.1", "0.15", "0.2", "0.25"])
    }

    @Test("an empty or all-zero domain becomes 0…1, not a division by zero")
    func emptyDomain() {
        let y = LinearScale(upTo: 0, from: 100, to: 0, integral: true)
        #expect(y.ticks == [0, 1])
        #expect(y(0) == 100)
        #expect(y(1) == 0)
    }

    @Test("a log scale covers its values and 1, with candidate ticks; ×1 sits midway between ×0.5 and ×2")
    func log() {
        let x = LogScale(covering: [0.8, 1.6], from: 0, to: 100)
        #expect(x.ticks == [0.5, 1, 2])
        #expect(abs(x(1) - 50) < 1e-9)
        #expect(x(0.5) == 0 && x(2) == 100)
        #expect(x.label(0.5) == "×0.5")
        // Values all above 1 still show 1 (no effect) on the axis.
        #expect(LogScale(covering: [1.5, 3], from: 0, to: 10).ticks == [0.5, 1, 2, 5])
    }

    @Test("bands split the range evenly and leave the padding between them")
    func bands() {
        let x = BandScale(count: 4, from: 0, to: 100, padding: 0.2)
        #expect(x.step == 25)
        #expect(x.bandwidth == 20)
        #expect(x.start(of: 1) == 27.5) // 25 + 2.5 of padding
        #expect(x.center(of: 0) == 12.5)
    }
}
