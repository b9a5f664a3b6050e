#!/usr/bin/env python3
"""Writes a batch of inspections of the seed rubric for `tools/cli/ci.sh`.

Deterministic (a fixed seed): the bundled sample plus 20 generated
inspections, two of which have the same facts (a tie), one with a value no
rule reads (an entry in error) and one that leaves rules unassessed. Writes
them both as a directory of files and as a JSON-lines file.

    python3 tools/cli/generate_batch.py SAMPLE.json OUT_DIR OUT.jsonl
"""

import json
import os
import random
import sys

NAMES = [
    "红塔区教育体育局", "江川区教育体育局", "澄江市教育体育局", "通海县教育体育局",
    "华宁县教育体育局", "易门县教育体育局", "峨山县教育体育局", "新平县教育体育局",
    "元江县教育体育局", "基础教育科", "职业与成人教育科", "体育科",
    "安全稳定科", "教师工作科", "民办教育科", "政策法规科",
    "财务科", "督导室", "办公室", "人事科",
]

FLAGS = ["2a", "2b", "4b", "4c", "11a", "11b", "11c", "13a"]
COUNTS = ["6a", "6b", "8a", "9a", "11d", "11f", "11g", "12b"]
# Date rules given in the hand-counted form (a count of breaches), which
# the seed's deadline and cadence rules accept.
HAND_COUNTED = ["1a", "3a", "4a", "5a", "7a", "11e", "13b"]


def inspection(rng):
    facts = {}
    for rule in FLAGS:
        facts[rule] = rng.random() < 0.2
    for rule in COUNTS + HAND_COUNTED:
        facts[rule] = rng.choice([0, 0, 0, 1, 1, 2, 3])
    facts["12a"] = rng.choice(["1", "1", "0.98", "0.95", "90%"])
    return {
        "rubric": "yuxi-shuangsuiji",
        "period": {"from": "2026-01-01", "to": "2026-12-31"},
        "facts": dict(sorted(facts.items())),
    }


def main():
    sample_path, out_dir, out_jsonl = sys.argv[1:4]
    with open(sample_path, encoding="utf-8") as f:
        sample = json.load(f)
    rng = random.Random(20260401)
    entries = [("00-sample", "玉溪市教育体育局机关（样例）", sample)]
    for i, name in enumerate(NAMES, start=1):
        entries.append((f"{i:02d}", name, inspection(rng)))
    # A tie: 08 has the facts of 07.
    entries[8] = ("08", entries[8][1], json.loads(json.dumps(entries[7][2])))
    # An entry in error: a ratio of 96 (meaning 96 %) is refused.
    entries[13][2]["facts"]["12a"] = 96
    # An incomplete inspection: two rules not assessed.
    del entries[17][2]["facts"]["2a"]
    del entries[17][2]["facts"]["2b"]
    os.makedirs(out_dir, exist_ok=True)
    with open(out_jsonl, "w", encoding="utf-8") as lines:
        for ident, name, body in entries:
            entry = {"id": ident, "name": name, "inspection": body}
            with open(os.path.join(out_dir, ident + ".json"), "w", encoding="utf-8") as f:
                json.dump({"name": name, "inspection": body}, f, ensure_ascii=False, indent=2)
                f.write("\n")
            lines.write(json.dumps(entry, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
