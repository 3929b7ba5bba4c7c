import Foundation
import Testing

@testable import ReplyGraph

/// Thread inference judged where it was not tuned: leave one author out over the five labelled archives (the four
/// account exports with reply ids in `../shared/data/reply-archives/` and the sample's visible labels), each scored
/// by a model fitted without it — the table `bash Scripts/fit-thread-model.sh` prints and the README shows.
///
/// The archives are not part of the package (their text may not be redistributed): the test reads them from the
/// shared folder beside the checkout and says so when it is absent.
@Suite(.serialized) struct ThreadGeneralisationTests {
    /// `../shared/data` beside the checkout, or `REPLYGRAPH_DATA`.
    static var dataFolder: String? {
        if let folder = ProcessInfo.processInfo.environment["REPLYGRAPH_DATA"] { return folder }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("reply-archives").path)
            ? folder.path : nil
    }

    /// F1 of the release before the link model was fitted (hand-set log-odds), per author, from the issue that
    /// asked for this model; an author may not fall below both it and the 60-second rule.
    static let previousF1 = [
        "develwoutacause": 0.869, "ZekeAranyLucas": 0.824, "HarlanTheFox": 0.362,
        "evildisease": 0.139, "alexxubyte": 1.0,
    ]

    @Test func leaveOneAuthorOutMeetsTheBars() throws {
        guard let folder = Self.dataFolder else {
            print(
                "ThreadGeneralisationTests: ../shared/data/reply-archives not found; the leave-one-author-out "
                    + "evaluation was not run (set REPLYGRAPH_DATA to the shared data folder)")
            return
        }
        let sets = try LabelledArchive.trainingSet(dataFolder: folder)
        #expect(
            sets.map(\.name).sorted() == [
                "HarlanTheFox", "ZekeAranyLucas", "alexxubyte", "develwoutacause",
                "evildisease",
            ])
        #expect(sets.map(\.truthLinks).reduce(0, +) == 1492)
        let models = LinkModelFitter().leaveOneOut(sets)
        let evaluation = ThreadEvaluator().evaluate(Array(zip(sets, models)), thresholdsFromModels: true)
        print("leave-one-author-out:\n" + evaluation.text)
        #expect(evaluation.macroF1 >= 0.70)
        #expect(evaluation.calibration.expectedError <= 0.05)
        for result in evaluation.archives {
            let floor = min(Self.previousF1[result.name] ?? 1, result.baseline.f1)
            #expect(result.links.f1 >= floor, "\(result.name): F1 \(result.links.f1) below \(floor)")
        }
    }

    /// The shipped model is what the fitter makes of all five archives (the committed coefficients are not edited
    /// by hand), and it keeps the sample's visible labels at precision and recall 0.99 or more.
    @Test func shippedModelIsTheFittedOne() throws {
        guard let folder = Self.dataFolder else {
            print("ThreadGeneralisationTests: shared data not found; the refit was not checked")
            return
        }
        let sets = try LabelledArchive.trainingSet(dataFolder: folder)
        let refit = LinkModelFitter().fit(sets)
        let shipped = LinkModel.fitted
        #expect(refit.threshold == shipped.threshold)
        #expect(abs(refit.slope - shipped.slope) < 1e-4 && abs(refit.intercept - shipped.intercept) < 1e-4)
        for (a, b) in zip(refit.weights, shipped.weights) { #expect(abs(a - b) < 1e-4) }
        let sample = try #require(sets.first { $0.name == "alexxubyte" })
        let scores = ThreadEvaluator().evaluate([sample]).overall
        #expect(scores.precision >= 0.99 && scores.recall >= 0.99)
    }
}
