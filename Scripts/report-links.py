#!/usr/bin/env python3
"""Static checks of a batch gallery and its archive reports, for Scripts/browser-check.sh.

  python3 Scripts/report-links.py GALLERY_DIR

Fails (exit 1) on a broken local link (href/src to a file that does not exist, or to a #fragment that no id on the
target page names) and on a blank chart (an <svg class="chart"> with no mark of positive size). Web links
(https://...) are not fetched. Prints one line per problem, then a summary.
"""
import os
import sys
import urllib.parse
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids, self.charts = [], set(), []
        self.in_chart = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for name in ("href", "src"):
            if a.get(name) is not None:
                self.links.append(a[name])
        if tag == "svg" and "chart" in (a.get("class") or "").split():
            self.charts.append({"id": a.get("aria-labelledby", "?"), "marks": 0})
            self.in_chart += 1
        elif self.in_chart and tag in ("rect", "circle", "line"):
            size = lambda k: float(a.get(k, "0") or 0)
            if tag == "rect" and size("width") > 0 and size("height") > 0:
                self.charts[-1]["marks"] += 1
            elif tag == "circle" and size("r") > 0:
                self.charts[-1]["marks"] += 1

    def handle_endtag(self, tag):
        if tag == "svg" and self.in_chart:
            self.in_chart -= 1


def parse(path, cache={}):
    if path not in cache:
        page = Page()
        with open(path, encoding="utf-8") as f:
            page.feed(f.read())
        cache[path] = page
    return cache[path]


def main(root):
    problems, pages, links, charts = [], 0, 0, 0
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            page = parse(path)
            pages += 1
            for chart in page.charts:
                charts += 1
                if chart["marks"] == 0:
                    problems.append(f"{path}: blank chart ({chart['id']})")
            for link in page.links:
                url = urllib.parse.urlsplit(link)
                if url.scheme in ("http", "https"):
                    continue
                if url.scheme:
                    problems.append(f"{path}: link with scheme {url.scheme}: {link}")
                    continue
                links += 1
                target = path if not url.path else os.path.normpath(
                    os.path.join(folder, urllib.parse.unquote(url.path)))
                if not os.path.isfile(target):
                    problems.append(f"{path}: broken link {link}")
                elif url.fragment and target.endswith(".html") and \
                        urllib.parse.unquote(url.fragment) not in parse(target).ids:
                    problems.append(f"{path}: no id for {link}")
    for p in problems:
        print("report-links: " + p)
    print(f"report-links: {pages} pages, {links} local links, {charts} charts, {len(problems)} problems")
    return 1 if problems or pages == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
