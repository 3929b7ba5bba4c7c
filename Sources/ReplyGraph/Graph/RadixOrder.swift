// Pair keys (`high << 32 | low`, two node indices) in ascending order, equal keys in their original order, in O(n):
// what Louvain's aggregation sorts community pairs by, without a comparison sort or a hash table.
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
package func stableRadixOrder(of keys: [UInt64], bits: Int) -> [Int32] {
    var order = (0..<Int32(keys.count)).map { $0 }
    var scratch = order
    let digitBits = 11
    let passesPerHalf = max(1, (bits + digitBits - 1) / digitBits)
    var shifts: [UInt64] = []
    for half in [0, 32] as [UInt64] {
        for p in 0..<passesPerHalf { shifts.append(half + UInt64(p * digitBits)) }
    }
    var counts = [Int](repeating: 0, count: 1 << digitBits)
    let mask = UInt64((1 << digitBits) - 1)
    for shift in shifts {
        for j in counts.indices { counts[j] = 0 }
        for key in keys { counts[Int((key >> shift) & mask)] += 1 }
        var sum = 0
        for j in counts.indices {
            let c = counts[j]
            counts[j] = sum
            sum += c
        }
        for i in order {
            let d = Int((keys[Int(i)] >> shift) & mask)
            scratch[counts[d]] = i
            counts[d] += 1
        }
        swap(&order, &scratch)
    }
    return order
}
