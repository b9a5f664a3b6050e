"""The typed results: what the scorecard says, in frozen dataclasses with
exact decimals; read back from JSON strictly, written back to the same text."""

from __future__ import annotations

import dataclasses
import json
import pathlib
import pickle
from decimal import Decimal
from typing import Any, Dict, List, Set, Union

import pytest

import ducha


def test_the_seed_sample(seed: ducha.Engine, sample_bytes: bytes) -> None:
    card = seed.evaluate(sample_bytes)
    assert (card.rubric, card.points, card.deducted, card.score) == (
        "yuxi-shuangsuiji",
        Decimal("100"),
        Decimal("30.5"),
        Decimal("69.5"),
    )
    assert [i.id for i in card.indicators] == ["G1", "G2", "G3", "G4"]
    r12b = card.rule("12b")
    assert r12b is not None
    assert (r12b.breaches, r12b.raw, r12b.deducted) == (7, Decimal("7"), Decimal("5"))
    assert r12b.limited_by == ducha.LimitedByNode(id="12", points=Decimal("10"))
    assert r12b.limited_by.kind == "node"
    assert (
        r12b.reason
        == "未常态化采集、推送监管数据，监管数据未100%覆盖监管事项：7次，扣7分，受第12项分值10分所限，实扣5分"
    )
    item12 = card.item("12")
    assert item12 is not None and (item12.serial, item12.points, item12.score) == (
        "12",
        Decimal("10"),
        Decimal("0"),
    )
    assert [r.id for r in item12.rules] == ["12a", "12b"]
    g3 = card.indicator("G3")
    assert g3 is not None and g3.indicators is None and g3.items == (item12,)
    assert card.rule("nope") is None and card.item("nope") is None and card.indicator("nope") is None


def test_amounts_are_decimals_and_add_up(seed: ducha.Engine, sample_bytes: bytes) -> None:
    card = seed.evaluate(sample_bytes)
    rules = list(card.rules())
    assert len(rules) == 24 and len(list(card.items())) == 13
    nodes: List[Union[ducha.Scorecard, ducha.Indicator, ducha.Item]] = [card, *card.walk(), *card.items()]
    for node in nodes:
        for amount in (node.points, node.deducted, node.score):
            assert type(amount) is Decimal, node
        assert node.score == node.points - node.deducted, node
    for rule in rules:
        assert type(rule.raw) is Decimal and type(rule.deducted) is Decimal
        assert type(rule.breaches) is int and rule.deducted <= rule.raw
    # The shares add up exactly to the total deduction, item by item too.
    assert sum((r.deducted for r in rules), Decimal(0)) == card.deducted
    for item in card.items():
        assert sum((r.deducted for r in item.rules), Decimal(0)) == item.deducted, item.id


def test_limits_pending_and_assessment(seed: ducha.Engine) -> None:
    card = seed.evaluate(
        {
            "period": {"from": "2026-01-01", "to": "2026-12-31"},
            "as_of": "2026-06-30",
            "facts": {
                "6a": 9,
                "7a": [{"start": "2026-06-25"}, {"start": "2026-03-02", "done": "2026-03-10"}],
            },
        }
    )
    r6a, r7a, r2a = card.rule("6a"), card.rule("7a"), card.rule("2a")
    assert r6a is not None and r7a is not None and r2a is not None
    assert r6a.limited_by == ducha.LimitedByCap(cap=Decimal("5")) and r6a.limited_by.kind == "cap"
    assert (r6a.raw, r6a.deducted) == (Decimal("9"), Decimal("5"))
    assert (r7a.breaches, r7a.pending, r7a.limited_by) == (0, 1, None)
    assert r6a.pending is None, "only deadline rules carry pending"
    assert (r2a.assessed, r2a.breaches, r2a.reason) == (False, 0, "")
    assert not card.is_complete
    everything = {rule.id: True for rule in card.rules()}
    assert len(everything) == 24


def test_a_complete_inspection(seed: ducha.Engine, repo: pathlib.Path) -> None:
    card = seed.evaluate(
        (repo / "tests" / "conformance" / "seed-all-breached" / "inspection.json").read_bytes()
    )
    assert card.is_complete
    assert card.score == Decimal("2")


def test_nested_indicators(repo: pathlib.Path) -> None:
    case = repo / "tests" / "conformance" / "nested-rubric"
    engine = ducha.Engine((case / "rubric.json").read_bytes())
    card = engine.evaluate((case / "inspection.json").read_bytes())
    top = card.indicators[0]
    assert top.items is None and top.indicators is not None
    assert [i.id for i in card.walk()][:3] == ["A", "A1", top.indicators[1].id]
    assert card.indicator("A1") is top.indicators[0]
    assert card.to_json() == engine.evaluate_json((case / "inspection.json").read_bytes())


