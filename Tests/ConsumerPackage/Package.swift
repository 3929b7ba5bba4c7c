// swift-tools-version: 6.0
import PackageDescription

// A package that uses ReplyGraph the way any other package would: by path, through its two library products,
// with a plain `import` (no `@testable`), so only public API compiles here. Its one test is the README's library
// example. Run it with `swift test` in this folder (Scripts/test.sh does).
let package = Package(
    name: "ConsumerPackage",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "ReplyGraph", path: "../..")
    ],
    targets: [
        .testTarget(
            name: "LibraryExampleTests",
            dependencies: [
                .product(name: "ReplyGraph", package: "ReplyGraph"),
                .product(name: "GraphvizRender", package: "ReplyGraph"),
            ]
        )
    ]
)
