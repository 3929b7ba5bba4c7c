import Foundation
import Testing

@Suite struct ThreadsCommandTests {
    @Test func threadsJSONHasTheDocumentedShape() throws {
        let result = try CLIRunner.run(["threads", "--format", "json", "--min-length", "3"])
        #expect(result.status == 0)
        let json = try result.json()
        let threads = try #require(json["threads"] as? [[String: Any]])
        #expect(!threads.isEmpty)
        for thread in threads {
            let tweets = try #require(thread["tweets"] as? [String]) // ids are strings
            #expect(tweets.count == thread["length"] as? Int)
            #expect(tweets.count >= 3)
            #expect(tweets.first == thread["root"] as? String)
            // Oldest first: snowflake ids grow with time.
            let ids = tweets.compactMap { UInt64($0) }
            #expect(ids == ids.sorted())
            let links = try #require(thread["links"] as? [[String: Any]])
            #expect(links.count == tweets.count - 1)
            for link in links {
                let confidence = try #require(link["confidence"] as? Double)
                #expect((0...1).contains(confidence))
                #expect((link["reason"] as? String)?.isEmpty == false)
            }
            for key in ["author", "numbering", "missing_numbers", "confidence", "start", "end", "follow_ups"] {
                #expect(thread[key] != nil, "missing key \(key)")
            }
        }
        let stats = try #require(json["stats"] as? [String: Any])
        #expect(stats["count"] as? Int == threads.count)
        for key in [
            "length_histogram", "mean_length", "median_length", "p90_length", "max_length",
            "median_duration_seconds", "threads_per_month", "threaded_share",
        ] {
            #expect(stats[key] != nil, "missing stats key \(key)")
        }
    }

    @Test func kindSeparatesThreadsFromReplyChains() throws {
        let all = try CLIRunner.run(["threads", "--format", "json"]).json()
        let threads = try #require(all["threads"] as? [[String: Any]])
        let kinds = try #require((all["stats"] as? [String: Any])?["kinds"] as? [String: Int])
        #expect(kinds["thread", default: -1] + kinds["reply_chain", default: -1] == threads.count)
        #expect(kinds["thread", default: 0] > 0)
        for (flag, kind) in [("thread", "thread"), ("reply-chain", "reply_chain")] {
            let result = try CLIRunner.run(["threads", "--kind", flag, "--format", "json"])
            #expect(result.status == 0)
            let selected = try #require(try result.json()["threads"] as? [[String: Any]])
            #expect(selected.count == kinds[kind])
            #expect(selected.allSatisfy { $0["kind"] as? String == kind })
        }
        let csv = try CLIRunner.run(["threads", "--format", "csv"]).stdout
        #expect(csv.split(separator: "\n").first?.hasSuffix(",kind") == true)
        #expect(try CLIRunner.run(["threads", "--kind", "chain"]).status == 64)
    }

    @Test func noInferenceFindsNoThreadsWithoutReplyIDs() throws {
        // The sample is twint text: it has no reply ids, so explicit-only reconstruction finds nothing.
        let result = try CLIRunner.run(["threads", "--no-inference", "--format", "json"])
        #expect(result.status == 0)
        #expect((try result.json()["threads"] as? [Any])?.isEmpty == true)
    }

    @Test func csvHasOneRowPerThread() throws {
        let json = try CLIRunner.run(["threads", "--format", "json"]).json()
        let count = (json["threads"] as? [Any])?.count ?? -1
        let csv = try CLIRunner.run(["threads", "--format", "csv"])
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first?.hasPrefix("root,author,length,") == true)
        #expect(rows.count == count + 1)
    }

    @Test func rejectsBadOptionsAsUsageErrors() throws {
        #expect(try CLIRunner.run(["threads", "--min-confidence", "2"]).status == 64)
        #expect(try CLIRunner.run(["threads", "--max-gap", "-5"]).status == 64)
    }
}
