// Injected by scripts/test-browser.sh into a copy of an HTML report: measures the laid-out page and writes the
// figures as JSON into a pre element (id layout-measurements) that `chromium --dump-dom` then prints.
(function () {
  const viewport = document.documentElement.clientWidth;
  const figures = { viewport: viewport, window: window.innerWidth, pageWidth: document.documentElement.scrollWidth,
    tables: [], ipv6: [], scenarioCharts: [] };
  const round = (value) => Math.round(value * 10) / 10;
  for (const table of document.querySelectorAll("table[data-table]")) {
    const box = table.getBoundingClientRect();
    const wrap = table.closest(".table-wrap");
    const cells = [];
    for (const cell of table.querySelectorAll("th, td")) {
      const cellBox = cell.getBoundingClientRect();
      // A cell overflows when its content is wider than the cell or when the cell ends outside the viewport.
      let contentRight = cellBox.right;
      for (const child of cell.querySelectorAll("*")) contentRight = Math.max(contentRight, child.getBoundingClientRect().right);
      if (cell.scrollWidth > cell.clientWidth + 1 || contentRight > cellBox.right + 1 || cellBox.right > viewport + 0.5) {
        cells.push({ text: cell.textContent.slice(0, 40), right: round(cellBox.right), contentRight: round(contentRight) });
      }
    }
    figures.tables.push({ name: table.dataset.table, left: round(box.left), right: round(box.right),
      scrolls: wrap ? wrap.scrollWidth > wrap.clientWidth + 1 : false, overflowing: cells });
  }
  // Every IPv6 address in the text: how many line boxes its characters occupy.
  const ipv6 = /\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b/gi;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("svg, style, title")) continue;
    for (const match of node.data.matchAll(ipv6)) {
      if (!match[0].includes("::") && match[0].split(":").length !== 8) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      figures.ipv6.push({ address: match[0], lines: tops.size, element: node.parentElement.tagName.toLowerCase() });
    }
  }
  for (const panel of document.querySelectorAll("[data-scenario]")) {
    figures.scenarioCharts.push({ scenario: panel.dataset.scenario, charts: panel.querySelectorAll("svg[data-chart]").length });
  }
  const out = document.createElement("pre");
  out.id = "layout-measurements";
  out.textContent = JSON.stringify(figures);
  document.body.appendChild(out);
})();
