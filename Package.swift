// swift-tools-version: 6.2
import PackageDescription

// Modules and the one direction their dependencies point in:
//
//   TweetArchive  <-  ReplyGraph  <-  GraphExport  <-  replygraph (CLI)
//   CGraphviz     <-  GraphvizRender ------------------^
//
// The core (TweetArchive, ReplyGraph) imports neither the exporters nor C. GraphvizRender takes DOT text, not the
// model, and is the only module that imports the Graphviz system library.
let package = Package(
    name: "ReplyGraph",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ReplyGraph", targets: ["TweetArchive", "ReplyGraph", "GraphExport"]),
        .library(name: "GraphvizRender", targets: ["GraphvizRender"]),
        .executable(name: "replygraph", targets: ["replygraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Reads the archive as users receive it (a .zip) in process: pure Swift over the system zlib.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // Documentation only: `swift package generate-documentation` (Scripts/docs.sh). A plugin, so it adds
        // nothing to what a dependent package builds or links.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "TweetArchive",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Resources/alexxubyte.twint.txt")]
        ),
        .target(name: "ReplyGraph", dependencies: ["TweetArchive"]),
        .target(name: "GraphExport", dependencies: ["ReplyGraph"]),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        .target(name: "GraphvizRender", dependencies: ["CGraphviz"]),
        .executableTarget(
            name: "replygraph",
            dependencies: [
                "ReplyGraph", "GraphExport", "GraphvizRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "replygraph-bench", dependencies: ["ReplyGraph", "GraphExport", "GraphvizRender"]),
        .testTarget(
            name: "TweetArchiveTests",
            dependencies: ["TweetArchive", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ReplyGraphTests",
            dependencies: ["ReplyGraph"],
            resources: [.copy("Fixtures")]
        ),
        .target(
            name: "ReplyGraphTestSupport",
            dependencies: ["GraphExport"],
            path: "Tests/ReplyGraphTestSupport"
        ),
        .testTarget(
            name: "GraphExportTests",
            dependencies: ["GraphExport", "ReplyGraphTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "GraphvizRenderTests", dependencies: ["GraphvizRender", "GraphExport", "ReplyGraphTestSupport"]),
        .testTarget(name: "ReplyGraphCLITests", dependencies: ["ReplyGraph"]),
    ]
)
