/// The report's style sheet and its one script, inline in every page (no file to fetch, so pages open from disk
/// one by one). Both are `StaticString`s: nothing from an archive can reach them.
enum ReportStyle {
    /// Narrow-window friendly: one column, charts scale to the width, wide tables scroll inside their box.
    static let css = HTML.trusted(
        """
        :root { --ink: #1d2733; --muted: #5b6673; --line: #d8dee4; --accent: #0072B2; --promo: #E69F00; }
        * { box-sizing: border-box; }
        body { font: 16px/1.5 -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink);
               background: #f6f8fa; margin: 0; }
        header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
        header { padding-top: 1rem; }
        header nav a { margin-right: 1rem; }
        header nav a.current { font-weight: bold; text-decoration: none; color: var(--ink); }
        h1 { font-size: 1.6rem; margin: .4rem 0 1rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
        a { color: var(--accent); }
        footer { color: var(--muted); font-size: .85rem; padding: 2rem 1rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
        dt { color: var(--muted); }
        dd { margin: 0; overflow-wrap: anywhere; }
        @media (max-width: 34rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: .4rem; } }
        figure { margin: 0 0 1.5rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem; }
        figure h3 { margin-top: 0; }
        figcaption h3 { color: var(--ink); }
        figcaption p { margin: 0 0 .4rem; }
        svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
        figcaption, .caption { color: var(--muted); font-size: .9rem; }
        svg text { font: 11px sans-serif; fill: var(--ink); }
        svg text.axis-label { font-size: 12px; fill: var(--muted); }
        svg text.weak { fill: #D55E00; }
        svg .grid { stroke: #e6e9ed; stroke-width: 1; }
        svg .axis { stroke: var(--ink); stroke-width: 1; }
        svg .reference { stroke: var(--ink); stroke-dasharray: 4 3; }
        svg .whisker { stroke: var(--ink); stroke-width: 2; }
        svg .estimate { fill: #fff; stroke: var(--ink); stroke-width: 1.5; }
        svg .estimate.significant { fill: var(--ink); }
        svg .box { stroke: #8896a4; }
        svg .connector { stroke: #8896a4; stroke-width: 1.5; }
        details { margin-top: .4rem; }
        table { border-collapse: collapse; font-size: .9rem; }
        th, td { padding: .2rem .5rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .scroll, details { overflow-x: auto; max-width: 100%; }
        table.index { width: 100%; background: #fff; }
        table.index td:last-child { overflow-wrap: anywhere; }
        th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; color: var(--accent); }
        th[aria-sort=ascending] button::after { content: " ▲"; }
        th[aria-sort=descending] button::after { content: " ▼"; }
        .filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: 1rem 0; }
        .filters input[type=number] { width: 5em; }
        .note { background: #fff8e6; border-left: 4px solid var(--promo); padding: .4rem .8rem; }
        ol.parts, ul.parts { list-style: none; padding: 0; }
        li.part, li.missing { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem;
                              margin: 0 0 .8rem; }
        li.promotion { border-left: 6px solid var(--promo); }
        li.missing { border-style: dashed; color: var(--muted); font-style: italic; }
        li.follow-up { border-left: 6px solid #56B4E9; }
        .meta { margin: 0; color: var(--muted); font-size: .9rem; }
        .link { margin: .2rem 0; font-size: .85rem; color: var(--muted); }
        .link.weak { color: #B54600; }
        p.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: .4rem 0; unicode-bidi: isolate; }
        mark { background: #FBE3B3; }
        .evidence { font-size: .9rem; margin: .2rem 0 0; overflow-wrap: anywhere; }
        section.diagram svg { max-width: 420px; }
        """)

    /// Sorting and filtering of the thread index. It reveals the filter form (hidden without scripts) and turns
    /// column headings into sort buttons; the table itself is plain HTML.
    static let indexScript = HTML.trusted(
        """
        (function () {
          var table = document.getElementById('thread-index');
          var form = document.getElementById('filters');
          if (!table || !form) { return; }
          form.hidden = false;
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var count = document.getElementById('f-count');
          function field(id) { return document.getElementById(id); }
          function apply() {
            var text = field('f-text').value.toLowerCase();
            var kind = field('f-kind').value;
            var length = parseInt(field('f-length').value, 10) || 0;
            var confidence = parseFloat(field('f-confidence').value) || 0;
            var promotion = field('f-promotion').checked;
            var shown = 0;
            rows.forEach(function (row) {
              var d = row.dataset;
              var ok = (!text || d.text.indexOf(text) >= 0) && (!kind || d.kind === kind) &&
                Number(d.length) >= length && Number(d.confidence) >= confidence &&
                (!promotion || d.promotion === '1');
              row.hidden = !ok;
              if (ok) { shown += 1; }
            });
            count.textContent = shown + ' of ' + rows.length + ' shown';
          }
          form.addEventListener('input', apply);
          form.addEventListener('change', apply);
          form.addEventListener('submit', function (event) { event.preventDefault(); });
          var headers = table.tHead.rows[0].cells;
          Array.prototype.forEach.call(headers, function (th) {
            var key = th.getAttribute('data-sort');
            var button = document.createElement('button');
            button.type = 'button';
            button.textContent = th.textContent;
            th.textContent = '';
            th.appendChild(button);
            button.addEventListener('click', function () {
              var descending = th.getAttribute('aria-sort') === 'ascending';
              Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
              th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
              var numeric = key !== 'kind' && key !== 'text';
              rows.sort(function (a, b) {
                var x = a.dataset[key], y = b.dataset[key];
                var c = numeric ? Number(x) - Number(y) : (x < y ? -1 : (x > y ? 1 : 0));
                return descending ? -c : c;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
          apply();
        })();
        """)
}
