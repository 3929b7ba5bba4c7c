// Pair keys (`high << 32 | low`, two node indices) in ascending order, equal keys in their original order, in O(n):
// what Louvain's aggregation and the user-graph projection sort pairs by, without a comparison sort or a hash table.
//
//     stableRadixOrder(of: [2 << 32 | 1, 1 << 32 | 5, 2 << 32 | 1, 0])   // [3, 1, 0, 2]

/// ``stableRadixOrder(of:bits:)`` over as many bits of each half as the largest half needs.
package func stableRadixOrder(of keys: [UInt64]) -> [Int32] {
    var largest: UInt64 = 0
    for key in keys { largest = max(largest, key >> 32, key & 0xFFFF_FFFF) }
    return stableRadixOrder(of: keys, bits: UInt64.bitWidth - largest.leadingZeroBitCount)
}

/// The positions of `keys` in ascending key order, equal keys in their original order: a least-significant-digit
/// radix sort, 11 bits a pass, over the `bits` significant bits of each 32-bit half.
///
/// The keys travel with their positions, so every pass reads both arrays in order instead of gathering each key
/// through its position; one read counts the digits of every pass, and a pass whose digit is the same for all keys
/// is skipped (it would not move anything).
package func stableRadixOrder(of keys: [UInt64], bits: Int) -> [Int32] {
    let n = keys.count
    let digitBits = 11
    let radix = 1 << digitBits
    let mask = UInt64(radix - 1)
    let passesPerHalf = max(1, (bits + digitBits - 1) / digitBits)
    var shifts: [UInt64] = []
    for half in [0, 32] as [UInt64] {
        for p in 0..<passesPerHalf { shifts.append(half + UInt64(p * digitBits)) }
    }
    // counts[pass * radix + digit]
    var counts = [Int](repeating: 0, count: shifts.count * radix)
    for key in keys {
        for (pass, shift) in shifts.enumerated() { counts[pass * radix + Int((key >> shift) & mask)] += 1 }
    }
    var order = [Int32](unsafeUninitializedCapacity: n) { buffer, count in
        for i in 0..<n { buffer[i] = Int32(i) }
        count = n
    }
    var sorted = keys
    var scratchOrder = order
    var scratchKeys = keys
    for (pass, shift) in shifts.enumerated() {
        let base = pass * radix
        if counts[base..<base + radix].contains(n) { continue }
        var next = [Int](repeating: 0, count: radix)
        var sum = 0
        for d in 0..<radix {
            next[d] = sum
            sum += counts[base + d]
        }
        for j in 0..<n {
            let key = sorted[j]
            let d = Int((key >> shift) & mask)
            let slot = next[d]
            scratchKeys[slot] = key
            scratchOrder[slot] = order[j]
            next[d] = slot + 1
        }
        swap(&order, &scratchOrder)
        swap(&sorted, &scratchKeys)
    }
    return order
}