def _case(repo: pathlib.Path, name: str) -> ducha.Scorecard:
    case = repo / "tests" / "conformance" / name
    engine = ducha.Engine((case / "rubric.json").read_bytes())
    return engine.evaluate((case / "inspection.json").read_bytes())


def test_card_outcomes_typed(repo: pathlib.Path) -> None:
    card = _case(repo, "card-outcomes")
    assert (card.score, card.base, card.grade) == (Decimal("88.5"), Decimal("87.5"), "良好")
    assert card.rescaled == ducha.Rescaled(applicable=Decimal("80"), earned=Decimal("70"))
    assert card.bonus is not None and (card.bonus.cap, card.bonus.credited, card.bonus.counted) == (
        Decimal("3"),
        Decimal("3"),
        Decimal("3"),
    )
    assert card.penalties is not None
    assert card.penalties.deducted == Decimal("2") and card.penalties.cap is None
    assert card.vetoes is None and card.vetoed is None
    rule = card.rule("b2")
    assert rule is not None and rule.applicable is False and not rule.assessed
    # The sections' rules are found by id, and a not-applicable rule counts
    # as answered.
    assert all(card.rule(r.id) is r for item in card.bonus.items for r in item.rules)
    assert all(card.item(i.id) is i for i in card.penalties.items)


def test_vetoes_typed(repo: pathlib.Path) -> None:
    card = _case(repo, "card-veto")
    assert (card.score, card.grade, card.base, card.vetoed) == (
        Decimal("59"),
        "不合格",
        Decimal("26"),
        Decimal("19"),
    )
    assert card.vetoes == (
        ducha.Veto("a2", "card", "card", before=Decimal("26"), score=Decimal("59"), grade="不合格"),
        ducha.Veto("c1", "item", "C1", before=Decimal("19"), score=Decimal("0"), grade=None),
    )
    assert card.bonus is not None and card.bonus.counted == 0 and card.bonus.credited == 2


def test_exclusive_and_exempt_typed(repo: pathlib.Path) -> None:
    card = _case(repo, "shapes")
    ten = card.rule("10a")
    assert ten is not None and ten.limited_by == ducha.LimitedByExclusive(kept="10b")
    assert ten.limited_by.kind == "exclusive"
    nine = card.rule("9a")
    assert nine is not None and nine.exempt == 1
    assert card.grade is None and card.bonus is None and card.vetoes is None


def test_frozen_hashable_picklable(seed: ducha.Engine, sample_bytes: bytes) -> None:
    card = seed.evaluate(sample_bytes)
    with pytest.raises(dataclasses.FrozenInstanceError):
        card.score = Decimal("100")  # type: ignore[misc]
    rule = card.rule("1a")
    assert rule is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.reason = ""  # type: ignore[misc]
    assert hash(card) == hash(seed.evaluate(sample_bytes))
    assert card == seed.evaluate(sample_bytes) and card != seed.evaluate({})
    back = pickle.loads(pickle.dumps(card))
    assert back == card and back.to_json() == card.to_json()
    assert dataclasses.replace(rule, reason="x").reason == "x" and rule.reason != "x"


def test_reasons_with_any_text_write_back_the_same_bytes(seed: ducha.Engine) -> None:
    # Notes are copied into reasons as given: control characters, quotes,
    # backslashes, Chinese, emoji, a line separator.
    notes = ['甲县"引号"', "乙区\\反斜杠", "丙市\n换行\t制表", "丁县\u0000\u0001\u001f\u007f", "戊县😀\u2028"]
    raw = seed.evaluate_json({"facts": {"8a": [{"note": n} for n in notes]}})
    card = ducha.Scorecard.from_json(raw)
    assert card.to_json() == raw
    rule = card.rule("8a")
    assert rule is not None and all(n in rule.reason for n in notes)
    assert json.loads(raw) == card.to_dict()


