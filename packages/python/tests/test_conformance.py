"""Every case of tests/conformance, byte for byte, through the package: the
same bytes as the Rust API, the C ABI and the WebAssembly module."""

from __future__ import annotations

import json
import pathlib
from decimal import Decimal
from typing import Any, List, Tuple

import pytest

import ducha


def engine_for(case: pathlib.Path) -> ducha.Engine:
    rubric = case / "rubric.json"
    return ducha.Engine(rubric.read_bytes()) if rubric.exists() else ducha.Engine.seed()


def output(engine: ducha.Engine, inspection: Any) -> str:
    """The scorecard JSON, or the error JSON, as every host prints it."""
    try:
        return engine.evaluate_json(inspection)
    except ducha.DuchaError as e:
        return e.to_json()


def test_the_cases_are_there(all_cases: List[pathlib.Path]) -> None:
    names = {case.name for case in all_cases}
    assert {"seed-sample", "seed-empty", "nested-rubric", "error-syntax"} <= names, names
    assert len(all_cases) >= 13, names


def test_bytes_give_the_expected_bytes(case: pathlib.Path) -> None:
    out = output(engine_for(case), (case / "inspection.json").read_bytes())
    assert (out + "\n").encode("utf-8") == (case / "expected.json").read_bytes(), case.name


def test_str_gives_the_expected_bytes(case: pathlib.Path) -> None:
    text = (case / "inspection.json").read_text("utf-8")
    out = output(engine_for(case), text)
    assert (out + "\n").encode("utf-8") == (case / "expected.json").read_bytes(), case.name


def test_a_rubric_given_as_text_or_a_dict_loads_alike(rubric_case: pathlib.Path) -> None:
    rubric = rubric_case / "rubric.json"
    inspection = (rubric_case / "inspection.json").read_bytes()
    expected = output(engine_for(rubric_case), inspection)
    assert output(ducha.Engine(rubric.read_text("utf-8")), inspection) == expected, rubric_case.name
    assert output(ducha.Engine(_as_dict(rubric)), inspection) == expected, rubric_case.name


def test_typed_scorecard_matches_the_raw_json(scorecard_case: pathlib.Path) -> None:
    engine = engine_for(scorecard_case)
    inspection = (scorecard_case / "inspection.json").read_bytes()
    raw = engine.evaluate_json(inspection)
    card = engine.evaluate(inspection)
    # Field for field: the typed result writes back the exact text.
    assert card.to_json() == raw, scorecard_case.name
    assert card == ducha.Scorecard.from_json(raw), scorecard_case.name
    # And its values are the JSON's, typed.
    parsed = json.loads(raw)
    assert card.rubric == parsed["rubric"]
    assert (card.points, card.deducted, card.score) == tuple(
        Decimal(parsed[k]) for k in ("points", "deducted", "score")
    )
    raw_rules = list(_json_rules(parsed["indicators"]))
    for section in ("bonus", "penalties"):
        for item in parsed.get(section, {}).get("items", []):
            raw_rules.extend(item["rules"])
    typed_rules = list(card.rules())
    assert [r.id for r in typed_rules] == [r["id"] for r in raw_rules]
    for typed, rule in zip(typed_rules, raw_rules):
        assert typed.assessed is rule["assessed"], typed.id
        assert typed.breaches == rule["breaches"], typed.id
        assert typed.pending == rule.get("pending"), typed.id
        assert typed.applicable == rule.get("applicable"), typed.id
        assert typed.exempt == rule.get("exempt"), typed.id
        assert typed.rounded == rule.get("rounded"), typed.id
        assert typed.raw == Decimal(rule["raw"]) and typed.deducted == Decimal(rule["deducted"]), typed.id
        assert typed.reason == rule["reason"], typed.id
        assert (None if typed.limited_by is None else typed.limited_by.to_dict()) == rule["limited_by"], (
            typed.id
        )
        assert isinstance(typed.raw, Decimal) and isinstance(typed.deducted, Decimal), typed.id
    # The card-level outcomes, typed.
    assert card.grade == parsed.get("grade")
    assert card.base == (Decimal(parsed["base"]) if "base" in parsed else None)
    assert [v.to_dict() for v in card.vetoes or ()] == parsed.get("vetoes", [])
    assert (card.bonus.counted if card.bonus else None) == (
        Decimal(parsed["bonus"]["counted"]) if "bonus" in parsed else None
    )


def _json_rules(indicators: List[Any]) -> Any:
    for indicator in indicators:
        yield from _json_rules(indicator.get("indicators", []))
        for item in indicator.get("items", []):
            yield from item["rules"]


def _as_dict(path: pathlib.Path) -> Any:
    # The way a Python host reads a JSON file so that no decimal is lost.
    return json.loads(path.read_text("utf-8"), parse_float=Decimal)


def test_dict_inputs_give_the_same_bytes(scorecard_case: pathlib.Path) -> None:
    rubric = scorecard_case / "rubric.json"
    engine = ducha.Engine(_as_dict(rubric)) if rubric.exists() else ducha.Engine.seed()
    out = engine.evaluate_json(_as_dict(scorecard_case / "inspection.json"))
    assert (out + "\n").encode("utf-8") == (scorecard_case / "expected.json").read_bytes(), (
        scorecard_case.name
    )


def _where(error: ducha.DuchaError) -> Tuple[str, Any, Any]:
    return (error.code, error.path, error.id)


def test_errors_raise_the_class_of_their_code(error_case: pathlib.Path) -> None:
    expected = json.loads((error_case / "expected.json").read_bytes())["error"]
    with pytest.raises(ducha.DuchaError) as raised:
        engine_for(error_case).evaluate((error_case / "inspection.json").read_bytes())
    error = raised.value
    assert type(error) is ducha.error_class(expected["code"]), error_case.name
    assert type(error) is not ducha.DuchaError, f"{error_case.name}: no class for `{expected['code']}`"
    assert (error.code, error.message, error.path, error.id) == (
        expected["code"],
        expected["message"],
        expected.get("path"),
        expected.get("id"),
    ), error_case.name


def test_errors_from_dicts_say_the_same_where(json_error_case: pathlib.Path) -> None:
    case = json_error_case
    expected = json.loads((case / "expected.json").read_bytes())["error"]
    with pytest.raises(ducha.DuchaError) as raised:
        engine_for(case).evaluate(_as_dict(case / "inspection.json"))
    # The message may quote a line and column, which are the encoder's.
    assert _where(raised.value) == (expected["code"], expected.get("path"), expected.get("id")), case.name
