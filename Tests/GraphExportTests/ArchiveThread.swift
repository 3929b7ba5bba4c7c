import ReplyGraph

/// ReplyGraph's `Thread`, by a name Foundation's `Thread` cannot shadow in files that import both.
typealias ArchiveThread = Thread
