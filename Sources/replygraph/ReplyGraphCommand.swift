import ArgumentParser

@main
struct ReplyGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replygraph")
}
