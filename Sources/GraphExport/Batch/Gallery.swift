import Foundation

/// The `index.html` of a batch run: one card per archive with its mention network as a thumbnail, its figures,
/// and links to every file written. Static HTML with relative links, so it opens from disk in a browser.
struct Gallery {
    struct Entry {
        var name: String
        var status: String // "ok" or the error
        var figures: [(String, String)]
        var thumbnail: String? // relative path of an SVG
        var links: [(String, String)] // (label, relative path)
        var threadDiagrams: [(String, String)] // (label, relative path)
        var report: String? = nil // relative path of the archive report's index.html
    }

    var title = "ReplyGraph gallery"
    var entries: [Entry]

    var html: String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
              body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em; color: #1d2733; background: #f6f8fa; }
              h1 { font-size: 22px; margin: 0 0 .2em; }
              .meta { color: #5b6673; margin-bottom: 1.5em; }
              .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 1.2em; }
              .card { background: #fff; border: 1px solid #d8dee4; border-radius: 8px; padding: 1em; }
              .card h2 { font-size: 17px; margin: 0 0 .5em; word-break: break-all; }
              .thumb { display: block; height: 240px; border: 1px solid #eaeef2; border-radius: 4px; background: #fff; overflow: hidden; }
              .thumb img { width: 100%; height: 100%; object-fit: contain; }
              table { border-collapse: collapse; margin: .6em 0; width: 100%; }
              td { padding: 1px 6px 1px 0; vertical-align: top; }
              td:first-child { color: #5b6673; white-space: nowrap; }
              .failed { color: #b42318; }
              details { margin-top: .4em; }
              .links a, details a { margin-right: .8em; display: inline-block; }
              .report { display: inline-block; margin: .3em 0 .6em; padding: .3em .8em; border-radius: 4px; background: #0072B2; color: #fff; text-decoration: none; font-weight: 600; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <div class="meta">\(entries.count) archive\(entries.count == 1 ? "" : "s") · made by replygraph batch</div>
            <div class="grid">

            """
        for entry in entries {
            out += "<section class=\"card\">\n<h2>\(escape(entry.name))</h2>\n"
            if entry.status != "ok" {
                out += "<p class=\"failed\">\(escape(entry.status))</p>\n"
            }
            if let thumbnail = entry.thumbnail {
                out +=
                    "<a class=\"thumb\" href=\"\(escape(thumbnail))\"><img src=\"\(escape(thumbnail))\" "
                    + "alt=\"mention network of \(escape(entry.name))\"></a>\n"
            }
            if let report = entry.report {
                out += "<a class=\"report\" href=\"\(escape(report))\">Open the report</a>\n"
            }
            if !entry.figures.isEmpty {
                out += "<table>\n"
                for (label, value) in entry.figures {
                    out += "<tr><td>\(escape(label))</td><td>\(escape(value))</td></tr>\n"
                }
                out += "</table>\n"
            }
            if !entry.links.isEmpty {
                out +=
                    "<div class=\"links\">"
                    + entry.links.map { "<a href=\"\(escape($0.1))\">\(escape($0.0))</a>" }.joined(separator: " ")
                    + "</div>\n"
            }
            if !entry.threadDiagrams.isEmpty {
                out +=
                    "<details><summary>\(entry.threadDiagrams.count) thread diagrams</summary>\n"
                    + entry.threadDiagrams.map { "<a href=\"\(escape($0.1))\">\(escape($0.0))</a>" }
                    .joined(separator: "\n")
                    + "\n</details>\n"
            }
            out += "</section>\n"
        }
        out += "</div>\n</body>\n</html>\n"
        return out
    }
}

/// Escapes tweet-derived text for HTML content and quoted attributes (the XML rules: `&<>"'` as entities,
/// characters XML forbids dropped, bidi controls made visible).
private func escape(_ text: String) -> String { Escaping.xml(text) }
