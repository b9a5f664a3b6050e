"""Chinese text goes in and comes out unchanged, whatever the input form and
whatever the locale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from decimal import Decimal
from typing import Any, Dict, List

import ducha

RUBRIC: Dict[str, Any] = {
    "id": "学校安全检查",
    "title": "某县中小学校园安全检查细则（试行）",
    "version": "2026年版",
    "total": "10",
    "indicators": [
        {
            "id": "安全",
            "name": "校园安全管理",
            "points": "10",
            "items": [
                {
                    "id": "一",
                    "serial": "一",
                    "points": "10",
                    "requirement": "建立门卫值守制度",
                    "standard": "未建立的扣3分；发现隐患未整改的，每处扣1分，扣完7分为止",
                    "rules": [
                        {
                            "id": "一a",
                            "label": "未建立门卫值守制度",
                            "text": "未建立的扣3分",
                            "trigger": {"kind": "flag"},
                            "penalty": {"kind": "flat", "points": "3"},
                        },
                        {
                            "id": "一b",
                            "label": "发现隐患未整改",
                            "text": "每处扣1分，扣完7分为止",
                            "unit": "处",
                            "trigger": {"kind": "count"},
                            "penalty": {"kind": "capped", "points": "1", "cap": "7"},
                        },
                    ],
                }
            ],
        }
    ],
}

INSPECTION: Dict[str, Any] = {
    "rubric": "学校安全检查",
    "facts": {
        "一a": {"note": "门卫室无值班记录"},
        "一b": [{"note": "东门消防通道堵塞"}, {"note": "实验楼灭火器过期"}],
    },
}

REASON_B = "发现隐患未整改：2处（东门消防通道堵塞；实验楼灭火器过期），扣2分"


def test_chinese_ids_names_and_notes_round_trip() -> None:
    engine = ducha.Engine(RUBRIC)
    assert (engine.rubric_id, engine.title) == ("学校安全检查", "某县中小学校园安全检查细则（试行）")
    card = engine.evaluate(INSPECTION)
    assert card.rubric == "学校安全检查" and card.score == Decimal("5")
    indicator = card.indicator("安全")
    assert indicator is not None and indicator.name == "校园安全管理"
    item = card.item("一")
    assert item is not None and item.serial == "一"
    rule = card.rule("一b")
    assert rule is not None and rule.reason == REASON_B
    a = card.rule("一a")
    assert a is not None and "门卫室无值班记录" in a.reason
    # The rubric's own text comes back unchanged.
    back = json.loads(engine.rubric_json())
    assert back["indicators"][0]["items"][0]["standard"] == RUBRIC["indicators"][0]["items"][0]["standard"]


def test_every_input_form_gives_the_same_text() -> None:
    text = json.dumps(INSPECTION, ensure_ascii=False)
    ascii_text = json.dumps(INSPECTION)  # \uXXXX escapes
    forms: List[Any] = [
        INSPECTION,
        text,
        ascii_text,
        text.encode("utf-8"),
        ascii_text.encode("ascii"),
        # A byte-order mark, as Windows tools write one.
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        "\ufeff" + text,
    ]
    rubrics: List[Any] = [RUBRIC, json.dumps(RUBRIC, ensure_ascii=False).encode("utf-8"), json.dumps(RUBRIC)]
    outputs = {ducha.Engine(r).evaluate_json(f) for r in rubrics for f in forms}
    assert len(outputs) == 1
    (out,) = outputs
    assert REASON_B in out, "non-ASCII is written as is, not escaped"
    assert out.encode("utf-8").decode("utf-8") == out


def test_under_the_c_locale() -> None:
    # A host started with LANG=C must neither garble nor refuse Chinese text.
    script = textwrap.dedent(
        """
        import ducha
        note = "\\u6821\\u5916\\u57f9\\u8bad\\u673a\\u6784"
        card = ducha.Engine.seed().evaluate({"facts": {"8a": [{"note": note}]}})
        print(ascii(card.rule("8a").reason))
        """
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING", "PYTHONUTF8"))
    }
    env.update(LANG="C", LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0")
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    expected = ducha.Engine.seed().evaluate({"facts": {"8a": [{"note": "校外培训机构"}]}}).rule("8a")
    assert expected is not None and "校外培训机构" in expected.reason
    assert run.stdout.strip() == ascii(expected.reason)


def test_errors_quote_chinese_as_is() -> None:
    engine = ducha.Engine(RUBRIC)
    try:
        engine.evaluate({"facts": {"二a": True}})
    except ducha.UnknownRuleError as e:
        assert (e.message, e.id) == ("unknown rule `二a`", "二a")
        assert e.to_json() == '{"error":{"code":"unknown-rule","message":"unknown rule `二a`","id":"二a"}}'
    else:
        raise AssertionError("an unknown rule was accepted")