def _sample_dict(seed: ducha.Engine, sample_bytes: bytes) -> Dict[str, Any]:
    value: Dict[str, Any] = json.loads(seed.evaluate_json(sample_bytes))
    return value


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(extra=1), r"^`scorecard`: unknown field `extra`$"),
        (lambda d: d.pop("score"), r"^`scorecard`: missing field `score`$"),
        (
            lambda d: d.update(score=69.5),
            r"^`scorecard\.score`: expected a decimal string, got the number 69\.5$",
        ),
        (lambda d: d.update(score="6.95E+1"), r"^`scorecard\.score`: expected a decimal string"),
        (lambda d: d.update(score="1_000"), r"^`scorecard\.score`: expected a decimal string"),
        (lambda d: d.update(indicators={}), r"^`scorecard\.indicators`: expected a list, got an object$"),
        (
            lambda d: d["indicators"][0]["items"][0]["rules"][0].update(breaches=-1),
            r"^`indicators\[0\]\.items\[0\]\.rules\[0\]\.breaches`: "
            r"expected a whole number, got the number -1$",
        ),
        (
            lambda d: d["indicators"][0]["items"][0]["rules"][0].update(assessed=1),
            r"^`indicators\[0\]\.items\[0\]\.rules\[0\]\.assessed`: expected true or false",
        ),
        (
            lambda d: d["indicators"][2]["items"][0]["rules"][1].update(
                limited_by={"kind": "cap", "cap": "5", "id": "x"}
            ),
            r"^`indicators\[2\]\.items\[0\]\.rules\[1\]\.limited_by`: unknown field `id`$",
        ),
        (
            lambda d: d["indicators"][2]["items"][0]["rules"][1].update(limited_by={"kind": "total"}),
            r"^`indicators\[2\]\.items\[0\]\.rules\[1\]\.limited_by\.kind`: unknown limit `total`$",
        ),
        (lambda d: d["indicators"][0].pop("name"), r"^`indicators\[0\]`: missing field `name`$"),
    ],
)
def test_reading_json_is_strict(seed: ducha.Engine, sample_bytes: bytes, change: Any, message: str) -> None:
    value = _sample_dict(seed, sample_bytes)
    change(value)
    with pytest.raises(ValueError, match=message):
        ducha.Scorecard.from_json(json.dumps(value))


def test_reading_bad_json_says_so() -> None:
    with pytest.raises(ValueError, match="^scorecard JSON: Expecting property name"):
        ducha.Scorecard.from_json("{")
    with pytest.raises(ValueError, match="^`scorecard`: expected an object, got a list$"):
        ducha.Scorecard.from_json("[]")


def test_diagnostics(seed: ducha.Engine) -> None:
    diagnostics = seed.diagnostics()
    assert [(d.code, d.id) for d in diagnostics] == [
        ("unbounded-rule", "1a"),
        ("serial-gap", "11-1"),
        ("duplicate-serial", "11-2"),
        ("exceeds-points", "12"),
    ]
    assert diagnostics[2].message == "serial `11` is also printed by item `11-1`"
    assert json.loads(seed.diagnostics_json()) == {"diagnostics": [d.to_dict() for d in diagnostics]}
    assert ducha.validate(seed.rubric_json()) == diagnostics
    assert ducha.validate_json(seed.rubric_json()) == seed.diagnostics_json()


def test_the_typed_model_follows_the_scorecard_schema(repo: pathlib.Path) -> None:
    # Field for field: each dataclass has exactly the properties of its
    # object in schemas/scorecard.schema.json (the JSON names; `kind` is the
    # limits' class constant).
    schema = json.loads((repo / "schemas" / "scorecard.schema.json").read_bytes())
    defs = schema["$defs"]

    def fields(cls: Any) -> Set[str]:
        return {f.name for f in dataclasses.fields(cls)}

    pairs = [
        (ducha.Scorecard, schema["properties"]),
        (ducha.Indicator, defs["indicator"]["properties"]),
        (ducha.Item, defs["item"]["properties"]),
        (ducha.Rule, defs["rule"]["properties"]),
        (ducha.BonusItem, defs["bonusItem"]["properties"]),
        (ducha.Bonus, defs["bonus"]["properties"]),
        (ducha.Penalties, defs["penalties"]["properties"]),
        (ducha.Veto, defs["veto"]["properties"]),
        (ducha.Rescaled, defs["rescaled"]["properties"]),
    ]
    for cls, properties in pairs:
        assert fields(cls) == set(properties), cls.__name__
    limits = [o for o in defs["limit"]["oneOf"] if "properties" in o]
    kinds = {o["properties"]["kind"]["const"]: set(o["properties"]) - {"kind"} for o in limits}
    assert kinds == {
        cls.kind: fields(cls) for cls in (ducha.LimitedByCap, ducha.LimitedByNode, ducha.LimitedByExclusive)
    }
