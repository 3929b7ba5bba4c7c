/// A piece of an HTML5 page (inline SVG included), built from typed parts so that escaping is by construction:
/// element and attribute names are constants of this module, every text and attribute value goes through
/// ``Escaping/html(_:)`` when the page is written, and URLs are ``HTMLLink`` values that can only be relative paths
/// (percent-encoded), fragments or `http(s)` addresses. The only markup written as it is comes from
/// `StaticString`s in the source (the report's style sheet and script), never from data.
///
///     let page = HTML.element(.p, [.class("note")], [.text("<b>hi</b>")])
///     page.rendered   // "<p class=\"note\">&lt;b&gt;hi&lt;/b&gt;</p>"
///
/// Chose a small builder of our own over Plot or swift-mustache: the report needs inline SVG (which Plot's DSL
/// does not model) and byte-stable output; a template engine would let a template forget to escape (`{{{ }}}`).
package struct HTML: Sendable {
    enum Node: Sendable {
        case element(HTMLTag, [HTMLAttribute], [HTML])
        case text(String)
        case trusted(StaticString)
        case fragment([HTML])
    }

    let node: Node

    /// An element with attributes and children; a void element (`br`, `img`, `meta`, …) must have no children.
    package static func element(_ tag: HTMLTag, _ attributes: [HTMLAttribute] = [], _ children: [HTML] = []) -> HTML {
        precondition(!tag.isVoid || children.isEmpty, "<\(tag.name)> cannot have children")
        return HTML(node: .element(tag, attributes, children))
    }

    /// Text, escaped when written.
    package static func text(_ text: String) -> HTML { HTML(node: .text(text)) }

    /// Markup from the program's own source (a style sheet, a script): written as it is. Data cannot reach it.
    package static func trusted(_ markup: StaticString) -> HTML { HTML(node: .trusted(markup)) }

    /// Several nodes side by side.
    package static func fragment(_ children: [HTML]) -> HTML { HTML(node: .fragment(children)) }

    package static var empty: HTML { HTML(node: .fragment([])) }

    /// The markup.
    ///
    /// - Complexity: O(size of the output).
    package var rendered: String {
        var out = ""
        write(into: &out)
        return out
    }

    /// A whole document: the doctype and this node (an `html` element).
    package var document: String {
        var out = "<!DOCTYPE html>\n"
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch node {
        case .text(let text): Escaping.html(text, into: &out)
        case .trusted(let markup): out += markup.description
        case .fragment(let children): for child in children { child.write(into: &out) }
        case .element(let tag, let attributes, let children):
            out += "<"
            out += tag.name
            for attribute in attributes {
                out += " "
                out += attribute.name.name
                out += "=\""
                Escaping.html(attribute.value, into: &out)
                out += "\""
            }
            out += ">"
            if tag.isVoid { return }
            if tag.breaksLine { out += "\n" }
            for child in children { child.write(into: &out) }
            out += "</"
            out += tag.name
            out += ">"
            if tag.breaksLine { out += "\n" }
        }
    }
}

/// An element name. Only the constants below exist, so no name comes from data.
package struct HTMLTag: Sendable, Hashable {
    let name: String
    let isVoid: Bool
    /// Written with line breaks around its content, to keep the page source readable (block elements only).
    let breaksLine: Bool

    private init(_ name: String, void: Bool = false, block: Bool = false) {
        self.name = name
        self.isVoid = void
        self.breaksLine = block
    }

    package static let html = HTMLTag("html", block: true), head = HTMLTag("head", block: true)
    package static let body = HTMLTag("body", block: true), title = HTMLTag("title")
    package static let meta = HTMLTag("meta", void: true), link = HTMLTag("link", void: true)
    package static let style = HTMLTag("style", block: true), script = HTMLTag("script", block: true)
    package static let header = HTMLTag("header", block: true), main = HTMLTag("main", block: true)
    package static let footer = HTMLTag("footer", block: true), nav = HTMLTag("nav", block: true)
    package static let section = HTMLTag("section", block: true), article = HTMLTag("article", block: true)
    package static let h1 = HTMLTag("h1"), h2 = HTMLTag("h2"), h3 = HTMLTag("h3")
    package static let p = HTMLTag("p"), div = HTMLTag("div"), span = HTMLTag("span"), bdi = HTMLTag("bdi")
    package static let a = HTMLTag("a"), strong = HTMLTag("strong"), em = HTMLTag("em"), mark = HTMLTag("mark")
    package static let code = HTMLTag("code"), small = HTMLTag("small"), time = HTMLTag("time")
    package static let br = HTMLTag("br", void: true), img = HTMLTag("img", void: true)
    package static let ul = HTMLTag("ul", block: true), ol = HTMLTag("ol", block: true), li = HTMLTag("li")
    package static let dl = HTMLTag("dl", block: true), dt = HTMLTag("dt"), dd = HTMLTag("dd")
    package static let table = HTMLTag("table", block: true), caption = HTMLTag("caption")
    package static let thead = HTMLTag("thead", block: true), tbody = HTMLTag("tbody", block: true)
    package static let tr = HTMLTag("tr"), th = HTMLTag("th"), td = HTMLTag("td")
    package static let figure = HTMLTag("figure", block: true), figcaption = HTMLTag("figcaption")
    package static let details = HTMLTag("details", block: true), summary = HTMLTag("summary")
    package static let form = HTMLTag("form", block: true), label = HTMLTag("label")
    package static let input = HTMLTag("input", void: true), select = HTMLTag("select"), option = HTMLTag("option")
    package static let button = HTMLTag("button")
    // SVG, written inline.
    package static let svg = HTMLTag("svg", block: true), g = HTMLTag("g"), desc = HTMLTag("desc")
    package static let rect = HTMLTag("rect"), line = HTMLTag("line"), circle = HTMLTag("circle")
    package static let path = HTMLTag("path"), svgText = HTMLTag("text"), polyline = HTMLTag("polyline")
}

