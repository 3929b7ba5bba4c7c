import ArgumentParser
import ReplyGraph

/// Thread reconstruction settings shared by every command that builds a reply graph.
struct ThreadOptionsGroup: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "How far back, in seconds, a tweet's candidate parents go (default: 3 days).",
            valueName: "seconds"))
    var maxGap: Double = ThreadOptions().maxGap

    @Option(
        help: ArgumentHelp(
            "Drop inferred thread links below this confidence (0...1).",
            discussion: "Confidences are calibrated: a link at 0.8 is right about 80% of the time on authors the model "
                + "never saw. The default is the threshold fitted with the model for the best F1 on held-out authors.",
            valueName: "x"))
    var minConfidence: Double = ThreadOptions().minConfidence

    @Flag(help: "Use only explicit reply ids; infer no links from numbering, timing or text.")
    var noInference = false

    func validate() throws {
        guard maxGap > 0, maxGap.isFinite else {
            throw ValidationError("--max-gap must be a positive number of seconds")
        }
        guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence must be between 0 and 1") }
    }

    var options: ThreadOptions {
        ThreadOptions(maxGap: maxGap, minConfidence: minConfidence, inference: !noInference)
    }
}
