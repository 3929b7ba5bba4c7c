import Foundation

extension ReconstructionState {
    /// Finds later tweets that point back to an author's most recent thread (or, for a source note, to the single
    /// tweet just before) without being part of it.
    ///
    /// | cue | base confidence | target |
    /// |---|---|---|
    /// | reference ("this thread", "the first tweet", "ICYMI"), e.g. a closer posted after ``ThreadOptions/closerWindow`` | 0.85 | the author's latest thread |
    /// | sequel ("Part 2"), also on a thread root | 0.8 | the author's latest thread |
    /// | source note ("Source: [1] …") with nothing posted in between | 0.75 | the latest thread or single tweet |
    /// | continuation word ("And …", "Update: …") with nothing posted in between | 0.6 | the latest thread |
    ///
    /// Confidence falls linearly to three quarters of the base over ``ThreadOptions/followUpWindow``; replies to
    /// other people and non-root thread members are never follow-ups.
    ///
    /// - Complexity: O(n) for n tweets.
    ///
    /// Authors are independent: large archives are searched in `parts` author classes on all cores, as decoding is
    /// (each part reads and caches only its own authors' cues).
    func findFollowUps(threads: [TweetThread], threadIndex: ContiguousArray<Int32>, parts: Int? = nil) -> [FollowUp] {
        let cores = Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8, Swift.max(authorKeys.count, 1))
        let parts = parts ?? (tweets.count >= Self.parallelThreshold ? cores : 1)
        let state = self
        var found = Array(
            Parallel.map(parts, chunks: parts) { part in
                state.findFollowUps(threads: threads, threadIndex: threadIndex, part: part, of: parts)
            }.joined())
        found.sort { $0.tweet < $1.tweet }
        return found
    }

    /// The follow-ups by the authors `a` with `a % parts == part`, in posting order.
    private func findFollowUps(
        threads: [TweetThread], threadIndex: ContiguousArray<Int32>, part: Int, of parts: Int
    ) -> [FollowUp] {
        struct Recent {
            /// The latest thread that has ended: its index and end time.
            var thread: Int32 = -1
            var threadEnd: Int64 = 0
            /// The latest stand-alone post (a single tweet or a thread root): the archive index, and whether the
            /// latest thread is that post.
            var post: Int32 = -1
            var postIsThread = false
        }
        var recent = [Recent](repeating: Recent(), count: authorKeys.count)
        var found: [FollowUp] = []
        let window = Int64(options.followUpWindow * 1000)
        for position in order {
            let i = Int(position)
            let a = Int(authorOf[i])
            if parts > 1 && a % parts != part { continue }
            let k = Int(threadIndex[i])
            let isRoot = k >= 0 && threads[k].root == tweets[i].id
            defer {
                if k >= 0, threads[k].tweets.last == tweets[i].id {
                    recent[a].thread = Int32(k)
                    recent[a].threadEnd = time(i)
                }
            }
            if k >= 0 && !isRoot { continue }
            if leadsWithOthers(i) { continue }
            if let pid = tweets[i].inReplyToID, archive[pid]?.author != tweets[i].author { continue }
            let now = time(i)
            var base = 0.0
            var label = FollowUp.Reason.Cue.threadReference
            var target: Int32 = -1
            let latest = recent[a]
            let threadGap = now - latest.threadEnd
            let hasThread = latest.thread >= 0 && threadGap > 0 && threadGap <= window
            let adjacent =
                latest.post >= 0 && (latest.postIsThread ? hasThread : now - time(Int(latest.post)) <= window)
            // Read the text only when there is something it could refer to.
            let cues = hasThread || adjacent ? readCues(i) : []
            if hasThread && !isRoot && cues.contains(.threadReference) {
                (base, label, target) = (0.85, .threadReference, latest.thread)
            } else if hasThread && cues.contains(.sequel) {
                (base, label, target) = (0.8, .sequel, latest.thread)
            } else if !isRoot && adjacent && cues.contains(.source) {
                (base, label, target) = (0.75, .source, latest.postIsThread ? latest.thread : -1)
            } else if hasThread && !isRoot && adjacent && latest.postIsThread && cues.contains(.continuationWord) {
                (base, label, target) = (0.6, .continuationWord, latest.thread)
            }
            var followed = false
            if base > 0 {
                let targetID: TweetID
                let targetEnd: Int64
                if target >= 0 {
                    targetID = threads[Int(target)].root
                    targetEnd = latest.threadEnd
                } else {
                    targetID = tweets[Int(latest.post)].id
                    targetEnd = time(Int(latest.post))
                }
                let gap = now - targetEnd
                if gap > 0 && gap <= window {
                    let value = base * (1 - 0.25 * Double(gap) / Double(window))
                    if value >= options.minConfidence {
                        found.append(
                            FollowUp(
                                tweet: tweets[i].id, target: targetID, confidence: value,
                                reason: FollowUp.Reason(cue: label, gapSeconds: gap / 1000)))
                        followed = true
                    }
                }
            }
            if !followed {
                recent[a].post = Int32(i)
                recent[a].postIsThread = isRoot
            }
        }
        return found
    }
}
