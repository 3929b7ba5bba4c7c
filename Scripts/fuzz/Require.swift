// Shared by every fuzz target: a check that prints what broke before it aborts (libFuzzer then saves the input).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Aborts with `message` on stderr when `condition` is false; unlike `precondition`, the message survives `-O`.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    guard !condition() else { return }
    requireFailure(message())
}

func requireFailure(_ message: String) -> Never {
    fputs("broken promise: \(message)\n", stderr)
    abort()
}
