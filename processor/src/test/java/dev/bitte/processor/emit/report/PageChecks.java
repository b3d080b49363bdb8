package dev.bitte.processor.emit.report;

/** Scripts the browser tests run in the page (the page itself has none). */
final class PageChecks {
  private PageChecks() {}

  /**
   * Pairs of visible text elements whose boxes overlap by more than half a pixel both ways, found
   * with a grid of 64-pixel buckets so that thousands of labels take milliseconds, not n².
   * Returns {@code {count, overlaps: [...first 20...]}}.
   */
  static final String OVERLAPS = """
      (() => {
        const boxes = [];
        for (const e of document.querySelectorAll('svg text, h1, h2, h3, p, li, th, td, summary')) {
          // Chromium lays out a closed <details> (content-visibility: hidden): not visible, not checked
          if (!e.checkVisibility() || (e.closest('details:not([open])') && !e.closest('summary'))) continue;
          const r = e.getBoundingClientRect();
          if (r.width <= 0 || r.height <= 0) continue;
          boxes.push({l: r.left + scrollX, t: r.top + scrollY, r: r.right + scrollX, b: r.bottom + scrollY,
                      s: e.tagName + ' "' + e.textContent.slice(0, 60) + '"'});
        }
        const cell = 64, grid = new Map(), seen = new Set(), overlaps = [];
        let total = 0;
        boxes.forEach((a, i) => {
          for (let cx = Math.floor(a.l / cell); cx <= Math.floor(a.r / cell); cx++) {
            for (let cy = Math.floor(a.t / cell); cy <= Math.floor(a.b / cell); cy++) {
              const key = cx + ',' + cy;
              const list = grid.get(key) || [];
              for (const j of list) {
                const b = boxes[j];
                const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
                const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
                if (w > 0.5 && h > 0.5 && !seen.has(j + ':' + i)) {
                  seen.add(j + ':' + i);
                  total++;
                  if (overlaps.length < 20) overlaps.push(b.s + ' overlaps ' + a.s + ' by ' + w.toFixed(1) + 'x' + h.toFixed(1));
                }
              }
              list.push(i);
              grid.set(key, list);
            }
          }
        });
        return {count: boxes.length, total, overlaps};
      })()
      """;

  /** Opens every {@code <details>} (the job tables), so the next checks cover them too. */
  static final String OPEN_DETAILS = "document.querySelectorAll('details').forEach(d => d.open = true); document.querySelectorAll('details[open]').length";

  /** Text of a diagram box that sticks out of its frame, or of a bar row out of its SVG. */
  static final String OUTSIDE = """
      (() => {
        const out = [];
        const inside = (r, f) => r.left >= f.left - 0.5 && r.right <= f.right + 0.5 && r.top >= f.top - 0.5 && r.bottom <= f.bottom + 0.5;
        for (const t of document.querySelectorAll('g.box text')) {
          const frame = t.closest('g.box').querySelector('rect.frame');
          if (!inside(t.getBoundingClientRect(), frame.getBoundingClientRect())) out.push(t.textContent);
        }
        for (const t of document.querySelectorAll('svg text')) {
          if (!inside(t.getBoundingClientRect(), t.closest('svg').getBoundingClientRect())) out.push(t.textContent);
        }
        return out;
      })()
      """;

  /** Every job segment: group, resource, job, used, its rendered x and width, and its track's x. */
  static final String SEGMENTS = """
      Array.from(document.querySelectorAll('g.bar rect.seg')).map(r => {
        const bar = r.closest('g.bar');
        const track = bar.querySelector('rect.track').getBoundingClientRect();
        const box = r.getBoundingClientRect();
        return {group: bar.dataset.group, resource: bar.dataset.resource, job: r.dataset.job, used: Number(r.dataset.used),
                x: box.left - track.left, width: box.width, track: track.width};
      })
      """;

  /** Every marker: group, resource, which (min, desired, max) and its x from the track's left. */
  static final String MARKERS = """
      Array.from(document.querySelectorAll('g.bar line.marker')).map(m => {
        const bar = m.closest('g.bar');
        const track = bar.querySelector('rect.track').getBoundingClientRect();
        const box = m.getBoundingClientRect();
        return {group: bar.dataset.group, resource: bar.dataset.resource, which: m.dataset.marker,
                x: (box.left + box.right) / 2 - track.left};
      })
      """;

  static String dataList(String selector, String attribute) {
    return "Array.from(document.querySelectorAll('" + selector + "')).map(e => e.getAttribute('" + attribute + "'))";
  }
}
