extension PromotionReport {
    /// The tweets a report reads (retweets left out) with their decisions: tweet `i` is promotional when
    /// `decisionOf[i] >= 0`, and its decision is then `decisions[decisionOf[i]]`.
    struct Classified: Sendable {
        let tweets: [Tweet]
        /// The promotional decisions, in tweet order.
        let decisions: [PromotionDecision]
        let decisionOf: [Int32]

        /// The decision of tweet `i` if it is promotional.
        func promotion(at i: Int) -> PromotionDecision? {
            let k = Int(decisionOf[i])
            return k >= 0 ? decisions[k] : nil
        }
    }

    /// The tweets and promotions of one local calendar day.
    private struct Day {
        /// Days since 1970-01-01 in the report's zone.
        var number: Int
        var tweets = 0
        var promotions = 0
        var byCategory: [String: Int] = [:]
    }

    /// The schedule and the months, from one pass over the tweets: each tweet's local day and time are worked out
    /// once, tweets and promotions are counted per day, and weeks and months add up their days.
    ///
    /// - Complexity: O(n) for n tweets (one table lookup per run of tweets on the same day), plus O(d log d) for
    ///   d days and the slot search over the posts.
    static func calendar(_ classified: Classified, options: Options) -> (schedule: Schedule, byMonth: [Period]) {
        var all = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
        var promo = all
        var days: [Day] = []
        var dayIndex: [Int: Int] = [:]
        var posts: [(minute: Int, day: Int, promotional: Bool)] = []
        let offset = options.timeZone.offsets()
        var lastDay = Int.min
        var current = -1
        for (i, tweet) in classified.tweets.enumerated() {
            let instant = tweet.createdAt
            let (day, msOfDay) = instant.dayAndTime(utcOffsetSeconds: offset(instant))
            if day != lastDay {
                lastDay = day
                if let k = dayIndex[day] {
                    current = k
                } else {
                    current = days.count
                    dayIndex[day] = current
                    days.append(Day(number: day))
                }
            }
            let weekday = Timestamp.weekday(ofDay: day)
            let hour = msOfDay / 3_600_000
            all[weekday][hour] += 1
            days[current].tweets += 1
            let decision = classified.promotion(at: i)
            if let decision {
                promo[weekday][hour] += 1
                days[current].promotions += 1
                for category in decision.categories { days[current].byCategory[category.rawValue, default: 0] += 1 }
            }
            if !tweet.isReply || decision != nil { posts.append((msOfDay / 60_000, current, decision != nil)) }
        }
        let dates = days.map { day in
            let c = Timestamp(milliseconds: Int64(day.number) * 86_400_000).components()
            return (c.year, c.month, c.day)
        }
        func periods(_ key: (_ year: Int, _ month: Int, _ day: Int) -> String) -> [Period] {
            var byKey: [String: Period] = [:]
            for (day, date) in zip(days, dates) {
                let k = key(date.0, date.1, date.2)
                var period = byKey[k] ?? Period(period: k, tweets: 0, promotions: 0, rate: 0, byCategory: [:])
                period.tweets += day.tweets
                period.promotions += day.promotions
                period.byCategory.merge(day.byCategory, uniquingKeysWith: +)
                byKey[k] = period
            }
            return byKey.keys.sorted().map { k in
                var p = byKey[k]!
                p.rate = Double(p.promotions) / Double(p.tweets)
                return p
            }
        }
        let schedule = Schedule(
            timeZone: options.timeZone.description, byWeek: periods(isoWeek), heatmapAll: all,
            heatmapPromotions: promo, postingDays: days.count,
            slots: slots(posts, days: days.count, options: options))
        let byMonth = periods { year, month, _ in "\(year)-" + (month < 10 ? "0" : "") + "\(month)" }
        return (schedule, byMonth)
    }

    /// Regular posting times: repeatedly the busiest circular window of ±radius minutes (by distinct days), which is
    /// then removed. `posts` gives each post's minute of the day and the number of its day, below `days`.
    private static func slots(
        _ posts: [(minute: Int, day: Int, promotional: Bool)], days: Int, options: Options
    ) -> [Slot] {
        var remaining = posts
        var slots: [Slot] = []
        let r = min(300, max(0, options.slotRadiusMinutes))
        while !remaining.isEmpty && slots.count < 12 {
            var perMinute = [[Int]](repeating: [], count: 1440)
            for p in remaining { perMinute[p.minute].append(p.day) }
            // Sliding circular window: per-day counts and the number of distinct days inside.
            var inWindow = [Int](repeating: 0, count: days)
            var distinct = 0
            func add(_ minute: Int, _ delta: Int) {
                for d in perMinute[(minute + 1440) % 1440] {
                    if delta > 0 {
                        if inWindow[d] == 0 { distinct += 1 }
                        inWindow[d] += 1
                    } else {
                        inWindow[d] -= 1
                        if inWindow[d] == 0 { distinct -= 1 }
                    }
                }
            }
            for off in -r...r { add(off, 1) }
            var bestCentre = 0
            var bestDays = distinct
            for centre in 1..<1440 {
                add(centre - r - 1, -1)
                add(centre + r, 1)
                if distinct > bestDays {
                    bestDays = distinct
                    bestCentre = centre
                }
            }
            guard days > 0, Double(bestDays) / Double(days) >= options.minimumSlotShare, bestDays >= 3 else {
                break
            }
            let inside = { (m: Int) in min(abs(m - bestCentre), 1440 - abs(m - bestCentre)) <= r }
            let members = remaining.filter { inside($0.minute) }
            remaining.removeAll { inside($0.minute) }
            // Centre at the circular median of the members' minutes, relative to the window centre.
            let offsets = members.map { m -> Int in
                var d = m.minute - bestCentre
                if d > 720 { d -= 1440 } else if d < -720 { d += 1440 }
                return d
            }.sorted()
            let centre = (bestCentre + offsets[offsets.count / 2] + 1440) % 1440
            let hh = centre / 60
            let mm = centre % 60
            slots.append(
                Slot(
                    time: (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm)",
                    minuteOfDay: centre, tweets: members.count, days: bestDays,
                    shareOfDays: Double(bestDays) / Double(days),
                    promotions: members.filter(\.promotional).count))
        }
        return slots
    }
}
