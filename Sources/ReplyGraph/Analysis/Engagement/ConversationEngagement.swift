import Foundation

/// Engagement read from the conversation itself, so it needs no counts: how much an account replies, to how many
/// people, whether they answer back, in which bursts, and whom it engages most per quarter.
///
///     let c = ConversationEngagement(tweets: archive.tweets, account: Handle("alexxubyte"))
///     c.replyShare           // share of the account's tweets that reply to someone else
///     c.byQuarter.first      // ("2021-Q1", top users)
package struct ConversationEngagement: Hashable, Sendable, Encodable {
    package struct User: Hashable, Sendable, Encodable {
        package var user: String
        /// The account's replies to this user.
        package var repliesTo: Int
        /// The account's tweets mentioning this user (outside the reply run).
        package var mentionsOf: Int
        /// This user's tweets in the archive replying to the account.
        package var repliesFrom: Int
        /// This user's tweets in the archive mentioning the account.
        package var mentionsFrom: Int
        package var reciprocated: Bool { repliesFrom + mentionsFrom > 0 }

        enum CodingKeys: String, CodingKey {
            case user
            case repliesTo = "replies_to"
            case mentionsOf = "mentions_of"
            case repliesFrom = "replies_from"
            case
                mentionsFrom = "mentions_from"
            case reciprocated
        }
        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(user, forKey: .user)
            try c.encode(repliesTo, forKey: .repliesTo)
            try c.encode(mentionsOf, forKey: .mentionsOf)
            try c.encode(repliesFrom, forKey: .repliesFrom)
            try c.encode(mentionsFrom, forKey: .mentionsFrom)
            try c.encode(reciprocated, forKey: .reciprocated)
        }
    }

    /// A run of the account's replies each within `burstGap` of the previous one.
    package struct Burst: Hashable, Sendable, Encodable {
        package var start: String
        package var end: String
        package var replies: Int
        package var users: Int
    }

    package struct Quarter: Hashable, Sendable, Encodable {
        package var quarter: String
        package var replies: Int
        package var users: [QuarterUser]
    }

    package struct QuarterUser: Hashable, Sendable, Encodable {
        package var user: String
        package var interactions: Int
    }

    package var account: String?
    package var tweets: Int
    package var replies: Int
    /// replies / tweets (0 when there are no tweets).
    package var replyShare: Double
    package var distinctUsersEngaged: Int
    /// Whether the archive holds tweets by other people at all (reciprocity is only observable then).
    package var inboundObservable: Bool
    package var reciprocatedUsers: Int
    /// reciprocatedUsers / distinctUsersEngaged, `nil` when not observable or nobody was engaged.
    package var reciprocityShare: Double?
    package var topUsers: [User]
    package var burstGapSeconds: Double
    /// Bursts of two or more replies.
    package var burstCount: Int
    package var longestBurst: Int
    /// Share of replies that are part of a burst.
    package var repliesInBursts: Double
    package var topBursts: [Burst]
    package var byQuarter: [Quarter]
    package var notes: [String]

    enum CodingKeys: String, CodingKey {
        case account, tweets, replies
        case replyShare = "reply_share"
        case distinctUsersEngaged = "distinct_users_engaged"
        case
            inboundObservable = "inbound_observable"
        case reciprocatedUsers = "reciprocated_users"
        case
            reciprocityShare = "reciprocity_share"
        case topUsers = "top_users"
        case burstGapSeconds = "burst_gap_seconds"
        case
            burstCount = "burst_count"
        case longestBurst = "longest_burst"
        case repliesInBursts = "replies_in_bursts"
        case
            topBursts = "top_bursts"
        case byQuarter = "by_quarter"
        case notes
    }

    /// The most frequent author (ties broken by handle), or `nil` for no tweets.
    static func mainAuthor(of tweets: [Tweet]) -> Handle? {
        var counts: [Handle: Int] = [:]
        for t in tweets { counts[t.author, default: 0] += 1 }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }

    /// - Complexity: O(n log n) for n tweets.
    package init(tweets: [Tweet], account: Handle?, options: EngagementReport.Options = .init()) {
        let account = account ?? Self.mainAuthor(of: tweets)
        self.account = account?.display
        burstGapSeconds = options.burstGap
        notes = []
        let own = tweets.filter { $0.author == account && !$0.isRetweet }.sorted { $0.createdAt < $1.createdAt }
        self.tweets = own.count
        var users: [Handle: User] = [:]
        var replyTimes: [(Timestamp, [Handle])] = []
        for t in own {
            let targets = t.replyHandles.filter { $0 != account }
            if !targets.isEmpty {
                replyTimes.append((t.createdAt, targets))
                for h in targets {
                    users[
                        h, default: User(user: h.display, repliesTo: 0, mentionsOf: 0, repliesFrom: 0, mentionsFrom: 0)
                    ].repliesTo += 1
                }
            }
            for h in t.mentionedHandles where h != account {
                users[h, default: User(user: h.display, repliesTo: 0, mentionsOf: 0, repliesFrom: 0, mentionsFrom: 0)]
                    .mentionsOf += 1
            }
        }
        replies = replyTimes.count
        replyShare = own.isEmpty ? 0 : Double(replies) / Double(own.count)
        distinctUsersEngaged = users.count
        let others = tweets.filter { $0.author != account && !$0.isRetweet }
        inboundObservable = !others.isEmpty
        if let account {
            for t in others where users[t.author] != nil {
                if t.replyHandles.contains(account) { users[t.author]!.repliesFrom += 1 }
                if t.mentionedHandles.contains(account) { users[t.author]!.mentionsFrom += 1 }
            }
        }
        reciprocatedUsers = users.values.filter(\.reciprocated).count
        reciprocityShare = inboundObservable && !users.isEmpty ? Double(reciprocatedUsers) / Double(users.count) : nil
        if !inboundObservable {
            notes.append("the archive holds only the account's own tweets: reciprocity is not observable")
        }
        topUsers = users.values.sorted {
            let a = $0.repliesTo + $0.mentionsOf
            let b = $1.repliesTo + $1.mentionsOf
            return a != b ? a > b : Handle($0.user) < Handle($1.user)
        }.prefix(10).map { $0 }

        // Bursts.
        var bursts: [Burst] = []
        var inBursts = 0
        var longest = replyTimes.isEmpty ? 0 : 1
        var i = 0
        while i < replyTimes.count {
            var j = i
            while j + 1 < replyTimes.count,
                Double(replyTimes[j + 1].0.milliseconds - replyTimes[j].0.milliseconds) / 1000 <= options.burstGap
            {
                j += 1
            }
            let size = j - i + 1
            longest = max(longest, size)
            if size >= 2 {
                inBursts += size
                let people = Set(replyTimes[i...j].flatMap(\.1)).count
                bursts.append(
                    Burst(
                        start: replyTimes[i].0.iso8601, end: replyTimes[j].0.iso8601, replies: size,
                        users: people))
            }
            i = j + 1
        }
        burstCount = bursts.count
        longestBurst = longest
        repliesInBursts = replies == 0 ? 0 : Double(inBursts) / Double(replies)
        topBursts = bursts.sorted { $0.replies != $1.replies ? $0.replies > $1.replies : $0.start < $1.start }
            .prefix(5).map { $0 }

        // Most engaged users per quarter (replies + mentions by the account).
        var quarters: [String: (replies: Int, users: [Handle: Int])] = [:]
        for t in own {
            let c = t.createdAt.components(utcOffsetSeconds: options.utcOffsetSeconds)
            let key = "\(c.year)-Q\((c.month - 1) / 3 + 1)"
            let targets = t.replyHandles.filter { $0 != account }
            var entry = quarters[key] ?? (0, [:])
            if !targets.isEmpty { entry.replies += 1 }
            for h in Set(targets + t.mentionedHandles) where h != account { entry.users[h, default: 0] += 1 }
            quarters[key] = entry
        }
        byQuarter = quarters.keys.sorted().map { key in
            let entry = quarters[key]!
            let top = entry.users.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(options.topUsersPerQuarter).map { QuarterUser(user: $0.key.display, interactions: $0.value) }
            return Quarter(quarter: key, replies: entry.replies, users: top)
        }
    }

    package var summary: String {
        var s =
            "Conversation (\(account ?? "nobody")): \(replies) of \(tweets) tweets are replies "
            + String(format: "(%.0f%%)", replyShare * 100) + ", \(distinctUsersEngaged) users engaged"
        if let r = reciprocityShare { s += String(format: ", %.0f%% reciprocated", r * 100) }
        s += "; \(burstCount) reply bursts (longest \(longestBurst))"
        return ([s] + notes.map { "  note: \($0)" }).joined(separator: "\n")
    }
}
