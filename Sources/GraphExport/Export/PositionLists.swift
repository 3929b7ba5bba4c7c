/// Lists of elements by position (a tweet's place in its archive), stored as one array of elements and one of
/// offsets: what a `[TweetID: [Element]]` holds, without hashing or an array per key.
///
///     let lists = PositionLists(count: 3, [(position: 2, element: "a"), (position: 0, element: "b"),
///                                          (position: 2, element: "c")])
///     lists[2]   // ["a", "c"]
///     lists[1]   // []
///
/// Elements keep the order they were given in within each position.
///
/// - Complexity: O(count + n) to build from n elements; O(1) to look up a position.
struct PositionLists<Element: Sendable>: Sendable {
    /// `starts[i]..<starts[i + 1]` are position `i`'s elements; empty when there are no elements at all.
    private var starts: [Int32]
    private var elements: [Element]

    /// The lists of `count` positions (`0..<count`) holding `pairs`, each at its position.
    ///
    /// - Precondition: every position is in `0..<count`.
    init(count: Int, _ pairs: [(position: Int, element: Element)]) {
        precondition(pairs.count < Int(Int32.max), "too many elements for 32-bit offsets")
        guard !pairs.isEmpty else {
            starts = []
            elements = []
            return
        }
        var starts = [Int32](repeating: 0, count: count + 1)
        for pair in pairs { starts[pair.position + 1] += 1 }
        for i in 0..<count { starts[i + 1] += starts[i] }
        var next = starts
        var slots = [Element?](repeating: nil, count: pairs.count)
        for pair in pairs {
            slots[Int(next[pair.position])] = pair.element
            next[pair.position] += 1
        }
        self.starts = starts
        elements = slots.map { $0! }
    }

    /// Position `i`'s elements, in the order given.
    subscript(i: Int) -> ArraySlice<Element> {
        starts.isEmpty ? [] : elements[Int(starts[i])..<Int(starts[i + 1])]
    }
}

extension PositionLists where Element: Equatable {
    /// The lists with each repeat of an element within a list removed (the first kept).
    ///
    /// - Complexity: O(n·k) for n elements and lists of at most k.
    func droppingRepeats() -> PositionLists {
        guard !starts.isEmpty else { return self }
        var result = self
        result.elements.removeAll(keepingCapacity: true)
        for i in 0..<(starts.count - 1) {
            let first = result.elements.count
            for element in self[i] where !result.elements[first...].contains(element) {
                result.elements.append(element)
            }
            result.starts[i + 1] = Int32(result.elements.count)
        }
        return result
    }
}
