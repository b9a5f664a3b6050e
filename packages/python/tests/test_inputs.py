"""Inputs: text, bytes and dicts say the same; a dict never loses a decimal
(floats are refused, Decimals written with their own digits)."""

from __future__ import annotations

import datetime
import json
import pathlib
from collections import OrderedDict
from decimal import Decimal
from typing import Any

import pytest

import ducha


def test_text_bytes_and_dict_inputs_agree(seed: ducha.Engine, sample_bytes: bytes) -> None:
    expected = seed.evaluate_json(sample_bytes)
    assert seed.evaluate_json(sample_bytes.decode("utf-8")) == expected
    assert seed.evaluate_json(bytearray(sample_bytes)) == expected
    assert seed.evaluate_json(memoryview(sample_bytes)) == expected
    as_dict = json.loads(sample_bytes, parse_float=Decimal)
    assert seed.evaluate_json(as_dict) == expected
    assert seed.evaluate_json(OrderedDict(as_dict)) == expected


@pytest.mark.parametrize(
    "value",
    [0.95, 1e-7, float("nan"), 0.0],
    ids=["0.95", "1e-7", "nan", "zero"],
)
def test_a_float_is_refused_never_rounded(seed: ducha.Engine, value: float) -> None:
    with pytest.raises(TypeError) as info:
        seed.evaluate({"facts": {"12a": value}})
    message = str(info.value)
    assert message.startswith(
        f"`facts.12a`: float {value!r} refused: a float cannot hold most decimals exactly"
    ), message
    assert f"decimal.Decimal({str(value)!r})" in message


def test_a_float_deep_inside_is_named_by_its_path(seed: ducha.Engine) -> None:
    with pytest.raises(TypeError, match=r"^`facts\.8a\[1\]\.note`: float 1\.5 refused"):
        seed.evaluate({"facts": {"8a": [{"note": "甲"}, {"note": 1.5}]}})
    with pytest.raises(TypeError, match=r"^`indicators\[0\]\.points`: float 2\.5 refused"):
        ducha.Engine({"id": "r", "title": "t", "total": "1", "indicators": [{"points": 2.5}]})


def test_decimals_keep_their_digits(seed: ducha.Engine) -> None:
    # 0.99999999999999999 as a float would be 1.0: full marks, no deduction.
    close = seed.evaluate({"facts": {"12a": Decimal("0.99999999999999999")}}).rule("12a")
    assert close is not None and close.breaches == 1 and close.deducted == Decimal("5")
    full = seed.evaluate({"facts": {"12a": Decimal("1")}}).rule("12a")
    assert full is not None and full.breaches == 0
    # Every spelling of a Decimal reads as that number.
    for spelling in ["3", "3.0", "3.000", "0.3E+1", "30E-1"]:
        rule = seed.evaluate({"facts": {"6a": Decimal(spelling)}}).rule("6a")
        assert rule is not None and rule.breaches == 3 and rule.deducted == Decimal("3"), spelling
    # A decimal no core decimal holds is refused by the core, quoted.
    with pytest.raises(ducha.InvalidInputError, match="number `1E-40` cannot be represented exactly"):
        seed.evaluate({"facts": {"12a": Decimal("1E-40")}})


@pytest.mark.parametrize(
    "value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN")]
)
def test_a_decimal_that_is_no_number_is_refused(seed: ducha.Engine, value: Decimal) -> None:
    with pytest.raises(ValueError, match=r"^`facts\.12a`: Decimal\('.*'\) is not a number JSON can hold$"):
        seed.evaluate({"facts": {"12a": value}})


def test_strings_ints_and_booleans(seed: ducha.Engine) -> None:
    card = seed.evaluate({"facts": {"12a": "96%", "6a": 2, "2a": True, "2b": False}})
    assert [(r.id, r.breaches) for r in card.rules() if r.assessed] == [
        ("2a", 1),
        ("2b", 0),
        ("6a", 2),
        ("12a", 1),
    ]
    # Integers of any size are written as their digits (the core decides).
    rule = seed.evaluate({"facts": {"6a": 2**64 - 1}}).rule("6a")
    assert rule is not None and rule.breaches == 2**64 - 1 and rule.deducted == Decimal("5")
    with pytest.raises(ducha.OutOfDomainError):
        seed.evaluate({"facts": {"6a": 2**64}})


