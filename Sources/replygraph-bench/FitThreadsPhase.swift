import Foundation
import ReplyGraph

extension Bench {
    /// `fit-threads DATA_FOLDER [--write SWIFT_FILE] [--json]`: fits the thread link model on the labelled archives
    /// in DATA_FOLDER (`../shared/data`), prints the leave-one-author-out evaluation (each archive scored by a model
    /// fitted without it), and with `--write` regenerates the shipped coefficients.
    static func fitThreads(_ args: [String]) throws {
        guard let folder = args.first else {
            print("usage: replygraph-bench fit-threads DATA_FOLDER [--write FILE] [--json]")
            exit(64)
        }
        let sets = try LabelledArchive.trainingSet(dataFolder: folder)
        let fitter = LinkModelFitter()
        let models = fitter.leaveOneOut(sets)
        if let k = args.firstIndex(of: "--diagnose"), k + 1 < args.count,
            let m = sets.firstIndex(where: { $0.name == args[k + 1] })
        {
            let model = args.contains("--shipped") ? LinkModel.fitted : models[m]
            for line in fitter.diagnose(sets[m], model: model) { print(line) }
        }
        // Each archive decoded at the threshold its own model chose (on the other archives).
        let evaluation = ThreadEvaluator().evaluate(Array(zip(sets, models)), thresholdsFromModels: true)
        if args.contains("--json") {
            print(String(decoding: try evaluation.json(), as: UTF8.self), terminator: "")
        } else {
            print("Leave-one-author-out (each archive scored by a model fitted on the others):")
            print(
                "thresholds chosen per fold: "
                    + zip(sets, models).map { "\($0.name) \($1.threshold)" }.joined(separator: ", "))
            print(evaluation.text)
        }
        if let k = args.firstIndex(of: "--write"), k + 1 < args.count {
            let model = fitter.fit(sets)
            try model.swiftSource(trainedOn: sets.map(\.name)).write(
                toFile: args[k + 1], atomically: true,
                encoding: .utf8)
            print("wrote \(args[k + 1])")
        }
    }
}
