// Injected into a copy of the scorecard page by tools/cli/ci.sh: counts the
// dates, numbers and ids with a digit (3 to 24 characters of ASCII letters,
// digits and .-:%/_) in the scorecard table, and how many of them the
// browser laid out over more than one line. --dump-dom then carries the
// counts on <body data-runs data-split>.
(() => {
  const table = document.querySelector('table.ducha-card');
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  let runs = 0;
  let split = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/[0-9A-Za-z.\-:%/_]{3,24}/g)) {
      if (!/[0-9]/.test(m[0])) continue;
      runs += 1;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()]
        .filter((r) => r.width > 0)
        .map((r) => Math.round(r.top)));
      if (tops.size > 1) split.push(m[0]);
    }
  }
  document.body.dataset.runs = String(runs);
  document.body.dataset.split = String(split.length);
  document.body.dataset.splitRuns = split.join(' ');
})();
