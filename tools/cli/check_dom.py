#!/usr/bin/env python3
"""Asserts on the DOM that headless Chromium rendered (`--dump-dom`), for
`tools/cli/ci.sh`. Python 3 standard library only.

    python3 tools/cli/check_dom.py scorecard DOM.html
    python3 tools/cli/check_dom.py batch DOM.html TIED_ID_1 TIED_ID_2

scorecard: the table has the original's 7 columns in order, one row per
item of the seed (13, each `data-item`), the indicator cells span their
items' rows (2, 9, 1, 1), the total row shows 100, 69.5 and the 30.5
deducted, and the rule the sample leaves unassessed (11f) is marked.
batch: a ranking table in which the two tied assessees share one rank,
shown as 并列 (or `=`), and the per-clause summary.
"""

import sys
from html.parser import HTMLParser

COLUMNS = ["序号", "督查指标", "量化分值", "绩效要求", "督查评分标准", "得分情况", "扣分原因"]


class Tables(HTMLParser):
    """Every table: its rows, each row a list of (tag, attrs, text) cells."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = []
        self.stack = []  # open tables
        self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.stack.append([])
        elif tag == "tr" and self.stack:
            self.stack[-1].append([])
        elif tag in ("td", "th") and self.stack and self.stack[-1]:
            self.cell = [tag, dict(attrs), ""]
            self.stack[-1][-1].append(self.cell)

    def handle_endtag(self, tag):
        if tag == "table" and self.stack:
            self.tables.append(self.stack.pop())
        elif tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2] += data


def text(cell):
    return " ".join(cell[2].split())


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def tables(path):
    parser = Tables()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    return parser.tables


def check_scorecard(path):
    found = [t for t in tables(path) if any([text(c) for c in row] == COLUMNS for row in t)]
    if not found:
        fail(f"{path}: no table with the header {' | '.join(COLUMNS)}")
    table = found[0]
    header_rows = [i for i, row in enumerate(table) if [text(c) for c in row] == COLUMNS]
    header = table[header_rows[0]]
    if any(c[0] != "th" for c in header):
        fail(f"{path}: the header cells are not <th>")
    body = table[header_rows[0] + 1:]
    total_rows = [row for row in body if row and text(row[0]).replace(" ", "") in ("合计", "总计")]
    if len(total_rows) != 1:
        fail(f"{path}: expected one total row (合计), found {len(total_rows)}")
    total = [text(c) for c in total_rows[0]]
    if "100" not in total or "69.5" not in total:
        fail(f"{path}: the total row does not show 100 and 69.5: {total}")
    items = [row for row in body if row is not total_rows[0]]
    if len(items) != 13:
        fail(f"{path}: expected 13 item rows, found {len(items)}")
    if "共扣30.5分" not in total:
        fail(f"{path}: the total row does not show the deduction 共扣30.5分: {total}")
    spans = []
    for row in items:
        # A row that starts an indicator has 7 cells; the rows it spans
        # have 6 (the indicator cell is merged).
        if len(row) == 7:
            spans.append(int(row[1][1].get("rowspan", "1")))
        elif len(row) != 6:
            fail(f"{path}: an item row with {len(row)} cells: {[text(c) for c in row]}")
    if spans != [2, 9, 1, 1]:
        fail(f"{path}: the indicator cells span {spans} rows, expected [2, 9, 1, 1]")
    names = [text(row[1]) for row in items if len(row) == 7]
    if not names[0].startswith("领导重视"):
        fail(f"{path}: the first indicator cell reads {names[0]!r}")
    serials = [text(row[0]) for row in items]
    if serials != ["1", "2", "3", "4", "5", "6", "7", "8", "9", "11", "11", "12", "13"]:
        fail(f"{path}: the serials read {serials}")
    with open(path, encoding="utf-8") as f:
        dom = f.read()
    if 'data-rule="11f"' not in dom or "not-assessed" not in dom:
        fail(f"{path}: the unassessed rule 11f is not marked")
    print(f"ok: {path}: 7 columns, 13 item rows, indicator spans {spans}, total 69.5")


def check_batch(path, tied):
    for table in tables(path):
        rows = [[text(c) for c in row] for row in table]
        header = next((r for r in rows if any(h in ("名次", "排名") for h in r)), None)
        if header is None:
            continue
        rank_col = next(i for i, h in enumerate(header) if h in ("名次", "排名"))
        ranks = {}
        for row in rows:
            for ident in tied:
                if ident in row and rank_col < len(row):
                    ranks[ident] = row[rank_col]
        if len(ranks) != len(tied):
            fail(f"{path}: the tied assessees {tied} are not all in the ranking table: {ranks}")
        values = set(v.rstrip("=＝").replace("并列", "").strip() for v in ranks.values())
        if len(values) != 1:
            fail(f"{path}: the tied assessees do not share a rank: {ranks}")
        if not all("并列" in v or v.endswith(("=", "＝")) for v in ranks.values()):
            fail(f"{path}: the tie is not shown: {ranks}")
        ranked = [r for r in rows if r is not header and rank_col < len(r) and r[rank_col][:1].isdigit()]
        clauses = [t for t in tables(path) if any("条款" in [text(c) for c in row] for row in t)]
        if not clauses or len(clauses[0]) < 2:
            fail(f"{path}: no per-clause summary (a table with a 条款 column)")
        print(f"ok: {path}: {len(ranked)} ranked rows, {' and '.join(tied)} share rank {values.pop()} (并列), "
              f"{len(clauses[0]) - 1} clauses summarized")
        return
    fail(f"{path}: no ranking table (a header with 名次 or 排名)")


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "scorecard":
        check_scorecard(path)
    elif kind == "batch":
        check_batch(path, sys.argv[3:])
    else:
        fail(f"unknown check {kind!r}")


if __name__ == "__main__":
    main()