/// An attribute: a name from the constants of ``HTMLAttribute/Name`` and a value escaped when written.
package struct HTMLAttribute: Sendable {
    package struct Name: Sendable, Hashable {
        let name: String
        /// `href` and `src`: their values are ``HTMLLink``s.
        let isURL: Bool

        private init(_ name: String, url: Bool = false) {
            self.name = name
            self.isURL = url
        }

        package static let id = Name("id"), `class` = Name("class"), lang = Name("lang"), dir = Name("dir")
        package static let charset = Name("charset"), name = Name("name"), content = Name("content")
        package static let href = Name("href", url: true), src = Name("src", url: true), alt = Name("alt")
        package static let rel = Name("rel"), title = Name("title"), role = Name("role")
        package static let ariaLabel = Name("aria-label"), ariaLabelledBy = Name("aria-labelledby")
        package static let hidden = Name("hidden"), type = Name("type"), value = Name("value")
        package static let `for` = Name("for"), min = Name("min"), max = Name("max"), step = Name("step")
        package static let datetime = Name("datetime"), scope = Name("scope"), open = Name("open")
        package static let loading = Name("loading"), colspan = Name("colspan")
        // The thread index's filters read these.
        package static let dataLength = Name("data-length"), dataStart = Name("data-start")
        package static let dataKind = Name("data-kind"), dataPromotion = Name("data-promotion")
        package static let dataConfidence = Name("data-confidence"), dataText = Name("data-text")
        package static let dataSort = Name("data-sort")
        // SVG presentation and geometry.
        package static let viewBox = Name("viewBox"), width = Name("width"), height = Name("height")
        package static let x = Name("x"), y = Name("y"), x1 = Name("x1"), y1 = Name("y1"), x2 = Name("x2")
        package static let y2 = Name("y2"), cx = Name("cx"), cy = Name("cy"), r = Name("r"), rx = Name("rx")
        package static let d = Name("d"), points = Name("points"), fill = Name("fill"), stroke = Name("stroke")
        package static let strokeWidth = Name("stroke-width"), strokeDasharray = Name("stroke-dasharray")
        package static let textAnchor = Name("text-anchor"), fontSize = Name("font-size")
        package static let fontWeight = Name("font-weight"), transform = Name("transform")
        package static let dominantBaseline = Name("dominant-baseline"), fillOpacity = Name("fill-opacity")
    }

    let name: Name
    let value: String

    /// An attribute with a text value (escaped when written); `href` and `src` take an ``HTMLLink`` instead.
    package init(_ name: Name, _ value: String) {
        precondition(!name.isURL, "\(name.name) takes an HTMLLink")
        self.name = name
        self.value = value
    }

    /// A number attribute (SVG geometry), written with at most two decimals.
    package init(_ name: Name, _ value: Double) {
        self.init(name, Escaping.number(value, maxFractionDigits: 2))
    }

    package init(_ name: Name, _ value: Int) { self.init(name, String(value)) }

    private init(url name: Name, _ value: String) {
        self.name = name
        self.value = value
    }

    package static func `class`(_ value: String) -> HTMLAttribute { HTMLAttribute(.class, value) }
    package static func id(_ value: String) -> HTMLAttribute { HTMLAttribute(.id, value) }
    package static func href(_ link: HTMLLink) -> HTMLAttribute { HTMLAttribute(url: .href, link.value) }
    package static func src(_ link: HTMLLink) -> HTMLAttribute { HTMLAttribute(url: .src, link.value) }
}

/// A URL the report may link to: a relative path in the site, a fragment of the same page, or an `http(s)` address.
/// Nothing else (`javascript:`, `data:`, `file:`) can be made.
///
///     HTMLLink.relative(["threads", "1 2.html"]).value   // "threads/1%202.html"
///     HTMLLink.web("javascript:alert(1)")                 // nil
package struct HTMLLink: Sendable, Hashable {
    let value: String

    private init(value: String) { self.value = value }

    /// A path relative to the current page; `..` segments go up. Each segment is percent-encoded.
    package static func relative(_ segments: [String]) -> HTMLLink {
        HTMLLink(value: segments.map { $0 == ".." ? $0 : percentEncoded($0) }.joined(separator: "/"))
    }

    /// `#name` on the current page.
    package static func fragment(_ name: String) -> HTMLLink { HTMLLink(value: "#" + percentEncoded(name)) }

    /// An absolute `http` or `https` URL, or `nil` for any other scheme or a string with spaces or controls.
    package static func web(_ url: String) -> HTMLLink? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
            !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" || $0 == "\"" })
        else {
            return nil
        }
        return HTMLLink(value: url)
    }

    /// RFC 3986 unreserved characters stay; every other byte of the UTF-8 becomes `%XX`.
    static func percentEncoded(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