def test_dates_and_tuples(seed: ducha.Engine) -> None:
    as_text = {
        "period": {"from": "2026-01-01", "to": "2026-12-31"},
        "facts": {"1a": ["2026-02-10", "2026-05-12"], "7a": [{"start": "2026-03-02", "done": "2026-04-20"}]},
    }
    as_objects = {
        "period": {"from": datetime.date(2026, 1, 1), "to": datetime.date(2026, 12, 31)},
        "facts": {
            "1a": (datetime.date(2026, 2, 10), datetime.date(2026, 5, 12)),
            "7a": [{"start": datetime.date(2026, 3, 2), "done": datetime.date(2026, 4, 20)}],
        },
    }
    assert seed.evaluate_json(as_objects) == seed.evaluate_json(as_text)
    with pytest.raises(TypeError, match=r"^`period\.from`: datetime '2026-01-01T08:00:00' refused"):
        seed.evaluate({"period": {"from": datetime.datetime(2026, 1, 1, 8), "to": "2026-12-31"}})


def test_none_is_null(seed: ducha.Engine) -> None:
    # A case's absent `done` written as null, as Jackson and System.Text.Json write it.
    card = seed.evaluate(
        {
            "period": {"from": "2026-01-01", "to": "2026-12-31"},
            "facts": {"7a": [{"start": "2026-03-02", "done": None}]},
        }
    )
    rule = card.rule("7a")
    assert rule is not None and rule.breaches == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({1: True}, r"^`facts`: key 1 refused: JSON object keys are str$"),
        ({"2a": {True}}, r"^`facts\.2a`: a `set` cannot be written as JSON"),
        ({"2a": object()}, r"^`facts\.2a`: a `object` cannot be written as JSON"),
        ({"2a": b"yes"}, r"^`facts\.2a`: a `bytes` cannot be written as JSON"),
    ],
)
def test_values_json_cannot_hold_are_refused(seed: ducha.Engine, value: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        seed.evaluate({"facts": value})


def test_strings_are_escaped(seed: ducha.Engine) -> None:
    note = '引号"反斜杠\\换行\n制表\t控制\u0001\u001f删除\u007f表情😀\u2028'
    card = seed.evaluate({"facts": {"11c": {"note": note}}})
    rule = card.rule("11c")
    assert rule is not None and note in rule.reason


def test_a_rubric_from_its_own_json_and_as_a_dict(seed: ducha.Engine, sample_bytes: bytes) -> None:
    expected = seed.evaluate_json(sample_bytes)
    text = seed.rubric_json()
    assert ducha.Engine(text).evaluate_json(sample_bytes) == expected
    assert ducha.Engine(json.loads(text)).evaluate_json(sample_bytes) == expected
    assert ducha.Engine(text).rubric_json() == text


def test_a_path_is_read_as_bytes(seed: ducha.Engine, sample_bytes: bytes, repo: pathlib.Path) -> None:
    sample = repo / "examples" / "data" / "yuxi-sample.json"
    assert seed.evaluate_json(sample) == seed.evaluate_json(sample_bytes)
    with pytest.raises(FileNotFoundError):
        seed.evaluate(repo / "no-such-file.json")
    # A str is JSON text, never a path.
    with pytest.raises(ducha.JsonSyntaxError):
        seed.evaluate(str(sample))


def test_a_file_of_the_repository_as_bytes(repo: pathlib.Path) -> None:
    rubric = repo / "examples" / "school_safety.json"
    engine = ducha.Engine(rubric.read_bytes())
    assert engine.evaluate({}).score == engine.evaluate({}).points
    assert (
        ducha.Engine(json.loads(rubric.read_bytes(), parse_float=Decimal)).rubric_json()
        == engine.rubric_json()
    )
