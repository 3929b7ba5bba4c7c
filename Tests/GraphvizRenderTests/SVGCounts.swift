import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What an SVG contains, read with Foundation's XML parser: node and edge groups, scripts, and link targets.
final class SVGCounts: NSObject, XMLParserDelegate {
    private(set) var nodes = 0
    private(set) var edges = 0
    private(set) var clusters = 0
    private(set) var elements: [String: Int] = [:]
    /// Every `href` / `xlink:href` value.
    private(set) var hrefs: [String] = []
    /// Every `<title>` text (Graphviz's node and edge names).
    private(set) var titles: [String] = []
    /// Attributes whose name starts with `on` (event handlers).
    private(set) var eventAttributes: [String] = []
    private(set) var parsed = false
    private var inTitle = false
    private var titleText = ""

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        parsed = parser.parse()
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements[name, default: 0] += 1
        if name == "g" {
            switch attributes["class"] {
            case "node": nodes += 1
            case "edge": edges += 1
            case "cluster": clusters += 1
            default: break
            }
        }
        if name == "title" {
            inTitle = true
            titleText = ""
        }
        for (key, value) in attributes {
            if key == "href" || key.hasSuffix(":href") { hrefs.append(value) }
            if key.lowercased().hasPrefix("on") { eventAttributes.append(key) }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { titleText += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" {
            inTitle = false
            titles.append(titleText)
        }
    }
}
